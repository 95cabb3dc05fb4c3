//! The machine-readable output formats end to end: SARIF 2.1.0 (checked against the official
//! OASIS schema in tests/data/sarif), GitHub Actions annotations, JUnit XML and Checkstyle XML.
//! Each test runs the real binary on real documents and reads the output back.

use crate::common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// SARIF

/// The stray `]` in the official schema's two `language` patterns: ECMAScript reads it as a
/// literal `]`, but the `jsonschema` crate checks the schema against its meta-schema and
/// rejects it as a regular expression. Escaping it keeps the meaning.
const LANGUAGE_PATTERN: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
const LANGUAGE_PATTERN_ESCAPED: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#;

/// The official SARIF 2.1.0 schema (see tests/data/sarif/README.md), with formats (`uri`,
/// `uri-reference`, `date-time`) checked.
fn sarif_validator() -> jsonschema::Validator {
    let text = fs::read_to_string(data("sarif/sarif-schema-2.1.0.json")).expect("schema file");
    assert_eq!(
        text.matches(LANGUAGE_PATTERN).count(),
        2,
        "the schema changed"
    );
    let text = text.replace(LANGUAGE_PATTERN, LANGUAGE_PATTERN_ESCAPED);
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// Asserts that `log` is valid SARIF 2.1.0, listing every schema error.
fn assert_valid_sarif(log: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{} schema errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// Asserts that every result points at its rule: `ruleIndex` is the index of `ruleId` in
/// `tool.driver.rules`, and the level matches the rule's severity or the result's own.
fn assert_rules_consistent(log: &Value) {
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "rule ids are unique");
    for r in rules {
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(
            !r["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .contains("{match}")
        );
        assert!(!r["help"]["text"].as_str().unwrap().is_empty());
        assert!(!r["help"]["markdown"].as_str().unwrap().is_empty());
        let family = r["properties"]["tags"][0].as_str().unwrap();
        assert!(r["id"].as_str().unwrap().starts_with(&format!("{family}/")));
    }
    let results = run["results"].as_array().expect("results");
    for res in results {
        let id = res["ruleId"].as_str().unwrap();
        let index = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"].as_str().unwrap(), id, "{res}");
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
    }
}

#[test]
fn sarif_test_rules_on_test_documents_is_valid_and_exact() {
    let out = run_test_rules(&["--format", "sarif", "tests/data/docs"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = json_of(&out);
    assert_valid_sarif(&log);
    assert_rules_consistent(&log);

    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "hirelint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    // The test folder has one rule per file, eight in all.
    assert_eq!(driver["rules"].as_array().unwrap().len(), 8);
    let hype = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "buzzword/t-hype")
        .expect("t-hype in rules");
    assert_eq!(hype["shortDescription"]["text"], "'…' is vague.");
    assert_eq!(hype["defaultConfiguration"]["level"], "warning");
    assert_eq!(hype["properties"]["tags"], serde_json::json!(["buzzword"]));
    assert!(
        hype["help"]["text"]
            .as_str()
            .unwrap()
            .contains("It says nothing about the work.")
    );
    assert!(
        hype["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("- Name the task.")
    );

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 11);

    // 'rockstar' in bom-crlf.md: line 9, columns 11..19; the BOM is three bytes of the file.
    let rock = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "rockstar")
        .expect("rockstar result");
    assert_eq!(rock["ruleId"], "buzzword/t-hype");
    assert_eq!(rock["level"], "warning");
    assert_eq!(rock["message"]["text"], "'rockstar' is vague.");
    let loc = &rock["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "tests/data/docs/bom-crlf.md"
    );
    let region = &loc["region"];
    assert_eq!(region["startLine"], 9);
    assert_eq!(region["startColumn"], 11);
    assert_eq!(region["endLine"], 9);
    assert_eq!(region["endColumn"], 19);
    let bytes = fs::read(data("docs/bom-crlf.md")).unwrap();
    let start = region["byteOffset"].as_u64().unwrap() as usize;
    let len = region["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(&bytes[start..start + len], b"rockstar");
    assert!(
        rock["partialFingerprints"]["hirelint/v1"]
            .as_str()
            .unwrap()
            .len()
            == 16
    );
    // t-hype has a fix: replace the words.
    let fix = &rock["fixes"][0]["artifactChanges"][0];
    assert_eq!(
        fix["artifactLocation"]["uri"],
        "tests/data/docs/bom-crlf.md"
    );
    assert_eq!(
        fix["replacements"][0]["insertedContent"]["text"],
        "skilled person"
    );
    assert_eq!(fix["replacements"][0]["deletedRegion"]["byteOffset"], start);
    assert_eq!(fix["replacements"][0]["deletedRegion"]["byteLength"], len);

    // The missing salary is a document-level finding: a start only.
    let salary = results
        .iter()
        .find(|r| {
            r["ruleId"] == "missing/t-salary"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "tests/data/docs/bom-crlf.md"
        })
        .expect("salary result");
    let region = salary["locations"][0]["physicalLocation"]["region"]
        .as_object()
        .unwrap();
    let keys: BTreeSet<&str> = region.keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["startLine", "startColumn"]));
    assert_eq!(region["startLine"], 12);

    // The error-level finding.
    let health = results
        .iter()
        .find(|r| r["ruleId"] == "unlawful/t-health")
        .unwrap();
    assert_eq!(health["level"], "error");

    // The counts close the run; nothing but the log is on standard output.
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert_eq!(run["properties"]["counts"]["findings"], 11);
}

#[test]
fn sarif_bundled_rules_on_a_job_ad_is_valid() {
    let out = bin_in(manifest())
        .args(["check", "--format", "sarif", "fixtures/job-ads"])
        .output()
        .expect("run hirelint");
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    let log = json_of(&out);
    assert_valid_sarif(&log);
    assert_rules_consistent(&log);
    let run = &log["runs"][0];
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() > 8);
    assert!(!run["results"].as_array().unwrap().is_empty());
    // Every region's snippet is the text at its byte range.
    for res in run["results"].as_array().unwrap() {
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        let region = &loc["region"];
        if let Some(off) = region["byteOffset"].as_u64() {
            let bytes = fs::read(manifest().join(uri)).unwrap();
            let len = region["byteLength"].as_u64().unwrap() as usize;
            let off = off as usize;
            assert_eq!(
                std::str::from_utf8(&bytes[off..off + len]).unwrap(),
                region["snippet"]["text"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn sarif_with_read_errors_and_odd_names_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(data("docs/bom-crlf.md"), dir.path().join("my ad #1 (ü).md")).unwrap();
    let out = bin_in(dir.path())
        .args(["check", "--no-bundled", "--rules"])
        .arg(data("rules"))
        .args(["--format", "sarif", "my ad #1 (ü).md", "missing.md"])
        .output()
        .expect("run hirelint");
    assert_eq!(out.status.code(), Some(2));
    let log = json_of(&out);
    assert_valid_sarif(&log);
    let run = &log["runs"][0];
    let uri = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "my%20ad%20%231%20%28%C3%BC%29.md");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let note = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(
        note["message"]["text"]
            .as_str()
            .unwrap()
            .contains("missing.md")
    );
}

#[test]
fn sarif_schema_check_catches_broken_logs() {
    let out = run_test_rules(&["--format", "sarif", "tests/data/docs/bom-crlf.md"]);
    let log = json_of(&out);
    assert_valid_sarif(&log);
    let validator = sarif_validator();
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut bad = log.clone();
        f(&mut bad);
        assert!(!validator.is_valid(&bad), "accepted: {bad}");
    };
    broken(&|v| v["runs"][0]["results"][0]["level"] = "fatal".into());
    broken(&|v| v["runs"][0]["results"][0]["ruleIndex"] = (-2).into());
    broken(&|v| {
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            0.into()
    });
    broken(&|v| {
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
            "my ad.md".into()
    });
    broken(&|v| v["runs"][0]["tool"]["driver"]["rules"][0]["unknown"] = true.into());
    broken(&|v| v["runs"][0]["columnKind"] = "bytes".into());
    broken(&|v| {
        v.as_object_mut().unwrap().remove("version");
    });
}

/// (ruleId, snippet or "") → the fingerprints of those results, in order.
type Fingerprints = BTreeMap<(String, String), Vec<String>>;

/// The fingerprints and the start lines of a SARIF log.
fn fingerprints(log: &Value) -> (Fingerprints, Vec<u64>) {
    let mut map = Fingerprints::new();
    let mut lines = Vec::new();
    for res in log["runs"][0]["results"].as_array().unwrap() {
        let region = &res["locations"][0]["physicalLocation"]["region"];
        let snippet = region["snippet"]["text"].as_str().unwrap_or("").to_string();
        map.entry((res["ruleId"].as_str().unwrap().to_string(), snippet))
            .or_default()
            .push(
                res["partialFingerprints"]["hirelint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        lines.push(region["startLine"].as_u64().unwrap());
    }
    (map, lines)
}

#[test]
fn sarif_fingerprints_survive_inserted_lines() {
    let dir = tempfile::tempdir().unwrap();
    let original = "# Support engineer\n\n## Requirements\n\n- A rockstar.\n- Another rockstar, a team player.\n- 8+ years of experience.\n\n## Benefits\n\nCompetitive pay.\n";
    fs::write(dir.path().join("ad.md"), original).unwrap();
    let run = || {
        let out = bin_in(dir.path())
            .args(["check", "--no-bundled", "--rules"])
            .arg(data("rules"))
            .args(["--format", "sarif", "ad.md"])
            .output()
            .expect("run hirelint");
        let log = json_of(&out);
        assert_valid_sarif(&log);
        fingerprints(&log)
    };
    let (before, lines_before) = run();
    // Two rockstars: different fingerprints, as they are different occurrences.
    let rock = &before[&("buzzword/t-hype".to_string(), "rockstar".to_string())];
    assert_eq!(rock.len(), 2);
    assert_ne!(rock[0], rock[1]);
    let all: BTreeSet<&String> = before.values().flatten().collect();
    assert_eq!(all.len(), before.values().map(Vec::len).sum::<usize>());

    let moved = original.replace(
        "## Requirements\n",
        "Some words about us.\n\nAnd more about the team.\n\n## Requirements\n",
    );
    fs::write(dir.path().join("ad.md"), moved).unwrap();
    let (after, lines_after) = run();
    assert_eq!(before, after, "fingerprints changed when lines moved");
    assert_ne!(lines_before, lines_after, "the findings did move");
}

// ---------------------------------------------------------------------------------------------
// GitHub annotations

#[test]
fn github_annotations_for_test_documents() {
    let out = run_test_rules(&["--format", "github", "tests/data/docs"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 12, "{text}");
    assert_eq!(
        lines[0],
        "::warning file=tests/data/docs/bom-crlf.md,line=9,col=11,endLine=9,endColumn=19,\
         title=buzzword/t-hype::'rockstar' is vague.%0AWhy: It says nothing about the work.\
         %0AInstead: Name the task."
    );
    // Document-level: no end.
    assert!(lines.contains(
        &"::warning file=tests/data/docs/bom-crlf.md,line=12,col=4,title=missing/t-salary::\
          The ad gives no salary.%0AWhy: Without pay, people cannot judge whether to apply.\
          %0AInstead: Give the salary range."
    ));
    // Error → ::error; the summary line ends the output as plain text.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error file=tests/data/docs/interview.md,line=12,col=20,"))
    );
    assert_eq!(
        *lines.last().unwrap(),
        "11 findings (1 error, 10 warnings) in 4 of 4 files."
    );
    for l in &lines[..11] {
        assert!(
            l.starts_with("::warning ") || l.starts_with("::error "),
            "{l}"
        );
    }
}

/// A rule folder with one rule whose message and why hold characters that need escaping.
fn special_rules(dir: &Path) -> PathBuf {
    let rules = dir.join("rules");
    fs::create_dir_all(rules.join("buzzword")).unwrap();
    fs::write(
        rules.join("buzzword/t-special.toml"),
        r#"kind = "phrase"
severity = "info"
message = "'{match}' & <co> \"100%\", a: b\nsecond line"
why = "Why & <why>."
suggest = ["Say \"what\" & how."]
source = "test rules"
phrases = ["ninja"]
[examples]
flag = ["A ninja."]
pass = ["A person."]
"#,
    )
    .unwrap();
    rules
}

fn run_special(format: &str) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let rules = special_rules(dir.path());
    fs::write(dir.path().join("a,b: c%.md"), "# Job\n\nA ninja.\n").unwrap();
    let out = bin_in(dir.path())
        .args(["check", "--no-bundled", "--rules"])
        .arg(&rules)
        .args(["--format", format, "a,b: c%.md"])
        .output()
        .expect("run hirelint");
    (out, dir)
}

#[test]
fn github_escapes_properties_and_data() {
    let (out, _dir) = run_special("github");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "::notice file=a%2Cb%3A c%25.md,line=3,col=3,endLine=3,endColumn=8,\
         title=buzzword/t-special::'ninja' & <co> \"100%25\", a: b%0Asecond line\
         %0AWhy: Why & <why>.%0AInstead: Say \"what\" & how."
    );
    assert_eq!(text.lines().count(), 2);
}

// ---------------------------------------------------------------------------------------------
// XML formats

/// One parsed XML element: name, attributes (unescaped), text inside (unescaped), depth.
#[derive(Debug, Clone)]
struct Elem {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    depth: usize,
}

/// Parses `xml` with quick-xml, failing on anything not well-formed (including mismatched
/// end tags), and returns its elements in document order.
fn parse_xml(xml: &str) -> Vec<Elem> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut elems: Vec<Elem> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut roots = 0;
    loop {
        let ev = reader
            .read_event()
            .unwrap_or_else(|e| panic!("XML error at {}: {e}\n{xml}", reader.error_position()));
        let attrs_of = |e: &quick_xml::events::BytesStart| {
            e.attributes()
                .map(|a| {
                    let a = a.expect("attribute");
                    (
                        a.key.as_ref().to_string(),
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .expect("attribute value")
                            .into_owned(),
                    )
                })
                .collect::<BTreeMap<_, _>>()
        };
        match ev {
            Event::Start(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                elems.push(Elem {
                    name: e.name().as_ref().to_string(),
                    attrs: attrs_of(&e),
                    text: String::new(),
                    depth: open.len(),
                });
                open.push(elems.len() - 1);
            }
            Event::Empty(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                elems.push(Elem {
                    name: e.name().as_ref().to_string(),
                    attrs: attrs_of(&e),
                    text: String::new(),
                    depth: open.len(),
                });
            }
            Event::End(_) => {
                open.pop().expect("balanced");
            }
            Event::Text(t) => {
                let s = t.xml10_content().into_owned();
                match open.last() {
                    Some(&i) => elems[i].text.push_str(&s),
                    None => assert!(s.trim().is_empty(), "text outside the root: {s:?}"),
                }
            }
            Event::GeneralRef(r) => {
                let name = r.into_inner().into_owned();
                let s = match name.as_str() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    n if n.starts_with('#') => {
                        let code = if let Some(hex) = n.strip_prefix("#x") {
                            u32::from_str_radix(hex, 16).unwrap()
                        } else {
                            n[1..].parse().unwrap()
                        };
                        char::from_u32(code).unwrap().to_string()
                    }
                    n => panic!("unknown entity &{n};"),
                };
                let &i = open.last().expect("reference inside an element");
                elems[i].text.push_str(&s);
            }
            Event::Decl(_) | Event::Comment(_) => {}
            Event::Eof => break,
            other => panic!("unexpected XML event {other:?}"),
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(roots, 1, "one root element");
    elems
}

fn named<'a>(elems: &'a [Elem], name: &str) -> Vec<&'a Elem> {
    elems.iter().filter(|e| e.name == name).collect()
}

#[test]
fn junit_for_test_documents() {
    let out = run_test_rules(&["--format", "junit", "tests/data/docs"]);
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    let elems = parse_xml(&xml);
    assert_eq!(elems[0].name, "testsuites");
    let suite = &named(&elems, "testsuite")[0];
    assert_eq!(suite.attrs["name"], "hirelint");
    // One test case per finding (JUnit readers show one failure per test case); all of these
    // are warnings, so each fails.
    assert_eq!(suite.attrs["tests"], "11");
    assert_eq!(suite.attrs["failures"], "11");
    assert_eq!(suite.attrs["errors"], "0");
    let cases = named(&elems, "testcase");
    assert_eq!(cases.len(), 11);
    assert_eq!(cases[0].attrs["classname"], "tests/data/docs/bom-crlf.md");
    assert_eq!(cases[0].attrs["name"], "buzzword/t-hype at 9:11");
    let failures = named(&elems, "failure");
    assert_eq!(failures.len(), 11);
    assert_eq!(
        failures[0].attrs["message"],
        "buzzword/t-hype: 'rockstar' is vague."
    );
    assert_eq!(failures[0].attrs["type"], "warning");
    assert_eq!(
        failures[0].text,
        "tests/data/docs/bom-crlf.md:9:11\nmatched: rockstar\nwhy: It says nothing about the \
         work.\ninstead: Name the task."
    );
    // The matched words of an HTML entity come back as written in the source.
    assert!(
        failures
            .iter()
            .any(|f| f.text.contains("matched: team&#8209;player"))
    );
}

#[test]
fn junit_escapes_special_characters_and_lists_unreadable_files() {
    let (out, dir) = run_special("junit");
    assert_eq!(out.status.code(), Some(0));
    let elems = parse_xml(&stdout(&out));
    // An info finding passes (it counted the file as failed), with its text in system-out.
    assert!(named(&elems, "failure").is_empty());
    assert_eq!(named(&elems, "testsuite")[0].attrs["failures"], "0");
    assert_eq!(
        named(&elems, "system-out")[0].text,
        "info: buzzword/t-special: 'ninja' & <co> \"100%\", a: b\nsecond line\n\
         a,b: c%.md:3:3\nmatched: ninja\nwhy: Why & <why>.\ninstead: Say \"what\" & how."
    );
    assert_eq!(
        named(&elems, "testcase")[0].attrs["classname"],
        "a,b: c%.md"
    );

    // A path that cannot be read is an <error> test case.
    let out = bin_in(dir.path())
        .args(["check", "--no-bundled", "--rules"])
        .arg(dir.path().join("rules"))
        .args(["--format", "junit", "a,b: c%.md", "nope <&>.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let elems = parse_xml(&stdout(&out));
    let suite = &named(&elems, "testsuite")[0];
    assert_eq!(suite.attrs["tests"], "2");
    assert_eq!(suite.attrs["errors"], "1");
    let cases = named(&elems, "testcase");
    assert!(cases.iter().any(|c| c.attrs["name"] == "nope <&>.md"));
    assert_eq!(named(&elems, "error").len(), 1);
}

#[test]
fn checkstyle_for_test_documents() {
    let out = run_test_rules(&["--format", "checkstyle", "tests/data/docs"]);
    assert_eq!(out.status.code(), Some(1));
    let elems = parse_xml(&stdout(&out));
    assert_eq!(elems[0].name, "checkstyle");
    assert_eq!(elems[0].attrs["version"], "4.3");
    let files = named(&elems, "file");
    assert_eq!(
        files
            .iter()
            .map(|f| f.attrs["name"].as_str())
            .collect::<Vec<_>>(),
        [
            "tests/data/docs/bom-crlf.md",
            "tests/data/docs/entities.html",
            "tests/data/docs/fragment.html",
            "tests/data/docs/interview.md"
        ]
    );
    assert!(files.iter().all(|f| f.depth == 1));
    let errors = named(&elems, "error");
    assert_eq!(errors.len(), 11);
    let attrs = |e: &Elem| {
        (
            e.attrs["line"].clone(),
            e.attrs["column"].clone(),
            e.attrs["severity"].clone(),
            e.attrs["message"].clone(),
            e.attrs["source"].clone(),
        )
    };
    let s = |x: &str| x.to_string();
    assert_eq!(
        attrs(errors[0]),
        (
            s("9"),
            s("11"),
            s("warning"),
            s("'rockstar' is vague."),
            s("hirelint.buzzword/t-hype")
        )
    );
    assert_eq!(
        attrs(errors[10]),
        (
            s("12"),
            s("20"),
            s("error"),
            s("A health question before an offer."),
            s("hirelint.unlawful/t-health")
        )
    );
}

#[test]
fn checkstyle_escapes_special_characters() {
    let (out, _dir) = run_special("checkstyle");
    assert_eq!(out.status.code(), Some(0));
    let xml = stdout(&out);
    assert!(xml.contains("&amp; &lt;co&gt; &quot;100%&quot;"), "{xml}");
    let elems = parse_xml(&xml);
    assert_eq!(named(&elems, "file")[0].attrs["name"], "a,b: c%.md");
    let error = &named(&elems, "error")[0];
    assert_eq!(
        error.attrs["message"],
        "'ninja' & <co> \"100%\", a: b\nsecond line"
    );
    assert_eq!(error.attrs["severity"], "info");
    assert_eq!(error.attrs["source"], "hirelint.buzzword/t-special");
}
