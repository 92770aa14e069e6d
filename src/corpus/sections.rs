//! Which section each paragraph sits in: the path of headings above it
//! (`3 Recommendations › 3.2 Supply chain`). A passage is ranked and shown
//! with its headings, so a heading's words count for the text it
//! introduces rather than only for the heading line itself.

use super::clean::normalize_inline;
use super::extract::{Paragraph, Role};

/// The level of an HTML heading element: `h2` → 2.
pub fn tag_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// The level a heading's numbering gives it: `3` and `III.` → 1, `3.2` →
/// 2, `3.2.1` → 3, `Chapter 3`, `Part II`, `Annex A` → 1. `None` when the
/// heading is not numbered or nothing but a number.
pub fn numbered_level(heading: &str) -> Option<u8> {
    let mut words = heading.split_whitespace();
    let first = words.next()?;
    let rest_starts_with_letter = |mut words: std::str::SplitWhitespace| {
        words
            .next()
            .is_some_and(|w| w.starts_with(char::is_alphabetic))
    };
    const NAMED: [&str; 6] = ["chapter", "part", "section", "annex", "appendix", "article"];
    if NAMED.contains(&first.to_lowercase().as_str()) {
        return words.next().map(|_| 1);
    }
    let number = first.trim_end_matches(['.', ')']);
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    let roman = parts.len() == 1
        && first.ends_with('.')
        && number.len() <= 5
        && number.chars().all(|c| "IVXLC".contains(c));
    ((numeric || roman) && rest_starts_with_letter(words)).then(|| parts.len().min(6) as u8)
}

/// Whether a line standing alone in plain text reads as a heading: short,
/// no sentence punctuation at its end, and in capitals or numbered like a
/// section (`3.2 Supply chain security`). What the text reader took for a
/// list item is a heading only in capitals (`2. HACK BACK`).
pub fn looks_like_plain_heading(line: &str, role: Role) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    if !(1..=12).contains(&words) || line.len() > 100 || letters < 3 {
        return false;
    }
    if line.ends_with(['.', ',', ';', '!', '?', '"', '\u{201d}']) {
        return false;
    }
    let capitals = line
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    capitals || (role != Role::ListItem && numbered_level(line).is_some())
}

/// `Figure 3: …`, `Fig. 2 …`, `Table 1. …`, `Chart 4 –`.
pub fn is_caption(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(label), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    let label = label.to_lowercase();
    [
        "figure", "fig.", "table", "chart", "graph", "map", "exhibit",
    ]
    .contains(&label.as_str())
        && number.starts_with(|c: char| c.is_ascii_digit())
        && number
            .trim_end_matches([':', '.', ')'])
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.')
}

/// Whether a heading names a list of references, whose entries are not
/// prose.
pub fn is_references_heading(heading: &str) -> bool {
    const NAMES: [&str; 9] = [
        "references",
        "bibliography",
        "works cited",
        "sources",
        "notes",
        "endnotes",
        "literature",
        "further reading",
        "citations",
    ];
    let words: String = heading
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    NAMES.iter().any(|n| words.trim() == *n)
}

/// Whether a heading (or title) names a glossary, whose entries define
/// terms.
pub fn is_glossary_heading(heading: &str) -> bool {
    let words = heading.to_lowercase();
    [
        "glossary",
        "definitions",
        "abbreviations",
        "acronyms",
        "terminology",
    ]
    .iter()
    .any(|n| words.split(|c: char| !c.is_alphabetic()).any(|w| w == *n))
}

/// For each paragraph, the texts of the headings it sits under, outermost
/// first (a heading's own path leaves it out). A heading repeating the
/// document title, or part of it, is left out of every path: the title is
/// shown anyway.
/// Levels come from the format (`<h2>`), else from numbering; an
/// unnumbered heading of unknown level sits one below the last heading of
/// known level and replaces a sibling like itself.
pub fn heading_paths<'p>(paragraphs: &'p [Paragraph], title: &str) -> Vec<Vec<&'p str>> {
    let title = squeeze(title);
    // Open headings: level, whether the level was known, text.
    let mut open: Vec<(u8, bool, &str)> = Vec::new();
    let mut paths = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        if p.role != Role::Heading {
            paths.push(open.iter().map(|&(_, _, t)| t).collect());
            continue;
        }
        let known = p.heading_level.or_else(|| numbered_level(&p.text));
        // An unknown level: one below the innermost heading that is not
        // itself of unknown level (those are its siblings).
        let level = known.unwrap_or_else(|| {
            open.iter()
                .rev()
                .find(|&&(_, known, _)| known)
                .map_or(1, |&(l, _, _)| l.saturating_add(1))
        });
        while open.last().is_some_and(|&(l, _, _)| l >= level) {
            open.pop();
        }
        paths.push(open.iter().map(|&(_, _, t)| t).collect());
        let heading = squeeze(&p.text);
        let repeats_title = words_within(&heading, &title) || words_within(&title, &heading);
        if !repeats_title {
            open.push((level, known.is_some(), p.text.as_str()));
        }
    }
    paths
}

/// Whether the words of `part` run, in order, inside `whole`: whole
/// words, so a one-letter title ("A") is not found in every heading, and
/// a word of one or two letters only as the whole of it.
fn words_within(part: &str, whole: &str) -> bool {
    let words = |t: &'_ str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (part, whole) = (words(part), words(whole));
    match part.as_slice() {
        [] => false,
        [one] if one.chars().count() < 3 => part == whole,
        _ => whole.windows(part.len()).any(|w| w == part.as_slice()),
    }
}

fn squeeze(text: &str) -> String {
    normalize_inline(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Paragraph {
        Paragraph::new(text)
    }

    fn heading(text: &str) -> Paragraph {
        Paragraph::new(text).with_role(Role::Heading)
    }

    #[test]
    fn a_one_letter_title_is_not_inside_every_heading() {
        let paragraphs = [heading("A"), heading("Zebra accord"), body("Text.")];
        assert_eq!(heading_paths(&paragraphs, "A")[2], ["Zebra accord"]);
        let paragraphs = [heading("The Paris Call"), body("Text.")];
        let title = "The Paris Call: nine principles";
        assert!(heading_paths(&paragraphs, title)[1].is_empty());
    }

    #[test]
    fn numbering_gives_levels() {
        assert_eq!(numbered_level("3 Recommendations"), Some(1));
        assert_eq!(numbered_level("3.2 Supply chain"), Some(2));
        assert_eq!(numbered_level("3.2.1. Vendors"), Some(3));
        assert_eq!(numbered_level("IV. Findings"), Some(1));
        assert_eq!(numbered_level("Annex B Glossary"), Some(1));
        assert_eq!(numbered_level("2018 was a year"), None);
        assert_eq!(numbered_level("Supply chain"), None);
        assert_eq!(numbered_level("12"), None);
    }

    #[test]
    fn plain_text_headings_are_capitals_or_numbered() {
        let body = |line| looks_like_plain_heading(line, Role::Body);
        assert!(body("THE NINE PRINCIPLES"));
        assert!(body("3.2 Supply chain security"));
        assert!(!body("We support the Call."));
        assert!(!body("Jane Doe"));
        assert!(!body("OK"));
        assert!(looks_like_plain_heading("2. HACK BACK", Role::ListItem));
        assert!(!looks_like_plain_heading("2. Hack back", Role::ListItem));
    }

    #[test]
    fn paths_follow_levels_and_numbering() {
        let paragraphs = vec![
            Paragraph::heading("Cyber Report", 1),
            body("Intro."),
            heading("3 Recommendations"),
            body("We recommend."),
            heading("3.1 Supply chain"),
            body("Vendors."),
            heading("Hardware"),
            body("Chips."),
            heading("Software"),
            body("Code."),
            heading("4 Conclusions"),
            body("Done."),
        ];
        let paths = heading_paths(&paragraphs, "The Cyber report 2021");
        let at = |i: usize| paths[i].join(" › ");
        assert_eq!(at(1), "");
        assert_eq!(at(3), "3 Recommendations");
        assert_eq!(at(5), "3 Recommendations › 3.1 Supply chain");
        assert_eq!(at(7), "3 Recommendations › 3.1 Supply chain › Hardware");
        assert_eq!(at(8), "3 Recommendations › 3.1 Supply chain");
        assert_eq!(at(9), "3 Recommendations › 3.1 Supply chain › Software");
        assert_eq!(at(11), "4 Conclusions");
    }

    #[test]
    fn format_levels_nest_unnumbered_headings() {
        let paragraphs = vec![
            Paragraph::heading("Principles", 2),
            Paragraph::heading("Principle 1", 3),
            body("Protect."),
            Paragraph::heading("Signatories", 2),
            body("Many."),
        ];
        let paths = heading_paths(&paragraphs, "Accord");
        assert_eq!(paths[2], ["Principles", "Principle 1"]);
        assert_eq!(paths[4], ["Signatories"]);
    }

    #[test]
    fn reference_sections_are_named_as_such() {
        assert!(is_references_heading("References"));
        assert!(is_references_heading("7. Bibliography"));
        assert!(!is_references_heading("References to the Call in law"));
    }
}
