//! Human output, rustc-style: severity, rule id and message, `path:line:col`, the source line
//! with the words underlined, then why it is a barrier and what to write instead.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Emitter, FileResult, Summary};
use crate::document::LineIndex;
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
        let window = first.start..last.end.max(first.start);
        let text = &source[window.clone()];
        let span_start = f.span.start.clamp(window.start, window.end) - window.start;
        let span_end = f.span.end.clamp(window.start, window.end) - window.start;
        let label = if f.matched.is_empty() {
            "here".to_string()
        } else {
            String::new()
        };
        let mut groups = vec![
            level
                .primary_title(f.message.as_str())
                .id(f.rule.id.as_str())
                .element(
                    Snippet::source(text)
                        .line_start(f.start.0)
                        .path(f.path.as_ref())
                        .annotation(
                            AnnotationKind::Primary
                                .span(span_start..span_end)
                                .label(label),
                        ),
                ),
            Group::with_title(
                Level::NOTE.secondary_title(format!("why: {}", one_line(&f.rule.why))),
            ),
        ];
        for s in &f.rule.suggest {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(format!("instead: {}", one_line(s))),
            ));
        }
        if let Some(fix) = &f.fix {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(format!("--fix writes: {fix}")),
            ));
        }
        self.renderer.render(&groups)
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
