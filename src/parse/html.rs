//! HTML pages and fragments into blocks, with exact source spans.
//!
//! html5ever (under scraper) keeps no source offsets, so the prose is taken from a forward scan
//! of the source: tags are skipped, entities decoded with an offset map, comments kept for
//! suppressions. The scan follows what a browser shows: it skips `script`, `style`, `template`,
//! `noscript`, `pre`, `code`, `svg` and elements marked `hidden` or `aria-hidden="true"`; when
//! the page has a `main` or `article` element only their content counts. The tests check the
//! scan against scraper's own text of the same pages.

use std::ops::Range;

use super::sink::Sink;
use crate::document::{Block, BlockKind, Comment, DocKind, Document, KindSource};

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "pre", "code", "svg", "math", "iframe", "object",
    "head", "title", "select", "textarea", "canvas", "audio", "video",
];

/// Elements whose content is raw text: no tags inside until their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Class names that common CSS frameworks use to hide an element from everyone.
const HIDING_CLASSES: &[&str] = &["hidden", "d-none", "is-hidden", "hide", "display-none"];

/// How many open elements an end tag is looked for in.
const MAX_END_TAG_SEARCH: usize = 512;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that start and end blocks of prose.
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "dl",
    "dt",
    "dd",
    "form",
    "fieldset",
    "legend",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "hr",
    "body",
    "html",
    "option",
    "label",
    "button",
];

/// Reads the HTML of `doc.source[start..]` into the document.
pub fn parse_into(doc: &mut Document, start: usize) {
    let source = std::mem::take(&mut doc.source);
    let range = start..source.len();
    let only_main = has_main(&source[range.clone()]);
    let mut scanner = Scanner::new(&source, only_main);
    scanner.run(range, &mut doc.blocks, &mut doc.comments);
    if doc.lang.is_none() {
        doc.lang = scanner.lang.take();
    }
    // The page's <title> is not prose, but it names the page as front matter's `title` does
    // (abbreviations it spells out, the kind of page).
    if let Some(t) = scanner.title.take() {
        doc.front_matter.entry("title".into()).or_insert(t);
    }
    if let Some(kind) = scanner.meta_kind.take().as_deref().and_then(DocKind::parse) {
        doc.kind = kind;
        doc.kind_source = KindSource::Declared;
    }
    doc.source = source;
}

/// Reads an HTML fragment inside another document (a Markdown HTML block).
pub fn scan_fragment(
    source: &str,
    range: Range<usize>,
    blocks: &mut Vec<Block>,
    comments: &mut Vec<Comment>,
) {
    let mut scanner = Scanner::new(source, false);
    scanner.run(range, blocks, comments);
}

fn has_main(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    ["<main", "<article"].iter().any(|tag| {
        lower.match_indices(tag).any(|(i, _)| {
            lower[i + tag.len()..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c.is_ascii_whitespace() || c == '/')
        })
    })
}

struct Scanner<'a> {
    source: &'a str,
    only_main: bool,
    main_depth: usize,
    /// Open elements (lower-case names).
    stack: Vec<String>,
    /// For each open element, the kind of block text inside it starts (kept beside the stack
    /// so that finding it costs nothing however deep the nesting).
    kinds: Vec<BlockKind>,
    /// While inside a skipped element: its name and how deep we are in same-named elements.
    skip: Option<(String, usize)>,
    emph_depth: usize,
    sink: Sink,
    lang: Option<String>,
    /// The text of the page's `<title>`, the first one.
    title: Option<String>,
    meta_kind: Option<String>,
}

struct Tag<'a> {
    name: String,
    end: bool,
    self_closing: bool,
    attrs: Vec<(String, &'a str)>,
}

impl<'a> Tag<'a> {
    fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

impl<'a> Scanner<'a> {
    fn new(source: &'a str, only_main: bool) -> Self {
        Scanner {
            source,
            only_main,
            main_depth: 0,
            stack: Vec::new(),
            kinds: Vec::new(),
            skip: None,
            emph_depth: 0,
            sink: Sink::new(),
            lang: None,
            meta_kind: None,
            title: None,
        }
    }

    fn visible(&self) -> bool {
        self.skip.is_none() && (!self.only_main || self.main_depth > 0)
    }

    fn run(&mut self, range: Range<usize>, blocks: &mut Vec<Block>, comments: &mut Vec<Comment>) {
        let src = self.source;
        let bytes = src.as_bytes();
        let end = range.end;
        let mut i = range.start;
        let mut text_start = i;
        while i < end {
            match bytes[i] {
                b'<' => {
                    self.text(text_start..i);
                    i = self.markup(i, end, blocks, comments);
                    text_start = i;
                }
                b'&' => {
                    self.text(text_start..i);
                    let (decoded, len) = decode_entity(&src[i..end]);
                    if self.visible() {
                        self.ensure_block();
                        match decoded {
                            Some(d) => self.sink.builder.push_decoded(&d, i..i + len),
                            None => self.sink.builder.push_source(&src[i..i + len], i),
                        }
                        self.sink.note_emphasis(self.emph_depth > 0);
                    }
                    i += len;
                    text_start = i;
                }
                b'{' if bytes.get(i + 1).is_some_and(|&b| b == b'{' || b == b'%') => {
                    // A template tag (Liquid, Jinja, Hugo): not prose.
                    self.text(text_start..i);
                    let close = if bytes[i + 1] == b'{' { "}}" } else { "%}" };
                    let stop = src[i..end].find(close).map(|j| i + j + 2).unwrap_or(i + 2);
                    if self.visible() {
                        self.sink.builder.push_space(i..stop);
                    }
                    i = stop;
                    text_start = i;
                }
                _ => i += 1,
            }
        }
        self.text(text_start..end);
        self.sink.finish_block(blocks);
    }

    fn ensure_block(&mut self) {
        if self.sink.is_empty() && !self.sink.started() {
            let kind = self.block_kind();
            self.sink.start(kind);
        }
    }

    fn block_kind(&self) -> BlockKind {
        self.kinds.last().copied().unwrap_or(BlockKind::Paragraph)
    }

    /// The block kind inside a new element `name`, given the kind around it.
    fn kind_inside(&self, name: &str) -> BlockKind {
        match name {
            "h1" => BlockKind::Heading(1),
            "h2" => BlockKind::Heading(2),
            "h3" => BlockKind::Heading(3),
            "h4" => BlockKind::Heading(4),
            "h5" => BlockKind::Heading(5),
            "h6" => BlockKind::Heading(6),
            "li" | "dt" | "dd" => BlockKind::ListItem,
            "td" | "th" => BlockKind::TableCell,
            "blockquote" => BlockKind::Quote,
            "p" | "div" | "section" | "article" | "main" | "body" => BlockKind::Paragraph,
            _ => self.block_kind(),
        }
    }

    fn text(&mut self, r: Range<usize>) {
        if r.is_empty() || !self.visible() {
            return;
        }
        let s = &self.source[r.clone()];
        if s.trim().is_empty() {
            if !self.sink.is_empty() {
                self.sink.builder.push_space(r);
            }
            return;
        }
        self.ensure_block();
        self.sink.builder.push_source(s, r.start);
        self.sink.note_emphasis(self.emph_depth > 0);
    }

    /// Handles markup at `i` (a `<`) and returns where text resumes.
    fn markup(
        &mut self,
        i: usize,
        end: usize,
        blocks: &mut Vec<Block>,
        comments: &mut Vec<Comment>,
    ) -> usize {
        let src = self.source;
        let rest = &src[i..end];
        if let Some(body) = rest.strip_prefix("<!--") {
            // An unclosed comment runs to the end, as in browsers.
            let (inner, close) = match body.find("-->") {
                Some(j) => (&body[..j], i + 4 + j + 3),
                None => (body, end),
            };
            comments.push(Comment {
                span: i..close,
                text: inner.trim().to_string(),
            });
            return close;
        }
        if rest.starts_with("<![CDATA[") {
            return rest.find("]]>").map(|j| i + j + 3).unwrap_or(end);
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            return rest.find('>').map(|j| i + j + 1).unwrap_or(end);
        }
        let Some((tag, after)) = parse_tag(src, i, end) else {
            // A lone `<` is text.
            if self.visible() {
                self.ensure_block();
                self.sink.builder.push_source("<", i);
            }
            return i + 1;
        };
        if tag.end {
            self.end_tag(&tag.name, i..after, blocks);
            after
        } else {
            self.start_tag(&tag, i..after, end, blocks)
        }
    }

    fn start_tag(
        &mut self,
        tag: &Tag<'a>,
        span: Range<usize>,
        end: usize,
        blocks: &mut Vec<Block>,
    ) -> usize {
        let name = tag.name.as_str();
        match name {
            "html" => {
                if let Some(lang) = tag.attr("lang") {
                    self.lang = Some(lang.to_string());
                }
            }
            "meta"
                if tag
                    .attr("name")
                    .is_some_and(|n| n.eq_ignore_ascii_case("hirelint-kind")) =>
            {
                self.meta_kind = tag.attr("content").map(str::to_string);
            }
            _ => {}
        }
        if name == "body" && self.skip.as_ref().is_some_and(|(s, _)| s == "head") {
            self.skip = None;
        }
        if let Some((skipped, depth)) = &mut self.skip {
            if skipped == name && !tag.self_closing {
                *depth += 1;
            }
            return self.after_raw_text(name, span.end, end);
        }
        if VOID.contains(&name) {
            if name == "br" {
                self.sink.split_heading_line(blocks);
                self.sink.builder.push_break(span.clone());
            } else if name == "hr" {
                self.sink.finish_block(blocks);
            }
            return span.end;
        }
        let hidden = tag.attr("hidden").is_some()
            || tag
                .attr("aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || tag.attr("class").is_some_and(|c| {
                c.split_whitespace()
                    .any(|k| HIDING_CLASSES.contains(&k.to_ascii_lowercase().as_str()))
            })
            || tag.attr("style").is_some_and(|st| {
                let compact: String = st
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                compact.contains("display:none") || compact.contains("visibility:hidden")
            });
        if BLOCK_LEVEL.contains(&name) {
            self.sink.finish_block(blocks);
            self.close_implied(name);
        } else if !self.sink.is_empty() {
            // Inline elements do not join words: "<b>a</b> b" keeps its space from the text.
        }
        if tag.self_closing {
            return span.end;
        }
        if SKIPPED.contains(&name) || hidden {
            self.skip = Some((name.to_string(), 1));
            return self.after_raw_text(name, span.end, end);
        }
        if matches!(name, "main" | "article") {
            self.main_depth += 1;
        }
        if matches!(name, "strong" | "b" | "em" | "i") {
            self.emph_depth += 1;
        }
        let kind = self.kind_inside(name);
        self.stack.push(name.to_string());
        self.kinds.push(kind);
        span.end
    }

    /// For raw-text elements, jumps to their end tag.
    fn after_raw_text(&mut self, name: &str, pos: usize, end: usize) -> usize {
        if !RAW_TEXT.contains(&name) {
            return pos;
        }
        let lower_close = format!("</{name}");
        let hay = &self.source.as_bytes()[pos..end];
        let found = hay
            .windows(lower_close.len())
            .position(|w| w.eq_ignore_ascii_case(lower_close.as_bytes()));
        let close = match found {
            Some(j) => pos + j,
            None => end,
        };
        if name == "title" && self.title.is_none() {
            let t = self.source[pos..close]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            self.title = (!t.is_empty()).then_some(t);
        }
        close
    }

    fn close_implied(&mut self, name: &str) {
        // A new <p>, <li>, <dt>/<dd> or cell closes an open one of its kind, as browsers do.
        let closes: &[&str] = match name {
            "p" => &["p"],
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "td" | "th" => &["td", "th"],
            "tr" => &["tr", "td", "th"],
            _ => return,
        };
        while self
            .stack
            .last()
            .is_some_and(|top| closes.contains(&top.as_str()))
        {
            self.pop_one();
        }
    }

    fn pop_one(&mut self) {
        self.kinds.pop();
        if let Some(top) = self.stack.pop() {
            match top.as_str() {
                "main" | "article" => self.main_depth = self.main_depth.saturating_sub(1),
                "strong" | "b" | "em" | "i" => self.emph_depth = self.emph_depth.saturating_sub(1),
                _ => {}
            }
        }
    }

    fn end_tag(&mut self, name: &str, span: Range<usize>, blocks: &mut Vec<Block>) {
        if let Some((skipped, depth)) = &mut self.skip {
            if skipped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if name == "br" {
            self.sink.builder.push_break(span);
            return;
        }
        if BLOCK_LEVEL.contains(&name) {
            self.sink.finish_block(blocks);
        }
        // Look for the element among the innermost open ones only: a stray end tag in a page
        // of thousands of unclosed elements must not cost a search of them all.
        let lowest = self.stack.len().saturating_sub(MAX_END_TAG_SEARCH);
        if let Some(pos) = self.stack[lowest..]
            .iter()
            .rposition(|n| n == name)
            .map(|p| p + lowest)
        {
            while self.stack.len() > pos {
                self.pop_one();
            }
        }
    }
}

/// Parses a start or end tag at `i`; `None` when `<` does not open a tag.
fn parse_tag(src: &str, i: usize, end: usize) -> Option<(Tag<'_>, usize)> {
    let bytes = src.as_bytes();
    let mut p = i + 1;
    let is_end = bytes.get(p) == Some(&b'/');
    if is_end {
        p += 1;
    }
    if !bytes.get(p).is_some_and(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let name_start = p;
    while p < end
        && !matches!(
            bytes[p],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
        )
    {
        p += 1;
    }
    let name = src[name_start..p].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while p < end && bytes[p].is_ascii_whitespace() {
            p += 1;
        }
        if p >= end {
            return Some((
                Tag {
                    name,
                    end: is_end,
                    self_closing,
                    attrs,
                },
                end,
            ));
        }
        match bytes[p] {
            b'>' => {
                p += 1;
                break;
            }
            b'/' => {
                self_closing = true;
                p += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let an_start = p;
        while p < end && !matches!(bytes[p], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>' | b'=') {
            p += 1;
        }
        let attr_name = src[an_start..p].to_ascii_lowercase();
        while p < end && bytes[p].is_ascii_whitespace() {
            p += 1;
        }
        let mut value = "";
        if p < end && bytes[p] == b'=' {
            p += 1;
            while p < end && bytes[p].is_ascii_whitespace() {
                p += 1;
            }
            if p < end && (bytes[p] == b'"' || bytes[p] == b'\'') {
                let q = bytes[p];
                let v_start = p + 1;
                let v_end = src[v_start..end]
                    .bytes()
                    .position(|b| b == q)
                    .map(|j| v_start + j)
                    .unwrap_or(end);
                value = &src[v_start..v_end];
                p = (v_end + 1).min(end);
            } else {
                let v_start = p;
                while p < end && !bytes[p].is_ascii_whitespace() && bytes[p] != b'>' {
                    p += 1;
                }
                value = &src[v_start..p];
            }
        }
        if attr_name.is_empty() {
            // A stray `=` with no name before it: step over it, but only if nothing was read
            // since (after a value, `p` may stand before a multi-byte character).
            if p == an_start {
                p += 1;
            }
            continue;
        }
        attrs.push((attr_name, value));
    }
    Some((
        Tag {
            name,
            end: is_end,
            self_closing,
            attrs,
        },
        p,
    ))
}

/// Decodes the character reference at the start of `s` (which starts with `&`).
/// Returns the decoded text (`None` when it is not a reference) and the bytes it spans.
pub fn decode_entity(s: &str) -> (Option<String>, usize) {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let (hex, digits_start) = match bytes.get(2) {
            Some(b'x') | Some(b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut p = digits_start;
        while p < bytes.len()
            && p - digits_start < 10
            && (if hex {
                bytes[p].is_ascii_hexdigit()
            } else {
                bytes[p].is_ascii_digit()
            })
        {
            p += 1;
        }
        if p == digits_start {
            return (None, 1);
        }
        let value = u32::from_str_radix(&s[digits_start..p], if hex { 16 } else { 10 }).ok();
        let len = if bytes.get(p) == Some(&b';') {
            p + 1
        } else {
            p
        };
        let c = value
            .and_then(char::from_u32)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}');
        return (Some(c.to_string()), len);
    }
    let mut p = 1;
    while p < bytes.len() && p < 40 && bytes[p].is_ascii_alphanumeric() {
        p += 1;
    }
    if p == 1 {
        return (None, 1);
    }
    let with_semi = bytes.get(p) == Some(&b';');
    let key_end = if with_semi { p + 1 } else { p };
    if let Some(&(a, b)) = web_atoms::NAMED_ENTITIES.get(&s[1..key_end])
        && a != 0
    {
        let mut out = String::new();
        out.extend(char::from_u32(a));
        if b != 0 {
            out.extend(char::from_u32(b));
        }
        return (Some(out), key_end);
    }
    (None, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_entities() {
        assert_eq!(decode_entity("&amp; x"), (Some("&".into()), 5));
        assert_eq!(decode_entity("&#8217;s"), (Some("\u{2019}".into()), 7));
        assert_eq!(decode_entity("&#x2019;"), (Some("\u{2019}".into()), 8));
        assert_eq!(decode_entity("&nbsp;"), (Some("\u{a0}".into()), 6));
        assert_eq!(decode_entity("& b"), (None, 1));
        assert_eq!(decode_entity("&bogus;"), (None, 1));
    }
}
