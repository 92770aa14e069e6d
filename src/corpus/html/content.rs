//! Which part of a web page is its main text, and which blocks inside it
//! are page chrome (menus, link lists, share bars, comment threads).
//!
//! The approach is Readability's (Mozilla's reader view), in our own
//! terms, measured on real pages with `eval/html_extraction.py`:
//!
//! 1. Leave out what is never prose (scripts, forms, `nav`, `aside`,
//!    `footer`), what is hidden, and blocks whose class, id or role names
//!    chrome, unless such a block holds most of the page's text (a
//!    WordPress post's `tag-social-media` class names its subject).
//!    Reader comments are left out however large they are.
//! 2. Score each paragraph (more text and more commas score higher) into
//!    its parent and, less, into its further ancestors; the container with
//!    the best score, discounted by the share of its text that is link
//!    text, holds the story. Its siblings join it when they score well
//!    too, or are prose paragraphs themselves.
//! 3. Inside the story, drop link lists, image galleries and blocks whose
//!    class says chrome when their text says so as well (many links, few
//!    paragraphs, many images).
//!
//! A page where that leaves little text is read again with each step
//! relaxed in turn, so a chrome-like name on the story itself does not
//! lose the page. Every pass over the tree is a loop over a preorder
//! array, never a recursion, so deeply nested markup cannot overflow the
//! stack, and each pass is linear in the size of the page.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::Node;

/// A page in document order: the nodes of its tree as a preorder array,
/// where the subtree of node `i` is `i..end[i]`.
pub(super) struct Page<'a> {
    pub nodes: Vec<NodeRef<'a, Node>>,
    pub end: Vec<usize>,
    parent: Vec<usize>,
    /// What each node is inside of: [`IN_CODE`], [`IN_FIGURE`].
    inside: Vec<u8>,
    /// Visible characters (not counting white space) of each text node.
    chars: Vec<u32>,
    /// Commas in each text node.
    commas: Vec<u32>,
}

/// Characters other than ASCII white space, and commas (Latin, CJK and
/// Arabic), of a text: counted on bytes, as every pass over the page
/// reads these counts and a page can hold megabytes of text.
fn measure(text: &str) -> (u32, u32) {
    let bytes = text.as_bytes();
    // A character starts at every byte that is not a UTF-8 continuation.
    let chars = bytes
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80 && !b.is_ascii_whitespace())
        .count();
    let mut commas = bytes.iter().filter(|&&b| b == b',').count();
    if !text.is_ascii() {
        commas += text.matches(['，', '、', '،']).count();
    }
    (chars as u32, commas as u32)
}

/// No parent: the document node.
const NONE: usize = usize::MAX;

impl<'a> Page<'a> {
    pub fn new(root: NodeRef<'a, Node>) -> Page<'a> {
        let mut page = Page {
            nodes: Vec::new(),
            end: Vec::new(),
            parent: Vec::new(),
            inside: Vec::new(),
            chars: Vec::new(),
            commas: Vec::new(),
        };
        let mut open: Vec<usize> = Vec::new();
        for edge in root.traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => {
                    let i = page.nodes.len();
                    let parent = open.last().copied().unwrap_or(NONE);
                    page.parent.push(parent);
                    let outer = if parent == NONE {
                        0
                    } else {
                        page.inside[parent] | own_flags(&page.nodes[parent])
                    };
                    page.inside.push(outer);
                    page.end.push(i + 1);
                    let (chars, commas) = match node.value() {
                        Node::Text(t) => measure(t),
                        _ => (0, 0),
                    };
                    page.chars.push(chars);
                    page.commas.push(commas);
                    page.nodes.push(node);
                    open.push(i);
                }
                ego_tree::iter::Edge::Close(_) => {
                    if let Some(i) = open.pop() {
                        page.end[i] = page.nodes.len();
                    }
                }
            }
        }
        page
    }

    pub fn element(&self, i: usize) -> Option<&'a Element> {
        self.nodes[i].value().as_element()
    }

    fn tag(&self, i: usize) -> &'a str {
        self.element(i).map_or("", |e| e.name())
    }

    /// The first element named `tag`, in document order.
    pub fn find(&self, tag: &str) -> Option<usize> {
        (0..self.nodes.len()).find(|&i| self.tag(i) == tag)
    }

    fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = i + 1;
        std::iter::from_fn(move || {
            (next < self.end[i]).then(|| {
                let child = next;
                next = self.end[child];
                child
            })
        })
    }

    /// Whether node `i` has an ancestor of the kind `flag`.
    fn inside(&self, i: usize, flag: u8) -> bool {
        self.inside[i] & flag != 0
    }
}

/// Inside `code` or `pre`, where names are the code's, not the page's.
const IN_CODE: u8 = 1;
/// Inside a `figure`, whose images are content.
const IN_FIGURE: u8 = 2;

fn own_flags(node: &NodeRef<Node>) -> u8 {
    match node.value().as_element().map(|e| e.name()) {
        Some("code" | "pre") => IN_CODE,
        Some("figure") => IN_FIGURE,
        _ => 0,
    }
}

/// Tags whose content is never prose.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "iframe", "svg",
    "math", "button", "select", "textarea", "input", "label", "dialog", "head", "object", "embed",
    "canvas", "video", "audio", "map", "link", "meta",
];

/// Skipped tags whose content is code or styling rather than page text,
/// so leaving them out is not counted as removing boilerplate.
const CODE_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "link", "meta", "svg", "math",
];

/// Words in a class or id (split at non-alphanumerics, compared whole) that
/// mark page chrome rather than content.
const CHROME_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "consent",
    "cookie",
    "cookies",
    "footer",
    "gdpr",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pagination",
    "pager",
    "popup",
    "promo",
    "related",
    "share",
    "sharing",
    "sidebar",
    "skip",
    "social",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "toolbar",
];

/// Words that mark a thread of reader comments: left out even when the
/// thread holds more text than the story, which long threads do.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "respond",
    "replies",
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
    "menu",
    "menubar",
];

/// Parts of a class or id that make a block more or less likely to hold
/// the story, matched anywhere in the lower-cased names (Readability's
/// lists, which are tuned on many sites).
const POSITIVE_NAMES: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];
const NEGATIVE_NAMES: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];

/// Whether a class or id, split into words at non-alphanumerics, has a
/// word of `list` (compared whole, ignoring case). An id of five words or
/// more is a heading's slug ("sharing-with-a-single-developer"), which
/// names the section's subject, not chrome.
fn names_any(element: &Element, list: &[&str]) -> bool {
    let words = |value: &str| {
        value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .count()
    };
    let named = |value: &str| {
        value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| !w.is_empty() && list.iter().any(|l| l.eq_ignore_ascii_case(w)))
    };
    element.attr("class").is_some_and(named)
        || element
            .attr("id")
            .is_some_and(|id| words(id) < 5 && named(id))
}

/// Whether an element's class, id or role names page chrome.
fn is_chrome(element: &Element) -> bool {
    names_any(element, CHROME_WORDS)
        || element
            .attr("role")
            .is_some_and(|r| CHROME_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// Whether an element holds reader comments.
fn is_comments(element: &Element) -> bool {
    names_any(element, COMMENT_WORDS)
        || element
            .attr("itemtype")
            .is_some_and(|t| t.contains("schema.org/Comment") || t.contains("UserComments"))
}

fn is_hidden(element: &Element) -> bool {
    let style_hides = element.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    });
    style_hides || element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true")
}

/// +25 for each of class and id that suggests the story, -25 for each that
/// suggests chrome.
fn class_weight(element: &Element) -> f32 {
    let mut weight = 0.0;
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        let value = value.to_ascii_lowercase();
        if NEGATIVE_NAMES.iter().any(|n| value.contains(n)) {
            weight -= 25.0;
        }
        if POSITIVE_NAMES.iter().any(|n| value.contains(n)) {
            weight += 25.0;
        }
    }
    weight
}

/// Tags that make a paragraph of their own; a `div` holding none of them
/// is a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// What the visible text of a subtree is made of.
#[derive(Default, Clone, Copy)]
struct Counts {
    text: u32,
    link_text: u32,
    heading_text: u32,
    list_text: u32,
    commas: u32,
    paragraphs: u32,
    images: u32,
    inputs: u32,
    blocks: u32,
    /// Text and commas outside any block child: prose laid out with
    /// `<br>` beside blocks, which Readability wraps into paragraphs.
    loose_text: u32,
    loose_commas: u32,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.text += o.text;
        self.link_text += o.link_text;
        self.heading_text += o.heading_text;
        self.list_text += o.list_text;
        self.commas += o.commas;
        self.paragraphs += o.paragraphs;
        self.images += o.images;
        self.inputs += o.inputs;
        self.blocks += o.blocks;
    }

    /// Adds a child's counts (its own loose text is not the parent's);
    /// text outside a block child is loose.
    fn add_child(&mut self, child: &Counts, block: bool) {
        self.add(child);
        if !block {
            self.loose_text += child.text;
            self.loose_commas += child.commas;
        }
    }

    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f32 / self.text as f32
        }
    }
}

/// Which steps of the search are on; a page read with all of them that
/// yields little text is read again with fewer.
#[derive(Clone, Copy)]
struct Steps {
    strip_chrome: bool,
    weigh_classes: bool,
    clean: bool,
}

/// The result: where the main text is and what to leave out of it.
pub(super) struct MainText {
    /// Index of the element whose text is read.
    pub root: usize,
    /// Index of the element in it that scored best: the story itself,
    /// without the siblings that join it.
    pub story: usize,
    /// Whether that is the whole `<body>` (no better container found).
    pub whole_body: bool,
    /// Nodes left out, each with its whole subtree.
    pub removed: Vec<bool>,
    /// Blocks of visible text left out as chrome, inside the root.
    pub boilerplate: u32,
}

/// A story shorter than this (visible characters) makes the search try
/// again with fewer steps, as Readability does.
const ENOUGH_TEXT: u32 = 500;

/// Finds the main text of `page`.
pub(super) fn main_text(page: &Page) -> MainText {
    let attempts = [
        Steps {
            strip_chrome: true,
            weigh_classes: true,
            clean: true,
        },
        Steps {
            strip_chrome: false,
            weigh_classes: true,
            clean: true,
        },
        Steps {
            strip_chrome: false,
            weigh_classes: false,
            clean: true,
        },
        Steps {
            strip_chrome: false,
            weigh_classes: false,
            clean: false,
        },
    ];
    let start = start(page);
    let mut first: Option<(MainText, u32)> = None;
    for steps in attempts {
        let (found, text) = attempt(page, &start, steps);
        if text >= ENOUGH_TEXT {
            // A relaxed attempt is taken only when it finds much more: on
            // a short page, the first attempt's text is the story.
            match first {
                Some((_, first_text)) if text < 2 * first_text.max(1) => {}
                _ => return found,
            }
        }
        if first.is_none() {
            first = Some((found, text));
        }
    }
    first.expect("at least one attempt is made").0
}

/// What every attempt starts from: the text of each node with code left
/// out, and what is never the story whatever the steps.
struct Start {
    body: usize,
    raw: Vec<Counts>,
    never: Vec<bool>,
    /// Blocks named like chrome that do not hold most of the page.
    chrome: Vec<bool>,
}

fn start(page: &Page) -> Start {
    let n = page.nodes.len();
    let body = page.find("body").unwrap_or(0);
    let mut never = vec![false; n];
    // Nodes come children first, so a node's counts are complete when it
    // is reached.
    let raw = count(page, 0..n, &mut never, |i, _, page: &Page| {
        CODE_TAGS.contains(&page.tag(i))
    });
    let page_text = raw[body].text;
    let mut chrome = vec![false; n];
    for i in 0..n {
        let Some(element) = page.element(i) else {
            continue;
        };
        if i == body {
            continue;
        }
        let tag = element.name();
        // A form around the whole page (ASP.NET wraps every page in one)
        // is not a form.
        let skip = SKIP_TAGS.contains(&tag) && !(tag == "form" && 2 * raw[i].text > page_text);
        if skip || is_hidden(element) || is_comments(element) {
            never[i] = true;
        }
        // A chrome-like name on a block holding most of the page names
        // its subject ("tag-social-media"), or is a layout's.
        chrome[i] = is_chrome(element)
            && 2 * raw[i].text <= page_text
            && !matches!(tag, "body" | "html" | "a" | "article" | "main")
            && !page.inside(i, IN_CODE);
    }
    Start {
        body,
        raw,
        never,
        chrome,
    }
}

fn attempt(page: &Page, start: &Start, steps: Steps) -> (MainText, u32) {
    let n = page.nodes.len();
    let (body, raw) = (start.body, &start.raw);
    // Step 1: what is never the story.
    let mut removed = start.never.clone();
    if steps.strip_chrome {
        for (removed, chrome) in removed.iter_mut().zip(&start.chrome) {
            *removed |= chrome;
        }
    }
    let counts = count(page, 0..n, &mut removed, |_, _, _| false);

    let weight = |element: &Element| {
        if steps.weigh_classes {
            class_weight(element)
        } else {
            0.0
        }
    };

    // Step 2: score paragraphs into their ancestors.
    let mut score: Vec<Option<f32>> = vec![None; n];
    let mut i = 0;
    while i < n {
        if removed[i] {
            i = page.end[i];
            continue;
        }
        let tag = page.tag(i);
        let c = &counts[i];
        let paragraph = matches!(tag, "p" | "pre" | "td")
            || (matches!(tag, "div" | "section" | "h2" | "h3" | "h4" | "h5" | "h6")
                && c.blocks == 0);
        // Prose loose beside blocks is a paragraph of the block it is in.
        let loose = matches!(tag, "div" | "section" | "article" | "main" | "td")
            && c.blocks > 0
            && c.loose_text >= 25;
        let (text, commas, first) = if paragraph {
            (c.text, c.commas, page.parent[i])
        } else {
            (c.loose_text, c.loose_commas, i)
        };
        if (paragraph && text >= 25) || loose {
            let points = 1.0 + commas as f32 + (text as f32 / 100.0).min(3.0);
            let mut at = first;
            let mut level = 0;
            while at != NONE && level < 5 {
                let Some(element) = page.element(at) else {
                    break;
                };
                let entry =
                    score[at].get_or_insert_with(|| initial_score(element) + weight(element));
                *entry += match level {
                    0 => points,
                    1 => points / 2.0,
                    _ => points / (level as f32 * 3.0),
                };
                at = page.parent[at];
                level += 1;
            }
        }
        i += 1;
    }
    for (i, s) in score.iter_mut().enumerate() {
        if let Some(s) = s {
            *s *= 1.0 - counts[i].link_density();
        }
    }

    // Step 3: the best container, and its siblings that belong with it.
    let best = best_candidates(page, &score, body);
    let Some(&first) = best.first() else {
        let text = counts[body].text;
        return whole_body(page, body, removed, raw, text);
    };
    let mut top = first;
    // Several candidates scoring nearly as well are parts of one story
    // (steps of a how-to, teasers of a front page): their common
    // ancestor holds it.
    let top_score = score[top].unwrap_or(0.0);
    let close: Vec<usize> = best[1..]
        .iter()
        .copied()
        .filter(|&c| score[c].unwrap_or(0.0) >= 0.75 * top_score)
        .collect();
    if close.len() >= 3 {
        let mut at = page.parent[top];
        while at != NONE && at != body {
            if close
                .iter()
                .filter(|&&c| (at..page.end[at]).contains(&c))
                .count()
                >= 3
            {
                top = at;
                if let (None, Some(element)) = (score[top], page.element(top)) {
                    score[top] = Some(initial_score(element) + weight(element));
                }
                break;
            }
            at = page.parent[at];
        }
    }
    let top_score = score[top].unwrap_or(0.0);
    // A parent scoring higher still is the better container; one scoring
    // far lower ends the climb.
    let mut last = top_score;
    let mut at = page.parent[top];
    while at != NONE && at != body {
        if let Some(s) = score[at] {
            if s < top_score / 3.0 {
                break;
            }
            if s > last {
                top = at;
                break;
            }
            last = s;
        }
        at = page.parent[at];
    }
    // The only child of its parent: the parent holds the same text.
    while page.parent[top] != NONE
        && page.parent[top] != body
        && page
            .children(page.parent[top])
            .filter(|&c| page.element(c).is_some())
            .count()
            == 1
    {
        top = page.parent[top];
    }
    let top_score = score[top].unwrap_or(0.0);
    let root = if page.parent[top] == NONE {
        top
    } else {
        page.parent[top]
    };
    if root != top {
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = page.element(top).and_then(|e| e.attr("class"));
        for sibling in page.children(root).collect::<Vec<_>>() {
            if sibling == top || removed[sibling] {
                continue;
            }
            let Some(element) = page.element(sibling) else {
                // Loose text beside the story is chrome's, not the story's.
                removed[sibling] = true;
                continue;
            };
            let bonus =
                if top_class.is_some_and(|c| !c.is_empty()) && element.attr("class") == top_class {
                    top_score * 0.2
                } else {
                    0.0
                };
            // A headline before the story is the story's; a site's name
            // set as a heading is too short to be one.
            let c = &counts[sibling];
            let headline = sibling < top
                && c.text >= 20
                && c.link_text == 0
                && 10 * c.heading_text >= 9 * c.text;
            let keep = headline
                || score[sibling].is_some_and(|s| s + bonus >= threshold)
                || (matches!(element.name(), "p")
                    || (element.name() == "div" && counts[sibling].blocks == 0))
                    && prose(page, sibling, &counts[sibling]);
            if !keep {
                removed[sibling] = true;
            }
        }
    }

    // Step 4: chrome inside the story.
    let range = root..page.end[root];
    if steps.clean {
        let weigh = steps.weigh_classes;
        count(page, range.clone(), &mut removed, |i, c, page: &Page| {
            i != root && should_clean(page, i, c, weigh)
        });
    }
    let boilerplate = left_out(page, body, root, &removed, raw);
    let kept = count(page, range, &mut removed, |_, _, _| false)[root].text;
    (
        MainText {
            root,
            story: top,
            whole_body: false,
            removed,
            boilerplate,
        },
        kept,
    )
}

fn whole_body(
    page: &Page,
    body: usize,
    removed: Vec<bool>,
    raw: &[Counts],
    text: u32,
) -> (MainText, u32) {
    let boilerplate = left_out(page, body, body, &removed, raw);
    (
        MainText {
            root: body,
            story: body,
            whole_body: true,
            removed,
            boilerplate,
        },
        text,
    )
}

/// Blocks of visible text in `body` that are not read: removed inside the
/// root, or outside it. Each is counted once, at its outermost element.
fn left_out(page: &Page, body: usize, root: usize, removed: &[bool], raw: &[Counts]) -> u32 {
    let mut blocks = 0;
    let mut i = body;
    while i < page.end[body] {
        let in_root = (root..page.end[root]).contains(&i);
        let above_root = i < root && page.end[i] >= page.end[root];
        if above_root || (in_root && !removed[i]) {
            i += 1;
            continue;
        }
        if page.element(i).is_some() && raw[i].text > 0 && !CODE_TAGS.contains(&page.tag(i)) {
            blocks += 1;
        }
        i = page.end[i];
    }
    blocks
}

/// The five scored elements with the best scores, best first, `body` left
/// out.
fn best_candidates(page: &Page, score: &[Option<f32>], body: usize) -> Vec<usize> {
    let mut best: Vec<(usize, f32)> = Vec::with_capacity(6);
    for (i, s) in score.iter().enumerate() {
        let Some(s) = *s else { continue };
        if i == body || matches!(page.tag(i), "html") {
            continue;
        }
        let at = best.iter().position(|&(_, b)| s > b).unwrap_or(best.len());
        if at < 5 {
            best.insert(at, (i, s));
            best.truncate(5);
        }
    }
    best.into_iter().map(|(i, _)| i).collect()
}

/// Starting score of a container by its tag: divs hold stories, lists and
/// headings do not.
fn initial_score(element: &Element) -> f32 {
    match element.name() {
        "div" | "article" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Whether a paragraph beside the story reads as prose: long with few
/// links, or a short link-free sentence.
fn prose(page: &Page, i: usize, counts: &Counts) -> bool {
    let density = counts.link_density();
    if counts.text > 80 {
        return density < 0.25;
    }
    if counts.text == 0 || density > 0.0 {
        return false;
    }
    let text: String = page.nodes[i]
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let text = text.trim_end();
    text.ends_with('.') || text.contains(". ")
}

/// Whether a block inside the story is chrome by what it holds (after the
/// chrome inside it is gone): Readability's conditional cleaning.
fn should_clean(page: &Page, i: usize, c: &Counts, weigh: bool) -> bool {
    let Some(element) = page.element(i) else {
        return false;
    };
    let tag = element.name();
    if !matches!(
        tag,
        "form" | "fieldset" | "table" | "ul" | "ol" | "div" | "section" | "h1" | "h2"
    ) {
        return false;
    }
    let weight = if weigh { class_weight(element) } else { 0.0 };
    if is_heading(tag) {
        // A heading whose class says chrome ("related-heading").
        return weight < 0.0;
    }
    if tag == "table" && is_data_table(page, i) || page.inside(i, IN_CODE) {
        return false;
    }
    if weight < 0.0 {
        return true;
    }
    if c.commas >= 10 {
        return false;
    }
    let is_list =
        matches!(tag, "ul" | "ol") || (c.text > 0 && c.list_text as f32 / c.text as f32 > 0.9);
    let in_figure = page.inside(i, IN_FIGURE);
    let p = c.paragraphs as f32;
    let density = c.link_density();
    let heading_density = if c.text == 0 {
        0.0
    } else {
        c.heading_text as f32 / c.text as f32
    };
    (!in_figure && c.images > 1 && p / (c.images as f32) < 0.5)
        // Readability removes inputs and embeds before it cleans other
        // blocks, so only forms are judged by their inputs.
        || (matches!(tag, "form" | "fieldset") && c.inputs as f32 > (p / 3.0).floor())
        || (!is_list
            && !in_figure
            && heading_density < 0.9
            && c.text < 25
            && (c.images == 0 || c.images > 2)
            && density > 0.0)
        || (!is_list && weight < 25.0 && density > 0.2)
        || (is_list && density > 0.5)
        || (weight >= 25.0 && density > 0.5)
}

/// A table of data (headed, captioned, or large) rather than layout.
fn is_data_table(page: &Page, i: usize) -> bool {
    let mut rows = 0;
    for j in i + 1..page.end[i] {
        match page.tag(j) {
            "th" | "caption" | "thead" | "tfoot" | "col" | "colgroup" => return true,
            "tr" => rows += 1,
            "table" => return false,
            _ => {}
        }
    }
    rows >= 10
}

/// Counts the visible text of each node in `range`, children first,
/// skipping removed subtrees; a node that `remove` rejects (given its
/// counts) is marked removed and adds nothing to its parent.
fn count(
    page: &Page,
    range: std::ops::Range<usize>,
    removed: &mut [bool],
    mut remove: impl FnMut(usize, &Counts, &Page) -> bool,
) -> Vec<Counts> {
    let mut counts = vec![Counts::default(); page.nodes.len()];
    // Nodes under a removed one count for nothing.
    let mut dead = vec![false; page.nodes.len()];
    for i in range.clone() {
        let parent = page.parent[i];
        dead[i] = removed[i] || (i > range.start && parent != NONE && dead[parent]);
    }
    for i in range.clone().rev() {
        let parent = (i > range.start && page.parent[i] != NONE).then_some(page.parent[i]);
        let tag = page.tag(i);
        if dead[i] {
            // Inputs hold no text but say "form": they count even though
            // they are never read.
            if tag == "input" {
                if let Some(parent) = parent.filter(|&p| !dead[p]) {
                    counts[parent].inputs += 1;
                }
            }
            continue;
        }
        let mut c = counts[i];
        match page.nodes[i].value() {
            Node::Text(_) => {
                c.text = page.chars[i];
                c.commas = page.commas[i];
            }
            Node::Element(_) => {
                match tag {
                    "a" => c.link_text = c.text,
                    "img" | "picture" => c.images += 1,
                    "ul" | "ol" => c.list_text = c.text,
                    _ if is_heading(tag) => c.heading_text = c.text,
                    _ => {}
                }
                if remove(i, &c, page) {
                    removed[i] = true;
                    continue;
                }
            }
            _ => continue,
        }
        counts[i] = c;
        if let Some(parent) = parent {
            let mut add = c;
            // `blocks` and `paragraphs` count descendants, not the node.
            // A div of inline content is a paragraph, as is prose loose
            // beside blocks (Readability makes them `<p>`).
            let block = BLOCK_TAGS.contains(&tag);
            add.blocks += u32::from(block);
            add.paragraphs +=
                u32::from(tag == "p" || (tag == "div" && c.blocks == 0 && c.text > 0));
            if matches!(tag, "div" | "section" | "article" | "main" | "td")
                && c.blocks > 0
                && c.loose_text >= 25
            {
                add.paragraphs += 1;
            }
            counts[parent].add_child(&add, block);
        }
    }
    counts
}
