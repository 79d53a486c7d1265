//! `councilgraph extract`, `councilgraph extract-text` and `councilgraph unresolved`.

use anyhow::{Context, Result};
use councilgraph::gold::to_gold;
use councilgraph::pipeline::model_corpus;
use councilgraph::source::{discover, read_source};
use councilgraph::topics::TopicScheme;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// The gold-annotation schema (../shared/gold/SCHEMA.md).
    Json,
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Minutes files or folders.
    #[arg(value_name = "FILE", required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    format: ExtractFormat,
    /// Write DIR/<stem>.json per input (default: standard output for one input).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// SKOS topic scheme (Turtle) to tag items with [default: the built-in
    /// ontology/topics.ttl, or $COUNCILGRAPH_TOPICS].
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
}

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let topics = TopicScheme::choose(args.topics.as_deref())?;
    let files = discover(&args.paths).map_err(|f| anyhow::anyhow!("{f}"))?;
    if args.out.is_none() && files.len() > 1 {
        anyhow::bail!(
            "{} inputs: give --out DIR to write one JSON file per input",
            files.len()
        );
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    let sources: Vec<_> = files
        .iter()
        .map(|f| read_source(&f.path, f.id.clone()).map_err(|e| e.to_string()))
        .collect();
    let mut failed = 0;
    for (file, outcome) in files.iter().zip(model_corpus(&sources, &topics)) {
        match outcome {
            Ok(model) => {
                let json = serde_json::to_string_pretty(&to_gold(&model))?;
                match &args.out {
                    Some(dir) => {
                        let stem = file
                            .path
                            .file_stem()
                            .map_or("out".into(), |s| s.to_string_lossy().to_string());
                        let target = dir.join(format!("{stem}.json"));
                        std::fs::write(&target, json).with_context(|| format!("{}: cannot write", target.display()))?;
                    }
                    None => out!("{json}"),
                }
            }
            Err(reason) => {
                eprintln!("error: {}: {reason}", file.path.display());
                failed += 1;
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(clap::Args)]
pub struct ExtractTextArgs {
    /// A minutes file (.txt, .md, .pdf, .html, .htm).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print where each page starts ("page<TAB>character offset", PDF only)
    /// instead of the text.
    #[arg(long)]
    pages: bool,
}

/// Prints the text `build` reads from a file, byte for byte, so that any
/// evidence quote can be checked at its character offsets.
pub fn extract_text(args: ExtractTextArgs) -> Result<ExitCode> {
    use std::io::Write;
    let source = match read_source(&args.file, String::new()) {
        Ok(source) => source,
        Err(reason) => {
            eprintln!("error: {}: {reason}", args.file.display());
            return Ok(ExitCode::from(1));
        }
    };
    let out = if args.pages {
        source
            .pages
            .iter()
            .enumerate()
            .map(|(i, &byte)| format!("{}\t{}\n", i + 1, source.text[..byte].chars().count()))
            .collect()
    } else {
        source.text
    };
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

#[derive(clap::Args)]
pub struct UnresolvedArgs {
    /// Minutes files or folders [default: data].
    #[arg(value_name = "PATH", default_value = "data")]
    paths: Vec<PathBuf>,
}

pub fn unresolved(args: UnresolvedArgs) -> Result<ExitCode> {
    let files = discover(&args.paths).map_err(|f| anyhow::anyhow!("{f}"))?;
    let sources: Vec<_> = files
        .iter()
        .map(|f| read_source(&f.path, f.id.clone()).map_err(|e| e.to_string()))
        .collect();
    for (file, model) in files.iter().zip(model_corpus(&sources, TopicScheme::builtin())) {
        let Ok(model) = model else { continue };
        for u in &model.unresolved {
            out!(
                "{}:{}: {:?}: {} (in {:?})",
                file.id,
                u.evidence.start,
                u.text,
                u.reason,
                u.evidence.quote
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
