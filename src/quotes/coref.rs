//! From the subject at an attribution to the speaker: full names, bare
//! surnames and pronouns resolved against the people the document names,
//! descriptions ("the senator") tied to the one person with that role, and
//! the person named inside a description.

use super::*;

impl Attributor<'_, '_> {
    /// Resolves an attribution to speaker fields.
    pub(super) fn speaker_for(&mut self, span: &Span, a: &Attribution) -> Speaker {
        let doc = self.doc;
        let role = a
            .role
            .or(a.title)
            .map(|(x, y)| names::role_text(&self.slice(x, y)).to_string());
        let quote_pos = doc.toks[span.open].start;
        match a.subject {
            Subject::Name(p) => {
                let surface = Some(self.slice(p.surface_first, p.end));
                let (speaker, person, resolved) = self.named(&p, quote_pos);
                let mut role = role;
                // "said Sen. Hale of Ohio": the place after the name
                // completes the title before it (the registry does the same
                // for the people it knows).
                if a.role.is_none() {
                    role = names::with_place_after(doc, role, &p);
                }
                if let Some(id) = person {
                    let known = &mut self.reg.persons[id];
                    known.gender = known.gender.or(p.gender);
                    // A role given at a name sticks to the person; an
                    // appositive beats a title.
                    if known.role.is_none() {
                        known.role.clone_from(&role);
                    }
                    if a.role.is_none() && known.role.is_some() {
                        role.clone_from(&known.role);
                    }
                }
                let kind = self.name_type(&p, person, resolved);
                Speaker {
                    speaker,
                    surface,
                    role,
                    resolved,
                    person,
                    kind,
                }
            }
            // Credited to both as one speaker, so that either name finds
            // it and neither is credited alone with words said jointly.
            Subject::Joint(p, q) => {
                let (first, _, first_resolved) = self.named(&p, quote_pos);
                let (second, _, second_resolved) = self.named(&q, quote_pos);
                let speaker = match (first, second) {
                    (Some(first), Some(second)) => Some(format!("{first} and {second}")),
                    _ => None,
                };
                Speaker {
                    speaker,
                    surface: Some(self.slice(p.surface_first, q.end)),
                    role,
                    resolved: first_resolved && second_resolved,
                    person: None,
                    kind: SpeakerType::Group,
                }
            }
            Subject::Pronoun(k) => self.resolve_pronoun(k, span),
            // "Secretary of State John F. Kerry", "the Rev. Peter Wherry":
            // the person is the speaker, the rest the role.
            Subject::Nominal(x, y) if self.name_ending(x, y).is_some() => {
                let (p, r) = self.name_ending(x, y).expect("just matched");
                let title = (x..r)
                    .any(|k| {
                        let w = doc.word(k);
                        !w.is_empty()
                            && !lexicon::is_determiner(w)
                            && lexicon::honorific(w).is_none()
                    })
                    .then_some((x, r));
                let named = Attribution {
                    subject: Subject::Name(p),
                    title,
                    ..*a
                };
                self.speaker_for(span, &named)
            }
            Subject::Nominal(x, y) => self
                .resolve_description(x, y, span)
                .or_else(|| self.named_organisation(x, y))
                .or_else(|| self.resolve_organisation(x, y, span))
                .unwrap_or_else(|| Speaker {
                    speaker: None,
                    surface: None,
                    role: Some(self.slice(x, y)),
                    resolved: true,
                    person: None,
                    kind: self.description_type(x, y),
                }),
        }
    }

    /// What the name at an attribution is: a person when it stands for
    /// one the document names, or is a full name or a surname; a document
    /// or an organisation by its words ("the Mueller Report", "Defense
    /// Ministry", "The Hill"); a lone word by how the document uses it
    /// elsewhere ("President Obama", "a researcher at Microsoft").
    fn name_type(&self, p: &ParsedName, person: Option<usize>, resolved: bool) -> SpeakerType {
        let doc = self.doc;
        if person.is_some() {
            return SpeakerType::Person;
        }
        let last = doc.word(p.end - 1);
        if lexicon::description_type(last) == Some(SpeakerType::Document) {
            return SpeakerType::Document;
        }
        let thing = (p.first..p.end).any(|k| {
            let w = doc.word(k);
            lexicon::is_stop_cap(w) || names::is_possessive(w) || lexicon::is_non_person(w)
        });
        if thing || lexicon::description_type(last) == Some(SpeakerType::Organisation) {
            return SpeakerType::Organisation;
        }
        if !p.is_single() {
            return if names::person_like(doc, p) && !self.reg.is_company(&names::canonical(doc, p))
            {
                SpeakerType::Person
            } else {
                SpeakerType::Organisation
            };
        }
        // A surname shared by several people, or with an honorific.
        if !resolved || p.marked || lexicon::given_name_gender(last).is_some() {
            return SpeakerType::Person;
        }
        self.reg
            .lone_name_type(last)
            .or_else(|| lexicon::is_country(last).then_some(SpeakerType::Organisation))
            .unwrap_or(SpeakerType::Unknown)
    }

    /// What a description names, by its head noun: the last word before
    /// any preposition that tells a type ("a spokesman for the ministry"
    /// is a person, "a Times article" a document).
    fn description_type(&self, x: usize, y: usize) -> SpeakerType {
        let doc = self.doc;
        let end = (x + 1..y)
            .find(|&k| lexicon::is_preposition(doc.word(k)))
            .unwrap_or(y);
        (x..end)
            .rev()
            .find_map(|k| lexicon::description_type(doc.word(k)))
            .unwrap_or(SpeakerType::Unknown)
    }

    /// "the Pentagon", "the State Department", "the Association of Flight
    /// Attendants": a description that is an article and the name of
    /// something is that thing, speaking, without the article; so is a
    /// name and the noun of a thing ("the IMF report", "the Russian
    /// government"). A title or a person's noun ("the Senator", "the
    /// Democrat", "the Labour official") describes a person.
    fn named_organisation(&self, x: usize, y: usize) -> Option<Speaker> {
        let doc = self.doc;
        let head = doc.word(y - 1);
        let head_type = lexicon::description_type(head);
        let thing_noun = !doc.is_cap(y - 1)
            && matches!(
                head_type,
                Some(SpeakerType::Document | SpeakerType::Organisation)
            );
        let name_end = if thing_noun { y - 1 } else { y };
        let name_words = x + 1..name_end;
        let joins = |k: usize| matches!(doc.word(k), "of" | "for" | "and" | "on");
        let named = doc.word(x).eq_ignore_ascii_case("the")
            && !name_words.is_empty()
            && doc.is_cap(x + 1)
            && doc.is_cap(name_end - 1)
            && name_words.clone().all(|k| doc.is_cap(k) || joins(k))
            && !name_words.clone().any(|k| lexicon::is_title(doc.word(k)))
            && head_type != Some(SpeakerType::Person);
        if !named {
            return None;
        }
        let kind = match head_type {
            Some(SpeakerType::Document) => SpeakerType::Document,
            _ => SpeakerType::Organisation,
        };
        Some(Speaker {
            speaker: Some(self.slice(x + 1, y)),
            surface: Some(self.slice(x, y)),
            role: None,
            resolved: true,
            person: None,
            kind,
        })
    }

    /// "the ministry said" after "the Defense Ministry": the one
    /// organisation named before the quotation in its paragraph (failing
    /// that, in the previous one, then anywhere before) whose name ends
    /// with the description's noun. A ministry named nowhere, or two of
    /// them, leave the speaker unnamed, so that `accord speakers` never
    /// joins the ministries of two documents under "the ministry".
    fn resolve_organisation(&self, x: usize, y: usize, span: &Span) -> Option<Speaker> {
        let doc = self.doc;
        let head = doc.word(y - 1);
        let short = (2..=3).contains(&(y - x))
            && doc.word(x).eq_ignore_ascii_case("the")
            && (x + 1..y).all(|k| doc.word(k).starts_with(char::is_lowercase));
        if !short || lexicon::description_type(head) != Some(SpeakerType::Organisation) {
            return None;
        }
        let para_start = |p: usize| doc.toks.get(doc.para_first_tok(p)).map_or(0, |t| t.start);
        let here = para_start(span.first_para);
        let mut name = self
            .reg
            .org_with_head(head, here, doc.toks[span.open].start)
            .ok()?;
        if name.is_none() && span.first_para > 0 {
            let previous = para_start(span.first_para - 1);
            name = self.reg.org_with_head(head, previous, here).ok()?;
            if name.is_none() {
                name = self.reg.org_with_head(head, 0, previous).ok()?;
            }
        }
        let name = name?;
        Some(Speaker {
            speaker: Some(name.to_string()),
            surface: Some(self.slice(x, y)),
            role: None,
            resolved: true,
            person: None,
            kind: SpeakerType::Organisation,
        })
    }

    /// The speaker of a transcript line labelled with tokens `[x, y)`
    /// ("PENCE", "SEN. LEE"): the person the document names in full with
    /// that surname, else the label in title case.
    pub(super) fn label_speaker(&self, x: usize, y: usize, span: &Span) -> Speaker {
        let doc = self.doc;
        let words: Vec<String> = (x..y)
            // "SEN. ROE" → "Roe"
            .map(|k| {
                let mut cs = doc.word(k).chars();
                cs.next().map_or_else(String::new, |c| {
                    c.to_uppercase()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect()
                })
            })
            .filter(|w| !w.is_empty() && lexicon::honorific(w).is_none() && !lexicon::is_title(w))
            .collect();
        let pos = doc.toks[span.open].start;
        let person = match words.as_slice() {
            [] => None,
            [one] => match self.reg.lookup_surname_any_case(one, pos) {
                Lookup::One(id) => Some(id),
                _ => None,
            },
            _ => self.reg.by_name(&words.join(" ")),
        };
        let speaker = person
            .map(|id| self.reg.persons[id].canonical.clone())
            .or_else(|| (!words.is_empty()).then(|| words.join(" ")));
        Speaker {
            speaker,
            surface: Some(self.slice(x, y)),
            role: person.and_then(|id| self.reg.persons[id].role.clone()),
            resolved: true,
            person,
            kind: SpeakerType::Person,
        }
    }

    /// A full name ending the description in tokens `[x, y)`, after words
    /// that are not part of it, and where it starts: from a known given
    /// name inside a capitalised run ("Secretary of State John F. Kerry"),
    /// else from the start of the run when a lowercase word or honorific
    /// precedes it ("the Rev. Peter Wherry").
    pub(super) fn name_ending(&self, x: usize, y: usize) -> Option<(ParsedName, usize)> {
        let doc = self.doc;
        if y <= x + 1 || !names::nameish(doc, y - 1) {
            return None;
        }
        let r = names::run_start(doc, y - 1, x);
        let start = (r..y - 1)
            .find(|&k| lexicon::given_name_gender(doc.word(k)).is_some())
            .or_else(|| (r > x && !lexicon::is_preposition(doc.word(r - 1))).then_some(r))?;
        let p = names::parse_name(doc, start, y)?;
        (names::person_like(doc, &p) && p.first > x).then_some((p, start))
    }

    /// The speaker a name at an attribution stands for: its full name and
    /// person, or a surname tied to the one person known by it; whether
    /// that was resolved.
    pub(super) fn named(
        &self,
        p: &ParsedName,
        quote_pos: usize,
    ) -> (Option<String>, Option<usize>, bool) {
        let doc = self.doc;
        if !p.is_single() {
            let name = names::canonical(doc, p);
            let id = self.reg.by_name(&name);
            return (Some(name), id, true);
        }
        let w = doc.word(p.first);
        match self.reg.lookup_surname(w, quote_pos) {
            Lookup::One(id) => (Some(self.reg.persons[id].canonical.clone()), Some(id), true),
            Lookup::Ambiguous => (None, None, false),
            Lookup::Unknown if p.marked => (None, None, false),
            // An organisation or a mononym.
            Lookup::Unknown => (Some(w.to_string()), None, true),
        }
    }

    /// "the senator", "the foreign minister": the one person named before
    /// the quotation in its paragraph (failing that, in the previous one,
    /// and then anywhere before) whose role or title has that last word ("Senator Maria Lowell", "Sen.
    /// Walter Hayes", "Liisa Kangur, the minister for digital affairs").
    /// Organisations ("the ministry") and longer descriptions ("the head of
    /// the agency") name nobody.
    pub(super) fn resolve_description(&self, x: usize, y: usize, span: &Span) -> Option<Speaker> {
        let doc = self.doc;
        let head = doc.word(y - 1);
        let short = (2..=3).contains(&(y - x)) && (x..y).all(|k| doc.is_word(k));
        if !short || !doc.word(x).eq_ignore_ascii_case("the") || lexicon::is_non_person(head) {
            return None;
        }
        let has_head = |role: &str| {
            role.split_whitespace().any(|w| {
                let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
                lexicon::title_in_full(w)
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .eq_ignore_ascii_case(head)
            })
        };
        // The one person with such a role named at bytes `from..to`; `Err`
        // when several are.
        let holder = |from: usize, to: usize| -> Result<Option<usize>, ()> {
            let mut found = None;
            for m in self.reg.mentions_in(from, to) {
                let person = &self.reg.persons[m.person];
                let titled = [&person.role, &person.title]
                    .into_iter()
                    .any(|t| t.as_deref().is_some_and(has_head));
                if self.in_attribution_role(m.pos) || !titled {
                    continue;
                }
                match found {
                    Some(id) if id != m.person => return Err(()),
                    _ => found = Some(m.person),
                }
            }
            Ok(found)
        };
        let para_start = |p: usize| doc.toks.get(doc.para_first_tok(p)).map_or(0, |t| t.start);
        let here = para_start(span.first_para);
        let quote_pos = doc.toks[span.open].start;
        let mut id = holder(here, quote_pos).ok()?;
        if id.is_none() && span.first_para > 0 {
            let previous = para_start(span.first_para - 1);
            id = holder(previous, here).ok()?;
            if id.is_none() {
                id = holder(0, previous).ok()?;
            }
        }
        let person = &self.reg.persons[id?];
        Some(Speaker {
            speaker: Some(person.canonical.clone()),
            surface: Some(self.slice(x, y)),
            role: person.role.clone(),
            resolved: true,
            person: id,
            kind: SpeakerType::Person,
        })
    }

    pub(super) fn in_attribution_role(&self, pos: usize) -> bool {
        self.reg.in_role(pos)
            || self
                .roles
                .iter()
                .rev()
                .take(8)
                .any(|&(a, b)| a <= pos && pos < b)
    }

    pub(super) fn in_clause(&self, pos: usize) -> bool {
        self.clauses
            .iter()
            .rev()
            .take(8)
            .any(|&(a, b)| a <= pos && pos < b)
    }

    /// "he"/"she": the one compatible person named in this or the previous
    /// paragraph, or else the last speaker; otherwise unresolved. Where
    /// several are named, the speaker just credited in this paragraph
    /// when nobody has been named since (`"…," Tremblay said. "…," she
    /// added`); after a surname several people share, nobody.
    pub(super) fn resolve_pronoun(&mut self, k: usize, span: &Span) -> Speaker {
        let doc = self.doc;
        let word = doc.word(k);
        // "he" and "she" are persons even when nobody is named; "it" and
        // "they" may be anything.
        let unresolved = Speaker {
            speaker: None,
            surface: Some(word.to_string()),
            role: None,
            resolved: false,
            person: None,
            kind: match lexicon::pronoun(word) {
                Some(Some(_)) => SpeakerType::Person,
                _ if word == "I" => SpeakerType::Person,
                _ => SpeakerType::Unknown,
            },
        };
        let Some(Some(gender)) = lexicon::pronoun(word) else {
            return unresolved;
        };
        let compatible = |g: Option<Gender>| g.is_none_or(|g| g == gender);
        let para = span.first_para;
        let para_start = |p: usize| doc.toks.get(doc.para_first_tok(p)).map_or(0, |t| t.start);
        let here = para_start(para);
        let quote_pos = doc.toks[span.open].start;
        let mut from = here;
        let mut to = quote_pos;
        let mut candidates = self.people_in(here, to, Some(gender));
        if candidates.is_empty() && para > 0 {
            (from, to) = (para_start(para - 1), here);
            candidates = self.people_in(from, to, Some(gender));
        }
        if self.reg.ambiguous_in(from, quote_pos) {
            return unresolved;
        }
        // When the others named were ruled out by gender, one whose gender
        // nothing tells is not thereby the speaker: "he" may be someone
        // unnamed.
        let given = |id: usize| self.reg.persons[id].given_gender;
        if let [id] = candidates[..] {
            let person = &self.reg.persons[id];
            if person.gender.is_none()
                && given(id) != Some(gender)
                && self.people_in(from, to, None).len() > 1
            {
                return unresolved;
            }
        }
        // Given names tell several apart when all of them have a known one.
        if candidates.len() > 1 && candidates.iter().all(|&id| given(id).is_some()) {
            candidates.retain(|&id| given(id) == Some(gender));
        }
        let last_named = self
            .reg
            .mentions_in(here, quote_pos)
            .last()
            .map(|m| m.person);
        let id = match (candidates.as_slice(), self.last_person) {
            ([id], _) => *id,
            (_, Some((id, _))) if !compatible(self.reg.persons[id].gender) => return unresolved,
            ([], Some((id, p))) if para <= p + 3 => id,
            (_, Some((id, p))) if p == para && last_named == Some(id) => id,
            _ => return unresolved,
        };
        let person = &mut self.reg.persons[id];
        person.gender.get_or_insert(gender);
        Speaker {
            speaker: Some(person.canonical.clone()),
            surface: Some(word.to_string()),
            role: person.role.clone(),
            resolved: true,
            person: Some(id),
            kind: SpeakerType::Person,
        }
    }

    /// Distinct people of a gender compatible with `gender` (any, for
    /// `None`) named at bytes `from..to`, outside appositive roles.
    pub(super) fn people_in(&self, from: usize, to: usize, gender: Option<Gender>) -> Vec<usize> {
        let mut people = Vec::new();
        for m in self.reg.mentions_in(from, to) {
            let g = self.reg.persons[m.person].gender;
            if !self.in_attribution_role(m.pos)
                && !people.contains(&m.person)
                && (g.is_none() || gender.is_none() || g == gender)
            {
                people.push(m.person);
            }
        }
        people
    }
}
