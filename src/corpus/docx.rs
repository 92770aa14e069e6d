//! Reads Word documents (`.docx`): a zip archive whose `word/document.xml`
//! holds the text as paragraphs (`w:p`) of runs (`w:r`) of text (`w:t`).
//!
//! Every paragraph, list item, table cell and text box is a paragraph of
//! ours, in document order. Tracked changes read as accepted: inserted
//! text is kept, deleted text (`w:delText`) is not. Field codes (`w:instrText`)
//! and the fallback copy Word keeps of a text box for old readers
//! (`mc:Fallback`) are left out. A tab or line break inside a paragraph is
//! a space. Title, author and creation date come from `docProps/core.xml`;
//! without a title there, the first paragraph styled "Title" is the title.
//!
//! Known limits: footnotes, comments, headers and footers are not read;
//! list numbers that Word draws itself (not typed) are not in the text.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::clean::normalize_inline;
use super::extract::{Extracted, Metadata, Paragraph};

/// The most a part of the archive may unpack to: a zip bomb stops here.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a Word document from its bytes. Errors are short reasons without
/// the file name: "not a valid Word file: …".
pub fn read_docx(bytes: &[u8]) -> Result<Extracted, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a valid Word file: {e}"))?;
    let document = part(&mut archive, "word/document.xml")?.ok_or_else(|| {
        "a zip archive without word/document.xml; accord reads Word (.docx) documents".to_string()
    })?;
    let body = body_paragraphs(&document)?;
    let core = part(&mut archive, "docProps/core.xml")?
        .map(|xml| core_properties(&xml))
        .unwrap_or_default();
    Ok(Extracted {
        meta: Metadata {
            title: core.title.or(body.title),
            author: core.author,
            date: core.date,
            ..Metadata::default()
        },
        paragraphs: body.paragraphs.into_iter().map(Paragraph::new).collect(),
        warnings: Vec::new(),
        attachment: None,
    })
}

/// One part of the archive as text, `None` when it is not there.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("not a valid Word file: {name}: {e}")),
    };
    let mut text = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| format!("not a valid Word file: {name}: {e}"))?;
    Ok(Some(text))
}

#[derive(Default)]
struct Body {
    paragraphs: Vec<String>,
    /// The first paragraph styled "Title".
    title: Option<String>,
}

/// The paragraphs of `word/document.xml`, in order.
fn body_paragraphs(xml: &str) -> Result<Body, String> {
    let mut reader = Reader::from_str(xml);
    let mut body = Body::default();
    // Paragraphs being read: a text box's paragraphs sit inside a run of
    // the paragraph that anchors it, and end first.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut in_text = false;
    let mut skipping = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not a valid Word file: word/document.xml: {e}"))?;
        match event {
            Event::Eof => break,
            Event::Start(e) if skipping > 0 || e.name().as_ref() == "mc:Fallback" => skipping += 1,
            Event::End(_) if skipping > 0 => skipping -= 1,
            _ if skipping > 0 => {}
            Event::Start(e) => match e.name().as_ref() {
                "w:p" => open.push((String::new(), false)),
                "w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:tab" | "w:br" | "w:cr" => push_text(&mut open, " "),
                "w:noBreakHyphen" => push_text(&mut open, "-"),
                "w:pStyle" if is_title_style(&e) => {
                    if let Some(last) = open.last_mut() {
                        last.1 = true;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => {
                    let Some((text, is_title)) = open.pop() else {
                        continue;
                    };
                    let text = normalize_inline(&text);
                    if text.is_empty() {
                        continue;
                    }
                    if is_title && body.title.is_none() {
                        body.title = Some(text.clone());
                    }
                    body.paragraphs.push(text);
                }
                _ => {}
            },
            Event::Text(t) if in_text => push_text(&mut open, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = resolve_reference(&r) {
                    push_text(&mut open, c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }
    Ok(body)
}

fn push_text(open: &mut [(String, bool)], text: &str) {
    if let Some((paragraph, _)) = open.last_mut() {
        paragraph.push_str(text);
    }
}

/// Whether a `w:pStyle` names the built-in Title style.
fn is_title_style(style: &BytesStart) -> bool {
    style
        .try_get_attribute("w:val")
        .ok()
        .flatten()
        .is_some_and(|v| v.value.as_ref() == "Title")
}

/// The character an entity or character reference stands for.
fn resolve_reference(reference: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c);
    }
    match &*reference.xml10_content() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

#[derive(Default)]
struct Core {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

/// Title, creator and creation date from `docProps/core.xml`.
fn core_properties(xml: &str) -> Core {
    let mut reader = Reader::from_str(xml);
    let mut core = Core::default();
    let mut current: Option<String> = None;
    let mut value = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = Some(e.name().as_ref().to_string());
                value.clear();
            }
            Ok(Event::Text(t)) if current.is_some() => value.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if current.is_some() => value.extend(resolve_reference(&r)),
            Ok(Event::End(_)) => {
                let text = normalize_inline(&value);
                let slot = match current.take().as_deref() {
                    Some("dc:title") => &mut core.title,
                    Some("dc:creator") => &mut core.author,
                    Some("dcterms:created") => &mut core.date,
                    _ => continue,
                };
                if !text.is_empty() {
                    *slot = Some(text);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    // `2018-11-12T10:00:00Z` → `2018-11-12`.
    core.date = core.date.and_then(|d| {
        let day = d.get(..10)?;
        let shape = day.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        shape.then(|| day.to_string())
    });
    core
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_fixture_reads_as_its_paragraphs() {
        let e = read_docx(include_bytes!(
            "../../tests/fixtures/formats/statement.docx"
        ))
        .unwrap();
        let texts: Vec<&str> = e.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Statement on the Lisbon Declaration",
                "The delegation of Portugal welcomes the review of the Declaration.",
                "It supports a standing working group on attribution.",
                "Reports go to the secretariat R&D bodies and the chair\u{2019}s office.",
                "Protect the public core of the internet.",
                "Refrain from hacking back.",
                "Ministry of Justice",
                "contact point",
                "Boxed note on timelines.",
                "See the box.",
                "\u{201c}Restraint is a norm, not a favour,\u{201d} said Rui Almeida, the head of the delegation.",
            ]
        );
        assert_eq!(
            e.meta.title.as_deref(),
            Some("Statement on the Lisbon Declaration")
        );
        assert_eq!(e.meta.author.as_deref(), Some("Delegation of Portugal"));
        assert_eq!(e.meta.date.as_deref(), Some("2024-03-15"));
    }

    #[test]
    fn other_zip_archives_and_garbage_are_errors_not_panics() {
        assert!(read_docx(b"PK\x03\x04 not really a zip")
            .unwrap_err()
            .starts_with("not a valid Word file"));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(read_docx(&bytes)
            .unwrap_err()
            .contains("without word/document.xml"));
    }
}
