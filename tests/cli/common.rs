//! The test harness: a scratch corpus and index, and a runner that prints
//! the command and both streams whenever an assertion fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Env {
    _dir: tempfile::TempDir,
    pub corpus: PathBuf,
    pub index: PathBuf,
}

/// Where the repository's fixtures and shipped corpus live.
pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

impl Env {
    /// An empty corpus directory and no index.
    pub fn empty() -> Env {
        let dir = tempfile::tempdir().expect("a temp dir can be made");
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        std::fs::create_dir(&corpus).expect("corpus dir can be made");
        Env {
            _dir: dir,
            corpus,
            index,
        }
    }

    /// A copy of `tests/fixtures/<name>` (its README.md and scripts left out).
    pub fn fixture(name: &str) -> Env {
        let env = Env::empty();
        copy_dir(&repo_path(&format!("tests/fixtures/{name}")), &env.corpus);
        env
    }

    /// A copy of the corpus shipped in the repository.
    pub fn shipped() -> Env {
        let env = Env::empty();
        copy_dir(&repo_path("corpus"), &env.corpus);
        env
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let path = self.corpus.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.corpus.join(rel)).unwrap();
    }

    /// The command for `accord ARGS --corpus … --index …`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_accord"));
        cmd.args(args)
            .arg("--corpus")
            .arg(&self.corpus)
            .arg("--index")
            .arg(&self.index)
            .env_remove("NO_COLOR")
            .env_remove("ACCORD_CORPUS")
            .env_remove("ACCORD_INDEX")
            .env_remove("ACCORD_TOKEN")
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(self.command(args), args)
    }

    pub fn run_with(&self, mut cmd: Command, args: &[&str]) -> Run {
        let out = cmd.output().expect("accord runs");
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Files that describe or generate a fixture corpus rather than belong to it.
fn is_fixture_furniture(name: &str) -> bool {
    name == "README.md" || name.ends_with(".py")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else if !is_fixture_furniture(&entry.file_name().to_string_lossy()) {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// One finished run of accord.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\n--- accord {}\n--- exit code {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        );
    }

    pub fn code(&self, expected: i32) -> &Self {
        if self.code != expected {
            self.fail(&format!("expected exit code {expected}"));
        }
        self
    }

    pub fn ok(&self) -> &Self {
        self.code(0)
    }

    pub fn stdout_has(&self, needle: &str) -> &Self {
        if !self.stdout.contains(needle) {
            self.fail(&format!("stdout lacks {needle:?}"));
        }
        self
    }

    pub fn stdout_lacks(&self, needle: &str) -> &Self {
        if self.stdout.contains(needle) {
            self.fail(&format!("stdout has {needle:?}"));
        }
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Self {
        if !self.stderr.contains(needle) {
            self.fail(&format!("stderr lacks {needle:?}"));
        }
        self
    }

    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        if self.stderr.contains(needle) {
            self.fail(&format!("stderr has {needle:?}"));
        }
        self
    }

    /// An error run: exit code 2 and exactly one `accord:` line naming `needle`.
    pub fn error(&self, needle: &str) -> &Self {
        self.code(2).stderr_has(needle);
        if self
            .stderr
            .lines()
            .filter(|l| l.starts_with("accord: ") && !l.starts_with("accord: warning"))
            .count()
            != 1
            || self.stderr.contains("panicked")
        {
            self.fail("expected one error line and no panic");
        }
        self
    }

    /// `--json` output, one object per line.
    pub fn json(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| self.fail(&format!("bad JSON line {l:?}: {e}")))
            })
            .collect()
    }

    /// Text hits' citation lines, in rank order.
    pub fn citations(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter(|l| l.starts_with("    ") && l.contains(" ¶"))
            .map(|l| l.trim().split(" · ").next().unwrap_or_default().to_string())
            .collect()
    }
}

/// The text a `[start, end]` highlight pair covers in `text`.
pub fn slice<'a>(text: &'a str, range: &serde_json::Value) -> &'a str {
    let start = range[0].as_u64().unwrap() as usize;
    let end = range[1].as_u64().unwrap() as usize;
    &text[start..end]
}

/// The texts a `--json` hit's highlights cover, in order.
pub fn highlighted(hit: &serde_json::Value) -> Vec<String> {
    let text = hit["text"].as_str().unwrap();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| slice(text, h).to_string())
        .collect()
}

/// The folder name of the live index inside `--index` (`v12`).
pub fn live_version() -> String {
    format!("v{}", accord::index::schema::SCHEMA_VERSION)
}
