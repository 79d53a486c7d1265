//! Sentence splitting that keeps spans and does not break at initials,
//! honorifics or "No." abbreviations.

use crate::text::Span;

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "No", "Cllr", "St", "Prof", "Rev", "e.g", "i.e", "etc", "p.m", "a.m",
];

/// Splits `span` of `text` into sentences (also at line breaks, and at the
/// tabs and bullets that separate a table's cells and a flattened list's
/// items: "Colleges\t<ul> • Engagement with the Partnership: • Issues fed
/// back to the Executive Group").
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let boundary = match c {
            b'\n' | b'\t' => true,
            // The first byte of "•".
            0xE2 => s[i..].starts_with('•'),
            b'.' | b'?' | b'!' => {
                let next_is_space = bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
                // After the separator, however many bytes it takes (a no-break space takes two).
                let word_start = s[..i]
                    .char_indices()
                    .rev()
                    .find(|&(_, ch)| ch.is_whitespace() || ch == '(')
                    .map_or(0, |(p, ch)| p + ch.len_utf8());
                let word = &s[word_start..i];
                let initial = word.len() == 1 && word.chars().all(|ch| ch.is_uppercase());
                next_is_space && !initial && !ABBREVIATIONS.contains(&word)
            }
            _ => false,
        };
        if boundary {
            let end = if matches!(c, b'.' | b'?' | b'!') { i + 1 } else { i };
            out.push(Span::new(span.start + start, span.start + end));
            // Past the separator: a bullet takes three bytes.
            let width = if c == 0xE2 { '•'.len_utf8() } else { 1 };
            start = i + width;
            i += width;
            continue;
        }
        i += 1;
    }
    out.push(Span::new(span.start + start, span.end));
    out.into_iter()
        .map(|sp| sp.trimmed(text, &['-', '•']))
        .filter(|sp| !sp.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of the whole of `text`, as text.
    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn a_word_after_a_no_break_space_ends_a_sentence_without_a_panic() {
        let text = "It was noted by the\u{a0}Board. Next";
        assert_eq!(split(text), vec!["It was noted by the\u{a0}Board.", "Next"]);
    }

    #[test]
    fn table_cells_and_bulleted_items_are_sentences_of_their_own() {
        let text = "Education Forum\tAll Schools • Engagement with the Partnership: • Issues fed back to the Group";
        assert_eq!(
            split(text),
            vec![
                "Education Forum",
                "All Schools",
                "Engagement with the Partnership:",
                "Issues fed back to the Group"
            ]
        );
    }

    #[test]
    fn keeps_initials_and_abbreviations_inside_sentences() {
        let text = "Ms. J. Jones spoke. Further to Minute No. 109 it was noted.\n- A bullet";
        assert_eq!(
            split(text),
            vec![
                "Ms. J. Jones spoke.",
                "Further to Minute No. 109 it was noted.",
                "A bullet"
            ]
        );
    }
}
