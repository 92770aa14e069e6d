//! Equal scores in a stable order. tantivy breaks ties by where a record
//! landed in the index (segment and row), which changes from one build to
//! the next; ties are put in the order of their document id and passage
//! instead, so the same query over the same corpus lists the same hits.

use tantivy::{DocAddress, Searcher};

/// Re-orders each run of equal scores in `top` (already sorted best first)
/// by document id, then passage number, then index address (quotes of one
/// passage). Only records that tie are looked up, in their fast fields.
pub fn order_ties(searcher: &Searcher, top: &mut [(f32, DocAddress)]) {
    let mut start = 0;
    while start < top.len() {
        let score = top[start].0;
        let end = start + top[start..].iter().take_while(|h| h.0 == score).count();
        if end - start > 1 {
            let mut keyed: Vec<_> = top[start..end]
                .iter()
                .map(|&(score, address)| (key(searcher, address), address, score))
                .collect();
            keyed.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
            for (slot, (_, address, score)) in top[start..end].iter_mut().zip(keyed) {
                *slot = (score, address);
            }
        }
        start = end;
    }
}

/// A record's document id and passage number, from its fast fields.
fn key(searcher: &Searcher, address: DocAddress) -> (String, u64) {
    let fields = searcher.segment_reader(address.segment_ord).fast_fields();
    let mut doc = String::new();
    if let Ok(Some(column)) = fields.str("doc") {
        if let Some(ord) = column.term_ords(address.doc_id).next() {
            let _ = column.ord_to_str(ord, &mut doc);
        }
    }
    let passage = fields
        .u64("passage")
        .ok()
        .and_then(|column| column.first(address.doc_id))
        .unwrap_or(0);
    (doc, passage)
}
