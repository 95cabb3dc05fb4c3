//! Small text helpers shared by the section classifier and the rule engine: the normal form
//! phrases are matched in, sentence splitting and word counting.
//!
//! The normal form makes the equalities of rule files true: lower case, straight and curly
//! apostrophes equal, hyphens and no-break spaces equal to a space. It keeps a map back to the
//! original bytes when a character changes its length.

use std::ops::Range;
use std::sync::LazyLock;

/// Text in normal form, with a map back to the original when lengths differ.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Where offsets stop being equal, when they do: (offset in `text`, offset in the
    /// original) after each character whose normal form has another length, from `(0, 0)`.
    /// Between two such points both texts advance alike. A few pairs per block, where a byte
    /// map would be four times the text.
    map: Option<Vec<(u32, u32)>>,
    /// The original's length.
    orig_len: usize,
}

/// The normal form of each ASCII character (see [`normal_char`]).
static ASCII_NORMAL: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            c @ b'A'..=b'Z' => c.to_ascii_lowercase(),
            b'-' | b'\t' | b'\n' | b'\r' => b' ',
            b'`' => b'\'',
            c => c,
        };
        b += 1;
    }
    table
};

fn normal_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '-' | '\u{2010}' | '\u{2011}' | '\u{00a0}' | '\u{202f}' | '\u{2007}' | '\t' | '\n'
        | '\r' => ' ',
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{00b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
        // Long s: regular expressions match it case-insensitively as `s`, so the required
        // words of an expression (see `rule::literals`) must find it as `s` too.
        '\u{017f}' => 's',
        // Digits of every script are digits: a pattern's `\d` is found as 0-9 (see
        // `rule::literals`).
        c if !c.is_ascii() && c.is_numeric() => '0',
        c if c.is_ascii() => c,
        c if c.is_whitespace() => ' ',
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

impl Normalized {
    /// Normalizes `s`.
    pub fn new(s: &str) -> Self {
        if s.is_ascii() {
            // The common case, byte for byte.
            let bytes: Vec<u8> = s.bytes().map(|b| ASCII_NORMAL[b as usize]).collect();
            let text = String::from_utf8(bytes).expect("ASCII maps to ASCII");
            return Normalized {
                text,
                map: None,
                orig_len: s.len(),
            };
        }
        let mut text = String::with_capacity(s.len());
        let mut map: Option<Vec<(u32, u32)>> = None;
        for (i, c) in s.char_indices() {
            let n = normal_char(c);
            text.push(n);
            if n.len_utf8() != c.len_utf8() {
                map.get_or_insert_with(|| vec![(0, 0)])
                    .push((text.len() as u32, (i + c.len_utf8()) as u32));
            }
        }
        Normalized {
            text,
            map,
            orig_len: s.len(),
        }
    }

    /// Are offsets in the normal form the same as in the original?
    pub fn same_offsets(&self) -> bool {
        self.map.is_none()
    }

    /// The offset in the normal form of the original offset `at`, a character boundary.
    pub fn from_original(&self, at: usize) -> usize {
        match &self.map {
            None => at,
            Some(m) => {
                let (n, o) = m[m.partition_point(|&(_, o)| o as usize <= at) - 1];
                n as usize + (at - o as usize)
            }
        }
    }

    /// The original offset of the offset `at` of the normal form, a character boundary.
    fn to_original_at(&self, m: &[(u32, u32)], at: usize) -> usize {
        if at >= self.text.len() {
            return self.orig_len;
        }
        let (n, o) = m[m.partition_point(|&(n, _)| n as usize <= at) - 1];
        o as usize + (at - n as usize)
    }

    /// The original range of the normalized range `r` (at character boundaries).
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        match &self.map {
            None => r,
            Some(m) => {
                let start = self.to_original_at(m, r.start);
                let end = self.to_original_at(m, r.end);
                start..end.max(start)
            }
        }
    }
}

/// A phrase from a rule file in normal form: normalized, trimmed, inner spaces collapsed.
pub fn normalize_phrase(p: &str) -> String {
    let n = Normalized::new(p).text;
    let mut out = String::with_capacity(n.len());
    for w in n.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True for characters that are part of a word.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric()
    }
}

/// True when `r` in `s` starts and ends at word boundaries.
pub fn at_word_boundaries(s: &str, r: &Range<usize>) -> bool {
    let before = s[..r.start].chars().next_back();
    let after = s[r.end..].chars().next();
    let first = s[r.start..].chars().next();
    let last = s[..r.end].chars().next_back();
    let ok_before = match (before, first) {
        (Some(b), Some(f)) if is_word_char(f) => !is_word_char(b),
        _ => true,
    };
    let ok_after = match (last, after) {
        (Some(l), Some(a)) if is_word_char(l) => !is_word_char(a),
        _ => true,
    };
    ok_before && ok_after
}

/// Does `hay` contain `needle` with word boundaries on both sides (see
/// [`at_word_boundaries`])?
pub fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle)
        .any(|(at, _)| at_word_boundaries(hay, &(at..at + needle.len())))
}

/// True when `r` in `s` is one of the words that [`words`] finds: no word character, and no
/// apostrophe, hyphen or dot that joins it to one, on either side. `r` must be one word itself.
pub fn is_whole_word(s: &str, r: &Range<usize>) -> bool {
    let joins = |c: char| word_class(c) == JOIN;
    let mut before = s[..r.start].chars().rev();
    let starts = match before.next() {
        Some(p) if is_word_char(p) => false,
        Some(p) if joins(p) => !before.next().is_some_and(is_word_char),
        _ => true,
    };
    let mut after = s[r.end..].chars();
    let ends = match after.next() {
        Some(n) if is_word_char(n) => false,
        Some(n) if joins(n) => !after.next().is_some_and(is_word_char),
        _ => true,
    };
    starts && ends && words(&s[r.clone()]).next() == Some(0..r.len())
}

/// The sentences of a block's prose, as byte ranges, trimmed.
///
/// A sentence ends at `.`, `!` or `?` followed by a space and then not a lower-case letter, at a
/// hard line break, and at the end of the text. Common abbreviations do not end sentences.
pub fn sentences(s: &str) -> Vec<Range<usize>> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // Only these bytes can end a sentence; line breaks are rare in a block's prose.
    let mut next_break = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    while i < bytes.len() {
        if next_break < i {
            next_break = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        let stop = memchr::memchr3(b'.', b'!', b'?', &bytes[i..next_break]);
        i = stop.map_or(next_break, |k| i + k);
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let end_here = match b {
            b'\n' => Some(i),
            b'.' | b'!' | b'?' => {
                // Include closing quotes and brackets, straight or typographic.
                let mut j = i + 1;
                while let Some(c) = s[j..].chars().next()
                    && matches!(
                        c,
                        '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{bb}'
                    )
                {
                    j += c.len_utf8();
                }
                let next_is_space = j >= bytes.len() || bytes[j] == b' ';
                let next_word = s[j..].trim_start().chars().next();
                let next_ok = next_word.is_none_or(|c| !c.is_lowercase());
                if next_is_space
                    && next_ok
                    && !(b == b'.' && is_abbreviation(&s[start..i], &s[j..]))
                {
                    Some(j)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(end) = end_here {
            push_trimmed(s, start..end, &mut out);
            start = if b == b'\n' { i + 1 } else { end };
            i = start;
            continue;
        }
        i += 1;
    }
    push_trimmed(s, start..s.len(), &mut out);
    out
}

fn push_trimmed(s: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// The abbreviations after which a full stop does not end a sentence, from
/// `rules/language/sentences.toml` (data, so reviewers can see and extend the list; sentences
/// are split while parsing, before any rule folder is read, so the bundled list is used).
pub fn abbreviations() -> &'static [String] {
    &sentence_file().0
}

/// The abbreviations that are ones only before a number ("No. 5", but "it's a no. When…"), from
/// the same file.
pub fn abbreviations_before_numbers() -> &'static [String] {
    &sentence_file().1
}

fn sentence_file() -> &'static (Vec<String>, Vec<String>) {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct File {
        abbreviations: Vec<String>,
        #[serde(default)]
        before_numbers: Vec<String>,
    }
    static LISTS: std::sync::OnceLock<(Vec<String>, Vec<String>)> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        toml::from_str::<File>(include_str!("../rules/language/sentences.toml"))
            .map(|f| (f.abbreviations, f.before_numbers))
            .unwrap_or_default()
    })
}

/// Does the full stop between `before` and `after` follow an abbreviation?
fn is_abbreviation(before: &str, after: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let number_follows = || {
        after
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '#')
    };
    abbreviations().iter().any(|a| a.eq_ignore_ascii_case(last))
        || (abbreviations_before_numbers()
            .iter()
            .any(|a| a.eq_ignore_ascii_case(last))
            && number_follows())
        || (last.len() == 1 && last.chars().all(|c| c.is_ascii_alphabetic()))
        // "1." or "12." at the start of a line numbers a list or a step; after other words
        // ("by April 18.") and a longer number (a year, a phone number, a sum) before a full
        // stop ends the sentence.
        || (!last.is_empty()
            && last.len() <= 2
            && last.chars().all(|c| c.is_ascii_digit())
            && before[..before.len() - last.len()]
                .trim_end_matches([' ', '\t'])
                .chars()
                .next_back()
                .is_none_or(|c| c == '\n'))
}

/// The words of `s` (runs of letters, digits, apostrophes inside words), as byte ranges.
pub fn words(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        // Skip to the next word character.
        let mut c = char_at(s, at)?;
        while !is_word_char(c) {
            at += c.len_utf8();
            c = char_at(s, at)?;
        }
        let start = at;
        at += c.len_utf8();
        while let Some(d) = char_at(s, at) {
            let joined = match word_class(d) {
                WORD => true,
                // Apostrophes, hyphens and dots count only inside a word.
                JOIN => char_at(s, at + d.len_utf8()).is_some_and(is_word_char),
                _ => false,
            };
            if !joined {
                break;
            }
            at += d.len_utf8();
        }
        Some(start..at)
    })
}

/// The ranges inside each pair of quotation marks in `s`, in order: a pair opens on one of
/// `open` and closes at the next of `close`. An unclosed mark ends the search.
pub fn quoted_ranges<'a>(
    s: &'a str,
    open: &'a [char],
    close: &'a [char],
) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + find_any(s.get(at..)?, open)?;
        let body = start + s[start..].chars().next().map_or(1, char::len_utf8);
        let end = body + find_any(&s[body..], close)?;
        at = end + s[end..].chars().next().map_or(1, char::len_utf8);
        Some(body..end)
    })
}

/// The first of the characters `set` in `s`, like `s.find(set)`, but searching for their
/// first bytes with `memchr` (when they have at most three) instead of decoding every
/// character: `str::find` with a set of characters decodes each one, which cost 1.5% of a
/// batch run where every block is searched for quotation marks. A first byte is never a
/// continuation byte, so where it is found a character begins.
fn find_any(s: &str, set: &[char]) -> Option<usize> {
    let mut firsts = [0u8; 3];
    let mut n = 0;
    for c in set {
        let mut buf = [0u8; 4];
        let first = c.encode_utf8(&mut buf).as_bytes()[0];
        if !firsts[..n].contains(&first) {
            if n == firsts.len() {
                return s.find(set);
            }
            firsts[n] = first;
            n += 1;
        }
    }
    let bytes = s.as_bytes();
    let mut at = 0;
    loop {
        let rest = bytes.get(at..)?;
        let i = at
            + match n {
                1 => memchr::memchr(firsts[0], rest),
                2 => memchr::memchr2(firsts[0], firsts[1], rest),
                3 => memchr::memchr3(firsts[0], firsts[1], firsts[2], rest),
                _ => None,
            }?;
        if s[i..].chars().next().is_some_and(|c| set.contains(&c)) {
            return Some(i);
        }
        at = i + 1;
    }
}

/// The character at byte `at` of `s` (a character boundary), if any; quick for ASCII.
pub fn char_at(s: &str, at: usize) -> Option<char> {
    match *s.as_bytes().get(at)? {
        b if b.is_ascii() => Some(b as char),
        _ => s[at..].chars().next(),
    }
}

/// The number of words in `s`.
pub fn word_count(s: &str) -> usize {
    if s.is_ascii() {
        // The common case, byte for byte, with the classes looked up.
        static ASCII: LazyLock<[u8; 128]> =
            LazyLock::new(|| std::array::from_fn(|b| word_class(b as u8 as char)));
        let ascii = &*ASCII;
        count_word_starts(s.bytes().map(|b| ascii[b as usize]))
    } else {
        count_word_starts(s.chars().map(word_class))
    }
}

/// How a character takes part in words: [`WORD`], [`JOIN`] (an apostrophe, hyphen or dot,
/// which joins two words into one: "don't", "self-starter", "e.g"), or 0.
fn word_class(c: char) -> u8 {
    if is_word_char(c) {
        WORD
    } else if matches!(c, '\'' | '\u{2019}' | '-' | '.') {
        JOIN
    } else {
        0
    }
}

const WORD: u8 = 1;
const JOIN: u8 = 2;

/// The number of words in text given as the [`word_class`] of each character, in one pass: a
/// word starts at a word character that does not continue a word (directly, or across one
/// joining character), the same words as [`words`] finds.
fn count_word_starts(classes: impl Iterator<Item = u8>) -> usize {
    let (mut before, mut prev) = (0, 0);
    let mut n = 0;
    for class in classes {
        n += usize::from(class == WORD && prev != WORD && !(prev == JOIN && before == WORD));
        (before, prev) = (prev, class);
    }
    n
}

/// An estimate of the syllables of an English word, for reading grades.
pub fn syllables(word: &str) -> usize {
    // The letters of the word, lower-cased, in one pass: how many, the vowel groups, and the
    // last three for the silent endings.
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let (mut n, mut count, mut prev) = (0, 0, false);
    let mut last = [' '; 3];
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        let c = c.to_ascii_lowercase();
        let v = vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
        n += 1;
        last = [last[1], last[2], c];
    }
    if n == 0 {
        return 0;
    }
    if n <= 3 {
        return 1;
    }
    let [c3, c2, c1] = last;
    // A silent final "e" ("make"), but not in "-le" after a consonant ("table").
    let consonant_le = c2 == 'l' && !vowel(c3);
    if c1 == 'e' && !consonant_le && count > 1 {
        count -= 1;
    }
    if c2 == 'e' && c1 == 'd' && !matches!(c3, 't' | 'd') && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Does the text open with a numbered question label ("Q3:", "Question 4 -")? What follows
/// is a question even when it is a bare topic ("Q5: Teamwork").
pub fn question_label(text: &str) -> bool {
    text.trim_start().starts_with(['q', 'Q']) && number_label_end(text) > 0
}

/// `text` without its leading spaces and number label ("1. Why this job?" → "Why this job?").
pub fn after_number_label(text: &str) -> &str {
    let t = text.trim_start();
    &t[number_label_end(t)..]
}

/// As [`after_number_label`], and "Q4" or "Question 4" followed by a space only is a label
/// too, whatever follows: for a caller that then asks whether a prompt follows ("Q4 Pitch us
/// the company" is one, "Q4 is peak season" is not).
pub fn after_any_number_label(text: &str) -> &str {
    let t = text.trim_start();
    &t[label_end(t, true)..]
}

/// Where a question starts after a number label: "1. ", "2) ", "Q3: ", "Q4 - ",
/// "Question 5. ", "Question 6 – " (0 when there is none). A bare number needs its `.` or
/// `)`; "Q" or "Question" with a number may be followed by `:`, `.`, `)` or a dash, or by a
/// space before a word when the text is a question ("Q5 How many…?").
pub fn number_label_end(text: &str) -> usize {
    // "Q5 How many…?": with a space only, the label needs a question after it; "Q4 is peak
    // season" is a sentence.
    label_end(text, text.trim_end().ends_with('?'))
}

fn label_end(text: &str, bare_space: bool) -> usize {
    let t = text.trim_start();
    let word = ["question", "q"].iter().find_map(|w| {
        t.get(..w.len())
            .filter(|p| p.eq_ignore_ascii_case(w))
            .map(|p| p.len())
    });
    let rest = &t[word.unwrap_or(0)..];
    let after_space = rest.trim_start_matches(' ');
    let digits = after_space.len()
        - after_space
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 || digits > 3 || (word.is_none() && after_space.len() != rest.len()) {
        return 0;
    }
    if word.is_some_and(|w| w > 1) && after_space.len() == rest.len() {
        // "Questions…": a word, not a label.
        return 0;
    }
    let tail = &after_space[digits..];
    let marks: &[&str] = if word.is_some() {
        &[":", ".", ")", " -", " \u{2013}", " \u{2014}", " :"]
    } else {
        &[".", ")"]
    };
    // "Q5 How many…": after "Q" or "Question" and its number, a space is enough when a word
    // follows (not "Q3 2024").
    if bare_space && word.is_some() && tail.starts_with([' ', '\t']) {
        let r = tail.trim_start();
        if r.starts_with(|c: char| c.is_alphabetic() || "\"“'‘".contains(c)) {
            return text.len() - r.len();
        }
    }
    for m in marks {
        if let Some(r) = tail.strip_prefix(m) {
            // The label may close its emphasis ("**Q3.** Describe…") and must be followed by a
            // space (not "1.5 years").
            let r = r.trim_start_matches(['*', '_']);
            if r.starts_with([' ', '\t']) {
                let r2 = r.trim_start();
                return text.len() - r2.len();
            }
        }
    }
    0
}

#[cfg(test)]
mod abbreviation_tests {
    #[test]
    fn the_bundled_abbreviations_load() {
        let list = super::abbreviations();
        assert!(list.iter().any(|a| a == "e.g") && list.len() > 10);
        assert!(
            super::abbreviations_before_numbers()
                .iter()
                .any(|a| a == "no")
        );
    }

    #[test]
    fn no_is_an_abbreviation_only_before_a_number() {
        let count = |t: &str| super::sentences(t).len();
        assert_eq!(count("Unit No. 5 is on the left. Park there."), 2);
        assert_eq!(count("If in doubt, it's a no. Trust your gut."), 2);
        assert_eq!(count("Ask for ref. no. #12 at the desk."), 1);
    }

    #[test]
    fn number_labels_end_where_the_question_starts() {
        use super::{number_label_end as end, question_label};
        fn after(t: &str) -> &str {
            &t[super::number_label_end(t)..]
        }
        assert_eq!(after("1. Why this job?"), "Why this job?");
        assert_eq!(after("12) Why this job?"), "Why this job?");
        assert_eq!(after("Q3: Why this job?"), "Why this job?");
        assert_eq!(after("q4. Why this job?"), "Why this job?");
        assert_eq!(after("Question 5 - Why this job?"), "Why this job?");
        assert_eq!(after("Question 6 \u{2013} Why this job?"), "Why this job?");
        assert_eq!(
            after("Q5  How many taxis are there?"),
            "How many taxis are there?"
        );
        assert_eq!(after("Question 2 Why this job?"), "Why this job?");
        assert_eq!(
            super::after_any_number_label("Question 2 Tell us about a deadline."),
            "Tell us about a deadline."
        );
        // A label in bold whose emphasis closes after it.
        assert_eq!(after("q3.** Describe a busy day."), "Describe a busy day.");
        // Not labels: a figure, a plain number, a word.
        for t in [
            "1.5 years of experience",
            "2024 was busy.",
            "Questions 3 to 5",
            "Quiet work.",
            "Q3 2024 figures",
            "Q4 is peak season: if you were to join in October, you would help us.",
            "Question 3 is optional.",
        ] {
            assert_eq!(end(t), 0, "{t}");
        }
        assert!(question_label("Q2: Teamwork"));
        assert!(!question_label("2. Teamwork"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_ranges_pair_marks_and_stop_at_an_unclosed_one() {
        let s = "Ask \u{201c}Why here?\u{201d} then \"Why now?\" and \u{201c}never";
        let q: Vec<&str> = quoted_ranges(s, &['\u{201c}', '"'], &['\u{201d}', '"'])
            .map(|r| &s[r])
            .collect();
        assert_eq!(q, ["Why here?", "Why now?"]);
    }

    proptest::proptest! {
        /// The one-pass count and the word iterator agree, on text made of the characters
        /// that matter to them.
        #[test]
        fn word_count_agrees_with_words(s in "[a-zA-Zéß٣0-9_ '’.,\n-]{0,40}") {
            proptest::prop_assert_eq!(word_count(&s), words(&s).count());
        }

        /// The memchr search for a set of characters finds what `str::find` finds, on text
        /// full of characters that share a first byte with the quotation marks (’ – “ ”).
        #[test]
        fn find_any_agrees_with_str_find(s in "[a\"“”’–—é ]{0,30}") {
            for set in [&['"'][..], &['\u{201c}', '"'], &['"', '\u{201c}', '\u{201d}'], &['’', 'é', '"', 'a']] {
                proptest::prop_assert_eq!(find_any(&s, set), s.find(set));
            }
        }

        /// The offset map (a few pairs) gives what a map of every byte gives, at every
        /// character boundary, both ways.
        #[test]
        fn offset_map_is_a_byte_map(s in "[aA ’‐ſ\u{23a}é-]{0,24}") {
            let n = Normalized::new(&s);
            // The byte map: for each normalized byte, the original character it came from.
            let mut bytes = Vec::new();
            for (i, c) in s.char_indices() {
                bytes.extend(std::iter::repeat_n(i, normal_char(c).len_utf8()));
            }
            let at = |k: usize| bytes.get(k).copied().unwrap_or(s.len());
            let ends: Vec<usize> = (0..=n.text.len()).filter(|&k| n.text.is_char_boundary(k)).collect();
            for &a in &ends {
                for &b in ends.iter().filter(|&&b| b >= a) {
                    proptest::prop_assert_eq!(n.to_original(a..b), at(a)..at(b).max(at(a)));
                }
            }
            for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
                let k = bytes.partition_point(|&x| x < i);
                proptest::prop_assert_eq!(n.from_original(i), k);
            }
        }

        /// A range is a whole word exactly when the word iterator yields it: every range of
        /// the text is tried.
        #[test]
        fn whole_words_are_the_words(s in "[aAé0-9_ '’.,&-]{0,16}") {
            let found: Vec<Range<usize>> = words(&s).collect();
            let bounds: Vec<usize> = (0..=s.len()).filter(|&k| s.is_char_boundary(k)).collect();
            for &a in &bounds {
                for &b in bounds.iter().filter(|&&b| b > a) {
                    let r = a..b;
                    proptest::prop_assert_eq!(is_whole_word(&s, &r), found.contains(&r), "{:?}", r);
                }
            }
        }

        /// The ASCII fast path of the count agrees with the word iterator too.
        #[test]
        fn ascii_word_count_agrees_with_words(s in "[ -~\n]{0,40}") {
            proptest::prop_assert_eq!(word_count(&s), words(&s).count());
        }

        /// The words of a sentence are the words of its block that start in it (sentences
        /// end next to white space), and together they are all the block's words, as the
        /// metrics count them.
        #[test]
        fn sentence_words_are_block_words(s in "[a-zA-Z0-9_ '’.!?\n\"),-]{0,60}") {
            let mut all = 0;
            for r in sentences(&s) {
                let inside = words(&s).filter(|w| r.contains(&w.start)).count();
                proptest::prop_assert_eq!(word_count(&s[r]), inside);
                all += inside;
            }
            // Every word is in a sentence.
            proptest::prop_assert_eq!(all, word_count(&s));
        }

        /// The one-pass syllable count is the count over the word's letters.
        #[test]
        fn syllables_in_one_pass(w in "[a-zA-Zéß'-]{0,12}") {
            proptest::prop_assert_eq!(syllables(&w), syllables_of_letters(&w));
        }

        /// The ASCII fast path of the normal form gives what the general path gives.
        #[test]
        fn ascii_normal_form_is_the_general_one(s in "[ -~\t\n]{0,40}") {
            let general: String = format!("{s}\u{e9}");
            let n = Normalized::new(&general).text;
            proptest::prop_assert_eq!(Normalized::new(&s).text, n.trim_end_matches('\u{e9}'));
        }
    }

    /// Syllables counted on the list of a word's letters, the plain way.
    fn syllables_of_letters(word: &str) -> usize {
        let w: Vec<char> = word
            .chars()
            .filter(|c| c.is_alphabetic())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let n = w.len();
        if n <= 3 {
            return n.min(1);
        }
        let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        let groups = w
            .iter()
            .enumerate()
            .filter(|&(i, &c)| vowel(c) && (i == 0 || !vowel(w[i - 1])))
            .count();
        let consonant_le = w[n - 2] == 'l' && !vowel(w[n - 3]);
        let silent_e = w[n - 1] == 'e' && !consonant_le;
        let silent_ed = w[n - 2] == 'e' && w[n - 1] == 'd' && !matches!(w[n - 3], 't' | 'd');
        let mut count = groups;
        for silent in [silent_e, silent_ed] {
            if silent && count > 1 {
                count -= 1;
            }
        }
        count.max(1)
    }

    #[test]
    fn ascii_table_is_the_normal_form() {
        for b in 0..128u8 {
            assert_eq!(
                ASCII_NORMAL[b as usize] as char,
                normal_char(b as char),
                "byte {b}"
            );
        }
    }

    #[test]
    fn normal_form_equates_variants() {
        assert_eq!(normalize_phrase("Team-Player"), "team player");
        assert_eq!(Normalized::new("Don’t").text, "don't");
        assert_eq!(normalize_phrase("team\u{a0}player"), "team player");
    }

    #[test]
    fn normal_map_points_back() {
        let s = "We’re a team player";
        let n = Normalized::new(s);
        let at = n.text.find("team player").unwrap();
        let r = n.to_original(at..at + "team player".len());
        assert_eq!(&s[r.clone()], "team player");
        assert_eq!(n.from_original(r.start), at);
        assert_eq!(n.from_original(s.len()), n.text.len());
        // Before the three-byte apostrophe, and after it (one byte in the normal form).
        assert_eq!(n.from_original(2), 2);
        assert_eq!(n.from_original(5), 3);
    }

    #[test]
    fn whole_words() {
        let s = "competence and compete";
        assert!(!at_word_boundaries(s, &(0..7)));
        assert!(at_word_boundaries(s, &(15..22)));
    }

    #[test]
    fn a_sentence_ends_after_a_typographic_closing_quote() {
        let s = "Ask: \u{201c}What did you check?\u{201d} Then ask where they see themselves.";
        let parts: Vec<&str> = sentences(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            parts,
            vec![
                "Ask: \u{201c}What did you check?\u{201d}",
                "Then ask where they see themselves."
            ]
        );
    }

    #[test]
    fn splits_sentences() {
        let s = "We build tools, e.g. linters. Do you like it? yes. Great!";
        let parts: Vec<&str> = sentences(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            parts,
            vec![
                "We build tools, e.g. linters.",
                "Do you like it? yes.",
                "Great!"
            ]
        );
    }

    #[test]
    fn counts_words_and_syllables() {
        assert_eq!(word_count("A self-starter, who's 10x."), 4);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("communication"), 5);
    }
}

/// The name in `names` closest to `word` (at most two edits, or one for short words), if any.
pub fn did_you_mean<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let next = (diagonal + usize::from(ca != *cb))
                    .min(row[j] + 1)
                    .min(row[j + 1] + 1);
                diagonal = row[j + 1];
                row[j + 1] = next;
            }
        }
        row[b.len()]
    }
    if word.len() > 100 {
        return None;
    }
    let limit = if word.chars().count() <= 4 { 1 } else { 2 };
    names
        .iter()
        .filter(|n| !n.starts_with('-') && n.len() <= 100)
        .map(|n| (distance(word, n), *n))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, n)| n)
}
