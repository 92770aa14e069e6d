//! The corpus: which files it holds, and reading each into documents with
//! metadata and cleaned paragraphs, whatever its format.

pub mod catalog;
pub mod clean;
pub mod detect;
pub mod extract;
pub mod html;
pub mod listing;
pub mod mail;
pub mod markdown;
pub mod office;
pub mod pages;
pub mod pdf;
pub mod quality;
pub mod sections;
pub mod text;

use std::path::Path;

use crate::error::Result;
pub use catalog::Catalog;
use detect::Format;
pub use extract::{Extracted, Metadata, Paragraph, ReadStats, Role};
pub use listing::{corpus_path, escape_name, mtime_of, CorpusFile, Listing};

/// Files over this size are skipped with a warning: no research document is
/// this large, and reading one would hold it all in memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Files at the corpus root that configure accord rather than hold text.
const CONFIG_FILES: [&str; 2] = [catalog::FILE_NAME, "aliases.toml"];

/// A document ready for passage splitting: resolved metadata and paragraphs.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's identifier in citations: the file's relative path,
    /// `archive.mbox#3` for the third message of an archive, or
    /// `mail.eml/statement.pdf` for a file attached to a message.
    pub id: String,
    /// The relative path of the file it came from.
    pub file: String,
    pub title: String,
    pub kind: String,
    pub meta: Metadata,
    pub paragraphs: Vec<Paragraph>,
    /// What its reader repaired and removed (for `accord report`).
    pub stats: ReadStats,
}

/// Lists the corpus's files and folders. Hidden files, the corpus's own
/// configuration files, the index at `index` and any other accord index
/// found inside the corpus are left out.
pub fn list_files(corpus: &Path, index: &Path) -> Result<Listing> {
    listing::list_files(corpus, &CONFIG_FILES, index)
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
    // UTF-16 text (as Windows editors save it, with a byte-order mark) is
    // read as UTF-8 from here on.
    let utf8 = from_utf16(bytes);
    let bytes = utf8.as_deref().unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(detect::HEAD_LEN)];
    let format = detect::detect(Path::new(&file.rel), head);
    let extracted =
        match format {
            Format::Unknown => return Err(Skipped(
                "binary or unknown file type; accord reads text, Markdown, HTML, PDF, Word (.docx), OpenDocument (.odt) and e-mail"
                    .into(),
            )),
            Format::Pdf => vec![pdf::read_pdf(bytes).map_err(Skipped)?],
            Format::Docx => vec![office::read_docx(bytes).map_err(Skipped)?],
            Format::Odt => vec![office::read_odt(bytes).map_err(Skipped)?],
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
    // Messages are numbered when a file holds several; an attachment is
    // named after the message it came with: `mail.eml/statement.pdf`.
    let many = extracted.iter().filter(|d| d.attachment.is_none()).count() > 1;
    let mut documents = Vec::new();
    let mut message = (0, file.rel.clone());
    for mut doc in extracted {
        warnings.append(&mut doc.warnings);
        let id = match &doc.attachment {
            Some(name) => format!("{}/{name}", message.1),
            None if many => {
                message.0 += 1;
                message.1 = format!("{}#{}", file.rel, message.0);
                message.1.clone()
            }
            None => file.rel.clone(),
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
            stats: doc.stats,
        });
    }
    if documents.iter().all(|d| d.paragraphs.is_empty()) {
        return Err(Skipped("no text found".into()));
    }
    Ok(documents)
}

pub(super) use crate::messages::quietly;

/// The kind of a document that neither its file nor the catalog names.
fn default_kind(format: Format) -> &'static str {
    match format {
        Format::Mail => "mail",
        _ => "document",
    }
}

/// `bytes` as UTF-8 if they are UTF-16 with a byte-order mark.
fn from_utf16(bytes: &[u8]) -> Option<Vec<u8>> {
    let (encoding, _) = encoding_rs::Encoding::for_bom(bytes)?;
    (encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE).then(|| {
        encoding
            .decode_with_bom_removal(bytes)
            .0
            .into_owned()
            .into_bytes()
    })
}

/// UTF-8 as is; anything else decoded as Windows-1252 (the usual encoding
/// of older Western text files), with a warning.
fn decode_text(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let mut text = decode_bytes(bytes, warnings);
    // A stray NUL (a bad copy, padding) is no reason to lose the file.
    let nuls = text.matches('\0').count();
    if nuls > 0 {
        text.retain(|c| c != '\0');
        warnings.push(format!("{nuls} NUL byte(s) removed"));
    }
    text
}

fn decode_bytes(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    if let Some(encoding) = detect::declared_charset(bytes) {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    // UTF-8 with stray bytes (a pasted Windows-1252 quote mark), or all
    // Windows-1252: either way each byte that is not part of a UTF-8
    // character is read as Windows-1252, and the rest stays as it is.
    let mut text = String::with_capacity(bytes.len());
    let mut stray = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        stray += chunk.invalid().len();
        let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        text.push_str(&decoded);
    }
    warnings.push(format!(
        "not valid UTF-8: {stray} byte(s) read as Windows-1252"
    ));
    text
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
