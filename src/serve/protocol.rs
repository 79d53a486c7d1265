//! The SPARQL 1.1 Protocol, independent of the HTTP framework: request
//! parameters, content negotiation, and running a query to a bounded,
//! serialised response body.

use crate::query::{evaluate_with, parse_binding, prepare, PREFIXES};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use spargebra::algebra::QueryDataset;

/// What went wrong, with the HTTP status it maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: u16,
    pub message: String,
}

impl Problem {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Problem {
            status,
            message: message.into(),
        }
    }
}

/// The operation a request asks for, gathered from the URL query string,
/// a form body or a direct `application/sparql-query|update` body.
#[derive(Debug, Default, Clone)]
pub struct Request {
    pub query: Option<String>,
    pub update: Option<String>,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    /// `bind=NAME=VALUE` (councilgraph's extension, like `query --bind`).
    pub bindings: Vec<String>,
    /// `format=json|xml|csv|tsv|turtle|ntriples|jsonld|rdfxml` or a media type.
    pub format: Option<String>,
}

impl Request {
    /// Adds `application/x-www-form-urlencoded` pairs (URL query string or body).
    pub fn add_form(&mut self, encoded: &[u8]) -> Result<(), Problem> {
        for (key, value) in form_urlencoded::parse(encoded) {
            let value = value.into_owned();
            match key.as_ref() {
                "query" => set_once(&mut self.query, value, "query")?,
                "update" => set_once(&mut self.update, value, "update")?,
                "default-graph-uri" | "using-graph-uri" => self.default_graphs.push(value),
                "named-graph-uri" | "using-named-graph-uri" => self.named_graphs.push(value),
                "bind" => self.bindings.push(value),
                "format" | "output" => self.format = Some(value),
                _ => {}
            }
        }
        Ok(())
    }
}

fn set_once(slot: &mut Option<String>, value: String, name: &str) -> Result<(), Problem> {
    if slot.is_some() {
        return Err(Problem::new(400, format!("more than one `{name}` parameter")));
    }
    *slot = Some(value);
    Ok(())
}

/// A response format, for solutions/booleans or for graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

impl Format {
    pub fn content_type(self) -> String {
        let media = match self {
            Format::Results(f) => f.media_type(),
            Format::Rdf(f) => f.media_type(),
        };
        if media.starts_with("text/") && !media.contains("charset") {
            format!("{media}; charset=utf-8")
        } else {
            media.to_string()
        }
    }
}

/// Whether a query returns solutions (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Solutions,
    Graph,
}

impl Kind {
    pub fn of(query: &spargebra::Query) -> Kind {
        match query {
            spargebra::Query::Select { .. } | spargebra::Query::Ask { .. } => Kind::Solutions,
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. } => Kind::Graph,
        }
    }
}

const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

/// Media types served, per kind; the first is the default.
fn media_types(kind: Kind) -> &'static [(&'static str, Format)] {
    use QueryResultsFormat as R;
    match kind {
        Kind::Solutions => &[
            ("application/sparql-results+json", Format::Results(R::Json)),
            ("application/json", Format::Results(R::Json)),
            ("application/sparql-results+xml", Format::Results(R::Xml)),
            ("text/csv", Format::Results(R::Csv)),
            ("text/tab-separated-values", Format::Results(R::Tsv)),
            ("application/xml", Format::Results(R::Xml)),
            ("text/xml", Format::Results(R::Xml)),
        ],
        Kind::Graph => &[
            ("text/turtle", Format::Rdf(RdfFormat::Turtle)),
            ("application/x-turtle", Format::Rdf(RdfFormat::Turtle)),
            ("application/n-triples", Format::Rdf(RdfFormat::NTriples)),
            ("text/plain", Format::Rdf(RdfFormat::NTriples)),
            ("application/ld+json", Format::Rdf(JSON_LD)),
            ("application/json", Format::Rdf(JSON_LD)),
            ("application/rdf+xml", Format::Rdf(RdfFormat::RdfXml)),
            ("application/xml", Format::Rdf(RdfFormat::RdfXml)),
            ("text/xml", Format::Rdf(RdfFormat::RdfXml)),
        ],
    }
}

fn format_by_name(kind: Kind, name: &str) -> Option<Format> {
    use QueryResultsFormat as R;
    let name = name.trim().to_ascii_lowercase();
    let found = match (kind, name.as_str()) {
        (Kind::Solutions, "json" | "srj") => Some(Format::Results(R::Json)),
        (Kind::Solutions, "xml" | "srx") => Some(Format::Results(R::Xml)),
        (Kind::Solutions, "csv") => Some(Format::Results(R::Csv)),
        (Kind::Solutions, "tsv") => Some(Format::Results(R::Tsv)),
        (Kind::Graph, "turtle" | "ttl") => Some(Format::Rdf(RdfFormat::Turtle)),
        (Kind::Graph, "ntriples" | "n-triples" | "nt") => Some(Format::Rdf(RdfFormat::NTriples)),
        (Kind::Graph, "jsonld" | "json-ld" | "json") => Some(Format::Rdf(JSON_LD)),
        (Kind::Graph, "rdfxml" | "rdf-xml" | "rdf" | "xml") => Some(Format::Rdf(RdfFormat::RdfXml)),
        _ => None,
    };
    found.or_else(|| media_types(kind).iter().find(|(m, _)| *m == name).map(|(_, f)| *f))
}

fn supported(kind: Kind) -> String {
    let names = match kind {
        Kind::Solutions => "json, xml, csv, tsv",
        Kind::Graph => "turtle, ntriples, jsonld, rdfxml",
    };
    let types: Vec<&str> = media_types(kind).iter().map(|(m, _)| *m).collect();
    format!("format= {names}; Accept: {}", types.join(", "))
}

/// Chooses the response format: the `format` parameter if given, else the
/// Accept header (q-values honoured, wildcards to the default), else the
/// default (SPARQL JSON results; Turtle for graphs).
pub fn negotiate(kind: Kind, accept: Option<&str>, format: Option<&str>) -> Result<Format, Problem> {
    let what = match kind {
        Kind::Solutions => "SELECT/ASK results",
        Kind::Graph => "CONSTRUCT/DESCRIBE results",
    };
    if let Some(name) = format.filter(|f| !f.trim().is_empty()) {
        return format_by_name(kind, name).ok_or_else(|| {
            Problem::new(
                406,
                format!("format={name} is not available for {what}; use {}", supported(kind)),
            )
        });
    }
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(media_types(kind)[0].1);
    };
    let mut ranges: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, range)| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").map(str::trim))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0 && !media.is_empty()).then_some((q, i, media))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, media) in &ranges {
        if media == "*/*" || media == "*" {
            return Ok(media_types(kind)[0].1);
        }
        if let Some(major) = media.strip_suffix("/*") {
            if let Some((_, f)) = media_types(kind)
                .iter()
                .find(|(m, _)| m.split('/').next() == Some(major))
            {
                return Ok(*f);
            }
            continue;
        }
        if let Some((_, f)) = media_types(kind).iter().find(|(m, _)| m == media) {
            return Ok(*f);
        }
    }
    Err(Problem::new(
        406,
        format!(
            "none of the accepted types ({accept}) is available for {what}; use {}",
            supported(kind)
        ),
    ))
}

/// Parses the query with councilgraph's prefixes and `bind=` values, and
/// applies the protocol's dataset parameters. A SPARQL update sent as a
/// query is reported as such.
pub fn parse(request: &Request, query: &str) -> Result<spargebra::Query, Problem> {
    let bindings = request
        .bindings
        .iter()
        .map(|b| parse_binding(b).map_err(|e| Problem::new(400, e.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let parsed = match prepare(query, &[]) {
        Ok(_) if !bindings.is_empty() => prepare(query, &bindings).map_err(|e| Problem::new(400, e.to_string()))?,
        Ok(q) => q,
        Err(e) => {
            if parse_update(query).is_ok() {
                return Err(Problem::new(
                    403,
                    "this is a SPARQL update; send it as `update=` or application/sparql-update \
                     (refused unless the server runs with --allow-update)",
                ));
            }
            return Err(Problem::new(400, e.to_string()));
        }
    };
    with_dataset(parsed, &request.default_graphs, &request.named_graphs)
}

/// Parses a SPARQL update with councilgraph's prefixes.
pub fn parse_update(update: &str) -> Result<spargebra::Update, Problem> {
    let parser = PREFIXES
        .iter()
        .try_fold(spargebra::SparqlParser::new(), |p, (name, iri)| {
            p.with_prefix(*name, *iri)
        })
        .map_err(|e| Problem::new(500, e.to_string()))?;
    parser
        .parse_update(update)
        .map_err(|e| Problem::new(400, format!("SPARQL syntax error: {e}")))
}

/// `default-graph-uri` / `named-graph-uri` replace the query's own dataset
/// (SPARQL 1.1 Protocol §2.1.4); without them the default graph stays the
/// union of all graphs.
fn with_dataset(query: spargebra::Query, default: &[String], named: &[String]) -> Result<spargebra::Query, Problem> {
    if default.is_empty() && named.is_empty() {
        return Ok(query);
    }
    let iris = |list: &[String]| {
        list.iter()
            .map(|s| NamedNode::new(s).map_err(|e| Problem::new(400, format!("not an IRI: {s:?} ({e})"))))
            .collect::<Result<Vec<_>, _>>()
    };
    let dataset = Some(QueryDataset {
        default: iris(default)?,
        named: if named.is_empty() { None } else { Some(iris(named)?) },
    });
    use spargebra::Query as Q;
    Ok(match query {
        Q::Select { pattern, base_iri, .. } => Q::Select {
            dataset,
            pattern,
            base_iri,
        },
        Q::Construct {
            template,
            pattern,
            base_iri,
            ..
        } => Q::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        },
        Q::Describe { pattern, base_iri, .. } => Q::Describe {
            dataset,
            pattern,
            base_iri,
        },
        Q::Ask { pattern, base_iri, .. } => Q::Ask {
            dataset,
            pattern,
            base_iri,
        },
    })
}

fn evaluation_problem(e: QueryEvaluationError) -> Problem {
    match e {
        QueryEvaluationError::Cancelled => Problem::new(503, "query cancelled (time limit)"),
        other => Problem::new(500, format!("query evaluation failed: {other}")),
    }
}

/// Runs a parsed query and serialises at most `max_rows` solutions (or
/// triples) in `format`. Blocking: call it from a blocking thread.
pub fn execute(
    store: &Store,
    query: spargebra::Query,
    format: Format,
    max_rows: usize,
    cancel: CancellationToken,
) -> Result<Vec<u8>, Problem> {
    let too_many = || {
        Problem::new(
            413,
            format!(
                "the result has more than {max_rows} rows (the server's --max-rows); \
                 add a LIMIT or narrow the query"
            ),
        )
    };
    let results = evaluate_with(store, query, SparqlEvaluator::new().with_cancellation_token(cancel)).map_err(|e| {
        match e.downcast::<QueryEvaluationError>() {
            Ok(e) => evaluation_problem(e),
            Err(e) => Problem::new(500, format!("query evaluation failed: {e:#}")),
        }
    })?;
    let io = |e: std::io::Error| Problem::new(500, format!("cannot serialise the results: {e}"));
    let mut out = Vec::new();
    match (results, format) {
        (QueryResults::Solutions(solutions), Format::Results(f)) => {
            let mut ser = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())
                .map_err(io)?;
            for (n, row) in solutions.enumerate() {
                if n >= max_rows {
                    return Err(too_many());
                }
                ser.serialize(&row.map_err(evaluation_problem)?).map_err(io)?;
            }
            ser.finish().map_err(io)?;
        }
        (QueryResults::Boolean(b), Format::Results(f)) => {
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut out, b)
                .map_err(io)?;
        }
        (QueryResults::Graph(triples), Format::Rdf(f)) => {
            let mut serializer = RdfSerializer::from_format(f);
            if f == RdfFormat::Turtle {
                for (name, iri) in PREFIXES {
                    serializer = serializer
                        .with_prefix(*name, *iri)
                        .map_err(|e| Problem::new(500, e.to_string()))?;
                }
            }
            let mut ser = serializer.for_writer(&mut out);
            for (n, triple) in triples.enumerate() {
                if n >= max_rows {
                    return Err(too_many());
                }
                ser.serialize_triple(&triple.map_err(evaluation_problem)?).map_err(io)?;
            }
            ser.finish().map_err(io)?;
        }
        _ => return Err(Problem::new(500, "internal error: result kind and format disagree")),
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_accept_q_values_and_the_format_parameter() {
        use QueryResultsFormat as R;
        let s = Kind::Solutions;
        assert_eq!(negotiate(s, None, None), Ok(Format::Results(R::Json)));
        assert_eq!(negotiate(s, Some("text/csv"), None), Ok(Format::Results(R::Csv)));
        assert_eq!(
            negotiate(s, Some("text/csv;q=0.5, application/sparql-results+xml"), None),
            Ok(Format::Results(R::Xml))
        );
        assert_eq!(
            negotiate(s, Some("text/html, */*;q=0.8"), None),
            Ok(Format::Results(R::Json))
        );
        assert_eq!(negotiate(s, Some("text/*"), None), Ok(Format::Results(R::Csv)));
        assert_eq!(negotiate(s, Some("text/csv"), Some("tsv")), Ok(Format::Results(R::Tsv)));
        assert_eq!(negotiate(s, Some("text/turtle"), None).unwrap_err().status, 406);
        assert_eq!(negotiate(s, None, Some("turtle")).unwrap_err().status, 406);
        let g = Kind::Graph;
        assert_eq!(negotiate(g, None, None), Ok(Format::Rdf(RdfFormat::Turtle)));
        assert_eq!(
            negotiate(g, Some("application/sparql-results+xml, application/rdf+xml"), None),
            Ok(Format::Rdf(RdfFormat::RdfXml))
        );
        assert_eq!(negotiate(g, None, Some("jsonld")), Ok(Format::Rdf(JSON_LD)));
        assert_eq!(
            negotiate(g, None, Some("application/n-triples")),
            Ok(Format::Rdf(RdfFormat::NTriples))
        );
    }

    #[test]
    fn form_parameters_and_updates_sent_as_queries() {
        let mut r = Request::default();
        r.add_form(b"query=SELECT+*+WHERE+%7B%7D&bind=date%3D2024-10-29&format=csv")
            .unwrap();
        assert_eq!(r.query.as_deref(), Some("SELECT * WHERE {}"));
        assert_eq!(r.bindings, ["date=2024-10-29"]);
        assert_eq!(r.add_form(b"query=ASK{}").unwrap_err().status, 400);
        let update = parse(&Request::default(), "INSERT DATA { <http://a> <http://b> <http://c> }");
        assert_eq!(update.unwrap_err().status, 403);
        let bad = parse(&Request::default(), "SELECT WHERE").unwrap_err();
        assert_eq!(bad.status, 400);
        assert!(bad.message.contains("SPARQL syntax error"), "{}", bad.message);
    }

    #[test]
    fn row_limit_and_formats() {
        let store = Store::new().unwrap();
        store
            .load_from_reader(
                RdfFormat::NQuads,
                "<http://a> <http://p> \"x\" <http://g> .\n<http://b> <http://p> \"y\" <http://g> .\n".as_bytes(),
            )
            .unwrap();
        let q = || parse(&Request::default(), "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s").unwrap();
        let csv = execute(
            &store,
            q(),
            Format::Results(QueryResultsFormat::Csv),
            2,
            CancellationToken::new(),
        )
        .unwrap();
        assert_eq!(String::from_utf8(csv).unwrap(), "s\r\nhttp://a\r\nhttp://b\r\n");
        let err = execute(
            &store,
            q(),
            Format::Results(QueryResultsFormat::Csv),
            1,
            CancellationToken::new(),
        )
        .unwrap_err();
        assert_eq!(err.status, 413);
        let g = parse(&Request::default(), "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").unwrap();
        let ld = execute(&store, g, Format::Rdf(JSON_LD), 10, CancellationToken::new()).unwrap();
        assert!(String::from_utf8(ld).unwrap().contains("\"@id\""));
        let cancel = CancellationToken::new();
        cancel.cancel();
        let err = execute(&store, q(), Format::Results(QueryResultsFormat::Json), 10, cancel).unwrap_err();
        assert_eq!(err.status, 503);
    }
}
