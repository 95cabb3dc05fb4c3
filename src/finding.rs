//! A finding: one barrier at one place, with everything a report needs.

use std::ops::Range;
use std::sync::Arc;

use crate::rule::{Rule, Severity};

/// One finding.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that found it (message texts, why, suggestions, family).
    pub rule: Arc<Rule>,
    /// The severity (the rule's, or as configured).
    pub severity: Severity,
    /// The file.
    pub path: Arc<str>,
    /// Byte range in the file as given; empty for document-level findings.
    pub span: Range<usize>,
    /// 1-based line and column (in characters) of the start.
    pub start: (usize, usize),
    /// 1-based line and column of the end (exclusive column).
    pub end: (usize, usize),
    /// The matched words, as in the source.
    pub matched: String,
    /// The rule's message with `{match}` filled in.
    pub message: String,
    /// A safe replacement of `span`, for `--fix`.
    pub fix: Option<String>,
}

impl Finding {
    /// The rule id.
    pub fn rule_id(&self) -> &str {
        &self.rule.id
    }

    /// The family.
    pub fn family(&self) -> &str {
        &self.rule.family
    }
}

/// The order findings are reported in: by path, position, then rule id.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(a.span.start.cmp(&b.span.start))
            .then(a.span.end.cmp(&b.span.end))
            .then(a.rule.id.cmp(&b.rule.id))
    });
}
