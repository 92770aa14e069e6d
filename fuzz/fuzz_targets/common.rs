//! Checks shared by the fuzz targets: what the indexer does with a reader's
//! output (passages, quotes, tokens) must hold for any input.

#![allow(dead_code)]

use accord::analysis::{self, Mode};
use accord::corpus::extract::Extracted;
use accord::passage;
use accord::quotes;

/// `range` slices `text`: in bounds, ordered, on character boundaries.
pub fn assert_slices(text: &str, from: usize, to: usize, what: &str) {
    assert!(
        from <= to && text.get(from..to).is_some(),
        "{what} {from}..{to} does not slice a text of {} bytes",
        text.len()
    );
}

/// Tokens of both views lie on character boundaries of `text`.
pub fn check_tokens(text: &str) {
    for mode in [Mode::Index, Mode::Query] {
        for token in analysis::tokenize(text, mode) {
            assert_slices(text, token.from, token.to, "token");
        }
        for token in analysis::tokenize_stemmed(text, mode) {
            assert_slices(text, token.from, token.to, "stemmed token");
        }
    }
}

/// Quotes found in `text` slice it.
pub fn check_quotes(text: &str) {
    for quote in quotes::extract_quotes(text) {
        assert_slices(text, quote.start, quote.end, "quote");
    }
}

/// What the indexer does with a document: its text, passages and quotes.
pub fn check_extracted(doc: &Extracted) {
    let (text, spans) = passage::document_text(&doc.paragraphs);
    for &(from, to) in &spans {
        assert_slices(&text, from, to, "paragraph span");
    }
    for p in passage::split(&text, &doc.paragraphs, &spans) {
        assert_slices(&text, p.start, p.end, "passage");
        let passage_text = &text[p.start..p.end];
        check_quotes(passage_text);
    }
}
