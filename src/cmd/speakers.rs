//! `accord speakers`: everyone the corpus quotes, with role, quote count and
//! documents, as the speaker table stored with the index holds them.

use clap::Args;

use super::{finish_output, open_fresh, Outcome};
use crate::error::Result;
use crate::index::Opened;
use crate::messages;
use crate::render::{json, text};
use crate::settings::Settings;
use crate::speakers::Speaker;

/// List every quoted speaker, with role, quote count and documents.
///
/// Speakers come most quoted first, then by name. One person is one row
/// across documents: "Laura E. Lind" and "Laura Lind" are one, and a bare
/// surname joins the one person whose name ends with it ("Singer" counts
/// for "Peter Singer"); a surname two people share stays a row of its own,
/// marked ambiguous. `accord quotes --speaker NAME` lists exactly the
/// quotes counted here. Quotes that name nobody (an unresolved "he", "a
/// spokesman for the ministry") are left out; `accord quotes` shows them.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SpeakersArgs {
    /// One JSON object per speaker (fields documented in the README).
    #[arg(long)]
    pub json: bool,
    /// Use the index as it is, without checking the corpus for changes.
    #[arg(long)]
    pub no_refresh: bool,
}

pub fn run(args: &SpeakersArgs, settings: &Settings) -> Result<Outcome> {
    let opened = open_fresh(settings, !args.no_refresh)?;
    let speakers = speakers(&opened)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        json::speakers(&mut out, speakers)
    } else {
        let style = text::Style {
            color: settings.color,
        };
        text::speakers(&mut out, speakers, style)
    };
    finish_output(written, &mut out)?;
    if speakers.is_empty() && !args.json {
        messages::note("no quoted speakers in the corpus");
    }
    Ok(Outcome::from_count(speakers.len()))
}

/// Every quoted speaker in `opened`, most quoted first, as the speaker
/// table stored with the index holds them: what `speakers` prints and
/// `accord serve` answers at `/api/speakers`.
pub fn speakers(opened: &Opened) -> Result<&[Speaker]> {
    Ok(&opened.speakers.with_documents()?.speakers)
}
