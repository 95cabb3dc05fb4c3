//! Safe fixes: rules with a `fix` carry a replacement that changes no meaning ("chairman" →
//! "chair"). `--fix` applies them, `--diff` shows them. Edits are applied back to front and
//! never overlap; a file is written only when something changes (see [`crate::write`]).

use crate::finding::Finding;

/// Applies the fixes of `findings` to `source`; returns the new text and how many were applied.
pub fn apply(source: &str, findings: &[Finding]) -> (String, usize) {
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = findings
        .iter()
        .filter_map(|f| f.fix.as_deref().map(|r| (f.span.clone(), r)))
        .filter(|(span, _)| !span.is_empty())
        .collect();
    edits.sort_by_key(|(s, _)| (s.start, s.end));
    // Drop edits that overlap an earlier one.
    let mut kept: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for e in edits {
        if kept.last().is_none_or(|(last, _)| e.0.start >= last.end) {
            kept.push(e);
        }
    }
    let mut out = source.to_string();
    for (span, text) in kept.iter().rev() {
        if source.is_char_boundary(span.start) && source.is_char_boundary(span.end) {
            out.replace_range(span.clone(), text);
        }
    }
    (out, kept.len())
}

/// A unified diff of two texts, line by line, with `path` in the headers.
pub fn diff(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let path = crate::escape::shown(path);
    let mut out = format!("--- {path}\n+++ {path} (fixed)\n");
    // Fixes replace words within lines, so the files have the same lines in the same order
    // except where changed: compare line by line.
    let n = a.len().max(b.len());
    let mut i = 0;
    while i < n {
        if a.get(i) == b.get(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && a.get(i) != b.get(i) {
            i += 1;
        }
        let ctx_start = start.saturating_sub(1);
        let ctx_end = (i + 1).min(n);
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            ctx_start + 1,
            ctx_end.min(a.len()) - ctx_start.min(a.len()),
            ctx_start + 1,
            ctx_end.min(b.len()) - ctx_start.min(b.len())
        ));
        for line in a.iter().take(start).skip(ctx_start) {
            out.push(' ');
            push_line(&mut out, line);
        }
        for line in a.iter().take(i).skip(start) {
            out.push('-');
            push_line(&mut out, line);
        }
        for line in b.iter().take(i).skip(start) {
            out.push('+');
            push_line(&mut out, line);
        }
        for line in a.iter().take(ctx_end).skip(i) {
            out.push(' ');
            push_line(&mut out, line);
        }
        i = ctx_end;
    }
    out
}

/// One line of the diff. The document comes from the pull request, so its control characters
/// (but tabs) are shown, not sent, and a line that would begin with `::` after blanks (a
/// workflow command to a CI runner) gets a `\` before it; line ends are kept.
fn push_line(out: &mut String, line: &str) {
    let (body, end) = if let Some(b) = line.strip_suffix("\r\n") {
        (b, "\r\n")
    } else if let Some(b) = line.strip_suffix('\n') {
        (b, "\n")
    } else {
        (line, "")
    };
    let body = body
        .split('\t')
        .map(crate::escape::shown)
        .collect::<Vec<_>>()
        .join("\t");
    let trimmed = body.trim_start();
    if trimmed.starts_with("::") {
        out.push_str(&body[..body.len() - trimmed.len()]);
        out.push('\\');
        out.push_str(trimmed);
    } else {
        out.push_str(&body);
    }
    out.push_str(end);
    if end.is_empty() {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changed_lines() {
        let d = diff(
            "a.md",
            "one\ntwo chairman\nthree\n",
            "one\ntwo chair\nthree\n",
        );
        assert!(d.contains("-two chairman\n+two chair\n"), "{d}");
        assert!(d.contains("@@ -1,3 +1,3 @@"), "{d}");
    }
}
