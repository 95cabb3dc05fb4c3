//! The command line end to end: findings at exact places, exit codes, the JSON shape, and bad
//! input. These tests use the small rule folder in tests/data/rules (one rule of each kind)
//! so that they do not change when the bundled rules are tuned.

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// (rule, line, column, end_line, end_column, matched) of every finding.
fn places(v: &Value) -> Vec<(String, u64, u64, u64, u64, String)> {
    v["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["end_line"].as_u64().unwrap(),
                f["end_column"].as_u64().unwrap(),
                f["matched"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn p(
    rule: &str,
    l: u64,
    c: u64,
    el: u64,
    ec: u64,
    m: &str,
) -> (String, u64, u64, u64, u64, String) {
    (rule.into(), l, c, el, ec, m.into())
}

#[test]
fn markdown_with_bom_crlf_and_multibyte_text() {
    let out = run_test_rules(&["--format", "json", "tests/data/docs/bom-crlf.md"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(
        places(&v),
        vec![
            p("buzzword/t-hype", 9, 11, 9, 19, "rockstar"),
            p("scope/t-driving", 9, 32, 9, 47, "driving licence"),
            p("unrealistic/t-years", 10, 3, 10, 11, "8+ years"),
            // Document-level: at the heading of the section where the salary belongs.
            p("missing/t-salary", 12, 4, 12, 4, ""),
        ]
    );
}

#[test]
fn html_entities_comments_hidden_and_main_only() {
    let out = run_test_rules(&["--format", "json", "tests/data/docs/entities.html"]);
    let v = json_of(&out);
    // Nothing from <title>, <script>, <style>, comments, hidden elements, <template>,
    // <noscript>, or outside <main>; positions are right after entities.
    assert_eq!(
        places(&v),
        vec![
            p("missing/t-salary", 1, 1, 1, 1, ""),
            p("buzzword/t-hype", 12, 75, 12, 92, "team&#8209;player"),
            p(
                "exclusionary/t-native",
                17,
                20,
                17,
                42,
                "native English speaker"
            ),
            p("buzzword/t-hype", 17, 49, 17, 65, "self&#45;starter"),
        ]
    );
    let f = &v["findings"][1];
    assert_eq!(f["message"], "'team‑player' is vague.");
    let src = std::fs::read(data("docs/entities.html")).unwrap();
    let (s, e) = (
        f["byte_start"].as_u64().unwrap() as usize,
        f["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&src[s..e], b"team&#8209;player");
}

#[test]
fn html_fragment_with_front_matter_includes_and_justified_licence() {
    let out = run_test_rules(&["--format", "json", "tests/data/docs/fragment.html"]);
    let v = json_of(&out);
    // The licence is justified by the duties, the salary is in front matter.
    assert_eq!(
        places(&v),
        vec![p("buzzword/t-hype", 11, 12, 11, 23, "team player")]
    );
}

#[test]
fn interview_questions_code_and_negation() {
    let out = run_test_rules(&["--format", "json", "tests/data/docs/interview.md"]);
    let v = json_of(&out);
    assert_eq!(
        places(&v),
        vec![
            p(
                "interview/t-future",
                11,
                4,
                11,
                29,
                "Where do you see yourself"
            ),
            p("unlawful/t-health", 12, 20, 12, 38, "medical conditions"),
        ]
    );
    assert_eq!(v["findings"][1]["severity"], "error");
}

#[test]
fn json_shape_is_stable() {
    let out = run_test_rules(&["--format", "json", "tests/data/docs/interview.md"]);
    let v = json_of(&out);
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    for key in [
        "path",
        "rule",
        "family",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "matched",
        "message",
        "why",
        "suggestions",
    ] {
        assert!(!f[key].is_null(), "finding has no {key}: {f}");
    }
    assert_eq!(f["family"], "interview");
    assert!(f["suggestions"].as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(v["summary"]["findings"], 2);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["by_family"]["unlawful"], 1);
}

#[test]
fn exit_codes_follow_fail_on() {
    let doc = "tests/data/docs/interview.md";
    // A warning and an error: 1 at warning and error, 0 when nothing is at that level.
    assert_eq!(run_test_rules(&[doc]).status.code(), Some(1));
    assert_eq!(
        run_test_rules(&["--fail-on", "error", doc]).status.code(),
        Some(1)
    );
    let fragment = "tests/data/docs/fragment.html";
    assert_eq!(
        run_test_rules(&["--fail-on", "error", fragment])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run_test_rules(&["--fail-on", "warning", fragment])
            .status
            .code(),
        Some(1)
    );
    // Usage errors are 2.
    assert_eq!(
        run_test_rules(&["--format", "nonsense", doc]).status.code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .arg("explain")
            .arg("no/such-rule")
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn human_output_is_rustc_style() {
    let out = run_test_rules(&["tests/data/docs/bom-crlf.md"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("warning[buzzword/t-hype]: 'rockstar' is vague."),
        "{text}"
    );
    assert!(text.contains("tests/data/docs/bom-crlf.md:9:11"), "{text}");
    assert!(
        text.contains("- A naïve rockstar with a full driving licence."),
        "{text}"
    );
    assert!(text.contains("^^^^^^^^"), "{text}");
    assert!(
        text.contains("why: It says nothing about the work."),
        "{text}"
    );
    assert!(text.contains("instead: Name the task."), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    assert!(
        text.trim_end()
            .ends_with("4 findings (4 warnings) in 1 of 1 file."),
        "{text}"
    );
}

#[test]
fn folders_are_walked_in_order_respecting_gitignore_and_globs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("jobs/old")).unwrap();
    std::fs::write(root.join("jobs/b.md"), "A rockstar.\n").unwrap();
    std::fs::write(root.join("jobs/a.html"), "<p>A rockstar.</p>\n").unwrap();
    std::fs::write(root.join("jobs/old/c.md"), "A rockstar.\n").unwrap();
    std::fs::write(root.join("jobs/notes.pdf"), "A rockstar.\n").unwrap();
    std::fs::write(root.join("jobs/.hidden.md"), "A rockstar.\n").unwrap();
    std::fs::write(root.join("jobs/ignored.md"), "A rockstar.\n").unwrap();
    std::fs::write(root.join(".gitignore"), "ignored.md\n").unwrap();
    std::fs::create_dir(root.join(".git")).unwrap();
    let out = run_test_rules(&["--format", "json", root.to_str().unwrap()]);
    let v = json_of(&out);
    let paths: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            p.strip_prefix(root.to_str().unwrap()).unwrap().to_string()
        })
        .collect();
    assert_eq!(paths, vec!["/jobs/a.html", "/jobs/b.md", "/jobs/old/c.md"]);
    let out = run_test_rules(&[
        "--format",
        "json",
        "--exclude",
        "old/**",
        root.join("jobs").to_str().unwrap(),
    ]);
    assert_eq!(json_of(&out)["findings"].as_array().unwrap().len(), 2);
    let out = run_test_rules(&[
        "--format",
        "json",
        "--include",
        "*.html",
        root.join("jobs").to_str().unwrap(),
    ]);
    assert_eq!(json_of(&out)["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn stdin_with_a_filename_picks_the_format() {
    let out = with_stdin(
        bin()
            .args(["check", "--no-bundled", "--rules"])
            .arg(data("rules"))
            .args(["--format", "json", "--stdin-filename", "ad.html", "-"]),
        b"<p>A <b>rock</b>star and a team&nbsp;player.</p>",
    );
    let v = json_of(&out);
    assert_eq!(
        places(&v),
        vec![
            p("buzzword/t-hype", 1, 9, 1, 21, "rock</b>star"),
            p("buzzword/t-hype", 1, 28, 1, 44, "team&nbsp;player"),
        ]
    );
    assert_eq!(v["findings"][0]["path"], "ad.html");
}

#[test]
fn default_command_is_check() {
    let out = bin()
        .args(["--no-bundled", "--rules"])
        .arg(data("rules"))
        .args(["--format", "json", "tests/data/docs/fragment.html"])
        .output()
        .unwrap();
    assert_eq!(json_of(&out)["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn a_missing_path_is_reported_and_the_rest_still_checked() {
    let out = run_test_rules(&[
        "--format",
        "json",
        "no/such/file.md",
        "tests/data/docs/fragment.html",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such/file.md: no such file or folder"),
        "{err}"
    );
    assert_eq!(json_of(&out)["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_inputs_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("binary.md"), b"\x00\x01\x02PNG rockstar\x00").unwrap();
    std::fs::write(d.join("latin1.md"), b"A caf\xe9 rockstar.\n").unwrap();
    std::fs::write(d.join("empty.md"), b"").unwrap();
    std::fs::create_dir(d.join("folder.md")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "A rockstar.".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(d.join("utf16.txt"), utf16).unwrap();
    let deep_md = ">".repeat(5000) + " rockstar\n" + &"- ".repeat(3000) + "rockstar\n";
    std::fs::write(d.join("deep.md"), deep_md).unwrap();
    let deep_html = "<div>".repeat(20000) + "a rockstar" + &"</div>".repeat(20000);
    std::fs::write(d.join("deep.html"), deep_html).unwrap();
    let long_line = "word ".repeat(400_000) + "rockstar\n";
    std::fs::write(d.join("long.txt"), long_line).unwrap();
    std::fs::write(
        d.join("broken.html"),
        "<p>rock&#xZZ;star &amp rockstar</p <b",
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("loop"), d.join("loop")).unwrap();
        std::os::unix::fs::symlink(d.join("nowhere.md"), d.join("dangling.md")).unwrap();
    }
    let out = run_test_rules(&["--format", "json", d.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let v = json_of(&out);
    let by_file = |name: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["path"].as_str().unwrap().ends_with(name) && f["rule"] == "buzzword/t-hype"
            })
            .count()
    };
    assert!(err.contains("binary.md: looks like a binary file"), "{err}");
    assert!(
        err.contains("latin1.md: is not valid UTF-8 (first bad byte at 1:6"),
        "{err}"
    );
    assert_eq!(by_file("binary.md"), 0);
    assert_eq!(by_file("utf16.txt"), 1);
    assert_eq!(by_file("empty.md"), 0);
    assert_eq!(by_file("deep.md"), 2);
    assert_eq!(by_file("deep.html"), 1);
    assert_eq!(by_file("long.txt"), 1);
    assert_eq!(by_file("broken.html"), 1);
    // Invalid UTF-8 is an error: exit code 2, the other files still checked.
    assert_eq!(out.status.code(), Some(2));

    // A folder given where a file is expected is walked; a FIFO is skipped with a note.
    #[cfg(unix)]
    {
        let fifo = d.join("pipe.md");
        let made = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let out = run_test_rules(&[fifo.to_str().unwrap()]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("not a regular file"), "{err}");
            assert_eq!(out.status.code(), Some(0));
        }
    }
    let out = run_test_rules(&[
        "--max-file-size",
        "100",
        d.join("long.txt").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the limit"));
}

#[test]
fn unreadable_file_is_an_error_naming_it() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("secret.md");
        std::fs::write(&f, "A rockstar.").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&f).is_ok() {
            return; // Running as root: every file is readable, nothing to test.
        }
        let out = run_test_rules(&[f.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("permission denied"));
    }
}

fn write_rule(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const RULE: &str = r#"kind = "phrase"
severity = "info"
message = "x"
why = "y"
suggest = ["z"]
source = "s"
phrases = ["rockstar"]
[examples]
flag = ["rockstar"]
pass = ["rock"]
"#;

#[test]
fn broken_rule_files_stop_the_run_with_file_line_and_rule() {
    let cases = [
        (
            "buzzword/a.toml",
            RULE.replace("severity = \"info\"", "severity = \"loud\""),
            "buzzword/a.toml:2:12: rule `buzzword/a`",
        ),
        (
            "buzzword/b.toml",
            RULE.replace("phrase\"", "phrasal\""),
            "buzzword/b.toml:1:8: rule `buzzword/b`",
        ),
        (
            "buzzword/c.toml",
            RULE.replace("message = \"x\"", "mesage = \"x\""),
            "buzzword/c.toml:3:1: rule `buzzword/c`",
        ),
        (
            "buzzword/d.toml",
            RULE.replace("kind = \"phrase\"", "kind = \"pattern\"")
                .replace("phrases = [\"rockstar\"]", "patterns = [\"rock(\"]"),
            "buzzword/d.toml:7:13: rule `buzzword/d`: bad regular expression",
        ),
        (
            "buzzword/e.toml",
            RULE.replace("phrases = [\"rockstar\"]", "phrases = []"),
            "rule `buzzword/e`: `phrases` is empty",
        ),
        (
            "buzzword/f.toml",
            RULE.replace("why = \"y\"", "why = \"y"),
            "buzzword/f.toml:4:",
        ),
        (
            "nonsense/g.toml",
            RULE.to_string(),
            "unknown family `nonsense`",
        ),
    ];
    for (rel, text, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        write_rule(dir.path(), rel, &text);
        let out = bin()
            .args(["check", "--rules"])
            .arg(dir.path())
            .arg("tests/data/docs/fragment.html")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{rel}: {err}");
        assert!(
            err.contains(expected),
            "{rel}: expected {expected:?} in {err}"
        );
        assert!(
            out.stdout.is_empty(),
            "no document is read before the rules load"
        );
    }
    // A duplicate id: the user's folder repeats a bundled rule.
    let dir = tempfile::tempdir().unwrap();
    write_rule(dir.path(), "buzzword/a.toml", RULE);
    let out = bin()
        .args(["check", "--no-bundled", "--rules"])
        .arg(dir.path())
        .arg("--rules")
        .arg(dir.path())
        .arg("tests/data/docs/fragment.html")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("duplicate rule id"));
}

#[test]
fn test_rules_reports_failing_examples() {
    let dir = tempfile::tempdir().unwrap();
    write_rule(
        dir.path(),
        "buzzword/a.toml",
        &RULE.replace("pass = [\"rock\"]", "pass = [\"a rockstar\"]"),
    );
    let out = bin().arg("test-rules").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FAIL buzzword/a"), "{text}");
    assert!(text.contains("1 passed, 1 failed"), "{text}");
    let ok = bin().arg("test-rules").arg(data("rules")).output().unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
}

#[test]
fn rules_catalogue_and_explain() {
    let out = bin().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for fam in [
        "buzzword/",
        "unrealistic/",
        "scope/",
        "exclusionary/",
        "interview/",
        "unlawful/",
        "missing/",
        "readability/",
    ] {
        assert!(text.contains(fam), "no {fam} rule in the catalogue");
    }
    let md = bin().args(["rules", "--format", "md"]).output().unwrap();
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.starts_with("# hirelint rules"));
    assert!(md.contains("## interview") && md.contains("**Why:**"));
    let out = bin().args(["explain", "hype", "--rules"]).output();
    assert!(out.is_ok());
    let out = bin()
        .args(["explain", "buzzword/t-hype", "--rules"])
        .arg(data("rules"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Why it matters") && text.contains("It says nothing about the work."),
        "{text}"
    );
    assert!(text.contains("We want a rockstar."), "{text}");
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let one = run_test_rules(&["--format", "json", "--threads", "1", "tests/data/docs"]);
    let two = run_test_rules(&["--format", "json", "--threads", "2", "tests/data/docs"]);
    assert_eq!(one.stdout, two.stdout);
    assert!(!one.stdout.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Strict with what users write, clear in CI (issue 14, items 13-18)

/// The pre-commit hook picks documents only: `types_or: [text]` matched every text file.
#[test]
fn pre_commit_hook_picks_only_documents() {
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    assert!(!hooks.contains("text]"), "{hooks}");
    let files = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .expect("a files pattern");
    let re = regex::Regex::new(files).unwrap();
    for yes in ["a.md", "d/b.markdown", "c.html", "c.htm", "n.txt"] {
        assert!(re.is_match(yes), "{yes}");
    }
    for no in ["ci.yaml", "x.py", "p.json", "md.rs"] {
        assert!(!re.is_match(no), "{no}");
    }
}

/// A misspelt `[severity]` key is an error with a did-you-mean (it changed nothing, silently).
#[test]
fn unknown_severity_keys_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("hirelint.toml");
    std::fs::write(&cfg, "[severity]\n\"buzzword/t-hipe\" = \"error\"\n").unwrap();
    let out = run_test_rules(&["--config", cfg.to_str().unwrap(), "fixtures"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("[severity]") && err.contains("did you mean `buzzword/t-hype`"),
        "{err}"
    );
}

/// `hirelint chek fixtures/` is a misspelt command: a did-you-mean, not a check of `chek`.
#[test]
fn misspelt_commands_get_a_did_you_mean() {
    let out = bin().args(["chek", "fixtures"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("did you mean `hirelint check`"), "{err}");
    assert!(out.stdout.is_empty());
    // A real path with a name like a command is still checked.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("chek")).unwrap();
    std::fs::write(dir.path().join("chek/a.md"), "A rockstar.\n").unwrap();
    let out = run_test_rules_in(dir.path(), &["chek"]);
    assert_eq!(out.status.code(), Some(1));
}

fn run_test_rules_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(args)
        .arg("--no-bundled")
        .arg("--rules")
        .arg(data("rules"))
        .output()
        .unwrap()
}

/// A run that checks no document says so: a warning (exit 0), an error in strict mode. Before,
/// a configuration's `include` that filtered out the paths given passed silently.
#[test]
fn checking_nothing_is_not_silent() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hirelint.toml"),
        "include = [\"careers/**\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ad.md"), "A rockstar.\n").unwrap();
    let out = run_test_rules_in(dir.path(), &["check", "ad.md"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("warning: no document was checked"), "{err}");
    let out = run_test_rules_in(dir.path(), &["check", "--strict-config", "ad.md"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("error: no document was checked"), "{err}");
}

/// --write-baseline records the findings: the run that writes it passes (it exited 1).
#[test]
fn writing_a_baseline_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ad.md"), "A rockstar.\n").unwrap();
    let out = run_test_rules_in(
        dir.path(),
        &["check", "--write-baseline", "base.json", "ad.md"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_test_rules_in(dir.path(), &["check", "--baseline", "base.json", "ad.md"]);
    assert_eq!(out.status.code(), Some(0));
}

/// JSON `why` is one paragraph: the rule file's hard line wraps are not kept.
#[test]
fn json_why_has_no_hard_wraps() {
    let out = bin()
        .args(["check", "--format", "json", "fixtures"])
        .output()
        .unwrap();
    let v = json_of(&out);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert!(!f["why"].as_str().unwrap().contains('\n'), "{}", f["why"]);
    }
}

/// UTF-32 with a byte order mark is decoded as UTF-32 (it was read as UTF-16); SARIF keeps a
/// `\` in a Unix file name (percent-encoded) instead of turning it into a folder.
#[test]
fn utf32_and_backslashes_in_names() {
    let dir = tempfile::tempdir().unwrap();
    let text = "We want a rockstar.\n";
    let mut le = vec![0xFF, 0xFE, 0, 0];
    let mut be = vec![0, 0, 0xFE, 0xFF];
    for c in text.chars() {
        le.extend((c as u32).to_le_bytes());
        be.extend((c as u32).to_be_bytes());
    }
    std::fs::write(dir.path().join("le.md"), le).unwrap();
    std::fs::write(dir.path().join("be.md"), be).unwrap();
    let out = run_test_rules_in(dir.path(), &["check", "--format", "json", "le.md", "be.md"]);
    let v = json_of(&out);
    let cols: Vec<(String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["matched"].as_str().unwrap().to_string(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cols,
        vec![("rockstar".to_string(), 11), ("rockstar".to_string(), 11)]
    );
    #[cfg(unix)]
    {
        std::fs::write(dir.path().join("a\\b.md"), text).unwrap();
        let out = run_test_rules_in(dir.path(), &["check", "--format", "sarif", "a\\b.md"]);
        let v = json_of(&out);
        let uri = v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(uri, "a%5Cb.md");
    }
}

/// GitHub shows 10 annotations of each kind per step and drops the rest silently: hirelint
/// writes at most 10 per kind, says how many it left out, and lists every finding in the step
/// summary, with the pull request's file names and messages kept from becoming Markdown.
#[test]
fn github_annotations_are_capped_with_a_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut ad = String::new();
    for _ in 0..25 {
        ad.push_str("We want a rockstar.\n\n");
    }
    std::fs::write(d.join("ad.md"), &ad).unwrap();
    std::fs::write(d.join("x|[link](e.x)<b>.md"), "A rockstar.\n").unwrap();
    let summary = d.join("summary.md");
    let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .current_dir(d)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--no-bundled", "--rules"])
        .arg(data("rules"))
        .args(["--format", "github", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let annotations = stdout
        .lines()
        .filter(|l| l.starts_with("::warning "))
        .count();
    assert_eq!(annotations, 10, "{stdout}");
    assert!(
        stdout.contains("hirelint: 16 more warnings are not annotated"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(text.matches("| warning |").count(), 26, "{text}");
    assert!(
        text.contains("x&#124;\\[link\\]\\(e.x\\)&lt;b&gt;.md:1:3"),
        "{text}"
    );
    assert!(!text.contains("](e.x)"), "{text}");
    // Without the runner's summary file: no file, and the note says how to see them all.
    let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .current_dir(d)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--no-bundled", "--rules"])
        .arg(data("rules"))
        .args(["--format", "github", "."])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("--format json"));
}

/// One run writes several formats: annotations on standard output and SARIF to a file, with
/// the same findings as separate runs (the action checked everything twice).
#[test]
fn several_outputs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let json = dir.path().join("out.json");
    let out = run_test_rules(&[
        "--output",
        "github",
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("json={}", json.display()),
        "fixtures",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().any(|l| l.starts_with("::warning ")),
        "{stdout}"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let alone = json_of(&run_test_rules(&["--format", "json", "fixtures"]));
    assert_eq!(v["findings"], alone["findings"]);
    assert_eq!(
        s["runs"][0]["results"].as_array().unwrap().len(),
        alone["findings"].as_array().unwrap().len()
    );
    // Two formats for standard output, or an unknown one: usage errors.
    let out = run_test_rules(&["--output", "github", "--output", "json", "fixtures"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run_test_rules(&["--output", "sarf=x.sarif", "fixtures"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no format `sarf`"));
}

/// A suppression naming no rule at all is a typo: its finding says so, with a did-you-mean
/// (it only said "suppresses nothing"). A misspelt front-matter `kind` was ignored silently;
/// now it is a finding at its line (`hirelint/unknown-kind`, which can be ignored).
#[test]
fn misspelt_suppressions_and_kinds_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ad.md"),
        "---\ntitle: x\nkind: intervew\n---\n\n<!-- hirelint-disable-next-line buzzword/t-hipe -->\nA rockstar.\n",
    )
    .unwrap();
    let out = run_test_rules_in(dir.path(), &["check", "--format", "json", "ad.md"]);
    let v = json_of(&out);
    let findings = v["findings"].as_array().unwrap();
    let unused = findings
        .iter()
        .find(|f| f["rule"] == "hirelint/unused-suppression")
        .expect("unused suppression");
    let message = unused["message"].as_str().unwrap();
    assert!(
        message.contains("`buzzword/t-hipe`, which is no rule or family")
            && message.contains("did you mean `buzzword/t-hype`"),
        "{message}"
    );
    let kind = findings
        .iter()
        .find(|f| f["rule"] == "hirelint/unknown-kind")
        .expect("unknown kind");
    assert_eq!(kind["line"], 3);
    assert_eq!(kind["matched"], "kind: intervew");
    assert!(
        kind["message"]
            .as_str()
            .unwrap()
            .contains("Did you mean `interview`?")
    );
    let out = run_test_rules_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "hirelint/unknown-kind",
            "ad.md",
        ],
    );
    let v = json_of(&out);
    assert!(
        !v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "hirelint/unknown-kind")
    );
}

/// Rule-file errors: every broken file of a folder at once, each naming the file, line and key,
/// in plain words with a did-you-mean (they were serde's "unknown variant", "expected a
/// sequence", one at a time).
#[test]
fn rule_file_errors_are_plain_and_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path();
    let rule = |kind: &str, key: &str, suggest: &str| {
        format!(
            "kind = \"{kind}\"\nseverity = \"warning\"\n{key} = \"m\"\nwhy = \"w\"\nsuggest = {suggest}\nsource = \"s\"\nphrases = [\"a\"]\n[examples]\nflag = [\"a\"]\npass = [\"b\"]\n"
        )
    };
    std::fs::create_dir_all(rules.join("buzzword")).unwrap();
    std::fs::create_dir_all(rules.join("scope")).unwrap();
    std::fs::write(
        rules.join("buzzword/a.toml"),
        rule("phrse", "message", "[\"s\"]"),
    )
    .unwrap();
    std::fs::write(
        rules.join("buzzword/b.toml"),
        rule("phrase", "message", "\"s\""),
    )
    .unwrap();
    std::fs::write(
        rules.join("scope/c.toml"),
        rule("phrase", "mesage", "[\"s\"]"),
    )
    .unwrap();
    for args in [
        vec![
            "check".to_string(),
            "--rules".into(),
            rules.display().to_string(),
            "fixtures".into(),
        ],
        vec!["test-rules".to_string(), rules.display().to_string()],
    ] {
        let out = bin().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("a.toml:1:8")
                && err.contains("`phrse` is not a valid value here; did you mean `phrase`?"),
            "{err}"
        );
        assert!(
            err.contains("b.toml:5:11") && err.contains("expected a list, such as [\"…\"]"),
            "{err}"
        );
        assert!(
            err.contains("c.toml:3:1")
                && err.contains("`mesage` is not a key of a rule file; did you mean `message`?"),
            "{err}"
        );
        assert!(
            !err.contains("unknown variant") && !err.contains("sequence"),
            "{err}"
        );
    }
}

/// `max = nan` loaded and never fired: a limit that is not a number is a load error.
#[test]
fn a_metric_limit_must_be_a_number() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("readability")).unwrap();
    let text = std::fs::read_to_string(data("rules/readability/t-sentence.toml")).unwrap();
    for bad in ["nan", "inf", "-inf"] {
        std::fs::write(
            dir.path().join("readability/t-nan.toml"),
            text.replace("max = 30", &format!("max = {bad}")),
        )
        .unwrap();
        let out = bin()
            .args(["check", "--no-bundled", "--rules"])
            .arg(dir.path())
            .arg("fixtures")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(err.contains("t-nan.toml") && err.contains("`max`"), "{err}");
    }
}

/// `NO_COLOR` turns colours off even with `--color always` (issue 14, item 17); without it,
/// `--color always` colours a pipe.
#[test]
fn no_color_wins_over_color_always() {
    let run = |no_color: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_hirelint"));
        c.env_remove("NO_COLOR");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        let out = c
            .args([
                "check",
                "--no-config",
                "--color",
                "always",
                "--no-bundled",
                "--rules",
            ])
            .arg(data("rules"))
            .arg(data("docs/bom-crlf.md"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        run(None).contains('\u{1b}'),
        "--color always colours a pipe"
    );
    assert!(!run(Some("1")).contains('\u{1b}'), "NO_COLOR wins");
    // An empty NO_COLOR does not count (no-color.org).
    assert!(run(Some("")).contains('\u{1b}'));
}
