//! SARIF 2.1.0 output, for code-scanning tools (GitHub code scanning, Azure DevOps, IDE
//! viewers).
//!
//! The log has one run. `tool.driver.rules` lists every rule in force, with its message, why,
//! suggestions and default level; each result points at its rule by `ruleId` and `ruleIndex`.
//! Columns count Unicode scalar values (`columnKind: "unicodeCodePoints"`), as everywhere in
//! hirelint, and regions also carry byte offsets into the file. Each result has a
//! `partialFingerprints["hirelint/v1"]` that stays the same when lines are inserted or removed
//! elsewhere in the file, so code-scanning tools keep tracking the same finding: it is a hash
//! of the rule, the path, the matched words and how many earlier findings of that rule in that
//! file matched the same words: the fingerprints baselines use
//! ([`fingerprints`](crate::finding::fingerprints)).
//!
//! The log is streamed: the header with the rules is written first, results are written file
//! by file, and the run is closed with an `invocations` entry (skipped files and read errors as
//! notifications) and the run's counts in `properties`. Nothing else is written to standard
//! output, so the output is always one JSON document.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::model::{Emitter, FileResult, ReportOptions, Summary};
use crate::finding::Finding;
use crate::rule::{Rule, Severity};

/// The `$schema` written at the top of the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of hirelint's entry in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "hirelint/v1";

/// Writes one SARIF 2.1.0 log.
pub struct Sarif {
    rules: Vec<Arc<Rule>>,
    index: HashMap<String, usize>,
    first: bool,
}

impl Sarif {
    /// A new emitter; `options.rules` become `tool.driver.rules`.
    pub fn new(options: &ReportOptions) -> Self {
        let mut index = HashMap::new();
        for (i, r) in options.rules.iter().enumerate() {
            index.entry(r.id.clone()).or_insert(i);
        }
        Sarif {
            rules: options.rules.clone(),
            index,
            first: true,
        }
    }
}

/// The SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `reportingDescriptor` of a rule.
pub fn rule_value(r: &Rule) -> Value {
    let why = one_line(&r.why);
    let mut text = why.clone();
    let mut markdown = format!("**Why:** {why}");
    if !r.suggest.is_empty() {
        text.push_str("\n\nInstead:");
        markdown.push_str("\n\n**Instead:**\n");
        for s in &r.suggest {
            let s = one_line(s);
            text.push_str(&format!("\n- {s}"));
            markdown.push_str(&format!("\n- {s}"));
        }
    }
    if !r.source.trim().is_empty() {
        let source = one_line(&r.source);
        text.push_str(&format!("\n\nSource: {source}"));
        markdown.push_str(&format!("\n\n**Source:** {source}"));
    }
    let name = r.id.rsplit('/').next().unwrap_or(&r.id);
    let mut descriptor = json!({
        "id": r.id,
        "name": name,
        "shortDescription": {"text": one_line(&r.message.replace("{match}", "…"))},
        "fullDescription": {"text": text, "markdown": markdown},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {
            "tags": [r.family],
            "kind": r.kind().as_str(),
            "source": r.source,
        },
    });
    // SARIF's own field for the ids a rule had before (§3.49.4), so viewers can follow a move.
    if !r.formerly.is_empty() {
        descriptor["deprecatedIds"] = json!(r.formerly);
    }
    descriptor
}

/// The URI of a shown path: forward slashes, and every byte other than an unreserved
/// character or `/` percent-encoded. Absolute paths become `file://` URIs.
pub fn path_uri(path: &str) -> String {
    // `\` separates folders only on Windows; elsewhere it is part of a name (percent-encoded).
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let (prefix, rest) = if drive {
        ("file:///", &path[..])
    } else if path.starts_with('/') {
        ("file://", &path[..])
    } else {
        ("", &path[..])
    };
    let mut out = String::from(prefix);
    for (i, b) in rest.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1 && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The region of a finding. Document-level findings (an empty span) have a start only.
fn region(f: &Finding, source: &str) -> Value {
    let mut r = Map::new();
    r.insert("startLine".into(), json!(f.start.0));
    r.insert("startColumn".into(), json!(f.start.1));
    if f.span.is_empty() {
        return Value::Object(r);
    }
    r.insert("endLine".into(), json!(f.end.0));
    r.insert("endColumn".into(), json!(f.end.1));
    r.insert("byteOffset".into(), json!(f.span.start));
    r.insert("byteLength".into(), json!(f.span.len()));
    // The snippet is the text of the region; the matched words when the span does not fit the
    // text (it always should).
    let text = source.get(f.span.clone()).unwrap_or(&f.matched);
    r.insert("snippet".into(), json!({"text": text}));
    Value::Object(r)
}

/// The SARIF `result` of one finding, with its stable fingerprint.
pub fn result_value(
    f: &Finding,
    source: &str,
    rule_index: Option<usize>,
    fingerprint: &str,
) -> Value {
    let uri = path_uri(&f.path);
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule.id));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(f.severity)));
    r.insert("message".into(), json!({"text": f.message}));
    r.insert(
        "locations".into(),
        json!([{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": region(f, source),
            }
        }]),
    );
    r.insert(
        "partialFingerprints".into(),
        json!({FINGERPRINT_KEY: fingerprint}),
    );
    if let Some(fix) = &f.fix {
        let deleted = if f.span.is_empty() {
            json!({"byteOffset": f.span.start, "byteLength": 0})
        } else {
            json!({
                "startLine": f.start.0,
                "startColumn": f.start.1,
                "endLine": f.end.0,
                "endColumn": f.end.1,
                "byteOffset": f.span.start,
                "byteLength": f.span.len(),
            })
        };
        r.insert(
            "fixes".into(),
            json!([{
                "description": {"text": format!("Replace '{}' with '{}'.", f.matched, fix)},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri},
                    "replacements": [{
                        "deletedRegion": deleted,
                        "insertedContent": {"text": fix},
                    }],
                }],
            }]),
        );
    }
    r.insert("properties".into(), json!({"family": f.rule.family}));
    Value::Object(r)
}

fn notification(path: &str, text: &str, level: &str) -> Value {
    json!({
        "level": level,
        "message": {"text": format!("{path}: {text}")},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": path_uri(path)}}}],
    })
}

impl Emitter for Sarif {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        let mut driver = Map::new();
        driver.insert("name".into(), json!("hirelint"));
        driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
        driver.insert("semanticVersion".into(), json!(env!("CARGO_PKG_VERSION")));
        let info = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
            .into_iter()
            .find(|u| !u.is_empty());
        if let Some(uri) = info {
            driver.insert("informationUri".into(), json!(uri));
        }
        driver.insert(
            "rules".into(),
            Value::Array(self.rules.iter().map(|r| rule_value(r)).collect()),
        );
        write!(
            w,
            "{{\"$schema\":{},\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":",
            json!(SCHEMA_URI)
        )?;
        serde_json::to_writer(&mut *w, &Value::Object(driver))?;
        write!(w, "}},\"columnKind\":\"unicodeCodePoints\",\"results\":[")
    }

    fn file(&mut self, w: &mut dyn Write, file: &FileResult) -> io::Result<()> {
        // The same fingerprints as baselines use (`crate::finding::fingerprints`).
        let prints = crate::finding::fingerprints(&file.findings);
        for (f, print) in file.findings.iter().zip(&prints) {
            if !self.first {
                write!(w, ",")?;
            }
            self.first = false;
            write!(w, "\n  ")?;
            let index = self.index.get(f.rule.id.as_str()).copied();
            serde_json::to_writer(&mut *w, &result_value(f, &file.source, index, print))?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let mut notes: Vec<Value> = summary
            .skipped
            .iter()
            .map(|(p, why)| notification(p, why, "note"))
            .collect();
        notes.extend(
            summary
                .errors
                .iter()
                .map(|(p, why)| notification(p, why, "error")),
        );
        let mut invocation = Map::new();
        invocation.insert(
            "executionSuccessful".into(),
            json!(summary.errors.is_empty()),
        );
        if !notes.is_empty() {
            invocation.insert("toolExecutionNotifications".into(), Value::Array(notes));
        }
        write!(w, "\n],\"invocations\":[")?;
        serde_json::to_writer(&mut *w, &Value::Object(invocation))?;
        write!(w, "],\"properties\":")?;
        serde_json::to_writer(
            &mut *w,
            &json!({"summary": summary.line(), "counts": super::json::summary_value(summary)}),
        )?;
        writeln!(w, "}}]}}")
    }
}
