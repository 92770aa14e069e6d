//! The page in a real browser, Debian's headless chromium (installed by
//! `.ci/setup`, never here), against a live `accord serve`:
//!
//! - each view loaded from its URL with `--dump-dom`, the page's script run
//!   in virtual time, the resulting DOM checked;
//! - a user's path through chromedriver (W3C WebDriver, spoken over plain
//!   HTTP): typing a query, clicking a facet, opening the reader and going
//!   back, a speaker's quotes, the trend chart, sorting the concordance.
//!
//! Screenshots of each view go to the target directory's `tmp/browser/`
//! for a person to look at. Each test says it is skipped when chromium
//! (or chromedriver) is absent.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

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
    // Counted by the server over every match.
    assert!(dom.contains("6 passages match"), "{dom}");

    // A facet narrows the hits to one kind.
    let dom = load(
        &browser,
        &format!("{base}?tab=search&q=hack+back&f=kind%3Aaccord"),
        "search-facet",
    );
    assert!(dom.contains("ottawa-note.txt ¶2"), "{dom}");
    assert!(!dom.contains("harbour-digest.txt ¶2"), "{dom}");
    assert!(dom.contains("1 passage matches"), "{dom}");

    // Two kinds: passages of either; both buttons pressed.
    let dom = load(
        &browser,
        &format!("{base}?tab=search&q=hack+back&f=kind%3Aaccord&f=kind%3Adocument"),
        "search-two-kinds",
    );
    assert!(dom.contains("2 passages match"), "{dom}");
    assert!(dom.contains("undated-memo.txt ¶2"), "{dom}");
    assert!(!dom.contains("harbour-digest.txt ¶2"), "{dom}");
    assert_eq!(dom.matches("aria-pressed=\"true\"").count(), 2, "{dom}");

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

/// A WebDriver session on Debian's chromedriver, spoken to over plain
/// HTTP (the W3C protocol is JSON over HTTP; no client crate needed).
struct Driver {
    child: std::process::Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The element reference key of the W3C protocol.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Driver {
    fn start(chromium: &Path, driver: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().unwrap();
        let mut driver = Driver {
            child,
            port,
            session: String::new(),
            _profile: profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while driver.call("GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver never answered");
            std::thread::sleep(Duration::from_millis(100));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,1000",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain([format!(
            "--user-data-dir={}",
            driver._profile.path().display()
        )])
        .collect::<Vec<_>>();
        let created = driver
            .call(
                "POST",
                "/session",
                Some(json!({"capabilities": {"alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": chromium.display().to_string(), "args": args}
                }}})),
            )
            .expect("a browser session");
        driver.session = created["sessionId"].as_str().unwrap().to_string();
        driver
    }

    /// One WebDriver command; `Err` with the error message on failure.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let mut stream =
            std::net::TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        );
        stream
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        // chromedriver keeps the connection open: read the head, then
        // exactly Content-Length bytes.
        let mut reader = std::io::BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            let n =
                std::io::BufRead::read_line(&mut reader, &mut line).map_err(|e| e.to_string())?;
            if n == 0 || line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let length = head
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .ok_or_else(|| format!("no Content-Length in {head:?}"))?;
        let mut raw = vec![0; length];
        reader.read_exact(&mut raw).map_err(|e| e.to_string())?;
        let body = String::from_utf8_lossy(&raw).into_owned();
        let value: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
        let value = value["value"].clone();
        if head.starts_with("HTTP/1.1 200") {
            Ok(value)
        } else {
            Err(value["message"].as_str().unwrap_or(&body).to_string())
        }
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.call(method, &path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    fn go(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({ "url": url })));
    }

    /// The first element matching `css`.
    fn find(&self, css: &str) -> String {
        let found = self.session_call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_string()
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.session_call(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.session_call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Runs `script` (a function body) in the page and returns its value.
    fn eval(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Waits until `script` returns true, up to 15 s.
    fn wait(&self, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.eval(script) != Value::Bool(true) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for: {script}\npage: {}",
                self.eval("return document.body.innerText")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&self, name: &str) {
        let data = self.session_call("GET", "/screenshot", None);
        let path = shots().join(format!("{name}.png"));
        std::fs::write(&path, base64(data.as_str().unwrap())).unwrap();
        eprintln!("screenshot: {}", path.display());
    }
}

/// Standard base64 (the screenshot's encoding) to bytes.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|&c| c != b'=' && c != b'\n').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(value(c)) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

/// chromedriver, from ACCORD_CHROMEDRIVER or the PATH.
fn chromedriver() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ACCORD_CHROMEDRIVER") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("chromedriver"))
            .find(|p| p.is_file())
    })
}

#[test]
fn browser_types_clicks_and_reads_like_a_user() {
    let (Some(browser), Some(driver)) = (chromium(), chromedriver()) else {
        eprintln!("skipped: chromium or chromedriver not found (run .ci/setup)");
        return;
    };
    let env = research_corpus();
    let server = start(&env, &[]);
    let base = format!("http://{}/", server.address);
    let d = Driver::start(&browser, &driver);

    // Type a query: highlighted hits appear without pressing Enter.
    d.go(&base);
    d.type_into("#q", "hack back");
    d.wait("return document.querySelectorAll('#hits mark').length > 0");
    let marked =
        d.eval("return [...document.querySelectorAll('#hits mark')].map(m => m.textContent)");
    assert!(
        marked.as_array().unwrap().iter().any(|m| m == "hack back"),
        "{marked}"
    );
    d.screenshot("wd-search");

    // Click a facet: only that kind's hits remain.
    d.wait("return [...document.querySelectorAll('button.facet')].some(b => b.textContent.startsWith('accord'))");
    d.eval("[...document.querySelectorAll('button.facet')].find(b => b.textContent.startsWith('accord')).click()");
    d.wait("return document.querySelectorAll('#hits > li').length === 1");
    assert!(d
        .eval("return location.search")
        .as_str()
        .unwrap()
        .contains("f=kind%3Aaccord"));

    // Open the reader at the passage, then come back with Back.
    d.click("#hits .title");
    d.wait("return !!document.querySelector('#reader .target')");
    let target = d.eval("return document.querySelector('#reader .target').textContent");
    assert!(target.as_str().unwrap().contains("hack back"), "{target}");
    d.screenshot("wd-reader");
    d.eval("history.back()");
    d.wait("return !document.getElementById('search-view').hidden && document.querySelectorAll('#hits > li').length === 1");

    // A speaker's quotes.
    d.click("button[data-tab=quotes]");
    d.wait("return [...document.querySelectorAll('#speakers button')].some(b => b.textContent === 'Mara Quill')");
    d.eval("[...document.querySelectorAll('#speakers button')].find(b => b.textContent === 'Mara Quill').click()");
    d.wait("return document.getElementById('quote-list').textContent.includes('Nobody should hack back')");
    d.screenshot("wd-quotes");

    // Wording: the trend chart and the concordance, sorted by a click.
    d.click("button[data-tab=wording]");
    d.type_into("#phrase", "hack back");
    d.click("#wording-form button[type=submit]");
    d.wait("return document.querySelectorAll('#trend rect.bar').length === 3");
    d.click("button.sort[data-sort=left]");
    d.wait("return document.querySelector('button.sort[data-sort=left]').getAttribute('aria-pressed') === 'true' && document.querySelectorAll('#kwic tbody tr').length === 5");
    let lefts =
        d.eval("return [...document.querySelectorAll('#kwic td.left')].map(td => td.textContent)");
    // Nearest word first: the word before the match orders the lines.
    let nearest: Vec<String> = lefts
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l.as_str()
                .unwrap()
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase()
        })
        .collect();
    let mut sorted = nearest.clone();
    sorted.sort();
    assert_eq!(nearest, sorted, "{lefts}");
    d.screenshot("wd-wording");

    // Markup in the corpus stays text: no element, no script run.
    d.go(&format!("{base}?tab=search&q=onerror"));
    d.wait("return document.querySelectorAll('#hits > li').length > 0");
    assert_eq!(
        d.eval("return document.querySelectorAll('#hits img, #hits script').length"),
        0
    );
    assert!(d
        .eval("return document.getElementById('hits').textContent")
        .as_str()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
    assert!(
        d.call("GET", &format!("/session/{}/alert/text", d.session), None)
            .is_err(),
        "an alert opened"
    );
}
