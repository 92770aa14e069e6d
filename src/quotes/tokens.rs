//! Tokens for quote attribution: words, punctuation, double quotation
//! marks and paragraph breaks, each with byte offsets into the document.
//!
//! A blank line (whitespace holding two newlines) is a paragraph break; a
//! lone newline is plain whitespace, so hard-wrapped text reads as its
//! paragraphs. Single quotation marks
//! are never marks here, since `’` is far more often an apostrophe.

use super::lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct(char),
    /// A double quotation mark: `"` `“` `”` `„` `‟` `«` `»`.
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

/// Characters that join two alphanumeric runs into one word ("don’t",
/// "al-Assad", "AT&T").
fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '&')
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
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
                if !(initial || decimal || lexicon::is_abbreviation(seg)) {
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
        } else {
            let kind = if is_double_mark(c) {
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

/// A tokenized document with the queries attribution needs.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok>,
    /// Index of the first token of each paragraph.
    para_first: Vec<usize>,
}

/// How far (in tokens) attribution looks around a quotation.
pub(super) const WINDOW: usize = 60;

impl<'a> Doc<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let toks = tokenize(text);
        let mut para_first = vec![0];
        for (i, t) in toks.iter().enumerate() {
            if t.kind == Kind::Para {
                para_first.push(i + 1);
            }
        }
        Doc {
            text,
            toks,
            para_first,
        }
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
        let doc = Doc::new(text);
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
    fn tokens_turn_blank_lines_into_paragraph_breaks() {
        let doc = Doc::new("One.\n\nTwo “x”\nThree\n \n\nFour");
        let kinds: Vec<Kind> = doc.toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[2], Kind::Para);
        assert_eq!(kinds[4], Kind::Mark('\u{201C}'));
        assert_eq!(kinds[7], Kind::Word, "a lone newline is whitespace");
        assert_eq!(kinds[8], Kind::Para);
        assert_eq!(doc.para_first_tok(2), 9);
    }
}
