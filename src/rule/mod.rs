//! Rules: what a rule file says, loaded and validated.
//!
//! Rules are data: one TOML file per rule in `rules/<family>/<name>.toml`. This module owns
//! the rule model ([`model`]), the file format ([`schema`]), its validation ([`validate`])
//! and sets of rules ([`set`]); the [`engine`](crate::engine) compiles a
//! set of rules into matchers, and [`check`](crate::check) holds the code of each kind.

pub mod lists;
pub mod literals;
pub mod model;
pub mod pattern;
mod schema;
pub mod set;
pub mod validate;

pub use model::{
    Check, Evidence, FAMILIES, JURISDICTIONS, Metric, MetricCheck, Near, Review, Rule, RuleKind,
    Severity, matches_rule, selector_names,
};
pub use pattern::Pattern;
pub use set::RuleSet;
pub use validate::{LoadError, parse_rule};
