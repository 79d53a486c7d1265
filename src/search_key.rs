//! Search keys: the normalised form of a name or title under which the
//! graph files each entity (`cg:searchKey`), so a query can find "the
//! person called Cllr Pitchley" or "the Cabinet Member for Children's
//! Services" with one index lookup instead of normalising every label in
//! the store (at 1k meetings: 10 s for a string FILTER, milliseconds for the
//! lookup).
//!
//! A key is lower case, drops one leading article or honorific ("the",
//! "Councillor", "Cllr", "Dr" …), possessives, plural "s", the joining
//! words "the", "of", "for" and "and", and everything that is not an ASCII
//! letter or digit.
//!
//! Architecture invariant: [`search_key`] and [`sparql`] compute the same
//! function; the first at build time, the second inside queries (standard
//! SPARQL, so the named queries run on any store holding an export). A test
//! evaluates both on the same strings, and `tests/queries.rs` checks that
//! every query using `cg:searchKey` spells the expression exactly as
//! [`sparql`] does.

use regex::Regex;
use std::sync::LazyLock;

/// A leading article or honorific, dropped first.
const LEADING: &str = r"^\s*(the|councillors?|cllr|mrs|mr|ms|miss|dr|professor)\.?\s+";
/// Then, in one pass: possessives, joining words, plural "s", and every
/// character that is not an ASCII letter or digit.
const NOISE: &str = r"['’]s\b|\b(the|of|for|and)\b|s\b|[^a-z0-9]";

static LEADING_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(LEADING).expect("valid regex"));
static NOISE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(NOISE).expect("valid regex"));

/// The search key of a label.
pub fn search_key(label: &str) -> String {
    let lower = label.to_lowercase();
    let stripped = LEADING_RE.replace(&lower, "");
    NOISE_RE.replace_all(&stripped, "").into_owned()
}

/// The SPARQL expression computing [`search_key`] of `variable` (written
/// with its `?`), as the named queries spell it. The COALESCE tells
/// oxigraph's planner the key is always bound, so it joins on it (looks it
/// up) instead of computing a cartesian product and filtering.
pub fn sparql(variable: &str) -> String {
    let quoted = |pattern: &str| pattern.replace('\\', "\\\\");
    format!(
        "COALESCE(REPLACE(REPLACE(LCASE(STR({variable})), \"{}\", \"\"), \"{}\", \"\"), \"\")",
        quoted(LEADING),
        quoted(NOISE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    use oxigraph::store::Store;

    #[test]
    fn printed_variants_of_one_name_share_a_key() {
        let same = |a: &str, b: &str| assert_eq!(search_key(a), search_key(b), "{a:?} vs {b:?}");
        same("Councillor Pitchley", "pitchley");
        same("Cllr. Pitchley", "PITCHLEY");
        same("The Safeguarding Adults Board", "safeguarding adults board");
        same(
            "Cabinet Member for Children and Young People's Services",
            "Cabinet Member Children & Young Peoples Service",
        );
        same("Neglect Strategy 2024-2026", "neglect strategy 2024 – 2026");
        assert_ne!(search_key("Laura Pitchley"), search_key("Pitchley"));
        assert_ne!(search_key("Adults Board"), search_key("Children Board"));
    }

    #[test]
    fn the_sparql_expression_computes_the_same_key() {
        let labels = [
            "Councillor Pitchley",
            "Cllr. A. Cusworth",
            "Mrs  Jenny Lee-Smith",
            "The Rotherham Safeguarding Children Partnership (RSCP)",
            "Cabinet Member for Children and Young People's Services",
            "Children’s Services",
            "Neglect Strategy 2024–2026",
            "Dr. Zoë O'Brien",
            "Theatre of the Absurd",
            "Professor",
            "",
            "ISTANBUL İ ß",
            "Mr Ms Miss",
            "Health and Wellbeing Board's Annual Report 2019/20",
        ];
        let store = Store::new().unwrap();
        for label in labels {
            let literal = oxigraph::model::Literal::new_simple_literal(label);
            let query = format!(
                "SELECT ({} AS ?key) WHERE {{ VALUES ?x {{ {literal} }} }}",
                sparql("?x")
            );
            let QueryResults::Solutions(mut rows) = SparqlEvaluator::new()
                .parse_query(&query)
                .unwrap()
                .on_store(&store)
                .execute()
                .unwrap()
            else {
                panic!("SELECT gives solutions")
            };
            let row = rows.next().unwrap().unwrap();
            let key = match row.get("key") {
                Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
                other => panic!("{label:?}: no key from SPARQL ({other:?})"),
            };
            assert_eq!(key, search_key(label), "{label:?}");
        }
    }

    #[test]
    fn every_named_query_looking_up_a_key_computes_it_as_the_build_does() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let lookup = Regex::new(r"cg:searchKey (\?\w+)").unwrap();
        let mut checked = 0;
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for found in lookup.captures_iter(&text) {
                let key = &found[1];
                let bind = Regex::new(&format!(
                    r"BIND\((COALESCE\(REPLACE\(REPLACE\(LCASE\(STR\((\?\w+)\)\).*) AS \{key}\)"
                ))
                .unwrap();
                let bound = bind
                    .captures(&text)
                    .unwrap_or_else(|| panic!("{}: {key} is looked up but not computed", path.display()));
                assert_eq!(&bound[1], sparql(&bound[2]), "{}", path.display());
                checked += 1;
            }
        }
        assert!(checked >= 9, "only {checked} lookups found");
    }
}
