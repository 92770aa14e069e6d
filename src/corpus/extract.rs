//! What a format reader hands to the indexer: metadata it found in the file
//! and the document's paragraphs, already cleaned, in reading order.

use crate::date::PartialDate;

/// Metadata a file carries about itself. Every field is optional; the corpus
/// catalog (`corpus/catalog.toml`) overrides whatever is set here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    /// `accord`, `commentary`, `statement`, `report`, … (user-defined).
    pub kind: Option<String>,
    /// A day, month or year (see [`PartialDate::parse`] for the forms read).
    pub date: Option<PartialDate>,
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
            (other.source, &mut self.source),
            (other.url, &mut self.url),
            (other.author, &mut self.author),
        ];
        for (theirs, ours) in fields {
            if theirs.is_some() {
                *ours = theirs;
            }
        }
        if other.date.is_some() {
            self.date = other.date;
        }
    }
}

/// What a paragraph is on the page, as far as its reader can tell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Running prose.
    #[default]
    Body,
    /// A title or section heading.
    Heading,
    /// One item of a bulleted or numbered list, however many lines it wraps.
    ListItem,
    /// A footnote or endnote, kept apart from the prose it annotates.
    Footnote,
    /// One row of a table, its cells separated by " | ".
    TableRow,
}

impl Role {
    /// The name used in the index and in `--json`: `body`, `heading`,
    /// `list_item`, `footnote`, `table_row`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Heading => "heading",
            Role::ListItem => "list_item",
            Role::Footnote => "footnote",
            Role::TableRow => "table_row",
        }
    }
}

/// One paragraph of cleaned prose: no hard line breaks inside, single
/// spaces, no boilerplate.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// 1-based page number where it starts, for paged formats (PDF);
    /// `None` elsewhere.
    pub page: Option<u32>,
    /// 1-based page where it ends, when that is a later page than `page`.
    pub last_page: Option<u32>,
    /// The printed page number(s) from the PDF's page labels ("396", "iv",
    /// "396–397" for a paragraph running onto the next page) when they
    /// differ from the page numbers.
    pub page_label: Option<String>,
    pub role: Role,
    /// A heading's level where the format says it (Markdown `##`, HTML
    /// `<h2>`: 1 is the top); `None` elsewhere, and for other roles.
    pub heading_level: Option<u8>,
}

impl Paragraph {
    pub fn new(text: impl Into<String>) -> Self {
        Paragraph {
            text: text.into(),
            page: None,
            last_page: None,
            page_label: None,
            role: Role::Body,
            heading_level: None,
        }
    }

    pub fn on_page(text: impl Into<String>, page: u32) -> Self {
        Paragraph {
            page: Some(page),
            ..Paragraph::new(text)
        }
    }

    pub fn with_role(self, role: Role) -> Self {
        Paragraph { role, ..self }
    }

    /// A heading of this level (1 is the top).
    pub fn heading(text: impl Into<String>, level: u8) -> Self {
        Paragraph {
            role: Role::Heading,
            heading_level: Some(level),
            ..Paragraph::new(text)
        }
    }
}

/// What a reader did to make its paragraphs, for `accord report`: counts of
/// repairs and removals a user may want to check. Readers fill in what
/// applies to their format and leave the rest at zero.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ReadStats {
    /// Pages in a paged format.
    pub pages: u32,
    /// Running header and footer lines removed, page numbers included.
    pub running_lines_removed: u32,
    /// Pages read as more than one column.
    pub multi_column_pages: u32,
    /// Words re-joined across a line-end hyphen.
    pub hyphens_joined: u32,
    /// Words whose ligature ("fi", "fl", "ff", "ffi", "ffl") the PDF's font
    /// gave no text for, put back from the document's own words.
    pub ligatures_repaired: u32,
    /// Boilerplate blocks removed from a web page or message (navigation,
    /// share prompts, list footers, …).
    pub boilerplate_removed: u32,
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
    pub stats: ReadStats,
}
