//! A bounded load generator for `councilgraph serve` (or any SPARQL 1.1
//! Protocol endpoint): N clients POST queries for a fixed time, and it
//! prints requests/s, latency percentiles and status codes by kind of
//! query, and the server's memory over time (`--pid`).
//!
//! ```sh
//! cargo run --release --example loadgen -- http://127.0.0.1:7878/query \
//!     --clients 32 --seconds 60 --mix 8:1:1 --queries queries --pid "$SERVER_PID"
//! cargo run --release --example loadgen -- http://127.0.0.1:7878/query \
//!     --queries queries --per-query 7     # each named query's latency
//! ```
//!
//! Kinds: *valid* (each `.rq` file of `--queries`, and a count of all
//! triples), *malformed* (syntax errors; the server must answer 400) and
//! *slow* (a cartesian product that runs into the server's time limit;
//! 503). With `--check`, the exit status is 1 when the server died, or
//! answered anything else: a 5xx other than a timeout, a valid query
//! refused, a malformed one accepted.

use clap::Parser;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// The endpoint, e.g. http://127.0.0.1:7878/sparql
    url: String,
    #[arg(long, default_value_t = 16)]
    clients: usize,
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Weights of valid:malformed:slow queries.
    #[arg(long, default_value = "1:0:0")]
    mix: String,
    /// A folder of .rq files to use as valid queries.
    #[arg(long)]
    queries: Option<std::path::PathBuf>,
    /// The server's process id: its resident memory is sampled every second.
    #[arg(long)]
    pid: Option<u32>,
    /// Exit with status 1 on any answer the server should not give.
    #[arg(long)]
    check: bool,
    /// Instead of a load: time each query of `--queries` alone, this many
    /// times one after another, and print its latency percentiles.
    #[arg(long, value_name = "RUNS")]
    per_query: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Valid,
    Malformed,
    Slow,
}

const MALFORMED: &[&str] = &[
    "SELECT WHERE {",
    "SELEC * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p \"unterminated }",
    "PREFIX : <no-closing SELECT * { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT -}",
];

/// Each client walks the query wheel with this stride, so clients interleave kinds.
const STRIDE: usize = 7;

const SLOW: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";

#[derive(Default)]
struct Tally {
    latencies: BTreeMap<Kind, Vec<Duration>>,
    statuses: BTreeMap<(Kind, String), u64>,
    unexpected: u64,
}

/// (name, text) of each `.rq` file in `folder`, by name.
fn query_files(folder: Option<&std::path::Path>) -> Vec<(String, String)> {
    let Some(folder) = folder else { return Vec::new() };
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .expect("--queries folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let name = f.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(f).expect("query file"))
        })
        .collect()
}

fn valid_queries(folder: Option<&std::path::Path>) -> Vec<String> {
    let mut queries = vec!["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }".to_string()];
    queries.extend(query_files(folder).into_iter().map(|(_, text)| text));
    queries
}

fn post(agent: &ureq::Agent, url: &str, query: &str) -> Result<(u16, usize), ureq::Error> {
    let mut r = agent
        .post(url)
        .header("Content-Type", "application/sparql-query")
        .header("Accept", "application/sparql-results+json")
        .send(query)?;
    let body = r.body_mut().read_to_vec()?;
    Ok((r.status().as_u16(), body.len()))
}

/// Each named query alone, `runs` times in a row: latency percentiles.
fn per_query(agent: &ureq::Agent, url: &str, folder: Option<&std::path::Path>, runs: usize) -> bool {
    let mut all_ok = true;
    for (name, text) in query_files(folder) {
        let mut times = Vec::new();
        let mut last = (0, 0);
        for _ in 0..runs {
            let started = Instant::now();
            last = post(agent, url, &text).unwrap_or((0, 0));
            times.push(started.elapsed());
        }
        times.sort();
        all_ok &= last.0 == 200;
        println!(
            "{name}: p50 {:.1} ms, p95 {:.1} ms (n={runs}, HTTP {}, {} bytes)",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            last.0,
            last.1
        );
    }
    all_ok
}

fn parse_mix(mix: &str) -> Vec<Kind> {
    let weights: Vec<usize> = mix.split(':').map(|w| w.parse().expect("--mix V:M:S")).collect();
    let kinds = [Kind::Valid, Kind::Malformed, Kind::Slow];
    let wheel: Vec<Kind> = kinds
        .iter()
        .zip(weights.iter().chain(std::iter::repeat(&0)))
        .flat_map(|(k, w)| std::iter::repeat_n(*k, *w))
        .collect();
    assert!(!wheel.is_empty(), "--mix needs a weight above 0");
    wheel
}

/// Whether `status` is an answer the server may give to a query of `kind`.
fn expected(kind: Kind, status: u16) -> bool {
    match kind {
        // A valid query waiting behind slow ones may run out of time too.
        Kind::Valid => status == 200 || status == 503,
        Kind::Malformed => status == 400,
        Kind::Slow => status == 503 || status == 200,
    }
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args = Args::parse();
    let valid = Arc::new(valid_queries(args.queries.as_deref()));
    let wheel = Arc::new(parse_mix(&args.mix));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let deadline = Instant::now() + Duration::from_secs_f64(args.seconds);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();

    if let Some(runs) = args.per_query {
        let ok = per_query(&agent, &args.url, args.queries.as_deref(), runs);
        std::process::exit(if ok || !args.check { 0 } else { 1 });
    }

    let clients: Vec<_> = (0..args.clients)
        .map(|client| {
            let (valid, wheel, tally, agent, url) = (
                valid.clone(),
                wheel.clone(),
                tally.clone(),
                agent.clone(),
                args.url.clone(),
            );
            std::thread::spawn(move || {
                let mut n = client;
                while Instant::now() < deadline {
                    let kind = wheel[n % wheel.len()];
                    let query = match kind {
                        Kind::Valid => valid[n % valid.len()].as_str(),
                        Kind::Malformed => MALFORMED[n % MALFORMED.len()],
                        Kind::Slow => SLOW,
                    };
                    n += STRIDE;
                    let started = Instant::now();
                    let answer = post(&agent, &url, query);
                    let elapsed = started.elapsed();
                    let status = match answer {
                        Ok((status, _)) => status.to_string(),
                        Err(e) => format!("transport error: {e}"),
                    };
                    let mut t = tally.lock().unwrap();
                    if !status.parse().is_ok_and(|s| expected(kind, s)) {
                        t.unexpected += 1;
                    }
                    t.latencies.entry(kind).or_default().push(elapsed);
                    *t.statuses.entry((kind, status)).or_default() += 1;
                }
            })
        })
        .collect();

    let mut memory = Vec::new();
    if let Some(pid) = args.pid {
        let stop = stop.clone();
        memory.push(std::thread::spawn(move || {
            let mut samples = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                samples.push(rss_kib(pid));
                std::thread::sleep(Duration::from_secs(1));
            }
            samples
        }));
    }
    let started = Instant::now();
    for c in clients {
        c.join().expect("client thread");
    }
    let wall = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let samples: Vec<Option<u64>> = memory.into_iter().flat_map(|m| m.join().unwrap()).collect();
    let tally = tally.lock().unwrap();
    report(&args, &tally, wall, &samples);
    let server_died = samples.last().is_some_and(Option::is_none);
    if args.check && (tally.unexpected > 0 || server_died) {
        std::process::exit(1);
    }
}

fn report(args: &Args, tally: &Tally, wall: f64, samples: &[Option<u64>]) {
    let total: usize = tally.latencies.values().map(Vec::len).sum();
    println!(
        "{} clients, {:.1} s, mix {}: {} requests, {:.1} requests/s",
        args.clients,
        wall,
        args.mix,
        total,
        total as f64 / wall
    );
    for (kind, latencies) in &tally.latencies {
        let mut sorted = latencies.clone();
        sorted.sort();
        println!(
            "  {kind:?}: {} requests; latency p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            sorted.len(),
            percentile(&sorted, 0.5).as_secs_f64() * 1e3,
            percentile(&sorted, 0.95).as_secs_f64() * 1e3,
            sorted.last().copied().unwrap_or_default().as_secs_f64() * 1e3
        );
    }
    for ((kind, status), n) in &tally.statuses {
        println!("  {kind:?} -> {status}: {n}");
    }
    println!("  unexpected answers: {}", tally.unexpected);
    if !samples.is_empty() {
        let mib = |s: &Option<u64>| s.map_or("gone".to_string(), |k| format!("{} MiB", k / 1024));
        let tenth = (samples.len() / 10).max(1);
        let peak = samples.iter().flatten().max().copied().unwrap_or(0) / 1024;
        println!(
            "  server RSS: start {}, after 10% {}, end {}, peak {} MiB ({} samples, 1 s apart)",
            mib(&samples[0]),
            mib(&samples[tenth.min(samples.len() - 1)]),
            mib(&samples[samples.len() - 1]),
            peak,
            samples.len()
        );
    }
}
