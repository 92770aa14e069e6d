//! A heading and its section swap places. When a heading matches and a
//! passage just under it matches too (through its own words or through the
//! heading's, which count for it as context) but ranks lower, the two
//! swap: the passage says what the section says, and its citation shows
//! the heading above it. The heading keeps a place, the passage's, so
//! nothing matching is lost and no count changes.

use std::collections::{HashMap, HashSet};

use tantivy::{DocAddress, Searcher};

use super::ties::{order_ties, DocRanks};
use crate::corpus::Role;
use crate::error::Result;
use crate::index::Fields;

/// The prior of a heading (see `index::prior`); a line repeating the title
/// has it too, but is a plain text's first line, its content.
const HEADING_PRIOR: f32 = 0.25;
/// How many paragraphs below a heading the passage may start: the first
/// paragraphs of the section, or of its first subsection.
const SECTION_REACH: u64 = 3;

/// Swaps each heading among the first `shown` of `top` (best first) with
/// the best-ranked passage below it in `top` that starts within
/// [`SECTION_REACH`] paragraphs under it in the same document and sits
/// under it; scores stay where they are. Candidates are found from fast
/// fields (a document's records share one segment, as they are indexed
/// together and segments merge whole); only headings shown and the
/// passages they would swap with are read.
pub fn put_sections_first(
    searcher: &Searcher,
    f: &Fields,
    top: &mut [(f32, DocAddress)],
    shown: usize,
    ranks: Option<&DocRanks>,
) -> Result<()> {
    let priors = super::priors(searcher, top.iter().map(|(_, a)| *a));
    let prior = |a: &DocAddress| priors.get(a).copied().unwrap_or(1.0);
    let shown = shown.min(top.len());
    let mut headings = HashMap::new();
    for (_, a) in &top[..shown] {
        if (prior(a) - HEADING_PRIOR).abs() < 1e-6 {
            let record = super::load(searcher, *a, f)?;
            if record.block == Role::Heading.name() {
                headings.insert(*a, record.text);
            }
        }
    }
    if headings.is_empty() {
        return Ok(());
    }
    // The passage a heading gives way to may come from anywhere in `top`,
    // so every run of ties is put in its stable order first.
    order_ties(searcher, top, ranks, top.len());
    let mut columns = HashMap::new();
    let mut place = |a: DocAddress| -> Option<(u64, u64)> {
        let (doc, paragraph) = columns.entry(a.segment_ord).or_insert_with(|| {
            let fast = searcher.segment_reader(a.segment_ord).fast_fields();
            (fast.str("doc").ok().flatten(), fast.u64("paragraph").ok())
        });
        let doc = doc.as_ref()?.term_ords(a.doc_id).next()?;
        Some((doc, paragraph.as_ref()?.first(a.doc_id)?))
    };
    let mut placed: Vec<Option<(u64, u64)>> = top.iter().map(|(_, a)| place(*a)).collect();
    let mut moved = HashSet::new();
    for h in 0..shown {
        let heading = top[h].1;
        let (Some(text), Some((doc, paragraph)), false) =
            (headings.get(&heading), placed[h], moved.contains(&h))
        else {
            continue;
        };
        for k in h + 1..top.len() {
            let a = top[k].1;
            let near = placed[k]
                .is_some_and(|(d, p)| d == doc && p > paragraph && p <= paragraph + SECTION_REACH);
            if !near
                || prior(&a) <= HEADING_PRIOR
                || a.segment_ord != heading.segment_ord
                || moved.contains(&k)
            {
                continue;
            }
            // Under this heading, not under a sibling's just below it.
            let path = super::load(searcher, a, f)?.heading.unwrap_or_default();
            if path.split(" › ").any(|h| h == text.trim()) {
                moved.extend([h, k]);
                top.swap(h, k);
                placed.swap(h, k);
                // The scores stay in their places.
                (top[h].0, top[k].0) = (top[k].0, top[h].0);
                break;
            }
        }
    }
    Ok(())
}
