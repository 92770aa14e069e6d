//! `accord serve`: the research web app over the same index, in the
//! browser.

use std::net::IpAddr;

use clap::Args;

use super::Outcome;
use crate::error::{Error, Result};
use crate::messages::warning;
use crate::serve::{self, Config};
use crate::settings::Settings;

/// Serve a search page and a JSON API over the index, until Ctrl-C.
///
/// The page searches passages, lists quotes by speaker, and shows how a
/// wording is used (concordance, variants, trend per year or month). The
/// API under /api/ answers with the objects `--json` prints (see the
/// README). The corpus is watched: a change is indexed in the background
/// and swapped in when complete; searches never wait for it.
///
/// Only this computer can connect unless --bind names another address;
/// then every request needs --token (sent as the header
/// `Authorization: Bearer TOKEN` or from a link ending `?token=TOKEN`,
/// which sets a cookie).
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port, printed at start).
    #[arg(long, default_value_t = 7700)]
    pub port: u16,
    /// The address to listen on; anything but a loopback address
    /// (127.0.0.1, ::1) needs --token.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// A secret every request must carry (at least 16 characters); from
    /// the environment as ACCORD_TOKEN so it stays out of process lists.
    #[arg(long, env = "ACCORD_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

/// Shortest accepted token: long enough not to be guessed over the network.
const MIN_TOKEN: usize = 16;

pub fn run(args: &ServeArgs, settings: &Settings) -> Result<Outcome> {
    if let Some(token) = &args.token {
        if token.chars().count() < MIN_TOKEN || token.chars().any(|c| !c.is_ascii_graphic()) {
            return Err(Error::Input(format!(
                "--token must be at least {MIN_TOKEN} printable ASCII characters without spaces; \
                 e.g. `openssl rand -hex 16` makes one"
            )));
        }
    }
    if !args.bind.is_loopback() {
        if args.token.is_none() {
            return Err(Error::Input(format!(
                "--bind {} would let anyone who can reach this computer read the corpus; \
                 give --token SECRET (or set ACCORD_TOKEN) and share it with your team, \
                 or leave out --bind to serve this computer only",
                args.bind
            )));
        }
        warning(&format!(
            "serving on {}: reachable from the network; every request needs the token",
            args.bind
        ));
    }
    serve::serve(
        settings,
        Config {
            bind: args.bind,
            port: args.port,
            token: args.token.clone(),
            open: args.open,
        },
    )?;
    Ok(Outcome::Found)
}
