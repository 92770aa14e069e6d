//! Building and refreshing the index from the corpus.
//!
//! A build compares the corpus with the manifest: files whose size, mtime
//! and catalog entry are unchanged are not read at all; the others are read
//! and hashed, and only those whose content or catalog entry really changed
//! are indexed again. Reading, cleaning, quote extraction and record
//! building run on one worker thread per core; tantivy tokenises on its own
//! threads. Everything lands in one commit, so a crash leaves the previous
//! index searchable. `--rebuild` builds into a fresh directory and swaps it
//! in only when complete.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tantivy::index::SegmentComponent;
use tantivy::indexer::NoMergePolicy;
use tantivy::schema::Term;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::PreTokenizedString;
use tantivy::{Index, IndexSettings, IndexWriter, TantivyDocument};

use super::in_flight::InFlight;
use super::manifest::{Commit, FileState, Manifest, Staging, Totals};
use super::schema::{self, build_schema, Fields};
use super::{freshness, live_dir, merging, prior, WriteLock};
use crate::analysis::{self, Mode};
use crate::corpus::{self, sections, Catalog, CorpusFile, Document, Listing, Paragraph};
use crate::error::{tantivy_reason, tantivy_text, Error, Result};
use crate::passage;
use crate::quotes::{self, Quote};
use crate::speakers::{self, Mention};
use crate::spin;

/// Spinner detection reads at most this much of a document: spinners
/// rewrite throughout, so the start is ample evidence, and a 50 MB report
/// costs no more than a short article.
const SPIN_SAMPLE_BYTES: usize = 256 * 1024;

/// Bytes of corpus files read ahead of tantivy at most (one file of any
/// size always passes): see [`InFlight`]. Small files are bounded by the
/// channel's count of files long before.
const IN_FLIGHT_BYTES: u64 = 16 * 1024 * 1024;

/// Memory tantivy may use for buffering, shared by its threads (bytes).
/// A full build's memory peaks at its commit, while both of tantivy's
/// threads serialise their last segments, so the peak follows this budget;
/// the final segment count does not (see [`merging::FullBuild`]). On the
/// 2 GB bench corpus (447,024 files), sampled every 0.5 s: 501 MB at the
/// peak with 192 MB, 451 MB with 160 MB, in about the same time.
const WRITER_HEAP_BYTES: usize = 160 * 1024 * 1024;

pub struct BuildOptions<'a> {
    pub corpus: &'a Path,
    pub index: &'a Path,
    /// Start over instead of updating.
    pub rebuild: bool,
    /// Check every file of the existing index (its checksum, and that
    /// tantivy can open it) and rebuild when one is damaged. This reads
    /// the whole index once, so `accord index` does it and the refresh
    /// before a search does not.
    pub verify: bool,
    /// Draw a progress bar (on a terminal).
    pub progress: bool,
}

/// What a build did and what the index now holds.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub passages: usize,
    pub quotes: usize,
    /// Files read and indexed anew by this build.
    pub indexed: usize,
    pub removed: usize,
    /// Files that gave no documents, with the reason, in the whole corpus.
    pub skipped: Vec<(String, String)>,
    /// Problems met in the files this build read.
    pub warnings: Vec<(String, String)>,
    /// Documents flagged as machine-paraphrased, in the whole corpus.
    pub spun: Vec<String>,
    pub elapsed: Duration,
    /// Time accord's own stages took, summed over the worker threads.
    pub stages: StageTimes,
    /// Segments the index now has: each costs every query its own lookups.
    pub segments: usize,
    /// Something the user should know about how the build went (a lost
    /// manifest forced a full rebuild), one line.
    pub notice: Option<String>,
}

/// CPU time spent in each of accord's own indexing stages, summed over
/// worker threads. tantivy's tokenising and inverting run on threads of
/// their own and are not counted here.
#[derive(Debug, Default, Clone, Copy)]
pub struct StageTimes {
    /// Reading, hashing, format extraction and cleaning.
    pub reading: Duration,
    pub quotes: Duration,
    pub spin: Duration,
    /// Passage splitting and building index records.
    pub records: Duration,
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, other: StageTimes) {
        self.reading += other.reading;
        self.quotes += other.quotes;
        self.spin += other.spin;
        self.records += other.records;
    }
}

/// Measures the CPU time of the calling thread. Stages are timed in it
/// rather than wall time: with more busy threads than cores, wall time also
/// counts the waits for a core (at 1 GB, "reading" took 97 s of wall time
/// and about 25 s of CPU).
struct CpuStopwatch(Duration);

impl CpuStopwatch {
    fn start() -> CpuStopwatch {
        CpuStopwatch(thread_cpu_time())
    }

    fn elapsed(&self) -> Duration {
        thread_cpu_time().saturating_sub(self.0)
    }
}

#[cfg(unix)]
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid place for the result, and the clock id is
    // one every supported Unix has.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

/// Elsewhere, wall time: stage times then include waits for a core.
#[cfg(not(unix))]
fn thread_cpu_time() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The files a build must look at: changed or new by their metadata, and
/// those gone from the corpus.
struct Plan {
    listing: Listing,
    catalog: Catalog,
    manifest: Manifest,
    suspect: Vec<usize>,
    removed: Vec<String>,
}

impl Plan {
    /// Every file, for a fresh index.
    fn everything(listing: Listing, catalog: Catalog) -> Plan {
        Plan {
            suspect: (0..listing.files.len()).collect(),
            listing,
            catalog,
            manifest: Manifest::default(),
            removed: Vec::new(),
        }
    }

    /// Compares the corpus with `manifest` (what the index holds) without
    /// reading any file's content.
    fn compare(listing: Listing, catalog: Catalog, manifest: Manifest) -> Plan {
        let files = &listing.files;
        let suspect = files
            .iter()
            .enumerate()
            .filter(|(_, f)| match manifest.files.get(&f.rel) {
                Some(state) => {
                    state.unreadable
                        || state.size != f.size
                        || state.mtime != f.mtime
                        || state.catalog != catalog_hash(&catalog, &f.rel)
                }
                None => true,
            })
            .map(|(i, _)| i)
            .collect();
        let removed = manifest
            .files
            .keys()
            .filter(|rel| files.binary_search_by(|f| f.rel.as_str().cmp(rel)).is_err())
            .cloned()
            .collect();
        Plan {
            listing,
            catalog,
            manifest,
            suspect,
            removed,
        }
    }

    fn is_empty(&self) -> bool {
        self.suspect.is_empty() && self.removed.is_empty()
    }
}

/// Brings the index up to date with the corpus (or rebuilds it).
pub fn build(opts: &BuildOptions) -> Result<Summary> {
    let started = Instant::now();
    let listing = corpus::list_files(opts.corpus, opts.index)?;
    if listing.files.is_empty() {
        return Err(Error::Corpus(format!(
            "corpus {} has no documents; add .txt, .md, .html, .pdf, .docx, .odt or .eml files to it",
            opts.corpus.display()
        )));
    }
    let catalog = Catalog::load(opts.corpus)?;
    let _lock = WriteLock::acquire(opts.index)?;
    let live = live_dir(opts.index);
    let mut summary = Summary {
        warnings: catalog.problems(&listing.files),
        ..Summary::default()
    };
    let mut existing = None;
    if !opts.rebuild && super::exists(opts.index) {
        let index = super::open_dir(&live)?;
        let damage = if opts.verify { damage(&index) } else { None };
        match committed_manifest(&index, &live)? {
            Some(_) if damage.is_some() => {
                summary.notice = Some(format!(
                    "index {} is damaged ({}); rebuilding the index from the corpus",
                    live.display(),
                    damage.unwrap_or_default()
                ))
            }
            Some(manifest) => existing = Some((super::open_dir_for_building(&live)?, manifest)),
            // Updating without knowing what the index holds would add
            // every file a second time.
            None => {
                summary.notice = Some(format!(
                    "index {} holds documents but its manifest.json is missing or damaged; \
                     rebuilding the index from the corpus",
                    live.display()
                ))
            }
        }
    }
    let rebuild = existing.is_none();
    let (index, target, mut plan) = match existing {
        Some((index, manifest)) => (
            index,
            live.clone(),
            Plan::compare(listing, catalog, manifest),
        ),
        None => {
            let staging = opts.index.join(format!("v{}.new", schema::SCHEMA_VERSION));
            remove_any(&staging);
            let created = std::fs::create_dir_all(&staging)
                .map_err(|e| Error::io(&staging, e))
                .and_then(|()| create_index(&staging));
            match created {
                Ok(index) => (index, staging, Plan::everything(listing, catalog)),
                Err(e) => return Err(undo(e, &staging, None, opts.index)),
            }
        }
    };
    let fields = build_schema().1;
    let totals = if !plan.is_empty() || rebuild {
        let written = write_changes(
            &index,
            &target,
            &mut plan,
            &fields,
            rebuild,
            opts.progress,
            &mut summary,
        );
        match written {
            Ok(totals) => totals,
            Err(e) => {
                let kept = (!rebuild).then_some(&index);
                return Err(undo(e, &target, kept, opts.index));
            }
        }
    } else {
        Totals::of(&plan.manifest)
    };
    summary.segments = index
        .searchable_segment_metas()
        .map_err(|e| Error::tantivy(&target, e))?
        .len();
    let unreadable: Vec<&str> = totals.unreadable.iter().map(String::as_str).collect();
    freshness::record(&target, opts.corpus, &plan.listing, &unreadable);
    share_like_manifest(&target);
    if rebuild {
        swap_in(&target, &live)?;
    }
    remove_other_versions(opts.index);

    summary.files = totals.files;
    summary.documents = totals.documents;
    summary.passages = totals.passages;
    summary.quotes = totals.quotes;
    summary.skipped = totals.skipped;
    summary.spun = totals.spun;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Indexes the plan's files and removes its removed ones in `target`, in
/// one commit; then merges and makes the new manifest and speaker table
/// live. What the files of the new manifest add up to.
fn write_changes(
    index: &Index,
    target: &Path,
    plan: &mut Plan,
    fields: &Fields,
    rebuild: bool,
    progress: bool,
    summary: &mut Summary,
) -> Result<Totals> {
    let threads = cores();
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, WRITER_HEAP_BYTES)
        .map_err(|e| Error::tantivy(target, e))?;
    if rebuild {
        writer.set_merge_policy(Box::new(merging::FullBuild));
    } else {
        writer.set_merge_policy(Box::new(merging::Policy::default()));
    }
    for rel in &plan.removed {
        writer.delete_term(Term::from_field_text(fields.file, rel));
        plan.manifest.files.remove(rel);
        summary.removed += 1;
    }
    let mut speakers = speakers::Joiner::default();
    // A fresh build writes each file's state as it comes (in order of
    // path) and keeps none of them; an update keeps them to add to the
    // manifest it loaded.
    let mut staging = if rebuild {
        Some(Staging::create(target)?)
    } else {
        None
    };
    let mut states = Vec::new();
    index_files(
        plan,
        fields,
        &writer,
        target,
        progress,
        summary,
        |i, state| match staging.as_mut() {
            Some(staging) => {
                let rel = &plan.listing.files[i].rel;
                join_mentions(&mut speakers, rel, &state);
                staging.add(rel, &state)
            }
            None => {
                states.push((i, state));
                Ok(())
            }
        },
    )?;
    let (payload, totals) = match staging {
        Some(staging) => staging.finish()?,
        None => {
            for (i, state) in states {
                let rel = plan.listing.files[i].rel.clone();
                plan.manifest.files.insert(rel, state);
            }
            for (rel, state) in &plan.manifest.files {
                join_mentions(&mut speakers, rel, state);
            }
            plan.manifest.stage(target)?
        }
    };
    if rebuild {
        // What is left merges once the writer's buffers are gone.
        writer.set_merge_policy(Box::new(NoMergePolicy));
    }
    let mut commit = writer
        .prepare_commit()
        .map_err(|e| Error::tantivy(target, e))?;
    commit.set_payload(&payload);
    commit.commit().map_err(|e| Error::tantivy(target, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| Error::tantivy(target, e))?;
    if rebuild {
        merge_for_search(index, threads).map_err(|e| Error::tantivy(target, e))?;
    }
    Manifest::publish(target)?;
    // After the commit: a table left stale by a crash here names the
    // previous manifest, so readers join the new one themselves.
    let hash = Commit::parse(&payload)
        .expect("Manifest staging makes a payload Commit parses")
        .manifest;
    speakers.into_table(&hash).save(target)?;
    Ok(totals)
}

fn join_mentions(speakers: &mut speakers::Joiner, rel: &str, state: &FileState) {
    for m in &state.speakers {
        speakers.add(rel, m);
    }
}

/// Cleans up after a build of `target` failed with `err`, and says what
/// happened: a fresh build (`kept` is `None`) is removed whole; an update
/// of the live index loses every file its last commit does not use, and
/// the manifest that goes with that commit is made live. The index is then
/// what it was before (or, when the failure came after the commit, the
/// update is kept whole). A full disk is named as such, with what to do.
fn undo(err: Error, target: &Path, kept: Option<&Index>, root: &Path) -> Error {
    // Before the clean-up frees space again.
    let full = is_disk_full(&err, target);
    let outcome = match kept {
        None => {
            remove_any(target);
            "the new index was removed and the index is as it was"
        }
        Some(index) => match drop_uncommitted(index, target) {
            false => "the update was undone and the index is as it was",
            true => "the update was saved, but not yet tidied",
        },
    };
    if !full {
        return err;
    }
    Error::DiskFull(format!(
        "disk full: no space left on the device of index {}, {}; free some space \
         (or put the index elsewhere with --index) and run `accord index` again",
        root.display(),
        outcome
    ))
}

/// Whether `err` came from a full disk (or quota): the system says so, or
/// the index's file system has next to nothing left (tantivy's indexing
/// threads report only that they died).
fn is_disk_full(err: &Error, dir: &Path) -> bool {
    const NEXT_TO_NOTHING: u64 = 1 << 20;
    let text = err.to_string();
    text.contains(&format!("(os error {})", libc::ENOSPC))
        || text.contains(&format!("(os error {})", libc::EDQUOT))
        || free_bytes(dir).is_some_and(|free| free < NEXT_TO_NOTHING)
}

/// Bytes an unprivileged user may still write on the file system of `dir`.
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: a zeroed statvfs is a valid place for the result, and `path`
    // is NUL-terminated and outlives the call.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(path.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    #[allow(clippy::unnecessary_cast)] // the field types differ by platform
    Some(stat.f_bavail as u64 * stat.f_frsize as u64)
}

/// Removes from the index in `dir` every segment file its last commit does
/// not use (segments written or merged by a failed update), and settles
/// the manifest on that commit's. Another accord process is kept out by
/// the write lock; searches only open what a commit names. Whether the
/// failed update had been committed.
fn drop_uncommitted(index: &Index, dir: &Path) -> bool {
    let Ok(metas) = index.load_metas() else {
        return false;
    };
    let live: HashSet<String> = metas
        .segments
        .iter()
        .map(|s| s.id().uuid_string())
        .collect();
    let used_deletes: HashSet<PathBuf> = metas
        .segments
        .iter()
        .filter(|s| s.has_deletes())
        .map(|s| s.relative_path(SegmentComponent::Delete))
        .collect();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((id, ext)) = name.split_once('.') else {
            continue;
        };
        let segment_file = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
        let used =
            live.contains(id) && (!ext.ends_with("del") || used_deletes.contains(Path::new(name)));
        if segment_file && !used {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    share_like_manifest(dir);
    Manifest::settle(dir, metas.payload.as_deref())
}

/// A new, empty index in `dir`.
fn create_index(dir: &Path) -> Result<Index> {
    // zstd stores the passage texts in about a third less space than
    // tantivy's default lz4; only the few documents shown are ever
    // decompressed, so searches do not feel it. Level 1 rather than 3:
    // 5% less indexing work for 0.6% more index.
    let settings = IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        ..IndexSettings::default()
    };
    let index = super::directory::Tolerant::for_building(dir)
        .and_then(|directory| Index::create(directory, build_schema().0, settings))
        .map_err(|e| Error::tantivy(dir, e))?;
    analysis::register(&index);
    Ok(index)
}

/// What the index open in `dir` holds, by the manifest its last commit
/// names; `None` when that manifest is lost while the index holds
/// documents. An index without documents holds nothing to double, so an
/// empty manifest serves.
fn committed_manifest(index: &Index, dir: &Path) -> Result<Option<Manifest>> {
    let payload = index
        .load_metas()
        .map_err(|e| Error::tantivy(dir, e))?
        .payload;
    if let Some(manifest) = Manifest::load(dir, payload.as_deref()) {
        return Ok(Some(manifest));
    }
    let documents: u64 = index
        .searchable_segment_metas()
        .map_err(|e| Error::tantivy(dir, e))?
        .iter()
        .map(|m| u64::from(m.num_docs()))
        .sum();
    Ok((documents == 0).then(Manifest::default))
}

/// What is wrong with `index`, if anything: a file of its segments that
/// fails its checksum (cut short, overwritten), or one tantivy cannot open.
/// Reads every file of the index once.
fn damage(index: &Index) -> Option<String> {
    match index.validate_checksum() {
        Err(e) => return Some(tantivy_reason(&e)),
        Ok(files) => {
            if let Some(file) = files.iter().min() {
                return Some(format!("{} fails its checksum", file.display()));
            }
        }
    }
    let reader = match index.reader() {
        Ok(reader) => reader,
        Err(e) => return Some(tantivy_reason(&e)),
    };
    let searcher = reader.searcher();
    searcher
        .segment_readers()
        .iter()
        .find_map(|segment| segment.get_store_reader(0).err())
        .map(|e| tantivy_text(&e))
}

/// Gives tantivy's `meta.json` and `.managed.json` the permissions of the
/// manifest beside them. tantivy writes both through a temporary file,
/// readable by its owner only, so an index built by one user could not be
/// searched by another even where every other file of it can be read.
/// Best effort: an index only its owner reads works as before.
fn share_like_manifest(dir: &Path) {
    let Ok(manifest) = std::fs::metadata(dir.join(super::manifest::FILE_NAME)) else {
        return;
    };
    for name in ["meta.json", ".managed.json"] {
        let _ = std::fs::set_permissions(dir.join(name), manifest.permissions());
    }
}

/// Removes whatever is at `path`, folder or file; what cannot be removed
/// shows up in the step that needs the name.
fn remove_any(path: &Path) {
    if std::fs::remove_dir_all(path).is_err() {
        let _ = std::fs::remove_file(path);
    }
}

/// Threads for each kind of indexing work (reading files, tantivy's
/// indexing, merging): one per core, at most 8.
fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8)
}

/// Merges the segments of a full build into few (see
/// [`merging::final_groups`]), `threads` merges side by side.
fn merge_for_search(index: &Index, threads: usize) -> tantivy::Result<()> {
    let groups = merging::final_groups(&index.searchable_segment_metas()?);
    if groups.is_empty() {
        return Ok(());
    }
    // A merge needs no indexing memory: tantivy's minimum will do.
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for wave in groups.chunks(threads.max(1)) {
        let merges: Vec<_> = wave.iter().map(|ids| writer.merge(ids)).collect();
        for merge in merges {
            merge.wait()?;
        }
    }
    writer.wait_merging_threads()
}

/// Reads the plan's suspect files on worker threads and feeds their records
/// to the writer; hands the new manifest state of each (with its index in
/// the listing) to `state`, in the plan's order.
fn index_files(
    plan: &Plan,
    fields: &Fields,
    writer: &IndexWriter,
    target: &Path,
    progress: bool,
    summary: &mut Summary,
    mut state: impl FnMut(usize, FileState) -> Result<()>,
) -> Result<()> {
    let total_bytes: u64 = plan
        .suspect
        .iter()
        .map(|&i| plan.listing.files[i].size)
        .sum();
    let bar = progress_bar(progress && total_bytes > 4 * 1024 * 1024, total_bytes);
    let next = AtomicUsize::new(0);
    let workers = cores();
    let (tx, rx) = mpsc::sync_channel::<(usize, Processed)>(workers * 4);
    let in_flight = InFlight::new(IN_FLIGHT_BYTES);
    // States that came before those of files still being read, by their
    // place in the plan: only a few, as workers take files in order.
    let mut waiting: BTreeMap<usize, FileState> = BTreeMap::new();
    let mut next_state = 0;
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            let in_flight = &in_flight;
            scope.spawn(move || loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some(&i) = plan.suspect.get(n) else { break };
                if !in_flight.acquire(plan.listing.files[i].size) {
                    break;
                }
                let previous = plan.manifest.files.get(&plan.listing.files[i].rel);
                let file = &plan.listing.files[i];
                let path = plan.listing.path_of(file);
                let processed = process_file(file, &path, previous, &plan.catalog, fields);
                if tx.send((n, processed)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // However this loop ends, workers waiting to read must not wait on.
        let _closing = CloseOnDrop(&in_flight);
        for (n, processed) in rx {
            let file = &plan.listing.files[plan.suspect[n]];
            bar.inc(file.size);
            summary.stages += processed.times;
            for w in processed.warnings {
                summary.warnings.push((file.rel.clone(), w));
            }
            if let (Some(reason), Some(_)) = (&processed.state.skipped, &processed.records) {
                summary
                    .warnings
                    .push((file.rel.clone(), format!("skipped: {reason}")));
            }
            if let Some(records) = processed.records {
                // Only files indexed before have records to replace; every
                // delete is kept and applied to each new segment, which on a
                // fresh build of 200,000 files cost gigabytes.
                if plan.manifest.files.contains_key(&file.rel) {
                    writer.delete_term(Term::from_field_text(fields.file, &file.rel));
                }
                for record in records {
                    writer
                        .add_document(record)
                        .map_err(|e| Error::tantivy(target, e))?;
                }
                summary.indexed += 1;
            }
            in_flight.release(file.size);
            waiting.insert(n, processed.state);
            while let Some(next) = waiting.remove(&next_state) {
                state(plan.suspect[next_state], next)?;
                next_state += 1;
            }
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok(())
}

/// Closes an [`InFlight`] when dropped.
struct CloseOnDrop<'a>(&'a InFlight);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// The outcome of looking at one suspect file.
struct Processed {
    state: FileState,
    /// `None` when the content turned out unchanged (only its mtime moved).
    records: Option<Vec<TantivyDocument>>,
    warnings: Vec<String>,
    times: StageTimes,
}

fn process_file(
    file: &CorpusFile,
    path: &Path,
    previous: Option<&FileState>,
    catalog: &Catalog,
    fields: &Fields,
) -> Processed {
    let mut warnings = Vec::new();
    let catalog_fp = catalog_hash(catalog, &file.rel);
    let mut state = FileState {
        size: file.size,
        mtime: file.mtime,
        hash: String::new(),
        catalog: catalog_fp,
        documents: 0,
        passages: 0,
        quotes: 0,
        skipped: None,
        unreadable: false,
        spun: Vec::new(),
        speakers: Vec::new(),
    };
    let started = CpuStopwatch::start();
    let skip = |mut state: FileState, reason: String, warnings: Vec<String>| {
        state.skipped = Some(reason);
        Processed {
            state,
            records: Some(Vec::new()),
            warnings,
            times: StageTimes {
                reading: started.elapsed(),
                ..StageTimes::default()
            },
        }
    };
    if file.size > corpus::MAX_FILE_BYTES {
        let reason = format!(
            "file of {} MB is larger than the {} MB limit",
            file.size >> 20,
            corpus::MAX_FILE_BYTES >> 20
        );
        return skip(state, reason, warnings);
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            state.unreadable = true;
            return skip(state, format!("cannot read: {e}"), warnings);
        }
    };
    state.hash = content_hash(&bytes);
    if let Some(prev) = previous {
        if prev.hash == state.hash && prev.catalog == state.catalog {
            return Processed {
                state: FileState {
                    mtime: file.mtime,
                    ..prev.clone()
                },
                records: None,
                warnings,
                times: StageTimes {
                    reading: started.elapsed(),
                    ..StageTimes::default()
                },
            };
        }
    }
    let documents = match corpus::read_documents(file, &bytes, catalog, &mut warnings) {
        Ok(documents) => documents,
        Err(corpus::Skipped(reason)) => return skip(state, reason, warnings),
    };
    let mut times = StageTimes {
        reading: started.elapsed(),
        ..StageTimes::default()
    };
    let mut records = Vec::new();
    for doc in &documents {
        let built = document_records(doc, fields, &mut times);
        state.documents += 1;
        state.passages += built.passages;
        state.quotes += built.quotes;
        if built.spun {
            state.spun.push(doc.id.clone());
        }
        state.speakers.extend(built.speakers);
        records.extend(built.records);
    }
    Processed {
        state,
        records: Some(records),
        warnings,
        times,
    }
}

/// 128 bits of blake3, in hex: plenty to tell versions of a file apart,
/// and half the manifest space of the full hash.
fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_string()
}

fn catalog_hash(catalog: &Catalog, rel: &str) -> String {
    // Most files have no entry: hash the empty text once, not per file.
    static NO_ENTRY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| hash_text(""));
    match catalog.fingerprint(rel) {
        text if text.is_empty() => NO_ENTRY.clone(),
        text => hash_text(&text),
    }
}

fn hash_text(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..16].to_string()
}

struct Built {
    records: Vec<TantivyDocument>,
    passages: usize,
    quotes: usize,
    spun: bool,
    /// Who the quotes indexed are credited to.
    speakers: Vec<Mention>,
}

/// The passage and quote records of one document; adds the time each
/// stage took to `times`.
fn document_records(doc: &Document, f: &Fields, times: &mut StageTimes) -> Built {
    let started = CpuStopwatch::start();
    let (text, spans) = passage::document_text(&doc.paragraphs);
    let quotes = quotes::extract_quotes(&text);
    let quoting = started.elapsed();
    let spin_score = spin::spun_score(sample(&text, SPIN_SAMPLE_BYTES));
    let spinning = started.elapsed() - quoting;
    times.quotes += quoting;
    times.spin += spinning;
    let passages = passage::split(&text, &doc.paragraphs, &spans);
    let spun = spin_score.is_some();
    let sections = sections::heading_paths(&doc.paragraphs, &doc.title);

    let base = |record: &str| {
        let mut d = TantivyDocument::default();
        d.add_text(f.record, record);
        d.add_text(f.doc, &doc.id);
        d.add_text(f.doc_key, doc.id.to_lowercase());
        d.add_text(f.file, &doc.file);
        d.add_text(f.title, &doc.title);
        d.add_text(f.title_exact, &doc.title);
        d.add_text(f.kind, &doc.kind);
        if let Some(source) = &doc.meta.source {
            d.add_text(f.source, source);
            d.add_text(f.source_key, source.to_lowercase());
        }
        if let Some(date) = &doc.meta.date {
            d.add_text(f.date, date.to_string());
            d.add_u64(f.date_key, date.key());
        }
        if let Some(url) = &doc.meta.url {
            d.add_text(f.url, url);
        }
        if let Some(author) = &doc.meta.author {
            d.add_text(f.author, author);
        }
        d.add_f64(f.spin, spin_score.map_or(0.0, f64::from));
        d
    };
    // `views` is `f` for passages and `f.quote_view()` for quotes.
    let add_body = |d: &mut TantivyDocument, body: &str, views: &Fields| {
        d.add_text(f.text, body);
        d.add_text(views.body, body);
        d.add_text(views.exact, body);
        if spun {
            // tantivy stores pre-tokenized values as JSON inside the
            // document, which is slow: keep them to the rare spun passages.
            let restored = spin::restore(&analysis::tokenize(body, Mode::Index));
            d.add_pre_tokenized_text(views.restored, pre_tokenized(analysis::stemmed(&restored)));
            d.add_pre_tokenized_text(views.restored_exact, pre_tokenized(restored));
        }
    };
    let quote_fields = f.quote_view();
    let passage_of = |offset: usize| {
        passages
            .partition_point(|p| p.end <= offset)
            .min(passages.len().saturating_sub(1))
    };
    let mut records = Vec::with_capacity(passages.len() + quotes.len());
    // A quote is indexed when it lies in a passage; the speaker table
    // counts exactly those.
    let indexed = |q: &&Quote| passages.get(passage_of(q.start)).is_some();
    let mentions = speakers::mentions(&doc.file, &doc.id, quotes.iter().filter(indexed));
    for p in &passages {
        let mut d = base(schema::PASSAGE);
        add_location(
            &mut d,
            f,
            p,
            &doc.paragraphs[p.paragraph - 1],
            p.start,
            p.end,
        );
        let body = &text[p.start..p.end];
        add_body(&mut d, body, f);
        let headings = &sections[p.paragraph - 1];
        add_context(
            &mut d,
            f,
            &doc.title,
            headings,
            question_before(&doc.paragraphs, p.paragraph - 1),
        );
        let role = doc.paragraphs[p.paragraph - 1].role;
        d.add_f64(
            f.prior,
            f64::from(prior::prior(body, role, headings, &doc.title)),
        );
        // Each speaker and role once, however often they speak here.
        let (mut names, mut roles) = (Vec::new(), Vec::new());
        for q in quotes.iter().filter(|q| q.start < p.end && q.end > p.start) {
            if let Some(name) = speaker_name(q).filter(|n| !names.contains(n)) {
                names.push(name);
                d.add_text(f.speaker, name);
                add_speaker_key(&mut d, f, q);
            }
            if let Some(role) = q.role.as_deref().filter(|r| !roles.contains(r)) {
                roles.push(role);
                d.add_text(f.role, role);
            }
        }
        records.push(d);
    }
    for q in &quotes {
        let Some(p) = passages.get(passage_of(q.start)) else {
            continue;
        };
        let mut d = base(schema::QUOTE);
        add_location(
            &mut d,
            f,
            p,
            &doc.paragraphs[p.paragraph - 1],
            q.start,
            q.end,
        );
        add_body(&mut d, &q.text, &quote_fields);
        add_context(
            &mut d,
            &quote_fields,
            &doc.title,
            &sections[p.paragraph - 1],
            question_before(&doc.paragraphs, p.paragraph - 1),
        );
        if let Some(name) = speaker_name(q) {
            d.add_text(f.speaker, name);
        }
        add_speaker_key(&mut d, f, q);
        if let Some(role) = &q.role {
            d.add_text(f.role, role);
        }
        if let Some(surface) = &q.surface {
            d.add_text(f.surface, surface);
        }
        d.add_bool(f.resolved, q.resolved);
        d.add_text(f.quote_kind, q.kind.as_str());
        d.add_text(f.speaker_type, q.speaker_type.as_str());
        if let Some(sentence) = &q.sentence {
            d.add_text(f.sentence, sentence);
        }
        records.push(d);
    }
    times.records += started.elapsed() - quoting - spinning;
    Built {
        records,
        passages: passages.len(),
        quotes: quotes.len(),
        spun,
        speakers: mentions,
    }
}

/// The question paragraph `index` answers: the paragraph just before it,
/// when that one asks (see [`prior::asks`]) and this one does not.
fn question_before(paragraphs: &[Paragraph], index: usize) -> Option<&str> {
    let before = paragraphs.get(index.checked_sub(1)?)?;
    let this = paragraphs.get(index)?;
    (prior::asks(&before.text, before.role) && !prior::asks(&this.text, this.role))
        .then_some(before.text.as_str())
}

/// The first `limit` bytes of `text` (cut back to a char boundary).
fn sample(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A field value from tokens made by our analyzer. The text itself is not
/// needed: these fields are indexed, not stored.
fn pre_tokenized(tokens: Vec<analysis::Token>) -> PreTokenizedString {
    PreTokenizedString {
        text: String::new(),
        tokens: analysis::to_tantivy(tokens),
    }
}

/// The name to show and search for a quote's speaker: the resolved full
/// name, else the form written in the text.
fn speaker_name(q: &Quote) -> Option<&str> {
    q.speaker.as_deref().or(q.surface.as_deref())
}

/// The key `--speaker` and `speakers` match a quote's speaker on; see
/// [`speakers::speaker_key`].
fn add_speaker_key(d: &mut TantivyDocument, f: &Fields, q: &Quote) {
    let key = speakers::speaker_key(q.speaker.as_deref(), q.surface.as_deref(), q.resolved);
    if let Some(key) = key {
        d.add_text(f.speaker_key, key);
    }
}

/// The passage's headings, stored for display and indexed with the
/// document title as ranking context; so is the question the passage's
/// paragraph answers, when the one before it asks one (an interview, a
/// panel transcript, a FAQ written as prose).
fn add_context(
    d: &mut TantivyDocument,
    f: &Fields,
    title: &str,
    headings: &[&str],
    question: Option<&str>,
) {
    let path = headings.join(" › ");
    if let Some(context) = f.context {
        let question = question.unwrap_or("");
        d.add_text(context, format!("{title}\n{path}\n{question}"));
    }
    if !path.is_empty() {
        d.add_text(f.heading, path);
    }
}

fn add_location(
    d: &mut TantivyDocument,
    f: &Fields,
    p: &passage::Passage,
    paragraph: &Paragraph,
    start: usize,
    end: usize,
) {
    d.add_u64(f.passage, p.ordinal as u64);
    d.add_u64(f.paragraph, p.paragraph as u64);
    d.add_u64(f.page, p.page.map_or(0, u64::from));
    d.add_u64(f.last_page, paragraph.last_page.map_or(0, u64::from));
    if let Some(label) = &paragraph.page_label {
        d.add_text(f.page_label, label);
    }
    d.add_text(f.block, paragraph.role.name());
    d.add_u64(f.start, start as u64);
    d.add_u64(f.end, end as u64);
}

/// Replaces `live` with the freshly built `staging` directory. The old index
/// is moved aside first and deleted last, so at every moment one complete
/// index exists on disk. Whatever holds the name it is moved to (`v<N>.old`,
/// left by a crash, or a stray file) is cleared first; when that cannot be
/// done, a name of its own (`v<N>.old.<process id>`) is used instead.
fn swap_in(staging: &Path, live: &Path) -> Result<()> {
    let mut old = live.with_extension("old");
    remove_any(&old);
    if old.symlink_metadata().is_ok() {
        old = live.with_extension(format!("old.{}", std::process::id()));
        remove_any(&old);
    }
    if live.exists() {
        std::fs::rename(live, &old).map_err(|e| Error::io(live, e))?;
    }
    std::fs::rename(staging, live).map_err(|e| Error::io(staging, e))?;
    remove_any(&old);
    Ok(())
}

/// Indexes of other schema versions are useless once this one is built.
fn remove_other_versions(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let current = live_dir(root);
    for entry in entries.flatten() {
        let path: PathBuf = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let versioned = name.starts_with('v')
            && name[1..]
                .split('.')
                .next()
                .is_some_and(|n| n.parse::<u32>().is_ok());
        if versioned && path != current && path.is_dir() {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

fn progress_bar(visible: bool, total: u64) -> indicatif::ProgressBar {
    if !visible {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "indexing {bar:40} {bytes}/{total_bytes} ({eta} left)",
        )
        .expect("the progress template is valid"),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_space_and_quota_errors_are_a_full_disk() {
        let dir = tempfile::tempdir().unwrap();
        let io = |code| Error::io(Path::new("x"), std::io::Error::from_raw_os_error(code));
        assert!(is_disk_full(&io(libc::ENOSPC), dir.path()));
        assert!(is_disk_full(&io(libc::EDQUOT), dir.path()));
        let denied = io(libc::EACCES);
        let roomy = free_bytes(dir.path()).is_some_and(|free| free > 64 << 20);
        if roomy {
            assert!(!is_disk_full(&denied, dir.path()));
        }
        let undone = undo(io(libc::ENOSPC), dir.path(), None, Path::new("idx"));
        assert!(undone.to_string().starts_with("disk full: "), "{undone}");
        assert!(!dir.path().exists(), "a failed fresh build is removed");
    }

    #[test]
    fn a_failed_update_leaves_only_what_its_last_commit_uses() {
        let dir = tempfile::tempdir().unwrap();
        let index = create_index(dir.path()).unwrap();
        let f = build_schema().1;
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut doc = TantivyDocument::default();
        doc.add_text(f.file, "a.txt");
        writer.add_document(doc).unwrap();
        let manifest = Manifest::default();
        let (payload, _) = manifest.stage(dir.path()).unwrap();
        let mut commit = writer.prepare_commit().unwrap();
        commit.set_payload(&payload);
        commit.commit().unwrap();
        writer.wait_merging_threads().unwrap();
        Manifest::publish(dir.path()).unwrap();
        let names = || -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            names
        };
        let committed = names();
        // What a failed update leaves: a segment of its own, a stale
        // delete file, the manifest it staged.
        let live_id = index.searchable_segment_metas().unwrap()[0]
            .id()
            .uuid_string();
        for stray in [
            "0123456789abcdef0123456789abcdef.idx".to_string(),
            "0123456789abcdef0123456789abcdef.store.temp".to_string(),
            format!("{live_id}.7.del"),
        ] {
            std::fs::write(dir.path().join(stray), "x").unwrap();
        }
        std::fs::write(dir.path().join("manifest.json.new"), "{\"files\":{}} ").unwrap();
        assert!(!drop_uncommitted(&index, dir.path()));
        assert_eq!(names(), committed);
        assert!(index.reader().unwrap().searcher().num_docs() == 1);
    }
}
