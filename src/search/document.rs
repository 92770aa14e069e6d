//! One document read back from the index: its passages in reading order
//! and its quotes, for a reader view. Documents are found by their id in
//! the index (the `doc` field), never by a path on disk.

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};

use super::{records_matching, Record};
use crate::error::Result;
use crate::index::{schema, Opened};

/// A document's records.
pub struct Document {
    /// Its passages, by passage ordinal.
    pub passages: Vec<Record>,
    /// Its quotes, by position in the text, with bare surnames joined to
    /// full names as `speakers` counts them.
    pub quotes: Vec<Record>,
}

/// The document whose id is exactly `id` (`file.txt`, `archive.mbox#2`), or
/// `None` when the index has no such document.
pub fn document(opened: &Opened, id: &str) -> Result<Option<Document>> {
    let f = &opened.fields;
    let records = |kind: &str| -> Result<Vec<Record>> {
        let query = BooleanQuery::new(vec![
            (Occur::Must, term(f.doc, id)),
            (Occur::Must, term(f.record, kind)),
        ]);
        records_matching(opened, &query)
    };
    let mut passages = records(schema::PASSAGE)?;
    if passages.is_empty() {
        return Ok(None);
    }
    passages.sort_by_key(|r| r.passage);
    let mut quotes = records(schema::QUOTE)?;
    quotes.sort_by_key(|r| (r.start, r.end));
    opened.speakers.label(quotes.iter_mut())?;
    Ok(Some(Document { passages, quotes }))
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}
