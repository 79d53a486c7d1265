//! Exports: RDF dumps of the store (N-Quads, TriG and JSON-LD keep the named
//! graphs; Turtle and N-Triples hold the union of all files' facts), the
//! entity graph for Gephi (GraphML, GEXF with meeting dates on attendance)
//! and Graphviz (DOT), and CSV tables for spreadsheets.
//!
//! Architecture invariant: reads the store (directly, or through
//! [`CouncilGraph`]); never writes to it.

use crate::graph::{CouncilGraph, EdgeKind, Kind};
use crate::query::{evaluate, prepare, write_results, OutputFormat};
use anyhow::Result;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Triple;
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfExport {
    NQuads,
    TriG,
    Turtle,
    NTriples,
    JsonLd,
}

fn serializer(format: RdfFormat) -> Result<RdfSerializer> {
    let mut s = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (prefix, iri) in crate::query::PREFIXES {
            s = s.with_prefix(*prefix, *iri)?;
        }
    }
    Ok(s)
}

/// Writes the store as RDF: every quad with its graph (N-Quads, TriG,
/// JSON-LD), or the union of the graphs, each triple once (Turtle, N-Triples).
pub fn rdf(store: &Store, export: RdfExport, out: &mut dyn Write) -> Result<()> {
    let format = match export {
        RdfExport::NQuads => RdfFormat::NQuads,
        RdfExport::TriG => RdfFormat::TriG,
        RdfExport::Turtle => RdfFormat::Turtle,
        RdfExport::NTriples => RdfFormat::NTriples,
        RdfExport::JsonLd => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
    };
    let mut writer = serializer(format)?.for_writer(out);
    // The union graph is the store's index of the others, the summary
    // graph is computed from it: neither is exported.
    let union = oxigraph::model::GraphName::NamedNode(crate::store::union_graph());
    let summaries = oxigraph::model::GraphName::NamedNode(crate::summary::summary_graph());
    let quads = store.iter().filter(|q| {
        q.as_ref()
            .map_or(true, |q| q.graph_name != union && q.graph_name != summaries)
    });
    if format.supports_datasets() {
        for quad in quads {
            writer.serialize_quad(&quad?)?;
        }
    } else {
        // Each triple once, in a stable order (the same store, the same file).
        let mut triples: std::collections::HashSet<Triple> = std::collections::HashSet::new();
        for quad in quads {
            triples.insert(Triple::from(quad?));
        }
        let mut triples: Vec<Triple> = triples.into_iter().collect();
        triples.sort_by_cached_key(Triple::to_string);
        for t in &triples {
            writer.serialize_triple(t)?;
        }
    }
    writer.finish()?;
    Ok(())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The label an edge carries: the predicate, or the attendance status.
fn edge_label(kind: &EdgeKind) -> String {
    match kind {
        EdgeKind::Attendance(status) => status.clone(),
        other => other.predicate(),
    }
}

/// GraphML for Gephi, yEd or networkx: nodes with name, kind and IRI; edges
/// with their predicate and the first quote behind them.
pub fn graphml(g: &CouncilGraph, out: &mut dyn Write) -> Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#)?;
    for (id, for_, name) in [
        ("name", "node", "name"),
        ("kind", "node", "kind"),
        ("iri", "node", "iri"),
        ("date", "node", "date"),
        ("predicate", "edge", "predicate"),
        ("quote", "edge", "quote"),
        ("source", "edge", "source"),
    ] {
        writeln!(
            out,
            r#"  <key id="{id}" for="{for_}" attr.name="{name}" attr.type="string"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="councilgraph" edgedefault="directed">"#)?;
    for ix in g.graph.node_indices() {
        let n = &g.graph[ix];
        writeln!(out, r#"    <node id="n{}">"#, ix.index())?;
        writeln!(out, r#"      <data key="name">{}</data>"#, xml_escape(&n.name))?;
        writeln!(out, r#"      <data key="kind">{}</data>"#, n.kind.as_str())?;
        writeln!(out, r#"      <data key="iri">{}</data>"#, xml_escape(&n.iri))?;
        if let Some(d) = &n.date {
            writeln!(out, r#"      <data key="date">{d}</data>"#)?;
        }
        writeln!(out, "    </node>")?;
    }
    for e in g.graph.edge_indices() {
        let (a, b) = g.graph.edge_endpoints(e).expect("edge");
        let edge = &g.graph[e];
        writeln!(
            out,
            r#"    <edge id="e{}" source="n{}" target="n{}">"#,
            e.index(),
            a.index(),
            b.index()
        )?;
        writeln!(
            out,
            r#"      <data key="predicate">{}</data>"#,
            xml_escape(&edge_label(&edge.kind))
        )?;
        if let Some(ev) = edge.best_evidence() {
            writeln!(out, r#"      <data key="quote">{}</data>"#, xml_escape(&ev.quote))?;
            writeln!(
                out,
                r#"      <data key="source">{}:{}-{}</data>"#,
                xml_escape(&ev.file),
                ev.start,
                ev.end
            )?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")?;
    Ok(())
}

/// A dated role: person IRI, post (title and organisation) and date.
pub struct DatedRole {
    pub person: String,
    pub post: String,
    pub date: String,
}

const ROLES: &str = "SELECT DISTINCT ?person ?title ?org ?date WHERE { ?m a org:Membership ; org:member ?person ; cg:postTitle ?title ; cg:asOf ?date . OPTIONAL { ?m cg:organisationName ?org } }";

/// Every dated role in the store (for GEXF's time intervals).
pub fn dated_roles(store: &Store) -> Result<Vec<DatedRole>> {
    let oxigraph::sparql::QueryResults::Solutions(solutions) = evaluate(store, prepare(ROLES, &[])?)? else {
        anyhow::bail!("internal error: not a SELECT");
    };
    let mut out = Vec::new();
    for s in solutions {
        let s = s?;
        let get = |v: &str| crate::query::cell(s.get(v));
        let org = get("org");
        out.push(DatedRole {
            person: get("person"),
            post: if org.is_empty() {
                get("title")
            } else {
                format!("{}, {org}", get("title"))
            },
            date: get("date"),
        });
    }
    Ok(out)
}

/// GEXF 1.2 for Gephi: meetings, attendance and roles carry their date as a
/// time interval, so Gephi's timeline plays the record meeting by meeting
/// and shows who held which post when.
pub fn gexf(g: &CouncilGraph, roles: &[DatedRole], out: &mut dyn Write) -> Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">"#)?;
    writeln!(
        out,
        r#"  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">"#
    )?;
    writeln!(
        out,
        r#"    <attributes class="node"><attribute id="kind" title="kind" type="string"/><attribute id="iri" title="iri" type="string"/></attributes>"#
    )?;
    writeln!(
        out,
        r#"    <attributes class="edge"><attribute id="quote" title="quote" type="string"/></attributes>"#
    )?;
    writeln!(out, "    <nodes>")?;
    for ix in g.graph.node_indices() {
        let n = &g.graph[ix];
        let when = n
            .date
            .as_ref()
            .map(|d| format!(r#" start="{d}" end="{d}""#))
            .unwrap_or_default();
        writeln!(
            out,
            r#"      <node id="n{}" label="{}"{when}>"#,
            ix.index(),
            xml_escape(&n.name)
        )?;
        writeln!(
            out,
            r#"        <attvalues><attvalue for="kind" value="{}"/><attvalue for="iri" value="{}"/></attvalues>"#,
            n.kind.as_str(),
            xml_escape(&n.iri)
        )?;
        writeln!(out, "      </node>")?;
    }
    let posts: BTreeSet<&str> = roles.iter().map(|r| r.post.as_str()).collect();
    let post_ids: std::collections::HashMap<&str, usize> = posts.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    for (post, i) in &post_ids {
        writeln!(
            out,
            r#"      <node id="post{i}" label="{}"><attvalues><attvalue for="kind" value="post"/></attvalues></node>"#,
            xml_escape(post)
        )?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for (i, r) in roles.iter().enumerate() {
        let Some(person) = g.node_index(&r.person) else {
            continue;
        };
        writeln!(
            out,
            r#"      <edge id="role{i}" source="n{}" target="post{}" label="holds" start="{d}" end="{d}"/>"#,
            person.index(),
            post_ids[r.post.as_str()],
            d = r.date
        )?;
    }
    for e in g.graph.edge_indices() {
        let (a, b) = g.graph.edge_endpoints(e).expect("edge");
        let edge = &g.graph[e];
        // Attendance happens on the meeting's date.
        let date = match edge.kind {
            EdgeKind::Attendance(_) => g.graph[b].date.clone(),
            _ => None,
        };
        let when = date.map(|d| format!(r#" start="{d}" end="{d}""#)).unwrap_or_default();
        let quote = edge.best_evidence().map(|ev| xml_escape(&ev.quote)).unwrap_or_default();
        writeln!(
            out,
            r#"      <edge id="e{}" source="n{}" target="n{}" label="{}"{when}><attvalues><attvalue for="quote" value="{quote}"/></attvalues></edge>"#,
            e.index(),
            a.index(),
            b.index(),
            xml_escape(&edge_label(&edge.kind))
        )?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")?;
    Ok(())
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ")
}

/// DOT for Graphviz: the governance structure (bodies, documents, people and
/// the relations between them; meetings and attendance are left out, they
/// would drown it). `dot -Tsvg` draws it.
pub fn dot(g: &CouncilGraph, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "digraph councilgraph {{\n  rankdir=BT;\n  node [fontname=\"Helvetica\"];"
    )?;
    let relation_edges: Vec<_> = g
        .graph
        .edge_indices()
        .filter(|&e| matches!(g.graph[e].kind, EdgeKind::Relation(_)))
        .collect();
    let mut shown = BTreeSet::new();
    for &e in &relation_edges {
        let (a, b) = g.graph.edge_endpoints(e).expect("edge");
        shown.insert(a);
        shown.insert(b);
    }
    for ix in &shown {
        let n = &g.graph[*ix];
        let shape = match n.kind {
            Kind::Body => "box",
            Kind::Document => "note",
            Kind::Person => "ellipse",
            _ => "plaintext",
        };
        writeln!(
            out,
            "  n{} [label=\"{}\", shape={shape}];",
            ix.index(),
            dot_escape(&n.name)
        )?;
    }
    for e in relation_edges {
        let (a, b) = g.graph.edge_endpoints(e).expect("edge");
        writeln!(
            out,
            "  n{} -> n{} [label=\"{}\"];",
            a.index(),
            b.index(),
            dot_escape(&edge_label(&g.graph[e].kind))
        )?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

/// The CSV tables: file name and the SELECT that fills it.
const TABLES: &[(&str, &str)] = &[
    (
        "people.csv",
        "SELECT DISTINCT ?person ?name ?councillor WHERE { ?person a foaf:Person ; foaf:name ?name . BIND(EXISTS { ?person a cg:Councillor } AS ?councillor) } ORDER BY ?name",
    ),
    (
        "bodies.csv",
        "SELECT ?body (SAMPLE(?n) AS ?name) (SAMPLE(?t) AS ?type) (SAMPLE(?a) AS ?acronym) WHERE { ?body a cg:Body ; skos:prefLabel ?n ; cg:bodyType ?t . OPTIONAL { ?body cg:acronym ?a } } GROUP BY ?body ORDER BY ?name",
    ),
    (
        "meetings.csv",
        "SELECT DISTINCT ?meeting ?date ?body ?kind WHERE { ?meeting a cg:Meeting ; dcterms:date ?date ; cg:kind ?kind ; cg:body ?b . ?b rdfs:label ?body } ORDER BY ?date",
    ),
    (
        "attendance.csv",
        "SELECT DISTINCT ?date ?body ?person ?name ?status WHERE { ?r a cg:Attendance ; cg:meeting ?m ; cg:person ?person ; cg:status ?status . ?person foaf:name ?name . ?m dcterms:date ?date ; cg:body ?b . ?b rdfs:label ?body } ORDER BY ?date ?status ?name",
    ),
];

/// Writes people.csv, bodies.csv, meetings.csv and attendance.csv into `dir`.
pub fn csv_tables(store: &Store, dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (file, query) in TABLES {
        let path = dir.join(file);
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        write_results(evaluate(store, prepare(query, &[])?)?, OutputFormat::Csv, &mut out)?;
        out.flush()?;
        written.push(path);
    }
    Ok(written)
}
