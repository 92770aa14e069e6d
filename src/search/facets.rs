//! Facets: how many passages matching a query fall under each kind,
//! source, year and speaker. Counted over every match, not over the hits
//! shown, from fast fields only (no stored passage is read), so a facet
//! count is the number of passages that clicking it leaves.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};

/// Values listed per facet, most passages first; the page shows fewer.
pub const FACET_VALUES: usize = 50;

/// Passage counts per facet value for one query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    /// Passages matching the query (every word, all filters).
    pub passages: u64,
    /// The document kinds, most passages first.
    pub kind: Vec<Count>,
    /// Sources as written; `None` for documents without one.
    pub source: Vec<Count>,
    /// Years of the document dates, newest first, `None` (undated) last.
    pub year: Vec<Count>,
    /// Speakers quoted in the passages; a passage quoting two counts for
    /// both, and one quoting nobody for neither.
    pub speaker: Vec<Count>,
}

/// One facet value and its passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub value: Option<String>,
    pub passages: u64,
}

/// Counts the passages `query` matches per facet value. `query` must
/// select passage records only (as `Compiled::strict_query` does).
pub fn count(searcher: &Searcher, query: &dyn Query) -> Result<Facets> {
    let tally = searcher
        .search(query, &FacetCollector)
        .map_err(Error::query_failed)?;
    let mut years: Vec<Count> = tally
        .years
        .into_iter()
        .map(|(year, passages)| Count {
            value: year.map(|y| y.to_string()),
            passages,
        })
        .collect();
    // Undated (`None`) sorts first ascending, so last when reversed.
    years.sort_by(|a, b| {
        let year = |c: &Count| c.value.as_ref().map(|v| v.parse::<u64>().unwrap_or(0));
        year(b).cmp(&year(a))
    });
    years.truncate(FACET_VALUES);
    Ok(Facets {
        passages: tally.passages,
        kind: most_first(tally.kind),
        source: most_first(one_per_spelling(tally.source)),
        year: years,
        speaker: most_first(tally.speaker),
    })
}

/// Sources written in several cases ("Gamma News", "gamma news") as one
/// value, as `--source` matches them: their counts added, under the
/// spelling with most passages.
fn one_per_spelling(counts: HashMap<Option<String>, u64>) -> HashMap<Option<String>, u64> {
    let mut groups: HashMap<Option<String>, Vec<(Option<String>, u64)>> = HashMap::new();
    for (value, n) in counts {
        let key = value.as_ref().map(|v| v.trim().to_lowercase());
        groups.entry(key).or_default().push((value, n));
    }
    groups
        .into_values()
        .map(|mut spellings| {
            let total = spellings.iter().map(|(_, n)| n).sum();
            spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (spellings.swap_remove(0).0, total)
        })
        .collect()
}

/// The [`FACET_VALUES`] values with most passages, ties by value.
fn most_first(counts: HashMap<Option<String>, u64>) -> Vec<Count> {
    let mut counts: Vec<Count> = counts
        .into_iter()
        .map(|(value, passages)| Count { value, passages })
        .collect();
    counts.sort_by(|a, b| {
        b.passages
            .cmp(&a.passages)
            .then_with(|| a.value.is_none().cmp(&b.value.is_none()))
            .then_with(|| a.value.cmp(&b.value))
    });
    counts.truncate(FACET_VALUES);
    counts
}

/// Counts by value across segments. Speakers have no `None`: a passage
/// quoting nobody is not a value anyone filters by.
#[derive(Default)]
struct Tally {
    passages: u64,
    kind: HashMap<Option<String>, u64>,
    source: HashMap<Option<String>, u64>,
    years: HashMap<Option<u64>, u64>,
    speaker: HashMap<Option<String>, u64>,
}

struct FacetCollector;

impl Collector for FacetCollector {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = reader.fast_fields();
        Ok(SegmentTally {
            passages: 0,
            kind: Strings::open(fast.str("kind")?),
            source: Strings::open(fast.str("source")?),
            speaker: Strings::open(fast.str("speaker")?),
            date: fast.u64("date_key").ok(),
            years: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, tallies: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::default();
        for t in tallies {
            all.passages += t.passages;
            for (into, from) in [
                (&mut all.kind, t.kind),
                (&mut all.source, t.source),
                (&mut all.speaker, t.speaker),
            ] {
                for (value, n) in from {
                    *into.entry(value).or_default() += n;
                }
            }
            for (year, n) in t.years {
                *all.years.entry(year).or_default() += n;
            }
        }
        Ok(all)
    }
}

struct SegmentTally {
    passages: u64,
    kind: Strings,
    source: Strings,
    speaker: Strings,
    date: Option<Column<u64>>,
    years: HashMap<Option<u64>, u64>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.passages += 1;
        self.kind.add(doc);
        self.source.add(doc);
        self.speaker.add(doc);
        // Keys are YYYYMMDD; an undated document has none.
        let year = self
            .date
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|k| k / 10_000);
        *self.years.entry(year).or_default() += 1;
    }

    fn harvest(self) -> Tally {
        let mut speaker = self.speaker.harvest();
        speaker.remove(&None);
        Tally {
            passages: self.passages,
            kind: self.kind.harvest(),
            source: self.source.harvest(),
            years: self.years,
            speaker,
        }
    }
}

/// Counts per term ordinal of a segment's string column, named only at
/// harvest: one pass over the dictionary instead of a lookup per passage.
struct Strings {
    column: Option<StrColumn>,
    counts: Vec<u64>,
    /// Passages without a value.
    none: u64,
}

impl Strings {
    fn open(column: Option<StrColumn>) -> Strings {
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Strings {
            column,
            counts: vec![0; terms],
            none: 0,
        }
    }

    fn add(&mut self, doc: DocId) {
        let mut any = false;
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                // Ordinals are below `num_terms`, the length of `counts`.
                if let Some(n) = self.counts.get_mut(ord as usize) {
                    *n += 1;
                    any = true;
                }
            }
        }
        if !any {
            self.none += 1;
        }
    }

    fn harvest(self) -> HashMap<Option<String>, u64> {
        let mut out = HashMap::new();
        if self.none > 0 {
            out.insert(None, self.none);
        }
        let Some(column) = self.column else {
            return out;
        };
        let ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|&o| self.counts[o as usize] > 0)
            .collect();
        let mut next = ords.iter();
        let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some(&ord) = next.next() {
                let value = String::from_utf8_lossy(bytes).into_owned();
                *out.entry(Some(value)).or_default() += self.counts[ord as usize];
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_written_in_two_cases_is_one_value() {
        let counts = HashMap::from([
            (Some("Gamma News".to_string()), 3),
            (Some("gamma news ".to_string()), 2),
            (Some("Delta".to_string()), 1),
            (None, 4),
        ]);
        let merged = one_per_spelling(counts);
        assert_eq!(merged.len(), 3);
        assert_eq!(merged[&Some("Gamma News".to_string())], 5);
        assert_eq!(merged[&None], 4);
    }
}
