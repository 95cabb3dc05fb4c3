//! `phrase` and `pattern` rules: every match in the sections the rule looks at, unless an
//! exception, an allowed term, a negation or a `skip-if` sentence cancels it.

use super::context::{Context, push_unoverlapped};
use crate::finding::Finding;
use crate::hit::{Hit, Role};
use crate::rule::Rule;

pub(super) fn run(ctx: &Context<'_>, i: usize, rule: &Rule, hits: &[Hit], out: &mut Vec<Finding>) {
    let mut kept = Vec::new();
    for hit in hits.iter().filter(|h| h.role == Role::Match) {
        let block = &ctx.doc.blocks[hit.block];
        if !rule.in_sections(block.section) || !ctx.keep(rule, hit, hits) {
            continue;
        }
        if push_unoverlapped(&mut kept, hit.block, hit.range.clone()) {
            out.push(ctx.finding(i, rule, hit.block, hit.range.clone()));
        }
    }
}
