//! `councilgraph serve`.

use super::StoreArgs;
use anyhow::Result;
use councilgraph::serve::{run, Config, DEFAULT_LISTEN};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback by default; port 0 picks a free port).
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// Accept SPARQL updates (POST update= or application/sparql-update); refused with 403 otherwise.
    #[arg(long)]
    allow_update: bool,
    /// Time limit of one query, in seconds (503 when hit).
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,
    /// Most rows (solutions, or triples for CONSTRUCT/DESCRIBE) one response may hold (413 when hit).
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    max_rows: usize,
    /// Largest request body accepted, in bytes (413 when hit).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    max_body: usize,
    /// Allow cross-origin requests from ORIGIN (repeatable; `*` for any). Off by default.
    #[arg(long = "cors", value_name = "ORIGIN")]
    cors: Vec<String>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run_serve(args: ServeArgs) -> Result<ExitCode> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, which is not a loopback address: anyone who can reach it can query the store",
            args.listen
        );
    }
    let store = args.store.path();
    let config = Config {
        store: store.clone(),
        listen: args.listen,
        allow_update: args.allow_update,
        timeout: Duration::from_secs_f64(args.timeout),
        max_rows: args.max_rows,
        max_body: args.max_body,
        cors: args.cors,
    };
    run(config, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "Serving {} at http://{addr}/ (SPARQL endpoint: http://{addr}/query); Ctrl-C stops",
            store.display()
        );
        let _ = out.flush();
    })?;
    Ok(ExitCode::SUCCESS)
}
