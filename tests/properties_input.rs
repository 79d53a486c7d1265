//! Properties of reading arbitrary input (proptest), standing in for
//! cargo-fuzz: any bytes go through `source::decode` (and the PDF and HTML
//! readers) and modelling without a panic; CRLF and LF files give the same
//! extraction; building the same file twice changes nothing in the store.
//!
//! `PROPTEST_CASES=N` raises the number of cases for a long run.

use councilgraph::gold::to_gold;
use councilgraph::iri::{Minter, DEFAULT_BASE};
use councilgraph::pipeline::{build, model_source, BuildOptions};
use councilgraph::source::{decode, extract_text, Source};
use councilgraph::topics::TopicScheme;
use oxigraph::store::Store;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::path::Path;

/// The lines of the sample corpus: generated text made of them reaches every rule.
fn corpus_lines() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/minutes");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Minutes-like text: a run of the corpus's lines (a heading, a date,
/// attendance, items …) in their order, with some lines dropped or garbled.
fn minutes_lines() -> impl Strategy<Value = Vec<String>> {
    let lines = corpus_lines();
    let n = lines.len();
    (0..n, 1..120usize, prop::collection::vec((0..8u8, "\\PC{0,6}"), 0..120)).prop_map(move |(start, len, edits)| {
        let end = (start + len).min(n);
        lines[start..end]
            .iter()
            .zip(edits.iter().chain(std::iter::repeat(&(7u8, String::new()))))
            .filter_map(|(line, (op, junk))| match op {
                0 => None,
                1 => Some(format!("{junk}{line}")),
                2 => Some(format!("{line}{junk}")),
                3 => Some(format!("  - {line}")),
                _ => Some(line.clone()),
            })
            .collect()
    })
}

/// Bytes: random, or minutes text with random bytes spliced in (so the
/// UTF-8, Windows-1252, BOM and NUL paths of `decode` are all reached).
fn input_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        (
            minutes_lines(),
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
            any::<bool>()
        )
            .prop_map(|(lines, splices, bom)| {
                let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
                bytes.extend(lines.join("\n").into_bytes());
                for (at, b) in splices {
                    let i = at.index(bytes.len() + 1);
                    bytes.insert(i, b);
                }
                bytes
            }),
    ]
}

fn source(id: &str, text: String) -> Source {
    Source {
        path: id.into(),
        id: id.into(),
        hash: "0".into(),
        text,
        pages: Vec::new(),
        stat: None,
    }
}

/// The gold JSON of a file's bytes read as text, without character offsets.
fn gold_without_offsets(bytes: &[u8]) -> Result<serde_json::Value, String> {
    let text = decode(bytes).map_err(|e| e.to_string())?;
    let model = model_source(&source("generated.txt", text))?;
    let mut json = serde_json::to_value(to_gold(&model)).unwrap();
    strip_offsets(&mut json);
    Ok(json)
}

fn strip_offsets(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("start");
            map.remove("end");
            map.values_mut().for_each(strip_offsets);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_offsets),
        // Quotes are exact: a CRLF file's quote spanning a line break keeps its "\r".
        serde_json::Value::String(s) => *s = s.replace('\r', ""),
        _ => {}
    }
}

/// `cases` (or `$PROPTEST_CASES / divisor` when set), failures kept in
/// `proptest-regressions/properties_input.txt` (replayed first on every run).
fn config(cases: u32, divisor: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .map_or(cases, |n| (n / divisor).max(1));
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/properties_input.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// Every quad of an in-memory store, as sorted N-Quads lines.
fn dump(store: &Store) -> Vec<String> {
    let mut lines: Vec<String> = store.iter().map(|q| q.unwrap().to_string()).collect();
    lines.sort();
    lines
}

fn build_into(store: &mut Store, file: &Path) -> councilgraph::pipeline::BuildSummary {
    let options = BuildOptions {
        inputs: vec![file.to_path_buf()],
        minter: Minter::new(DEFAULT_BASE),
        strict: false,
        topics: TopicScheme::builtin().clone(),
        shard: None,
        root: councilgraph::store::SourceRoot::current_dir().unwrap(),
    };
    build(store, None, &options, &|_| {}).unwrap()
}

proptest! {
    #![proptest_config(config(200, 1))]

    #[test]
    fn any_bytes_are_read_and_modelled_without_a_panic(bytes in input_bytes()) {
        // A panic while modelling is caught and reported as an internal error: none may happen.
        if let Ok(text) = decode(&bytes) {
            if let Err(reason) = model_source(&source("generated.txt", text)) {
                prop_assert!(!reason.contains("internal error"), "{}", reason);
            }
        }
        for name in ["generated.html", "generated.pdf"] {
            if let Ok((text, _)) = extract_text(Path::new(name), &bytes) {
                if let Err(reason) = model_source(&source(name, text)) {
                    prop_assert!(!reason.contains("internal error"), "{}", reason);
                }
            }
        }
    }

    #[test]
    fn crlf_and_lf_text_extract_the_same(lines in minutes_lines()) {
        let lf = lines.join("\n").replace('\r', "");
        let crlf = lf.replace('\n', "\r\n");
        prop_assert_eq!(gold_without_offsets(lf.as_bytes()), gold_without_offsets(crlf.as_bytes()));
    }
}

proptest! {
    // Each case builds into RocksDB-free in-memory stores, three times.
    #![proptest_config(config(40, 10))]

    #[test]
    fn building_a_file_twice_changes_nothing(lines in minutes_lines()) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("minutes.txt");
        std::fs::write(&file, lines.join("\n")).unwrap();
        let mut store = Store::new().unwrap();
        let first = build_into(&mut store, &file);
        let once = dump(&store);
        let second = build_into(&mut store, &file);
        prop_assert_eq!(second.changed, 0);
        prop_assert_eq!(first.failed, second.failed);
        prop_assert_eq!(&dump(&store), &once);
        // And a fresh store gets exactly the same quads: no counters, no blank nodes.
        let mut fresh = Store::new().unwrap();
        build_into(&mut fresh, &file);
        prop_assert_eq!(dump(&fresh), once);
    }
}
