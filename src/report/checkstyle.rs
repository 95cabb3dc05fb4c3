//! Checkstyle XML output (not written yet).

use std::io::{self, Write};

use super::{Emitter, FileResult, ReportOptions, Summary};

/// Checkstyle XML output (not written yet).
pub struct Checkstyle {}

impl Checkstyle {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        Checkstyle {}
    }
}

impl Emitter for Checkstyle {
    fn file(&mut self, _w: &mut dyn Write, _file: &FileResult) -> io::Result<()> {
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(w, "{}", summary.line())
    }
}
