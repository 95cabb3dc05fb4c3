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
            select
                .iter()
                .any(|p| p == &r.id || p == "all" || r.formerly.contains(p))
        } else {
            select.is_empty() || select.iter().any(|p| r.answers_to(p))
        };
        let ignored = ignore.iter().any(|p| r.answers_to(p));
        if !selected || ignored {
            continue;
        }
        let sev = severity
            .get(&r.id)
            .or_else(|| r.formerly.iter().find_map(|old| severity.get(old)))
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

/// Which configuration a run uses: the command line's `--config`, `--no-config`,
/// `--strict-config` and `--allow-outside-root`.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    /// This file instead of looking for one.
    pub file: Option<PathBuf>,
    /// No configuration at all.
    pub none: bool,
    /// Strict mode (see [`groups`]).
    pub strict: bool,
    /// Let a configuration be a link to a file outside its repository.
    pub allow_outside_root: bool,
}

/// The one configuration of a run that checks no paths of its own (JSON Lines, `serve`):
/// `--config`, else the one found from the current folder, unless `--no-config`.
pub fn for_current_folder(a: &Choice) -> anyhow::Result<Option<Loaded>> {
    if a.none {
        return Ok(None);
    }
    let file = match &a.file {
        Some(f) => Some(f.clone()),
        None => discover(Path::new(".")),
    };
    file.map(|f| load_checked(&f, a.allow_outside_root))
        .transpose()
}

/// Reads a configuration file; unless --allow-outside-root, never through a link that leads
/// outside the repository (checked before it is read).
pub fn load_checked(file: &Path, allow_outside_root: bool) -> anyhow::Result<Loaded> {
    if !allow_outside_root {
        check_location(file).map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
    }
    load(file).map_err(|e| anyhow::anyhow!("configuration: {e}"))
}

/// The configurations of a run: the paths grouped by the configuration that applies to them,
/// whether the run is strict, and the nested configurations that strict mode did not use.
pub type ConfigGroups = (
    Vec<(Option<Loaded>, Vec<PathBuf>)>,
    bool,
    Vec<(String, String)>,
);

/// Groups the paths by the configuration that applies to them.
///
/// Strict mode (`--strict-config`, or `strict = true` in the configuration of the current
/// folder): that one configuration applies to every path. A configuration nearer to a path
/// (one a pull request could add beside its documents, with `ignore = ["all"]`) is not used and
/// is reported as an error.
pub fn groups(a: &Choice, paths: &[PathBuf]) -> anyhow::Result<ConfigGroups> {
    if let Some(file) = &a.file {
        let loaded = load_checked(file, a.allow_outside_root)?;
        let strict = a.strict || loaded.config.strict;
        return Ok((vec![(Some(loaded), paths.to_vec())], strict, Vec::new()));
    }
    let root = if a.none {
        None
    } else {
        discover(Path::new("."))
    };
    // Loaded up front to know whether it asks for strict mode; when it cannot be loaded, that
    // is an error only for the paths that use it (as before), unless --strict-config.
    let root_loaded = match &root {
        Some(f) => match load_checked(f, a.allow_outside_root) {
            Ok(l) => Some(l),
            Err(e) if a.strict => return Err(e),
            Err(_) => None,
        },
        None => None,
    };
    let strict = a.strict || root_loaded.as_ref().is_some_and(|c| c.config.strict);
    if strict {
        let mut nested = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for p in paths.iter().filter(|p| p.as_os_str() != "-") {
            if let Some(found) = discover(p).filter(|f| Some(f) != root.as_ref())
                && seen.insert(found.clone())
            {
                nested.push((
                    found.display().to_string(),
                    "a nested configuration, not used in strict mode (--strict-config): it would change the checks of the files below it; remove it, or move its settings to the configuration of the repository".to_string(),
                ));
            }
        }
        return Ok((vec![(root_loaded, paths.to_vec())], true, nested));
    }
    let mut groups: Vec<(Option<PathBuf>, Vec<PathBuf>)> = Vec::new();
    for p in paths {
        let found = if a.none {
            None
        } else if p.as_os_str() == "-" {
            root.clone()
        } else {
            discover(p)
        };
        match groups.iter_mut().find(|(c, _)| *c == found) {
            Some((_, list)) => list.push(p.clone()),
            None => groups.push((found, vec![p.clone()])),
        }
    }
    let groups = groups
        .into_iter()
        .map(|(file, paths)| {
            let loaded = match file {
                Some(f) if Some(&f) == root.as_ref() && root_loaded.is_some() => {
                    root_loaded.clone()
                }
                Some(f) => Some(load_checked(&f, a.allow_outside_root)?),
                None => None,
            };
            Ok((loaded, paths))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok((groups, false, Vec::new()))
}

/// Keeps files matching the configuration's include globs and not its exclude globs.
pub fn filter(config: &Loaded, files: Vec<PathBuf>) -> anyhow::Result<Vec<PathBuf>> {
    let c = &config.config;
    if c.include.is_empty() && c.exclude.is_empty() {
        return Ok(files);
    }
    let build = |globs: &[String]| -> anyhow::Result<GlobSet> {
        let mut b = GlobSetBuilder::new();
        for g in globs {
            b.add(Glob::new(g).map_err(|e| {
                anyhow::anyhow!(
                    "configuration: {}: bad glob `{g}`: {e}",
                    config.file.display()
                )
            })?);
        }
        Ok(b.build()?)
    };
    let include = build(&c.include)?;
    let exclude = build(&c.exclude)?;
    let root = std::path::absolute(&config.root)?;
    Ok(files
        .into_iter()
        .filter(|f| {
            let abs = std::path::absolute(f).unwrap_or_else(|_| f.clone());
            let rel = abs.strip_prefix(&root).unwrap_or(&abs);
            (c.include.is_empty() || include.is_match(rel)) && !exclude.is_match(rel)
        })
        .collect())
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
    fn family_and_id_patterns() {
        assert!(matches_rule("buzzword", "buzzword/hype-titles"));
        assert!(matches_rule("buzzword/hype-titles", "buzzword/hype-titles"));
        assert!(!matches_rule("buzz", "buzzword/hype-titles"));
    }
}
