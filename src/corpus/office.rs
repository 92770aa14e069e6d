//! Reads office documents, zip archives of XML: Word (`.docx`, text in
//! `word/document.xml` as paragraphs `w:p` of runs of text `w:t`) and
//! OpenDocument text (`.odt`, text in `content.xml` as paragraphs `text:p`
//! and headings `text:h`). One walker reads both, told by a [`Dialect`]
//! which elements are what.
//!
//! Every paragraph, heading, list item, table cell and text box is a
//! paragraph of ours, in document order. Tracked changes read as accepted:
//! inserted text is kept, deleted text (Word's `w:delText`, OpenDocument's
//! `text:tracked-changes`) is not. Field codes (`w:instrText`) and the
//! fallback copy Word keeps of a text box for old readers (`mc:Fallback`)
//! are left out. A tab or line break inside a paragraph is a space. Title,
//! author and creation date come from the document properties; without a
//! title there, the first paragraph styled "Title" is the title.
//!
//! Known limits: footnotes, comments, headers and footers are not read;
//! list numbers that the word processor draws itself (not typed) are not
//! in the text.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use super::clean::normalize_inline;
use super::extract::{Extracted, Metadata, Paragraph, ReadStats};
use crate::date::PartialDate;

/// The most a part of the archive may unpack to: a zip bomb stops here.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// How one office format writes its text and properties.
struct Dialect {
    /// The format as errors name it.
    name: &'static str,
    body_part: &'static str,
    properties_part: &'static str,
    /// Elements that are paragraphs of ours.
    paragraphs: &'static [&'static str],
    /// The element text must be inside to count (Word keeps field codes
    /// in other elements); `None`: any text inside a paragraph.
    text_element: Option<&'static str>,
    /// Empty elements that stand for a space, and for a hyphen.
    spaces: &'static [&'static str],
    hyphens: &'static [&'static str],
    /// Elements whose whole content is left out.
    skipped: &'static [&'static str],
    /// The element and attribute naming a paragraph's style.
    style: (&'static str, &'static str),
    /// Property elements of the title, the author (first found wins) and
    /// the creation date.
    title: &'static str,
    authors: &'static [&'static str],
    created: &'static str,
}

const WORD: Dialect = Dialect {
    name: "Word",
    body_part: "word/document.xml",
    properties_part: "docProps/core.xml",
    paragraphs: &["w:p"],
    text_element: Some("w:t"),
    spaces: &["w:tab", "w:br", "w:cr"],
    hyphens: &["w:noBreakHyphen"],
    skipped: &["mc:Fallback"],
    style: ("w:pStyle", "w:val"),
    title: "dc:title",
    authors: &["dc:creator"],
    created: "dcterms:created",
};

const OPEN_DOCUMENT: Dialect = Dialect {
    name: "OpenDocument",
    body_part: "content.xml",
    properties_part: "meta.xml",
    paragraphs: &["text:p", "text:h"],
    text_element: None,
    spaces: &["text:s", "text:tab", "text:line-break"],
    hyphens: &[],
    skipped: &["text:tracked-changes", "text:note", "office:annotation"],
    style: ("text:p", "text:style-name"),
    title: "dc:title",
    authors: &["meta:initial-creator", "dc:creator"],
    created: "meta:creation-date",
};

/// Reads a Word document from its bytes. Errors are short reasons without
/// the file name: "not a valid Word file: …".
pub fn read_docx(bytes: &[u8]) -> Result<Extracted, String> {
    read_office(bytes, &WORD)
}

/// Reads an OpenDocument text (`.odt`) from its bytes.
pub fn read_odt(bytes: &[u8]) -> Result<Extracted, String> {
    read_office(bytes, &OPEN_DOCUMENT)
}

fn read_office(bytes: &[u8], dialect: &Dialect) -> Result<Extracted, String> {
    let invalid = |e: &dyn std::fmt::Display| format!("not a valid {} file: {e}", dialect.name);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| invalid(&e))?;
    let body = part(&mut archive, dialect.body_part)
        .map_err(|e| invalid(&e))?
        .ok_or_else(|| {
            format!(
                "a zip archive without {}; accord reads Word (.docx) and OpenDocument (.odt) documents",
                dialect.body_part
            )
        })?;
    let body = body_paragraphs(&body, dialect).map_err(|e| invalid(&e))?;
    let properties = part(&mut archive, dialect.properties_part)
        .map_err(|e| invalid(&e))?
        .map(|xml| properties(&xml, dialect))
        .unwrap_or_default();
    Ok(Extracted {
        meta: Metadata {
            title: properties.title.or(body.title),
            author: properties.author,
            date: properties.date.as_deref().and_then(PartialDate::parse),
            ..Metadata::default()
        },
        paragraphs: body.paragraphs.into_iter().map(Paragraph::new).collect(),
        warnings: Vec::new(),
        attachment: None,
        stats: ReadStats::default(),
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
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut text = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(Some(text))
}

#[derive(Default)]
struct Body {
    paragraphs: Vec<String>,
    /// The first paragraph styled "Title".
    title: Option<String>,
}

/// A paragraph being read, and whether it is styled "Title".
type Open = (String, bool);

/// The paragraphs of the body part, in order.
fn body_paragraphs(xml: &str, dialect: &Dialect) -> Result<Body, String> {
    let mut reader = Reader::from_str(xml);
    let mut body = Body::default();
    // Paragraphs being read: a text box's paragraphs sit inside the
    // paragraph that anchors it, and end first.
    let mut open: Vec<Open> = Vec::new();
    let mut in_text = false;
    let mut skipping = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{}: {e}", dialect.body_part))?;
        match event {
            Event::Eof => break,
            Event::Start(e) if skipping > 0 || dialect.skipped.contains(&e.name().0) => {
                skipping += 1
            }
            Event::End(_) if skipping > 0 => skipping -= 1,
            _ if skipping > 0 => {}
            Event::Start(e) => {
                let name = e.name().0;
                if dialect.paragraphs.contains(&name) {
                    open.push((String::new(), false));
                }
                if Some(name) == dialect.text_element {
                    in_text = true;
                }
                mark_title(&e, dialect, &mut open);
            }
            Event::Empty(e) => {
                let name = e.name().0;
                if dialect.spaces.contains(&name) {
                    push_text(&mut open, " ");
                } else if dialect.hyphens.contains(&name) {
                    push_text(&mut open, "-");
                }
                mark_title(&e, dialect, &mut open);
            }
            Event::End(e) => {
                let name = e.name().0;
                if Some(name) == dialect.text_element {
                    in_text = false;
                }
                if !dialect.paragraphs.contains(&name) {
                    continue;
                }
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
            Event::Text(t) if in_text || dialect.text_element.is_none() => {
                push_text(&mut open, &t.xml10_content())
            }
            Event::GeneralRef(r) if in_text || dialect.text_element.is_none() => {
                if let Some(c) = resolve_reference(&r) {
                    push_text(&mut open, c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }
    Ok(body)
}

fn push_text(open: &mut [Open], text: &str) {
    if let Some((paragraph, _)) = open.last_mut() {
        paragraph.push_str(text);
    }
}

/// Marks the innermost open paragraph as the title when `element` gives
/// it the built-in Title style.
fn mark_title(element: &BytesStart, dialect: &Dialect, open: &mut [Open]) {
    let (style, attribute) = dialect.style;
    if element.name().0 != style {
        return;
    }
    let is_title = element
        .try_get_attribute(attribute)
        .ok()
        .flatten()
        .is_some_and(|v| v.value.as_ref() == "Title");
    if let (true, Some(last)) = (is_title, open.last_mut()) {
        last.1 = true;
    }
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
struct Properties {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

/// Title, author and creation date from the properties part.
fn properties(xml: &str, dialect: &Dialect) -> Properties {
    let mut reader = Reader::from_str(xml);
    let mut found = Properties::default();
    let mut current: Option<String> = None;
    let mut value = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = Some(e.name().0.to_string());
                value.clear();
            }
            Ok(Event::Text(t)) if current.is_some() => value.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if current.is_some() => value.extend(resolve_reference(&r)),
            Ok(Event::End(_)) => {
                let Some(name) = current.take() else { continue };
                let text = normalize_inline(&value);
                let slot = if name == dialect.title {
                    &mut found.title
                } else if dialect.authors.contains(&name.as_str()) {
                    &mut found.author
                } else if name == dialect.created {
                    &mut found.date
                } else {
                    continue;
                };
                if slot.is_none() && !text.is_empty() {
                    *slot = Some(text);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    found
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
        assert_eq!(
            e.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-15")
        );
    }

    #[test]
    fn submission_fixture_reads_as_its_paragraphs() {
        let e = read_odt(include_bytes!(
            "../../tests/fixtures/formats/submission.odt"
        ))
        .unwrap();
        let texts: Vec<&str> = e.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Submission on attribution",
                "The Republic of Slovenia submits R&D findings to the working group.",
                "Evidence should be shared with the accused State.",
                "Share technical indicators.",
                "Allow a reply within thirty days.",
                "Ministry of Foreign Affairs",
                "focal point",
                "\u{201c}Attribution must rest on evidence,\u{201d} said Marta Kova\u{10d}, the legal adviser of the delegation.",
            ]
        );
        assert_eq!(
            e.meta.title.as_deref(),
            Some("Slovenian submission on attribution")
        );
        assert_eq!(e.meta.author.as_deref(), Some("Marta Kova\u{10d}"));
        assert_eq!(
            e.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-02-20")
        );
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
