//! The code of each rule kind. Kinds are code, rules are data: each file here checks one kind
//! of rule against a document, from the hits the [`Engine`] found.

mod conditional;
mod metric;
mod phrase;
mod question;
mod required;

use std::ops::Range;

use crate::document::sections::is_question;
use crate::document::{Block, BlockKind, DocKind, Document, LineIndex, Section};
use crate::engine::{Engine, Hit, Role};
use crate::finding::Finding;
use crate::rule::{Rule, RuleKind};
use crate::text::words;

/// Words that, just before a match in the same sentence, turn it into its opposite:
/// "no rockstars needed", "avoid asking where they see themselves".
const NEGATIONS: &[&str] = &[
    "no",
    "not",
    "never",
    "without",
    "avoid",
    "avoiding",
    "don't",
    "dont",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "won't",
    "nor",
    "neither",
    "instead",
    "rather",
    "refrain",
    "stop",
    "nobody",
    "cannot",
    "can't",
    "shouldn't",
    "mustn't",
    "unlike",
    "rid",
];

/// How many words before a match a negation may stand.
const NEGATION_WINDOW: usize = 6;

/// What the kinds share about one document.
pub struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The engine (for severities and the allow list).
    pub engine: &'a Engine,
    lines: LineIndex,
    /// The question units of each block.
    pub questions: Vec<Vec<Range<usize>>>,
    /// Blocks under a heading that negates what follows ("Questions to avoid").
    under_negating_heading: Vec<bool>,
    /// The number of words of each sentence of each block, counted when a check first asks.
    sentence_words: Vec<std::cell::OnceCell<Vec<u32>>>,
    /// The last position computed (offset, line, column), to count on from.
    cursor: std::cell::Cell<Option<(usize, usize, usize)>>,
}

/// Heading words that turn the blocks below into examples of what not to do.
const NEGATING_HEADINGS: &[&str] = &[
    "avoid",
    "don't",
    "do not",
    "never",
    "not to",
    "illegal",
    "unlawful",
    "off limits",
    "prohibited",
    "shouldn't",
    "should not",
    "mistakes",
    "bad examples",
    "what not",
];

/// Does a heading (in normal form) have one of [`NEGATING_HEADINGS`] as whole words?
fn negating_heading(norm: &str) -> bool {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = WORDS.get_or_init(|| {
        aho_corasick::AhoCorasick::new(NEGATING_HEADINGS).expect("a few short words")
    });
    ac.find_overlapping_iter(norm)
        .any(|m| crate::text::at_word_boundaries(norm, &(m.start()..m.end())))
}

const QUESTION_OPENERS: &[&str] = &[
    "tell me",
    "tell us",
    "describe",
    "walk me through",
    "walk us through",
    "explain",
    "give me",
    "give us",
    "give an example",
    "talk about",
    "talk me through",
    "share",
    "name",
];

impl<'a> Context<'a> {
    /// Prepares `doc` for checking.
    pub fn new(doc: &'a Document, engine: &'a Engine) -> Self {
        let questions = doc
            .blocks
            .iter()
            .map(|b| question_units(doc.kind, b, &b.sentences))
            .collect();
        let mut under_negating_heading = Vec::with_capacity(doc.blocks.len());
        let mut current = false;
        for b in &doc.blocks {
            if b.is_heading() {
                current = negating_heading(&b.norm.text);
            }
            under_negating_heading.push(current && !b.is_heading());
        }
        Context {
            doc,
            engine,
            lines: LineIndex::new(&doc.source),
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
        ws.iter()
            .rev()
            .take(NEGATION_WINDOW)
            .any(|w| NEGATIONS.contains(w) || w.ends_with("n't"))
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
    pub fn document_finding(&self, i: usize, rule: &Rule) -> Finding {
        let at = rule
            .anchor
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
        let (line, col) = self.lines.position_from(source, offset, self.cursor.get());
        self.cursor.set(Some((offset.min(source.len()), line, col)));
        (line, col)
    }

    fn make(&self, i: usize, rule: &Rule, src: Range<usize>, prose: &str) -> Finding {
        let source = &self.doc.source;
        let matched = source.get(src.clone()).unwrap_or("").to_string();
        let fix = rule.fix.as_ref().map(|f| match_case(&matched, f));
        Finding {
            rule: self.engine.rules()[i].clone(),
            severity: self.engine.severity(i),
            path: self.doc.path.as_str().into(),
            start: self.position(src.start),
            end: self.position(src.end),
            span: src,
            message: rule.message.replace("{match}", prose),
            matched,
            fix,
        }
    }

    /// The common filters of a match: exceptions, allowed terms, negation, `skip-if`.
    /// `all` is every hit of the rule, sorted by block and start.
    pub fn keep(&self, rule: &Rule, hit: &Hit, all: &[Hit]) -> bool {
        if !rule.exceptions.is_empty() && excepted(hit, all) {
            return false;
        }
        let text = &self.doc.blocks[hit.block].text;
        if self.engine.allowed(&self.doc.blocks[hit.block], &hit.range) {
            return false;
        }
        if rule.negation
            && (self.under_negating_heading[hit.block] || self.negated(hit.block, &hit.range))
        {
            return false;
        }
        if !rule.skip_if.is_empty() {
            let s = self.sentence_of(hit.block, &hit.range);
            if rule.skip_if.iter().any(|r| r.is_match(&text[s.clone()])) {
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

fn question_units(kind: DocKind, block: &Block, sentences: &[Range<usize>]) -> Vec<Range<usize>> {
    let interviewish = matches!(kind, DocKind::Interview | DocKind::Process);
    let in_questions = block.section == Section::Questions;
    if !interviewish && !matches!(block.section, Section::Process | Section::Questions) {
        return Vec::new();
    }
    if block.kind == BlockKind::ListItem && in_questions {
        return sentences.to_vec();
    }
    sentences
        .iter()
        .filter(|s| {
            let t = &block.text[(*s).clone()];
            if is_question(t) {
                return true;
            }
            if interviewish && block.kind == BlockKind::ListItem {
                let lower = t.to_ascii_lowercase();
                let lower = lower.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
                return QUESTION_OPENERS.iter().any(|o| lower.starts_with(o));
            }
            false
        })
        .cloned()
        .collect()
}

/// Checks rule `i` against the context, given its hits (sorted by block and position).
pub fn run(ctx: &Context<'_>, i: usize, rule: &Rule, hits: &[Hit], out: &mut Vec<Finding>) {
    match rule.kind {
        RuleKind::Phrase | RuleKind::Pattern => phrase::run(ctx, i, rule, hits, out),
        RuleKind::Question => question::run(ctx, i, rule, hits, out),
        RuleKind::Conditional => conditional::run(ctx, i, rule, hits, out),
        RuleKind::Metric => metric::run(ctx, i, rule, out),
        RuleKind::Required => required::run(ctx, i, rule, hits, out),
    }
}

/// Keeps the first of overlapping hits (the sort puts the longest first at each start).
fn push_unoverlapped(kept: &mut Vec<(usize, Range<usize>)>, block: usize, r: Range<usize>) -> bool {
    if let Some((b, last)) = kept.last()
        && *b == block
        && r.start < last.end
    {
        return false;
    }
    kept.push((block, r));
    true
}
