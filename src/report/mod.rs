//! Reports: every output format is a view of the same list of findings.
//!
//! The command line hands each checked file to an [`Emitter`] in a stable order (sorted by
//! path), then the [`Summary`]. Emitters that can stream write as they go, so memory stays flat
//! however many files are checked.

pub mod catalogue;
pub mod checkstyle;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod outputs;
pub mod sarif;
pub mod view;

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
/// per family, each rule with its message, why, suggestions, source, review state, everything
/// that decides its findings, and its examples; then the word lists of the language (question
/// kinds, negations, sections and kind cues), which decide findings too.
pub fn catalogue_markdown(set: &crate::rule::RuleSet) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("# hirelint rules\n\n");
    let reviewed = set.rules.iter().filter(|r| r.is_reviewed()).count();
    let _ = writeln!(
        out,
        "{} rules ({reviewed} reviewed by a panel with lived experience). Each says what it flags, why it is a barrier, and what to write instead. The word lists at the end decide findings too.\n",
        set.rules.len()
    );
    let list = |out: &mut String, label: &str, items: &[String]| {
        if !items.is_empty() {
            let shown: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
            let _ = writeln!(out, "**{label}:** {}\n", shown.join(", "));
        }
    };
    let evidence = |out: &mut String, label: &str, e: &crate::rule::Evidence| {
        let secs: Vec<String> = e.sections.iter().map(|s| s.as_str().to_string()).collect();
        list(out, &format!("{label} sections"), &secs);
        list(out, &format!("{label} phrases"), &e.phrases);
        let pats: Vec<String> = e.patterns.iter().map(|p| p.as_str().to_string()).collect();
        list(out, &format!("{label} patterns"), &pats);
        let near: Vec<String> = e
            .near
            .iter()
            .map(|n| {
                format!(
                    "{} within {} characters of {}",
                    n.first.as_str(),
                    n.within,
                    n.second.as_str()
                )
            })
            .collect();
        list(out, &format!("{label} near pairs"), &near);
    };
    for fam in crate::rule::FAMILIES {
        let rules: Vec<_> = set.rules.iter().filter(|r| r.family == fam).collect();
        if rules.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {fam}\n");
        for r in rules {
            let _ = writeln!(out, "### `{}`\n", r.id);
            let mut facts = vec![
                r.severity.as_str().to_string(),
                format!("{} rule", r.kind().as_str()),
            ];
            if !r.jurisdictions.is_empty() {
                facts.push(format!("law of {}", r.jurisdictions.join(", ")));
            }
            if r.opt_in {
                facts.push("opt-in: runs only when selected".into());
            }
            let _ = writeln!(out, "*{}*\n", facts.join(" · "));
            let review = match &r.reviewed {
                Some(v) if v.done() => format!(
                    "reviewed by {} on {}{}",
                    v.by,
                    v.date,
                    if v.notes.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", v.notes)
                    }
                ),
                _ => "not yet reviewed by a panel with lived experience".into(),
            };
            let _ = writeln!(out, "**Review:** {review}\n");
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
            out.push('\n');
            let docs: Vec<String> = r
                .applies_to
                .iter()
                .map(|k| k.as_str().to_string())
                .collect();
            list(&mut out, "Documents", &docs);
            let secs: Vec<String> = r.sections.iter().map(|s| s.as_str().to_string()).collect();
            list(&mut out, "Sections", &secs);
            list(&mut out, "Question kinds", r.question_kinds());
            let (first, second) = match r.kind() {
                crate::rule::RuleKind::Conditional => ("When", "Unless"),
                crate::rule::RuleKind::Required => ("Withheld when", "Present when"),
                _ => ("", ""),
            };
            evidence(
                &mut out,
                if first.is_empty() { "Match" } else { first },
                r.matches(),
            );
            if !second.is_empty() {
                evidence(&mut out, second, r.evidence());
            }
            if let crate::rule::Check::Required { front_matter, .. } = &r.check {
                list(&mut out, "Front matter keys", front_matter);
            } else {
                list(&mut out, "Front matter keys", &[]);
            }
            list(&mut out, "Exceptions", &r.exceptions);
            let skips: Vec<String> = r.skip_if.iter().map(|p| p.as_str().to_string()).collect();
            list(&mut out, "Sentences left alone", &skips);
            if let Some(m) = r.metric() {
                let _ = writeln!(out, "**Measures:** {:?}, limit {}\n", m.metric, m.max);
                list(&mut out, "Allowed", &m.allow);
            }
            if let Some(f) = &r.fix {
                let _ = writeln!(out, "**Safe fix:** `{f}`\n");
            }
            let _ = writeln!(out, "**Source:** {}\n", r.source);
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
    language_markdown(set, &mut out);
    out
}

/// The word lists of the language (`rules/language/`, `rules/sections.toml`) as Markdown.
fn language_markdown(set: &crate::rule::RuleSet, out: &mut String) {
    use std::fmt::Write as _;
    let lex = set.lexicon();
    let code = |items: &[String]| -> String {
        items
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(out, "## The word lists of the language\n");
    let _ = writeln!(
        out,
        "These lists decide findings as much as the rules do: which sentences are questions and of which kind, which words negate a match, which headings start which section, and what kind a document is.\n"
    );
    let _ = writeln!(
        out,
        "### Question kinds (`rules/language/questions.toml`)\n"
    );
    let _ = writeln!(
        out,
        "**A sentence or list item is a prompt when it opens with:** {}\n",
        code(&lex.prompts)
    );
    let _ = writeln!(
        out,
        "**…but not when it opens like an offer:** {}\n",
        code(&lex.offers)
    );
    let _ = writeln!(
        out,
        "**A short question points back to the sentences before it in its paragraph (which are then part of it) when it has:** {}\n",
        code(&lex.points_back)
    );
    let _ = writeln!(
        out,
        "**A question reported in prose (\"we ask where they see themselves in five years\") is read as the question it reports, said to \"you\", and classified like any other:**\n"
    );
    for (what, words) in lex.reported.lists() {
        let _ = writeln!(out, "- {what}: {}", code(&words));
    }
    let _ = writeln!(out);
    for k in &lex.kinds {
        let _ = writeln!(
            out,
            "#### {}\n\n{}\n",
            crate::questions::KINDS[k.kind],
            k.about
        );
        let cues: Vec<String> = k.cues.iter().map(|c| c.source.clone()).collect();
        let unless: Vec<String> = k.unless.iter().map(|c| c.source.clone()).collect();
        let _ = writeln!(out, "**Forms of this kind:** {}\n", code(&cues));
        if !unless.is_empty() {
            let _ = writeln!(out, "**Fair after all when:** {}\n", code(&unless));
        }
    }
    let _ = writeln!(out, "### Reasons (`rules/language/reasons.toml`)\n");
    let _ = writeln!(
        out,
        "**Evidence in the same sentence as a requirement is its reason only when joined by:** {}\n",
        code(&lex.reasons)
    );
    if !lex.not_reasons.is_empty() {
        let _ = writeln!(
            out,
            "**Phrases with such a word that give no reason:** {}\n",
            code(&lex.not_reasons)
        );
    }
    let _ = writeln!(out, "### Negation (`rules/language/negation.toml`)\n");
    let _ = writeln!(
        out,
        "**Words that negate a match up to {} words after them:** {}\n",
        lex.negation_window,
        code(&lex.negations)
    );
    if !lex.negation_stops.is_empty() {
        let _ = writeln!(
            out,
            "**Words a negation does not reach past:** {}\n",
            code(&lex.negation_stops)
        );
    }
    let _ = writeln!(
        out,
        "**Heading words that make what follows examples of what not to do:** {}\n",
        code(&lex.negating_headings)
    );
    let _ = writeln!(out, "### Sentences (`rules/language/sentences.toml`)\n");
    let _ = writeln!(
        out,
        "**A full stop after these does not end a sentence:** {}\n",
        code(crate::text::abbreviations())
    );
    let _ = writeln!(out, "### Sections (`rules/sections.toml`)\n");
    for (section, words) in set.sections.entries() {
        let _ = writeln!(out, "**{}:** {}\n", section.as_str(), code(words));
    }
    let (skip, min_words) = set.sections.front_matter_rules();
    let _ = writeln!(
        out,
        "**Front matter:** string values of at least {min_words} words are read as text, in the \
         section their key names, except under these keys: {}\n",
        code(skip)
    );
    let _ = writeln!(out, "### Document kinds (`rules/language/kinds.toml`)\n");
    for (name, words) in set.sections.kind_words().named_lists() {
        let _ = writeln!(out, "**{name}:** {}\n", code(words));
    }
}
