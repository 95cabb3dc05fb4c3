//! A rule's named word lists (`[lists]` in a rule file): `{name}` in any of the rule's regular
//! expressions stands for "any word of the list", so that a long list (the names of languages)
//! is written once, as plain words a reviewer can read, instead of as the same alternation
//! copied into every expression. Shared with `build.rs`, which expands the bundled rules'
//! expressions the same way before checking them.

use std::collections::BTreeMap;

/// The expression a list stands for: its words as a non-capturing alternation, each word
/// taken literally (case is ignored as in every expression), except that a space matches any
/// run of white space and an apostrophe matches a straight or a curly one.
pub fn alternation(words: &[String]) -> String {
    let mut out = String::from("(?:");
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        for (j, part) in w.split_whitespace().enumerate() {
            if j > 0 {
                out.push_str(r"\s+");
            }
            for (k, piece) in part.split(['\'', '’']).enumerate() {
                if k > 0 {
                    out.push_str("['’]");
                }
                out.push_str(&regex_syntax::escape(piece));
            }
        }
    }
    out.push(')');
    out
}

/// Whether `name` is a well-formed list name: a lower-case letter, then lower-case letters,
/// digits and hyphens.
pub fn is_list_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `source` with every `{name}` replaced by the alternation of the list `name` (`lists` maps a
/// name to its alternation); `None` when it names no list. `{2,5}` (a repetition) and `\{` (a
/// brace) are left as they are. `used` is told each name expanded. The error names a list that
/// `lists` does not have.
pub fn expand(
    source: &str,
    lists: &BTreeMap<String, String>,
    mut used: impl FnMut(&str),
) -> Result<Option<String>, String> {
    if !source.contains('{') {
        return Ok(None);
    }
    let mut out = String::with_capacity(source.len());
    let mut changed = false;
    let mut rest = source;
    while let Some(i) = rest.find(['\\', '{']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix('\\') {
            // An escape: the backslash and the character after it, as they are.
            let len = after.chars().next().map_or(0, char::len_utf8);
            out.push_str(&tail[..1 + len]);
            rest = &after[len..];
            continue;
        }
        let name_end = tail[1..].find('}').map(|e| e + 1);
        match name_end.map(|e| &tail[1..e]) {
            Some(name) if is_list_name(name) => {
                let Some(words) = lists.get(name) else {
                    return Err(format!(
                        "`{{{name}}}` names no list of this rule; add it under `[lists]`"
                    ));
                };
                out.push_str(words);
                used(name);
                changed = true;
                rest = &tail[name.len() + 2..];
            }
            _ => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(changed.then_some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        m.insert(
            "language".to_string(),
            alternation(&["german".into(), "te reo māori".into(), "n'ko".into()]),
        );
        m
    }

    #[test]
    fn a_list_name_becomes_an_alternation_of_its_words_and_the_rest_is_kept() {
        let mut names = Vec::new();
        let out = expand(r"\bfluent\s+{language}\b", &lists(), |n| {
            names.push(n.to_string())
        })
        .unwrap()
        .unwrap();
        assert_eq!(names, ["language"]);
        assert_eq!(out, r"\bfluent\s+(?:german|te\s+reo\s+māori|n['’]ko)\b");
        let re = regex::RegexBuilder::new(&out)
            .case_insensitive(true)
            .build()
            .unwrap();
        assert!(re.is_match("Fluent Te Reo   Māori"));
        assert!(re.is_match("fluent N’Ko"));
        assert!(!re.is_match("fluent germanic"));
    }

    #[test]
    fn repetitions_escaped_braces_and_plain_expressions_are_left_alone() {
        assert_eq!(expand(r"\bteam\b", &lists(), |_| {}).unwrap(), None);
        assert_eq!(
            expand(r"[\w -]{1,20}\bplayer", &lists(), |_| {}).unwrap(),
            None
        );
        assert_eq!(expand(r"\{language\}", &lists(), |_| {}).unwrap(), None);
        assert_eq!(expand(r"a{2}b{", &lists(), |_| {}).unwrap(), None);
        // Special characters in a word are taken literally.
        assert_eq!(
            alternation(&["c++".into(), "a.b".into()]),
            r"(?:c\+\+|a\.b)"
        );
    }

    #[test]
    fn a_name_that_no_list_has_is_an_error() {
        let e = expand(r"\b{languages}\b", &lists(), |_| {}).unwrap_err();
        assert!(e.contains("{languages}"), "{e}");
        assert!(is_list_name("place-2"));
        assert!(!is_list_name("2place") && !is_list_name("Place") && !is_list_name(""));
    }
}
