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
