//! Parser micro-benchmarks: Markdown (pulldown-cmark) and HTML (hirelint's own scanner).
//!
//! `parse/markdown/*` and `parse/html/*` time the format parser alone (`parse_into`, from
//! source to blocks with their source maps); `parse/full/*` times `hirelint::parse::parse`,
//! which adds front matter and the section and kind classification. Run with
//! `cargo bench --bench parse`.

mod common;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use hirelint::parse::{self, front_matter};
use hirelint::{Document, Format, RuleSet};

fn bench_parsers(c: &mut Criterion) {
    let rules = RuleSet::bundled().expect("bundled rules");
    let docs = common::all();

    for (group_name, format) in [
        ("parse/markdown", Format::Markdown),
        ("parse/html", Format::Html),
    ] {
        let mut group = c.benchmark_group(group_name);
        for doc in docs.iter().filter(|d| d.format == format) {
            let start = front_matter::split(doc.source).map_or(0, |fm| fm.end);
            group.throughput(Throughput::Bytes(doc.source.len() as u64));
            group.bench_function(doc.name, |b| {
                b.iter_batched(
                    || Document::new(doc.path, doc.source.to_string(), format),
                    |mut d| {
                        match format {
                            Format::Html => parse::html::parse_into(&mut d, start),
                            _ => parse::markdown::parse_into(&mut d, start),
                        }
                        d
                    },
                    BatchSize::SmallInput,
                )
            });
        }
        group.finish();
    }

    let mut group = c.benchmark_group("parse/full");
    for doc in &docs {
        group.throughput(Throughput::Bytes(doc.source.len() as u64));
        group.bench_function(doc.name, |b| {
            b.iter_batched(
                || doc.source.to_string(),
                |source| {
                    parse::parse(
                        black_box(doc.path),
                        source,
                        doc.format,
                        None,
                        &rules.sections,
                    )
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench_parsers);
criterion_main!(benches);
