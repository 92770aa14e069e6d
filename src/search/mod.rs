//! Searching the index: query text in, ranked hits with highlights out.
//! Every query command (`search`, `quotes`, …) goes through [`compile`] and
//! [`run`], so they never rank or filter differently.

pub mod query;
pub mod record;
pub mod snippet;
pub mod speakers;

use std::collections::{HashMap, HashSet};
use std::ops::{Bound, Range};

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query, RangeQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::analysis::{self, Mode};
use crate::error::{Error, Result};
use crate::index::{schema, Fields, Opened};
pub use record::Record;
use snippet::{Pattern, Snippet};

/// Restrictions given as command-line flags rather than in the query text.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Document kind, e.g. `accord`.
    pub kind: Option<String>,
    /// Inclusive date bounds as `YYYYMMDD` keys (see [`schema::date_key`]).
    pub since: Option<u64>,
    pub until: Option<u64>,
    /// A quoted speaker: the full name (any case) or any of its words in
    /// order, see [`speaker_query`].
    pub speaker: Option<String>,
}

/// A ranked passage or quote.
#[derive(Debug, Clone)]
pub struct Hit {
    pub record: Record,
    pub score: f32,
    /// Byte ranges of the matches in `record.text`.
    pub highlights: Vec<Range<usize>>,
    pub snippet: Snippet,
}

/// A query turned into tantivy queries plus what to highlight.
pub struct Compiled {
    /// Each must match in the first pass; any may in the second.
    positives: Vec<Box<dyn Query>>,
    filters: Vec<Box<dyn Query>>,
    negatives: Vec<Box<dyn Query>>,
    /// Rewards passages where the query's words stand close together.
    proximity: Option<Box<dyn Query>>,
    pub patterns: Vec<Pattern>,
}

impl Compiled {
    pub fn has_words(&self) -> bool {
        !self.positives.is_empty()
    }
}

/// Compiles query text and flag filters for records of type `record`.
pub fn compile(text: &str, filters: &Filters, fields: &Fields) -> Result<Compiled> {
    let parsed = query::parse(text)?;
    let mut compiled = Compiled {
        positives: Vec::new(),
        filters: Vec::new(),
        negatives: Vec::new(),
        proximity: None,
        patterns: Vec::new(),
    };
    let mut loose_stems = Vec::new();
    for clause in &parsed.clauses {
        let is_filter = clause
            .alternatives
            .iter()
            .all(|a| matches!(a, query::Atom::Field { .. }));
        let mut alternatives = Vec::new();
        for atom in &clause.alternatives {
            let compiled_atom = match atom {
                query::Atom::Word(word) => words_query(word, false, fields),
                query::Atom::Phrase(phrase) => words_query(phrase, true, fields),
                query::Atom::Field { name, value } => Some(field_query(name, value, fields)?),
            };
            let Some((q, pattern)) = compiled_atom else {
                continue;
            };
            if !clause.negated {
                if let Some(pattern) = pattern {
                    if let (Pattern::Stem(stem), 1) = (&pattern, clause.alternatives.len()) {
                        loose_stems.push(stem.clone());
                    }
                    compiled.patterns.push(pattern);
                }
            }
            alternatives.push(q);
        }
        let Some(q) = any_of(alternatives) else {
            continue;
        };
        match (clause.negated, is_filter) {
            (true, _) => compiled.negatives.push(q),
            (false, true) => compiled.filters.push(q),
            (false, false) => compiled.positives.push(q),
        }
    }
    if !parsed.clauses.is_empty()
        && compiled.positives.is_empty()
        && compiled.filters.is_empty()
        && compiled.negatives.is_empty()
    {
        return Err(Error::Query(format!(
            "'{text}' has no words to search for; try letters or digits"
        )));
    }
    compiled.filters.extend(flag_filters(filters, fields)?);
    if loose_stems.len() >= 2 {
        let terms = loose_stems
            .iter()
            .enumerate()
            .map(|(i, s)| (i, Term::from_field_text(fields.body, s)))
            .collect();
        compiled.proximity = Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, 3)));
    }
    Ok(compiled)
}

/// A word or phrase: one analysed word is a term (stemmed unless quoted);
/// several (`"private sector"`, `non-state`) are an exact phrase. Restored
/// fields are searched alongside, so spun documents match the original
/// wording.
fn words_query(text: &str, quoted: bool, f: &Fields) -> Option<(Box<dyn Query>, Option<Pattern>)> {
    let tokens: Vec<String> = analysis::tokenize(text, Mode::Query)
        .into_iter()
        .map(|t| t.text)
        .collect();
    match tokens.as_slice() {
        [] => None,
        [word] if !quoted => {
            let stem = analysis::stem(word).unwrap_or_else(|| word.clone());
            let q = best_of(
                [f.body, f.restored]
                    .into_iter()
                    .map(|field| term_query(field, &stem))
                    .collect(),
            );
            Some((q, Some(Pattern::Stem(stem))))
        }
        _ => {
            let q = best_of(
                [f.exact, f.restored_exact]
                    .into_iter()
                    .map(|field| sequence_query(field, &tokens))
                    .collect(),
            );
            Some((q, Some(Pattern::Exact(tokens))))
        }
    }
}

fn field_query(name: &str, value: &str, f: &Fields) -> Result<(Box<dyn Query>, Option<Pattern>)> {
    let exact_words = |v: &str| -> Vec<String> {
        analysis::tokenize(v, Mode::Query)
            .into_iter()
            .map(|t| t.text)
            .collect()
    };
    let no_words = || Error::Query(format!("'{name}:{value}' has no words to match"));
    let q: Box<dyn Query> = match name {
        "kind" => term_query(f.kind, &value.trim().to_lowercase()),
        "doc" => {
            let pattern = format!(".*{}.*", escape_regex(&value.to_lowercase()));
            Box::new(
                RegexQuery::from_pattern(&pattern, f.doc_key)
                    .map_err(|e| Error::Query(format!("doc:{value}: {e}")))?,
            )
        }
        "title" => {
            let stems: Vec<Box<dyn Query>> = analysis::tokenize_stemmed(value, Mode::Query)
                .into_iter()
                .map(|t| term_query(f.title, &t.text))
                .collect();
            all_of(stems).ok_or_else(no_words)?
        }
        "source" => sequence_query(
            f.source,
            &non_empty(exact_words(value)).ok_or_else(no_words)?,
        ),
        "speaker" => speaker_query(value, f).ok_or_else(no_words)?,
        "role" => sequence_query(f.role, &non_empty(exact_words(value)).ok_or_else(no_words)?),
        _ => unreachable!("query::parse only lets known fields through"),
    };
    Ok((q, None))
}

/// Records crediting a speaker whose name is `value` or contains its words
/// in order: `singer`, `Peter Singer` and `"peter singer"` all find Peter
/// Singer, `sing` does not. The whole-name alternative matches quotes by the
/// lower-cased canonical name, so it also holds for names the analyzer
/// would split differently. `None` when `value` has no words.
fn speaker_query(value: &str, f: &Fields) -> Option<Box<dyn Query>> {
    let words = analysis::tokenize(value, Mode::Query)
        .into_iter()
        .map(|t| t.text)
        .collect::<Vec<_>>();
    let words = non_empty(words)?;
    let key = value.split_whitespace().collect::<Vec<_>>().join(" ");
    any_of(vec![
        sequence_query(f.speaker, &words),
        term_query(f.speaker_key, &key.to_lowercase()),
    ])
}

fn non_empty(v: Vec<String>) -> Option<Vec<String>> {
    (!v.is_empty()).then_some(v)
}

/// Filters given as flags, as queries.
fn flag_filters(filters: &Filters, f: &Fields) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    if let Some(kind) = &filters.kind {
        out.push(term_query(f.kind, &kind.to_lowercase()));
    }
    if filters.since.is_some() || filters.until.is_some() {
        let bound = |key: Option<u64>| {
            key.map_or(Bound::Unbounded, |k| {
                Bound::Included(Term::from_field_u64(f.date_key, k))
            })
        };
        out.push(Box::new(RangeQuery::new(
            bound(filters.since),
            bound(filters.until),
        )));
    }
    if let Some(speaker) = &filters.speaker {
        out.push(field_query("speaker", speaker, f)?.0);
    }
    Ok(out)
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn sequence_query(field: Field, words: &[String]) -> Box<dyn Query> {
    if let [word] = words {
        return term_query(field, word);
    }
    let terms = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    Box::new(PhraseQuery::new(terms))
}

fn any_of(mut queries: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match queries.len() {
        0 => None,
        1 => queries.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))),
    }
}

/// The best-scoring of several views of the same words (original and
/// restored wording): a spun passage that matches in both is not counted
/// twice.
fn best_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(DisjunctionMaxQuery::new(queries))
}

fn all_of(mut queries: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match queries.len() {
        0 => None,
        1 => queries.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Must, q)).collect(),
        ))),
    }
}

fn escape_regex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~\"".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Options for [`run`].
pub struct Run {
    /// `schema::PASSAGE` or `schema::QUOTE`.
    pub record: &'static str,
    /// At most this many hits; `usize::MAX` for all.
    pub limit: usize,
    /// At most this many hits from one document (0 = no cap).
    pub per_doc: usize,
    pub order: Order,
}

/// How [`run`] orders hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Best first: records matching every clause, then (to fill `limit`)
    /// those matching some.
    Score,
    /// Every record matching every clause, by document id and then start
    /// offset; hits get score 0. For listings without words to rank by.
    Document,
}

/// Runs a compiled query. In [`Order::Score`], records matching every
/// positive clause come first; when there are fewer than `limit` of them,
/// records matching only some follow (so a pasted sentence still finds its
/// best partial matches).
pub fn run(opened: &Opened, compiled: &Compiled, opts: &Run) -> Result<Vec<Hit>> {
    let f = &opened.fields;
    let searcher = opened.reader.searcher();
    // TopDocs needs a limit it can allocate and above 0.
    let limit = opts
        .limit
        .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
    if limit == 0 {
        return Ok(Vec::new());
    }
    let common = |positive: Vec<(Occur, Box<dyn Query>)>| -> BooleanQuery {
        let mut clauses = positive;
        clauses.push((Occur::Must, term_query(f.record, opts.record)));
        clauses.extend(
            compiled
                .filters
                .iter()
                .map(|q| (Occur::Must, q.box_clone())),
        );
        clauses.extend(
            compiled
                .negatives
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        );
        if let Some(p) = &compiled.proximity {
            clauses.push((Occur::Should, p.box_clone()));
        }
        BooleanQuery::new(clauses)
    };
    let mut passes = Vec::new();
    if compiled.positives.is_empty() {
        passes.push(common(vec![(Occur::Must, Box::new(AllQuery))]));
    } else {
        passes.push(common(
            compiled
                .positives
                .iter()
                .map(|q| (Occur::Must, q.box_clone()))
                .collect(),
        ));
        if compiled.positives.len() > 1 && opts.order == Order::Score {
            let any = any_of(compiled.positives.iter().map(|q| q.box_clone()).collect())
                .expect("more than one positive clause");
            passes.push(common(vec![(Occur::Must, any)]));
        }
    }
    let mut per_doc = PerDoc::new(opts.per_doc);
    if opts.order == Order::Document {
        let addresses = searcher
            .search(&passes[0], &DocSetCollector)
            .map_err(|e| Error::tantivy(std::path::Path::new("index"), e))?;
        let mut records = addresses
            .into_iter()
            .map(|address| load(&searcher, address, f))
            .collect::<Result<Vec<_>>>()?;
        records.sort_by(|a, b| (&a.doc, a.start, a.end).cmp(&(&b.doc, b.start, b.end)));
        return Ok(records
            .into_iter()
            .filter(|r| per_doc.admits(&r.doc))
            .take(limit)
            .map(|r| hit(r, 0.0, compiled))
            .collect());
    }
    let fetch = if opts.per_doc > 0 {
        limit.saturating_mul(8).saturating_add(32)
    } else {
        limit
    };
    let mut seen = HashSet::new();
    let mut hits = Vec::new();
    for pass in passes {
        if hits.len() >= limit {
            break;
        }
        let top = searcher
            .search(
                &pass,
                &TopDocs::with_limit(fetch.saturating_add(hits.len())).order_by_score(),
            )
            .map_err(|e| Error::tantivy(std::path::Path::new("index"), e))?;
        for (score, address) in top {
            if hits.len() >= limit || !seen.insert(address) {
                continue;
            }
            let record = load(&searcher, address, f)?;
            if per_doc.admits(&record.doc) {
                hits.push(hit(record, score, compiled));
            }
        }
    }
    Ok(hits)
}

/// Counts hits per document against a cap (0 = no cap).
struct PerDoc {
    cap: usize,
    counts: HashMap<String, usize>,
}

impl PerDoc {
    fn new(cap: usize) -> PerDoc {
        PerDoc {
            cap,
            counts: HashMap::new(),
        }
    }

    /// Whether one more hit from `doc` fits, counting it if so.
    fn admits(&mut self, doc: &str) -> bool {
        if self.cap == 0 {
            return true;
        }
        let n = self.counts.entry(doc.to_string()).or_default();
        *n += 1;
        *n <= self.cap
    }
}

fn load(searcher: &Searcher, address: DocAddress, f: &Fields) -> Result<Record> {
    let doc: TantivyDocument = searcher
        .doc(address)
        .map_err(|e| Error::tantivy(std::path::Path::new("index"), e))?;
    Ok(Record::from_doc(&doc, f))
}

fn hit(record: Record, score: f32, compiled: &Compiled) -> Hit {
    let highlights = snippet::find_matches(&record.text, &compiled.patterns, record.spin.is_some());
    let snippet = snippet::snippet(&record.text, &highlights);
    Hit {
        record,
        score,
        highlights,
        snippet,
    }
}

/// `--since`/`--until` values: `2018-11-01`, `2018-11` or `2018`. An upper
/// bound given as a month or year covers all of it.
pub fn parse_date_bound(value: &str, upper: bool) -> Result<u64> {
    let key = schema::date_key(value).ok_or_else(|| {
        Error::Input(format!(
            "'{value}' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"
        ))
    })?;
    if !upper {
        return Ok(key);
    }
    let (year, month, day) = (key / 10000, key / 100 % 100, key % 100);
    Ok(year * 10000
        + if month == 0 {
            1231
        } else {
            month * 100 + if day == 0 { 31 } else { day }
        })
}
