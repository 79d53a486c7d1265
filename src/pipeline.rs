//! The build pipeline: files → models → quads → store, with skipping of
//! unchanged files, atomic per-file replacement and removal of vanished files.
//!
//! Architecture invariant: orchestration only; each stage's logic lives in
//! its own module. Files are processed in parallel (rayon) and written to the
//! store one transaction per file, in a deterministic order.

use crate::extract::extract;
use crate::iri::Minter;
use crate::model::{FileModel, SourceInfo};
use crate::source::{discover, read_source, Discovered, FileFailure, Source};
use crate::topics::TopicScheme;
use crate::{rdf, resolve, store};
use anyhow::Result;
use oxigraph::store::Store;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

/// Segments, extracts and resolves one source, with the built-in topics.
pub fn model_source(source: &Source) -> Result<FileModel, String> {
    model_source_with(source, TopicScheme::builtin())
}

/// Segments, extracts and resolves one source, tagging items with `topics`.
pub fn model_source_with(source: &Source, topics: &TopicScheme) -> Result<FileModel, String> {
    let extraction = extract(&source.text);
    if extraction.segmented.documents.is_empty() {
        return Err("no meeting, agenda or report found (is this council minutes?)".to_string());
    }
    Ok(resolve::resolve_with_topics(
        SourceInfo {
            id: source.id.clone(),
            hash: source.hash.clone(),
        },
        &source.text,
        &extraction,
        topics,
    ))
}

/// A file's model and quads; `None` when unchanged; `Err` with the reason.
type FileOutcome = Result<Option<(FileModel, Vec<oxigraph::model::Quad>)>, String>;

/// What a build did.
#[derive(Debug, Default, Serialize)]
pub struct BuildSummary {
    pub files: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub failed: usize,
    pub documents: usize,
    pub meetings: usize,
    pub items: usize,
    pub people: usize,
    pub unresolved: usize,
    pub quads_written: usize,
    pub store_quads: usize,
    pub seconds: f64,
    #[serde(skip)]
    pub failures: Vec<FileFailure>,
}

pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub minter: Minter,
    pub strict: bool,
    /// The concept scheme items are tagged with; written to its own graph.
    pub topics: TopicScheme,
}

/// Builds `inputs` into `store`. Per-file failures are collected (and stop
/// the build before any write when `strict`); store errors abort.
pub fn build(store: &Store, options: &BuildOptions, progress: &(dyn Fn(&str) + Sync)) -> Result<BuildSummary> {
    let started = Instant::now();
    let mut summary = BuildSummary::default();
    let files = discover(&options.inputs).map_err(|f| anyhow::anyhow!("{f}"))?;
    summary.files = files.len();
    let existing = store::indexed_sources(store)?;
    // A different topic scheme re-tags every file, unchanged or not.
    let topics_graph = rdf::topics_graph_iri(&options.minter);
    let scheme_changed = store::topics_hash(store, &topics_graph)?.as_deref() != Some(options.topics.hash.as_str());

    let results: Vec<(Discovered, FileOutcome)> = files
        .par_iter()
        .map(|file| {
            let outcome = (|| {
                let source = read_source(&file.path, file.id.clone()).map_err(|e| e.to_string())?;
                let graph = store::graph_for(&options.minter, &file.id);
                if !scheme_changed
                    && existing
                        .get(graph.as_str())
                        .is_some_and(|(_, hash)| *hash == source.hash)
                {
                    return Ok(None);
                }
                let model = model_source_with(&source, &options.topics)?;
                let quads = rdf::to_quads(&options.minter, &model);
                Ok(Some((model, quads)))
            })();
            progress(&file.id);
            (file.clone(), outcome)
        })
        .collect();

    for (file, outcome) in &results {
        if let Err(reason) = outcome {
            summary.failures.push(FileFailure {
                path: file.path.clone(),
                reason: reason.clone(),
            });
        }
    }
    summary.failed = summary.failures.len();
    if options.strict && summary.failed > 0 {
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok(summary);
    }
    for (file, outcome) in results {
        match outcome {
            Ok(None) => summary.unchanged += 1,
            Ok(Some((model, quads))) => {
                store::replace_graph(store, &store::graph_for(&options.minter, &file.id), &quads)?;
                summary.changed += 1;
                summary.documents += model.documents.len();
                summary.meetings += model.meetings.len();
                summary.items += model.meetings.iter().map(|m| m.items.len()).sum::<usize>();
                summary.people += model.people.len();
                summary.unresolved += model.unresolved.len();
                summary.quads_written += quads.len();
            }
            Err(_) => {}
        }
    }
    // Written last, so an interrupted build re-tags everything next time.
    if scheme_changed {
        let quads = rdf::scheme_quads(&options.minter, &options.topics);
        store::replace_graph(store, &topics_graph, &quads)?;
        summary.quads_written += quads.len();
    }
    summary.removed = remove_vanished(store, options, &files, &existing)?;
    summary.store_quads = store.len()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Drops the graphs of files that were under a rebuilt folder and are gone.
fn remove_vanished(
    store: &Store,
    options: &BuildOptions,
    files: &[Discovered],
    existing: &std::collections::HashMap<String, (String, String)>,
) -> Result<usize> {
    let cwd = std::env::current_dir().ok();
    let folders: Vec<String> = options
        .inputs
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| {
            let id = crate::source::source_id(p, cwd.as_deref());
            if id.is_empty() {
                String::new()
            } else {
                format!("{}/", id.trim_end_matches('/'))
            }
        })
        .collect();
    let present: HashSet<&str> = files.iter().map(|f| f.id.as_str()).collect();
    let mut removed = 0;
    for (graph, (path, _)) in existing {
        let under = folders.iter().any(|f| path.starts_with(f.as_str()));
        if under && !present.contains(path.as_str()) {
            store::remove_graph(store, &oxigraph::model::NamedNode::new(graph.clone())?)?;
            removed += 1;
        }
    }
    Ok(removed)
}
