//! tantivy's memory-mapped directory, made to open an index that accord
//! may not write to (a shared or archived index, a read-only mount).
//!
//! tantivy takes a lock file before it opens segments for reading, so that
//! a writer's clean-up cannot delete them meanwhile; the lock file is
//! created, and opened for writing, even by a reader. Where that is refused
//! (no write permission, a read-only file system), the lock is taken on the
//! file opened for reading instead: `flock` needs no write access, so a
//! writer with the rights the reader lacks is still kept out. When the
//! file does not exist and cannot be made, no writer has ever worked in the
//! folder, and none that could would be stopped by us anyway: the reader
//! goes on without a lock.
//!
//! A build reads segments only to merge them, once, front to back. Mapped,
//! every page a merge touches stays resident until the merge ends (on the
//! 1 GB bench corpus 300–450 MB on top of the indexing memory), so a build
//! reads into buffers of its own instead ([`Tolerant::for_building`]),
//! which are freed as soon as tantivy is done with them.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, OwnedBytes,
    WatchCallback, WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// An [`MmapDirectory`] whose locks also work without write access.
#[derive(Clone, Debug)]
pub struct Tolerant {
    root: std::path::PathBuf,
    inner: MmapDirectory,
    /// Files are read into owned buffers rather than mapped.
    copied_reads: bool,
}

impl Tolerant {
    /// For searching: files are mapped, so pages read once stay cached.
    pub fn open(dir: &Path) -> tantivy::Result<Tolerant> {
        Ok(Tolerant {
            root: dir.to_path_buf(),
            inner: MmapDirectory::open(dir)?,
            copied_reads: false,
        })
    }

    /// For building: files are read into buffers freed after use, so that
    /// merges do not keep what they have read resident.
    pub fn for_building(dir: &Path) -> tantivy::Result<Tolerant> {
        Ok(Tolerant {
            copied_reads: true,
            ..Tolerant::open(dir)?
        })
    }
}

/// A file read with `pread` into a buffer per read.
#[derive(Debug)]
struct CopiedFile {
    file: File,
    len: usize,
}

impl HasLen for CopiedFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for CopiedFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let mut buffer = vec![0; range.len()];
        read_exact_at(&self.file, &mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// Whether `err` means "this may not be written here".
pub fn is_read_only(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    ) || err.raw_os_error() == Some(libc::EPERM)
}

/// The lock taken on `path` opened for reading; `None` when it does not
/// exist.
fn read_only_lock(path: &Path, blocking: bool) -> Result<Option<File>, LockError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LockError::wrap_io_error(e)),
    };
    if blocking {
        file.lock().map_err(LockError::wrap_io_error)?;
    } else {
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(LockError::LockBusy),
            Err(std::fs::TryLockError::Error(e)) => return Err(LockError::wrap_io_error(e)),
        }
    }
    Ok(Some(file))
}

impl Directory for Tolerant {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if !self.copied_reads {
            return self.inner.get_file_handle(path);
        }
        let full = self.root.join(path);
        let error = |e: io::Error| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
        };
        let file = File::open(&full).map_err(error)?;
        let len = file.metadata().map_err(error)?.len() as usize;
        Ok(Arc::new(CopiedFile { file, len }))
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        if !self.copied_reads {
            return self.inner.open_read(path);
        }
        self.get_file_handle(path).map(FileSlice::new)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e)) if is_read_only(&e) => {
                let path = self.root.join(&lock.filepath);
                Ok(match read_only_lock(&path, lock.is_blocking)? {
                    Some(file) => DirectoryLock::from(Box::new(file)),
                    None => DirectoryLock::from(Box::new(())),
                })
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_file_that_cannot_be_written_is_locked_through_a_read_handle() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".lock");
        assert!(read_only_lock(&path, false).unwrap().is_none(), "no file");
        std::fs::write(&path, "").unwrap();
        let held = read_only_lock(&path, false).unwrap();
        assert!(held.is_some());
        // A second holder is refused while the first holds it.
        assert!(matches!(
            read_only_lock(&path, false),
            Err(LockError::LockBusy)
        ));
        drop(held);
        assert!(read_only_lock(&path, false).unwrap().is_some());
    }
}
