//! A record's stored fields, read back from the index, and its citation.

use tantivy::schema::Value;
use tantivy::TantivyDocument;

use crate::index::Fields;

/// What the index stores for a passage or quote.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub doc: String,
    pub title: String,
    pub kind: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// 0-based passage ordinal in the document.
    pub passage: u64,
    /// 1-based paragraph number.
    pub paragraph: u64,
    /// 1-based page, for paged formats.
    pub page: Option<u64>,
    /// 1-based page where the passage's paragraph ends, when later.
    pub last_page: Option<u64>,
    /// Printed page number(s), when they differ from `page`.
    pub page_label: Option<String>,
    /// `body`, `heading`, `list_item`, `footnote` or `table_row`.
    pub block: String,
    /// The headings the record sits under, outermost first, joined by
    /// " › ".
    pub heading: Option<String>,
    /// Byte span in the document text.
    pub start: u64,
    pub end: u64,
    pub text: String,
    /// Spinner score when the document is flagged as machine-paraphrased.
    pub spin: Option<f64>,
    /// A passage's quoted speakers, or a quote's speaker: the full name, or
    /// the surface form when unresolved (see [`Record::speaker`]).
    pub speakers: Vec<String>,
    /// A quote's speaker's role or affiliation as the text gives it.
    pub role: Option<String>,
    /// How a quote's speaker is written at the attribution ("Singer", "he").
    pub surface: Option<String>,
    /// False for a quote credited to a surname or pronoun that could not be
    /// tied to one person; always false for passages.
    pub resolved: bool,
    /// For a quote credited to an unresolved surname, the name of the row
    /// `accord speakers` counts it in: the full name the surname joins
    /// across the corpus, or the surname itself when it joins nobody; not
    /// set when the row is ambiguous (set by
    /// [`crate::speakers::Stored::label`]).
    pub listed_as: Option<String>,
    /// A quote's kind: `full` or `partial` (see `quotes::QuoteKind`).
    pub quote_kind: Option<String>,
    /// The sentence holding a partial quote.
    pub sentence: Option<String>,
    /// What a quote's speaker is (see `quotes::SpeakerType`).
    pub speaker_type: Option<String>,
}

impl Record {
    pub fn from_doc(d: &TantivyDocument, f: &Fields) -> Record {
        let text = |field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let number = |field| d.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        let spin = d
            .get_first(f.spin)
            .and_then(|v| v.as_f64())
            .filter(|s| *s > 0.0);
        Record {
            doc: text(f.doc).unwrap_or_default(),
            title: text(f.title).unwrap_or_default(),
            kind: text(f.kind).unwrap_or_default(),
            source: text(f.source),
            date: text(f.date),
            url: text(f.url),
            author: text(f.author),
            passage: number(f.passage),
            paragraph: number(f.paragraph),
            page: Some(number(f.page)).filter(|p| *p > 0),
            last_page: Some(number(f.last_page)).filter(|p| *p > 0),
            page_label: text(f.page_label),
            block: text(f.block).unwrap_or_else(|| "body".to_string()),
            heading: text(f.heading),
            start: number(f.start),
            end: number(f.end),
            text: text(f.text).unwrap_or_default(),
            spin,
            speakers: d
                .get_all(f.speaker)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            role: text(f.role),
            surface: text(f.surface),
            resolved: d
                .get_first(f.resolved)
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            listed_as: None,
            quote_kind: text(f.quote_kind),
            sentence: text(f.sentence),
            speaker_type: text(f.speaker_type),
        }
    }

    /// The full name an unresolved surname joins across the corpus, if any
    /// (see [`Record::listed_as`]).
    pub fn joined(&self) -> Option<&str> {
        self.listed_as
            .as_deref()
            .filter(|name| crate::speakers::bare_surname(name).is_none())
    }

    /// A quote's speaker by full name; `None` when unresolved or when the
    /// text names nobody ("a spokesman for the ministry said").
    pub fn speaker(&self) -> Option<&str> {
        self.speakers
            .first()
            .filter(|_| self.resolved)
            .map(String::as_str)
    }

    /// The record's citation; see [`citation`].
    pub fn citation(&self) -> String {
        citation(
            &self.doc,
            self.paragraph,
            self.page,
            self.last_page,
            self.page_label.as_deref(),
        )
    }
}

/// `file.txt ¶4`, or `report.pdf p.2 ¶14` for paged documents (`p.2–3`
/// when the paragraph runs onto `last_page`); where the printed page
/// numbers differ (`page_label`), they are cited and the PDF's pages
/// follow: `article.pdf p.396 ¶3 (PDF p.1)`. `paragraph` counts from 1 at
/// the start of the document.
pub fn citation(
    doc: &str,
    paragraph: u64,
    page: Option<u64>,
    last_page: Option<u64>,
    page_label: Option<&str>,
) -> String {
    let Some(page) = page else {
        return format!("{doc} ¶{paragraph}");
    };
    let pages = match last_page {
        Some(last) => format!("p.{page}–{last}"),
        None => format!("p.{page}"),
    };
    match page_label {
        Some(label) => format!("{doc} p.{label} ¶{paragraph} (PDF {pages})"),
        None => format!("{doc} {pages} ¶{paragraph}"),
    }
}
