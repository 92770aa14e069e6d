//! Similar passages: those elsewhere in the corpus that say what a given
//! paragraph says, as far as their words show it.
//!
//! The paragraph's stemmed words, and those of its heading, are weighed by
//! tf·idf ([stop words](analysis::STOP_WORDS) left out); its weightiest
//! words that some other record holds find candidates over the ordinary
//! and the restored stemmed views, so a machine-paraphrased passage is
//! compared by its likely original wording. Each candidate is then
//! compared word for word with the paragraph ([`Vector::similarity`]),
//! and ranks by that similarity times its prior, so headings, contents
//! lines and reference entries sharing a few words come after prose.
//! Passages with the paragraph's own wording are copies, listed apart;
//! passages with one another's wording are listed once.

use std::collections::{HashMap, HashSet};

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::idf::Idf;
use super::snippet::{self, Pattern};
use super::{priors, Hit, Record};
use crate::analysis::{self, Mode};
use crate::error::{Error, Result};
use crate::index::{schema, Fields, Opened};
use crate::spin;

/// Distinctive words taken from the paragraph.
const MAX_QUERY_TERMS: usize = 25;
/// Hits from the paragraph's own document (with `same_doc`), or from a
/// document holding a copy of it, count this much of their score, so
/// other documents come first at equal similarity.
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
    /// Passages like it, best first.
    pub hits: Vec<Like>,
    /// Passages in other documents with the paragraph's own wording
    /// ([`is_copy`]), best first: listed apart, not ranked.
    pub copies: Vec<Like>,
}

/// A passage like the paragraph.
pub struct Like {
    /// Its `score` is [`Like::similarity`] times the passage's prior (see
    /// `index::prior`), and times [`SAME_DOC_WEIGHT`] in the paragraph's
    /// own document or one holding a copy of it: what ranks it, 0 to 1.
    pub hit: Hit,
    /// How much of their wording the passage and the paragraph share, from
    /// 0 (no word) to 1 (the same words in the same proportions): see
    /// [`Vector::similarity`].
    pub similarity: f32,
    /// Citations of other passages with this one's wording ([`is_copy`]),
    /// folded into it rather than listed.
    pub duplicates: Vec<String>,
}

/// A passage compared with the paragraph.
struct Candidate {
    record: Record,
    vector: Vector,
    wording: Shingles,
    similarity: f32,
    prior: f32,
}

impl Candidate {
    fn into_like(self, score: f32, like: &Vector) -> Like {
        Like {
            hit: shared(self.record, score, like, &self.vector),
            similarity: self.similarity,
            duplicates: Vec::new(),
        }
    }
}

/// Up to `limit` passages like `target`'s, best first, never one of its
/// own; from its own document only with `same_doc`. Copies of the
/// paragraph come apart, up to `limit` of them.
pub fn similar(opened: &Opened, target: &Target, limit: usize, same_doc: bool) -> Result<Similar> {
    let f = &opened.fields;
    let searcher = opened.reader.searcher();
    let (source, own) = paragraph(&searcher, f, target)?;
    let mut idf = Idf::new(&searcher, f.body);
    let like = Vector::of(&passage_words(&source), &mut idf);
    let query = candidates_query(f, &like, &mut idf, &source, same_doc);
    let window = CANDIDATES.max(limit.saturating_mul(4)) + own.len();
    let top = searcher
        .search(&query, &TopDocs::with_limit(window).order_by_score())
        .map_err(Error::query_failed)?;
    let priors = priors(&searcher, top.iter().map(|(_, a)| *a));
    let source_wording = shingles(&source.text);
    let mut candidates = Vec::new();
    let mut copies = Vec::new();
    for (_, address) in top {
        if own.contains(&address) {
            continue;
        }
        let record = read(&searcher, f, address)?;
        let vector = Vector::of(&passage_words(&record), &mut idf);
        let similarity = like.similarity(&vector);
        if similarity <= 0.0 {
            continue;
        }
        let candidate = Candidate {
            wording: shingles(&record.text),
            prior: priors.get(&address).copied().unwrap_or(1.0),
            record,
            vector,
            similarity,
        };
        if is_copy(&candidate.wording, &source_wording) {
            copies.push(candidate);
        } else {
            candidates.push(candidate);
        }
    }
    // A document holding a copy of the paragraph is most likely a copy of
    // its document: its other passages rank as the paragraph's own.
    let copied_in: HashSet<&str> = copies.iter().map(|c| c.record.doc.as_str()).collect();
    let score = |c: &Candidate| {
        let doc = c.record.doc.as_str();
        let weight = if doc == source.doc || copied_in.contains(doc) {
            SAME_DOC_WEIGHT
        } else {
            1.0
        };
        c.similarity * c.prior * weight
    };
    let mut ranked: Vec<(f32, Candidate)> =
        candidates.into_iter().map(|c| (score(&c), c)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut hits: Vec<(Like, Shingles)> = Vec::new();
    for (score, candidate) in ranked {
        if let Some((kept, _)) = hits
            .iter_mut()
            .find(|(_, wording)| is_copy(&candidate.wording, wording))
        {
            kept.duplicates.push(candidate.record.citation());
        } else if hits.len() < limit {
            let wording = candidate.wording.clone();
            hits.push((candidate.into_like(score, &like), wording));
        }
    }
    let mut copies: Vec<(f32, Candidate)> = copies
        .into_iter()
        .map(|c| (c.similarity * c.prior, c))
        .collect();
    copies.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(Similar {
        source,
        hits: hits.into_iter().map(|(h, _)| h).collect(),
        copies: copies
            .into_iter()
            .take(limit)
            .map(|(score, c)| c.into_like(score, &like))
            .collect(),
    })
}

/// How many of the passages best matching the paragraph's distinctive
/// words are compared with it in full (at least; more for a longer list).
const CANDIDATES: usize = 200;

/// The query that finds candidates: the paragraph's [`MAX_QUERY_TERMS`]
/// weightiest stems that occur in some other record, each weighed by its
/// tf·idf in the paragraph, over the stemmed and the restored views.
fn candidates_query(
    f: &Fields,
    like: &Vector,
    idf: &mut Idf,
    source: &Record,
    same_doc: bool,
) -> BooleanQuery {
    let spun = source.spin.is_some();
    let mut terms: Vec<(&String, f32)> = like
        .weights
        .iter()
        // The paragraph holds each of its words once at least; a word only
        // it holds finds nothing. Only spun passages have a restored view,
        // so the restored form of a spun paragraph's word may be unique.
        .filter(|(stem, _)| spun || idf.doc_freq(stem) >= 2)
        .map(|(stem, w)| (stem, *w))
        .collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    terms.truncate(MAX_QUERY_TERMS);
    let words: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|(stem, weight)| {
            let mut views = vec![term(f.body, stem)];
            if f.restored_in_use {
                views.push(term(f.restored, stem));
            }
            let either: Box<dyn Query> = Box::new(DisjunctionMaxQuery::new(views));
            (
                Occur::Should,
                Box::new(BoostQuery::new(either, weight)) as Box<dyn Query>,
            )
        })
        .collect();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, Box::new(BooleanQuery::new(words))),
        (Occur::Must, term(f.record, schema::PASSAGE)),
    ];
    if !same_doc {
        clauses.push((Occur::MustNot, term(f.doc, &source.doc)));
    }
    BooleanQuery::new(clauses)
}

/// A hit on `record` with the stems it shares with the paragraph
/// highlighted.
fn shared(record: Record, score: f32, like: &Vector, vector: &Vector) -> Hit {
    let patterns: Vec<Pattern> = vector
        .weights
        .keys()
        .filter(|stem| like.weights.contains_key(*stem))
        .map(|stem| Pattern::Stem(stem.clone()))
        .collect();
    let highlights = snippet::find_matches(&record.text, &patterns, record.spin.is_some());
    super::hit_from(record, score, highlights, Vec::new())
}

/// The folded words of a passage that say what it is about: stop words
/// and one-letter words left out; for a machine-paraphrased passage, its
/// restored wording.
pub(super) fn words(text: &str, spun: bool) -> Vec<String> {
    let mut tokens = analysis::tokenize(text, Mode::Index);
    if spun {
        tokens = spin::restore(&tokens);
    }
    tokens
        .into_iter()
        .map(|t| t.text)
        .filter(|w| w.chars().count() >= 2 && !analysis::is_stop_word(w))
        .collect()
}

/// The words a passage is compared by: those of its text (see [`words`])
/// and of its innermost heading, which names what the passage is about
/// ("8. No hack-back by non-state actors"); a heading numbered `N.` also
/// stands for its ordinal, as texts that discuss a list of principles
/// cite them ("the eighth principle").
fn passage_words(r: &Record) -> Vec<String> {
    let mut out = words(&r.text, r.spin.is_some());
    let Some(path) = r.heading.as_deref() else {
        return out;
    };
    let heading = path.rsplit(" › ").next().unwrap_or(path).trim();
    out.extend(words(heading, false));
    out.extend(ordinal(heading).map(str::to_string));
    out
}

/// `eighth` for a heading numbered `8.`, `8)` or `8 ` (up to 20); not for
/// `3.4`.
fn ordinal(heading: &str) -> Option<&'static str> {
    const ORDINALS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let digits = heading.len()
        - heading
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let rest = &heading[digits..];
    if !(rest.starts_with(' ') || rest.starts_with(". ") || rest.starts_with(") ")) {
        return None;
    }
    let n: usize = heading[..digits].parse().ok()?;
    ORDINALS.get(n.checked_sub(1)?).copied()
}

/// A passage's stems weighed by (1 + ln tf) · idf, tf counted in the
/// passage and idf in the index.
struct Vector {
    weights: HashMap<String, f32>,
    norm: f32,
}

impl Vector {
    fn of(words: &[String], idf: &mut Idf) -> Vector {
        let mut counts: HashMap<String, u32> = HashMap::new();
        for w in words {
            let stem = analysis::stem(w).unwrap_or_else(|| w.clone());
            *counts.entry(stem).or_default() += 1;
        }
        let weights: HashMap<String, f32> = counts
            .into_iter()
            .map(|(stem, tf)| {
                let w = (1.0 + (tf as f32).ln()) * idf.idf(&stem);
                (stem, w)
            })
            .collect();
        let norm = weights.values().map(|w| w * w).sum::<f32>().sqrt();
        Vector { weights, norm }
    }

    /// The weighted share of words two passages have in common (weighted
    /// Jaccard): over both vectors scaled to length 1, the sum of each
    /// stem's smaller weight over the sum of its larger. 1 for the same
    /// words in the same proportions; a passage adding or missing
    /// weighty words scores less, whichever of the two is longer.
    fn similarity(&self, other: &Vector) -> f32 {
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        let scaled = |v: &Vector, stem: &str| v.weights.get(stem).map_or(0.0, |w| w / v.norm);
        let (mut shared, mut either) = (0.0, 0.0);
        for stem in self.weights.keys().chain(
            other
                .weights
                .keys()
                .filter(|s| !self.weights.contains_key(*s)),
        ) {
            let (a, b) = (scaled(self, stem), scaled(other, stem));
            shared += a.min(b);
            either += a.max(b);
        }
        if either == 0.0 {
            0.0
        } else {
            (shared / either).clamp(0.0, 1.0)
        }
    }
}

/// A text's runs of three consecutive words (folded), for telling copies.
type Shingles = HashSet<[String; 3]>;

fn shingles(text: &str) -> Shingles {
    let words: Vec<String> = analysis::tokenize(text, Mode::Index)
        .into_iter()
        .map(|t| t.text)
        .collect();
    if words.len() < 3 {
        let mut padded = words;
        padded.resize(3, String::new());
        return HashSet::from([[padded[0].clone(), padded[1].clone(), padded[2].clone()]]);
    }
    words
        .windows(3)
        .map(|w| [w[0].clone(), w[1].clone(), w[2].clone()])
        .collect()
}

/// Whether two passages have the same wording: the shorter is at least
/// half as long (in runs of three words) and 80% of its runs occur in the
/// longer. A quotation of a sentence in a longer passage is not a copy.
fn is_copy(a: &Shingles, b: &Shingles) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() * 2 < long.len() {
        return false;
    }
    let shared = short.iter().filter(|s| long.contains(*s)).count();
    shared * 5 >= short.len() * 4
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

    #[test]
    fn a_numbered_heading_stands_for_its_ordinal() {
        assert_eq!(
            ordinal("8. No hack-back by non-state actors"),
            Some("eighth")
        );
        assert_eq!(ordinal("2 The Accord at a glance"), Some("second"));
        assert_eq!(ordinal("3) Elections"), Some("third"));
        for none in [
            "3.4 Hack back",
            "2019 review",
            "0. Preface",
            "21. Annex",
            "Preamble",
        ] {
            assert_eq!(ordinal(none), None, "{none}");
        }
    }

    #[test]
    fn copies_are_the_same_wording_not_a_quoted_sentence() {
        let principle = "States will ensure that private companies do not hack back \
                         against attackers, because retaliation risks escalation.";
        // Set again with other line breaks.
        let copy = shingles(&principle.replace(", ", ",\n   "));
        assert!(is_copy(&copy, &shingles(principle)));
        let noted = format!("{principle} (Adopted 2019.)");
        assert!(is_copy(&shingles(&noted), &shingles(principle)));
        let quoted = format!(
            "The commentary quotes it: {principle} It then argues at length that the \
             principle adds little to the criminal law most signatories already \
             have, and that its real test is a state whose banks lobby for a \
             licence to strike back."
        );
        assert!(!is_copy(&shingles(&quoted), &shingles(principle)));
    }

    fn vector(weights: &[(&str, f32)]) -> Vector {
        let weights: HashMap<String, f32> =
            weights.iter().map(|(s, w)| (s.to_string(), *w)).collect();
        let norm = weights.values().map(|w| w * w).sum::<f32>().sqrt();
        Vector { weights, norm }
    }

    #[test]
    fn similarity_is_the_weighted_share_of_words_in_common() {
        let a = vector(&[("hack", 2.0), ("back", 2.0), ("compani", 1.0)]);
        let scaled = vector(&[("hack", 4.0), ("back", 4.0), ("compani", 2.0)]);
        assert!((a.similarity(&scaled) - 1.0).abs() < 1e-6);
        assert_eq!(a.similarity(&vector(&[("hospit", 3.0)])), 0.0);
        assert_eq!(a.similarity(&vector(&[])), 0.0);
        let b = vector(&[("hack", 2.0), ("back", 2.0), ("ransomwar", 3.0)]);
        let s = a.similarity(&b);
        assert!(s > 0.0 && s < 1.0, "{s}");
        assert!((s - b.similarity(&a)).abs() < 1e-6);
        // Sharing the weightier word counts for more.
        let rare = vector(&[("hack", 1.0), ("escal", 3.0)]);
        let common = vector(&[("hack", 3.0), ("escal", 1.0)]);
        let source = vector(&[("escal", 3.0), ("state", 1.0)]);
        assert!(source.similarity(&rare) > source.similarity(&common));
    }
}
