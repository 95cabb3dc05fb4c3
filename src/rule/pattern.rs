//! A rule's regular expression, compiled on first use.
//!
//! Compiling all expressions of the bundled rules takes far longer than checking a small file,
//! and most of them never run on it: the engine runs an expression only where one of its
//! required words occurs (see [`literals`](super::literals)). So an expression is compiled the
//! first time it runs. Expressions from rule folders on disk are compiled when loaded, so that a
//! bad one is reported with its file and position; the bundled ones are compiled by the tests.

use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

use super::literals::{Group, required_words};

/// A case-insensitive regular expression from a rule file.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    words: Option<Vec<Group>>,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// Compiles `source` now; the error is a one-line reason.
    pub fn new(source: &str) -> Result<Pattern, String> {
        let regex = compile_regex(source)?;
        Ok(Pattern {
            source: source.to_string(),
            words: required_words(source),
            compiled: OnceLock::from(Some(regex)),
        })
    }

    /// A pattern known to compile (the bundled rules, checked by the tests), with its required
    /// words worked out in advance; it is compiled the first time it runs.
    pub(crate) fn deferred(source: &str, words: Option<Vec<Group>>) -> Pattern {
        Pattern {
            source: source.to_string(),
            words,
            compiled: OnceLock::new(),
        }
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Groups of words (lower case) such that every match contains a word of every group,
    /// if known.
    pub fn required_words(&self) -> Option<&[Group]> {
        self.words.as_deref()
    }

    /// The compiled expression; `None` only for a deferred pattern that does not compile,
    /// which then matches nothing.
    pub fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| compile_regex(&self.source).ok())
            .as_ref()
    }

    /// Does the expression match somewhere in `text`?
    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_some_and(|r| r.is_match(text))
    }
}

/// Compiles a rule-file regular expression: case-insensitive, with bounded size.
///
/// The engines are the `regex` crate's, configured for what hirelint asks of them: where the
/// matches are, never what groups captured. So only the implicit whole-match group is
/// compiled, and the one-pass DFA (which only speeds up group captures) is left out; both save
/// memory. The engine's own literal prefilter is left out too: it nearly halves the time to
/// compile, and hirelint has already found one of the pattern's required words in the
/// (short) block before it runs the pattern.
pub fn compile_regex(p: &str) -> Result<Regex, String> {
    Regex::builder()
        .syntax(syntax::Config::new().case_insensitive(true))
        .configure(
            meta::Config::new()
                .which_captures(WhichCaptures::Implicit)
                .onepass(false)
                .auto_prefilter(false)
                .nfa_size_limit(Some(4 << 20))
                .hybrid_cache_capacity(2 << 20),
        )
        .build(p)
        .map_err(|e| {
            let reason = if let Some(syntax) = e.syntax_error() {
                first_line(&syntax.to_string())
            } else if let Some(limit) = e.size_limit() {
                format!(
                    "compiled, it is larger than the limit of {} MB; make it simpler (fewer or smaller repetitions)",
                    limit >> 20
                )
            } else {
                e.to_string()
            };
            format!("bad regular expression `{p}`: {reason}")
        })
}

fn first_line(s: &str) -> String {
    // The regex crate's messages draw a caret diagram; keep its last line, the reason.
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .trim_start_matches("error: ")
        .to_string()
}
