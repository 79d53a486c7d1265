//! `councilgraph query`.

use super::StoreArgs;
use anyhow::{Context, Result};
use councilgraph::query::{evaluate, explain, parse_binding, prepare, write_results, OutputFormat};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct QueryArgs {
    /// The SPARQL query text.
    #[arg(value_name = "SPARQL", required_unless_present = "file", conflicts_with = "file")]
    query: Option<String>,
    /// Read the query from a file (e.g. queries/meeting-attendance.rq).
    #[arg(short, long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// Bind a query variable to a value (a typed RDF literal; repeatable).
    #[arg(long = "bind", value_name = "NAME=VALUE")]
    bindings: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    /// Also write oxigraph's query plan, with rows and time per operator,
    /// as JSON to standard error (for finding what makes a query slow).
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: QueryArgs) -> Result<ExitCode> {
    let text = match (&args.query, &args.file) {
        (Some(q), _) => q.clone(),
        (None, Some(f)) => std::fs::read_to_string(f).with_context(|| format!("{}: cannot read query", f.display()))?,
        (None, None) => unreachable!("clap requires one"),
    };
    let bindings = args
        .bindings
        .iter()
        .map(|b| parse_binding(b))
        .collect::<Result<Vec<_>>>()?;
    let query = prepare(&text, &bindings).with_context(|| {
        args.file
            .as_ref()
            .map_or("query".to_string(), |f| f.display().to_string())
    })?;
    let store = councilgraph::store::open_existing(&args.store.path())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.explain {
        let plan = explain(&store, query, args.format, &mut out)?;
        let mut err = std::io::stderr().lock();
        err.write_all(&plan)?;
        writeln!(err)?;
    } else {
        write_results(evaluate(&store, query)?, args.format, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
