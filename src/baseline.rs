//! Baselines: `--write-baseline FILE` records today's findings; `--baseline FILE` then reports
//! only new ones. Findings are matched by fingerprint (see
//! [`fingerprints`](crate::finding::fingerprints)), which does not depend on line numbers.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The most a baseline file may hold: about a million findings.
pub const LIMIT: u64 = 256 << 20;

/// A baseline file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format version (1).
    pub version: u32,
    /// The recorded findings.
    pub findings: Vec<Entry>,
}

/// One recorded finding: the fingerprint decides; the rest is for people reading the file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The fingerprint.
    pub fingerprint: String,
    /// The rule id.
    pub rule: String,
    /// The file.
    pub path: String,
    /// The matched words.
    pub matched: String,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let bytes = crate::walk::read_capped(path, LIMIT)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{}: is not valid UTF-8", path.display()))?;
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a hirelint baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })
    }

    /// The set of fingerprints.
    pub fn fingerprints(&self) -> BTreeSet<&str> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect()
    }

    /// Writes the baseline atomically, entries sorted.
    pub fn save(&mut self, path: &Path) -> std::io::Result<()> {
        self.version = 1;
        self.findings.sort();
        let mut text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        text.push('\n');
        crate::write::atomic_write(path, text.as_bytes())
    }
}

/// What a run does with baselines: drops the findings `--baseline` knows and records every
/// finding for `--write-baseline`.
#[derive(Debug, Default)]
pub struct Filter {
    /// The fingerprints of the baseline read (empty: none).
    known: BTreeSet<String>,
    /// The baseline being written, if one is asked for.
    pub recording: Option<Baseline>,
}

impl Filter {
    /// Reads `baseline` if given; records when `record` is true.
    pub fn new(baseline: Option<&Path>, record: bool) -> Result<Filter, String> {
        let known = match baseline {
            Some(p) => Baseline::load(p)?
                .fingerprints()
                .into_iter()
                .map(str::to_string)
                .collect(),
            None => BTreeSet::new(),
        };
        Ok(Filter {
            known,
            recording: record.then(Baseline::default),
        })
    }

    /// Records the findings of one file, then drops those the baseline read knows.
    pub fn apply(&mut self, findings: &mut Vec<crate::Finding>) {
        if self.recording.is_none() && self.known.is_empty() {
            return;
        }
        let prints = crate::finding::fingerprints(findings);
        if let Some(b) = &mut self.recording {
            for (f, fp) in findings.iter().zip(&prints) {
                b.findings.push(Entry {
                    fingerprint: fp.clone(),
                    rule: f.rule.id.clone(),
                    path: f.path.to_string(),
                    matched: f.matched.clone(),
                });
            }
        }
        if !self.known.is_empty() {
            let mut known: Vec<bool> = prints.iter().map(|p| self.known.contains(p)).collect();
            // A baseline written before a rule was renamed recorded its former ids: each
            // former id accounts for as many of the rule's findings on the same words as the
            // baseline holds under it (two rules merged into one count together), taken in
            // order among those the current id does not already account for.
            let mut groups: std::collections::HashMap<(&str, String), Vec<usize>> =
                Default::default();
            for (i, f) in findings.iter().enumerate() {
                if !f.rule.formerly.is_empty() {
                    let words = crate::text::normalize_phrase(&f.matched);
                    groups.entry((&f.rule.id, words)).or_default().push(i);
                }
            }
            for ((_, words), members) in &groups {
                let f = &findings[members[0]];
                let recorded: usize = f
                    .rule
                    .formerly
                    .iter()
                    .map(|old| {
                        (0..members.len())
                            .take_while(|&n| {
                                let p = crate::finding::fingerprint(old, &f.path, words, n);
                                self.known.contains(&p)
                            })
                            .count()
                    })
                    .sum();
                let unknown: Vec<usize> = members.iter().copied().filter(|&i| !known[i]).collect();
                for i in unknown.into_iter().take(recorded) {
                    known[i] = true;
                }
            }
            let mut keep = known.into_iter().map(|k| !k);
            findings.retain(|_| keep.next().unwrap_or(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_finding_is_dropped_on_the_next_run() {
        let linter = crate::Linter::bundled().unwrap();
        let mut findings = linter.lint_str("ad.md", "## Requirements\n- A rockstar ninja.\n");
        let total = findings.len();
        assert!(total >= 2);
        let mut first = Filter::new(None, true).unwrap();
        first.apply(&mut findings);
        assert_eq!(findings.len(), total, "recording drops nothing");
        let recorded = first.recording.unwrap();
        assert_eq!(recorded.findings.len(), total);
        let known: BTreeSet<String> = recorded
            .fingerprints()
            .into_iter()
            .map(String::from)
            .collect();
        let mut next = Filter {
            known,
            recording: None,
        };
        let mut again =
            linter.lint_str("ad.md", "## Requirements\n- A rockstar ninja.\n\nA guru.\n");
        next.apply(&mut again);
        assert_eq!(again.len(), 1, "only the new finding is left: {again:?}");
        assert_eq!(again[0].matched.to_lowercase(), "guru");
    }
}
