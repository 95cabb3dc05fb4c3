//! `metric` rules: a measured value over a limit. Years of experience asked (and more years
//! than a technology has existed), must-haves in the requirements, sentence and paragraph
//! length, reading grade, and abbreviations never spelled out.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::context::Context;
use crate::document::{BlockKind, Section};
use crate::finding::Finding;
use crate::rule::{Metric, MetricCheck, Rule};
use crate::text::{Normalized, contains_word, is_whole_word, syllables, words};

pub(super) fn run(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    limits: &MetricCheck,
    out: &mut Vec<Finding>,
) {
    match limits.metric {
        Metric::YearsOfExperience => years(ctx, i, rule, limits, out),
        Metric::MustHaveCount => must_haves(ctx, i, rule, limits, out),
        Metric::SentenceLength => sentence_length(ctx, i, rule, limits, out),
        Metric::ParagraphLength => paragraph_length(ctx, i, rule, limits, out),
        Metric::ReadingGrade => reading_grade(ctx, i, rule, limits, out),
        Metric::Acronyms => acronyms(ctx, i, rule, limits, out),
    }
}

fn prose_blocks<'c>(
    ctx: &'c Context<'_>,
    rule: &'c Rule,
) -> impl Iterator<Item = (usize, &'c crate::document::Block)> + 'c {
    ctx.doc
        .blocks
        .iter()
        .enumerate()
        .filter(move |(_, b)| !b.is_heading() && rule.in_sections(b.section))
}

fn years_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s*(?:\+|plus)?\s*(?:(?:-|–|—|to)\s*(\d{1,2})\s*\+?\s*)?(?:\(\d{1,2}\)\s*)?(?:years?|yrs?)\b",
        )
        .expect("years regex")
    })
}

fn number(s: &str) -> Option<u32> {
    s.parse().ok().or(match s.to_ascii_lowercase().as_str() {
        "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        "six" => Some(6),
        "seven" => Some(7),
        "eight" => Some(8),
        "nine" => Some(9),
        "ten" => Some(10),
        "eleven" => Some(11),
        "twelve" => Some(12),
        "fifteen" => Some(15),
        "twenty" => Some(20),
        _ => None,
    })
}

fn current_year() -> u32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (1970 + secs / 31_556_952) as u32
}

/// The document's titles: front matter `title` and the first top-level heading; with
/// `short_first_line`, a page without such a heading (plain text, where a title line is not
/// underlined) uses the first line of its first block instead when it is short enough to be a
/// title ("Junior business analyst - Toronto").
fn titles<'a>(ctx: &'a Context<'_>, short_first_line: bool) -> impl Iterator<Item = &'a str> {
    let heading = ctx
        .doc
        .blocks
        .iter()
        .find(|b| matches!(b.kind, crate::document::BlockKind::Heading(1)))
        .map(|b| b.text.as_str())
        .or_else(|| {
            // Plain text copied from a job board: the first line, when it is short ("Front
            // desk agent - The Quayside Hotel"), even if the lines under it join its paragraph.
            let first = ctx.doc.blocks.first()?.text.lines().next()?;
            (short_first_line && crate::text::word_count(first) <= 12).then_some(first)
        });
    ctx.doc
        .front_matter
        .get("title")
        .map(String::as_str)
        .into_iter()
        .chain(heading)
}

/// The limit on years for this document: `entry_max` when its title names an entry-level post
/// ("Library assistant", "Trainee cook") and no senior one ("Senior care assistant").
fn years_limit(ctx: &Context<'_>, limits: &MetricCheck) -> f64 {
    let Some(entry_max) = limits.entry_max else {
        return limits.max;
    };
    let titles: Vec<String> = titles(ctx, true).map(|t| Normalized::new(t).text).collect();
    let has = |words: &[String]| {
        titles
            .iter()
            .any(|t| words.iter().any(|w| contains_word(t, w)))
    };
    if has(&limits.entry_titles) && !has(&limits.senior_titles) {
        entry_max.min(limits.max)
    } else {
        limits.max
    }
}

fn years(ctx: &Context<'_>, i: usize, rule: &Rule, limits: &MetricCheck, out: &mut Vec<Finding>) {
    let now = current_year();
    let max = years_limit(ctx, limits);
    for (bi, block) in prose_blocks(ctx, rule) {
        // Every match has `year` or `yr` (no other letters fold to theirs); most blocks have
        // neither, and a substring search is far quicker than the expression.
        let norm = &block.norm.text;
        if !norm.contains("year") && !norm.contains("yr") {
            continue;
        }
        for m in years_regex().captures_iter(&block.text) {
            let Some(whole) = m.get(0) else { continue };
            let Some(n) = m.get(1).and_then(|x| number(x.as_str())) else {
                continue;
            };
            let range = whole.range();
            let sentence = ctx.sentence_of(bi, &range);
            let norm = Normalized::new(&block.text[sentence.clone()]);
            let after = Normalized::new(&block.text[range.end..sentence.end.max(range.end)]).text;
            let after = after.trim_start();
            // "18 years of age" and "16 years old" are ages, not experience.
            let an_age = after.starts_with("of age")
                || after.starts_with("old")
                || contains_word(&norm.text, "age");
            let about_experience = !an_age
                && (norm.text.contains("experience")
                    || ["of ", "in ", "' ", "working", "doing", "building", "as "]
                        .iter()
                        .any(|p| after.starts_with(p)));
            if !about_experience || ctx.negated(bi, &range) {
                continue;
            }
            let too_many = n as f64 > max;
            let too_old = limits.since.iter().any(|(tech, year)| {
                let age = now.saturating_sub(*year);
                n > age && contains_word(&norm.text, tech)
            });
            if too_many || too_old {
                out.push(ctx.finding(i, rule, bi, range));
            }
        }
    }
}

fn must_haves(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    limits: &MetricCheck,
    out: &mut Vec<Finding>,
) {
    let sections: &[Section] = if rule.sections.is_empty() {
        &[Section::Requirements]
    } else {
        &rule.sections
    };
    // Count the list items of each run of blocks that starts at a heading of those sections.
    let mut current: Option<(usize, usize)> = None;
    let flush = |cur: Option<(usize, usize)>, out: &mut Vec<Finding>| {
        if let Some((heading, count)) = cur
            && count as f64 > limits.max
        {
            let len = ctx.doc.blocks[heading].text.len();
            out.push(ctx.finding(i, rule, heading, 0..len));
        }
    };
    for (bi, b) in ctx.doc.blocks.iter().enumerate() {
        if b.is_heading() {
            if sections.contains(&b.section) {
                // A sub-heading inside the same section keeps counting.
                if current.is_none() {
                    current = Some((bi, 0));
                }
            } else {
                flush(current.take(), out);
            }
            continue;
        }
        if let Some((_, count)) = &mut current
            && b.kind == BlockKind::ListItem
            && sections.contains(&b.section)
        {
            *count += 1;
        }
    }
    flush(current.take(), out);
}

fn sentence_length(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    limits: &MetricCheck,
    out: &mut Vec<Finding>,
) {
    for (bi, block) in prose_blocks(ctx, rule) {
        if block.kind == BlockKind::TableCell {
            continue;
        }
        for (s, &n) in block.sentences.iter().zip(ctx.sentence_words(bi)) {
            // `skip-if`: sentences of a kind the rule leaves alone.
            if n as f64 > limits.max
                && !ctx.policy.skip_if[i]
                    .iter()
                    .any(|r| r.is_match(&block.text[s.clone()]))
            {
                out.push(ctx.finding(i, rule, bi, s.clone()));
            }
        }
    }
}

fn paragraph_length(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    limits: &MetricCheck,
    out: &mut Vec<Finding>,
) {
    for (bi, block) in prose_blocks(ctx, rule) {
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote)
            && ctx.word_count(bi) as f64 > limits.max
        {
            out.push(ctx.finding(i, rule, bi, first_sentence(ctx, bi)));
        }
    }
}

fn first_sentence(ctx: &Context<'_>, bi: usize) -> Range<usize> {
    ctx.doc.blocks[bi]
        .sentences
        .first()
        .cloned()
        .unwrap_or(0..ctx.doc.blocks[bi].text.len())
}

/// The Flesch-Kincaid grade of a text.
pub fn reading_grade_of(text: &str, sentence_count: usize) -> f64 {
    let (n, syl) = words(text).fold((0usize, 0usize), |(n, syl), r| {
        (n + 1, syl + syllables(&text[r]))
    });
    if n == 0 || sentence_count == 0 {
        return 0.0;
    }
    0.39 * (n as f64 / sentence_count as f64) + 11.8 * (syl as f64 / n as f64) - 15.59
}

fn reading_grade(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    limits: &MetricCheck,
    out: &mut Vec<Finding>,
) {
    for (bi, block) in prose_blocks(ctx, rule) {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote) {
            continue;
        }
        if ctx.word_count(bi) < limits.min_words {
            continue;
        }
        if reading_grade_of(&block.text, block.sentences.len()) > limits.max {
            out.push(ctx.finding(i, rule, bi, first_sentence(ctx, bi)));
        }
    }
}

fn acronyms(
    ctx: &Context<'_>,
    i: usize,
    rule: &Rule,
    limits: &MetricCheck,
    out: &mut Vec<Finding>,
) {
    // `allow` is sorted when the rule is loaded, so a binary search needs no set per document.
    let allowed = |w: &str| limits.allow.binary_search_by(|a| a.as_str().cmp(w)).is_ok();
    // Which blocks may hold an abbreviation at all: most have none.
    let may: Vec<bool> = ctx
        .doc
        .blocks
        .iter()
        .map(|b| may_have_acronym(&b.text))
        .collect();
    // One pass over the abbreviations of the document: those explained anywhere ("(ABC)"
    // after the words, or "ABC (" before them), and those used so often that they read as
    // names (with those in the title).
    let mut explained = BTreeSet::new();
    let mut names = if limits.name_repeats > 0 {
        title_names(ctx)
    } else {
        BTreeSet::new()
    };
    let mut uses: std::collections::BTreeMap<&str, usize> = Default::default();
    for (b, _) in ctx.doc.blocks.iter().zip(&may).filter(|(_, may)| **may) {
        let t = &b.text;
        for r in words(t) {
            let w = &t[r.clone()];
            if !is_acronym(w) {
                continue;
            }
            let stem = w.trim_end_matches('s');
            if limits.name_repeats > 0 {
                let n = uses.entry(stem).or_default();
                *n += 1;
                if *n == limits.name_repeats {
                    names.insert(stem.to_string());
                }
            }
            let before = t[..r.start].trim_end();
            let after = t[r.end..].trim_start();
            // "(ABC)" after the words, or an explanation in brackets within the next three
            // words: "STAR method (situation, task, action, result)". Brackets that hold only
            // more codes ("RTI returns (FPS and EPS)") explain nothing.
            let bracket_soon =
                after.split_whitespace().take(3).any(|w| w.starts_with('(')) && explains(after);
            if (before.ends_with('(') && after.starts_with(')')) || bracket_soon {
                explained.insert(stem.to_string());
            }
        }
    }
    // Built on the first candidate: the initials of runs of capitalised words ("Boston
    // Public Library" spells BPL). Each candidate then looks for itself in lower case ("We all
    // CARE" is emphasis when "care" occurs too).
    let mut spelled: Option<Spelled<'_>> = None;
    let mut reported = BTreeSet::new();
    for (bi, block) in prose_blocks(ctx, rule) {
        let t = &block.text;
        if !may[bi] {
            continue;
        }
        let all: Vec<Range<usize>> = words(t).collect();
        let upper = all.iter().filter(|r| is_acronym(&t[(*r).clone()])).count();
        if all.len() >= 3 && upper * 2 > all.len() {
            continue; // A shouted line, not abbreviations.
        }
        for (n, r) in all.iter().enumerate() {
            let w = &t[r.clone()];
            if !is_acronym(w) {
                continue;
            }
            let stem = w.trim_end_matches('s');
            if allowed(stem)
                || allowed(w)
                || explained.contains(stem)
                || names.contains(stem)
                || shouted_or_label(t, &all, n)
                || capitals_line(t, &all, n)
                || postcode(t, &all, n)
                || (limits.product_names && beside_a_name(t, &all, n, block.section))
            {
                continue;
            }
            let spelled = spelled.get_or_insert_with(|| Spelled::new(ctx));
            if spelled.initials(stem) || spelled.in_lower_case(w) {
                continue;
            }
            if reported.insert(stem.to_string()) {
                out.push(ctx.finding(i, rule, bi, r.clone()));
            }
        }
    }
}

/// Does the first bracket in `after` read as words that explain ("(situation, task, action,
/// result)", "(Keep In View)")? It must hold a word of four letters or more in lower case;
/// one that holds only codes and short joining words ("(FPS and EPS)") does not.
fn explains(after: &str) -> bool {
    let Some(open) = after.find('(') else {
        return false;
    };
    let inside = &after[open + 1..];
    let inside = &inside[..inside.find(')').unwrap_or(inside.len())];
    words(inside).any(|r| {
        let w = &inside[r];
        w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && w.chars().any(char::is_lowercase)
    })
}

/// Words in capitals (of any length) around word `n` of `t`, as a range of word indices. The
/// run stops at punctuation between two words: "SSP, SMP, SPP" is a list of codes, not a line
/// in capitals.
fn capital_run(t: &str, all: &[Range<usize>], n: usize) -> Range<usize> {
    let caps = |k: usize| {
        let w = &t[all[k].clone()];
        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
    };
    // Only spaces (or a hyphen, a slash or an ampersand) between word `k - 1` and word `k`.
    let joined = |k: usize| {
        t[all[k - 1].end..all[k].start]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '/' | '&'))
    };
    let mut start = n;
    while start > 0 && caps(start - 1) && joined(start) {
        start -= 1;
    }
    let mut end = n + 1;
    while end < all.len() && caps(end) && joined(end) {
        end += 1;
    }
    start..end
}

/// Is word `n` of `t` part of a run of three or more words in capitals (a shouted heading or
/// name, "CARE2 TRAINING LIMITED"), or of a label in capitals that opens a line and ends in a
/// colon ("POST TITLE:", "TYPE OF POSTING:")?
fn shouted_or_label(t: &str, all: &[Range<usize>], n: usize) -> bool {
    let run = capital_run(t, all, n);
    if run.len() >= 3 {
        return true;
    }
    let (first, last) = (&all[run.start], &all[run.end - 1]);
    let line_start = t[..first.start].rfind('\n').map_or(0, |i| i + 1);
    t[line_start..first.start].trim().is_empty() && t[last.end..].trim_start().starts_with(':')
}

/// Is word `n` of `t` on a line written wholly in capitals, with a word too long to be an
/// abbreviation ("VACANCY: TEACHING ASSISTANT (LEVEL 2) - YEAR 2")? Such a line is a heading
/// or a name in capitals, whatever its punctuation. A label that opens the line is not counted:
/// "REQUIREMENTS: CSCS, IPAF, PASMA" is a list of codes.
fn capitals_line(t: &str, all: &[Range<usize>], n: usize) -> bool {
    let at = all[n].start;
    let start = t[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = t[at..].find('\n').map_or(t.len(), |i| at + i);
    let line = &t[start..end];
    let rest = match line.find(':') {
        Some(colon) if start + colon < at => &line[colon + 1..],
        _ => line,
    };
    !line.chars().any(char::is_lowercase)
        && words(rest).nth(1).is_some()
        && words(rest).any(|r| rest[r].chars().filter(|c| c.is_alphabetic()).count() > 6)
}

/// Does word `n` of `t` read as the name of a product, a tool or a qualification? It does when
/// it is an item of a list, itself of at most three capitalised words, beside another such item
/// that holds a name in mixed case ("SQL, Python, SAS and Tableau"; "Sage 200"; not "the AGM",
/// nor "Safety legislation"). In the requirements, where tools and qualifications are listed,
/// so does one written just after such a name ("Excel VBA", "Amazon EKS"); elsewhere that is
/// more often a place or an organisation ("Leeds CCG"). A word that opens its clause is never a
/// name, its capital may be the sentence's, and an item that holds it is not the other item.
fn beside_a_name(t: &str, all: &[Range<usize>], n: usize, section: Section) -> bool {
    let gap = |k: usize| &t[all[k - 1].end..all[k].start];
    // A clause ends at sentence punctuation, a bracket or a line break.
    let opens_clause = |k: usize| {
        k == 0
            || gap(k).chars().any(|c| {
                matches!(
                    c,
                    '.' | ';' | ':' | '(' | ')' | '[' | ']' | '!' | '?' | '\n' | '|'
                )
            })
    };
    let capitalised = |k: usize| {
        t[all[k].clone()]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let name = |k: usize| {
        let w = &t[all[k].clone()];
        !opens_clause(k)
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !is_acronym(w)
    };
    let listed = matches!(section, Section::Requirements | Section::NiceToHave);
    if listed && n > 0 && !opens_clause(n) && gap(n).trim().is_empty() && name(n - 1) {
        return true;
    }
    // The clause around the word, at most `REACH` words either side: a list of tools is short,
    // and a bound keeps a page-long sentence of codes from costing a scan per code.
    const REACH: usize = 24;
    let mut first = n;
    while !opens_clause(first) && n - first < REACH {
        first -= 1;
    }
    let mut end = n + 1;
    while end < all.len() && !opens_clause(end) && end - n <= REACH {
        end += 1;
    }
    // The clause's words as list items: a comma or a slash, or the word "and" or "or",
    // separates two items.
    let joiner = |k: usize| matches!(&t[all[k].clone()], "and" | "or");
    let mut items: Vec<Vec<usize>> = vec![Vec::new()];
    let mut own = 0;
    for k in first..end {
        if joiner(k) {
            items.push(Vec::new());
            continue;
        }
        if k > first && gap(k).contains([',', '/']) && !items.last().is_some_and(Vec::is_empty) {
            items.push(Vec::new());
        }
        if k == n {
            own = items.len() - 1;
        }
        if let Some(item) = items.last_mut() {
            item.push(k);
        }
    }
    // An item of names: at most three words, all capitalised.
    let of_names = |item: &[usize]| {
        !item.is_empty() && item.len() <= 3 && item.iter().all(|&k| capitalised(k))
    };
    items.len() > 1
        && of_names(&items[own])
        && items.iter().enumerate().any(|(i, item)| {
            // The item that opens the clause is left out: "Join Sarah and the SLT".
            i != own && of_names(item) && item[0] != first && item.iter().any(|&k| name(k))
        })
}

/// Is word `n` of `t` part of a UK postcode ("TW19 6AQ")?
fn postcode(t: &str, all: &[Range<usize>], n: usize) -> bool {
    let outward = |w: &str| {
        let b = w.as_bytes();
        let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
        (1..=2).contains(&letters)
            && b.get(letters).is_some_and(u8::is_ascii_digit)
            && b.len() <= letters + 2
            && b[letters + 1..]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    let inward = |w: &str| {
        let b = w.as_bytes();
        b.len() == 3 && b[0].is_ascii_digit() && b[1..].iter().all(u8::is_ascii_uppercase)
    };
    let word = |k: usize| &t[all[k].clone()];
    (outward(word(n)) && n + 1 < all.len() && inward(word(n + 1)))
        || (inward(word(n)) && n > 0 && outward(word(n - 1)))
}

/// What spells an abbreviation out in a document and its title: runs of capitalised words
/// (short words in lower case inside a run are skipped: "Department for Work and Pensions"
/// spells DWP) and the words written in lower case.
///
/// Only a few abbreviations in a document get this far, so each looks for itself in the text;
/// a set of every lower-case word and every initials of two to six letters, built for each
/// document, cost more than the rest of the abbreviation check.
struct Spelled<'d> {
    /// The initials of each run of capitalised words, two or more.
    runs: Vec<String>,
    /// The texts: the blocks and the title.
    texts: Vec<&'d str>,
}

impl<'d> Spelled<'d> {
    fn new(ctx: &Context<'d>) -> Spelled<'d> {
        // The page's title too (front matter, or an HTML page's <title>): "Jobs: Venture
        // Community Association" spells VCA.
        let title = ctx.doc.front_matter.get("title").map(String::as_str);
        let texts: Vec<&str> = ctx
            .doc
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .chain(title)
            .collect();
        let mut runs = Vec::new();
        for t in &texts {
            let mut run = String::new();
            let mut flush = |run: &mut String| {
                if run.chars().nth(1).is_some() {
                    runs.push(std::mem::take(run));
                }
                run.clear();
            };
            let mut last_end = 0;
            for r in words(t) {
                let w = &t[r.clone()];
                // A run is broken by punctuation other than spaces between its words.
                if !t[last_end..r.start].chars().all(|c| c == ' ' || c == '-') && !run.is_empty() {
                    flush(&mut run);
                }
                last_end = r.end;
                let first = w.chars().next().unwrap_or(' ');
                if first.is_uppercase() {
                    run.push(first);
                } else if first.is_lowercase() {
                    if w.len() > 3 || run.is_empty() {
                        flush(&mut run);
                    }
                } else {
                    flush(&mut run);
                }
            }
            flush(&mut run);
        }
        Spelled { runs, texts }
    }

    /// Are the two to six letters of `stem` the initials of consecutive words of a run?
    fn initials(&self, stem: &str) -> bool {
        (2..=6).contains(&stem.chars().count()) && self.runs.iter().any(|r| r.contains(stem))
    }

    /// Does the document write `w` in lower case, as a whole word?
    fn in_lower_case(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        if !lower.chars().next().is_some_and(char::is_lowercase)
            || words(&lower).next() != Some(0..lower.len())
        {
            return false;
        }
        self.texts.iter().any(|t| {
            t.match_indices(lower.as_str())
                .any(|(at, _)| is_whole_word(t, &(at..at + lower.len())))
        })
    }
}

/// The abbreviations in the document's titles (front matter `title`, its first top-level
/// heading), which read as names. The check also reads as names those used `name-repeats`
/// times or more: an organisation, product or programme is named again and again; a code a
/// reader trips over is usually written once or twice.
fn title_names(ctx: &Context<'_>) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for t in titles(ctx, false) {
        for r in words(t) {
            if is_acronym(&t[r.clone()]) {
                names.insert(t[r].trim_end_matches('s').to_string());
            }
        }
    }
    names
}

/// False when `t` certainly has no abbreviation: one has two or more capitals or digits in a
/// row, at least one of them a capital.
fn may_have_acronym(t: &str) -> bool {
    // Per byte: 2 for a capital, 1 for a digit, 0 for anything else. A pair qualifies when
    // both are non-zero and one is 2, that is when their product is 2 or more.
    static CLASS: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = match b as u8 {
                b'A'..=b'Z' => 2,
                b'0'..=b'9' => 1,
                _ => 0,
            };
            b += 1;
        }
        table
    };
    let mut last = 0u8;
    t.bytes().any(|b| {
        let class = CLASS[b as usize];
        let pair = last * class >= 2;
        last = class;
        pair
    })
}

fn is_acronym(w: &str) -> bool {
    // Most words start with a lower-case letter or have one second; one lower-case letter
    // before three or more capitals is a code too ("cGMP").
    let b = w.as_bytes();
    if b.first().is_some_and(u8::is_ascii_lowercase)
        && b.len() >= 4
        && b[1..4].iter().all(u8::is_ascii_uppercase)
    {
        return is_acronym(&w[1..]);
    }
    if b.first().is_some_and(u8::is_ascii_lowercase) || b.get(1).is_some_and(u8::is_ascii_lowercase)
    {
        return false;
    }
    let core = w.strip_suffix('s').unwrap_or(w);
    let n = core.chars().count();
    (2..=6).contains(&n)
        && core.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
}

#[cfg(test)]
mod tests {
    use crate::rule::RuleSet;

    proptest::proptest! {
        /// The one-pass test says what the test of every pair of bytes says.
        #[test]
        fn may_have_acronym_tests_every_pair(t in "[aA0Z9 é.-]{0,24}") {
            let class = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
            let pairs = t.as_bytes().windows(2).any(|w| {
                class(w[0]) && class(w[1]) && (w[0].is_ascii_uppercase() || w[1].is_ascii_uppercase())
            });
            proptest::prop_assert_eq!(super::may_have_acronym(&t), pairs);
        }
    }
    use crate::{Engine, lint_str};

    /// The abbreviations `readability/acronyms` reports in `text` (a job ad).
    fn reported(text: &str) -> Vec<String> {
        let set = RuleSet::bundled().unwrap();
        let engine = Engine::new(&set);
        lint_str(&engine, &set, "ad.md", text)
            .into_iter()
            .filter(|f| f.rule.id == "readability/acronyms")
            .map(|f| f.matched.clone())
            .collect()
    }

    #[test]
    fn codes_are_reported_but_not_words_in_capitals_names_spelled_out_or_postcodes() {
        let ad = "---\nkind: job-ad\n---\n\
                  POST TITLE: Library assistant\n\n\
                  ## About us\n\n\
                  Boston Public Library and the Department for Work and Pensions fund \
                  this post; the BPL and the DWP pay for training. We all CARE about readers, and we take \
                  care of our team. Our office is at 3 High Street, TW19 6AQ.\n\n\
                  ## What you'll do\n\n\
                  - Work to cGMP and plan lessons for the KS2 curriculum.\n\
                  - Catalogue new books in the LMS.\n";
        let mut got = reported(ad);
        got.sort();
        assert_eq!(got, ["KS2", "LMS", "cGMP"], "{ad}");
    }

    #[test]
    fn codes_in_the_requirements_and_benefits_are_names_of_what_a_reader_holds_or_gets() {
        let ad = |heading: &str| {
            format!(
                "---\nkind: job-ad\n---\n## {heading}\n\n\
                 - A current CPCS card, or the NPORS equivalent.\n\
                 - Group RRSP with a 4% employer match.\n"
            )
        };
        for heading in ["What you'll need", "Nice to have", "What we offer"] {
            assert_eq!(reported(&ad(heading)), Vec::<String>::new(), "{heading}");
        }
        let mut got = reported(&ad("What you'll do"));
        got.sort();
        assert_eq!(got, ["CPCS", "NPORS", "RRSP"]);
    }

    #[test]
    fn the_first_line_of_plain_text_is_its_title_for_the_entry_level_limit() {
        let set = RuleSet::bundled().unwrap();
        let engine = Engine::new(&set);
        let years = |text: &str| {
            lint_str(&engine, &set, "ad.txt", text)
                .iter()
                .any(|f| f.rule.id == "unrealistic/years-of-experience")
        };
        let ad = |title: &str| {
            format!(
                "{title}\nHarbour Hotels\nPosted 3 days ago | Full time\n\n\
                 WHAT YOU NEED\n\n- Minimum 5 years' experience on a hotel front desk.\n"
            )
        };
        assert!(years(&ad("Front Desk Agent - The Quay Hotel, Bristol")));
        assert!(!years(&ad("Front Desk Manager - The Quay Hotel, Bristol")));
    }

    #[test]
    fn a_list_of_codes_is_not_a_line_in_capitals_and_codes_in_brackets_explain_nothing() {
        let ad = "---\nkind: job-ad\n---\n\
                  ## What you'll do\n\n\
                  - Calculate SSP, SMP and SPP from the absence records.\n\
                  - Submit the RTI returns (FPS and EPS) each month.\n\
                  - Follow the STAR method (situation, task, action, result).\n\
                  - Keep the QUARTERLY RETURN FILE up to date.\n";
        let mut got = reported(ad);
        got.sort();
        assert_eq!(got, ["EPS", "FPS", "RTI", "SMP", "SPP", "SSP"], "{ad}");
    }
}
