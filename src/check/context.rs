//! What every rule kind shares about one document: the [`Policy`] the engine gives (rules,
//! severities, allowed terms, word lists) and the [`Context`] built from it and the document
//! (its questions, sentence word counts, negations, positions, the common filters of a match).

use std::ops::Range;
use std::sync::Arc;

use aho_corasick::AhoCorasick;

use crate::document::{Block, Document, Section};
use crate::finding::Finding;
use crate::hit::{Hit, Role};
use crate::lazy_regex::LazyRegex;
use crate::questions::Lexicon;
use crate::rule::{Rule, Severity};
use crate::text::{at_word_boundaries, words};

/// What the rule kinds need to know beyond the document: the rules in force, their severities,
/// the terms never to flag and the word lists of the language. The engine gives it.
#[derive(Clone, Copy)]
pub struct Policy<'a> {
    /// The rules, in engine order (a hit's `rule` indexes this).
    pub rules: &'a [Arc<Rule>],
    /// The severity in force for each rule.
    pub severities: &'a [Severity],
    /// The `skip-if` expressions of each rule, compiled.
    pub skip_if: &'a [Box<[LazyRegex]>],
    /// Terms that are never findings (normal form), as one automaton.
    pub allow: Option<&'a AhoCorasick>,
    /// The word lists of the language (negations, question prompts and kinds).
    pub lexicon: &'a Lexicon,
}

impl Policy<'_> {
    /// Is the prose range of a block covered by an allowed term?
    pub fn allowed(&self, block: &Block, range: &Range<usize>) -> bool {
        let Some(ac) = self.allow else {
            return false;
        };
        let norm = &block.norm;
        ac.find_iter(&norm.text).any(|m| {
            let r = norm.to_original(m.start()..m.end());
            at_word_boundaries(&norm.text, &(m.start()..m.end()))
                && r.start <= range.start
                && range.end <= r.end
        })
    }
}

/// What the kinds share about one document.
pub struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Rules, severities, allowed terms and word lists.
    pub policy: Policy<'a>,
    /// The questions of each block, with their kinds.
    pub questions: Vec<Vec<crate::questions::Question>>,
    /// Blocks under a heading that negates what follows ("Questions to avoid").
    under_negating_heading: Vec<bool>,
    /// The number of words of each sentence of each block, counted when a check first asks.
    sentence_words: Vec<std::cell::OnceCell<Vec<u32>>>,
    /// The last position computed (offset, line, column), to count on from.
    cursor: std::cell::Cell<Option<(usize, usize, usize)>>,
}

impl<'a> Context<'a> {
    /// Prepares `doc` for checking.
    pub fn new(doc: &'a Document, policy: Policy<'a>) -> Self {
        let lexicon = policy.lexicon;
        let questions = crate::questions::analyse(doc, lexicon);
        let mut under_negating_heading = Vec::with_capacity(doc.blocks.len());
        let mut current = false;
        for b in &doc.blocks {
            if b.is_heading() {
                // A negation inside a quoted question ("10. \"Give me one reason not to
                // hire you.\"") belongs to the question put to the candidate; it does not
                // deny what the notes below the heading say ("We are watching body
                // language…"). One outside the quotes still does ("Never ask: \"…?\"").
                current = lexicon.negating_heading(&without_quoted(&b.norm.text));
            }
            under_negating_heading.push(current && !b.is_heading());
        }
        Context {
            doc,
            policy,
            questions,
            under_negating_heading,
            cursor: std::cell::Cell::new(None),
            sentence_words: vec![std::cell::OnceCell::new(); doc.blocks.len()],
        }
    }

    /// The sentence of block `block` that contains `range` (or the whole block).
    pub fn sentence_of(&self, block: usize, range: &Range<usize>) -> Range<usize> {
        let ss = &self.doc.blocks[block].sentences;
        // Sentences are in order: the last one starting at or before the match.
        let i = ss.partition_point(|s| s.start <= range.start);
        match i.checked_sub(1).map(|i| &ss[i]) {
            Some(s) if range.start < s.end.max(s.start + 1) => s.clone(),
            _ => 0..self.doc.blocks[block].text.len(),
        }
    }

    /// The number of words (see [`words`]) of each sentence of block `block`. Words never
    /// cross sentences, and every word is in one, so they add up to the block's.
    pub fn sentence_words(&self, block: usize) -> &[u32] {
        self.sentence_words[block].get_or_init(|| {
            let b = &self.doc.blocks[block];
            b.sentences
                .iter()
                .map(|s| crate::text::word_count(&b.text[s.clone()]) as u32)
                .collect()
        })
    }

    /// The number of words of block `block`.
    pub fn word_count(&self, block: usize) -> usize {
        self.sentence_words(block).iter().map(|&n| n as usize).sum()
    }

    /// Is the match preceded by a negation in its sentence?
    pub fn negated(&self, block: usize, range: &Range<usize>) -> bool {
        self.negated_in_sentence(block, range, false)
    }

    /// Is the question starting at `range` preceded by a negation in its sentence? A negation
    /// followed at once by one of `not-before` is about sharing the questions, not about the
    /// question after it ("Topic (do not share in advance): 'What will…?'"). A pattern match
    /// is not a question: "We do not share the questions in advance" still denies that they are
    /// sent.
    pub fn question_negated(&self, block: usize, range: &Range<usize>) -> bool {
        self.under_negating_heading[block] || self.negated_in_sentence(block, range, true)
    }

    fn negated_in_sentence(&self, block: usize, range: &Range<usize>, question: bool) -> bool {
        let b = &self.doc.blocks[block];
        let text = &b.text;
        let sentence = self.sentence_of(block, range);
        // Only the few words before the match matter: look at a bounded window, so that many
        // matches in one long sentence stay linear.
        let mut from = sentence
            .start
            .min(range.start)
            .max(range.start.saturating_sub(160));
        while !text.is_char_boundary(from) {
            from += 1;
        }
        // The block's normal form maps each character on its own: its slice is the window's.
        let before = &b.norm.text[b.norm.from_original(from)..b.norm.from_original(range.start)];
        let ws: Vec<&str> = words(before).map(|r| &before[r]).collect();
        let lexicon = self.policy.lexicon;
        // In an interview or process document, a sentence with no subject that opens with one
        // of the `describing` words ("won't", "doesn't") describes the person ("Won't make eye
        // contact" under "Red flags"): that first word does not deny, unless its second word is
        // one of `describing-not-before` ("Doesn't need to be…", "Won't ask about…"). The second
        // word may be the first of the match, so it is read from the sentence, not from `ws`.
        let second_word = || {
            let through = &b.norm.text
                [b.norm.from_original(from)..b.norm.from_original(range.end.min(text.len()))];
            words(through).nth(1).map(|r| &through[r])
        };
        let notes = matches!(
            self.doc.kind,
            crate::document::DocKind::Interview | crate::document::DocKind::Process
        );
        let sentence_opens_window = notes && from == sentence.start;
        // The words run backwards from the match; `after` is the word that follows each one.
        // "not just" and "don't only" widen what follows instead of denying it; "never just"
        // and "avoid simply" still deny.
        let mut after: Option<&str> = None;
        for (i, &w) in ws
            .iter()
            .enumerate()
            .rev()
            .take(lexicon.negation_window)
            .take_while(|(_, w)| !lexicon.stops_negation(w))
        {
            let not = w == "not" || w.ends_with("n't");
            let widened = not && after.is_some_and(|a| lexicon.widens_negation(a));
            let describes = i == 0
                && sentence_opens_window
                && lexicon.describes_negation(w)
                && !second_word().is_some_and(|next| lexicon.denies_after_describing(next));
            // In a question: "do not share in advance: 'What will…'": the negation is the
            // sharing's.
            // Only when the question follows a label or an aside at once ("…in advance):
            // 'What…'"): in "We do not share your answer to 'Do you have…?'" the question is
            // what is not shared.
            let kept = question
                && after.is_some_and(|a| lexicon.negation_not_before.iter().any(|n| n == a))
                && text[..range.start]
                    .trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘*_".contains(c))
                    .ends_with([':', ')']);
            if (not || lexicon.is_negation(w)) && !widened && !describes && !kept {
                return true;
            }
            after = Some(w);
        }
        false
    }

    /// Is a match negated: under a heading like "Questions to avoid", or after a negation in
    /// its sentence?
    pub fn negated_here(&self, block: usize, range: &Range<usize>) -> bool {
        self.under_negating_heading[block] || self.negated(block, range)
    }

    /// Makes a finding for rule `i` at the prose range `range` of block `block`.
    pub fn finding(&self, i: usize, rule: &Rule, block: usize, range: Range<usize>) -> Finding {
        let b = &self.doc.blocks[block];
        let src = b.source_range(range.clone());
        let prose = &b.text[range];
        self.make(i, rule, src, prose)
    }

    /// Makes a document-level finding: at the heading of `anchor` when there is one, else at
    /// the start of the document.
    pub fn document_finding(&self, i: usize, rule: &Rule, anchor: Option<Section>) -> Finding {
        let at = anchor
            .and_then(|s| self.doc.section_heading(s))
            .map(|b| b.source_range(0..0).start)
            .unwrap_or(if self.doc.source.starts_with('\u{feff}') {
                3
            } else {
                0
            });
        self.make(i, rule, at..at, "")
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let source = &self.doc.source;
        let (line, col) = self
            .doc
            .lines()
            .position_from(source, offset, self.cursor.get());
        self.cursor.set(Some((offset.min(source.len()), line, col)));
        (line, col)
    }

    fn make(&self, i: usize, rule: &Rule, src: Range<usize>, prose: &str) -> Finding {
        let source = &self.doc.source;
        let matched = source.get(src.clone()).unwrap_or("").to_string();
        let fix = rule.fix.as_ref().map(|f| match_case(&matched, f));
        let start = self.position(src.start);
        Finding {
            rule: self.policy.rules[i].clone(),
            severity: self.policy.severities[i],
            path: self.doc.path.as_str().into(),
            start,
            end: self.position(src.end),
            span: src,
            message: rule.message.replace("{match}", prose),
            matched,
            fix,
            paragraph: self
                .doc
                .format
                .is_package()
                .then_some((start.0, start.1 - 1)),
            focus: None,
        }
    }

    /// The common filters of a match: exceptions, allowed terms, negation, `skip-if`.
    /// `all` is every hit of the rule, sorted by block and start.
    pub fn keep(&self, rule: &Rule, hit: &Hit, all: &[Hit]) -> bool {
        if !rule.exceptions.is_empty() && excepted(hit, all) {
            return false;
        }
        let text = &self.doc.blocks[hit.block].text;
        if self.policy.allowed(&self.doc.blocks[hit.block], &hit.range) {
            return false;
        }
        if rule.negation && self.negated_here(hit.block, &hit.range) {
            return false;
        }
        let skip_if = &self.policy.skip_if[hit.rule];
        if !skip_if.is_empty() {
            let s = self.sentence_of(hit.block, &hit.range);
            if skip_if.iter().any(|r| r.is_match(&text[s.clone()])) {
                return false;
            }
        }
        true
    }
}

/// The longest exception phrase looked for before a match, in bytes: exceptions are short
/// phrases, and bounding the look-back keeps many matches in one block linear.
const MAX_EXCEPTION_LEN: usize = 256;

/// Does an exception hit of the rule overlap `hit`? Hits are sorted by block and start, so
/// only those starting shortly before the match need a look.
fn excepted(hit: &Hit, all: &[Hit]) -> bool {
    let from_start = hit.range.start.saturating_sub(MAX_EXCEPTION_LEN);
    let lo = all.partition_point(|h| (h.block, h.range.start) < (hit.block, from_start));
    all[lo..]
        .iter()
        .take_while(|h| h.block == hit.block && h.range.start < hit.range.end)
        .any(|h| h.role == Role::Exception && hit.range.start < h.range.end)
}

/// Capitalises a replacement like the words it replaces.
fn match_case(matched: &str, replacement: &str) -> String {
    let first_upper = matched.chars().next().is_some_and(char::is_uppercase);
    let all_upper = matched.chars().filter(|c| c.is_alphabetic()).count() > 1
        && matched
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if all_upper {
        replacement.to_uppercase()
    } else if first_upper {
        let mut c = replacement.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    } else {
        replacement.to_string()
    }
}

/// Keeps the first of overlapping hits (the sort puts the longest first at each start).
pub(super) fn push_unoverlapped(
    kept: &mut Vec<(usize, Range<usize>)>,
    block: usize,
    r: Range<usize>,
) -> bool {
    if let Some((b, last)) = kept.last()
        && *b == block
        && r.start < last.end
    {
        return false;
    }
    kept.push((block, r));
    true
}

/// `text` without the parts between double quotes (straight or curly); an unclosed quote
/// keeps the rest.
fn without_quoted(text: &str) -> std::borrow::Cow<'_, str> {
    const MARKS: &[char] = &['"', '\u{201c}', '\u{201d}'];
    let mut out = String::new();
    let mut kept = 0;
    for q in crate::text::quoted_ranges(text, MARKS, MARKS) {
        // the opening mark is one character before the quoted text, the closing one after it
        let open = text[..q.start]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
        out.push_str(&text[kept..open]);
        out.push(' ');
        kept = q.end + text[q.end..].chars().next().map_or(1, char::len_utf8);
    }
    if kept == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[kept..]);
    std::borrow::Cow::Owned(out)
}
