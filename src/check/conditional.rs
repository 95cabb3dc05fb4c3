//! `conditional` rules: a requirement flagged unless the document justifies it.
//!
//! `[when]` finds the requirement in its sections; `[unless]` looks for evidence in its
//! sections, or in the same sentence as the requirement ("driving licence, as you will visit
//! clients"). Evidence that is part of the requirement's own words does not count, nor does
//! evidence whose sentence names another group of `agree` words than the requirement
//! ("interviews in Dutch" does not justify "German and French").

use super::context::{Context, push_unoverlapped};
use crate::finding::Finding;
use crate::hit::{Hit, Role};
use crate::rule::{Evidence, Rule};
use crate::text::{contains_word, normalize_phrase};

/// The `agree` groups that `words` names a word of, as a bit set (`agree` holds a few groups;
/// past 64 the rest share the last bit, which can only make evidence count more often).
fn groups_named(agree: &[Vec<String>], words: &str) -> u64 {
    let norm = normalize_phrase(words);
    agree
        .iter()
        .enumerate()
        .filter(|(_, g)| g.iter().any(|w| contains_word(&norm, w)))
        .fold(0, |set, (i, _)| set | 1 << i.min(63))
}

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
    let text_of = |h: &Hit| &ctx.doc.blocks[h.block].text[h.range.clone()];
    // Evidence is read with its whole sentence: "drive a light vehicle" is also found as
    // "vehicle" alone, which names no group.
    let sentence_text = |h: &Hit| {
        let s = ctx.sentence_of(h.block, &h.range);
        &ctx.doc.blocks[h.block].text[s]
    };
    // The groups each piece of evidence names, when the rule has `agree` groups.
    let evidence_groups: Vec<u64> = if unless.agree.is_empty() {
        Vec::new()
    } else {
        evidence
            .iter()
            .map(|e| groups_named(&unless.agree, sentence_text(e)))
            .collect()
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
        // Evidence that names none of the `agree` groups counts for any requirement; evidence
        // that names some counts only for a requirement that names one of the same, or none.
        let wanted = if unless.agree.is_empty() {
            0
        } else {
            groups_named(&unless.agree, text_of(hit))
        };
        // (Callers test `wanted == 0` first, so that no groups are looked up for most rules.)
        let agrees = |named: u64| named == 0 || named & wanted != 0;
        let sentence = ctx.sentence_of(hit.block, &hit.range);
        let in_sections = evidence.iter().enumerate().any(|(k, e)| {
            !overlaps(e, hit)
                && (wanted == 0 || {
                    // In the requirement's own sentence the sentence names the requirement's
                    // group too: only the evidence's words count there.
                    let same_sentence =
                        e.block == hit.block && ctx.sentence_of(e.block, &e.range) == sentence;
                    agrees(if same_sentence {
                        groups_named(&unless.agree, text_of(e))
                    } else {
                        evidence_groups[k]
                    })
                })
        });
        let justified = in_sections || {
            // A reason in the same sentence counts wherever it is, when a word joins it to the
            // requirement as its reason ("as you will visit clients"), not as another
            // requirement ("and experience managing teams").
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
                        && (wanted == 0 || {
                            // In the requirement's own sentence, only the evidence's words.
                            agrees(groups_named(&unless.agree, text_of(e)))
                        })
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
