//! Experiment for hirelint issue 12, point 7: does an English part-of-speech tagger help to
//! classify interview questions, against (and on top of) the hand-written regex cues?
//!
//! Usage: tagger-exp DEV_TOML CUE_FULL_REPORT [QUESTIONS_TOML [OUT_DIR]]
//!
//! - DEV_TOML: the labelled question bank (shared/corpus/questions/dev.toml).
//! - CUE_FULL_REPORT: the output of `hirelint eval --questions DEV_TOML` without `--brief`;
//!   its lists of missed barriers and flagged fair questions give the cue classifier's
//!   decision on every question, exactly as the binary made it.
//!
//! The tagger classifier below uses only the tags (plus closed-class words: pronouns, modals,
//! auxiliaries, wh-words, "if") and five imperative verbs of imagining. Its forms were written
//! from the grammar of the question kinds, before looking at its misses on the bank.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Instant;

use harper_brill::UPOS;
use harper_core::{Degree, Document, TokenKind, VerbFormFlags};
use serde::Deserialize;

#[derive(Deserialize)]
struct Bank {
    question: Vec<Q>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Q {
    text: String,
    barrier: bool,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    note: String,
}

/// A coarse tag, the same for both taggers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum P {
    Modal,
    Base,
    Pres3,
    Past,
    PastPart,
    Ger,
    Noun,
    Pron,
    Poss,
    Adj,
    Sup,
    Adv,
    Wh,
    Adp,
    Det,
    Punct,
    Other,
}

#[derive(Clone, Debug)]
struct Tok {
    w: String,
    p: P,
}

const MODALS: [&str; 9] = [
    "would", "could", "should", "might", "will", "can", "may", "must", "shall",
];
const WH: [&str; 9] = [
    "what", "which", "who", "whom", "whose", "where", "when", "why", "how",
];
const POSS: [&str; 6] = ["your", "my", "his", "her", "their", "our"];

/// Apostrophes made straight and contractions written out, the same for both taggers.
fn expand(text: &str) -> String {
    let mut s = text.replace(['\u{2019}', '\u{2018}', '`'], "'");
    for (from, to) in [
        ("won't", "will not"),
        ("Won't", "Will not"),
        ("can't", "can not"),
        ("Can't", "Can not"),
        ("n't", " not"),
        ("'ll", " will"),
        ("'re", " are"),
        ("'ve", " have"),
        ("'d", " would"),
        ("I'm", "I am"),
        ("i'm", "i am"),
    ] {
        s = s.replace(from, to);
    }
    // "'s" after a wh-word, "it" or "that" is "is" (never a possessive there).
    s.split(' ')
        .map(|w| match w.to_lowercase().as_str() {
            "what's" | "how's" | "where's" | "who's" | "that's" | "it's" => {
                format!("{} is", &w[..w.len() - 2])
            }
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn closed_class(w: &str) -> Option<P> {
    if MODALS.contains(&w) {
        Some(P::Modal)
    } else if WH.contains(&w) {
        Some(P::Wh)
    } else if POSS.contains(&w) {
        Some(P::Poss)
    } else {
        None
    }
}

// ---------------------------------------------------------------- harper-core

fn tag_harper(text: &str) -> Vec<Tok> {
    let doc = Document::new_plain_english_curated(text);
    let src = doc.get_source();
    doc.tokens()
        .filter_map(|t| {
            let w = t.span.get_content_string(src).to_lowercase();
            match &t.kind {
                TokenKind::Word(meta) => {
                    let p = closed_class(&w).unwrap_or_else(|| harper_pos(meta.as_ref()));
                    Some(Tok { w, p })
                }
                TokenKind::Punctuation(_) => Some(Tok { w, p: P::Punct }),
                TokenKind::Number(_) => Some(Tok { w, p: P::Other }),
                TokenKind::Space(_) | TokenKind::Newline(_) | TokenKind::ParagraphBreak => None,
                _ => Some(Tok { w, p: P::Other }),
            }
        })
        .collect()
}

fn harper_pos(meta: Option<&harper_core::DictWordMetadata>) -> P {
    let Some(m) = meta else { return P::Other };
    match m.pos_tag {
        Some(UPOS::VERB) | Some(UPOS::AUX) => {
            let f = m
                .verb
                .as_ref()
                .and_then(|v| v.verb_forms)
                .unwrap_or(VerbFormFlags::empty());
            if f.contains(VerbFormFlags::PRETERITE) && !f.contains(VerbFormFlags::LEMMA) {
                P::Past
            } else if f.contains(VerbFormFlags::LEMMA) {
                P::Base
            } else if f.contains(VerbFormFlags::PAST_PARTICIPLE) {
                P::PastPart
            } else if f.contains(VerbFormFlags::PROGRESSIVE) {
                P::Ger
            } else if f.contains(VerbFormFlags::THIRD_PERSON_SINGULAR) {
                P::Pres3
            } else {
                P::Base
            }
        }
        Some(UPOS::NOUN) | Some(UPOS::PROPN) => P::Noun,
        Some(UPOS::PRON) => P::Pron,
        Some(UPOS::ADJ) => {
            if m.adjective.as_ref().and_then(|a| a.degree) == Some(Degree::Superlative) {
                P::Sup
            } else {
                P::Adj
            }
        }
        Some(UPOS::ADV) => P::Adv,
        Some(UPOS::ADP) | Some(UPOS::SCONJ) => P::Adp,
        Some(UPOS::DET) => P::Det,
        Some(UPOS::PUNCT) => P::Punct,
        _ => P::Other,
    }
}

// ---------------------------------------------------------------- english-pos-tagger

fn tag_eng(tagger: &english_pos_tagger::Tagger, text: &str) -> Vec<Tok> {
    tagger
        .tag_sentence(text)
        .into_iter()
        .filter(|t| !t.value.trim().is_empty())
        .map(|t| {
            let w = t.value.to_lowercase();
            let pos = t.pos.unwrap_or_default();
            let p = closed_class(&w).unwrap_or(match pos.as_str() {
                "MD" => P::Modal,
                "VB" | "VBP" => P::Base,
                "VBZ" => P::Pres3,
                "VBD" => P::Past,
                "VBN" => P::PastPart,
                "VBG" => P::Ger,
                "PRP" => P::Pron,
                "PRP$" => P::Poss,
                "JJS" | "RBS" => P::Sup,
                p if p.starts_with("NN") => P::Noun,
                p if p.starts_with("JJ") => P::Adj,
                p if p.starts_with("RB") => P::Adv,
                p if p.starts_with('W') => P::Wh,
                "IN" | "TO" => P::Adp,
                "DT" | "PDT" => P::Det,
                p if p.chars().all(|c| c.is_ascii_punctuation()) && !p.is_empty() => P::Punct,
                _ => P::Other,
            });
            Tok { w, p }
        })
        .collect()
}

// ---------------------------------------------------------------- the tag grammar

/// The forms found in one question.
#[derive(Default, Clone, Debug)]
struct Forms {
    /// wh-word … would/could/might/should/will + you + base verb ("what would you do").
    modal_you_base: bool,
    /// "if" + a past verb or "were" in its clause, or "if" with a would/could in the question;
    /// "what if".
    if_past_or_conditional: bool,
    /// An imperative prompt whose verb is one of imagining (imagine, suppose, pretend, picture,
    /// assume).
    imperative_imagine: bool,
    /// A real past situation: "you" + past verb, did/have/had + you (+ past participle).
    past_frame: bool,
    /// wh-word + do/does + you + base verb: a general habit or opinion ("how do you handle").
    present_habit: bool,
    /// "yourself" (describe yourself, see yourself, about yourself).
    reflexive: bool,
    /// your + superlative (+ noun): "your greatest strength".
    your_superlative: bool,
    /// what/which + is/are + your + (adjective)* + noun + end: "what are your strengths?"
    what_is_your_noun: bool,
    /// why + auxiliary/modal + you/we: motivation and "why should we hire you".
    why_you: bool,
    /// modal + your + noun(s) + verb + "you": "how would your manager describe you".
    others_describe_you: bool,
    /// The question opens with an imperative (base verb first): a prompt.
    imperative: bool,
}

impl Forms {
    fn hypothetical(&self) -> bool {
        (self.modal_you_base || self.if_past_or_conditional || self.imperative_imagine)
            && !self.past_frame
    }
    fn abstract_(&self) -> bool {
        self.present_habit && !self.past_frame && !self.hypothetical()
    }
    fn self_description(&self) -> bool {
        self.reflexive
            || self.your_superlative
            || self.what_is_your_noun
            || self.why_you
            || self.others_describe_you
    }
    fn flagged(&self) -> bool {
        self.hypothetical() || self.abstract_() || self.self_description()
    }
}

fn is_aux_word(w: &str) -> bool {
    matches!(
        w,
        "do" | "does" | "did" | "have" | "has" | "had" | "are" | "is" | "was" | "were" | "am"
    )
}

fn forms(toks: &[Tok]) -> Forms {
    // Words only; punctuation kept as boundaries.
    let t = toks;
    let n = t.len();
    let w = |i: usize| t.get(i).map(|x| x.w.as_str()).unwrap_or("");
    let p = |i: usize| t.get(i).map(|x| x.p).unwrap_or(P::Punct);
    // The next index after i that is not an adverb.
    let skip_adv = |mut i: usize| {
        while i < n && p(i) == P::Adv {
            i += 1;
        }
        i
    };
    let is_base = |i: usize| matches!(p(i), P::Base) || (w(i) == "be" || w(i) == "have");
    let is_pastish = |i: usize| matches!(p(i), P::Past | P::PastPart);
    let mut f = Forms::default();

    let first_word = (0..n).find(|&i| p(i) != P::Punct);
    if let Some(i0) = first_word {
        f.imperative = p(i0) == P::Base && !MODALS.contains(&w(i0)) && !is_aux_word(w(i0));
        if f.imperative
            && matches!(
                w(i0),
                "imagine" | "suppose" | "pretend" | "picture" | "assume"
            )
        {
            f.imperative_imagine = true;
        }
    }

    let mut seen_wh = false;
    let mut has_if = false;
    let mut has_cond_modal = false;
    // Words inside an if-clause: their past tense is counterfactual, not a real past (v2).
    let mut in_if = vec![false; n];
    for i in 0..n {
        if w(i) == "if" {
            let mut j = i + 1;
            while j < n && j <= i + 12 && p(j) != P::Punct {
                in_if[j] = true;
                j += 1;
            }
        }
    }
    for i in 0..n {
        if p(i) == P::Modal && matches!(w(i), "would" | "could" | "might") {
            has_cond_modal = true; // v2: any conditional modal, not only before "you"
        }
        if p(i) == P::Punct && matches!(w(i), "?" | "." | "!" | ";") {
            seen_wh = false;
        }
        if p(i) == P::Wh {
            seen_wh = true;
        }
        // wh … modal + you + base verb
        if p(i) == P::Modal
            && matches!(w(i), "would" | "could" | "might" | "should" | "will")
            && w(i + 1) == "you"
        {
            let j = skip_adv(i + 2);
            if is_base(j) && (seen_wh || w(j) == "rather") {
                f.modal_you_base = true;
            }
        }
        if w(i) == "if" {
            has_if = true;
            if i > 0 && w(i - 1) == "what" {
                f.if_past_or_conditional = true;
            }
            // The if-clause: up to the next punctuation, at most 8 words.
            let mut j = i + 1;
            while j < n && j <= i + 8 && p(j) != P::Punct {
                if p(j) == P::Past || w(j) == "were" || matches!(w(j), "could" | "would" | "might") {
                    f.if_past_or_conditional = true;
                }
                j += 1;
            }
        }
        // A real past situation.
        if w(i) == "you" && !in_if[i] {
            let j = skip_adv(i + 1);
            if p(j) == P::Past && w(j) != "were" && w(j) != "would" {
                f.past_frame = true;
            }
            if matches!(w(j), "have" | "had" | "has") && is_pastish(skip_adv(j + 1)) {
                f.past_frame = true;
            }
        }
        if matches!(w(i), "did" | "have" | "has" | "had") && w(i + 1) == "you" && !in_if[i] {
            let j = skip_adv(i + 2);
            if w(i) == "did" || is_pastish(j) {
                f.past_frame = true;
            }
        }
        // wh + do/does + you + base verb
        if seen_wh && matches!(w(i), "do" | "does") && w(i + 1) == "you" && is_base(skip_adv(i + 2))
        {
            f.present_habit = true;
        }
        if w(i) == "yourself" {
            f.reflexive = true;
        }
        if p(i) == P::Poss && w(i) == "your" {
            let mut j = skip_adv(i + 1);
            if w(j) == "most" {
                j += 1;
                if p(j) == P::Adj {
                    f.your_superlative = true;
                }
            }
            if p(j) == P::Sup {
                f.your_superlative = true;
            }
        }
        // what/which + is/are + your + adj* + noun+ + end of sentence
        if matches!(w(i), "what" | "which")
            && matches!(w(i + 1), "is" | "are")
            && w(i + 2) == "your"
        {
            let mut j = i + 3;
            while p(j) == P::Adj || p(j) == P::Adv {
                j += 1;
            }
            let start = j;
            while p(j) == P::Noun {
                j += 1;
            }
            if j > start && (j >= n || p(j) == P::Punct) {
                f.what_is_your_noun = true;
            }
        }
        if w(i) == "why"
            && (p(i + 1) == P::Modal || is_aux_word(w(i + 1)))
            && matches!(w(i + 2), "you" | "we")
        {
            f.why_you = true;
        }
        if p(i) == P::Modal && w(i + 1) == "your" {
            let mut j = i + 2;
            while matches!(p(j), P::Noun | P::Adj) {
                j += 1;
            }
            if j > i + 2 && matches!(p(j), P::Base) && w(j + 1) == "you" {
                f.others_describe_you = true;
            }
        }
    }
    if has_if && has_cond_modal {
        f.if_past_or_conditional = true;
    }
    f
}

// ---------------------------------------------------------------- scoring

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    barriers: usize,
}

impl Score {
    fn recall(&self) -> f64 {
        ratio(self.tp, self.barriers)
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn f1(&self) -> f64 {
        let (r, p) = (self.recall(), self.precision());
        if r + p == 0.0 { 0.0 } else { 2.0 * r * p / (r + p) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn score(bank: &[Q], flagged: &[bool]) -> Score {
    let mut s = Score::default();
    for (q, &f) in bank.iter().zip(flagged) {
        if q.barrier {
            s.barriers += 1;
        }
        if f && q.barrier {
            s.tp += 1;
        }
        if f && !q.barrier {
            s.fp += 1;
        }
    }
    s
}

fn kind_recall(bank: &[Q], flagged: &[bool], kind: &str) -> (usize, usize) {
    let mut n = 0;
    let mut hit = 0;
    for (q, &f) in bank.iter().zip(flagged) {
        if q.kinds.iter().any(|k| k == kind) {
            n += 1;
            if f {
                hit += 1;
            }
        }
    }
    (hit, n)
}

/// The binary's decisions, from its full report: (missed barriers, flagged fair questions).
fn cue_decisions(report: &str, bank: &[Q]) -> Vec<bool> {
    let mut missed: HashMap<String, usize> = HashMap::new();
    let mut alarms: HashMap<String, usize> = HashMap::new();
    let mut section = 0;
    for line in report.lines() {
        if line.starts_with("Barriers not flagged") {
            section = 1;
            continue;
        }
        if line.starts_with("Fair questions flagged") {
            section = 2;
            continue;
        }
        if !line.starts_with("  ") {
            if !line.is_empty() {
                section = 0;
            }
            continue;
        }
        let Some(cut) = line.rfind(" [labelled: ") else { continue };
        let text = line[2..cut].to_string();
        match section {
            1 => *missed.entry(text).or_default() += 1,
            2 => *alarms.entry(text).or_default() += 1,
            _ => {}
        }
    }
    let mut out = Vec::new();
    for q in bank {
        let key = q.text.replace('\n', " ");
        let f = if q.barrier {
            match missed.get_mut(&key) {
                Some(c) if *c > 0 => {
                    *c -= 1;
                    false
                }
                _ => true,
            }
        } else {
            match alarms.get_mut(&key) {
                Some(c) if *c > 0 => {
                    *c -= 1;
                    true
                }
                _ => false,
            }
        };
        out.push(f);
    }
    let left: usize = missed.values().sum::<usize>() + alarms.values().sum::<usize>();
    assert_eq!(left, 0, "report lines not matched to the bank");
    out
}

#[derive(Deserialize)]
struct CueFile {
    kind: Vec<CueKind>,
}

#[derive(Deserialize)]
struct CueKind {
    #[serde(default)]
    cues: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
}

/// The cue classifier of hirelint's src/questions.rs (`Lexicon::classify`), re-implemented for
/// timing only: every kind's cues, then its `unless` forms, over the lower-cased text.
struct Cues(Vec<(Vec<regex::Regex>, Vec<regex::Regex>)>);

impl Cues {
    fn load(path: &str) -> Cues {
        let f: CueFile = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let build = |l: &[String]| {
            l.iter()
                .map(|c| {
                    regex::RegexBuilder::new(c)
                        .case_insensitive(true)
                        .size_limit(1 << 22)
                        .build()
                        .unwrap()
                })
                .collect::<Vec<_>>()
        };
        Cues(f.kind.iter().map(|k| (build(&k.cues), build(&k.unless))).collect())
    }
    fn kinds(&self, text: &str) -> usize {
        let norm: String = text
            .chars()
            .map(|c| match c {
                '-' | '\u{2010}' | '\u{2011}' | '\t' | '\n' | '\r' => ' ',
                '\u{2019}' | '\u{2018}' | '`' => '\'',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        self.0
            .iter()
            .filter(|(cues, unless)| {
                cues.iter().any(|c| c.is_match(&norm)) && !unless.iter().any(|c| c.is_match(&norm))
            })
            .count()
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bank_path = &args[1];
    let report_path = &args[2];
    let cue_toml = args.get(3).cloned().unwrap_or_else(|| "cue-rules/rules/language/questions.toml".into());
    let out_dir = args.get(4).cloned().unwrap_or_else(|| "out".into());
    std::fs::create_dir_all(&out_dir).unwrap();
    let bank: Bank = toml::from_str(&std::fs::read_to_string(bank_path).unwrap()).unwrap();
    let bank = bank.question;
    let report = std::fs::read_to_string(report_path).unwrap();
    let cue = cue_decisions(&report, &bank);
    let texts: Vec<String> = bank.iter().map(|q| expand(&q.text.replace('\n', " "))).collect();

    // Start-up cost: the first call loads dictionaries and models.
    let t0 = Instant::now();
    let _ = tag_harper("Warm up the tagger.");
    let harper_init = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let eng_tagger = english_pos_tagger::Tagger::new();
    let _ = tag_eng(&eng_tagger, "Warm up the tagger.");
    let eng_init = t0.elapsed().as_secs_f64();

    // Speed: tag every question, five runs, median.
    let mut harper_runs = Vec::new();
    let mut eng_runs = Vec::new();
    let mut harper_tags = Vec::new();
    let mut eng_tags = Vec::new();
    for _ in 0..5 {
        // harper-core memoizes the chunker's output per thread (an LRU of 10,000 sentences),
        // so each run is on a fresh thread, warmed on an unrelated sentence first.
        let tx = texts.clone();
        let (rate, tags) = std::thread::spawn(move || {
            let _ = tag_harper("Warm up the tagger.");
            let t0 = Instant::now();
            let tags = tx.iter().map(|t| tag_harper(t)).collect::<Vec<_>>();
            (tx.len() as f64 / t0.elapsed().as_secs_f64(), tags)
        })
        .join()
        .unwrap();
        harper_runs.push(rate);
        harper_tags = tags;
        let t0 = Instant::now();
        eng_tags = texts.iter().map(|t| tag_eng(&eng_tagger, t)).collect::<Vec<_>>();
        eng_runs.push(texts.len() as f64 / t0.elapsed().as_secs_f64());
    }
    let t0 = Instant::now();
    let hf: Vec<Forms> = harper_tags.iter().map(|t| forms(t)).collect();
    let ef: Vec<Forms> = eng_tags.iter().map(|t| forms(t)).collect();
    let grammar_secs = t0.elapsed().as_secs_f64();

    // The regex cues on the same questions, for speed only.
    let t0 = Instant::now();
    let cues = Cues::load(&cue_toml);
    let cue_init = t0.elapsed().as_secs_f64();
    let raw: Vec<String> = bank.iter().map(|q| q.text.clone()).collect();
    let mut cue_runs = Vec::new();
    let mut cue_flagged = 0;
    for _ in 0..5 {
        let t0 = Instant::now();
        cue_flagged = raw.iter().filter(|t| cues.kinds(t) > 0).count();
        cue_runs.push(raw.len() as f64 / t0.elapsed().as_secs_f64());
    }

    let mut out = String::new();
    let _ = writeln!(out, "questions: {}", bank.len());
    let _ = writeln!(
        out,
        "regex cues re-implemented (questions.toml, {} kinds): {:.0} questions/s (median of 5; runs {:?}); compiling them {:.3} s; {} questions given a kind",
        cues.0.len(),
        median(cue_runs.clone()),
        cue_runs.iter().map(|x| x.round()).collect::<Vec<_>>(),
        cue_init,
        cue_flagged
    );
    let _ = writeln!(
        out,
        "speed (questions/s, median of 5; runs {:?} / {:?}): harper-core {:.0}, english-pos-tagger {:.0}",
        harper_runs.iter().map(|x| x.round()).collect::<Vec<_>>(),
        eng_runs.iter().map(|x| x.round()).collect::<Vec<_>>(),
        median(harper_runs.clone()),
        median(eng_runs.clone())
    );
    let _ = writeln!(
        out,
        "first call (loading): harper-core {:.3} s, english-pos-tagger {:.3} s; grammar on both tag sets: {:.4} s",
        harper_init, eng_init, grammar_secs
    );

    let hflag: Vec<bool> = hf.iter().map(|f| f.flagged()).collect();
    let eflag: Vec<bool> = ef.iter().map(|f| f.flagged()).collect();
    let or = |a: &[bool], b: &[bool]| a.iter().zip(b).map(|(x, y)| *x || *y).collect::<Vec<_>>();
    let rows: Vec<(&str, Vec<bool>)> = vec![
        ("regex cues (hirelint binary)", cue.clone()),
        ("tags: harper-core", hflag.clone()),
        ("tags: english-pos-tagger", eflag.clone()),
        ("cues + harper-core tags", or(&cue, &hflag)),
        ("cues + english-pos-tagger tags", or(&cue, &eflag)),
        (
            "cues + harper-core, hypothetical and self forms only",
            or(&cue, &hf.iter().map(|f| f.hypothetical() || f.self_description()).collect::<Vec<_>>()),
        ),
        (
            "cues + english-pos-tagger, hypothetical and self forms only",
            or(&cue, &ef.iter().map(|f| f.hypothetical() || f.self_description()).collect::<Vec<_>>()),
        ),
    ];
    let _ = writeln!(
        out,
        "\n| approach | barrier recall | precision | F1 | fair flagged | hypothetical | abstract | self-description |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for (name, fl) in &rows {
        let s = score(&bank, fl);
        let k = |kind| {
            let (h, n) = kind_recall(&bank, fl, kind);
            format!("{:.2} ({h}/{n})", ratio(h, n))
        };
        let _ = writeln!(
            out,
            "| {name} | {:.2} ({}/{}) | {:.2} | {:.2} | {} | {} | {} | {} |",
            s.recall(),
            s.tp,
            s.barriers,
            s.precision(),
            s.f1(),
            s.fp,
            k("hypothetical"),
            k("abstract"),
            k("self-description"),
        );
    }

    // Per form: how often it fires, how many barriers and fair questions, and what it adds to
    // the cues.
    type Getter = fn(&Forms) -> bool;
    let form_list: Vec<(&str, Getter)> = vec![
        ("hypothetical (all)", |f| f.hypothetical()),
        ("  modal+you+base", |f| f.modal_you_base && !f.past_frame),
        ("  if+past / conditional", |f| f.if_past_or_conditional && !f.past_frame),
        ("  imperative of imagining", |f| f.imperative_imagine && !f.past_frame),
        ("abstract: wh+do+you+base", |f| f.abstract_()),
        ("self (all)", |f| f.self_description()),
        ("  yourself", |f| f.reflexive),
        ("  your+superlative", |f| f.your_superlative),
        ("  what is your NOUN", |f| f.what_is_your_noun),
        ("  why+aux+you/we", |f| f.why_you),
        ("  modal+your N+V+you", |f| f.others_describe_you),
        ("(past frame, clears hyp/abstract)", |f| f.past_frame),
        ("(imperative prompt)", |f| f.imperative),
    ];
    for (tname, fs) in [("harper-core", &hf), ("english-pos-tagger", &ef)] {
        let _ = writeln!(
            out,
            "\nforms, {tname}: fires | on barriers | on fair | new barriers over cues | new fair flagged over cues"
        );
        for (name, g) in &form_list {
            let mut fires = 0;
            let mut bar = 0;
            let mut fair = 0;
            let mut newb = 0;
            let mut newf = 0;
            for ((q, f), c) in bank.iter().zip(fs.iter()).zip(&cue) {
                if g(f) {
                    fires += 1;
                    if q.barrier {
                        bar += 1;
                        if !c {
                            newb += 1;
                        }
                    } else {
                        fair += 1;
                        if !c {
                            newf += 1;
                        }
                    }
                }
            }
            let _ = writeln!(out, "  {name:<36} {fires:>4} {bar:>4} {fair:>4} {newb:>4} {newf:>4}");
        }
    }
    // Kind-matched precision: of the questions a form group gives a kind, how many are
    // labelled with that kind (the binary's "precision" column per kind is the same measure).
    for (tname, fs) in [("harper-core", &hf), ("english-pos-tagger", &ef)] {
        let groups: [(&str, Getter); 3] = [
            ("hypothetical", |f| f.hypothetical()),
            ("abstract", |f| f.abstract_()),
            ("self-description", |f| f.self_description()),
        ];
        let mut line = format!("kind-matched precision, {tname}:");
        for (kind, g) in groups {
            let given: Vec<&Q> = bank.iter().zip(fs.iter()).filter(|(_, f)| g(f)).map(|(q, _)| q).collect();
            let right = given.iter().filter(|q| q.kinds.iter().any(|k| k == kind)).count();
            let _ = write!(line, " {kind} {:.2} ({right}/{})", ratio(right, given.len()), given.len());
        }
        let _ = writeln!(out, "{line}");
    }
    // Agreement of the two taggers on the coarse tags (same tokens only).
    let mut same = 0;
    let mut total = 0;
    for (a, b) in harper_tags.iter().zip(&eng_tags) {
        let aw: Vec<(&str, P)> = a.iter().filter(|t| t.p != P::Punct).map(|t| (t.w.as_str(), t.p)).collect();
        let bw: Vec<(&str, P)> = b.iter().filter(|t| t.p != P::Punct).map(|t| (t.w.as_str(), t.p)).collect();
        if aw.len() == bw.len() && aw.iter().zip(&bw).all(|(x, y)| x.0 == y.0) {
            for (x, y) in aw.iter().zip(&bw) {
                total += 1;
                if x.1 == y.1 {
                    same += 1;
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\ncoarse-tag agreement between the taggers (questions tokenized alike): {:.2} of {total} words",
        ratio(same, total)
    );
    print!("{out}");
    std::fs::write(format!("{out_dir}/summary.txt"), &out).unwrap();

    // Per-question dump, for reading the errors.
    let mut dump = String::new();
    for (i, q) in bank.iter().enumerate() {
        let fmt = |ts: &[Tok]| {
            ts.iter()
                .map(|t| format!("{}/{:?}", t.w, t.p))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(
            dump,
            "#{i} barrier={} kinds={:?} cue={} harper={} eng={}\n  {}\n  H: {}\n  E: {}\n  Hf: {:?}\n  Ef: {:?}",
            q.barrier,
            q.kinds,
            cue[i],
            hflag[i],
            eflag[i],
            q.text.replace('\n', " "),
            fmt(&harper_tags[i]),
            fmt(&eng_tags[i]),
            hf[i],
            ef[i]
        );
    }
    std::fs::write(format!("{out_dir}/per-question.txt"), dump).unwrap();
}
