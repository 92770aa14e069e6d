//! The JSON API: each endpoint reads its parameters, calls the query
//! function its CLI command calls, and writes the objects that command's
//! `--json` prints, as one JSON array (the document, as one object).
//! Everything here is synchronous; the server runs it on its blocking pool.

use clap::ValueEnum;

use crate::cmd::quotes::KindArg;
use crate::cmd::{kwic, quotes, search as search_cmd, show, similar, speakers, trend, variants};
use crate::error::Error;
use crate::render::json;
use crate::search::kwic::{Sort, DEFAULT_WIDTH};
use crate::search::similar::Target;
use crate::search::trend::Per;
use crate::search::Aliases;

use super::Snapshot;

/// Longest query (or paragraph citation) accepted, in characters.
pub const MAX_QUERY: usize = 1_000;
/// Most hits (passages, quotes, similar passages) one request may ask for.
pub const MAX_LIMIT: usize = 1_000;
/// Values of one repeating parameter (alternatives of a facet group).
const MAX_VALUES: usize = 50;
/// Hits when a request names no limit, as the CLI's default.
const DEFAULT_LIMIT: usize = 10;
/// Quotes when a request names no limit (the CLI lists all of them).
const DEFAULT_QUOTES: usize = 200;

/// An answer: HTTP status and JSON body.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    fn ok(body: String) -> Answer {
        Answer { status: 200, body }
    }

    /// `{"error": message}` with `status`.
    pub fn error(status: u16, message: &str) -> Answer {
        Answer {
            status,
            body: serde_json::json!({ "error": message }).to_string(),
        }
    }
}

/// A refused request: the status and the message users read.
pub struct Refusal {
    status: u16,
    message: String,
}

impl Refusal {
    fn bad(message: impl Into<String>) -> Refusal {
        Refusal {
            status: 400,
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> Refusal {
        Refusal {
            status: 404,
            message: message.into(),
        }
    }
}

/// The library's errors with the CLI's wording: bad input is the
/// client's (400), a failing index the server's (500).
impl From<Error> for Refusal {
    fn from(e: Error) -> Refusal {
        let status = match e {
            Error::Query(_) | Error::Input(_) => 400,
            Error::Corpus(_)
            | Error::Index(_)
            | Error::Locked(_)
            | Error::ReadOnly(_)
            | Error::DiskFull(_)
            | Error::Io { .. } => 500,
        };
        Refusal {
            status,
            message: e.to_string(),
        }
    }
}

type Reply = std::result::Result<String, Refusal>;

/// Answers `endpoint` (the part of the path after `/api/`) with the query
/// parameters `params`, over the index and aliases of `snapshot`.
pub fn answer(snapshot: &Snapshot, endpoint: &str, params: &[(String, String)]) -> Answer {
    let p = Params(params);
    let reply = match endpoint {
        "search" => search(snapshot, &p),
        "quotes" => quotes(snapshot, &p),
        "speakers" => speakers(snapshot, &p),
        "kwic" => kwic(snapshot, &p),
        "variants" => variants(snapshot, &p),
        "similar" => similar(snapshot, &p),
        "trend" => trend(snapshot, &p),
        _ => match endpoint.strip_prefix("documents/") {
            Some(id) => document(snapshot, id, &p),
            None => Err(Refusal::not_found(format!(
                "no API endpoint /api/{endpoint}; there are search, quotes, speakers, kwic, \
                 variants, similar, trend and documents/ID"
            ))),
        },
    };
    match reply {
        Ok(body) => Answer::ok(body),
        Err(r) => Answer::error(r.status, &r.message),
    }
}

fn search(s: &Snapshot, p: &Params) -> Reply {
    p.allow_repeating(
        &[
            "q",
            "limit",
            "per_doc",
            "kind",
            "source",
            "since",
            "until",
            "speaker",
            "facets",
            "no_aliases",
        ],
        &["kind", "source", "speaker"],
    )?;
    let filters = search_cmd::filters(
        &p.texts("kind")?,
        &p.texts("source")?,
        p.text("since")?,
        p.text("until")?,
        &p.texts("speaker")?,
    )?;
    let found = search_cmd::passages(
        &s.opened,
        p.aliases(s)?,
        p.text("q")?.unwrap_or(""),
        &filters,
        search_cmd::Page {
            limit: p.count("limit", DEFAULT_LIMIT, 1)?,
            per_doc: p.count("per_doc", 0, 0)?,
            facets: p.flag("facets")?,
        },
    )?;
    lines(|out| {
        json::search_hits(out, &found.hits, found.scored)?;
        found
            .facets
            .as_ref()
            .map_or(Ok(()), |f| json::facets(out, f))
    })
}

fn quotes(s: &Snapshot, p: &Params) -> Reply {
    p.allow(&["q", "speaker", "kind", "limit", "no_aliases"])?;
    let kind = p.choice::<KindArg>("kind")?;
    let found = quotes::quotes(
        &s.opened,
        p.aliases(s)?,
        p.text("q")?.unwrap_or(""),
        p.text("speaker")?,
        kind,
        Some(p.count("limit", DEFAULT_QUOTES, 1)?),
    )?;
    lines(|out| json::quote_hits(out, &found.hits, found.scored))
}

fn speakers(s: &Snapshot, p: &Params) -> Reply {
    p.allow(&[])?;
    let found = speakers::speakers(&s.opened)?;
    lines(|out| json::speakers(out, found))
}

fn kwic(s: &Snapshot, p: &Params) -> Reply {
    p.allow(&["q", "width", "sort", "stem", "no_aliases"])?;
    let width = match p.text("width")? {
        Some(w) => kwic::context_width(w).map_err(|e| Refusal::bad(format!("width: {e}")))?,
        None => DEFAULT_WIDTH,
    };
    let concordance = kwic::concordance(
        &s.opened,
        p.aliases(s)?,
        &[p.phrase()?],
        width,
        p.choice::<Sort>("sort")?.unwrap_or(Sort::Doc),
        p.flag("stem")?,
    )?;
    lines(|out| json::kwic(out, &concordance))
}

fn variants(s: &Snapshot, p: &Params) -> Reply {
    p.allow(&["q", "no_aliases"])?;
    let found = variants::wordings(&s.opened, p.aliases(s)?, &[p.phrase()?])?;
    lines(|out| json::variants(out, &found))
}

fn trend(s: &Snapshot, p: &Params) -> Reply {
    p.allow(&["q", "per", "no_aliases"])?;
    let per = p.choice::<Per>("per")?.unwrap_or_default();
    let periods = trend::periods(&s.opened, p.aliases(s)?, &[p.phrase()?], per)?;
    lines(|out| json::trend(out, &periods))
}

fn similar(s: &Snapshot, p: &Params) -> Reply {
    p.allow(&["paragraph", "limit", "same_doc"])?;
    let paragraph = p
        .text("paragraph")?
        .ok_or_else(|| Refusal::bad("give the paragraph: paragraph=DOC:PARAGRAPH"))?;
    let target = Target::parse(paragraph)?;
    let found = similar::like(
        &s.opened,
        &target,
        p.count("limit", DEFAULT_LIMIT, 1)?,
        p.flag("same_doc")?,
    )?;
    lines(|out| json::similar_hits(out, &found.hits, &found.copies))
}

/// The document `id` (percent-decoded by the router), looked up in the
/// index only: an id that is not a document's is 404, whatever it holds.
fn document(s: &Snapshot, id: &str, p: &Params) -> Reply {
    p.allow(&[])?;
    let missing = || {
        Refusal::not_found(format!(
            "no document '{id}' in the index; ids are as `doc` in search results"
        ))
    };
    if id.is_empty() || id.chars().count() > MAX_QUERY {
        return Err(missing());
    }
    let (passages, quotes) = show::reader(&s.opened, id)?.ok_or_else(missing)?;
    let view = json::document_view(&passages, &quotes).ok_or_else(missing)?;
    serde_json::to_string(&view).map_err(|e| Refusal::bad(e.to_string()))
}

/// The JSON lines a CLI renderer writes, as one JSON array.
fn lines(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Reply {
    let mut out = Vec::new();
    write(&mut out).map_err(|e| Refusal {
        status: 500,
        message: e.to_string(),
    })?;
    let text = String::from_utf8(out).map_err(|e| Refusal {
        status: 500,
        message: e.to_string(),
    })?;
    // serde_json escapes newlines inside strings: each line is one object.
    let objects: Vec<&str> = text.lines().collect();
    Ok(format!("[{}]", objects.join(",")))
}

/// A request's query parameters, checked as the CLI checks its flags.
struct Params<'a>(&'a [(String, String)]);

/// `value` of parameter `name`, refused when longer than [`MAX_QUERY`].
fn bounded<'v>(name: &str, value: &'v str) -> std::result::Result<&'v str, Refusal> {
    if value.chars().count() > MAX_QUERY {
        return Err(Refusal::bad(format!(
            "{name} is longer than {MAX_QUERY} characters"
        )));
    }
    Ok(value)
}

impl Params<'_> {
    /// Refuses a parameter not in `known`, or given twice: a typo would
    /// otherwise be ignored silently.
    fn allow(&self, known: &[&str]) -> std::result::Result<(), Refusal> {
        self.allow_repeating(known, &[])
    }

    /// As [`Params::allow`], but the parameters in `repeating` may be given
    /// several times (alternatives, read with [`Params::texts`]).
    fn allow_repeating(
        &self,
        known: &[&str],
        repeating: &[&str],
    ) -> std::result::Result<(), Refusal> {
        for (i, (name, _)) in self.0.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                let hint = if known.is_empty() {
                    "this endpoint takes none".to_string()
                } else {
                    format!("use {}", known.join(", "))
                };
                return Err(Refusal::bad(format!("unknown parameter '{name}'; {hint}")));
            }
            if !repeating.contains(&name.as_str())
                && self.0[..i].iter().any(|(other, _)| other == name)
            {
                return Err(Refusal::bad(format!("parameter '{name}' is given twice")));
            }
        }
        Ok(())
    }

    /// A text parameter, at most [`MAX_QUERY`] characters.
    fn text(&self, name: &str) -> std::result::Result<Option<&str>, Refusal> {
        let found = self.0.iter().find(|(n, _)| n == name);
        found.map(|(_, value)| bounded(name, value)).transpose()
    }

    /// Every value of a parameter that may repeat.
    fn texts(&self, name: &str) -> std::result::Result<Vec<&str>, Refusal> {
        let values = self.0.iter().filter(|(n, _)| n == name);
        if values.clone().count() > MAX_VALUES {
            return Err(Refusal::bad(format!(
                "{name}: at most {MAX_VALUES} values per request"
            )));
        }
        values.map(|(_, value)| bounded(name, value)).collect()
    }

    /// The `q` of `kwic`, `variants` and `trend`: a word or phrase.
    fn phrase(&self) -> std::result::Result<String, Refusal> {
        match self.text("q")? {
            Some(q) if !q.trim().is_empty() => Ok(q.to_string()),
            _ => Err(Refusal::bad("give a word or phrase: q=WORDS")),
        }
    }

    /// A count from `min` to [`MAX_LIMIT`], `default` when absent.
    fn count(&self, name: &str, default: usize, min: usize) -> std::result::Result<usize, Refusal> {
        let Some(value) = self.text(name)? else {
            return Ok(default);
        };
        match value.parse::<usize>() {
            Ok(n) if n < min => Err(Refusal::bad(format!("{name}: must be at least {min}"))),
            Ok(n) if n > MAX_LIMIT => Err(Refusal::bad(format!(
                "{name}: at most {MAX_LIMIT} per request"
            ))),
            Ok(n) => Ok(n),
            Err(_) => Err(Refusal::bad(format!("{name}: must be a whole number"))),
        }
    }

    /// A switch: absent, `false` or `0` is off; present empty, `true` or
    /// `1` is on.
    fn flag(&self, name: &str) -> std::result::Result<bool, Refusal> {
        match self.text(name)? {
            None | Some("false" | "0") => Ok(false),
            Some("" | "true" | "1") => Ok(true),
            Some(other) => Err(Refusal::bad(format!(
                "{name}: '{other}' is not true or false"
            ))),
        }
    }

    /// One of a CLI flag's values, spelled as on the command line.
    fn choice<T: ValueEnum>(&self, name: &str) -> std::result::Result<Option<T>, Refusal> {
        let Some(value) = self.text(name)? else {
            return Ok(None);
        };
        T::from_str(value, true).map(Some).map_err(|_| {
            let names: Vec<String> = T::value_variants()
                .iter()
                .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
                .collect();
            Refusal::bad(format!(
                "{name}: '{value}' is not one of {}",
                names.join(", ")
            ))
        })
    }

    /// No aliases with `no_aliases`, else the corpus's, as loaded with
    /// the index.
    fn aliases<'s>(&self, s: &'s Snapshot) -> std::result::Result<&'s Aliases, Refusal> {
        Ok(if self.flag("no_aliases")? {
            &s.no_aliases
        } else {
            &s.aliases
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parameters_are_checked_like_flags() {
        let given = params(&[
            ("q", "x"),
            ("limit", "0"),
            ("sort", "up"),
            ("stem", "maybe"),
        ]);
        let p = Params(&given);
        assert!(p.allow(&["q", "limit", "sort", "stem"]).is_ok());
        assert_eq!(
            p.allow(&["q"]).err().unwrap().message,
            "unknown parameter 'limit'; use q"
        );
        assert_eq!(
            p.count("limit", 10, 1).err().unwrap().message,
            "limit: must be at least 1"
        );
        assert_eq!(
            p.choice::<Sort>("sort").err().unwrap().message,
            "sort: 'up' is not one of doc, left, right"
        );
        assert!(p.flag("stem").is_err());
        assert_eq!(p.count("per_doc", 0, 0).ok(), Some(0));
    }

    #[test]
    fn long_queries_and_large_limits_are_refused() {
        let long = "a".repeat(MAX_QUERY + 1);
        let given = params(&[("q", &long), ("limit", "1001")]);
        let p = Params(&given);
        assert_eq!(p.text("q").err().unwrap().status, 400);
        assert!(p.count("limit", 10, 1).is_err());
        let twice = params(&[("q", "a"), ("q", "b")]);
        assert!(Params(&twice).allow(&["q"]).is_err());
    }
}
