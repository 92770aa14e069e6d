//! What a format reader hands to the indexer: metadata it found in the file
//! and the document's paragraphs, already cleaned, in reading order.

/// Metadata a file carries about itself. Every field is optional; the corpus
/// catalog (`corpus/catalog.toml`) overrides whatever is set here.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub title: Option<String>,
    /// `accord`, `commentary`, `statement`, `report`, … (user-defined).
    pub kind: Option<String>,
    /// ISO date `YYYY-MM-DD` (or a prefix such as `YYYY-MM`).
    pub date: Option<String>,
    /// Publisher, list or outlet, e.g. `axios`, `link mailing list`.
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

impl Metadata {
    /// Takes every field that `other` sets, keeping ours where it is silent.
    pub fn override_with(&mut self, other: Metadata) {
        let fields = [
            (other.title, &mut self.title),
            (other.kind, &mut self.kind),
            (other.date, &mut self.date),
            (other.source, &mut self.source),
            (other.url, &mut self.url),
            (other.author, &mut self.author),
        ];
        for (theirs, ours) in fields {
            if theirs.is_some() {
                *ours = theirs;
            }
        }
    }
}

/// One paragraph of cleaned prose: no hard line breaks inside, single
/// spaces, no boilerplate.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// 1-based page number for paged formats (PDF); `None` elsewhere.
    pub page: Option<u32>,
}

impl Paragraph {
    pub fn new(text: impl Into<String>) -> Self {
        Paragraph {
            text: text.into(),
            page: None,
        }
    }

    pub fn on_page(text: impl Into<String>, page: u32) -> Self {
        Paragraph {
            text: text.into(),
            page: Some(page),
        }
    }
}

/// A document as read from one file (an mbox archive yields several).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub meta: Metadata,
    pub paragraphs: Vec<Paragraph>,
    /// Non-fatal problems worth a warning naming the file, e.g.
    /// "3 of 12 pages have no text layer".
    pub warnings: Vec<String>,
    /// For a file attached to an e-mail: its name. The attachment follows
    /// its message in the reader's output.
    pub attachment: Option<String>,
}
