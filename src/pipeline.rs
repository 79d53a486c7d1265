//! The build pipeline: files → models → quads → store, with skipping of
//! unchanged files, atomic per-file replacement and removal of vanished files.
//!
//! Architecture invariant: orchestration only; each stage's logic lives in
//! its own module. Files are processed in parallel (rayon) and written to the
//! store one transaction per file, in a deterministic order.

use crate::extract::bodies::{BodyKind, KnownBody};
use crate::extract::extract_knowing;
use crate::iri::Minter;
use crate::model::{FileModel, SourceInfo};
use crate::source::{discover, hash_bytes, read_source_noting, Discovered, FileFailure, Source};
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
    model_source_knowing(source, topics, &[])
}

/// Models every source, in two passes: the second recognises, in each file,
/// the bodies other files name ("Rotherham Rise" listed as a charity in one
/// file, named bare in another). A file re-read with such names gets a
/// content hash that covers them, so a change elsewhere rewrites it.
pub fn model_corpus(sources: &[Result<Source, String>], topics: &TopicScheme) -> Vec<Result<FileModel, String>> {
    let first: Vec<Result<FileModel, String>> = sources
        .par_iter()
        .map(|s| s.clone().and_then(|s| model_source_knowing(&s, topics, &[])))
        .collect();
    let known = known_bodies(first.iter().filter_map(|m| m.as_ref().ok()));
    first
        .into_par_iter()
        .zip(sources.par_iter())
        .map(|(model, source)| {
            let model = model?;
            let source = source.as_ref().map_err(Clone::clone)?;
            let extra = unfound_names(&source.text, &model, &known);
            if extra.is_empty() {
                return Ok(model);
            }
            let mut again = model_source_knowing(source, topics, &extra)?;
            let names: Vec<&str> = extra.iter().map(|k| k.name.as_str()).collect();
            again.source.hash = hash_bytes(format!("{}\n{}", source.hash, names.join("\n")).as_bytes());
            Ok(again)
        })
        .collect()
}

/// The printed names of every body in `models`.
fn known_bodies<'m>(models: impl Iterator<Item = &'m FileModel>) -> Vec<KnownBody> {
    let mut known: Vec<KnownBody> = models
        .flat_map(|m| {
            m.bodies.iter().flat_map(|b| {
                std::iter::once(&b.name).chain(&b.variants).map(|name| KnownBody {
                    name: name.clone(),
                    kind: b.kind,
                    national: b.key.split('/').count() == 2,
                })
            })
        })
        .filter(|k| k.name.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    known.sort();
    known.dedup_by(|a, b| a.name == b.name);
    known
}

/// The known names printed in `text` that `model` has no body for, and the
/// corpus's one council when the text says "the Council" without naming it.
fn unfound_names(text: &str, model: &FileModel, known: &[KnownBody]) -> Vec<KnownBody> {
    let mut councils = known.iter().filter(|k| k.kind == BodyKind::Council);
    let only_council = match (councils.next(), councils.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let unnamed_council = only_council
        .filter(|_| text.contains("the Council") && !model.bodies.iter().any(|b| b.kind == BodyKind::Council));
    known
        .iter()
        .filter(|k| {
            !model
                .bodies
                .iter()
                .any(|b| b.name == k.name || b.variants.contains(&k.name))
        })
        .filter(|k| {
            text.match_indices(k.name.as_str()).any(|(at, _)| {
                !text[..at].ends_with(char::is_alphanumeric)
                    && !text[at + k.name.len()..].starts_with(char::is_alphanumeric)
            })
        })
        .chain(unnamed_council)
        .cloned()
        .collect()
}

/// Segments, extracts and resolves one source, also recognising `known` bodies.
///
/// A bug that panics while reading one file becomes that file's error, so
/// the other files still build and the store is never left half-written.
pub fn model_source_knowing(source: &Source, topics: &TopicScheme, known: &[KnownBody]) -> Result<FileModel, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| model_unguarded(source, topics, known))).unwrap_or_else(
        |panic| {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown panic");
            Err(format!("internal error while extracting (please report it): {what}"))
        },
    )
}

fn model_unguarded(source: &Source, topics: &TopicScheme, known: &[KnownBody]) -> Result<FileModel, String> {
    let extraction = extract_knowing(&source.text, known);
    if extraction.segmented.documents.is_empty() {
        return Err(crate::segment::why_no_documents(&source.text));
    }
    Ok(resolve::resolve_with_topics(
        SourceInfo {
            id: source.id.clone(),
            hash: source.hash.clone(),
            pages: {
                let index = crate::text::CharIndex::new(&source.text);
                source
                    .pages
                    .iter()
                    .map(|&b| index.char_offset(&source.text, b))
                    .collect()
            },
        },
        &source.text,
        &extraction,
        topics,
    ))
}

/// A file's model; `None` when unchanged; `Err` with the reason.
type FileOutcome = Result<Option<FileModel>, String>;

/// Files whose quads are made (in parallel) and written per round: quads are
/// the bulk of a build's memory, so only this many files' exist at once.
const WRITE_CHUNK: usize = 64;

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
    /// Files read anyway, with what was odd about them (not UTF-8).
    #[serde(skip)]
    pub warnings: Vec<FileFailure>,
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

    let read: Vec<Result<(Source, Option<String>), String>> = files
        .par_iter()
        .map(|file| read_source_noting(&file.path, file.id.clone()).map_err(|e| e.to_string()))
        .collect();
    for (file, read) in files.iter().zip(&read) {
        if let Ok((_, Some(warning))) = read {
            summary.warnings.push(FileFailure {
                path: file.path.clone(),
                reason: warning.clone(),
            });
        }
    }
    let sources: Vec<Result<Source, String>> = read.into_iter().map(|r| r.map(|(s, _)| s)).collect();
    let models = model_corpus(&sources, &options.topics);
    let results: Vec<(Discovered, FileOutcome)> = files
        .par_iter()
        .zip(models)
        .map(|(file, model)| {
            let outcome = model.map(|model| {
                let graph = store::graph_for(&options.minter, &file.id);
                let unchanged = existing
                    .get(graph.as_str())
                    .is_some_and(|(_, hash)| *hash == model.source.hash);
                if unchanged && !scheme_changed {
                    return None;
                }
                Some(model)
            });
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
    let mut results = results.into_iter();
    loop {
        let chunk: Vec<(Discovered, FileOutcome)> = results.by_ref().take(WRITE_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let quads: Vec<Vec<oxigraph::model::Quad>> = chunk
            .par_iter()
            .map(|(_, outcome)| match outcome {
                Ok(Some(model)) => rdf::to_quads(&options.minter, model),
                _ => Vec::new(),
            })
            .collect();
        write_chunk(store, options, chunk, quads, &mut summary)?;
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

/// Writes one chunk of files' graphs, in order, each in its own transaction.
fn write_chunk(
    store: &Store,
    options: &BuildOptions,
    chunk: Vec<(Discovered, FileOutcome)>,
    quads: Vec<Vec<oxigraph::model::Quad>>,
    summary: &mut BuildSummary,
) -> Result<()> {
    for ((file, outcome), quads) in chunk.into_iter().zip(quads) {
        match outcome {
            Ok(None) => summary.unchanged += 1,
            Ok(Some(model)) => {
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
    Ok(())
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
