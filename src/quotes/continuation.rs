//! Quotations with no attribution of their own that carry on a credited
//! one: a further quotation in the same sentence of reported speech, or a
//! sentence or paragraph of speech right after it.

use super::*;

impl Attributor<'_, '_> {
    /// Whether `span` follows `prev` in the same sentence, with only words
    /// and commas between them: "called her “disgusting” and “a con”".
    pub(super) fn same_sentence(&self, prev: &Span, span: &Span) -> bool {
        let doc = self.doc;
        !prev.text.ends_with(['.', '!', '?', '\u{2026}'])
            && !title_like(&span.text)
            && span.open > prev.close + 1
            && span.open - prev.close <= tokens::WINDOW
            && (prev.close + 1..span.open).all(|k| doc.is_word(k) || doc.is_punct(k, ','))
    }

    /// Whether unattributed `span` continues the credited `prev`.
    pub(super) fn continues(&self, prev: &Span, span: &Span, speaker: &Speaker) -> bool {
        let doc = self.doc;
        let same = prev.last_para == span.first_para;
        let next = span.first_para == prev.last_para + 1;
        if !(same || next) || !doc.sentence_initial(span.open) {
            return false;
        }
        let after = span.close + 1;
        let alone =
            after >= doc.len() || matches!(doc.toks[after].kind, Kind::Para | Kind::Mark(_));
        if next && !(alone && span.open > 0 && doc.toks[span.open - 1].kind == Kind::Para) {
            return false;
        }
        let ends_sentence =
            alone || (span.text.ends_with(['.', '!', '?', '\u{2026}']) && doc.is_cap(after));
        if !ends_sentence {
            return false;
        }
        let from = doc.toks[prev.close].end;
        let to = doc.toks[span.open].start;
        self.reg.mentions_in(from, to).iter().all(|m| {
            Some(m.person) == speaker.person
                || self.in_clause(m.pos)
                || self.in_attribution_role(m.pos)
        })
    }
}

impl Attributor<'_, '_> {
    /// "The administration may wait, Schiff said. “The other factor …”": a
    /// quotation that is a sentence of its own, right after a sentence of
    /// reported speech in its paragraph that ends with its attribution
    /// (`, Schiff said.`, `, said Schiff.`), is that speaker's.
    pub(super) fn after_reported_speech(&self, span: &Span) -> Option<Attribution> {
        let doc = self.doc;
        let dot = span.open.checked_sub(1).filter(|&k| doc.is_punct(k, '.'))?;
        let after = span.close + 1;
        let alone = after >= doc.len()
            || matches!(doc.toks[after].kind, Kind::Para | Kind::Mark(_))
            || (span.text.ends_with(['.', '!', '?', '\u{2026}']) && doc.is_cap(after));
        if !alone || title_like(&span.text) {
            return None;
        }
        let s = doc.sentence_start(dot);
        let comma = (s..dot).rev().find(|&k| doc.is_punct(k, ','))?;
        let tail = comma + 1..dot;
        if tail.len() < 2 || tail.len() > 10 || !tail.clone().all(|k| doc.is_word(k)) {
            return None;
        }
        let clause = self.bytes(comma + 1, dot);
        let attribution = |subject, title, role| Attribution {
            subject,
            role,
            title,
            clause,
            partial: false,
        };
        // ", said Schiff.", not ", called him a master …" or ", shouted to
        // the crowd.": a verb that takes no object.
        let plain = |k: usize| {
            matches!(
                doc.word(k),
                "said" | "says" | "added" | "adds" | "wrote" | "writes" | "noted" | "explained"
            )
        };
        if plain(tail.start) {
            let (subject, title, next) = self.subject_after(tail.start + 1, dot)?;
            return (next == dot).then(|| attribution(subject, title, None));
        }
        // ", Schiff said." / ", Schiff said Friday."
        let verb = tail
            .clone()
            .rev()
            .take(2)
            .find(|&k| self.cue_at(k) == Cue::Finite)?;
        let trailing_ok = (verb + 1..dot).all(|k| {
            let w = doc.word(k);
            lexicon::is_adverb(w) || lexicon::is_weekday(w)
        });
        if !trailing_ok || verb == tail.start {
            return None;
        }
        let (subject, title) = self.subject_before(verb - 1, tail.start)?;
        let starts = match subject {
            Subject::Name(p) => title.map_or(p.surface_first, |t| t.0),
            Subject::Joint(p, _) => p.surface_first,
            Subject::Pronoun(k) => k,
            Subject::Nominal(x, _) => x,
        };
        (starts == tail.start).then(|| attribution(subject, title, None))
    }
}
