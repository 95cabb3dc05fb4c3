//! The HTML report: one self-contained page for people, most of all recruiters who want to
//! read their job ad with the barriers marked in place.
//!
//! The page works offline and without scripts: all styles are inline, icons are inline SVG,
//! and every link points inside the page. It has a summary (findings per family and severity,
//! files checked and skipped), for more than one document an overview table that links to
//! each document, and per document the view of [`super::view`]: the text as a reader sees it
//! with every finding highlighted in place, its notes (the severity in words, the message, why
//! it matters and what to write instead), a short summary and the rewrite.
//!
//! The page is one document, so the emitter buffers the rendered sections of the documents
//! (not the documents themselves) until the summary is known; documents without findings are
//! listed but their text is not kept.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Emitter, FileResult, ReportOptions, Summary};
use crate::document::DocKind;
use crate::finding::Finding;
use crate::rule::Severity;

/// Documents larger than this (in bytes) show only the paragraphs with findings.
pub(super) const FULL_TEXT_LIMIT: usize = 256 * 1024;

/// The severities, most serious first.
pub(super) const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Writes one HTML page: buffers the documents' sections, writes everything at the end.
pub struct HtmlReport {
    /// One row of the overview per document.
    docs: Vec<DocRow>,
    /// The rendered sections of the documents with findings.
    sections: String,
    /// Findings per family and severity.
    by_family: BTreeMap<String, [usize; 3]>,
}

/// A document in the overview.
struct DocRow {
    path: String,
    kind: DocKind,
    /// Findings per severity, in the order of [`SEVERITIES`].
    counts: [usize; 3],
}

impl HtmlReport {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        HtmlReport {
            docs: Vec::new(),
            sections: String::new(),
            by_family: BTreeMap::new(),
        }
    }
}

impl Emitter for HtmlReport {
    fn file(&mut self, _w: &mut dyn Write, file: &FileResult) -> io::Result<()> {
        let mut counts = [0; 3];
        for f in &file.findings {
            counts[sev_index(f.severity)] += 1;
            self.by_family.entry(f.family().to_string()).or_default()[sev_index(f.severity)] += 1;
        }
        let n = self.docs.len() + 1;
        self.docs.push(DocRow {
            path: file.path.clone(),
            kind: file.kind,
            counts,
        });
        if !file.findings.is_empty() {
            super::view::render(
                &mut self.sections,
                n,
                file,
                super::view::ViewOptions::default(),
            );
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let mut out = String::with_capacity(16 * 1024 + self.sections.len());
        self.render_head(&mut out, summary);
        self.render_summary(&mut out, summary);
        if self.docs.len() > 1 {
            self.render_overview(&mut out);
        }
        if self.docs.len() == 1 && self.docs[0].counts == [0; 3] {
            let _ = writeln!(
                out,
                "<section class=\"doc\" id=\"doc-1\" aria-labelledby=\"doc-1-h\">\n\
                 <h2 id=\"doc-1-h\"><span class=\"doc-label\">Document:</span> {}</h2>\n\
                 <p class=\"good\">{} No findings. hirelint found nothing to change in this \
                 document.</p>\n</section>",
                esc(&self.docs[0].path),
                icon("ok")
            );
        }
        out.push_str(&self.sections);
        out.push_str(FOOT);
        w.write_all(out.as_bytes())?;
        self.sections = String::new();
        Ok(())
    }
}

impl HtmlReport {
    /// The head, the icons and the page heading.
    fn render_head(&self, out: &mut String, summary: &Summary) {
        let total = summary.total();
        let files = summary.files;
        let title = format!(
            "hirelint report: {} in {}",
            plural(total, "finding", "findings"),
            plural(files, "document", "documents")
        );
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"hirelint {}\">\n<title>{}</title>\n\
             <style>{}</style>\n</head>\n<body>\n{}\n\
             <main id=\"main\">\n<h1>Barriers in your recruitment documents</h1>\n\
             <p class=\"lead\">This report shows words and gaps in your documents that can shut \
             out disabled and neurodivergent candidates. Every highlight has a note that says \
             why it matters and what to write instead. It is a starting point: read each note \
             and decide what fits your role.</p>\n",
            env!("CARGO_PKG_VERSION"),
            esc(&title),
            CSS,
            ICONS
        );
    }

    /// The summary: totals, findings per severity and family, files skipped.
    fn render_summary(&self, out: &mut String, summary: &Summary) {
        let total = summary.total();
        out.push_str(
            "<section class=\"summary\" aria-labelledby=\"summary-h\">\n\
             <h2 id=\"summary-h\">Summary</h2>\n",
        );
        if summary.files == 0 {
            out.push_str("<p class=\"totals\">No documents were checked.</p>\n");
        } else if total == 0 {
            let _ = writeln!(
                out,
                "<p class=\"totals good\">{} hirelint checked {} and found nothing to change. \
                 Thank you for checking.</p>",
                icon("ok"),
                plural(summary.files, "document", "documents")
            );
        } else {
            let mut parts = Vec::new();
            for sev in SEVERITIES {
                let n = summary.by_severity.get(&sev).copied().unwrap_or(0);
                if n > 0 {
                    parts.push(sev_count(sev, n));
                }
            }
            let last = parts.pop().unwrap_or_default();
            let list = if parts.is_empty() {
                last
            } else {
                format!("{} and {last}", parts.join(", "))
            };
            let in_how_many = if summary.files == 1 {
                String::new()
            } else {
                format!(" in {} of them", summary.files_with_findings)
            };
            let _ = writeln!(
                out,
                "<p class=\"totals\">hirelint checked {}. It found {} to look at{in_how_many}: \
                 {list}.</p>",
                plural(summary.files, "document", "documents"),
                plural(total, "thing", "things"),
            );
            out.push_str(
                "<table class=\"counts\">\n<caption>How serious the findings are</caption>\n\
                 <thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">What it means</th>\
                 <th scope=\"col\" class=\"num\">Findings</th></tr></thead>\n<tbody>\n",
            );
            for sev in SEVERITIES {
                let n = summary.by_severity.get(&sev).copied().unwrap_or(0);
                let _ = writeln!(
                    out,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{n}</td></tr>",
                    badge(sev),
                    sev_meaning(sev)
                );
            }
            out.push_str("</tbody>\n</table>\n");
            out.push_str(
                "<table class=\"counts\">\n<caption>Findings by kind of barrier</caption>\n\
                 <thead><tr><th scope=\"col\">Kind of barrier</th>\
                 <th scope=\"col\" class=\"num\">Errors</th>\
                 <th scope=\"col\" class=\"num\">Warnings</th>\
                 <th scope=\"col\" class=\"num\">Info</th>\
                 <th scope=\"col\" class=\"num\">All</th></tr></thead>\n<tbody>\n",
            );
            for (fam, counts) in &self.by_family {
                let _ = write!(
                    out,
                    "<tr><th scope=\"row\">{} <span class=\"family-id\">({})</span></th>",
                    family_name(fam),
                    esc(fam)
                );
                for n in counts {
                    let _ = write!(out, "<td class=\"num\">{n}</td>");
                }
                let _ = writeln!(
                    out,
                    "<td class=\"num\">{}</td></tr>",
                    counts.iter().sum::<usize>()
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
        if !summary.skipped.is_empty() || !summary.errors.is_empty() {
            let _ = writeln!(
                out,
                "<p>{} not checked; the list is below.</p>",
                plural(
                    summary.skipped.len() + summary.errors.len(),
                    "file was",
                    "files were"
                )
            );
        }
        if !summary.skipped.is_empty() {
            out.push_str("<h3>Files that were not checked</h3>\n<ul class=\"files\">\n");
            for (p, why) in &summary.skipped {
                let _ = writeln!(out, "<li><code>{}</code>: {}</li>", esc(p), esc(why));
            }
            out.push_str("</ul>\n");
        }
        if !summary.errors.is_empty() {
            out.push_str("<h3>Files that could not be read</h3>\n<ul class=\"files\">\n");
            for (p, why) in &summary.errors {
                let _ = writeln!(out, "<li><code>{}</code>: {}</li>", esc(p), esc(why));
            }
            out.push_str("</ul>\n");
        }
        if total > 0 {
            out.push_str(LEGEND);
        }
        out.push_str("</section>\n");
    }

    /// The overview table of all documents, linking to each document's section.
    fn render_overview(&self, out: &mut String) {
        out.push_str(
            "<nav class=\"overview\" id=\"overview\" aria-labelledby=\"overview-h\">\n\
             <h2 id=\"overview-h\">Documents</h2>\n\
             <p>Choose a document to see its text with the findings marked.</p>\n\
             <table>\n<caption>Findings per document</caption>\n\
             <thead><tr><th scope=\"col\">Document</th>\
             <th scope=\"col\" class=\"num\">Errors</th>\
             <th scope=\"col\" class=\"num\">Warnings</th>\
             <th scope=\"col\" class=\"num\">Info</th></tr></thead>\n<tbody>\n",
        );
        for (i, d) in self.docs.iter().enumerate() {
            let name = if d.counts == [0; 3] {
                format!(
                    "<code>{}</code><br><span class=\"kind\">{}, no findings</span>",
                    esc(&d.path),
                    kind_name(d.kind)
                )
            } else {
                format!(
                    "<a href=\"#doc-{}\"><code>{}</code></a><br><span class=\"kind\">{}</span>",
                    i + 1,
                    esc(&d.path),
                    kind_name(d.kind)
                )
            };
            let _ = write!(out, "<tr><th scope=\"row\">{name}</th>");
            for n in d.counts {
                let _ = write!(out, "<td class=\"num\">{n}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</nav>\n");
    }
}

/// Writes one note: severity, message, where, why it matters, what to write instead.
///
/// `repeat_of`: the number of an earlier note of the same rule in this document; the
/// explanation is then folded away (in a `<details>`) to keep the page short.
pub(super) fn note(
    out: &mut String,
    id: &str,
    num: usize,
    f: &Finding,
    matched: Option<&str>,
    link: bool,
    repeat_of: Option<usize>,
) {
    let sev = f.severity;
    let _ = write!(
        out,
        "<div class=\"note {cls}\" id=\"{id}-n{num}\">\n<h4><span class=\"num\">\
         <span class=\"vh\">Note </span>{num}</span> {badge} <span class=\"msg\">{msg}</span></h4>\n\
         <p class=\"where\">",
        cls = sev_class(sev),
        badge = badge(sev),
        msg = esc(&one_line(&f.message)),
    );
    if let Some(m) = matched {
        let m = one_line(m);
        let _ = write!(out, "Line {}: “{}” · ", f.start.0, esc(&shorten(&m, 120)));
    } else if f.span.start > 0 {
        let _ = write!(out, "Belongs near line {} · ", f.start.0);
    }
    let _ = writeln!(out, "rule <code>{}</code></p>", esc(&f.rule.id));
    if let Some(first) = repeat_of {
        let _ = writeln!(
            out,
            "<details>\n<summary>Why it matters and what to write instead \
             <span class=\"same\">(the same as note {first})</span></summary>"
        );
    }
    let _ = writeln!(
        out,
        "<dl>\n<dt>Why it matters</dt>\n<dd>{}</dd>",
        esc(&one_line(&f.rule.why))
    );
    if !f.rule.suggest.is_empty() {
        out.push_str("<dt>What to write instead</dt>\n<dd>");
        if f.rule.suggest.len() == 1 {
            let _ = write!(out, "{}", esc(&one_line(&f.rule.suggest[0])));
        } else {
            out.push_str("<ul>");
            for s in &f.rule.suggest {
                let _ = write!(out, "<li>{}</li>", esc(&one_line(s)));
            }
            out.push_str("</ul>");
        }
        out.push_str("</dd>\n");
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(
            out,
            "<dt>A simple replacement</dt>\n<dd>“{}”</dd>",
            esc(fix)
        );
    }
    if !f.rule.source.trim().is_empty() {
        let _ = writeln!(
            out,
            "<dt>Based on</dt>\n<dd class=\"source\">{}</dd>",
            esc(&one_line(&f.rule.source))
        );
    }
    out.push_str("</dl>\n");
    if repeat_of.is_some() {
        out.push_str("</details>\n");
    }
    if link {
        let what = if matched.is_some() {
            "Back to the highlight"
        } else {
            "Show where it belongs in the text"
        };
        let _ = writeln!(
            out,
            "<p class=\"back\"><a href=\"#{id}-r{num}\">{what}<span class=\"vh\"> of note \
             {num}</span></a></p>"
        );
    }
    out.push_str("</div>\n");
}

/// HTML-escapes text for elements and attribute values.
///
/// A `:` that begins a line (after blanks) is written `&#58;`, so that no line of the page is
/// taken for a workflow command (`::error`) by a CI runner that sees it.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut line_start = true;
    for ch in s.chars() {
        if line_start && ch == ':' {
            out.push_str("&#58;");
            continue;
        }
        line_start = (line_start && (ch == ' ' || ch == '\t')) || ch == '\n' || ch == '\r';
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(ch),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Whitespace collapsed to single spaces.
pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, with an ellipsis when cut.
pub(super) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// "1 finding", "2 findings".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The position of a severity in [`SEVERITIES`].
pub(super) fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// "1 error", "2 warnings", "3 info".
pub(super) fn sev_count(s: Severity, n: usize) -> String {
    match s {
        Severity::Error => plural(n, "error", "errors"),
        Severity::Warning => plural(n, "warning", "warnings"),
        Severity::Info => format!("{n} info"),
    }
}

/// The CSS class of a severity.
pub(super) fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// What a severity means, in plain words.
fn sev_meaning(s: Severity) -> &'static str {
    match s {
        Severity::Error => "A legal risk. Change this before you publish or use the document.",
        Severity::Warning => "A real barrier for many candidates. Change it if you can.",
        Severity::Info => "Worth a look: style that can make the document harder to use.",
    }
}

/// The severity as a label: icon and word.
pub(super) fn badge(s: Severity) -> String {
    let word = match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    };
    format!(
        "<span class=\"badge {}\">{}{word}</span>",
        sev_class(s),
        icon(s.as_str())
    )
}

/// An inline icon from the symbols at the top of the page (hidden from screen readers).
pub(super) fn icon(name: &str) -> String {
    format!(
        "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#i-{name}\"></use></svg>"
    )
}

/// The kind of a document, in words.
pub(super) fn kind_name(k: DocKind) -> &'static str {
    match k {
        DocKind::JobAd => "Job ad",
        DocKind::Interview => "Interview script",
        DocKind::Process => "Hiring-process page",
        DocKind::Other => "Other document",
    }
}

/// A family of rules, in words.
pub(super) fn family_name(f: &str) -> String {
    match f {
        "buzzword" => "Vague buzzwords".into(),
        "unrealistic" => "Unrealistic requirements".into(),
        "scope" => "Requirements the job does not need".into(),
        "exclusionary" => "Wording that shuts people out".into(),
        "interview" => "Hard-to-answer interview questions".into(),
        "unlawful" => "Questions that may be unlawful".into(),
        "missing" => "Missing information".into(),
        "readability" => "Hard to read".into(),
        other => esc(other),
    }
}

/// The icons, drawn with the current text colour.
pub const ICONS: &str = include_str!("assets/icons.svg");

/// How to read the highlights.
const LEGEND: &str = "<h3>How to read this report</h3>\n<ul class=\"legend\">\n\
<li><mark class=\"sev-error\">Solid underline</mark>: an error, a legal risk.</li>\n\
<li><mark class=\"sev-warning\">Dashed underline</mark>: a warning, a barrier for many people.</li>\n\
<li><mark class=\"sev-info\">Dotted underline</mark>: info, worth a look.</li>\n\
<li><mark class=\"sev-warning multi\">Double underline</mark>: more than one finding on the same \
words.</li>\n\
<li>The number after a highlight links to its note. Each note has a link back to the text.</li>\n\
</ul>\n";

/// The end of the page.
const FOOT: &str = "</main>\n<footer>\n<p>Made with hirelint, a checker for recruitment \
documents. It follows the social model of disability: change the process, not the person. \
hirelint looks for words and gaps; it cannot judge everything, so read each note and decide.</p>\n\
</footer>\n</body>\n</html>\n";

/// The styles. Colours meet WCAG AA contrast (4.5:1) on their backgrounds.
pub const CSS: &str = include_str!("assets/report.css");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
