//! Hostile inputs: what a careers site, a scraper or an attacker can hand hirelint. Each test
//! says what must happen, and it must never be a panic, a hang or a lost byte.
//!
//! Most tests run the binary (a stack overflow or an abort then fails one test, not the whole
//! run) with a time limit, so that a hang fails instead of blocking `cargo test`. The limits are
//! generous: they are for debug builds on a busy machine. The biggest inputs are `#[ignore]`d
//! because they take minutes in a debug build, and four that take 5 to 15 s each are ignored in
//! debug builds only (so that a plain `cargo test` stays near a minute); `.ci/run` runs them
//! all in a release build, and so can you:
//!
//! ```sh
//! cargo test --release --test hostile -- --include-ignored
//! ```
//!
//! Tests ignored with `bug: …` are bugs found by fuzzing and these tests, waiting for a fix;
//! see docs/robustness.md.

mod common;
use common::data;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use hirelint::{Engine, Finding, Format, RuleSet};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Helpers

/// What a run of the binary left behind.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    took: Duration,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\nstderr: {}",
                truncate(&self.stdout),
                truncate(&self.stderr)
            )
        })
    }

    fn findings(&self) -> Vec<Value> {
        self.json()["findings"]
            .as_array()
            .expect("findings array")
            .clone()
    }

    /// The findings of one rule, as (line, column, end line, end column, matched).
    fn places(&self, rule: &str) -> Vec<(u64, u64, u64, u64, String)> {
        self.findings()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                (
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["end_line"].as_u64().unwrap(),
                    f["end_column"].as_u64().unwrap(),
                    f["matched"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// No panic, no signal: the process ended on its own with 0, 1 or 2.
    fn assert_clean(&self) {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("overflow"),
            "{}",
            truncate(&self.stderr)
        );
        assert!(
            matches!(self.status.code(), Some(0..=2)),
            "ended with {:?}; stderr: {}",
            self.status,
            truncate(&self.stderr)
        );
    }
}

fn truncate(s: &str) -> String {
    if s.len() <= 2000 {
        return s.to_string();
    }
    let mut end = 2000;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &s[..end], s.len())
}

/// Runs hirelint with `args`, killing it after `limit`. Output goes through files, so that a
/// large output cannot block the child while we wait.
fn run_with_limit(args: &[&std::ffi::OsStr], limit: Duration) -> Run {
    run_with_stdin(args, None, limit)
}

/// [`run_with_limit`], with standard input read from `stdin` (nothing when `None`).
fn run_with_stdin(args: &[&std::ffi::OsStr], stdin: Option<&Path>, limit: Duration) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("stdout");
    let err_path = dir.path().join("stderr");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(match stdin {
            Some(p) => Stdio::from(File::open(p).unwrap()),
            None => Stdio::null(),
        })
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .expect("run hirelint");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "hirelint {:?} did not finish in {limit:?}; stderr so far: {}",
                args,
                truncate(&std::fs::read_to_string(&err_path).unwrap_or_default())
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = start.elapsed();
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    Run {
        status,
        stdout: read(&out_path),
        stderr: read(&err_path),
        took,
    }
}

/// `hirelint check --format json` with the small, stable rule folder of tests/data/rules
/// (`buzzword/t-hype` flags "rockstar" and "team player").
fn check_json(paths: &[&Path], extra: &[&str], limit: Duration) -> Run {
    let rules = data("rules");
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--no-bundled".as_ref(),
        "--rules".as_ref(),
        rules.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let run = run_with_limit(&args, limit);
    eprintln!("{paths:?}: {:?}", run.took);
    run.assert_clean();
    run
}

const MINUTE: Duration = Duration::from_secs(60);

static BUNDLED: LazyLock<(RuleSet, Engine)> = LazyLock::new(|| {
    let set = RuleSet::bundled().unwrap();
    let engine = Engine::new(&set);
    (set, engine)
});

/// The bundled rules in a linter, as `check` uses them (without the command line's notes).
static LINTER: LazyLock<hirelint::Linter> = LazyLock::new(|| {
    let (set, _) = &*BUNDLED;
    hirelint::Linter::with_rules(set.clone(), Default::default(), None)
});

/// Parses and checks `source` with the bundled rules, in-process, asserting that every
/// finding points at its own bytes.
fn lint(source: &str, format: Format) -> Vec<Finding> {
    let path = match format {
        Format::Markdown => "doc.md",
        Format::Html => "doc.html",
        Format::Text => "doc.txt",
        Format::Docx | Format::Odt => unreachable!("packages are not strings"),
    };
    let findings = LINTER
        .lint(hirelint::Source::text(path, source.to_string(), format))
        .expect("text always checks")
        .findings;
    for f in &findings {
        let s = f.span.clone();
        assert!(
            s.start <= s.end && s.end <= source.len(),
            "{s:?} in {source:?}"
        );
        assert!(
            source.is_char_boundary(s.start) && source.is_char_boundary(s.end),
            "{s:?} splits a character in {source:?}"
        );
        assert_eq!(f.matched, &source[s], "in {source:?}");
        assert!(f.start <= f.end);
    }
    findings
}

fn matched_by<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a str> {
    findings
        .iter()
        .filter(|f| f.rule_id() == rule)
        .map(|f| f.matched.as_str())
        .collect()
}

/// Rule, span and matched words of each finding, for failure messages.
fn summary(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{} {:?} {:?}", f.rule_id(), f.span, f.matched))
        .collect::<Vec<_>>()
        .join("; ")
}

const HYPE: &str = "buzzword/t-hype";

// ---------------------------------------------------------------------------------------------
// Deep nesting

#[test]
fn markdown_block_quotes_nested_100_000_deep() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("quotes.md");
    std::fs::write(&f, ">".repeat(100_000) + " rockstar\n").unwrap();
    let run = check_json(&[&f], &[], 5 * MINUTE);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        run.places(HYPE),
        vec![(1, 100_002, 1, 100_010, "rockstar".into())]
    );
}

#[test]
fn markdown_lists_nested_100_000_deep() {
    let dir = tempfile::tempdir().unwrap();
    let bullets = dir.path().join("bullets.md");
    std::fs::write(&bullets, "- ".repeat(100_000) + "rockstar\n").unwrap();
    let numbered = dir.path().join("numbered.md");
    std::fs::write(&numbered, "1. ".repeat(100_000) + "rockstar\n").unwrap();
    // Nesting by indentation, as deep as a file of sensible size allows (1,000 levels,
    // 1 MB), then a quote and a list inside each other.
    let indented = dir.path().join("indented.md");
    let mut s = String::new();
    for depth in 0..1000 {
        s.push_str(&"  ".repeat(depth));
        s.push_str("- item\n");
    }
    s.push_str(&"  ".repeat(1000));
    s.push_str("- rockstar\n");
    std::fs::write(&indented, s).unwrap();
    let mixed = dir.path().join("mixed.md");
    std::fs::write(&mixed, "> - ".repeat(50_000) + "rockstar\n").unwrap();
    let run = check_json(&[&bullets, &indented, &mixed, &numbered], &[], 5 * MINUTE);
    assert_eq!(run.status.code(), Some(1));
    let by_file = |name: &str| {
        run.findings()
            .iter()
            .filter(|f| f["rule"] == HYPE && f["path"].as_str().unwrap().ends_with(name))
            .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
            .collect::<Vec<_>>()
    };
    assert_eq!(by_file("bullets.md"), vec![(1, 200_001)]);
    assert_eq!(by_file("numbered.md"), vec![(1, 300_001)]);
    assert_eq!(by_file("indented.md"), vec![(1001, 2003)]);
    assert_eq!(by_file("mixed.md"), vec![(1, 200_001)]);
}

#[test]
fn markdown_inline_nesting_100_000_deep() {
    // Emphasis, links and brackets that open and never close (or close all at once).
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let cases = [
        ("stars.md", "*".repeat(n) + "rockstar" + &"*".repeat(n)),
        ("unders.md", "_a ".repeat(n) + "rockstar"),
        (
            "brackets.md",
            "[".repeat(n) + "rockstar" + &"](x)".repeat(n),
        ),
        ("images.md", "![".repeat(n) + "rockstar"),
        (
            "backticks.md",
            "a ".to_string() + &"`".repeat(n) + " rockstar",
        ),
        ("html.md", "<div>\n".repeat(n) + "\nrockstar\n"),
    ];
    let mut paths = Vec::new();
    for (name, text) in &cases {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        paths.push(p);
    }
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let run = check_json(&refs, &[], 5 * MINUTE);
    let found: Vec<String> = run
        .findings()
        .iter()
        .filter(|f| f["rule"] == HYPE)
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            p.rsplit(['/', '\\']).next().unwrap().to_string()
        })
        .collect();
    // Markup that never closes is text: every file gives exactly one finding.
    for (name, _) in &cases {
        assert_eq!(
            found.iter().filter(|f| f == name).count(),
            1,
            "{name}: {found:?}"
        );
    }
}

#[test]
fn html_elements_nested_100_000_deep() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let closed = dir.path().join("closed.html");
    std::fs::write(
        &closed,
        "<div>".repeat(n) + "a rockstar" + &"</div>".repeat(n),
    )
    .unwrap();
    let unclosed = dir.path().join("unclosed.html");
    std::fs::write(&unclosed, "<div><p><b>".repeat(n / 3) + "a rockstar").unwrap();
    let closers = dir.path().join("closers.html");
    std::fs::write(&closers, "</div>".repeat(n) + "a rockstar").unwrap();
    let hidden = dir.path().join("hidden.html");
    std::fs::write(
        &hidden,
        "<div hidden>".repeat(n) + "rockstar" + &"</div>".repeat(n) + "<p>team player</p>",
    )
    .unwrap();
    let run = check_json(&[&closed, &unclosed, &closers, &hidden], &[], 5 * MINUTE);
    let by_file = |name: &str| {
        run.findings()
            .iter()
            .filter(|f| f["rule"] == HYPE && f["path"].as_str().unwrap().ends_with(name))
            .map(|f| f["matched"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(by_file("/closed.html"), vec!["rockstar"]);
    assert_eq!(by_file("/unclosed.html"), vec!["rockstar"]);
    assert_eq!(by_file("/closers.html"), vec!["rockstar"]);
    // Hidden all the way down: only the visible paragraph after it counts.
    assert_eq!(by_file("/hidden.html"), vec!["team player"]);
}

// ---------------------------------------------------------------------------------------------
// Size

#[test]
fn a_hundred_thousand_list_items() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.md");
    std::fs::write(&f, "- item\n".repeat(100_000) + "- rockstar\n").unwrap();
    let run = check_json(&[&f], &[], 2 * MINUTE);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        run.places(HYPE),
        vec![(100_001, 3, 100_001, 11, "rockstar".into())]
    );
}

#[test]
#[ignore = "slow in debug builds (about a minute): run with --release -- --include-ignored"]
fn a_million_list_items() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("million.md");
    std::fs::write(&f, "- item\n".repeat(1_000_000) + "- rockstar\n").unwrap();
    let run = check_json(&[&f], &[], 10 * MINUTE);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        run.places(HYPE),
        vec![(1_000_001, 3, 1_000_001, 11, "rockstar".into())]
    );
}

/// One line of `size` bytes in Markdown and in plain text, with the word at its very end.
fn single_line(size: usize, limit: Duration) {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("line.txt");
    std::fs::write(&text, "word ".repeat(size / 5) + "rockstar\n").unwrap();
    let md = dir.path().join("line.md");
    std::fs::write(&md, "x".repeat(size) + " rockstar").unwrap();
    let run = check_json(&[&md, &text], &[], limit);
    assert_eq!(run.status.code(), Some(1));
    let col = size as u64;
    assert_eq!(
        run.places(HYPE),
        vec![
            (1, col + 2, 1, col + 10, "rockstar".into()),
            (1, col + 1, 1, col + 9, "rockstar".into()),
        ]
    );
}

#[test]
fn a_2_mb_single_line() {
    single_line(2_000_000, 2 * MINUTE);
}

#[test]
#[ignore = "slow in debug builds (about two minutes): run with --release -- --include-ignored"]
fn a_20_mb_single_line() {
    single_line(20_000_000, 10 * MINUTE);
}

/// A realistic job ad repeated to 50 MB (under the default limit of 64 MiB): checked, with
/// one finding per copy (270,000 of them).
#[test]
#[ignore = "slow in debug builds (minutes): run with --release -- --include-ignored"]
fn a_50_mb_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.md");
    let copy = "## Requirements\n\n\
                - You will plan the weekly rota, answer calls from customers and keep the stock \
                records up to date.\n\
                - We want a team player who can work in a fast-paced environment.\n\n\
                We pay \u{a3}30,000 a year. Ask us for any adjustments you need.\n\n";
    let copies = 50_000_000 / copy.len() + 1;
    std::fs::write(&f, copy.repeat(copies)).unwrap();
    let run = check_json(&[&f], &[], 20 * MINUTE);
    assert_eq!(run.status.code(), Some(1));
    let places = run.places(HYPE);
    assert_eq!(places.len(), copies);
    assert_eq!(places[0], (4, 13, 4, 24, "team player".into()));
    let last_line = 7 * (copies as u64 - 1) + 4;
    assert_eq!(
        places[copies - 1],
        (last_line, 13, last_line, 24, "team player".into())
    );
}

#[test]
fn files_over_max_file_size_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.md");
    // Sparse: 50 MB on disk costs nothing to make; it must never be read.
    let file = File::create(&big).unwrap();
    file.set_len(50_000_000).unwrap();
    let small = dir.path().join("small.md");
    std::fs::write(&small, "A rockstar.\n").unwrap();
    let run = check_json(&[&big, &small], &["--max-file-size", "1000000"], MINUTE);
    assert!(run.stderr.contains("big.md"), "{}", run.stderr);
    assert!(run.stderr.contains("over the limit"), "{}", run.stderr);
    assert_eq!(run.places(HYPE).len(), 1);
    assert_eq!(run.status.code(), Some(1));
    // Under the default limit (64 MiB) the same sparse file is read: all NUL bytes, so it is
    // skipped as binary, not parsed.
    let run = check_json(&[&big], &[], 5 * MINUTE);
    assert!(run.stderr.contains("binary"), "{}", run.stderr);
    assert_eq!(run.status.code(), Some(0));
}

/// Standard input is a file like the others: over `--max-file-size` it is skipped with a note
/// (and is read only up to the limit, so `hirelint check - < /dev/zero` ends).
#[test]
fn standard_input_over_max_file_size() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::write(&input, "word ".repeat(600_000) + "rockstar\n").unwrap();
    let rules = data("rules");
    let args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--no-bundled".as_ref(),
        "--rules".as_ref(),
        rules.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--max-file-size".as_ref(),
        "1000000".as_ref(),
        "--stdin-filename".as_ref(),
        "ad.md".as_ref(),
        "-".as_ref(),
    ];
    let run = run_with_stdin(&args, Some(&input), MINUTE);
    run.assert_clean();
    assert!(run.stderr.contains("over the limit"), "{}", run.stderr);
    assert!(run.findings().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Broken markup

#[test]
fn broken_html_and_entities() {
    let cases: &[(&str, &[&str])] = &[
        ("<p>rockstar", &["rockstar"]),
        ("<p>rock&#xZZ;star &amp rockstar</p <b", &["rockstar"]),
        ("<b attr=\"unclosed rockstar", &[]),
        ("<b attr='x' rockstar>ninja</b>", &["ninja"]),
        ("<script>rockstar", &[]),
        ("<style>rockstar</STYLE>rockstar", &["rockstar"]),
        ("<textarea><p>rockstar</p>", &[]),
        ("<!-- rockstar", &[]),
        ("<!-- rockstar -- > still a comment", &[]),
        ("<![CDATA[rockstar", &[]),
        ("<!doctype rockstar", &[]),
        ("<? rockstar", &[]),
        ("< p>rockstar</ p>", &["rockstar"]),
        ("<<<>>>rockstar<<<", &["rockstar"]),
        ("</>rockstar", &["rockstar"]),
        ("<p/rockstar>ninja", &["ninja"]),
        ("rock&shy;star", &[]),
        // Inline elements do not split a word, as in a browser.
        ("rock<b></b>star", &["rock<b></b>star"]),
        ("&#x72;ockstar", &["&#x72;ockstar"]),
        (
            "&#114;ockstar and &#X52;OCKSTAR",
            &["&#114;ockstar", "&#X52;OCKSTAR"],
        ),
        (
            "&#0; &#x110000; &#xD800; &#99999999999; &#; &#x; rockstar",
            &["rockstar"],
        ),
        ("&amp;&amp;&ampamp;&;&#;&#x;& rockstar &", &["rockstar"]),
        ("&nbsp&nbsp;rockstar&nbsp", &["rockstar"]),
        ("a&NotNestedGreaterGreater;rockstar", &["rockstar"]),
        // Template tags are not prose; an unclosed `{{` is not a tag.
        (
            "{{ rockstar }} {% if %} {{ unclosed rockstar",
            &["rockstar"],
        ),
        ("<div hidden>rockstar<div>ninja</div></div>guru", &["guru"]),
        ("<main>ninja</main><p>rockstar</p>", &["ninja"]),
        ("<svg><p>rockstar</p></svg>ninja", &["ninja"]),
    ];
    for (html, expected) in cases {
        let findings = lint(html, Format::Html);
        let got = matched_by(&findings, "buzzword/hype-titles");
        assert_eq!(&got, expected, "in {html:?}: {}", summary(&findings));
    }
}

#[test]
fn broken_markdown() {
    let cases: &[(&str, &[&str])] = &[
        ("```\nrockstar", &[]),
        ("~~~\nrockstar\n```", &[]),
        ("[rockstar](", &["rockstar"]),
        ("[a]: <rockstar", &["rockstar"]),
        ("[a]: <rockstar>\n\nninja", &["ninja"]),
        ("---\nkind: job-ad\nrockstar", &["rockstar"]),
        ("+++\nkind = \"\nrockstar\n+++\nninja", &["ninja"]),
        ("<!-- rockstar\n\nninja", &[]),
        ("<div>\nrockstar\n\nninja", &["rockstar", "ninja"]),
        ("| rockstar |\n|---|\n| ninja", &["rockstar", "ninja"]),
        ("\\", &[]),
        ("rock\\star", &[]),
        ("rock&shy;star", &[]),
        ("&#114;ockstar", &["&#114;ockstar"]),
        ("\u{feff}\u{feff}rockstar", &["rockstar"]),
        ("\r\r\rrockstar\r", &["rockstar"]),
        ("[^1]: rockstar\n[^1]: ninja", &["rockstar", "ninja"]),
    ];
    for (md, expected) in cases {
        let findings = lint(md, Format::Markdown);
        let got = matched_by(&findings, "buzzword/hype-titles");
        assert_eq!(&got, expected, "in {md:?}: {}", summary(&findings));
    }
}

/// Found by the property tests (at b40ffdf), fixed in 3cfbdbe: an unclosed `<!--` whose last
/// three bytes split a character panicked in `html::Scanner::markup`, which took the comment
/// text as `src[i + 4..end - 3]`, assuming a closing `-->` that was not there.
#[test]
fn unclosed_comment_before_multibyte() {
    for source in [
        "<!--\u{212a}\u{e9}",
        "<!--ab\u{e9}",
        "<!--\u{1f600}",
        "a\n\n<!--x\u{e9}",
        "<!--",
        "<!---",
        "<!---->",
        "<!--->",
    ] {
        for format in [Format::Html, Format::Markdown] {
            lint(source, format);
        }
    }
}

/// Found by the `html` fuzz target (at f97bc12): after a stray `=` with a quoted value and no
/// attribute name (`<p ="x"£>`), the tag scanner stepped one byte further, into the middle of
/// the next character, and panicked slicing the next attribute name.
#[test]
fn attribute_value_without_a_name_before_multibyte() {
    for source in [
        "<p =\"x\"\u{a3}>We want a rockstar.</p>",
        "<p ='x'\u{e9}\u{e9}>We want a rockstar.</p>",
        "<p =x \u{1f600}>We want a rockstar.</p>",
        "<p ==\"\"\u{a3}=>We want a rockstar.</p>",
        "<p =\"x\"\u{a3}",
    ] {
        let findings = lint(source, Format::Html);
        if source.contains("</p>") {
            assert_eq!(
                matched_by(&findings, "buzzword/hype-titles"),
                ["rockstar"],
                "in {source:?}"
            );
        }
        lint(source, Format::Markdown);
    }
}

// ---------------------------------------------------------------------------------------------
// Rule files

fn write_rule(dir: &Path, rel: &str, patterns: &[&str], flag: &str, pass: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    let quoted: Vec<String> = patterns.iter().map(|p| format!("'{p}'")).collect();
    std::fs::write(
        p,
        format!(
            "kind = \"pattern\"\nseverity = \"warning\"\nmessage = \"m\"\nwhy = \"w\"\n\
             suggest = [\"s\"]\nsource = \"s\"\npatterns = [{}]\n\
             [examples]\nflag = [\"{flag}\"]\npass = [\"{pass}\"]\n",
            quoted.join(", ")
        ),
    )
    .unwrap();
}

/// Patterns that take exponential time in backtracking engines run in linear time here (the
/// regex crate has no backtracking): a 100,000-character near-miss finishes at once.
#[test]
fn catastrophic_looking_regexes_finish() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    write_rule(&rules, "buzzword/nested.toml", &["(a+)+$"], "aaa", "b");
    write_rule(
        &rules,
        "buzzword/alt.toml",
        &["(a|aa)+b", "(x+x+)+y"],
        "aab",
        "c",
    );
    write_rule(
        &rules,
        "buzzword/dots.toml",
        &["(.*a){12}z"],
        "aaaaaaaaaaaaz",
        "c",
    );
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    // Near misses: the classic inputs that make backtracking engines explode.
    std::fs::write(docs.join("a.txt"), "a".repeat(100_000) + "!\n").unwrap();
    std::fs::write(docs.join("x.txt"), "x".repeat(100_000) + "\n").unwrap();
    // And a match, so we know the rules are in force.
    std::fs::write(docs.join("match.txt"), "a".repeat(1000) + "\n").unwrap();
    let args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--no-bundled".as_ref(),
        "--rules".as_ref(),
        rules.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        docs.as_os_str(),
    ];
    let run = run_with_limit(&args, 3 * MINUTE);
    run.assert_clean();
    let found: Vec<(String, String)> = run
        .findings()
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            (
                f["rule"].as_str().unwrap().to_string(),
                p.rsplit(['/', '\\']).next().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&("buzzword/nested".into(), "match.txt".into())),
        "{found:?}"
    );
    assert!(!found.iter().any(|(_, f)| f == "x.txt"), "{found:?}");
    assert_eq!(run.status.code(), Some(1));
}

/// A pattern whose compiled form is too big is a load error naming the file, not a hang or
/// an out-of-memory.
#[test]
fn huge_regexes_are_load_errors() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    write_rule(&rules, "buzzword/huge.toml", &[r"\w{1000}{1000}"], "a", "b");
    let doc = dir.path().join("a.md");
    std::fs::write(&doc, "A rockstar.\n").unwrap();
    let args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--rules".as_ref(),
        rules.as_os_str(),
        doc.as_os_str(),
    ];
    let run = run_with_limit(&args, MINUTE);
    run.assert_clean();
    assert_eq!(run.status.code(), Some(2));
    assert!(run.stderr.contains("huge.toml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("bad regular expression"),
        "{}",
        run.stderr
    );
}

/// Patterns that each pass the per-pattern size limit but together exceed the limit of the
/// engine's `RegexSet` must not switch off every pattern rule in silence: either the run stops
/// with an error naming the limit, or every pattern still matches.
#[test]
fn many_big_patterns_do_not_switch_off_pattern_rules() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    write_rule(
        &rules,
        "buzzword/a-plain.toml",
        &["rockstar"],
        "rockstar",
        "b",
    );
    for i in 0..30 {
        // Each compiles to under 4 MiB, so each rule file loads.
        let pattern = format!(r"\w{{60}}z{i}");
        write_rule(
            &rules,
            &format!("buzzword/big-{i:02}.toml"),
            &[&pattern],
            "a",
            "b",
        );
    }
    let doc = dir.path().join("a.md");
    std::fs::write(&doc, "A rockstar.\n").unwrap();
    let args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--no-bundled".as_ref(),
        "--rules".as_ref(),
        rules.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        doc.as_os_str(),
    ];
    let run = run_with_limit(&args, 2 * MINUTE);
    run.assert_clean();
    if run.status.code() == Some(2) {
        assert!(run.stderr.contains("limit"), "{}", run.stderr);
    } else {
        assert_eq!(run.places("buzzword/a-plain").len(), 1, "{}", run.stderr);
    }
}

// ---------------------------------------------------------------------------------------------
// The file system

/// A file name that is not UTF-8 (possible on Unix) is still checked; the path is shown with
/// U+FFFD in place of the bad bytes.
#[cfg(unix)]
#[test]
fn non_utf8_file_names() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"job-\xff\xfe-ad.md");
    let f = dir.path().join(name);
    if std::fs::write(&f, "A rockstar.\n").is_err() {
        return; // A file system that refuses such names: nothing to test.
    }
    let sub = dir.path().join(OsStr::from_bytes(b"dir-\xe9"));
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("b.md"), "A team player.\n").unwrap();
    // Given directly, and found by walking the folder.
    for target in [&f, &dir.path().to_path_buf()] {
        let run = check_json(&[target], &[], MINUTE);
        assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
        let paths: Vec<String> = run
            .findings()
            .iter()
            .filter(|f| f["rule"] == HYPE)
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        assert!(
            paths
                .iter()
                .any(|p| p.ends_with("job-\u{fffd}\u{fffd}-ad.md")),
            "{paths:?}"
        );
        if target == &dir.path().to_path_buf() {
            assert!(
                paths.iter().any(|p| p.contains("dir-\u{fffd}")),
                "{paths:?}"
            );
        }
    }
    // The human format too.
    let args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--no-bundled".as_ref(),
        "--rules".as_ref(),
        data("rules").into_os_string().leak(),
        f.as_os_str(),
    ];
    let run = run_with_limit(&args, MINUTE);
    run.assert_clean();
    assert!(run.stdout.contains("-ad.md:1:3"), "{}", run.stdout);
}

/// A folder named like a document is a folder: walked, never read as a file.
#[test]
fn folders_named_like_documents() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("x.md");
    std::fs::create_dir_all(d.join("y.html")).unwrap();
    std::fs::write(d.join("inner.md"), "A rockstar.\n").unwrap();
    std::fs::write(d.join("y.html").join("deep.txt"), "A team player.\n").unwrap();
    for target in [dir.path(), d.as_path()] {
        let run = check_json(&[target], &[], MINUTE);
        assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
        assert!(!run.stderr.contains("error"), "{}", run.stderr);
        let mut names: Vec<String> = run
            .findings()
            .iter()
            .map(|f| {
                let p = f["path"].as_str().unwrap();
                p.rsplit(['/', '\\']).next().unwrap().to_string()
            })
            .collect();
        names.sort();
        assert_eq!(names, vec!["deep.txt", "inner.md"]);
    }
}

/// Symbolic link loops end in an error for that path (given directly) or are not followed
/// (inside a folder); the other files are still checked.
#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("real.md"), "A rockstar.\n").unwrap();
    symlink(d.join("self.md"), d.join("self.md")).unwrap();
    symlink(d.join("b.md"), d.join("a.md")).unwrap();
    symlink(d.join("a.md"), d.join("b.md")).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    symlink(d, d.join("sub").join("up")).unwrap();
    symlink("..", d.join("sub").join("parent.md")).unwrap();

    // The folder: links are not followed, so no loop; the real file is found once.
    let run = check_json(&[d], &[], MINUTE);
    assert_eq!(run.places(HYPE).len(), 1, "{}", run.stderr);

    // Loops given directly: an error each (exit 2), and the real file is still checked.
    let run = check_json(
        &[&d.join("self.md"), &d.join("a.md"), &d.join("real.md")],
        &[],
        MINUTE,
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(run.stderr.contains("self.md"), "{}", run.stderr);
    assert!(run.stderr.contains("a.md"), "{}", run.stderr);
    assert_eq!(run.places(HYPE).len(), 1);

    // A link to an ancestor folder, given directly: walked once, not forever.
    let run = check_json(&[&d.join("sub").join("up")], &[], MINUTE);
    assert_eq!(run.places(HYPE).len(), 1, "{}", run.stderr);
}

/// Devices are not documents: skipped with a note, never read (reading /dev/zero would not end).
#[cfg(unix)]
#[test]
fn devices_are_skipped() {
    let run = check_json(
        &[Path::new("/dev/zero"), Path::new("/dev/null")],
        &[],
        MINUTE,
    );
    assert_eq!(run.status.code(), Some(0));
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    assert!(run.findings().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Odd but valid text

#[test]
fn odd_text_in_every_format() {
    let cases = [
        "",
        "\u{feff}",
        "\u{feff}\u{feff}",
        "\r",
        "\r\n",
        "\n\n\n",
        "\0",
        "\u{0}rockstar",
        "rockstar\u{0}",
        "\u{2028}rockstar\u{2029}",
        "\u{202e}rockstar\u{202c}",
        "r\u{301}ockstar rockstar\u{301}",
        "\u{212a}\u{130}rockstar\u{130}\u{212a}",
        "ROCK\u{17f}TAR rock\u{17f}tar",
        "\u{1f600}rockstar\u{1f600}",
        "\u{e000}\u{10ffff}\u{fffd}",
        " \t \u{a0}\u{3000} ",
        "a\u{0}\u{1}\u{7f}b rockstar",
    ];
    for source in cases {
        for format in [Format::Markdown, Format::Html, Format::Text] {
            lint(source, format);
        }
    }
    // A NUL byte after the first 8 KiB passes the binary sniffing: it is text.
    let late_nul = "a ".repeat(5000) + "\0 rockstar";
    let findings = lint(&late_nul, Format::Text);
    assert_eq!(
        matched_by(&findings, "buzzword/hype-titles"),
        vec!["rockstar"]
    );
}

/// UTF-16 with a byte order mark is decoded, however broken: an odd byte count, lone
/// surrogates and NUL characters become text (U+FFFD for what cannot be decoded), never a panic.
#[test]
fn broken_utf16() {
    let mut cases: Vec<Vec<u8>> = Vec::new();
    let le = |s: &str| -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            v.extend(u.to_le_bytes());
        }
        v
    };
    cases.push(le("A rockstar."));
    let mut odd = le("A rockstar.");
    odd.push(0x41);
    cases.push(odd);
    let mut lone = le("A ");
    lone.extend([0x00, 0xD8]); // a high surrogate with nothing after it
    lone.extend(le("rockstar.")[2..].iter());
    cases.push(lone);
    cases.push(vec![0xFE, 0xFF, 0x00]);
    cases.push(vec![0xFF, 0xFE]);
    cases.push([vec![0xFF, 0xFE], vec![0; 100]].concat());
    for bytes in &cases {
        let text = hirelint::parse::decode(bytes).expect("UTF-16 always decodes");
        for format in [Format::Markdown, Format::Html, Format::Text] {
            lint(&text, format);
        }
    }
    let text = hirelint::parse::decode(&cases[2]).unwrap();
    assert_eq!(text, "A \u{fffd}rockstar.");
}

// ---------------------------------------------------------------------------------------------
// Time: inputs that are small but take long. Time must grow linearly with the input; the
// limits are for debug builds on a busy machine.

/// Many matches in one long sentence: the negation check looks back only a few words, not
/// to the start of the sentence (it did until 3cfbdbe: 20,000 matches took over 5 minutes).
#[test]
fn many_matches_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.md");
    std::fs::write(&f, "rockstar ".repeat(10_000) + "\n").unwrap();
    let run = check_json(&[&f], &[], 2 * MINUTE);
    assert_eq!(run.places(HYPE).len(), 10_000);
}

/// Many sentences with a match each, in one paragraph.
#[test]
fn many_sentences_in_one_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.md");
    std::fs::write(&f, "A rockstar. ".repeat(10_000) + "\n").unwrap();
    let run = check_json(&[&f], &[], 2 * MINUTE);
    assert_eq!(run.places(HYPE).len(), 10_000);
}

/// Inline elements that never close, each followed by a block end, and end tags that match
/// nothing: the HTML scanner keeps the kind of the current block instead of searching the
/// open elements (it searched them until 3cfbdbe: 40,000 `<span>x</p>` took 24 s in release).
#[test]
fn unclosed_inline_elements_with_many_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.html");
    std::fs::write(&a, "<span>x</p>".repeat(100_000) + "rockstar").unwrap();
    let b = dir.path().join("b.html");
    std::fs::write(
        &b,
        "<span>".repeat(100_000) + &"</x>".repeat(100_000) + "rockstar",
    )
    .unwrap();
    let run = check_json(&[&a, &b], &[], 2 * MINUTE);
    assert_eq!(run.places(HYPE).len(), 2);
}

/// Many findings on one long line, in the human format (snippets are cut around the finding
/// since 3cfbdbe; before, every snippet measured the whole line).
#[test]
fn many_findings_on_one_line_in_human_format() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.md");
    std::fs::write(&f, "A rockstar. ".repeat(5_000) + "\n").unwrap();
    let rules = data("rules");
    let args: Vec<&std::ffi::OsStr> = vec![
        "check".as_ref(),
        "--no-bundled".as_ref(),
        "--rules".as_ref(),
        rules.as_os_str(),
        f.as_os_str(),
    ];
    let run = run_with_limit(&args, 2 * MINUTE);
    run.assert_clean();
    assert_eq!(run.stdout.matches("rockstar' is vague").count(), 5_000);
}

/// Many matches of one rule in one document, one per list item (2.2 MB). Each match is
/// tested against every hit of its rule for exceptions, so time grows with the square of the
/// matches: 50,000 items take 5 s in release, 100,000 take 25 s, 200,000 take 166 s.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in debug builds (5 to 15 s): run with --release"
)]
fn many_matches_of_one_rule() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.md");
    std::fs::write(&f, "- rockstar\n".repeat(200_000)).unwrap();
    let run = check_json(&[&f], &[], 2 * MINUTE);
    assert_eq!(run.places(HYPE).len(), 200_000);
}

/// Many matches of a conditional rule: each is tested against every hit of the rule for
/// evidence. 50,000 `- driving licence` lines (900 KB) take 52 s in release, 100,000 take
/// 324 s.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in debug builds (5 to 15 s): run with --release"
)]
fn many_matches_of_a_conditional_rule() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.md");
    std::fs::write(
        &f,
        "## Requirements\n\n".to_string() + &"- driving licence\n".repeat(100_000),
    )
    .unwrap();
    let run = check_json(&[&f], &[], 2 * MINUTE);
    assert_eq!(run.places("scope/t-driving").len(), 100_000);
}

/// Many sentences in one paragraph, each with a match: finding the sentence of a match walks
/// the sentences of its block from the start. 80,000 `A rockstar. ` (960 KB, one paragraph)
/// take 29 s in release.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in debug builds (5 to 15 s): run with --release"
)]
fn very_many_sentences_in_one_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.md");
    std::fs::write(&f, "A rockstar. ".repeat(80_000) + "\n").unwrap();
    let run = check_json(&[&f], &[], 2 * MINUTE);
    assert_eq!(run.places(HYPE).len(), 80_000);
}

// ---------------------------------------------------------------------------------------------
// Attacks from a pull request (issue 14): file names, documents and rule files written by
// someone the repository does not control.

/// Every line a CI runner would read as a workflow command (`::name …::…`, after leading
/// blanks; .NET splits lines at `\n`, `\r` and `\r\n`), on either stream, must be one that
/// hirelint wrote on purpose: an annotation of the github format on standard output.
fn assert_no_forged_commands(run: &Run, github: bool) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        for line in text.split(['\n', '\r']) {
            let t = line.trim();
            if !t.starts_with("::") {
                continue;
            }
            let ours = github
                && stream == "stdout"
                && ["::warning file=", "::error file=", "::notice file="]
                    .iter()
                    .any(|p| t.starts_with(p));
            assert!(
                ours,
                "forged command on {stream}: {line:?}\n{}",
                truncate(text)
            );
        }
        assert!(
            !text.contains('\u{1b}'),
            "a raw escape character on {stream}: {}",
            truncate(text)
        );
    }
}

/// A file named `a⏎::error::x⏎.md` (with an escape sequence), another holding a NUL byte
/// (skipped as binary), and a document with a lone CR and `::error::` in its text: in every
/// format, and with --diff and --fix, no line on stdout or stderr is a workflow command the
/// runner would obey, and no escape sequence reaches the terminal. Before: the `note:` line
/// on stderr printed the name raw, stopping every later annotation (`::stop-commands::`).
#[cfg(unix)]
#[test]
fn hostile_names_never_reach_the_runner_or_the_terminal_raw() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let named = |b: &[u8]| d.join(OsStr::from_bytes(b));
    std::fs::write(named(b"a\n::error::forged\x1b[31m.md"), "A rockstar.\n").unwrap();
    std::fs::write(named(b"s\n::stop-commands::x\n.md"), "s\0").unwrap();
    std::fs::write(
        named(b"c\r::warning::cr.md"),
        "We want a rockstar.\r::error::boom\x1b[31m red\n::error::line\n",
    )
    .unwrap();
    let rules = data("rules");
    for format in [
        "human",
        "github",
        "json",
        "jsonl",
        "sarif",
        "junit",
        "checkstyle",
        "html",
    ] {
        for extra in [&[][..], &["--diff"][..]] {
            let mut args: Vec<&OsStr> = vec![
                "check".as_ref(),
                "--no-bundled".as_ref(),
                "--rules".as_ref(),
                rules.as_os_str(),
                "--format".as_ref(),
                format.as_ref(),
            ];
            args.extend(extra.iter().map(OsStr::new));
            args.push(d.as_os_str());
            let run = run_with_limit(&args, MINUTE);
            run.assert_clean();
            assert!(
                run.stderr.contains("stop-commands"),
                "{format}: the skipped file is still named: {}",
                run.stderr
            );
            assert_no_forged_commands(&run, format == "github");
        }
    }
    // --fix writes the files and says so on stderr.
    let run = run_with_limit(
        &[
            "check".as_ref(),
            "--no-bundled".as_ref(),
            "--rules".as_ref(),
            rules.as_os_str(),
            "--fix".as_ref(),
            d.as_os_str(),
        ],
        MINUTE,
    );
    run.assert_clean();
    assert!(run.stderr.contains("fixed:"), "{}", run.stderr);
    assert_no_forged_commands(&run, false);
}

/// Runs hirelint in `dir` with the test rules (`rockstar` has the safe fix "skilled person"),
/// standard input from `stdin`.
fn run_in(dir: &Path, args: &[&std::ffi::OsStr], stdin: &[u8]) -> Run {
    use std::io::Write;
    let rules = data("rules");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(["check", "--no-config", "--no-bundled", "--rules"])
        .arg(&rules)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    let run = Run {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: start.elapsed(),
    };
    run.assert_clean();
    run
}

/// `--fix` never writes through a symbolic link, to a file or to a folder on the way: the
/// rename would have replaced the link with a copy of its target (a private file from outside
/// the repository landing inside it). Exit 2, both left as they were.
#[cfg(unix)]
#[test]
fn fix_never_writes_through_a_symlink() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "A rockstar key.\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let repo = tempfile::tempdir().unwrap();
    let r = repo.path();
    symlink(&secret, r.join("link.md")).unwrap();
    symlink(outside.path(), r.join("linked")).unwrap();
    for target in ["link.md", "linked/secret.md"] {
        let run = run_in(r, &["--fix".as_ref(), target.as_ref()], b"");
        assert_eq!(run.status.code(), Some(2), "{target}: {}", run.stderr);
        assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
        assert!(
            std::fs::symlink_metadata(r.join("link.md"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&secret).unwrap(),
            "A rockstar key.\n"
        );
    }
}

/// `--fix` with standard input would write the fixed text of standard input over the file
/// named by `--stdin-filename`: refused before anything is read (exit 2).
#[test]
fn fix_never_writes_standard_input_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.md");
    std::fs::write(&victim, "keep me\n").unwrap();
    let run = run_in(
        dir.path(),
        &[
            "--fix".as_ref(),
            "--stdin-filename".as_ref(),
            "victim.md".as_ref(),
            "-".as_ref(),
        ],
        b"A rockstar.\n",
    );
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("standard input"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n");
}

/// A file whose name is not UTF-8 is fixed under its own name; the file named like its display
/// name (with U+FFFD) is a different file and is left alone.
#[cfg(unix)]
#[test]
fn fix_writes_the_file_by_its_real_name() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let real = d.join(OsStr::from_bytes(b"job-\xff.md"));
    if std::fs::write(&real, "A rockstar.\n").is_err() {
        return;
    }
    let shown = d.join("job-\u{fffd}.md");
    std::fs::write(&shown, "Another file.\n").unwrap();
    let run = run_in(d, &["--fix".as_ref(), ".".as_ref()], b"");
    assert!(run.stderr.contains("fixed:"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "A skilled person.\n"
    );
    assert_eq!(std::fs::read_to_string(&shown).unwrap(), "Another file.\n");
}

/// `--fix` keeps the owner, the group and the mode; a read-only file is refused in plain words
/// (not "cannot be read") with exit 2; temporary files left by a killed run are removed.
#[cfg(unix)]
#[test]
fn fix_keeps_owner_and_mode_refuses_read_only_and_cleans_up() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let f = d.join("ad.md");
    // Read-only: refused, exit 2, unchanged.
    std::fs::write(&f, "A rockstar.\n").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = run_in(d, &["--fix".as_ref(), "ad.md".as_ref()], b"");
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert!(!run.stderr.contains("cannot be read"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "A rockstar.\n");
    // Owner, group and mode kept (as root: another user's file is given back to its owner;
    // as anyone else: another user's file cannot be made here, so only the mode is checked).
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    let root = std::fs::metadata(d).unwrap().uid() == 0;
    if root {
        std::os::unix::fs::chown(&f, Some(4321), Some(4321)).unwrap();
    }
    let before = std::fs::metadata(&f).unwrap();
    // A temporary file left an hour ago by a killed run, and one being written right now.
    let stale = d.join(".hirelint-abc123.tmp");
    let fresh = d.join(".hirelint-def456.tmp");
    std::fs::write(&stale, "x").unwrap();
    std::fs::write(&fresh, "x").unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let run = run_in(d, &["--fix".as_ref(), "ad.md".as_ref()], b"");
    assert!(run.stderr.contains("fixed:"), "{}", run.stderr);
    let after = std::fs::metadata(&f).unwrap();
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "A skilled person.\n");
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert!(!stale.exists(), "the stale temporary file is removed");
    assert!(
        fresh.exists(),
        "a recent one may belong to a running hirelint"
    );
}

/// The small files hirelint itself reads (rule files, the configuration, the baseline, a
/// JSON Lines dump) are regular files with a size limit: one linked to /dev/zero grew memory
/// by about 1 GB a second, forever. Now each is an error naming it, at once.
#[cfg(unix)]
#[test]
fn inputs_linked_to_devices_or_too_big_are_refused() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ad.md"), "A rockstar.\n").unwrap();
    let zero_rules = d.join("zero-rules");
    std::fs::create_dir_all(zero_rules.join("buzzword")).unwrap();
    symlink("/dev/zero", zero_rules.join("buzzword/zero.toml")).unwrap();
    let big_rules = d.join("big-rules");
    std::fs::create_dir_all(big_rules.join("buzzword")).unwrap();
    std::fs::write(
        big_rules.join("buzzword/big.toml"),
        format!("# {}\n", "x".repeat(2 << 20)),
    )
    .unwrap();
    symlink("/dev/zero", d.join("zero.json")).unwrap();
    symlink("/dev/zero", d.join("zero.toml")).unwrap();
    let ad = d.join("ad.md");
    let cases: Vec<(Vec<&std::ffi::OsStr>, &str)> = vec![
        (
            vec!["--rules".as_ref(), zero_rules.as_os_str()],
            "not a regular file",
        ),
        (
            vec!["--rules".as_ref(), big_rules.as_os_str()],
            "over the limit",
        ),
        (
            vec![
                "--baseline".as_ref(),
                d.join("zero.json").into_os_string().leak(),
            ],
            "not a regular file",
        ),
        (
            vec![
                "--allow-outside-root".as_ref(),
                "--config".as_ref(),
                d.join("zero.toml").into_os_string().leak(),
            ],
            "not a regular file",
        ),
        (
            vec!["--jsonl".as_ref(), "/dev/zero".as_ref()],
            "not a regular file",
        ),
    ];
    for (extra, expected) in cases {
        let mut args: Vec<&std::ffi::OsStr> = vec!["check".as_ref()];
        args.extend(extra.iter().copied());
        args.push(ad.as_os_str());
        let run = run_with_limit(&args, Duration::from_secs(20));
        run.assert_clean();
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
}

/// A configuration in the repository may not send hirelint outside it: rule folders that are
/// absolute, climb with `..` or lead out through a link, and a configuration that is itself a
/// link to a file outside, are errors unless --allow-outside-root is given.
#[cfg(unix)]
#[test]
fn configuration_stays_inside_the_repository() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let o = outside.path();
    std::fs::create_dir_all(o.join("rules/buzzword")).unwrap();
    std::fs::copy(
        data("rules/buzzword/t-hype.toml"),
        o.join("rules/buzzword/t-hype.toml"),
    )
    .unwrap();
    std::fs::write(o.join("secret.toml"), "TOKEN = \"s3cret\"\n").unwrap();
    let repo = tempfile::tempdir().unwrap();
    let r = repo.path().join("repo");
    std::fs::create_dir_all(r.join(".git")).unwrap();
    std::fs::create_dir_all(r.join("jobs")).unwrap();
    std::fs::write(r.join("jobs/ad.md"), "A rockstar.\n").unwrap();
    symlink(o.join("rules"), r.join("linked-rules")).unwrap();
    let rel = format!(
        "../{}",
        "../".repeat(8) + o.strip_prefix("/").unwrap().to_str().unwrap()
    );
    for folder in [
        o.join("rules").display().to_string(),
        format!("{rel}/rules"),
        "linked-rules".to_string(),
    ] {
        std::fs::write(
            r.join("hirelint.toml"),
            format!("rule-folders = [{:?}]\n", folder),
        )
        .unwrap();
        let check = |extra: &[&str]| {
            let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
                .current_dir(&r)
                .args(["check", "--no-bundled", "--format", "json"])
                .args(extra)
                .arg("jobs/ad.md")
                .output()
                .unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        };
        let (code, err) = check(&[]);
        assert_eq!(code, Some(2), "{folder}: {err}");
        assert!(err.contains("outside the repository"), "{folder}: {err}");
        let (code, err) = check(&["--allow-outside-root"]);
        assert_eq!(code, Some(1), "{folder}: {err}");
    }
    // A configuration that is a link to a file outside: its contents never reach the log.
    std::fs::remove_file(r.join("hirelint.toml")).unwrap();
    symlink(o.join("secret.toml"), r.join(".hirelint.toml")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .current_dir(&r)
        .args(["check", "jobs/ad.md"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("outside the repository"), "{err}");
    assert!(!err.contains("TOKEN"), "{err}");
}

/// JSON Lines: a line over --max-file-size is an error for that line and is never kept whole
/// (before: read whole, whatever its size); the next line is still checked. Of many malformed
/// lines only the first hundred are named, then a count.
#[test]
fn json_lines_are_capped_per_line_and_errors_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.jsonl");
    let mut text = format!(
        "{{\"id\":\"big\",\"text\":\"{} rockstar\"}}\n",
        "word ".repeat(600_000)
    );
    text.push_str("{\"id\":\"small\",\"text\":\"A rockstar.\"}\n");
    text.push_str(&"{bad\n".repeat(5_000));
    std::fs::write(&dump, text).unwrap();
    let run = check_json(
        &[],
        &[
            "--jsonl",
            dump.to_str().unwrap(),
            "--max-file-size",
            "1000000",
        ],
        MINUTE,
    );
    assert_eq!(run.status.code(), Some(2), "{}", truncate(&run.stderr));
    assert!(
        run.stderr
            .contains("dump.jsonl:1: the line is over the limit"),
        "{}",
        truncate(&run.stderr)
    );
    let paths: Vec<String> = run
        .findings()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, vec!["small"]);
    assert!(
        run.stderr.lines().count() < 120,
        "{}",
        truncate(&run.stderr)
    );
    assert!(
        run.stderr.contains("4901 more lines could not be used"),
        "{}",
        truncate(&run.stderr)
    );
}

/// --max-file-size is checked: the largest u64 wrapped to a limit of 0, and every file was
/// read as empty with exit 0. Values past 4 GiB (positions are 32-bit) are a usage error; the
/// largest allowed one reads files whole.
#[test]
fn max_file_size_does_not_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let ad = dir.path().join("ad.md");
    std::fs::write(&ad, "A rockstar.\n").unwrap();
    let run = run_with_limit(
        &[
            "check".as_ref(),
            "--max-file-size".as_ref(),
            "18446744073709551615".as_ref(),
            ad.as_os_str(),
        ],
        MINUTE,
    );
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    let run = check_json(&[&ad], &["--max-file-size", "4294967295"], MINUTE);
    assert_eq!(run.places(HYPE).len(), 1, "{}", run.stderr);
    let stdin = dir.path().join("stdin.md");
    std::fs::write(&stdin, "A rockstar.\n").unwrap();
    let rules = data("rules");
    let run = run_with_stdin(
        &[
            "check".as_ref(),
            "--no-bundled".as_ref(),
            "--rules".as_ref(),
            rules.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
            "--max-file-size".as_ref(),
            "4294967295".as_ref(),
            "-".as_ref(),
        ],
        Some(&stdin),
        MINUTE,
    );
    assert_eq!(run.places(HYPE).len(), 1, "{}", run.stderr);
}

/// A worker thread that cannot be started is not a crash (it was a panic, exit 101): the
/// files are checked on the threads there are, with the same output.
#[test]
fn threads_that_cannot_start_degrade() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let normal = check_json(&[&fixtures], &["--threads", "4"], MINUTE);
    let mut args: Vec<&std::ffi::OsStr> = vec![];
    let rules = data("rules");
    for a in ["check", "--no-bundled", "--rules"] {
        args.push(a.as_ref());
    }
    args.push(rules.as_os_str());
    for a in ["--format", "json", "--threads", "4"] {
        args.push(a.as_ref());
    }
    args.push(fixtures.as_os_str());
    let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HIRELINT_TEST_FAIL_SPAWN", "1")
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), normal.status.code());
    assert_eq!(String::from_utf8_lossy(&out.stdout), normal.stdout);
}

/// A pull request must not switch checks off by itself. Without strict mode, a nested
/// configuration wins for the files below it, a `.ignore` or a `.gitignore` it adds hides
/// tracked files, and one NUL byte turns a job ad into a skipped "binary" file with exit 0.
/// With `--strict-config` (or `strict = true` in the repository's configuration) each is
/// visible: the nested configuration is an error and not used, the hidden tracked files are
/// checked with a note, and the "binary" document is an error.
#[test]
fn strict_mode_makes_switched_off_checks_visible() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    let git = |args: &[&str]| {
        Command::new("git")
            .current_dir(r)
            .args(args)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if !git(&["init", "-q"]) {
        return; // No git here: nothing to test.
    }
    let write = |p: &str, text: &str| {
        let f = r.join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, text).unwrap();
    };
    write("hirelint.toml", "fail-on = \"warning\"\n");
    write("jobs/ad.md", "A rockstar.\n");
    write("hidden/ad.md", "A rockstar.\n");
    write("other/ad.md", "A rockstar.\n");
    write("bin.md", "A rockstar.\0\n");
    assert!(git(&["add", "-A"]));
    // What the pull request adds afterwards.
    write("jobs/.hirelint.toml", "ignore = [\"buzzword\"]\n");
    write(".gitignore", "hidden/\n");
    write(".ignore", "other/\n");
    let rules = data("rules");
    let run = |extra: &[&str], path: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
            .current_dir(r)
            .args(["check", "--no-bundled", "--rules"])
            .arg(&rules)
            .args(["--format", "json"])
            .args(extra)
            .arg(path)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut paths: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        paths.dedup();
        (
            out.status.code(),
            paths,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // Without strict mode: switched off, silently.
    let (code, paths, _) = run(&[], "jobs");
    assert_eq!((code, paths.len()), (Some(0), 0));
    let (code, paths, _) = run(&[], ".");
    assert_eq!(code, Some(1));
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("hidden") || p.contains("other")),
        "{paths:?}"
    );
    // Strict mode, by flag and by the repository's configuration.
    for (extra, root_config) in [
        (&["--strict-config"][..], "fail-on = \"warning\"\n"),
        (&[][..], "strict = true\n"),
    ] {
        write("hirelint.toml", root_config);
        let (code, paths, err) = run(extra, "jobs");
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("jobs/.hirelint.toml") && err.contains("nested"),
            "{err}"
        );
        assert_eq!(paths, vec!["jobs/ad.md"], "{err}");
        let (code, paths, err) = run(extra, ".");
        assert_eq!(code, Some(2), "{err}");
        for p in ["hidden/ad.md", "other/ad.md", "jobs/ad.md"] {
            assert!(paths.iter().any(|x| x.ends_with(p)), "{p}: {paths:?} {err}");
        }
        assert!(err.contains("hidden/ad.md: tracked by git"), "{err}");
        assert!(
            err.contains("bin.md") && err.contains("strict mode"),
            "{err}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Growth: time at two sizes 4× apart, per input kind. Linear work takes about 4× as long;
// quadratic work 16×. The bound (8×, on the best of three runs) leaves room for a busy
// machine and a debug build, and catches the quadratic cases of issue 14.

/// The best of five timings of `f`: other tests run at the same time, and on a busy two-core
/// machine one slow run in three was seen.
fn best_of_five(mut f: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Times `run(n)` and `run(4 * n)`; fails when the larger takes over 8× as long.
fn assert_linear(what: &str, n: usize, mut run: impl FnMut(usize)) {
    let small = best_of_five(|| run(n));
    let large = best_of_five(|| run(4 * n));
    // Below 2 ms, scheduling noise is as large as the work: a quadratic growth still shows
    // as 16×, far above the limit.
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(2e-3);
    eprintln!(
        "{what}: {n}: {small:?}, {}: {large:?}, ratio {ratio:.1}",
        4 * n
    );
    assert!(
        ratio < 8.0,
        "{what}: 4× the input took {ratio:.1}× the time ({small:?} → {large:?})"
    );
}

/// Suppression comments: a run of next-line comments before one finding each, and
/// disable/enable pairs naming other rules (each finding was tested against each suppression,
/// each next-line comment walked the whole run after it, each enable every open region).
#[test]
fn growth_suppressions() {
    assert_linear("next-line comments", 4_000, |n| {
        let mut s = String::new();
        for _ in 0..n {
            s.push_str("<!-- hirelint-disable-next-line buzzword -->\n");
        }
        s.push_str("A rockstar.\n\n");
        for _ in 0..n {
            s.push_str("<!-- hirelint-disable-next-line buzzword -->\nA rockstar.\n\n");
        }
        let f = lint(&s, Format::Markdown);
        assert!(matched_by(&f, "buzzword/hype-titles").is_empty());
    });
    assert_linear("disable and enable", 4_000, |n| {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!("<!-- hirelint-disable x/r{i} -->\n\n"));
        }
        for i in 0..n {
            s.push_str(&format!(
                "A rockstar.\n\n<!-- hirelint-enable y/r{i} -->\n\n"
            ));
        }
        lint(&s, Format::Markdown);
    });
}

/// Many line breaks in one paragraph, and `k: v` lines (each break read the whole paragraph
/// so far: a million lines took 581 s).
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "slow in debug builds (5 to 15 s): run with --release"
)]
fn growth_line_breaks_in_a_paragraph() {
    for (what, line) in [
        ("line breaks", "a rockstar\n"),
        ("k: v lines", "key: value\n"),
        ("label-like lines", "why: (x)\n"),
    ] {
        for format in [Format::Markdown, Format::Text] {
            assert_linear(&format!("{what} {format:?}"), 10_000, |n| {
                let s = line.repeat(n);
                lint(&s, format);
            });
        }
    }
}

/// Bad lines of a JSON Lines dump: time and the kept errors grow with the input, not faster.
#[test]
fn growth_json_lines_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert_linear("malformed JSON lines", 20_000, |n| {
        let dump = dir.path().join("dump.jsonl");
        std::fs::write(&dump, "{x\n".repeat(n)).unwrap();
        let run = check_json(&[], &["--jsonl", dump.to_str().unwrap()], MINUTE);
        assert_eq!(run.status.code(), Some(2));
    });
}

/// Building the phrase matcher: a rule file with many phrases (1 million took 362 s at
/// 56b1726) and many `allow` terms (300,000 took 14.7 s), also against many hits. Linear for
/// these shapes (checked up to 200,000); interleaved ones (`term 0` … `term N`) are not, see
/// `phrase_and_allow_lists_past_their_limits_are_refused_at_once`.
#[test]
fn growth_phrases_and_allow_terms() {
    assert_linear("phrases in one rule", 5_000, |n| {
        let phrases: Vec<String> = (0..n).map(|i| format!("\"word{i} thing\"")).collect();
        let text = format!(
            "kind = \"phrase\"\nseverity = \"info\"\nmessage = \"m\"\nwhy = \"w\"\nsuggest = [\"s\"]\nsource = \"s\"\nphrases = [{}]\n[examples]\nflag = [\"word1 thing\"]\npass = [\"nothing\"]\n",
            phrases.join(",")
        );
        let mut set = RuleSet::empty().unwrap();
        set.add_sources(std::iter::once((
            "buzzword/many.toml".to_string(),
            "buzzword/many.toml".to_string(),
            text,
        )))
        .unwrap();
        let engine = Engine::new(&set);
        hirelint::lint_str(&engine, &set, "a.md", "A word1 thing.\n");
    });
    assert_linear("allow terms", 5_000, |n| {
        let (set, _) = &*BUNDLED;
        let allow: Vec<String> = (0..n).map(|i| format!("Product {i} Rockstar")).collect();
        let engine = Engine::with_options(
            set,
            hirelint::EngineOptions {
                allow,
                ..Default::default()
            },
        );
        hirelint::lint_str(&engine, set, "a.md", "## Requirements\n- A rockstar.\n");
    });
    let doc = "## Requirements\n".to_string() + &"- A rockstar ninja guru.\n".repeat(500);
    assert_linear("allow terms against many hits", 2_000, |n| {
        let (set, _) = &*BUNDLED;
        let allow: Vec<String> = (0..n).map(|i| format!("rockstar {i}")).collect();
        let engine = Engine::with_options(
            set,
            hirelint::EngineOptions {
                allow,
                ..Default::default()
            },
        );
        hirelint::lint_str(&engine, set, "a.md", &doc);
    });
    assert_linear("phrases sharing their first word", 2_000, |n| {
        let phrases: Vec<String> = (0..n).map(|i| format!("\"rockstar w{i}\"")).collect();
        let text = format!(
            "kind = \"phrase\"\nseverity = \"info\"\nmessage = \"m\"\nwhy = \"w\"\nsuggest = [\"s\"]\nsource = \"s\"\nphrases = [{}]\n[examples]\nflag = [\"rockstar w1\"]\npass = [\"nothing\"]\n",
            phrases.join(",")
        );
        let mut set = RuleSet::empty().unwrap();
        set.add_sources(std::iter::once((
            "buzzword/many.toml".to_string(),
            "buzzword/many.toml".to_string(),
            text,
        )))
        .unwrap();
        let engine = Engine::new(&set);
        hirelint::lint_str(&engine, &set, "a.md", &doc);
    });
}

/// Rule files are text from the pull request too: a message, a suggestion and an example that
/// hold line breaks followed by workflow commands and escape sequences never forge a command
/// or reach the terminal raw, in `rules` (text and Markdown), `explain`, `test-rules` and
/// `check`.
#[cfg(unix)]
#[test]
fn hostile_rule_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("buzzword")).unwrap();
    std::fs::write(
        rules.join("buzzword/evil.toml"),
        "kind = \"phrase\"\nseverity = \"warning\"\n\
         message = \"'{match}' x\\n::error::forged\\u001b[31m\"\n\
         why = \"w\\r::warning::cr\"\n\
         suggest = [\"s\\n  ::stop-commands::tok\"]\n\
         source = \"src\\n::error::src\"\nphrases = [\"rockstar\"]\n\
         [examples]\nflag = [\"A rockstar.\\n::error::example\"]\npass = [\"Nothing.\\n::error::pass\"]\n",
    )
    .unwrap();
    let doc = dir.path().join("ad.md");
    std::fs::write(&doc, "A rockstar.\n").unwrap();
    let r = rules.as_os_str();
    let runs: Vec<(Vec<&std::ffi::OsStr>, bool)> = vec![
        (vec!["rules".as_ref(), "--rules".as_ref(), r], false),
        (
            vec![
                "rules".as_ref(),
                "--format".as_ref(),
                "md".as_ref(),
                "--rules".as_ref(),
                r,
            ],
            false,
        ),
        (
            vec![
                "explain".as_ref(),
                "buzzword/evil".as_ref(),
                "--rules".as_ref(),
                r,
            ],
            false,
        ),
        (vec!["test-rules".as_ref(), r], false),
        (
            vec![
                "check".as_ref(),
                "--no-bundled".as_ref(),
                "--rules".as_ref(),
                r,
                doc.as_os_str(),
            ],
            false,
        ),
        (
            vec![
                "check".as_ref(),
                "--no-bundled".as_ref(),
                "--rules".as_ref(),
                r,
                "--format".as_ref(),
                "github".as_ref(),
                doc.as_os_str(),
            ],
            true,
        ),
    ];
    for (args, github) in runs {
        let run = run_with_limit(&args, MINUTE);
        run.assert_clean();
        assert!(
            run.stdout.contains("forged") || run.stdout.contains("rules, "),
            "{args:?}: {}",
            run.stdout
        );
        assert_no_forged_commands(&run, github);
    }
}

/// Suppressions naming rules that do not exist: each is reported, with a did-you-mean worked
/// out once per name for at most 20 names, so time stays linear in the number of comments.
#[test]
fn growth_suppressions_naming_unknown_rules() {
    let dir = tempfile::tempdir().unwrap();
    assert_linear("unknown names in suppressions", 2_000, |n| {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!(
                "<!-- hirelint-disable-next-line buzzword/t-hipe{i} -->\nSome text {i}.\n\n"
            ));
        }
        let doc = dir.path().join("doc.md");
        std::fs::write(&doc, s).unwrap();
        let run = check_json(&[&doc], &[], MINUTE);
        assert_eq!(run.findings().len(), n);
    });
}

/// A baseline of many entries and a configuration of many `allow` terms and globs: loading
/// and using them grows with their size, not faster.
#[test]
fn growth_baseline_and_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("ad.md");
    std::fs::write(&doc, "A rockstar.\n").unwrap();
    assert_linear("baseline entries", 20_000, |n| {
        let entries: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "{{\"fingerprint\":\"{i:016x}\",\"rule\":\"buzzword/t-hype\",\"path\":\"p{i}.md\",\"matched\":\"rockstar\"}}"
                )
            })
            .collect();
        let base = dir.path().join("base.json");
        std::fs::write(
            &base,
            format!("{{\"version\":1,\"findings\":[{}]}}", entries.join(",")),
        )
        .unwrap();
        let run = check_json(&[&doc], &["--baseline", base.to_str().unwrap()], MINUTE);
        assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    });
    assert_linear("allow terms and globs in the configuration", 2_000, |n| {
        let allow: Vec<String> = (0..n).map(|i| format!("\"Term {i}\"")).collect();
        let globs: Vec<String> = (0..n).map(|i| format!("\"archive{i}/**\"")).collect();
        let cfg = dir.path().join("hirelint.toml");
        std::fs::write(
            &cfg,
            format!(
                "allow = [{}]\nexclude = [{}]\n",
                allow.join(","),
                globs.join(",")
            ),
        )
        .unwrap();
        let run = check_json(&[&doc], &["--config", cfg.to_str().unwrap()], MINUTE);
        assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    });
}

/// Phrases and `allow` terms whose automaton states interleave (`term 0` … `term N`) make
/// aho-corasick's state shuffle quadratic: 20,000 phrases 1 s, 40,000 3 s (debug); 300,000
/// allow terms took 14.7 s. Until the engine builds its matchers in pieces, the lists are
/// capped (25,000 phrases in all rules, 10,000 allow terms) and a longer one is refused at once.
#[test]
fn phrase_and_allow_lists_past_their_limits_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("buzzword")).unwrap();
    for f in 0..2 {
        let phrases: Vec<String> = (0..15_000).map(|i| format!("\"term {f} {i}\"")).collect();
        std::fs::write(
            rules.join(format!("buzzword/many{f}.toml")),
            format!(
                "kind = \"phrase\"\nseverity = \"info\"\nmessage = \"m\"\nwhy = \"w\"\nsuggest = [\"s\"]\nsource = \"s\"\nphrases = [{}]\n[examples]\nflag = [\"term {f} 1\"]\npass = [\"nothing\"]\n",
                phrases.join(",")
            ),
        )
        .unwrap();
    }
    let doc = dir.path().join("ad.md");
    std::fs::write(&doc, "A rockstar.\n").unwrap();
    let limit = Duration::from_secs(20);
    let run = run_with_limit(
        &[
            "check".as_ref(),
            "--rules".as_ref(),
            rules.as_os_str(),
            doc.as_os_str(),
        ],
        limit,
    );
    run.assert_clean();
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("more than the limit"), "{}", run.stderr);
    let allow: Vec<String> = (0..300_000).map(|i| format!("\"term {i}\"")).collect();
    let cfg = dir.path().join("hirelint.toml");
    std::fs::write(&cfg, format!("allow = [{}]\n", allow.join(","))).unwrap();
    let run = run_with_limit(
        &[
            "check".as_ref(),
            "--config".as_ref(),
            cfg.as_os_str(),
            doc.as_os_str(),
        ],
        limit,
    );
    run.assert_clean();
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("over the limit") || run.stderr.contains("more than the limit"),
        "{}",
        run.stderr
    );
}

/// The same shape up to the limit grows about linearly (the square shows past 10,000 terms:
/// 10,000 → 40,000 took 7× as long). Open: the engine should build its matchers in pieces,
/// so that the limits can go (src/engine.rs; docs/robustness.md).
#[test]
fn growth_interleaved_allow_terms_up_to_the_limit() {
    let (set, _) = &*BUNDLED;
    assert_linear("interleaved allow terms", 2_500, |n| {
        let allow: Vec<String> = (0..n).map(|i| format!("term {i}")).collect();
        let engine = Engine::with_options(
            set,
            hirelint::EngineOptions {
                allow,
                ..Default::default()
            },
        );
        hirelint::lint_str(&engine, set, "a.md", "A rockstar.\n");
    });
}
