//! The rule file format as TOML reads it, before validation: every key a rule file may have,
//! and nothing else (unknown keys are errors). See `docs/rule-format.md`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::{Metric, Review, RuleKind, Severity};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RuleFile {
    pub(super) id: Option<Spanned<String>>,
    pub(super) kind: RuleKind,
    pub(super) severity: Severity,
    #[serde(default)]
    pub(super) applies_to: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) sections: Vec<Spanned<String>>,
    pub(super) message: String,
    pub(super) why: String,
    pub(super) suggest: Vec<String>,
    pub(super) source: String,
    #[serde(default)]
    pub(super) phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) skip_if: Vec<Spanned<String>>,
    pub(super) negation: Option<bool>,
    pub(super) fix: Option<String>,
    pub(super) when: Option<EvidenceFile>,
    pub(super) unless: Option<EvidenceFile>,
    pub(super) present: Option<EvidenceFile>,
    pub(super) absent: Option<EvidenceFile>,
    pub(super) metric: Option<Metric>,
    pub(super) max: Option<f64>,
    pub(super) min_words: Option<usize>,
    #[serde(default)]
    pub(super) allow: Vec<String>,
    #[serde(default)]
    pub(super) since: BTreeMap<String, u32>,
    #[serde(default)]
    pub(super) front_matter: Vec<String>,
    pub(super) anchor: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) jurisdictions: Vec<Spanned<String>>,
    pub(super) reviewed: Option<Review>,
    #[serde(default)]
    pub(super) question_kinds: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) opt_in: bool,
    #[serde(default)]
    pub(super) formerly: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) yields_to: Vec<Spanned<String>>,
    pub(super) name_repeats: Option<usize>,
    pub(super) product_names: Option<bool>,
    #[serde(default)]
    pub(super) entry_titles: Vec<String>,
    #[serde(default)]
    pub(super) senior_titles: Vec<String>,
    pub(super) entry_max: Option<f64>,
    pub(super) lists: Option<Spanned<BTreeMap<String, Vec<String>>>>,
    pub(super) examples: Option<Spanned<ExamplesFile>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct EvidenceFile {
    #[serde(default)]
    pub(super) sections: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) near: Vec<Spanned<NearFile>>,
    #[serde(default)]
    pub(super) front_matter: Vec<String>,
    #[serde(default)]
    pub(super) agree: Vec<Spanned<Vec<String>>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct NearFile {
    pub(super) first: Vec<Spanned<String>>,
    pub(super) second: Vec<Spanned<String>>,
    pub(super) within: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct ExamplesFile {
    #[serde(default)]
    pub(super) flag: Vec<String>,
    #[serde(default)]
    pub(super) pass: Vec<String>,
    pub(super) kind: Option<Spanned<String>>,
}
