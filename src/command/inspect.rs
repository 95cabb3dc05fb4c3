//! `hirelint inspect`: how hirelint reads a document.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;

use crate::config;
use crate::parse::parse;
use crate::rule::RuleSet;
use crate::walk::{self, ReadProblem};

/// `hirelint inspect FILE`: how hirelint reads a document: its kind, sections, blocks and
/// questions.
pub fn inspect(file: &Path) -> Result<u8> {
    let set = RuleSet::empty().map_err(|e| anyhow::anyhow!("{e}"))?;
    let shown = crate::linter::display_path(file);
    // The kind the nearest configuration's `[kinds]` gives the file, as `check` would use.
    let kind = match config::discover(file) {
        Some(c) if config::check_location(&c).is_ok() => config::load(&c)
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?
            .kind_for(file),
        _ => None,
    };
    let read = if walk::format_of(file).is_package() {
        walk::read_package(file, &shown, 64 << 20, kind, &set.sections)
    } else {
        walk::read_document(file, 64 << 20)
            .map(|source| parse(&shown, source, walk::format_of(file), kind, &set.sections))
    };
    let doc = match read {
        Ok(d) => d,
        Err(ReadProblem::Skipped(w)) | Err(ReadProblem::Error(w)) => {
            eprintln!(
                "error: {}: {}",
                crate::escape::path(file),
                crate::escape::shown(&w.to_string())
            );
            return Ok(2);
        }
    };
    let lines = doc.lines();
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{shown}: kind {} ({:?}), lang {}",
        doc.kind,
        doc.kind_source,
        doc.lang.as_deref().unwrap_or("unknown")
    )?;
    for (k, v) in &doc.front_matter {
        writeln!(out, "  front matter {k} = {v:?}")?;
    }
    for b in &doc.blocks {
        let (l, c) = lines.position(&doc.source, b.source_range(0..0).start);
        let marker = if b.is_heading() { "#" } else { " " };
        writeln!(
            out,
            "{l:>4}:{c:<3} {marker} {:<12} {:<10} {}",
            b.section.as_str(),
            format!("{:?}", b.kind),
            b.text.chars().take(100).collect::<String>()
        )?;
    }
    let questions = crate::questions::analyse(&doc, set.lexicon());
    let count: usize = questions.iter().map(Vec::len).sum();
    writeln!(out, "\nquestions ({count}):")?;
    for (b, qs) in questions.iter().enumerate() {
        let block = &doc.blocks[b];
        for q in qs {
            let (l, c) = lines.position(&doc.source, block.source_range(q.range.clone()).start);
            let text: String = block.text[q.range.clone()].chars().take(100).collect();
            writeln!(out, "{l:>4}:{c:<3} {text}")?;
            if let Some(direct) = &q.reported {
                writeln!(out, "           reported, read as: {direct:?}")?;
            }
            if q.cues.is_empty() {
                writeln!(out, "           fair: no kind of barrier found")?;
            }
            for (k, r) in &q.cues {
                writeln!(
                    out,
                    "           {}: {:?}",
                    crate::questions::KINDS[*k],
                    &block.text[r.clone()]
                )?;
            }
        }
    }
    Ok(0)
}
