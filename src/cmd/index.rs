//! `accord index`: build or update the index from the corpus.

use std::collections::HashSet;
use std::io::{self, Write};

use clap::Args;

use super::{finish_output, report_problems, Outcome};
use crate::error::Result;
use crate::index::build::{build, BuildOptions, Summary};
use crate::messages::warning;
use crate::settings::Settings;

/// Build the index from the corpus, or bring it up to date.
///
/// Only files that changed since the last run (by size, time and content
/// hash, or a changed catalog entry) are read again; removed files leave
/// the index. The previous index stays searchable until the update is
/// committed.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Start over: build a fresh index, swapped in only when complete.
    #[arg(long)]
    pub rebuild: bool,
    /// Also print how long accord's own stages took (reading, quotes,
    /// spinner detection, records), summed over worker threads, and how
    /// many segments the index has.
    #[arg(long)]
    pub timings: bool,
}

pub fn run(args: &IndexArgs, settings: &Settings) -> Result<Outcome> {
    let summary = build(&BuildOptions {
        corpus: &settings.corpus,
        index: &settings.index,
        rebuild: args.rebuild,
        verify: true,
        progress: settings.progress,
    })?;
    report_problems(&summary);
    report_earlier_skips(&summary);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = write_summary(&mut out, &summary, args.timings);
    finish_output(written, &mut out)?;
    Ok(Outcome::Found)
}

/// At most this many files skipped by earlier runs are named.
const EARLIER_SKIPS_SHOWN: usize = 20;

/// Names the files skipped by earlier runs and not read by this one (those
/// it read have had their warning), with the reason, so the summary's
/// count of skipped files never goes unexplained.
fn report_earlier_skips(summary: &Summary) {
    let warned: HashSet<&str> = summary.warnings.iter().map(|(f, _)| f.as_str()).collect();
    let earlier: Vec<_> = summary
        .skipped
        .iter()
        .filter(|(file, _)| !warned.contains(file.as_str()))
        .collect();
    for (file, reason) in earlier.iter().take(EARLIER_SKIPS_SHOWN) {
        warning(&format!(
            "{file}: skipped (unchanged since an earlier run): {reason}"
        ));
    }
    if earlier.len() > EARLIER_SKIPS_SHOWN {
        warning(&format!(
            "and {} more files skipped; `accord report` lists every one",
            earlier.len() - EARLIER_SKIPS_SHOWN
        ));
    }
}

/// The summary lines: counts, and with `timings` the stage times and
/// segments.
fn write_summary(out: &mut impl Write, summary: &Summary, timings: bool) -> io::Result<()> {
    writeln!(
        out,
        "indexed {} documents ({} passages, {} quotes) from {} files in {:.2} s: {} read anew, {} removed, {} skipped{}",
        summary.documents,
        summary.passages,
        summary.quotes,
        summary.files,
        summary.elapsed.as_secs_f64(),
        summary.indexed,
        summary.removed,
        summary.skipped.len(),
        if summary.spun.is_empty() {
            String::new()
        } else {
            format!(", {} machine-paraphrased", summary.spun.len())
        }
    )?;
    if timings {
        let t = summary.stages;
        writeln!(
            out,
            "stages (CPU time, summed over worker threads): reading and cleaning {:.2} s, quote extraction {:.2} s, spinner detection {:.2} s, passages and records {:.2} s; the rest of the work is tantivy's",
            t.reading.as_secs_f64(),
            t.quotes.as_secs_f64(),
            t.spin.as_secs_f64(),
            t.records.as_secs_f64()
        )?;
        writeln!(out, "index: {} segment(s)", summary.segments)?;
    }
    Ok(())
}
