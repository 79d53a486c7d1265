//! `councilgraph why`.

use super::StoreArgs;
use anyhow::Result;
use councilgraph::iri::DEFAULT_BASE;
use councilgraph::why::why;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WhyFormat {
    /// One line per piece of evidence: path:start-end: fact: "quote".
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct WhyArgs {
    /// The entity or fact: a full IRI, or its key under the base IRI
    /// ("body/rotherham/cabinet", "councillor/rotherham/pitchley").
    #[arg(value_name = "IRI")]
    iri: String,
    /// The base the key is under.
    #[arg(long, value_name = "IRI", default_value = DEFAULT_BASE)]
    base: String,
    #[arg(long, value_enum, default_value_t = WhyFormat::Table)]
    format: WhyFormat,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: WhyArgs) -> Result<ExitCode> {
    let store = councilgraph::store::open_existing(&args.store.path())?;
    let iri = if args.iri.contains("://") {
        args.iri.clone()
    } else {
        format!("{}{}", args.base, args.iri.trim_start_matches('/'))
    };
    let found = why(&store, &iri)?;
    if found.is_empty() {
        eprintln!("error: no evidence for <{iri}> (is it in the store? try `councilgraph query` to find its IRI)");
        return Ok(ExitCode::from(1));
    }
    match args.format {
        WhyFormat::Json => out!("{}", serde_json::to_string_pretty(&found)?),
        WhyFormat::Table => {
            for b in &found {
                let quote = b.quote.split_whitespace().collect::<Vec<_>>().join(" ");
                out!("{}:{}-{}: {}: \"{}\"", b.path, b.start, b.end, b.fact, quote);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
