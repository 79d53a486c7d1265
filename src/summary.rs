//! Build-time summaries: what `queries/people.rq`,
//! `queries/attendance-summary.rq`, `queries/meetings.rq`,
//! `queries/chairs-of-ilsc-meetings.rq`,
//! `queries/councillors-present-all-meetings-2023-2024.rq` and
//! `queries/count-meetings-attended-pitchley.rq` would otherwise
//! aggregate or join over the whole corpus at every run, kept in the
//! summary graph (`<https://councilgraph.org/graph/summary>`): per person,
//! their posts, organisations and meetings attended, and per body they sat
//! on, the minuted meetings they were present at or sent apologies to and
//! the municipal years they were on it; per body, the minuted meetings it
//! held in each municipal year; per meeting, its date and bodies when
//! minuted, who was present and who chaired, and its number of agenda
//! items (witnessed by each item's `cg:meeting`).
//!
//! A summary counts *witnesses*: union-graph triples that put a value in a
//! person's or a body's summary (a holding's `cg:postTitle` → a post; its
//! `cg:organisationName` → an organisation; an attendance record's
//! `cg:status` → a meeting attended, present at, sent apologies to, a year
//! on a body; a meeting's `cg:kind "minutes"` → a meeting its body held).
//! Each value keeps how many witnesses the union graph holds for it, so a
//! change to one file adjusts only the summaries its added and removed
//! union triples name, by the difference, never by re-reading a person's
//! whole record.
//!
//! Architecture invariant: pure (quads in, quads out); `store` writes the
//! result in the same transaction as the file graph it follows, and a fresh
//! build hands it to the bulk loader with the file graphs. A witness's other
//! triples (the holding's `org:member` and type; the record's person,
//! meeting and type; the meeting's type, body and date) are written by
//! `rdf` in the same file graph as the witness triple, so a file's own
//! quads say whose summary it changes. A meeting's body and kind are
//! not: two files can name the same meeting (`meeting/<body>/<date>` for
//! bodies of the same name in two councils) with different bodies, and the
//! union graph joins every record of the meeting to every body. So the
//! witnesses that read a meeting's body or kind ([`Scope::Meetings`]) are
//! taken, for each meeting a change touches, from the union graph before
//! and after it; the others ([`Scope::Holdings`]) from the union graph's
//! added and removed triples, read with the file's own quads.

use crate::rdf::ns;
use indexmap::IndexSet;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The graph holding the summaries (a fixed IRI, whatever `--base` a store
/// was built with). Not part of the union graph: it is derived from it.
pub const SUMMARY_GRAPH: &str = "https://councilgraph.org/graph/summary";

/// What the summary graph holds; a store whose graph records another
/// version (or none) has its summaries computed again from the union graph.
pub const SUMMARY_VERSION: &str = "people, attendance and meetings 2";

pub fn summary_graph() -> NamedNode {
    NamedNode::new_unchecked(SUMMARY_GRAPH)
}

fn cg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{local}", ns::CG))
}

/// The statuses that count as attending (`queries/people.rq`).
const ATTENDED: [&str; 4] = ["present", "chair", "vice-chair", "in-attendance"];
/// The statuses that count as present (`queries/attendance-summary.rq`).
const PRESENT: [&str; 3] = ["present", "chair", "vice-chair"];
/// The statuses that place a person on a body for the municipal year.
const ON_BODY: [&str; 5] = ["present", "chair", "vice-chair", "apologies", "member"];

/// What a witness puts in a person's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// A post held (`cg:postTitle` of an `org:Membership`).
    Post,
    /// The organisation of a post held (`cg:organisationName`).
    Organisation,
    /// A meeting attended (the `cg:meeting` of an attendance record).
    Meeting,
    /// A holding with a post (witnessed by its `cg:postTitle`).
    Holding,
    /// A holding with an organisation (witnessed by its `cg:organisationName`).
    OrganisedHolding,
    /// "BODY\tMEETING": a minuted meeting of the body the person was present at.
    PresentAt,
    /// "BODY\tMEETING": a minuted meeting of the body the person sent apologies to.
    ApologiesAt,
    /// "BODY\tYEAR": a municipal year (May to April) the record places the person on the body.
    OnBody,
    /// Of a body: "YEAR\tMEETING", a minuted meeting it held that municipal year.
    Held,
    /// Of a minuted meeting: "DATE\tBODY", its date and a body it is a meeting of.
    Minuted,
    /// Of a minuted meeting: a person present at it (present, chair or vice-chair).
    PresentPerson,
    /// Of a minuted meeting: a person who chaired it.
    ChairPerson,
    /// Of a meeting: an agenda item at it (witnessed by the item's `cg:meeting`).
    Item,
}

/// One union-graph triple counting towards a person's or a body's summary.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Witness {
    /// The IRI of the person or body whose summary it counts in.
    pub key: String,
    pub kind: Kind,
    /// The post title, organisation name or meeting IRI.
    pub value: String,
    /// The holding or attendance record whose triple it is.
    pub by: String,
}

/// Whether `quad` is a triple that can witness a summary value (the union
/// graph's additions and removals of these are all a summary needs).
pub fn is_witness_triple(quad: &Quad) -> bool {
    let p = quad.predicate.as_str();
    WITNESS_PREDICATES.contains(&p)
}

/// `cg:postTitle`, `cg:organisationName`, `cg:status`, `cg:kind`.
const PREDICATES: (&str, &str, &str, &str) = (
    "https://councilgraph.org/ontology#postTitle",
    "https://councilgraph.org/ontology#organisationName",
    "https://councilgraph.org/ontology#status",
    "https://councilgraph.org/ontology#kind",
);

/// The municipal year (May to April, named by the year it starts) of an
/// ISO date, as `attendance-summary.rq` computes it.
fn municipal_year(date: &str) -> Option<i64> {
    let year: i64 = date.get(..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    Some(if month >= 5 { year } else { year - 1 })
}

/// Which witnesses to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Those that read only the subject's own triples (posts, organisations,
    /// holdings, meetings attended): the file holding the witness triple
    /// holds them all.
    Holdings,
    /// Those that read the meeting's body or kind, which other files may
    /// add to (present at, apologies, years on a body, meetings held).
    Meetings,
    Both,
}

/// The classes a witness's subject must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Class {
    Membership,
    Attendance,
    Meeting,
    AgendaItem,
}

/// What witnesses are read with: the classes, holdings' members, records'
/// persons and meetings, meetings' bodies, municipal years and kind, from a
/// file's quads or the union graph's; names interned, so the whole union
/// graph's share fits in little memory. Optionally the witness triples
/// themselves, for computing summaries from scratch.
#[derive(Default)]
pub struct Context {
    /// Every name read, once: its index is its id.
    names: IndexSet<Box<str>>,
    typed: HashSet<(u32, Class)>,
    member_of: HashMap<u32, u32>,
    person_of: HashMap<u32, u32>,
    meeting_of: HashMap<u32, u32>,
    bodies_of: HashMap<u32, Vec<u32>>,
    year_of: HashMap<u32, i64>,
    /// The `xsd:date` of a subject (meetings'), interned.
    date_of: HashMap<u32, u32>,
    minuted: HashSet<u32>,
    /// Witness triples kept by [`Context::add_keeping`]: subject, predicate
    /// (index in [`WITNESS_PREDICATES`]), value.
    triples: Vec<(u32, usize, u32)>,
    /// Whether links (member, person, meeting) are kept only for subjects
    /// already typed: for the union graph, read types first, so items'
    /// and declarations' links are not kept.
    typed_first: bool,
}

/// `cg:postTitle`, `cg:organisationName`, `cg:status`, `cg:kind` (literal
/// objects), and `cg:meeting` (an agenda item's meeting: an IRI).
const WITNESS_PREDICATES: [&str; 5] = [
    PREDICATES.0,
    PREDICATES.1,
    PREDICATES.2,
    PREDICATES.3,
    "https://councilgraph.org/ontology#meeting",
];

/// The index of `cg:meeting` in [`WITNESS_PREDICATES`].
const MEETING_LINK: usize = 4;

impl Context {
    /// A context for reading the union graph: every `rdf:type` quad of
    /// holdings, records and meetings must be added before their links.
    pub fn typed_first() -> Context {
        Context {
            typed_first: true,
            ..Context::default()
        }
    }

    fn id(&mut self, name: &str) -> u32 {
        let index = match self.names.get_index_of(name) {
            Some(index) => index,
            None => self.names.insert_full(name.into()).0,
        };
        u32::try_from(index).expect("fewer than 4 billion names")
    }

    fn id_of(&self, name: &str) -> Option<u32> {
        self.names.get_index_of(name).map(|index| index as u32)
    }

    fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// Reads what `quad` tells of a holding, record or meeting.
    pub fn add(&mut self, quad: &Quad) {
        let NamedOrBlankNode::NamedNode(s) = &quad.subject else {
            return;
        };
        let p = quad.predicate.as_str();
        let ns_cg = |local: &str| p.strip_prefix(ns::CG) == Some(local);
        match &quad.object {
            Term::NamedNode(o) => {
                let o = o.as_str();
                let class = if p != rdf::TYPE.as_str() {
                    None
                } else if o.strip_prefix(ns::ORG) == Some("Membership") {
                    Some(Class::Membership)
                } else if o.strip_prefix(ns::CG) == Some("Attendance") {
                    Some(Class::Attendance)
                } else if o.strip_prefix(ns::CG) == Some("Meeting") {
                    Some(Class::Meeting)
                } else if o.strip_prefix(ns::CG) == Some("AgendaItem") {
                    Some(Class::AgendaItem)
                } else {
                    None
                };
                let link = if let Some(class) = class {
                    let s = self.id(s.as_str());
                    self.typed.insert((s, class));
                    return;
                } else if p.strip_prefix(ns::ORG) == Some("member") {
                    0
                } else if ns_cg("person") {
                    1
                } else if ns_cg("meeting") {
                    2
                } else if ns_cg("body") {
                    3
                } else {
                    return;
                };
                if self.typed_first && link < 3 {
                    let typed = self.id_of(s.as_str()).is_some_and(|s| {
                        [Class::Membership, Class::Attendance]
                            .iter()
                            .any(|&c| self.typed.contains(&(s, c)))
                    });
                    if !typed {
                        return;
                    }
                }
                let (s, o) = (self.id(s.as_str()), self.id(o));
                match link {
                    0 => drop(self.member_of.insert(s, o)),
                    1 => drop(self.person_of.insert(s, o)),
                    2 => drop(self.meeting_of.insert(s, o)),
                    _ => self.bodies_of.entry(s).or_default().push(o),
                }
            }
            Term::Literal(l) if p.strip_prefix(ns::DCTERMS) == Some("date") => {
                if let Some(year) = municipal_year(l.value()) {
                    let s = self.id(s.as_str());
                    self.year_of.insert(s, year);
                    if l.datatype() == xsd::DATE {
                        let date = self.id(l.value());
                        self.date_of.insert(s, date);
                    }
                }
            }
            Term::Literal(l) if p == PREDICATES.3 && l.value() == "minutes" => {
                let s = self.id(s.as_str());
                self.minuted.insert(s);
            }
            _ => {}
        }
    }

    /// [`Context::add`], keeping `quad` too if it is a witness triple.
    pub fn add_keeping(&mut self, quad: &Quad) {
        self.add(quad);
        let Some((s, i, value)) = witness_parts(quad) else {
            return;
        };
        let (s, value) = (self.id(s), self.id(value));
        self.triples.push((s, i, value));
    }

    /// The witnesses of one triple (`predicate`: its index in
    /// [`WITNESS_PREDICATES`]), each handed to `emit` as (key, kind, value, by).
    fn witnesses_of(
        &self,
        subject: &str,
        predicate: usize,
        value: &str,
        scope: Scope,
        emit: &mut dyn FnMut(&str, Kind, String, String),
    ) {
        let holdings = scope != Scope::Meetings;
        let meetings = scope != Scope::Holdings;
        let Some(s) = self.id_of(subject) else {
            return;
        };
        let typed = |class| self.typed.contains(&(s, class));
        // An agenda item counts at its meeting (whatever the meeting's
        // type, kind or date: the query reading it joins those).
        if predicate == MEETING_LINK {
            if holdings && typed(Class::AgendaItem) {
                emit(value, Kind::Item, subject.to_string(), subject.to_string());
            }
            return;
        }
        // A meeting's bodies and municipal year, when it is a typed meeting.
        let meeting_facts = |m: u32| -> Option<(&[u32], i64)> {
            self.typed.contains(&(m, Class::Meeting)).then_some(())?;
            let bodies = self.bodies_of.get(&m).map_or(&[][..], Vec::as_slice);
            Some((bodies, *self.year_of.get(&m)?))
        };
        match predicate {
            0 | 1 if holdings && typed(Class::Membership) => {
                let Some(&who) = self.member_of.get(&s) else { return };
                let who = self.name(who);
                let (kind, holding) = if predicate == 0 {
                    (Kind::Post, Kind::Holding)
                } else {
                    (Kind::Organisation, Kind::OrganisedHolding)
                };
                // Each triple its own witness: a holding with two titles
                // counts twice, and stays while either does.
                emit(who, kind, value.to_string(), subject.to_string());
                emit(who, holding, subject.to_string(), format!("{subject}\t{value}"));
            }
            2 if typed(Class::Attendance) => {
                let (Some(&who), Some(&at)) = (self.person_of.get(&s), self.meeting_of.get(&s)) else {
                    return;
                };
                let (who, at_name) = (self.name(who), self.name(at));
                if holdings && ATTENDED.contains(&value) {
                    emit(who, Kind::Meeting, at_name.to_string(), subject.to_string());
                }
                let Some((bodies, year)) = meeting_facts(at).filter(|_| meetings) else {
                    return;
                };
                let minuted = self.minuted.contains(&at);
                // Of the meeting itself, whatever its bodies.
                if minuted && PRESENT.contains(&value) {
                    emit(at_name, Kind::PresentPerson, who.to_string(), subject.to_string());
                }
                if minuted && value == "chair" {
                    emit(at_name, Kind::ChairPerson, who.to_string(), subject.to_string());
                }
                for &of in bodies {
                    let of = self.name(of);
                    if minuted && PRESENT.contains(&value) {
                        emit(who, Kind::PresentAt, format!("{of}\t{at_name}"), subject.to_string());
                    }
                    if minuted && value == "apologies" {
                        emit(who, Kind::ApologiesAt, format!("{of}\t{at_name}"), subject.to_string());
                    }
                    if ON_BODY.contains(&value) {
                        emit(who, Kind::OnBody, format!("{of}\t{year}"), subject.to_string());
                    }
                }
            }
            3 if meetings && value == "minutes" => {
                if let Some((bodies, year)) = meeting_facts(s) {
                    let date = self.date_of.get(&s).map(|&d| self.name(d));
                    for &of in bodies {
                        let of = self.name(of);
                        emit(of, Kind::Held, format!("{year}\t{subject}"), subject.to_string());
                        if let Some(date) = date {
                            emit(subject, Kind::Minuted, format!("{date}\t{of}"), subject.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The summary graph computed from scratch from what was added with
    /// [`Context::add_keeping`] (the union graph's quads about holdings,
    /// attendance records and meetings): each key's summary quads and the
    /// version quad.
    pub fn into_summary_quads(self) -> Vec<Quad> {
        let mut quads: Vec<Quad> = self
            .into_tallies()
            .iter()
            .flat_map(|(key, tally)| tally.quads(&NamedNode::new_unchecked(key.as_str())))
            .collect();
        quads.push(version_quad());
        quads
    }

    /// Each key's tally, computed from scratch from what was added with
    /// [`Context::add_keeping`].
    pub fn into_tallies(self) -> BTreeMap<String, Tally> {
        let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
        for &(s, p, value) in &self.triples {
            self.witnesses_of(
                self.name(s),
                p,
                self.name(value),
                Scope::Both,
                &mut |key, kind, value, _| match tallies.get_mut(key) {
                    Some(tally) => tally.count(kind, &value, 1),
                    None => tallies.entry(key.to_string()).or_default().count(kind, &value, 1),
                },
            );
        }
        tallies
    }
}

/// The witnesses among `triples`, read with the help of `context` (the
/// quads of the file they belong to, or, for [`Scope::Meetings`], the
/// union graph's quads about the meetings and their records): a post or
/// organisation of an `org:Membership` with an `org:member`; the meeting of
/// a `cg:Attendance` with a person, by its status; a minuted `cg:Meeting`
/// of a body, with a date.
pub fn witnesses<'a>(triples: impl IntoIterator<Item = &'a Quad>, context: &[Quad], scope: Scope) -> Vec<Witness> {
    let mut read = Context::default();
    for quad in context {
        read.add(quad);
    }
    let mut out = Vec::new();
    for quad in triples {
        let Some((s, p, value)) = witness_parts(quad) else {
            continue;
        };
        read.witnesses_of(s, p, value, scope, &mut |key, kind, value, by| {
            out.push(Witness {
                key: key.to_string(),
                kind,
                value,
                by,
            })
        });
    }
    out
}

/// A witness triple's subject, predicate (its index in
/// [`WITNESS_PREDICATES`]) and value: a literal's, or for `cg:meeting`, the
/// meeting's IRI.
fn witness_parts(quad: &Quad) -> Option<(&str, usize, &str)> {
    let NamedOrBlankNode::NamedNode(s) = &quad.subject else {
        return None;
    };
    let p = WITNESS_PREDICATES.iter().position(|p| *p == quad.predicate.as_str())?;
    let value = match (&quad.object, p) {
        (Term::NamedNode(o), MEETING_LINK) => o.as_str(),
        (Term::Literal(l), p) if p != MEETING_LINK => l.value(),
        _ => return None,
    };
    Some((s.as_str(), p, value))
}

/// One person's summary: for each kind, each value and how many witnesses
/// the union graph holds for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tally(BTreeMap<Kind, BTreeMap<String, u32>>);

impl Tally {
    /// Counts one witness more (`+1`) or less (`-1`); a value with none left goes.
    pub fn count(&mut self, kind: Kind, value: &str, change: i64) {
        let values = self.0.entry(kind).or_default();
        let now = i64::from(values.get(value).copied().unwrap_or(0)) + change;
        if now > 0 {
            values.insert(value.to_string(), u32::try_from(now).unwrap_or(u32::MAX));
        } else {
            values.remove(value);
        }
        if values.is_empty() {
            self.0.remove(&kind);
        }
    }

    fn values(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.0.get(&kind).into_iter().flat_map(|v| v.keys().map(String::as_str))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The tally as kept in the store (`cg:summaryTally`).
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("a tally serialises")
    }

    pub fn decode(text: &str) -> Option<Tally> {
        serde_json::from_str(text).ok()
    }

    /// The summary quads of `key` (a person or a body): its tally, and what
    /// the named queries read.
    ///
    /// For `queries/people.rq`, on the person: `cg:summaryPosts` and
    /// `cg:summaryOrganisations` (distinct values, sorted, "; "-separated),
    /// `cg:summaryMeetings` (how many). As the aggregating formulation had
    /// them: posts once a post is held; organisations too, unless a holding
    /// with a post has none (a GROUP_CONCAT over an unbound value is unbound).
    ///
    /// For `queries/attendance-summary.rq`, a node per (person, body) with
    /// `cg:summaryPerson`, `cg:summaryBody`, `cg:summaryPresent`,
    /// `cg:summaryApologies` and a `cg:summaryYearOf` for each municipal
    /// year the person was on the body; and of a body, a node per municipal
    /// year with `cg:summaryHeld`, the minuted meetings it held.
    ///
    /// Of a meeting (`queries/councillors-present-all-meetings-2023-2024.rq`,
    /// `chairs-of-ilsc-meetings.rq`, `meetings.rq`): when minuted, its
    /// `cg:summaryDate` and a `cg:summaryHeldBy` for each body, and a
    /// `cg:summaryPresentPerson` (present, chair or vice-chair) and
    /// `cg:summaryChairedBy` for each person so recorded; and
    /// `cg:summaryItems`, how many agenda items it has.
    pub fn quads(&self, key: &NamedNode) -> Vec<Quad> {
        if self.is_empty() {
            return Vec::new();
        }
        let graph = GraphName::NamedNode(summary_graph());
        let quad = |s: &NamedNode, p: &str, o: Term| Quad::new(s.clone(), cg(p), o, graph.clone());
        let plain = |value: String| Term::Literal(Literal::new_simple_literal(value));
        let integer = |n: usize| Term::Literal(Literal::new_typed_literal(n.to_string(), xsd::INTEGER));
        let mut quads = vec![quad(key, "summaryTally", plain(self.encode()))];
        if self.0.contains_key(&Kind::Post) {
            let joined = |kind| self.values(kind).collect::<Vec<_>>().join("; ");
            quads.push(quad(key, "summaryPosts", plain(joined(Kind::Post))));
            let organised: HashSet<&str> = self.values(Kind::OrganisedHolding).collect();
            if self.values(Kind::Holding).all(|h| organised.contains(h)) {
                quads.push(quad(key, "summaryOrganisations", plain(joined(Kind::Organisation))));
            }
        }
        if let Some(meetings) = self.0.get(&Kind::Meeting) {
            quads.push(quad(key, "summaryMeetings", integer(meetings.len())));
        }
        // Per body: meetings present at, sent apologies to, years on it.
        let mut bodies: BTreeMap<&str, (usize, usize, BTreeSet<&str>)> = BTreeMap::new();
        for (kind, pair) in [Kind::PresentAt, Kind::ApologiesAt, Kind::OnBody]
            .into_iter()
            .flat_map(|kind| self.values(kind).map(move |v| (kind, v)))
        {
            let Some((body, second)) = pair.split_once('\t') else {
                continue;
            };
            let row = bodies.entry(body).or_default();
            match kind {
                Kind::PresentAt => row.0 += 1,
                Kind::ApologiesAt => row.1 += 1,
                _ => {
                    row.2.insert(second);
                }
            }
        }
        for (body, (present, apologies, years)) in bodies {
            let row = node("attendance", key.as_str(), body);
            let body_node = Term::NamedNode(NamedNode::new_unchecked(body));
            quads.push(quad(&row, "summaryPerson", Term::NamedNode(key.clone())));
            quads.push(quad(&row, "summaryBody", body_node));
            quads.push(quad(&row, "summaryPresent", integer(present)));
            quads.push(quad(&row, "summaryApologies", integer(apologies)));
            for year in years {
                quads.push(quad(&row, "summaryYearOf", Term::NamedNode(node("held", body, year))));
            }
        }
        // Of a body: the minuted meetings it held, by municipal year.
        let mut held: BTreeMap<&str, usize> = BTreeMap::new();
        for pair in self.values(Kind::Held) {
            if let Some((year, _)) = pair.split_once('\t') {
                *held.entry(year).or_default() += 1;
            }
        }
        for (year, n) in held {
            quads.push(quad(&node("held", key.as_str(), year), "summaryHeld", integer(n)));
        }
        // Of a meeting: its date and bodies when minuted, who was present
        // and who chaired, how many agenda items it has.
        let mut dates = BTreeSet::new();
        for pair in self.values(Kind::Minuted) {
            if let Some((date, body)) = pair.split_once('\t') {
                dates.insert(date);
                quads.push(quad(
                    key,
                    "summaryHeldBy",
                    Term::NamedNode(NamedNode::new_unchecked(body)),
                ));
            }
        }
        for date in dates {
            quads.push(quad(
                key,
                "summaryDate",
                Term::Literal(Literal::new_typed_literal(date, xsd::DATE)),
            ));
        }
        for (kind, property) in [
            (Kind::PresentPerson, "summaryPresentPerson"),
            (Kind::ChairPerson, "summaryChairedBy"),
        ] {
            for person in self.values(kind) {
                quads.push(quad(key, property, Term::NamedNode(NamedNode::new_unchecked(person))));
            }
        }
        if let Some(items) = self.0.get(&Kind::Item) {
            quads.push(quad(key, "summaryItems", integer(items.len())));
        }
        quads
    }
}

/// A summary node: `<SUMMARY_GRAPH/WHAT/HASH-OF-PARTS>`.
fn node(what: &str, first: &str, second: &str) -> NamedNode {
    let hash = crate::source::hash_bytes(format!("{first}\t{second}").as_bytes());
    NamedNode::new_unchecked(format!("{SUMMARY_GRAPH}/{what}/{}", &hash[..24]))
}

/// The property a person's tally is kept under.
pub fn tally_property() -> NamedNode {
    cg("summaryTally")
}

/// The quad recording that the summary graph is complete and of [`SUMMARY_VERSION`].
pub fn version_quad() -> Quad {
    Quad::new(
        summary_graph(),
        cg("summaryVersion"),
        Literal::new_simple_literal(SUMMARY_VERSION),
        GraphName::NamedNode(summary_graph()),
    )
}

/// The summary graph computed from scratch from `union` (the union
/// graph's quads about holdings, attendance records and meetings).
pub fn from_union(union: &[Quad]) -> Vec<Quad> {
    let mut read = Context::default();
    for quad in union {
        read.add_keeping(quad);
    }
    read.into_summary_quads()
}

/// The meetings whose [`Scope::Meetings`] witnesses a file's `quads` can
/// change: those it describes and those its attendance records are at.
pub fn meetings_touched(quads: &[Quad]) -> BTreeSet<String> {
    let meeting = format!("{}meeting", ns::CG);
    let described = [format!("{}body", ns::CG), format!("{}kind", ns::CG)];
    quads
        .iter()
        .filter_map(|q| match (&q.subject, &q.object) {
            (_, Term::NamedNode(m)) if q.predicate.as_str() == meeting => Some(m.as_str().to_string()),
            (NamedOrBlankNode::NamedNode(m), _) if described.iter().any(|p| p == q.predicate.as_str()) => {
                Some(m.as_str().to_string())
            }
            _ => None,
        })
        .collect()
}

/// The changes to make to tallies: witnesses of [`Scope::Holdings`] among
/// the triples the union graph lost (`lost`, read with the file's `old`
/// quads) and gained (`gained`, with its `new` quads), and of
/// [`Scope::Meetings`] as the touched meetings' union-graph quads were
/// `before` and are `after` the change; each key's witnesses counted down
/// and up.
pub fn changes(
    (lost, old): (&[Quad], &[Quad]),
    (gained, new): (&[Quad], &[Quad]),
    (before, after): (&[Quad], &[Quad]),
) -> BTreeMap<String, Vec<(Kind, String, i64)>> {
    let of = |triples: &[Quad], context: &[Quad], scope| -> BTreeSet<Witness> {
        witnesses(triples.iter().filter(|q| is_witness_triple(q)), context, scope)
            .into_iter()
            .collect()
    };
    let mut down: Vec<Witness> = of(lost, old, Scope::Holdings).into_iter().collect();
    let mut up: Vec<Witness> = of(gained, new, Scope::Holdings).into_iter().collect();
    let (was, is) = (of(before, before, Scope::Meetings), of(after, after, Scope::Meetings));
    down.extend(was.difference(&is).cloned());
    up.extend(is.difference(&was).cloned());
    let mut out: BTreeMap<String, Vec<(Kind, String, i64)>> = BTreeMap::new();
    for (w, change) in down.into_iter().map(|w| (w, -1)).chain(up.into_iter().map(|w| (w, 1))) {
        out.entry(w.key).or_default().push((w.kind, w.value, change));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str, p: &str, o: Term) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked(p),
            o,
            GraphName::DefaultGraph,
        )
    }
    fn iri(s: &str) -> Term {
        NamedNode::new_unchecked(s).into()
    }
    fn lit(s: &str) -> Term {
        Literal::new_simple_literal(s).into()
    }

    fn holding(h: &str, person: &str, post: &str, organisation: Option<&str>) -> Vec<Quad> {
        let mut quads = vec![
            q(h, rdf::TYPE.as_str(), iri(&format!("{}Membership", ns::ORG))),
            q(h, &format!("{}member", ns::ORG), iri(person)),
            q(h, PREDICATES.0, lit(post)),
        ];
        quads.extend(organisation.map(|o| q(h, PREDICATES.1, lit(o))));
        quads
    }

    fn record(r: &str, person: &str, meeting: &str, status: &str) -> Vec<Quad> {
        vec![
            q(r, rdf::TYPE.as_str(), iri(&format!("{}Attendance", ns::CG))),
            q(r, &format!("{}person", ns::CG), iri(person)),
            q(r, &format!("{}meeting", ns::CG), iri(meeting)),
            q(r, PREDICATES.2, lit(status)),
        ]
    }

    #[test]
    fn witnesses_need_the_type_and_a_qualifying_status() {
        let mut quads = holding("h1", "p", "Chair", Some("Board"));
        quads.extend(record("r1", "p", "m1", "present"));
        quads.extend(record("r2", "p", "m2", "apologies"));
        // An untyped "holding" counts for nothing.
        quads.push(q("h2", &format!("{}member", ns::ORG), iri("p")));
        quads.push(q("h2", PREDICATES.0, lit("Mayor")));
        let mut found = witnesses(quads.iter().filter(|q| is_witness_triple(q)), &quads, Scope::Both);
        found.sort();
        let kinds: Vec<(Kind, &str)> = found.iter().map(|w| (w.kind, w.value.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Post, "Chair"),
                (Kind::Organisation, "Board"),
                (Kind::Meeting, "m1"),
                (Kind::Holding, "h1"),
                (Kind::OrganisedHolding, "h1")
            ]
        );
    }

    #[test]
    fn a_meeting_counts_once_however_many_records_witness_it_and_goes_with_the_last() {
        let mut quads = record("r1", "p", "m1", "present");
        quads.extend(record("r2", "p", "m1", "chair"));
        quads.extend(holding("h1", "p", "Chair", None));
        let summary = from_union(&quads);
        let value = |local: &str| {
            summary
                .iter()
                .find(|q| q.predicate.as_str().ends_with(local))
                .map(|q| q.object.to_string())
        };
        assert_eq!(
            value("summaryMeetings").as_deref(),
            Some("\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>")
        );
        assert_eq!(value("summaryPosts").as_deref(), Some("\"Chair\""));
        assert_eq!(value("summaryOrganisations"), None, "a holding without one");

        let mut tally = Tally::default();
        for (kind, value, change) in changes((&[], &[]), (&quads, &quads), (&[], &[])).remove("p").unwrap() {
            tally.count(kind, &value, change);
        }
        let r1 = record("r1", "p", "m1", "present");
        for (kind, value, change) in changes((&r1, &r1), (&[], &[]), (&[], &[])).remove("p").unwrap() {
            tally.count(kind, &value, change);
        }
        assert_eq!(tally.0[&Kind::Meeting]["m1"], 1, "still witnessed by r2");
        let r2 = record("r2", "p", "m1", "chair");
        for (kind, value, change) in changes((&r2, &r2), (&[], &[]), (&[], &[])).remove("p").unwrap() {
            tally.count(kind, &value, change);
        }
        assert!(!tally.0.contains_key(&Kind::Meeting));
        assert_eq!(Tally::decode(&tally.encode()), Some(tally));
    }

    fn meeting(m: &str, body: &str, kind: &str, date: &str) -> Vec<Quad> {
        let date = Literal::new_typed_literal(date, xsd::DATE);
        vec![
            q(m, rdf::TYPE.as_str(), iri(&format!("{}Meeting", ns::CG))),
            q(m, &format!("{}body", ns::CG), iri(body)),
            q(m, PREDICATES.3, lit(kind)),
            q(m, &format!("{}date", ns::DCTERMS), date.into()),
        ]
    }

    #[test]
    fn a_meeting_another_file_gives_a_second_body_counts_for_both() {
        // File 1 minutes meeting m of body b1 (April 2024: municipal year
        // 2023) with p present; file 2 names the same meeting for body b2.
        let mut first = meeting("m", "b1", "minutes", "2024-04-30");
        first.extend(record("r", "p", "m", "present"));
        let second = meeting("m", "b2", "agenda", "2024-04-30");
        let both: Vec<Quad> = first.iter().chain(&second).cloned().collect();
        let mut up = changes((&[], &[]), (&[], &[]), (&first, &both));
        let mut person = up.remove("p").unwrap();
        person.sort();
        assert_eq!(
            person,
            [
                (Kind::PresentAt, "b2\tm".to_string(), 1),
                (Kind::OnBody, "b2\t2023".to_string(), 1)
            ]
        );
        assert_eq!(up.remove("b2").unwrap(), [(Kind::Held, "2023\tm".to_string(), 1)]);
        // The meeting's own summary gains the body; p was present already.
        assert_eq!(
            up.remove("m").unwrap(),
            [(Kind::Minuted, "2024-04-30\tb2".to_string(), 1)]
        );
        assert!(up.is_empty(), "{up:?}");
        assert_eq!(meetings_touched(&second), BTreeSet::from(["m".to_string()]));
    }

    #[test]
    fn a_minuted_meeting_keeps_its_date_bodies_attendees_chair_and_items() {
        let mut quads = meeting("m", "b", "minutes", "2024-10-29");
        quads.extend(record("r1", "p", "m", "chair"));
        quads.extend(record("r2", "q", "m", "apologies"));
        quads.extend(record("r3", "s", "m", "vice-chair"));
        for item in ["m/item/1", "m/item/2"] {
            quads.push(q(item, rdf::TYPE.as_str(), iri(&format!("{}AgendaItem", ns::CG))));
            quads.push(q(item, WITNESS_PREDICATES[MEETING_LINK], iri("m")));
        }
        // An item of another file's meeting, not typed here: no witness.
        quads.push(q("x/item/1", WITNESS_PREDICATES[MEETING_LINK], iri("m")));
        let of_m: BTreeSet<(String, String)> = from_union(&quads)
            .into_iter()
            .filter(|q| q.subject.to_string() == "<m>")
            .map(|q| {
                (
                    q.predicate.as_str().rsplit('#').next().unwrap().to_string(),
                    q.object.to_string(),
                )
            })
            .collect();
        let date = "\"2024-10-29\"^^<http://www.w3.org/2001/XMLSchema#date>";
        let integer = "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>";
        let want: BTreeSet<(String, String)> = [
            ("summaryDate", date),
            ("summaryHeldBy", "<b>"),
            ("summaryPresentPerson", "<p>"),
            ("summaryPresentPerson", "<s>"),
            ("summaryChairedBy", "<p>"),
            ("summaryItems", integer),
        ]
        .into_iter()
        .map(|(p, o)| (p.to_string(), o.to_string()))
        .chain(of_m.iter().filter(|(p, _)| p == "summaryTally").cloned())
        .collect();
        assert_eq!(of_m, want);

        // As an agenda, nobody is present or chairs it, and it has no date
        // or body in the summary; its items still count.
        let agenda: Vec<Quad> = quads
            .iter()
            .map(|x| match &x.object {
                Term::Literal(l) if l.value() == "minutes" => q("m", PREDICATES.3, lit("agenda")),
                _ => x.clone(),
            })
            .collect();
        let kinds: BTreeSet<String> = from_union(&agenda)
            .into_iter()
            .filter(|q| q.subject.to_string() == "<m>")
            .map(|q| q.predicate.as_str().rsplit('#').next().unwrap().to_string())
            .collect();
        assert_eq!(
            kinds,
            BTreeSet::from(["summaryItems".to_string(), "summaryTally".to_string()])
        );
    }

    #[test]
    fn a_holding_with_two_titles_keeps_its_post_while_either_remains() {
        let mut quads = holding("h", "p", "Chair", Some("Board"));
        let second_title = q("h", PREDICATES.0, lit("Leader"));
        quads.push(second_title.clone());
        let mut tally = Tally::default();
        for (kind, value, change) in changes((&[], &[]), (&quads, &quads), (&[], &[])).remove("p").unwrap() {
            tally.count(kind, &value, change);
        }
        let gone = [second_title];
        for (kind, value, change) in changes((&gone, &quads), (&[], &[]), (&[], &[])).remove("p").unwrap() {
            tally.count(kind, &value, change);
        }
        let summary = tally.quads(&NamedNode::new_unchecked("p"));
        let organisations = summary
            .iter()
            .find(|q| q.predicate.as_str().ends_with("summaryOrganisations"));
        assert!(
            organisations.is_some(),
            "the holding still has a post and an organisation: {summary:?}"
        );
        assert_eq!(tally.0[&Kind::Holding]["h"], 1);
    }
}
