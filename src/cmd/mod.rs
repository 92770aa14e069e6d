//! One file per subcommand, each: arguments, library calls, rendering.
//! This module holds what they share: the outcome type and opening an index
//! that is up to date with the corpus.

pub mod index;
pub mod kwic;
pub mod quotes;
pub mod report;
pub mod search;
pub mod serve;
pub mod show;
pub mod similar;
pub mod speakers;
pub mod trend;
pub mod variants;

use std::ffi::OsString;
use std::io::{self, Write};

use clap::Args;

use crate::error::{Error, Result};
use crate::index::build::{self, BuildOptions};
use crate::index::freshness;
use crate::index::schema;
use crate::index::{self as idx, Opened};
use crate::messages::warning;
use crate::search::{all_matches, compile, Aliases, Compiled, Filters, Options, Record};

use crate::settings::Settings;

/// Flags every query command over passages or quotes shares.
#[derive(Debug, Args)]
pub struct QueryFlags {
    /// One JSON object per result, per line (fields documented in the README).
    #[arg(long)]
    pub json: bool,
    /// Match names as written, without their aliases from aliases.toml.
    #[arg(long)]
    pub no_aliases: bool,
    /// Search the index as it is, without checking the corpus for changes.
    #[arg(long)]
    pub no_refresh: bool,
}

/// Parses `--limit`: a limit of 0 would show nothing and then report that
/// nothing matched, which is not what happened.
pub fn positive_count(value: &str) -> std::result::Result<usize, String> {
    match value.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("must be a whole number".to_string()),
    }
}

/// The command line with each `-word` (a dash and two or more letters,
/// before any `--`) written `NOT word`, as the query syntax reads it, and
/// the first such argument; `None` when there is none. clap reads `accord
/// search -hacking back` as the flags `-h -a …` and prints help, so `main`
/// tries this when clap refuses a command line.
pub fn dashed_words_as_exclusions(args: &[OsString]) -> Option<(Vec<OsString>, String)> {
    let mut out = Vec::with_capacity(args.len() + 1);
    let mut first = None;
    let mut rest = args.iter();
    for arg in rest.by_ref() {
        if arg == "--" {
            out.push(arg.clone());
            break;
        }
        match arg.to_str().and_then(|a| a.strip_prefix('-')) {
            Some(word) if word.len() >= 2 && word.chars().all(char::is_alphabetic) => {
                out.push("NOT".into());
                out.push(word.into());
                first.get_or_insert_with(|| format!("-{word}"));
            }
            _ => out.push(arg.clone()),
        }
    }
    out.extend(rest.cloned());
    first.map(|word| (out, word))
}

/// How a command ended, for the exit code: found something (0) or not (1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
}

impl Outcome {
    pub fn from_count(n: usize) -> Outcome {
        if n > 0 {
            Outcome::Found
        } else {
            Outcome::NothingFound
        }
    }
}

/// Opens the index, first building or updating it when the corpus has
/// changed (unless `refresh` is off). When another process holds the write
/// lock, the existing index is searched as it is, with a warning.
pub fn open_fresh(settings: &Settings, refresh: bool) -> Result<Opened> {
    if refresh {
        refresh_index(settings)?;
    }
    idx::open(&settings.index)
}

/// Builds or updates the index when the corpus has changed since the last
/// build (as far as [`freshness::unchanged`] sees).
pub fn refresh_index(settings: &Settings) -> Result<()> {
    if idx::exists(&settings.index)
        && freshness::unchanged(&idx::live_dir(&settings.index), &settings.corpus)
    {
        return Ok(());
    }
    update_index(settings)
}

/// Builds the index or brings it up to date, re-reading the files that
/// changed; `accord serve`'s watcher calls it once it has seen a change.
pub fn update_index(settings: &Settings) -> Result<()> {
    let have_index = idx::exists(&settings.index);
    if !settings.corpus.is_dir() && have_index {
        warning(&format!(
            "corpus {} not found; searching the existing index",
            settings.corpus.display()
        ));
        return Ok(());
    }
    // Without a corpus the build below says what is wrong, nothing before.
    if !have_index && settings.corpus.is_dir() {
        if idx::has_other_version(&settings.index) {
            warning("the index was built by another version of accord; rebuilding it");
        } else {
            warning(&format!(
                "building the index of {} (first run)",
                settings.corpus.display()
            ));
        }
    }
    let opts = BuildOptions {
        corpus: &settings.corpus,
        index: &settings.index,
        rebuild: false,
        verify: false,
        progress: settings.progress,
    };
    match build::build(&opts) {
        Ok(summary) => {
            report_problems(&summary);
            if have_index && (summary.indexed > 0 || summary.removed > 0) {
                warning(&format!(
                    "updated the index: {} file(s) re-indexed, {} removed",
                    summary.indexed, summary.removed
                ));
            }
            Ok(())
        }
        Err(Error::Locked(msg)) if have_index => {
            warning(&format!("{msg}; searching the index as it is"));
            Ok(())
        }
        Err(Error::DiskFull(msg)) if have_index => {
            warning(&format!("{msg}; searching the index as it was"));
            Ok(())
        }
        Err(Error::ReadOnly(_)) if have_index => {
            warning(&format!(
                "index {} is read-only, not refreshed: searching it as it is",
                settings.index.display()
            ));
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Prints the problems a build met in the files it read, each naming its
/// file (files skipped by earlier builds are only counted).
pub fn report_problems(summary: &build::Summary) {
    if let Some(notice) = &summary.notice {
        warning(notice);
    }
    for (file, problem) in &summary.warnings {
        warning(&format!("{file}: {problem}"));
    }
}

/// The aliases queries expand through: none when `off` (`--no-aliases`),
/// else the corpus's aliases.toml, else the built-in ones.
pub fn aliases(settings: &Settings, off: bool) -> Result<Aliases> {
    if off {
        return Ok(Aliases::default());
    }
    Aliases::load(&settings.corpus)
}

/// The command's words compiled as one phrase (matched by stems with
/// `stem`), or any of the `other` spellings of it, and every passage of
/// `opened` it matches: the shared start of `kwic`, `variants` and `trend`,
/// from the command line and from `accord serve`.
pub fn phrase_matches(
    opened: &Opened,
    aliases: &Aliases,
    words: &[String],
    other: &[String],
    stem: bool,
) -> Result<(Compiled, Vec<Record>)> {
    let compiled = phrase_query(opened, aliases, words, other, stem)?;
    let records = all_matches(opened, &compiled, schema::PASSAGE)?;
    Ok((compiled, records))
}

/// The query of [`phrase_matches`]: `words` as one phrase, or any of the
/// `other` spellings.
pub fn phrase_query(
    opened: &Opened,
    aliases: &Aliases,
    words: &[String],
    other: &[String],
    stem: bool,
) -> Result<Compiled> {
    refuse_exclusions(words)?;
    let options = Options {
        aliases,
        stem_phrases: stem,
        speakers: None,
        index: None,
    };
    let mut query = as_phrase(words);
    for spelling in other {
        query.push_str(&format!(" OR \"{spelling}\""));
    }
    compile(&query, &Filters::default(), &options, &opened.fields)
}

/// The aliases and the fresh index a phrase command (`kwic`, `variants`,
/// `trend`) searches, after refusing excluded words before any index work.
pub fn phrase_index(
    words: &[String],
    flags: &QueryFlags,
    settings: &Settings,
) -> Result<(Aliases, Opened)> {
    refuse_exclusions(words)?;
    let aliases = aliases(settings, flags.no_aliases)?;
    let opened = open_fresh(settings, !flags.no_refresh)?;
    Ok((aliases, opened))
}

/// Refuses a word written as an exclusion (`-china`, `-"private sector"`,
/// also after `--`): within a phrase the dash would be dropped and the
/// very word looked up that the user meant to leave out.
fn refuse_exclusions(words: &[String]) -> Result<()> {
    let excluded = words.iter().flat_map(|w| w.split_whitespace()).find(|w| {
        w.strip_prefix('-')
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_alphanumeric() || "\"“„'".contains(c))
    });
    match excluded {
        Some(word) => Err(Error::Input(format!(
            "'{word}' excludes a word, and only `search` and `quotes` exclude words; \
             to look up the word itself, leave out the '-'"
        ))),
        None => Ok(()),
    }
}

/// All of a command's words as one phrase: `accord kwic hacking back` and
/// `accord kwic '"hacking back"'` are the same query.
fn as_phrase(words: &[String]) -> String {
    let joined: String = words
        .join(" ")
        .chars()
        .map(|c| if "\"“”„".contains(c) { ' ' } else { c })
        .collect();
    format!("\"{}\"", joined.trim())
}

/// Finishes output: a closed pipe (`accord search … | head`) is not an
/// error worth reporting.
pub fn finish_output(result: io::Result<()>, out: &mut impl Write) -> Result<()> {
    match result.and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Input(format!("cannot write output: {e}"))),
        Ok(()) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn dashed_words_become_exclusions_before_a_double_dash() {
        let got = dashed_words_as_exclusions(&strings(&[
            "accord", "search", "back", "-hacking", "-n", "3", "--json", "--", "-déjà",
        ]));
        let want = strings(&[
            "accord", "search", "back", "NOT", "hacking", "-n", "3", "--json", "--", "-déjà",
        ]);
        assert_eq!(got, Some((want, "-hacking".to_string())));
        assert_eq!(
            dashed_words_as_exclusions(&strings(&["accord", "search", "-n5", "x"])),
            None
        );
    }
}
