//! Reported questions: a question described instead of quoted.
//!
//! Interviewers' guides and candidate pages often report their questions: "we usually ask
//! candidates where they see themselves in five years", "you will be asked to describe
//! yourself in three words", "ask them how their friends would describe them". The barrier is
//! the same as if the question were written out, so such a clause is read back into the
//! question it reports, said to "you" ("where do you see yourself in five years?"), and
//! classified by the same cues as every other question. The finding covers the reported words
//! in the document; the cues that decided its kinds point back at them.
//!
//! A clause is reported when, after an asking word (`asking`: "ask", "asked", "want to
//! know") and optionally the people asked (`asked`: "candidates", "you", "them"), it opens
//! with a question word ("where", "how"), a yes/no word ("whether", "if"), "about", or "to"
//! and a prompt verb ("to describe"). Every list is data, in the `[reported]` table of
//! `rules/language/questions.toml`; the code only applies the grammar: third person to second
//! (`you`), and the word order of a direct question (an auxiliary before its subject, from
//! `auxiliaries`, or "do" when there is none).

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;

/// The `[reported]` table of `questions.toml`, as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct ReportedFile {
    #[serde(default)]
    asking: Vec<String>,
    #[serde(default)]
    asked: Vec<String>,
    #[serde(default)]
    question_words: Vec<String>,
    #[serde(default)]
    yes_no: Vec<String>,
    #[serde(default)]
    about: Vec<String>,
    #[serde(default)]
    prompts: Vec<String>,
    #[serde(default)]
    ends: Vec<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    you: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    auxiliaries: std::collections::BTreeMap<String, String>,
}

/// The word lists that find reported questions, each entry split into lower-case words.
#[derive(Debug, Clone, Default)]
pub struct Reported {
    asking: Vec<Vec<String>>,
    asked: Vec<Vec<String>>,
    question_words: Vec<String>,
    yes_no: Vec<String>,
    about: Vec<String>,
    prompts: Vec<Vec<String>>,
    ends: Vec<Vec<String>>,
    /// Words that, just before the asking word, say the question is not asked ("the panel
    /// must not ask about family status").
    not_after: Vec<String>,
    /// Third-person words and what they are when said to "you".
    you: Vec<(Vec<String>, String)>,
    /// Auxiliaries and their form with "you" ("is" → "are").
    auxiliaries: Vec<(String, String)>,
    /// The first words of `asking`, to pass over sentences without one quickly.
    first: Option<aho_corasick::AhoCorasick>,
}

/// A reported question: where it is, and the direct question it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direct {
    /// The reported words, a range of the block's text.
    pub range: Range<usize>,
    /// The question as it would be asked ("where do you see yourself in five years?").
    pub text: String,
    /// Each word of `text` (a range of it) and the words of the block it comes from.
    map: Vec<(Range<usize>, Range<usize>)>,
}

impl Direct {
    /// The block range of the words behind `r`, a range of [`Direct::text`]; the whole
    /// reported clause when `r` covers only words the rewriting added.
    pub fn to_original(&self, r: &Range<usize>) -> Range<usize> {
        let covered = self
            .map
            .iter()
            .filter(|(d, _)| d.start < r.end && r.start < d.end)
            .map(|(_, o)| o.clone());
        covered
            .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
            .unwrap_or_else(|| self.range.clone())
    }
}

fn words_of(list: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = list
        .iter()
        .map(|p| p.split_whitespace().map(lower).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    // Longest first, so that "the candidate's" wins over "the candidate".
    out.sort_by_key(|w| std::cmp::Reverse(w.len()));
    out
}

fn lower(w: &str) -> String {
    low_form(w).into_owned()
}

/// `w` in lower case with straight apostrophes, borrowed when it is so already.
fn low_form(w: &str) -> Cow<'_, str> {
    if w.is_ascii() {
        // Nearly every word: most are in lower case already, and need no copy.
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(w.to_ascii_lowercase());
        }
        return Cow::Borrowed(w);
    }
    Cow::Owned(w.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'"))
}

/// A word of a sentence: its range and its lower-case form (apostrophes straight).
struct Tok<'t> {
    range: Range<usize>,
    low: Cow<'t, str>,
}

/// The words of `text[range]`; a word may hold apostrophes between letters ("candidate's").
fn tokens(text: &str, range: Range<usize>) -> Vec<Tok<'_>> {
    first_tokens(text, range, usize::MAX)
}

/// The first `limit` words of `text[range]`, as [`tokens`] reads them.
fn first_tokens(text: &str, range: Range<usize>, limit: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut start: Option<usize> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let apostrophe = matches!(c, '\'' | '\u{2019}')
            && start.is_some()
            && chars
                .peek()
                .is_some_and(|&(_, n)| crate::text::is_word_char(n));
        if crate::text::is_word_char(c) || apostrophe {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push(Tok {
                range: range.start + st..range.start + i,
                low: low_form(&s[st..i]),
            });
            if out.len() == limit {
                return out;
            }
        }
    }
    if let Some(st) = start {
        out.push(Tok {
            range: range.start + st..range.end,
            low: low_form(&s[st..]),
        });
    }
    out
}

/// How many words of `toks` the first (longest) of `phrases` that they open with has.
fn opens(toks: &[Tok<'_>], phrases: &[Vec<String>]) -> Option<usize> {
    phrases
        .iter()
        .find(|p| p.len() <= toks.len() && p.iter().zip(toks).all(|(w, t)| *w == t.low))
        .map(Vec::len)
}

#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// "where they see themselves …": a question-word question.
    Wh,
    /// "whether they have …": a yes/no question.
    YesNo,
    /// "about their hobbies": "tell us about your hobbies".
    About,
    /// "to describe themselves": a prompt.
    Prompt,
}

impl Reported {
    pub(super) fn extend(&mut self, f: ReportedFile) {
        self.asking.extend(words_of(&f.asking));
        self.asked.extend(words_of(&f.asked));
        self.question_words
            .extend(f.question_words.iter().map(|w| lower(w)));
        self.yes_no.extend(f.yes_no.iter().map(|w| lower(w)));
        self.about.extend(f.about.iter().map(|w| lower(w)));
        self.prompts.extend(words_of(&f.prompts));
        self.ends.extend(words_of(&f.ends));
        self.not_after.extend(f.not_after.iter().map(|w| lower(w)));
        for (from, to) in f.you {
            let from = from.split_whitespace().map(lower).collect::<Vec<_>>();
            if !from.is_empty() {
                self.you.push((from, lower(&to)));
            }
        }
        self.you.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        self.auxiliaries.extend(
            f.auxiliaries
                .into_iter()
                .map(|(a, b)| (lower(&a), lower(&b))),
        );
        for list in [
            &mut self.asking,
            &mut self.asked,
            &mut self.prompts,
            &mut self.ends,
        ] {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
            list.dedup();
        }
        let first: Vec<&str> = self.asking.iter().map(|p| p[0].as_str()).collect();
        self.first = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(first)
            .ok();
    }

    /// The lists, each with what it does, for the catalogue (`hirelint rules --format md`).
    pub fn lists(&self) -> Vec<(&'static str, Vec<String>)> {
        let joined = |l: &[Vec<String>]| l.iter().map(|w| w.join(" ")).collect::<Vec<_>>();
        let pairs = |l: &mut dyn Iterator<Item = (String, &String)>| {
            l.map(|(a, b)| format!("{a} → {b}")).collect::<Vec<_>>()
        };
        vec![
            ("Asking words", joined(&self.asking)),
            ("…then, optionally, the people asked", joined(&self.asked)),
            (
                "…then a clause opening with a question word",
                self.question_words.clone(),
            ),
            ("…or a yes/no word", self.yes_no.clone()),
            ("…or (a prompt: \"tell us about …\")", self.about.clone()),
            ("…or \"to\" and a prompt verb", joined(&self.prompts)),
            ("The clause ends before", joined(&self.ends)),
            (
                "Nothing is asked when the asking word follows",
                self.not_after.clone(),
            ),
            (
                "Said to \"you\"",
                pairs(&mut self.you.iter().map(|(a, b)| (a.join(" "), b))),
            ),
            (
                "Auxiliaries, with their form after \"you\"",
                pairs(&mut self.auxiliaries.iter().map(|(a, b)| (a.clone(), b))),
            ),
        ]
    }

    /// Is `sentence` a direct question in its word order, even without a question mark
    /// ("What are your strengths", "Q6. What motivates you", "Have you ever been fired")? A
    /// question word, then an auxiliary and "you"/"your" ("what are your…") or a verb in -s
    /// and "you" ("what motivates you"); or an auxiliary and "you" ("have you…"). "How you
    /// will be assessed" is a statement.
    pub fn is_interrogative(&self, sentence: &str) -> bool {
        let t = crate::text::after_number_label(sentence);
        // Only the first four words decide: the rest of a long list item is not read.
        let toks = first_tokens(t, 0..t.len(), 4);
        let w = |i: usize| toks.get(i).map_or("", |t| &*t.low);
        let you = |x: &str| matches!(x, "you" | "your" | "yourself");
        if self.question_words.iter().any(|q| q == w(0)) {
            let second = w(1);
            (self.aux(second).is_some() && (you(w(2)) || you(w(3))))
                || (second.len() > 3 && second.ends_with('s') && you(w(2)))
        } else {
            self.aux(w(0)).is_some() && you(w(1))
        }
    }

    fn aux(&self, w: &str) -> Option<&str> {
        self.auxiliaries
            .iter()
            .find(|(a, _)| a == w)
            .map(|(_, b)| b.as_str())
    }

    /// The first reported question in `text[sentence]`, read back into a direct question.
    pub fn find(&self, text: &str, sentence: Range<usize>) -> Option<Direct> {
        if !self
            .first
            .as_ref()
            .is_some_and(|ac| ac.is_match(&text[sentence.clone()]))
        {
            return None;
        }
        let toks = tokens(text, sentence);
        for i in 0..toks.len() {
            let Some(n) = opens(&toks[i..], &self.asking) else {
                continue;
            };
            if i > 0 && self.not_after.iter().any(|w| *w == toks[i - 1].low) {
                continue;
            }
            let mut j = i + n;
            if let Some(m) = opens(&toks[j..], &self.asked) {
                j += m;
            }
            let Some(first) = toks.get(j) else { break };
            let w = &*first.low;
            let (form, start) = if self.question_words.iter().any(|q| q == w) {
                (Form::Wh, j)
            } else if self.yes_no.iter().any(|q| q == w) {
                (Form::YesNo, j)
            } else if self.about.iter().any(|q| q == w) {
                // "ask about what their coworkers thought of them": a question word after
                // "about" opens the question itself.
                match toks.get(j + 1) {
                    Some(t) if self.question_words.iter().any(|q| *q == *t.low) => {
                        (Form::Wh, j + 1)
                    }
                    _ => (Form::About, j),
                }
            } else if w == "to" && opens(&toks[j + 1..], &self.prompts).is_some() {
                (Form::Prompt, j + 1)
            } else {
                continue;
            };
            // The clause ends at the sentence's end, a semicolon, colon, bracket or dash, or
            // words that give the asker's purpose ("so that", "to see"). (Reading on past a
            // bracket was tried and dropped: asides such as "(we never ask about your health)"
            // were read into the question.)
            let mut end = toks.len();
            for k in start + 1..toks.len() {
                let gap = &text[toks[k - 1].range.end..toks[k].range.start];
                if gap.contains([';', ':', '(', ')', '\u{2013}', '\u{2014}'])
                    || opens(&toks[k..], &self.ends).is_some()
                {
                    end = k;
                    break;
                }
            }
            // At least three words after the opening word: "ask why" is not a question.
            if end < start + 3 {
                continue;
            }
            return Some(self.direct(text, &toks[start..end], form));
        }
        None
    }

    /// The direct question of a reported clause `toks` of form `form`.
    fn direct(&self, text: &str, toks: &[Tok], form: Form) -> Direct {
        // Third person to second, word by word ("their friends" → "your friends").
        let mut out: Vec<(String, Range<usize>)> = Vec::with_capacity(toks.len() + 2);
        let mut k = 0;
        while k < toks.len() {
            if let Some((from, to)) = self
                .you
                .iter()
                .find(|(from, _)| opens(&toks[k..], std::slice::from_ref(from)).is_some())
            {
                let r = toks[k].range.start..toks[k + from.len() - 1].range.end;
                out.push((to.clone(), r));
                k += from.len();
            } else {
                out.push((toks[k].low.to_string(), toks[k].range.clone()));
                k += 1;
            }
        }
        match form {
            Form::Wh | Form::YesNo => self.question_order(text, &mut out, form),
            Form::About => {
                let r = out[0].1.clone();
                out.insert(0, ("tell".into(), r.clone()));
                out.insert(1, ("us".into(), r));
            }
            Form::Prompt => {}
        }
        let mut s = String::new();
        let mut map = Vec::with_capacity(out.len());
        let mut prev: Option<&Range<usize>> = None;
        for (w, r) in &out {
            if let Some(p) = prev {
                // Keep a comma between two words that stood side by side.
                let comma = p.end <= r.start && text[p.end..r.start].contains(',');
                s.push_str(if comma { ", " } else { " " });
            }
            map.push((s.len()..s.len() + w.len(), r.clone()));
            s.push_str(w);
            prev = Some(r);
        }
        s.push(if matches!(form, Form::Wh | Form::YesNo) {
            '?'
        } else {
            '.'
        });
        let range = toks[0].range.start..toks[toks.len() - 1].range.end;
        Direct {
            range,
            text: s,
            map,
        }
    }

    /// The word order of a direct question: "where you would go" → "where would you go",
    /// "where you see yourself" → "where do you see yourself", "whether you have moved" →
    /// "have you moved". A clause whose question word is its subject ("what motivates you")
    /// keeps its order.
    fn question_order(&self, text: &str, out: &mut Vec<(String, Range<usize>)>, form: Form) {
        let from = 1;
        // The subject: "you" or "your" that was not an object ("what motivates them") and does
        // not follow a verb in -s ("what motivates you").
        let subject = |i: usize| {
            let (w, r) = &out[i];
            let was = lower(&text[r.clone()]);
            (w == "you" || w == "your")
                && !matches!(was.as_str(), "them" | "him")
                && (i == from || !out[i - 1].0.ends_with('s'))
        };
        let Some(s) = (from..out.len().min(from + 6)).find(|&i| subject(i)) else {
            if form == Form::YesNo {
                out.remove(0);
            }
            return;
        };
        // The subject: "you", or "your" and up to three words before an auxiliary.
        let end = if out[s].0 == "you" {
            s + 1
        } else {
            (s + 1..out.len().min(s + 5))
                .find(|&i| self.aux(&out[i].0).is_some())
                .unwrap_or(s + 2)
                .min(out.len())
        };
        let aux = out
            .get(end)
            .and_then(|(w, _)| self.aux(w))
            .map(str::to_string);
        match aux {
            Some(a) => {
                let (_, r) = out.remove(end);
                out.insert(s, (a, r));
            }
            None => {
                let r = out[s].1.clone();
                out.insert(s, ("do".into(), r));
            }
        }
        if form == Form::YesNo {
            out.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reported() -> Reported {
        let f: toml::Table =
            toml::from_str(include_str!("../../rules/language/questions.toml")).unwrap();
        let table: ReportedFile = f["reported"].clone().try_into().unwrap();
        let mut r = Reported::default();
        r.extend(table);
        r
    }

    fn direct(s: &str) -> Option<(String, String)> {
        reported()
            .find(s, 0..s.len())
            .map(|d| (s[d.range.clone()].to_string(), d.text))
    }

    #[test]
    fn question_word_clauses_become_direct_questions() {
        assert_eq!(
            direct("We usually ask candidates where they see themselves in five years."),
            Some((
                "where they see themselves in five years".into(),
                "where do you see yourself in five years?".into()
            ))
        );
        assert_eq!(
            direct("Then ask them how their friends would describe them, and note it.")
                .unwrap()
                .1,
            "how would your friends describe you, and note it?"
        );
        assert_eq!(
            direct("The panel asks what the candidate would do if a colleague was late.")
                .unwrap()
                .1,
            "what would you do if a colleague was late?"
        );
        assert_eq!(
            direct("We ask what motivates them at work.").unwrap().1,
            "what motivates you at work?"
        );
    }

    #[test]
    fn yes_no_about_and_prompts() {
        assert_eq!(
            direct("You may be asked whether you have ever been fired.")
                .unwrap()
                .1,
            "have you ever been fired?"
        );
        assert_eq!(
            direct("We'll ask if they like working alone.").unwrap().1,
            "do you like working alone?"
        );
        assert_eq!(
            direct("You'll be asked about your hobbies and your family.")
                .unwrap()
                .1,
            "tell us about your hobbies and your family."
        );
        assert_eq!(
            direct("We ask about what their coworkers thought of them.")
                .unwrap()
                .1,
            "what do your coworkers thought of you?"
        );
        assert_eq!(
            direct("Candidates are asked to describe themselves in three words.").unwrap(),
            (
                "describe themselves in three words".into(),
                "describe yourself in three words.".into()
            )
        );
    }

    #[test]
    fn not_reported_questions() {
        // No question after the asking word, or too short a clause.
        assert_eq!(direct("Candidates are asked to bring photo ID."), None);
        assert_eq!(direct("Feel free to ask why."), None);
        assert_eq!(direct("Frequently asked questions"), None);
        // A rule that the question is not asked.
        assert_eq!(
            direct("The panel must not ask about family status, age or religion."),
            None
        );
        assert_eq!(
            direct("Never ask where they see themselves in ten years."),
            None
        );
        // The purpose of the asker is not part of the question.
        assert_eq!(
            direct("We ask how you would plan the week so that we can see your approach.")
                .unwrap()
                .1,
            "how would you plan the week?"
        );
    }

    #[test]
    fn direct_questions_without_a_question_mark() {
        let r = reported();
        for q in [
            "What are your strengths and weaknesses",
            "Q6. What motivates you",
            "Have you ever been fired",
            "How would your friends describe you",
            "Why do you want this job",
        ] {
            assert!(r.is_interrogative(q), "{q}");
        }
        for s in [
            "How you will be assessed",
            "What we offer",
            "Where the job is based",
            "You will have a 30-minute call",
            "Why this role matters",
        ] {
            assert!(!r.is_interrogative(s), "{s}");
        }
    }

    #[test]
    fn cues_point_back_at_the_reported_words() {
        let s = "We ask candidates where they see themselves in five years.";
        let d = reported().find(s, 0..s.len()).unwrap();
        let at = d.text.find("see yourself").unwrap();
        let r = d.to_original(&(at..at + "see yourself".len()));
        assert_eq!(&s[r], "see themselves");
    }
}
