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
//!
//! GitHub shows only [`ANNOTATIONS_PER_KIND`] annotations of each kind per step: hirelint
//! writes no more than that, says how many it left out, and, under GitHub Actions, appends a
//! table of every finding to the step summary (`$GITHUB_STEP_SUMMARY`).

use std::io::{self, Write};

use super::model::{Emitter, FileResult, ReportOptions, Summary};
use crate::finding::Finding;
use crate::rule::Severity;

/// GitHub shows at most this many annotations of each kind (error, warning, notice) per step
/// and drops the rest without a word; hirelint writes no more than that, and says how many
/// it left out.
pub const ANNOTATIONS_PER_KIND: usize = 10;

/// The most hirelint adds to the step summary (GitHub takes up to 1 MiB per step).
const SUMMARY_LIMIT: usize = 900 * 1024;

/// Writes GitHub Actions workflow commands.
pub struct Github {
    /// Annotations written per kind: error, warning, notice.
    written: [usize; 3],
    /// Findings left out per kind.
    left_out: [usize; 3],
    /// The step summary file (`$GITHUB_STEP_SUMMARY`), if the runner gave one.
    summary_file: Option<std::path::PathBuf>,
    /// The rows of the step summary table, up to [`SUMMARY_LIMIT`].
    rows: String,
    /// Findings that did not fit in the step summary.
    rows_left_out: usize,
}

impl Github {
    /// A new emitter. Under GitHub Actions (`$GITHUB_STEP_SUMMARY` set) it also appends a table
    /// of every finding to the step summary.
    pub fn new(_options: &ReportOptions) -> Self {
        Github {
            written: [0; 3],
            left_out: [0; 3],
            summary_file: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(std::path::PathBuf::from),
            rows: String::new(),
            rows_left_out: 0,
        }
    }

    fn add_row(&mut self, f: &Finding) {
        if self.summary_file.is_none() {
            return;
        }
        let row = format!(
            "| {} | {}:{}:{} | `{}` | {} |\n",
            f.severity.as_str(),
            markdown_cell(&f.path),
            f.start.0,
            f.start.1,
            f.rule.id.replace('`', "'").replace('|', "/"),
            markdown_cell(&f.message)
        );
        if self.rows.len() + row.len() > SUMMARY_LIMIT {
            self.rows_left_out += 1;
        } else {
            self.rows.push_str(&row);
        }
    }

    fn write_summary(&self, summary: &Summary) -> io::Result<()> {
        let Some(file) = &self.summary_file else {
            return Ok(());
        };
        let mut text = format!("## hirelint\n\n{}\n\n", summary.line());
        if !self.rows.is_empty() {
            text.push_str("| severity | where | rule | message |\n| --- | --- | --- | --- |\n");
            text.push_str(&self.rows);
        }
        if self.rows_left_out > 0 {
            text.push_str(&format!(
                "\n{} more findings do not fit in the step summary; run hirelint with `--format json` for all of them.\n",
                self.rows_left_out
            ));
        }
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(file)?;
        f.write_all(text.as_bytes())
    }
}

/// Text for a cell of a Markdown table in the step summary: the path and message come from
/// the pull request, so nothing in them may become markup (a link, an image, HTML, a new
/// cell or row).
fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    crate::escape::shown(&out).into_owned()
}

fn kind_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
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
            let k = kind_index(f.severity);
            if self.written[k] < ANNOTATIONS_PER_KIND {
                self.written[k] += 1;
                writeln!(w, "{}", annotation(f))?;
            } else {
                self.left_out[k] += 1;
            }
            self.add_row(f);
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        // Files that could not be read first: they change the exit code.
        for (path, why) in &summary.errors {
            if self.written[0] < ANNOTATIONS_PER_KIND {
                self.written[0] += 1;
                writeln!(
                    w,
                    "::error file={},title=hirelint::{}",
                    escape_property(path),
                    escape_data(&format!("could not be read: {why}"))
                )?;
            } else {
                self.left_out[0] += 1;
            }
        }
        for (path, why) in &summary.skipped {
            if self.written[2] < ANNOTATIONS_PER_KIND {
                self.written[2] += 1;
                writeln!(
                    w,
                    "::notice file={},title=hirelint::{}",
                    escape_property(path),
                    escape_data(&format!("skipped: {why}"))
                )?;
            } else {
                self.left_out[2] += 1;
            }
        }
        for (k, name) in ["errors", "warnings", "notices"].iter().enumerate() {
            if self.left_out[k] > 0 {
                writeln!(
                    w,
                    "hirelint: {} more {name} are not annotated (GitHub shows {ANNOTATIONS_PER_KIND} of each kind per step){}.",
                    self.left_out[k],
                    if self.summary_file.is_some() {
                        "; the step summary lists every finding"
                    } else {
                        "; run with --format json to see them all"
                    }
                )?;
            }
        }
        self.write_summary(summary)?;
        writeln!(w, "{}", summary.line())
    }
}
