//! `accord similar`: passages elsewhere that express a paragraph's idea.

use clap::Args;

use super::{finish_output, open_fresh, Outcome};
use crate::error::Result;
use crate::index::Opened;
use crate::messages;
use crate::render::{json, text};
use crate::search::similar::{similar, Similar, Target};
use crate::settings::Settings;

/// List passages like a paragraph, from other documents.
///
/// Best first: those sharing most of its distinctive words and its
/// heading's (stemmed, rare words weighing more), each with a similarity
/// from 0 to 1. Headings, table rows and reference entries rank below
/// prose. Copies of the paragraph are listed apart, after the others.
///
/// The paragraph is DOC:PARAGRAPH (report.txt:4) or a citation as `accord
/// search` prints it ('report.txt ¶4', 'report.pdf p.2 ¶14').
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SimilarArgs {
    /// The paragraph: DOC:PARAGRAPH or 'DOC ¶PARAGRAPH'.
    pub paragraph: String,
    /// How many passages to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = super::positive_count)]
    pub limit: usize,
    /// Also list passages of the paragraph's own document (at half weight).
    #[arg(long)]
    pub same_doc: bool,
    /// One JSON object per hit, as `search --json` prints them, with
    /// `similarity`, `copy` and `duplicates`.
    #[arg(long)]
    pub json: bool,
    /// Search the index as it is, without checking the corpus for changes.
    #[arg(long)]
    pub no_refresh: bool,
}

pub fn run(args: &SimilarArgs, settings: &Settings) -> Result<Outcome> {
    let target = Target::parse(&args.paragraph)?;
    let opened = open_fresh(settings, !args.no_refresh)?;
    let found = like(&opened, &target, args.limit, args.same_doc)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let style = text::Style {
        color: settings.color,
    };
    let written = if args.json {
        json::similar_hits(&mut out, &found.hits, &found.copies)
    } else if found.hits.is_empty() && found.copies.is_empty() {
        Ok(())
    } else {
        text::similar_hits(&mut out, &found.source, &found.hits, &found.copies, style)
    };
    finish_output(written, &mut out)?;
    if found.hits.is_empty() && !args.json {
        messages::note(&format!(
            "no passages like {}{}",
            found.source.citation(),
            if args.same_doc {
                ""
            } else {
                " in other documents (try --same-doc)"
            }
        ));
    }
    Ok(Outcome::from_count(found.hits.len()))
}

/// Up to `limit` passages like `target` in `opened` (see
/// [`similar`]): what `similar` prints and `accord serve` answers at
/// `/api/similar`.
pub fn like(opened: &Opened, target: &Target, limit: usize, same_doc: bool) -> Result<Similar> {
    // No more hits than records, whatever --limit says: the search sizes
    // its buffers by the limit.
    let records = usize::try_from(opened.reader.searcher().num_docs()).unwrap_or(usize::MAX);
    similar(opened, target, limit.min(records.max(1)), same_doc)
}
