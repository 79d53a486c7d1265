//! Acronyms defined in the text: "Multi Agency Safeguarding Hub (MASH)",
//! found with the Schwartz–Hearst algorithm (each letter of the short form
//! matched right-to-left in the long form, the first at a word start).
//!
//! Architecture invariant: definitions are per document; nothing here
//! assumes an acronym means the same thing elsewhere.

use crate::extract::phrases::{runs, span_of, Run};
use crate::names::is_given_name;
use crate::text::{Span, Spanned};
use regex::Regex;
use std::collections::HashMap;
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

/// The long form for `short` at the end of `before` whose words' initials
/// spell it, words without a letter allowed between ("Infrastructure,
/// Investment and Inclusive Growth Scrutiny Board (IIIG)"), tried before
/// [`long_form_start`], whose letters may fall inside words and so can stop
/// short ("Investment and Inclusive Growth …", its "i" in "Inclusive").
fn initials_long_form_start(short: &str, before: &str) -> Option<usize> {
    let mut letters: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let words = before
        .char_indices()
        .filter(|&(i, c)| c.is_alphanumeric() && (i == 0 || !before[..i].ends_with(char::is_alphanumeric)))
        .map(|(i, c)| (i, c.to_ascii_lowercase()));
    let words: Vec<(usize, char)> = words
        .filter(|&(i, _)| i == 0 || before[..i].ends_with([' ', ',', '-', '\t', '\n', '/', '(', '"']))
        .collect();
    for &(at, initial) in words.iter().rev() {
        if letters.last() == Some(&initial) {
            letters.pop();
            if letters.is_empty() {
                return Some(at);
            }
        }
    }
    None
}

/// Finds acronym definitions in `span` of `text`.
pub fn find_definitions(text: &str, span: Span) -> Vec<AcronymDefinition> {
    let s = span.slice(text);
    let mut out = Vec::new();
    for c in PAREN.captures_iter(s) {
        let m = c.get(1).expect("group");
        let short = m.as_str();
        let open = c.get(0).expect("match").start();
        if !is_short_form(short) {
            if let Some(def) = word_acronym_definition(text, span, short, open) {
                out.push(def);
            }
            continue;
        }
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
        let Some(start) = initials_long_form_start(short, before).or_else(|| long_form_start(short, before)) else {
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

/// Words a long form may have that no letter of its short form stands for.
const UNLETTERED: &[&str] = &["and", "&", "of", "for", "the", "in"];

/// A short form written as a word ("Cafcass", one capital): a definition
/// only when its letters are, in order, the initials of the capitalised
/// words just before the parenthesis, skipping only small words: "Children
/// and Family Court Advisory and Support Service (Cafcass)".
fn word_acronym_definition(text: &str, span: Span, short: &str, open: usize) -> Option<AcronymDefinition> {
    let s = span.slice(text);
    let is_word = short.len() >= 5 && short.chars().skip(1).all(|c| c.is_ascii_lowercase());
    if !is_word {
        return None;
    }
    let line_start = s[..open]
        .rfind(['\n', '.', ';', ':', '(', ')', ','])
        .map_or(0, |p| p + 1);
    let before = s[line_start..open].trim_end();
    let words: Vec<(usize, &str)> = before
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let letters: Vec<char> = short.chars().map(|c| c.to_ascii_lowercase()).collect();
    // A long form has at most one small word between letters.
    let words = &words[words.len().saturating_sub(letters.len() * 2)..];
    let (start, _) = (0..words.len()).rev().map(|i| words[i]).find(|&(at, first)| {
        let tail: Vec<&str> = words.iter().filter(|(w_at, _)| *w_at >= at).map(|(_, w)| *w).collect();
        first.starts_with(|c: char| c.is_uppercase()) && initials_spell(&tail, &letters)
    })?;
    let long = &before[start..];
    if long.split_whitespace().any(is_given_name) {
        return None;
    }
    let long_start = span.start + line_start + start;
    let short_start = span.start + open + 1;
    Some(AcronymDefinition {
        acronym: Spanned::from_source(text, Span::new(short_start, short_start + short.len())),
        expansion: Spanned::from_source(text, Span::new(long_start, long_start + long.len())),
    })
}

/// Whether the words' initials spell `letters`, each small word either
/// giving its initial or skipped.
fn initials_spell(words: &[&str], letters: &[char]) -> bool {
    let Some((word, rest)) = words.split_first() else {
        return letters.is_empty();
    };
    let small = UNLETTERED.contains(&word.to_lowercase().as_str());
    let initial = word.chars().next().map(|c| c.to_ascii_lowercase());
    let gives_letter =
        letters.first().is_some_and(|l| Some(*l) == initial) && (small || word.starts_with(|c: char| c.is_uppercase()));
    (gives_letter && initials_spell(rest, &letters[1..])) || (small && initials_spell(rest, letters))
}

static ACRONYM_USE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\p{Lu}[\p{Lu}\p{Ll}&]{0,6}\p{Lu}\b").expect("regex"));

/// The capital letters of an acronym, which the initials of its long
/// form's words spell: "HWbB" → "HWB", "T&F" → "TF".
fn capitals(acronym: &str) -> String {
    acronym.chars().filter(char::is_ascii_uppercase).collect()
}

/// Whether the line holding `at` is mostly capitals (a heading, where
/// every word looks like an acronym).
fn in_capitals_line(s: &str, at: usize) -> bool {
    let start = s[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = s[at..].find('\n').map_or(s.len(), |p| at + p);
    let line = &s[start..end];
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    let lower = line.chars().filter(|c| c.is_lowercase()).count();
    upper > lower
}

/// Acronyms used but never defined in the text, matched to a capitalised
/// phrase elsewhere in `span` whose words' initials spell them ("CSE" and
/// "Child Sexual Exploitation"). A phrase that is the name of a body
/// (`names`) wins over others, then the most frequent; an acronym no phrase
/// spells is left alone.
pub fn find_matched(text: &str, span: Span, defined: &[&str], names: &[&str]) -> Vec<AcronymDefinition> {
    find_matched_in(text, span, &runs(text, span), defined, names)
}

/// [`find_matched`] over the phrase runs of `span`, already found.
pub fn find_matched_in(
    text: &str,
    span: Span,
    runs: &[Run],
    defined: &[&str],
    names: &[&str],
) -> Vec<AcronymDefinition> {
    let s = span.slice(text);
    let mut used: Vec<Spanned> = Vec::new();
    for m in ACRONYM_USE.find_iter(s) {
        let a = m.as_str();
        let plain = a.trim_end_matches('s');
        if capitals(a).len() < 2
            || defined.contains(&a)
            || defined.contains(&plain)
            || used.iter().any(|u| u.text == a)
            || in_capitals_line(s, m.start())
        {
            continue;
        }
        used.push(Spanned::new(a, Span::new(span.start + m.start(), span.start + m.end())));
    }
    if used.is_empty() {
        return Vec::new();
    }
    // Every phrase of up to eight words, by the initials of its words.
    let mut by_initials: HashMap<String, HashMap<String, (usize, Span)>> = HashMap::new();
    for run in runs {
        for a in 0..run.len() {
            // A phrase starting with a given name is a person ("Tim Forber"), not a long form.
            if run[a].is_connector() || run[a].is_starter() || run[a].is_upper() || is_given_name(run[a].text) {
                continue;
            }
            let mut initials = String::new();
            for b in a..run.len().min(a + 8) {
                let w = &run[b];
                if b > a && w.after_comma {
                    break;
                }
                if w.is_connector() {
                    continue;
                }
                if w.is_upper() || !w.is_capitalised() {
                    break;
                }
                initials.extend(w.text.chars().next().map(|c| c.to_ascii_uppercase()));
                if b > a {
                    let phrase = span_of(&run[a..=b]);
                    let entry = by_initials
                        .entry(initials.clone())
                        .or_default()
                        .entry(phrase.slice(text).split_whitespace().collect::<Vec<_>>().join(" "))
                        .or_insert((0, phrase));
                    entry.0 += 1;
                }
            }
        }
    }
    let mut out = Vec::new();
    // Lower-cased once, and only if two phrases compete.
    let mut lowered: Option<String> = None;
    for acronym in used {
        let Some(phrases) = by_initials.get(&capitals(&acronym.text)) else {
            continue;
        };
        // How often each phrase is printed in running text, in any case:
        // "Health and Wellbeing Board" and "health and wellbeing board" are
        // one phrase; a heading in capitals is no more of a use.
        let mut printed: HashMap<&str, usize> = HashMap::new();
        if phrases.len() > 1 {
            // ASCII lower case keeps byte offsets those of `s`.
            let lower = lowered.get_or_insert_with(|| s.to_ascii_lowercase());
            for phrase in phrases.keys() {
                let uses = lower
                    .match_indices(&phrase.to_ascii_lowercase())
                    .filter(|(at, m)| s[*at..at + m.len()].chars().any(char::is_lowercase))
                    .count();
                printed.insert(phrase, uses);
            }
        }
        let best = phrases.iter().max_by_key(|(p, (count, _))| {
            (
                names.contains(&p.as_str()),
                printed.get(p.as_str()).copied().unwrap_or(*count),
                p.len(),
                std::cmp::Reverse((*p).clone()),
            )
        });
        if let Some((phrase, (_, at))) = best {
            out.push(AcronymDefinition {
                acronym,
                expansion: Spanned::new(phrase.clone(), *at),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_acronyms_are_matched_to_phrases_their_letters_spell() {
        let text = "Work on Child Sexual Exploitation continued.\nThe CSE team and DfE met the Department for Education.\nHR said.\nTim Forber, Local Authorities, Clinical staff: T&F, LAC.";
        let found: Vec<(String, String)> = find_matched(text, Span::new(0, text.len()), &[], &[])
            .into_iter()
            .map(|d| (d.acronym.text, d.expansion.text))
            .collect();
        assert_eq!(
            found,
            vec![
                ("CSE".to_string(), "Child Sexual Exploitation".to_string()),
                ("DfE".to_string(), "Department for Education".to_string())
            ]
        );
    }

    #[test]
    fn the_phrase_printed_most_in_any_case_wins() {
        let text = "HEALTH AND WELL-BEING BOARD\nthe Health and Well-being Board; the Health and Wellbeing Board; a health and wellbeing board; the HWbB";
        let found = find_matched(text, Span::new(0, text.len()), &[], &[]);
        assert_eq!(found[0].expansion.text, "Health and Wellbeing Board");
    }

    #[test]
    fn a_body_name_wins_over_a_more_frequent_phrase() {
        let text = "the Director for Education; the Director for Education; the Department for Education; DfE";
        let found = find_matched(text, Span::new(0, text.len()), &[], &["Department for Education"]);
        assert_eq!(found[0].expansion.text, "Department for Education");
    }

    #[test]
    fn defined_acronyms_and_headings_are_left_alone() {
        let text = "CHILD SEXUAL EXPLOITATION (CSE) UPDATE\nChild Sexual Exploitation; the CSE team";
        assert!(find_matched(text, Span::new(0, text.len()), &["CSE"], &[]).is_empty());
        let text = "IMPROVING LIVES SELECT COMMISSION\nImproving Lives Select Commission";
        assert!(find_matched(text, Span::new(0, text.len()), &[], &[]).is_empty());
    }

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
    fn long_forms_prefer_word_initials_to_letters_inside_words() {
        assert_eq!(
            defs("considered by the Infrastructure, Investment and Inclusive Growth Scrutiny Board (IIIG) in December"),
            vec![(
                "IIIG".into(),
                "Infrastructure, Investment and Inclusive Growth Scrutiny Board".into()
            )]
        );
    }

    #[test]
    fn parentheses_that_are_not_definitions_are_ignored() {
        assert!(defs("the meeting (Pages 1) and Safeguarding (Yes)").is_empty());
        assert!(defs("Corporate Parenting Panel (CXZ)").is_empty());
        assert!(defs("thanked Councillor Hughes and Ian Rose (Chair) for").is_empty());
        assert!(defs("the Children's Commissioner (Agreed)").is_empty());
    }

    #[test]
    fn a_short_form_written_as_a_word_spells_the_initials_before_it() {
        assert_eq!(
            defs("The Children and Family Court Advisory and Support Service (Cafcass) as established"),
            vec![(
                "Cafcass".into(),
                "Children and Family Court Advisory and Support Service".into()
            )]
        );
        assert_eq!(
            defs("the Office for Standards in Education, Children's Services and Skills (Ofsted)"),
            vec![]
        );
    }
}
