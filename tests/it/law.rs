//! Rules that rely on the law name their jurisdictions; `--jurisdiction` (or `jurisdiction` in
//! hirelint.toml) shows only the law that applies to the user, and every such finding says
//! whose law it is.

use std::process::Command;

fn check(args: &[&str], doc: &str) -> (Option<i32>, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("questions.md");
    std::fs::write(&path, doc).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .env("NO_COLOR", "1")
        .args([
            "check",
            "--no-config",
            "--kind",
            "interview",
            "--format",
            "json",
        ])
        .args(args)
        .arg(&path)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code(),
        v,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const DOC: &str = "## Questions\n\n- Do you have any health conditions?\n- How much were you paid in your last job?\n";

fn rules_with_law(v: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| {
            let j = f.get("jurisdictions")?.as_array()?;
            Some((
                f["rule"].as_str().unwrap().to_string(),
                j.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
            ))
        })
        .collect()
}

#[test]
fn findings_name_their_law_and_a_jurisdiction_keeps_only_its_own() {
    let (_, all, _) = check(&[], DOC);
    let law = rules_with_law(&all);
    assert!(
        law.iter()
            .any(|(r, j)| r == "unlawful/health-question" && j.contains(&"GB".to_string())),
        "{law:?}"
    );
    assert!(
        law.iter()
            .any(|(r, j)| r == "unlawful/pay-history" && j.contains(&"EU".to_string())),
        "{law:?}"
    );
    // Great Britain: the pre-offer health question stays, the EU pay-history ban is not its law.
    let (_, gb, _) = check(&["--jurisdiction", "GB"], DOC);
    let gb = rules_with_law(&gb);
    assert!(
        gb.iter().any(|(r, _)| r == "unlawful/health-question"),
        "{gb:?}"
    );
    assert!(
        !gb.iter().any(|(r, _)| r == "unlawful/pay-history"),
        "{gb:?}"
    );
    // Ireland is in the EU: EU law applies.
    let (_, ie, _) = check(&["--jurisdiction", "IE"], DOC);
    assert!(
        rules_with_law(&ie)
            .iter()
            .any(|(r, _)| r == "unlawful/pay-history")
    );
}

#[test]
fn the_configuration_sets_the_jurisdiction() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hirelint.toml"),
        "jurisdiction = [\"GB\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("q.md"), DOC).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .current_dir(dir.path())
        .args(["check", "--kind", "interview", "--format", "json", "q.md"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let law = rules_with_law(&v);
    assert!(
        !law.is_empty() && !law.iter().any(|(r, _)| r == "unlawful/pay-history"),
        "{law:?}"
    );
}
