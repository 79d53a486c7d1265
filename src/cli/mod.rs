//! Command-line interface: flags, wiring and output; no extraction logic.

/// `println!` that returns an error instead of panicking when standard
/// output is closed (`councilgraph extract F | head`): `run` treats a broken
/// pipe as a normal end.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

mod build;
mod eval;
mod export;
mod extract;
mod gen;
mod graph;
mod query;
mod report;
mod serve;
mod why;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn UK council meeting minutes into a knowledge graph you can query.
#[derive(Parser)]
#[command(name = "councilgraph", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// More log output (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

/// Options shared by every command that reads or writes the store.
#[derive(clap::Args, Clone)]
pub struct StoreArgs {
    /// Store directory [default: .councilgraph/store, or $COUNCILGRAPH_STORE].
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
}

impl StoreArgs {
    pub fn path(&self) -> PathBuf {
        self.store
            .clone()
            .unwrap_or_else(councilgraph::store::default_store_path)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build (or update) the store from minutes files and folders.
    Build(build::BuildArgs),
    /// Remove a file's graph from the store.
    Remove(build::RemoveArgs),
    /// Run a SPARQL query (inline or from a file) against the store.
    Query(query::QueryArgs),
    /// Extract files to JSON in the gold-annotation schema (no store).
    Extract(extract::ExtractArgs),
    /// Export the store: RDF (N-Quads, TriG, Turtle, N-Triples, JSON-LD), GraphML, GEXF, DOT or CSV.
    Export(export::ExportArgs),
    /// Print the text a file is read as (PDF and HTML rendered as text):
    /// evidence offsets are character offsets into this text.
    ExtractText(extract::ExtractTextArgs),
    /// Reports: attendance per member of a body (table, CSV or HTML).
    Report(report::ReportArgs),
    /// Print the sentences behind an entity or fact (file, span and quote).
    Why(why::WhyArgs),
    /// List person references that could not be resolved to one person.
    Unresolved(extract::UnresolvedArgs),
    /// Extract in memory and score against gold files (P, R, F1 per category).
    Eval(eval::EvalArgs),
    /// Traverse relations: reporting lines, paths, central entities, co-attendance.
    Graph(graph::GraphArgs),
    /// Serve the store over HTTP: a SPARQL endpoint (/query) and a web page (/).
    Serve(serve::ServeArgs),
    /// Generate synthetic minutes (OUT/minutes) with their gold (OUT/gold).
    Gen(gen::GenArgs),
    /// Time modelling alone (no store, no JSON): throughput in MB/s.
    #[command(hide = true)]
    BenchExtract(gen::BenchExtractArgs),
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let default_level = match cli.verbose {
        // The PDF libraries warn about every odd font; a file that cannot be
        // read gets its own one-line error.
        0 => "warn,lopdf=error,pdf_extract=error",
        1 => "info,lopdf=error,pdf_extract=error",
        _ => "debug",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_level)),
        )
        .with_writer(std::io::stderr)
        .without_time()
        .init();
    let result = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Remove(args) => build::remove(args),
        Command::Query(args) => query::run(args),
        Command::Extract(args) => extract::run(args),
        Command::ExtractText(args) => extract::extract_text(args),
        Command::Unresolved(args) => extract::unresolved(args),
        Command::Why(args) => why::run(args),
        Command::Report(args) => report::run(args),
        Command::Export(args) => export::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Serve(args) => serve::run_serve(args),
        Command::Gen(args) => gen::run(args),
        Command::BenchExtract(args) => gen::bench_extract(args),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`councilgraph query … | head`): nothing is
        // wrong, as with any Unix filter.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
