//! `conditional` rules: a requirement flagged unless the document justifies it.
//!
//! `[when]` finds the requirement in its sections; `[unless]` looks for evidence in its
//! sections, or in the same sentence as the requirement ("driving licence, as you will visit
//! clients"). Evidence that is part of the requirement's own words does not count.

use super::{Context, push_unoverlapped};
use crate::engine::{Hit, Role};
use crate::finding::Finding;
use crate::rule::Rule;

pub(super) fn run(ctx: &Context<'_>, i: usize, rule: &Rule, hits: &[Hit], out: &mut Vec<Finding>) {
    let when_sections = if rule.matches.sections.is_empty() {
        &rule.sections
    } else {
        &rule.matches.sections
    };
    let mut kept = Vec::new();
    for hit in hits.iter().filter(|h| h.role == Role::Match) {
        let block = &ctx.doc.blocks[hit.block];
        if !(when_sections.is_empty() || when_sections.contains(&block.section)) {
            continue;
        }
        if !ctx.keep(rule, hit, hits) {
            continue;
        }
        let sentence = ctx.sentence_of(hit.block, &hit.range);
        let justified = hits.iter().any(|e| {
            if e.role != Role::Evidence {
                return false;
            }
            let overlaps = e.block == hit.block
                && e.range.start < hit.range.end
                && hit.range.start < e.range.end;
            if overlaps {
                return false;
            }
            let same_sentence = e.block == hit.block
                && sentence.start <= e.range.start
                && e.range.end <= sentence.end;
            let section = ctx.doc.blocks[e.block].section;
            let in_sections =
                rule.unless.sections.is_empty() || rule.unless.sections.contains(&section);
            (same_sentence || in_sections) && !ctx.negated(e.block, &e.range)
        });
        if justified {
            continue;
        }
        if push_unoverlapped(&mut kept, hit.block, hit.range.clone()) {
            out.push(ctx.finding(i, rule, hit.block, hit.range.clone()));
        }
    }
}
