//! `--fix` and `--diff`: the safe fixes of a checked file written (then the file checked
//! again) or shown.

use crate::linter::Linter;
use crate::report::FileResult;
use crate::walk::format_of;

/// Applies (or, with `write` false, shows as a diff on `out`) the safe fixes of one checked
/// file, and checks the fixed text again; returns the findings left, and why the fixes could
/// not be written, if they could not. `file` is the real path (a name that is not UTF-8 is
/// shown with U+FFFD, and the shown name may be another file); standard input has none and is
/// never written. Word and OpenDocument files are never written: a note says so.
pub fn fix_file(
    linter: &Linter,
    result: FileResult,
    file: Option<&std::path::Path>,
    write: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<(FileResult, Option<String>)> {
    let say = |line: String| eprintln!("{}", crate::escape::shown(&line));
    let (fixed, n) = crate::fix::apply(&result.source, &result.findings);
    if n == 0 || fixed == result.source {
        return Ok((result, None));
    }
    if format_of(std::path::Path::new(&result.path)).is_package() {
        eprintln!(
            "note: {}: {} safe fix{} not applied: hirelint does not write Word or OpenDocument files; make the change in your editor (the findings show where)",
            result.path,
            n,
            if n == 1 { "" } else { "es" }
        );
        return Ok((result, None));
    }
    if !write {
        write!(
            out,
            "{}",
            crate::fix::diff(&result.path, &result.source, &fixed)
        )?;
        return Ok((result, None));
    }
    let Some(path) = file else {
        let why = "standard input is never fixed: the fixes were not written".to_string();
        say(format!("error: {}: {why}", result.path));
        return Ok((result, Some(why)));
    };
    match crate::write::replace_file(path, fixed.as_bytes()) {
        Ok(()) => {
            say(format!(
                "fixed: {}: {n} fix{} applied",
                result.path,
                if n == 1 { "" } else { "es" }
            ));
            let source = crate::linter::Source {
                name: result.path.clone(),
                path: path.to_path_buf(),
                kind: None,
                body: crate::linter::Body::Text(fixed, format_of(path)),
            };
            match linter.lint(source) {
                Ok(again) => Ok((again, None)),
                Err(why) => Ok((result, Some(why))),
            }
        }
        Err(e) => {
            let why = format!(
                "the fixes were not written, because {}; the file is unchanged",
                match e.kind() {
                    std::io::ErrorKind::NotFound => "it is gone".to_string(),
                    _ => e.to_string(),
                }
            );
            say(format!("error: {}: {why}", result.path));
            Ok((result, Some(why)))
        }
    }
}
