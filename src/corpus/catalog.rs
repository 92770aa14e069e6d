//! The corpus catalog, `catalog.toml` at the corpus root: metadata a user
//! writes by hand, which overrides whatever the files say about themselves.
//!
//! A mistake in it is named with its line (issue #20, item 9): a syntax
//! error or an unknown field is an error, since the user wrote the file on
//! purpose and half-reading it would mislead; a date that is no date and a
//! `path` that matches no file are warnings, and the rest of the catalog
//! still applies.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::extract::Metadata;
use super::listing::CorpusFile;
use crate::date::PartialDate;
use crate::error::{Error, Result};

pub const FILE_NAME: &str = "catalog.toml";

#[derive(Debug, Default)]
pub struct Catalog {
    /// Metadata by document path (relative to the corpus).
    entries: BTreeMap<String, Metadata>,
    /// The 1-based line of each entry's `path`, for warnings.
    lines: BTreeMap<String, usize>,
    /// Problems found while reading it, as (`catalog.toml:LINE`, what).
    warnings: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    document: Vec<Entry>,
}

/// One `[[document]]`, as written. Spans give warnings their line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: Spanned<String>,
    title: Option<String>,
    kind: Option<String>,
    /// A string in any form [`PartialDate::parse`] reads, or a TOML date
    /// (`date = 2018-11-12`) or year (`date = 2018`).
    date: Option<Spanned<toml::Value>>,
    source: Option<String>,
    url: Option<String>,
    author: Option<String>,
}

/// The 1-based line holding byte `offset` of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Catalog {
    /// Reads `<corpus>/catalog.toml`; a corpus without one has an empty
    /// catalog. A malformed catalog is an error naming the line, not
    /// silently ignored, since the user wrote it on purpose.
    pub fn load(corpus: &Path) -> Result<Catalog> {
        let path = corpus.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Catalog::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        Catalog::parse(&text)
            .map_err(|why| Error::Corpus(format!("{} is not a valid catalog{why}", path.display())))
    }

    /// The catalog in `text`; the error is ` (line N): what`, to follow
    /// the file's name.
    fn parse(text: &str) -> std::result::Result<Catalog, String> {
        let file: File = toml::from_str(text).map_err(|e| match e.span() {
            Some(span) => format!(" (line {}): {}", line_at(text, span.start), e.message()),
            None => format!(": {}", e.message()),
        })?;
        let mut catalog = Catalog::default();
        for entry in file.document {
            let line = line_at(text, entry.path.span().start);
            let doc = entry.path.into_inner();
            let at = format!("{FILE_NAME}:{line}");
            let date = entry.date.and_then(|value| {
                let at = format!("{FILE_NAME}:{}", line_at(text, value.span().start));
                let written = match value.into_inner() {
                    toml::Value::String(s) => s,
                    // `Value`'s own Display writes a date as a table.
                    toml::Value::Datetime(datetime) => datetime.to_string(),
                    other => other.to_string(),
                };
                let date = PartialDate::parse(&written);
                if date.is_none() {
                    catalog.warnings.push((
                        at,
                        format!(
                            "date {written:?} of {doc} is not a date, so it is ignored; \
                             write e.g. 2018-11-12, 2018-11, 2018, 12 November 2018 or November 2018"
                        ),
                    ));
                }
                date
            });
            let meta = Metadata {
                title: entry.title,
                kind: entry.kind,
                date,
                source: entry.source,
                url: entry.url,
                author: entry.author,
            };
            if let Some(earlier) = catalog.lines.insert(doc.clone(), line) {
                catalog.warnings.push((
                    at,
                    format!("{doc} is listed again (first on line {earlier}); this entry wins"),
                ));
            }
            catalog.entries.insert(doc, meta);
        }
        Ok(catalog)
    }

    /// The metadata the catalog sets for the document at `path`.
    pub fn entry(&self, path: &str) -> Option<&Metadata> {
        self.entries.get(path)
    }

    /// Problems to warn about, as (`catalog.toml:LINE`, what): those met
    /// reading it, and every `path` that names no file in `files` (nor a
    /// message or attachment of one, `mail.mbox#2`, `mail.eml/a.pdf`).
    pub fn problems(&self, files: &[CorpusFile]) -> Vec<(String, String)> {
        let known: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        let mut problems = self.warnings.clone();
        for (doc, line) in &self.lines {
            let within = doc
                .match_indices(['#', '/'])
                .any(|(i, _)| known.contains(&doc[..i]));
            if !known.contains(doc.as_str()) && !within {
                problems.push((
                    format!("{FILE_NAME}:{line}"),
                    format!(
                        "path {doc:?} matches no file in the corpus \
                         (paths are relative to the corpus folder, with / between folders)"
                    ),
                ));
            }
        }
        problems.sort_by_key(|(at, _)| line_of(at));
        problems
    }

    /// A stable text of the entries for the file at `path` (and for the
    /// messages of an archive, `path#2`…), part of the file's fingerprint
    /// so that editing the catalog re-indexes just that file. Empty when
    /// the catalog says nothing about it.
    pub fn fingerprint(&self, path: &str) -> String {
        if self.entries.is_empty() {
            return String::new();
        }
        let mut text = self
            .entries
            .get(path)
            .map(|e| format!("{e:?}"))
            .unwrap_or_default();
        let messages = format!("{path}#");
        for (doc, entry) in self.entries.range(messages.clone()..) {
            let Some(n) = doc.strip_prefix(&messages) else {
                break;
            };
            text.push_str(&format!("#{n}{entry:?}"));
        }
        text
    }
}

/// The line number in `catalog.toml:LINE`.
fn line_of(at: &str) -> usize {
    at.rsplit(':')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str) -> CorpusFile {
        CorpusFile {
            rel: rel.into(),
            size: 0,
            mtime: 0,
        }
    }

    #[test]
    fn dates_in_common_forms_are_read() {
        let catalog = Catalog::parse(
            "[[document]]\npath = \"a.txt\"\ndate = \"November 2018\"\n\
             [[document]]\npath = \"b.txt\"\ndate = 2018-11-12\n\
             [[document]]\npath = \"c.txt\"\ndate = 2018\n",
        )
        .unwrap();
        let date = |p: &str| catalog.entry(p).unwrap().date.map(|d| d.to_string());
        assert_eq!(date("a.txt").as_deref(), Some("2018-11"));
        assert_eq!(date("b.txt").as_deref(), Some("2018-11-12"));
        assert_eq!(date("c.txt").as_deref(), Some("2018"));
        assert!(catalog.warnings.is_empty());
    }

    #[test]
    fn a_date_that_is_no_date_is_a_warning_with_its_line() {
        let catalog =
            Catalog::parse("[[document]]\npath = \"a.txt\"\ntitle = \"T\"\ndate = \"Novembre\"\n")
                .unwrap();
        assert_eq!(catalog.entry("a.txt").unwrap().date, None);
        assert_eq!(catalog.entry("a.txt").unwrap().title.as_deref(), Some("T"));
        let (at, what) = &catalog.warnings[0];
        assert_eq!(at, "catalog.toml:4");
        assert!(
            what.contains("\"Novembre\" of a.txt is not a date"),
            "{what}"
        );
    }

    #[test]
    fn syntax_errors_and_unknown_fields_name_their_line() {
        let err = Catalog::parse("[[document]]\npath = \"a.txt\"\ntitle = \"T\n").unwrap_err();
        assert!(err.starts_with(" (line 3)"), "{err}");
        let err =
            Catalog::parse("\n[[document]]\npath = \"a.txt\"\ncolour = \"red\"\n").unwrap_err();
        assert!(err.starts_with(" (line 4)"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn paths_matching_no_file_are_named_with_their_line() {
        let catalog = Catalog::parse(
            "[[document]]\npath = \"a.txt\"\n\n[[document]]\npath = \"typo.txt\"\n\
             [[document]]\npath = \"list.mbox#2\"\n[[document]]\npath = \"m.eml/a.pdf\"\n",
        )
        .unwrap();
        let problems = catalog.problems(&[file("a.txt"), file("list.mbox"), file("m.eml")]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "catalog.toml:5");
        assert!(problems[0].1.contains("\"typo.txt\" matches no file"));
    }
}
