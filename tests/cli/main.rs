//! CLI tests: each copies a fixture corpus into a temporary directory, runs
//! the real `accord` binary on it, and checks stdout, stderr and the exit
//! code. One harness, a module per subcommand or concern.

mod aliases;
mod catalog;
mod common;
mod errors;
mod formats;
mod index;
mod kwic;
mod quotes;
mod ranking;
mod report;
mod search;
mod similar;
mod spin;
mod variants;
