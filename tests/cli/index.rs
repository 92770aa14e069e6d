//! `accord index` and the index life-cycle: first build, incremental
//! updates, rebuilds, and searches that refresh a stale index.

use crate::common::{copy_dir, live_version, Env};

#[test]
fn first_search_builds_the_index_and_later_searches_reuse_it() {
    let env = Env::fixture("basic");
    env.run(&["search", "elections"])
        .ok()
        .stderr_has("building the index");
    env.run(&["search", "elections"])
        .ok()
        .stderr_lacks("building")
        .stderr_lacks("updated");
}

#[test]
fn index_reports_documents_passages_and_time() {
    let env = Env::fixture("basic");
    let run = env.run(&["index"]);
    run.ok()
        .stdout_has("indexed 3 documents")
        .stdout_has("3 read anew")
        .stdout_has(" s:");
}

#[test]
fn timings_report_each_stage() {
    let env = Env::fixture("basic");
    env.run(&["index", "--timings"])
        .ok()
        .stdout_has("quote extraction")
        .stdout_has("spinner detection");
}

#[test]
fn a_full_build_leaves_one_segment_when_its_segments_are_small() {
    // Enough records that each of the two indexing threads writes a
    // segment too large for the update rule that merges small ones.
    let env = Env::empty();
    let paragraph =
        |f: usize, p: usize| format!("Note {f}.{p} on cyber norms and hacking back.\n\n");
    for f in 0..250 {
        let text: String = (0..200).map(|p| paragraph(f, p)).collect();
        env.write(&format!("notes/n{f:03}.txt"), text);
    }
    env.run(&["index", "--timings"])
        .ok()
        .stdout_has("(50000 passages")
        .stdout_has("index: 1 segment(s)");
}

#[test]
fn unchanged_files_are_not_read_again() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    env.run(&["index"]).ok().stdout_has("0 read anew");
    // Only the mtime moves: the content hash shows nothing changed.
    let path = env.corpus.join("wire-report.txt");
    let content = std::fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, content).unwrap();
    env.run(&["index"]).ok().stdout_has("0 read anew");
}

#[test]
fn search_sees_added_edited_and_removed_files_without_reindexing_by_hand() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    env.write(
        "new-note.txt",
        "A note about zeppelin diplomacy in cyberspace.\n",
    );
    env.run(&["search", "zeppelin", "--json"])
        .ok()
        .stderr_has("1 file(s) re-indexed");

    env.write("new-note.txt", "A note about airship diplomacy instead.\n");
    env.run(&["search", "zeppelin"]).code(1);
    env.run(&["search", "airship"]).ok();

    env.remove("new-note.txt");
    env.run(&["search", "airship"])
        .code(1)
        .stderr_has("1 removed");
}

#[test]
fn editing_the_catalog_reindexes_that_document() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    let catalog = std::fs::read_to_string(env.corpus.join("catalog.toml")).unwrap();
    env.write(
        "catalog.toml",
        catalog.replace("kind = \"accord\"", "kind = \"treaty\""),
    );
    env.run(&["index"]).ok().stdout_has("1 read anew");
    let hits = env
        .run(&["search", "kind:treaty malicious", "--json"])
        .ok()
        .json();
    assert_eq!(hits[0]["doc"], "harbour-accord.txt");
}

#[test]
fn rebuild_starts_over_and_keeps_results() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    env.run(&["index", "--rebuild"])
        .ok()
        .stdout_has("3 read anew");
    env.run(&["search", "elections"]).ok();
    let dirs: Vec<String> = std::fs::read_dir(&env.index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !dirs
            .iter()
            .any(|d| d.ends_with(".new") || d.ends_with(".old")),
        "{dirs:?}"
    );
}

#[test]
fn documents_without_metadata_get_a_title_from_the_text() {
    let env = Env::empty();
    env.write(
        "note.txt",
        "Quarterly digest\n\nNorms for critical infrastructure were discussed.\n",
    );
    let hits = env.run(&["search", "infrastructure", "--json"]).ok().json();
    assert_eq!(hits[0]["title"], "Quarterly digest");
    assert_eq!(hits[0]["kind"], "document");
}

#[test]
fn editing_the_catalog_entry_of_one_archive_message_reindexes_the_archive() {
    let env = Env::fixture("formats");
    env.run(&["index"]).ok();
    env.write(
        "catalog.toml",
        "[[document]]\npath = \"thread.mbox#2\"\nkind = \"statement\"\n",
    );
    env.run(&["index"]).ok().stdout_has("1 read anew");
    let hits = env.run(&["search", "kind:statement", "--json"]).ok().json();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["doc"] == "thread.mbox#2"), "{hits:?}");
}

/// What the index holds, as searches see it: every passage holding "the"
/// (one line each), every quote, every speaker with their quote count.
fn holdings(env: &Env) -> [String; 3] {
    [
        &["kwic", "the", "--json", "--no-refresh"][..],
        &["quotes", "--json", "--no-refresh"],
        &["speakers", "--json", "--no-refresh"],
    ]
    .map(|args| env.run(args).ok().stdout.clone())
}

#[test]
fn a_lost_or_garbled_manifest_rebuilds_rather_than_doubles_issue_20() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    let clean = holdings(&env);
    assert!(clean.iter().all(|out| !out.is_empty()), "{clean:?}");
    let manifest = env.index.join(live_version()).join("manifest.json");
    for damage in ["delete", "garble", "empty"] {
        match damage {
            "delete" => std::fs::remove_file(&manifest).unwrap(),
            "garble" => std::fs::write(&manifest, "{\"files\": {\"x\": ").unwrap(),
            _ => std::fs::write(&manifest, "").unwrap(),
        }
        let run = env.run(&["index"]);
        run.ok()
            .stdout_has("3 read anew")
            .stderr_has("manifest.json is missing or damaged; rebuilding the index");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert_eq!(holdings(&env), clean, "manifest damage: {damage}");
        // The rebuilt index has a manifest again: the next run reads nothing.
        env.run(&["index"])
            .ok()
            .stdout_has("0 read anew")
            .stderr_lacks("manifest");
    }
    // A search that refreshes the index repairs it the same way.
    std::fs::remove_file(&manifest).unwrap();
    env.write("new-note.txt", "A note about zeppelin diplomacy.\n");
    env.run(&["search", "zeppelin"])
        .ok()
        .stderr_has("manifest.json is missing or damaged");
    env.remove("new-note.txt");
    env.run(&["index"]).ok();
    assert_eq!(holdings(&env), clean, "after a refreshing search");
}

#[test]
fn an_index_inside_the_corpus_is_never_indexed_issue_20() {
    let env = Env::fixture("basic");
    // `accord --corpus . --index ./index`, run from the corpus folder.
    let run = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_accord"));
        cmd.args(args)
            .args(["--corpus", ".", "--index", "./index"])
            .current_dir(&env.corpus)
            .env_remove("ACCORD_CORPUS")
            .env_remove("ACCORD_INDEX");
        env.run_with(cmd, args)
    };
    run(&["index"]).ok().stdout_has("from 3 files");
    let again = run(&["index"]);
    again
        .ok()
        .stdout_has("from 3 files")
        .stdout_has("0 read anew");
    assert_eq!(again.stderr, "", "no warnings about the index's own files");
    // Another accord index inside the corpus (an old copy), and a stale
    // staging folder, are left out as well.
    let copy = env.corpus.join("papers/old-index");
    std::fs::create_dir_all(&copy).unwrap();
    copy_dir(&env.corpus.join("index"), &copy);
    let staging = env
        .corpus
        .join("index")
        .join(format!("{}.new", live_version()));
    std::fs::create_dir(&staging).unwrap();
    copy_dir(&env.corpus.join("index").join(live_version()), &staging);
    run(&["index"]).ok().stdout_has("from 3 files");
    run(&["search", "opstamp"]).code(1);
    for _ in 0..2 {
        run(&["search", "elections"])
            .ok()
            .stderr_lacks("updated")
            .stderr_lacks("warning");
    }
    let report = run(&["report"]);
    report.ok().stdout_lacks("meta.json").stdout_lacks("index/");
}
