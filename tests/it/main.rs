//! The integration tests, in one binary: each `tests/*.rs` file was its own binary linking
//! the whole library, so a cold `cargo test` spent minutes linking. One module per subject;
//! the hostile inputs stay in their own binary (tests/hostile.rs), since their time limits
//! and growth measurements need a machine that is not running the other tests too.
//!
//! Run one module with `cargo test --test it cli::` (a name filter), the command-line cases
//! in tests/cmd/ with `cargo test --test it cmd`.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod cli;
mod cmd;
mod fixtures;
mod formats;
mod html_report;
mod html_text;
mod law;
mod lsp;
mod packages;
mod properties;
mod questions;
mod rules;
mod serve;
mod snapshots;
mod workflow;
