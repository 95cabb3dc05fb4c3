//! Reports: every output format is a view of the same list of findings.
//!
//! The command line hands each checked file to an [`Emitter`] in a stable order (sorted by
//! path), then the [`Summary`]. Emitters that can stream write as they go, so memory stays flat
//! however many files are checked.

pub mod checkstyle;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::document::DocKind;
use crate::finding::Finding;
use crate::rule::Severity;

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path shown.
    pub path: String,
    /// Its text (for snippets).
    pub source: String,
    /// The document kind used.
    pub kind: DocKind,
    /// The findings, sorted.
    pub findings: Vec<Finding>,
}

/// What a run found, for the closing line and `--summary`.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Findings per severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Findings per family.
    pub by_family: BTreeMap<String, usize>,
    /// Findings per rule.
    pub by_rule: BTreeMap<String, usize>,
    /// (findings, path) of the files with most findings.
    pub top_files: Vec<(usize, String)>,
    /// Files skipped, with why.
    pub skipped: Vec<(String, String)>,
    /// Files that could not be read (the run ends with exit code 2).
    pub errors: Vec<(String, String)>,
}

impl Summary {
    /// Adds one file's results.
    pub fn add(&mut self, file: &FileResult) {
        self.files += 1;
        if !file.findings.is_empty() {
            self.files_with_findings += 1;
            self.top_files
                .push((file.findings.len(), file.path.clone()));
            self.top_files
                .sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            self.top_files.truncate(10);
        }
        for f in &file.findings {
            *self.by_severity.entry(f.severity).or_default() += 1;
            *self.by_family.entry(f.family().to_string()).or_default() += 1;
            *self.by_rule.entry(f.rule_id().to_string()).or_default() += 1;
        }
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.by_severity.values().sum()
    }

    /// Findings at or above `level`.
    pub fn at_or_above(&self, level: Severity) -> usize {
        self.by_severity
            .iter()
            .filter(|(s, _)| **s >= level)
            .map(|(_, n)| n)
            .sum()
    }

    /// The closing line: "3 findings (1 error, 2 warnings) in 2 of 5 files".
    pub fn line(&self) -> String {
        let total = self.total();
        let mut parts = Vec::new();
        for (sev, name) in [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "info"),
        ] {
            let n = self.by_severity.get(&sev).copied().unwrap_or(0);
            if n > 0 {
                parts.push(format!(
                    "{n} {name}{}",
                    if n == 1 || name == "info" { "" } else { "s" }
                ));
            }
        }
        let files = format!(
            "{} file{}",
            self.files,
            if self.files == 1 { "" } else { "s" }
        );
        let mut line = if total == 0 {
            format!("No findings in {files}.")
        } else {
            format!(
                "{total} finding{} ({}) in {} of {files}.",
                if total == 1 { "" } else { "s" },
                parts.join(", "),
                self.files_with_findings
            )
        };
        if !self.skipped.is_empty() {
            line.push_str(&format!(" {} skipped.", self.skipped.len()));
        }
        if !self.errors.is_empty() {
            line.push_str(&format!(" {} could not be read.", self.errors.len()));
        }
        line
    }

    /// The longer summary for `--summary`: per family and rule, top files, skipped files.
    pub fn write_long(&self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "Summary")?;
        writeln!(w, "  files checked: {}", self.files)?;
        writeln!(w, "  files with findings: {}", self.files_with_findings)?;
        if !self.by_family.is_empty() {
            writeln!(w, "  findings per family:")?;
            for (fam, n) in &self.by_family {
                writeln!(w, "    {:<14} {n}", crate::escape::shown(fam))?;
                for (rule, m) in self.by_rule.range(format!("{fam}/")..format!("{fam}0")) {
                    writeln!(w, "      {:<40} {m}", crate::escape::shown(rule))?;
                }
            }
        }
        if !self.top_files.is_empty() {
            writeln!(w, "  documents with most findings:")?;
            for (n, p) in self.top_files.iter().take(5) {
                writeln!(w, "    {n:>5}  {}", crate::escape::shown(p))?;
            }
        }
        if !self.skipped.is_empty() {
            writeln!(w, "  skipped:")?;
            for (p, why) in &self.skipped {
                writeln!(w, "    {}", crate::escape::shown(&format!("{p}: {why}")))?;
            }
        }
        Ok(())
    }
}

/// The output formats (also the values of `--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// rustc-style text for people.
    Human,
    /// One JSON object.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
    /// One self-contained HTML page for people.
    Html,
    /// One JSON object per finding, one per line.
    Jsonl,
}

/// What emitters may need besides the findings.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Every rule in force (SARIF lists them in `tool.driver.rules`).
    pub rules: Vec<std::sync::Arc<crate::rule::Rule>>,
    /// Colours in human output.
    pub color: bool,
    /// The long summary at the end of human output.
    pub long_summary: bool,
}

/// The emitter for a format.
pub fn emitter(format: ReportFormat, options: &ReportOptions) -> Box<dyn Emitter> {
    match format {
        ReportFormat::Human => {
            let mut h = human::Human::new(options.color);
            h.long_summary = options.long_summary;
            Box::new(h)
        }
        ReportFormat::Json => Box::new(json::Json::new()),
        ReportFormat::Jsonl => Box::new(json::JsonLines),
        ReportFormat::Sarif => Box::new(sarif::Sarif::new(options)),
        ReportFormat::Github => Box::new(github::Github::new(options)),
        ReportFormat::Junit => Box::new(junit::Junit::new(options)),
        ReportFormat::Checkstyle => Box::new(checkstyle::Checkstyle::new(options)),
        ReportFormat::Html => Box::new(html::HtmlReport::new(options)),
    }
}

/// An output format.
pub trait Emitter {
    /// Before the first file.
    fn begin(&mut self, _w: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// One checked file, in stable order.
    fn file(&mut self, w: &mut dyn Write, file: &FileResult) -> io::Result<()>;
    /// After the last file.
    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// The rule catalogue as Markdown, for review sessions with people with lived experience:
/// per family, each rule with its message, why, suggestions, source and examples.
pub fn catalogue_markdown(set: &crate::rule::RuleSet) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("# hirelint rules\n\n");
    let _ = writeln!(
        out,
        "{} rules. Each says what it flags, why it is a barrier, and what to write instead.\n",
        set.rules.len()
    );
    for fam in crate::rule::FAMILIES {
        let rules: Vec<_> = set.rules.iter().filter(|r| r.family == fam).collect();
        if rules.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {fam}\n");
        for r in rules {
            let _ = writeln!(out, "### `{}`\n", r.id);
            let _ = writeln!(
                out,
                "*{} · {} rule*\n",
                r.severity.as_str(),
                r.kind.as_str()
            );
            let _ = writeln!(out, "**Message:** {}\n", r.message.replace("{match}", "…"));
            let _ = writeln!(
                out,
                "**Why:** {}\n",
                r.why.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            let _ = writeln!(out, "**Instead:**\n");
            for s in &r.suggest {
                let _ = writeln!(out, "- {s}");
            }
            if !r.matches.phrases.is_empty() {
                let _ = writeln!(out, "\n**Phrases:** {}", r.matches.phrases.join(", "));
            }
            let _ = writeln!(out, "\n**Source:** {}\n", r.source);
            let _ = writeln!(out, "**Flagged:**\n");
            for e in &r.flag_examples {
                let _ = writeln!(out, "- {}", e.replace('\n', " ⏎ "));
            }
            let _ = writeln!(out, "\n**Left alone:**\n");
            for e in &r.pass_examples {
                let _ = writeln!(out, "- {}", e.replace('\n', " ⏎ "));
            }
            out.push('\n');
        }
    }
    out
}
