//! What every report format works from: the result of checking one file, the summary of a
//! run, the formats and their options, and the [`Emitter`] each format implements.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::document::{Block, DocKind};
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
    /// The document's blocks, kept only for reports that show the text rendered (HTML);
    /// empty otherwise.
    pub blocks: Vec<Block>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl ReportFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [ReportFormat; 8] = [
        ReportFormat::Human,
        ReportFormat::Json,
        ReportFormat::Sarif,
        ReportFormat::Github,
        ReportFormat::Junit,
        ReportFormat::Checkstyle,
        ReportFormat::Html,
        ReportFormat::Jsonl,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Human => "human",
            ReportFormat::Json => "json",
            ReportFormat::Sarif => "sarif",
            ReportFormat::Github => "github",
            ReportFormat::Junit => "junit",
            ReportFormat::Checkstyle => "checkstyle",
            ReportFormat::Html => "html",
            ReportFormat::Jsonl => "jsonl",
        }
    }

    /// What the format is for, in a few words (for `--help`).
    pub fn about(self) -> &'static str {
        match self {
            ReportFormat::Human => "rustc-style text for people",
            ReportFormat::Json => "One JSON object",
            ReportFormat::Sarif => "SARIF 2.1.0, for code-scanning tools",
            ReportFormat::Github => "GitHub Actions workflow commands (annotations)",
            ReportFormat::Junit => "JUnit XML, for CI test reports",
            ReportFormat::Checkstyle => "Checkstyle XML",
            ReportFormat::Html => "One self-contained HTML page for people",
            ReportFormat::Jsonl => "One JSON object per finding, one per line",
        }
    }

    /// The format of a name, in any case.
    pub fn parse(name: &str) -> Option<ReportFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
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
