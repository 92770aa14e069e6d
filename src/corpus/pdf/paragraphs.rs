//! Lines in reading order → paragraphs: where one ends, how lines join
//! (hyphenation), and when a paragraph runs on across a column or page.

use std::collections::HashSet;

use super::layout::{Line, LineKind};
use crate::corpus::clean::{ends_sentence, list_marker_len as text_marker_len, normalize_inline};
use crate::corpus::extract::{Paragraph, ReadStats, Role};
use crate::corpus::sections;

/// Letters that stand for a bullet when a symbol font's glyphs are mapped
/// to the character codes they sit at: Wingdings' ■ ● ❑ ❖ ✓ ➢ and ▪ (`n`,
/// `l`, `q`, `v`, `ü`, `Ø`, `§`), and the `o` Word sets in Courier New for
/// a second-level bullet.
const LETTER_BULLETS: &[char] = &['n', 'l', 'q', 'v', 'ü', 'Ø', '§', 'o'];

/// The length of a line's list marker: a bullet, number or letter as any
/// text writes it (see [`text_marker_len`]), or a symbol font's bullet
/// read as a letter ([`LETTER_BULLETS`]) alone before a capital or digit.
fn list_marker_len(text: &str) -> Option<usize> {
    text_marker_len(text).or_else(|| {
        let mut chars = text.char_indices();
        let (_, bullet) = chars.next()?;
        let (space, gap) = chars.next()?;
        let (_, next) = chars.next()?;
        (LETTER_BULLETS.contains(&bullet)
            && gap == ' '
            && (next.is_uppercase() || next.is_ascii_digit()))
        .then_some(space + 1)
    })
}

/// A paragraph being built.
struct Building {
    text: String,
    page: u32,
    last_page: u32,
    /// Font size of its first line.
    size: f64,
    role: Role,
    /// Lines it has so far.
    lines: usize,
    /// All its lines are set in bold.
    bold: bool,
}

impl Building {
    fn start(line: &Line, page: u32, body_size: f64) -> Building {
        let role = match line.kind {
            LineKind::TableRow => Role::TableRow,
            LineKind::Footnote => Role::Footnote,
            LineKind::Text if list_marker_len(&line.text).is_some() => Role::ListItem,
            // large type that is a heading, not a chart's figures or a
            // figure's caption set large
            LineKind::Text
                if line.size > body_size * 1.15
                    && line.text.contains(char::is_alphabetic)
                    && !sections::is_caption(&line.text) =>
            {
                Role::Heading
            }
            LineKind::Text => Role::Body,
        };
        Building {
            text: line.text.trim().to_string(),
            page,
            last_page: page,
            size: line.size,
            role,
            lines: 1,
            bold: line.bold,
        }
    }

    /// Whether a body paragraph is a heading set in body type in capitals
    /// (`REFERENCES`, `WHY WE DROPPED SOME ISSUES`): one line that reads
    /// as a plain-text heading would. Fonts often do not say they are bold.
    fn capitals_heading(&self) -> bool {
        self.role == Role::Body
            && self.lines == 1
            && !self.text.contains(char::is_lowercase)
            && sections::looks_like_plain_heading(&self.text, self.role)
    }

    /// Whether a body paragraph is a heading set in body type: one short
    /// line, all in bold, starting with a capital or a number, not ending
    /// in a full stop, and no address or code (`@`, `=`, `<`, `://`).
    fn bold_heading(&self) -> bool {
        let text = self.text.trim();
        self.role == Role::Body
            && self.bold
            && self.lines == 1
            && text.chars().count() <= BOLD_HEADING_CHARS
            && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !text.ends_with('.')
            && !text.contains(['@', '=', '<'])
            && !text.contains("://")
    }

    fn finish(self) -> Option<Paragraph> {
        let mut text = normalize_inline(&self.text);
        if self.role == Role::ListItem {
            // a bullet says nothing a reader needs; "1." or "(a)" does
            if let Some(len) = list_marker_len(&text) {
                if text_marker_len(&text).is_none() || !text[..len].contains(char::is_alphanumeric)
                {
                    text.drain(..len);
                }
            }
        }
        if self.role == Role::Footnote {
            // the note's own number, set raised: the role says what it is
            let number = text.len() - text.trim_start_matches(NOTE_MARKS).trim_start().len();
            text.drain(..number);
        }
        (!text.is_empty()).then(|| Paragraph {
            last_page: (self.last_page > self.page).then_some(self.last_page),
            role: self.role,
            ..Paragraph::on_page(text, self.page)
        })
    }
}

/// Builds the paragraphs of pages whose lines are in reading order, each
/// page's footnotes last (see [`super::layout::arrange`]). `body_size` is
/// the document's usual font size. A page's footnotes follow the paragraph
/// that was open when the page ended.
pub(super) fn build_paragraphs(
    pages: &[(u32, Vec<Line>)],
    body_size: f64,
    stats: &mut ReadStats,
) -> Vec<Paragraph> {
    let leading = typical_leading(pages, body_size);
    let words = Words::of(pages);
    let mut done: Vec<Building> = Vec::new();
    let mut notes: Vec<Building> = Vec::new();
    let mut current: Option<Building> = None;
    for (page, lines) in pages {
        let margins = right_margins(lines);
        let mut prev: Option<(&Line, f64)> = None;
        let mut prev_note: Option<&Line> = None;
        for (line, &margin) in lines.iter().zip(&margins) {
            if line.kind == LineKind::Footnote {
                let continues = prev_note.is_some_and(|p| {
                    line.y - p.y <= leading * 1.4 * line.size / body_size
                        && !starts_note(&line.text)
                });
                match notes.last_mut() {
                    Some(note) if continues => {
                        stats.hyphens_joined +=
                            u32::from(join_line(&mut note.text, &line.text, &words));
                    }
                    _ => notes.push(Building::start(line, *page, body_size)),
                }
                prev_note = Some(line);
                continue;
            }
            let new_paragraph = match (&current, prev) {
                (None, _) => true,
                (Some(open), None) => !continues_across_break(open, line),
                (Some(open), Some((prev, margin))) => {
                    if line.column_index != prev.column_index || line.y < prev.y - prev.size {
                        !continues_across_break(open, line)
                    } else {
                        ends_paragraph(prev, margin, line, open, leading, body_size)
                    }
                }
            };
            if new_paragraph {
                if let Some(open) = current.replace(Building::start(line, *page, body_size)) {
                    done.push(open);
                    // notes of earlier pages follow the paragraph open when
                    // their page ended
                    let earlier = notes.iter().take_while(|n| n.page < *page).count();
                    done.extend(notes.drain(..earlier));
                }
            } else if let Some(open) = current.as_mut() {
                stats.hyphens_joined += u32::from(join_line(&mut open.text, &line.text, &words));
                open.last_page = *page;
                open.lines += 1;
                open.bold &= line.bold;
            }
            prev = Some((line, margin));
        }
    }
    done.extend(current);
    done.extend(notes);
    stats.hyphens_joined += rejoin_interrupted(&mut done, &words);
    // A bold line alone, followed by prose not in bold, is a heading; so is
    // a line in capitals followed by prose that is not.
    for i in 0..done.len().saturating_sub(1) {
        let next = &done[i + 1];
        let prose_follows = matches!(next.role, Role::Body | Role::ListItem);
        if prose_follows
            && ((done[i].bold_heading() && !next.bold)
                || (done[i].capitals_heading() && !next.capitals_heading()))
        {
            done[i].role = Role::Heading;
        }
    }
    done.into_iter().filter_map(Building::finish).collect()
}

/// Most blocks, and longest of each in characters, that may stand between
/// a sentence and its continuation: a chart's figures, a copyright notice
/// or masthead at a column's foot, a footer left in.
const MAX_INTERRUPTIONS: usize = 6;
const MAX_INTERRUPTION_CHARS: usize = 300;

/// Joins prose that stops mid-sentence to its continuation when a few
/// short blocks stand between them ("…only 67% of respondents" / "80% 56%"
/// / "in their respective sectors …"): the blocks follow the joined
/// paragraph. Returns how many words were re-joined across a hyphen.
fn rejoin_interrupted(done: &mut Vec<Building>, words: &Words) -> u32 {
    let mut joined_hyphens = 0;
    let mut i = 0;
    while i < done.len() {
        let cut =
            matches!(done[i].role, Role::Body | Role::ListItem) && stops_in_prose(&done[i].text);
        if !cut {
            i += 1;
            continue;
        }
        let continuation = (i + 1..done.len().min(i + 2 + MAX_INTERRUPTIONS))
            .find(|&j| done[j].role == Role::Body && goes_on_in_prose(&done[j].text));
        // Only furniture stands between: short blocks, none of them prose
        // of its own (a sentence ended, or a cut one); or a publisher's
        // notice at a column's foot (a copyright line, the ISBN and DOI,
        // and the funding or licence sentences set with them).
        let between_furniture = |j: usize| {
            let run = &done[i + 1..j];
            // Neither a continuation nor cut prose of its own.
            let whole = |k: &Building| {
                !(k.text.starts_with(char::is_lowercase)
                    || k.role == Role::Body && stops_in_prose(&k.text))
            };
            let short = run.iter().all(|k| {
                k.text.chars().count() <= MAX_INTERRUPTION_CHARS
                    && whole(k)
                    && !(k.role == Role::Body
                        && k.text.len() >= PROSE_CHARS
                        && ends_sentence(&k.text))
            });
            let notice = run.iter().any(|k| is_publisher_notice(&k.text))
                && run.iter().map(|k| k.text.chars().count()).sum::<usize>() <= MAX_NOTICE_CHARS
                && run.iter().all(whole);
            short || notice
        };
        match continuation {
            Some(j) if j > i + 1 && between_furniture(j) => {
                let next = done.remove(j);
                let open = &mut done[i];
                joined_hyphens += u32::from(join_line(&mut open.text, &next.text, words));
                open.last_page = open.last_page.max(next.last_page);
                open.lines += next.lines;
            }
            _ => i += 1,
        }
    }
    joined_hyphens
}

/// Longest publisher's notice, in characters of all its blocks, that may
/// stand between a sentence and its continuation (ACM's rights box is
/// about 700).
const MAX_NOTICE_CHARS: usize = 1_500;

/// A copyright, licence or publication notice: what a publisher sets at
/// the foot of a first page or of every page, not the author's prose.
fn is_publisher_notice(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.contains('©')
        || [
            "copyright",
            "all rights reserved",
            "licensed under",
            "creative commons",
            "permission to make digital or hard copies",
            "isbn ",
            "doi.org/",
        ]
        .iter()
        .any(|mark| lower.contains(mark))
}

/// Shortest paragraph taken for running prose when it is cut.
const PROSE_CHARS: usize = 100;

/// Prose that stops inside a sentence, on a word or a comma: not a chart's
/// figures ("7", "80% 56%"), a contents line ("Conclusions ..... 28") or a
/// short label.
fn stops_in_prose(text: &str) -> bool {
    let text = text.trim_end();
    text.len() >= PROSE_CHARS
        && !text.contains("....")
        && text.ends_with(|c: char| c.is_alphabetic() || c == ',')
        && !text
            .split_whitespace()
            .last()
            .is_some_and(looks_like_code_or_address)
}

/// Words in lower case that go on with a sentence, not a web address,
/// code or a formula ("https://…", "include()", "e ← 〈P, V〉").
fn goes_on_in_prose(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches([',', ';', ':', '.']);
    word.starts_with(char::is_lowercase)
        && (word.chars().count() >= 2 || word == "a")
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '’' || c == '\'')
}

fn looks_like_code_or_address(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word.contains(['(', ')', '$', '{', '=', '<', ';'])
}

/// Longest heading, in characters, that a paragraph in body type set in
/// bold may be.
const BOLD_HEADING_CHARS: usize = 120;

/// Whether `line` starts a new paragraph after `prev` in the same column:
/// a table row, a wider gap than usual line spacing, a change of font size
/// or from bold to not (a heading in body type), a list marker, an indented first line, or a previous line that stopped
/// short although the first word of this one would have fitted after it.
/// A gap below three lines, an indent or a short line do not when `prev`
/// stopped mid-sentence and this line goes on in lower case (a formula set
/// apart in the sentence, the words after it).
fn ends_paragraph(
    prev: &Line,
    margin: f64,
    line: &Line,
    open: &Building,
    leading: f64,
    body_size: f64,
) -> bool {
    if line.kind == LineKind::TableRow || prev.kind == LineKind::TableRow {
        return true;
    }
    let size = line.size.max(prev.size);
    let dy = line.y - prev.y;
    let room = margin - prev.x1;
    let runs_on = mid_sentence(&prev.text) && line.text.starts_with(char::is_lowercase);
    let gap = leading * size / body_size;
    (dy > gap * 1.4 && !(runs_on && dy <= gap * 3.0))
        || (prev.bold != line.bold && !runs_on)
        || (line.size - prev.size).abs() > 0.15 * size
        || list_marker_len(&line.text).is_some()
        || (room > first_word_width(line) + line.size * 0.6 && !runs_on)
        || (open.role != Role::ListItem
            && line.x0 > prev.x0 + line.size * 0.8
            && (room > line.size || ends_sentence(&prev.text))
            && !runs_on)
}

/// Lines either side of a line whose right ends tell where its right
/// margin is.
const MARGIN_WINDOW: usize = 4;

/// The right margin at each line: the second furthest right end among the
/// lines around it in the same block and font size, not crossing a
/// vertical gap wider than two lines. One odd line (a URL, a line set
/// wider) does not set the margin for its neighbours.
fn right_margins(lines: &[Line]) -> Vec<f64> {
    let near = |a: &Line, b: &Line| {
        a.column_index == b.column_index
            && a.kind == LineKind::Text
            && b.kind == LineKind::Text
            && (a.y - b.y).abs() <= a.size.max(b.size) * 2.0
    };
    (0..lines.len())
        .map(|i| {
            let line = &lines[i];
            let same_size = |l: &Line| (l.size - line.size).abs() <= 0.15 * line.size;
            let mut ends = vec![line.x1];
            let mut j = i;
            while j > 0 && i - j < MARGIN_WINDOW && near(&lines[j - 1], &lines[j]) {
                j -= 1;
                ends.extend(same_size(&lines[j]).then_some(lines[j].x1));
            }
            let mut j = i;
            while j + 1 < lines.len() && j - i < MARGIN_WINDOW && near(&lines[j], &lines[j + 1]) {
                j += 1;
                ends.extend(same_size(&lines[j]).then_some(lines[j].x1));
            }
            if ends.len() < 2 {
                // too few lines around to tell: the block's right edge
                return line.column.1.max(line.x1);
            }
            ends.sort_by(|a, b| b.total_cmp(a));
            ends[1].max(line.x1)
        })
        .collect()
}

/// The width of a line's first word as drawn, or, where unknown, half an
/// em per character (the average of proportional fonts).
fn first_word_width(line: &Line) -> f64 {
    if line.first_word > 0.0 {
        return line.first_word;
    }
    let word = line.text.split_whitespace().next().unwrap_or("");
    word.chars().count() as f64 * line.size * 0.5
}

/// Whether a paragraph cut by a column or page break goes on with `line`:
/// it stopped mid-sentence and `line` does not look like a start.
fn continues_across_break(open: &Building, line: &Line) -> bool {
    let prev = open.text.trim_end();
    let next = line.text.trim_start();
    line.kind == LineKind::Text
        && matches!(open.role, Role::Body | Role::ListItem)
        && list_marker_len(next).is_none()
        && (open.size - line.size).abs() <= 0.15 * open.size.max(line.size)
        && !ends_sentence(prev)
        && (next.starts_with(|c: char| c.is_lowercase())
            || prev.ends_with(',')
            || prev.ends_with('-'))
}

/// A line that stops inside a sentence: no closing punctuation, or a
/// comma, or a hyphen.
fn mid_sentence(text: &str) -> bool {
    !ends_sentence(text)
}

/// What a footnote starts with: its number or mark.
const NOTE_MARKS: &[char] = &[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '†', '‡', '§',
];

/// A footnote line that begins a note: its number or mark first.
fn starts_note(text: &str) -> bool {
    text.trim_start().starts_with(NOTE_MARKS)
}

/// The most common distance between consecutive baselines of one column
/// in body text, in points; used to tell a paragraph gap from ordinary
/// line spacing.
fn typical_leading(pages: &[(u32, Vec<Line>)], body_size: f64) -> f64 {
    let mut gaps: Vec<f64> = pages
        .iter()
        .flat_map(|(_, lines)| lines.windows(2))
        .filter(|p| p[0].column_index == p[1].column_index && p[1].kind == LineKind::Text)
        .map(|p| p[1].y - p[0].y)
        .filter(|dy| *dy > body_size * 0.5)
        .collect();
    median(&mut gaps).unwrap_or(body_size * 1.2)
}

/// The document's usual font size: the median over its lines, weighted by
/// their length.
pub(super) fn body_size(pages: &[(u32, Vec<Line>)]) -> f64 {
    let mut sizes: Vec<(f64, usize)> = pages
        .iter()
        .flat_map(|(_, l)| l.iter().map(|l| (l.size, l.text.len())))
        .collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let half = sizes.iter().map(|s| s.1).sum::<usize>() / 2;
    let mut seen = 0;
    for (size, len) in &sizes {
        seen += len;
        if seen > half {
            return size.max(0.1);
        }
    }
    10.0
}

fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// Prefixes that usually form real hyphenated compounds ("non-state",
/// "self-defence", "cross-border"), so a hyphen after them at a line end
/// is kept. Short prefixes that often start plain words broken by
/// hyphenation ("pre-vent", "post-pone", "inter-national") are left out.
const COMPOUND_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "multi", "non", "quasi", "self", "semi", "state", "well",
];

/// Second parts of common compounds ("confidence-building", "rules-based",
/// "so-called", "follow-up"): before one of them a hyphen at a line end is
/// kept whatever the first part.
const COMPOUND_SECOND_PARTS: &[&str] = &[
    "based",
    "building",
    "called",
    "free",
    "led",
    "level",
    "making",
    "oriented",
    "owned",
    "related",
    "run",
    "scale",
    "specific",
    "sponsored",
    "term",
    "up",
    "wide",
];

/// Word endings that are never a word on their own: after one of them the
/// hyphen was hyphenation even behind a compound prefix ("state-ment").
const SUFFIXES: &[&str] = &[
    "ment", "ments", "ly", "ness", "less", "ful", "hood", "ship", "ed", "ing", "s", "er", "ers",
];

/// The words a document writes within its lines, lower-cased: the
/// hyphenated ones ("confidence-building") and the plain ones
/// ("expectations"), to tell a compound split at its hyphen from a word
/// broken by hyphenation.
#[derive(Default)]
struct Words {
    compounds: HashSet<String>,
    plain: HashSet<String>,
}

impl Words {
    fn of(pages: &[(u32, Vec<Line>)]) -> Words {
        let mut words = Words::default();
        let lines = pages.iter().flat_map(|(_, lines)| lines.iter());
        for line in lines {
            // a line's last word may be broken by hyphenation
            let mut tokens = line.text.split_whitespace().peekable();
            while let Some(token) = tokens.next() {
                let word = token.trim_matches(|c: char| !c.is_alphanumeric());
                if word.is_empty() || (tokens.peek().is_none() && token.ends_with('-')) {
                    continue;
                }
                if word.contains('-') {
                    if word.split('-').all(|part| !part.is_empty()) {
                        words.compounds.insert(word.to_lowercase());
                    }
                } else if word.chars().all(char::is_alphabetic) {
                    words.plain.insert(word.to_lowercase());
                }
            }
        }
        words
    }
}

/// Appends the next line to a paragraph; returns whether it re-joined a
/// word broken by hyphenation. A line ending in a soft hyphen joins
/// without it. A line ending in a hyphen right after a letter is a word
/// split across lines; the hyphen is dropped ("cyber-" + "space" →
/// "cyberspace") when the document writes the joined word elsewhere
/// ("ex-" + "pectations" → "expectations"), and otherwise unless
/// - the next line does not start with a lower-case letter ("non-" + "EU",
///   "COVID-" + "19"),
/// - the part before is already a compound ("state-of-" + "the-art"),
/// - the document writes the compound with its hyphen elsewhere, or the
///   part after is one of [`COMPOUND_SECOND_PARTS`] ("confidence-" +
///   "building"), or
/// - the part before is one of [`COMPOUND_PREFIXES`] and the part after is
///   not one of [`SUFFIXES`] ("non-" + "state" → "non-state").
fn join_line(paragraph: &mut String, next: &str, words: &Words) -> bool {
    let next = next.trim();
    if paragraph.ends_with('\u{AD}') {
        paragraph.pop();
        paragraph.push_str(next);
        return true;
    }
    if let Some(keep) = join_hyphenated(paragraph, next, words) {
        if !keep {
            paragraph.pop();
        }
        paragraph.push_str(next);
        return !keep;
    }
    paragraph.push(' ');
    paragraph.push_str(next);
    false
}

/// For a paragraph ending in a letter and a hyphen: `Some(true)` to keep the
/// hyphen, `Some(false)` to drop it; `None` when it does not end like that.
fn join_hyphenated(paragraph: &str, next: &str, words: &Words) -> Option<bool> {
    let before = paragraph.strip_suffix('-')?;
    if !before.ends_with(char::is_alphabetic) {
        return None;
    }
    if !next.starts_with(char::is_lowercase) {
        return Some(true);
    }
    let fragment = before.rsplit(char::is_whitespace).next().unwrap_or(before);
    if fragment.contains('-') {
        return Some(true);
    }
    let fragment = fragment
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let after: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let after = after.to_lowercase();
    let compound = format!("{fragment}-{after}");
    if words.compounds.contains(&compound) {
        return Some(true);
    }
    if words.plain.contains(&format!("{fragment}{after}")) {
        return Some(false);
    }
    Some(
        COMPOUND_SECOND_PARTS.contains(&after.as_str())
            || (COMPOUND_PREFIXES.contains(&fragment.as_str())
                && !SUFFIXES.contains(&after.as_str())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line {
            column: (72.0, 540.0),
            ..Line::plain(text, x0, x1, y, 10.0)
        }
    }

    fn build(pages: &[(u32, Vec<Line>)]) -> Vec<Paragraph> {
        build_paragraphs(pages, 10.0, &mut ReadStats::default())
    }

    fn texts(paragraphs: &[Paragraph]) -> Vec<&str> {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    fn joined(a: &str, b: &str) -> String {
        let mut s = a.to_string();
        join_line(&mut s, b, &Words::default());
        s
    }

    #[test]
    fn prose_cut_by_a_chart_s_figures_is_joined_and_the_figures_follow() {
        // The chart's figures and the formula are set smaller than the prose.
        let small = |text: &str, y: f64| Line {
            column: (72.0, 540.0),
            ..Line::plain(text, 300.0, 360.0, y, 7.0)
        };
        let pages = vec![(
            1,
            vec![
                line(
                    "While most of the respondents say that the norms of the",
                    72.0,
                    520.0,
                    100.0,
                ),
                line(
                    "Call would help their entity in the end reach and achieve",
                    72.0,
                    520.0,
                    112.0,
                ),
                small("89% 67%", 200.0),
                line(
                    "its goals, only a few of them act on the norms of the",
                    72.0,
                    520.0,
                    300.0,
                ),
                line(
                    "Call. Some said they would act on them in a year.",
                    72.0,
                    400.0,
                    312.0,
                ),
                line(
                    "The last of the groups said that it would wait and see",
                    72.0,
                    520.0,
                    330.0,
                ),
                line(
                    "what the others do with the norms before it acts on",
                    72.0,
                    520.0,
                    342.0,
                ),
                small("e ← 〈P, V〉 where", 500.0),
                line("them.", 72.0, 400.0, 600.0),
            ],
        )];
        assert_eq!(
            texts(&build(&pages)),
            [
                "While most of the respondents say that the norms of the Call would help their \
                 entity in the end reach and achieve its goals, only a few of them act on the \
                 norms of the Call. Some said they would act on them in a year.",
                "89% 67%",
                "The last of the groups said that it would wait and see what the others do with \
                 the norms before it acts on",
                "e ← 〈P, V〉 where",
                "them.",
            ]
        );
    }

    #[test]
    fn prose_cut_by_a_publisher_s_notice_is_joined_and_the_notice_follows() {
        // The notice is set small at the foot of the left column, as ACM's.
        let small = |text: &str, y: f64| Line {
            column: (72.0, 300.0),
            ..Line::plain(text, 72.0, 300.0, y, 7.0)
        };
        let pages = vec![(
            1,
            vec![
                line(
                    "Binary rewriting tools could address old problems, but to be",
                    72.0,
                    300.0,
                    100.0,
                ),
                line(
                    "viable they must generalise to the full variety",
                    72.0,
                    300.0,
                    112.0,
                ),
                small(
                    "The publisher acknowledges that this work was written by an employee",
                    600.0,
                ),
                small(
                    "of a national government, which keeps a right to publish it.",
                    608.0,
                ),
                small("Workshop 2022, Lakeside, Aldmark", 630.0),
                small("© 2022 Society of Examples.", 650.0),
                small("ISBN 978-0-00-000000-0/22/08", 670.0),
                line("of programs on many platforms.", 320.0, 540.0, 100.0),
            ],
        )];
        assert_eq!(
            texts(&build(&pages))[0],
            "Binary rewriting tools could address old problems, but to be viable they must \
             generalise to the full variety of programs on many platforms."
        );
        // Without the notice's marks, a paragraph of prose between is the
        // document's own, and nothing is joined across it.
        let mut plain = pages.clone();
        plain[0]
            .1
            .retain(|l| !l.text.contains('©') && !l.text.starts_with("ISBN"));
        assert!(texts(&build(&plain))[0].ends_with("the full variety"));
    }

    #[test]
    fn a_compound_the_document_writes_elsewhere_keeps_its_hyphen() {
        let compounds = Words::of(&[(
            1,
            vec![line("confidence-building measures", 0.0, 100.0, 10.0)],
        )]);
        let mut s = "more confidence-".to_string();
        join_line(&mut s, "building, less cyber-", &compounds);
        join_line(&mut s, "space", &compounds);
        assert_eq!(s, "more confidence-building, less cyberspace");
        assert_eq!(joined("a rules-", "based order"), "a rules-based order");
        assert_eq!(joined("a so-", "called norm"), "a so-called norm");
    }

    #[test]
    fn hyphenated_word_across_lines_is_rejoined() {
        assert_eq!(
            joined("law applies in cyber-", "space and beyond"),
            "law applies in cyberspace and beyond"
        );
    }

    #[test]
    fn compound_after_known_prefix_keeps_hyphen() {
        assert_eq!(joined("that non-", "state actors"), "that non-state actors");
        assert_eq!(
            joined("the self-", "defence clause"),
            "the self-defence clause"
        );
    }

    #[test]
    fn known_prefix_followed_by_suffix_is_hyphenation() {
        assert_eq!(joined("a state-", "ment of"), "a statement of");
    }

    #[test]
    fn hyphen_before_capital_or_digit_is_kept() {
        assert_eq!(joined("non-", "EU States"), "non-EU States");
        assert_eq!(joined("COVID-", "19 era"), "COVID-19 era");
    }

    #[test]
    fn existing_compound_keeps_its_last_hyphen() {
        assert_eq!(
            joined("state-of-", "the-art tools"),
            "state-of-the-art tools"
        );
    }

    #[test]
    fn soft_hyphen_and_plain_line_end_join() {
        assert_eq!(joined("cyber\u{AD}", "space"), "cyberspace");
        assert_eq!(joined("spaced dash -", "here"), "spaced dash - here");
        assert_eq!(joined("one", "two"), "one two");
    }

    #[test]
    fn paragraphs_split_on_gap_list_marker_and_short_sentence_end() {
        let lines = vec![
            line("The first paragraph runs across", 72.0, 540.0, 100.0),
            line("two lines.", 72.0, 150.0, 112.0),
            line(
                "A second one follows without a gap and is",
                72.0,
                540.0,
                124.0,
            ),
            line("long.", 72.0, 100.0, 136.0),
            line("After a gap comes the list:", 72.0, 300.0, 160.0),
            line("1. First item that wraps onto", 72.0, 540.0, 172.0),
            line("a second line.", 90.0, 200.0, 184.0),
            line("2. Second item.", 72.0, 200.0, 196.0),
        ];
        let paragraphs = build(&[(4, lines)]);
        assert_eq!(
            texts(&paragraphs),
            [
                "The first paragraph runs across two lines.",
                "A second one follows without a gap and is long.",
                "After a gap comes the list:",
                "1. First item that wraps onto a second line.",
                "2. Second item.",
            ]
        );
        assert!(paragraphs.iter().all(|p| p.page == Some(4)));
    }

    #[test]
    fn a_sentence_runs_on_after_a_displayed_formula() {
        let lines = vec![
            line("We take the polynomials over the field", 72.0, 540.0, 76.0),
            line(
                "and check that the identity holds on the",
                72.0,
                540.0,
                88.0,
            ),
            line("domain, where", 72.0, 150.0, 100.0),
            line("eq(X) = a(X)b(X) + c(X)", 200.0, 400.0, 124.0),
            line("is the constraint it has to meet.", 72.0, 400.0, 148.0),
            line("After a full stop and a gap, a", 72.0, 540.0, 172.0),
            line("new paragraph starts.", 72.0, 300.0, 184.0),
        ];
        assert_eq!(
            texts(&build(&[(1, lines)])),
            [
                "We take the polynomials over the field and check that the identity holds on the \
                 domain, where eq(X) = a(X)b(X) + c(X) is the constraint it has to meet.",
                "After a full stop and a gap, a new paragraph starts."
            ]
        );
    }

    #[test]
    fn a_symbol_fonts_bullet_read_as_a_letter_starts_a_list_item() {
        // Wingdings' ■ comes through as "n"
        let lines = vec![
            line(
                "n Insecure Id's – most web sites use some form of id,",
                72.0,
                540.0,
                100.0,
            ),
            line(
                "key, or index: see http://www.example.org/ids",
                90.0,
                400.0,
                112.0,
            ),
            line(
                "n Forced Browsing – many sites require users to pass",
                72.0,
                540.0,
                130.0,
            ),
            line("certain checks.", 90.0, 200.0, 142.0),
            line(
                "The next sentence ends a paragraph with n",
                72.0,
                540.0,
                160.0,
            ),
            line("a word.", 72.0, 120.0, 172.0),
        ];
        let paragraphs = build(&[(1, lines)]);
        assert_eq!(
            texts(&paragraphs),
            [
                "Insecure Id's – most web sites use some form of id, key, or index: see \
                 http://www.example.org/ids",
                "Forced Browsing – many sites require users to pass certain checks.",
                "The next sentence ends a paragraph with n a word."
            ]
        );
        assert_eq!(paragraphs[0].role, Role::ListItem);
    }

    #[test]
    fn a_bold_line_alone_before_prose_is_a_heading() {
        let bold = |text: &str, x1: f64, y: f64| Line {
            bold: true,
            ..line(text, 72.0, x1, y)
        };
        let lines = vec![
            bold("Scope of the norms", 200.0, 100.0),
            line(
                "The norms apply to States in peacetime and in",
                72.0,
                540.0,
                112.0,
            ),
            line("armed conflict alike.", 72.0, 200.0, 124.0),
            bold("Bold text that makes a whole sentence.", 400.0, 136.0),
            line(
                "Prose goes on after it without a gap between",
                72.0,
                540.0,
                148.0,
            ),
            line("the two.", 72.0, 120.0, 160.0),
            bold("Part II", 150.0, 184.0),
            bold("Norms of restraint", 250.0, 196.0),
        ];
        let paragraphs = build(&[(1, lines)]);
        let roles: Vec<(&str, Role)> = paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.role))
            .collect();
        assert_eq!(
            roles,
            [
                ("Scope of the norms", Role::Heading),
                (
                    "The norms apply to States in peacetime and in armed conflict alike.",
                    Role::Body
                ),
                ("Bold text that makes a whole sentence.", Role::Body),
                (
                    "Prose goes on after it without a gap between the two.",
                    Role::Body
                ),
                // two lines: a bold paragraph, not a heading
                ("Part II Norms of restraint", Role::Body),
            ]
        );
    }

    #[test]
    fn capitals_before_prose_head_it_but_figures_and_captions_set_large_do_not() {
        let large = |text: &str, x1: f64, y: f64| Line {
            size: 14.0,
            ..line(text, 72.0, x1, y)
        };
        let lines = vec![
            line("VULNERABILITY", 72.0, 160.0, 100.0),
            line(
                "Every form that takes input is at risk of",
                72.0,
                540.0,
                112.0,
            ),
            line("being misused.", 72.0, 200.0, 124.0),
            large("16%", 100.0, 140.0),
            large("Figure 2: Attacks by year", 300.0, 170.0),
            large("Findings", 150.0, 200.0),
            line(
                "Then prose that goes on over two lines and",
                72.0,
                540.0,
                212.0,
            ),
            line("ends here.", 72.0, 150.0, 224.0),
        ];
        let roles: Vec<(String, Role)> = build(&[(1, lines)])
            .into_iter()
            .map(|p| (p.text, p.role))
            .collect();
        let role = |text: &str| roles.iter().find(|(t, _)| t == text).map(|(_, r)| *r);
        assert_eq!(role("VULNERABILITY"), Some(Role::Heading));
        assert_eq!(role("16%"), Some(Role::Body));
        assert_eq!(role("Figure 2: Attacks by year"), Some(Role::Body));
        assert_eq!(role("Findings"), Some(Role::Heading));
        assert_eq!(
            role("Every form that takes input is at risk of being misused."),
            Some(Role::Body)
        );
    }

    #[test]
    fn sentence_cut_by_page_break_continues_on_its_first_page() {
        let pages = vec![
            (
                1,
                vec![line("A sentence that does not", 72.0, 540.0, 100.0)],
            ),
            (
                2,
                vec![line("end here but on the next page.", 72.0, 300.0, 100.0)],
            ),
        ];
        let paragraphs = build(&pages);
        assert_eq!(
            texts(&paragraphs),
            ["A sentence that does not end here but on the next page."]
        );
        assert_eq!(paragraphs[0].page, Some(1));
    }
}
