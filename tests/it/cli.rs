//! The command line end to end, for what the cases in tests/cmd/ cannot say: folders with a
//! `.git` and `.gitignore` made on the spot, files no one may read, the same output whatever
//! the thread count, several outputs of one run compared with separate runs, colours, and the
//! pre-commit hook. These tests use the small rule folder in tests/data/rules (one rule of each
//! kind) so that they do not change when the bundled rules are tuned.

use crate::common::*;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

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

/// SARIF keeps a `\` in a Unix file name (percent-encoded) instead of turning it into a folder.
#[cfg(unix)]
#[test]
fn sarif_keeps_backslashes_in_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a\\b.md"), "We want a rockstar.\n").unwrap();
    let out = run_test_rules_in(dir.path(), &["check", "--format", "sarif", "a\\b.md"]);
    let v = json_of(&out);
    let uri =
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string();
    assert_eq!(uri, "a%5Cb.md");
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
