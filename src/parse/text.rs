//! Plain text into blocks: paragraphs are separated by blank lines; lines that start with a
//! bullet or a number are list items; a short line on its own that names a section is a
//! heading, and so is a line underlined with a row of one punctuation mark ("Duties" over
//! "------"), as plain-text emails and reStructuredText write headings.

use super::sink::Sink;
use crate::document::{BlockKind, Document};

/// Reads the plain text of `doc.source[start..]` into `doc.blocks`.
pub fn parse_into(doc: &mut Document, start: usize) {
    let source = std::mem::take(&mut doc.source);
    let mut sink = Sink::new();
    let mut pos = start;
    let mut lines_in_block = 0;
    // Underline characters in the order they first appear: the first is level 1, as in
    // reStructuredText, where the order of appearance sets the levels.
    let mut underlines: Vec<char> = Vec::new();
    // The length in characters of the block's first line, while it is its only line: an
    // underline as long as a short title ("Do" over "--") is one too.
    let mut title_chars = usize::MAX;
    while pos < source.len() {
        let line_end = source[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(source.len());
        let line = &source[pos..line_end];
        let content = line.trim();
        if content.is_empty() {
            sink.finish_block(&mut doc.blocks);
            lines_in_block = 0;
        } else if let Some(mark) = adornment(content, title_chars) {
            // Under a single line of a paragraph: that line is a heading. Anywhere else (an
            // overline, a rule between parts) it only separates blocks. Either way the row of
            // marks is not text.
            // A numbered line over an underline ("2. TIMETABLE" over "------------") is a
            // numbered heading, not a list item.
            if lines_in_block == 1
                && (sink.in_kind(BlockKind::Paragraph) || sink.in_kind(BlockKind::ListItem))
            {
                let level = underlines
                    .iter()
                    .position(|&c| c == mark)
                    .unwrap_or_else(|| {
                        underlines.push(mark);
                        underlines.len() - 1
                    });
                sink.start(BlockKind::Heading((level + 1).min(6) as u8));
            }
            sink.finish_block(&mut doc.blocks);
            lines_in_block = 0;
        } else {
            let lead = line.len() - line.trim_start().len();
            let (item, marker_len) = list_marker(content);
            if item {
                sink.finish_block(&mut doc.blocks);
                sink.start(BlockKind::ListItem);
                lines_in_block = 0;
            } else if lines_in_block == 0 {
                sink.start(BlockKind::Paragraph);
            }
            let at = pos + lead + marker_len;
            let rest = &source[at..pos + lead + content.len()];
            if lines_in_block > 0 {
                sink.split_heading_line(&mut doc.blocks);
                sink.builder.push_line_break(at..at);
            }
            sink.builder.push_source(rest, at);
            // A lone short line without closing punctuation reads like a title.
            let title_like = !item
                && lines_in_block == 0
                && !content.ends_with(['.', ',', ';'])
                && crate::text::word_count(content) <= 6;
            sink.note_emphasis(title_like);
            title_chars = if lines_in_block == 0 {
                content.chars().count()
            } else {
                usize::MAX
            };
            lines_in_block += 1;
        }
        pos = line_end;
    }
    sink.finish_block(&mut doc.blocks);
    doc.source = source;
}

/// The mark of a line made of one punctuation mark repeated at least three times ("=====",
/// "-----", "~~~~"), or as many times as the title above it has characters, which underlines
/// a heading or separates parts of a plain-text page.
fn adornment(line: &str, title_chars: usize) -> Option<char> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let marks = "=-~^*#+_:.'`\"";
    (marks.contains(first)
        && (line.len() >= 3 || line.len() >= title_chars)
        && chars.all(|c| c == first))
    .then_some(first)
}

/// Whether a line starts with a list marker, and the marker's length with its space: a
/// bullet, a check box ("[ ]", "[x]", "☐"; call scripts and checklists), a number ("1." or
/// "1)"), or a letter ("a)", "(b)", "c."; a capital only before a bracket, as "A. Smith" starts
/// a sentence).
fn list_marker(line: &str) -> (bool, usize) {
    for m in [
        "- ", "* ", "• ", "– ", "+ ", "[ ] ", "[x] ", "[X] ", "☐ ", "☑ ", "☒ ", "▪ ", "◦ ",
    ] {
        if line.starts_with(m) {
            return (true, m.len());
        }
    }
    let b = line.as_bytes();
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    let space = |i: usize| b.get(i) == Some(&b' ');
    if b.first() == Some(&b'(') && letter(1) && b.get(2) == Some(&b')') && space(3) {
        return (true, 4);
    }
    if letter(0) && !letter(1) && space(2) {
        let lower = b[0].is_ascii_lowercase();
        if b[1] == b')' || (b[1] == b'.' && lower) {
            return (true, 3);
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &line[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return (true, digits + 2);
        }
    }
    (false, 0)
}
