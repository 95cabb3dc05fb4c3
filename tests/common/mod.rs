//! Helpers shared by the integration tests that run the `hirelint` binary: tests/it/ and
//! tests/hostile.rs each use some of them. A helper needed twice belongs here, not copied.
#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The binary, without colours, run from the crate folder.
pub fn bin() -> Command {
    bin_in(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// The binary, without colours, run from `dir`.
pub fn bin_in(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hirelint"));
    c.env("NO_COLOR", "1");
    c.current_dir(dir);
    c
}

/// The crate folder.
pub fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/data`.
pub fn data(p: &str) -> PathBuf {
    manifest().join("tests/data").join(p)
}

/// `hirelint check --no-bundled --rules tests/data/rules ARGS` from the crate folder.
pub fn run_test_rules(args: &[&str]) -> Output {
    bin()
        .arg("check")
        .arg("--no-bundled")
        .arg("--rules")
        .arg(data("rules"))
        .args(args)
        .output()
        .expect("run hirelint")
}

/// `hirelint ARGS --no-bundled --rules tests/data/rules`, run from `dir`.
pub fn run_test_rules_in(dir: &Path, args: &[&str]) -> Output {
    bin_in(dir)
        .args(args)
        .arg("--no-bundled")
        .arg("--rules")
        .arg(data("rules"))
        .output()
        .expect("run hirelint")
}

/// Standard output, which must be UTF-8.
pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// Standard output as JSON; the panic shows both streams.
pub fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The findings of `check --no-config --format json` on `text` saved as `name` in a
/// temporary folder, with the bundled rules.
pub fn findings_of_text(name: &str, text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let out = bin()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .arg(&path)
        .output()
        .unwrap();
    json_of(&out)["findings"]
        .as_array()
        .expect("a findings array")
        .clone()
}

/// Runs `cmd` with `input` on its standard input; both output streams are captured. The
/// input is written from a thread, so a large input cannot deadlock against a full output
/// pipe.
pub fn with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hirelint");
    let mut stdin = child.stdin.take().expect("standard input");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // The program may stop reading early (an error); that is its answer, not ours.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait for hirelint");
    writer.join().expect("stdin writer");
    out
}
