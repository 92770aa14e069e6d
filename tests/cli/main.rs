//! CLI tests: each copies a fixture corpus into a temporary directory, runs
//! the real `accord` binary on it, and checks stdout, stderr and the exit
//! code. One harness, a module per subcommand or concern.

mod aliases;
mod browser;
mod catalog;
mod common;
mod errors;
mod faults;
mod formats;
mod fuzz_smoke;
mod index;
mod kwic;
mod quotes;
mod ranking;
mod report;
mod search;
mod serve;
mod show;
mod similar;
mod speakers;
mod spin;
mod trend;
mod variants;
