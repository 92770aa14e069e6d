//! The corpus: which files it holds, and reading each into documents with
//! metadata and cleaned paragraphs, whatever its format.

pub mod catalog;
pub mod clean;
pub mod detect;
pub mod extract;
pub mod html;
pub mod mail;
pub mod markdown;
pub mod pdf;
pub mod text;

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::error::{Error, Result};
pub use catalog::Catalog;
use detect::Format;
pub use extract::{Extracted, Metadata, Paragraph};

/// Files over this size are skipped with a warning: no research document is
/// this large, and reading one would hold it all in memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Files at the corpus root that configure accord rather than hold text.
const CONFIG_FILES: [&str; 2] = [catalog::FILE_NAME, "aliases.toml"];

/// A file found in the corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Path relative to the corpus directory, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub mtime: u128,
}

/// A document ready for passage splitting: resolved metadata and paragraphs.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's identifier in citations: the file's relative path, or
    /// `archive.mbox#3` for the third message of an archive.
    pub id: String,
    /// The relative path of the file it came from.
    pub file: String,
    pub title: String,
    pub kind: String,
    pub meta: Metadata,
    pub paragraphs: Vec<Paragraph>,
}

/// What a walk of the corpus found.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Files, sorted by relative path.
    pub files: Vec<CorpusFile>,
    /// Folders (relative paths, `""` for the corpus itself) with their
    /// modification times in nanoseconds since the epoch.
    pub dirs: Vec<(String, u128)>,
}

/// Modification time in nanoseconds since the epoch, 0 when unknown.
pub fn mtime_of(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Lists the corpus's files and folders. Hidden files and the corpus's own
/// configuration files are left out.
pub fn list_files(corpus: &Path) -> Result<Listing> {
    match std::fs::metadata(corpus) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::Corpus(format!(
                "corpus {} is not a directory; pass a folder of documents with --corpus",
                corpus.display()
            )))
        }
        Err(_) => {
            return Err(Error::Corpus(format!(
            "corpus directory {} does not exist; create it and add documents, or pass --corpus DIR",
            corpus.display()
        )))
        }
    }
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    let walker = walkdir::WalkDir::new(corpus)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            // A dangling link or an unreadable folder: listed, so that
            // reading it fails with a warning naming it, and the rest of the
            // corpus still indexes.
            Err(e) => {
                if let Some(path) = e.path().filter(|p| *p != corpus) {
                    files.push(CorpusFile {
                        rel: relative(corpus, path),
                        path: path.to_path_buf(),
                        size: 0,
                        mtime: 0,
                    });
                }
                continue;
            }
        };
        if entry.file_type().is_dir() {
            if let Ok(meta) = entry.metadata() {
                dirs.push((relative(corpus, entry.path()), mtime_of(&meta)));
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(corpus, entry.path());
        if CONFIG_FILES.contains(&rel.as_str()) {
            continue;
        }
        let meta = entry
            .metadata()
            .map_err(|e| Error::Corpus(format!("cannot read {}: {e}", entry.path().display())))?;
        files.push(CorpusFile {
            rel,
            path: entry.path().to_path_buf(),
            size: meta.len(),
            mtime: mtime_of(&meta),
        });
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(Listing { files, dirs })
}

/// `path` relative to `corpus`, `/`-separated on every platform.
fn relative(corpus: &Path, path: &Path) -> String {
    path.strip_prefix(corpus)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why a file yielded no documents; shown as a warning naming the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped(pub String);

/// Reads `bytes` (the content of `file`) into its documents, applying the
/// catalog. Non-fatal problems are pushed onto `warnings`.
pub fn read_documents(
    file: &CorpusFile,
    bytes: &[u8],
    catalog: &Catalog,
    warnings: &mut Vec<String>,
) -> std::result::Result<Vec<Document>, Skipped> {
    if bytes.is_empty() {
        return Err(Skipped("empty file".into()));
    }
    let head = &bytes[..bytes.len().min(detect::HEAD_LEN)];
    let format = detect::detect(Path::new(&file.rel), head);
    let extracted =
        match format {
            Format::Unknown => return Err(Skipped(
                "binary or unknown file type; accord reads text, Markdown, HTML, PDF and e-mail"
                    .into(),
            )),
            Format::Pdf => vec![pdf::read_pdf(bytes).map_err(Skipped)?],
            Format::Mail => mail::read_mail(bytes).map_err(Skipped)?,
            Format::Html => vec![html::read_html(&decode_text(bytes, warnings))],
            Format::Markdown => vec![markdown::read_markdown(&decode_text(bytes, warnings))],
            Format::Text => {
                let text = decode_text(bytes, warnings);
                let (front, body) = markdown::read_plain_front_matter(&text);
                let mut doc = text::read_text(body);
                // Front matter wins over what the text reader inferred.
                doc.meta.override_with(front);
                vec![doc]
            }
        };
    let many = extracted.len() > 1;
    let mut documents = Vec::new();
    for (i, mut doc) in extracted.into_iter().enumerate() {
        warnings.append(&mut doc.warnings);
        let id = if many {
            format!("{}#{}", file.rel, i + 1)
        } else {
            file.rel.clone()
        };
        if let Some(entry) = catalog.entry(&id) {
            doc.meta.override_with(entry.clone());
        }
        let title = doc
            .meta
            .title
            .clone()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| infer_title(&doc.paragraphs, &file.rel));
        let kind = doc
            .meta
            .kind
            .clone()
            .map(|k| k.to_lowercase())
            .unwrap_or_else(|| default_kind(format).into());
        documents.push(Document {
            id,
            file: file.rel.clone(),
            title,
            kind,
            meta: doc.meta,
            paragraphs: doc.paragraphs,
        });
    }
    if documents.iter().all(|d| d.paragraphs.is_empty()) {
        return Err(Skipped("no text found".into()));
    }
    Ok(documents)
}

/// The kind of a document that neither its file nor the catalog names.
fn default_kind(format: Format) -> &'static str {
    match format {
        Format::Mail => "mail",
        _ => "document",
    }
}

/// UTF-8 as is; anything else decoded as Windows-1252 (the usual encoding
/// of older Western text files), with a warning.
fn decode_text(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            warnings.push("not valid UTF-8; read as Windows-1252".into());
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
    }
}

/// The first line if it is short enough to be a heading, else the file name.
fn infer_title(paragraphs: &[Paragraph], rel: &str) -> String {
    if let Some(first) = paragraphs.first() {
        if first.text.chars().count() <= 120 {
            return first.text.clone();
        }
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .replace(['-', '_'], " ")
}
