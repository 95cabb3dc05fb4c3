//! The `hirelint` command line: argument parsing and exit codes. Everything else is in the
//! library.
//!
//! Exit codes: 0 no finding at or above `--fail-on`; 1 findings; 2 usage, configuration or
//! rule error, or a path that could not be read.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`hirelint … | head`) is not an error worth a message.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
