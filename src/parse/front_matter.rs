//! Front matter: YAML between `---` lines or TOML between `+++` lines at the top of a file.
//!
//! Fields are kept flattened as text (`salary.min = "50000"`), so `required` rules can accept
//! information given only there (a salary in front matter counts). The front matter itself is
//! never prose.

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
