//! Numbered items of a meeting: number, title, text, resolutions and
//! cross-references to earlier minutes.

use super::{MeetingKind, Note};
use crate::text::{lines_in, Line, Span, Spanned};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The minute or agenda number as printed ("36", "7").
    pub number: String,
    /// The title without page references or emphasis markers.
    pub title: Spanned,
    /// The whole item, heading included.
    pub span: Span,
    /// The item's text after its heading.
    pub body: Span,
    pub resolutions: Vec<Resolution>,
    pub cross_refs: Vec<CrossRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Resolution {
    /// "1", "2" … when the resolutions are numbered.
    pub number: Option<String>,
    pub text: Spanned,
}

/// "Further to Minute No. 109(2) (Adult Learning)".
#[derive(Debug, Clone, Serialize)]
pub struct CrossRef {
    pub minute: String,
    pub span: Span,
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\*\*)?(?P<num>\d{1,4}[A-Za-z]?)\.\s+(?:\*\*)?(?P<title>\S.*?)\s*$").expect("heading regex")
});

static PAGE_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s*\((?:pages?|pp?\.)\s*\d+(?:\s*[-–]\s*\d+)?\)").expect("regex"));

static RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\*\*)?(?:resolved|resolution|agreed)(?:\*\*)?\s*:?\s*-?\s*").expect("regex")
});

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-•*]\s*)?(?:\((?P<a>\d{1,2}|[a-z])\)|(?P<b>\d{1,2})[).])\s*").expect("regex")
});

static MINUTE_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bminutes?\s+(?:no\.?\s*|number\s+)?(?P<n>\d{1,4}(?:\s?\(\d{1,2}\))?)").expect("regex")
});

fn uppercase_share(s: &str) -> f64 {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return 0.0;
    }
    letters.iter().filter(|c| c.is_uppercase()).count() as f64 / letters.len() as f64
}

/// "101 Declarations of Interest", "102\tMinutes": a minute number with no
/// period, then a title in title case (read only with [`is_title_case`]).
static BARE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\*\*)?(?P<num>\d{1,3})[ \t]+(?:\*\*)?(?P<title>\p{Lu}[^.:;]*?)\s*(?:\*\*)?$").expect("regex")
});

/// Small words a title in title case leaves in lower case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "of", "and", "the", "for", "to", "in", "on", "a", "an", "with", "at", "by", "from", "&", "–", "-",
];

/// "Declarations of Interest", "Leeds Inclusive Growth Strategy 2023-2030":
/// a heading of at most twelve words, each capitalised but the small ones.
fn is_title_case(title: &str) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    (1..=12).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '(') || TITLE_SMALL_WORDS.contains(w)
        })
}

fn heading_at(line: &Line) -> Option<(u32, Span, Span)> {
    let c = HEADING
        .captures(line.text)
        .or_else(|| BARE_HEADING.captures(line.text).filter(|c| is_title_case(&c["title"])))?;
    let num = c.name("num")?;
    let number: u32 = num.as_str().trim_end_matches(char::is_alphabetic).parse().ok()?;
    let t = c.name("title")?;
    let num_span = Span::new(line.span.start + num.start(), line.span.start + num.end());
    let title_span = Span::new(line.span.start + t.start(), line.span.start + t.end());
    Some((number, num_span, title_span))
}

/// Cleans a printed title: drops page references and `**` emphasis.
fn clean_title(text: &str, span: Span) -> Spanned {
    let span = span.trimmed(text, &['*']);
    let raw = span.slice(text);
    let cleaned = PAGE_REF.replace_all(raw, "");
    let cleaned = cleaned
        .trim_matches(|c: char| c == '*' || c.is_whitespace())
        .to_string();
    // Keep the span on the title proper when the page reference is a suffix.
    let end = if raw.starts_with(&cleaned) {
        span.start + cleaned.len()
    } else {
        span.end
    };
    Spanned::new(cleaned, Span::new(span.start, end))
}

/// Finds the numbered items of a meeting document starting at `from`.
///
/// Minutes number their items in capitals with ascending minute numbers;
/// agendas number them consecutively in any case. A numbered line that
/// breaks those patterns is text inside an item (a numbered paragraph).
pub fn parse_items(text: &str, span: Span, kind: MeetingKind) -> Vec<Item> {
    parse_items_noting(text, span, kind, &mut Vec::new())
}

/// [`parse_items`], noting in `notes` each capitals heading whose minute
/// number does not ascend (read as text of the item before it).
pub fn parse_items_noting(text: &str, span: Span, kind: MeetingKind, notes: &mut Vec<Note>) -> Vec<Item> {
    let lines = lines_in(text, span);
    let mut heads: Vec<(usize, u32, Span, Span)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((number, num_span, title_span)) = heading_at(line) else {
            continue;
        };
        let title = title_span.slice(text);
        let previous = heads.last().map(|h| h.1);
        let accepted = match kind {
            MeetingKind::Minutes => {
                let untitled = PAGE_REF.replace_all(title, "");
                (uppercase_share(&untitled) >= 0.7 || is_title_case(&untitled)) && previous.is_none_or(|p| number > p)
            }
            MeetingKind::Agenda => previous.map_or(number <= 2, |p| number == p + 1),
        };
        if accepted {
            heads.push((i, number, num_span, title_span));
        } else if let (MeetingKind::Minutes, Some(p)) = (kind, previous) {
            if uppercase_share(title) >= 0.7 {
                notes.push(Note {
                    at: line.span.start,
                    message: format!("minute {number} does not follow minute {p}; read as text of minute {p}"),
                });
            }
        }
    }
    let mut items = Vec::with_capacity(heads.len());
    for (n, (i, _, num_span, title_span)) in heads.iter().enumerate() {
        let start = lines[*i].span.start;
        let end = heads.get(n + 1).map_or(span.end, |h| lines[h.0].span.start);
        let body = Span::new(lines[*i].span.end.min(end), end);
        items.push(Item {
            number: num_span.slice(text).to_string(),
            title: clean_title(text, *title_span),
            span: Span::new(start, end),
            body,
            resolutions: parse_resolutions(text, body),
            cross_refs: MINUTE_REF
                .captures_iter(body.slice(text))
                .map(|c| {
                    let m = c.name("n").expect("group");
                    CrossRef {
                        minute: m.as_str().replace(' ', ""),
                        span: Span::new(body.start + m.start(), body.start + m.end()),
                    }
                })
                .collect(),
        });
    }
    items
}

/// Paragraphs (runs of non-blank lines) of `span`.
pub fn paragraphs(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    for line in lines_in(text, span) {
        if line.is_blank() {
            out.extend(current.take());
        } else {
            let s = line.trimmed_span();
            current = Some(current.map_or(s, |c| Span::new(c.start, s.end)));
        }
    }
    out.extend(current);
    out
}

/// Resolutions recorded under "Resolved:-": one per numbered clause, or the
/// whole resolution when it is not numbered.
pub fn parse_resolutions(text: &str, body: Span) -> Vec<Resolution> {
    let lines: Vec<Line> = lines_in(text, body).into_iter().filter(|l| !l.is_blank()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(m) = RESOLVED.find(lines[i].text) else {
            i += 1;
            continue;
        };
        let first = Span::new(lines[i].span.start + m.end(), lines[i].span.end);
        let mut clauses: Vec<Span> = vec![first];
        let mut j = i + 1;
        // Numbered clauses may follow on their own lines.
        while j < lines.len() && NUMBERED.is_match(lines[j].text) && !RESOLVED.is_match(lines[j].text) {
            clauses.push(lines[j].trimmed_span());
            j += 1;
        }
        let numbered: Vec<&Span> = clauses.iter().filter(|c| NUMBERED.is_match(c.slice(text))).collect();
        let inline_numbers = split_inline_numbers(text, first);
        if numbered.is_empty() && inline_numbers.len() <= 1 {
            out.push(Resolution {
                number: None,
                text: Spanned::from_source(text, first),
            });
        } else {
            let mut spans: Vec<Span> = if inline_numbers.len() > 1 {
                inline_numbers
            } else {
                Vec::new()
            };
            if spans.is_empty() && NUMBERED.is_match(first.slice(text)) {
                spans.push(first);
            }
            spans.extend(clauses.iter().skip(1).copied());
            for s in spans {
                let c = NUMBERED.captures(s.slice(text));
                let number = c
                    .as_ref()
                    .and_then(|c| c.name("a").or(c.name("b")))
                    .map(|m| m.as_str().to_string());
                let skip = c.map_or(0, |c| c.get(0).expect("match").end());
                out.push(Resolution {
                    number,
                    text: Spanned::from_source(text, Span::new(s.start + skip, s.end)),
                });
            }
        }
        i = j;
    }
    out
}

/// "(1) That … (2) That …" on one line.
fn split_inline_numbers(text: &str, span: Span) -> Vec<Span> {
    static INLINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\((\d{1,2})\)\s+That\b").expect("regex"));
    let starts: Vec<usize> = INLINE
        .find_iter(span.slice(text))
        .map(|m| span.start + m.start())
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, s)| Span::new(*s, starts.get(n + 1).copied().unwrap_or(span.end)).trimmed(text, &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str, kind: MeetingKind) -> Vec<(String, String, usize)> {
        parse_items(text, Span::new(0, text.len()), kind)
            .into_iter()
            .map(|i| (i.number, i.title.text, i.resolutions.len()))
            .collect()
    }

    #[test]
    fn minutes_items_are_numbered_capitals_in_ascending_order() {
        let text = "36. THE ANNUAL REPORT 2023 - 2024\n\nText.\n\n1. Background\n\n37. **WORK PROGRAMME**\n\nResolved: - That the Work Programme be approved.\n";
        assert_eq!(
            items(text, MeetingKind::Minutes),
            vec![
                ("36".into(), "THE ANNUAL REPORT 2023 - 2024".into(), 0),
                ("37".into(), "WORK PROGRAMME".into(), 1)
            ]
        );
    }

    #[test]
    fn minutes_items_may_be_numbered_without_a_period_in_title_case() {
        let text = "101 Declarations of Interest\n\nThere were none.\n\n2 Members noted the update.\n\n102\tFinancial Health Monitoring 2023/24 – Month 9\n\nText.\n";
        let got: Vec<_> = items(text, MeetingKind::Minutes)
            .into_iter()
            .map(|i| (i.0, i.1))
            .collect();
        assert_eq!(
            got,
            [
                ("101".to_string(), "Declarations of Interest".to_string()),
                (
                    "102".to_string(),
                    "Financial Health Monitoring 2023/24 – Month 9".to_string()
                )
            ]
        );
    }

    #[test]
    fn agenda_items_are_consecutive_and_lose_page_references() {
        let text = "1. Apologies for Absence\n\n2. Minutes of the previous meeting (Pages 1 - 9)\n\n5. Not an item\n\n3. Urgent Business\n";
        let got: Vec<_> = items(text, MeetingKind::Agenda).into_iter().map(|i| i.1).collect();
        assert_eq!(
            got,
            vec![
                "Apologies for Absence",
                "Minutes of the previous meeting",
                "Urgent Business"
            ]
        );
    }

    #[test]
    fn numbered_resolutions_are_separate() {
        let text = "Resolved:- That the Commission:\n\n- 1) Consider the Annual Report\n- 2) Agree that further information is provided.\n\nNext.";
        let got = parse_resolutions(text, Span::new(0, text.len()));
        let texts: Vec<_> = got
            .iter()
            .map(|r| (r.number.as_deref(), r.text.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (Some("1"), "Consider the Annual Report"),
                (Some("2"), "Agree that further information is provided.")
            ]
        );
    }

    #[test]
    fn paragraph_numbered_resolutions_and_single_ones() {
        let text = "Resolved:- (1) That the presentation be noted.\n\n(2) That the Board be thanked.\n\n(3) That Directors be invited.\n";
        assert_eq!(parse_resolutions(text, Span::new(0, text.len())).len(), 3);
        let single = "Resolved: - That the update be noted.\n";
        let got = parse_resolutions(single, Span::new(0, single.len()));
        assert_eq!(got[0].text.text, "That the update be noted.");
    }

    #[test]
    fn cross_references_to_earlier_minutes() {
        let text = "10. MINUTES\n\nFurther to Minute No. 109(2) (Adult Learning), it was noted.\n";
        let got = parse_items(text, Span::new(0, text.len()), MeetingKind::Minutes);
        assert_eq!(got[0].cross_refs[0].minute, "109(2)");
    }
}
