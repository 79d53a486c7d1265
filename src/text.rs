//! Character spans over a source text and line iteration that keeps offsets.
//!
//! Architecture invariant: spans are byte offsets into the exact text the
//! source stage produced; nothing downstream copies or rewrites that text
//! except through [`Span::slice`].

use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A letter (`\p{L}`, as the `regex` crate's tables have it): ASCII tested
/// directly, other characters by a one-class pattern.
pub fn is_letter(c: char) -> bool {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{L}").expect("letter regex"));
    in_class(c, char::is_ascii_alphabetic, &CLASS)
}

/// A word character as `\b` sees it (`\w`), tested as [`is_letter`].
pub fn is_word_char(c: char) -> bool {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w").expect("word regex"));
    in_class(c, |c| c.is_ascii_alphanumeric() || *c == '_', &CLASS)
}

/// An upper-case letter (`\p{Lu}`), tested as [`is_letter`].
pub fn is_upper_letter(c: char) -> bool {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{Lu}").expect("letter regex"));
    in_class(c, char::is_ascii_uppercase, &CLASS)
}

/// Whether `c` is in a character class: by `ascii` for ASCII, else by
/// `class`, a pattern of that one class.
fn in_class(c: char, ascii: impl Fn(&char) -> bool, class: &Regex) -> bool {
    if c.is_ascii() {
        ascii(&c)
    } else {
        class.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// A half-open byte range `[start, end)` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span shifted by `offset` bytes (for spans found in a sub-slice).
    pub fn offset(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// The two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span with leading and trailing whitespace (and `trim` chars) removed.
    pub fn trimmed(self, text: &str, trim: &[char]) -> Span {
        let s = self.slice(text);
        let lead = s.len()
            - s.trim_start_matches(|c: char| c.is_whitespace() || trim.contains(&c))
                .len();
        let rest = &s[lead..];
        let kept = rest
            .trim_end_matches(|c: char| c.is_whitespace() || trim.contains(&c))
            .len();
        Span::new(self.start + lead, self.start + lead + kept)
    }
}

/// A piece of text together with where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spanned {
    pub text: String,
    pub span: Span,
}

impl Spanned {
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        Spanned {
            text: text.into(),
            span,
        }
    }

    /// The exact source text at `span`.
    pub fn from_source(source: &str, span: Span) -> Self {
        Spanned {
            text: span.slice(source).to_string(),
            span,
        }
    }
}

/// One line of a text: its span excludes the line terminator (`\n` or `\r\n`).
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    pub span: Span,
}

impl<'a> Line<'a> {
    pub fn trimmed(&self) -> &'a str {
        self.text.trim()
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The span of the trimmed line.
    pub fn trimmed_span(&self) -> Span {
        let lead = self.text.len() - self.text.trim_start().len();
        Span::new(self.span.start + lead, self.span.start + lead + self.text.trim().len())
    }
}

/// Lines of `text` within `within`, with absolute spans.
/// The (at most) `n` bytes of `text` before byte `at`, cut at a character
/// boundary: what a pattern anchored at `at` needs to see, so that it does
/// not scan the whole text before it.
pub fn window_before(text: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

pub fn lines_in(text: &str, within: Span) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = within.start;
    for raw in within.slice(text).split_inclusive('\n') {
        let mut body = raw.strip_suffix('\n').unwrap_or(raw);
        body = body.strip_suffix('\r').unwrap_or(body);
        out.push(Line {
            text: body,
            span: Span::new(pos, pos + body.len()),
        });
        pos += raw.len();
    }
    out
}

/// Converts byte offsets to character (Unicode scalar) offsets, as W3C Web
/// Annotation's TextPositionSelector counts them.
pub struct CharIndex {
    /// `prefix[i]` = number of chars before byte `i * STRIDE`.
    checkpoints: Vec<usize>,
}

const STRIDE: usize = 256;

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut chars = 0usize;
        for (i, b) in bytes.iter().enumerate() {
            if i % STRIDE == 0 {
                checkpoints.push(chars);
            }
            if (b & 0xC0) != 0x80 {
                chars += 1;
            }
        }
        checkpoints.push(chars);
        CharIndex { checkpoints }
    }

    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        let block = byte / STRIDE;
        let base = block * STRIDE;
        let chars_before = self.checkpoints[block.min(self.checkpoints.len() - 1)];
        chars_before
            + text.as_bytes()[base..byte]
                .iter()
                .filter(|b| (**b & 0xC0) != 0x80)
                .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_the_pattern_classes_letters() {
        let letter = Regex::new(r"^\p{L}$").expect("regex");
        let upper = Regex::new(r"^\p{Lu}$").expect("regex");
        let word = Regex::new(r"^\w$").expect("regex");
        for c in "aZ09_-'’ éÉßǅⅫ½ΣσДж東\u{301}\u{a0}".chars() {
            let s = c.to_string();
            assert_eq!(is_letter(c), letter.is_match(&s), "{c:?}");
            assert_eq!(is_upper_letter(c), upper.is_match(&s), "{c:?}");
            assert_eq!(is_word_char(c), word.is_match(&s), "{c:?}");
        }
    }

    #[test]
    fn lines_keep_absolute_spans_and_drop_crlf() {
        let text = "ab\r\ncd\n\nef";
        let lines = lines_in(text, Span::new(0, text.len()));
        let got: Vec<_> = lines.iter().map(|l| (l.text, l.span.slice(text))).collect();
        assert_eq!(got, vec![("ab", "ab"), ("cd", "cd"), ("", ""), ("ef", "ef")]);
    }

    #[test]
    fn char_offsets_count_scalars_not_bytes() {
        let text = "a’b".repeat(200);
        let index = CharIndex::new(&text);
        let byte = text.char_indices().nth(301).unwrap().0;
        assert_eq!(index.char_offset(&text, byte), 301);
        assert_eq!(index.char_offset(&text, text.len()), 600);
    }

    #[test]
    fn trimmed_span_strips_given_chars() {
        let text = "  (Cusworth), ";
        let span = Span::new(0, text.len()).trimmed(text, &['(', ')', ',']);
        assert_eq!(span.slice(text), "Cusworth");
    }
}
