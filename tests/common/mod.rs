//! Helpers shared by the integration tests: running the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn gold_dir() -> PathBuf {
    repo().join("../shared/gold")
}

pub fn corpus_dir() -> PathBuf {
    repo().join("data/minutes")
}

/// Runs `councilgraph` in `cwd` with `args`.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_councilgraph"))
        .current_dir(cwd)
        .args(args)
        .env_remove("COUNCILGRAPH_STORE")
        .env_remove("COUNCILGRAPH_TOPICS")
        .output()
        .expect("run councilgraph")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs and asserts success, returning stdout.
pub fn ok(cwd: &Path, args: &[&str]) -> String {
    let o = run(cwd, args);
    assert!(
        o.status.success(),
        "councilgraph {args:?} failed: {}\n{}",
        stderr(&o),
        stdout(&o)
    );
    stdout(&o)
}

/// A temporary folder holding a copy of the sample corpus under `minutes/`.
pub fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("minutes")).unwrap();
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join("minutes").join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Every quad in the default store, as sorted CSV lines.
pub fn dump(cwd: &Path) -> Vec<String> {
    dump_of(cwd, ".councilgraph/store")
}

/// Every quad in `store` (graph, subject, predicate, object), as CSV with a header.
pub fn quads_csv(cwd: &Path, store: &str) -> String {
    ok(
        cwd,
        &[
            "query",
            "--store",
            store,
            "--format",
            "csv",
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
        ],
    )
}

/// Every quad in `store`, as sorted CSV lines.
pub fn dump_of(cwd: &Path, store: &str) -> Vec<String> {
    let out = quads_csv(cwd, store);
    let mut lines: Vec<String> = out.lines().skip(1).map(str::to_string).collect();
    lines.sort();
    lines
}

/// Parses CSV output into rows of fields.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// `meetings` generated minutes (`councilgraph gen`, with `seed`) in
/// `cwd/into`, their paths sorted.
pub fn generated(cwd: &Path, meetings: usize, seed: u64, into: &str) -> Vec<PathBuf> {
    let scratch = format!("{into}.gen");
    ok(
        cwd,
        &[
            "gen",
            "--meetings",
            &meetings.to_string(),
            "--seed",
            &seed.to_string(),
            &scratch,
        ],
    );
    std::fs::rename(cwd.join(&scratch).join("minutes"), cwd.join(into)).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(cwd.join(into))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Writes the built-in topic scheme with a concept more to `path`: a build
/// given it re-tags every file.
pub fn write_topics_with_a_concept_more(path: &Path) {
    let scheme = std::fs::read_to_string(repo().join("ontology/topics.ttl")).unwrap()
        + "\ntopic:zebra-crossings a skos:Concept ; skos:inScheme <https://councilgraph.org/id/topics> ;\n    \
           skos:prefLabel \"zebra crossings\"@en ; skos:broader topic:meeting-business .\n";
    std::fs::write(path, scheme).unwrap();
}

/// Appends a sentence naming nobody to `file`: its text changes, the names
/// it teaches do not.
pub fn append_an_update(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, format!("{text}\nMembers noted the update.\n")).unwrap();
}
