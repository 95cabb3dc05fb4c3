//! Question analysis: every question or prompt in a document, classified by the kind of
//! barrier it is.
//!
//! This step runs between parsing and checking. It finds the questions of a document (a
//! sentence ending in `?`, a line starting with `Q:`, a list item under a questions heading, a
//! sentence or list item that opens like a prompt: "Tell me about…", "Describe…") and gives each
//! the kinds of barrier its form shows: hypothetical, abstract, self-description, … (the kinds
//! of the question bank, [`KINDS`]). `question` rules with `question-kinds` flag the questions
//! of their kinds; `hirelint inspect` lists every question with its kinds and the words that
//! decided them.
//!
//! Kinds are decided from the form of a question, not from a list of known questions: each
//! kind is a set of *cues* (regular expressions over grammatical slots: a conditional or
//! counterfactual mood, a question about the person rather than the work, figurative wording)
//! and of *unless* forms that make it fair after all (a real past situation, the job's own
//! task). Every word list is data, in `rules/language/questions.toml`, so reviewers can read
//! and change them; this file holds only the code that applies them.

mod reported;

use std::ops::Range;

use std::sync::OnceLock;

use crate::lazy_regex::compile_cues;
use regex_automata::meta::Regex;
use regex_automata::{Input, PatternSet};
use serde::Deserialize;
use toml::Spanned;

use crate::document::sections::is_question;
use crate::document::{Block, BlockKind, DocKind, Document, Section};
use crate::text::{Normalized, number_label_end, question_label};

pub use reported::{Direct, Reported};

/// The kinds of question barrier, as `question-kinds` name them: the question bank's kinds, with
/// its `unlawful` split in two, `unlawful` (health, sickness, union membership, pay history) and
/// `protected` (age, family, origin, religion), which are reported in different families.
pub const KINDS: [&str; 15] = [
    "hypothetical",
    "abstract",
    "feelings",
    "self-description",
    "others-perception",
    "personal-life",
    "brain-teaser",
    "multi-part",
    "idiom",
    "culture-fit",
    "social-judgement",
    "time-pressure",
    "unlawful",
    "protected",
    "open-ended",
];

/// The index of a kind in [`KINDS`].
pub fn kind_index(name: &str) -> Option<usize> {
    KINDS.iter().position(|k| *k == name)
}

/// A set of kinds, one bit per entry of [`KINDS`].
pub type KindSet = u16;

/// One regular expression of a word list, as written in the language file. Its syntax is
/// checked when the file is read; it is compiled, with the other cues of its kind, the first
/// time a question is classified (start-up stays quick for documents without questions).
#[derive(Debug, Clone)]
pub struct Cue {
    /// As written in the language file.
    pub source: String,
}

impl Cue {
    fn new(source: &str) -> Result<Cue, String> {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(source)
            .map_err(|e| format!("bad regular expression: {e}"))?;
        Ok(Cue {
            source: source.to_string(),
        })
    }
}

/// The cues of a kind compiled: all of them as one set, searched in one pass, and each alone
/// (built when first needed) to say which words decided.
#[derive(Debug, Clone)]
struct CompiledCues {
    cues: Option<Regex>,
    unless: Option<Regex>,
    each: Vec<OnceLock<Option<Regex>>>,
}

fn regex_set(list: &[Cue]) -> Option<Regex> {
    if list.is_empty() {
        return None;
    }
    let sources: Vec<&str> = list.iter().map(|c| c.source.as_str()).collect();
    compile_cues(&sources, true)
}

/// The cues of one kind of question.
#[derive(Debug, Clone)]
pub struct KindCues {
    /// Index into [`KINDS`].
    pub kind: usize,
    /// What the kind is, in plain words.
    pub about: String,
    /// Forms that make a question this kind.
    pub cues: Vec<Cue>,
    /// Forms that make it fair after all.
    pub unless: Vec<Cue>,
    /// Kinds whose `unless` forms make a question of this kind fair too (indices into
    /// [`KINDS`]): two kinds that share their fair forms list them once.
    pub unless_of: Vec<usize>,
    /// Kinds that a question of this kind is not also given (indices into [`KINDS`]): a
    /// narrower kind stands for a wider one ("How old are your children?" is `protected`, not
    /// also `personal-life`).
    pub replaces: Vec<usize>,
    compiled: OnceLock<CompiledCues>,
}

impl KindCues {
    fn compiled(&self) -> &CompiledCues {
        self.compiled.get_or_init(|| CompiledCues {
            cues: regex_set(&self.cues),
            unless: regex_set(&self.unless),
            each: (0..self.cues.len()).map(|_| OnceLock::new()).collect(),
        })
    }

    /// Does `text` (in normal form) show one of the forms that make a question fair?
    fn fair(&self, text: &str) -> bool {
        self.compiled()
            .unless
            .as_ref()
            .is_some_and(|u| u.is_match(text))
    }

    /// The words of `text` that make it this kind, if it is.
    fn find(&self, text: &str) -> Option<Range<usize>> {
        let c = self.compiled();
        let cues = c.cues.as_ref()?;
        let mut matched = PatternSet::new(cues.pattern_len());
        cues.which_overlapping_matches(&Input::new(text), &mut matched);
        if matched.is_empty() {
            return None;
        }
        if c.unless.as_ref().is_some_and(|u| u.is_match(text)) {
            return None;
        }
        // The earliest words among the cues that matched.
        matched
            .iter()
            .filter_map(|i| {
                let i = i.as_usize();
                c.each[i]
                    .get_or_init(|| compile_cues(&[self.cues[i].source.as_str()], false))
                    .as_ref()?
                    .find(text)
                    .map(|m| m.range())
            })
            .min_by_key(|r| (r.start, usize::MAX - r.end))
    }
}

/// The word lists of the language that decide findings outside the rule files: negations,
/// headings that negate what follows, question prompts and question kinds
/// (`rules/language/*.toml`).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Words that, shortly before a match in its sentence, turn it into its opposite.
    pub negations: Vec<String>,
    /// How many words before a match a negation may stand.
    pub negation_window: usize,
    /// Words that end a negation's reach ("not the loudest voice, but energy").
    pub negation_stops: Vec<String>,
    /// Words that, just after a negation, make it "not only" rather than "no" ("we're not
    /// just colleagues, we're a family").
    pub negation_widens: Vec<String>,
    /// Negations that, as the first word of a sentence with no subject, describe someone
    /// rather than deny ("Won't make eye contact" in a list of red flags).
    pub negation_describes: Vec<String>,
    /// Words that, just after such an opening negation, make it deny after all ("Doesn't
    /// need to…", "Won't ask…").
    pub negation_describes_not_before: Vec<String>,
    /// Heading words that turn the blocks below into examples of what not to do.
    pub negating_headings: Vec<String>,
    /// Words that, just after a heading's negating word, make it about handling the list
    /// rather than asking from it ("Do not share with candidates", "do not send in advance").
    pub negating_headings_not_before: Vec<String>,
    /// Heading words whose next word is what they negate ("avoid"), so that
    /// `negating_headings_not_before` does not apply after them.
    pub negating_headings_with_object: Vec<String>,
    /// Words that, just after a negation, keep it to themselves before a question ("do not share in advance:
    /// 'What will…'"): it does not deny what follows.
    pub negation_not_before: Vec<String>,
    /// The people who, with a negation just after them, make a statement say what the process
    /// does not do ("We will not ask…", "There are no trick questions").
    pub denying_subjects: Vec<String>,
    /// Openings that make such a statement say what the process does not do ("Do not score…").
    pub denying_openers: Vec<String>,
    /// Assessing words that, just after a negation, make such a statement say what is not
    /// assessed ("Eye contact is not scored").
    pub denied_assessments: Vec<String>,
    /// Words that join a requirement to its reason in one sentence ("a driving licence, as
    /// you will visit clients"): without one, evidence in the same sentence is another
    /// requirement, not a reason ("leadership skills and experience managing teams").
    pub reasons: Vec<String>,
    /// Phrases that hold a reason word without giving a reason ("such as", "as well as").
    pub not_reasons: Vec<String>,
    /// Openings that make a sentence a prompt ("tell me", "describe").
    pub prompts: Vec<String>,
    /// Openings of offers that are not prompts ("tell us if you need adjustments").
    pub offers: Vec<String>,
    /// Short openings before a comma that a prompt may follow ("To get us started, tell us
    /// about…").
    pub lead_ins: Vec<String>,
    /// Spoken openers that a prompt may follow after a space only ("So tell us…"); "First
    /// name" is a form field, not "first" and a prompt.
    pub spoken_lead_ins: Vec<String>,
    /// Words by which a short question points back to the sentences before it ("How do you
    /// handle this?"): those sentences are then part of the question.
    pub points_back: Vec<String>,
    /// How questions reported in prose are found and read back ("we ask where they see
    /// themselves in five years").
    pub reported: Reported,
    /// The cues of each kind of question.
    pub kinds: Vec<KindCues>,
    /// How many language files were read.
    pub files: usize,
    /// `negating_headings` as one automaton.
    headings_ac: Option<aho_corasick::AhoCorasick>,
    /// The kinds of recently classified questions, by text: guides, banks and careers sites
    /// ask the same questions again and again. Bounded; emptied when a file is added.
    recent: std::sync::Arc<std::sync::Mutex<Recent>>,
}

/// Classified questions: text to kinds and the words that decided them.
type Recent = rustc_hash::FxHashMap<Box<str>, Box<[(usize, Range<usize>)]>>;

/// At most this many questions are remembered.
const RECENT_MAX: usize = 4096;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct NegationFile {
    #[serde(default)]
    words: Vec<String>,
    window: Option<usize>,
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    headings_not_before: Vec<String>,
    #[serde(default)]
    headings_with_object: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    stops: Vec<String>,
    #[serde(default)]
    not_only: Vec<String>,
    #[serde(default)]
    describing: Vec<String>,
    #[serde(default)]
    describing_not_before: Vec<String>,
    #[serde(default)]
    denying_subjects: Vec<String>,
    #[serde(default)]
    denying_openers: Vec<String>,
    #[serde(default)]
    denied_assessments: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ReasonFile {
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    not_reasons: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct QuestionFile {
    #[serde(default)]
    prompts: Vec<String>,
    #[serde(default)]
    offers: Vec<String>,
    #[serde(default)]
    lead_ins: Vec<String>,
    #[serde(default)]
    spoken_lead_ins: Vec<String>,
    #[serde(default)]
    points_back: Vec<String>,
    #[serde(default)]
    reported: Option<reported::ReportedFile>,
    #[serde(default)]
    kind: Vec<KindFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct KindFile {
    name: Spanned<String>,
    about: String,
    #[serde(default)]
    cues: Vec<Spanned<String>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    #[serde(default)]
    unless_of: Vec<Spanned<String>>,
    #[serde(default)]
    replaces: Vec<Spanned<String>>,
}

/// An error in a language file: the byte range (where known) and what is wrong.
pub type LexiconError = (Option<Range<usize>>, String);

impl Lexicon {
    /// Adds the language file `name` (`negation.toml` or `questions.toml`) to the lexicon.
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        let toml_err = |e: toml::de::Error| (e.span(), e.message().trim().to_string());
        match name {
            "negation.toml" => {
                let f: NegationFile = toml::from_str(text).map_err(toml_err)?;
                extend_words(&mut self.negations, &f.words);
                extend_words(&mut self.negating_headings, &f.headings);
                extend_words(
                    &mut self.negating_headings_not_before,
                    &f.headings_not_before,
                );
                extend_words(&mut self.negation_not_before, &f.not_before);
                extend_words(
                    &mut self.negating_headings_with_object,
                    &f.headings_with_object,
                );
                extend_words(&mut self.negation_stops, &f.stops);
                extend_words(&mut self.negation_widens, &f.not_only);
                extend_words(&mut self.negation_describes, &f.describing);
                extend_words(
                    &mut self.negation_describes_not_before,
                    &f.describing_not_before,
                );
                extend_words(&mut self.denying_subjects, &f.denying_subjects);
                extend_words(&mut self.denying_openers, &f.denying_openers);
                extend_words(&mut self.denied_assessments, &f.denied_assessments);
                if let Some(w) = f.window {
                    if !(1..=20).contains(&w) {
                        return Err((None, "`window` is a number of words from 1 to 20".into()));
                    }
                    self.negation_window = w;
                }
            }
            "reasons.toml" => {
                let f: ReasonFile = toml::from_str(text).map_err(toml_err)?;
                extend_words(&mut self.reasons, &f.words);
                extend_words(&mut self.not_reasons, &f.not_reasons);
            }
            "questions.toml" => {
                let f: QuestionFile = toml::from_str(text).map_err(toml_err)?;
                extend_words(&mut self.prompts, &f.prompts);
                extend_words(&mut self.offers, &f.offers);
                extend_words(&mut self.lead_ins, &f.lead_ins);
                extend_words(&mut self.spoken_lead_ins, &f.spoken_lead_ins);
                // A spoken opener is a lead-in too, with a comma or without.
                extend_words(&mut self.lead_ins, &f.spoken_lead_ins);
                extend_words(&mut self.points_back, &f.points_back);
                if let Some(r) = f.reported {
                    self.reported.extend(r);
                }
                for k in f.kind {
                    let Some(kind) = kind_index(k.name.get_ref()) else {
                        return Err((
                            Some(k.name.span()),
                            format!(
                                "unknown question kind `{}`; expected one of: {}",
                                k.name.get_ref(),
                                KINDS.join(", ")
                            ),
                        ));
                    };
                    let compile = |list: &[Spanned<String>]| -> Result<Vec<Cue>, LexiconError> {
                        list.iter()
                            .map(|c| Cue::new(c.get_ref()).map_err(|e| (Some(c.span()), e)))
                            .collect()
                    };
                    let cues = compile(&k.cues)?;
                    let unless = compile(&k.unless)?;
                    let named = |list: &[Spanned<String>]| -> Result<Vec<usize>, LexiconError> {
                        list.iter()
                            .map(|n| match kind_index(n.get_ref()) {
                                Some(i) if i != kind => Ok(i),
                                Some(_) => Err((
                                    Some(n.span()),
                                    format!("a kind cannot name itself (`{}`)", n.get_ref()),
                                )),
                                None => Err((
                                    Some(n.span()),
                                    format!(
                                        "unknown question kind `{}`; expected one of: {}",
                                        n.get_ref(),
                                        KINDS.join(", ")
                                    ),
                                )),
                            })
                            .collect()
                    };
                    let unless_of = named(&k.unless_of)?;
                    let replaces = named(&k.replaces)?;
                    match self.kinds.iter_mut().find(|x| x.kind == kind) {
                        Some(existing) => {
                            existing.cues.extend(cues);
                            existing.unless.extend(unless);
                            existing.unless_of.extend(unless_of);
                            existing.replaces.extend(replaces);
                            existing.compiled = OnceLock::new();
                        }
                        None => self.kinds.push(KindCues {
                            kind,
                            about: k.about.trim().to_string(),
                            cues,
                            unless,
                            unless_of,
                            replaces,
                            compiled: OnceLock::new(),
                        }),
                    }
                }
            }
            _ => {
                return Err((
                    None,
                    "unknown language file; expected kinds.toml, negation.toml, questions.toml, reasons.toml or sentences.toml"
                        .into(),
                ));
            }
        }
        self.files += 1;
        self.recent = Default::default();
        self.headings_ac = (!self.negating_headings.is_empty())
            .then(|| aho_corasick::AhoCorasick::new(&self.negating_headings).ok())
            .flatten();
        Ok(())
    }

    /// Does a heading (in normal form) have a negating word as whole words, other than in a
    /// bracketed aside to the reader? An aside that says "please" speaks to the reader, not
    /// about the section ("Role requirements (these are real, please don't skip)" still lists
    /// requirements); "Interview questions (do not ask these)" still negates. Nor does a
    /// negating word followed by one of `headings-not-before`: "Questions (do not send in
    /// advance)" is about handling the list, not about asking from it.
    pub fn negating_heading(&self, norm: &str) -> bool {
        // The round and square bracket pairs, found in one pass (an unclosed one runs to the
        // end); a match inside is passed over when its innermost pair's text says "please".
        let pairs = bracket_pairs(norm);
        let in_brackets = |at: usize| {
            pairs
                .iter()
                .filter(|&&(open, close)| open < at && at < close)
                .max_by_key(|&&(open, _)| open)
                .is_some_and(|&(open, close)| {
                    let aside = &norm[open + 1..close];
                    crate::text::words(aside).any(|r| &aside[r] == "please")
                })
        };
        self.headings_ac.as_ref().is_some_and(|ac| {
            ac.find_overlapping_iter(norm).any(|m| {
                crate::text::at_word_boundaries(norm, &(m.start()..m.end()))
                    && !in_brackets(m.start())
                    // Not after a word whose next word is its object ("Avoid stress-interview
                    // questions" lists what not to ask).
                    && (self
                        .negating_headings_with_object
                        .iter()
                        .any(|w| w == &norm[m.start()..m.end()])
                        || !crate::text::words(&norm[m.end()..])
                            .next()
                            .is_some_and(|r| {
                                let next = &norm[m.end()..][r];
                                self.negating_headings_not_before.iter().any(|w| w == next)
                            }))
            })
        })
    }

    /// Is this word (in normal form) a negation?
    pub fn is_negation(&self, word: &str) -> bool {
        self.negations.iter().any(|n| n == word)
    }

    /// Does the statement `text` say what the process does not do: does it open with one of
    /// the `denying_openers` ("Do not score…", "Never ask…"), or with one of the
    /// `denying_subjects` and a negation within the next three words ("We will not ask…")? A
    /// label before it ("Scoring rule: …") is left out.
    pub fn denies(&self, text: &str) -> bool {
        let text = label_end(text).map_or(text, |end| &text[end..]);
        let norm = Normalized::new(text).text;
        let words: Vec<&str> = crate::text::words(&norm)
            .map(|r| &norm[r])
            .take(8)
            .collect();
        let opens = |phrase: &String| {
            let n = phrase.split(' ').count();
            words.len() > n && words[..n].join(" ") == *phrase
        };
        if self.denying_openers.iter().any(opens) {
            return true;
        }
        // "Eye contact is not scored": a negation just before an assessing word.
        let all: Vec<&str> = crate::text::words(&norm).map(|r| &norm[r]).collect();
        let negation = |w: &str| self.is_negation(w) || w.ends_with("n't");
        let assessed = |at: usize| {
            self.denied_assessments.iter().any(|a| {
                let n = a.split(' ').count();
                all.get(at..at + n).is_some_and(|ws| ws.join(" ") == *a)
            })
        };
        if (0..all.len()).any(|i| {
            negation(all[i]) && (assessed(i + 1) || (assessed(i + 2) && all[i + 1] == "be"))
        }) {
            return true;
        }
        self.denying_subjects.iter().any(|subject| {
            let n = subject.split(' ').count();
            opens(subject) && words[n..].iter().take(3).any(|w| negation(w))
        })
    }

    /// Does this word end the reach of a negation before it ("but", "however")?
    pub fn stops_negation(&self, word: &str) -> bool {
        self.negation_stops.iter().any(|n| n == word)
    }

    /// Does this word, just after a negation, make it "not only" ("just", "only")?
    pub fn widens_negation(&self, word: &str) -> bool {
        self.negation_widens.iter().any(|n| n == word)
    }

    /// Does this negation, opening a sentence with no subject, describe someone ("Won't make
    /// eye contact")?
    pub fn describes_negation(&self, word: &str) -> bool {
        self.negation_describes.iter().any(|n| n == word)
    }

    /// Does this word, just after an opening negation of `describing`, make it deny after all
    /// ("Doesn't need to…", "Won't ask…")?
    pub fn denies_after_describing(&self, word: &str) -> bool {
        self.negation_describes_not_before.iter().any(|n| n == word)
    }

    /// Does this sentence open like a prompt ("Tell me about…")?
    pub fn is_prompt(&self, sentence: &str) -> bool {
        let lower = Normalized::new(sentence).text;
        let lower = lower.trim_start_matches(|c: char| !c.is_alphabetic());
        let lower = crate::text::after_any_number_label(lower);
        // "HR round: tell me about yourself": the prompt after a short label and its colon.
        let lower = after_short_label(lower);
        // Each sentence is tried against some hundred openings; comparing the first bytes
        // before the rest keeps that from being most of the time spent reading questions.
        let first = |p: &str| lower.as_bytes().first() == p.as_bytes().first();
        // "To get us started, tell us…": the prompt after a lead-in and its comma (or colon or
        // dash).
        // The longest lead-in that fits: "let's start easy - walk me…", not "let's start".
        let lower = self
            .lead_ins
            .iter()
            .filter(|l| first(l))
            .filter_map(|l| {
                lower.strip_prefix(l.as_str()).and_then(|rest| {
                    // A comma, a colon or a dash ("Let's start easy - walk me through…"; a
                    // hyphen is a space in normal form), or after a spoken opener only a
                    // space ("So tell us…", "Briefly describe…").
                    let spoken = self.spoken_lead_ins.iter().any(|s| s == l);
                    [", ", " ,", ": ", "  ", " – ", " — ", "—", "–"]
                        .iter()
                        .find_map(|sep| rest.strip_prefix(sep))
                        .or_else(|| rest.strip_prefix(' ').filter(|_| spoken))
                        .map(str::trim_start)
                })
            })
            .min_by_key(|rest| rest.len())
            .unwrap_or(lower);
        let opens = |p: &String| {
            lower.as_bytes().first() == p.as_bytes().first()
                && lower.starts_with(p.as_str())
                && !lower[p.len()..]
                    .chars()
                    .next()
                    .is_some_and(crate::text::is_word_char)
        };
        if self.offers.iter().any(opens) {
            return false;
        }
        self.prompts.iter().any(opens)
    }

    /// Does `text` (the words of a sentence around a requirement and a piece of evidence)
    /// hold a word that makes the evidence its reason?
    pub fn gives_reason(&self, text: &str) -> bool {
        let mut norm = Normalized::new(text).text;
        // "such as" lists examples and "as well as" adds a requirement: neither is a reason.
        for n in &self.not_reasons {
            if norm.contains(n.as_str()) {
                norm = norm.replace(n.as_str(), " ");
            }
        }
        self.reasons.iter().any(|r| {
            norm.match_indices(r.as_str()).any(|(at, m)| {
                let word = |c: Option<char>| c.is_some_and(crate::text::is_word_char);
                !r.starts_with(crate::text::is_word_char)
                    || (!word(norm[..at].chars().next_back())
                        && !word(norm[at + m.len()..].chars().next()))
            })
        })
    }

    /// Does a short question (12 words at most) point back to what was said before it: "How
    /// do you handle this?", "What would you do then?"
    pub fn points_back(&self, question: &str) -> bool {
        let norm = Normalized::new(question).text;
        let mut words = norm
            .split(|c: char| !crate::text::is_word_char(c))
            .filter(|w| !w.is_empty());
        let mut n = 0;
        let mut found = false;
        for w in words.by_ref() {
            n += 1;
            found |= self.points_back.iter().any(|p| p == w);
        }
        found && n <= 12
    }

    /// The kinds of the question `text`, with the words that decided each (ranges of `text`).
    pub fn classify(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let recent = |f: &mut dyn FnMut(&mut Recent)| {
            if let Ok(mut r) = self.recent.lock() {
                f(&mut r);
            }
        };
        let mut known = None;
        recent(&mut |r| known = r.get(text).map(|k| k.to_vec()));
        if let Some(k) = known {
            return k;
        }
        let mut kinds = self.classify_uncached(text);
        self.drop_replaced(&mut kinds);
        recent(&mut |r| {
            if r.len() >= RECENT_MAX {
                r.clear();
            }
            r.insert(text.into(), kinds.clone().into());
        });
        kinds
    }

    /// The kinds of a question of several sentences that start at `starts` (offsets in
    /// `text` after the first): a form that must open the question ("A guest arrives late
    /// and…?") may open any of its sentences, after the narration or scene before it. The fair
    /// forms of the whole question still count.
    pub fn classify_sentences(&self, text: &str, starts: &[usize]) -> Vec<(usize, Range<usize>)> {
        let mut out = self.classify(text);
        let mut whole: Option<String> = None;
        for &s in starts {
            let Some(rest) = text.get(s..) else { continue };
            for (k, r) in self.classify(rest) {
                if out.iter().any(|(o, _)| *o == k) {
                    continue;
                }
                let norm = whole.get_or_insert_with(|| Normalized::new(text).text);
                if self.fair(k, norm) {
                    continue;
                }
                out.push((k, r.start + s..r.end + s));
            }
        }
        out.sort_by_key(|(k, _)| *k);
        self.drop_replaced(&mut out);
        out
    }

    /// The cues of kind `k` (an index into [`KINDS`]), if a language file gave any.
    fn cues_of(&self, k: usize) -> Option<&KindCues> {
        self.kinds.iter().find(|c| c.kind == k)
    }

    /// Does `norm` (a question in normal form) show a form that makes it fair for kind `k`:
    /// one of its own `unless` forms, or one of the kinds it takes them from?
    fn fair(&self, k: usize, norm: &str) -> bool {
        self.cues_of(k)
            .is_some_and(|c| c.fair(norm) || self.fair_as_others(c, norm))
    }

    /// Does `norm` show a fair form of one of the kinds that `c` takes them from (`unless-of`)?
    fn fair_as_others(&self, c: &KindCues, norm: &str) -> bool {
        c.unless_of
            .iter()
            .any(|&o| self.cues_of(o).is_some_and(|x| x.fair(norm)))
    }

    /// Leaves out the kinds that another kind of the same question replaces.
    fn drop_replaced(&self, kinds: &mut Vec<(usize, Range<usize>)>) {
        let replaced: KindSet = kinds
            .iter()
            .filter_map(|(k, _)| self.cues_of(*k))
            .flat_map(|c| c.replaces.iter())
            .fold(0, |s, &r| s | (1 << r));
        kinds.retain(|(k, _)| replaced & (1 << k) == 0);
    }

    fn classify_uncached(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        // A number before the question ("3. ", "Q2 - ", "Question 4:") is not part of its
        // form either.
        let number = number_label_end(text);
        // Quotation marks around the question ("“How do you handle…?”") are not part of its
        // form either: a cue that must open or close the question would miss it.
        let (start, end) = quoted_span(text);
        if (start, end) != (0, text.len()) && start < end {
            return self
                .classify(&text[start..end])
                .into_iter()
                .map(|(k, r)| (k, r.start + start..r.end + start))
                .collect();
        }
        if number > 0 {
            return self
                .classify(&text[number..])
                .into_iter()
                .map(|(k, r)| (k, r.start + number..r.end + number))
                .collect();
        }
        // A short label before the question ("Scenario: …", "Follow-up: …") is not part of
        // its form: classify what follows it.
        if let Some(colon) = label_end(text) {
            let mut out: Vec<(usize, Range<usize>)> = self
                .classify_form(&text[colon..])
                .into_iter()
                .map(|(k, r)| (k, r.start + colon..r.end + colon))
                .collect();
            // The label may carry a kind of its own ("Quick answer: …").
            for (k, r) in self.classify_form(text) {
                if !out.iter().any(|(o, _)| *o == k) {
                    out.push((k, r));
                }
            }
            out.sort_by_key(|(k, _)| *k);
            return out;
        }
        self.classify_form(text)
    }

    /// The kinds of `text` as it stands.
    fn classify_form(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let norm = Normalized::new(text);
        let mut out = Vec::new();
        for k in &self.kinds {
            // `find` has checked the kind's own fair forms.
            if let Some(m) = k.find(&norm.text)
                && !self.fair_as_others(k, &norm.text)
            {
                out.push((k.kind, norm.to_original(m)));
            }
        }
        out.sort_by_key(|(k, _)| *k);
        out
    }
}

/// Where the question starts after a short label ending in a colon ("Scenario: You are…",
/// "Formal guest: “How would you…”"): at most five words, no question mark before it.
pub fn label_end(text: &str) -> Option<usize> {
    let colon = text.find(':')?;
    let label = &text[..colon];
    if label.is_empty() || label.contains('?') || label.split_whitespace().count() > 5 {
        return None;
    }
    let rest = &text[colon + 1..];
    let start = colon + 1 + (rest.len() - rest.trim_start().len());
    let rest = &text[start..];
    let start = start + (rest.len() - rest.trim_start_matches(['"', '\u{201c}', '\'']).len());
    (start < text.len()).then_some(start)
}

/// Where a question introduced by a statement of its own starts ("The chair may close with
/// one unscripted question, for example: If you were a colour, which would you be?"): after
/// the colon, when the words before it are a statement of more than five words (a shorter
/// label is left to [`label_end`]) and the words after it open with a capital letter. 0 when
/// the sentence is one question.
fn introduced_at(sentence: &str) -> usize {
    let Some(colon) = sentence.find(": ") else {
        return 0;
    };
    let (lead, rest) = (&sentence[..colon], &sentence[colon + 1..]);
    let rest_trimmed = rest.trim_start_matches([' ', '"', '\u{201c}']);
    let opens_capital = rest_trimmed.chars().next().is_some_and(char::is_uppercase);
    if lead.contains('?')
        || lead.split_whitespace().count() <= 5
        || !opens_capital
        || !rest_trimmed.trim_end().ends_with('?')
    {
        return 0;
    }
    sentence.len() - rest_trimmed.len()
}

/// The range of `text` inside the quotation marks (and spaces) that open or close it: `"Why
/// this job?"` gives the range of `Why this job?`. A mark inside the text is kept.
fn quoted_span(text: &str) -> (usize, usize) {
    const MARKS: &[char] = &[
        '"', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}', '\u{bb}',
    ];
    let is_mark = |c: char| MARKS.contains(&c) || c.is_whitespace();
    let start = text.len() - text.trim_start_matches(is_mark).len();
    let end = text.trim_end_matches(is_mark).len();
    (start, end.max(start))
}

fn extend_words(list: &mut Vec<String>, words: &[String]) {
    for w in words {
        let n = crate::text::normalize_phrase(w);
        if !n.is_empty() && !list.contains(&n) {
            list.push(n);
        }
    }
}

/// The round and square bracket pairs of `text`, as the byte offsets of the opening and the
/// closing bracket; a bracket left open closes at the end of the text.
fn bracket_pairs(text: &str) -> Vec<(usize, usize)> {
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => open.push(i),
            ')' | ']' => {
                if let Some(o) = open.pop() {
                    pairs.push((o, i));
                }
            }
            _ => {}
        }
    }
    pairs.extend(open.into_iter().map(|o| (o, text.len())));
    pairs
}

/// `text` after a short label and its colon ("HR round: tell me…", "Warm-up: describe…"):
/// at most three words before the colon, none of them ending a sentence. `text` itself when
/// it has no such label.
fn after_short_label(text: &str) -> &str {
    let Some(colon) = text.find(": ").filter(|&c| c <= 48) else {
        return text;
    };
    let label = &text[..colon];
    let words = label.split_whitespace().count();
    if (1..=3).contains(&words) && !label.contains(['.', '?', '!', ';', ',']) {
        text[colon + 2..].trim_start()
    } else {
        text
    }
}

/// One question or prompt of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Its prose range in the block.
    pub range: Range<usize>,
    /// Its kinds.
    pub kinds: KindSet,
    /// The words that decided each kind: (kind, prose range in the block).
    pub cues: Vec<(usize, Range<usize>)>,
    /// For a question reported in prose ("we ask where they see themselves"), the direct
    /// question it was read as ("where do you see yourself?").
    pub reported: Option<String>,
}

impl Question {
    /// Is the question of kind `k` (an index into [`KINDS`])?
    pub fn has(&self, k: usize) -> bool {
        self.kinds & (1 << k) != 0
    }
}

/// The questions of every block of `doc`, classified.
pub fn analyse(doc: &Document, lex: &Lexicon) -> Vec<Vec<Question>> {
    let interviewish = matches!(doc.kind, DocKind::Interview | DocKind::Process);
    // A list item that is a question beside another one: a list of questions, in any kind of
    // document.
    let question_item: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| {
            matches!(b.kind, BlockKind::ListItem | BlockKind::TableCell)
                && b.sentences.iter().any(|s| {
                    let t = &b.text[s.clone()];
                    is_question(t) || lex.is_prompt(t) || lex.reported.is_interrogative(t)
                })
        })
        .collect();
    doc.blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let in_list = question_item[i]
                && (i > 0 && question_item[i - 1] || question_item.get(i + 1) == Some(&true));
            // A short item between two questions of the same list is one of them, though
            // written as a heading would be ("2. Your biggest weakness.").
            let between = !question_item[i]
                && matches!(b.kind, BlockKind::ListItem | BlockKind::TableCell)
                && i > 0
                && question_item[i - 1]
                && question_item.get(i + 1) == Some(&true)
                && doc.blocks[i - 1].kind == b.kind
                && doc.blocks[i + 1].kind == b.kind
                && b.sentences
                    .first()
                    .is_some_and(|s| crate::text::word_count(&b.text[s.clone()]) <= 8);
            // Every block is read for questions ending in "?": a job ad's "What would you do
            // if a customer shouted at you?" is the same barrier as in an interview guide.
            // Prompts without a question mark ("Describe yourself"), reported questions and
            // the scene before a question are read only where questions are expected: in
            // interview and process documents, their process and questions sections, and
            // lists of questions.
            let prompts = interviewish
                || in_list
                || matches!(b.section, Section::Process | Section::Questions);
            units(b, lex, prompts, between)
                .into_iter()
                .map(|unit| {
                    let (range, cues, reported) = match unit {
                        Unit::Direct(range) => {
                            // Where its later sentences start, in the question's text.
                            let starts: Vec<usize> = b
                                .sentences
                                .iter()
                                .filter(|s| s.start > range.start && s.start < range.end)
                                .map(|s| s.start - range.start)
                                .collect();
                            let cues: Vec<(usize, Range<usize>)> = lex
                                .classify_sentences(&b.text[range.clone()], &starts)
                                .into_iter()
                                .map(|(k, r)| (k, range.start + r.start..range.start + r.end))
                                .collect();
                            (range, cues, None)
                        }
                        Unit::Reported(d) => {
                            let cues = lex
                                .classify(&d.text)
                                .into_iter()
                                .map(|(k, r)| (k, d.to_original(&r)))
                                .collect();
                            (d.range, cues, Some(d.text))
                        }
                    };
                    let kinds = cues.iter().fold(0, |s, (k, _)| s | (1 << k));
                    Question {
                        range,
                        kinds,
                        cues,
                        reported,
                    }
                })
                .collect()
        })
        .collect()
}

/// A question unit of a block.
enum Unit {
    /// A question as written: a range of the block's text.
    Direct(Range<usize>),
    /// A question reported in prose, read back into the question it reports.
    Reported(Direct),
}

/// The question units of a block: a list item or table cell that asks is one unit (its
/// several asks are one question); in a paragraph each question or prompt sentence is one,
/// and so is each question a sentence reports ("we ask where they see themselves").
/// The questions of block `b`; `listed` when it stands in a list of questions, so that the
/// whole item is one whatever its form.
fn units(b: &Block, lex: &Lexicon, prompts: bool, listed: bool) -> Vec<Unit> {
    // Which sentences ask, decided once: the tests below read them several times.
    let asking: Vec<bool> = b
        .sentences
        .iter()
        .map(|s| {
            let t = &b.text[s.clone()];
            is_question(t)
                || (prompts
                    && (lex.is_prompt(t) || question_label(t) || lex.reported.is_interrogative(t)))
        })
        .collect();
    if b.is_heading() {
        // A heading that is itself a question or prompt ("### 3. Why do you want this
        // job?", "### Tell us about yourself").
        return if asking.contains(&true) {
            whole_block(b).into_iter().map(Unit::Direct).collect()
        } else {
            Vec::new()
        };
    }
    let whole = matches!(b.kind, BlockKind::ListItem | BlockKind::TableCell);
    if whole && (b.section == Section::Questions || listed || asking.contains(&true)) {
        // An item that quotes two questions or more ("Technical round: example questions are
        // “How would you…?” and “Walk us through…”") holds that many questions, and the
        // words around them describe the stage.
        let mut quoted = Vec::new();
        quoted_questions(
            &b.text,
            0..b.text.len(),
            prompts.then_some(lex),
            &mut quoted,
        );
        if quoted.len() >= 2 {
            return quoted.into_iter().map(Unit::Direct).collect();
        }
        // The item is one question, up to its last asking sentence: advice after it ("What
        // are your strengths? Pick three that relate to the job.") is not part of it.
        let last = asking.iter().rposition(|&a| a);
        return whole_block(b)
            .into_iter()
            .map(|r| match last {
                Some(n) if n + 1 < b.sentences.len() => {
                    let u = up_to_sentence(b, r.start, n);
                    Unit::Direct(u.start..u.end.min(r.end))
                }
                _ => Unit::Direct(r),
            })
            .collect();
    }
    // A paragraph whose lines each hold whole sentences is a list written without markers
    // (questions one per line, or separated by <br>): each line is one item.
    if let Some(lines) = line_items(b).filter(|lines| {
        // A list of questions: three lines or more, and at least two in three of them ask.
        let asking = lines
            .iter()
            .filter(|l| asking[(*l).clone()].contains(&true))
            .count();
        lines.len() >= 3 && asking * 3 >= lines.len() * 2
    }) {
        let mut out = Vec::new();
        for line in lines {
            let ss = &b.sentences[line.clone()];
            if let Some(last) = asking[line.clone()].iter().rposition(|&a| a) {
                out.push(Unit::Direct(up_to_sentence(
                    b,
                    ss[0].start,
                    line.start + last,
                )));
            } else if prompts {
                out.extend(
                    ss.iter()
                        .filter_map(|s| lex.reported.find(&b.text, s.clone()))
                        .map(Unit::Reported),
                );
            }
        }
        return out;
    }
    // A paragraph that opens with a question label ("Question 3: A guest's booking is lost.
    // They are upset. How do you respond?") is a question written as a paragraph: from each
    // labelled sentence to the last sentence that asks before the next label is one unit,
    // scene included, as in a list item.
    // (The label may be a sentence of its own: "Q3." is split from what follows it.)
    let labelled = |n: usize| question_label(&b.text[b.sentences[n].start..]);
    if prompts && !b.sentences.is_empty() && labelled(0) {
        let firsts: Vec<usize> = (0..b.sentences.len()).filter(|&n| labelled(n)).collect();
        let mut out = Vec::new();
        for (i, &first) in firsts.iter().enumerate() {
            let next = firsts.get(i + 1).copied().unwrap_or(b.sentences.len());
            // A label asks by itself ("Q5. Pick two celebrities to be your parents."): with no
            // sentence that asks, the whole labelled text is the question.
            let last = (first..next).rev().find(|&n| asking[n]).unwrap_or(next - 1);
            out.push(Unit::Direct(up_to_sentence(
                b,
                b.sentences[first].start,
                last,
            )));
        }
        return out;
    }
    // Quoted questions first, over the whole block: a quotation may hold several sentences
    // (`The chair asks “A guest's booking is lost. What do you do?” and notes…`), and the
    // words around it are narration, not part of the question.
    let mut out = Vec::new();
    quoted_questions(&b.text, 0..b.text.len(), prompts.then_some(lex), &mut out);
    let quoted = out.len();
    let short = b.sentences.len() <= SCENARIO_SENTENCES;
    // The sentence after the last unit: a question takes in no sentence before it.
    let mut free = 0;
    let mut reported = Vec::new();
    for (n, s) in b.sentences.iter().enumerate() {
        if out[..quoted]
            .iter()
            .any(|q| q.start < s.end && s.start < q.end)
        {
            free = n + 1;
            continue;
        }
        if !asking[n] {
            // A sentence that reports a question: where guides and candidate pages are read
            // for prompts, the question it reports is a unit.
            if prompts && let Some(d) = lex.reported.find(&b.text, s.clone()) {
                reported.push(d);
                free = n + 1;
            }
            continue;
        }
        // In an interview document, the statements just before a question set its scene
        // ("Q2: A guest's booking is lost. What do you do?"): in a short paragraph, or when
        // the question points back to them ("How do you handle this?"), up to three of them,
        // since the last unit, are part of it.
        let back = if !prompts {
            0
        } else if short || lex.points_back(&b.text[s.clone()]) {
            SCENARIO_SENTENCES - 1
        } else {
            0
        };
        let first = n.saturating_sub(back).max(free);
        let start = if first == n {
            s.start + introduced_at(&b.text[s.clone()])
        } else {
            b.sentences[first].start
        };
        out.push(start..s.end);
        free = n + 1;
    }
    let mut out: Vec<Unit> = out
        .into_iter()
        .map(Unit::Direct)
        .chain(reported.into_iter().map(Unit::Reported))
        .collect();
    out.sort_by_key(|u| match u {
        Unit::Direct(r) => r.start,
        Unit::Reported(d) => d.range.start,
    });
    out
}

/// The sentences of each line of a paragraph whose line breaks all fall between sentences
/// (`None` for a paragraph of one line, or one wrapped in the middle of a sentence).
fn line_items(b: &Block) -> Option<Vec<Range<usize>>> {
    if b.kind != BlockKind::Paragraph || b.sentences.len() < 2 || !b.text.trim().contains('\n') {
        return None;
    }
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut line_of_prev: Option<usize> = None;
    for (n, s) in b.sentences.iter().enumerate() {
        let t = b.text[s.clone()].trim();
        if t.contains('\n') {
            return None;
        }
        // Which line the sentence is on: the number of line breaks before it.
        let line = b.text[..s.start].matches('\n').count();
        match (line_of_prev, lines.last_mut()) {
            (Some(p), Some(last)) if p == line => last.end = n + 1,
            _ => lines.push(n..n + 1),
        }
        line_of_prev = Some(line);
    }
    (lines.len() >= 2).then_some(lines)
}

/// A paragraph of at most this many sentences is read as one scenario when its question
/// points back to it.
const SCENARIO_SENTENCES: usize = 4;

/// From byte `start` of block `b` to the end of its sentence `last`, without the white space
/// after it: a question that ends at its last asking sentence (at least one byte long).
fn up_to_sentence(b: &Block, start: usize, last: usize) -> Range<usize> {
    let end = b.text[..b.sentences[last].end].trim_end().len();
    start..end.max(start + 1)
}

/// The whole block as one unit, without white space at its ends.
fn whole_block(b: &Block) -> Vec<Range<usize>> {
    let t = &b.text;
    let start = t.len() - t.trim_start().len();
    let end = t.trim_end().len();
    // One range: the block's own text.
    std::iter::once(start..end)
        .filter(|r| r.start < r.end)
        .collect()
}

/// The quoted questions inside a sentence that is not one itself: `Ask “Where do you see
/// yourself?” and wait.` Where prompts are read (`lex` given), a quoted prompt is one too:
/// `We may ask: “Tell me about your biggest achievement.”`
fn quoted_questions(
    text: &str,
    sentence: Range<usize>,
    lex: Option<&Lexicon>,
    out: &mut Vec<Range<usize>>,
) {
    let s = &text[sentence.clone()];
    for q in crate::text::quoted_ranges(s, &['\u{201c}', '"'], &['\u{201d}', '"']) {
        let inner = s[q.clone()].trim_end();
        let asks = inner.ends_with('?')
            || lex.is_some_and(|l| l.is_prompt(inner) && crate::text::word_count(inner) >= 2);
        if asks && inner.len() > 8 && inner.len() <= 600 {
            out.push(sentence.start + q.start..sentence.start + q.start + inner.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let mut l = Lexicon::default();
        l.add(
            "questions.toml",
            include_str!("../../rules/language/questions.toml"),
        )
        .unwrap();
        l.add(
            "negation.toml",
            include_str!("../../rules/language/negation.toml"),
        )
        .unwrap();
        l
    }

    /// Is `q` read as an imagined situation?
    fn hypo(q: &str) -> bool {
        kinds(q).contains(&"hypothetical")
    }

    fn kinds(q: &str) -> Vec<&'static str> {
        lexicon()
            .classify(q)
            .into_iter()
            .map(|(k, _)| KINDS[k])
            .collect()
    }

    #[test]
    fn bracket_pairs_nest_and_an_unclosed_one_runs_to_the_end() {
        assert_eq!(bracket_pairs("a (b [c] d) e"), vec![(5, 7), (2, 10)]);
        assert_eq!(bracket_pairs("x (open"), vec![(2, 7)]);
        assert_eq!(bracket_pairs("stray ) here"), Vec::<(usize, usize)>::new());
    }

    #[test]
    fn prompts_and_labels() {
        let l = lexicon();
        assert!(l.is_prompt("Tell me about a time you fixed a bug."));
        assert!(l.is_prompt("Q3: Describe your last project."));
        assert!(!l.is_prompt("Describing the role comes first."));
        assert!(!l.is_prompt("The team will tell you more."));
        // A short label before a colon, as interview stages are written.
        assert!(l.is_prompt("HR round: tell me about yourself."));
        assert!(l.is_prompt("Stage 2: Describe a typical week in your last job."));
        assert!(!l.is_prompt("Note: the team will tell you more."));
        // A lead-in, after a comma or in speech after a space only; and a number label with
        // a space only.
        assert!(l.is_prompt("To start, tell us about your last role."));
        assert!(l.is_prompt("So tell us a bit about yourself."));
        // "Please" asks politely: what follows is still the prompt, and an offer stays one.
        assert!(l.is_prompt("3.1 \"Please tell me about yourself in two minutes.\""));
        assert!(!l.is_prompt("Please tell us if you need any adjustments."));
        assert!(!l.is_prompt("Please note the closing date."));
        assert!(l.is_prompt("Let's start easy - walk me through your resume."));
        assert!(l.is_prompt("Q4 Describe your last project."));
        assert!(!l.is_prompt("Now the team will tell you more."));
        assert!(!l.is_prompt("First name and surname"));
    }

    #[test]
    fn hypothetical_against_real_past() {
        assert!(kinds("What would you do if a customer shouted at you?").contains(&"hypothetical"));
        assert!(
            kinds("Imagine you had to close the shop alone. What then?").contains(&"hypothetical")
        );
        assert!(
            !kinds("Tell me about a time you calmed an upset customer.").contains(&"hypothetical")
        );
        assert!(kinds("How would you index this table?").is_empty());
    }

    #[test]
    fn changes_to_real_work_just_described_are_reflection_not_imagined() {
        assert!(!hypo(
            "Talk us through the session you ran this afternoon. What would you change if you ran it again?"
        ));
        assert!(!hypo(
            "Which report did you write last month? What might you improve about it now?"
        ));
        // Still an imagined situation when no real work is named.
        assert!(hypo("What would you change if you ran this department?"));
        // A caller's script that opens "It's [your name] from…" sets no scene and asks nothing
        // personal; the meaning of a person's name is still personal.
        let script =
            "It's [your name] from the agency, calling about your application. Is now a good time?";
        assert_eq!(kinds(script), Vec::<&str>::new());
        assert!(kinds("What is the story behind your name?").contains(&"personal-life"));
        // Work beyond the written duties is work; a choice of working pattern is practical.
        assert!(
            !kinds(
                "Tell me about a task outside your job description that you offered to take on."
            )
            .contains(&"personal-life")
        );
        assert!(!kinds("Days or nights?").contains(&"personal-life"));
        assert!(kinds("Cats or dogs?").contains(&"personal-life"));
        assert!(
            kinds("Will family life get in the way of the late shifts?").contains(&"personal-life")
        );
        assert!(kinds("What does your name mean?").contains(&"personal-life"));
        assert!(
            !kinds("How would you find out about a child's home life before a first visit?")
                .contains(&"personal-life")
        );
        // An imagined past is still imagined.
        assert!(hypo(
            "Imagine you ran a busy cafe and the coffee machine broke. What would you change?"
        ));
        assert!(
            !kinds("If the guest was a food critic, would you treat them any differently?")
                .contains(&"brain-teaser")
        );
        assert!(
            kinds("If our agency were a breakfast cereal, what would be on the box?")
                .contains(&"brain-teaser")
        );
        // A follow-up on the example just given, and explaining plainly in a real past case.
        assert!(!hypo("What would you change next time?"));
        assert!(!kinds(
            "Give us an example of when you had to explain a charge to someone who found it confusing."
        )
        .contains(&"brain-teaser"));
        assert!(kinds("Explain a mortgage to a five-year-old.").contains(&"brain-teaser"));
        // Being a thing, asked without "if you were"; limits imagined away; a count of the
        // person's own days with a softener in front is about them, not an estimate.
        assert!(kinds("What building are you, and why?").contains(&"brain-teaser"));
        assert!(!kinds("What project are you proudest of, and why?").contains(&"brain-teaser"));
        assert!(hypo("If money were no object, what would you design?"));
        assert!(
            !kinds("Roughly how many days were you on site in your last role?")
                .contains(&"brain-teaser")
        );
    }

    /// Forms found with questions written by people who had not seen the rules: a practical
    /// check against a stated fact of the job is not a scene; a description of "us" and
    /// whether the person is like it is culture fit; aids taken away put time pressure on.
    #[test]
    fn practical_checks_culture_descriptions_and_taken_aids() {
        assert!(!hypo(
            "The post is based at our Derby depot. Are you able to get there for 6am?"
        ));
        assert!(!hypo(
            "Our shifts are twelve hours long. Would that pattern work for you?"
        ));
        assert!(!hypo(
            "What checks would you carry out on the pallet truck before a shift?"
        ));
        assert!(hypo(
            "The shift is short-staffed and a customer is shouting. What would you do?"
        ));
        assert!(hypo(
            "Do you think you'd manage if the rota changed at short notice?"
        ));
        let fit = |q: &str| kinds(q).contains(&"culture-fit");
        assert!(fit(
            "We're a loud, sociable office. Does that sound like you?"
        ));
        assert!(fit(
            "Our team does quiz nights every month - would you be up for that?"
        ));
        assert!(!fit("We start at 8am. Does that suit you?"));
        let clock = |q: &str| kinds(q).contains(&"time-pressure");
        assert!(clock(
            "Without checking your notes, list the five steps of the fire drill."
        ));
        assert!(clock("Explain the process to us in under two minutes."));
        assert!(!clock(
            "Take your notes in with you and use them as you like."
        ));
        let parts = |q: &str| kinds(q).contains(&"multi-part");
        assert!(parts(
            "How did you plan it, who did you involve, and what would you keep the same?"
        ));
        assert!(parts(
            "On that deal, how big was it, how long was the cycle, who signed it off, and was it your number?"
        ));
        assert!(!parts(
            "Tell me about a time you changed a rota at short notice, and why."
        ));
        // A list of what an interviewer looks for asks the person nothing.
        assert!(!parts(
            "Look for: asks when the task is unclear, says what they did, not what the team did"
        ));
    }

    /// The second round of forms from helper-written questions: the terms of the job, the
    /// person's own CV and materials handed over are practical; estimates, arithmetic in words
    /// and banter are not.
    #[test]
    fn job_terms_materials_and_estimates() {
        assert!(!hypo(
            "The advert says alternate Sundays. Is that something you could do?"
        ));
        assert!(!hypo(
            "Would you be willing to drive to the Preston branch once a week?"
        ));
        assert!(!hypo(
            "Your application says you ran a stockroom. What did a normal delivery day look like?"
        ));
        assert!(!hypo(
            "Here's our returns policy. Using the policy, what would you say to this customer?"
        ));
        assert!(!hypo(
            "If you're successful, when could you start, and who would you give as a referee?"
        ));
        assert!(hypo(
            "A parent phones you, upset about a lost coat at pick-up. Talk me through that call."
        ));
        let teaser = |q: &str| kinds(q).contains(&"brain-teaser");
        assert!(teaser(
            "Roughly how many coffees are sold in Leeds each morning? Ballpark it."
        ));
        assert!(teaser(
            "Quickly, what's fifteen per cent of two hundred and forty?"
        ));
        assert!(!teaser("How many orders do you pick in a normal shift?"));
        assert!(teaser("What's the next number in this sequence: 3, 9, 27?"));
        assert!(teaser(
            "Would you rather fight one horse-sized duck or a hundred duck-sized horses?"
        ));
        assert!(!teaser(
            "Would you rather work the early or the late shift?"
        ));
        assert!(teaser("Which superpower would you pick, and why?"));
        // An estimate said to "you" is still an estimate; a count of the person's own work is not.
        assert!(teaser(
            "How many taxis would you say are on the road in Leeds at 8am?"
        ));
        assert!(!teaser("How many calls did you take on a normal day?"));
        assert!(teaser(
            "How many pints do you reckon get poured in Leeds on a Saturday night?"
        ));
        assert!(!teaser(
            "How many mistakes do you think there are in this letter?"
        ));
        assert!(!teaser(
            "Here is the delivery list. Estimate how many cages the load needs."
        ));
        assert!(
            kinds("There's a lot of banter in the yard. Can you take a joke?")
                .contains(&"culture-fit")
        );
        assert!(kinds("Are you OK with a 6am start on Saturdays?").is_empty());
    }

    #[test]
    fn about_the_person() {
        assert!(kinds("Where do you see yourself in five years?").contains(&"self-description"));
        assert!(kinds("What are your hobbies?").contains(&"personal-life"));
        assert!(kinds("How would your colleagues describe you?").contains(&"others-perception"));
        assert!(kinds("Tell me about yourself.").contains(&"open-ended"));
        assert!(kinds("How do you feel about working weekends?").contains(&"feelings"));
        // Past tense alone does not make a question about real work.
        assert!(kinds("What's the last thing that made you angry?").contains(&"feelings"));
    }

    #[test]
    fn a_question_asked_again_gets_the_same_kinds_until_a_file_is_added() {
        let mut l = Lexicon::default();
        l.add(
            "questions.toml",
            "[[kind]]\nname = \"personal-life\"\nabout = \"x\"\ncues = ['\\bhobbies\\b']\n",
        )
        .unwrap();
        let q = "What are your hobbies, and do you like jazz?";
        let first = l.classify(q);
        assert_eq!(first, vec![(kind_index("personal-life").unwrap(), 14..21)]);
        assert_eq!(l.classify(q), first);
        // A cue added later counts for a question classified before.
        l.add(
            "questions.toml",
            "[[kind]]\nname = \"culture-fit\"\nabout = \"x\"\ncues = ['\\bjazz\\b']\n",
        )
        .unwrap();
        assert_eq!(l.classify(q).len(), 2);
    }

    #[test]
    fn a_kind_can_take_another_kinds_fair_forms_and_replace_a_wider_kind() {
        let mut l = Lexicon::default();
        l.add(
            "questions.toml",
            concat!(
                "[[kind]]\nname = \"personal-life\"\nabout = \"x\"\ncues = ['\\bchildren\\b']\n",
                "[[kind]]\nname = \"unlawful\"\nabout = \"x\"\ncues = ['\\billness']\n",
                "unless = ['\\bpatients?\\b']\n",
                "[[kind]]\nname = \"protected\"\nabout = \"x\"\ncues = ['\\bchildren\\b']\n",
                "unless-of = ['unlawful']\nreplaces = ['personal-life']\n",
            ),
        )
        .unwrap();
        let named =
            |q: &str| -> Vec<&str> { l.classify(q).iter().map(|(k, _)| KINDS[*k]).collect() };
        // The narrower kind alone, not also the one it replaces.
        assert_eq!(named("Do you have children?"), vec!["protected"]);
        // The other kind's fair form makes it fair; the replaced kind is then given after all.
        assert_eq!(
            named("How would you calm patients' children in the waiting room?"),
            vec!["personal-life"]
        );
        // A kind that names itself or an unknown kind is refused, with the place.
        for bad in ["replaces = ['protected']", "unless-of = ['health']"] {
            let e = Lexicon::default()
                .add(
                    "questions.toml",
                    &format!("[[kind]]\nname = \"protected\"\nabout = \"x\"\n{bad}\n"),
                )
                .unwrap_err();
            assert!(
                e.0.is_some() && (e.1.contains("itself") || e.1.contains("unknown")),
                "{e:?}"
            );
        }
    }

    #[test]
    fn a_reason_needs_a_word_that_joins_it() {
        let mut l = Lexicon::default();
        l.add(
            "reasons.toml",
            include_str!("../../rules/language/reasons.toml"),
        )
        .unwrap();
        assert!(l.gives_reason("Full  , as you will  at home."));
        assert!(l.gives_reason("A car is needed for  "));
        assert!(l.gives_reason("Licence  ( )"));
        assert!(!l.gives_reason("Strong  and experience  ."));
        // Whole words only: "as" is not in "has" or "assist".
        assert!(!l.gives_reason("She has  and can assist  ."));
    }

    #[test]
    fn bad_cue_is_an_error_with_a_place() {
        let mut l = Lexicon::default();
        let e = l
            .add(
                "questions.toml",
                "[[kind]]\nname = \"abstract\"\nabout = \"x\"\ncues = ['(open']\n",
            )
            .unwrap_err();
        assert!(e.0.is_some());
        assert!(e.1.contains("regular expression"), "{}", e.1);
        let e = l
            .add(
                "questions.toml",
                "[[kind]]\nname = \"abstrakt\"\nabout = \"x\"\n",
            )
            .unwrap_err();
        assert!(e.1.contains("unknown question kind"), "{}", e.1);
    }
}
