//! Checkstyle XML output, for tools that read Checkstyle reports (Jenkins warnings,
//! reviewdog, SonarQube imports).
//!
//! `<checkstyle version="4.3">` with one `<file name="PATH">` per checked file, in path order,
//! and one `<error line="L" column="C" severity="S" message="M" source="hirelint.RULE"/>` per
//! finding (severity `error`, `warning` or `info`). Files that could not be read are listed
//! at the end with one `error` whose source is `hirelint.read`. Streamed file by file.

use std::io::{self, Write};

use super::junit::escape_xml;
use super::model::{Emitter, FileResult, ReportOptions, Summary};
use crate::finding::Finding;

/// Writes one Checkstyle XML document.
pub struct Checkstyle {}

impl Checkstyle {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        Checkstyle {}
    }
}

/// The `<error …/>` element of one finding (without indentation or line end).
pub fn error_element(f: &Finding) -> String {
    format!(
        "<error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>",
        f.start.0,
        f.start.1,
        f.severity.as_str(),
        escape_xml(&f.message, true),
        escape_xml(&format!("hirelint.{}", f.rule.id), true)
    )
}

impl Emitter for Checkstyle {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(w, "<checkstyle version=\"4.3\">")
    }

    fn file(&mut self, w: &mut dyn Write, file: &FileResult) -> io::Result<()> {
        let name = escape_xml(&file.path, true);
        if file.findings.is_empty() {
            return writeln!(w, "  <file name=\"{name}\"/>");
        }
        writeln!(w, "  <file name=\"{name}\">")?;
        for f in &file.findings {
            writeln!(w, "    {}", error_element(f))?;
        }
        writeln!(w, "  </file>")
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        for (p, why) in &summary.errors {
            writeln!(w, "  <file name=\"{}\">", escape_xml(p, true))?;
            writeln!(
                w,
                "    <error line=\"1\" column=\"1\" severity=\"error\" message=\"{}\" source=\"hirelint.read\"/>",
                escape_xml(&format!("could not be read: {why}"), true)
            )?;
            writeln!(w, "  </file>")?;
        }
        writeln!(w, "</checkstyle>")
    }
}
