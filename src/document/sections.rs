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

/// The keyword table of `rules/sections.toml`, with the words the kind of a document is
/// guessed from (`rules/language/kinds.toml`).
#[derive(Debug, Clone, Default)]
pub struct SectionTable {
    entries: Vec<(Section, Vec<String>)>,
    /// Per section (in [`Section::ALL`] order), the kind of document whose rules also check
    /// it, whatever the document's own kind (`also-checked-as`): the requirements listed on an
    /// interview page are checked as a job ad's are.
    also_checked_as: [Option<DocKind>; 8],
    /// Front-matter keys that are never prose (`layout`, `meta*`), lower case; a `*` at the
    /// end matches any ending.
    front_matter_skip: Vec<String>,
    /// The fewest words a front-matter value needs to be read as prose.
    front_matter_min_words: usize,
    /// Per section (in [`Section::ALL`] order), the words that take a paragraph or list item
    /// of the section out of it, into "other" (`other-if`), normalised: "you will" in a
    /// paragraph under "About us" speaks of the job, not of the organisation.
    other_if: [Vec<String>; 8],
    /// Per section, how many first words of a label line its words must begin within
    /// (`label-first-words`), if limited.
    label_first_words: [Option<usize>; 8],
    /// The kind-guess word lists; the bundled ones when none was loaded.
    kind_words: Option<KindWords>,
    /// Every word of the table, in table order, with its section; built on first use.
    matcher: std::sync::OnceLock<Option<(AhoCorasick, Vec<Section>)>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    section: Vec<SectionEntry>,
    #[serde(default, rename = "front-matter")]
    front_matter: Option<FrontMatterEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FrontMatterEntry {
    #[serde(default)]
    skip: Vec<String>,
    min_words: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionEntry {
    name: String,
    words: Vec<String>,
    #[serde(default, rename = "also-checked-as")]
    also_checked_as: Option<String>,
    #[serde(default, rename = "other-if")]
    other_if: Vec<String>,
    #[serde(default, rename = "label-first-words")]
    label_first_words: Option<usize>,
}

impl SectionTable {
    /// Parses a `sections.toml` file; the error names the problem.
    pub fn parse(source: &str) -> Result<SectionTable, String> {
        let file: SectionFile = toml::from_str(source).map_err(|e| e.to_string())?;
        let mut entries = Vec::new();
        let mut also_checked_as = [None; 8];
        let mut other_if: [Vec<String>; 8] = Default::default();
        let mut label_first_words = [None; 8];
        for entry in file.section {
            let section = Section::parse(&entry.name)
                .ok_or_else(|| format!("unknown section name `{}`", entry.name))?;
            if let Some(kind) = &entry.also_checked_as {
                let kind = DocKind::parse(kind).ok_or_else(|| {
                    format!(
                        "`also-checked-as = \"{kind}\"` of section `{}` is no document kind \
                         (job-ad, interview, process or other)",
                        entry.name
                    )
                })?;
                also_checked_as[section.index()] = Some(kind);
            }
            other_if[section.index()].extend(entry.other_if.iter().map(|w| normalize_phrase(w)));
            if entry.label_first_words.is_some() {
                label_first_words[section.index()] = entry.label_first_words;
            }
            let words = entry.words.iter().map(|w| normalize_phrase(w)).collect();
            entries.push((section, words));
        }
        let (skip, min_words) = match file.front_matter {
            Some(f) => (
                f.skip.iter().map(|k| k.to_ascii_lowercase()).collect(),
                f.min_words.unwrap_or(3),
            ),
            None => (Vec::new(), 3),
        };
        Ok(SectionTable {
            entries,
            also_checked_as,
            front_matter_skip: skip,
            front_matter_min_words: min_words,
            other_if,
            label_first_words,
            kind_words: None,
            matcher: Default::default(),
        })
    }

    /// Is a front-matter value of `key` with `words` words read as prose?
    pub fn front_matter_prose(&self, key: &str, words: usize) -> bool {
        words >= self.front_matter_min_words.max(1)
            && !self
                .front_matter_skip
                .iter()
                .any(|k| match k.strip_suffix('*') {
                    Some(prefix) => key.starts_with(prefix),
                    None => key == k,
                })
    }

    /// The front-matter keys never read as prose, and the fewest words a value needs.
    pub fn front_matter_rules(&self) -> (&[String], usize) {
        (&self.front_matter_skip, self.front_matter_min_words)
    }

    /// Adds the entries of `other` after this table's.
    pub fn extend(&mut self, other: SectionTable) {
        self.entries.extend(other.entries);
        for (mine, theirs) in self.also_checked_as.iter_mut().zip(other.also_checked_as) {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
        for (mine, theirs) in self.other_if.iter_mut().zip(other.other_if) {
            mine.extend(theirs);
        }
        for (mine, theirs) in self
            .label_first_words
            .iter_mut()
            .zip(other.label_first_words)
        {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
        self.front_matter_skip.extend(other.front_matter_skip);
        if other.front_matter_min_words > 0 {
            self.front_matter_min_words = other.front_matter_min_words;
        }
        if let Some(k) = other.kind_words {
            self.add_kind_words(k);
        }
        self.matcher = Default::default();
    }

    /// The table: each section with the heading words that start it, in order.
    pub fn entries(&self) -> &[(Section, Vec<String>)] {
        &self.entries
    }

    /// How many first words of a label line the words of `section` must begin within, if
    /// limited (`label-first-words`).
    pub fn label_first_words(&self, section: Section) -> Option<usize> {
        self.label_first_words[section.index()]
    }

    /// The words that take a paragraph or list item of `section` into "other".
    pub fn other_if(&self, section: Section) -> &[String] {
        &self.other_if[section.index()]
    }

    /// Does the text of a paragraph or list item of `section` contain one of its `other-if`
    /// words, as whole words?
    fn leaves_section(&self, section: Section, text: &str) -> bool {
        let words = self.other_if(section);
        if words.is_empty() {
            return false;
        }
        let norm = normalize_phrase(text);
        words.iter().any(|w| crate::text::contains_word(&norm, w))
    }

    /// The kind of document whose rules also check blocks of `section`, if any.
    pub fn also_checked_as(&self, section: Section) -> Option<DocKind> {
        self.also_checked_as[section.index()]
    }

    /// Adds the kind-guess word lists of a `kinds.toml` file to the table's.
    pub fn add_kind_words(&mut self, words: KindWords) {
        match &mut self.kind_words {
            Some(mine) => mine.extend(words),
            None => self.kind_words = Some(words),
        }
    }

    /// The kind-guess word lists in force.
    pub fn kind_words(&self) -> &KindWords {
        static BUNDLED: std::sync::OnceLock<KindWords> = std::sync::OnceLock::new();
        self.kind_words.as_ref().unwrap_or_else(|| {
            BUNDLED.get_or_init(|| {
                KindWords::parse(include_str!("../../rules/language/kinds.toml"))
                    .unwrap_or_default()
            })
        })
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
        self.classify_from(heading, false)
    }

    /// The section a label line names ("What you'll need:", "Our process:"), if any: as
    /// [`classify`](Self::classify), but the words of a section with `label-first-words = N`
    /// count only where they begin within the label's first N words. A sentence that ends in
    /// a colon is no heading for a preposition deep inside it: "We try to keep things quick,
    /// about two weeks end to end:" does not start the description of the organisation.
    pub fn classify_label(&self, label: &str) -> Option<Section> {
        self.classify_from(label, true)
    }

    /// The section whose words are the whole of `label`, after a leading "the", "our" or
    /// "your" ("The role", "Our offer", "What they want"), if any. Stricter than
    /// [`classify_label`](Self::classify_label): a label inside a paragraph ("A short role
    /// play: …") must be a section's name, not merely contain one of its words.
    pub fn names_whole(&self, label: &str) -> Option<Section> {
        let norm = normalize_phrase(label.trim());
        let bare = ["the ", "our ", "your "]
            .iter()
            .find_map(|a| norm.strip_prefix(a))
            .unwrap_or(&norm);
        self.entries
            .iter()
            .find(|(_, words)| words.iter().any(|w| w == &norm || w == bare))
            .map(|&(s, _)| s)
    }

    fn classify_from(&self, heading: &str, label: bool) -> Option<Section> {
        // "What you'll do: (but not limited to)": the words before the colon name the section.
        let heading = match heading.split_once(": (") {
            Some((head, _)) => head,
            None => heading,
        };
        // Words in brackets qualify the heading ("Phone screen (about 20 minutes)",
        // "Requirements (essential)"): they do not name the section.
        let unbracketed;
        let heading = match heading.find('(') {
            Some(open) if open > 0 => {
                let mut out = String::with_capacity(heading.len());
                let mut depth = 0usize;
                for c in heading.chars() {
                    match c {
                        '(' => depth += 1,
                        ')' if depth > 0 => depth -= 1,
                        _ if depth == 0 => out.push(c),
                        _ => {}
                    }
                }
                unbracketed = out;
                unbracketed.as_str()
            }
            _ => heading,
        };
        let norm =
            normalize_phrase(heading.trim_end_matches([':', '?', '!', '.', ' ', '-', '\u{2013}']));
        // The first word of the table (not of the heading) that the heading contains as
        // whole words decides.
        let (ac, sections) = self.matcher()?;
        // Where a label's word number `n` (from 0) begins: the words are single spaced once
        // normalised.
        let word_start = |n: usize| {
            if n == 0 {
                0
            } else {
                norm.match_indices(' ')
                    .nth(n - 1)
                    .map_or(usize::MAX, |(i, _)| i + 1)
            }
        };
        // A label in capitals is a heading however long it is.
        let sentence = label
            && norm.split(' ').count() > LABEL_SENTENCE_WORDS
            && heading.chars().any(char::is_lowercase);
        ac.find_overlapping_iter(&norm)
            .filter(|m| {
                let section = sections[m.pattern().as_usize()];
                match self.label_first_words[section.index()] {
                    Some(n) if label => m.start() < word_start(n),
                    // or as what it says the list is: "The following skills are essential:"
                    None if sentence => {
                        m.start() < word_start(2)
                            || (m.end() == norm.len()
                                && (norm[..m.start()].ends_with(" are ")
                                    || norm[..m.start()].ends_with(" is ")))
                    }
                    _ => true,
                }
            })
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
        doc.kind = guess_kind(doc, table.kind_words());
    }
}

/// A label line of more words than this is a sentence that leads into a list ("Depending on
/// the role, we may ask you to do one or more of the following:"): the words that name a
/// section count only in its first two words, as for a section with `label-first-words = 2`,
/// or when they end it after "is" or "are" ("The following skills and qualities are
/// essential:"), unless the label is in capitals.
const LABEL_SENTENCE_WORDS: usize = 6;

fn looks_like_pseudo_heading(block: &Block) -> bool {
    if block.kind != BlockKind::Paragraph && block.kind != BlockKind::ListItem {
        return false;
    }
    let t = block.text.trim();
    // A lead-in may end in a dash instead of a colon: "The following are essential -".
    let label = t.ends_with(':')
        || t.ends_with(" -")
        || t.ends_with(" \u{2013}")
        || (t.ends_with(')') && t.contains(": ("));
    if !label && !block.emphasised {
        return false;
    }
    // Only whether there are up to 16 words matters.
    let words = crate::text::words(t).take(17).count();
    words > 0 && ((label && words <= 16) || (words <= 8 && block.emphasised && !t.ends_with('.')))
}

/// The first line of a paragraph of several lines when it is a short line in capitals ("THE
/// IDEAL CANDIDATE", "HOW TO APPLY:"): up to six words, no lower-case letter.
fn capitals_first_line(block: &Block) -> Option<&str> {
    if block.kind != BlockKind::Paragraph {
        return None;
    }
    let (first, rest) = block.text.trim_start().split_once('\n')?;
    let first = first.trim().trim_end_matches(':');
    let letters = first.chars().filter(|c| c.is_alphabetic()).count();
    let words = first.split_whitespace().count();
    (letters >= 3
        && (1..=6).contains(&words)
        && !rest.trim().is_empty()
        && !first.chars().any(char::is_lowercase)
        && !first.ends_with(['.', '!', '?', ',']))
    .then_some(first)
}

fn assign_sections(blocks: &mut [Block], table: &SectionTable) {
    // A stack of (heading level, section) so that an unknown sub-heading keeps its parent's.
    let mut stack: Vec<(u8, Section)> = Vec::new();
    let mut current = Section::Other;
    let mut seen_heading = false;
    for block in blocks.iter_mut() {
        if let Some(s) = block.fixed_section {
            block.section = s;
            continue;
        }
        let mut opens_with_heading = false;
        let (level, named) = match block.kind {
            BlockKind::Heading(l) => (Some(l), table.classify(&block.text)),
            _ if looks_like_pseudo_heading(block) => {
                let named = table.classify_label(&block.text);
                (named.map(|_| 7), named)
            }
            _ => match capitals_first_line(block) {
                // Plain text often puts a heading in capitals on the line just above its
                // text ("THE IDEAL CANDIDATE\nThe successful candidate will…"): one paragraph
                // that starts a section.
                Some(first) => {
                    let named = table.classify(first);
                    opens_with_heading = named.is_some();
                    (named.map(|_| 7), named)
                }
                None => (None, None),
            },
        };
        if let Some(level) = level {
            if level == 7 && !opens_with_heading {
                block.pseudo_heading = true;
            }
            while stack.last().is_some_and(|&(l, _)| l >= level) {
                stack.pop();
            }
            // The document's title names the job, not a part of the ad: "Benefits Adviser",
            // "Data Analyst, Impact & Evaluation" do not make the whole page benefits or duties.
            // A title that names questions or a process ("Interview questions") does say what
            // the page is.
            let title = level == 1 && !seen_heading;
            seen_heading = true;
            // Below a heading for questions, a sub-heading names a theme of the questions
            // ("Motivation and values", "Technical skills"), not a part of an ad; only a
            // heading for the process ("Scoring", "After the interview") ends them. Below the
            // duties or the requirements, a sub-heading with words for the organisation
            // ("Team and company fit", "Our values") names what is asked, not who asks.
            let parent = stack.last().map(|&(_, s)| s);
            let section = match named {
                Some(s) if parent == Some(Section::Questions) && s != Section::Process => {
                    Section::Questions
                }
                Some(Section::About)
                    if matches!(
                        parent,
                        Some(Section::Duties | Section::Requirements | Section::NiceToHave)
                    ) =>
                {
                    parent.unwrap_or(Section::Other)
                }
                Some(
                    Section::Duties
                    | Section::Requirements
                    | Section::NiceToHave
                    | Section::Benefits
                    | Section::About,
                ) if title => Section::Other,
                Some(s) => s,
                None => stack.last().map(|&(_, s)| s).unwrap_or(Section::Other),
            };
            stack.push((level, section));
            current = section;
            block.section = current;
        } else if matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
            && table.leaves_section(current, &block.text)
        {
            block.section = Section::Other;
        } else {
            block.section = current;
            // Outside any named section, a paragraph that opens with a short label naming one
            // ("The role: you'll book meetings…", "What they want: two years in sales") is
            // that part of the ad, as it would be under a heading of those words. It starts
            // no section: the paragraphs after it keep theirs.
            if current == Section::Other
                && block.kind == BlockKind::Paragraph
                && let Some(named) = inline_label(&block.text).and_then(|l| table.names_whole(l))
            {
                block.section = named;
            }
        }
    }
}

/// The label a paragraph opens with, if it opens with a few words and a colon followed by
/// more text ("The role: you'll book…"); not a time ("9:30"), an address or a link.
fn inline_label(text: &str) -> Option<&str> {
    let (label, rest) = text.split_once(": ")?;
    let words = crate::text::words(label).count();
    ((1..=4).contains(&words)
        && !rest.trim().is_empty()
        && label
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '\u{2019}' | '-' | '&')))
    .then_some(label)
}

/// Is this prose a question unit: a sentence ending in `?` or starting with `Q:`?
pub fn is_question(sentence: &str) -> bool {
    let t = sentence.trim_end_matches([
        '"', '\'', ')', '*', '_', '\u{201d}', '\u{2019}', '\u{bb}', ' ',
    ]);
    t.ends_with('?') || {
        let l = sentence.trim_start().to_ascii_lowercase();
        l.starts_with("q:")
            || l.starts_with("q.")
            || l.starts_with("question:")
            || crate::text::question_label(sentence)
    }
}

/// The kind-guess word lists (`rules/language/kinds.toml`), in the order of [`WordCounts`].
#[derive(Debug, Clone, Default)]
pub struct KindWords {
    lists: [Vec<String>; LISTS],
    /// Every word of every list, with the lists it is in; built on first use.
    matcher: std::sync::OnceLock<Option<(AhoCorasick, Vec<Vec<usize>>)>>,
}

/// How many lists there are.
const LISTS: usize = 8;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct KindFile {
    #[serde(default)]
    second_person: Vec<String>,
    #[serde(default)]
    interviewer: Vec<String>,
    #[serde(default)]
    candidate_facing: Vec<String>,
    #[serde(default)]
    ad: Vec<String>,
    #[serde(default)]
    process: Vec<String>,
    #[serde(default)]
    interview_practice: Vec<String>,
    #[serde(default)]
    interview_title: Vec<String>,
    #[serde(default)]
    interview_prompts: Vec<String>,
}

impl KindWords {
    /// Parses a `kinds.toml` file; the error names the problem.
    pub fn parse(source: &str) -> Result<KindWords, String> {
        let f: KindFile = toml::from_str(source).map_err(|e| e.to_string())?;
        let norm = |l: Vec<String>| -> Vec<String> {
            l.iter()
                .map(|w| normalize_phrase(w))
                .filter(|w| !w.is_empty())
                .collect()
        };
        Ok(KindWords {
            lists: [
                norm(f.second_person),
                norm(f.interviewer),
                norm(f.candidate_facing),
                norm(f.ad),
                norm(f.process),
                norm(f.interview_practice),
                norm(f.interview_title),
                norm(f.interview_prompts),
            ],
            matcher: Default::default(),
        })
    }

    /// Each list with its name in `kinds.toml`.
    pub fn named_lists(&self) -> impl Iterator<Item = (&'static str, &[String])> {
        const NAMES: [&str; LISTS] = [
            "second-person",
            "interviewer",
            "candidate-facing",
            "ad",
            "process",
            "interview-practice",
            "interview-title",
            "interview-prompts",
        ];
        NAMES.into_iter().zip(self.lists.iter().map(Vec::as_slice))
    }

    fn extend(&mut self, other: KindWords) {
        for (mine, theirs) in self.lists.iter_mut().zip(other.lists) {
            mine.extend(theirs);
        }
        self.matcher = Default::default();
    }

    fn matcher(&self) -> Option<&(AhoCorasick, Vec<Vec<usize>>)> {
        self.matcher
            .get_or_init(|| {
                let mut words: Vec<&str> = Vec::new();
                let mut lists_of: Vec<Vec<usize>> = Vec::new();
                // The title words and the prompt openings are looked for on their own.
                for (list, list_words) in self.lists.iter().enumerate().take(6) {
                    for w in list_words {
                        match words.iter().position(|x| x == w) {
                            Some(i) => lists_of[i].push(list),
                            None => {
                                words.push(w);
                                lists_of.push(vec![list]);
                            }
                        }
                    }
                }
                AhoCorasick::new(&words).ok().map(|ac| (ac, lists_of))
            })
            .as_ref()
    }

    /// Does `sentence` (in normal form) open with words that ask the candidate for an
    /// answer ("tell me about a time", "describe a situation")?
    fn opens_with_prompt(&self, sentence: &str) -> bool {
        let s = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
        let s = crate::text::after_number_label(s).trim_start();
        self.lists[7]
            .iter()
            .any(|w| s.starts_with(w.as_str()) && crate::text::at_word_boundaries(s, &(0..w.len())))
    }

    /// Does `title` (in normal form) name an interview document?
    fn names_interview(&self, title: &str) -> bool {
        self.lists[6]
            .iter()
            .any(|w| crate::text::contains_word(title, w))
    }
}

/// How often the words of each list occur, as whole words.
#[derive(Default)]
struct WordCounts {
    second_person: usize,
    interviewer: usize,
    facing: usize,
    ad: usize,
    process: usize,
    practice: usize,
}

/// Counts the words of every list in one pass over `hay` (in normal form); second-person
/// words only inside the ranges `prose` (in order, not overlapping).
fn count_words(words: &KindWords, hay: &str, prose: &[std::ops::Range<usize>]) -> WordCounts {
    let Some((ac, lists_of)) = words.matcher() else {
        return WordCounts::default();
    };
    let mut n = [0usize; LISTS];
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
        practice: n[5],
    }
}

/// Guesses the kind of a document from its sections, its questions and its wording.
pub fn guess_kind(doc: &Document, words: &KindWords) -> DocKind {
    let mut ad_sections = std::collections::BTreeSet::new();
    let mut questions = 0usize;
    // Questions in a section of their own (under a questions heading).
    let mut questions_in_section = 0usize;
    let mut prose_units = 0usize;
    let mut has_question_heading = false;
    let mut process_headings = 0usize;
    let mut ad_headings = 0usize;
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
                    ad_headings += 1;
                }
                Section::Questions => has_question_heading = true,
                Section::Process => process_headings += 1,
                _ => {}
            }
        }
        // Second-person words count only in the prose sentences (not the questions):
        // their ranges in `all`, in order.
        let base = all.len();
        // An item of a list under a questions heading is a question, with or without its
        // question mark ("- Tell us about yourself.").
        // So is a heading that asks ("### 3. Why do you want this job?").
        let listed_question = matches!(b.kind, BlockKind::ListItem | BlockKind::TableCell)
            && b.section == Section::Questions
            || b.is_heading() && b.sentences.iter().any(|s| is_question(&b.text[s.clone()]));
        if listed_question {
            prose_units += 1;
            questions += 1;
            questions_in_section += usize::from(b.section == Section::Questions);
        } else if !b.is_heading() {
            for s in &b.sentences {
                prose_units += 1;
                let start = b.norm.from_original(s.start);
                let end = b.norm.from_original(s.end);
                // A prompt ("Describe a time you…") asks as a question does.
                if is_question(&b.text[s.clone()])
                    || words.opens_with_prompt(&b.norm.text[start..end])
                {
                    questions += 1;
                    questions_in_section += usize::from(b.section == Section::Questions);
                } else {
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
        practice,
    } = count_words(words, &all, &prose);
    // A page that speaks to the candidate at least as often as of the interviewers ("your
    // interview", "please bring", "you will be asked") explains the process, even when it
    // names the assessors who will watch.
    let speaks_plainly_to_candidates = facing >= 2 && interviewer <= facing;
    // Or that speaks to its reader far more than it speaks of "the candidate": a guide for
    // interviewers names the candidate in most of its instructions. (Not used against a title
    // that names an interview guide, whose reader is the interviewer.)
    let speaks_to_candidates = speaks_plainly_to_candidates
        || (facing >= 2 && you_words >= 10 && you_words >= 2 * interviewer);
    // A title that names an interview guide or question list decides, whatever the
    // headings below it look like.
    let title = doc
        .front_matter
        .iter()
        .filter(|(k, _)| matches!(k.as_str(), "title" | "slug" | "subtitle"))
        .map(|(_, v)| normalize_phrase(v))
        .chain(
            doc.blocks
                .iter()
                .find(|b| matches!(b.kind, BlockKind::Heading(1)))
                .map(|b| b.norm.text.clone()),
        )
        .any(|t| words.names_interview(&t));
    if title && (interviewer >= 2 || questions >= 3) {
        return if speaks_plainly_to_candidates {
            DocKind::Process
        } else {
            DocKind::Interview
        };
    }
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
    // A page that lists interview questions is an interview document, whatever its headings
    // look like: job ads ask a question or two, not a list of them. But an ad with its own
    // sections (duties, requirements, benefits) that ends with sample questions of its
    // interview stays an ad: its questions are not most of it, and it does not speak to
    // interviewers (an interviewer's pack with the job's description does).
    // Its questions are few next to its ad sections, or most of them sit in a section of
    // their own: a script that asks many questions throughout, between its own headings, is
    // not such an ad. Words for interviewers ("candidates must…") may occur in an ad, but not
    // as often as it speaks to its reader.
    let ad_with_questions = ad_sections.len() >= 2
        && question_share < 0.5
        && (interviewer < 3 || you_words >= 3 * interviewer)
        && (questions <= 5 * ad_sections.len() || questions_in_section * 5 >= questions * 4);
    if questions >= 8 && question_share >= 0.2 && !ad_with_questions {
        return if speaks_to_candidates {
            DocKind::Process
        } else {
            DocKind::Interview
        };
    }
    // A page whose headings are mostly the steps of a process ("1. Apply online", "2. Phone
    // screen", "3. Assessment day") describes the process, even when an FAQ below asks about
    // the pay or the hours.
    if process_headings >= 4 && process_headings >= 2 * ad_headings {
        return if interviewer > facing && !speaks_to_candidates {
            DocKind::Interview
        } else {
            DocKind::Process
        };
    }
    if ad_sections.len() >= 2 && !(has_question_heading && questions > 5 * ad_sections.len()) {
        return DocKind::JobAd;
    }
    // Words for interviewers and candidates alone ("candidates must hold…") do not make an
    // ad with a requirements section an interview document: it needs questions too.
    let interview_signal = (question_share >= 0.35 && questions >= 3)
        || (has_question_heading && questions >= 2)
        || (interviewer >= 3 && (questions > 0 || ad_sections.is_empty()));
    if interview_signal && ad_sections.len() < 2 {
        if speaks_to_candidates {
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
    // Advice on how to interview, with no job-ad sections: an interview document.
    if practice >= 4 && ad_sections.is_empty() {
        return DocKind::Interview;
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
    fn a_section_names_the_kind_it_is_also_checked_as() {
        let t = table();
        assert_eq!(
            t.also_checked_as(Section::Requirements),
            Some(DocKind::JobAd)
        );
        assert_eq!(
            t.also_checked_as(Section::Questions),
            Some(DocKind::Interview)
        );
        assert_eq!(t.also_checked_as(Section::About), None);
        let err = SectionTable::parse(
            "[[section]]\nname = \"duties\"\nwords = [\"duties\"]\nalso-checked-as = \"advert\"\n",
        )
        .unwrap_err();
        assert!(err.contains("`advert`") || err.contains("advert"), "{err}");
        assert!(err.contains("duties"), "{err}");
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
    fn classifies_the_headings_of_person_specifications_and_public_sector_ads() {
        let t = table();
        for h in [
            "The successful candidate will",
            "Person spec",
            "Personal qualities",
            "You'll thrive if",
            "Your background",
            "We'd love to hear from you if",
            "What we need",
            "What we need from you",
            "What it takes",
            "What we're after",
        ] {
            assert_eq!(t.classify(h), Some(Section::Requirements), "{h}");
        }
        for h in ["Key accountabilities", "Key result areas", "Job purpose"] {
            assert_eq!(t.classify(h), Some(Section::Duties), "{h}");
        }
        for h in ["What's in it for you", "What we can offer you"] {
            assert_eq!(t.classify(h), Some(Section::Benefits), "{h}");
        }
        // What interviewers score is read as questions are: each item is one criterion.
        for h in ["Score the candidate on", "Rating", "Marking"] {
            assert_eq!(t.classify(h), Some(Section::Questions), "{h}");
        }
        // The organisation's own purpose and background stay its description.
        assert_eq!(t.classify("Our background"), Some(Section::About));
    }

    fn kind_of(source: &str) -> DocKind {
        let doc = crate::parse::parse(
            "page.md",
            source.to_string(),
            crate::document::Format::Markdown,
            None,
            &table(),
        );
        doc.kind
    }

    /// The section of the first block of `source` (in `format`) that contains `text`.
    fn section_of(source: &str, format: crate::document::Format, text: &str) -> Option<Section> {
        let doc = crate::parse::parse("page", source.to_string(), format, None, &table());
        doc.blocks
            .iter()
            .find(|b| b.text.contains(text))
            .map(|b| b.section)
    }

    #[test]
    fn underlined_lines_of_plain_text_and_restructuredtext_are_headings() {
        let text = crate::document::Format::Text;
        let page = "Mentor interviews\n=================\n\nSample questions\n----------------\n\n\
             * Tell us about a review of your code.\n\nMotivation and values\n~~~~~~~~~~~~~~~~~~~~~\n\n\
             * What does open source mean to you?\n\nDo\n--\n\n* Ask everyone the same questions.\n";
        let doc = crate::parse::parse("guide.rst", page.to_string(), text, None, &table());
        let headings: Vec<(u8, &str)> = doc
            .blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading(l) => Some((l, b.text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            vec![
                (1, "Mentor interviews"),
                (2, "Sample questions"),
                (3, "Motivation and values"),
                (2, "Do")
            ]
        );
        // No row of marks is left in the text.
        assert!(doc.blocks.iter().all(|b| !b.text.contains("---")));
        // A theme below a questions heading keeps the questions, though "values" names the
        // organisation elsewhere.
        assert_eq!(
            section_of(page, text, "open source mean"),
            Some(Section::Questions)
        );
    }

    #[test]
    fn numbered_underlined_headings_and_lettered_items_in_plain_text() {
        let text = crate::document::Format::Text;
        let page = "SHIFT LEAD BRIEFING\n===================\n\n1. INTERVIEW QUESTIONS\n----------------------\n\n\
             Pick three questions.\n\n  a) Tell us about a stock count you ran.\n  \
             b) What would your friends say is your worst habit?\n  (c) Describe your last rota.\n\n\
             2. TIMES\n--------\n\nA. Smith will meet you at 9.\n";
        let doc = crate::parse::parse("brief.txt", page.to_string(), text, None, &table());
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            headings,
            vec!["SHIFT LEAD BRIEFING", "INTERVIEW QUESTIONS", "TIMES"]
        );
        let items: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ListItem)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            items,
            vec![
                "Tell us about a stock count you ran.",
                "What would your friends say is your worst habit?",
                "Describe your last rota."
            ]
        );
        // A capital and a full stop start a sentence, not an item.
        assert!(
            doc.blocks
                .iter()
                .any(|b| b.kind == BlockKind::Paragraph && b.text.starts_with("A. Smith"))
        );
        assert_eq!(
            section_of(page, text, "worst habit"),
            Some(Section::Questions)
        );
    }

    #[test]
    fn a_list_of_prompts_without_question_marks_is_an_interview_page() {
        // Competency headings look like the sections of an ad; the items under them ask.
        let page = "# Warehouse team leader\n\n## Skills\n\n\
             - Describe a time you planned a shift around a late delivery.\n\
             - Tell us about a time you trained a new starter on the scanner.\n\
             - Give an example of a stock count you led.\n\n## Experience\n\n\
             - Talk us through the last safety check you carried out.\n\
             - Tell us about a time you dealt with a mistake in a pick list.\n\
             - Describe a situation where you had to change the rota at short notice.\n\n\
             ## Duties\n\n- Walk us through how you closed the loading bay at your last job.\n\
             - Give us an example of feedback you gave to a picker.\n";
        assert_eq!(kind_of(page), DocKind::Interview);
        // The same headings over duties are an ad.
        let ad = "# Warehouse team leader\n\n## Duties\n\n- Plan each shift.\n- Train new starters.\n\n\
             ## Skills\n\n- Forklift licence.\n- Experience of stock counts.\n";
        assert_eq!(kind_of(ad), DocKind::JobAd);
    }

    #[test]
    fn words_in_brackets_do_not_name_the_section() {
        let t = table();
        assert_ne!(
            t.classify("2. Phone screen (about 20 minutes)"),
            Some(Section::About)
        );
        assert_eq!(
            t.classify("Requirements (essential)"),
            Some(Section::Requirements)
        );
    }

    #[test]
    fn a_page_of_process_steps_is_a_process_page_despite_its_faq() {
        let page = "# Our hiring process\n\n## 1. Apply online\n\nSend your CV through the portal.\n\n\
             ## 2. Phone screen\n\nA recruiter calls you at a time you choose.\n\n\
             ## 3. Assessment\n\nYou get a take-home task with no timer.\n\n\
             ## 4. Interview\n\nYou meet two of the team for 45 minutes.\n\n\
             ## What will I do in the first month?\n\nYou shadow a claims handler.\n\n\
             ## What's the salary?\n\nEvery posting shows its pay range.\n";
        assert_eq!(kind_of(page), DocKind::Process);
    }

    #[test]
    fn a_sentence_that_leads_into_a_list_keeps_the_section() {
        // "the role" deep inside a sentence ending in a colon does not start the duties; a
        // short label still names its section, and so does a long label in capitals.
        let page = "# How we hire\n\n## Step 4: Assessments\n\n\
             Depending on the role, we may ask you to do one or more of the following:\n\n\
             - A timed reasoning test\n\n## Requirements\n\n- A food hygiene certificate\n\n\
             To work in this kitchen, you will also need:\n\n- Steel-toe boots\n\n\
             What you'll do:\n\n- Prepare school lunches\n\n\
             FOR INFORMATION ON THE RECRUITMENT PROCESS AND TERMS OF EMPLOYMENT:\n\n\
             - Email the team\n";
        let md = crate::document::Format::Markdown;
        assert_eq!(
            section_of(page, md, "A timed reasoning test"),
            Some(Section::Process)
        );
        assert_eq!(
            section_of(page, md, "Steel-toe boots"),
            Some(Section::Requirements)
        );
        assert_eq!(
            section_of(page, md, "Prepare school lunches"),
            Some(Section::Duties)
        );
        assert_eq!(
            section_of(page, md, "Email the team"),
            Some(Section::Process)
        );
    }

    #[test]
    fn a_title_that_names_the_job_does_not_start_a_section() {
        let ad = "# Benefits Adviser\n\n## A day in the office\n\nYou answer calls.\n\n\
             ## Physical demands\n\nYou lift boxes of files.\n\n## Benefits\n\nA pension.\n";
        let md = crate::document::Format::Markdown;
        assert_eq!(section_of(ad, md, "You answer calls"), Some(Section::Other));
        assert_eq!(
            section_of(ad, md, "You lift boxes"),
            Some(Section::Requirements)
        );
        assert_eq!(section_of(ad, md, "A pension"), Some(Section::Benefits));
        // A title that names questions still makes its list questions.
        let doc = crate::parse::parse(
            "q.md",
            "# Interview questions\n\n- Tell us about a busy shift.\n".to_string(),
            crate::document::Format::Markdown,
            None,
            &table(),
        );
        assert_eq!(doc.blocks[1].section, Section::Questions);
    }

    #[test]
    fn a_heading_in_capitals_on_the_line_above_its_text_starts_a_section() {
        let ad = "NIGHT PORTER\n\nKEY DUTIES\n- Check in late arrivals.\n\nTHE IDEAL CANDIDATE\n\
             You will have five years of hotel work.\n\nHOW TO APPLY:\nEmail your CV.\n";
        let text = crate::document::Format::Text;
        assert_eq!(
            section_of(ad, text, "five years"),
            Some(Section::Requirements)
        );
        assert_eq!(
            section_of(ad, text, "Email your CV"),
            Some(Section::Process)
        );
        // A sentence in capitals is not a heading.
        let note = "KEY DUTIES\n- Check in late arrivals.\n\nPLEASE NOTE.\nThe salary is fixed.\n";
        assert_eq!(section_of(note, text, "salary"), Some(Section::Duties));
    }

    #[test]
    fn an_invitation_that_names_its_assessors_is_a_process_page() {
        let invitation = "# Your assessment day\n\nThank you for applying. We are pleased to \
            invite you to an assessment day on 14 March. Please arrive at 9:30 and please bring \
            photo ID. On the day, two assessors will run a group exercise, and you will be asked \
            three questions in a short panel interview:\n\n- Tell us about a time you calmed \
            an upset customer.\n- How did you learn a new computer system?\n- Why did you \
            apply?\n- What did you do the last time you missed a target?\n- Which phone \
            systems have you used?\n- How did you plan your week in your last job?\n- Tell us \
            about a complaint you handled.\n- What training have you done?\n";
        assert_eq!(kind_of(invitation), DocKind::Process);
    }

    #[test]
    fn an_interview_guide_stays_one_whatever_its_headings() {
        // Headings that read like a job ad's ("What you're looking for", "Requirements") under
        // a title that names an interview guide.
        let guide = "---\ntitle: How to run waiter interviews: questions and scoring\n---\n\
            # Waiter interview guide\n\n## What you're looking for\n\nAsk the candidate about \
            service.\n\n## Requirements\n\n- Tell me about a busy shift.\n- What did you do \
            first?\n- How did the candidate answer?\n";
        assert_eq!(kind_of(guide), DocKind::Interview);
        // Advice on interviewing with no job-ad sections and few questions.
        let advice = "# Recruitment\n\nMake the interview relaxed. Ask candidates about their \
            experience, and assess the work they have done. Avoid hypotheticals in interviews; \
            a short paid task is a fairer assessment.\n";
        assert_eq!(kind_of(advice), DocKind::Interview);
        // A job ad is still a job ad.
        let ad = "# Shop assistant\n\n## Duties\n- Serve customers.\n\n## Requirements\n\
            - Experience in retail.\n\n## How to apply\nSend your CV. Salary £24,000.\n";
        assert_eq!(kind_of(ad), DocKind::JobAd);
        // An ad that speaks of "candidates" in its requirements, with no question in it, is a
        // job ad: words for candidates alone do not make an interview document.
        let ad = "# Bilingual paralegal\n\nFull-time, Leeds.\n\n## Qualifications\n\n\
            - Candidates must speak English and Polish.\n- Candidates must hold a law degree.\n\
            - Candidates should have two years of experience in a law firm.\n\
            - The successful candidate will report to a partner.\n";
        assert_eq!(kind_of(ad), DocKind::JobAd);
    }

    #[test]
    fn an_ad_that_ends_with_sample_questions_stays_an_ad() {
        let questions = "## Sample interview questions\n\n\
            - Tell us about a time you calmed an upset customer.\n\
            - How did you keep records in your last job?\n\
            - What would you do if a client shouted at you?\n\
            - Where do you see yourself in five years?\n\
            - How do you feel when plans change?\n\
            - Why should we hire you?\n\
            - What does good service mean to you?\n\
            - Are you free to start next month?\n\
            - Which booking systems have you used?\n\
            - How would you handle two phones ringing at once?\n\
            - What is your greatest weakness?\n";
        // Duties and requirements written to the reader, then a list of the interview's
        // questions: the questions are a part of the ad, not most of it.
        let ad = format!(
            "# Practice receptionist\n\nWe are a small veterinary practice in Cork.\n\n\
             ## What you will do\n\n- Greet clients and their pets.\n- Book appointments.\n\
             - Take payments.\n- Answer the phone and emails.\n- Keep records up to date.\n\n\
             ## What you will need\n\n- A year of customer service.\n- Good spelling.\n\
             - Confidence with a computer.\n- A full driving licence.\n\
             - Weekend cover one Saturday in four.\n\n\
             ## What we offer\n\n- €27,000 a year.\n- 25 days of leave.\n- Free parking.\n\n\
             ## How to apply\n\nSend your CV. You will have a 30-minute interview.\n\n{questions}"
        );
        assert_eq!(kind_of(&ad), DocKind::JobAd);
        // With two ad sections, eleven questions are many, but they sit in a section of their
        // own at the end: still an ad.
        let short_ad = ad.replace(
            "## What we offer\n\n- €27,000 a year.\n- 25 days of leave.\n- Free parking.\n\n",
            "",
        );
        assert_ne!(short_ad, ad);
        assert_eq!(kind_of(&short_ad), DocKind::JobAd);
        // The same questions in a pack for the interview panel, with the job's description
        // and criteria: it speaks to the interviewers, so it is an interview document.
        let pack = format!(
            "# Receptionist: panel pack\n\n## Duties\n\n- Greet clients.\n- Book \
             appointments.\n\n## Selection criteria\n\n- A year of customer service.\n\n\
             Interviewers: ask the candidate every question. Panel members score each answer \
             on the rating scale; look for examples.\n\n{questions}"
        );
        assert_eq!(kind_of(&pack), DocKind::Interview);
    }

    #[test]
    fn a_page_that_prepares_candidates_is_a_process_page_though_it_names_the_interviewers() {
        // It says what the interviewers look for and what candidates tend to do, but it
        // speaks to its reader throughout.
        let page = "# Preparing for your interview\n\n\
            Thank you for applying. This page helps you prepare for your interview at a branch.\n\n\
            ## What happens\n\nYou will meet two interviewers for 40 minutes. The interviewers \
            look for examples from your own work. Many candidates bring notes, and you can too. \
            Most questions are about serving customers. We email the time and the address \
            a week before.\n\n\
            ## What we ask\n\n- Tell us about a time you helped a customer with a problem.\n\
            - How do you check your work for mistakes?\n\n\
            ## At the branch\n\nBring your ID. You can ask the interviewers to repeat a \
            question, and you can take a moment before you answer. Candidates who are not \
            offered a job hear from us by email. You will have time at the end for your own \
            questions, so bring them with you. You do not need to prepare anything else. You \
            can bring a glass of water with you.\n";
        assert_eq!(kind_of(page), DocKind::Process);
    }

    #[test]
    fn an_interview_page_that_names_its_reader_as_often_as_its_interviewers_is_a_process_page() {
        // Its title names the interview, and it says twice what the interviewers do and twice
        // what the reader will do: it is written for the candidate.
        let page = "# Interviewing at Harbour Bank\n\n\
            Thank you for applying. Here is what your interview involves.\n\n\
            ## Steps\n\nYou will meet two interviewers from the branch team. They ask about \
            your own work with customers. The interviewers take notes so they can be fair. \
            We email the questions the day before, and you can bring notes.\n\n\
            ## At the branch\n\nBring photo ID. Ask for a break whenever you need one.\n";
        assert_eq!(kind_of(page), DocKind::Process);
    }

    #[test]
    fn lines_that_open_with_a_symbol_or_follow_a_question_are_kept_apart() {
        let doc = crate::parse::parse(
            "page.md",
            "\u{1f4cd} **Location**: The Anchor, Stanwell Moor\n\u{2708}\u{fe0f} **From the airport**: ten minutes by bus\n\nWhat do you do first?\nHow do you check it?\nwe wrap\nhere.\n".to_string(),
            crate::document::Format::Markdown,
            None,
            &table(),
        );
        // Two items, not one sentence running over both lines.
        assert_eq!(doc.blocks[0].sentences.len(), 2, "{:?}", doc.blocks[0].text);
        // A line break after a question, before a capital, stays one; a line wrapped before a
        // small letter is a space.
        assert_eq!(
            doc.blocks[1].text,
            "What do you do first?\nHow do you check it? we wrap here."
        );
    }

    #[test]
    fn the_bundled_kind_words_load() {
        let w = KindWords::parse(include_str!("../../rules/language/kinds.toml")).unwrap();
        assert!(w.lists.iter().all(|l| !l.is_empty()));
        assert!(w.names_interview("sample interview questions for nurses"));
        assert!(!w.names_interview("nurse, band 5"));
    }

    #[test]
    fn a_paragraph_about_the_job_under_about_us_is_read_as_other() {
        let md = crate::document::Format::Markdown;
        let page = "# Office administrator\n\n## About us\n\nWe run four dental practices in Leeds.\n\n\
             The successful applicant will answer the phones and keep the diary.\n\n\
             - You will order stock for all four practices.\n\n## Duties\n\n- File records.\n";
        assert_eq!(
            section_of(page, md, "We run four dental practices"),
            Some(Section::About)
        );
        assert_eq!(
            section_of(page, md, "The successful applicant will"),
            Some(Section::Other)
        );
        assert_eq!(
            section_of(page, md, "You will order stock"),
            Some(Section::Other)
        );
        assert_eq!(section_of(page, md, "File records"), Some(Section::Duties));
        // The words are data: a table without them leaves the paragraph in "about".
        let plain =
            SectionTable::parse("[[section]]\nname = \"about\"\nwords = [\"about us\"]\n").unwrap();
        let doc = crate::parse::parse("page", page.to_string(), md, None, &plain);
        let b = doc
            .blocks
            .iter()
            .find(|b| b.text.contains("The successful applicant"))
            .unwrap();
        assert_eq!(b.section, Section::About);
    }

    #[test]
    fn a_sentence_that_leads_into_the_selection_steps_starts_the_process() {
        let md = crate::document::Format::Markdown;
        let ad = "# Customer service adviser\n\n## About the role\n\n\
             You will answer calls about energy bills.\n\n\
             You will be assessed on the day against the following:\n\n\
             - a timed typing test\n- a personality questionnaire\n\n\
             You will be responsible for:\n\n- updating customer accounts\n";
        assert_eq!(
            section_of(ad, md, "a timed typing test"),
            Some(Section::Process)
        );
        // "You will" alone still leads into the duties.
        assert_eq!(
            section_of(ad, md, "updating customer accounts"),
            Some(Section::Duties)
        );
        let t = table();
        assert_eq!(
            t.classify_label("You'll be asked to do the following on the day"),
            Some(Section::Process)
        );
        // A long lead-in names its section by its last words after "are" or "is" too, and
        // may end in a dash.
        assert_eq!(
            t.classify_label("The following skills and qualities are essential -"),
            Some(Section::Requirements)
        );
        assert_eq!(
            t.classify_label(
                "Depending on the role, we may ask you to do one or more of the following"
            ),
            None
        );
        // Only what the lead-in says the list is ("… are essential") names it, not any last
        // word: a process page's lead-ins stay in the process.
        assert_eq!(t.classify_label("Here is what you need to bring"), None);
        assert_eq!(
            t.classify_label("In the interview we will ask you about the following duties"),
            Some(Section::Process)
        );
        assert_eq!(
            t.classify_label("You'll be working on the following"),
            Some(Section::Duties)
        );
        // A recruiter writing for a client names the requirements in the third person.
        assert_eq!(
            t.classify_label("What they want"),
            Some(Section::Requirements)
        );
        assert_eq!(
            t.classify_label("What my client is looking for"),
            Some(Section::Requirements)
        );
    }

    #[test]
    fn a_paragraph_that_opens_with_a_section_label_is_that_section_outside_any_other() {
        let md = crate::document::Format::Markdown;
        let post = "I'm hiring for a client!\n\n\
             The role: you'll book meetings for the sales team from the Leeds office.\n\n\
             Note: the office is near the station.\n\n\
             The package: £30,000 a year and 25 days' holiday.\n\n\
             Drop me a message if that sounds like you.\n";
        assert_eq!(section_of(post, md, "book meetings"), Some(Section::Duties));
        assert_eq!(
            section_of(post, md, "near the station"),
            Some(Section::Other)
        );
        assert_eq!(section_of(post, md, "25 days"), Some(Section::Benefits));
        // A label that only contains a section's word is no section's name.
        let page = "Stage 2\n\nA short role play: someone plays a caller with a complaint.\n";
        assert_eq!(section_of(page, md, "plays a caller"), Some(Section::Other));
        // It starts no section: the paragraph after it keeps its own.
        assert_eq!(
            section_of(post, md, "Drop me a message"),
            Some(Section::Other)
        );
        // Under a heading that names a section, the heading decides.
        let ad = "# Sales assistant\n\n## Requirements\n\n\
             The role: needs two years on a till.\n";
        assert_eq!(
            section_of(ad, md, "two years on a till"),
            Some(Section::Requirements)
        );
    }

    #[test]
    fn a_preposition_deep_in_a_label_sentence_does_not_start_about() {
        let md = crate::document::Format::Markdown;
        let page = "# Operations associate\n\n## How we hire\n\n\
             We keep things quick, about two weeks end to end:\n\n\
             1. A call where we just want to get a feel for you.\n\n\
             About the team:\n\n- Six people in Leeds.\n";
        assert_eq!(
            section_of(page, md, "get a feel for you"),
            Some(Section::Process)
        );
        assert_eq!(
            section_of(page, md, "Six people in Leeds"),
            Some(Section::About)
        );
        let t = table();
        assert_eq!(t.label_first_words(Section::About), Some(2));
        assert_eq!(t.classify_label("About the team"), Some(Section::About));
        assert_eq!(
            t.classify_label("We keep things quick, about two weeks end to end"),
            None
        );
        // A real heading is read whole.
        assert_eq!(
            t.classify("We keep things quick, about two weeks end to end"),
            Some(Section::About)
        );
    }

    #[test]
    fn question_units() {
        assert!(is_question("Where do you see yourself in five years?"));
        assert!(is_question("Q: tell me about yourself"));
        assert!(!is_question("Tell me about a time you fixed a bug."));
    }
}
