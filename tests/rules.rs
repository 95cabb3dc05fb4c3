//! Every bundled rule tests itself: each `[examples] flag` text must give a finding of the
//! rule, each `pass` text none. The bundled set must also cover every family, with at least
//! five rules each, and every rule kind.

use std::collections::BTreeMap;

use hirelint::RuleSet;
use hirelint::rule::FAMILIES;

#[test]
fn every_bundled_rule_passes_its_examples() {
    let set = RuleSet::bundled().unwrap_or_else(|e| panic!("bundled rules do not load: {e}"));
    let (count, failures) = hirelint::examples::run(&set);
    let report: Vec<String> = failures
        .iter()
        .map(|f| {
            format!(
                "{} ({}): `{}` example {}: {:?}",
                f.rule, f.file, f.expected, f.got, f.text
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {count} examples fail:\n{}",
        failures.len(),
        report.join("\n")
    );
    assert!(count >= set.rules.len() * 2);
}

#[test]
fn every_family_has_at_least_five_rules_and_every_kind_is_used() {
    let set = RuleSet::bundled().unwrap();
    let mut per_family: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &set.rules {
        *per_family.entry(r.family.as_str()).or_default() += 1;
        assert!(
            !r.why.is_empty() && !r.suggest.is_empty() && !r.source.is_empty(),
            "{}",
            r.id
        );
    }
    for fam in FAMILIES {
        let n = per_family.get(fam).copied().unwrap_or(0);
        assert!(n >= 5, "family {fam} has {n} rules, fewer than 5");
    }
    for kind in [
        "phrase",
        "pattern",
        "conditional",
        "question",
        "metric",
        "required",
    ] {
        assert!(
            set.rules.iter().any(|r| r.kind.as_str() == kind),
            "no bundled rule of kind {kind}"
        );
    }
}

#[test]
fn buzzword_pack_has_eighty_phrases() {
    let set = RuleSet::bundled().unwrap();
    let n: usize = set
        .rules
        .iter()
        .filter(|r| r.family == "buzzword")
        .map(|r| r.matches.phrases.len() + r.matches.patterns.len())
        .sum();
    assert!(n >= 80, "only {n} buzzword phrases");
}
