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
    /// Strict mode, as `--strict-config` (read from the configuration of the current folder).
    #[serde(default)]
    pub strict: bool,
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

/// The most a configuration file may hold.
pub const LIMIT: u64 = 1 << 20;

/// Reads a configuration file (a regular file of at most [`LIMIT`] bytes).
pub fn load(file: &Path) -> Result<Loaded, ConfigError> {
    let error = |message: String| ConfigError {
        file: file.to_path_buf(),
        position: None,
        message,
    };
    let bytes = crate::walk::read_capped(file, LIMIT).map_err(error)?;
    let text = String::from_utf8(bytes).map_err(|_| error("is not valid UTF-8".into()))?;
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

/// Checks, before a configuration file is read, that it is not a link to a file outside the
/// repository it is found in: its contents would be quoted in error messages (an unknown key
/// `TOKEN`), on a log anyone may read.
pub fn check_location(file: &Path) -> Result<(), ConfigError> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let root = repository_root(dir);
    if let (Ok(real_root), Ok(real_file)) = (root.canonicalize(), file.canonicalize())
        && !real_file.starts_with(&real_root)
    {
        return Err(ConfigError {
            file: file.to_path_buf(),
            position: None,
            message: format!(
                "the configuration is a link to a file outside the repository; hirelint reads only inside the repository ({}) unless --allow-outside-root is given",
                root.display()
            ),
        });
    }
    Ok(())
}

/// The repository a folder belongs to: the nearest folder at or above it that holds `.git`
/// (a folder, or a file in a worktree), else the folder itself.
pub fn repository_root(dir: &Path) -> PathBuf {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    abs.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .unwrap_or(abs)
}

pub use crate::rule::matches_rule;

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

    /// Checks that the configuration file and its rule folders are inside the repository
    /// (see [`repository_root`]): a configuration from a pull request could otherwise name
    /// `/etc` or `../../secrets` as a rule folder, or be a link to a file outside, and have
    /// its contents quoted in error messages on a public log.
    pub fn check_inside_root(&self) -> Result<(), ConfigError> {
        let root = repository_root(&self.root);
        let error = |message: String| ConfigError {
            file: self.file.clone(),
            position: None,
            message: format!(
                "{message}; hirelint reads only inside the repository ({}) unless --allow-outside-root is given",
                root.display()
            ),
        };
        let Ok(real_root) = root.canonicalize() else {
            return Ok(());
        };
        check_location(&self.file)?;
        for p in &self.config.rule_folders {
            let climbs = p.components().any(|c| {
                matches!(
                    c,
                    std::path::Component::ParentDir
                        | std::path::Component::RootDir
                        | std::path::Component::Prefix(_)
                )
            });
            let escapes = climbs
                || self
                    .root
                    .join(p)
                    .canonicalize()
                    .is_ok_and(|f| !f.starts_with(&real_root));
            if escapes {
                return Err(error(format!(
                    "the rule folder `{}` is outside the repository",
                    p.display()
                )));
            }
        }
        Ok(())
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

/// The rules and engine options a configuration (or none) asks for, with no command-line flags
/// to merge: the bundled rules and the configuration's rule folders (which must be inside its
/// repository), then `jurisdiction`, `select`, `ignore`, `[severity]` and `allow`, as `check`
/// applies them. For callers that have only the file, such as the language server.
///
/// A name in `select`, `ignore` or `[severity]` that is no rule or family, an unknown
/// jurisdiction, or a broken rule folder is an error naming the file.
pub fn rules_for(
    loaded: Option<&Loaded>,
) -> Result<(crate::rule::RuleSet, crate::engine::EngineOptions), ConfigError> {
    let file = loaded.map(|l| l.file.clone()).unwrap_or_default();
    let error = |message: String| ConfigError {
        file: file.clone(),
        position: None,
        message,
    };
    let mut rules =
        crate::rule::RuleSet::bundled().map_err(|e| error(format!("broken rule file: {e}")))?;
    let empty = Config::default();
    let c = loaded.map_or(&empty, |l| &l.config);
    if let Some(l) = loaded {
        l.check_inside_root()?;
        for dir in l.rule_folders() {
            rules
                .add_dir(&dir)
                .map_err(|e| error(format!("broken rule file: {e}")))?;
        }
    }
    for pattern in c.select.iter().chain(&c.ignore).chain(c.severity.keys()) {
        let known = matches_rule(pattern, crate::suppress::UNUSED_ID)
            || matches_rule(pattern, "hirelint/unknown-kind")
            || rules.rules.iter().any(|r| matches_rule(pattern, &r.id));
        if !known {
            return Err(error(format!(
                "no rule or family `{pattern}` (`hirelint rules` lists them)"
            )));
        }
    }
    if let Some(bad) = c
        .jurisdiction
        .iter()
        .find(|j| !crate::rule::JURISDICTIONS.contains(&j.as_str()))
    {
        return Err(error(format!(
            "unknown jurisdiction `{bad}`; expected one of: {}",
            crate::rule::JURISDICTIONS.join(", ")
        )));
    }
    rules.rules.retain(|r| in_jurisdiction(r, &c.jurisdiction));
    let (kept, severities) = select_rules(&rules.rules, &c.select, &c.ignore, &c.severity);
    rules.rules = kept;
    let unused_suppressions = !c
        .ignore
        .iter()
        .any(|p| matches_rule(p, crate::suppress::UNUSED_ID));
    let options = crate::engine::EngineOptions {
        allow: c.allow.clone(),
        severities,
        unused_suppressions,
    };
    Ok((rules, options))
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

# Strict mode for CI on pull requests (as --strict-config): only this file is used, a nested
# configuration is an error, .ignore files are not read, tracked documents hidden by a
# .gitignore are checked, and a document skipped as binary is an error.
# strict = true

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
    fn rules_for_applies_ignore_and_severity_and_refuses_unknown_names() {
        let loaded = |text: &str| Loaded {
            file: PathBuf::from("hirelint.toml"),
            root: PathBuf::from("."),
            config: parse(Path::new("hirelint.toml"), text).unwrap(),
            kinds: Vec::new(),
        };
        let (all, _) = rules_for(None).unwrap();
        assert!(all.rules.iter().any(|r| r.family == "buzzword"));
        let c =
            loaded("ignore = [\"buzzword\"]\n[severity]\n\"exclusionary/chairman\" = \"error\"\n");
        let (rules, options) = rules_for(Some(&c)).unwrap();
        assert!(!rules.rules.iter().any(|r| r.family == "buzzword"));
        let at = rules
            .rules
            .iter()
            .position(|r| r.id == "exclusionary/chairman")
            .unwrap();
        assert_eq!(options.severities[at], Severity::Error);
        let e = rules_for(Some(&loaded("ignore = [\"buzzwrd\"]\n"))).unwrap_err();
        assert!(e.message.contains("buzzwrd"), "{}", e.message);
    }

    #[test]
    fn family_and_id_patterns() {
        assert!(matches_rule("buzzword", "buzzword/hype-titles"));
        assert!(matches_rule("buzzword/hype-titles", "buzzword/hype-titles"));
        assert!(!matches_rule("buzz", "buzzword/hype-titles"));
    }
}
