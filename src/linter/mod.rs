//! The one way from a source to findings: [`Linter`].
//!
//! A `Linter` owns the rules, the compiled [`Engine`], the section table (in the rules) and the
//! options of a run: the document kind to use, the configuration (for its `[kinds]`), which
//! notes to add, and whether to keep the blocks for the HTML report. [`Linter::lint`] parses a
//! [`Source`] with the section table, checks it, explains suppressions that name no rule and
//! notes a front-matter kind that is no document kind. The command line, `serve`, the language
//! server, the Python package, `eval`, the rule examples, the benchmarks and the tests all call
//! it; none of them parses and checks on its own.
//!
//! ```
//! use hirelint::linter::Linter;
//! let linter = Linter::bundled().unwrap();
//! let findings = linter.lint_str("ad.md", "## Requirements\n- You are a rockstar.\n");
//! assert!(findings.iter().any(|f| f.family() == "buzzword"));
//! ```

pub mod load;
mod notes;

use std::path::{Path, PathBuf};

use crate::config::{self, Loaded};
use crate::document::{DocKind, Document, Format};
use crate::engine::{Engine, EngineOptions};
use crate::finding::Finding;
use crate::input::{self, Origin};
pub use crate::input::{Body, Source};
use crate::report::{FileResult, ReportOptions};
use crate::rule::{RuleSet, Severity, matches_rule};
use crate::text::did_you_mean;

pub use load::{MAX_ALLOW, MAX_PHRASES, load_rules, rule_errors};
pub use notes::UNKNOWN_KIND_ID;

/// What the command line (or a front such as `serve`) asks of the rules and the checks; the
/// configuration, when there is one, is merged with it (flags win, as documented per field).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// More rule folders (after the configuration's).
    pub rule_dirs: Vec<PathBuf>,
    /// Leave out the bundled rules.
    pub no_bundled: bool,
    /// Rules or families to use (replaces the configuration's when not empty).
    pub select: Vec<String>,
    /// Rules or families to leave out (added to the configuration's).
    pub ignore: Vec<String>,
    /// Jurisdictions (replaces the configuration's when not empty).
    pub jurisdiction: Vec<String>,
    /// Terms that are never findings (added to the configuration's).
    pub allow: Vec<String>,
    /// `--fail-on`: `error`, `warning`, `info` or `never` (else the configuration's, else
    /// warning).
    pub fail_on: Option<String>,
    /// Treat every document as this kind.
    pub kind: Option<DocKind>,
    /// Let the configuration read rule folders outside its repository.
    pub allow_outside_root: bool,
    /// Keep each document's blocks in its result (the HTML report shows them rendered).
    pub keep_blocks: bool,
}

/// The rules, the engine and the options of a run; see the module documentation.
pub struct Linter {
    /// The rules in force (selected, in the jurisdiction).
    pub rules: RuleSet,
    /// The compiled rules.
    pub engine: Engine,
    /// Findings at or above this severity fail the run (none: `never`).
    pub fail_on: Option<Severity>,
    /// The configuration the options were merged with.
    pub config: Option<Loaded>,
    /// Keep each document's blocks in its result.
    pub keep_blocks: bool,
    kind: Option<DocKind>,
    /// Every rule id and family loaded, selected or not, sorted (to tell a misspelt name in a
    /// suppression from a rule that is switched off); empty when the notes are off.
    known: Vec<String>,
    /// Explain suppressions that name no rule (the command line's checks).
    explain_suppressions: bool,
    /// Report a front-matter `kind` that is no document kind (`hirelint/unknown-kind`).
    unknown_kinds: bool,
}

impl Linter {
    /// The bundled rules with no options: what `lint_str` and most tests use.
    pub fn bundled() -> Result<Linter, crate::LoadError> {
        Ok(Linter::with_rules(
            RuleSet::bundled()?,
            EngineOptions::default(),
            None,
        ))
    }

    /// A linter over these rules and engine options, with no notes beyond the engine's
    /// findings (the language server, `eval`, rule examples).
    pub fn with_rules(rules: RuleSet, options: EngineOptions, config: Option<Loaded>) -> Linter {
        let engine = Engine::with_options(&rules, options);
        Linter {
            rules,
            engine,
            fail_on: Some(Severity::Warning),
            config,
            keep_blocks: false,
            kind: None,
            known: Vec::new(),
            explain_suppressions: false,
            unknown_kinds: false,
        }
    }

    /// A linter for `options` merged with `config`: rule folders loaded, every name in select,
    /// ignore and `[severity]` checked, jurisdictions applied, rules selected.
    pub fn new(options: &Options, config: Option<Loaded>) -> anyhow::Result<Linter> {
        let mut folders = Vec::new();
        if let Some(c) = &config
            && !options.allow_outside_root
        {
            c.check_inside_root()
                .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
        }
        if let Some(c) = &config {
            folders.extend(c.rule_folders());
        }
        folders.extend(options.rule_dirs.iter().cloned());
        let rules = load_rules(&folders, options.no_bundled)?;
        Linter::from_rules(rules, options, config)
    }

    /// A linter for `rules`, already loaded (with the configuration's rule folders), and
    /// `options` merged with `config`: every name in select, ignore and `[severity]` checked,
    /// jurisdictions applied, rules selected. [`Linter::new`], the language server and the
    /// Python package all build their linter here, so they refuse the same names with the same
    /// messages.
    pub fn from_rules(
        mut rules: RuleSet,
        options: &Options,
        config: Option<Loaded>,
    ) -> anyhow::Result<Linter> {
        use anyhow::bail;
        let empty = config::Config::default();
        let c = config.as_ref().map(|l| &l.config).unwrap_or(&empty);
        let select: Vec<String> = if options.select.is_empty() {
            c.select.clone()
        } else {
            options.select.clone()
        };
        let ignore: Vec<String> = c.ignore.iter().chain(&options.ignore).cloned().collect();
        // Every name in select, ignore and [severity] must name a rule or family: a misspelt
        // `[severity]` key silently changed nothing.
        for pattern in select.iter().chain(&ignore).chain(c.severity.keys()) {
            let known = matches_rule(pattern, crate::suppress::UNUSED_ID)
                || matches_rule(pattern, UNKNOWN_KIND_ID)
                || rules.rules.iter().any(|r| r.answers_to(pattern));
            if !known {
                let what = if c.severity.contains_key(pattern) {
                    "to set the severity of, in [severity]"
                } else {
                    "to select or ignore"
                };
                let names: Vec<&str> = rules
                    .rules
                    .iter()
                    .flat_map(|r| [r.id.as_str(), r.family.as_str()])
                    .collect();
                let hint = did_you_mean(pattern, &names)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                bail!("no rule or family `{pattern}` {what}{hint} (`hirelint rules` lists them)");
            }
        }
        let mut known: Vec<String> = rules
            .rules
            .iter()
            .flat_map(|r| {
                [r.id.clone(), r.family.clone()]
                    .into_iter()
                    .chain(r.formerly.iter().cloned())
            })
            .collect();
        known.sort();
        known.dedup();
        let unknown_kinds = !ignore.iter().any(|p| matches_rule(p, UNKNOWN_KIND_ID))
            && (select.is_empty() || select.iter().any(|p| matches_rule(p, UNKNOWN_KIND_ID)));
        let jurisdictions: Vec<String> = if options.jurisdiction.is_empty() {
            c.jurisdiction.clone()
        } else {
            options.jurisdiction.clone()
        };
        if let Some(bad) = jurisdictions
            .iter()
            .find(|j| !crate::rule::JURISDICTIONS.contains(&j.as_str()))
        {
            bail!(
                "unknown jurisdiction `{bad}`; expected one of: {}",
                crate::rule::JURISDICTIONS.join(", ")
            );
        }
        rules
            .rules
            .retain(|r| config::in_jurisdiction(r, &jurisdictions));
        let (kept, severities) = config::select_rules(&rules.rules, &select, &ignore, &c.severity);
        rules.rules = kept;
        let allow: Vec<String> = c.allow.iter().chain(&options.allow).cloned().collect();
        if allow.len() > MAX_ALLOW {
            bail!(
                "{} allow terms, more than the limit of {MAX_ALLOW}: building their matcher grows faster than the list",
                allow.len()
            );
        }
        let unused_suppressions = !ignore
            .iter()
            .any(|p| matches_rule(p, crate::suppress::UNUSED_ID));
        let engine = Engine::with_options(
            &rules,
            EngineOptions {
                allow,
                severities,
                unused_suppressions,
            },
        );
        let fail_on = match (&options.fail_on, &c.fail_on) {
            (Some(f), _) | (None, Some(f)) => fail_on_level(f),
            (None, None) => Some(Severity::Warning),
        };
        Ok(Linter {
            rules,
            engine,
            fail_on,
            config,
            keep_blocks: options.keep_blocks,
            kind: options.kind,
            known,
            explain_suppressions: true,
            unknown_kinds,
        })
    }

    /// Parses and checks one source. Only a package can fail (damaged, encrypted or too big);
    /// the error says what is wrong with it. The notes of the command line (a suppression
    /// naming no rule explained, an unknown front-matter kind) are added to text sources.
    pub fn lint(&self, source: Source) -> Result<FileResult, String> {
        let kind = source
            .kind
            .or(self.kind)
            .or_else(|| self.config.as_ref().and_then(|c| c.kind_for(&source.path)));
        let (doc, text) = parse_source(source, kind, &self.rules.sections)?;
        let mut findings = check_and_suppress(&self.engine, &doc);
        if text {
            if self.explain_suppressions {
                notes::explain_unused_suppressions(&self.known, &mut findings);
            }
            if self.unknown_kinds
                && kind.is_none()
                && let Some(f) = notes::unknown_kind(&doc)
            {
                findings.push(f);
                crate::finding::sort(&mut findings);
            }
        }
        Ok(self.result(doc, findings))
    }

    /// Checks `text`, its format from the name's extension (Markdown when unknown, see
    /// [`input::format_for`]).
    pub fn lint_str(&self, name: &str, text: &str) -> Vec<Finding> {
        let format = input::format_for(Origin::Text, name, text);
        self.lint(Source::text(name, text.to_string(), format))
            .map(|r| r.findings)
            .unwrap_or_default()
    }

    /// The parsed document of a text, as [`Linter::lint`] reads it (for callers that need the
    /// blocks or questions as well, such as `eval`).
    pub fn parse(
        &self,
        name: &str,
        text: String,
        format: Format,
        kind: Option<DocKind>,
    ) -> Document {
        crate::parse::parse(name, text, format, kind, &self.rules.sections)
    }

    /// Checks a document parsed by [`Linter::parse`] and then adjusted by the caller (`eval`
    /// sets the kind of its question documents): the engine's findings only, without the
    /// notes of [`Linter::lint`].
    pub fn check_document(&self, doc: &Document) -> Vec<Finding> {
        check_and_suppress(&self.engine, doc)
    }

    /// The report options of this linter's rules (no colours, no long summary).
    pub fn report_options(&self) -> ReportOptions {
        ReportOptions {
            rules: self.rules.rules.clone(),
            color: false,
            long_summary: false,
        }
    }

    /// Findings of `result` at or above the fail-on level (none when it is `never`).
    pub fn failing(&self, result: &FileResult) -> usize {
        self.fail_on.map_or(0, |l| {
            result.findings.iter().filter(|f| f.severity >= l).count()
        })
    }

    fn result(&self, doc: Document, findings: Vec<Finding>) -> FileResult {
        FileResult {
            path: doc.path,
            kind: doc.kind,
            blocks: if self.keep_blocks {
                doc.blocks
            } else {
                Vec::new()
            },
            source: doc.source,
            findings,
        }
    }
}

/// Parses a source with the section table; true when it was text (not a package).
fn parse_source(
    source: Source,
    kind: Option<DocKind>,
    sections: &crate::document::sections::SectionTable,
) -> Result<(Document, bool), String> {
    match source.body {
        Body::Text(text, format) => Ok((
            crate::parse::parse(&source.name, text, format, kind, sections),
            true,
        )),
        Body::Package {
            bytes,
            format,
            max_total,
        } => {
            let limits = crate::parse::package::Limits {
                max_total,
                ..Default::default()
            };
            crate::parse::parse_package(&source.name, &bytes, format, kind, sections, limits)
                .map(|doc| (doc, false))
                .map_err(|e| e.to_string())
        }
    }
}

/// [`Linter::lint_str`] over an engine and rules the caller keeps (see [`crate::lint_str`]).
pub fn lint_borrowed(engine: &Engine, rules: &RuleSet, name: &str, text: &str) -> Vec<Finding> {
    let format = input::format_for(Origin::Text, name, text);
    let source = Source::text(name, text.to_string(), format);
    parse_source(source, None, &rules.sections)
        .map(|(doc, _)| check_and_suppress(engine, &doc))
        .unwrap_or_default()
}

/// The engine's findings with the document's suppression comments applied: the one place
/// they are applied, for every way in. A rule's `yields-to` is applied after them, against
/// the findings that are left: suppressing the interview finding on "Are you married?" does
/// not also silence the family-status one, and a comment that suppresses a finding which
/// would have yielded still counts as used.
fn check_and_suppress(engine: &Engine, doc: &Document) -> Vec<Finding> {
    let mut findings = crate::suppress::apply(
        doc,
        engine.check(doc),
        engine.unused_suppressions(),
        engine.renamed(),
    );
    crate::check::drop_yielding(&mut findings);
    findings
}

/// `never` is no level; otherwise a severity name.
fn fail_on_level(s: &str) -> Option<Severity> {
    match s {
        "never" => None,
        other => Severity::parse(other),
    }
}

/// The path a file is shown as: without a leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNKNOWN_KIND: &str = "---\nkind: intervew\n---\n# Questions\n";

    #[test]
    fn the_command_lines_notes_come_with_new_not_with_rules() {
        let noted = Linter::new(&Options::default(), None).unwrap();
        let found = noted.lint_str("ad.md", UNKNOWN_KIND);
        let note = found.iter().find(|f| f.rule.id == UNKNOWN_KIND_ID).unwrap();
        assert!(
            note.message.contains("Did you mean `interview`?"),
            "{}",
            note.message
        );
        let plain = Linter::bundled().unwrap();
        assert!(
            !plain
                .lint_str("ad.md", UNKNOWN_KIND)
                .iter()
                .any(|f| f.rule.id == UNKNOWN_KIND_ID)
        );
    }

    #[test]
    fn a_misspelt_selection_is_refused_with_a_hint() {
        let options = Options {
            select: vec!["buzzwrod".into()],
            ..Options::default()
        };
        let e = Linter::new(&options, None).err().unwrap().to_string();
        assert!(e.contains("no rule or family `buzzwrod`"), "{e}");
        assert!(e.contains("did you mean `buzzword`?"), "{e}");
    }

    #[test]
    fn a_configuration_ignores_sets_severities_and_has_its_names_checked() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = |text: &str| {
            let file = dir.path().join("hirelint.toml");
            std::fs::write(&file, text).unwrap();
            config::load(&file).unwrap()
        };
        let text = "## Requirements\n- A rockstar chairman of the board.\n";
        let c =
            loaded("ignore = [\"buzzword\"]\n[severity]\n\"exclusionary/chairman\" = \"error\"\n");
        let linter = Linter::new(&Options::default(), Some(c)).unwrap();
        assert!(!linter.rules.rules.iter().any(|r| r.family == "buzzword"));
        let found = linter.lint_str("ad.md", text);
        let chairman = found
            .iter()
            .find(|f| f.rule.id == "exclusionary/chairman")
            .expect("a chairman finding");
        assert_eq!(chairman.severity, Severity::Error);
        assert!(!found.iter().any(|f| f.family() == "buzzword"));
        // A misspelt `[severity]` key is refused, not silently ignored.
        let c = loaded("[severity]\n\"exclusionary/chairmen\" = \"error\"\n");
        let e = Linter::new(&Options::default(), Some(c))
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("`exclusionary/chairmen` to set the severity of"),
            "{e}"
        );
        assert!(e.contains("did you mean `exclusionary/chairman`?"), "{e}");
    }

    #[test]
    fn lint_str_and_lint_agree() {
        let linter = Linter::bundled().unwrap();
        let text = "## Requirements\n- You are a rockstar.\n";
        let a = linter.lint_str("ad.md", text);
        let b = crate::lint_str(&linter.engine, &linter.rules, "ad.md", text);
        assert!(!a.is_empty());
        assert_eq!(a.len(), b.len());
        assert!(
            a.iter()
                .zip(&b)
                .all(|(x, y)| x.span == y.span && x.rule.id == y.rule.id)
        );
    }
}
