//! `required` rules: information the document must contain. One finding on the document
//! (at the heading of the `anchor` section, or at the start) when no evidence is found, in
//! the prose or in the named front matter fields, or when `[absent]` wording says the
//! information is withheld.

use super::context::Context;
use crate::document::Section;
use crate::finding::Finding;
use crate::hit::{Hit, Role};
use crate::rule::Rule;

/// Is `hit` evidence that the information is there? Evidence that is negated ("questions are
/// not shared before the interview") is no evidence, nor is evidence outside the rule's
/// sections.
pub fn counts_as_present(ctx: &Context<'_>, rule: &Rule, h: &Hit) -> bool {
    h.role == Role::Evidence
        && !ctx.negated(h.block, &h.range)
        && (rule.evidence().sections.is_empty()
            || rule
                .evidence()
                .sections
                .contains(&ctx.doc.blocks[h.block].section))
}

pub(super) fn run(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    front_matter: &[String],
    anchor: Option<Section>,
    hits: &[Hit],
    out: &mut Vec<Finding>,
) {
    let in_front_matter = front_matter.iter().any(|key| {
        ctx.doc
            .front_matter
            .iter()
            .any(|(k, v)| !v.trim().is_empty() && (k == key || k.starts_with(&format!("{key}."))))
    });
    if in_front_matter {
        return;
    }
    let present = hits.iter().any(|h| counts_as_present(ctx, rule, h));
    // `[absent]`: the document says the information is withheld, whatever else it says.
    let withheld = hits
        .iter()
        .any(|h| h.role == Role::Match && !ctx.negated(h.block, &h.range));
    if !present || withheld {
        out.push(ctx.document_finding(i, rule, anchor));
    }
}
