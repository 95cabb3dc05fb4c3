//! Validating a rule file: each key where its kind uses it, every phrase, section, kind and
//! regular expression checked, and errors that name the file, the line, the column and the
//! rule.
//!
//! Unknown keys, unknown kinds, bad regular expressions, empty phrase lists and duplicate ids
//! are all errors: a typo in a rule file must never silently switch a rule off.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use toml::Spanned;

use super::lists;
use super::literals::alternatives;
use super::model::{Check, Evidence, FAMILIES, JURISDICTIONS, MetricCheck, Near, Rule, RuleKind};
use super::pattern::Pattern;
use super::schema::{EvidenceFile, NearFile, RuleFile};
use crate::document::{DocKind, LineIndex, Section};
use crate::text::normalize_phrase;

/// What the build found of one bundled expression: its required words (groups of words, if
/// known), or why it does not parse.
type Checked = Result<Option<&'static [&'static [&'static str]]>, &'static str>;

/// Every regular expression in the bundled rules, checked at build time: (expression, its
/// required words (see [`literals`](super::literals)) or why it does not parse), sorted by
/// expression. A compile cache: the loader looks each bundled expression up here instead of
/// parsing it again, and compiles any it does not find.
const BUNDLED_CHECKED: &[(&str, Checked)] = include!(concat!(env!("OUT_DIR"), "/bundled_words.rs"));

/// How a rule file's regular expressions are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Compile {
    /// Now, so that a bad one is an error naming the file (rule folders on disk).
    Now,
    /// Looked up in the build-time check ([`BUNDLED_CHECKED`]), for the bundled rules.
    Deferred,
}

/// A rule file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file.
    pub file: String,
    /// Line and column (1-based), where known.
    pub position: Option<(usize, usize)>,
    /// The rule id, where known.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((l, c)) = self.position {
            write!(f, ":{l}:{c}")?;
        }
        if let Some(id) = &self.rule {
            write!(f, ": rule `{id}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

struct Ctx<'a> {
    shown: &'a str,
    text: &'a str,
    id: String,
    index: LineIndex,
    compile: Compile,
    /// The rule's `[lists]`: each name and the expression it stands for.
    lists: BTreeMap<String, String>,
    /// The lists that an expression has named so far.
    used_lists: std::cell::RefCell<BTreeSet<String>>,
}

impl Ctx<'_> {
    fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> LoadError {
        LoadError {
            file: self.shown.to_string(),
            position: span.map(|s| self.index.position(self.text, s.start)),
            rule: Some(self.id.clone()),
            message: message.into(),
        }
    }

    fn phrases(&self, list: &[Spanned<String>]) -> Result<Vec<String>, LoadError> {
        list.iter()
            .map(|p| {
                let n = normalize_phrase(p.get_ref());
                if n.is_empty() {
                    Err(self.error(Some(p.span()), "empty phrase"))
                } else if n.strip_suffix('*').unwrap_or(&n).contains('*') {
                    Err(self.error(
                        Some(p.span()),
                        "`*` may only end a phrase (`communicat*` is any word starting with `communicat`)",
                    ))
                } else if n.ends_with('*') && n.trim_end_matches('*').chars().count() < 3 {
                    Err(self.error(
                        Some(p.span()),
                        "a stem before `*` needs at least 3 letters",
                    ))
                } else {
                    Ok(n)
                }
            })
            .collect()
    }

    /// One expression, checked now or looked up in the build-time check; a bad one is an
    /// error at `span`.
    /// A `{name}` of the rule's `[lists]` is expanded first; the pattern keeps its written form.
    fn pattern(&self, source: &str, span: Range<usize>) -> Result<Pattern, LoadError> {
        let expanded = lists::expand(source, &self.lists, |name| {
            self.used_lists.borrow_mut().insert(name.to_string());
        })
        .map_err(|e| self.error(Some(span.clone()), e))?;
        let compiled = expanded.as_deref().unwrap_or(source);
        let checked = match self.compile {
            Compile::Now => Pattern::new(compiled),
            Compile::Deferred => bundled(compiled),
        };
        let checked = checked.map_err(|e| self.error(Some(span), e))?;
        Ok(match expanded {
            Some(_) => checked.written_as(source),
            None => checked,
        })
    }

    fn regexes(&self, list: &[Spanned<String>]) -> Result<Vec<Pattern>, LoadError> {
        list.iter()
            .map(|p| self.pattern(p.get_ref(), p.span()))
            .collect()
    }

    fn sections(&self, list: &[Spanned<String>]) -> Result<Vec<Section>, LoadError> {
        list.iter()
            .map(|s| {
                Section::parse(s.get_ref()).ok_or_else(|| {
                    self.error(
                        Some(s.span()),
                        format!(
                            "unknown section `{}`; expected one of: {}",
                            s.get_ref(),
                            Section::ALL.map(|x| x.as_str()).join(", ")
                        ),
                    )
                })
            })
            .collect()
    }

    fn evidence(&self, e: &EvidenceFile) -> Result<Evidence, LoadError> {
        if let Some(g) = e.agree.first() {
            return Err(self.error(
                Some(g.span()),
                "`agree` belongs in `[unless]` of a conditional rule",
            ));
        }
        self.evidence_of(e)
    }

    /// [`Self::evidence`] without the `agree` groups, which only `[unless]` reads.
    fn evidence_of(&self, e: &EvidenceFile) -> Result<Evidence, LoadError> {
        if !e.front_matter.is_empty() {
            return Err(self.error(
                None,
                "`front-matter` belongs in `[present]` of a required rule",
            ));
        }
        Ok(Evidence {
            sections: self.sections(&e.sections)?,
            phrases: self.phrases(&e.phrases)?,
            patterns: self.regexes(&e.patterns)?,
            near: e
                .near
                .iter()
                .map(|n| self.near(n))
                .collect::<Result<_, _>>()?,
            agree: Vec::new(),
        })
    }

    /// `[unless]`: evidence, and the groups of words that must agree.
    fn unless(&self, e: &EvidenceFile) -> Result<Evidence, LoadError> {
        let mut ev = self.evidence_of(e)?;
        for group in &e.agree {
            let words: Vec<String> = group
                .get_ref()
                .iter()
                .map(|w| crate::text::normalize_phrase(w))
                .collect();
            if words.is_empty() || words.iter().any(String::is_empty) {
                return Err(self.error(
                    Some(group.span()),
                    "each `agree` group needs at least one word, and no empty ones",
                ));
            }
            ev.agree.push(words);
        }
        Ok(ev)
    }

    /// `skip-if` expressions run only on sentences with a match: they need no words.
    fn skip_if(&self, list: &[Spanned<String>]) -> Result<Vec<Pattern>, LoadError> {
        self.regexes(list)
    }

    fn near(&self, n: &Spanned<NearFile>) -> Result<Near, LoadError> {
        let span = n.span();
        let n = n.get_ref();
        let within = *n.within.get_ref();
        if !(1..=MAX_NEAR).contains(&within) {
            return Err(self.error(
                Some(n.within.span()),
                format!("`within` must be a number of characters from 1 to {MAX_NEAR}"),
            ));
        }
        let side = |list: &[Spanned<String>], key: &str| -> Result<Pattern, LoadError> {
            if list.is_empty() {
                return Err(
                    self.error(Some(span.clone()), format!("`near` needs `{key}` patterns"))
                );
            }
            // Each pattern alone first, so that a bad one is reported where it is written.
            if self.compile == Compile::Now {
                self.regexes(list)?;
            }
            let strings: Vec<&str> = list.iter().map(|p| p.get_ref().as_str()).collect();
            self.pattern(&alternatives(&strings), span.clone())
        };
        Ok(Near {
            first: side(&n.first, "first")?,
            second: side(&n.second, "second")?,
            within: within as usize,
        })
    }
}

/// The longest `within` of a `near` pair, in characters.
const MAX_NEAR: i64 = 1000;

/// A bundled expression, as checked at build time; one the build did not see (which should not
/// happen) is checked now.
fn bundled(source: &str) -> Result<Pattern, String> {
    match BUNDLED_CHECKED.binary_search_by(|(p, _)| (*p).cmp(source)) {
        Ok(i) => match BUNDLED_CHECKED[i].1 {
            Ok(words) => Ok(Pattern::checked(
                source,
                words.map(|groups| {
                    groups
                        .iter()
                        .map(|g| g.iter().map(|w| w.to_string()).collect())
                        .collect()
                }),
            )),
            Err(reason) => Err(format!("bad regular expression `{source}`: {reason}")),
        },
        Err(_) => Pattern::new(source),
    }
}

/// Parses one rule file. `rel` is its path under the rule folder (`family/name.toml`).
pub fn parse_rule(shown: &str, rel: &str, text: &str) -> Result<Rule, LoadError> {
    parse_rule_with(shown, rel, text, Compile::Now)
}

pub(super) fn parse_rule_with(
    shown: &str,
    rel: &str,
    text: &str,
    compile: Compile,
) -> Result<Rule, LoadError> {
    let rel_norm = rel.replace('\\', "/");
    let id = rel_norm.trim_end_matches(".toml").to_string();
    let mut ctx = Ctx {
        shown,
        text,
        id: id.clone(),
        index: LineIndex::new(text),
        compile,
        lists: BTreeMap::new(),
        used_lists: Default::default(),
    };
    let (family, name) = match id.split_once('/') {
        Some((f, n)) if !n.contains('/') => (f.to_string(), n.to_string()),
        _ => {
            return Err(ctx.error(
                None,
                "a rule file must sit in a family folder: rules/<family>/<name>.toml",
            ));
        }
    };
    if !FAMILIES.contains(&family.as_str()) {
        return Err(ctx.error(
            None,
            format!(
                "unknown family `{family}`; the families are: {}",
                FAMILIES.join(", ")
            ),
        ));
    }
    if !is_rule_name(&name) {
        return Err(ctx.error(
            None,
            "a rule name uses lower-case letters, digits and hyphens only",
        ));
    }
    let file: RuleFile =
        toml::from_str(text).map_err(|e| ctx.error(e.span(), e.message().trim().to_string()))?;
    if let Some(given) = &file.id
        && given.get_ref() != &id
    {
        return Err(ctx.error(
            Some(given.span()),
            format!(
                "`id` is `{}` but the file's path makes it `{id}`",
                given.get_ref()
            ),
        ));
    }
    ctx.id = id.clone();
    let mut word_lists = Vec::new();
    if let Some(table) = &file.lists {
        for (name, words) in table.get_ref() {
            let problem = if !lists::is_list_name(name) {
                Some(format!(
                    "list name `{name}`: use lower-case letters, digits and hyphens, starting with a letter"
                ))
            } else if words.is_empty() || words.iter().any(|w| w.trim().is_empty()) {
                Some(format!(
                    "list `{name}` needs at least one word, and no empty ones"
                ))
            } else {
                None
            };
            if let Some(message) = problem {
                return Err(ctx.error(Some(table.span()), message));
            }
            let words: Vec<String> = words.iter().map(|w| w.trim().to_string()).collect();
            ctx.lists.insert(name.clone(), lists::alternation(&words));
            word_lists.push((name.clone(), words));
        }
    }
    let mut formerly = Vec::new();
    for old in &file.formerly {
        let o = old.get_ref().trim();
        let well_formed = o
            .split_once('/')
            .is_some_and(|(f, n)| FAMILIES.contains(&f) && is_rule_name(n));
        if !well_formed || o == id {
            return Err(ctx.error(
                Some(old.span()),
                format!(
                    "`formerly` lists the ids this rule had before (`family/name`, another than `{id}`), not `{o}`"
                ),
            ));
        }
        formerly.push(o.to_string());
    }
    let mut yields_to = Vec::new();
    for other in &file.yields_to {
        let o = other.get_ref().trim();
        if !FAMILIES.contains(&o) || o == family {
            return Err(ctx.error(
                Some(other.span()),
                format!(
                    "`yields-to` lists other families ({}), not `{o}`",
                    FAMILIES
                        .iter()
                        .filter(|f| **f != family)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        if !yields_to.iter().any(|y| y == o) {
            yields_to.push(o.to_string());
        }
    }
    let kind = file.kind;
    let misplaced = |key: &str, present: bool, kinds: &[RuleKind]| -> Result<(), LoadError> {
        if present && !kinds.contains(&kind) {
            let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            Err(ctx.error(
                None,
                format!(
                    "`{key}` is not used by {} rules (only by: {})",
                    kind.as_str(),
                    names.join(", ")
                ),
            ))
        } else {
            Ok(())
        }
    };
    use RuleKind::*;
    misplaced(
        "phrases",
        !file.phrases.is_empty(),
        &[Phrase, Pattern, Question],
    )?;
    misplaced(
        "patterns",
        !file.patterns.is_empty(),
        &[Phrase, Pattern, Question],
    )?;
    misplaced("when", file.when.is_some(), &[Conditional])?;
    misplaced("unless", file.unless.is_some(), &[Conditional])?;
    misplaced("present", file.present.is_some(), &[Required])?;
    misplaced("absent", file.absent.is_some(), &[Required])?;
    misplaced("front-matter", !file.front_matter.is_empty(), &[Required])?;
    misplaced("anchor", file.anchor.is_some(), &[Required])?;
    misplaced("metric", file.metric.is_some(), &[Metric])?;
    misplaced("max", file.max.is_some(), &[Metric])?;
    misplaced("min-words", file.min_words.is_some(), &[Metric])?;
    misplaced("name-repeats", file.name_repeats.is_some(), &[Metric])?;
    misplaced("product-names", file.product_names.is_some(), &[Metric])?;
    misplaced("allow", !file.allow.is_empty(), &[Metric])?;
    misplaced("since", !file.since.is_empty(), &[Metric])?;
    misplaced("entry-titles", !file.entry_titles.is_empty(), &[Metric])?;
    misplaced("senior-titles", !file.senior_titles.is_empty(), &[Metric])?;
    misplaced("entry-max", file.entry_max.is_some(), &[Metric])?;
    if file.entry_max.is_some() == file.entry_titles.is_empty() {
        return Err(ctx.error(
            None,
            "`entry-max` and `entry-titles` go together: the limit for posts whose title has one of the words",
        ));
    }
    misplaced("fix", file.fix.is_some(), &[Phrase, Pattern])?;
    misplaced(
        "question-kinds",
        !file.question_kinds.is_empty(),
        &[Question],
    )?;
    let jurisdictions = file
        .jurisdictions
        .iter()
        .map(|j| {
            if JURISDICTIONS.contains(&j.get_ref().as_str()) {
                Ok(j.get_ref().clone())
            } else {
                Err(ctx.error(
                    Some(j.span()),
                    format!(
                        "unknown jurisdiction `{}`; expected one of: {}",
                        j.get_ref(),
                        JURISDICTIONS.join(", ")
                    ),
                ))
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(r) = &file.reviewed
        && !r.date.is_empty()
        && !is_iso_date(&r.date)
    {
        return Err(ctx.error(
            None,
            format!("`reviewed.date` is `{}`; write it as YYYY-MM-DD", r.date),
        ));
    }
    let question_kinds = file
        .question_kinds
        .iter()
        .map(|k| {
            if crate::questions::KINDS.contains(&k.get_ref().as_str()) {
                Ok(k.get_ref().clone())
            } else {
                Err(ctx.error(
                    Some(k.span()),
                    format!(
                        "unknown question kind `{}`; expected one of: {}",
                        k.get_ref(),
                        crate::questions::KINDS.join(", ")
                    ),
                ))
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let matching = [Phrase, Pattern, Question, Conditional];
    misplaced("exceptions", !file.exceptions.is_empty(), &matching)?;
    // A metric rule may skip sentences only where the metric is about sentences.
    if kind == Metric && file.metric == Some(super::model::Metric::SentenceLength) {
        misplaced("skip-if", !file.skip_if.is_empty(), &[Metric])?;
    } else if kind == Metric && !file.skip_if.is_empty() {
        return Err(ctx.error(
            None,
            "`skip-if` is used by metric rules only with `metric = \"sentence-length\"`",
        ));
    } else {
        misplaced("skip-if", !file.skip_if.is_empty(), &matching)?;
    }
    misplaced("negation", file.negation.is_some(), &matching)?;

    for (key, value) in [
        ("message", &file.message),
        ("why", &file.why),
        ("source", &file.source),
    ] {
        if value.trim().is_empty() {
            return Err(ctx.error(None, format!("`{key}` is empty")));
        }
    }
    if file.suggest.iter().all(|s| s.trim().is_empty()) {
        return Err(ctx.error(None, "`suggest` needs at least one suggestion"));
    }
    let Some(examples) = &file.examples else {
        return Err(ctx.error(
            None,
            "missing `[examples]` with `flag` and `pass` texts (each is a test)",
        ));
    };
    let examples_span = examples.span();
    let examples = examples.get_ref();
    if examples.flag.is_empty() || examples.pass.is_empty() {
        return Err(ctx.error(
            Some(examples_span),
            "`[examples]` needs at least one `flag` and one `pass` text",
        ));
    }
    let examples_kind = match &examples.kind {
        Some(k) => Some(DocKind::parse(k.get_ref()).ok_or_else(|| {
            ctx.error(
                Some(k.span()),
                format!("unknown document kind `{}`", k.get_ref()),
            )
        })?),
        None => None,
    };

    let applies_to = file
        .applies_to
        .iter()
        .map(|k| {
            DocKind::parse(k.get_ref()).ok_or_else(|| {
                ctx.error(
                    Some(k.span()),
                    format!(
                        "unknown document kind `{}`; expected job-ad, interview, process or other",
                        k.get_ref()
                    ),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sections = ctx.sections(&file.sections)?;

    let mut front_matter_keys = file.front_matter.clone();
    let anchor = match &file.anchor {
        Some(a) => Some(ctx.sections(std::slice::from_ref(a))?[0]),
        None => None,
    };
    let check = match kind {
        Phrase | Pattern | Question => {
            let ev = Evidence {
                sections: Vec::new(),
                phrases: ctx.phrases(&file.phrases)?,
                patterns: ctx.regexes(&file.patterns)?,
                near: Vec::new(),
                agree: Vec::new(),
            };
            if ev.phrases.is_empty() && ev.patterns.is_empty() && question_kinds.is_empty() {
                let what = match kind {
                    Phrase => "`phrases` is empty: a phrase rule needs at least one phrase",
                    Pattern => "`patterns` is empty: a pattern rule needs at least one pattern",
                    _ => "a question rule needs `question-kinds`, `phrases` or `patterns`",
                };
                return Err(ctx.error(None, what));
            }
            match kind {
                Phrase => Check::Phrase { matches: ev },
                Pattern => Check::Pattern { matches: ev },
                _ => Check::Question {
                    matches: ev,
                    kinds: question_kinds,
                },
            }
        }
        Conditional => {
            let Some(when) = &file.when else {
                return Err(ctx.error(None, "a conditional rule needs a `[when]` table"));
            };
            let when = ctx.evidence(when)?;
            if when.is_empty() {
                return Err(ctx.error(None, "`[when]` needs `phrases`, `patterns` or `near`"));
            }
            let unless = match &file.unless {
                Some(u) => ctx.unless(u)?,
                None => Evidence::default(),
            };
            Check::Conditional { when, unless }
        }
        Required => {
            let present = match &file.present {
                Some(p) => {
                    front_matter_keys.extend(p.front_matter.iter().cloned());
                    ctx.evidence(&EvidenceFile {
                        front_matter: Vec::new(),
                        sections: p.sections.clone(),
                        phrases: p.phrases.clone(),
                        patterns: p.patterns.clone(),
                        near: p.near.clone(),
                        agree: p.agree.clone(),
                    })?
                }
                None => Evidence::default(),
            };
            if present.is_empty() && front_matter_keys.is_empty() {
                return Err(ctx.error(
                    None,
                    "a required rule needs `[present]` phrases, patterns or near pairs, or `front-matter` keys",
                ));
            }
            // Wording that says the information is withheld ("no set questions", "a few
            // curveballs") outweighs evidence of it: held as the rule's matches.
            let absent = match &file.absent {
                Some(a) => ctx.evidence(a)?,
                None => Evidence::default(),
            };
            Check::Required {
                present,
                absent,
                front_matter: front_matter_keys
                    .iter()
                    .map(|k| k.to_ascii_lowercase())
                    .collect(),
                anchor,
            }
        }
        Metric => {
            let needs_max = file.metric != Some(super::model::Metric::Acronyms);
            let Some(metric) = file.metric.filter(|_| !needs_max || file.max.is_some()) else {
                return Err(ctx.error(None, "a metric rule needs `metric` and `max`"));
            };
            let allow: BTreeSet<String> = file.allow.iter().map(|a| a.trim().to_string()).collect();
            Check::Metric(MetricCheck {
                metric,
                max: file.max.unwrap_or(0.0),
                min_words: file.min_words.unwrap_or(40),
                allow: allow.into_iter().collect(),
                since: file
                    .since
                    .iter()
                    .map(|(tech, year)| (normalize_phrase(tech), *year))
                    .collect(),
                name_repeats: file.name_repeats.unwrap_or(0),
                product_names: file.product_names.unwrap_or(false),
                entry_titles: file
                    .entry_titles
                    .iter()
                    .map(|w| normalize_phrase(w))
                    .collect(),
                senior_titles: file
                    .senior_titles
                    .iter()
                    .map(|w| normalize_phrase(w))
                    .collect(),
                entry_max: file.entry_max,
            })
        }
    };

    // A list that no expression names is a typo in a name or a list left behind.
    if let Some(name) = word_lists
        .iter()
        .map(|(name, _)| name)
        .find(|name| !ctx.used_lists.borrow().contains(*name))
    {
        return Err(ctx.error(
            file.lists.as_ref().map(|t| t.span()),
            format!(
                "list `{name}` is not used: write `{{{name}}}` in a pattern where any of its words may stand"
            ),
        ));
    }

    Ok(Rule {
        id,
        family,
        severity: file.severity,
        applies_to,
        sections,
        message: file.message.trim().to_string(),
        why: file.why.trim().to_string(),
        suggest: file
            .suggest
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        source: file.source.trim().to_string(),
        exceptions: ctx.phrases(&file.exceptions)?,
        skip_if: ctx.skip_if(&file.skip_if)?,
        negation: file.negation.unwrap_or(true),
        fix: file.fix,
        flag_examples: examples.flag.clone(),
        pass_examples: examples.pass.clone(),
        examples_kind,
        file: shown.to_string(),
        jurisdictions,
        reviewed: file.reviewed,
        opt_in: file.opt_in,
        formerly,
        yields_to,
        lists: word_lists,
        check,
    })
}

/// Is `name` a rule name (the part of an id after the family): lower-case letters, digits and
/// hyphens, at least one?
fn is_rule_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Is `s` a date written `YYYY-MM-DD`?
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const GOOD: &str = r#"
kind = "phrase"
severity = "info"
message = "'{match}' is vague."
why = "It says nothing about the work."
suggest = ["Name the task."]
source = "Test"
phrases = ["rockstar"]
[examples]
flag = ["A rockstar."]
pass = ["A developer."]
"#;

    #[test]
    fn loads_a_good_rule() {
        let r = parse_rule("x/buzzword/a.toml", "buzzword/a.toml", GOOD).unwrap();
        assert_eq!(r.id, "buzzword/a");
        assert_eq!(r.matches().phrases, vec!["rockstar"]);
    }

    #[test]
    fn skip_if_in_a_metric_rule_only_for_sentence_length() {
        let metric = |m: &str| {
            format!(
                "kind = \"metric\"\nmetric = \"{m}\"\nmax = 39\nseverity = \"info\"\n\
                 message = \"Long.\"\nwhy = \"Hard to follow.\"\nsuggest = [\"Split it.\"]\n\
                 source = \"Test\"\nskip-if = ['equal opportunity']\n\
                 [examples]\nflag = [\"x\"]\npass = [\"y\"]\n"
            )
        };
        let r = parse_rule("f.toml", "readability/a.toml", &metric("sentence-length")).unwrap();
        assert_eq!(r.skip_if.len(), 1);
        let e =
            parse_rule("f.toml", "readability/a.toml", &metric("paragraph-length")).unwrap_err();
        assert!(e.message.contains("sentence-length"), "{}", e.message);
    }

    #[test]
    fn entry_level_limit_needs_its_title_words() {
        let rule = |extra: &str| {
            format!(
                "kind = \"metric\"\nmetric = \"years-of-experience\"\nmax = 7\n{extra}\n\
                 severity = \"info\"\nmessage = \"Many.\"\nwhy = \"A high bar.\"\n\
                 suggest = [\"Ask for less.\"]\nsource = \"Test\"\n\
                 [examples]\nflag = [\"x\"]\npass = [\"y\"]\n"
            )
        };
        let ok = parse_rule(
            "f.toml",
            "unrealistic/a.toml",
            &rule("entry-max = 2\nentry-titles = [\"Assistant\"]\nsenior-titles = [\"senior\"]"),
        )
        .unwrap();
        let m = ok.metric().unwrap();
        assert_eq!(m.entry_max, Some(2.0));
        assert_eq!(m.entry_titles, vec!["assistant"]);
        assert_eq!(m.senior_titles, vec!["senior"]);
        let e = parse_rule("f.toml", "unrealistic/a.toml", &rule("entry-max = 2")).unwrap_err();
        assert!(e.message.contains("entry-titles"), "{}", e.message);
        let e = parse_rule(
            "f.toml",
            "unrealistic/a.toml",
            &GOOD.replace(
                "phrases = [\"rockstar\"]",
                "phrases = [\"rockstar\"]\nentry-max = 2",
            ),
        )
        .unwrap_err();
        assert!(e.message.contains("entry-max"), "{}", e.message);
    }

    #[test]
    fn unknown_key_names_line_and_rule() {
        let bad = GOOD.replace("source = \"Test\"", "source = \"Test\"\nsevertiy = \"x\"");
        let e = parse_rule("f.toml", "buzzword/a.toml", &bad).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("buzzword/a"));
        assert_eq!(e.position.map(|p| p.0), Some(8));
        assert!(e.message.contains("severtiy"), "{}", e.message);
    }

    #[test]
    fn bad_regex_is_an_error_with_position() {
        let bad = GOOD
            .replace("kind = \"phrase\"", "kind = \"pattern\"")
            .replace("phrases = [\"rockstar\"]", "patterns = [\"(unclosed\"]");
        let e = parse_rule("f.toml", "buzzword/a.toml", &bad).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(8));
        assert!(
            e.message.contains("bad regular expression"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_word_list_stands_for_any_of_its_words_and_a_wrong_or_unused_one_is_an_error() {
        let with_list = |patterns: &str, lists: &str| {
            GOOD.replace("kind = \"phrase\"", "kind = \"pattern\"")
                .replace(
                    "phrases = [\"rockstar\"]",
                    &format!("patterns = [{patterns}]\n{lists}"),
                )
                .replace(
                    "[examples]",
                    "[lists]\nlanguage = [\"german\", \"te reo maori\"]\n[examples]",
                )
                .replace("A rockstar.", "Fluent German.")
        };
        let r = parse_rule(
            "f.toml",
            "scope/a.toml",
            &with_list(r"'\bfluent\s+{language}\b'", ""),
        )
        .unwrap();
        let p = &r.matches().patterns[0];
        assert_eq!(p.written(), r"\bfluent\s+{language}\b");
        assert_eq!(p.as_str(), r"\bfluent\s+(?:german|te\s+reo\s+maori)\b");
        assert_eq!(
            r.lists,
            vec![(
                "language".to_string(),
                vec!["german".to_string(), "te reo maori".to_string()]
            )]
        );
        // A name that no list has is an error at the pattern.
        let e = parse_rule(
            "f.toml",
            "scope/a.toml",
            &with_list(r"'\bfluent\s+{languages}\b', '\b{language}\b'", ""),
        )
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(8), "{e}");
        assert!(e.message.contains("{languages}"), "{e}");
        // A list that no pattern uses is an error too (a typo in the name).
        let e = parse_rule("f.toml", "scope/a.toml", &with_list(r"'\bfluent\b'", "")).unwrap_err();
        assert!(e.message.contains("not used"), "{e}");
        // Named only in a comment, it is still not used.
        let e = parse_rule(
            "f.toml",
            "scope/a.toml",
            &with_list(r"'\bfluent\b'", "# not {language}"),
        )
        .unwrap_err();
        assert!(e.message.contains("not used"), "{e}");
    }

    #[test]
    fn bundled_expressions_with_word_lists_are_found_in_the_build_time_check() {
        // build.rs expands `{name}` as the loader does, so a bundled rule with word lists is
        // looked up, not compiled again at start-up.
        let text = include_str!("../../rules/scope/language-not-used.toml");
        let r = parse_rule_with(
            "f.toml",
            "scope/language-not-used.toml",
            text,
            Compile::Deferred,
        )
        .unwrap();
        assert!(!r.lists.is_empty());
        let mut expanded = 0;
        let rule_patterns = r.skip_if.iter().chain(match &r.check {
            Check::Conditional { when, unless, .. } => {
                Box::new(when.patterns.iter().chain(unless.patterns.iter()))
                    as Box<dyn Iterator<Item = &Pattern>>
            }
            _ => Box::new(std::iter::empty()),
        });
        for p in rule_patterns {
            if p.written() != p.as_str() {
                expanded += 1;
                assert!(
                    BUNDLED_CHECKED
                        .binary_search_by(|(q, _)| (*q).cmp(p.as_str()))
                        .is_ok(),
                    "{}",
                    p.written()
                );
            }
        }
        assert!(expanded >= 5, "{expanded}");
    }

    #[test]
    fn bundled_expressions_are_checked_when_loaded_through_the_build_time_check() {
        // The build parsed every bundled expression; all of them parse.
        let failed: Vec<_> = BUNDLED_CHECKED.iter().filter(|(_, r)| r.is_err()).collect();
        assert!(failed.is_empty(), "{failed:?}");
        assert!(BUNDLED_CHECKED.len() > 500);
        // A bundled expression comes back with the words worked out at build time.
        let (source, words) = BUNDLED_CHECKED
            .iter()
            .find(|(_, r)| matches!(r, Ok(Some(_))))
            .unwrap();
        let p = bundled(source).unwrap();
        assert_eq!(p.as_str(), *source);
        assert_eq!(
            p.required_words().map(|g| g.len()),
            words.unwrap().map(|g| g.len())
        );
        // One the build did not see is checked now, and a bad one is an error at its place
        // in the file, as for a rule folder on disk.
        assert!(bundled("(unclosed").is_err());
        let bad = GOOD
            .replace("kind = \"phrase\"", "kind = \"pattern\"")
            .replace("phrases = [\"rockstar\"]", "patterns = [\"(unclosed\"]");
        let e = parse_rule_with("f.toml", "buzzword/a.toml", &bad, Compile::Deferred).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(8));
        assert!(
            e.message.contains("bad regular expression"),
            "{}",
            e.message
        );
    }

    #[test]
    fn empty_phrase_list_unknown_kind_and_family() {
        let empty = GOOD.replace("phrases = [\"rockstar\"]", "phrases = []");
        assert!(
            parse_rule("f", "buzzword/a.toml", &empty)
                .unwrap_err()
                .message
                .contains("empty")
        );
        let kind = GOOD.replace("kind = \"phrase\"", "kind = \"phrasal\"");
        let e = parse_rule("f", "buzzword/a.toml", &kind).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2));
        assert!(parse_rule("f", "nonsense/a.toml", GOOD).is_err());
    }

    #[test]
    fn formerly_names_other_ids_of_known_families() {
        let with = |v: &str| GOOD.replace("phrases = [", &format!("formerly = [{v}]\nphrases = ["));
        let r = parse_rule("f", "scope/a.toml", &with("\"buzzword/old-a\"")).unwrap();
        assert_eq!(r.formerly, ["buzzword/old-a"]);
        assert!(
            r.answers_to("buzzword/old-a") && r.answers_to("scope") && !r.answers_to("buzzword")
        );
        for bad in [
            "\"old-a\"",
            "\"nonsense/old-a\"",
            "\"buzzword/Old A\"",
            "\"scope/a\"",
        ] {
            let e = parse_rule("f", "scope/a.toml", &with(bad)).unwrap_err();
            assert!(e.message.contains("`formerly`"), "{bad}: {}", e.message);
            assert!(e.position.is_some(), "{bad}");
        }
    }

    #[test]
    fn yields_to_names_other_families() {
        let with =
            |v: &str| GOOD.replace("phrases = [", &format!("yields-to = [{v}]\nphrases = ["));
        let r = parse_rule("f", "scope/a.toml", &with("\"interview\"")).unwrap();
        assert_eq!(r.yields_to, ["interview"]);
        for bad in ["\"scope\"", "\"interviews\"", "\"interview/body-language\""] {
            let e = parse_rule("f", "scope/a.toml", &with(bad)).unwrap_err();
            assert!(e.message.contains("`yields-to`"), "{bad}: {}", e.message);
            assert!(e.position.is_some(), "{bad}");
        }
    }
}
