//! `councilgraph why`: the evidence behind an entity, and every quote is
//! exactly the source text at its character span (what an auditor checks).

mod common;
use common::*;

#[test]
fn why_prints_evidence_whose_spans_quote_the_source_exactly() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let out = ok(dir.path(), &["why", "councillor/rotherham/griffin", "--format", "json"]);
    let found: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(
        found.iter().any(|b| b["fact"] == "Declaration"
            && b["quote"]
                .as_str()
                .unwrap()
                .contains("declared a non-pecuniary interest")),
        "{out}"
    );
    for b in &found {
        let text = std::fs::read_to_string(dir.path().join(b["path"].as_str().unwrap())).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let (start, end) = (
            b["start"].as_u64().unwrap() as usize,
            b["end"].as_u64().unwrap() as usize,
        );
        let quoted: String = chars[start..end].iter().collect();
        assert_eq!(quoted, b["quote"].as_str().unwrap());
    }
    let table = ok(dir.path(), &["why", "body/rotherham/corporate-parenting-panel"]);
    assert!(
        table.contains("A change of name from the Corporate Parenting Panel"),
        "{table}"
    );
}

#[test]
fn why_names_what_it_cannot_find() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let o = run(dir.path(), &["why", "body/nowhere/nothing"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no evidence for <https://councilgraph.org/id/body/nowhere/nothing>"));
    let o = run(dir.path(), &["why", "http://bad iri"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not an IRI"), "{}", stderr(&o));
}
