//! Capitalised phrases: the runs of capitalised words (with the small
//! connecting words "and", "&", "of", "for", "to", "the", "in" between them)
//! that proper names of bodies and documents are made of.
//!
//! A run never crosses a line break, a bracket, a dash between spaces or
//! punctuation other than a comma; the comma is kept as a flag on the word
//! after it, so callers decide whether "Practice, Performance and Learning
//! Delivery Group" is one name.
//!
//! Architecture invariant: pure tokenisation; nothing here knows what a body
//! or a document is.

use crate::text::Span;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A letter or a digit outside ASCII (`\p{L}` or `\p{N}`, as the `regex`
/// crate's tables have them); ASCII is tested by hand in [`is_letter_or_digit`].
static NON_ASCII_LETTER_OR_DIGIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]").expect("letter regex"));

/// Whether `c` is a letter or a digit (`[\p{L}\p{N}]`).
fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        NON_ASCII_LETTER_OR_DIGIT.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// The byte ranges of the words of `s`, in order: what the pattern
/// `[\p{L}\p{N}](?:[\p{L}\p{N}'’.\-]*[\p{L}\p{N}])?(?:['’]s?)?|&` finds
/// (leftmost-first, as `Regex::find_iter`), found by hand: a word starts at
/// a letter or digit, goes on over letters, digits, apostrophes, periods
/// and hyphens up to its last letter or digit, and keeps a possessive
/// ending; "&" is a word of its own.
fn word_ranges(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = s.as_bytes();
    // The character at byte `i` and its width: ASCII read as a byte.
    let char_at = move |i: usize| match bytes[i] {
        b if b.is_ascii() => (char::from(b), 1),
        _ => {
            let c = s[i..].chars().next().expect("a character");
            (c, c.len_utf8())
        }
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let (c, width) = char_at(at);
            let start = at;
            at += width;
            if c == '&' {
                return Some((start, at));
            }
            if !is_letter_or_digit(c) {
                continue;
            }
            // The last letter or digit of the run of word characters.
            let mut end = at;
            let mut i = at;
            while i < bytes.len() {
                let (ch, width) = char_at(i);
                if is_letter_or_digit(ch) {
                    end = i + width;
                } else if !matches!(ch, '\'' | '’' | '.' | '-') {
                    break;
                }
                i += width;
            }
            if let Some((apostrophe, width)) = (end < bytes.len()).then(|| char_at(end)) {
                if apostrophe == '\'' || apostrophe == '’' {
                    end += width;
                    if bytes.get(end) == Some(&b's') {
                        end += 1;
                    }
                }
            }
            at = end;
            return Some((start, end));
        }
        None
    })
}

static STARTERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../lexicon/phrase_starters.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Small words allowed inside a proper name.
const CONNECTORS: &[&str] = &["and", "&", "of", "for", "to", "the", "in", "on", "but", "into"];

/// Prepositions that end a run when printed in capitals.
const CAPITAL_BREAKS: &[&str] = &["with", "by", "from", "at", "into", "as", "via"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
    /// Lower case, curly apostrophes straightened.
    pub lower: String,
    /// A comma separates this word from the one before it.
    pub after_comma: bool,
}

impl Word<'_> {
    pub fn is_connector(&self) -> bool {
        CONNECTORS.contains(&self.lower.as_str())
    }

    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// All letters upper case ("RSCP", "CORPORATE").
    pub fn is_upper(&self) -> bool {
        self.text.chars().any(char::is_alphabetic) && !self.text.chars().any(char::is_lowercase)
    }

    /// A word that starts sentences or qualifies a name without being part
    /// of it ("The", "Following", "draft", "Members").
    pub fn is_starter(&self) -> bool {
        STARTERS.contains(self.lower.as_str())
    }

    /// The word without a possessive ending: "Children's" → "children".
    pub fn stem(&self) -> &str {
        self.lower
            .strip_suffix("'s")
            .or_else(|| self.lower.strip_suffix('\''))
            .unwrap_or(&self.lower)
    }
}

/// One run of capitalised words and connectors, as printed.
pub type Run<'a> = Vec<Word<'a>>;

/// The capitalised runs in `span` of `text`, each with at least one
/// capitalised word; leading and trailing connectors are dropped.
pub fn runs(text: &str, span: Span) -> Vec<Run<'_>> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut current: Run = Vec::new();
    let mut previous_end = 0;
    for (m_start, m_end) in word_ranges(s) {
        let m_str = &s[m_start..m_end];
        let gap = &s[previous_end..m_start];
        previous_end = m_end;
        // A lower-case word that is not a connector ends the run whatever
        // the gap: no need to make a `Word` of it (most words are such).
        let lower_case = !m_str.starts_with(char::is_uppercase);
        if lower_case && !(m_str.len() <= 4 && CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(m_str))) {
            push_run(&mut out, std::mem::take(&mut current));
            continue;
        }
        // A name wrapped after "and" or "of" goes on at the next line's
        // start, also past the blank line of a page break: no paragraph
        // ends in a connector.
        let line_breaks = gap.matches('\n').count();
        let wrapped = (1..=2).contains(&line_breaks)
            && gap.chars().all(|c| matches!(c, ' ' | '\t' | '\n'))
            && current
                .last()
                .is_some_and(|w: &Word| w.is_connector() && !w.is_capitalised());
        let joined = wrapped || gap.chars().all(|c| c == ' ' || c == '\t' || c == ',') && gap.matches(',').count() <= 1;
        let in_tag = gap.ends_with('<') || gap.ends_with("</") || s[m_end..].starts_with('>');
        let word = Word {
            span: Span::new(span.start + m_start, span.start + m_end),
            text: m_str,
            lower: lowered(m_str),
            after_comma: gap.contains(','),
        };
        if !joined || in_tag || current.is_empty() && word.after_comma {
            push_run(&mut out, std::mem::take(&mut current));
        }
        if in_tag {
            continue;
        }
        // "CHAIRS MEET WITH EXECUTIVE GROUP": in a heading in capitals a
        // preposition no name holds ends the run, as it would in lower case.
        let capital_preposition = word.is_upper() && CAPITAL_BREAKS.contains(&word.lower.as_str());
        if capital_preposition {
            push_run(&mut out, std::mem::take(&mut current));
        } else if word.is_capitalised() || word.is_connector() {
            current.push(word);
        } else {
            push_run(&mut out, std::mem::take(&mut current));
        }
    }
    push_run(&mut out, current);
    out
}

/// Lower case with curly apostrophes straightened, in one allocation for
/// the plain ASCII words most are.
fn lowered(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.replace('’', "'").to_lowercase()
    }
}

fn push_run<'a>(out: &mut Vec<Run<'a>>, mut run: Run<'a>) {
    while run.last().is_some_and(|w| w.is_connector() && !w.is_capitalised()) {
        run.pop();
    }
    let lead = run
        .iter()
        .take_while(|w| w.is_connector() && !w.is_capitalised())
        .count();
    run.drain(..lead);
    if let Some(first) = run.first_mut() {
        first.after_comma = false;
    }
    if run.iter().any(|w| w.is_capitalised() && !w.is_connector()) {
        out.push(run);
    }
}

/// The span from the first to the last word of `words`.
pub fn span_of(words: &[Word]) -> Span {
    match (words.first(), words.last()) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => Span::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        runs(text, Span::new(0, text.len()))
            .iter()
            .map(|r| span_of(r).slice(text).to_string())
            .collect()
    }

    #[test]
    fn words_are_found_as_the_word_pattern_finds_them() {
        let pattern = Regex::new(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’.\-]*[\p{L}\p{N}])?(?:['’]s?)?|&").expect("word regex");
        for text in [
            "the Children’s and Young People's Partnership (RSCP) – e.g. 1.5 and 2.- Q&A",
            "Councillors' Panel: Ofsted’ss s's 'quoted' Mr.. J.Smith -- x-ray--ok ’s ' & &&",
            "Café Zoë, ½ Ⅻ 2ⁿᵈ naïve e\u{301}cole 東京都 Ελλάδα\u{a0}NHS • item\tcell’",
            "",
            "'s",
            "word'",
        ] {
            let expected: Vec<(usize, usize)> = pattern.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(word_ranges(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn runs_stop_at_lower_case_words_and_punctuation() {
        assert_eq!(
            texts("the report of the Child Exploitation Delivery Group (CEDG) was noted by Cabinet."),
            vec!["Child Exploitation Delivery Group", "CEDG", "Cabinet"]
        );
    }

    #[test]
    fn connectors_and_commas_stay_inside_a_run() {
        assert_eq!(
            texts("to the Practice, Performance and Learning Delivery Group, said"),
            vec!["Practice, Performance and Learning Delivery Group"]
        );
    }

    #[test]
    fn a_name_wrapped_after_a_connector_goes_on() {
        assert_eq!(
            texts("the Learning and\nImprovement Delivery Group for"),
            vec!["Learning and\nImprovement Delivery Group"]
        );
        assert_eq!(
            texts("to the Learning and\n\nImprovement Delivery Group for"),
            vec!["Learning and\n\nImprovement Delivery Group"]
        );
        assert_eq!(texts("the Panel.\nImprovement work"), vec!["Panel", "Improvement"]);
        assert_eq!(
            texts("DELIVERY GROUP CHAIRS MEET WITH EXECUTIVE GROUP"),
            vec!["DELIVERY GROUP CHAIRS MEET", "EXECUTIVE GROUP"]
        );
    }

    #[test]
    fn html_tags_and_dashes_break_runs() {
        assert_eq!(
            texts("<p>Child Death Overview Panel</p> - Update"),
            vec!["Child Death Overview Panel", "Update"]
        );
    }
}
