//! `accord show`: one document from the index, read as the web app's
//! reader shows it, optionally at a paragraph.

use clap::Args;

use super::{finish_output, open_fresh, Outcome};
use crate::error::Result;
use crate::index::Opened;
use crate::messages;
use crate::render::{json, text};
use crate::search::document;
use crate::search::similar::Target;
use crate::search::Hit;
use crate::settings::Settings;

/// Show a document: its metadata, then every passage with its paragraph
/// and page number, the quotes under theirs.
///
/// DOC is the document id as search results give it (`doc`), optionally
/// with a paragraph to mark: DOC:PARAGRAPH (report.txt:4) or a citation as
/// `accord search` prints it ('report.pdf p.2 ¶14').
///
/// Exit codes: 0 shown, 1 no such document or paragraph, 2 error.
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    /// The document, or a paragraph of it: DOC, DOC:PARAGRAPH or 'DOC ¶PARAGRAPH'.
    pub document: String,
    /// The document as one JSON object, as `accord serve` answers
    /// /api/documents/{id} (fields in the README).
    #[arg(long)]
    pub json: bool,
    /// Read the index as it is, without checking the corpus for changes.
    #[arg(long)]
    pub no_refresh: bool,
}

pub fn run(args: &ShowArgs, settings: &Settings) -> Result<Outcome> {
    let opened = open_fresh(settings, !args.no_refresh)?;
    let asked = &args.document;
    // The whole argument as an id first: an id may itself hold a colon.
    let (id, paragraph, found) = match reader(&opened, asked)? {
        Some(found) => (asked.clone(), None, Some(found)),
        None => match Target::parse(asked) {
            Ok(target) => {
                let found = reader(&opened, &target.doc)?;
                (target.doc, Some(target.paragraph), found)
            }
            Err(_) => (asked.clone(), None, None),
        },
    };
    let Some((passages, quotes)) = found else {
        messages::note(&format!(
            "no document '{id}' in the index; ids are as `doc` in search results"
        ));
        return Ok(Outcome::NothingFound);
    };
    let last = passages.last().map_or(0, |h| h.record.paragraph);
    if let Some(n) = paragraph.filter(|&n| n > last) {
        messages::note(&format!(
            "no paragraph {n} in {id}: it has {last} paragraph{}",
            if last == 1 { "" } else { "s" }
        ));
        return Ok(Outcome::NothingFound);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match json::document_view(&passages, &quotes) {
        Some(view) if args.json => json::line(&mut out, &view),
        Some(_) => text::document(
            &mut out,
            &passages,
            &quotes,
            paragraph,
            text::Style {
                color: settings.color,
            },
        ),
        None => Ok(()),
    };
    finish_output(written, &mut out)?;
    Ok(Outcome::Found)
}

/// The document whose id is exactly `id`, its passages and quotes as
/// unscored hits for [`json::document_view`]: what `show` prints and
/// `accord serve` answers at `/api/documents/{id}`. `None` when the index
/// has no such document.
pub fn reader(opened: &Opened, id: &str) -> Result<Option<(Vec<Hit>, Vec<Hit>)>> {
    Ok(document::document(opened, id)?.map(json::document_hits))
}
