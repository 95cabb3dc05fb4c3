//! Arbitrary bytes, decoded as the command line decodes files, parsed as Markdown and checked
//! with the bundled rules: no panic, and every finding keeps its invariants.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // Load and compile the rules before the first input, outside its time limit.
        std::sync::LazyLock::force(&common::BUNDLED);
    },
    |data: &[u8]| {
        common::check_bytes(data, "fuzz.md", hirelint::Format::Markdown);
    }
);
