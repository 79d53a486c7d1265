//! Extraction quality on the sample corpus, measured by the reference scorer
//! (`../shared/gold/score.py`) on `councilgraph extract --out`: floors that
//! must never regress.

mod common;
use common::*;
use std::process::Command;

/// (category, minimum F1). Attendance is exact; the rest are today's floors.
const FLOORS: &[(&str, f64)] = &[
    ("meetings", 1.0),
    ("chair", 1.0),
    ("present", 1.0),
    ("apologies", 1.0),
    ("in_attendance", 1.0),
    ("items", 1.0),
    ("item_titles", 1.0),
    ("presenters", 0.95),
    ("declarations", 1.0),
    ("people", 0.98),
    ("roles", 0.93),
    ("organisations", 0.80),
    ("documents", 0.78),
    ("acronyms", 0.88),
    ("relations", 0.82),
];

#[test]
fn the_reference_scorer_agrees_with_the_floors() {
    let out = tempfile::tempdir().unwrap();
    ok(
        &repo(),
        &["extract", "data/minutes", "--out", &out.path().to_string_lossy()],
    );
    let o = Command::new("python3")
        .arg(gold_dir().join("score.py"))
        .arg(gold_dir())
        .arg(out.path())
        .arg("--json")
        .output()
        .expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let micro = report.get("micro").or_else(|| report.get("total")).unwrap_or(&report);
    for (category, floor) in FLOORS {
        let f1 = micro[category]["f1"]
            .as_f64()
            .unwrap_or_else(|| panic!("no {category} in {micro}"));
        assert!(f1 >= *floor, "{category}: F1 {f1:.3} < floor {floor}");
    }
}
