//! Reads Markdown files, and the front matter that Markdown and plain-text
//! files may open with.
//!
//! Front matter is a block at the very start of the file between `---`
//! lines (YAML style) or `+++` lines (TOML style) holding `key: value` or
//! `key = "value"` lines. Only flat string values are read: title, kind,
//! date, source, url, author (and a few aliases, see [`set_field`]); other
//! keys, lists and nested tables are ignored.
//!
//! The Markdown itself goes through `pulldown-cmark` (CommonMark with
//! tables, footnotes and strikethrough). Each heading, paragraph, list
//! item, table cell, code block and footnote becomes one paragraph; items
//! of a numbered list keep their number ("2. …", as PDF lists do); inline
//! markup (emphasis, links, images, code spans) is reduced to its text, so
//! a link keeps its words and an image its alt text; raw HTML is dropped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::clean::{normalize_date, normalize_inline, normalize_line_endings};
use super::extract::{Extracted, Metadata, Paragraph, ReadStats};

/// Reads a Markdown file, front matter included.
pub fn read_markdown(text: &str) -> Extracted {
    let text = normalize_line_endings(text);
    let (meta, body) = read_plain_front_matter(&text);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut in_html_block = false;
    // next number of each open list, `None` for bullet lists
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut number: Option<String> = None;
    let mut flush = |current: &mut String| {
        let text = normalize_inline(current);
        current.clear();
        if !text.is_empty() {
            paragraphs.push(Paragraph::new(text));
        }
    };
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(tag) => {
                if let Tag::HtmlBlock = tag {
                    in_html_block = true;
                }
                if starts_paragraph(&tag) {
                    flush(&mut current);
                }
                match tag {
                    Tag::List(start) => lists.push(start),
                    Tag::Item => {
                        if let Some(Some(n)) = lists.last_mut() {
                            // put in front of the item's first text, which in
                            // a loose list comes inside a nested paragraph
                            number = Some(format!("{n}. "));
                            *n += 1;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                if let TagEnd::HtmlBlock = tag {
                    in_html_block = false;
                }
                if let TagEnd::List(_) = tag {
                    lists.pop();
                }
                if ends_paragraph(tag) {
                    flush(&mut current);
                }
            }
            Event::Text(text) | Event::Code(text) if !in_html_block => {
                if let Some(number) = number.take() {
                    current.push_str(&number);
                }
                current.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            // raw HTML, footnote marks, rules, task boxes: no prose
            _ => {}
        }
    }
    flush(&mut current);
    Extracted {
        meta,
        paragraphs,
        warnings: Vec::new(),
        attachment: None,
        stats: ReadStats::default(),
    }
}

fn starts_paragraph(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::CodeBlock(_)
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::BlockQuote(_)
    )
}

fn ends_paragraph(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::CodeBlock
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::BlockQuote(_)
    )
}

/// Splits optional front matter off the start of `text`; returns the
/// metadata found (all `None` without front matter) and the rest of the
/// text. An opening fence without a closing one is not front matter.
pub fn read_plain_front_matter(text: &str) -> (Metadata, &str) {
    let mut meta = Metadata::default();
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first_line_end = body.find('\n').unwrap_or(body.len());
    let fence = body[..first_line_end].trim_end();
    if fence != "---" && fence != "+++" {
        return (meta, text);
    }
    let mut offset = first_line_end + 1;
    let mut fields = Vec::new();
    while offset <= body.len() {
        let line_end = body[offset..].find('\n').map_or(body.len(), |i| offset + i);
        let line = body[offset..line_end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            for (key, value) in fields {
                set_field(&mut meta, key, value);
            }
            let rest = body.get(line_end + 1..).unwrap_or("");
            return (meta, rest);
        }
        let separator = if fence == "---" { ':' } else { '=' };
        if let Some((key, value)) = line.split_once(separator) {
            if !line.starts_with([' ', '\t', '-', '#']) {
                fields.push((key.trim(), value.trim()));
            }
        }
        offset = line_end + 1;
    }
    (Metadata::default(), text)
}

/// Stores one front-matter value. Keys are case-insensitive; `published`
/// and `created` count as `date`, `link` as `url`, `publisher` as `source`,
/// `type` as `kind`, `authors` as `author`. A value in quotes loses them; a
/// date is read with [`normalize_date`] and dropped when it is not one.
fn set_field(meta: &mut Metadata, key: &str, value: &str) {
    let value = unquote(value);
    if value.is_empty() || value.starts_with(['[', '{', '|', '>']) {
        return;
    }
    let slot = match key.to_ascii_lowercase().as_str() {
        "title" => &mut meta.title,
        "kind" | "type" => &mut meta.kind,
        "date" | "published" | "created" => {
            if meta.date.is_none() {
                meta.date = normalize_date(&value);
            }
            return;
        }
        "source" | "publisher" => &mut meta.source,
        "url" | "link" => &mut meta.url,
        "author" | "authors" => &mut meta.author,
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(normalize_inline(&value));
    }
}

fn unquote(value: &str) -> String {
    let value = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return if quote == '"' {
                inner.replace("\\\"", "\"")
            } else {
                inner.replace("''", "'")
            };
        }
    }
    // an unquoted YAML value ends at a comment
    value.split(" #").next().unwrap_or(value).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Extracted) -> Vec<&str> {
        e.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn yaml_front_matter_fills_metadata() {
        let (meta, rest) = read_plain_front_matter(
            "---\ntitle: \"A: title\"\nkind: commentary\ndate: 2024-03-09\nsource: Norms Watch\n\
             url: https://example.org/x\nauthor: 'Ines'\ntags: [a, b]\n---\nBody\n",
        );
        assert_eq!(meta.title.as_deref(), Some("A: title"));
        assert_eq!(meta.kind.as_deref(), Some("commentary"));
        assert_eq!(meta.date.as_deref(), Some("2024-03-09"));
        assert_eq!(meta.source.as_deref(), Some("Norms Watch"));
        assert_eq!(meta.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(meta.author.as_deref(), Some("Ines"));
        assert_eq!(rest, "Body\n");
    }

    #[test]
    fn toml_front_matter_fills_metadata() {
        let (meta, rest) =
            read_plain_front_matter("+++\ntitle = \"T\"\ndate = 2024-01-02T10:00:00Z\n+++\nBody");
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.date.as_deref(), Some("2024-01-02"));
        assert_eq!(rest, "Body");
    }

    #[test]
    fn text_without_closed_front_matter_is_left_alone() {
        let text = "---\ntitle: T\nno closing fence";
        let (meta, rest) = read_plain_front_matter(text);
        assert_eq!(meta, Metadata::default());
        assert_eq!(rest, text);
        assert_eq!(read_plain_front_matter("Plain text").1, "Plain text");
    }

    #[test]
    fn markdown_blocks_become_paragraphs_without_markup() {
        let e = read_markdown(
            "# The *Lisbon* Declaration\n\nIt restates that **law** applies\nin [cyberspace](https://x.org).\n\n\
             1. First `item`\n   wrapped.\n2. Second\n\n> Quoted text.\n\n![Alt text](a.png)\n\n<div>raw html</div>\n",
        );
        assert_eq!(
            texts(&e),
            [
                "The Lisbon Declaration",
                "It restates that law applies in cyberspace.",
                "1. First item wrapped.",
                "2. Second",
                "Quoted text.",
                "Alt text",
            ]
        );
    }

    #[test]
    fn nested_list_items_are_separate_paragraphs() {
        let e = read_markdown("- outer\n  - inner one\n  - inner two\n- last\n");
        assert_eq!(texts(&e), ["outer", "inner one", "inner two", "last"]);
    }

    #[test]
    fn loose_numbered_list_keeps_numbers() {
        let e = read_markdown("3. First.\n\n   More of first.\n\n4. Second.\n");
        assert_eq!(texts(&e), ["3. First.", "More of first.", "4. Second."]);
    }

    #[test]
    fn commentary_fixture() {
        let e = read_markdown(include_str!("../../tests/fixtures/formats/commentary.md"));
        assert_eq!(
            e.meta.title.as_deref(),
            Some("Commentary on the Lisbon Declaration")
        );
        assert_eq!(e.meta.kind.as_deref(), Some("commentary"));
        assert_eq!(e.meta.author.as_deref(), Some("Ines Duarte"));
        assert_eq!(
            texts(&e)[4],
            "2. Protect the public core of the internet. This item wraps onto a second line."
        );
        assert_eq!(e.paragraphs.len(), 9);
    }

    // issue #16
    #[test]
    fn cr_cr_lf_line_endings_do_not_split_paragraphs() {
        let e = read_markdown("# Title\r\r\n\r\r\nStates warn\r\r\nfirst.\r\r\n");
        assert_eq!(texts(&e), ["Title", "States warn first."]);
    }

    #[test]
    fn garbage_does_not_panic() {
        let junk: String = (0..3000u32)
            .map(|i| char::from_u32((i * 7919) % 0x2FFF).unwrap_or('*'))
            .collect();
        let _ = read_markdown(&junk);
        let _ = read_markdown("---\n---");
        let _ = read_markdown("+++");
    }
}
