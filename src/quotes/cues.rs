//! The attribution next to a quotation: a cue after it (`“…,” Smith said`)
//! or before it in its sentence (`Smith said: “…”`, partial quotes), set
//! phrases (`as Lind put it`), and the subject phrase of the cue (a name,
//! a pronoun, or a description).

use super::*;

impl Attributor<'_, '_> {
    pub(super) fn attribute(&self, span: &Span) -> Option<Attribution> {
        let doc = self.doc;
        // Names of things inside a sentence ("the “Lyon Charter for …”").
        if title_like(&span.text) && span.open > 0 && doc.is_word(span.open - 1) {
            return None;
        }
        self.after(span).or_else(|| self.before(span))
    }

    /// The speaker label opening a transcript line, tokens `[first, colon)`:
    /// "PENCE: Well, …" in a paragraph of its own, or right after the
    /// opening mark of a paragraph ("“WALLACE: Let’s start …").
    pub(super) fn label(&self, span: &Span) -> Option<(usize, usize)> {
        let doc = self.doc;
        let para_first = doc.para_first_tok(span.first_para);
        let first = if doc.toks[span.open].kind == Kind::Mark(tokens::LINE_OPEN) {
            para_first
        } else if span.open == para_first {
            span.open + 1
        } else {
            return None;
        };
        let colon = tokens::label_at(&doc.toks, doc.text, first)?;
        Some((first, colon))
    }

    /// Attribution in the clause right after the closing mark.
    pub(super) fn after(&self, span: &Span) -> Option<Attribution> {
        let doc = self.doc;
        let mut i = span.close + 1;
        if doc.is_punct(i, ',') {
            i += 1;
        }
        // "the plan was “dead on arrival,” Smith said": words of the
        // sentence come before the quotation.
        let partial = span.open > 0 && doc.is_word(span.open - 1);
        self.after_at(span, i, partial).or_else(|| {
            // "“I have admiration for the mechanics” of the proposals, Mr.
            // Holtz-Eakin said.": the sentence runs on past the quotation
            // to its attribution, so the quotation is a fragment of it.
            let end = doc.clause_end(i);
            let comma = (i..end)
                .take_while(|&k| doc.is_word(k) || doc.is_punct(k, ','))
                .find(|&k| doc.is_punct(k, ','))?;
            (comma > i && doc.is_word(i) && !doc.is_cap(i))
                .then(|| self.after_at(span, comma + 1, true))
                .flatten()
        })
    }

    /// Attribution in the clause starting at token `i`, after a quotation.
    pub(super) fn after_at(&self, span: &Span, i: usize, partial: bool) -> Option<Attribution> {
        let doc = self.doc;
        let end = doc.clause_end(i);
        if i >= end {
            return None;
        }
        let clause = (doc.toks[span.close].end, doc.toks[end - 1].end);
        let attribution = |subject, title, role| Attribution {
            subject,
            role,
            title,
            clause,
            partial,
        };
        // "“I'm still undecided.” ― Ana Ruiz, 34, a nurse": a byline after a
        // dash, for a quotation opening its paragraph.
        let dash = matches!(doc.toks[i].kind, Kind::Punct('\u{2015}' | '\u{2014}'));
        let opens_para = span.open == 0 || doc.toks[span.open - 1].kind == Kind::Para;
        if dash && opens_para && names::nameish(doc, i + 1) {
            let e = names::run_end(doc, i + 1, end);
            let p = names::parse_name(doc, i + 1, e)?;
            let closes = e >= end || doc.is_punct(e, ',') || doc.toks[e].kind == Kind::Para;
            return (!p.is_single() && closes)
                .then(|| attribution(Subject::Name(p), p.title, self.role_after(e, end)));
        }
        // "“…,” according to Lind"
        if lower_is(doc.word(i), "according") && doc.word(i + 1) == "to" {
            let (subject, title, next) = self.subject_after(i + 2, end)?;
            let role = self.role_after(next, end);
            return Some(attribution(subject, title, role));
        }
        // "“…,” as Lind put it."
        if lower_is(doc.word(i), "as") {
            let put = (i + 2..end).find(|&k| doc.word(k) == "put" && doc.word(k + 1) == "it");
            if let Some(put) = put.filter(|&k| k + 2 == end) {
                let (subject, title, next) = self.subject_after(i + 1, put)?;
                return (next == put).then(|| attribution(subject, title, None));
            }
        }
        // "“…,” says Nora Blake, the president of Microsoft"
        let mut j = i;
        while j < end && lexicon::is_adverb(doc.word(j)) {
            j += 1;
        }
        if self.cue_at(j) == Cue::Finite {
            let (subject, title, next) = self.subject_after(j + 1, end)?;
            // "said the report's lead author, Johanna Pfeiffer"
            if let Subject::Nominal(x, y) = subject {
                if let Some((p, e)) = self.name_after_comma(next, end) {
                    let role = self.role_after(e, end).or(Some((x, y)));
                    return Some(attribution(Subject::Name(p), None, role));
                }
            }
            let role = self.role_after(next, end);
            return Some(attribution(subject, title, role));
        }
        // "“…,” Smith said" / "“…,” Hugo Lind, a fellow at X, told Bulletin"
        let mut k = i;
        while k < end && doc.is_word(k) && k - i < 12 && self.cue_at(k) != Cue::Finite {
            k += 1;
        }
        let (verb, subject_end, role) = if self.cue_at(k) == Cue::Finite {
            (k, k, None)
        } else if doc.is_punct(k, ',') && k > i {
            let (comma, verb) = (k + 1..end.min(k + 1 + names::MAX_ROLE_TOKENS))
                .filter(|&m| doc.is_punct(m, ','))
                .find_map(|m| {
                    let mut v = m + 1;
                    while v < end && lexicon::is_adverb(doc.word(v)) {
                        v += 1;
                    }
                    (self.cue_at(v) == Cue::Finite).then_some((m, v))
                })?;
            (verb, k, names::appositive_role(doc, k + 1, comma, false))
        } else {
            return None;
        };
        let mut e = subject_end;
        while e > i && lexicon::is_adverb(doc.word(e - 1)) {
            e -= 1;
        }
        if e == i {
            return None;
        }
        let (subject, title) = self.subject_before(e - 1, i)?;
        // "“…,” the group’s leader, Dan Crane, said": the person named in
        // the appositive speaks, the description is the role.
        let (subject, title, role) = match subject {
            Subject::Nominal(x, y) if subject_end < verb => {
                match self.name_after_comma(subject_end, verb) {
                    Some((p, ne)) if doc.is_punct(ne, ',') => {
                        (Subject::Name(p), None, Some((x, y)))
                    }
                    _ => (subject, title, role),
                }
            }
            _ => (subject, title, role),
        };
        // A quotation that ends its sentence is followed by a new one, which
        // credits it only when it is nothing but the attribution
        // ("“We will.” Smith said."), not "Smith said the plan …".
        let new_sentence = span.text.ends_with(['.', '!', '?', '\u{2026}']) && doc.is_cap(i);
        // "“…a scandal.” Protesters chanted “…”": the cue introduces the
        // next quotation.
        let introduces_next = doc
            .toks
            .get(end)
            .is_some_and(|t| matches!(t.kind, Kind::Mark(_)));
        if new_sentence
            && !((verb + 1 == end && !introduces_next)
                || doc.is_punct(verb + 1, ',')
                || (self.cue_at(verb) == Cue::Finite
                    && matches!(doc.word(verb), "told" | "wrote")
                    && end - verb <= 4))
        {
            return None;
        }
        Some(attribution(subject, title, role))
    }

    /// The appositive role after a subject ending at token `next`.
    pub(super) fn role_after(&self, next: usize, end: usize) -> Option<(usize, usize)> {
        if self.doc.is_punct(next, ',') {
            names::appositive_role(self.doc, next + 1, end, false)
        } else {
            None
        }
    }

    /// Attribution in the sentence before the opening mark.
    pub(super) fn before(&self, span: &Span) -> Option<Attribution> {
        let doc = self.doc;
        let open = span.open;
        let mut stop = open;
        // "Smith said:" closing the previous paragraph.
        if doc.sentence_start(open) == open
            && open >= 2
            && doc.toks[open - 1].kind == Kind::Para
            && doc.is_punct(open - 2, ':')
        {
            stop = open - 1;
        }
        let b = doc.sentence_start(stop);
        if b >= stop {
            return None;
        }
        if let Some(a) = self.set_phrase_before(b, stop) {
            return Some(a);
        }
        // The last cue whose subject can be found: in "Clinton mocked the
        // complaint, saying anybody who complains … “is not having a good
        // night”", not "complains", whose subject is "who".
        (b..stop)
            .rev()
            .filter(|&k| {
                self.cue_at(k) != Cue::No
                    || (lower_is(doc.word(k), "according") && doc.word(k + 1) == "to")
            })
            .find_map(|c| self.before_cue(span, b, stop, c))
    }

    /// Attribution by the cue at token `c`, in the sentence part `[b, stop)`
    /// before the quotation.
    pub(super) fn before_cue(
        &self,
        span: &Span,
        b: usize,
        stop: usize,
        c: usize,
    ) -> Option<Attribution> {
        let doc = self.doc;
        let (subject, title, role, gap_from) = if lower_is(doc.word(c), "according") {
            let (s, t, next) = self.subject_after(c + 2, stop)?;
            let role = self.role_after(next, stop);
            (s, t, role, role.map_or(next, |r| r.1))
        } else if self.cue_at(c) == Cue::Participle {
            // "Smith posted on LinkedIn, saying: “…”"; "Smith criticised
            // “bulletproof hosting”, adding: “…”" — past a scare quote.
            let (s, t) = self
                .first_subject(b, c)
                // "the mayor said, adding that …": the subject of the
                // finite cue before it.
                .or_else(|| {
                    let f = (b + 1..c).rev().find(|&k| self.cue_at(k) == Cue::Finite)?;
                    self.subject_before(f - 1, b)
                })
                .or_else(|| self.subject_past_quote(b))?;
            (s, t, None, c + 1)
        } else {
            let mut e = c;
            while e > b && lexicon::is_adverb(doc.word(e - 1)) {
                e -= 1;
            }
            if e > b && doc.is_punct(e - 1, ',') {
                // "Jane Doe, the CEO of X, said: “…”"
                let comma2 = e - 1;
                let comma1 = (b..comma2).rev().find(|&k| doc.is_punct(k, ','))?;
                if comma1 == b || comma2 - comma1 > names::MAX_ROLE_TOKENS {
                    return None;
                }
                let first = self.subject_before(comma1 - 1, b);
                // "The company's security chief, Ben Adeyemi, said"
                if let Some((Subject::Nominal(x, y), _)) = first {
                    if let Some((p, e)) = self.name_after_comma(comma1, comma2 + 1) {
                        if e == comma2 {
                            return self.finish_before(
                                span,
                                b,
                                stop,
                                Subject::Name(p),
                                None,
                                Some((x, y)),
                                c + 1,
                            );
                        }
                    }
                }
                // "Jean-Marc Ayrault, the foreign minister of France, a
                // permanent member of the Council, said"; "Michael Mulgrew,
                // president of the union, which represents teachers, said":
                // stacked appositives, when the nearest one leaves no person.
                let person = |s: &Subject| match s {
                    Subject::Name(p) => names::person_like(doc, p),
                    Subject::Pronoun(_) | Subject::Joint(..) => true,
                    Subject::Nominal(..) => false,
                };
                if first.as_ref().is_none_or(|(s, _)| !person(s)) {
                    let mut right = comma1;
                    while let Some(left) = (b..right)
                        .rev()
                        .take(names::MAX_ROLE_TOKENS)
                        .find(|&k| doc.is_punct(k, ','))
                        .filter(|&k| k > b)
                    {
                        if let Some((s2, t2)) = self
                            .subject_before(left - 1, b)
                            .filter(|(s2, _)| person(s2))
                        {
                            let role = names::appositive_role(doc, left + 1, right, false);
                            return self.finish_before(span, b, stop, s2, t2, role, c + 1);
                        }
                        right = left;
                    }
                }
                let (s, t) = first?;
                let role = names::appositive_role(doc, comma1 + 1, comma2, false);
                (s, t, role, c + 1)
            } else if e > b && matches!(doc.word(e - 1), "and" | "but") {
                // "Clinton stressed her support … and said: “…”", "Carson
                // did not name anyone, but told his supporters, “…”": the
                // subject of the sentence, past a quotation inside it.
                let (s, t) = self.coordinated_subject(b, e - 1)?;
                (s, t, None, c + 1)
            } else if e > b {
                let (s, t) = self.subject_before(e - 1, b)?;
                (s, t, None, c + 1)
            } else {
                // "Said Smith: “…”"
                let (s, t, next) = self.subject_after(c + 1, stop)?;
                (s, t, None, next)
            }
        };
        self.finish_before(span, b, stop, subject, title, role, gap_from)
    }

    /// The first subject of the sentence part before the quotation that
    /// closes right before token `b`: "Smith criticised “bulletproof
    /// hosting”, adding: …".
    pub(super) fn subject_past_quote(&self, b: usize) -> Option<(Subject, Option<(usize, usize)>)> {
        let doc = self.doc;
        let close = b
            .checked_sub(1)
            .filter(|&k| matches!(doc.toks[k].kind, Kind::Mark(_)))?;
        let open = (0..close)
            .rev()
            .take_while(|&k| doc.toks[k].kind != Kind::Para)
            .find(|&k| matches!(doc.toks[k].kind, Kind::Mark(_)))?;
        let from = doc.sentence_start(open);
        self.first_subject(from, open)
    }

    /// The subject of "… and said" before token `and`, in the sentence part
    /// from `b`: the name or pronoun opening the clause after the last
    /// comma ("…, I laughed and said"), else opening the sentence, past a
    /// quotation inside it. Never a name further in ("met the Journal and
    /// said"), which is more often an object.
    pub(super) fn coordinated_subject(
        &self,
        b: usize,
        and: usize,
    ) -> Option<(Subject, Option<(usize, usize)>)> {
        let doc = self.doc;
        let mut from = b;
        if let Some(close) = b
            .checked_sub(1)
            .filter(|&k| matches!(doc.toks[k].kind, Kind::Mark(_)))
        {
            if let Some(open) = (0..close)
                .rev()
                .take_while(|&k| doc.toks[k].kind != Kind::Para)
                .find(|&k| matches!(doc.toks[k].kind, Kind::Mark(_)))
            {
                from = doc.sentence_start(open);
            }
        }
        let after_comma = (b..and)
            .rev()
            .find(|&k| doc.is_punct(k, ','))
            .map(|k| k + 1);
        let opening = |k: usize| -> Option<(Subject, Option<(usize, usize)>)> {
            if lexicon::pronoun(doc.word(k)).is_some() {
                return Some((Subject::Pronoun(k), None));
            }
            if !names::nameish(doc, k) {
                return None;
            }
            let p = names::parse_name(doc, k, names::run_end(doc, k, and))?;
            match self.name_or_common(p) {
                s @ Subject::Name(_) => Some((s, p.title)),
                _ => None,
            }
        };
        after_comma.and_then(opening).or_else(|| opening(from))
    }

    /// A set phrase right before the quotation that credits it without a
    /// verb of speech: "As Lind put it, “…”", "In the words of Lind: “…”",
    /// "To quote Lind, “…”", "Quoting the minister: “…”".
    pub(super) fn set_phrase_before(&self, b: usize, stop: usize) -> Option<Attribution> {
        let doc = self.doc;
        let is = |k: usize, word: &str| lower_is(doc.word(k), word);
        let mut end = stop;
        if doc.is_punct(end - 1, ',') || doc.is_punct(end - 1, ':') {
            end -= 1;
        }
        let (first, last) = if end >= b + 4 && is(end - 2, "put") && is(end - 1, "it") {
            let lead = (b..end - 2).rev().find(|&k| is(k, "as"))?;
            (lead + 1, end - 2)
        } else {
            let lead = (b..end).find(|&k| {
                (k > b && is(k, "of") && is(k - 1, "words"))
                    || (k > b && is(k, "quote") && is(k - 1, "to"))
                    || is(k, "quoting")
            })?;
            (lead + 1, end)
        };
        let (subject, title, next) = self.subject_after(first, last)?;
        (next == last).then(|| Attribution {
            subject,
            role: None,
            title,
            clause: self.bytes(b, stop),
            partial: false,
        })
    }

    /// Accepts a before-the-quote attribution: a full quotation when its cue
    /// is adjacent, else a partial one inside the reported speech, unless it
    /// reads as the name of something or follows an opening bracket.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn finish_before(
        &self,
        span: &Span,
        b: usize,
        stop: usize,
        subject: Subject,
        title: Option<(usize, usize)>,
        role: Option<(usize, usize)>,
        gap_from: usize,
    ) -> Option<Attribution> {
        let doc = self.doc;
        let gap = gap_from.min(stop)..stop;
        let last_is = |ch| doc.is_punct(stop - 1, ch);
        let adjacent = gap.is_empty()
            || (last_is(':') && gap.len() <= 15)
            || (gap.len() == 1 && lower_is(doc.word(gap.start), "that"))
            || (gap.len() <= 5 && last_is(','));
        let inside = !title_like(&span.text) && !doc.is_punct(stop - 1, '(');
        if !(adjacent || inside) {
            return None;
        }
        Some(Attribution {
            subject,
            role,
            title,
            clause: self.bytes(b, stop),
            // "criticised “bulletproof hosting” providers": the sentence
            // runs on past the quotation.
            partial: !adjacent || doc.is_word(span.close + 1),
        })
    }

    /// The cue class of token `k`; a capitalised word inside a sentence is
    /// a name ("Omar Said"), not a cue.
    pub(super) fn cue_at(&self, k: usize) -> Cue {
        let w = self.doc.word(k);
        if w.starts_with(char::is_uppercase) && !self.doc.sentence_initial(k) {
            Cue::No
        } else if matches!(w, "points" | "pointed") && self.doc.word(k + 1) == "out" {
            // "“…,” Bozell points out."
            Cue::Finite
        } else {
            lexicon::cue(w)
        }
    }

    /// A name run right after the comma at `comma`, ending the clause or
    /// followed by a comma or relative clause; returns it and its end.
    pub(super) fn name_after_comma(&self, comma: usize, end: usize) -> Option<(ParsedName, usize)> {
        let doc = self.doc;
        if !doc.is_punct(comma, ',') || !names::nameish(doc, comma + 1) {
            return None;
        }
        let name_end = names::run_end(doc, comma + 1, end);
        // "the Chair, Minister Clara Vella of Malta, said"
        let e = names::of_place_end(doc, name_end)
            .filter(|&e| e <= end)
            .unwrap_or(name_end);
        let closes = e >= end || doc.is_punct(e, ',') || lexicon::is_relative(doc.word(e));
        let p = names::parse_name(doc, comma + 1, name_end)?;
        (closes && (!p.is_single() || p.marked)).then_some((p, e))
    }

    /// A lone, sentence-initial capitalised word that is never used as a
    /// proper noun is a common noun ("Officials said"), and so is a title
    /// after "the" ("the Minister said").
    pub(super) fn name_or_common(&self, p: ParsedName) -> Subject {
        let w = self.doc.word(p.first);
        let unmarked_word = p.is_single() && !p.marked;
        if unmarked_word && self.doc.sentence_initial(p.first) && !self.reg.is_proper(w) {
            Subject::Nominal(p.first, p.end)
        } else if unmarked_word
            && lexicon::is_title(w)
            && p.first > 0
            && self.doc.word(p.first - 1).eq_ignore_ascii_case("the")
        {
            // "the Minister said", in house styles that capitalise titles.
            Subject::Nominal(p.first - 1, p.end)
        } else {
            Subject::Name(p)
        }
    }

    /// The subject phrase starting at token `i` (after a cue); returns it,
    /// any title before the name, and the token after it.
    pub(super) fn subject_after(
        &self,
        i: usize,
        limit: usize,
    ) -> Option<(Subject, Option<TokRange>, usize)> {
        let doc = self.doc;
        let w = doc.word(i);
        if i >= limit || w.is_empty() {
            return None;
        }
        if lexicon::pronoun(w).is_some() {
            return Some((Subject::Pronoun(i), None, i + 1));
        }
        let mut k = i;
        while k < limit && doc.is_word(k) && k - i < 12 {
            let wk = doc.word(k);
            if k > i && (lexicon::is_phrase_stop(wk) || self.cue_at(k) != Cue::No) {
                break;
            }
            k += 1;
        }
        // "Microsoft president Nora Blake", "French President Emmanuel Marchand"
        for t in i..k.min(i + 6) {
            let wt = doc.word(t);
            if lexicon::is_preposition(wt) {
                break;
            }
            if (lexicon::is_title(wt) || names::is_possessive(wt))
                && t + 1 < k
                && names::nameish(doc, t + 1)
            {
                let e = names::run_end(doc, t + 1, k);
                if let Some(p) = names::parse_name(doc, t + 1, e) {
                    let title = Some((i, p.title.map_or(t + 1, |(_, z)| z)));
                    return Some((Subject::Name(p), title, e));
                }
            }
        }
        if names::nameish(doc, i) {
            let e = names::run_end(doc, i, k);
            let p = names::parse_name(doc, i, e)?;
            // "said Peter Olsen and Anna Berg"
            if doc.word(e) == "and" && names::nameish(doc, e + 1) {
                let e2 = names::run_end(doc, e + 1, limit);
                if let Some(second) = names::parse_name(doc, e + 1, e2) {
                    if let (Subject::Name(p), Subject::Name(second)) =
                        (self.name_or_common(p), self.name_or_common(second))
                    {
                        return Some((Subject::Joint(p, second), None, e2));
                    }
                }
            }
            return Some((self.name_or_common(p), p.title, e));
        }
        Some((self.nominal(i, k)?, None, k))
    }

    /// The subject phrase ending with token `e` (before a cue), not reaching
    /// before `floor`.
    pub(super) fn subject_before(
        &self,
        e: usize,
        floor: usize,
    ) -> Option<(Subject, Option<(usize, usize)>)> {
        let doc = self.doc;
        let w = doc.word(e);
        if w.is_empty() {
            return None;
        }
        if lexicon::pronoun(w).is_some() {
            return Some((Subject::Pronoun(e), None));
        }
        // "McConnell, the majority leader, who said", "a letter that says":
        // the antecedent. "Anybody who complains" names nobody, so an
        // earlier cue is tried instead.
        if matches!(w, "who" | "that" | "which") && e > floor {
            if w != "who" {
                // The noun phrase from its determiner, not the clause.
                let d = (floor..e)
                    .rev()
                    .find(|&k| lexicon::is_determiner(doc.word(k)))?;
                return self.nominal(d, e).map(|s| (s, None));
            }
            let mut end = e;
            if doc.is_punct(end - 1, ',') {
                end -= 1;
                if end > floor && !names::nameish(doc, end - 1) {
                    end = (floor + 1..end)
                        .rev()
                        .take(names::MAX_ROLE_TOKENS)
                        .find(|&j| doc.is_punct(j, ',') && names::nameish(doc, j - 1))?;
                }
            }
            if end <= floor || !names::nameish(doc, end - 1) {
                return None;
            }
            let r = names::run_start(doc, end - 1, floor);
            let p = names::parse_name(doc, r, end)?;
            return Some((self.name_or_common(p), p.title));
        }
        let mut b = e;
        while b > floor && doc.is_word(b - 1) && e - b < 10 {
            b -= 1;
        }
        if !names::nameish(doc, e) {
            return self.nominal(b, e + 1).map(|s| (s, None));
        }
        let mut r = names::run_start(doc, e, b);
        // "von der Leyen said": the particles belong to the surname.
        while r > b && lexicon::is_particle(doc.word(r - 1)) {
            r -= 1;
        }
        // "a spokesman for Microsoft said", "… for the State Department said"
        let follows = |k: usize, is: fn(&str) -> bool| k > b && is(doc.word(k - 1));
        let object = follows(r, lexicon::is_preposition)
            || (follows(r, lexicon::is_determiner) && follows(r - 1, lexicon::is_preposition));
        if object {
            // "Jane Doe of the Cyber Law Clinic said", "Mr. Hale of the
            // Coastal Trust said": a person, whose role is the rest; "a
            // spokesman for Microsoft said" names nobody.
            let prep = if follows(r, lexicon::is_preposition) {
                r - 1
            } else {
                r - 2
            };
            if doc.word(prep) == "of" && prep > b && names::nameish(doc, prep - 1) {
                let s = names::run_start(doc, prep - 1, b);
                if let Some(p) =
                    names::parse_name(doc, s, prep).filter(|p| !p.is_single() || p.marked)
                {
                    // "conservative radio host Dan Crane of WXYZ": the
                    // descriptor is the title; the speaker gets "of …" added
                    // to it (see `speaker_for`).
                    let title = p
                        .title
                        .or_else(|| names::descriptor_before(doc, s, b.saturating_sub(1)));
                    return Some((Subject::Name(p), title.or(Some((prep, e + 1)))));
                }
            }
            return self.nominal(b, e + 1).map(|s| (s, None));
        }
        // "the Times wrote": a run that is no name is a description.
        let Some(p) = names::parse_name(doc, r, e + 1) else {
            return self.nominal(b, e + 1).map(|s| (s, None));
        };
        // "Peter Olsen and Anna Berg said"
        if r >= b + 2 && doc.word(r - 1) == "and" && names::nameish(doc, r - 2) {
            let s = names::run_start(doc, r - 2, b);
            if let Some(first) = names::parse_name(doc, s, r - 1) {
                if let (Subject::Name(first), Subject::Name(p)) =
                    (self.name_or_common(first), self.name_or_common(p))
                {
                    return Some((Subject::Joint(first, p), None));
                }
            }
        }
        // "The Hill reported", "People's Daily said": a lone word after an
        // article or a possessive is part of the name of a thing, not a
        // surname; "the Democrat said" describes someone.
        let f = p.first;
        if p.is_single() && !p.marked && f > b && !self.reg.is_surname(doc.word(f)) {
            let lead = doc.word(f - 1);
            if names::is_possessive(lead) && doc.is_cap(f - 1)
                || lead == "The" && !doc.sentence_initial(f - 1)
            {
                let whole = names::ParsedName {
                    surface_first: f - 1,
                    first: f - 1,
                    ..p
                };
                return Some((Subject::Name(whole), None));
            }
            if lead.eq_ignore_ascii_case("the") {
                return self.nominal(f - 1, e + 1).map(|s| (s, None));
            }
        }
        let title = p.title.or_else(|| names::descriptor_before(doc, r, b));
        Some((self.name_or_common(p), title))
    }

    /// A descriptive subject within tokens `[b, end)`: from its first
    /// determiner, else from its first word that is not a sentence opener.
    pub(super) fn nominal(&self, b: usize, end: usize) -> Option<Subject> {
        let doc = self.doc;
        // The first determiner that does not follow a preposition: "the
        // delegate of one country", "In a statement, the ministry".
        let mut a = (b..end)
            .find(|&k| {
                lexicon::is_determiner(doc.word(k))
                    && (k == b || !lexicon::is_preposition(&doc.word(k - 1).to_ascii_lowercase()))
            })
            .unwrap_or(b);
        while a < end && lexicon::is_stop_cap(doc.word(a)) && !lexicon::is_determiner(doc.word(a)) {
            a += 1;
        }
        if a >= end || end - a > 10 {
            return None;
        }
        let head = doc.word(end - 1);
        let bad_head = !head.starts_with(char::is_alphabetic)
            || lexicon::is_determiner(head)
            || lexicon::is_preposition(head)
            || lexicon::is_role_stop(head)
            || lexicon::is_stop_cap(head)
            || lexicon::is_adverb(head)
            || lexicon::pronoun(head).is_some()
            || lexicon::cue(head) != Cue::No
            || (head.ends_with("ing") && !lexicon::is_ing_noun(head));
        (!bad_head).then_some(Subject::Nominal(a, end))
    }

    /// The first name or pronoun in tokens `[b, c)`: the subject a
    /// participle ("saying") borrows.
    pub(super) fn first_subject(
        &self,
        b: usize,
        c: usize,
    ) -> Option<(Subject, Option<(usize, usize)>)> {
        let doc = self.doc;
        let mut k = b;
        while k < c {
            if lexicon::pronoun(doc.word(k)).is_some() {
                return Some((Subject::Pronoun(k), None));
            }
            if names::nameish(doc, k) {
                let e = names::run_end(doc, k, c);
                if let Some(p) = names::parse_name(doc, k, e) {
                    if let s @ Subject::Name(_) = self.name_or_common(p) {
                        return Some((s, p.title));
                    }
                }
                k = e.max(k + 1);
            } else {
                k += 1;
            }
        }
        None
    }
}
