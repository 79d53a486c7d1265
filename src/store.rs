//! The persistent oxigraph store: one named graph per source file, replaced
//! atomically, and the union graph: every triple of every file once.
//!
//! Architecture invariant: the only module that writes to disk. Each file's
//! graph is written in one transaction (clear + insert + hash, and the
//! union graph's share of the change), so a reader or a crash sees either
//! the old or the new graph, never a mix.
//!
//! Why a union graph: a person or body named in a thousand files has its
//! type and name in a thousand graphs, and oxigraph's union default graph
//! returns each triple once per graph, so joins multiply. Queries use the
//! union graph as their default graph instead: each triple once.

use crate::extract::bodies::KnownBody;
use crate::iri::Minter;
use crate::rdf::{graph_iri, ns};
use crate::summary;
use anyhow::{Context, Result};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The default store location, relative to the current directory.
pub const DEFAULT_STORE: &str = ".councilgraph/store";

pub fn default_store_path() -> PathBuf {
    std::env::var_os("COUNCILGRAPH_STORE").map_or_else(|| PathBuf::from(DEFAULT_STORE), PathBuf::from)
}

/// Opens (creating if needed) a store for writing.
pub fn open(path: &Path) -> Result<Store> {
    if path.exists() && !path.is_dir() {
        anyhow::bail!("{}: not a store directory (it is a file)", path.display());
    }
    if path.is_dir() && std::fs::read_dir(path)?.next().is_some() && !path.join("CURRENT").exists() {
        anyhow::bail!(
            "{}: not an oxigraph store (no RocksDB CURRENT file); refusing to write into it",
            path.display()
        );
    }
    std::fs::create_dir_all(path).with_context(|| format!("{}: cannot create store directory", path.display()))?;
    let store = open_at(path)?;
    // Left by a rebuild beside this store that was killed (an unfinished
    // store, or the old one after the exchange): ours to delete, now that
    // we hold the store's lock.
    remove_leftover(&rebuild_dir(path))?;
    Ok(store)
}

/// Deletes what a killed rebuild left at `dir` (see [`Beside`]).
fn remove_leftover(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        tracing::info!("removing {}, left by an interrupted rebuild", dir.display());
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("{}: cannot remove an interrupted rebuild", dir.display()))?;
    }
    Ok(())
}

/// Opens an existing store for reading.
pub fn open_existing(path: &Path) -> Result<Store> {
    if !path.join("CURRENT").exists() {
        anyhow::bail!(
            "{}: no store here; run `councilgraph build` first (or pass --store DIR)",
            path.display()
        );
    }
    open_at(path)
}

/// Opens the store at `path` with oxigraph, naming the path, and what to do
/// when another process holds the store (RocksDB's lock: one writer).
fn open_at(path: &Path) -> Result<Store> {
    Store::open(path).map_err(|e| {
        let reason = e.to_string();
        if reason.contains("LOCK") && reason.contains("Resource temporarily unavailable") {
            anyhow::anyhow!(
                "{}: the store is in use by another process (a running `councilgraph serve` or `build`); \
                 stop it first, or query through the running endpoint",
                path.display()
            )
        } else {
            anyhow::anyhow!("{}: cannot open store: {reason}", path.display())
        }
    })
}

/// What the store keeps about one built source file.
#[derive(Debug, Clone)]
pub struct IndexedSource {
    /// The source path as built.
    pub path: String,
    /// The hash that decides whether its graph is rewritten (`cg:contentHash`).
    pub hash: String,
    /// The hash of its text alone; `None` in stores built before it was kept.
    pub text_hash: Option<String>,
    /// The body names it teaches other files; `None` when not kept.
    pub names_taught: Option<Vec<KnownBody>>,
    /// Its size and modification time when read (`source::file_stat`).
    pub stat: Option<String>,
}

/// Source graphs in the store, by graph IRI.
pub fn indexed_sources(store: &Store) -> Result<HashMap<String, IndexedSource>> {
    indexed_sources_with_names(store)
}

/// [`indexed_sources`] without the names each file teaches (`names_taught`
/// is `None`), from each file's one build record: a single index scan,
/// where the full records take five. Stores written before build records
/// were kept (another `rdf::MODEL_EPOCH`) need [`indexed_sources`].
pub fn build_records(store: &Store) -> Result<HashMap<String, IndexedSource>> {
    Ok(own_records(store, crate::rdf::BUILD_RECORD)?
        .into_iter()
        .filter_map(|(graph, record)| {
            let (hash, text, stat, path) = crate::rdf::parse_build_record(&record)?;
            let source = IndexedSource {
                path: path.to_string(),
                hash: hash.to_string(),
                text_hash: Some(text.to_string()),
                names_taught: None,
                stat: stat.map(str::to_string),
            };
            Some((graph, source))
        })
        .collect())
}

/// Every file graph's own `cg:<local>` literal (a file's graph describes
/// itself: the subject is the graph), by graph IRI. One scan of the union
/// graph, which holds each once; in a store without one, of every graph.
fn own_records(store: &Store, local: &str) -> Result<HashMap<String, String>> {
    let union = union_graph();
    let scanned = has_union_graph(store)?.then(|| GraphNameRef::NamedNode(union.as_ref()));
    let property = cg(local);
    let mut out = HashMap::new();
    for quad in store.quads_for_pattern(None, Some(property.as_ref()), None, scanned) {
        let quad = quad?;
        if let (NamedOrBlankNode::NamedNode(subject), Term::Literal(value)) = (&quad.subject, &quad.object) {
            let own = scanned.is_some() || quad.graph_name == GraphName::NamedNode(subject.clone());
            if own {
                out.insert(subject.as_str().to_string(), value.value().to_string());
            }
        }
    }
    Ok(out)
}

fn indexed_sources_with_names(store: &Store) -> Result<HashMap<String, IndexedSource>> {
    let mut hashes = own_records(store, "contentHash")?;
    let mut texts = own_records(store, "textHash")?;
    let mut names = own_records(store, "namesTaught")?;
    let mut stats: HashMap<String, String> = own_records(store, crate::rdf::BUILD_RECORD)?
        .into_iter()
        .filter_map(|(graph, record)| {
            let stat = crate::rdf::parse_build_record(&record)?.2?.to_string();
            Some((graph, stat))
        })
        .collect();
    Ok(own_records(store, "path")?
        .into_iter()
        .filter_map(|(graph, path)| {
            let source = IndexedSource {
                path,
                hash: hashes.remove(&graph)?,
                text_hash: texts.remove(&graph),
                names_taught: names.remove(&graph).and_then(|n| KnownBody::decode_list(&n)),
                stat: stats.remove(&graph),
            };
            Some((graph, source))
        })
        .collect())
}

/// The literal of `graph`'s own `property` triple in `graph`, if any.
fn own_literal(store: &Store, graph: &NamedNode, property: &str) -> Result<Option<String>> {
    let property = cg(property);
    let found = store
        .quads_for_pattern(
            Some(NamedOrBlankNodeRef::NamedNode(graph.as_ref())),
            Some(property.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        )
        .next()
        .transpose()?;
    Ok(found.and_then(|q| match q.object {
        Term::Literal(l) => Some(l.value().to_string()),
        _ => None,
    }))
}

/// The body names one source's graph records it teaches (`None` when its
/// graph does not record them).
pub fn names_taught(store: &Store, graph: &NamedNode) -> Result<Option<Vec<KnownBody>>> {
    Ok(own_literal(store, graph, "namesTaught")?.and_then(|names| KnownBody::decode_list(&names)))
}

/// The names the corpus taught at the last build that planned every file,
/// for the files of `scope` (a shard, or "all"); `None` when none is kept
/// for that scope (a build was interrupted, or another scope's was kept).
pub fn known_names(store: &Store, topics_graph: &NamedNode, scope: &str) -> Result<Option<Vec<KnownBody>>> {
    let Some(kept) = own_literal(store, topics_graph, "knownNames")? else {
        return Ok(None);
    };
    let Some((kept_scope, names)) = kept.split_once('\n') else {
        return Ok(None);
    };
    Ok((kept_scope == scope).then(|| KnownBody::decode_list(names)).flatten())
}

/// A councilgraph ontology property.
fn cg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{local}", ns::CG))
}

/// `graph`'s own `property` quads in `graph` (what a graph says of itself),
/// as `tx` sees them.
fn own_quads(tx: &oxigraph::store::Transaction<'_>, graph: &NamedNode, property: &NamedNode) -> Result<Vec<Quad>> {
    let subject = NamedOrBlankNodeRef::NamedNode(graph.as_ref());
    Ok(tx
        .quads_for_pattern(
            Some(subject),
            Some(property.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        )
        .collect::<Result<_, _>>()?)
}

/// Keeps (or, with `None`, forgets) the names the corpus teaches, in the
/// topics graph (left out of the union graph: it is the build's record).
pub fn set_known_names(store: &Store, topics_graph: &NamedNode, known: Option<(&str, &[KnownBody])>) -> Result<()> {
    set_own_literal(
        store,
        topics_graph,
        "knownNames",
        known.map(|k| known_names_quad(topics_graph, k.0, k.1)),
    )
}

/// Replaces `graph`'s own `property` quads with `quad` (or removes them).
fn set_own_literal(store: &Store, graph: &NamedNode, property: &str, quad: Option<Quad>) -> Result<()> {
    let mut tx = store.start_transaction()?;
    let old = own_quads(&tx, graph, &cg(property))?;
    for quad in &old {
        tx.remove(quad);
    }
    if let Some(quad) = quad {
        tx.insert(&quad);
    }
    tx.commit()?;
    Ok(())
}

/// A literal `graph` says of itself, in `graph` alone (a build record).
fn own_literal_quad(graph: &NamedNode, property: &str, value: String) -> Quad {
    Quad::new(
        NamedOrBlankNode::NamedNode(graph.clone()),
        cg(property),
        oxigraph::model::Literal::new_simple_literal(value),
        GraphName::NamedNode(graph.clone()),
    )
}

/// The quad [`set_known_names`] keeps: in the topics graph only, never in
/// the union graph. A first build hands it to the bulk loader, so a build
/// killed after its commit (while summaries are computed) keeps it.
pub fn known_names_quad(topics_graph: &NamedNode, scope: &str, names: &[KnownBody]) -> Quad {
    own_literal_quad(
        topics_graph,
        "knownNames",
        format!("{scope}\n{}", KnownBody::encode_list(names)),
    )
}

/// The quad keeping the names the corpus taught, as the store holds it.
pub fn known_names_record(store: &Store, topics_graph: &NamedNode) -> Result<Option<Quad>> {
    Ok(
        own_literal(store, topics_graph, "knownNames")?
            .map(|names| own_literal_quad(topics_graph, "knownNames", names)),
    )
}

/// The directory source ids are paths relative to (`source::source_id`).
///
/// A store records it at its first build, relative to the store directory,
/// so that the same file keeps its id whichever directory `build` or
/// `remove` runs in, and a project moved together with its store keeps
/// every id (for the default store, `.councilgraph/store`, it is `../..`:
/// the project directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRoot {
    /// The directory, canonical.
    pub dir: PathBuf,
    /// The record to keep in the store: `dir` relative to the store
    /// directory; `None` for a store without one (in memory).
    pub record: Option<String>,
    /// Whether the store already keeps `record`.
    pub recorded: bool,
}

/// The property of the topics graph that keeps the [`SourceRoot`].
const SOURCE_ROOT: &str = "sourceRoot";

impl SourceRoot {
    /// The current directory, kept in no store (a store in memory).
    pub fn current_dir() -> Result<Self> {
        let dir = std::env::current_dir()
            .and_then(std::fs::canonicalize)
            .context("cannot read the current directory")?;
        Ok(SourceRoot {
            dir,
            record: None,
            recorded: false,
        })
    }

    /// The root `store` (at `store_dir`) records; for a store recording
    /// none (new, or built before roots were kept), the current directory,
    /// to be recorded by the build.
    pub fn of_store(store: &Store, store_dir: &Path, topics_graph: &NamedNode) -> Result<Self> {
        let store_dir =
            std::fs::canonicalize(store_dir).with_context(|| format!("{}: cannot read", store_dir.display()))?;
        if let Some(record) = own_literal(store, topics_graph, SOURCE_ROOT)? {
            let dir = std::fs::canonicalize(store_dir.join(&record)).map_err(|e| {
                anyhow::anyhow!(
                    "{}: the store's source files are named relative to {} ({record:?} from the store), which cannot be read ({e}); \
                     build into a new store",
                    store_dir.display(),
                    store_dir.join(&record).display()
                )
            })?;
            return Ok(SourceRoot {
                dir,
                record: Some(record),
                recorded: true,
            });
        }
        let dir = Self::current_dir()?.dir;
        let record = crate::source::relative_path(&store_dir, &dir).unwrap_or_else(|| dir.clone());
        let record = record.to_string_lossy().replace('\\', "/");
        Ok(SourceRoot {
            dir,
            record: Some(if record.is_empty() { ".".to_string() } else { record }),
            recorded: false,
        })
    }

    /// The quad that keeps this root in the topics graph (left out of the
    /// union graph, like the known names).
    pub fn quad(&self, topics_graph: &NamedNode) -> Option<Quad> {
        self.record
            .as_ref()
            .map(|record| own_literal_quad(topics_graph, SOURCE_ROOT, record.clone()))
    }
}

/// Keeps `root` in the store's topics graph (nothing for a root kept in no store).
pub fn set_source_root(store: &Store, topics_graph: &NamedNode, root: &SourceRoot) -> Result<()> {
    match root.quad(topics_graph) {
        Some(quad) => set_own_literal(store, topics_graph, SOURCE_ROOT, Some(quad)),
        None => Ok(()),
    }
}

/// The hash of the topic scheme the store's topics graph holds, if any.
pub fn topics_hash(store: &Store, graph: &NamedNode) -> Result<Option<String>> {
    let query = format!(
        "{}SELECT ?hash WHERE {{ GRAPH <{g}> {{ <{g}> cg:schemeHash ?hash }} }}",
        ns::SPARQL_PREFIXES,
        g = graph.as_str()
    );
    if let QueryResults::Solutions(mut solutions) =
        SparqlEvaluator::new().parse_query(&query)?.on_store(store).execute()?
    {
        if let Some(s) = solutions.next() {
            if let Some(Term::Literal(l)) = s?.get("hash") {
                return Ok(Some(l.value().to_string()));
            }
        }
    }
    Ok(None)
}

/// The graph holding every triple of every other graph once: the default
/// graph of queries (a fixed IRI, whatever `--base` a store was built with).
pub const UNION_GRAPH: &str = "https://councilgraph.org/graph/union";

pub fn union_graph() -> NamedNode {
    NamedNode::new_unchecked(UNION_GRAPH)
}

/// `quad` as a quad of the union graph.
pub fn in_union(quad: &Quad) -> Quad {
    Quad::new(
        quad.subject.clone(),
        quad.predicate.clone(),
        quad.object.clone(),
        union_graph(),
    )
}

/// Replaces the graph of one source with `quads`, atomically, and the
/// union graph's share of the change: the new triples are added; an old
/// triple is removed unless another graph still holds it.
pub fn replace_graph(store: &Store, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
    let union = union_graph();
    let mut tx = store.start_transaction()?;
    let old: Vec<Quad> = tx
        .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref())))
        .collect::<Result<_, _>>()?;
    // Summaries are kept in step only while they are current: a missing
    // summary graph is computed whole by the next `ensure_summaries`.
    let summaries_kept = tx.contains(&summary::version_quad())?;
    // The meetings whose summaries read other files' triples, as the
    // union graph has them before the change.
    let mut meetings = std::collections::BTreeSet::new();
    if summaries_kept {
        meetings.extend(summary::meetings_touched(&old));
        meetings.extend(summary::meetings_touched(quads));
    }
    let before = meeting_quads(&tx, &meetings)?;
    tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
    tx.remove_named_graph(NamedOrBlankNodeRef::NamedNode(graph.as_ref()))?;
    // Old triples leave the union graph unless another file's graph holds
    // them; then every new triple enters it. In this order, a triple whose
    // literal is written differently but stored as the same value (a
    // weight "1.0" read back as "1") is removed and put back, never lost.
    let new: std::collections::HashSet<(&NamedOrBlankNode, &NamedNode, &Term)> =
        quads.iter().map(|q| (&q.subject, &q.predicate, &q.object)).collect();
    // The union graph's losses and gains among the triples summaries count.
    let mut lost = Vec::new();
    for quad in &old {
        if new.contains(&(&quad.subject, &quad.predicate, &quad.object)) {
            continue;
        }
        let held_elsewhere = tx
            .quads_for_pattern(
                Some(quad.subject.as_ref()),
                Some(quad.predicate.as_ref()),
                Some(quad.object.as_ref()),
                None,
            )
            .filter_map(Result::ok)
            .any(|q| q.graph_name != GraphName::NamedNode(union.clone()));
        if !held_elsewhere {
            tx.remove(&in_union(quad));
            if summaries_kept && summary::is_witness_triple(quad) {
                lost.push(quad.clone());
            }
        }
    }
    // A new triple gained: not in the old graph, nor held by another.
    let held_before: std::collections::HashSet<(&NamedOrBlankNode, &NamedNode, &Term)> =
        old.iter().map(|q| (&q.subject, &q.predicate, &q.object)).collect();
    let mut gained = Vec::new();
    for quad in quads.iter().filter(|q| summaries_kept && summary::is_witness_triple(q)) {
        if !held_before.contains(&(&quad.subject, &quad.predicate, &quad.object)) && !tx.contains(&in_union(quad))? {
            gained.push(quad.clone());
        }
    }
    tx.extend(quads.iter());
    for quad in quads {
        tx.insert(&in_union(quad));
    }
    if summaries_kept {
        let after = meeting_quads(&tx, &meetings)?;
        let changes = summary::changes((&lost, &old), (&gained, quads), (&before, &after));
        update_summaries(&mut tx, changes)?;
    }
    tx.commit()?;
    Ok(())
}

/// The union graph's quads about `meetings` and about what is at them
/// (attendance records, items), as `tx` sees them.
fn meeting_quads(
    tx: &oxigraph::store::Transaction<'_>,
    meetings: &std::collections::BTreeSet<String>,
) -> Result<Vec<Quad>> {
    let union = union_graph();
    let in_union = Some(GraphNameRef::NamedNode(union.as_ref()));
    let at = cg("meeting");
    let mut out = Vec::new();
    for meeting in meetings {
        let meeting = NamedNode::new_unchecked(meeting.as_str());
        let subject = NamedOrBlankNodeRef::NamedNode(meeting.as_ref());
        for quad in tx.quads_for_pattern(Some(subject), None, None, in_union) {
            out.push(quad?);
        }
        let object = Term::NamedNode(meeting.clone());
        let records: Vec<Quad> = tx
            .quads_for_pattern(None, Some(at.as_ref()), Some(object.as_ref()), in_union)
            .collect::<Result<_, _>>()?;
        for record in records {
            for quad in tx.quads_for_pattern(Some(record.subject.as_ref()), None, None, in_union) {
                out.push(quad?);
            }
        }
    }
    Ok(out)
}

/// Applies the changes to tallies in the summary graph, replacing each
/// changed tally's summary quads.
fn update_summaries(
    tx: &mut oxigraph::store::Transaction<'_>,
    changes: std::collections::BTreeMap<String, Vec<(summary::Kind, String, i64)>>,
) -> Result<()> {
    let graph = summary::summary_graph();
    let in_summary = Some(GraphNameRef::NamedNode(graph.as_ref()));
    let tally_property = summary::tally_property();
    for (key, counts) in changes {
        let key = NamedNode::new_unchecked(key);
        let subject = NamedOrBlankNodeRef::NamedNode(key.as_ref());
        let kept = tx
            .quads_for_pattern(Some(subject), Some(tally_property.as_ref()), None, in_summary)
            .next()
            .transpose()?;
        let mut tally = kept
            .and_then(|q| match q.object {
                Term::Literal(l) => summary::Tally::decode(l.value()),
                _ => None,
            })
            .unwrap_or_default();
        // The quads kept are those the tally makes.
        for quad in tally.quads(&key) {
            tx.remove(&quad);
        }
        for (kind, value, change) in counts {
            tally.count(kind, &value, change);
        }
        tx.extend(tally.quads(&key).iter());
    }
    Ok(())
}

/// Whether the summary graph is complete and of this councilgraph's
/// version (`summary::SUMMARY_VERSION`).
pub fn summaries_current(store: &Store) -> Result<bool> {
    Ok(store.contains(&summary::version_quad())?)
}

/// Computes the summary graph again from the union graph, with the bulk
/// loader, when it is missing or of another version (a store written
/// before summaries were kept, one whose first build was interrupted
/// between its bulk load and its summaries). Returns whether it did.
pub fn ensure_summaries(store: &Store) -> Result<bool> {
    if summaries_current(store)? || !has_union_graph(store)? {
        return Ok(false);
    }
    let tallies = union_summary_reader(store)?.into_tallies();
    let graph = summary::summary_graph();
    store.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
    // With the bulk loader: its sorted table files are read as fast as a
    // compacted store's, where a transaction's writes reach the table files
    // through the memtable and stay uncompacted (a one-file rebuild reading
    // them on a fresh 10k store took 1.2–1.4 s, against 0.6 s once
    // compacted). The version quad last: until it is written, the graph is
    // known incomplete.
    let mut loader = store
        .bulk_loader()
        .with_max_memory_size_in_megabytes(SUMMARY_LOAD_MEGABYTES);
    loader.load_quads(
        tallies
            .iter()
            .flat_map(|(key, tally)| tally.quads(&NamedNode::new_unchecked(key.as_str()))),
    )?;
    loader.commit()?;
    store.insert(&summary::version_quad())?;
    // Out of the write-ahead log into table files: otherwise every later
    // open replays it (the 10k store's summaries: 30 → 90 ms a process).
    store.flush()?;
    Ok(true)
}

/// The bulk loader's memory budget for the summaries.
const SUMMARY_LOAD_MEGABYTES: usize = 32;

/// The summary graph's quads as computed from scratch from the union
/// graph (what the kept summaries must always equal).
pub fn summaries_from_union(store: &Store) -> Result<Vec<Quad>> {
    Ok(union_summary_reader(store)?.into_summary_quads())
}

/// What the summaries are computed from: the union graph's quads about
/// holdings, attendance records and meetings, types first.
fn union_summary_reader(store: &Store) -> Result<summary::Context> {
    let union = union_graph();
    let in_union = Some(GraphNameRef::NamedNode(union.as_ref()));
    // Types first: the context keeps only typed subjects' links.
    let mut read = summary::Context::typed_first();
    let ty = NamedNode::from(oxigraph::model::vocab::rdf::TYPE);
    let classes = [
        format!("{}Membership", ns::ORG),
        format!("{}Attendance", ns::CG),
        format!("{}Meeting", ns::CG),
        format!("{}AgendaItem", ns::CG),
    ];
    for class in classes {
        let class = Term::NamedNode(NamedNode::new_unchecked(class));
        for quad in store.quads_for_pattern(None, Some(ty.as_ref()), Some(class.as_ref()), in_union) {
            read.add_keeping(&quad?);
        }
    }
    let member = NamedNode::new_unchecked(format!("{}member", ns::ORG));
    let date = NamedNode::new_unchecked(format!("{}date", ns::DCTERMS));
    let properties = [
        member,
        cg("person"),
        cg("meeting"),
        cg("postTitle"),
        cg("organisationName"),
        cg("status"),
        cg("kind"),
        cg("body"),
        date,
    ];
    for property in &properties {
        for quad in store.quads_for_pattern(None, Some(property.as_ref()), None, in_union) {
            read.add_keeping(&quad?);
        }
    }
    Ok(read)
}

/// Records a source file's new size and modification time in its build
/// record (in its graph and the union graph), for a file read again whose
/// text had not changed.
pub fn set_source_stat(store: &Store, graph: &NamedNode, stat: &str) -> Result<()> {
    let property = cg(crate::rdf::BUILD_RECORD);
    let subject = NamedOrBlankNode::NamedNode(graph.clone());
    let mut tx = store.start_transaction()?;
    let old = own_quads(&tx, graph, &property)?;
    for quad in &old {
        let Term::Literal(record) = &quad.object else { continue };
        let Some((hash, text, _, path)) = crate::rdf::parse_build_record(record.value()) else {
            continue;
        };
        let new = Quad::new(
            subject.clone(),
            property.clone(),
            oxigraph::model::Literal::new_simple_literal(crate::rdf::build_record(hash, text, Some(stat), path)),
            GraphName::NamedNode(graph.clone()),
        );
        tx.remove(quad);
        tx.remove(&in_union(quad));
        tx.insert(&new);
        tx.insert(&in_union(&new));
    }
    tx.commit()?;
    Ok(())
}

/// A new, empty store beside one being rebuilt: a rebuild that rewrites
/// much of a store bulk-loads a new one and swaps it in ([`install`]),
/// many times faster than replacing each graph in a transaction of its own.
pub struct Beside {
    pub store: Store,
    /// Where it lives: `<store>.rebuild`; `None` beside a store in memory.
    dir: Option<PathBuf>,
}

impl Beside {
    /// Opens an empty store beside the store at `dir` (in memory when
    /// `dir` is `None`), deleting what a killed rebuild left there.
    pub fn open(dir: Option<&Path>) -> Result<Self> {
        let Some(dir) = dir else {
            return Ok(Beside {
                store: Store::new()?,
                dir: None,
            });
        };
        let beside = rebuild_dir(dir);
        remove_leftover(&beside)?;
        let store = open(&beside)?;
        Ok(Beside {
            store,
            dir: Some(beside),
        })
    }
}

/// Where a rebuild of the store at `dir` is built before it is swapped in:
/// beside it, named from its canonical path (`--store .` too).
fn rebuild_dir(dir: &Path) -> PathBuf {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(".rebuild");
    dir.with_file_name(name)
}

/// Puts the store `rebuilt` beside the store at `dir` in its place, and
/// reopens it as `store`: both are closed, the two directories exchanged in
/// one step (Linux `renameat2(RENAME_EXCHANGE)`), and the old one deleted.
/// Until the exchange, the store at `dir` is the old one, whole; after it,
/// the new one, whole.
pub fn install(store: &mut Store, dir: Option<&Path>, rebuilt: Beside) -> Result<()> {
    let (Some(dir), Some(beside)) = (dir, rebuilt.dir) else {
        *store = rebuilt.store;
        return Ok(());
    };
    let dir = &std::fs::canonicalize(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
    rebuilt.store.flush()?;
    drop(rebuilt.store);
    // Closed before the exchange: RocksDB holds the directory's lock.
    drop(std::mem::replace(store, Store::new()?));
    if let Err(e) = exchange(dir, &beside) {
        // The old store, untouched, stays the store.
        *store = open_at(dir)?;
        return Err(anyhow::anyhow!(
            "{}: cannot swap in the rebuilt store {}: {e}",
            dir.display(),
            beside.display()
        ));
    }
    *store = open_at(dir)?;
    std::fs::remove_dir_all(&beside).with_context(|| format!("{}: cannot remove the old store", beside.display()))?;
    Ok(())
}

/// Exchanges two directories atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Exchanges two directories, in three renames: a crash between them
/// leaves the old store at `<store>.old`.
#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let mut old = a.as_os_str().to_os_string();
    old.push(".old");
    std::fs::rename(a, &old)?;
    std::fs::rename(b, a)?;
    std::fs::rename(&old, b)
}

/// The graphs of `from` that `keep` accepts, but never the union or
/// summary graphs (derived: a rebuild computes them afresh).
pub fn graphs_to_carry(from: &Store, keep: impl Fn(&NamedNode) -> bool) -> Result<Vec<NamedNode>> {
    let derived = [union_graph(), summary::summary_graph()];
    let mut graphs = Vec::new();
    for graph in from.named_graphs() {
        if let NamedOrBlankNode::NamedNode(graph) = graph? {
            if !derived.contains(&graph) && keep(&graph) {
                graphs.push(graph);
            }
        }
    }
    Ok(graphs)
}

/// Every quad of `graph` in `from`, and the union graph's copy of each but
/// the records kept out of it, for a rebuild's bulk loader to carry over.
pub fn quads_to_carry(from: &Store, graph: &NamedNode) -> Result<Vec<Quad>> {
    let mut quads = Vec::new();
    for quad in from.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref()))) {
        let quad = quad?;
        if !is_kept_out_of_union(&quad) {
            quads.push(in_union(&quad));
        }
        quads.push(quad);
    }
    Ok(quads)
}

/// The build's records in the topics graph, which the union graph never holds.
fn is_kept_out_of_union(quad: &Quad) -> bool {
    matches!(&quad.graph_name, GraphName::NamedNode(g) if quad.subject == NamedOrBlankNode::NamedNode(g.clone()))
        && [cg("knownNames"), cg(SOURCE_ROOT)].contains(&quad.predicate)
}

/// Drops the graph of one source, atomically (and from the union graph the
/// triples no other graph holds).
pub fn remove_graph(store: &Store, graph: &NamedNode) -> Result<()> {
    replace_graph(store, graph, &[])
}

/// Whether the store keeps a union graph (stores built before it did not).
pub fn has_union_graph(store: &Store) -> Result<bool> {
    Ok(store.contains_named_graph(NamedOrBlankNodeRef::NamedNode(union_graph().as_ref()))?)
}

/// The graph IRI a source id maps to.
pub fn graph_for(minter: &Minter, source_id: &str) -> NamedNode {
    graph_iri(minter, source_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebuild_is_made_beside_the_store_however_its_path_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        std::fs::create_dir(&store).unwrap();
        let beside = std::fs::canonicalize(dir.path()).unwrap().join("s.rebuild");
        assert_eq!(rebuild_dir(&store), beside);
        assert_eq!(rebuild_dir(&store.join(".")), beside);
        assert_eq!(rebuild_dir(&store.join("../s/")), beside);
    }
}
