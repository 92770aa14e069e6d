//! Who a speaker is across the corpus: the one place that decides it.
//!
//! Quote extraction ([`crate::quotes`]) names a speaker within one document.
//! This module owns everything after that:
//!
//! - the **key** a quote's speaker is indexed under ([`speaker_key`]): the
//!   full name lower-cased (`peter singer`), else the name of an unresolved
//!   reference tagged with the gender its honorific gives (`Mr. Singer` →
//!   `singer|m`);
//! - the **mentions** of each document ([`mentions`]): per speaker key, the
//!   name as written, the quote count and the roles given; they are kept in
//!   the manifest beside the file they come from, so a re-indexed file
//!   replaces only its own;
//! - the **speaker table** ([`Table`]), joined from every file's mentions
//!   when the index is committed and stored beside it (`speakers.json`,
//!   and each speaker's documents in `speaker-documents.json`).
//!   `accord speakers` prints it; `quotes --speaker X` and `speaker:X`
//!   resolve X through it, so both count the same quotes.
//!
//! # Who is one person
//!
//! Names are compared folded as the index folds words (case and accents:
//! `JOSE MENDEZ` is `José Méndez`). Full names that differ only by middle
//! initials are one person (`Laura E. Lind`, `Laura Lind`) unless the
//! corpus holds two different initials for them (`George W. Bush`,
//! `George H. W. Bush`): then each initialled name is its own person and
//! the name without initials is a third row, marked ambiguous. A bare
//! surname (`Lind`, `Mr. Lind`, `von der Leyen`, left unresolved in its
//! document) joins the one person whose name ends with it and whose gender,
//! by given name, does not differ from its honorific's; with no such person
//! it is a speaker of its own, and with two or more it stays apart, marked
//! ambiguous. Two people quoted together (`Peter Olsen and Anna Berg`) are
//! a group and join nobody. A row's type is the one most of its quotes
//! give their speaker ([`crate::quotes::SpeakerType`]), so `speakers` and
//! `quotes --json` agree; a bare surname joins only a person. Quotes that
//! name nobody (an unresolved "he", or only a description such as "a
//! spokesman") belong to no speaker.

mod table;

use serde::{Deserialize, Serialize};

use crate::analysis::{self, Mode};
use crate::quotes::lexicon::{self, Gender};
use crate::quotes::{Quote, SpeakerType};
pub use table::{Joiner, Speaker, Stored, Table};

/// What one document says of one speaker key: how the name is written,
/// how many quotes and which roles. Kept in the manifest per file, so it
/// is kept short: the key is the name lower-cased with the gender tag
/// (see [`speaker_key`]), and the document is left out when its id is the
/// file's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The document's id (as in `doc`); empty for the file's own path.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc: String,
    /// The name as the first quote under the key writes it.
    pub name: String,
    /// The gender an unresolved reference's honorific gives (`m`, `f`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<char>,
    /// Quotes credited to the key in the document.
    pub quotes: usize,
    /// Roles given, each with how many quotes give it, in order of first
    /// appearance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<(String, usize)>,
    /// What the key's quotes type their speaker: the first type that is
    /// not `unknown`, else `unknown`; `None` in a manifest written before
    /// quotes were typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SpeakerType>,
}

impl Mention {
    /// The speaker key, see [`speaker_key`].
    pub fn key(&self) -> String {
        let name = self.name.to_lowercase();
        match self.tag {
            Some(tag) => format!("{name}|{tag}"),
            None => name,
        }
    }

    /// The document's id, for a mention from the file at `rel`.
    pub fn doc<'a>(&'a self, rel: &'a str) -> &'a str {
        if self.doc.is_empty() {
            rel
        } else {
            &self.doc
        }
    }
}

/// The mentions of `quotes`, the quotes of document `doc` that were
/// indexed from the file at `rel`, in order of first appearance.
pub fn mentions<'q>(rel: &str, doc: &str, quotes: impl Iterator<Item = &'q Quote>) -> Vec<Mention> {
    let mut out: Vec<(String, Mention)> = Vec::new();
    for q in quotes {
        let Some(key) = speaker_key(q.speaker.as_deref(), q.surface.as_deref(), q.resolved) else {
            continue;
        };
        let Some(name) = name_of(q.speaker.as_deref(), q.surface.as_deref(), q.resolved) else {
            continue;
        };
        let i = match out.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let tag = key.split_once('|').and_then(|(_, t)| t.chars().next());
                let doc = if doc == rel { "" } else { doc };
                let m = Mention {
                    doc: doc.to_string(),
                    name,
                    tag,
                    quotes: 0,
                    roles: Vec::new(),
                    kind: None,
                };
                debug_assert_eq!(m.key(), key, "a key is its name lower-cased and tagged");
                out.push((key, m));
                out.len() - 1
            }
        };
        let m = &mut out[i].1;
        m.quotes += 1;
        if m.kind.is_none_or(|k| k == SpeakerType::Unknown) {
            m.kind = Some(q.speaker_type);
        }
        if let Some(role) = q.role.as_deref().filter(|r| !r.trim().is_empty()) {
            match m.roles.iter_mut().find(|(r, _)| r == role) {
                Some((_, n)) => *n += 1,
                None => m.roles.push((role.to_string(), 1)),
            }
        }
    }
    out.into_iter().map(|(_, m)| m).collect()
}

/// The name a quote is credited to: its resolved speaker, else the name in
/// its unresolved reference (not a pronoun).
pub fn name_of(speaker: Option<&str>, surface: Option<&str>, resolved: bool) -> Option<String> {
    match speaker {
        Some(name) => Some(name.to_string()),
        None if !resolved => reference_name(surface?),
        None => None,
    }
}

/// The name in a speaker reference as written (a quote's `surface`), with
/// honorifics dropped: `Ms. Vance` → `Vance`, `Lind` → `Lind`; `None` for
/// a pronoun (`he`, `They`), which names nobody by itself.
pub fn reference_name(surface: &str) -> Option<String> {
    let words: Vec<&str> = surface
        .split_whitespace()
        .filter(|w| lexicon::honorific(w).is_none())
        .collect();
    match words[..] {
        [] => None,
        [word] if lexicon::pronoun(word).is_some() => None,
        _ => Some(words.join(" ")),
    }
}

/// The key a quote's speaker is indexed and joined under, from a quote's
/// (or record's) resolved speaker, surface and `resolved`: the full name
/// lower-cased, else the name of an unresolved reference ("Mr. Singer" →
/// `singer|m`), tagged with the gender its honorific gives so that it
/// never joins a full name of the other gender. `None` when the quote
/// names nobody (a pronoun, a description).
pub fn speaker_key(speaker: Option<&str>, surface: Option<&str>, resolved: bool) -> Option<String> {
    if let Some(name) = speaker {
        return Some(name.to_lowercase());
    }
    let surface = surface.filter(|_| !resolved)?;
    let name = reference_name(surface)?.to_lowercase();
    let gender = surface
        .split_whitespace()
        .find_map(lexicon::honorific)
        .flatten();
    Some(match gender {
        Some(Gender::Male) => format!("{name}|m"),
        Some(Gender::Female) => format!("{name}|f"),
        None => name,
    })
}

/// A speaker key without its gender tag: `singer|f` → `singer`.
pub fn key_name(key: &str) -> &str {
    key.split_once('|').map_or(key, |(name, _)| name)
}

/// The surname a bare reference is joined on: the name itself when it is
/// one word (`Singer`), its last word when the others are particles (`von
/// der Leyen`); `None` for a full name.
pub fn bare_surname(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (last, before) = words.split_last()?;
    (before.is_empty() || lexicon::are_surname_particles(before)).then_some(*last)
}

/// Whether a speaker's name is that of two people quoted together
/// ("Peter Olsen and Anna Berg"), which no bare surname joins.
pub fn is_joint(name: &str) -> bool {
    name.contains(" and ")
}

/// Whether the quotes under a bare speaker key may be those of the person
/// with the full name `full`: their genders, by honorific and by given
/// name, do not differ (`Ms. Singer` is not Peter Singer).
fn key_fits(key: &str, full: &str) -> bool {
    let tagged = match key.split_once('|') {
        Some((_, "m")) => Gender::Male,
        Some((_, "f")) => Gender::Female,
        _ => return true,
    };
    let given = full.split_whitespace().next().unwrap_or_default();
    lexicon::given_name_gender(given).is_none_or(|g| g == tagged)
}

/// A name's words as the index compares them: case and accents folded,
/// punctuation dropped (`José E. Méndez` is `jose e mendez`).
pub fn folded_words(name: &str) -> Vec<String> {
    analysis::tokenize(&name.to_lowercase(), Mode::Query)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

/// What a speaker is by its name alone, for rows whose quotes do not
/// tell: two people quoted together are a group, a name holding a word of
/// an organisation, place or document ("Harbor Policy Foundation", "the
/// Ministry") an organisation, any other a person.
pub fn type_by_name(name: &str) -> SpeakerType {
    if is_joint(name) {
        SpeakerType::Group
    } else if name.split_whitespace().any(lexicon::is_non_person) {
        SpeakerType::Organisation
    } else {
        SpeakerType::Person
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_name_drops_honorifics_and_pronouns() {
        assert_eq!(reference_name("Ms. Vance").as_deref(), Some("Vance"));
        assert_eq!(reference_name("Lind").as_deref(), Some("Lind"));
        assert_eq!(reference_name("Dr Hugo Lind").as_deref(), Some("Hugo Lind"));
        assert_eq!(reference_name("he"), None);
        assert_eq!(reference_name("They"), None);
        assert_eq!(reference_name("Mr."), None);
    }

    #[test]
    fn speaker_keys_tag_a_bare_name_with_its_honorifics_gender() {
        assert_eq!(
            speaker_key(Some("Peter Singer"), Some("Singer"), true).as_deref(),
            Some("peter singer")
        );
        assert_eq!(
            speaker_key(None, Some("Ms. Singer"), false).as_deref(),
            Some("singer|f")
        );
        assert_eq!(
            speaker_key(None, Some("Singer"), false).as_deref(),
            Some("singer")
        );
        assert_eq!(speaker_key(None, Some("he"), false), None);
        assert_eq!(speaker_key(None, None, true), None);
        assert_eq!(key_name("singer|f"), "singer");
    }

    #[test]
    fn speakers_are_typed_by_the_words_of_their_names() {
        assert_eq!(type_by_name("Peter Singer"), SpeakerType::Person);
        assert_eq!(
            type_by_name("Harbor Policy Foundation"),
            SpeakerType::Organisation
        );
        assert_eq!(
            type_by_name("Peter Olsen and Anna Berg"),
            SpeakerType::Group
        );
    }
}
