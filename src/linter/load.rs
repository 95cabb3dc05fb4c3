//! Loading rule folders with every error in plain words, and the limits on what rules may
//! hold.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::rule::RuleSet;
use crate::text::did_you_mean;

/// `eprintln!` with the whole line shown safely ([`crate::escape::shown`]).
macro_rules! say {
    ($($t:tt)*) => {
        eprintln!("{}", crate::escape::shown(&format!($($t)*)))
    };
}

/// The bundled rules (unless `no_bundled`) and those of `dirs`, every broken file named in
/// plain words, within the limits on phrases and on `max`.
pub fn load_rules(dirs: &[PathBuf], no_bundled: bool) -> Result<RuleSet> {
    let mut set = if no_bundled {
        RuleSet::empty()
    } else {
        RuleSet::bundled()
    }
    .map_err(|e| anyhow::anyhow!("broken rule file: {e}"))?;
    for d in dirs {
        let before = set.rules.len();
        if let Err(e) = set.add_dir(d) {
            let errors = rule_errors(d, &e);
            if errors.len() == 1 {
                bail!("broken rule file: {}", errors[0]);
            }
            for e in &errors {
                say!("error: broken rule file: {e}");
            }
            bail!(
                "{} broken rule files in {} (each above)",
                errors.len(),
                d.display()
            );
        }
        if set.rules.len() > before {
            limits_are_numbers(&set)?;
        }
    }
    let phrases: usize = set
        .rules
        .iter()
        .map(|r| r.matches().phrases.len() + r.evidence().phrases.len())
        .sum();
    if phrases > MAX_PHRASES {
        bail!(
            "the rules hold {phrases} phrases in all, more than the limit of {MAX_PHRASES}: the phrase matcher's build grows faster than its input (a million phrases took six minutes)"
        );
    }
    Ok(set)
}

/// The most phrases all loaded rules may hold (the bundled rules have about 800), and the
/// most `allow` terms: building the matchers for many more takes time out of proportion
/// (docs/robustness.md).
pub const MAX_PHRASES: usize = 25_000;
/// The most `allow` terms, for the same reason.
pub const MAX_ALLOW: usize = 10_000;

/// `max = nan` (or inf) loaded and never fired: a limit must be a number.
pub fn limits_are_numbers(set: &RuleSet) -> Result<()> {
    let broken = set.rules.iter().find_map(|r| {
        let m = r.metric()?;
        (!m.max.is_finite()).then_some((r, m.max))
    });
    if let Some((r, max)) = broken {
        bail!(
            "broken rule file: {}: rule `{}`: `max` is {}; it must be a number",
            r.file,
            r.id,
            max
        );
    }
    Ok(())
}

/// Every error in the rule folder `dir`, not only the first that `first` is, each in plain
/// words ([`plain_rule_error`]): each `<family>/<name>.toml` is loaded on its own. At most
/// 50; `first` alone when no file fails on its own (a duplicate id, say).
pub fn rule_errors(dir: &Path, first: &crate::LoadError) -> Vec<String> {
    let mut errors = Vec::new();
    let Ok(empty) = RuleSet::empty() else {
        return vec![plain_rule_error(&first.to_string())];
    };
    let sorted = |d: &Path| -> Vec<std::fs::DirEntry> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .map(|r| r.flatten().collect())
            .unwrap_or_default();
        v.sort_by_key(|e| e.file_name());
        v
    };
    'families: for family in sorted(dir) {
        let name = family.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || !family.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        for file in sorted(&family.path()) {
            let file_name = file.file_name().to_string_lossy().to_string();
            if file_name.starts_with('.') || !file_name.ends_with(".toml") {
                continue;
            }
            let shown = file.path().display().to_string();
            let text = crate::walk::read_capped(&file.path(), crate::walk::RULE_FILE_LIMIT)
                .and_then(|b| String::from_utf8(b).map_err(|_| "is not valid UTF-8".to_string()));
            let result = match text {
                Err(why) => Err(format!("{shown}: {why}")),
                Ok(text) => empty
                    .clone()
                    .add_sources(std::iter::once((
                        shown.clone(),
                        format!("{name}/{file_name}"),
                        text,
                    )))
                    .map_err(|e| e.to_string()),
            };
            if let Err(e) = result {
                errors.push(plain_rule_error(&e));
                if errors.len() >= 50 {
                    break 'families;
                }
            }
        }
    }
    if errors.is_empty() {
        errors.push(plain_rule_error(&first.to_string()));
    }
    errors
}

/// A rule-file error in plain words: serde's "unknown variant", "unknown field", "missing
/// field" and "invalid type … expected a sequence" say what is wrong and what would be right,
/// with a did-you-mean.
fn plain_rule_error(message: &str) -> String {
    fn ticked(s: &str) -> Vec<&str> {
        s.split('`').skip(1).step_by(2).collect()
    }
    let mut out = message.to_string();
    for (pattern, what) in [("unknown variant `", "value"), ("unknown field `", "key")] {
        let Some(at) = message.find(pattern) else {
            continue;
        };
        let tail = &message[at..];
        let names = ticked(tail);
        let Some((given, expected)) = names.split_first() else {
            continue;
        };
        let hint = did_you_mean(given, expected)
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        let list = if expected.len() > 12 {
            "see docs/rule-format.md for the keys".to_string()
        } else {
            format!("expected one of {}", expected.join(", "))
        };
        let plain = if what == "key" {
            format!("`{given}` is not a key of a rule file{hint} ({list})")
        } else {
            format!("`{given}` is not a valid value here{hint} ({list})")
        };
        out = format!("{}{plain}", &message[..at]);
    }
    if let Some(at) = message.find("missing field `")
        && let Some(key) = ticked(&message[at..]).first()
    {
        out = format!(
            "{}the key `{key}` is missing: every rule file needs it",
            &message[..at]
        );
    }
    out.replace("expected a sequence", "expected a list, such as [\"…\"]")
        .replace("expected a map", "expected a table")
        .replace("invalid type: ", "wrong kind of value: found ")
}
