//! Searching the index: query text in, ranked hits with highlights out.
//! Every query command (`search`, `quotes`, …) goes through [`compile`] and
//! [`run`], so they never rank or filter differently.

pub mod aliases;
mod collect;
pub mod document;
pub mod document_order;
pub mod facets;
mod feedback;
mod idf;
pub mod kwic;
pub mod query;
pub mod record;
mod sections;
pub mod similar;
pub mod snippet;
pub mod ties;
pub mod trend;
mod union;
pub mod variants;

use std::collections::{HashMap, HashSet};
use std::ops::{Bound, Range};

use tantivy::collector::sort_key::{SortByStaticFastValue, SortByString};
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EnableScoring, Occur,
    PhraseQuery, Query, RangeQuery, RegexQuery, Scorer, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocAddress, Order as TantivyOrder, Searcher, TantivyDocument};

use crate::analysis::{self, Mode};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::index::{schema, Fields, Opened};
use crate::speakers;
pub use aliases::Aliases;
pub use record::Record;
use snippet::{Located, Pattern, Snippet};
use union::SeekingUnion;

/// Restrictions given as command-line flags rather than in the query text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Document kinds, e.g. `accord`; a passage passes with any of them.
    pub kinds: Vec<String>,
    /// Document sources, each the whole name in any case; any of them.
    pub sources: Vec<String>,
    /// Inclusive date bounds as `YYYYMMDD` keys (see [`PartialDate::key`]).
    pub since: Option<u64>,
    pub until: Option<u64>,
    /// Quoted speakers, each the full name (any case) or any of its words
    /// in order (see [`speaker_query`]); a passage quoting any of them.
    pub speakers: Vec<String>,
}

/// A ranked passage or quote.
#[derive(Debug, Clone)]
pub struct Hit {
    pub record: Record,
    pub score: f32,
    /// Byte ranges of the matches in `record.text`.
    pub highlights: Vec<Range<usize>>,
    pub snippet: Snippet,
    /// Alias names (as written in the aliases file) that matched in the
    /// passage, in first-match order.
    pub aliases: Vec<String>,
    /// Matched only in the restored wording of a machine-paraphrased
    /// passage (`the States` for `U.S.`), not in its words as written.
    pub restored: bool,
}

/// How query text is turned into queries, besides its own syntax.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Names expanded to their aliases ([`Aliases::default`]: none).
    pub aliases: &'a Aliases,
    /// Match quoted phrases by stem (`"hack back"` finds "hacked back")
    /// instead of exact wording; `kwic --stem` and `variants` use it.
    pub stem_phrases: bool,
    /// The speaker table, so that a speaker's name finds the quotes
    /// `speakers` counts for them (a bare surname joined into a full name,
    /// a name without middle initials); `None` matches names as written.
    pub speakers: Option<&'a speakers::Stored>,
    /// The index searched, for `role:` to find the speakers whose role
    /// has its words; `None` matches roles as written only.
    pub index: Option<&'a Searcher>,
}

/// A query turned into tantivy queries plus what to highlight.
pub struct Compiled {
    /// Each must match in the first pass; any may in the second.
    positives: Vec<Box<dyn Query>>,
    /// The positives without their alias alternatives, when there are any:
    /// passages in the query's own wording rank before alias-only ones.
    own_positives: Option<Vec<Box<dyn Query>>>,
    filters: Vec<Box<dyn Query>>,
    negatives: Vec<Box<dyn Query>>,
    /// When some words may match in the passage's context (document title,
    /// headings) instead of its text: the words in the text only, one of
    /// which every hit must hold, so context adds evidence but never
    /// makes a hit by itself.
    in_text: Option<Box<dyn Query>>,
    /// Scored on the best records only, and added (see [`rerank`]): for
    /// several words, their standing close together; for one word, its
    /// being in the passage's context.
    bonus: Option<Box<dyn Query>>,
    /// What to highlight: the query's own words and phrases.
    pub patterns: Vec<Pattern>,
    /// The alias wordings the query was expanded to.
    pub alias_patterns: Vec<AliasPattern>,
}

/// A query phrase rewritten with aliases, as a pattern to find in text.
#[derive(Debug, Clone)]
pub struct AliasPattern {
    pub pattern: Pattern,
    /// The alias names it puts in, as written in the aliases file.
    pub names: Vec<String>,
}

impl Compiled {
    /// Whether the query asks for nothing: no words, filters or exclusions
    /// (`""`, a lone `OR`).
    pub fn is_empty(&self) -> bool {
        self.positives.is_empty() && self.filters.is_empty() && self.negatives.is_empty()
    }

    pub fn has_words(&self) -> bool {
        !self.positives.is_empty()
    }

    /// The stems of the query's words and of their alias wordings.
    fn stems(&self) -> HashSet<String> {
        let stem = |w: &String| analysis::stem(w).unwrap_or_else(|| w.clone());
        self.all_patterns()
            .flat_map(|p| match p {
                Pattern::Stem(s) => vec![s.clone()],
                Pattern::Exact(words) | Pattern::StemPhrase(words) => {
                    words.iter().map(stem).collect()
                }
            })
            .collect()
    }

    /// The query's own patterns, then the alias patterns; a pattern index
    /// from [`snippet::locate`] over these goes to [`Compiled::alias_names`].
    pub fn all_patterns(&self) -> impl Iterator<Item = &Pattern> + Clone {
        self.patterns
            .iter()
            .chain(self.alias_patterns.iter().map(|a| &a.pattern))
    }

    /// The alias names behind pattern `index` of [`Compiled::all_patterns`];
    /// empty for the query's own patterns.
    pub fn alias_names(&self, index: usize) -> &[String] {
        index
            .checked_sub(self.patterns.len())
            .and_then(|i| self.alias_patterns.get(i))
            .map_or(&[], |a| &a.names)
    }

    /// Where the query matches in a record's `text`, unmerged, in text
    /// order; patterns are indexes in [`Compiled::all_patterns`].
    pub fn locate(&self, text: &str, spun: bool) -> Vec<Located> {
        snippet::locate(text, self.all_patterns(), spun)
    }

    /// Occurrences of the query in `text` that do not overlap: the longest
    /// match at each place, so "United States of America" counts once, not
    /// also as "United States". For KWIC lines and variants.
    pub fn occurrences(&self, text: &str, spun: bool) -> Vec<Located> {
        let mut located = self.locate(text, spun);
        located.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end), m.pattern));
        let mut end = 0;
        located.retain(|m| {
            let keep = m.range.start >= end;
            if keep {
                end = m.range.end;
            }
            keep
        });
        located
    }

    /// Adds a filter every record must pass; it adds nothing to scores.
    pub fn require(&mut self, filter: Box<dyn Query>) {
        self.filters
            .push(Box::new(ConstScoreQuery::new(filter, 0.0)));
    }

    /// Records of type `record` that match every positive clause and every
    /// filter, and no negative one.
    pub fn strict_query(&self, record: &str, f: &Fields) -> Box<dyn Query> {
        self.all_of(&self.positives, record, f)
    }

    fn all_of(&self, positives: &[Box<dyn Query>], record: &str, f: &Fields) -> Box<dyn Query> {
        if positives.is_empty() {
            // Only here is the record type not implied by the fields asked.
            let every = vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::Must, term_query(f.record, record)),
            ];
            return self.with_filters(every);
        }
        self.with_filters(
            positives
                .iter()
                .map(|q| (Occur::Must, q.box_clone()))
                .collect(),
        )
    }

    /// `positive` with the filters and negatives added. A
    /// lone clause is returned as it is, so tantivy can use its fastest
    /// top-k path (block-max WAND) on it. Passage and quote records have
    /// text fields of their own (see [`Fields::quote_view`]), so no record
    /// filter is needed where there are words to match.
    fn with_filters(&self, positive: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
        let mut clauses = positive;
        if let Some(in_text) = &self.in_text {
            let no_score = ConstScoreQuery::new(in_text.box_clone(), 0.0);
            clauses.push((Occur::Must, Box::new(no_score)));
        }
        clauses.extend(self.filters.iter().map(|q| (Occur::Must, q.box_clone())));
        clauses.extend(
            self.negatives
                .iter()
                .map(|q| (Occur::MustNot, q.box_clone())),
        );
        if let [(Occur::Must, _)] = clauses.as_slice() {
            return clauses.pop().expect("one clause").1;
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

/// One compiled word, phrase or filter of a query.
struct Piece {
    query: Box<dyn Query>,
    /// `query` without alias alternatives.
    own: Box<dyn Query>,
    /// `query` without the passage context: what the passage text must
    /// hold. `None` for a filter.
    in_text: Option<Box<dyn Query>>,
    /// The word in the passage context, weighted, when `query` includes it.
    context: Option<Box<dyn Query>>,
    /// `own` without the context.
    own_text: Option<Box<dyn Query>>,
    pattern: Option<Pattern>,
    /// Patterns of other spellings of the words (see
    /// [`analysis::written_variants`]).
    variants: Vec<Pattern>,
    aliases: Vec<AliasPattern>,
}

/// Compiles query text and flag filters. Every command's query goes
/// through here, aliases included.
pub fn compile(text: &str, filters: &Filters, opts: &Options, fields: &Fields) -> Result<Compiled> {
    let parsed = query::parse(text)?;
    let mut compiled = Compiled {
        positives: Vec::new(),
        own_positives: None,
        filters: Vec::new(),
        negatives: Vec::new(),
        in_text: None,
        bonus: None,
        patterns: Vec::new(),
        alias_patterns: Vec::new(),
    };
    let mut in_text = Vec::new();
    let mut uses_context = false;
    let mut lone: Option<LoneWord> = None;
    let mut name_runs = false;
    let mut loose_stems = Vec::new();
    let mut own_positives = Vec::new();
    // Stop words ("to", "of", "which") say little of what is asked and
    // would qualify passages by themselves; they count only in phrases,
    // or when the query has no other words.
    let skip_stop_words = parsed.clauses.iter().any(|c| {
        let words = c
            .alternatives
            .iter()
            .any(|a| !matches!(a, query::Atom::Field { .. }));
        !c.negated && words && !is_stop_word_clause(c)
    });
    let mut at = 0;
    while at < parsed.clauses.len() {
        if let Some((len, words, tokens)) = name_run(&parsed.clauses[at..], opts.aliases) {
            name_runs = true;
            // Plain words that together are an alias name (`North Korea`):
            // all of them, as usual, or any other name of the thing.
            let mut all = Vec::new();
            for word in &words {
                if let Some(piece) = words_query(word, false, opts, &Aliases::default(), fields) {
                    if let Some(Pattern::Stem(stem)) = &piece.pattern {
                        loose_stems.push(stem.clone());
                    }
                    compiled.patterns.extend(piece.pattern);
                    compiled.patterns.extend(piece.variants);
                    uses_context |= piece.context.is_some();
                    in_text.extend(piece.in_text);
                    all.push(piece.query);
                }
            }
            let own = all_of(all);
            own_positives.extend(own.as_ref().map(|q| q.box_clone()));
            let mut alternatives: Vec<Box<dyn Query>> = own.into_iter().collect();
            for (query, alias) in alias_pieces(&tokens, opts.aliases, false, opts, fields) {
                in_text.push(query.box_clone());
                alternatives.push(query);
                compiled.alias_patterns.push(alias);
            }
            compiled.positives.extend(any_of(alternatives));
            at += len;
            continue;
        }
        let clause = &parsed.clauses[at];
        at += 1;
        if skip_stop_words && is_stop_word_clause(clause) {
            continue;
        }
        let is_filter = clause
            .alternatives
            .iter()
            .all(|a| matches!(a, query::Atom::Field { .. }));
        let mut alternatives = Vec::new();
        let mut own_alternatives = Vec::new();
        for atom in &clause.alternatives {
            let piece = match atom {
                query::Atom::Word(word) => words_query(word, false, opts, opts.aliases, fields),
                query::Atom::Phrase(phrase) => {
                    words_query(phrase, true, opts, opts.aliases, fields)
                }
                query::Atom::Field {
                    name,
                    value,
                    quoted,
                } => {
                    let query = field_query(name, value, *quoted, opts, fields)?.0;
                    Some(Piece {
                        own: query.box_clone(),
                        query,
                        in_text: None,
                        context: None,
                        own_text: None,
                        pattern: None,
                        variants: Vec::new(),
                        aliases: Vec::new(),
                    })
                }
            };
            let Some(piece) = piece else {
                continue;
            };
            if clause.negated {
                // Excluded where the passage holds the word, not where only
                // its title, heading or the question before it does.
                let text = piece.in_text.as_ref().map(|q| q.box_clone());
                alternatives.push(text.unwrap_or(piece.query));
                continue;
            }
            if let Some(pattern) = piece.pattern {
                if let (Pattern::Stem(stem), 1) = (&pattern, clause.alternatives.len()) {
                    loose_stems.push(stem.clone());
                }
                compiled.patterns.push(pattern);
            }
            compiled.patterns.extend(piece.variants);
            compiled.alias_patterns.extend(piece.aliases);
            uses_context |= piece.context.is_some();
            if let (Some(text), Some(own), Some(context), 1) = (
                &piece.in_text,
                &piece.own_text,
                &piece.context,
                clause.alternatives.len(),
            ) {
                lone = Some((text.box_clone(), own.box_clone(), context.box_clone()));
            }
            in_text.extend(piece.in_text);
            alternatives.push(piece.query);
            own_alternatives.push(piece.own);
        }
        let Some(q) = any_of(alternatives) else {
            continue;
        };
        match (clause.negated, is_filter) {
            (true, _) => compiled.negatives.push(q),
            (false, true) => compiled.filters.push(q),
            (false, false) => {
                let q = match clause.times {
                    1 => q,
                    n => Box::new(BoostQuery::new(q, n as f32)),
                };
                compiled.positives.push(q);
                own_positives.extend(any_of(own_alternatives));
            }
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
    if !compiled.alias_patterns.is_empty() {
        compiled.own_positives = Some(own_positives);
    }
    match lone {
        // One word alone: its context only adds to the best passages
        // (as a bonus), so the query stays one term and tantivy keeps its
        // fastest top-k path. A word may have only one clause.
        Some((text, own, context)) if compiled.positives.len() == 1 && !name_runs => {
            compiled.positives = vec![text];
            if compiled.own_positives.is_some() {
                compiled.own_positives = Some(vec![own]);
            }
            compiled.bonus = Some(context);
        }
        _ if uses_context => compiled.in_text = any_of(in_text),
        _ => {}
    }
    compiled
        .filters
        .extend(flag_filters(filters, opts, fields)?);
    if loose_stems.len() >= 2 {
        let terms = loose_stems
            .iter()
            .enumerate()
            .map(|(i, s)| (i, Term::from_field_text(fields.body, s)))
            .collect();
        compiled.bonus = Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, 3)));
    }
    Ok(compiled)
}

/// A query's last one-word clause: its queries in the passage text, in
/// the query's own wording, and in the passage context.
type LoneWord = (Box<dyn Query>, Box<dyn Query>, Box<dyn Query>);

/// A clause that is one unquoted stop word.
fn is_stop_word_clause(clause: &query::Clause) -> bool {
    let [query::Atom::Word(word)] = clause.alternatives.as_slice() else {
        return false;
    };
    let words = analysis::phrase_words(word);
    !clause.negated && matches!(words.as_slice(), [w] if analysis::is_stop_word(w))
}

/// The longest run (two clauses or more) of plain words at the start of
/// `clauses` that together spell an alias name: its length, its words as
/// typed and as analysed.
type NameRun<'c> = (usize, Vec<&'c str>, Vec<String>);

fn name_run<'c>(clauses: &'c [query::Clause], aliases: &Aliases) -> Option<NameRun<'c>> {
    if aliases.is_empty() {
        return None;
    }
    let mut words = Vec::new();
    let mut tokens = Vec::new();
    let mut best = None;
    for clause in clauses {
        let [query::Atom::Word(word)] = clause.alternatives.as_slice() else {
            break;
        };
        let analysed = analysis::tokenize(word, Mode::Query);
        if clause.negated || analysed.len() != 1 {
            break;
        }
        words.push(word.as_str());
        tokens.extend(analysed.into_iter().map(|t| t.text));
        if words.len() >= 2 && aliases.is_name(&tokens) {
            best = Some((words.len(), words.clone(), tokens.clone()));
        }
    }
    best
}

/// A word or phrase: one analysed word is a term (stemmed unless quoted);
/// several (`"private sector"`, `non-state`) are an exact phrase, or a
/// stemmed one with [`Options::stem_phrases`]. Restored fields are searched
/// alongside, so spun documents match the original wording. Alias names in
/// the words add rewritten phrases as alternatives.
fn words_query(
    text: &str,
    quoted: bool,
    opts: &Options,
    aliases: &Aliases,
    f: &Fields,
) -> Option<Piece> {
    let tokens = analysis::phrase_words(text);
    let stem_word = !quoted || opts.stem_phrases;
    let (text_query, pattern) = sequence(&tokens, stem_word, opts.stem_phrases, f)?;
    // Other spellings (`1/2000`: "1 in 2,000") count as the query's own.
    let mut own = vec![text_query];
    let mut variants = Vec::new();
    for words in analysis::written_variants(&tokens) {
        if let Some((query, pattern)) = sequence(&words, stem_word, opts.stem_phrases, f) {
            own.push(query);
            variants.push(pattern);
        }
    }
    let text_query = any_of(own).expect("at least the words themselves");
    let mut alternatives = vec![text_query.box_clone()];
    let mut via = Vec::new();
    for (query, alias) in alias_pieces(&tokens, aliases, stem_word, opts, f) {
        alternatives.push(query);
        via.push(alias);
    }
    let in_text = any_of(alternatives).expect("at least the words themselves");
    // A single word also counts where the title or a heading holds it.
    let context = match (&pattern, f.context) {
        (Pattern::Stem(stem), Some(field)) => Some(Box::new(BoostQuery::new(
            term_query(field, stem),
            CONTEXT_WEIGHT,
        )) as Box<dyn Query>),
        _ => None,
    };
    let with_context = |q: Box<dyn Query>| match &context {
        Some(c) => SeekingUnion::of(vec![q, c.box_clone()]).expect("two"),
        None => q,
    };
    Some(Piece {
        query: with_context(in_text.box_clone()),
        own: with_context(text_query.box_clone()),
        own_text: Some(text_query),
        in_text: Some(in_text),
        context,
        pattern: Some(pattern),
        variants,
        aliases: via,
    })
}

/// How much a word in the document title or a heading above the passage
/// counts against the same word in the passage itself.
const CONTEXT_WEIGHT: f32 = 0.5;

/// The query and pattern for analysed words: one word a term (its stem when
/// `stem_word`), several a phrase (of stems when `stem_phrase`).
fn sequence(
    tokens: &[String],
    stem_word: bool,
    stem_phrase: bool,
    f: &Fields,
) -> Option<(Box<dyn Query>, Pattern)> {
    let stem = |w: &String| analysis::stem(w).unwrap_or_else(|| w.clone());
    let (fields, pattern) = match tokens {
        [] => return None,
        [word] if stem_word => ([f.body, f.restored], Pattern::Stem(stem(word))),
        _ if stem_phrase => (
            [f.body, f.restored],
            Pattern::StemPhrase(tokens.iter().map(stem).collect()),
        ),
        _ => ([f.exact, f.restored_exact], Pattern::Exact(tokens.to_vec())),
    };
    let views = if f.restored_in_use { 2 } else { 1 };
    let words = match &pattern {
        Pattern::Stem(s) => std::slice::from_ref(s),
        Pattern::Exact(w) | Pattern::StemPhrase(w) => w.as_slice(),
    };
    let q = best_of(
        fields
            .into_iter()
            .take(views)
            .map(|field| sequence_query(field, words))
            .collect(),
    );
    Some((q, pattern))
}

/// Queries for the alias rewrites of `tokens`. A rewritten phrase is matched
/// as exact wording, or by stems with [`Options::stem_phrases`]; a one-word
/// name by its stem only where the query word itself was (`stem_word`).
fn alias_pieces(
    tokens: &[String],
    aliases: &Aliases,
    stem_word: bool,
    opts: &Options,
    f: &Fields,
) -> Vec<(Box<dyn Query>, AliasPattern)> {
    aliases
        .expand(tokens)
        .into_iter()
        .filter_map(|e| {
            let (query, pattern) = sequence(&e.words, stem_word, opts.stem_phrases, f)?;
            let names = e.names;
            Some((query, AliasPattern { pattern, names }))
        })
        .collect()
}

fn field_query(
    name: &str,
    value: &str,
    quoted: bool,
    opts: &Options,
    f: &Fields,
) -> Result<(Box<dyn Query>, Option<Pattern>)> {
    let exact_words = analysis::phrase_words;
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
        // In quotes, the exact wording: `title:"hack-back"` is not
        // "hacked back".
        "title" if quoted => sequence_query(
            f.title_exact,
            &non_empty(exact_words(value)).ok_or_else(no_words)?,
        ),
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
        "speaker" => speaker_query(value, opts, f)?.ok_or_else(no_words)?,
        "role" => role_query(
            &non_empty(exact_words(value)).ok_or_else(no_words)?,
            opts,
            f,
        )?,
        _ => unreachable!("query::parse only lets known fields through"),
    };
    Ok((q, None))
}

/// Records crediting a speaker whose name is `value` or contains its words
/// in order: `singer`, `Peter Singer`, `Dr. Peter Singer` and `"peter
/// singer"` all find Peter Singer, `sing` does not. With
/// [`Options::speakers`], a name the speaker table shows (or the one
/// speaker going by it) finds exactly the quotes `speakers` counts for
/// that speaker, and words of a name also find the quotes of the speakers
/// going by such a name. `None` when `value` has no words.
fn speaker_query(value: &str, opts: &Options, f: &Fields) -> Result<Option<Box<dyn Query>>> {
    // Names are indexed without honorifics: `Dr. Maria Lind` is `Maria Lind`.
    let value = speakers::reference_name(value).unwrap_or_else(|| value.to_string());
    let value = value.as_str();
    // Lower-cased first: a short name in capitals (`DOE`) is a name here,
    // not an acronym as it would be in a query.
    let Some(words) = non_empty(speakers::folded_words(value)) else {
        return Ok(None);
    };
    let keys = |speakers: &mut dyn Iterator<Item = &speakers::Speaker>| -> Box<dyn Query> {
        let terms = speakers
            .flat_map(|s| s.keys.iter())
            .map(|k| Term::from_field_text(f.speaker_key, k));
        any_term(terms.collect())
    };
    if let Some(table) = opts.speakers {
        let table = table.get()?;
        if let Some(speaker) = table.find(value) {
            return Ok(Some(keys(&mut std::iter::once(speaker))));
        }
        return Ok(any_of(vec![
            sequence_query(f.speaker, &words),
            keys(&mut table.containing(&words)),
        ]));
    }
    let key = value.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(any_of(vec![
        sequence_query(f.speaker, &words),
        term_query(f.speaker_key, &key.to_lowercase()),
    ]))
}

/// Records quoting someone whose role has these words. With
/// [`Options::speakers`], also the other quotes of such a speaker as the
/// speaker table joins them: the attribution "Singer said" gives no role,
/// Peter Singer's earlier one does.
fn role_query(words: &[String], opts: &Options, f: &Fields) -> Result<Box<dyn Query>> {
    let by_role = sequence_query(f.role, words);
    let (Some(table), Some(searcher)) = (opts.speakers, opts.index) else {
        return Ok(by_role);
    };
    let table = table.get()?;
    let quotes = BooleanQuery::new(vec![
        (Occur::Must, by_role.box_clone()),
        (Occur::Must, term_query(f.record, schema::QUOTE)),
    ]);
    let mut keys = std::collections::BTreeSet::new();
    for address in searcher
        .search(&quotes, &DocSetCollector)
        .map_err(Error::query_failed)?
    {
        let r = load(searcher, address, f)?;
        let Some(key) = speakers::speaker_key(r.speaker(), r.surface.as_deref(), r.resolved) else {
            continue;
        };
        if let Some(speaker) = table.by_key(&key) {
            keys.extend(speaker.keys.iter().cloned());
        }
    }
    let terms = keys.iter().map(|k| Term::from_field_text(f.speaker_key, k));
    Ok(any_of(vec![by_role, any_term(terms.collect())]).expect("at least the role"))
}

fn non_empty(v: Vec<String>) -> Option<Vec<String>> {
    (!v.is_empty()).then_some(v)
}

/// Filters given as flags, as queries.
fn flag_filters(filters: &Filters, opts: &Options, f: &Fields) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    // Values of one flag are alternatives, as facet values of one group.
    let kinds = filters.kinds.iter();
    out.extend(any_of(
        kinds
            .map(|k| term_query(f.kind, &k.to_lowercase()))
            .collect(),
    ));
    let sources = filters.sources.iter();
    out.extend(any_of(
        sources
            .map(|s| term_query(f.source_key, &s.trim().to_lowercase()))
            .collect(),
    ));
    let date = |k: u64| Term::from_field_u64(f.date_key, k);
    if let Some(since) = filters.since {
        // A document dated only by month or year (key `YYYYMM00`,
        // `YYYY0000`) covers the whole period: it passes when the period
        // reaches the bound, as the month or year holding the bound does.
        let mut passes: Vec<Box<dyn Query>> = vec![Box::new(RangeQuery::new(
            Bound::Included(date(since)),
            Bound::Unbounded,
        ))];
        for period in [since / 100 * 100, since / 10000 * 10000] {
            if period != since {
                passes.push(Box::new(TermQuery::new(
                    date(period),
                    IndexRecordOption::Basic,
                )));
            }
        }
        // Constant, like the range alone: a filter must not reorder hits.
        out.extend(
            any_of(passes).map(|q| Box::new(ConstScoreQuery::new(q, 1.0)) as Box<dyn Query>),
        );
    }
    if let Some(until) = filters.until {
        // Period keys sort at their start, so they pass when it is not later.
        out.push(Box::new(RangeQuery::new(
            Bound::Unbounded,
            Bound::Included(date(until)),
        )));
    }
    let speakers = filters.speakers.iter();
    out.extend(any_of(
        speakers
            .map(|s| Ok(field_query("speaker", s, false, opts, f)?.0))
            .collect::<Result<_>>()?,
    ));
    Ok(out)
}

/// Records holding any of `terms`, each scoring 1 as a `TermSetQuery`
/// does. A few terms are a union of term queries: a `TermSetQuery` builds
/// a finite-state transducer, whose zeroed tables were a seventh of a
/// `speaker:lindqvist cyberspace` search in the server.
fn any_term(terms: Vec<Term>) -> Box<dyn Query> {
    const FEW_TERMS: usize = 32;
    if terms.len() > FEW_TERMS {
        return Box::new(TermSetQuery::new(terms));
    }
    let union = terms
        .into_iter()
        .map(|t| -> (Occur, Box<dyn Query>) {
            (
                Occur::Should,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            )
        })
        .collect();
    Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::new(union)),
        1.0,
    ))
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// A word, or the phrase of `words` (see [`analysis::phrase_words`]: an
/// empty word is a sentence break the phrase spans).
fn sequence_query(field: Field, words: &[String]) -> Box<dyn Query> {
    if let [word] = words {
        return term_query(field, word);
    }
    let terms = words
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.is_empty())
        .map(|(offset, w)| (offset, Term::from_field_text(field, w)))
        .collect();
    Box::new(PhraseQuery::new_with_offset(terms))
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
fn best_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
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
    /// The newest documents first (undated last), each in reading order,
    /// up to `limit`; hits get score 0. For searches of filters only,
    /// which may match most of the corpus: no record is read but those
    /// shown.
    Newest,
}

/// Runs a compiled query. In [`Order::Score`], records matching every
/// positive clause come first, those in the query's own wording before
/// those matching only through aliases; when there are fewer than `limit`
/// of them, records matching only some clauses follow (so a pasted
/// sentence still finds its
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
    let mut per_doc = PerDoc::new(opts.per_doc);
    if opts.order == Order::Newest {
        return newest_first(opened, compiled, opts, limit);
    }
    if opts.order == Order::Document {
        // Documents are put in order from fast fields, so only those
        // listed are read (`quotes -n 5` at 2 GB read all 2.8 M quotes: 38
        // s, 3.4 GB); a document's records are then put in text order,
        // which for quotes is not always the order they were indexed in.
        let query = compiled.strict_query(opts.record, f);
        let ordered = document_order::document_order(&searcher, &query)?;
        let mut hits = Vec::new();
        let mut document: Vec<Record> = Vec::new();
        let mut take = |document: &mut Vec<Record>, hits: &mut Vec<Hit>| {
            document.sort_by_key(|r| (r.start, r.end));
            for record in document.drain(..) {
                if hits.len() < limit && per_doc.admits(&record.doc) {
                    hits.push(hit_of(record, 0.0, compiled));
                }
            }
        };
        for address in ordered.addresses {
            let record = load(&searcher, address, f)?;
            if document.last().is_some_and(|last| last.doc != record.doc) {
                take(&mut document, &mut hits);
                if hits.len() >= limit {
                    break;
                }
            }
            document.push(record);
        }
        take(&mut document, &mut hits);
        return Ok(hits);
    }
    let mut passes = Vec::new();
    if let Some(own) = &compiled.own_positives {
        passes.push(compiled.all_of(own, opts.record, f));
    }
    passes.push(compiled.strict_query(opts.record, f));
    if compiled.positives.len() > 1 {
        // The sum of the scores of the words present, as a dis_max with
        // tie-breaker 1: tantivy then takes its plain union rather than
        // block-max WAND, which on a pasted sentence full of common words
        // took 130 ms instead of 75 at 1 GB.
        let any = DisjunctionMaxQuery::with_tie_breaker(
            compiled.positives.iter().map(|q| q.box_clone()).collect(),
            1.0,
        );
        passes.push(compiled.with_filters(vec![(Occur::Must, Box::new(any))]));
    }
    let fetch = fetch_for(limit, opts.per_doc);
    let mut seen = HashSet::new();
    let mut paragraphs = HashSet::new();
    let mut hits = Vec::new();
    for pass in passes {
        if hits.len() >= limit {
            break;
        }
        let wanted = fetch.saturating_add(hits.len());
        // The best records by their words alone are re-ranked with their
        // prior and the proximity bonus; a window well beyond any page
        // shown gives the same top hits as scoring both in the query,
        // at a fraction of the cost.
        let window = wanted.max(RERANK_WINDOW);
        let mut top = searcher
            .search(&pass, &TopDocs::with_limit(window).order_by_score())
            .map_err(Error::query_failed)?;
        let ranks = opened.doc_ranks.as_ref();
        // Only the order of the first `wanted` records is seen (and of
        // the feedback's sources), so only ties among them are ordered.
        let sources = wanted.max(feedback::SOURCES);
        rerank(
            &searcher,
            compiled.bonus.as_deref(),
            &mut top,
            ranks,
            sources,
        )?;
        if opts.record == schema::PASSAGE {
            feedback::expand(&searcher, f, &compiled.stems(), &mut top, ranks, wanted)?;
        }
        if opts.record == schema::PASSAGE {
            sections::put_sections_first(&searcher, f, &mut top, wanted, ranks)?;
        }
        top.truncate(wanted);
        for (score, address) in top {
            if hits.len() >= limit || !seen.insert(address) {
                continue;
            }
            let record = load(&searcher, address, f)?;
            // A long paragraph is several passages; its best one stands
            // for it, rather than the same ¶ filling the page.
            let paragraph = (record.doc.clone(), record.paragraph);
            if opts.record == schema::PASSAGE && !paragraphs.insert(paragraph) {
                continue;
            }
            if per_doc.admits(&record.doc) {
                hits.push(hit_of(record, score, compiled));
            }
        }
    }
    Ok(hits)
}

/// How many top records to fetch for `limit` hits: more under a
/// per-document cap, which passes over some.
fn fetch_for(limit: usize, per_doc: usize) -> usize {
    if per_doc > 0 {
        limit.saturating_mul(8).saturating_add(32)
    } else {
        limit
    }
}

/// [`Order::Newest`]: sorted by date, document id and passage on fast
/// fields, so only the records shown are read.
fn newest_first(
    opened: &Opened,
    compiled: &Compiled,
    opts: &Run,
    limit: usize,
) -> Result<Vec<Hit>> {
    let f = &opened.fields;
    let searcher = opened.reader.searcher();
    let fetch = fetch_for(limit, opts.per_doc);
    let order = (
        (
            SortByStaticFastValue::<u64>::for_field("date_key"),
            TantivyOrder::Desc,
        ),
        (SortByString::for_field("doc"), TantivyOrder::Asc),
        (
            SortByStaticFastValue::<u64>::for_field("passage"),
            TantivyOrder::Asc,
        ),
    );
    let top = searcher
        .search(
            &compiled.strict_query(opts.record, f),
            &TopDocs::with_limit(fetch).order_by(order),
        )
        .map_err(Error::query_failed)?;
    let mut per_doc = PerDoc::new(opts.per_doc);
    let mut hits = Vec::new();
    for (_, address) in top {
        if hits.len() >= limit {
            break;
        }
        let record = load(&searcher, address, f)?;
        if per_doc.admits(&record.doc) {
            hits.push(hit_of(record, 0.0, compiled));
        }
    }
    Ok(hits)
}

/// How many of a query's best records by their words alone are re-ranked
/// by [`rerank`]. Scoring a bonus inside the query costs a
/// position check on every record holding all the words (a quarter of the
/// time of a two-word query on 1 GB).
const RERANK_WINDOW: usize = 100;

/// Adds to each hit's score what `bonus` scores on its record (as a
/// `Should` clause of the query would), multiplies it by the record's
/// prior (see `index::prior`) and re-sorts, best first, ties among the
/// first `needed` in a stable order.
fn rerank(
    searcher: &Searcher,
    bonus: Option<&dyn Query>,
    top: &mut [(f32, DocAddress)],
    ranks: Option<&ties::DocRanks>,
    needed: usize,
) -> Result<()> {
    let addresses: Vec<DocAddress> = top.iter().map(|(_, a)| *a).collect();
    if let Some(bonus) = bonus {
        for (hit, extra) in top.iter_mut().zip(scores_on(searcher, bonus, &addresses)?) {
            hit.0 += extra;
        }
    }
    let priors = priors(searcher, addresses.iter().copied());
    for hit in top.iter_mut() {
        // Quotes have no prior: theirs is 1.
        hit.0 *= priors.get(&hit.1).copied().unwrap_or(1.0);
    }
    sort_best_first(searcher, top, ranks, needed);
    Ok(())
}

/// Sorts hits by score, best first, ties that reach into the first
/// `needed` in a stable order (see `ties`).
fn sort_best_first(
    searcher: &Searcher,
    top: &mut [(f32, DocAddress)],
    ranks: Option<&ties::DocRanks>,
    needed: usize,
) {
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ties::order_ties(searcher, top, ranks, needed);
}

/// What `query` scores on each of `addresses`, 0 where it does not match:
/// one scorer per segment, sought forward in address order.
fn scores_on(searcher: &Searcher, query: &dyn Query, addresses: &[DocAddress]) -> Result<Vec<f32>> {
    let weight = query
        .weight(EnableScoring::enabled_from_searcher(searcher))
        .map_err(Error::query_failed)?;
    let mut order: Vec<usize> = (0..addresses.len()).collect();
    order.sort_by_key(|&i| addresses[i]);
    let mut scores = vec![0.0; addresses.len()];
    let mut segment: Option<(u32, Box<dyn Scorer>)> = None;
    for i in order {
        let address = addresses[i];
        if segment
            .as_ref()
            .is_none_or(|(ord, _)| *ord != address.segment_ord)
        {
            let reader = searcher.segment_reader(address.segment_ord);
            let scorer = weight.scorer(reader, 1.0).map_err(Error::query_failed)?;
            segment = Some((address.segment_ord, scorer));
        }
        let (_, scorer) = segment.as_mut().expect("set above");
        if scorer.doc() < address.doc_id {
            scorer.seek(address.doc_id);
        }
        if scorer.doc() == address.doc_id {
            scores[i] = scorer.score();
        }
    }
    Ok(scores)
}

/// The prior (see `index::prior`) of each of `addresses`, where the index
/// has one (quotes have none: theirs is 1).
pub(crate) fn priors(
    searcher: &Searcher,
    addresses: impl Iterator<Item = DocAddress>,
) -> HashMap<DocAddress, f32> {
    let mut columns = HashMap::new();
    let mut out = HashMap::new();
    for address in addresses {
        let column = columns.entry(address.segment_ord).or_insert_with(|| {
            searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .f64("prior")
                .ok()
        });
        if let Some(prior) = column.as_ref().and_then(|c| c.first(address.doc_id)) {
            out.insert(address, prior as f32);
        }
    }
    out
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
    let doc: TantivyDocument = searcher.doc(address).map_err(Error::query_failed)?;
    Ok(Record::from_doc(&doc, f))
}

/// A hit on `record`: where `compiled` matches in it, and its snippet.
pub fn hit_of(record: Record, score: f32, compiled: &Compiled) -> Hit {
    let located = compiled.locate(&record.text, record.spin.is_some());
    let restored = !located.is_empty() && located.iter().all(|m| m.restored);
    let mut aliases: Vec<String> = Vec::new();
    for m in &located {
        for name in compiled.alias_names(m.pattern) {
            if !aliases.contains(name) {
                aliases.push(name.clone());
            }
        }
    }
    let ranges = located.into_iter().map(|m| m.range).collect();
    let highlights = snippet::merge(&record.text, ranges);
    Hit {
        restored,
        ..hit_from(record, score, highlights, aliases)
    }
}

/// A hit on `record` with these highlights (merged byte ranges).
pub fn hit_from(
    record: Record,
    score: f32,
    highlights: Vec<Range<usize>>,
    aliases: Vec<String>,
) -> Hit {
    let snippet = snippet::snippet(&record.text, &highlights);
    Hit {
        record,
        score,
        highlights,
        snippet,
        aliases,
        restored: false,
    }
}

/// Passage counts per kind, source, year and speaker over every passage
/// matching `compiled` in full (what [`Compiled::strict_query`] selects).
pub fn facets(opened: &Opened, compiled: &Compiled) -> Result<facets::Facets> {
    let searcher = opened.reader.searcher();
    facets::count(
        &searcher,
        &compiled.strict_query(schema::PASSAGE, &opened.fields),
    )
}

/// Every record of type `record` matching `compiled` (not ranked), in
/// index order, which is document order within a segment; a read of the
/// stored passages in this order touches each compressed block once.
pub fn all_matches(opened: &Opened, compiled: &Compiled, record: &str) -> Result<Vec<Record>> {
    let query = compiled.strict_query(record, &opened.fields);
    records_matching(opened, &query)
}

/// The addresses of every record `query` matches, in index order.
pub(crate) fn addresses_matching(
    searcher: &Searcher,
    query: &dyn Query,
) -> Result<Vec<DocAddress>> {
    searcher
        .search(query, &collect::Addresses)
        .map_err(Error::query_failed)
}

/// Every record `query` matches, in index order.
pub(crate) fn records_matching(opened: &Opened, query: &dyn Query) -> Result<Vec<Record>> {
    let searcher = opened.reader.searcher();
    addresses_matching(&searcher, query)?
        .into_iter()
        .map(|address| {
            let doc: TantivyDocument = searcher.doc(address).map_err(Error::query_failed)?;
            Ok(Record::from_doc(&doc, &opened.fields))
        })
        .collect()
}

/// The `--since` and `--until` bounds as date keys; a range that ends
/// before it starts is a mistake to name, not a search with no results.
pub fn date_range(since: Option<&str>, until: Option<&str>) -> Result<(Option<u64>, Option<u64>)> {
    let from = since.map(|d| parse_date_bound(d, false)).transpose()?;
    let to = until.map(|d| parse_date_bound(d, true)).transpose()?;
    if let (Some(from), Some(to), Some(since), Some(until)) = (from, to, since, until) {
        if from > to {
            return Err(Error::Input(format!(
                "--since {since} is after --until {until}; did you mean --since {until} --until {since}?"
            )));
        }
    }
    Ok((from, to))
}

/// A `--since`/`--until` value as its date key ([`PartialDate::key`]); a
/// bound given as a month or year covers all of it, so an upper one is
/// the key of its last day. Read as document dates are
/// ([`PartialDate::parse`]), but a value that is no date is an error.
pub fn parse_date_bound(value: &str, upper: bool) -> Result<u64> {
    let date = PartialDate::parse(value).ok_or_else(|| {
        Error::Input(format!(
            "'{value}' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY (or e.g. 12 November 2018)"
        ))
    })?;
    Ok(if upper { date.last_key() } else { date.key() })
}
