//! `councilgraph gen` (synthetic minutes with their gold) and the hidden
//! `councilgraph bench-extract` (modelling throughput, nothing written).

use anyhow::Result;
use councilgraph::pipeline::model_corpus;
use councilgraph::source::{discover, read_source};
use councilgraph::topics::TopicScheme;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct GenArgs {
    /// Number of meetings (one minutes file each).
    #[arg(long, default_value_t = 100)]
    meetings: usize,
    /// Seed: the same seed gives byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder: minutes in OUT/minutes, ground truth in OUT/gold.
    #[arg(value_name = "OUT")]
    out: PathBuf,
}

pub fn run(args: GenArgs) -> Result<ExitCode> {
    let summary = councilgraph::gen::write_corpus(&args.out, args.meetings, args.seed)?;
    eprintln!(
        "{} meetings, {} files, {:.1} MB of minutes in {}",
        summary.meetings,
        summary.files,
        summary.bytes as f64 / 1e6,
        args.out.join("minutes").display()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct BenchExtractArgs {
    /// Minutes files or folders.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Worker threads [default: rayon's, i.e. $RAYON_NUM_THREADS or the cores].
    #[arg(long)]
    threads: Option<usize>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

/// Reads every file, then times `model_corpus` alone (both passes).
pub fn bench_extract(args: BenchExtractArgs) -> Result<ExitCode> {
    let files = discover(&args.paths).map_err(|f| anyhow::anyhow!("{f}"))?;
    let sources: Vec<_> = files
        .iter()
        .map(|f| read_source(&f.path, f.id.clone()).map_err(|e| e.to_string()))
        .collect();
    let bytes: usize = sources.iter().flatten().map(|s| s.text.len()).sum();
    let topics = TopicScheme::builtin();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()?;
    let threads = pool.current_num_threads();
    let started = Instant::now();
    let models = pool.install(|| model_corpus(&sources, topics));
    let seconds = started.elapsed().as_secs_f64();
    let meetings: usize = models.iter().flatten().map(|m| m.meetings.len()).sum();
    let failed = models.iter().filter(|m| m.is_err()).count();
    let mb_s = bytes as f64 / 1e6 / seconds;
    if args.json {
        out!(
            "{}",
            serde_json::json!({
                "files": files.len(), "failed": failed, "bytes": bytes, "meetings": meetings,
                "threads": threads, "seconds": seconds, "mb_per_s": mb_s,
            })
        );
    } else {
        out!(
            "{} files ({failed} failed), {:.2} MB, {meetings} meetings, {threads} threads: {seconds:.3} s, {mb_s:.2} MB/s",
            files.len(),
            bytes as f64 / 1e6
        );
    }
    Ok(ExitCode::SUCCESS)
}
