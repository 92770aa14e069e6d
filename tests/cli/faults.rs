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
