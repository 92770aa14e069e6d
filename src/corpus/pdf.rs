//! Reads PDF files into paragraphs with 1-based page numbers.
//!
//! `pdf-extract` (on `lopdf`) decodes fonts and positions every glyph; a
//! small output device here groups the glyphs into lines with their
//! position and size. The rest is layout guessing, done on those lines:
//!
//! 1. running headers and footers (a line at the top or bottom of most
//!    pages, compared with digits masked so "Page 2 of 7" matches "Page 3
//!    of 7") and bare page numbers ("3", "- 3 -", "Page 3 of 7", "iv") at
//!    the top or bottom of a page are dropped;
//! 2. lines are joined into paragraphs, which end at a vertical gap larger
//!    than the usual line spacing, at a change of font size (headings), at
//!    a list marker ("1.", "2)", "(a)", "•", "-"; one paragraph per item),
//!    or after a line that stops short of the right margin and ends a
//!    sentence when the next line starts with a capital, digit or quote;
//! 3. a word hyphenated across a line end is re-joined ("cyber-" + "space"
//!    → "cyberspace") unless it looks like a real compound, see
//!    [`join_hyphenated`];
//! 4. a paragraph cut by a page break mid-sentence continues on the next
//!    page and keeps the page where it started.
//!
//! Known limits: multi-column pages are read in content-stream order, which
//! is usually column by column but not always; tables come out as one line
//! per row; a heading in body size with no space below it runs into the
//! next paragraph.
//!
//! `pdf-extract` panics on some malformed fonts and streams, so every call
//! into it runs under `catch_unwind`, with the panic message kept off
//! stderr (see [`quietly`]). It does not print to stdout.

use std::collections::HashMap;

use pdf_extract::{
    Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform,
};

use super::clean::{list_marker_len, normalize_inline};
use super::extract::{Extracted, Metadata, Paragraph, ReadStats};
use super::quietly;

/// Reads a PDF from its bytes.
///
/// Errors are short reasons without the file name, for the caller to put
/// in context: "the PDF is encrypted", "no text layer (scanned?)", "not a
/// valid PDF: …". Pages that fail or carry no text are reported in
/// `warnings` while the rest is returned.
pub fn read_pdf(bytes: &[u8]) -> Result<Extracted, String> {
    match quietly(|| read_pdf_unguarded(bytes)) {
        Some(result) => result,
        None => Err("not a valid PDF: the PDF library failed on its structure".to_string()),
    }
}

fn read_pdf_unguarded(bytes: &[u8]) -> Result<Extracted, String> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err("not a valid PDF: no %PDF header".to_string());
    }
    let mut doc = Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => "the PDF is encrypted".to_string(),
        other => format!("not a valid PDF: {other}"),
    })?;
    // Files encrypted with an empty user password (owner restrictions only)
    // open like any other; anything else needs a password we don't have.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("the PDF is encrypted".to_string());
    }

    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err("not a valid PDF: it has no pages".to_string());
    }
    let mut warnings = Vec::new();
    let mut pages: Vec<(u32, Vec<Line>)> = Vec::new();
    let (mut blank_pages, mut broken_pages) = (0, 0);
    let mut last_problem = String::new();
    for (&number, &id) in &page_ids {
        let mut device = LineCollector::default();
        let problem = match check_page_structure(&doc, id) {
            Err(reason) => Some(reason),
            Ok(()) => match quietly(|| pdf_extract::output_doc_page(&doc, &mut device, number)) {
                Some(Ok(())) => None,
                Some(Err(e)) => Some(e.to_string()),
                None => Some("the PDF library failed on it".to_string()),
            },
        };
        let lines = device.finish();
        if let Some(reason) = problem {
            warnings.push(format!("page {number} could not be read: {reason}"));
            last_problem = reason;
            if lines.is_empty() {
                broken_pages += 1;
            }
        } else if lines.is_empty() {
            blank_pages += 1;
        }
        pages.push((number, lines));
    }
    if broken_pages == page_ids.len() {
        return Err(format!("not a valid PDF: {last_problem}"));
    }
    if blank_pages + broken_pages == page_ids.len() {
        return Err("no text layer (scanned?)".to_string());
    }
    if blank_pages > 0 {
        warnings.push(format!(
            "{blank_pages} of {} pages have no text layer",
            page_ids.len()
        ));
    }

    drop_running_chrome(&mut pages);
    let paragraphs = build_paragraphs(&pages);
    Ok(Extracted {
        meta: Metadata {
            title: info_string(&doc, b"Title").and_then(|t| meaningful_title(&t)),
            author: info_string(&doc, b"Author"),
            date: info_string(&doc, b"CreationDate").and_then(|d| pdf_date(&d)),
            ..Metadata::default()
        },
        paragraphs,
        warnings,
        attachment: None,
        stats: ReadStats::default(),
    })
}

/// Most nested form drawings (XObjects) a page may use; deeper nesting is
/// treated as broken.
const MAX_FORM_DEPTH: usize = 32;

/// Rejects page structures that would send `pdf-extract` into unbounded
/// recursion, a stack overflow that `catch_unwind` cannot stop: a loop in
/// the `/Parent` chain (searched for inherited attributes) or a form
/// XObject that draws itself, directly or through others.
fn check_page_structure(doc: &Document, page: ObjectId) -> Result<(), String> {
    let mut seen = vec![page];
    let mut node = doc.get_dictionary(page).map_err(|e| e.to_string())?;
    let mut resources = None;
    loop {
        if resources.is_none() {
            resources = node
                .get(b"Resources")
                .ok()
                .and_then(|r| as_dictionary(doc, r));
        }
        let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
            break;
        };
        if seen.contains(&parent) || seen.len() > 64 {
            return Err("its page tree loops".to_string());
        }
        seen.push(parent);
        match doc.get_dictionary(parent) {
            Ok(dict) => node = dict,
            Err(_) => break,
        }
    }
    let mut budget = 10_000;
    match resources {
        Some(resources) if forms_loop(doc, resources, &mut Vec::new(), &mut budget) => {
            Err("its drawing refers to itself".to_string())
        }
        _ => Ok(()),
    }
}

/// Whether the form XObjects reachable from `resources` loop, nest deeper
/// than [`MAX_FORM_DEPTH`], or take more than `budget` steps to check. A
/// form without its own resources uses the ones it was drawn with, as in
/// `pdf-extract`.
fn forms_loop(
    doc: &Document,
    resources: &Dictionary,
    stack: &mut Vec<ObjectId>,
    budget: &mut u32,
) -> bool {
    let Some(xobjects) = resources
        .get(b"XObject")
        .ok()
        .and_then(|x| as_dictionary(doc, x))
    else {
        return false;
    };
    for (_, value) in xobjects.iter() {
        let Ok(id) = value.as_reference() else {
            continue;
        };
        let Ok(Object::Stream(stream)) = doc.get_object(id) else {
            continue;
        };
        if !matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form") {
            continue;
        }
        *budget = budget.saturating_sub(1);
        if stack.contains(&id) || stack.len() >= MAX_FORM_DEPTH || *budget == 0 {
            return true;
        }
        let inner = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| as_dictionary(doc, r))
            .unwrap_or(resources);
        stack.push(id);
        if forms_loop(doc, inner, stack, budget) {
            return true;
        }
        stack.pop();
    }
    false
}

/// A dictionary given inline or by one reference.
fn as_dictionary<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }
}

/// An entry of the document information dictionary (`/Title`,
/// `/Author`, `/CreationDate`), if non-empty.
fn info_string(doc: &Document, key: &[u8]) -> Option<String> {
    let info = match doc.trailer.get(b"Info").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(dict) => dict,
        _ => return None,
    };
    let raw = match info.get(key).ok()? {
        Object::String(bytes, _) => bytes.clone(),
        Object::Reference(id) => match doc.get_object(*id).ok()? {
            Object::String(bytes, _) => bytes.clone(),
            _ => return None,
        },
        _ => return None,
    };
    let text = normalize_inline(&decode_text_string(&raw));
    (!text.is_empty()).then_some(text)
}

/// A `/Title` a reader would call a title: not the file name that word
/// processors put there ("Microsoft Word - Call_FINAL_v3.docx",
/// "untitled").
fn meaningful_title(title: &str) -> Option<String> {
    let title = title
        .strip_prefix("Microsoft Word - ")
        .or_else(|| title.strip_prefix("Microsoft PowerPoint - "))
        .unwrap_or(title)
        .trim();
    let lower = title.to_lowercase();
    let file_name = [
        ".doc", ".docx", ".odt", ".rtf", ".indd", ".pdf", ".ppt", ".pptx", ".tex",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    let placeholder = matches!(lower.as_str(), "untitled" | "title" | "document" | "");
    (!file_name && !placeholder).then(|| title.to_string())
}

/// A PDF date (`D:20181112093000+01'00'`) as an ISO date; `None` when it
/// does not start with a plausible year, month and day.
fn pdf_date(value: &str) -> Option<String> {
    let digits = value.strip_prefix("D:").unwrap_or(value);
    let part = |range: std::ops::Range<usize>| digits.get(range)?.parse::<u32>().ok();
    let (year, month, day) = (part(0..4)?, part(4..6)?, part(6..8)?);
    ((1990..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Decodes a PDF text string: UTF-16BE with a byte-order mark, UTF-8 with
/// one (PDF 2.0), else PDFDocEncoding: Latin-1 but for bytes 0x80–0xA0,
/// which hold typographic punctuation (dashes, curly quotes, ligatures).
fn decode_text_string(raw: &[u8]) -> String {
    if let Some(rest) = raw.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    raw.iter().map(|&b| pdf_doc_char(b)).collect()
}

/// A PDFDocEncoding byte (PDF 32000-1, Annex D).
fn pdf_doc_char(byte: u8) -> char {
    const HIGH: [char; 33] = [
        '\u{2022}', '\u{2020}', '\u{2021}', '\u{2026}', '\u{2014}', '\u{2013}', '\u{0192}',
        '\u{2044}', '\u{2039}', '\u{203A}', '\u{2212}', '\u{2030}', '\u{201E}', '\u{201C}',
        '\u{201D}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{2122}', '\u{FB01}', '\u{FB02}',
        '\u{0141}', '\u{0152}', '\u{0160}', '\u{0178}', '\u{017D}', '\u{0131}', '\u{0142}',
        '\u{0153}', '\u{0161}', '\u{017E}', '\u{FFFD}', '\u{20AC}',
    ];
    match byte {
        0x80..=0xA0 => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// One line of text as laid out on the page. Coordinates are in PDF
/// points with y growing downwards from the top of the page.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    /// Left edge of the first glyph.
    x0: f64,
    /// Right edge of the last glyph.
    x1: f64,
    /// Baseline.
    y: f64,
    /// Font size in points, as scaled onto the page.
    size: f64,
}

/// `pdf-extract` output device that groups glyphs into [`Line`]s: a glyph
/// starts a new line when the baseline moves by more than half the font
/// size, and a gap wider than a tenth of the font size becomes a space.
#[derive(Default)]
struct LineCollector {
    page_height: f64,
    lines: Vec<Line>,
    word_start: bool,
}

impl LineCollector {
    fn finish(self) -> Vec<Line> {
        self.lines
            .into_iter()
            .filter(|l| !l.text.trim().is_empty())
            .collect()
    }
}

impl OutputDev for LineCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let x = trm.m31;
        let y = self.page_height - trm.m32;
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt().max(0.1);
        let advance = width * size;
        let word_start = std::mem::take(&mut self.word_start);
        match self.lines.last_mut() {
            Some(line) if (y - line.y).abs() <= line.size.max(size) * 0.5 => {
                if is_footnote_marker(text, size, line.y - y, line.size) {
                    // Left out, but its width is kept, so the word and the
                    // full stop after it stay together: "cyberspace.".
                    line.x1 = line.x1.max(x + advance);
                    return Ok(());
                }
                let gap = x - line.x1;
                if (word_start && gap > size * 0.1) || gap > size * 0.25 {
                    line.text.push(' ');
                }
                line.text.push_str(text);
                line.x1 = line.x1.max(x + advance);
                line.size = line.size.max(size);
            }
            _ => self.lines.push(Line {
                text: text.to_string(),
                x0: x,
                x1: x + advance,
                y,
                size,
            }),
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Whether a glyph is a footnote reference: a digit or `* † ‡` set
/// smaller than the line and raised above its baseline. Kept, it would
/// glue to the word it follows ("cyberspace12").
fn is_footnote_marker(text: &str, size: f64, raised: f64, line_size: f64) -> bool {
    size <= line_size * 0.8
        && raised >= line_size * 0.15
        && !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '\u{2020}' | '\u{2021}'))
}

/// How many lines at the top and at the bottom of a page may be running
/// headers, footers or page numbers.
const CHROME_ZONE: usize = 2;

/// Removes running headers/footers and bare page numbers (see the module
/// docs). A line counts as running when, with digits masked, it sits in
/// the top or bottom zone of at least 60% of the pages (and at least two).
fn drop_running_chrome(pages: &mut [(u32, Vec<Line>)]) {
    let zone = |lines: &[Line]| -> Vec<usize> {
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
        // on short pages the zones shrink so they never meet in the middle
        let depth = CHROME_ZONE.min(lines.len().div_ceil(3));
        let mut picked: Vec<usize> = order.iter().take(depth).copied().collect();
        picked.extend(order.iter().rev().take(depth));
        picked.sort_unstable();
        picked.dedup();
        picked
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (_, lines) in pages.iter() {
        let mut keys: Vec<String> = zone(lines)
            .iter()
            .map(|&i| chrome_key(&lines[i].text))
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *seen.entry(key).or_default() += 1;
        }
    }
    let page_count = pages.len();
    let running = |key: &str| {
        seen.get(key)
            .is_some_and(|&n| n >= 2 && n * 10 >= page_count * 6)
    };
    for (_, lines) in pages.iter_mut() {
        let drop: Vec<usize> = zone(lines)
            .into_iter()
            .filter(|&i| is_page_number(&lines[i].text) || running(&chrome_key(&lines[i].text)))
            .collect();
        let mut index = 0;
        lines.retain(|_| {
            index += 1;
            !drop.contains(&(index - 1))
        });
    }
}

/// A line as compared across pages: lower case, single spaces, every digit
/// run replaced by `#` so varying page numbers and dates still match.
fn chrome_key(text: &str) -> String {
    let mut key = String::new();
    let mut in_digits = false;
    for word in normalize_inline(text).to_lowercase().split(' ') {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    key.push('#');
                }
                in_digits = true;
            } else {
                in_digits = false;
                key.push(c);
            }
        }
        in_digits = false;
    }
    key
}

/// "3", "- 3 -", "[3]", "Page 3", "Page 3 of 7", "p. 3", "3 / 7", "iv".
fn is_page_number(text: &str) -> bool {
    let lower = normalize_inline(text).to_lowercase();
    let numbers: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || "-–—[]()|/".contains(c))
        .filter(|w| !w.is_empty() && !matches!(*w, "page" | "p." | "pg." | "of"))
        .collect();
    let is_number = |w: &str| {
        (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
            || (w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c)))
    };
    (1..=2).contains(&numbers.len()) && numbers.iter().all(|w| is_number(w))
}

/// A paragraph being built, with what the page-break merge needs to know.
struct Building {
    text: String,
    page: u32,
    size: f64,
    list_item: bool,
}

fn build_paragraphs(pages: &[(u32, Vec<Line>)]) -> Vec<Paragraph> {
    let leading = typical_leading(pages);
    // Once per document: per line pair it made a 3,000-page file quadratic.
    let size = typical_size(pages);
    let compounds = Compounds::of(pages);
    let mut done: Vec<Building> = Vec::new();
    for (page, lines) in pages {
        let Some(first) = lines.first() else { continue };
        let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
        let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
        let short_of_margin = |line: &Line| line.x1 < right - (right - left) * 0.15;

        let mut current = start_paragraph(first, *page);
        if let Some(previous) = done.last_mut() {
            if continues_across_page(previous, &current) {
                join_line(&mut previous.text, &first.text, &compounds);
                current = done
                    .pop()
                    .expect("just checked that done has a last element");
            }
        }
        for pair in lines.windows(2) {
            let (prev, line) = (&pair[0], &pair[1]);
            let dy = line.y - prev.y;
            let expected = leading * line.size.max(prev.size) / size;
            let new_paragraph = dy > expected * 1.4
                || (line.size - prev.size).abs() > 0.15 * line.size.max(prev.size)
                || list_marker_len(&line.text).is_some()
                || (short_of_margin(prev)
                    && (ends_sentence(&prev.text) && starts_sentence(&line.text)
                        || line.x0 > left + line.size));
            if new_paragraph {
                done.push(std::mem::replace(
                    &mut current,
                    start_paragraph(line, *page),
                ));
            } else {
                join_line(&mut current.text, &line.text, &compounds);
            }
        }
        done.push(current);
    }
    done.into_iter()
        .filter_map(|b| {
            let text = normalize_inline(&b.text);
            (!text.is_empty()).then(|| Paragraph::on_page(text, b.page))
        })
        .collect()
}

fn start_paragraph(line: &Line, page: u32) -> Building {
    Building {
        text: line.text.trim().to_string(),
        page,
        size: line.size,
        list_item: list_marker_len(&line.text).is_some(),
    }
}

/// A page's first paragraph continues the last one of the page before when
/// that one stopped mid-sentence and this one does not look like a start.
fn continues_across_page(previous: &Building, next: &Building) -> bool {
    let prev = previous.text.trim_end();
    let next_text = next.text.trim_start();
    !next.list_item
        && (previous.size - next.size).abs() <= 0.15 * previous.size.max(next.size)
        && !ends_sentence(prev)
        && (next_text.starts_with(|c: char| c.is_lowercase())
            || prev.ends_with(',')
            || prev.ends_with('-'))
}

/// The most common distance between consecutive baselines, in points; used
/// to tell a paragraph gap from ordinary line spacing.
fn typical_leading(pages: &[(u32, Vec<Line>)]) -> f64 {
    let mut gaps: Vec<f64> = pages
        .iter()
        .flat_map(|(_, lines)| lines.windows(2).map(|p| p[1].y - p[0].y))
        .filter(|dy| *dy > 0.0)
        .collect();
    median(&mut gaps).unwrap_or_else(|| typical_size(pages) * 1.2)
}

fn typical_size(pages: &[(u32, Vec<Line>)]) -> f64 {
    let mut sizes: Vec<f64> = pages
        .iter()
        .flat_map(|(_, l)| l.iter().map(|l| l.size))
        .collect();
    median(&mut sizes).unwrap_or(10.0).max(0.1)
}

fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// Ends with `.`, `!`, `?`, `:` or `;`, possibly before a closing quote or
/// bracket.
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', ':', ';'])
}

fn starts_sentence(text: &str) -> bool {
    text.trim_start()
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "\"'“‘(".contains(c))
}

/// Prefixes that usually form real hyphenated compounds ("non-state",
/// "self-defence", "cross-border"), so a hyphen after them at a line end
/// is kept. Short prefixes that often start plain words broken by
/// hyphenation ("pre-vent", "post-pone", "inter-national") are left out.
const COMPOUND_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "ex", "multi", "non", "quasi", "self", "semi", "state",
    "well",
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

/// The hyphenated words a document writes within its lines
/// ("confidence-building"), lower-cased: a line that ends in one of them
/// split at its hyphen keeps the hyphen.
#[derive(Default)]
struct Compounds(std::collections::HashSet<String>);

impl Compounds {
    fn of(pages: &[(u32, Vec<Line>)]) -> Compounds {
        let words = pages
            .iter()
            .flat_map(|(_, lines)| lines.iter())
            .flat_map(|line| line.text.split_whitespace())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.contains('-') && w.split('-').all(|part| !part.is_empty()))
            .map(str::to_lowercase);
        Compounds(words.collect())
    }

    fn has(&self, before: &str, after: &str) -> bool {
        !self.0.is_empty() && self.0.contains(&format!("{before}-{after}"))
    }
}

/// Appends the next line to a paragraph. A line ending in a soft hyphen
/// joins without it. A line ending in a hyphen right after a letter is a
/// word split across lines; the hyphen is dropped ("cyber-" + "space" →
/// "cyberspace") unless
/// - the next line does not start with a lower-case letter ("non-" + "EU",
///   "COVID-" + "19"),
/// - the part before is already a compound ("state-of-" + "the-art"),
/// - the document writes the compound with its hyphen elsewhere, or the
///   part after is one of [`COMPOUND_SECOND_PARTS`] ("confidence-" +
///   "building"), or
/// - the part before is one of [`COMPOUND_PREFIXES`] and the part after is
///   not one of [`SUFFIXES`] ("non-" + "state" → "non-state").
fn join_line(paragraph: &mut String, next: &str, compounds: &Compounds) {
    let next = next.trim();
    if paragraph.ends_with('\u{AD}') {
        paragraph.pop();
        paragraph.push_str(next);
        return;
    }
    if let Some(keep) = join_hyphenated(paragraph, next, compounds) {
        if !keep {
            paragraph.pop();
        }
        paragraph.push_str(next);
        return;
    }
    paragraph.push(' ');
    paragraph.push_str(next);
}

/// For a paragraph ending in a letter and a hyphen: `Some(true)` to keep the
/// hyphen, `Some(false)` to drop it; `None` when it does not end like that.
fn join_hyphenated(paragraph: &str, next: &str, compounds: &Compounds) -> Option<bool> {
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
    Some(
        compounds.has(&fragment, &after.to_lowercase())
            || COMPOUND_SECOND_PARTS.contains(&after.as_str())
            || (COMPOUND_PREFIXES.contains(&fragment.as_str())
                && !SUFFIXES.contains(&after.as_str())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line {
            text: text.to_string(),
            x0,
            x1,
            y,
            size: 10.0,
        }
    }

    fn texts(paragraphs: &[Paragraph]) -> Vec<&str> {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    fn joined(a: &str, b: &str) -> String {
        let mut s = a.to_string();
        join_line(&mut s, b, &Compounds::default());
        s
    }

    #[test]
    fn a_compound_the_document_writes_elsewhere_keeps_its_hyphen() {
        let compounds = Compounds::of(&[(
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
    fn pdf_metadata_is_read_as_a_reader_would() {
        assert_eq!(
            meaningful_title("Microsoft Word - Porto Call for Trust"),
            Some("Porto Call for Trust".into())
        );
        assert_eq!(
            meaningful_title("Microsoft Word - Call_FINAL_v3.docx"),
            None
        );
        assert_eq!(meaningful_title("untitled"), None);
        assert_eq!(
            pdf_date("D:20181112093000+01'00'"),
            Some("2018-11-12".into())
        );
        assert_eq!(pdf_date("D:0000"), None);
        let raw = [b'S', 0x90, b's', b' ', 0x84, b' ', 0x8D, b'x', 0x8E];
        assert_eq!(decode_text_string(&raw), "S’s — “x”");
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
    fn page_numbers_are_recognised() {
        for s in [
            "3",
            "- 3 -",
            "Page 3",
            "Page 3 of 7",
            "[12]",
            "iv",
            "3 / 7",
            "p. 3",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["Principles", "2024 was a year", "Article 3 applies"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn running_header_and_footer_are_dropped() {
        let page = |n: u32| {
            (
                n,
                vec![
                    line("Lisbon Declaration", 72.0, 200.0, 30.0),
                    line(&format!("Body text of page {n}."), 72.0, 540.0, 100.0),
                    line(&format!("Page {n} of 3"), 270.0, 320.0, 750.0),
                ],
            )
        };
        let mut pages = vec![page(1), page(2), page(3)];
        drop_running_chrome(&mut pages);
        for (n, lines) in &pages {
            assert_eq!(lines.len(), 1, "page {n}: {lines:?}");
            assert!(lines[0].text.starts_with("Body text"));
        }
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
        let paragraphs = build_paragraphs(&[(4, lines)]);
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
        let paragraphs = build_paragraphs(&pages);
        assert_eq!(
            texts(&paragraphs),
            ["A sentence that does not end here but on the next page."]
        );
        assert_eq!(paragraphs[0].page, Some(1));
    }

    /// A PDF with the given objects (numbered from 1, the first being the
    /// catalog) and a correct cross-reference table.
    fn tiny_pdf(objects: &[&str]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        out
    }

    const HELLO: &str = "<< /Length 36 >>\nstream\nBT /F1 12 Tf 72 700 Td (Hello) Tj ET\nendstream";
    const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

    #[test]
    fn minimal_pdf_is_read() {
        let pdf = tiny_pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            HELLO,
            FONT,
        ]);
        let e = read_pdf(&pdf).unwrap();
        assert_eq!(e.paragraphs, [Paragraph::on_page("Hello", 1)]);
        assert_eq!(e.meta.title, None);
    }

    /// A one-page PDF drawing `content` in Helvetica as /F1.
    fn one_page_pdf(content: &str) -> Vec<u8> {
        let stream = format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        );
        tiny_pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            &stream,
            FONT,
        ])
    }

    #[test]
    fn footnote_markers_do_not_stick_to_words() {
        let pdf = one_page_pdf(
            "BT /F1 12 Tf 72 700 Td (Norms for cyberspace) Tj 5 Ts /F1 7 Tf (12) Tj \
             0 Ts /F1 12 Tf (. In 2018 the Call) Tj 5 Ts /F1 7 Tf (*) Tj 0 Ts /F1 12 Tf ( was made.) Tj ET",
        );
        let e = read_pdf(&pdf).unwrap();
        assert_eq!(
            e.paragraphs,
            [Paragraph::on_page(
                "Norms for cyberspace. In 2018 the Call was made.",
                1
            )]
        );
    }

    // Both would overflow the stack inside pdf-extract, which aborts the
    // process whatever catch_unwind does.
    #[test]
    fn page_tree_loop_is_an_error_not_a_crash() {
        let pdf = tiny_pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>",
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            HELLO,
            FONT,
        ]);
        assert_eq!(
            read_pdf(&pdf).unwrap_err(),
            "not a valid PDF: its page tree loops"
        );
    }

    #[test]
    fn self_drawing_form_is_an_error_not_a_crash() {
        let pdf = tiny_pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 6 0 R >>",
            "<< /Length 6 >>\nstream\n/X0 Do\nendstream",
            FONT,
            "<< /Font << /F1 5 0 R >> /XObject << /X0 7 0 R >> >>",
            "<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Length 6 >>\nstream\n/X0 Do\nendstream",
        ]);
        assert_eq!(
            read_pdf(&pdf).unwrap_err(),
            "not a valid PDF: its drawing refers to itself"
        );
    }

    #[test]
    fn declaration_fixture_reads_as_paragraphs_with_pages() {
        let e = read_pdf(include_bytes!(
            "../../tests/fixtures/formats/declaration.pdf"
        ))
        .unwrap();
        assert_eq!(
            e.meta.title.as_deref(),
            Some("Lisbon Declaration on Responsible State Behaviour in Cyberspace")
        );
        assert!(e.warnings.is_empty(), "{:?}", e.warnings);
        let all: Vec<&str> = texts(&e.paragraphs);
        // the two-line title in large type is one paragraph
        assert_eq!(
            all[0],
            "Lisbon Declaration on Responsible State Behaviour in Cyberspace"
        );
        // hyphenation undone, the compound kept, ligature and NBSP normalised
        assert!(all[1].contains("conduct of States in cyberspace and is essential"));
        assert!(all[2].contains(
            "creates both benefits and new risks, and that non-state actors increasingly"
        ));
        assert!(all[3].ends_with("obligations under Article 2 of the Charter."));
        // no running header or footer anywhere
        assert!(all
            .iter()
            .all(|p| !p.contains("Page ")
                && *p != "Lisbon Declaration on Responsible State Behaviour"));
        // one paragraph per principle, numbered 1 to 7, all on page 1
        let principles: Vec<&Paragraph> = e
            .paragraphs
            .iter()
            .filter(|p| p.text.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        assert_eq!(principles.len(), 7);
        assert!(principles[0]
            .text
            .starts_with("1. States should not conduct"));
        assert!(principles[6]
            .text
            .ends_with("in a flexible and inclusive process."));
        assert!(principles.iter().all(|p| p.page == Some(1)));
        // two paragraphs with no gap between them are still two
        let agreed = e
            .paragraphs
            .iter()
            .position(|p| p.text.ends_with("could not be agreed."))
            .unwrap();
        assert!(e.paragraphs[agreed]
            .text
            .starts_with("Several delegations noted"));
        assert_eq!(e.paragraphs[agreed].page, Some(2));
        // the paragraph cut by the page break stays whole, on its first page
        let review = e
            .paragraphs
            .iter()
            .find(|p| p.text.starts_with("A review conference"))
            .unwrap();
        assert!(review
            .text
            .ends_with("synthesis of the main themes raised by all participants."));
        assert_eq!(review.page, Some(2));
        assert_eq!(e.paragraphs.last().unwrap().page, Some(3));
    }

    #[test]
    fn encrypted_truncated_and_scanned_fixtures_give_reasons() {
        let read = |bytes: &[u8]| read_pdf(bytes).unwrap_err();
        assert_eq!(
            read(include_bytes!("../../tests/fixtures/formats/encrypted.pdf")),
            "the PDF is encrypted"
        );
        assert!(
            read(include_bytes!("../../tests/fixtures/formats/truncated.pdf"))
                .starts_with("not a valid PDF: ")
        );
        assert_eq!(
            read(include_bytes!("../../tests/fixtures/formats/scanned.pdf")),
            "no text layer (scanned?)"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read_pdf(b"").is_err());
        assert!(read_pdf(b"hello world").is_err());
        let mut junk = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".to_vec();
        junk.extend((0..2000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
        assert!(read_pdf(&junk).is_err());
    }
}
