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
    /// Font size in points (the largest on the line).
    pub size: f64,
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
                    || (gap >= -g.size * 0.5 && gap <= g.size * 2.0))
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
            last.size = last.size.max(g.size);
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
                first_word: 0.0,
                column: (0.0, 0.0),
                column_index: 0,
                kind: LineKind::Text,
            });
        }
    }
    pieces.retain(|p| !p.text.trim().is_empty());
    for p in &mut pieces {
        p.text = p.text.trim().to_string();
    }
    let mut lines = merge_baselines(pieces);
    for line in &mut lines {
        end_first_word(line);
    }
    lines
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
            if same_baseline && gap >= -size * 0.5 && (gap <= size * 0.8 || marker) {
                end_first_word(last);
                last.text.push(' ');
                last.text.push_str(&piece.text);
                last.x1 = last.x1.max(piece.x1);
                // the marker's baseline may sit a little off the text's
                if marker {
                    last.y = piece.y;
                }
                last.size = size;
                continue;
            }
        }
        merged.push(piece);
    }
    merged
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
    /// there is one; returns the number of columns. `depth` counts the
    /// columns already split off to the left.
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
        // Bands between the lines that span the gutter: in each, the left
        // column, then the right, then the spanning lines.
        let mut columns = 2;
        let (mut left, mut right, mut spanning) = (Vec::new(), Vec::new(), Vec::new());
        let across = rows_across(&segments, gutter);
        for (segment, across) in segments.into_iter().zip(across) {
            if across || (segment.x0 < gutter && segment.x1 > gutter) {
                if right.is_empty() {
                    // a short line of the text across the page, not a column
                    spanning.append(&mut left);
                } else {
                    self.finish_block(std::mem::take(&mut left), body_size);
                    let n = self.order_columns(std::mem::take(&mut right), body_size, depth + 1);
                    columns = columns.max(1 + n);
                }
                spanning.push(segment);
                continue;
            }
            if !spanning.is_empty() {
                self.finish_block(std::mem::take(&mut spanning), body_size);
            }
            if segment.x1 <= gutter {
                left.push(segment);
            } else {
                right.push(segment);
            }
        }
        self.finish_block(spanning, body_size);
        self.finish_block(left, body_size);
        let n = self.order_columns(right, body_size, depth + 1);
        columns.max(1 + n)
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
/// segments or more on both sides of `gutter`: a row of names, cells or
/// labels across the page (an author block), not two columns side by side.
fn rows_across(segments: &[Line], gutter: f64) -> Vec<bool> {
    let mut across = vec![false; segments.len()];
    let mut start = 0;
    while start < segments.len() {
        let mut end = start + 1;
        while end < segments.len()
            && segments[end].y - segments[start].y <= segments[start].size * 0.3
        {
            end += 1;
        }
        let row = &segments[start..end];
        if row.len() >= 3
            && row.iter().any(|s| s.x1 <= gutter)
            && row.iter().any(|s| s.x0 >= gutter)
        {
            across[start..end].fill(true);
        }
        start = end;
    }
    across
}

/// An x position between two columns of prose, if the page has one: a
/// strip at least half an em wide with at least three lines on either side,
/// of which some are as wide as prose (12 em), not table cells, and
/// crossed by hardly any line where the two columns run side by side. Text
/// above or below the columns may cross it. Of several, the one with the
/// most lines beside it.
fn find_gutter(segments: &[Line], body_size: f64) -> Option<f64> {
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
    // Candidate strips start at segments' right edges in the middle half.
    let mut candidates: Vec<f64> = segments
        .iter()
        .map(|s| s.x1)
        .filter(|x| *x > left + width * 0.25 && *x < right - width * 0.25)
        .collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let mut best: Option<(usize, f64)> = None;
    for &start in &candidates {
        let strip_end = start + body_size * 0.5;
        let lefts: Vec<&Line> = segments.iter().filter(|s| s.x1 <= start + 0.5).collect();
        let rights: Vec<&Line> = segments.iter().filter(|s| s.x0 >= strip_end).collect();
        let span = |side: &[&Line]| {
            let top = side.iter().map(|s| s.y).fold(f64::INFINITY, f64::min);
            let bottom = side.iter().map(|s| s.y).fold(f64::NEG_INFINITY, f64::max);
            (top, bottom)
        };
        let ((l_top, l_bottom), (r_top, r_bottom)) = (span(&lefts), span(&rights));
        let (top, bottom) = (l_top.max(r_top), l_bottom.min(r_bottom));
        let inside = |s: &Line| s.y >= top && s.y <= bottom;
        let (l_in, r_in) = (
            lefts.iter().filter(|s| inside(s)).count(),
            rights.iter().filter(|s| inside(s)).count(),
        );
        if l_in < 3 || r_in < 3 {
            continue;
        }
        let crossing = segments
            .iter()
            .filter(|s| s.x1 > start + 0.5 && s.x0 < strip_end && inside(s))
            .count();
        // a column holds prose: some of its lines are prose-wide (12 em),
        // though a table or figure in it may make most of them short
        let prose = |side: &[&Line]| {
            let wide = side
                .iter()
                .filter(|s| s.x1 - s.x0 >= body_size * 12.0)
                .count();
            wide >= 4 && wide * 10 >= side.len() * 3
        };
        if crossing * 10 <= l_in + r_in
            && prose(&lefts)
            && prose(&rights)
            && best.is_none_or(|(n, _)| l_in + r_in > n)
        {
            best = Some((l_in + r_in, start + body_size * 0.25));
        }
    }
    best.map(|(_, x)| x)
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
        line.size = line.size.max(segment.size);
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
