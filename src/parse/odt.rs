//! OpenDocument text (.odt): the body of `content.xml` into paragraphs.
//!
//! `text:h` and paragraphs whose style has an outline level are headings; paragraphs in list
//! items are list items, in table cells table cells. Notes (footnotes and endnotes) are read
//! after the body. Tracked changes keep deleted text apart from the body
//! (`text:tracked-changes`), so it is not prose; inserted text is in the body. Comments
//! (`office:annotation`), note marks and generated indexes are not prose.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::docx::skip;
use super::package::{Package, PackageError, Para, attr, reference, xml_error};
use crate::document::BlockKind;

/// What a style says.
#[derive(Debug, Default, Clone)]
struct Style {
    parent: Option<String>,
    outline: Option<u8>,
    emphasised: bool,
}

/// Reads the paragraphs of an OpenDocument text package.
pub(crate) fn paragraphs(pkg: &mut Package<'_>) -> Result<Vec<Para>, PackageError> {
    if let Some(manifest) = pkg.text("META-INF/manifest.xml")?
        && manifest.contains("encryption-data")
    {
        return Err(PackageError::Encrypted("password-protected (encrypted)"));
    }
    let content = pkg
        .text("content.xml")?
        .ok_or(PackageError::Missing("content.xml"))?;
    let mut styles = HashMap::new();
    if let Some(xml) = pkg.text("styles.xml")? {
        read_styles("styles.xml", &xml, &mut styles)?;
    }
    read_styles("content.xml", &content, &mut styles)?;
    read_body(&content, &styles)
}

fn read_styles(
    part: &str,
    xml: &str,
    styles: &mut HashMap<String, Style>,
) -> Result<(), PackageError> {
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    loop {
        match reader.read_event().map_err(|e| xml_error(part, e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "style" => {
                    if let Some((n, s)) = current.take() {
                        styles.insert(n, s);
                    }
                    if let Some(name) = attr(&e, "name") {
                        let outline = attr(&e, "default-outline-level")
                            .and_then(|v| v.parse::<u8>().ok())
                            .filter(|v| *v > 0)
                            .map(|v| v.min(6));
                        current = Some((
                            name,
                            Style {
                                parent: attr(&e, "parent-style-name"),
                                outline,
                                emphasised: false,
                            },
                        ));
                    }
                }
                "text-properties" => {
                    if let Some((_, s)) = &mut current {
                        let bold = attr(&e, "font-weight").is_some_and(|w| w == "bold");
                        let italic = attr(&e, "font-style").is_some_and(|w| w == "italic");
                        s.emphasised |= bold || italic;
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().into_inner() == "style" => {
                if let Some((n, s)) = current.take() {
                    styles.insert(n, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // The last style may have been an empty element, with no end to store it.
    if let Some((n, s)) = current.take() {
        styles.insert(n, s);
    }
    Ok(())
}

/// Follows a style's parents for its outline level and emphasis.
fn style_info(styles: &HashMap<String, Style>, name: &str) -> (Option<u8>, bool) {
    let (mut level, mut emph) = (None, false);
    let mut at = Some(name.to_string());
    for _ in 0..12 {
        let Some(cur) = at.take() else { break };
        let Some(s) = styles.get(&cur) else { break };
        level = level.or(s.outline);
        emph |= s.emphasised;
        at = s.parent.clone();
    }
    (level, emph)
}

fn read_body(xml: &str, styles: &HashMap<String, Style>) -> Result<Vec<Para>, PackageError> {
    const PART: &str = "content.xml";
    let mut reader = Reader::from_str(xml);
    let mut body = Vec::new();
    let mut notes = Vec::new();
    let mut stack: Vec<Para> = Vec::new();
    // Emphasis of the open spans (the paragraph's own style is the first).
    let mut emph: Vec<bool> = Vec::new();
    let (mut items, mut cells, mut in_note, mut in_body) = (0usize, 0usize, 0usize, false);
    loop {
        match reader.read_event().map_err(|e| xml_error(PART, e))? {
            Event::Start(e) => match e.local_name().into_inner() {
                "body" => in_body = true,
                _ if !in_body => {}
                "tracked-changes" | "annotation" | "note-citation" | "table-of-content"
                | "alphabetical-index" | "illustration-index" | "bibliography" | "user-index"
                | "object-index" | "table-index" | "sequence-decls" | "variable-decls"
                | "user-field-decls" | "forms" | "desc" | "title" => skip(&mut reader, &e, PART)?,
                "h" | "p" => {
                    let (style_level, style_emph) =
                        attr(&e, "style-name").map_or((None, false), |s| style_info(styles, &s));
                    let kind = if e.local_name().into_inner() == "h" {
                        let l = attr(&e, "outline-level")
                            .and_then(|v| v.parse::<u8>().ok())
                            .unwrap_or(1);
                        BlockKind::Heading(l.clamp(1, 6))
                    } else if let Some(l) = style_level {
                        BlockKind::Heading(l)
                    } else if items > 0 {
                        BlockKind::ListItem
                    } else if cells > 0 {
                        BlockKind::TableCell
                    } else {
                        BlockKind::Paragraph
                    };
                    stack.push(Para::new(kind));
                    emph.push(style_emph);
                }
                "span" => {
                    let e2 = attr(&e, "style-name").is_some_and(|s| style_info(styles, &s).1);
                    emph.push(e2 || emph.last().copied().unwrap_or(false));
                }
                "list-item" | "list-header" => items += 1,
                "table-cell" => cells += 1,
                "note-body" => in_note += 1,
                _ => {}
            },
            Event::Empty(e) if in_body => {
                if matches!(e.local_name().into_inner(), "p" | "h") {
                    // An empty paragraph is an empty line, as `<text:p></text:p>` is.
                    let p = Para::new(BlockKind::Paragraph);
                    if in_note > 0 {
                        notes.push(p);
                    } else {
                        body.push(p);
                    }
                    continue;
                }
                let Some(p) = stack.last_mut() else { continue };
                let em = emph.last().copied().unwrap_or(false);
                match e.local_name().into_inner() {
                    "s" => {
                        let n = attr(&e, "c")
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(1000);
                        p.push(&" ".repeat(n), em);
                    }
                    "tab" => p.push("\t", em),
                    "line-break" => p.line_break(),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "body" => in_body = false,
                "h" | "p" => {
                    emph.pop();
                    if let Some(p) = stack.pop() {
                        if in_note > 0 {
                            notes.push(p);
                        } else {
                            body.push(p);
                        }
                    }
                }
                "span" => {
                    emph.pop();
                }
                "list-item" | "list-header" => items = items.saturating_sub(1),
                "table-cell" => cells = cells.saturating_sub(1),
                "note-body" => in_note = in_note.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(p) = stack.last_mut() {
                    // Line ends in the XML are formatting, not text: ODF collapses them.
                    let s = t.xml10_content();
                    let s = s.replace(['\n', '\r', '\t'], " ");
                    p.push(&s, emph.last().copied().unwrap_or(false));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(p) = stack.last_mut() {
                    p.push(&reference(&r), emph.last().copied().unwrap_or(false));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    body.extend(notes);
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_spaces_and_what_is_not_prose() {
        let mut styles = HashMap::new();
        read_styles(
            "styles.xml",
            "<office:styles><style:style style:name=\"Heading_20_2\" style:family=\"paragraph\" style:default-outline-level=\"2\"/>\
             <style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_2\"/></office:styles>",
            &mut styles,
        )
        .unwrap();
        let xml = "<office:document-content><office:body><office:text>\
            <text:table-of-content><text:index-body><text:p>Contents 1</text:p></text:index-body></text:table-of-content>\
            <text:p text:style-name=\"P1\">About us</text:p>\
            <text:p>Two<text:s text:c=\"2\"/>spaces<text:tab/>and<text:line-break/>a break<office:annotation><text:p>a note</text:p></office:annotation></text:p>\
            <text:p/>\
            </office:text></office:body></office:document-content>";
        let got: Vec<(BlockKind, String)> = read_body(xml, &styles)
            .unwrap()
            .into_iter()
            .map(|p| (p.kind, p.text))
            .collect();
        assert_eq!(
            got,
            [
                (BlockKind::Heading(2), "About us".to_string()),
                (BlockKind::Paragraph, "Two  spaces\tand a break".to_string()),
                (BlockKind::Paragraph, String::new()),
            ]
        );
    }
}
