//! Commentary-like text: a headline, a datelined lead, news sentences over a
//! Zipf vocabulary with domain terms mixed in, and wire-style quotes from
//! invented speakers. Output depends only on the `Rng` passed in.

use crate::rng::Rng;
use crate::words::*;
use std::collections::HashSet;

/// Word count of one GB of generated text (measured: ~6.6 bytes per word
/// including spaces and punctuation). Converts per-GB term counts into
/// per-word probabilities; re-measure with `wc` if the vocabulary changes.
const WORDS_PER_GB: f64 = 1.0e9 / 6.6;

/// Fixed seed for the vocabulary, so pseudo-words are the same for every
/// corpus seed and query lists stay valid.
const VOCAB_SEED: u64 = 0x00AC_C0D5;

/// Number of invented long-tail words.
const PSEUDO_WORDS: usize = 4000;

/// Lookup-table sizes (powers of two) for O(1) weighted sampling.
const ZIPF_BITS: u32 = 18;
const TERM_BITS: u32 = 16;

/// Chance that a given speaker slot in a document is the pinned speaker;
/// tuned so "Maria Lindqvist" is quoted a few thousand times per GB.
const PINNED_SPEAKER_CHANCE: f64 = 0.004;

/// Chance that a body paragraph is built around a quote.
const QUOTE_PARAGRAPH_CHANCE: f64 = 0.4;

struct Speaker {
    full: String,
    last: &'static str,
    affiliation: String,
}

/// Holds the vocabulary and sampling tables; build once, share across threads.
pub struct TextGen {
    words: Vec<String>,
    zipf: Vec<u16>,
    terms: Vec<u16>,
    term_chance: f64,
    speakers: Vec<Speaker>,
}

impl Default for TextGen {
    fn default() -> Self {
        Self::new()
    }
}

impl TextGen {
    pub fn new() -> Self {
        let mut words: Vec<String> = FUNCTION_WORDS
            .iter()
            .chain(COMMON_WORDS)
            .map(|w| w.to_string())
            .collect();
        let mut seen: HashSet<String> = words.iter().cloned().collect();
        let mut rng = Rng::new(VOCAB_SEED);
        while words.len() < FUNCTION_WORDS.len() + COMMON_WORDS.len() + PSEUDO_WORDS {
            let word: String = (0..rng.range(1, 3)).map(|_| *rng.pick(SYLLABLES)).collect();
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }
        // Zipf-Mandelbrot: the offset flattens the head so "the" is ~5%
        // of words rather than ~10%.
        let weights: Vec<f64> = (0..words.len()).map(|r| 1.0 / (r as f64 + 2.7)).collect();
        let zipf = sampling_table(&weights, ZIPF_BITS);

        let counts: Vec<f64> = DOMAIN_TERMS.iter().map(|(_, n)| *n as f64).collect();
        let terms = sampling_table(&counts, TERM_BITS);
        let term_chance = counts.iter().sum::<f64>() / WORDS_PER_GB;

        let mut speakers: Vec<Speaker> = SURNAMES
            .iter()
            .enumerate()
            .map(|(i, last)| {
                let first = FIRST_NAMES[(i * 7) % FIRST_NAMES.len()];
                let role = ROLES[i % ROLES.len()];
                let inst = INSTITUTIONS[(i * 3) % INSTITUTIONS.len()];
                Speaker {
                    full: format!("{first} {last}"),
                    last,
                    affiliation: format!("{role} at {inst}"),
                }
            })
            .collect();
        let (first, last) = PINNED_SPEAKER;
        speakers.push(Speaker {
            full: format!("{first} {last}"),
            last,
            affiliation: "a senior fellow at the Halvard Institute for Digital Policy".into(),
        });
        TextGen {
            words,
            zipf,
            terms,
            term_chance,
            speakers,
        }
    }

    /// Appends one document of at least `target_bytes` bytes (overshooting by
    /// at most one paragraph) to `out`.
    pub fn document(&self, rng: &mut Rng, target_bytes: usize, out: &mut String) {
        let start = out.len();
        self.headline(rng, out);
        out.push_str("\n\n");
        out.push_str(rng.pick::<&str>(DATELINES));
        out.push_str(" — ");
        self.plain_paragraph(rng, out);

        let cast = self.pick_cast(rng);
        let mut introduced = [false; 3];
        while out.len() - start < target_bytes {
            out.push_str("\n\n");
            if rng.chance(QUOTE_PARAGRAPH_CHANCE) {
                let i = rng.below(cast.len());
                self.quote_paragraph(rng, cast[i], !introduced[i], out);
                introduced[i] = true;
            } else {
                self.plain_paragraph(rng, out);
            }
        }
        out.push('\n');
    }

    /// One to three speakers quoted in a document, as wire copy does.
    fn pick_cast(&self, rng: &mut Rng) -> Vec<&Speaker> {
        let pinned = self.speakers.len() - 1;
        (0..rng.range(1, 3))
            .map(|_| {
                if rng.chance(PINNED_SPEAKER_CHANCE) {
                    &self.speakers[pinned]
                } else {
                    // Squaring a uniform skews choice towards the first
                    // speakers: a few pundits are quoted everywhere.
                    let u = rng.below(1 << 16) as f64 / 65536.0;
                    &self.speakers[(u * u * pinned as f64) as usize]
                }
            })
            .collect()
    }

    fn headline(&self, rng: &mut Rng, out: &mut String) {
        let n = rng.range(5, 9);
        let term_at = rng.below(n);
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            let word = if i == term_at {
                self.term(rng)
            } else {
                self.word(rng)
            };
            title_case(word, out);
        }
    }

    fn plain_paragraph(&self, rng: &mut Rng, out: &mut String) {
        for i in 0..rng.range(1, 4) {
            if i > 0 {
                out.push(' ');
            }
            self.sentence(rng, out, '.');
        }
    }

    /// A quote paragraph in one of the wire styles; `first` gives the full
    /// name and affiliation, later mentions use the surname only.
    fn quote_paragraph(&self, rng: &mut Rng, who: &Speaker, first: bool, out: &mut String) {
        let said = *rng.pick(SAID);
        match rng.below(3) {
            // "…," said Jane Example, a fellow at X.  /  "…," Example said.
            0 => {
                out.push('"');
                self.sentence(rng, out, ',');
                if first {
                    push_all(out, &["\" said ", &who.full, ", ", &who.affiliation, "."]);
                } else {
                    push_all(out, &["\" ", who.last, " ", said, "."]);
                }
            }
            // Example said: "…"
            1 => {
                if first {
                    push_all(out, &[&who.full, ", ", &who.affiliation, ", said: \""]);
                } else {
                    push_all(out, &[who.last, " said: \""]);
                }
                self.sentence(rng, out, '.');
                out.push('"');
            }
            // "… . …," Example said.  (multi-sentence quote)
            _ => {
                out.push('"');
                self.sentence(rng, out, '.');
                out.push(' ');
                self.sentence(rng, out, ',');
                let name = if first { who.full.as_str() } else { who.last };
                push_all(out, &["\" ", name, " ", said, "."]);
            }
        }
        if rng.chance(0.5) {
            out.push(' ');
            self.sentence(rng, out, '.');
        }
    }

    /// A sentence of 8–27 words ending in `end`.
    fn sentence(&self, rng: &mut Rng, out: &mut String, end: char) {
        let n = rng.range(8, 27);
        let start = out.len();
        for i in 0..n {
            if i > 0 {
                out.push_str(if rng.chance(0.06) { ", " } else { " " });
            }
            if rng.chance(self.term_chance) {
                out.push_str(self.term(rng));
            } else {
                out.push_str(self.word(rng));
            }
        }
        // Capitalise in place; all generated words start with ASCII.
        out[start..start + 1].make_ascii_uppercase();
        out.push(end);
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let slot = rng.next_u64() >> (64 - ZIPF_BITS);
        &self.words[self.zipf[slot as usize] as usize]
    }

    fn term(&self, rng: &mut Rng) -> &'static str {
        let slot = rng.next_u64() >> (64 - TERM_BITS);
        DOMAIN_TERMS[self.terms[slot as usize] as usize].0
    }
}

/// A table of `2^bits` item indexes in which item `i` fills a share of slots
/// proportional to `weights[i]`; a uniform slot then samples by weight.
fn sampling_table(weights: &[f64], bits: u32) -> Vec<u16> {
    let size = 1usize << bits;
    let total: f64 = weights.iter().sum();
    let mut table = Vec::with_capacity(size);
    let mut cumulative = 0.0;
    for (i, w) in weights.iter().enumerate() {
        cumulative += w / total;
        let upto = ((cumulative * size as f64).round() as usize).min(size);
        table.resize(upto.max(table.len()), i as u16);
    }
    table.resize(size, (weights.len() - 1) as u16);
    table
}

fn title_case(word: &str, out: &mut String) {
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
}

fn push_all(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_reaches_target_size_and_has_headline() {
        let gen = TextGen::new();
        let mut out = String::new();
        gen.document(&mut Rng::new(1), 3000, &mut out);
        assert!(out.len() >= 3000);
        let headline = out.lines().next().unwrap();
        assert!(headline.chars().next().unwrap().is_uppercase());
        assert_eq!(out.lines().nth(1), Some(""), "blank line after headline");
    }

    #[test]
    fn same_seed_gives_same_text() {
        let gen = TextGen::new();
        let (mut a, mut b) = (String::new(), String::new());
        gen.document(&mut Rng::new(9), 2000, &mut a);
        gen.document(&mut Rng::new(9), 2000, &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn sampling_table_follows_weights() {
        let table = sampling_table(&[3.0, 1.0], 4);
        assert_eq!(table.len(), 16);
        assert_eq!(table.iter().filter(|i| **i == 0).count(), 12);
    }
}
