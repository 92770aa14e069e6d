//! Document frequencies of stems, for weighing words by how rare they
//! are: `similar` and the query's feedback words share them.

use std::collections::HashMap;

use tantivy::schema::{Field, Term};
use tantivy::Searcher;

/// Document frequencies of stems in one field, looked up once each.
pub struct Idf<'s> {
    searcher: &'s Searcher,
    field: Field,
    records: f32,
    known: HashMap<String, u64>,
}

impl<'s> Idf<'s> {
    pub fn new(searcher: &'s Searcher, field: Field) -> Idf<'s> {
        Idf {
            searcher,
            field,
            records: searcher.num_docs() as f32,
            known: HashMap::new(),
        }
    }

    pub fn doc_freq(&mut self, stem: &str) -> u64 {
        if let Some(&n) = self.known.get(stem) {
            return n;
        }
        let n = self
            .searcher
            .doc_freq(&Term::from_field_text(self.field, stem))
            .unwrap_or(0);
        self.known.insert(stem.to_string(), n);
        n
    }

    /// BM25's idf: near 0 for a word in most records, ln N for a rare one.
    pub fn idf(&mut self, stem: &str) -> f32 {
        let n = self.doc_freq(stem) as f32;
        (1.0 + (self.records - n + 0.5) / (n + 0.5)).ln()
    }
}
