//! Reads HTML pages: the main text as paragraphs, without the page chrome,
//! and the metadata pages announce in `<meta>` and `<link>` tags.
//!
//! Parsing uses `scraper` (html5ever, the browser-grade HTML parser from
//! Servo), which copes with the broken markup found in saved web pages and
//! decodes entities. Lighter parsers (`tl`) are not spec-compliant on
//! malformed input, and `lol_html` is a streaming rewriter without a tree,
//! which the "prefer `<article>`" rule needs.
//!
//! What counts as main text: the largest `<article>`, else `<main>` (or
//! `role="main"`), if it holds a quarter of the page's text or more (an
//! article holding only the headline is not the story), else `<body>`.
//! Inside it, scripts, styles, forms, `nav`, `aside`, `footer` and
//! anything whose class, id or role names chrome (cookie, consent, share,
//! social, nav, menu, footer, banner, subscribe, newsletter, related,
//! comments, ad, sidebar, byline, …; see [`CHROME_WORDS`]) are skipped,
//! unless it holds most of the text (a WordPress post's `tag-social-media`
//! class names its subject, not chrome); `<header>` is skipped only when the whole
//! body is read, since inside an article it holds the headline. Every
//! block element (p, li, h1–h6, blockquote, td, dd, div, …) ends a
//! paragraph.
//!
//! Known limits: a page without semantic markup that keeps its text in a
//! `<div class="content">` next to menus lacking chrome-like names keeps
//! the menus; text laid out with `<br>` alone stays one paragraph; tables
//! come out cell by cell.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node, Selector};

use super::clean::{normalize_date, normalize_inline};
use super::extract::{Extracted, Metadata, Paragraph, ReadStats};

/// Reads an HTML page (already decoded to text). Never fails: a page with
/// no main text yields no paragraphs and a warning.
pub fn read_html(text: &str) -> Extracted {
    let document = Html::parse_document(text);
    let metas = meta_values(&document);
    let (root, whole_body) = main_root(&document);
    let mut collector = Collector::default();
    let walker = Walker {
        whole_body,
        root_text: text_len(&root),
    };
    walker.walk(root, &mut collector, true);
    collector.flush();

    let site = metas.get("og:site_name").cloned();
    let meta = Metadata {
        title: find_title(
            &document,
            (!whole_body).then_some(root),
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
    if collector.paragraphs.is_empty() {
        warnings.push("the page has no main text".to_string());
    }
    Extracted {
        meta,
        paragraphs: collector.paragraphs,
        warnings,
        attachment: None,
        stats: ReadStats::default(),
    }
}

/// Tags whose content is never prose.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "iframe", "svg",
    "math", "button", "select", "textarea", "input", "label", "dialog", "head", "object", "embed",
    "canvas", "video", "audio", "map",
];

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

/// Words in a class or id (split at non-alphanumerics, compared whole) that
/// mark page chrome rather than content.
const CHROME_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "footer",
    "gdpr",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "popup",
    "promo",
    "related",
    "share",
    "sharing",
    "sidebar",
    "social",
    "sponsored",
    "subscribe",
    "subscription",
    "toolbar",
];

/// ARIA landmark roles that are not main content.
const CHROME_ROLES: &[&str] = &[
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "navigation",
    "search",
    "alertdialog",
];

fn is_chrome(element: &scraper::node::Element) -> bool {
    let named_chrome = |value: &str| {
        value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| CHROME_WORDS.contains(&word.to_ascii_lowercase().as_str()))
    };
    element.attr("class").is_some_and(named_chrome)
        || element.attr("id").is_some_and(named_chrome)
        || element
            .attr("role")
            .is_some_and(|r| CHROME_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
        || element.attr("aria-hidden") == Some("true")
        || element.attr("hidden").is_some()
}

#[derive(Default)]
struct Collector {
    buffer: String,
    paragraphs: Vec<Paragraph>,
}

impl Collector {
    fn flush(&mut self) {
        let text = normalize_inline(&self.buffer);
        self.buffer.clear();
        if !text.is_empty() {
            self.paragraphs.push(Paragraph::new(text));
        }
    }
}

/// How to walk the main root: whether it is the whole body, and how much
/// text it holds.
struct Walker {
    whole_body: bool,
    root_text: usize,
}

impl Walker {
    fn walk(&self, element: ElementRef<'_>, out: &mut Collector, is_root: bool) {
        let value = element.value();
        let name = value.name();
        if !is_root
            && (SKIP_TAGS.contains(&name)
                || (self.whole_body && name == "header")
                || (is_chrome(value) && !self.holds_most_text(&element)))
        {
            return;
        }
        if name == "br" {
            out.buffer.push(' ');
            return;
        }
        let block = BLOCK_TAGS.contains(&name);
        if block {
            out.flush();
        }
        for child in element.children() {
            if let Node::Text(text) = child.value() {
                out.buffer.push_str(text);
            } else if let Some(child) = ElementRef::wrap(child) {
                self.walk(child, out, false);
            }
        }
        if block {
            out.flush();
        }
    }

    /// Whether an element holds more than half the main text: then its
    /// chrome-like name is not chrome ("tag-social-media" on a WordPress
    /// post, a "layout--has-sidebar" wrapper).
    fn holds_most_text(&self, element: &ElementRef) -> bool {
        2 * text_len(element) > self.root_text
    }
}

/// Bytes of visible text in an element: scripts and styles left out,
/// since a saved page can hold more script than prose.
fn text_len(e: &ElementRef) -> usize {
    e.descendants()
        .filter_map(|node| {
            let text = node.value().as_text()?;
            let parent = node.parent()?.value().as_element()?.name();
            (!matches!(parent, "script" | "style" | "noscript" | "template"))
                .then(|| text.trim().len())
        })
        .sum()
}

/// The element holding the main text, and whether it is the whole body.
fn main_root(document: &Html) -> (ElementRef<'_>, bool) {
    let body_text = select_all(document, "body")
        .next()
        .map_or(0, |b| text_len(&b));
    // An article or main that holds little of the page is a headline or a
    // teaser beside the story, not the story; chrome-like class names do
    // not count here, where the largest one wins anyway.
    let largest = |selector: &str| {
        select_all(document, selector)
            .max_by_key(text_len)
            .filter(|e| text_len(e) > 0 && 4 * text_len(e) >= body_text)
    };
    if let Some(article) = largest("article") {
        return (article, false);
    }
    if let Some(main) = largest("main, [role=main]") {
        return (main, false);
    }
    match select_all(document, "body").next() {
        Some(body) => (body, true),
        None => (document.root_element(), true),
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

/// `<meta>` contents by lower-cased `property`, `name` or `itemprop`; the
/// first non-empty one of each wins.
fn meta_values(document: &Html) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for meta in select_all(document, "meta[content]") {
        let element = meta.value();
        let content = normalize_inline(element.attr("content").unwrap_or_default());
        if content.is_empty() {
            continue;
        }
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = element.attr(key) {
                values
                    .entry(k.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
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
/// JSON-LD), else the `<h1>` of the article, else `<title>` without the
/// site's name (see [`strip_site_name`]). On a page with no article
/// element any `<h1>` comes before `<title>`. An `<h1>` that is only the
/// site's name is a logo, not a title.
fn find_title(
    document: &Html,
    article: Option<ElementRef>,
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
    let headline = |scope: ElementRef| {
        scope
            .select(&h1)
            .map(element_text)
            .find(|t| !t.is_empty() && !logo(t))
    };
    let stripped = || page_title.as_deref().map(|t| strip_site_name(t, site));
    let anywhere = || headline(document.root_element());
    match article {
        // A heading outside the article is the site's, not the story's.
        Some(article) => headline(article).or_else(stripped).or_else(anywhere),
        None => anywhere().or_else(stripped),
    }
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

fn find_date(document: &Html, root: ElementRef, metas: &HashMap<String, String>) -> Option<String> {
    const DATE_KEYS: &[&str] = &[
        "article:published_time",
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
        .find_map(|v| normalize_date(v));
    from_meta.or_else(|| {
        let selector =
            Selector::parse("time[datetime]").expect("selectors in this module are valid CSS");
        root.select(&selector)
            .chain(document.select(&selector))
            .filter_map(|t| t.value().attr("datetime"))
            .find_map(normalize_date)
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
        assert_eq!(e.meta.date.as_deref(), Some("2018-04-17"));
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
        assert_eq!(e.meta.date.as_deref(), Some("2024-03-07"));
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
        assert_eq!(e.meta.date.as_deref(), Some("2023-11-02"));
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
        assert_eq!(e.meta.date.as_deref(), Some("2024-03-07"));
        assert_eq!(
            e.meta.url.as_deref(),
            Some("https://normswatch.example.org/analysis/lisbon-declaration")
        );
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
