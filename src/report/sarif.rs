//! SARIF 2.1.0 output (not written yet).

use std::io::{self, Write};

use super::{Emitter, FileResult, ReportOptions, Summary};

/// SARIF 2.1.0 output (not written yet).
pub struct Sarif {}

impl Sarif {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        Sarif {}
    }
}

impl Emitter for Sarif {
    fn file(&mut self, _w: &mut dyn Write, _file: &FileResult) -> io::Result<()> {
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(w, "{}", summary.line())
    }
}
