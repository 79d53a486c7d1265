//! SPARQL over the store: parameter binding through the query algebra,
//! and result formatting.
//!
//! Architecture invariant: a `--bind` value becomes a typed RDF term joined
//! into the parsed query (a one-row VALUES block), never text spliced into a
//! query string, so no value can change a query's structure.

use crate::date::Date;
use crate::rdf::ns;
use anyhow::{bail, Context, Result};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term, Variable};
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use std::io::Write;

/// Turns a `--bind` value into a typed literal: dates as xsd:date,
/// integers as xsd:integer, everything else as a plain string.
pub fn bind_literal(value: &str) -> Literal {
    if Date::parse_iso(value).is_some() && value.len() == 10 {
        Literal::new_typed_literal(value, xsd::DATE)
    } else if !value.is_empty() && value.len() < 19 && value.bytes().all(|b| b.is_ascii_digit()) {
        Literal::new_typed_literal(value, xsd::INTEGER)
    } else {
        Literal::new_simple_literal(value)
    }
}

/// Parses `NAME=VALUE`.
pub fn parse_binding(s: &str) -> Result<(String, String)> {
    let (name, value) = s
        .split_once('=')
        .with_context(|| format!("--bind {s:?}: expected NAME=VALUE"))?;
    let name = name.trim().trim_start_matches(['?', '$']);
    Variable::new(name).with_context(|| format!("--bind {s:?}: {name:?} is not a SPARQL variable name"))?;
    Ok((name.to_string(), value.to_string()))
}

/// Joins one-row VALUES for `bindings` into the innermost group pattern of
/// the query, below projection, grouping, filters and BINDs, so filters and
/// OPTIONALs see the bound values; and into every sub-SELECT that mentions
/// a bound variable, whose scope a value bound outside would not reach.
fn inject(pattern: GraphPattern, values: &GraphPattern, names: &[String]) -> GraphPattern {
    inject_here(into_subqueries(pattern, values, names, false), values, true)
}

/// [`inject`] at one query level; `top` until its projection is passed,
/// after which a projection is a sub-SELECT, joined whole.
fn inject_here(pattern: GraphPattern, values: &GraphPattern, top: bool) -> GraphPattern {
    use GraphPattern as P;
    match pattern {
        P::Project { inner, variables } if top => P::Project {
            inner: Box::new(inject_here(*inner, values, false)),
            variables,
        },
        // One sub-pattern each: the values go below it.
        unary @ (P::Distinct { .. }
        | P::Reduced { .. }
        | P::Slice { .. }
        | P::OrderBy { .. }
        | P::Filter { .. }
        | P::Extend { .. }
        | P::Group { .. }) => map_children(unary, &mut |inner| inject_here(inner, values, top)),
        P::LeftJoin {
            left,
            right,
            expression,
        } => P::LeftJoin {
            left: Box::new(inject_here(*left, values, top)),
            right,
            expression,
        },
        P::Join { left, right } => P::Join {
            left: Box::new(inject_here(*left, values, top)),
            right,
        },
        // `LATERAL`: the right side sees the left's values.
        P::Lateral { left, right } => P::Lateral {
            left: Box::new(inject_here(*left, values, top)),
            right,
        },
        other => P::Join {
            left: Box::new(values.clone()),
            right: Box::new(other),
        },
    }
}

/// Injects the values into every sub-SELECT in `pattern` that mentions one
/// of `names`; `inside` once the query's own projection is passed.
fn into_subqueries(pattern: GraphPattern, values: &GraphPattern, names: &[String], inside: bool) -> GraphPattern {
    match pattern {
        GraphPattern::Project { inner, variables } => {
            let subquery = GraphPattern::Project {
                inner: Box::new(into_subqueries(*inner, values, names, true)),
                variables,
            };
            let text = subquery.to_string();
            if inside && names.iter().any(|n| mentions_variable(&text, n)) {
                inject_here(subquery, values, true)
            } else {
                subquery
            }
        }
        other => map_children(other, &mut |child| into_subqueries(child, values, names, inside)),
    }
}

/// `pattern` with `f` applied to each of its direct sub-patterns (a leaf,
/// or a pattern kind not listed, is returned as it is).
fn map_children(pattern: GraphPattern, f: &mut dyn FnMut(GraphPattern) -> GraphPattern) -> GraphPattern {
    use GraphPattern as P;
    let mut down = |p: Box<GraphPattern>| Box::new(f(*p));
    match pattern {
        P::Join { left, right } => P::Join {
            left: down(left),
            right: down(right),
        },
        P::LeftJoin {
            left,
            right,
            expression,
        } => P::LeftJoin {
            left: down(left),
            right: down(right),
            expression,
        },
        P::Minus { left, right } => P::Minus {
            left: down(left),
            right: down(right),
        },
        P::Union { left, right } => P::Union {
            left: down(left),
            right: down(right),
        },
        P::Lateral { left, right } => P::Lateral {
            left: down(left),
            right: down(right),
        },
        P::Filter { expr, inner } => P::Filter {
            expr,
            inner: down(inner),
        },
        P::Graph { name, inner } => P::Graph {
            name,
            inner: down(inner),
        },
        P::Extend {
            inner,
            variable,
            expression,
        } => P::Extend {
            inner: down(inner),
            variable,
            expression,
        },
        P::Group {
            inner,
            variables,
            aggregates,
        } => P::Group {
            inner: down(inner),
            variables,
            aggregates,
        },
        P::OrderBy { inner, expression } => P::OrderBy {
            inner: down(inner),
            expression,
        },
        P::Project { inner, variables } => P::Project {
            inner: down(inner),
            variables,
        },
        P::Distinct { inner } => P::Distinct { inner: down(inner) },
        P::Reduced { inner } => P::Reduced { inner: down(inner) },
        P::Slice { inner, start, length } => P::Slice {
            inner: down(inner),
            start,
            length,
        },
        other => other,
    }
}

/// Applies `f` to the WHERE pattern of any query form.
fn map_pattern(query: spargebra::Query, f: impl FnOnce(GraphPattern) -> GraphPattern) -> spargebra::Query {
    use spargebra::Query as Q;
    match query {
        Q::Select {
            dataset,
            pattern,
            base_iri,
        } => Q::Select {
            dataset,
            pattern: f(pattern),
            base_iri,
        },
        Q::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Q::Construct {
            template,
            dataset,
            pattern: f(pattern),
            base_iri,
        },
        Q::Describe {
            dataset,
            pattern,
            base_iri,
        } => Q::Describe {
            dataset,
            pattern: f(pattern),
            base_iri,
        },
        Q::Ask {
            dataset,
            pattern,
            base_iri,
        } => Q::Ask {
            dataset,
            pattern: f(pattern),
            base_iri,
        },
    }
}

/// The variables a query mentions (for checking `--bind` names).
fn mentions_variable(query: &str, name: &str) -> bool {
    [format!("?{name}"), format!("${name}")].iter().any(|v| {
        query.match_indices(v.as_str()).any(|(i, _)| {
            query[i + v.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        })
    })
}

/// The variable `--bind NAME=…` sets: `?NAME_` when the query uses it (so
/// a query can bind `body` and still output a column called `body`), else
/// `?NAME`.
fn bound_variable(query: &str, name: &str) -> String {
    let underscored = format!("{name}_");
    if mentions_variable(query, &underscored) {
        underscored
    } else {
        name.to_string()
    }
}

/// Parses a query, with councilgraph's prefixes predeclared, and binds values.
pub fn prepare(query: &str, bindings: &[(String, String)]) -> Result<spargebra::Query> {
    let parser = PREFIXES
        .iter()
        .try_fold(spargebra::SparqlParser::new(), |p, (name, iri)| {
            p.with_prefix(*name, *iri)
        })?;
    let mut parsed = parser
        .parse_query(query)
        .map_err(|e| anyhow::anyhow!("SPARQL syntax error: {e}"))?;
    if !bindings.is_empty() {
        for (name, _) in bindings {
            if !mentions_variable(query, &bound_variable(query, name)) {
                bail!("--bind {name}=…: the query has no variable ?{name}");
            }
        }
        let values = GraphPattern::Values {
            variables: bindings
                .iter()
                .map(|(n, _)| Variable::new_unchecked(bound_variable(query, n)))
                .collect(),
            bindings: vec![bindings
                .iter()
                .map(|(_, v)| Some(GroundTerm::Literal(bind_literal(v))))
                .collect()],
        };
        let names: Vec<String> = bindings.iter().map(|(n, _)| bound_variable(query, n)).collect();
        parsed = map_pattern(parsed, |pattern| inject(pattern, &values, &names));
    }
    Ok(parsed)
}

/// The prefixes every query may use without declaring them.
pub const PREFIXES: &[(&str, &str)] = &[
    ("cg", ns::CG),
    ("org", ns::ORG),
    ("foaf", ns::FOAF),
    ("schema", ns::SCHEMA),
    ("prov", ns::PROV),
    ("oa", ns::OA),
    ("dcterms", ns::DCTERMS),
    ("skos", ns::SKOS),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// Evaluates a prepared query with the union graph (every triple of every
/// file once, `store::UNION_GRAPH`) as the default graph, unless the query
/// names its own dataset; on a store without one, the union of all graphs.
pub fn evaluate(store: &Store, query: spargebra::Query) -> Result<QueryResults<'static>> {
    evaluate_with(store, query, SparqlEvaluator::new())
}

/// [`evaluate`] with a configured evaluator (`serve` passes one holding a
/// cancellation token for its timeout).
pub fn evaluate_with(
    store: &Store,
    query: spargebra::Query,
    evaluator: SparqlEvaluator,
) -> Result<QueryResults<'static>> {
    Ok(on_default_dataset(store, query, evaluator)?.execute()?)
}

/// Evaluates a query as [`evaluate`] does and returns, with its results,
/// oxigraph's plan annotated with per-operator row counts and durations
/// (as JSON), for finding which part of a slow query costs the time.
pub fn explain(store: &Store, query: spargebra::Query, format: OutputFormat, out: &mut dyn Write) -> Result<Vec<u8>> {
    let prepared = on_default_dataset(store, query, SparqlEvaluator::new())?.compute_statistics();
    let (results, explanation) = prepared.explain();
    // The statistics are filled in as the results are read.
    write_results(results?, format, out)?;
    let mut plan = Vec::new();
    explanation.write_in_json(&mut plan)?;
    Ok(plan)
}

/// Binds a query to the store with the union graph (or, on a store without
/// one, the union of all graphs) as its default graph, unless the query
/// names its own dataset.
fn on_default_dataset(
    store: &Store,
    query: spargebra::Query,
    evaluator: SparqlEvaluator,
) -> Result<oxigraph::sparql::BoundPreparedSparqlQuery<'static>> {
    let names_dataset = query.dataset().is_some();
    // A store written before summaries were kept, or whose first build was
    // interrupted before them, would answer from an empty summary graph.
    if query.to_string().contains(crate::summary::SUMMARY_GRAPH) && !crate::store::summaries_current(store)? {
        bail!("this store's summaries are missing or out of date (the query reads them); run `councilgraph build` on it again");
    }
    let mut prepared = evaluator.for_query(query);
    if !names_dataset {
        if crate::store::has_union_graph(store)? {
            let union = oxigraph::model::GraphName::NamedNode(crate::store::union_graph());
            prepared.dataset_mut().set_default_graph(vec![union]);
        } else {
            prepared.dataset_mut().set_default_graph_as_union();
        }
    }
    Ok(prepared.on_store(store))
}

/// Output formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Tsv,
    Json,
}

/// A term as a table cell: IRIs and literals without syntax.
pub fn cell(term: Option<&Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::BlankNode(b)) => format!("_:{}", b.as_str()),
        #[allow(unreachable_patterns)]
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Writes results in `format`; CSV/TSV/JSON use oxigraph's SPARQL 1.1
/// result serialisers, `table` aligns columns for a terminal.
pub fn write_results(results: QueryResults<'static>, format: OutputFormat, out: &mut dyn Write) -> Result<usize> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows: Vec<QuerySolution> = solutions.collect::<Result<_, _>>()?;
            let count = rows.len();
            match format {
                OutputFormat::Table => write_table(&variables, &rows, out)?,
                other => {
                    let rf = match other {
                        OutputFormat::Csv => QueryResultsFormat::Csv,
                        OutputFormat::Tsv => QueryResultsFormat::Tsv,
                        _ => QueryResultsFormat::Json,
                    };
                    let mut ser = oxigraph::sparql::results::QueryResultsSerializer::from_format(rf)
                        .serialize_solutions_to_writer(&mut *out, variables.clone())?;
                    for row in &rows {
                        ser.serialize(row)?;
                    }
                    ser.finish()?;
                }
            }
            Ok(count)
        }
        QueryResults::Boolean(b) => {
            match format {
                OutputFormat::Table => writeln!(out, "{b}")?,
                other => {
                    let rf = match other {
                        OutputFormat::Csv => QueryResultsFormat::Csv,
                        OutputFormat::Tsv => QueryResultsFormat::Tsv,
                        _ => QueryResultsFormat::Json,
                    };
                    oxigraph::sparql::results::QueryResultsSerializer::from_format(rf)
                        .serialize_boolean_to_writer(&mut *out, b)?;
                }
            }
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let mut n = 0;
            let mut ser =
                oxigraph::io::RdfSerializer::from_format(oxigraph::io::RdfFormat::NTriples).for_writer(&mut *out);
            for t in triples {
                ser.serialize_triple(&t?)?;
                n += 1;
            }
            ser.finish()?;
            Ok(n)
        }
    }
}

fn write_table(variables: &[Variable], rows: &[QuerySolution], out: &mut dyn Write) -> Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| variables.iter().map(|v| cell(r.get(v))).collect())
        .collect();
    let mut widths: Vec<usize> = variables.iter().map(|v| v.as_str().chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count()).min(60);
        }
    }
    let line = |values: Vec<String>, out: &mut dyn Write| -> Result<()> {
        let padded: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| {
                let v: String = if v.chars().count() > *w {
                    v.chars().take(w - 1).chain(['…']).collect()
                } else {
                    v.clone()
                };
                format!("{v:<w$}", w = *w)
            })
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())?;
        Ok(())
    };
    line(variables.iter().map(|v| v.as_str().to_string()).collect(), out)?;
    line(widths.iter().map(|w| "-".repeat(*w)).collect(), out)?;
    for row in cells {
        line(row, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_named_like_an_output_column_binds_its_underscored_variable() {
        let q = prepare(
            "SELECT ?body WHERE { ?b rdfs:label ?body . FILTER(?body = ?body_) }",
            &[("body".to_string(), "Cabinet".to_string())],
        )
        .unwrap()
        .to_string();
        assert!(q.contains("VALUES ( ?body_ )"), "{q}");
    }

    #[test]
    fn binds_are_typed_and_checked() {
        assert_eq!(bind_literal("2024-10-29").datatype(), xsd::DATE);
        assert_eq!(bind_literal("4").datatype(), xsd::INTEGER);
        assert_eq!(
            bind_literal("Pitchley\" } ; DROP ALL").value(),
            "Pitchley\" } ; DROP ALL"
        );
        assert!(parse_binding("date").is_err());
        assert!(parse_binding("bad name=1").is_err());
        assert!(prepare("SELECT ?x WHERE { ?x ?p ?o }", &[("y".into(), "1".into())]).is_err());
    }

    /// `query` with `want` bound to "y", over two triples (objects "x" and
    /// "y"), as CSV.
    fn with_want_bound(query: &str) -> String {
        let store = Store::new().unwrap();
        store
            .load_from_reader(
                oxigraph::io::RdfFormat::NQuads,
                "<http://a> <http://p> \"x\" <http://g> .\n<http://b> <http://p> \"y\" <http://g> .\n".as_bytes(),
            )
            .unwrap();
        let q = prepare(query, &[("want".into(), "y".into())]).unwrap();
        let mut out = Vec::new();
        write_results(evaluate(&store, q).unwrap(), OutputFormat::Csv, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_bound_value_reaches_sub_selects_and_the_outer_level() {
        let out = with_want_bound(
            "SELECT ?n ?w WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?s <http://p> ?o FILTER(?o != ?want) } } \
             BIND(?want AS ?w) }",
        );
        assert_eq!(out, "n,w\r\n1,y\r\n");
    }

    #[test]
    fn a_bound_value_reaches_filters() {
        let out = with_want_bound("SELECT ?s WHERE { ?s <http://p> ?o FILTER(?o = ?want) }");
        assert_eq!(out, "s\r\nhttp://b\r\n");
    }
}
