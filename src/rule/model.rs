//! The rule model: what a validated rule is, shared by every kind ([`Rule`]), and what each
//! kind looks for ([`Check`]). Plain data: the engine compiles it.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::pattern::Pattern;
use crate::document::{DocKind, Section};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Style: worth a look.
    Info,
    /// A real barrier.
    #[default]
    Warning,
    /// Legal risk.
    Error,
}

impl Severity {
    /// The name used in rule files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule families, exactly.
pub const FAMILIES: [&str; 8] = [
    "buzzword",
    "unrealistic",
    "scope",
    "exclusionary",
    "interview",
    "unlawful",
    "missing",
    "readability",
];

/// The kind of a rule: which code checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// A list of phrases.
    Phrase,
    /// A list of regular expressions.
    Pattern,
    /// Flagged unless the document justifies it.
    Conditional,
    /// Phrases or patterns in interview questions only.
    Question,
    /// A measured value over a limit.
    Metric,
    /// Information the document must contain.
    Required,
}

impl RuleKind {
    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Phrase => "phrase",
            RuleKind::Pattern => "pattern",
            RuleKind::Conditional => "conditional",
            RuleKind::Question => "question",
            RuleKind::Metric => "metric",
            RuleKind::Required => "required",
        }
    }
}

/// What a `metric` rule measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// Years of experience asked.
    YearsOfExperience,
    /// List items in the requirements.
    MustHaveCount,
    /// Words in a sentence.
    SentenceLength,
    /// Words in a paragraph.
    ParagraphLength,
    /// Flesch-Kincaid grade of a paragraph.
    ReadingGrade,
    /// Abbreviations never spelled out.
    Acronyms,
}

/// A set of phrases and patterns, optionally limited to some sections.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Sections to look in; empty means all.
    pub sections: Vec<Section>,
    /// Literal phrases (in normal form).
    pub phrases: Vec<String>,
    /// Regular expressions.
    pub patterns: Vec<Pattern>,
    /// Pairs of expressions that count only when close together.
    pub near: Vec<Near>,
    /// `[unless]` only: groups of words (in lower case) that must agree. Evidence that names a
    /// word of some group justifies only a requirement that names a word of the same group
    /// ("speak Dutch with the people interviewed" does not justify "German and French").
    pub agree: Vec<Vec<String>>,
}

impl Evidence {
    /// Nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty() && self.patterns.is_empty() && self.near.is_empty()
    }
}

/// Two expressions that count together when at most `within` characters apart, in either
/// order ("reasonable adjustments ... email us").
#[derive(Debug, Clone, PartialEq)]
pub struct Near {
    /// Any of the `first` patterns, as one expression.
    pub first: Pattern,
    /// Any of the `second` patterns, as one expression.
    pub second: Pattern,
    /// The most characters between them.
    pub within: usize,
}

/// A validated rule: what every rule has (its words for people, where it looks, how its
/// matches are filtered, its examples), and what its kind looks for ([`Check`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// `family/name`.
    pub id: String,
    /// The family (the folder).
    pub family: String,
    /// How serious its findings are.
    pub severity: Severity,
    /// Document kinds it applies to; empty means all.
    pub applies_to: Vec<DocKind>,
    /// Sections it looks in; empty means all.
    pub sections: Vec<Section>,
    /// The one-line message; `{match}` is replaced by the matched words.
    pub message: String,
    /// The barrier, in plain words.
    pub why: String,
    /// What to write or do instead.
    pub suggest: Vec<String>,
    /// Where the reasoning comes from.
    pub source: String,
    /// Phrases that cancel a match they overlap.
    pub exceptions: Vec<String>,
    /// Sentences matching one of these are left alone.
    pub skip_if: Vec<Pattern>,
    /// Drop matches preceded by a negation.
    pub negation: bool,
    /// A safe replacement for the whole match.
    pub fix: Option<String>,
    /// Texts the rule must flag.
    pub flag_examples: Vec<String>,
    /// Texts the rule must leave alone.
    pub pass_examples: Vec<String>,
    /// The document kind of the examples.
    pub examples_kind: Option<DocKind>,
    /// The rule file, for messages.
    pub file: String,
    /// The legal systems whose law the rule relies on (`GB`, `US`, `EU`, …); empty when the
    /// rule states no law.
    pub jurisdictions: Vec<String>,
    /// The last review by a panel with lived experience, if any.
    pub reviewed: Option<Review>,
    /// Runs only when selected by its id (or `all`), not by default.
    pub opt_in: bool,
    /// The ids the rule had before it was renamed or moved to another family: configuration,
    /// suppressions and baselines that name an old id still reach it.
    pub formerly: Vec<String>,
    /// Families whose findings, when they cover some of the same words, make this rule's
    /// finding there redundant: one barrier is named once, by the more specific rule.
    pub yields_to: Vec<String>,
    /// The rule's named word lists (`[lists]`), each with its words as written; `{name}` in
    /// its expressions stands for any of them.
    pub lists: Vec<(String, Vec<String>)>,
    /// What the rule looks for: one variant per kind, with that kind's settings only.
    pub check: Check,
}

/// What a rule looks for, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// A list of phrases (and perhaps expressions).
    Phrase {
        /// The phrases and expressions.
        matches: Evidence,
    },
    /// A list of regular expressions (and perhaps phrases).
    Pattern {
        /// The phrases and expressions.
        matches: Evidence,
    },
    /// Flagged when `when` matches, unless the document justifies it.
    Conditional {
        /// The requirement (`[when]`).
        when: Evidence,
        /// The justification (`[unless]`).
        unless: Evidence,
    },
    /// Interview questions of some kinds, or with some phrases.
    Question {
        /// The phrases and expressions.
        matches: Evidence,
        /// The question kinds (see [`crate::questions`]) it flags.
        kinds: Vec<String>,
    },
    /// A measured value over a limit.
    Metric(MetricCheck),
    /// Information the document must contain.
    Required {
        /// Evidence of the information (`[present]`).
        present: Evidence,
        /// Wording that says the information is withheld (`[absent]`); it outweighs
        /// evidence of it.
        absent: Evidence,
        /// Front matter keys that count as the information.
        front_matter: Vec<String>,
        /// The section where the information belongs.
        anchor: Option<Section>,
    },
}

/// The settings of a `metric` rule.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricCheck {
    /// What is measured.
    pub metric: Metric,
    /// The limit.
    pub max: f64,
    /// For reading grades: the shortest paragraph measured.
    pub min_words: usize,
    /// For acronyms: abbreviations that need no explanation, sorted and without repeats (the
    /// check searches it by halves).
    pub allow: Vec<String>,
    /// For years of experience: technology (normal form) to first release year.
    pub since: BTreeMap<String, u32>,
    /// For acronyms: an abbreviation used this many times or more, or in the document's
    /// title, is read as a name and left alone (0: never).
    pub name_repeats: usize,
    /// For acronyms: an abbreviation listed beside a name in mixed case ("SQL, Python, SAS"),
    /// or written just after one ("Excel VBA"), is read as a product's name and left alone.
    pub product_names: bool,
    /// For years of experience: words of a title that name an entry-level post ("assistant",
    /// "trainee"), where the lower limit `entry_max` applies, unless the title also has one of
    /// `senior_titles` ("senior assistant manager").
    pub entry_titles: Vec<String>,
    /// Words of a title that name a senior post, which keep the usual limit.
    pub senior_titles: Vec<String>,
    /// The limit for an entry-level post.
    pub entry_max: Option<f64>,
}

/// Nothing to look for.
static NO_EVIDENCE: Evidence = Evidence {
    sections: Vec::new(),
    phrases: Vec::new(),
    patterns: Vec::new(),
    near: Vec::new(),
    agree: Vec::new(),
};

/// A review of a rule by people with lived experience (co-production).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Who reviewed it (a panel or a person); empty when nobody has yet.
    #[serde(default)]
    pub by: String,
    /// When, as `YYYY-MM-DD`; empty when nobody has yet.
    #[serde(default)]
    pub date: String,
    /// What the review said or changed.
    #[serde(default)]
    pub notes: String,
}

impl Review {
    /// Has someone actually reviewed the rule?
    pub fn done(&self) -> bool {
        !self.by.trim().is_empty() && !self.date.trim().is_empty()
    }
}

/// Does `id` (a rule id) match `pattern` (a rule id, a family, or `all`), as in `--select`,
/// `--ignore`, the configuration and suppression comments?
pub fn matches_rule(pattern: &str, id: &str) -> bool {
    pattern == id
        || id
            .split_once('/')
            .is_some_and(|(family, _)| family == pattern)
        || pattern == "all"
}

/// The names a rule id answers to in a selection: the id, its family, and `all`; a pattern
/// [matches](matches_rule) the id when it is one of them.
pub fn selector_names(id: &str) -> [&str; 3] {
    let family = id.split_once('/').map_or("", |(f, _)| f);
    [id, family, "all"]
}

/// The jurisdictions a rule may name: Great Britain, Northern Ireland, the United States, the
/// European Union, Ireland, Canada, Australia.
pub const JURISDICTIONS: [&str; 7] = ["GB", "NI", "US", "EU", "IE", "CA", "AU"];

impl Rule {
    /// Does `pattern` (a rule id, a family or `all`) name this rule? An id the rule had before
    /// it was renamed does too.
    pub fn answers_to(&self, pattern: &str) -> bool {
        matches_rule(pattern, &self.id) || self.formerly.iter().any(|old| old == pattern)
    }

    /// The names the rule answers to in a suppression: its id, its family, `all`, and its
    /// former ids.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        selector_names(&self.id)
            .into_iter()
            .chain(self.formerly.iter().map(String::as_str))
    }

    /// Does the rule apply to documents of this kind?
    pub fn applies_to(&self, kind: DocKind) -> bool {
        self.applies_to.is_empty() || self.applies_to.contains(&kind)
    }

    /// Does the rule look at blocks of this section?
    pub fn in_sections(&self, section: Section) -> bool {
        self.sections.is_empty() || self.sections.contains(&section)
    }

    /// Has a panel with lived experience reviewed the rule?
    pub fn is_reviewed(&self) -> bool {
        self.reviewed.as_ref().is_some_and(Review::done)
    }

    /// The rule's kind.
    pub fn kind(&self) -> RuleKind {
        match self.check {
            Check::Phrase { .. } => RuleKind::Phrase,
            Check::Pattern { .. } => RuleKind::Pattern,
            Check::Conditional { .. } => RuleKind::Conditional,
            Check::Question { .. } => RuleKind::Question,
            Check::Metric(_) => RuleKind::Metric,
            Check::Required { .. } => RuleKind::Required,
        }
    }

    /// What the rule's matches are made of: its phrases and expressions, the requirement of
    /// a conditional rule, or the `[absent]` wording of a required one (empty for metrics).
    pub fn matches(&self) -> &Evidence {
        match &self.check {
            Check::Phrase { matches } | Check::Pattern { matches } => matches,
            Check::Question { matches, .. } => matches,
            Check::Conditional { when, .. } => when,
            Check::Required { absent, .. } => absent,
            Check::Metric(_) => &NO_EVIDENCE,
        }
    }

    /// The evidence that outweighs a match: the justification of a conditional rule, or the
    /// presence evidence of a required one (empty for the other kinds).
    pub fn evidence(&self) -> &Evidence {
        match &self.check {
            Check::Conditional { unless, .. } => unless,
            Check::Required { present, .. } => present,
            _ => &NO_EVIDENCE,
        }
    }

    /// The question kinds a question rule flags (empty for the other kinds).
    pub fn question_kinds(&self) -> &[String] {
        match &self.check {
            Check::Question { kinds, .. } => kinds,
            _ => &[],
        }
    }

    /// The settings of a metric rule.
    pub fn metric(&self) -> Option<&MetricCheck> {
        match &self.check {
            Check::Metric(m) => Some(m),
            _ => None,
        }
    }

    /// A note that hirelint itself reports, not a rule from a file (an unused suppression,
    /// a document of unknown kind): it has words for people and matches nothing.
    pub fn notice(id: &str, message: &str, why: &str, suggest: &str) -> Rule {
        Rule {
            id: id.into(),
            family: "hirelint".into(),
            severity: Severity::Warning,
            applies_to: Vec::new(),
            sections: Vec::new(),
            message: message.into(),
            why: why.into(),
            suggest: vec![suggest.into()],
            source: "hirelint".into(),
            exceptions: Vec::new(),
            skip_if: Vec::new(),
            negation: false,
            fix: None,
            flag_examples: Vec::new(),
            pass_examples: Vec::new(),
            examples_kind: None,
            file: String::new(),
            jurisdictions: Vec::new(),
            reviewed: None,
            opt_in: false,
            formerly: Vec::new(),
            yields_to: Vec::new(),
            lists: Vec::new(),
            check: Check::Phrase {
                matches: Evidence::default(),
            },
        }
    }
}
