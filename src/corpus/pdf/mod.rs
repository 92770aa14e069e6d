//! Reads PDF files into paragraphs with 1-based page numbers.
//!
//! [`glyphs`] draws each page with hayro, keeping every glyph's text, place
//! and size; `lopdf` reads the document's structure (information
//! dictionary, page labels, loops that must not be drawn). The rest is
//! layout analysis on the glyphs' positions:
//!
//! - [`layout`]: glyphs → lines, columns, tables and footnotes, in reading
//!   order;
//! - [`chrome`]: running headers, footers and page numbers, found by
//!   repetition across pages, are dropped;
//! - [`ligatures`]: words whose ligature the font gives no text for
//!   ("reect", "ofcial") repaired from the document's own words;
//! - [`paragraphs`]: lines → paragraphs (gaps, font sizes, list markers,
//!   lines that stop short), words broken by hyphenation re-joined, a
//!   paragraph cut by a column or page break kept whole;
//! - [`labels`]: printed page numbers (`/PageLabels`).
//!
//! A PDF library may panic on a malformed font or stream, so every call
//! into hayro runs under `catch_unwind`, with the panic message kept off
//! stderr (see [`quietly`]).

mod chrome;
mod glyphs;
mod labels;
mod layout;
mod ligatures;
mod paragraphs;

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

pub(super) use super::clean::list_marker_len;
use super::clean::normalize_inline;
use super::extract::{Extracted, Metadata, ReadStats};
use super::quietly;
use crate::date::PartialDate;
use layout::Line;

/// Reads a PDF from its bytes.
///
/// Errors are short reasons without the file name, for the caller to put
/// in context: "the PDF is encrypted", "no text layer: …", "no readable
/// text: …" (glyphs drawn in fonts that map them to no characters), "not a
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
    // lopdf reads the document's structure (information dictionary, page
    // labels, and the loops checked below); hayro draws the glyphs, and
    // still reads a file whose structure lopdf cannot rebuild.
    let structure = match Document::load_mem(bytes) {
        Ok(doc) => Ok(doc),
        Err(lopdf::Error::Decryption(_)) => return Err("the PDF is encrypted".to_string()),
        Err(other) => Err(format!("not a valid PDF: {other}")),
    };
    let mut structure = structure;
    if let Ok(doc) = &mut structure {
        // Files encrypted with an empty user password (owner restrictions
        // only) open like any other; anything else needs a password.
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err("the PDF is encrypted".to_string());
        }
    }
    // A loop in the page tree or a form drawing itself would overflow the
    // stack, which no panic handler catches: such pages are not drawn.
    let page_problems: Vec<Option<String>> = match &structure {
        Ok(doc) => doc
            .get_pages()
            .values()
            .map(|&id| check_page_structure(doc, id).err())
            .collect(),
        Err(_) => Vec::new(),
    };
    let drawn = glyphs::read_pages(bytes, &page_problems).map_err(|e| match (e, &structure) {
        (glyphs::OpenError::Encrypted, _) => "the PDF is encrypted".to_string(),
        (glyphs::OpenError::Invalid, Err(reason)) => reason.clone(),
        (glyphs::OpenError::Invalid, Ok(_)) => {
            "not a valid PDF: the PDF library could not read it".to_string()
        }
    })?;
    if drawn.is_empty() {
        return Err("not a valid PDF: it has no pages".to_string());
    }
    let page_count = drawn.len();
    let mut warnings = Vec::new();
    let mut pages: Vec<(u32, Vec<Line>)> = Vec::new();
    let (mut blank_pages, mut broken_pages) = (0, 0);
    // Glyphs drawn that the PDF maps to no character: all of a page's
    // text, when its fonts (often Type 3) carry no character codes.
    let mut unmapped_glyphs = 0;
    let mut last_problem = String::new();
    for (index, page) in drawn.into_iter().enumerate() {
        let number = index as u32 + 1;
        let lines = match page {
            Ok(glyphs) => {
                let lines = layout::segments(&glyphs);
                blank_pages += usize::from(lines.is_empty());
                if lines.is_empty() {
                    unmapped_glyphs += glyphs
                        .iter()
                        .filter(|g| g.text.chars().all(|c| c == ligatures::MISSING))
                        .count();
                }
                lines
            }
            Err(reason) => {
                warnings.push(format!("page {number} could not be read: {reason}"));
                last_problem = reason;
                broken_pages += 1;
                Vec::new()
            }
        };
        pages.push((number, lines));
    }
    if broken_pages == page_count {
        return Err(format!("not a valid PDF: {last_problem}"));
    }
    if blank_pages + broken_pages == page_count {
        return Err(if unmapped_glyphs > 0 {
            format!(
                "no readable text: its {unmapped_glyphs} glyphs are drawn in fonts that map them \
                 to no characters (Type 3 or without a ToUnicode table); export the PDF again \
                 with text, or run OCR on it"
            )
        } else {
            "no text layer: the pages hold images or drawings only (scanned?); run OCR on it \
             first"
                .to_string()
        });
    }
    if blank_pages > 0 {
        warnings.push(format!(
            "{blank_pages} of {page_count} pages have no text layer"
        ));
    }

    let mut stats = ReadStats {
        pages: page_count as u32,
        ..ReadStats::default()
    };
    let labels = structure
        .as_ref()
        .map(|doc| labels::page_labels(doc, page_count))
        .unwrap_or_default();
    stats.running_lines_removed = chrome::drop_running_chrome(&mut pages, &labels);
    stats.ligatures_repaired = ligatures::repair(&mut pages);
    let body_size = paragraphs::body_size(&pages);
    let pages: Vec<(u32, Vec<Line>)> = pages
        .into_iter()
        .map(|(number, lines)| {
            let arranged = layout::arrange(lines, body_size);
            stats.multi_column_pages += u32::from(arranged.columns > 1);
            (number, arranged.lines)
        })
        .collect();
    let mut paragraphs = paragraphs::build_paragraphs(&pages, body_size, &mut stats);
    let label = |page: u32| labels.get(page as usize - 1).cloned().flatten();
    for p in &mut paragraphs {
        p.page_label = match (p.page.and_then(label), p.last_page.and_then(label)) {
            (Some(first), Some(last)) => Some(format!("{first}–{last}")),
            (first, _) => first,
        };
    }
    let info = |key: &[u8]| {
        structure
            .as_ref()
            .ok()
            .and_then(|doc| info_string(doc, key))
    };
    Ok(Extracted {
        meta: Metadata {
            title: info(b"Title").and_then(|t| meaningful_title(&t)),
            author: info(b"Author"),
            date: info(b"CreationDate").and_then(|d| creation_date(&d)),
            ..Metadata::default()
        },
        paragraphs,
        warnings,
        attachment: None,
        stats,
    })
}

/// Most nested form drawings (XObjects) a page may use; deeper nesting is
/// treated as broken.
const MAX_FORM_DEPTH: usize = 32;

/// Page trees nest a handful of levels (a balanced tree of 64 levels
/// would hold more pages than any file could); deeper is hostile.
const MAX_TREE_DEPTH: usize = 64;

/// Rejects page structures that could send a PDF interpreter into
/// unbounded recursion, a stack overflow that `catch_unwind` cannot stop: a loop in
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
        if seen.contains(&parent) {
            return Err("its page tree loops".to_string());
        }
        if seen.len() > MAX_TREE_DEPTH {
            return Err(format!(
                "its page tree nests deeper than {MAX_TREE_DEPTH} levels"
            ));
        }
        seen.push(parent);
        match doc.get_dictionary(parent) {
            Ok(dict) => node = dict,
            Err(_) => break,
        }
    }
    let mut budget = 10_000;
    match resources {
        Some(resources)
            if forms_loop(
                doc,
                resources,
                &mut Vec::new(),
                &mut HashSet::new(),
                &mut budget,
            ) =>
        {
            Err("its drawing refers to itself".to_string())
        }
        _ => Ok(()),
    }
}

/// Whether the form XObjects reachable from `resources` loop, nest deeper
/// than [`MAX_FORM_DEPTH`], or take more than `budget` steps to check
/// (forms in `checked` are known not to). A form without its own
/// resources uses the ones it was drawn with.
fn forms_loop(
    doc: &Document,
    resources: &Dictionary,
    stack: &mut Vec<ObjectId>,
    checked: &mut HashSet<ObjectId>,
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
        if !matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form")
            || checked.contains(&id)
        {
            continue;
        }
        // A form that draws no XObject (no `Do` in its content) cannot loop:
        // a slide deck's 200 shapes sharing the page's resources are not
        // 200 nested drawings.
        let content = stream
            .get_plain_content()
            .unwrap_or_else(|_| stream.content.clone());
        if !content.windows(2).any(|w| w == b"Do") {
            checked.insert(id);
            continue;
        }
        *budget = budget.saturating_sub(1);
        if stack.contains(&id) || stack.len() >= MAX_FORM_DEPTH || *budget == 0 {
            return true;
        }
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| as_dictionary(doc, r));
        stack.push(id);
        if forms_loop(doc, own.unwrap_or(resources), stack, checked, budget) {
            return true;
        }
        stack.pop();
        // A form with resources of its own draws the same wherever it is
        // used: a slide deck reusing one logo on every page is checked once.
        if own.is_some() {
            checked.insert(id);
        }
    }
    false
}

/// A dictionary given inline or by one reference.
pub(super) fn as_dictionary<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
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
        ".doc", ".docx", ".odt", ".rtf", ".indd", ".pdf", ".ppt", ".pptx", ".tex", ".xls", ".xlsx",
        ".odp", ".key", ".pages",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    let placeholder = matches!(
        lower.as_str(),
        "untitled" | "title" | "document" | "powerpoint presentation" | "presentation" | ""
    );
    (!file_name && !placeholder).then(|| title.to_string())
}

/// A PDF date (`D:20181112093000+01'00'`), also without its `D:` as some
/// producers write it.
fn creation_date(value: &str) -> Option<PartialDate> {
    let value = value.trim();
    match value.strip_prefix("D:") {
        Some(_) => PartialDate::parse(value),
        None => PartialDate::parse(&format!("D:{value}")),
    }
}

/// Decodes a PDF text string: UTF-16BE with a byte-order mark, UTF-8 with
/// one (PDF 2.0), else PDFDocEncoding: Latin-1 but for bytes 0x80–0xA0,
/// which hold typographic punctuation (dashes, curly quotes, ligatures).
pub(super) fn decode_text_string(raw: &[u8]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Paragraph;

    fn texts(paragraphs: &[Paragraph]) -> Vec<&str> {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
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
        assert_eq!(meaningful_title("PowerPoint Presentation"), None);
        assert_eq!(meaningful_title("feedback for prEN 40000-1-1.xlsx"), None);
        assert_eq!(
            creation_date("D:20181112093000+01'00'").map(|d| d.to_string()),
            Some("2018-11-12".into())
        );
        // Issue #20, item 13: no longer only 1990–2100; the `D:` may be left out.
        assert_eq!(
            creation_date("19851112").map(|d| d.to_string()),
            Some("1985-11-12".into())
        );
        assert_eq!(creation_date("D:0000"), None);
        let raw = [b'S', 0x90, b's', b' ', 0x84, b' ', 0x8D, b'x', 0x8E];
        assert_eq!(decode_text_string(&raw), "S’s — “x”");
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

    #[test]
    fn text_turned_against_the_page_is_left_out() {
        // a chart's axis label set a quarter turn up, beside the prose
        let pdf = one_page_pdf(
            "BT /F1 12 Tf 72 700 Td (Attacks per team in the final.) Tj ET \
             BT /F1 12 Tf 0 1 -1 0 300 600 Tm (Unique) Tj ET",
        );
        let e = read_pdf(&pdf).unwrap();
        assert_eq!(
            e.paragraphs,
            [Paragraph::on_page("Attacks per team in the final.", 1)]
        );
    }

    #[test]
    fn a_page_turned_as_a_whole_reads_along_its_lines() {
        // landscape content on a portrait page: every line a quarter turn
        // up, each next line further right
        let pdf = one_page_pdf(
            "BT /F1 12 Tf 0 1 -1 0 100 100 Tm (The table is turned) Tj ET \
             BT /F1 12 Tf 0 1 -1 0 114 100 Tm (to fit the page.) Tj ET",
        );
        let e = read_pdf(&pdf).unwrap();
        assert_eq!(
            e.paragraphs,
            [Paragraph::on_page(
                "The table is turned to fit the page.",
                1
            )]
        );
    }

    #[test]
    fn a_ligature_drawn_with_no_text_is_put_back_from_the_documents_words() {
        // F2 draws one glyph, named so no reader can tell it is "fl", with
        // no ToUnicode: the first line reads "re?ect"
        let content = "BT /F1 12 Tf 72 700 Td (States re) Tj /F2 12 Tf (a) Tj \
                       /F1 12 Tf (ect on the draft.) Tj ET \
                       BT /F1 12 Tf 72 660 Td (We reflect on it.) Tj ET";
        let stream = format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        );
        let glyph = "600 0 0 0 500 500 d1 0 0 500 500 re f";
        let pdf = tiny_pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
            &stream,
            FONT,
            "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] \
             /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /lig1 7 0 R >> \
             /Encoding << /Type /Encoding /Differences [97 /lig1] >> \
             /FirstChar 97 /LastChar 97 /Widths [600] >>",
            &format!("<< /Length {} >>\nstream\n{glyph}\nendstream", glyph.len()),
        ]);
        let e = read_pdf(&pdf).unwrap();
        // (two lines alone tell no paragraph gap from line spacing)
        assert_eq!(
            texts(&e.paragraphs),
            ["States reflect on the draft. We reflect on it."]
        );
        assert_eq!(e.stats.ligatures_repaired, 1);
    }

    // Both could overflow the stack inside a PDF interpreter, which aborts
    // the process whatever catch_unwind does.
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
    fn many_shapes_sharing_the_page_resources_are_not_a_loop() {
        // A slide deck: 200 form XObjects, none drawing another, all using
        // the page's resources (which list them all).
        let forms = 200;
        let names: String = (0..forms)
            .map(|i| format!("/X{i} {} 0 R ", 7 + i))
            .collect();
        let resources = format!("<< /Font << /F1 5 0 R >> /XObject << {names}>> >>");
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 6 0 R >>".to_string(),
            HELLO.to_string(),
            FONT.to_string(),
            resources,
        ];
        for _ in 0..forms {
            objects.push(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Length 10 >>\nstream\n0 0 9 9 re\nendstream"
                    .to_string(),
            );
        }
        let refs: Vec<&str> = objects.iter().map(String::as_str).collect();
        let e = read_pdf(&tiny_pdf(&refs)).unwrap();
        assert_eq!(e.paragraphs, [Paragraph::on_page("Hello", 1)]);
    }

    #[test]
    fn declaration_fixture_reads_as_paragraphs_with_pages() {
        let e = read_pdf(include_bytes!(
            "../../../tests/fixtures/formats/declaration.pdf"
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
            read(include_bytes!(
                "../../../tests/fixtures/formats/encrypted.pdf"
            )),
            "the PDF is encrypted"
        );
        assert!(read(include_bytes!(
            "../../../tests/fixtures/formats/truncated.pdf"
        ))
        .starts_with("not a valid PDF: "));
        assert_eq!(
            read(include_bytes!(
                "../../../tests/fixtures/formats/scanned.pdf"
            )),
            "no text layer: the pages hold images or drawings only (scanned?); run OCR on it first"
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
