//! Page furniture in plain text. A report printed or saved as text keeps
//! its running header, its "Page 3 of 12" footers and the page breaks that
//! cut paragraphs in two; left in, they become passages of their own and
//! split sentences at every page turn.

use super::clean::ends_sentence;

/// A line standing alone (blank lines around it) whose shape, digits aside,
/// recurs at least this often is page furniture.
const MIN_REPEATS: usize = 3;
/// Longer lines are prose, however often they recur.
const MAX_FURNITURE_CHARS: usize = 100;

/// `lines` without running headers, footers and page numbers, and how many
/// lines were removed. Where a paragraph was cut by a page break (the text
/// before the furniture ends mid-sentence and the text after it starts in
/// lower case), the blank lines around the break go too, so the paragraph
/// reads on. The first line, often the title a header repeats, stays.
pub fn remove_furniture<'a>(lines: &[&'a str]) -> (Vec<&'a str>, u32) {
    let keys: Vec<Option<String>> = (0..lines.len()).map(|i| furniture_key(lines, i)).collect();
    let mut counts = std::collections::HashMap::new();
    for key in keys.iter().flatten() {
        *counts.entry(key.as_str()).or_insert(0) += 1;
    }
    let first_text = lines.iter().position(|l| !l.trim().is_empty());
    let is_furniture = |i: usize| {
        Some(i) != first_text && keys[i].as_deref().is_some_and(|k| counts[k] >= MIN_REPEATS)
    };
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut removed = 0;
    // Blank lines held back after furniture, until the next text says
    // whether the paragraph goes on.
    let mut held: Option<Vec<&str>> = None;
    for (i, &line) in lines.iter().enumerate() {
        if is_furniture(i) {
            removed += 1;
            held.get_or_insert_with(Vec::new);
            continue;
        }
        if line.trim().is_empty() {
            match &mut held {
                Some(blanks) => blanks.push(line),
                None => kept.push(line),
            }
            continue;
        }
        if let Some(blanks) = held.take() {
            let before = kept.iter().rev().find(|l| !l.trim().is_empty());
            let continues = before.is_some_and(|b| !ends_sentence(b))
                && line.trim_start().starts_with(char::is_lowercase);
            if continues {
                while kept.last().is_some_and(|l| l.trim().is_empty()) {
                    kept.pop();
                }
            } else {
                kept.extend(blanks);
            }
        }
        kept.push(line);
    }
    (kept, removed)
}

/// What makes line `i` furniture if it recurs: standing alone, short and
/// not a speaker's label, either its text (a running header) or, for a
/// page number ("Page 3 of 7", "- 3 -"), its shape with digits made `#`.
/// Numbered headings ("Article 3") are no page numbers: they have words.
fn furniture_key(lines: &[&str], i: usize) -> Option<String> {
    let blank = |j: Option<usize>| {
        j.and_then(|j| lines.get(j))
            .is_none_or(|l| l.trim().is_empty())
    };
    let line = lines[i].trim();
    let alone = blank(i.checked_sub(1)) && blank(Some(i + 1));
    if !alone
        || line.is_empty()
        || line.chars().count() > MAX_FURNITURE_CHARS
        || line.ends_with(':')
    {
        return None;
    }
    let mut shape = String::with_capacity(line.len());
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !shape.ends_with('#') {
                shape.push('#');
            }
        } else {
            shape.extend(c.to_lowercase());
        }
    }
    let page_words = shape
        .split(|c: char| !c.is_alphabetic())
        .all(|w| w.is_empty() || ["page", "p", "of", "seite", "von"].contains(&w));
    if shape.contains('#') && page_words {
        return Some(shape);
    }
    // A bare word ("Yes", "MODERATOR") recurs in prose; a header has a
    // number or several words.
    let numbered = line.contains(|c: char| c.is_ascii_digit());
    (numbered || line.split_whitespace().count() >= 3).then(|| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_footers_and_page_breaks_go() {
        let text = "Norms Review — March 2021\n\nWe counted attacks on hospitals in\n\n  \
                    Page 1 of 3\n\nNorms Review — March 2021\n\nfive states during the period.\n\n\
                    Page 2 of 3\n\nNorms Review — March 2021\n\nA new paragraph starts here.\n\n\
                    Page 3 of 3\n";
        let lines: Vec<&str> = text.lines().collect();
        let (kept, removed) = remove_furniture(&lines);
        assert_eq!(removed, 5);
        let text = kept.join("\n");
        let blocks: Vec<&str> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .collect();
        assert_eq!(
            blocks,
            [
                "Norms Review — March 2021",
                "We counted attacks on hospitals in\nfive states during the period.",
                "A new paragraph starts here."
            ]
        );
    }

    #[test]
    fn numbered_headings_and_short_lines_stay() {
        let lines = [
            "Title",
            "",
            "Article 1",
            "",
            "Text.",
            "",
            "Article 2",
            "",
            "More.",
            "",
            "Article 3",
            "",
            "Yes",
            "",
            "Yes",
            "",
            "Yes",
        ];
        let (kept, removed) = remove_furniture(&lines);
        assert_eq!(removed, 0);
        assert_eq!(kept, lines);
    }
}
