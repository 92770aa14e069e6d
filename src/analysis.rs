//! Tokenisation shared by indexing, queries, snippets and KWIC, so that all
//! four agree on what a word is and where it sits in the text.
//!
//! Words are UAX #29 word segments (unicode-segmentation). Each is folded:
//! lower-cased, typographic apostrophes made `'`, diacritics removed, a
//! possessive `'s` or trailing `'` dropped (`Microsoft’s` → `microsoft`).
//! Hyphenated compounds fall apart into their words at consecutive positions,
//! so `hacking-back` and `hacking back` are the same phrase. Acronyms keep a
//! dotted form that no ordinary word has: `U.S.` → `u.s`; a lone capitalised
//! `US` is indexed as both `us` and `u.s` at one position, and a query `US`
//! or `U.S.` asks for `u.s` only, so neither finds the pronoun "us".
//!
//! Two views are indexed: *exact* (folded words, for quoted phrases) and
//! *stemmed* (English Snowball stems, for ranked recall). Offsets always
//! point at the original text, which highlighting and KWIC rely on.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// Words too common to say what a passage is about, as folded words (a
/// stemmed view needs them stemmed).
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may", "more", "most",
    "must", "of", "on", "one", "or", "other", "our", "out", "over", "said", "says", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "you",
];

/// Whether a folded word is one of [`STOP_WORDS`].
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Name under which the stemmed analyzer is registered with tantivy.
pub const STEMMED: &str = "accord_stemmed";
/// Name under which the exact (unstemmed) analyzer is registered.
pub const EXACT: &str = "accord_exact";

/// Longer "words" (base64 blobs, runs of digits) are not worth indexing and
/// would only bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 80;

/// One word of a text. Offsets are byte offsets into the analysed text
/// (end exclusive, on char boundaries); `position` is the 0-based word
/// ordinal, shared by alternative forms of the same word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub from: usize,
    pub to: usize,
    pub position: usize,
}

/// Documents and queries differ only in how a short all-capitals word is
/// treated: a document's `US` must be findable both ways, while a query's
/// `US` means the country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Index,
    Query,
}

/// Exact-view tokens of `text`.
pub fn tokenize(text: &str, mode: Mode) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    for_each_token(text, mode, |word, from, to, position| {
        tokens.push(Token {
            text: word.to_string(),
            from,
            to,
            position,
        });
    });
    tokens
}

/// The words of a query phrase, one per position, with an empty string
/// where a sentence break skips a position (`Principle 9: states` →
/// `principle`, `9`, ``, `states`), so the phrase matches the text it was
/// taken from and nothing across a break.
pub fn phrase_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut next = 0;
    for_each_token(text, Mode::Query, |word, _, _, position| {
        words.extend(std::iter::repeat_n(
            String::new(),
            position.saturating_sub(next),
        ));
        words.push(word.to_string());
        next = position + 1;
    });
    words
}

/// Calls `f(text, from, to, position)` for each exact-view token of `text`
/// (see [`Token`]) without allocating per token. Words on either side of a
/// sentence or clause break (see [`breaks_phrase`]) are two positions
/// apart, so no phrase matches across it.
pub fn for_each_token(text: &str, mode: Mode, mut f: impl FnMut(&str, usize, usize, usize)) {
    let words = word_segments(text);
    let mut form = String::new();
    let mut dotted = String::new();
    let mut position = 0;
    // End and text of the word last given a position.
    let mut previous: Option<(usize, &str)> = None;
    for (i, &(from, word)) in words.iter().enumerate() {
        let mut to = from + word.len();
        form.clear();
        if let Some((end, before)) = previous {
            if breaks_phrase(&text[end..from], before, word) {
                position += 1;
            }
        }
        if is_dotted_acronym(word) {
            // UAX #29 leaves the final dot of `U.S.` outside the word.
            if text[to..].starts_with('.') {
                to += 1;
            }
            f(&word.to_lowercase(), from, to, position);
            position += 1;
            previous = Some((to, word));
            continue;
        }
        fold_into(word, &mut form);
        if form.is_empty() || form.len() > MAX_TOKEN_BYTES {
            continue;
        }
        let caps_in_run = |j: Option<usize>| {
            j.and_then(|j| words.get(j))
                .is_some_and(|(_, w)| is_all_caps(w))
        };
        // In a query, capitals next to capitals (`HELP US NOW`) are a
        // shouted word. The index keeps both readings of every short
        // capital word: a list (`the US, UK and EU`) is also such a run.
        let acronym = is_short_all_caps(word)
            && (mode == Mode::Index
                || (!caps_in_run(i.checked_sub(1)) && !caps_in_run(Some(i + 1))));
        if acronym {
            dotted.clear();
            dotted_into(&form, &mut dotted);
            if mode == Mode::Index {
                f(&form, from, to, position);
            }
            f(&dotted, from, to, position);
        } else {
            f(&form, from, to, position);
        }
        position += 1;
        previous = Some((to, word));
    }
}

/// Whether the text `between` two words ends a sentence or clause: `? ! ;
/// : ( ) [ ] — …`, a comma or dash with space beside it (`1,000` is one
/// word and `hack-back` one phrase), or a full stop before a
/// capital (or a quotation mark) that does not end an abbreviation or an
/// initial (`Mr. Smith`, `John F. Kennedy`, `Art. 51` run on).
fn breaks_phrase(between: &str, before: &str, after: &str) -> bool {
    // Most words are one space apart.
    if between.len() == 1 && between.as_bytes()[0].is_ascii_whitespace() {
        return false;
    }
    let spaced = between.contains(char::is_whitespace);
    // A ratio or a time (`1:2000`, `10:30`) is one expression.
    let digits_around = before.ends_with(|c: char| c.is_ascii_digit())
        && after.starts_with(|c: char| c.is_ascii_digit());
    if between == ":" && digits_around {
        return false;
    }
    between.chars().any(|c| match c {
        '?' | '!' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{2014}' | '\u{2026}' => true,
        ',' | '-' | '\u{2013}' => spaced,
        '.' => {
            after.starts_with(|c: char| !c.is_lowercase() && !c.is_numeric())
                && !is_abbreviation(before)
        }
        _ => false,
    })
}

/// Words written with a full stop that does not end the sentence: titles,
/// references and initials. (`No.` is left out: a number follows it, while
/// "said no." ends many sentences.)
fn is_abbreviation(word: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "adm", "al", "approx", "art", "arts", "capt", "cf", "ch", "co", "col", "corp", "dept",
        "dr", "fig", "gen", "gov", "hon", "inc", "jr", "lt", "ltd", "maj", "mr", "mrs", "ms",
        "para", "paras", "pp", "prof", "rep", "rev", "sec", "sen", "sgt", "sr", "st", "vol", "vs",
    ];
    let mut chars = word.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    single || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// UAX #29 word segments of `text` that hold a letter or digit, with their
/// byte offsets.
///
/// No UAX #29 rule joins across white space, so the text is cut at ASCII
/// white space first; runs that are pure ASCII (most words of English
/// text) take a fast path implementing the rules that apply to ASCII
/// (WB5–WB13b), the others go through unicode-segmentation. A unit test
/// checks the two agree.
fn word_segments(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut words = Vec::with_capacity(text.len() / 6);
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_whitespace() {
            at += 1;
            continue;
        }
        let start = at;
        let mut ascii = true;
        while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
            ascii &= bytes[at].is_ascii();
            at += 1;
        }
        // White space is ASCII, so `start` and `at` are char boundaries.
        let run = &text[start..at];
        if ascii {
            ascii_words(run, start, &mut words);
        } else {
            words.extend(
                run.split_word_bound_indices()
                    .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                    .map(|(offset, w)| (start + offset, w)),
            );
        }
    }
    words
}

/// UAX #29 word segmentation of an ASCII run without white space, keeping
/// segments with a letter or digit. Letters, digits and `_` join (WB5,
/// WB8–WB10, WB13a/b); `.` and `'` join letters to letters and digits to
/// digits, `:` letters to letters, `,` and `;` digits to digits (WB6/7,
/// WB11/12).
fn ascii_words<'a>(run: &'a str, offset: usize, out: &mut Vec<(usize, &'a str)>) {
    let b = run.as_bytes();
    let word_byte = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < b.len() {
        if !word_byte(b[i]) {
            i += 1;
            continue;
        }
        let from = i;
        let mut has_alnum = b[i].is_ascii_alphanumeric();
        while i + 1 < b.len() {
            let (cur, next) = (b[i], b[i + 1]);
            if word_byte(next) {
                has_alnum |= next.is_ascii_alphanumeric();
                i += 1;
                continue;
            }
            let after = b.get(i + 2).copied();
            let letters =
                cur.is_ascii_alphabetic() && after.is_some_and(|c| c.is_ascii_alphabetic());
            let digits = cur.is_ascii_digit() && after.is_some_and(|c| c.is_ascii_digit());
            let joins = match next {
                b'.' | b'\'' => letters || digits,
                b':' => letters,
                b',' | b';' => digits,
                _ => false,
            };
            if !joins {
                break;
            }
            i += 2;
        }
        i += 1;
        if has_alnum {
            out.push((offset + from, &run[from..i]));
        }
    }
}

/// Stemmed-view tokens of `text`: the exact view with each word stemmed.
pub fn tokenize_stemmed(text: &str, mode: Mode) -> Vec<Token> {
    stemmed(&tokenize(text, mode))
}

/// The stemmed view of exact-view tokens, so one segmentation pass serves
/// both views at index time.
pub fn stemmed(exact: &[Token]) -> Vec<Token> {
    exact
        .iter()
        .map(|t| Token {
            text: stem(&t.text).unwrap_or_else(|| t.text.clone()),
            ..*t
        })
        .collect()
}

/// The English stem of an exact-view word, or `None` when stemming leaves it
/// alone (acronyms and numbers are never stemmed).
pub fn stem(word: &str) -> Option<String> {
    let mut out = String::new();
    stem_into(word, &mut out);
    (out != word).then_some(out)
}

/// Appends the stem of `word` (or `word` itself) to `out`.
fn stem_into(word: &str, out: &mut String) {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    /// Stems per thread, remembered: word frequencies are Zipfian, so a
    /// small cache answers nearly every lookup while indexing.
    const CACHE_WORDS: usize = 100_000;
    thread_local! {
        static CACHE: RefCell<FxHashMap<Box<str>, Box<str>>> = RefCell::new(FxHashMap::default());
    }
    if word.contains('.') || word.bytes().any(|b| b.is_ascii_digit()) {
        out.push_str(word);
        return;
    }
    CACHE.with_borrow_mut(|cache| {
        if let Some(known) = cache.get(word) {
            out.push_str(known);
            return;
        }
        let stemmer = STEMMER.get_or_init(|| Stemmer::create(Algorithm::English));
        let stemmed = stemmer.stem(word);
        out.push_str(&stemmed);
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        cache.insert(word.into(), stemmed.into());
    });
}

/// Appends `word` lower-cased, with apostrophes and diacritics folded and
/// a possessive dropped, to `out` (which must be empty).
fn fold_into(word: &str, out: &mut String) {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    if is_grouped_number(word) {
        // `2,000` is the number `2000` however it is written.
        out.extend(word.chars().filter(|&c| c != ','));
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }),
        }
    }
    if out.ends_with("'s") {
        out.truncate(out.len() - 2);
    }
    let end = out.trim_end_matches('\'').len();
    out.truncate(end);
    let leading = out.len() - out.trim_start_matches('\'').len();
    out.drain(..leading);
}

/// `2,000`, `1,000,000`: digits in comma-separated groups of three.
fn is_grouped_number(word: &str) -> bool {
    let mut groups = word.split(',');
    let first = groups.next().unwrap_or("");
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    word.contains(',')
        && digits(first)
        && first.len() <= 3
        && groups.all(|g| g.len() == 3 && digits(g))
}

/// Other common spellings of a query's words, each as words of a phrase:
/// a ratio `1/2000` (words `1`, `2000`) is also written "1 in 2,000";
/// `COVID-19` (`covid`, `19`) also `COVID19`, and the other way round. A
/// short word in capitals, which a query reads as an acronym (`u.s`), is
/// also the plain word when that is no pronoun or function word: `WAR`
/// finds "war", `US` never finds "us".
pub fn written_variants(words: &[String]) -> Vec<Vec<String>> {
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let letters = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    match words {
        [a, b] if number(a) && number(b) => vec![vec![a.clone(), "in".into(), b.clone()]],
        [a, x, b] if number(a) && x == "in" && number(b) => vec![vec![a.clone(), b.clone()]],
        [a, b] if letters(a) && number(b) => vec![vec![format!("{a}{b}")]],
        [word] if is_dotted_acronym(word) => {
            let plain: String = word.chars().filter(|&c| c != '.').collect();
            let function_word = is_stop_word(&plain)
                || ["am", "go", "him", "me", "my", "now", "us", "why"].contains(&plain.as_str());
            if function_word {
                Vec::new()
            } else {
                vec![vec![plain]]
            }
        }
        [word] => {
            let split = word.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            let (head, tail) = word.split_at(split);
            if letters(head) && head.len() >= 2 && number(tail) {
                vec![vec![head.to_string(), tail.to_string()]]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// `U.S`, `U.K`, `e.g`: single letters joined by dots.
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word.split('.').count() >= 2
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
        })
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
}

/// `US`, `UK`, `UN`, `EU`: two or three capitals, where the lower-case
/// spelling may be an ordinary word. Longer ones (`NATO`) are unambiguous.
fn is_short_all_caps(word: &str) -> bool {
    // One pass that stops at the first small letter: this runs for every
    // word indexed.
    let mut capitals = 0;
    for c in word.chars() {
        if !c.is_uppercase() || capitals == 3 {
            return false;
        }
        capitals += 1;
    }
    capitals >= 2
}

/// Appends `us` as `u.s` to `out`.
fn dotted_into(folded: &str, out: &mut String) {
    for (i, c) in folded.chars().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push(c);
    }
}

/// Registers the two analyzers on `index`; tantivy needs them every time an
/// index is opened, for writing and for more-like-this.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(STEMMED, Analyzer { stemmed: true });
    manager.register(EXACT, Analyzer { stemmed: false });
}

/// tantivy adapter over [`tokenize`] / [`tokenize_stemmed`] (index mode).
#[derive(Clone)]
pub struct Analyzer {
    stemmed: bool,
}

pub struct AnalyzerStream {
    analysed: Rc<Analysed>,
    next: usize,
    stemmed: bool,
    current: tantivy::tokenizer::Token,
}

impl tantivy::tokenizer::Tokenizer for Analyzer {
    type TokenStream<'a> = AnalyzerStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> AnalyzerStream {
        AnalyzerStream {
            analysed: Analysed::shared(text),
            next: 0,
            stemmed: self.stemmed,
            current: tantivy::tokenizer::Token::default(),
        }
    }
}

/// The index-mode tokens of one text, their forms in one buffer.
#[derive(Default)]
struct Analysed {
    text: String,
    forms: String,
    tokens: Vec<PackedToken>,
}

struct PackedToken {
    /// Where the exact-view form is in [`Analysed::forms`].
    form: Range<usize>,
    from: usize,
    to: usize,
    position: usize,
}

impl Analysed {
    /// The tokens of `text`, segmented once for both views: tantivy
    /// analyses a passage's stemmed and exact fields one after the other
    /// on the same thread, so the second call reuses the first's work.
    fn shared(text: &str) -> Rc<Analysed> {
        thread_local! {
            static LAST: RefCell<Rc<Analysed>> = RefCell::default();
        }
        LAST.with_borrow_mut(|last| {
            if last.text != text {
                *last = Rc::new(Analysed::of(text));
            }
            Rc::clone(last)
        })
    }

    fn of(text: &str) -> Analysed {
        let mut forms = String::with_capacity(text.len());
        let mut tokens = Vec::with_capacity(text.len() / 6);
        for_each_token(text, Mode::Index, |form, from, to, position| {
            let start = forms.len();
            forms.push_str(form);
            tokens.push(PackedToken {
                form: start..forms.len(),
                from,
                to,
                position,
            });
        });
        Analysed {
            text: text.to_string(),
            forms,
            tokens,
        }
    }
}

/// Our tokens in tantivy's shape, e.g. for a pre-tokenized field value.
pub fn to_tantivy(tokens: Vec<Token>) -> Vec<tantivy::tokenizer::Token> {
    tokens
        .into_iter()
        .map(|t| tantivy::tokenizer::Token {
            offset_from: t.from,
            offset_to: t.to,
            position: t.position,
            text: t.text,
            position_length: 1,
        })
        .collect()
}

impl tantivy::tokenizer::TokenStream for AnalyzerStream {
    fn advance(&mut self) -> bool {
        let Some(token) = self.analysed.tokens.get(self.next) else {
            return false;
        };
        self.next += 1;
        let form = &self.analysed.forms[token.form.clone()];
        self.current.text.clear();
        if self.stemmed {
            stem_into(form, &mut self.current.text);
        } else {
            self.current.text.push_str(form);
        }
        self.current.offset_from = token.from;
        self.current.offset_to = token.to;
        self.current.position = token.position;
        true
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_token(tok: &Token, position: usize, text: &str, from: usize, to: usize) {
        assert_eq!(
            (tok.position, tok.text.as_str(), tok.from, tok.to),
            (position, text, from, to),
            "token {tok:?}"
        );
    }

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn possessive_with_typographic_apostrophe_folds_to_the_name() {
        let toks = tokenize("Microsoft’s plan", Mode::Index);
        assert_token(&toks[0], 0, "microsoft", 0, 13);
        assert_token(&toks[1], 1, "plan", 14, 18);
    }

    #[test]
    fn hyphenated_compound_is_consecutive_words() {
        let toks = tokenize("from hacking-back,", Mode::Index);
        assert_eq!(texts(&toks), ["from", "hacking", "back"]);
        assert_token(&toks[2], 2, "back", 13, 17);
    }

    /// Each word with its position.
    fn positions(text: &str) -> Vec<(String, usize)> {
        tokenize(text, Mode::Index)
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect()
    }

    #[test]
    fn a_sentence_break_skips_a_position_and_abbreviations_do_not() {
        for broken in [
            "hack. Back",
            "hack? Back",
            "hack; back",
            "hack (back",
            "hack — back",
            "hack - back",
            "hack: back",
            "hacked, back",
        ] {
            assert_eq!(positions(broken)[1].1, 2, "{broken}");
        }
        for joined in [
            "hack back",
            "hack-back",
            "hack\u{2013}back",
            "Mr. Back",
            "J. Back",
            "hack. back",
            "Art. 51",
            "U.S. Back",
        ] {
            assert_eq!(positions(joined)[1].1, 1, "{joined}");
        }
        assert_eq!(
            phrase_words("Principle 9: states"),
            ["principle", "9", "", "states"]
        );
    }

    #[test]
    fn dotted_acronym_keeps_its_final_dot_and_differs_from_pronoun() {
        let toks = tokenize("the U.S. told us", Mode::Index);
        assert_token(&toks[1], 1, "u.s", 4, 8);
        assert_eq!(toks[3].text, "us");
    }

    #[test]
    fn capitalised_us_is_indexed_both_ways_but_queried_as_country() {
        let doc = tokenize("US policy", Mode::Index);
        assert_eq!(texts(&doc), ["us", "u.s", "policy"]);
        assert_eq!(doc[0].position, doc[1].position);
        let query = tokenize("US", Mode::Query);
        assert_eq!(texts(&query), ["u.s"]);
        let headline = tokenize("HELP US NOW", Mode::Query);
        assert_eq!(texts(&headline), ["help", "us", "now"]);
        let list = tokenize("The US, UK and EU", Mode::Index);
        assert_eq!(
            texts(&list),
            ["the", "us", "u.s", "uk", "u.k", "and", "eu", "e.u"]
        );
    }

    #[test]
    fn diacritics_and_case_are_folded() {
        let toks = tokenize("Élysée DÉCLARATION", Mode::Index);
        assert_eq!(texts(&toks), ["elysee", "declaration"]);
    }

    #[test]
    fn stemmed_view_merges_inflections_but_not_acronyms() {
        let toks = tokenize_stemmed("hacking hacked U.S. 2018", Mode::Index);
        assert_eq!(texts(&toks), ["hack", "hack", "u.s", "2018"]);
    }

    #[test]
    fn stemming_keeps_the_first_byte() {
        // Highlighting relies on it to skip stemming most words (see
        // `search::snippet`). Snowball's exceptions and `y` handling, then
        // every word of the shipped corpus and the fixtures.
        let mut words: Vec<String> = "skies dying lying tying idly gently ugly early only singly \
             news yelling youth ying y \u{e9}lys\u{e9}es \u{4e2d}\u{6587}s \u{43c}\u{438}\u{440}"
            .split(' ')
            .map(String::from)
            .collect();
        for dir in [
            "corpus",
            "tests/fixtures/news",
            "tests/fixtures/wording",
            "tests/fixtures/spin",
        ] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(&dir).expect("fixture directory") {
                if let Ok(text) = std::fs::read_to_string(entry.expect("entry").path()) {
                    words.extend(tokenize(&text, Mode::Index).into_iter().map(|t| t.text));
                }
            }
        }
        assert!(words.len() > 5_000, "{} words", words.len());
        for word in &words {
            if let Some(stemmed) = stem(word) {
                assert_eq!(
                    stemmed.bytes().next(),
                    word.bytes().next(),
                    "{word} → {stemmed}"
                );
            }
        }
    }

    #[test]
    fn ascii_fast_path_segments_exactly_like_unicode_segmentation() {
        // Random texts over an alphabet of the characters the rules treat
        // differently, plus non-ASCII ones that force the slow path.
        let alphabet: Vec<char> = "aZ09_.':,;-\"/ \n\tU.S\u{2019}\u{e9}\u{301}\u{201c}\u{4e2d}"
            .chars()
            .collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let len = (state % 24) as usize;
            let text: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            let reference: Vec<(usize, &str)> = text
                .split_word_bound_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .collect();
            assert_eq!(word_segments(&text), reference, "{text:?}");
        }
    }

    #[test]
    fn punctuation_users_type_yields_words_not_errors() {
        assert_eq!(
            texts(&tokenize("9/11 C++ non-state", Mode::Query)),
            ["9", "11", "c", "non", "state"]
        );
    }

    #[test]
    fn grouped_numbers_and_ratios_read_as_written_plainly() {
        assert_eq!(
            texts(&tokenize("1 in 2,000,000", Mode::Index)),
            ["1", "in", "2000000"]
        );
        assert_eq!(positions("1:2000"), [("1".into(), 0), ("2000".into(), 1)]);
        assert_eq!(
            positions("Note: states"),
            [("note".into(), 0), ("states".into(), 2)]
        );
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            written_variants(&words(&["1", "2000"])),
            [words(&["1", "in", "2000"])]
        );
        assert_eq!(
            written_variants(&words(&["covid", "19"])),
            [words(&["covid19"])]
        );
        assert_eq!(
            written_variants(&words(&["covid19"])),
            [words(&["covid", "19"])]
        );
        assert!(written_variants(&words(&["h1n1"])).is_empty());
        let shouted = |w: &str| written_variants(&words(&[w]));
        assert_eq!(shouted("w.a.r"), [words(&["war"])]);
        assert!(shouted("u.s").is_empty());
        assert!(shouted("i.t").is_empty());
    }
}
