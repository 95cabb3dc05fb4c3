//! One document as a reader sees it, with every finding in place: the view the HTML report
//! and `hirelint serve` share.
//!
//! The text is shown from the parsed blocks, not the source: Markdown marks, HTML tags and
//! front matter are gone, headings look like headings and list items are a list. Template
//! tags left in the prose (`{% … %}`, `{{ … }}`, `{# … #}`, `<? … ?>`) are hidden unless a
//! finding is on them. Each finding's source span is mapped back onto the prose of the
//! blocks it touches ([`SpanMap::to_text`](crate::document::SpanMap::to_text)) and shown as a
//! `<mark>`, with a numbered link to its note after the block where it ends.
//!
//! Before the text, a short summary: findings by kind of barrier and the three to change
//! first (most serious first, then the kinds of barrier that shut people out before the
//! ones of style, then in reading order). After it, the rewrite: each block with findings
//! before and after, side by side, with the safe fixes made and every other finding's first
//! suggestion at its place; then the whole text with the safe fixes made, ready to copy.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::markup::{
    FULL_TEXT_LIMIT, SEVERITIES, esc, family_name, icon, kind_name, note, one_line, plural,
    sev_class, sev_count, sev_index,
};
use super::model::FileResult;
use crate::document::{Block, BlockKind};
use crate::finding::Finding;

/// What the view shows beyond the report.
#[derive(Debug, Clone, Copy, Default)]
pub struct ViewOptions {
    /// Add a "this finding is wrong" button to each note (for `serve --labels`).
    pub label_buttons: bool,
}

/// Template tags a reader of the published page never sees.
static TEMPLATE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<\?.*?\?>").expect("valid template pattern")
});

/// Kinds of barrier in the order they are worth fixing, when severities are equal.
const FAMILY_ORDER: [&str; 8] = [
    "unlawful",
    "exclusionary",
    "interview",
    "scope",
    "unrealistic",
    "missing",
    "buzzword",
    "readability",
];

/// A finding shown in the text: its note number and where its words are in each block.
struct Marked<'a> {
    num: usize,
    f: &'a Finding,
    /// (block index, prose range) for every block the finding touches, in block order.
    parts: Vec<(usize, Range<usize>)>,
}

/// A mark inside one block.
#[derive(Clone)]
struct Mark<'a> {
    num: usize,
    f: &'a Finding,
    range: Range<usize>,
    /// The block where the finding ends: its link to the note goes here.
    last: bool,
    /// The finding lies wholly in this block (so its safe fix can be shown here).
    whole: bool,
}

/// Writes one document's section: heading, summary, missing information, the text with
/// findings in place, and the rewrite. `n` numbers the document in the page.
pub fn render(out: &mut String, n: usize, file: &FileResult, opts: ViewOptions) {
    let id = format!("d{n}");
    let fallback;
    let blocks: &[Block] = if file.blocks.is_empty() && !file.source.trim().is_empty() {
        fallback = text_blocks(file);
        &fallback
    } else {
        &file.blocks
    };

    let mut counts = [0; 3];
    for f in &file.findings {
        counts[sev_index(f.severity)] += 1;
    }
    let parts: Vec<String> = SEVERITIES
        .iter()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .map(|(s, c)| sev_count(*s, c))
        .collect();
    let _ = writeln!(
        out,
        "<section class=\"doc\" id=\"doc-{n}\" aria-labelledby=\"doc-{n}-h\">\n\
         <h2 id=\"doc-{n}-h\"><span class=\"doc-label\">Document:</span> <code>{}</code></h2>\n\
         <p class=\"meta\">{} · {}: {}</p>",
        esc(&file.path),
        kind_name(file.kind),
        plural(file.findings.len(), "finding", "findings"),
        parts.join(", ")
    );

    // Note numbers: missing information first, then the findings in text order.
    let missing: Vec<&Finding> = file.findings.iter().filter(|f| f.span.is_empty()).collect();
    let extents: Vec<Range<usize>> = blocks
        .iter()
        .map(|b| b.source_range(0..b.text.len()))
        .collect();
    let mut marked: Vec<Marked> = Vec::new();
    let mut outside: Vec<&Finding> = Vec::new();
    // Blocks come in source order, so the blocks a finding touches are found by a binary
    // search (a large document may have many blocks and many findings); should a parser ever
    // give them out of order, every block is looked at.
    let in_order = extents
        .windows(2)
        .all(|w| w[0].start <= w[1].start && w[0].end <= w[1].end);
    for f in file.findings.iter().filter(|f| !f.span.is_empty()) {
        let first = if in_order {
            extents.partition_point(|e| e.end <= f.span.start)
        } else {
            0
        };
        let parts: Vec<(usize, Range<usize>)> = extents[first..]
            .iter()
            .enumerate()
            .map(|(k, e)| (first + k, e))
            .take_while(|(_, e)| !in_order || e.start < f.span.end)
            .filter(|(_, e)| e.start < f.span.end && e.end > f.span.start)
            .filter_map(|(i, _)| {
                let b = &blocks[i];
                b.map
                    .to_text(f.span.clone(), b.text.len())
                    .map(|r| (i, fit(&b.text, r.start)..fit(&b.text, r.end)))
            })
            .collect();
        if parts.is_empty() {
            outside.push(f);
        } else {
            marked.push(Marked { num: 0, f, parts });
        }
    }
    let first_outside = missing.len() + 1;
    let mut num = missing.len() + outside.len();
    for m in &mut marked {
        num += 1;
        m.num = num;
    }
    // Missing information that has a place: a marker before the first block at or after
    // the start of its line.
    let points: Vec<(usize, usize, &Finding)> = missing
        .iter()
        .enumerate()
        .filter(|(_, f)| f.span.start > 0)
        .map(|(i, f)| {
            let at = f.span.start.min(file.source.len());
            let line_start = file.source[..fit(&file.source, at)]
                .rfind('\n')
                .map_or(0, |p| p + 1);
            let block = extents
                .iter()
                .position(|e| e.start >= line_start)
                .unwrap_or(blocks.len());
            (block, i + 1, *f)
        })
        .collect();

    summary(out, &id, &missing, &outside, &marked);

    let mut explained: HashMap<&str, usize> = HashMap::new();
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "<h3 id=\"{id}-missing\">Missing information</h3>\n\
             <p>Candidates need this information to decide whether to apply and how to take \
             part. Add it to the document.</p>\n<div class=\"notes\">"
        );
        for (i, f) in missing.iter().enumerate() {
            let has_marker = points.iter().any(|(_, k, _)| *k == i + 1);
            let first = *explained.entry(f.rule_id()).or_insert(i + 1);
            note(
                out,
                &id,
                i + 1,
                f,
                None,
                has_marker,
                (first != i + 1).then_some(first),
            );
            label_button(out, opts, f);
        }
        out.push_str("</div>\n");
    }
    if !outside.is_empty() {
        let _ = writeln!(
            out,
            "<h3 id=\"{id}-outside\">Findings in the page settings or markup</h3>\n\
             <p>These words are not part of the text a reader sees (front matter, a page \
             title or a template), but they are published with it.</p>\n<div class=\"notes\">"
        );
        for (i, f) in outside.iter().enumerate() {
            let k = first_outside + i;
            let first = *explained.entry(f.rule_id()).or_insert(k);
            note(
                out,
                &id,
                k,
                f,
                Some(&f.matched),
                false,
                (first != k).then_some(first),
            );
            label_button(out, opts, f);
        }
        out.push_str("</div>\n");
    }

    // The marks of each block.
    let mut by_block: Vec<Vec<Mark>> = vec![Vec::new(); blocks.len()];
    for m in &marked {
        let last_block = m.parts.last().map_or(0, |p| p.0);
        let whole = m.parts.len() == 1;
        for (b, r) in &m.parts {
            by_block[*b].push(Mark {
                num: m.num,
                f: m.f,
                range: r.clone(),
                last: *b == last_block,
                whole,
            });
        }
    }

    let _ = writeln!(
        out,
        "<h3 id=\"{id}-text\">The text, with findings highlighted</h3>\n\
         <p class=\"hint\">Each highlight is followed by a numbered link to its note. The notes \
         come after each paragraph.</p>\n<div class=\"text\">"
    );
    let full = file.source.len() <= FULL_TEXT_LIMIT;
    let mut in_list = false;
    let mut hidden = 0usize;
    for (i, b) in blocks.iter().enumerate() {
        let marks = &by_block[i];
        let pts: Vec<&(usize, usize, &Finding)> = points.iter().filter(|p| p.0 == i).collect();
        let shown = visible(&b.text, marks);
        if marks.is_empty() && pts.is_empty() && (!full || shown.trim().is_empty()) {
            if !full {
                hidden += 1;
            }
            continue;
        }
        let item = b.kind == BlockKind::ListItem;
        if hidden > 0 || (in_list && !item) {
            if in_list {
                out.push_str("</ul>\n");
                in_list = false;
            }
            elided(out, hidden);
            hidden = 0;
        }
        if item && !in_list {
            out.push_str("<ul class=\"dlist\">\n");
            in_list = true;
        }
        if item {
            out.push_str("<li>");
        }
        for p in &pts {
            missing_marker(out, &id, p.1, p.2);
        }
        let (open, close) = block_tags(b);
        out.push_str(open);
        text_with_marks(out, &id, &b.text, marks, true);
        out.push_str(close);
        let mut ending: Vec<&Mark> = marks.iter().filter(|m| m.last).collect();
        ending.sort_by_key(|m| m.num);
        if !ending.is_empty() {
            out.push_str("<div class=\"notes\">\n");
            for m in ending {
                let first = *explained.entry(m.f.rule_id()).or_insert(m.num);
                note(
                    out,
                    &id,
                    m.num,
                    m.f,
                    Some(&m.f.matched),
                    true,
                    (first != m.num).then_some(first),
                );
                label_button(out, opts, m.f);
            }
            out.push_str("</div>\n");
        }
        if item {
            out.push_str("</li>\n");
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    elided(out, hidden);
    for p in points.iter().filter(|p| p.0 >= blocks.len()) {
        missing_marker(out, &id, p.1, p.2);
    }
    out.push_str("</div>\n");

    rewrite(out, &id, file, blocks, &by_block);
    let back = "<p class=\"back\"><a href=\"#summary-h\">Back to the summary</a></p>";
    let _ = writeln!(out, "{back}\n</section>");
}

/// The note that `hidden` paragraphs without findings are left out (nothing when none are).
fn elided(out: &mut String, hidden: usize) {
    if hidden > 0 {
        let _ = writeln!(
            out,
            "<p class=\"elided\">{} with no findings {} not shown.</p>",
            plural(hidden, "paragraph", "paragraphs"),
            if hidden == 1 { "is" } else { "are" }
        );
    }
}

/// The short summary: findings by kind of barrier, and the three to change first.
fn summary(
    out: &mut String,
    id: &str,
    missing: &[&Finding],
    outside: &[&Finding],
    marked: &[Marked],
) {
    let mut all: Vec<(usize, &Finding)> = Vec::new();
    all.extend(missing.iter().enumerate().map(|(i, f)| (i + 1, *f)));
    all.extend(
        outside
            .iter()
            .enumerate()
            .map(|(i, f)| (missing.len() + 1 + i, *f)),
    );
    all.extend(marked.iter().map(|m| (m.num, m.f)));
    let mut fams: Vec<(&str, usize)> = Vec::new();
    for (_, f) in &all {
        match fams.iter_mut().find(|(n, _)| *n == f.family()) {
            Some(e) => e.1 += 1,
            None => fams.push((f.family(), 1)),
        }
    }
    fams.sort_by_key(|(n, c)| (std::cmp::Reverse(*c), family_rank(n), *n));
    let _ = writeln!(
        out,
        "<h3 id=\"{id}-short\">In short</h3>\n<ul class=\"byfam\" aria-label=\"Findings by kind of barrier\">"
    );
    for (fam, c) in &fams {
        let _ = writeln!(out, "<li>{}: {c}</li>", family_name(fam));
    }
    out.push_str("</ul>\n");
    all.sort_by_key(|(num, f)| (std::cmp::Reverse(f.severity), family_rank(f.family()), *num));
    let first: Vec<&(usize, &Finding)> = all.iter().take(3).collect();
    if !first.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}:</p>\n<ol class=\"first\">",
            if first.len() == 1 {
                "Change this first"
            } else {
                "Change these first"
            }
        );
        for (num, f) in first {
            let _ = writeln!(
                out,
                "<li><a href=\"#{id}-n{num}\">Note {num}</a>: {} ({})</li>",
                esc(&one_line(&f.message)),
                f.severity.as_str()
            );
        }
        out.push_str("</ol>\n");
    }
}

/// The position of a family in [`FAMILY_ORDER`] (unknown families last).
fn family_rank(f: &str) -> usize {
    FAMILY_ORDER
        .iter()
        .position(|x| *x == f)
        .unwrap_or(FAMILY_ORDER.len())
}

/// A marker in the text where missing information belongs.
fn missing_marker(out: &mut String, id: &str, num: usize, f: &Finding) {
    let _ = write!(
        out,
        "<a class=\"ref missing {sev}\" id=\"{id}-r{num}\" href=\"#{id}-n{num}\">{icon}\
         Note {num}, missing here: {msg}</a>",
        sev = sev_class(f.severity),
        icon = icon("missing"),
        msg = esc(&one_line(&f.message)),
    );
}

/// The opening and closing tags of a block in the shown text.
fn block_tags(b: &Block) -> (&'static str, &'static str) {
    match b.kind {
        BlockKind::Heading(1) => ("<p class=\"dh dh1\">", "</p>\n"),
        BlockKind::Heading(2) => ("<p class=\"dh dh2\">", "</p>\n"),
        BlockKind::Heading(_) => ("<p class=\"dh dh3\">", "</p>\n"),
        _ if b.pseudo_heading => ("<p class=\"dh dh3\">", "</p>\n"),
        BlockKind::Quote => ("<blockquote><p class=\"para\">", "</p></blockquote>\n"),
        BlockKind::TableCell => ("<p class=\"para cell\">", "</p>\n"),
        BlockKind::ListItem => ("<p class=\"para item\">", "</p>"),
        BlockKind::Paragraph => ("<p class=\"para\">", "</p>\n"),
    }
}

/// The template tags of `text` that no mark touches.
fn hidden_ranges(text: &str, marks: &[Mark]) -> Vec<Range<usize>> {
    TEMPLATE_TAG
        .find_iter(text)
        .map(|m| m.range())
        .filter(|r| {
            !marks
                .iter()
                .any(|m| m.range.start < r.end && m.range.end > r.start)
        })
        .collect()
}

/// The text a reader sees of a block: template tags left out.
fn visible(text: &str, marks: &[Mark]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for r in hidden_ranges(text, marks) {
        out.push_str(&text[pos..r.start]);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Writes a block's prose cut at every mark boundary, each covered piece as a `<mark>`;
/// with `refs`, the link to a note after the last piece of each finding that ends here.
fn text_with_marks(out: &mut String, id: &str, text: &str, marks: &[Mark], refs: bool) {
    let hidden = hidden_ranges(text, marks);
    let mut cuts = vec![0, text.len()];
    for m in marks {
        cuts.push(m.range.start.min(text.len()));
        cuts.push(m.range.end.min(text.len()));
    }
    for h in &hidden {
        cuts.push(h.start);
        cuts.push(h.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut order: Vec<&Mark> = marks.iter().collect();
    order.sort_by_key(|m| m.num);
    for (k, &pos) in cuts.iter().enumerate() {
        if refs {
            for m in order.iter().filter(|m| m.last) {
                let end = if m.range.is_empty() {
                    m.range.start
                } else {
                    m.range.end
                };
                if end.min(text.len()) == pos {
                    let _ = write!(
                        out,
                        "<a class=\"ref {sev}\" id=\"{id}-r{n}\" href=\"#{id}-n{n}\">{icon}\
                         <span class=\"vh\">Note </span>{n}<span class=\"vh\">, {label}</span></a>",
                        sev = sev_class(m.f.severity),
                        n = m.num,
                        icon = icon(m.f.severity.as_str()),
                        label = m.f.severity.as_str(),
                    );
                }
            }
        }
        let Some(&next) = cuts.get(k + 1) else { break };
        if hidden.iter().any(|h| h.start <= pos && h.end >= next) {
            continue;
        }
        let piece = &text[pos..next];
        let cover: Vec<&&Mark> = order
            .iter()
            .filter(|m| m.range.start <= pos && m.range.end >= next && !m.range.is_empty())
            .collect();
        if cover.is_empty() {
            out.push_str(&esc(piece));
            continue;
        }
        let top = cover.iter().map(|m| m.f.severity).max().unwrap_or_default();
        let title: Vec<String> = cover
            .iter()
            .map(|m| {
                format!(
                    "Note {}, {}: {}",
                    m.num,
                    m.f.severity.as_str(),
                    one_line(&m.f.message)
                )
            })
            .collect();
        let _ = write!(
            out,
            "<mark class=\"{}{}\" title=\"{}\">{}</mark>",
            sev_class(top),
            if cover.len() > 1 { " multi" } else { "" },
            esc(&title.join(" | ")),
            esc(piece)
        );
    }
}

/// The block's prose after the rewrite: each safe fix made (shown as deleted and inserted
/// words), every other finding's words marked with its first suggestion after them.
fn rewritten_block(out: &mut String, id: &str, text: &str, marks: &[Mark]) {
    let hidden = hidden_ranges(text, marks);
    let shown = |out: &mut String, r: Range<usize>| {
        let mut pos = r.start;
        for h in hidden.iter().filter(|h| h.start < r.end && h.end > r.start) {
            if h.start > pos {
                out.push_str(&esc(&text[pos..h.start]));
            }
            pos = pos.max(h.end);
        }
        if pos < r.end {
            out.push_str(&esc(&text[pos..r.end]));
        }
    };
    let mut order: Vec<&Mark> = marks.iter().filter(|m| !m.range.is_empty()).collect();
    order.sort_by_key(|m| (m.range.start, m.num));
    let mut pos = 0;
    let mut pending: Vec<&Mark> = Vec::new();
    for m in order {
        let r = m.range.start.min(text.len())..m.range.end.min(text.len());
        if r.start < pos {
            // Overlaps the words just rewritten: its suggestion goes with them.
            pending.push(m);
            continue;
        }
        suggestions(out, id, &pending);
        pending.clear();
        shown(out, pos..r.start);
        match (&m.f.fix, m.whole) {
            (Some(fix), true) => {
                let _ = write!(
                    out,
                    "<del>{}</del> <ins>{}</ins>",
                    esc(&text[r.clone()]),
                    esc(fix)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "<mark class=\"{}\">{}</mark>",
                    sev_class(m.f.severity),
                    esc(&text[r.clone()])
                );
                pending.push(m);
            }
        }
        pos = r.end;
    }
    suggestions(out, id, &pending);
    shown(out, pos..text.len());
}

/// The first suggestion of each finding, in a bracket after its words, linked to its note.
fn suggestions(out: &mut String, id: &str, marks: &[&Mark]) {
    for m in marks {
        if m.f.fix.is_some() && m.whole {
            continue;
        }
        let what =
            m.f.rule
                .suggest
                .first()
                .map_or_else(|| one_line(&m.f.message), |s| one_line(s));
        let _ = write!(
            out,
            " <span class=\"sugg\">[<a href=\"#{id}-n{n}\">Note {n}</a>: {}]</span>",
            esc(&what),
            n = m.num
        );
    }
}

/// The rewrite: each block with findings before and after, then the whole text with the safe
/// fixes made.
fn rewrite(
    out: &mut String,
    id: &str,
    file: &FileResult,
    blocks: &[Block],
    by_block: &[Vec<Mark>],
) {
    let rows: Vec<usize> = (0..blocks.len())
        .filter(|&i| !by_block[i].is_empty())
        .collect();
    let (fixed, applied) = crate::fix::apply(&file.source, &file.findings);
    let _ = writeln!(
        out,
        "<h3 id=\"{id}-rewrite\">Before and after</h3>\n<p class=\"hint\">Each paragraph with \
         findings, as it is and as it could be: {}, and each other finding is marked with its \
         first suggestion in brackets. Read the notes and choose the wording that fits your \
         role.</p>",
        if applied == 0 {
            "there are no simple replacements".to_string()
        } else {
            format!(
                "{} {} made (struck through, then the new words)",
                plural(applied, "simple replacement", "simple replacements"),
                if applied == 1 { "is" } else { "are" }
            )
        }
    );
    if !rows.is_empty() {
        out.push_str(
            "<table class=\"rewrite\">\n<caption class=\"vh\">Each paragraph with findings, \
             before and after</caption>\n<thead><tr><th scope=\"col\">Before</th>\
             <th scope=\"col\">After</th></tr></thead>\n<tbody>\n",
        );
        for i in rows {
            let b = &blocks[i];
            out.push_str("<tr><td>");
            text_with_marks(out, id, &b.text, &by_block[i], false);
            out.push_str("</td><td>");
            rewritten_block(out, id, &b.text, &by_block[i]);
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(
        out,
        "<details class=\"whole\">\n<summary>The whole document with the simple replacements \
         made</summary>\n<pre class=\"rewritten\" id=\"{id}-rewritten\" tabindex=\"0\">{}</pre>\n\
         </details>",
        esc(&fixed)
    );
}

/// For `serve --labels`: a button that marks the finding as wrong.
fn label_button(out: &mut String, opts: ViewOptions, f: &Finding) {
    // A label quotes the words it is about; information that is missing has none.
    if !opts.label_buttons || f.matched.trim().is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<p class=\"label\"><button type=\"button\" class=\"wrong\" data-family=\"{}\" \
         data-rule=\"{}\" data-quote=\"{}\">This finding is wrong</button></p>",
        esc(f.family()),
        esc(f.rule_id()),
        esc(&one_line(&f.matched))
    );
}

/// The blocks of a result that kept none: its source read as plain text.
fn text_blocks(file: &FileResult) -> Vec<Block> {
    let doc = crate::parse::parse(
        &file.path,
        file.source.clone(),
        crate::document::Format::Text,
        Some(file.kind),
        &crate::document::sections::SectionTable::default(),
    );
    doc.blocks
}

/// A byte offset clamped into `s` and moved forward onto a character boundary.
fn fit(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
