//! Finding where a query matched inside a passage, and choosing the best
//! sentences of it to show. Matching re-analyses only the passages shown,
//! with the same analyzer as the index, so highlights fall exactly on what
//! the index matched: a phrase lights up only where the whole phrase is.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::{self, Mode, Token};
use crate::spin;

/// What to look for in a passage's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Any word with this stem.
    Stem(String),
    /// These exact-view words at consecutive positions.
    Exact(Vec<String>),
    /// Words with these stems at consecutive positions (`hacked back`,
    /// `hacking-back` for `hack back`).
    StemPhrase(Vec<String>),
}

/// Snippets aim for about this many bytes of text.
pub const SNIPPET_BYTES: usize = 280;
const MAX_FRAGMENTS: usize = 3;

/// Byte ranges in `text` where any pattern matches, sorted and merged.
/// `spun` also matches the restored wording of a machine-paraphrased text.
pub fn find_matches(text: &str, patterns: &[Pattern], spun: bool) -> Vec<Range<usize>> {
    let ranges = locate(text, patterns.iter(), spun)
        .into_iter()
        .map(|m| m.range)
        .collect();
    merge(text, ranges)
}

/// One place where a pattern matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Index of the pattern that matched.
    pub pattern: usize,
    /// Found only in the restored wording of a machine-paraphrased text
    /// (`person sector` for `private sector`), not as written.
    pub restored: bool,
}

/// Every match of every pattern, unmerged, sorted by position; a match
/// found both in the text and in its restored wording (`spun`) is listed
/// once, as written.
pub fn locate<'p>(
    text: &str,
    patterns: impl IntoIterator<Item = &'p Pattern> + Clone,
    spun: bool,
) -> Vec<Located> {
    let tokens = analysis::tokenize(text, Mode::Index);
    let located = |tokens: &[Token], restored: bool| {
        match_tokens(tokens, patterns.clone())
            .into_iter()
            .map(move |(range, pattern)| Located {
                range,
                pattern,
                restored,
            })
    };
    let mut found: Vec<Located> = located(&tokens, false).collect();
    if spun {
        found.extend(located(&spin::restore(&tokens), true));
    }
    found.sort_by_key(|m| (m.range.start, m.range.end, m.restored, m.pattern));
    found.dedup_by(|a, b| a.range == b.range);
    found
}

fn match_tokens<'p>(
    tokens: &[Token],
    patterns: impl IntoIterator<Item = &'p Pattern>,
) -> Vec<(Range<usize>, usize)> {
    // Alternative forms share a position (`US` is both `us` and `u.s`).
    let mut by_position: Vec<Vec<&Token>> = Vec::new();
    for t in tokens {
        if by_position
            .last()
            .is_some_and(|v| v[0].position == t.position)
        {
            by_position.last_mut().expect("checked just above").push(t);
        } else {
            by_position.push(vec![t]);
        }
    }
    let patterns: Vec<&Pattern> = patterns.into_iter().collect();
    // Snowball's English stemmer only rewrites endings, so a word can have
    // a pattern's stem only if it starts with the same byte; other words
    // are left unstemmed, which skips most of the stemming.
    let stem_firsts: Vec<u8> = patterns
        .iter()
        .flat_map(|p| match p {
            Pattern::Stem(stem) => std::slice::from_ref(stem),
            Pattern::StemPhrase(words) => words.as_slice(),
            Pattern::Exact(_) => &[],
        })
        .filter_map(|w| w.bytes().next())
        .collect();
    let stem_of = |t: &Token| match t.text.bytes().next() {
        Some(first) if stem_firsts.contains(&first) => {
            analysis::stem(&t.text).unwrap_or_else(|| t.text.clone())
        }
        _ => t.text.clone(),
    };
    // Stems are computed once per token, and only if a pattern needs them.
    let mut stem_cache: Option<Vec<Vec<String>>> = None;
    let mut ranges = Vec::new();
    for (index, pattern) in patterns.into_iter().enumerate() {
        let (words, stemmed) = match pattern {
            Pattern::Stem(stem) => (std::slice::from_ref(stem), true),
            Pattern::Exact(words) => (words.as_slice(), false),
            Pattern::StemPhrase(words) => (words.as_slice(), true),
        };
        let needed = words.iter().filter(|w| !w.is_empty()).count();
        if needed == 0 || needed > by_position.len() {
            continue;
        }
        let stems = stemmed.then(|| {
            &*stem_cache.get_or_insert_with(|| {
                by_position
                    .iter()
                    .map(|group| group.iter().map(|t| stem_of(t)).collect())
                    .collect()
            })
        });
        for start in 0..=by_position.len() - needed {
            // Word `i` must sit at the first word's position plus `i`: a
            // sentence break skips a position, and a phrase spans one only
            // where it has one itself (an empty word).
            let first = by_position[start][0].position;
            let mut at = start;
            let matched = words.iter().enumerate().all(|(i, w)| {
                while at < by_position.len() && by_position[at][0].position < first + i {
                    at += 1;
                }
                let here = by_position
                    .get(at)
                    .filter(|group| group[0].position == first + i);
                match (here, w.is_empty()) {
                    (None, true) => true,
                    (Some(_), true) | (None, false) => false,
                    (Some(_), false) => match stems {
                        Some(stems) => stems[at].iter().any(|s| s == w),
                        None => by_position[at].iter().any(|t| &t.text == w),
                    },
                }
            });
            if matched {
                let last = &by_position[at];
                let end = last.iter().map(|t| t.to).max().unwrap_or(0);
                ranges.push((by_position[start][0].from..end, index));
            }
        }
    }
    ranges
}

/// Sorts ranges and joins those that overlap or are separated only by
/// spaces or hyphens, so `hacking back` is one highlight, not two.
pub fn merge(text: &str, mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        let joins = |last: &Range<usize>| {
            r.start <= last.end
                || text[last.end..r.start]
                    .chars()
                    .all(|c| c == ' ' || c == '-' || c == '\u{2011}')
        };
        match merged.last_mut() {
            Some(last) if joins(last) => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// A short extract of a passage with its highlights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges in `text`.
    pub highlights: Vec<Range<usize>>,
}

/// The best sentences of `text` given its `matches`: those with the most
/// matches, in text order, cut to about [`SNIPPET_BYTES`]; fragments that
/// are not adjacent are joined with " … ".
pub fn snippet(text: &str, matches: &[Range<usize>]) -> Snippet {
    if text.len() <= SNIPPET_BYTES {
        return Snippet {
            text: text.to_string(),
            highlights: matches.to_vec(),
        };
    }
    let sentences: Vec<Range<usize>> = text
        .split_sentence_bound_indices()
        .map(|(from, s)| from..from + s.trim_end().len())
        .filter(|r| !r.is_empty())
        .collect();
    // Matched bytes, so a sentence with the whole phrase beats one with a
    // single word of it.
    let count = |r: &Range<usize>| -> usize {
        matches
            .iter()
            .filter(|m| m.start >= r.start && m.end <= r.end)
            .map(|m| m.len())
            .sum()
    };
    let mut ranked: Vec<(usize, &Range<usize>)> = sentences.iter().map(|r| (count(r), r)).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
    let mut chosen: Vec<Range<usize>> = Vec::new();
    let mut budget = SNIPPET_BYTES;
    for (hits, r) in ranked {
        let first = chosen.is_empty();
        if !first && (hits == 0 || r.len() > budget || chosen.len() >= MAX_FRAGMENTS) {
            continue;
        }
        let r = if r.len() > SNIPPET_BYTES {
            window(text, r, matches)
        } else {
            r.clone()
        };
        budget = budget.saturating_sub(r.len());
        chosen.push(r);
        if budget < 40 {
            break;
        }
    }
    chosen.sort_by_key(|r| r.start);
    assemble(text, &chosen, matches)
}

/// A piece of a long sentence around its first match, cut at spaces.
fn window(text: &str, sentence: &Range<usize>, matches: &[Range<usize>]) -> Range<usize> {
    let anchor = matches
        .iter()
        .find(|m| m.start >= sentence.start && m.end <= sentence.end)
        .map_or(sentence.start, |m| m.start);
    let mut start = anchor.saturating_sub(SNIPPET_BYTES / 3).max(sentence.start);
    let mut end = (start + SNIPPET_BYTES).min(sentence.end);
    if start > sentence.start {
        start = floor_boundary(text, start);
        start = text[start..anchor]
            .find(' ')
            .map_or(start, |i| start + i + 1);
    }
    if end < sentence.end {
        end = floor_boundary(text, end);
        end = text[start..end].rfind(' ').map_or(end, |i| start + i);
    }
    start..end
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn assemble(text: &str, fragments: &[Range<usize>], matches: &[Range<usize>]) -> Snippet {
    let mut out = String::new();
    let mut highlights = Vec::new();
    let mut previous_end = 0;
    for (i, f) in fragments.iter().enumerate() {
        let gap = text[previous_end.min(f.start)..f.start].trim();
        if i > 0 && gap.is_empty() {
            out.push(' ');
        } else if f.start > 0 {
            out.push_str(if i == 0 { "… " } else { " … " });
        }
        let offset = out.len();
        out.push_str(&text[f.clone()]);
        for m in matches
            .iter()
            .filter(|m| m.start >= f.start && m.end <= f.end)
        {
            highlights.push(m.start - f.start + offset..m.end - f.start + offset);
        }
        previous_end = f.end;
    }
    if previous_end < text.trim_end().len() {
        out.push_str(" …");
    }
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn phrases_match_across_a_sentence_break_only_if_they_have_it() {
        let text = "Would the bank hack? Back in 2019 it said no. It won't hack back.";
        let at = |words: &[&str]| {
            let words = words.iter().map(|w| w.to_string()).collect();
            find_matches(text, &[Pattern::Exact(words)], false)
                .into_iter()
                .map(|r| &text[r])
                .collect::<Vec<_>>()
        };
        assert_eq!(at(&["hack", "back"]), ["hack back"]);
        assert_eq!(at(&["hack", "", "back", "in"]), ["hack? Back in"]);
        assert!(at(&["no", "it"]).is_empty());
    }

    #[test]
    fn phrase_highlights_only_where_the_whole_phrase_occurs() {
        let text = "Private firms lead; the private sector must act. Sector rules apply.";
        let m = find_matches(
            text,
            &[Pattern::Exact(vec!["private".into(), "sector".into()])],
            false,
        );
        assert_eq!(spans(text, &m), ["private sector"]);
    }

    #[test]
    fn stem_pattern_highlights_inflections_and_hyphenated_parts() {
        let text = "They hacked back; hacking-back is banned.";
        let m = find_matches(text, &[Pattern::Stem("hack".into())], false);
        assert_eq!(spans(text, &m), ["hacked", "hacking"]);
        let both = find_matches(
            text,
            &[Pattern::Stem("hack".into()), Pattern::Stem("back".into())],
            false,
        );
        assert_eq!(spans(text, &both), ["hacked back", "hacking-back"]);
    }

    #[test]
    fn exact_phrase_matches_across_a_hyphen_but_not_other_inflections() {
        let text = "No hacking-back, and nobody hacked back.";
        let m = find_matches(
            text,
            &[Pattern::Exact(vec!["hacking".into(), "back".into()])],
            false,
        );
        assert_eq!(spans(text, &m), ["hacking-back"]);
    }

    #[test]
    fn stem_phrase_matches_every_inflection_but_only_as_a_sequence() {
        let text = "We hacked back; hacking-back is banned; back then, no hack.";
        let m = find_matches(
            text,
            &[Pattern::StemPhrase(vec!["hack".into(), "back".into()])],
            false,
        );
        assert_eq!(spans(text, &m), ["hacked back", "hacking-back"]);
    }

    #[test]
    fn locate_reports_which_pattern_matched_each_place() {
        let text = "The DPRK and North Korea.";
        let patterns = [
            Pattern::Exact(vec!["north".into(), "korea".into()]),
            Pattern::Exact(vec!["dprk".into()]),
        ];
        let found: Vec<(&str, usize)> = locate(text, &patterns, false)
            .into_iter()
            .map(|m| (&text[m.range], m.pattern))
            .collect();
        assert_eq!(found, [("DPRK", 1), ("North Korea", 0)]);
    }

    #[test]
    fn snippet_picks_the_matching_sentence_of_a_long_passage() {
        let filler = "This sentence is only filler about nothing in particular at all. ".repeat(6);
        let text = format!("{filler}The key line mentions elections here. {filler}");
        let m = find_matches(&text, &[Pattern::Stem("elect".into())], false);
        let s = snippet(&text, &m);
        assert!(
            s.text.contains("The key line mentions elections here."),
            "{}",
            s.text
        );
        assert!(s.text.starts_with("… "));
        assert_eq!(spans(&s.text, &s.highlights), ["elections"]);
        assert!(s.text.len() <= SNIPPET_BYTES + 10);
    }

    #[test]
    fn window_in_a_long_sentence_cuts_at_spaces_and_char_boundaries() {
        let text = format!(
            "{} target {}",
            "é word ".repeat(80),
            "more words ".repeat(80)
        );
        let m = find_matches(&text, &[Pattern::Stem("target".into())], false);
        let s = snippet(&text, &m);
        assert_eq!(spans(&s.text, &s.highlights), ["target"]);
        assert!(s.text.starts_with("… ") && s.text.ends_with(" …"));
    }
}
