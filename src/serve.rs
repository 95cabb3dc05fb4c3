//! `hirelint serve`: a local web page where a recruiter pastes a job ad or opens a file and
//! sees it as the HTML report shows it (findings in place, the rewrite), updated as they
//! edit; and an API for scripts.
//!
//! Design:
//! - one axum server on a Tokio runtime; a check is CPU work, so it runs on the blocking
//!   pool with a time limit, and many clients are served at once without waiting on each
//!   other;
//! - it listens on 127.0.0.1 unless `--bind` names another address (then it warns); on the
//!   loopback address it answers only requests addressed to it by that name (`Host`), so a web
//!   page cannot reach it through a DNS name that points at 127.0.0.1, and never a request a
//!   browser sends from another site's page (`Origin`), so no page on the web can check text
//!   or write labels through it;
//! - nothing is stored: a document lives for its request only, except with `--labels`, where
//!   a review panel's judgement is appended to a labels file in the `hirelint eval` format
//!   and the document it is about saved beside it (which is what that option asks for);
//! - the page is one response with its styles and script inline: no external assets;
//! - every answer about a document goes through the same checking code as `hirelint check`
//!   ([`Linter::lint`]), and `POST /api/check` answers with exactly what `check --format
//!   json` prints for that document.
//!
//! Routes: `GET /` the page; `POST /api/check` findings as JSON; `POST /api/view` the
//! rendered view (HTML fragment), the rewrite and the text read; `POST /api/label` (with
//! `--labels`) one label. A document is sent either as JSON `{"text", "format", "kind"}` or
//! as the file itself with its name in `?filename=` (and optionally `&kind=`).

use std::hash::Hasher as _;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context as _, Result};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use clap::Args;
use serde::{Deserialize, Serialize};
use serde_json::json;

use hirelint::document::{DocKind, Format};
use hirelint::report::view::{ViewOptions, render};
use hirelint::report::{FileResult, ReportFormat, Summary};

use hirelint::input::detect_format;
use hirelint::linter::{self, Linter, Source};

/// `hirelint serve`'s options.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 7878)]
    port: u16,
    /// The address to listen on. Any other than 127.0.0.1 or ::1 lets other machines use the
    /// page: give it only when you mean that.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The largest request accepted, in bytes; a larger one is refused with 413.
    #[arg(long, value_name = "BYTES", default_value_t = 10_000_000)]
    max_body: usize,
    /// The longest one check may take, in seconds (fractions allowed); a slower one gets 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
    timeout: f64,
    /// For review panels: add "this finding is wrong" and "mark a missed barrier" to the page;
    /// each appends a label to FILE in the `hirelint eval` format and saves the document it is
    /// about beside FILE.
    #[arg(long, value_name = "FILE")]
    labels: Option<PathBuf>,
    /// Also load rules from this folder.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Do not load the bundled rules.
    #[arg(long)]
    no_bundled: bool,
    /// Use this configuration file (default: hirelint.toml found from the current folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Check only these rules or families.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Do not check these rules or families.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
}

/// What every request shares.
struct App {
    linter: Linter,
    /// Listening on a loopback address: only requests to it by a loopback name are answered.
    loopback: bool,
    max_body: usize,
    timeout: Duration,
    labels: Option<Labels>,
    /// One permit per check that may run at once (twice the processors).
    slots: Arc<tokio::sync::Semaphore>,
}

/// Where a review panel's labels go.
struct Labels {
    file: PathBuf,
    /// The folder of `file`, where labelled documents are saved.
    dir: PathBuf,
    /// One writer at a time.
    lock: Mutex<()>,
}

/// Runs the server until Ctrl+C.
pub fn run(a: ServeArgs) -> Result<u8> {
    // `check`'s rules, configuration, select and ignore; the blocks kept, as the page shows
    // documents rendered.
    let options = hirelint::linter::Options {
        rule_dirs: a.rules.clone(),
        no_bundled: a.no_bundled,
        select: a.select.clone(),
        ignore: a.ignore.clone(),
        keep_blocks: true,
        ..Default::default()
    };
    let choice = hirelint::config::Choice {
        file: a.config.clone(),
        none: a.no_config,
        ..Default::default()
    };
    let linter = Linter::new(&options, hirelint::config::for_current_folder(&choice)?)?;
    let labels = match &a.labels {
        Some(file) => {
            let dir = match file.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if !dir.is_dir() {
                anyhow::bail!(
                    "--labels {}: the folder {} does not exist",
                    file.display(),
                    dir.display()
                );
            }
            Some(Labels {
                file: file.clone(),
                dir,
                lock: Mutex::new(()),
            })
        }
        None => None,
    };
    let app = Arc::new(App {
        linter,
        loopback: a.bind.is_loopback(),
        max_body: a.max_body,
        timeout: Duration::try_from_secs_f64(a.timeout)
            .ok()
            .filter(|d| !d.is_zero())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "--timeout {}: give a number of seconds above 0, such as 20 or 0.5",
                    a.timeout
                )
            })?,
        labels,
        slots: Arc::new(tokio::sync::Semaphore::new(
            2 * std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
    });
    let addr = SocketAddr::new(a.bind, a.port);
    if !a.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine on the network can use \
             the page and send it documents. Leave out --bind to keep it to this computer.",
            a.bind
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the server's runtime")?;
    runtime.block_on(serve(app, addr))?;
    Ok(0)
}

/// Listens and answers until Ctrl+C.
async fn serve(app: Arc<App>, addr: SocketAddr) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            "; another program uses that port: choose another with --port"
        } else {
            ""
        };
        anyhow::anyhow!("could not listen on {addr}: {e}{hint}")
    })?;
    let local = listener.local_addr()?;
    eprintln!(
        "hirelint serve: open http://{local}/ in your browser. Documents stay on this computer \
         and are not kept{}. Press Ctrl+C to stop.",
        if app.labels.is_some() {
            " (labels you add are written to the labels file)"
        } else {
            ""
        }
    );
    let router = Router::new()
        .route("/", get(page))
        .route("/api/check", post(api_check))
        .route("/api/view", post(api_view))
        .route("/api/label", post(api_label))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            same_origin,
        ))
        .layer(DefaultBodyLimit::max(app.max_body))
        .with_state(app);
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the server stopped")?;
    Ok(())
}

/// Refuses requests from other sites' pages (an `Origin` that is not this server) and, on a
/// loopback address, requests addressed to another name (`Host`): the defences a local server
/// needs against web pages in the same browser.
async fn same_origin(
    State(app): State<Arc<App>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (host, origin) = (
        header_text(&req, header::HOST),
        header_text(&req, header::ORIGIN),
    );
    if app.loopback && !loopback_name(&host) {
        return ApiError(
            StatusCode::FORBIDDEN,
            format!(
                "this server answers only requests to 127.0.0.1, localhost or [::1], not `{host}`"
            ),
        )
        .into_response();
    }
    if !origin.is_empty() {
        let same = origin
            .strip_prefix("http://")
            .is_some_and(|o| o.eq_ignore_ascii_case(&host));
        if !same {
            return ApiError(
                StatusCode::FORBIDDEN,
                format!("requests from other sites' pages (`{origin}`) are refused"),
            )
            .into_response();
        }
    }
    next.run(req).await
}

/// A request header as text ("" when missing or not text).
fn header_text(req: &axum::extract::Request, name: header::HeaderName) -> String {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Is a `Host` value (name and port) a loopback name?
fn loopback_name(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((n, port)) if port.chars().all(|c| c.is_ascii_digit()) && !n.ends_with(':') => n,
        _ => host,
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "[::1]"
    )
}

/// An answer that is not what the client hoped for: a status and a plain message.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, axum::Json(json!({ "error": self.1 }))).into_response()
    }
}

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, msg.into())
}

/// The query of a request that sends the file itself.
#[derive(Deserialize, Default)]
struct FileQuery {
    filename: Option<String>,
    kind: Option<String>,
}

/// The JSON form of a request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextRequest {
    text: String,
    format: Option<String>,
    kind: Option<String>,
}

/// A document to check.
struct Input {
    name: String,
    kind: Option<DocKind>,
    body: Body,
}

enum Body {
    Text(String, Format),
    Package(Vec<u8>, Format),
}

fn parse_kind(k: Option<&str>) -> Result<Option<DocKind>, ApiError> {
    match k {
        None | Some("") => Ok(None),
        Some(k) => DocKind::parse(k).map(Some).ok_or_else(|| {
            bad(format!(
                "unknown kind `{k}`; the kinds are job-ad, interview, process and other"
            ))
        }),
    }
}

fn parse_format(f: &str) -> Result<Format, ApiError> {
    Format::from_name(f).ok_or_else(|| {
        bad(format!(
            "unknown format `{}`; the formats are markdown, html and text (send a Word or \
             OpenDocument file as the body, with ?filename=)",
            f.to_ascii_lowercase()
        ))
    })
}

/// Reads a request: the file itself when `?filename=` is given, else JSON.
fn input(q: &FileQuery, bytes: &[u8]) -> Result<Input, ApiError> {
    let kind = parse_kind(q.kind.as_deref())?;
    if let Some(name) = &q.filename {
        let name = Path::new(name)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .filter(|n| !n.is_empty())
            .ok_or_else(|| bad("?filename= names no file"))?;
        let format = Format::from_path(&name).ok_or_else(|| {
            bad(format!(
                "{name}: hirelint reads .md, .markdown, .html, .htm, .txt, .docx and .odt files"
            ))
        })?;
        let body = if format.is_package() {
            Body::Package(bytes.to_vec(), format)
        } else {
            let text = hirelint::parse::decode(bytes).map_err(|e| bad(format!("{name}: {e}")))?;
            Body::Text(text, format)
        };
        return Ok(Input { name, kind, body });
    }
    let req: TextRequest = serde_json::from_slice(bytes).map_err(|e| {
        bad(format!(
            "the request is not the JSON hirelint expects ({e}); send {{\"text\": \"…\", \
             \"format\": \"markdown\", \"kind\": \"job-ad\"}} (format and kind may be left out), \
             or the file itself with ?filename="
        ))
    })?;
    let kind = match parse_kind(req.kind.as_deref())? {
        Some(k) => Some(k),
        None => kind,
    };
    let format = match req.format.as_deref() {
        Some(f) if !f.is_empty() => parse_format(f)?,
        _ => detect_format(&req.text),
    };
    let name = match format {
        Format::Html => "document.html",
        Format::Text => "document.txt",
        _ => "document.md",
    }
    .to_string();
    Ok(Input {
        name,
        kind,
        body: Body::Text(req.text, format),
    })
}

impl App {
    /// Checks one document (on the blocking pool).
    fn check(&self, input: Input) -> Result<FileResult, ApiError> {
        let body = match input.body {
            Body::Text(text, format) => linter::Body::Text(text, format),
            Body::Package(bytes, format) => linter::Body::Package {
                bytes,
                format,
                max_total: (self.max_body as u64).saturating_mul(8),
            },
        };
        let source = Source {
            name: input.name.clone(),
            path: PathBuf::from(&input.name),
            kind: input.kind,
            body,
        };
        self.linter.lint(source).map_err(|e| {
            ApiError(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("{}: {e}", input.name),
            )
        })
    }
}

/// Checks a document on the blocking pool, within the time limit.
async fn checked(app: &Arc<App>, input: Input) -> Result<FileResult, ApiError> {
    let worker = Arc::clone(app);
    let run = async move {
        // At most a few checks run at once: a check that outlives its time limit goes on
        // until it ends (a thread cannot be stopped), holding its place, so slow documents
        // cannot pile up without bound; the others wait their turn within their own limit.
        let permit = Arc::clone(&worker.slots)
            .acquire_owned()
            .await
            .map_err(|_| {
                ApiError(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the server is stopping".into(),
                )
            })?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            worker.check(input)
        })
        .await
        .map_err(|_| {
            ApiError(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the check stopped unexpectedly; please report this with the document".into(),
            )
        })?
    };
    match tokio::time::timeout(app.timeout, run).await {
        Err(_) => Err(ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the check took longer than {} seconds and was given up; try a shorter document",
                app.timeout.as_secs_f64()
            ),
        )),
        Ok(r) => r,
    }
}

/// `GET /`: the page.
async fn page(State(app): State<Arc<App>>) -> Response {
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
                 connect-src 'self'; img-src data:; form-action 'none'; base-uri 'none'",
            ),
        ],
        Html(page_html(app.labels.is_some())),
    )
        .into_response()
}

/// `POST /api/check`: exactly what `check --format json` prints for the document.
async fn api_check(
    State(app): State<Arc<App>>,
    Query(q): Query<FileQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let result = checked(&app, input(&q, &body)?).await?;
    let mut out = Vec::new();
    let mut emitter = hirelint::report::emitter(ReportFormat::Json, &app.linter.report_options());
    let mut summary = Summary::default();
    summary.add(&result);
    let written = emitter
        .begin(&mut out)
        .and_then(|()| emitter.file(&mut out, &result))
        .and_then(|()| emitter.end(&mut out, &summary));
    written.map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], out).into_response())
}

/// `POST /api/view`: the view of the document, the rewrite and the text read.
async fn api_view(
    State(app): State<Arc<App>>,
    Query(q): Query<FileQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let result = checked(&app, input(&q, &body)?).await?;
    let mut html = String::new();
    if result.findings.is_empty() {
        html.push_str(
            "<section class=\"doc\"><p class=\"good\">No findings. hirelint found nothing to \
             change in this document.</p></section>",
        );
    } else {
        render(
            &mut html,
            1,
            &result,
            ViewOptions {
                label_buttons: app.labels.is_some(),
            },
        );
    }
    let (rewrite, _) = hirelint::fix::apply(&result.source, &result.findings);
    Ok(axum::Json(json!({
        "findings": result.findings.len(),
        "html": html,
        "kind": result.kind.as_str(),
        "rewrite": rewrite,
        "text": result.source,
    }))
    .into_response())
}

/// The JSON form of a label request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelRequest {
    text: String,
    format: Option<String>,
    /// "finding" (a missed barrier) or "clean" (a finding that is wrong).
    label: String,
    family: Option<String>,
    quote: String,
    #[serde(default)]
    note: String,
}

/// A label as `hirelint eval` reads it.
#[derive(Serialize)]
struct LabelEntry<'a> {
    doc: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<&'a str>,
    quote: &'a str,
    note: &'a str,
}

/// `POST /api/label`: appends one label (only with `--labels`).
async fn api_label(
    State(app): State<Arc<App>>,
    body: Bytes,
) -> Result<axum::Json<serde_json::Value>, ApiError> {
    let Some(labels) = &app.labels else {
        return Err(ApiError(
            StatusCode::NOT_FOUND,
            "labels are off: start the server with --labels FILE to collect them".into(),
        ));
    };
    let req: LabelRequest = serde_json::from_slice(&body).map_err(|e| {
        bad(format!(
            "the label is not the JSON hirelint expects ({e}); send {{\"text\", \"label\": \
             \"finding\" or \"clean\", \"family\", \"quote\", \"note\"}}"
        ))
    })?;
    let format = match req.format.as_deref() {
        Some(f) if !f.is_empty() => parse_format(f)?,
        _ => detect_format(&req.text),
    };
    let quote = req.quote.trim();
    if quote.is_empty() {
        return Err(bad("select the words the label is about"));
    }
    if !req.text.contains(quote) {
        return Err(bad(
            "the quoted words are not in the text; select them in the text again",
        ));
    }
    let family = match req.label.as_str() {
        "finding" => {
            let f = req.family.as_deref().unwrap_or("");
            if !hirelint::rule::FAMILIES.contains(&f) {
                return Err(bad(format!(
                    "unknown family `{f}`; the families are {}",
                    hirelint::rule::FAMILIES.join(", ")
                )));
            }
            Some(f)
        }
        "clean" => None,
        other => {
            return Err(bad(format!(
                "unknown label `{other}`; use \"finding\" for a missed barrier or \"clean\" for \
                 a finding that is wrong"
            )));
        }
    };
    let ext = match format {
        Format::Html => "html",
        Format::Text => "txt",
        _ => "md",
    };
    let mut h = rustc_hash::FxHasher::default();
    h.write(req.text.as_bytes());
    let doc = format!("panel-{:016x}.{ext}", h.finish());
    let note = if req.note.trim().is_empty() {
        "marked in hirelint serve".to_string()
    } else {
        req.note.trim().to_string()
    };
    let entry = LabelEntry {
        doc: &doc,
        family,
        quote,
        note: &note,
    };
    let table = toml::to_string(&entry)
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let header = if family.is_some() {
        "[[finding]]"
    } else {
        "[[clean]]"
    };
    let text = req.text.clone();
    let store = labels.dir.join(&doc);
    let file = labels.file.clone();
    let written = {
        let _guard = labels.lock.lock().unwrap_or_else(|e| e.into_inner());
        save_label(&store, &text, &file, &format!("\n{header}\n{table}"))
    };
    written.map_err(|e| {
        ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the label was not saved: {e}"),
        )
    })?;
    Ok(axum::Json(json!({ "doc": doc, "saved": header })))
}

/// Saves the document (once, atomically) and appends the label.
fn save_label(doc: &Path, text: &str, labels: &Path, entry: &str) -> std::io::Result<()> {
    if !doc.exists() {
        let dir = doc.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(text.as_bytes())?;
        tmp.as_file().sync_all()?;
        // Another writer may have saved the same text meanwhile: that file is the same.
        if let Err(e) = tmp.persist_noclobber(doc)
            && e.error.kind() != std::io::ErrorKind::AlreadyExists
        {
            return Err(e.error);
        }
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(labels)?;
    f.write_all(entry.as_bytes())?;
    f.sync_all()
}

async fn not_found() -> ApiError {
    ApiError(
        StatusCode::NOT_FOUND,
        "nothing here: the page is at / and the API at /api/check and /api/view".into(),
    )
}

/// The page: the report's styles, a form and a small script.
fn page_html(labels: bool) -> String {
    let panel = if labels { PANEL } else { "" };
    PAGE.replace("/*CSS*/", hirelint::report::html::CSS)
        .replace("/*PAGE_CSS*/", PAGE_CSS)
        .replace("<!--ICONS-->", hirelint::report::html::ICONS)
        .replace("<!--PANEL-->", panel)
        .replace("/*LABELS*/", if labels { "true" } else { "false" })
        .replace("/*FAMILIES*/", &family_options())
}

/// The families as `<option>`s, for the missed-barrier action.
fn family_options() -> String {
    hirelint::rule::FAMILIES
        .iter()
        .map(|f| format!("<option value=\"{f}\">{f}</option>"))
        .collect()
}

const PAGE: &str = include_str!("serve/page.html");
const PAGE_CSS: &str = include_str!("serve/page.css");
const PANEL: &str = include_str!("serve/panel.html");
