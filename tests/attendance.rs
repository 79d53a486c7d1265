//! Attendance of every meeting in the sample corpus, through the named
//! query, against the hand-made gold: exactly, nothing missing or extra.

mod common;
use common::*;
use std::collections::BTreeSet;

fn gold_attendance(meeting: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut want = BTreeSet::new();
    let chair = meeting["chair"].as_str().map(str::to_string);
    let kind = meeting["kind"].as_str().unwrap();
    if kind != "minutes" {
        return want;
    }
    for name in meeting["present"].as_array().unwrap() {
        let name = name.as_str().unwrap().to_string();
        let status = if Some(&name) == chair.as_ref() {
            "chair"
        } else {
            "present"
        };
        want.insert((name, status.to_string()));
    }
    for (field, status) in [("apologies", "apologies"), ("in_attendance", "in-attendance")] {
        for name in meeting[field].as_array().unwrap() {
            want.insert((name.as_str().unwrap().to_string(), status.to_string()));
        }
    }
    want
}

#[test]
fn attendance_of_every_meeting_matches_the_gold_exactly() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let query = repo().join("queries/meeting-attendance.rq");
    let mut checked = 0;
    for entry in std::fs::read_dir(gold_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for meeting in gold["meetings"].as_array().unwrap() {
            let date = meeting["date"].as_str().unwrap();
            let out = ok(
                dir.path(),
                &[
                    "query",
                    "-f",
                    &query.to_string_lossy(),
                    "--bind",
                    &format!("date={date}"),
                    "--format",
                    "csv",
                ],
            );
            let got: BTreeSet<(String, String)> = csv_rows(&out)
                .into_iter()
                .map(|r| (r[0].clone(), r[1].clone()))
                .collect();
            assert_eq!(
                got,
                gold_attendance(meeting),
                "attendance on {date} ({})",
                path.display()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 6, "every gold meeting was checked");
}

#[test]
fn named_queries_answer_with_their_documented_columns() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let q = |name: &str, binds: &[&str]| {
        let file = repo().join("queries").join(name);
        let mut args = vec![
            "query".to_string(),
            "-f".into(),
            file.to_string_lossy().into_owned(),
            "--format".into(),
            "csv".into(),
        ];
        for b in binds {
            args.push("--bind".into());
            args.push(b.to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(dir.path(), &args)
    };
    let meetings = q("meetings.rq", &[]);
    assert_eq!(meetings.lines().next(), Some("date,body,kind,items"));
    assert!(
        meetings.contains("2024-10-29,Improving Lives Select Commission,minutes,9"),
        "{meetings}"
    );
    assert!(
        meetings.contains("2019-07-09,Improving Lives Select Commission,agenda,11"),
        "{meetings}"
    );

    let items = q("items.rq", &["date=2024-01-30"]);
    let rows = csv_rows(&items);
    assert_eq!(items.lines().next(), Some("number,title"));
    assert_eq!(rows.first().map(|r| r[0].as_str()), Some("143"));
    assert!(rows
        .iter()
        .any(|r| r == &vec!["150".to_string(), "NEGLECT STRATEGY UPDATE".to_string()]));

    for person in ["Councillor Pitchley", "pitchley", "Cllr PITCHLEY"] {
        let out = q("person-attendance.rq", &[&format!("person={person}")]);
        assert_eq!(out.lines().next(), Some("date,body,status"));
        let rows = csv_rows(&out);
        let dates: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            dates,
            vec!["2018-03-13", "2023-12-05", "2024-01-30", "2024-10-29"],
            "{person}"
        );
        assert_eq!(rows.iter().filter(|r| r[2] == "chair").count(), 3);
    }
    // A bound value is a literal: quotes and braces cannot change the query.
    let out = q("person-attendance.rq", &["person=Pitchley\" } UNION { ?x ?y ?z"]);
    assert_eq!(csv_rows(&out).len(), 0);
}

#[test]
fn the_done_when_command_prints_the_attendance_of_29_october_2024() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let out = ok(
        dir.path(),
        &[
            "query",
            "-f",
            &repo().join("queries/meeting-attendance.rq").to_string_lossy(),
            "--bind",
            "date=2024-10-29",
            "--format",
            "csv",
        ],
    );
    assert!(out.starts_with("person,status\r\n"));
    assert!(out.contains("Pitchley,chair"));
    assert!(out.contains("Darren Downs,in-attendance"));
    assert_eq!(csv_rows(&out).len(), 12 + 4 + 8);
}
