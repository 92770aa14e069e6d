//! The manifest: for every corpus file, what was indexed from it and the
//! facts (size, mtime, content hash, catalog entry) that tell whether it has
//! changed since. It lives beside the index and is tied to a commit by its
//! hash, stored as the commit's payload, so a crash between the two can be
//! detected.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub(crate) const FILE_NAME: &str = "manifest.json";
const STAGED_NAME: &str = "manifest.json.new";

/// What each commit carries as its payload: the hash of the manifest that
/// goes with it, and facts searches need without reading the manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Commit {
    pub manifest: String,
    pub spun_documents: usize,
}

impl Commit {
    pub fn parse(payload: &str) -> Option<Commit> {
        serde_json::from_str(payload).ok()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub files: BTreeMap<String, FileState>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileState {
    pub size: u64,
    /// Nanoseconds since the epoch.
    pub mtime: u128,
    /// blake3 of the file's bytes, hex (the first 128 bits).
    pub hash: String,
    /// blake3 of the file's catalog entry (empty text when it has none).
    pub catalog: String,
    pub documents: usize,
    pub passages: usize,
    pub quotes: usize,
    /// Why the file gave no documents, when it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// The file could not be read (permissions, a dangling link): it is
    /// tried again on every build, since becoming readable need not change
    /// its size or time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unreadable: bool,
    /// Documents flagged as machine-paraphrased.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spun: Vec<String>,
    /// Who the file's documents quote, for the speaker table
    /// ([`crate::speakers::Table`]) joined at every commit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<crate::speakers::Mention>,
}

impl Manifest {
    /// The manifest of the index in `dir` whose last commit carried
    /// `payload`: the live one, or the staged one when a crash came between
    /// the commit and [`Manifest::publish`]. `None` when neither matches
    /// the commit (deleted, garbled, or a commit without payload): then
    /// the manifest cannot say what the index holds.
    pub fn load(dir: &Path, payload: Option<&str>) -> Option<Manifest> {
        let expected = payload.and_then(Commit::parse)?.manifest;
        for name in [FILE_NAME, STAGED_NAME] {
            let Ok(bytes) = std::fs::read(dir.join(name)) else {
                continue;
            };
            if blake3::hash(&bytes).to_hex().as_str() == expected {
                if let Ok(manifest) = serde_json::from_slice(&bytes) {
                    return Some(manifest);
                }
            }
        }
        None
    }

    /// Writes the manifest next to the live one and returns the payload for
    /// the commit that follows, with what its files add up to;
    /// [`Manifest::publish`] makes it live after the commit.
    pub fn stage(&self, dir: &Path) -> Result<(String, Totals)> {
        let mut staging = Staging::create(dir)?;
        for (rel, state) in &self.files {
            staging.add(rel, state)?;
        }
        staging.finish()
    }

    pub fn publish(dir: &Path) -> Result<()> {
        let from = dir.join(STAGED_NAME);
        std::fs::rename(&from, dir.join(FILE_NAME)).map_err(|e| Error::io(&from, e))
    }

    /// After a failed update: makes the staged manifest live when it is
    /// the one the last commit (`payload`) names, and removes it otherwise,
    /// since it describes an update that was not saved. Whether it was
    /// the committed one.
    pub fn settle(dir: &Path, payload: Option<&str>) -> bool {
        let staged = dir.join(STAGED_NAME);
        let Ok(bytes) = std::fs::read(&staged) else {
            return false;
        };
        let committed = payload
            .and_then(Commit::parse)
            .is_some_and(|c| blake3::hash(&bytes).to_hex().as_str() == c.manifest);
        if committed {
            let _ = Manifest::publish(dir);
        } else {
            let _ = std::fs::remove_file(&staged);
        }
        committed
    }
}

/// A manifest being written file by file, in order of path, and hashed on
/// the way. A full build writes each file's state as soon as it is known
/// rather than holding them all: on the 1 GB bench corpus (220,000 files)
/// they took about 250 MB of memory.
pub struct Staging {
    path: PathBuf,
    out: Hashing<BufWriter<File>>,
    totals: Totals,
}

impl Staging {
    /// Starts the staged manifest in `dir`, beside the live one.
    pub fn create(dir: &Path) -> Result<Staging> {
        let path = dir.join(STAGED_NAME);
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut staging = Staging {
            path,
            out: Hashing {
                inner: BufWriter::with_capacity(1 << 20, file),
                hasher: blake3::Hasher::new(),
            },
            totals: Totals::default(),
        };
        staging.write(|out| out.write_all(b"{\"files\":{"))?;
        Ok(staging)
    }

    /// Adds the state of the file at `rel`, which comes after every path
    /// added before it.
    pub fn add(&mut self, rel: &str, state: &FileState) -> Result<()> {
        let first = self.totals.files == 0;
        self.totals.add(rel, state);
        self.write(|out| {
            if !first {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, rel)?;
            out.write_all(b":")?;
            serde_json::to_writer(&mut *out, state)?;
            Ok(())
        })
    }

    /// Ends the manifest; the payload for the commit that goes with it,
    /// and what its files add up to.
    pub fn finish(mut self) -> Result<(String, Totals)> {
        self.write(|out| {
            out.write_all(b"}}")?;
            out.flush()
        })?;
        let commit = Commit {
            manifest: self.out.hasher.finalize().to_hex().to_string(),
            spun_documents: self.totals.spun.len(),
        };
        let payload = serde_json::to_string(&commit).expect("a commit payload always serialises");
        Ok((payload, self.totals))
    }

    fn write(
        &mut self,
        step: impl FnOnce(&mut Hashing<BufWriter<File>>) -> std::io::Result<()>,
    ) -> Result<()> {
        step(&mut self.out).map_err(|e| Error::io(&self.path, e))
    }
}

/// What the files of a manifest add up to.
#[derive(Debug, Default)]
pub struct Totals {
    pub files: usize,
    pub documents: usize,
    pub passages: usize,
    pub quotes: usize,
    /// Files that gave no documents, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Documents flagged as machine-paraphrased.
    pub spun: Vec<String>,
    /// Files that could not be read.
    pub unreadable: Vec<String>,
}

impl Totals {
    pub fn of(manifest: &Manifest) -> Totals {
        let mut totals = Totals::default();
        for (rel, state) in &manifest.files {
            totals.add(rel, state);
        }
        totals
    }

    fn add(&mut self, rel: &str, state: &FileState) {
        self.files += 1;
        self.documents += state.documents;
        self.passages += state.passages;
        self.quotes += state.quotes;
        if let Some(reason) = &state.skipped {
            self.skipped.push((rel.to_string(), reason.clone()));
        }
        self.spun.extend(state.spun.iter().cloned());
        if state.unreadable {
            self.unreadable.push(rel.to_string());
        }
    }
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: blake3::Hasher,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(documents: usize, skipped: Option<&str>) -> FileState {
        FileState {
            size: 10,
            mtime: 1,
            hash: "ab".into(),
            catalog: "cd".into(),
            documents,
            passages: 2 * documents,
            quotes: 1,
            skipped: skipped.map(str::to_string),
            unreadable: false,
            spun: Vec::new(),
            speakers: Vec::new(),
        }
    }

    #[test]
    fn a_manifest_staged_file_by_file_loads_back_under_its_payload() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::default();
        manifest
            .files
            .insert("a \"quoted\".txt".into(), state(1, None));
        manifest
            .files
            .insert("b.txt".into(), state(0, Some("empty")));
        let (payload, totals) = manifest.stage(dir.path()).unwrap();
        Manifest::publish(dir.path()).unwrap();
        let loaded = Manifest::load(dir.path(), Some(&payload)).expect("the payload names it");
        assert_eq!(loaded.files, manifest.files);
        assert_eq!((totals.files, totals.documents, totals.passages), (2, 1, 2));
        assert_eq!(totals.skipped, [("b.txt".to_string(), "empty".to_string())]);
        // An empty manifest is valid JSON too.
        let (payload, _) = Manifest::default().stage(dir.path()).unwrap();
        Manifest::publish(dir.path()).unwrap();
        assert!(Manifest::load(dir.path(), Some(&payload)).is_some());
    }
}
