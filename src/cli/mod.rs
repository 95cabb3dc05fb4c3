//! The command line: arguments parsed ([`args`]) and handed to the library's commands
//! ([`hirelint::command`]); nothing else.

mod args;

use std::path::Path;

use anyhow::Result;
use clap::{CommandFactory as _, Parser as _, ValueEnum as _};

use args::{Cli, Command};
use hirelint::command;

/// Parses the command line and runs the command; returns the exit code.
pub fn run() -> Result<u8> {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The commands, and the words that are not paths either.
    let mut commands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().into())
        .collect();
    commands.extend(["help", "-h", "--help", "-V", "--version"].map(String::from));
    let commands: Vec<&str> = commands.iter().map(String::as_str).collect();
    // `hirelint PATH` means `hirelint check PATH`.
    let first = args.get(1).map(|a| a.to_string_lossy().to_string());
    // `hirelint chek docs/` is a misspelt command, not a path to check.
    if let Some(word) = first.as_deref()
        && !commands.contains(&word)
        && !word.starts_with('-')
        && !Path::new(word).exists()
        && let Some(command) = hirelint::text::did_you_mean(word, &commands)
    {
        let line =
            format!("error: no command or path `{word}`; did you mean `hirelint {command}`?");
        eprintln!("{}", hirelint::escape::shown(&line));
        return Ok(2);
    }
    if first.as_deref().is_none_or(|a| !commands.contains(&a)) {
        args.insert(1, "check".into());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(code);
        }
    };
    match cli.command {
        Command::Check(a) => command::check(&a.options()),
        Command::Serve(a) => crate::serve::run(*a),
        Command::Rules(a) => {
            let format = a
                .format
                .to_possible_value()
                .map(|v| v.get_name().to_owned());
            command::rules(&a.rules, a.unreviewed, format.as_deref().unwrap_or("text"))
        }
        Command::Explain { rule, rules } => command::explain(&rules, &rule),
        Command::TestRules { dir } => command::test_rules(&dir),
        Command::Inspect { file } => command::inspect(&file),
        Command::Lsp => crate::lsp::run(),
        Command::Init { dir, force } => command::init(&dir, force),
        Command::Eval {
            labels,
            docs,
            questions,
            rules,
            no_bundled,
            brief,
        } => command::eval(
            labels.as_deref(),
            docs.as_deref(),
            questions.as_deref(),
            &rules,
            no_bundled,
            brief,
        ),
    }
}
