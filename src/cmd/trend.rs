//! `accord trend`: how often a word or phrase occurs per year or month.

use clap::Args;

use super::{finish_output, phrase_index, phrase_matches, Outcome, QueryFlags};
use crate::analysis;
use crate::error::Result;
use crate::index::Opened;
use crate::messages;
use crate::render::{json, text};
use crate::search::trend::{trend, Per, Period};
use crate::search::variants::spellings;
use crate::search::Aliases;
use crate::settings::Settings;

/// Count a word or phrase per year or month, by document date.
///
/// Occurrences of the phrase and of every variant `accord variants` finds
/// (any inflection, closed compounds, British or American spelling,
/// aliases), counted once at each place as `kwic` counts them. Periods run
/// from the first occurrence to the last, empty ones included; undated
/// documents (and, per month, those dated by year only) come last as
/// `undated`.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct TrendArgs {
    /// The word or phrase; several arguments are joined with spaces.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Count per `year` or per `month`.
    #[arg(long, value_enum, default_value_t = Per::Year)]
    pub per: Per,
    #[command(flatten)]
    pub flags: QueryFlags,
}

pub fn run(args: &TrendArgs, settings: &Settings) -> Result<Outcome> {
    let (aliases, opened) = phrase_index(&args.query, &args.flags, settings)?;
    let periods = periods(&opened, &aliases, &args.query, args.per)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.flags.json {
        json::trend(&mut out, &periods)
    } else if !periods.is_empty() {
        let style = text::Style {
            color: settings.color,
        };
        text::trend(&mut out, &periods, style)
    } else {
        Ok(())
    };
    finish_output(written, &mut out)?;
    if periods.is_empty() && !args.flags.json {
        messages::note(&format!("no occurrences of \"{}\"", args.query.join(" ")));
    }
    Ok(Outcome::from_count(periods.len()))
}

/// Occurrences of `words` as one phrase and its variants in `opened`, per
/// period: what `trend` prints and `accord serve` answers at `/api/trend`.
pub fn periods(
    opened: &Opened,
    aliases: &Aliases,
    words: &[String],
    per: Per,
) -> Result<Vec<Period>> {
    let other = spellings(&analysis::phrase_words(&words.join(" ")));
    let (compiled, records) = phrase_matches(opened, aliases, words, &other, true)?;
    Ok(trend(&records, &compiled, per))
}
