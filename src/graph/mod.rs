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
use anyhow::Result;
use oxigraph::store::Store;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::HashMap;

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
        load::load(store)
    }
}

mod load;
mod traverse;

pub use traverse::*;

#[cfg(test)]
mod tests;
