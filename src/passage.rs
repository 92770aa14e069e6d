//! Splitting a document into citable passages: one per paragraph, with long
//! paragraphs cut at sentence boundaries (or, failing those, at spaces).

use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::Paragraph;

/// Paragraphs up to this many bytes stay one passage.
pub const MAX_PASSAGE_BYTES: usize = 1500;
/// Long paragraphs are cut into pieces of about this many bytes.
const TARGET_PASSAGE_BYTES: usize = 1000;

/// Separator between paragraphs in a document's text.
pub const PARAGRAPH_BREAK: &str = "\n\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// 0-based ordinal of the passage within its document.
    pub ordinal: usize,
    /// 1-based number of the paragraph it belongs to.
    pub paragraph: usize,
    /// 1-based page number, for paged formats.
    pub page: Option<u32>,
    /// Byte span in the document text (see [`document_text`]).
    pub start: usize,
    pub end: usize,
}

/// The document's text — paragraphs joined by a blank line — and each
/// paragraph's byte span in it. Quote offsets refer to this text.
pub fn document_text(paragraphs: &[Paragraph]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(paragraphs.iter().map(|p| p.text.len() + 2).sum());
    let mut spans = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        if !text.is_empty() {
            text.push_str(PARAGRAPH_BREAK);
        }
        spans.push((text.len(), text.len() + p.text.len()));
        text.push_str(&p.text);
    }
    (text, spans)
}

/// Passages of a document whose paragraphs sit at `spans` in `text`.
pub fn split(text: &str, paragraphs: &[Paragraph], spans: &[(usize, usize)]) -> Vec<Passage> {
    let mut passages = Vec::new();
    for (i, (&(start, end), paragraph)) in spans.iter().zip(paragraphs).enumerate() {
        for (from, to) in pieces(&text[start..end]) {
            passages.push(Passage {
                ordinal: passages.len(),
                paragraph: i + 1,
                page: paragraph.page,
                start: start + from,
                end: start + to,
            });
        }
    }
    passages
}

/// Byte ranges of the pieces of one paragraph.
fn pieces(paragraph: &str) -> Vec<(usize, usize)> {
    if paragraph.len() <= MAX_PASSAGE_BYTES {
        return vec![(0, paragraph.len())];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (from, sentence) in paragraph.split_sentence_bound_indices() {
        let to = from + sentence.len();
        if to - start > TARGET_PASSAGE_BYTES && end > start {
            pieces.push((start, end));
            start = end;
        }
        end = to;
        while end - start > MAX_PASSAGE_BYTES {
            let cut = word_cut(paragraph, start, start + TARGET_PASSAGE_BYTES);
            pieces.push((start, cut));
            start = cut;
        }
    }
    if end > start {
        pieces.push((start, end));
    }
    pieces
}

/// A cut point near `limit`, after the last space in `start..limit`, or at
/// the nearest char boundary when the text has no spaces.
fn word_cut(text: &str, start: usize, limit: usize) -> usize {
    let mut limit = limit.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    match text[start..limit].rfind(' ') {
        Some(space) if space > 0 => start + space + 1,
        _ => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paragraphs_are_one_passage_each_with_spans_into_the_text() {
        let paragraphs = [Paragraph::new("First one."), Paragraph::new("Second.")];
        let (text, spans) = document_text(&paragraphs);
        let passages = split(&text, &paragraphs, &spans);
        assert_eq!(passages.len(), 2);
        assert_eq!(&text[passages[1].start..passages[1].end], "Second.");
        assert_eq!(passages[1].paragraph, 2);
    }

    #[test]
    fn long_paragraph_splits_at_sentences_within_limits() {
        let sentence = "This sentence says something about cyber norms. ";
        let paragraphs = [Paragraph::new(sentence.repeat(100).trim_end())];
        let (text, spans) = document_text(&paragraphs);
        let passages = split(&text, &paragraphs, &spans);
        assert!(passages.len() > 3);
        for p in &passages {
            let piece = &text[p.start..p.end];
            assert!(piece.len() <= MAX_PASSAGE_BYTES);
            assert!(piece.starts_with("This"), "{piece:?}");
            assert_eq!(p.paragraph, 1);
        }
        assert_eq!(passages.last().unwrap().end, text.len());
    }

    #[test]
    fn text_without_sentences_or_spaces_still_splits_on_char_boundaries() {
        let paragraphs = [Paragraph::new("é".repeat(5000))];
        let (text, spans) = document_text(&paragraphs);
        let passages = split(&text, &paragraphs, &spans);
        let total: usize = passages.iter().map(|p| p.end - p.start).sum();
        assert_eq!(total, text.len());
        for p in passages {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
    }
}
