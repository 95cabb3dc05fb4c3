//! The command line as data: each case in tests/cmd/ is a `trycmd` file, `NAME.toml` (the
//! arguments, the exit code, the environment) with `NAME.stdin`, `NAME.stdout` and
//! `NAME.stderr` beside it, `NAME.in/` as the working folder and `NAME.out/` for the files the
//! run must leave (a sandbox copy of `NAME.in/`). Without `NAME.in/`, a case runs from the crate
//! folder. After an intended change of output: `TRYCMD=overwrite cargo test --test it cmd`,
//! then read `git diff tests/cmd`.

use std::path::PathBuf;

#[test]
fn cmd() {
    trycmd::TestCases::new()
        .register_bin("hirelint", PathBuf::from(env!("CARGO_BIN_EXE_hirelint")))
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
