//! `conditional` rules: a requirement flagged unless the document justifies it.
//!
//! `[when]` finds the requirement in its sections; `[unless]` looks for evidence in its
//! sections, or in the same sentence as the requirement ("driving licence, as you will visit
//! clients"). Evidence that is part of the requirement's own words does not count.

use super::context::{Context, push_unoverlapped};
use crate::finding::Finding;
use crate::hit::{Hit, Role};
use crate::rule::{Evidence, Rule};

pub(super) fn run(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    when: &Evidence,
    unless: &Evidence,
    hits: &[Hit],
    out: &mut Vec<Finding>,
) {
    let when_sections = if when.sections.is_empty() {
        &rule.sections
    } else {
        &when.sections
    };
    // Evidence in the `[unless]` sections, not negated: found once for all matches.
    let evidence: Vec<&Hit> = hits
        .iter()
        .filter(|e| e.role == Role::Evidence)
        .filter(|e| {
            let section = ctx.doc.blocks[e.block].section;
            unless.sections.is_empty() || unless.sections.contains(&section)
        })
        .filter(|e| !ctx.negated(e.block, &e.range))
        .collect();
    let overlaps = |e: &Hit, h: &Hit| {
        e.block == h.block && e.range.start < h.range.end && h.range.start < e.range.end
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
        // Evidence that is part of the requirement's own words does not count; at most a few
        // pieces overlap it, so this looks at a handful of hits.
        let in_sections = evidence.iter().any(|e| !overlaps(e, hit));
        let justified = in_sections || {
            // A reason in the same sentence counts wherever it is, when a word joins it to the
            // requirement as its reason ("as you will visit clients"), not as another
            // requirement ("and experience managing teams").
            let sentence = ctx.sentence_of(hit.block, &hit.range);
            let text = &ctx.doc.blocks[hit.block].text;
            let lo =
                hits.partition_point(|h| (h.block, h.range.start) < (hit.block, sentence.start));
            hits[lo..]
                .iter()
                .take_while(|e| e.block == hit.block && e.range.start < sentence.end)
                .any(|e| {
                    e.role == Role::Evidence
                        && e.range.end <= sentence.end
                        && !overlaps(e, hit)
                        && !ctx.negated(e.block, &e.range)
                        && {
                            // The sentence without the requirement and the evidence.
                            let (a, b) = if e.range.start < hit.range.start {
                                (&e.range, &hit.range)
                            } else {
                                (&hit.range, &e.range)
                            };
                            let rest = format!(
                                "{} {} {}",
                                &text[sentence.start..a.start.max(sentence.start)],
                                &text[a.end.min(b.start)..b.start],
                                &text[b.end.min(sentence.end)..sentence.end]
                            );
                            ctx.policy.lexicon.gives_reason(&rest)
                        }
                })
        };
        if justified {
            continue;
        }
        if push_unoverlapped(&mut kept, hit.block, hit.range.clone()) {
            out.push(ctx.finding(i, rule, hit.block, hit.range.clone()));
        }
    }
}
