//! The pieces of HTML that the report and the document view share: escaping, notes, badges,
//! icons, names in words, and the page's styles (in `assets/`).

use std::fmt::Write as _;

use crate::document::DocKind;
use crate::finding::Finding;
use crate::rule::Severity;

/// Documents larger than this (in bytes) show only the paragraphs with findings.
pub(super) const FULL_TEXT_LIMIT: usize = 256 * 1024;

/// The severities, most serious first.
pub(super) const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Writes one note: severity, message, where, why it matters, what to write instead.
///
/// `repeat_of`: the number of an earlier note of the same rule in this document; the
/// explanation is then folded away (in a `<details>`) to keep the page short.
pub(super) fn note(
    out: &mut String,
    id: &str,
    num: usize,
    f: &Finding,
    matched: Option<&str>,
    link: bool,
    repeat_of: Option<usize>,
) {
    let sev = f.severity;
    let _ = write!(
        out,
        "<div class=\"note {cls}\" id=\"{id}-n{num}\">\n<h4><span class=\"num\">\
         <span class=\"vh\">Note </span>{num}</span> {badge} <span class=\"msg\">{msg}</span></h4>\n\
         <p class=\"where\">",
        cls = sev_class(sev),
        badge = badge(sev),
        msg = esc(&one_line(&f.message)),
    );
    if let Some(m) = matched {
        let m = one_line(m);
        let _ = write!(out, "Line {}: “{}” · ", f.start.0, esc(&shorten(&m, 120)));
    } else if f.span.start > 0 {
        let _ = write!(out, "Belongs near line {} · ", f.start.0);
    }
    let _ = writeln!(out, "rule <code>{}</code></p>", esc(&f.rule.id));
    if let Some(first) = repeat_of {
        let _ = writeln!(
            out,
            "<details>\n<summary>Why it matters and what to write instead \
             <span class=\"same\">(the same as note {first})</span></summary>"
        );
    }
    let _ = writeln!(
        out,
        "<dl>\n<dt>Why it matters</dt>\n<dd>{}</dd>",
        esc(&one_line(&f.rule.why))
    );
    if !f.rule.suggest.is_empty() {
        out.push_str("<dt>What to write instead</dt>\n<dd>");
        if f.rule.suggest.len() == 1 {
            let _ = write!(out, "{}", esc(&one_line(&f.rule.suggest[0])));
        } else {
            out.push_str("<ul>");
            for s in &f.rule.suggest {
                let _ = write!(out, "<li>{}</li>", esc(&one_line(s)));
            }
            out.push_str("</ul>");
        }
        out.push_str("</dd>\n");
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(
            out,
            "<dt>A simple replacement</dt>\n<dd>“{}”</dd>",
            esc(fix)
        );
    }
    if !f.rule.source.trim().is_empty() {
        let _ = writeln!(
            out,
            "<dt>Based on</dt>\n<dd class=\"source\">{}</dd>",
            esc(&one_line(&f.rule.source))
        );
    }
    out.push_str("</dl>\n");
    if repeat_of.is_some() {
        out.push_str("</details>\n");
    }
    if link {
        let what = if matched.is_some() {
            "Back to the highlight"
        } else {
            "Show where it belongs in the text"
        };
        let _ = writeln!(
            out,
            "<p class=\"back\"><a href=\"#{id}-r{num}\">{what}<span class=\"vh\"> of note \
             {num}</span></a></p>"
        );
    }
    out.push_str("</div>\n");
}

/// HTML-escapes text for elements and attribute values.
///
/// A `:` that begins a line (after blanks) is written `&#58;`, so that no line of the page is
/// taken for a workflow command (`::error`) by a CI runner that sees it.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut line_start = true;
    for ch in s.chars() {
        if line_start && ch == ':' {
            out.push_str("&#58;");
            continue;
        }
        line_start = (line_start && (ch == ' ' || ch == '\t')) || ch == '\n' || ch == '\r';
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(ch),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Whitespace collapsed to single spaces.
pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, with an ellipsis when cut.
pub(super) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// "1 finding", "2 findings".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The position of a severity in [`SEVERITIES`].
pub(super) fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// "1 error", "2 warnings", "3 info".
pub(super) fn sev_count(s: Severity, n: usize) -> String {
    match s {
        Severity::Error => plural(n, "error", "errors"),
        Severity::Warning => plural(n, "warning", "warnings"),
        Severity::Info => format!("{n} info"),
    }
}

/// The CSS class of a severity.
pub(super) fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// What a severity means, in plain words.
pub(super) fn sev_meaning(s: Severity) -> &'static str {
    match s {
        Severity::Error => "A legal risk. Change this before you publish or use the document.",
        Severity::Warning => "A real barrier for many candidates. Change it if you can.",
        Severity::Info => "Worth a look: style that can make the document harder to use.",
    }
}

/// The severity as a label: icon and word.
pub(super) fn badge(s: Severity) -> String {
    let word = match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    };
    format!(
        "<span class=\"badge {}\">{}{word}</span>",
        sev_class(s),
        icon(s.as_str())
    )
}

/// An inline icon from the symbols at the top of the page (hidden from screen readers).
pub(super) fn icon(name: &str) -> String {
    format!(
        "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#i-{name}\"></use></svg>"
    )
}

/// The kind of a document, in words.
pub(super) fn kind_name(k: DocKind) -> &'static str {
    match k {
        DocKind::JobAd => "Job ad",
        DocKind::Interview => "Interview script",
        DocKind::Process => "Hiring-process page",
        DocKind::Other => "Other document",
    }
}

/// A family of rules, in words.
pub(super) fn family_name(f: &str) -> String {
    match f {
        "buzzword" => "Vague buzzwords".into(),
        "unrealistic" => "Unrealistic requirements".into(),
        "scope" => "Requirements the job does not need".into(),
        "exclusionary" => "Wording that shuts people out".into(),
        "interview" => "Hard-to-answer interview questions".into(),
        "unlawful" => "Questions that may be unlawful".into(),
        "missing" => "Missing information".into(),
        "readability" => "Hard to read".into(),
        other => esc(other),
    }
}

/// The icons, drawn with the current text colour.
pub const ICONS: &str = include_str!("assets/icons.svg");

/// How to read the highlights.
pub(super) const LEGEND: &str = "<h3>How to read this report</h3>\n<ul class=\"legend\">\n\
<li><mark class=\"sev-error\">Solid underline</mark>: an error, a legal risk.</li>\n\
<li><mark class=\"sev-warning\">Dashed underline</mark>: a warning, a barrier for many people.</li>\n\
<li><mark class=\"sev-info\">Dotted underline</mark>: info, worth a look.</li>\n\
<li><mark class=\"sev-warning multi\">Double underline</mark>: more than one finding on the same \
words.</li>\n\
<li>The number after a highlight links to its note. Each note has a link back to the text.</li>\n\
</ul>\n";

/// The end of the page.
pub(super) const FOOT: &str = "</main>\n<footer>\n<p>Made with hirelint, a checker for recruitment \
documents. It follows the social model of disability: change the process, not the person. \
hirelint looks for words and gaps; it cannot judge everything, so read each note and decide.</p>\n\
</footer>\n</body>\n</html>\n";

/// The styles. Colours meet WCAG AA contrast (4.5:1) on their backgrounds.
pub const CSS: &str = include_str!("assets/report.css");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
