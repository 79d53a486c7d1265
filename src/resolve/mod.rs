//! Resolution: references → people with deterministic keys, role holdings
//! dated by meeting, and attendance implied by welcomes and presentations.
//!
//! Architecture invariant: a reference resolves to a unique candidate in
//! scope (same item, then same meeting) or stays unresolved and is reported;
//! it is never guessed. Every merge records why.

pub mod bodies;
pub mod glossary;
pub mod publications;
pub mod relations;

use crate::extract::bodies::BodyMention;
use crate::extract::{Capacity, Extraction, PersonRef, RefKind};
use crate::iri::slug;
use crate::model::*;
use crate::names::is_non_name_word;
use crate::segment::attendance_office_title;
use crate::segment::{AttendanceStatus, Meeting};
use crate::text::{Span, Spanned};
use crate::topics::TopicScheme;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

static COUNCIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(\p{Lu}[\p{L}-]+)\s+(?:Metropolitan\s+Borough\s+|Borough\s+|City\s+|County\s+|District\s+)?Council\b",
    )
    .expect("regex")
});

static TOWN_HALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\p{Lu}\p{Ll}+)\s+(?:Town\s+Hall|Civic\s+Centre|Civic\s+Offices|Council\s+Offices)\b")
        .expect("regex")
});

static IN_PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:in|across|of|for)\s+(\p{Lu}\p{Ll}+)(?:[.,;:)]|\s+\p{Ll})").expect("regex"));

/// The council a file belongs to, as a slug ("rotherham"): the place most
/// often named before "… Council"; failing that, before "Town Hall" or
/// "Civic Centre"; failing that, the place named both on its own ("in
/// Rotherham.") and at the front of the bodies' names ("Rotherham
/// Safeguarding Adults Board"); else "local".
pub fn detect_council(text: &str, body_names: &[&str]) -> String {
    let most_frequent = |counts: HashMap<&str, usize>| {
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(p, _)| slug(p))
    };
    let mut councils: HashMap<&str, usize> = HashMap::new();
    for c in COUNCIL.captures_iter(text) {
        let place = c.get(1).expect("group").as_str();
        if !is_non_name_word(place) && !matches!(place, "Town" | "Parish" | "Youth" | "Children" | "Looked") {
            *councils.entry(place).or_default() += 1;
        }
    }
    let halls: HashMap<&str, usize> = TOWN_HALL.captures_iter(text).fold(HashMap::new(), |mut m, c| {
        *m.entry(c.get(1).expect("group").as_str()).or_default() += 1;
        m
    });
    let mut places: HashMap<&str, usize> = HashMap::new();
    for c in IN_PLACE.captures_iter(text) {
        let place = c.get(1).expect("group").as_str();
        let fronts = body_names
            .iter()
            .filter(|n| n.split_whitespace().next() == Some(place) && n.split_whitespace().count() > 2)
            .count();
        if fronts > 0 && !is_non_name_word(place) {
            *places.entry(place).or_default() += fronts;
        }
    }
    most_frequent(councils)
        .or_else(|| most_frequent(halls))
        .or_else(|| most_frequent(places))
        .unwrap_or_else(|| "local".to_string())
}

/// "T. Collingham" → "t-collingham"; "Amy Brookes" → "brookes".
fn councillor_key_name(name: &str) -> String {
    slug(&councillor_display(name))
}

/// The display name of a councillor: the surname with any printed initial.
fn councillor_display(name: &str) -> String {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    match tokens.as_slice() {
        [] => String::new(),
        [.., last] => {
            let initials: Vec<&str> = tokens[..tokens.len() - 1]
                .iter()
                .filter(|t| t.trim_end_matches('.').len() == 1)
                .copied()
                .collect();
            if initials.is_empty() {
                last.to_string()
            } else {
                format!("{} {}", initials.join(" "), last)
            }
        }
    }
}

/// Splits a printed role into a post title and an organisation:
/// "District Commander for South Yorkshire Police" → ("District Commander", "South Yorkshire Police").
pub fn split_role(role: &str) -> (String, Option<String>) {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<title>.+?)(?:,\s+|\s+(?:for|at|from|of\s+the|with)\s+(?:the\s+)?)(?P<org>\p{Lu}.*)$")
            .expect("regex")
    });
    let role = role.trim().trim_start_matches("the ").trim_start_matches("The ").trim();
    let role = role.trim_end_matches(['.', ',', ';']);
    match SPLIT.captures(role) {
        Some(c) if !c["title"].contains('(') => {
            let org = c["org"].trim().trim_end_matches(')').trim();
            let org = org.split(" (").next().unwrap_or(org).to_string();
            (c["title"].trim().to_string(), Some(org))
        }
        _ => (role.split(" (").next().unwrap_or(role).trim().to_string(), None),
    }
}

fn role_tokens(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|t| t.to_lowercase().replace('\'', "").trim_end_matches('s').to_string())
        .filter(|t| !t.is_empty() && !matches!(t.as_str(), "the" | "for" | "of" | "and" | "at" | "from" | "in" | "on"))
        .collect()
}

impl Builder<'_> {
    /// "Councillor Harland" when the file lists "Councillor M Harland" and
    /// no other Harland: the key of that one councillor printed with an
    /// initial. Two ("T. Collingham", "Z. Collingham") leave it apart.
    fn only_councillor_surnamed(&self, name: &str) -> Option<String> {
        if name.contains(' ') {
            return None;
        }
        let prefix = format!("councillor/{}/", self.council);
        let surname = format!("-{}", slug(name));
        let mut with_initials = self.by_key.keys().filter(|k| {
            k.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(&surname))
                .is_some_and(|initials| initials.split('-').all(|i| i.chars().count() == 1))
        });
        match (with_initials.next(), with_initials.next()) {
            (Some(only), None) => Some(only.clone()),
            _ => None,
        }
    }
}

struct Builder<'a> {
    text: &'a str,
    topics: &'a TopicScheme,
    council: String,
    evidence: EvidenceMaker<'a>,
    people: Vec<PersonNode>,
    by_key: HashMap<String, PersonIx>,
    unresolved: Vec<Unresolved>,
}

/// A person in scope of a meeting, with the roles printed for them there.
#[derive(Clone)]
struct InScope {
    person: PersonIx,
    roles: Vec<String>,
}

impl<'a> Builder<'a> {
    fn person(&mut self, name: &str, honorific: Option<&str>, councillor: bool, printed: &str, why: &str) -> PersonIx {
        let (mut key, display) = if councillor {
            (
                format!("councillor/{}/{}", self.council, councillor_key_name(name)),
                councillor_display(name),
            )
        } else {
            (format!("person/{}", slug(name)), name.to_string())
        };
        let mut why = why.to_string();
        if councillor && !self.by_key.contains_key(&key) {
            if let Some(known) = self.only_councillor_surnamed(name) {
                why = format!("the only councillor surnamed {name} is {known}");
                key = known;
            }
        }
        let why = why.as_str();
        let ix = match self.by_key.get(&key) {
            Some(&ix) => {
                let p = &mut self.people[ix];
                if display.len() > p.name.len() && !councillor {
                    p.name = display;
                }
                if !p.variants.contains(printed) {
                    p.merges.push(format!("'{printed}' has the same key {key} ({why})"));
                }
                ix
            }
            None => {
                self.people.push(PersonNode {
                    key: key.clone(),
                    name: display,
                    honorific: honorific.map(str::to_string),
                    councillor,
                    variants: BTreeSet::new(),
                    roles: Vec::new(),
                    merges: Vec::new(),
                });
                self.by_key.insert(key, self.people.len() - 1);
                self.people.len() - 1
            }
        };
        let p = &mut self.people[ix];
        p.variants.insert(name.to_string());
        p.variants.insert(printed.to_string());
        if p.honorific.is_none() {
            p.honorific = honorific.map(str::to_string);
        }
        ix
    }

    fn add_role(&mut self, person: PersonIx, role: &str, date: crate::date::Date, span: Span) {
        self.add_role_as(person, role, date, span, false);
    }

    fn add_role_as(&mut self, person: PersonIx, role: &str, date: crate::date::Date, span: Span, appointed: bool) {
        let (title, organisation) = split_role(role);
        if title.is_empty() || title.len() > 120 {
            return;
        }
        let evidence = self.evidence.make(span);
        let roles = &mut self.people[person].roles;
        if !roles
            .iter()
            .any(|r| r.title == title && r.organisation == organisation && r.date == date)
        {
            roles.push(RoleFact {
                title,
                organisation,
                date,
                evidence,
                appointed,
            });
        }
    }

    fn report(&mut self, text: &str, reason: String, span: Span) {
        tracing::debug!(
            reference = text,
            reason = reason.as_str(),
            "unresolved person reference"
        );
        let evidence = self.evidence.make(span);
        self.unresolved.push(Unresolved {
            text: text.to_string(),
            reason,
            evidence,
        });
    }

    /// Resolves a reference within an item (`item_scope`) and meeting (`meeting_scope`).
    fn resolve_ref(
        &mut self,
        r: &PersonRef,
        chair: Option<PersonIx>,
        item_scope: &[InScope],
        meeting_scope: &[InScope],
        evidence: Span,
    ) -> Option<PersonIx> {
        let printed = r.text.span.slice(self.text).to_string();
        match &r.kind {
            RefKind::Chair => {
                if chair.is_none() {
                    self.report(&printed, "no chair recorded for the meeting".into(), evidence);
                }
                chair
            }
            RefKind::Name { honorific } => {
                let councillor = *honorific == Some("Councillor");
                let name = r.text.text.clone();
                // "Ms Gough": a surname alone resolves to the unique person in scope with it.
                if !councillor && !name.contains(' ') {
                    let hits = unique_in_scope(&self.people, item_scope, meeting_scope, |p| {
                        !p.councillor && p.name.split_whitespace().last() == Some(name.as_str())
                    });
                    return match hits {
                        Ok(ix) => Some(ix),
                        Err(n) => {
                            self.report(&printed, format!("surname matches {n} people in scope"), evidence);
                            None
                        }
                    };
                }
                let shown = match honorific {
                    Some(h) => format!("{h} {printed}"),
                    None => printed.clone(),
                };
                Some(self.person(&name, *honorific, councillor, &shown, "same normalised name"))
            }
            RefKind::GivenName => {
                let given = r.text.text.clone();
                let hits = unique_in_scope(&self.people, item_scope, meeting_scope, |p| {
                    !p.councillor && p.name.split_whitespace().next() == Some(given.as_str()) && p.name.contains(' ')
                });
                match hits {
                    Ok(ix) => {
                        let key = self.people[ix].key.clone();
                        let p = &mut self.people[ix];
                        if p.variants.insert(given.clone()) {
                            p.merges
                                .push(format!("first name '{given}' matches only {key} in scope"));
                        }
                        Some(ix)
                    }
                    Err(n) => {
                        self.report(&given, format!("first name matches {n} people in scope"), evidence);
                        None
                    }
                }
            }
            RefKind::Role => {
                let wanted = role_tokens(&r.text.text);
                let matches = |scope: &[InScope]| -> BTreeSet<PersonIx> {
                    scope
                        .iter()
                        .filter(|s| s.roles.iter().any(|role| wanted.is_subset(&role_tokens(role))))
                        .map(|s| s.person)
                        .collect()
                };
                let in_item = matches(item_scope);
                let hits = if in_item.len() == 1 {
                    in_item
                } else {
                    matches(meeting_scope)
                };
                if hits.len() == 1 {
                    let ix = *hits.iter().next().expect("one");
                    let key = self.people[ix].key.clone();
                    let p = &mut self.people[ix];
                    if p.variants.insert(format!("the {}", r.text.text)) {
                        p.merges
                            .push(format!("role '{}' is held only by {key} at this meeting", r.text.text));
                    }
                    Some(ix)
                } else {
                    self.report(
                        &printed,
                        format!("role matches {} people at this meeting", hits.len()),
                        evidence,
                    );
                    None
                }
            }
        }
    }
}

fn unique_in_scope(
    people: &[PersonNode],
    item_scope: &[InScope],
    meeting_scope: &[InScope],
    pred: impl Fn(&PersonNode) -> bool,
) -> Result<PersonIx, usize> {
    for scope in [item_scope, meeting_scope] {
        let hits: BTreeSet<PersonIx> = scope.iter().map(|s| s.person).filter(|ix| pred(&people[*ix])).collect();
        if hits.len() == 1 {
            return Ok(*hits.iter().next().expect("one"));
        }
        if hits.len() > 1 {
            return Err(hits.len());
        }
    }
    Err(0)
}

fn add_scope(scope: &mut Vec<InScope>, person: PersonIx, role: Option<&str>) {
    match scope.iter_mut().find(|s| s.person == person) {
        Some(s) => s.roles.extend(role.map(str::to_string)),
        None => scope.push(InScope {
            person,
            roles: role.map(str::to_string).into_iter().collect(),
        }),
    }
}

/// Builds the resolved model of one file, tagging items with the built-in topics.
pub fn resolve(source: SourceInfo, text: &str, extraction: &Extraction) -> FileModel {
    resolve_with_topics(source, text, extraction, TopicScheme::builtin())
}

/// Builds the resolved model of one file, tagging items with `topics`.
pub fn resolve_with_topics(source: SourceInfo, text: &str, extraction: &Extraction, topics: &TopicScheme) -> FileModel {
    let mut b = Builder {
        text,
        topics,
        council: detect_council(
            text,
            &extraction
                .bodies
                .iter()
                .map(|m| m.name.text.as_str())
                .collect::<Vec<_>>(),
        ),
        evidence: EvidenceMaker::new(text),
        people: Vec::new(),
        by_key: HashMap::new(),
        unresolved: Vec::new(),
    };
    let documents = extraction
        .segmented
        .documents
        .iter()
        .map(|d| DocumentNode {
            kind: d.kind,
            title: d.title.as_ref().map(|t| t.text.clone()),
            evidence: b.evidence.make(Span::new(
                d.span.start,
                d.span.start + text[d.span.start..d.span.end].find('\n').unwrap_or(d.span.len()),
            )),
        })
        .collect();
    let meetings = extraction
        .segmented
        .meetings()
        .zip(&extraction.item_people)
        .map(|(meeting, item_people)| resolve_meeting(&mut b, meeting, item_people))
        .collect();
    for mention in &extraction.mentions {
        let councillor = mention.honorific == Some("Councillor");
        let name = &mention.name.text;
        // A full name whose surname is a councillor's, printed with
        // "Councillor", is that councillor; otherwise people are keyed by full name.
        let printed = match mention.honorific {
            Some(h) => format!("{h} {}", mention.name.span.slice(text)),
            None => mention.name.span.slice(text).to_string(),
        };
        let known_surname_only = !councillor
            && b.people
                .iter()
                .any(|p| p.councillor && name.split_whitespace().last() == Some(p.name.as_str()))
            && !b.people.iter().any(|p| !p.councillor && p.name == *name);
        if known_surname_only {
            continue;
        }
        let ix = b.person(name, mention.honorific, councillor, &printed, "named in the text");
        // A post printed with the name holds at the date of the meeting whose papers print it.
        let date = extraction
            .segmented
            .meetings()
            .filter(|m| m.body.span.start <= mention.name.span.start)
            .last()
            .or_else(|| extraction.segmented.meetings().next())
            .map(|m| m.date);
        if let (Some(role), Some(date)) = (&mention.role, date) {
            let post = mention
                .chair_of
                .as_ref()
                .and_then(|kind| chair_of_the_group(role, kind, &extraction.bodies));
            b.add_role_as(
                ix,
                post.as_deref().unwrap_or(&role.text),
                date,
                role.span,
                mention.appointed,
            );
        }
        // A police rank printed before the name is the person's post.
        if let (
            Some(rank @ ("Superintendent" | "Chief Superintendent" | "Inspector" | "Chief Inspector")),
            Some(date),
        ) = (mention.honorific, date)
        {
            b.add_role(ix, rank, date, mention.name.span);
        }
    }
    let mut acronyms: Vec<AcronymFact> = Vec::new();
    let defined = extraction.acronyms.iter().map(|d| (d, "defined"));
    for ((document, def), basis) in defined.chain(extraction.matched_acronyms.iter().map(|d| (d, "matched"))) {
        let acronym = def.acronym.text.clone();
        let expansion = glossary::glossary_expansion(&acronym, &def.expansion.text, basis == "defined");
        let duplicate = acronyms
            .iter()
            .any(|a| a.document == *document && a.acronym == acronym && slug(&a.expansion) == slug(&expansion));
        if duplicate {
            continue;
        }
        let evidence = match basis {
            "defined" => Span::new(def.expansion.span.start, def.acronym.span.end + 1),
            _ => def.expansion.span,
        };
        acronyms.push(AcronymFact {
            acronym,
            expansion,
            document: *document,
            basis,
            uses: text.matches(def.expansion.text.as_str()).count(),
            evidence: b.evidence.make(evidence),
        });
    }
    // The file's own glossary first, then acronyms it uses as other files define them.
    let acronym_pairs: Vec<(&str, &str)> = acronyms
        .iter()
        .map(|a| (a.acronym.as_str(), a.expansion.as_str()))
        .chain(
            extraction
                .known_acronyms
                .iter()
                .map(|(a, name)| (a.as_str(), name.as_str())),
        )
        .collect();
    let bodies = bodies::resolve_bodies(&extraction.bodies, &acronym_pairs, &b.council, &b.evidence);
    let publications = publications::resolve_publications(&extraction.publications, &b.council, &b.evidence);
    let mut meetings: Vec<MeetingNode> = meetings;
    for (node, meeting) in meetings.iter_mut().zip(extraction.segmented.meetings()) {
        for (item_node, item) in node.items.iter_mut().zip(&meeting.items) {
            item_node.documents = publications
                .iter()
                .enumerate()
                .filter(|(_, p)| p.spans.iter().any(|s| item.span.contains(*s)))
                .map(|(i, _)| i)
                .collect();
            item_node.bodies = bodies
                .iter()
                .enumerate()
                .filter(|(_, b)| b.spans.iter().any(|s| item.span.contains(*s)))
                .map(|(i, _)| i)
                .collect();
            for (node, resolution) in item_node.resolutions.iter_mut().zip(&item.resolutions) {
                node.requests = relations::requested_body(text, resolution.text.span, &bodies);
            }
        }
    }
    let mut model = FileModel {
        source,
        documents,
        meetings,
        people: b.people,
        bodies,
        publications,
        relations: Vec::new(),
        frequencies: Vec::new(),
        acronyms,
        unresolved: b.unresolved,
        notes: extraction
            .segmented
            .meetings()
            .flat_map(|m| &m.notes)
            .map(|n| format!("line {}: {}", text[..n.at].matches('\n').count() + 1, n.message))
            .collect(),
    };
    let mut found = relations::resolve_stated(
        &model,
        &extraction.segmented.documents,
        &extraction.relations,
        &b.council,
        &b.evidence,
    );
    for (node, meeting) in model.meetings.iter().zip(extraction.segmented.meetings()) {
        found.extend(relations::meeting_relations(
            &model,
            node,
            meeting,
            &b.council,
            &b.evidence,
        ));
    }
    found.extend(relations::role_relations(&model, &b.council));
    model.frequencies = extraction
        .frequencies
        .iter()
        .filter_map(|f| {
            let body = model.bodies.iter().position(|b| b.spans.contains(&f.body))?;
            let evidence = b.evidence.make(f.evidence);
            Some(FrequencyFact {
                body,
                frequency: f.frequency.clone(),
                evidence,
            })
        })
        .collect();
    model.relations = relations::dedupe(found);
    model
}

fn resolve_meeting(b: &mut Builder, meeting: &Meeting, item_people: &[crate::extract::ItemPeople]) -> MeetingNode {
    let body_name = title_case(&meeting.body.text);
    let body_key = bodies::body_key(&bodies::name_core(&body_name, &b.council), &b.council, false);
    let date = meeting.date;
    let mut attendance = Vec::new();
    let mut scope: Vec<InScope> = Vec::new();
    let mut chair = None;
    for a in &meeting.attendance {
        let printed = match a.honorific {
            Some(h) => format!("{h} {}", a.name.text),
            None => a.name.text.clone(),
        };
        let ix = b.person(
            &a.name.text,
            a.honorific,
            a.councillor,
            &printed,
            "listed in attendance",
        );
        if a.status == AttendanceStatus::Chair {
            chair = Some(ix);
        }
        if let Some(office) = attendance_office_title(a) {
            b.add_role(ix, &format!("{office} of the {body_name}"), date, a.evidence);
            if office == "Chair" && chair.is_none() {
                chair = Some(ix);
            }
        }
        match (&a.role, a.status) {
            // "Co-opted Members – Ms. J. Jones (Voluntary Sector Consortium)": the organisation represented.
            (Some(org), AttendanceStatus::CoOpted) => {
                b.add_role(ix, &format!("Co-opted Member, {}", org.text), date, a.evidence)
            }
            (None, AttendanceStatus::CoOpted) => b.add_role(ix, "Co-opted Member", date, a.evidence),
            (Some(role), _) => b.add_role(ix, &role.text, date, role.span),
            (None, _) => {}
        }
        add_scope(&mut scope, ix, a.role.as_ref().map(|r| r.text.as_str()));
        attendance.push(AttendanceFact {
            person: ix,
            status: a.status,
            basis: "listed",
            evidence: b.evidence.make(a.evidence),
        });
    }
    let mut items = Vec::new();
    let mut declarations = Vec::new();
    for (item, found) in meeting.items.iter().zip(item_people) {
        let mut item_scope: Vec<InScope> = Vec::new();
        let mut presenters: Vec<Participation> = Vec::new();
        let mut welcomed: Vec<Participation> = Vec::new();
        for fact in &found.facts {
            let Some(ix) = b.resolve_ref(&fact.person, chair, &item_scope, &scope, fact.evidence) else {
                continue;
            };
            if let Some(role) = &fact.person.role {
                b.add_role(ix, &role.text, date, role.span);
            }
            let role = fact.person.role.as_ref().map(|r| r.text.as_str());
            add_scope(&mut item_scope, ix, role);
            add_scope(&mut scope, ix, role);
            let list = match fact.capacity {
                Capacity::Welcomed => &mut welcomed,
                Capacity::Presenter | Capacity::Mentioned => &mut presenters,
            };
            if !list.iter().any(|p| p.person == ix) {
                list.push(Participation {
                    person: ix,
                    evidence: b.evidence.make(fact.evidence),
                });
            }
        }
        for d in &found.declarations {
            if let Some(ix) = b.resolve_ref(&d.person, chair, &item_scope, &scope, d.evidence) {
                declarations.push(DeclarationFact {
                    person: ix,
                    minute: d.minute.clone().or_else(|| Some(item.number.clone())),
                    interest: d.interest.clone(),
                    action: d.action.clone(),
                    evidence: b.evidence.make(d.evidence),
                });
            }
        }
        let resolutions = item
            .resolutions
            .iter()
            .map(|r| ResolutionNode {
                number: r.number.clone(),
                text: r.text.text.clone(),
                evidence: b.evidence.make(r.text.span),
                requests: None,
                requests_person: crate::extract::people::requested_person(b.text, r.text.span)
                    .and_then(|who| b.resolve_ref(&who, chair, &item_scope, &scope, r.text.span)),
            })
            .collect();
        // Being welcomed for an item, or presenting it, is attending.
        for (list, basis) in [(&welcomed, "welcomed"), (&presenters, "presented")] {
            for p in list {
                if !attendance
                    .iter()
                    .any(|a: &AttendanceFact| a.person == p.person && a.status != AttendanceStatus::Apologies)
                {
                    attendance.push(AttendanceFact {
                        person: p.person,
                        status: AttendanceStatus::InAttendance,
                        basis,
                        evidence: p.evidence.clone(),
                    });
                }
            }
        }
        items.push(ItemNode {
            number: item.number.clone(),
            title: item.title.text.clone(),
            evidence: b.evidence.make(item.title.span),
            resolutions,
            presenters,
            welcomed,
            cross_refs: item.cross_refs.iter().map(|c| c.minute.clone()).collect(),
            documents: Vec::new(),
            bodies: Vec::new(),
            topics: b
                .topics
                .tag(b.text, item.title.span, item.body)
                .into_iter()
                .map(|hit| TopicTag {
                    concept_iri: b.topics.concepts[hit.concept].iri.clone(),
                    label: b.topics.concepts[hit.concept].label.clone(),
                    weight: hit.weight,
                    evidence: b.evidence.make(hit.first),
                })
                .collect(),
        });
    }
    MeetingNode {
        key: format!("meeting/{}/{}", slug(&body_name), date),
        body_key,
        body_name,
        date,
        kind: meeting.kind,
        time: meeting.time.clone(),
        venue: meeting.venue.as_ref().map(|v| v.text.clone()),
        next_meeting: meeting.next_meeting,
        evidence: b
            .evidence
            .make(Span::new(meeting.body.span.start, meeting.date_span.end)),
        attendance,
        items,
        declarations,
    }
}

/// "IMPROVING LIVES SELECT COMMISSION" → "Improving Lives Select Commission".
pub fn title_case(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    const SMALL: &[&str] = &["and", "of", "the", "for", "in", "on", "to", "at"];
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                lower
            } else {
                let mut c = lower.chars();
                c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A chair appointed without a body named is the chair of the latest body
/// of the kind the paragraph named (`Mention::chair_of`) within 2,000 bytes.
fn chair_of_the_group(role: &Spanned, (noun, at): &(String, usize), bodies: &[BodyMention]) -> Option<String> {
    let body = bodies
        .iter()
        .filter(|m| m.name.span.end <= *at && at - m.name.span.end < 2000)
        .rfind(|m| m.name.text.to_lowercase().contains(noun.as_str()))?;
    Some(format!("{} of the {}", role.text, body.name.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn model(text: &str) -> FileModel {
        resolve(
            SourceInfo {
                id: "t.txt".into(),
                hash: "h".into(),
                ..SourceInfo::default()
            },
            text,
            &extract(text),
        )
    }

    const MINUTES: &str = "PLANNING BOARD\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair); Councillors Brown and T. Green.\n\n\
Apologies for absence were received from Councillor White.\n\n5. NEGLECT STRATEGY UPDATE\n\n\
The Chair welcomed to the meeting Laura Gough, Head of Service for Children's Services and Councillor Cusworth, the Cabinet Member for Children.\n\n\
The Chair invited Laura and the Cabinet Member to introduce the report.\n\n6. WORK PROGRAMME\n\nLaura Kosciwicz, District Commander for South Yorkshire Police, gave an update.\n\n\
The Chair invited Laura to lead the presentation.\n";

    #[test]
    fn first_names_and_roles_resolve_within_their_item() {
        let m = model(MINUTES);
        let name = |ix: PersonIx| m.people[ix].name.clone();
        let item = &m.meetings[0].items[0];
        let presenters: Vec<_> = item.presenters.iter().map(|p| name(p.person)).collect();
        assert_eq!(presenters, vec!["Laura Gough", "Cusworth"]);
        // In item 6 "Laura" is Laura Kosciwicz: the item's own scope comes first.
        let presenters: Vec<_> = m.meetings[0].items[1]
            .presenters
            .iter()
            .map(|p| name(p.person))
            .collect();
        assert_eq!(presenters, vec!["Laura Kosciwicz"]);
    }

    #[test]
    fn a_councillors_surname_alone_is_the_one_councillor_listed_with_it() {
        let text = "EXECUTIVE BOARD\nWednesday 14 February 2024\n\nPresent:- Councillor J Lewis (in the Chair); Councillors M Harland, T. Green and Z. Green.\n\n\
101 DECLARATIONS OF INTEREST\n\nCouncillor Harland declared a personal interest in minute 105. Councillor Green left the meeting.\n";
        let m = model(text);
        let harland: Vec<_> = m.people.iter().filter(|p| p.name.ends_with("Harland")).collect();
        assert_eq!(harland.len(), 1, "{:?}", m.people);
        assert_eq!(harland[0].key, "councillor/local/m-harland");
        assert!(harland[0]
            .merges
            .iter()
            .any(|w| w.contains("only councillor surnamed Harland")));
        // Two Greens: "Councillor Green" is neither.
        assert!(m.people.iter().filter(|p| p.name.ends_with("Green")).count() >= 2);
    }

    #[test]
    fn welcomed_people_attend_and_keep_dated_roles() {
        let m = model(MINUTES);
        let statuses: Vec<_> = m.meetings[0]
            .attendance
            .iter()
            .map(|a| (m.people[a.person].name.as_str(), a.status.as_str()))
            .collect();
        assert!(statuses.contains(&("Ali", "chair")));
        assert!(statuses.contains(&("T. Green", "present")));
        assert!(statuses.contains(&("Laura Gough", "in-attendance")));
        let gough = m.people.iter().find(|p| p.name == "Laura Gough").unwrap();
        assert_eq!(gough.key, "person/laura-gough");
        assert_eq!(
            (gough.roles[0].title.as_str(), gough.roles[0].organisation.as_deref()),
            ("Head of Service", Some("Children's Services"))
        );
        assert_eq!(gough.roles[0].date.to_string(), "2024-10-29");
        let green = m.people.iter().find(|p| p.name == "T. Green").unwrap();
        assert_eq!(green.key, "councillor/local/t-green");
    }

    #[test]
    fn a_report_submitted_to_a_body_makes_its_owner_report_there() {
        let text = "HEALTH SELECT COMMISSION\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n\
5. SAFEGUARDING ADULTS\n\nThe Rotherham Safeguarding Adults Board Annual Report 2023-24 was presented. \
The report would be submitted to the Health and Wellbeing Board in March.\n";
        let facts = facts(&model(text));
        assert!(
            facts.contains(&(
                "Rotherham Safeguarding Adults Board".into(),
                "reportsTo",
                "Health and Wellbeing Board".into()
            )),
            "{facts:?}"
        );
        assert!(
            !facts.iter().any(|(s, p, _)| *p == "reportsTo" && s.contains("Report")),
            "{facts:?}"
        );
    }

    fn facts(m: &FileModel) -> Vec<(String, &'static str, String)> {
        m.relations
            .iter()
            .map(|r| (m.entity_name(&r.subject), r.predicate, m.entity_name(&r.object)))
            .collect()
    }

    #[test]
    fn an_anaphor_named_only_later_is_the_one_body_of_its_kind() {
        let minutes = |police: &str| {
            format!(
                "HEALTH SELECT COMMISSION\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n\
5. EXPLOITATION\n\nThe Child Exploitation Tactical Group had a weekly meeting which was chaired by the Police. \
{police} launched a campaign.\n"
            )
        };
        let chaired = |m: &FileModel| {
            let by_police = |f: &(String, &str, String)| f.1 == "chairedBy" && f.2.ends_with("Police");
            facts(m).into_iter().filter(by_police).collect::<Vec<_>>()
        };
        assert_eq!(
            chaired(&model(&minutes("South Yorkshire Police"))),
            [(
                "Child Exploitation Tactical Group".to_string(),
                "chairedBy",
                "South Yorkshire Police".to_string()
            )]
        );
        // Two forces named: which one is meant is not said.
        assert!(chaired(&model(&minutes("South Yorkshire Police and Humberside Police each"))).is_empty());
    }

    #[test]
    fn a_part_of_a_document_is_no_part_of_a_body() {
        let text = "HEALTH SELECT COMMISSION\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n\
5. PEER REVIEW\n\nThe Fostering Service was part of a regional Peer Review. \
The Fostering Service was part of the Community Safety Partnership.\n";
        let parts: Vec<_> = facts(&model(text)).into_iter().filter(|f| f.1 == "partOf").collect();
        assert_eq!(
            parts,
            [(
                "Fostering Service".to_string(),
                "partOf",
                "Community Safety Partnership".to_string()
            )]
        );
    }

    #[test]
    fn a_kind_of_body_means_each_named_body_of_the_kind() {
        let text = "HEALTH SELECT COMMISSION\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n\
5. SAFEGUARDING\n\nThe Neglect Delivery Group and the Child Exploitation Delivery Group met. \
Findings were communicated from the Delivery Group to the Executive Group. \
Each Delivery Group will report to the Executive Group.\n";
        let mut reporting: Vec<String> = facts(&model(text))
            .into_iter()
            .filter(|f| f.1 == "reportsTo")
            .map(|f| f.0)
            .collect();
        reporting.sort();
        assert_eq!(
            reporting,
            ["Child Exploitation Delivery Group", "Neglect Delivery Group"]
        );
    }

    #[test]
    fn a_new_chair_appointed_chairs_the_group_the_paragraph_names() {
        let text = "HEALTH SELECT COMMISSION\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n\
5. EXPLOITATION\n\n- The Child Exploitation Delivery Group reported to the Safeguarding Partnership Board.\n\
- In 2023 the group was refreshed. Superintendent Andy Wright was appointed as a new Chair.\n";
        let facts = facts(&model(text));
        let group = "Child Exploitation Delivery Group".to_string();
        let wright = "Andy Wright".to_string();
        assert!(
            facts.contains(&(group.clone(), "chairedBy", wright.clone())),
            "{facts:?}"
        );
        assert!(facts.contains(&(wright, "appointedTo", group)), "{facts:?}");
    }

    #[test]
    fn a_stated_meeting_frequency_belongs_to_its_body() {
        let text = "HEALTH SELECT COMMISSION\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n\
5. EXPLOITATION\n\nThe Child Exploitation Tactical Group (CETG) had a weekly meeting. The CETG reported to the Board.\n";
        let m = model(text);
        let stated: Vec<(&str, &str, &str)> = m
            .frequencies
            .iter()
            .map(|f| {
                (
                    m.bodies[f.body].name.as_str(),
                    f.frequency.as_str(),
                    f.evidence.quote.as_str(),
                )
            })
            .collect();
        assert_eq!(
            stated,
            [(
                "Child Exploitation Tactical Group",
                "weekly",
                "The Child Exploitation Tactical Group (CETG) had a weekly meeting."
            )]
        );
    }

    #[test]
    fn a_resolution_asking_the_chair_or_a_post_requests_that_person() {
        let text = "HEALTH SELECT COMMISSION\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\n\
5. NEGLECT\n\nThe Chair welcomed Laura Gough, Head of Service for Early Help.\n\n\
Resolved:-\n\n(1) That the Chair write to the Minister.\n\n(2) That the Head of Service provide an update.\n\n\
(3) That the report be noted.\n";
        let m = model(text);
        let asked: Vec<Option<&str>> = m.meetings[0].items[0]
            .resolutions
            .iter()
            .map(|r| r.requests_person.map(|p| m.people[p].name.as_str()))
            .collect();
        assert_eq!(asked, [Some("Ali"), Some("Laura Gough"), None]);
    }

    #[test]
    fn ambiguous_first_names_stay_unresolved() {
        let text = "PLANNING BOARD\nTuesday 29 October 2024\n\nPresent:- Councillor Ali (in the Chair).\n\nAlso in attendance: Laura Gough, Head of Service; Laura Kosciwicz, District Commander.\n\n\
5. AN UPDATE\n\nThe Chair invited Laura to introduce the report.\n";
        let m = model(text);
        assert!(m.meetings[0].items[0].presenters.is_empty());
        assert_eq!(m.unresolved.len(), 1);
        assert!(m.unresolved[0].reason.contains("2 people"));
    }

    #[test]
    fn councils_are_detected_from_the_text() {
        assert_eq!(
            detect_council(
                "Rotherham Metropolitan Borough Council and Rotherham Council met the Town Council.",
                &[]
            ),
            "rotherham"
        );
        assert_eq!(detect_council("No council named.", &[]), "local");
        assert_eq!(detect_council("Venue: Sheffield Town Hall", &[]), "sheffield");
        assert_eq!(
            detect_council(
                "Children in Barnsley. The Barnsley Safeguarding Children Partnership met.",
                &["Barnsley Safeguarding Children Partnership"]
            ),
            "barnsley"
        );
    }

    #[test]
    fn roles_split_into_title_and_organisation() {
        assert_eq!(
            split_role("the Independent Chair for the Rotherham Safeguarding Adults Board"),
            (
                "Independent Chair".into(),
                Some("Rotherham Safeguarding Adults Board".into())
            )
        );
        assert_eq!(
            split_role("Regional Schools Commissioner (East Midlands)"),
            ("Regional Schools Commissioner".into(), None)
        );
        assert_eq!(
            split_role("Business Manager, Rotherham LSCB"),
            ("Business Manager".into(), Some("Rotherham LSCB".into()))
        );
    }
}
