//! Scoring an extraction against gold files: a faithful port of the
//! reference scorer `../shared/gold/score.py` (its docstring defines the
//! categories, the normalisation, the one-to-one matching, the relation
//! resolution and the empty-category conventions). Pure functions over
//! `serde_json::Value` for both sides, so the port mirrors the Python line by
//! line and its figures agree exactly with it.
//!
//! Architecture invariant: reads gold only for scoring, never feeds the
//! extractor.

pub mod matching;
pub mod normalise;
mod report;
pub mod tables;

pub use matching::Counts;
pub use report::{format_table, score_all, Report};

use matching::{match_lists, max_matching};
use normalise::{is_py_space, minute_key, normalise, normalise_period, normalise_value, py_str, py_truthy};
use normalise::{split_period, titles_match};
use regex::Regex;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::LazyLock;
use tables::{GoldTables, Keys};

pub const CATEGORIES: [&str; 15] = [
    "meetings",
    "chair",
    "present",
    "apologies",
    "in_attendance",
    "items",
    "item_titles",
    "presenters",
    "declarations",
    "people",
    "roles",
    "organisations",
    "documents",
    "acronyms",
    "relations",
];

/// Whether a file name is a gold file's (`NNN_<hash>.json`).
pub fn is_gold_name(name: &str) -> bool {
    static GOLD_NAME: LazyLock<Regex> = LazyLock::new(|| normalise::py_regex(r"^\d{3}_.+\.json$"));
    GOLD_NAME.is_match(name)
}

/// Counts per category, in [`CATEGORIES`] order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores(pub [Counts; CATEGORIES.len()]);

impl Scores {
    pub fn get(&self, category: &str) -> Counts {
        self.0[Self::index(category)]
    }

    fn add(&mut self, category: &str, counts: Counts) {
        self.0[Self::index(category)].add(counts);
    }

    fn index(category: &str) -> usize {
        CATEGORIES
            .iter()
            .position(|c| *c == category)
            .unwrap_or_else(|| panic!("unknown category {category}"))
    }
}

// ---------------------------------------------------------------------------
// Python's as_list / as_str and the `isinstance(x, dict)` filters
// ---------------------------------------------------------------------------

fn as_list(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn as_str(value: Option<&Value>) -> Option<&str> {
    value.and_then(Value::as_str)
}

fn dicts(value: Option<&Value>) -> Vec<&Value> {
    as_list(value).iter().filter(|v| v.is_object()).collect()
}

/// `str(x or "")`
fn py_text(value: Option<&Value>) -> String {
    match value {
        Some(v) if py_truthy(value) => py_str(v),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------
// per-category scoring
// ---------------------------------------------------------------------------

/// An absent meeting or item (Python's `{}`): every `get` gives `None`.
const EMPTY: &Value = &Value::Null;

fn meeting_key(m: &Value) -> (String, String) {
    let date = py_text(m.get("date")).trim_matches(is_py_space).to_string();
    let kind = py_text(m.get("kind")).trim_matches(is_py_space).to_lowercase();
    (date, kind)
}

fn item_number(item: &Value) -> String {
    let n = py_text(item.get("number"));
    n.trim_matches(is_py_space).trim_end_matches('.').to_lowercase()
}

/// Scores one gold document against one system document.
pub fn score_file(gold: &Value, system: &Value) -> Scores {
    let tables = GoldTables::new(gold);
    let mut out = Scores::default();
    let gold_meetings = dicts(gold.get("meetings"));
    let sys_meetings = dicts(system.get("meetings"));

    let (counts, pairs) = match_lists(&gold_meetings, &sys_meetings, |s, g| meeting_key(s) == meeting_key(g));
    out.add("meetings", counts);
    let matched: BTreeMap<usize, usize> = pairs.iter().map(|(&si, &gi)| (gi, si)).collect();
    for (gi, gm) in gold_meetings.iter().enumerate() {
        let sm = matched.get(&gi).map_or(EMPTY, |&si| sys_meetings[si]);
        score_meeting(&tables, gm, sm, &mut out);
    }
    for (si, sm) in sys_meetings.iter().enumerate() {
        if !pairs.contains_key(&si) {
            score_meeting(&tables, EMPTY, sm, &mut out);
        }
    }

    // people
    let gold_people: Vec<&Value> = tables
        .people
        .iter()
        .copied()
        .filter(|p| as_str(p.get("name")).is_some_and(|n| !n.is_empty()))
        .collect();
    let sys_people = dicts(system.get("people"));
    let (counts, _) = match_lists(&gold_people, &sys_people, |s, g| {
        tables.person_match(as_str(g.get("name")).unwrap_or(""), as_str(s.get("name")))
    });
    out.add("people", counts);

    // roles
    let role_pairs = |people: &[&Value]| -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for p in people {
            for r in as_list(p.get("roles")) {
                if let Some(title) = as_str(r.get("title")).filter(|t| !normalise(t).is_empty()) {
                    pairs.push((as_str(p.get("name")).unwrap_or("").to_string(), title.to_string()));
                }
            }
        }
        pairs
    };
    let (counts, _) = match_lists(&role_pairs(&gold_people), &role_pairs(&sys_people), |s, g| {
        tables.person_match(&g.0, Some(&s.0)) && titles_match(&s.1, &g.1)
    });
    out.add("roles", counts);

    out.add("organisations", score_organisations(&tables, system));
    out.add("documents", score_documents(&tables, system));

    // acronyms
    let (counts, _) = match_lists(
        &acronym_pairs(gold.get("acronyms")),
        &acronym_pairs(system.get("acronyms")),
        |s, g| s == g,
    );
    out.add("acronyms", counts);

    out.add("relations", score_relations(&tables, gold, system));
    out
}

fn score_organisations(tables: &GoldTables, system: &Value) -> Counts {
    let org_forms = |o: &Value| -> HashSet<String> {
        let mut forms: HashSet<String> = as_list(o.get("variants"))
            .iter()
            .map(|v| normalise_value(Some(v)))
            .collect();
        forms.insert(normalise_value(o.get("name")));
        if let Some(acronym) = as_str(o.get("acronym")).filter(|a| !a.is_empty()) {
            forms.insert(normalise(acronym));
        }
        forms.remove("");
        forms
    };
    let gold_orgs: Vec<(HashSet<String>, String)> = tables
        .orgs
        .iter()
        .map(|o| (org_forms(o), normalise_value(o.get("acronym"))))
        .collect();
    let sys_orgs = dicts(system.get("organisations"));
    let org_edge = |s: &&Value, (forms, acronym): &(HashSet<String>, String)| {
        let n = normalise_value(s.get("name"));
        if !n.is_empty() && forms.contains(&n) {
            return true;
        }
        let sa = normalise_value(s.get("acronym"));
        !sa.is_empty() && sa == *acronym
    };
    match_lists(&gold_orgs, &sys_orgs, org_edge).0
}

type DocForms = (Option<String>, HashSet<String>, HashSet<(String, Option<String>)>);

fn score_documents(tables: &GoldTables, system: &Value) -> Counts {
    let doc_forms = |d: &Value| -> DocForms {
        let period = normalise_period(d.get("period"));
        let (mut exact, mut bases) = (HashSet::new(), HashSet::new());
        for f in std::iter::once(d.get("title")).chain(as_list(d.get("variants")).iter().map(Some)) {
            let n = normalise_value(f);
            if !n.is_empty() {
                let (base, derived) = split_period(&n);
                bases.insert((base, derived.or_else(|| period.clone())));
                exact.insert(n);
            }
        }
        (period, exact, bases)
    };
    let gold_docs: Vec<DocForms> = tables.docs.iter().map(|d| doc_forms(d)).collect();
    let sys_docs = dicts(system.get("documents"));
    let doc_edge = |s: &&Value, (g_period, exact, bases): &DocForms| {
        let n = normalise_value(s.get("title"));
        if n.is_empty() {
            return false;
        }
        let s_period = normalise_period(s.get("period"));
        if exact.contains(&n) {
            return s_period.is_none() || g_period.is_none() || s_period == *g_period;
        }
        let (base, derived) = split_period(&n);
        let s_period = s_period.or(derived);
        bases
            .iter()
            .any(|(b, p)| *b == base && (p.is_none() || s_period.is_none() || *p == s_period))
    };
    match_lists(&gold_docs, &sys_docs, doc_edge).0
}

/// Sorted distinct (acronym, expansion) pairs, normalised; a map or a list of
/// `{"acronym", "expansion"}` objects.
fn acronym_pairs(acronyms: Option<&Value>) -> Vec<(String, String)> {
    let items: Vec<(Option<&str>, Option<&str>)> = match acronyms {
        Some(Value::Object(map)) => map.iter().map(|(k, v)| (Some(k.as_str()), v.as_str())).collect(),
        other => as_list(other)
            .iter()
            .map(|a| (as_str(a.get("acronym")), as_str(a.get("expansion"))))
            .collect(),
    };
    let mut pairs = BTreeSet::new();
    for (k, v) in items {
        if let (Some(k), Some(v)) = (k, v) {
            let (nk, nv) = (normalise(k), normalise(v));
            if !nk.is_empty() && !nv.is_empty() {
                pairs.insert((nk, nv));
            }
        }
    }
    pairs.into_iter().collect()
}

fn score_relations(tables: &GoldTables, gold: &Value, system: &Value) -> Counts {
    struct Relation<'v> {
        predicate: &'v Value,
        subject: Keys,
        object: Keys,
    }
    fn predicate(r: &Value) -> &Value {
        r.get("predicate").unwrap_or(&Value::Null)
    }
    let (mut stated, mut inferred) = (Vec::new(), Vec::new());
    for r in as_list(gold.get("relations")) {
        let rel = Relation {
            predicate: predicate(r),
            subject: tables.resolve_gold(r.get("subject")),
            object: tables.resolve_gold(r.get("object")),
        };
        // a missing basis is "stated"
        if r.get("basis").and_then(Value::as_str) == Some("inferred") {
            inferred.push(rel);
        } else {
            stated.push(rel);
        }
    }
    let sys_rels: Vec<Relation> = as_list(system.get("relations"))
        .iter()
        .map(|r| Relation {
            predicate: predicate(r),
            subject: tables.resolve(r.get("subject")),
            object: tables.resolve(r.get("object")),
        })
        .collect();
    let edge = |s: &Relation, g: &Relation| {
        s.predicate == g.predicate && !s.subject.is_disjoint(&g.subject) && !s.object.is_disjoint(&g.object)
    };
    let pairs = max_matching(sys_rels.len(), stated.len(), |i, j| edge(&sys_rels[i], &stated[j]));
    // a system relation matching only an inferred gold relation is neutral
    let neutral = (0..sys_rels.len())
        .filter(|i| !pairs.contains_key(i) && inferred.iter().any(|g| edge(&sys_rels[*i], g)))
        .count();
    Counts {
        tp: pairs.len(),
        fp: sys_rels.len() - pairs.len() - neutral,
        fn_: stated.len() - pairs.len(),
    }
}

/// Adds the per-meeting categories of a gold/system meeting pair (either may
/// be [`EMPTY`]).
fn score_meeting(tables: &GoldTables, gm: &Value, sm: &Value, out: &mut Scores) {
    let names = |m: &'_ Value, key: &str| -> Vec<String> {
        as_list(m.get(key))
            .iter()
            .filter_map(Value::as_str)
            .filter(|x| !normalise(x).is_empty())
            .map(str::to_string)
            .collect()
    };
    let chair = |m: &Value| -> Vec<String> {
        as_str(m.get("chair"))
            .filter(|c| !normalise(c).is_empty())
            .map(str::to_string)
            .into_iter()
            .collect()
    };
    let person_edge = |s: &String, g: &String| tables.person_match(g, Some(s));
    out.add("chair", match_lists(&chair(gm), &chair(sm), person_edge).0);
    for key in ["present", "apologies", "in_attendance"] {
        out.add(key, match_lists(&names(gm, key), &names(sm, key), person_edge).0);
    }

    let g_items = dicts(gm.get("items"));
    let s_items = dicts(sm.get("items"));
    let (counts, pairs) = match_lists(&g_items, &s_items, |s, g| {
        let n = item_number(s);
        !n.is_empty() && n == item_number(g)
    });
    out.add("items", counts);
    let titles = |items: &[&Value]| -> Vec<String> {
        items
            .iter()
            .map(|it| normalise_value(it.get("title")))
            .filter(|t| !t.is_empty())
            .collect()
    };
    out.add(
        "item_titles",
        match_lists(&titles(&g_items), &titles(&s_items), |s, g| s == g).0,
    );
    let matched: BTreeMap<usize, usize> = pairs.iter().map(|(&si, &gi)| (gi, si)).collect();
    for (gi, g_it) in g_items.iter().enumerate() {
        let s_it = matched.get(&gi).map_or(EMPTY, |&si| s_items[si]);
        let counts = match_lists(&names(g_it, "presenters"), &names(s_it, "presenters"), person_edge).0;
        out.add("presenters", counts);
    }
    for (si, s_it) in s_items.iter().enumerate() {
        if !pairs.contains_key(&si) {
            out.add(
                "presenters",
                match_lists(&[], &names(s_it, "presenters"), person_edge).0,
            );
        }
    }

    let declarations = |m: &Value| -> Vec<(String, String)> {
        dicts(m.get("declarations"))
            .iter()
            .map(|d| {
                (
                    as_str(d.get("person")).unwrap_or("").to_string(),
                    minute_key(d.get("minute")),
                )
            })
            .collect()
    };
    let counts = match_lists(&declarations(gm), &declarations(sm), |s, g| {
        tables.person_match(&g.0, Some(&s.0)) && s.1 == g.1
    });
    out.add("declarations", counts.0);
}
