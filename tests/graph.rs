//! `councilgraph graph …` on the sample corpus: reporting lines, paths with
//! their evidence, centrality and co-attendance, in table and JSON form.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn built() -> tempfile::TempDir {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    dir
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let out = ok(dir, &args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{out}"))
}

fn line<'a>(lines: &'a Value, body: &str) -> Option<&'a Value> {
    lines.as_array().unwrap().iter().find(|l| l["body"]["name"] == body)
}

/// Evidence points into a source file of the corpus with a real span and
/// quote.
fn assert_evidence(e: &Value, what: &str) {
    assert!(e["file"].as_str().unwrap().starts_with("minutes/"), "{what}: {e}");
    assert!(e["start"].as_u64().unwrap() < e["end"].as_u64().unwrap(), "{what}: {e}");
    assert!(!e["quote"].as_str().unwrap().trim().is_empty(), "{what}: {e}");
}

#[test]
fn reports_to_gives_the_tree_below_with_depths_and_the_chain_above() {
    let dir = built();
    let report = json(dir.path(), &["graph", "reports-to", "Chief Officer Group"]);
    assert_eq!(report["body"]["name"], "Chief Officer Group");
    assert!(report["above"].as_array().unwrap().is_empty(), "{}", report["above"]);
    let exec = line(&report["below"], "Executive Group").expect("Executive Group below");
    assert_eq!(exec["depth"], 1);
    assert_eq!(exec["reports_to"]["name"], "Chief Officer Group");
    let cedg = line(&report["below"], "Child Exploitation Delivery Group").expect("CEDG below");
    assert_eq!(cedg["depth"], 2);
    assert_eq!(cedg["reports_to"]["name"], "Executive Group");
    for l in report["below"].as_array().unwrap() {
        assert_evidence(&l["evidence"], "reporting line");
    }

    // The chain above, by acronym, up to the top.
    let report = json(dir.path(), &["graph", "reports-to", "cedg"]);
    assert_eq!(report["body"]["name"], "Child Exploitation Delivery Group");
    let above = report["above"].as_array().unwrap();
    let top = above
        .iter()
        .find(|l| l["reports_to"]["name"] == "Chief Officer Group")
        .expect("Chief Officer Group above CEDG");
    assert_eq!(top["depth"], 2);
    assert_eq!(top["body"]["name"], "Executive Group");
    assert!(above
        .iter()
        .any(|l| l["depth"] == 1 && l["reports_to"]["name"] == "Executive Group"));

    let table = ok(dir.path(), &["graph", "reports-to", "the chief officer group"]);
    let row = table
        .lines()
        .find(|l| l.starts_with("2 ") && l.contains("Child Exploitation Delivery Group"))
        .unwrap_or_else(|| panic!("no depth-2 CEDG row:\n{table}"));
    assert!(row.contains("Executive Group") && row.contains("minutes/003_"), "{row}");
}

#[test]
fn path_finds_the_shortest_chain_with_quotes_and_says_when_there_is_none() {
    let dir = built();
    let path = json(
        dir.path(),
        &[
            "graph",
            "path",
            "Neglect Delivery Group",
            "Improving Lives Select Commission",
        ],
    );
    assert_eq!(path["from"]["name"], "Neglect Delivery Group");
    assert_eq!(path["to"]["name"], "Improving Lives Select Commission");
    let steps = path["steps"].as_array().unwrap();
    // Neglect Delivery Group reports to the RSCP (stated), which reports to
    // the Commission (inferred from its annual report being an item).
    assert_eq!(path["length"], 2);
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0]["from"], path["from"]);
    assert_eq!(steps[1]["to"], path["to"]);
    assert_eq!(steps[0]["to"], steps[1]["from"]);
    assert!(steps[0]["to"]["iri"]
        .as_str()
        .unwrap()
        .ends_with("/safeguarding-children-partnership"));
    for s in steps {
        assert_eq!(s["predicate"], "reportsTo");
        assert_eq!(s["forward"], true);
        assert_evidence(&s["evidence"], "path step");
    }

    // Across attendance: a councillor to a body through a meeting; names
    // without case, "the" or honorifics.
    let path = json(
        dir.path(),
        &[
            "graph",
            "path",
            "cllr hughes",
            "the Rotherham Safeguarding Adults Board",
        ],
    );
    assert_eq!(path["from"]["name"], "Councillor Hughes");
    let steps = path["steps"].as_array().unwrap();
    assert_eq!(steps[0]["predicate"], "attended");
    assert_eq!(steps[0]["to"]["kind"], "meeting");
    for s in steps {
        assert_evidence(&s["evidence"], "path step");
    }

    let table = ok(
        dir.path(),
        &[
            "graph",
            "path",
            "Neglect Delivery Group",
            "Improving Lives Select Commission",
        ],
    );
    assert!(
        table.contains("reportsTo →") && table.contains("\"The group was also developing"),
        "{table}"
    );

    // Not connected: exit 1, a clear message; JSON has no steps.
    let o = run(dir.path(), &["graph", "path", "MASH", "Cabinet"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("No path between Multi"), "{}", stdout(&o));
    let o = run(dir.path(), &["graph", "path", "MASH", "Cabinet", "--format", "json"]);
    let none: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(none["steps"].is_null() && none["length"].is_null(), "{none}");

    // Two editions of the Neglect Strategy: ambiguous, listing both.
    let o = run(dir.path(), &["graph", "path", "Neglect Strategy", "Cabinet"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("ambiguous"), "{err}");
    assert!(err.contains("document/rotherham/neglect-strategy>") && err.contains("neglect-strategy/2024-2026>"));
    ok(
        dir.path(),
        &["graph", "path", "Neglect Strategy (2024-2026)", "Cabinet"],
    );

    let o = run(dir.path(), &["graph", "path", "Nobody In Particular", "Cabinet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no person, body or document is called \"Nobody In Particular\""));
}

#[test]
fn co_attendance_weights_pairs_by_shared_minuted_meetings() {
    let dir = built();
    let pairs = json(dir.path(), &["graph", "co-attendance", "--limit", "1000"]);
    let pairs = pairs.as_array().unwrap();
    let pair = pairs
        .iter()
        .find(|p| p["a"]["name"] == "Councillor Hughes" && p["b"]["name"] == "Councillor Pitchley")
        .expect("Hughes and Pitchley attended together");
    let weight = pair["weight"].as_u64().unwrap();
    assert!(weight >= 3, "{pair}");
    assert_eq!(pair["meetings"].as_array().unwrap().len() as u64, weight);
    // The same count straight from the store.
    let shared = ok(
        dir.path(),
        &[
            "query",
            "--format",
            "csv",
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { \
               ?a cg:person/foaf:name \"Pitchley\" ; cg:meeting ?m ; cg:status ?s . \
               ?b cg:person/foaf:name \"Hughes\" ; cg:meeting ?m ; cg:status ?t . \
               ?m cg:kind \"minutes\" . \
               FILTER(?s IN (\"present\", \"chair\", \"vice-chair\", \"in-attendance\") \
                   && ?t IN (\"present\", \"chair\", \"vice-chair\", \"in-attendance\")) }",
        ],
    );
    assert_eq!(csv_rows(&shared)[0][0], weight.to_string());
    // Heaviest first; --min cuts.
    let weights: Vec<u64> = pairs.iter().map(|p| p["weight"].as_u64().unwrap()).collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]));
    let heavy = json(dir.path(), &["graph", "co-attendance", "--min", "3", "--limit", "1000"]);
    let heavy = heavy.as_array().unwrap();
    assert!(heavy.iter().all(|p| p["weight"].as_u64().unwrap() >= 3));
    assert_eq!(heavy.len(), weights.iter().filter(|&&w| w >= 3).count());

    let table = ok(dir.path(), &["graph", "co-attendance", "--min", "3"]);
    assert!(table
        .lines()
        .any(|l| l.starts_with("Councillor Hughes ") && l.contains("Councillor Pitchley")));
}

#[test]
fn central_ranks_people_and_bodies_by_degree_with_betweenness() {
    let dir = built();
    let rows = json(dir.path(), &["graph", "central", "--limit", "10"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0]["entity"]["name"], "Improving Lives Select Commission");
    assert!(rows
        .iter()
        .all(|r| matches!(r["entity"]["kind"].as_str(), Some("person" | "body"))));
    let degrees: Vec<u64> = rows.iter().map(|r| r["degree"].as_u64().unwrap()).collect();
    assert!(degrees.windows(2).all(|w| w[0] >= w[1]), "{degrees:?}");
    for r in rows {
        assert_eq!(
            r["degree"].as_u64().unwrap(),
            r["relations"].as_u64().unwrap() + r["meetings"].as_u64().unwrap()
        );
        let b = r["betweenness"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&b));
    }
    assert!(rows.iter().any(|r| r["entity"]["name"] == "Councillor Pitchley"));
    let by_betweenness = json(dir.path(), &["graph", "central", "--by", "betweenness", "--limit", "5"]);
    let b: Vec<f64> = by_betweenness
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["betweenness"].as_f64().unwrap())
        .collect();
    assert!(b.windows(2).all(|w| w[0] >= w[1]), "{b:?}");
    let table = ok(dir.path(), &["graph", "central", "--limit", "3"]);
    assert!(table.starts_with("rank  name"), "{table}");
    assert_eq!(table.lines().count(), 5);
}
