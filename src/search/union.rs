//! A union of a few queries that seeks. A word of a query matches in the
//! passage or in its context (title, heading), so every word is a union;
//! requiring all the words intersects those unions, and the intersection
//! seeks each one to the documents its rarest word holds. tantivy's union
//! buffers 4,096 documents at a time, and a seek past them clears and
//! refills the whole window: at 1 GB that was most of
//! `ransomware attribution`. This union keeps no window, so a seek only
//! moves each part forward. It scores as tantivy's `Should` clauses do:
//! the sum of the parts that match, added in their order.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Matches where any part matches; scores the sum of theirs.
pub struct SeekingUnion {
    parts: Vec<Box<dyn Query>>,
}

impl SeekingUnion {
    /// The union of `parts`: `None` for none, the part itself for one.
    pub fn of(mut parts: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Box::new(SeekingUnion { parts })),
        }
    }
}

impl Clone for SeekingUnion {
    fn clone(&self) -> SeekingUnion {
        SeekingUnion {
            parts: self.parts.iter().map(|p| p.box_clone()).collect(),
        }
    }
}

impl fmt::Debug for SeekingUnion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SeekingUnion").field(&self.parts).finish()
    }
}

impl Query for SeekingUnion {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let parts = self
            .parts
            .iter()
            .map(|p| p.weight(scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(UnionWeight { parts }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            part.query_terms(visitor);
        }
    }
}

struct UnionWeight {
    parts: Vec<Box<dyn Weight>>,
}

impl Weight for UnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let parts: Vec<Box<dyn Scorer>> = self
            .parts
            .iter()
            .map(|p| p.scorer(reader, boost))
            .collect::<tantivy::Result<_>>()?;
        let docs = parts.iter().map(|p| p.doc()).collect();
        let mut union = UnionScorer {
            parts,
            docs,
            doc: 0,
        };
        union.doc = union.first_doc();
        Ok(Box::new(union))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("sum of the parts that match", scorer.score());
        for part in &self.parts {
            if let Ok(e) = part.explain(reader, doc) {
                explanation.add_detail(e);
            }
        }
        Ok(explanation)
    }
}

/// The parts' scorers and the document each is on (kept here, as asking
/// a boxed scorer costs a call through its vtable).
struct UnionScorer {
    parts: Vec<Box<dyn Scorer>>,
    docs: Vec<DocId>,
    doc: DocId,
}

impl UnionScorer {
    fn first_doc(&self) -> DocId {
        self.docs.iter().copied().min().unwrap_or(TERMINATED)
    }
}

impl DocSet for UnionScorer {
    fn advance(&mut self) -> DocId {
        for (part, doc) in self.parts.iter_mut().zip(&mut self.docs) {
            if *doc == self.doc {
                *doc = part.advance();
            }
        }
        self.doc = self.first_doc();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for (part, doc) in self.parts.iter_mut().zip(&mut self.docs) {
            if *doc < target {
                *doc = part.seek(target);
            }
        }
        self.doc = self.first_doc();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts.iter().map(|p| p.size_hint()).max().unwrap_or(0)
    }

    /// As tantivy's union: what driving every part costs, so an
    /// intersection picks the same part to lead.
    fn cost(&self) -> u64 {
        self.parts.iter().map(|p| p.cost()).sum()
    }
}

impl Scorer for UnionScorer {
    fn score(&mut self) -> Score {
        let mut sum = 0.0;
        for (part, doc) in self.parts.iter_mut().zip(&self.docs) {
            if *doc == self.doc {
                sum += part.score();
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    use super::*;

    #[test]
    fn an_intersection_of_unions_finds_and_scores_what_tantivys_unions_do() {
        let mut schema = Schema::builder();
        let (text, title) = (
            schema.add_text_field("text", TEXT),
            schema.add_text_field("title", TEXT),
        );
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        // Sparse and dense words, in the text, the title or both, over
        // more documents than tantivy's union buffers, so seeks jump.
        for i in 0..20_000u32 {
            let mut words = String::from("filler");
            if i % 3 == 0 {
                words.push_str(" common");
            }
            if i % 997 == 0 {
                words.push_str(" rare rare");
            }
            let heading = if i % 1_499 == 0 {
                "rare heading"
            } else {
                "common heading"
            };
            writer
                .add_document(doc!(text => words, title => heading))
                .unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let word = |w: &str| -> Vec<Box<dyn Query>> {
            [text, title]
                .into_iter()
                .map(|f| {
                    Box::new(TermQuery::new(
                        Term::from_field_text(f, w),
                        IndexRecordOption::WithFreqs,
                    )) as Box<dyn Query>
                })
                .collect()
        };
        let both = |union: &dyn Fn(Vec<Box<dyn Query>>) -> Box<dyn Query>| {
            let query = BooleanQuery::new(vec![
                (Occur::Must, union(word("rare"))),
                (Occur::Must, union(word("common"))),
            ]);
            searcher
                .search(&query, &TopDocs::with_limit(100).order_by_score())
                .unwrap()
        };
        let ours = both(&|parts| SeekingUnion::of(parts).unwrap());
        let tantivys = both(&|parts| {
            Box::new(BooleanQuery::new(
                parts.into_iter().map(|p| (Occur::Should, p)).collect(),
            ))
        });
        assert!(ours.len() > 10, "{}", ours.len());
        assert_eq!(ours, tantivys);
    }
}
