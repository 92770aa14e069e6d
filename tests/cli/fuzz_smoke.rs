//! The fuzz targets' checks (`fuzz/fuzz_targets/common.rs`) on mutated
//! copies of the fixture documents: a short, deterministic smoke run of the
//! same entry points and invariants, for CI, where the instrumented build
//! of `fuzz/run.sh` would take longer than the whole suite. It finds what a
//! few thousand random edits of real files find; the coverage-guided runs
//! go much further (see the README's Fuzzing section).

#[path = "../../fuzz/fuzz_targets/common.rs"]
mod checks;

use std::path::Path;

use accord::corpus::{html, mail, markdown, office, pdf, text};

/// A xorshift generator: the same edits on every run, so a failure
/// reproduces.
struct Edits(u64);

impl Edits {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// `bytes` with a few random edits: bytes changed, a slice cut out or
    /// repeated, the end cut off, markup-like bytes put in.
    fn mutate(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        for _ in 0..1 + self.below(4) {
            let at = self.below(out.len() + 1);
            match self.below(6) {
                0 if !out.is_empty() => {
                    let last = out.len() - 1;
                    out[at.min(last)] = self.next() as u8;
                }
                1 => {
                    let end = (at + self.below(64)).min(out.len());
                    out.drain(at..end);
                }
                2 => {
                    let end = (at + self.below(64)).min(out.len());
                    let copy = out[at..end].to_vec();
                    out.splice(at..at, copy.iter().cycle().take(copy.len() * 8).copied());
                }
                3 => out.truncate(at),
                _ => {
                    const PIECES: [&[u8]; 8] = [
                        b"<div>",
                        b"\"",
                        b"\xe2\x80\x9c",
                        b"\n\n",
                        b"\0",
                        b"\xff",
                        b"obj <<",
                        b">>",
                    ];
                    let piece = PIECES[self.below(PIECES.len())];
                    out.splice(at..at, piece.iter().copied());
                }
            }
        }
        out
    }
}

/// Runs `read` on `runs` mutations of each fixture file with one of
/// `extensions`.
fn each_mutation(extensions: &[&str], runs: usize, read: impl Fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            if extensions.contains(&ext) {
                files.push(file);
            }
        }
    }
    files.sort();
    assert!(!files.is_empty(), "no fixture with {extensions:?}");
    let mut edits = Edits(0x9e37_79b9_7f4a_7c15);
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        read(&bytes);
        for _ in 0..runs {
            read(&edits.mutate(&bytes));
        }
    }
}

fn as_text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

#[test]
fn text_markdown_and_html_readers_keep_their_invariants_on_mutated_fixtures() {
    each_mutation(&["txt"], 150, |b| {
        if let Some(t) = as_text(b) {
            checks::check_extracted(&text::read_text(t));
            checks::check_tokens(t);
            checks::check_quotes(t);
            let query: String = t.chars().take(200).collect();
            let _ = accord::search::query::parse(&query);
        }
    });
    each_mutation(&["md"], 150, |b| {
        if let Some(t) = as_text(b) {
            checks::check_extracted(&markdown::read_markdown(t));
        }
    });
    each_mutation(&["html"], 150, |b| {
        if let Some(t) = as_text(b) {
            checks::check_extracted(&html::read_html(t));
        }
    });
}

#[test]
fn mail_office_and_pdf_readers_keep_their_invariants_on_mutated_fixtures() {
    each_mutation(&["eml", "mbox"], 150, |b| {
        if let Ok(docs) = mail::read_mail(b) {
            docs.iter().for_each(checks::check_extracted);
        }
    });
    each_mutation(&["docx", "odt"], 100, |b| {
        for read in [office::read_docx, office::read_odt] {
            if let Ok(doc) = read(b) {
                checks::check_extracted(&doc);
            }
        }
    });
    each_mutation(&["pdf"], 20, |b| {
        if let Ok(doc) = pdf::read_pdf(b) {
            checks::check_extracted(&doc);
        }
    });
}
