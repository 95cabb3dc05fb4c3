//! `question` rules: questions of some kinds, or matches inside questions.
//!
//! The questions of a document and their kinds come from [question analysis](crate::questions):
//! every sentence ending in `?` in any document; prompts without a question mark in interview
//! and process documents, their process and questions sections, and lists of questions. A rule with
//! `question-kinds` flags each whole question of one of its kinds; its `phrases` and `patterns`,
//! if any, flag their matches inside any question.

use super::context::{Context, push_unoverlapped};
use crate::finding::Finding;
use crate::hit::{Hit, Role};
use crate::questions::{kind_index, label_end};
use crate::rule::Rule;

pub(super) fn run(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    kinds: &[String],
    hits: &[Hit],
    out: &mut Vec<Finding>,
) {
    let wanted = kinds
        .iter()
        .filter_map(|k| kind_index(k))
        .fold(0u16, |s, k| s | (1 << k));
    // (block, range) of each finding, in block order.
    let mut kept = Vec::new();
    let mut found = Vec::new();
    for (b, questions) in ctx.questions.iter().enumerate() {
        let block = &ctx.doc.blocks[b];
        if wanted == 0 || !rule.in_sections(block.section) {
            continue;
        }
        for q in questions.iter().filter(|q| q.kinds & wanted != 0) {
            // The words that decided the kind must not be allowed, and the question must not
            // be an example of what not to ask: under a heading like "Questions to avoid",
            // after a negation in its sentence ("avoid asking 'where do you see
            // yourself…'"), or behind a negating label ("Don't: …"). A negation inside the
            // question ("someone not pulling their weight") is part of it.
            let Some((_, cue)) = q.cues.iter().find(|(k, _)| wanted & (1 << k) != 0) else {
                continue;
            };
            let text = &block.text[q.range.clone()];
            // The label negates when a negation stands before its first comma ("Don't: …",
            // "Questions to avoid: …"); one after a comma describes how the question is asked
            // ("Quick, no pen: …", "Quick, without paper: …").
            let label_negated = label_end(text).is_some_and(|end| {
                let head = text[..end].split(',').next().unwrap_or_default();
                crate::text::words(head)
                    .any(|w| ctx.policy.lexicon.is_negation(&head[w].to_lowercase()))
            });
            // A statement read as a question because it stands in a list of questions or
            // under a scoring heading says what the process does not do when it opens with a
            // negation or with the panel and a negation ("Do not score eye contact.", "There
            // are no trick questions."); "Did not show enthusiasm" is about the candidate. A
            // question mark or a question's word order ("Did the candidate seem…") makes it a
            // question after all.
            let negated_statement = !text.contains('?')
                && !ctx.policy.lexicon.reported.is_interrogative(text)
                && ctx.policy.lexicon.denies(text);
            if ctx.policy.allowed(block, cue)
                || (rule.negation
                    && (label_negated
                        || negated_statement
                        || ctx.question_negated(b, &(q.range.start..q.range.start))))
                || ctx.policy.skip_if[i]
                    .iter()
                    .any(|r| r.is_match(&block.text[q.range.clone()]))
            {
                continue;
            }
            let mut focus = cue_sentences(&block.sentences, &q.range, cue);
            // A label before the question ("Icebreaker: if you were a biscuit…") is not
            // where its kind lies: a finding on the label does not cover the question.
            if let Some(end) = label_end(text) {
                focus.start = focus.start.max(q.range.start + end).min(focus.end);
            }
            found.push((b, q.range.clone(), Some(focus)));
        }
    }
    for hit in hits.iter().filter(|h| h.role == Role::Match) {
        let block = &ctx.doc.blocks[hit.block];
        if !rule.in_sections(block.section) {
            continue;
        }
        let in_question = ctx.questions[hit.block]
            .iter()
            .any(|q| q.range.start <= hit.range.start && hit.range.end <= q.range.end);
        if in_question && ctx.keep(rule, hit, hits) {
            found.push((hit.block, hit.range.clone(), None));
        }
    }
    // A question flagged for its kind is not flagged again for a match inside it.
    found.sort_by_key(|(b, r, _)| (*b, r.start, std::cmp::Reverse(r.end)));
    for (b, r, focus) in found {
        if push_unoverlapped(&mut kept, b, r.clone()) {
            let mut f = ctx.finding(i, rule, b, r);
            f.focus = focus.map(|r| ctx.doc.blocks[b].source_range(r));
            out.push(f);
        }
    }
}

/// The part of question `range` where the words at `cue` decided its kind: the whole
/// question, unless it runs over several sentences (a list item that names a stage of the
/// process and then the questions asked in it), where the sentences from the one where the
/// cue starts to the one where it ends.
fn cue_sentences(
    sentences: &[std::ops::Range<usize>],
    range: &std::ops::Range<usize>,
    cue: &std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let inside: Vec<&std::ops::Range<usize>> = sentences
        .iter()
        .filter(|s| s.start < range.end && range.start < s.end)
        .collect();
    if inside.len() < 2 {
        return range.clone();
    }
    let first = inside
        .iter()
        .find(|s| s.start <= cue.start && cue.start < s.end);
    let last = inside
        .iter()
        .find(|s| s.start < cue.end.max(cue.start + 1) && cue.end <= s.end);
    match (first, last) {
        (Some(f), Some(l)) => f.start.max(range.start)..l.end.min(range.end),
        _ => range.clone(),
    }
}
