//! Acronyms defined in the text: "Multi Agency Safeguarding Hub (MASH)",
//! found with the Schwartz–Hearst algorithm (each letter of the short form
//! matched right-to-left in the long form, the first at a word start).
//!
//! Architecture invariant: definitions are per document; nothing here
//! assumes an acronym means the same thing elsewhere.

use crate::text::{Span, Spanned};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcronymDefinition {
    pub acronym: Spanned,
    pub expansion: Spanned,
}

static PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([A-Za-z][A-Za-z&]{1,9})\)").expect("regex"));

fn is_short_form(s: &str) -> bool {
    let upper = s.chars().filter(|c| c.is_ascii_uppercase()).count();
    upper >= 2 && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// The long form for `short` at the end of `before`: the byte offset in
/// `before` where it starts, or `None`.
fn long_form_start(short: &str, before: &str) -> Option<usize> {
    let short: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let long: Vec<(usize, char)> = before.char_indices().collect();
    let mut s = short.len();
    let mut l = long.len();
    while s > 0 {
        let c = short[s - 1];
        loop {
            if l == 0 {
                return None;
            }
            l -= 1;
            let (_, lc) = long[l];
            let at_word_start = l == 0 || !long[l - 1].1.is_alphanumeric();
            if lc.to_ascii_lowercase() == c && (s > 1 || at_word_start) {
                break;
            }
        }
        s -= 1;
    }
    // Back up to the word start.
    while l > 0 && long[l - 1].1.is_alphanumeric() {
        l -= 1;
    }
    Some(long[l].0)
}

/// Finds acronym definitions in `span` of `text`.
pub fn find_definitions(text: &str, span: Span) -> Vec<AcronymDefinition> {
    let s = span.slice(text);
    let mut out = Vec::new();
    for c in PAREN.captures_iter(s) {
        let m = c.get(1).expect("group");
        let short = m.as_str();
        if !is_short_form(short) {
            continue;
        }
        let open = c.get(0).expect("match").start();
        // A window of words before the parenthesis, within the sentence.
        let line_start = s[..open].rfind(['\n', '.', ';', ':', '(', ')']).map_or(0, |p| p + 1);
        let words = short.chars().filter(|c| c.is_alphanumeric()).count();
        let max_words = (words + 5).min(words * 2);
        let window_text = &s[line_start..open];
        let mut starts: Vec<usize> = window_text.match_indices(' ').map(|(i, _)| i + 1).collect();
        starts.insert(0, 0);
        let first = starts.len().saturating_sub(max_words + 1);
        let window_start = line_start + starts[first];
        let before = s[window_start..open].trim_end();
        let Some(start) = long_form_start(short, before) else {
            continue;
        };
        let long = before[start..].trim();
        let long_words: Vec<&str> = long.split_whitespace().collect();
        if long_words.len() < 2 && !long.contains('-') || long.len() <= short.len() || long_words.len() > max_words {
            continue;
        }
        let long_start = span.start + window_start + start;
        let long_span = Span::new(long_start, long_start + long.len());
        let short_span = Span::new(span.start + m.start(), span.start + m.end());
        out.push(AcronymDefinition {
            acronym: Spanned::from_source(text, short_span),
            expansion: Spanned::from_source(text, long_span),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Vec<(String, String)> {
        find_definitions(text, Span::new(0, text.len()))
            .into_iter()
            .map(|d| (d.acronym.text, d.expansion.text))
            .collect()
    }

    #[test]
    fn long_forms_match_the_letters_of_the_short_form() {
        assert_eq!(
            defs("the Multi Agency Safeguarding Hub (MASH) met"),
            vec![("MASH".into(), "Multi Agency Safeguarding Hub".into())]
        );
        assert_eq!(
            defs("40% of Child Protection Plans (CPP) were"),
            vec![("CPP".into(), "Child Protection Plans".into())]
        );
        assert_eq!(
            defs("support from Rotherham, Doncaster and South Humber NHS Foundation Trust (RDaSH) staff"),
            vec![(
                "RDaSH".into(),
                "Rotherham, Doncaster and South Humber NHS Foundation Trust".into()
            )]
        );
        assert_eq!(
            defs("Special Educational Needs and Disabilities (SEND) Lead"),
            vec![("SEND".into(), "Special Educational Needs and Disabilities".into())]
        );
    }

    #[test]
    fn parentheses_that_are_not_definitions_are_ignored() {
        assert!(defs("the meeting (Pages 1) and Safeguarding (Yes)").is_empty());
        assert!(defs("Corporate Parenting Panel (CXZ)").is_empty());
    }
}
