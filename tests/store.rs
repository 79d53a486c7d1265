//! The store: building the sample corpus, idempotent rebuilds, per-file
//! replacement and removal, bad input.

mod common;
use common::*;

#[test]
fn rebuilding_unchanged_files_leaves_the_store_identical() {
    let dir = corpus_copy();
    let first = ok(dir.path(), &["build", "minutes", "--json"]);
    let summary: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(summary["changed"], 5);
    assert_eq!(summary["meetings"], 6);
    let before = dump(dir.path());
    let second: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(second["unchanged"], 5);
    assert_eq!(second["changed"], 0);
    assert_eq!(dump(dir.path()), before);
}

#[test]
fn a_rebuild_reads_only_files_whose_size_or_modification_time_changed() {
    let dir = corpus_copy();
    let build =
        || -> serde_json::Value { serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap() };
    let counts = |s: &serde_json::Value| (s["read"].as_u64(), s["changed"].as_u64(), s["unchanged"].as_u64());
    assert_eq!(counts(&build()), (Some(5), Some(5), Some(0)));
    assert_eq!(
        counts(&build()),
        (Some(0), Some(0), Some(5)),
        "nothing touched: nothing read"
    );

    // One file edited, teaching no new name: only it is read.
    let edited = dir.path().join("minutes/004_ee33ae167f1b55e3.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\nMembers noted the update.\n")).unwrap();
    assert_eq!(counts(&build()), (Some(1), Some(1), Some(4)));

    // Rewritten with the same bytes: read once, found unchanged, and its new
    // time remembered, so the next build reads nothing.
    let same = dir.path().join("minutes/001_610385f5d5b25249.txt");
    let bytes = std::fs::read(&same).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&same, bytes).unwrap();
    assert_eq!(counts(&build()), (Some(1), Some(0), Some(5)));
    assert_eq!(counts(&build()), (Some(0), Some(0), Some(5)));

    // As deep as the default store, so both record the same source root.
    let fresh = {
        ok(dir.path(), &["build", "minutes", "--quiet", "--store", "fresh/store"]);
        dump_of(dir.path(), "fresh/store")
    };
    assert_eq!(dump(dir.path()), fresh);
}

#[test]
fn a_store_written_by_a_councilgraph_that_models_files_differently_is_rebuilt_whole() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let before = dump(dir.path());
    // What an older councilgraph (another model epoch) left behind.
    {
        let store = oxigraph::store::Store::open(dir.path().join(".councilgraph/store")).unwrap();
        oxigraph::sparql::SparqlEvaluator::new()
            .parse_update(
                "PREFIX cg: <https://councilgraph.org/ontology#>
                 DELETE { GRAPH ?g { ?g cg:schemeHash ?h } } INSERT { GRAPH ?g { ?g cg:schemeHash \"older\" } }
                 WHERE { GRAPH ?g { ?g cg:schemeHash ?h } }",
            )
            .unwrap()
            .on_store(&store)
            .execute()
            .unwrap();
    }
    let summary: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(summary["changed"], 5, "every file is modelled again");
    let after = dump(dir.path());
    let gone: Vec<&String> = before.iter().filter(|l| !after.contains(l)).collect();
    let new: Vec<&String> = after.iter().filter(|l| !before.contains(l)).collect();
    assert!(gone.is_empty() && new.is_empty(), "gone {gone:?}\nnew {new:?}");
}

#[test]
fn a_changed_file_replaces_only_its_own_graph_and_a_removed_one_loses_it() {
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let before = dump(dir.path());
    let changed = dir.path().join("minutes/000_9be5cb5516d64b0d.txt");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(
        &changed,
        text.replace(
            "Knight, Baggaley, T. Collingham and Elliott",
            "Knight, T. Collingham and Elliott",
        ),
    )
    .unwrap();
    let summary: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(
        (summary["changed"].as_u64(), summary["unchanged"].as_u64()),
        (Some(1), Some(4))
    );
    let after = dump(dir.path());
    let graph_of = |line: &String| line.split(',').next().unwrap().to_string();
    // The union and summary graphs follow every change; the rebuild test
    // below checks them against a fresh build.
    let derived = [
        "https://councilgraph.org/graph/union",
        "https://councilgraph.org/graph/summary",
    ];
    let others = |rows: &[String]| -> Vec<String> {
        rows.iter()
            .filter(|l| !graph_of(l).contains("000_") && !derived.contains(&graph_of(l).as_str()))
            .cloned()
            .collect()
    };
    assert_eq!(others(&before), others(&after), "other files' graphs must not change");
    assert!(before.iter().any(|l| l.contains("000_") && l.contains("baggaley")));
    assert!(!after.iter().any(|l| l.contains("000_") && l.contains("/baggaley")));

    std::fs::remove_file(dir.path().join("minutes/004_ee33ae167f1b55e3.txt")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(summary["removed"], 1);
    assert!(!dump(dir.path()).iter().any(|l| l.contains("004_")));

    ok(dir.path(), &["remove", "minutes/003_71ee8850bc409443.txt"]);
    assert!(!dump(dir.path()).iter().any(|l| l.contains("003_")));
    // The names it taught are gone from the corpus: the next build reads every file.
    let summary: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(summary["read"], 4);
    ok(dir.path(), &["remove", "minutes/003_71ee8850bc409443.txt"]);
    let missing = run(dir.path(), &["remove", "minutes/nope.txt"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("minutes/nope.txt: not in the store"));
}

/// `build --json`'s summary, run in `cwd`.
fn build_json(cwd: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let args: Vec<&str> = ["build", "--json"].iter().chain(args).copied().collect();
    serde_json::from_str(&ok(cwd, &args)).unwrap()
}

#[test]
fn a_file_keeps_its_id_whichever_directory_builds_or_removes_it() {
    let dir = corpus_copy();
    let outside = tempfile::tempdir().unwrap();
    let project = outside.path().join("project");
    std::fs::rename(dir.path(), &project).unwrap();
    ok(&project, &["build", "minutes", "--quiet"]);
    let before = dump(&project);
    let unchanged = |summary: serde_json::Value| {
        assert_eq!(
            (summary["changed"].as_u64(), summary["removed"].as_u64()),
            (Some(0), Some(0)),
            "{summary}"
        )
    };
    // From a folder below, by a relative path.
    unchanged(build_json(
        &project.join("minutes"),
        &[".", "--store", "../.councilgraph/store"],
    ));
    // From elsewhere, by absolute paths.
    let store = project.join(".councilgraph/store");
    let minutes = project.join("minutes");
    let (store_arg, minutes_arg) = (store.to_str().unwrap(), minutes.to_str().unwrap());
    unchanged(build_json(outside.path(), &[minutes_arg, "--store", store_arg]));
    assert_eq!(dump(&project), before);

    // A project moved with its store keeps its ids.
    let moved = outside.path().join("moved");
    std::fs::rename(&project, &moved).unwrap();
    unchanged(build_json(&moved, &["minutes"]));
    assert_eq!(dump(&moved), before);

    // A new topic scheme replaces the topics graph, which keeps the root:
    // re-tagged from elsewhere and back, every file keeps its id.
    write_topics_with_a_concept_more(&outside.path().join("topics.ttl"));
    let (store, minutes) = (moved.join(".councilgraph/store"), moved.join("minutes"));
    let (store_arg, minutes_arg) = (store.to_str().unwrap(), minutes.to_str().unwrap());
    let retagged = build_json(
        outside.path(),
        &[minutes_arg, "--store", store_arg, "--topics", "topics.ttl"],
    );
    assert_eq!(
        (retagged["changed"].as_u64(), retagged["removed"].as_u64()),
        (Some(5), Some(0))
    );
    build_json(outside.path(), &[minutes_arg, "--store", store_arg]);
    assert_eq!(dump(&moved), before);

    // Removed by an absolute path, from elsewhere.
    let file = moved.join("minutes/003_71ee8850bc409443.txt");
    let removed = ok(
        outside.path(),
        &["remove", file.to_str().unwrap(), "--store", store_arg],
    );
    assert_eq!(removed.trim(), "removed minutes/003_71ee8850bc409443.txt");
    assert!(!dump(&moved).iter().any(|l| l.contains("003_")));
}

#[test]
fn a_store_whose_source_root_is_gone_is_a_clear_error() {
    let dir = corpus_copy();
    let outside = tempfile::tempdir().unwrap();
    let store = outside.path().join("store");
    let store_arg = store.to_str().unwrap();
    ok(dir.path(), &["build", "minutes", "--quiet", "--store", store_arg]);
    let root = dir.path().to_path_buf();
    drop(dir);
    let failed = run(
        outside.path(),
        &["build", root.join("minutes").to_str().unwrap(), "--store", store_arg],
    );
    assert_eq!(failed.status.code(), Some(2), "{}", stderr(&failed));
    assert!(
        stderr(&failed).contains("the store's source files are named relative to"),
        "{}",
        stderr(&failed)
    );
}

#[test]
fn a_rebuild_rewriting_most_files_swaps_in_the_store_a_fresh_build_makes() {
    let dir = corpus_copy();
    let cwd = dir.path();
    let mut generated = generated(cwd, 70, 5, "generated");
    ok(cwd, &["build", "minutes", "generated", "--quiet"]);
    // Every generated file edited but one, which vanishes; the sample
    // corpus left alone but for one file written again with its own bytes.
    std::fs::remove_file(generated.pop().unwrap()).unwrap();
    for file in &generated {
        append_an_update(file);
    }
    let touched = cwd.join("minutes/002_a112772d541dd462.txt");
    std::fs::write(&touched, std::fs::read(&touched).unwrap()).unwrap();

    let summary = build_json(cwd, &["minutes", "generated"]);
    assert_eq!(
        (
            summary["changed"].as_u64(),
            summary["removed"].as_u64(),
            summary["unchanged"].as_u64()
        ),
        (Some(69), Some(1), Some(5)),
        "{summary}"
    );
    assert!(
        !cwd.join(".councilgraph/store.rebuild").exists(),
        "the old store is deleted"
    );
    // The touched file's new size and time were kept: nothing to read.
    assert_eq!(build_json(cwd, &["minutes", "generated"])["read"].as_u64(), Some(0));

    // As deep as the default store, so both record the same source root.
    ok(
        cwd,
        &["build", "minutes", "generated", "--quiet", "--store", "fresh/store"],
    );
    assert!(
        dump(cwd) == dump_of(cwd, "fresh/store"),
        "the rebuilt store differs from a fresh build"
    );
}

#[test]
fn bad_files_get_one_line_each_and_the_rest_is_built() {
    let dir = corpus_copy();
    let m = dir.path().join("minutes");
    std::fs::write(m.join("empty.txt"), "").unwrap();
    std::fs::write(m.join("binary.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    std::fs::write(m.join("latin1.txt"), b"PLANNING BOARD\nCaf\xe9 minutes\n").unwrap();
    std::fs::write(m.join("shopping.md"), "# Shopping\n\nEggs, milk and bread.\n").unwrap();
    let o = run(dir.path(), &["build", "minutes", "--json"]);
    assert_eq!(o.status.code(), Some(1), "some files failed");
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(err.contains("minutes/empty.txt: file is empty"));
    assert!(err.contains("minutes/binary.txt: binary file"));
    // Not UTF-8 but plausible Windows-1252: read with a warning (then it is not minutes).
    assert!(err.contains("warning: minutes/latin1.txt: not UTF-8; read as Windows-1252"));
    assert!(err.contains("error: minutes/latin1.txt: no meeting"));
    assert!(err.contains("minutes/shopping.md: no meeting, agenda or report found"));
    assert!(!err.contains("panicked"));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (summary["changed"].as_u64(), summary["failed"].as_u64()),
        (Some(5), Some(4))
    );
}

#[test]
fn strict_builds_write_nothing_when_a_file_fails() {
    let dir = corpus_copy();
    std::fs::write(dir.path().join("minutes/empty.txt"), "").unwrap();
    let o = run(dir.path(), &["build", "minutes", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the store was not changed"));
    let q = run(
        dir.path(),
        &[
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--format",
            "csv",
        ],
    );
    assert_eq!(stdout(&q).lines().nth(1), Some("0"));
}

#[test]
fn a_missing_or_foreign_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &["query", "SELECT * WHERE { ?s ?p ?o }", "--store", "nowhere"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere: no store here"), "{}", stderr(&o));
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/notes.txt"), "mine").unwrap();
    let o = run(
        dir.path(),
        &["build", &corpus_dir().to_string_lossy(), "--store", "docs"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("docs: not an oxigraph store"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("docs/notes.txt")).unwrap(),
        "mine"
    );
}

/// Minutes of one meeting whose item says `sentence`.
fn minutes(date: &str, sentence: &str) -> String {
    format!(
        "PLANNING BOARD\n{date}\n\nPresent:- Councillor Ali (in the Chair); Councillors Brown and Green.\n\n\
         5. SUPPORT FOR YOUNG PEOPLE\n\n{sentence}\n"
    )
}

#[test]
fn a_rebuild_ends_with_the_store_a_fresh_build_makes_even_when_names_learned_elsewhere_change() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("minutes");
    std::fs::create_dir(&m).unwrap();
    let teaches = "Support was provided by three local charities which were GROW, Rothacs and Rotherham Rise.";
    std::fs::write(m.join("a.txt"), minutes("Tuesday 29 October 2024", teaches)).unwrap();
    let learns = "Councillor Brown thanked Rotherham Rise for its work.";
    std::fs::write(m.join("b.txt"), minutes("Tuesday 26 November 2024", learns)).unwrap();
    std::fs::write(
        m.join("c.txt"),
        minutes("Tuesday 17 December 2024", "The Board noted the report."),
    )
    .unwrap();
    ok(dir.path(), &["build", "minutes", "--quiet"]);
    let fresh_dump = |dir: &std::path::Path| {
        // As deep as the default store, so both record the same source root.
        let _ = std::fs::remove_dir_all(dir.join("fresh"));
        ok(dir, &["build", "minutes", "--quiet", "--store", "fresh/store"]);
        dump_of(dir, "fresh/store")
    };
    let learned = |dump: &[String]| dump.iter().any(|l| l.contains("b.txt") && l.contains("rotherham-rise"));
    assert!(learned(&dump(dir.path())), "b.txt learns the charity's name from a.txt");

    // a.txt no longer names the charity: b.txt, unchanged, must be modelled again.
    std::fs::write(
        m.join("a.txt"),
        minutes("Tuesday 29 October 2024", "The Board noted the report."),
    )
    .unwrap();
    let summary: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(
        (summary["changed"].as_u64(), summary["unchanged"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        summary["read"], 3,
        "a name the corpus taught is gone: every file is read"
    );
    assert!(!learned(&dump(dir.path())));
    assert_eq!(dump(dir.path()), fresh_dump(dir.path()));

    // Named again: b.txt learns it again; c.txt, which never names it, is left alone.
    std::fs::write(m.join("a.txt"), minutes("Tuesday 29 October 2024", teaches)).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(
        (summary["changed"].as_u64(), summary["unchanged"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(learned(&dump(dir.path())));
    assert_eq!(dump(dir.path()), fresh_dump(dir.path()));

    // A new meeting naming only what the corpus knows: only it is read.
    std::fs::write(
        m.join("d.txt"),
        minutes(
            "Tuesday 14 January 2025",
            "Councillor Brown thanked Rotherham Rise again.",
        ),
    )
    .unwrap();
    let summary: serde_json::Value = serde_json::from_str(&ok(dir.path(), &["build", "minutes", "--json"])).unwrap();
    assert_eq!(
        (summary["read"].as_u64(), summary["changed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(dump(dir.path()), fresh_dump(dir.path()));
}

#[test]
fn shards_split_the_files_and_each_shard_leaves_the_others_alone() {
    let dir = corpus_copy();
    let graphs = |store: &str| -> Vec<String> {
        let out = ok(
            dir.path(),
            &[
                "query",
                "--store",
                store,
                "--format",
                "csv",
                "PREFIX cg: <https://councilgraph.org/ontology#> SELECT ?path WHERE { GRAPH ?g { ?g cg:path ?path } } ORDER BY ?path",
            ],
        );
        out.lines().skip(1).map(str::to_string).collect()
    };
    let mut both = Vec::new();
    for shard in ["1/2", "2/2"] {
        let store = format!("shard{}", &shard[..1]);
        ok(
            dir.path(),
            &["build", "minutes", "--quiet", "--shard", shard, "--store", &store],
        );
        both.extend(graphs(&store));
        // The same shards, one after the other, into one store.
        ok(
            dir.path(),
            &["build", "minutes", "--quiet", "--shard", shard, "--store", "together"],
        );
    }
    both.sort();
    let all: Vec<String> = std::fs::read_dir(dir.path().join("minutes"))
        .unwrap()
        .map(|e| format!("minutes/{}", e.unwrap().file_name().to_string_lossy()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(both, all, "every file in exactly one shard");
    assert_eq!(graphs("together"), all, "a shard's build removes no other shard's file");
    let bad = run(dir.path(), &["build", "minutes", "--shard", "3/2"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("1 ≤ I ≤ N"), "{}", stderr(&bad));
}
