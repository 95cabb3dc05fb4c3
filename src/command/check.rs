//! `hirelint check PATH…`: files and folders (and standard input) checked in parallel,
//! reported in order, with baselines and fixes.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::options::{CheckOptions, progress_bar, say};
use crate::baseline;
use crate::config;
use crate::input;
use crate::linter::{Linter, display_path};
use crate::pipeline;
use crate::report::{FileResult, ReportFormat, ReportOptions, Summary, outputs::outputs};
use crate::walk::{self, ReadProblem, WalkOptions};

/// From this many files on, a run is a batch (see `rule::pattern::set_batch`).
const BATCH_FILES: usize = 64;

/// Each result with the real path of its file (none for standard input), or why the file was
/// not checked.
type Checked = Result<(FileResult, Option<PathBuf>), (String, ReadProblem)>;

pub(super) fn run(a: &CheckOptions) -> Result<u8> {
    let threads = a.threads();
    if a.fix && a.diff {
        bail!("--fix and --diff do not go together: --diff shows what --fix would write");
    }
    if a.fix && a.paths.iter().any(|p| p.as_os_str() == "-") {
        // The fixed text of standard input would go to the file named by --stdin-filename,
        // which may be any file: refused before anything is read.
        bail!(
            "--fix does not go with standard input (`-`): it writes files, and standard input is not one; use --diff to see the fixes"
        );
    }
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let (groups, strict, nested) = config::groups(&a.config, &paths)?;
    let options = a.linter_options();
    let mut prepared = Vec::new();
    for (config, paths) in groups {
        prepared.push((Linter::new(&options, config)?, paths));
    }
    let mut baselines = baseline::Filter::new(a.baseline.as_deref(), a.write_baseline.is_some())
        .map_err(|e| anyhow::anyhow!("{e}"))?;

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    for (file, why) in nested {
        say!("error: {file}: {why}");
        summary.errors.push((file, why));
    }
    let format = if a.diff {
        ReportFormat::Human
    } else {
        a.format
    };
    let report_options = ReportOptions {
        rules: prepared
            .first()
            .map(|(l, _)| l.rules.rules.clone())
            .unwrap_or_default(),
        color: a.color(),
        long_summary: a.summary,
    };
    let no_outputs: &[String] = &[];
    let specs = if a.diff { no_outputs } else { &a.output };
    let mut emitter = outputs(specs, format, &report_options)?;
    if !a.diff {
        emitter.begin(&mut out)?;
    }
    let mut failing = 0usize;
    let binary_note = crate::parse::DecodeError::Binary.to_string();
    for (linter, paths) in &prepared {
        let stdin_wanted = paths.iter().any(|p| p.as_os_str() == "-");
        let file_paths: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        let walk_options = WalkOptions {
            include: a.include.clone(),
            exclude: a.exclude.clone(),
            strict,
        };
        let (mut files, walk_errors) = walk::discover(&file_paths, &walk_options);
        // A batch: compile each expression once, in full (see `rule::pattern::set_batch`).
        crate::rule::pattern::set_batch(files.len() >= BATCH_FILES);
        if strict {
            // Tracked documents that a .gitignore hides are checked anyway, with a note.
            for f in walk::hidden_tracked(&file_paths, &walk_options, &files) {
                say!(
                    "note: {}: tracked by git but hidden by an ignore file; checked (--strict-config)",
                    display_path(&f)
                );
                files.push(f);
            }
            files.sort();
        }
        if let Some(c) = &linter.config {
            files = config::filter(c, files)?;
        }
        for e in &walk_errors {
            say!("error: {}: {}", e.path, e.message);
            summary.errors.push((e.path.clone(), e.message.clone()));
        }
        let mut results: Vec<Checked> = Vec::new();
        if stdin_wanted {
            let name = a.stdin_filename.clone().unwrap_or_else(|| "<stdin>".into());
            let checked = input::stdin(Some(name.clone()), a.max_file_size)
                .context("reading standard input")?
                .and_then(|s| linter.lint(s).map_err(ReadProblem::Error));
            results.push(checked.map(|r| (r, None)).map_err(|e| (name, e)));
        }
        let progress = progress_bar(files.len(), a.no_progress);
        let mut report = |r: Checked| -> Result<()> {
            match r {
                Ok((mut result, file)) => {
                    baselines.apply(&mut result.findings);
                    if a.fix || a.diff {
                        let (fixed, not_written) =
                            super::fix::fix_file(linter, result, file.as_deref(), a.fix, &mut out)?;
                        result = fixed;
                        if let Some(why) = not_written {
                            summary.errors.push((result.path.clone(), why));
                        }
                    }
                    failing += linter.failing(&result);
                    summary.add(&result);
                    if !a.diff {
                        emitter.file(&mut out, &result)?;
                    }
                }
                Err((path, ReadProblem::Skipped(why)))
                    if strict && why.starts_with(&binary_note) =>
                {
                    // One NUL byte must not switch the checks of a document off.
                    let why = format!(
                        "{why}, but it is named like a document: an error in strict mode (--strict-config)"
                    );
                    say!("error: {path}: {why}");
                    summary.errors.push((path, why));
                }
                Err((path, ReadProblem::Skipped(why))) => {
                    say!("note: {path}: {why}");
                    summary.skipped.push((path, why));
                }
                Err((path, ReadProblem::Error(why))) => {
                    say!("error: {path}: {why}");
                    summary.errors.push((path, why));
                }
            }
            Ok(())
        };
        // Standard input first, then the files: checked in parallel, reported in path order,
        // so the output is the same for any number of threads.
        for r in results {
            report(r)?;
        }
        pipeline::ordered(
            files.iter(),
            // A single file is checked on this thread: no workers to start.
            threads.min(files.len()),
            |path| {
                let shown = display_path(path);
                let r = match input::file(path, shown.clone(), a.max_file_size) {
                    Ok(source) => linter
                        .lint(source)
                        .map(|r| (r, Some(path.clone())))
                        .map_err(|why| (shown, ReadProblem::Error(why))),
                    Err(p) => Err((shown, p)),
                };
                if let Some(pb) = &progress {
                    pb.inc(1);
                }
                r
            },
            &mut report,
        )?;
        if let Some(pb) = progress {
            pb.finish_and_clear();
        }
    }
    if a.diff {
        eprintln!("{}", summary.line());
    } else {
        emitter.end(&mut out, &summary)?;
    }
    out.flush()?;
    if summary.files == 0 && summary.errors.is_empty() {
        // A run that checks nothing must not look like a clean one: an `include` glob of the
        // configuration filters the paths given on the command line too.
        let why = "no document was checked: the paths hold no .md, .markdown, .html, .htm or .txt file, or the include and exclude globs (flags or configuration) left none";
        if strict {
            say!("error: {why}");
            return Ok(2);
        }
        say!("warning: {why}");
    }
    if let (Some(path), Some(b)) = (&a.write_baseline, &mut baselines.recording) {
        b.save(path)
            .with_context(|| format!("writing the baseline {}", path.display()))?;
        let n = b.findings.len();
        say!(
            "Wrote {n} {} to the baseline {}.",
            if n == 1 { "finding" } else { "findings" },
            path.display()
        );
        // Recording the findings is what was asked: they do not fail this run.
        if summary.errors.is_empty() {
            return Ok(0);
        }
    }
    if !summary.errors.is_empty() {
        return Ok(2);
    }
    Ok(if failing > 0 { 1 } else { 0 })
}
