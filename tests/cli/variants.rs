//! `accord variants`: the wordings of a phrase, counted per document.

use crate::common::{Env, Run};

/// The `variant` field of each JSON line `run` printed.
fn wordings(run: &Run) -> Vec<String> {
    run.json()
        .iter()
        .map(|v| v["variant"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn variants_lists_each_wording_of_hack_back_most_frequent_first() {
    let env = Env::fixture("wording");
    let run = env.run(&["variants", "hack back", "--json", "--no-aliases"]);
    let variants = run.ok().json();
    let wordings: Vec<&str> = variants
        .iter()
        .map(|v| v["variant"].as_str().unwrap())
        .collect();
    for w in [
        "hacking back",
        "hack back",
        "hacked back",
        "hacking-back",
        "hack-back",
    ] {
        assert!(wordings.contains(&w), "{w}: {wordings:?}");
    }
    // Case folds ("Hacking back", "Hacking Back"); hyphens stay distinct.
    let hacking = variants
        .iter()
        .find(|v| v["variant"] == "hacking back")
        .unwrap();
    assert_eq!(hacking["variant"], "hacking back");
    assert_eq!(hacking["count"], 2);
    assert_eq!(hacking["documents"]["ottawa-statement.txt"], 1);
    assert_eq!(hacking["documents"]["lakeside-commentary.txt"], 1);
    let counts: Vec<u64> = variants
        .iter()
        .map(|v| v["count"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn variants_table_shows_total_and_documents() {
    let env = Env::fixture("wording");
    let run = env.run(&["variants", "hack", "back", "--color", "never"]);
    run.ok()
        .stdout_has("variant")
        .stdout_has("total")
        .stdout_has("hacked back")
        .stdout_has("lakeside-commentary.txt 1");
}

#[test]
fn variants_of_a_name_include_its_aliases_unless_turned_off() {
    let env = Env::fixture("wording");
    let wordings = wordings(env.run(&["variants", "North Korea", "--json"]).ok());
    for w in [
        "north korea",
        "dprk",
        "democratic people's republic of korea",
    ] {
        assert!(wordings.iter().any(|x| x == w), "{w}: {wordings:?}");
    }
    let plain = env.run(&["variants", "North Korea", "--json", "--no-aliases"]);
    assert_eq!(plain.ok().json().len(), 1);
}

#[test]
fn variants_on_shipped_corpus_show_the_spun_wording() {
    let env = Env::shipped();
    let wordings = wordings(env.run(&["variants", "private sector", "--json"]).ok());
    assert!(
        wordings.contains(&"private sector".to_string()),
        "{wordings:?}"
    );
    assert!(
        wordings.contains(&"person sector".to_string()),
        "{wordings:?}"
    );
}

#[test]
fn variants_with_no_occurrence_exits_1() {
    let env = Env::fixture("wording");
    env.run(&["variants", "quantum treaty"]).code(1);
}

#[test]
fn variants_join_closed_compounds_and_both_spellings_and_mark_spun_wordings() {
    let env = Env::fixture("spin");
    env.write(
        "uk.txt",
        "Cyber defence\n\nThe agency leads cyber defence and cybersecurity policy; \
         the State’s duty is to share cyber-security advice.\n",
    );
    env.write(
        "us.txt",
        "Cyber defense\n\nThe command runs cyber defense. Cyber security is a \
         shared task, and the State's duty is plain.\n",
    );
    let run = env.run(&["variants", "cyber security", "--json"]);
    let mut got = wordings(run.ok());
    got.sort();
    assert_eq!(got, ["cyber security", "cyber-security", "cybersecurity"]);
    let run = env.run(&["variants", "cyber defence", "--json"]);
    let mut got = wordings(run.ok());
    got.sort();
    assert_eq!(got, ["cyber defence", "cyber defense"]);
    // Apostrophes are typography, not wording.
    let run = env.run(&["variants", "state's duty", "--json"]);
    assert_eq!(run.ok().json()[0]["count"], 2);
    // A spinner's wording is marked as such.
    let run = env.run(&["variants", "private sector", "--json"]);
    let lines = run.ok().json();
    assert!(lines.iter().any(|v| v["spun"] == true), "{lines:?}");
    assert!(lines.iter().any(|v| v["spun"] == false), "{lines:?}");
}
