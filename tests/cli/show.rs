//! `accord show`: a document read from the index, at a paragraph.

use crate::common::Env;
use crate::serve::research_corpus;

#[test]
fn show_prints_metadata_and_numbered_passages_pointing_at_the_paragraph() {
    let env = research_corpus();
    let run = env.run(&["show", "lakeside-brief.txt:3"]);
    run.ok()
        .stdout_has(
            "Lakeside brief on hacking back\n\
             lakeside-brief.txt · commentary · 2018-11-12 · Lakeside Review\n\
             3 paragraphs, 1 quote\n",
        )
        .stdout_has("\n  ¶2  Firms keep asking whether hacking back is ever lawful; the answer remains\n      no.\n")
        .stdout_has("\n▶ ¶3  \"Nobody should hack back on their own,\" said Mara Quill")
        .stdout_has("quote — Mara Quill, the director of the Lakeside Institute: “Nobody should")
        // Colour only on a terminal (or when asked for).
        .stdout_lacks("\x1b[");
    let coloured = env.run(&["show", "lakeside-brief.txt:3", "--color", "always"]);
    coloured
        .ok()
        .stdout_has("\x1b[1;33m\"Nobody should hack back");
}

#[test]
fn show_takes_a_citation_as_search_prints_it_or_a_whole_document() {
    let env = research_corpus();
    env.run(&["show", "lakeside-brief.txt ¶2"])
        .ok()
        .stdout_has("▶ ¶2  Firms keep asking");
    env.run(&["show", "lakeside-brief.txt"])
        .ok()
        .stdout_has("  ¶1  Lakeside brief on hacking back")
        .stdout_lacks("▶");
}

#[test]
fn show_exits_1_for_no_such_document_or_paragraph_and_2_on_error() {
    let env = research_corpus();
    env.run(&["show", "../../etc/passwd"])
        .code(1)
        .stderr_has("no document '../../etc/passwd' in the index");
    env.run(&["show", "lakeside-brief.txt:4"])
        .code(1)
        .stderr_has("no paragraph 4 in lakeside-brief.txt: it has 3 paragraphs");
    // Neither corpus nor index: nothing to show from.
    let empty = Env::empty();
    std::fs::remove_dir_all(&empty.corpus).unwrap();
    empty.run(&["show", "x.txt"]).error("does not exist");
}

#[test]
fn show_pdf_puts_page_numbers_where_pages_start() {
    let env = Env::fixture("pdf");
    let run = env.run(&["show", "latex-article.pdf p.2 ¶29"]);
    // The article's printed page numbers start at 396.
    run.ok()
        .stdout_has("\n  p.396\n     ¶1  Restraint Without Enforcement")
        .stdout_has("\n  p.397\n▶   ¶29  Third, our coding scheme");
}
