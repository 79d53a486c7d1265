//! `councilgraph eval` against the reference scorer (`../shared/gold/score.py`):
//! the port must give exactly the same figures.

mod common;
use common::*;
use councilgraph::eval::{is_gold_name, score_all, CATEGORIES};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// `python3 score.py GOLD SYSTEM --json`
fn reference(system: &Path) -> Value {
    let o = Command::new("python3")
        .arg(gold_dir().join("score.py"))
        .arg(gold_dir())
        .arg(system)
        .arg("--json")
        .output()
        .expect("python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn counts(report: &Value, category: &str) -> (u64, u64, u64) {
    let c = &report["micro"][category];
    let n = |k: &str| {
        c[k].as_u64()
            .unwrap_or_else(|| panic!("no micro {category} {k} in {report}"))
    };
    (n("tp"), n("fp"), n("fn"))
}

#[test]
fn eval_agrees_with_the_reference_scorer() {
    let out = tempfile::tempdir().unwrap();
    ok(
        &repo(),
        &["extract", "data/minutes", "--out", &out.path().to_string_lossy()],
    );
    let expected = reference(out.path());
    let gold = gold_dir().to_string_lossy().to_string();
    let got: Value = serde_json::from_str(&ok(&repo(), &["eval", "--gold", &gold, "--json", "data/minutes"])).unwrap();
    for category in CATEGORIES {
        assert_eq!(counts(&got, category), counts(&expected, category), "{category}");
    }
    assert_eq!(got["files"], expected["files"]);
    assert_eq!(got["micro"], expected["micro"]);
    assert_eq!(got["categories"], expected["categories"]);
}

#[test]
fn eval_prints_the_micro_table() {
    let out = ok(&repo(), &["eval"]);
    assert!(out.starts_with("== micro-average over 5 files\ncategory"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("present          1.000  1.000  1.000")),
        "{out}"
    );
}

#[test]
fn a_missing_gold_dir_is_a_clear_error() {
    let o = run(&repo(), &["eval", "--gold", "no/such/gold", "data/minutes"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("no/such/gold") && err.contains("--gold"), "{err}");
}

fn gold_files() -> Vec<(String, Value)> {
    let mut names: Vec<String> = std::fs::read_dir(gold_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| is_gold_name(n))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let value = serde_json::from_str(&std::fs::read_to_string(gold_dir().join(&n)).unwrap()).unwrap();
            (n, value)
        })
        .collect()
}

/// A deterministic mangling of a gold file: drops every third list entry,
/// repeats some first entries, prints names with honorifics, other case or a variant, gives documents
/// their period in the title, and leaves out relations' basis.
fn perturb(value: &Value, depth: usize) -> Value {
    match value {
        Value::Array(a) => {
            let kept = a.iter().enumerate().filter(|(i, _)| (i + depth) % 3 != 2);
            let duplicate = a.first().filter(|_| depth % 2 == 1); // a false positive
            Value::Array(
                kept.map(|(_, v)| v)
                    .chain(duplicate)
                    .map(|v| perturb(v, depth + 1))
                    .collect(),
            )
        }
        Value::Object(o) => {
            let mut o = o.clone();
            o.remove("basis");
            let variant = o.get("variants").and_then(|v| v.get(depth % 2)).cloned();
            if let (Some(Value::String(name)), Some(variant)) = (o.get("name").cloned(), variant) {
                o.insert(
                    "name".into(),
                    if depth.is_multiple_of(2) {
                        variant
                    } else {
                        json!(format!("Cllr {name}"))
                    },
                );
            }
            if let (Some(Value::String(t)), Some(Value::String(p))) = (o.get("title").cloned(), o.get("period")) {
                o.insert("title".into(), json!(format!("{t} {}", p.replace('-', "/"))));
                o.remove("period");
            }
            if let Some(Value::String(s)) = o.get("subject").cloned() {
                o.insert("subject".into(), json!(format!("the {}", s.to_uppercase())));
            }
            Value::Object(o.into_iter().map(|(k, v)| (k, perturb(&v, depth + 1))).collect())
        }
        other => other.clone(),
    }
}

/// The extractor gives no organisations, documents or relations yet: score
/// the gold itself and a mangled copy, so every category's code is compared.
#[test]
fn the_port_agrees_on_every_category() {
    let gold = gold_files();
    for mangle in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let mut system = BTreeMap::new();
        for (i, (name, value)) in gold.iter().enumerate() {
            if mangle && i == 1 {
                continue; // a gold file with no system file
            }
            let value = if mangle { perturb(value, i) } else { value.clone() };
            std::fs::write(dir.path().join(name), value.to_string()).unwrap();
            system.insert(name.clone(), value);
        }
        let expected = reference(dir.path());
        let got = serde_json::to_value(score_all(&gold, &system)).unwrap();
        assert_eq!(got["files"], expected["files"], "mangled: {mangle}");
        assert_eq!(got["micro"], expected["micro"], "mangled: {mangle}");
        if !mangle {
            assert!(CATEGORIES.iter().all(|c| got["micro"][c]["f1"] == json!(1.0)), "{got}");
        }
    }
}
