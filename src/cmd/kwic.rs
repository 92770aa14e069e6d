//! `accord kwic`: every occurrence of a word or phrase, in context.

use clap::Args;

use super::{finish_output, phrase_index, phrase_matches, Outcome, QueryFlags};
use crate::error::Result;
use crate::index::Opened;
use crate::messages;
use crate::render::{json, text};
use crate::search::kwic::{Concordance, Sort, DEFAULT_WIDTH};
use crate::search::Aliases;
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
    /// Characters of context on each side (1 to 10000), cut at word boundaries.
    #[arg(long, short = 'w', default_value_t = DEFAULT_WIDTH, value_parser = context_width)]
    pub width: usize,
    /// Order of the lines: doc (document order), left (by the words before
    /// the match, nearest first), right (by the words after it).
    #[arg(long, value_enum, default_value_t = Sort::Doc)]
    pub sort: Sort,
    /// Match every inflection (hacked back, hacking back), not only the
    /// wording given.
    #[arg(long)]
    pub stem: bool,
    #[command(flatten)]
    pub flags: QueryFlags,
}

pub fn run(args: &KwicArgs, settings: &Settings) -> Result<Outcome> {
    let (aliases, opened) = phrase_index(&args.query, &args.flags, settings)?;
    let concordance = concordance(
        &opened,
        &aliases,
        &args.query,
        args.width,
        args.sort,
        args.stem,
    )?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let found = concordance.lines.len();
    let written = if args.flags.json {
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
    if found == 0 && !args.flags.json {
        messages::note(&format!("no occurrences of \"{}\"", args.query.join(" ")));
    }
    Ok(Outcome::from_count(found))
}

/// Every occurrence of `words` as one phrase in `opened`, with `width`
/// characters of context, in `sort` order: what `kwic` prints and `accord
/// serve` answers at `/api/kwic`.
pub fn concordance(
    opened: &Opened,
    aliases: &Aliases,
    words: &[String],
    width: usize,
    sort: Sort,
    stem: bool,
) -> Result<Concordance> {
    let (compiled, records) = phrase_matches(opened, aliases, words, &[], stem)?;
    let mut concordance = Concordance::build(records, &compiled, width);
    concordance.sort(sort);
    Ok(concordance)
}

pub fn context_width(value: &str) -> std::result::Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if (1..=10_000).contains(&n) => Ok(n),
        Ok(_) => Err("must be from 1 to 10000".to_string()),
        Err(_) => Err("must be a whole number".to_string()),
    }
}
