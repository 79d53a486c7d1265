//! `councilgraph gen`: generated minutes are deterministic, build, and are
//! read back with their meeting record intact (`eval` against their gold); the benchmark
//! commands keep working on a tiny corpus. No timing assertions.

mod common;

use common::{ok, stdout};

#[test]
fn generated_corpus_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["gen", "--meetings", "3", "--seed", "9", "a"]);
    ok(dir.path(), &["gen", "--meetings", "5", "--seed", "9", "b"]);
    for sub in ["minutes", "gold"] {
        for entry in std::fs::read_dir(dir.path().join("a").join(sub)).unwrap() {
            let name = entry.unwrap().file_name();
            let a = std::fs::read(dir.path().join("a").join(sub).join(&name)).unwrap();
            let b = std::fs::read(dir.path().join("b").join(sub).join(&name)).unwrap();
            assert_eq!(a, b, "{name:?} differs between two runs");
        }
    }
    assert_eq!(std::fs::read_dir(dir.path().join("b/minutes")).unwrap().count(), 5);
}

/// 40 generated meetings, extracted and scored against their gold with
/// `councilgraph eval` (the reference scorer's port, checked against it in
/// tests/eval.rs). These are floors: the generator's text is regular, so
/// the meeting record, the bodies and the governance sentences should be
/// near-perfect.
#[test]
fn generated_minutes_are_extracted() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["gen", "--meetings", "40", "--seed", "7", "out"]);
    let out = ok(dir.path(), &["eval", "--gold", "out/gold", "out/minutes", "--json"]);
    let scores: serde_json::Value = serde_json::from_str(&out).unwrap();
    let floors = [
        ("meetings", 1.0),
        ("chair", 0.98),
        ("present", 0.98),
        ("apologies", 0.98),
        ("in_attendance", 0.97),
        ("presenters", 0.97),
        ("people", 0.98),
        ("roles", 0.95),
        ("acronyms", 0.95),
        ("documents", 0.9),
        ("organisations", 0.95),
        ("relations", 0.95),
    ];
    for (category, floor) in floors {
        let f1 = scores["micro"][category]["f1"].as_f64().unwrap();
        assert!(f1 >= floor, "{category}: F1 {f1} < {floor}\n{}", scores["micro"]);
    }
}

/// The benchmark's commands on 5 meetings: bench-extract, build, a query.
#[test]
fn benchmark_smoke() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["gen", "--meetings", "5", "out"]);
    let figures = ok(
        dir.path(),
        &["bench-extract", "out/minutes", "--threads", "1", "--json"],
    );
    let figures: serde_json::Value = serde_json::from_str(&figures).unwrap();
    assert_eq!(figures["files"], 5);
    assert_eq!(figures["failed"], 0);
    assert_eq!(figures["meetings"], 5);
    let summary = ok(dir.path(), &["build", "out/minutes", "--store", "store", "--json"]);
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(summary["meetings"], 5);
    assert!(summary["quads_written"].as_u64().unwrap() > 500);
    let o = common::run(
        dir.path(),
        &[
            "query",
            "--store",
            "store",
            "-f",
            common::repo().join("queries/meetings.rq").to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 6, "{}", stdout(&o));
}
