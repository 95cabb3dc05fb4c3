//! Each rule's `[examples]` are its tests: every `flag` text must give a finding of the rule,
//! every `pass` text none. `cargo test` runs them for the bundled rules and
//! `hirelint test-rules DIR` for anyone's.

use crate::document::Format;
use crate::linter::{Linter, Source};
use crate::rule::{Rule, RuleSet};

/// One example that did not behave.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    /// The rule id.
    pub rule: String,
    /// The rule file.
    pub file: String,
    /// `flag` or `pass`.
    pub expected: &'static str,
    /// The example text.
    pub text: String,
    /// What happened instead.
    pub got: String,
}

/// Runs the examples of every rule in `set`; returns (examples run, failures).
pub fn run(set: &RuleSet) -> (usize, Vec<ExampleFailure>) {
    let linter = Linter::with_rules(set.clone(), Default::default(), None);
    let mut count = 0;
    let mut failures = Vec::new();
    for rule in &set.rules {
        // A rule that yields to other families is tried without their rules: its examples
        // show what its own words catch, whichever rule then names them in a report.
        let alone = (!rule.yields_to.is_empty()).then(|| {
            let mut without = set.clone();
            without
                .rules
                .retain(|r| r.id == rule.id || !rule.yields_to.contains(&r.family));
            Linter::with_rules(without, Default::default(), None)
        });
        let linter = alone.as_ref().unwrap_or(&linter);
        for (texts, flag) in [(&rule.flag_examples, true), (&rule.pass_examples, false)] {
            for text in texts {
                count += 1;
                let found = findings_of(linter, rule, text);
                if flag == found.is_empty() {
                    failures.push(ExampleFailure {
                        rule: rule.id.clone(),
                        file: rule.file.clone(),
                        expected: if flag { "flag" } else { "pass" },
                        text: text.clone(),
                        got: if flag {
                            "no finding".to_string()
                        } else {
                            format!("flagged: {}", found.join(", "))
                        },
                    });
                }
            }
        }
    }
    (count, failures)
}

/// The matched texts of `rule`'s findings on one example.
pub fn findings_of(linter: &Linter, rule: &Rule, text: &str) -> Vec<String> {
    let kind = rule
        .examples_kind
        .or_else(|| rule.applies_to.first().copied());
    let source = Source {
        kind,
        ..Source::text("example.md", text.to_string(), Format::Markdown)
    };
    linter
        .lint(source)
        .map(|r| r.findings)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f.rule.id == rule.id)
        .map(|f| {
            if f.matched.is_empty() {
                "(the document)".to_string()
            } else {
                format!("`{}`", f.matched)
            }
        })
        .collect()
}
