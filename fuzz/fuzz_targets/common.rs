//! What every fuzz target shares: the bundled rules compiled once, and the invariants every
//! finding must keep, whatever the input.

#![allow(dead_code)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{LazyLock, Once};

use hirelint::{EngineOptions, Finding, Format, Linter, RuleSet, Source};

/// Panics already reported and waiting for a fix: (source file, words of the message).
///
/// With `HIRELINT_FUZZ_SKIP_KNOWN=1` in the environment, a panic that matches one of these is
/// passed over instead of stopping the run, so that fuzzing can go on looking for new bugs
/// while a known one is being fixed. Without it (the default, and in scripts/fuzz.sh unless
/// set) every panic is a crash. Remove an entry when its bug is fixed.
///
/// Example: `("src/parse/html.rs", "is not a char boundary")` was the entry for an unclosed
/// `<!--` before a multi-byte character, fixed in 3cfbdbe.
const KNOWN_BUGS: &[(&str, &str)] = &[];

static SKIP_KNOWN: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("HIRELINT_FUZZ_SKIP_KNOWN").is_some_and(|v| v == "1"));

/// Runs `f`; with `HIRELINT_FUZZ_SKIP_KNOWN=1`, a known panic returns `None` instead of
/// aborting. Any other panic aborts, as libFuzzer expects.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    if !*SKIP_KNOWN {
        return Some(f());
    }
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            let message = info.payload_as_str().unwrap_or("");
            let known = KNOWN_BUGS
                .iter()
                .any(|(f, m)| file.ends_with(f) && message.contains(m));
            if !known {
                previous(info);
                std::process::abort();
            }
        }));
    });
    catch_unwind(AssertUnwindSafe(f)).ok()
}

/// The bundled rules in a linter, built once per process.
pub static BUNDLED: LazyLock<Linter> = LazyLock::new(|| {
    linter(RuleSet::bundled().expect("bundled rules load"), EngineOptions::default())
});

/// A linter over `set` that keeps the blocks, so their invariants can be checked.
pub fn linter(set: RuleSet, options: EngineOptions) -> Linter {
    let mut linter = Linter::with_rules(set, options, None);
    linter.keep_blocks = true;
    linter
}

/// Decodes `data` as the command line does (UTF-8, UTF-8 with a byte order mark, UTF-16 with
/// one), then parses it as `format` and checks it with `engine`, asserting the invariants.
pub fn check_bytes(data: &[u8], path: &str, format: Format) {
    let Ok(source) = hirelint::parse::decode(data) else {
        return;
    };
    guarded(|| check_source(&BUNDLED, path, source, format));
}

/// Parses `source` as `format`, checks it, asserts the invariants; returns the findings.
pub fn check_source(linter: &Linter, path: &str, source: String, format: Format) -> Vec<Finding> {
    let doc = linter
        .lint(Source::text(path, source, format))
        .expect("text always checks");
    for block in &doc.blocks {
        // The whole prose of every block maps back inside the source.
        let r = block.source_range(0..block.text.len());
        assert!(
            r.start <= r.end && r.end <= doc.source.len(),
            "block maps to {r:?}"
        );
    }
    let findings = doc.findings;
    for f in &findings {
        assert_finding(&doc.source, f);
    }
    findings
}

/// The invariants of one finding: its span lies inside the source on character boundaries,
/// `matched` is the source slice, and line and column agree with the byte offsets.
pub fn assert_finding(source: &str, f: &Finding) {
    let span = &f.span;
    assert!(
        span.start <= span.end,
        "{}: span {span:?} runs backwards",
        f.rule_id()
    );
    assert!(
        span.end <= source.len(),
        "{}: span {span:?} beyond the source ({} bytes)",
        f.rule_id(),
        source.len()
    );
    assert!(
        source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
        "{}: span {span:?} splits a character",
        f.rule_id()
    );
    assert_eq!(
        f.matched,
        &source[span.clone()],
        "{}: matched differs from the source slice",
        f.rule_id()
    );
    assert!(
        f.start <= f.end,
        "{}: start {:?} after end {:?}",
        f.rule_id(),
        f.start,
        f.end
    );
    assert_eq!(
        f.start,
        line_col(source, span.start),
        "{}: start position",
        f.rule_id()
    );
    assert_eq!(
        f.end,
        line_col(source, span.end),
        "{}: end position",
        f.rule_id()
    );
}

/// The number of lines of `text`, counted as hirelint counts them: a line ends at `\n`, at
/// `\r\n` and at a lone `\r`.
pub fn line_count(text: &str) -> usize {
    line_col(text, text.len()).0
}

/// 1-based line and column (in characters, a leading byte order mark not counted) of a byte
/// offset on a character boundary, computed the slow, obvious way. A line ends at `\n`, at
/// `\r\n` and at a lone `\r` (old Mac line ends), as in hirelint.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let bytes = source.as_bytes();
    for (i, &b) in before.as_bytes().iter().enumerate() {
        let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends {
            line += 1;
            line_start = i + 1;
        }
    }
    let mut col = before[line_start..].chars().count() + 1;
    if line == 1 && before.starts_with('\u{feff}') {
        col -= 1;
    }
    (line, col)
}
