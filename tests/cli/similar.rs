//! `accord similar`: passages that express a paragraph's idea elsewhere.

use crate::common::Env;

#[test]
fn similar_finds_the_same_idea_in_another_document_first() {
    let env = Env::fixture("wording");
    let run = env.run(&["similar", "ottawa-statement.txt:5", "--json"]);
    let hits = run.ok().json();
    assert_eq!(
        hits[0]["citation"], "lakeside-commentary.txt ¶4",
        "{hits:#?}"
    );
    assert!(hits.iter().all(|h| h["doc"] != "ottawa-statement.txt"));
    assert!(!hits[0]["highlights"].as_array().unwrap().is_empty());
}

#[test]
fn similar_accepts_the_citation_search_prints() {
    let env = Env::fixture("wording");
    env.run(&["similar", "ottawa-statement.txt ¶5", "--color", "never"])
        .ok()
        .stdout_has("Passages like ottawa-statement.txt ¶5:")
        .stdout_has("lakeside-commentary.txt ¶4");
}

#[test]
fn similar_includes_its_own_document_only_when_asked() {
    let env = Env::fixture("wording");
    let run = env.run(&["similar", "ottawa-statement.txt:2", "--same-doc", "--json"]);
    let hits = run.ok().json();
    assert!(hits
        .iter()
        .all(|h| h["citation"] != "ottawa-statement.txt ¶2"));
    assert!(
        hits.iter().any(|h| h["doc"] == "ottawa-statement.txt"),
        "{hits:#?}"
    );
}

#[test]
fn similar_on_shipped_corpus_pairs_the_seed_with_its_spun_copy() {
    let env = Env::shipped();
    let run = env.run(&[
        "similar",
        "link-list-2018-11-paris-call-post.txt ¶3",
        "--json",
    ]);
    let hits = run.ok().json();
    assert_eq!(hits[0]["doc"], "codebook-2018-11-paris-call-spun.txt");
    assert_eq!(hits[0]["spun"], true);
}

#[test]
fn similar_names_a_missing_document_or_paragraph() {
    let env = Env::fixture("wording");
    env.run(&["similar", "nowhere.txt:1"])
        .error("no document 'nowhere.txt' in the index");
    env.run(&["similar", "wire-brief.txt:99"])
        .error("wire-brief.txt has no paragraph 99");
    env.run(&["similar", "wire-brief.txt"])
        .error("DOC:PARAGRAPH");
    env.run(&["similar", "wire-brief.txt:0"])
        .error("numbered from 1");
    // A page that a citation gives is checked, not ignored.
    env.run(&["similar", "wire-brief.txt p.2 ¶1"])
        .error("wire-brief.txt has no pages");
    env.run(&["similar", "./ottawa-statement.txt:3"]).ok();
}
