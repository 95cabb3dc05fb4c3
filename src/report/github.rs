//! GitHub Actions annotations (not written yet).

use std::io::{self, Write};

use super::{Emitter, FileResult, ReportOptions, Summary};

/// GitHub Actions annotations (not written yet).
pub struct Github {}

impl Github {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        Github {}
    }
}

impl Emitter for Github {
    fn file(&mut self, _w: &mut dyn Write, _file: &FileResult) -> io::Result<()> {
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(w, "{}", summary.line())
    }
}
