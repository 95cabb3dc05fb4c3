//! Matcher micro-benchmarks.
//!
//! - `engine/check/*`: `Engine::check` on an already parsed document: the Aho-Corasick pass
//!   over every block, the `RegexSet` pass and the regexes it selects, then the code of each
//!   rule kind, suppressions and sorting. This is the per-document cost of the matcher.
//! - `engine/lint/*`: `Linter::lint_str`, parse and check, as `hirelint check` does per file
//!   (without reading the file or printing).
//! - `engine/compile`: loading the bundled rules and compiling the engine, the fixed cost every
//!   `hirelint` run pays before it reads the first file (most of the start-up time).
//!
//! Run with `cargo bench --bench engine`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hirelint::{Engine, RuleSet, parse};

fn bench_check(c: &mut Criterion) {
    let rules = RuleSet::bundled().expect("bundled rules");
    let engine = Engine::new(&rules);
    let docs = common::all();

    let mut group = c.benchmark_group("engine/check");
    for doc in &docs {
        let parsed = parse::parse(
            doc.path,
            doc.source.to_string(),
            doc.format,
            None,
            &rules.sections,
        );
        group.throughput(Throughput::Bytes(doc.source.len() as u64));
        group.bench_function(doc.name, |b| b.iter(|| engine.check(black_box(&parsed))));
    }
    group.finish();

    let linter = hirelint::Linter::bundled().expect("bundled rules");
    let mut group = c.benchmark_group("engine/lint");
    for doc in &docs {
        group.throughput(Throughput::Bytes(doc.source.len() as u64));
        group.bench_function(doc.name, |b| {
            b.iter(|| linter.lint_str(black_box(doc.path), doc.source))
        });
    }
    group.finish();
}

fn bench_compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("compile", |b| {
        b.iter(|| {
            let rules = RuleSet::bundled().expect("bundled rules");
            let engine = Engine::new(&rules);
            black_box((rules, engine))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_check, bench_compile);
criterion_main!(benches);
