//! Similar passages: those elsewhere in the corpus that share the most
//! distinctive words of a given paragraph, found with tantivy's
//! more-like-this query over the stemmed view.
//!
//! The paragraph's words are weighed by tf·idf; [stop words](analysis::STOP_WORDS) and
//! words found in no other record are left out, and the 25 best make the
//! query. It runs over the ordinary and the restored stemmed views, so a
//! machine-paraphrased passage is compared by its likely original wording
//! (and, as the paragraph, contributes that wording). Hits share their
//! highlighted words with the paragraph.

use std::collections::{HashMap, HashSet};

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, DisjunctionMaxQuery, MoreLikeThisQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue, Term};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::snippet::{self, Pattern};
use super::{Hit, Record};
use crate::analysis::{self, Mode};
use crate::error::{Error, Result};
use crate::index::{schema, Fields, Opened};
use crate::spin;

/// Distinctive words taken from the paragraph.
const MAX_QUERY_TERMS: usize = 25;
/// Hits from the paragraph's own document (with `same_doc`) count this
/// much of their score, so other documents come first at equal similarity.
const SAME_DOC_WEIGHT: f32 = 0.5;

/// A paragraph, as cited: `doc` and its 1-based paragraph number, and the
/// page when the citation gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub doc: String,
    pub paragraph: u64,
    pub page: Option<u64>,
}

impl Target {
    /// `DOC:N`, or the citation form `search` prints: `DOC ¶N`,
    /// `DOC p.2 ¶N` (paragraphs count from the start of the document; the
    /// page is checked against it).
    pub fn parse(text: &str) -> Result<Target> {
        let bad = || {
            Error::Input(format!(
                "'{text}' is not a paragraph; write DOC:PARAGRAPH (e.g. report.txt:4) or paste a citation such as 'report.txt ¶4'"
            ))
        };
        let text = text.trim();
        let mut page = None;
        // `… ¶3 (PDF p.1)`: the PDF's page, where the printed one is cited.
        let (cited, pdf_page) = match text
            .strip_suffix(')')
            .and_then(|t| t.rsplit_once(" (PDF p."))
        {
            Some((cited, pages)) => (cited, first_page(pages)),
            None => (text, None),
        };
        let (doc, number) = match cited.rsplit_once('¶') {
            Some((doc, number)) => {
                let doc = doc.trim_end();
                let doc = match doc.rsplit_once(" p.") {
                    Some((d, p)) if pdf_page.is_some() || first_page(p).is_some() => {
                        page = pdf_page.or(first_page(p));
                        d
                    }
                    _ => doc,
                };
                (doc.trim_end_matches(':').trim(), number)
            }
            None => text.rsplit_once(':').ok_or_else(bad)?,
        };
        // A path as the shell completes it.
        let doc = doc.strip_prefix("./").unwrap_or(doc);
        let paragraph: u64 = number.trim().parse().map_err(|_| bad())?;
        if doc.is_empty() {
            return Err(bad());
        }
        if paragraph == 0 {
            return Err(Error::Input(format!(
                "'{text}': paragraphs are numbered from 1, as `accord search` cites them"
            )));
        }
        Ok(Target {
            doc: doc.to_string(),
            paragraph,
            page,
        })
    }
}

/// The first page of `3` or `3–4` (printed labels such as `iv` are not
/// page numbers and give `None`).
fn first_page(pages: &str) -> Option<u64> {
    let first = pages.split('–').next()?;
    (!first.is_empty() && first.chars().all(|c| c.is_ascii_digit()))
        .then(|| first.parse().ok())
        .flatten()
}

/// The paragraph compared with the corpus, and the passages like it.
pub struct Similar {
    /// The paragraph's first passage, its text that of the whole paragraph.
    pub source: Record,
    pub hits: Vec<Hit>,
}

/// Up to `limit` passages like `target`'s, best first, never one of its
/// own; from its own document only with `same_doc`.
pub fn similar(opened: &Opened, target: &Target, limit: usize, same_doc: bool) -> Result<Similar> {
    let f = &opened.fields;
    let searcher = opened.reader.searcher();
    let (source, own) = paragraph(&searcher, f, target)?;
    let spun = source.spin.is_some();
    let text = if spun {
        // Compare by the likely original wording.
        spin::restore(&analysis::tokenize(&source.text, Mode::Index))
            .into_iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        source.text.clone()
    };
    let stop: Vec<String> = analysis::STOP_WORDS
        .iter()
        .map(|w| analysis::stem(w).unwrap_or_else(|| w.to_string()))
        .collect();
    let more_like = |field: Field, min_doc_frequency: u64| -> Box<dyn Query> {
        Box::new(
            MoreLikeThisQuery::builder()
                .with_min_doc_frequency(min_doc_frequency)
                .with_min_term_frequency(1)
                .with_max_query_terms(MAX_QUERY_TERMS)
                .with_min_word_length(2)
                .with_stop_words(stop.clone())
                .with_document_fields(vec![(field, vec![OwnedValue::Str(text.clone())])]),
        )
    };
    // A word must occur in some other record to be worth asking for: twice
    // in the index counting the paragraph itself. Only spun passages have a
    // restored view, so there the paragraph counts only when it is spun.
    let mut views = vec![more_like(f.body, 2)];
    if f.restored_in_use {
        views.push(more_like(f.restored, if spun { 2 } else { 1 }));
    }
    let like = DisjunctionMaxQuery::new(views);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, Box::new(like)),
        (Occur::Must, term(f.record, schema::PASSAGE)),
    ];
    if !same_doc {
        clauses.push((Occur::MustNot, term(f.doc, &source.doc)));
    }
    let query = BooleanQuery::new(clauses);
    let top = searcher
        .search(
            &query,
            &TopDocs::with_limit(limit * 2 + own.len()).order_by_score(),
        )
        .map_err(Error::query_failed)?;
    let patterns = shared_stems(&text, &stop);
    let mut hits = Vec::new();
    for (score, address) in top {
        if own.contains(&address) {
            continue;
        }
        let record = read(&searcher, f, address)?;
        let score = if record.doc == source.doc {
            score * SAME_DOC_WEIGHT
        } else {
            score
        };
        let highlights = snippet::find_matches(&record.text, &patterns, record.spin.is_some());
        hits.push(super::hit_from(record, score, highlights, Vec::new()));
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits.truncate(limit);
    Ok(Similar { source, hits })
}

/// The passages of the target paragraph: the first, with the text of all,
/// and all their addresses.
fn paragraph(
    searcher: &Searcher,
    f: &Fields,
    target: &Target,
) -> Result<(Record, HashSet<DocAddress>)> {
    let in_doc = |extra: Option<Box<dyn Query>>| -> BooleanQuery {
        let mut clauses = vec![
            (Occur::Must, term(f.doc, &target.doc)),
            (Occur::Must, term(f.record, schema::PASSAGE)),
        ];
        clauses.extend(extra.map(|q| (Occur::Must, q)));
        BooleanQuery::new(clauses)
    };
    let number = Term::from_field_u64(f.paragraph, target.paragraph);
    let found = searcher
        .search(
            &in_doc(Some(Box::new(TermQuery::new(
                number,
                IndexRecordOption::Basic,
            )))),
            &DocSetCollector,
        )
        .map_err(Error::query_failed)?;
    let mut records = Vec::new();
    for &address in &found {
        records.push(read(searcher, f, address)?);
    }
    records.sort_by_key(|r| r.passage);
    let Some(first) = records.first() else {
        let count = searcher
            .search(&in_doc(None), &tantivy::collector::Count)
            .map_err(Error::query_failed)?;
        return Err(Error::Input(if count == 0 {
            format!(
                "no document '{}' in the index; copy a citation from `accord search` (e.g. 'file.txt ¶4')",
                target.doc
            )
        } else {
            format!(
                "{} has no paragraph {}; paragraphs are numbered from 1, as `accord search` cites them",
                target.doc, target.paragraph
            )
        }));
    };
    if let Some(cited) = target.page.filter(|&p| first.page != Some(p)) {
        return Err(Error::Input(match first.page {
            Some(page) => format!(
                "{} ¶{} is on page {page}, not {cited}; paragraphs count from the start of the document",
                target.doc, target.paragraph
            ),
            None => format!(
                "{} has no pages; cite it as '{} ¶{}'",
                target.doc, target.doc, target.paragraph
            ),
        }));
    }
    let mut source = first.clone();
    source.text = records
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Ok((source, found))
}

fn read(searcher: &Searcher, f: &Fields, address: DocAddress) -> Result<Record> {
    let doc: TantivyDocument = searcher.doc(address).map_err(Error::query_failed)?;
    Ok(Record::from_doc(&doc, f))
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// What to highlight in a hit: the paragraph's stems, without stop words,
/// the [`MAX_QUERY_TERMS`] most frequent first.
fn shared_stems(text: &str, stop: &[String]) -> Vec<Pattern> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for t in analysis::tokenize_stemmed(text, Mode::Index) {
        if t.text.chars().count() >= 3 && !stop.contains(&t.text) {
            *counts.entry(t.text).or_default() += 1;
        }
    }
    let mut stems: Vec<(String, usize)> = counts.into_iter().collect();
    stems.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    stems
        .into_iter()
        .take(MAX_QUERY_TERMS)
        .map(|(s, _)| Pattern::Stem(s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(doc: &str, paragraph: u64) -> Target {
        Target {
            doc: doc.into(),
            paragraph,
            page: None,
        }
    }

    #[test]
    fn target_accepts_colon_form_and_printed_citations() {
        assert_eq!(Target::parse("a.txt:4").unwrap(), target("a.txt", 4));
        assert_eq!(Target::parse("./a.txt:4").unwrap(), target("a.txt", 4));
        assert_eq!(Target::parse("a.txt ¶4").unwrap(), target("a.txt", 4));
        assert_eq!(
            Target::parse("report.pdf p.2 ¶14").unwrap(),
            Target {
                page: Some(2),
                ..target("report.pdf", 14)
            }
        );
        let paged = |page| Target {
            page: Some(page),
            ..target("report.pdf", 14)
        };
        assert_eq!(Target::parse("report.pdf p.2–3 ¶14").unwrap(), paged(2));
        assert_eq!(
            Target::parse("report.pdf p.396 ¶14 (PDF p.1)").unwrap(),
            paged(1)
        );
        assert_eq!(
            Target::parse("report.pdf p.iv ¶14 (PDF p.4–5)").unwrap(),
            paged(4)
        );
        assert_eq!(
            Target::parse("archive.mbox#2:3").unwrap(),
            target("archive.mbox#2", 3)
        );
        assert_eq!(
            Target::parse("dir/with space.txt ¶1").unwrap(),
            target("dir/with space.txt", 1)
        );
    }

    #[test]
    fn target_without_paragraph_number_is_an_error_saying_the_form() {
        for bad in ["a.txt", "a.txt:", "a.txt:x", ":3"] {
            let err = Target::parse(bad).unwrap_err().to_string();
            assert!(err.contains("DOC:PARAGRAPH"), "{bad}: {err}");
        }
        let err = Target::parse("a.txt ¶0").unwrap_err().to_string();
        assert!(err.contains("numbered from 1"), "{err}");
    }
}
