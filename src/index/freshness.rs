//! A cheap answer, before every search, to "has the corpus changed since
//! the index was last brought up to date?".
//!
//! After each build a stamp records the modification time of every corpus
//! folder and of the catalog. Adding, removing or renaming a file changes
//! its folder's time, and so do editors that save by writing a new file
//! and renaming it over the old one. For small corpora (up to
//! [`FILE_CHECK_LIMIT`] files) the stamp also keeps every file's size and
//! time, so edits made in place are noticed too. Checking costs one `stat`
//! per folder (plus one per file for small corpora) and never reads or
//! hashes a file. On larger corpora a file edited in place is picked up by
//! the next `accord index`, or by `accord serve`, whose watcher checks
//! every file in the background against [`FileStamps`], a list written
//! beside the stamp and read once per index it serves.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::{self, catalog, Listing};

/// Corpora with at most this many files get every file checked.
pub const FILE_CHECK_LIMIT: usize = 1_000;

const FILE_NAME: &str = "freshness.json";
/// Every file's size and time, whatever the corpus's size: too long to
/// read before each command, which checks [`Stamp`] alone.
const FILES_NAME: &str = "freshness-files.json";

#[derive(Debug, Serialize, Deserialize)]
struct Stamp {
    dirs: Vec<(String, u128)>,
    /// The catalog's modification time, `None` when there is no catalog.
    catalog: Option<u128>,
    /// Each file's relative path, size and time, for small corpora.
    files: Option<Vec<(String, u64, u128)>>,
    /// Files that could not be read: making one readable changes neither
    /// its size nor its time, so each is tried (opened) again.
    #[serde(default)]
    unreadable: Vec<String>,
}

fn catalog_mtime(corpus: &Path) -> Option<u128> {
    std::fs::metadata(corpus.join(catalog::FILE_NAME))
        .ok()
        .map(|m| corpus::mtime_of(&m))
}

/// Records the state of the corpus as of `listing` in the index `dir`, with
/// the files (relative paths) the build could not read.
/// Failing to write it only makes the next check answer "changed".
pub fn record(dir: &Path, corpus: &Path, listing: &Listing, unreadable: &[&str]) {
    let files: Vec<(String, u64, u128)> = listing
        .files
        .iter()
        .map(|f| (f.rel.clone(), f.size, f.mtime))
        .collect();
    // The list first: a watcher that sees the new stamp then finds the
    // list that goes with it.
    write(
        dir,
        FILES_NAME,
        &FileStamps {
            files: files.clone(),
        },
    );
    let stamp = Stamp {
        dirs: listing.dirs.clone(),
        catalog: catalog_mtime(corpus),
        files: (files.len() <= FILE_CHECK_LIMIT).then_some(files),
        unreadable: unreadable.iter().map(|rel| rel.to_string()).collect(),
    };
    write(dir, FILE_NAME, &stamp);
}

/// Writes `value` to `dir/name` through a temporary file and a rename.
fn write(dir: &Path, name: &str, value: &impl Serialize) {
    let tmp = dir.join(format!("{name}.new"));
    let bytes = serde_json::to_vec(value).expect("a stamp always serialises");
    if std::fs::write(&tmp, bytes).is_ok() {
        let _ = std::fs::rename(&tmp, dir.join(name));
    }
}

/// Every corpus file's size and time as of the last build, for checking
/// file by file on corpora of any size.
#[derive(Debug, Serialize, Deserialize)]
pub struct FileStamps {
    files: Vec<(String, u64, u128)>,
}

impl FileStamps {
    /// The list written with the stamp in `dir`; `None` for an index built
    /// before there was one (its stamp alone is checked then).
    pub fn load(dir: &Path) -> Option<FileStamps> {
        let bytes = std::fs::read(dir.join(FILES_NAME)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Whether every file still has its size and time: one `stat` each
    /// (22,000 take some 30 ms), so for a background check only.
    pub fn unchanged(&self, corpus: &Path) -> bool {
        self.files.iter().all(|(rel, size, mtime)| {
            std::fs::metadata(corpus::corpus_path(corpus, rel))
                .is_ok_and(|m| m.len() == *size && corpus::mtime_of(&m) == *mtime)
        })
    }
}

/// Whether the corpus looks unchanged since the stamp in `dir` was written.
/// Any doubt (no stamp, a folder gone, a time moved) answers `false`.
pub fn unchanged(dir: &Path, corpus: &Path) -> bool {
    let Ok(bytes) = std::fs::read(dir.join(FILE_NAME)) else {
        return false;
    };
    let Ok(stamp) = serde_json::from_slice::<Stamp>(&bytes) else {
        return false;
    };
    let same_time = |rel: &str, mtime: u128| {
        std::fs::metadata(corpus::corpus_path(corpus, rel))
            .is_ok_and(|m| corpus::mtime_of(&m) == mtime)
    };
    stamp.catalog == catalog_mtime(corpus)
        && stamp.dirs.iter().all(|(rel, mtime)| same_time(rel, *mtime))
        && stamp.files.iter().flatten().all(|(rel, size, mtime)| {
            std::fs::metadata(corpus::corpus_path(corpus, rel))
                .is_ok_and(|m| m.len() == *size && corpus::mtime_of(&m) == *mtime)
        })
        && stamp
            .unreadable
            .iter()
            .all(|rel| std::fs::File::open(corpus::corpus_path(corpus, rel)).is_err())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_notices_new_files_and_in_place_edits_in_small_corpora() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("c");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        std::fs::write(corpus.join("sub/a.txt"), "one").unwrap();
        let record_now = || {
            let listing = corpus::list_files(&corpus, &dir.path().join("index")).unwrap();
            record(dir.path(), &corpus, &listing, &[]);
        };
        record_now();
        assert!(unchanged(dir.path(), &corpus));

        std::fs::write(corpus.join("sub/a.txt"), "two, longer").unwrap();
        assert!(!unchanged(dir.path(), &corpus), "in-place edit");
        record_now();
        std::thread::sleep(std::time::Duration::from_millis(10));
        std::fs::write(corpus.join("sub/b.txt"), "new").unwrap();
        assert!(!unchanged(dir.path(), &corpus), "new file");
        record_now();
        std::fs::write(corpus.join(catalog::FILE_NAME), "").unwrap();
        assert!(!unchanged(dir.path(), &corpus), "new catalog");
    }

    #[test]
    fn file_stamps_notice_in_place_edits_beyond_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("c");
        std::fs::create_dir_all(&corpus).unwrap();
        for i in 0..=FILE_CHECK_LIMIT {
            std::fs::write(corpus.join(format!("{i}.txt")), "one").unwrap();
        }
        let listing = corpus::list_files(&corpus, &dir.path().join("index")).unwrap();
        record(dir.path(), &corpus, &listing, &[]);
        let stamps = FileStamps::load(dir.path()).unwrap();
        assert!(unchanged(dir.path(), &corpus) && stamps.unchanged(&corpus));
        std::fs::write(corpus.join("7.txt"), "two, longer").unwrap();
        // The stamp of a large corpus sees folders only; the list sees it.
        assert!(unchanged(dir.path(), &corpus));
        assert!(!stamps.unchanged(&corpus));
    }
}
