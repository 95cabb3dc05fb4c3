//! The options of `check` and what every command shares: printing lines safely, colours,
//! threads, the progress bar.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;

use crate::config;
use crate::input::RecordFields;
use crate::linter;
use crate::report::ReportFormat;

/// `eprintln!` for lines that carry paths, rule ids or messages: the whole line goes through
/// [`crate::escape::shown`], so a file named `a⏎::error::x.md` prints as one line, with the
/// line break shown (`\n`), and no escape sequence reaches the terminal.
macro_rules! say {
    ($($t:tt)*) => {
        eprintln!("{}", $crate::escape::shown(&format!($($t)*)))
    };
}
pub(crate) use say;

/// What `check` is asked to do (every flag of `hirelint check`).
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Files or folders; `-` is standard input. Empty: the current folder.
    pub paths: Vec<PathBuf>,
    /// The output format.
    pub format: ReportFormat,
    /// `--output FORMAT[=FILE]`: when given, `format` is not used.
    pub output: Vec<String>,
    /// Which configuration to use.
    pub config: config::Choice,
    /// The rules and checks asked for.
    pub linter: linter::Options,
    /// Report only findings not in this baseline.
    pub baseline: Option<PathBuf>,
    /// Record every finding in this baseline.
    pub write_baseline: Option<PathBuf>,
    /// Apply the safe fixes.
    pub fix: bool,
    /// Show the safe fixes as a diff.
    pub diff: bool,
    /// Never show a progress bar.
    pub no_progress: bool,
    /// Read a JSON Lines dump (`-`: standard input) instead of paths.
    pub jsonl: Option<PathBuf>,
    /// The fields of the dump's records.
    pub fields: RecordFields,
    /// The name (and so the format) of standard input.
    pub stdin_filename: Option<String>,
    /// Only check files matching these globs (in folders).
    pub include: Vec<String>,
    /// Skip files matching these globs (in folders).
    pub exclude: Vec<String>,
    /// The long summary at the end.
    pub summary: bool,
    /// Colours: always, never, or (`None`) when standard output is a terminal.
    pub color: Option<bool>,
    /// Threads (default: one per core).
    pub threads: Option<usize>,
    /// Skip files larger than this.
    pub max_file_size: u64,
}

impl CheckOptions {
    /// The linter options, with the blocks kept when an HTML report is asked for.
    pub(crate) fn linter_options(&self) -> linter::Options {
        let html = self.format == ReportFormat::Html
            || self.output.iter().any(|o| {
                o.split('=')
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case("html"))
            });
        linter::Options {
            keep_blocks: html,
            ..self.linter.clone()
        }
    }

    /// Colours: `NO_COLOR` (set and not empty) turns them off whatever the command line says,
    /// as a user or CI runner sets it to mean "never" for every tool; `--color always` is for
    /// a pipe to a pager or a log that shows colours.
    pub(crate) fn color(&self) -> bool {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return false;
        }
        self.color.unwrap_or_else(|| io::stdout().is_terminal())
    }

    /// One thread per core unless told.
    pub(crate) fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }
}

/// Writes text to standard output with every line escaped ([`crate::escape::lines`]).
pub(crate) fn print_lines(text: &str) -> Result<()> {
    let text = crate::escape::lines(text);
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// A progress bar for `len` files: only on a terminal, outside CI, from 200 files on.
pub(crate) fn progress_bar(len: usize, disabled: bool) -> Option<indicatif::ProgressBar> {
    let wanted =
        !disabled && len >= 200 && io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    wanted.then(|| {
        let pb = indicatif::ProgressBar::new(len as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    })
}
