//! `accord quotes`: quotations by speaker, ranked by a query or listed in
//! document order.

use clap::{Args, ValueEnum};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term};

use super::search::Found;
use super::{aliases, finish_output, open_fresh, Outcome, QueryFlags};
use crate::error::Result;
use crate::index::{schema, Opened};
use crate::messages;
use crate::quotes::QuoteKind;
use crate::render::{json, text};
use crate::search::{self, Aliases, Filters, Options, Order, Run};
use crate::settings::Settings;

/// Find quotes: who said what, ranked by a query or listed by speaker.
///
/// With a QUERY, quotes are ranked by their own words, in the syntax of
/// `accord search` (words, "a phrase", OR, -word, doc:, kind:, source:,
/// speaker:, role:). `role:microsoft` finds every quote from someone whose
/// role mentions Microsoft. Without one, or with filters only, every matching quote is
/// listed in document order.
///
/// --speaker NAME matches the speaker's full name in any case
/// ("peter singer") or any of its words in order (singer, "Peter Singer");
/// whole words only, so `sing` finds nobody. A name `accord speakers`
/// shows lists exactly the quotes it counts there, including a bare
/// surname joined to the one person it names ("Singer said"). A pronoun
/// that could not be tied to one person is matched as written.
///
/// Only quotations credited to someone count: scare quotes and names of
/// things ("hacking back", the "Paris Call") are not quotes.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct QuotesArgs {
    /// The query (optional); several arguments are joined with spaces.
    pub query: Vec<String>,
    /// Only quotes by this speaker: full name, or any words of it.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only quotes of this kind: `full` (speech of its own) or `partial`
    /// (quoted words inside reported speech or a label) [default: both].
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// How many quotes to show [default: all].
    #[arg(long, short = 'n', value_parser = super::positive_count)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub flags: QueryFlags,
}

/// The values of `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Full,
    Partial,
}

impl KindArg {
    pub fn as_str(self) -> &'static str {
        match self {
            KindArg::Full => QuoteKind::Full.as_str(),
            KindArg::Partial => QuoteKind::Partial.as_str(),
        }
    }
}

pub fn run(args: &QuotesArgs, settings: &Settings) -> Result<Outcome> {
    let query = args.query.join(" ");
    let opened = open_fresh(settings, !args.flags.no_refresh)?;
    let aliases = aliases(settings, args.flags.no_aliases)?;
    let Found { hits, scored, .. } = quotes(
        &opened,
        &aliases,
        &query,
        args.speaker.as_deref(),
        args.kind,
        args.limit,
    )?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.flags.json {
        json::quote_hits(&mut out, &hits, scored)
    } else {
        let style = text::Style {
            color: settings.color,
        };
        text::quote_hits(&mut out, &hits, scored, style)
    };
    finish_output(written, &mut out)?;
    if hits.is_empty() && !args.flags.json {
        let kind = args.kind.map(KindArg::as_str);
        messages::note(&nothing_found(&query, args.speaker.as_deref(), kind));
    }
    Ok(Outcome::from_count(hits.len()))
}

/// Quotes for `query` (may be empty: all of them), by `speaker`, of
/// `kind`, at most `limit`: ranked when the query has words, else in
/// document order. The one query path of `accord quotes` and `accord
/// serve`'s `/api/quotes`.
pub fn quotes(
    opened: &Opened,
    aliases: &Aliases,
    query: &str,
    speaker: Option<&str>,
    kind: Option<KindArg>,
    limit: Option<usize>,
) -> Result<Found> {
    let filters = Filters {
        speakers: speaker.map(str::to_string).into_iter().collect(),
        ..Filters::default()
    };
    let searcher = opened.reader.searcher();
    let options = Options {
        aliases,
        stem_phrases: false,
        speakers: Some(&opened.speakers),
        index: Some(&searcher),
    };
    let fields = opened.fields.quote_view();
    let mut compiled = search::compile(query, &filters, &options, &fields)?;
    if let Some(kind) = kind {
        let term = Term::from_field_text(fields.quote_kind, kind.as_str());
        compiled.require(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
    }
    let scored = compiled.has_words();
    let mut hits = search::run(
        opened,
        &compiled,
        &Run {
            record: schema::QUOTE,
            limit: limit.unwrap_or(usize::MAX),
            per_doc: 0,
            order: if scored {
                Order::Score
            } else {
                Order::Document
            },
        },
    )?;
    opened
        .speakers
        .label(hits.iter_mut().map(|h| &mut h.record))?;
    Ok(Found {
        hits,
        scored,
        facets: None,
    })
}

/// The note for an empty result, naming what was asked for.
fn nothing_found(query: &str, speaker: Option<&str>, kind: Option<&str>) -> String {
    let quotes = kind.map_or("quotes".to_string(), |k| format!("{k} quotes"));
    match (query.trim(), speaker) {
        ("", None) => format!("no {quotes} in the corpus"),
        ("", Some(s)) => format!("no {quotes} by speaker '{s}'"),
        (q, None) => format!("no {quotes} match '{q}'"),
        (q, Some(s)) => format!("no {quotes} by speaker '{s}' match '{q}'"),
    }
}
