//! Which segments tantivy merges, and when. Every segment costs each query
//! its own file mappings and term lookups (on the 1 GB bench corpus a
//! rare-word search took 5.7 ms on 8 segments, 3.3 ms on 4), so fewer
//! segments answer faster.
//!
//! Indexing follows [`Policy`]. A full build stops merging at its final
//! commit and then merges what is left, one merge per core
//! ([`leftover_groups`]), so that no last merge runs alone on one core.

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Segments with fewer records than this are what an update of a few
/// files writes; they are merged as soon as there are two of them.
const SMALL_SEGMENT_RECORDS: u32 = 20_000;

/// tantivy's default (log-size) policy, plus small segments merged as soon
/// as there are two. The default alone waits for eight of a size, so the
/// segments of up to seven small updates would linger. (Merging four large
/// segments at a time instead of eight left 6 segments instead of 8 at 1 GB
/// but cost 20% more indexing time and 350 MB more memory.)
#[derive(Debug, Default)]
pub struct Policy {
    log: LogMergePolicy,
}

impl MergePolicy for Policy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let (small, large): (Vec<&SegmentMeta>, Vec<&SegmentMeta>) = segments
            .iter()
            .partition(|s| s.num_docs() < SMALL_SEGMENT_RECORDS);
        let mut candidates = Vec::new();
        if small.len() >= 2 {
            let ids: Vec<SegmentId> = small.iter().map(|s| s.id()).collect();
            candidates.push(MergeCandidate(ids));
        }
        let large: Vec<SegmentMeta> = large.into_iter().cloned().collect();
        candidates.extend(self.log.compute_merge_candidates(&large));
        candidates
    }
}

/// Segments at least this large came out of a log-policy merge (of eight
/// freshly written segments of about 230,000 records) and stay as they are.
/// Merging them again, into one segment per core, would map all of a 1 GB
/// corpus's index at once: 1.6 GB resident, over our 1 GB budget.
const MERGED_SEGMENT_RECORDS: u32 = 500_000;

/// After a full build: the segments not merged yet (those written since the
/// log policy's last merge; on a 100 MB corpus, all four), as merges of
/// about equal size to run side by side: one per `cores`, but one in all
/// when the leftovers are small. Largest segment first, each to the
/// lightest group; groups of one segment need no merge and are left out.
pub fn leftover_groups(segments: &[SegmentMeta], cores: usize) -> Vec<Vec<SegmentId>> {
    let mut sorted: Vec<&SegmentMeta> = segments
        .iter()
        .filter(|s| s.num_docs() < MERGED_SEGMENT_RECORDS)
        .collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.num_docs()));
    let records: u64 = sorted.iter().map(|s| u64::from(s.num_docs())).sum();
    let groups = (records / u64::from(MERGED_SEGMENT_RECORDS / 2)).clamp(1, cores.max(1) as u64);
    let mut planned: Vec<(u64, Vec<SegmentId>)> = vec![(0, Vec::new()); groups as usize];
    for segment in sorted {
        let lightest = planned
            .iter_mut()
            .min_by_key(|(records, _)| *records)
            .expect("at least one group");
        lightest.0 += u64::from(segment.num_docs());
        lightest.1.push(segment.id());
    }
    planned
        .into_iter()
        .map(|(_, ids)| ids)
        .filter(|ids| ids.len() >= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metas(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    /// The sizes of the segments in each group, groups and sizes sorted.
    fn sizes(metas: &[SegmentMeta], groups: Vec<Vec<SegmentId>>) -> Vec<Vec<u32>> {
        let size_of = |id: &SegmentId| metas.iter().find(|m| m.id() == *id).unwrap().max_doc();
        let mut sizes: Vec<Vec<u32>> = groups
            .into_iter()
            .map(|ids| {
                let mut sizes: Vec<u32> = ids.iter().map(size_of).collect();
                sizes.sort_unstable();
                sizes
            })
            .collect();
        sizes.sort_unstable();
        sizes
    }

    fn candidates(records: &[u32]) -> Vec<Vec<u32>> {
        let segments = metas(records);
        let groups = Policy::default()
            .compute_merge_candidates(&segments)
            .into_iter()
            .map(|c| c.0)
            .collect();
        sizes(&segments, groups)
    }

    #[test]
    fn leftovers_end_in_one_balanced_merge_per_core() {
        let k = 1000;
        let fresh = metas(&[130 * k, 130 * k, 130 * k, 130 * k, 60 * k, 50 * k]);
        let groups = sizes(&fresh, leftover_groups(&fresh, 2));
        assert_eq!(
            groups,
            vec![
                vec![50 * k, 130 * k, 130 * k],
                vec![60 * k, 130 * k, 130 * k]
            ]
        );
        // Merged segments stay; small leftovers become one segment.
        let tails = metas(&[1_000 * k, 1_000 * k, 53 * k, 32 * k]);
        assert_eq!(
            sizes(&tails, leftover_groups(&tails, 2)),
            vec![vec![32 * k, 53 * k]]
        );
        let merged = metas(&[1_000 * k, 1_000 * k, 53 * k]);
        assert!(leftover_groups(&merged, 2).is_empty());
    }

    #[test]
    fn small_segments_merge_as_soon_as_there_are_two() {
        assert_eq!(candidates(&[500_000, 400_000, 12]), Vec::<Vec<u32>>::new());
        assert_eq!(candidates(&[500_000, 400_000, 12, 30]), vec![vec![12, 30]]);
    }

    #[test]
    fn large_segments_follow_the_log_policy() {
        let eight = [100_000; 8];
        assert_eq!(candidates(&eight), vec![vec![100_000; 8]]);
        assert_eq!(candidates(&eight[..7]), Vec::<Vec<u32>>::new());
    }
}
