//! The rule catalogue and one rule explained, as text people read (`hirelint rules`,
//! `hirelint explain`) and as JSON. The Markdown catalogue is
//! [`catalogue_markdown`](super::catalogue_markdown).

use std::io::Write as _;

use crate::rule::{Rule, RuleSet};

/// The catalogue as text: one line per rule, then how many.
pub fn text(set: &RuleSet) -> String {
    let mut out = Vec::new();
    for r in &set.rules {
        let _ = writeln!(
            out,
            "{:<40} {:<8} {:<12} {}",
            r.id,
            r.severity.as_str(),
            r.kind().as_str(),
            r.message.replace("{match}", "…")
        );
    }
    let _ = writeln!(
        out,
        "\n{} rules. `hirelint explain RULE` tells more.",
        set.rules.len()
    );
    String::from_utf8_lossy(&out).into_owned()
}

/// The catalogue as JSON: one object per rule.
pub fn json(set: &RuleSet) -> serde_json::Value {
    let v: Vec<serde_json::Value> = set
        .rules
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id, "family": r.family, "kind": r.kind().as_str(),
                "severity": r.severity.as_str(), "message": r.message, "why": r.why,
                "suggestions": r.suggest, "source": r.source,
                "applies_to": r.applies_to.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
                "jurisdictions": r.jurisdictions, "opt_in": r.opt_in, "formerly": r.formerly,
                "question_kinds": r.question_kinds(),
                "reviewed": r.reviewed.as_ref().filter(|v| v.done()),
            })
        })
        .collect();
    serde_json::Value::Array(v)
}

/// The rules of `set` whose id is close to `id`, which names none (at most five).
pub fn close_to<'a>(set: &'a RuleSet, id: &str) -> Vec<&'a str> {
    let name = |x: &'a str| x.split('/').next_back().unwrap_or("");
    let wanted = id.split('/').next_back().unwrap_or("");
    set.rules
        .iter()
        .map(|r| r.id.as_str())
        .filter(|x| {
            // A part of an id, an id without its family, or a slip of a letter or two.
            x.contains(id)
                || id.contains(name(x))
                || crate::text::did_you_mean(id, &[x]).is_some()
                || crate::text::did_you_mean(wanted, &[name(x)]).is_some()
        })
        .take(5)
        .collect()
}

/// One rule explained: why it matters, what to write instead, its law, review and examples.
pub fn explain(r: &Rule) -> String {
    // Rule files may come from the pull request: every line shown, never sent.
    let mut out = Vec::new();
    let _ = writeln!(
        out,
        "{} ({} {} rule, {})",
        r.id,
        r.family,
        r.kind().as_str(),
        r.severity
    );
    let _ = writeln!(out, "\n{}", r.message.replace("{match}", "…"));
    let _ = writeln!(out, "\nWhy it matters\n  {}", textwrap(&r.why));
    let _ = writeln!(out, "\nWhat to write or do instead");
    for s in &r.suggest {
        let _ = writeln!(out, "  - {s}");
    }
    if !r.applies_to.is_empty() {
        let kinds: Vec<&str> = r.applies_to.iter().map(|k| k.as_str()).collect();
        let _ = writeln!(out, "\nApplies to: {}", kinds.join(", "));
    }
    if !r.formerly.is_empty() {
        let _ = writeln!(
            out,
            "\nFormerly: {} (configuration, suppressions and baselines may still use it)",
            r.formerly.join(", ")
        );
    }
    let _ = writeln!(out, "\nSource\n  {}", r.source);
    if !r.jurisdictions.is_empty() {
        let _ = writeln!(out, "\nLaw\n  {}", r.jurisdictions.join(", "));
    }
    match &r.reviewed {
        Some(v) if v.done() => {
            let _ = writeln!(out, "\nReviewed\n  by {} on {}: {}", v.by, v.date, v.notes);
        }
        _ => {
            let _ = writeln!(
                out,
                "\nReviewed\n  not yet by a panel with lived experience (see `hirelint rules --unreviewed`)"
            );
        }
    }
    let _ = writeln!(out, "\nFlagged, for example");
    for e in &r.flag_examples {
        let _ = writeln!(out, "  > {}", e.replace('\n', "\n  > "));
    }
    let _ = writeln!(out, "\nLeft alone, for example");
    for e in &r.pass_examples {
        let _ = writeln!(out, "  > {}", e.replace('\n', "\n  > "));
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Wraps `s` at 90 characters, each further line indented by two spaces.
fn textwrap(s: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for w in s.split_whitespace() {
        if len + w.len() > 90 && len > 0 {
            out.push_str("\n  ");
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(w);
        len += w.len();
    }
    out
}
