//! A rule's regular expression as the engine runs it: compiled on first use, and compiled
//! again for speed once it runs often. The rule itself holds only the expression's text (see
//! [`Pattern`](crate::rule::Pattern)); the engine owns one [`LazyRegex`] per distinct
//! expression.
//!
//! Compiling all expressions of the bundled rules takes far longer than checking a small file,
//! and most of them never run on it: the engine runs an expression only where one of its
//! required words occurs (see [`literals`](super::literals)). So an expression is compiled the
//! first time it runs, and only into the engines that run then: for its first [`FULL_AFTER`]
//! runs (none in a batch run) the backtracker and the Pike VM, quick to compile; after that a
//! forward lazy DFA that says whether a text has a match at all, and, only where it has, the
//! full set of engines (forward and reverse lazy DFA) that says where. Texts longer than a
//! block go to the full set at once. All find exactly the same matches. Every engine runs the
//! expression with `\w` narrowed to the letters of Latin scripts (see [`narrowed`]), which
//! makes the automaton of a repeated word class some fifty times smaller. Every expression was
//! checked when its rule was loaded (see [`Pattern`](crate::rule::Pattern)), so compiling one
//! here does not fail in practice; if it did, the expression would match nothing.

use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use regex_automata::Input;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, LookSet, Repetition,
};
use std::sync::LazyLock;

/// Runs after which an expression is first asked, by its forward automaton, whether a text
/// has a match at all.
pub const FULL_AFTER: u32 = 16;

/// Set for a batch run (many files): every expression is asked by its forward automaton from
/// the first run, since most will run often.
static BATCH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Says that this process checks many files (see [`BATCH`]). Findings are the same either way.
pub fn set_batch(on: bool) {
    BATCH.store(on, Ordering::Relaxed);
}
/// Texts longer than this (a paragraph is far shorter) get all engines: the backtracker and
/// the Pike VM are slow on long texts.
const QUICK_MAX_LEN: usize = 4096;

/// A case-insensitive regular expression from a rule file, compiled when first run, with its
/// word classes narrowed to Latin scripts (see [`narrowed`]).
///
/// Most runs find nothing (in a batch run of generated job ads, about one in sixteen finds a
/// match). So an expression that runs often is first asked, by a forward lazy DFA, whether the
/// text has a match at all; only where it has does the full set of engines (which also needs
/// the automaton reversed, to find where a match starts) say where. Texts longer than a block
/// go to the full set at once.
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    /// The backtracker and the Pike VM: where the matches are, in block-sized texts.
    quick: OnceLock<Option<Regex>>,
    /// All engines: where the matches are, in long texts.
    full: OnceLock<Option<Regex>>,
    /// Whether a text has a match at all.
    forward: OnceLock<Option<Forward>>,
    runs: AtomicU32,
    /// The expression without its word boundaries, when it has Unicode ones: a quick test
    /// for texts beyond ASCII (see [`LazyRegex::may_match`]).
    relaxed: OnceLock<Option<Regex>>,
    /// Runs on texts beyond ASCII.
    wide_runs: AtomicU32,
}

type NewCache = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A forward lazy DFA, with one search cache per thread.
struct Forward {
    dfa: Arc<DFA>,
    caches: Pool<Cache, NewCache>,
}

impl std::fmt::Debug for Forward {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Forward")
    }
}

impl Forward {
    fn build(p: &str) -> Option<Forward> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(4 << 20)),
            )
            .build_from_hir(&parse(p)?)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .cache_capacity(2 << 20)
                    .skip_cache_capacity_check(true)
                    // Beyond ASCII the DFA stops and says it cannot tell.
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let dfa = Arc::new(dfa);
        let new_cache = {
            let dfa = Arc::clone(&dfa);
            Box::new(move || dfa.create_cache()) as NewCache
        };
        Some(Forward {
            dfa,
            caches: Pool::new(new_cache),
        })
    }

    /// Does `text` have a match? `None` when the DFA cannot tell (a Unicode word boundary in
    /// a text beyond ASCII, or a cache too small for the expression).
    fn has_match(&self, text: &str) -> Option<bool> {
        let mut cache = self.caches.get();
        self.dfa
            .try_search_fwd(&mut cache, &Input::new(text).earliest(true))
            .ok()
            .map(|m| m.is_some())
    }
}

impl LazyRegex {
    /// The expression `source`, to be compiled the first time it runs.
    pub fn new(source: &str) -> LazyRegex {
        LazyRegex {
            source: source.to_string(),
            quick: OnceLock::new(),
            full: OnceLock::new(),
            forward: OnceLock::new(),
            runs: AtomicU32::new(0),
            relaxed: OnceLock::new(),
            wide_runs: AtomicU32::new(0),
        }
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn quick(&self) -> Option<&Regex> {
        self.quick
            .get_or_init(|| build(&self.source, Engines::Quick).ok())
            .as_ref()
    }

    fn full(&self) -> Option<&Regex> {
        self.full
            .get_or_init(|| build(&self.source, Engines::All).ok())
            .as_ref()
    }

    /// The engine that says where the matches are in `text`, or `None` when the text
    /// certainly has none (or the expression does not compile, and so matches nothing).
    fn locator(&self, text: &str) -> Option<&Regex> {
        if !self.may_match(text) {
            return None;
        }
        if text.len() > QUICK_MAX_LEN {
            return self.full();
        }
        let often = BATCH.load(Ordering::Relaxed)
            || self.runs.fetch_add(1, Ordering::Relaxed) >= FULL_AFTER;
        if often {
            let forward = self.forward.get_or_init(|| Forward::build(&self.source));
            match forward.as_ref().and_then(|f| f.has_match(text)) {
                Some(false) => return None,
                // Where a text has a match, the full set of engines finds where it starts
                // fastest once it has run a while; the backtracker tries every start.
                Some(true) => return self.full(),
                None => {}
            }
        }
        self.quick()
    }

    /// Calls `f` with the range of every match in `text`, in order.
    pub fn find_each(&self, text: &str, mut f: impl FnMut(Range<usize>)) {
        if let Some(regex) = self.locator(text) {
            for m in regex.find_iter(text) {
                f(m.range());
            }
        }
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
        self.locator(text).is_some_and(|r| r.is_match(text))
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

/// One automaton for several expressions, each loosened (see [`loosened`]): it tells, in one
/// pass over a text, which of them may match there (each matches wherever its expression
/// matches, and a little more). For the expressions that have no required words and so would
/// otherwise each run on every block. `None` when one does not compile or the whole is too
/// big: then every expression runs.
pub fn prefilter_set(sources: &[&str]) -> Option<Regex> {
    let hirs = sources
        .iter()
        .map(|p| parse(p).map(|h| loosened(&h)))
        .collect::<Option<Vec<Hir>>>()?;
    Regex::builder()
        .configure(
            config(Engines::All)
                .match_kind(regex_automata::MatchKind::All)
                .which_captures(WhichCaptures::None)
                .dfa(false),
        )
        .build_many_from_hir(&hirs)
        .ok()
}

/// `p` loosened (see [`loosened`]), compiled with all engines; `None` when it has no Unicode
/// word boundary (or does not compile).
fn relaxed(p: &str) -> Option<Regex> {
    let hir = parse(p)?;
    if !hir.properties().look_set().contains_word_unicode() {
        return None;
    }
    Regex::builder()
        .configure(config(Engines::All))
        .build_from_hir(&loosened(&hir))
        .ok()
}

/// `p` parsed as the engines read it (see [`syntax_config`]) and narrowed (see
/// [`narrowed`]); `None` when it does not parse.
fn parse(p: &str) -> Option<Hir> {
    parse_with(p, syntax_config()).ok()
}

/// `p` parsed with `c` and narrowed; the error is the parser's reason, in one line.
fn parse_with(p: &str, c: syntax::Config) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(c.get_case_insensitive())
        .multi_line(c.get_multi_line())
        .build()
        .parse(p)
        .map(|h| narrowed(&h))
        .map_err(|e| first_line(&e.to_string()))
}

/// Compiles question cues: case-insensitive, `^` and `$` at the ends of the text, word
/// classes narrowed (see [`narrowed`]). With `set`, all `sources` as one automaton that says
/// which of them match (`which_overlapping_matches`); otherwise the one source, to say where.
/// `None` when one does not parse or the whole is too large (the cues were checked when
/// their file was read).
pub fn compile_cues(sources: &[&str], set: bool) -> Option<Regex> {
    let c = syntax::Config::new().case_insensitive(true);
    let hirs = sources
        .iter()
        .map(|p| parse_with(p, c).ok())
        .collect::<Option<Vec<Hir>>>()?;
    let config = meta::Config::new().which_captures(WhichCaptures::Implicit);
    let config = if set {
        config
            .match_kind(regex_automata::MatchKind::All)
            .nfa_size_limit(Some(1 << 26))
            .dfa_size_limit(Some(1 << 22))
            .hybrid_cache_capacity(1 << 22)
    } else {
        config.nfa_size_limit(Some(1 << 24))
    };
    Regex::builder()
        .configure(config)
        .build_many_from_hir(&hirs)
        .ok()
}

/// The letters, digits and joining marks that `\w` matches in the scripts of the languages
/// hirelint's rules are written for: up to the end of the combining diacritical marks
/// (U+036F), which covers every accented Latin letter, written whole or with a combining mark.
static LATIN_WORD: LazyLock<WordClasses> = LazyLock::new(|| {
    let Ok(hir) = regex_syntax::parse(r"\w") else {
        unreachable!("\\w parses")
    };
    let HirKind::Class(Class::Unicode(word)) = hir.kind() else {
        unreachable!("\\w is a Unicode class")
    };
    let mut latin = word.clone();
    latin.intersect(&ClassUnicode::new([ClassUnicodeRange::new(
        '\0', '\u{36f}',
    )]));
    let mut other = word.clone();
    other.difference(&latin);
    WordClasses {
        word: word.clone(),
        latin,
        other,
    }
});

/// Unicode's `\w`, split into the part [`narrowed`] keeps and the rest.
struct WordClasses {
    word: ClassUnicode,
    latin: ClassUnicode,
    other: ClassUnicode,
}

/// `hir` with every class that is Unicode's `\w` with a few more characters (`\w`, `[\w -]`)
/// narrowed to the letters of [`LATIN_WORD`], and every class that is `\W` with a few
/// characters fewer (`\W`, `[^\w\s]`) widened to match the other scripts' letters too.
///
/// Unicode's `\w` holds some 770 ranges of characters; written as the bytes of UTF-8 it
/// takes hundreds of automaton states, and a rule's `[\w -]{1,20}` repeats them twenty times.
/// Such expressions took over 100,000 states reversed, and building their lazy DFA states was
/// the largest single cost of a batch run. Narrowed, they match the same in every text
/// written in a Latin script, which is what the rules are written for; classes that are not
/// built on `\w` (`[^.;]`, `.`) are left as they are. Word boundaries (`\b`) keep Unicode's
/// meaning: they are tests, not states.
fn narrowed(hir: &Hir) -> Hir {
    rewritten(hir, &|h| match h.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            Some(Hir::class(Class::Unicode(narrow_class(class))))
        }
        _ => None,
    })
}

/// See [`narrowed`]: "a few" is at most this many ranges of characters.
const FEW_RANGES: usize = 16;

fn narrow_class(class: &ClassUnicode) -> ClassUnicode {
    // A class built on `\w` or `\W` has hundreds of ranges; a letter in either case, `[^.;]`
    // or `.` a few. Most classes are letters, so this saves the work below.
    if class.ranges().len() < 100 {
        return class.clone();
    }
    let WordClasses { word, latin, other } = &*LATIN_WORD;
    let mut missing = word.clone();
    missing.difference(class);
    if missing.ranges().is_empty() {
        // `\w` and a few more.
        let mut more = class.clone();
        more.difference(word);
        if more.ranges().len() <= FEW_RANGES {
            more.union(latin);
            return more;
        }
        return class.clone();
    }
    let mut shared = word.clone();
    shared.intersect(class);
    if shared.ranges().is_empty() {
        // `\W` with a few fewer: the characters it leaves out beyond `\w`.
        let mut left_out = class.clone();
        left_out.negate();
        left_out.difference(word);
        if left_out.ranges().len() <= FEW_RANGES {
            let mut wider = class.clone();
            wider.union(other);
            return wider;
        }
    }
    class.clone()
}

/// A looser expression, for a test that may say "maybe" too often but never "no" wrongly:
/// `hir` without its word boundaries, and with every repetition of more than a few times
/// unbounded (`[^.]{0,60}` becomes `[^.]*`, which the lazy DFA runs with far fewer states).
fn loosened(hir: &Hir) -> Hir {
    rewritten(hir, &|h| match h.kind() {
        HirKind::Look(look) if LookSet::singleton(*look).contains_word() => Some(Hir::empty()),
        HirKind::Repetition(rep) if rep.max.is_some_and(|max| max > 3) => {
            Some(Hir::repetition(Repetition {
                sub: Box::new(loosened(&rep.sub)),
                max: None,
                ..rep.clone()
            }))
        }
        _ => None,
    })
}

/// `hir` with each node that `change` gives a replacement for replaced, and the others
/// rebuilt from their parts, rewritten the same way.
fn rewritten(hir: &Hir, change: &dyn Fn(&Hir) -> Option<Hir>) -> Hir {
    if let Some(new) = change(hir) {
        return new;
    }
    let sub = |h: &Hir| Box::new(rewritten(h, change));
    match hir.kind() {
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: sub(&rep.sub),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: sub(&cap.sub),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| rewritten(h, change)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| rewritten(h, change)).collect())
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
fn syntax_config() -> syntax::Config {
    syntax::Config::new()
        .case_insensitive(true)
        .multi_line(true)
}

fn build(p: &str, engines: Engines) -> Result<Regex, String> {
    let hir = parse_with(p, syntax_config())
        .map_err(|reason| format!("bad regular expression `{p}`: {reason}"))?;
    Regex::builder()
        .configure(config(engines))
        .build_from_hir(&hir)
        .map_err(|e| {
            let reason = if let Some(limit) = e.size_limit() {
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

    fn all(p: &LazyRegex, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        p.find_each(text, |r| found.push(r));
        found
    }

    #[test]
    fn every_way_of_running_finds_the_same_and_the_forward_test_comes_after_a_few_runs() {
        let p = LazyRegex::new(r"\b(any|your) (\w+ )?health (conditions?|problems?)\b");
        let text = "Do you have any chronic health conditions? Or your health problems?";
        let none = "Do you have any questions about the health and safety training?";
        let expected: Vec<_> = compile_regex(p.as_str())
            .unwrap()
            .find_iter(text)
            .map(|m| m.range())
            .collect();
        assert_eq!(expected.len(), 2);
        for run in 0..FULL_AFTER + 2 {
            assert_eq!(all(&p, text), expected, "run {run}");
            assert_eq!(
                p.forward.get().is_some(),
                run >= FULL_AFTER / 2,
                "run {run}: the forward automaton is built once the expression runs often"
            );
            assert!(all(&p, none).is_empty(), "run {run}");
        }
        // The forward automaton says no without the other engines.
        let q = LazyRegex::new(p.as_str());
        q.runs.store(FULL_AFTER, Ordering::Relaxed);
        assert!(!q.is_match(none));
        assert!(q.quick.get().is_none() && q.full.get().is_none());
        assert!(q.is_match(text));
        // A long text gets all engines, and only those.
        let r = LazyRegex::new(p.as_str());
        let long = format!("{}{text}", " ".repeat(QUICK_MAX_LEN));
        let shifted: Vec<_> = expected
            .iter()
            .map(|m| m.start + QUICK_MAX_LEN..m.end + QUICK_MAX_LEN)
            .collect();
        assert_eq!(all(&r, &long), shifted);
        assert!(r.full.get().is_some() && r.quick.get().is_none());
    }

    #[test]
    fn the_forward_test_leaves_word_boundaries_beyond_ascii_to_the_other_engines() {
        let p = LazyRegex::new(r"\bcafé\b");
        p.runs.store(FULL_AFTER, Ordering::Relaxed);
        assert_eq!(all(&p, "Un café crème"), vec![Range { start: 3, end: 8 }]);
        assert!(all(&p, "Un cafétéria").is_empty());
        assert!(p.forward.get().is_some_and(|f| f.is_some()));
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

    /// States of `p`'s automaton reversed (as the lazy DFA finds where a match starts).
    fn reverse_states(hir: &Hir) -> usize {
        thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(true)
                    .shrink(false)
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(None),
            )
            .build_from_hir(hir)
            .unwrap()
            .states()
            .len()
    }

    #[test]
    fn word_classes_are_narrowed_to_latin_scripts_and_find_the_same_in_latin_text() {
        let p = r"\b(no|without) [\w -]{1,20}(, (no|without) [\w -]{1,20}){0,2} (notes|googling)\b";
        let unicode = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(p)
            .unwrap();
        let narrow = parse(p).unwrap();
        assert!(
            reverse_states(&narrow) * 10 < reverse_states(&unicode),
            "{} states narrowed against {}",
            reverse_states(&narrow),
            reverse_states(&unicode)
        );
        // Accented letters, written whole or with a combining mark, are still word letters.
        let text = "No café, no naïve crème (without cafe\u{301} notes) and no googling.";
        let wide = regex::RegexBuilder::new(p)
            .case_insensitive(true)
            .build()
            .unwrap();
        let expected: Vec<_> = wide.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(expected.len(), 1);
        let lazy = LazyRegex::new(p);
        assert_eq!(all(&lazy, text), expected);
        // `\W` counts the letters of other scripts as letters no longer; classes not built on
        // `\w` keep every script.
        let greek = "no ξένος notes";
        assert!(wide.is_match(greek) && !lazy.is_match(greek));
        let gap = LazyRegex::new(r"no[^.;]{0,10}notes");
        assert!(gap.is_match(greek));
        let not_word = LazyRegex::new(r"^\W*notes");
        assert!(not_word.is_match("– notes") && not_word.is_match("ξ notes"));
        assert!(!not_word.is_match("é notes"));
    }

    #[test]
    fn question_cues_compile_case_insensitive_and_narrowed_alone_or_as_a_set() {
        let cues = [
            r"^\W*([\w -]{1,30}:\W*)?are you (a )?(shy|outgoing)\b",
            r"\bwhere do you see yourself\b",
        ];
        let one = compile_cues(&cues[..1], false).unwrap();
        for text in [
            "Are you shy?",
            "Q3 - personality: ARE YOU A Outgoing person?",
        ] {
            assert!(one.is_match(text), "{text}");
        }
        assert!(!one.is_match("Were you shy?"));
        let set = compile_cues(&cues, true).unwrap();
        let mut which = regex_automata::PatternSet::new(set.pattern_len());
        set.which_overlapping_matches(
            &Input::new("Are you shy? Where do you see yourself?"),
            &mut which,
        );
        assert_eq!(
            which.iter().map(|p| p.as_usize()).collect::<Vec<_>>(),
            [0, 1]
        );
        // A cue that does not parse compiles to nothing, not to something else.
        assert!(compile_cues(&["(unclosed"], false).is_none());
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
    fn the_prefilter_set_says_which_expressions_may_match() {
        let sources = [
            r"\b(he|she)\s*/\s*(him|her)\b",
            r"(?-i:\b[A-Z]{4,} [A-Z]{4,}\b)",
            r"^\W*(bs|ms)\s+or\s+(bs|ms)\b",
        ];
        let set = prefilter_set(&sources).unwrap();
        let may = |text: &str| -> Vec<usize> {
            let mut found = regex_automata::PatternSet::new(set.pattern_len());
            set.which_overlapping_matches(&regex_automata::Input::new(text), &mut found);
            found.iter().map(|p| p.as_usize()).collect()
        };
        assert_eq!(may("Ask she/her or he/him."), [0]);
        assert_eq!(may("PLEASE APPLY NOW and BS or MS"), [1]);
        assert_eq!(may("Notes:\nBS or MS in physics"), [2]);
        assert_eq!(may("Please apply now."), Vec::<usize>::new());
        // Without word boundaries it says "may" more often than the expressions match.
        assert_eq!(may("theshe/herd"), [0]);
        assert!(!compile_regex(sources[0]).unwrap().is_match("theshe/herd"));
        // One expression that does not compile: no set, and every expression runs.
        assert!(prefilter_set(&[r"(unclosed", r"fine"]).is_none());
    }

    proptest::proptest! {
        /// Where an expression matches, the set says it may.
        #[test]
        fn the_prefilter_set_never_hides_a_match(text in "[a-zA-Zé’ /.-]{0,30}") {
            let sources = [
                r"\bé\w*\b",
                r"(?-i:\b[A-Z]{2,}\b)",
                r"\Ba\b.{0,3}\bé",
                r"^a\b",
                r"\b(he|she)/\w+",
                r"\ba[^.]{2,5}b\b",
            ];
            let set = prefilter_set(&sources).unwrap();
            let mut found = regex_automata::PatternSet::new(set.pattern_len());
            set.which_overlapping_matches(&regex_automata::Input::new(&text), &mut found);
            for (k, source) in sources.iter().enumerate() {
                if compile_regex(source).unwrap().is_match(&text) {
                    proptest::prop_assert!(found.contains(regex_automata::PatternID::must(k)), "{} on {:?}", source, text);
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
        let found: Vec<&str> = all(&p, block).into_iter().map(|r| &block[r]).collect();
        assert_eq!(found, ["Energy and enthusiasm 1-5"]);
        // Not in the middle of a line.
        assert!(!p.is_match("We score energy and enthusiasm 1-5"));
    }

    #[test]
    fn an_expression_that_does_not_compile_matches_nothing() {
        let p = LazyRegex::new("(unclosed");
        p.runs.store(FULL_AFTER, Ordering::Relaxed);
        assert!(!p.is_match("(unclosed"));
        assert!(all(&p, &"(unclosed".repeat(QUICK_MAX_LEN)).is_empty());
    }
}
