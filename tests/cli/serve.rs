//! `accord serve`: the real binary on a free loopback port, asked over
//! plain HTTP/1.1 (std's TcpStream; no client crate), its answers checked
//! against the CLI's `--json` for the same query.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::Env;

/// A running `accord serve`, killed when dropped.
pub(crate) struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    pub(crate) address: String,
    stderr: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/json; charset=utf-8"),
            "{}",
            self.body
        );
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The `error` of a JSON error answer with status `status`.
    fn error(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        self.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error message: {}", self.body))
            .to_string()
    }
}

/// Starts `accord serve --port 0 ARGS` and waits for the URL it prints.
pub(crate) fn start(env: &Env, args: &[&str]) -> Server {
    start_command(env.command(&[&["serve", "--port", "0"], args].concat()))
}

fn start_command(mut command: Command) -> Server {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("accord serve starts");
    let (lines, stdout) = mpsc::channel();
    let out = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let (errors, stderr) = mpsc::channel();
    let err = BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in err.lines().map_while(Result::ok) {
            let _ = errors.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match stdout.recv_timeout(left) {
            Ok(line) => {
                if let Some(url) = line.strip_prefix("Serving at http://") {
                    let address = url.trim_end_matches('/').to_string();
                    return Server {
                        child,
                        address,
                        stderr,
                    };
                }
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let said: Vec<String> = stderr.try_iter().collect();
                panic!("accord serve printed no URL; stderr:\n{}", said.join("\n"));
            }
        }
    }
}

impl Server {
    fn get(&self, target: &str) -> Response {
        self.request("GET", target, &[])
    }

    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> Response {
        let mut stream = TcpStream::connect(&self.address).expect("the server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut head =
            format!("{method} {target} HTTP/1.1\r\nConnection: close\r\nAccept: */*\r\n");
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {}\r\n", self.address));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("a response");
        parse_response(&raw)
    }

    /// `/api/ENDPOINT?QUERY` answered 200 with a JSON array.
    fn list(&self, target: &str) -> Vec<Value> {
        let response = self.get(target);
        assert_eq!(response.status, 200, "{target}: {}", response.body);
        match response.json() {
            Value::Array(items) => items,
            other => panic!("{target}: not an array: {other}"),
        }
    }

    /// Stderr lines printed so far.
    fn stderr(&self) -> Vec<String> {
        self.stderr.try_iter().collect()
    }
}

fn parse_response(raw: &[u8]) -> Response {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of headers in {text:?}"));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

/// `%`-encodes a query value.
fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Three dated documents and an undated one, each using some wording of
/// "hack back", a quote, and a document holding markup.
pub(crate) fn research_corpus() -> Env {
    let env = Env::empty();
    env.write(
        "catalog.toml",
        "[[document]]\npath = \"ottawa-note.txt\"\nkind = \"accord\"\ndate = \"2017-05-02\"\nsource = \"Ottawa Desk\"\n\n\
         [[document]]\npath = \"lakeside-brief.txt\"\nkind = \"commentary\"\ndate = \"2018-11-12\"\nsource = \"Lakeside Review\"\n\n\
         [[document]]\npath = \"harbour-digest.txt\"\nkind = \"commentary\"\ndate = \"2019\"\nsource = \"Harbour Digest\"\n",
    );
    env.write(
        "ottawa-note.txt",
        "Ottawa note on private retaliation\n\n\
         States agree that companies must not hack back against intruders.\n\n\
         The note asks each state to name a contact point for incidents.\n",
    );
    env.write(
        "lakeside-brief.txt",
        "Lakeside brief on hacking back\n\n\
         Firms keep asking whether hacking back is ever lawful; the answer remains no.\n\n\
         \"Nobody should hack back on their own,\" said Mara Quill, the director of the Lakeside Institute.\n",
    );
    env.write(
        "harbour-digest.txt",
        "Harbour digest\n\n\
         The digest lists three proposals to let firms hack back, all rejected.\n",
    );
    env.write(
        "undated-memo.txt",
        "Memo without a date\n\n\
         A memo warns that hacked back networks are often innocent bystanders.\n",
    );
    env.write(
        "markup.txt",
        "Markup sample\n\n\
         Corpus text <script>alert('x')</script> and <img src=x onerror=alert(1)> stays text.\n",
    );
    env
}

/// The CLI's `--json` objects for `accord ARGS --json`.
fn cli_json(env: &Env, args: &[&str]) -> Vec<Value> {
    let run = env.run(&[args, &["--json", "--no-refresh"]].concat());
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json()
}

/// Equal JSON, floats equal to 6 significant digits: `similar` sums its
/// weights in hash order, which differs from process to process in the
/// last digit of an f32.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-6 * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn serve_answers_with_the_objects_the_cli_prints() {
    let env = research_corpus();
    let server = start(&env, &[]);
    let cases: [(&str, &[&str]); 11] = [
        ("/api/search?q=hack+back", &["search", "hack", "back"]),
        (
            "/api/search?q=hack+back&facets=1&limit=2",
            &["search", "hack", "back", "--facets", "-n", "2"],
        ),
        (
            "/api/search?q=firms&kind=commentary&limit=1",
            &["search", "firms", "--kind", "commentary", "-n", "1"],
        ),
        (
            "/api/search?q=firms&since=2018&until=2018-12",
            &["search", "firms", "--since", "2018", "--until", "2018-12"],
        ),
        ("/api/quotes", &["quotes"]),
        (
            "/api/quotes?speaker=quill",
            &["quotes", "--speaker", "quill"],
        ),
        ("/api/speakers", &["speakers"]),
        (
            "/api/kwic?q=hack+back&stem=true&sort=left",
            &["kwic", "hack", "back", "--stem", "--sort", "left"],
        ),
        ("/api/variants?q=hack+back", &["variants", "hack back"]),
        (
            "/api/similar?paragraph=ottawa-note.txt:2&limit=3",
            &["similar", "ottawa-note.txt:2", "-n", "3"],
        ),
        (
            "/api/trend?q=hack+back&per=month",
            &["trend", "hack", "back", "--per", "month"],
        ),
    ];
    for (target, args) in cases {
        let api = Value::Array(server.list(target));
        let cli = Value::Array(cli_json(&env, args));
        assert!(
            same_json(&api, &cli),
            "{target} differs from accord {}:\n{api:#?}\n{cli:#?}",
            args.join(" ")
        );
        assert!(
            api != Value::Array(Vec::new()),
            "{target} found nothing to compare"
        );
    }
    // Each answer says how long it took in the process: the wait for a
    // query thread, then the answer.
    let answered = server.get("/api/search?q=hack+back");
    let timing = answered
        .header("server-timing")
        .expect("a Server-Timing header");
    let metrics: Vec<(&str, f64)> = timing
        .split(", ")
        .map(|m| {
            let (name, dur) = m.split_once(";dur=").expect(timing);
            (name, dur.parse().expect(timing))
        })
        .collect();
    let names: Vec<&str> = metrics.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["wait", "answer"], "{timing}");
    assert!(
        metrics.iter().all(|(_, d)| *d >= 0.0) && metrics[1].1 > 0.0,
        "{timing}"
    );
}

/// `(value, passages)` of facet `name` in a `{"facets": …}` object.
pub(crate) fn facet(facets: &Value, name: &str) -> Vec<(Option<String>, u64)> {
    facets["facets"][name]
        .as_array()
        .unwrap_or_else(|| panic!("no facet {name} in {facets}"))
        .iter()
        .map(|c| {
            let value = c["value"].as_str().map(str::to_string);
            (value, c["passages"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn serve_facets_count_every_match_and_narrow_with_the_filters_they_name() {
    let env = research_corpus();
    let server = start(&env, &[]);
    // Six passages hold a wording of "hack back"; one hit is asked for,
    // and the facets still count all six.
    let answer = server.list("/api/search?q=hack+back&limit=1&facets=1");
    assert_eq!(answer.len(), 2, "{answer:#?}");
    let facets = &answer[1];
    assert_eq!(facets["facets"]["passages"], 6);
    let some = |v: &str, n| (Some(v.to_string()), n);
    assert_eq!(
        facet(facets, "kind"),
        [
            some("commentary", 4),
            some("accord", 1),
            some("document", 1)
        ]
    );
    assert_eq!(
        facet(facets, "year"),
        [some("2019", 1), some("2018", 3), some("2017", 1), (None, 1)]
    );
    assert_eq!(facet(facets, "speaker"), [some("Mara Quill", 1)]);
    // Clicking facets sends them back as filters: kind, source, a year as
    // a date range, a speaker; each count is what the click leaves.
    let narrowed = server.list(
        "/api/search?q=hack+back&facets=1&kind=commentary&source=Lakeside+Review&since=2018&until=2018",
    );
    let (hits, facets) = narrowed.split_at(narrowed.len() - 1);
    assert_eq!(hits.len(), 3);
    assert_eq!(facets[0]["facets"]["passages"], 3);
    assert_eq!(facet(&facets[0], "source"), [some("Lakeside Review", 3)]);
    let quoted = server.list("/api/search?q=hack+back&facets=1&speaker=Mara+Quill");
    assert_eq!(quoted.len(), 2);
    assert_eq!(quoted[0]["citation"], "lakeside-brief.txt ¶3");
    // Without `facets` the answer is the hits alone, as before.
    let plain = server.list("/api/search?q=hack+back&limit=1");
    assert_eq!(plain.len(), 1);
    assert!(plain[0].get("facets").is_none());
}

#[test]
fn serve_facet_values_of_one_group_are_alternatives_and_keep_their_counts() {
    let env = research_corpus();
    let server = start(&env, &[]);
    let some = |v: &str, n| (Some(v.to_string()), n);
    // Two kinds chosen: passages of either. The kind group is counted
    // without its own filter, so the third kind still shows what adding
    // it would bring; the other groups count the five passages chosen.
    let either = server.list("/api/search?q=hack+back&facets=1&kind=commentary&kind=accord");
    let (hits, facets) = either.split_at(either.len() - 1);
    assert_eq!(hits.len(), 5, "{hits:#?}");
    assert_eq!(facets[0]["facets"]["passages"], 5);
    assert_eq!(
        facet(&facets[0], "kind"),
        [
            some("commentary", 4),
            some("accord", 1),
            some("document", 1)
        ]
    );
    assert_eq!(
        facet(&facets[0], "year"),
        [some("2019", 1), some("2018", 3), some("2017", 1)]
    );
    // With a year as well, kinds count within the year, and years within
    // the kinds.
    let in_2018 = server
        .list("/api/search?q=hack+back&facets=1&kind=commentary&kind=accord&since=2018&until=2018");
    let facets = in_2018.last().unwrap();
    assert_eq!(facets["facets"]["passages"], 3);
    assert_eq!(facet(facets, "kind"), [some("commentary", 3)]);
    assert_eq!(
        facet(facets, "year"),
        [some("2019", 1), some("2018", 3), some("2017", 1)]
    );
    // The CLI repeats the flag for the same alternatives.
    let cli = cli_json(
        &env,
        &[
            "search",
            "hack",
            "back",
            "--kind",
            "commentary",
            "--kind",
            "accord",
        ],
    );
    let mut docs: Vec<&str> = cli.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    docs.sort_unstable();
    docs.dedup();
    assert_eq!(
        docs,
        [
            "harbour-digest.txt",
            "lakeside-brief.txt",
            "ottawa-note.txt"
        ]
    );
    // Only facet groups repeat; a repeated date is still a mistake.
    let twice = server.get("/api/search?q=hack&since=2018&since=2019");
    assert_eq!(twice.error(400), "parameter 'since' is given twice");
    // Alternatives are bounded, as every other part of a request.
    let many: String = (0..51).map(|i| format!("&kind=k{i}")).collect();
    let bounded = server.get(&format!("/api/search?q=hack{many}"));
    assert_eq!(bounded.error(400), "kind: at most 50 values per request");
}

#[test]
fn serve_orders_tied_hits_by_document_id_as_the_cli_does() {
    // Twelve documents with the same sentence score the same; indexed in
    // two builds, so their ids sit in two segments' dictionaries, which
    // the server ranks once and the CLI reads per query.
    let env = Env::empty();
    let names = ["m", "c", "x", "a", "q", "f", "z", "b", "k", "e", "t", "h"];
    for (i, name) in names.iter().enumerate() {
        env.write(
            &format!("{name}-copy.txt"),
            "Copy\n\nThe same sentence about tied lighthouses in every copy.\n",
        );
        if i == 5 {
            env.run(&["index"]).ok();
        }
    }
    env.run(&["index"]).ok();
    let server = start(&env, &[]);
    let api = server.list("/api/search?q=tied+lighthouses&limit=12");
    let cli = cli_json(&env, &["search", "tied", "lighthouses", "-n", "12"]);
    assert!(same_json(&Value::Array(api.clone()), &Value::Array(cli)));
    let docs: Vec<&str> = api.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    let mut sorted = docs.clone();
    sorted.sort_unstable();
    assert_eq!(docs, sorted);
    assert_eq!(docs.len(), 12);
}

#[test]
fn serve_trend_counts_every_wording_per_period() {
    let env = research_corpus();
    let server = start(&env, &[]);
    let years = server.list("/api/trend?q=hack+back");
    let counts: Vec<(Value, Value)> = years
        .iter()
        .map(|p| (p["period"].clone(), p["count"].clone()))
        .collect();
    // hack back (2017), hacking back twice (2018 title and text) and hack
    // back in the quote (2018), hack back (2019), hacked back (undated).
    assert_eq!(
        counts,
        vec![
            (Value::from("2017"), Value::from(1)),
            (Value::from("2018"), Value::from(3)),
            (Value::from("2019"), Value::from(1)),
            (Value::Null, Value::from(1)),
        ],
        "{years:#?}"
    );
    let months = server.list("/api/trend?q=hack+back&per=month");
    // May 2017 to November 2018 without gaps, then the year-only and
    // undated documents together.
    assert_eq!(months.len(), 19 + 1, "{months:#?}");
    assert_eq!(months[0]["period"], "2017-05");
    assert_eq!(months[18]["period"], "2018-11");
    assert_eq!(months[1]["count"], 0);
    assert_eq!(months[19]["period"], Value::Null);
    assert_eq!(months[19]["count"], 2);
}

#[test]
fn serve_errors_are_json_with_the_cli_message() {
    let env = research_corpus();
    let server = start(&env, &[]);
    let cli = env.run(&["search", "\"unbalanced", "--no-refresh"]);
    let cli_message = cli.stderr.trim().strip_prefix("accord: ").unwrap();
    let api = server.get("/api/search?q=%22unbalanced").error(400);
    assert_eq!(api, cli_message);
    let cli = env.run(&["search", "x", "--since", "2019-02-30", "--no-refresh"]);
    let api = server.get("/api/search?q=x&since=2019-02-30").error(400);
    assert_eq!(api, cli.stderr.trim().strip_prefix("accord: ").unwrap());
    let cli = env.run(&["similar", "nowhere.txt:1", "--no-refresh"]);
    let api = server
        .get("/api/similar?paragraph=nowhere.txt:1")
        .error(400);
    assert_eq!(api, cli.stderr.trim().strip_prefix("accord: ").unwrap());

    assert_eq!(
        server.get("/api/search?q=x&limit=0").error(400),
        "limit: must be at least 1"
    );
    assert!(server
        .get("/api/search?q=x&limit=100000")
        .error(400)
        .contains("at most 1000"));
    assert!(server
        .get("/api/search?q=x&colour=red")
        .error(400)
        .contains("unknown parameter 'colour'"));
    let long = "a".repeat(1001);
    assert!(server
        .get(&format!("/api/search?q={long}"))
        .error(400)
        .contains("longer than 1000 characters"));
    assert!(server
        .get("/api/kwic?q=hack&sort=sideways")
        .error(400)
        .contains("is not one of doc, left, right"));
    assert!(server.get("/api/kwic").error(400).contains("q=WORDS"));
    assert!(server
        .get("/api/nothing")
        .error(404)
        .contains("no API endpoint"));
    assert!(server.get("/no-page").error(404).contains("no page"));
    assert_eq!(
        server.request("POST", "/api/search?q=x", &[]).error(405),
        "only GET requests are served"
    );
    let huge = format!("/api/search?q={}", "b".repeat(9000));
    assert_eq!(server.get(&huge).status, 414);
}

#[test]
fn serve_document_is_what_show_json_prints() {
    let env = research_corpus();
    let server = start(&env, &[]);
    for doc in ["lakeside-brief.txt", "undated-memo.txt"] {
        let api = server.get(&format!("/api/documents/{}", enc(doc)));
        assert_eq!(api.status, 200, "{}", api.body);
        let cli = cli_json(&env, &["show", doc]);
        assert_eq!(cli.len(), 1);
        assert!(same_json(&api.json(), &cli[0]), "{doc}: {}", api.body);
    }
}

#[test]
fn serve_resolves_document_ids_through_the_index_only() {
    let env = research_corpus();
    let server = start(&env, &[]);
    let doc = server.get("/api/documents/lakeside-brief.txt").json();
    assert_eq!(doc["title"], "Lakeside brief on hacking back");
    assert_eq!(doc["date"], "2018-11-12");
    let passages = doc["passages"].as_array().unwrap();
    assert_eq!(passages[1]["citation"], "lakeside-brief.txt ¶2");
    assert_eq!(doc["quotes"][0]["speaker"], "Mara Quill");
    // Each passage is the object `search --json` prints for it.
    let hits = cli_json(&env, &["search", "lawful"]);
    let mut listed = passages[1].clone();
    listed["score"] = hits[0]["score"].clone();
    listed["highlights"] = hits[0]["highlights"].clone();
    listed["snippet"] = hits[0]["snippet"].clone();
    listed["snippet_highlights"] = hits[0]["snippet_highlights"].clone();
    assert_eq!(listed, hits[0]);

    // Files that exist on disk but are no document id: never read.
    for target in [
        "/api/documents/..%2Fcatalog.toml",
        "/api/documents/../catalog.toml",
        "/api/documents/catalog.toml",
        "/api/documents/%2Fetc%2Fpasswd",
        "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/documents/",
    ] {
        let response = server.get(target);
        assert!(
            response.status == 404,
            "{target}: {} {}",
            response.status,
            response.body
        );
        assert!(!response.body.contains("root:"), "{target}");
    }
}

#[test]
fn serve_returns_markup_in_the_corpus_as_data_under_a_strict_policy() {
    let env = research_corpus();
    let server = start(&env, &[]);
    let hits = server.list("/api/search?q=onerror");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(text.contains("<script>alert('x')</script>"), "{text}");
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    let doc = server.get("/api/documents/markup.txt");
    assert!(doc.body.contains("<script>alert('x')</script>"));
    assert_eq!(
        doc.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(doc.header("x-content-type-options"), Some("nosniff"));

    let page = server.get("/");
    assert_eq!(page.status, 200);
    for response in [&page, &doc, &server.get("/api/nothing")] {
        let csp = response
            .header("content-security-policy")
            .expect("a Content-Security-Policy header");
        assert!(csp.contains("script-src 'self'"), "{csp}");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
    }
    // The page's only script is the embedded file, and it inserts text
    // as text.
    assert!(page
        .body
        .contains("<script src=\"/app.js\" defer></script>"));
    assert_eq!(page.body.matches("<script").count(), 1);
    let script = server.get("/app.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!script.body.contains(sink), "app.js uses {sink}");
    }
    assert_eq!(server.get("/style.css").status, 200);
}

#[test]
fn serve_answers_only_to_localhost_names_on_loopback() {
    let env = research_corpus();
    let server = start(&env, &[]);
    let rebound = server.request("GET", "/api/speakers", &[("Host", "attacker.example:80")]);
    assert!(rebound.error(403).contains("only to localhost"));
    let named = server.request("GET", "/api/speakers", &[("Host", "localhost:7700")]);
    assert_eq!(named.status, 200);
}

#[test]
fn serve_refuses_a_network_address_without_a_token() {
    let env = research_corpus();
    env.run(&["serve", "--bind", "0.0.0.0", "--port", "0"])
        .error("--bind 0.0.0.0 would let anyone");
    env.run(&["serve", "--port", "0", "--token", "short"])
        .error("at least 16");
}

#[test]
fn serve_with_a_token_requires_it_on_every_request() {
    let env = research_corpus();
    let token = "team-secret-0123456789";
    let mut command = env.command(&["serve", "--bind", "0.0.0.0", "--port", "0"]);
    command.env("ACCORD_TOKEN", token);
    let mut server = start_command(command);
    // Bound to every address; asked on loopback.
    let port = server.address.rsplit(':').next().unwrap().to_string();
    server.address = format!("127.0.0.1:{port}");
    assert!(server
        .stderr()
        .iter()
        .any(|l| l.contains("warning: serving on 0.0.0.0")));
    assert!(server.get("/api/speakers").error(401).contains("token"));
    assert_eq!(server.get("/").status, 401);
    let bearer = format!("Bearer {token}");
    let ok = server.request("GET", "/api/speakers", &[("Authorization", &bearer)]);
    assert_eq!(ok.status, 200, "{}", ok.body);
    let wrong = server.request(
        "GET",
        "/api/speakers",
        &[("Authorization", "Bearer team-secret-0123456780")],
    );
    assert_eq!(wrong.status, 401);
    // A link with the token signs a browser in with a cookie.
    let signed = server.get(&format!("/?token={}", enc(token)));
    assert_eq!(signed.status, 303);
    assert_eq!(signed.header("location"), Some("/"));
    let cookie = signed.header("set-cookie").unwrap().to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    let pair = cookie.split(';').next().unwrap();
    let page = server.request("GET", "/", &[("Cookie", pair)]);
    assert_eq!(page.status, 200);
    assert_eq!(server.get("/?token=guess").status, 401);
}

#[test]
fn serve_indexes_a_changed_corpus_in_the_background() {
    let env = research_corpus();
    let server = start(&env, &[]);
    assert!(server.list("/api/search?q=zeppelin").is_empty());
    env.write(
        "late-addition.txt",
        "Late addition\n\nA zeppelin of proposals arrived after the index was built.\n",
    );
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let hits = server.list("/api/search?q=zeppelin");
        if !hits.is_empty() {
            assert_eq!(hits[0]["doc"], "late-addition.txt");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new document never showed up"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(server
        .stderr()
        .iter()
        .any(|l| l.contains("now serving the updated index")));
}

#[test]
fn serve_notices_an_edit_in_place_on_a_corpus_over_1000_files() {
    // Over 1,000 files the stamp every command checks sees folders only,
    // and rewriting a file in place leaves its folder's time alone.
    let env = Env::empty();
    for i in 0..1001 {
        env.write(
            &format!("note-{i}.txt"),
            format!("Note {i}\n\nAn ordinary note.\n"),
        );
    }
    let server = start(&env, &[]);
    assert!(server.list("/api/search?q=zeppelin").is_empty());
    env.write("note-7.txt", "Note 7\n\nA zeppelin edited into the note.\n");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let hits = server.list("/api/search?q=zeppelin");
        if !hits.is_empty() {
            assert_eq!(hits[0]["doc"], "note-7.txt");
            break;
        }
        assert!(Instant::now() < deadline, "the edit never showed up");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn serve_stops_cleanly_on_ctrl_c() {
    let env = research_corpus();
    let mut server = start(&env, &[]);
    assert_eq!(server.get("/api/speakers").status, 200);
    let pid = server.child.id() as libc::pid_t;
    // SAFETY: signals our own child process, still running (not waited).
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still serving after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.stderr().iter().any(|l| l == "accord: stopped"));
}
