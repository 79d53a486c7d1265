//! Splitting a file into its documents: meeting minutes, agendas, cover
//! reports, appendices and work programmes (an agenda pack holds several).

use super::DocumentKind;
use crate::date::find_date;
use crate::text::{lines_in, Line, Span, Spanned};
use regex::Regex;
use std::sync::LazyLock;

/// Words that end a committee's name in a meeting heading. The words
/// before them are at most `HEADING_NAME_CHARS` long, counted in code: a
/// bounded repeat of a Unicode class compiles to a copy per repeat, and
/// compiling this one took 30 ms of every run.
static BODY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\p{L}&,'’ ()-]{3,}\b(?:commission|committee|sub-committee|board|panel|council|cabinet|forum|group|partnership|authority|executive|assembly|meeting)$",
    )
    .expect("heading regex")
});

static ATTENDANCE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:present\b|membership\b|apologies\b|agenda$|venue\b|members present\b|attendance\b)")
        .expect("regex")
});

/// "5. NEGLECT STRATEGY UPDATE": a minute number and a title in capitals.
static MINUTE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,4}\.?\s+[A-Z][A-Z0-9 ,&'’()/-]{3,}$").expect("regex"));

static AGENDA_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:membership\s*:|agenda$|date and time\b)").expect("regex"));

static REPORT_COVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:committee name and date of committee meeting|report to\b.*|report title)$").expect("regex")
});

static REPORT_TITLE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:title\s*:|report title\b)").expect("regex"));

/// Lines that close a ModernGov cover report; what follows is an appendix.
static REPORT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:this report is published\b|exempt from the press and public\b)").expect("regex")
});

fn non_blank<'a>(lines: &'a [Line<'a>]) -> Vec<&'a Line<'a>> {
    lines.iter().filter(|l| !l.is_blank()).collect()
}

/// The last words `BODY_HEADING` accepts: a cheap test before the regex,
/// which runs on every line.
const HEADING_ENDS: &[&str] = &[
    "commission",
    "committee",
    "board",
    "panel",
    "council",
    "cabinet",
    "forum",
    "group",
    "partnership",
    "authority",
    "executive",
    "assembly",
    "meeting",
];

/// The longest name `BODY_HEADING` accepts before its last word.
const HEADING_NAME_CHARS: usize = 100;

fn could_be_body_heading(heading: &str) -> bool {
    let tail = heading.len().saturating_sub(12);
    let tail = heading.get(tail..).unwrap_or(heading).to_ascii_lowercase();
    heading.len() <= 120
        && HEADING_ENDS
            .iter()
            .any(|end| tail.ends_with(end) && heading.chars().count() - end.len() <= HEADING_NAME_CHARS)
}

fn is_meeting_heading(lines: &[&Line], i: usize) -> Option<DocumentKind> {
    let heading = lines[i].trimmed().trim_matches('*').trim();
    if !could_be_body_heading(heading) || !BODY_HEADING.is_match(heading) || find_date(heading).is_some() {
        return None;
    }
    let date_line = lines.get(i + 1)?.trimmed();
    if date_line.len() > 90 || find_date(date_line).is_none() {
        return None;
    }
    let window = &lines[i + 2..lines.len().min(i + 16)];
    let mut kind = None;
    for line in window {
        let t = line.trimmed();
        if AGENDA_MARKER.is_match(t) {
            kind = kind.or(Some(DocumentKind::Agenda));
        }
        if ATTENDANCE_OPENING.is_match(t) {
            kind = kind.or(Some(DocumentKind::Minutes));
        }
    }
    // No attendance record, but numbered items in capitals right after the
    // heading: minutes all the same (their reading notes what is missing).
    let numbered_item = window.iter().take(6).any(|l| MINUTE_ITEM.is_match(l.trimmed()));
    if kind.is_none() && numbered_item {
        kind = Some(DocumentKind::Minutes);
    }
    // The heading's own date line may be "Date and Time :- …" (an agenda).
    if AGENDA_MARKER.is_match(date_line) {
        return Some(DocumentKind::Agenda);
    }
    kind
}

fn is_report_start(lines: &[&Line], i: usize) -> bool {
    let t = lines[i].trimmed();
    if REPORT_COVER.is_match(t) {
        return true;
    }
    // "<Committee> – <date>" followed by "Title:".
    t.len() < 120
        && find_date(t).is_some()
        && lines[i + 1..lines.len().min(i + 3)]
            .iter()
            .any(|l| REPORT_TITLE_LINE.is_match(l.trimmed()))
}

/// Splits `text` into document kinds and spans, in order.
pub fn split_documents(text: &str) -> Vec<(DocumentKind, Span)> {
    let all = lines_in(text, Span::new(0, text.len()));
    let lines = non_blank(&all);
    let mut starts: Vec<(usize, DocumentKind)> = Vec::new();
    let mut in_report = false;
    let mut report_line = 0;
    let mut i = 0;
    while i < lines.len() {
        if let Some(kind) = is_meeting_heading(&lines, i) {
            starts.push((lines[i].span.start, kind));
            in_report = false;
        } else if is_report_start(&lines, i) {
            // A cover sheet's own title lines are not further reports.
            if !(in_report && i - report_line <= 4) {
                starts.push((lines[i].span.start, DocumentKind::Report));
                in_report = true;
            }
            report_line = i;
        } else if in_report && REPORT_END.is_match(lines[i].trimmed()) {
            // The closing section's one-line answer ("No") belongs to it.
            let answer_follows = lines.get(i + 1).is_some_and(|l| l.trimmed().len() <= 12);
            let next = i + 1 + usize::from(answer_follows && !lines[i].trimmed().ends_with('.'));
            if let Some(line) = lines.get(next) {
                if is_meeting_heading(&lines, next).is_none() && !is_report_start(&lines, next) {
                    starts.push((line.span.start, DocumentKind::Appendix));
                }
            }
            in_report = false;
            i = next;
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (n, (start, kind)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(text.len(), |s| s.0);
        let span = Span::new(*start, end);
        let kind = if *kind == DocumentKind::Report && is_work_programme(text, span) {
            DocumentKind::WorkProgramme
        } else {
            *kind
        };
        out.push((kind, span));
    }
    out
}

/// Why [`split_documents`] found nothing in `text`, for the file's error
/// line: a meeting heading without its date line, attendance without a
/// heading above it, or nothing that looks like minutes at all.
pub fn why_no_documents(text: &str) -> String {
    let all = lines_in(text, Span::new(0, text.len()));
    let lines = non_blank(&all);
    let line_no = |l: &Line| text[..l.span.start].matches('\n').count() + 1;
    let Some(at) = lines.iter().position(|l| ATTENDANCE_OPENING.is_match(l.trimmed())) else {
        return "no meeting, agenda or report found (is this council minutes?)".to_string();
    };
    let heading = (at.saturating_sub(16)..at)
        .rev()
        .find(|&i| BODY_HEADING.is_match(lines[i].trimmed().trim_matches('*').trim()));
    match heading {
        Some(h) if lines.get(h + 1).is_none_or(|d| find_date(d.trimmed()).is_none()) => format!(
            "line {}: meeting heading \"{}\" has no date on the line after it (e.g. \"Tuesday 29 October 2024\"), so no meeting was read",
            line_no(lines[h]),
            lines[h].trimmed()
        ),
        _ => format!(
            "line {}: attendance (\"{}\") without a meeting heading (the body's name, then the date) above it, so no meeting was read",
            line_no(lines[at]),
            lines[at].trimmed().chars().take(40).collect::<String>()
        ),
    }
}

fn is_work_programme(text: &str, span: Span) -> bool {
    report_title(text, span).is_some_and(|t| t.text.to_lowercase().contains("work programme"))
}

/// The title of a report: the text after "Title:" or the lines after
/// "Report Title".
fn report_title(text: &str, span: Span) -> Option<Spanned> {
    let all = lines_in(text, span);
    let lines = non_blank(&all);
    for (i, line) in lines.iter().enumerate().take(12) {
        let t = line.trimmed();
        let lower = t.to_ascii_lowercase();
        if let Some(pos) = lower.find("title:").filter(|_| lower.starts_with("title")) {
            let s = line.trimmed_span();
            let title = Span::new(s.start + pos + 6, s.end).trimmed(text, &[]);
            return Some(Spanned::from_source(text, title));
        }
        if lower == "report title" {
            // The title runs until the next blank-separated question line.
            let first = lines.get(i + 1)?;
            let mut end = first.span.end;
            if let Some(second) = lines.get(i + 2) {
                let gap = &text[first.span.end..second.span.start];
                if gap.matches('\n').count() == 1 && !second.trimmed().ends_with('?') {
                    end = second.span.end;
                }
            }
            return Some(Spanned::from_source(text, Span::new(first.trimmed_span().start, end)));
        }
    }
    None
}

/// The printed title of a non-meeting document.
pub fn document_title(text: &str, span: Span, kind: DocumentKind) -> Option<Spanned> {
    match kind {
        DocumentKind::Report | DocumentKind::WorkProgramme => report_title(text, span),
        _ => {
            let all = lines_in(text, span);
            non_blank(&all)
                .first()
                .map(|l| Spanned::from_source(text, l.trimmed_span()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        split_documents(text)
            .into_iter()
            .map(|(k, s)| {
                (
                    k.as_str(),
                    s.slice(text)
                        .lines()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or("")
                        .to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn minutes_heading_is_a_body_line_then_a_date_then_attendance() {
        let text =
            "\nPLANNING BOARD\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n1. MINUTES\n";
        assert_eq!(kinds(text), vec![("minutes", "PLANNING BOARD".to_string())]);
    }

    #[test]
    fn agenda_pack_splits_into_agenda_minutes_report_and_appendix() {
        let text = "HEALTH SELECT COMMISSION\n\nDate and Time :- Tuesday, 9 July 2019 at 5.30 p.m.\n\nMembership:- Councillors A and B\n\nAGENDA\n\n1. Apologies for Absence\n\n\
HEALTH SELECT COMMISSION\n11th June, 2019\n\nPresent:- Councillor A (in the Chair).\n\n1. DECLARATIONS OF INTEREST\n\n\
Committee Name and Date of Committee Meeting\n\nHealth Select Commission – 09 July 2019\n\nReport Title\n\nA Plan\n\nThis report is published on the Council's website.\n\n\
A Plan for Everyone\n\nJune 2019\n";
        let got = kinds(text);
        let names: Vec<_> = got.iter().map(|(k, _)| *k).collect();
        assert_eq!(names, vec!["agenda", "minutes", "report", "appendix"]);
        assert_eq!(got[3].1, "A Plan for Everyone");
    }

    #[test]
    fn a_cover_report_titled_work_programme_is_a_work_programme() {
        let text = "Scrutiny Board – 9 July 2019\n\nTitle: Draft work programme 2019/20\n\nReport Author(s)\n\nExempt from the Press and Public\n\nNo\n\nMeeting Date\tAgenda Item\n";
        let got = kinds(text);
        assert_eq!(got[0].0, "work_programme");
        assert_eq!(got[1], ("appendix", "Meeting Date\tAgenda Item".to_string()));
    }

    #[test]
    fn a_plain_text_without_headings_has_no_documents() {
        assert!(split_documents("Shopping list\n\nEggs, milk.\n").is_empty());
    }
}
