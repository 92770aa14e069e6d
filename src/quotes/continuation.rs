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
