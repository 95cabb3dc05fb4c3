//! `hirelint lsp`: a language server over standard input and output, so an editor shows the
//! findings while a job ad or interview script is being written.
//!
//! The server is a thin edge around the library, like the printers of `check`: a document's
//! text goes through the same [`Linter::lint`] as a file does, with the rules
//! and options its nearest `hirelint.toml` asks for (built by [`Linter::new`]), and only the
//! output differs. Byte spans stay byte spans until a finding leaves as a diagnostic; here,
//! and only here, they become LSP positions, which count UTF-16 code units ([`Lines`]).
//!
//! It is one synchronous loop over `lsp-server`'s channels (the scaffold rust-analyzer uses),
//! with `lsp-types` for the messages. Text is synced whole. A document is checked at once when
//! it is opened, and 300 ms after the last change while it is being edited: the loop waits on
//! the channel with a timeout that ends at the earliest pending check, so there is no timer
//! thread and no async runtime. A request about a document with a pending check (a hover, a
//! code action) runs the check first, so answers always match the text the editor has.
//!
//! A configuration is loaded once and kept until its file changes (size or time). One that
//! cannot be used is reported with `window/showMessage` once, and the default rules are used
//! until it is fixed. No document or request may stop the server: parameters that do not fit
//! get an error response, positions outside the text are clamped, and a panic while checking
//! one document is caught and reported instead of ending the session. (A frame that is not
//! JSON-RPC at all ends the connection, in `lsp-server`'s reader; the command then exits with
//! 2 and says why on standard error.)

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, Hover, HoverContents, HoverParams,
    HoverProviderCapability, MarkupContent, MarkupKind, MessageType, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};

use hirelint::config;
use hirelint::document::{BlockKind, Format};
use hirelint::finding::Finding;
use hirelint::linter::{Body, Linter, Source};
use hirelint::rule::{RuleSet, Severity};

/// How long after the last change of a document it is checked: long enough not to check on
/// every key stroke, short enough to feel immediate.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Runs the server until the client asks it to exit; returns the exit code: 0 after a
/// `shutdown` request, 1 when the client exits or goes away without one (as the protocol
/// asks).
pub fn run() -> Result<u8> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = serde_json::to_value(capabilities())?;
    if let Err(e) = connection.initialize(capabilities) {
        if e.channel_is_disconnected() {
            // The client went away before it started.
            drop(connection);
            io_threads.join()?;
            return Ok(1);
        }
        return Err(e.into());
    }
    let code = Server::new(&connection).serve()?;
    drop(connection);
    io_threads.join()?;
    Ok(code)
}

/// What the server offers: whole-text sync, hover and quick fixes.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        ..Default::default()
    }
}

/// What checks a document: the rules and engine options of its configuration, with the
/// blocks kept (Markdown table cells are found in them).
type Checker = Linter;

/// The checker of a configuration (or none), as `check` applies it when no flags are given:
/// built by [`Linter::new`], so a misspelt name is refused with the same message.
fn checker(loaded: Option<config::Loaded>) -> Result<Checker, config::ConfigError> {
    let file = loaded.as_ref().map(|l| l.file.clone()).unwrap_or_default();
    let options = hirelint::linter::Options {
        keep_blocks: true,
        ..Default::default()
    };
    Linter::new(&options, loaded).map_err(|e| config::ConfigError {
        file,
        position: None,
        message: format!("{e:#}"),
    })
}

/// A configuration file's size and time of change: a different stamp means it is read again.
type Stamp = Option<(u64, Option<SystemTime>)>;

fn stamp(file: &Path) -> Stamp {
    std::fs::metadata(file)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// An open document.
struct Open {
    uri: Uri,
    /// Its file, for `file:` URIs: where its configuration is looked for.
    path: Option<PathBuf>,
    format: Option<Format>,
    text: String,
    version: i32,
    /// The findings of the last check, with byte spans into `text`.
    findings: Vec<Finding>,
    /// The source ranges of Markdown table cells, where a comment line would end the table.
    table_cells: Vec<std::ops::Range<usize>>,
    /// When it is to be checked again, after a change.
    due: Option<Instant>,
}

struct Server<'a> {
    connection: &'a Connection,
    documents: HashMap<String, Open>,
    /// The checker without a configuration; built on first use.
    default: Option<Arc<Checker>>,
    /// Checkers by configuration file, with the stamp they were read at. A file that could
    /// not be used maps to the default checker (its error is shown once per stamp).
    configured: HashMap<PathBuf, (Stamp, Arc<Checker>)>,
}

impl<'a> Server<'a> {
    fn new(connection: &'a Connection) -> Self {
        Server {
            connection,
            documents: HashMap::new(),
            default: None,
            configured: HashMap::new(),
        }
    }

    /// The main loop: messages, and the checks that fall due between them.
    fn serve(&mut self) -> Result<u8> {
        loop {
            let due = self.documents.values().filter_map(|d| d.due).min();
            let message = match due {
                Some(due) => {
                    let wait = due.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(m) => m,
                        Err(e) if e.is_timeout() => {
                            self.check_due();
                            continue;
                        }
                        Err(_) => return Ok(1),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(1),
                },
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(0);
                    }
                    self.request(request);
                }
                Message::Notification(n) if n.method == "exit" => return Ok(1),
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // A send fails only when the writer has stopped (standard output closed); the loop
        // then ends when the reader stops too.
        let _ = self.connection.sender.send(message.into());
    }

    fn show_error(&self, message: String) {
        let params = ShowMessageParams {
            typ: MessageType::ERROR,
            message,
        };
        self.send(Notification::new("window/showMessage".into(), params));
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Some(p) = params::<DidOpenTextDocumentParams>(&n.method, n.params) else {
                    return;
                };
                let doc = p.text_document;
                let key = doc.uri.as_str().to_string();
                let path = file_path(doc.uri.as_str());
                let format = format_of(path.as_deref(), doc.uri.as_str(), &doc.language_id);
                self.documents.insert(
                    key.clone(),
                    Open {
                        uri: doc.uri,
                        path,
                        format,
                        text: doc.text,
                        version: doc.version,
                        findings: Vec::new(),
                        table_cells: Vec::new(),
                        due: None,
                    },
                );
                self.check(&key);
            }
            "textDocument/didChange" => {
                let Some(p) = params::<DidChangeTextDocumentParams>(&n.method, n.params) else {
                    return;
                };
                let Some(doc) = self.documents.get_mut(p.text_document.uri.as_str()) else {
                    return;
                };
                for change in p.content_changes {
                    match change.range {
                        // Whole-text sync, as announced; a client that sends ranges anyway
                        // still gets them applied.
                        None => doc.text = change.text,
                        Some(range) => {
                            let lines = Lines::new(&doc.text);
                            let start = lines.offset(range.start);
                            let end = lines.offset(range.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                    }
                }
                doc.version = p.text_document.version;
                doc.due = Some(Instant::now() + DEBOUNCE);
            }
            "textDocument/didClose" => {
                let Some(p) = params::<DidCloseTextDocumentParams>(&n.method, n.params) else {
                    return;
                };
                if let Some(doc) = self.documents.remove(p.text_document.uri.as_str()) {
                    self.publish(doc.uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let response = match request.method.as_str() {
            "textDocument/codeAction" => {
                match params::<CodeActionParams>(&request.method, request.params) {
                    Some(p) => {
                        let key = p.text_document.uri.as_str().to_string();
                        self.check_if_due(&key);
                        let actions = self
                            .documents
                            .get(&key)
                            .map(|d| code_actions(d, p.range))
                            .unwrap_or_default();
                        Response::new_ok(id, actions)
                    }
                    None => invalid_params(id),
                }
            }
            "textDocument/hover" => match params::<HoverParams>(&request.method, request.params) {
                Some(p) => {
                    let at = p.text_document_position_params;
                    let key = at.text_document.uri.as_str().to_string();
                    self.check_if_due(&key);
                    let hover = self.documents.get(&key).and_then(|d| hover(d, at.position));
                    Response::new_ok(id, hover)
                }
                None => invalid_params(id),
            },
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("hirelint does not answer `{}`", request.method),
            ),
        };
        self.send(response);
    }

    fn check_if_due(&mut self, key: &str) {
        if self.documents.get(key).is_some_and(|d| d.due.is_some()) {
            self.check(key);
        }
    }

    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .documents
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(k, _)| k.clone())
            .collect();
        for key in due {
            self.check(&key);
        }
    }

    /// Checks a document and publishes its diagnostics.
    fn check(&mut self, key: &str) {
        let Some((path, format)) = self.documents.get(key).map(|d| (d.path.clone(), d.format))
        else {
            return;
        };
        let checker = format.map(|_| self.checker_for(path.as_deref()));
        let Some(doc) = self.documents.get_mut(key) else {
            return;
        };
        doc.due = None;
        // Not Markdown, HTML or text (a Word file, source code): nothing to say about it.
        let (Some(format), Some(checker)) = (format, checker) else {
            doc.findings.clear();
            let (uri, version) = (doc.uri.clone(), doc.version);
            self.publish(uri, Vec::new(), Some(version));
            return;
        };
        let shown = match &doc.path {
            Some(p) => p.display().to_string(),
            None => doc.uri.as_str().to_string(),
        };
        let text = doc.text.clone();
        // The configuration's `[kinds]` apply to the file; a document without one has no path
        // (an empty one matches no glob).
        let source = Source {
            name: shown.clone(),
            path: doc.path.clone().unwrap_or_default(),
            kind: None,
            body: Body::Text(text, format),
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            // Text always checks; only a package can fail.
            let Ok(result) = checker.lint(source) else {
                return (Vec::new(), Vec::new());
            };
            let cells = result
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::TableCell && format == Format::Markdown)
                .map(|b| b.source_range(0..b.text.len()))
                .collect();
            (result.findings, cells)
        }));
        let (uri, version) = (doc.uri.clone(), doc.version);
        match outcome {
            Ok((findings, cells)) => {
                doc.findings = findings;
                doc.table_cells = cells;
                let lines = Lines::new(&doc.text);
                let diagnostics = doc.findings.iter().map(|f| diagnostic(&lines, f)).collect();
                self.publish(uri, diagnostics, Some(version));
            }
            Err(_) => {
                doc.findings.clear();
                self.publish(uri, Vec::new(), Some(version));
                self.show_error(format!(
                    "hirelint could not check {shown}: this is a bug in hirelint. Please report it with the text that caused it."
                ));
            }
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        ));
    }

    /// The checker for a document: that of its nearest configuration file, found and loaded
    /// as `check` does, else the default one. A document with no file (`untitled:`) takes
    /// the configuration of the server's folder, as `check -` does for standard input.
    fn checker_for(&mut self, path: Option<&Path>) -> Arc<Checker> {
        let file = config::discover(path.unwrap_or(Path::new(".")));
        let Some(file) = file else {
            return self.default_checker();
        };
        let now = stamp(&file);
        if let Some((seen, checker)) = self.configured.get(&file)
            && *seen == now
        {
            return checker.clone();
        }
        let loaded = config::check_location(&file)
            .and_then(|()| config::load(&file))
            .and_then(|l| checker(Some(l)));
        let checker = match loaded {
            Ok(c) => Arc::new(c),
            Err(e) => {
                let at = e
                    .position
                    .map(|(l, c)| format!(" (line {l}, column {c})"))
                    .unwrap_or_default();
                self.show_error(format!(
                    "hirelint could not use {}{at}: {}. Until it is fixed, documents are checked with the default rules.",
                    e.file.display(),
                    e.message.trim_end_matches('.')
                ));
                self.default_checker()
            }
        };
        self.configured.insert(file, (now, checker.clone()));
        checker
    }

    fn default_checker(&mut self) -> Arc<Checker> {
        if let Some(c) = &self.default {
            return c.clone();
        }
        // The bundled rules are checked by the tests, so they load; should they not, the
        // server still runs, with no rules, and says why.
        let checker = match checker(None) {
            Ok(c) => c,
            Err(e) => {
                self.show_error(format!("hirelint could not load its rules: {}", e.message));
                Linter::with_rules(RuleSet::default(), Default::default(), None)
            }
        };
        let checker = Arc::new(checker);
        self.default = Some(checker.clone());
        checker
    }
}

/// The parameters of a message, or `None` (with a note on standard error) when they do not
/// fit.
fn params<P: serde::de::DeserializeOwned>(method: &str, value: serde_json::Value) -> Option<P> {
    match serde_json::from_value(value) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!(
                "hirelint lsp: ignored `{}`: {}",
                hirelint::escape::shown(method),
                hirelint::escape::shown(&e.to_string())
            );
            None
        }
    }
}

fn invalid_params(id: lsp_server::RequestId) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        "the parameters do not fit this request".into(),
    )
}

/// The document format: from the file's extension, else from the editor's language id;
/// `None` for anything else (a Word file opened as text, source code).
fn format_of(path: Option<&Path>, uri: &str, language_id: &str) -> Option<Format> {
    let name = match path {
        Some(p) => p.to_string_lossy().to_string(),
        None => uri.to_string(),
    };
    let file_name = name.rsplit(['/', '\\']).next().unwrap_or(&name);
    match Format::from_path(file_name) {
        Some(f) if !f.is_package() => Some(f),
        Some(_) => None,
        None => match language_id {
            "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "plaintext" | "text" => Some(Format::Text),
            _ => None,
        },
    }
}

/// The local path of a `file:` URI (percent-decoded); `None` for other URIs (`untitled:`).
fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let mut bytes = Vec::with_capacity(rest.len());
    let mut iter = rest.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hi = iter.next().and_then(|h| (h as char).to_digit(16))?;
            let lo = iter.next().and_then(|l| (l as char).to_digit(16))?;
            bytes.push((hi * 16 + lo) as u8);
        } else {
            bytes.push(b);
        }
    }
    let decoded = String::from_utf8(bytes).ok()?;
    // `file:///C:/jobs/ad.md` is `C:/jobs/ad.md` on Windows.
    let decoded = match decoded.as_bytes() {
        [b'/', drive, b':', ..] if cfg!(windows) && drive.is_ascii_alphabetic() => {
            decoded[1..].to_string()
        }
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

/// The starts of the lines of a text, to turn byte offsets into LSP positions (lines from 0,
/// characters in UTF-16 code units) and back. `\n`, `\r\n` and `\r` end a line, as in LSP.
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        Lines { text, starts }
    }

    /// The position of a byte offset (clamped to the text and to a character boundary).
    fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    /// The byte offset of a position; a line past the end is the end of the text, a
    /// character past the end of its line is the end of the line, and a character inside a
    /// surrogate pair is the start of that character.
    fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self.line_end(line);
        let want = position.character as usize;
        let mut units = 0;
        for (i, c) in self.text.get(start..end).unwrap_or("").char_indices() {
            units += c.len_utf16();
            if units > want {
                return start + i;
            }
        }
        end
    }

    /// The offset where a line's text ends (before its line break).
    fn line_end(&self, line: usize) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let body = self.text.get(..next).unwrap_or(self.text);
        let body = body.strip_suffix('\n').unwrap_or(body);
        let body = body.strip_suffix('\r').unwrap_or(body);
        body.len().max(self.starts.get(line).copied().unwrap_or(0))
    }

    fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

/// A finding as a diagnostic. A document-level finding (an empty span: information that is
/// missing) is shown at the very start, zero-width: it belongs to no words.
fn diagnostic(lines: &Lines, f: &Finding) -> Diagnostic {
    let range = if f.span.is_empty() {
        Range::default()
    } else {
        lines.range(&f.span)
    };
    Diagnostic {
        range,
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(f.rule_id().to_string())),
        // Rules have no page of their own to link to (`hirelint explain` shows them), and
        // their sources are several, so no `codeDescription`.
        code_description: None,
        source: Some("hirelint".into()),
        message: f.message.clone(),
        ..Default::default()
    }
}

/// The quick fixes for the findings the range touches: the safe replacement, where the rule
/// has one, and a suppression comment on the line above (Markdown and HTML, which have
/// comments), with the line's indentation and, in Markdown, its block-quote markers, so the
/// comment stays in the same list item or quote. Not in a Markdown table, where a comment
/// line would end the table, and not for document-level findings, which no line holds.
// `WorkspaceEdit::changes` is keyed by `Uri`, which caches its parse in a `Cell`; the key is
// never changed while in the map (rust-analyzer allows this lint for the same reason).
#[allow(clippy::mutable_key_type)]
fn code_actions(doc: &Open, range: Range) -> Vec<CodeActionOrCommand> {
    let lines = Lines::new(&doc.text);
    let (start, end) = (lines.offset(range.start), lines.offset(range.end));
    let comments = matches!(doc.format, Some(Format::Markdown | Format::Html));
    let markdown = doc.format == Some(Format::Markdown);
    let newline = if doc.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut actions = Vec::new();
    for f in &doc.findings {
        // Document-level findings are about what is missing, not about a line.
        if f.span.is_empty() || f.span.start > end || start > f.span.end {
            continue;
        }
        let diagnostic = diagnostic(&lines, f);
        let edit = |range: Range, new_text: String| {
            let changes = HashMap::from([(doc.uri.clone(), vec![TextEdit { range, new_text }])]);
            Some(WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            })
        };
        if let Some(fix) = &f.fix {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace '{}' with '{fix}'", f.matched),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: edit(diagnostic.range, fix.clone()),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        // The findings about suppressions themselves are not suppressed by another one.
        let in_table = doc.table_cells.iter().any(|c| c.contains(&f.span.start));
        if comments && !in_table && !f.rule_id().starts_with("hirelint/") {
            let line = diagnostic.range.start.line;
            let line_start = lines.offset(Position::new(line, 0));
            let indent: String = doc
                .text
                .get(line_start..)
                .unwrap_or("")
                .chars()
                .take_while(|c| matches!(c, ' ' | '\t') || (*c == '>' && markdown))
                .collect();
            let comment = format!(
                "{indent}<!-- hirelint-disable-next-line {} -->{newline}",
                f.rule_id()
            );
            let at = Range::new(Position::new(line, 0), Position::new(line, 0));
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Disable {} for this line", f.rule_id()),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: edit(at, comment),
                ..Default::default()
            }));
        }
    }
    actions
}

/// The hover over highlighted words: for each finding there, its message, why it is a
/// barrier and what to write instead.
fn hover(doc: &Open, position: Position) -> Option<Hover> {
    let lines = Lines::new(&doc.text);
    let at = lines.offset(position);
    let here: Vec<&Finding> = doc
        .findings
        .iter()
        .filter(|f| !f.span.is_empty() && f.span.start <= at && at <= f.span.end)
        .collect();
    let first = here.first()?;
    let parts: Vec<String> = here
        .iter()
        .map(|f| {
            let mut s = format!(
                "**{}** ({}): {}\n\n**Why:** {}",
                markdown_escape(f.rule_id()),
                f.severity,
                markdown_escape(&f.message),
                markdown_escape(f.rule.why.trim())
            );
            if !f.rule.suggest.is_empty() {
                s.push_str("\n\n**Instead:**\n");
                for suggestion in &f.rule.suggest {
                    s.push_str(&format!("\n- {}", markdown_escape(suggestion)));
                }
            }
            s
        })
        .collect();
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(lines.range(&first.span)),
    })
}

/// Text shown as Markdown: characters that would format it, or open HTML, are escaped, and
/// line breaks inside a paragraph are kept as spaces.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_code_units() {
        // "é" is 2 bytes and 1 unit; "🚀" is 4 bytes and 2 units.
        let text = "Café 🚀 chairman\nnext";
        let lines = Lines::new(text);
        let at = text.find("chairman").unwrap();
        assert_eq!(at, 11);
        assert_eq!(lines.position(at), Position::new(0, 8));
        assert_eq!(lines.offset(Position::new(0, 8)), at);
        assert_eq!(lines.position(text.len()), Position::new(1, 4));
        // Inside the surrogate pair: the start of the emoji.
        assert_eq!(lines.offset(Position::new(0, 6)), text.find('🚀').unwrap());
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        let text = "ab\r\ncd\rx";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(Position::new(0, 99)), 2);
        assert_eq!(lines.offset(Position::new(1, 1)), 5);
        assert_eq!(lines.offset(Position::new(2, 0)), 7);
        assert_eq!(lines.offset(Position::new(99, 0)), text.len());
        assert_eq!(lines.position(999), Position::new(2, 1));
        // Not a character boundary: the start of the character.
        let lines = Lines::new("é");
        assert_eq!(lines.position(1), Position::new(0, 0));
    }

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path("file:///home/sam/jobs/caf%C3%A9%20ad.md"),
            Some(PathBuf::from("/home/sam/jobs/café ad.md"))
        );
        assert_eq!(file_path("untitled:Untitled-1"), None);
        assert_eq!(file_path("file:///bad%zz"), None);
    }

    #[test]
    fn format_from_extension_then_language() {
        let p = PathBuf::from("/a/ad.htm");
        assert_eq!(format_of(Some(&p), "", "markdown"), Some(Format::Html));
        assert_eq!(
            format_of(None, "untitled:1", "markdown"),
            Some(Format::Markdown)
        );
        assert_eq!(
            format_of(None, "untitled:1", "plaintext"),
            Some(Format::Text)
        );
        assert_eq!(format_of(None, "untitled:1", "rust"), None);
        let p = PathBuf::from("/a/ad.docx");
        assert_eq!(format_of(Some(&p), "", "markdown"), None);
    }

    #[test]
    fn markdown_in_rule_text_is_shown_as_written() {
        assert_eq!(markdown_escape("a *b* <i>\nc"), "a \\*b\\* \\<i\\> c");
    }
}
