//! `hirelint eval`: how well the rules do on labelled documents.
//!
//! The labels file lists expected findings (`[[finding]]`: doc, family, quote) and legitimate
//! passages (`[[clean]]`: doc, quote). A label is caught when a finding of its family in its
//! document overlaps a place where its quote occurs; `missing` labels have no place and are
//! matched by family, counted per document. A clean passage passes when no finding of any
//! family touches it. Recall, precision and F1 are reported per family and overall.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

pub mod questions;

use crate::finding::Finding;
use crate::linter::Linter;
use crate::rule::FAMILIES;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    #[serde(default)]
    finding: Vec<Label>,
    #[serde(default)]
    clean: Vec<Clean>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Label {
    doc: String,
    family: String,
    quote: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Clean {
    doc: String,
    quote: String,
    #[serde(default)]
    note: String,
}

/// Scores of one family (or overall).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Labels.
    pub labels: usize,
    /// Labels caught.
    pub caught: usize,
    /// Findings.
    pub findings: usize,
    /// Findings that match a label.
    pub correct: usize,
}

impl Score {
    /// Caught / labels.
    pub fn recall(&self) -> f64 {
        ratio(self.caught, self.labels)
    }
    /// Correct / findings.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.findings)
    }
    /// The harmonic mean of the two.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The outcome of an evaluation.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// Per family.
    pub families: BTreeMap<String, Score>,
    /// All families together.
    pub overall: Score,
    /// Clean passages.
    pub clean: usize,
    /// Clean passages touched by a finding: (doc, quote, rules).
    pub clean_flagged: Vec<(String, String, String)>,
    /// Labels not caught: (doc, family, quote, note).
    pub missed: Vec<(String, String, String, String)>,
    /// Findings that match no label: (doc:line:col, rule, matched).
    pub unmatched: Vec<(String, String, String)>,
}

/// An evaluation that could not run.
#[derive(Debug)]
pub struct EvalError(pub String);

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn occurrences(source: &str, quote: &str) -> Vec<Range<usize>> {
    if quote.is_empty() {
        return Vec::new();
    }
    source
        .match_indices(quote)
        .map(|(i, q)| i..i + q.len())
        .collect()
}

fn touches(f: &Finding, r: &Range<usize>) -> bool {
    if f.span.is_empty() {
        r.start <= f.span.start && f.span.start < r.end
    } else {
        f.span.start < r.end && r.start < f.span.end
    }
}

/// Evaluates `linter` on the documents of `docs_dir` labelled in `labels_path`.
pub fn evaluate(
    linter: &Linter,
    labels_path: &Path,
    docs_dir: &Path,
) -> Result<Evaluation, EvalError> {
    let text = std::fs::read_to_string(labels_path)
        .map_err(|e| EvalError(format!("{}: {}", labels_path.display(), e)))?;
    let labels: LabelsFile = toml::from_str(&text).map_err(|e| {
        let pos = e
            .span()
            .map(|s| {
                let idx = crate::document::LineIndex::new(&text);
                let (l, c) = idx.position(&text, s.start);
                format!(":{l}:{c}")
            })
            .unwrap_or_default();
        EvalError(format!("{}{pos}: {}", labels_path.display(), e.message()))
    })?;
    let mut docs: Vec<String> = labels
        .finding
        .iter()
        .map(|l| l.doc.clone())
        .chain(labels.clean.iter().map(|c| c.doc.clone()))
        .collect();
    if let Ok(entries) = std::fs::read_dir(docs_dir) {
        for e in entries.flatten() {
            if e.path().is_file() && crate::walk::is_document(&e.path()) {
                docs.push(e.file_name().to_string_lossy().to_string());
            }
        }
    }
    docs.sort();
    docs.dedup();

    let mut ev = Evaluation::default();
    for fam in FAMILIES {
        ev.families.insert(fam.to_string(), Score::default());
    }
    for doc_name in &docs {
        let path = docs_dir.join(doc_name);
        let checked = crate::input::file(&path, doc_name.clone(), 64 << 20)
            .and_then(|s| linter.lint(s).map_err(crate::walk::ReadProblem::Error));
        let result = checked.map_err(|e| {
            EvalError(format!(
                "{}: {}",
                path.display(),
                match e {
                    crate::walk::ReadProblem::Skipped(s) | crate::walk::ReadProblem::Error(s) => s,
                }
            ))
        })?;
        let source = result.source;
        let findings = result.findings;
        let doc_labels: Vec<&Label> = labels
            .finding
            .iter()
            .filter(|l| &l.doc == doc_name)
            .collect();
        let mut matched_finding = vec![false; findings.len()];
        // Placed labels.
        for l in doc_labels.iter().filter(|l| l.family != "missing") {
            let occ = occurrences(&source, &l.quote);
            if occ.is_empty() {
                return Err(EvalError(format!(
                    "{}: the quote {:?} of a `{}` label does not occur in {doc_name}",
                    labels_path.display(),
                    l.quote,
                    l.family
                )));
            }
            let mut caught = false;
            for (fi, f) in findings.iter().enumerate() {
                if f.family() == l.family && occ.iter().any(|r| touches(f, r)) {
                    caught = true;
                    matched_finding[fi] = true;
                }
            }
            let s = ev.families.entry(l.family.clone()).or_default();
            s.labels += 1;
            if caught {
                s.caught += 1;
            } else {
                ev.missed.push((
                    doc_name.clone(),
                    l.family.clone(),
                    l.quote.clone(),
                    l.note.clone(),
                ));
            }
        }
        // Missing labels: matched by family, counted per document.
        let missing_labels = doc_labels.iter().filter(|l| l.family == "missing").count();
        let missing_found: Vec<usize> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.family() == "missing")
            .map(|(i, _)| i)
            .collect();
        let hit = missing_labels.min(missing_found.len());
        for &i in missing_found.iter().take(hit) {
            matched_finding[i] = true;
        }
        let s = ev.families.entry("missing".into()).or_default();
        s.labels += missing_labels;
        s.caught += hit;
        for l in doc_labels
            .iter()
            .filter(|l| l.family == "missing")
            .skip(hit)
        {
            ev.missed.push((
                doc_name.clone(),
                "missing".into(),
                String::new(),
                l.note.clone(),
            ));
        }
        for (i, f) in findings.iter().enumerate() {
            let s = ev.families.entry(f.family().to_string()).or_default();
            s.findings += 1;
            if matched_finding[i] {
                s.correct += 1;
            } else {
                ev.unmatched.push((
                    format!("{doc_name}:{}:{}", f.start.0, f.start.1),
                    f.rule_id().to_string(),
                    f.matched.chars().take(80).collect(),
                ));
            }
        }
        // Clean passages.
        for c in labels.clean.iter().filter(|c| &c.doc == doc_name) {
            ev.clean += 1;
            let occ = occurrences(&source, &c.quote);
            if occ.is_empty() {
                return Err(EvalError(format!(
                    "{}: the quote {:?} of a clean passage does not occur in {doc_name}",
                    labels_path.display(),
                    c.quote
                )));
            }
            let rules_touching: Vec<&str> = findings
                .iter()
                .filter(|f| occ.iter().any(|r| touches(f, r)))
                .map(|f| f.rule_id())
                .collect();
            if !rules_touching.is_empty() {
                let _ = &c.note;
                ev.clean_flagged.push((
                    doc_name.clone(),
                    c.quote.clone(),
                    rules_touching.join(", "),
                ));
            }
        }
    }
    for s in ev.families.values() {
        ev.overall.labels += s.labels;
        ev.overall.caught += s.caught;
        ev.overall.findings += s.findings;
        ev.overall.correct += s.correct;
    }
    Ok(ev)
}

impl Evaluation {
    /// The report: misses, unmatched findings, flagged clean passages, then the table; `details`
    /// false gives the table alone, which names no passage of the held-out sets.
    pub fn render(&self, details: bool) -> String {
        let mut out = String::new();
        if details {
            if !self.missed.is_empty() {
                let _ = writeln!(out, "Labels not caught ({}):", self.missed.len());
                for (d, fam, q, note) in &self.missed {
                    let _ = writeln!(out, "  {d} [{fam}] {q:?} ({note})");
                }
                out.push('\n');
            }
            if !self.unmatched.is_empty() {
                let _ = writeln!(
                    out,
                    "Findings that match no label ({}; labels are not exhaustive):",
                    self.unmatched.len()
                );
                for (at, rule, m) in &self.unmatched {
                    let _ = writeln!(out, "  {at} {rule} {m:?}");
                }
                out.push('\n');
            }
        }
        if details {
            // Brief output is safe to read on a held-out set: it names no passage.
            let _ = writeln!(
                out,
                "Clean passages flagged: {} of {}",
                self.clean_flagged.len(),
                self.clean
            );
            for (d, q, rules) in &self.clean_flagged {
                let _ = writeln!(out, "  {d}: {q:?} by {rules}");
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{:<14} {:>6} {:>6} {:>8} {:>9} {:>6}",
            "family", "labels", "caught", "findings", "precision", "recall"
        );
        for (fam, s) in &self.families {
            let _ = writeln!(
                out,
                "{fam:<14} {:>6} {:>6} {:>8} {:>9.2} {:>6.2}  F1 {:.2}",
                s.labels,
                s.caught,
                s.findings,
                s.precision(),
                s.recall(),
                s.f1()
            );
        }
        let o = &self.overall;
        let clean_rate = ratio(self.clean_flagged.len(), self.clean.max(1));
        let _ = writeln!(
            out,
            "{:<14} {:>6} {:>6} {:>8} {:>9.2} {:>6.2}  F1 {:.2}",
            "overall",
            o.labels,
            o.caught,
            o.findings,
            o.precision(),
            o.recall(),
            o.f1()
        );
        let _ = writeln!(
            out,
            "clean passages flagged: {:.1}% ({} of {})",
            clean_rate * 100.0,
            self.clean_flagged.len(),
            self.clean
        );
        out
    }
}
