//! Required words of a regular expression: groups of literal strings such that every match of
//! the expression contains at least one word of every group.
//!
//! The engine searches these words together with the phrases, in one pass over the normal form
//! of a block, and runs (and compiles) an expression only where every group has a word. A
//! small file therefore costs the compilation of the few expressions it could match, not of all
//! of them, and a big one the running of few expressions per paragraph.
//!
//! `\bwhat (would|will) you` needs `what `, one of `would`/`will`, and ` you`: three groups.
//! A concatenation needs the groups of all its parts; an alternation needs groups made of one
//! group of each branch (the best of each, then the second best of each, and so on), so that
//! a branch that needs two words still rules out a block with only one of them. Optional
//! parts and character classes need nothing, except small classes of symbols or digits
//! (`[$£€]`, `\d`), whose characters are rare in prose.
//!
//! Every group kept must have a word in a block before the expression runs there, so more
//! groups only mean fewer runs: in a batch run of generated job ads, keeping up to six groups
//! instead of three, with the groups of alternations made this way, ran the expressions about
//! 30% less often, for the same findings.
//!
//! This file is also compiled into `build.rs` (the words of the bundled rules are worked out at
//! build time), so it uses nothing from the crate but `regex_syntax`.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A group of words, one of which every match contains.
pub type Group = Vec<String>;

/// Groups with more words than this are not worth it.
const MAX_WORDS: usize = 500;
/// At most this many groups are kept (the best ones); the engine keeps one bit per group.
const MAX_GROUPS: usize = 6;
/// Shorter words match almost everywhere: no better than running the expression.
pub(crate) const MIN_LEN: usize = 3;
/// Classes with more characters than this are not expanded.
const MAX_CLASS: usize = 12;

/// The required word groups of `pattern`, best first, or `None` when there is no useful one
/// (the expression must then run on every block).
///
/// The pattern is parsed case-sensitively; the expression itself runs case-insensitively, so
/// the caller must compare the words with text in a case-folded form that also maps every
/// decimal digit to an ASCII digit. Only words of ASCII characters and of characters without
/// case are kept, so that lower-casing both sides is a sound comparison.
pub fn required_words(pattern: &str) -> Option<Vec<Group>> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(200)
        .build()
        .parse(pattern)
        .ok()?;
    let mut groups: Vec<Group> = walk(&hir).into_iter().filter(useful).collect();
    for g in &mut groups {
        g.sort();
        g.dedup();
    }
    groups.sort_by_key(|g| std::cmp::Reverse(score(g)));
    groups.dedup();
    groups.truncate(MAX_GROUPS);
    (!groups.is_empty()).then_some(groups)
}

/// One expression matching any of `patterns` (the sides of a `near` pair are lists).
pub fn alternatives(patterns: &[&str]) -> String {
    patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Characters whose case-insensitive matches are exactly their lower-case forms.
fn sound(c: char) -> bool {
    c.is_ascii() || !c.is_alphabetic()
}

/// How selective a word is: its length, but a word of digits, symbols or punctuation only
/// counts as long enough, since prose has few of them.
fn weight(w: &str) -> usize {
    if w.chars().all(|c| !c.is_alphabetic() && !c.is_whitespace()) {
        w.len().max(MIN_LEN)
    } else {
        w.len()
    }
}

fn useful(g: &Group) -> bool {
    !g.is_empty() && g.len() <= MAX_WORDS && g.iter().all(|w| weight(w) >= MIN_LEN)
}

/// Better groups have longer shortest words, then fewer words.
fn score(g: &Group) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = g.iter().map(|w| weight(w)).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(g.len()))
}

fn walk(hir: &Hir) -> Vec<Group> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Class(class) => class_group(class).into_iter().collect(),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            // Every run of characters that compare soundly after lower-casing is needed.
            Ok(s) => s
                .split(|c: char| !sound(c))
                .filter(|piece| !piece.is_empty())
                .map(|piece| vec![piece.to_ascii_lowercase()])
                .collect(),
            Err(_) => Vec::new(),
        },
        HirKind::Repetition(rep) if rep.min >= 1 => walk(&rep.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Capture(cap) => walk(&cap.sub),
        HirKind::Concat(subs) => subs.iter().flat_map(walk).collect(),
        HirKind::Alternation(subs) => {
            // Every match contains a word of one group of each branch: the union of one group
            // from every branch is a group. The best groups of the branches make the first
            // union, the second best the next (a branch with fewer repeats its best), so an
            // expression whose branches each need two words needs two unions, not one.
            let mut branches: Vec<Vec<Group>> = Vec::new();
            for sub in subs {
                let mut groups: Vec<Group> = walk(sub).into_iter().filter(useful).collect();
                if groups.is_empty() {
                    return Vec::new();
                }
                groups.sort_by_key(|g| std::cmp::Reverse(score(g)));
                groups.truncate(MAX_GROUPS);
                branches.push(groups);
            }
            let most = branches.iter().map(Vec::len).max().unwrap_or(0);
            let mut unions = Vec::new();
            for j in 0..most {
                let mut all: Group = Vec::new();
                for groups in &branches {
                    all.extend(groups[j.min(groups.len() - 1)].iter().cloned());
                    if all.len() > MAX_WORDS {
                        break;
                    }
                }
                if all.len() <= MAX_WORDS {
                    unions.push(all);
                }
            }
            unions
        }
    }
}

/// The characters of a small class as one-character words; any class of decimal digits
/// (`\d`, `[0-9]`) as the ten ASCII digits.
fn class_group(class: &Class) -> Option<Group> {
    let Class::Unicode(class) = class else {
        return None;
    };
    let ranges = class.ranges();
    let has_ascii_digits = ranges.iter().any(|r| r.start() <= '0' && '9' <= r.end());
    if has_ascii_digits {
        // Only digits, of any script (the normal form maps them to ASCII digits).
        let digits_only = ranges.iter().all(|r| {
            (r.start()..=r.end())
                .take(1000)
                .all(|c| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()))
                && (r.end() as u32 - r.start() as u32) < 1000
        });
        return digits_only.then(|| ('0'..='9').map(String::from).collect());
    }
    let size: usize = ranges
        .iter()
        .map(|r| (r.end() as u32 - r.start() as u32 + 1) as usize)
        .sum();
    if size > MAX_CLASS {
        return None;
    }
    let chars: Vec<char> = ranges.iter().flat_map(|r| r.start()..=r.end()).collect();
    chars.iter().all(|&c| sound(c)).then(|| {
        chars
            .iter()
            .map(|c| c.to_ascii_lowercase().to_string())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::required_words;
    use crate::lazy_regex::compile_regex;
    use crate::rule::{Pattern, RuleSet};
    use crate::text::Normalized;

    fn groups(p: &str) -> Vec<Vec<String>> {
        required_words(p).unwrap_or_default()
    }

    #[test]
    fn every_part_of_a_concatenation_is_needed() {
        assert_eq!(
            groups(r"\bwhat (would|will) you (have )?done"),
            // Longest shortest word first, then fewer words.
            [
                vec!["what "],
                vec![" you "],
                vec!["done"],
                vec!["will", "would"]
            ]
        );
        assert_eq!(
            groups(r"\b(\w+) and why\s*\?"),
            [vec![" and why"], vec!["?"]]
        );
        assert_eq!(
            groups(r"(rock ?stars?|ninjas?)\b"),
            [vec!["ninja", "rock"], vec!["ninja", "star"]]
        );
        assert_eq!(groups(r"e-?mail"), [vec!["mail"]]);
        // Written in capitals, compared in lower case.
        assert_eq!(groups(r"Rockstar"), [vec!["rockstar"]]);
    }

    #[test]
    fn each_branch_of_an_alternation_gives_a_word_to_several_groups() {
        // Each branch needs several of its words, so there are several groups, each with a
        // word from every branch: a block with "team" but no "add", "fit", "crew"… is left
        // alone. The first branch's best group is "culture"/"team", then "add"; the second's
        // are " in with ", "crew"/"tribe", "fit", "our"/"the" (a branch with fewer groups
        // gives its last one again).
        assert_eq!(
            groups(r"\b(culture|team)[- ]add\b|\bfits? in with (our|the) (crew|tribe)\b"),
            [
                vec![" in with ", "culture", "team"],
                vec!["add", "fit"],
                vec!["add", "crew", "tribe"],
                vec!["add", "our", "the"],
            ]
        );
        // A branch without words makes the whole alternation need none.
        assert_eq!(required_words(r"\bteam[- ]add\b|\b\w+ly\b"), None);
    }

    #[test]
    fn symbols_and_digits_are_rare_enough() {
        let digits: Vec<String> = ('0'..='9').map(String::from).collect();
        assert_eq!(
            groups(r"[$£€]\s?\d"),
            [vec!["$".into(), "£".into(), "€".into()], digits.clone()]
        );
        assert_eq!(
            groups(r"\d+ years"),
            [vec![" years".to_string()], digits.clone()]
        );
        assert_eq!(groups(r"\bgs[- ]\d"), [digits]);
        // Letters in a class are not rare.
        assert_eq!(required_words(r"[ab]c"), None);
        // Digits with other characters are not a digit class.
        assert_eq!(required_words(r"[0-9a]"), None);
    }

    #[test]
    fn no_words_when_any_text_could_match() {
        assert_eq!(required_words(r"(rockstar)?"), None);
        assert_eq!(required_words(r"rockstar|\w+ly"), None);
        assert_eq!(required_words(r"\bin\b"), None);
        // Letters with case outside ASCII are left out: case-insensitive matching is wider
        // than lower-casing for some of them (σ and ς).
        assert_eq!(required_words(r"σοφία"), None);
        assert_eq!(groups(r"naïve approach"), [vec!["ve approach"]]);
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
        // Digits of other scripts match `\d`.
        texts.push("We pay \u{a3}\u{663}\u{660},000 a year for \u{665} years of work.".to_string());
        let mut matched = 0;
        for r in &set.rules {
            let near = r.matches().near.iter().chain(&r.evidence().near);
            let sides = near.flat_map(|n| [&n.first, &n.second]);
            for p in r
                .matches()
                .patterns
                .iter()
                .chain(&r.evidence().patterns)
                .chain(sides)
            {
                // Bundled expressions compile in full (the build checked their syntax), and
                // their words are the ones worked out now.
                let regex = compile_regex(p.as_str())
                    .unwrap_or_else(|e| panic!("{}: {}: {e}", r.id, p.as_str()));
                assert_eq!(
                    p.required_words().map(<[Vec<String>]>::to_vec),
                    required_words(p.as_str()),
                    "{}: {}",
                    r.id,
                    p.as_str()
                );
                let Some(groups) = p.required_words() else {
                    continue;
                };
                for t in &texts {
                    if regex.is_match(t) {
                        matched += 1;
                        let norm = Normalized::new(t).text;
                        for words in groups {
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
            }
            for p in &r.skip_if {
                assert!(
                    compile_regex(p.as_str()).is_ok(),
                    "{}: {}",
                    r.id,
                    p.as_str()
                );
            }
        }
        assert!(matched > 250, "only {matched} matches checked");
    }

    #[test]
    fn case_variants_outside_ascii_are_found() {
        // U+212A KELVIN SIGN and U+017F LONG S match `k` and `s` case-insensitively.
        for (pattern, text) in [("kids", "\u{212a}ids"), ("please", "plea\u{017f}e")] {
            let p = Pattern::new(pattern).unwrap();
            assert!(compile_regex(pattern).unwrap().is_match(text));
            let norm = Normalized::new(text).text;
            for words in p.required_words().unwrap() {
                assert!(words.iter().any(|w| norm.contains(w.as_str())));
            }
        }
    }
}
