//! Bad input: each promise of a clear one-line error (exit code 2), a
//! warning that names a bad file while the rest still indexes, and an
//! index that survives whatever went wrong.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::common::{live_version, Env};

#[test]
fn missing_corpus_is_a_clear_error() {
    let env = Env::empty();
    std::fs::remove_dir(&env.corpus).unwrap();
    env.run(&["index"]).error("does not exist");
    env.run(&["search", "anything"])
        .error("does not exist")
        .stderr_lacks("building the index");
}

#[test]
fn corpus_or_index_that_is_a_file_is_a_clear_error() {
    let env = Env::fixture("basic");
    let file = env.corpus.join("harbour-accord.txt");
    let run = |corpus: &std::path::Path, index: &std::path::Path| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_accord"));
        cmd.args(["search", "norms", "--corpus"])
            .arg(corpus)
            .arg("--index")
            .arg(index);
        env.run_with(cmd, &["search", "norms"])
    };
    run(&file, &env.index).error("is not a directory");
    run(&env.corpus, &file).error("is a file, not a folder");
}

#[test]
fn empty_corpus_is_a_clear_error() {
    let env = Env::empty();
    env.run(&["index"]).error("has no documents");
}

#[test]
fn empty_binary_and_non_utf8_files_warn_and_the_rest_indexes() {
    let env = Env::fixture("basic");
    env.write("empty.txt", "");
    env.write(
        "image.png",
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3],
    );
    env.write(
        "latin1.txt",
        b"Caf\xe9 diplomacy and the r\xf4le of norms.\n",
    );
    // Mostly high bytes and not UTF-8: binary, not Windows-1252 text.
    let noise: Vec<u8> = (0..400u32).map(|i| 0x80 | (i * 37 % 128) as u8).collect();
    env.write("data.pos", noise);
    // UTF-16 with a byte-order mark, as Windows editors save text.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Zürich talks on norms of restraint.\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    env.write("windows.txt", utf16);
    // UTF-8 with one stray Windows-1252 quote mark: only that byte is
    // read as Windows-1252, not the whole file.
    let mut stray = "Genève: Europe’s envoys ".as_bytes().to_vec();
    stray.push(0x93);
    stray.extend("agree”.\n".as_bytes());
    env.write("stray.txt", stray);
    // A page that declares its character set.
    let page = "<html><head><meta charset=\"windows-1251\"></head>\
                <body><p>Нормы поведения в киберпространстве</p></body></html>";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    env.write("ru.html", &cp1251);
    let run = env.run(&["index"]);
    run.ok()
        .stderr_has("empty.txt: skipped: empty file")
        .stderr_has("image.png: skipped: binary")
        .stderr_has("data.pos: skipped: binary")
        .stderr_has("latin1.txt: not valid UTF-8")
        .stderr_lacks("windows.txt")
        .stdout_has("3 skipped");
    let hits = env.run(&["search", "café", "--json"]).ok().json();
    assert!(hits[0]["text"].as_str().unwrap().contains("Café diplomacy"));
    let hits = env.run(&["search", "zurich", "--json"]).ok().json();
    assert!(hits[0]["text"].as_str().unwrap().contains("Zürich talks"));
    let hits = env.run(&["search", "envoys", "--json"]).ok().json();
    assert_eq!(hits[0]["text"], "Genève: Europe’s envoys “agree”.");
    let hits = env
        .run(&["search", "киберпространстве", "--json"])
        .ok()
        .json();
    assert_eq!(hits[0]["doc"], "ru.html");
}

#[test]
fn a_link_up_out_of_the_corpus_is_not_followed() {
    let env = Env::fixture("basic");
    // A file beside the corpus, and a link from inside up to their folder.
    let beside = env.corpus.parent().unwrap().join("beside.txt");
    std::fs::write(
        &beside,
        "Beside\n\nZanzibar notes that are not in the corpus.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(env.corpus.parent().unwrap(), env.corpus.join("up")).unwrap();
    env.run(&["index"]).ok().stdout_has("indexed 3 documents");
    env.run(&["search", "Zanzibar"]).code(1);
}

#[test]
fn unreadable_file_warns_and_the_rest_indexes() {
    let env = Env::fixture("basic");
    std::os::unix::fs::symlink(env.corpus.join("gone.txt"), env.corpus.join("dangling.txt"))
        .unwrap();
    env.run(&["index"])
        .ok()
        .stderr_has("dangling.txt: skipped: cannot read")
        .stdout_has("indexed 3 documents");
}

#[test]
fn fifty_megabyte_single_paragraph_file_indexes_in_passages() {
    let env = Env::empty();
    let sentence =
        "Delegates debated norms for responsible state behaviour in cyberspace without end ";
    let mut big = sentence.repeat(50 * 1024 * 1024 / sentence.len());
    big.push_str("and finally mentioned the zeppelin clause.");
    env.write("huge.txt", &big);
    let run = env.run(&["index"]);
    run.ok().stdout_has("indexed 1 documents");
    let hits = env.run(&["search", "zeppelin", "--json"]).ok().json();
    assert!(hits[0]["text"].as_str().unwrap().len() <= 1500);
}

#[test]
fn malformed_queries_get_one_line_errors() {
    let env = Env::fixture("basic");
    env.run(&["search", "\"hacking back"])
        .error("unbalanced quote");
    env.run(&["search", "colour:red"])
        .error("unknown field 'colour:'");
    env.run(&["search", "title:"]).error("needs a value");
    env.run(&["search", "+ -- ///"])
        .error("no words to search for");
    // An empty query (say, an unset shell variable) is an error, not a
    // list of arbitrary passages; with a filter it is a way to browse.
    // A pasted passage is read as text, whatever its punctuation.
    env.run(&[
        "search",
        "The big picture: states pledged to stop “hacking back by firms",
    ])
    .ok()
    .stderr_lacks("bad query");
    for empty in ["", "OR", "AND"] {
        env.run(&["search", empty]).error("the query is empty");
    }
    env.run(&["search", "  ", "--kind", "accord"]).ok();
    // `-hack` is no cluster of options (`-h` would print help), but kwic
    // and variants have nothing to exclude.
    for command in ["kwic", "variants"] {
        env.run(&[command, "accord", "-hack"])
            .code(2)
            .stderr_has("'-hack' is not an option");
    }
    env.run(&["search", "-h"])
        .ok()
        .stdout_has("Usage: accord search");
}

#[test]
fn malformed_catalog_is_an_error_naming_the_file() {
    let env = Env::fixture("basic");
    env.write(
        "catalog.toml",
        "[[document]]\npath = \"x.txt\"\ncolour = \"red\"\n",
    );
    env.run(&["index"])
        .error("catalog.toml is not a valid catalog");
}

/// Holds the index's write lock the way a running indexer does.
fn hold_lock(env: &Env) -> std::fs::File {
    std::fs::create_dir_all(&env.index).unwrap();
    let lock = std::fs::File::create(env.index.join(".lock")).unwrap();
    lock.try_lock().unwrap();
    lock
}

#[test]
fn locked_index_is_reported_and_searches_use_it_as_it_is() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    env.write("new-note.txt", "A note about zeppelin diplomacy.\n");
    let _lock = hold_lock(&env);
    env.run(&["index"])
        .error("is locked: another accord process is updating it");
    env.run(&["search", "elections"])
        .ok()
        .stderr_has("searching the index as it is");
}

#[test]
fn damaged_index_is_reported_and_left_for_rebuild() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    let live = std::fs::read_dir(&env.index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir() && p.file_name().unwrap().to_string_lossy().starts_with('v'))
        .expect("an index version folder");
    let meta = live.join("meta.json");
    std::fs::write(&meta, "{ not json").unwrap();
    env.run(&["search", "elections"])
        .error("accord index --rebuild");
    assert_eq!(
        std::fs::read_to_string(&meta).unwrap(),
        "{ not json",
        "left as found"
    );
    env.run(&["index", "--rebuild"]).ok();
    env.run(&["search", "elections"]).ok();
}

#[test]
fn damaged_segment_file_is_one_line_and_exit_2_not_a_panic() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    // tantivy panics on some damaged data (here a column file); accord
    // turns that into its own one-line error.
    let fast = walk(&env.index)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "fast"))
        .expect("a .fast file");
    let mut bytes = std::fs::read(&fast).unwrap();
    // Damage spread over the file reaches the columns every command opens.
    for eighth in 1..8 {
        let at = bytes.len() * eighth / 8;
        bytes[at..at + 4].copy_from_slice(&[0xff; 4]);
    }
    std::fs::write(&fast, bytes).unwrap();
    for command in [
        &["search", "elections"][..],
        &["quotes"],
        &["kwic", "norms"],
    ] {
        let mut cmd = env.command(command);
        cmd.env("RUST_BACKTRACE", "1");
        let run = env.run_with(cmd, command);
        run.error("accord index --rebuild");
        assert!(!run.stderr.contains("backtrace"), "{}", run.stderr);
    }
    env.run(&["index", "--rebuild"]).ok();
    env.run(&["search", "elections"]).ok();
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn index_from_another_accord_version_is_rebuilt() {
    let env = Env::fixture("basic");
    let old = env.index.join("v0");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::write(old.join("meta.json"), "{}").unwrap();
    env.run(&["search", "elections"])
        .ok()
        .stderr_has("another version of accord; rebuilding");
    assert!(
        !old.exists(),
        "the old version's index is removed once the new one is built"
    );
}

#[test]
fn killed_indexer_leaves_the_previous_index_searchable() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    // Enough text that indexing takes a while, so the kill lands mid-way.
    let paragraph =
        "Delegates debated zeppelin norms for responsible state behaviour in cyberspace.\n\n";
    for i in 0..8 {
        let mut file = std::fs::File::create(env.corpus.join(format!("bulk-{i}.txt"))).unwrap();
        for _ in 0..40_000 {
            file.write_all(paragraph.as_bytes()).unwrap();
        }
    }
    for rebuild in [false, true] {
        let mut args = vec!["index"];
        if rebuild {
            args.push("--rebuild");
        }
        let mut child = env.command(&args).spawn().unwrap();
        let started = Instant::now();
        std::thread::sleep(Duration::from_millis(300));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        assert!(
            !finished || started.elapsed() < Duration::from_millis(300),
            "indexing finished too soon to test"
        );
        env.run(&["search", "elections", "--no-refresh"]).ok();
    }
    // The next run finishes the job.
    env.run(&["search", "zeppelin"]).ok();
}

#[test]
fn a_limit_of_zero_is_a_usage_error_not_an_empty_result() {
    let env = Env::fixture("basic");
    for command in [
        &["search", "norms", "--limit", "0"][..],
        &["quotes", "-n", "0"],
        &["similar", "harbour-accord.txt:1", "--limit", "0"],
    ] {
        env.run(command)
            .code(2)
            .stderr_has("'--limit <LIMIT>': must be at least 1");
    }
    for width in ["0", "65536"] {
        env.run(&["kwic", "norms", "--width", width])
            .code(2)
            .stderr_has("'--width <WIDTH>'");
    }
    env.run(&["search", "norms", "--limit", "ten"])
        .code(2)
        .stderr_has("must be a whole number");
}

#[test]
fn huge_similar_limits_are_clamped_not_a_panic_issue_20() {
    let env = Env::fixture("basic");
    for limit in [
        "4611686018427387904",
        "9223372036854775807",
        "18446744073709551615",
    ] {
        let run = env.run(&["similar", "harbour-accord.txt:1", "--limit", limit]);
        assert!(
            run.code == 0 || run.code == 1,
            "exit {}: {}",
            run.code,
            run.stderr
        );
        run.stderr_lacks("internal error").stderr_lacks("panicked");
    }
}

#[test]
fn stray_old_and_new_folders_or_files_do_not_block_a_rebuild_issue_20() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    let old = env.index.join(format!("{}.old", live_version()));
    // A file where the old index is moved aside, then a folder there that
    // holds a file, then a file where the new index is staged.
    std::fs::write(&old, "stray").unwrap();
    env.run(&["index", "--rebuild"]).ok();
    std::fs::create_dir_all(old.join("inner")).unwrap();
    std::fs::write(old.join("inner/x"), "stray").unwrap();
    env.run(&["index", "--rebuild"]).ok();
    std::fs::write(env.index.join(format!("{}.new", live_version())), "stray").unwrap();
    env.run(&["index", "--rebuild"])
        .ok()
        .stdout_has("3 read anew");
    env.run(&["search", "elections"]).ok();
    let left: Vec<String> = std::fs::read_dir(&env.index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    assert_eq!(left, [live_version()], "nothing stray left behind");
}

#[test]
fn kwic_and_variants_refuse_exclusions_after_a_double_dash_issue_20() {
    let env = Env::fixture("basic");
    for command in ["kwic", "variants"] {
        for word in ["-china", "-\"private sector\"", "-5G"] {
            env.run(&[command, "--", word])
                .error("only `search` and `quotes` exclude words")
                .stderr_lacks("no occurrences");
        }
    }
    // A dash inside a word is not an exclusion.
    env.run(&["kwic", "--", "cyber-norms"])
        .stderr_lacks("exclude");
}

#[test]
fn a_closed_pipe_after_index_is_not_an_error_issue_20() {
    let env = Env::fixture("basic");
    for args in [&["index"][..], &["index", "--timings"]] {
        let mut cmd = env.command(args);
        cmd.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        // `| head -0`: the reader is gone before accord writes.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("internal error"), "{stderr}");
    }
}

#[test]
fn a_file_skipped_as_unreadable_is_read_once_it_is_readable_issue_20() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let env = Env::fixture("basic");
    env.write("locked.txt", "Zeppelin norms behind a locked door.\n");
    env.write("blank.txt", "");
    let locked = env.corpus.join("locked.txt");
    let set_mode =
        |mode| std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(mode)).unwrap();
    // Root reads any file: run accord as an ordinary user then, in a
    // scratch folder that user may write.
    // SAFETY: geteuid has no preconditions.
    let as_root = unsafe { libc::geteuid() } == 0;
    if as_root {
        let scratch = env.corpus.parent().unwrap();
        std::fs::set_permissions(scratch, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let run = |args: &[&str]| {
        let mut cmd = env.command(args);
        if as_root {
            cmd.uid(65534).gid(65534);
        }
        env.run_with(cmd, args)
    };
    set_mode(0o000);
    run(&["index"])
        .ok()
        .stdout_has("2 skipped")
        .stderr_has("locked.txt: skipped: cannot read")
        .stderr_has("blank.txt: skipped");
    // Every summary names what it skipped and why.
    run(&["index"])
        .ok()
        .stdout_has("2 skipped")
        .stderr_has("locked.txt: skipped: cannot read")
        .stderr_has("blank.txt: skipped (unchanged since an earlier run)");
    run(&["search", "zeppelin"]).code(1);
    // chmod changes neither size nor time, and still the file is read.
    set_mode(0o644);
    run(&["search", "zeppelin"])
        .ok()
        .stderr_has("1 file(s) re-indexed");
    run(&["index"])
        .ok()
        .stdout_has("1 skipped")
        .stderr_lacks("locked.txt");
}

#[test]
fn a_damaged_store_file_is_noticed_by_index_and_rebuilt_issue_20() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    let clean = env
        .run(&["search", "elections", "--json"])
        .ok()
        .stdout
        .clone();
    let store = walk(&env.index)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .expect("a .store file");
    let bytes = std::fs::read(&store).unwrap();
    std::fs::write(&store, &bytes[..bytes.len() / 2]).unwrap();
    // A search says what to do, in accord's words rather than tantivy's.
    env.run(&["search", "elections", "--no-refresh"])
        .error("accord index --rebuild")
        .stderr_lacks("tantivy 0.15");
    let run = env.run(&["index"]);
    run.ok()
        .stderr_has("is damaged")
        .stderr_has("rebuilding the index from the corpus")
        .stderr_lacks("tantivy 0.15")
        .stdout_has("3 read anew");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let after = env
        .run(&["search", "elections", "--json"])
        .ok()
        .stdout
        .clone();
    assert_eq!(after, clean);
    env.run(&["index"])
        .ok()
        .stdout_has("0 read anew")
        .stderr_lacks("damaged");
}

#[test]
fn a_stray_nul_byte_does_not_lose_the_file_issue_20() {
    let env = Env::empty();
    env.write(
        "note.txt",
        b"Paris Call\n\nStates agreed\0 to protect elections from interference.\n",
    );
    env.run(&["search", "elections", "--json"])
        .ok()
        .stderr_has("note.txt: 1 NUL byte(s) removed");
    let hits = env
        .run(&["search", "\"agreed to protect\"", "--json"])
        .ok()
        .json();
    assert_eq!(
        hits[0]["text"],
        "States agreed to protect elections from interference."
    );
}

#[test]
fn text_that_could_disguise_itself_on_a_terminal_is_escaped_issue_20() {
    let env = Env::empty();
    env.write(
        "note.txt",
        "Title\n\nThe file invoice\u{202e}fdp.exe\u{202c} was sent with a zero\u{200b}width space.\n",
    );
    env.run(&["search", "sent", "--color", "always"])
        .ok()
        .stdout_has("\\u{202e}fdp.exe\\u{202c}")
        .stdout_has("zerowidth")
        .stdout_lacks("\u{202e}");
}
