//! The tokenizer's offset invariant: every token, match and highlight lies
//! on character boundaries of its source. Patterns are made from the
//! text's own words, so that they match.
#![no_main]
use accord::analysis::{self, Mode};
use accord::search::snippet::{self, Pattern};
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    common::check_tokens(text);
    let words: Vec<String> = analysis::tokenize(text, Mode::Index)
        .into_iter()
        .map(|t| t.text)
        .collect();
    let stems: Vec<String> = words.iter().filter_map(|w| analysis::stem(w)).collect();
    let mut patterns = Vec::new();
    if let Some(stem) = stems.first() {
        patterns.push(Pattern::Stem(stem.clone()));
    }
    if words.len() >= 2 {
        patterns.push(Pattern::Exact(words[words.len() - 2..].to_vec()));
    }
    if stems.len() >= 2 {
        patterns.push(Pattern::StemPhrase(stems[..2].to_vec()));
    }
    for spun in [false, true] {
        let matches = snippet::find_matches(text, &patterns, spun);
        for m in &matches {
            common::assert_slices(text, m.start, m.end, "match");
        }
        let snip = snippet::snippet(text, &matches);
        for h in &snip.highlights {
            common::assert_slices(&snip.text, h.start, h.end, "highlight");
        }
    }
});
