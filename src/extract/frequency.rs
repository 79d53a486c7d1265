//! How often a body meets, as the text says it: a section heading
//! ("Executive Group: Frequency – once every 2 months"), a bracket after
//! the name ("Learning and Improvement Delivery Group (quarterly)") or a
//! sentence ("The Child Exploitation Tactical Group (CETG) had a weekly
//! meeting", "The Board meets quarterly").
//!
//! Architecture invariant: works on body mention spans; which body a span
//! is, `resolve` decides. The frequency is kept as printed.

use crate::extract::sentences::sentences;
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A body's meeting frequency as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrequencyMention {
    pub body: Span,
    pub frequency: String,
    pub evidence: Span,
}

/// Words for how often: "weekly", "6 weekly", "every six weeks", "three
/// times a year", "once a term".
const HOW_OFTEN: &str = r"(?:(?:\d+|two|three|four|six|eight)[- ])?(?:weekly|fortnightly|monthly|bi-?monthly|quarterly|annually|yearly|termly)|every (?:\w+ )?(?:weeks?|months?|term)|(?:once|twice|\w+ times) (?:a|per|each) (?:week|month|term|year)";

/// "Executive Group: Frequency – once every 2 months" (to the cell's end).
static FREQUENCY_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[:–—-]?\s*Frequency\s*[:–—-]?\s*(?P<f>[^\t\n<]*[^\t\n<\s])").expect("regex"));

/// "Learning and Improvement Delivery Group (quarterly)".
static IN_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*\((?P<f>(?i:{HOW_OFTEN}))\)")).expect("regex"));

/// "… had a weekly meeting", "… meets quarterly", "… met every six weeks".
static MEETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[^.;]{{0,40}}?\b(?:(?:meets|met|will meet|would meet|meet)\s+(?P<f>{HOW_OFTEN})\b|(?:has|had|holds|held) an? (?P<g>{HOW_OFTEN}) meeting)"
    ))
    .expect("regex")
});

/// The frequencies stated in `span` of `text` for the bodies at `bodies`.
pub fn find_frequencies(text: &str, span: Span, bodies: &[Span]) -> Vec<FrequencyMention> {
    frequencies_in(text, span, &sentences(text, span), bodies)
}

/// [`find_frequencies`] with the `sentences` of `span` already split.
pub fn frequencies_in(text: &str, span: Span, sentences: &[Span], bodies: &[Span]) -> Vec<FrequencyMention> {
    let mut bodies: Vec<Span> = bodies.iter().filter(|b| span.contains(**b)).copied().collect();
    bodies.sort();
    bodies.dedup();
    let mut out = Vec::new();
    for body in &bodies {
        let line_end = text[body.end..span.end].find('\n').map_or(span.end, |i| body.end + i);
        let rest = &text[body.end..line_end];
        if let Some(c) = FREQUENCY_HEADING.captures(rest).or_else(|| IN_BRACKETS.captures(rest)) {
            let f = c.name("f").expect("group");
            out.push(FrequencyMention {
                body: *body,
                frequency: f.as_str().to_string(),
                evidence: Span::new(
                    body.start,
                    body.end + f.end() + usize::from(rest[f.end()..].starts_with(')')),
                ),
            });
        }
    }
    for &sentence in sentences {
        let in_sentence: Vec<Span> = bodies.iter().filter(|b| sentence.contains(**b)).copied().collect();
        // The sentence's subject: its first name ("The Child Exploitation
        // Tactical Group (CETG) had …": the acronym in brackets is the same).
        let Some(body) = in_sentence.first() else { continue };
        let bracketed = |b: &Span| text[body.end..b.start].trim() == "(";
        let next_name = in_sentence
            .iter()
            .filter(|b| b.start >= body.end)
            .find(|b| !bracketed(b))
            .map_or(sentence.end, |b| b.start);
        let Some(c) = MEETS.captures(&text[body.end..next_name]) else {
            continue;
        };
        let f = c.name("f").or(c.name("g")).expect("group");
        if !out.iter().any(|m| m.body == *body) {
            out.push(FrequencyMention {
                body: *body,
                frequency: f.as_str().to_string(),
                evidence: sentence,
            });
        }
    }
    out.sort_by_key(|m| m.body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frequencies(text: &str, names: &[&str]) -> Vec<(String, String)> {
        let mut bodies: Vec<Span> = names
            .iter()
            .flat_map(|n| text.match_indices(n).map(|(i, _)| Span::new(i, i + n.len())))
            .collect();
        bodies.sort();
        find_frequencies(text, Span::new(0, text.len()), &bodies)
            .into_iter()
            .map(|m| (m.body.slice(text).to_string(), m.frequency))
            .collect()
    }

    #[test]
    fn a_section_heading_or_a_bracket_gives_the_frequency() {
        let text = "Executive Group: Frequency – once every 2 months\t\nMembership\n\
                    Wider Safeguarding Partnership – Frequency x 3 annually\n\
                    <p>Learning and Improvement Delivery Group (quarterly)</p> <p>Neglect Group (chaired by the Police)</p>";
        assert_eq!(
            frequencies(
                text,
                &[
                    "Executive Group",
                    "Wider Safeguarding Partnership",
                    "Learning and Improvement Delivery Group",
                    "Neglect Group"
                ]
            ),
            [
                ("Executive Group".to_string(), "once every 2 months".to_string()),
                ("Wider Safeguarding Partnership".to_string(), "x 3 annually".to_string()),
                (
                    "Learning and Improvement Delivery Group".to_string(),
                    "quarterly".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_sentence_says_how_often_its_subject_meets() {
        let text =
            "The Child Exploitation Tactical Group (CETG) had a weekly meeting which was chaired by the Police. \
                    The Board meets quarterly. The Panel reported that the Forum met every six weeks.";
        assert_eq!(
            frequencies(
                text,
                &[
                    "Child Exploitation Tactical Group",
                    "Tactical Group",
                    "CETG",
                    "Board",
                    "Panel",
                    "Forum"
                ]
            ),
            [
                ("Child Exploitation Tactical Group".to_string(), "weekly".to_string()),
                ("Board".to_string(), "quarterly".to_string()),
            ]
        );
    }
}
