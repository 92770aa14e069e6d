//! The manifest: for every corpus file, what was indexed from it and the
//! facts (size, mtime, content hash, catalog entry) that tell whether it has
//! changed since. It lives beside the index and is tied to a commit by its
//! hash, stored as the commit's payload, so a crash between the two can be
//! detected.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

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
    /// the commit that follows; [`Manifest::publish`] makes it live after
    /// the commit.
    pub fn stage(&self, dir: &Path) -> Result<String> {
        let path = dir.join(STAGED_NAME);
        let io = |e: std::io::Error| Error::io(&path, e);
        // Streamed to the file and hashed on the way: at 200,000 files
        // the manifest is tens of megabytes.
        let file = std::fs::File::create(&path).map_err(io)?;
        let mut out = Hashing {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            hasher: blake3::Hasher::new(),
        };
        serde_json::to_writer(&mut out, self).map_err(|e| io(e.into()))?;
        out.inner.flush().map_err(io)?;
        let commit = Commit {
            manifest: out.hasher.finalize().to_hex().to_string(),
            spun_documents: self.total(|s| s.spun.len()),
        };
        Ok(serde_json::to_string(&commit).expect("a commit payload always serialises"))
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

    pub fn total(&self, count: impl Fn(&FileState) -> usize) -> usize {
        self.files.values().map(count).sum()
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
