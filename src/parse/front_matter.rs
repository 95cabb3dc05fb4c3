//! Front matter: YAML between `---` lines or TOML between `+++` lines at the top of a file.
//!
//! Fields are kept flattened as text (`salary.min = "50000"`), so `required` rules can accept
//! information given only there (a salary in front matter counts).
//!
//! Careers sites built with static-site generators often keep part of the ad in front matter
//! (`requirements: [ … ]`, `qualifications: "…"`) and print it on the page. [`prose`] finds
//! those values, with their exact source ranges, so they are read as text too; which keys are
//! never prose (layout, dates, addresses, search-engine fields) is data, in
//! `rules/sections.toml`.

use std::collections::BTreeMap;

/// Front matter found at the top of a source.
#[derive(Debug, Default)]
pub struct FrontMatter {
    /// Flattened fields, values as text.
    pub fields: BTreeMap<String, String>,
    /// The byte offset just after the closing delimiter line.
    pub end: usize,
}

/// Finds and reads front matter at the top of `source` (after a byte order mark, if any).
pub fn split(source: &str) -> Option<FrontMatter> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &source[start..];
    let (delim, toml) = if rest.starts_with("---") {
        ("---", false)
    } else if rest.starts_with("+++") {
        ("+++", true)
    } else {
        return None;
    };
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != delim {
        return None;
    }
    let body_start = first_line_end + 1;
    let mut pos = body_start;
    while pos <= rest.len() {
        let line_end = rest[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(rest.len());
        let line = rest[pos..line_end].trim_end();
        if line == delim || (!toml && line == "...") {
            let body = &rest[body_start..pos];
            let fields = if toml {
                parse_toml(body)
            } else {
                parse_yaml(body)
            };
            let end = (line_end + 1).min(rest.len());
            return Some(FrontMatter {
                fields,
                end: start + end,
            });
        }
        if line_end >= rest.len() {
            break;
        }
        pos = line_end + 1;
    }
    None
}

fn parse_toml(body: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(table) = body.parse::<toml::Table>() {
        flatten_toml("", &toml::Value::Table(table), &mut out);
    }
    out
}

fn flatten_toml(prefix: &str, v: &toml::Value, out: &mut BTreeMap<String, String>) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.to_ascii_lowercase()
                } else {
                    format!("{prefix}.{}", k.to_ascii_lowercase())
                };
                flatten_toml(&key, v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        toml::Value::Array(a) => {
            let parts: Vec<String> = a
                .iter()
                .map(|x| match x {
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            out.insert(prefix.to_string(), parts.join(", "));
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

/// A small reader for the YAML that front matter uses: `key: value` lines, nested by
/// indentation, and `- item` lists. Anything fancier is kept as raw text of its key.
fn parse_yaml(body: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    for raw in body.lines() {
        let line = raw.trim_end();
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if let Some(item) = content.strip_prefix("- ") {
            if let Some((_, key)) = stack.iter().rev().find(|(i, _)| *i <= indent) {
                let entry = out.entry(key.clone()).or_default();
                if !entry.is_empty() {
                    entry.push_str(", ");
                }
                entry.push_str(unquote(item.trim()));
            }
            continue;
        }
        let Some((key, value)) = content.split_once(':') else {
            continue;
        };
        // A key may hold spaces (`salary range:`). Skipping it made its indented children
        // top-level keys: `salary range:` / `  kind: hourly` set the document's kind.
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let key = unquote(key.trim()).to_ascii_lowercase();
        let full = match stack.last() {
            Some((_, parent)) => format!("{parent}.{key}"),
            None => key,
        };
        let value = unquote(value.trim());
        out.insert(full.clone(), value.to_string());
        stack.push((indent, full));
    }
    out
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    if s.len() >= 2
        && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')))
    {
        &s[1..s.len() - 1]
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(src: &str) -> Vec<(String, Vec<(String, bool)>)> {
        let fm = split(src).expect("front matter");
        prose(src, fm.end)
            .into_iter()
            .map(|f| {
                let p = f
                    .pieces
                    .iter()
                    .map(|(r, item)| (src[r.clone()].to_string(), *item))
                    .collect();
                (f.key, p)
            })
            .collect()
    }

    #[test]
    fn prose_values_with_their_places() {
        let src = "---\nlayout: job\nrequirements: [\n  \"A full driving licence\",\n  \"Great communicator\"\n]\n\
                   qualifications: \"●\\t2-5 years experience\\r\\n●\\tProven leader\"\n\
                   summary: >-\n  We want a rockstar.\n  - Quick interview\nduties:\n  - Answer the phone\n\
                   salary:\n  min: 20000\ntags: [a, b]\n---\nBody\n";
        let got = pieces(src);
        let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "layout",
                "requirements",
                "qualifications",
                "summary",
                "duties"
            ]
        );
        assert_eq!(got[0].1, [("job".to_string(), false)]);
        assert_eq!(
            got[1].1,
            [
                ("A full driving licence".to_string(), true),
                ("Great communicator".to_string(), true)
            ]
        );
        // Escaped line breaks and tabs cut a quoted string into lines.
        let q: Vec<&str> = got[2].1.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(q, ["●", "2-5 years experience", "●", "Proven leader"]);
        assert!(got[2].1.iter().all(|(_, item)| *item));
        assert_eq!(
            got[3].1,
            [
                ("We want a rockstar.".to_string(), false),
                ("Quick interview".to_string(), true)
            ]
        );
        assert_eq!(got[4].1, [("Answer the phone".to_string(), true)]);
        // TOML: strings and arrays of strings.
        let toml =
            "+++\ntitle = \"Chef\"\nrequirements = [\"Clean-shaven\", \"Own car\"]\n+++\nBody\n";
        let got = pieces(toml);
        assert_eq!(got[1].0, "requirements");
        assert_eq!(
            got[1].1,
            [
                ("Clean-shaven".to_string(), true),
                ("Own car".to_string(), true)
            ]
        );
    }

    #[test]
    fn reads_yaml() {
        let src = "---\ntitle: \"Engineer\"\nkind: job-ad\nsalary:\n  min: 50000\n  max: 60000\ntags:\n  - a\n  - b\n---\n# Hi\n";
        let fm = split(src).unwrap();
        assert_eq!(fm.fields["kind"], "job-ad");
        assert_eq!(fm.fields["salary.min"], "50000");
        assert_eq!(fm.fields["tags"], "a, b");
        assert_eq!(&src[fm.end..], "# Hi\n");
    }

    #[test]
    fn keys_with_spaces_keep_their_children() {
        let src = "---\nsalary range:\n  kind: interview\njob title: Cook\n---\nText";
        let fm = split(src).unwrap();
        assert_eq!(fm.fields.get("kind"), None);
        assert_eq!(fm.fields["salary range.kind"], "interview");
        assert_eq!(fm.fields["job title"], "Cook");
    }

    #[test]
    fn reads_toml() {
        let src = "+++\nkind = \"interview\"\n[pay]\nrate = 20\n+++\nText";
        let fm = split(src).unwrap();
        assert_eq!(fm.fields["kind"], "interview");
        assert_eq!(fm.fields["pay.rate"], "20");
        assert_eq!(&src[fm.end..], "Text");
    }

    #[test]
    fn no_front_matter() {
        assert!(split("--- not it\n").is_none());
        assert!(split("---\nunclosed: yes\n").is_none());
        assert!(split("# Title").is_none());
    }
}

/// A value of front matter that reads as prose: its key and the source ranges of its pieces
/// (one per list item, line of a block scalar, or escaped line break in a quoted string).
#[derive(Debug, Clone, PartialEq)]
pub struct ProseField {
    /// The top-level key, lower case.
    pub key: String,
    /// The pieces, with whether each is a list item.
    pub pieces: Vec<(std::ops::Range<usize>, bool)>,
}

/// The prose values of the front matter that ends at `end` (as [`split`] found it): strings
/// of top-level keys, in YAML (`key: value`, quoted or plain, `>`/`|` block scalars, `- item`
/// lists and `[ "…", "…" ]` lists) or TOML (`key = "…"`, arrays of strings). Nested tables are
/// data, not prose, and left out.
pub fn prose(source: &str, end: usize) -> Vec<ProseField> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let Some(end) = source.get(..end).map(str::len) else {
        return Vec::new();
    };
    let toml = source[start..].starts_with("+++");
    let sep = if toml { '=' } else { ':' };
    let mut out: Vec<ProseField> = Vec::new();
    #[derive(PartialEq)]
    enum Mode {
        None,
        /// After `key:` with no value: `- item` lines.
        List,
        /// A `>` or `|` block scalar: lines indented deeper than the key.
        Block,
        /// Inside `[` … `]` over several lines.
        Flow,
    }
    let mut mode = Mode::None;
    let mut pos = start;
    // Skip the opening delimiter line.
    if let Some(nl) = source[pos..end].find('\n') {
        pos += nl + 1;
    }
    while pos < end {
        let line_end = source[pos..end].find('\n').map_or(end, |i| pos + i);
        let raw = &source[pos..line_end];
        let line = raw.trim_end();
        let content = line.trim_start();
        let indent = line.len() - content.len();
        let at = pos + indent;
        pos = line_end + 1;
        if content == "---" || content == "+++" || content == "..." {
            break;
        }
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        match mode {
            Mode::Flow => {
                quoted_items(content, at, out.last_mut());
                if content.contains(']') {
                    mode = Mode::None;
                }
                continue;
            }
            Mode::Block if indent > 0 => {
                if let Some(f) = out.last_mut() {
                    match content.strip_prefix("- ") {
                        Some(item) => f.pieces.push((at + 2..at + 2 + item.len(), true)),
                        None => f.pieces.push((at..at + content.len(), false)),
                    }
                }
                continue;
            }
            Mode::List if indent > 0 || content.starts_with("- ") => {
                if let (Some(item), Some(f)) = (content.strip_prefix("- "), out.last_mut()) {
                    let (r, _) = unquoted_range(item, at + 2);
                    f.pieces.push((r, true));
                }
                continue;
            }
            _ => mode = Mode::None,
        }
        if indent > 0 {
            continue; // a nested key: data
        }
        let Some((key, value)) = content.split_once(sep) else {
            continue;
        };
        let key = unquote(key.trim()).to_ascii_lowercase();
        let vstart = at + key_len(content, sep) + 1;
        let lead = value.len() - value.trim_start().len();
        let value = value.trim();
        let vat = vstart + lead;
        let mut field = ProseField {
            key,
            pieces: Vec::new(),
        };
        match value {
            "" => mode = Mode::List,
            ">" | ">-" | ">+" | "|" | "|-" | "|+" => mode = Mode::Block,
            v if v.starts_with('[') => {
                quoted_items(v, vat, Some(&mut field));
                if !v.contains(']') {
                    mode = Mode::Flow;
                }
            }
            v if toml && v.starts_with("\"\"\"") => {
                // A TOML multi-line string: its lines up to the closing quotes.
                let body = vat + 3;
                if let Some(close) = source[body..end].find("\"\"\"") {
                    let mut p = body;
                    for l in source[body..body + close].split_inclusive('\n') {
                        let t = l.trim();
                        if !t.is_empty() {
                            let s = p + (l.len() - l.trim_start().len());
                            field.pieces.push((s..s + t.len(), false));
                        }
                        p += l.len();
                    }
                    pos = body + close + 3;
                    if let Some(nl) = source[pos..end].find('\n') {
                        pos += nl + 1;
                    } else {
                        pos = end;
                    }
                }
            }
            v => {
                let (r, quoted) = unquoted_range(v, vat);
                if quoted == Some('"') {
                    escaped_pieces(source, r, &mut field.pieces);
                } else {
                    field.pieces.push((r, false));
                }
            }
        }
        out.push(field);
    }
    out.retain(|f| !f.pieces.is_empty());
    out
}

/// The length of the key part of `key: value` (up to the separator).
fn key_len(content: &str, sep: char) -> usize {
    content.find(sep).unwrap_or(content.len())
}

/// The range of a scalar without its quotes, and the quote character if it had one.
fn unquoted_range(v: &str, at: usize) -> (std::ops::Range<usize>, Option<char>) {
    let v = v.trim_end_matches(',').trim_end();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return (at + 1..at + v.len() - 1, Some(q));
        }
    }
    (at..at + v.len(), None)
}

/// The quoted strings of a flow list line (`[ "a", "b" ]` or `  "a",`), as list items.
fn quoted_items(line: &str, at: usize, field: Option<&mut ProseField>) {
    let Some(field) = field else { return };
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let q = b[i];
        if q == b'"' || q == b'\'' {
            let mut j = i + 1;
            while j < b.len() && !(b[j] == q && b[j - 1] != b'\\') {
                j += 1;
            }
            if j < b.len() {
                field.pieces.push((at + i + 1..at + j, true));
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

/// A double-quoted YAML string cut at its escaped line breaks and tabs (`\r\n`, `\n`, `\t`):
/// each piece is a line of the text it stands for.
fn escaped_pieces(
    source: &str,
    r: std::ops::Range<usize>,
    out: &mut Vec<(std::ops::Range<usize>, bool)>,
) {
    let s = &source[r.clone()];
    let mut piece_start = 0;
    let mut i = 0;
    let b = s.as_bytes();
    let mut cut = false;
    while i + 1 < b.len() {
        if b[i] == b'\\' && matches!(b[i + 1], b'n' | b'r' | b't') {
            if i > piece_start {
                out.push((r.start + piece_start..r.start + i, false));
            }
            cut = true;
            i += 2;
            piece_start = i;
        } else {
            i += 1;
        }
    }
    if piece_start < s.len() {
        out.push((r.start + piece_start..r.end, cut));
    }
    if cut {
        // The pieces of a string with line breaks are lines of a list.
        for p in out.iter_mut() {
            p.1 = true;
        }
    }
}
