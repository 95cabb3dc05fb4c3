//! A rule's regular expression, compiled on first use, and compiled again for speed once it
//! runs often.
//!
//! Compiling all expressions of the bundled rules takes far longer than checking a small file,
//! and most of them never run on it: the engine runs an expression only where one of its
//! required words occurs (see [`literals`](super::literals)). So an expression is compiled the
//! first time it runs, and then only into the engines that need no more than its automaton (a
//! backtracker and a Pike VM): about half the compile time of the full set of engines. After
//! [`FULL_AFTER`] runs, as in a batch run, or for a text too long for those engines, it is
//! compiled again with the lazy DFA, which searches several times faster. Both find exactly
//! the same matches. Expressions from rule folders on disk are compiled in full when loaded,
//! so that a bad one is reported with its file and position; the bundled ones are compiled by
//! the tests.

use std::ops::Deref;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

use super::literals::{Group, required_words};

/// Runs after which an expression is compiled with all engines.
pub const FULL_AFTER: u32 = 16;
/// Texts longer than this (a paragraph is far shorter) get all engines at once: the quick
/// ones are slow on long texts.
const QUICK_MAX_LEN: usize = 4096;

/// A case-insensitive regular expression from a rule file.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    words: Option<Vec<Group>>,
    /// Compiled for the first runs: quick to compile, slower to run; dropped (with the
    /// search caches it has grown) once the expression is compiled in full.
    quick: Mutex<Option<Option<Arc<Regex>>>>,
    /// Compiled with all engines.
    full: OnceLock<Option<Regex>>,
    runs: AtomicU32,
}

impl Clone for Pattern {
    fn clone(&self) -> Self {
        Pattern {
            source: self.source.clone(),
            words: self.words.clone(),
            quick: Mutex::new(self.quick.lock().unwrap_or_else(|e| e.into_inner()).clone()),
            full: self.full.clone(),
            runs: AtomicU32::new(self.runs.load(Ordering::Relaxed)),
        }
    }
}

impl Pattern {
    /// Compiles `source` now; the error is a one-line reason.
    pub fn new(source: &str) -> Result<Pattern, String> {
        let regex = compile_regex(source)?;
        Ok(Pattern {
            source: source.to_string(),
            words: required_words(source),
            quick: Mutex::new(None),
            full: OnceLock::from(Some(regex)),
            runs: AtomicU32::new(0),
        })
    }

    /// A pattern known to compile (the bundled rules, checked by the tests), with its required
    /// words worked out in advance; it is compiled the first time it runs.
    pub(crate) fn deferred(source: &str, words: Option<Vec<Group>>) -> Pattern {
        Pattern {
            source: source.to_string(),
            words,
            quick: Mutex::new(None),
            full: OnceLock::new(),
            runs: AtomicU32::new(0),
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

    /// The compiled expression, for one run on a text of `len` bytes; `None` only for a
    /// deferred pattern that does not compile, which then matches nothing.
    pub fn regex(&self, len: usize) -> Option<Compiled<'_>> {
        if let Some(full) = self.full.get() {
            return full.as_ref().map(Compiled::Full);
        }
        if len <= QUICK_MAX_LEN && self.runs.fetch_add(1, Ordering::Relaxed) < FULL_AFTER {
            let mut quick = self.quick.lock().unwrap_or_else(|e| e.into_inner());
            // Another thread may have compiled it in full since.
            if let Some(full) = self.full.get() {
                return full.as_ref().map(Compiled::Full);
            }
            let regex =
                quick.get_or_insert_with(|| build(&self.source, Engines::Quick).ok().map(Arc::new));
            return regex.clone().map(Compiled::Quick);
        }
        let full = self
            .full
            .get_or_init(|| build(&self.source, Engines::All).ok());
        *self.quick.lock().unwrap_or_else(|e| e.into_inner()) = None;
        full.as_ref().map(Compiled::Full)
    }

    /// Does the expression match somewhere in `text`?
    pub fn is_match(&self, text: &str) -> bool {
        self.regex(text.len()).is_some_and(|r| r.is_match(text))
    }
}

/// A compiled expression, as [`Pattern::regex`] gives it.
pub enum Compiled<'a> {
    /// Compiled for the first runs, shared with the pattern until it is compiled in full.
    Quick(Arc<Regex>),
    /// Compiled in full, kept by the pattern.
    Full(&'a Regex),
}

impl Deref for Compiled<'_> {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        match self {
            Compiled::Quick(r) => r,
            Compiled::Full(r) => r,
        }
    }
}

/// Which of the regex crate's engines an expression is compiled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engines {
    /// The backtracker and the Pike VM, which run on the expression's automaton as it is.
    Quick,
    /// Those and the lazy DFA, which needs the automaton reversed too.
    All,
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
    build(p, Engines::All)
}

fn build(p: &str, engines: Engines) -> Result<Regex, String> {
    let all = engines == Engines::All;
    Regex::builder()
        .syntax(syntax::Config::new().case_insensitive(true))
        .configure(
            meta::Config::new()
                .which_captures(WhichCaptures::Implicit)
                .onepass(false)
                .auto_prefilter(false)
                .hybrid(all)
                .dfa(all)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_and_full_engines_find_the_same_and_the_switch_comes_after_a_few_runs() {
        let p = Pattern::deferred(
            r"\b(any|your) (\w+ )?health (conditions?|problems?)\b",
            None,
        );
        let text = "Do you have any chronic health conditions? Or your health problems?";
        let expected: Vec<_> = compile_regex(p.as_str())
            .unwrap()
            .find_iter(text)
            .map(|m| m.range())
            .collect();
        assert_eq!(expected.len(), 2);
        for run in 0..FULL_AFTER + 2 {
            let r = p.regex(text.len()).unwrap();
            assert_eq!(
                matches!(r, Compiled::Quick(_)),
                run < FULL_AFTER,
                "run {run}"
            );
            let found: Vec<_> = r.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(found, expected, "run {run}");
        }
        assert!(
            p.quick.lock().unwrap().is_none(),
            "the quick one is dropped once the full one is there"
        );
        // A long text gets all engines at once.
        let q = Pattern::deferred(p.as_str(), None);
        assert!(matches!(
            q.regex(QUICK_MAX_LEN + 1).unwrap(),
            Compiled::Full(_)
        ));
        // A pattern compiled on loading is already full.
        let r = Pattern::new(p.as_str()).unwrap();
        assert!(matches!(r.regex(10).unwrap(), Compiled::Full(_)));
    }

    #[test]
    fn a_deferred_pattern_that_does_not_compile_matches_nothing() {
        let p = Pattern::deferred("(unclosed", None);
        assert!(p.regex(5).is_none());
        assert!(!p.is_match("(unclosed"));
        assert!(p.regex(QUICK_MAX_LEN + 1).is_none());
    }
}
