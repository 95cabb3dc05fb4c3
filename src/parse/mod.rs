//! From bytes to a [`Document`]: decoding, front matter, and one parser per format.
//!
//! Parsing knows nothing of rules. It produces blocks of prose with a map back to the source,
//! then [`classify`](crate::document::sections::classify) gives them sections and the
//! document its kind.

pub mod docx;

pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod odt;
pub mod package;
mod sink;
pub mod text;

use std::fmt;

use crate::document::sections::{SectionTable, classify};
use crate::document::{
    Block, BlockKind, DocKind, Document, Format, KindSource, Section, TextBuilder,
};

/// Why a file's bytes could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file looks binary (it has NUL bytes and no UTF-16 byte order mark).
    Binary,
    /// The file is not valid UTF-8; `offset` is the first bad byte, at `line` and `column`.
    InvalidUtf8 {
        /// The first invalid byte.
        offset: usize,
        /// Its line (1-based).
        line: usize,
        /// Its column (1-based, in characters).
        column: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("looks like a binary file, not a document"),
            DecodeError::InvalidUtf8 {
                offset,
                line,
                column,
            } => write!(
                f,
                "is not valid UTF-8 (first bad byte at {line}:{column}, byte {offset}); save it as UTF-8"
            ),
        }
    }
}

/// Decodes file bytes to text: UTF-8 (with or without a byte order mark), or UTF-16 or UTF-32
/// with a byte order mark. The UTF-8 byte order mark is kept, so byte offsets stay those of the file.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_owned(bytes.to_vec())
}

/// [`decode`], taking the bytes: UTF-8 text (nearly every file) becomes the string without a
/// copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, DecodeError> {
    // UTF-32 first: its little-endian byte order mark starts like UTF-16's.
    let utf32 = if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some(u32::from_le_bytes as fn([u8; 4]) -> u32)
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some(u32::from_be_bytes as fn([u8; 4]) -> u32)
    } else {
        None
    };
    if let Some(read) = utf32 {
        let chunks = bytes[4..].chunks(4);
        return Ok(chunks
            .map(|c| {
                <[u8; 4]>::try_from(c)
                    .ok()
                    .and_then(|c| char::from_u32(read(c)))
                    .unwrap_or('\u{FFFD}')
            })
            .collect());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, _) = enc.decode(&bytes);
        return Ok(text.into_owned());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(DecodeError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let offset = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&bytes[..offset]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        DecodeError::InvalidUtf8 {
            offset,
            line,
            column,
        }
    })
}

/// Parses `source` as `format` into a classified document.
///
/// `kind` forces the document kind (from the configuration or the command line); otherwise
/// front matter, `<meta name="hirelint-kind">` or the content decide.
pub fn parse(
    path: &str,
    source: String,
    format: Format,
    kind: Option<DocKind>,
    sections: &SectionTable,
) -> Document {
    let mut doc = Document::new(path, source, format);
    let mut start = if doc.source.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    if format != Format::Text
        && let Some(fm) = front_matter::split(&doc.source)
    {
        start = fm.end;
        if let Some(k) = fm.fields.get("kind").and_then(|k| DocKind::parse(k)) {
            doc.kind = k;
            doc.kind_source = KindSource::Declared;
        }
        doc.lang = fm.fields.get("lang").cloned();
        doc.front_matter = fm.fields;
        front_matter_blocks(&mut doc, fm.end, sections);
    }
    match format {
        Format::Markdown => markdown::parse_into(&mut doc, start),
        Format::Html => html::parse_into(&mut doc, start),
        // A package's bytes are never a string: read them with [`parse_package`]. Text given
        // with such a name (standard input) is read as plain text.
        Format::Text | Format::Docx | Format::Odt => text::parse_into(&mut doc, start),
    }
    finish(doc, kind, sections)
}

/// The prose values of front matter (`requirements: [ … ]`) as blocks of the section their
/// key names, before the body's blocks.
fn front_matter_blocks(doc: &mut Document, end: usize, sections: &SectionTable) {
    for field in front_matter::prose(&doc.source, end) {
        let key = field.key.replace(['_', '-'], " ");
        let section = sections.classify(&key);
        for (range, item) in field.pieces {
            let Some(text) = doc.source.get(range.clone()) else {
                continue;
            };
            let words = crate::text::words(text)
                .filter(|w| text[w.clone()].chars().any(char::is_alphabetic))
                .count();
            if !sections.front_matter_prose(&field.key, words)
                || text.contains("://")
                || text.trim_start().starts_with('/')
            {
                continue;
            }
            let mut b = TextBuilder::new();
            b.push_source(text, range.start);
            let (prose, map) = b.finish();
            if prose.is_empty() {
                continue;
            }
            let kind = if item {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
            let mut block = Block::new(kind, prose, map);
            block.fixed_section = Some(section.unwrap_or(Section::Other));
            doc.blocks.push(block);
        }
    }
}

/// Reads a Word (.docx) or OpenDocument (.odt) file's bytes into a classified document whose
/// source is the extracted text, one line per paragraph.
pub fn parse_package(
    path: &str,
    bytes: &[u8],
    format: Format,
    kind: Option<DocKind>,
    sections: &SectionTable,
    limits: package::Limits,
) -> Result<Document, package::PackageError> {
    let mut pkg = package::Package::open(bytes, limits)?;
    let paras = match format {
        Format::Odt => odt::paragraphs(&mut pkg)?,
        _ => docx::paragraphs(&mut pkg)?,
    };
    let doc = package::build(path, format, paras);
    Ok(finish(doc, kind, sections))
}

/// The kind from the configuration or command line, then sections and the guessed kind.
fn finish(mut doc: Document, kind: Option<DocKind>, sections: &SectionTable) -> Document {
    if let Some(k) = kind
        && doc.kind_source != KindSource::Declared
    {
        doc.kind = k;
        doc.kind_source = KindSource::Configured;
    }
    classify(&mut doc, sections);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_list_items_inside_a_markdown_table_cell_are_lines() {
        let table = SectionTable::parse(include_str!("../../rules/sections.toml")).unwrap();
        let src = "| Criteria | Essential |\n| --- | --- |\n\
                   | Knowledge | <ul> <li>Planning lessons</li> <li>Phonics for Year 1</li> </ul> |\n";
        let doc = parse("spec.md", src.to_string(), Format::Markdown, None, &table);
        let cell = doc
            .blocks
            .iter()
            .find(|b| b.text.contains("Planning"))
            .unwrap();
        // Each item is its own line: the capital of "Phonics" opens a line, it does not follow
        // "lessons" in a sentence.
        let lines: Vec<&str> = cell.text.lines().map(str::trim).collect();
        assert!(lines.contains(&"Planning lessons"), "{:?}", cell.text);
        assert!(lines.contains(&"Phonics for Year 1"), "{:?}", cell.text);
    }

    #[test]
    fn front_matter_prose_is_read_in_its_section() {
        let table = SectionTable::parse(include_str!("../../rules/sections.toml")).unwrap();
        let src = "---\ntitle: Payroll clerk\nmeta_description: We are hiring a rockstar clerk today\n\
                   requirements:\n  - Full driving licence and own car\n---\n# Payroll clerk\n\n\
                   You will process the monthly payroll.\n";
        let doc = parse("ad.md", src.to_string(), Format::Markdown, None, &table);
        let texts: Vec<(&str, Section)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.section))
            .collect();
        // The search-engine field is skipped; the requirement is a block of its section, and
        // the body after it is not pulled into that section.
        assert_eq!(
            texts[0],
            ("Full driving licence and own car", Section::Requirements)
        );
        assert!(!texts.iter().any(|(t, _)| t.contains("rockstar")));
        let body = texts
            .iter()
            .find(|(t, _)| t.starts_with("You will process"))
            .unwrap();
        assert_ne!(body.1, Section::Requirements);
        // Its words point at the source.
        let b = &doc.blocks[0];
        let r = b.source_range(0..b.text.len());
        assert_eq!(&src[r], "Full driving licence and own car");
    }

    #[test]
    fn check_boxes_in_a_plain_text_script_start_list_items() {
        let table = SectionTable::parse(include_str!("../../rules/sections.toml")).unwrap();
        let src = "PHONE SCREEN\n\n[ ] Say who you are and why you are calling\n\
                   [x] Ask them to tell you a bit about themselves\n\
                   ☐ Read out the shift times, then ask which\n    of them suit\n";
        let doc = parse("screen.txt", src.to_string(), Format::Text, None, &table);
        let items: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ListItem)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            items,
            [
                "Say who you are and why you are calling",
                "Ask them to tell you a bit about themselves",
                "Read out the shift times, then ask which of them suit",
            ],
            "{:?}",
            doc.blocks
                .iter()
                .map(|b| (&b.kind, &b.text))
                .collect::<Vec<_>>()
        );
    }
}
