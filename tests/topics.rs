//! Topics: items tagged from the concept scheme, found through
//! queries/items-on-topic.rq by label, altLabel and broader concept, and a
//! user's scheme file used without recompiling.

mod common;
use common::*;
use std::path::Path;

fn items_on(dir: &Path, topic: &str) -> (String, Vec<Vec<String>>) {
    let out = ok(
        dir,
        &[
            "query",
            "-f",
            &repo().join("queries/items-on-topic.rq").to_string_lossy(),
            "--bind",
            &format!("topic={topic}"),
            "--format",
            "csv",
        ],
    );
    let rows = csv_rows(&out);
    (out, rows)
}

fn weight(row: &[String]) -> f64 {
    row[3].parse().unwrap()
}

#[test]
fn items_on_neglect_put_the_neglect_strategy_first() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let (out, rows) = items_on(dir.path(), "neglect");
    assert_eq!(out.lines().next(), Some("date,number,title,weight"));
    let first = &rows[0];
    assert_eq!((first[0].as_str(), first[1].as_str()), ("2024-01-30", "150"), "{out}");
    assert!(first[2].contains("NEGLECT"), "{out}");
    assert_eq!(weight(first), 1.0);
    assert!(rows.len() > 1, "other items mention neglect too: {out}");
    assert!(rows[1..].iter().all(|r| weight(r) < weight(first)), "{out}");
    // Any case, and the same rows.
    assert_eq!(items_on(dir.path(), "NEGLECT").1, rows);

    // An altLabel (an acronym) finds its concept.
    let (out, rows) = items_on(dir.path(), "CSE");
    assert!(
        rows.iter()
            .any(|r| r[0] == "2024-01-30" && r[2].contains("CHILD SEXUAL EXPLOITATION") && weight(r) == 1.0),
        "{out}"
    );
    // Narrower concepts count for the broader one: child sexual exploitation
    // and child criminal exploitation are child exploitation, which is child
    // safeguarding.
    let (out, rows) = items_on(dir.path(), "child safeguarding");
    for title in [
        "CHILD EXPLOITATION UPDATE",
        "POST CHILD SEXUAL EXPLOITATION SUPPORT SERVICES UPDATE",
    ] {
        assert!(rows.iter().any(|r| r[2] == title && weight(r) == 1.0), "{title}: {out}");
    }
    assert!(items_on(dir.path(), "no such topic").1.is_empty());
}

#[test]
fn the_gold_view_lists_topics_heaviest_first_with_evidence_in_the_graph() {
    let dir = corpus_copy();
    let json = ok(dir.path(), &["extract", "minutes/002_a112772d541dd462.txt"]);
    let gold: serde_json::Value = serde_json::from_str(&json).unwrap();
    let item = gold["meetings"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["number"] == "150")
        .unwrap();
    assert_eq!(item["topics"][0], "neglect", "{item}");

    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let out = ok(
        dir.path(),
        &[
            "query",
            "--format",
            "csv",
            "SELECT ?w ?exact WHERE { ?item cg:number \"150\" ; cg:topic ?c . ?c skos:prefLabel \"neglect\"@en . \
             ?t cg:item ?item ; cg:concept ?c ; cg:weight ?w ; cg:evidence ?e . ?e oa:exact ?exact . \
             GRAPH <https://councilgraph.org/id/graph/topics> { ?c a skos:Concept } }",
        ],
    );
    assert_eq!(
        csv_rows(&out),
        vec![vec!["1".to_string(), "NEGLECT".to_string()]],
        "{out}"
    );
}

const USER_SCHEME: &str = r#"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<voluntary-sector> a skos:Concept ;
    skos:prefLabel "voluntary and community sector"@en ;
    skos:altLabel "VCS", "voluntary community sector", "voluntary sector" .
<civil-society> a skos:Concept ;
    skos:prefLabel "civil society"@en ;
    skos:narrower <voluntary-sector> .
"#;

#[test]
fn a_user_scheme_tags_items_without_recompiling() {
    let dir = corpus_copy();
    std::fs::write(dir.path().join("mine.ttl"), USER_SCHEME).unwrap();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    assert!(items_on(dir.path(), "VCS").1.is_empty(), "not in the built-in scheme");

    // A different scheme re-tags every file, though none changed.
    let summary: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json", "--topics", "mine.ttl"])).unwrap();
    assert_eq!(summary["changed"], 5);
    let (out, rows) = items_on(dir.path(), "vcs");
    assert!(rows.iter().any(|r| r[0] == "2024-01-30" && r[1] == "150"), "{out}");
    // skos:narrower in the user's file counts too.
    assert_eq!(items_on(dir.path(), "Civil Society").1, rows);
    assert!(
        items_on(dir.path(), "neglect").1.is_empty(),
        "the built-in scheme was replaced"
    );

    // The same scheme again: nothing to re-tag.
    let again: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json", "--topics", "mine.ttl"])).unwrap();
    assert_eq!(again["unchanged"], 5);

    // extract takes it too, from the flag or from $COUNCILGRAPH_TOPICS.
    let file = "minutes/002_a112772d541dd462.txt";
    let flag = ok(dir.path(), &["extract", file, "--topics", "mine.ttl"]);
    assert!(flag.contains("\"voluntary and community sector\""));
    let env = std::process::Command::new(env!("CARGO_BIN_EXE_councilgraph"))
        .current_dir(dir.path())
        .args(["extract", file])
        .env("COUNCILGRAPH_TOPICS", "mine.ttl")
        .output()
        .unwrap();
    assert_eq!(stdout(&env), flag);
}

#[test]
fn a_bad_scheme_file_is_a_clear_error_naming_it() {
    let dir = corpus_copy();
    std::fs::write(dir.path().join("bad.ttl"), "<a> <b> .\n").unwrap();
    let o = run(dir.path(), &["build", "minutes", "--topics", "bad.ttl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.ttl: not valid Turtle"), "{}", stderr(&o));
    assert!(!dir.path().join(".councilgraph").exists(), "nothing was written");
    let o = run(
        dir.path(),
        &["extract", "minutes", "--out", "x", "--topics", "missing.ttl"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.ttl: cannot read the topics file"),
        "{}",
        stderr(&o)
    );
}
