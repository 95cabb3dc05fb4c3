//! Documents shared by the benchmarks.
//!
//! The four documents in `benches/data/` were written by `../shared/bench/gen_corpus.py` (the
//! generator `scripts/bench.sh` uses), so they look like the end-to-end corpus: front matter,
//! headings, lists, links and code spans in Markdown; full pages with head, scripts, styles,
//! navigation, entities, comments and hidden elements in HTML. The fixtures add two hand-written
//! job ads and a small HTML test page full of entities.

#![allow(dead_code)]

use hirelint::Format;

/// One benchmark document.
pub struct Doc {
    /// A short name for the benchmark id.
    pub name: &'static str,
    /// The path given to the parser (its extension picks the format).
    pub path: &'static str,
    /// The source text.
    pub source: &'static str,
    /// Its format.
    pub format: Format,
}

/// The generated documents: a Markdown and an HTML job ad, a Markdown and an HTML interview.
pub fn generated() -> Vec<Doc> {
    vec![
        Doc {
            name: "job-ad.md",
            path: "benches/data/job-ad.md",
            source: include_str!("../data/job-ad.md"),
            format: Format::Markdown,
        },
        Doc {
            name: "interview.md",
            path: "benches/data/interview.md",
            source: include_str!("../data/interview.md"),
            format: Format::Markdown,
        },
        Doc {
            name: "job-ad.html",
            path: "benches/data/job-ad.html",
            source: include_str!("../data/job-ad.html"),
            format: Format::Html,
        },
        Doc {
            name: "interview.html",
            path: "benches/data/interview.html",
            source: include_str!("../data/interview.html"),
            format: Format::Html,
        },
    ]
}

/// Hand-written documents: two short job ads and an HTML page full of entities.
pub fn fixtures() -> Vec<Doc> {
    vec![
        Doc {
            name: "bad-marketing-ninja.md",
            path: "fixtures/job-ads/bad-marketing-ninja.md",
            source: include_str!("../../fixtures/job-ads/bad-marketing-ninja.md"),
            format: Format::Markdown,
        },
        Doc {
            name: "good-payroll-administrator.md",
            path: "fixtures/job-ads/good-payroll-administrator.md",
            source: include_str!("../../fixtures/job-ads/good-payroll-administrator.md"),
            format: Format::Markdown,
        },
        Doc {
            name: "entities.html",
            path: "tests/data/docs/entities.html",
            source: include_str!("../../tests/data/docs/entities.html"),
            format: Format::Html,
        },
    ]
}

/// Every benchmark document.
pub fn all() -> Vec<Doc> {
    let mut docs = generated();
    docs.extend(fixtures());
    docs
}
