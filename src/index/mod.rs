//! Where the index lives, opening it safely, and the writer lock.
//!
//! Layout of an index directory (default `./index`):
//! `v<N>/` the tantivy index of schema version N, with `manifest.json` (what
//! was indexed from which file), `speakers.json` and
//! `speaker-documents.json` (the speaker table, see [`crate::speakers`]) beside tantivy's own files; `.lock` held by
//! whichever accord process is writing.

pub mod build;
mod directory;
pub mod freshness;
mod in_flight;
pub mod manifest;
mod merging;
pub mod prior;
pub mod schema;

use std::fs::File;
use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analysis;
use crate::error::{Error, Result};
use crate::speakers::Stored;
pub use schema::{Fields, SCHEMA_VERSION};

/// The directory of the current schema version's index under `root`.
pub fn live_dir(root: &Path) -> PathBuf {
    root.join(format!("v{SCHEMA_VERSION}"))
}

/// Whether `root` holds an index of the current version.
pub fn exists(root: &Path) -> bool {
    live_dir(root).join("meta.json").is_file()
}

/// Whether `root` holds only indexes written by another accord version.
pub fn has_other_version(root: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(root) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with('v') && name[1..].parse::<u32>().is_ok_and(|v| v != SCHEMA_VERSION)
    })
}

/// An open index, ready for searching.
pub struct Opened {
    pub index: Index,
    pub fields: Fields,
    pub reader: IndexReader,
    /// The speaker table of the commit opened, read when first needed.
    pub speakers: Stored,
    /// Document ids as ranks, for ordering tied hits without reading the
    /// ids: built by `accord serve` for the index it keeps open; `None`
    /// in a command, where building costs more than the reads it saves.
    pub doc_ranks: Option<crate::search::ties::DocRanks>,
}

/// Opens the index in `root` for reading.
pub fn open(root: &Path) -> Result<Opened> {
    let dir = live_dir(root);
    if !exists(root) {
        return Err(Error::Index(format!(
            "no index at {}; run `accord index` to build it",
            root.display()
        )));
    }
    let index = open_dir(&dir)?;
    let mut fields = schema::build_schema().1;
    let payload = index.load_metas().map_err(|e| damaged(&dir, e))?.payload;
    let speakers = Stored::new(dir.clone(), payload.clone());
    fields.restored_in_use = payload
        .as_deref()
        .and_then(manifest::Commit::parse)
        .is_none_or(|c| c.spun_documents > 0);
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| damaged(&dir, e))?;
    Ok(Opened {
        index,
        fields,
        reader,
        speakers,
        doc_ranks: None,
    })
}

/// Opens the tantivy index in `dir` for searching, checking that its schema
/// is ours.
pub(crate) fn open_dir(dir: &Path) -> Result<Index> {
    open_with(dir, directory::Tolerant::open(dir))
}

/// Opens the tantivy index in `dir` to add to it, checking that its schema
/// is ours; see [`directory::Tolerant::for_building`].
pub(crate) fn open_dir_for_building(dir: &Path) -> Result<Index> {
    open_with(dir, directory::Tolerant::for_building(dir))
}

fn open_with(dir: &Path, directory: tantivy::Result<directory::Tolerant>) -> Result<Index> {
    let index = directory
        .and_then(Index::open)
        .map_err(|e| damaged(dir, e))?;
    if index.schema() != schema::build_schema().0 {
        return Err(Error::Index(format!(
            "index {} was built by another version of accord; run `accord index --rebuild`",
            dir.display()
        )));
    }
    analysis::register(&index);
    Ok(index)
}

fn damaged(dir: &Path, err: tantivy::TantivyError) -> Error {
    Error::Index(format!(
        "index {} is damaged or unreadable ({}); run `accord index --rebuild` to build it anew",
        dir.display(),
        crate::error::tantivy_reason(&err)
    ))
}

/// Exclusive right to write the index under `root`, held until dropped.
pub struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Takes the lock without waiting; a clear error if another accord
    /// process holds it.
    pub fn acquire(root: &Path) -> Result<WriteLock> {
        if root.exists() && !root.is_dir() {
            return Err(Error::Index(format!(
                "index {} is a file, not a folder; pass --index with a folder, or move the file away",
                root.display()
            )));
        }
        let read_only = |e: std::io::Error, path: &Path| {
            if directory::is_read_only(&e) {
                Error::ReadOnly(format!(
                    "index {} is read-only ({}: {e}); updating it needs write access \
                     (search it as it is with --no-refresh)",
                    root.display(),
                    path.display()
                ))
            } else {
                Error::io(path, e)
            }
        };
        std::fs::create_dir_all(root).map_err(|e| read_only(e, root))?;
        let path = root.join(".lock");
        let file = File::create(&path).map_err(|e| read_only(e, &path))?;
        // The lock file may be writable where the index folder is not
        // (`chmod a-w` on the folder alone): find out before any work.
        let live = live_dir(root);
        if live.is_dir() {
            writable(&live).map_err(|e| read_only(e, &live))?;
        }
        match file.try_lock() {
            Ok(()) => Ok(WriteLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked(format!(
                "index {} is locked: another accord process is updating it; wait for it to finish and try again",
                root.display()
            ))),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

/// Whether this process may create files in `dir`, by `access(2)`: no file
/// is made to find out.
#[cfg(unix)]
fn writable(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    // SAFETY: `path` is a NUL-terminated string that outlives the call.
    if unsafe { libc::access(path.as_ptr(), libc::W_OK) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
fn writable(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
