//! Reads Markdown files, and the front matter that Markdown and plain-text
//! files may open with.
//!
//! Front matter is a block at the very start of the file between `---`
//! lines (YAML style) or `+++` lines (TOML style) holding `key: value` or
//! `key = "value"` lines. Only flat string values are read: title, kind,
//! date, source, url, author (and a few aliases, see [`set_field`]); other
//! keys (Jekyll's `layout:`, `permalink:`, `nav_order:` …), lists and
//! nested tables are ignored.
//!
//! The Markdown itself goes through `pulldown-cmark` (CommonMark with
//! tables, footnotes, definition lists, heading attributes and
//! strikethrough). Each heading, paragraph, list item, table row, code
//! block and footnote becomes one paragraph, with its [`Role`]; items of a
//! numbered list keep their number ("2. …", as PDF lists do); a table row
//! joins its cells with " | "; inline markup (emphasis, links, images, code
//! spans) is reduced to its text, so a link keeps its words and an image
//! its alt text. Raw HTML blocks keep their text, a paragraph per block
//! element, without scripts, styles and comments.
//!
//! Nothing here recurses over the document's nesting, so deeply nested
//! quotes or lists cannot overflow the stack.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{Html, Node};

use super::clean::{normalize_date, normalize_inline, normalize_line_endings};
use super::extract::{Extracted, Metadata, Paragraph, ReadStats, Role};

/// Reads a Markdown file, front matter included.
pub fn read_markdown(text: &str) -> Extracted {
    let text = normalize_line_endings(text);
    let (meta, body) = read_plain_front_matter(&text);
    let mut out = Builder::default();
    let mut html = String::new();
    // next number of each open list, `None` for bullet lists
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut number: Option<String> = None;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_HEADING_ATTRIBUTES;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(tag) => {
                if starts_paragraph(&tag) {
                    out.flush();
                }
                match tag {
                    Tag::List(start) => lists.push(start),
                    Tag::Item => {
                        out.roles.push(Role::ListItem);
                        if let Some(Some(n)) = lists.last_mut() {
                            // put in front of the item's first text, which in
                            // a loose list comes inside a nested paragraph
                            number = Some(format!("{n}. "));
                            *n += 1;
                        }
                    }
                    Tag::Heading { .. } => out.roles.push(Role::Heading),
                    Tag::FootnoteDefinition(_) => out.roles.push(Role::Footnote),
                    Tag::TableHead | Tag::TableRow => {
                        out.roles.push(Role::TableRow);
                        out.cells = Some(0);
                    }
                    Tag::TableCell => out.start_cell(),
                    _ => {}
                }
            }
            Event::End(tag) => {
                match tag {
                    TagEnd::List(_) => {
                        lists.pop();
                    }
                    TagEnd::HtmlBlock => read_html_block(&std::mem::take(&mut html), &mut out),
                    _ => {}
                }
                if ends_paragraph(tag) {
                    out.flush();
                }
                if let TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::TableHead
                | TagEnd::TableRow = tag
                {
                    out.roles.pop();
                }
                if let TagEnd::TableHead | TagEnd::TableRow = tag {
                    out.cells = None;
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(number) = number.take() {
                    out.push(&number);
                }
                out.push(&text);
            }
            Event::Html(raw) => html.push_str(&raw),
            Event::InlineHtml(raw) if is_line_break(&raw) => out.push(" "),
            Event::SoftBreak | Event::HardBreak => out.push(" "),
            // inline tags, footnote marks, rules: no prose
            _ => {}
        }
    }
    out.flush();
    Extracted {
        meta,
        paragraphs: out.paragraphs,
        warnings: Vec::new(),
        attachment: None,
        stats: out.stats,
    }
}

/// Collects paragraphs, each with the role of the innermost list item,
/// heading, footnote or table row its text starts in.
#[derive(Default)]
struct Builder {
    paragraphs: Vec<Paragraph>,
    current: String,
    role: Role,
    /// roles of the open elements that give one, innermost last
    roles: Vec<Role>,
    /// inside a table row: the number of its cells so far
    cells: Option<usize>,
    stats: ReadStats,
}

impl Builder {
    fn push(&mut self, text: &str) {
        if self.current.trim().is_empty() {
            self.role = self.roles.last().copied().unwrap_or_default();
        }
        self.current.push_str(text);
    }

    fn start_cell(&mut self) {
        match &mut self.cells {
            Some(n) => {
                *n += 1;
                if *n > 1 {
                    self.push(" | ");
                }
            }
            None => self.flush(),
        }
    }

    /// Ends the paragraph being built. One without a letter or digit (a
    /// kramdown end-of-block `^`, an empty table row) is no passage.
    fn flush(&mut self) {
        let text = normalize_inline(&self.current);
        self.current.clear();
        if text.chars().any(char::is_alphanumeric) {
            self.paragraphs
                .push(Paragraph::new(text).with_role(self.role));
        }
    }
}

fn starts_paragraph(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::CodeBlock(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::FootnoteDefinition(_)
            | Tag::BlockQuote(_)
            | Tag::HtmlBlock
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn ends_paragraph(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::CodeBlock
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::FootnoteDefinition
            | TagEnd::BlockQuote(_)
            | TagEnd::HtmlBlock
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

fn is_line_break(tag: &str) -> bool {
    let name = tag.trim_start_matches('<').trim_start();
    name.get(..2).is_some_and(|n| n.eq_ignore_ascii_case("br"))
        && !name[2..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// HTML elements whose content is never prose.
const HTML_SKIPPED: [&str; 5] = ["script", "style", "template", "noscript", "svg"];

/// HTML elements that end a paragraph (table cells are joined into rows).
const HTML_BLOCKS: [&str; 36] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
    "body",
];

/// Reads the text of a raw HTML block in Markdown (`<details>`, a
/// `<table>`, …): a paragraph per block element, table rows with their
/// cells joined by " | ", entities decoded; scripts and styles (counted as
/// removed boilerplate) and comments dropped. Walks the tree with a loop,
/// not recursion, whatever its depth.
fn read_html_block(html: &str, out: &mut Builder) {
    if html.trim().is_empty() {
        return;
    }
    let fragment = Html::parse_fragment(html);
    let root = fragment.tree.root();
    let role = |name: &str| match name {
        "li" => Some(Role::ListItem),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "summary" => Some(Role::Heading),
        "tr" => Some(Role::TableRow),
        _ => None,
    };
    // What closing an element does; only elements that were opened close.
    let close = |out: &mut Builder, name: &str| {
        if HTML_BLOCKS.contains(&name) {
            out.flush();
        }
        if name == "tr" {
            out.cells = None;
        }
        if role(name).is_some() {
            out.roles.pop();
        }
    };
    let mut next = root.first_child();
    while let Some(node) = next {
        let mut opened = None;
        match node.value() {
            Node::Text(text) => out.push(text),
            Node::Element(element) => {
                let name = element.name();
                if HTML_SKIPPED.contains(&name) {
                    if name == "script" || name == "style" {
                        out.stats.boilerplate_removed += 1;
                    }
                } else {
                    if HTML_BLOCKS.contains(&name) {
                        out.flush();
                    }
                    match name {
                        "tr" => out.cells = Some(0),
                        "td" | "th" => out.start_cell(),
                        "br" => out.push(" "),
                        _ => {}
                    }
                    if let Some(role) = role(name) {
                        out.roles.push(role);
                    }
                    opened = Some(name);
                }
            }
            _ => {}
        }
        if opened.is_some() {
            if let Some(child) = node.first_child() {
                next = Some(child);
                continue;
            }
        }
        if let Some(name) = opened {
            close(out, name);
        }
        let mut at = node;
        next = loop {
            if let Some(sibling) = at.next_sibling() {
                break Some(sibling);
            }
            match at.parent() {
                Some(parent) if parent.id() != root.id() => {
                    if let Node::Element(element) = parent.value() {
                        close(out, element.name());
                    }
                    at = parent;
                }
                _ => break None,
            }
        };
    }
    out.flush();
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
                "raw html",
            ]
        );
        let roles: Vec<Role> = e.paragraphs.iter().map(|p| p.role).collect();
        assert_eq!(
            roles[..4],
            [Role::Heading, Role::Body, Role::ListItem, Role::ListItem]
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
    fn raw_html_keeps_its_text_but_not_scripts_styles_or_comments() {
        let e = read_markdown(
            "<details>\n<summary>Why warn</summary>\nA warning &amp; a log.<br>Kept.\n</details>\n\n\
             <script>\nvar x = \"tracker\";\n\nx += 1;\n</script>\n\n<style>p { color: red }</style>\n\n\
             <!-- draft -->\n\n<table><tr><td>a</td><td>b</td></tr></table>\n\n<ul><li>item</li></ul>\n",
        );
        assert_eq!(
            texts(&e),
            ["Why warn", "A warning & a log. Kept.", "a | b", "item"]
        );
        assert_eq!(e.paragraphs[2].role, Role::TableRow);
        assert_eq!(e.paragraphs[3].role, Role::ListItem);
        assert_eq!(e.stats.boilerplate_removed, 2);
    }

    #[test]
    fn jekyll_front_matter_gives_metadata_and_no_passages() {
        let e = read_markdown(
            "---\nlayout: post\ntitle: Port warnings\npermalink: /warnings/\nnav_order: 3\n\
             has_children: true\ndate: 2024-05-14 10:00:00 +0200\n---\nBody.\n",
        );
        assert_eq!(e.meta.title.as_deref(), Some("Port warnings"));
        assert_eq!(e.meta.date.as_deref(), Some("2024-05-14"));
        assert_eq!(texts(&e), ["Body."]);
    }

    #[test]
    fn footnotes_and_table_rows_are_passages_of_their_own() {
        let e = read_markdown(
            "States warn first.[^1]\n\n| Norm | Who |\n| --- | --- |\n| Warn | States |\n|  | Operators |\n\n\
             [^1]: As the 2023 review found.\n",
        );
        assert_eq!(
            texts(&e),
            [
                "States warn first.",
                "Norm | Who",
                "Warn | States",
                "| Operators",
                "As the 2023 review found.",
            ]
        );
        let roles: Vec<Role> = e.paragraphs.iter().map(|p| p.role).collect();
        assert_eq!(
            roles,
            [
                Role::Body,
                Role::TableRow,
                Role::TableRow,
                Role::TableRow,
                Role::Footnote
            ]
        );
    }

    #[test]
    fn definition_lists_and_end_of_block_markers() {
        let e = read_markdown("Attribution\n: Naming who acted.\n\n- one\n\n^\n\n- two\n");
        assert_eq!(
            texts(&e),
            ["Attribution", "Naming who acted.", "one", "two"]
        );
    }

    // issue #16
    #[test]
    fn cr_cr_lf_line_endings_do_not_split_paragraphs() {
        let e = read_markdown("# Title\r\r\n\r\r\nStates warn\r\r\nfirst.\r\r\n");
        assert_eq!(texts(&e), ["Title", "States warn first."]);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 10_000;
        let indented: String = (0..depth / 10)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        for doc in [
            format!("{}deep quote\n", "> ".repeat(depth)),
            format!("{}deep item\n", "- ".repeat(depth)),
            format!("{}deep item\n", "1. ".repeat(depth)),
            format!(
                "{}deep div{}\n",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ),
            format!("{indented}{}deep\n", "  ".repeat(depth / 10)),
        ] {
            // a thread's default stack, smaller than main's, as the indexer uses
            let e = std::thread::spawn(move || read_markdown(&doc))
                .join()
                .expect("no stack overflow");
            assert!(texts(&e).iter().any(|t| t.contains("deep")));
        }
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
