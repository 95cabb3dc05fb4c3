//! The compiled rule set: built once, shared read-only by all threads.
//!
//! Every literal phrase of every rule (phrases, `[when]`, `[unless]`, `[present]`,
//! exceptions) goes into one Aho-Corasick automaton, searched once per block over the block's
//! normal form. Every regular expression goes into one `RegexSet`, which tells per block which
//! patterns can match at all; only those run. The code of each rule kind then works on the
//! hits (see [`check`](crate::check)).

use std::ops::Range;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet, RegexSetBuilder};

use crate::check;
use crate::document::Document;
use crate::finding::{self, Finding};
use crate::rule::{Rule, RuleSet, Severity};
use crate::text::{Normalized, at_word_boundaries, is_word_char, normalize_phrase};

/// What a hit means for its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The rule's own phrase or pattern (or `[when]`).
    Match,
    /// Justification (`[unless]`) or presence (`[present]`) evidence.
    Evidence,
    /// A phrase that cancels a match it contains.
    Exception,
}

/// One place in a block where a rule's phrase or pattern occurs.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The rule's index in the engine.
    pub rule: usize,
    /// What the hit means.
    pub role: Role,
    /// The block's index in the document.
    pub block: usize,
    /// The byte range in the block's prose.
    pub range: Range<usize>,
}

/// Options that change what the engine reports.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Terms that are never findings (product names that happen to match, "Ninja Forms").
    pub allow: Vec<String>,
    /// Severity per rule, after configuration (same order as the rule set); empty = as written.
    pub severities: Vec<Severity>,
    /// Report suppression comments that suppress nothing (`hirelint/unused-suppression`).
    pub unused_suppressions: bool,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            allow: Vec::new(),
            severities: Vec::new(),
            unused_suppressions: true,
        }
    }
}

/// A rule set compiled for matching.
pub struct Engine {
    rules: Vec<Arc<Rule>>,
    severities: Vec<Severity>,
    phrases: Option<AhoCorasick>,
    phrase_owners: Vec<Vec<(usize, Role)>>,
    regex_set: Option<RegexSet>,
    regexes: Vec<Regex>,
    regex_owners: Vec<(usize, Role)>,
    allow: Option<AhoCorasick>,
    unused_suppressions: bool,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl Engine {
    /// Compiles `set` with default options.
    pub fn new(set: &RuleSet) -> Engine {
        Engine::with_options(set, EngineOptions::default())
    }

    /// Compiles `set`.
    pub fn with_options(set: &RuleSet, options: EngineOptions) -> Engine {
        let rules = set.rules.clone();
        let mut phrase_index: std::collections::HashMap<String, usize> = Default::default();
        let mut phrase_list: Vec<String> = Vec::new();
        let mut phrase_owners: Vec<Vec<(usize, Role)>> = Vec::new();
        let mut add_phrase = |p: &str, owner: (usize, Role)| {
            let id = *phrase_index.entry(p.to_string()).or_insert_with(|| {
                phrase_list.push(p.to_string());
                phrase_owners.push(Vec::new());
                phrase_list.len() - 1
            });
            if !phrase_owners[id].contains(&owner) {
                phrase_owners[id].push(owner);
            }
        };
        let mut regex_sources = Vec::new();
        let mut regexes = Vec::new();
        let mut regex_owners = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            for p in &rule.matches.phrases {
                add_phrase(p, (i, Role::Match));
            }
            for p in &rule.unless.phrases {
                add_phrase(p, (i, Role::Evidence));
            }
            for p in &rule.exceptions {
                add_phrase(p, (i, Role::Exception));
            }
            for (list, role) in [
                (&rule.matches.patterns, Role::Match),
                (&rule.unless.patterns, Role::Evidence),
            ] {
                for r in list {
                    regex_sources.push(format!("(?i:{})", r.as_str()));
                    regexes.push(r.clone());
                    regex_owners.push((i, role));
                }
            }
        }
        let phrases = (!phrase_list.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&phrase_list)
                .expect("phrase automaton")
        });
        let regex_set = (!regex_sources.is_empty())
            .then(|| {
                RegexSetBuilder::new(&regex_sources)
                    .size_limit(64 << 20)
                    .dfa_size_limit(64 << 20)
                    .build()
                    .ok()
            })
            .flatten();
        let allow_list: Vec<String> = options
            .allow
            .iter()
            .map(|a| normalize_phrase(a))
            .filter(|a| !a.is_empty())
            .collect();
        let allow = (!allow_list.is_empty())
            .then(|| AhoCorasick::new(&allow_list).ok())
            .flatten();
        let severities = if options.severities.len() == rules.len() {
            options.severities
        } else {
            rules.iter().map(|r| r.severity).collect()
        };
        Engine {
            rules,
            severities,
            phrases,
            phrase_owners,
            regex_set,
            regexes,
            regex_owners,
            allow,
            unused_suppressions: options.unused_suppressions,
        }
    }

    /// The compiled rules, in engine order.
    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    /// The severity in force for rule `i`.
    pub fn severity(&self, i: usize) -> Severity {
        self.severities[i]
    }

    /// Every hit of every rule in one block.
    fn block_hits(&self, block_index: usize, text: &str, out: &mut Vec<Hit>) {
        if let Some(ac) = &self.phrases {
            let norm = Normalized::new(text);
            let nt = norm.text.as_str();
            for m in ac.find_overlapping_iter(nt) {
                let mut r = m.start()..m.end();
                if !start_ok(nt, r.start) {
                    continue;
                }
                if !end_ok(nt, r.end) {
                    // Allow a plural or possessive ending: "rockstars", "heroes", "team's".
                    match plural_end(nt, r.end) {
                        Some(end) if end_ok(nt, end) => r.end = end,
                        _ => continue,
                    }
                }
                let orig = norm.to_original(r);
                for &(rule, role) in &self.phrase_owners[m.pattern().as_usize()] {
                    out.push(Hit {
                        rule,
                        role,
                        block: block_index,
                        range: orig.clone(),
                    });
                }
            }
        }
        // The set says which patterns can match; when it could not be built (too big
        // together), every pattern runs on its own: slower, never silently off.
        let candidates: Vec<usize> = match &self.regex_set {
            Some(set) => set.matches(text).into_iter().collect(),
            None => (0..self.regexes.len()).collect(),
        };
        {
            for idx in candidates {
                let (rule, role) = self.regex_owners[idx];
                for m in self.regexes[idx].find_iter(text) {
                    if m.is_empty() {
                        continue;
                    }
                    out.push(Hit {
                        rule,
                        role,
                        block: block_index,
                        range: m.range(),
                    });
                }
            }
        }
    }

    /// Is the prose range of a block covered by an allowed term?
    pub(crate) fn allowed(&self, text: &str, range: &Range<usize>) -> bool {
        let Some(ac) = &self.allow else {
            return false;
        };
        let norm = Normalized::new(text);
        ac.find_iter(&norm.text).any(|m| {
            let r = norm.to_original(m.start()..m.end());
            at_word_boundaries(&norm.text, &(m.start()..m.end()))
                && r.start <= range.start
                && range.end <= r.end
        })
    }

    /// Checks one document.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let mut hits = Vec::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            self.block_hits(i, &block.text, &mut hits);
        }
        hits.sort_by(|a, b| {
            (
                a.rule,
                a.block,
                a.range.start,
                std::cmp::Reverse(a.range.end),
                a.role,
            )
                .cmp(&(
                    b.rule,
                    b.block,
                    b.range.start,
                    std::cmp::Reverse(b.range.end),
                    b.role,
                ))
        });
        let ctx = check::Context::new(doc, self);
        let mut findings = Vec::new();
        let mut at = 0;
        for (i, rule) in self.rules.iter().enumerate() {
            let from = at;
            while at < hits.len() && hits[at].rule == i {
                at += 1;
            }
            if !rule.applies_to(doc.kind) {
                continue;
            }
            check::run(&ctx, i, rule, &hits[from..at], &mut findings);
        }
        finding::sort(&mut findings);
        crate::suppress::apply(doc, findings, self.unused_suppressions)
    }
}

/// A match may start here: not in the middle of a word.
fn start_ok(s: &str, at: usize) -> bool {
    let first = s[at..].chars().next();
    let before = s[..at].chars().next_back();
    !(first.is_some_and(is_word_char) && before.is_some_and(is_word_char))
}

/// A match may end here: not in the middle of a word.
fn end_ok(s: &str, at: usize) -> bool {
    let last = s[..at].chars().next_back();
    let after = s[at..].chars().next();
    !(last.is_some_and(is_word_char) && after.is_some_and(is_word_char))
}

fn plural_end(s: &str, end: usize) -> Option<usize> {
    let rest = &s[end..];
    for suffix in ["es", "s", "'s", "s'"] {
        if rest.starts_with(suffix) {
            return Some(end + suffix.len());
        }
    }
    None
}
