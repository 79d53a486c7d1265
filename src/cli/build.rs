//! `councilgraph build` and `councilgraph remove`.

use super::StoreArgs;
use anyhow::Result;
use councilgraph::iri::{Minter, DEFAULT_BASE};
use councilgraph::pipeline::{build, BuildOptions};
use councilgraph::store::SourceRoot;
use councilgraph::topics::TopicScheme;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BuildArgs {
    /// Files (.txt, .md, .pdf, .html, .htm) and folders (searched
    /// recursively) to build.
    #[arg(value_name = "PATH", default_value = "data")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    /// Base IRI for every minted identifier.
    #[arg(long, value_name = "IRI", default_value = DEFAULT_BASE)]
    base: String,
    /// Fail without writing anything if any file cannot be read or parsed.
    #[arg(long)]
    strict: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// SKOS topic scheme (Turtle) to tag items with [default: the built-in
    /// ontology/topics.ttl, or $COUNCILGRAPH_TOPICS].
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
    /// Build only shard I of N (1 ≤ I ≤ N): the files whose path hashes to
    /// it, so N machines can each build a part (see ARCHITECTURE.md).
    #[arg(long, value_name = "I/N")]
    shard: Option<councilgraph::pipeline::Shard>,
}

pub fn run(args: BuildArgs) -> Result<ExitCode> {
    let topics = TopicScheme::choose(args.topics.as_deref())?;
    let path = args.store.path();
    let mut store = councilgraph::store::open(&path)?;
    let show_progress = !args.quiet && !args.json && std::io::stderr().is_terminal();
    let bar = if show_progress {
        let bar = ProgressBar::new_spinner();
        bar.set_style(ProgressStyle::with_template("{spinner} {pos} files  {wide_msg}").expect("template"));
        bar
    } else {
        ProgressBar::hidden()
    };
    let minter = Minter::new(&args.base);
    let root = SourceRoot::of_store(&store, &path, &councilgraph::rdf::topics_graph_iri(&minter))?;
    let options = BuildOptions {
        inputs: args.paths,
        root,
        minter,
        strict: args.strict,
        topics,
        shard: args.shard,
    };
    let summary = build(&mut store, Some(&path), &options, &|id| {
        bar.inc(1);
        bar.set_message(id.to_string());
    })?;
    bar.finish_and_clear();
    store.flush()?;
    for warning in &summary.warnings {
        eprintln!("warning: {warning}");
    }
    for failure in &summary.failures {
        eprintln!("error: {failure}");
    }
    if args.json {
        out!("{}", serde_json::to_string_pretty(&summary)?);
    } else if !args.quiet {
        if args.strict && summary.failed > 0 {
            eprintln!("--strict: {} file(s) failed; the store was not changed", summary.failed);
        } else {
            out!(
                "{} files ({} read, {} built, {} unchanged, {} removed, {} failed): {} documents, {} meetings, {} items, {} people, {} unresolved references; {} quads written to {} in {:.2}s",
                summary.files,
                summary.read,
                summary.changed,
                summary.unchanged,
                summary.removed,
                summary.failed,
                summary.documents,
                summary.meetings,
                summary.items,
                summary.people,
                summary.unresolved,
                summary.quads_written,
                path.display(),
                summary.seconds
            );
        }
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(clap::Args)]
pub struct RemoveArgs {
    /// Files whose graphs to drop (as they were given to `build`).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    #[arg(long, value_name = "IRI", default_value = DEFAULT_BASE)]
    base: String,
}

pub fn remove(args: RemoveArgs) -> Result<ExitCode> {
    let store = councilgraph::store::open_existing(&args.store.path())?;
    let minter = Minter::new(&args.base);
    let indexed = councilgraph::store::build_records(&store)?;
    // Removing a graph adjusts the summaries: they must be the store's first.
    councilgraph::store::ensure_summaries(&store)?;
    let topics_graph = councilgraph::rdf::topics_graph_iri(&minter);
    let root = SourceRoot::of_store(&store, &args.store.path(), &topics_graph)?;
    let mut missing = 0;
    for file in &args.files {
        let id = councilgraph::source::source_id(file, Some(&root.dir));
        let graph = councilgraph::store::graph_for(&minter, &id);
        if indexed.contains_key(graph.as_str()) || store.contains_named_graph(&graph)? {
            councilgraph::store::remove_graph(&store, &graph)?;
            // The names kept for the next build may have come from it.
            councilgraph::store::set_known_names(&store, &topics_graph, None)?;
            out!("removed {id}");
        } else {
            eprintln!("error: {}: not in the store", file.display());
            missing += 1;
        }
    }
    Ok(if missing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
