//! JSON output: one object `{"version": 1, "findings": [...], "summary": {...}}`, streamed
//! finding by finding.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use super::model::{Emitter, FileResult, Summary};
use crate::finding::Finding;

/// The JSON form of one finding, written straight from the finding (fields in alphabetical
/// order, as in every JSON object hirelint writes).
#[derive(Serialize)]
struct FindingJson<'a> {
    byte_end: usize,
    byte_start: usize,
    column: usize,
    end_column: usize,
    end_line: usize,
    family: &'a str,
    fix: &'a Option<String>,
    /// The record id, in JSON Lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    /// The legal systems whose law the rule relies on.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    jurisdictions: &'a [String],
    line: usize,
    matched: &'a str,
    message: &'a str,
    /// The character offset in the paragraph (Word and OpenDocument files).
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<usize>,
    /// The paragraph, 1-based (Word and OpenDocument files).
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    suggestions: &'a [String],
    why: std::borrow::Cow<'a, str>,
}

impl<'a> FindingJson<'a> {
    fn new(f: &'a Finding) -> Self {
        FindingJson {
            byte_end: f.span.end,
            byte_start: f.span.start,
            column: f.start.1,
            end_column: f.end.1,
            end_line: f.end.0,
            family: &f.rule.family,
            fix: &f.fix,
            id: None,
            jurisdictions: &f.rule.jurisdictions,
            line: f.start.0,
            matched: &f.matched,
            message: &f.message,
            offset: f.paragraph.map(|p| p.1),
            paragraph: f.paragraph.map(|p| p.0),
            path: &f.path,
            rule: &f.rule.id,
            severity: f.severity.as_str(),
            suggestions: &f.rule.suggest,
            // The TOML text's hard line wraps are not part of the reason.
            why: if f.rule.why.contains('\n') {
                f.rule
                    .why
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .into()
            } else {
                f.rule.why.as_str().into()
            },
        }
    }
}

/// The JSON form of one finding, exactly as in `--format json`: for library users (the Python
/// package) that hand findings on as data.
pub fn finding_value(f: &Finding) -> Value {
    serde_json::to_value(FindingJson::new(f)).unwrap_or(Value::Null)
}

/// The JSON form of a summary.
pub fn summary_value(s: &Summary) -> Value {
    json!({
        "files": s.files,
        "files_with_findings": s.files_with_findings,
        "findings": s.total(),
        "by_severity": s.by_severity.iter().map(|(k, v)| (k.as_str().to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
        "by_family": s.by_family,
        "by_rule": s.by_rule,
        "skipped": s.skipped.iter().map(|(p, w)| json!({"path": p, "reason": w})).collect::<Vec<_>>(),
        "errors": s.errors.iter().map(|(p, w)| json!({"path": p, "error": w})).collect::<Vec<_>>(),
    })
}

/// Writes the JSON object.
#[derive(Default)]
pub struct Json {
    first: bool,
}

impl Json {
    /// A new emitter.
    pub fn new() -> Self {
        Json { first: true }
    }
}

impl Emitter for Json {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        write!(w, "{{\"version\":1,\"findings\":[")
    }

    fn file(&mut self, w: &mut dyn Write, file: &FileResult) -> io::Result<()> {
        for f in &file.findings {
            if !self.first {
                write!(w, ",")?;
            }
            self.first = false;
            write!(w, "\n  ")?;
            serde_json::to_writer(&mut *w, &FindingJson::new(f))?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        write!(w, "\n],\"summary\":")?;
        serde_json::to_writer(&mut *w, &summary_value(summary))?;
        writeln!(w, "}}")
    }
}

/// Writes one finding per line (JSON Lines), for streams and job-board dumps. The last line
/// is the summary, marked `"type": "summary"`.
pub struct JsonLines;

impl Emitter for JsonLines {
    fn file(&mut self, w: &mut dyn Write, file: &FileResult) -> io::Result<()> {
        for f in &file.findings {
            // In a job-board dump the "path" is the record id; name it so.
            let v = FindingJson {
                id: Some(&f.path),
                ..FindingJson::new(f)
            };
            serde_json::to_writer(&mut *w, &v)?;
            writeln!(w)?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let mut v = summary_value(summary);
        v["type"] = json!("summary");
        serde_json::to_writer(&mut *w, &v)?;
        writeln!(w)
    }
}
