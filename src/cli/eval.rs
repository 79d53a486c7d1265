//! `councilgraph eval`: extract in memory and score against gold files.

use anyhow::{bail, Context, Result};
use councilgraph::eval::{format_table, is_gold_name, score_all};
use councilgraph::gold::to_gold;
use councilgraph::pipeline::model_corpus;
use councilgraph::source::{discover, read_source};
use councilgraph::topics::TopicScheme;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Minutes files or folders.
    #[arg(value_name = "PATH", default_value = "data/minutes")]
    paths: Vec<PathBuf>,
    /// Folder of gold files (NNN_<hash>.json, ../shared/gold/SCHEMA.md).
    #[arg(long, value_name = "DIR", default_value = "data/gold")]
    gold: PathBuf,
    /// Print per-file and micro-averaged figures as JSON (as `score.py --json`).
    #[arg(long)]
    json: bool,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let gold = read_gold(&args.gold)?;
    let mut warnings = Vec::new();
    let mut system: BTreeMap<String, Value> = BTreeMap::new();
    let files = discover(&args.paths).map_err(|f| anyhow::anyhow!("{f}"))?;
    let sources: Vec<_> = files
        .iter()
        .map(|f| read_source(&f.path, f.id.clone()).map_err(|e| e.to_string()))
        .collect();
    let models = model_corpus(&sources, TopicScheme::builtin());
    for (file, outcome) in files.iter().zip(models) {
        let stem = file
            .path
            .file_stem()
            .map_or("out".into(), |s| s.to_string_lossy().to_string());
        let name = format!("{stem}.json");
        match outcome {
            Ok(model) => {
                if system.insert(name, serde_json::to_value(to_gold(&model))?).is_some() {
                    warnings.push(format!(
                        "{stem}: several inputs have this name; the last, {}, is scored",
                        file.id
                    ));
                }
            }
            Err(reason) => warnings.push(format!("{}: not extracted: {reason}", file.path.display())),
        }
    }
    let mut report = score_all(&gold, &system);
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    if args.json {
        out!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for w in &report.warnings {
            eprintln!("warning: {w}");
        }
        let title = format!("== micro-average over {} files", report.files.len());
        out!("{}", format_table(&title, &report.micro));
    }
    Ok(ExitCode::SUCCESS)
}

/// The gold files of `dir` (name, content), in name order.
fn read_gold(dir: &Path) -> Result<Vec<(String, Value)>> {
    if !dir.is_dir() {
        bail!(
            "gold directory {} not found: give --gold DIR (e.g. --gold ../shared/gold)",
            dir.display()
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| is_gold_name(n))
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("no gold files (NNN_*.json) in {}", dir.display());
    }
    names
        .into_iter()
        .map(|name| {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path).with_context(|| format!("{}: cannot read", path.display()))?;
            let value: Value =
                serde_json::from_str(&text).with_context(|| format!("{}: not valid JSON", path.display()))?;
            if !value.is_object() {
                bail!("{}: not a JSON object", path.display());
            }
            Ok((name, value))
        })
        .collect()
}
