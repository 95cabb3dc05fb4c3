//! Inline suppressions, the same in Markdown and HTML comments:
//!
//! ```text
//! <!-- hirelint-disable-next-line buzzword/hype-titles -- the band is called Rockstar -->
//! <!-- hirelint-disable interview -->  …  <!-- hirelint-enable interview -->
//! <!-- hirelint-disable -->  (every rule, to the end or to <!-- hirelint-enable -->)
//! ```
//!
//! A rule may be named by id or by family, several separated by spaces or commas; text after
//! `--` is the reason. A suppression that suppresses nothing is itself reported, as
//! `hirelint/unused-suppression`, so stale ones do not pile up.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::config::matches_rule;
use crate::document::{Document, LineIndex};
use crate::finding::Finding;
use crate::rule::{Evidence, Rule, RuleKind, Severity};

/// The id of the finding for a suppression that suppresses nothing.
pub const UNUSED_ID: &str = "hirelint/unused-suppression";

/// The rule behind `hirelint/unused-suppression` findings.
pub fn unused_rule() -> Arc<Rule> {
    static RULE: OnceLock<Arc<Rule>> = OnceLock::new();
    RULE.get_or_init(|| {
        Arc::new(Rule {
            id: UNUSED_ID.into(),
            family: "hirelint".into(),
            kind: RuleKind::Phrase,
            severity: Severity::Warning,
            applies_to: Vec::new(),
            sections: Vec::new(),
            message: "This suppression comment suppresses nothing.".into(),
            why: "A suppression left behind after the wording changed hides future findings of the same rule without anyone deciding so.".into(),
            suggest: vec!["Remove the comment, or correct the rule id it names.".into()],
            source: "hirelint".into(),
            matches: Evidence::default(),
            unless: Evidence::default(),
            exceptions: Vec::new(),
            skip_if: Vec::new(),
            negation: false,
            fix: None,
            metric: None,
            max: 0.0,
            min_words: 0,
            allow: Vec::new(),
            since: Default::default(),
            front_matter: Vec::new(),
            anchor: None,
            flag_examples: Vec::new(),
            pass_examples: Vec::new(),
            examples_kind: None,
            jurisdictions: Vec::new(),
            reviewed: None,
            question_kinds: Vec::new(),
            opt_in: false,
            name_repeats: 0,
            file: String::new(),
        })
    })
    .clone()
}

#[derive(Debug)]
enum Scope {
    /// Findings starting on this line (1-based).
    Line(usize),
    /// Findings starting in this byte range.
    Region(Range<usize>),
}

#[derive(Debug)]
struct Suppression {
    comment: Range<usize>,
    rules: Vec<String>,
    scope: Scope,
    used: bool,
}

/// Parses a comment: the directive, its rules, and whether it is one of ours.
fn directive(text: &str) -> Option<(&'static str, Vec<String>)> {
    let text = text.trim();
    let (head, _reason) = match text.split_once("--") {
        Some((h, r)) => (h, Some(r)),
        None => (text, None),
    };
    let mut words = head.split_whitespace();
    let d = match words.next()? {
        "hirelint-disable-next-line" => "next-line",
        "hirelint-disable" => "disable",
        "hirelint-enable" => "enable",
        _ => return None,
    };
    let rules = words
        .flat_map(|w| w.split(','))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    Some((d, rules))
}

fn applies(rules: &[String], id: &str) -> bool {
    rules.is_empty() || rules.iter().any(|r| matches_rule(r, id))
}

/// Removes suppressed findings and adds one for each suppression that suppressed nothing.
pub fn apply(doc: &Document, findings: Vec<Finding>, report_unused: bool) -> Vec<Finding> {
    if !doc.comments.iter().any(|c| c.text.contains("hirelint-")) {
        return findings;
    }
    let lines = LineIndex::new(&doc.source);
    let mut sups: Vec<Suppression> = Vec::new();
    let mut open: Vec<(usize, Vec<String>, Range<usize>)> = Vec::new();
    for c in &doc.comments {
        let Some((d, rules)) = directive(&c.text) else {
            continue;
        };
        match d {
            "next-line" => {
                let (end_line, _) = lines.position(&doc.source, c.span.end);
                let mut target = end_line + 1;
                // Skip blank lines and other comment lines between the comment and the text.
                while let Some(r) = lines_range(&lines, &doc.source, target) {
                    let t = doc.source[r].trim();
                    if t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->")) {
                        target += 1;
                    } else {
                        break;
                    }
                }
                sups.push(Suppression {
                    comment: c.span.clone(),
                    rules,
                    scope: Scope::Line(target),
                    used: false,
                });
            }
            "disable" => open.push((c.span.end, rules, c.span.clone())),
            _ => {
                // Enable: close the regions it names (all of them when it names none).
                let mut still = Vec::new();
                for (start, r, comment) in open.drain(..) {
                    let closes = rules.is_empty() || r.iter().any(|x| rules.contains(x));
                    if closes {
                        sups.push(Suppression {
                            comment,
                            rules: r,
                            scope: Scope::Region(start..c.span.start),
                            used: false,
                        });
                    } else {
                        still.push((start, r, comment));
                    }
                }
                open = still;
            }
        }
    }
    for (start, r, comment) in open {
        sups.push(Suppression {
            comment,
            rules: r,
            scope: Scope::Region(start..doc.source.len()),
            used: false,
        });
    }
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let mut suppressed = false;
        for s in sups.iter_mut() {
            let here = match &s.scope {
                Scope::Line(l) => f.start.0 == *l,
                Scope::Region(r) => {
                    r.start <= f.span.start && f.span.start < r.end.max(r.start + 1)
                }
            };
            if here && applies(&s.rules, &f.rule.id) {
                s.used = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(f);
        }
    }
    let rule = unused_rule();
    for s in sups.iter().filter(|s| report_unused && !s.used) {
        let span = s.comment.clone();
        kept.push(Finding {
            rule: rule.clone(),
            severity: rule.severity,
            path: doc.path.as_str().into(),
            start: lines.position(&doc.source, span.start),
            end: lines.position(&doc.source, span.end),
            matched: doc.source[span.clone()].to_string(),
            message: rule.message.clone(),
            span,
            fix: None,
            paragraph: None,
        });
    }
    crate::finding::sort(&mut kept);
    kept
}

fn lines_range(lines: &LineIndex, source: &str, line: usize) -> Option<Range<usize>> {
    if line == 0 || line > lines.line_count() {
        return None;
    }
    Some(lines.line_range(source, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_directives() {
        assert_eq!(
            directive(" hirelint-disable-next-line buzzword, scope/travel -- why "),
            Some(("next-line", vec!["buzzword".into(), "scope/travel".into()]))
        );
        assert_eq!(directive("hirelint-enable"), Some(("enable", vec![])));
        assert_eq!(directive("just a comment"), None);
    }
}
