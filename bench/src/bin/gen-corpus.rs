//! gen-corpus: writes a deterministic synthetic corpus of commentary-like
//! `.txt` documents for benchmarking.
//!
//! Usage: gen-corpus --size 10MB|100MB|1GB --out DIR [--seed N]

use accord_bench::{parse_size, rng::Rng, textgen::TextGen};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::{fs, process, thread};

/// Documents per subdirectory; keeps directories listable by humans.
const FILES_PER_DIR: usize = 1000;
/// Ordinary documents are uniformly 1,500–7,000 bytes ("a few KB").
const DOC_BYTES: (usize, usize) = (1_500, 7_000);
/// One large report per 100 MB, 5 MB each (scaled down for small corpora).
const REPORT_EVERY: u64 = 100_000_000;
const REPORT_BYTES: u64 = 5_000_000;

struct Job {
    path: PathBuf,
    bytes: usize,
}

fn main() {
    let (size, out, seed) = match parse_args() {
        Ok(args) => args,
        Err(msg) => {
            eprintln!(
                "gen-corpus: {msg}\nusage: gen-corpus --size 10MB|100MB|1GB --out DIR [--seed N]"
            );
            process::exit(2);
        }
    };
    if let Err(msg) = run(size, &out, seed) {
        eprintln!("gen-corpus: {msg}");
        process::exit(2);
    }
}

fn parse_args() -> Result<(u64, PathBuf, u64), String> {
    let (mut size, mut out, mut seed) = (None, None, 42);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--size" => size = Some(parse_size(&value()?)?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = value()?.parse().map_err(|e| format!("bad --seed: {e}"))?,
            _ => return Err(format!("unknown argument {flag:?}")),
        }
    }
    Ok((
        size.ok_or("--size is required")?,
        out.ok_or("--out is required")?,
        seed,
    ))
}

fn run(size: u64, out: &Path, seed: u64) -> Result<(), String> {
    // Refuse to mix with an older corpus: stale files would skew every number.
    if fs::read_dir(out).is_ok_and(|mut d| d.next().is_some()) {
        return Err(format!("{} is not empty; remove it first", out.display()));
    }
    let jobs = plan(size, out, seed);
    for dir in jobs.iter().filter_map(|j| j.path.parent()) {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }

    let gen = TextGen::new();
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let workers = thread::available_parallelism().map_or(2, |n| n.get());
    // Each document has its own seeded stream, so claiming jobs from a shared
    // counter keeps output identical whatever the thread count or timing.
    thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| -> Result<(), String> {
                    let mut buf = String::with_capacity(1 << 16);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else {
                            return Ok(());
                        };
                        buf.clear();
                        gen.document(&mut Rng::derive(seed, i as u64), job.bytes, &mut buf);
                        fs::write(&job.path, &buf)
                            .map_err(|e| format!("cannot write {}: {e}", job.path.display()))?;
                        written.fetch_add(buf.len(), Ordering::Relaxed);
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().expect("generator threads do not panic"))
    })?;
    eprintln!(
        "gen-corpus: wrote {} documents, {} bytes to {}",
        jobs.len(),
        written.into_inner(),
        out.display()
    );
    Ok(())
}

/// Decides every document's path and target size up front (sequentially,
/// from the seed) so generation itself can run in parallel.
fn plan(size: u64, out: &Path, seed: u64) -> Vec<Job> {
    let reports = (size / REPORT_EVERY).max(1);
    let report_bytes = REPORT_BYTES.min(size / 20);
    let mut jobs: Vec<Job> = (0..reports)
        .map(|i| Job {
            path: out.join("reports").join(format!("report-{i:03}.txt")),
            bytes: report_bytes as usize,
        })
        .collect();
    let mut rng = Rng::new(seed);
    let mut total = reports * report_bytes;
    let mut n = 0;
    while total < size {
        let bytes = rng.range(DOC_BYTES.0, DOC_BYTES.1);
        let dir = format!("b{:04}", n / FILES_PER_DIR);
        let path = out.join("news").join(dir).join(format!("d{n:07}.txt"));
        jobs.push(Job { path, bytes });
        total += bytes as u64;
        n += 1;
    }
    jobs
}
