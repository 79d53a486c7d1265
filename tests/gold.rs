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
    ("roles", 0.95),
    ("organisations", 0.90),
    ("documents", 0.91),
    ("acronyms", 0.90),
    ("relations", 0.83),
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

/// A file lists a body under the name it printed: "MASH", spelled out only
/// in another file of the corpus, is "MASH" in this file's extraction.
#[test]
fn a_files_extraction_names_bodies_as_the_file_printed_them() {
    let dir = tempfile::tempdir().unwrap();
    let minutes = dir.path().join("minutes");
    std::fs::create_dir(&minutes).unwrap();
    let write = |name: &str, body: &str| std::fs::write(minutes.join(name), body).unwrap();
    write(
        "a.txt",
        "IMPROVING LIVES SELECT COMMISSION\nTuesday 5 March 2019\n\n1. HUB UPDATE\n\nReferrals went to the Multi Agency Safeguarding Hub (MASH) each day.\n",
    );
    write(
        "b.txt",
        "IMPROVING LIVES SELECT COMMISSION\nTuesday 2 April 2019\n\n1. REFERRALS\n\nThe MASH had received 40 referrals.\n",
    );
    let out = dir.path().join("out");
    ok(
        dir.path(),
        &["extract", &minutes.to_string_lossy(), "--out", &out.to_string_lossy()],
    );
    let names = |file: &str| -> Vec<(String, String)> {
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join(file)).unwrap()).unwrap();
        json["organisations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["name"].as_str().unwrap().into(),
                    o["acronym"].as_str().unwrap_or("").into(),
                )
            })
            .collect()
    };
    let hub = ("Multi Agency Safeguarding Hub".to_string(), "MASH".to_string());
    assert!(names("a.json").contains(&hub), "{:?}", names("a.json"));
    assert!(
        names("b.json").contains(&("MASH".into(), "MASH".into())),
        "{:?}",
        names("b.json")
    );
}
