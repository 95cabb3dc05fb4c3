//! hirelint: a linter for recruitment documents.
//!
//! It parses job ads and interview scripts (Markdown, HTML, plain text) into one
//! [`Document`](document::Document) model, checks them against rule files (TOML, one rule per
//! file, in eight families), and reports every finding at its exact place with why it is a
//! barrier and what to write instead.
//!
//! ```
//! use hirelint::{Engine, RuleSet, lint_str};
//! let rules = RuleSet::bundled().unwrap();
//! let engine = Engine::new(&rules);
//! let findings = lint_str(&engine, &rules, "ad.md", "## Requirements\n- You are a rockstar.\n");
//! assert!(findings.iter().any(|f| f.family() == "buzzword"));
//! ```
#![warn(missing_docs)]

pub mod baseline;
pub mod check;
pub mod config;
pub mod document;
pub mod engine;
pub mod escape;
pub mod eval;
pub mod examples;
pub mod finding;
pub mod fix;
pub mod hit;
pub mod lazy_regex;
pub mod parse;
pub mod pipeline;
pub mod questions;
pub mod report;
pub mod rule;
pub mod suppress;
pub mod text;
pub mod walk;
pub mod write;

pub use document::{DocKind, Document, Format};
pub use engine::{Engine, EngineOptions};
pub use finding::Finding;
pub use rule::{LoadError, Rule, RuleSet, Severity};

/// Parses `source` (its format from the path's extension, Markdown when unknown) and checks it.
pub fn lint_str(engine: &Engine, rules: &RuleSet, path: &str, source: &str) -> Vec<Finding> {
    let format = Format::from_path(path).unwrap_or(Format::Markdown);
    let doc = parse::parse(path, source.to_string(), format, None, &rules.sections);
    engine.check(&doc)
}
