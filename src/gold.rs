//! The gold-annotation JSON schema (`../shared/gold/SCHEMA.md`): what
//! `councilgraph extract --format json` writes, so the reference scorer can
//! compare it with hand-made annotations.
//!
//! Architecture invariant: a pure view of a [`FileModel`]; it adds no facts.

use crate::model::{BodyNode, FileModel, MeetingNode, PersonIx};
use crate::segment::AttendanceStatus;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct GoldFile {
    pub source: String,
    pub meetings: Vec<GoldMeeting>,
    pub people: Vec<GoldPerson>,
    pub organisations: Vec<GoldOrganisation>,
    pub documents: Vec<GoldDocument>,
    pub relations: Vec<GoldRelation>,
    pub acronyms: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct GoldMeeting {
    pub id: String,
    pub body: String,
    pub date: String,
    pub kind: &'static str,
    pub venue: Option<String>,
    pub chair: Option<String>,
    pub vice_chair: Option<String>,
    pub present: Vec<String>,
    pub apologies: Vec<String>,
    pub in_attendance: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub membership: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub co_opted: Vec<String>,
    pub items: Vec<GoldItem>,
    pub declarations: Vec<GoldDeclaration>,
}

#[derive(Debug, Serialize)]
pub struct GoldItem {
    pub number: String,
    pub title: String,
    pub presenters: Vec<String>,
    pub welcomed: Vec<String>,
    pub documents: Vec<String>,
    pub topics: Vec<String>,
    pub resolutions: usize,
}

#[derive(Debug, Serialize)]
pub struct GoldDeclaration {
    pub person: String,
    pub minute: Option<String>,
    pub interest: String,
}

#[derive(Debug, Serialize)]
pub struct GoldPerson {
    pub name: String,
    pub honorific: Option<String>,
    pub councillor: bool,
    pub variants: Vec<String>,
    pub roles: Vec<GoldRole>,
}

#[derive(Debug, Serialize)]
pub struct GoldOrganisation {
    pub name: String,
    pub acronym: Option<String>,
    pub variants: Vec<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct GoldDocument {
    pub title: String,
    pub period: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub variants: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GoldRelation {
    pub subject: String,
    pub predicate: &'static str,
    pub object: String,
    pub basis: &'static str,
    pub evidence: String,
}

#[derive(Debug, Serialize)]
pub struct GoldRole {
    pub title: String,
    pub organisation: Option<String>,
    pub evidence: String,
}

fn names(model: &FileModel, meeting: &MeetingNode, pick: impl Fn(AttendanceStatus) -> bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in &meeting.attendance {
        let name = &model.people[a.person].name;
        if pick(a.status) && !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

fn office_holder(model: &FileModel, meeting: &MeetingNode, office: &str) -> Option<String> {
    let status = if office == "Chair" {
        AttendanceStatus::Chair
    } else {
        AttendanceStatus::ViceChair
    };
    meeting
        .attendance
        .iter()
        .find(|a| a.status == status)
        .or_else(|| {
            // Agendas: the membership list's "(Chair)" becomes a dated role.
            meeting.attendance.iter().find(|a| {
                model.people[a.person]
                    .roles
                    .iter()
                    .any(|r| r.title == office && r.date == meeting.date)
            })
        })
        .map(|a| model.people[a.person].name.clone())
}

fn person_names(model: &FileModel, list: impl Iterator<Item = PersonIx>) -> Vec<String> {
    list.map(|ix| model.people[ix].name.clone()).collect()
}

pub fn to_gold(model: &FileModel) -> GoldFile {
    let source = model
        .source
        .id
        .rsplit('/')
        .next()
        .unwrap_or(&model.source.id)
        .to_string();
    let meetings = model
        .meetings
        .iter()
        .map(|m| GoldMeeting {
            id: m.key.clone(),
            body: m.body_name.clone(),
            date: m.date.to_string(),
            kind: m.kind.as_str(),
            venue: m.venue.clone(),
            chair: office_holder(model, m, "Chair"),
            vice_chair: office_holder(model, m, "Vice-Chair"),
            present: names(model, m, |s| {
                matches!(
                    s,
                    AttendanceStatus::Present | AttendanceStatus::Chair | AttendanceStatus::ViceChair
                )
            }),
            apologies: names(model, m, |s| s == AttendanceStatus::Apologies),
            in_attendance: names(model, m, |s| s == AttendanceStatus::InAttendance),
            membership: names(model, m, |s| s == AttendanceStatus::Member),
            co_opted: names(model, m, |s| s == AttendanceStatus::CoOpted),
            items: m
                .items
                .iter()
                .map(|i| GoldItem {
                    number: i.number.clone(),
                    title: i.title.clone(),
                    presenters: person_names(model, i.presenters.iter().map(|p| p.person)),
                    welcomed: person_names(model, i.welcomed.iter().map(|p| p.person)),
                    documents: i
                        .documents
                        .iter()
                        .map(|&d| model.publications[d].title.clone())
                        .collect(),
                    topics: i.topics.iter().map(|t| t.label.clone()).collect(),
                    resolutions: i.resolutions.len(),
                })
                .collect(),
            declarations: m
                .declarations
                .iter()
                .map(|d| GoldDeclaration {
                    person: model.people[d.person].name.clone(),
                    minute: d.minute.clone(),
                    interest: d.interest.clone(),
                })
                .collect(),
        })
        .collect();
    let people = model
        .people
        .iter()
        .map(|p| GoldPerson {
            name: p.name.clone(),
            honorific: p.honorific.clone(),
            councillor: p.councillor,
            variants: p.variants.iter().cloned().collect(),
            roles: p
                .roles
                .iter()
                .map(|r| GoldRole {
                    title: r.title.clone(),
                    organisation: r.organisation.clone(),
                    evidence: r.evidence.quote.clone(),
                })
                .collect(),
        })
        .collect();
    GoldFile {
        source,
        meetings,
        people,
        organisations: model
            .bodies
            .iter()
            .map(|b| GoldOrganisation {
                name: printed_name(model, b),
                acronym: b.acronym.clone(),
                variants: b.variants.iter().cloned().collect(),
                kind: b.kind.as_str(),
            })
            .collect(),
        documents: model
            .publications
            .iter()
            .map(|d| GoldDocument {
                title: d.title.clone(),
                period: d.period.clone(),
                kind: d.kind,
                variants: d.variants.iter().cloned().collect(),
            })
            .collect(),
        relations: model
            .relations
            .iter()
            .map(|r| GoldRelation {
                subject: model.entity_name(&r.subject),
                predicate: r.predicate,
                object: model.entity_name(&r.object),
                basis: r.basis,
                evidence: r.evidence.quote.clone(),
            })
            .collect(),
        acronyms: glossary(model),
    }
}

/// The body's name as this file printed it: a body whose full name only
/// another file printed ("MASH", spelled out elsewhere in the corpus) is
/// listed under its acronym here, as the file's reader sees it.
fn printed_name(model: &FileModel, body: &BodyNode) -> String {
    let printed = |form: &str| {
        let quoted = |quote: &str| quote.split_whitespace().eq(form.split_whitespace());
        body.mentions.iter().any(|m| quoted(&m.quote))
            || model.acronyms.iter().any(|a| a.evidence.quote.starts_with(form))
    };
    match &body.acronym {
        Some(acronym) if !printed(&body.name) && printed(acronym) => acronym.clone(),
        _ => body.name.clone(),
    }
}

/// One expansion per acronym, as a glossary lists it: a definition printed
/// with the acronym over one matched by initials, then the expansion printed
/// most often; a possessive printed for a plural ("Safeguarding Adults
/// Review's (SAR)") is read as the noun.
fn glossary(model: &FileModel) -> BTreeMap<String, String> {
    let mut best: BTreeMap<String, &crate::model::AcronymFact> = BTreeMap::new();
    for a in &model.acronyms {
        let rank = |f: &crate::model::AcronymFact| (f.basis == "defined", f.uses);
        match best.get(&a.acronym) {
            Some(current) if rank(current) >= rank(a) => {}
            _ => {
                best.insert(a.acronym.clone(), a);
            }
        }
    }
    best.into_iter()
        .map(|(acronym, a)| {
            let expansion = a
                .expansion
                .strip_suffix("'s")
                .or_else(|| a.expansion.strip_suffix("’s"));
            (acronym, expansion.unwrap_or(&a.expansion).to_string())
        })
        .collect()
}
