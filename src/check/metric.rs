//! `metric` rules: a measured value over a limit. Years of experience asked (and more years
//! than a technology has existed), must-haves in the requirements, sentence and paragraph
//! length, reading grade, and abbreviations never spelled out.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::Context;
use crate::document::{BlockKind, Section};
use crate::finding::Finding;
use crate::rule::{Metric, Rule};
use crate::text::{Normalized, at_word_boundaries, syllables, words};

pub(super) fn run(ctx: &Context<'_>, i: usize, rule: &Rule, out: &mut Vec<Finding>) {
    match rule.metric {
        Some(Metric::YearsOfExperience) => years(ctx, i, rule, out),
        Some(Metric::MustHaveCount) => must_haves(ctx, i, rule, out),
        Some(Metric::SentenceLength) => sentence_length(ctx, i, rule, out),
        Some(Metric::ParagraphLength) => paragraph_length(ctx, i, rule, out),
        Some(Metric::ReadingGrade) => reading_grade(ctx, i, rule, out),
        Some(Metric::Acronyms) => acronyms(ctx, i, rule, out),
        None => {}
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

fn years(ctx: &Context<'_>, i: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let now = current_year();
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
            let an_age = after.starts_with("of age") || after.starts_with("old");
            let about_experience = !an_age
                && (norm.text.contains("experience")
                    || ["of ", "in ", "' ", "working", "doing", "building", "as "]
                        .iter()
                        .any(|p| after.starts_with(p)));
            if !about_experience || ctx.negated(bi, &range) {
                continue;
            }
            let too_many = n as f64 > rule.max;
            let too_old = rule.since.iter().any(|(tech, year)| {
                let age = now.saturating_sub(*year);
                n > age && contains_word(&norm.text, tech)
            });
            if too_many || too_old {
                out.push(ctx.finding(i, rule, bi, range));
            }
        }
    }
}

fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle)
        .any(|(at, _)| at_word_boundaries(hay, &(at..at + needle.len())))
}

fn must_haves(ctx: &Context<'_>, i: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let sections: &[Section] = if rule.sections.is_empty() {
        &[Section::Requirements]
    } else {
        &rule.sections
    };
    // Count the list items of each run of blocks that starts at a heading of those sections.
    let mut current: Option<(usize, usize)> = None;
    let flush = |cur: Option<(usize, usize)>, out: &mut Vec<Finding>| {
        if let Some((heading, count)) = cur
            && count as f64 > rule.max
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

fn sentence_length(ctx: &Context<'_>, i: usize, rule: &Rule, out: &mut Vec<Finding>) {
    for (bi, block) in prose_blocks(ctx, rule) {
        if block.kind == BlockKind::TableCell {
            continue;
        }
        for (s, &n) in block.sentences.iter().zip(ctx.sentence_words(bi)) {
            if n as f64 > rule.max {
                out.push(ctx.finding(i, rule, bi, s.clone()));
            }
        }
    }
}

fn paragraph_length(ctx: &Context<'_>, i: usize, rule: &Rule, out: &mut Vec<Finding>) {
    for (bi, block) in prose_blocks(ctx, rule) {
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote)
            && ctx.word_count(bi) as f64 > rule.max
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

fn reading_grade(ctx: &Context<'_>, i: usize, rule: &Rule, out: &mut Vec<Finding>) {
    for (bi, block) in prose_blocks(ctx, rule) {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote) {
            continue;
        }
        if ctx.word_count(bi) < rule.min_words {
            continue;
        }
        if reading_grade_of(&block.text, block.sentences.len()) > rule.max {
            out.push(ctx.finding(i, rule, bi, first_sentence(ctx, bi)));
        }
    }
}

fn acronyms(ctx: &Context<'_>, i: usize, rule: &Rule, out: &mut Vec<Finding>) {
    let allow: BTreeSet<&str> = rule.allow.iter().map(String::as_str).collect();
    // Abbreviations explained anywhere: "(ABC)" after the words, or "ABC (" before them.
    let mut explained = BTreeSet::new();
    for b in &ctx.doc.blocks {
        let t = &b.text;
        if !may_have_acronym(t) {
            continue;
        }
        for r in words(t) {
            let w = &t[r.clone()];
            if !is_acronym(w) {
                continue;
            }
            let before = t[..r.start].trim_end();
            let after = t[r.end..].trim_start();
            // "(ABC)" after the words, or an explanation in brackets within the next three
            // words: "STAR method (situation, task, action, result)".
            let bracket_soon = after.split_whitespace().take(3).any(|w| w.starts_with('('));
            if (before.ends_with('(') && after.starts_with(')')) || bracket_soon {
                explained.insert(w.trim_end_matches('s').to_string());
            }
        }
    }
    let names = if rule.name_repeats > 0 {
        names(ctx, rule.name_repeats)
    } else {
        BTreeSet::new()
    };
    let mut reported = BTreeSet::new();
    for (bi, block) in prose_blocks(ctx, rule) {
        let t = &block.text;
        if !may_have_acronym(t) {
            continue;
        }
        let all: Vec<Range<usize>> = words(t).collect();
        let upper = all.iter().filter(|r| is_acronym(&t[(*r).clone()])).count();
        if upper * 2 > all.len() {
            continue; // A shouted line, not abbreviations.
        }
        for r in all {
            let w = &t[r.clone()];
            if !is_acronym(w) {
                continue;
            }
            let stem = w.trim_end_matches('s');
            if allow.contains(stem)
                || allow.contains(w)
                || explained.contains(stem)
                || names.contains(stem)
            {
                continue;
            }
            if reported.insert(stem.to_string()) {
                out.push(ctx.finding(i, rule, bi, r));
            }
        }
    }
}

/// The abbreviations a document uses as names: those in its title (front matter `title`, its
/// first top-level heading) and those it uses `repeats` times or more. An organisation,
/// product or programme is named again and again; a code a reader trips over is usually
/// written once or twice.
fn names(ctx: &Context<'_>, repeats: usize) -> BTreeSet<String> {
    let mut count: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut names = BTreeSet::new();
    let title = ctx
        .doc
        .blocks
        .iter()
        .find(|b| matches!(b.kind, crate::document::BlockKind::Heading(1)));
    let titles = ctx
        .doc
        .front_matter
        .get("title")
        .map(String::as_str)
        .into_iter()
        .chain(title.map(|b| b.text.as_str()));
    for t in titles {
        for r in words(t) {
            if is_acronym(&t[r.clone()]) {
                names.insert(t[r].trim_end_matches('s').to_string());
            }
        }
    }
    for b in &ctx.doc.blocks {
        let t = &b.text;
        if !may_have_acronym(t) {
            continue;
        }
        for r in words(t) {
            let w = &t[r];
            if is_acronym(w) {
                let n = count.entry(w.trim_end_matches('s')).or_default();
                *n += 1;
                if *n == repeats {
                    names.insert(w.trim_end_matches('s').to_string());
                }
            }
        }
    }
    names
}

/// False when `t` certainly has no abbreviation: one has two or more capitals or digits in a
/// row, at least one of them a capital.
fn may_have_acronym(t: &str) -> bool {
    let class = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    t.as_bytes().windows(2).any(|w| {
        class(w[0]) && class(w[1]) && (w[0].is_ascii_uppercase() || w[1].is_ascii_uppercase())
    })
}

fn is_acronym(w: &str) -> bool {
    // Most words start with a lower-case letter or have one second.
    let b = w.as_bytes();
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
