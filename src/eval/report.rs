//! Many files: per-file and micro-averaged scores, the micro table and the
//! JSON summary (score.py's `score_dirs`, `format_table` and `summary`).

use super::{is_gold_name, score_file, Scores, CATEGORIES};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(CATEGORIES.iter().zip(&self.0).map(|(c, k)| (c, k.as_json())))
    }
}

/// Per-file and micro-averaged scores, with warnings.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// (gold file name, scores), in gold file name order
    pub files: Vec<(String, Scores)>,
    pub micro: Scores,
    pub warnings: Vec<String>,
}

/// Scores every gold file (name, content) against the system document of the
/// same name (`NNN_<hash>.json`); a gold file with no system document is
/// scored against an empty extraction.
pub fn score_all(gold: &[(String, Value)], system: &BTreeMap<String, Value>) -> Report {
    let mut report = Report::default();
    let empty = Value::Object(Default::default());
    for (name, gold_doc) in gold {
        let system_doc = system.get(name).unwrap_or_else(|| {
            report
                .warnings
                .push(format!("{name}: no input file, scored as an empty extraction"));
            &empty
        });
        let scores = score_file(gold_doc, system_doc);
        for (category, counts) in CATEGORIES.iter().zip(scores.0) {
            report.micro.add(category, counts);
        }
        report.files.push((name.clone(), scores));
    }
    for name in system.keys() {
        if is_gold_name(name) && !gold.iter().any(|(g, _)| g == name) {
            report.warnings.push(format!("{name}: input has no gold file, ignored"));
        }
    }
    report
}

/// A table of P, R, F1, tp, fp, fn per category (score.py's `format_table`).
pub fn format_table(title: &str, scores: &Scores) -> String {
    let mut lines = vec![
        title.to_string(),
        format!(
            "{:<15}{:>7}{:>7}{:>7}{:>6}{:>6}{:>6}",
            "category", "P", "R", "F1", "tp", "fp", "fn"
        ),
    ];
    for (c, k) in CATEGORIES.iter().zip(&scores.0) {
        let (p, r, f1) = k.scores();
        lines.push(format!(
            "{c:<15}{p:>7.3}{r:>7.3}{f1:>7.3}{:>6}{:>6}{:>6}",
            k.tp, k.fp, k.fn_
        ));
    }
    lines.join("\n")
}

/// The shape of `score.py --json`: categories, files, micro, warnings.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Files<'a>(&'a [(String, Scores)]);
        impl Serialize for Files<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(name, scores)| (name, scores)))
            }
        }
        let mut st = s.serialize_struct("Report", 4)?;
        st.serialize_field("categories", &CATEGORIES)?;
        st.serialize_field("files", &Files(&self.files))?;
        st.serialize_field("micro", &self.micro)?;
        st.serialize_field("warnings", &self.warnings)?;
        st.end()
    }
}
