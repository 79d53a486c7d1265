//! PDF files → text: the text layer (`pdf-extract` over `lopdf`, pure Rust)
//! collected as positioned lines, then laid out as the plain text the
//! segmenter reads: running headers and page-number footers dropped, lines
//! wrapped inside a paragraph joined again (with line-end hyphenation
//! repaired), paragraphs separated by a blank line, and a form feed on its
//! own line where a page ends between paragraphs. Every page's start is
//! recorded as a byte offset into the text.

use super::SourceError;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use regex::Regex;
use std::cell::Cell;
use std::sync::{LazyLock, Once};

/// One printed line of a page, with its geometry in points (y grows
/// downwards from the top of the page).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PdfLine {
    pub text: String,
    /// Left edge of the first glyph.
    pub x0: f64,
    /// Right edge of the last glyph.
    pub x1: f64,
    /// Right edge of the first word.
    pub first_word_end: f64,
    /// Baseline.
    pub y: f64,
    /// Font size (the largest on the line).
    pub size: f64,
}

/// Extracts the text of a PDF and the byte offset where each page starts.
pub(super) fn extract(bytes: &[u8]) -> Result<(String, Vec<usize>), SourceError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SourceError::Empty);
    }
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(SourceError::PdfUnreadable("no %PDF- header (not a PDF file)".into()));
    }
    let pages = quietly(|| read_pages(bytes))
        .map_err(|what| SourceError::PdfUnreadable(format!("its text could not be extracted ({what})")))??;
    let (text, starts) = assemble(&pages);
    if text.trim().is_empty() {
        return Err(SourceError::PdfNoText { pages: pages.len() });
    }
    Ok((text, starts))
}

fn read_pages(bytes: &[u8]) -> Result<Vec<Vec<PdfLine>>, SourceError> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| SourceError::PdfUnreadable(e.to_string()))?;
    // lopdf has already decrypted a file whose user password is empty.
    if doc.is_encrypted() {
        return Err(SourceError::PdfEncrypted);
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err(SourceError::PdfUnreadable("it has no pages".into()));
    }
    let mut collector = Collector::default();
    for number in numbers {
        pdf_extract::output_doc_page(&doc, &mut collector, number)
            .map_err(|e| SourceError::PdfUnreadable(format!("page {number}: {e}")))?;
    }
    Ok(collector.pages)
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic (pdf-extract panics on some unsupported
/// fonts and encodings) into its message, without the panic being printed.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    outcome.map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unsupported PDF feature")
            .to_string()
    })
}

/// Receives positioned glyphs from pdf-extract and groups them into lines.
#[derive(Default)]
struct Collector {
    pages: Vec<Vec<PdfLine>>,
    lines: Vec<PdfLine>,
    current: Option<PdfLine>,
    height: f64,
    last_end: f64,
    word_start: bool,
    space: bool,
}

impl Collector {
    fn end_line(&mut self) {
        if let Some(line) = self.current.take() {
            if !line.text.trim().is_empty() {
                self.lines.push(line);
            }
        }
        self.space = false;
    }
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.lines.clear();
        self.current = None;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.end_line();
        self.pages.push(std::mem::take(&mut self.lines));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        glyph: &str,
    ) -> Result<(), OutputError> {
        let (x, y) = (trm.m31, self.height - trm.m32);
        let size = (font_size * (trm.m11 + trm.m21) * font_size * (trm.m12 + trm.m22))
            .abs()
            .sqrt()
            .max(1.0);
        let end = x + width * size;
        if glyph.chars().all(char::is_whitespace) {
            if self.current.is_some() {
                self.space = true;
            }
            self.last_end = end;
            return Ok(());
        }
        let same_line = self
            .current
            .as_ref()
            .is_some_and(|l| (y - l.y).abs() <= 0.5 * l.size.max(size));
        if !same_line {
            self.end_line();
        }
        let word_start = std::mem::take(&mut self.word_start);
        let line = self.current.get_or_insert_with(|| PdfLine {
            x0: x,
            y,
            first_word_end: f64::NAN,
            ..PdfLine::default()
        });
        if !line.text.is_empty() {
            let gap = x - self.last_end;
            if self.space || (word_start && gap > 0.1 * size) {
                if line.first_word_end.is_nan() {
                    line.first_word_end = line.x1;
                }
                // A gap far wider than a word space separates table cells.
                line.text.push(if gap > 3.0 * size { '\t' } else { ' ' });
            }
        }
        self.space = false;
        push_glyph(&mut line.text, glyph);
        line.x1 = line.x1.max(end);
        line.size = line.size.max(size);
        self.last_end = end;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Appends a glyph's text: ligatures spelled out, control characters dropped.
fn push_glyph(out: &mut String, glyph: &str) {
    for c in glyph.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// A running header or footer line once its numbers are masked.
fn masked(text: &str) -> String {
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("regex"));
    DIGITS
        .replace_all(&text.to_lowercase(), "#")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "3", "Page 3", "Page 3 of 12", "- 3 -", "3/12".
fn is_page_number(masked: &str) -> bool {
    static PAGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:page\s*)?[-–]?\s*#\s*[-–]?(?:\s*(?:of|/)\s*#)?$").expect("regex"));
    PAGE.is_match(masked)
}

/// Indices of the topmost and bottommost lines of a page.
fn edges(page: &[PdfLine]) -> Vec<usize> {
    let top = (0..page.len()).min_by(|&a, &b| page[a].y.total_cmp(&page[b].y));
    let bottom = (0..page.len()).max_by(|&a, &b| page[a].y.total_cmp(&page[b].y));
    let mut out: Vec<usize> = top.into_iter().chain(bottom).collect();
    out.dedup();
    out
}

/// Drops page numbers and running headers and footers: a top or bottom line
/// that is a page number, or that recurs (numbers aside) at the top or
/// bottom of at least two pages and half of them; then a page number that
/// such a header or footer had hidden.
fn drop_running_lines(pages: &[Vec<PdfLine>]) -> Vec<Vec<PdfLine>> {
    let mut pages = pages.to_vec();
    for round in 0..2 {
        let mut counts = std::collections::HashMap::<String, usize>::new();
        for page in &pages {
            let mut keys: Vec<String> = edges(page).into_iter().map(|i| masked(&page[i].text)).collect();
            keys.dedup();
            for key in keys {
                *counts.entry(key).or_default() += 1;
            }
        }
        let total = pages.len();
        let recurring = |key: &str| counts.get(key).is_some_and(|&n| n >= 2 && 2 * n >= total);
        for page in &mut pages {
            let drop: Vec<usize> = edges(page)
                .into_iter()
                .filter(|&i| {
                    let key = masked(&page[i].text);
                    is_page_number(&key) || (round == 0 && recurring(&key))
                })
                .collect();
            let mut i = 0;
            page.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
        }
    }
    pages
}

/// Whether a line opens a list entry ("- ", "• ", "1. ", "(a) ") rather than
/// continuing the line before it.
fn opens_entry(text: &str) -> bool {
    static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-–•·▪◦*]\s|\d{1,3}[.)]\s|\((?:[a-zA-Z]|[ivx]{1,4}|\d{1,3})\)\s|[a-z][.)]\s)").expect("regex")
    });
    ENTRY.is_match(text)
}

/// Whether `next` continues the paragraph of `line`: its first word would
/// not have fitted at the end of `line` before the right margin `right`.
fn continues(line: &PdfLine, next: &PdfLine, right: f64) -> bool {
    let first_word = if next.first_word_end.is_nan() {
        next.x1 - next.x0
    } else {
        next.first_word_end - next.x0
    };
    let space = 0.25 * next.size;
    !opens_entry(&next.text) && line.x1 + space + first_word > right - 0.5
}

const HYPHENS: &[char] = &['-', '\u{2010}', '\u{00AD}'];

/// Joins `next` to the paragraph `out` ends with, repairing a hyphenated
/// line end: "commis-" + "sion" → "commission" when the joined word is
/// lower case (and the document never prints it hyphenated),
/// "Cherry-" + "Swaine" → "Cherry-Swaine"; anything else gets a space.
fn join(out: &mut String, next: &str, document: &str) {
    let Some(hyphen) = out.chars().last().filter(|c| HYPHENS.contains(c)) else {
        out.push(' ');
        out.push_str(next);
        return;
    };
    let body = &out[..out.len() - hyphen.len_utf8()];
    let left: String = {
        let mut v: Vec<char> = body.chars().rev().take_while(|c| c.is_alphabetic()).collect();
        v.reverse();
        v.into_iter().collect()
    };
    if left.is_empty() {
        // A dash after a space or a digit ("2023 -") is punctuation.
        out.push(' ');
        out.push_str(next);
        return;
    }
    let right: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = |s: &str| !s.is_empty() && s.chars().all(char::is_lowercase);
    let printed_hyphenated = || {
        let form = format!("{left}-{right}");
        document.match_indices(&form).any(|(at, _)| {
            !document[..at].ends_with(char::is_alphabetic)
                && !document[at + form.len()..].starts_with(char::is_alphabetic)
        })
    };
    let rejoin = hyphen == '\u{00AD}' || (lower(&left) && lower(&right) && !printed_hyphenated());
    if rejoin {
        out.truncate(body.len());
    } else if hyphen != '-' {
        out.truncate(body.len());
        out.push('-');
    }
    out.push_str(next);
}

/// Lays out the lines of every page as text; returns it with the byte
/// offset where each page starts.
pub(crate) fn assemble(pages: &[Vec<PdfLine>]) -> (String, Vec<usize>) {
    let pages = drop_running_lines(pages);
    let right = pages.iter().flatten().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let document: String = pages
        .iter()
        .flatten()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::new();
    let mut starts = Vec::with_capacity(pages.len());
    let mut previous: Option<&PdfLine> = None;
    for page in &pages {
        let mut page_start = None;
        for (i, line) in page.iter().enumerate() {
            let text = line
                .text
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let text = text.trim();
            if let Some(before) = previous {
                let gap = line.y - before.y;
                let height = before.size.max(line.size);
                // A page's first line may run on from the last of the page before.
                let same_paragraph = i == 0 || (gap > 0.0 && gap <= 1.5 * height);
                if same_paragraph && continues(before, line, right) {
                    join(&mut out, text, &document);
                    page_start.get_or_insert(out.len() - text.len());
                    previous = Some(line);
                    continue;
                }
                out.push_str(if i == 0 {
                    "\n\x0C\n"
                } else if gap > 1.5 * height || gap < -0.5 * line.size {
                    "\n\n"
                } else {
                    "\n"
                });
            }
            page_start.get_or_insert(out.len());
            out.push_str(text);
            previous = Some(line);
        }
        starts.push(page_start.unwrap_or(out.len()));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    (out, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of 10pt text at `y`, glyphs 5pt wide.
    fn line(text: &str, x0: f64, y: f64) -> PdfLine {
        let width = |s: &str| s.chars().count() as f64 * 5.0;
        PdfLine {
            text: text.to_string(),
            x0,
            x1: x0 + width(text),
            first_word_end: x0 + width(text.split(' ').next().unwrap_or("")),
            y,
            size: 10.0,
        }
    }

    fn text_of(pages: &[Vec<PdfLine>]) -> String {
        assemble(pages).0
    }

    /// The right margin is the longest line: 40 glyphs from x = 50.
    const FULL: &str = "aaaa bbbb cccc dddd eeee ffff gggg hhhhh";

    #[test]
    fn wrapped_lines_are_joined_and_short_lines_end_paragraphs() {
        let page = vec![
            line("PLANNING BOARD", 50.0, 50.0),
            line("Tuesday 29 October 2024", 50.0, 62.0),
            line(FULL, 50.0, 86.0),
            line("Councillors Blackham and Bower.", 50.0, 98.0),
            line("- The first point that", 50.0, 122.0),
            line("- Second", 50.0, 134.0),
        ];
        assert_eq!(
            text_of(&[page]),
            format!("PLANNING BOARD\nTuesday 29 October 2024\n\n{FULL} Councillors Blackham and Bower.\n\n- The first point that\n- Second\n")
        );
    }

    #[test]
    fn line_end_hyphens_are_repaired() {
        let doc = "";
        let mut out = "the commis-".to_string();
        join(&mut out, "sion agreed", doc);
        assert_eq!(out, "the commission agreed");
        let mut out = "Dr Janine Cherry-".to_string();
        join(&mut out, "Swaine, Consultant", doc);
        assert_eq!(out, "Dr Janine Cherry-Swaine, Consultant");
        let mut out = "Looked-".to_string();
        join(&mut out, "after Children", doc);
        assert_eq!(out, "Looked-after Children");
        let mut out = "health and well-".to_string();
        join(&mut out, "being was", "the well-being board");
        assert_eq!(out, "health and well-being was");
        let mut out = "2023 -".to_string();
        join(&mut out, "2024", doc);
        assert_eq!(out, "2023 - 2024");
        let mut out = "safe\u{AD}".to_string();
        join(&mut out, "guarding", doc);
        assert_eq!(out, "safeguarding");
    }

    #[test]
    fn running_headers_and_page_numbers_are_dropped_and_pages_recorded() {
        let page = |n: usize, body: &str| {
            vec![
                line(&format!("Planning Board - 29/10/24 ({n})"), 50.0, 20.0),
                line(FULL, 50.0, 100.0),
                line(body, 50.0, 124.0),
                line(&format!("Page {n} of 3"), 50.0, 800.0),
            ]
        };
        let pages = vec![page(1, "One."), page(2, "Two."), page(3, "Three.")];
        let (text, starts) = assemble(&pages);
        let page_text = |body: &str| format!("{FULL}\n\n{body}");
        assert_eq!(
            text,
            format!(
                "{}\n\x0C\n{}\n\x0C\n{}\n",
                page_text("One."),
                page_text("Two."),
                page_text("Three.")
            )
        );
        assert_eq!(starts, vec![0, 49, 98]);
        assert!(text[starts[1]..].starts_with(&page_text("Two.")));
    }

    #[test]
    fn a_paragraph_runs_on_across_a_page_break() {
        let pages = vec![
            vec![line("Heading", 50.0, 50.0), line(FULL, 50.0, 74.0)],
            vec![line("Cherry- Swaine ends.", 50.0, 50.0), line("Next.", 50.0, 74.0)],
        ];
        let (text, starts) = assemble(&pages);
        assert_eq!(text, format!("Heading\n\n{FULL} Cherry- Swaine ends.\n\nNext.\n"));
        assert_eq!(&text[starts[1]..], "Cherry- Swaine ends.\n\nNext.\n");
    }

    #[test]
    fn entries_are_not_joined_even_after_a_full_line() {
        let page = vec![
            line(FULL, 50.0, 50.0),
            line("(a) that", 50.0, 62.0),
            line("1. Item", 50.0, 74.0),
            line(FULL, 50.0, 86.0),
            line("(ISVA) Team.", 50.0, 98.0),
        ];
        assert_eq!(
            text_of(&[page]),
            format!("{FULL}\n(a) that\n1. Item\n{FULL} (ISVA) Team.\n")
        );
    }

    #[test]
    fn no_pdf_header_is_unreadable() {
        assert!(matches!(
            extract(b"<html>not a pdf</html>"),
            Err(SourceError::PdfUnreadable(_))
        ));
        assert_eq!(extract(b" \n"), Err(SourceError::Empty));
    }
}
