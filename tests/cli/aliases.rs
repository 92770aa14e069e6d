//! Aliases: names of one thing find each other, through aliases.toml.

use crate::common::{highlighted, Env};

#[test]
fn search_north_korea_finds_its_aliases_and_says_which_matched() {
    let env = Env::fixture("wording");
    let run = env.run(&["search", "North Korea", "--json"]);
    let hits = run.ok().json();
    let dprk = hits
        .iter()
        .find(|h| h["doc"] == "ottawa-statement.txt")
        .expect("DPRK found");
    assert_eq!(highlighted(dprk), ["DPRK"]);
    assert_eq!(dprk["aliases"], serde_json::json!(["DPRK"]));
    let long = hits.iter().find(|h| h["doc"] == "wire-brief.txt").unwrap();
    assert_eq!(highlighted(long), ["Democratic People's Republic of Korea"]);
    let own = hits
        .iter()
        .find(|h| h["doc"] == "lakeside-commentary.txt")
        .unwrap();
    assert_eq!(own["aliases"], serde_json::json!([]));
    let text = env.run(&["search", "North Korea", "--color", "never"]);
    text.ok().stdout_has("(via alias: DPRK)");
}

#[test]
fn alias_inside_a_quoted_phrase_matches_the_other_name() {
    let env = Env::fixture("wording");
    let run = env.run(&["search", "\"the U.S. and Australia did not\"", "--json"]);
    let hits = run.ok().json();
    assert_eq!(hits[0]["citation"], "ottawa-statement.txt ¶2");
    assert_eq!(
        highlighted(&hits[0]),
        ["The United States and Australia did not"]
    );
    assert_eq!(hits[0]["aliases"], serde_json::json!(["United States"]));
}

#[test]
fn no_aliases_matches_names_as_written() {
    let env = Env::fixture("wording");
    let run = env.run(&["search", "North Korea", "--json", "--no-aliases"]);
    let docs: Vec<String> = run
        .ok()
        .json()
        .iter()
        .map(|h| h["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs[0], "lakeside-commentary.txt");
    assert!(
        !docs.contains(&"ottawa-statement.txt".to_string()),
        "{docs:?}"
    );
    env.run(&[
        "search",
        "\"the U.S. and Australia did not\"",
        "--no-aliases",
    ])
    .code(1);
}

#[test]
fn acronym_alias_never_finds_the_pronoun_us() {
    let env = Env::fixture("wording");
    let run = env.run(&["search", "United States", "--json"]);
    for hit in run.ok().json() {
        for h in highlighted(&hit) {
            assert_ne!(h, "us", "{hit}");
        }
    }
    let lake = env.run(&["search", "United States", "--json"]);
    let lakeside = lake
        .json()
        .into_iter()
        .find(|h| h["doc"] == "lakeside-commentary.txt")
        .expect("the acronym US is found");
    assert_eq!(highlighted(&lakeside), ["US"]);
}

#[test]
fn users_add_aliases_in_the_corpus_file_without_rebuilding() {
    let env = Env::fixture("wording");
    env.run(&["index"]).ok();
    env.run(&["search", "\"Pyongyang\"", "--json"]).code(1);
    env.write(
        "aliases.toml",
        "[[group]]\nnames = [\"Pyongyang\", \"North Korea\", \"DPRK\"]\n",
    );
    let run = env.run(&["search", "\"Pyongyang\"", "--json"]);
    let hits = run.ok().json();
    assert!(hits
        .iter()
        .any(|h| h["aliases"] == serde_json::json!(["DPRK"])));
    // The built-in groups still apply: malware finds malicious software.
    let malware = env.run(&["search", "malware", "--json"]);
    assert_eq!(malware.ok().json().len(), 2);
    // A group of the file replaces the built-in group sharing a name.
    env.write(
        "aliases.toml",
        "[[group]]\nnames = [\"malware\", \"implant\"]\n",
    );
    let malware = env.run(&["search", "malware", "--json"]);
    assert_eq!(malware.ok().json().len(), 1);
}

#[test]
fn builtin_false_turns_the_built_in_aliases_off() {
    let env = Env::fixture("wording");
    env.write(
        "aliases.toml",
        "# no aliases in this corpus\nbuiltin = false\n",
    );
    let run = env.run(&["search", "malware", "--json"]);
    assert_eq!(run.ok().json().len(), 1);
    let built_in = Env::fixture("wording");
    built_in.write("aliases.toml", "# only comments\n");
    let run = built_in.run(&["search", "malware", "--json"]);
    assert_eq!(run.ok().json().len(), 2, "malicious software too");
}

#[test]
fn malformed_aliases_file_is_an_error_naming_file_and_line() {
    let env = Env::fixture("wording");
    env.write(
        "aliases.toml",
        "[[group]]\nnames = [\"China\", \"PRC\"]\n\n[[group]]\nnames = [\"Iran\" \"Persia\"]\n",
    );
    let run = env.run(&["search", "China"]);
    run.error("aliases.toml: line 5:");
    env.write("aliases.toml", "[[group]]\nnames = [\"lonely\"]\n");
    env.run(&["kwic", "China"])
        .error("line 2: a group needs at least two names");
    env.write(
        "aliases.toml",
        "[[group]]\nnames = [\"hack back\", \"counter-hacking\"]\n\n[[group]]\nnames = [\"hacking back\", \"Hack-back\"]\n",
    );
    env.run(&["kwic", "hack back"])
        .error("line 5: the name \"Hack-back\" is already in the group at line 2");
}
