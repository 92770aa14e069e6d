//! `accord speakers`: one row per person across documents, the same
//! counts as `quotes --speaker`, and a table that follows the corpus
//! (#18 item 3, #21). All texts are made up.

use serde_json::Value;

use crate::common::{live_version, Env};

/// Each speaker row as (name, quotes, documents, ambiguous).
fn rows(env: &Env) -> Vec<(String, u64, Vec<String>, bool)> {
    env.run(&["speakers", "--json"])
        .ok()
        .json()
        .iter()
        .map(|s| {
            (
                s["speaker"].as_str().unwrap_or_default().to_string(),
                s["quotes"].as_u64().unwrap_or_default(),
                s["documents"]
                    .as_array()
                    .map(|d| {
                        d.iter()
                            .map(|v| v.as_str().unwrap_or_default().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                s["ambiguous"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

/// The documents of the quotes `quotes --speaker NAME` lists.
fn quoted_in(env: &Env, name: &str) -> Vec<String> {
    let run = env.run(&["quotes", "--speaker", name, "--json"]);
    run.json()
        .iter()
        .map(|h| h["doc"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn speakers_are_one_row_across_middle_initials_and_a_bare_surname() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "Panel\n\n\"Norms need teeth,\" said Laura E. Lind, a researcher at Fjordhaven.\n",
    );
    env.write(
        "b.txt",
        "Forum\n\n\"Attribution is slow,\" said Laura Lind, a researcher.\n",
    );
    // Names nobody in full: the bare surname joins the one Lind.
    env.write("c.txt", "Notes\n\n\"We will publish,\" Lind said.\n");
    assert_eq!(
        rows(&env),
        [(
            "Laura E. Lind".to_string(),
            3,
            strings(&["a.txt", "b.txt", "c.txt"]),
            false
        )]
    );
    for name in [
        "Laura E. Lind",
        "Laura Lind",
        "laura e. lind",
        "Dr. Laura Lind",
    ] {
        assert_eq!(quoted_in(&env, name), ["a.txt", "b.txt", "c.txt"], "{name}");
    }
    env.run(&["quotes", "--speaker", "Laura E. Lind"])
        .ok()
        .stdout_has("Laura E. Lind (as “Lind”, joined by surname)");
}

#[test]
fn speakers_keep_two_people_sharing_a_surname_apart() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "Panel\n\n\"Deterrence works,\" said Hugo Lind, a colonel.\n",
    );
    env.write(
        "b.txt",
        "Forum\n\n\"Deterrence fails,\" said Anna Lind, a diplomat.\n",
    );
    env.write("c.txt", "Notes\n\n\"Both can be true,\" Lind said.\n");
    env.write("d.txt", "Memo\n\n\"I stand by it,\" Ms. Lind said.\n");
    let got = rows(&env);
    assert_eq!(
        got,
        [
            (
                "Anna Lind".to_string(),
                2,
                strings(&["b.txt", "d.txt"]),
                false
            ),
            ("Hugo Lind".to_string(), 1, strings(&["a.txt"]), false),
            ("Lind".to_string(), 1, strings(&["c.txt"]), true),
        ],
        "the bare surname could be either, so it stays apart; Ms. Lind is Anna"
    );
    env.run(&["speakers", "--color", "never"])
        .ok()
        .stdout_has("Lind (ambiguous)\n");
    assert_eq!(quoted_in(&env, "Hugo Lind"), ["a.txt"]);
    assert_eq!(quoted_in(&env, "Lind"), ["c.txt"]);
}

#[test]
fn speakers_count_exactly_what_quotes_speaker_lists_for_every_speaker() {
    let env = Env::fixture("news");
    env.write(
        "extra/a.txt",
        "Panel\n\n\"Norms need teeth,\" said Laura E. Lind, a researcher.\n\n\
         \"So do treaties,\" said Peter Olsen and Anna Berg in a statement.\n",
    );
    env.write("extra/b.txt", "Notes\n\n\"We will publish,\" Lind said.\n");
    env.write(
        "extra/c.txt",
        "Forum\n\n\"Attribution is slow,\" said Hugo Lind, a colonel.\n\n\
         \"Not slow enough,\" Mr. Lind said.\n",
    );
    let speakers = env.run(&["speakers", "--json"]).ok().json();
    assert!(speakers.len() > 10, "{speakers:?}");
    for s in &speakers {
        let name = s["speaker"].as_str().unwrap_or_default();
        let mut listed = quoted_in(&env, name);
        assert_eq!(
            Value::from(listed.len()),
            s["quotes"],
            "quotes --speaker {name:?} and speakers disagree"
        );
        listed.dedup();
        let mut documents: Vec<String> = s["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap_or_default().to_string())
            .collect();
        documents.sort();
        listed.sort();
        listed.dedup();
        assert_eq!(listed, documents, "{name}");
    }
}

#[test]
fn speakers_table_follows_an_edited_and_a_removed_document() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "Panel\n\n\"Norms need teeth,\" said Peter Singer, a fellow.\n",
    );
    env.write("b.txt", "Notes\n\n\"The Call is a start,\" Singer said.\n");
    assert_eq!(
        rows(&env),
        [(
            "Peter Singer".to_string(),
            2,
            strings(&["a.txt", "b.txt"]),
            false
        )]
    );
    let table = env.index.join(live_version()).join("speakers.json");
    assert!(table.is_file(), "the table is stored with the index");
    // A second Singer makes the bare surname ambiguous.
    env.write(
        "c.txt",
        "Forum\n\n\"Read it first,\" said Anna Singer, an analyst.\n",
    );
    env.run(&["index"]).ok();
    let summary = |env: &Env| -> Vec<(String, u64, bool)> {
        rows(env)
            .into_iter()
            .map(|(name, quotes, _, ambiguous)| (name, quotes, ambiguous))
            .collect()
    };
    let s = |name: &str, quotes: u64, ambiguous: bool| (name.to_string(), quotes, ambiguous);
    assert_eq!(
        summary(&env),
        [
            s("Anna Singer", 1, false),
            s("Peter Singer", 1, false),
            s("Singer", 1, true)
        ]
    );
    // An honorific tells them apart again, in the edited document only.
    env.write(
        "b.txt",
        "Notes\n\n\"The Call is a start,\" Mr. Singer said.\n",
    );
    assert_eq!(
        summary(&env),
        [s("Peter Singer", 2, false), s("Anna Singer", 1, false)]
    );
    env.remove("c.txt");
    env.remove("b.txt");
    assert_eq!(
        rows(&env),
        [("Peter Singer".to_string(), 1, strings(&["a.txt"]), false)]
    );
}

#[test]
fn speakers_rebuild_a_table_lost_or_left_stale() {
    let env = Env::empty();
    env.write(
        "a.txt",
        "Panel\n\n\"Norms need teeth,\" said Peter Singer, a fellow.\n",
    );
    env.write("b.txt", "Notes\n\n\"The Call is a start,\" Singer said.\n");
    let before = rows(&env);
    let table = env.index.join(live_version()).join("speakers.json");
    // Each speaker's documents are stored apart (a search by speaker
    // reads the table alone), and checked the same way.
    let stored = std::fs::read_to_string(&table).unwrap();
    assert!(
        stored.contains("Peter Singer") && !stored.contains("a.txt"),
        "{stored}"
    );
    let documents = table.with_file_name("speaker-documents.json");
    std::fs::write(&documents, r#"{"manifest":"old","documents":[["x.txt"]]}"#).unwrap();
    assert_eq!(
        rows(&env),
        before,
        "documents of another commit are not used"
    );
    std::fs::remove_file(&documents).unwrap();
    assert_eq!(
        rows(&env),
        before,
        "documents joined again from the manifest"
    );
    std::fs::remove_file(&table).unwrap();
    assert_eq!(rows(&env), before, "joined again from the manifest");
    std::fs::write(&table, r#"{"manifest":"old","speakers":[]}"#).unwrap();
    assert_eq!(rows(&env), before, "a table of another commit is not used");
}
