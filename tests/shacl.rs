//! The built graph validates against ontology/shapes.ttl with a real SHACL
//! validator (pyshacl, installed by ./x test).

mod common;
use common::*;
use std::process::Command;

#[test]
fn the_built_graph_conforms_to_the_shapes() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let triples = ok(dir.path(), &["query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"]);
    assert!(triples.lines().count() > 1000);
    let data = dir.path().join("graph.nt");
    std::fs::write(&data, triples).unwrap();
    let script = r#"
import sys
from pyshacl import validate
from rdflib import Graph
data = Graph().parse(sys.argv[1], format="nt")
ont = Graph().parse(sys.argv[3], format="turtle")
shapes = Graph().parse(sys.argv[2], format="turtle")
conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")
print(text)
sys.exit(0 if conforms else 1)
"#;
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&data)
        .arg(repo().join("ontology/shapes.ttl"))
        .arg(repo().join("ontology/councilgraph.ttl"))
        .output()
        .expect("python3 with pyshacl (./x test installs it)");
    assert!(
        o.status.success(),
        "SHACL validation failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_shapes_catch_a_broken_graph() {
    // A meeting without a date must be reported: the validator really checks.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("bad.nt");
    std::fs::write(
        &data,
        "<http://x/m> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://councilgraph.org/ontology#Meeting> .\n",
    )
    .unwrap();
    let o = Command::new("python3")
        .args(["-c", "import sys\nfrom pyshacl import validate\nfrom rdflib import Graph\nc,_,_=validate(Graph().parse(sys.argv[1],format='nt'),shacl_graph=Graph().parse(sys.argv[2],format='turtle'))\nsys.exit(0 if c else 1)"])
        .arg(&data)
        .arg(repo().join("ontology/shapes.ttl"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
}
