//! Sections and document kinds.
//!
//! Headings are classified into [`Section`]s by a keyword table kept as data
//! (`rules/sections.toml`), so people who review rules can also review what counts as "the
//! requirements". When a document does not declare its kind, [`classify`] guesses it from its
//! sections and its questions.

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use super::{Block, BlockKind, DocKind, Document, KindSource, Section};
use crate::text::{normalize_phrase, word_count};

/// The keyword table of `rules/sections.toml`.
#[derive(Debug, Clone, Default)]
pub struct SectionTable {
    entries: Vec<(Section, Vec<String>)>,
    /// Every word of the table, in table order, with its section; built on first use.
    matcher: std::sync::OnceLock<Option<(AhoCorasick, Vec<Section>)>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    section: Vec<SectionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionEntry {
    name: String,
    words: Vec<String>,
}

impl SectionTable {
    /// Parses a `sections.toml` file; the error names the problem.
    pub fn parse(source: &str) -> Result<SectionTable, String> {
        let file: SectionFile = toml::from_str(source).map_err(|e| e.to_string())?;
        let mut entries = Vec::new();
        for entry in file.section {
            let section = Section::parse(&entry.name)
                .ok_or_else(|| format!("unknown section name `{}`", entry.name))?;
            let words = entry.words.iter().map(|w| normalize_phrase(w)).collect();
            entries.push((section, words));
        }
        Ok(SectionTable {
            entries,
            matcher: Default::default(),
        })
    }

    /// Adds the entries of `other` after this table's.
    pub fn extend(&mut self, other: SectionTable) {
        self.entries.extend(other.entries);
        self.matcher = Default::default();
    }

    fn matcher(&self) -> Option<&(AhoCorasick, Vec<Section>)> {
        self.matcher
            .get_or_init(|| {
                let (sections, words): (Vec<Section>, Vec<&str>) = self
                    .entries
                    .iter()
                    .flat_map(|(section, words)| words.iter().map(|w| (*section, w.as_str())))
                    .filter(|(_, w)| !w.is_empty())
                    .unzip();
                AhoCorasick::new(words).ok().map(|ac| (ac, sections))
            })
            .as_ref()
    }

    /// The section a heading text names, if any.
    pub fn classify(&self, heading: &str) -> Option<Section> {
        // "What you'll do: (but not limited to)": the words before the colon name the section.
        let heading = match heading.split_once(": (") {
            Some((head, _)) => head,
            None => heading,
        };
        let norm = normalize_phrase(heading.trim_end_matches([':', '?', '!', '.', ' ']));
        // The first word of the table (not of the heading) that the heading contains as
        // whole words decides.
        let (ac, sections) = self.matcher()?;
        ac.find_overlapping_iter(&norm)
            .filter(|m| crate::text::at_word_boundaries(&norm, &(m.start()..m.end())))
            .map(|m| m.pattern().as_usize())
            .min()
            .map(|i| sections[i])
    }
}

/// Gives every block its section and, unless declared, guesses the document kind.
pub fn classify(doc: &mut Document, table: &SectionTable) {
    assign_sections(&mut doc.blocks, table);
    if doc.kind_source == KindSource::Guessed {
        doc.kind = guess_kind(doc);
    }
}

fn looks_like_pseudo_heading(block: &Block) -> bool {
    if block.kind != BlockKind::Paragraph && block.kind != BlockKind::ListItem {
        return false;
    }
    let t = block.text.trim();
    let label = t.ends_with(':') || (t.ends_with(')') && t.contains(": ("));
    if !label && !block.emphasised {
        return false;
    }
    // Only whether there are up to 16 words matters.
    let words = crate::text::words(t).take(17).count();
    words > 0 && ((label && words <= 16) || (words <= 8 && block.emphasised && !t.ends_with('.')))
}

fn assign_sections(blocks: &mut [Block], table: &SectionTable) {
    // A stack of (heading level, section) so that an unknown sub-heading keeps its parent's.
    let mut stack: Vec<(u8, Section)> = Vec::new();
    let mut current = Section::Other;
    for block in blocks.iter_mut() {
        let (level, named) = match block.kind {
            BlockKind::Heading(l) => (Some(l), table.classify(&block.text)),
            _ if looks_like_pseudo_heading(block) => {
                let named = table.classify(&block.text);
                (named.map(|_| 7), named)
            }
            _ => (None, None),
        };
        if let Some(level) = level {
            if level == 7 {
                block.pseudo_heading = true;
            }
            while stack.last().is_some_and(|&(l, _)| l >= level) {
                stack.pop();
            }
            let section = match named {
                Some(s) => s,
                None => stack.last().map(|&(_, s)| s).unwrap_or(Section::Other),
            };
            stack.push((level, section));
            current = section;
        }
        block.section = current;
    }
}

/// Is this prose a question unit: a sentence ending in `?` or starting with `Q:`?
pub fn is_question(sentence: &str) -> bool {
    let t = sentence.trim_end_matches(['"', '\'', ')', '*']);
    t.ends_with('?') || {
        let l = sentence.trim_start().to_ascii_lowercase();
        l.starts_with("q:") || l.starts_with("q.") || l.starts_with("question:")
    }
}

const INTERVIEWER_WORDS: &[&str] = &[
    "the candidate",
    "candidates",
    "candidate's",
    "interviewer",
    "interviewers",
    "interviewee",
    "ask them",
    "ask the",
    "scorecard",
    "rubric",
    "hiring manager should",
    "red flags",
    "green flags",
    "look for",
];

const CANDIDATE_FACING: &[&str] = &[
    "your interview",
    "you will meet",
    "you'll meet",
    "we will ask you",
    "we'll ask you",
    "you can expect",
    "what to expect",
    "your application",
    "you'll hear",
    "we'll send you",
    "we will send you",
    "you'll be invited",
    "invite you",
    "pleased to invite",
    "on the day",
    "please bring",
    "please arrive",
    "your assessment",
    "you will be asked",
    "you'll be asked",
];

const SECOND_PERSON: &[&str] = &["you", "your", "you'll", "you're", "you've", "yourself"];

const AD_WORDS: &[&str] = &[
    "looking for",
    "apply",
    "salary",
    "compensation",
    "join our",
    "join us",
    "we're hiring",
    "we are hiring",
    "the role",
    "this role",
    "the position",
    "this position",
    "responsibilities",
    "requirements",
    "qualifications",
    "full time",
    "part time",
    "we offer",
    "years of experience",
    "experience with",
    "experience in",
];

const PROCESS_WORDS: &[&str] = &[
    "interview process",
    "hiring process",
    "recruitment process",
    "application process",
    "selection process",
    "what to expect",
    "next steps",
    "stages",
    "first interview",
    "phone screen",
    "technical interview",
    "final interview",
    "take home",
    "reasonable adjustments",
    "accommodations",
    "on site interview",
];

/// The word lists the kind is guessed from, in the order of [`WordCounts`].
const LISTS: [&[&str]; 5] = [
    SECOND_PERSON,
    INTERVIEWER_WORDS,
    CANDIDATE_FACING,
    AD_WORDS,
    PROCESS_WORDS,
];

/// How often the words of each list occur, as whole words.
#[derive(Default)]
struct WordCounts {
    second_person: usize,
    interviewer: usize,
    facing: usize,
    ad: usize,
    process: usize,
}

/// Counts the words of every list in one pass over `hay` (in normal form); second-person
/// words only inside the ranges `prose` (in order, not overlapping).
fn count_words(hay: &str, prose: &[std::ops::Range<usize>]) -> WordCounts {
    static LIST_MATCHER: std::sync::OnceLock<(AhoCorasick, Vec<Vec<usize>>)> =
        std::sync::OnceLock::new();
    let (ac, lists_of) = LIST_MATCHER.get_or_init(|| {
        let mut words: Vec<&str> = Vec::new();
        let mut lists_of: Vec<Vec<usize>> = Vec::new();
        for (list, list_words) in LISTS.iter().enumerate() {
            for w in *list_words {
                match words.iter().position(|x| x == w) {
                    Some(i) => lists_of[i].push(list),
                    None => {
                        words.push(w);
                        lists_of.push(vec![list]);
                    }
                }
            }
        }
        let ac = AhoCorasick::new(&words).expect("a few hundred short words");
        (ac, lists_of)
    });
    let mut n = [0usize; 5];
    for m in ac.find_overlapping_iter(hay) {
        if crate::text::at_word_boundaries(hay, &(m.start()..m.end())) {
            for &list in &lists_of[m.pattern().as_usize()] {
                if list == 0 {
                    // A sentence edge is next to white space, so a word is whole in the
                    // sentence exactly when it is whole here.
                    let i = prose.partition_point(|r| r.end < m.end());
                    if prose.get(i).is_none_or(|r| r.start > m.start()) {
                        continue;
                    }
                }
                n[list] += 1;
            }
        }
    }
    WordCounts {
        second_person: n[0],
        interviewer: n[1],
        facing: n[2],
        ad: n[3],
        process: n[4],
    }
}

/// Guesses the kind of a document from its sections, its questions and its wording.
pub fn guess_kind(doc: &Document) -> DocKind {
    let mut ad_sections = std::collections::BTreeSet::new();
    let mut questions = 0usize;
    let mut prose_units = 0usize;
    let mut has_question_heading = false;
    let mut process_headings = 0usize;
    let mut all = String::new();
    let mut prose = Vec::new();
    for b in &doc.blocks {
        if b.is_heading() {
            match b.section {
                Section::Duties
                | Section::Requirements
                | Section::NiceToHave
                | Section::Benefits => {
                    ad_sections.insert(b.section);
                }
                Section::Questions => has_question_heading = true,
                Section::Process => process_headings += 1,
                _ => {}
            }
        }
        // Second-person words count only in the prose sentences (not the questions):
        // their ranges in `all`, in order.
        let base = all.len();
        if !b.is_heading() {
            for s in &b.sentences {
                prose_units += 1;
                if is_question(&b.text[s.clone()]) {
                    questions += 1;
                } else {
                    let start = b.norm.from_original(s.start);
                    let end = b.norm.from_original(s.end);
                    prose.push(base + start..base + end);
                }
            }
        }
        all.push_str(&b.norm.text);
        all.push(' ');
    }
    let WordCounts {
        second_person: you_words,
        interviewer,
        facing,
        ad: ad_words,
        process: process_words,
    } = count_words(&all, &prose);
    let question_share = if prose_units == 0 {
        0.0
    } else {
        questions as f64 / prose_units as f64
    };
    // A page that explains the interview process to candidates, even with example questions.
    if process_words >= 4 && ad_sections.len() < 2 {
        // How much the page speaks to the candidate: second-person words among the words of
        // its prose sentences.
        let prose_words: usize = prose.iter().map(|r| word_count(&all[r.clone()])).sum();
        if prose_words > 0 && you_words as f64 / prose_words as f64 >= 0.02 {
            return DocKind::Process;
        }
    }
    if ad_sections.len() >= 2 && !(has_question_heading && questions > 5 * ad_sections.len()) {
        return DocKind::JobAd;
    }
    let interview_signal = (question_share >= 0.35 && questions >= 3)
        || (has_question_heading && questions >= 2)
        || interviewer >= 3;
    if interview_signal && ad_sections.len() < 2 {
        if interviewer == 0 && facing >= 2 {
            return DocKind::Process;
        }
        return DocKind::Interview;
    }
    let ad_strength = ad_sections.len() * 2 + ad_words;
    let process_strength = process_words * 2 + facing + process_headings;
    if process_strength >= 4 && process_strength > ad_strength && ad_sections.len() <= 1 {
        return DocKind::Process;
    }
    if ad_strength >= 3 {
        return DocKind::JobAd;
    }
    if process_strength >= 2 {
        return DocKind::Process;
    }
    DocKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> SectionTable {
        SectionTable::parse(include_str!("../../rules/sections.toml")).unwrap()
    }

    #[test]
    fn classifies_common_headings() {
        let t = table();
        assert_eq!(t.classify("What you'll do"), Some(Section::Duties));
        assert_eq!(t.classify("What you’ll do"), Some(Section::Duties));
        assert_eq!(t.classify("Requirements:"), Some(Section::Requirements));
        assert_eq!(
            t.classify("Preferred qualifications"),
            Some(Section::NiceToHave)
        );
        assert_eq!(t.classify("Interview questions"), Some(Section::Questions));
        assert_eq!(t.classify("Benefits"), Some(Section::Benefits));
        assert_eq!(t.classify("Lorem ipsum"), None);
    }

    #[test]
    fn question_units() {
        assert!(is_question("Where do you see yourself in five years?"));
        assert!(is_question("Q: tell me about yourself"));
        assert!(!is_question("Tell me about a time you fixed a bug."));
    }
}
