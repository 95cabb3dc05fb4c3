//! The module structure stays a layered one: no two modules of `src/` import each other,
//! directly or through others (a cycle makes every change touch both sides). A module is a
//! file (`src/engine/compile.rs` is `engine::compile`); a module uses another when its code
//! names it (`crate::…`, `super::…`, a `use` of a child, or a child's items by path). Test
//! modules and comments do not count, nor does declaring a child (`mod x;`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code that counts: without test modules, comment lines and `pub(…)` visibility.
fn code_of(text: &str) -> String {
    let tests = Regex::new(r"#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod \w+\s*\{").unwrap();
    let text = match tests.find(text) {
        Some(m) => &text[..m.start()],
        None => text,
    };
    let code: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    let visibility = Regex::new(r"pub\((?:in )?(?:super|crate|self)\)").unwrap();
    visibility.replace_all(&code.join("\n"), "pub").into_owned()
}

/// The module graph of `src/`: module to the modules it uses.
fn graph(src: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<Module, PathBuf> = files
        .into_iter()
        .map(|f| (module_of(src, &f), f))
        .filter(|(m, _)| m != &["lib"] && m != &["main"])
        .collect();
    // The longest prefix of `path` that is a module.
    let resolve = |path: &[String]| -> Option<Module> {
        (1..=path.len())
            .rev()
            .map(|k| path[..k].to_vec())
            .find(|m| modules.contains_key(m))
    };
    let paths = Regex::new(r"\b(crate|super|self)((?:::\w+)*)(?:::\{([^}]*)\})?").unwrap();
    let child_use = Regex::new(r"(?m)^\s*(?:pub\s+)?use\s+(\w+)::").unwrap();
    let child_mod = Regex::new(r"(?m)^\s*(?:pub\s+)?mod\s+(\w+)\s*;").unwrap();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, file) in &modules {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let mut add = |target: Option<Module>| {
            if let Some(t) = target.filter(|t| t != module) {
                edges.entry(module.clone()).or_default().insert(t);
            }
        };
        for c in paths.captures_iter(&code) {
            let mut base: Module = match &c[1] {
                "crate" => Vec::new(),
                "super" => module[..module.len().saturating_sub(1)].to_vec(),
                _ => module.clone(),
            };
            let mut rest: Vec<String> = c[2]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest.remove(0);
            }
            base.extend(rest);
            add(resolve(&base));
            for item in c.get(3).map_or("", |g| g.as_str()).split(',') {
                let first = item.trim().split("::").next().unwrap_or("").trim();
                if !first.is_empty() && first != "self" {
                    let mut p = base.clone();
                    p.push(first.to_string());
                    add(resolve(&p));
                }
            }
        }
        for c in child_use.captures_iter(&code) {
            if !["crate", "super", "self", "std", "core", "alloc"].contains(&&c[1]) {
                let mut p = module.clone();
                p.push(c[1].to_string());
                add(resolve(&p));
            }
        }
        for c in child_mod.captures_iter(&code) {
            let child = &c[1];
            let named = Regex::new(&format!(r"(?:^|[^\w:]){child}::"))
                .unwrap()
                .is_match(&code);
            let mut p = module.clone();
            p.push(child.to_string());
            if named && modules.contains_key(&p) {
                add(Some(p));
            }
        }
    }
    edges
}

/// The groups of modules that reach each other (Tarjan's strongly connected components).
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Module) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        for w in s.edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                group.push(w.clone());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                s.found.push(group);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn no_two_modules_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    // The scan sees the graph: the engine uses the rule kinds' code, which does not use it.
    let m = |s: &str| -> Module { s.split("::").map(str::to_string).collect() };
    assert!(edges[&m("engine")].contains(&m("check")));
    assert!(edges[&m("check")].contains(&m("check::context")));
    let found = cycles(&edges);
    let described: Vec<String> = found
        .iter()
        .map(|group| {
            let names: Vec<String> = group.iter().map(|m| m.join("::")).collect();
            names.join(" <-> ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "modules that import each other: {described:#?}"
    );
}

#[test]
fn the_scan_finds_a_cycle_where_there_is_one() {
    let dir = std::env::temp_dir().join(format!("hirelint-arch-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/mod.rs"), "mod b;\npub use b::Thing;\n").unwrap();
    std::fs::write(dir.join("a/b.rs"), "use super::Other;\npub struct Thing;\n").unwrap();
    std::fs::write(dir.join("c.rs"), "use crate::d::X;\n").unwrap();
    std::fs::write(
        dir.join("d.rs"),
        "// use crate::c; is a comment\npub struct X;\n#[cfg(test)]\nmod tests { use crate::c; }\n",
    )
    .unwrap();
    let found = cycles(&graph(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
    let a = |s: &str| -> Module { s.split("::").map(str::to_string).collect() };
    // a and a::b use each other; c uses d, and d only names c in a comment and a test.
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains(&a("a")) && found[0].contains(&a("a::b")));
}
