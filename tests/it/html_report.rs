//! The HTML report (`--format html`) end to end, without a browser: the real binary writes one
//! self-contained page; these tests parse it and check that it holds every finding, highlights
//! every finding with a place, escapes the documents' text, links only inside the page, and
//! has the structure the browser test (tests/browser/) relies on.

use crate::common::*;

use std::collections::HashSet;
use std::path::Path;
use std::process::Output;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// The page written to stdout.
fn page(out: &Output) -> String {
    let s = String::from_utf8(out.stdout.clone()).expect("UTF-8 output");
    assert!(
        s.starts_with("<!DOCTYPE html>"),
        "not an HTML page: {s:.200}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    s
}

/// The findings of the same run, as JSON.
fn findings(args: &[&str], test_rules: bool) -> Vec<Value> {
    let mut c = bin();
    c.arg("check");
    if test_rules {
        c.args(["--no-bundled", "--rules", "tests/data/rules"]);
    }
    let out = c
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["findings"].as_array().expect("findings").clone()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an element, leaving out the links to notes inside it.
fn text_without_refs(e: ElementRef) -> String {
    let mut out = String::new();
    for node in e.descendants() {
        if let Some(t) = node.value().as_text() {
            let in_ref = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|el| {
                    el.name() == "a" && el.has_class("ref", scraper::CaseSensitivity::CaseSensitive)
                })
            });
            if !in_ref {
                out.push_str(t);
            }
        }
    }
    out
}

/// Checks that hold for every report: one page, offline, unique ids, links that resolve,
/// landmarks, headings and table headers.
fn check_page(html: &str) -> Html {
    assert_eq!(html.matches("<html").count(), 1, "one page");
    assert_eq!(html.matches("</html>").count(), 1, "one page");
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    assert_eq!(root.value().attr("lang"), Some("en"));
    let title: String = doc
        .select(&sel("head > title"))
        .flat_map(|t| t.text())
        .collect();
    assert!(title.starts_with("hirelint report"), "title: {title}");
    assert_eq!(doc.select(&sel("main")).count(), 1, "one main landmark");
    assert_eq!(doc.select(&sel("h1")).count(), 1, "one h1");
    // Self-contained: no scripts, no stylesheets or images from elsewhere, no web addresses.
    assert_eq!(doc.select(&sel("script, link, img, iframe")).count(), 0);
    for e in doc.select(&sel("[src], [href]")) {
        for a in ["src", "href"] {
            if let Some(v) = e.value().attr(a) {
                assert!(
                    v.starts_with('#') && !v.contains("http") && !v.contains(':'),
                    "{a}={v:?} points outside the page"
                );
            }
        }
    }
    for style in doc.select(&sel("style")) {
        let css: String = style.text().collect();
        assert!(!css.contains("url(") && !css.contains("@import") && !css.contains("http"));
    }
    // Unique ids, and every link lands on one.
    let mut ids = HashSet::new();
    for e in doc.select(&sel("[id]")) {
        let id = e.value().attr("id").unwrap();
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
    }
    for e in doc.select(&sel("a[href]")) {
        let target = &e.value().attr("href").unwrap()[1..];
        assert!(ids.contains(target), "link to missing #{target}");
        assert!(!text_without_refs(e).trim().is_empty() || e.text().any(|t| !t.trim().is_empty()));
    }
    for th in doc.select(&sel("th")) {
        assert!(th.value().attr("scope").is_some(), "th without scope");
    }
    // Heading levels never skip one.
    let mut last = 1;
    for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
        let level: usize = h.value().name()[1..].parse().unwrap();
        assert!(level <= last + 1, "heading h{level} after h{last}");
        last = level;
    }
    // Highlights never nest or cross.
    assert_eq!(doc.select(&sel("mark mark")).count(), 0);
    assert_eq!(
        html.matches("<mark").count(),
        html.matches("</mark>").count()
    );
    doc
}

/// Letters and digits only, lower case, with HTML entities decoded: the matched words of a
/// finding (source text) compared with the rendered words of its highlight.
fn letters(s: &str) -> String {
    let decoded: String = Html::parse_fragment(s).root_element().text().collect();
    decoded
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every finding's message is on the page, and every finding with a place is highlighted:
/// the marks that name it hold the matched words, and a link after them leads to its note.
fn check_findings(doc: &Html, findings: &[Value]) {
    let page_text = one_line(&doc.root_element().text().collect::<String>());
    let marks: Vec<(String, String)> = doc
        .select(&sel(".text mark[title]"))
        .map(|m| {
            (
                m.value().attr("title").unwrap().to_string(),
                m.text().collect(),
            )
        })
        .collect();
    let mut highlighted = 0;
    for f in findings {
        let message = one_line(f["message"].as_str().unwrap());
        assert!(page_text.contains(&message), "message missing: {message}");
        let why = one_line(f["why"].as_str().unwrap());
        assert!(page_text.contains(&why), "why missing: {why}");
        if f["byte_start"] == f["byte_end"] {
            continue;
        }
        highlighted += 1;
        let words: String = marks
            .iter()
            .filter(|(t, _)| t.contains(&message))
            .map(|(_, text)| text.as_str())
            .collect();
        let matched = f["matched"].as_str().unwrap();
        assert!(
            letters(&words).contains(&letters(matched)),
            "{matched:?} is not highlighted (marks for {message:?}: {words:?})"
        );
    }
    let refs = doc.select(&sel("a.ref:not(.missing)")).count();
    assert_eq!(refs, highlighted, "one link to a note per highlight");
}

#[test]
fn folder_report_has_overview_findings_and_highlights() {
    let out = run_test_rules(&["--format", "html", "tests/data/docs"]);
    assert_eq!(out.status.code(), Some(1), "findings at warning level");
    let html = page(&out);
    let doc = check_page(&html);
    let fs = findings(&["tests/data/docs"], true);
    assert!(fs.len() >= 5);
    check_findings(&doc, &fs);

    // The overview: a nav with a table of every document, linking to each section.
    let nav = doc.select(&sel("nav")).next().expect("overview nav");
    let rows = nav.select(&sel("tbody tr")).count();
    assert_eq!(rows, 4, "one row per document");
    let links: Vec<_> = nav
        .select(&sel("a[href^='#doc-']"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links.len(), 4);
    for l in &links {
        let section = doc
            .select(&sel(&format!("section{l}")))
            .next()
            .expect("section for each document");
        assert_eq!(section.select(&sel("h2")).count(), 1);
    }
    for p in [
        "bom-crlf.md",
        "entities.html",
        "fragment.html",
        "interview.md",
    ] {
        assert!(html.contains(&format!("tests/data/docs/{p}")));
    }

    // Severity as words, not only colour; document-level findings listed as missing information.
    let text: String = doc.root_element().text().collect();
    assert!(text.contains("Warning") && text.contains("Error"));
    assert!(text.contains("Missing information"));
    assert!(text.contains("Why it matters") && text.contains("What to write instead"));
    // The summary counts the families.
    assert!(text.contains("Vague buzzwords") && text.contains("(buzzword)"));
}

#[test]
fn html_page_is_shown_as_a_reader_sees_it() {
    // entities.html holds a <script> element, hidden parts and entities: the text shown is
    // what a reader of the page sees, decoded; the source appears only escaped, in the
    // rewrite, and never runs.
    let out = run_test_rules(&["--format", "html", "tests/data/docs/entities.html"]);
    let html = page(&out);
    let doc = check_page(&html);
    let shown: String = doc
        .select(&sel(".text"))
        .flat_map(|t| t.text())
        .collect::<String>();
    let shown = one_line(&shown);
    assert!(shown.contains("What you\u{2019}ll do"), "{shown}");
    assert!(shown.contains("Build R&D tools with the café"), "{shown}");
    for never in [
        "var rockstar",
        "Hidden rockstar",
        "<h2>",
        "&#8217;",
        "Footer rockstar",
    ] {
        assert!(!shown.contains(never), "{never:?} shown: {shown}");
    }
    // The headings of the page are headings in the view, not source lines.
    let heads: Vec<String> = doc
        .select(&sel(".text .dh"))
        .map(|h| one_line(&h.text().collect::<String>()))
        .collect();
    assert!(heads.iter().any(|h| h == "Requirements"), "{heads:?}");
    // The source is in the rewrite, escaped.
    assert!(html.contains("&lt;script&gt;var rockstar"));
    // A single document: no overview.
    assert_eq!(doc.select(&sel("nav")).count(), 0);
    check_findings(&doc, &findings(&["tests/data/docs/entities.html"], true));
}

#[test]
fn markdown_is_rendered_with_template_tags_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let source = "---\nkind: job-ad\ntitle: Rockstar developer\n---\n# Rockstar <script>alert(\"x\")</script> & friends\n\n\
                  {% include banner.html %}\n\n\
                  ## Requirements\n\n\
                  - You are a rockstar and a team player & a self-starter who will happily work \
                  long hours in a fast-paced environment with many different people and many \
                  tasks and much more every day.\n\
                  - A native English speaker with a full driving licence and 8+ years in R&D.\n\n\
                  <b>Bold &amp; brave</b> teamwork, café ✓ {{ page.team }}.\n";
    let path = dir.path().join("tricky.md");
    std::fs::write(&path, source).unwrap();
    let p = path.to_str().unwrap();
    let out = run_test_rules(&["--format", "html", p]);
    let html = page(&out);
    let doc = check_page(&html);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<b>Bold"));
    let fs = findings(&[p], true);
    // The long sentence (info) overlaps three buzzwords (warnings).
    assert!(fs.iter().any(|f| f["rule"] == "readability/t-sentence"));
    check_findings(&doc, &fs);
    assert!(
        doc.select(&sel(".text mark.multi")).count() >= 3,
        "overlaps shown"
    );
    // Rendered: no Markdown marks, no front matter, no template tags; a list is a list.
    let paras: Vec<String> = doc
        .select(&sel(".text .para, .text .dh"))
        .map(text_without_refs)
        .map(|t| one_line(&t))
        .collect();
    assert!(
        paras.iter().any(|p| p == "Bold & brave teamwork, café ✓ ."),
        "{paras:?}"
    );
    for p in &paras {
        for markup in ["**", "<b>", "{%", "{{", "kind: job-ad", "- You"] {
            assert!(!p.contains(markup), "{markup:?} in {p:?}");
        }
    }
    assert_eq!(doc.select(&sel(".text ul.dlist > li")).count(), 2);
    assert!(paras.iter().any(|p| p == "Requirements"));
}

#[test]
fn each_document_has_a_summary_and_a_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let source = "# Office manager\n\nOur chairman is looking for a rockstar to plan our \
                  manpower.\n\nWe meet every Monday.\n";
    let path = dir.path().join("ad.md");
    std::fs::write(&path, source).unwrap();
    let p = path.to_str().unwrap();
    let out = bin()
        .args([
            "check",
            "--no-config",
            "--kind",
            "job-ad",
            "--format",
            "html",
            p,
        ])
        .output()
        .unwrap();
    let html = page(&out);
    let doc = check_page(&html);
    let fs = findings(&["--no-config", "--kind", "job-ad", p], false);
    check_findings(&doc, &fs);
    let rules: Vec<&str> = fs.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"exclusionary/chairman"), "{rules:?}");
    assert!(rules.contains(&"buzzword/hype-titles"), "{rules:?}");

    // The summary: findings by kind, and at most three to change first, linking to notes.
    let fams: Vec<String> = doc
        .select(&sel("ul.byfam li"))
        .map(|l| l.text().collect())
        .collect();
    let total: usize = fams
        .iter()
        .map(|f| f.rsplit(": ").next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(total, fs.len(), "{fams:?}");
    let first: Vec<_> = doc.select(&sel("ol.first li a")).collect();
    assert!(!first.is_empty() && first.len() <= 3);
    // Most serious first: no later item is more serious than an earlier one.
    let sevs: Vec<u8> = doc
        .select(&sel("ol.first li"))
        .map(|l| {
            let t: String = l.text().collect();
            if t.ends_with("(error)") {
                0
            } else if t.ends_with("(warning)") {
                1
            } else {
                2
            }
        })
        .collect();
    assert!(sevs.windows(2).all(|w| w[0] <= w[1]), "{sevs:?}");

    // Before and after: the safe fixes made, the other findings with a suggestion.
    let rows: Vec<_> = doc.select(&sel("table.rewrite tbody tr")).collect();
    assert_eq!(rows.len(), 1, "one paragraph has findings");
    let after = rows[0].select(&sel("td")).nth(1).unwrap();
    let del: Vec<String> = after
        .select(&sel("del"))
        .map(|d| d.text().collect())
        .collect();
    let ins: Vec<String> = after
        .select(&sel("ins"))
        .map(|d| d.text().collect())
        .collect();
    assert_eq!(del, ["chairman", "manpower"]);
    assert_eq!(ins, ["chair", "workforce"]);
    assert!(
        after
            .select(&sel("mark"))
            .any(|m| m.text().collect::<String>() == "rockstar")
    );
    assert!(after.select(&sel(".sugg a[href]")).count() >= 1);
    // The whole document, rewritten, ready to copy.
    let whole: String = doc
        .select(&sel("pre.rewritten"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(
        whole,
        source
            .replace("chairman", "chair")
            .replace("manpower", "workforce")
    );
}

#[test]
fn bundled_rules_on_one_document() {
    let doc_path = "tests/data/docs/interview.md";
    let out = bin()
        .args(["check", "--format", "html", doc_path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let html = page(&out);
    let doc = check_page(&html);
    let fs = findings(&[doc_path], false);
    assert!(!fs.is_empty());
    check_findings(&doc, &fs);
    // An error (a health question) is labelled in words.
    assert!(fs.iter().any(|f| f["severity"] == "error"));
    let badges: Vec<String> = doc
        .select(&sel(".note .badge"))
        .map(|b| b.text().collect())
        .collect();
    assert!(badges.iter().any(|b| b == "Error"), "{badges:?}");
    // Each note has the three parts the reader needs.
    for note in doc.select(&sel(".note")) {
        let t: String = note.text().collect();
        assert!(t.contains("Why it matters"), "{t}");
        assert!(note.select(&sel("h4")).count() == 1);
    }
}

#[test]
fn a_document_without_findings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fine.txt");
    std::fs::write(&path, "We bake bread.\n").unwrap();
    let out = run_test_rules(&[
        "--format",
        "html",
        "--kind",
        "other",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let html = page(&out);
    let doc = check_page(&html);
    assert_eq!(doc.select(&sel("mark:not(.legend mark)")).count(), 0);
    assert!(html.contains("No findings"));
    assert!(Path::new(&path).exists());
}
