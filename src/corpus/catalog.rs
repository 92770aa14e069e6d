//! The corpus catalog, `catalog.toml` at the corpus root: metadata a user
//! writes by hand, which overrides whatever the files say about themselves.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::extract::Metadata;
use crate::error::{Error, Result};

pub const FILE_NAME: &str = "catalog.toml";

#[derive(Debug, Default)]
pub struct Catalog {
    entries: HashMap<String, Entry>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub title: Option<String>,
    pub kind: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    document: Vec<Entry>,
}

impl Catalog {
    /// Reads `<corpus>/catalog.toml`; a corpus without one has an empty
    /// catalog. A malformed catalog is an error, not silently ignored, since
    /// the user wrote it on purpose.
    pub fn load(corpus: &Path) -> Result<Catalog> {
        let path = corpus.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Catalog::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let file: File = toml::from_str(&text).map_err(|e| {
            Error::Corpus(format!(
                "{} is not a valid catalog: {}",
                path.display(),
                e.message()
            ))
        })?;
        let entries = file
            .document
            .into_iter()
            .map(|entry| (entry.path.clone(), entry))
            .collect();
        Ok(Catalog { entries })
    }

    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// A stable text of the entry for `path`, part of the file's fingerprint
    /// so that editing the catalog re-indexes just that document.
    pub fn fingerprint(&self, path: &str) -> String {
        self.entries
            .get(path)
            .map(|e| format!("{e:?}"))
            .unwrap_or_default()
    }
}

impl Entry {
    /// The metadata this entry sets.
    pub fn metadata(&self) -> Metadata {
        Metadata {
            title: self.title.clone(),
            kind: self.kind.clone(),
            date: self.date.clone(),
            source: self.source.clone(),
            url: self.url.clone(),
            author: self.author.clone(),
        }
    }
}
