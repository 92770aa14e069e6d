//! Reads HTML pages: the main text as paragraphs, without the page chrome,
//! and the metadata pages announce in `<meta>` and `<link>` tags.
//!
//! Parsing uses `scraper` (html5ever, the browser-grade HTML parser from
//! Servo), which copes with the broken markup found in saved web pages and
//! decodes entities. Lighter parsers (`tl`) are not spec-compliant on
//! malformed input, and `lol_html` is a streaming rewriter without a tree,
//! which the search for the main text needs.
//!
//! Which element holds the main text, and which blocks inside it are
//! chrome, is the business of [`content`] (a Readability-style search by
//! text, commas and link density). This module turns what it keeps into
//! paragraphs: every block element (p, li, h1–h6, blockquote, td, dd, div,
//! …) ends one; headings and list items carry their [`Role`]; paragraphs
//! that are furniture wherever they sit ("Advertisement", "Continue
//! reading the main story", a lone "By") are dropped, and counted with
//! the removed blocks in [`ReadStats::boilerplate_removed`].
//!
//! Known limits: text laid out with `<br>` alone stays one paragraph;
//! tables come out cell by cell; MathML is left out.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node, Selector};

use super::clean::normalize_inline;
use super::extract::{Extracted, Metadata, Paragraph, ReadStats, Role};
use super::sections;
use crate::date::PartialDate;

mod content;

use content::{MainText, Page};

/// Reads an HTML page (already decoded to text). Never fails: a page with
/// no main text yields no paragraphs and a warning.
pub fn read_html(text: &str) -> Extracted {
    let document = Html::parse_document(text);
    let metas = meta_values(&document);
    let page = Page::new(document.tree.root());
    let main = content::main_text(&page);
    let (paragraphs, dropped) = paragraphs(&page, &main);
    let root = ElementRef::wrap(page.nodes[main.root]).unwrap_or_else(|| document.root_element());

    let site = metas.get("og:site_name").cloned();
    let meta = Metadata {
        title: find_title(
            &document,
            (!main.whole_body).then(|| main_headings(&page, &main)),
            &metas,
            site.as_deref(),
        ),
        kind: None,
        date: find_date(&document, root, &metas),
        source: site,
        url: first_attr(&document, "link[rel~=canonical]", "href")
            .or_else(|| metas.get("og:url").cloned()),
        author: find_author(&document, &metas),
    };
    let mut warnings = Vec::new();
    if paragraphs.is_empty() {
        warnings.push("the page has no main text".to_string());
    }
    Extracted {
        meta,
        paragraphs,
        warnings,
        attachment: None,
        stats: ReadStats {
            boilerplate_removed: main.boilerplate + dropped,
            ..ReadStats::default()
        },
    }
}

/// The `<h1>` headings of the main text, those of the story itself first
/// (a heading beside it may be the site's).
fn main_headings<'a>(page: &Page<'a>, main: &MainText) -> Vec<ElementRef<'a>> {
    let story = main.story..page.end[main.story];
    let mut headings = Vec::new();
    let mut i = main.root;
    while i < page.end[main.root] {
        if i != main.root && main.removed[i] {
            i = page.end[i];
            continue;
        }
        if page.element(i).is_some_and(|e| e.name() == "h1") {
            headings.extend(ElementRef::wrap(page.nodes[i]).map(|h| (!story.contains(&i), h)));
        }
        i += 1;
    }
    headings.sort_by_key(|&(outside, _)| outside);
    headings.into_iter().map(|(_, h)| h).collect()
}

/// Tags that start and end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "body",
];

/// Paragraphs that are page furniture whatever block they sit in: ad
/// labels, prompts to subscribe or share, teaser headings, and the "By"
/// left of a byline whose name was a link. Compared lower-cased, with
/// punctuation and spacing ignored.
const BOILERPLATE: &[&str] = &[
    "advertisement",
    "advertisement continue reading below",
    "story continues below advertisement",
    "continue reading",
    "continue reading the main story",
    "supported by",
    "subscribe",
    "subscribe now",
    "sign in",
    "sign up",
    "log in",
    "login",
    "register",
    "you may also like",
    "you might also like",
    "more from",
    "read more",
    "related",
    "related articles",
    "related stories",
    "related content",
    "most popular",
    "most read",
    "recommended",
    "reuse this content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "show comments",
    "view comments",
    "skip to content",
    "skip to main content",
    "skip advertisement",
    "by",
];

fn is_boilerplate(text: &str) -> bool {
    if text.len() > 48 {
        return false;
    }
    let key: String = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    BOILERPLATE.contains(&key.as_str())
}

/// The paragraphs of the main text in reading order, and how many
/// boilerplate paragraphs were dropped. Every block element ends a
/// paragraph; headings and list items carry their role, and blocks inside
/// them share it. A loop over the page's preorder array with a stack of
/// open blocks, so nesting depth costs heap, not stack.
fn paragraphs(page: &Page, main: &MainText) -> (Vec<Paragraph>, u32) {
    let mut out = Collector::default();
    let mut open: Vec<(usize, Role)> = Vec::new();
    let root = main.root;
    let mut i = root;
    while i < page.end[root] {
        while let Some(&(end, role)) = open.last() {
            if end > i {
                break;
            }
            out.flush(role);
            open.pop();
        }
        if i != root && main.removed[i] {
            i = page.end[i];
            continue;
        }
        match page.nodes[i].value() {
            Node::Text(text) => out.buffer.push_str(text),
            Node::Element(element) => {
                let name = element.name();
                // Only when the whole body is read: inside an article a
                // header holds the headline.
                if i != root && main.whole_body && name == "header" {
                    i = page.end[i];
                    continue;
                }
                if name == "br" {
                    out.buffer.push(' ');
                } else if BLOCK_TAGS.contains(&name) {
                    let current = open.last().map_or(Role::Body, |&(_, role)| role);
                    out.flush(current);
                    let role = match name {
                        "li" => Role::ListItem,
                        _ if sections::tag_level(name).is_some() => Role::Heading,
                        _ => current,
                    };
                    out.heading_level = sections::tag_level(name).or(out.heading_level);
                    open.push((page.end[i], role));
                }
            }
            _ => {}
        }
        i += 1;
    }
    while let Some((_, role)) = open.pop() {
        out.flush(role);
    }
    out.flush(Role::Body);
    (out.paragraphs, out.dropped)
}

#[derive(Default)]
struct Collector {
    buffer: String,
    paragraphs: Vec<Paragraph>,
    dropped: u32,
    /// the level of the last heading opened
    heading_level: Option<u8>,
}

impl Collector {
    fn flush(&mut self, role: Role) {
        let text = normalize_inline(&self.buffer);
        self.buffer.clear();
        if text.is_empty() {
            return;
        }
        if is_boilerplate(&text) {
            self.dropped += 1;
        } else {
            let level = self.heading_level.filter(|_| role == Role::Heading);
            self.paragraphs.push(Paragraph {
                heading_level: level,
                ..Paragraph::new(text).with_role(role)
            });
        }
    }
}

fn select_all<'a>(document: &'a Html, selector: &str) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    let selector = Selector::parse(selector).expect("selectors in this module are valid CSS");
    document.select(&selector).collect::<Vec<_>>().into_iter()
}

fn first_attr(document: &Html, selector: &str, attr: &str) -> Option<String> {
    select_all(document, selector)
        .filter_map(|e| e.value().attr(attr))
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map(str::to_string)
}

fn element_text(element: ElementRef) -> String {
    normalize_inline(&element.text().collect::<String>())
}

/// `<meta>` contents by lower-cased `property`, `name` or `itemprop` (each
/// word of them); the first non-empty one of each wins.
fn meta_values(document: &Html) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for meta in select_all(document, "meta[content]") {
        let element = meta.value();
        let content = normalize_inline(element.attr("content").unwrap_or_default());
        if content.is_empty() {
            continue;
        }
        // An attribute may name several properties at once:
        // `itemprop="datePublished dateCreated"`.
        let keys = ["property", "name", "itemprop"]
            .into_iter()
            .filter_map(|attr| element.attr(attr))
            .flat_map(str::split_whitespace);
        for key in keys {
            values
                .entry(key.to_ascii_lowercase())
                .or_insert_with(|| content.clone());
        }
    }
    // News sites give the article's date and headline in JSON-LD
    // (schema.org), often only there.
    for script in select_all(document, "script[type='application/ld+json']") {
        let Ok(json) =
            serde_json::from_str::<serde_json::Value>(&script.text().collect::<String>())
        else {
            continue;
        };
        for key in ["datePublished", "headline"] {
            if let Some(value) = first_string(&json, key) {
                values
                    .entry(key.to_ascii_lowercase())
                    .or_insert_with(|| normalize_inline(value));
            }
        }
    }
    values
}

/// The first string value of `key` anywhere in `json` (objects, arrays and
/// `@graph` lists alike), depth first.
fn first_string<'j>(json: &'j serde_json::Value, key: &str) -> Option<&'j str> {
    match json {
        serde_json::Value::Object(map) => map
            .get(key)
            .and_then(|v| v.as_str())
            .or_else(|| map.values().find_map(|v| first_string(v, key))),
        serde_json::Value::Array(items) => items.iter().find_map(|v| first_string(v, key)),
        _ => None,
    }
}

/// `og:title`, else the headline a page gives in metadata (`itemprop` or
/// JSON-LD), else the first of `article`'s `<h1>` headings (those in the
/// main text, when that is not the whole body), else `<title>` without the
/// site's name (see [`strip_site_name`]). On a page with no article
/// element any `<h1>` comes before `<title>`. An `<h1>` that is only the
/// site's name is a logo, not a title.
fn find_title(
    document: &Html,
    article: Option<Vec<ElementRef>>,
    metas: &HashMap<String, String>,
    site: Option<&str>,
) -> Option<String> {
    if let Some(title) = metas.get("og:title").or_else(|| metas.get("headline")) {
        return Some(title.clone());
    }
    let h1 = Selector::parse("h1").expect("a valid selector");
    let page_title = select_all(document, "title")
        .map(element_text)
        .find(|t| !t.is_empty());
    // The site's name is the shorter part.
    let names_site = |t: &str| {
        page_title
            .as_deref()
            .and_then(|p| split_site_name(p, t))
            .is_some_and(|story| story.len() > t.len())
    };
    // Without og:site_name, a heading that the page title sets apart as
    // the site's ("Story | Site", "Site | Story") names it.
    let site = site.map(str::to_string).or_else(|| {
        document
            .select(&h1)
            .map(element_text)
            .find(|t| !t.is_empty() && names_site(t))
    });
    let site = site.as_deref();
    let logo = |t: &str| site.is_some_and(|s| s.eq_ignore_ascii_case(t)) || names_site(t);
    let headline = |mut headings: Box<dyn Iterator<Item = ElementRef> + '_>| {
        headings.find_map(|h| {
            let t = element_text(h);
            (!t.is_empty() && !logo(&t) && !is_logo_heading(&h)).then_some(t)
        })
    };
    let stripped = || page_title.as_deref().map(|t| strip_site_name(t, site));
    let anywhere = || headline(Box::new(document.select(&h1)));
    match article {
        // A heading outside the article is the site's, not the story's.
        Some(article) => headline(Box::new(article.into_iter()))
            .or_else(stripped)
            .or_else(anywhere),
        None => anywhere().or_else(stripped),
    }
}

/// A heading that is the site's logo: it says "logo", or holds an image
/// and a few words at most (the image's label, often repeated in hidden
/// text: "Logo of …").
fn is_logo_heading(heading: &ElementRef) -> bool {
    let image = Selector::parse("img, svg, picture").expect("a valid selector");
    let text = element_text(*heading).to_lowercase();
    let says_logo = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "logo");
    says_logo || (heading.select(&image).next().is_some() && text.split_whitespace().count() <= 5)
}

const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " · ", " :: ", " » "];

/// The page title without the site's name: "Story | Site" or "Site |
/// Story" when `Site` is the known site name (see [`split_site_name`]). A
/// trailing " | part" goes even without a site name when it is the shorter
/// half, since pipes are rarely part of a headline; a dash often is
/// ("Norms - a primer"), so that needs the name.
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    if let Some(story) = site.and_then(|s| split_site_name(title, s)) {
        return story.to_string();
    }
    if let Some((head, tail)) = title.rsplit_once(" | ") {
        let (head, tail) = (head.trim(), tail.trim());
        if !head.is_empty() && tail.len() < head.len() {
            return head.to_string();
        }
    }
    title.to_string()
}

/// The story part of a page title that sets `site` apart at its end or
/// start with one of [`TITLE_SEPARATORS`].
fn split_site_name<'a>(title: &'a str, site: &str) -> Option<&'a str> {
    TITLE_SEPARATORS.iter().find_map(|separator| {
        let story = match (title.rsplit_once(separator), title.split_once(separator)) {
            (Some((head, tail)), _) if tail.trim().eq_ignore_ascii_case(site) => head,
            (_, Some((head, tail))) if head.trim().eq_ignore_ascii_case(site) => tail,
            _ => return None,
        };
        Some(story.trim()).filter(|s| !s.is_empty())
    })
}

fn find_date(
    document: &Html,
    root: ElementRef,
    metas: &HashMap<String, String>,
) -> Option<PartialDate> {
    const DATE_KEYS: &[&str] = &[
        "article:published_time",
        "article:published",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "dcterms.issued",
        "citation_publication_date",
        "og:published_time",
    ];
    let from_meta = DATE_KEYS
        .iter()
        .filter_map(|k| metas.get(*k))
        .find_map(|v| PartialDate::parse(v));
    from_meta.or_else(|| {
        let selector =
            Selector::parse("time[datetime]").expect("selectors in this module are valid CSS");
        root.select(&selector)
            .chain(document.select(&selector))
            .filter_map(|t| t.value().attr("datetime"))
            .find_map(PartialDate::parse)
    })
}

fn find_author(document: &Html, metas: &HashMap<String, String>) -> Option<String> {
    let is_url = |v: &&String| v.starts_with("http://") || v.starts_with("https://");
    [
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "citation_author",
    ]
    .iter()
    .filter_map(|k| metas.get(*k))
    .find(|v| !is_url(v))
    .cloned()
    .or_else(|| {
        select_all(document, "[rel~=author]")
            .map(element_text)
            .find(|t| !t.is_empty())
    })
    .or_else(|| byline_author(document))
}

/// The name in a byline ("By Maria Ortiz"): a short text marked as the
/// author by `itemprop` or by a class naming a byline or an author.
fn byline_author(document: &Html) -> Option<String> {
    select_all(
        document,
        "[itemprop~=author], [class*=byline], [class*=author]",
    )
    .map(element_text)
    .map(|t| {
        let name = t
            .strip_prefix("By ")
            .or_else(|| t.strip_prefix("by "))
            .unwrap_or(&t);
        name.trim().to_string()
    })
    .find(|t| looks_like_name(t))
}

/// Two to five words, each capitalised but for short particles ("de",
/// "van"): "Maria Ortiz", not "About the author".
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.chars().count() <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Extracted) -> Vec<&str> {
        e.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn article_text_without_chrome() {
        let e = read_html(
            r#"<html><body>
            <div class="cookie-banner"><p>We use cookies.</p></div>
            <nav><a href="/">Home</a></nav>
            <article><h1>Headline</h1>
              <div class="share social"><a>Share</a></div>
              <p>First   paragraph,
                 wrapped.</p>
              <ul><li>One</li><li>Two</li></ul>
              <aside><p>Related story</p></aside>
              <script>var x = "code";</script><style>p { color: red }</style>
            </article>
            <footer><p>Copyright</p></footer></body></html>"#,
        );
        assert_eq!(
            texts(&e),
            ["Headline", "First paragraph, wrapped.", "One", "Two"]
        );
        assert!(e.paragraphs.iter().all(|p| p.page.is_none()));
    }

    #[test]
    fn body_is_read_without_header_when_no_article() {
        let e = read_html(
            "<body><header><p>Site name</p></header><div id=\"main-menu\">Menu</div>\
             <p>Body text &amp; more&nbsp;text.</p><td>cell</td></body>",
        );
        assert_eq!(texts(&e), ["Body text & more text.", "cell"]);
    }

    #[test]
    fn chrome_words_match_whole_words_only() {
        let e = read_html("<main><div class=\"header shadow\"><p>Kept</p></div></main>");
        assert_eq!(texts(&e), ["Kept"]);
    }

    #[test]
    fn a_chrome_like_name_on_the_story_itself_is_not_chrome() {
        let story = "<p>Platforms that endorse the pledge commit to act against interference.</p>\
                     <p>They also publish what they removed and why.</p>";
        let wordpress = format!(
            "<body><article class=\"post tag-social-media\"><h1>Pledge</h1>{story}</article>\
             <div class=\"share\">Share</div></body>"
        );
        let wrapper = format!(
            "<body><div class=\"layout--has-sidebar\"><div>{story}</div>\
             <div class=\"sidebar\"><p>Archives</p></div></div></body>"
        );
        for page in [wordpress, wrapper] {
            let e = read_html(&page);
            assert!(
                texts(&e).contains(&"They also publish what they removed and why."),
                "{page}"
            );
            assert!(!texts(&e)
                .iter()
                .any(|t| t.contains("Share") || t.contains("Archives")));
        }
    }

    #[test]
    fn an_article_holding_only_the_headline_does_not_hide_the_story() {
        let e = read_html(
            "<body><article><h1>Envoys debate hacking back</h1></article>\
             <div><p>Diplomats meeting in Geneva on Tuesday disagreed over whether companies \
             should ever be allowed to strike back at attackers.</p></div></body>",
        );
        assert_eq!(texts(&e).len(), 2, "{:?}", texts(&e));
    }

    #[test]
    fn date_and_headline_from_json_ld() {
        let e = read_html(
            r#"<html><head><script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Digest"},
             {"@type": "NewsArticle", "headline": "Tech firms sign norms accord",
              "datePublished": "2018-04-17T08:00:00Z"}]}
            </script></head><body><h1>Cyber Digest</h1>
            <p>Updated <time datetime="2019-02-01">1 February 2019</time></p>
            <p>Thirty-four companies signed an accord.</p></body></html>"#,
        );
        assert_eq!(
            e.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2018-04-17")
        );
        assert_eq!(
            e.meta.title.as_deref(),
            Some("Tech firms sign norms accord")
        );
    }

    #[test]
    fn metadata_from_meta_and_link_tags() {
        let e = read_html(
            r#"<html><head>
            <title>Fallback | Site</title>
            <meta property="og:title" content="The &quot;real&quot; title">
            <meta property="og:site_name" content="Norms Watch">
            <meta property="og:url" content="https://example.org/og">
            <link rel="canonical" href="https://example.org/canonical">
            <meta property="article:published_time" content="2024-03-07T09:30:00Z">
            <meta name="author" content="Inês Duarte">
            </head><body><p>x</p></body></html>"#,
        );
        assert_eq!(e.meta.title.as_deref(), Some("The \"real\" title"));
        assert_eq!(e.meta.source.as_deref(), Some("Norms Watch"));
        assert_eq!(e.meta.url.as_deref(), Some("https://example.org/canonical"));
        assert_eq!(
            e.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-07")
        );
        assert_eq!(e.meta.author.as_deref(), Some("Inês Duarte"));
    }

    #[test]
    fn a_logo_heading_is_not_the_title() {
        let story = "<p>The working group met in Geneva to review the norms on critical \
            infrastructure and agreed a schedule for the next round of talks.</p>";
        let e = read_html(&format!(
            "<title>Geneva talks resume | Norms Watch</title><h1>Norms Watch</h1>\
             <article>{story}</article>"
        ));
        assert_eq!(e.meta.title.as_deref(), Some("Geneva talks resume"));
        let e = read_html(&format!(
            "<title>Geneva talks resume</title><h1>Norms Watch</h1>\
             <article><h1>Talks resume in Geneva</h1>{story}</article>"
        ));
        assert_eq!(e.meta.title.as_deref(), Some("Talks resume in Geneva"));
        let e = read_html(&format!(
            "<title>Geneva talks resume - Norms Watch</title><h1>Norms Watch</h1>{story}"
        ));
        assert_eq!(e.meta.title.as_deref(), Some("Geneva talks resume"));
        let e = read_html(&format!(
            "<title>Norms Watch | Geneva talks resume</title>\
             <header><h1>Norms Watch</h1></header><article><h2>Geneva</h2>{story}</article>"
        ));
        assert_eq!(e.meta.title.as_deref(), Some("Geneva talks resume"));
        // The headline after a short site name is no logo.
        let e = read_html(&format!(
            "<title>Norms Watch | Geneva talks resume</title><h1>Geneva talks resume</h1>{story}"
        ));
        assert_eq!(e.meta.title.as_deref(), Some("Geneva talks resume"));
    }

    #[test]
    fn title_falls_back_to_h1_then_title_without_site_suffix() {
        let e = read_html("<title>T | Site</title><h1>Heading <em>one</em></h1>");
        assert_eq!(e.meta.title.as_deref(), Some("Heading one"));
        let e = read_html("<title>Norms in practice | Site</title><p>x</p>");
        assert_eq!(e.meta.title.as_deref(), Some("Norms in practice"));
        let e = read_html("<title>Norms - a primer</title><p>x</p>");
        assert_eq!(e.meta.title.as_deref(), Some("Norms - a primer"));
    }

    #[test]
    fn date_from_time_element() {
        let e = read_html("<article><time datetime=\"2023-11-02\">2 Nov</time><p>x</p></article>");
        assert_eq!(
            e.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2023-11-02")
        );
    }

    #[test]
    fn article_fixture_keeps_only_the_article() {
        let e = read_html(include_str!("../../tests/fixtures/formats/article.html"));
        assert_eq!(
            texts(&e),
            [
                "Lisbon Declaration: what the seven principles say",
                "The Lisbon Declaration was adopted by forty-two States after three rounds of consultation. \
                 It restates that international law applies in cyberspace — a point few now dispute.",
                "Critical infrastructure & the public core",
                "The first two principles protect infrastructure “providing services to the public” and the \
                 technical core of the internet.",
                "Principle 1 covers critical infrastructure.",
                "Principle 2 covers routing & naming systems.",
                "“Norms without review are promises without memory,” one delegate said.",
                "A review conference is foreseen after two years.",
            ]
        );
        assert_eq!(
            e.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-07")
        );
        assert_eq!(
            e.meta.url.as_deref(),
            Some("https://normswatch.example.org/analysis/lisbon-declaration")
        );
    }

    fn roles(e: &Extracted) -> Vec<(&str, Role)> {
        e.paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.role))
            .collect()
    }

    #[test]
    fn headings_and_list_items_carry_their_role() {
        let e = read_html(
            "<article><h2>Two <em>rules</em></h2><p>States agreed on two rules.</p>\
             <ol><li>Answer within a day.</li><li><p>Report within a week.</p></li></ol></article>",
        );
        assert_eq!(
            roles(&e),
            [
                ("Two rules", Role::Heading),
                ("States agreed on two rules.", Role::Body),
                ("Answer within a day.", Role::ListItem),
                ("Report within a week.", Role::ListItem),
            ]
        );
    }

    /// Issue #16: a page without article markup lost its story to the
    /// headline feeds around it.
    #[test]
    fn a_story_in_plain_divs_wins_over_headline_feeds() {
        let feed: String = (0..40)
            .map(|i| format!("<li><a href=\"/n/{i}\">Headline {i} of another story</a></li>"))
            .collect();
        let story: String = (0..6)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} of the story says, at some length, what the delegates \
                     agreed and why the deadline matters to hospitals.</p>"
                )
            })
            .collect();
        let e = read_html(&format!(
            "<body><div><a href=\"/in\">Sign in</a></div><div><ul>{feed}</ul></div>\
             <div><div class=\"x\">{story}</div></div><div><ul>{feed}</ul></div></body>"
        ));
        assert_eq!(e.paragraphs.len(), 6, "{:?}", texts(&e));
        assert!(texts(&e).iter().all(|t| t.starts_with("Paragraph")));
        assert!(e.stats.boilerplate_removed >= 3, "{:?}", e.stats);
    }

    /// Issue #16: furniture paragraphs leaked into the passages.
    #[test]
    fn furniture_paragraphs_are_dropped_and_counted() {
        let e = read_html(
            "<article><p>Hospitals are attacked because they pay.</p>\
             <div>Advertisement</div><p><a href=\"#x\">Continue reading the main story</a></p>\
             <p>States owe each other help.</p><p>Subscribe</p><p>Reuse this content</p>\
             <p>By</p></article>",
        );
        assert_eq!(
            texts(&e),
            [
                "Hospitals are attacked because they pay.",
                "States owe each other help."
            ]
        );
        assert_eq!(e.stats.boilerplate_removed, 5);
    }

    /// Issue #16: a byline whose name was taken for chrome left "By".
    #[test]
    fn a_byline_leaves_no_lone_by_and_names_the_author() {
        let e = read_html(
            "<article><h1>One year on</h1><div class=\"meta\">By <a class=\"byline__author\" \
             href=\"/p/o\">Maria Ortiz</a></div><p>Nine of twelve States named a contact \
             point.</p></article>",
        );
        assert_eq!(
            texts(&e),
            [
                "One year on",
                "Nine of twelve States named a contact point."
            ]
        );
        assert_eq!(e.meta.author.as_deref(), Some("Maria Ortiz"));
    }

    /// Issue #16: a date meta naming several properties was ignored.
    #[test]
    fn date_from_a_meta_tag_naming_several_properties() {
        let e = read_html(
            "<head><meta property=\"article:published\" itemprop=\"datePublished dateCreated\" \
             content=\"2021-05-04T10:00:00Z\"></head><p>x</p>",
        );
        assert_eq!(
            e.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2021-05-04")
        );
    }

    /// Issue #16: a logo's label was taken for the title.
    #[test]
    fn a_logo_image_heading_is_not_the_title() {
        let e = read_html(
            "<header><h1><a href=\"/\"><img src=\"l.png\" alt=\"Logo of Norms Watch\">\
             <span class=\"sr-only\">Logo of Norms Watch</span></a></h1></header>\
             <div><h2>Geneva group agrees its work</h2><p>The group agreed its programme.</p></div>",
        );
        assert_eq!(e.meta.title, None);
        assert_eq!(texts(&e)[0], "Geneva group agrees its work");
        let e = read_html("<h1>Norms Watch logo</h1><p>x</p>");
        assert_eq!(e.meta.title, None);
    }

    /// Issue #16: reader comments under an article were indexed.
    #[test]
    fn reader_comments_are_left_out_even_when_longer_than_the_story() {
        let comment = "<li><article class=\"comment-body\"><p>I think one day is far too \
                       short for a small team, and I have said so, at length, twice.</p>\
                       </article></li>";
        let e = read_html(&format!(
            "<body><div id=\"content\"><article class=\"post\"><h1>One day</h1>\
             <p>The draft gives States one day to answer.</p></article>\
             <div id=\"comments\"><h2>8 comments</h2><ol>{}</ol></div></div></body>",
            comment.repeat(8)
        ));
        assert_eq!(
            texts(&e),
            ["One day", "The draft gives States one day to answer."]
        );
    }

    #[test]
    fn a_section_whose_id_is_a_heading_slug_is_not_chrome() {
        let e = read_html(
            "<article><div id=\"sharing-with-a-single-developer\"><h2>Sharing with a single \
             developer</h2><p>Push your drafts to a non-publishing repository.</p></div>\
             <div id=\"share-bar\"><a href=\"/s\">Share</a></div></article>",
        );
        assert_eq!(
            texts(&e),
            [
                "Sharing with a single developer",
                "Push your drafts to a non-publishing repository."
            ]
        );
    }

    #[test]
    fn hidden_blocks_are_left_out() {
        let e = read_html(
            "<article><p>Shown.</p><p style=\"display: none\">Hidden by style.</p>\
             <div hidden><p>Hidden by attribute.</p></div></article>",
        );
        assert_eq!(texts(&e), ["Shown."]);
    }

    #[test]
    fn deeply_nested_markup_does_not_overflow_the_stack() {
        let depth = 20_000;
        let page = format!(
            "<body>{}<p>Deep text.</p>{}</body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        // Test threads have small stacks; a recursive walk would overflow.
        let e = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || read_html(&page))
            .expect("a thread can be spawned")
            .join()
            .expect("reading does not overflow the stack");
        assert_eq!(texts(&e), ["Deep text."]);
    }

    #[test]
    fn empty_and_garbage_input_do_not_panic() {
        assert!(read_html("").paragraphs.is_empty());
        let junk: String = (0..3000u32)
            .map(|i| char::from_u32((i * 7919) % 0x2FFF).unwrap_or('<'))
            .collect();
        let _ = read_html(&junk);
        let _ = read_html("<<<>>></p></div><article><article></td>&#xFFFFFF;&bogus;");
    }
}
