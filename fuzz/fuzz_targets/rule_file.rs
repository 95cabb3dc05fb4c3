//! Arbitrary text as a rule file (`buzzword/x.toml`): loading never panics, errors carry a
//! position inside the file, and a rule that loads compiles into an engine that checks its own
//! examples (and a small fixed document) without panicking and with sound findings.
#![no_main]

mod common;

use std::sync::LazyLock;

use hirelint::{Engine, Format, RuleSet};
use libfuzzer_sys::fuzz_target;

/// The bundled section table and no rules, loaded once.
static EMPTY: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::empty().expect("sections load"));

const DOC: &str = "# Senior rockstar\n\n## Requirements\n\n- A team player with 10 years of Rust.\n- Tell me about a time you failed?\n";

fuzz_target!(
    init: {
        // Load and compile the rules before the first input, outside its time limit.
        LazyLock::force(&EMPTY);
    },
    |data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let rule = match hirelint::rule::parse_rule("fuzz/buzzword/x.toml", "buzzword/x.toml", text)
        {
            Ok(rule) => rule,
            Err(e) => {
                if let Some((line, col)) = e.position {
                    let lines = common::line_count(text);
                    assert!(line >= 1 && line <= lines, "error line {line} of {lines}: {e}");
                    assert!(col >= 1, "error column {col}: {e}");
                }
                let _ = e.to_string();
                return;
            }
        };
        // Keep each run short: the examples are checked one by one, at most a few.
        let examples: Vec<String> = rule
            .flag_examples
            .iter()
            .chain(&rule.pass_examples)
            .take(4)
            .cloned()
            .collect();
        let mut set = EMPTY.clone();
        if set
            .add_sources(std::iter::once((
                "fuzz/buzzword/x.toml".to_string(),
                "buzzword/x.toml".to_string(),
                text.to_string(),
            )))
            .is_err()
        {
            panic!("parse_rule accepted the file but add_sources refused it");
        }
        let engine = Engine::new(&set);
        for ex in examples.iter().map(String::as_str).chain([DOC]) {
            for format in [Format::Markdown, Format::Text] {
                common::guarded(|| {
                    common::check_source(&set, &engine, "fuzz.md", ex.to_string(), format)
                });
            }
        }
    }
);
