//! The workflow features end to end: configuration files, inline suppressions, baselines,
//! safe fixes and job-board dumps (JSON Lines), each with a round trip that would fail
//! without the feature.

use crate::common::json_of;

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The binary run from `dir`, as outside CI.
fn bin(dir: &Path) -> Command {
    let mut c = crate::common::bin_in(dir);
    c.env_remove("CI");
    c
}

fn rules_of(v: &Value) -> Vec<(String, u64)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

const AD: &str = "# Office manager\n\n## Duties\n- Answer the phone and book rooms.\n\n## Requirements\n- A rockstar who can chair meetings.\n- Our chairman wants a self-starter.\n";

#[test]
fn config_is_found_walking_up_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("jobs/2026")).unwrap();
    std::fs::write(d.join("jobs/2026/ad.md"), AD).unwrap();
    std::fs::write(
        d.join("hirelint.toml"),
        "select = [\"buzzword\", \"exclusionary\"]\nignore = [\"exclusionary/chairman\"]\nfail-on = \"error\"\n[severity]\nbuzzword = \"error\"\n",
    )
    .unwrap();
    let out = bin(d)
        .args(["check", "--format", "json", "jobs/2026/ad.md"])
        .output()
        .unwrap();
    let v = json_of(&out);
    let rules: Vec<String> = rules_of(&v).into_iter().map(|(r, _)| r).collect();
    assert!(
        rules.iter().all(|r| r.starts_with("buzzword/")),
        "{rules:?}"
    );
    assert!(!rules.is_empty());
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] == "error")
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "buzzword is an error here, and fail-on is error"
    );
    // The flag wins over the file.
    let out = bin(d)
        .args(["check", "--fail-on", "never", "jobs/2026/ad.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // --no-config: all rules, the chairman rule too.
    let out = bin(d)
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "jobs/2026/ad.md",
        ])
        .output()
        .unwrap();
    let rules: Vec<String> = rules_of(&json_of(&out))
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert!(
        rules.contains(&"exclusionary/chairman".to_string()),
        "{rules:?}"
    );
}

#[test]
fn config_kinds_by_glob_and_include() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("interviews")).unwrap();
    std::fs::create_dir_all(d.join("drafts")).unwrap();
    // A bare list of prompts: only the kind from the configuration makes it an interview.
    let plan = "Opening.\n\n- Where do you see yourself in five years?\n";
    std::fs::write(d.join("interviews/plan.md"), plan).unwrap();
    std::fs::write(d.join("drafts/plan.md"), plan).unwrap();
    let out = bin(d)
        .args([
            "check",
            "--no-config",
            "--kind",
            "job-ad",
            "--format",
            "json",
            "interviews",
        ])
        .output()
        .unwrap();
    // Read as a job ad, the list is not an interviewer's script.
    assert!(
        !rules_of(&json_of(&out))
            .iter()
            .any(|(r, _)| r == "interview/future-speculation")
    );
    std::fs::write(
        d.join(".hirelint.toml"),
        "exclude = [\"drafts/**\"]\n[kinds]\n\"interviews/**\" = \"interview\"\n",
    )
    .unwrap();
    let out = bin(d)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let v = json_of(&out);
    let found = rules_of(&v);
    assert!(
        found
            .iter()
            .any(|(r, l)| r == "interview/future-speculation" && *l == 3),
        "{found:?}"
    );
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.iter().all(|p| p.contains("interviews")), "{paths:?}");
}

#[test]
fn config_errors_name_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ad.md"), AD).unwrap();
    std::fs::write(
        d.join("hirelint.toml"),
        "fail-on = \"error\"\n\nselcet = [\"buzzword\"]\n",
    )
    .unwrap();
    let out = bin(d).args(["check", "ad.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("hirelint.toml:3:1") && err.contains("selcet"),
        "{err}"
    );
    std::fs::write(d.join("hirelint.toml"), "select = [\"buzzwords\"]\n").unwrap();
    let out = bin(d).args(["check", "ad.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rule or family `buzzwords`"));
}

#[test]
fn init_writes_a_starter_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = bin(d).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(d.join("hirelint.toml")).unwrap();
    assert!(text.contains("fail-on"));
    assert_eq!(
        bin(d).arg("init").output().unwrap().status.code(),
        Some(2),
        "no overwrite"
    );
    std::fs::write(d.join("ad.md"), AD).unwrap();
    assert_eq!(
        bin(d)
            .args(["check", "ad.md"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn suppressions_in_markdown_and_html_and_unused_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let md = "# Ad\n\n## Requirements\n<!-- hirelint-disable-next-line buzzword -- the band is called Rockstar -->\n- A rockstar.\n- A rockstar.\n<!-- hirelint-disable exclusionary -->\n- Ask the chairman.\n<!-- hirelint-enable exclusionary -->\n- Ask the chairman.\n<!-- hirelint-disable-next-line scope/driving-licence -->\n- Tidy desk.\n";
    std::fs::write(d.join("ad.md"), md).unwrap();
    let html = "<h2>Requirements</h2>\n<!-- hirelint-disable-next-line -->\n<p>A rockstar.</p>\n<p>A rockstar.</p>\n";
    std::fs::write(d.join("ad.html"), html).unwrap();
    let out = bin(d)
        .args([
            "check",
            "--no-config",
            "--select",
            "buzzword,exclusionary",
            "--format",
            "json",
            "ad.md",
            "ad.html",
        ])
        .output()
        .unwrap();
    let v = json_of(&out);
    let md_found: Vec<(String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "ad.md")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        md_found,
        vec![
            ("buzzword/hype-titles".to_string(), 6),
            ("exclusionary/chairman".to_string(), 10),
            ("hirelint/unused-suppression".to_string(), 11),
        ]
    );
    let html_lines: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "ad.html")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(html_lines, vec![4]);
    // The unused-suppression check can itself be switched off.
    let out = bin(d)
        .args([
            "check",
            "--no-config",
            "--select",
            "buzzword,exclusionary",
            "--ignore",
            "hirelint/unused-suppression",
            "--format",
            "json",
            "ad.md",
        ])
        .output()
        .unwrap();
    assert!(
        !rules_of(&json_of(&out))
            .iter()
            .any(|(r, _)| r.starts_with("hirelint/"))
    );
}

#[test]
fn baseline_round_trip_survives_edits_above() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ad.md"), AD).unwrap();
    let out = bin(d)
        .args([
            "check",
            "--no-config",
            "--write-baseline",
            "base.json",
            "ad.md",
        ])
        .output()
        .unwrap();
    // Writing the baseline is what was asked: the findings it records do not fail the run.
    assert_eq!(out.status.code(), Some(0));
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("base.json")).unwrap()).unwrap();
    assert!(!base["findings"].as_array().unwrap().is_empty());
    // Lines added above every finding, and one new finding.
    let edited = AD.replace(
        "# Office manager\n",
        "# Office manager\n\nWe are a small firm.\nWe sell paper.\n",
    ) + "- A ninja with spreadsheets.\n";
    std::fs::write(d.join("ad.md"), edited).unwrap();
    let out = bin(d)
        .args([
            "check",
            "--no-config",
            "--baseline",
            "base.json",
            "--format",
            "json",
            "ad.md",
        ])
        .output()
        .unwrap();
    let v = json_of(&out);
    let found = rules_of(&v);
    assert_eq!(found.len(), 1, "only the new finding: {found:?}");
    assert_eq!(v["findings"][0]["matched"], "ninja");
    // A broken baseline file is an error.
    std::fs::write(d.join("bad.json"), "{\"version\": 1, \"findings\": [}").unwrap();
    let out = bin(d)
        .args(["check", "--no-config", "--baseline", "bad.json", "ad.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json:1:"));
}

#[test]
fn fix_applies_safe_fixes_and_keeps_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let f = d.join("ad.md");
    std::fs::write(&f, AD).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    // --diff shows the fix and writes nothing.
    let out = bin(d)
        .args(["check", "--no-config", "--diff", "ad.md"])
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-- Our chairman wants a self-starter.\n+- Our chair wants a self-starter."),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), AD);
    // --fix writes it, and the chairman finding is gone.
    let out = bin(d)
        .args(["check", "--no-config", "--fix", "--format", "json", "ad.md"])
        .output()
        .unwrap();
    let after = std::fs::read_to_string(&f).unwrap();
    assert_eq!(after, AD.replace("Our chairman", "Our chair"));
    assert!(
        !rules_of(&json_of(&out))
            .iter()
            .any(|(r, _)| r == "exclusionary/chairman")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // Nothing left to fix: the file is not rewritten.
    let before = std::fs::metadata(&f).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    bin(d)
        .args(["check", "--no-config", "--fix", "ad.md"])
        .output()
        .unwrap();
    assert_eq!(std::fs::metadata(&f).unwrap().modified().unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn fix_is_refused_on_a_read_only_file_and_a_failed_write_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let f = d.join("ad.md");
    std::fs::write(&f, AD).unwrap();
    let mut perms = std::fs::metadata(&f).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&f, perms).unwrap();
    let out = bin(d)
        .args(["check", "--no-config", "--fix", "ad.md"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ad.md: the fixes were not written") && err.contains("unchanged"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), AD);
    #[allow(clippy::permissions_set_readonly_false)]
    {
        let mut perms = std::fs::metadata(&f).unwrap().permissions();
        perms.set_readonly(false);
        std::fs::set_permissions(&f, perms).unwrap();
    }
    // A crash between writing the temporary file and the rename leaves the original intact.
    let out = bin(d)
        .env("HIRELINT_TEST_FAIL_BEFORE_RENAME", "1")
        .args(["check", "--no-config", "--fix", "ad.md"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("unchanged"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), AD);
    let temp_left = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
    assert!(!temp_left, "the temporary file is removed");
}

fn dump(records: usize) -> String {
    let mut s = String::new();
    for i in 0..records {
        let text = match i % 3 {
            0 => format!("<h2>Requirements</h2><p>A rockstar for shop {i}.</p>"),
            1 => format!("## Requirements\n- A ninja for site {i}.\n"),
            _ => format!("Plain ad {i} with a self-starter."),
        };
        s.push_str(&serde_json::json!({"id": format!("job-{i}"), "text": text}).to_string());
        s.push('\n');
    }
    s
}

#[test]
fn jsonl_streams_findings_with_ids_and_reports_malformed_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut text = dump(5);
    text.push_str("{not json\n");
    text.push_str("{\"id\": 7}\n");
    text.push_str(&dump(1).replace("job-0", "job-last"));
    std::fs::write(d.join("dump.jsonl"), &text).unwrap();
    let out = bin(d)
        .args([
            "check",
            "--no-config",
            "--select",
            "buzzword",
            "--jsonl",
            "dump.jsonl",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dump.jsonl:6: not a JSON object"), "{err}");
    assert!(err.contains("dump.jsonl:7: no text field `text`"), "{err}");
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().filter_map(|v| v["id"].as_str()).collect();
    assert_eq!(
        ids,
        vec!["job-0", "job-1", "job-2", "job-3", "job-4", "job-last"]
    );
    assert_eq!(lines[0]["matched"], "rockstar");
    assert_eq!(lines[1]["matched"], "ninja");
    assert_eq!(lines.last().unwrap()["type"], "summary");
    // From standard input too.
    let out = crate::common::with_stdin(
        bin(d).args([
            "check",
            "--no-config",
            "--select",
            "buzzword",
            "--jsonl",
            "-",
            "--format",
            "jsonl",
        ]),
        dump(3).as_bytes(),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
}

#[test]
fn sharded_run_equals_single_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = dump(300);
    std::fs::write(d.join("all.jsonl"), &text).unwrap();
    let run = |file: &str| -> Vec<String> {
        let out = bin(d)
            .args(["check", "--no-config", "--jsonl", file, "--format", "jsonl"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.contains("\"type\":\"summary\""))
            .map(str::to_string)
            .collect()
    };
    let single = run("all.jsonl");
    assert!(single.len() >= 300);
    // Split into three shards, check them in parallel, merge.
    let lines: Vec<&str> = text.lines().collect();
    let mut handles = Vec::new();
    for (i, shard) in lines.chunks(100).enumerate() {
        let name = format!("shard-{i}.jsonl");
        std::fs::write(d.join(&name), shard.join("\n") + "\n").unwrap();
        let mut c = bin(d);
        c.args([
            "check",
            "--no-config",
            "--jsonl",
            &name,
            "--format",
            "jsonl",
        ])
        .stdout(Stdio::piped());
        handles.push(c.spawn().unwrap());
    }
    let mut merged = Vec::new();
    for h in handles {
        let out = h.wait_with_output().unwrap();
        merged.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter(|l| !l.contains("\"type\":\"summary\""))
                .map(str::to_string),
        );
    }
    assert_eq!(merged, single);
}

/// A phrase rule file on "go-getter"; `head` is put before its phrases (`formerly = [...]`,
/// `sections = [...]`).
fn go_getter_rule(head: &str) -> String {
    format!(
        "kind = \"phrase\"\nseverity = \"warning\"\nmessage = \"'{{match}}' says nothing checkable.\"\n\
         why = \"w\"\nsuggest = [\"s\"]\nsource = \"s\"\n{head}phrases = [\"go-getter\"]\n\n\
         [examples]\nflag = [\"A go-getter.\"]\npass = [\"A driver.\"]\n"
    )
}

/// The (rule, line) of each finding of `check` on `ad.md` in `d`, with only the rules in
/// `d/r`, JSON output and `extra` arguments; the run must succeed.
fn check_ad_with_rules(d: &Path, extra: &[&str]) -> Vec<(String, u64)> {
    rules_of(&report_of_ad(d, "json", extra))
}

/// The report, in `format`, of `ad.md` in `d` checked with the rules in `d/r` only.
fn report_of_ad(d: &Path, format: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "check",
        "--no-bundled",
        "--rules",
        "r",
        "--format",
        format,
        "--fail-on",
        "never",
    ];
    args.extend_from_slice(extra);
    args.push("ad.md");
    let out = bin(d).args(&args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_of(&out)
}

/// Two rules merged into one, each listed in `formerly`: a baseline recorded before the merge
/// still knows every finding, also when both old rules flagged the same words in different
/// places, and a new occurrence of those words after the merge is still reported.
#[test]
fn a_baseline_follows_two_rules_merged_into_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ad = "# Sales assistant\n\n## About us\n\nWe are a shop of go-getter people.\n\n\
              ## Requirements\n\n- A go-getter who knows the till.\n";
    std::fs::write(d.join("ad.md"), ad).unwrap();
    std::fs::create_dir_all(d.join("r/buzzword")).unwrap();
    std::fs::write(
        d.join("r/buzzword/about-us.toml"),
        go_getter_rule("sections = [\"about\"]\n"),
    )
    .unwrap();
    std::fs::write(
        d.join("r/buzzword/wanted.toml"),
        go_getter_rule("sections = [\"requirements\"]\n"),
    )
    .unwrap();
    let run = |extra: &[&str]| check_ad_with_rules(d, &[&["--no-config"], extra].concat());
    assert_eq!(
        run(&["--write-baseline", "base.json"]),
        [
            ("buzzword/about-us".to_string(), 5),
            ("buzzword/wanted".to_string(), 9)
        ]
    );
    std::fs::remove_file(d.join("r/buzzword/about-us.toml")).unwrap();
    std::fs::remove_file(d.join("r/buzzword/wanted.toml")).unwrap();
    std::fs::write(
        d.join("r/buzzword/go-getter.toml"),
        go_getter_rule("formerly = [\"buzzword/about-us\", \"buzzword/wanted\"]\n"),
    )
    .unwrap();
    assert_eq!(run(&[]).len(), 2);
    assert!(run(&["--baseline", "base.json"]).is_empty());
    // A third go-getter is new.
    std::fs::write(
        d.join("ad.md"),
        format!("{ad}- Another go-getter for weekends.\n"),
    )
    .unwrap();
    assert_eq!(
        run(&["--baseline", "base.json"]),
        [("buzzword/go-getter".to_string(), 10)]
    );
}

/// A rule that moved (another name or another family) keeps answering to its old id through
/// `formerly`: a baseline recorded under the old id, `ignore` and `[severity]` in the
/// configuration, inline suppressions and `explain` all still reach it. Without `formerly`,
/// the same baseline and suppression no longer match.
#[test]
fn a_renamed_rule_answers_to_its_former_id() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ad = "# Sales assistant\n\n## Requirements\n- A go-getter who knows the till.\n";
    std::fs::write(d.join("ad.md"), ad).unwrap();
    std::fs::create_dir_all(d.join("r/buzzword")).unwrap();
    std::fs::write(d.join("r/buzzword/old-name.toml"), go_getter_rule("")).unwrap();
    let run = |extra: &[&str]| check_ad_with_rules(d, extra);
    assert_eq!(
        run(&["--no-config"]),
        [("buzzword/old-name".to_string(), 4)]
    );
    run(&["--no-config", "--write-baseline", "base.json"]);
    // The rule moves to another family and name.
    std::fs::remove_file(d.join("r/buzzword/old-name.toml")).unwrap();
    std::fs::create_dir_all(d.join("r/scope")).unwrap();
    let renamed = d.join("r/scope/new-name.toml");
    std::fs::write(&renamed, go_getter_rule("")).unwrap();
    assert_eq!(
        run(&["--no-config", "--baseline", "base.json"]).len(),
        1,
        "without `formerly` the old baseline does not know the finding"
    );
    std::fs::write(
        &renamed,
        go_getter_rule("formerly = [\"buzzword/old-name\"]\n"),
    )
    .unwrap();
    assert_eq!(run(&["--no-config"]), [("scope/new-name".to_string(), 4)]);
    assert!(run(&["--no-config", "--baseline", "base.json"]).is_empty());
    // SARIF names the former id in the rule's `deprecatedIds`.
    let sarif = report_of_ad(d, "sarif", &["--no-config"]);
    let descriptor = &sarif["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!(descriptor["id"], "scope/new-name");
    assert_eq!(descriptor["deprecatedIds"][0], "buzzword/old-name");
    // Configuration naming the old id: ignored, and a severity that applies.
    std::fs::write(
        d.join("hirelint.toml"),
        "ignore = [\"buzzword/old-name\"]\n",
    )
    .unwrap();
    assert!(run(&[]).is_empty());
    std::fs::write(
        d.join("hirelint.toml"),
        "[severity]\n\"buzzword/old-name\" = \"error\"\n",
    )
    .unwrap();
    assert_eq!(
        report_of_ad(d, "json", &[])["findings"][0]["severity"],
        "error"
    );
    std::fs::remove_file(d.join("hirelint.toml")).unwrap();
    // An inline suppression naming the old id suppresses, and is not reported as unused.
    std::fs::write(
        d.join("ad.md"),
        ad.replace(
            "- A go-getter",
            "<!-- hirelint-disable-next-line buzzword/old-name -->\n- A go-getter",
        ),
    )
    .unwrap();
    assert!(run(&["--no-config"]).is_empty());
    // A region opened with the old id and closed with the new one is one region: the finding
    // after it is reported.
    std::fs::write(
        d.join("ad.md"),
        format!(
            "{ad}\n<!-- hirelint-disable buzzword/old-name -->\n\
             A go-getter is welcome.\n\n<!-- hirelint-enable scope/new-name -->\n\n\
             Every go-getter gets a bonus.\n"
        ),
    )
    .unwrap();
    assert_eq!(
        run(&["--no-config"]),
        [
            ("scope/new-name".to_string(), 4),
            ("scope/new-name".to_string(), 11)
        ]
    );
    // `explain` with the old id shows the rule under its new one.
    let out = bin(d)
        .args(["explain", "--rules", "r", "buzzword/old-name"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("scope/new-name "));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is now `scope/new-name`"));
    // A former id that another rule has is a load error naming the file.
    std::fs::write(d.join("r/buzzword/old-name.toml"), go_getter_rule("")).unwrap();
    let out = bin(d)
        .args([
            "check",
            "--no-config",
            "--no-bundled",
            "--rules",
            "r",
            "ad.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("buzzword/old-name"), "{err}");
    assert!(err.contains("formerly"), "{err}");
    assert!(
        err.contains("new-name.toml") || err.contains("old-name.toml"),
        "{err}"
    );
}
