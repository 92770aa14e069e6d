//! Feedback from the best passages: they share words the query did not
//! use, and passages further down that hold those words are about the same
//! thing in other words. Their score gains a share of what those words
//! score there (pseudo-relevance feedback, after Lavrenko and Croft's
//! relevance model).

use std::collections::{HashMap, HashSet};

use tantivy::query::{BoostQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, Searcher};

use super::idf::Idf;
use super::{load, priors, scores_on, similar, sort_best_first};
use crate::analysis;
use crate::error::Result;
use crate::index::Fields;

/// How many of the best passages give their words. Tuned on the judged
/// questions and on Cranfield and CISI together (eval/README.md): 5 to 10
/// passages and 15 to 40 words do about as well; a larger share helps the
/// judged questions and starts to cost CISI.
pub const SOURCES: usize = 8;
/// How many of their words are searched for.
const FEEDBACK_WORDS: usize = 20;
/// At most what the feedback words add, as a share of the best score.
const FEEDBACK_SHARE: f32 = 0.3;

/// Re-scores `top` (best first) with the words its first passages share,
/// and re-sorts it, ties among the first `needed` in a stable order.
/// `query_stems` are the query's own words, which add nothing new.
pub fn expand(
    searcher: &Searcher,
    f: &Fields,
    query_stems: &HashSet<String>,
    top: &mut [(f32, DocAddress)],
    ranks: Option<&super::ties::DocRanks>,
    needed: usize,
) -> Result<()> {
    // When the best candidates are all there are, the words they share
    // say nothing about which of them are on the topic.
    if top.len() <= SOURCES {
        return Ok(());
    }
    let sources = &top[..SOURCES];
    let total: f32 = sources.iter().map(|(s, _)| s.max(0.0)).sum();
    if total <= 0.0 {
        return Ok(());
    }
    let mut idf = Idf::new(searcher, f.body);
    // P(word | relevant): each passage's word frequencies, weighed by its
    // share of the scores; and in how many passages each word is.
    let mut weight: HashMap<String, f32> = HashMap::new();
    let mut passages: HashMap<String, usize> = HashMap::new();
    for (score, address) in sources {
        let record = load(searcher, *address, f)?;
        let words = similar::words(&record.text, record.spin.is_some());
        if words.is_empty() {
            continue;
        }
        let mut counts: HashMap<String, f32> = HashMap::new();
        for w in &words {
            let stem = analysis::stem(w).unwrap_or_else(|| w.clone());
            *counts.entry(stem).or_default() += 1.0;
        }
        let length = words.len() as f32;
        for (stem, tf) in counts {
            *passages.entry(stem.clone()).or_default() += 1;
            *weight.entry(stem).or_default() += score.max(0.0) / total * tf / length;
        }
    }
    // Words of one passage only are its own business, not the topic's.
    let mut chosen: Vec<(String, f32, f32)> = weight
        .into_iter()
        .filter(|(stem, _)| passages[stem] >= 2 && !query_stems.contains(stem))
        .map(|(stem, p)| {
            let rarity = idf.idf(&stem);
            (stem, p, p * rarity)
        })
        .filter(|(_, _, w)| *w > 0.0)
        .collect();
    chosen.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    chosen.truncate(FEEDBACK_WORDS);
    let Some(heaviest) = chosen.iter().map(|c| c.1).reduce(f32::max) else {
        return Ok(());
    };
    // Scored word by word: each word's postings skip to the addresses,
    // where a union of all twenty walked every posting between them (a
    // sixth of a `speaker:lindqvist cyberspace` search in the server).
    let addresses: Vec<DocAddress> = top.iter().map(|(_, a)| *a).collect();
    let mut extra = vec![0.0; addresses.len()];
    for (stem, p, _) in &chosen {
        let term = TermQuery::new(
            Term::from_field_text(f.body, stem),
            IndexRecordOption::WithFreqs,
        );
        let word = BoostQuery::new(Box::new(term), p / heaviest);
        for (sum, score) in extra
            .iter_mut()
            .zip(scores_on(searcher, &word, &addresses)?)
        {
            *sum += score;
        }
    }
    let most = extra.iter().copied().fold(0.0, f32::max);
    let best = top.iter().map(|(s, _)| *s).fold(0.0, f32::max);
    if most <= 0.0 {
        return Ok(());
    }
    let priors = priors(searcher, addresses.iter().copied());
    for ((score, address), extra) in top.iter_mut().zip(extra) {
        let prior = priors.get(address).copied().unwrap_or(1.0);
        *score += FEEDBACK_SHARE * best * extra / most * prior;
    }
    sort_best_first(searcher, top, ranks, needed);
    Ok(())
}
