//! Arbitrary text as `hirelint.toml`: parsing never panics, errors carry a position inside
//! the file, and a configuration that parses can be applied (rule selection, severities,
//! allowed terms) and checked with.
#![no_main]

mod common;

use std::path::Path;

use hirelint::{Engine, EngineOptions, Format};
use libfuzzer_sys::fuzz_target;

const DOC: &str = "# Senior rockstar ninja\n\n## Requirements\n\n- A team player with 10 years of Rust.\n- Tell me about a time you failed?\n";

fuzz_target!(
    init: {
        // Load and compile the rules before the first input, outside its time limit.
        std::sync::LazyLock::force(&common::BUNDLED);
    },
    |data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let config = match hirelint::config::parse(Path::new("hirelint.toml"), text) {
            Ok(c) => c,
            Err(e) => {
                if let Some((line, col)) = e.position {
                    let lines = text.split('\n').count();
                    assert!(line >= 1 && line <= lines, "error line {line} of {lines}: {e}");
                    assert!(col >= 1, "error column {col}: {e}");
                }
                let _ = e.to_string();
                return;
            }
        };
        let (set, _) = &*common::BUNDLED;
        let (rules, severities) =
            hirelint::config::select_rules(&set.rules, &config.select, &config.ignore, &config.severity);
        let mut selected = set.clone();
        selected.rules = rules;
        let engine = Engine::with_options(
            &selected,
            EngineOptions {
                allow: config.allow.clone(),
                severities,
                ..EngineOptions::default()
            },
        );
        common::check_source(&selected, &engine, "fuzz.md", DOC.to_string(), Format::Markdown);
    }
);
