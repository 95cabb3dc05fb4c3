//! The HTML scanner keeps source offsets that html5ever does not; these tests check that the
//! prose it extracts is the text scraper (html5ever) sees, on real-looking pages.

use hirelint::document::Format;
use hirelint::document::sections::SectionTable;
use hirelint::parse::parse;
use scraper::{Html, Selector};

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn scraper_text(html: &str, root: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(root).unwrap();
    let mut out = Vec::new();
    for el in doc.select(&sel) {
        for t in el.text() {
            out.extend(words(t));
        }
    }
    out
}

fn our_text(html: &str) -> Vec<String> {
    let table = SectionTable::default();
    let doc = parse("t.html", html.to_string(), Format::Html, None, &table);
    doc.blocks.iter().flat_map(|b| words(&b.text)).collect()
}

#[test]
fn same_words_as_scraper_with_entities_and_inline_markup() {
    let page = r#"<!doctype html><html lang="en"><body><main>
<h1>Support &amp; Success Engineer</h1>
<p>We&rsquo;re looking for someone who likes <a href="/x?a=1&amp;b=2">helping</a> people &mdash; by email, chat &amp; phone.</p>
<ul><li>Answer <em>about 30</em> tickets a day</li><li>Write help articles&hellip;</li></ul>
<table><tr><th>Salary</th><td>&pound;30,000&nbsp;&ndash;&nbsp;&pound;35,000</td></tr></table>
</main></body></html>"#;
    assert_eq!(our_text(page), scraper_text(page, "main"));
}

#[test]
fn fragment_text_matches_scraper() {
    let frag = "<div class=\"job\"><h2>Duties</h2><p>Answer phones &amp; emails.<br>Greet visitors.</p>\
<ol><li>Keep the diary</li><li>Order supplies</li></ol></div>";
    let doc = Html::parse_fragment(frag);
    let theirs: Vec<String> = doc.root_element().text().flat_map(words).collect();
    assert_eq!(our_text(frag), theirs);
}

#[test]
fn the_page_title_is_not_prose_but_names_the_page() {
    // The <title> stays out of the prose, and is the document's title, as front matter's
    // `title` is; a front matter title would win.
    let page = "<!doctype html><html><head><title>Jobs:\n  Venture Community Association</title>\
                </head><body><p>To arrange a chat, contact the VCA Director.</p></body></html>";
    let table = SectionTable::default();
    let doc = parse("t.html", page.to_string(), Format::Html, None, &table);
    assert_eq!(
        doc.front_matter.get("title").map(String::as_str),
        Some("Jobs: Venture Community Association")
    );
    assert!(!our_text(page).contains(&"Venture".to_string()));
    // So the abbreviation the title spells out is not an unexplained code.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jobs.html");
    std::fs::write(&file, page).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hirelint"))
        .args([
            "check",
            "--no-config",
            "--select",
            "readability/acronyms",
            "--format",
            "json",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 0, "{json}");
}
