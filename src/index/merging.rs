//! Which segments tantivy merges, and when. Every segment costs each query
//! its own file mappings and term lookups (on the 1 GB bench corpus a
//! rare-word search took 5.7 ms on 8 segments, 3.3 ms on 4), so fewer
//! segments answer faster.
//!
//! Updates follow [`Policy`]. A full build follows [`FullBuild`], which
//! merges freshly written segments only, each record once, and merges what
//! is left when the writer is gone ([`final_groups`]). The log policy
//! would go on to merge merged segments while the build runs, and with one
//! final merge per core could leave 5 segments at 1 GB where this leaves 4.

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

/// Records a full build puts in each merged segment, about: what a
/// log-policy merge of eight freshly written segments used to make (on the
/// 1 GB bench corpus 1.45 M; now 1.64 M, as a merge starts once fresh
/// segments reach this many). Larger segments would mean fewer of them but
/// more memory per merge.
const FINAL_SEGMENT_RECORDS: u64 = 1_500_000;

/// A full build's policy: the freshly written segments are merged into one
/// as soon as they add up to [`FINAL_SEGMENT_RECORDS`], so that most of the
/// merging overlaps the indexing; [`final_groups`] merges the rest.
#[derive(Debug, Default)]
pub struct FullBuild;

impl MergePolicy for FullBuild {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let fresh: Vec<&SegmentMeta> = segments
            .iter()
            .filter(|s| u64::from(s.num_docs()) < FINAL_SEGMENT_RECORDS)
            .collect();
        let records: u64 = fresh.iter().map(|s| u64::from(s.num_docs())).sum();
        if records < FINAL_SEGMENT_RECORDS {
            return Vec::new();
        }
        vec![MergeCandidate(fresh.iter().map(|s| s.id()).collect())]
    }
}

/// After a full build: the segments not merged yet, in groups of about
/// equal size, each to become one segment of at most
/// [`FINAL_SEGMENT_RECORDS`] (on the 1 GB bench corpus, one of 460,000
/// records). Largest segment first, each to the lightest
/// group; groups of one segment need no merge and are left out.
pub fn final_groups(segments: &[SegmentMeta]) -> Vec<Vec<SegmentId>> {
    let mut sorted: Vec<&SegmentMeta> = segments
        .iter()
        .filter(|s| u64::from(s.num_docs()) < FINAL_SEGMENT_RECORDS)
        .collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.num_docs()));
    let records: u64 = sorted.iter().map(|s| u64::from(s.num_docs())).sum();
    let groups = records.div_ceil(FINAL_SEGMENT_RECORDS).max(1);
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
    fn a_full_build_ends_in_balanced_segments_of_at_most_the_final_size() {
        let k = 1000;
        // 5.4 M records, as the 1 GB bench corpus writes them: 4 segments.
        let mut fresh = vec![180 * k; 29];
        fresh.push(120 * k);
        let segments = metas(&fresh);
        let groups = sizes(&segments, final_groups(&segments));
        assert_eq!(groups.len(), 4);
        let totals: Vec<u32> = groups.iter().map(|g| g.iter().sum()).collect();
        assert!(totals.iter().all(|&t| t <= 1_500 * k), "{totals:?}");
        assert_eq!(totals.iter().sum::<u32>(), 29 * 180 * k + 120 * k);
        // A small corpus becomes one segment; one segment stays as it is.
        let small = metas(&[30 * k, 20 * k]);
        assert_eq!(
            sizes(&small, final_groups(&small)),
            vec![vec![20 * k, 30 * k]]
        );
        assert!(final_groups(&metas(&[30 * k])).is_empty());
    }

    #[test]
    fn a_full_build_merges_fresh_segments_once_they_make_a_final_one() {
        let k = 1000;
        let full_build = |records: &[u32]| {
            let segments = metas(records);
            let groups = FullBuild
                .compute_merge_candidates(&segments)
                .into_iter()
                .map(|c| c.0)
                .collect();
            sizes(&segments, groups)
        };
        assert!(full_build(&[1_600 * k, 700 * k, 700 * k]).is_empty());
        assert_eq!(
            full_build(&[1_600 * k, 700 * k, 700 * k, 100 * k]),
            vec![vec![100 * k, 700 * k, 700 * k]],
            "a merged segment is not merged again"
        );
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
