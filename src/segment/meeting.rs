//! A meeting document's heading (body, date, time, venue), its attendance
//! preamble and its items.

use super::attendance::{parse_attendance_paragraph, parse_present_continuation, AttendanceStatus, Attendee};
use super::items::{paragraphs, parse_items_noting};
use super::{DocumentKind, Meeting, MeetingKind, Note};
use crate::date::find_date;
use crate::text::{lines_in, Span, Spanned};
use regex::Regex;
use std::sync::LazyLock;

static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?))").expect("regex"));

static VENUE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^venue\s*:?-?\s*").expect("regex"));

static NEXT_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:next|further)\s+meeting\b[^.]*?\b(?:take\s+place|be\s+held|will\s+be\s+held|is\s+on|on)\b")
        .expect("regex")
});

/// Parses a minutes or agenda document; `None` when its heading has no date.
pub fn parse_meeting(text: &str, span: Span, kind: DocumentKind) -> Option<Meeting> {
    let kind = if kind == DocumentKind::Agenda {
        MeetingKind::Agenda
    } else {
        MeetingKind::Minutes
    };
    let lines: Vec<_> = lines_in(text, span).into_iter().filter(|l| !l.is_blank()).collect();
    let heading = lines.first()?;
    let body_span = heading.trimmed_span().trimmed(text, &['*']);
    let date_line = lines.get(1)?;
    let (date, range) = find_date(date_line.text)?;
    let date_span = Span::new(date_line.span.start + range.start, date_line.span.start + range.end);
    let time = TIME.captures(date_line.text).map(|c| c[1].to_string());

    let mut notes = Vec::new();
    let items = parse_items_noting(text, Span::new(date_line.span.end, span.end), kind, &mut notes);
    let preamble_end = items.first().map_or(span.end, |i| i.span.start);
    let preamble = Span::new(date_line.span.end, preamble_end);

    let mut venue = None;
    let mut attendance = Vec::new();
    for para in paragraphs(text, preamble) {
        if let Some(m) = VENUE.find(para.slice(text)) {
            let v = Span::new(para.start + m.end(), para.end).trimmed(text, &['.']);
            venue = Some(Spanned::from_source(text, v));
            continue;
        }
        let found = parse_attendance_paragraph(text, para);
        // "PRESENT: Councillor J Lewis in the Chair" then, a paragraph of
        // its own, "Councillors D Coupar, S Arif and M Harland".
        let continued = found.is_empty()
            && para.slice(text).starts_with("Councillors ")
            && attendance.last().is_some_and(|a: &Attendee| {
                matches!(
                    a.status,
                    AttendanceStatus::Present | AttendanceStatus::Chair | AttendanceStatus::ViceChair
                )
            });
        if continued {
            attendance.extend(parse_present_continuation(text, para));
        } else {
            attendance.extend(found);
        }
    }
    if kind == MeetingKind::Minutes && attendance.is_empty() {
        notes.push(Note {
            at: heading.span.start,
            message: "minutes with no attendance record (no \"Present\" or \"Apologies\" paragraph)".to_string(),
        });
    }
    let next_meeting = items
        .iter()
        .filter(|i| i.title.text.to_lowercase().contains("next meeting"))
        .chain(items.last())
        .find_map(|i| {
            let body = i.body.slice(text);
            let m = NEXT_MEETING.find(body)?;
            find_date(&body[m.start()..]).map(|(d, _)| d)
        });
    Some(Meeting {
        kind,
        body: Spanned::from_source(text, body_span),
        date,
        date_span,
        time,
        venue,
        attendance,
        items,
        next_meeting,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTES: &str = "PLANNING BOARD\nTuesday, 13th March, 2018\n\nPresent:- Councillor Ali (in the Chair); Councillors Brown and Green.\n\n\
Apologies for absence were received from Councillor White.\n\n1. DECLARATIONS OF INTEREST\n\nThere were none.\n\n\
2. DATE AND TIME OF THE NEXT MEETING\n\nResolved:- That the next meeting take place on 10 April 2018 at 10am.\n";

    #[test]
    fn heading_attendance_items_and_next_meeting() {
        let m = parse_meeting(MINUTES, Span::new(0, MINUTES.len()), DocumentKind::Minutes).unwrap();
        assert_eq!(m.body.text, "PLANNING BOARD");
        assert_eq!(m.date.to_string(), "2018-03-13");
        assert_eq!(m.attendance.len(), 4);
        assert_eq!(m.items.len(), 2);
        assert_eq!(m.next_meeting.unwrap().to_string(), "2018-04-10");
    }

    #[test]
    fn minutes_with_bare_initials_a_bare_chair_and_title_case_items() {
        let text = "EXECUTIVE BOARD\n\nWEDNESDAY, 14TH FEBRUARY, 2024\n\nPRESENT: Councillor J Lewis in the Chair\n\n\
Councillors D Coupar, S Arif and M Harland\n\nAPOLOGIES: Councillor A Carter\n\n101 Declarations of Interest\n\n\
There were none.\n\n102 Leeds Inclusive Growth Strategy 2023-2030\n\nThe Director presented it.\n";
        let m = parse_meeting(text, Span::new(0, text.len()), DocumentKind::Minutes).unwrap();
        let who: Vec<(&str, &str)> = m
            .attendance
            .iter()
            .map(|a| (a.name.text.as_str(), a.status.as_str()))
            .collect();
        assert_eq!(
            who,
            [
                ("J Lewis", "chair"),
                ("D Coupar", "present"),
                ("S Arif", "present"),
                ("M Harland", "present"),
                ("A Carter", "apologies")
            ]
        );
        let titles: Vec<&str> = m.items.iter().map(|i| i.title.text.as_str()).collect();
        assert_eq!(
            titles,
            ["Declarations of Interest", "Leeds Inclusive Growth Strategy 2023-2030"]
        );
    }

    #[test]
    fn agenda_heading_with_time_and_venue() {
        let text = "PLANNING BOARD\n\nDate and Time :- Tuesday, 9 July 2019 at 5.30 p.m.\n\nVenue:- Town Hall, Moorgate Street, Rotherham.\n\n\
Membership:- Councillors Ali (Chair) and Brown\n\nAGENDA\n\n1. Apologies for Absence\n";
        let m = parse_meeting(text, Span::new(0, text.len()), DocumentKind::Agenda).unwrap();
        assert_eq!(m.kind, MeetingKind::Agenda);
        assert_eq!(m.time.as_deref(), Some("5.30 p.m."));
        assert_eq!(m.venue.unwrap().text, "Town Hall, Moorgate Street, Rotherham");
        assert_eq!(m.attendance.len(), 2);
        assert_eq!(m.items[0].title.text, "Apologies for Absence");
    }
}
