//! Words whose ligature the PDF's font gives no text for, repaired from the
//! document's own vocabulary.
//!
//! A font draws "fi", "fl", "ff", "ffi" and "ffl" as one glyph. When the PDF
//! maps that glyph to no character, [`super::glyphs`] marks the place with
//! [`MISSING`] ("re\u{FFFD}ect"); when it maps it to its first letter alone,
//! the word just reads short ("refect", "ofcial", "efective"). A word is
//! repaired when exactly one of the five ligatures, put at the mark (or, for
//! an unmarked word, in place of one of its `f`s), makes a word the document
//! writes whole elsewhere. Unmarked words are repaired only in a document
//! that shows the fault: three different words or more repairable that way,
//! found more often than words written with a ligature's letters whole
//! ("first", "official"), which a sound document writes all the time. So a
//! sound document writing both "fight" and "flight" keeps them (one with
//! the fault that writes both loses "fight"). Marks left unrepaired are
//! dropped.

use rustc_hash::{FxHashMap, FxHashSet};

use super::layout::Line;

/// What [`super::glyphs`] puts for a glyph the PDF maps to no text.
pub(super) const MISSING: char = '\u{FFFD}';

/// The ligatures a font may draw as one glyph, most frequent first.
const LIGATURES: [&str; 5] = ["fi", "fl", "ff", "ffi", "ffl"];

/// Shortest word, in letters, that an unmarked repair may change.
const MIN_LETTERS: usize = 3;

/// Different repairable unmarked words that show a document's font drops
/// its ligatures.
const FAULT_EVIDENCE: usize = 3;

/// Drops marks of unmapped glyphs that stand apart from any letter (a
/// bullet or symbol with no text): only a mark inside or beside a word may
/// be a ligature.
pub(super) fn keep_marks_in_words(text: &str) -> String {
    if !text.contains(MISSING) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let letter = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphabetic())
    };
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c != MISSING || letter(i.checked_sub(1)) || letter(Some(i + 1)))
        .map(|(_, &c)| c)
        .collect()
}

/// Repairs the words of every line in place; returns how many words it
/// repaired.
pub(super) fn repair(pages: &mut [(u32, Vec<Line>)]) -> u32 {
    let lines = || pages.iter().flat_map(|(_, lines)| lines.iter());
    let vocabulary = Vocabulary::of(lines().map(|l| l.text.as_str()));
    // Unmarked words that one ligature would make a word of the document,
    // against words written with a ligature's letters whole.
    let mut unmarked: FxHashSet<String> = FxHashSet::default();
    let (mut cut_short, mut whole) = (0, 0);
    for line in lines().filter(|l| has_f(&l.text)) {
        for word in words(&line.text) {
            // (a word without an f, whole or in a ligature, is neither)
            if word.contains(MISSING) || !has_f(word) {
                continue;
            }
            if vocabulary.repair(word).is_some() {
                unmarked.insert(word.to_lowercase());
                cut_short += 1;
            } else if LIGATURES.iter().any(|l| spell_out(word).contains(l)) {
                whole += 1;
            }
        }
    }
    let faulty = unmarked.len() >= FAULT_EVIDENCE && cut_short > whole;
    let mut repaired = 0;
    for (_, lines) in pages.iter_mut() {
        for line in lines.iter_mut() {
            let may_need =
                line.text.contains(MISSING) || (faulty && line.text.contains(['f', 'F']));
            if !may_need {
                continue;
            }
            let mut text = String::with_capacity(line.text.len() + 8);
            let mut rest = line.text.as_str();
            for word in words(&line.text) {
                let at = rest.find(word).expect("words come from the text in order");
                text.push_str(&rest[..at]);
                rest = &rest[at + word.len()..];
                let fixed = if word.contains(MISSING) || faulty {
                    vocabulary.repair(word)
                } else {
                    None
                };
                match fixed {
                    Some(fixed) => {
                        repaired += 1;
                        text.push_str(&fixed);
                    }
                    None => text.extend(word.chars().filter(|&c| c != MISSING)),
                }
            }
            text.push_str(rest);
            line.text = text;
        }
    }
    repaired
}

/// The words of a text: runs of letters and [`MISSING`] marks.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == MISSING))
        .filter(|w| !w.is_empty())
}

/// The words a document writes whole, lower-cased, ligature characters
/// spelt out; a word broken by hyphenation at a line's end counts whole.
struct Vocabulary {
    words: FxHashMap<String, usize>,
}

impl Vocabulary {
    fn of<'a>(lines: impl Iterator<Item = &'a str>) -> Vocabulary {
        // Only words with an f can be what a ligature makes.
        let mut known: FxHashMap<String, usize> = FxHashMap::default();
        let mut count = |word: &str| {
            if has_f(word) {
                *known.entry(spell_out(word)).or_default() += 1;
            }
        };
        let mut broken: Option<&str> = None;
        for line in lines {
            if let Some(head) = broken.take() {
                if let Some(first) = words_of(line).next() {
                    count(&format!("{head}{first}"));
                }
            }
            // the part of a word before a line-end hyphen is no word
            let cut = line.trim_end().ends_with('-');
            if cut {
                broken = words(line).last().filter(|w| !w.contains(MISSING));
            }
            if has_f(line) {
                let mut tokens: Vec<&str> = words_of(line).collect();
                if cut {
                    tokens.pop();
                }
                tokens.into_iter().for_each(&mut count);
            }
        }
        Vocabulary { words: known }
    }

    /// The word with one ligature put back, if exactly one ligature at one
    /// place makes a word of the vocabulary: at the mark of a marked word,
    /// else in place of an `f`. (A word cut short is a word of the document
    /// too, as often as the ligature occurs, so that the short word is
    /// written is no sign it is whole.) Case follows the word's.
    fn repair(&self, word: &str) -> Option<String> {
        let lower = word.to_lowercase();
        let marks = lower.matches(MISSING).count();
        let mut found: Option<String> = None;
        let mut consider = |candidate: String| -> bool {
            if !self.words.contains_key(&candidate) {
                return true;
            }
            match &found {
                Some(other) if *other != candidate => false,
                _ => {
                    found = Some(candidate);
                    true
                }
            }
        };
        match marks {
            0 => {
                if lower.chars().count() < MIN_LETTERS {
                    return None;
                }
                for ligature in LIGATURES {
                    for (at, _) in lower.match_indices('f') {
                        let replaced = format!("{}{ligature}{}", &lower[..at], &lower[at + 1..]);
                        if !consider(replaced) {
                            return None;
                        }
                    }
                }
            }
            1 => {
                for ligature in LIGATURES {
                    if !consider(lower.replacen(MISSING, ligature, 1)) {
                        return None;
                    }
                }
            }
            _ => return None,
        }
        let found = found?;
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        Some(if letters > 1 && word.chars().all(|c| !c.is_lowercase()) {
            found.to_uppercase()
        } else if word.starts_with(char::is_uppercase) {
            let mut chars = found.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            found
        })
    }
}

/// Whether a text has an f, alone or in a ligature character (U+FB00–FB04,
/// whose UTF-8 has the byte AC).
fn has_f(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'f' | b'F' | 0xAC))
        && text.contains([
            'f', 'F', '\u{FB00}', '\u{FB01}', '\u{FB02}', '\u{FB03}', '\u{FB04}',
        ])
}

/// Ligature characters (U+FB00–FB04) spelt out, the rest lower-cased.
fn spell_out(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whole words of a line (no marks).
fn words_of(line: &str) -> impl Iterator<Item = &str> {
    words(line).filter(|w| !w.contains(MISSING))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(texts: &[&str]) -> Vec<(u32, Vec<Line>)> {
        let lines = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line::plain(t, 72.0, 500.0, 100.0 + 12.0 * i as f64, 10.0))
            .collect();
        vec![(1, lines)]
    }

    fn texts(pages: &[(u32, Vec<Line>)]) -> Vec<&str> {
        pages[0].1.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_marked_ligature_is_put_back_from_the_documents_words() {
        let mut pages = page(&[
            "States re\u{FFFD}ect on the \u{FFFD}rst draft.",
            "We reflect on the first draft and the fluent second.",
            "An \u{FFFD}ux of words no one writes whole: \u{FFFD}zzle.",
        ]);
        assert_eq!(repair(&mut pages), 2);
        assert_eq!(
            texts(&pages),
            [
                "States reflect on the first draft.",
                "We reflect on the first draft and the fluent second.",
                "An ux of words no one writes whole: zzle."
            ]
        );
    }

    #[test]
    fn marks_apart_from_words_are_dropped_and_inside_kept() {
        assert_eq!(keep_marks_in_words("\u{FFFD} Item one"), " Item one");
        assert_eq!(keep_marks_in_words("of\u{FFFD}cial"), "of\u{FFFD}cial");
        assert_eq!(keep_marks_in_words("\u{FFFD}rst"), "\u{FFFD}rst");
    }

    #[test]
    fn ligatures_read_as_their_f_are_put_back_where_the_fault_shows() {
        // the font maps each ligature to its first letter: "ofcial" for
        // "official"; the document writes the words whole in a heading
        let mut pages = page(&[
            "Official Effective Reflection",
            "The ofcial text is efective after refection by the Ofcial",
            "Journal, for the fair of the year. OFCIAL.",
        ]);
        assert_eq!(repair(&mut pages), 5);
        assert_eq!(
            texts(&pages)[1],
            "The official text is effective after reflection by the Official"
        );
        // "fair" would be "flair" only if the document wrote "flair"
        assert_eq!(
            texts(&pages)[2],
            "Journal, for the fair of the year. OFFICIAL."
        );
    }

    #[test]
    fn a_document_without_the_fault_is_left_alone() {
        // two pairs a ligature apart are not enough to show a fault
        let mut pages = page(&["The fee and the flee.", "Its fight against flight."]);
        let before: Vec<String> = texts(&pages).iter().map(|t| t.to_string()).collect();
        assert_eq!(repair(&mut pages), 0);
        assert_eq!(texts(&pages), before);
    }

    #[test]
    fn an_ambiguous_mark_is_dropped_not_guessed() {
        // "e?ect" is "effect" (no "efiect" or "eflect" is written); "a?x"
        // could be "affix" or "afflx", both written
        let mut pages = page(&["e\u{FFFD}ect and a\u{FFFD}x", "effect, affix, afflx"]);
        assert_eq!(repair(&mut pages), 1);
        assert_eq!(texts(&pages)[0], "effect and ax");
    }
}
