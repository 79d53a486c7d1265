//! `why`: the sentences behind an entity or a fact — every evidence node
//! reachable from it: its own, its mentions', and those of the facts that
//! name it (attendance, roles, presentations, relations …).
//!
//! Architecture invariant: reads the store only; the evidence it prints is
//! exactly what the store holds (file, character offsets, quote).

use crate::query::{evaluate, prepare};
use anyhow::{bail, Result};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use serde::Serialize;

/// One piece of evidence: where, what kind of fact, and the quote.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Because {
    pub path: String,
    pub start: i64,
    pub end: i64,
    /// The fact's class ("Attendance", "Mention", "Relation" …).
    pub fact: String,
    pub fact_iri: String,
    pub quote: String,
}

const WHY: &str = r#"
SELECT DISTINCT ?fact ?class ?path ?start ?end ?quote WHERE {
  {
    BIND(?target AS ?fact)
  } UNION {
    ?fact cg:mentionOf ?target
  } UNION {
    ?fact cg:person ?target
  } UNION {
    ?fact org:member ?target
  } UNION {
    ?fact rdf:subject ?target
  } UNION {
    ?fact rdf:object ?target
  } UNION {
    ?fact cg:concept ?target
  }
  ?fact cg:evidence ?e .
  OPTIONAL { ?fact a ?class . FILTER(STRSTARTS(STR(?class), STR(cg:)) || STRSTARTS(STR(?class), STR(org:))) }
  ?e oa:start ?start ; oa:end ?end ; oa:exact ?quote ; prov:wasDerivedFrom ?file .
  ?file cg:path ?path .
}
"#;

fn local_name(iri: &str) -> String {
    iri.rsplit(['#', '/']).next().unwrap_or(iri).to_string()
}

/// The evidence behind `iri`, in file and offset order.
pub fn why(store: &Store, iri: &str) -> Result<Vec<Because>> {
    let node = oxigraph::model::NamedNode::new(iri).map_err(|e| anyhow::anyhow!("not an IRI: {iri:?} ({e})"))?;
    let query = WHY.replace("?target", &node.to_string());
    let QueryResults::Solutions(solutions) = evaluate(store, prepare(&query, &[])?)? else {
        bail!("internal error: the why query is not a SELECT");
    };
    let mut out: Vec<Because> = Vec::new();
    for solution in solutions {
        let solution = solution?;
        let text = |name: &str| match solution.get(name) {
            Some(Term::Literal(l)) => l.value().to_string(),
            Some(Term::NamedNode(n)) => n.as_str().to_string(),
            _ => String::new(),
        };
        let number = |name: &str| text(name).parse::<i64>().unwrap_or(-1);
        let because = Because {
            path: text("path"),
            start: number("start"),
            end: number("end"),
            fact: local_name(&text("class")),
            fact_iri: text("fact"),
            quote: text("quote"),
        };
        // A fact with several classes (skos:Concept and cg:AcronymDefinition) is listed once.
        if !out
            .iter()
            .any(|b| b.fact_iri == because.fact_iri && b.start == because.start)
        {
            out.push(because);
        }
    }
    out.sort();
    Ok(out)
}
