//! `councilgraph export`.

use super::StoreArgs;
use anyhow::{bail, Context, Result};
use councilgraph::export::{csv_tables, dated_roles, dot, gexf, graphml, rdf, RdfExport};
use councilgraph::graph::CouncilGraph;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// N-Quads: every fact in its file's named graph.
    Nquads,
    /// TriG: named graphs, with prefixes.
    Trig,
    /// Turtle: the union of all files' facts.
    Turtle,
    /// N-Triples: the union of all files' facts.
    Ntriples,
    /// JSON-LD: every fact in its file's named graph.
    Jsonld,
    /// GraphML (Gephi, yEd, networkx): entities, meetings and relations.
    Graphml,
    /// GEXF 1.2 (Gephi): meetings, attendance and dated roles as time intervals.
    Gexf,
    /// DOT (Graphviz): the governance structure.
    Dot,
    /// CSV tables people, bodies, meetings, attendance (needs --out DIR).
    Csv,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write to this file (a folder for csv) instead of standard output.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let store = councilgraph::store::open_existing(&args.store.path())?;
    if args.format == ExportFormat::Csv {
        let Some(dir) = &args.out else {
            bail!("--format csv writes several tables: give --out DIR");
        };
        for path in csv_tables(&store, dir)? {
            eprintln!("wrote {}", path.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let rdf_format = match args.format {
        ExportFormat::Nquads => Some(RdfExport::NQuads),
        ExportFormat::Trig => Some(RdfExport::TriG),
        ExportFormat::Turtle => Some(RdfExport::Turtle),
        ExportFormat::Ntriples => Some(RdfExport::NTriples),
        ExportFormat::Jsonld => Some(RdfExport::JsonLd),
        _ => None,
    };
    match rdf_format {
        Some(format) => rdf(&store, format, &mut out)?,
        None => {
            let graph = CouncilGraph::load(&store)?;
            match args.format {
                ExportFormat::Graphml => graphml(&graph, &mut out)?,
                ExportFormat::Gexf => gexf(&graph, &dated_roles(&store)?, &mut out)?,
                _ => dot(&graph, &mut out)?,
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
