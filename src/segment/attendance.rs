//! Attendance paragraphs before the first item: present (and chair),
//! apologies, also in attendance, attendance at the Chair's invitation,
//! membership and co-opted members on agendas.

use crate::names::{clean_name, name_at, parse_name_roles, split_honorific, split_list, split_top_level, NameEvidence};
use crate::text::{Span, Spanned};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttendanceStatus {
    /// A member recorded as present (not the chair).
    Present,
    /// Present and in the chair.
    Chair,
    /// Present as vice-chair.
    ViceChair,
    Apologies,
    /// A non-member recorded as attending.
    InAttendance,
    /// On an agenda's membership list (not attendance).
    Member,
    /// On an agenda's co-opted members list.
    CoOpted,
}

impl AttendanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "present",
            AttendanceStatus::Chair => "chair",
            AttendanceStatus::ViceChair => "vice-chair",
            AttendanceStatus::Apologies => "apologies",
            AttendanceStatus::InAttendance => "in-attendance",
            AttendanceStatus::Member => "member",
            AttendanceStatus::CoOpted => "co-opted",
        }
    }

    /// Whether the person was at the meeting.
    pub fn attended(self) -> bool {
        matches!(self, Self::Present | Self::Chair | Self::ViceChair | Self::InAttendance)
    }
}

/// The office a listed member holds on the body ("Cusworth (Chair)").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Office {
    Chair,
    ViceChair,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attendee {
    /// The name as printed, without honorific; `text` is cleaned
    /// ("Cherry- Swaine" → "Cherry-Swaine"), `span` is where it was printed.
    pub name: Spanned,
    pub honorific: Option<&'static str>,
    /// Listed as a councillor ("Councillors A, B and C").
    pub councillor: bool,
    pub status: AttendanceStatus,
    pub office: Option<Office>,
    /// A role printed with the name ("Cabinet Member for …", "(Deputy Leader)").
    pub role: Option<Spanned>,
    /// The paragraph that records this.
    pub evidence: Span,
}

static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
          (?P<present>present|members\ present)\s*:?-?\s*
        | (?P<apologies>apologies(?:\ for\ absence)?)\b[^:]*?(?:\bfrom\b|:-?)\s*
        | (?P<also>also\ (?:in\ attendance|present)|in\ attendance|officers\ (?:present|in\ attendance))\s*:?-?\s*
        | (?P<membership>membership)\s*:?-?\s*
        | (?P<coopted>co-?opted\ members?)\s*[:–—-]*\s*
        )",
    )
    .expect("attendance regex")
});

static APOLOGIES_FROM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^apologies\b.*?\bfrom\s+").expect("regex"));

static AT_INVITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<list>.+?)\s+(?:also\s+)?(?:attended|was in attendance|were in attendance)\b.*\binvitation\b")
        .expect("regex")
});

/// Parses one paragraph of a meeting's preamble into attendees (none when
/// the paragraph is not an attendance record).
pub fn parse_attendance_paragraph(text: &str, para: Span) -> Vec<Attendee> {
    let s = para.slice(text);
    if let Some(m) = AT_INVITATION.captures(s) {
        let list = m.name("list").expect("group").range();
        return people_with_roles(text, Span::new(para.start + list.start, para.start + list.end), para);
    }
    let Some(c) = OPENING.captures(s) else {
        return Vec::new();
    };
    let mut body = Span::new(para.start + c.get(0).expect("match").end(), para.end);
    let status = if c.name("present").is_some() {
        AttendanceStatus::Present
    } else if c.name("apologies").is_some() {
        // "Apologies for absence:- Apologies were received from …".
        if let Some(m) = APOLOGIES_FROM.find(body.slice(text)) {
            body = Span::new(body.start + m.end(), body.end);
        }
        AttendanceStatus::Apologies
    } else if c.name("also").is_some() {
        return people_with_roles(text, body, para);
    } else if c.name("membership").is_some() {
        AttendanceStatus::Member
    } else {
        AttendanceStatus::CoOpted
    };
    name_list(text, body, para, status)
}

/// A paragraph that goes on with the members present ("Councillors D
/// Coupar, S Arif and M Harland" after "PRESENT: Councillor J Lewis in the
/// Chair"): its names are present too.
pub fn parse_present_continuation(text: &str, para: Span) -> Vec<Attendee> {
    name_list(text, para, para, AttendanceStatus::Present)
}

fn people_with_roles(text: &str, list: Span, para: Span) -> Vec<Attendee> {
    parse_name_roles(text, list)
        .into_iter()
        .map(|p| Attendee {
            name: Spanned::new(clean_name(p.name.slice(text)), p.name),
            honorific: p.honorific,
            councillor: p.honorific == Some("Councillor"),
            status: AttendanceStatus::InAttendance,
            office: None,
            role: p.role.map(|r| Spanned::from_source(text, r)),
            evidence: para,
        })
        .collect()
}

/// A councillor's surname alone (with an initial, perhaps) that is also a
/// common word: "Councillor Senior (in the Chair)", "T. Hall", "Short".
static SURNAME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<honorific>(?:Councillors?|Cllrs?)\s+)?(?P<name>(?:\p{Lu}\.\s?)?\p{Lu}[\p{Ll}'’-]+)(?:\s*\(|$)")
        .expect("regex")
});

static PAREN_NOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([^)]*)\)?").expect("regex"));

/// A plain list of names ("Councillor X (in the Chair); Councillors A, B and C").
fn name_list(text: &str, list: Span, para: Span, status: AttendanceStatus) -> Vec<Attendee> {
    let mut out = Vec::new();
    for clause in split_top_level(text, list, b';') {
        let mut councillors = false;
        for chunk in split_list(text, clause) {
            let raw = chunk.slice(text);
            let (honorific, _) = split_honorific(raw);
            councillors |= honorific == Some("Councillor");
            let found = name_at(text, chunk, NameEvidence::Context).or_else(|| {
                // In a councillors' list a lone capitalised word is a surname,
                // even one that is also a common word ("Senior", "Short").
                let bare = SURNAME_ONLY.captures(raw).filter(|_| councillors)?;
                let range = bare.name("name").expect("group").range();
                let name = Span::new(chunk.start + range.start, chunk.start + range.end);
                Some(crate::names::NameAt {
                    honorific: bare.name("honorific").map(|_| "Councillor"),
                    name,
                    rest: Span::new(name.end, chunk.end).trimmed(text, &[]),
                })
            });
            let Some(found) = found else { continue };
            let note = PAREN_NOTE.captures(found.rest.slice(text)).map(|c| {
                let r = c.get(1).expect("group").range();
                Span::new(found.rest.start + r.start, found.rest.start + r.end)
            });
            let mut note_text = note.map(|n| n.slice(text).to_ascii_lowercase()).unwrap_or_default();
            // "Councillor J Lewis in the Chair": the office printed bare.
            if found.rest.slice(text).to_ascii_lowercase().starts_with("in the chair") {
                note_text.push_str(" in the chair");
            }
            let office = if note_text.contains("vice") {
                Some(Office::ViceChair)
            } else if note_text.contains("chair") {
                Some(Office::Chair)
            } else {
                None
            };
            let status = match (status, office) {
                (AttendanceStatus::Present, Some(Office::Chair)) => AttendanceStatus::Chair,
                (AttendanceStatus::Present, Some(Office::ViceChair)) => AttendanceStatus::ViceChair,
                (s, _) => s,
            };
            let role = note.filter(|_| office.is_none()).map(|n| Spanned::from_source(text, n));
            out.push(Attendee {
                name: Spanned::new(clean_name(found.name.slice(text)), found.name),
                honorific: found
                    .honorific
                    .or((councillors && !has_first_name(found.name.slice(text))).then_some("Councillor")),
                // "Councillors A, B and Julie Turner": councillors are listed by
                // surname; a name printed with a first name is someone else
                // unless it carries its own "Councillor".
                councillor: found.honorific == Some("Councillor")
                    || (councillors && found.honorific.is_none() && !has_first_name(found.name.slice(text))),
                status,
                office,
                role,
                evidence: para,
            });
        }
    }
    out
}

/// "Julie Turner" has a first name; "T. Collingham" and "Pitchley" do not.
fn has_first_name(name: &str) -> bool {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    tokens.len() > 1 && tokens[0].trim_end_matches('.').chars().count() > 1
}

/// The office a listing records ("Chair", "Vice-Chair"), if any.
pub fn attendance_office_title(a: &Attendee) -> Option<&'static str> {
    match (a.status, a.office) {
        (AttendanceStatus::Chair, _) | (_, Some(Office::Chair)) => Some("Chair"),
        (AttendanceStatus::ViceChair, _) | (_, Some(Office::ViceChair)) => Some("Vice-Chair"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<(String, &'static str)> {
        parse_attendance_paragraph(text, Span::new(0, text.len()))
            .into_iter()
            .map(|a| (a.name.text, a.status.as_str()))
            .collect()
    }

    fn names<'a>(list: &'a [(String, &'static str)]) -> Vec<&'a str> {
        list.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn present_list_marks_the_chair() {
        let got =
            parse("Present:- Councillor Pitchley (in the Chair); Councillors Blackham, T. Collingham and Senior.");
        assert_eq!(
            got,
            vec![
                ("Pitchley".into(), "chair"),
                ("Blackham".into(), "present"),
                ("T. Collingham".into(), "present"),
                ("Senior".into(), "present")
            ]
        );
    }

    #[test]
    fn councillors_whose_surnames_are_common_words_keep_their_places() {
        let got = parse("Present:- Councillor Senior (in the Chair); Councillors Hall, T. Hall, Street and Young.");
        assert_eq!(
            got,
            vec![
                ("Senior".into(), "chair"),
                ("Hall".into(), "present"),
                ("T. Hall".into(), "present"),
                ("Street".into(), "present"),
                ("Young".into(), "present")
            ]
        );
        let got = parse("Apologies for absence were received from Councillors Senior and Short.");
        assert_eq!(names(&got), vec!["Senior", "Short"]);
    }

    #[test]
    fn apologies_in_their_several_wordings() {
        for text in [
            "Apologies for Absence:- Apologies were received from Councillors Knight, Baggaley and Elliott.",
            "Apologies for absence were received from Councillors Knight, Baggaley and Elliott.",
            "Apologies: Councillors Knight, Baggaley and Elliott",
        ] {
            let got = parse(text);
            assert_eq!(names(&got), vec!["Knight", "Baggaley", "Elliott"], "{text}");
            assert!(got.iter().all(|(_, s)| *s == "apologies"));
        }
    }

    #[test]
    fn attendance_at_the_invitation_of_the_chair() {
        let got = parse("Councillor Watson (Deputy Leader) and Councillor Steele (Chair of the Overview and Scrutiny Management Board) attended the meeting at the invitation of the Chair.");
        assert_eq!(
            got,
            vec![("Watson".into(), "in-attendance"), ("Steele".into(), "in-attendance")]
        );
    }

    #[test]
    fn also_in_attendance_reads_names_with_roles() {
        let text = "Also in attendance: John Edwards, Regional Schools Commissioner; Councillor Watson, Cabinet Member; Sue Wilson, Head of Service, Performance and Planning and Anne Hawke, Performance Assurance Manager.";
        let got = parse_attendance_paragraph(text, Span::new(0, text.len()));
        let names: Vec<_> = got.iter().map(|a| a.name.text.as_str()).collect();
        assert_eq!(names, vec!["John Edwards", "Watson", "Sue Wilson", "Anne Hawke"]);
        assert!(got[1].councillor && !got[0].councillor);
        assert_eq!(
            got[2].role.as_ref().unwrap().text,
            "Head of Service, Performance and Planning"
        );
    }

    const MEMBERSHIP: &str = "Membership:- Councillors Atkin, Cusworth (Chair), Jarvis (Vice-Chair) and Julie Turner";

    #[test]
    fn membership_lists_keep_offices_and_coopted_members() {
        let got = parse_attendance_paragraph(MEMBERSHIP, Span::new(0, MEMBERSHIP.len()));
        let offices: Vec<_> = got
            .iter()
            .map(|a| (a.name.text.as_str(), a.status.as_str(), a.office))
            .collect();
        assert_eq!(
            offices,
            vec![
                ("Atkin", "member", None),
                ("Cusworth", "member", Some(Office::Chair)),
                ("Jarvis", "member", Some(Office::ViceChair)),
                ("Julie Turner", "member", None)
            ]
        );
        let coopted = parse("Co-opted Members – Ms. J. Jones (Voluntary Sector Consortium), Mrs. A. Clough (Older People's Forum) for agenda items relating to older peoples' issues");
        assert_eq!(
            coopted,
            vec![("J. Jones".into(), "co-opted"), ("A. Clough".into(), "co-opted")]
        );
    }

    #[test]
    fn other_paragraphs_are_not_attendance() {
        assert!(parse("The webcast of the Council Meeting can be viewed at:-").is_empty());
    }
}
