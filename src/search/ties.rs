//! Equal scores in a stable order. tantivy breaks ties by where a record
//! landed in the index (segment and row), which changes from one build to
//! the next; ties are put in the order of their document id and passage
//! instead, so the same query over the same corpus lists the same hits.

use std::collections::HashMap;

use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, Searcher};

/// Re-orders each run of equal scores in `top` (already sorted best first)
/// by document id, then passage number, then index address (quotes of one
/// passage). Only records that tie are looked up, in their fast fields.
pub fn order_ties(searcher: &Searcher, top: &mut [(f32, DocAddress)]) {
    let mut segments = Segments::default();
    let mut start = 0;
    while start < top.len() {
        let score = top[start].0;
        let end = start + top[start..].iter().take_while(|h| h.0 == score).count();
        if end - start > 1 {
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
