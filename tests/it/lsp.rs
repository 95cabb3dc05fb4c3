//! `hirelint lsp` end to end: a small client starts the real binary and speaks JSON-RPC to it
//! over its standard input and output, as an editor does (Content-Length framing, through
//! lsp-server's `Message`). Every wait has a time limit, so a server that hangs fails the test
//! instead of hanging CI.

use std::collections::VecDeque;
use std::io::BufReader;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

/// The longest wait for one answer: generous for a debug build on a busy machine.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A job ad with two barriers the bundled rules flag, on lines with accented letters and an
/// emoji (a character of two UTF-16 code units), so that positions in bytes, characters and
/// UTF-16 code units all differ.
const AD: &str = "# Café Developer 🚀

Our café in Zürich is looking for a rockstar developer.

## What you'll do

- Build the ordering website.
  - 🚀 Report to the chairman weekly.

## Salary

£40,000 a year.
";

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: mpsc::Receiver<Message>,
    /// Notifications that arrived while waiting for something else.
    pending: VecDeque<Notification>,
    next_id: i32,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hirelint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start hirelint lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(message)) = Message::read(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            pending: VecDeque::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: Message) {
        message.write(&mut self.stdin).expect("write to the server");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    /// Sends a request and waits for its response; returns the result (an error response
    /// fails the test).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = RequestId::from(self.next_id);
        self.next_id += 1;
        self.send(Request::new(id.clone(), method.into(), params).into());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.next(deadline, method) {
                Message::Response(r) if r.id == id => {
                    return r
                        .response_result
                        .unwrap_or_else(|e| panic!("{method} failed: {e:?}"));
                }
                Message::Notification(n) => self.pending.push_back(n),
                other => panic!("unexpected message while waiting for {method}: {other:?}"),
            }
        }
    }

    fn next(&mut self, deadline: Instant, waiting_for: &str) -> Message {
        let left = deadline.saturating_duration_since(Instant::now());
        self.incoming
            .recv_timeout(left)
            .unwrap_or_else(|e| panic!("no answer to {waiting_for} within {TIMEOUT:?}: {e}"))
    }

    /// Waits for the first notification that `wanted` accepts (earlier ones included).
    fn notification(&mut self, what: &str, wanted: impl Fn(&Notification) -> bool) -> Notification {
        if let Some(i) = self.pending.iter().position(&wanted) {
            return self.pending.remove(i).expect("pending notification");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.next(deadline, what) {
                Message::Notification(n) if wanted(&n) => return n,
                Message::Notification(n) => self.pending.push_back(n),
                other => panic!("unexpected message while waiting for {what}: {other:?}"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let n = self.notification("publishDiagnostics", |n| {
            n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
        });
        n.params
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn code_actions(&mut self, uri: &str, range: Value) -> Vec<Value> {
        let result = self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        );
        result.as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave the server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

/// The diagnostics of one rule.
fn of_rule<'a>(published: &'a Value, rule: &str) -> Vec<&'a Value> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == rule)
        .collect()
}

/// The single edit of a code action: (range, new text).
fn only_edit(action: &Value, uri: &str) -> (Value, String) {
    let edits = action["edit"]["changes"][uri]
        .as_array()
        .unwrap_or_else(|| panic!("no edit for {uri}: {action}"));
    assert_eq!(edits.len(), 1, "{action}");
    (
        edits[0]["range"].clone(),
        edits[0]["newText"].as_str().expect("newText").to_string(),
    )
}

#[test]
fn a_session_from_initialize_to_exit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut client = Client::start();

    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"], 1, "whole-text sync: {init}");
    assert_eq!(caps["hoverProvider"], true, "{init}");
    assert!(caps["codeActionProvider"].is_object(), "{init}");
    client.notify("initialized", json!({}));

    // Diagnostics on open, at once.
    let ad = dir.path().join("ad.md");
    std::fs::write(&ad, AD).expect("write ad");
    let uri = uri_of(&ad);
    client.open(&uri, "markdown", AD);
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let hype = of_rule(&published, "buzzword/hype-titles");
    assert_eq!(hype.len(), 1, "{published}");
    // "rockstar developer": characters 36 to 54 of line 2; "é" and "ü" before it are two
    // bytes each, so a byte count would say 38.
    assert_eq!(hype[0]["range"], range((2, 36), (2, 54)));
    assert_eq!(hype[0]["severity"], 3, "information");
    assert_eq!(hype[0]["source"], "hirelint");
    assert!(
        hype[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("'rockstar developer'")),
        "{}",
        hype[0]
    );
    let chairman = of_rule(&published, "exclusionary/chairman");
    assert_eq!(chairman.len(), 1, "{published}");
    // The emoji before "chairman" is one character but two UTF-16 code units: 21, not 20.
    let chairman_range = range((7, 21), (7, 29));
    assert_eq!(chairman[0]["range"], chairman_range);
    // A document-level finding (no route to ask for adjustments) sits at the start, zero-width.
    let missing = of_rule(&published, "missing/adjustments-route");
    assert_eq!(missing.len(), 1, "{published}");
    assert_eq!(missing[0]["range"], range((0, 0), (0, 0)));
    assert_eq!(missing[0]["severity"], 2, "warning");

    // Code actions on "chairman": the safe fix, and a suppression comment above the line,
    // indented like it.
    let actions = client.code_actions(&uri, range((7, 24), (7, 24)));
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("no quick fix: {actions:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(
        only_edit(fix, &uri),
        (chairman_range.clone(), "chair".into())
    );
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable exclusionary/chairman for this line")
        .unwrap_or_else(|| panic!("no disable action: {actions:?}"));
    assert_eq!(
        only_edit(disable, &uri),
        (
            range((7, 0), (7, 0)),
            "  <!-- hirelint-disable-next-line exclusionary/chairman -->\n".into()
        )
    );
    // Only the findings the range touches.
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap_or("").contains("hype-titles")),
        "{actions:?}"
    );
    // The comment the action writes does suppress the finding.
    let mut suppressed = AD.to_string();
    let line_start = AD.find("  - 🚀").expect("line 7");
    suppressed.insert_str(
        line_start,
        "  <!-- hirelint-disable-next-line exclusionary/chairman -->\n",
    );
    client.change(&uri, 2, &suppressed);
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert!(
        of_rule(&published, "exclusionary/chairman").is_empty(),
        "{published}"
    );
    assert!(
        of_rule(&published, "hirelint/unused-suppression").is_empty(),
        "{published}"
    );
    client.change(&uri, 3, AD);
    assert_eq!(client.diagnostics(&uri)["version"], 3);

    // Hover over "rockstar": the message, why, and what to write instead, as Markdown.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 40}}),
    );
    assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
    let text = hover["contents"]["value"].as_str().expect("hover text");
    assert!(text.contains("**buzzword/hype-titles**"), "{text}");
    assert!(text.contains("'rockstar developer' is a hype"), "{text}");
    assert!(text.contains("**Why:**"), "{text}");
    assert!(text.contains("**Instead:**"), "{text}");
    assert!(text.contains("Name the job plainly"), "{text}");
    assert_eq!(hover["range"], range((2, 36), (2, 54)));
    // Nothing to say over plain words, or outside the text.
    for (line, character) in [(6, 5), (999, 999)] {
        let none = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        assert_eq!(none, Value::Null);
    }

    // Two quick changes: one check, 300 ms after the last, of the last text.
    let mut with_ninja = AD.replace("rockstar developer", "coding ninja");
    with_ninja.push('\n');
    let fixed = AD
        .replace("rockstar developer", "software developer")
        .replace("chairman", "chair");
    let sent = Instant::now();
    client.change(&uri, 4, &with_ninja);
    client.change(&uri, 5, &fixed);
    let published = client.diagnostics(&uri);
    assert!(
        sent.elapsed() >= Duration::from_millis(250),
        "checked before the pause: {:?}",
        sent.elapsed()
    );
    assert_eq!(published["version"], 5, "only the last text is checked");
    assert!(
        of_rule(&published, "buzzword/hype-titles").is_empty(),
        "{published}"
    );
    assert!(
        of_rule(&published, "exclusionary/chairman").is_empty(),
        "{published}"
    );
    assert_eq!(
        of_rule(&published, "missing/adjustments-route").len(),
        1,
        "{published}"
    );

    // Plain text has no comments: the safe fix, but no suppression.
    let txt = dir.path().join("ad.txt");
    let txt_uri = uri_of(&txt);
    client.open(&txt_uri, "plaintext", AD);
    let published = client.diagnostics(&txt_uri);
    assert_eq!(
        of_rule(&published, "exclusionary/chairman").len(),
        1,
        "{published}"
    );
    let actions = client.code_actions(&txt_uri, chairman_range.clone());
    assert!(
        actions.iter().any(|a| a["isPreferred"] == true),
        "{actions:?}"
    );
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap_or("").starts_with("Disable")),
        "{actions:?}"
    );

    // In Markdown the comment keeps a line's block-quote markers; in a table, where a comment
    // line would end the table, there is no suppression action.
    let quoted = dir.path().join("quoted.md");
    let quoted_uri = uri_of(&quoted);
    let text = "# Ad\n\n> We want a rockstar developer.\n\n| Role | Who |\n| --- | --- |\n| Lead | chairman |\n";
    client.open(&quoted_uri, "markdown", text);
    let published = client.diagnostics(&quoted_uri);
    assert_eq!(
        of_rule(&published, "buzzword/hype-titles").len(),
        1,
        "{published}"
    );
    let actions = client.code_actions(&quoted_uri, range((2, 12), (2, 12)));
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable buzzword/hype-titles for this line")
        .unwrap_or_else(|| panic!("no disable action: {actions:?}"));
    assert_eq!(
        only_edit(disable, &quoted_uri).1,
        "> <!-- hirelint-disable-next-line buzzword/hype-titles -->\n"
    );
    assert_eq!(
        of_rule(&published, "exclusionary/chairman").len(),
        1,
        "{published}"
    );
    let actions = client.code_actions(&quoted_uri, range((6, 10), (6, 10)));
    assert!(
        actions.iter().any(|a| a["isPreferred"] == true),
        "{actions:?}"
    );
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap_or("").starts_with("Disable")),
        "{actions:?}"
    );

    // The format comes from the extension, else from the language: an `.html` file is HTML
    // whatever the editor calls it (a script is not prose), a document with no file takes the
    // editor's language, and anything else is left alone.
    let page = "<script>var rockstar = 1;</script>\n<p>We want a rockstar developer.</p>\n";
    let html_uri = uri_of(&dir.path().join("page.html"));
    client.open(&html_uri, "plaintext", page);
    let published = client.diagnostics(&html_uri);
    let hype = of_rule(&published, "buzzword/hype-titles");
    assert_eq!(hype.len(), 1, "{published}");
    assert_eq!(hype[0]["range"], range((1, 13), (1, 31)));
    let untitled = "untitled:Untitled-1";
    client.open(untitled, "markdown", AD);
    let published = client.diagnostics(untitled);
    assert_eq!(
        of_rule(&published, "buzzword/hype-titles").len(),
        1,
        "{published}"
    );
    let code_uri = uri_of(&dir.path().join("notes.rs"));
    client.open(&code_uri, "rust", "// our rockstar chairman\n");
    let published = client.diagnostics(&code_uri);
    assert_eq!(published["diagnostics"], json!([]), "{published}");

    // The nearest hirelint.toml applies: a family ignored, a severity raised.
    let configured = dir.path().join("team");
    std::fs::create_dir(&configured).expect("mkdir");
    std::fs::write(
        configured.join("hirelint.toml"),
        "ignore = [\"buzzword\"]\n\n[severity]\n\"exclusionary/chairman\" = \"error\"\n",
    )
    .expect("write config");
    let nested = configured.join("jobs");
    std::fs::create_dir(&nested).expect("mkdir");
    let team_uri = uri_of(&nested.join("ad.md"));
    client.open(&team_uri, "markdown", AD);
    let published = client.diagnostics(&team_uri);
    assert!(
        of_rule(&published, "buzzword/hype-titles").is_empty(),
        "{published}"
    );
    let chairman = of_rule(&published, "exclusionary/chairman");
    assert_eq!(chairman.len(), 1, "{published}");
    assert_eq!(chairman[0]["severity"], 1, "error, as configured");

    // A broken configuration: an error message, and the default rules meanwhile.
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).expect("mkdir");
    std::fs::write(broken.join("hirelint.toml"), "ignroe = [\"buzzword\"]\n").expect("write");
    let broken_uri = uri_of(&broken.join("ad.md"));
    client.open(&broken_uri, "markdown", AD);
    let message = client.notification("showMessage", |n| n.method == "window/showMessage");
    assert_eq!(message.params["type"], 1, "an error: {:?}", message.params);
    let said = message.params["message"].as_str().unwrap_or("");
    assert!(
        said.contains("hirelint.toml") && said.contains("ignroe"),
        "{said}"
    );
    let published = client.diagnostics(&broken_uri);
    assert_eq!(
        of_rule(&published, "buzzword/hype-titles").len(),
        1,
        "{published}"
    );

    // Closing a document clears its diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": broken_uri}}),
    );
    let published = client.diagnostics(&broken_uri);
    assert_eq!(published["diagnostics"], json!([]));

    // Garbage does not stop the server: a request with wrong parameters gets an error
    // response, and the server still answers afterwards.
    let id = RequestId::from(999);
    client.send(
        Request::new(
            id.clone(),
            "textDocument/hover".into(),
            json!({"nonsense": true}),
        )
        .into(),
    );
    let deadline = Instant::now() + TIMEOUT;
    loop {
        match client.next(deadline, "the bad hover") {
            Message::Response(r) if r.id == id => {
                assert!(r.response_result.is_err(), "{r:?}");
                break;
            }
            Message::Notification(n) => client.pending.push_back(n),
            other => panic!("{other:?}"),
        }
    }

    // Shutdown, exit, and the process ends with 0.
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = client.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
}
