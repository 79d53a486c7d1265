//! `councilgraph export`: every format read back by an independent parser
//! (rdflib for RDF, networkx for GraphML and GEXF), with the store's counts.

mod common;
use common::*;
use std::process::Command;

const CHECK: &str = r#"
import sys, json, rdflib, networkx
out = sys.argv[1]
counts = {}
for name, fmt in [("all.nq", "nquads"), ("all.trig", "trig"), ("all.jsonld", "json-ld")]:
    ds = rdflib.Dataset()
    ds.parse(out + "/" + name, format=fmt)
    counts[fmt] = len(set(ds.quads((None, None, None, None))))
for name, fmt in [("all.ttl", "turtle"), ("all.nt", "nt")]:
    g = rdflib.Graph()
    g.parse(out + "/" + name, format=fmt)
    counts[fmt] = len(g)
g = networkx.read_graphml(out + "/all.graphml")
counts["graphml_nodes"], counts["graphml_edges"] = g.number_of_nodes(), g.number_of_edges()
counts["graphml_names"] = sorted(d.get("name", "") for _, d in g.nodes(data=True))[:3]
g = networkx.read_gexf(out + "/all.gexf")
counts["gexf_nodes"], counts["gexf_edges"] = g.number_of_nodes(), g.number_of_edges()
print(json.dumps(counts))
"#;

#[test]
fn every_export_is_read_back_by_an_independent_parser() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    for (format, file) in [
        ("nquads", "all.nq"),
        ("trig", "all.trig"),
        ("turtle", "all.ttl"),
        ("ntriples", "all.nt"),
        ("jsonld", "all.jsonld"),
        ("graphml", "all.graphml"),
        ("gexf", "all.gexf"),
        ("dot", "all.dot"),
    ] {
        let target = out.join(file);
        ok(
            dir.path(),
            &["export", "--format", format, "--out", &target.to_string_lossy()],
        );
    }
    let quads: u64 = csv_rows(&ok(
        dir.path(),
        &[
            "query",
            // Every file's quads: the union graph (each triple once) is the store's index, not exported.
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g NOT IN (<https://councilgraph.org/graph/union>, <https://councilgraph.org/graph/summary>)) }",
            "--format",
            "csv",
        ],
    ))[0][0]
        .parse()
        .unwrap();
    let triples: u64 = csv_rows(&ok(
        dir.path(),
        &[
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://councilgraph.org/graph/summary>) } }",
            "--format",
            "csv",
        ],
    ))[0][0]
        .parse()
        .unwrap();
    let o = Command::new("python3")
        .arg("-c")
        .arg(CHECK)
        .arg(&out)
        .output()
        .expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let counts: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for fmt in ["nquads", "trig", "json-ld"] {
        assert_eq!(counts[fmt].as_u64(), Some(quads), "{fmt}: {counts}");
    }
    for fmt in ["turtle", "nt"] {
        assert_eq!(counts[fmt].as_u64(), Some(triples), "{fmt}: {counts}");
    }
    assert!(counts["graphml_nodes"].as_u64().unwrap() > 100, "{counts}");
    // GEXF adds the posts people held, each role an edge dated by its meeting.
    assert!(
        counts["gexf_nodes"].as_u64() > counts["graphml_nodes"].as_u64(),
        "{counts}"
    );
    assert!(
        counts["gexf_edges"].as_u64() > counts["graphml_edges"].as_u64(),
        "{counts}"
    );
    let gexf = std::fs::read_to_string(out.join("all.gexf")).unwrap();
    assert!(
        gexf.contains(r#"label="holds" start="2024-10-29" end="2024-10-29""#),
        "no dated role"
    );
    let dot = std::fs::read_to_string(out.join("all.dot")).unwrap();
    assert!(dot.starts_with("digraph councilgraph {") && dot.trim_end().ends_with('}'));
    assert!(
        dot.contains("label=\"reportsTo\"") && dot.contains("Chief Officer Group"),
        "{dot}"
    );
}

#[test]
fn csv_tables_hold_people_bodies_meetings_and_attendance() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let o = run(dir.path(), &["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give --out DIR"));
    ok(dir.path(), &["export", "--format", "csv", "--out", "tables"]);
    let attendance = std::fs::read_to_string(dir.path().join("tables/attendance.csv")).unwrap();
    let rows = csv_rows(&attendance);
    assert!(
        rows.iter()
            .any(|r| r[0] == "2024-10-29" && r[3] == "Pitchley" && r[4] == "chair"),
        "{attendance}"
    );
    for table in ["people.csv", "bodies.csv", "meetings.csv"] {
        let text = std::fs::read_to_string(dir.path().join("tables").join(table)).unwrap();
        assert!(csv_rows(&text).len() > 5, "{table}: {text}");
    }
}
