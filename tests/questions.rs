//! The analysts' competency questions (`../shared/questions/public.json`):
//! each is answered by `queries/<id>.rq` with its parameters bound, on the
//! sample corpus. Every `must_include` answer is returned (names compared
//! case-insensitively, honorifics ignored), no `must_exclude` answer is,
//! and count and value answers come first.

mod common;
use common::*;

const HONORIFICS: &[&str] = &["councillor ", "cllr ", "mr ", "mrs ", "ms ", "dr "];

fn plain(s: &str) -> String {
    let mut s = s.trim().to_lowercase().replace(['’', '\''], "");
    for h in HONORIFICS {
        if let Some(rest) = s.strip_prefix(h) {
            s = rest.to_string();
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn answer_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Runs one question's query; returns the failures.
fn check(store_dir: &std::path::Path, q: &serde_json::Value) -> Vec<String> {
    let id = q["id"].as_str().unwrap();
    let query = repo().join(format!("queries/{id}.rq"));
    if !query.exists() {
        return vec![format!("{id}: no queries/{id}.rq")];
    }
    let mut args: Vec<String> = vec![
        "query".into(),
        "-f".into(),
        query.to_string_lossy().into(),
        "--format".into(),
        "csv".into(),
    ];
    for (k, v) in q["parameters"].as_object().unwrap() {
        args.push("--bind".into());
        args.push(format!("{k}={}", answer_text(v)));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = ok(store_dir, &args);
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let cells: Vec<String> = rows.iter().flatten().map(|c| c.trim().to_lowercase()).collect();
    let mut failures = Vec::new();
    for want in q["must_include"].as_array().unwrap() {
        let want = answer_text(want);
        if !cells.iter().any(|c| plain(c) == plain(&want)) {
            failures.push(format!("{id}: missing {want:?} in\n{out}"));
        }
    }
    for bad in q["must_exclude"].as_array().unwrap() {
        let bad = answer_text(&bad["answer"]).to_lowercase();
        if cells.contains(&bad) {
            failures.push(format!("{id}: returned excluded {bad:?}"));
        }
    }
    if matches!(q["answer_kind"].as_str(), Some("count" | "value")) {
        let expected = answer_text(&q["expected"][0]);
        let first = rows.first().cloned().unwrap_or_default();
        if !first.iter().any(|c| plain(c) == plain(&expected)) {
            failures.push(format!("{id}: first row {first:?} is not {expected:?}"));
        }
    }
    failures
}

#[test]
fn every_public_competency_question_is_answered() {
    let questions: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("../shared/questions/public.json")).unwrap())
            .unwrap();
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let failures: Vec<String> = questions
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|q| check(dir.path(), q))
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
