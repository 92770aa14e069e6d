//! `accord variants`: the wordings a word or phrase takes in the corpus.

use clap::Args;

use super::{aliases, as_phrase, finish_output, open_fresh, Outcome};
use crate::error::Result;
use crate::index::schema;
use crate::render::{json, text};
use crate::search::variants::variants;
use crate::search::{self, Filters, Options};
use crate::settings::Settings;

/// List the wordings of a word or phrase, with counts per document.
///
/// Every distinct wording (hack back, hacking back, hacking-back, hacked
/// back), most frequent first.
///
/// All the words form one phrase, matched by stems; a wording is its text
/// in lower case with whitespace made single spaces (hyphens kept). Names
/// in aliases.toml also bring their aliases' wordings, marked as such.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct VariantsArgs {
    /// The word or phrase; several arguments are joined with spaces.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// One JSON object per wording (fields documented in the README).
    #[arg(long)]
    pub json: bool,
    /// Leave out the wordings of aliases from aliases.toml.
    #[arg(long)]
    pub no_aliases: bool,
    /// Search the index as it is, without checking the corpus for changes.
    #[arg(long)]
    pub no_refresh: bool,
}

pub fn run(args: &VariantsArgs, settings: &Settings) -> Result<Outcome> {
    let aliases = aliases(settings, args.no_aliases)?;
    let opened = open_fresh(settings, !args.no_refresh)?;
    let options = Options {
        aliases: &aliases,
        stem_phrases: true,
    };
    let phrase = as_phrase(&args.query);
    let compiled = search::compile(&phrase, &Filters::default(), &options, &opened.fields)?;
    let records = search::all_matches(&opened, &compiled, schema::PASSAGE)?;
    let found = variants(&records, &compiled);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        json::variants(&mut out, &found)
    } else if !found.is_empty() {
        text::variants(
            &mut out,
            &found,
            text::Style {
                color: settings.color,
            },
        )
    } else {
        Ok(())
    };
    finish_output(written, &mut out)?;
    if found.is_empty() && !args.json {
        eprintln!("accord: no wordings of {phrase}");
    }
    Ok(Outcome::from_count(found.len()))
}
