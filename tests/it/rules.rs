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
    // (An empty `why`, `suggest` or `source` is refused by the loader itself; see
    // `empty_reasons_are_refused_by_the_loader`.)
    for r in &set.rules {
        *per_family.entry(r.family.as_str()).or_default() += 1;
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
            set.rules.iter().any(|r| r.kind().as_str() == kind),
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
        .map(|r| r.matches().phrases.len() + r.matches().patterns.len())
        .sum();
    assert!(n >= 80, "only {n} buzzword phrases");
}

/// Issue 12: every rule's examples are varied enough to show the kind of barrier, not one
/// wording: at least five texts to flag and five to leave alone.
#[test]
fn every_rule_has_five_flag_and_five_pass_examples() {
    let set = RuleSet::bundled().unwrap();
    let thin: Vec<String> = set
        .rules
        .iter()
        .filter(|r| r.flag_examples.len() < 5 || r.pass_examples.len() < 5)
        .map(|r| {
            format!(
                "{} ({} flag, {} pass)",
                r.id,
                r.flag_examples.len(),
                r.pass_examples.len()
            )
        })
        .collect();
    assert!(
        thin.is_empty(),
        "rules with too few examples:\n{}",
        thin.join("\n")
    );
}

/// Issue 13: a source anyone can check names a year and uses no internal code like `[S27]`.
#[test]
fn every_source_has_a_year_and_no_internal_code() {
    let set = RuleSet::bundled().unwrap();
    let year = regex::Regex::new(r"\b(19|20)\d\d\b").unwrap();
    let code = regex::Regex::new(r"\[S\d+\]|\[mission-anchors\]").unwrap();
    let bad: Vec<String> = set
        .rules
        .iter()
        .filter(|r| !year.is_match(&r.source) || code.is_match(&r.source) || code.is_match(&r.why))
        .map(|r| format!("{}: {}", r.id, r.source))
        .collect();
    assert!(bad.is_empty(), "sources to mend:\n{}", bad.join("\n"));
}

/// Issue 13: severities follow the written policy (docs/rule-format.md): `error` only for
/// what is unlawful in a named jurisdiction, or a slur; and a rule that calls something
/// unlawful or illegal names the law's jurisdiction.
#[test]
fn severities_follow_the_policy_and_the_law_is_named() {
    let set = RuleSet::bundled().unwrap();
    let mut bad = Vec::new();
    for r in &set.rules {
        let slur = r.id == "exclusionary/slurs";
        if r.severity == hirelint::Severity::Error && r.jurisdictions.is_empty() && !slur {
            bad.push(format!("{}: error without a jurisdiction", r.id));
        }
        let text = format!("{} {}", r.message, r.why).to_lowercase();
        let says_unlawful = ["unlawful", "illegal"]
            .iter()
            .any(|w| text.contains(w) && !text.contains(&format!("not {w}")));
        if says_unlawful && r.jurisdictions.is_empty() {
            bad.push(format!("{}: says unlawful but names no jurisdiction", r.id));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Issue 13: every rule carries the review record for co-production, and none is invented:
/// a review names who and when, or is left empty.
#[test]
fn every_rule_has_a_review_record() {
    let set = RuleSet::bundled().unwrap();
    let bad: Vec<&str> = set
        .rules
        .iter()
        .filter(|r| match &r.reviewed {
            None => true,
            Some(v) => v.by.trim().is_empty() != v.date.trim().is_empty(),
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        bad.is_empty(),
        "rules without a usable `reviewed` record: {bad:?}"
    );
}

/// Issue 13: no rule text puts the problem in the reader.
#[test]
fn no_rule_text_blames_the_reader() {
    let set = RuleSet::bundled().unwrap();
    let bad: Vec<&str> = set
        .rules
        .iter()
        .filter(|r| {
            let t = format!("{} {} {}", r.message, r.why, r.suggest.join(" ")).to_lowercase();
            t.contains("literal readers") || t.contains("autistic people struggle")
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// Issue 13: a rule never flags its own advice. Every quoted rewrite in a rule's suggestions
/// ('Tell me about a time…') is checked as a document of the rule's kind, and as an item of a
/// question list for question rules; the rule must leave it alone.
#[test]
fn no_rule_flags_its_own_suggested_wording() {
    let set = RuleSet::bundled().unwrap();
    let linter = hirelint::Linter::with_rules(set.clone(), Default::default(), None);
    let quoted = regex::Regex::new(r#"['‘“"]([A-Z][^'’”"]{12,}?)['’”"](?:\s|[.,;:)]|$)"#).unwrap();
    let mut bad = Vec::new();
    for r in &set.rules {
        for s in &r.suggest {
            for c in quoted.captures_iter(s) {
                let text = &c[1];
                // The wording being replaced is quoted too: "Replace 'X' with …", "… instead
                // of 'X'", "rather than 'X'".
                let at = c.get(0).unwrap().start();
                let before = s[..at].to_lowercase();
                let from = before.char_indices().rev().nth(15).map_or(0, |(i, _)| i);
                let before = &before[from..];
                let replaced = ["replace", "instead of", "rather than", "not "]
                    .iter()
                    .any(|w| before.contains(w));
                if replaced || text.split_whitespace().count() < 4 {
                    continue;
                }
                let docs = [
                    text.to_string(),
                    hirelint::eval::questions::question_document(text),
                ];
                for doc in docs {
                    let found = hirelint::examples::findings_of(&linter, r, &doc);
                    if !found.is_empty() {
                        bad.push(format!("{}: {text:?} flagged {}", r.id, found.join(", ")));
                        break;
                    }
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "rules flag their own suggestions:\n{}",
        bad.join("\n")
    );
}

#[test]
fn a_folders_own_sentence_list_is_an_error_but_a_copy_of_the_bundled_one_is_not() {
    // Sentences are split before a rule folder is read, so a list of its own would be
    // ignored: it is refused, naming the file, instead of doing nothing.
    let source = |text: &str| {
        std::iter::once((
            "my-rules/language/sentences.toml".to_string(),
            "language/sentences.toml".to_string(),
            text.to_string(),
        ))
    };
    let mut set = RuleSet::empty().unwrap();
    let e = set
        .add_sources(source("abbreviations = [\"approx\"]\n"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("my-rules/language/sentences.toml") && e.contains("bundled"),
        "{e}"
    );
    let mut set = RuleSet::empty().unwrap();
    set.add_sources(source(include_str!("../../rules/language/sentences.toml")))
        .unwrap();
}

/// A phrase that ends in a letter beyond ASCII loads (found by fuzzing: the check that `*`
/// only ends a phrase cut the text inside the last character and panicked).
#[test]
fn a_phrase_ending_in_an_accented_letter_loads() {
    let rule = "kind = \"phrase\"\nseverity = \"info\"\nmessage = \"m\"\nwhy = \"w\"\n\
                suggest = [\"s\"]\nsource = \"s\"\nphrases = [\"naïve café\"]\n\n\
                [examples]\nflag = [\"A naïve café.\"]\npass = [\"A shop.\"]\n";
    let mut set = RuleSet::empty().unwrap();
    set.add_sources(std::iter::once((
        "my-rules/buzzword/cafe.toml".to_string(),
        "buzzword/cafe.toml".to_string(),
        rule.to_string(),
    )))
    .unwrap();
    let star = rule.replace("naïve café", "caf*é");
    let mut set = RuleSet::empty().unwrap();
    let e = set
        .add_sources(std::iter::once((
            "my-rules/buzzword/cafe.toml".to_string(),
            "buzzword/cafe.toml".to_string(),
            star,
        )))
        .unwrap_err()
        .to_string();
    assert!(e.contains("may only end a phrase"), "{e}");
}

/// A rule without its reason, source or suggestion does not load: the catalogue can never show
/// a finding that cannot say why.
#[test]
fn empty_reasons_are_refused_by_the_loader() {
    let good = std::fs::read_to_string("rules/buzzword/hype-titles.toml").unwrap();
    for (key, blank, expected) in [
        ("why", "why = \"  \"", "`why` is empty"),
        ("source", "source = \"\"", "`source` is empty"),
        (
            "suggest",
            "suggest = [\"\"]",
            "`suggest` needs at least one suggestion",
        ),
    ] {
        // The rule with the key's value (a string or an array, maybe over several lines)
        // replaced by a blank one.
        let mut table: toml::Table = good.parse().unwrap();
        table.remove(key);
        let text = format!("{blank}\n{}", toml::to_string(&table).unwrap());
        let e = hirelint::rule::parse_rule("hype-titles.toml", "buzzword/hype-titles.toml", &text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains(expected), "{key}: {e}");
    }
}

/// The words that take a paragraph out of "about" are data, and the review listing shows them.
#[test]
fn the_review_listing_shows_the_words_that_leave_a_section() {
    let line = review_listing_line("of about that contains one of these is read as other");
    assert!(line.contains("`the successful applicant`"), "{line}");
    assert!(line.contains("`you will`"), "{line}");
}

/// "Not just" widens what follows instead of denying it; the words that do this are data
/// that the review listing shows.
#[test]
fn not_just_does_not_deny_what_follows() {
    let check = |text: &str| {
        crate::common::findings_of_text("ad.md", text)
            .iter()
            .filter(|f| f["rule"] == "buzzword/workplace-cliches")
            .count()
    };
    let ad = |about: &str| {
        format!(
            "# Ward clerk\n\n## About us\n\n{about}\n\n## Duties\n\n- Book outpatient clinics.\n"
        )
    };
    assert_eq!(
        check(&ad(
            "We're not just colleagues: we're one big hospital family."
        )),
        1
    );
    assert_eq!(
        check(&ad(
            "We don't only work together, we're a close-knit family."
        )),
        1
    );
    // A plain negation still denies, and so does another negation before "simply".
    assert_eq!(check(&ad("We are one big happy family.")), 1);
    assert_eq!(check(&ad("We are not one big happy family.")), 0);
    assert_eq!(
        check(&ad("Avoid simply calling the team one big happy family.")),
        0
    );
    let line = review_listing_line("make it \"not only\"");
    assert!(line.contains("`just`"), "{line}");
}

/// The line of `hirelint rules --format md` (the review listing) that contains `marker`.
fn review_listing_line(marker: &str) -> String {
    let out = crate::common::bin()
        .args(["rules", "--format", "md"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    md.lines()
        .find(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("no line with {marker:?} in:\n{md}"))
        .to_string()
}

/// `agree` groups tie evidence to the requirement it justifies: a duty done in one language
/// does not make another language part of the job, evidence that names no group counts for
/// any requirement, and the key is refused outside `[unless]`, naming the file.
#[test]
fn agree_groups_tie_the_evidence_to_the_same_requirement() {
    let rule = "kind = \"conditional\"\nseverity = \"warning\"\nmessage = \"m\"\nwhy = \"w\"\n\
                suggest = [\"s\"]\nsource = \"s\"\n\n\
                [when]\nsections = [\"requirements\"]\npatterns = ['\\b(fluent|good) (welsh|polish|spanish)\\b']\n\n\
                [unless]\nsections = [\"duties\"]\npatterns = ['\\bin (welsh|polish|spanish)\\b', '\\btranslat\\w*']\n\
                agree = [[\"welsh\", \"wales\"], [\"polish\", \"poland\"], [\"spanish\"]]\n\n\
                [examples]\nflag = [\"## Duties\\n- Answer letters in Welsh.\\n\\n## Requirements\\n- Fluent Polish.\"]\n\
                pass = [\"## Duties\\n- Answer letters in Welsh.\\n\\n## Requirements\\n- Fluent Welsh.\", \
                \"## Duties\\n- Translate leaflets.\\n\\n## Requirements\\n- Good Spanish.\"]\n";
    let load = |text: &str| {
        let mut set = RuleSet::empty().unwrap();
        set.add_sources(std::iter::once((
            "my-rules/scope/language.toml".to_string(),
            "scope/language.toml".to_string(),
            text.to_string(),
        )))
        .map(|_| set)
    };
    let set = load(rule).unwrap_or_else(|e| panic!("{e}"));
    let (count, failures) = hirelint::examples::run(&set);
    assert_eq!(count, 3);
    assert!(failures.is_empty(), "{failures:?}");
    // Without the groups, the Welsh duty justifies the Polish requirement.
    let without = rule.replace(
        "agree = [[\"welsh\", \"wales\"], [\"polish\", \"poland\"], [\"spanish\"]]\n",
        "",
    );
    let (_, failures) = hirelint::examples::run(&load(&without).unwrap());
    assert_eq!(failures.len(), 1, "{failures:?}");
    // In `[when]` the key means nothing, so it is an error.
    let misplaced = rule.replace(
        "patterns = ['\\b(fluent|good)",
        "agree = [[\"welsh\"]]\npatterns = ['\\b(fluent|good)",
    );
    let e = load(&misplaced)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.contains("my-rules/scope/language.toml") && e.contains("`agree` belongs in `[unless]`"),
        "{e}"
    );
}
