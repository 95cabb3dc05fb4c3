//! Required words of a regular expression: a set of literal strings such that every match of
//! the expression contains at least one of them.
//!
//! The engine searches these words together with the phrases, in one pass over the normal form
//! of a block, and runs (and compiles) an expression only where one of its words occurs. A
//! small file therefore costs the compilation of the few expressions it could match, not of all
//! of them.
//!
//! This file is also compiled into `build.rs` (the words of the bundled rules are worked out at
//! build time), so it uses nothing from the crate but `regex_syntax`.

use regex_syntax::hir::{Hir, HirKind};

/// Sets with more words than this are not worth it.
const MAX_WORDS: usize = 500;
/// Shorter words match almost everywhere: no better than running the expression.
const MIN_LEN: usize = 3;

/// The required words of `pattern`, or `None` when there is no useful set (the expression
/// must then run on every block).
///
/// The pattern is parsed case-sensitively; the expression itself runs case-insensitively, so
/// the caller must compare the words with text in a case-folded form. Only words of ASCII
/// characters and of characters without case are kept, so that lower-casing both sides is a
/// sound comparison.
pub fn required_words(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(200)
        .build()
        .parse(pattern)
        .ok()?;
    let words = walk(&hir)?;
    (words.iter().map(String::len).min()? >= MIN_LEN).then_some(words)
}

/// One expression matching any of `patterns` (the sides of a `near` pair are lists).
pub fn alternatives(patterns: &[&str]) -> String {
    patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|")
}

fn walk(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Class(_) | HirKind::Look(_) => None,
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            // The longest run of characters that compare soundly after lower-casing.
            s.split(|c: char| !c.is_ascii() && c.is_alphabetic())
                .max_by_key(|piece| piece.len())
                .filter(|piece| !piece.is_empty())
                .map(|piece| vec![piece.to_ascii_lowercase()])
        }
        HirKind::Repetition(rep) if rep.min >= 1 => walk(&rep.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(cap) => walk(&cap.sub),
        HirKind::Concat(subs) => subs
            .iter()
            .filter_map(walk)
            .max_by_key(|words| (shortest(words), std::cmp::Reverse(words.len()))),
        HirKind::Alternation(subs) => {
            let mut all: Vec<String> = Vec::new();
            for sub in subs {
                all.extend(walk(sub)?);
                if all.len() > MAX_WORDS {
                    return None;
                }
            }
            all.sort();
            all.dedup();
            Some(all)
        }
    }
}

fn shortest(words: &[String]) -> usize {
    words.iter().map(String::len).min().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::required_words;
    use crate::rule::{Pattern, RuleSet};
    use crate::text::Normalized;

    fn words(p: &str) -> Vec<String> {
        required_words(p).unwrap_or_default()
    }

    #[test]
    fn picks_the_longest_required_piece() {
        assert_eq!(
            words(r"\b(do|does) you have (any|a) disability"),
            [" disability"]
        );
        assert_eq!(words(r"\b(\w+) and why\s*\?"), [" and why"]);
        assert_eq!(words(r"(rock ?stars?|ninjas?)\b"), ["ninja", "star"]);
        assert_eq!(words(r"e-?mail"), ["mail"]);
        // Written in capitals, compared in lower case.
        assert_eq!(words(r"Rockstar"), ["rockstar"]);
    }

    #[test]
    fn no_words_when_any_text_could_match() {
        assert_eq!(
            required_words(r"\d+ years"),
            Some(vec![" years".to_string()])
        );
        assert_eq!(required_words(r"[$£€]\s?\d"), None);
        assert_eq!(required_words(r"(rockstar)?"), None);
        assert_eq!(required_words(r"rockstar|\w+ly"), None);
        // Too short to be worth it.
        assert_eq!(required_words(r"\bgs[- ]\d"), None);
        // Letters with case outside ASCII are left out: case-insensitive matching is wider
        // than lower-casing for some of them (σ and ς).
        assert_eq!(required_words(r"σοφία"), None);
        assert_eq!(words(r"naïve approach"), ["ve approach"]);
        assert_eq!(required_words(r"(?i)rockstar"), None);
    }

    /// The promise the engine relies on: where an expression matches, one of its words occurs
    /// in the normal form of the text. Checked on every example text of every bundled rule.
    #[test]
    fn bundled_words_are_found_wherever_their_expression_matches() {
        let set = RuleSet::bundled().unwrap();
        let mut texts: Vec<String> = Vec::new();
        for r in &set.rules {
            texts.extend(r.flag_examples.iter().cloned());
            texts.extend(r.pass_examples.iter().cloned());
        }
        texts.push("Do you have any \u{212a}ids? Ple\u{017f}e tell us.".to_string());
        let mut matched = 0;
        for r in &set.rules {
            for p in r.matches.patterns.iter().chain(&r.unless.patterns) {
                // Bundled expressions compile, and their words are the ones worked out now.
                assert!(Pattern::new(p.as_str()).is_ok(), "{}: {}", r.id, p.as_str());
                assert_eq!(
                    p.required_words().map(<[String]>::to_vec),
                    required_words(p.as_str()),
                    "{}: {}",
                    r.id,
                    p.as_str()
                );
                let Some(words) = p.required_words() else {
                    continue;
                };
                for t in &texts {
                    if p.is_match(t) {
                        matched += 1;
                        let norm = Normalized::new(t).text;
                        assert!(
                            words
                                .iter()
                                .any(|w| norm.contains(&Normalized::new(w).text)),
                            "{}: `{}` matches {t:?} but none of {words:?} occurs",
                            r.id,
                            p.as_str()
                        );
                    }
                }
            }
            for p in &r.skip_if {
                assert!(Pattern::new(p.as_str()).is_ok(), "{}: {}", r.id, p.as_str());
            }
        }
        assert!(matched > 250, "only {matched} matches checked");
    }

    #[test]
    fn case_variants_outside_ascii_are_found() {
        // U+212A KELVIN SIGN and U+017F LONG S match `k` and `s` case-insensitively.
        for (pattern, text) in [("kids", "\u{212a}ids"), ("please", "plea\u{017f}e")] {
            let p = Pattern::new(pattern).unwrap();
            assert!(p.is_match(text));
            let norm = Normalized::new(text).text;
            assert!(
                p.required_words()
                    .unwrap()
                    .iter()
                    .any(|w| norm.contains(w.as_str()))
            );
        }
    }
}
