//! `councilgraph gen`: generated minutes are deterministic, build, and are
//! read back with their attendance intact (reference scorer); the benchmark
//! commands keep working on a tiny corpus. No timing assertions.

mod common;

use common::{gold_dir, ok, stdout};
use std::process::Command;

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

/// Attendance of 20 generated meetings, scored by the reference scorer.
#[test]
fn generated_attendance_is_extracted() {
    let scorer = gold_dir().join("score.py");
    if !scorer.exists() {
        eprintln!("skipped: no reference scorer at {}", scorer.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["gen", "--meetings", "20", "out"]);
    ok(dir.path(), &["extract", "out/minutes", "--out", "sys"]);
    let o = Command::new("python3")
        .arg(&scorer)
        .args(["out/gold", "sys", "--json"])
        .current_dir(dir.path())
        .output()
        .expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let scores: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for category in ["meetings", "chair", "present", "apologies"] {
        let f1 = scores["micro"][category]["f1"].as_f64().unwrap();
        assert!(f1 >= 0.95, "{category}: F1 {f1} < 0.95\n{}", scores["micro"]);
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
