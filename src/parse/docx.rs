//! Word (.docx): `word/document.xml`, then footnotes and endnotes, into paragraphs.
//!
//! Heading styles and outline levels (from the paragraph or its style chain in
//! `word/styles.xml`) make headings; numbered or bulleted paragraphs are list items; paragraphs
//! in table cells are table cells. Deleted tracked changes (`w:del`, `w:moveFrom`), field codes
//! and comments are not prose; inserted text is. A deleted paragraph mark joins the paragraph
//! to the next, as Word shows it.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::package::{Package, PackageError, Para, attr, on, reference, xml_error};
use crate::document::BlockKind;

/// What a paragraph style says.
#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    list: bool,
}

/// Reads the paragraphs of a Word package.
pub(crate) fn paragraphs(pkg: &mut Package<'_>) -> Result<Vec<Para>, PackageError> {
    let body = pkg
        .text("word/document.xml")?
        .ok_or(PackageError::Missing("word/document.xml"))?;
    let styles = match pkg.text("word/styles.xml")? {
        Some(xml) => read_styles(&xml)?,
        None => HashMap::new(),
    };
    let mut paras = Vec::new();
    read_part("word/document.xml", &body, &styles, &mut paras)?;
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = pkg.text(part)? {
            read_part(part, &xml, &styles, &mut paras)?;
        }
    }
    Ok(paras)
}

fn read_styles(xml: &str) -> Result<HashMap<String, Style>, PackageError> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| xml_error("word/styles.xml", e))?;
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                match name.into_inner() {
                    "style" => {
                        if attr(&e, "type").as_deref() == Some("paragraph")
                            && let Some(id) = attr(&e, "styleId")
                        {
                            current = Some((id, Style::default()));
                        }
                    }
                    "name" => {
                        if let Some((_, s)) = &mut current {
                            s.name = attr(&e, "val").unwrap_or_default();
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = &mut current {
                            s.based_on = attr(&e, "val");
                        }
                    }
                    "outlineLvl" => {
                        if let Some((_, s)) = &mut current {
                            s.outline = outline(&e);
                        }
                    }
                    "numPr" => {
                        if let Some((_, s)) = &mut current {
                            s.list = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().into_inner() == "style" => {
                if let Some((id, s)) = current.take() {
                    styles.insert(id, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

/// A heading level from `<w:outlineLvl w:val="0"/>` (0 is level 1; 9 is body text).
fn outline(e: &BytesStart<'_>) -> Option<u8> {
    let v: u8 = attr(e, "val")?.parse().ok()?;
    (v < 9).then_some((v + 1).min(6))
}

/// A heading level from a style's name or id: "heading 2", "Heading2", "Title".
fn level_from_name(name: &str) -> Option<u8> {
    let n = name.to_ascii_lowercase().replace(' ', "");
    if n == "title" {
        return Some(1);
    }
    let digits = n.strip_prefix("heading")?;
    let v: u8 = digits.parse().ok()?;
    (1..=9).contains(&v).then_some(v.min(6))
}

/// The heading level and list flag of style `id`, following `basedOn`.
fn style_info(styles: &HashMap<String, Style>, id: &str) -> (Option<u8>, bool) {
    let mut level = None;
    let mut list = false;
    let mut at = Some(id.to_string());
    for _ in 0..12 {
        let Some(cur) = at.take() else { break };
        let Some(s) = styles.get(&cur) else {
            if level.is_none() {
                level = level_from_name(&cur);
            }
            list |= cur.to_ascii_lowercase().starts_with("listbullet")
                || cur.to_ascii_lowercase().starts_with("listnumber");
            break;
        };
        if level.is_none() {
            level = s.outline.or_else(|| level_from_name(&s.name));
        }
        list |= s.list;
        at = s.based_on.clone();
    }
    (level, list)
}

/// The paragraph being read and what its properties said.
struct Open {
    para: Para,
    style: Option<String>,
    outline: Option<u8>,
    numbered: bool,
    mark_deleted: bool,
}

fn read_part(
    part: &str,
    xml: &str,
    styles: &HashMap<String, Style>,
    out: &mut Vec<Para>,
) -> Result<(), PackageError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Open> = Vec::new();
    let mut cells = 0usize;
    let mut in_ppr = false;
    let mut in_rpr = false;
    let mut in_text = false;
    let mut run_emph = false;
    // A paragraph whose mark was deleted waits to be joined with the next.
    let mut joined: Option<Para> = None;
    loop {
        let ev = reader.read_event().map_err(|e| xml_error(part, e))?;
        match ev {
            Event::Start(e) => {
                let local = e.local_name();
                match local.into_inner() {
                    // Not prose: deleted and moved-away text, field codes, the older copy of
                    // a drawing, property changes, separator footnotes.
                    "del" if !in_ppr => skip(&mut reader, &e, part)?,
                    "moveFrom" | "delText" | "instrText" | "delInstrText" | "Fallback"
                    | "rPrChange" | "pPrChange" | "sectPr" | "tblPr" | "tblGrid" | "comments" => {
                        skip(&mut reader, &e, part)?
                    }
                    "footnote" | "endnote" if attr(&e, "type").is_some() => {
                        skip(&mut reader, &e, part)?
                    }
                    "del" => {
                        if let Some(o) = stack.last_mut() {
                            o.mark_deleted = true;
                        }
                        skip(&mut reader, &e, part)?
                    }
                    "p" => stack.push(Open {
                        para: Para::new(BlockKind::Paragraph),
                        style: None,
                        outline: None,
                        numbered: false,
                        mark_deleted: false,
                    }),
                    "pPr" => in_ppr = true,
                    "rPr" => in_rpr = true,
                    "r" => run_emph = false,
                    "t" => in_text = true,
                    "tc" => cells += 1,
                    "numPr" if in_ppr => {
                        if let Some(o) = stack.last_mut() {
                            o.numbered = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let local = e.local_name();
                if local.into_inner() == "p" {
                    // An empty paragraph (`<w:p/>`) is an empty line, as `<w:p></w:p>` is.
                    let kind = if cells > 0 {
                        BlockKind::TableCell
                    } else {
                        BlockKind::Paragraph
                    };
                    match joined.take() {
                        Some(mut first) => {
                            first.join(Para::new(kind));
                            out.push(first);
                        }
                        None => out.push(Para::new(kind)),
                    }
                    continue;
                }
                let Some(o) = stack.last_mut() else { continue };
                match local.into_inner() {
                    "pStyle" if in_ppr => o.style = attr(&e, "val"),
                    "outlineLvl" if in_ppr && !in_rpr => o.outline = outline(&e),
                    "numPr" if in_ppr => o.numbered = true,
                    "del" if in_ppr && in_rpr => o.mark_deleted = true,
                    "b" | "i" if in_rpr && !in_ppr => run_emph |= on(&e),
                    "tab" if !in_ppr => o.para.push("\t", run_emph),
                    "br" | "cr" if !in_ppr => o.para.line_break(),
                    "noBreakHyphen" => o.para.push("-", run_emph),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "t" => in_text = false,
                "tc" => cells = cells.saturating_sub(1),
                "p" => {
                    let Some(o) = stack.pop() else { continue };
                    let (style_level, style_list) = o
                        .style
                        .as_deref()
                        .map_or((None, false), |s| style_info(styles, s));
                    let mut para = o.para;
                    para.kind = match o.outline.or(style_level) {
                        Some(l) => BlockKind::Heading(l),
                        None if o.numbered || style_list => BlockKind::ListItem,
                        None if cells > 0 => BlockKind::TableCell,
                        None => BlockKind::Paragraph,
                    };
                    let para = match joined.take() {
                        Some(mut first) => {
                            first.join(para);
                            first
                        }
                        None => para,
                    };
                    if o.mark_deleted {
                        joined = Some(para);
                    } else {
                        out.push(para);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(o) = stack.last_mut() {
                    o.para.push(&t.xml10_content(), run_emph);
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(o) = stack.last_mut() {
                    o.para.push(&reference(&r), run_emph);
                }
            }
            Event::CData(t) if in_text => {
                if let Some(o) = stack.last_mut() {
                    o.para.push(&t.xml10_content(), run_emph);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // The last paragraph's mark was deleted: it joins nothing, and is a line only if text
    // is left.
    if let Some(p) = joined.filter(|p| !p.text.trim().is_empty()) {
        out.push(p);
    }
    Ok(())
}

/// Skips the element `e` has started, with everything inside it.
pub(crate) fn skip(
    reader: &mut Reader<&[u8]>,
    e: &BytesStart<'_>,
    part: &str,
) -> Result<(), PackageError> {
    reader
        .read_to_end(e.name())
        .map(|_| ())
        .map_err(|err| xml_error(part, err))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str, styles: &str) -> Vec<(BlockKind, String)> {
        let w = "xmlns:w=\"w\" xmlns:mc=\"mc\"";
        let styles = read_styles(&format!("<w:styles {w}>{styles}</w:styles>")).unwrap();
        let mut out = Vec::new();
        let xml = format!("<w:document {w}><w:body>{body}</w:body></w:document>");
        read_part("word/document.xml", &xml, &styles, &mut out).unwrap();
        out.into_iter().map(|p| (p.kind, p.text)).collect()
    }

    #[test]
    fn headings_from_outline_levels_and_style_chains() {
        let styles = "<w:style w:type=\"paragraph\" w:styleId=\"Big\"><w:name w:val=\"Big\"/><w:basedOn w:val=\"Heading2\"/></w:style>\
            <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style>";
        let got = read(
            "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>Duties</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"Big\"/></w:pPr><w:r><w:t>Pay</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"Heading4\"/></w:pPr><w:r><w:t>No styles part</w:t></w:r></w:p>\
             <w:p><w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>Body</w:t></w:r></w:p>",
            styles,
        );
        let kinds: Vec<BlockKind> = got.iter().map(|g| g.0).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(3),
                BlockKind::Heading(2),
                BlockKind::Heading(4),
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn field_codes_fallbacks_and_moves_are_not_prose() {
        let got = read(
            "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>HYPERLINK \"x\"</w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Apply</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
             <w:moveFrom><w:r><w:t>old place</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t xml:space=\"preserve\"> now</w:t></w:r></w:moveTo>\
             <w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>\
             <w:r><w:tab/><w:t>R&amp;D</w:t><w:br/><w:t>end</w:t></w:r></w:p>",
            "",
        );
        let texts: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(texts, ["Box", "Apply now\tR&D end"]);
    }
}
