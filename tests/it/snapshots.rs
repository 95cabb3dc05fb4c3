//! Snapshots of what users read: the human, JSON, SARIF and HTML outputs of
//! `hirelint check fixtures` with the bundled rules, one snapshot per format for the whole
//! folder, kept in tests/snapshots/. Any change of wording, place or order fails here. The
//! fixtures' own expectations (tests/it/fixtures.rs) say which findings must be there; these
//! say how they are shown.
//!
//! After an intended change (a rule tuned, a message reworded): `cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test it snapshots` and read `git diff tests/snapshots`.
//! With `CI` set, insta never writes a snapshot, so CI fails on any difference.

use crate::common::*;

/// `hirelint check --no-config --format FORMAT fixtures`, run from the crate folder so that
/// the paths in the output are relative, and no configuration around the clone counts.
fn check_fixtures(format: &str) -> String {
    let out = bin()
        .args(["check", "--no-config", "--format", format, "fixtures"])
        .output()
        .expect("run hirelint");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the fixtures hold findings; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

/// Snapshots in tests/snapshots/, named after the format alone, with hirelint's version
/// replaced so that a release does not change them.
fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    let version = regex::escape(env!("CARGO_PKG_VERSION"));
    // SARIF's tool.driver.version and semanticVersion, the HTML report's generator.
    s.add_filter(
        &format!(r#"("semanticVersion":"|"version":"|hirelint ){version}\b"#),
        "$1[VERSION]",
    );
    s
}

#[test]
fn human() {
    settings().bind(|| insta::assert_snapshot!("check-fixtures-human", check_fixtures("human")));
}

#[test]
fn json() {
    settings().bind(|| insta::assert_snapshot!("check-fixtures-json", check_fixtures("json")));
}

#[test]
fn sarif() {
    settings().bind(|| insta::assert_snapshot!("check-fixtures-sarif", check_fixtures("sarif")));
}

#[test]
fn html() {
    settings().bind(|| insta::assert_snapshot!("check-fixtures-html", check_fixtures("html")));
}
