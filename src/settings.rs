//! Choices resolved once from flags and the environment (colour, terminal,
//! paths), then passed down as plain values; deeper code never reads the
//! environment itself.

use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Colour and highlight with ANSI escapes.
    pub color: bool,
    /// Draw progress bars (stderr is a terminal).
    pub progress: bool,
}

impl Settings {
    pub fn resolve(corpus: PathBuf, index: PathBuf, color: ColorChoice) -> Settings {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
        };
        Settings {
            corpus,
            index,
            color,
            progress: std::io::stderr().is_terminal(),
        }
    }
}
