//! Traversals over the store's relations with petgraph: reporting lines,
//! shortest paths between entities, centrality and co-attendance.
//!
//! [`CouncilGraph::load`] reads people, bodies, documents, meetings,
//! attendance and relation statements (with their evidence) from the store
//! with SPARQL SELECTs and builds a directed [`petgraph::graph::DiGraph`]
//! with typed node and edge weights. The traversals are pure functions over
//! that graph, so they are tested on small hand-built graphs.
//!
//! Architecture invariant: reads the store and never writes to it; all the
//! SPARQL it needs lives in this module.

use crate::names::split_honorific;
use crate::query::{cell, evaluate, prepare};
use crate::rdf::ns;
use anyhow::Result;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction::{self, Incoming, Outgoing};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// Attendance statuses that mean the person was at the meeting (not
/// apologies, nor a membership list on an agenda).
pub const ATTENDED: &[&str] = &["present", "chair", "vice-chair", "in-attendance"];

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Body,
    Document,
    Meeting,
    /// A relation's end the store says nothing else about.
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Body => "body",
            Kind::Document => "document",
            Kind::Meeting => "meeting",
            Kind::Other => "other",
        }
    }
}

/// A node: a person, body, document or meeting.
#[derive(Debug, Clone)]
pub struct Node {
    pub iri: String,
    pub kind: Kind,
    /// The display name ("Councillor Pitchley", "Cabinet 2024-10-29").
    pub name: String,
    /// Names it goes by: prefLabel, foaf:name, title (and "title period"), acronym.
    pub names: Vec<String>,
    /// Printed variants (skos:altLabel).
    pub variants: Vec<String>,
    pub councillor: bool,
    /// Meetings: whether minutes (not only an agenda) were read for it.
    pub minutes: bool,
    /// Meetings: the date.
    pub date: Option<String>,
}

impl Node {
    /// A node whose only name is its display name.
    pub fn new(iri: &str, kind: Kind, name: &str) -> Node {
        Node {
            iri: iri.to_string(),
            kind,
            name: name.to_string(),
            names: vec![name.to_string()],
            variants: Vec::new(),
            councillor: false,
            minutes: false,
            date: None,
        }
    }

    pub fn entity(&self) -> EntityRef {
        EntityRef {
            name: self.name.clone(),
            kind: self.kind,
            iri: self.iri.clone(),
        }
    }
}

/// What an edge says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// A relation (`cg:reportsTo` …, by local name) from subject to object.
    Relation(String),
    /// A person → meeting attendance record with its status.
    Attendance(String),
    /// A meeting → the body whose meeting it is (`cg:body`).
    MeetingOf,
}

impl EdgeKind {
    /// The predicate as printed.
    pub fn predicate(&self) -> String {
        match self {
            EdgeKind::Relation(p) => p.clone(),
            EdgeKind::Attendance(_) => "attended".to_string(),
            EdgeKind::MeetingOf => "meetingOf".to_string(),
        }
    }

    /// Whether path search and centrality follow this edge: every relation,
    /// attendance at a meeting, and a meeting's body.
    pub fn traversable(&self) -> bool {
        match self {
            EdgeKind::Relation(_) | EdgeKind::MeetingOf => true,
            EdgeKind::Attendance(status) => ATTENDED.contains(&status.as_str()),
        }
    }

    fn is_reports_to(&self) -> bool {
        matches!(self, EdgeKind::Relation(p) if p == "reportsTo")
    }
}

/// Where a fact was read: the exact quote and its span in a source file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// "stated" or "inferred" (relations and attendance records).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    pub file: String,
    /// Unicode character offsets into the file.
    pub start: u64,
    pub end: u64,
    pub quote: String,
}

impl Evidence {
    /// Stated facts first, then by file and position.
    fn rank(&self) -> (bool, &str, u64) {
        (self.basis.as_deref() == Some("inferred"), &self.file, self.start)
    }
}

/// An edge: what it says and every place it was read (best first).
#[derive(Debug, Clone)]
pub struct Edge {
    pub kind: EdgeKind,
    pub evidence: Vec<Evidence>,
}

impl Edge {
    pub fn best_evidence(&self) -> Option<&Evidence> {
        self.evidence.first()
    }
}

/// An entity as reported: its name, kind and IRI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub name: String,
    pub kind: Kind,
    pub iri: String,
}

/// A name that names no entity, or several.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("no person, body or document is called {name:?}{}", suggestions_text(.suggestions))]
    Unknown { name: String, suggestions: Vec<EntityRef> },
    #[error(
        "{name:?} is ambiguous: it names {} entities:{}\nuse a fuller name",
        .candidates.len(),
        listing(.candidates)
    )]
    Ambiguous { name: String, candidates: Vec<EntityRef> },
}

fn listing(entities: &[EntityRef]) -> String {
    entities
        .iter()
        .map(|e| format!("\n  {} ({}, <{}>)", e.name, e.kind.as_str(), e.iri))
        .collect()
}

fn suggestions_text(entities: &[EntityRef]) -> String {
    if entities.is_empty() {
        String::new()
    } else {
        format!("; names containing it:{}", listing(entities))
    }
}

/// The key a name is matched by: case-folded, curly apostrophes straight,
/// whitespace collapsed, without a leading "the" or honorifics
/// ("Councillor", "Cllr", "Mr" …).
pub fn match_key(name: &str) -> String {
    let straight: String = name
        .chars()
        .map(|c| if matches!(c, '’' | '‘' | '`') { '\'' } else { c })
        .collect();
    let mut rest = straight.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let (honorific, skip) = split_honorific(&rest);
        if honorific.is_some() && skip < rest.len() {
            rest = rest[skip..].trim_start().to_string();
        } else if rest.len() > 4 && rest[..4].eq_ignore_ascii_case("the ") {
            rest = rest[4..].trim_start().to_string();
        } else {
            break;
        }
    }
    rest.to_lowercase()
}

/// The store's entities and their relations and attendance as a petgraph
/// graph: relations point from subject to object, attendance from person
/// to meeting, and a meeting to its body.
#[derive(Debug, Default)]
pub struct CouncilGraph {
    pub graph: DiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
}

impl CouncilGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a node, or returns the one with the same IRI.
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&ix) = self.index.get(&node.iri) {
            return ix;
        }
        let iri = node.iri.clone();
        let ix = self.graph.add_node(node);
        self.index.insert(iri, ix);
        ix
    }

    /// Adds an edge between two nodes, merging its evidence into an equal
    /// edge already there.
    pub fn add_edge(&mut self, from: NodeIndex, to: NodeIndex, kind: EdgeKind, evidence: Vec<Evidence>) -> EdgeIndex {
        let existing = self
            .graph
            .edges_connecting(from, to)
            .find(|e| e.weight().kind == kind)
            .map(|e| e.id());
        let ix = match existing {
            Some(ix) => ix,
            None => self.graph.add_edge(
                from,
                to,
                Edge {
                    kind,
                    evidence: Vec::new(),
                },
            ),
        };
        let edge = &mut self.graph[ix];
        edge.evidence.extend(evidence);
        edge.evidence
            .sort_by(|a, b| a.rank().cmp(&b.rank()).then_with(|| a.cmp(b)));
        edge.evidence.dedup();
        ix
    }

    pub fn node_index(&self, iri: &str) -> Option<NodeIndex> {
        self.index.get(iri).copied()
    }

    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.graph[ix]
    }

    fn entity(&self, ix: NodeIndex) -> EntityRef {
        self.graph[ix].entity()
    }

    /// The person, body or document a name means: one whose own name
    /// (prefLabel, foaf:name, title, acronym) matches, else one whose printed
    /// variant does; "Councillor X" prefers councillors. Several → ambiguous.
    pub fn resolve(&self, name: &str) -> Result<NodeIndex, ResolveError> {
        let key = match_key(name);
        let wants_councillor = matches!(split_honorific(name.trim()).0, Some("Councillor"));
        let entities = || {
            self.graph
                .node_indices()
                .filter(|&ix| matches!(self.graph[ix].kind, Kind::Person | Kind::Body | Kind::Document))
        };
        for tier in [0, 1] {
            let mut found: Vec<NodeIndex> = entities()
                .filter(|&ix| {
                    let node = &self.graph[ix];
                    let names = if tier == 0 { &node.names } else { &node.variants };
                    names.iter().any(|n| match_key(n) == key)
                })
                .collect();
            if wants_councillor && found.iter().any(|&ix| self.graph[ix].councillor) {
                found.retain(|&ix| self.graph[ix].councillor);
            }
            match found.len() {
                0 => continue,
                1 => return Ok(found[0]),
                _ => {
                    let mut candidates: Vec<EntityRef> = found.iter().map(|&ix| self.entity(ix)).collect();
                    candidates.sort_by(|a, b| (&a.name, &a.iri).cmp(&(&b.name, &b.iri)));
                    return Err(ResolveError::Ambiguous {
                        name: name.to_string(),
                        candidates,
                    });
                }
            }
        }
        let mut suggestions: Vec<EntityRef> = if key.len() < 3 {
            Vec::new()
        } else {
            entities()
                .filter(|&ix| {
                    let node = &self.graph[ix];
                    node.names
                        .iter()
                        .chain(&node.variants)
                        .any(|n| match_key(n).contains(&key))
                })
                .map(|ix| self.entity(ix))
                .collect()
        };
        suggestions.sort_by(|a, b| (&a.name, &a.iri).cmp(&(&b.name, &b.iri)));
        suggestions.truncate(8);
        Err(ResolveError::Unknown {
            name: name.to_string(),
            suggestions,
        })
    }

    /// Reads the graph from the store (the union of every file's graph).
    pub fn load(store: &Store) -> Result<Self> {
        load(store)
    }
}

// ---------------------------------------------------------------------------
// Loading from the store
// ---------------------------------------------------------------------------

/// Every name of every person, body and document, with the number of files
/// that use it (the display name is the one most files use).
const NAMES_QUERY: &str = r#"
SELECT ?e ?kind ?which ?label (COUNT(DISTINCT ?g) AS ?files) WHERE {
  GRAPH ?g {
    { ?e a foaf:Person ; foaf:name ?label . BIND("person" AS ?kind) BIND("name" AS ?which) }
    UNION { ?e a foaf:Person ; skos:altLabel ?label . BIND("person" AS ?kind) BIND("variant" AS ?which) }
    UNION { ?e a org:Organization ; skos:prefLabel ?label . BIND("body" AS ?kind) BIND("name" AS ?which) }
    UNION { ?e a org:Organization ; cg:acronym ?label . BIND("body" AS ?kind) BIND("acronym" AS ?which) }
    UNION { ?e a org:Organization ; skos:altLabel ?label . BIND("body" AS ?kind) BIND("variant" AS ?which) }
    UNION { ?e a cg:Document ; dcterms:title ?label . BIND("document" AS ?kind) BIND("name" AS ?which) }
    UNION { ?e a cg:Document ; skos:altLabel ?label . BIND("document" AS ?kind) BIND("variant" AS ?which) }
    UNION { ?e a cg:Document ; cg:period ?label . BIND("document" AS ?kind) BIND("period" AS ?which) }
  }
}
GROUP BY ?e ?kind ?which ?label
"#;

const COUNCILLORS_QUERY: &str = "SELECT DISTINCT ?e WHERE { ?e a cg:Councillor }";

/// The evidence pattern of a fact node `?fact`.
macro_rules! evidence_pattern {
    () => {
        "OPTIONAL { ?fact cg:evidence ?ev . ?ev oa:exact ?quote ; oa:start ?start ; oa:end ?end ; \
         prov:wasDerivedFrom ?file . ?file cg:path ?path }"
    };
}

const MEETINGS_QUERY: &str = concat!(
    "SELECT DISTINCT ?fact ?date ?kind ?body ?quote ?start ?end ?path WHERE {\n",
    "  ?fact a cg:Meeting ; cg:body ?body .\n",
    "  OPTIONAL { ?fact dcterms:date ?date }\n",
    "  OPTIONAL { ?fact cg:kind ?kind }\n  ",
    evidence_pattern!(),
    "\n}"
);

const ATTENDANCE_QUERY: &str = concat!(
    "SELECT DISTINCT ?fact ?person ?meeting ?status ?basis ?quote ?start ?end ?path WHERE {\n",
    "  ?fact a cg:Attendance ; cg:person ?person ; cg:meeting ?meeting ; cg:status ?status .\n",
    "  OPTIONAL { ?fact cg:basis ?basis }\n  ",
    evidence_pattern!(),
    "\n}"
);

const RELATIONS_QUERY: &str = concat!(
    "SELECT DISTINCT ?fact ?subject ?predicate ?object ?basis ?quote ?start ?end ?path WHERE {\n",
    "  ?fact a cg:Relation ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .\n",
    "  FILTER(isIRI(?subject) && isIRI(?object))\n",
    "  OPTIONAL { ?fact cg:basis ?basis }\n  ",
    evidence_pattern!(),
    "\n}"
);

type Row = HashMap<String, String>;

fn select(store: &Store, query: &str) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    if let QueryResults::Solutions(solutions) = evaluate(store, prepare(query, &[])?)? {
        for solution in solutions {
            let solution = solution?;
            rows.push(
                solution
                    .iter()
                    .map(|(var, term)| (var.as_str().to_string(), cell(Some(term))))
                    .collect(),
            );
        }
    }
    Ok(rows)
}

fn evidence_of(row: &Row) -> Option<Evidence> {
    Some(Evidence {
        basis: row.get("basis").cloned(),
        file: row.get("path")?.clone(),
        start: row.get("start")?.parse().ok()?,
        end: row.get("end")?.parse().ok()?,
        quote: row.get("quote")?.clone(),
    })
}

/// The name most files use; among equals, not all capitals, then the first
/// alphabetically.
fn display_name(names: &[(String, usize)]) -> Option<String> {
    names
        .iter()
        .max_by(|(a, na), (b, nb)| {
            let shouting = |s: &str| s.chars().any(char::is_lowercase);
            na.cmp(nb).then(shouting(a).cmp(&shouting(b))).then(b.cmp(a))
        })
        .map(|(n, _)| n.clone())
}

fn local_name(iri: &str) -> String {
    iri.rsplit(['/', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or(iri)
        .to_string()
}

fn load(store: &Store) -> Result<CouncilGraph> {
    #[derive(Default)]
    struct Names {
        kind: Option<Kind>,
        names: Vec<(String, usize)>,
        acronyms: BTreeSet<String>,
        variants: BTreeSet<String>,
        period: Option<String>,
    }
    let mut entities: BTreeMap<String, Names> = BTreeMap::new();
    for row in select(store, NAMES_QUERY)? {
        let (Some(iri), Some(label)) = (row.get("e"), row.get("label")) else {
            continue;
        };
        let kind = match row.get("kind").map(String::as_str) {
            Some("person") => Kind::Person,
            Some("document") => Kind::Document,
            _ => Kind::Body,
        };
        let entry = entities.entry(iri.clone()).or_default();
        // A body that is also a person or document keeps the more specific kind.
        if entry.kind.is_none_or(|k| k == Kind::Body) {
            entry.kind = Some(kind);
        }
        match row.get("which").map(String::as_str) {
            Some("variant") => {
                entry.variants.insert(label.clone());
            }
            Some("acronym") => {
                entry.acronyms.insert(label.clone());
            }
            Some("period") => entry.period = Some(label.clone()),
            _ => {
                let files = row.get("files").and_then(|f| f.parse().ok()).unwrap_or(1);
                match entry.names.iter_mut().find(|(n, _)| n == label) {
                    Some((_, count)) => *count += files,
                    None => entry.names.push((label.clone(), files)),
                }
            }
        }
    }
    let councillors: BTreeSet<String> = select(store, COUNCILLORS_QUERY)?
        .into_iter()
        .filter_map(|r| r.get("e").cloned())
        .collect();

    let mut g = CouncilGraph::new();
    for (iri, names) in &entities {
        let kind = names.kind.unwrap_or(Kind::Other);
        let mut all: Vec<String> = names.names.iter().map(|(n, _)| n.clone()).collect();
        let mut name = display_name(&names.names)
            .or_else(|| names.acronyms.iter().next().cloned())
            .or_else(|| names.variants.iter().next().cloned())
            .unwrap_or_else(|| local_name(iri));
        // An edition of a document: "Neglect Strategy (2024-2026)".
        if let Some(period) = &names.period {
            all.extend(all.clone().iter().map(|n| format!("{n} {period}")));
            all.push(format!("{name} ({period})"));
            name = format!("{name} ({period})");
        }
        all.extend(names.acronyms.iter().cloned());
        all.sort();
        all.dedup();
        let councillor = kind == Kind::Person && councillors.contains(iri);
        if councillor && !name.starts_with("Councillor ") {
            name = format!("Councillor {name}");
        }
        g.add_node(Node {
            iri: iri.clone(),
            kind,
            name,
            names: all,
            variants: names.variants.iter().cloned().collect(),
            councillor,
            minutes: false,
            date: None,
        });
    }
    let ensure = |g: &mut CouncilGraph, iri: &str| {
        g.node_index(iri)
            .unwrap_or_else(|| g.add_node(Node::new(iri, Kind::Other, &local_name(iri))))
    };

    // Meetings: one node each, named "<body> <date>", an edge to the body.
    let mut meetings: BTreeMap<String, (String, Option<String>, bool, Vec<Evidence>)> = BTreeMap::new();
    for row in select(store, MEETINGS_QUERY)? {
        let (Some(iri), Some(body)) = (row.get("fact"), row.get("body")) else {
            continue;
        };
        let entry = meetings
            .entry(iri.clone())
            .or_insert_with(|| (body.clone(), row.get("date").cloned(), false, Vec::new()));
        entry.2 |= row.get("kind").is_some_and(|k| k == "minutes");
        entry.3.extend(evidence_of(&row));
    }
    for (iri, (body, date, minutes, evidence)) in meetings {
        let body_ix = ensure(&mut g, &body);
        let name = match &date {
            Some(d) => format!("{} {d}", g.graph[body_ix].name),
            None => g.graph[body_ix].name.clone(),
        };
        let mut node = Node::new(&iri, Kind::Meeting, &name);
        node.minutes = minutes;
        node.date = date;
        let ix = g.add_node(node);
        g.add_edge(ix, body_ix, EdgeKind::MeetingOf, evidence);
    }

    let mut edges: BTreeMap<(String, String, EdgeKind), Vec<Evidence>> = BTreeMap::new();
    for row in select(store, ATTENDANCE_QUERY)? {
        let (Some(person), Some(meeting), Some(status)) = (row.get("person"), row.get("meeting"), row.get("status"))
        else {
            continue;
        };
        edges
            .entry((person.clone(), meeting.clone(), EdgeKind::Attendance(status.clone())))
            .or_default()
            .extend(evidence_of(&row));
    }
    for row in select(store, RELATIONS_QUERY)? {
        let (Some(subject), Some(predicate), Some(object)) =
            (row.get("subject"), row.get("predicate"), row.get("object"))
        else {
            continue;
        };
        let predicate = predicate
            .strip_prefix(ns::CG)
            .map_or_else(|| local_name(predicate), str::to_string);
        edges
            .entry((subject.clone(), object.clone(), EdgeKind::Relation(predicate)))
            .or_default()
            .extend(evidence_of(&row));
    }
    for ((from, to, kind), evidence) in edges {
        let from = ensure(&mut g, &from);
        let to = ensure(&mut g, &to);
        g.add_edge(from, to, kind, evidence);
    }
    Ok(g)
}

// ---------------------------------------------------------------------------
// reports-to: the tree below a body and the chain above it
// ---------------------------------------------------------------------------

/// One reporting line: `body` reports to `reports_to`.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    /// Levels from the body asked about: below, how far `body` is under it;
    /// above, how far `reports_to` is over it (1 = directly).
    pub depth: usize,
    pub body: EntityRef,
    pub reports_to: EntityRef,
    pub evidence: Option<Evidence>,
}

/// The bodies reporting to a body, and what it reports to, up to the top.
#[derive(Debug, Clone, Serialize)]
pub struct ReportsTo {
    pub body: EntityRef,
    /// What the body reports to, nearest first (each line at its shortest
    /// distance; a body reporting to two bodies has two lines).
    pub above: Vec<ReportLine>,
    /// What reports to the body, directly or through others, nearest first.
    pub below: Vec<ReportLine>,
    /// Reporting cycles (each a set of bodies reporting round to each
    /// other) among the bodies above or below; traversal stops at them.
    pub cycles: Vec<Vec<EntityRef>>,
}

/// Shortest distances from `root` along `cg:reportsTo` edges in `direction`
/// (Incoming: who reports to it; Outgoing: what it reports to). Each node
/// is visited once, so cycles end the walk.
fn report_levels(g: &CouncilGraph, root: NodeIndex, direction: Direction) -> HashMap<NodeIndex, usize> {
    let mut depth = HashMap::from([(root, 0)]);
    let mut queue = VecDeque::from([root]);
    while let Some(n) = queue.pop_front() {
        for e in g.graph.edges_directed(n, direction) {
            if !e.weight().kind.is_reports_to() {
                continue;
            }
            let next = if direction == Incoming { e.source() } else { e.target() };
            if !depth.contains_key(&next) {
                depth.insert(next, depth[&n] + 1);
                queue.push_back(next);
            }
        }
    }
    depth
}

pub fn reports_to(g: &CouncilGraph, root: NodeIndex) -> ReportsTo {
    let below = report_levels(g, root, Incoming);
    let above = report_levels(g, root, Outgoing);
    let mut lines_below = Vec::new();
    let mut lines_above = Vec::new();
    for e in g.graph.edge_references().filter(|e| e.weight().kind.is_reports_to()) {
        let (from, to) = (e.source(), e.target());
        let line = |depth| ReportLine {
            depth,
            body: g.entity(from),
            reports_to: g.entity(to),
            evidence: e.weight().best_evidence().cloned(),
        };
        if let (Some(&df), Some(&dt)) = (below.get(&from), below.get(&to)) {
            if df == dt + 1 {
                lines_below.push(line(df));
            }
        }
        if let (Some(&df), Some(&dt)) = (above.get(&from), above.get(&to)) {
            if dt == df + 1 {
                lines_above.push(line(dt));
            }
        }
    }
    let order = |a: &ReportLine, b: &ReportLine| {
        (a.depth, &a.body.name, &a.reports_to.name).cmp(&(b.depth, &b.body.name, &b.reports_to.name))
    };
    lines_below.sort_by(order);
    lines_above.sort_by(order);

    let reporting = g
        .graph
        .filter_map(|_, _| Some(()), |_, e| e.kind.is_reports_to().then_some(()));
    let mut cycles: Vec<Vec<EntityRef>> = petgraph::algo::tarjan_scc(&reporting)
        .into_iter()
        .filter(|scc| scc.len() > 1 || reporting.contains_edge(scc[0], scc[0]))
        .filter(|scc| scc.iter().any(|n| below.contains_key(n) || above.contains_key(n)))
        .map(|scc| {
            let mut members: Vec<EntityRef> = scc.into_iter().map(|n| g.entity(n)).collect();
            members.sort_by(|a, b| a.name.cmp(&b.name));
            members
        })
        .collect();
    cycles.sort_by(|a, b| a[0].name.cmp(&b[0].name));
    ReportsTo {
        body: g.entity(root),
        above: lines_above,
        below: lines_below,
        cycles,
    }
}

// ---------------------------------------------------------------------------
// path: the shortest connection between two entities
// ---------------------------------------------------------------------------

/// One edge of a path, read from `from` to `to`.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub from: EntityRef,
    pub to: EntityRef,
    /// `reportsTo`, `chairedBy` …, `attended` (person → meeting) or
    /// `meetingOf` (meeting → body).
    pub predicate: String,
    /// Whether the fact reads from `from` to `to` ("from reportsTo to");
    /// false when it reads the other way.
    pub forward: bool,
    /// The attendance status, for `attended`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub evidence: Option<Evidence>,
}

/// Preference among parallel edges: stated relations, inferred ones, a
/// meeting's body, attendance.
fn edge_preference(edge: &Edge) -> u8 {
    match &edge.kind {
        EdgeKind::Relation(_) if edge.best_evidence().is_none_or(|e| e.rank().0) => 1,
        EdgeKind::Relation(_) => 0,
        EdgeKind::MeetingOf => 2,
        EdgeKind::Attendance(_) => 3,
    }
}

/// The shortest path from `a` to `b` over every traversable edge, in either
/// direction (breadth-first). `None` when they are not connected; an empty
/// path when `a == b`.
pub fn shortest_path(g: &CouncilGraph, a: NodeIndex, b: NodeIndex) -> Option<Vec<Step>> {
    let mut previous: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut seen = BTreeSet::from([a]);
    let mut queue = VecDeque::from([a]);
    while let Some(n) = queue.pop_front() {
        if n == b {
            break;
        }
        for next in neighbours(g, n) {
            if seen.insert(next) {
                previous.insert(next, n);
                queue.push_back(next);
            }
        }
    }
    if !seen.contains(&b) {
        return None;
    }
    let mut nodes = vec![b];
    while let Some(&p) = previous.get(nodes.last().unwrap()) {
        nodes.push(p);
    }
    nodes.reverse();
    Some(
        nodes
            .windows(2)
            .map(|pair| {
                let (from, to) = (pair[0], pair[1]);
                let forward = g.graph.edges_connecting(from, to).map(|e| (e, true));
                let backward = g.graph.edges_connecting(to, from).map(|e| (e, false));
                let (edge, forward) = forward
                    .chain(backward)
                    .filter(|(e, _)| e.weight().kind.traversable())
                    .min_by_key(|(e, _)| (edge_preference(e.weight()), e.id()))
                    .expect("consecutive path nodes are joined by an edge");
                let weight = edge.weight();
                Step {
                    from: g.entity(from),
                    to: g.entity(to),
                    predicate: weight.kind.predicate(),
                    forward,
                    status: match &weight.kind {
                        EdgeKind::Attendance(s) => Some(s.clone()),
                        _ => None,
                    },
                    evidence: weight.best_evidence().cloned(),
                }
            })
            .collect(),
    )
}

/// Neighbours over traversable edges in either direction, in node order.
fn neighbours(g: &CouncilGraph, n: NodeIndex) -> Vec<NodeIndex> {
    let mut out: Vec<NodeIndex> = g
        .graph
        .edges_directed(n, Outgoing)
        .filter(|e| e.weight().kind.traversable())
        .map(|e| e.target())
        .chain(
            g.graph
                .edges_directed(n, Incoming)
                .filter(|e| e.weight().kind.traversable())
                .map(|e| e.source()),
        )
        .filter(|&m| m != n)
        .collect();
    out.sort();
    out.dedup();
    out
}

// ---------------------------------------------------------------------------
// central: degree and betweenness
// ---------------------------------------------------------------------------

/// How connected a person or body is.
#[derive(Debug, Clone, Serialize)]
pub struct Centrality {
    pub entity: EntityRef,
    /// Distinct neighbours over relations, attendance and meetings' bodies.
    pub degree: usize,
    /// Of those, entities joined by a relation.
    pub relations: usize,
    /// Of those, meetings attended (people) or held (bodies).
    pub meetings: usize,
    /// Normalised betweenness (Brandes, unweighted, undirected): the share
    /// of shortest paths between other nodes that pass through this one.
    pub betweenness: f64,
}

/// What `central` ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankBy {
    Degree,
    Betweenness,
}

/// Degree and betweenness of every person and body, most connected first.
pub fn centrality(g: &CouncilGraph, by: RankBy) -> Vec<Centrality> {
    let adjacency: Vec<Vec<NodeIndex>> = g.graph.node_indices().map(|n| neighbours(g, n)).collect();
    let betweenness = betweenness(&adjacency);
    let mut out: Vec<Centrality> = g
        .graph
        .node_indices()
        .filter(|&n| matches!(g.graph[n].kind, Kind::Person | Kind::Body))
        .map(|n| {
            let around = &adjacency[n.index()];
            let meetings = around.iter().filter(|&&m| g.graph[m].kind == Kind::Meeting).count();
            Centrality {
                entity: g.entity(n),
                degree: around.len(),
                relations: around.len() - meetings,
                meetings,
                betweenness: betweenness[n.index()],
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let degree = b.degree.cmp(&a.degree);
        let between = b.betweenness.total_cmp(&a.betweenness);
        match by {
            RankBy::Degree => degree.then(between),
            RankBy::Betweenness => between.then(degree),
        }
        .then_with(|| a.entity.name.cmp(&b.entity.name))
    });
    out
}

/// Brandes' algorithm on an undirected, unweighted graph given as sorted
/// neighbour lists, normalised by the (n−1)(n−2)/2 pairs of other nodes.
fn betweenness(adjacency: &[Vec<NodeIndex>]) -> Vec<f64> {
    let n = adjacency.len();
    let mut centrality = vec![0.0; n];
    for s in 0..n {
        let mut stack = Vec::with_capacity(n);
        let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut paths = vec![0.0_f64; n];
        let mut distance = vec![usize::MAX; n];
        paths[s] = 1.0;
        distance[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for w in adjacency[v].iter().map(|w| w.index()) {
                if distance[w] == usize::MAX {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    paths[w] += paths[v];
                    predecessors[w].push(v);
                }
            }
        }
        let mut dependency = vec![0.0_f64; n];
        while let Some(w) = stack.pop() {
            for &v in &predecessors[w] {
                dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
            }
            if w != s {
                centrality[w] += dependency[w];
            }
        }
    }
    let pairs = if n > 2 { ((n - 1) * (n - 2)) as f64 / 2.0 } else { 1.0 };
    // Each undirected path was counted from both of its ends.
    centrality.iter().map(|c| c / 2.0 / pairs).collect()
}

// ---------------------------------------------------------------------------
// co-attendance
// ---------------------------------------------------------------------------

/// Two people and the minuted meetings both attended.
#[derive(Debug, Clone, Serialize)]
pub struct CoAttendance {
    pub a: EntityRef,
    pub b: EntityRef,
    /// The number of meetings shared.
    pub weight: usize,
    /// Their dates (or names, for a meeting without a date).
    pub meetings: Vec<String>,
}

/// Pairs of people who attended (present, chair, vice-chair, in attendance)
/// the same meetings with minutes, sharing at least `min`, heaviest first.
pub fn co_attendance(g: &CouncilGraph, min: usize) -> Vec<CoAttendance> {
    let mut shared: BTreeMap<(NodeIndex, NodeIndex), Vec<NodeIndex>> = BTreeMap::new();
    for meeting in g.graph.node_indices() {
        let node = &g.graph[meeting];
        if node.kind != Kind::Meeting || !node.minutes {
            continue;
        }
        let mut people: Vec<NodeIndex> = g
            .graph
            .edges_directed(meeting, Incoming)
            .filter(|e| matches!(&e.weight().kind, EdgeKind::Attendance(s) if ATTENDED.contains(&s.as_str())))
            .map(|e| e.source())
            .collect();
        people.sort();
        people.dedup();
        for (i, &p) in people.iter().enumerate() {
            for &q in &people[i + 1..] {
                shared.entry((p, q)).or_default().push(meeting);
            }
        }
    }
    let mut out: Vec<CoAttendance> = shared
        .into_iter()
        .filter(|(_, meetings)| meetings.len() >= min.max(1))
        .map(|((p, q), meetings)| {
            let (p, q) = if g.graph[p].name <= g.graph[q].name {
                (p, q)
            } else {
                (q, p)
            };
            let mut dates: Vec<String> = meetings
                .iter()
                .map(|&m| g.graph[m].date.clone().unwrap_or_else(|| g.graph[m].name.clone()))
                .collect();
            dates.sort();
            CoAttendance {
                a: g.entity(p),
                b: g.entity(q),
                weight: meetings.len(),
                meetings: dates,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.weight
            .cmp(&x.weight)
            .then_with(|| (&x.a.name, &x.b.name).cmp(&(&y.a.name, &y.b.name)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(quote: &str) -> Vec<Evidence> {
        vec![Evidence {
            basis: Some("stated".into()),
            file: "minutes/a.txt".into(),
            start: 10,
            end: 10 + quote.chars().count() as u64,
            quote: quote.into(),
        }]
    }

    fn body(g: &mut CouncilGraph, name: &str) -> NodeIndex {
        g.add_node(Node::new(&format!("body/{name}"), Kind::Body, name))
    }

    fn person(g: &mut CouncilGraph, name: &str) -> NodeIndex {
        let mut node = Node::new(&format!("person/{name}"), Kind::Person, &format!("Councillor {name}"));
        node.names = vec![name.to_string()];
        node.councillor = true;
        g.add_node(node)
    }

    fn reports(g: &mut CouncilGraph, from: NodeIndex, to: NodeIndex) {
        let quote = format!("{} reports to {}", g.node(from).name, g.node(to).name);
        g.add_edge(from, to, EdgeKind::Relation("reportsTo".into()), ev(&quote));
    }

    fn meeting(g: &mut CouncilGraph, of: NodeIndex, date: &str, minutes: bool) -> NodeIndex {
        let mut node = Node::new(&format!("meeting/{date}"), Kind::Meeting, date);
        node.minutes = minutes;
        node.date = Some(date.to_string());
        let m = g.add_node(node);
        g.add_edge(m, of, EdgeKind::MeetingOf, ev("Minutes of the meeting"));
        m
    }

    fn attend(g: &mut CouncilGraph, p: NodeIndex, m: NodeIndex, status: &str) {
        g.add_edge(p, m, EdgeKind::Attendance(status.into()), ev("Present:- Councillors"));
    }

    fn names(lines: &[ReportLine]) -> Vec<(usize, &str, &str)> {
        lines
            .iter()
            .map(|l| (l.depth, l.body.name.as_str(), l.reports_to.name.as_str()))
            .collect()
    }

    /// Top ← Exec ← {A, B}; A ← C; C → Exec as well (a shortcut); and a
    /// cycle X → Y → Z → X with Y → A.
    fn reporting_tree() -> (CouncilGraph, [NodeIndex; 8]) {
        let mut g = CouncilGraph::new();
        let [top, exec, a, b, c, x, y, z] = ["Top", "Exec", "A", "B", "C", "X", "Y", "Z"].map(|n| body(&mut g, n));
        reports(&mut g, exec, top);
        reports(&mut g, a, exec);
        reports(&mut g, b, exec);
        reports(&mut g, c, a);
        reports(&mut g, c, exec);
        reports(&mut g, x, y);
        reports(&mut g, y, z);
        reports(&mut g, z, x);
        reports(&mut g, y, a);
        (g, [top, exec, a, b, c, x, y, z])
    }

    #[test]
    fn the_tree_below_has_shortest_depths_and_the_chain_above_goes_to_the_top() {
        let (g, [top, _, a, ..]) = reporting_tree();
        let r = reports_to(&g, top);
        assert!(r.above.is_empty());
        assert_eq!(
            names(&r.below),
            vec![
                (1, "Exec", "Top"),
                (2, "A", "Exec"),
                (2, "B", "Exec"),
                (2, "C", "Exec"),
                (3, "Y", "A"),
                (4, "X", "Y"),
                (5, "Z", "X"),
            ]
        );
        let r = reports_to(&g, a);
        assert_eq!(names(&r.above), vec![(1, "A", "Exec"), (2, "Exec", "Top")]);
        assert_eq!(r.below.iter().filter(|l| l.depth == 1).count(), 2, "C and Y");
        assert!(r
            .below
            .iter()
            .all(|l| l.evidence.as_ref().unwrap().quote.contains("reports to")));
    }

    #[test]
    fn a_reporting_cycle_ends_the_walk_and_is_reported() {
        let (g, [_, _, _, _, _, x, y, z]) = reporting_tree();
        let r = reports_to(&g, x);
        // Above X: Y (1), then Z and A (2), Exec (3), Top (4); X itself is not revisited.
        assert_eq!(
            names(&r.above),
            vec![
                (1, "X", "Y"),
                (2, "Y", "A"),
                (2, "Y", "Z"),
                (3, "A", "Exec"),
                (4, "Exec", "Top")
            ]
        );
        assert_eq!(names(&r.below), vec![(1, "Z", "X"), (2, "Y", "Z")]);
        assert_eq!(r.cycles.len(), 1);
        let cycle: Vec<&str> = r.cycles[0].iter().map(|e| e.name.as_str()).collect();
        assert_eq!(cycle, ["X", "Y", "Z"]);
        let _ = (y, z);
    }

    #[test]
    fn a_path_crosses_relations_both_ways_and_attendance() {
        let mut g = CouncilGraph::new();
        let [top, sub, other] = ["Top", "Sub", "Other"].map(|n| body(&mut g, n));
        let p = person(&mut g, "Pitchley");
        reports(&mut g, sub, top);
        let m = meeting(&mut g, top, "2024-10-29", true);
        attend(&mut g, p, m, "chair");
        let path = shortest_path(&g, sub, p).unwrap();
        let steps: Vec<(&str, &str, bool, &str)> = path
            .iter()
            .map(|s| {
                (
                    s.from.name.as_str(),
                    s.predicate.as_str(),
                    s.forward,
                    s.to.name.as_str(),
                )
            })
            .collect();
        assert_eq!(
            steps,
            [
                ("Sub", "reportsTo", true, "Top"),
                ("Top", "meetingOf", false, "2024-10-29"),
                ("2024-10-29", "attended", false, "Councillor Pitchley"),
            ]
        );
        assert_eq!(path[2].status.as_deref(), Some("chair"));
        assert!(path.iter().all(|s| s.evidence.is_some()));
        assert!(shortest_path(&g, sub, other).is_none(), "Other is disconnected");
        assert_eq!(shortest_path(&g, sub, sub).unwrap().len(), 0);
    }

    #[test]
    fn apologies_do_not_connect_a_path() {
        let mut g = CouncilGraph::new();
        let top = body(&mut g, "Top");
        let p = person(&mut g, "Hughes");
        let m = meeting(&mut g, top, "2024-01-30", true);
        attend(&mut g, p, m, "apologies");
        assert!(shortest_path(&g, p, top).is_none());
    }

    #[test]
    fn co_attendance_counts_shared_minuted_meetings() {
        let mut g = CouncilGraph::new();
        let ilsc = body(&mut g, "ILSC");
        let [pitchley, hughes, clark] = ["Pitchley", "Hughes", "Clark"].map(|n| person(&mut g, n));
        let m1 = meeting(&mut g, ilsc, "2023-12-05", true);
        let m2 = meeting(&mut g, ilsc, "2024-01-30", true);
        let m3 = meeting(&mut g, ilsc, "2024-10-29", true);
        let agenda = meeting(&mut g, ilsc, "2019-07-09", false);
        for m in [m1, m2, m3] {
            attend(&mut g, pitchley, m, if m == m3 { "chair" } else { "present" });
            attend(&mut g, hughes, m, "present");
        }
        attend(&mut g, clark, m1, "in-attendance");
        attend(&mut g, clark, m2, "apologies");
        attend(&mut g, pitchley, agenda, "present");
        attend(&mut g, hughes, agenda, "present");
        let pairs = co_attendance(&g, 1);
        let got: Vec<(&str, &str, usize)> = pairs
            .iter()
            .map(|p| (p.a.name.as_str(), p.b.name.as_str(), p.weight))
            .collect();
        assert_eq!(
            got,
            [
                ("Councillor Hughes", "Councillor Pitchley", 3),
                ("Councillor Clark", "Councillor Hughes", 1),
                ("Councillor Clark", "Councillor Pitchley", 1),
            ]
        );
        assert_eq!(pairs[0].meetings, ["2023-12-05", "2024-01-30", "2024-10-29"]);
        assert_eq!(co_attendance(&g, 2).len(), 1);
    }

    #[test]
    fn centrality_counts_distinct_neighbours_and_a_broker_has_betweenness() {
        // A star: Hub — {L1, L2, L3}, plus a parallel edge Hub → L1.
        let mut g = CouncilGraph::new();
        let [hub, l1, l2, l3] = ["Hub", "L1", "L2", "L3"].map(|n| body(&mut g, n));
        for leaf in [l1, l2, l3] {
            reports(&mut g, leaf, hub);
        }
        g.add_edge(hub, l1, EdgeKind::Relation("chairedBy".into()), ev("chaired by"));
        let c = centrality(&g, RankBy::Degree);
        assert_eq!(c[0].entity.name, "Hub");
        assert_eq!(c[0].degree, 3);
        // Every one of the 3 pairs of leaves passes through the hub.
        assert!((c[0].betweenness - 1.0).abs() < 1e-9, "{}", c[0].betweenness);
        assert!(c[1..].iter().all(|x| x.degree == 1 && x.betweenness == 0.0));
    }

    #[test]
    fn names_match_without_case_honorifics_or_a_leading_the() {
        let mut g = CouncilGraph::new();
        let ilsc = body(&mut g, "Improving Lives Select Commission");
        let p = person(&mut g, "Pitchley");
        g.graph[ilsc].variants.push("ILSC".into());
        assert_eq!(g.resolve("the improving lives select commission").unwrap(), ilsc);
        assert_eq!(g.resolve("ilsc").unwrap(), ilsc);
        assert_eq!(g.resolve("Cllr Pitchley").unwrap(), p);
        assert_eq!(g.resolve("Councillor  PITCHLEY").unwrap(), p);
        assert_eq!(match_key("Children’s Services"), match_key("children's services"));
        match g.resolve("Nobody") {
            Err(ResolveError::Unknown { .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_ambiguous_name_lists_its_candidates_and_a_own_name_beats_a_variant() {
        let mut g = CouncilGraph::new();
        let a = body(&mut g, "Multi-Agency Safeguarding Hub");
        let b = body(&mut g, "Multi Agency Safeguarding Hub");
        let c = body(&mut g, "MASH Board");
        for n in [a, b] {
            g.graph[n].names.push("MASH".into());
        }
        g.graph[c].variants.push("Multi Agency Safeguarding Hub".into());
        let err = g.resolve("MASH").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("ambiguous") && text.contains("Multi-Agency Safeguarding Hub"),
            "{text}"
        );
        assert!(text.contains("Multi Agency Safeguarding Hub (body"), "{text}");
        assert_eq!(g.resolve("Multi Agency Safeguarding Hub").unwrap(), b);
        assert!(g
            .resolve("Safeguarding")
            .unwrap_err()
            .to_string()
            .contains("names containing it"));
    }
}
