//! GitHub Actions annotations: one workflow command per finding, so that a job step running
//! `hirelint check --format github` marks the words on the pull request's diff.
//!
//! Each finding becomes
//! `::warning file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE`
//! (`::error` for errors, `::notice` for info), with the why and the suggestions on the
//! following lines of the message. Values are escaped as the runner expects: `%`, `\r`, `\n`
//! in the message, and also `:` and `,` in properties. Document-level findings give the line
//! and column only. Files that could not be read are `::error` commands, skipped files
//! `::notice` commands, and the summary line ends the output as plain text.

use std::io::{self, Write};

use super::{Emitter, FileResult, ReportOptions, Summary};
use crate::finding::Finding;
use crate::rule::Severity;

/// Writes GitHub Actions workflow commands.
pub struct Github {}

impl Github {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        Github {}
    }
}

/// Escapes the data (message) of a workflow command: `%`, `\r` and `\n`; other control
/// characters (an escape sequence in a file name) are shown as `\x1b` and the like, never
/// sent to the log.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push_str(&crate::escape::shown(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// Escapes a property value of a workflow command: as data, and also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The command name of a severity.
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The workflow command of one finding (without the line end).
pub fn annotation(f: &Finding) -> String {
    let mut props = format!(
        "file={},line={},col={}",
        escape_property(&f.path),
        f.start.0,
        f.start.1
    );
    if !f.span.is_empty() {
        props.push_str(&format!(",endLine={},endColumn={}", f.end.0, f.end.1));
    }
    props.push_str(&format!(",title={}", escape_property(&f.rule.id)));
    let mut message = f.message.clone();
    let why = one_line(&f.rule.why);
    if !why.is_empty() {
        message.push_str(&format!("\nWhy: {why}"));
    }
    for s in &f.rule.suggest {
        message.push_str(&format!("\nInstead: {}", one_line(s)));
    }
    format!(
        "::{} {props}::{}",
        command(f.severity),
        escape_data(&message)
    )
}

impl Emitter for Github {
    fn file(&mut self, w: &mut dyn Write, file: &FileResult) -> io::Result<()> {
        for f in &file.findings {
            writeln!(w, "{}", annotation(f))?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        for (path, why) in &summary.skipped {
            writeln!(
                w,
                "::notice file={},title=hirelint::{}",
                escape_property(path),
                escape_data(&format!("skipped: {why}"))
            )?;
        }
        for (path, why) in &summary.errors {
            writeln!(
                w,
                "::error file={},title=hirelint::{}",
                escape_property(path),
                escape_data(&format!("could not be read: {why}"))
            )?;
        }
        writeln!(w, "{}", summary.line())
    }
}
