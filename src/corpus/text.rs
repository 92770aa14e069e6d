//! Plain-text documents: re-join hard-wrapped lines into paragraphs and drop
//! the boilerplate that mailing lists and web copy-paste leave behind.

use super::clean::{
    is_list_chrome, join_wrapped_line, list_marker_len, normalize_inline, normalize_line_endings,
    starts_list_footer,
};
use super::extract::{Extracted, Metadata, Paragraph, ReadStats, Role};
use super::{pages, sections};

/// Lines at most this long, in a text with no longer lines, mark the text as
/// hard-wrapped (mail clients wrap at 72–80 columns).
const WRAP_LIMIT: usize = 100;

pub fn read_text(text: &str) -> Extracted {
    let text = normalize_line_endings(text);
    let mut meta = Metadata::default();
    let lines = strip_boilerplate(&text, &mut meta);
    let (lines, running_lines_removed) = pages::remove_furniture(&lines);
    Extracted {
        meta,
        paragraphs: paragraphs(&lines),
        warnings: Vec::new(),
        attachment: None,
        stats: ReadStats {
            running_lines_removed,
            ..ReadStats::default()
        },
    }
}

/// Drops a quoted message header block (`> Subject: …` and the quoted lines
/// that follow it), list footers and share prompts; records the quoted
/// subject as the title, since it names the post.
fn strip_boilerplate<'a>(text: &'a str, meta: &mut Metadata) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::new();
    let mut in_quoted_header = false;
    for (i, &line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if let Some(quoted) = trimmed.strip_prefix('>') {
            let quoted = quoted.trim();
            if let Some(subject) = header_value(quoted, "subject") {
                meta.title.get_or_insert_with(|| clean_subject(subject));
                in_quoted_header = true;
            } else if ["from", "date", "to", "sent", "cc"]
                .iter()
                .any(|h| header_value(quoted, h).is_some())
            {
                in_quoted_header = true;
            }
            if in_quoted_header {
                continue;
            }
        } else if !trimmed.is_empty() {
            in_quoted_header = false;
        }
        if starts_list_footer(&lines, i) {
            break;
        }
        if is_boilerplate_line(trimmed) {
            continue;
        }
        kept.push(line);
    }
    kept
}

fn header_value<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let (key, value) = line.split_once(':')?;
    key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
}

/// `[LINK] Re: Paris Call` → `Paris Call`.
pub fn clean_subject(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        let before = s;
        if s.starts_with('[') {
            if let Some(end) = s.find(']') {
                s = s[end + 1..].trim_start();
            }
        }
        if let Some(rest) = strip_reply_prefix(s) {
            s = rest.trim_start();
        }
        if s == before {
            break;
        }
    }
    normalize_inline(s)
}

/// The subject without one reply or forward prefix, in the forms mail
/// clients write in several languages: "Re:", "Re[2]:", "Fwd:", "AW:",
/// "WG:", "SV:", "TR:", "RV:", "Antw:", "Réf. :"; `None` without one.
fn strip_reply_prefix(subject: &str) -> Option<&str> {
    const PREFIXES: &[&str] = &[
        "re", "fwd", "fw", "aw", "wg", "sv", "vs", "tr", "rv", "antw", "réf.", "enc", "odp",
    ];
    let (head, rest) = subject.split_once(':')?;
    // "Re[2]" and "Re(2)" count replies.
    let word = head
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || "[]()".contains(c));
    let word = word.trim().to_lowercase();
    PREFIXES.contains(&word.as_str()).then_some(rest)
}

/// Short lines that are never prose: share prompts ("Share this:",
/// "Buat lebih berguna, kongsi:"), "Reply via email to", list addresses.
fn is_boilerplate_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    if line.chars().count() > 60 {
        return false;
    }
    const SHARE_WORDS: [&str; 7] = [
        "share",
        "kongsi",
        "bagikan",
        "partager",
        "teilen",
        "compartir",
        "condividi",
    ];
    let share_prompt = lower.ends_with(':') && SHARE_WORDS.iter().any(|w| lower.contains(w));
    // "[email protected]" is what a web archive leaves of a hidden address.
    share_prompt || is_list_chrome(line) || lower.contains("[email protected]")
}

/// Groups lines into paragraphs. In hard-wrapped text a paragraph runs to a
/// blank line (or to a short line that ends a sentence); in unwrapped text
/// every line is a paragraph of its own. A text is hard-wrapped when its
/// lines fit the wrap limit but for one in ten (and at most one in a short
/// text), so a long URL in a mail does not undo the wrapping of the rest;
/// in an unwrapped text, a run of lines that all fill the same narrow width
/// is still one wrapped paragraph (a quoted mail in a web-page dump).
///
/// A line that opens a list item (see [`opens_list_item`]) starts a
/// paragraph of its own, with its marker kept, and the lines wrapped after
/// it join it.
fn paragraphs(lines: &[&str]) -> Vec<Paragraph> {
    let lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    let over = lengths.iter().filter(|&&n| n > WRAP_LIMIT).count();
    let wrapped_text = lengths.len() > 1
        && (over == 0 || (lengths.len() >= 5 && over <= (lengths.len() / 10).max(1)));
    let width = lengths
        .iter()
        .copied()
        .filter(|&n| n <= WRAP_LIMIT)
        .max()
        .unwrap_or(0);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut role = Role::Body;
    let flush = |current: &mut String, role: &mut Role, paragraphs: &mut Vec<Paragraph>| {
        let paragraph = normalize_inline(current);
        // Rules and ornaments ("* * *", "_____") separate; they are not prose.
        if paragraph.chars().any(char::is_alphanumeric) {
            // A numbered line in capitals ("2. HACK BACK") opens a section,
            // not a list.
            let heading_like = matches!(*role, Role::Body | Role::ListItem);
            if heading_like && sections::looks_like_plain_heading(&paragraph, *role) {
                *role = Role::Heading;
            }
            paragraphs.push(Paragraph::new(paragraph).with_role(*role));
        }
        current.clear();
        *role = Role::Body;
    };
    for block in lines.split(|l| l.trim().is_empty()) {
        let wrapped = wrapped_text || wrapped_block(block);
        let width = if wrapped_text {
            width
        } else {
            block
                .iter()
                .map(|l| l.trim().chars().count())
                .max()
                .unwrap_or(0)
        };
        // the shape of the markers of the list this block holds, if any
        let mut list: Option<String> = None;
        let mut previous = "";
        for line in block {
            let line = line.trim();
            let item = opens_list_item(line, previous, current.is_empty(), list.as_deref());
            if !wrapped || item.is_some() {
                flush(&mut current, &mut role, &mut paragraphs);
            }
            if let Some(shape) = item {
                role = Role::ListItem;
                list = Some(shape);
            }
            join_wrapped_line(&mut current, line);
            if wrapped && ends_short_paragraph(line, width) {
                flush(&mut current, &mut role, &mut paragraphs);
            }
            previous = line;
        }
        flush(&mut current, &mut role, &mut paragraphs);
    }
    paragraphs
}

/// Whether `line` opens a list item, and if so the shape of its marker
/// (`-`, `•`, `#.` for "1." or "a.", `(#)` for "(iv)"). A marker counts at
/// the start of a paragraph, after a line that ends a clause, or when it
/// has the shape of the list already running; so a dash that a wrap put at
/// the start of a line mid-sentence ("the states\n– all of them –") does
/// not cut the sentence in two.
fn opens_list_item(
    line: &str,
    previous: &str,
    at_start: bool,
    running: Option<&str>,
) -> Option<String> {
    let len = list_marker_len(line)?;
    let shape: String = line[..len].trim().chars().fold(String::new(), |mut s, c| {
        if !c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('#') {
            s.push('#');
        }
        s
    });
    let after_clause = previous.ends_with(['.', ':', ';', '!', '?']);
    (at_start || after_clause || running == Some(shape.as_str())).then_some(shape)
}

/// Whether a run of lines between blank lines is one hard-wrapped
/// paragraph: two lines or more, all but the last filling between 40
/// columns and the wrap limit.
fn wrapped_block(block: &[&str]) -> bool {
    let Some((_, filled)) = block.split_last() else {
        return false;
    };
    !filled.is_empty()
        && filled
            .iter()
            .all(|l| (40..=WRAP_LIMIT).contains(&l.trim().chars().count()))
}

/// A line well short of the wrap width that ends a sentence closes its
/// paragraph even without a blank line after it.
fn ends_short_paragraph(line: &str, width: usize) -> bool {
    let short = line.chars().count() * 10 < width * 6;
    short && line.ends_with(['.', '!', '?', '”', '"', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Extracted) -> Vec<&str> {
        e.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn hard_wrapped_lines_rejoin_into_paragraphs() {
        let doc = read_text(
            "During a speech in Lisbon last \nMonday, the minister announced a \nnew initiative.\n\nSecond  paragraph\u{a0}here.\n",
        );
        assert_eq!(
            texts(&doc),
            [
                "During a speech in Lisbon last Monday, the minister announced a new initiative.",
                "Second paragraph here."
            ]
        );
    }

    #[test]
    fn a_compound_wrapped_at_its_hyphen_is_one_word_again() {
        let doc = read_text(
            "States pledged to stop non-\nstate actors from hack-\nback and\nfrom hacking-\nback at all.\n\nShort line.\n",
        );
        assert_eq!(
            texts(&doc)[0],
            "States pledged to stop non-state actors from hack-back and from hacking-back at all."
        );
    }

    #[test]
    fn one_long_url_does_not_undo_the_wrapping_of_a_mail() {
        let url = format!("https://lists.example.org/archive/{}", "x".repeat(90));
        let doc = read_text(&format!(
            "Firms that hack\nback put everyone at risk, and the\nprivate sector knows it.\n\nSee {url}\n\nThanks for\nreading.\n"
        ));
        assert_eq!(
            texts(&doc),
            [
                "Firms that hack back put everyone at risk, and the private sector knows it.",
                &format!("See {url}"),
                "Thanks for reading.",
            ]
        );
    }

    #[test]
    fn a_wrapped_paragraph_among_long_lines_is_joined() {
        let long = "word ".repeat(30);
        let doc = read_text(&format!(
            "{long}one.\n\nThe ministry said it would never let its clients hack\nback against intruders, whatever the cost.\n\n{long}two.\n"
        ));
        assert_eq!(
            texts(&doc)[1],
            "The ministry said it would never let its clients hack back against intruders, whatever the cost."
        );
    }

    // issue #16
    #[test]
    fn cr_cr_lf_line_endings_still_rejoin_wrapped_lines() {
        let doc = read_text(
            "The chair opened the session\r\r\nand thanked the interpreters.\r\r\n\r\r\nSecond\r\r\nparagraph.\r\r\n",
        );
        assert_eq!(
            texts(&doc),
            [
                "The chair opened the session and thanked the interpreters.",
                "Second paragraph."
            ]
        );
        let doc = read_text("One\rstray carriage return.\nStill one paragraph.\n");
        assert_eq!(
            texts(&doc),
            ["One stray carriage return. Still one paragraph."]
        );
    }

    #[test]
    fn wrapped_list_items_are_paragraphs_of_their_own() {
        let doc = read_text(
            "Delegations raised two points:\n- that hospitals should be named in the text,\n  not in a footnote;\n\
             - that reports go to the group.\n\nThe states agreed that the duty, which binds\n\
             - as all of them said - every state, is firm.\n",
        );
        assert_eq!(
            texts(&doc),
            [
                "Delegations raised two points:",
                "- that hospitals should be named in the text, not in a footnote;",
                "- that reports go to the group.",
                "The states agreed that the duty, which binds - as all of them said - every state, is firm.",
            ]
        );
        let roles: Vec<Role> = doc.paragraphs.iter().map(|p| p.role).collect();
        assert_eq!(
            roles,
            [Role::Body, Role::ListItem, Role::ListItem, Role::Body]
        );
    }

    #[test]
    fn subjects_lose_list_tags_and_reply_prefixes_in_any_language() {
        for subject in [
            "Re: [cybernorms] Principle 8",
            "RE: Fwd: Principle 8",
            "Re[2]: Principle 8",
            "SV: AW: Principle 8",
            "TR: Réf. : Principle 8",
            "Antw: WG: RV: Principle 8",
        ] {
            assert_eq!(clean_subject(subject), "Principle 8", "{subject}");
        }
        assert_eq!(
            clean_subject("Principle 8: hack back"),
            "Principle 8: hack back"
        );
    }

    #[test]
    fn unwrapped_lines_are_paragraphs_each() {
        let long = "word ".repeat(30);
        let doc = read_text(&format!("{long}one.\n{long}two.\nShort line\n"));
        assert_eq!(doc.paragraphs.len(), 3);
    }

    #[test]
    fn quoted_header_block_is_dropped_and_gives_the_title() {
        let doc = read_text(
            "> Subject: [LIST] Re: Geneva Pledge\n>\n> GENEVA PLEDGE\n>\n> https://example.org/x.pdf\n\n\nBody text starts here.\n",
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Geneva Pledge"));
        assert_eq!(texts(&doc), ["Body text starts here."]);
    }

    #[test]
    fn list_footer_and_share_prompt_are_dropped() {
        let doc = read_text(
            "Real content.\nSelamat, kongsi:\n_______________________________________________\nLink mailing list\nlink@example.org\nhttp://lists.example.org/mailman/listinfo/link\n\nReply via email to\n",
        );
        assert_eq!(texts(&doc), ["Real content."]);
    }

    #[test]
    fn a_rule_without_list_chrome_is_a_separator_not_a_footer() {
        let doc = read_text("Part one.\n\n__________\n\nPart two stays.\n");
        assert_eq!(texts(&doc), ["Part one.", "Part two stays."]);
    }

    #[test]
    fn prose_mentioning_mailing_lists_is_kept() {
        let doc = read_text("Many researchers now follow the debate on a mailing list run by the university press office.\n");
        assert_eq!(doc.paragraphs.len(), 1);
    }
}
