//! The `accord` command: parse arguments, run the subcommand, map the
//! outcome to an exit code (0 results, 1 none, 2 error).

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use accord::cmd::{self, Outcome};
use accord::messages;

/// mimalloc instead of the system allocator: indexing allocates from four
/// busy threads at once, where glibc's free-list upkeep showed as the top
/// symbol of accord's own threads in profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's defaults (transparent huge pages, 1 GiB arenas) cost every
/// short query process about 0.8 ms of page zeroing; these cost indexing
/// nothing measurable. Set as environment defaults (the user's own
/// MIMALLOC_* settings win) before anything allocates, which is when
/// mimalloc reads them.
#[used]
#[link_section = ".init_array"]
static MIMALLOC_DEFAULTS: extern "C" fn() = mimalloc_defaults;

extern "C" fn mimalloc_defaults() {
    // SAFETY: runs before `main`, single-threaded; the strings are
    // NUL-terminated literals that setenv copies.
    unsafe {
        libc::setenv(c"MIMALLOC_ALLOW_THP".as_ptr(), c"0".as_ptr(), 0);
        libc::setenv(c"MIMALLOC_ARENA_RESERVE".as_ptr(), c"16MiB".as_ptr(), 0);
    }
}
use accord::settings::{ColorChoice, Settings};

/// Full-text search for cyber-norms research: ranked passages, quotes by
/// speaker, and how principles are worded.
#[derive(Debug, Parser)]
#[command(name = "accord", version, propagate_version = true)]
struct Cli {
    /// The folder of documents to index.
    #[arg(long, global = true, env = "ACCORD_CORPUS", default_value = "corpus")]
    corpus: PathBuf,
    /// Where the index lives.
    #[arg(long, global = true, env = "ACCORD_INDEX", default_value = "index")]
    index: PathBuf,
    /// Colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Index(cmd::index::IndexArgs),
    Search(cmd::search::SearchArgs),
    Quotes(cmd::quotes::QuotesArgs),
    Speakers(cmd::speakers::SpeakersArgs),
    Kwic(cmd::kwic::KwicArgs),
    Variants(cmd::variants::VariantsArgs),
    Similar(cmd::similar::SimilarArgs),
    Show(cmd::show::ShowArgs),
    Trend(cmd::trend::TrendArgs),
    Report(cmd::report::ReportArgs),
    Serve(cmd::serve::ServeArgs),
}

/// The command line, where `-word` in a query is a word to exclude as in
/// the query syntax rather than the flags `-w -o …`.
fn parse_command_line() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let refused = match Cli::try_parse_from(&args) {
        Ok(cli) => return cli,
        Err(e) => e,
    };
    let Some((rewritten, word)) = cmd::dashed_words_as_exclusions(&args) else {
        refused.exit()
    };
    match Cli::try_parse_from(rewritten) {
        Ok(
            cli @ Cli {
                command: Command::Search(_) | Command::Quotes(_),
                ..
            },
        ) => cli,
        Ok(_) => {
            messages::error(&format!(
                "'{word}' is not an option, and only `search` and `quotes` \
                 exclude words with '-'; to look up the word itself, leave out the '-'"
            ));
            std::process::exit(2)
        }
        Err(_) => refused.exit(),
    }
}

fn main() -> ExitCode {
    let cli = parse_command_line();
    let settings = Settings::resolve(cli.corpus, cli.index, cli.color);
    messages::install_panic_hook();
    let result = std::panic::catch_unwind(|| match &cli.command {
        Command::Index(args) => cmd::index::run(args, &settings),
        Command::Search(args) => cmd::search::run(args, &settings),
        Command::Quotes(args) => cmd::quotes::run(args, &settings),
        Command::Speakers(args) => cmd::speakers::run(args, &settings),
        Command::Kwic(args) => cmd::kwic::run(args, &settings),
        Command::Variants(args) => cmd::variants::run(args, &settings),
        Command::Similar(args) => cmd::similar::run(args, &settings),
        Command::Show(args) => cmd::show::run(args, &settings),
        Command::Trend(args) => cmd::trend::run(args, &settings),
        Command::Report(args) => cmd::report::run(args, &settings),
        Command::Serve(args) => cmd::serve::run(args, &settings),
    });
    match result {
        Ok(Ok(Outcome::Found)) => ExitCode::SUCCESS,
        Ok(Ok(Outcome::NothingFound)) => ExitCode::from(1),
        Ok(Err(e)) => {
            messages::error(&e);
            ExitCode::from(e.exit_code())
        }
        // The hook has said what happened.
        Err(_) => ExitCode::from(2),
    }
}
