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
    /// For Word and OpenDocument files: the paragraph (1-based) and the character offset in
    /// it (0-based) of the start. The extracted text has one line per paragraph, so these are
    /// the line and the column less one.
    pub paragraph: Option<(usize, usize)>,
    /// For a finding on a whole question: the byte range in the file of the sentences whose
    /// words decided its kind. Another finding covers the question only if it falls there
    /// (see [`crate::check::drop_covered_questions`]).
    pub focus: Option<Range<usize>>,
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

/// Stable fingerprints of a file's findings, one per finding, in the same order.
///
/// A fingerprint depends on the rule, the path, the matched words (white space and case
/// folded) and which occurrence of the same (rule, words) in the file it is, never on line
/// numbers: editing above a finding does not change it. The hash is FNV-1a (64 bits), stable
/// across releases and machines.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, String), usize> = Default::default();
    findings
        .iter()
        .map(|f| {
            let words = crate::text::normalize_phrase(&f.matched);
            let n = seen.entry((f.rule.id.as_str(), words.clone())).or_insert(0);
            let occurrence = *n;
            *n += 1;
            fingerprint(&f.rule.id, &f.path, &words, occurrence)
        })
        .collect()
}

/// The fingerprint of the `occurrence`-th finding (from 0) of rule `rule` on the words
/// `words` (already normalised) in the file `path`: see [`fingerprints`].
pub fn fingerprint(rule: &str, path: &str, words: &str, occurrence: usize) -> String {
    let key = format!(
        "{}\u{0}{}\u{0}{}\u{0}{}",
        rule,
        path.replace('\\', "/"),
        words,
        occurrence
    );
    format!("{:016x}", fnv1a(key.as_bytes()))
}

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
