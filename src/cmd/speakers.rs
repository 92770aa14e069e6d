//! `accord speakers`: everyone the corpus quotes, with role, quote count and
//! documents.

use clap::Args;

use super::{finish_output, open_fresh, Outcome};
use crate::error::Result;
use crate::index::{schema, Opened};
use crate::messages;
use crate::render::{json, text};
use crate::search::speakers::{self, Speaker};
use crate::search::{self, Aliases, Filters, Options, Order, Run};
use crate::settings::Settings;

/// List every quoted speaker, with role, quote count and documents.
///
/// Speakers come most quoted first, then by name. A bare surname joins
/// the one full name ending with it ("Singer" counts for "Peter Singer").
/// Quotes that name nobody (an unresolved "he", "a spokesman for the
/// ministry") are left out; `accord quotes` shows them.
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
        json::speakers(&mut out, &speakers)
    } else {
        let style = text::Style {
            color: settings.color,
        };
        text::speakers(&mut out, &speakers, style)
    };
    finish_output(written, &mut out)?;
    if speakers.is_empty() && !args.json {
        messages::note("no quoted speakers in the corpus");
    }
    Ok(Outcome::from_count(speakers.len()))
}

/// Every quoted speaker in `opened`, most quoted first: what `speakers`
/// prints and `accord serve` answers at `/api/speakers`.
pub fn speakers(opened: &Opened) -> Result<Vec<Speaker>> {
    let options = Options {
        aliases: &Aliases::default(),
        stem_phrases: false,
        index: None,
    };
    let every_quote = search::compile(
        "",
        &Filters::default(),
        &options,
        &opened.fields.quote_view(),
    )?;
    let hits = search::run(
        opened,
        &every_quote,
        &Run {
            record: schema::QUOTE,
            limit: usize::MAX,
            per_doc: 0,
            order: Order::Document,
        },
    )?;
    let records: Vec<search::Record> = hits.into_iter().map(|h| h.record).collect();
    Ok(speakers::tally(&records))
}
