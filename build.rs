//! Embeds the bundled rule files (rules/**/*.toml) in the binary, with each of their regular
//! expressions checked (parsed as the engine parses it) and its required words worked out, so
//! that loading them at start-up looks both up instead of parsing 1,500 expressions again.

#[path = "src/rule/lists.rs"]
mod lists;
#[path = "src/rule/literals.rs"]
mod literals;

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        if let Some(parent) = f.parent() {
            println!("cargo:rerun-if-changed={}", parent.display());
        }
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    fs::write(out_dir.join("bundled_rules.rs"), code).expect("write bundled_rules.rs");

    // Every string in a `patterns` array, at any depth. A file that does not parse is left to
    // the loader, which reports it properly.
    let mut patterns = std::collections::BTreeSet::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap_or_default();
        if let Ok(table) = text.parse::<toml::Table>() {
            // A `{name}` of the file's `[lists]` is expanded as the loader expands it.
            let mut named = std::collections::BTreeMap::new();
            for (name, words) in table
                .get("lists")
                .and_then(|l| l.as_table())
                .into_iter()
                .flatten()
            {
                let words: Vec<String> = words
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|w| w.as_str().map(|w| w.trim().to_string()))
                    .collect();
                named.insert(name.clone(), lists::alternation(&words));
            }
            let mut written = std::collections::BTreeSet::new();
            collect_patterns(&toml::Value::Table(table), false, &mut written);
            for p in written {
                match lists::expand(&p, &named, |_| {}) {
                    Ok(Some(expanded)) => patterns.insert(expanded),
                    _ => patterns.insert(p),
                };
            }
        }
    }
    let mut words = String::from("&[\n");
    for p in &patterns {
        // The same syntax the engine compiles with (case-insensitive); the loader reports a
        // failure with the rule file and position.
        let checked = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(p);
        if let Err(e) = checked {
            let reason = e.to_string();
            let reason = reason
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .trim_start_matches("error: ")
                .to_string();
            words.push_str(&format!("    ({p:?}, Err({reason:?})),\n"));
            continue;
        }
        match literals::required_words(p) {
            Some(groups) => {
                let groups: Vec<String> = groups.iter().map(|g| format!("&{g:?}")).collect();
                words.push_str(&format!(
                    "    ({p:?}, Ok(Some(&[{}]))),\n",
                    groups.join(", ")
                ));
            }
            None => words.push_str(&format!("    ({p:?}, Ok(None)),\n")),
        }
    }
    words.push_str("]\n");
    fs::write(out_dir.join("bundled_words.rs"), words).expect("write bundled_words.rs");
}

fn collect_patterns(
    value: &toml::Value,
    in_patterns: bool,
    out: &mut std::collections::BTreeSet<String>,
) {
    match value {
        toml::Value::String(s) if in_patterns => {
            out.insert(s.clone());
        }
        toml::Value::Array(items) => {
            for item in items {
                collect_patterns(item, in_patterns, out);
            }
        }
        toml::Value::Table(table) => {
            for (key, item) in table {
                if key == "near" {
                    // Each side of a `near` pair is compiled as one expression.
                    for pair in item.as_array().into_iter().flatten() {
                        for side in ["first", "second"] {
                            let list: Vec<&str> = pair
                                .get(side)
                                .and_then(|v| v.as_array())
                                .into_iter()
                                .flatten()
                                .filter_map(|v| v.as_str())
                                .collect();
                            out.insert(literals::alternatives(&list));
                        }
                    }
                } else {
                    collect_patterns(item, key == "patterns" || key == "skip-if", out);
                }
            }
        }
        _ => {}
    }
}
