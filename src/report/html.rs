//! The HTML report (not written yet).

use std::io::{self, Write};

use super::{Emitter, FileResult, ReportOptions, Summary};

/// The HTML report (not written yet).
pub struct HtmlReport {}

impl HtmlReport {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        HtmlReport {}
    }
}

impl Emitter for HtmlReport {
    fn file(&mut self, _w: &mut dyn Write, _file: &FileResult) -> io::Result<()> {
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(w, "{}", summary.line())
    }
}
