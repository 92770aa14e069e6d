//! Running headers, footers and page numbers: text repeated at the top or
//! bottom of many pages, which a reader skips and a search must too.

use std::collections::HashMap;

use super::layout::Line;
use crate::corpus::clean::normalize_inline;

/// How many lines at the top and at the bottom of a page may be running
/// headers, footers or page numbers.
const CHROME_ZONE: usize = 2;

/// Removes running headers/footers and bare page numbers; returns how many
/// lines it removed. A line counts as running when, with digits masked, it
/// sits in the top or bottom zone of at least two pages and of a third of
/// them (a header missing from the first page, or alternating between odd
/// and even pages, still counts), or on the same baseline of a page one or
/// two pages away (a chapter's own running head). A folio line, the page's
/// first or last with the page's number at its end ("www.computer.org/security
/// 69"), or at the start of its last ("68 IEEE Security & Privacy"), goes
/// even when it is the only one of its kind; `labels` are the printed page
/// numbers, by page, where the PDF has them.
pub(super) fn drop_running_chrome(
    pages: &mut [(u32, Vec<Line>)],
    labels: &[Option<String>],
) -> u32 {
    // The lines on the page's first and last few baselines; on short pages
    // the zones shrink so they never meet in the middle.
    let zone = |lines: &[Line]| -> Vec<usize> {
        let mut baselines: Vec<f64> = lines.iter().map(|l| l.y).collect();
        baselines.sort_by(f64::total_cmp);
        baselines.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        let depth = CHROME_ZONE.min(baselines.len().div_ceil(3));
        let (Some(&top), Some(&bottom)) = (
            baselines.get(depth.saturating_sub(1)),
            baselines.get(baselines.len().saturating_sub(depth)),
        ) else {
            return Vec::new();
        };
        (0..lines.len())
            .filter(|&i| lines[i].y <= top + 1.0 || lines[i].y >= bottom - 1.0)
            .collect()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Each page's zone lines as (key, baseline), for the placement test.
    let placed: Vec<Vec<(String, f64)>> = pages
        .iter()
        .map(|(_, lines)| {
            zone(lines)
                .iter()
                .map(|&i| (chrome_key(&lines[i].text), lines[i].y))
                .collect()
        })
        .collect();
    for keys in &placed {
        let mut keys: Vec<&String> = keys.iter().map(|(k, _)| k).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *seen.entry(key.clone()).or_default() += 1;
        }
    }
    // A section's own running head repeats on its pages only: the same
    // text on the same baseline one or two pages on (odd/even) is one too.
    let repeated_in_place = |page: usize, key: &str, y: f64| {
        [
            page.checked_sub(2),
            page.checked_sub(1),
            Some(page + 1),
            Some(page + 2),
        ]
        .into_iter()
        .flatten()
        .filter_map(|other| placed.get(other))
        .any(|lines| {
            lines
                .iter()
                .any(|(k, at)| k == key && (at - y).abs() <= 2.0)
        })
    };
    let page_count = pages.len();
    let running = |key: &str| {
        seen.get(key)
            .is_some_and(|&n| n >= 2 && n * 3 >= page_count)
    };
    let title = title_words(pages);
    let mut removed = 0;
    for (page, (number, lines)) in pages.iter_mut().enumerate() {
        let top = lines.iter().map(|l| l.y).fold(f64::INFINITY, f64::min);
        let bottom = lines.iter().map(|l| l.y).fold(f64::NEG_INFINITY, f64::max);
        let printed = match labels.get(page).cloned().flatten() {
            Some(label) => label,
            None => number.to_string(),
        };
        let drop: Vec<usize> = zone(lines)
            .into_iter()
            .filter(|&i| {
                let line = &lines[i];
                let key = chrome_key(&line.text);
                is_page_number(&line.text)
                    || running(&key)
                    || repeated_in_place(page, &key, line.y)
                    || (page > 0 && line.y <= top + 1.0 && repeats_title(&line.text, &title))
                    || (line.y <= top + 1.0 && is_folio(&line.text, &printed, false))
                    || (line.y >= bottom - 1.0 && is_folio(&line.text, &printed, true))
                    || beside_page_number(lines, i, top, bottom)
            })
            .collect();
        removed += drop.len() as u32;
        let mut index = 0;
        lines.retain(|_| {
            index += 1;
            !drop.contains(&(index - 1))
        });
    }
    removed
}

/// The words of the first page's first lines, where the title is: a
/// running head on a later page repeats them.
fn title_words(pages: &[(u32, Vec<Line>)]) -> Vec<String> {
    let Some((_, first)) = pages.first() else {
        return Vec::new();
    };
    let mut lines: Vec<&Line> = first.iter().collect();
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    lines
        .iter()
        .take(4)
        .flat_map(|l| significant_words(&l.text))
        .collect()
}

/// Lower-cased words of three letters or more.
fn significant_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// A page's top line that repeats the document's title: a running head on
/// a document too short for repetition to show it ("Valletta Accord —
/// Draft 3" over page 2 of 2). Three words or more, most of them in the
/// title.
fn repeats_title(text: &str, title: &[String]) -> bool {
    let words = significant_words(text);
    let shared = words.iter().filter(|w| title.contains(w)).count();
    words.len() >= 3 && shared * 2 >= words.len() && !text.trim_end().ends_with('.')
}

/// A running head or foot with the page number `printed`: a few words and
/// the number last ("www.computer.org/security 69"), or, at the foot
/// (`foot`), first ("68 IEEE Security & Privacy"). At the head a number
/// first is more likely a section heading ("3 Implementation").
fn is_folio(text: &str, printed: &str, foot: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return false;
    };
    // "… as Table 2" or "… see page 4" ending a page's last line is prose.
    let prose = |before: &str| {
        before.ends_with(['.', ',', ';', ':'])
            || matches!(
                before.to_lowercase().as_str(),
                "figure"
                    | "fig."
                    | "table"
                    | "section"
                    | "page"
                    | "p."
                    | "chapter"
                    | "article"
                    | "paragraph"
                    | "para."
                    | "note"
                    | "step"
                    | "principle"
                    | "annex"
                    | "appendix"
                    | "part"
                    | "in"
                    | "of"
                    | "to"
                    | "and"
                    | "or"
                    | "the"
                    | "on"
                    | "at"
                    | "by"
                    | "for"
                    | "from"
                    | "with"
                    | "see"
                    | "than"
                    | "about"
            )
    };
    (2..=8).contains(&words.len())
        && ((last == printed && !prose(words[words.len() - 2]))
            || (foot && first == printed && !prose(words[1])))
}

/// Whether line `i`, on the page's first or last baseline (`top`,
/// `bottom`), shares it with a page number set apart ("www.computer.org/
/// security" and "69"): the two make a folio line.
fn beside_page_number(lines: &[Line], i: usize, top: f64, bottom: f64) -> bool {
    let line = &lines[i];
    let outermost = line.y <= top + 1.0 || line.y >= bottom - 1.0;
    outermost
        && line.text.split_whitespace().count() <= 8
        && !line.text.trim_end().ends_with(['.', ',', ';', ':'])
        && lines.iter().enumerate().any(|(j, other)| {
            j != i && (other.y - line.y).abs() <= 2.0 && is_page_number(&other.text)
        })
}

/// A line as compared across pages: lower case, single spaces, every digit
/// run replaced by `#` so varying page numbers and dates still match.
pub(super) fn chrome_key(text: &str) -> String {
    let mut key = String::new();
    let mut in_digits = false;
    for word in normalize_inline(text).to_lowercase().split(' ') {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    key.push('#');
                }
                in_digits = true;
            } else {
                in_digits = false;
                key.push(c);
            }
        }
        in_digits = false;
    }
    key
}

/// "3", "- 3 -", "[3]", "Page 3", "Page 3 of 7", "p. 3", "3 / 7", "iv".
pub(super) fn is_page_number(text: &str) -> bool {
    let lower = normalize_inline(text).to_lowercase();
    let numbers: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || "-–—[]()|/".contains(c))
        .filter(|w| !w.is_empty() && !matches!(*w, "page" | "p." | "pg." | "of"))
        .collect();
    let is_number = |w: &str| {
        (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
            || (w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c)))
    };
    (1..=2).contains(&numbers.len()) && numbers.iter().all(|w| is_number(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, x1: f64, y: f64) -> Line {
        Line::plain(text, x0, x1, y, 10.0)
    }

    #[test]
    fn a_folio_line_is_told_from_prose_that_ends_in_a_number() {
        assert!(is_folio("www.computer.org/security 69", "69", false));
        assert!(is_folio("68 IEEE Security & Privacy", "68", true));
        assert!(!is_folio("68 IEEE Security & Privacy", "68", false));
        assert!(!is_folio("as shown in Table 69", "69", true));
        assert!(!is_folio("www.computer.org/security 69", "70", true));
        assert!(!is_folio("69", "69", true));
    }

    #[test]
    fn a_folio_line_found_once_goes_with_its_printed_page_number() {
        // Body lines that differ from page to page, as prose does.
        let body = |page: &str, y| {
            let text = format!("Body text of page {page} runs across it and on.");
            line(&text, 72.0, 520.0, y)
        };
        let mut pages = vec![
            (1, vec![body("one", 100.0), body("one", 700.0)]),
            (
                2,
                vec![
                    body("two", 100.0),
                    body("two", 700.0),
                    line("www.example.org/journal", 300.0, 480.0, 760.0),
                    line("69", 500.0, 512.0, 760.0),
                ],
            ),
            (
                3,
                vec![
                    body("three", 100.0),
                    line("as the survey showed in Table 3", 72.0, 520.0, 700.0),
                ],
            ),
            (
                4,
                vec![
                    line("Journal of Norms 70", 72.0, 300.0, 40.0),
                    body("four", 100.0),
                ],
            ),
        ];
        let labels = [None, Some("69".to_string()), None, Some("70".to_string())];
        assert_eq!(drop_running_chrome(&mut pages, &labels), 3);
        assert_eq!(pages[1].1.len(), 2);
        assert_eq!(pages[2].1.len(), 2);
        assert_eq!(pages[3].1.len(), 1);
    }

    #[test]
    fn page_numbers_are_recognised() {
        for s in [
            "3",
            "- 3 -",
            "Page 3",
            "Page 3 of 7",
            "[12]",
            "iv",
            "3 / 7",
            "p. 3",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["Principles", "2024 was a year", "Article 3 applies"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn running_header_and_footer_are_dropped() {
        let page = |n: u32| {
            (
                n,
                vec![
                    line("Lisbon Declaration", 72.0, 200.0, 30.0),
                    line(&format!("Body text of page {n}."), 72.0, 540.0, 100.0),
                    line(&format!("Page {n} of 3"), 270.0, 320.0, 750.0),
                ],
            )
        };
        let mut pages = vec![page(1), page(2), page(3)];
        assert_eq!(drop_running_chrome(&mut pages, &[]), 6);
        for (n, lines) in &pages {
            assert_eq!(lines.len(), 1, "page {n}: {lines:?}");
            assert!(lines[0].text.starts_with("Body text"));
        }
    }

    #[test]
    fn a_sections_own_running_head_is_dropped_but_a_heading_once_is_kept() {
        // (digits are masked when lines are compared: words tell pages apart)
        const WORDS: [&str; 8] = ["", "one", "two", "three", "four", "five", "six", "seven"];
        let page = |n: u32, head: Option<&str>| {
            let word = WORDS[n as usize];
            let mut lines = vec![
                line(&format!("Body text of page {word}."), 72.0, 540.0, 100.0),
                line(&format!("More body text on {word}."), 72.0, 540.0, 112.0),
                line(
                    &format!("The last line {word} of the body."),
                    72.0,
                    540.0,
                    124.0,
                ),
            ];
            if let Some(head) = head {
                lines.insert(0, line(head, 72.0, 300.0, 30.0));
            }
            (n, lines)
        };
        let mut pages = vec![
            page(1, Some("Introduction")),
            page(2, None),
            page(3, Some("Part Two: Methods")),
            page(4, Some("Part Two: Methods")),
            page(5, None),
            page(6, None),
            page(7, None),
        ];
        assert_eq!(drop_running_chrome(&mut pages, &[]), 2);
        assert_eq!(pages[0].1[0].text, "Introduction");
        assert!(pages[2].1[0].text.starts_with("Body text"));
    }
}
