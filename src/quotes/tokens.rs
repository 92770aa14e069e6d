//! Tokens for quote attribution: words, punctuation, quotation marks and
//! paragraph breaks, each with byte offsets into the document.
//!
//! A blank line (whitespace holding two newlines) is a paragraph break; a
//! lone newline is plain whitespace, so hard-wrapped text reads as its
//! paragraphs. Which marks are quotation marks depends on the document's
//! [`Marks`] style; the other kind is plain punctuation, so a quotation
//! nested in the other style stays inside the outer one.

use super::lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct(char),
    /// A quotation mark of the document's style.
    Mark(char),
    Para,
}

/// A token; `start..end` are byte offsets into the document.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
}

pub(super) fn is_double_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
    )
}

/// Which marks a document quotes speech with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marks {
    /// `"…"`, `“…”`, `„…“`, `«…»`: American and continental style; also
    /// `''…''`, doubled apostrophes standing for `"` in wire copy.
    Double,
    /// `‘…’` and `'…'`: British style, where double marks nest inside.
    Single,
}

impl Marks {
    /// The styles worth reading `text` in: none when it has no quotation
    /// mark, both when it has double marks and single marks opening a word
    /// (an American text nesting `‘…’`, or a British one nesting `“…”`).
    pub(super) fn candidates(text: &str) -> &'static [Marks] {
        let double = text.contains(is_double_mark) || text.contains("''");
        let single = text
            .char_indices()
            .any(|(i, c)| matches!(c, '\u{2018}' | '\'') && single_opens(text, i, c));
        match (double, single) {
            (false, false) => &[],
            (true, false) => &[Marks::Double],
            (false, true) => &[Marks::Single],
            (true, true) => &[Marks::Double, Marks::Single],
        }
    }

    fn is_mark(self, text: &str, i: usize, c: char) -> bool {
        match self {
            Marks::Double => is_double_mark(c),
            Marks::Single => match c {
                '\u{2018}' => !elision(text, i, c),
                '\u{2019}' => !elision(text, i, c) && !possessive(text, i, c),
                // A straight mark only where it can open or close a
                // quotation: not the elision of "'90s", not a possessive.
                '\'' => {
                    !elision(text, i, c)
                        && (single_opens(text, i, c)
                            || (closes_word(text, i) && !possessive(text, i, c)))
                }
                _ => false,
            },
        }
    }
}

/// Whether a single mark at byte `i` opens a word: after a space, a bracket,
/// a dash or a double mark (or at the start), before a letter. `‘` may also open before a
/// digit; a straight `'` before one is the elision of "'90s".
fn single_opens(text: &str, i: usize, c: char) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '\u{2014}' | '\u{2013}') || is_double_mark(p)
    }) && next.is_some_and(|n| n.is_alphabetic() || (c == '\u{2018}' && n.is_alphanumeric()))
}

/// Whether the character before byte `i` ends a word or a clause, so a mark
/// at `i` can close a quotation.
fn closes_word(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|p| !p.is_whitespace() && !matches!(p, '(' | '[' | '{'))
}

/// Whether the mark `c` at byte `i` is the apostrophe of a plural
/// possessive: "countries’ duty", "three years' warning". A finite verb of
/// speech, a pronoun or a function word after it ("…all countries’ said
/// Lind", "…to hackers’ and demanded") makes it a closing mark.
fn possessive(text: &str, i: usize, c: char) -> bool {
    if !text[..i].ends_with(['s', 'S']) {
        return false;
    }
    let Some(after) = text[i + c.len_utf8()..].strip_prefix(char::is_whitespace) else {
        return false;
    };
    let word = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    word.starts_with(char::is_lowercase)
        && lexicon::cue(word) != lexicon::Cue::Finite
        && lexicon::pronoun(word).is_none()
        && !lexicon::is_function_word(word)
}

/// Whether the single mark `c` at byte `i` stands for left-out letters:
/// "the ’90s", "’em", "rock ’n’ roll", "'tis". A `’` never opens a
/// quotation, so one starting a word is always an elision.
fn elision(text: &str, i: usize, c: char) -> bool {
    let before = &text[..i];
    let after = &text[i + c.len_utf8()..];
    let starts_word = before
        .chars()
        .next_back()
        .is_none_or(|p| p.is_whitespace() || p == '(');
    let word = after
        .split(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let n_between = (before.ends_with("\u{2019}n") || before.ends_with("'n"))
        && after.starts_with(char::is_whitespace);
    (starts_word && !word.is_empty() && (c == '\u{2019}' || lexicon::is_elided(word))) || n_between
}

/// Characters that join two alphanumeric runs into one word ("don’t",
/// "al-Assad", "AT&T").
fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '&')
}

/// A party-and-state tag after a legislator's name, `(D-Wis.)`, `(R-IN)`,
/// `, R-Ky.,`, which attribution reads past as if absent: given the bracket
/// or comma at byte `i`, the byte where tokens resume. A bracketed tag is
/// skipped whole; after a comma the tag and its comma go when a verb of
/// speech follows (`Tom Doe, R-Ky., said`), only the tag when an
/// appositive follows (`Tom Doe, R-Ky., the leader, said`), and the tag but
/// not its period when it ends the sentence.
fn party_tag(text: &str, i: usize, c: char) -> Option<usize> {
    let rest = &text[i + 1..];
    let body = if c == ',' {
        rest.strip_prefix(' ')?
    } else {
        rest
    };
    let at = text.len() - body.len();
    let b = body.as_bytes();
    if b.len() < 4 || !matches!(b[0], b'D' | b'R' | b'I') || b[1] != b'-' {
        return None;
    }
    let state_len = body[2..]
        .find(|ch: char| !(ch.is_ascii_alphabetic() || ch == '.'))
        .unwrap_or(body.len() - 2);
    let state = &body[2..2 + state_len];
    if !(2..=8).contains(&state.len()) || !state.starts_with(|ch: char| ch.is_ascii_uppercase()) {
        return None;
    }
    let end = at + 2 + state_len;
    let after = &text[end..];
    match c {
        '(' => after.starts_with(')').then_some(end + 1),
        ',' if after.starts_with(',') => {
            let next = after[1..].trim_start();
            let word = next
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or_default();
            let cue = lexicon::cue(word) != lexicon::Cue::No || lexicon::is_adverb(word);
            Some(if cue { end + 1 } else { end })
        }
        ',' if state.ends_with('.') && after.chars().next().is_none_or(char::is_whitespace) => {
            Some(end - 1)
        }
        _ => None,
    }
}

fn tokenize(text: &str, marks: Marks) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if let Some(skip) = matches!(c, '(' | ',')
            .then(|| party_tag(text, i, c))
            .flatten()
        {
            while it.peek().is_some_and(|&(j, _)| j < skip) {
                it.next();
            }
            continue;
        }
        if c.is_whitespace() {
            let mut newlines = usize::from(c == '\n');
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_whitespace() {
                    break;
                }
                newlines += usize::from(d == '\n');
                end = j + d.len_utf8();
                it.next();
            }
            if newlines >= 2 {
                toks.push(Tok {
                    start: i,
                    end,
                    kind: Kind::Para,
                });
            }
        } else if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut seg_start = i;
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                if !joins_word(d) && d != '.' {
                    break;
                }
                let after = text[j + d.len_utf8()..].chars().next();
                let after_alnum = after.is_some_and(char::is_alphanumeric);
                if joins_word(d) && after_alnum {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                if d != '.' {
                    break;
                }
                // Keep the period of initials, "U.S.", "Mr." and decimals, so
                // that a lone period token always ends a sentence.
                let seg = &text[seg_start..j];
                let mut chars = seg.chars();
                let initial =
                    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
                let decimal = seg.bytes().all(|b| b.is_ascii_digit())
                    && after.is_some_and(|a| a.is_ascii_digit());
                // A period before a comma ends no sentence: "Ashton, Md., who".
                let before_comma = after == Some(',');
                if !(initial || decimal || before_comma || lexicon::is_abbreviation(seg)) {
                    break;
                }
                end = j + 1;
                it.next();
                if !after_alnum {
                    break;
                }
                seg_start = j + 1;
            }
            toks.push(Tok {
                start: i,
                end,
                kind: Kind::Word,
            });
        } else if marks == Marks::Double && c == '\'' && it.peek().is_some_and(|&(_, d)| d == '\'')
        {
            // Wire copy's doubled apostrophes (`''…''`) are a double mark.
            it.next();
            toks.push(Tok {
                start: i,
                end: i + 2,
                kind: Kind::Mark('"'),
            });
        } else {
            let kind = if marks.is_mark(text, i, c) {
                Kind::Mark(c)
            } else {
                Kind::Punct(c)
            };
            toks.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind,
            });
        }
    }
    toks
}

/// Zero-width marks around a transcript line that has none of its own
/// (`PENCE: Well, look …`), so that it pairs like a quotation.
pub(super) const LINE_OPEN: char = '\u{E000}';
pub(super) const LINE_CLOSE: char = '\u{E001}';

/// Capitalised words before a colon that head no transcript line.
fn is_rubric(word: &str) -> bool {
    matches!(
        word,
        "CLARIFICATION"
            | "CORRECTION"
            | "UPDATE"
            | "UPDATED"
            | "NOTE"
            | "EDITOR'S"
            | "EDITOR’S"
            | "VIDEO"
            | "WATCH"
            | "PHOTO"
            | "PHOTOS"
            | "READ"
            | "MORE"
            | "RELATED"
            | "SOURCE"
            | "SOURCES"
            | "WARNING"
            | "BREAKING"
            | "EXCLUSIVE"
            | "OPINION"
            | "ANALYSIS"
            | "LISTEN"
            | "TRANSCRIPT"
            | "Q"
            | "A"
    )
}

/// A speaker label opening a paragraph at token `i`: one to three words in
/// capitals (`WALLACE`, `SEN. LEE`) and a colon. Returns the colon's index.
pub(super) fn label_at(toks: &[Tok], text: &str, i: usize) -> Option<usize> {
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| &text[t.start..t.end])
    };
    let (mut k, mut words) = (i, 0);
    loop {
        if let Some(w) = word(k) {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 2 || w.chars().any(char::is_lowercase) || is_rubric(w) || words == 3 {
                return None;
            }
            words += 1;
        } else if !(words > 0 && toks.get(k).is_some_and(|t| t.kind == Kind::Punct('.'))) {
            // "SEN. ROE:" when the period is a token of its own.
            break;
        }
        k += 1;
    }
    (words > 0 && toks.get(k).is_some_and(|t| t.kind == Kind::Punct(':'))).then_some(k)
}

/// Whether `text` has at least two paragraphs opening with a speaker label
/// (`PENCE:`), a cheap test before tokenizing a text without marks.
pub(super) fn has_transcript(text: &str) -> bool {
    text.split("\n\n")
        .filter(|para| {
            let para = para.trim_start();
            let head = para.split(':').next().unwrap_or_default();
            para.len() > head.len()
                && (2..=30).contains(&head.len())
                && head.starts_with(|c: char| c.is_uppercase())
                && !head.chars().any(char::is_lowercase)
                && head.split_whitespace().count() <= 3
        })
        .nth(1)
        .is_some()
}

/// Puts zero-width marks around the transcript lines of a transcript: at
/// least two paragraphs that open with a label and hold no marks.
fn mark_transcript_lines(text: &str, toks: Vec<Tok>) -> Vec<Tok> {
    // Paragraphs as token ranges [first, end).
    let mut lines = Vec::new();
    let mut first = 0;
    for k in 0..=toks.len() {
        if k == toks.len() || toks[k].kind == Kind::Para {
            let plain = !toks[first..k]
                .iter()
                .any(|t| matches!(t.kind, Kind::Mark(_)));
            if let Some(colon) = label_at(&toks, text, first).filter(|&c| plain && c + 1 < k) {
                lines.push((colon + 1, k));
            }
            first = k + 1;
        }
    }
    if lines.len() < 2 {
        return toks;
    }
    let mut out = Vec::with_capacity(toks.len() + 2 * lines.len());
    let mut next = lines.iter().peekable();
    for (k, t) in toks.iter().enumerate() {
        if let Some(&&(a, z)) = next.peek() {
            if k == a {
                let at = t.start;
                out.push(Tok {
                    start: at,
                    end: at,
                    kind: Kind::Mark(LINE_OPEN),
                });
            }
            if k == z {
                let at = out.last().map_or(t.start, |p: &Tok| p.end);
                out.push(Tok {
                    start: at,
                    end: at,
                    kind: Kind::Mark(LINE_CLOSE),
                });
                next.next();
            }
        }
        out.push(*t);
    }
    if let Some(&&(_, z)) = next.peek() {
        if z == toks.len() {
            let at = toks.last().map_or(0, |t| t.end);
            out.push(Tok {
                start: at,
                end: at,
                kind: Kind::Mark(LINE_CLOSE),
            });
        }
    }
    out
}

/// See [`Doc::headline_case`]; `toks` are one paragraph's.
fn headline_case(text: &str, toks: &[Tok]) -> bool {
    let mut words = 0;
    for t in toks {
        match t.kind {
            Kind::Mark(_) => return false,
            Kind::Word => {
                let w = &text[t.start..t.end];
                if !w.starts_with(char::is_alphabetic) {
                    continue;
                }
                words += 1;
                if w.chars().count() >= 4 && !w.starts_with(char::is_uppercase) {
                    return false;
                }
            }
            _ => {}
        }
    }
    words >= 4
}

/// A tokenized document with the queries attribution needs.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok>,
    /// Index of the first token of each paragraph.
    para_first: Vec<usize>,
    /// Per paragraph, whether it is written in headline case (see
    /// [`Doc::headline_case`]).
    headline_case: Vec<bool>,
}

/// How far (in tokens) attribution looks around a quotation.
pub(super) const WINDOW: usize = 60;

impl<'a> Doc<'a> {
    pub(super) fn new(text: &'a str, marks: Marks) -> Self {
        let mut toks = tokenize(text, marks);
        if marks == Marks::Double && has_transcript(text) {
            toks = mark_transcript_lines(text, toks);
        }
        let mut para_first = vec![0];
        for (i, t) in toks.iter().enumerate() {
            if t.kind == Kind::Para {
                para_first.push(i + 1);
            }
        }
        let headline_case = (0..para_first.len())
            .map(|p| {
                let end = para_first.get(p + 1).map_or(toks.len(), |&k| k - 1);
                headline_case(text, &toks[para_first[p]..end])
            })
            .collect();
        Doc {
            text,
            toks,
            para_first,
            headline_case,
        }
    }

    /// Whether paragraph `p` is a headline or subheading in title case or
    /// capitals ("Mayor Tom Reed Fights Back", "STATE SENATOR WARNS"):
    /// four or more words, every word of four letters or more capitalised,
    /// no quotation marks. Name runs there have no lowercase word to end
    /// them, so none is taken for a name.
    pub(super) fn headline_case(&self, p: usize) -> bool {
        self.headline_case.get(p).copied().unwrap_or(false)
    }

    /// The paragraph holding token `i`.
    pub(super) fn para_of(&self, i: usize) -> usize {
        self.para_first
            .partition_point(|&k| k <= i)
            .saturating_sub(1)
    }

    pub(super) fn len(&self) -> usize {
        self.toks.len()
    }

    /// The token's text; empty past the end.
    pub(super) fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    pub(super) fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    pub(super) fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    pub(super) fn is_cap(&self, i: usize) -> bool {
        self.word(i).starts_with(char::is_uppercase)
    }

    pub(super) fn paragraphs(&self) -> usize {
        self.para_first.len()
    }

    /// Whether the first paragraph is a headline: short, with more text
    /// after it, and not ending like a sentence.
    pub(super) fn has_headline(&self) -> bool {
        if self.paragraphs() < 2 {
            return false;
        }
        let end = self.para_first[1] - 1;
        let words = (0..end).filter(|&i| self.is_word(i)).count();
        let last = (0..end)
            .rev()
            .find(|&i| !matches!(self.toks[i].kind, Kind::Mark(_)));
        words <= 25
            && !last.is_some_and(|i| matches!(self.toks[i].kind, Kind::Punct('.' | '!' | '?')))
    }

    pub(super) fn para_first_tok(&self, p: usize) -> usize {
        self.para_first[p]
    }

    /// Whether token `i` opens a sentence (or follows a colon). After a
    /// quotation mark that depends on the mark: an opening mark attached to
    /// the token starts a sentence, a closing one only after `.`, `!`, `?`.
    pub(super) fn sentence_initial(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let ends = |k: Kind| {
            matches!(
                k,
                Kind::Para | Kind::Punct('.' | '!' | '?' | ':' | ';' | '\u{2026}')
            )
        };
        let prev = self.toks[i - 1];
        match prev.kind {
            Kind::Mark(_) if prev.end == self.toks[i].start => true,
            Kind::Mark(_) => i < 2 || ends(self.toks[i - 2].kind),
            k => ends(k),
        }
    }

    /// First token of the sentence part ending before `i`: stops after a
    /// sentence end, a paragraph break, a quotation mark or `WINDOW` tokens.
    pub(super) fn sentence_start(&self, i: usize) -> usize {
        let mut k = i;
        while k > 0 && i - k < WINDOW {
            match self.toks[k - 1].kind {
                Kind::Para | Kind::Mark(_) | Kind::Punct('.' | '!' | '?' | ';' | '\u{2026}') => {
                    break
                }
                _ => k -= 1,
            }
        }
        k
    }

    /// End (exclusive) of the clause starting at `i`: the next sentence end,
    /// paragraph break or quotation mark, at most `WINDOW` tokens on.
    pub(super) fn clause_end(&self, i: usize) -> usize {
        let mut k = i;
        while k < self.toks.len() && k - i < WINDOW {
            match self.toks[k].kind {
                Kind::Para | Kind::Mark(_) | Kind::Punct('.' | '!' | '?' | ';' | '\u{2026}') => {
                    break
                }
                _ => k += 1,
            }
        }
        k
    }

    /// The character before byte `at` and the one at `at`, for mark flanking.
    pub(super) fn around(&self, start: usize, end: usize) -> (Option<char>, Option<char>) {
        (
            self.text[..start].chars().next_back(),
            self.text[end..].chars().next(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let doc = Doc::new(text, Marks::Double);
        (0..doc.len())
            .map(|i| &text[doc.toks[i].start..doc.toks[i].end])
            .collect()
    }

    #[test]
    fn tokens_keep_abbreviations_initials_and_apostrophes() {
        assert_eq!(
            words("Mr. J. Smith don’t visit the U.S. today."),
            ["Mr.", "J.", "Smith", "don’t", "visit", "the", "U.S.", "today", "."]
        );
        assert_eq!(words("countries’ laws"), ["countries", "’", "laws"]);
    }

    #[test]
    fn tokens_keep_a_period_before_a_comma() {
        assert_eq!(
            words("Ann Lee, of Ashton, Md., said"),
            ["Ann", "Lee", ",", "of", "Ashton", ",", "Md.", ",", "said"]
        );
    }

    #[test]
    fn tokens_skip_party_and_state_tags() {
        assert_eq!(
            words("Rep. Jane Roe (D-Wis.) said"),
            ["Rep.", "Jane", "Roe", "said"]
        );
        assert_eq!(words("Tom Doe, R-Ky., said"), ["Tom", "Doe", "said"]);
        assert_eq!(
            words("Tom Doe, R-Ky., the leader, said"),
            ["Tom", "Doe", ",", "the", "leader", ",", "said"]
        );
        assert_eq!(words("said Tom Doe, R-Ky."), ["said", "Tom", "Doe", "."]);
        assert_eq!(words("(I-95)"), ["(", "I-95", ")"]);
    }

    #[test]
    fn tokens_read_doubled_apostrophes_as_one_double_mark() {
        let doc = Doc::new("''It isn't,'' he said.", Marks::Double);
        assert_eq!(doc.toks[0].kind, Kind::Mark('"'));
        assert_eq!((doc.toks[0].start, doc.toks[0].end), (0, 2));
        assert_eq!(doc.word(2), "isn't");
        assert_eq!(doc.toks[4].kind, Kind::Mark('"'));
    }

    #[test]
    fn tokens_turn_blank_lines_into_paragraph_breaks() {
        let doc = Doc::new("One.\n\nTwo “x”\nThree\n \n\nFour", Marks::Double);
        let kinds: Vec<Kind> = doc.toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[2], Kind::Para);
        assert_eq!(kinds[4], Kind::Mark('\u{201C}'));
        assert_eq!(kinds[7], Kind::Word, "a lone newline is whitespace");
        assert_eq!(kinds[8], Kind::Para);
        assert_eq!(doc.para_first_tok(2), 9);
    }

    #[test]
    fn tokens_mark_the_lines_of_a_transcript_only() {
        let text = "LEE: We stay.\n\nSEN. ROE: We go.\n\nNOTE: Edited.";
        assert!(has_transcript(text));
        let doc = Doc::new(text, Marks::Double);
        let marks: Vec<(char, &str)> = doc
            .toks
            .iter()
            .filter_map(|t| match t.kind {
                Kind::Mark(c) => Some((c, &text[..t.start])),
                _ => None,
            })
            .map(|(c, before)| (c, &before[before.len().saturating_sub(4)..]))
            .collect();
        assert_eq!(
            marks,
            [
                (LINE_OPEN, "EE: "),
                (LINE_CLOSE, "tay."),
                (LINE_OPEN, "OE: "),
                (LINE_CLOSE, " go.")
            ]
        );
        assert!(!has_transcript("LEE: We stay.\n\nWe go."));
    }

    #[test]
    fn headline_case_is_four_capitalised_words_without_marks() {
        let doc = Doc::new(
            "Mayor Tom Reed Fights Back\n\nSTATE SENATOR WARNS VOTERS\n\n\
             Roads and Bridges\n\nTom Reed spoke on Monday.\n\n\
             \u{201c}We Will Win Now\u{201d}",
            Marks::Double,
        );
        let flags: Vec<bool> = (0..doc.paragraphs())
            .map(|p| doc.headline_case(p))
            .collect();
        assert_eq!(flags, [true, true, false, false, false]);
        assert_eq!(doc.para_of(0), 0);
        assert_eq!(doc.para_of(doc.para_first_tok(3)), 3);
    }
}
