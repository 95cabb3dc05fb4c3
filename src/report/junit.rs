//! JUnit XML output (not written yet).

use std::io::{self, Write};

use super::{Emitter, FileResult, ReportOptions, Summary};

/// JUnit XML output (not written yet).
pub struct Junit {}

impl Junit {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        Junit {}
    }
}

impl Emitter for Junit {
    fn file(&mut self, _w: &mut dyn Write, _file: &FileResult) -> io::Result<()> {
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(w, "{}", summary.line())
    }
}
