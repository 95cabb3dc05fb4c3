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

pub use super::markup::{CSS, ICONS};
use super::markup::{
    FOOT, LEGEND, SEVERITIES, badge, esc, family_name, icon, kind_name, plural, sev_count,
    sev_index, sev_meaning,
};
use super::model::{Emitter, FileResult, ReportOptions, Summary};
use crate::document::DocKind;

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
