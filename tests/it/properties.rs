//! Properties that hold for every input, checked on generated documents (proptest).
//!
//! The documents mix what the parsers treat specially (Markdown and HTML syntax, entities,
//! comments and suppressions, front matter, CRLF, a byte order mark, multi-byte and
//! case-changing characters) with phrases the bundled rules look for, so that findings are
//! frequent. For every finding:
//!
//! - its byte span lies inside the source, on character boundaries, and does not run backwards;
//! - `matched` is exactly the source slice of the span;
//! - its line and column agree with its byte offsets, computed here independently;
//! - checking the same text twice gives the same findings (the engine is deterministic).
//!
//! Case counts are modest so that `cargo test` stays fast in debug builds; set `PROPTEST_CASES`
//! for a longer run. The fuzz targets in `fuzz/` check the same invariants on far more inputs
//! (see docs/robustness.md).

use std::sync::LazyLock;

use hirelint::{Engine, Finding, Format, RuleSet};
use proptest::prelude::*;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::bundled().expect("bundled rules"));
static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(&RULES));
static LINTER: LazyLock<hirelint::Linter> =
    LazyLock::new(|| hirelint::Linter::with_rules(RULES.clone(), Default::default(), None));

/// Pieces documents are made of.
const PIECES: &[&str] = &[
    // Phrases from the bundled rules, in several spellings.
    "rockstar",
    "Rockstars",
    "ROCKSTAR",
    "ninja",
    "guru",
    "team player",
    "team-player",
    "Team\u{a0}Player",
    "team\u{2011}player",
    "self-starter",
    "native speaker",
    "native English speaker",
    "work hard, play hard",
    "fast-paced",
    "driving licence",
    "10 years of experience",
    "5+ years' experience",
    "15\u{2013}20 years",
    "Where do you see yourself in five years?",
    "Tell me about yourself.",
    "Do you have any disabilities?",
    "How many sick days did you take?",
    "salary",
    "\u{a3}30,000",
    "reasonable adjustments",
    "no rockstars needed",
    "manpower",
    "chairman",
    "e.g. ",
    "ASAP",
    "KPI",
    // Words and separators.
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    ".",
    ". ",
    "? ",
    "!",
    ",",
    ":",
    "'",
    "\"",
    "We",
    "you",
    "a",
    "the",
    "Requirements",
    "Questions",
    "Benefits",
    // Multi-byte and case-changing characters.
    "\u{feff}",
    "\u{2019}",
    "\u{201c}",
    "\u{e9}",
    "\u{df}",
    "\u{130}",
    "\u{212a}",
    "\u{1e9e}",
    "\u{fb04}",
    "\u{3a3}",
    "\u{1f600}",
    "\u{301}",
    "\u{200b}",
    "\u{2028}",
    "\u{3000}",
    "日本語",
    // Markdown.
    "# ",
    "## Requirements\n",
    "### Questions\n",
    "**Requirements:**\n",
    "> ",
    "- ",
    "* ",
    "1. ",
    "- [x] ",
    "**",
    "*",
    "_",
    "~~",
    "`",
    "```\n",
    "    ",
    "\\",
    "\\*",
    "[",
    "](http://x)",
    "![",
    "[^1]",
    "[^1]: ",
    "| a | b |\n|---|---|\n",
    "|",
    "---\n",
    "+++\n",
    "kind: interview\n",
    "kind = \"job-ad\"\n",
    "***\n",
    "===\n",
    // HTML.
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<li>",
    "</li>",
    "<ul>",
    "<br>",
    "<br/>",
    "<b>",
    "</b>",
    "<h2>",
    "</h2>",
    "<main>",
    "</main>",
    "<script>",
    "</script>",
    "<style>",
    "<textarea>",
    "<p hidden>",
    "<span aria-hidden=\"true\">",
    "<td>",
    "<tr>",
    "<meta name=\"hirelint-kind\" content=\"interview\">",
    "<html lang=\"en\">",
    "<!DOCTYPE html>",
    "<![CDATA[",
    "]]>",
    "<?x ?>",
    "<",
    ">",
    "</",
    "/>",
    "<a href='x' title=\"y\" z=w>",
    "<!--",
    "-->",
    "<!-- hirelint-disable-next-line buzzword -->",
    "<!-- hirelint-disable -->",
    "<!-- hirelint-enable -->",
    "<!-- hirelint-disable interview/future-speculation, buzzword -- a reason -->",
    "{{ x }}",
    "{%",
    "&",
    "&amp;",
    "&amp",
    "&nbsp;",
    "&#8217;",
    "&#x2011;",
    "&#xZZ;",
    "&#0;",
    "&#1114112;",
    "&#99999999999;",
    "&hellip;",
    "&ffllig;",
    "&NotNestedGreaterGreater;",
    "&bogus;",
];

/// A document: pieces from the list, arbitrary characters, or both.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z \u{e9}\u{130}\u{212a}]{1,8}",
    ];
    (any::<bool>(), proptest::collection::vec(piece, 0..80)).prop_map(|(bom, pieces)| {
        let body: String = pieces.concat();
        if bom { format!("\u{feff}{body}") } else { body }
    })
}

/// The number of cases: `default`, or `PROPTEST_CASES` from the environment for a longer run
/// (`PROPTEST_CASES=10000 cargo test --release --test properties`).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Markdown),
        Just(Format::Html),
        Just(Format::Text)
    ]
}

fn path_for(format: Format) -> &'static str {
    match format {
        Format::Markdown => "doc.md",
        Format::Html => "doc.html",
        Format::Text => "doc.txt",
        Format::Docx | Format::Odt => unreachable!("packages are not strings"),
    }
}

fn check(source: &str, format: Format) -> Vec<Finding> {
    let source_in = hirelint::Source::text(path_for(format), source.to_string(), format);
    let result = LINTER.lint(source_in).expect("text always checks");
    assert_eq!(result.source, source, "parsing changed the source");
    result.findings
}

/// 1-based line and column (in characters, a leading byte order mark not counted) of a byte
/// offset, computed the slow, obvious way. A line ends at `\n`, or at a `\r` no `\n` follows.
fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let bytes = source.as_bytes();
    let ends: Vec<usize> = before
        .bytes()
        .enumerate()
        .filter(|&(i, b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .map(|(i, _)| i)
        .collect();
    let line = ends.len() + 1;
    let line_start = ends.last().map_or(0, |i| i + 1);
    let mut col = before[line_start..].chars().count() + 1;
    if line == 1 && before.starts_with('\u{feff}') {
        col -= 1;
    }
    (line, col)
}

/// Everything a report shows of a finding, to compare runs.
fn key(f: &Finding) -> impl PartialEq + std::fmt::Debug + use<> {
    (
        f.rule_id().to_string(),
        f.severity,
        f.span.clone(),
        f.start,
        f.end,
        f.matched.clone(),
        f.message.clone(),
        f.fix.clone(),
    )
}

fn assert_sound(source: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    for f in findings {
        let s = &f.span;
        let id = f.rule_id();
        prop_assert!(s.start <= s.end, "{id}: span {s:?} runs backwards");
        prop_assert!(s.end <= source.len(), "{id}: span {s:?} past the end");
        prop_assert!(
            source.is_char_boundary(s.start) && source.is_char_boundary(s.end),
            "{id}: span {s:?} splits a character"
        );
        prop_assert_eq!(&f.matched, &source[s.clone()], "{}: matched", id);
        prop_assert_eq!(
            f.start,
            line_col(source, s.start),
            "{}: start of {:?}",
            id,
            s
        );
        prop_assert_eq!(f.end, line_col(source, s.end), "{}: end of {:?}", id, s);
        prop_assert!(f.start <= f.end, "{id}: start after end");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(128),
        // Failures become named tests in tests/hostile.rs, not files next to this one.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn findings_point_at_their_source(source in document(), format in format()) {
        let findings = check(&source, format);
        assert_sound(&source, &findings)?;
    }

    #[test]
    fn checking_is_deterministic(source in document(), format in format()) {
        let a: Vec<_> = check(&source, format).iter().map(key).collect();
        let b: Vec<_> = check(&source, format).iter().map(key).collect();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn lint_str_agrees_with_the_linter(source in document(), format in format()) {
        let a: Vec<_> = check(&source, format).iter().map(key).collect();
        let b: Vec<_> = hirelint::lint_str(&ENGINE, &RULES, path_for(format), &source)
            .iter()
            .map(key)
            .collect();
        prop_assert_eq!(a, b);
    }
}

/// Every character of every block's prose maps to source bytes inside the source, on
/// character boundaries, in source order: no prose comes from nowhere.
fn assert_blocks_map_back(source: &str, format: Format) -> Result<(), TestCaseError> {
    let doc = hirelint::parse::parse(
        path_for(format),
        source.to_string(),
        format,
        None,
        &RULES.sections,
    );
    for block in &doc.blocks {
        let mut last_start = 0;
        for (i, c) in block.text.char_indices() {
            let r = block.source_range(i..i + c.len_utf8());
            prop_assert!(
                r.start <= r.end && r.end <= source.len(),
                "{:?} of {:?} maps to {:?}",
                c,
                block.text,
                r
            );
            prop_assert!(
                source.is_char_boundary(r.start) && source.is_char_boundary(r.end),
                "{:?} of {:?} maps into a character: {:?}",
                c,
                block.text,
                r
            );
            prop_assert!(
                r.start >= last_start,
                "{:?} of {:?} maps before the character ahead of it",
                c,
                block.text
            );
            last_start = r.start;
        }
        let whole = block.source_range(0..block.text.len());
        prop_assert!(whole.start <= whole.end && whole.end <= source.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Arbitrary Unicode, not only the pieces above.
    #[test]
    fn arbitrary_text_is_sound(source in any::<String>(), format in format()) {
        let findings = check(&source, format);
        assert_sound(&source, &findings)?;
    }

    /// The same prose in every format: findings stay sound when one document is read three ways.
    #[test]
    fn every_format_is_sound(source in document()) {
        for format in [Format::Markdown, Format::Html, Format::Text] {
            let findings = check(&source, format);
            assert_sound(&source, &findings)?;
        }
    }

    #[test]
    fn blocks_map_back_to_the_source(source in document(), format in format()) {
        assert_blocks_map_back(&source, format)?;
    }

    /// Decoding arbitrary bytes never panics; UTF-8 comes back unchanged, byte order mark
    /// included (byte offsets stay those of the file); a bad byte is reported where it is.
    #[test]
    fn decoding_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200), bom in any::<bool>()) {
        let mut bytes = bytes;
        if bom {
            bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
        }
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        match hirelint::parse::decode(&bytes) {
            Ok(text) if !utf16 => prop_assert_eq!(text.as_bytes(), &bytes[..]),
            Ok(_) => {}
            Err(hirelint::parse::DecodeError::Binary) => prop_assert!(bytes.contains(&0)),
            Err(hirelint::parse::DecodeError::InvalidUtf8 { offset, line, column }) => {
                let valid = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
                prop_assert_eq!(offset, valid);
                prop_assert!(line >= 1 && column >= 1);
            }
        }
    }

    /// Multi-byte text right around the phrases: spans never split a character.
    #[test]
    fn phrases_between_multibyte_characters(
        left in "[\u{e9}\u{130}\u{212a}\u{1f600}\u{301}\u{a0} .-]{0,4}",
        phrase in proptest::sample::select(&["rockstar", "team player", "ninja", "guru", "native speaker"][..]),
        right in "[\u{e9}\u{130}\u{212a}\u{1f600}\u{301}\u{a0} .'s-]{0,4}",
        format in format(),
    ) {
        // A word first: four spaces after the list marker would make the line code, not prose.
        let source = format!("## Requirements\n\n- Wanted:{left}{phrase}{right} and a {phrase}.\n");
        let findings = check(&source, format);
        assert_sound(&source, &findings)?;
        prop_assert!(findings.iter().any(|f| f.family() == "buzzword" || f.family() == "exclusionary"),
            "no finding in {:?}", source);
    }
}
