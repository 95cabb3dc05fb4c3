//! What each command does, given plain options: the command line (`src/cli/`) parses the
//! arguments into these and calls them, and nothing else. Each returns the exit code: 0 no
//! finding at or above `--fail-on`; 1 findings; 2 usage, configuration or rule error, or a
//! path that could not be read.

mod check;
mod fix;
mod inspect;
mod jsonl;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::config;
use crate::input::RecordFields;
use crate::linter::{self, load_rules};
use crate::report::ReportFormat;
use crate::rule::RuleSet;

pub use inspect::inspect;

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
    fn linter_options(&self) -> linter::Options {
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
    fn color(&self) -> bool {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return false;
        }
        self.color.unwrap_or_else(|| io::stdout().is_terminal())
    }

    /// One thread per core unless told.
    fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }
}

/// `hirelint check`: the paths, or with `jsonl` a dump.
pub fn check(o: &CheckOptions) -> Result<u8> {
    if o.jsonl.is_some() {
        return jsonl::run(o);
    }
    check::run(o)
}

/// `hirelint rules`: the catalogue as `text`, `md` or `json`.
pub fn rules(dirs: &[PathBuf], unreviewed: bool, format: &str) -> Result<u8> {
    let mut set = load_rules(dirs, false)?;
    if unreviewed {
        set.rules.retain(|r| !r.is_reviewed());
    }
    match format {
        "md" => print_lines(&crate::report::catalogue_markdown(&set))?,
        "json" => {
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &crate::report::catalogue::json(&set))?;
            writeln!(out)?;
        }
        _ => print_lines(&crate::report::catalogue::text(&set))?,
    }
    Ok(0)
}

/// `hirelint explain RULE`.
pub fn explain(dirs: &[PathBuf], id: &str) -> Result<u8> {
    let set = load_rules(dirs, false)?;
    let Some(r) = set.get(id) else {
        let close = crate::report::catalogue::close_to(&set, id);
        say!("error: no rule `{id}`.");
        if !close.is_empty() {
            say!("Did you mean: {}?", close.join(", "));
        }
        eprintln!("`hirelint rules` lists them all.");
        return Ok(2);
    };
    print_lines(&crate::report::catalogue::explain(r))?;
    Ok(0)
}

/// `hirelint init`: a commented starter configuration in `dir`.
pub fn init(dir: &Path, force: bool) -> Result<u8> {
    let path = dir.join("hirelint.toml");
    if path.exists() && !force {
        say!(
            "error: {} exists already; use --force to replace it",
            path.display()
        );
        return Ok(2);
    }
    crate::write::atomic_write(&path, config::STARTER.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    println!("Wrote {}. Every key in it is optional.", path.display());
    Ok(0)
}

/// `hirelint eval`: a labelled folder, or with `questions` a question bank.
pub fn eval(
    labels: Option<&Path>,
    docs: Option<&Path>,
    questions: Option<&Path>,
    dirs: &[PathBuf],
    no_bundled: bool,
    brief: bool,
) -> Result<u8> {
    // What runs by default: opt-in rules are not measured.
    let set = load_rules(dirs, no_bundled)?.by_default();
    let linter = linter::Linter::with_rules(set, Default::default(), None);
    let text = match (questions, labels, docs) {
        (Some(bank), _, _) => crate::eval::questions::evaluate_bank(&linter, bank)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .render(!brief),
        (None, Some(labels), Some(docs)) => crate::eval::evaluate(&linter, labels, docs)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .render(!brief),
        _ => bail!("give LABELS and DOCS, or --questions FILE"),
    };
    print!("{text}");
    Ok(0)
}

/// `hirelint test-rules DIR`: the examples of every rule in a rule folder.
pub fn test_rules(dir: &Path) -> Result<u8> {
    let mut set = RuleSet::empty().map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Err(e) = set.add_dir(dir) {
        for e in linter::rule_errors(dir, &e) {
            say!("error: broken rule file: {e}");
        }
        return Ok(2);
    }
    linter::load::limits_are_numbers(&set)?;
    if set.rules.is_empty() {
        bail!(
            "{}: no rule files found (expected <family>/<name>.toml)",
            dir.display()
        );
    }
    let (count, failures) = crate::examples::run(&set);
    let mut out = Vec::new();
    for f in &failures {
        writeln!(
            out,
            "FAIL {} ({}): this `{}` example {}:\n    {}",
            f.rule,
            f.file,
            f.expected,
            f.got,
            f.text.replace('\n', "\n    ")
        )?;
    }
    writeln!(
        out,
        "{} rules, {} examples: {} passed, {} failed",
        set.rules.len(),
        count,
        count - failures.len(),
        failures.len()
    )?;
    print_lines(&String::from_utf8_lossy(&out))?;
    Ok(if failures.is_empty() { 0 } else { 1 })
}

/// Writes text to standard output with every line escaped ([`crate::escape::lines`]).
fn print_lines(text: &str) -> Result<()> {
    let text = crate::escape::lines(text);
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// A progress bar for `len` files: only on a terminal, outside CI, from 200 files on.
fn progress_bar(len: usize, disabled: bool) -> Option<indicatif::ProgressBar> {
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
