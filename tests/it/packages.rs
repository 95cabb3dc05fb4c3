//! Word (.docx) and OpenDocument (.odt) input, on files written here: the same findings (rule,
//! line, column) as the same text in Markdown, with tracked changes, a comment, a table, a
//! heading, a list and a footnote; damaged, encrypted and oversized files are clear errors.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use zip::write::SimpleFileOptions;

/// What a paragraph is, in the test document.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Heading(u8),
    Para,
    Item,
    /// A table row; cells are separated by `|` in the text.
    Row,
    Footnote,
}

/// The test job ad. `{ins:…}` is a tracked insertion, `{del:…}` a tracked deletion and
/// `{comment:…}` a comment; none of them is in the Markdown but the insertion.
const AD: &[(Kind, &str)] = &[
    (Kind::Heading(1), "Office administrator"),
    (
        Kind::Para,
        "We want a {ins:self-starter }who can {del:ninja }hit the ground running.{comment:rockstar ninja guru}",
    ),
    (Kind::Heading(2), "Requirements"),
    (Kind::Item, "You are a rockstar with spreadsheets."),
    (Kind::Item, "Full clean driving licence essential."),
    (Kind::Heading(2), "Duties"),
    (Kind::Row, "Task|How often"),
    (Kind::Row, "Answer the phone like a ninja|Daily"),
    (Kind::Para, "We are a young and dynamic team.[^1]"),
    (Kind::Footnote, "Our office is a rockstar place to work."),
];

fn md_text(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let j = rest[i..].find('}').unwrap() + i;
        if let Some(t) = rest[i + 1..j].strip_prefix("ins:") {
            out.push_str(t);
        }
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

/// The Markdown, and for each of its lines that holds paragraphs: (Markdown line, the
/// extracted-text line, the Markdown column where that paragraph's text starts).
fn markdown() -> (String, Vec<(usize, usize, usize)>) {
    let mut md = String::new();
    let mut map = Vec::new();
    let mut line = 1;
    let mut para = 0;
    let mut prev = None;
    for (kind, text) in AD {
        let text = md_text(text);
        if prev.is_some() && !(prev == Some(Kind::Row) && *kind == Kind::Row) {
            md.push('\n');
            line += 1;
        }
        match kind {
            Kind::Row => {
                md.push('|');
                for cell in text.split('|') {
                    para += 1;
                    map.push((
                        line,
                        para,
                        md.chars().count() - md.rfind('\n').map_or(0, |i| md[..=i].chars().count())
                            + 2,
                    ));
                    md.push_str(&format!(" {cell} |"));
                }
                md.push('\n');
                line += 1;
                if prev != Some(Kind::Row) {
                    md.push_str("|---|---|\n");
                    line += 1;
                }
            }
            _ => {
                para += 1;
                let prefix = match kind {
                    Kind::Heading(l) => format!("{} ", "#".repeat(*l as usize)),
                    Kind::Item => "- ".into(),
                    Kind::Footnote => "[^1]: ".into(),
                    _ => String::new(),
                };
                map.push((line, para, prefix.chars().count() + 1));
                md.push_str(&prefix);
                md.push_str(&text);
                md.push('\n');
                line += 1;
            }
        }
        prev = Some(*kind);
    }
    (md, map)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Word runs for a test paragraph, with its tracked changes and comment.
fn docx_runs(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s.replace("[^1]", "\u{1}");
    let run = |t: &str| {
        t.split('\u{1}')
            .map(|p| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(p)))
            .collect::<Vec<_>>()
            .join("<w:r><w:footnoteReference w:id=\"1\"/></w:r>")
    };
    while let Some(i) = rest.find('{') {
        out.push_str(&run(&rest[..i]));
        let j = rest[i..].find('}').unwrap() + i;
        let inner = &rest[i + 1..j];
        if let Some(t) = inner.strip_prefix("ins:") {
            out.push_str(&format!("<w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:ins>", esc(t)));
        } else if let Some(t) = inner.strip_prefix("del:") {
            out.push_str(&format!("<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>", esc(t)));
        } else {
            out.push_str("<w:commentRangeStart w:id=\"0\"/><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>");
        }
        rest = rest[j + 1..].to_string();
    }
    out.push_str(&run(&rest));
    out
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn docx() -> Vec<u8> {
    let mut body = String::new();
    let mut rows = Vec::new();
    let flush_rows = |rows: &mut Vec<&str>, body: &mut String| {
        if rows.is_empty() {
            return;
        }
        body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
        for r in rows.drain(..) {
            body.push_str("<w:tr>");
            for c in r.split('|') {
                body.push_str(&format!("<w:tc><w:p>{}</w:p></w:tc>", docx_runs(c)));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    };
    let mut footnote = String::new();
    for (kind, text) in AD {
        if *kind != Kind::Row {
            flush_rows(&mut rows, &mut body);
        }
        match kind {
            Kind::Row => rows.push(text),
            Kind::Heading(l) => body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading{l}\"/></w:pPr>{}</w:p>",
                docx_runs(text)
            )),
            Kind::Item => body.push_str(&format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
                docx_runs(text)
            )),
            Kind::Para => body.push_str(&format!("<w:p>{}</w:p>", docx_runs(text))),
            Kind::Footnote => footnote = docx_runs(text),
        }
    }
    flush_rows(&mut rows, &mut body);
    // A paragraph deleted as a whole, mark and all, is not a line.
    body.push_str("<w:p><w:pPr><w:rPr><w:del w:id=\"9\" w:author=\"A\"/></w:rPr></w:pPr><w:del w:id=\"8\" w:author=\"A\"><w:r><w:delText>You must be a digital native.</w:delText></w:r></w:del></w:p>");
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles {W}>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Heading1\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>\
         </w:styles>"
    );
    let footnotes = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes {W}>\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"1\"><w:p>{footnote}</w:p></w:footnote></w:footnotes>"
    );
    let comments = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:comments {W}><w:comment w:id=\"0\" w:author=\"A\"><w:p><w:r><w:t>rockstar ninja guru</w:t></w:r></w:p></w:comment></w:comments>"
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        ),
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("word/footnotes.xml", &footnotes),
        ("word/comments.xml", &comments),
    ])
}

/// ODF spans for a test paragraph, with its tracked changes and comment. Deleted text lives in
/// `text:tracked-changes`, returned in `changes`.
fn odt_text(s: &str, changes: &mut String, footnote: &str) -> String {
    let mut out = String::new();
    let mut rest = s.to_string();
    let note = format!(
        "<text:note text:id=\"n1\" text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body><text:p>{}</text:p></text:note-body></text:note>",
        esc(footnote)
    );
    while let Some(i) = rest.find('{') {
        out.push_str(&esc(&rest[..i]));
        let j = rest[i..].find('}').unwrap() + i;
        let inner = rest[i + 1..j].to_string();
        if let Some(t) = inner.strip_prefix("ins:") {
            changes.push_str("<text:changed-region text:id=\"c1\"><text:insertion><office:change-info><dc:creator>A</dc:creator></office:change-info></text:insertion></text:changed-region>");
            out.push_str(&format!("<text:change-start text:change-id=\"c1\"/>{}<text:change-end text:change-id=\"c1\"/>", esc(t)));
        } else if let Some(t) = inner.strip_prefix("del:") {
            changes.push_str(&format!("<text:changed-region text:id=\"c2\"><text:deletion><office:change-info><dc:creator>A</dc:creator></office:change-info><text:p>{}</text:p></text:deletion></text:changed-region>", esc(t)));
            out.push_str("<text:change text:change-id=\"c2\"/>");
        } else {
            out.push_str(&format!("<office:annotation><dc:creator>A</dc:creator><text:p>{}</text:p></office:annotation>", esc(&inner[8..])));
        }
        rest = rest[j + 1..].to_string();
    }
    out.push_str(&esc(&rest));
    out.replace("[^1]", &note)
}

fn odt() -> Vec<u8> {
    let footnote = AD.iter().find(|(k, _)| *k == Kind::Footnote).unwrap().1;
    let mut changes = String::new();
    let mut body = String::new();
    let mut i = 0;
    while i < AD.len() {
        let (kind, text) = AD[i];
        match kind {
            Kind::Heading(l) => body.push_str(&format!(
                "<text:h text:outline-level=\"{l}\">{}</text:h>",
                odt_text(text, &mut changes, footnote)
            )),
            Kind::Para => body.push_str(&format!(
                "<text:p>{}</text:p>",
                odt_text(text, &mut changes, footnote)
            )),
            Kind::Item => {
                body.push_str("<text:list>");
                while i < AD.len() && AD[i].0 == Kind::Item {
                    body.push_str(&format!(
                        "<text:list-item><text:p>{}</text:p></text:list-item>",
                        odt_text(AD[i].1, &mut changes, footnote)
                    ));
                    i += 1;
                }
                body.push_str("</text:list>");
                continue;
            }
            Kind::Row => {
                body.push_str("<table:table table:name=\"T\"><table:table-column table:number-columns-repeated=\"2\"/>");
                while i < AD.len() && AD[i].0 == Kind::Row {
                    body.push_str("<table:table-row>");
                    for c in AD[i].1.split('|') {
                        body.push_str(&format!(
                            "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                            odt_text(c, &mut changes, footnote)
                        ));
                    }
                    body.push_str("</table:table-row>");
                    i += 1;
                }
                body.push_str("</table:table>");
                continue;
            }
            Kind::Footnote => {}
        }
        i += 1;
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">\
         <office:body><office:text><text:tracked-changes>{changes}</text:tracked-changes>{body}</office:text></office:body></office:document-content>"
    );
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        (
            "META-INF/manifest.xml",
            "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>",
        ),
        ("content.xml", &content),
    ])
}

fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in entries {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A package whose one entry claims a compression method hirelint does not read (bzip2).
fn odd_entry() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("word/document.xml", stored).unwrap();
    w.write_all(format!("<w:document {W}/>").as_bytes())
        .unwrap();
    let mut bytes = w.finish().unwrap().into_inner();
    for (sig, at) in [(b"PK\x03\x04", 8), (b"PK\x01\x02", 10)] {
        let i = bytes.windows(4).position(|x| x == sig).unwrap();
        bytes[i + at] = 12;
    }
    bytes
}

fn hirelint(args: &[&str], dir: &Path) -> Output {
    crate::common::bin_in(dir).args(args).output().unwrap()
}

fn findings(out: &Output) -> Vec<Value> {
    crate::common::json_of(out)["findings"]
        .as_array()
        .unwrap()
        .clone()
}

/// (rule, line, column) of each finding.
fn places(fs: &[Value]) -> Vec<(String, u64, u64)> {
    let mut v: Vec<_> = fs
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn same_findings_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let (md, map) = markdown();
    std::fs::write(dir.path().join("ad.md"), &md).unwrap();
    std::fs::write(dir.path().join("ad.docx"), docx()).unwrap();
    std::fs::write(dir.path().join("ad.odt"), odt()).unwrap();
    let md_out = hirelint(&["check", "--format", "json", "ad.md"], dir.path());
    let md_findings = findings(&md_out);
    // The Markdown's places, moved to the extracted text: its line, and the column less the
    // Markdown markup before the paragraph's text.
    let expected: Vec<(String, u64, u64)> = {
        let mut v: Vec<_> = places(&md_findings)
            .into_iter()
            .map(|(rule, line, col)| {
                let &(_, para, start) = map
                    .iter()
                    .rfind(|(l, _, s)| *l as u64 == line && *s as u64 <= col.max(1))
                    .or_else(|| map.iter().find(|(l, _, _)| *l as u64 == line))
                    .unwrap_or_else(|| panic!("no paragraph at Markdown line {line}\n{md}"));
                (
                    rule,
                    para as u64,
                    (col + 1).saturating_sub(start as u64).max(1),
                )
            })
            .collect();
        v.sort();
        v
    };
    let rules: Vec<&str> = expected.iter().map(|e| e.0.as_str()).collect();
    for r in [
        "buzzword/hype-titles",
        "scope/driving-licence",
        "buzzword/persona-cliches",
    ] {
        assert!(
            rules.contains(&r),
            "the test ad should find {r}: {expected:?}"
        );
    }
    for name in ["ad.docx", "ad.odt"] {
        let out = hirelint(&["check", "--format", "json", name], dir.path());
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let fs = findings(&out);
        assert_eq!(places(&fs), expected, "{name}\n{md}");
        // Not prose: the deleted text and the comment.
        assert!(
            !fs.iter()
                .any(|f| f["matched"] == "guru" || f["matched"] == "digital native")
        );
        let ninjas = fs
            .iter()
            .filter(|f| {
                f["matched"]
                    .as_str()
                    .is_some_and(|m| m.eq_ignore_ascii_case("ninja"))
            })
            .count();
        assert_eq!(ninjas, 1, "only the ninja in the table: {fs:?}");
        for f in &fs {
            let (line, col) = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
            assert_eq!(f["paragraph"].as_u64(), Some(line), "{f}");
            assert_eq!(f["offset"].as_u64(), Some(col - 1), "{f}");
        }
    }
    assert!(md_findings.iter().all(|f| f.get("paragraph").is_none()));
    // The human output quotes the paragraph and names it.
    let out = hirelint(&["check", "ad.docx"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ad.docx:5:1"), "{text}");
    assert!(
        text.contains("Full clean driving licence essential."),
        "{text}"
    );
    assert!(text.contains("in paragraph 5, at character 0"), "{text}");
    // Every format works.
    for format in ["sarif", "github", "junit", "checkstyle", "html", "jsonl"] {
        let out = hirelint(&["check", "--format", format, "ad.odt"], dir.path());
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
    // Folders and --include pick them up.
    let out = hirelint(
        &["check", "--format", "json", "--include", "*.odt", "."],
        dir.path(),
    );
    let paths: Vec<_> = findings(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !paths.is_empty() && paths.iter().all(|p| p.ends_with("ad.odt")),
        "{paths:?}"
    );
    let out = hirelint(&["check", "--format", "json", "."], dir.path());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("ad.docx") && s.contains("ad.odt") && s.contains("ad.md"));
}

#[test]
fn fix_and_diff_do_not_write_packages() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = {
        let doc = format!(
            "<?xml version=\"1.0\"?><w:document {W}><w:body><w:p><w:r><w:t>Ask the chairman about the manpower plan.</w:t></w:r></w:p></w:body></w:document>"
        );
        zip_of(&[("word/document.xml", &doc)])
    };
    let path = dir.path().join("memo.docx");
    std::fs::write(&path, &bytes).unwrap();
    for flag in ["--fix", "--diff"] {
        let out = hirelint(&["check", flag, "--select", "all", "memo.docx"], dir.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("memo.docx") && err.contains("does not write Word or OpenDocument files"),
            "{flag}: {err}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{flag} changed the file"
        );
    }
}

#[test]
fn broken_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = docx();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("damaged.docx", good[..good.len() / 2].to_vec(), "damaged"),
        (
            "text.docx",
            b"We want a rockstar.\n".to_vec(),
            "not a zip package",
        ),
        (
            "protected.docx",
            [
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
                &[0; 600][..],
            ]
            .concat(),
            "password-protected",
        ),
        (
            "protected.odt",
            zip_of(&[
                ("mimetype", "application/vnd.oasis.opendocument.text"),
                (
                    "META-INF/manifest.xml",
                    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
                ),
                ("content.xml", "\u{7}\u{3}garbage"),
            ]),
            "password-protected",
        ),
        (
            "empty.odt",
            zip_of(&[("mimetype", "x")]),
            "has no content.xml",
        ),
        ("odd-entry.docx", odd_entry(), "cannot be read"),
        (
            "bad-xml.docx",
            zip_of(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]),
            "not well-formed XML",
        ),
        (
            // Packed small, unpacked past the limit given below: refused while unpacking.
            "bomb.docx",
            zip_of(&[(
                "word/document.xml",
                &format!(
                    "<w:document {W}><w:body>{}</w:body></w:document>",
                    " ".repeat(3_000_000)
                ),
            )]),
            "refused",
        ),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    for (name, _, says) in &cases {
        let out = hirelint(&["check", "--max-file-size", "1000000", name], dir.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(&format!("error: {name}: ")) && err.contains(says),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    // A folder with them all: each is named, the good one still checked.
    std::fs::write(dir.path().join("good.docx"), &good).unwrap();
    let out = hirelint(
        &[
            "check",
            "--max-file-size",
            "1000000",
            "--format",
            "json",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!findings(&out).is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    for (name, _, _) in &cases {
        assert!(err.contains(name), "{name}: {err}");
    }
}

/// Writes the test files to `HIRELINT_PACKAGES_OUT` for a look by hand.
#[test]
fn write_samples() {
    if let Some(dir) = std::env::var_os("HIRELINT_PACKAGES_OUT") {
        let dir = Path::new(&dir);
        std::fs::write(dir.join("ad.docx"), docx()).unwrap();
        std::fs::write(dir.join("ad.odt"), odt()).unwrap();
        std::fs::write(dir.join("odd-entry.docx"), odd_entry()).unwrap();
        std::fs::write(dir.join("ad.md"), markdown().0).unwrap();
    }
}

/// A Word or OpenDocument file piped in with `--stdin-filename` is read as a package, with the
/// same findings as the file itself; a damaged one is an error naming it.
#[test]
fn packages_on_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [("ad.docx", docx()), ("ad.odt", odt())] {
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let from_file = findings(&hirelint(
            &["check", "--no-config", "--format", "json", name],
            dir.path(),
        ));
        let out = crate::common::with_stdin(
            Command::new(env!("CARGO_BIN_EXE_hirelint"))
                .args([
                    "check",
                    "--no-config",
                    "--format",
                    "json",
                    "--stdin-filename",
                    name,
                    "-",
                ])
                .current_dir(dir.path()),
            &bytes,
        );
        let from_stdin = findings(&out);
        assert!(
            !from_stdin.is_empty(),
            "{name}: no findings from standard input"
        );
        assert_eq!(from_stdin, from_file, "{name}");
    }
    let out = crate::common::with_stdin(
        Command::new(env!("CARGO_BIN_EXE_hirelint")).args([
            "check",
            "--no-config",
            "--stdin-filename",
            "broken.docx",
            "-",
        ]),
        b"PK\x03\x04 not a package",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: broken.docx: "), "{err}");
}
