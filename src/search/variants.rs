//! Variants: the distinct wordings under which a word or phrase occurs
//! ("hack back", "hacking back", "hacking-back", "hacked back"), counted
//! per document.
//!
//! The query is matched by stems (see [`super::Options::stem_phrases`]),
//! together with its other spellings ([`spellings`]: "cybersecurity" for
//! "cyber security", "defense" for "defence"); each occurrence's text is a
//! variant once case, whitespace and typography are normalised. Hyphens
//! are kept, since "hacking-back" and "hacking back" are different
//! wordings of one phrase, but a typographic apostrophe or dash is not a
//! different wording.

use std::collections::{BTreeMap, HashMap};

use super::{Compiled, Record};

/// One wording and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Lower-cased, whitespace runs made one space.
    pub wording: String,
    pub count: usize,
    /// Occurrences per document id.
    pub documents: BTreeMap<String, usize>,
    /// Alias names this wording came through (empty for the query's own).
    pub aliases: Vec<String>,
    /// Every occurrence was found only through the restored wording of a
    /// machine-paraphrased passage: a spinner's wording ("person sector"),
    /// not a writer's.
    pub spun: bool,
}

/// The variants of `compiled` in `records`, most frequent first (ties in
/// alphabetical order).
pub fn variants(records: &[Record], compiled: &Compiled) -> Vec<Variant> {
    let mut by_wording: HashMap<String, Variant> = HashMap::new();
    for record in records {
        for m in compiled.occurrences(&record.text, record.spin.is_some()) {
            let wording = normalise(&record.text[m.range]);
            let variant = by_wording
                .entry(wording.clone())
                .or_insert_with(|| Variant {
                    wording,
                    count: 0,
                    documents: BTreeMap::new(),
                    aliases: Vec::new(),
                    spun: true,
                });
            variant.count += 1;
            variant.spun &= m.restored;
            *variant.documents.entry(record.doc.clone()).or_default() += 1;
            for name in compiled.alias_names(m.pattern) {
                if !variant.aliases.contains(name) {
                    variant.aliases.push(name.clone());
                }
            }
        }
    }
    let mut out: Vec<Variant> = by_wording.into_values().collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.wording.cmp(&b.wording))
    });
    out
}

/// Lower case, every run of whitespace or control characters one space,
/// typographic apostrophes `'` and typographic hyphens and dashes inside a
/// word `-`.
pub fn normalise(surface: &str) -> String {
    let text = super::kwic::clean(surface).trim().to_lowercase();
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
                if i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) =>
            {
                '-'
            }
            c => c,
        })
        .collect()
}

/// Other spellings of a phrase (of lower-cased words) that are the same
/// wording to a reader: the closed compound ("hack back" → "hackback",
/// "cyber security" → "cybersecurity") and the British or American
/// spelling ("defence" ↔ "defense", "behaviour" ↔ "behavior").
pub fn spellings(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if words.len() >= 2 && words.iter().all(|w| w.chars().all(char::is_alphabetic)) {
        out.push(words.concat());
    }
    let other: Vec<String> = words
        .iter()
        .map(|w| other_spelling(w).unwrap_or_else(|| w.clone()))
        .collect();
    if other != words {
        out.push(other.join(" "));
    }
    out
}

/// The British spelling of an American word or the other way round, by
/// the regular endings: -ence/-ense, -our/-or, -tre/-ter, -ise/-ize (and
/// -isation, -ised, -ising), -ogue/-og, -mme/-m. Short words are left
/// alone ("four" is not "for").
fn other_spelling(word: &str) -> Option<String> {
    const PAIRS: &[(&str, &str)] = &[
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ise", "ize"),
        ("ence", "ense"),
        ("our", "or"),
        ("tre", "ter"),
        ("ogue", "og"),
        ("amme", "am"),
    ];
    if word.chars().count() < 6 {
        return None;
    }
    PAIRS.iter().find_map(|&(british, american)| {
        if let Some(stem) = word.strip_suffix(british) {
            Some(format!("{stem}{american}"))
        } else {
            word.strip_suffix(american)
                .map(|stem| format!("{stem}{british}"))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_keeps_hyphens_and_folds_case_line_breaks_and_typography() {
        assert_eq!(normalise("Hacking\n  Back"), "hacking back");
        assert_eq!(normalise("hacking-back"), "hacking-back");
        assert_eq!(normalise("HACK–BACK"), "hack-back");
        assert_eq!(normalise("State’s duty — now"), "state's duty — now");
    }

    #[test]
    fn other_spellings_are_the_closed_compound_and_the_other_side_of_the_atlantic() {
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(spellings(&words("cyber security")), ["cybersecurity"]);
        assert_eq!(
            spellings(&words("cyber defence")),
            ["cyberdefence", "cyber defense"]
        );
        assert_eq!(spellings(&words("behavior")), ["behaviour"]);
        assert_eq!(spellings(&words("organisation")), ["organization"]);
        assert!(spellings(&words("four")).is_empty());
        assert!(spellings(&words("principle 9")).is_empty());
    }
}
