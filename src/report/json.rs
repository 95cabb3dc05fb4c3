//! JSON output: one object `{"version": 1, "findings": [...], "summary": {...}}`, streamed
//! finding by finding.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, FileResult, Summary};
use crate::finding::Finding;

/// The JSON form of one finding.
pub fn finding_value(f: &Finding) -> Value {
    json!({
        "path": f.path.as_ref(),
        "rule": f.rule.id,
        "family": f.rule.family,
        "severity": f.severity.as_str(),
        "line": f.start.0,
        "column": f.start.1,
        "end_line": f.end.0,
        "end_column": f.end.1,
        "byte_start": f.span.start,
        "byte_end": f.span.end,
        "matched": f.matched,
        "message": f.message,
        "why": f.rule.why,
        "suggestions": f.rule.suggest,
        "fix": f.fix,
    })
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
            serde_json::to_writer(&mut *w, &finding_value(f))?;
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
            let mut v = finding_value(f);
            // In a job-board dump the "path" is the record id; name it so.
            v["id"] = json!(f.path.as_ref());
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
