//! `accord report`: how each document reads, from the files themselves.

use crate::common::{repo_path, Env};

fn with_writer_pdf() -> Env {
    let env = Env::empty();
    let pdf = std::fs::read(repo_path("tests/fixtures/pdf/writer-accord.pdf")).unwrap();
    env.write("accord/writer-accord.pdf", pdf);
    env.write("broken.pdf", b"%PDF-1.4 and then nothing");
    env
}

#[test]
fn report_counts_what_each_document_became_and_names_skipped_files_issue_16() {
    let env = with_writer_pdf();
    env.run(&["report"])
        .ok()
        .stdout_has("accord/writer-accord.pdf · Valletta Accord on Restraint in Cyberspace")
        .stdout_has("pages: 2; headings: 5, list items: 8, footnotes: 3, table rows: 4")
        .stdout_has("running header/footer lines removed: 3")
        .stdout_has("broken.pdf skipped: not a valid PDF")
        .stdout_has("1 documents read, 0 to check, 1 files skipped");
    // it reads the files, not the index: none was built
    assert!(!env.index.exists());
}

#[test]
fn report_json_lists_passages_with_citations_and_blocks_issue_16() {
    let env = with_writer_pdf();
    let folder = env.corpus.join("accord");
    let lines = env
        .run(&["report", "--json", "--passages", folder.to_str().unwrap()])
        .ok()
        .json();
    assert_eq!(lines.len(), 1, "only the folder asked for: {lines:?}");
    let doc = &lines[0];
    assert_eq!(doc["doc"], "accord/writer-accord.pdf");
    assert_eq!(doc["footnotes"], 3);
    assert_eq!(doc["check"], false);
    let list = doc["passage_list"].as_array().unwrap();
    assert_eq!(list.len(), doc["passages"].as_u64().unwrap() as usize);
    let note = list.iter().find(|p| p["block"] == "footnote").unwrap();
    assert!(
        note["citation"]
            .as_str()
            .unwrap()
            .starts_with("accord/writer-accord.pdf p.1 ¶"),
        "{note}"
    );
    assert!(note["text"]
        .as_str()
        .unwrap()
        .starts_with("The group’s terms of reference"));
}

#[test]
fn report_of_a_missing_path_is_an_error() {
    let env = Env::empty();
    env.run(&["report", "nowhere.pdf"])
        .code(2)
        .stderr_has("nowhere.pdf");
}
