//! The index under faults (#20): a read-only index, a full disk, file
//! names that are not UTF-8, hostile nesting. Each fault is made for real
//! where the machine allows (a read-only mount or a small tmpfs needs
//! root); otherwise the test says on stderr what it skipped.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

use crate::common::{live_version, Env, Run};

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Takes write permission from everything under `path` (`chmod -R a-w`),
/// or gives the owner it back.
fn set_writable(path: &Path, writable: bool) {
    let meta = std::fs::symlink_metadata(path).unwrap();
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            set_writable(&entry.unwrap().path(), writable);
        }
    }
    let mode = meta.permissions().mode();
    let mode = if writable {
        mode | 0o200
    } else {
        mode & !0o222
    };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A file system mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    /// Runs `mount ARGS… TARGET` for each of `steps`; `None` (with the
    /// reason on stderr) where this machine does not allow it.
    fn new(steps: &[&[&str]], target: &Path, what: &str) -> Option<Mount> {
        std::fs::create_dir_all(target).unwrap();
        let mut mounted = None;
        for args in steps {
            let out = std::process::Command::new("mount")
                .args(*args)
                .arg(target)
                .output();
            let refused = match out {
                Ok(out) if out.status.success() => {
                    mounted.get_or_insert_with(|| Mount(target.to_path_buf()));
                    continue;
                }
                Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
                Err(e) => format!("cannot run mount: {e}"),
            };
            eprintln!("skipped {what}: mount refused ({refused})");
            return None;
        }
        mounted
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).output();
    }
}

/// How many lines of `run`'s stderr hold `needle`.
fn stderr_lines_with(run: &Run, needle: &str) -> usize {
    run.stderr.lines().filter(|l| l.contains(needle)).count()
}

/// What a read-only index must do: answer searches (refreshing or not),
/// say once that it was not refreshed, refuse `accord index` in one line.
fn check_read_only_index(run: impl Fn(&[&str]) -> Run) {
    run(&["search", "elections", "--no-refresh"])
        .ok()
        .stdout_has("election")
        .stderr_lacks("damaged");
    // The corpus has changed: the refresh is what cannot be done.
    let refreshing = run(&["search", "elections"]);
    refreshing.ok().stdout_has("election");
    assert_eq!(
        stderr_lines_with(&refreshing, "read-only, not refreshed"),
        1,
        "{}",
        refreshing.stderr
    );
    run(&["search", "zeppelin"]).code(1);
    run(&["kwic", "election", "--json"]).ok();
    run(&["index"]).error("is read-only");
}

#[test]
fn a_read_only_index_is_searched_as_it_is_issue_20() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    env.write("later.txt", "A note on zeppelin diplomacy, added later.\n");
    let before: Vec<_> = std::fs::read_dir(env.index.join(live_version()))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    set_writable(&env.index, false);
    // Root writes whatever the permissions say: search as an ordinary
    // user then, who may read the scratch folder but not write the index.
    let root = is_root();
    if root {
        let scratch = env.corpus.parent().unwrap();
        std::fs::set_permissions(scratch, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    check_read_only_index(|args| {
        let mut cmd = env.command(args);
        if root {
            cmd.uid(65534).gid(65534);
        }
        env.run_with(cmd, args)
    });
    set_writable(&env.index, true);
    let mut after: Vec<_> = std::fs::read_dir(env.index.join(live_version()))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let mut before = before;
    before.sort();
    after.sort();
    assert_eq!(before, after, "the read-only index was left as it was");
    env.run(&["search", "zeppelin"])
        .ok()
        .stderr_has("1 file(s) re-indexed");
}

#[test]
fn an_index_on_a_read_only_mount_is_searched_as_it_is_issue_20() {
    let env = Env::fixture("basic");
    env.run(&["index"]).ok();
    env.write("later.txt", "A note on zeppelin diplomacy, added later.\n");
    let view = env.corpus.parent().unwrap().join("archive");
    let index = env.index.to_str().unwrap();
    let what = "searching an index on a read-only mount";
    let steps: [&[&str]; 2] = [&["--bind", index], &["-o", "remount,ro,bind"]];
    let Some(_mount) = Mount::new(&steps, &view, what) else {
        return;
    };
    check_read_only_index(|args| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_accord"));
        cmd.args(args)
            .arg("--corpus")
            .arg(&env.corpus)
            .arg("--index")
            .arg(&view)
            .stdin(std::process::Stdio::null());
        env.run_with(cmd, args)
    });
}

/// About 1.7 MB of text in 3,000 paragraphs of made-up words: its index
/// does not fit in a 1 MB file system.
fn bulky_text() -> String {
    let mut seed = 1u64;
    let mut word = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        format!("norm{}", (seed >> 33) % 20_000)
    };
    (0..3_000)
        .map(|_| (0..60).map(|_| word()).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The names in the live index folder.
fn live_files(index: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(index.join(live_version()))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_disk_undoes_the_update_and_searches_use_the_index_as_it_was_issue_20() {
    let env = Env::fixture("basic");
    let small = env.corpus.parent().unwrap().join("small");
    let what = "filling the disk (needs a 1 MB tmpfs)";
    let Some(_mount) = Mount::new(&[&["-t", "tmpfs", "-o", "size=1m", "tmpfs"]], &small, what)
    else {
        return;
    };
    let on_small = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_accord"));
        cmd.args(args)
            .arg("--corpus")
            .arg(&env.corpus)
            .arg("--index")
            .arg(small.join("index"))
            .stdin(std::process::Stdio::null());
        env.run_with(cmd, args)
    };
    on_small(&["index"]).ok();
    let index = small.join("index");
    let before = live_files(&index);
    let clean = on_small(&["search", "elections", "--json"]).ok().json();
    env.write("bulky.txt", bulky_text());

    // The refresh fails, is undone, and the search answers from the old index.
    let search = on_small(&["search", "elections", "--json"]);
    search
        .ok()
        .stderr_has("disk full")
        .stderr_has("searching the index as it was");
    assert_eq!(search.json(), clean);
    assert_eq!(live_files(&index), before, "no segment is left behind");
    on_small(&["search", "elections", "--no-refresh"]).ok();
    on_small(&["index"]).error("disk full: no space left");
    assert_eq!(live_files(&index), before);
    on_small(&["index", "--rebuild"]).error("free some space");
    let left: Vec<_> = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter().all(|n| !n.ends_with(".new")),
        "a failed --rebuild leaves no staging folder: {left:?}"
    );
    assert_eq!(on_small(&["search", "elections", "--json"]).json(), clean);

    // Space again (here: less to index), and the update goes through.
    env.write("bulky.txt", "A short note on norm42 instead.\n");
    on_small(&["search", "norm42"])
        .ok()
        .stderr_lacks("disk full")
        .stderr_has("1 file(s) re-indexed");
}

#[test]
fn names_that_differ_in_one_byte_outside_utf8_are_two_documents_issue_20() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::empty();
    for (byte, words) in [(0xFF, "norms"), (0xFE, "treaties")] {
        let name = [b'a', byte, b'.', b't', b'x', b't'];
        std::fs::write(
            env.corpus.join(std::ffi::OsStr::from_bytes(&name)),
            format!("A zeppelin note about {words}.\n"),
        )
        .unwrap();
    }
    env.run(&["index"]).ok().stdout_has("indexed 2 documents");
    let hits = env.run(&["search", "zeppelin", "--json"]).ok().json();
    let mut docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    docs.sort();
    assert_eq!(docs, ["a\\xFE.txt", "a\\xFF.txt"]);
    // Stable: the names lead back to their files, so nothing looks changed.
    env.run(&["search", "zeppelin"])
        .ok()
        .stdout_has("a\\xFF.txt ¶1")
        .stderr_lacks("updated");
    env.run(&["index"]).ok().stdout_has("0 read anew");
    // The id as shown finds its passage.
    env.run(&["similar", "a\\xFF.txt:1"])
        .ok()
        .stdout_has("Passages like a\\xFF.txt ¶1")
        .stdout_has("a\\xFE.txt ¶1");
}
