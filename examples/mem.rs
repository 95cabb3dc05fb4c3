use regex_automata::{meta, nfa::thompson::WhichCaptures, util::syntax};
use std::time::Instant;
fn main() {
    let rules = hirelint::RuleSet::bundled().unwrap();
    let mut pats = vec![];
    for r in &rules.rules {
        for p in r.matches.patterns.iter().chain(r.unless.patterns.iter()) {
            pats.push(p.as_str().to_string());
        }
        for n in r.matches.near.iter().chain(r.unless.near.iter()) {
            pats.push(n.first.as_str().to_string());
            pats.push(n.second.as_str().to_string());
        }
    }
    pats.sort();
    pats.dedup();
    let base = || {
        meta::Config::new()
            .which_captures(WhichCaptures::Implicit)
            .onepass(false)
            .auto_prefilter(false)
            .nfa_size_limit(Some(4 << 20))
            .hybrid_cache_capacity(2 << 20)
    };
    for (name, cfg) in [("full", base()), ("quick", base().hybrid(false).dfa(false))] {
        let t = Instant::now();
        let rs: Vec<_> = pats
            .iter()
            .map(|p| {
                meta::Regex::builder()
                    .syntax(syntax::Config::new().case_insensitive(true))
                    .configure(cfg.clone())
                    .build(p)
                    .unwrap()
            })
            .collect();
        let el = t.elapsed();
        let mem: usize = rs.iter().map(|r| r.memory_usage()).sum();
        // search speed on sample text
        let text = std::fs::read_to_string("tests/data/docs/interview.md")
            .unwrap()
            .repeat(3);
        let blocks: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        let t2 = Instant::now();
        let mut n = 0;
        for _ in 0..5 {
            for r in &rs {
                for b in &blocks {
                    n += r.find_iter(b).count();
                }
            }
        }
        println!(
            "{name}: {} patterns, compile {:?}, mem {} KB, search {:?} ({n})",
            pats.len(),
            el,
            mem >> 10,
            t2.elapsed()
        );
    }
}
