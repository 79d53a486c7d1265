//! Loading the graph from the store: people, bodies, documents, meetings,
//! attendance and relation statements, each edge with its evidence.

use super::*;
use crate::query::{cell, evaluate, prepare};
use crate::rdf::ns;
use anyhow::Result;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

pub(super) fn load(store: &Store) -> Result<CouncilGraph> {
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
