//! `question` rules: matches inside interview questions only.
//!
//! In interview and process documents, a question is a sentence ending in `?`, a line
//! starting with `Q:`, a list item under a questions heading, or a list item that opens like a
//! prompt ("Tell me about…"). In job ads only the process and questions sections have them.

use super::{Context, push_unoverlapped};
use crate::engine::{Hit, Role};
use crate::finding::Finding;
use crate::rule::Rule;

pub(super) fn run(ctx: &Context<'_>, i: usize, rule: &Rule, hits: &[Hit], out: &mut Vec<Finding>) {
    let mut kept = Vec::new();
    for hit in hits.iter().filter(|h| h.role == Role::Match) {
        let block = &ctx.doc.blocks[hit.block];
        if !rule.in_sections(block.section) {
            continue;
        }
        let in_question = ctx.questions[hit.block]
            .iter()
            .any(|q| q.start <= hit.range.start && hit.range.end <= q.end);
        if !in_question || !ctx.keep(rule, hit, hits) {
            continue;
        }
        if push_unoverlapped(&mut kept, hit.block, hit.range.clone()) {
            out.push(ctx.finding(i, rule, hit.block, hit.range.clone()));
        }
    }
}
