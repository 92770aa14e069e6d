//! `accord report`: how each document reads, to spot files that came out
//! badly before trusting searches over them.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{finish_output, Outcome};
use crate::corpus::quality::{self, Read, Reported};
use crate::corpus::{self, Catalog, CorpusFile};
use crate::error::{Error, Result};
use crate::render::{json, text};
use crate::settings::Settings;

/// Show how each document reads: passages, pages, what was removed or
/// repaired, and what looks wrong.
///
/// Reads the files afresh with the same readers as `accord index` (the index
/// is not used). Per document: passages, headings, list items, footnotes
/// and table rows; running headers and footers removed; pages read as
/// columns; words re-joined across line-end hyphens; ligatures a PDF's
/// font gave no text for, put back; boilerplate removed from web pages and
/// mail; passages that stop mid-sentence while the next
/// goes on in lower case; scraps (body passages under 25 characters that
/// are not headings in body type). A
/// document where those last two make more than one passage in ten is
/// marked "check". Files that cannot be read are listed with the reason.
///
/// With no PATH, the whole corpus; a PATH may be a file or a folder,
/// inside the corpus or not.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ReportArgs {
    /// Files or folders to read (default: the corpus).
    pub paths: Vec<PathBuf>,
    /// Also print every passage with its citation and block.
    #[arg(long)]
    pub passages: bool,
    /// One JSON object per document (fields documented in the README).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ReportArgs, settings: &Settings) -> Result<Outcome> {
    let catalog = Catalog::load(&settings.corpus).unwrap_or_default();
    let mut files = Vec::new();
    if args.paths.is_empty() {
        files = with_paths(corpus::list_files(&settings.corpus, &settings.index)?);
    }
    for path in &args.paths {
        files.extend(files_at(path, &settings.corpus, &settings.index)?);
    }
    let mut reported = Vec::new();
    for (file, path) in &files {
        reported.extend(read_file(file, path, &catalog, args.passages));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        json::report(&mut out, &reported, args.passages)
    } else {
        let style = text::Style {
            color: settings.color,
        };
        text::report(&mut out, &reported, style)
    };
    finish_output(written, &mut out)?;
    let read = reported.iter().filter(|r| r.outcome.is_ok()).count();
    Ok(Outcome::from_count(read))
}

/// Each file of `listing` with where it lies.
fn with_paths(listing: corpus::Listing) -> Vec<(CorpusFile, PathBuf)> {
    let paths: Vec<PathBuf> = listing.files.iter().map(|f| listing.path_of(f)).collect();
    listing.files.into_iter().zip(paths).collect()
}

/// The files at `path`, with where each lies: the file itself, or every
/// file below a folder. Ids are relative to the corpus when the path lies
/// inside it.
fn files_at(path: &Path, corpus: &Path, index: &Path) -> Result<Vec<(CorpusFile, PathBuf)>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let mut files = with_paths(corpus::list_files(path, index)?);
        let prefix = relative_to(path, corpus);
        for (f, _) in &mut files {
            if let Some(prefix) = prefix.as_deref().filter(|p| !p.is_empty()) {
                f.rel = format!("{prefix}/{}", f.rel);
            }
        }
        return Ok(files);
    }
    let rel = relative_to(path, corpus).unwrap_or_else(|| path.display().to_string());
    let file = CorpusFile {
        rel,
        size: meta.len(),
        mtime: corpus::mtime_of(&meta),
    };
    Ok(vec![(file, path.to_path_buf())])
}

/// `path` relative to the corpus folder, `/`-separated, if it lies inside.
fn relative_to(path: &Path, corpus: &Path) -> Option<String> {
    let path = path.canonicalize().ok()?;
    let corpus = corpus.canonicalize().ok()?;
    let rel = path.strip_prefix(corpus).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

fn read_file(file: &CorpusFile, path: &Path, catalog: &Catalog, passages: bool) -> Vec<Reported> {
    let failed = |reason: String, warnings: Vec<String>| {
        vec![Reported {
            doc: file.rel.clone(),
            title: String::new(),
            outcome: Err(reason),
            warnings,
        }]
    };
    if file.size > corpus::MAX_FILE_BYTES {
        return failed(
            format!("larger than the {} MB limit", corpus::MAX_FILE_BYTES >> 20),
            Vec::new(),
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return failed(format!("cannot read: {e}"), Vec::new()),
    };
    let mut warnings = Vec::new();
    let documents = match corpus::read_documents(file, &bytes, catalog, &mut warnings) {
        Ok(documents) => documents,
        Err(corpus::Skipped(reason)) => return failed(reason, warnings),
    };
    let mut out = Vec::new();
    for doc in documents {
        let (text, split, quality) = quality::assess(&doc);
        let shown = if passages {
            split
                .iter()
                .map(|p| {
                    let paragraph = &doc.paragraphs[p.paragraph - 1];
                    let record = crate::search::Record {
                        doc: doc.id.clone(),
                        paragraph: p.paragraph as u64,
                        page: p.page.map(u64::from),
                        last_page: paragraph.last_page.map(u64::from),
                        page_label: paragraph.page_label.clone(),
                        ..Default::default()
                    };
                    (
                        record.citation(),
                        paragraph.role.name(),
                        text[p.start..p.end].to_string(),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        out.push(Reported {
            doc: doc.id,
            title: doc.title,
            outcome: Ok(Read {
                quality,
                passages: shown,
            }),
            // a file's warnings go with its first document
            warnings: std::mem::take(&mut warnings),
        });
    }
    out
}
