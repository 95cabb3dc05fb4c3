//! Reports: every output format is a view of the same list of findings.
//!
//! The command line hands each checked file to an [`Emitter`] in a stable order (sorted by
//! path), then the [`Summary`]. Emitters that can stream write as they go, so memory stays flat
//! however many files are checked.

pub mod catalogue;
pub mod checkstyle;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
mod markup;
mod model;
pub mod outputs;
pub mod sarif;
pub mod view;

pub use model::{Emitter, FileResult, ReportFormat, ReportOptions, Summary};

/// The emitter for a format.
pub fn emitter(format: ReportFormat, options: &ReportOptions) -> Box<dyn Emitter> {
    match format {
        ReportFormat::Human => {
            let mut h = human::Human::new(options.color);
            h.long_summary = options.long_summary;
            Box::new(h)
        }
        ReportFormat::Json => Box::new(json::Json::new()),
        ReportFormat::Jsonl => Box::new(json::JsonLines),
        ReportFormat::Sarif => Box::new(sarif::Sarif::new(options)),
        ReportFormat::Github => Box::new(github::Github::new(options)),
        ReportFormat::Junit => Box::new(junit::Junit::new(options)),
        ReportFormat::Checkstyle => Box::new(checkstyle::Checkstyle::new(options)),
        ReportFormat::Html => Box::new(html::HtmlReport::new(options)),
    }
}

/// The rule catalogue as Markdown, for review sessions with people with lived experience:
/// per family, each rule with its message, why, suggestions, source, review state, everything
/// that decides its findings, and its examples; then the word lists of the language (question
/// kinds, negations, sections and kind cues), which decide findings too.
pub fn catalogue_markdown(set: &crate::rule::RuleSet) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("# hirelint rules\n\n");
    let reviewed = set.rules.iter().filter(|r| r.is_reviewed()).count();
    let _ = writeln!(
        out,
        "{} rules ({reviewed} reviewed by a panel with lived experience). Each says what it flags, why it is a barrier, and what to write instead. The word lists at the end decide findings too.\n",
        set.rules.len()
    );
    let list = |out: &mut String, label: &str, items: &[String]| {
        list_line(out, &format!("{label}:"), items);
    };
    let evidence = |out: &mut String, label: &str, e: &crate::rule::Evidence| {
        let secs: Vec<String> = e.sections.iter().map(|s| s.as_str().to_string()).collect();
        list(out, &format!("{label} sections"), &secs);
        list(out, &format!("{label} phrases"), &e.phrases);
        let pats: Vec<String> = e.patterns.iter().map(|p| p.written().to_string()).collect();
        list(out, &format!("{label} patterns"), &pats);
        let near: Vec<String> = e
            .near
            .iter()
            .map(|n| {
                format!(
                    "{} within {} characters of {}",
                    n.first.written(),
                    n.within,
                    n.second.written()
                )
            })
            .collect();
        list(out, &format!("{label} near pairs"), &near);
        let agree: Vec<String> = e.agree.iter().map(|g| g.join(" / ")).collect();
        list(
            out,
            &format!(
                "{label}: evidence that names one of these counts only for a requirement that names the same"
            ),
            &agree,
        );
    };
    for fam in crate::rule::FAMILIES {
        let rules: Vec<_> = set.rules.iter().filter(|r| r.family == fam).collect();
        if rules.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {fam}\n");
        for r in rules {
            let _ = writeln!(out, "### `{}`\n", r.id);
            let mut facts = vec![
                r.severity.as_str().to_string(),
                format!("{} rule", r.kind().as_str()),
            ];
            if !r.jurisdictions.is_empty() {
                facts.push(format!("law of {}", r.jurisdictions.join(", ")));
            }
            if r.opt_in {
                facts.push("opt-in: runs only when selected".into());
            }
            if !r.formerly.is_empty() {
                let old: Vec<String> = r.formerly.iter().map(|o| format!("`{o}`")).collect();
                facts.push(format!("formerly {}", old.join(", ")));
            }
            if !r.yields_to.is_empty() {
                let to: Vec<String> = r.yields_to.iter().map(|f| format!("`{f}`")).collect();
                facts.push(format!(
                    "not reported on words that a rule of {} already names",
                    to.join(", ")
                ));
            }
            let _ = writeln!(out, "*{}*\n", facts.join(" · "));
            let review = match &r.reviewed {
                Some(v) if v.done() => format!(
                    "reviewed by {} on {}{}",
                    v.by,
                    v.date,
                    if v.notes.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", v.notes)
                    }
                ),
                _ => "not yet reviewed by a panel with lived experience".into(),
            };
            let _ = writeln!(out, "**Review:** {review}\n");
            let _ = writeln!(out, "**Message:** {}\n", r.message.replace("{match}", "…"));
            let _ = writeln!(
                out,
                "**Why:** {}\n",
                r.why.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            let _ = writeln!(out, "**Instead:**\n");
            for s in &r.suggest {
                let _ = writeln!(out, "- {s}");
            }
            out.push('\n');
            let docs: Vec<String> = r
                .applies_to
                .iter()
                .map(|k| k.as_str().to_string())
                .collect();
            list(&mut out, "Documents", &docs);
            let secs: Vec<String> = r.sections.iter().map(|s| s.as_str().to_string()).collect();
            list(&mut out, "Sections", &secs);
            list(&mut out, "Question kinds", r.question_kinds());
            let (first, second) = match r.kind() {
                crate::rule::RuleKind::Conditional => ("When", "Unless"),
                crate::rule::RuleKind::Required => ("Withheld when", "Present when"),
                _ => ("", ""),
            };
            evidence(
                &mut out,
                if first.is_empty() { "Match" } else { first },
                r.matches(),
            );
            if !second.is_empty() {
                evidence(&mut out, second, r.evidence());
            }
            if let crate::rule::Check::Required { front_matter, .. } = &r.check {
                list(&mut out, "Front matter keys", front_matter);
            } else {
                list(&mut out, "Front matter keys", &[]);
            }
            list(&mut out, "Exceptions", &r.exceptions);
            let skips: Vec<String> = r.skip_if.iter().map(|p| p.written().to_string()).collect();
            list(&mut out, "Sentences left alone", &skips);
            for (name, words) in &r.lists {
                list(&mut out, &format!("Word list `{{{name}}}`"), words);
            }
            if let Some(m) = r.metric() {
                let _ = writeln!(out, "**Measures:** {:?}, limit {}\n", m.metric, m.max);
                list(&mut out, "Allowed", &m.allow);
                if m.name_repeats > 0 {
                    let _ = writeln!(
                        out,
                        "**Read as names:** abbreviations used {} times or more, or written in the title\n",
                        m.name_repeats
                    );
                }
                if m.product_names {
                    let _ = writeln!(
                        out,
                        "**Read as names of products:** abbreviations just after a name in mixed case (\"Excel VBA\"), or listed beside one (\"Python, SAS and Tableau\")\n"
                    );
                }
                let since: Vec<String> =
                    m.since.iter().map(|(t, y)| format!("{t} ({y})")).collect();
                list(&mut out, "Technologies and their first year", &since);
                if let Some(entry) = m.entry_max {
                    let _ = writeln!(
                        out,
                        "**Limit when the title names an entry-level post:** {entry}\n"
                    );
                }
                list(&mut out, "Entry-level title words", &m.entry_titles);
                list(
                    &mut out,
                    "Senior title words (keep the usual limit)",
                    &m.senior_titles,
                );
            }
            if let Some(f) = &r.fix {
                let _ = writeln!(out, "**Safe fix:** `{f}`\n");
            }
            let _ = writeln!(out, "**Source:** {}\n", r.source);
            let _ = writeln!(out, "**Flagged:**\n");
            for e in &r.flag_examples {
                let _ = writeln!(out, "- {}", e.replace('\n', " ⏎ "));
            }
            let _ = writeln!(out, "\n**Left alone:**\n");
            for e in &r.pass_examples {
                let _ = writeln!(out, "- {}", e.replace('\n', " ⏎ "));
            }
            out.push('\n');
        }
    }
    language_markdown(set, &mut out);
    out
}

/// Words in code marks, separated by commas.
fn code(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One paragraph of a word list: its label in bold, then the words. A list left empty in the
/// rule files is not shown.
fn list_line(out: &mut String, label: &str, items: &[String]) {
    use std::fmt::Write as _;
    if !items.is_empty() {
        let _ = writeln!(out, "**{label}** {}\n", code(items));
    }
}

/// The word lists of the language (`rules/language/`, `rules/sections.toml`) as Markdown.
fn language_markdown(set: &crate::rule::RuleSet, out: &mut String) {
    use std::fmt::Write as _;
    let lex = set.lexicon();
    let _ = writeln!(out, "## The word lists of the language\n");
    let _ = writeln!(
        out,
        "These lists decide findings as much as the rules do: which sentences are questions and of which kind, which words negate a match, which headings start which section, and what kind a document is.\n"
    );
    let _ = writeln!(
        out,
        "### Question kinds (`rules/language/questions.toml`)\n"
    );
    list_line(
        out,
        "A sentence or list item is a prompt when it opens with:",
        &lex.prompts,
    );
    list_line(out, "…but not when it opens like an offer:", &lex.offers);
    list_line(
        out,
        "…or when it opens with one of these and a comma, then a prompt:",
        &lex.lead_ins,
    );
    list_line(
        out,
        "…or with one of these spoken openers and a space only (\"So tell us…\"):",
        &lex.spoken_lead_ins,
    );
    list_line(
        out,
        "A short question points back to the sentences before it in its paragraph (which are then part of it) when it has:",
        &lex.points_back,
    );
    let _ = writeln!(
        out,
        "**A question reported in prose (\"we ask where they see themselves in five years\") is read as the question it reports, said to \"you\", and classified like any other:**\n"
    );
    for (what, words) in lex.reported.lists() {
        let _ = writeln!(out, "- {what}: {}", code(&words));
    }
    let _ = writeln!(out);
    for k in &lex.kinds {
        let _ = writeln!(
            out,
            "#### {}\n\n{}\n",
            crate::questions::KINDS[k.kind],
            k.about
        );
        let cues: Vec<String> = k.cues.iter().map(|c| c.source.clone()).collect();
        let unless: Vec<String> = k.unless.iter().map(|c| c.source.clone()).collect();
        list_line(out, "Forms of this kind:", &cues);
        list_line(out, "Fair after all when:", &unless);
        let names = |list: &[usize]| -> Vec<String> {
            list.iter()
                .map(|&i| crate::questions::KINDS[i].to_string())
                .collect()
        };
        list_line(
            out,
            "Also fair after all when a question is fair for:",
            &names(&k.unless_of),
        );
        list_line(
            out,
            "A question of this kind is not also given:",
            &names(&k.replaces),
        );
    }
    let _ = writeln!(out, "### Reasons (`rules/language/reasons.toml`)\n");
    list_line(
        out,
        "Evidence in the same sentence as a requirement is its reason only when joined by:",
        &lex.reasons,
    );
    list_line(
        out,
        "Phrases with such a word that give no reason:",
        &lex.not_reasons,
    );
    let _ = writeln!(out, "### Negation (`rules/language/negation.toml`)\n");
    let _ = writeln!(
        out,
        "**Words that negate a match up to {} words after them:** {}\n",
        lex.negation_window,
        code(&lex.negations)
    );
    list_line(
        out,
        "Words a negation does not reach past:",
        &lex.negation_stops,
    );
    list_line(
        out,
        "Words that, just after \"not\" or a word ending in n't, make it \"not only\" and not a denial:",
        &lex.negation_widens,
    );
    if !lex.negation_describes.is_empty() {
        list_line(
            out,
            "Negations that, opening a sentence with no subject, describe someone and do not deny (\"Won't make eye contact\"):",
            &lex.negation_describes,
        );
        list_line(
            out,
            "…unless one of these follows (\"Doesn't need to…\"):",
            &lex.negation_describes_not_before,
        );
    }
    list_line(
        out,
        "Words that, just after a negation, keep it to themselves (\"do not share in advance: 'What will…?'\" is still asked):",
        &lex.negation_not_before,
    );
    list_line(
        out,
        "Heading words that make what follows examples of what not to do:",
        &lex.negating_headings,
    );
    if !lex.negating_headings_not_before.is_empty() {
        list_line(
            out,
            "…unless one of these follows, which makes the heading about handling the list or advice to the reader (\"do not send in advance\", \"Don't overthink it\"):",
            &lex.negating_headings_not_before,
        );
        list_line(
            out,
            "…except after these, whose next word is what is avoided (\"Avoid stress-interview questions\"):",
            &lex.negating_headings_with_object,
        );
    }
    list_line(
        out,
        "A statement read as a question that opens with one of these says what the process does not do:",
        &lex.denying_openers,
    );
    list_line(
        out,
        "…and so does one that opens with one of these and a negation within three words:",
        &lex.denying_subjects,
    );
    list_line(
        out,
        "…or one with a negation just before one of these:",
        &lex.denied_assessments,
    );
    let _ = writeln!(out, "### Sentences (`rules/language/sentences.toml`)\n");
    let _ = writeln!(
        out,
        "**A full stop after these does not end a sentence:** {}\n",
        code(crate::text::abbreviations())
    );
    let _ = writeln!(
        out,
        "**…nor after these when a number follows:** {}\n",
        code(crate::text::abbreviations_before_numbers())
    );
    let _ = writeln!(out, "### Sections (`rules/sections.toml`)\n");
    for (section, words) in set.sections.entries() {
        let also = set
            .sections
            .also_checked_as(*section)
            .map(|k| format!(" (also checked with the {k} rules, whatever the document's kind)"))
            .unwrap_or_default();
        let _ = writeln!(out, "**{}{also}:** {}\n", section.as_str(), code(words));
        if let Some(n) = set.sections.label_first_words(*section) {
            let _ = writeln!(
                out,
                "**…in a label line that ends in a colon, the words of {} count only within its \
                 first {n} words.**\n",
                section.as_str()
            );
        }
        list_line(
            out,
            &format!(
                "…but a paragraph or list item of {} that contains one of these is read as other:",
                section.as_str()
            ),
            set.sections.other_if(*section),
        );
    }
    let (skip, min_words) = set.sections.front_matter_rules();
    let _ = writeln!(
        out,
        "**Front matter:** string values of at least {min_words} words are read as text, in the \
         section their key names, except under these keys: {}\n",
        code(skip)
    );
    let _ = writeln!(out, "### Document kinds (`rules/language/kinds.toml`)\n");
    for (name, words) in set.sections.kind_words().named_lists() {
        let _ = writeln!(out, "**{name}:** {}\n", code(words));
    }
}
