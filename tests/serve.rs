//! `councilgraph serve`: the real binary on a free loopback port, spoken to
//! over HTTP (SPARQL 1.1 Protocol, limits, errors), by Python SPARQL clients
//! (SPARQLWrapper, rdflib's SPARQLStore) and by headless Chromium.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// One built store, copied for every server (a server locks its store).
fn built_store() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = corpus_copy();
            ok(dir.path(), &["build", "minutes", "--quiet"]);
            dir
        })
        .path()
}

/// The binary under test, pinned once: a hard link (or copy) taken at the
/// start, so a concurrent relink of the shared target's binary cannot swap
/// it between servers.
fn binary() -> &'static Path {
    static PINNED: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &PINNED
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let pinned = dir.path().join("councilgraph");
            let built = Path::new(env!("CARGO_BIN_EXE_councilgraph"));
            if std::fs::hard_link(built, &pinned).is_err() {
                std::fs::copy(built, &pinned).unwrap();
            }
            if has_serve(&pinned) {
                return (dir, pinned);
            }
            // Another checkout sharing the target directory relinked
            // target/debug/councilgraph; this build's own copy is still in deps/.
            let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
            let ours = std::fs::read_dir(&deps)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("councilgraph-") && !n.contains('.'))
                })
                .filter(|p| has_serve(p))
                .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
                .unwrap_or_else(|| {
                    panic!(
                        "{} has no `serve` command (relinked by another build?)",
                        built.display()
                    )
                });
            eprintln!("note: {} lacks `serve`; testing {}", built.display(), ours.display());
            std::fs::remove_file(&pinned).unwrap();
            if std::fs::hard_link(&ours, &pinned).is_err() {
                std::fs::copy(&ours, &pinned).unwrap();
            }
            (dir, pinned)
        })
        .1
}

fn has_serve(binary: &Path) -> bool {
    Command::new(binary)
        .args(["serve", "--help"])
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains("--max-rows"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A running `councilgraph serve`, killed on drop.
struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&built_store().join(".councilgraph/store"), &dir.path().join("store"));
        let mut child = Command::new(binary())
            .current_dir(dir.path())
            .args(["serve", "--store", "store", "--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("COUNCILGRAPH_STORE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start councilgraph serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) else {
            let _ = child.kill();
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            panic!("serve printed no address: {line:?}\n{err}");
        };
        Server {
            child,
            base: url.trim_end_matches('/').to_string(),
            _dir: dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

fn reply(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut r = r.expect("HTTP exchange");
    let content_type = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    Reply {
        status: r.status().as_u16(),
        content_type,
        body: r.body_mut().read_to_string().unwrap_or_default(),
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn get(server: &Server, query: &str, accept: Option<&str>, extra: &str) -> Reply {
    let mut req = agent().get(server.url(&format!("/query?query={}{extra}", encode(query))));
    if let Some(a) = accept {
        req = req.header("Accept", a);
    }
    reply(req.call())
}

fn post_form(server: &Server, path: &str, pairs: &[(&str, &str)], accept: &str) -> Reply {
    reply(
        agent()
            .post(server.url(path))
            .header("Accept", accept)
            .send_form(pairs.iter().copied()),
    )
}

fn post_body(server: &Server, content_type: &str, body: &str, accept: &str) -> Reply {
    reply(
        agent()
            .post(server.url("/query"))
            .header("Accept", accept)
            .content_type(content_type)
            .send(body),
    )
}

const PEOPLE: &str = "SELECT DISTINCT ?name WHERE { ?p a cg:Councillor ; foaf:name ?name } ORDER BY ?name";
const MEETINGS: &str = "CONSTRUCT { ?m a cg:Meeting ; dcterms:date ?d } WHERE { ?m a cg:Meeting ; dcterms:date ?d }";

#[test]
fn queries_in_every_result_format_over_get_and_post() {
    let server = Server::start(&[]);
    // The same rows as `councilgraph query` (prefixes, union default graph, binds).
    let cli = ok(
        built_store(),
        &[
            "query",
            "-f",
            repo().join("queries/meeting-attendance.rq").to_str().unwrap(),
            "--bind",
            "date=2024-10-29",
            "--format",
            "csv",
        ],
    );
    let text = std::fs::read_to_string(repo().join("queries/meeting-attendance.rq")).unwrap();
    let r = post_form(
        &server,
        "/query",
        &[("query", &text), ("bind", "date=2024-10-29")],
        "text/csv",
    );
    assert_eq!((r.status, r.content_type.as_str()), (200, "text/csv; charset=utf-8"));
    assert_eq!(r.body, cli);
    assert!(r.body.contains("Pitchley,chair"), "{}", r.body);

    // SELECT: JSON (default), XML, CSV, TSV by Accept; by format=; GET and POST.
    let json = get(&server, PEOPLE, None, "");
    assert_eq!(
        (json.status, json.content_type.as_str()),
        (200, "application/sparql-results+json")
    );
    let parsed: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    let names: Vec<&str> = parsed["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"]["value"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Pitchley"), "{names:?}");
    let xml = get(&server, PEOPLE, Some("application/sparql-results+xml"), "");
    assert_eq!(xml.content_type, "application/sparql-results+xml");
    assert!(xml.body.contains("<sparql") && xml.body.contains("<literal>Pitchley</literal>"));
    let tsv = get(&server, PEOPLE, Some("text/tab-separated-values"), "");
    assert_eq!(tsv.content_type, "text/tab-separated-values; charset=utf-8");
    assert!(
        tsv.body.starts_with("?name\n") && tsv.body.contains("\"Pitchley\""),
        "{}",
        tsv.body
    );
    let csv = get(&server, PEOPLE, Some("application/json"), "&format=csv");
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    assert_eq!(csv.body.lines().count(), names.len() + 1);
    let direct = post_body(
        &server,
        "application/sparql-query",
        PEOPLE,
        "text/csv;q=0.5, application/sparql-results+xml",
    );
    assert_eq!(direct.content_type, "application/sparql-results+xml");
    assert_eq!(direct.body, xml.body);
    let alias = post_form(&server, "/sparql", &[("query", PEOPLE)], "text/csv");
    assert_eq!(alias.body, csv.body);

    // ASK.
    let ask = get(&server, "ASK { ?m a cg:Meeting }", None, "");
    assert_eq!(ask.status, 200);
    assert!(ask.body.contains("\"boolean\":true"), "{}", ask.body);

    // CONSTRUCT: Turtle (default), N-Triples, JSON-LD, RDF/XML.
    let ttl = get(&server, MEETINGS, None, "");
    assert_eq!(
        (ttl.status, ttl.content_type.as_str()),
        (200, "text/turtle; charset=utf-8")
    );
    assert!(
        ttl.body.contains("@prefix cg: <https://councilgraph.org/ontology#>"),
        "{}",
        ttl.body
    );
    let nt = get(&server, MEETINGS, Some("application/n-triples"), "");
    assert_eq!(nt.content_type, "application/n-triples");
    let triples = nt.body.lines().filter(|l| l.ends_with(" .")).count();
    assert!(triples >= 10, "{}", nt.body);
    assert!(nt
        .body
        .contains("\"2024-10-29\"^^<http://www.w3.org/2001/XMLSchema#date>"));
    let ld = get(&server, MEETINGS, None, "&format=jsonld");
    assert_eq!(ld.content_type, "application/ld+json");
    let doc: serde_json::Value = serde_json::from_str(&ld.body).unwrap();
    assert!(
        ld.body.contains("\"@id\":\"https://councilgraph.org/id/meeting/"),
        "{doc}"
    );
    let rdfxml = post_form(&server, "/query", &[("query", MEETINGS)], "application/rdf+xml");
    assert_eq!(rdfxml.content_type, "application/rdf+xml");
    assert!(rdfxml.body.contains("<rdf:RDF"));

    // Named graphs keep their separation when the protocol names a dataset.
    let graph = get(
        &server,
        "SELECT (COUNT(*) AS ?n) WHERE { ?m a cg:Meeting }",
        Some("text/csv"),
        &format!(
            "&default-graph-uri={}",
            encode("https://councilgraph.org/id/source/minutes/000_9be5cb5516d64b0d.txt")
        ),
    );
    assert_eq!(graph.status, 200, "{}", graph.body);
    assert_eq!(graph.body.lines().nth(1), Some("1"), "{}", graph.body);

    // The named queries the page offers.
    let list = reply(agent().get(server.url("/api/queries")).call());
    let list: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    let attendance = list
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == "meeting-attendance")
        .expect("meeting-attendance listed");
    assert_eq!(attendance["parameters"][0]["name"], "date");
    assert_eq!(attendance["text"].as_str().unwrap(), text);

    // Evidence behind an IRI.
    let why = reply(
        agent()
            .get(server.url(&format!(
                "/api/why?iri={}",
                encode("https://councilgraph.org/id/councillor/rotherham/pitchley")
            )))
            .call(),
    );
    assert_eq!(why.status, 200);
    let why: serde_json::Value = serde_json::from_str(&why.body).unwrap();
    assert!(why
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["quote"].as_str().unwrap().contains("Pitchley")));
}

#[test]
fn errors_have_their_status_and_a_message() {
    let server = Server::start(&["--max-body", "2000"]);
    let bad = get(&server, "SELECT ?x WHERE { ?x ", None, "");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("SPARQL syntax error"), "{}", bad.body);
    let unknown_prefix = post_body(
        &server,
        "application/sparql-query",
        "SELECT * WHERE { ?x nope:p ?y }",
        "*/*",
    );
    assert_eq!(unknown_prefix.status, 400);

    // Updates are refused, however they are sent; the store is unchanged.
    let insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }";
    for r in [
        post_body(&server, "application/sparql-update", insert, "*/*"),
        post_form(&server, "/query", &[("update", insert)], "*/*"),
        post_form(&server, "/sparql", &[("query", insert)], "*/*"),
        reply(
            agent()
                .get(server.url(&format!("/query?update={}", encode(insert))))
                .call(),
        ),
    ] {
        assert_eq!(r.status, 403, "{}", r.body);
        assert!(r.body.contains("--allow-update"), "{}", r.body);
    }
    let ask = get(&server, "ASK { <http://example.org/a> ?p ?o }", None, "");
    assert!(ask.body.contains("\"boolean\":false"));

    let missing = reply(agent().get(server.url("/query")).call());
    assert_eq!(missing.status, 400);
    let nowhere = reply(agent().get(server.url("/nowhere")).call());
    assert_eq!(nowhere.status, 404);
    assert!(nowhere.body.contains("not found: /nowhere"));
    let wrong_type = post_body(&server, "text/plain", PEOPLE, "*/*");
    assert_eq!(wrong_type.status, 415);
    let not_acceptable = get(&server, PEOPLE, Some("text/turtle"), "");
    assert_eq!(not_acceptable.status, 406);
    assert!(not_acceptable.body.contains("text/csv"), "{}", not_acceptable.body);

    let big = format!("SELECT * WHERE {{ ?s ?p \"{}\" }}", "x".repeat(3000));
    let too_big = post_body(&server, "application/sparql-query", &big, "*/*");
    assert_eq!(too_big.status, 413);
    assert!(too_big.body.contains("--max-body"), "{}", too_big.body);
    let form_too_big = post_form(&server, "/query", &[("query", &big)], "*/*");
    assert_eq!(form_too_big.status, 413);

    // Still serving.
    assert_eq!(get(&server, "ASK {}", None, "").status, 200);
}

#[test]
fn time_and_row_limits_answer_with_a_message() {
    let server = Server::start(&["--timeout", "1", "--max-rows", "10"]);
    let rows = get(&server, "SELECT ?s WHERE { ?s ?p ?o }", None, "");
    assert_eq!(rows.status, 413);
    assert!(
        rows.body.contains("more than 10 rows") && rows.body.contains("--max-rows"),
        "{}",
        rows.body
    );
    let graph = get(&server, "CONSTRUCT WHERE { ?s ?p ?o }", None, "");
    assert_eq!(graph.status, 413);
    let limited = get(&server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10", Some("text/csv"), "");
    assert_eq!(limited.status, 200);
    assert_eq!(limited.body.lines().count(), 11);

    let started = Instant::now();
    let slow = get(
        &server,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        None,
        "",
    );
    assert_eq!(slow.status, 503, "{}", slow.body);
    assert!(
        slow.body.contains("timed out after 1 s") && slow.body.contains("--timeout"),
        "{}",
        slow.body
    );
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert_eq!(get(&server, "ASK { ?s ?p ?o }", None, "").status, 200);
}

#[test]
fn updates_only_with_allow_update_and_cors_only_when_asked() {
    let server = Server::start(&["--allow-update", "--cors", "https://example.org"]);
    let insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> cg:note \"hello\" } }";
    let r = post_body(&server, "application/sparql-update", insert, "*/*");
    assert_eq!(r.status, 204, "{}", r.body);
    // The update lands in the graph it names (the default graph of queries is
    // the union graph `build` maintains, so ask that graph).
    let ask = get(
        &server,
        "ASK { GRAPH <http://example.org/g> { <http://example.org/a> cg:note \"hello\" } }",
        None,
        "",
    );
    assert!(ask.body.contains("\"boolean\":true"), "{}", ask.body);
    let get_update = reply(
        agent()
            .get(server.url(&format!("/query?update={}", encode(insert))))
            .call(),
    );
    assert_eq!(get_update.status, 400);

    let cors = agent()
        .get(server.url("/query?query=ASK%7B%7D"))
        .header("Origin", "https://example.org")
        .call()
        .unwrap();
    assert_eq!(
        cors.headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap()),
        Some("https://example.org")
    );
    let plain = Server::start(&[]);
    let no_cors = agent()
        .get(plain.url("/query?query=ASK%7B%7D"))
        .header("Origin", "https://example.org")
        .call()
        .unwrap();
    assert!(no_cors.headers().get("access-control-allow-origin").is_none());
}

#[test]
fn python_sparql_clients_query_the_endpoint() {
    let server = Server::start(&[]);
    let script = r#"
import sys
from SPARQLWrapper import SPARQLWrapper, JSON, XML, TURTLE, CSV, POST
from rdflib import Graph, Namespace, URIRef, RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore

endpoint = sys.argv[1]
CG = Namespace("https://councilgraph.org/ontology#")

w = SPARQLWrapper(endpoint)
w.setQuery('SELECT DISTINCT ?name WHERE { ?p a cg:Councillor ; foaf:name ?name }')
w.setReturnFormat(JSON)
names = {b["name"]["value"] for b in w.query().convert()["results"]["bindings"]}
assert "Pitchley" in names, names

w.setReturnFormat(XML)
w.setMethod(POST)
doc = w.query().convert()
assert doc.getElementsByTagName("literal"), doc.toxml()[:200]

w = SPARQLWrapper(endpoint)
w.setQuery('ASK { ?m a cg:Meeting }')
w.setReturnFormat(JSON)
assert w.query().convert()["boolean"] is True

w = SPARQLWrapper(endpoint)
w.setQuery('CONSTRUCT { ?m a cg:Meeting ; dcterms:date ?d } WHERE { ?m a cg:Meeting ; dcterms:date ?d }')
w.setReturnFormat(TURTLE)
g = Graph().parse(data=w.query().convert(), format="turtle")
assert len(set(g.subjects(RDF.type, CG.Meeting))) >= 5, len(g)

w.setQuery('INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }')
w.setMethod(POST)
try:
    w.query()
    raise SystemExit("an update was accepted")
except Exception as e:
    assert "403" in str(e) or "Forbidden" in str(e) or "Unauthorized" in str(e), repr(e)

store = SPARQLStore(query_endpoint=endpoint)
g = Graph(store=store)
rows = list(g.query("""
    PREFIX cg: <https://councilgraph.org/ontology#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?date WHERE { ?m a cg:Meeting ; cg:kind "minutes" ; dcterms:date ?date } ORDER BY ?date"""))
dates = [str(r[0]) for r in rows]
assert "2024-10-29" in dates, dates
meetings = set(g.subjects(RDF.type, CG.Meeting))
assert URIRef("https://councilgraph.org/id/meeting/improving-lives-select-commission/2024-10-29") in meetings, meetings
built = g.query("CONSTRUCT { ?m <http://purl.org/dc/terms/date> ?d } WHERE { ?m a <https://councilgraph.org/ontology#Meeting> ; <http://purl.org/dc/terms/date> ?d }")
assert len(built.graph) >= 5, len(built.graph)
print("ok", len(names), len(dates))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(server.url("/query"))
        .output()
        .expect("python3 with SPARQLWrapper and rdflib (./x test installs them)");
    assert!(
        out.status.success(),
        "Python SPARQL clients failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs headless Chromium on `url` with `args`, killing it after 120 s.
fn chromium(profile: &Path, args: &[String]) -> String {
    let mut child = Command::new("/usr/bin/chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--virtual-time-budget=30000")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("/usr/bin/chromium (./x test installs Debian's chromium)");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish with {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

#[test]
fn the_page_runs_queries_and_shows_people_bodies_and_the_governance_graph() {
    let server = Server::start(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let profile = tmp.path().join("profile");
    let dom = |path: &str| chromium(&profile, &["--dump-dom".to_string(), server.url(path)]);

    // The editor lists the named queries and runs one.
    let page = dom("/?example=meeting-attendance&bind=date%3D2024-10-29&run=1");
    assert!(page.contains("data-ready=\"1\""), "page never finished:\n{page}");
    assert!(page.contains("value=\"meeting-attendance\""), "{page}");
    assert!(page.contains("value=\"who-presented-on\""));
    assert!(page.contains("id=\"result-table\""), "{page}");
    assert!(page.contains("<td>Pitchley</td><td>chair</td>"), "{page}");
    assert!(page.contains("24 rows"));
    let broken = dom("/?query=SELECT%20WHERE&run=1");
    assert!(
        broken.contains("id=\"query-error\"") && broken.contains("SPARQL syntax error"),
        "{broken}"
    );

    // Councillor Pitchley's page: roles, the meetings she attended (with
    // the quotes they rest on), items she presented.
    let pitchley = format!(
        "/person?iri={}",
        encode("https://councilgraph.org/id/councillor/rotherham/pitchley")
    );
    let person = dom(&pitchley);
    assert!(person.contains("<h1 id=\"title\">Councillor Pitchley</h1>"), "{person}");
    assert!(person.contains(">2024-10-29</a>"), "{person}");
    assert!(person.contains("Roles over time") && person.contains("Items presented"));
    assert!(person.contains("class=\"status chair\""));
    assert!(person.contains("data-quote=\""), "evidence buttons missing:\n{person}");

    // A meeting page and a body page.
    let meeting = dom(&format!(
        "/meeting?iri={}",
        encode("https://councilgraph.org/id/meeting/improving-lives-select-commission/2024-10-29")
    ));
    assert!(meeting.contains("Attendance (24)"), "{meeting}");
    assert!(meeting.contains("Resolved: "), "{meeting}");
    let body = dom(&format!(
        "/body?iri={}",
        encode("https://councilgraph.org/id/body/rotherham/improving-live-select-commission")
    ));
    assert!(body.contains("Improving Lives Select Commission"));
    assert!(body.contains("Chairs") && body.contains(">2024-10-29</a>"), "{body}");

    // The governance graph: bodies as SVG nodes linked by reportsTo.
    let governance = dom("/governance");
    assert!(governance.contains("id=\"governance-graph\""), "{governance}");
    assert!(governance.contains("class=\"edge reportsTo\""));
    assert!(governance
        .contains("data-iri=\"https://councilgraph.org/id/body/rotherham/safeguarding-children-partnership\""));

    // A screenshot of the person page.
    let png = tmp.path().join("person.png");
    chromium(
        &profile,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,1400".to_string(),
            server.url(&pitchley),
        ],
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 10_000,
        "{} bytes",
        bytes.len()
    );
    if let Some(dir) = std::env::var_os("COUNCILGRAPH_SCREENSHOTS") {
        std::fs::copy(&png, PathBuf::from(dir).join("person.png")).unwrap();
    }
}
