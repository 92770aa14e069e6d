//! `accord search`: ranked passages with highlighted snippets.

use clap::Args;

use super::{aliases, finish_output, open_fresh, Outcome, QueryFlags};
use crate::error::{Error, Result};
use crate::index::{schema, Opened};
use crate::messages;
use crate::render::{json, text};
use crate::search::facets::Facets;
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
    /// Only documents of this kind (accord, commentary, …); repeat it
    /// for any of several kinds.
    #[arg(long)]
    pub kind: Vec<String>,
    /// Only documents from this source (its whole name, any case); repeat
    /// it for any of several sources.
    #[arg(long)]
    pub source: Vec<String>,
    /// Only documents dated on or after this day (YYYY-MM-DD, YYYY-MM, YYYY).
    #[arg(long)]
    pub since: Option<String>,
    /// Only documents dated on or before this day.
    #[arg(long)]
    pub until: Option<String>,
    /// Only passages quoting this speaker (any part of the name); repeat
    /// it for any of several speakers.
    #[arg(long)]
    pub speaker: Vec<String>,
    /// After the hits, count every passage matching the whole query by
    /// kind, source, year and speaker (with --json: a last line
    /// {"facets": …}).
    #[arg(long)]
    pub facets: bool,
    #[command(flatten)]
    pub flags: QueryFlags,
}

pub fn run(args: &SearchArgs, settings: &Settings) -> Result<Outcome> {
    let filters = filters(
        &args.kind,
        &args.source,
        args.since.as_deref(),
        args.until.as_deref(),
        &args.speaker,
    )?;
    let query = args.query.join(" ");
    let aliases = aliases(settings, args.flags.no_aliases)?;
    let opened = open_fresh(settings, !args.flags.no_refresh)?;
    let Found {
        hits,
        scored,
        facets,
    } = passages(
        &opened,
        &aliases,
        &query,
        &filters,
        Page {
            limit: args.limit,
            per_doc: args.per_doc,
            facets: args.facets,
        },
    )?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let style = text::Style {
        color: settings.color,
    };
    let written = if args.flags.json {
        json::search_hits(&mut out, &hits, scored).and_then(|()| {
            facets
                .as_ref()
                .map_or(Ok(()), |f| json::facets(&mut out, f))
        })
    } else {
        text::search_hits(&mut out, &hits, scored, style).and_then(|()| {
            // With no hits, a group filtered on may still show the values
            // that would give some.
            let any = |f: &&Facets| {
                !hits.is_empty()
                    || [&f.kind, &f.source, &f.year, &f.speaker]
                        .iter()
                        .any(|g| !g.is_empty())
            };
            facets
                .as_ref()
                .filter(any)
                .map_or(Ok(()), |f| text::facets(&mut out, f, style))
        })
    };
    finish_output(written, &mut out)?;
    if hits.is_empty() && !args.flags.json {
        let within = if filters == Filters::default() {
            ""
        } else {
            " within the filters"
        };
        messages::note(&format!("no passages match '{query}'{within}"));
        if let Some(hint) = comma_hint(&filters) {
            messages::note(&hint);
        }
    }
    Ok(Outcome::from_count(hits.len()))
}

/// When a filter value holds a comma, as `--kind accord,statement`: it is
/// one value, where repeating the flag gives alternatives.
fn comma_hint(filters: &Filters) -> Option<String> {
    let groups = [
        ("kind", &filters.kinds),
        ("source", &filters.sources),
        ("speaker", &filters.speakers),
    ];
    groups.into_iter().find_map(|(flag, values)| {
        let value = values.iter().find(|v| v.contains(','))?;
        let repeated: Vec<String> = value
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| format!("--{flag} '{v}'"))
            .collect();
        Some(format!(
            "--{flag} '{value}' is one {flag}, commas and all; for any of several, repeat the flag: {}",
            repeated.join(" ")
        ))
    })
}

/// Passage counts per facet value. A group with values chosen is counted
/// without its own filter, so each of its other values shows the passages
/// that choosing it as well would add (values of one group are
/// alternatives); every other group's filter applies.
fn facet_counts(
    opened: &Opened,
    compiled: &search::Compiled,
    query: &str,
    filters: &Filters,
    options: &Options,
) -> Result<Facets> {
    let mut counts = search::facets(opened, compiled)?;
    let without = |leave_out: fn(&mut Filters)| {
        let mut others = filters.clone();
        leave_out(&mut others);
        search::facets(
            opened,
            &search::compile(query, &others, options, &opened.fields)?,
        )
    };
    if !filters.kinds.is_empty() {
        counts.kind = without(|f| f.kinds.clear())?.kind;
    }
    if !filters.sources.is_empty() {
        counts.source = without(|f| f.sources.clear())?.source;
    }
    if !filters.speakers.is_empty() {
        counts.speaker = without(|f| f.speakers.clear())?.speaker;
    }
    if filters.since.is_some() || filters.until.is_some() {
        counts.year = without(|f| (f.since, f.until) = (None, None))?.year;
    }
    Ok(counts)
}

/// The filters of `--kind`, `--source`, `--since`, `--until` and
/// `--speaker`; a bad date is an error named before any index work.
pub fn filters<S: AsRef<str>>(
    kinds: &[S],
    sources: &[S],
    since: Option<&str>,
    until: Option<&str>,
    speakers: &[S],
) -> Result<Filters> {
    for (flag, values) in [("kind", kinds), ("source", sources), ("speaker", speakers)] {
        // An empty value would match nothing, or be dropped: neither is
        // what was meant (most often an empty shell variable).
        if values.iter().any(|v| v.as_ref().trim().is_empty()) {
            return Err(Error::Input(format!(
                "--{flag} is empty; give a {flag}, or leave the flag out"
            )));
        }
    }
    let (since, until) = search::date_range(since, until)?;
    let owned = |values: &[S]| values.iter().map(|v| v.as_ref().to_string()).collect();
    Ok(Filters {
        kinds: owned(kinds),
        sources: owned(sources),
        since,
        until,
        speakers: owned(speakers),
    })
}

/// What a search found: hits in rank order, and whether the query had
/// words to rank by (else the hits are newest first and unscored).
pub struct Found {
    pub hits: Vec<Hit>,
    pub scored: bool,
    /// Counts over every match, when asked for.
    pub facets: Option<Facets>,
}

/// How much of a search to return.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// At most this many hits.
    pub limit: usize,
    /// At most this many hits per document (0 = no cap).
    pub per_doc: usize,
    /// Count every match per facet value too.
    pub facets: bool,
}

/// Ranked passages for `query` within `filters`: the one query path of
/// `accord search` and `accord serve`'s `/api/search`.
pub fn passages(
    opened: &Opened,
    aliases: &Aliases,
    query: &str,
    filters: &Filters,
    page: Page,
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
            limit: page.limit,
            per_doc: page.per_doc,
            order: if scored { Order::Score } else { Order::Newest },
        },
    )?;
    let facets = page
        .facets
        .then(|| facet_counts(opened, &compiled, query, filters, &options))
        .transpose()?;
    Ok(Found {
        hits,
        scored,
        facets,
    })
}
