//! `accord variants`: the wordings a word or phrase takes in the corpus.

use clap::Args;

use super::{finish_output, phrase_index, phrase_matches, Outcome, QueryFlags};
use crate::analysis;
use crate::error::Result;
use crate::index::Opened;
use crate::messages;
use crate::render::{json, text};
use crate::search::variants::{spellings, variants, Variant};
use crate::search::Aliases;
use crate::settings::Settings;

/// List the wordings of a word or phrase, with counts per document.
///
/// Every distinct wording (hack back, hacking back, hacking-back, hacked
/// back), most frequent first.
///
/// All the words form one phrase, matched by stems, together with its closed
/// compound (cybersecurity for cyber security) and its British or American
/// spelling (defense for defence); a wording is its text in lower case with
/// whitespace made single spaces (hyphens kept). Names in aliases.toml also
/// bring their aliases' wordings, marked as such; a machine-paraphrased
/// document's own wording is marked too.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct VariantsArgs {
    /// The word or phrase; several arguments are joined with spaces.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub flags: QueryFlags,
}

pub fn run(args: &VariantsArgs, settings: &Settings) -> Result<Outcome> {
    let (aliases, opened) = phrase_index(&args.query, &args.flags, settings)?;
    let found = wordings(&opened, &aliases, &args.query)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.flags.json {
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
    if found.is_empty() && !args.flags.json {
        messages::note(&format!("no wordings of \"{}\"", args.query.join(" ")));
    }
    Ok(Outcome::from_count(found.len()))
}

/// The wordings of `words` as one phrase in `opened`, most frequent first:
/// what `variants` prints and `accord serve` answers at `/api/variants`.
pub fn wordings(opened: &Opened, aliases: &Aliases, words: &[String]) -> Result<Vec<Variant>> {
    let other = spellings(&analysis::phrase_words(&words.join(" ")));
    let (compiled, records) = phrase_matches(opened, aliases, words, &other, true)?;
    Ok(variants(&records, &compiled))
}
