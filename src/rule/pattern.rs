//! A rule's regular expression as the rule file gives it: its text, checked when the rule is
//! loaded, and the words every match must contain (see [`literals`](super::literals)). It is
//! plain data; the engine compiles it (see [`LazyRegex`](crate::lazy_regex::LazyRegex)).

use super::literals::{Group, required_words};
use crate::lazy_regex::compile_regex;

pub use crate::lazy_regex::set_batch;

/// A case-insensitive regular expression from a rule file, known to compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    source: String,
    words: Option<Vec<Group>>,
    /// As the rule file writes it, when that differs from `source` (a `{name}` of the rule's
    /// word lists, expanded in `source`).
    written: Option<String>,
}

impl Pattern {
    /// Checks `source` by compiling it; the error is a one-line reason.
    pub fn new(source: &str) -> Result<Pattern, String> {
        compile_regex(source)?;
        Ok(Pattern {
            source: source.to_string(),
            words: required_words(source),
            written: None,
        })
    }

    /// A pattern checked already (a bundled one, checked when the binary was built: see
    /// `build.rs`), with its required words worked out then.
    pub(crate) fn checked(source: &str, words: Option<Vec<Group>>) -> Pattern {
        Pattern {
            source: source.to_string(),
            words,
            written: None,
        }
    }

    /// The same expression, written in the rule file as `written` (with the names of word
    /// lists that `source` has expanded).
    pub(crate) fn written_as(mut self, written: &str) -> Pattern {
        self.written = Some(written.to_string());
        self
    }

    /// The expression as the rule file writes it, for people to read.
    pub fn written(&self) -> &str {
        self.written.as_deref().unwrap_or(&self.source)
    }

    /// The expression as it runs (word lists expanded).
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Groups of words (lower case) such that every match contains a word of every group,
    /// if known.
    pub fn required_words(&self) -> Option<&[Group]> {
        self.words.as_deref()
    }
}
