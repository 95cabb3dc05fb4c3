//! Fixture documents say what must happen, next to where it happens (as Clippy's `//~^`):
//! an HTML comment `<!-- ^ family/rule -->` under a line expects a finding of that rule
//! starting on the line above (several ids may share a comment, and a run of such comments
//! all point at the last line of prose above them); `<!-- doc: family/rule -->` expects a
//! document-level finding (missing information). Plain-text fixtures (`.txt`) cannot hold
//! comments, so theirs live in a sidecar file `NAME.txt.expect`: `LINE rule rule …` per line
//! with findings, `doc: rule` for document-level ones, `#` for comments. The harness demands
//! the exact set: no misses and no extras, with the bundled rules.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hirelint::{Engine, RuleSet};

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            fixture_files(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("md" | "html" | "htm" | "txt")
        ) {
            out.push(p);
        }
    }
}

/// (line, rule) expected on lines, and rules expected on the document.
type Expected = (BTreeSet<(usize, String)>, BTreeSet<String>);

/// The expectations written as comments in a Markdown or HTML fixture.
fn expectations(source: &str) -> Expected {
    let mut lines = BTreeSet::new();
    let mut doc = BTreeSet::new();
    let mut last_prose_line = 0;
    for (i, line) in source.lines().enumerate() {
        let t = line.trim();
        if let Some(inner) = t.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) {
            let inner = inner.trim();
            if let Some(ids) = inner.strip_prefix('^') {
                for id in ids.split([' ', ',']).filter(|s| !s.is_empty()) {
                    lines.insert((last_prose_line, id.to_string()));
                }
                continue;
            }
            if let Some(ids) = inner.strip_prefix("doc:") {
                for id in ids.split([' ', ',']).filter(|s| !s.is_empty()) {
                    doc.insert(id.to_string());
                }
                continue;
            }
        }
        if !t.is_empty() {
            last_prose_line = i + 1;
        }
    }
    (lines, doc)
}

/// The expectations of a plain-text fixture, from its sidecar file.
fn sidecar_expectations(text: &str) -> Result<Expected, String> {
    let mut lines = BTreeSet::new();
    let mut doc = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let mut words = t.split_whitespace();
        let first = words.next().unwrap_or_default();
        if first == "doc:" {
            doc.extend(words.map(str::to_string));
            continue;
        }
        let at: usize = first
            .parse()
            .map_err(|_| format!("line {}: `{first}` is not a line number or `doc:`", n + 1))?;
        for id in words {
            lines.insert((at, id.to_string()));
        }
    }
    Ok((lines, doc))
}

#[test]
fn fixtures_get_exactly_their_expected_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    files.sort();
    assert!(files.len() >= 30, "only {} fixtures", files.len());
    let rules = RuleSet::bundled().expect("bundled rules load");
    let engine = Engine::new(&rules);
    let mut problems = Vec::new();
    let mut total = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        let (want_lines, want_doc) = if file.extension().is_some_and(|e| e == "txt") {
            let side = file.with_extension("txt.expect");
            let text = std::fs::read_to_string(&side)
                .unwrap_or_else(|e| panic!("{}: {e} (a .txt fixture needs it)", side.display()));
            sidecar_expectations(&text).unwrap_or_else(|e| panic!("{}: {e}", side.display()))
        } else {
            expectations(&source)
        };
        let rel = file.strip_prefix(&root).unwrap().display().to_string();
        let findings = hirelint::lint_str(&engine, &rules, &rel, &source);
        total += findings.len();
        let mut got_lines = BTreeSet::new();
        let mut got_doc = BTreeSet::new();
        for f in &findings {
            if f.span.is_empty() {
                got_doc.insert(f.rule.id.clone());
            } else {
                got_lines.insert((f.start.0, f.rule.id.clone()));
            }
        }
        for (l, r) in want_lines.difference(&got_lines) {
            problems.push(format!("{rel}:{l}: expected {r}, not found"));
        }
        for (l, r) in got_lines.difference(&want_lines) {
            problems.push(format!("{rel}:{l}: unexpected {r}"));
        }
        for r in want_doc.difference(&got_doc) {
            problems.push(format!("{rel}: expected document finding {r}, not found"));
        }
        for r in got_doc.difference(&want_doc) {
            problems.push(format!("{rel}: unexpected document finding {r}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(total > 0);
}

#[test]
fn expectation_comments_are_read() {
    let src =
        "# Ad\n\nA rockstar.\n<!-- ^ buzzword/hype-titles -->\n<!-- doc: missing/salary -->\n";
    let (lines, doc) = expectations(src);
    assert!(lines.contains(&(3, "buzzword/hype-titles".to_string())));
    assert!(doc.contains("missing/salary"));
}

#[test]
fn sidecar_expectations_are_read() {
    let (lines, doc) =
        sidecar_expectations("# note\n4 interview/a interview/b\n\ndoc: missing/salary\n").unwrap();
    assert!(lines.contains(&(4, "interview/a".to_string())));
    assert!(lines.contains(&(4, "interview/b".to_string())));
    assert!(doc.contains("missing/salary"));
    assert!(sidecar_expectations("four interview/a\n").is_err());
}
