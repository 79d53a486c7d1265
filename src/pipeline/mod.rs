//! The build pipeline: files → models → quads → store, with skipping of
//! unchanged files, a bulk load into a new store, atomic per-file
//! replacement and removal of vanished files.
//!
//! Architecture invariant: orchestration only; each stage's logic lives in
//! its own module. Files are modelled in parallel (rayon) and written in a
//! deterministic order: all at once by the bulk loader into a store with no
//! source yet, otherwise one transaction per changed file.

mod corpus;

pub use corpus::{
    model_corpus, model_planned, model_source, model_source_knowing, model_source_with, plan_corpus, plan_unread, Plan,
    Unchanged,
};

use crate::extract::bodies::KnownBody;
use crate::iri::Minter;
use crate::model::FileModel;
use crate::source::{discover_below, read_source_noting, Discovered, FileFailure, Source};
use crate::topics::TopicScheme;
use crate::{rdf, store};
use anyhow::Result;
use oxigraph::model::{NamedNode, Quad};
use oxigraph::store::Store;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Runs `f`, turning a panic into an error, so that a bug met while reading
/// one file becomes that file's error and the other files still build.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown panic");
        Err(format!("internal error while extracting (please report it): {what}"))
    })
}

/// Files whose quads are made (in parallel) and written per round: quads are
/// the bulk of a build's memory, so only this many files' exist at once.
const WRITE_CHUNK: usize = 64;

/// What a build did.
#[cfg(test)]
mod tests {
    use super::Shard;

    #[test]
    fn shards_split_every_file_to_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=4).map(|i| format!("{i}/4").parse().unwrap()).collect();
        let ids: Vec<String> = (0..400).map(|i| format!("minutes/{i:03}.txt")).collect();
        let mut sizes = [0; 4];
        for id in &ids {
            let holders: Vec<usize> = (0..4).filter(|&s| shards[s].holds(id)).collect();
            assert_eq!(holders.len(), 1, "{id}");
            sizes[holders[0]] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 70), "{sizes:?}");
        assert!("0/4".parse::<Shard>().is_err() && "5/4".parse::<Shard>().is_err() && "x".parse::<Shard>().is_err());
    }
}

#[derive(Debug, Default, Serialize)]
pub struct BuildSummary {
    pub files: usize,
    /// Files read (the others had the size and modification time their
    /// graph was written from, and the corpus's names had not changed).
    pub read: usize,
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
    /// Build only this shard of the files.
    pub shard: Option<Shard>,
    /// The directory source ids are relative to.
    pub root: store::SourceRoot,
}

/// Shard `index` (1-based) of `count`: the files whose source id hashes to
/// it. The split depends on the ids alone, so every machine given the same
/// inputs and `--shard I/N` builds the same files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (index, count) = s.split_once('/').ok_or("expected I/N, e.g. 2/8")?;
        let index: u64 = index.trim().parse().map_err(|_| format!("{index:?} is not a number"))?;
        let count: u64 = count.trim().parse().map_err(|_| format!("{count:?} is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {index}/{count}: need 1 ≤ I ≤ N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether the file with source id `id` belongs to this shard.
    pub fn holds(&self, id: &str) -> bool {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(id.as_bytes());
        let first = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        first % self.count == self.index - 1
    }
}

/// Builds `inputs` into `store`. Per-file failures are collected (and stop
/// the build before any write when `strict`); store errors abort.
///
/// Into an empty store, everything is written by oxigraph's bulk loader in
/// one atomic commit. A rebuild rewriting much of the store bulk-loads a
/// new one beside it (at `dir`'s side, or in memory) and swaps it in; any
/// other replaces each changed file's graph in a transaction of its own.
pub fn build(
    store: &mut Store,
    dir: Option<&Path>,
    options: &BuildOptions,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<BuildSummary> {
    let started = Instant::now();
    let mut summary = BuildSummary::default();
    let mut files = discover_below(&options.inputs, Some(&options.root.dir)).map_err(|f| anyhow::anyhow!("{f}"))?;
    if let Some(shard) = options.shard {
        files.retain(|f| shard.holds(&f.id));
    }
    summary.files = files.len();
    tracing::debug!("{} files found: {:?}", files.len(), started.elapsed());
    // A different topic scheme re-tags every file, unchanged or not; so does
    // a councilgraph that models files differently (rdf::MODEL_EPOCH).
    let topics_graph = rdf::topics_graph_iri(&options.minter);
    let fingerprint = rdf::build_fingerprint(&options.topics);
    let scheme_changed = store::topics_hash(store, &topics_graph)?.as_deref() != Some(fingerprint.as_str());
    // Written under this epoch, every graph has a build record: one scan.
    let existing = if scheme_changed {
        store::indexed_sources(store)?
    } else {
        store::build_records(store)?
    };
    tracing::debug!("the store's records read: {:?}", started.elapsed());

    let record = |file: &Discovered| existing.get(store::graph_for(&options.minter, &file.id).as_str());
    let Planned {
        sources,
        warnings,
        plans,
        known,
    } = read_and_plan(store, &files, &existing, options, scheme_changed)?;
    tracing::debug!("files read and planned: {:?}", started.elapsed());
    summary.read = sources.iter().filter(|s| s.is_some()).count();
    let mut to_write: Vec<ToWrite> = Vec::new();
    let mut restat: Vec<(&Discovered, String)> = Vec::new();
    for (((file, source), warning), plan) in files.iter().zip(sources).zip(warnings).zip(plans) {
        if let Some(warning) = warning {
            summary.warnings.push(FileFailure {
                path: file.path.clone(),
                reason: warning,
            });
        }
        match (source, plan) {
            (Some(Err(reason)), _) | (_, Err(reason)) => summary.failures.push(FileFailure {
                path: file.path.clone(),
                reason,
            }),
            (None, Ok(_)) => summary.unchanged += 1,
            (Some(Ok(source)), Ok(Plan::Current)) => {
                summary.unchanged += 1;
                if let Some(stat) = source
                    .stat
                    .filter(|stat| record(file).is_some_and(|r| r.stat.as_ref() != Some(stat)))
                {
                    restat.push((file, stat));
                }
            }
            // A store written before text hashes were kept: compare what was written.
            (Some(Ok(_)), Ok(Plan::Model { hash, .. }))
                if !scheme_changed && record(file).is_some_and(|r| r.hash == hash) =>
            {
                summary.unchanged += 1
            }
            (Some(Ok(source)), Ok(plan)) => to_write.push((file.clone(), source, plan)),
        }
    }
    summary.failed = summary.failures.len();
    if options.strict && summary.failed > 0 {
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok(summary);
    }
    let scheme = if scheme_changed {
        rdf::scheme_quads(&options.minter, &options.topics)
    } else {
        Vec::new()
    };
    summary.quads_written += scheme.len();
    let vanished = vanished_graphs(options, &files, &existing)?;
    let rewrites_much = to_write.len() >= REBUILD_BESIDE_AFTER_FILES.max(existing.len() / REBUILD_BESIDE_SHARE);
    if store.is_empty()? {
        // The bulk loader only adds: it is for a store with nothing to replace.
        let records = records(store, &topics_graph, options, known.as_deref())?;
        write_bulk(store, options, to_write, scheme, records, None, &mut summary, progress)?;
        // The summaries are computed from the union graph just committed, in
        // a write of their own: a crash between the two leaves a store whose
        // summary graph is missing, which queries reading it refuse and the
        // next build computes (`store::ensure_summaries`).
        store::ensure_summaries(store)?;
    } else if rewrites_much {
        // Bulk-loaded into a new store, with every other graph carried
        // over, and swapped in whole: many times faster than a transaction
        // a graph (a 10k store re-tagged file by file had not finished in
        // 47 minutes; a fresh build takes 5.5), and nothing left to compact.
        let records = records(store, &topics_graph, options, known.as_deref())?;
        let rebuilt = store::Beside::open(dir)?;
        let carry = Carry {
            from: store,
            topics_rewritten: scheme_changed,
            vanished: &vanished,
        };
        write_bulk(
            &rebuilt.store,
            options,
            to_write,
            scheme,
            records,
            Some(carry),
            &mut summary,
            progress,
        )?;
        store::install(store, dir, rebuilt)?;
        // Once the old store is closed (its caches freed), as after a first build.
        store::ensure_summaries(store)?;
        summary.removed = vanished.len();
    } else {
        if store::ensure_summaries(store)? {
            // Each graph replaced below adjusts the summaries by its
            // difference: they must first be those of the store as it is.
            tracing::debug!("summaries computed from the union graph: {:?}", started.elapsed());
        }
        // The names kept for the next build are true only once every graph
        // is written: forgotten first, so an interrupted build is followed
        // by one that reads every file.
        if known.is_some() {
            store::set_known_names(store, &topics_graph, None)?;
        }
        write_per_file(store, options, to_write, &mut summary, progress)?;
        // Written last, so an interrupted build re-tags everything next time.
        if scheme_changed {
            store::replace_graph(store, &topics_graph, &scheme)?;
        }
        // Kept in the topics graph: put back when it is replaced.
        if scheme_changed || !options.root.recorded {
            store::set_source_root(store, &topics_graph, &options.root)?;
        }
        for graph in &vanished {
            store::remove_graph(store, graph)?;
        }
        summary.removed = vanished.len();
        if let Some(known) = &known {
            store::set_known_names(store, &topics_graph, Some((&scope(options), known)))?;
        }
    }
    tracing::debug!("graphs written: {:?}", started.elapsed());
    // Read again but unchanged (touched, or copied): remember the new
    // size and time, so the next build need not read them.
    for (file, stat) in restat {
        store::set_source_stat(store, &store::graph_for(&options.minter, &file.id), &stat)?;
    }
    // A changed file rewrites the summaries of everyone it names (a busy
    // councillor's tally is a few hundred KB at 10k meetings): out of the
    // write-ahead log, which every later open would replay and which grew
    // by megabytes a rebuild.
    if summary.changed + summary.removed > 0 {
        store.flush()?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// What reading and planning decided for each file (in `files` order).
struct Planned {
    /// `None`: not read (its size and time are those its graph was written from).
    sources: Vec<Option<Result<Source, String>>>,
    /// What was odd about a file read anyway (not UTF-8).
    warnings: Vec<Option<String>>,
    plans: Vec<Result<Plan, String>>,
    /// The names the corpus teaches, when every file was planned (to keep
    /// for the next build); `None` when they were unchanged.
    known: Option<Vec<KnownBody>>,
}

/// The files of this build, as the store keeps the corpus's names for them.
fn scope(options: &BuildOptions) -> String {
    options
        .shard
        .map_or_else(|| "all".to_string(), |s| format!("shard {}/{}", s.index, s.count))
}

/// Reads the files that may have changed and plans every file. Files whose
/// size and modification time are those their graph was written from are
/// not read, as long as the names the corpus teaches stay those the last
/// build kept (`plan_unread`); otherwise every file is read and planned.
fn read_and_plan(
    store: &Store,
    files: &[Discovered],
    existing: &HashMap<String, store::IndexedSource>,
    options: &BuildOptions,
    scheme_changed: bool,
) -> Result<Planned> {
    let graph_of = |file: &Discovered| store::graph_for(&options.minter, &file.id);
    let record = |file: &Discovered| existing.get(graph_of(file).as_str());
    let unread: Vec<bool> = files
        .par_iter()
        .map(|file| {
            !scheme_changed
                && record(file).is_some_and(|r| {
                    r.stat.is_some() && r.text_hash.is_some() && r.stat == crate::source::file_stat(&file.path)
                })
        })
        .collect();
    let mut warnings: Vec<Option<String>> = vec![None; files.len()];
    let read_at = |i: usize| read_source_noting(&files[i].path, files[i].id.clone()).map_err(|e| e.to_string());
    let read: Vec<Option<Read>> = (0..files.len())
        .into_par_iter()
        .map(|i| (!unread[i]).then(|| read_at(i)))
        .collect();
    let mut sources: Vec<Option<Result<Source, String>>> = vec![None; files.len()];
    let mut keep_read = |i: usize, read: Read, sources: &mut Vec<Option<Result<Source, String>>>| {
        sources[i] = Some(read.map(|(source, warning)| {
            warnings[i] = warning;
            source
        }));
    };
    for (i, read) in read.into_iter().enumerate() {
        if let Some(read) = read {
            keep_read(i, read, &mut sources);
        }
    }
    // A file whose text is its record's keeps its record (and names).
    let kept = |sources: &[Option<Result<Source, String>>], names: &dyn Fn(usize) -> Option<Vec<KnownBody>>| {
        (0..files.len())
            .map(|i| {
                let record = record(&files[i])?;
                if let Some(Ok(source)) = &sources[i] {
                    if scheme_changed || record.text_hash.as_deref() != Some(source.hash.as_str()) {
                        return None;
                    }
                }
                Some(Unchanged {
                    hash: record.hash.clone(),
                    names_taught: names(i)?,
                })
            })
            .collect::<Vec<Option<Unchanged>>>()
    };
    if let Some((recorded, known_before)) =
        records_for_planning_unread(store, files, existing, options, &unread, &sources)?
    {
        let kept = kept(&sources, &|i| recorded[i].clone());
        if let Some(plans) = plan_unread(&sources, &options.topics, &kept, &recorded, &known_before) {
            return Ok(Planned {
                sources,
                warnings,
                plans,
                known: None,
            });
        }
    }
    // The names changed (or nothing was skipped): read and plan every file.
    let late: Vec<(usize, Read)> = (0..files.len())
        .into_par_iter()
        .filter(|&i| sources[i].is_none())
        .map(|i| (i, read_at(i)))
        .collect();
    for (i, read) in late {
        keep_read(i, read, &mut sources);
    }
    let with_names = store::indexed_sources(store)?;
    let names = |i: usize| with_names.get(graph_of(&files[i]).as_str())?.names_taught.clone();
    let kept = kept(&sources, &names);
    let all: Vec<Result<Source, String>> = sources.into_iter().map(|s| s.expect("every file read")).collect();
    let (plans, known) = plan_corpus(&all, &options.topics, &kept);
    Ok(Planned {
        sources: all.into_iter().map(Some).collect(),
        warnings,
        plans,
        known: Some(known),
    })
}

/// The names a file taught at the last build; `None` for a file new to the store.
type Recorded = Option<Vec<KnownBody>>;

/// What planning without reading the unread files needs, when it is
/// possible: the names each file read taught at the last build (`None`:
/// new to the store) and the names the corpus taught then. `None` when no
/// file went unread, no names are kept for these files, or one vanished.
fn records_for_planning_unread(
    store: &Store,
    files: &[Discovered],
    existing: &HashMap<String, store::IndexedSource>,
    options: &BuildOptions,
    unread: &[bool],
    sources: &[Option<Result<Source, String>>],
) -> Result<Option<(Vec<Recorded>, Vec<KnownBody>)>> {
    if !unread.iter().any(|&u| u) {
        return Ok(None);
    }
    let topics_graph = rdf::topics_graph_iri(&options.minter);
    let Some(known_before) = store::known_names(store, &topics_graph, &scope(options))? else {
        return Ok(None);
    };
    let present: HashSet<&str> = files.iter().map(|f| f.id.as_str()).collect();
    let vanished = existing
        .values()
        .any(|r| options.shard.is_none_or(|s| s.holds(&r.path)) && !present.contains(r.path.as_str()));
    if vanished {
        return Ok(None);
    }
    let mut recorded: Vec<Recorded> = vec![None; files.len()];
    for (i, file) in files.iter().enumerate() {
        let graph = store::graph_for(&options.minter, &file.id);
        if sources[i].is_some() && existing.contains_key(graph.as_str()) {
            match store::names_taught(store, &graph)? {
                Some(names) => recorded[i] = Some(names),
                None => return Ok(None),
            }
        }
    }
    Ok(Some((recorded, known_before)))
}

/// A rebuild that rewrites at least this many files, and at least one in
/// `REBUILD_BESIDE_SHARE` of the store's, bulk-loads a new store beside
/// the old one and swaps it in. Where the two cost the same: written file
/// by file, 1,000 changed files of a 10k store took 159 s and a whole 1k
/// store 200 s; rebuilt beside, the 10k store takes 255-262 s and the 1k
/// store 24 s (BENCHMARKS.md, session 9): break-even near 1 in 6 at 10k
/// and 1 in 8 at 1k.
const REBUILD_BESIDE_AFTER_FILES: usize = 64;
const REBUILD_BESIDE_SHARE: usize = 8;

/// The build's records in the topics graph, for a bulk load: the names the
/// corpus teaches (`known`, or those the store keeps when they did not
/// change) and the source root.
fn records(
    store: &Store,
    topics_graph: &NamedNode,
    options: &BuildOptions,
    known: Option<&[KnownBody]>,
) -> Result<Vec<Quad>> {
    let known = match known {
        Some(known) => Some(store::known_names_quad(topics_graph, &scope(options), known)),
        None => store::known_names_record(store, topics_graph)?,
    };
    Ok(known.into_iter().chain(options.root.quad(topics_graph)).collect())
}

/// What a rebuild beside the store carries over from it: every graph it
/// does not write, but those of vanished files, and the topics graph only
/// while the scheme is the same.
struct Carry<'a> {
    from: &'a Store,
    topics_rewritten: bool,
    vanished: &'a HashSet<NamedNode>,
}

/// A file read: its source and any warning, or why it could not be read.
type Read = Result<(Source, Option<String>), String>;

/// A file to model and write: where it is, its text, and its plan.
type ToWrite = (Discovered, Source, Plan);

/// A file's model and quads, made for writing; `Err` with the reason.
type Made = Result<(FileModel, Vec<Quad>), String>;

/// Models `files` and makes their quads, `WRITE_CHUNK` files at a time (in
/// parallel), handing each chunk to `write` in order: only a chunk's
/// models and quads exist at once, and each chunk's sources are dropped
/// once written.
fn for_each_chunk_of_quads(
    options: &BuildOptions,
    files: Vec<ToWrite>,
    summary: &mut BuildSummary,
    progress: &(dyn Fn(&str) + Sync),
    mut write: impl FnMut(&Discovered, FileModel, Vec<Quad>, &mut BuildSummary) -> Result<()>,
) -> Result<()> {
    let mut files = files.into_iter();
    loop {
        let chunk: Vec<ToWrite> = files.by_ref().take(WRITE_CHUNK).collect();
        if chunk.is_empty() {
            return Ok(());
        }
        let made: Vec<Made> = chunk
            .par_iter()
            .map(|(file, source, plan)| {
                progress(&file.id);
                let model = model_planned(source, &options.topics, plan)?;
                let quads = rdf::to_quads(&options.minter, &model);
                Ok((model, quads))
            })
            .collect();
        for ((file, _, _), made) in chunk.iter().zip(made) {
            match made {
                Ok((model, quads)) => {
                    summary.warnings.extend(model.notes.iter().map(|note| FileFailure {
                        path: file.path.clone(),
                        reason: note.clone(),
                    }));
                    write(file, model, quads, summary)?
                }
                Err(reason) => {
                    summary.failures.push(FileFailure {
                        path: file.path.clone(),
                        reason,
                    });
                    summary.failed += 1;
                }
            }
        }
    }
}

/// Memory the bulk loader may use for its batches (it uses 2 GB a thread by default).
const BULK_LOAD_MEGABYTES: usize = 128;

/// Writes every file's graph, and the topic scheme's, into a store that
/// holds no source, with the bulk loader, and with `carry` the graphs a
/// rebuild carries over: nothing is visible until its single commit, so an
/// interrupted build leaves the store as it was.
#[allow(clippy::too_many_arguments)]
fn write_bulk(
    store: &Store,
    options: &BuildOptions,
    files: Vec<ToWrite>,
    scheme: Vec<Quad>,
    records: Vec<Quad>,
    carry: Option<Carry<'_>>,
    summary: &mut BuildSummary,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<()> {
    let mut loader = store
        .bulk_loader()
        .with_max_memory_size_in_megabytes(BULK_LOAD_MEGABYTES);
    // Every quad, and its triple in the union graph (the loader keeps one of each).
    let mut pending: Vec<Quad> = scheme
        .iter()
        .map(store::in_union)
        .chain(scheme.iter().cloned())
        .chain(records)
        .collect();
    let mut written = HashSet::new();
    for_each_chunk_of_quads(options, files, summary, progress, |file, model, quads, summary| {
        summary.count_written(&model, quads.len());
        if carry.is_some() {
            written.insert(store::graph_for(&options.minter, &file.id));
        }
        pending.extend(quads.iter().map(store::in_union));
        pending.extend(quads);
        load_when_full(&mut loader, &mut pending)
    })?;
    if let Some(carry) = carry {
        let topics_graph = rdf::topics_graph_iri(&options.minter);
        let replaced = |graph: &NamedNode| {
            written.contains(graph)
                || carry.vanished.contains(graph)
                || (carry.topics_rewritten && *graph == topics_graph)
        };
        for graph in store::graphs_to_carry(carry.from, |graph| !replaced(graph))? {
            pending.extend(store::quads_to_carry(carry.from, &graph)?);
            load_when_full(&mut loader, &mut pending)?;
        }
    }
    loader.load_quads(pending)?;
    loader.commit()?;
    Ok(())
}

/// Hands `pending` to the loader once it makes a whole batch (each call
/// ends with a batch of its own).
fn load_when_full(loader: &mut oxigraph::store::BulkLoader<'_>, pending: &mut Vec<Quad>) -> Result<()> {
    if pending.len() >= BULK_LOAD_MEGABYTES * 1000 {
        loader.load_quads(std::mem::take(pending))?;
    }
    Ok(())
}

/// Replaces each changed file's graph, in order, each in its own transaction.
fn write_per_file(
    store: &Store,
    options: &BuildOptions,
    files: Vec<ToWrite>,
    summary: &mut BuildSummary,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<()> {
    for_each_chunk_of_quads(options, files, summary, progress, |file, model, quads, summary| {
        store::replace_graph(store, &store::graph_for(&options.minter, &file.id), &quads)?;
        summary.count_written(&model, quads.len());
        if summary.changed % WRITE_CHUNK == 0 {
            store.flush()?;
        }
        Ok(())
    })
}

impl BuildSummary {
    fn count_written(&mut self, model: &FileModel, quads: usize) {
        self.changed += 1;
        self.documents += model.documents.len();
        self.meetings += model.meetings.len();
        self.items += model.meetings.iter().map(|m| m.items.len()).sum::<usize>();
        self.people += model.people.len();
        self.unresolved += model.unresolved.len();
        self.quads_written += quads;
    }
}

/// The graphs of files that were under a rebuilt folder and are gone.
fn vanished_graphs(
    options: &BuildOptions,
    files: &[Discovered],
    existing: &HashMap<String, store::IndexedSource>,
) -> Result<HashSet<NamedNode>> {
    let folders: Vec<String> = options
        .inputs
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| {
            let id = crate::source::source_id(p, Some(&options.root.dir));
            if id.is_empty() {
                String::new()
            } else {
                format!("{}/", id.trim_end_matches('/'))
            }
        })
        .collect();
    let present: HashSet<&str> = files.iter().map(|f| f.id.as_str()).collect();
    let mut vanished = HashSet::new();
    for (graph, store::IndexedSource { path, .. }) in existing {
        // Another shard's file is not this build's to remove.
        let other_shard = options.shard.is_some_and(|s| !s.holds(path));
        let under = !other_shard && folders.iter().any(|f| path.starts_with(f.as_str()));
        if under && !present.contains(path.as_str()) {
            vanished.insert(NamedNode::new(graph.clone())?);
        }
    }
    Ok(vanished)
}
