//! Person names: spotting capitalised name runs, splitting off honorifics
//! and titles, and the per-document registry of full names that short
//! references ("Lind", "Ms. Vance", "she") resolve against.

use std::collections::{HashMap, HashSet};

use super::lexicon::{self, Gender};
use super::tokens::{Doc, Kind};
use super::{Span, SpeakerType};

/// A name run split into its parts; token ranges are `[first, end)`.
#[derive(Debug, Clone, Copy)]
pub(super) struct ParsedName {
    /// First token of the name as written, an honorific included.
    pub(super) surface_first: usize,
    /// First token of the canonical name (honorifics and titles dropped).
    pub(super) first: usize,
    pub(super) end: usize,
    pub(super) gender: Option<Gender>,
    /// An honorific or title was present, so a lone word is a surname.
    pub(super) marked: bool,
    /// Title words before the name ("French President").
    pub(super) title: Option<(usize, usize)>,
}

impl ParsedName {
    pub(super) fn is_single(&self) -> bool {
        self.end - self.first == 1
    }
}

pub(super) fn is_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s")
}

/// Whether token `i` can be part of a person's name.
pub(super) fn nameish(doc: &Doc, i: usize) -> bool {
    let w = doc.word(i);
    if w.is_empty() || is_possessive(w) {
        return false;
    }
    if w.starts_with(char::is_uppercase) {
        return true;
    }
    // "al-Assad"
    if let Some((_, rest)) = w.split_once('-') {
        if rest.starts_with(char::is_uppercase) && !w.starts_with(char::is_numeric) {
            return true;
        }
    }
    // "Ana Gómez de la Vega": particles between capitalised words.
    let joins = |k: usize| doc.is_cap(k) || lexicon::is_particle(doc.word(k));
    lexicon::is_particle(w) && i > 0 && joins(i - 1) && joins(i + 1)
}

/// End (exclusive) of the name run starting at `i`, at most `limit`.
pub(super) fn run_end(doc: &Doc, i: usize, limit: usize) -> usize {
    let mut j = i;
    while j < limit && nameish(doc, j) {
        j += 1;
    }
    while j > i && lexicon::is_particle(doc.word(j - 1)) {
        j -= 1;
    }
    j
}

/// Start of the name run ending with token `e` (inclusive), not before `floor`.
pub(super) fn run_start(doc: &Doc, e: usize, floor: usize) -> usize {
    let mut k = e;
    while k > floor && nameish(doc, k - 1) {
        k -= 1;
    }
    while k < e && lexicon::is_particle(doc.word(k)) {
        k += 1;
    }
    k
}

/// Splits the run `[first, end)` into honorific, title and name; `None` when
/// no plausible name remains.
pub(super) fn parse_name(doc: &Doc, first: usize, end: usize) -> Option<ParsedName> {
    let mut a = first;
    while a < end && stop_cap_at(doc, a) {
        a += 1;
    }
    let mut p = ParsedName {
        surface_first: a,
        first: a,
        end,
        gender: None,
        marked: false,
        title: None,
    };
    for k in a..end {
        let w = doc.word(k);
        if let Some(g) = lexicon::honorific(w) {
            p.gender = g.or(p.gender);
            p.marked = true;
            p.surface_first = k;
            p.first = k + 1;
        } else if lexicon::is_title(w) && k + 1 < end && k + 1 - a <= 4 {
            p.title = Some((a, k + 1));
            p.marked = true;
            p.surface_first = k + 1;
            p.first = k + 1;
        }
    }
    // "Angela Whitcombe MP", "Caroline Ashworth KC": letters after a name
    // are not part of it.
    let mut end = end;
    while end > p.first + 1 && lexicon::is_post_nominal(doc.word(end - 1)) {
        end -= 1;
    }
    p.end = end;
    if p.first >= end {
        return None;
    }
    // "Member of Parliament Tomasz Wierzbicki": keep the person after the
    // institution when at least two words remain.
    // "New York Times", ending with a word of an organisation, is whole.
    let institution = (p.first..end - 1).rev().find(|&k| non_person_at(doc, k));
    if let Some(j) = institution.filter(|_| !non_person_at(doc, end - 1)) {
        if end - (j + 1) >= 2 {
            p.first = j + 1;
            p.surface_first = j + 1;
        }
    }
    let last = doc.word(end - 1);
    if end - p.first == 1 && non_person_at(doc, end - 1) {
        return None;
    }
    let mut chars = last.chars();
    let initial = chars.next().is_some() && chars.as_str() == ".";
    if initial || last.chars().count() < 2 {
        return None;
    }
    if (p.first..end).any(|k| stop_cap_at(doc, k)) {
        return None;
    }
    // "CONGRESS HAS INVESTIGATED HIM — Oz said …": words in capitals are
    // a subheading run in, not a name (transcript labels are read apart).
    let capitals = |w: &str| !w.chars().any(char::is_lowercase);
    if end - p.first >= 2
        && (p.first..end).all(|k| capitals(doc.word(k)))
        && (p.first..end).any(|k| doc.word(k).chars().count() >= 4)
    {
        return None;
    }
    // "Von der Leyen", "De Gaulle": a surname with its particles refers to
    // someone named in full, like a lone surname.
    let before_last: Vec<&str> = (p.first..end - 1).map(|k| doc.word(k)).collect();
    if lexicon::are_surname_particles(&before_last) {
        p.first = end - 1;
        p.marked = true;
    }
    Some(p)
}

/// End of "of Ashby", "of West Yorkshire" or "of the Coastal Trust" right
/// after a name ending at token `end`, if there is one.
pub(super) fn of_place_end(doc: &Doc, end: usize) -> Option<usize> {
    if doc.word(end) != "of" {
        return None;
    }
    let first = end + 1 + usize::from(doc.word(end + 1) == "the");
    doc.is_cap(first).then(|| run_end(doc, first, doc.len()))
}

/// A role completed by the place or body after the name `p`: "radio host"
/// and "of WXYZ" for "radio host Dan Crane of WXYZ"; the place alone when
/// there is no role. A peer's "of Ashby" is part of the title.
pub(super) fn with_place_after(doc: &Doc, role: Option<String>, p: &ParsedName) -> Option<String> {
    let peer = (p.surface_first.saturating_sub(1)..p.end).any(|k| lexicon::is_peerage(doc.word(k)));
    let Some(end) = of_place_end(doc, p.end).filter(|_| !peer) else {
        return role;
    };
    let place = words(doc, p.end, end);
    match role {
        Some(role) if role.contains(&place) => Some(role),
        Some(role) => Some(format!("{role} {place}")),
        None => Some(place),
    }
}

/// What a role's head noun says its holder is: the last word before any
/// preposition ("a spokesman for the ministry" is a spokesman, "the
/// nation's largest coal company" a company).
pub(super) fn role_head_type(role: &str) -> Option<SpeakerType> {
    role.split_whitespace()
        .take_while(|w| !lexicon::is_preposition(w))
        .last()
        .and_then(lexicon::description_type)
}

/// A role as shown: "NBC’s" before a name ("NBC’s Dante Chinni") is the
/// affiliation "NBC"; a comma the role was cut at is dropped.
pub(super) fn role_text(role: &str) -> &str {
    let role = role.trim_end_matches([',', ' ']);
    role.strip_suffix("’s")
        .or_else(|| role.strip_suffix("'s"))
        .unwrap_or(role)
}

/// The text of tokens `[x, y)` with its whitespace made single spaces.
pub(super) fn words(doc: &Doc, x: usize, y: usize) -> String {
    let text = &doc.text[doc.toks[x].start..doc.toks[y - 1].end];
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether token `k` is a capitalised word that is no name here.
fn stop_cap_at(doc: &Doc, k: usize) -> bool {
    lexicon::is_stop_cap(doc.word(k)) && !month_as_name(doc, k)
}

/// Whether token `k` marks an organisation, place or date, not a person.
fn non_person_at(doc: &Doc, k: usize) -> bool {
    lexicon::is_non_person(doc.word(k)) && !month_as_name(doc, k)
}

/// Whether token `k` is a month that is also a name ("Theresa May", "April
/// Ryan", "said May"): it is a month only as a date, after "in", "on",
/// "since" …, or before a number.
fn month_as_name(doc: &Doc, k: usize) -> bool {
    if !lexicon::is_name_month(doc.word(k)) {
        return false;
    }
    let before = k.checked_sub(1).map_or("", |j| doc.word(j));
    let dated = lexicon::is_date_lead(&before.to_ascii_lowercase())
        || doc.word(k + 1).starts_with(|c: char| c.is_ascii_digit());
    !dated
}

/// The canonical form of a parsed name: its words joined by single spaces.
pub(super) fn canonical(doc: &Doc, p: &ParsedName) -> String {
    let mut s = String::new();
    for k in p.first..p.end {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(doc.word(k));
    }
    s
}

/// The keys a short reference is matched on: every word after the first
/// that is not an initial, particle or suffix, so both "Castañeda" and
/// "Ruiz" find "Elena Castañeda Ruiz".
fn surnames<'a, 'd>(doc: &'d Doc<'a>, p: &ParsedName) -> impl Iterator<Item = &'a str> + 'd {
    (p.first + 1..p.end)
        .map(|k| doc.word(k))
        .filter(|w| !lexicon::is_suffix(w) && !lexicon::is_particle(w) && !w.ends_with('.'))
}

/// Whether a multi-word name looks like a person, not an organisation,
/// place, date or all-caps acronym run.
pub(super) fn person_like(doc: &Doc, p: &ParsedName) -> bool {
    let words = p.first..p.end;
    if words.len() < 2 || words.len() > 5 {
        return false;
    }
    let mut all_caps = true;
    for k in words {
        let w = doc.word(k);
        if non_person_at(doc, k) || w.len() > 24 {
            return false;
        }
        all_caps &= !w.chars().any(char::is_lowercase);
    }
    !all_caps
}

#[derive(Debug)]
pub(super) struct Person {
    pub(super) canonical: String,
    /// Byte offset of the first mention.
    first_pos: usize,
    pub(super) role: Option<String>,
    /// Title words before the name ("Senator"), kept even when an
    /// appositive gives the role, for "the senator said".
    pub(super) title: Option<String>,
    /// Gender as an honorific or a pronoun gave it.
    pub(super) gender: Option<Gender>,
    /// Gender as the given name suggests it: weaker, it only tells apart
    /// people who all have one ("Marie Tremblay and Daniel Osei").
    pub(super) given_gender: Option<Gender>,
}

/// A person mentioned outside quotations, at byte `pos`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub(super) pos: usize,
    pub(super) person: usize,
}

/// Result of matching a short reference against the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lookup {
    One(usize),
    Ambiguous,
    Unknown,
}

/// Full names met in a document, their mentions and roles.
#[derive(Debug, Default)]
pub(super) struct Registry<'a> {
    pub(super) persons: Vec<Person>,
    by_canonical: HashMap<String, usize>,
    by_surname: HashMap<String, Vec<usize>>,
    /// Mentions in document order.
    pub(super) mentions: Vec<Mention>,
    /// Byte offsets of bare surnames that several people share, in
    /// document order: after one, a pronoun could mean either.
    ambiguous: Vec<usize>,
    /// Byte ranges of appositive roles, in document order; names inside
    /// them are not candidates for a pronoun.
    pub(super) roles: Vec<(usize, usize)>,
    /// Capitalised words seen mid-sentence, i.e. proper nouns.
    mid_caps: HashSet<&'a str>,
    /// Lone names met with an honorific or title ("President Obama"):
    /// persons, though no full name is given.
    titled: HashSet<&'a str>,
    /// Lone names met as someone's employer ("a researcher at Microsoft",
    /// "the president of Rivet"): organisations.
    employers: HashSet<&'a str>,
    /// Organisations named in two or more words ("the Defense Ministry"),
    /// by their last word lower-cased, each with the byte offset of its
    /// first mention, for "the ministry said".
    orgs: HashMap<String, Vec<(usize, String)>>,
    /// Names of two or more words that an appositive says are an
    /// organisation's ("Peabody Energy, the nation's largest coal
    /// company"), by canonical name.
    companies: HashSet<String>,
}

impl<'a> Registry<'a> {
    /// One pass over the tokens outside quotations.
    pub(super) fn build(doc: &Doc<'a>, spans: &[Span]) -> Self {
        let mut reg = Registry::default();
        let mut s = 0;
        let mut i = 0;
        while i < doc.len() {
            if let Some(span) = spans.get(s) {
                if i >= span.open {
                    i = span.close + 1;
                    s += 1;
                    continue;
                }
            }
            if !nameish(doc, i) || lexicon::is_particle(doc.word(i)) {
                i += 1;
                continue;
            }
            let end = run_end(doc, i, doc.len());
            if !doc.sentence_initial(i) {
                for k in i..end {
                    reg.mid_caps.insert(doc.word(k));
                }
            }
            // "Mayor Tom Reed Fights Back": in a headline or subheading
            // every word is capitalised, so no run there is known to be a
            // name alone.
            if doc.headline_case(doc.para_of(i)) {
                i = end.max(i + 1);
                continue;
            }
            reg.note_org(doc, i, end);
            if let Some(p) = parse_name(doc, i, end) {
                let pos = doc.toks[p.first].start;
                // "Lord Pemberton of Ashby, the health minister": a place
                // after the name belongs to it.
                let end = of_place_end(doc, end).unwrap_or(end);
                let after = if doc.is_punct(end, ',') {
                    appositive_role(doc, end + 1, doc.len(), true)
                } else {
                    None
                };
                // "Peabody Energy, the nation's largest coal company" is a
                // company: no person, so no "he" is taken for it.
                let company = after.is_some_and(|(x, y)| {
                    role_head_type(&words(doc, x, y)) == Some(SpeakerType::Organisation)
                });
                if company && !p.is_single() {
                    reg.companies.insert(canonical(doc, &p));
                } else if person_like(doc, &p) && !reg.is_company(&canonical(doc, &p)) {
                    let id = reg.add_person(doc, &p, pos);
                    reg.mentions.push(Mention { pos, person: id });
                    if let Some((x, y)) = after {
                        reg.roles.push((doc.toks[x].start, doc.toks[y - 1].end));
                    }
                    let role = after
                        .or(p.title)
                        .or_else(|| {
                            descriptor_before(
                                doc,
                                p.surface_first,
                                doc.sentence_start(p.surface_first),
                            )
                        })
                        .or_else(|| role_before_comma(doc, i).filter(|_| doc.is_punct(end, ',')));
                    if let Some((x, y)) = p.title {
                        let person = &mut reg.persons[id];
                        person.title.get_or_insert_with(|| {
                            doc.text[doc.toks[x].start..doc.toks[y - 1].end].to_string()
                        });
                    }
                    let mut role = role.map(|(x, y)| role_text(&words(doc, x, y)).to_string());
                    if after.is_none() {
                        role = with_place_after(doc, role, &p);
                    }
                    if let Some(role) = role {
                        reg.persons[id].role.get_or_insert(role);
                    }
                } else if p.is_single() {
                    let word = doc.word(p.first);
                    if p.marked {
                        reg.titled.insert(word);
                    } else if employer_at(doc, p.first) {
                        reg.employers.insert(word);
                    }
                    match reg.lookup_surname(word, pos) {
                        Lookup::One(id) => {
                            reg.mentions.push(Mention { pos, person: id });
                            let person = &mut reg.persons[id];
                            person.gender = person.gender.or(p.gender);
                        }
                        Lookup::Ambiguous => reg.ambiguous.push(pos),
                        Lookup::Unknown => {}
                    }
                }
            }
            i = end.max(i + 1);
        }
        reg
    }

    /// Records the run `[first, end)` as an organisation when it is two or
    /// more words ending with an organisation's noun ("Defense Ministry",
    /// "the Chicago Police Department"), without a leading article.
    fn note_org(&mut self, doc: &Doc, first: usize, end: usize) {
        let first = (first..end)
            .find(|&k| !lexicon::is_stop_cap(doc.word(k)))
            .unwrap_or(end);
        let last = doc.word(end.saturating_sub(1));
        if end < first + 2 || lexicon::description_type(last) != Some(SpeakerType::Organisation) {
            return;
        }
        let name = (first..end)
            .map(|k| doc.word(k))
            .collect::<Vec<_>>()
            .join(" ");
        let named = self.orgs.entry(last.to_lowercase()).or_default();
        if !named.iter().any(|(_, n)| *n == name) {
            named.push((doc.toks[first].start, name));
        }
    }

    /// The one organisation first named at bytes `from..to` in two or
    /// more words ending with `head` ("Defense Ministry" for "the
    /// ministry"); `Err` when several are.
    pub(super) fn org_with_head(
        &self,
        head: &str,
        from: usize,
        to: usize,
    ) -> Result<Option<&str>, ()> {
        let Some(named) = self.orgs.get(&head.to_lowercase()) else {
            return Ok(None);
        };
        let mut found = named.iter().filter(|(at, _)| (from..to).contains(at));
        match (found.next(), found.next()) {
            (Some((_, name)), None) => Ok(Some(name)),
            (None, _) => Ok(None),
            _ => Err(()),
        }
    }

    /// What a lone name that matches no full name is, by how the document
    /// uses it elsewhere: a person when it was given an honorific or a
    /// title, an organisation when it was someone's employer.
    /// Whether the appositive at some mention of `name` (a canonical name)
    /// says it is an organisation.
    pub(super) fn is_company(&self, name: &str) -> bool {
        self.companies.contains(name)
    }

    pub(super) fn lone_name_type(&self, word: &str) -> Option<SpeakerType> {
        if self.titled.contains(word) {
            Some(SpeakerType::Person)
        } else if self.employers.contains(word) {
            Some(SpeakerType::Organisation)
        } else {
            None
        }
    }

    fn add_person(&mut self, doc: &Doc, p: &ParsedName, pos: usize) -> usize {
        let name = canonical(doc, p);
        // "Loretta E. Lynch" and "Loretta Lynch" are one person: middle
        // initials do not make another.
        let plain = plain_name(&name);
        if let Some(&id) = plain.as_ref().and_then(|n| self.by_canonical.get(n)) {
            self.by_canonical.insert(name.clone(), id);
        }
        if let Some(&id) = self.by_canonical.get(&name) {
            let person = &mut self.persons[id];
            person.gender = person.gender.or(p.gender);
            return id;
        }
        let id = self.persons.len();
        let given = (p.surface_first < p.first
            && lexicon::takes_given_name(doc.word(p.surface_first)))
        .then(|| doc.word(p.first));
        for key in surnames(doc, p).chain(given) {
            let ids = self.by_surname.entry(key.to_string()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        self.by_canonical.insert(name.clone(), id);
        if let Some(plain) = plain {
            self.by_canonical.entry(plain).or_insert(id);
        }
        self.persons.push(Person {
            canonical: name,
            first_pos: pos,
            role: None,
            title: None,
            gender: p.gender,
            given_gender: lexicon::given_name_gender(doc.word(p.first)),
        });
        id
    }

    pub(super) fn by_name(&self, canonical: &str) -> Option<usize> {
        self.by_canonical.get(canonical).copied()
    }

    /// Matches a surname against full names introduced before byte `pos`;
    /// failing that, against names introduced anywhere in the document.
    pub(super) fn lookup_surname(&self, word: &str, pos: usize) -> Lookup {
        let Some(ids) = self.by_surname.get(word) else {
            return Lookup::Unknown;
        };
        let earlier = ids
            .iter()
            .filter(|&&id| self.persons[id].first_pos < pos)
            .count();
        let count = if earlier > 0 { earlier } else { ids.len() };
        match count {
            0 => Lookup::Unknown,
            1 => Lookup::One(
                *ids.iter()
                    .find(|&&id| earlier == 0 || self.persons[id].first_pos < pos)
                    .expect("count is 1, so one id matched"),
            ),
            _ => Lookup::Ambiguous,
        }
    }

    /// `lookup_surname` for a word in any case: "PENCE" finds Mike Pence.
    pub(super) fn lookup_surname_any_case(&self, word: &str, pos: usize) -> Lookup {
        self.by_surname
            .keys()
            .find(|k| k.eq_ignore_ascii_case(word))
            .map_or(Lookup::Unknown, |k| self.lookup_surname(k, pos))
    }

    /// Whether a word is the surname of someone named in full.
    pub(super) fn is_surname(&self, word: &str) -> bool {
        self.by_surname.contains_key(word)
    }

    /// Whether a lone capitalised word is known as a proper noun.
    pub(super) fn is_proper(&self, word: &str) -> bool {
        self.mid_caps.contains(word) || self.by_surname.contains_key(word)
    }

    /// Mentions at byte offsets in `from..to`.
    pub(super) fn mentions_in(&self, from: usize, to: usize) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.pos < from);
        let b = self.mentions.partition_point(|m| m.pos < to);
        &self.mentions[a..b.max(a)]
    }

    /// Whether a surname several people share is mentioned at bytes
    /// `from..to`.
    pub(super) fn ambiguous_in(&self, from: usize, to: usize) -> bool {
        let k = self.ambiguous.partition_point(|&pos| pos < from);
        self.ambiguous.get(k).is_some_and(|&pos| pos < to)
    }

    /// Whether byte `pos` lies inside an appositive role.
    pub(super) fn in_role(&self, pos: usize) -> bool {
        let k = self.roles.partition_point(|r| r.0 <= pos);
        k > 0 && pos < self.roles[k - 1].1
    }
}

/// Whether the lone name at token `k` is written as someone's employer:
/// "a researcher at Microsoft", "the president of Rivet".
fn employer_at(doc: &Doc, k: usize) -> bool {
    let before = |n: usize| k.checked_sub(n).map_or("", |j| doc.word(j));
    before(1) == "at" || (before(1) == "of" && lexicon::is_title(before(2)))
}

/// A name without its middle initials, "Loretta E. Lynch" → "Loretta
/// Lynch"; `None` when it has none.
fn plain_name(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let initial = |w: &&str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.as_str() == "."
    };
    if words.len() < 3 || !words[1..words.len() - 1].iter().all(initial) {
        return None;
    }
    Some(format!("{} {}", words[0], words[words.len() - 1]))
}

/// Title words before a name run starting at `r`, not before `floor`:
/// "Microsoft president", "the company’s chief executive".
pub(super) fn descriptor_before(doc: &Doc, r: usize, floor: usize) -> Option<(usize, usize)> {
    if r <= floor {
        return None;
    }
    let w = doc.word(r - 1);
    if !(lexicon::is_title(w) || is_possessive(w)) {
        return None;
    }
    let mut s = r - 1;
    while s > floor {
        let pw = doc.word(s - 1);
        if lexicon::is_determiner(pw) {
            s -= 1;
            break;
        }
        let modifier = lexicon::is_title(pw)
            || is_possessive(pw)
            || (nameish(doc, s - 1) && !lexicon::is_stop_cap(pw))
            || (pw.starts_with(char::is_lowercase)
                && s - 1 > floor
                && doc.is_word(s - 2)
                && s + 2 >= r);
        if !modifier {
            break;
        }
        s -= 1;
    }
    Some((s, r))
}

/// "The company's security chief, Ben Adeyemi, said": the phrase led by a
/// determiner or a possessive before the comma that precedes the name run
/// at `r`.
fn role_before_comma(doc: &Doc, r: usize) -> Option<(usize, usize)> {
    if r < 2 || !doc.is_punct(r - 1, ',') {
        return None;
    }
    let start = doc.sentence_start(r - 1);
    let b = (start..r - 1)
        .rev()
        .find(|&k| !doc.is_word(k))
        .map_or(start, |k| k + 1);
    // "the company's security chief, Ben Adeyemi" or, led by a
    // possessive, "Canada's chief electoral officer, Stéphane Perrault".
    let led_well = lexicon::is_determiner(doc.word(b))
        || (is_possessive(doc.word(b))
            && r - 1 > b + 1
            && (b + 1..r - 1).all(|k| doc.word(k).starts_with(char::is_lowercase)));
    (b < r - 1 && led_well && r - 1 - b <= 8).then_some((b, r - 1))
}

/// Token range `[first, end)` of the appositive role starting at token `i`
/// ("the president of Microsoft"), cut at a comma, sentence end, relative
/// clause ("who was named …") or `limit`, at most `MAX_ROLE_TOKENS` long.
/// `strict` demands a determiner first: outside attributions a comma after
/// a name more often starts a list.
pub(super) fn appositive_role(
    doc: &Doc,
    i: usize,
    limit: usize,
    strict: bool,
) -> Option<(usize, usize)> {
    let first = doc.word(i);
    if first.is_empty() || i >= limit {
        return None;
    }
    let mut end = i;
    while end < limit
        && end - i < MAX_ROLE_TOKENS
        && !ends_role(doc.toks[end].kind)
        && !lexicon::is_relative(doc.word(end))
    {
        end += 1;
    }
    if end == i {
        return None;
    }
    let has_word = (i..end).any(|k| doc.word(k).chars().filter(|c| c.is_alphabetic()).count() >= 3);
    // A role is a noun phrase about the person, never a clause: "Hillary
    // Clinton, this reeks of … that I have ever seen", "Rush Limbaugh, the
    // move reeks of “fear”" (cut at the quotation, so ending in "of").
    // "… the Center of Media Justice and “…”": the role ends before the
    // conjunction.
    while end > i + 1 && matches!(doc.word(end - 1), "and" | "or") {
        end -= 1;
    }
    let last = doc.word(end - 1);
    let clause = matches!(first, "this" | "that" | "these" | "those")
        || lexicon::is_preposition(last)
        || lexicon::is_determiner(last)
        || (i..end).any(|k| matches!(doc.word(k), "I" | "we" | "you" | "he" | "she" | "they"));
    if clause {
        return None;
    }
    let starts_well = if lexicon::is_determiner(first) {
        true
    } else if strict {
        false
    } else if first.starts_with(char::is_uppercase) {
        (i..end).any(|k| lexicon::is_title(doc.word(k)) || is_possessive(doc.word(k)))
    } else {
        first.starts_with(char::is_alphabetic)
            && !lexicon::is_role_stop(first)
            && !first.ends_with("ing")
            && lexicon::cue(first) == lexicon::Cue::No
    };
    (has_word && starts_well).then_some((i, end))
}

/// Longest appositive role, in tokens.
pub(super) const MAX_ROLE_TOKENS: usize = 30;

/// Whether `kind` can end a role.
fn ends_role(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Para
            | Kind::Mark(_)
            | Kind::Punct(
                ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '[' | ']' | '\u{2014}' | '\u{2013}'
            )
    )
}
