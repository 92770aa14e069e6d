//! The one error type of the library, and how each kind maps to an exit code.

use std::fmt;
use std::path::{Path, PathBuf};

/// Everything that can stop a command. `Display` is what the user reads, so
/// every message names the input and, where there is one, the fix.
#[derive(Debug)]
pub enum Error {
    /// The query text could not be parsed (unbalanced quote, unknown field…).
    Query(String),
    /// The corpus directory is missing, empty or unreadable.
    Corpus(String),
    /// The index is missing, damaged or from another version.
    Index(String),
    /// Another accord process holds the index's write lock.
    Locked(String),
    /// The index may not be written (permissions, a read-only mount).
    ReadOnly(String),
    /// The disk holding the index is full; the failed update was undone.
    DiskFull(String),
    /// Any other bad argument or input.
    Input(String),
    /// An I/O failure on a known path.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Wraps a tantivy failure on the index at `dir`, keeping its wording
    /// (see [`tantivy_text`]).
    pub fn tantivy(dir: &Path, err: tantivy::TantivyError) -> Self {
        Error::Index(format!(
            "index {} failed: {}; if this persists run `accord index --rebuild`",
            dir.display(),
            tantivy_reason(&err)
        ))
    }

    /// A tantivy failure while reading the open index for a query.
    pub fn query_failed(err: tantivy::TantivyError) -> Self {
        Error::Index(format!(
            "reading the index failed: {}; if this persists run `accord index --rebuild`",
            tantivy_reason(&err)
        ))
    }

    /// Process exit code: every error is 2 (1 is reserved for "no results").
    pub fn exit_code(&self) -> u8 {
        2
    }
}

/// tantivy's description of a failure, without the advice it gives
/// tantivy's own users (to recreate the index with "tantivy 0.15 or
/// above"): accord's messages give accord's fix instead.
pub fn tantivy_text(err: &impl fmt::Display) -> String {
    let text = err.to_string();
    text.replace(
        "Footer magic byte mismatch. File corrupted or index was created using old an tantivy \
         version which is not supported anymore. Please use tantivy 0.15 or above to recreate \
         the index.",
        "its end is damaged: cut short or overwritten",
    )
    .replace(
        " Please use tantivy 0.15 or above to recreate the index.",
        "",
    )
}

/// A tantivy error in plain words: a file that cannot be opened is named
/// with what is wrong with it, where tantivy's own text shows the inner
/// error's debug form.
pub fn tantivy_reason(err: &tantivy::TantivyError) -> String {
    use tantivy::directory::error::OpenReadError;
    match err {
        tantivy::TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            format!("{} is missing", path.display())
        }
        tantivy::TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            format!("{}: {}", filepath.display(), tantivy_text(io_error))
        }
        other => tantivy_text(other),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Query(msg) => write!(f, "bad query: {msg}"),
            Error::Corpus(msg)
            | Error::Index(msg)
            | Error::Locked(msg)
            | Error::ReadOnly(msg)
            | Error::DiskFull(msg)
            | Error::Input(msg) => f.write_str(msg),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {}
