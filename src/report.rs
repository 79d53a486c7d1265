//! The attendance report: per member of a body, the minuted meetings they
//! were expected at, present at, sent apologies to, and missed without
//! apologies, with flags for auditors.
//!
//! A councillor is expected at the body's minuted meetings in every
//! municipal year (May to April) in which the record places them on it
//! (present, chair, vice-chair, apologies, or a membership list), within the
//! period asked.
//!
//! Architecture invariant: reads the store only; every count comes from
//! attendance records that carry their own evidence.

use crate::date::Date;
use crate::query::{cell, evaluate, prepare};
use anyhow::Result;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

const RECORDS: &str = r#"
SELECT DISTINCT ?meeting ?date ?kind ?body ?person ?name ?status WHERE {
  ?r a cg:Attendance ; cg:meeting ?meeting ; cg:person ?person ; cg:status ?status .
  ?person a cg:Councillor ; foaf:name ?name .
  ?meeting dcterms:date ?date ; cg:kind ?kind ; cg:body ?b .
  ?b rdfs:label ?body .
}
"#;

const MEETINGS: &str = r#"
SELECT DISTINCT ?meeting ?date ?body WHERE {
  ?meeting a cg:Meeting ; cg:kind "minutes" ; dcterms:date ?date ; cg:body ?b .
  ?b rdfs:label ?body .
}
"#;

/// One member's line in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberAttendance {
    pub person: String,
    pub body: String,
    pub expected: usize,
    pub present: usize,
    pub apologies: usize,
    pub absent: usize,
    /// present / expected, 0–1.
    pub rate: f64,
    /// "present but not on that year's membership list", "absent without
    /// apologies twice running".
    pub flags: Vec<String>,
}

/// What the report covers.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// A body's name (case-insensitive), or every body.
    pub body: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Scope {
    fn covers(&self, body: &str, date: &str) -> bool {
        let in_body = self.body.as_ref().is_none_or(|b| b.eq_ignore_ascii_case(body));
        let after = self.from.is_none_or(|f| date >= f.to_string().as_str());
        let before = self.to.is_none_or(|t| date <= t.to_string().as_str());
        in_body && after && before
    }
}

fn rows(store: &Store, query: &str) -> Result<Vec<BTreeMap<String, String>>> {
    let QueryResults::Solutions(solutions) = evaluate(store, prepare(query, &[])?)? else {
        anyhow::bail!("internal error: not a SELECT");
    };
    let vars: Vec<_> = solutions.variables().to_vec();
    let mut out = Vec::new();
    for s in solutions {
        let s = s?;
        out.push(vars.iter().map(|v| (v.as_str().to_string(), cell(s.get(v)))).collect());
    }
    Ok(out)
}

/// The municipal year a date falls in, by its first calendar year: councils
/// appoint committees at their annual meeting in May.
fn municipal_year(date: &str) -> Option<u32> {
    let year: u32 = date.get(..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    Some(if month >= 5 { year } else { year - 1 })
}

#[derive(Default)]
struct Record {
    /// Minuted meeting dates by status.
    present: BTreeSet<String>,
    apologies: BTreeSet<String>,
    /// Dates of membership lists naming them.
    listed: BTreeSet<String>,
    name: String,
}

/// Builds the report from the store.
pub fn attendance(store: &Store, scope: &Scope) -> Result<Vec<MemberAttendance>> {
    let mut meetings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in rows(store, MEETINGS)? {
        if scope.covers(&m["body"], &m["date"]) {
            meetings.entry(m["body"].clone()).or_default().insert(m["date"].clone());
        }
    }
    let mut records: BTreeMap<(String, String), Record> = BTreeMap::new();
    let mut lists: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in rows(store, RECORDS)? {
        if !scope.covers(&r["body"], &r["date"]) {
            continue;
        }
        let rec = records.entry((r["body"].clone(), r["person"].clone())).or_default();
        rec.name = format!("Councillor {}", r["name"]);
        let minutes = r["kind"] == "minutes";
        match r["status"].as_str() {
            "present" | "chair" | "vice-chair" if minutes => {
                rec.present.insert(r["date"].clone());
            }
            "apologies" if minutes => {
                rec.apologies.insert(r["date"].clone());
            }
            "member" | "chair" | "vice-chair" if !minutes => {
                rec.listed.insert(r["date"].clone());
                lists.entry(r["body"].clone()).or_default().insert(r["date"].clone());
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for ((body, _), rec) in records {
        let held = meetings.get(&body).cloned().unwrap_or_default();
        let years: BTreeSet<u32> = rec
            .present
            .iter()
            .chain(&rec.apologies)
            .chain(&rec.listed)
            .filter_map(|d| municipal_year(d))
            .collect();
        // Only in attendance (an officer's or another body's councillor): not a member.
        if years.is_empty() {
            continue;
        }
        let expected: Vec<&String> = held
            .iter()
            .filter(|d| municipal_year(d).is_some_and(|y| years.contains(&y)))
            .collect();
        let absent_dates: Vec<&&String> = expected
            .iter()
            .filter(|d| !rec.present.contains(**d) && !rec.apologies.contains(**d))
            .collect();
        let mut flags = Vec::new();
        let body_lists = lists.get(&body).cloned().unwrap_or_default();
        let unlisted = rec.present.iter().any(|d| {
            let year = municipal_year(d);
            let year_has_list = body_lists.iter().any(|l| municipal_year(l) == year);
            year_has_list && !rec.listed.iter().any(|l| municipal_year(l) == year)
        });
        if unlisted {
            flags.push("present but not on that year's membership list".to_string());
        }
        let consecutive = expected
            .windows(2)
            .any(|w| absent_dates.contains(&&w[0]) && absent_dates.contains(&&w[1]));
        if consecutive {
            flags.push("absent without apologies twice running".to_string());
        }
        let present = rec.present.len();
        out.push(MemberAttendance {
            person: rec.name,
            body,
            expected: expected.len(),
            present,
            apologies: rec.apologies.len(),
            absent: absent_dates.len(),
            rate: if expected.is_empty() {
                0.0
            } else {
                (present as f64 / expected.len() as f64 * 100.0).round() / 100.0
            },
            flags,
        });
    }
    out.sort_by(|a, b| a.body.cmp(&b.body).then(a.person.cmp(&b.person)));
    Ok(out)
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The report as a stand-alone HTML page.
pub fn to_html(rows: &[MemberAttendance]) -> String {
    let mut s = String::from(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Attendance</title>\
         <style>body{font-family:sans-serif}td,th{padding:2px 8px;border-bottom:1px solid #ddd}\
         .flag{color:#a00}</style></head><body>\n<h1>Attendance</h1>\n<table>\n\
         <tr><th>person</th><th>body</th><th>expected</th><th>present</th><th>apologies</th>\
         <th>absent</th><th>rate</th><th>flags</th></tr>\n",
    );
    for r in rows {
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.0}%</td><td class=\"flag\">{}</td></tr>\n",
            html_escape(&r.person),
            html_escape(&r.body),
            r.expected,
            r.present,
            r.apologies,
            r.absent,
            r.rate * 100.0,
            html_escape(&r.flags.join("; "))
        ));
    }
    s.push_str("</table>\n</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipal_years_start_in_may() {
        assert_eq!(municipal_year("2019-06-11"), Some(2019));
        assert_eq!(municipal_year("2019-07-09"), Some(2019));
        assert_eq!(municipal_year("2020-03-10"), Some(2019));
        assert_eq!(municipal_year("2018-03-13"), Some(2017));
        assert_eq!(municipal_year("nonsense"), None);
    }
}
