//! Equal scores in a stable order. tantivy breaks ties by where a record
//! landed in the index (segment and row), which changes from one build to
//! the next; ties are put in the order of their document id and passage
//! instead, so the same query over the same corpus lists the same hits.

use std::collections::HashMap;

use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, Searcher};

/// Re-orders each run of equal scores in `top` (already sorted best first)
/// that starts among the first `needed` by document id, then passage
/// number, then index address (quotes of one passage). Only records that
/// tie are looked up, in their fast fields, or in `ranks` when given:
/// opening the columns of every segment cost a search 2 to 4 ms at 1 GB, so runs
/// further down, which no one sees, are left as they are.
pub fn order_ties(
    searcher: &Searcher,
    top: &mut [(f32, DocAddress)],
    ranks: Option<&DocRanks>,
    needed: usize,
) {
    let mut segments = Segments::default();
    let mut start = 0;
    while start < top.len().min(needed) {
        let score = top[start].0;
        let end = start + top[start..].iter().take_while(|h| h.0 == score).count();
        if let (Some(ranks), true) = (ranks, end - start > 1) {
            top[start..end].sort_by_key(|&(_, address)| (ranks.key(address), address));
        } else if end - start > 1 {
            let keys = segments.keys(searcher, &top[start..end]);
            let mut keyed: Vec<_> = keys
                .into_iter()
                .zip(&top[start..end])
                .map(|(key, &(score, address))| (key, address, score))
                .collect();
            keyed.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
            for (slot, (_, address, score)) in top[start..end].iter_mut().zip(keyed) {
                *slot = (score, address);
            }
        }
        start = end;
    }
}

/// Each record's place in the order of document ids and passages, from
/// integers alone: for every segment, the rank of each of its `doc` terms
/// among the ids of the whole index, and its `passage` column. Reading a
/// term from a segment's dictionary costs a block read, which at 100 MB
/// was a fifth of a search; the server, whose index stays open, builds
/// this once per index it loads and orders ties without a dictionary
/// read.
pub struct DocRanks {
    segments: Vec<SegmentRanks>,
}

/// One segment's `doc` term ordinals and `passage` column, and the rank
/// of each of its `doc` terms.
struct SegmentRanks {
    ords: Option<Column<u64>>,
    passages: Option<Column<u64>>,
    ranks: Vec<u32>,
}

impl DocRanks {
    pub fn build(searcher: &Searcher) -> DocRanks {
        let mut ids: Vec<(Vec<u8>, u32, u64)> = Vec::new();
        let mut segments = Vec::new();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let fields = reader.fast_fields();
            let doc = fields.str("doc").ok().flatten();
            let terms = doc.as_ref().map_or(0, |d| d.num_terms());
            if let Some(mut stream) = doc.as_ref().and_then(|d| d.dictionary().stream().ok()) {
                let mut ord = 0;
                while stream.advance() {
                    ids.push((stream.key().to_vec(), segment as u32, ord));
                    ord += 1;
                }
            }
            let ords = doc.map(|d| d.ords().clone());
            segments.push(SegmentRanks {
                ords,
                passages: fields.u64("passage").ok(),
                ranks: vec![0; terms],
            });
        }
        ids.sort_unstable();
        let mut rank = 0u32;
        for i in 0..ids.len() {
            if i > 0 && ids[i].0 != ids[i - 1].0 {
                rank += 1;
            }
            let (_, segment, ord) = &ids[i];
            if let Some(slot) = segments[*segment as usize].ranks.get_mut(*ord as usize) {
                *slot = rank;
            }
        }
        DocRanks { segments }
    }

    /// The document id's rank and the passage number of the record at
    /// `address` (0 for what the index lacks).
    fn key(&self, address: DocAddress) -> (u32, u64) {
        let Some(segment) = self.segments.get(address.segment_ord as usize) else {
            return (0, 0);
        };
        let rank = segment
            .ords
            .as_ref()
            .and_then(|o| o.first(address.doc_id))
            .and_then(|ord| segment.ranks.get(ord as usize).copied())
            .unwrap_or(0);
        let passage = segment
            .passages
            .as_ref()
            .and_then(|p| p.first(address.doc_id))
            .unwrap_or(0);
        (rank, passage)
    }
}

/// The `doc` and `passage` columns of each segment, opened once: opening
/// a column reads its header, which costs more than the lookups.
#[derive(Default)]
struct Segments {
    open: HashMap<u32, (Option<StrColumn>, Option<Column<u64>>)>,
}

impl Segments {
    fn columns(
        &mut self,
        searcher: &Searcher,
        segment: u32,
    ) -> &(Option<StrColumn>, Option<Column<u64>>) {
        self.open.entry(segment).or_insert_with(|| {
            let fields = searcher.segment_reader(segment).fast_fields();
            (fields.str("doc").ok().flatten(), fields.u64("passage").ok())
        })
    }

    /// Each record's document id and passage number. The ids of one
    /// segment are read in one pass over its dictionary, a block read once.
    fn keys(&mut self, searcher: &Searcher, run: &[(f32, DocAddress)]) -> Vec<(String, u64)> {
        let mut ords: Vec<(Option<u64>, u64)> = Vec::with_capacity(run.len());
        let mut wanted: HashMap<u32, Vec<u64>> = HashMap::new();
        for &(_, address) in run {
            let (doc, passage) = self.columns(searcher, address.segment_ord);
            let ord = doc
                .as_ref()
                .and_then(|c| c.term_ords(address.doc_id).next());
            let passage = passage
                .as_ref()
                .and_then(|c| c.first(address.doc_id))
                .unwrap_or(0);
            if let Some(ord) = ord {
                wanted.entry(address.segment_ord).or_default().push(ord);
            }
            ords.push((ord, passage));
        }
        let mut names: HashMap<(u32, u64), String> = HashMap::new();
        for (segment, mut sorted) in wanted {
            sorted.sort_unstable();
            sorted.dedup();
            if let (Some(doc), _) = self.columns(searcher, segment) {
                let mut next = sorted.iter();
                let _ = doc.dictionary().sorted_ords_to_term_cb(&sorted, |bytes| {
                    if let Some(&ord) = next.next() {
                        names.insert((segment, ord), String::from_utf8_lossy(bytes).into_owned());
                    }
                });
            }
        }
        run.iter()
            .zip(ords)
            .map(|(&(_, address), (ord, passage))| {
                let name = ord
                    .and_then(|ord| names.get(&(address.segment_ord, ord)).cloned())
                    .unwrap_or_default();
                (name, passage)
            })
            .collect()
    }
}
