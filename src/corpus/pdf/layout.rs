//! Page layout: from the glyphs a page draws to its lines in reading order.
//!
//! 1. Glyphs drawn twice at the same place (fake bold, shadowed cover
//!    titles) are kept once.
//! 2. Glyphs that follow each other in the content stream on one baseline
//!    form *pieces*; a footnote reference mark (a small raised digit, `*`,
//!    `†`) is left out of them.
//! 3. Pieces on one baseline that nearly touch are joined into *segments*,
//!    whatever order they were drawn in; a lone bullet or number joins the
//!    text after it across its tab. Segments further apart stay apart:
//!    they are columns or table cells.
//! 4. A *gutter* — a vertical strip of white crossed by few segments with
//!    prose on both sides — splits a page into columns, read left to right
//!    between the segments that span it (titles, full-width paragraphs).
//! 5. Within a column, baselines holding two or more aligned segments
//!    over consecutive rows are a table: one line per row, cells joined
//!    by " | ". Other segments sharing a baseline are one line.
//! 6. Lines in a smaller font at the foot of a column are footnotes; they
//!    are returned apart, to be read after the page's prose.

use std::collections::HashSet;

use super::ligatures::keep_marks_in_words;

/// One glyph (or string of glyphs the PDF draws as one) with its place.
/// Coordinates are PDF points, y growing downwards from the top of the page.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub text: String,
    pub x: f64,
    /// Baseline.
    pub y: f64,
    pub width: f64,
    /// Font size as scaled onto the page.
    pub size: f64,
    /// The PDF started a new word (a space was drawn or skipped) before it.
    pub word_start: bool,
    /// Its font is bold.
    pub bold: bool,
}

/// A line of text as read: a segment of a baseline, or a table row.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub text: String,
    /// Left edge of the first glyph.
    pub x0: f64,
    /// Right edge of the last glyph.
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// Font size in points: the largest of the line's letters and digits
    /// (a bigger bullet or symbol does not count), or of its glyphs when it
    /// has none.
    pub size: f64,
    /// Whether `size` is that of a letter or digit.
    pub sized_by_text: bool,
    /// The line has letters or digits, all set in a bold font.
    pub bold: bool,
    /// Width of the line's first word in points, as drawn (0 until known).
    pub first_word: f64,
    /// Left and right edges of the column the line sits in.
    pub column: (f64, f64),
    /// Which block of its page the line belongs to (numbered from 1 in
    /// reading order): a column, or a run of lines spanning the columns.
    pub column_index: usize,
    pub kind: LineKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineKind {
    Text,
    TableRow,
    Footnote,
}

impl Line {
    #[cfg(test)]
    pub fn plain(text: &str, x0: f64, x1: f64, y: f64, size: f64) -> Line {
        Line {
            text: text.to_string(),
            x0,
            x1,
            y,
            size,
            sized_by_text: true,
            bold: false,
            first_word: 0.0,
            column: (x0, x1),
            column_index: 0,
            kind: LineKind::Text,
        }
    }
}

/// The page's lines after [`segments`], with what layout analysis found.
pub(super) struct PageLayout {
    /// Prose, headings, list items and table rows in reading order,
    /// footnotes last.
    pub lines: Vec<Line>,
    pub columns: usize,
}

/// Step 1–3: glyphs in content-stream order → segments, sorted top to
/// bottom and left to right.
pub(super) fn segments(glyphs: &[Glyph]) -> Vec<Line> {
    let mut seen = HashSet::new();
    let mut pieces: Vec<Line> = Vec::new();
    for g in glyphs {
        if g.text.trim().is_empty() {
            // A drawn space: its width is the gap, nothing more.
            if let Some(last) = pieces.last_mut() {
                if (g.y - last.y).abs() <= last.size * 0.5 {
                    end_first_word(last);
                    last.text.push(' ');
                }
            }
            continue;
        }
        let key = (
            g.text.clone(),
            (g.x * 2.0).round() as i64,
            (g.y * 2.0).round() as i64,
        );
        if !seen.insert(key) {
            continue;
        }
        let joins = pieces.last().is_some_and(|last| {
            let same_baseline = (g.y - last.y).abs() <= last.size.max(g.size) * 0.5;
            let gap = g.x - last.x1;
            same_baseline
                && (is_footnote_marker(&g.text, g.size, last.y - g.y, last.size)
                    || (gap >= -g.size * 0.5
                        && gap <= g.size * 2.0
                        && !unlike_sizes(last, g.size, gap)))
        });
        if joins {
            let last = pieces.last_mut().expect("joins implies a last piece");
            if is_footnote_marker(&g.text, g.size, last.y - g.y, last.size) {
                // Left out, but its width is kept, so the word and the
                // full stop after it stay together: "cyberspace.".
                last.x1 = last.x1.max(g.x + g.width);
                continue;
            }
            let gap = g.x - last.x1;
            if ((g.word_start && gap > g.size * 0.1) || gap > g.size * 0.25)
                && !last.text.ends_with(' ')
            {
                end_first_word(last);
                last.text.push(' ');
            }
            last.text.push_str(&g.text);
            last.x1 = last.x1.max(g.x + g.width);
            last.take_in(g.size, has_text(&g.text), g.bold);
        } else {
            if let Some(last) = pieces.last_mut() {
                let trimmed = last.text.trim_end().len();
                last.text.truncate(trimmed);
            }
            pieces.push(Line {
                text: g.text.clone(),
                x0: g.x,
                x1: g.x + g.width,
                y: g.y,
                size: g.size,
                sized_by_text: has_text(&g.text),
                bold: g.bold && has_text(&g.text),
                first_word: 0.0,
                column: (0.0, 0.0),
                column_index: 0,
                kind: LineKind::Text,
            });
        }
    }
    for p in &mut pieces {
        p.text = keep_marks_in_words(&p.text).trim().to_string();
    }
    pieces.retain(|p| !p.text.is_empty());
    let mut lines = attach_satellites(merge_baselines(pieces));
    for line in &mut lines {
        end_first_word(line);
    }
    lines
}

/// Big operators and delimiters that mathematics sets as a glyph of their
/// own, off the baseline of the formula they belong to.
const MATH_GLYPHS: &str = "∑∏∐∫∮⋂⋃⨁⨂⨀⨄[](){}|∣‖⟨⟩〈〉⌊⌋⌈⌉";

/// Whether a segment may be a formula's satellite, as (a lone big operator
/// or delimiter, a few symbols that small type may set above or below a
/// line: a limit under a sum, an index, an accent). The few symbols are at
/// most 16 characters, none in a word of four letters or more.
fn satellite_text(text: &str) -> (bool, bool) {
    let mut chars = text.chars();
    let lone_glyph =
        matches!((chars.next(), chars.next()), (Some(c), None) if MATH_GLYPHS.contains(c));
    let mut run = 0;
    let mut longest = 0;
    for c in text.chars() {
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    (lone_glyph, text.chars().count() <= 16 && longest <= 3)
}

/// Joins the satellites of formulas to the line they belong to: an index,
/// accent or limit in small type set above or below a line, or a big
/// operator or delimiter set off its baseline. A satellite stands alone
/// (no other such bit of its size within two lines above or below it: not
/// a listing's line numbers, nor a table's cells) within a line's height
/// of a line of larger type, over, under or half an em beside it. Left
/// apart, each would be a line of its own and cut the paragraph around the
/// formula. A satellite's text goes before its line's when it starts left
/// of it, else after.
fn attach_satellites(lines: Vec<Line>) -> Vec<Line> {
    let kinds: Vec<(bool, bool)> = lines.iter().map(|l| satellite_text(&l.text)).collect();
    let overlaps = |a: &Line, b: &Line, slack: f64| a.x0 <= b.x1 + slack && a.x1 >= b.x0 - slack;
    let host: Vec<Option<usize>> = (0..lines.len())
        .map(|i| {
            let s = &lines[i];
            let (lone_glyph, short) = kinds[i];
            if !lone_glyph && !short {
                return None;
            }
            let alone = !lines.iter().enumerate().any(|(j, o)| {
                j != i
                    && kinds[j].1
                    && (o.size - s.size).abs() <= s.size * 0.15
                    && overlaps(o, s, 0.0)
                    && (o.y - s.y).abs() <= s.size * 2.5
                    && (o.y - s.y).abs() > s.size * 0.3
            });
            if !alone {
                return None;
            }
            lines
                .iter()
                .enumerate()
                .filter(|&(j, h)| {
                    let dy = s.y - h.y;
                    let fits = if lone_glyph {
                        !kinds[j].0 && h.size >= s.size * 0.9
                    } else {
                        s.size <= h.size * 0.8
                    };
                    j != i
                        && fits
                        && dy.abs() > h.size * 0.2
                        && dy >= -h.size
                        && dy <= h.size * 1.3
                        && overlaps(s, h, h.size * 0.5)
                })
                .min_by(|a, b| (s.y - a.1.y).abs().total_cmp(&(s.y - b.1.y).abs()))
                .map(|(j, _)| j)
        })
        .collect();
    // A satellite of a satellite (a limit over a sum) joins the same line.
    let root = |mut i: usize| {
        for _ in 0..lines.len() {
            match host[i] {
                Some(h) => i = h,
                None => return Some(i),
            }
        }
        None // a loop: left alone
    };
    let roots: Vec<Option<usize>> = (0..lines.len())
        .map(|i| host[i].and_then(|_| root(i)))
        .collect();
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut satellites: Vec<Vec<Line>> = vec![Vec::new(); lines.len()];
    let mut index_in_out = vec![usize::MAX; lines.len()];
    for (i, line) in lines.into_iter().enumerate() {
        match roots[i] {
            Some(r) if r != i => satellites[r].push(line),
            _ => {
                index_in_out[i] = out.len();
                out.push(line);
            }
        }
    }
    for (r, mut attached) in satellites.into_iter().enumerate() {
        if attached.is_empty() || index_in_out[r] == usize::MAX {
            continue;
        }
        let line = &mut out[index_in_out[r]];
        attached.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let (before, after): (Vec<Line>, Vec<Line>) =
            attached.into_iter().partition(|s| s.x0 < line.x0);
        let mut text: Vec<&str> = before.iter().map(|s| s.text.as_str()).collect();
        text.push(&line.text);
        text.extend(after.iter().map(|s| s.text.as_str()));
        let joined = text.join(" ");
        for s in before.iter().chain(&after) {
            line.x0 = line.x0.min(s.x0);
            line.x1 = line.x1.max(s.x1);
        }
        line.text = joined;
    }
    out
}

impl Line {
    /// Takes in the size and weight of more of the line: letters or digits
    /// (when `text`) or other glyphs, whose size counts only on a line with
    /// no letters or digits, and whose weight does not count.
    fn take_in(&mut self, size: f64, text: bool, bold: bool) {
        if text && !self.sized_by_text {
            self.size = size;
            self.sized_by_text = true;
            self.bold = bold;
        } else if text == self.sized_by_text {
            self.size = self.size.max(size);
            self.bold &= bold;
        }
    }
}

/// Whether a glyph's text has a letter or digit.
fn has_text(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Records the width of a line's first word when a space first follows it.
fn end_first_word(line: &mut Line) {
    if line.first_word == 0.0 {
        line.first_word = line.x1 - line.x0;
    }
}

/// Joins pieces on one baseline that nearly touch, or that are a list
/// marker and its text.
fn merge_baselines(mut pieces: Vec<Line>) -> Vec<Line> {
    sort_reading(&mut pieces);
    let mut merged: Vec<Line> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let Some(last) = merged.last_mut() {
            let size = last.size.max(piece.size);
            let gap = piece.x0 - last.x1;
            let same_baseline = (piece.y - last.y).abs() <= size * 0.3;
            let marker = is_lone_marker(&last.text) && gap <= size * 6.0;
            if same_baseline
                && gap >= -size * 0.5
                && (gap <= size * 0.6 || marker)
                && !unlike_sizes(last, piece.size, gap)
            {
                end_first_word(last);
                last.text.push(' ');
                last.text.push_str(&piece.text);
                last.x1 = last.x1.max(piece.x1);
                // the marker's baseline may sit a little off the text's
                if marker {
                    last.y = piece.y;
                }
                last.take_in(piece.size, piece.sized_by_text, piece.bold);
                continue;
            }
        }
        merged.push(piece);
    }
    merged
}

/// Whether text in type of size `after`, set `gap` to the right of `before`
/// on one baseline, is something else than the rest of its line: type half
/// the size or less, a space or more away (a code listing's line number in
/// the gutter after a column's line). Text after a big bullet is not.
fn unlike_sizes(before: &Line, after: f64, gap: f64) -> bool {
    after < before.size * 0.6 && gap > before.size * 0.3 && before.text.chars().count() > 2
}

/// A bullet or item number standing alone, drawn apart from its text.
fn is_lone_marker(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 4 && super::list_marker_len(&format!("{t} x")).is_some()
}

/// Whether a glyph is a footnote reference: a digit or `* † ‡` set
/// smaller than the line and raised above its baseline. Kept, it would
/// glue to the word it follows ("cyberspace12").
pub(super) fn is_footnote_marker(text: &str, size: f64, raised: f64, line_size: f64) -> bool {
    size <= line_size * 0.8
        && raised >= line_size * 0.15
        && !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '\u{2020}' | '\u{2021}'))
}

/// Top to bottom, then left to right; baselines within a third of the font
/// size count as one.
fn sort_reading(lines: &mut [Line]) {
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    // Rows of near-equal baselines, each sorted by x.
    let mut start = 0;
    while start < lines.len() {
        let mut end = start + 1;
        while end < lines.len() && lines[end].y - lines[start].y <= lines[start].size * 0.3 {
            end += 1;
        }
        lines[start..end].sort_by(|a, b| a.x0.total_cmp(&b.x0));
        start = end;
    }
}

/// Steps 4–6 for one page, given the document's body font size.
pub(super) fn arrange(segments: Vec<Line>, body_size: f64) -> PageLayout {
    let mut page = Arranged::default();
    let columns = page.order_columns(segments, body_size, 1);
    let mut lines = page.body;
    lines.extend(page.notes);
    PageLayout { lines, columns }
}

/// How many columns a page may be split into (a depth bound).
const MAX_COLUMNS: usize = 4;

/// A page's lines as [`arrange`] puts them in order.
#[derive(Default)]
struct Arranged {
    body: Vec<Line>,
    notes: Vec<Line>,
    /// Blocks numbered so far: each column, and each run of lines spanning
    /// the columns, is a block of its own.
    blocks: usize,
}

impl Arranged {
    /// Appends `segments` in reading order, splitting at a gutter when
    /// there is one; returns the number of columns. Lines above and below
    /// the stretch where the columns run side by side (a title, a table or
    /// figure across the page) are read before and after it. `depth`
    /// bounds the splits.
    fn order_columns(&mut self, mut segments: Vec<Line>, body_size: f64, depth: usize) -> usize {
        sort_reading(&mut segments);
        let gutter = if depth < MAX_COLUMNS {
            find_gutter(&segments, body_size)
        } else {
            None
        };
        let Some(gutter) = gutter else {
            self.finish_block(segments, body_size);
            return 1;
        };
        let (mut above, mut beside, mut below) = (Vec::new(), Vec::new(), Vec::new());
        for segment in segments {
            let slack = segment.size * 0.3;
            if segment.y < gutter.top - slack {
                above.push(segment);
            } else if segment.y > gutter.bottom + slack {
                below.push(segment);
            } else {
                beside.push(segment);
            }
        }
        let mut columns = 2;
        if !above.is_empty() {
            columns = columns.max(self.order_columns(above, body_size, depth + 1));
        }
        // Bands between the lines that span the gutter: in each, the left
        // column, then the right, then the spanning lines.
        let (mut left, mut right, mut spanning) = (Vec::new(), Vec::new(), Vec::new());
        let across = rows_across(&beside, gutter.x, body_size);
        for (segment, across) in beside.into_iter().zip(across) {
            if across || (segment.x0 < gutter.x && segment.x1 > gutter.x) {
                if right.is_empty() {
                    // a short line of the text across the page, not a column
                    spanning.append(&mut left);
                } else {
                    let n = self.order_columns(std::mem::take(&mut left), body_size, depth + 1);
                    let m = self.order_columns(std::mem::take(&mut right), body_size, depth + 1);
                    columns = columns.max(n + m);
                }
                spanning.push(segment);
                continue;
            }
            if !spanning.is_empty() {
                self.finish_block(std::mem::take(&mut spanning), body_size);
            }
            if segment.x1 <= gutter.x {
                left.push(segment);
            } else {
                right.push(segment);
            }
        }
        self.finish_block(spanning, body_size);
        let n = self.order_columns(left, body_size, depth + 1);
        let m = self.order_columns(right, body_size, depth + 1);
        columns = columns.max(n + m);
        if !below.is_empty() {
            columns = columns.max(self.order_columns(below, body_size, depth + 1));
        }
        columns
    }

    /// One block's segments (in reading order): marks its edges and number,
    /// reads its tables, and moves its footnotes to `notes`.
    fn finish_block(&mut self, mut lines: Vec<Line>, body_size: f64) {
        if lines.is_empty() {
            return;
        }
        self.blocks += 1;
        let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
        let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
        for line in &mut lines {
            line.column = (left, right);
            line.column_index = self.blocks;
        }
        let mut lines = join_table_rows(lines);
        let mut footnotes = lines.split_off(footnote_start(&lines, body_size));
        for note in &mut footnotes {
            note.kind = LineKind::Footnote;
        }
        self.body.extend(lines);
        self.notes.extend(footnotes);
    }
}

/// For each segment (in reading order), whether its baseline holds three
/// segments or more on both sides of `gutter`, none as wide as prose: a
/// row of names, cells or labels across the page (an author block), not
/// two columns side by side.
fn rows_across(segments: &[Line], gutter: f64, body_size: f64) -> Vec<bool> {
    let mut across = vec![false; segments.len()];
    for row in baseline_rows(segments) {
        let cells = &segments[row.clone()];
        if cells.len() >= 3
            && cells.iter().any(|s| s.x1 <= gutter)
            && cells.iter().any(|s| s.x0 >= gutter)
            && cells.iter().all(|s| s.x1 - s.x0 < body_size * 12.0)
        {
            across[row].fill(true);
        }
    }
    across
}

/// Where a page splits into two columns: the gutter's x position and the
/// first and last baselines of the stretch where the columns run side by
/// side.
#[derive(Debug, Clone, Copy)]
struct Gutter {
    x: f64,
    top: f64,
    bottom: f64,
}

/// The gutter between two columns of prose, if the page has one: a strip
/// at least half an em wide with lines on either side, of which some are
/// as wide as prose (12 em) and make a third of the side's text or more
/// (not table cells or a chart's labels), crossed by hardly any line where the
/// columns run. They run from the first to the last prose-wide line beside
/// the strip, and on over the lines just above or below that do not cross
/// it (a heading, a paragraph's short last line); text above or below (a
/// title, a table or figure across the page) may cross it. Of several, the
/// one with the most lines beside it.
fn find_gutter(segments: &[Line], body_size: f64) -> Option<Gutter> {
    if segments.len() < 8 {
        return None;
    }
    let left = segments.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let right = segments
        .iter()
        .map(|s| s.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    if width < body_size * 24.0 {
        return None;
    }
    let rows = baseline_rows(segments);
    // Candidate strips start at segments' right edges in the middle half.
    let mut candidates: Vec<f64> = segments
        .iter()
        .map(|s| s.x1)
        .filter(|x| *x > left + width * 0.25 && *x < right - width * 0.25)
        .collect();
    // Of right edges less than a point apart, the furthest right: the
    // strip must clear them all.
    candidates.sort_by(|a, b| b.total_cmp(a));
    candidates.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let wide = |s: &Line| s.x1 - s.x0 >= body_size * 12.0;
    let mut best: Option<(usize, Gutter)> = None;
    for &start in &candidates {
        let strip_end = start + body_size * 0.5;
        let is_left = |s: &Line| s.x1 <= start + 0.5;
        let is_right = |s: &Line| s.x0 >= strip_end;
        let crosses = |row: &std::ops::Range<usize>| {
            segments[row.clone()]
                .iter()
                .any(|s| !is_left(s) && !is_right(s))
        };
        // The columns run side by side from the first row where both
        // sides have had a prose-wide line to the last row before either
        // side has no more of them, and on over the rows next to that which
        // do not cross the strip and follow within two lines' spacing (a
        // heading over a column), or, below, within four when they hold
        // lines on one side only (the longer column's end).
        let wide_rows = |beside: &dyn Fn(&Line) -> bool| -> Option<(usize, usize)> {
            let has = |row: &std::ops::Range<usize>| {
                segments[row.clone()].iter().any(|s| wide(s) && beside(s))
            };
            Some((rows.iter().position(has)?, rows.iter().rposition(has)?))
        };
        let (Some((l_first, l_last)), Some((r_first, r_last))) =
            (wide_rows(&is_left), wide_rows(&is_right))
        else {
            continue;
        };
        let (mut first, mut last) = (l_first.max(r_first), l_last.min(r_last));
        if first > last {
            continue;
        }
        let baseline = |row: &std::ops::Range<usize>| segments[row.start].y;
        let one_sided = |row: &std::ops::Range<usize>| {
            let cells = &segments[row.clone()];
            cells.iter().all(&is_left) || cells.iter().all(&is_right)
        };
        let reach = body_size * 2.4;
        while first > 0
            && !crosses(&rows[first - 1])
            && baseline(&rows[first]) - baseline(&rows[first - 1]) <= reach
        {
            first -= 1;
        }
        while last + 1 < rows.len() && !crosses(&rows[last + 1]) && {
            let gap = baseline(&rows[last + 1]) - baseline(&rows[last]);
            gap <= reach || (one_sided(&rows[last + 1]) && gap <= reach * 2.0)
        } {
            last += 1;
        }
        let beside = &segments[rows[first].start..rows[last].end];
        let lefts: Vec<&Line> = beside.iter().filter(|s| is_left(s)).collect();
        let rights: Vec<&Line> = beside.iter().filter(|s| is_right(s)).collect();
        // each column has three lines or more
        if lefts.len() < 3 || rights.len() < 3 {
            continue;
        }
        let crossing = beside.len() - lefts.len() - rights.len();
        // a column holds prose: some of its lines are prose-wide (12 em),
        // and they make a third of its text or more, measured by width,
        // though a table or chart in it may make most of its lines short
        let prose = |side: &[&Line]| {
            let measure = |lines: &mut dyn Iterator<Item = &&Line>| -> (usize, f64) {
                lines.fold((0, 0.0), |(n, w), s| (n + 1, w + (s.x1 - s.x0)))
            };
            let (wide_lines, wide_width) = measure(&mut side.iter().filter(|s| wide(s)));
            let (_, all_width) = measure(&mut side.iter());
            wide_lines >= 4 && wide_width * 3.0 >= all_width
        };
        let (l_in, r_in) = (lefts.len(), rights.len());
        if crossing * 10 <= l_in + r_in
            && prose(&lefts)
            && prose(&rights)
            && best.is_none_or(|(n, _)| l_in + r_in > n)
        {
            let gutter = Gutter {
                x: start + body_size * 0.25,
                top: baseline(&rows[first]),
                bottom: baseline(&rows[last]),
            };
            best = Some((l_in + r_in, gutter));
        }
    }
    best.map(|(_, gutter)| gutter)
}

/// The rows of segments sorted in reading order: index ranges of segments
/// on one baseline (within a third of the font size).
fn baseline_rows(segments: &[Line]) -> Vec<std::ops::Range<usize>> {
    let mut rows = Vec::new();
    let mut start = 0;
    while start < segments.len() {
        let mut end = start + 1;
        while end < segments.len()
            && segments[end].y - segments[start].y <= segments[start].size * 0.3
        {
            end += 1;
        }
        rows.push(start..end);
        start = end;
    }
    rows
}

/// Where the column's footnotes begin: the last run of lines in a font
/// smaller than the body's, starting with a note number or mark, below
/// every line of body size. `lines.len()` when there are none.
fn footnote_start(lines: &[Line], body_size: f64) -> usize {
    let small = |l: &Line| l.size <= body_size * 0.88;
    let mut start = lines.len();
    while start > 0 && small(&lines[start - 1]) && lines[start - 1].kind == LineKind::Text {
        start -= 1;
    }
    if start == lines.len() || start == 0 {
        return lines.len();
    }
    // Skip small lines that are not notes (a caption above the notes).
    let is_note_start = |t: &str| {
        let t = t.trim_start();
        t.starts_with(|c: char| c.is_ascii_digit() || "*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c))
    };
    let body_bottom = lines[..start]
        .iter()
        .filter(|l| !small(l))
        .map(|l| l.y)
        .fold(f64::NEG_INFINITY, f64::max);
    (start..lines.len())
        .find(|&i| is_note_start(&lines[i].text) && lines[i].y > body_bottom)
        .unwrap_or(lines.len())
}

/// Consecutive baselines that each hold two or more segments starting at
/// the same places are table rows: each becomes one line, its cells joined
/// by " | ". A lone segment right under a cell of the row above, within
/// one line's spacing, continues that cell (a wrapped cell).
fn join_table_rows(lines: Vec<Line>) -> Vec<Line> {
    // Group into rows of one baseline.
    let mut rows: Vec<Vec<Line>> = Vec::new();
    for line in lines {
        match rows.last_mut() {
            Some(row) if (line.y - row[0].y).abs() <= row[0].size * 0.3 => row.push(line),
            _ => rows.push(vec![line]),
        }
    }
    let starts = |row: &[Line]| -> Vec<f64> { row.iter().map(|l| l.x0).collect() };
    // Two wide segments side by side are columns of prose, not cells.
    let prose_pair =
        |row: &[Line]| row.len() == 2 && row.iter().all(|l| l.x1 - l.x0 >= l.size * 12.0);
    let aligned = |a: &[Line], b: &[Line]| {
        !prose_pair(a)
            && !prose_pair(b)
            && a.len() >= 2
            && b.len() >= 2
            && starts(a)
                .iter()
                .filter(|x| starts(b).iter().any(|y| (*x - y).abs() <= 3.0))
                .count()
                >= 2
    };
    let is_table: Vec<bool> = (0..rows.len())
        .map(|i| {
            (i > 0 && aligned(&rows[i - 1], &rows[i]))
                || (i + 1 < rows.len() && aligned(&rows[i], &rows[i + 1]))
        })
        .collect();
    let mut out: Vec<Line> = Vec::new();
    let mut cells: Option<(Vec<Line>, f64)> = None; // the open table row
    let flush = |cells: &mut Option<(Vec<Line>, f64)>, out: &mut Vec<Line>| {
        if let Some((row, _)) = cells.take() {
            let mut first = row[0].clone();
            first.text = row
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" | ");
            first.x1 = row.iter().map(|c| c.x1).fold(first.x1, f64::max);
            first.size = row.iter().map(|c| c.size).fold(first.size, f64::max);
            first.bold = row.iter().all(|c| c.bold);
            first.kind = LineKind::TableRow;
            out.push(first);
        }
    };
    for (row, table) in rows.into_iter().zip(is_table) {
        if table {
            flush(&mut cells, &mut out);
            let y = row[0].y;
            cells = Some((row, y));
            continue;
        }
        if let (Some((open, y)), [single]) = (cells.as_mut(), row.as_slice()) {
            let spacing = single.y - *y;
            if let Some(cell) = open.iter_mut().find(|c| (c.x0 - single.x0).abs() <= 3.0) {
                if spacing > 0.0 && spacing <= single.size * 1.6 {
                    cell.text.push(' ');
                    cell.text.push_str(&single.text);
                    *y = single.y;
                    continue;
                }
            }
        }
        flush(&mut cells, &mut out);
        out.push(join_row(row));
    }
    flush(&mut cells, &mut out);
    out
}

/// Segments of one baseline that are not table cells are one line set
/// with wide gaps (a justified line stretched far).
fn join_row(row: Vec<Line>) -> Line {
    let mut segments = row.into_iter();
    let mut line = segments.next().expect("a row holds at least one segment");
    for segment in segments {
        line.text.push(' ');
        line.text.push_str(&segment.text);
        line.x1 = line.x1.max(segment.x1);
        line.take_in(segment.size, segment.sized_by_text, segment.bold);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(words: &[(&str, f64, f64)], size: f64) -> Vec<Glyph> {
        words
            .iter()
            .map(|&(text, x, y)| Glyph {
                text: text.to_string(),
                x,
                y,
                width: text.chars().count() as f64 * size * 0.5,
                size,
                word_start: true,
                bold: false,
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn glyphs_drawn_out_of_order_make_lines_in_reading_order() {
        // the bullets drawn after all the text, as some producers do
        let g = glyphs(
            &[
                ("Prevent", 60.0, 100.0),
                ("harm", 100.0, 100.0),
                ("Support", 60.0, 130.0),
                ("•", 42.0, 100.3),
                ("•", 42.0, 130.3),
            ],
            10.0,
        );
        assert_eq!(texts(&segments(&g)), ["• Prevent harm", "• Support"]);
    }

    #[test]
    fn text_drawn_twice_is_read_once() {
        let g = glyphs(
            &[("Security", 60.0, 100.0), ("Security", 60.2, 100.1)],
            10.0,
        );
        assert_eq!(texts(&segments(&g)), ["Security"]);
    }

    fn two_column_page() -> Vec<Line> {
        let mut lines = vec![Line::plain(
            "A Title Across Both Columns",
            72.0,
            400.0,
            50.0,
            16.0,
        )];
        for i in 0..6 {
            let y = 100.0 + 12.0 * i as f64;
            lines.push(Line::plain(&format!("left {i}"), 72.0, 290.0, y, 10.0));
            lines.push(Line::plain(&format!("right {i}"), 300.0, 520.0, y, 10.0));
        }
        lines
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let layout = arrange(two_column_page(), 10.0);
        assert_eq!(layout.columns, 2);
        assert_eq!(
            texts(&layout.lines),
            [
                "A Title Across Both Columns",
                "left 0",
                "left 1",
                "left 2",
                "left 3",
                "left 4",
                "left 5",
                "right 0",
                "right 1",
                "right 2",
                "right 3",
                "right 4",
                "right 5"
            ]
        );
        assert_eq!(layout.lines[7].column, (300.0, 520.0));
    }

    #[test]
    fn a_table_across_the_page_is_read_whole_before_the_columns_under_it() {
        // a float of three columns of cells, none crossing the gutter
        let mut lines = Vec::new();
        for (i, row) in [["Tool", "Runtime", "Memory"], ["ddisasm", "100%", "99%"]]
            .iter()
            .enumerate()
        {
            let y = 60.0 + 12.0 * i as f64;
            for (j, cell) in row.iter().enumerate() {
                let x = 100.0 + 150.0 * j as f64;
                lines.push(Line::plain(cell, x, x + 40.0, y, 10.0));
            }
        }
        // two columns; the left one runs on below the right one's end
        for i in 0..8 {
            let y = 120.0 + 12.0 * i as f64;
            lines.push(Line::plain(&format!("left {i}"), 72.0, 290.0, y, 10.0));
            if i < 5 {
                lines.push(Line::plain(&format!("right {i}"), 302.0, 520.0, y, 10.0));
            }
        }
        let layout = arrange(lines, 10.0);
        assert_eq!(layout.columns, 2);
        let texts = texts(&layout.lines);
        assert_eq!(
            texts[..2],
            ["Tool | Runtime | Memory", "ddisasm | 100% | 99%"]
        );
        assert_eq!(
            texts[2..10],
            (0..8).map(|i| format!("left {i}")).collect::<Vec<_>>()
        );
        assert_eq!(
            texts[10..],
            (0..5).map(|i| format!("right {i}")).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_narrow_gutter_is_found_past_ragged_right_edges() {
        // justified lines end a fraction of a point apart, 12 pt from the
        // next column
        let mut lines = Vec::new();
        for i in 0..6 {
            let y = 100.0 + 12.0 * i as f64;
            let end = 299.1 + 0.3 * (i % 4) as f64;
            lines.push(Line::plain(&format!("left {i}"), 49.0, end, y, 10.0));
            lines.push(Line::plain(&format!("right {i}"), 312.0, 563.0, y, 10.0));
        }
        let layout = arrange(lines, 10.0);
        assert_eq!(layout.columns, 2);
        assert_eq!(layout.lines[5].text, "left 5");
    }

    #[test]
    fn a_listing_beside_a_column_keeps_its_line_numbers_out_of_the_column() {
        // a listing's line numbers in small type in the gutter, 7.5 pt
        // after the column's lines, are not part of them
        let mut g = Vec::new();
        for i in 0..8 {
            let y = 100.0 + 12.0 * i as f64;
            g.extend(glyphs(
                &[(&format!("prose line {i} runs on"), 49.0, y)],
                10.0,
            ));
            let mut glyph = glyphs(&[(&format!("{i}"), 307.5, y + 1.0)], 5.0);
            glyph[0].width = 2.5;
            g.extend(glyph);
            g.extend(glyphs(&[("code();", 332.0, y + 1.0)], 9.0));
        }
        let lines = segments(&g);
        assert!(
            lines.iter().any(|l| l.text == "prose line 3 runs on"),
            "{:?}",
            texts(&lines)
        );
    }

    #[test]
    fn a_row_with_a_prose_line_is_not_a_row_across_the_gutter() {
        let row = vec![
            Line::plain(
                "a line of prose as wide as its column",
                49.0,
                300.0,
                100.0,
                10.0,
            ),
            Line::plain("4", 307.5, 310.0, 100.0, 5.0),
            Line::plain("} else {", 354.0, 397.0, 100.0, 9.0),
        ];
        assert_eq!(rows_across(&row, 305.0, 10.0), [false, false, false]);
        let names = vec![
            Line::plain("Eric Schulte", 60.0, 120.0, 100.0, 10.0),
            Line::plain("Michael D. Brown", 250.0, 330.0, 100.0, 10.0),
            Line::plain("Vlad Folts", 450.0, 500.0, 100.0, 10.0),
        ];
        assert_eq!(rows_across(&names, 305.0, 10.0), [true, true, true]);
    }

    #[test]
    fn a_formulas_limits_and_big_operator_join_its_line() {
        // a(X) = ∑_{i=1}^{n} w_i, as pdfTeX sets it: the sum sign off the
        // baseline, its limits in small type above and below
        let glyph = |text: &str, x0: f64, x1: f64, y: f64, size: f64| Glyph {
            text: text.to_string(),
            x: x0,
            y,
            width: x1 - x0,
            size,
            word_start: true,
            bold: false,
        };
        let g = vec![
            glyph("The polynomial is", 50.0, 130.0, 80.0, 9.0),
            glyph("∑", 120.1, 133.4, 94.0, 9.0),
            glyph("n", 124.4, 129.0, 91.3, 6.0),
            glyph("a(X) =", 87.9, 117.5, 102.5, 9.0),
            glyph("wiLi(X),", 134.9, 170.0, 102.5, 9.0),
            glyph("i=1", 120.8, 132.7, 112.9, 6.0),
            glyph("for the witness w.", 50.0, 140.0, 125.0, 9.0),
        ];
        // (the satellites follow their line's text: their place inside it
        // is not known)
        assert_eq!(
            texts(&segments(&g)),
            [
                "The polynomial is",
                "a(X) = wiLi(X), ∑ i=1 n",
                "for the witness w."
            ]
        );
    }

    #[test]
    fn small_type_in_a_table_under_a_line_is_not_a_formulas_satellite() {
        let mut g = glyphs(&[("Results are in the table below.", 50.0, 80.0)], 10.0);
        for i in 0..3 {
            g.extend(glyphs(
                &[(&format!("{}", i * 7), 60.0, 88.0 + 9.0 * i as f64)],
                7.0,
            ));
        }
        let lines = segments(&g);
        assert_eq!(
            texts(&lines),
            ["Results are in the table below.", "0", "7", "14"]
        );
    }

    #[test]
    fn a_line_is_bold_when_all_its_letters_are() {
        let bold = |words: &[(&str, f64, f64)]| {
            glyphs(words, 10.0)
                .into_iter()
                .map(|g| Glyph { bold: true, ..g })
                .collect::<Vec<_>>()
        };
        let mut g = bold(&[("Scope", 60.0, 100.0), ("of", 95.0, 100.0)]);
        g.extend(glyphs(&[("•", 42.0, 130.0)], 10.0));
        g.extend(bold(&[("Bold", 60.0, 130.0)]));
        g.extend(glyphs(&[("and", 85.0, 130.0), ("not", 105.0, 130.0)], 10.0));
        g.extend(bold(&[("[", 60.0, 160.0), ("]", 70.0, 160.0)]));
        let lines = segments(&g);
        let bold: Vec<(&str, bool)> = lines.iter().map(|l| (l.text.as_str(), l.bold)).collect();
        assert_eq!(
            bold,
            [
                ("Scope of", true),
                ("• Bold and not", false),
                // no letters: no weight to tell
                ("[ ]", false)
            ]
        );
    }

    #[test]
    fn a_bigger_bullet_does_not_set_its_lines_size() {
        let mut g = glyphs(&[("▪", 220.0, 100.0)], 11.0);
        g.extend(glyphs(
            &[("A1: Increasing transparency", 238.0, 100.0)],
            9.0,
        ));
        let lines = segments(&g);
        assert_eq!(texts(&lines), ["▪ A1: Increasing transparency"]);
        assert_eq!(lines[0].size, 9.0);
    }

    #[test]
    fn aligned_cells_become_table_rows() {
        let mut lines = vec![Line::plain(
            "Prose before the table.",
            72.0,
            400.0,
            80.0,
            10.0,
        )];
        for (i, row) in [["Norm", "Status", "Since"], ["Restraint", "✓", "2015"]]
            .iter()
            .enumerate()
        {
            let y = 100.0 + 12.0 * i as f64;
            for (j, cell) in row.iter().enumerate() {
                let x = 72.0 + 120.0 * j as f64;
                lines.push(Line::plain(cell, x, x + 40.0, y, 10.0));
            }
        }
        lines.push(Line::plain("(wrapped)", 72.0, 120.0, 112.0 + 11.0, 10.0));
        let layout = arrange(lines, 10.0);
        assert_eq!(
            texts(&layout.lines),
            [
                "Prose before the table.",
                "Norm | Status | Since",
                "Restraint (wrapped) | ✓ | 2015"
            ]
        );
        assert_eq!(layout.lines[1].kind, LineKind::TableRow);
    }

    #[test]
    fn small_numbered_lines_at_the_foot_are_footnotes() {
        let lines = vec![
            Line::plain("Body text that cites a source.", 72.0, 500.0, 100.0, 10.0),
            Line::plain("More body text.", 72.0, 300.0, 112.0, 10.0),
            Line::plain("1 The source, 2018.", 72.0, 300.0, 700.0, 8.0),
        ];
        let layout = arrange(lines, 10.0);
        assert_eq!(layout.lines[2].kind, LineKind::Footnote);
        assert_eq!(layout.lines[1].kind, LineKind::Text);
    }
}
