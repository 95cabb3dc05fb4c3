//! `check --jsonl`: one JSON object per line in, findings out, streamed in chunks so that a
//! dump of any size is never held in memory. A malformed line is reported with its number and
//! skipped; the run goes on (and ends with exit code 2).

use std::io::{self, IsTerminal, Write};
use std::sync::Mutex;

use anyhow::Result;

use super::options::{CheckOptions, say};
use crate::config;
use crate::input::{self, CappedLines};
use crate::linter::Linter;
use crate::pipeline;
use crate::report::{ReportFormat, ReportOptions, Summary, outputs::outputs};

pub(super) fn run(a: &CheckOptions) -> Result<u8> {
    let threads = a.threads();
    let source = a.jsonl.clone().unwrap_or_default();
    let shown = source.display().to_string();
    let reader = input::open_dump(&source).map_err(|e| anyhow::anyhow!("{e}"))?;
    let config = config::for_current_folder(&a.config)?;
    let linter = Linter::new(&a.linter_options(), config)?;
    let format = if a.format == ReportFormat::Human && !io::stdout().is_terminal() {
        ReportFormat::Jsonl
    } else {
        a.format
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let specs: &[String] = if a.diff { &[] } else { &a.output };
    let mut emitter = outputs(
        specs,
        format,
        &ReportOptions {
            rules: linter.rules.rules.clone(),
            color: a.color(),
            long_summary: a.summary,
        },
    )?;
    emitter.begin(&mut out)?;
    let mut summary = Summary::default();
    let mut failing = 0usize;
    // Lines are read one at a time as workers need them and reported in order: the dump is
    // never held in memory, and no line more than --max-file-size bytes (the rest of a longer
    // line is read past, not kept). A line that is too long or not UTF-8 is an error for that
    // line; an I/O error ends the input, with an error.
    let read_error: Mutex<Option<(usize, String)>> = Mutex::new(None);
    let lines = CappedLines::new(reader, a.max_file_size).map_while(|line| match line {
        Ok(l) => Some(l),
        Err((n, e)) => {
            *read_error.lock().unwrap_or_else(|e| e.into_inner()) = Some((n, e.to_string()));
            None
        }
    });
    // Only the first errors are kept and shown one by one: a dump of a million bad lines must
    // not keep a million messages.
    const SHOWN_ERRORS: usize = 100;
    let mut more_errors = 0usize;
    pipeline::ordered(
        lines,
        threads,
        |(n, line)| {
            let r = line
                .and_then(|line| input::record(&a.fields, n, &line))
                .and_then(|s| s.map(|s| linter.lint(s)).transpose());
            (n, r)
        },
        |(n, r)| -> Result<()> {
            match r {
                Ok(Some(result)) => {
                    failing += linter.failing(&result);
                    summary.add(&result);
                    emitter.file(&mut out, &result)?;
                }
                Ok(None) => {}
                Err(_) if summary.errors.len() >= SHOWN_ERRORS => more_errors += 1,
                Err(why) => {
                    say!("error: {shown}:{n}: {why}");
                    summary.errors.push((format!("{shown}:{n}"), why));
                }
            }
            Ok(())
        },
    )?;
    if more_errors > 0 {
        let why = format!("{more_errors} more lines could not be used (not shown)");
        say!("error: {shown}: {why}");
        summary.errors.push((shown.clone(), why));
    }
    if let Some((n, e)) = read_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        say!("error: {shown}:{n}: cannot be read: {e}");
        summary
            .errors
            .push((shown.clone(), format!("line {n}: cannot be read: {e}")));
    }
    emitter.end(&mut out, &summary)?;
    out.flush()?;
    if !summary.errors.is_empty() {
        return Ok(2);
    }
    Ok(if failing > 0 { 1 } else { 0 })
}
