//! `hirelint eval --questions FILE`: how well question analysis and the interview rules do on
//! a bank of labelled interview questions.
//!
//! The bank is a TOML file of `[[question]]` tables (`text`, `barrier`, `kinds`, optional
//! `source` and `note`), as in `shared/corpus/questions/`. Each question is checked as the one
//! item of an interview document's question list; it counts as flagged when an `interview` or
//! `unlawful` finding touches it. Question analysis's `protected` kind is part of the bank's
//! `unlawful`. Barrier recall, precision and F1 are reported overall and
//! per labelled kind, with the misses and false alarms and the kinds hirelint gave them.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::{EvalError, Score};
use crate::document::{DocKind, Format};
use crate::linter::Linter;
use crate::questions::KINDS;

#[derive(Deserialize)]
struct Bank {
    #[serde(default)]
    question: Vec<Labelled>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    text: String,
    barrier: bool,
    #[serde(default)]
    kinds: Vec<toml::Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    source: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

/// One question's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The question.
    pub text: String,
    /// Labelled a barrier?
    pub barrier: bool,
    /// The labelled kinds.
    pub labelled: Vec<String>,
    /// Flagged by an interview or unlawful finding?
    pub flagged: bool,
    /// The kinds question analysis gave it.
    pub found: Vec<&'static str>,
    /// The rules that flagged it.
    pub rules: Vec<String>,
}

/// The result of scoring a question bank.
#[derive(Debug, Clone)]
pub struct BankEvaluation {
    /// Every question, in file order.
    pub outcomes: Vec<Outcome>,
}

/// The document a question is checked in: one item of an interview's question list.
pub fn question_document(text: &str) -> String {
    format!(
        "## Interview questions\n\n- {}\n",
        text.replace(['\n', '\r'], " ")
    )
}

/// Scores `bank` with `linter`.
pub fn evaluate_bank(linter: &Linter, bank: &Path) -> Result<BankEvaluation, EvalError> {
    let text = std::fs::read_to_string(bank)
        .map_err(|e| EvalError(format!("{}: cannot read: {e}", bank.display())))?;
    let parsed: Bank = toml::from_str(&text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let (l, c) = crate::document::LineIndex::new(&text).position(&text, s.start);
                format!(":{l}:{c}")
            })
            .unwrap_or_default();
        EvalError(format!("{}{at}: {}", bank.display(), e.message().trim()))
    })?;
    let lines = crate::document::LineIndex::new(&text);
    // The bank names the kinds as its README does: hirelint's `protected` is part of its
    // `unlawful`.
    let bank_kinds: Vec<&str> = KINDS.into_iter().filter(|k| *k != "protected").collect();
    for (n, q) in parsed.question.iter().enumerate() {
        if let Some(k) = q
            .kinds
            .iter()
            .find(|k| !bank_kinds.contains(&k.get_ref().as_str()))
        {
            let (l, c) = lines.position(&text, k.span().start);
            let hint = crate::text::did_you_mean(k.get_ref(), &bank_kinds)
                .map(|m| format!("did you mean `{m}`? "))
                .unwrap_or_default();
            return Err(EvalError(format!(
                "{}:{l}:{c}: question {}: unknown kind `{}`; {hint}the kinds are: {}",
                bank.display(),
                n + 1,
                k.get_ref(),
                bank_kinds.join(", ")
            )));
        }
    }
    let outcomes = parsed
        .question
        .into_iter()
        .map(|q| {
            let source = question_document(&q.text);
            let mut doc = linter.parse("question.md", source, Format::Markdown, None);
            // Every question is an interviewer's, whatever the kind guess says.
            doc.kind = DocKind::Interview;
            let findings = linter.check_document(&doc);
            // The bank's `unlawful` kind covers hirelint's `unlawful` (health, sickness,
            // union membership, pay history) and `protected` (age, family, origin, religion):
            // the kinds are given in the bank's names.
            let mut found: Vec<&'static str> =
                crate::questions::analyse(&doc, linter.engine.lexicon())
                    .into_iter()
                    .flatten()
                    .flat_map(|q| q.cues.into_iter().map(|(k, _)| KINDS[k]))
                    .collect();
            for k in &mut found {
                if *k == "protected" {
                    *k = "unlawful";
                }
            }
            let mut flagged_by: Vec<String> = findings
                .iter()
                .filter(|f| matches!(f.family(), "interview" | "unlawful"))
                .map(|f| f.rule.id.clone())
                .collect();
            flagged_by.dedup();
            Outcome {
                text: q.text,
                barrier: q.barrier,
                labelled: q.kinds.into_iter().map(toml::Spanned::into_inner).collect(),
                flagged: !flagged_by.is_empty(),
                found,
                rules: flagged_by,
            }
        })
        .collect();
    Ok(BankEvaluation { outcomes })
}

impl BankEvaluation {
    /// Barrier recall and precision over all questions.
    pub fn overall(&self) -> Score {
        let tp = self
            .outcomes
            .iter()
            .filter(|o| o.barrier && o.flagged)
            .count();
        Score {
            labels: self.outcomes.iter().filter(|o| o.barrier).count(),
            caught: tp,
            findings: self.outcomes.iter().filter(|o| o.flagged).count(),
            correct: tp,
        }
    }

    /// The report: misses and false alarms (when `details`), then the table.
    pub fn render(&self, details: bool) -> String {
        let mut out = String::new();
        let line = |o: &Outcome| {
            format!(
                "  {} [labelled: {}] [found: {}]{}\n",
                o.text.replace('\n', " "),
                o.labelled.join(", "),
                o.found.join(", "),
                if o.rules.is_empty() {
                    String::new()
                } else {
                    format!(" by {}", o.rules.join(", "))
                }
            )
        };
        if details {
            let misses: Vec<&Outcome> = self
                .outcomes
                .iter()
                .filter(|o| o.barrier && !o.flagged)
                .collect();
            let _ = writeln!(out, "Barriers not flagged ({}):", misses.len());
            for o in misses {
                out.push_str(&line(o));
            }
            let alarms: Vec<&Outcome> = self
                .outcomes
                .iter()
                .filter(|o| !o.barrier && o.flagged)
                .collect();
            let _ = writeln!(out, "\nFair questions flagged ({}):", alarms.len());
            for o in alarms {
                out.push_str(&line(o));
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{:<18} {:>9} {:>7} {:>7} {:>9} {:>9}",
            "kind", "questions", "flagged", "found", "precision", "recall"
        );
        for (k, name) in KINDS.iter().enumerate() {
            let labelled: Vec<&Outcome> = self
                .outcomes
                .iter()
                .filter(|o| o.labelled.iter().any(|l| l == name))
                .collect();
            let found: Vec<&Outcome> = self
                .outcomes
                .iter()
                .filter(|o| o.found.contains(&KINDS[k]))
                .collect();
            if labelled.is_empty() && found.is_empty() {
                continue;
            }
            let flagged = labelled.iter().filter(|o| o.flagged).count();
            // Of the questions given this kind, how many are barriers labelled with it.
            let right = found
                .iter()
                .filter(|o| o.labelled.iter().any(|l| l == name))
                .count();
            let _ = writeln!(
                out,
                "{:<18} {:>9} {:>7} {:>7} {:>9.2} {:>9.2}",
                name,
                labelled.len(),
                flagged,
                found.len(),
                super::ratio(right, found.len()),
                super::ratio(flagged, labelled.len()),
            );
        }
        let s = self.overall();
        let fair = self.outcomes.len() - s.labels;
        let _ = writeln!(
            out,
            "barriers: recall {:.2}  precision {:.2}  F1 {:.2}  ({} of {} barriers flagged, {} of {} fair questions flagged)",
            s.recall(),
            s.precision(),
            s.f1(),
            s.caught,
            s.labels,
            s.findings - s.correct,
            fair
        );
        out
    }
}
