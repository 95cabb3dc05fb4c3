//! Escaping for where text goes. File names, rule ids and messages come from whoever wrote the
//! pull request (a file may be named `a⏎::stop-commands::x⏎.md`, a rule file may say anything),
//! so every one of them is escaped before it reaches a terminal or a CI log:
//!
//! - [`shown`] for the terminal and the logs (human output, every line on stderr): control
//!   characters, line and paragraph separators and bidirectional controls are shown as `\n`,
//!   `\x1b`, `\u{202e}` and so on, never sent. So a value can never start a line of its own,
//!   and a CI runner, which reads workflow commands (`::error …`) from the start of any line
//!   on either stream, never sees one that hirelint did not write.
//! - GitHub workflow commands have their own escaping ([`crate::report::github`]), XML and
//!   JSON theirs.

use std::borrow::Cow;

/// Is this character one that must not reach a terminal as it is?
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}'
        )
}

/// `s` with every control character, line or paragraph separator and bidirectional control
/// written as an escape (`\n`, `\t`, `\r`, `\x1b`, `\u{202e}`): safe to print on one line of a
/// terminal or a CI log.
pub fn shown(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`shown`] for a path, lossily converted to text (bytes that are not UTF-8 become U+FFFD).
pub fn path(p: &std::path::Path) -> String {
    shown(&p.to_string_lossy()).into_owned()
}

/// Text that goes on several lines of a log (a multi-line report body): [`shown`] for each
/// line, so that no line it writes can begin with `::` (a workflow command) after leading
/// blanks; a colon at the start of a line is written as `\:`.
pub fn lines(s: &str) -> String {
    s.split('\n')
        .map(|l| {
            let l = shown(l);
            let trimmed = l.trim_start();
            if trimmed.starts_with("::") {
                let lead = l.len() - trimmed.len();
                format!("{}\\{}", &l[..lead], trimmed)
            } else {
                l.into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown() {
        assert_eq!(
            shown("a\n::stop-commands::x\n.md"),
            "a\\n::stop-commands::x\\n.md"
        );
        assert_eq!(shown("\u{1b}[31mred"), "\\x1b[31mred");
        assert_eq!(shown("a\u{202e}b\u{85}c"), "a\\u{202e}b\\x85c");
        assert!(matches!(shown("plain / é"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_never_start_a_command() {
        assert_eq!(lines("x\n  ::error::y\nz"), "x\n  \\::error::y\nz");
    }
}
