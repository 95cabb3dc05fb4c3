//! Markdown (CommonMark with GFM tables) into blocks, with pulldown-cmark's offset iterator.
//!
//! Code blocks, inline code, raw HTML, link URLs and front matter are not prose; link text and
//! image alt text are. HTML comments are kept for inline suppressions, and HTML blocks are read
//! with the HTML scanner so that prose inside `<div>`s is not lost.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::sink::Sink;
use crate::document::{BlockKind, Comment, Document};

/// Reads the Markdown of `doc.source[start..]` into `doc.blocks`.
pub fn parse_into(doc: &mut Document, start: usize) {
    let source = std::mem::take(&mut doc.source);
    let text = &source[start..];
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_FOOTNOTES);
    let mut sink = Sink::new();
    let mut quote_depth = 0usize;
    let mut skip_depth = 0usize;
    let mut emph_depth = 0usize;
    let mut html_block: Option<Range<usize>> = None;
    let shift = |r: Range<usize>| r.start + start..r.end + start;

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let range = shift(range);
        if let Some(r) = &mut html_block {
            if let Event::Html(_) = event {
                r.end = range.end;
                continue;
            }
            let r = html_block.take().unwrap_or_default();
            sink.finish_block(&mut doc.blocks);
            super::html::scan_fragment(&source, r, &mut doc.blocks, &mut doc.comments);
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph if (!sink.in_kind(BlockKind::ListItem) || !sink.is_empty()) => {
                    sink.finish_block(&mut doc.blocks);
                    let kind = if sink.list_depth > 0 {
                        BlockKind::ListItem
                    } else if quote_depth > 0 {
                        BlockKind::Quote
                    } else {
                        BlockKind::Paragraph
                    };
                    sink.start(kind);
                }
                Tag::Heading { level, .. } => {
                    sink.finish_block(&mut doc.blocks);
                    sink.start(BlockKind::Heading(heading_level(level)));
                }
                Tag::BlockQuote(_) => {
                    sink.finish_block(&mut doc.blocks);
                    quote_depth += 1;
                }
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                    sink.finish_block(&mut doc.blocks);
                    skip_depth += 1;
                }
                Tag::HtmlBlock => {
                    sink.finish_block(&mut doc.blocks);
                    html_block = Some(range.start..range.start);
                }
                Tag::List(_) => {
                    sink.finish_block(&mut doc.blocks);
                    sink.list_depth += 1;
                }
                Tag::Item => {
                    sink.finish_block(&mut doc.blocks);
                    sink.start(BlockKind::ListItem);
                }
                Tag::TableCell => {
                    sink.finish_block(&mut doc.blocks);
                    sink.start(BlockKind::TableCell);
                }
                Tag::Emphasis | Tag::Strong => emph_depth += 1,
                Tag::FootnoteDefinition(_) => sink.finish_block(&mut doc.blocks),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    sink.finish_block(&mut doc.blocks);
                }
                TagEnd::BlockQuote(_) => {
                    sink.finish_block(&mut doc.blocks);
                    quote_depth = quote_depth.saturating_sub(1);
                }
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                    skip_depth = skip_depth.saturating_sub(1)
                }
                TagEnd::List(_) => {
                    sink.finish_block(&mut doc.blocks);
                    sink.list_depth = sink.list_depth.saturating_sub(1);
                }
                TagEnd::Emphasis | TagEnd::Strong => emph_depth = emph_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if skip_depth == 0 => {
                sink.ensure_started(if quote_depth > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                });
                let raw = &source[range.clone()];
                if raw == &*t {
                    sink.builder.push_source(raw, range.start);
                } else if raw.len() == t.len() + 1 && raw.starts_with('\\') && raw.ends_with(&*t) {
                    sink.builder.push_source(&t, range.start + 1);
                } else {
                    sink.builder.push_decoded(&t, range);
                }
                sink.note_emphasis(emph_depth > 0);
            }
            Event::Code(_) => sink.builder.push_space(range),
            Event::SoftBreak => {
                sink.split_heading_line(&mut doc.blocks);
                sink.builder.push_line_break(range);
            }
            Event::HardBreak => {
                sink.split_heading_line(&mut doc.blocks);
                sink.builder.push_break(range);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                collect_comments(&source, range.clone(), &h, &mut doc.comments);
                // Line breaks, paragraphs and list items written as HTML inside a Markdown
                // line (often in a table cell) end a line of text; "<link>" or "<pre>" do not.
                if ["br", "p", "li"]
                    .iter()
                    .any(|name| opens_or_closes(&h, name))
                {
                    sink.builder.push_break(range);
                }
            }
            _ => {}
        }
    }
    if let Some(r) = html_block.take() {
        sink.finish_block(&mut doc.blocks);
        super::html::scan_fragment(&source, r, &mut doc.blocks, &mut doc.comments);
    }
    sink.finish_block(&mut doc.blocks);
    doc.source = source;
}

/// Does the HTML `tag` open or close an element called `name` ("<li>", "</li>", "<br/>",
/// "<p class=x>"), whatever the case of its letters?
fn opens_or_closes(tag: &str, name: &str) -> bool {
    let rest = tag.strip_prefix("</").or_else(|| tag.strip_prefix('<'));
    rest.and_then(|r| r.get(..name.len()).map(|n| (n, &r[name.len()..])))
        .is_some_and(|(n, after)| {
            n.eq_ignore_ascii_case(name)
                && after
                    .chars()
                    .next()
                    .is_none_or(|c| c == '>' || c == '/' || c.is_whitespace())
        })
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn collect_comments(source: &str, range: Range<usize>, html: &str, out: &mut Vec<Comment>) {
    let mut from = 0;
    while let Some(i) = html[from..].find("<!--") {
        let start = from + i;
        let Some(j) = html[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + j + 3;
        let abs = range.start + start..range.start + end;
        if source.get(abs.clone()).is_some() {
            out.push(Comment {
                span: abs,
                text: html[start + 4..end - 3].trim().to_string(),
            });
        }
        from = end;
    }
}

#[cfg(test)]
mod tests {
    use super::opens_or_closes;

    #[test]
    fn only_the_named_element_breaks_a_line() {
        for tag in [
            "<li>",
            "</li>",
            "<LI class=\"x\">",
            "<br/>",
            "<br>",
            "<p>",
            "</P>",
        ] {
            assert!(
                ["br", "p", "li"].iter().any(|n| opens_or_closes(tag, n)),
                "{tag}"
            );
        }
        for tag in [
            "<link rel=\"x\">",
            "<pre>",
            "<picture>",
            "<b>",
            "<liX>",
            "<",
            "<l",
        ] {
            assert!(
                !["br", "p", "li"].iter().any(|n| opens_or_closes(tag, n)),
                "{tag}"
            );
        }
    }
}
