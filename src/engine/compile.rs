//! Compiling a rule set for matching: every literal phrase of the rules (phrases, `[when]`,
//! `[unless]`, `[present]`, exceptions) and the required words of every regular expression
//! (see [`literals`](crate::rule::literals)) become entries of one Aho-Corasick automaton per
//! kind of document; identical expressions of several rules are kept once.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::document::DocKind;
use crate::hit::Role;
use crate::lazy_regex::{LazyRegex, prefilter_set};
use crate::rule::{Pattern, Rule, RuleKind, literals};
use crate::text::Normalized;
use regex_automata::meta::Regex;

/// What an entry of the phrase automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    /// A rule's phrase: a hit where it stands as whole words.
    Phrase(usize, Role),
    /// A word of group `g` of the required words of regular expression `i`: run it on a block
    /// where every group has a word.
    Word(usize, usize),
}

/// What the matches of a regular expression are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    /// Hits of this rule, in this role.
    Hit(usize, Role),
    /// The first side of `near` pair `i`.
    First(usize),
    /// The second side of `near` pair `i`.
    Second(usize),
}

impl Use {
    pub(super) fn rule(self, nears: &[(usize, Role, usize)]) -> usize {
        match self {
            Use::Hit(rule, _) => rule,
            Use::First(i) | Use::Second(i) => nears[i].0,
        }
    }
}

/// The kinds of document a block is checked as: its document's kind, and the kind its section
/// is also checked as (`also-checked-as` in `rules/sections.toml`). One bit per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(super) struct Kinds(pub(super) u8);

impl Kinds {
    /// How many sets of kinds there are.
    pub(super) const COUNT: usize = 1 << DocKind::COUNT;

    pub(super) fn of(kind: DocKind) -> Kinds {
        Kinds(1 << kind.index())
    }

    pub(super) fn with(self, kind: Option<DocKind>) -> Kinds {
        Kinds(self.0 | kind.map_or(0, |k| Kinds::of(k).0))
    }

    /// Does `rule` apply to one of the kinds?
    pub(super) fn applies(self, rule: &Rule) -> bool {
        DocKind::ALL
            .iter()
            .any(|&k| self.0 & Kinds::of(k).0 != 0 && rule.applies_to(k))
    }
}

/// What the engine searches for in blocks checked as one set of kinds.
pub(super) struct KindMatcher {
    /// The phrases and words that matter for the kind (`None` when there are none).
    pub(super) ac: Option<AhoCorasick>,
    /// What pattern `p` of the automaton stands for in documents of the kind:
    /// `owners[starts[p]..starts[p + 1]]`, phrases first, required words from
    /// `words_from[p]` on.
    pub(super) starts: Vec<u32>,
    pub(super) words_from: Vec<u32>,
    pub(super) owners: Vec<Owner>,
    /// Is pattern `p` a stem (a phrase written with a final `*`): any word that starts with it?
    pub(super) stems: Vec<bool>,
    /// Per expression with a use for the kind, the automaton's patterns of each of its word
    /// groups after the first (the first group's words are its `owners`; the others only
    /// need to have been seen in the block). Empty for the others.
    pub(super) later_groups: Vec<Box<[Box<[u32]>]>>,
    /// The expressions without required words that have a use for the kind: they run on
    /// every block where `unfiltered_set` says they may match.
    pub(super) unfiltered: Vec<usize>,
    /// All of `unfiltered` as one automaton, loosened (see [`prefilter_set`]): pattern `k`
    /// is `unfiltered[k]`. `None` runs them all.
    pub(super) unfiltered_set: Option<Regex>,
}

/// The rules compiled for matching: the phrase and word entries of the automata, the distinct
/// expressions and what their matches are for. Built once; the per-kind automata are made from
/// it (see [`Tables::matcher`]).
pub(super) struct Tables {
    pub(super) rules: Vec<Arc<Rule>>,
    /// Every phrase and required word (normal form), and what each stands for.
    pub(super) phrase_list: Vec<String>,
    pub(super) owners: Vec<Vec<Owner>>,
    /// Every distinct regular expression, with what its matches are for.
    pub(super) regexes: Vec<(LazyRegex, Vec<Use>)>,
    /// Per rule, its `skip-if` expressions.
    pub(super) skip_if: Vec<Box<[LazyRegex]>>,
    /// `near` pairs: (rule, role, most characters apart).
    pub(super) nears: Vec<(usize, Role, usize)>,
    /// The expressions without required words.
    pub(super) unfiltered: Vec<usize>,
    /// Per expression, the entries of `phrase_list` of each of its word groups.
    pub(super) group_words: Vec<Vec<Box<[usize]>>>,
    /// Per expression, whether it only finds evidence for `conditional` and `required`
    /// rules: such an expression runs after the rest, and only where it can change a finding.
    pub(super) evidence_only: Vec<bool>,
}

impl Tables {
    /// Compiles `rules`: every phrase and required word once, every distinct expression once.
    pub(super) fn new(rules: Vec<Arc<Rule>>) -> Tables {
        let mut phrase_index: std::collections::HashMap<String, usize> = Default::default();
        let mut phrase_list: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<Owner>> = Vec::new();
        let mut add = |p: String, owner: Owner| {
            let id = *phrase_index.entry(p).or_insert_with_key(|p| {
                phrase_list.push(p.clone());
                owners.push(Vec::new());
                phrase_list.len() - 1
            });
            if !owners[id].contains(&owner) {
                owners[id].push(owner);
            }
            id
        };
        // Identical expressions (rules share some) are compiled and run once.
        let mut regexes: Vec<(Pattern, Vec<Use>)> = Vec::new();
        let mut regex_index: std::collections::HashMap<String, usize> = Default::default();
        let mut add_regex = |pattern: &Pattern, what: Use| {
            let index = *regex_index
                .entry(pattern.as_str().to_string())
                .or_insert_with(|| {
                    regexes.push((pattern.clone(), Vec::new()));
                    regexes.len() - 1
                });
            if !regexes[index].1.contains(&what) {
                regexes[index].1.push(what);
            }
        };
        let mut nears = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            for p in &rule.matches().phrases {
                add(p.clone(), Owner::Phrase(i, Role::Match));
            }
            for p in &rule.evidence().phrases {
                add(p.clone(), Owner::Phrase(i, Role::Evidence));
            }
            for p in &rule.exceptions {
                add(p.clone(), Owner::Phrase(i, Role::Exception));
            }
            for (evidence, role) in [
                (rule.matches(), Role::Match),
                (rule.evidence(), Role::Evidence),
            ] {
                for pattern in &evidence.patterns {
                    add_regex(pattern, Use::Hit(i, role));
                }
                for near in &evidence.near {
                    add_regex(&near.first, Use::First(nears.len()));
                    add_regex(&near.second, Use::Second(nears.len()));
                    nears.push((i, role, near.within));
                }
            }
        }
        let evidence_only = regexes
            .iter()
            .map(|(_, uses)| {
                uses.iter().all(|u| match *u {
                    Use::Hit(rule, Role::Evidence) => {
                        matches!(
                            rules[rule].kind(),
                            RuleKind::Conditional | RuleKind::Required
                        )
                    }
                    _ => false,
                })
            })
            .collect();
        let mut unfiltered = Vec::new();
        let mut group_words = Vec::new();
        for (index, (pattern, _)) in regexes.iter().enumerate() {
            let groups = pattern.required_words().unwrap_or_default();
            if groups.is_empty() {
                unfiltered.push(index);
            }
            let ids: Vec<Box<[usize]>> = (groups.iter().enumerate())
                .map(|(g, words)| {
                    let mut ids: Vec<usize> = words
                        .iter()
                        .map(|w| add(automaton_word(w), Owner::Word(index, g)))
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids.into()
                })
                .collect();
            group_words.push(ids);
        }
        let regexes = regexes
            .into_iter()
            .map(|(pattern, uses)| (LazyRegex::new(pattern.as_str()), uses))
            .collect();
        let skip_if = rules
            .iter()
            .map(|r| {
                r.skip_if
                    .iter()
                    .map(|p| LazyRegex::new(p.as_str()))
                    .collect()
            })
            .collect();
        Tables {
            rules,
            phrase_list,
            owners,
            regexes,
            skip_if,
            nears,
            unfiltered,
            group_words,
            evidence_only,
        }
    }

    /// Does this regular expression have a use for blocks checked as the `kinds`?
    pub(super) fn regex_applies(&self, i: usize, kinds: Kinds) -> bool {
        self.regexes[i]
            .1
            .iter()
            .any(|u| kinds.applies(&self.rules[u.rule(&self.nears)]))
    }

    /// What to search for in blocks checked as the `kinds` of document.
    pub(super) fn matcher(&self, kinds: Kinds) -> KindMatcher {
        {
            let applies = |owner: &Owner| match *owner {
                Owner::Phrase(rule, _) => kinds.applies(&self.rules[rule]),
                Owner::Word(i, _) => self.regex_applies(i, kinds),
            };
            let mut patterns = Vec::new();
            let mut starts = vec![0];
            let mut words_from = Vec::new();
            let mut owners = Vec::new();
            let mut stems = Vec::new();
            // Per entry of `phrase_list`, its pattern in this automaton.
            let mut pattern_of: Vec<u32> = vec![u32::MAX; self.phrase_list.len()];
            for (id, phrase) in self.phrase_list.iter().enumerate() {
                let before = owners.len();
                let is_phrase = |o: &Owner| matches!(o, Owner::Phrase(..));
                let mine = || self.owners[id].iter().copied().filter(applies);
                owners.extend(mine().filter(is_phrase));
                let phrases_end = owners.len();
                // Only the first group's words set off an expression.
                owners.extend(mine().filter(|o| matches!(o, Owner::Word(_, 0))));
                if owners.len() > before || mine().next().is_some() {
                    pattern_of[id] = patterns.len() as u32;
                    let stem = phrase.strip_suffix('*');
                    stems.push(stem.is_some());
                    patterns.push(stem.unwrap_or(phrase));
                    words_from.push(phrases_end as u32);
                    starts.push(owners.len() as u32);
                }
            }
            let ac = (!patterns.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(patterns)
                    .expect("phrase automaton")
            });
            let later_groups = (self.group_words.iter().enumerate())
                .map(|(i, groups)| {
                    if groups.len() < 2 || !self.regex_applies(i, kinds) {
                        return Box::default();
                    }
                    groups[1..]
                        .iter()
                        .map(|ids| ids.iter().map(|&id| pattern_of[id]).collect())
                        .collect()
                })
                .collect();
            let unfiltered: Vec<usize> = self
                .unfiltered
                .iter()
                .copied()
                .filter(|&i| self.regex_applies(i, kinds))
                .collect();
            let sources: Vec<&str> = unfiltered
                .iter()
                .map(|&i| self.regexes[i].0.as_str())
                .collect();
            let unfiltered_set = (!sources.is_empty())
                .then(|| prefilter_set(&sources))
                .flatten();
            KindMatcher {
                ac,
                starts,
                words_from,
                owners,
                stems,
                later_groups,
                unfiltered,
                unfiltered_set,
            }
        }
    }
}

/// The automaton's entry for a required word of an expression.
///
/// Words are compared in the normal form, as phrases are; it maps each character on its own,
/// so a word in the text stays a word. Spaces at the ends are dropped when what is left is
/// still long enough to be selective: the shorter word is in every match too, and `the`,
/// `the ` and ` the ` become one entry instead of three. That means fewer states to walk and
/// fewer matches to sort out: about 10% less time in a batch run, for a few more expressions
/// run (which find what they found before).
pub(super) fn automaton_word(word: &str) -> String {
    let w = Normalized::new(word).text;
    let trimmed = w.trim_matches(' ');
    if trimmed.len() >= literals::MIN_LEN {
        trimmed.to_string()
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::automaton_word;

    #[test]
    fn required_words_lose_their_end_spaces_only_while_they_stay_selective() {
        assert_eq!(automaton_word(" the "), "the");
        assert_eq!(automaton_word("The "), "the");
        assert_eq!(automaton_word(" you"), "you");
        // Two letters match inside too many words: the spaces stay.
        assert_eq!(automaton_word(" to "), " to ");
        assert_eq!(automaton_word(","), ",");
    }
}
