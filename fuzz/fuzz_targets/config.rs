//! Arbitrary text as `hirelint.toml`: parsing never panics, errors carry a position inside
//! the file, and a configuration that parses can be applied (rule selection and severities
//! over the bundled rules, allowed terms in an engine) and checked with.
#![no_main]

mod common;

use std::path::Path;
use std::sync::LazyLock;

use hirelint::config::select_rules;
use hirelint::{EngineOptions, Format, RuleSet};
use libfuzzer_sys::fuzz_target;

/// One small phrase rule, so that compiling an engine per input stays cheap.
static SMALL: LazyLock<RuleSet> = LazyLock::new(|| {
    let mut set = RuleSet::empty().expect("sections load");
    set.add_sources(std::iter::once((
        "tests/data/rules/buzzword/t-hype.toml".to_string(),
        "buzzword/t-hype.toml".to_string(),
        include_str!("../../tests/data/rules/buzzword/t-hype.toml").to_string(),
    )))
    .expect("test rule loads");
    set
});

const DOC: &str = "# Senior rockstar ninja\n\n## Requirements\n\n- A team player with 10 years of Rust.\n- Ninja Forms, Team-Player and \u{212a} rockstars.\n";

fuzz_target!(
    init: {
        LazyLock::force(&common::BUNDLED);
        LazyLock::force(&SMALL);
    },
    |data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let config = match hirelint::config::parse(Path::new("hirelint.toml"), text) {
            Ok(c) => c,
            Err(e) => {
                if let Some((line, col)) = e.position {
                    let lines = common::line_count(text);
                    assert!(
                        line >= 1 && line <= lines,
                        "error line {line} of {lines}: {e}"
                    );
                    assert!(col >= 1, "error column {col}: {e}");
                }
                let _ = e.to_string();
                return;
            }
        };
        // Selection over the bundled rules: one severity per kept rule.
        let set = &common::BUNDLED.rules;
        let (rules, severities) =
            select_rules(&set.rules, &config.select, &config.ignore, &config.severity);
        assert_eq!(rules.len(), severities.len());
        // An engine with the allowed terms, over the small rule set.
        let (rules, severities) =
            select_rules(&SMALL.rules, &config.select, &config.ignore, &config.severity);
        let mut small = SMALL.clone();
        small.rules = rules;
        let linter = common::linter(
            small,
            EngineOptions {
                allow: config.allow.clone(),
                severities,
                ..EngineOptions::default()
            },
        );
        common::guarded(|| {
            common::check_source(&linter, "fuzz.md", DOC.to_string(), Format::Markdown)
        });
    }
);
