//! `hirelint.toml` (or `.hirelint.toml`): found by walking up from each checked path, merged
//! with the command line (flags win). Unknown keys are errors naming the file, line and key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::document::{DocKind, LineIndex};
use crate::rule::{Rule, Severity};

/// The names a configuration file may have, in order of preference.
pub const FILE_NAMES: [&str; 2] = ["hirelint.toml", ".hirelint.toml"];

/// A configuration file, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rules or families to use (default: all).
    #[serde(default)]
    pub select: Vec<String>,
    /// Rules or families to leave out.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule or family (a rule id wins over its family).
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// More rule folders, relative to the configuration file.
    #[serde(default)]
    pub rule_folders: Vec<PathBuf>,
    /// Only check files matching these globs (relative to the configuration file).
    #[serde(default)]
    pub include: Vec<String>,
    /// Skip files matching these globs.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Document kind by glob: `"interviews/**" = "interview"`.
    #[serde(default)]
    pub kinds: BTreeMap<String, String>,
    /// Exit with 1 at or above this severity: `error`, `warning`, `info` or `never`.
    pub fail_on: Option<String>,
    /// Terms that are never findings.
    #[serde(default)]
    pub allow: Vec<String>,
    /// The legal system(s) whose law applies to you (`GB`, `US`, `EU`, …): rules that rely on
    /// another country's law are left out. Default: every rule, each labelled with its law.
    #[serde(default)]
    pub jurisdiction: Vec<String>,
}

/// A configuration that could not be used.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// Line and column, where known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((l, c)) = self.position {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// A loaded configuration and the folder it applies from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The file it was read from.
    pub file: PathBuf,
    /// The folder of the file: globs and folders are relative to it.
    pub root: PathBuf,
    /// The contents.
    pub config: Config,
    kinds: Vec<(GlobSet, DocKind)>,
}

/// Parses configuration text; errors name the file, line, column and key.
pub fn parse(file: &Path, text: &str) -> Result<Config, ConfigError> {
    let config: Config = toml::from_str(text).map_err(|e| ConfigError {
        file: file.to_path_buf(),
        position: e
            .span()
            .map(|s| LineIndex::new(text).position(text, s.start)),
        message: e.message().trim().to_string(),
    })?;
    if let Some(f) = &config.fail_on
        && !matches!(f.as_str(), "error" | "warning" | "info" | "never")
    {
        return Err(ConfigError {
            file: file.to_path_buf(),
            position: find_key(text, "fail-on"),
            message: format!("`fail-on` is `{f}`; expected error, warning, info or never"),
        });
    }
    for (glob, kind) in &config.kinds {
        if DocKind::parse(kind).is_none() {
            return Err(ConfigError {
                file: file.to_path_buf(),
                position: find_key(text, glob),
                message: format!(
                    "kind `{kind}` for `{glob}`; expected job-ad, interview, process or other"
                ),
            });
        }
        if let Err(e) = Glob::new(glob) {
            return Err(ConfigError {
                file: file.to_path_buf(),
                position: find_key(text, glob),
                message: format!("bad glob `{glob}`: {e}"),
            });
        }
    }
    Ok(config)
}

fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let at = text.find(key)?;
    Some(LineIndex::new(text).position(text, at))
}

/// Reads a configuration file.
pub fn load(file: &Path) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(file).map_err(|e| ConfigError {
        file: file.to_path_buf(),
        position: None,
        message: crate::walk::describe_io(&e),
    })?;
    let config = parse(file, &text)?;
    let root = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let mut kinds = Vec::new();
    for (glob, kind) in &config.kinds {
        let mut b = GlobSetBuilder::new();
        if let Ok(g) = Glob::new(glob) {
            b.add(g);
        }
        if let (Ok(set), Some(k)) = (b.build(), DocKind::parse(kind)) {
            kinds.push((set, k));
        }
    }
    Ok(Loaded {
        file: file.to_path_buf(),
        root,
        config,
        kinds,
    })
}

/// The nearest configuration file at or above `path` (a file's folder, or the folder itself).
pub fn discover(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

/// Does `id` (a rule id) match `pattern` (a rule id or a family)?
pub fn matches_rule(pattern: &str, id: &str) -> bool {
    pattern == id
        || id
            .split_once('/')
            .is_some_and(|(family, _)| family == pattern)
        || pattern == "all"
}

impl Loaded {
    /// The document kind the configuration gives `path`, if any.
    pub fn kind_for(&self, path: &Path) -> Option<DocKind> {
        let abs = std::path::absolute(path).ok()?;
        let root = std::path::absolute(&self.root).ok()?;
        let rel = abs.strip_prefix(&root).ok()?;
        self.kinds
            .iter()
            .find(|(set, _)| set.is_match(rel))
            .map(|(_, k)| *k)
    }

    /// Rule folders, resolved against the configuration's folder.
    pub fn rule_folders(&self) -> Vec<PathBuf> {
        self.config
            .rule_folders
            .iter()
            .map(|p| self.root.join(p))
            .collect()
    }
}

/// Applies `select`, `ignore` and `severity` to a rule list: the rules to use, each with the
/// severity in force.
pub fn select_rules(
    rules: &[std::sync::Arc<Rule>],
    select: &[String],
    ignore: &[String],
    severity: &BTreeMap<String, Severity>,
) -> (Vec<std::sync::Arc<Rule>>, Vec<Severity>) {
    let mut kept = Vec::new();
    let mut severities = Vec::new();
    for r in rules {
        // An opt-in rule runs only when named: by its id, or with `all`.
        let selected = if r.opt_in {
            select.iter().any(|p| p == &r.id || p == "all")
        } else {
            select.is_empty() || select.iter().any(|p| matches_rule(p, &r.id))
        };
        let ignored = ignore.iter().any(|p| matches_rule(p, &r.id));
        if !selected || ignored {
            continue;
        }
        let sev = severity
            .get(&r.id)
            .or_else(|| severity.get(&r.family))
            .copied()
            .unwrap_or(r.severity);
        kept.push(r.clone());
        severities.push(sev);
    }
    (kept, severities)
}

/// Keeps a rule under `jurisdictions` (the user's): a rule that names no law always; one that
/// does when it names one of them, or EU law for an EU member state.
pub fn in_jurisdiction(rule: &Rule, jurisdictions: &[String]) -> bool {
    if jurisdictions.is_empty() || rule.jurisdictions.is_empty() {
        return true;
    }
    jurisdictions.iter().any(|j| {
        rule.jurisdictions.iter().any(|r| r == j)
            || (j == "IE" && rule.jurisdictions.iter().any(|r| r == "EU"))
    })
}

/// The starter file `hirelint init` writes.
pub const STARTER: &str = r#"# hirelint configuration. hirelint finds this file by walking up from each
# checked path; command-line flags override it. Every key is optional.

# The law that applies to you: rules that rely on another country's law are left out
# (GB, NI, US, EU, IE, CA, AU). Default: every rule, each labelled with its law.
# jurisdiction = ["GB"]

# Rules or families to use (default: all of them), and to leave out.
# select = ["buzzword", "interview", "unlawful", "missing"]
# ignore = ["readability/acronyms"]

# Exit with 1 when a finding is at or above this severity: error, warning, info or never.
fail-on = "warning"

# Terms that are never findings, such as product names that happen to match a rule.
# allow = ["Ninja Forms"]

# More rule folders (<family>/<name>.toml), relative to this file.
# rule-folders = ["hirelint-rules"]

# Only check these files, and skip these (globs relative to this file).
# include = ["jobs/**", "interviews/**"]
# exclude = ["jobs/archive/**"]

# Severity per rule or family: error, warning or info.
[severity]
# buzzword = "info"
# "scope/driving-licence" = "error"

# Document kind by glob, when a document does not say it in front matter:
# job-ad, interview (internal scripts), process (candidate-facing pages) or other.
[kinds]
# "interviews/**" = "interview"
# "jobs/**" = "job-ad"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses() {
        let c = parse(Path::new("hirelint.toml"), STARTER).unwrap();
        assert_eq!(c.fail_on.as_deref(), Some("warning"));
    }

    #[test]
    fn unknown_key_names_line() {
        let e = parse(
            Path::new("h.toml"),
            "fail-on = \"error\"\nselcet = [\"x\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2));
        assert!(e.message.contains("selcet"), "{}", e.message);
        let e = parse(Path::new("h.toml"), "[kinds]\n\"a/**\" = \"memo\"\n").unwrap_err();
        assert!(e.message.contains("memo"));
    }

    #[test]
    fn family_and_id_patterns() {
        assert!(matches_rule("buzzword", "buzzword/hype-titles"));
        assert!(matches_rule("buzzword/hype-titles", "buzzword/hype-titles"));
        assert!(!matches_rule("buzz", "buzzword/hype-titles"));
    }
}
