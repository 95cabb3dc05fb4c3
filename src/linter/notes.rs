//! The notes [`Linter::lint`](super::Linter::lint) adds to the engine's findings: a
//! suppression that names no rule is explained, and a front-matter kind that is no document
//! kind is a finding.

use crate::document::DocKind;
use crate::rule::{Rule, Severity, matches_rule};
use crate::text::did_you_mean;

/// The id of the finding for a front-matter `kind` that is no document kind.
pub const UNKNOWN_KIND_ID: &str = "hirelint/unknown-kind";

/// A suppression that names no rule or family at all is a typo, not a stale comment: its
/// finding says so, with a did-you-mean, instead of only "suppresses nothing".
pub(super) fn explain_unused_suppressions(known: &[String], findings: &mut [crate::Finding]) {
    // Hints are worked out once per name, and for at most 20 names per document: 80,000
    // comments naming unknown rules must not cost 80,000 searches of every rule name.
    let mut hints: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for f in findings
        .iter_mut()
        .filter(|f| f.rule.id == crate::suppress::UNUSED_ID)
    {
        let unknown: Vec<String> = crate::suppress::named_rules(&f.matched)
            .into_iter()
            .filter(|n| {
                n != "all"
                    && known.binary_search(n).is_err()
                    && !matches_rule(n, crate::suppress::UNUSED_ID)
                    && !matches_rule(n, UNKNOWN_KIND_ID)
            })
            .collect();
        let Some(first) = unknown.first() else {
            continue;
        };
        let hint = if let Some(h) = hints.get(first) {
            h.clone()
        } else if hints.len() < 20 {
            let names: Vec<&str> = known.iter().map(String::as_str).collect();
            let h = did_you_mean(first, &names)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            hints.insert(first.clone(), h.clone());
            h
        } else {
            String::new()
        };
        f.message = format!(
            "This suppression names `{first}`, which is no rule or family{hint}, so it suppresses nothing."
        );
    }
}

/// A front-matter `kind` that is no document kind was ignored silently (the kind was then
/// guessed); now it is a finding at the `kind` line, with a did-you-mean.
pub(super) fn unknown_kind(doc: &crate::Document) -> Option<crate::Finding> {
    let value = doc.front_matter.get("kind")?;
    if DocKind::parse(value).is_some() {
        return None;
    }
    let kinds = ["job-ad", "interview", "process", "other"];
    let hint = did_you_mean(&value.trim().to_ascii_lowercase(), &kinds)
        .map(|k| format!(" Did you mean `{k}`?"))
        .unwrap_or_default();
    let rule = Rule::notice(
        UNKNOWN_KIND_ID,
        "The front matter's kind is no document kind.",
        "A kind hirelint does not know is ignored and the kind is guessed from the text, so the rules for the intended kind may not run.",
        "Write one of job-ad, interview, process or other.",
    );
    // The `kind` line of the front matter, else the first line.
    let mut span = 0..0;
    let mut offset = 0;
    for line in doc.source.split_inclusive('\n').skip(1) {
        let key = line
            .trim_start()
            .split([':', '='])
            .next()
            .unwrap_or("")
            .trim();
        if key.trim_matches('"').eq_ignore_ascii_case("kind") {
            let start = offset + doc.source.split_inclusive('\n').next().map_or(0, str::len);
            let end = start + line.trim_end().len();
            span = start..end;
            break;
        }
        offset += line.len();
        if offset > 64 * 1024 {
            break;
        }
    }
    let lines = doc.lines();
    let rule = std::sync::Arc::new(rule);
    Some(crate::Finding {
        severity: Severity::Warning,
        path: doc.path.as_str().into(),
        start: lines.position(&doc.source, span.start),
        end: lines.position(&doc.source, span.end),
        matched: doc.source[span.clone()].to_string(),
        message: format!(
            "The front matter says kind `{}`, which is no document kind.{hint}",
            value.trim()
        ),
        rule,
        span,
        fix: None,
        paragraph: None,
        focus: None,
    })
}
