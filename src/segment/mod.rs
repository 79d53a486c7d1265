//! Segmentation: a source text → its documents (minutes, agendas, reports,
//! appendices, work programmes), meetings with attendance, and numbered items
//! with resolutions. Every element keeps its span in the source.
//!
//! Architecture invariant: segmentation only reads the text it is given and
//! produces plain data; it never resolves identities or builds RDF.

mod attendance;
mod documents;
mod items;
mod meeting;

pub use attendance::{attendance_office_title, parse_attendance_paragraph, AttendanceStatus, Attendee, Office};
pub use documents::why_no_documents;
pub use items::{parse_items, parse_items_noting, CrossRef, Item, Resolution};

use crate::date::Date;
use crate::text::{Span, Spanned};
use serde::Serialize;

/// What kind of document a part of a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Minutes,
    Agenda,
    Report,
    Appendix,
    WorkProgramme,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Minutes => "minutes",
            DocumentKind::Agenda => "agenda",
            DocumentKind::Report => "report",
            DocumentKind::Appendix => "appendix",
            DocumentKind::WorkProgramme => "work_programme",
        }
    }
}

/// One document within a file.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub span: Span,
    /// A title when the document prints one (reports, appendices).
    pub title: Option<Spanned>,
    /// The meeting a minutes or agenda document records or announces.
    pub meeting: Option<Meeting>,
}

/// Whether a meeting document records a held meeting or announces one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    Minutes,
    Agenda,
}

impl MeetingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Minutes => "minutes",
            MeetingKind::Agenda => "agenda",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub kind: MeetingKind,
    /// The committee's name as printed in the heading.
    pub body: Spanned,
    pub date: Date,
    pub date_span: Span,
    /// Start time as printed ("5.30 p.m."), when given.
    pub time: Option<String>,
    pub venue: Option<Spanned>,
    pub attendance: Vec<Attendee>,
    pub items: Vec<Item>,
    /// The date of the next meeting, when the minutes state it.
    pub next_meeting: Option<Date>,
    /// What was odd about the record, for a warning line.
    pub notes: Vec<Note>,
}

/// Something odd about a document that did not stop its reading: a warning
/// at byte offset `at` ("minute 33 does not follow minute 33").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub at: usize,
    pub message: String,
}

/// The segmented structure of one source text.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Segmented {
    pub documents: Vec<Document>,
}

impl Segmented {
    pub fn meetings(&self) -> impl Iterator<Item = &Meeting> {
        self.documents.iter().filter_map(|d| d.meeting.as_ref())
    }
}

/// Segments a whole source text.
pub fn segment(text: &str) -> Segmented {
    let documents = documents::split_documents(text)
        .into_iter()
        .map(|(kind, span)| match kind {
            DocumentKind::Minutes | DocumentKind::Agenda => {
                let meeting = meeting::parse_meeting(text, span, kind);
                Document {
                    kind,
                    span,
                    title: None,
                    meeting,
                }
            }
            _ => Document {
                kind,
                span,
                title: documents::document_title(text, span, kind),
                meeting: None,
            },
        })
        .collect();
    Segmented { documents }
}
