//! Speakers across the corpus: quote records grouped by the person they are
//! credited to, for `accord speakers`.
//!
//! The extractor already ties surnames and pronouns to full names within a
//! document. Across documents, a bare name (a surname left unresolved in
//! its document, "Singer" or "von der Leyen" where the full name never
//! appears) joins a full name when exactly one known full name ends with
//! it whose gender does not differ from its honorific's ("Ms. Singer" is
//! not Peter Singer); otherwise it stays a speaker of its own. Quotes that name nobody (an
//! unresolved "he", or only a description such as "a spokesman") belong to
//! no speaker.

use std::collections::{BTreeSet, HashMap, HashSet};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocSet, InvertedIndexReader, Searcher, SegmentReader, TantivyDocument, TERMINATED};

use super::Record;
use crate::analysis::{self, Mode};
use crate::error::{Error, Result};
use crate::index::{schema, Fields};
use crate::quotes;

/// One speaker and what the corpus quotes of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// Full name as the text gives it, or the bare name when no full name is
    /// known.
    pub name: String,
    /// The role given most often (the earliest of those tied), if any.
    pub role: Option<String>,
    /// How many quotes are credited to the speaker.
    pub quotes: usize,
    /// Documents quoting the speaker, in the order the records came.
    pub documents: Vec<String>,
}

/// Groups quote records by speaker; most quoted first, then by name.
/// Records should come in document order, which decides ties of roles and
/// the order of documents.
pub fn tally(records: &[Record]) -> Vec<Speaker> {
    let named: Vec<(String, String, &Record)> = records
        .iter()
        .filter_map(|r| {
            let key = quotes::speaker_key(r.speaker(), r.surface.as_deref(), r.resolved)?;
            Some((name_of(r)?, key, r))
        })
        .collect();
    let full_names = FullNames::of(named.iter().map(|(name, ..)| name.as_str()));
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut roles: Vec<Vec<&str>> = Vec::new();
    let mut documents: Vec<HashSet<&str>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (name, key, record) in &named {
        let name = full_names.joined(name, key);
        let i = *by_key.entry(name_key(name)).or_insert_with(|| {
            speakers.push(Speaker {
                name: name.to_string(),
                role: None,
                quotes: 0,
                documents: Vec::new(),
            });
            roles.push(Vec::new());
            documents.push(HashSet::new());
            speakers.len() - 1
        });
        let speaker = &mut speakers[i];
        speaker.quotes += 1;
        if documents[i].insert(&record.doc) {
            speaker.documents.push(record.doc.clone());
        }
        if let Some(role) = record.role.as_deref().filter(|r| !r.trim().is_empty()) {
            roles[i].push(role);
        }
    }
    for (speaker, roles) in speakers.iter_mut().zip(&roles) {
        speaker.role = most_frequent(roles).map(str::to_string);
    }
    speakers.sort_by(|a, b| {
        b.quotes
            .cmp(&a.quotes)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    speakers
}

/// The name a quote is credited to: its resolved speaker, else the name in
/// its unresolved reference (not a pronoun).
fn name_of(r: &Record) -> Option<String> {
    match r.speaker() {
        Some(name) => Some(name.to_string()),
        None if !r.resolved => quotes::reference_name(r.surface.as_deref()?),
        None => None,
    }
}

/// A name compared as the index compares words: case and accents folded
/// (`José Méndez` is `Jose Mendez`).
fn name_key(name: &str) -> String {
    let words: Vec<String> = analysis::tokenize(&name.to_lowercase(), Mode::Query)
        .into_iter()
        .map(|t| t.text)
        .collect();
    words.join(" ")
}

/// The full names of a corpus by the folded last word, for joining bare
/// names to them; spellings of one name (`JOSE MENDEZ`) are one person.
struct FullNames<'a>(HashMap<String, Vec<(String, &'a str)>>);

impl<'a> FullNames<'a> {
    fn of(names: impl Iterator<Item = &'a str>) -> Self {
        let mut by_last: HashMap<String, Vec<(String, &'a str)>> = HashMap::new();
        for full in names {
            let Some((_, last)) = full.rsplit_once(' ') else {
                continue;
            };
            if quotes::bare_surname(full).is_some() || quotes::is_joint(full) {
                continue;
            }
            let people = by_last.entry(name_key(last)).or_default();
            let person = name_key(full);
            if !people.iter().any(|(p, _)| *p == person) {
                people.push((person, full));
            }
        }
        FullNames(by_last)
    }

    /// The one full name a bare `name` (indexed under speaker `key`) joins:
    /// the only one ending with it whose gender does not differ; else
    /// `name` itself.
    fn joined(&self, name: &'a str, key: &str) -> &'a str {
        let Some(surname) = quotes::bare_surname(name) else {
            return name;
        };
        let Some(people) = self.0.get(&name_key(surname)) else {
            return name;
        };
        let mut fitting = people
            .iter()
            .filter(|(_, full)| quotes::key_fits(key, full));
        match (fitting.next(), fitting.next()) {
            (Some((_, full)), None) => full,
            _ => name,
        }
    }
}

/// The bare speaker keys (`singer`, `singer|m`, as indexed in
/// `key_field`) that [`tally`] joins into the full name `name` (`Peter
/// Singer`): those equal to its last word for which `name` is the only
/// full name of a fitting gender ending with that word. Keys only on
/// deleted records do not count. Empty for a one-word `name`, which
/// matches bare names anyway.
pub fn joined_bare_names(searcher: &Searcher, key_field: Field, name: &str) -> Result<Vec<String>> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let [.., _, last] = words[..] else {
        return Ok(Vec::new());
    };
    let last = name_key(last);
    let keys = live_keys(searcher, key_field, |key| {
        surname_of_key(key).is_some_and(|(surname, _)| same_word(surname, &last))
    })?;
    let (full, bare): (Vec<&String>, Vec<&String>) = keys
        .iter()
        .partition(|key| surname_of_key(key).is_some_and(|(_, full)| full));
    // Joined as tally joins them.
    let full_names = FullNames::of(full.into_iter().map(String::as_str));
    let this_person = name_key(name);
    Ok(bare
        .into_iter()
        .filter(|key| name_key(full_names.joined(quotes::key_name(key), key)) == this_person)
        .cloned()
        .collect())
}

/// Sets [`Record::joined`] on each quote credited to a bare name that
/// [`tally`] joins into a full name, so that a listing shows the person
/// `speakers` counts the quote for.
pub fn label_joined<'r>(
    searcher: &Searcher,
    f: &Fields,
    records: impl Iterator<Item = &'r mut Record>,
) -> Result<()> {
    let mut bare: Vec<(&mut Record, String)> = records
        .filter_map(|r| {
            let key = quotes::speaker_key(r.speaker(), r.surface.as_deref(), r.resolved)?;
            let name = name_of(r)?;
            quotes::bare_surname(&name)?;
            Some((r, key))
        })
        .collect();
    if bare.is_empty() {
        return Ok(());
    }
    let surnames: HashSet<String> = bare
        .iter()
        .filter_map(|(_, key)| surname_of_key(key).map(|(surname, _)| name_key(surname)))
        .collect();
    let full = live_keys(searcher, f.speaker_key, |key| {
        surname_of_key(key)
            .is_some_and(|(surname, full)| full && surnames.iter().any(|s| same_word(surname, s)))
    })?;
    let full_names = FullNames::of(full.iter().map(String::as_str));
    let mut shown: HashMap<String, Option<String>> = HashMap::new();
    for (record, key) in &mut bare {
        let joined = full_names.joined(quotes::key_name(key), key);
        if !full.contains(joined) {
            continue;
        }
        if !shown.contains_key(joined) {
            shown.insert(joined.to_string(), name_as_written(searcher, f, joined)?);
        }
        record.joined = shown[joined].clone();
    }
    Ok(())
}

/// A speaker key's surname (the last word of its name) and whether the
/// name is a full one rather than a bare surname; `None` for two people
/// quoted together, and for a one-word name that is not a surname either
/// (which indexed keys never are).
fn surname_of_key(key: &str) -> Option<(&str, bool)> {
    let name = quotes::key_name(key);
    if quotes::is_joint(name) {
        return None;
    }
    match (quotes::bare_surname(name), name.rsplit_once(' ')) {
        (Some(surname), _) => Some((surname, false)),
        (None, Some((_, surname))) => Some((surname, true)),
        (None, None) => None,
    }
}

/// Whether an indexed word is `folded` (a word folded by [`name_key`]);
/// plain ASCII is compared without folding, which is most names.
fn same_word(word: &str, folded: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        word.eq_ignore_ascii_case(folded)
    } else {
        name_key(word) == folded
    }
}

/// The keys in `key_field` that `keep` accepts and that some record not
/// deleted still holds.
fn live_keys(
    searcher: &Searcher,
    key_field: Field,
    keep: impl Fn(&str) -> bool,
) -> Result<BTreeSet<String>> {
    let mut keys = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let index = segment
            .inverted_index(key_field)
            .map_err(Error::query_failed)?;
        let mut terms = index
            .terms()
            .stream()
            .map_err(|e| Error::query_failed(e.into()))?;
        while terms.advance() {
            let Ok(key) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            if keep(key) && !keys.contains(key) && has_live_record(segment, &index, key_field, key)?
            {
                keys.insert(key.to_string());
            }
        }
    }
    Ok(keys)
}

/// The full name under speaker key `key` as a quote credited to it writes
/// it (`Peter Singer` for `peter singer`).
fn name_as_written(searcher: &Searcher, f: &Fields, key: &str) -> Result<Option<String>> {
    let term = |field, text| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    // Passages hold the keys of everyone they quote; a quote only its own.
    let query = BooleanQuery::intersection(vec![
        term(f.record, schema::QUOTE),
        term(f.speaker_key, key),
    ]);
    let top = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())
        .map_err(Error::query_failed)?;
    let Some((_, address)) = top.first() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(*address).map_err(Error::query_failed)?;
    Ok(Record::from_doc(&doc, f).speaker().map(str::to_string))
}

/// Whether a record that is not deleted has `key` in `field`: a segment's
/// terms outlive its deleted records until a merge.
fn has_live_record(
    segment: &SegmentReader,
    index: &InvertedIndexReader,
    field: Field,
    key: &str,
) -> Result<bool> {
    let term = Term::from_field_text(field, key);
    let Some(mut postings) = index
        .read_postings(&term, IndexRecordOption::Basic)
        .map_err(|e| Error::query_failed(e.into()))?
    else {
        return Ok(false);
    };
    let alive = segment.alive_bitset();
    let mut doc = postings.doc();
    while doc != TERMINATED {
        if alive.is_none_or(|bits| bits.is_alive(doc)) {
            return Ok(true);
        }
        doc = postings.advance();
    }
    Ok(false)
}

/// The most frequent of `items`; the earliest among those tied.
fn most_frequent<'a>(items: &[&'a str]) -> Option<&'a str> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    let mut best: Option<(&str, usize)> = None;
    for item in items {
        let n = counts[item];
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((item, n));
        }
    }
    best.map(|(item, _)| item)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A quote record in `doc` credited to `name` (resolved unless given as
    /// an unresolved surface), with `role`.
    fn quote(doc: &str, name: &str, resolved: bool, role: Option<&str>) -> Record {
        Record {
            doc: doc.into(),
            speakers: vec![name.into()],
            surface: Some(name.rsplit(' ').next().unwrap_or(name).into()),
            role: role.map(str::to_string),
            resolved,
            ..Record::default()
        }
    }

    /// Each speaker `tally` makes of `records`, with their quote count.
    fn names_and_counts(records: &[Record]) -> Vec<(String, usize)> {
        tally(records)
            .into_iter()
            .map(|s| (s.name, s.quotes))
            .collect()
    }

    fn summary(s: &Speaker) -> (&str, Option<&str>, usize, Vec<&str>) {
        (
            s.name.as_str(),
            s.role.as_deref(),
            s.quotes,
            s.documents.iter().map(String::as_str).collect(),
        )
    }

    #[test]
    fn speakers_merge_a_bare_surname_into_the_one_full_name_ending_with_it() {
        let records = [
            quote(
                "a.txt",
                "Peter Singer",
                true,
                Some("a fellow at New America"),
            ),
            quote("b.txt", "Singer", true, None),
            quote("b.txt", "Lind", false, None),
            quote(
                "c.txt",
                "Brad Smith",
                true,
                Some("the president of Microsoft"),
            ),
        ];
        let speakers = tally(&records);
        let got: Vec<_> = speakers.iter().map(summary).collect();
        assert_eq!(
            got,
            [
                (
                    "Peter Singer",
                    Some("a fellow at New America"),
                    2,
                    vec!["a.txt", "b.txt"]
                ),
                (
                    "Brad Smith",
                    Some("the president of Microsoft"),
                    1,
                    vec!["c.txt"]
                ),
                ("Lind", None, 1, vec!["b.txt"]),
            ]
        );
    }

    #[test]
    fn speakers_match_names_whatever_their_accents_and_case() {
        let records = [
            quote("a.txt", "José Méndez", true, None),
            quote("b.txt", "Mendez", true, None),
            quote("c.txt", "JOSE MENDEZ", true, None),
        ];
        let got = names_and_counts(&records);
        assert_eq!(got, [("José Méndez".to_string(), 3)]);
    }

    #[test]
    fn speakers_join_a_bare_name_only_to_a_full_name_of_its_gender() {
        let mut ms = quote("b.txt", "Singer", false, None);
        ms.surface = Some("Ms. Singer".into());
        let mut mr = quote("c.txt", "Singer", false, None);
        mr.surface = Some("Mr. Singer".into());
        let records = [quote("a.txt", "Peter Singer", true, None), ms, mr];
        let got = names_and_counts(&records);
        assert_eq!(
            got,
            [("Peter Singer".to_string(), 2), ("Singer".to_string(), 1)]
        );
    }

    #[test]
    fn speakers_join_a_surname_with_particles_but_not_a_particle_given_name() {
        let mut particles = quote("b.txt", "von der Leyen", false, None);
        particles.surface = Some("von der Leyen".into());
        let records = [
            quote("a.txt", "Ursula von der Leyen", true, None),
            particles,
            quote("c.txt", "Al Gore", true, None),
            quote("d.txt", "Tipper Gore", true, None),
        ];
        let got = names_and_counts(&records);
        assert_eq!(
            got,
            [
                ("Ursula von der Leyen".to_string(), 2),
                ("Al Gore".to_string(), 1),
                ("Tipper Gore".to_string(), 1),
            ]
        );
    }

    #[test]
    fn speakers_never_join_a_surname_to_two_people_quoted_together() {
        let records = [
            quote("a.txt", "Peter Olsen and Anna Berg", true, None),
            quote("b.txt", "Berg", false, None),
        ];
        let names: Vec<_> = tally(&records).into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["Berg", "Peter Olsen and Anna Berg"]);
    }

    #[test]
    fn speakers_keep_a_surname_shared_by_two_full_names_apart() {
        let records = [
            quote("a.txt", "Hugo Lind", true, None),
            quote("b.txt", "Anna Lind", true, None),
            quote("c.txt", "Lind", false, None),
        ];
        let names: Vec<String> = tally(&records).into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["Anna Lind", "Hugo Lind", "Lind"]);
    }

    #[test]
    fn speakers_leave_out_pronouns_and_descriptions() {
        let mut he = quote("a.txt", "he", false, None);
        he.surface = Some("he".into());
        let description = Record {
            doc: "a.txt".into(),
            role: Some("a spokesman for the ministry".into()),
            resolved: true,
            ..Record::default()
        };
        assert!(tally(&[he, description]).is_empty());
    }

    #[test]
    fn speakers_take_the_most_frequent_role_and_the_first_of_a_tie() {
        assert_eq!(most_frequent(&["a", "b", "b"]), Some("b"));
        assert_eq!(most_frequent(&["a", "b"]), Some("a"));
        assert_eq!(most_frequent(&[]), None);
    }
}
