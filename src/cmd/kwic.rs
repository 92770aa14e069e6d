//! `accord kwic`: every occurrence of a word or phrase, in context.

use clap::Args;

use super::{aliases, as_phrase, finish_output, open_fresh, Outcome};
use crate::error::Result;
use crate::index::schema;
use crate::render::{json, text};
use crate::search::kwic::{Concordance, Sort, DEFAULT_WIDTH};
use crate::search::{self, Filters, Options};
use crate::settings::Settings;

/// Show every occurrence of a word or phrase, in context.
///
/// One line per occurrence, the match in a column between its left and
/// right context, and at the end the number of occurrences per document.
///
/// All the words form one phrase, matched as written (case, accents and
/// hyphens aside: hacking-back is hacking back); --stem matches any
/// inflection. Names in aliases.toml also find their aliases, and such
/// lines say so.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct KwicArgs {
    /// The word or phrase; several arguments are joined with spaces.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Characters of context on each side, cut at word boundaries.
    #[arg(long, short = 'w', default_value_t = DEFAULT_WIDTH)]
    pub width: usize,
    /// Order of the lines: doc (document order), left (by the words before
    /// the match, nearest first), right (by the words after it).
    #[arg(long, value_enum, default_value_t = Sort::Doc)]
    pub sort: Sort,
    /// Match every inflection (hacked back, hacking back), not only the
    /// wording given.
    #[arg(long)]
    pub stem: bool,
    /// One JSON object per occurrence (fields documented in the README).
    #[arg(long)]
    pub json: bool,
    /// Match names as written, without their aliases from aliases.toml.
    #[arg(long)]
    pub no_aliases: bool,
    /// Search the index as it is, without checking the corpus for changes.
    #[arg(long)]
    pub no_refresh: bool,
}

pub fn run(args: &KwicArgs, settings: &Settings) -> Result<Outcome> {
    let aliases = aliases(settings, args.no_aliases)?;
    let opened = open_fresh(settings, !args.no_refresh)?;
    let options = Options {
        aliases: &aliases,
        stem_phrases: args.stem,
    };
    let phrase = as_phrase(&args.query);
    let compiled = search::compile(&phrase, &Filters::default(), &options, &opened.fields)?;
    let records = search::all_matches(&opened, &compiled, schema::PASSAGE)?;
    let mut concordance = Concordance::build(records, &compiled, args.width);
    concordance.sort(args.sort);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let found = concordance.lines.len();
    let written = if args.json {
        json::kwic(&mut out, &concordance)
    } else if found > 0 {
        text::kwic(
            &mut out,
            &concordance,
            args.width,
            text::Style {
                color: settings.color,
            },
        )
    } else {
        Ok(())
    };
    finish_output(written, &mut out)?;
    if found == 0 && !args.json {
        eprintln!("accord: no occurrences of {phrase}");
    }
    Ok(Outcome::from_count(found))
}
