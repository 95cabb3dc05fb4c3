//! The code of each rule kind. Kinds are code, rules are data: each file here checks one kind
//! of rule against a document, from the hits the [engine](crate::engine) found.

mod conditional;
mod context;
mod metric;
mod phrase;
mod question;
mod required;
pub use context::{Context, Policy};
pub use required::counts_as_present;

use crate::finding::Finding;
use crate::hit::Hit;
use crate::rule::{Check, Rule};

/// Checks rule `i` against the context, given its hits (sorted by block and position).
pub fn run(ctx: &Context<'_>, i: usize, rule: &Rule, hits: &[Hit], out: &mut Vec<Finding>) {
    match &rule.check {
        Check::Phrase { .. } | Check::Pattern { .. } => phrase::run(ctx, i, rule, hits, out),
        Check::Question { kinds, .. } => question::run(ctx, i, rule, kinds, hits, out),
        Check::Conditional { when, unless } => {
            conditional::run(ctx, i, rule, when, unless, hits, out)
        }
        Check::Metric(m) => metric::run(ctx, i, rule, m, out),
        Check::Required {
            front_matter,
            anchor,
            ..
        } => required::run(ctx, i, rule, front_matter, *anchor, hits, out),
    }
}

/// Leaves out the findings whose place in `drop` is true.
fn drop_marked(findings: &mut Vec<Finding>, drop: &[bool]) {
    let mut marks = drop.iter();
    findings.retain(|_| !marks.next().copied().unwrap_or(false));
}

/// Leaves out a finding of a rule with `yields-to` when a finding of one of those families
/// covers some of the same words ("Are you married?" is named by the interview rule on
/// questions about protected characteristics, not also as wording about family status). A
/// finding that the other one itself yields to is kept, so two rules that yield to each other
/// do not both vanish.
pub fn drop_yielding(findings: &mut Vec<Finding>) {
    if findings.iter().all(|f| f.rule.yields_to.is_empty()) {
        return;
    }
    // For each (family yielded to, family that yields): the spans of that family's findings
    // whose rule does not yield back, by start, with the furthest end so far. A finding
    // overlaps one of them when, among those starting before its end, the furthest end is
    // past its start: one binary search, however many findings the document has.
    type Spans = (Vec<usize>, Vec<usize>);
    let mut spans: std::collections::HashMap<(&str, &str), Spans> = Default::default();
    let drop: Vec<bool> = findings
        .iter()
        .map(|f| {
            if f.span.is_empty() {
                return false;
            }
            f.rule.yields_to.iter().any(|to| {
                let (starts, furthest) = spans
                    .entry((to.as_str(), f.rule.family.as_str()))
                    .or_insert_with(|| {
                        let mut of: Vec<(usize, usize)> = findings
                            .iter()
                            .filter(|g| {
                                &g.rule.family == to && !g.rule.yields_to.contains(&f.rule.family)
                            })
                            .map(|g| (g.span.start, g.span.end))
                            .collect();
                        of.sort_unstable();
                        let mut max = 0;
                        let furthest = of
                            .iter()
                            .map(|&(_, end)| {
                                max = max.max(end);
                                max
                            })
                            .collect();
                        (of.into_iter().map(|(start, _)| start).collect(), furthest)
                    });
                let before_end = starts.partition_point(|&s| s < f.span.end);
                before_end > 0 && furthest[before_end - 1] > f.span.start
            })
        })
        .collect();
    drop_marked(findings, &drop);
}

/// Leaves out a finding on a whole question (from a rule's `question-kinds`) when a finding
/// of another rule of the same family already points at words inside it, in the sentences
/// that decided the question's kind: the narrower one says more, and one barrier is reported
/// once. A finding on another sentence of a long item ("Panel interview (45 minutes). They
/// will also ask where you see yourself in five years.") is another barrier.
pub fn drop_covered_questions(findings: &mut Vec<Finding>) {
    if findings.iter().all(|f| f.rule.question_kinds().is_empty()) {
        return;
    }
    // Findings by start, to look only at those that start inside a question.
    let mut by_start: Vec<usize> = (0..findings.len()).collect();
    by_start.sort_by_key(|&i| (findings[i].span.start, i));
    let mut drop = vec![false; findings.len()];
    for i in 0..findings.len() {
        let q = &findings[i];
        if q.rule.question_kinds().is_empty() {
            continue;
        }
        let from = by_start.partition_point(|&j| findings[j].span.start < q.span.start);
        drop[i] = by_start[from..]
            .iter()
            .take_while(|&&j| findings[j].span.start <= q.span.end)
            // Bounded: a question holds few findings, and a pathological pile of them is
            // not worth a quadratic search.
            .take(64)
            .any(|&j| {
                let f = &findings[j];
                let focus = q.focus.as_ref().unwrap_or(&q.span);
                j != i
                    && f.rule.id != q.rule.id
                    && f.rule.family == q.rule.family
                    && f.span.end <= q.span.end
                    && f.span.start < focus.end
                    && focus.start < f.span.end
                    && f.rule.question_kinds().is_empty()
            });
    }
    drop_marked(findings, &drop);
}
