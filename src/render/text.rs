//! Terminal output: colour when allowed, `**…**` markers otherwise, and
//! corpus text stripped of control characters so a document cannot drive
//! the terminal.

use std::io::{self, Write};
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::corpus::quality::Reported;
use crate::quotes::SpeakerType;
use crate::search::facets::Facets;
use crate::search::kwic::{Concordance, Line, Tally};
use crate::search::similar::Like;
use crate::search::trend::Period;
use crate::search::variants::Variant;
use crate::search::{Hit, Record};
use crate::speakers::Speaker;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const HIGHLIGHT: &str = "\x1b[1;33m";
const TITLE: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

/// Styles a piece of text: ANSI escapes when colour is on, plain otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    pub fn title(&self, text: &str) -> String {
        self.paint(TITLE, &clean(text))
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(DIM, &clean(text))
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(BOLD, &clean(text))
    }

    /// All of `text` marked as a match.
    pub fn matched(&self, text: &str) -> String {
        let cleaned = clean(text);
        if self.color {
            format!("{HIGHLIGHT}{cleaned}{RESET}")
        } else {
            format!("**{cleaned}**")
        }
    }

    /// `text` with `ranges` marked: yellow on a terminal, `**…**` elsewhere.
    pub fn highlighted(&self, text: &str, ranges: &[Range<usize>]) -> String {
        let mut out = String::with_capacity(text.len() + ranges.len() * 8);
        let mut last = 0;
        for r in ranges {
            if r.start < last || r.end > text.len() {
                continue;
            }
            out.push_str(&clean(&text[last..r.start]));
            out.push_str(&self.matched(&text[r.clone()]));
            last = r.end;
        }
        out.push_str(&clean(&text[last..]));
        out
    }
}

/// Text safe for a terminal: control characters (escape sequences
/// included) become spaces, bidirectional embeddings, overrides and
/// isolates are shown escaped (`\u{202e}`), as they could make a line
/// read otherwise than it is, and zero-width spaces are dropped.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            '\u{200b}' | '\u{2060}' | '\u{feff}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The line under a hit's title: citation, footnote or table row, kind,
/// date, source.
pub fn citation_line(r: &Record) -> String {
    let mut parts = vec![r.citation()];
    match r.block.as_str() {
        "footnote" => parts.push("footnote".into()),
        "table_row" => parts.push("table row".into()),
        _ => {}
    }
    parts.push(r.kind.clone());
    parts.extend(r.date.clone());
    parts.extend(r.source.clone());
    parts.join(" · ")
}

/// `§ 3 Recommendations › Supply chain`, each heading cut to a line's
/// worth.
fn section_line(path: &str) -> String {
    const LONGEST: usize = 60;
    let short: Vec<String> = path
        .split(" › ")
        .map(|h| match h.char_indices().nth(LONGEST) {
            Some((cut, _)) => format!("{}…", h[..cut].trim_end()),
            None => h.to_string(),
        })
        .collect();
    format!("§ {}", short.join(" › "))
}

/// The flag shown on hits from machine-paraphrased documents.
pub fn spin_flag(r: &Record) -> Option<String> {
    r.spin
        .map(|s| format!("[machine-paraphrased? score {s:.1}]"))
}

/// Ranked passages; `scored`: show each hit's score.
pub fn search_hits(
    out: &mut impl Write,
    hits: &[Hit],
    scored: bool,
    style: Style,
) -> io::Result<()> {
    for (i, hit) in hits.iter().enumerate() {
        let score = scored.then(|| format!("score {:.2}", hit.score));
        passage(out, i + 1, hit, score, style)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Values shown per facet on the terminal (`--json` lists more).
const FACET_LINE: usize = 8;

/// The facet counts after the hits: a line per facet, its values with
/// the most passages first (years newest first).
pub fn facets(out: &mut impl Write, facets: &Facets, style: Style) -> io::Result<()> {
    let n = facets.passages;
    writeln!(
        out,
        "{}",
        style.bold(&format!("{n} matching passage{}", plural(n as usize)))
    )?;
    for (name, counts, none) in [
        ("kind", &facets.kind, "none"),
        ("source", &facets.source, "no source"),
        ("year", &facets.year, "undated"),
        ("speaker", &facets.speaker, "none"),
    ] {
        if counts.is_empty() {
            continue;
        }
        let mut values: Vec<String> = counts
            .iter()
            .take(FACET_LINE)
            .map(|c| {
                format!(
                    "{} {}",
                    clean(c.value.as_deref().unwrap_or(none)),
                    c.passages
                )
            })
            .collect();
        if counts.len() > FACET_LINE {
            values.push(format!("and {} more", counts.len() - FACET_LINE));
        }
        writeln!(
            out,
            "  {}  {}",
            style.dim(&format!("{name:7}")),
            values.join(" · ")
        )?;
    }
    Ok(())
}

/// Passages like `source`, each with its similarity and the citations of
/// passages with the same wording; then the copies of `source`, by
/// citation.
pub fn similar_hits(
    out: &mut impl Write,
    source: &Record,
    hits: &[Like],
    copies: &[Like],
    style: Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{}\n",
        style.dim(&format!("Passages like {}:", source.citation()))
    )?;
    for (i, like) in hits.iter().enumerate() {
        let score = format!("similarity {:.2}", like.similarity);
        passage(out, i + 1, &like.hit, Some(score), style)?;
        if !like.duplicates.is_empty() {
            let also = format!("same wording also in {}", like.duplicates.join(", "));
            writeln!(out, "    {}", style.dim(&also))?;
        }
        writeln!(out)?;
    }
    if !copies.is_empty() {
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "Copies of {} (same wording, not ranked):",
                source.citation()
            ))
        )?;
        for copy in copies {
            writeln!(out, "    {}", style.dim(&citation_line(&copy.hit.record)))?;
        }
    }
    Ok(())
}

/// One ranked passage: rank and title with its flags, heading path,
/// citation (and `score`, when given), snippet.
fn passage(
    out: &mut impl Write,
    rank: usize,
    hit: &Hit,
    score: Option<String>,
    style: Style,
) -> io::Result<()> {
    let r = &hit.record;
    let mut head = format!("{rank:>2}. {}", style.title(&r.title));
    if let Some(flag) = spin_flag(r) {
        head.push_str(&format!("  {}", style.bold(&flag)));
    }
    if let Some(note) = alias_note(&hit.aliases) {
        head.push_str(&format!("  {}", style.dim(&note)));
    }
    if hit.restored {
        head.push_str(&format!("  {}", style.dim(RESTORED_NOTE)));
    }
    writeln!(out, "{head}")?;
    if let Some(path) = &r.heading {
        writeln!(out, "    {}", style.dim(&section_line(path)))?;
    }
    let mut cited = citation_line(r);
    if let Some(score) = score {
        cited.push_str(&format!(" · {score}"));
    }
    writeln!(out, "    {}", style.dim(&cited))?;
    writeln!(
        out,
        "    {}",
        style.highlighted(&hit.snippet.text, &hit.snippet.highlights)
    )
}

/// Width of `show`'s text column, in terminal columns.
const READER_WIDTH: usize = 76;

/// `accord show`: the document's title and metadata, then each passage
/// wrapped beside its paragraph number (and page, where a new one starts),
/// its quotes under it; the passages of paragraph `mark` pointed at with
/// `▶` and, in colour, highlighted.
pub fn document(
    out: &mut impl Write,
    passages: &[Hit],
    quotes: &[Hit],
    mark: Option<u64>,
    style: Style,
) -> io::Result<()> {
    let Some(first) = passages.first().map(|h| &h.record) else {
        return Ok(());
    };
    writeln!(out, "{}", style.title(&first.title))?;
    let mut about = vec![first.doc.clone(), first.kind.clone()];
    about.extend(first.date.clone());
    about.extend(first.source.clone());
    writeln!(out, "{}", style.dim(&about.join(" · ")))?;
    for line in [
        first.author.as_ref().map(|a| format!("by {a}")),
        first.url.clone(),
    ]
    .into_iter()
    .flatten()
    {
        writeln!(out, "{}", style.dim(&line))?;
    }
    if let Some(flag) = spin_flag(first) {
        writeln!(out, "{}", style.bold(&flag))?;
    }
    let paragraphs = passages.last().map_or(0, |h| h.record.paragraph) as usize;
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "{paragraphs} paragraph{}, {} quote{}",
            plural(paragraphs),
            quotes.len(),
            plural(quotes.len())
        ))
    )?;
    // Where a new page starts, its number stands in the margin above.
    let mut page = None;
    let pages: Vec<Option<String>> = passages
        .iter()
        .map(|h| {
            let r = &h.record;
            if r.page.is_none() || r.page == page {
                return None;
            }
            page = r.page;
            let number = r.page.unwrap_or(0).to_string();
            Some(format!("p.{}", r.page_label.clone().unwrap_or(number)))
        })
        .collect();
    let width = passages
        .iter()
        .map(|h| format!("¶{}", h.record.paragraph).width())
        .chain(pages.iter().flatten().map(|p| p.width()))
        .max()
        .unwrap_or(0);
    let blank = " ".repeat(width + 4);
    for (hit, page) in passages.iter().zip(pages) {
        let r = &hit.record;
        let marked = mark == Some(r.paragraph);
        writeln!(out)?;
        if let Some(page) = page {
            writeln!(out, "  {}", style.dim(&format!("{page:>width$}")))?;
        }
        let pointer = if marked { "▶" } else { " " };
        let margin = format!("¶{}", r.paragraph);
        for (i, line) in wrap(&clean(&r.text), READER_WIDTH).iter().enumerate() {
            let left = if i == 0 {
                format!("{pointer} {}  ", style.dim(&format!("{margin:>width$}")))
            } else {
                blank.clone()
            };
            let line = if marked {
                style.paint(HIGHLIGHT, line)
            } else if r.block == "heading" {
                style.paint(BOLD, line)
            } else {
                line.clone()
            };
            writeln!(out, "{left}{line}")?;
        }
        for q in quotes.iter().filter(|q| q.record.passage == r.passage) {
            let q = &q.record;
            let note = format!(
                "quote — {}: “{}”",
                who(q, Style { color: false }),
                clean(&q.text)
            );
            for line in wrap(&note, READER_WIDTH - 2) {
                writeln!(out, "{blank}  {}", style.dim(&line))?;
            }
        }
    }
    Ok(())
}

/// `text` in lines of at most `width` columns, broken at spaces (a word
/// wider than that stands alone); runs of whitespace become one space.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Quotes: who said it (bold) and their role, the citation, then the whole
/// quote with the matches marked. `scored`: show each hit's score.
pub fn quote_hits(
    out: &mut impl Write,
    hits: &[Hit],
    scored: bool,
    style: Style,
) -> io::Result<()> {
    for (i, hit) in hits.iter().enumerate() {
        let r = &hit.record;
        let mut head = format!("{:>2}. {}", i + 1, who(r, style));
        if let Some(flag) = spin_flag(r) {
            head.push_str(&format!("  {}", style.bold(&flag)));
        }
        writeln!(out, "{head}")?;
        let mut cited = format!("{} · {}", r.citation(), r.title);
        if scored {
            cited.push_str(&format!(" · score {:.2}", hit.score));
        }
        writeln!(out, "    {}", style.dim(&cited))?;
        writeln!(out, "    “{}”", style.highlighted(&r.text, &hit.highlights))?;
        if let Some(sentence) = &r.sentence {
            writeln!(
                out,
                "    {}",
                style.dim(&format!("in: {}", clean(sentence)))
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// `Peter Singer, a fellow at …`; `Peter Singer (as “Singer”, joined by
/// surname)`; `Mr. Hale (surname only)`; `he (unresolved)`; `Example News
/// (organisation)`; a description alone when the text names nobody (`the
/// statement (document, not named)`).
fn who(r: &Record, style: Style) -> String {
    // Persons are the rule; other types are said, as `speakers` says them.
    let kind = r
        .speaker_type
        .as_deref()
        .filter(|k| !matches!(*k, "person" | "unknown"));
    let name = match (r.speaker(), r.surface.as_deref(), r.joined()) {
        (_, Some(surface), Some(joined)) => Some(format!(
            "{} (as “{surface}”, joined by surname)",
            style.bold(joined)
        )),
        (Some(name), ..) => Some(match kind {
            Some(kind) => format!("{} ({kind})", style.bold(name)),
            None => style.bold(name),
        }),
        (None, Some(surface), None) if r.listed_as.is_some() => {
            Some(format!("{} (surname only)", style.bold(surface)))
        }
        (None, Some(surface), None) if !r.resolved => {
            Some(format!("{} (unresolved)", style.bold(surface)))
        }
        _ => None,
    };
    match (name, r.role.as_deref()) {
        (Some(name), Some(role)) => format!("{name}, {}", clean(role)),
        (Some(name), None) => name,
        (None, Some(role)) => match kind {
            Some(kind) => format!("{} ({kind}, not named)", style.bold(role)),
            None => format!("{} (not named)", style.bold(role)),
        },
        (None, None) => "(speaker not named)".to_string(),
    }
}

/// Speakers, most quoted first: name (bold) and role, then how many quotes
/// in which documents.
pub fn speakers(out: &mut impl Write, speakers: &[Speaker], style: Style) -> io::Result<()> {
    for s in speakers {
        let mut head = style.bold(&s.name);
        match (s.kind, s.ambiguous) {
            (SpeakerType::Person, false) => {}
            (SpeakerType::Person, true) => head.push_str(" (ambiguous)"),
            (kind, false) => head.push_str(&format!(" ({})", kind.as_str())),
            (kind, true) => head.push_str(&format!(" ({}, ambiguous)", kind.as_str())),
        }
        if let Some(role) = &s.role {
            head.push_str(&format!(", {}", clean(role)));
        }
        writeln!(out, "{head}")?;
        let count = if s.quotes == 1 {
            "1 quote".to_string()
        } else {
            format!("{} quotes", s.quotes)
        };
        writeln!(
            out,
            "    {}",
            style.dim(&format!("{count} · {}", s.documents.join(", ")))
        )?;
    }
    Ok(())
}

/// Marks a match found only in a spun passage's restored wording.
const RESTORED_NOTE: &str = "(via restored wording)";

/// `(via alias: United States, Australia)`, when aliases matched.
pub fn alias_note(names: &[String]) -> Option<String> {
    (!names.is_empty()).then(|| format!("(via alias: {})", names.join(", ")))
}

/// Concordance lines: citation, left context right-aligned to `width`
/// characters, the match, right context; then occurrences per document.
pub fn kwic(out: &mut impl Write, c: &Concordance, width: usize, style: Style) -> io::Result<()> {
    let layout = KwicLayout {
        citation_width: c.citation_width,
        width,
        style,
    };
    for line in &c.lines {
        layout.line(out, &c.records[line.record], line)?;
    }
    kwic_tally(out, &c.tally())
}

/// The columns of `kwic` lines, fixed before the first line is printed:
/// the citation column as wide as the widest citation, the left context
/// `width` terminal columns wide.
#[derive(Debug, Clone, Copy)]
pub struct KwicLayout {
    pub citation_width: usize,
    pub width: usize,
    pub style: Style,
}

impl KwicLayout {
    /// One line of `record`, the passage it is in.
    pub fn line(&self, out: &mut impl Write, r: &Record, line: &Line) -> io::Result<()> {
        // Aligned by terminal columns, not characters: CJK takes two, a
        // combining accent none. Wide characters can make the context of
        // `width` characters wider than the column: its start is cut.
        let citation = r.citation();
        let pad = self.citation_width.saturating_sub(citation.width()) + 2;
        let left = fit_left(clean(&line.left), self.width);
        let left_pad = self.width.saturating_sub(left.width());
        let style = self.style;
        let matched = style.matched(&line.matched);
        let mut notes = Vec::new();
        notes.extend(alias_note(&line.aliases));
        if line.restored {
            notes.push(RESTORED_NOTE.to_string());
        }
        notes.extend(r.spin.map(|_| "[machine-paraphrased?]".to_string()));
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("  {}", style.dim(&notes.join(" ")))
        };
        writeln!(
            out,
            "{}{:pad$}{:left_pad$}{}{}{}{notes}",
            style.dim(&citation),
            "",
            "",
            left,
            matched,
            clean(&line.right),
        )
    }
}

/// `left` without as many of its first characters as keep it from fitting
/// in `columns` terminal columns.
fn fit_left(left: String, columns: usize) -> String {
    if left.width() <= columns {
        return left;
    }
    let mut from = 0;
    for (i, _) in left.char_indices() {
        from = i;
        if left[i..].width() <= columns {
            break;
        }
    }
    left[from..].to_string()
}

/// What follows the `kwic` lines: occurrences per document, most first.
pub fn kwic_tally(out: &mut impl Write, tally: &Tally) -> io::Result<()> {
    let counts = tally.most_first();
    writeln!(out)?;
    writeln!(
        out,
        "{} occurrence{} in {} document{}:",
        tally.total(),
        plural(tally.total()),
        counts.len(),
        plural(counts.len())
    )?;
    let count_width = counts.first().map_or(1, |(_, n)| n.to_string().len());
    for (doc, n) in counts {
        writeln!(out, "  {n:>count_width$}  {}", clean(doc))?;
    }
    Ok(())
}

/// Documents listed per wording in the `variants` table, most occurrences
/// first; `--json` lists them all.
const VARIANT_DOCUMENTS_SHOWN: usize = 5;

/// A table of wordings: variant, total, occurrences per document.
pub fn variants(out: &mut impl Write, variants: &[Variant], style: Style) -> io::Result<()> {
    let width = variants
        .iter()
        .map(|v| v.wording.width())
        .chain(["variant".len()])
        .max()
        .unwrap_or(0);
    let total_width = variants
        .iter()
        .map(|v| v.count.to_string().len())
        .chain(["total".len()])
        .max()
        .unwrap_or(0);
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{:width$}  {:>total_width$}  documents",
            "variant", "total"
        ))
    )?;
    for v in variants {
        let mut documents: Vec<(&String, &usize)> = v.documents.iter().collect();
        documents.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let mut shown: Vec<String> = documents
            .iter()
            .take(VARIANT_DOCUMENTS_SHOWN)
            .map(|(doc, n)| format!("{} {n}", clean(doc)))
            .collect();
        if documents.len() > VARIANT_DOCUMENTS_SHOWN {
            shown.push(format!(
                "… {} more",
                documents.len() - VARIANT_DOCUMENTS_SHOWN
            ));
        }
        let pad = width - v.wording.width();
        let mut line = format!(
            "{}{:pad$}  {:>total_width$}  {}",
            style.bold(&v.wording),
            "",
            v.count,
            shown.join(", ")
        );
        if let Some(note) = alias_note(&v.aliases) {
            line.push_str(&format!("  {}", style.dim(&note)));
        }
        if v.spun {
            line.push_str(&format!("  {}", style.dim("(machine-paraphrased wording)")));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The widest bar of the `trend` chart, in characters.
const TREND_BAR: usize = 40;

/// One line per period: the period, its occurrences, a bar scaled to the
/// busiest period, and how many documents.
pub fn trend(out: &mut impl Write, periods: &[Period], style: Style) -> io::Result<()> {
    let most = periods.iter().map(|p| p.count).max().unwrap_or(0).max(1);
    let count_width = most.to_string().len().max("count".len());
    let width = periods
        .iter()
        .map(|p| p.period.as_deref().unwrap_or("undated").len())
        .max()
        .unwrap_or(0)
        .max("period".len());
    writeln!(
        out,
        "{}",
        style.bold(&format!("{:width$}  {:>count_width$}", "period", "count"))
    )?;
    for p in periods {
        let bar = "█".repeat((p.count * TREND_BAR).div_ceil(most));
        let documents = p.documents.len();
        writeln!(
            out,
            "{:width$}  {:>count_width$}  {bar} {}",
            p.period.as_deref().unwrap_or("undated"),
            p.count,
            style.dim(&format!("{documents} document{}", plural(documents)))
        )?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `accord report`: a few lines per document, then a summary.
pub fn report(out: &mut impl Write, reported: &[Reported], style: Style) -> io::Result<()> {
    let (mut read, mut check, mut skipped) = (0, 0, 0);
    for r in reported {
        let q = match &r.outcome {
            Ok(doc) => &doc.quality,
            Err(reason) => {
                skipped += 1;
                writeln!(
                    out,
                    "{} {}",
                    style.bold(&r.doc),
                    style.dim(&format!("skipped: {reason}"))
                )?;
                continue;
            }
        };
        read += 1;
        writeln!(
            out,
            "{} {}",
            style.bold(&r.doc),
            style.dim(&format!("· {}", r.title))
        )?;
        let pages = if q.read.pages > 0 {
            format!(", pages: {}", q.read.pages)
        } else {
            String::new()
        };
        writeln!(
            out,
            "    passages: {}{pages}; headings: {}, list items: {}, footnotes: {}, table rows: {}",
            q.passages, q.headings, q.list_items, q.footnotes, q.table_rows
        )?;
        let mut repairs = Vec::new();
        for (n, what) in [
            (
                q.read.running_lines_removed,
                "running header/footer lines removed",
            ),
            (q.read.multi_column_pages, "pages read as columns"),
            (q.read.hyphens_joined, "hyphenated words re-joined"),
            (q.read.ligatures_repaired, "ligatures repaired"),
            (q.read.boilerplate_removed, "boilerplate blocks removed"),
        ] {
            if n > 0 {
                repairs.push(format!("{what}: {n}"));
            }
        }
        if !repairs.is_empty() {
            writeln!(out, "    {}", repairs.join(", "))?;
        }
        let problems = format!("cut mid-sentence: {}, scraps: {}", q.mid_sentence, q.scraps);
        if q.suspicious() {
            check += 1;
            writeln!(out, "    {}", style.bold(&format!("check: {problems}")))?;
        } else {
            writeln!(out, "    {}", style.dim(&problems))?;
        }
        for warning in &r.warnings {
            writeln!(out, "    warning: {}", clean(warning))?;
        }
        if let Ok(doc) = &r.outcome {
            for (citation, block, text) in &doc.passages {
                let block = if *block == "body" {
                    String::new()
                } else {
                    format!(" · {block}")
                };
                writeln!(out, "      {}{}", style.dim(citation), style.dim(&block))?;
                writeln!(out, "      {}", clean(text))?;
            }
        }
    }
    writeln!(
        out,
        "{read} documents read, {check} to check, {skipped} files skipped"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_context_of_wide_characters_is_cut_at_its_start_to_fit() {
        assert_eq!(fit_left("plain words ".to_string(), 12), "plain words ");
        // Each CJK character takes two columns.
        assert_eq!(fit_left("巴黎倡议 hack ".to_string(), 10), "倡议 hack ");
        assert_eq!(fit_left("巴黎倡议 hack ".to_string(), 9), "议 hack ");
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width_in_columns() {
        assert_eq!(wrap("one two  three", 7), ["one two", "three"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        // Two columns each: four characters fill eight.
        assert_eq!(wrap("巴黎 倡议 巴黎", 5), ["巴黎", "倡议", "巴黎"]);
        assert_eq!(wrap("", 10), [""]);
    }
}
