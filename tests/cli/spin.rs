//! Machine-paraphrased documents: flagged at indexing and on hits, and
//! found by their original wording with the highlight on the spun words.

use crate::common::{highlighted, Env};

#[test]
fn index_summary_counts_only_the_spun_seed_as_machine_paraphrased() {
    let env = Env::shipped();
    env.run(&["index"])
        .ok()
        .stdout_has(", 1 machine-paraphrased");
}

#[test]
fn spin_fixtures_flag_the_spun_texts_and_no_clean_one() {
    let env = Env::fixture("spin");
    env.run(&["index"])
        .ok()
        .stdout_has(", 2 machine-paraphrased");
    let run = env.run(&["search", "the", "--json", "--limit", "500"]);
    let hits = run.ok().json();
    let docs: std::collections::BTreeSet<&str> =
        hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 7, "{docs:?}");
    for hit in &hits {
        let doc = hit["doc"].as_str().unwrap();
        assert_eq!(hit["spun"], doc.starts_with("spun-"), "{doc}");
        assert_eq!(
            hit["spin_score"].is_number(),
            doc.starts_with("spun-"),
            "{doc}"
        );
    }
}

#[test]
fn clean_seed_is_never_flagged() {
    let env = Env::shipped();
    let run = env.run(&["search", "Paris Call", "--json", "--limit", "50"]);
    for hit in run.ok().json() {
        let spun = hit["doc"] == "codebook-2018-11-paris-call-spun.txt";
        assert_eq!(hit["spun"], spun, "{}", hit["citation"]);
    }
    env.run(&["search", "Paris Call", "--color", "never", "--limit", "50"])
        .ok()
        .stdout_has("[machine-paraphrased? score");
}

#[test]
fn original_wording_finds_spun_passages_with_the_spun_words_highlighted() {
    let env = Env::shipped();
    let cases = [
        ("private sector", "person sector"),
        ("release malware", "unloose malware"),
        (
            "\"the U.S. and Australia did not\"",
            "The U.S. together with Commonwealth of Australia did not",
        ),
        ("North Korea", "North Korea"),
    ];
    for (query, spun_words) in cases {
        let run = env.run(&["search", query, "--json", "--limit", "20"]);
        let hits = run.ok().json();
        let spun: Vec<Vec<String>> = hits
            .iter()
            .filter(|h| h["spun"] == true)
            .map(highlighted)
            .collect();
        assert!(
            spun.iter().any(|h| h.iter().any(|s| s == spun_words)),
            "{query}: {spun:?}"
        );
    }
    // A hit found only through the restored wording says so.
    let hits = env
        .run(&["search", "\"private sector\"", "--json"])
        .ok()
        .json();
    for hit in &hits {
        let as_written = highlighted(hit).iter().any(|h| h == "private sector");
        assert_eq!(hit["restored"] == true, !as_written, "{hit}");
    }
    assert!(hits.iter().any(|h| h["restored"] == true));
}

#[test]
fn spun_fixture_is_found_by_original_wording() {
    let env = Env::fixture("spin");
    let run = env.run(&["search", "\"private sector\"", "--json"]);
    let hits = run.ok().json();
    let spun = hits
        .iter()
        .find(|h| h["doc"] == "spun-accord.txt")
        .expect("spun accord found");
    assert!(
        highlighted(spun).contains(&"person sector".to_string()),
        "{spun}"
    );
}
