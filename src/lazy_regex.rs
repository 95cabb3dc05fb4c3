//! A rule's regular expression as the engine runs it: compiled on first use, and compiled
//! again for speed once it runs often. The rule itself holds only the expression's text (see
//! [`Pattern`](crate::rule::Pattern)); the engine owns one [`LazyRegex`] per distinct
//! expression.
//!
//! Compiling all expressions of the bundled rules takes far longer than checking a small file,
//! and most of them never run on it: the engine runs an expression only where one of its
//! required words occurs (see [`literals`](super::literals)). So an expression is compiled the
//! first time it runs, and then only into the engines that need no more than its automaton (a
//! backtracker and a Pike VM): about half the compile time of the full set of engines. After
//! [`FULL_AFTER`] runs, as in a batch run, or for a text too long for those engines, it is
//! compiled again with the lazy DFA, which searches several times faster. Both find exactly
//! the same matches. Every expression was checked when its rule was loaded (see
//! [`Pattern`](crate::rule::Pattern)), so compiling one here does not fail in practice; if it
//! did, the expression would match nothing.

use std::ops::Deref;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_syntax::hir::{Capture, Hir, HirKind, LookSet, Repetition};

/// Runs after which an expression is compiled with all engines.
pub const FULL_AFTER: u32 = 16;

/// Set for a batch run (many files): every expression is compiled with all engines the first
/// time it runs, since most will run often; the quick compile would be work thrown away.
static BATCH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Says that this process checks many files (see [`BATCH`]). Findings are the same either way.
pub fn set_batch(on: bool) {
    BATCH.store(on, Ordering::Relaxed);
}
/// Texts longer than this (a paragraph is far shorter) get all engines at once: the quick
/// ones are slow on long texts.
const QUICK_MAX_LEN: usize = 4096;

/// A case-insensitive regular expression from a rule file, compiled when first run.
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    /// Compiled for the first runs: quick to compile, slower to run; dropped (with the
    /// search caches it has grown) once the expression is compiled in full.
    quick: Mutex<Option<Option<Arc<Regex>>>>,
    /// Compiled with all engines.
    full: OnceLock<Option<Regex>>,
    runs: AtomicU32,
    /// The expression without its word boundaries, when it has Unicode ones: a quick test
    /// for texts beyond ASCII (see [`LazyRegex::may_match`]).
    relaxed: OnceLock<Option<Regex>>,
    /// Runs on texts beyond ASCII.
    wide_runs: AtomicU32,
}

impl LazyRegex {
    /// The expression `source`, to be compiled the first time it runs.
    pub fn new(source: &str) -> LazyRegex {
        LazyRegex {
            source: source.to_string(),
            quick: Mutex::new(None),
            full: OnceLock::new(),
            runs: AtomicU32::new(0),
            relaxed: OnceLock::new(),
            wide_runs: AtomicU32::new(0),
        }
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The compiled expression, for one run on a text of `len` bytes; `None` only for a
    /// expression that does not compile, which then matches nothing.
    pub fn regex(&self, len: usize) -> Option<Compiled<'_>> {
        if let Some(full) = self.full.get() {
            return full.as_ref().map(Compiled::Full);
        }
        if len <= QUICK_MAX_LEN
            && !BATCH.load(Ordering::Relaxed)
            && self.runs.fetch_add(1, Ordering::Relaxed) < FULL_AFTER
        {
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

    /// False when the expression certainly does not match in `text`.
    ///
    /// The lazy DFA handles a Unicode word boundary (`\b`) only in ASCII text; elsewhere the
    /// regex crate falls back to engines many times slower. Most runs find nothing, so for an
    /// expression that runs often on such texts, the same expression without its word
    /// boundaries (which matches wherever it matches, and more) is asked first, by the DFA.
    pub fn may_match(&self, text: &str) -> bool {
        if text.is_ascii() || self.wide_runs.fetch_add(1, Ordering::Relaxed) < FULL_AFTER {
            return true;
        }
        let relaxed = self.relaxed.get_or_init(|| relaxed(&self.source));
        relaxed.as_ref().is_none_or(|r| r.is_match(text))
    }

    /// Does the expression match somewhere in `text`?
    pub fn is_match(&self, text: &str) -> bool {
        self.regex(text.len()).is_some_and(|r| r.is_match(text))
    }
}

/// A compiled expression, as [`LazyRegex::regex`] gives it.
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

/// `p` without its word boundaries, compiled with all engines; `None` when it has no Unicode
/// word boundary (or does not compile).
fn relaxed(p: &str) -> Option<Regex> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .multi_line(true)
        .build()
        .parse(p)
        .ok()?;
    if !hir.properties().look_set().contains_word_unicode() {
        return None;
    }
    Regex::builder()
        .configure(config(Engines::All))
        .build_from_hir(&without_word_boundaries(&hir))
        .ok()
}

fn without_word_boundaries(hir: &Hir) -> Hir {
    let sub = |h: &Hir| Box::new(without_word_boundaries(h));
    match hir.kind() {
        HirKind::Look(look) if LookSet::singleton(*look).contains_word() => Hir::empty(),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: sub(&rep.sub),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: sub(&cap.sub),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_word_boundaries).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(without_word_boundaries).collect())
        }
        _ => hir.clone(),
    }
}

fn config(engines: Engines) -> meta::Config {
    let all = engines == Engines::All;
    meta::Config::new()
        .which_captures(WhichCaptures::Implicit)
        .onepass(false)
        .auto_prefilter(false)
        .hybrid(all)
        .dfa(all)
        .nfa_size_limit(Some(4 << 20))
        .hybrid_cache_capacity(2 << 20)
}

/// Case-insensitive; `^` and `$` also match at the line breaks a block keeps (the ends of the
/// lines of a list written as bare lines, see `docs/rule-format.md`).
fn build(p: &str, engines: Engines) -> Result<Regex, String> {
    Regex::builder()
        .syntax(
            syntax::Config::new()
                .case_insensitive(true)
                .multi_line(true),
        )
        .configure(config(engines))
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
        let p = LazyRegex::new(r"\b(any|your) (\w+ )?health (conditions?|problems?)\b");
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
        let q = LazyRegex::new(p.as_str());
        assert!(matches!(
            q.regex(QUICK_MAX_LEN + 1).unwrap(),
            Compiled::Full(_)
        ));
    }

    #[test]
    fn texts_beyond_ascii_are_first_asked_of_the_expression_without_word_boundaries() {
        let p = LazyRegex::new(r"\bcaf[eé]s?\b");
        let wide = "Un café crème, s'il vous plaît.";
        let none = "Crème brûlée, cafétéria.";
        // No quick test until the expression has run often on such texts.
        for _ in 0..FULL_AFTER {
            assert!(p.may_match(none));
        }
        assert!(p.may_match(wide));
        assert!(!p.may_match("Une crème brûlée."));
        // Without its boundaries it finds "café" in "cafétéria": the full expression decides.
        assert!(p.may_match(none));
        assert!(!p.is_match(none));
        // ASCII texts always go to the expression itself.
        assert!(p.may_match("No coffee here"));
        // Nothing to relax without Unicode word boundaries.
        assert!(relaxed(r"caf[eé]").is_none());
        assert!(relaxed(r"(?-u:\b)cafe").is_none());
        assert!(relaxed(r"\Bness").is_some());
    }

    proptest::proptest! {
        /// Whatever the text, where the expression matches, the quick test says it may.
        #[test]
        fn the_quick_test_never_hides_a_match(text in "[a-zé’ .-]{0,30}") {
            for source in [r"\bé\w*\b", r"\b(ab|a)\b", r"\Ba\b.{0,3}\bé", r"^a\b"] {
                let p = LazyRegex::new(source);
                p.wide_runs.store(FULL_AFTER, Ordering::Relaxed);
                if compile_regex(source).unwrap().is_match(&text) {
                    proptest::prop_assert!(p.may_match(&text), "{} on {:?}", source, text);
                }
            }
        }
    }

    #[test]
    fn line_anchors_match_at_the_line_breaks_a_block_keeps() {
        // A score sheet written as bare lines is one block whose lines end in "\n": `^` and
        // `$` are the start and end of each line, as a reader of the rule would expect.
        let p = LazyRegex::new(r"^\W*energy\b[^\n]{0,20}$");
        let block = "Knows the menu 1-5\nEnergy and enthusiasm 1-5\nTill skills 1-5";
        let found: Vec<&str> = p
            .regex(block.len())
            .unwrap()
            .find_iter(block)
            .map(|m| &block[m.range()])
            .collect();
        assert_eq!(found, ["Energy and enthusiasm 1-5"]);
        // Not in the middle of a line.
        assert!(!p.is_match("We score energy and enthusiasm 1-5"));
    }

    #[test]
    fn an_expression_that_does_not_compile_matches_nothing() {
        let p = LazyRegex::new("(unclosed");
        assert!(p.regex(5).is_none());
        assert!(!p.is_match("(unclosed"));
        assert!(p.regex(QUICK_MAX_LEN + 1).is_none());
    }
}
