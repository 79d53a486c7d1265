//! The typed, resolved graph of one source file: what the RDF stage writes
//! and what `extract --format json` prints.
//!
//! Architecture invariant: plain data; every fact carries its [`Evidence`]
//! (character offsets and the exact quote), so later stages never need the
//! source text.

use crate::date::Date;
use crate::extract::bodies::{BodyKind, KnownBody};
use crate::segment::{AttendanceStatus, DocumentKind, MeetingKind};
use crate::text::{CharIndex, Span};
use serde::Serialize;
use std::collections::BTreeSet;

/// Where a fact was read: character offsets (Unicode scalars) into the
/// source and the exact quoted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

/// Builds [`Evidence`] from byte spans of one text.
pub struct EvidenceMaker<'a> {
    text: &'a str,
    index: CharIndex,
}

impl<'a> EvidenceMaker<'a> {
    pub fn new(text: &'a str) -> Self {
        EvidenceMaker {
            text,
            index: CharIndex::new(text),
        }
    }

    /// The text spans index into.
    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn make(&self, span: Span) -> Evidence {
        Evidence {
            start: self.index.char_offset(self.text, span.start),
            end: self.index.char_offset(self.text, span.end),
            quote: span.slice(self.text).to_string(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceInfo {
    pub id: String,
    /// What decides whether the file's graph must be rewritten: the hash of
    /// its text and of the names it learned from other files.
    pub hash: String,
    /// Character offsets where each page of the source starts (PDF only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<usize>,
    /// The hash of the file's text alone.
    #[serde(skip)]
    pub text_hash: String,
    /// Every body name the file prints by itself (before learning names
    /// from other files): what it teaches the rest of the corpus. Kept in
    /// the store, so a rebuild need not read unchanged files again.
    #[serde(skip)]
    pub names_taught: Vec<KnownBody>,
    /// The file's size and modification time when read (see
    /// `source::file_stat`).
    #[serde(skip)]
    pub stat: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileModel {
    pub source: SourceInfo,
    pub documents: Vec<DocumentNode>,
    pub meetings: Vec<MeetingNode>,
    pub people: Vec<PersonNode>,
    pub bodies: Vec<BodyNode>,
    /// Documents named in the text (strategies, plans, reports, acts …).
    pub publications: Vec<PublicationNode>,
    pub relations: Vec<RelationFact>,
    /// How often bodies meet, as stated.
    pub frequencies: Vec<FrequencyFact>,
    pub acronyms: Vec<AcronymFact>,
    pub unresolved: Vec<Unresolved>,
    /// What was odd about the text but did not stop its reading, as
    /// "line N: …" (a repeated minute number, minutes without attendance).
    pub notes: Vec<String>,
}

/// A body (council, commission, board, partnership, group, service …)
/// with every printed form of its name and every mention.
#[derive(Debug, Clone, Serialize)]
pub struct BodyNode {
    /// Deterministic key ("body/rotherham/corporate-parenting-panel", "body/ofsted").
    pub key: String,
    pub name: String,
    pub kind: BodyKind,
    pub acronym: Option<String>,
    pub variants: BTreeSet<String>,
    pub mentions: Vec<Evidence>,
    /// The mentions' byte spans, to resolve relations stated about them.
    #[serde(skip)]
    pub spans: Vec<Span>,
}

/// A document named in the text: a strategy, plan, report, review, act …
#[derive(Debug, Clone, Serialize)]
pub struct PublicationNode {
    /// Deterministic key ("document/rotherham/neglect-strategy/2024-2026").
    pub key: String,
    /// The title without its period.
    pub title: String,
    /// "2024-2026", "2021", or none.
    pub period: Option<String>,
    /// "strategy", "plan", "report", "legislation", "terms of reference" …
    pub kind: &'static str,
    pub variants: BTreeSet<String>,
    pub mentions: Vec<Evidence>,
    /// The mentions' byte spans (title and period), to find the items that discuss it.
    #[serde(skip)]
    pub spans: Vec<Span>,
    /// The titles' byte spans, to resolve relations stated about it.
    #[serde(skip)]
    pub title_spans: Vec<Span>,
}

/// One end of a relation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "lowercase")]
pub enum EntityRef {
    /// Index into [`FileModel::bodies`].
    Body(usize),
    /// Index into [`FileModel::publications`].
    Document(usize),
    /// Index into [`FileModel::people`].
    Person(usize),
    /// A post or body printed but not resolved to one ("Independent Chair").
    Post(String),
}

/// A relation between bodies, documents, people and posts: reportsTo,
/// partOf, chairedBy, governedBy, ownedBy, renamedTo, providedBy, memberOf,
/// appointedTo, approvedBy.
#[derive(Debug, Clone, Serialize)]
pub struct RelationFact {
    pub subject: EntityRef,
    pub predicate: &'static str,
    pub object: EntityRef,
    /// "stated" (the evidence says it) or "inferred" (from an item title).
    pub basis: &'static str,
    pub evidence: Evidence,
}

/// How often a body meets, as printed ("quarterly", "once every 2 months").
#[derive(Debug, Clone, Serialize)]
pub struct FrequencyFact {
    /// Index into [`FileModel::bodies`].
    pub body: usize,
    pub frequency: String,
    pub evidence: Evidence,
}

impl FileModel {
    /// The display name of a relation's end.
    pub fn entity_name(&self, e: &EntityRef) -> String {
        match e {
            EntityRef::Body(i) => self.bodies[*i].name.clone(),
            EntityRef::Document(i) => self.publications[*i].title.clone(),
            EntityRef::Person(i) => self.people[*i].name.clone(),
            EntityRef::Post(s) => s.clone(),
        }
    }
}

/// An acronym as one document defines it.
#[derive(Debug, Clone, Serialize)]
pub struct AcronymFact {
    pub acronym: String,
    pub expansion: String,
    /// Index into [`FileModel::documents`].
    pub document: usize,
    /// "defined" (printed together: "Multi Agency Safeguarding Hub
    /// (MASH)") or "matched" (used undefined; the expansion is a phrase
    /// elsewhere in the file whose initials spell it).
    pub basis: &'static str,
    /// How often the expansion is printed in the file.
    pub uses: usize,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentNode {
    pub kind: DocumentKind,
    pub title: Option<String>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingNode {
    /// Deterministic key: body slug + date.
    pub key: String,
    pub body_key: String,
    pub body_name: String,
    pub date: Date,
    pub kind: MeetingKind,
    pub time: Option<String>,
    pub venue: Option<String>,
    pub next_meeting: Option<Date>,
    pub evidence: Evidence,
    pub attendance: Vec<AttendanceFact>,
    pub items: Vec<ItemNode>,
    pub declarations: Vec<DeclarationFact>,
}

/// Index into [`FileModel::people`].
pub type PersonIx = usize;

#[derive(Debug, Clone, Serialize)]
pub struct AttendanceFact {
    pub person: PersonIx,
    pub status: AttendanceStatus,
    /// How the record was derived: "listed", "welcomed", "presented".
    pub basis: &'static str,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemNode {
    pub number: String,
    pub title: String,
    pub evidence: Evidence,
    pub resolutions: Vec<ResolutionNode>,
    pub presenters: Vec<Participation>,
    pub welcomed: Vec<Participation>,
    /// Documents the item names (indices into [`FileModel::publications`]).
    pub documents: Vec<usize>,
    /// Bodies the item names (indices into [`FileModel::bodies`]).
    pub bodies: Vec<usize>,
    pub cross_refs: Vec<String>,
    /// Topics from the concept scheme, heaviest first.
    pub topics: Vec<TopicTag>,
}

/// An item's topic: a concept of the scheme with its weight (0..1, the
/// title counts most) and where it was first found (the title if there).
#[derive(Debug, Clone, Serialize)]
pub struct TopicTag {
    pub concept_iri: String,
    pub label: String,
    pub weight: f64,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResolutionNode {
    pub number: Option<String>,
    pub text: String,
    pub evidence: Evidence,
    /// The body asked to act ("That the Commissioning Team notify …"),
    /// an index into [`FileModel::bodies`].
    pub requests: Option<usize>,
    /// The person asked to act ("That the Chair write to …").
    pub requests_person: Option<PersonIx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Participation {
    pub person: PersonIx,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeclarationFact {
    pub person: PersonIx,
    pub minute: Option<String>,
    pub interest: String,
    pub action: Option<String>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonNode {
    /// Deterministic key ("councillor/rotherham/pitchley", "person/laura-gough").
    pub key: String,
    /// Display name: the surname as attendance lists print it for
    /// councillors, else the fullest personal name printed.
    pub name: String,
    pub honorific: Option<String>,
    pub councillor: bool,
    pub variants: BTreeSet<String>,
    pub roles: Vec<RoleFact>,
    /// Why references were merged into this person.
    pub merges: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleFact {
    pub title: String,
    pub organisation: Option<String>,
    pub date: Date,
    pub evidence: Evidence,
    /// The text says the person was appointed to it.
    pub appointed: bool,
}

/// A reference that matched no person, or several.
#[derive(Debug, Clone, Serialize)]
pub struct Unresolved {
    pub text: String,
    pub reason: String,
    pub evidence: Evidence,
}
