//! `accord kwic`: every occurrence of a word or phrase, in context.

use clap::Args;

use super::{finish_output, phrase_index, phrase_query, Outcome, QueryFlags};
use crate::error::Result;
use crate::index::{schema, Opened};
use crate::messages;
use crate::render::{json, text};
use crate::search::document_order::{document_order, DocumentOrder};
use crate::search::kwic::{self, Concordance, Line, Sort, Tally, DEFAULT_WIDTH};
use crate::search::{Aliases, Compiled, Record};
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
    let (compiled, order) = find(&opened, &aliases, &args.query, args.stem)?;
    let layout = text::KwicLayout {
        citation_width: order.citation_width,
        width: args.width,
        style: text::Style {
            color: settings.color,
        },
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let print = |out: &mut _, record: &Record, line: &Line| match args.flags.json {
        true => json::kwic_line(out, record, line),
        false => layout.line(out, record, line),
    };
    let mut tally = Tally::default();
    let mut written = Ok(());
    let passages = kwic::passages(&opened, &compiled, &order, args.width);
    if args.sort == Sort::Doc {
        // Printed as read, so the first lines come at once and memory
        // holds one passage, however many there are.
        for passage in passages {
            let (record, lines) = passage?;
            tally.add(&record.doc, lines.len());
            written = lines
                .iter()
                .try_for_each(|line| print(&mut out, &record, line));
            if written.is_err() {
                break;
            }
        }
    } else {
        let mut concordance = Concordance::collect(passages, order.citation_width)?;
        concordance.sort(args.sort);
        tally = concordance.tally();
        written = concordance
            .lines
            .iter()
            .try_for_each(|line| print(&mut out, &concordance.records[line.record], line));
    }
    let found = tally.total();
    if written.is_ok() && found > 0 && !args.flags.json {
        written = text::kwic_tally(&mut out, &tally);
    }
    finish_output(written, &mut out)?;
    if found == 0 && !args.flags.json {
        messages::note(&format!("no occurrences of \"{}\"", args.query.join(" ")));
    }
    Ok(Outcome::from_count(found))
}

/// The phrase query of `words` and the passages it matches, in document
/// order.
fn find(
    opened: &Opened,
    aliases: &Aliases,
    words: &[String],
    stem: bool,
) -> Result<(Compiled, DocumentOrder)> {
    let compiled = phrase_query(opened, aliases, words, &[], stem)?;
    let query = compiled.strict_query(schema::PASSAGE, &opened.fields);
    let order = document_order(&opened.reader.searcher(), &query)?;
    Ok((compiled, order))
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
    let (compiled, order) = find(opened, aliases, words, stem)?;
    let passages = kwic::passages(opened, &compiled, &order, width);
    let mut concordance = Concordance::collect(passages, order.citation_width)?;
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
