//! The page in a real browser: Debian's headless chromium (installed by
//! `.ci/setup`, never here) loads each view from its URL, runs the page's
//! script against a live `accord serve`, and the resulting DOM is checked;
//! a screenshot of each view is saved under the target directory's
//! `tmp/browser/` for a person to look at. Skipped, saying so, when
//! chromium is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::serve::{research_corpus, start};

/// The browser, from ACCORD_CHROMIUM or `chromium` on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ACCORD_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("chromium"))
            .find(|p| p.is_file())
    })
}

/// Where screenshots go.
fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Loads `url` in a fresh headless profile, lets its script run, and
/// returns the DOM; with `shot`, also saves a screenshot by that name.
fn load(browser: &Path, url: &str, shot: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let flags = |cmd: &mut Command| {
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,1000",
            // Script, fetches and timers run to completion in virtual time.
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()));
    };
    let mut dump = Command::new(browser);
    flags(&mut dump);
    let out = dump
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed on {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut picture = Command::new(browser);
    flags(&mut picture);
    let path = shots().join(format!("{shot}.png"));
    let taken = picture
        .arg(format!("--screenshot={}", path.display()))
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        taken.status.success() && path.is_file(),
        "no screenshot of {url}"
    );
    eprintln!("screenshot: {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn browser_shows_each_view_with_corpus_text_as_text() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium not found (run .ci/setup, or set ACCORD_CHROMIUM)");
        return;
    };
    let env = research_corpus();
    let server = start(&env, &[]);
    let base = format!("http://{}/", server.address);

    // Search: ranked hits with the match marked, facets with counts.
    let dom = load(
        &browser,
        &format!("{base}?tab=search&q=hack+back"),
        "search",
    );
    assert!(dom.contains("<mark>hack back</mark>"), "{dom}");
    assert!(dom.contains("ottawa-note.txt ¶2"), "{dom}");
    assert!(dom.contains("aria-pressed=\"false\""), "no facets: {dom}");

    // A facet narrows the hits to one kind.
    let dom = load(
        &browser,
        &format!("{base}?tab=search&q=hack+back&f=kind%3Aaccord"),
        "search-facet",
    );
    assert!(dom.contains("ottawa-note.txt ¶2"), "{dom}");
    assert!(!dom.contains("harbour-digest.txt ¶2"), "{dom}");

    // The reader opens at the passage; markup in the corpus is text.
    let dom = load(
        &browser,
        &format!("{base}?tab=reader&doc=markup.txt&passage=1"),
        "reader-markup",
    );
    assert!(
        dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
        "{dom}"
    );
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "{dom}");
    assert!(!dom.contains("<img"), "markup became an element: {dom}");
    assert_eq!(dom.matches("<script").count(), 1, "{dom}");
    assert!(dom.contains("class=\"para target\""), "{dom}");

    // Quotes: the speakers table and a speaker's quotes.
    let dom = load(
        &browser,
        &format!("{base}?tab=quotes&speaker=Mara+Quill"),
        "quotes",
    );
    assert!(dom.contains("Quotes by Mara Quill"), "{dom}");
    assert!(
        dom.contains("Nobody should hack back on their own"),
        "{dom}"
    );

    // Wording: the concordance sorted by right context, variants, trend.
    let dom = load(
        &browser,
        &format!("{base}?tab=wording&phrase=hack+back&sort=right"),
        "wording",
    );
    assert!(dom.contains("aria-pressed=\"true\">right context"), "{dom}");
    let rights: Vec<&str> = dom
        .split("<td class=\"match\">")
        .skip(1)
        .filter_map(|row| row.split("<td>").nth(1)?.split("</td>").next())
        .collect();
    assert!(rights.len() >= 2, "{dom}");
    let mut sorted = rights.clone();
    // By the words after the match, punctuation aside.
    sorted.sort_by_key(|r| {
        r.trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    assert_eq!(rights, sorted, "not sorted by right context");
    assert_eq!(
        dom.matches("class=\"bar\"").count(),
        3,
        "one bar a year: {dom}"
    );
}
