//! `accord search`: ranked passages with highlighted snippets.

use clap::Args;

use super::{aliases, finish_output, open_fresh, Outcome, QueryFlags};
use crate::error::{Error, Result};
use crate::index::{schema, Opened};
use crate::messages;
use crate::render::{json, text};
use crate::search::{self, Aliases, Filters, Hit, Options, Order, Run};
use crate::settings::Settings;

/// Search the corpus: ranked passages with the matches highlighted.
///
/// Query syntax:
///   words          passages with all the words rank first (stemmed: elections
///                  finds election); then passages with some of them
///   "a phrase"     exactly this wording (hacking-back counts as hacking back)
///   a OR b         either
///   -word          exclude passages with word (also -"a phrase", NOT word)
///   title:word     words in the document title
///   doc:part       documents whose path contains part
///   kind:accord    documents of this kind
///   source:axios   words of the source or publisher
///   speaker:name   passages quoting this speaker (any part of the name)
///   role:words     passages quoting someone with this role, e.g. role:microsoft
/// Punctuation inside words is fine: non-state, U.S., Microsoft's, 9/11.
/// Names in aliases.toml find their aliases too (North Korea finds DPRK).
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SearchArgs {
    /// The query; several arguments are joined with spaces.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// How many passages to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = super::positive_count)]
    pub limit: usize,
    /// At most this many passages per document (0 = no cap).
    #[arg(long, default_value_t = 0)]
    pub per_doc: usize,
    /// Only documents of this kind (accord, commentary, …).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only documents dated on or after this day (YYYY-MM-DD, YYYY-MM, YYYY).
    #[arg(long)]
    pub since: Option<String>,
    /// Only documents dated on or before this day.
    #[arg(long)]
    pub until: Option<String>,
    /// Only passages quoting this speaker (any part of the name).
    #[arg(long)]
    pub speaker: Option<String>,
    #[command(flatten)]
    pub flags: QueryFlags,
}

pub fn run(args: &SearchArgs, settings: &Settings) -> Result<Outcome> {
    let filters = filters(
        args.kind.as_deref(),
        args.since.as_deref(),
        args.until.as_deref(),
        args.speaker.as_deref(),
    )?;
    let query = args.query.join(" ");
    let aliases = aliases(settings, args.flags.no_aliases)?;
    let opened = open_fresh(settings, !args.flags.no_refresh)?;
    let Found { hits, scored } = passages(
        &opened,
        &aliases,
        &query,
        &filters,
        args.limit,
        args.per_doc,
    )?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.flags.json {
        json::search_hits(&mut out, &hits, scored)
    } else {
        text::search_hits(
            &mut out,
            &hits,
            scored,
            text::Style {
                color: settings.color,
            },
        )
    };
    finish_output(written, &mut out)?;
    if hits.is_empty() && !args.flags.json {
        let within = if filters == Filters::default() {
            ""
        } else {
            " within the filters"
        };
        messages::note(&format!("no passages match '{query}'{within}"));
    }
    Ok(Outcome::from_count(hits.len()))
}

/// The filters of `--kind`, `--since`, `--until` and `--speaker`; a bad
/// date is an error named before any index work.
pub fn filters(
    kind: Option<&str>,
    since: Option<&str>,
    until: Option<&str>,
    speaker: Option<&str>,
) -> Result<Filters> {
    let (since, until) = search::date_range(since, until)?;
    Ok(Filters {
        kind: kind.map(str::to_string),
        since,
        until,
        speaker: speaker.map(str::to_string),
    })
}

/// What a search found: hits in rank order, and whether the query had
/// words to rank by (else the hits are newest first and unscored).
pub struct Found {
    pub hits: Vec<Hit>,
    pub scored: bool,
}

/// Ranked passages for `query` within `filters`: the one query path of
/// `accord search` and `accord serve`'s `/api/search`.
pub fn passages(
    opened: &Opened,
    aliases: &Aliases,
    query: &str,
    filters: &Filters,
    limit: usize,
    per_doc: usize,
) -> Result<Found> {
    let searcher = opened.reader.searcher();
    let options = Options {
        aliases,
        stem_phrases: false,
        speakers: Some(&opened.speakers),
        index: Some(&searcher),
    };
    let compiled = search::compile(query, filters, &options, &opened.fields)?;
    if compiled.is_empty() {
        // Would list passages in no useful order; most likely an empty
        // shell variable.
        return Err(Error::Query(
            "the query is empty; give words, a \"phrase\" or a filter such as speaker:NAME".into(),
        ));
    }
    // Filters alone rank nothing: list what they select, newest first.
    let scored = compiled.has_words();
    let hits = search::run(
        opened,
        &compiled,
        &Run {
            record: schema::PASSAGE,
            limit,
            per_doc,
            order: if scored { Order::Score } else { Order::Newest },
        },
    )?;
    Ok(Found { hits, scored })
}
