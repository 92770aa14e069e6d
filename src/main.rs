//! The `accord` command: parse arguments, run the subcommand, map the
//! outcome to an exit code (0 results, 1 none, 2 error).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use accord::cmd::{self, Outcome};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = Settings::resolve(cli.corpus, cli.index, cli.color);
    let result = match &cli.command {
        Command::Index(args) => cmd::index::run(args, &settings),
        Command::Search(args) => cmd::search::run(args, &settings),
        Command::Quotes(args) => cmd::quotes::run(args, &settings),
        Command::Speakers(args) => cmd::speakers::run(args, &settings),
        Command::Kwic(args) => cmd::kwic::run(args, &settings),
        Command::Variants(args) => cmd::variants::run(args, &settings),
        Command::Similar(args) => cmd::similar::run(args, &settings),
    };
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) => {
            eprintln!("accord: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
