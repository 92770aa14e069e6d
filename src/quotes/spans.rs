//! Quotation marks paired into spans: which way a mark faces, how an open
//! quotation carries over into the next paragraph, and the spans' text.
//! See the module docs of `quotes` under "Quotation marks".

use super::*;

/// Most paragraphs one quotation may span.
const MAX_QUOTE_PARAGRAPHS: usize = 5;

/// A paired quotation: token indices of its marks and its joined text.
#[derive(Debug)]
pub(super) struct Span {
    pub(super) open: usize,
    pub(super) close: usize,
    pub(super) first_para: usize,
    pub(super) last_para: usize,
    pub(super) text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
}

/// Whether the mark at token `i` opens or closes, given whether a
/// quotation is open: typographic marks mostly say so themselves, straight
/// ones by what flanks them.
fn direction(doc: &Doc, i: usize, open_state: bool) -> Dir {
    let t = doc.toks[i];
    let Kind::Mark(c) = t.kind else {
        return Dir::Close;
    };
    match c {
        tokens::LINE_OPEN => return Dir::Open,
        tokens::LINE_CLOSE => return Dir::Close,
        _ => {}
    }
    let (prev, next) = doc.around(t.start, t.end);
    let opens_after = |p: char| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '['
                    | '{'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '/'
                    | ':'
                    | ';'
                    | '\u{2018}'
                    | '\''
            )
            || tokens::is_double_mark(p)
    };
    let closes_before = |n: char| {
        n.is_whitespace()
            || matches!(
                n,
                ',' | '.'
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '\u{2026}'
                    | '\u{2019}'
                    | '\''
            )
            || tokens::is_double_mark(n)
    };
    let left = next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(opens_after);
    let right = prev.is_some_and(|p| !p.is_whitespace() && !matches!(p, '(' | '[' | '{'))
        && next.is_none_or(closes_before);
    match c {
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{2018}' => {
            if open_state && right && !left {
                Dir::Close
            } else {
                Dir::Open
            }
        }
        '\u{201D}' | '\u{00BB}' | '\u{2019}' => {
            // A reversed mark opening a paragraph, even before a space:
            // "” … he delivered a mix of …," Barabak wrote.
            let opens_para = prev.is_none_or(|p| p == '\n') && c == '\u{201D}';
            if !open_state && ((left && !right) || opens_para) {
                Dir::Open
            } else {
                Dir::Close
            }
        }
        _ => match (left, right) {
            (true, false) => Dir::Open,
            (false, true) => Dir::Close,
            _ if open_state => Dir::Close,
            _ => Dir::Open,
        },
    }
}

/// How an open quotation carries on into the paragraph starting at a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carry {
    /// The paragraph re-opens with a mark (wire convention).
    Reopen,
    /// The paragraph goes on without a mark before the closing one.
    Plain,
}

fn carries_into(doc: &Doc, j: usize) -> Option<Carry> {
    if j >= doc.len() {
        return None;
    }
    if matches!(doc.toks[j].kind, Kind::Mark(_)) && direction(doc, j, true) == Dir::Open {
        return Some(Carry::Reopen);
    }
    for k in j..doc.len() {
        match doc.toks[k].kind {
            Kind::Para => return Some(Carry::Plain),
            Kind::Mark(_) => {
                return (direction(doc, k, true) == Dir::Close).then_some(Carry::Plain)
            }
            _ => {}
        }
    }
    None
}

/// Pairs the quotation marks of the document.
pub(super) fn find_spans(doc: &Doc) -> Vec<Span> {
    struct Building {
        open: usize,
        first_para: usize,
        paras: usize,
        piece_start: usize,
        reopen_at: Option<usize>,
        pieces: Vec<(usize, usize)>,
        /// A transcript line ("“PENCE: Well, …"), which ends with its
        /// paragraph unless the next one carries it on without a label.
        labelled: bool,
        /// Inside a quotation nested in a transcript line in the other
        /// shape of mark ("PENCE: … an episode of “Shark Tank.” But …).
        inner: bool,
    }
    // The span of a finished quotation closing at token `close`.
    let finish = |b: Building, close: usize, last_para: usize| -> Option<Span> {
        let mut text = String::new();
        for &(a, z) in &b.pieces {
            for w in doc.text[a..z].split_whitespace() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(w);
            }
        }
        let text = text.trim_end_matches([',', ' ']).to_string();
        text.chars().any(char::is_alphanumeric).then_some(Span {
            open: b.open,
            close,
            first_para: b.first_para,
            last_para,
            text,
        })
    };
    let mut spans = Vec::new();
    let mut cur: Option<Building> = None;
    let mut para = 0;
    for i in 0..doc.len() {
        let t = doc.toks[i];
        match t.kind {
            Kind::Para => {
                para += 1;
                if let Some(b) = cur.as_mut() {
                    b.pieces.push((b.piece_start, t.start));
                    b.paras += 1;
                    let carry = carries_into(doc, i + 1);
                    let relabelled = carry == Some(Carry::Reopen)
                        && tokens::label_at(&doc.toks, doc.text, i + 2).is_some();
                    b.inner = false;
                    if b.labelled
                        && (relabelled
                            || carry != Some(Carry::Reopen)
                            || b.paras > MAX_QUOTE_PARAGRAPHS)
                    {
                        let b = cur.take().expect("just matched");
                        spans.extend(finish(b, i - 1, para - 1));
                        continue;
                    }
                    match carry {
                        Some(Carry::Reopen) if b.paras <= MAX_QUOTE_PARAGRAPHS => {
                            b.reopen_at = Some(i + 1)
                        }
                        Some(Carry::Plain) if b.paras <= MAX_QUOTE_PARAGRAPHS => {
                            b.piece_start = doc.toks[i + 1].start
                        }
                        _ => cur = None,
                    }
                }
            }
            Kind::Mark(_) => {
                if let Some(b) = cur.as_mut() {
                    if b.reopen_at == Some(i) {
                        b.piece_start = t.end;
                        b.reopen_at = None;
                        continue;
                    }
                    let straight = |k: usize| {
                        doc.toks[k].end - doc.toks[k].start == 1
                            && doc.text[doc.toks[k].start..].starts_with('"')
                    };
                    if b.labelled && straight(b.open) && !straight(i) {
                        b.inner = !b.inner;
                        continue;
                    }
                }
                match direction(doc, i, cur.is_some()) {
                    Dir::Open => {
                        cur = Some(Building {
                            open: i,
                            first_para: para,
                            paras: 1,
                            piece_start: t.end,
                            reopen_at: None,
                            pieces: Vec::new(),
                            inner: false,
                            labelled: (i == 0 || doc.toks[i - 1].kind == Kind::Para)
                                && tokens::label_at(&doc.toks, doc.text, i + 1).is_some(),
                        })
                    }
                    Dir::Close => {
                        if let Some(mut b) = cur.take() {
                            b.pieces.push((b.piece_start, t.start));
                            spans.extend(finish(b, i, para));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // A transcript line ending the document.
    if let Some(b) = cur.filter(|b| b.labelled) {
        let last = doc.len() - 1;
        let mut b = b;
        b.pieces.push((b.piece_start, doc.toks[last].end));
        spans.extend(finish(b, last, para));
    }
    spans
}

pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A quotation whose longer words are all capitalised reads as the name of
/// something ("Lyon Charter for Safety in Cyberspace").
pub(super) fn title_like(text: &str) -> bool {
    let mut long = 0;
    for w in text.split_whitespace() {
        let letters = w.trim_matches(|c: char| !c.is_alphanumeric());
        if letters.chars().count() >= 4 {
            if !letters.starts_with(char::is_uppercase) {
                return false;
            }
            long += 1;
        }
    }
    long >= 2 && word_count(text) <= 12
}
