//! How well a document reads: counts a user can check at a glance to see
//! which files came out badly (`accord report`), from the reader's own
//! stats and from the passages it made.

use serde::Serialize;

use super::clean::ends_sentence;
use super::{Document, ReadStats, Role};
use crate::passage::{self, Passage};

/// Passages shorter than this many characters are scraps (a lone cell, a
/// page number, a bullet) unless they are headings.
pub const SCRAP_CHARS: usize = 25;

/// The quality counts of one document.
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    pub paragraphs: usize,
    pub passages: usize,
    pub headings: usize,
    pub list_items: usize,
    pub footnotes: usize,
    pub table_rows: usize,
    /// Body passages that stop mid-sentence while the next one goes on in
    /// lower case: a paragraph cut in two.
    pub mid_sentence: usize,
    /// Body passages under [`SCRAP_CHARS`] characters, but for those that
    /// look like headings (a capital first, a letter last).
    pub scraps: usize,
    #[serde(flatten)]
    pub read: ReadStats,
}

impl Quality {
    /// Whether a reader would notice: cut paragraphs or scraps in more
    /// than one passage in ten.
    pub fn suspicious(&self) -> bool {
        (self.mid_sentence + self.scraps) * 10 > self.passages.max(1)
    }
}

/// One document as `accord report` shows it, or a file that yielded none.
pub struct Reported {
    /// The document id, as in citations.
    pub doc: String,
    pub title: String,
    /// What was read, or why the file yielded nothing.
    pub outcome: std::result::Result<Read, String>,
    /// The reader's warnings ("2 of 12 pages have no text layer").
    pub warnings: Vec<String>,
}

/// A document that was read.
pub struct Read {
    pub quality: Quality,
    /// `(citation, block, text)` of each passage, when asked for.
    pub passages: Vec<(String, &'static str, String)>,
}

/// The document's text, its passages (as the index makes them, with spans
/// in that text) and their counts.
pub fn assess(doc: &Document) -> (String, Vec<Passage>, Quality) {
    let (text, spans) = passage::document_text(&doc.paragraphs);
    let passages = passage::split(&text, &doc.paragraphs, &spans);
    let role = |p: &Passage| doc.paragraphs[p.paragraph - 1].role;
    let count = |r: Role| doc.paragraphs.iter().filter(|p| p.role == r).count();
    let body = |p: &Passage| matches!(role(p), Role::Body | Role::ListItem);
    // (a list item after a line without a full stop is a new item)
    let mid_sentence = passages
        .windows(2)
        .filter(|w| body(&w[0]) && role(&w[1]) == Role::Body)
        .filter(|w| {
            let (a, b) = (&text[w[0].start..w[0].end], &text[w[1].start..w[1].end]);
            !ends_sentence(a) && b.starts_with(char::is_lowercase)
        })
        .count();
    let scraps = passages
        .iter()
        .filter(|p| role(p) == Role::Body && is_scrap(&text[p.start..p.end]))
        .count();
    let quality = Quality {
        paragraphs: doc.paragraphs.len(),
        passages: passages.len(),
        headings: count(Role::Heading),
        list_items: count(Role::ListItem),
        footnotes: count(Role::Footnote),
        table_rows: count(Role::TableRow),
        mid_sentence,
        scraps,
        read: doc.stats.clone(),
    };
    (text, passages, quality)
}

/// A short passage that is not a heading set in body type ("Background"):
/// a cell, a number, a bullet, a line cut from its paragraph.
fn is_scrap(text: &str) -> bool {
    let heading_like = text.starts_with(char::is_uppercase) && text.ends_with(char::is_alphabetic);
    text.chars().count() < SCRAP_CHARS && !heading_like
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Metadata, Paragraph};

    fn doc(paragraphs: Vec<Paragraph>) -> Document {
        Document {
            id: "a.pdf".into(),
            file: "a.pdf".into(),
            title: "A".into(),
            kind: "document".into(),
            meta: Metadata::default(),
            paragraphs,
            stats: ReadStats::default(),
        }
    }

    #[test]
    fn cut_paragraphs_and_scraps_are_counted_but_not_headings_or_rows() {
        let (_, passages, q) = assess(&doc(vec![
            Paragraph::new("Principles").with_role(Role::Heading),
            Paragraph::new("States should not harm the"),
            Paragraph::new("public core of the internet."),
            Paragraph::new("Norm | Since").with_role(Role::TableRow),
            Paragraph::new("restraint | 2015").with_role(Role::TableRow),
            Paragraph::new("Background"),
            Paragraph::new("12"),
        ]));
        assert_eq!(passages.len(), 7);
        assert_eq!(
            (q.mid_sentence, q.scraps, q.headings, q.table_rows),
            (1, 1, 1, 2)
        );
        assert!(q.suspicious());
    }
}
