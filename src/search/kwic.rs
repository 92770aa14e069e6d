//! Keyword in context (a concordance): every occurrence of a word or phrase
//! in the matching passages, one line each, with the words around it.
//!
//! The index finds the passages (all of them, not top-k) and puts them in
//! document order from its fast fields ([`super::document_order`]); each
//! is then read and re-analysed once, in that order, to locate its
//! occurrences with the same patterns that highlight search hits, so a
//! line exists exactly where a highlight would be. Lines in document order
//! can thus be printed as they are found. Context is cut to a number of
//! *characters* per side, at word boundaries, with control characters and
//! runs of whitespace (line breaks included) turned into one space.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Range;

use tantivy::TantivyDocument;

use super::document_order::DocumentOrder;
use super::{Compiled, Record};
use crate::error::{Error, Result};
use crate::index::Opened;

/// Default characters of context on each side of the match.
pub const DEFAULT_WIDTH: usize = 60;

/// How to order the lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// By document, then position in it.
    #[default]
    Doc,
    /// By the words left of the match, nearest first (as concordancers do).
    Left,
    /// By the words right of the match.
    Right,
}

/// One occurrence.
#[derive(Debug, Clone)]
pub struct Line {
    /// Index of its passage among those read, in document order (into
    /// [`Concordance::records`]).
    pub record: usize,
    /// Byte range of the match in the record's text.
    pub range: Range<usize>,
    /// Context, at most `width` characters each, cleaned (see module doc).
    pub left: String,
    pub matched: String,
    pub right: String,
    /// Alias names that this occurrence is (empty for the query's own words).
    pub aliases: Vec<String>,
    /// Found only in the restored wording of a machine-paraphrased passage
    /// (`together with` for `and`), not as written.
    pub restored: bool,
}

/// Every line, for output in an order other than the passages' own.
#[derive(Debug, Default)]
pub struct Concordance {
    /// The passages read, without their text (the lines hold what is
    /// shown of it), so that memory grows with the lines alone.
    pub records: Vec<Record>,
    pub lines: Vec<Line>,
    /// Terminal columns of the widest citation of a passage read.
    pub citation_width: usize,
}

/// Reads the passages of `order` one at a time, in that order, each with
/// its lines (in the order they appear in it); `width` is characters of
/// context per side. Only one passage's text is held at a time.
pub fn passages<'a>(
    opened: &'a Opened,
    compiled: &'a Compiled,
    order: &'a DocumentOrder,
    width: usize,
) -> impl Iterator<Item = Result<(Record, Vec<Line>)>> + 'a {
    let searcher = opened.reader.searcher();
    order
        .addresses
        .iter()
        .enumerate()
        .map(move |(i, &address)| {
            let doc: TantivyDocument = searcher.doc(address).map_err(Error::query_failed)?;
            let record = Record::from_doc(&doc, &opened.fields);
            let lines = lines_of(i, &record, compiled, width);
            Ok((record, lines))
        })
}

/// The lines of every occurrence of `compiled` in `record`, the passage
/// numbered `index` in the order read.
fn lines_of(index: usize, record: &Record, compiled: &Compiled, width: usize) -> Vec<Line> {
    let text = &record.text;
    compiled
        .occurrences(text, record.spin.is_some())
        .into_iter()
        .map(|m| Line {
            record: index,
            left: left_context(text, m.range.start, width),
            matched: clean(&text[m.range.clone()]),
            right: right_context(text, m.range.end, width),
            aliases: compiled.alias_names(m.pattern).to_vec(),
            restored: m.restored,
            range: m.range,
        })
        .collect()
}

impl Concordance {
    /// Every line of `passages`, in document order.
    pub fn collect(
        passages: impl Iterator<Item = Result<(Record, Vec<Line>)>>,
        citation_width: usize,
    ) -> Result<Concordance> {
        let mut concordance = Concordance {
            citation_width,
            ..Concordance::default()
        };
        for passage in passages {
            let (mut record, lines) = passage?;
            record.text = String::new();
            concordance.records.push(record);
            concordance.lines.extend(lines);
        }
        Ok(concordance)
    }

    /// Orders the lines; ties keep document order.
    pub fn sort(&mut self, by: Sort) {
        // Words compared in lower case without punctuation, so `“The`
        // sorts with `the`.
        let key_words = |s: &str| -> Vec<String> {
            s.split(' ')
                .map(|w| {
                    w.chars()
                        .filter(|c| c.is_alphanumeric())
                        .flat_map(char::to_lowercase)
                        .collect::<String>()
                })
                .filter(|w| !w.is_empty())
                .collect()
        };
        match by {
            Sort::Doc => {}
            Sort::Left => self.lines.sort_by_cached_key(|l| {
                let mut words = key_words(&l.left);
                words.reverse();
                words
            }),
            Sort::Right => self.lines.sort_by_cached_key(|l| key_words(&l.right)),
        }
    }

    /// Occurrences per document.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for line in &self.lines {
            tally.add(&self.records[line.record].doc, 1);
        }
        tally
    }
}

/// Occurrences per document, counted as lines go by.
#[derive(Debug, Default)]
pub struct Tally {
    per_document: BTreeMap<String, usize>,
    total: usize,
}

impl Tally {
    pub fn add(&mut self, doc: &str, occurrences: usize) {
        if occurrences == 0 {
            return;
        }
        self.total += occurrences;
        match self.per_document.get_mut(doc) {
            Some(n) => *n += occurrences,
            None => {
                self.per_document.insert(doc.to_string(), occurrences);
            }
        }
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// Occurrences per document, most first (then by document id).
    pub fn most_first(&self) -> Vec<(&str, usize)> {
        let mut counts: Vec<(&str, usize)> = self
            .per_document
            .iter()
            .map(|(doc, &n)| (doc.as_str(), n))
            .collect();
        counts.sort_by(|a, b| match b.1.cmp(&a.1) {
            Ordering::Equal => a.0.cmp(b.0),
            other => other,
        });
        counts
    }
}

/// At most `width` characters before byte `at`, starting at a word; the
/// space before the match is kept.
fn left_context(text: &str, at: usize, width: usize) -> String {
    // Enough bytes for `width` characters of any size, plus a few to tell
    // whether the first word was cut.
    let from = floor_char_boundary(text, at.saturating_sub(width * 4 + 4));
    let chars: Vec<char> = clean(&text[from..at]).chars().collect();
    let start = chars.len().saturating_sub(width);
    let mut kept = &chars[start..];
    let word_before = match start {
        0 => from > 0 && !text[..from].ends_with(|c: char| c.is_whitespace() || c.is_control()),
        _ => chars[start - 1] != ' ',
    };
    if word_before && kept.first().is_some_and(|&c| c != ' ') {
        kept = kept
            .iter()
            .position(|&c| c == ' ')
            .map_or(&[][..], |i| &kept[i..]);
    }
    kept.iter().collect::<String>().trim_start().to_string()
}

/// At most `width` characters after byte `at`, ending at a word; the space
/// after the match is kept.
fn right_context(text: &str, at: usize, width: usize) -> String {
    let to = ceil_char_boundary(text, (at + width * 4 + 4).min(text.len()));
    let chars: Vec<char> = clean(&text[at..to]).chars().collect();
    let mut kept = &chars[..width.min(chars.len())];
    let word_after = match chars.get(kept.len()) {
        Some(&c) => c != ' ',
        None => to < text.len() && !text[to..].starts_with(|c: char| c.is_whitespace()),
    };
    if word_after && kept.last().is_some_and(|&c| c != ' ') {
        kept = kept
            .iter()
            .rposition(|&c| c == ' ')
            .map_or(&[][..], |i| &kept[..i]);
    }
    kept.iter().collect::<String>().trim_end().to_string()
}

/// Control characters and runs of whitespace become one space, so a line
/// of context is one line on the terminal and cannot drive it.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_context_keeps_whole_words_nearest_the_match() {
        let text = "one two three four five MATCH";
        let at = text.find("MATCH").unwrap();
        assert_eq!(left_context(text, at, 100), "one two three four five ");
        assert_eq!(left_context(text, at, 12), "four five ");
        assert_eq!(left_context(text, at, 11), "four five ");
        assert_eq!(left_context(text, at, 9), "five ");
    }

    #[test]
    fn right_context_keeps_whole_words_and_cuts_at_width() {
        let text = "MATCH one two three four";
        assert_eq!(right_context(text, 5, 100), " one two three four");
        assert_eq!(right_context(text, 5, 9), " one two");
        assert_eq!(right_context(text, 5, 8), " one two");
        assert_eq!(right_context(text, 5, 7), " one");
    }

    #[test]
    fn context_flattens_line_breaks_and_control_characters() {
        let text = "first line\n\nsecond\x1b[31m line MATCH and\r\nthe\tend";
        let at = text.find("MATCH").unwrap();
        assert_eq!(left_context(text, at, 60), "first line second [31m line ");
        assert_eq!(right_context(text, at + 5, 60), " and the end");
    }

    #[test]
    fn context_cuts_on_character_boundaries() {
        let text = "été déjà vu — naïve MATCH café crème brûlée";
        let at = text.find("MATCH").unwrap();
        for width in 0..30 {
            let l = left_context(text, at, width);
            let r = right_context(text, at + 5, width);
            assert!(l.chars().count() <= width, "{width}: {l:?}");
            assert!(r.chars().count() <= width, "{width}: {r:?}");
        }
    }
}
