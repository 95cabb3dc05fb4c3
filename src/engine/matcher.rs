//! Finding the hits of a document's blocks: the kind's automaton once over each block's normal
//! form, then the regular expressions whose required words the block has, then `near` pairs;
//! the evidence expressions of `conditional` and `required` rules run last, only where they
//! can change a finding.

use std::ops::Range;

use super::compile::{KindMatcher, Owner, Tables, Use};
use super::workspace::Scratch;
use crate::check;
use crate::document::Block;
use crate::hit::{Hit, Role};
use crate::rule::RuleKind;
use crate::text::{Normalized, is_word_char};

impl Tables {
    /// Every hit of every rule that applies to the matcher's kind of document, in one block.
    pub(super) fn block_hits(
        &self,
        matcher: &KindMatcher,
        block_index: usize,
        block: &Block,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        let Scratch {
            found,
            touched,
            seen,
            seen_list,
            run,
            sides,
            deferred,
            may,
        } = scratch;
        run.clear();
        match &matcher.unfiltered_set {
            Some(set) => {
                let may = match may {
                    Some(may) if may.capacity() == set.pattern_len() => {
                        may.clear();
                        may
                    }
                    _ => may.insert(regex_automata::PatternSet::new(set.pattern_len())),
                };
                set.which_overlapping_matches(&regex_automata::Input::new(&block.text), may);
                run.extend(may.iter().map(|k| matcher.unfiltered[k.as_usize()]));
            }
            None => run.extend_from_slice(&matcher.unfiltered),
        }
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
                if !seen[p] {
                    seen[p] = true;
                    seen_list.push(p);
                    for &owner in &matcher.owners[words_from..to] {
                        if let Owner::Word(i, _) = owner
                            && found[i] == 0
                        {
                            found[i] = 1;
                            touched.push(i);
                        }
                    }
                }
            }
            for i in touched.drain(..) {
                // Each later group needs a word in the block too.
                let later = &matcher.later_groups[i];
                if later.iter().all(|ps| ps.iter().any(|&p| seen[p as usize])) {
                    run.push(i);
                }
                found[i] = 0;
            }
            for p in seen_list.drain(..) {
                seen[p] = false;
            }
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
        pattern.find_each(text, |m| {
            if m.is_empty() {
                return;
            }
            for &what in uses {
                match what {
                    Use::Hit(rule, role) => out.push(Hit {
                        rule,
                        role,
                        block: block_index,
                        range: m.clone(),
                    }),
                    Use::First(n) => sides.push((n, true, m.clone())),
                    Use::Second(n) => sides.push((n, false, m.clone())),
                }
            }
        });
    }

    /// Runs the evidence expressions that the blocks left for later (`deferred`: block and
    /// expression, in block order), only where the evidence can change a finding: for a
    /// `conditional` rule, once the document has a requirement it flags; for a `required`
    /// rule, until the first evidence that counts (not negated, in its sections) is found.
    /// Most documents have no requirement a conditional rule flags, and most required
    /// information is found early, so most of these expressions never run.
    pub(super) fn deferred_hits(
        &self,
        ctx: &check::Context<'_>,
        deferred: &[(u32, u32)],
        hits: &mut Vec<Hit>,
        scratch: &mut Scratch,
    ) {
        if deferred.is_empty() {
            return;
        }
        // Per rule: does its evidence still matter?
        let mut wanted: Vec<bool> = self
            .rules
            .iter()
            .map(|r| {
                // Conditional and required rules follow the document's own kind, whatever
                // kind its sections are also checked as.
                r.applies_to(ctx.doc.kind)
                    && matches!(r.kind(), RuleKind::Conditional | RuleKind::Required)
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
