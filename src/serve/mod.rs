//! `accord serve`: an HTTP server for the research page and its JSON API.
//!
//! The stack is axum on tokio (HTTP/1 only): both are maintained by the
//! tokio project, widely used, and axum's routing and middleware need no
//! macros. Queries are synchronous tantivy work, so each runs on tokio's
//! blocking pool ([`QUERIES_PER_CORE`] per core at once); the async
//! workers only parse requests and write answers, and a slow query never
//! stalls them.
//!
//! The index is served from a [`Snapshot`] behind a lock held only to
//! clone an `Arc`. A watcher thread checks the corpus every
//! [`REFRESH_EVERY`] with the same freshness stamp every command checks,
//! and every file's size and time besides; on a change it runs the same
//! update (`cmd::update_index`), opens the new index and swaps it in. Searches keep the snapshot they started
//! with, so they never wait for a build nor see half of one.
//!
//! Safety: loopback by default (with a Host check against DNS
//! rebinding); elsewhere only with a token. Every response carries a
//! Content-Security-Policy allowing only the embedded script and style;
//! the page inserts corpus text as text. Only GET and HEAD are served,
//! with no request body; URLs, queries and counts are bounded.

pub mod api;

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use crate::cmd;
use crate::error::{Error, Result};
use crate::index::{self as idx, freshness, Opened};
use crate::messages::warning;
use crate::search::ties::DocRanks;
use crate::search::Aliases;
use crate::settings::Settings;

/// How `accord serve` listens.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: IpAddr,
    /// 0 for any free port.
    pub port: u16,
    /// Required of every request when set.
    pub token: Option<String>,
    /// Open the page in the default browser once listening.
    pub open: bool,
}

/// What queries run against: an open index and the aliases of its corpus.
pub struct Snapshot {
    pub opened: Opened,
    pub aliases: Aliases,
    /// For `no_aliases` requests.
    pub no_aliases: Aliases,
}

impl Snapshot {
    fn load(settings: &Settings) -> Result<Snapshot> {
        let mut opened = idx::open(&settings.index)?;
        opened.doc_ranks = Some(DocRanks::build(&opened.reader.searcher()));
        Ok(Snapshot {
            aliases: cmd::aliases(settings, false)?,
            opened,
            no_aliases: Aliases::default(),
        })
    }
}

/// Queries running at once per core; more wait their turn in tokio's
/// queue. Two keep every core busy while a slow query holds a thread;
/// more only make each query share its core longer (at 100 MB under 50
/// connections on 2 cores, 8 threads put the answer's p99 at 44 ms, 4 at
/// 20 ms, with the same throughput).
const QUERIES_PER_CORE: usize = 2;
/// How often the watcher looks for corpus changes.
pub const REFRESH_EVERY: Duration = Duration::from_secs(2);
/// Longest request target (path and query) accepted, in bytes.
const MAX_URI: usize = 8 * 1024;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                   img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";
const TOKEN_COOKIE: &str = "accord_token";

struct Server {
    current: RwLock<Arc<Snapshot>>,
    token: Option<String>,
    /// Host names a browser may use to reach a loopback server; `None`
    /// when bound elsewhere (the token guards it then).
    hosts: Option<Vec<String>>,
}

impl Server {
    fn snapshot(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(current) => Arc::clone(&current),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    fn replace(&self, snapshot: Snapshot) {
        let fresh = Arc::new(snapshot);
        match self.current.write() {
            Ok(mut current) => *current = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
    }
}

/// Serves until Ctrl-C (or SIGTERM): brings the index up to date, prints
/// the URL, answers requests, and keeps the index fresh meanwhile.
pub fn serve(settings: &Settings, config: Config) -> Result<()> {
    let settings = Settings {
        progress: false,
        ..settings.clone()
    };
    cmd::refresh_index(&settings)?;
    let server = Arc::new(Server {
        current: RwLock::new(Arc::new(Snapshot::load(&settings)?)),
        token: config.token.clone(),
        hosts: config.bind.is_loopback().then(|| {
            let mut hosts = vec!["localhost".to_string(), "127.0.0.1".to_string()];
            hosts.push("[::1]".to_string());
            hosts.push(match config.bind {
                IpAddr::V6(ip) => format!("[{ip}]"),
                ip => ip.to_string(),
            });
            hosts
        }),
    });
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (server, stop, settings) = (Arc::clone(&server), Arc::clone(&stop), settings.clone());
        std::thread::Builder::new()
            .name("accord-refresh".into())
            .spawn(move || watch(&settings, &server, &stop))
            .map_err(|e| Error::Input(format!("cannot start the index watcher: {e}")))?
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(
            QUERIES_PER_CORE * std::thread::available_parallelism().map_or(2, |n| n.get()),
        )
        .build()
        .map_err(|e| Error::Input(format!("cannot start the server: {e}")))?;
    let served = runtime.block_on(listen(server, &config));
    stop.store(true, Ordering::Relaxed);
    // The watcher sleeps in short steps; a build under way finishes
    // first, since stopping one halfway leaves work to redo.
    let _ = watcher.join();
    served?;
    crate::messages::note("stopped");
    Ok(())
}

async fn listen(server: Arc<Server>, config: &Config) -> Result<()> {
    let address = SocketAddr::new(config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| Error::Input(format!("cannot listen on {address}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::Input(format!("cannot listen on {address}: {e}")))?;
    let url = format!("http://{bound}/");
    println!("Serving at {url}");
    if config.token.is_some() {
        println!("Requests need the token: open {url}?token=TOKEN once in a browser, or send the header 'Authorization: Bearer TOKEN'.");
    }
    println!("Press Ctrl-C to stop.");
    // Tests and scripts read the URL from a pipe, which is block-buffered.
    use std::io::Write;
    let _ = std::io::stdout().flush();
    if config.open {
        open_browser(&url);
    }
    axum::serve(listener, router(server))
        .with_graceful_shutdown(stop_signal())
        .await
        .map_err(|e| Error::Input(format!("the server failed: {e}")))
}

fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(|| async { asset("text/html", PAGE) }))
        .route(
            "/app.js",
            get(|| async { asset("text/javascript", SCRIPT) }),
        )
        .route("/style.css", get(|| async { asset("text/css", STYLE) }))
        .route("/api/{*endpoint}", get(api_request))
        .fallback(|request: Request| async move {
            json(
                StatusCode::NOT_FOUND,
                api::Answer::error(404, &format!("no page {}", request.uri().path())).body,
            )
        })
        .layer(middleware::from_fn_with_state(Arc::clone(&server), guard))
        .with_state(server)
}

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/style.css");

fn asset(kind: &str, body: &'static str) -> Response {
    respond(
        StatusCode::OK,
        &format!("{kind}; charset=utf-8"),
        body.into(),
    )
}

fn json(status: StatusCode, body: String) -> Response {
    let mut response = respond(status, "application/json; charset=utf-8", body.into());
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn respond(status: StatusCode, kind: &str, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if let Ok(kind) = HeaderValue::from_str(kind) {
        response.headers_mut().insert(header::CONTENT_TYPE, kind);
    }
    response
}

fn refuse(status: StatusCode, message: &str) -> Response {
    json(status, api::Answer::error(status.as_u16(), message).body)
}

async fn api_request(
    State(server): State<Arc<Server>>,
    Path(endpoint): Path<String>,
    params: std::result::Result<
        Query<Vec<(String, String)>>,
        axum::extract::rejection::QueryRejection,
    >,
) -> Response {
    let Ok(Query(params)) = params else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "the query string is not valid URL encoding",
        );
    };
    let snapshot = server.snapshot();
    let asked = Instant::now();
    let answered = tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let answer = api::answer(&snapshot, &endpoint, &params);
        (answer, started - asked, started.elapsed())
    })
    .await;
    match answered {
        Ok((answer, waited, took)) => {
            let mut response = json(
                StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                answer.body,
            );
            // The time in the process: the wait for a query thread, then
            // the answer. Browsers show it; the load benchmark reads it to
            // tell time in the server from time in the network.
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let timing = format!("wait;dur={:.3}, answer;dur={:.3}", ms(waited), ms(took));
            if let Ok(timing) = HeaderValue::from_str(&timing) {
                response.headers_mut().insert("server-timing", timing);
            }
            response
        }
        // The panic hook has printed what happened.
        Err(_) => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error while answering; see the server's output",
        ),
    }
}

/// Checks every request before it is answered (method, size, host,
/// token) and adds the security headers to every response.
async fn guard(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let mut response = match check(&server, &request) {
        Err(refused) => refused,
        Ok(Some(signed_in)) => signed_in,
        Ok(None) => next.run(request).await,
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// `Err` refuses the request; `Ok(Some)` answers it here (a sign-in
/// link); `Ok(None)` lets it through.
fn check(server: &Server, request: &Request) -> std::result::Result<Option<Response>, Response> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Err(refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET requests are served",
        ));
    }
    let headers = request.headers();
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .is_some_and(|n| n.as_bytes() != b"0");
    if has_body {
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "requests may not have a body",
        ));
    }
    let target = request.uri().path_and_query().map_or("", |p| p.as_str());
    if target.len() > MAX_URI {
        return Err(refuse(
            StatusCode::URI_TOO_LONG,
            &format!("the URL is longer than {MAX_URI} bytes"),
        ));
    }
    if let Some(hosts) = &server.hosts {
        if let Some(host) = headers.get(header::HOST) {
            let name = host_name(host.to_str().unwrap_or(""));
            if !hosts.iter().any(|h| h.eq_ignore_ascii_case(name)) {
                return Err(refuse(
                    StatusCode::FORBIDDEN,
                    "this server answers only to localhost; to share it, restart it with --bind and --token",
                ));
            }
        }
    }
    let Some(token) = &server.token else {
        return Ok(None);
    };
    if let Some(given) = token_in_query(request.uri().query().unwrap_or("")) {
        if !same(&given, token) {
            return Err(refuse(StatusCode::UNAUTHORIZED, "wrong token"));
        }
        return Ok(Some(sign_in(request.uri().path(), token)));
    }
    if token_in_headers(headers).is_some_and(|given| same(given, token)) {
        return Ok(None);
    }
    Err(refuse(
        StatusCode::UNAUTHORIZED,
        "this server needs its token: send 'Authorization: Bearer TOKEN', or open the page once as /?token=TOKEN",
    ))
}

/// `example.org:7700` → `example.org`; `[::1]:7700` → `[::1]`.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |end| &host[..=end]);
    }
    host.split(':').next().unwrap_or(host)
}

/// A token given as `Authorization: Bearer T`, `X-Accord-Token: T` or in
/// the cookie set by [`sign_in`].
fn token_in_headers(headers: &HeaderMap) -> Option<&str> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let named = headers.get("x-accord-token").and_then(|v| v.to_str().ok());
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(TOKEN_COOKIE)?.strip_prefix('='));
    bearer.or(named).or(cookie)
}

fn token_in_query(query: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = form_pairs(query);
    pairs
        .into_iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v)
}

/// The pairs of a query string, percent-decoded ('+' is a space).
fn form_pairs(query: &str) -> Vec<(String, String)> {
    Query::<Vec<(String, String)>>::try_from_uri(&format!("/?{query}").parse().unwrap_or_default())
        .map(|q| q.0)
        .unwrap_or_default()
}

/// Compares in time independent of where the strings differ.
fn same(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Sets the token cookie and sends the browser on to `path` without the
/// token in its address bar or history.
fn sign_in(path: &str, token: &str) -> Response {
    let mut response = respond(
        StatusCode::SEE_OTHER,
        "text/plain; charset=utf-8",
        Body::empty(),
    );
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(path) {
        headers.insert(header::LOCATION, location);
    }
    let cookie = format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => interrupt.await,
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}

/// Re-indexes a changed corpus in the background and swaps the result in.
/// Besides the stamp every command checks, it checks every file's size
/// and time (see [`freshness::FileStamps`]), so an edit in place is seen
/// on corpora of any size; that check waits [`FILE_CHECK_SPACING`] times
/// its own duration before running again.
fn watch(settings: &Settings, server: &Server, stop: &AtomicBool) {
    let step = Duration::from_millis(100);
    let live = idx::live_dir(&settings.index);
    let mut files = freshness::FileStamps::load(&live);
    let mut next_file_check = Instant::now();
    let mut last_problem: Option<String> = None;
    while !stop.load(Ordering::Relaxed) {
        let mut waited = Duration::ZERO;
        while waited < REFRESH_EVERY && !stop.load(Ordering::Relaxed) {
            std::thread::sleep(step);
            waited += step;
        }
        if stop.load(Ordering::Relaxed)
            || !settings.corpus.is_dir()
            || freshness::unchanged(&live, &settings.corpus)
                && (Instant::now() < next_file_check
                    || files_unchanged(&files, &settings.corpus, &mut next_file_check))
        {
            continue;
        }
        let updated = cmd::update_index(settings).and_then(|()| Snapshot::load(settings));
        match updated {
            Ok(snapshot) => {
                server.replace(snapshot);
                last_problem = None;
                files = freshness::FileStamps::load(&live);
                // An update another accord process held off (the index
                // locked) has been warned about; this one is not news.
                if freshness::unchanged(&live, &settings.corpus) {
                    crate::messages::note("the corpus changed; now serving the updated index");
                }
            }
            Err(e) => {
                let problem = e.to_string();
                if last_problem.as_ref() != Some(&problem) {
                    warning(&format!("{problem}; still serving the previous index"));
                }
                last_problem = Some(problem);
            }
        }
    }
}

/// The file-by-file check at most one part in this many of the watcher's
/// time: 22,000 files take about 30 ms (checked every 2 s), 224,000 about
/// 350 ms (every 7 s).
const FILE_CHECK_SPACING: u32 = 20;

/// Whether every file of `files` (none: an index without the list) is
/// unchanged; sets when the next such check may run.
fn files_unchanged(
    files: &Option<freshness::FileStamps>,
    corpus: &std::path::Path,
    next_check: &mut Instant,
) -> bool {
    let started = Instant::now();
    let unchanged = files.as_ref().is_none_or(|f| f.unchanged(corpus));
    *next_check = Instant::now() + started.elapsed() * FILE_CHECK_SPACING;
    unchanged
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = started {
        warning(&format!(
            "cannot open a browser ({opener}: {e}); open {url} yourself"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_drop_the_port() {
        assert_eq!(host_name("localhost:7700"), "localhost");
        assert_eq!(host_name("[::1]:7700"), "[::1]");
        assert_eq!(host_name("127.0.0.1"), "127.0.0.1");
    }

    #[test]
    fn tokens_are_read_from_headers_cookies_and_links() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; accord_token=abc"),
        );
        assert_eq!(token_in_headers(&headers), Some("abc"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer xyz"),
        );
        assert_eq!(token_in_headers(&headers), Some("xyz"));
        assert_eq!(token_in_query("a=1&token=s%20t").as_deref(), Some("s t"));
        assert!(same("secret", "secret"));
        assert!(!same("secret", "secreT"));
        assert!(!same("secret", "secrets"));
    }
}
