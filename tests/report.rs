//! `councilgraph report attendance` and `queries/attendance-summary.rq`:
//! two implementations of the same counts, which must agree for every
//! member; plus the flags, the scope options and the formats.

mod common;
use common::*;

#[test]
fn the_report_and_the_named_query_agree_for_every_member() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let report = csv_rows(&ok(dir.path(), &["report", "attendance", "--format", "csv"]));
    let query = repo().join("queries/attendance-summary.rq");
    let summary = csv_rows(&ok(
        dir.path(),
        &["query", "-f", &query.to_string_lossy(), "--format", "csv"],
    ));
    assert!(report.len() > 30, "{report:?}");
    assert_eq!(report.len(), summary.len());
    for (r, s) in report.iter().zip(&summary) {
        // person, body, expected, present, apologies, absent
        assert_eq!(r[..6], s[..6], "{r:?} vs {s:?}");
        let (rate_r, rate_s): (f64, f64) = (r[6].parse().unwrap(), s[6].parse().unwrap());
        assert!((rate_r - rate_s).abs() < 0.006, "{r:?} vs {s:?}");
    }
    let pitchley = report.iter().find(|r| r[0] == "Councillor Pitchley").unwrap();
    // Expected at 5 minuted meetings (2018-03-13, 2019-06-11 in the year of
    // the 2019 membership list, 2023-12-05, 2024-01-30, 2024-10-29), present at 4.
    assert_eq!(pitchley[2..6], ["5", "4", "0", "1"]);
}

#[test]
fn scope_flags_and_formats() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let recent = csv_rows(&ok(
        dir.path(),
        &[
            "report",
            "attendance",
            "--from",
            "2023-05-01",
            "--to",
            "2024-12-31",
            "--format",
            "csv",
        ],
    ));
    let pitchley = recent.iter().find(|r| r[0] == "Councillor Pitchley").unwrap();
    assert_eq!(pitchley[2..6], ["3", "3", "0", "0"]);
    assert!(
        !recent.iter().any(|r| r[0] == "Councillor Clark"),
        "Clark sat in 2018 only"
    );
    let all = csv_rows(&ok(dir.path(), &["report", "attendance", "--format", "csv"]));
    let short = all.iter().find(|r| r[0] == "Councillor Short").unwrap();
    assert!(short[7].contains("not on that year's membership list"), "{short:?}");
    let none = csv_rows(&ok(
        dir.path(),
        &["report", "attendance", "--body", "Cabinet", "--format", "csv"],
    ));
    assert!(none.is_empty());
    let html = ok(dir.path(), &["report", "attendance", "--format", "html"]);
    assert!(html.starts_with("<!doctype html>") && html.contains("<td>Councillor Pitchley</td>"));
    let o = run(dir.path(), &["report", "attendance", "--from", "March 2024"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a date"), "{}", stderr(&o));
}
