//! What each command does, given plain options: the command line (`src/cli/`) parses the
//! arguments into these and calls them, and nothing else. Each returns the exit code: 0 no
//! finding at or above `--fail-on`; 1 findings; 2 usage, configuration or rule error, or a
//! path that could not be read.

mod check;
mod fix;
mod inspect;
mod jsonl;
mod options;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::config;
use crate::linter::{self, load_rules};
use crate::rule::RuleSet;

pub use inspect::inspect;
pub use options::CheckOptions;
use options::{print_lines, say};

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
    let renamed = || {
        set.rules
            .iter()
            .find(|r| r.formerly.iter().any(|o| o == id))
    };
    let Some(r) = set.get(id).or_else(renamed) else {
        let close = crate::report::catalogue::close_to(&set, id);
        say!("error: no rule `{id}`.");
        if !close.is_empty() {
            say!("Did you mean: {}?", close.join(", "));
        }
        eprintln!("`hirelint rules` lists them all.");
        return Ok(2);
    };
    if r.id != id {
        say!("`{id}` is now `{}`.", r.id);
    }
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
