//! Crash safety: `councilgraph build` SIGKILLed while it writes leaves a
//! store that opens, in which every file's graph is entirely its old or
//! entirely its new version (a first build, bulk-loaded, is all or
//! nothing); a re-run ends with exactly the store an uninterrupted build
//! makes (no lost and no duplicated quads).

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const COPIES: usize = 2;

/// `store::UNION_GRAPH`: every triple of every file once.
const UNION_GRAPH: &str = "https://councilgraph.org/graph/union";
const KILLS: usize = 5;

/// `summary::SUMMARY_GRAPH`: derived from the union graph, kept with each file's change.
const SUMMARY_GRAPH: &str = "https://councilgraph.org/graph/summary";

/// The store's summary graph is what its union graph implies (each file's
/// change adjusts it in the same transaction), or is known incomplete (no
/// `cg:summaryVersion`: a first build killed after its bulk load, before
/// or while its summaries were written; queries reading them refuse, the
/// next build computes them).
fn summaries_consistent(store: &Path) -> bool {
    let store = councilgraph::store::open_existing(store).unwrap();
    if !councilgraph::store::summaries_current(&store).unwrap() {
        return true;
    }
    let graph = councilgraph::summary::summary_graph();
    let kept: BTreeSet<String> = store
        .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
        .map(|q| q.unwrap().to_string())
        .collect();
    let computed: BTreeSet<String> = councilgraph::store::summaries_from_union(&store)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    kept == computed
}

/// The graphs but the summary graph (which a build computes last, in a
/// write of its own).
fn without_summaries(graphs: &BTreeMap<String, BTreeSet<Vec<String>>>) -> BTreeMap<String, BTreeSet<Vec<String>>> {
    let mut graphs = graphs.clone();
    graphs.remove(SUMMARY_GRAPH);
    graphs
}

/// Pseudo-random fractions in [0, 1.1) from a fixed LCG: reproducible kill moments.
fn kill_fractions(mut seed: u64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64 * 1.1
        })
        .collect()
}

/// Writes the corpus `COPIES` times under `minutes/copyN/`; `new` edits
/// two of every three files (every evidence offset after the edit moves)
/// and leaves the third alone.
fn write_corpus(cwd: &Path, new: bool) {
    let mut files: Vec<_> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut n = 0;
    for copy in 0..COPIES {
        let dir = cwd.join(format!("minutes/copy{copy}"));
        std::fs::create_dir_all(&dir).unwrap();
        for file in &files {
            n += 1;
            // As an editor would: a file not edited is not written again
            // (one rewritten with the same bytes gets a new stat recorded,
            // which `tests/store.rs` covers).
            let edited = new && (n - 1) % 3 != 0;
            if new && !edited {
                continue;
            }
            let text = std::fs::read_to_string(file).unwrap();
            let text = if edited {
                text.replacen(" the ", " the  ", 3)
            } else {
                text
            };
            std::fs::write(dir.join(file.file_name().unwrap()), text).unwrap();
        }
    }
}

/// Every quad in `store`, grouped by graph (sorted rows of s, p, o).
fn graphs(cwd: &Path, store: &str) -> BTreeMap<String, BTreeSet<Vec<String>>> {
    let out = quads_csv(cwd, store);
    let mut map: BTreeMap<String, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut quads = 0;
    for row in csv_rows(&out) {
        quads += 1;
        map.entry(row[0].clone()).or_default().insert(row[1..].to_vec());
    }
    // Duplicates would have collapsed in the sets: a store never holds any.
    assert_eq!(
        quads,
        map.values().map(BTreeSet::len).sum::<usize>(),
        "duplicated quads"
    );
    map
}

fn build(cwd: &Path, store: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_councilgraph"))
        .current_dir(cwd)
        .args(["build", "minutes", "--quiet", "--store", store])
        .env_remove("COUNCILGRAPH_STORE")
        .env_remove("COUNCILGRAPH_TOPICS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The sizes of the store's write-ahead logs (`NNNNNN.log`; `LOG` is RocksDB's info log).
fn wal_sizes(dir: &Path) -> BTreeMap<String, u64> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| {
                    let e = e.ok()?;
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.ends_with(".log").then(|| Some((name, e.metadata().ok()?.len())))?
                })
                .collect()
        })
        .unwrap_or_default()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A re-run of the killed build ends with exactly the uninterrupted build's store.
fn rerun_completes(cwd: &Path, store: &str, uninterrupted: &BTreeMap<String, BTreeSet<Vec<String>>>, kill: usize) {
    let rerun = build(cwd, store).wait_with_output().unwrap();
    assert!(rerun.status.success(), "{}", String::from_utf8_lossy(&rerun.stderr));
    assert!(
        graphs(cwd, store) == *uninterrupted,
        "kill {kill}: the re-run differs from an uninterrupted build"
    );
}

/// Waits until the first write transaction reaches the write-ahead log
/// (after every file was modelled): a new log file past 1 KiB, or an old
/// one growing. `None` if the build ended first.
fn wait_for_writes(store: &Path, child: &mut std::process::Child) -> Option<Instant> {
    let initial = wal_sizes(store);
    loop {
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        let grew = wal_sizes(store)
            .iter()
            .any(|(name, size)| initial.get(name).map_or(*size > 1024, |before| size > before));
        if grew {
            return Some(Instant::now());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_build_killed_while_writing_leaves_old_or_new_graphs_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    write_corpus(cwd, false);
    assert!(build(cwd, "old").wait().unwrap().success());
    let old = graphs(cwd, "old");
    write_corpus(cwd, true);
    // The uninterrupted build from the old store, timing its write phase.
    copy_dir(&cwd.join("old"), &cwd.join("new"));
    let mut child = build(cwd, "new");
    let writes_began = wait_for_writes(&cwd.join("new"), &mut child).expect("the build writes");
    assert!(child.wait().unwrap().success());
    let write_phase = writes_began.elapsed();
    let new = graphs(cwd, "new");
    let changed = new
        .iter()
        .filter(|(g, q)| g.as_str() != UNION_GRAPH && g.as_str() != SUMMARY_GRAPH && old.get(*g) != Some(q))
        .count();
    assert_eq!(
        changed,
        (0..COPIES * 5).filter(|n| n % 3 != 0).count(),
        "two of three files changed"
    );

    // Kill moments spread over the write phase.
    let mut mixed = 0;
    for (kill, fraction) in kill_fractions(0x5eed_c0de, KILLS).into_iter().enumerate() {
        let store = format!("killed{kill}");
        copy_dir(&cwd.join("old"), &cwd.join(&store));
        let delay = write_phase.mul_f64(fraction);
        let mut child = build(cwd, &store);
        let killed = match wait_for_writes(&cwd.join(&store), &mut child) {
            Some(_) => {
                std::thread::sleep(delay);
                // SIGKILL on Unix.
                let running = child.try_wait().unwrap().is_none();
                child.kill().ok();
                running
            }
            None => false,
        };
        child.wait().unwrap();

        // The store opens; each graph is wholly old or wholly new.
        let now = graphs(cwd, &store);
        let mut as_new = 0;
        // The union graph follows the files: a mix when they are (the re-run checks it).
        let files = old
            .keys()
            .chain(new.keys())
            .filter(|g| g.as_str() != UNION_GRAPH && g.as_str() != SUMMARY_GRAPH);
        for graph in files.collect::<BTreeSet<_>>() {
            let quads = now.get(graph);
            let is_old = quads == old.get(graph);
            let is_new = quads == new.get(graph);
            assert!(is_old || is_new, "kill {kill}: graph {graph} is a mix of old and new");
            if is_new && !is_old {
                as_new += 1;
            }
        }
        // The summaries follow the files: whatever mix of old and new
        // graphs the kill left, they are those of that mix.
        assert!(
            summaries_consistent(&cwd.join(&store)),
            "kill {kill}: the summary graph disagrees with the file graphs"
        );
        println!(
            "kill {kill}: {} after {:?} into the write phase ({write_phase:?}); {as_new} of {changed} changed graphs were new",
            if killed { "killed" } else { "finished before the kill" },
            delay
        );
        if killed && as_new > 0 && as_new < changed {
            mixed += 1;
        }

        rerun_completes(cwd, &store, &new, kill);
    }
    println!("{mixed} of {KILLS} kills left a store with some graphs old and some new");
    assert!(
        mixed >= 1,
        "no kill landed inside the write phase: the test proved nothing"
    );
}

#[test]
fn a_first_build_killed_at_any_moment_leaves_nothing_or_everything() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    write_corpus(cwd, false);
    let started = Instant::now();
    assert!(build(cwd, "whole").wait().unwrap().success());
    let duration = started.elapsed();
    let whole = graphs(cwd, "whole");
    let mut interrupted = 0;
    for (kill, fraction) in kill_fractions(0xb01d, 4).into_iter().enumerate() {
        let store = format!("killed{kill}");
        let mut child = build(cwd, &store);
        std::thread::sleep(duration.mul_f64(fraction));
        let running = child.try_wait().unwrap().is_none();
        child.kill().ok();
        child.wait().unwrap();
        let now = if cwd.join(&store).join("CURRENT").exists() {
            graphs(cwd, &store)
        } else {
            BTreeMap::new()
        };
        if !now.is_empty() {
            assert!(summaries_consistent(&cwd.join(&store)), "kill {kill}: summaries");
        }
        // Killed after the bulk load, before the summaries were complete:
        // all but them.
        let summaries_incomplete = !now.is_empty() && now.get(SUMMARY_GRAPH) != whole.get(SUMMARY_GRAPH);
        assert!(
            now.is_empty()
                || now == whole
                || (summaries_incomplete && without_summaries(&now) == without_summaries(&whole)),
            "kill {kill} after {fraction:.2} of the build: {} of {} graphs",
            now.len(),
            whole.len()
        );
        if running && now.is_empty() {
            interrupted += 1;
        }
        rerun_completes(cwd, &store, &whole, kill);
    }
    assert!(interrupted >= 1, "no kill interrupted a build: the test proved nothing");
}

#[test]
fn a_rebuild_beside_the_store_killed_at_any_moment_leaves_the_old_store_or_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    // Enough files, all rewritten, for the rebuild to bulk-load a new store
    // beside the old one and swap it in (`pipeline::REBUILD_BESIDE_AFTER_FILES`).
    let files = generated(cwd, 70, 11, "minutes");
    assert!(build(cwd, "old").wait().unwrap().success());
    let old = graphs(cwd, "old");
    for file in &files {
        append_an_update(file);
    }
    copy_dir(&cwd.join("old"), &cwd.join("new"));
    let started = Instant::now();
    assert!(build(cwd, "new").wait().unwrap().success());
    let duration = started.elapsed();
    let new = graphs(cwd, "new");
    assert_ne!(old, new);

    let mut interrupted = 0;
    // Early, midway (modelling and loading), and late (summaries, the swap).
    for (kill, fraction) in [0.2, 0.55, 0.9].into_iter().enumerate() {
        let store = format!("killed{kill}");
        copy_dir(&cwd.join("old"), &cwd.join(&store));
        let mut child = build(cwd, &store);
        std::thread::sleep(duration.mul_f64(fraction));
        let running = child.try_wait().unwrap().is_none();
        child.kill().ok();
        child.wait().unwrap();
        let now = graphs(cwd, &store);
        // Killed after the swap, before the summaries were complete: the new
        // store but them, which queries refuse and the re-run computes.
        let new_but_summaries = without_summaries(&now) == without_summaries(&new);
        assert!(
            now == old || new_but_summaries,
            "kill {kill} after {fraction:.2} of the rebuild: a mix"
        );
        assert!(summaries_consistent(&cwd.join(&store)), "kill {kill}: summaries");
        println!(
            "kill {kill} after {fraction:.2} of the rebuild ({duration:?}): {}, the store {}",
            if running { "killed" } else { "finished before the kill" },
            if now == old {
                "old"
            } else if now == new {
                "new"
            } else {
                "new but its summaries"
            }
        );
        if running && now == old {
            interrupted += 1;
        }
        rerun_completes(cwd, &store, &new, kill);
        assert!(
            !cwd.join(format!("{store}.rebuild")).exists(),
            "kill {kill}: the rebuild's leftover is deleted"
        );
    }
    assert!(
        interrupted >= 1,
        "no kill landed inside the rebuild: the test proved nothing"
    );
}
