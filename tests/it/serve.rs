//! `hirelint serve`, tested over real HTTP: the API answers as `check --format json` does,
//! refuses what it must, serves many clients at once, and writes review-panel labels that
//! `hirelint eval` reads. (The page itself is tested in a browser by scripts/browser-test.sh.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

const AD: &str = "# Office manager\n\nWe are looking for a rockstar who is a great team player. \
Our chairman wants a self-starter.\n\n## Requirements\n\n- A full driving licence\n";

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    stderr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `hirelint serve --port 0 ARGS` in `dir` and reads the address it prints.
fn server(args: &[&str], dir: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .args(["serve", "--port", "0", "--no-config"])
        .args(args)
        .current_dir(dir)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start hirelint serve");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut stderr = String::new();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .unwrap();
        stderr.push_str(&line);
        stderr.push('\n');
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    Server {
        child,
        addr,
        stderr,
    }
}

/// One HTTP/1.1 request; returns the status and the body.
fn request(addr: &str, method: &str, path: &str, ctype: &str, body: &[u8]) -> (u16, Vec<u8>) {
    request_with(addr, addr, "", method, path, ctype, body)
}

/// A request with the given `Host` and extra header lines (each ending in CRLF).
fn request_with(
    addr: &str,
    host: &str,
    extra: &str,
    method: &str,
    path: &str,
    ctype: &str,
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Content-Type: {ctype}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading a large body; a broken pipe is fine then.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = unchunk(&body);
    }
    (status, body)
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let nl = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let n = usize::from_str_radix(std::str::from_utf8(&b[..nl]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + n]);
        b = &b[nl + 2 + n + 2..];
    }
}

fn post_json(addr: &str, path: &str, v: &Value) -> (u16, Value) {
    let (status, body) = request(
        addr,
        "POST",
        path,
        "application/json",
        v.to_string().as_bytes(),
    );
    let v = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
    (status, v)
}

/// What `hirelint check --format json` prints for `text` read from standard input as `name`.
fn cli_json(text: &str, name: &str, kind: &str) -> Vec<u8> {
    crate::common::with_stdin(
        Command::new(env!("CARGO_BIN_EXE_hirelint")).args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--kind",
            kind,
            "--stdin-filename",
            name,
            "-",
        ]),
        text.as_bytes(),
    )
    .stdout
}

#[test]
fn api_check_answers_as_check_format_json() {
    let dir = tempfile::tempdir().unwrap();
    let s = server(&[], dir.path());
    assert!(s.stderr.contains("127.0.0.1"), "{}", s.stderr);
    assert!(!s.stderr.contains("warning"), "{}", s.stderr);

    let req = serde_json::json!({"text": AD, "format": "markdown", "kind": "job-ad"});
    let (status, body) = request(
        &s.addr,
        "POST",
        "/api/check",
        "application/json",
        req.to_string().as_bytes(),
    );
    assert_eq!(status, 200);
    let expected = cli_json(AD, "document.md", "job-ad");
    assert_eq!(
        String::from_utf8_lossy(&body),
        String::from_utf8_lossy(&expected)
    );
    let v: Value = serde_json::from_slice(&body).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"buzzword/hype-titles"), "{rules:?}");

    // The file itself as the body, its name in the query.
    let html = "<h1>Sales</h1><p>We want a rockstar.</p>";
    let (status, body) = request(
        &s.addr,
        "POST",
        "/api/check?filename=ad.html&kind=job-ad",
        "text/html",
        html.as_bytes(),
    );
    assert_eq!(status, 200);
    assert_eq!(body, cli_json(html, "ad.html", "job-ad"));

    // The view: the document rendered, the rewrite with the safe fix made.
    let (status, v) = post_json(&s.addr, "/api/view", &req);
    assert_eq!(status, 200);
    let fragment = v["html"].as_str().unwrap();
    assert!(fragment.contains("<mark"), "{fragment}");
    assert!(fragment.contains("Before and after"));
    assert!(
        fragment.contains("<p class=\"dh dh2\">Requirements</p>"),
        "rendered, not source: {fragment}"
    );
    assert_eq!(
        v["rewrite"].as_str().unwrap(),
        AD.replace("chairman", "chair")
    );
    assert_eq!(v["text"].as_str().unwrap(), AD);
}

#[test]
fn word_files_are_read_from_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let s = server(&[], dir.path());
    let doc = docx(&["Office manager", "We want a rockstar for our front desk."]);
    let (status, body) = request(
        &s.addr,
        "POST",
        "/api/view?filename=ad.docx&kind=job-ad",
        "application/octet-stream",
        &doc,
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        v["text"].as_str().unwrap(),
        "Office manager\nWe want a rockstar for our front desk."
    );
    assert!(v["html"].as_str().unwrap().contains(">rockstar</mark>"));

    // A damaged file is a clear error naming it, not a crash.
    let (status, body) = request(
        &s.addr,
        "POST",
        "/api/check?filename=broken.docx",
        "application/octet-stream",
        b"PK\x03\x04 not really a zip",
    );
    assert_eq!(status, 422);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(
        v["error"].as_str().unwrap().starts_with("broken.docx: "),
        "{v}"
    );
    // And the server is still there.
    let (status, _) = request(&s.addr, "GET", "/", "text/plain", b"");
    assert_eq!(status, 200);
}

#[test]
fn refuses_oversized_and_malformed_requests() {
    let dir = tempfile::tempdir().unwrap();
    let s = server(&["--max-body", "2000"], dir.path());
    let big = serde_json::json!({ "text": "a ".repeat(5000) }).to_string();
    let (status, _) = request(
        &s.addr,
        "POST",
        "/api/check",
        "application/json",
        big.as_bytes(),
    );
    assert_eq!(status, 413);
    let (status, v) = post_json(&s.addr, "/api/check", &serde_json::json!({"txt": "hello"}));
    assert_eq!(status, 400);
    assert!(v["error"].as_str().unwrap().contains("\"text\""), "{v}");
    let (status, v) = post_json(
        &s.addr,
        "/api/check",
        &serde_json::json!({"text": "hello", "kind": "poster"}),
    );
    assert_eq!(status, 400);
    assert!(v["error"].as_str().unwrap().contains("poster"), "{v}");
    let (status, _) = request(&s.addr, "POST", "/api/check", "text/plain", b"\xff\xfe{");
    assert_eq!(status, 400);
    let (status, _) = request(
        &s.addr,
        "POST",
        "/api/check?filename=ad.pdf",
        "application/pdf",
        b"%PDF",
    );
    assert_eq!(status, 400);
    let (status, _) = request(&s.addr, "GET", "/etc/passwd", "text/plain", b"");
    assert_eq!(status, 404);
    // Labels are off unless asked for.
    let (status, _) = post_json(&s.addr, "/api/label", &serde_json::json!({}));
    assert_eq!(status, 404);
}

#[test]
fn fifty_clients_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = server(&[], dir.path());
    let expected = cli_json(AD, "document.md", "job-ad");
    let req = serde_json::json!({"text": AD, "kind": "job-ad"}).to_string();
    let answers: Vec<(u16, Vec<u8>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..50)
            .map(|_| {
                let (addr, req) = (&s.addr, &req);
                scope.spawn(move || {
                    request(
                        addr,
                        "POST",
                        "/api/check",
                        "application/json",
                        req.as_bytes(),
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(answers.len(), 50);
    for (status, body) in answers {
        assert_eq!(status, 200);
        assert_eq!(body, expected);
    }
}

#[test]
fn review_panel_labels_feed_eval() {
    let dir = tempfile::tempdir().unwrap();
    let labels = dir.path().join("labels.toml");
    let s = server(&["--labels", "labels.toml"], dir.path());
    let page = request(&s.addr, "GET", "/", "text/plain", b"");
    let page = String::from_utf8(page.1).unwrap();
    assert!(page.contains("Review panel"));
    // The view offers "this finding is wrong" on each note.
    let (_, v) = post_json(
        &s.addr,
        "/api/view",
        &serde_json::json!({"text": AD, "kind": "job-ad"}),
    );
    assert!(
        v["html"]
            .as_str()
            .unwrap()
            .contains("This finding is wrong")
    );

    let (status, v) = post_json(
        &s.addr,
        "/api/label",
        &serde_json::json!({"text": AD, "label": "finding", "family": "buzzword",
                             "quote": "a self-starter", "note": "vague trait"}),
    );
    assert_eq!(status, 200, "{v}");
    let (status, _) = post_json(
        &s.addr,
        "/api/label",
        &serde_json::json!({"text": AD, "label": "clean", "quote": "A full driving licence"}),
    );
    assert_eq!(status, 200);
    // Words that are not in the text, and an unknown family, are refused.
    let (status, _) = post_json(
        &s.addr,
        "/api/label",
        &serde_json::json!({"text": AD, "label": "clean", "quote": "not there"}),
    );
    assert_eq!(status, 400);
    let (status, _) = post_json(
        &s.addr,
        "/api/label",
        &serde_json::json!({"text": AD, "label": "finding", "family": "vibes", "quote": "rockstar"}),
    );
    assert_eq!(status, 400);

    let written = std::fs::read_to_string(&labels).unwrap();
    assert_eq!(written.matches("[[finding]]").count(), 1, "{written}");
    assert_eq!(written.matches("[[clean]]").count(), 1, "{written}");
    let doc = v["doc"].as_str().unwrap();
    assert_eq!(std::fs::read_to_string(dir.path().join(doc)).unwrap(), AD);
    // `hirelint eval` reads the file and the saved document.
    let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .args(["eval", "--brief"])
        .arg(&labels)
        .arg(dir.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("buzzword") && l.contains(" 1 ")),
        "{report}"
    );
}

#[test]
fn another_address_only_when_asked_and_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let s = server(&["--bind", "0.0.0.0"], dir.path());
    assert!(
        s.stderr.contains("warning: listening on 0.0.0.0"),
        "{}",
        s.stderr
    );
}

/// A minimal Word file with one paragraph per string.
fn docx(paras: &[&str]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let body: String = paras
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let entries = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
                .to_string(),
        ),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
                 <w:body>{body}</w:body></w:document>"
            ),
        ),
    ];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in entries {
        w.start_file(name, SimpleFileOptions::default()).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn pages_of_other_sites_cannot_use_it() {
    let dir = tempfile::tempdir().unwrap();
    let s = server(&["--labels", "labels.toml"], dir.path());
    let label = serde_json::json!({"text": AD, "label": "clean", "quote": "rockstar"}).to_string();
    let post = |host: &str, extra: &str| {
        request_with(
            &s.addr,
            host,
            extra,
            "POST",
            "/api/label",
            "text/plain",
            label.as_bytes(),
        )
        .0
    };
    // A name that points at 127.0.0.1 from outside (DNS rebinding) is refused.
    assert_eq!(post("evil.example:7878", ""), 403);
    // A form or script on another site's page is refused, whatever it sends.
    assert_eq!(post(&s.addr, "Origin: http://evil.example\r\n"), 403);
    assert!(
        !dir.path().join("labels.toml").exists(),
        "nothing was written"
    );
    // The page itself (same origin), localhost and scripts without an Origin are answered.
    let port = s.addr.rsplit(':').next().unwrap();
    assert_eq!(
        post(&s.addr, &format!("Origin: http://{}\r\n", s.addr)),
        200
    );
    assert_eq!(post(&format!("localhost:{port}"), ""), 200);
    assert_eq!(post(&s.addr, ""), 200);
}

#[test]
fn a_check_over_the_time_limit_gets_503_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let s = server(&["--timeout", "0.001"], dir.path());
    // About 9 MB of barriers: far more than a millisecond of work.
    let heavy = "- We want a rockstar ninja who is a great team player and a self-starter?\n"
        .repeat(120_000);
    let (status, v) = post_json(&s.addr, "/api/check", &serde_json::json!({ "text": heavy }));
    assert_eq!(status, 503, "{v}");
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("longer than 0.001 seconds"),
        "{v}"
    );
    let (status, _) = request(&s.addr, "GET", "/", "text/plain", b"");
    assert_eq!(status, 200);
    // A limit that is no number of seconds is refused at start.
    let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .args(["serve", "--port", "0", "--timeout", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--timeout 0"));
}
