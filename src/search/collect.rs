//! Every record a query matches, as addresses in index order. tantivy's
//! `DocSetCollector` gathers them into hash sets, which at 2 GB was a
//! third of listing 2.8 M quotes in document order; each segment's
//! matches arrive in ascending order, so a vector per segment, joined in
//! segment order, is already sorted.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Collects the address of every match, in index order.
pub struct Addresses;

impl Collector for Addresses {
    type Fruit = Vec<DocAddress>;
    type Child = SegmentAddresses;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentAddresses> {
        Ok(SegmentAddresses {
            segment,
            addresses: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, mut segments: Vec<Vec<DocAddress>>) -> tantivy::Result<Vec<DocAddress>> {
        segments.sort_by_key(|s| s.first().map(|a| a.segment_ord));
        Ok(segments.concat())
    }
}

pub struct SegmentAddresses {
    segment: SegmentOrdinal,
    addresses: Vec<DocAddress>,
}

impl SegmentCollector for SegmentAddresses {
    type Fruit = Vec<DocAddress>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.addresses.push(DocAddress::new(self.segment, doc));
    }

    fn harvest(self) -> Vec<DocAddress> {
        self.addresses
    }
}
