//! Human output, rustc-style: severity, rule id and message, `path:line:col`, the source line
//! with the words underlined, then why it is a barrier and what to write instead.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::model::{Emitter, FileResult, Summary};
use crate::document::LineIndex;
use crate::escape::shown;
use crate::finding::Finding;
use crate::rule::Severity;

/// Writes findings for people.
pub struct Human {
    renderer: Renderer,
    /// Print the long summary at the end.
    pub long_summary: bool,
}

impl Human {
    /// `color`: use colours (only on a terminal, never with NO_COLOR).
    pub fn new(color: bool) -> Self {
        let renderer = if color {
            Renderer::styled().decor_style(DecorStyle::Unicode)
        } else {
            Renderer::plain()
        };
        Human {
            renderer,
            long_summary: false,
        }
    }

    /// Renders one finding.
    pub fn render(&self, source: &str, lines: &LineIndex, f: &Finding) -> String {
        let level = match f.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let first = lines.line_range(source, f.start.0);
        let last_line = if f.span.is_empty() {
            f.start.0
        } else {
            lines
                .position(source, f.span.end.saturating_sub(1))
                .0
                .max(f.start.0)
        };
        let last = lines.line_range(source, last_line.min(f.start.0 + 4));
        let mut window = first.start..last.end.max(first.start);
        // A very long line (minified HTML, a dump) is cut to the words around the finding, so
        // that each finding costs the same however long its line is.
        let cropped = window.len() > LONG_LINE;
        if cropped {
            let from = floor_boundary(
                source,
                f.span.start.saturating_sub(CONTEXT).max(window.start),
            );
            let to = floor_boundary(source, (f.span.end + CONTEXT).min(window.end))
                .max(f.span.end.min(window.end));
            window = from..to;
        }
        let text = &source[window.clone()];
        let span_start = f.span.start.clamp(window.start, window.end) - window.start;
        let span_end = f.span.end.clamp(window.start, window.end) - window.start;
        let label = if f.matched.is_empty() {
            "here".to_string()
        } else {
            String::new()
        };
        let snippet = Snippet::source(text).line_start(f.start.0).annotation(
            AnnotationKind::Primary
                .span(span_start..span_end)
                .label(label),
        );
        // The path, the message and the rule text come from the pull request: shown, never
        // sent (see crate::escape). The snippet's own text is normalised by the renderer.
        let message = shown(&f.message);
        let id = shown(&f.rule.id);
        let path = shown(&f.path);
        let title = level.primary_title(message.as_ref()).id(id.as_ref());
        let first_group = if cropped {
            // The snippet no longer starts at the line's start: give the place explicitly.
            title
                .element(
                    Origin::path(path.as_ref())
                        .line(f.start.0)
                        .char_column(f.start.1),
                )
                .element(snippet)
        } else {
            title.element(snippet.path(path.as_ref()))
        };
        let mut groups = vec![first_group];
        if let Some((p, offset)) = f.paragraph {
            groups.push(Group::with_title(Level::NOTE.secondary_title(format!(
                "in paragraph {p}, at character {offset} (the line shown is the whole paragraph)"
            ))));
        }
        groups.push(Group::with_title(
            Level::NOTE.secondary_title(format!("why: {}", one_line(&f.rule.why))),
        ));
        if !f.rule.jurisdictions.is_empty() {
            groups.push(Group::with_title(Level::NOTE.secondary_title(format!(
                "law: {} (`--jurisdiction` or `jurisdiction` in hirelint.toml shows only yours)",
                f.rule.jurisdictions.join(", ")
            ))));
        }
        for s in &f.rule.suggest {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(format!("instead: {}", one_line(s))),
            ));
        }
        if let Some(fix) = &f.fix {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(format!("--fix writes: {}", shown(fix))),
            ));
        }
        self.renderer.render(&groups)
    }
}

/// Lines longer than this (in bytes) are cut around the finding.
const LONG_LINE: usize = 2000;
/// How much of a cut line to show on each side of the finding, in bytes.
const CONTEXT: usize = 120;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn one_line(s: &str) -> String {
    shown(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

impl Emitter for Human {
    fn file(&mut self, w: &mut dyn Write, file: &FileResult) -> io::Result<()> {
        if file.findings.is_empty() {
            return Ok(());
        }
        let lines = LineIndex::new(&file.source);
        for f in &file.findings {
            writeln!(w, "{}\n", self.render(&file.source, &lines, f))?;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.long_summary {
            summary.write_long(w)?;
        }
        writeln!(w, "{}", summary.line())
    }
}
