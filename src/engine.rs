//! The compiled rule set: built once, shared read-only by all threads.
//!
//! Every literal phrase of the rules that apply to a kind of document (phrases, `[when]`,
//! `[unless]`, `[present]`, exceptions) goes into one Aho-Corasick automaton for that kind,
//! built when the first document of the kind is checked, and searched once per block over the
//! block's normal form. The same automaton holds the required words of every regular
//! expression of those rules (see
//! [`literals`](crate::rule::literals)): an expression runs on a block only when one of its
//! words occurs there (or when it has none), and it is compiled the first time it runs. So
//! start-up compiles no expression, and a block pays only for the expressions it could match.
//! The code of each rule kind then works on the hits (see [`check`](crate::check)).

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::check::{self, Policy};
use crate::document::{Block, DocKind, Document};
use crate::finding::{self, Finding};
use crate::hit::{Hit, Role};
use crate::lazy_regex::LazyRegex;
use crate::rule::{Pattern, Rule, RuleKind, RuleSet, Severity, literals};
use crate::text::{Normalized, is_word_char, normalize_phrase};

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

/// What an entry of the phrase automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A rule's phrase: a hit where it stands as whole words.
    Phrase(usize, Role),
    /// A word of group `g` of the required words of regular expression `i`: run it on a block
    /// where every group has a word.
    Word(usize, usize),
}

/// What the matches of a regular expression are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// Hits of this rule, in this role.
    Hit(usize, Role),
    /// The first side of `near` pair `i`.
    First(usize),
    /// The second side of `near` pair `i`.
    Second(usize),
}

impl Use {
    fn rule(self, nears: &[(usize, Role, usize)]) -> usize {
        match self {
            Use::Hit(rule, _) => rule,
            Use::First(i) | Use::Second(i) => nears[i].0,
        }
    }
}

/// What the engine searches for in documents of one kind.
struct KindMatcher {
    /// The phrases and words that matter for the kind (`None` when there are none).
    ac: Option<AhoCorasick>,
    /// What pattern `p` of the automaton stands for in documents of the kind:
    /// `owners[starts[p]..starts[p + 1]]`, phrases first, required words from
    /// `words_from[p]` on.
    starts: Vec<u32>,
    words_from: Vec<u32>,
    owners: Vec<Owner>,
    /// Is pattern `p` a stem (a phrase written with a final `*`): any word that starts with it?
    stems: Vec<bool>,
    /// The expressions without required words that have a use for the kind: they run on
    /// every block.
    unfiltered: Vec<usize>,
}

/// The hits of recently checked blocks, by kind and prose: careers sites and job boards repeat
/// whole paragraphs (about the company, benefits, equal opportunity) from ad to ad, and a
/// repeated paragraph has the same hits. Bounded: emptied when it holds more than
/// [`BlockCache::MAX_BYTES`].
#[derive(Default)]
struct BlockCache {
    /// By kind and hash of the prose: the prose and its hits.
    map: std::collections::HashMap<(DocKind, u64), CachedBlock, rustc_hash::FxBuildHasher>,
    bytes: usize,
}

/// A hit without its block: (rule, role, range).
type CachedHit = (u32, Role, Range<u32>);

/// A block's prose, its hits, and the evidence expressions left for later (see
/// [`Engine::deferred_hits`]).
type CachedBlock = (Box<str>, Box<[CachedHit]>, Box<[u32]>);

impl BlockCache {
    const MAX_BYTES: usize = 2 << 20;

    /// The key of `text`: a quick hash (the prose is compared too, so a collision only
    /// misses).
    fn key(kind: DocKind, text: &str) -> (DocKind, u64) {
        use std::hash::BuildHasher;
        (kind, rustc_hash::FxBuildHasher.hash_one(text))
    }

    fn get(&self, key: (DocKind, u64), text: &str) -> Option<(&[CachedHit], &[u32])> {
        match self.map.get(&key) {
            Some((prose, hits, deferred)) if &**prose == text => Some((hits, deferred)),
            _ => None,
        }
    }

    fn insert(&mut self, key: (DocKind, u64), text: &str, hits: &[Hit], deferred: &[u32]) {
        let size = text.len() + std::mem::size_of_val(hits) + std::mem::size_of_val(deferred);
        if size > Self::MAX_BYTES {
            return;
        }
        if self.bytes + size > Self::MAX_BYTES {
            self.map.clear();
            self.bytes = 0;
        }
        let found = hits
            .iter()
            .map(|h| {
                (
                    h.rule as u32,
                    h.role,
                    h.range.start as u32..h.range.end as u32,
                )
            })
            .collect();
        self.bytes += size;
        self.map.insert(key, (text.into(), found, deferred.into()));
    }
}

/// Buffers reused from block to block, and from document to document.
#[derive(Default)]
struct Scratch {
    /// The word groups found, per expression, as bits (all zero between blocks).
    found: Vec<u8>,
    /// The expressions with a word group found in the block.
    touched: Vec<usize>,
    /// Per pattern of the automaton, whether its required words were noted in the block
    /// (all false between blocks): a word counts once, and short ones occur often.
    seen: Vec<bool>,
    /// The patterns noted in the block.
    seen_list: Vec<usize>,
    /// The expressions to run on the block.
    run: Vec<usize>,
    /// Matches of `near` sides: (pair, is first side, range).
    sides: Vec<(usize, bool, Range<usize>)>,
    /// The evidence expressions whose words the block has, left for later.
    deferred: Vec<u32>,
}

/// A rule set compiled for matching.
pub struct Engine {
    rules: Vec<Arc<Rule>>,
    severities: Vec<Severity>,
    /// Every phrase and required word (normal form), and what each stands for.
    phrase_list: Vec<String>,
    owners: Vec<Vec<Owner>>,
    /// Per kind of document, what to search for, made the first time a document of that kind
    /// is checked: most runs see one or two kinds, and building the automaton is most of the
    /// start-up time of a small run.
    matchers: [OnceLock<KindMatcher>; DocKind::COUNT],
    /// Every distinct regular expression, with what its matches are for.
    regexes: Vec<(LazyRegex, Vec<Use>)>,
    /// Per rule, its `skip-if` expressions.
    skip_if: Vec<Box<[LazyRegex]>>,
    /// `near` pairs: (rule, role, most characters apart).
    nears: Vec<(usize, Role, usize)>,
    /// The expressions without required words.
    unfiltered: Vec<usize>,
    /// Per expression, the bits of all its word groups.
    all_groups: Vec<u8>,
    /// Per expression, whether it only finds evidence for `conditional` and `required`
    /// rules: such an expression runs after the rest, and only where it can change a finding.
    evidence_only: Vec<bool>,
    allow: Option<AhoCorasick>,
    unused_suppressions: bool,
    /// The word lists of the language (negations, question prompts and kinds).
    lexicon: crate::questions::Lexicon,
    /// Buffers and block results for reuse: one set per document being checked at a time.
    workspaces: std::sync::Mutex<Vec<(Scratch, BlockCache)>>,
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
        let mut all_groups = Vec::new();
        for (index, (pattern, _)) in regexes.iter().enumerate() {
            let groups = pattern.required_words().unwrap_or_default();
            // One bit per group (there are at most 8).
            let groups = &groups[..groups.len().min(8)];
            all_groups.push(((1u16 << groups.len()) - 1) as u8);
            if groups.is_empty() {
                unfiltered.push(index);
            }
            for (g, words) in groups.iter().enumerate() {
                for w in words {
                    add(automaton_word(w), Owner::Word(index, g));
                }
            }
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
            phrase_list,
            owners,
            matchers: Default::default(),
            regexes,
            skip_if,
            nears,
            unfiltered,
            all_groups,
            evidence_only,
            allow,
            unused_suppressions: options.unused_suppressions,
            lexicon: set.lexicon().clone(),
            workspaces: Default::default(),
        }
    }

    /// The word lists of the language.
    pub fn lexicon(&self) -> &crate::questions::Lexicon {
        &self.lexicon
    }

    /// The compiled rules, in engine order.
    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    /// The severity in force for rule `i`.
    pub fn severity(&self, i: usize) -> Severity {
        self.severities[i]
    }

    /// Does this regular expression have a use for documents of `kind`?
    fn regex_applies(&self, i: usize, kind: DocKind) -> bool {
        self.regexes[i]
            .1
            .iter()
            .any(|u| self.rules[u.rule(&self.nears)].applies_to(kind))
    }

    /// What to search for in documents of `kind`.
    fn matcher(&self, kind: DocKind) -> &KindMatcher {
        self.matchers[kind.index()].get_or_init(|| {
            let applies = |owner: &Owner| match *owner {
                Owner::Phrase(rule, _) => self.rules[rule].applies_to(kind),
                Owner::Word(i, _) => self.regex_applies(i, kind),
            };
            let mut patterns = Vec::new();
            let mut starts = vec![0];
            let mut words_from = Vec::new();
            let mut owners = Vec::new();
            let mut stems = Vec::new();
            for (id, phrase) in self.phrase_list.iter().enumerate() {
                let before = owners.len();
                let is_phrase = |o: &Owner| matches!(o, Owner::Phrase(..));
                let mine = || self.owners[id].iter().copied().filter(applies);
                owners.extend(mine().filter(is_phrase));
                let phrases_end = owners.len();
                owners.extend(mine().filter(|o| !is_phrase(o)));
                if owners.len() > before {
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
            let unfiltered = self
                .unfiltered
                .iter()
                .copied()
                .filter(|&i| self.regex_applies(i, kind))
                .collect();
            KindMatcher {
                ac,
                starts,
                words_from,
                owners,
                stems,
                unfiltered,
            }
        })
    }

    /// Every hit of every rule (that applies to documents of `kind`) in one block.
    fn block_hits(
        &self,
        kind: DocKind,
        block_index: usize,
        block: &Block,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        let matcher = self.matcher(kind);
        let Scratch {
            found,
            touched,
            seen,
            seen_list,
            run,
            sides,
            deferred,
        } = scratch;
        run.clear();
        run.extend_from_slice(&matcher.unfiltered);
        if let Some(ac) = &matcher.ac {
            let norm = &block.norm;
            for m in ac.find_overlapping_iter(&norm.text) {
                let p = m.pattern().as_usize();
                let (from, words_from, to) = (
                    matcher.starts[p] as usize,
                    matcher.words_from[p] as usize,
                    matcher.starts[p + 1] as usize,
                );
                if from < words_from
                    && let Some(range) = phrase_hit(norm, m.start()..m.end(), matcher.stems[p])
                {
                    for &owner in &matcher.owners[from..words_from] {
                        if let Owner::Phrase(rule, role) = owner {
                            out.push(Hit {
                                rule,
                                role,
                                block: block_index,
                                range: range.clone(),
                            });
                        }
                    }
                }
                if words_from < to && !seen[p] {
                    seen[p] = true;
                    seen_list.push(p);
                    for &owner in &matcher.owners[words_from..to] {
                        if let Owner::Word(i, g) = owner {
                            if found[i] == 0 {
                                touched.push(i);
                            }
                            found[i] |= 1 << g;
                        }
                    }
                }
            }
            for p in seen_list.drain(..) {
                seen[p] = false;
            }
        }
        for i in touched.drain(..) {
            // The automaton holds only the words of expressions with a use for the kind.
            if found[i] == self.all_groups[i] {
                run.push(i);
            }
            found[i] = 0;
        }
        run.sort_unstable();
        run.dedup();
        let text = block.text.as_str();
        // Matches of `near` sides: (pair, is first side, range).
        sides.clear();
        deferred.clear();
        for &i in run.iter() {
            if self.evidence_only[i] {
                deferred.push(i as u32);
            } else {
                self.regex_hits(i, text, block_index, out, sides);
            }
        }
        if !sides.is_empty() {
            self.near_hits(text, block_index, sides, out);
        }
    }

    /// The hits of expression `i` in `text`, the prose of block `block_index`.
    fn regex_hits(
        &self,
        i: usize,
        text: &str,
        block_index: usize,
        out: &mut Vec<Hit>,
        sides: &mut Vec<(usize, bool, Range<usize>)>,
    ) {
        let (pattern, uses) = &self.regexes[i];
        if !pattern.may_match(text) {
            return;
        }
        let Some(regex) = pattern.regex(text.len()) else {
            return;
        };
        for m in regex.find_iter(text) {
            if m.is_empty() {
                continue;
            }
            for &what in uses {
                match what {
                    Use::Hit(rule, role) => out.push(Hit {
                        rule,
                        role,
                        block: block_index,
                        range: m.range(),
                    }),
                    Use::First(n) => sides.push((n, true, m.range())),
                    Use::Second(n) => sides.push((n, false, m.range())),
                }
            }
        }
    }

    /// Runs the evidence expressions that the blocks left for later (`deferred`: block and
    /// expression, in block order), only where the evidence can change a finding: for a
    /// `conditional` rule, once the document has a requirement it flags; for a `required`
    /// rule, until the first evidence that counts (not negated, in its sections) is found.
    /// Most documents have no requirement a conditional rule flags, and most required
    /// information is found early, so most of these expressions never run.
    fn deferred_hits(
        &self,
        ctx: &check::Context<'_>,
        deferred: &[(u32, u32)],
        hits: &mut Vec<Hit>,
        scratch: &mut Scratch,
    ) {
        if deferred.is_empty() {
            return;
        }
        let kind = ctx.doc.kind;
        // Per rule: does its evidence still matter?
        let mut wanted: Vec<bool> = self
            .rules
            .iter()
            .map(|r| {
                r.applies_to(kind) && matches!(r.kind(), RuleKind::Conditional | RuleKind::Required)
            })
            .collect();
        let mut flagged = vec![false; self.rules.len()];
        for h in hits.iter() {
            let rule = &self.rules[h.rule];
            match (rule.kind(), h.role) {
                (RuleKind::Conditional, Role::Match) => flagged[h.rule] = true,
                (RuleKind::Required, Role::Evidence) if check::counts_as_present(ctx, rule, h) => {
                    wanted[h.rule] = false
                }
                _ => {}
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if rule.kind() == RuleKind::Conditional && !flagged[i] {
                wanted[i] = false;
            }
        }
        let sides = &mut scratch.sides;
        for &(block, i) in deferred {
            let (block, i) = (block as usize, i as usize);
            let wants = |u: &Use| matches!(*u, Use::Hit(rule, _) if wanted[rule]);
            if !self.regexes[i].1.iter().any(wants) {
                continue;
            }
            let from = hits.len();
            sides.clear();
            self.regex_hits(i, &ctx.doc.blocks[block].text, block, hits, sides);
            for h in &hits[from..] {
                let rule = &self.rules[h.rule];
                if rule.kind() == RuleKind::Required && check::counts_as_present(ctx, rule, h) {
                    wanted[h.rule] = false;
                }
            }
        }
    }

    /// One hit for each match of a `near` pair's first side that has a match of the second
    /// side at most `within` characters away, covering both.
    fn near_hits(
        &self,
        text: &str,
        block: usize,
        sides: &mut [(usize, bool, Range<usize>)],
        out: &mut Vec<Hit>,
    ) {
        sides.sort_by_key(|(pair, first, r)| (*pair, *first, r.start));
        let mut at = 0;
        while at < sides.len() {
            let pair = sides[at].0;
            let end = at + sides[at..].partition_point(|s| s.0 == pair);
            let group = &sides[at..end];
            // Second sides sort before first sides.
            let split = group.partition_point(|s| !s.1);
            let (seconds, firsts) = group.split_at(split);
            let (rule, role, within) = self.nears[pair];
            for (_, _, a) in firsts {
                // The nearest second-side matches start just before and just after `a`
                // (matches of one expression do not overlap, so their ends are in order too).
                let next = seconds.partition_point(|s| s.2.start < a.start);
                let candidates = [next.checked_sub(1), Some(next)];
                let near = candidates
                    .into_iter()
                    .flatten()
                    .filter_map(|k| seconds.get(k))
                    .map(|s| &s.2)
                    .find(|b| chars_apart_at_most(text, a, b, within));
                if let Some(b) = near {
                    out.push(Hit {
                        rule,
                        role,
                        block,
                        range: a.start.min(b.start)..a.end.max(b.end),
                    });
                }
            }
            at = end;
        }
    }

    /// What the rule kinds need of the engine: rules, severities, allowed terms, word lists.
    fn policy(&self) -> Policy<'_> {
        Policy {
            rules: &self.rules,
            severities: &self.severities,
            skip_if: &self.skip_if,
            allow: self.allow.as_ref(),
            lexicon: &self.lexicon,
        }
    }

    /// Checks one document.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let mut hits = Vec::new();
        let (mut scratch, mut cache) = self
            .workspaces
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            .unwrap_or_default();
        // Sized for the engine and the document's kind (all entries are false or zero
        // between blocks).
        scratch.found.resize(self.regexes.len(), 0);
        let entries = self.matcher(doc.kind).words_from.len();
        if scratch.seen.len() < entries {
            scratch.seen.resize(entries, false);
        }
        // Evidence expressions left for later: (block, expression).
        let mut deferred: Vec<(u32, u32)> = Vec::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            let key = BlockCache::key(doc.kind, &block.text);
            if let Some((found, later)) = cache.get(key, &block.text) {
                hits.extend(found.iter().map(|&(rule, role, ref range)| Hit {
                    rule: rule as usize,
                    role,
                    block: i,
                    range: range.start as usize..range.end as usize,
                }));
                deferred.extend(later.iter().map(|&r| (i as u32, r)));
                continue;
            }
            let from = hits.len();
            self.block_hits(doc.kind, i, block, &mut scratch, &mut hits);
            cache.insert(key, &block.text, &hits[from..], &scratch.deferred);
            deferred.extend(scratch.deferred.iter().map(|&r| (i as u32, r)));
        }
        let ctx = check::Context::new(doc, self.policy());
        self.deferred_hits(&ctx, &deferred, &mut hits, &mut scratch);
        self.workspaces
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((scratch, cache));
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
        check::drop_covered_questions(&mut findings);
        finding::sort(&mut findings);
        crate::suppress::apply(doc, findings, self.unused_suppressions)
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
fn automaton_word(word: &str) -> String {
    let w = Normalized::new(word).text;
    let trimmed = w.trim_matches(' ');
    if trimmed.len() >= literals::MIN_LEN {
        trimmed.to_string()
    } else {
        w
    }
}

/// The original range of a phrase found at `r` in the normal form, if it stands as whole words
/// (a plural or possessive ending is taken in: "rockstars", "heroes", "team's").
fn phrase_hit(norm: &Normalized, mut r: Range<usize>, stem: bool) -> Option<Range<usize>> {
    let nt = norm.text.as_str();
    if !start_ok(nt, r.start) {
        return None;
    }
    if stem {
        // A stem runs on to the end of its word: `communicat*` is "communicators".
        r.end += nt[r.end..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(nt.len() - r.end, |(i, _)| i);
    } else if !end_ok(nt, r.end) {
        match plural_end(nt, r.end) {
            Some(end) if end_ok(nt, end) => r.end = end,
            _ => return None,
        }
    }
    Some(norm.to_original(r))
}

/// Are two ranges of `text` at most `within` characters apart (touching and overlapping
/// ranges are 0 apart)?
fn chars_apart_at_most(text: &str, a: &Range<usize>, b: &Range<usize>, within: usize) -> bool {
    let gap = if a.end <= b.start {
        a.end..b.start
    } else if b.end <= a.start {
        b.end..a.start
    } else {
        return true;
    };
    // A character is 1 to 4 bytes: count only when the bytes leave it open.
    match gap.len() {
        n if n <= within => true,
        n if n > within.saturating_mul(4) => false,
        _ => text[gap].chars().count() <= within,
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

#[cfg(test)]
mod tests {
    use crate::rule::RuleSet;
    use crate::{Engine, lint_str};

    const ROUTE: &str = r#"
kind = "required"
severity = "warning"
anchor = "process"
message = "No way to ask for adjustments."
why = "w"
suggest = ["s"]
source = "s"

[[present.near]]
within = 40
first = ['\badjustments?\b', '\bextra time\b']
second = ['\be-?mail\b', '@']

[examples]
flag = ["We make adjustments."]
pass = ["We make adjustments: email us."]
"#;

    fn rules(text: &str) -> RuleSet {
        let mut set = RuleSet::empty().unwrap();
        let sources = [(
            "t/missing/route.toml".to_string(),
            "missing/route.toml".to_string(),
            text.to_string(),
        )];
        set.add_sources(sources.into_iter()).unwrap();
        set
    }

    fn flagged(set: &RuleSet, text: &str) -> bool {
        let engine = Engine::new(set);
        !lint_str(&engine, set, "ad.md", text).is_empty()
    }

    const QUESTIONS_SENT: &str = r#"
kind = "required"
severity = "warning"
message = "Say whether the questions are sent before the interview."
why = "w"
suggest = ["s"]
source = "s"

[present]
patterns = ['\bquestions\b[^.]{0,30}\bin advance\b']

[examples]
flag = ["We look forward to meeting you."]
pass = ["We send the questions in advance."]
"#;

    const LICENCE: &str = r#"
kind = "conditional"
severity = "warning"
message = "A driving licence is asked for; no duty needs driving."
why = "w"
suggest = ["s"]
source = "s"

[when]
phrases = ["driving licence"]

[unless]
patterns = ['\b(visit|deliver)\w*\b[^.]{0,30}\b(clients|parcels)\b']

[examples]
flag = ["You need a driving licence. You will answer the phone."]
pass = ["You need a driving licence. You will visit clients at home."]
"#;

    #[test]
    fn evidence_run_later_still_decides() {
        // A required rule's evidence expression runs after the rest and stops at the first
        // evidence that counts: negated evidence before it does not end the search.
        let set = rules(QUESTIONS_SENT);
        assert!(flagged(&set, "We meet you for an hour."));
        assert!(flagged(
            &set,
            "We meet you for an hour.\n\nWe do not share the questions in advance."
        ));
        assert!(!flagged(
            &set,
            "We do not post the questions in advance.\n\nOn the day, you get the questions in advance of each task, ten minutes before."
        ));
        // A conditional rule's evidence is looked for once the requirement is found, in any
        // block, before or after it.
        let set = rules(LICENCE);
        assert!(flagged(
            &set,
            "You will answer the phone.\n\nYou need a driving licence."
        ));
        assert!(!flagged(
            &set,
            "You will visit clients at home.\n\nYou need a driving licence."
        ));
        assert!(!flagged(
            &set,
            "You need a driving licence.\n\nYou will deliver parcels on foot and by van."
        ));
        assert!(!flagged(&set, "You will visit clients at home."));
    }

    fn phrase_rule(name: &str, applies_to: &str, phrase: &str) -> (String, String, String) {
        let text = format!(
            r#"
kind = "phrase"
severity = "warning"
applies-to = [{applies_to}]
message = "m"
why = "w"
suggest = ["s"]
source = "s"
phrases = ["{phrase}"]
patterns = ['\b{phrase} of (the )?\w+\b']

[examples]
flag = ["A {phrase} here."]
pass = ["Nothing here."]
"#
        );
        (
            format!("t/buzzword/{name}.toml"),
            format!("buzzword/{name}.toml"),
            text,
        )
    }

    #[test]
    fn each_kind_of_document_gets_the_phrases_of_its_own_rules() {
        use crate::DocKind;
        let mut set = RuleSet::empty().unwrap();
        let sources = [
            phrase_rule("ads", r#""job-ad""#, "rockstar"),
            phrase_rule("questions", r#""interview""#, "weakness"),
            phrase_rule("both", r#""job-ad", "interview""#, "guru"),
        ];
        set.add_sources(sources.into_iter()).unwrap();
        let engine = Engine::new(&set);
        let text = "A rockstar, a weakness and a guru.\n\nThe weakness of the plan.\n";
        let found = |kind: DocKind| {
            let doc = crate::parse::parse(
                "doc.md",
                text.to_string(),
                crate::Format::Markdown,
                Some(kind),
                &set.sections,
            );
            let mut ids: Vec<String> = engine
                .check(&doc)
                .iter()
                .map(|f| format!("{}:{}", f.rule_id(), f.start.0))
                .collect();
            ids.dedup();
            ids
        };
        // The automata are built one kind at a time, on first use, in any order; each kind
        // sees exactly the rules that apply to it, phrases and patterns alike.
        for _ in 0..2 {
            assert_eq!(
                found(DocKind::Interview),
                [
                    "buzzword/questions:1",
                    "buzzword/both:1",
                    "buzzword/questions:3"
                ]
            );
            assert_eq!(found(DocKind::JobAd), ["buzzword/ads:1", "buzzword/both:1"]);
            assert!(found(DocKind::Other).is_empty());
        }
    }

    #[test]
    fn required_words_lose_their_end_spaces_only_while_they_stay_selective() {
        use super::automaton_word;
        assert_eq!(automaton_word(" the "), "the");
        assert_eq!(automaton_word("The "), "the");
        assert_eq!(automaton_word(" you"), "you");
        // Two letters match inside too many words: the spaces stay.
        assert_eq!(automaton_word(" to "), " to ");
        assert_eq!(automaton_word(","), ",");
    }

    #[test]
    fn a_repeated_paragraph_gets_its_findings_each_time_it_appears() {
        let set = RuleSet::bundled().unwrap();
        let engine = Engine::new(&set);
        let para = "We need a rockstar ninja who is a great team player.";
        let once = lint_str(&engine, &set, "a.md", &format!("# Job\n\n{para}\n"));
        assert!(!once.is_empty());
        // The same paragraph three times, in one document and then in another: the same
        // findings at each place, from the cache after the first.
        let text = format!("# Job\n\n{para}\n\nOther words.\n\n{para}\n\n{para}\n");
        for path in ["b.md", "c.md"] {
            let found = lint_str(&engine, &set, path, &text);
            assert_eq!(found.len(), 3 * once.len(), "{path}");
            for (k, line) in [3, 7, 9].into_iter().enumerate() {
                for (f, g) in once.iter().zip(&found[k * once.len()..]) {
                    assert_eq!((f.rule_id(), f.start.1), (g.rule_id(), g.start.1));
                    assert_eq!(g.start.0, line);
                }
            }
        }
    }

    #[test]
    fn the_block_cache_stays_bounded() {
        use super::{BlockCache, Hit, Role};
        let mut cache = BlockCache::default();
        let hit = Hit {
            rule: 1,
            role: Role::Match,
            block: 0,
            range: 2..5,
        };
        let text = "x".repeat(1000);
        for i in 0..10_000 {
            let t = format!("{i}{text}");
            let key = BlockCache::key(crate::DocKind::JobAd, &t);
            cache.insert(key, &t, std::slice::from_ref(&hit), &[7]);
            assert!(cache.bytes <= BlockCache::MAX_BYTES);
            assert_eq!(
                cache.get(key, &t),
                Some((&[(1, Role::Match, 2..5)][..], &[7][..]))
            );
            let other = BlockCache::key(crate::DocKind::Interview, &t);
            assert_eq!(cache.get(other, &t), None);
            // A different text under the same key (a hash collision) is a miss.
            assert_eq!(cache.get(key, "another text"), None);
        }
        // A block bigger than the whole cache is not kept.
        let huge = "y".repeat(BlockCache::MAX_BYTES + 1);
        let key = BlockCache::key(crate::DocKind::JobAd, &huge);
        cache.insert(key, &huge, &[], &[]);
        assert!(cache.bytes <= BlockCache::MAX_BYTES);
        assert_eq!(cache.get(key, &huge), None);
    }

    #[test]
    fn near_pairs_count_in_either_order_within_the_distance() {
        let set = rules(ROUTE);
        // Close together, either order, any item of either list.
        assert!(!flagged(
            &set,
            "We make adjustments: email jobs@example.org."
        ));
        assert!(!flagged(&set, "Email us if you need extra time."));
        // One side alone is not enough.
        assert!(flagged(&set, "We make adjustments for everyone."));
        assert!(flagged(&set, "Email jobs at our office."));
        // Too far apart: 41 characters between them.
        let far = format!("We make adjustments{}email us.", " x".repeat(20) + " ");
        assert!(flagged(&set, &far));
        let near = format!("We make adjustments{}email us.", " x".repeat(19) + " ");
        assert!(!flagged(&set, &near));
        // Not across paragraphs.
        assert!(flagged(&set, "We make adjustments.\n\nEmail us."));
    }

    #[test]
    fn near_distance_counts_characters_not_bytes() {
        let set = rules(ROUTE);
        // 38 characters of three bytes each between the two sides.
        let wide = format!("adjustments {} email", "\u{2014}".repeat(38));
        assert!(!flagged(&set, &wide));
        let wider = format!("adjustments {} email", "\u{2014}".repeat(40));
        assert!(flagged(&set, &wider));
    }

    #[test]
    fn broken_near_pairs_are_errors_with_their_place() {
        let mut set = RuleSet::empty().unwrap();
        let bad_within = ROUTE.replace("within = 40", "within = 0");
        let e = set
            .add_sources([("f.toml".into(), "missing/route.toml".into(), bad_within)].into_iter())
            .unwrap_err()
            .to_string();
        assert!(e.contains("f.toml:11:10") && e.contains("`within`"), "{e}");
        let bad_regex = ROUTE.replace(r"'\bextra time\b'", "'(extra'");
        let e = set
            .add_sources([("f.toml".into(), "missing/route.toml".into(), bad_regex)].into_iter())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("f.toml:12:") && e.contains("unclosed group"),
            "{e}"
        );
        let no_second = ROUTE.replace("second = ['\\be-?mail\\b', '@']", "second = []");
        let e = set
            .add_sources([("f.toml".into(), "missing/route.toml".into(), no_second)].into_iter())
            .unwrap_err()
            .to_string();
        assert!(e.contains("`second`"), "{e}");
    }

    #[test]
    fn identical_patterns_of_two_rules_are_compiled_once() {
        let mut set = rules(ROUTE);
        let twin = ROUTE.to_string();
        set.add_sources(
            [(
                "t/missing/twin.toml".into(),
                "missing/twin.toml".into(),
                twin,
            )]
            .into_iter(),
        )
        .unwrap();
        let engine = Engine::new(&set);
        assert_eq!(engine.regexes.len(), 2);
        let findings = lint_str(&engine, &set, "ad.md", "We make adjustments.");
        assert_eq!(findings.len(), 2);
    }
}
