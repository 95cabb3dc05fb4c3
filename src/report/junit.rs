//! JUnit XML output, for the test-report views of CI systems (GitLab, Jenkins, Azure DevOps).
//!
//! One `<testsuite name="hirelint">` inside `<testsuites>`. A file without findings is one
//! passing `<testcase>` (`classname` and `name` are the path). Every finding is a test case of
//! its own (`classname` the path, `name` the rule and place), since JUnit readers show at most
//! one failure per test case: an error or a warning has one `<failure>`, whose `message` is the
//! rule id and message and whose text is `path:line:col`, the matched words, why the wording
//! is a barrier and what to write instead; an info finding passes, with the same text in
//! `<system-out>` (it does not fail a run by default either). Skipped files are test cases
//! with `<skipped>`, files that could not be read test cases with `<error>`. `tests` counts
//! the test cases and `failures` the failed ones; the number of findings is the suite's
//! `findings` property. The counts are only known at the end, so test cases are kept until
//! then.

use std::io::{self, Write};

use super::model::{Emitter, FileResult, ReportOptions, Summary};
use crate::finding::Finding;

/// Writes one JUnit XML document.
pub struct Junit {
    cases: Vec<String>,
    failed: usize,
    findings: usize,
}

impl Junit {
    /// A new emitter.
    pub fn new(_options: &ReportOptions) -> Self {
        Junit {
            cases: Vec::new(),
            failed: 0,
            findings: 0,
        }
    }
}

/// Escapes text for XML 1.0: `&`, `<`, `>`, `"` and `'` as entities, and characters that XML
/// 1.0 cannot hold (most control characters, unpaired surrogates cannot occur in `str`) as
/// U+FFFD. With `attribute`, tabs and line ends are written as character references, so that
/// they survive attribute-value normalization.
///
/// In text, a `:` that begins a line (after blanks) is written `&#58;`: the same XML, but a
/// CI runner reading the output never takes a line of it for a workflow command (`::error`).
pub fn escape_xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut line_start = true;
    for c in s.chars() {
        if line_start && c == ':' {
            out.push_str("&#58;");
            continue;
        }
        line_start = (line_start && (c == ' ' || c == '\t')) || c == '\n' || c == '\r';
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The test case of one finding, and whether it failed.
fn case(f: &Finding) -> (String, bool) {
    let mut body = format!("{}:{}:{}", f.path, f.start.0, f.start.1);
    if !f.matched.is_empty() {
        body.push_str(&format!("\nmatched: {}", f.matched));
    }
    body.push_str(&format!("\nwhy: {}", one_line(&f.rule.why)));
    for s in &f.rule.suggest {
        body.push_str(&format!("\ninstead: {}", one_line(s)));
    }
    let path = escape_xml(&f.path, true);
    let name = escape_xml(
        &format!("{} at {}:{}", f.rule.id, f.start.0, f.start.1),
        true,
    );
    let failed = f.severity > crate::rule::Severity::Info;
    let inner = if failed {
        format!(
            "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
            escape_xml(&format!("{}: {}", f.rule.id, f.message), true),
            escape_xml(f.severity.as_str(), true),
            escape_xml(&body, false)
        )
    } else {
        format!(
            "      <system-out>{}</system-out>\n",
            escape_xml(
                &format!("info: {}: {}\n{body}", f.rule.id, f.message),
                false
            )
        )
    };
    (
        format!("    <testcase classname=\"{path}\" name=\"{name}\">\n{inner}    </testcase>\n"),
        failed,
    )
}

impl Emitter for Junit {
    fn file(&mut self, _w: &mut dyn Write, file: &FileResult) -> io::Result<()> {
        let path = escape_xml(&file.path, true);
        if file.findings.is_empty() {
            self.cases.push(format!(
                "    <testcase classname=\"{path}\" name=\"{path}\"/>\n"
            ));
            return Ok(());
        }
        self.findings += file.findings.len();
        for f in &file.findings {
            let (case, failed) = case(f);
            self.failed += usize::from(failed);
            self.cases.push(case);
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        for (p, why) in &summary.skipped {
            let p = escape_xml(p, true);
            self.cases.push(format!(
                "    <testcase classname=\"{p}\" name=\"{p}\">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                escape_xml(why, true)
            ));
        }
        for (p, why) in &summary.errors {
            let p = escape_xml(p, true);
            self.cases.push(format!(
                "    <testcase classname=\"{p}\" name=\"{p}\">\n      <error message=\"{}\" type=\"read\"/>\n    </testcase>\n",
                escape_xml(why, true)
            ));
        }
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\"",
            self.cases.len(),
            self.failed,
            summary.errors.len(),
            summary.skipped.len()
        );
        writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(w, "<testsuites name=\"hirelint\" {counts}>")?;
        writeln!(w, "  <testsuite name=\"hirelint\" {counts}>")?;
        writeln!(w, "    <properties>")?;
        writeln!(
            w,
            "      <property name=\"findings\" value=\"{}\"/>",
            self.findings
        )?;
        writeln!(
            w,
            "      <property name=\"summary\" value=\"{}\"/>",
            escape_xml(&summary.line(), true)
        )?;
        writeln!(w, "    </properties>")?;
        for case in self.cases.drain(..) {
            w.write_all(case.as_bytes())?;
        }
        writeln!(w, "  </testsuite>")?;
        writeln!(w, "</testsuites>")
    }
}
