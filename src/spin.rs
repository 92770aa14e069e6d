//! Spun documents: text run through an automatic synonym "spinner" that
//! swaps words for a synonym of *some* sense ("in" → "inwards", "private
//! sector" → "person sector", "China" → "Red People's Republic of China").
//! This module owns flagging such documents ([`detect`]) and rewriting their
//! tokens back to the likely original wording ([`restore`]) for a second,
//! "restored" index field, so a search for `private sector` also finds
//! "person sector". Displayed text is never changed.
//!
//! Both use one phrase table, `spin_substitutions.tsv` (format and weights
//! documented in its header), parsed once.
//!
//! # Scoring and threshold
//!
//! [`detect`] counts table phrases, longest match first, and sums their
//! weights (3 = almost never in human text, 2 = rare, 1 = plausible, 0 = not
//! evidence). `score` is that sum per 1,000 words. A document is `spun` when
//! both hold:
//!
//! - `score` ≥ 30 (density). Measured: the spun seed document scores 259,
//!   our hand-spun fixtures 220–310; clean news, UN-report, accord and the
//!   clean seed 0–10, a press release stuffed with "safety", "manager",
//!   "destination" and "impairment" 17. Spinners at this strength land far
//!   above 30; weight-1 words alone stay below it in clean prose.
//! - variety ≥ 9: the weights of the *distinct* strong phrases (weight ≥ 2),
//!   each counted once, e.g. three weight-3 tells. Documents under 80 words
//!   need 12, because one or two odd words already make their density
//!   high. Variety is what keeps a clean text with a few rare words from
//!   being flagged: our op-ed fixture says "turns inwards", "fifty-fifty" and
//!   "forestall" and reaches a density of 46, but a variety of only 7, while
//!   a spun text shows a different oddity every few words (the spun seed has
//!   variety 89; our spun fixtures 39 and 45).
//!
//! Evidence that sits inside a hyphenated compound does not count ("non" in
//! "non-binding"), a hyphenated spun phrase ("one-time") counts only with its
//! hyphen, and no phrase runs across punctuation.
//!
//! # Limits
//!
//! [`restore`] sees tokens only, not hyphens or punctuation, so in a flagged
//! document "non-binding" relies on a guard line in the table to stay
//! "non binding", and "one time" is restored to "former" like "one-time".
//! Words the spinner mapped from several originals get one ("v" → "five",
//! never "5"), and spun words not in the table ("close" for "nearly") stay
//! as written.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;

use crate::analysis::{self, Mode, Token};

const SUBSTITUTIONS: &str = include_str!("spin_substitutions.tsv");

/// Weighted evidence per 1,000 words from which a document may be flagged.
const SCORE_THRESHOLD: f32 = 30.0;
/// Weight from which a phrase counts as strong evidence.
const STRONG_WEIGHT: u8 = 2;
/// Variety a flagged document must show: the weights of its distinct strong
/// phrases, each counted once, must add up to this.
const MIN_VARIETY: usize = 9;
/// Documents shorter than this (in words) need [`MIN_VARIETY_SHORT`].
const SHORT_DOCUMENT_WORDS: usize = 80;
const MIN_VARIETY_SHORT: usize = 12;
/// Highest weight the table may use.
const MAX_WEIGHT: u8 = 3;

/// How strongly a document looks machine-spun.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpinReport {
    /// Weighted evidence per 1,000 words; 0.0 for a document without words.
    pub score: f32,
    /// Whether the document should be treated as spun (see the module doc).
    pub spun: bool,
    /// Tell-tale phrases as written in the table, with how often each
    /// occurred; most frequent first, then heavier, then alphabetical.
    /// Weight-0 phrases are not listed.
    pub evidence: Vec<(String, usize)>,
}

/// The score of `text` if [`detect`] flags it, skipping detection where a
/// cheap scan shows it cannot. Indexing asks this of every document, and
/// detection tokenises the whole text (6% of an index build's CPU time
/// before this scan): most documents are clean, and a clean text rarely
/// holds the key words of the several distinct strong phrases a flag
/// needs (6 of 2,227 bench documents do).
pub fn spun_score(text: &str) -> Option<f32> {
    if variety_bound(text) < MIN_VARIETY {
        return None;
    }
    let report = detect(text);
    report.spun.then_some(report.score)
}

/// An upper bound on the variety [`detect`] finds in `text`: the strong
/// weights of every table entry whose key word (see [`Table`]) may occur in
/// it; an entry cannot match without each of its words.
///
/// Words are split at every character other than letters, digits, marks
/// and `_`, which gives each word of the analyzer's or fragments of it (the
/// analyzer keeps `hasn't` and `e.g` whole and drops a possessive), so no
/// key word that the analyzer would produce is missed. Text with non-ASCII
/// letters, which the analyzer folds (`é` → `e`), gets no bound.
fn variety_bound(text: &str) -> usize {
    let table = table();
    let mut bound = table.unkeyed_variety;
    let mut counted = vec![false; table.strong_keys.len()];
    let mut word = String::new();
    let mut chars = text.chars();
    loop {
        let c = chars.next();
        match c {
            Some(c) if c.is_ascii_alphanumeric() || c == '_' => {
                word.push(c.to_ascii_lowercase());
                continue;
            }
            Some(c) if !c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c)) => {
                return usize::MAX;
            }
            _ => {}
        }
        if let Some(&(id, variety)) = table.strong_keys.get(word.as_str()) {
            if !std::mem::replace(&mut counted[id], true) {
                bound += variety;
            }
        }
        word.clear();
        if c.is_none() {
            return bound;
        }
    }
}

/// Score a whole document's text (paragraphs joined by "\n\n").
pub fn detect(text: &str) -> SpinReport {
    let table = table();
    let found = words(text);
    let words = &found.list;
    let mut counts = vec![0usize; table.entries.len()];
    let mut at = 0;
    while at < words.len() {
        // A match must not start or end inside a hyphenated compound, must
        // have the table phrase's own hyphens, and must not run across
        // punctuation ("similar. The" is not "similar the").
        let fits = |entry: &Substitution| {
            let inner = entry.spun.len() - 1;
            (at == 0 || !words[at - 1].joined)
                && entry
                    .joins
                    .iter()
                    .zip(&words[at..])
                    .all(|(&joined, word)| joined == word.joined)
                && !words[at..at + inner].iter().any(|word| word.breaks)
        };
        match table.longest_match(words, at, |w| found.text(w), fits) {
            Some(id) => {
                counts[id] += 1;
                at += table.entries[id].spun.len();
            }
            None => at += 1,
        }
    }

    let hits = || {
        table
            .entries
            .iter()
            .zip(&counts)
            .filter(|(entry, &count)| count > 0 && entry.weight > 0)
    };
    let weighted: usize = hits()
        .map(|(entry, &count)| usize::from(entry.weight) * count)
        .sum();
    let variety: usize = hits()
        .filter(|(entry, _)| entry.weight >= STRONG_WEIGHT)
        .map(|(entry, _)| usize::from(entry.weight))
        .sum();
    let score = if words.is_empty() {
        0.0
    } else {
        weighted as f32 * 1000.0 / words.len() as f32
    };
    let needed = if words.len() < SHORT_DOCUMENT_WORDS {
        MIN_VARIETY_SHORT
    } else {
        MIN_VARIETY
    };

    let mut found: Vec<(&Substitution, usize)> =
        hits().map(|(entry, &count)| (entry, count)).collect();
    found.sort_by(|(a, a_count), (b, b_count)| {
        b_count
            .cmp(a_count)
            .then(b.weight.cmp(&a.weight))
            .then(a.label.cmp(&b.label))
    });
    SpinReport {
        score,
        spun: score >= SCORE_THRESHOLD && variety >= needed,
        evidence: found
            .into_iter()
            .map(|(entry, count)| (entry.label.clone(), count))
            .collect(),
    }
}

/// Rewrite spun wordings back to their likely originals, for a second
/// ("restored") index field. Call it only for documents [`detect`] flagged:
/// it rewrites every table phrase, longest match first, and some ("similar",
/// "safety") are ordinary words in clean text.
///
/// Input: exact-view tokens of one passage. Output: the restored token stream
/// only. Every substitution phrase is replaced by its original's tokens, other
/// tokens are copied; positions are renumbered from 0, keeping the gaps of
/// sentence breaks. Offsets
/// (bytes into the passage): words shared by both phrases ("sector" in
/// "person sector" → "private sector") and 1:1 replacements keep their own
/// offsets; otherwise each original token spans the replaced words, from the
/// first's `from` to the last's `to` (n → 1, 1 → m and n → m alike).
pub fn restore(tokens: &[Token]) -> Vec<Token> {
    let table = table();
    let mut out = Vec::with_capacity(tokens.len());
    let mut at = 0;
    // Sentence breaks (a skipped position) are kept: restored phrases must
    // not span them either.
    let mut skipped = 0;
    while at < tokens.len() {
        if at > 0 {
            skipped += tokens[at]
                .position
                .saturating_sub(tokens[at - 1].position + 1);
        }
        let first = out.len();
        match table.longest_match(tokens, at, |t| &t.text, |_| true) {
            Some(id) => {
                let entry = &table.entries[id];
                let source = &tokens[at..at + entry.spun.len()];
                push_original(&mut out, source, &entry.original);
                at += source.len();
            }
            None => {
                let token = &tokens[at];
                push_token(&mut out, token.text.clone(), token.from, token.to);
                at += 1;
            }
        }
        for token in &mut out[first..] {
            token.position += skipped;
        }
    }
    out
}

/// Append `original` in place of `source`, aligning words the two share at
/// either end so they keep their own offsets.
fn push_original(out: &mut Vec<Token>, source: &[Token], original: &[String]) {
    let shortest = source.len().min(original.len());
    let mut prefix = 0;
    while prefix < shortest && source[prefix].text == original[prefix] {
        prefix += 1;
    }
    let mut suffix = 0;
    while prefix + suffix < shortest
        && source[source.len() - 1 - suffix].text == original[original.len() - 1 - suffix]
    {
        suffix += 1;
    }
    if (prefix + suffix == source.len()) != (prefix + suffix == original.len()) {
        // Only one side has words left over: a pure insertion or deletion.
        // Treat the phrase as a whole instead, so "Commonwealth of Australia"
        // → "australia" spans all three words rather than dropping two.
        prefix = 0;
        suffix = 0;
    }
    let source_middle = &source[prefix..source.len() - suffix];
    let original_middle = &original[prefix..original.len() - suffix];

    for token in &source[..prefix] {
        push_token(out, token.text.clone(), token.from, token.to);
    }
    if source_middle.len() == original_middle.len() {
        for (token, text) in source_middle.iter().zip(original_middle) {
            push_token(out, text.clone(), token.from, token.to);
        }
    } else if let (Some(first), Some(last)) = (source_middle.first(), source_middle.last()) {
        for text in original_middle {
            push_token(out, text.clone(), first.from, last.to);
        }
    }
    for token in &source[source.len() - suffix..] {
        push_token(out, token.text.clone(), token.from, token.to);
    }
}

fn push_token(out: &mut Vec<Token>, text: String, from: usize, to: usize) {
    let position = out.len();
    out.push(Token {
        text,
        from,
        to,
        position,
    });
}

/// One line of the table.
struct Substitution {
    /// The spun phrase as written in the table; the evidence label.
    label: String,
    spun: Vec<String>,
    /// Per spun word: whether a hyphen joins it to the next word.
    joins: Vec<bool>,
    original: Vec<String>,
    weight: u8,
}

struct Table {
    entries: Vec<Substitution>,
    /// First spun word → entry ids, longest phrase first.
    by_first: FxHashMap<String, Vec<usize>>,
    /// For [`variety_bound`]: each strong entry's key word (its longest
    /// word of ASCII letters and digits, likely its rarest: "pith" in "the
    /// pith of") → (a dense id, the summed weights of the entries it keys)...
    strong_keys: FxHashMap<String, (usize, usize)>,
    /// ...and the summed weights of strong entries without such a word.
    unkeyed_variety: usize,
}

impl Table {
    /// The id of the longest entry whose spun words start at `tokens[at]`
    /// and that `fits` accepts.
    fn longest_match<'t, T>(
        &self,
        tokens: &'t [T],
        at: usize,
        text: impl Fn(&'t T) -> &'t str,
        fits: impl Fn(&Substitution) -> bool,
    ) -> Option<usize> {
        let candidates = self.by_first.get(text(&tokens[at]))?;
        let rest = &tokens[at..];
        candidates.iter().copied().find(|&id| {
            let entry = &self.entries[id];
            entry.spun.len() <= rest.len()
                && entry
                    .spun
                    .iter()
                    .zip(rest)
                    .all(|(word, token)| word == text(token))
                && fits(entry)
        })
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        parse_table(SUBSTITUTIONS).unwrap_or_else(|problem| {
            // Invariant: the embedded table is valid; the unit test
            // `substitution_table_parses` checks it on every build.
            panic!("src/spin_substitutions.tsv is invalid: {problem}")
        })
    })
}

fn parse_table(tsv: &str) -> Result<Table, String> {
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    for (index, line) in tsv.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [spun_text, original_text, weight_text] = columns[..] else {
            return Err(format!(
                "line {line_number}: expected `spun<TAB>original<TAB>weight`, found {} column(s)",
                columns.len()
            ));
        };
        let weight = weight_text
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|&weight| weight <= MAX_WEIGHT)
            .ok_or_else(|| {
                format!("line {line_number}: weight `{weight_text}` is not 0 to {MAX_WEIGHT}")
            })?;
        let spun = words(spun_text);
        let original = words(original_text);
        if spun.list.is_empty() || original.list.is_empty() {
            return Err(format!("line {line_number}: a phrase has no words"));
        }
        let spun_texts = spun.texts();
        if !seen.insert(spun_texts.clone()) {
            return Err(format!("line {line_number}: `{spun_text}` is listed twice"));
        }
        entries.push(Substitution {
            label: spun_text.trim().to_string(),
            joins: spun.list.iter().map(|w| w.joined).collect(),
            spun: spun_texts,
            original: original.texts(),
            weight,
        });
    }

    let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (id, entry) in entries.iter().enumerate() {
        by_first.entry(entry.spun[0].clone()).or_default().push(id);
    }
    for ids in by_first.values_mut() {
        ids.sort_by_key(|&id| std::cmp::Reverse(entries[id].spun.len()));
    }
    let mut strong_keys: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    let mut unkeyed_variety = 0;
    for entry in entries.iter().filter(|e| e.weight >= STRONG_WEIGHT) {
        let key = entry
            .spun
            .iter()
            .filter(|word| word.bytes().all(|b| b.is_ascii_alphanumeric()))
            .max_by_key(|word| word.len());
        match key {
            Some(key) => {
                let id = strong_keys.len();
                strong_keys.entry(key.clone()).or_insert((id, 0)).1 += usize::from(entry.weight);
            }
            None => unkeyed_variety += usize::from(entry.weight),
        }
    }
    Ok(Table {
        entries,
        by_first,
        strong_keys,
        unkeyed_variety,
    })
}

/// The words of a text as [`detect`] and the table see them: the
/// analyzer's exact view, one form per position, each with the punctuation
/// that follows it. The word texts share one buffer, as detection reads
/// every word of every document indexed.
struct Words {
    folded: String,
    list: Vec<Word>,
}

#[derive(Debug, Clone, PartialEq)]
struct Word {
    /// Where the word's exact-view form is in [`Words::folded`].
    form: Range<usize>,
    /// Byte offsets into the text.
    from: usize,
    to: usize,
    /// A hyphen joins this word to the next ("non" in "non-binding").
    joined: bool,
    /// Punctuation other than a joining hyphen separates this word from the
    /// next.
    breaks: bool,
}

impl Words {
    fn text(&self, word: &Word) -> &str {
        &self.folded[word.form.clone()]
    }

    fn texts(&self) -> Vec<String> {
        self.list.iter().map(|w| self.text(w).to_string()).collect()
    }
}

fn words(text: &str) -> Words {
    let mut folded = String::with_capacity(text.len());
    let mut list: Vec<Word> = Vec::with_capacity(text.len() / 6);
    let mut last_position = None;
    analysis::for_each_token(text, Mode::Index, |form, from, to, position| {
        // `US` is indexed both as `us` and `u.s`; the table means the word.
        if last_position.replace(position) == Some(position) {
            return;
        }
        let start = folded.len();
        folded.push_str(form);
        list.push(Word {
            form: start..folded.len(),
            from,
            to,
            joined: false,
            breaks: false,
        });
    });
    for i in 0..list.len() {
        let next = list.get(i + 1).map(|w| w.from);
        let gap = &text[list[i].to..next.unwrap_or(text.len())];
        let joined = next.is_some() && matches!(gap, "-" | "\u{2010}" | "\u{2011}");
        list[i].joined = joined;
        list[i].breaks = !joined && gap.chars().any(|c| !c.is_whitespace());
    }
    Words { folded, list }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact-view tokens of `text`, as the indexing tokenizer gives them.
    fn tokens(text: &str) -> Vec<Token> {
        analysis::tokenize(text, Mode::Index)
    }

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    fn assert_token(token: &Token, position: usize, text: &str, from: usize, to: usize) {
        assert_eq!(
            (token.position, token.text.as_str(), token.from, token.to),
            (position, text, from, to),
            "token {token:?}"
        );
    }

    /// The token of `restored` whose text is `text`, with the source slice it
    /// points at.
    fn find<'a>(restored: &'a [Token], source: &'a str, text: &str) -> (&'a Token, &'a str) {
        let token = restored
            .iter()
            .find(|t| t.text == text)
            .unwrap_or_else(|| panic!("no `{text}` in {:?}", texts(restored)));
        (token, &source[token.from..token.to])
    }

    const SPUN_NEWS: &str = "The novel understanding was signed inwards Geneva yesteryear \
        xl governments together with a dozen companies. Officials said it could hold upwards \
        an of import stair toward full general rules for the person sector, which has \
        non been asked to produce to a greater extent than report incidents. Critics \
        besides noted that the States appears to accept no plan. Red People's Republic of \
        China together with Russian Federation, both defendant of sponsoring attacks, did non \
        sign. A one-time manager of the agency said the deal feels similar a chip of theatre \
        betwixt rivals who volition non halt hacking.";

    const CLEAN_NEWS: &str = "Forty governments and a dozen technology companies signed a \
        new understanding in Geneva on Tuesday, pledging to report serious incidents within \
        a day and to keep hospitals, power grids and election systems off limits. The text \
        is non-binding, and officials were candid that it is merely a first step. China and \
        the Russian Federation did not sign. A former director of the national cyber agency \
        said the principles were similar to those agreed in 2015, but welcomed the new \
        emphasis on the safety of patients and the security of supply chains. Companies will \
        report to a joint secretariat, which will publish an annual summary.";

    const CLEAN_UN_REPORT: &str = "The Group recalls that international law, and in \
        particular the Charter of the United Nations, is applicable and is essential to \
        maintaining peace and stability. States should not knowingly allow their territory \
        to be used for internationally wrongful acts using ICTs. Respect for sovereignty is \
        a sine qua non of cooperation. The Group notes the views of the Russian Federation, \
        the Islamic Republic of Iran and the Commonwealth of Australia, together with those \
        of non-State actors, and encourages the States concerned to forestall escalation \
        through confidence-building measures. Safety and security of critical infrastructure \
        should be protected equally in peacetime and in armed conflict, and measures should \
        be taken exclusively for peaceful purposes.";

    const CLEAN_OP_ED: &str = "By and large, the new accord is a modest achievement, and \
        that is no bad thing. A country that turns inwards after every breach will never \
        persuade its neighbours of anything. The odds and ends in the annex matter too: a \
        single manager at a water utility, acting of her own volition, can forestall a crisis \
        if she knows whom to call. Governments ought to say so in plain words, and then fund \
        it. There is a fifty-fifty chance that the next large attack will hit a hospital; \
        similar warnings were ignored before.";

    #[test]
    fn substitution_table_parses() {
        let table = parse_table(SUBSTITUTIONS).expect("embedded table is valid");
        assert!(table.entries.len() > 100);
        assert!(table.entries.iter().any(|e| e.label == "person sector"));
    }

    #[test]
    fn parse_table_rejects_bad_weight_and_duplicates() {
        assert!(parse_table("inwards\tin\t7\n")
            .err()
            .is_some_and(|e| e.contains("line 1")));
        assert!(parse_table("inwards\tin\n").is_err());
        assert!(parse_table("# header\ninwards\tin\t3\nInwards\tin\t3\n")
            .err()
            .is_some_and(|e| e.contains("line 3") && e.contains("twice")));
    }

    #[test]
    fn words_follow_exact_view_rules() {
        let found = words("The U.S. hasn’t signed; People's Républic non-binding e.g. 3.5");
        let texts = found.texts();
        let split = &found.list;
        assert_eq!(
            texts,
            [
                "the", "u.s", "hasn't", "signed", "people", "republic", "non", "binding", "e.g",
                "3.5"
            ]
        );
        assert!(split[6].joined && !split[7].joined);
        assert!(split[3].breaks && !split[4].breaks);
        // Offsets are the analyzer's: bytes, the acronym with its final dot.
        assert_eq!((split[1].from, split[1].to), (4, 8));
        let us = words("US policy");
        assert_eq!(us.texts(), ["us", "policy"], "one form per position");
    }

    #[test]
    fn detect_flags_spun_news() {
        let report = detect(SPUN_NEWS);
        assert!(report.spun, "{report:?}");
        assert!(report.score > 100.0, "{report:?}");
        assert_eq!(report.evidence[0], ("non".to_string(), 2));
        assert!(report.evidence.contains(&("person sector".to_string(), 1)));
    }

    #[test]
    fn detect_leaves_clean_news_unflagged() {
        let report = detect(CLEAN_NEWS);
        assert!(!report.spun, "{report:?}");
        assert!(report.score < SCORE_THRESHOLD / 2.0, "{report:?}");
    }

    #[test]
    fn detect_leaves_diplomatic_prose_with_formal_names_unflagged() {
        let report = detect(CLEAN_UN_REPORT);
        assert!(!report.spun, "{report:?}");
        // "sine qua non" and "non-State" are not a spun "not".
        assert!(!report.evidence.iter().any(|(phrase, _)| phrase == "non"));
    }

    #[test]
    fn detect_leaves_idiomatic_op_ed_unflagged() {
        let report = detect(CLEAN_OP_ED);
        assert!(!report.spun, "{report:?}");
    }

    #[test]
    fn detect_needs_more_variety_in_short_documents() {
        // Two weight-3 tells in 8 words: dense, but a variety of only 6.
        let two = detect("The person sector volition non wait for rules.");
        assert!(!two.spun && two.score > SCORE_THRESHOLD, "{two:?}");
        let four =
            detect("The person sector volition non conduct chances yesteryear hacking back.");
        assert!(four.spun, "{four:?}");
    }

    /// The variety [`detect`] finds: the strong weights of its evidence.
    fn variety(report: &SpinReport) -> usize {
        let table = table();
        report
            .evidence
            .iter()
            .filter_map(|(label, _)| table.entries.iter().find(|e| &e.label == label))
            .filter(|entry| entry.weight >= STRONG_WEIGHT)
            .map(|entry| usize::from(entry.weight))
            .sum()
    }

    #[test]
    fn variety_bound_never_undercuts_detection() {
        let mut texts = vec![
            SPUN_NEWS.to_string(),
            CLEAN_NEWS.to_string(),
            CLEAN_UN_REPORT.to_string(),
            CLEAN_OP_ED.to_string(),
            "The person sector volition non conduct chances yesteryear hacking back.".into(),
            // Curly apostrophes and quotes split words as ASCII ones do.
            "“Inwards” the PERSON’s sector, non—volition—yesteryear".into(),
        ];
        for dir in ["corpus", "tests/fixtures/spin", "tests/fixtures/news"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(&dir).expect("fixture directory") {
                let path = entry.expect("directory entry").path();
                if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                }
            }
        }
        let mut spun = 0;
        for text in &texts {
            let report = detect(text);
            assert!(
                variety_bound(text) >= variety(&report),
                "bound {} < variety {} for {:.60}",
                variety_bound(text),
                variety(&report),
                text
            );
            assert_eq!(spun_score(text), report.spun.then_some(report.score));
            spun += usize::from(report.spun);
        }
        assert!(spun >= 3, "the spun samples are among the texts");
    }

    #[test]
    fn variety_bound_gives_up_on_letters_the_analyzer_folds() {
        assert_eq!(variety_bound("inwārds"), usize::MAX);
        assert_eq!(variety_bound("inwa\u{301}rds"), usize::MAX);
        assert!(variety_bound("A plain sentence — with a dash.") < MIN_VARIETY);
    }

    #[test]
    fn detect_ignores_non_inside_hyphenated_compounds() {
        let report = detect("A non-binding, non-state, non-profit effort.");
        assert_eq!(report.score, 0.0, "{report:?}");
        assert!(report.evidence.is_empty());
    }

    #[test]
    fn detect_counts_hyphenated_phrases_only_with_hyphen() {
        assert_eq!(
            detect("the one-time attorney").evidence,
            [("one-time".to_string(), 1)]
        );
        assert!(detect("at one time or another").evidence.is_empty());
    }

    #[test]
    fn detect_ignores_phrases_across_punctuation() {
        assert!(detect("in a similar way. The next step").evidence == [("similar".to_string(), 1)]);
        assert_eq!(
            detect("seems similar the way").evidence,
            [("similar the".to_string(), 1)]
        );
    }

    #[test]
    fn detect_scores_empty_text_zero() {
        let report = detect("");
        assert_eq!((report.score, report.spun), (0.0, false));
    }

    #[test]
    fn restore_rewrites_person_sector_on_spun_offsets() {
        let text = "The person sector must act.";
        let restored = restore(&tokens(text));
        assert_eq!(
            texts(&restored),
            ["the", "private", "sector", "must", "act"]
        );
        assert_token(&restored[1], 1, "private", 4, 10);
        assert_token(&restored[2], 2, "sector", 11, 17);
        assert_eq!(&text[restored[1].from..restored[2].to], "person sector");
    }

    #[test]
    fn restore_spans_together_with_for_and() {
        let text = "Canada together with Japan";
        let restored = restore(&tokens(text));
        assert_eq!(texts(&restored), ["canada", "and", "japan"]);
        assert_token(&restored[1], 1, "and", 7, 20);
        assert_eq!(find(&restored, text, "and").1, "together with");
    }

    #[test]
    fn restore_collapses_commonwealth_of_australia() {
        let text = "Commonwealth of Australia";
        let restored = restore(&tokens(text));
        assert_eq!(texts(&restored), ["australia"]);
        assert_token(&restored[0], 0, "australia", 0, text.len());
    }

    #[test]
    fn restore_recovers_the_us_and_australia_did_not() {
        let text = "The U.S. together with Commonwealth of Australia did not.";
        let restored = restore(&tokens(text));
        assert_eq!(
            texts(&restored),
            ["the", "u.s", "and", "australia", "did", "not"]
        );
        assert_eq!(
            find(&restored, text, "australia").1,
            "Commonwealth of Australia"
        );
    }

    #[test]
    fn restore_shares_a_span_when_lengths_differ() {
        let text = "Democratic People's South Korea denied it";
        let restored = restore(&tokens(text));
        assert_eq!(texts(&restored), ["north", "korea", "denied", "it"]);
        assert_eq!(
            find(&restored, text, "north").1,
            "Democratic People's South"
        );
        assert_eq!(find(&restored, text, "korea").1, "Korea");
        let text = "by together with large good";
        let restored = restore(&tokens(text));
        assert_eq!(texts(&restored), ["by", "and", "large", "good"]);
        assert_eq!(find(&restored, text, "and").1, "together with");
    }

    #[test]
    fn restore_gives_one_to_many_originals_the_source_offsets() {
        let mut out = Vec::new();
        let source = tokens("x thence y");
        push_original(
            &mut out,
            &source[1..2],
            &["and".to_string(), "so".to_string()],
        );
        assert_token(&out[0], 0, "and", 2, 8);
        assert_token(&out[1], 1, "so", 2, 8);
    }

    #[test]
    fn restore_numbers_positions_consecutively() {
        let restored = restore(&tokens(
            "Red People's Republic of China together with Russian Federation are defendant of \
             doing it to a greater extent than once.",
        ));
        assert_eq!(
            texts(&restored),
            ["china", "and", "russia", "are", "accused", "of", "doing", "it", "more", "once"]
        );
        for (index, token) in restored.iter().enumerate() {
            assert_eq!(token.position, index);
        }
    }

    #[test]
    fn restore_copies_untouched_tokens_unchanged() {
        let source = tokens("Trump likes deals, whatever the agreements say.");
        assert_eq!(restore(&source), source);
    }

    #[test]
    fn restore_keeps_guarded_idioms() {
        let restored = restore(&tokens("sine qua non of their own volition"));
        assert_eq!(
            texts(&restored),
            ["sine", "qua", "non", "of", "their", "own", "volition"]
        );
    }
}
