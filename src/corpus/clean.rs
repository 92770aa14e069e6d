//! Text cleaning shared by the format readers: turning extracted runs of
//! text into one-line prose and spotting list markers at the start of a
//! line. Dates are read by [`crate::date`].

/// Ends as a sentence or clause does: `.`, `!`, `?`, `:`, `;` or `…`,
/// possibly before a closing quote or bracket.
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']'])
        .ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
}

/// Cleans one paragraph's worth of text into a single line of prose.
///
/// - every run of whitespace (line breaks, tabs, U+00A0 no-break space and
///   the other Unicode spaces) becomes one ASCII space, and the ends are
///   trimmed;
/// - typographic ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) are expanded to their letters,
///   because PDF fonts emit them and nobody searches for them;
/// - the Unicode hyphen and no-break hyphen (U+2010, U+2011) become `-`;
/// - soft hyphens (U+00AD), zero-width spaces and joiners, the byte-order
///   mark and other control characters are removed.
///
/// It does not re-join words hyphenated across lines: that needs to know
/// where the lines ended, which the caller does.
pub fn normalize_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Runs of visible ASCII, most of any text, are copied whole.
        let run = bytes[at..]
            .iter()
            .position(|b| !b.is_ascii_graphic())
            .unwrap_or(bytes.len() - at);
        if run > 0 {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&s[at..at + run]);
            at += run;
            continue;
        }
        let c = s[at..].chars().next().expect("at is a char boundary");
        at += c.len_utf8();
        let expanded: &str = match c {
            '\u{FB00}' => "ff",
            '\u{FB01}' => "fi",
            '\u{FB02}' => "fl",
            '\u{FB03}' => "ffi",
            '\u{FB04}' => "ffl",
            '\u{FB05}' | '\u{FB06}' => "st",
            // hyphen and no-break hyphen: tokenizers only know the ASCII one
            '\u{2010}' | '\u{2011}' => "-",
            // invisible: drop without leaving a gap
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            c if c.is_whitespace() => {
                pending_space = true;
                continue;
            }
            c if c.is_control() => continue,
            _ => "",
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if expanded.is_empty() {
            out.push(c);
        } else {
            out.push_str(expanded);
        }
    }
    out
}

/// Makes every line break a single `\n`, whatever wrote it: CRLF
/// (Windows); CR CR LF, which a Windows tool leaves when it converts a CRLF
/// file to CRLF a second time, and which would otherwise read as a blank
/// line after every line; LF CR (a few old editors); and CR alone (classic
/// Mac OS) in a text that has no LF at all. In a text with LFs, a CR that
/// touches no LF is a stray and becomes a space, so it never splits a
/// paragraph.
pub fn normalize_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return text.into();
    }
    if !text.contains('\n') {
        return text.replace('\r', "\n").into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        let run = rest[at..].bytes().take_while(|&b| b == b'\r').count();
        let touches_lf = out.ends_with('\n') || rest[at + run..].starts_with('\n');
        if !touches_lf {
            out.push(' ');
        }
        rest = &rest[at + run..];
    }
    out.push_str(rest);
    out.into()
}

/// Length in bytes of the list marker that opens `line`, with any
/// whitespace before it and the one whitespace character after it, or
/// `None` when the line is not a list
/// item: "•", "◦", "▪", "–", "-", "*", "1.", "12)", "(a)", "(iv)", "a.",
/// "b)", "iv.", and the private-use bullets of Word's Symbol fonts. A
/// letter with a full stop is one of a–h, and "v." is never one, so "v.
/// United States" and "p. 226" at a line start run on.
pub fn list_marker_len(line: &str) -> Option<usize> {
    let text = line.trim_start();
    let lead = line.len() - text.len();
    let marker_end = text.find(char::is_whitespace)?;
    // The space after the marker may be wider than a byte (U+00A0, U+2000).
    let space = text[marker_end..].chars().next().map_or(1, char::len_utf8);
    let marker = &text[..marker_end];
    let is_marker = match marker {
        // U+F0B7 and U+F0A7: Word's Symbol and Wingdings bullets, as PDFs
        // made from Word carry them.
        "•" | "◦" | "▪" | "●" | "‣" | "·" | "–" | "-" | "*" | "\u{F0B7}" | "\u{F0A7}" => {
            true
        }
        _ => {
            let inner = if let Some(inner) = marker.strip_prefix('(') {
                inner.strip_suffix(')')
            } else {
                marker.strip_suffix(['.', ')'])
            };
            // A letter and a full stop is an item only early in the
            // alphabet: "v. United States", "p. 226" run on.
            let letter_ok = |b: u8| marker.ends_with(')') || (b'a'..=b'h').contains(&b);
            inner.is_some_and(|inner| {
                (!inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()))
                    || (inner.len() == 1
                        && inner
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() && letter_ok(b)))
                    || (!inner.is_empty()
                        && inner.len() <= 4
                        && inner.chars().all(|c| "ivx".contains(c))
                        && marker != "v.")
            })
        }
    };
    is_marker.then_some(lead + marker_end + space)
}

/// Lines mailing-list software adds to every message.
pub fn is_list_chrome(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.ends_with(" mailing list")
        || lower.contains("/listinfo")
        || lower.starts_with("reply via email to")
        || lower.starts_with("to unsubscribe")
        || lower.starts_with("you received this message because you are subscribed")
        || lower.starts_with("unsubscribe:")
}

/// Whether `lines[i]` opens a mailing-list footer: a rule of underscores,
/// dashes or equals signs followed within three lines by list chrome. A
/// rule alone is kept, since writers use rules as separators too.
pub fn starts_list_footer(lines: &[&str], i: usize) -> bool {
    let trimmed = lines[i].trim();
    let is_rule = trimmed.len() >= 10 && trimmed.chars().all(|c| c == '_' || c == '-' || c == '=');
    is_rule
        && lines[i + 1..]
            .iter()
            .take(3)
            .any(|l| is_list_chrome(l.trim()))
}

/// Appends the next line of text wrapped by a mail client or editor to a
/// paragraph. These wrap between words, so a line ending in a hyphen
/// broke a compound at its hyphen: `hacking-` + `back` is `hacking-back`,
/// not `hacking- back` (nor `hackingback`, which only typeset text like
/// PDF needs, see `pdf::join_line`).
pub fn join_wrapped_line(paragraph: &mut String, next: &str) {
    let at_hyphen = paragraph
        .strip_suffix('-')
        .is_some_and(|before| before.ends_with(char::is_alphabetic));
    if !at_hyphen && !paragraph.is_empty() {
        paragraph.push(' ');
    }
    paragraph.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_collapses_whitespace_including_nbsp() {
        assert_eq!(normalize_inline("  a\n b\t\u{00A0}c  "), "a b c");
    }

    #[test]
    fn inline_expands_ligatures() {
        assert_eq!(
            normalize_inline("bene\u{FB01}ts \u{FB02}exible e\u{FB03}cient"),
            "benefits flexible efficient"
        );
    }

    #[test]
    fn inline_drops_soft_hyphens_and_zero_width_marks() {
        assert_eq!(
            normalize_inline("cyber\u{00AD}space\u{200B}!\u{FEFF}"),
            "cyberspace!"
        );
    }

    #[test]
    fn inline_drops_control_characters() {
        assert_eq!(normalize_inline("a\u{0007}b\u{0000}"), "ab");
        assert_eq!(normalize_inline("forty\u{2011}two"), "forty-two");
    }

    #[test]
    fn line_endings_of_every_kind_become_lf() {
        // issue #16: CR CR LF from a twice-converted Windows file
        assert_eq!(normalize_line_endings("a\r\r\nb\r\r\n\r\r\nc"), "a\nb\n\nc");
        assert_eq!(normalize_line_endings("a\r\nb\r\n"), "a\nb\n");
        assert_eq!(normalize_line_endings("a\n\rb\n\r"), "a\nb\n");
        assert_eq!(normalize_line_endings("a\rb\r\rc"), "a\nb\n\nc");
        assert_eq!(normalize_line_endings("stray\rcr\nhere"), "stray cr\nhere");
        assert_eq!(normalize_line_endings("plain\n"), "plain\n");
    }

    #[test]
    fn list_markers_are_recognised() {
        assert_eq!(list_marker_len("1. States should"), Some(3));
        assert_eq!(list_marker_len("(a) first"), Some(4));
        assert_eq!(list_marker_len("2) second"), Some(3));
        assert_eq!(list_marker_len("• bullet"), Some(4));
        assert_eq!(list_marker_len("iv. fourth"), Some(4));
        assert_eq!(list_marker_len("2024. That year"), None);
        assert_eq!(list_marker_len("States should"), None);
        assert_eq!(list_marker_len("\u{F0B7} Word bullet"), Some(4));
        assert_eq!(list_marker_len("b. second"), Some(3));
        assert_eq!(list_marker_len("v. United States"), None);
        assert_eq!(list_marker_len("p. 226, the Court"), None);
        assert_eq!(list_marker_len("(v) fifth"), Some(4));
        // Found by fuzzing: a marker followed by a space of several bytes.
        assert_eq!(list_marker_len("-\u{2000}item"), Some(4));
        assert_eq!(list_marker_len("•\u{a0}item"), Some(5));
        assert_eq!(list_marker_len("  - item"), Some(4));
    }

    #[test]
    fn wrapped_line_joins_at_a_hyphen_without_a_space() {
        let joined = |a: &str, b: &str| {
            let mut s = a.to_string();
            join_wrapped_line(&mut s, b);
            s
        };
        assert_eq!(joined("stop hacking-", "back now"), "stop hacking-back now");
        assert_eq!(joined("a dash -", "here"), "a dash - here");
        assert_eq!(joined("one", "two"), "one two");
        assert_eq!(joined("", "first"), "first");
    }
}
