//! A set of rules: the bundled ones (embedded in the binary at build time) and rule folders on
//! disk, with their word lists and section table; duplicate ids are errors.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::model::Rule;
use super::validate::{Compile, LoadError, parse_rule_with};
use crate::document::LineIndex;
use crate::document::sections::SectionTable;

/// The bundled rule files, embedded at build time: (path under `rules/`, contents).
const BUNDLED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_rules.rs"));

/// A loaded, validated set of rules and the section table they use.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// The rules, sorted by id.
    pub rules: Vec<Arc<Rule>>,
    /// Heading words to sections.
    pub sections: SectionTable,
    /// The language's word lists (`language/*.toml`): negations, question prompts and kinds.
    pub lexicon: crate::questions::Lexicon,
}

impl RuleSet {
    /// The bundled rules.
    pub fn bundled() -> Result<RuleSet, LoadError> {
        let mut set = RuleSet::default();
        set.add_sources_with(
            BUNDLED
                .iter()
                .map(|(p, s)| (format!("rules/{p}"), p.to_string(), s.to_string())),
            Compile::Deferred,
        )?;
        Ok(set)
    }

    /// An empty set (with the bundled section table), to which folders can be added.
    pub fn empty() -> Result<RuleSet, LoadError> {
        let mut set = RuleSet::default();
        set.add_sources(
            BUNDLED
                .iter()
                .filter(|(p, _)| *p == "sections.toml")
                .map(|(p, s)| (format!("rules/{p}"), p.to_string(), s.to_string())),
        )?;
        Ok(set)
    }

    /// Adds every `<family>/<name>.toml` under `dir` (and its `sections.toml`, if any).
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), LoadError> {
        let err = |message: String| LoadError {
            file: dir.display().to_string(),
            position: None,
            rule: None,
            message,
        };
        let meta =
            std::fs::metadata(dir).map_err(|e| err(format!("cannot read the rule folder: {e}")))?;
        if !meta.is_dir() {
            return Err(err("is not a folder of rule files".into()));
        }
        let mut files = Vec::new();
        collect_toml(dir, dir, 0, &mut files).map_err(|e| err(e.to_string()))?;
        files.sort();
        let mut sources = Vec::new();
        for rel in files {
            let full = dir.join(&rel);
            let shown = full.display().to_string();
            // Capped, regular files only, and inside the folder: a rule file linked to
            // /dev/zero grew memory forever; one linked to a secret put it in error messages.
            let bytes = crate::walk::read_capped(&full, crate::walk::RULE_FILE_LIMIT)
                .and_then(|b| match (full.canonicalize(), dir.canonicalize()) {
                    (Ok(f), Ok(d)) if !f.starts_with(&d) => {
                        Err("is a link to a file outside the rule folder; not read".into())
                    }
                    _ => Ok(b),
                })
                .map_err(|message| LoadError {
                    file: shown.clone(),
                    position: None,
                    rule: None,
                    message,
                })?;
            let text = String::from_utf8(bytes).map_err(|_| LoadError {
                file: shown.clone(),
                position: None,
                rule: None,
                message: "is not valid UTF-8".into(),
            })?;
            sources.push((shown, rel.replace('\\', "/"), text));
        }
        self.add_sources(sources.into_iter())
    }

    /// Adds rule files given as (shown path, path relative to the rule folder, text).
    pub fn add_sources(
        &mut self,
        sources: impl Iterator<Item = (String, String, String)>,
    ) -> Result<(), LoadError> {
        self.add_sources_with(sources, Compile::Now)
    }

    fn add_sources_with(
        &mut self,
        sources: impl Iterator<Item = (String, String, String)>,
        compile: Compile,
    ) -> Result<(), LoadError> {
        let mut seen: BTreeMap<String, String> = self
            .rules
            .iter()
            .flat_map(|r| {
                std::iter::once(&r.id)
                    .chain(&r.formerly)
                    .map(|id| (id.clone(), r.file.clone()))
            })
            .collect();
        let mut formerly_of: std::collections::BTreeSet<String> =
            self.rules.iter().flat_map(|r| r.formerly.clone()).collect();
        for (shown, rel, text) in sources {
            // An error in a file that is not a rule (the section table, a language file).
            let file_error = |position: Option<(usize, usize)>, message: String| LoadError {
                file: shown.clone(),
                position,
                rule: None,
                message,
            };
            if rel == "language/kinds.toml" {
                let words = crate::document::sections::KindWords::parse(&text)
                    .map_err(|message| file_error(None, message))?;
                self.sections.add_kind_words(words);
                continue;
            }
            if rel == "language/sentences.toml" {
                // Read by the parser from the bundled file (see `text::abbreviations`): a
                // folder's own list would be ignored, so one that differs is an error rather
                // than a silent no-op. A copy of the bundled file is fine.
                if text.trim() != include_str!("../../rules/language/sentences.toml").trim() {
                    return Err(file_error(
                        None,
                        "the sentence-end abbreviations are read from the bundled rules only, as sentences are split before a rule folder is read; remove this file, or propose the words for the bundled rules/language/sentences.toml".into(),
                    ));
                }
                continue;
            }
            if let Some(name) = rel.strip_prefix("language/") {
                self.lexicon.add(name, &text).map_err(|(span, message)| {
                    let at = span.map(|s| LineIndex::new(&text).position(&text, s.start));
                    file_error(at, message)
                })?;
                continue;
            }
            if rel == "sections.toml" {
                let table =
                    SectionTable::parse(&text).map_err(|message| file_error(None, message))?;
                self.sections.extend(table);
                continue;
            }
            let rule = parse_rule_with(&shown, &rel, &text, compile)?;
            if let Some(other) = seen.get(&rule.id) {
                let whose = if formerly_of.contains(&rule.id) {
                    "lists it as a former id (`formerly`)"
                } else {
                    "has the same id"
                };
                return Err(LoadError {
                    file: shown,
                    position: None,
                    rule: Some(rule.id.clone()),
                    message: format!("duplicate rule id: `{other}` {whose}"),
                });
            }
            for old in &rule.formerly {
                if let Some(other) = seen.get(old) {
                    return Err(LoadError {
                        file: shown,
                        position: None,
                        rule: Some(rule.id.clone()),
                        message: format!(
                            "`formerly` names `{old}`, which `{other}` also answers to"
                        ),
                    });
                }
                seen.insert(old.clone(), shown.clone());
                formerly_of.insert(old.clone());
            }
            seen.insert(rule.id.clone(), shown);
            self.rules.push(Arc::new(rule));
        }
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(())
    }

    /// The word lists in force: those loaded, or the bundled ones when no language file was
    /// loaded (a rule folder of its own needs none).
    pub fn lexicon(&self) -> &crate::questions::Lexicon {
        if self.lexicon.files > 0 {
            return &self.lexicon;
        }
        static BUNDLED_LEXICON: std::sync::OnceLock<crate::questions::Lexicon> =
            std::sync::OnceLock::new();
        BUNDLED_LEXICON.get_or_init(|| {
            let mut l = crate::questions::Lexicon::default();
            for (p, s) in BUNDLED {
                if let Some(name) = p
                    .strip_prefix("language/")
                    .filter(|n| *n != "kinds.toml" && *n != "sentences.toml")
                {
                    // The bundled files are checked by the tests.
                    let _ = l.add(name, s);
                }
            }
            l
        })
    }

    /// The set without its opt-in rules: what runs when nothing is selected.
    pub fn by_default(&self) -> RuleSet {
        let mut set = self.clone();
        set.rules.retain(|r| !r.opt_in);
        set
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules.iter().find(|r| r.id == id)
    }
}

fn collect_toml(
    root: &Path,
    dir: &Path,
    depth: usize,
    out: &mut Vec<String>,
) -> std::io::Result<()> {
    if depth > 2 {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ft = entry.file_type()?;
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if ft.is_dir() {
            collect_toml(root, &path, depth + 1, out)?;
        } else if name.ends_with(".toml")
            && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(rel.to_string_lossy().to_string());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::RuleSet;

    #[test]
    fn duplicate_ids_are_errors() {
        let mut set = RuleSet::default();
        let two = vec![
            (
                "a/buzzword/x.toml".to_string(),
                "buzzword/x.toml".to_string(),
                crate::rule::validate::tests::GOOD.to_string(),
            ),
            (
                "b/buzzword/x.toml".to_string(),
                "buzzword/x.toml".to_string(),
                crate::rule::validate::tests::GOOD.to_string(),
            ),
        ];
        let e = set.add_sources(two.into_iter()).unwrap_err();
        assert!(e.message.contains("duplicate"));
    }
}
