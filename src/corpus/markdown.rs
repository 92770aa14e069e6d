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
//! Before parsing, the syntax that static-site generators add to Markdown
//! is taken out (see [`strip_site_syntax`]): kramdown attribute lists and
//! extensions (`{: .no_toc }`, `{:toc}` with its placeholder list,
//! `{::comment}`), kramdown abbreviation definitions, and Liquid tags and
//! output (`{% include … %}`, `{{ site.title }}`), whose surrounding text
//! stays. `<div markdown="1">` (kramdown's "Markdown inside HTML") is read
//! as Markdown. Code spans and fenced code are left as written.
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

use super::clean::{normalize_inline, normalize_line_endings};
use super::extract::{Extracted, Metadata, Paragraph, ReadStats, Role};
use super::sections;
use crate::date::PartialDate;

/// Reads a Markdown file, front matter included.
pub fn read_markdown(text: &str) -> Extracted {
    let text = normalize_line_endings(text);
    let (meta, body) = read_plain_front_matter(&text);
    let mut out = Builder::default();
    let body = strip_site_syntax(body, &mut out.stats);
    let mut html = String::new();
    // next number of each open list, `None` for bullet lists
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut number: Option<String> = None;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_HEADING_ATTRIBUTES;
    for event in Parser::new_ext(&body, options) {
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
                    Tag::Heading { level, .. } => {
                        out.roles.push(Role::Heading);
                        out.heading_level = Some(level as u8);
                    }
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
    /// the level of the heading being read, if any
    heading_level: Option<u8>,
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
            let level = self.heading_level.filter(|_| self.role == Role::Heading);
            self.paragraphs.push(Paragraph {
                heading_level: level,
                ..Paragraph::new(text).with_role(self.role)
            });
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
                    out.heading_level = sections::tag_level(name).or(out.heading_level);
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

/// Takes out of Markdown the syntax of kramdown and of Jekyll's Liquid
/// templates, which the CommonMark parser would keep as text:
///
/// - kramdown attribute lists and extensions: `{: .no_toc }`, `{:toc}`,
///   `{: #id .class}`, `{:name: .class}`, `{::options … /}`, on a line of
///   their own or after a heading, paragraph, link or emphasis; a
///   `{::comment}` … `{:/comment}` block with its content; and the list
///   item a `{:toc}` stands under (`* TOC`, a placeholder kramdown
///   replaces by the table of contents);
/// - kramdown abbreviation definitions (`*[IHL]: international
///   humanitarian law`), which the page never shows;
/// - Liquid tags and output, `{% include note.html %}`, `{{ site.title }}`:
///   the tag goes, the text around it stays. `{% comment %}` blocks go
///   whole, `{% raw %}` blocks keep their content as written, and
///   `{% highlight %}` blocks become fenced code;
/// - and it puts blank lines around `<div markdown="1">` … `</div>` (any
///   element with a `markdown` attribute), so their content parses as
///   Markdown rather than as one raw HTML block.
///
/// Fenced code and code spans keep everything but `{% raw %}` tags. A
/// marker that leaves its line empty counts as removed boilerplate, as
/// does a table-of-contents placeholder.
fn strip_site_syntax(body: &str, stats: &mut ReadStats) -> String {
    let mut out = String::with_capacity(body.len());
    let mut scanner = Scanner::default();
    let mut chunk: Vec<&str> = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    for line in body.split_inclusive('\n') {
        let bare = line.trim_start_matches([' ', '\t', '>']);
        let run = |c: u8| bare.bytes().take_while(|&b| b == c).count();
        if let Some((c, len)) = fence {
            if run(c) >= len && bare[run(c)..].trim().is_empty() {
                fence = None;
            }
            out.push_str(&strip_raw_tags(line));
            continue;
        }
        // a backtick fence's info string has no backtick: "```x``` y" is code
        let opens_fence = |c: u8| run(c) >= 3 && (c == b'~' || !bare[run(c)..].contains('`'));
        if let Some(c) = [b'`', b'~'].into_iter().find(|&c| opens_fence(c)) {
            out.push_str(&scanner.strip(&chunk.concat(), stats));
            chunk.clear();
            fence = Some((c, run(c)));
            out.push_str(&strip_raw_tags(line));
            continue;
        }
        let trimmed = line.trim();
        if is_toc_marker(trimmed) && chunk.last().is_some_and(|l| is_list_item_line(l)) {
            chunk.pop();
            chunk.push("\n");
            stats.boilerplate_removed += 1;
        }
        if trimmed.starts_with("*[") && trimmed.contains("]:") {
            chunk.push("\n");
            stats.boilerplate_removed += 1;
            continue;
        }
        chunk.push(line);
    }
    out.push_str(&scanner.strip(&chunk.concat(), stats));
    out
}

/// `{:toc}`, `{: toc }`.
fn is_toc_marker(line: &str) -> bool {
    line.strip_prefix("{:")
        .and_then(|l| l.strip_suffix('}'))
        .is_some_and(|inner| inner.split_whitespace().any(|w| w == "toc"))
}

fn is_list_item_line(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    let rest = if digits > 0 {
        rest.strip_prefix(['.', ')'])
    } else {
        rest.strip_prefix(['*', '-', '+'])
    };
    rest.is_some_and(|r| r.starts_with([' ', '\t']))
}

/// The state [`strip_site_syntax`] keeps from one stretch of prose to the
/// next.
#[derive(Default)]
struct Scanner {
    /// Elements opened with a `markdown` attribute and not yet closed,
    /// innermost last, each with the count of same-named elements open
    /// inside it.
    markdown_html: Vec<(String, usize)>,
    /// Closing markers already sought in vain in the text being stripped,
    /// so an unclosed `{% comment %}` is not sought again and again.
    unclosed: Vec<&'static str>,
}

impl Scanner {
    /// Strips a stretch of prose (no fenced code in it).
    fn strip(&mut self, text: &str, stats: &mut ReadStats) -> String {
        self.unclosed.clear();
        let b = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut line_start = 0;
        let mut removed_on_line = false;
        let mut i = 0;
        while i < b.len() {
            // copy plain text up to the next byte that may start syntax
            let plain = b[i..]
                .iter()
                .position(|c| b"\\`{<\n".contains(c))
                .unwrap_or(b.len() - i);
            out.push_str(&text[i..i + plain]);
            i += plain;
            if i >= b.len() {
                break;
            }
            let rest = &text[i..];
            let skip = match b[i] {
                b'\n' => {
                    if removed_on_line
                        && out[line_start..].trim_matches([' ', '\t', '>']).is_empty()
                    {
                        stats.boilerplate_removed += 1;
                    }
                    out.push('\n');
                    line_start = out.len();
                    removed_on_line = false;
                    i += 1;
                    continue;
                }
                // an escaped character is never syntax
                b'\\' => {
                    let escaped = rest[1..].chars().next().map_or(0, char::len_utf8);
                    out.push_str(&rest[..1 + escaped]);
                    i += 1 + escaped;
                    continue;
                }
                b'`' => {
                    let end = code_span_len(rest);
                    out.push_str(&rest[..end]);
                    i += end;
                    continue;
                }
                b'<' => {
                    if let Some((len, replacement)) = self.markdown_html_tag(rest) {
                        out.push_str(&replacement);
                        i += len;
                    } else {
                        out.push('<');
                        i += 1;
                    }
                    continue;
                }
                _ if rest.starts_with("{%") => self.liquid_tag(rest, &mut out),
                _ if rest.starts_with("{{") => ahead(rest).find("}}").map(|end| end + 2),
                _ if rest.starts_with("{::comment}") => self
                    .find_closing(rest, "{:/")
                    .map(|end| end + rest[end..].find('}').map_or(3, |e| e + 1)),
                _ if rest.starts_with("{:") => {
                    let line = ahead(rest).split('\n').next().unwrap_or("");
                    line.find('}').map(|end| end + 1)
                }
                _ => None,
            };
            match skip {
                Some(len) => {
                    removed_on_line = true;
                    i += len;
                }
                None => {
                    out.push('{');
                    i += 1;
                }
            }
        }
        if removed_on_line && out[line_start..].trim_matches([' ', '\t', '>']).is_empty() {
            stats.boilerplate_removed += 1;
        }
        out
    }

    /// A Liquid tag at the start of `rest`: how many bytes to skip, or
    /// `None` when it is not closed. What a tag stands for goes to `out`.
    fn liquid_tag(&mut self, rest: &str, out: &mut String) -> Option<usize> {
        let (len, name) = liquid_tag_at(rest)?;
        // the first tag named `end_name` after this one: where it starts
        // and ends, from the end of this one
        let block_end = |scanner: &mut Self, end_name: &'static str| {
            if scanner.unclosed.contains(&end_name) {
                return None;
            }
            let after = &rest[len..];
            let mut from = 0;
            while let Some(at) = after[from..].find("{%") {
                let at = from + at;
                match liquid_tag_at(&after[at..]) {
                    Some((tag_len, name)) if name == end_name => {
                        return Some((at, at + tag_len));
                    }
                    _ => from = at + 2,
                }
            }
            scanner.unclosed.push(end_name);
            None
        };
        match name {
            "comment" => Some(block_end(self, "endcomment").map_or(len, |(_, end)| len + end)),
            "raw" => {
                let Some((content_end, end)) = block_end(self, "endraw") else {
                    return Some(len);
                };
                out.push_str(&rest[len..len + content_end]);
                Some(len + end)
            }
            "highlight" | "endhighlight" => {
                out.push_str("\n```\n");
                Some(len)
            }
            _ => Some(len),
        }
    }

    /// Where `needle` first occurs in `haystack`, remembering a search that
    /// failed so it is not run again further on in the same text.
    fn find_closing(&mut self, haystack: &str, needle: &'static str) -> Option<usize> {
        if self.unclosed.contains(&needle) {
            return None;
        }
        let found = haystack.find(needle);
        if found.is_none() {
            self.unclosed.push(needle);
        }
        found
    }

    /// An HTML tag at the start of `rest` that opens or closes an element
    /// read as Markdown: its length and what replaces it (the tag between
    /// blank lines). `None` for every other tag.
    fn markdown_html_tag(&mut self, rest: &str) -> Option<(usize, String)> {
        let line = ahead(rest).split('\n').next().unwrap_or("");
        let tag = &line[..line.find('>')? + 1];
        let closing = tag.starts_with("</");
        let name: String = tag[if closing { 2 } else { 1 }..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            return None;
        }
        let between_blank_lines = Some((tag.len(), format!("\n\n{tag}\n\n")));
        let top = self.markdown_html.last_mut();
        if closing {
            let (_, depth) = top.filter(|(n, _)| *n == name)?;
            if *depth > 0 {
                *depth -= 1;
                return None;
            }
            self.markdown_html.pop();
            return between_blank_lines;
        }
        let has_markdown_attr = tag
            .to_ascii_lowercase()
            .split(|c: char| c.is_whitespace())
            .any(|attr| attr.starts_with("markdown="));
        if has_markdown_attr && !tag.ends_with("/>") {
            self.markdown_html.push((name, 0));
            return between_blank_lines;
        }
        if let Some((open_name, depth)) = top {
            if *open_name == name && !tag.ends_with("/>") {
                *depth += 1;
            }
        }
        None
    }
}

/// Fenced code keeps everything but `{% raw %}` and `{% endraw %}`.
fn strip_raw_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("{%") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match liquid_tag_at(rest) {
            Some((len, "raw" | "endraw")) => rest = &rest[len..],
            _ => {
                out.push_str("{%");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The length of the Liquid tag (`{% name … %}`) at the start of `text`,
/// and its name; `None` when it is not closed within a few lines.
fn liquid_tag_at(text: &str) -> Option<(usize, &str)> {
    let end = ahead(text).get(2..)?.find("%}")? + 4;
    let name = text[2..end - 2]
        .trim_start_matches(['-', ' ', '\t', '\n'])
        .split(|c: char| c.is_whitespace() || c == '-' || c == '%')
        .next()
        .unwrap_or("");
    Some((end, name))
}

/// Tags and markers are sought this many bytes ahead at most (a Liquid tag
/// with many parameters spans a few lines), so a stray `{{` or `<` in a
/// long text costs no search to its end.
const MAX_TAG_BYTES: usize = 1000;

/// The start of `text`, [`MAX_TAG_BYTES`] long or a little less, ending on
/// a character boundary.
fn ahead(text: &str) -> &str {
    let mut end = text.len().min(MAX_TAG_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The length of the code span opening `text` (which starts with a
/// backtick run), or of the backtick run alone when no run of the same
/// length closes it before the paragraph ends.
fn code_span_len(text: &str) -> usize {
    // a code span longer than this is a stray backtick run
    let b = &text.as_bytes()[..text.len().min(64 * MAX_TAG_BYTES)];
    let run = b.iter().take_while(|&&c| c == b'`').count();
    let mut j = run;
    while j < b.len() {
        match b[j] {
            b'`' => {
                let close = b[j..].iter().take_while(|&&c| c == b'`').count();
                if close == run {
                    return j + close;
                }
                j += close;
            }
            b'\n' => {
                let next_line = &text[j + 1..];
                let line = &next_line[..next_line.find('\n').unwrap_or(next_line.len())];
                if line.trim().is_empty() {
                    return run;
                }
                j += 1;
            }
            _ => j += 1,
        }
    }
    run
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
/// date is read with [`PartialDate::parse`] and dropped when it is not one.
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
                meta.date = PartialDate::parse(&value);
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
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-09")
        );
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
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-01-02")
        );
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
    fn kramdown_attribute_lists_leave_no_trace() {
        let e = read_markdown(
            "# Principles\n{: .no_toc }\n\n## Contents\n{: .no_toc .text-delta }\n\n1. TOC\n{:toc}\n\n\
             ## Warning first {: #warn .principle}\n\nStates warn first.\n{: .fs-6 }\n\
             Operators log it.\n\n[Read more](x.html){: .btn } now. Say `{: .no_toc }` to hide one.\n\n\
             {::comment}\nhidden\n{:/comment}\n\n```\n{: .kept-in-code }\n```\n",
        );
        assert_eq!(
            texts(&e),
            [
                "Principles",
                "Contents",
                "Warning first",
                "States warn first.",
                "Operators log it.",
                "Read more now. Say {: .no_toc } to hide one.",
                "{: .kept-in-code }",
            ]
        );
        assert_eq!(e.stats.boilerplate_removed, 6);
    }

    // issue #16
    #[test]
    fn markdown_inside_a_div_with_the_markdown_attribute_is_read() {
        let e = read_markdown(
            "<div class=\"note\" markdown=\"1\">\n**Note:** states warn\nfirst.\n- One item.\n\
             <div>inner</div>\n</div>\nAfter the div.\n",
        );
        assert_eq!(
            texts(&e),
            [
                "Note: states warn first.",
                "One item.",
                "inner",
                "After the div."
            ]
        );
        assert_eq!(e.paragraphs[1].role, Role::ListItem);
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

    // issue #16
    #[test]
    fn liquid_tags_go_and_their_text_stays() {
        let e = read_markdown(
            "{% include nav.html %}\nThe {{ site.title }} group met.\n\n\
             {% comment %}\nEditor's note.\n{% endcomment %}\n\n\
             Use {% raw %}{{ page.title }}{% endraw %} in templates.\n\n\
             {% highlight ruby %}\n# not a heading\n{% endhighlight %}\n\n\
             ```\n{% raw %}{% include x %}{% endraw %}\n```\n\nUnclosed {% tag and {{ text.\n",
        );
        assert_eq!(
            texts(&e),
            [
                "The group met.",
                "Use {{ page.title }} in templates.",
                "# not a heading",
                "{% include x %}",
                "Unclosed {% tag and {{ text.",
            ]
        );
    }

    #[test]
    fn jekyll_front_matter_gives_metadata_and_no_passages() {
        let e = read_markdown(
            "---\nlayout: post\ntitle: Port warnings\npermalink: /warnings/\nnav_order: 3\n\
             has_children: true\ndate: 2024-05-14 10:00:00 +0200\n---\nBody.\n",
        );
        assert_eq!(e.meta.title.as_deref(), Some("Port warnings"));
        assert_eq!(
            e.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-05-14")
        );
        assert_eq!(texts(&e), ["Body."]);
    }

    #[test]
    fn footnotes_and_table_rows_are_passages_of_their_own() {
        let e = read_markdown(
            "States warn first.[^1]\n\n| Norm | Who |\n| --- | --- |\n| Warn | States |\n|  | Operators |\n\n\
             *[IHL]: international humanitarian law\n\n[^1]: As the 2023 review found.\n",
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
    fn broken_site_syntax_does_not_panic() {
        let wide = "é".repeat(700);
        for doc in [
            "{%}".to_string(),
            "{%".to_string(),
            "{{".to_string(),
            "{:".to_string(),
            "{::comment}".to_string(),
            "{% raw %}".to_string(),
            "{% comment %}{% comment %}".to_string(),
            "<div markdown=\"1\">".to_string(),
            "</div></div><div markdown=1/>".to_string(),
            "``` `` ` \\".to_string(),
            format!("{{{{{wide}}}}} {{% {wide} %}} {{: {wide}}} <{wide}> `{wide}"),
            format!("1. TOC\n{{:toc}}\n*[{wide}]:"),
        ] {
            let _ = read_markdown(&doc);
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
