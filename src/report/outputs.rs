//! Several outputs in one run: `--output FORMAT[=FILE]`, each to standard output (at most
//! one) or its own file.

use std::io::{self, Write};

use super::emitter;
use super::model::{Emitter, FileResult, ReportFormat, ReportOptions, Summary};

/// The emitter of a run: `format` to standard output, or every `--output` (`FORMAT[=FILE]`),
/// each to standard output (at most one) or its own file.
pub fn outputs(
    output: &[String],
    format: ReportFormat,
    options: &ReportOptions,
) -> anyhow::Result<Box<dyn Emitter>> {
    use anyhow::bail;
    if output.is_empty() {
        return Ok(emitter(format, options));
    }
    let mut parts = Vec::new();
    let mut to_stdout = 0;
    for o in output {
        let (name, file) = match o.split_once('=') {
            Some((n, f)) => (n, Some(f)),
            None => (o.as_str(), None),
        };
        let format = ReportFormat::parse(name).ok_or_else(|| {
            let names: Vec<&str> = ReportFormat::ALL.iter().map(|f| f.name()).collect();
            anyhow::anyhow!(
                "--output {o}: no format `{name}`; the formats are {}",
                names.join(", ")
            )
        })?;
        let options = ReportOptions {
            // Colours only for people, and only on standard output.
            color: options.color && file.is_none() && format == ReportFormat::Human,
            ..options.clone()
        };
        let writer = match file {
            None => {
                to_stdout += 1;
                None
            }
            Some("") => bail!("--output {o}: no file name after `=`"),
            Some(f) => {
                let file = std::fs::File::create(f).map_err(|e| {
                    anyhow::anyhow!("--output {o}: {}", crate::walk::describe_io(&e))
                })?;
                Some(io::BufWriter::new(file))
            }
        };
        parts.push((emitter(format, &options), writer));
    }
    if to_stdout > 1 {
        bail!("more than one --output without a file: only one format can go to standard output");
    }
    Ok(Box::new(Outputs { parts }))
}

/// Several emitters in one run, each writing to standard output or to its own file.
struct Outputs {
    parts: Vec<Output>,
}

/// One emitter of [`Outputs`], with its file (none: standard output).
type Output = (Box<dyn Emitter>, Option<io::BufWriter<std::fs::File>>);

impl Emitter for Outputs {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        for (e, file) in &mut self.parts {
            match file {
                Some(f) => e.begin(f)?,
                None => e.begin(w)?,
            }
        }
        Ok(())
    }

    fn file(&mut self, w: &mut dyn Write, result: &FileResult) -> io::Result<()> {
        for (e, file) in &mut self.parts {
            match file {
                Some(f) => e.file(f, result)?,
                None => e.file(w, result)?,
            }
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        for (e, file) in &mut self.parts {
            match file {
                Some(f) => {
                    e.end(f, summary)?;
                    f.flush()?;
                }
                None => e.end(w, summary)?,
            }
        }
        Ok(())
    }
}
