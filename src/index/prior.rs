//! How much a passage is worth as an answer before any query is asked.
//! Headings, table-of-contents lines, reference entries and one-line
//! scraps are short, so plain BM25 favours them; their prior (a factor on
//! the score, 1 for prose) keeps them below prose that matches as well,
//! without hiding them when nothing else matches.

use crate::corpus::clean::ends_sentence;
use crate::corpus::{sections, Role};

/// Headings: their words already count for the passages below them.
const HEADING: f32 = 0.25;
const TABLE_OF_CONTENTS: f32 = 0.2;
/// `Figure 3: …`, `Table 2. …`: says what a picture shows, not the finding.
const CAPTION: f32 = 0.35;
const REFERENCE_ENTRY: f32 = 0.3;
/// A definition in a glossary: what a term means, not what happened.
const GLOSSARY_ENTRY: f32 = 0.6;
/// A few words: a caption, a label, a byline.
const SCRAP: f32 = 0.3;
/// A short line that is not a sentence.
const FRAGMENT: f32 = 0.6;
const TABLE_ROW: f32 = 0.6;
const FOOTNOTE: f32 = 0.8;
/// A short question alone (an interviewer's, a panel moderator's, a
/// rhetorical one): the paragraph after it holds the answer, and is indexed
/// with the question's words as context.
const QUESTION: f32 = 0.6;
/// Up to this many words a question is demoted; a longer one also states
/// something (what the accord asked, before asking what changed).
const SHORT_QUESTION_WORDS: usize = 30;
/// Longer than this, a paragraph ending in a question mark is argument,
/// not a question put to someone.
const QUESTION_WORDS: usize = 60;

/// The prior of a passage with this text, in a paragraph of this role,
/// under these headings, in a document with this title.
pub fn prior(text: &str, role: Role, headings: &[&str], title: &str) -> f32 {
    // Words, not the bars and ticks of a table row.
    let words = text
        .split_whitespace()
        .filter(|w| w.contains(char::is_alphanumeric))
        .count();
    let mut prior: f32 = match role {
        _ if repeats_title(text, title) => HEADING,
        Role::Heading => HEADING,
        Role::TableRow => TABLE_ROW,
        Role::Footnote => FOOTNOTE,
        Role::Body | Role::ListItem => 1.0,
    };
    if sections::is_caption(text) {
        prior = prior.min(CAPTION);
    }
    if is_contents_line(text) {
        prior = prior.min(TABLE_OF_CONTENTS);
    }
    if headings.iter().any(|h| sections::is_references_heading(h)) || is_reference_entry(text) {
        prior = prior.min(REFERENCE_ENTRY);
    }
    let glossary = std::iter::once(&title)
        .chain(headings)
        .any(|h| sections::is_glossary_heading(h));
    if glossary {
        prior = prior.min(GLOSSARY_ENTRY);
    }
    if words <= SHORT_QUESTION_WORDS && is_question(text) {
        prior = prior.min(QUESTION);
    }
    if words < 4 {
        prior = prior.min(SCRAP);
    } else if words < 16 && !ends_sentence(text) {
        prior = prior.min(FRAGMENT);
    }
    prior
}

/// A paragraph that ends by asking: its last mark, before closing quotes,
/// brackets and a footnote mark (`?[1]`, `?²`), is a question mark.
pub fn is_question(text: &str) -> bool {
    let text = text.trim_end();
    let text = match text.strip_suffix(']').and_then(|t| t.rsplit_once('[')) {
        Some((before, mark)) if mark.bytes().all(|b| b.is_ascii_digit()) => before,
        _ => text,
    };
    text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
            || "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c)
    })
    .ends_with('?')
}

/// A question put to someone, the paragraph before its answer: short
/// body text asking something (see [`is_question`]).
pub fn asks(text: &str, role: Role) -> bool {
    matches!(role, Role::Body | Role::ListItem)
        && text.split_whitespace().count() <= QUESTION_WORDS
        && is_question(text)
}

/// A short line that is mostly the document's title: a plain-text file's
/// first line, a subtitle or a cover line, which reads as body.
fn repeats_title(text: &str, title: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    let (ours, theirs) = (words(text), words(title));
    let shared = ours.iter().filter(|w| theirs.contains(w)).count();
    !ours.is_empty() && ours.len() <= 25 && shared * 10 >= ours.len() * 6
}

/// A table-of-contents line or block: a title, a leader of dots, a page
/// number (`3.2 Supply chain ........ 14`), once or many times.
fn is_contents_line(text: &str) -> bool {
    let leaders = text.matches("....").count()
        + text.matches(". . .").count()
        + text.matches('\u{2026}').count();
    leaders > 0 && text.trim_end().ends_with(|c: char| c.is_ascii_digit())
}

/// An entry of a bibliography: `[12] …` or `Surname, I. (2019). Title…`,
/// with a year and the marks of a citation.
fn is_reference_entry(text: &str) -> bool {
    let text = text.trim();
    let numbered = text.starts_with('[')
        && text[1..]
            .split_once(']')
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let has_year = text.as_bytes().windows(6).any(|w| {
        matches!(w[0], b'(' | b' ' | b',')
            && matches!(&w[1..3], b"19" | b"20")
            && w[3..5].iter().all(u8::is_ascii_digit)
            && matches!(w[5], b')' | b'.' | b',' | b'a' | b'b')
    });
    let marks = [
        "et al.",
        "doi",
        "Retrieved",
        "pp.",
        "Vol.",
        "vol.",
        "http",
        "ISBN",
    ]
    .iter()
    .filter(|m| text.contains(*m))
    .count();
    let author_first = text.split_once(", ").is_some_and(|(surname, rest)| {
        surname.split_whitespace().count() == 1
            && surname.starts_with(char::is_uppercase)
            && rest.len() > 2
            && rest.as_bytes()[0].is_ascii_uppercase()
            && rest.as_bytes()[1] == b'.'
    });
    has_year && (numbered || author_first || marks >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_its_score() {
        let text = "States should not let companies hack back against attackers, since \
                    doing so risks escalation.";
        assert_eq!(
            prior(text, Role::Body, &["3 Recommendations"], "Report"),
            1.0
        );
    }

    /// The prior of body text with no headings in a report.
    fn body(text: &str) -> f32 {
        prior(text, Role::Body, &[], "Report")
    }

    #[test]
    fn scraps_are_demoted() {
        for scrap in [
            "3.2 Supply chain security ........ 14",
            "Smith, J. (2019). Hack back and the private sector. Journal of Cyber Policy, 4(2).",
            "[12] A. Jones, Norms in cyberspace, 2020. doi:10.1/x",
            "Figure 3",
            "Figure 3: Ransomware incidents by quarter",
        ] {
            assert!(body(scrap) < 0.5, "{scrap}");
        }
        assert!(
            prior(
                "Any entry at all, however written",
                Role::Body,
                &["References"],
                "Report"
            ) < 0.5
        );
        assert!(prior("No hack back", Role::Heading, &[], "Report") < 0.5);
        assert!(prior("7 Cyber hygiene | ✗ | ✓ | ✓", Role::TableRow, &[], "Report") < 0.5);
        let entry = "Hack back — Unauthorised access by a private party to an attacker's systems.";
        assert!(prior(entry, Role::Body, &["Glossary"], "Report") < 1.0);
        let title = "Hospital turns patients away after ransomware attack";
        assert!(prior(title, Role::Body, &[], title) < 0.5);
        let subtitle = "Panel 3: Trust in what we buy — supply chains one year on";
        assert!(
            prior(
                subtitle,
                Role::Body,
                &[],
                "Trust in what we buy: supply chains"
            ) < 0.5
        );
    }

    #[test]
    fn a_question_alone_waits_for_its_answer() {
        let asked = "BRANDT: Marcus, Halvard was one of the first companies to endorse. \
                     Why did you sign?";
        assert!(body(asked) < 1.0);
        assert!(asks(asked, Role::Body));
        assert!(body("Who decides what counts as \"active defence\"?\u{201d}") < 1.0);
        assert!(is_question("Is the rule binding?[1]"));
        assert!(is_question("Is the rule binding?²"));
        assert!(!is_question("The rule is binding [1]"));
        // An argument that ends by asking is still prose.
        let long = "The bill would let certified companies enter an attacker's \
                    systems to recover stolen data, and its authors insist this is \
                    defence. But the attacker's systems are almost always someone \
                    else's: a hospital's server, a student's laptop, a small firm's \
                    mail relay that was itself broken into weeks earlier, which the \
                    owner has never heard of. If a company may break into those, \
                    what is left of the principle the accord states?";
        assert_eq!(body(long), 1.0);
        assert!(!asks(long, Role::Body));
        assert!(!asks("Why sign?", Role::Heading));
    }

    #[test]
    fn prose_citing_a_year_is_not_a_reference() {
        let text = "In 2018, sixty states signed the Call, and more joined in 2019.";
        assert_eq!(body(text), 1.0);
    }
}
