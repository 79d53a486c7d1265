//! Relations: stated relation mentions resolved to bodies and documents,
//! plus the relations the meeting record itself gives: who chaired the
//! meeting's body, who is a member of it, roles that name a chair or a
//! Cabinet Member, and bodies whose updates or reports are items of the
//! meeting (an inferred reporting line).
//!
//! Architecture invariant: an end that does not resolve to exactly one
//! entity drops the relation; every relation keeps its evidence.

use crate::extract::relations::{End, Predicate, RelationMention};
use crate::model::*;
use crate::resolve::bodies::name_core;
use crate::segment::{AttendanceStatus, Meeting};
use crate::text::Span;
use std::collections::HashMap;

/// Where each body and document is mentioned, by byte span.
pub struct MentionIndex<'m> {
    by_span: HashMap<Span, EntityRef>,
    ordered: Vec<(Span, EntityRef)>,
    model: &'m FileModel,
    /// Minutes' spans and the body whose meeting they record: "the
    /// Committee" in minutes is that body.
    recorded_bodies: Vec<(Span, usize)>,
}

impl<'m> MentionIndex<'m> {
    pub fn new(model: &'m FileModel) -> Self {
        let mut ordered: Vec<(Span, EntityRef)> = Vec::new();
        for (i, b) in model.bodies.iter().enumerate() {
            ordered.extend(b.spans.iter().map(|s| (*s, EntityRef::Body(i))));
        }
        for (i, d) in model.publications.iter().enumerate() {
            ordered.extend(d.title_spans.iter().map(|s| (*s, EntityRef::Document(i))));
        }
        ordered.sort_by_key(|(s, _)| *s);
        MentionIndex {
            by_span: ordered.iter().cloned().collect(),
            ordered,
            model,
            recorded_bodies: Vec::new(),
        }
    }

    /// Reads "the Committee" and "the Commission" in each minutes document
    /// of `documents` as the body whose meeting it records.
    pub fn with_recorded_bodies(mut self, documents: &[crate::segment::Document]) -> Self {
        let model = self.model;
        let meetings = documents.iter().filter_map(|d| Some((d.span, d.meeting.as_ref()?)));
        self.recorded_bodies = meetings
            .zip(&model.meetings)
            .filter_map(|((span, _), node)| Some((span, model.bodies.iter().position(|b| b.key == node.body_key)?)))
            .collect();
        self
    }

    /// The latest entity named before `at` (within 5,000 bytes) whose name
    /// contains `noun`, or any entity for an empty noun (a document, when
    /// `document_first` and one is near).
    fn antecedent(&self, noun: &str, at: usize, document_first: bool, no_document: bool) -> Option<EntityRef> {
        let near = || {
            self.ordered
                .iter()
                .rev()
                .filter(move |(s, _)| s.end <= at && at - s.end < 5000)
                .filter(move |(_, e)| !(no_document && matches!(e, EntityRef::Document(_))))
        };
        if noun.is_empty() && document_first {
            if let Some((_, e)) = near().find(|(_, e)| matches!(e, EntityRef::Document(_))) {
                return Some(e.clone());
            }
        }
        near()
            .find(|(_, e)| noun.is_empty() || self.model.entity_name(e).to_lowercase().contains(noun))
            .map(|(_, e)| e.clone())
    }

    /// The one body of `document` whose name contains `noun`, named later
    /// ("chaired by the Police" before "South Yorkshire Police" is named):
    /// `None` when there are none or several.
    fn only_body_named(&self, noun: &str, document: Span) -> Option<EntityRef> {
        if noun.is_empty() {
            return None;
        }
        let mut bodies = self
            .model
            .bodies
            .iter()
            .enumerate()
            .filter(|(_, b)| b.spans.iter().any(|s| document.contains(*s)) && b.name.to_lowercase().contains(noun));
        match (bodies.next(), bodies.next()) {
            (Some((i, _)), None) => Some(EntityRef::Body(i)),
            _ => None,
        }
    }

    /// The entities `end` stands for; `predicate` is the relation's for a
    /// subject, empty for an object (which is never a document).
    fn resolve(&self, end: &End, council: &str, document: Span, predicate: &str) -> Vec<EntityRef> {
        let document_first = matches!(predicate, "ownedBy" | "governedBy" | "approvedBy");
        let no_document = predicate.is_empty();
        match end {
            End::Mention(s) => self.by_span.get(s).cloned().into_iter().collect(),
            End::Anaphor { noun, at } if matches!(noun.as_str(), "committee" | "commission") => self
                .recorded_bodies
                .iter()
                .find(|(span, _)| span.contains(Span::new(*at, *at)))
                .map(|(_, body)| EntityRef::Body(*body))
                .or_else(|| self.antecedent(noun, *at, document_first, no_document))
                .into_iter()
                .collect(),
            End::Anaphor { noun, at } => self
                .antecedent(noun, *at, document_first, no_document)
                .or_else(|| self.only_body_named(noun, document))
                .into_iter()
                .collect(),
            End::Post(post) => vec![EntityRef::Post(post.clone())],
            End::Kind { noun } => self
                .model
                .bodies
                .iter()
                .enumerate()
                // "the Delivery Group" alone is the kind's name, not one of its bodies.
                .filter(|(_, b)| {
                    let core = name_core(&b.name, council);
                    core.ends_with(noun.as_str()) && core != *noun
                })
                .filter(|(_, b)| b.spans.iter().any(|s| document.contains(*s)))
                .map(|(i, _)| EntityRef::Body(i))
                .collect(),
        }
    }
}

/// Stated relations: each end resolved; kinds fan out to every body of the kind.
pub fn resolve_stated(
    model: &FileModel,
    documents: &[crate::segment::Document],
    mentions: &[(Span, RelationMention)],
    council: &str,
    evidence: &EvidenceMaker,
) -> Vec<RelationFact> {
    let index = MentionIndex::new(model).with_recorded_bodies(documents);
    let mut out = Vec::new();
    for (document, r) in mentions {
        let subjects = index.resolve(&r.subject, council, *document, r.predicate.as_str());
        let objects = index.resolve(&r.object, council, *document, "");
        if objects.len() != 1 {
            continue;
        }
        // Only bodies have parts and members ("part of a regional Peer Review").
        let whole_is_a_document = matches!(objects[0], EntityRef::Document(_));
        if whole_is_a_document && matches!(r.predicate, Predicate::PartOf | Predicate::MemberOf) {
            continue;
        }
        for s in subjects {
            // A report submitted somewhere: its owner reports there.
            let s = match s {
                EntityRef::Document(d) if r.predicate == Predicate::ReportsTo => {
                    match owner_of(d, mentions, &index, council) {
                        Some(owner) => owner,
                        None => continue,
                    }
                }
                s => s,
            };
            // A document that is part of a body ("the partnership's Neglect
            // Strategy") is owned by it.
            let predicate = match (&s, r.predicate) {
                (EntityRef::Document(_), Predicate::PartOf) => "ownedBy",
                _ => r.predicate.as_str(),
            };
            if s != objects[0] {
                out.push(RelationFact {
                    subject: s,
                    predicate,
                    object: objects[0].clone(),
                    basis: "stated",
                    evidence: evidence.make(r.evidence),
                });
            }
        }
    }
    out
}

/// The body a document is stated to be owned by, when there is one.
fn owner_of(
    document: usize,
    mentions: &[(Span, RelationMention)],
    index: &MentionIndex,
    council: &str,
) -> Option<EntityRef> {
    mentions
        .iter()
        .filter(|(_, r)| r.predicate == Predicate::OwnedBy)
        .find(|(span, r)| {
            index
                .resolve(&r.subject, council, *span, "ownedBy")
                .contains(&EntityRef::Document(document))
        })
        .and_then(|(span, r)| {
            let owners = index.resolve(&r.object, council, *span, "");
            (owners.len() == 1).then(|| owners[0].clone())
        })
        .filter(|owner| matches!(owner, EntityRef::Body(_)))
}

fn body_by_core(model: &FileModel, name: &str, council: &str) -> Option<usize> {
    let core = name_core(name, council);
    model.bodies.iter().position(|b| name_core(&b.name, council) == core)
}

/// Relations the meeting record gives: the chair and members of the
/// meeting's body, and bodies whose updates or reports are its items.
pub fn meeting_relations(
    model: &FileModel,
    node: &MeetingNode,
    meeting: &Meeting,
    council: &str,
    evidence: &EvidenceMaker,
) -> Vec<RelationFact> {
    let mut out = Vec::new();
    let Some(body) = body_by_core(model, &node.body_name, council) else {
        return out;
    };
    for a in &node.attendance {
        let predicate = match a.status {
            AttendanceStatus::Chair => "chairedBy",
            AttendanceStatus::Member | AttendanceStatus::CoOpted => "memberOf",
            _ => continue,
        };
        let (subject, object) = match predicate {
            "chairedBy" => (EntityRef::Body(body), EntityRef::Person(a.person)),
            _ => (EntityRef::Person(a.person), EntityRef::Body(body)),
        };
        out.push(RelationFact {
            subject,
            predicate,
            object,
            basis: "stated",
            evidence: a.evidence.clone(),
        });
    }
    // "Resolved: That the Work Programme for 2024/2025 be approved."
    for item in &meeting.items {
        for resolution in &item.resolutions {
            let said = resolution.text.text.to_lowercase();
            if !["be approved", "be endorsed", "be agreed", "be adopted"]
                .iter()
                .any(|v| said.contains(v))
            {
                continue;
            }
            for (i, d) in model.publications.iter().enumerate() {
                if d.title_spans.iter().any(|s| resolution.text.span.contains(*s)) {
                    out.push(RelationFact {
                        subject: EntityRef::Document(i),
                        predicate: "approvedBy",
                        object: EntityRef::Body(body),
                        basis: "stated",
                        evidence: evidence.make(resolution.text.span),
                    });
                }
            }
        }
    }
    // "CORPORATE PARENTING PANEL - UPDATE", "… ADULTS BOARD ANNUAL REPORT": the body reports here.
    for item in &meeting.items {
        let title = item.title.text.to_lowercase();
        if !(title.contains("update") || title.contains("report")) {
            continue;
        }
        for (i, b) in model.bodies.iter().enumerate() {
            let named = b.spans.iter().find(|s| item.title.span.contains(**s));
            if let (Some(_), true) = (named, i != body) {
                out.push(RelationFact {
                    subject: EntityRef::Body(i),
                    predicate: "reportsTo",
                    object: EntityRef::Body(body),
                    basis: "inferred",
                    evidence: evidence.make(item.title.span),
                });
            }
        }
    }
    out
}

/// Relations a person's roles state: "Chair of the X" → X chairedBy the
/// person; "Cabinet Member for …" → the person is a member of Cabinet.
pub fn role_relations(model: &FileModel, council: &str) -> Vec<RelationFact> {
    let mut out = Vec::new();
    for (p, person) in model.people.iter().enumerate() {
        for r in &person.roles {
            let title = r.title.to_lowercase();
            let chair = title == "chair" || title.ends_with(" chair") || title == "chairman";
            if let (true, Some(org)) = (chair, &r.organisation) {
                let object = body_by_core(model, org, council);
                out.push(RelationFact {
                    subject: object.map_or_else(|| EntityRef::Post(org.clone()), EntityRef::Body),
                    predicate: "chairedBy",
                    object: EntityRef::Person(p),
                    basis: "stated",
                    evidence: r.evidence.clone(),
                });
            }
            if r.appointed {
                let post = match &r.organisation {
                    Some(org) => format!("{} for {org}", r.title),
                    None => r.title.clone(),
                };
                // A chair is appointed to the body they chair.
                let chaired = r
                    .organisation
                    .as_deref()
                    .filter(|_| chair)
                    .and_then(|org| body_by_core(model, org, council));
                out.push(RelationFact {
                    subject: EntityRef::Person(p),
                    predicate: "appointedTo",
                    object: chaired.map_or(EntityRef::Post(post), EntityRef::Body),
                    basis: "stated",
                    evidence: r.evidence.clone(),
                });
            }
            if title.starts_with("cabinet member") {
                let cabinet = body_by_core(model, "Cabinet", council);
                out.push(RelationFact {
                    subject: EntityRef::Person(p),
                    predicate: "memberOf",
                    object: cabinet.map_or_else(|| EntityRef::Post("Cabinet".into()), EntityRef::Body),
                    basis: "stated",
                    evidence: r.evidence.clone(),
                });
            }
        }
    }
    out
}

/// The body a resolution asks to act, named as its subject: "That the
/// Commissioning Team notify …" (not "That the Cabinet's response …").
pub fn requested_body(text: &str, resolution: Span, bodies: &[BodyNode]) -> Option<usize> {
    let said = resolution.slice(text);
    let lead = said.len() - said.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let rest = &said[lead..];
    let subject_at = ["That the ", "that the ", "That ", "that "].iter().find_map(|p| {
        rest.strip_prefix(p)
            .map(|r| resolution.start + lead + (rest.len() - r.len()))
    })?;
    bodies.iter().position(|b| {
        b.spans
            .iter()
            .any(|s| s.start == subject_at && !text[s.end..].starts_with("'s") && !text[s.end..].starts_with("’s"))
    })
}

/// Drops repeated (subject, predicate, object) triples, keeping the first.
pub fn dedupe(relations: Vec<RelationFact>) -> Vec<RelationFact> {
    let mut seen = std::collections::HashSet::new();
    relations
        .into_iter()
        .filter(|r| seen.insert((r.subject.clone(), r.predicate, r.object.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn body(text: &str, name: &str) -> BodyNode {
        let spans: Vec<Span> = text
            .match_indices(name)
            .map(|(i, _)| Span::new(i, i + name.len()))
            .collect();
        BodyNode {
            key: String::new(),
            name: name.to_string(),
            kind: crate::extract::bodies::BodyKind::Team,
            acronym: None,
            variants: BTreeSet::new(),
            mentions: Vec::new(),
            spans,
        }
    }

    #[test]
    fn a_resolution_requests_the_body_it_names_as_subject() {
        let text = "(2) That the Commissioning Team notify Elected Members. That the Cabinet's response be noted.";
        let bodies = [body(text, "Commissioning Team"), body(text, "Cabinet")];
        let first = Span::new(0, 54);
        assert_eq!(requested_body(text, first, &bodies), Some(0));
        let second = Span::new(55, text.len());
        assert_eq!(requested_body(text, second, &bodies), None);
    }
}
