//! Terminal output: colour when allowed, `**…**` markers otherwise, and
//! corpus text stripped of control characters so a document cannot drive
//! the terminal.

use std::io::{self, Write};
use std::ops::Range;

use crate::search::{Hit, Record};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const HIGHLIGHT: &str = "\x1b[1;33m";
const TITLE: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

/// Styles a piece of text: ANSI escapes when colour is on, plain otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    pub fn title(&self, text: &str) -> String {
        self.paint(TITLE, &clean(text))
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(DIM, &clean(text))
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(BOLD, &clean(text))
    }

    /// All of `text` marked as a match.
    pub fn matched(&self, text: &str) -> String {
        let cleaned = clean(text);
        if self.color {
            format!("{HIGHLIGHT}{cleaned}{RESET}")
        } else {
            format!("**{cleaned}**")
        }
    }

    /// `text` with `ranges` marked: yellow on a terminal, `**…**` elsewhere.
    pub fn highlighted(&self, text: &str, ranges: &[Range<usize>]) -> String {
        let mut out = String::with_capacity(text.len() + ranges.len() * 8);
        let mut last = 0;
        for r in ranges {
            if r.start < last || r.end > text.len() {
                continue;
            }
            out.push_str(&clean(&text[last..r.start]));
            out.push_str(&self.matched(&text[r.clone()]));
            last = r.end;
        }
        out.push_str(&clean(&text[last..]));
        out
    }
}

/// Replaces control characters (escape sequences included) with spaces.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The line under a hit's title: citation, kind, date, source.
pub fn citation_line(r: &Record) -> String {
    let mut parts = vec![r.citation(), r.kind.clone()];
    parts.extend(r.date.clone());
    parts.extend(r.source.clone());
    parts.join(" · ")
}

/// The flag shown on hits from machine-paraphrased documents.
pub fn spin_flag(r: &Record) -> Option<String> {
    r.spin
        .map(|s| format!("[machine-paraphrased? score {s:.1}]"))
}

pub fn search_hits(out: &mut impl Write, hits: &[Hit], style: Style) -> io::Result<()> {
    for (i, hit) in hits.iter().enumerate() {
        let r = &hit.record;
        let mut head = format!("{:>2}. {}", i + 1, style.title(&r.title));
        if let Some(flag) = spin_flag(r) {
            head.push_str(&format!("  {}", style.bold(&flag)));
        }
        if let Some(note) = alias_note(&hit.aliases) {
            head.push_str(&format!("  {}", style.dim(&note)));
        }
        writeln!(out, "{head}")?;
        writeln!(
            out,
            "    {}",
            style.dim(&format!("{} · score {:.2}", citation_line(r), hit.score))
        )?;
        writeln!(
            out,
            "    {}",
            style.highlighted(&hit.snippet.text, &hit.snippet.highlights)
        )?;
        writeln!(out)?;
    }
    Ok(())
}

/// `(via alias: United States, Australia)`, when aliases matched.
pub fn alias_note(names: &[String]) -> Option<String> {
    (!names.is_empty()).then(|| format!("(via alias: {})", names.join(", ")))
}
