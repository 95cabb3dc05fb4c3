//! The compiled rule set: built once, shared read-only by all threads. Compiling is in
//! [`compile`], finding the hits of a block in [`matcher`], the per-document buffers in
//! [`workspace`]; this module puts them together and hands the hits to [`check`].
//!
//! Every literal phrase of the rules that apply to a kind of document (phrases, `[when]`,
//! `[unless]`, `[present]`, exceptions) goes into one Aho-Corasick automaton for that kind,
//! built when the first document of the kind is checked, and searched once per block over the
//! block's normal form. The same automaton holds the required words of every regular
//! expression of those rules (see [`literals`](crate::rule::literals)): a word of an
//! expression's first group sets it off, and it runs on a block only when each of its other
//! groups has a word there too (the few without words run where one automaton of all of them
//! says they may match); it is compiled the first time it runs. So
//! start-up compiles no expression, and a block pays only for the expressions it could match.
//! The code of each rule kind then works on the hits (see [`check`](crate::check)).

mod compile;
mod matcher;
mod workspace;

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::check::{self, Policy};
use crate::document::{DocKind, Document};
use crate::finding::{self, Finding};
use crate::hit::Hit;
use crate::rule::{RuleKind, RuleSet, Severity};
use crate::text::normalize_phrase;
use compile::{KindMatcher, Kinds, Tables};
use workspace::{BlockCache, Pool, Workspace};

/// Options that change what the engine reports.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Terms that are never findings (product names that happen to match, "Ninja Forms").
    pub allow: Vec<String>,
    /// Severity per rule, after configuration (same order as the rule set); empty = as written.
    pub severities: Vec<Severity>,
    /// Report suppression comments that suppress nothing (`hirelint/unused-suppression`).
    pub unused_suppressions: bool,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            allow: Vec::new(),
            severities: Vec::new(),
            unused_suppressions: true,
        }
    }
}

/// A rule set compiled for matching.
pub struct Engine {
    tables: Tables,
    severities: Vec<Severity>,
    /// Per kind of document, what to search for, made the first time a document of that kind
    /// is checked: most runs see one or two kinds, and building the automaton is most of the
    /// start-up time of a small run.
    matchers: [OnceLock<KindMatcher>; Kinds::COUNT],
    /// Per section (in `Section::ALL` order), the kind of document its blocks are also
    /// checked as (`also-checked-as` in `rules/sections.toml`).
    also_checked_as: [Option<DocKind>; 8],
    allow: Option<AhoCorasick>,
    unused_suppressions: bool,
    /// Each former id of a renamed rule (`formerly`), with the rule's id now.
    renamed: std::collections::HashMap<String, String>,
    /// The word lists of the language (negations, question prompts and kinds).
    lexicon: crate::questions::Lexicon,
    /// Buffers and block results for reuse: one workspace per document being checked.
    pool: Pool,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("rules", &self.tables.rules.len())
            .finish()
    }
}

impl Engine {
    /// Compiles `set` with default options.
    pub fn new(set: &RuleSet) -> Engine {
        Engine::with_options(set, EngineOptions::default())
    }

    /// Compiles `set`.
    pub fn with_options(set: &RuleSet, options: EngineOptions) -> Engine {
        let allow_list: Vec<String> = options
            .allow
            .iter()
            .map(|a| normalize_phrase(a))
            .filter(|a| !a.is_empty())
            .collect();
        let allow = (!allow_list.is_empty())
            .then(|| AhoCorasick::new(&allow_list).ok())
            .flatten();
        let rules = &set.rules;
        let severities = if options.severities.len() == rules.len() {
            options.severities
        } else {
            rules.iter().map(|r| r.severity).collect()
        };
        Engine {
            tables: Tables::new(rules.clone()),
            severities,
            matchers: Default::default(),
            also_checked_as: crate::document::Section::ALL.map(|s| set.sections.also_checked_as(s)),
            allow,
            unused_suppressions: options.unused_suppressions,
            renamed: rules
                .iter()
                .flat_map(|r| r.formerly.iter().map(|old| (old.clone(), r.id.clone())))
                .collect(),
            lexicon: set.lexicon().clone(),
            pool: Pool::default(),
        }
    }

    /// The word lists of the language.
    pub fn lexicon(&self) -> &crate::questions::Lexicon {
        &self.lexicon
    }

    /// What to search for in blocks checked as the `kinds`, made the first time it is asked
    /// for.
    fn matcher(&self, kinds: Kinds) -> &KindMatcher {
        self.matchers[kinds.0 as usize].get_or_init(|| self.tables.matcher(kinds))
    }

    /// The kinds of document a block of `doc` is checked as.
    fn block_kinds(&self, doc: &Document, block: &crate::document::Block) -> Kinds {
        Kinds::of(doc.kind).with(self.also_checked_as[block.section.index()])
    }

    /// What the rule kinds need of the engine: rules, severities, allowed terms, word lists.
    fn policy(&self) -> Policy<'_> {
        Policy {
            rules: &self.tables.rules,
            severities: &self.severities,
            skip_if: &self.tables.skip_if,
            allow: self.allow.as_ref(),
            lexicon: &self.lexicon,
        }
    }

    /// Checks one document: every finding of the rules, sorted, before suppression comments
    /// are applied (the linter applies them).
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let mut hits = Vec::new();
        let mut workspace = self.pool.take();
        let Workspace { scratch, cache, .. } = &mut workspace;
        // Sized for the engine (all entries are false or zero between blocks).
        scratch.found.resize(self.tables.regexes.len(), 0);
        // Evidence expressions left for later: (block, expression).
        let mut deferred: Vec<(u32, u32)> = Vec::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            let kinds = self.block_kinds(doc, block);
            let matcher = self.matcher(kinds);
            let entries = matcher.words_from.len();
            if scratch.seen.len() < entries {
                scratch.seen.resize(entries, false);
            }
            let key = BlockCache::key(kinds, &block.text);
            if let Some((found, later)) = cache.get(key, &block.text) {
                hits.extend(found.iter().map(|&(rule, role, ref range)| Hit {
                    rule: rule as usize,
                    role,
                    block: i,
                    range: range.start as usize..range.end as usize,
                }));
                deferred.extend(later.iter().map(|&r| (i as u32, r)));
                continue;
            }
            let from = hits.len();
            self.tables
                .block_hits(matcher, i, block, scratch, &mut hits);
            cache.insert(key, &block.text, &hits[from..], &scratch.deferred);
            deferred.extend(scratch.deferred.iter().map(|&r| (i as u32, r)));
        }
        let ctx = check::Context::new(doc, self.policy());
        self.tables
            .deferred_hits(&ctx, &deferred, &mut hits, scratch);
        drop(workspace);
        hits.sort_by(|a, b| {
            (
                a.rule,
                a.block,
                a.range.start,
                std::cmp::Reverse(a.range.end),
                a.role,
            )
                .cmp(&(
                    b.rule,
                    b.block,
                    b.range.start,
                    std::cmp::Reverse(b.range.end),
                    b.role,
                ))
        });
        let mut findings = Vec::new();
        let mut at = 0;
        for (i, rule) in self.tables.rules.iter().enumerate() {
            let from = at;
            while at < hits.len() && hits[at].rule == i {
                at += 1;
            }
            if rule.applies_to(doc.kind) {
                check::run(&ctx, i, rule, &hits[from..at], &mut findings);
                continue;
            }
            // A rule for another kind of document checks the blocks of a section that is also
            // checked as that kind (the requirements on an interview page): the rules that
            // read words, not those that read the whole document, nor conditional ones, whose
            // justification (the duties) a page of another kind seldom gives.
            if from == at
                || matches!(
                    rule.kind(),
                    RuleKind::Required | RuleKind::Metric | RuleKind::Conditional
                )
            {
                continue;
            }
            let mine: Vec<Hit> = hits[from..at]
                .iter()
                .filter(|h| self.block_kinds(doc, &doc.blocks[h.block]).applies(rule))
                .cloned()
                .collect();
            if !mine.is_empty() {
                check::run(&ctx, i, rule, &mine, &mut findings);
            }
        }
        check::drop_covered_questions(&mut findings);
        finding::sort(&mut findings);
        findings
    }

    /// Should suppression comments that suppress nothing be reported (see
    /// [`suppress::apply`](crate::suppress::apply), which the [`Linter`](crate::Linter) runs on
    /// the engine's findings)?
    pub fn unused_suppressions(&self) -> bool {
        self.unused_suppressions
    }

    /// Each former id of a renamed rule, with the rule's id now: a suppression that names the
    /// old id names the rule.
    pub fn renamed(&self) -> &std::collections::HashMap<String, String> {
        &self.renamed
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::RuleSet;
    use crate::{Engine, lint_str};

    const ROUTE: &str = r#"
kind = "required"
severity = "warning"
anchor = "process"
message = "No way to ask for adjustments."
why = "w"
suggest = ["s"]
source = "s"

[[present.near]]
within = 40
first = ['\badjustments?\b', '\bextra time\b']
second = ['\be-?mail\b', '@']

[examples]
flag = ["We make adjustments."]
pass = ["We make adjustments: email us."]
"#;

    fn rules(text: &str) -> RuleSet {
        let mut set = RuleSet::empty().unwrap();
        let sources = [(
            "t/missing/route.toml".to_string(),
            "missing/route.toml".to_string(),
            text.to_string(),
        )];
        set.add_sources(sources.into_iter()).unwrap();
        set
    }

    fn flagged(set: &RuleSet, text: &str) -> bool {
        let engine = Engine::new(set);
        !lint_str(&engine, set, "ad.md", text).is_empty()
    }

    const QUESTIONS_SENT: &str = r#"
kind = "required"
severity = "warning"
message = "Say whether the questions are sent before the interview."
why = "w"
suggest = ["s"]
source = "s"

[present]
patterns = ['\bquestions\b[^.]{0,30}\bin advance\b']

[examples]
flag = ["We look forward to meeting you."]
pass = ["We send the questions in advance."]
"#;

    const LICENCE: &str = r#"
kind = "conditional"
severity = "warning"
message = "A driving licence is asked for; no duty needs driving."
why = "w"
suggest = ["s"]
source = "s"

[when]
phrases = ["driving licence"]

[unless]
patterns = ['\b(visit|deliver)\w*\b[^.]{0,30}\b(clients|parcels)\b']

[examples]
flag = ["You need a driving licence. You will answer the phone."]
pass = ["You need a driving licence. You will visit clients at home."]
"#;

    #[test]
    fn evidence_run_later_still_decides() {
        // A required rule's evidence expression runs after the rest and stops at the first
        // evidence that counts: negated evidence before it does not end the search.
        let set = rules(QUESTIONS_SENT);
        assert!(flagged(&set, "We meet you for an hour."));
        assert!(flagged(
            &set,
            "We meet you for an hour.\n\nWe do not share the questions in advance."
        ));
        assert!(!flagged(
            &set,
            "We do not post the questions in advance.\n\nOn the day, you get the questions in advance of each task, ten minutes before."
        ));
        // A conditional rule's evidence is looked for once the requirement is found, in any
        // block, before or after it.
        let set = rules(LICENCE);
        assert!(flagged(
            &set,
            "You will answer the phone.\n\nYou need a driving licence."
        ));
        assert!(!flagged(
            &set,
            "You will visit clients at home.\n\nYou need a driving licence."
        ));
        assert!(!flagged(
            &set,
            "You need a driving licence.\n\nYou will deliver parcels on foot and by van."
        ));
        assert!(!flagged(&set, "You will visit clients at home."));
    }

    fn phrase_rule(name: &str, applies_to: &str, phrase: &str) -> (String, String, String) {
        let text = format!(
            r#"
kind = "phrase"
severity = "warning"
applies-to = [{applies_to}]
message = "m"
why = "w"
suggest = ["s"]
source = "s"
phrases = ["{phrase}"]
patterns = ['\b{phrase} of (the )?\w+\b']

[examples]
flag = ["A {phrase} here."]
pass = ["Nothing here."]
"#
        );
        (
            format!("t/buzzword/{name}.toml"),
            format!("buzzword/{name}.toml"),
            text,
        )
    }

    #[test]
    fn each_kind_of_document_gets_the_phrases_of_its_own_rules() {
        use crate::DocKind;
        let mut set = RuleSet::empty().unwrap();
        let sources = [
            phrase_rule("ads", r#""job-ad""#, "rockstar"),
            phrase_rule("questions", r#""interview""#, "weakness"),
            phrase_rule("both", r#""job-ad", "interview""#, "guru"),
        ];
        set.add_sources(sources.into_iter()).unwrap();
        let engine = Engine::new(&set);
        let text = "A rockstar, a weakness and a guru.\n\nThe weakness of the plan.\n";
        let found = |kind: DocKind| {
            let doc = crate::parse::parse(
                "doc.md",
                text.to_string(),
                crate::Format::Markdown,
                Some(kind),
                &set.sections,
            );
            let mut ids: Vec<String> = engine
                .check(&doc)
                .iter()
                .map(|f| format!("{}:{}", f.rule_id(), f.start.0))
                .collect();
            ids.dedup();
            ids
        };
        // The automata are built one kind at a time, on first use, in any order; each kind
        // sees exactly the rules that apply to it, phrases and patterns alike.
        for _ in 0..2 {
            assert_eq!(
                found(DocKind::Interview),
                [
                    "buzzword/questions:1",
                    "buzzword/both:1",
                    "buzzword/questions:3"
                ]
            );
            assert_eq!(found(DocKind::JobAd), ["buzzword/ads:1", "buzzword/both:1"]);
            assert!(found(DocKind::Other).is_empty());
        }
    }

    #[test]
    fn a_repeated_paragraph_gets_its_findings_each_time_it_appears() {
        let set = RuleSet::bundled().unwrap();
        let engine = Engine::new(&set);
        let para = "We need a rockstar ninja who is a great team player.";
        let once = lint_str(&engine, &set, "a.md", &format!("# Job\n\n{para}\n"));
        assert!(!once.is_empty());
        // The same paragraph three times, in one document and then in another: the same
        // findings at each place, from the cache after the first.
        let text = format!("# Job\n\n{para}\n\nOther words.\n\n{para}\n\n{para}\n");
        for path in ["b.md", "c.md"] {
            let found = lint_str(&engine, &set, path, &text);
            assert_eq!(found.len(), 3 * once.len(), "{path}");
            for (k, line) in [3, 7, 9].into_iter().enumerate() {
                for (f, g) in once.iter().zip(&found[k * once.len()..]) {
                    assert_eq!((f.rule_id(), f.start.1), (g.rule_id(), g.start.1));
                    assert_eq!(g.start.0, line);
                }
            }
        }
    }

    #[test]
    fn near_pairs_count_in_either_order_within_the_distance() {
        let set = rules(ROUTE);
        // Close together, either order, any item of either list.
        assert!(!flagged(
            &set,
            "We make adjustments: email jobs@example.org."
        ));
        assert!(!flagged(&set, "Email us if you need extra time."));
        // One side alone is not enough.
        assert!(flagged(&set, "We make adjustments for everyone."));
        assert!(flagged(&set, "Email jobs at our office."));
        // Too far apart: 41 characters between them.
        let far = format!("We make adjustments{}email us.", " x".repeat(20) + " ");
        assert!(flagged(&set, &far));
        let near = format!("We make adjustments{}email us.", " x".repeat(19) + " ");
        assert!(!flagged(&set, &near));
        // Not across paragraphs.
        assert!(flagged(&set, "We make adjustments.\n\nEmail us."));
    }

    #[test]
    fn near_distance_counts_characters_not_bytes() {
        let set = rules(ROUTE);
        // 38 characters of three bytes each between the two sides.
        let wide = format!("adjustments {} email", "\u{2014}".repeat(38));
        assert!(!flagged(&set, &wide));
        let wider = format!("adjustments {} email", "\u{2014}".repeat(40));
        assert!(flagged(&set, &wider));
    }

    #[test]
    fn broken_near_pairs_are_errors_with_their_place() {
        let mut set = RuleSet::empty().unwrap();
        let bad_within = ROUTE.replace("within = 40", "within = 0");
        let e = set
            .add_sources([("f.toml".into(), "missing/route.toml".into(), bad_within)].into_iter())
            .unwrap_err()
            .to_string();
        assert!(e.contains("f.toml:11:10") && e.contains("`within`"), "{e}");
        let bad_regex = ROUTE.replace(r"'\bextra time\b'", "'(extra'");
        let e = set
            .add_sources([("f.toml".into(), "missing/route.toml".into(), bad_regex)].into_iter())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("f.toml:12:") && e.contains("unclosed group"),
            "{e}"
        );
        let no_second = ROUTE.replace("second = ['\\be-?mail\\b', '@']", "second = []");
        let e = set
            .add_sources([("f.toml".into(), "missing/route.toml".into(), no_second)].into_iter())
            .unwrap_err()
            .to_string();
        assert!(e.contains("`second`"), "{e}");
    }

    #[test]
    fn identical_patterns_of_two_rules_are_compiled_once() {
        let mut set = rules(ROUTE);
        let twin = ROUTE.to_string();
        set.add_sources(
            [(
                "t/missing/twin.toml".into(),
                "missing/twin.toml".into(),
                twin,
            )]
            .into_iter(),
        )
        .unwrap();
        let engine = Engine::new(&set);
        assert_eq!(engine.tables.regexes.len(), 2);
        let findings = lint_str(&engine, &set, "ad.md", "We make adjustments.");
        assert_eq!(findings.len(), 2);
    }
}
