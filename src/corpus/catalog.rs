//! The corpus catalog, `catalog.toml` at the corpus root: metadata a user
//! writes by hand, which overrides whatever the files say about themselves.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::extract::Metadata;
use crate::error::{Error, Result};

pub const FILE_NAME: &str = "catalog.toml";

#[derive(Debug, Default)]
pub struct Catalog {
    /// Metadata by document path (relative to the corpus).
    entries: BTreeMap<String, Metadata>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    document: Vec<toml::Table>,
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
        let invalid = |why: String| {
            Error::Corpus(format!("{} is not a valid catalog: {why}", path.display()))
        };
        let file: File = toml::from_str(&text).map_err(|e| invalid(e.message().to_string()))?;
        let mut entries = BTreeMap::new();
        for mut table in file.document {
            let Some(toml::Value::String(doc)) = table.remove("path") else {
                return Err(invalid("every [[document]] needs a path = \"…\"".into()));
            };
            // Every other key is a metadata field; an unknown one is a typo.
            let meta: Metadata = table
                .try_into()
                .map_err(|e: toml::de::Error| invalid(format!("{doc}: {}", e.message())))?;
            entries.insert(doc, meta);
        }
        Ok(Catalog { entries })
    }

    /// The metadata the catalog sets for the document at `path`.
    pub fn entry(&self, path: &str) -> Option<&Metadata> {
        self.entries.get(path)
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
