//! The speaker table: every file's mentions joined into one row per
//! speaker (see the module docs of [`crate::speakers`] for who is one
//! person), computed when the index is committed and stored beside it:
//! the rows in `speakers.json`, the documents quoting each speaker in
//! `speaker-documents.json`. A search by speaker reads only the rows: at
//! 1 GB the documents are 99.9% of the 10 MB, and parsing them took a
//! `speaker:` search from 12 to 58 ms.
//!
//! The table names the manifest it was joined from (by hash, as the commit
//! payload does), so a table left behind by a crash between the commit and
//! its writing is never used: it is joined again from the manifest, which
//! is cheap next to reading every quote.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{bare_surname, folded_words, is_joint, key_fits, key_name, name_of, speaker_key};
use super::{type_by_name, Mention};
use crate::error::{Error, Result};
use crate::index::manifest::{Commit, Manifest};
use crate::quotes::SpeakerType;

use crate::search::Record;

const FILE_NAME: &str = "speakers.json";
const DOCUMENTS_NAME: &str = "speaker-documents.json";

/// One speaker and what the corpus quotes of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Full name as the text gives it most often (the more complete, then
    /// the earliest, of those tied), or the bare name when no full name is
    /// joined.
    pub name: String,
    /// What the speaker is: the type most of its quotes give it (see
    /// [`SpeakerType`]), or by its name when none tells.
    pub kind: SpeakerType,
    /// A bare surname that two or more people of the corpus share, or a
    /// name without middle initials that two initialled names share.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    /// The role given most often (the earliest of those tied), if any.
    pub role: Option<String>,
    /// How many quotes are credited to the speaker.
    pub quotes: usize,
    /// Documents quoting the speaker, in corpus order (stored apart: see
    /// the module docs; empty in a table read without them).
    #[serde(skip)]
    pub documents: Vec<String>,
    /// The speaker keys (see [`super::speaker_key`]) whose quotes are
    /// the speaker's.
    pub keys: Vec<String>,
    /// The names the speaker goes by, folded (see
    /// [`super::folded_words`]), for finding the speaker by name.
    pub names: Vec<String>,
}

/// Every speaker of the corpus, most quoted first, then by name.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Table {
    /// Hash of the manifest the table was joined from.
    manifest: String,
    pub speakers: Vec<Speaker>,
    #[serde(skip)]
    lookup: OnceLock<Lookup>,
}

/// Rows by key and by folded name, built on first use.
#[derive(Debug, Default)]
struct Lookup {
    by_key: HashMap<String, usize>,
    /// Folded names shown.
    by_name: HashMap<String, usize>,
    /// Folded names gone by; `None` when two speakers go by it.
    by_variant: HashMap<String, Option<usize>>,
}

/// The table of an index directory, read when first needed: a search
/// without a speaker never reads it.
#[derive(Debug)]
pub struct Stored {
    dir: PathBuf,
    payload: Option<String>,
    table: OnceLock<Table>,
    /// The table with each speaker's documents, for listing speakers.
    listed: OnceLock<Table>,
}

/// Each speaker's documents, row by row, as `speaker-documents.json`
/// holds them.
#[derive(Serialize, Deserialize)]
struct Documents<'t> {
    manifest: std::borrow::Cow<'t, str>,
    documents: Vec<std::borrow::Cow<'t, [String]>>,
}

impl Stored {
    /// The table of the index in `dir` whose last commit carried `payload`.
    pub fn new(dir: PathBuf, payload: Option<String>) -> Stored {
        Stored {
            dir,
            payload,
            table: OnceLock::new(),
            listed: OnceLock::new(),
        }
    }

    /// Sets [`Record::listed_as`] on each quote credited to a bare surname
    /// whose row in the table is one person (a full name it joins, or the
    /// surname alone), so that a listing shows the person `speakers` counts
    /// the quote for. Reads the table only when some quote has a bare
    /// surname.
    pub fn label<'r>(&self, records: impl Iterator<Item = &'r mut Record>) -> Result<()> {
        let bare: Vec<(&mut Record, String)> = records
            .filter_map(|r| {
                let (speaker, surface) = (r.speaker(), r.surface.as_deref());
                bare_surname(&name_of(speaker, surface, r.resolved)?)?;
                let key = speaker_key(speaker, surface, r.resolved)?;
                Some((r, key))
            })
            .collect();
        if bare.is_empty() {
            return Ok(());
        }
        let table = self.get()?;
        for (r, key) in bare {
            if let Some(s) = table.by_key(&key) {
                if !s.ambiguous && !is_joint(&s.name) {
                    r.listed_as = Some(s.name.clone());
                }
            }
        }
        Ok(())
    }

    /// The table without documents.
    pub fn get(&self) -> Result<&Table> {
        if let Some(table) = self.table.get() {
            return Ok(table);
        }
        let table = Table::open(&self.dir, self.payload.as_deref(), false)?;
        Ok(self.table.get_or_init(|| table))
    }

    /// The table with each speaker's documents.
    pub fn with_documents(&self) -> Result<&Table> {
        if let Some(table) = self.listed.get() {
            return Ok(table);
        }
        let table = Table::open(&self.dir, self.payload.as_deref(), true)?;
        Ok(self.listed.get_or_init(|| table))
    }
}

impl Table {
    /// Joins the mentions of every file in `manifest` (whose hash is
    /// `hash`), in corpus order.
    pub fn join(manifest: &Manifest, hash: &str) -> Table {
        let mentions = manifest
            .files
            .iter()
            .flat_map(|(rel, s)| s.speakers.iter().map(move |m| (rel.as_str(), m)));
        Table {
            manifest: hash.to_string(),
            speakers: join(mentions),
            lookup: OnceLock::new(),
        }
    }

    /// Writes the table into the index directory `dir`, each file whole
    /// or not at all.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let documents = Documents {
            manifest: (&self.manifest).into(),
            documents: self
                .speakers
                .iter()
                .map(|s| (&s.documents[..]).into())
                .collect(),
        };
        save_json(&dir.join(DOCUMENTS_NAME), &documents)?;
        save_json(&dir.join(FILE_NAME), self)
    }

    /// The table of the index in `dir` whose last commit carried
    /// `payload` (with each speaker's documents if `documents`): the
    /// stored one when it was joined from that commit's manifest, else
    /// joined anew from the manifest.
    pub fn open(dir: &Path, payload: Option<&str>, documents: bool) -> Result<Table> {
        let Some(hash) = payload.and_then(Commit::parse).map(|c| c.manifest) else {
            // An index committed without documents.
            return Ok(Table::default());
        };
        if let Some(mut table) = read_json::<Table>(&dir.join(FILE_NAME)) {
            if table.manifest == hash && (!documents || table.read_documents(dir)) {
                return Ok(table);
            }
        }
        let manifest = Manifest::load(dir, payload).ok_or_else(|| {
            Error::Index(format!(
                "index {} has lost its manifest.json, so its speakers are unknown; \
                 run `accord index --rebuild`",
                dir.display()
            ))
        })?;
        Ok(Table::join(&manifest, &hash))
    }

    /// Fills in each speaker's documents from `speaker-documents.json`;
    /// false when that file is missing or from another commit.
    fn read_documents(&mut self, dir: &Path) -> bool {
        let Some(stored) = read_json::<Documents>(&dir.join(DOCUMENTS_NAME)) else {
            return false;
        };
        if stored.manifest != self.manifest || stored.documents.len() != self.speakers.len() {
            return false;
        }
        for (speaker, documents) in self.speakers.iter_mut().zip(stored.documents) {
            speaker.documents = documents.into_owned();
        }
        true
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| {
            let mut l = Lookup::default();
            for (i, s) in self.speakers.iter().enumerate() {
                for key in &s.keys {
                    l.by_key.insert(key.clone(), i);
                }
                l.by_name
                    .entry(folded_words(&s.name).join(" "))
                    .or_insert(i);
                for name in &s.names {
                    l.by_variant
                        .entry(name.clone())
                        .and_modify(|row| {
                            if *row != Some(i) {
                                *row = None
                            }
                        })
                        .or_insert(Some(i));
                }
            }
            l
        })
    }

    /// The speaker quotes under `key` are counted for.
    pub fn by_key(&self, key: &str) -> Option<&Speaker> {
        self.lookup().by_key.get(key).map(|&i| &self.speakers[i])
    }

    /// The speaker called `name` (honorifics dropped, folded): the one
    /// shown under that name, else the one speaker going by it (`Laura
    /// Lind` for the row `Laura E. Lind`).
    pub fn find(&self, name: &str) -> Option<&Speaker> {
        let folded = folded_words(name).join(" ");
        let l = self.lookup();
        let i = l
            .by_name
            .get(&folded)
            .copied()
            .or_else(|| l.by_variant.get(&folded).copied().flatten())?;
        Some(&self.speakers[i])
    }

    /// Speakers going by a name that holds `words` (folded) in order:
    /// `singer` and `peter` for Peter Singer.
    pub fn containing<'t>(&'t self, words: &[String]) -> impl Iterator<Item = &'t Speaker> + 't {
        let needle = format!(" {} ", words.join(" "));
        self.speakers
            .iter()
            .filter(move |s| s.names.iter().any(|n| format!(" {n} ").contains(&needle)))
    }
}

/// What the corpus says under one speaker key.
struct KeyStats {
    key: String,
    /// Written names with their quote counts, first seen first.
    names: Vec<(String, usize)>,
    quotes: usize,
    /// Roles with their counts and when they were first given (a
    /// map: a much-quoted person is given thousands of roles).
    roles: HashMap<String, (usize, usize)>,
    /// Documents by order of first mention.
    documents: Vec<usize>,
    /// Quotes per speaker type their mentions give.
    kinds: Vec<(SpeakerType, usize)>,
}

/// Who the keys of a row are; rows are made of one or more keys.
#[derive(Default)]
struct Row {
    keys: Vec<usize>,
    ambiguous: bool,
}

/// The rows of `mentions` (in corpus order, each with the path of its
/// file); see the module docs for who is one person.
fn join<'m>(mentions: impl Iterator<Item = (&'m str, &'m Mention)>) -> Vec<Speaker> {
    let mut joiner = Joiner::default();
    for (rel, m) in mentions {
        joiner.add(rel, m);
    }
    joiner.rows()
}

/// Writes `value` as JSON to `path` whole or not at all: to a staged file
/// first, renamed over `path`.
fn save_json(path: &Path, value: &impl Serialize) -> Result<()> {
    let mut staged = path.as_os_str().to_owned();
    staged.push(".new");
    let staged = PathBuf::from(staged);
    let io = |e: std::io::Error| Error::io(&staged, e);
    let file = std::fs::File::create(&staged).map_err(io)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    serde_json::to_writer(&mut out, value).map_err(|e| io(e.into()))?;
    out.flush().map_err(io)?;
    drop(out);
    std::fs::rename(&staged, path).map_err(io)
}

/// `path` read as JSON of `T`; `None` when missing or unreadable.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Joins mentions into speakers as they come, in corpus order. It keeps
/// what each speaker key adds up to rather than the mentions, so that a
/// build can feed it file by file instead of holding every file's
/// mentions (on the 1 GB bench corpus, 390,000 of them).
#[derive(Default)]
pub struct Joiner {
    stats: Vec<KeyStats>,
    by_key: HashMap<String, usize>,
    /// Documents with mentions, in corpus order.
    docs: Vec<String>,
    /// Roles given so far: roles are ordered by first mention, then
    /// within it.
    order: usize,
}

impl Joiner {
    /// Adds mention `m` of the file at `rel`.
    pub fn add(&mut self, rel: &str, m: &Mention) {
        if self.docs.last().map(String::as_str) != Some(m.doc(rel)) {
            self.docs.push(m.doc(rel).to_string());
        }
        let doc = self.docs.len() - 1;
        let key = m.key();
        let stats = &mut self.stats;
        let i = *self.by_key.entry(key.clone()).or_insert_with(|| {
            stats.push(KeyStats {
                key,
                names: Vec::new(),
                quotes: 0,
                roles: HashMap::new(),
                documents: Vec::new(),
                kinds: Vec::new(),
            });
            stats.len() - 1
        });
        let k = &mut stats[i];
        k.quotes += m.quotes;
        match k.names.iter_mut().find(|(n, _)| *n == m.name) {
            Some((_, n)) => *n += m.quotes,
            None => k.names.push((m.name.clone(), m.quotes)),
        }
        for (role, n) in &m.roles {
            self.order += 1;
            match k.roles.get_mut(role) {
                Some((count, _)) => *count += n,
                None => {
                    k.roles.insert(role.clone(), (*n, self.order));
                }
            }
        }
        if k.documents.last() != Some(&doc) {
            k.documents.push(doc);
        }
        if let Some(kind) = m.kind {
            match k.kinds.iter_mut().find(|(t, _)| *t == kind) {
                Some((_, n)) => *n += m.quotes,
                None => k.kinds.push((kind, m.quotes)),
            }
        }
    }

    /// The table of the mentions added, joined from the manifest whose
    /// hash is `hash`.
    pub fn into_table(self, hash: &str) -> Table {
        Table {
            manifest: hash.to_string(),
            speakers: self.rows(),
            lookup: OnceLock::new(),
        }
    }

    /// One row per speaker, most quoted first.
    fn rows(self) -> Vec<Speaker> {
        let Joiner { stats, docs, .. } = self;
        join_keys(&stats, &docs)
    }
}

/// The speakers the keys of `stats` make, `docs` naming the documents
/// their stats count.
fn join_keys(stats: &[KeyStats], docs: &[String]) -> Vec<Speaker> {
    let mut rows: Vec<Row> = Vec::new();
    // Rows of bare names and groups, by folded name.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut row_named = |rows: &mut Vec<Row>, folded: String| -> usize {
        *by_name.entry(folded).or_insert_with(|| {
            rows.push(Row::default());
            rows.len() - 1
        })
    };
    // Full names by their words without middle initials, with those.
    let mut bases: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    let mut base_of: HashMap<String, usize> = HashMap::new();
    let mut bare: Vec<usize> = Vec::new();
    for (i, k) in stats.iter().enumerate() {
        let name = k.names[0].0.as_str();
        if is_joint(name) {
            let row = row_named(&mut rows, folded_words(name).join(" "));
            rows[row].keys.push(i);
        } else if bare_surname(name).is_some() {
            bare.push(i);
        } else {
            let (base, initials) = without_initials(&folded_words(name));
            let b = *base_of.entry(base.clone()).or_insert_with(|| {
                bases.push((base, Vec::new()));
                bases.len() - 1
            });
            bases[b].1.push((i, initials));
        }
    }
    // People, with their folded surnames, for joining bare names.
    let mut people: HashMap<String, Vec<usize>> = HashMap::new();
    for (base, keys) in &bases {
        let mut initials: Vec<&str> = keys
            .iter()
            .map(|(_, s)| s.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        initials.sort_unstable();
        initials.dedup();
        let mut person_rows: Vec<(&str, usize)> = Vec::new();
        for (i, mine) in keys {
            // With two initialled forms, each is a person and the name
            // without initials could be either.
            let group = if initials.len() > 1 {
                mine.as_str()
            } else {
                ""
            };
            let row = match person_rows.iter().find(|(g, _)| *g == group) {
                Some(&(_, row)) => row,
                None => {
                    rows.push(Row {
                        keys: Vec::new(),
                        ambiguous: initials.len() > 1 && group.is_empty(),
                    });
                    person_rows.push((group, rows.len() - 1));
                    rows.len() - 1
                }
            };
            rows[row].keys.push(*i);
        }
        let surname = base.rsplit(' ').next().unwrap_or(base).to_string();
        for (_, row) in person_rows {
            people.entry(surname.clone()).or_default().push(row);
        }
    }
    for i in bare {
        let k = &stats[i];
        let name = k.names[0].0.as_str();
        let surname = folded_words(bare_surname(name).unwrap_or(name)).join(" ");
        // "Kestrel said", typed an organisation, is not Ada Kestrel.
        let thing = matches!(
            row_type(stats, &[i]),
            SpeakerType::Organisation | SpeakerType::Document
        );
        let fitting: Vec<usize> = people
            .get(&surname)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&row| {
                let full = shown_name(stats, &rows[row].keys);
                !thing
                    && row_type(stats, &rows[row].keys) == SpeakerType::Person
                    && key_fits(&k.key, full)
            })
            .collect();
        match fitting[..] {
            [row] => rows[row].keys.push(i),
            _ => {
                let row = row_named(&mut rows, folded_words(name).join(" "));
                rows[row].keys.push(i);
                rows[row].ambiguous |= fitting.len() > 1;
            }
        }
    }

    let mut speakers: Vec<Speaker> = rows
        .iter()
        .filter(|row| !row.keys.is_empty())
        .map(|row| speaker(stats, docs, row))
        .collect();
    speakers.sort_by(|a, b| {
        b.quotes
            .cmp(&a.quotes)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    speakers
}

/// A full name's folded words without the middle initials, joined by
/// spaces, and those initials (`laura e lind` → `laura lind`, `e`).
fn without_initials(words: &[String]) -> (String, String) {
    let [first, middle @ .., last] = words else {
        return (words.join(" "), String::new());
    };
    let initial = |w: &&String| w.chars().count() == 1;
    let kept: Vec<&str> = std::iter::once(first.as_str())
        .chain(middle.iter().filter(|w| !initial(w)).map(String::as_str))
        .chain(std::iter::once(last.as_str()))
        .collect();
    let initials: Vec<&str> = middle.iter().filter(initial).map(String::as_str).collect();
    (kept.join(" "), initials.join(" "))
}

/// The name a row of `keys` is shown under: of the full names among its
/// written names (all of them when none is full), the one most quoted, the
/// longer, then the one first seen.
fn shown_name<'s>(stats: &'s [KeyStats], keys: &[usize]) -> &'s str {
    let written = || keys.iter().flat_map(|&k| stats[k].names.iter());
    let full = written().any(|(n, _)| bare_surname(n).is_none());
    let mut best: Option<(&str, usize)> = None;
    for (name, count) in written() {
        let (name, count) = (name.as_str(), *count);
        if full && bare_surname(name).is_some() {
            continue;
        }
        let better = best.is_none_or(|(b, c)| {
            count > c || (count == c && name.chars().count() > b.chars().count())
        });
        if better {
            best = Some((name, count));
        }
    }
    best.map_or("", |(name, _)| name)
}

/// The type most quotes of a row of `keys` give their speaker (the
/// earliest of those tied), not counting `unknown` unless no other is
/// given; the type its name tells when its mentions carry none.
fn row_type(stats: &[KeyStats], keys: &[usize]) -> SpeakerType {
    let mut counts: Vec<(SpeakerType, usize)> = Vec::new();
    for &k in keys {
        for &(kind, n) in &stats[k].kinds {
            match counts.iter_mut().find(|(t, _)| *t == kind) {
                Some((_, c)) => *c += n,
                None => counts.push((kind, n)),
            }
        }
    }
    let mut best: Option<(SpeakerType, usize)> = None;
    for (kind, n) in counts {
        let known = |t: SpeakerType| t != SpeakerType::Unknown;
        if best
            .is_none_or(|(t, b)| (known(kind) && !known(t)) || (known(kind) == known(t) && n > b))
        {
            best = Some((kind, n));
        }
    }
    best.map_or_else(|| type_by_name(shown_name(stats, keys)), |(kind, _)| kind)
}

fn speaker(stats: &[KeyStats], docs: &[String], row: &Row) -> Speaker {
    let name = shown_name(stats, &row.keys);
    let mut documents: Vec<usize> = row
        .keys
        .iter()
        .flat_map(|&k| stats[k].documents.iter().copied())
        .collect();
    documents.sort_unstable();
    documents.dedup();
    // Role: most quotes, then the earliest given.
    let mut roles: HashMap<&str, (usize, usize)> = HashMap::new();
    for &k in &row.keys {
        for (role, &(n, first)) in &stats[k].roles {
            let (count, seen) = roles.entry(role.as_str()).or_insert((0, first));
            *count += n;
            *seen = (*seen).min(first);
        }
    }
    let role = roles
        .iter()
        .max_by(|a, b| (a.1).0.cmp(&(b.1).0).then_with(|| (b.1).1.cmp(&(a.1).1)))
        .map(|(r, _)| r.to_string());
    let mut names: Vec<String> = Vec::new();
    for &k in &row.keys {
        let folded = folded_words(key_name(&stats[k].key));
        let (base, _) = without_initials(&folded);
        for n in [folded.join(" "), base] {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    Speaker {
        name: name.to_string(),
        // A surname two people share is a person's, whichever's.
        kind: match row_type(stats, &row.keys) {
            SpeakerType::Unknown if row.ambiguous => SpeakerType::Person,
            kind => kind,
        },
        ambiguous: row.ambiguous,
        role,
        quotes: row.keys.iter().map(|&k| stats[k].quotes).sum(),
        documents: documents.into_iter().map(|d| docs[d].to_string()).collect(),
        keys: row.keys.iter().map(|&k| stats[k].key.to_string()).collect(),
        names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mention in `doc` of one quote credited to `name` (resolved, or
    /// as an unresolved reference written `surface`), with `role`.
    fn quote(doc: &str, name: &str, surface: Option<&str>, role: Option<&str>) -> Mention {
        let (speaker, resolved) = match surface {
            Some(_) => (None, false),
            None => (Some(name), true),
        };
        let key = speaker_key(speaker, surface, resolved).expect("a named speaker");
        Mention {
            doc: doc.into(),
            name: name_of(speaker, surface, resolved).expect("a named speaker"),
            tag: key.split_once('|').and_then(|(_, t)| t.chars().next()),
            quotes: 1,
            roles: role.map(|r| vec![(r.to_string(), 1)]).unwrap_or_default(),
            kind: None,
        }
    }

    fn names_and_counts(mentions: &[Mention]) -> Vec<(String, usize)> {
        join(mentions.iter().map(|m| ("", m)))
            .into_iter()
            .map(|s| (s.name, s.quotes))
            .collect()
    }

    #[test]
    fn speakers_merge_a_bare_surname_into_the_one_full_name_ending_with_it() {
        let mentions = [
            quote(
                "a.txt",
                "Peter Singer",
                None,
                Some("a fellow at New America"),
            ),
            quote("b.txt", "Singer", Some("Singer"), None),
            quote("b.txt", "Lind", Some("Lind"), None),
            quote(
                "c.txt",
                "Brad Smith",
                None,
                Some("the president of Microsoft"),
            ),
        ];
        let got: Vec<_> = join(mentions.iter().map(|m| ("", m)))
            .into_iter()
            .map(|s| (s.name, s.role, s.quotes, s.documents, s.ambiguous))
            .collect();
        let s = |v: &str| v.to_string();
        assert_eq!(
            got,
            [
                (
                    s("Peter Singer"),
                    Some(s("a fellow at New America")),
                    2,
                    vec![s("a.txt"), s("b.txt")],
                    false
                ),
                (
                    s("Brad Smith"),
                    Some(s("the president of Microsoft")),
                    1,
                    vec![s("c.txt")],
                    false
                ),
                (s("Lind"), None, 1, vec![s("b.txt")], false),
            ]
        );
    }

    #[test]
    fn speakers_are_one_whatever_the_middle_initials_accents_and_case() {
        let mentions = [
            quote("a.txt", "Laura E. Lind", None, None),
            quote("b.txt", "Laura Lind", None, None),
            quote("c.txt", "Lind", Some("Ms. Lind"), None),
            quote("d.txt", "José Méndez", None, None),
            quote("e.txt", "Mendez", Some("Mendez"), None),
            quote("f.txt", "JOSE MENDEZ", None, None),
        ];
        assert_eq!(
            names_and_counts(&mentions),
            [
                ("José Méndez".to_string(), 3),
                ("Laura E. Lind".to_string(), 3)
            ]
        );
        let table = Table {
            speakers: join(mentions.iter().map(|m| ("", m))),
            ..Table::default()
        };
        for name in ["Laura Lind", "laura e. lind", "LIND"] {
            assert_eq!(
                table.find(name).map(|s| s.name.as_str()),
                Some("Laura E. Lind")
            );
        }
    }

    #[test]
    fn speakers_keep_two_initialled_names_apart() {
        let mentions = [
            quote("a.txt", "George W. Bush", None, None),
            quote("b.txt", "George H. W. Bush", None, None),
            quote("c.txt", "George Bush", None, None),
        ];
        let got: Vec<(String, bool)> = join(mentions.iter().map(|m| ("", m)))
            .into_iter()
            .map(|s| (s.name, s.ambiguous))
            .collect();
        assert_eq!(
            got,
            [
                ("George Bush".to_string(), true),
                ("George H. W. Bush".to_string(), false),
                ("George W. Bush".to_string(), false),
            ]
        );
    }

    #[test]
    fn speakers_join_a_bare_name_only_to_a_full_name_of_its_gender() {
        let mentions = [
            quote("a.txt", "Peter Singer", None, None),
            quote("b.txt", "Singer", Some("Ms. Singer"), None),
            quote("c.txt", "Singer", Some("Mr. Singer"), None),
        ];
        assert_eq!(
            names_and_counts(&mentions),
            [("Peter Singer".to_string(), 2), ("Singer".to_string(), 1)]
        );
    }

    #[test]
    fn speakers_join_a_surname_with_particles_but_not_a_particle_given_name() {
        let mentions = [
            quote("a.txt", "Ursula von der Leyen", None, None),
            quote("b.txt", "von der Leyen", Some("von der Leyen"), None),
            quote("c.txt", "Al Gore", None, None),
            quote("d.txt", "Tipper Gore", None, None),
        ];
        assert_eq!(
            names_and_counts(&mentions),
            [
                ("Ursula von der Leyen".to_string(), 2),
                ("Al Gore".to_string(), 1),
                ("Tipper Gore".to_string(), 1),
            ]
        );
    }

    #[test]
    fn speakers_never_join_a_surname_to_two_people_quoted_together() {
        let mentions = [
            quote("a.txt", "Peter Olsen and Anna Berg", None, None),
            quote("b.txt", "Berg", Some("Berg"), None),
        ];
        let speakers = join(mentions.iter().map(|m| ("", m)));
        let got: Vec<(&str, SpeakerType)> =
            speakers.iter().map(|s| (s.name.as_str(), s.kind)).collect();
        assert_eq!(
            got,
            [
                ("Berg", SpeakerType::Person),
                ("Peter Olsen and Anna Berg", SpeakerType::Group)
            ]
        );
    }

    #[test]
    fn speakers_keep_a_surname_shared_by_two_full_names_apart_and_ambiguous() {
        let mentions = [
            quote("a.txt", "Hugo Lind", None, None),
            quote("b.txt", "Anna Lind", None, None),
            quote("c.txt", "Lind", Some("Lind"), None),
        ];
        let got: Vec<(String, bool)> = join(mentions.iter().map(|m| ("", m)))
            .into_iter()
            .map(|s| (s.name, s.ambiguous))
            .collect();
        assert_eq!(
            got,
            [
                ("Anna Lind".to_string(), false),
                ("Hugo Lind".to_string(), false),
                ("Lind".to_string(), true)
            ]
        );
    }

    #[test]
    fn speakers_take_the_most_frequent_role_and_the_first_of_a_tie() {
        let mentions = [
            quote("a.txt", "Brad Smith", None, Some("a lawyer")),
            quote("b.txt", "Brad Smith", None, Some("the president")),
            quote("c.txt", "Brad Smith", None, Some("the president")),
            quote("d.txt", "Nora Blake", None, Some("a chair")),
            quote("e.txt", "Nora Blake", None, Some("a founder")),
        ];
        let roles: Vec<Option<String>> = join(mentions.iter().map(|m| ("", m)))
            .into_iter()
            .map(|s| s.role)
            .collect();
        assert_eq!(
            roles,
            [
                Some("the president".to_string()),
                Some("a chair".to_string())
            ]
        );
    }
}
