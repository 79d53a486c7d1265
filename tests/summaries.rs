//! Named queries that read build-time summaries (`src/summary.rs`), or
//! were otherwise rewritten for speed, answer exactly what their original
//! formulations (kept in `tests/reference/`) answer: on the sample corpus,
//! on generated minutes, after incremental rebuilds that change, add and remove files, and after
//! `councilgraph remove`. The summary graph an incremental rebuild leaves is
//! the one a fresh build of the same files makes, and a store without
//! summaries gets them computed at its next build.

mod common;
use common::*;
use std::path::Path;

/// A named query, its original formulation, the columns holding
/// GROUP_CONCAT lists (whose order SPARQL leaves open), and the `--bind`
/// values to compare them with (each set one run of both).
struct Rewritten {
    name: &'static str,
    lists: &'static [usize],
    binds: &'static [&'static [&'static str]],
}

const REWRITTEN: &[Rewritten] = &[
    Rewritten {
        name: "people",
        lists: &[1, 2],
        binds: &[&[]],
    },
    Rewritten {
        name: "attendance-summary",
        lists: &[],
        binds: &[&[]],
    },
    Rewritten {
        name: "councillors-present-all-meetings-2023-2024",
        lists: &[],
        binds: &[
            // A municipal year, a calendar year, one day, every year
            // (bodies that met once qualify most), and a range with none.
            &["from=2023-05-01", "to=2024-04-30"],
            &["from=2024-01-01", "to=2024-12-31"],
            &["from=2024-10-29", "to=2024-10-29"],
            &["from=2010-01-01", "to=2030-12-31"],
            &["from=2030-01-01", "to=2030-12-31"],
        ],
    },
    Rewritten {
        name: "chairs-of-ilsc-meetings",
        lists: &[],
        binds: &[&[], &["body=Improving Lives Select Commission"]],
    },
    Rewritten {
        name: "meetings",
        lists: &[],
        binds: &[&[]],
    },
    Rewritten {
        name: "count-meetings-attended-pitchley",
        lists: &[],
        // A councillor by title and surname, by surname alone, a surname
        // several people share, an officer (never present as a member), and
        // a name the minutes never print.
        binds: &[
            &["person=Councillor Pitchley"],
            &["person=Pitchley"],
            &["person=Wilson"],
            &["person=Laura Gough"],
            &["person=Nobody Atall"],
        ],
    },
    // Not a summary: the same joins in another order (LATERAL).
    Rewritten {
        name: "organisation-post-cse-and-domestic-abuse",
        lists: &[],
        binds: &[&[], &["topic=CSE"], &["topic=neglect"]],
    },
    Rewritten {
        name: "neglect-strategy-owner-and-governor",
        lists: &[],
        binds: &[
            &["document=Neglect Strategy 2024-2026"],
            &["document=neglect strategy"],
            &["document=No Such Plan"],
        ],
    },
    Rewritten {
        name: "corporate-parenting-panel-renamed",
        lists: &[],
        binds: &[
            &["body=Corporate Parenting Panel"],
            &["body=improving lives select commission"],
        ],
    },
];

/// The query's rows as TSV cells (terms in N-Triples syntax: an unbound
/// cell is empty, an empty string `""`), each list cell's items sorted,
/// the rows sorted.
fn rows(cwd: &Path, store: &str, query: &Path, lists: &[usize], binds: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec![
        "query",
        "--store",
        store,
        "--format",
        "tsv",
        "-f",
        query.to_str().unwrap(),
    ];
    for bind in binds {
        args.extend(["--bind", bind]);
    }
    let out = ok(cwd, &args);
    let mut rows: Vec<Vec<String>> = out
        .lines()
        .skip(1)
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect();
    for row in &mut rows {
        for &i in lists {
            if let Some(inner) = row[i].strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
                let mut items: Vec<&str> = inner.split("; ").collect();
                items.sort_unstable();
                row[i] = format!("\"{}\"", items.join("; "));
            }
        }
    }
    rows.sort();
    rows
}

/// Every rewritten query answers as its original does; returns how many
/// rows they gave, so a test can check it compared something.
fn answers_agree(cwd: &Path, store: &str) -> usize {
    let mut compared = 0;
    for Rewritten { name, lists, binds } in REWRITTEN {
        for binds in *binds {
            let ours = rows(cwd, store, &repo().join(format!("queries/{name}.rq")), lists, binds);
            let original = rows(
                cwd,
                store,
                &repo().join(format!("tests/reference/{name}.rq")),
                lists,
                binds,
            );
            assert!(
                ours == original,
                "{name} {binds:?}: the rewritten answer differs from the original's\nours: {ours:?}\noriginal: {original:?}"
            );
            compared += ours.len();
        }
    }
    compared
}

/// The summary graph's quads, as sorted CSV lines.
fn summary_graph(cwd: &Path, store: &str) -> Vec<String> {
    let query = format!(
        "SELECT ?s ?p ?o WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
        councilgraph::summary::SUMMARY_GRAPH
    );
    let mut lines: Vec<String> = ok(cwd, &["query", "--store", store, "--format", "csv", &query])
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// Drops the lines naming a councillor whose length `every` divides: some
/// people leave the file's attendance lists and posts.
fn drop_councillor_lines(file: &Path, every: usize) {
    let text = std::fs::read_to_string(file).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("Councillor") || l.len() % every != 0)
        .collect();
    std::fs::write(file, kept.join("\n")).unwrap();
}

fn build(cwd: &Path, store: &str) {
    ok(cwd, &["build", "minutes", "--quiet", "--store", store]);
}

/// A fresh build of what `cwd/minutes` holds now, and its summary graph.
fn fresh_summary(cwd: &Path) -> Vec<String> {
    let _ = std::fs::remove_dir_all(cwd.join("fresh"));
    build(cwd, "fresh");
    summary_graph(cwd, "fresh")
}

#[test]
fn summary_queries_on_the_sample_corpus() {
    let dir = corpus_copy();
    let cwd = dir.path();
    build(cwd, "store");
    assert!(answers_agree(cwd, "store") > 20);
}

#[test]
fn summary_queries_on_generated_minutes_through_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let files = generated(cwd, 30, 3, "minutes");
    build(cwd, "store");
    assert!(answers_agree(cwd, "store") > 50);

    // Attendance and posts change in some files: lines dropped (people
    // leave the attendance list), a file removed, one duplicated under
    // another name (its witnesses held twice, then once).
    for file in files.iter().step_by(7) {
        drop_councillor_lines(file, 3);
    }
    // An agenda item's heading dropped: the meeting has one item fewer
    // (`meetings.rq` reads the count).
    for file in files.iter().skip(2).step_by(9) {
        let text = std::fs::read_to_string(file).unwrap();
        let heading = text
            .lines()
            .position(|l| l.contains("DECLARATIONS OF INTEREST"))
            .expect("a generated file has a declarations item");
        let kept: Vec<&str> = text
            .lines()
            .enumerate()
            .filter(|(i, _)| *i != heading)
            .map(|(_, l)| l)
            .collect();
        std::fs::write(file, kept.join("\n")).unwrap();
    }
    std::fs::remove_file(&files[3]).unwrap();
    std::fs::copy(&files[5], cwd.join("minutes/copy-of-5.txt")).unwrap();
    build(cwd, "store");
    answers_agree(cwd, "store");
    assert_eq!(summary_graph(cwd, "store"), fresh_summary(cwd), "after edits");

    std::fs::remove_file(cwd.join("minutes/copy-of-5.txt")).unwrap();
    build(cwd, "store");
    answers_agree(cwd, "store");
    assert_eq!(summary_graph(cwd, "store"), fresh_summary(cwd), "after removals");

    // The same meeting minuted for another council: one meeting IRI
    // (`meeting/<body>/<date>`) with two bodies, every record of either
    // file joined to both by the union graph. A meeting of a body that met
    // again that municipal year, so the two bodies' rows differ.
    let query = "SELECT ?path WHERE { \
        ?m a cg:Meeting ; cg:body ?b ; dcterms:date ?d ; prov:wasDerivedFrom ?f . ?f cg:path ?path . \
        ?m2 a cg:Meeting ; cg:body ?b ; dcterms:date ?d2 . \
        FILTER(?m2 != ?m && IF(MONTH(?d) >= 5, YEAR(?d), YEAR(?d) - 1) = IF(MONTH(?d2) >= 5, YEAR(?d2), YEAR(?d2) - 1)) \
        } ORDER BY ?path LIMIT 1";
    let picked = ok(cwd, &["query", "--store", "store", "--format", "csv", query]);
    let path = picked
        .lines()
        .nth(1)
        .expect("a body meeting twice in a municipal year")
        .trim();
    let text = std::fs::read_to_string(cwd.join(path)).unwrap();
    let council = text
        .split("https://")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .expect("a generated file names its council's webcast site")
        .to_string();
    let mut capitalised = council.clone();
    capitalised[..1].make_ascii_uppercase();
    let other = text.replace(&council, "otherton").replace(&capitalised, "Otherton");
    std::fs::write(cwd.join("minutes/otherton.txt"), other).unwrap();
    build(cwd, "store");
    answers_agree(cwd, "store");
    assert_eq!(
        summary_graph(cwd, "store"),
        fresh_summary(cwd),
        "a meeting of two councils"
    );
    std::fs::remove_file(cwd.join("minutes/otherton.txt")).unwrap();
    build(cwd, "store");
    answers_agree(cwd, "store");
    assert_eq!(summary_graph(cwd, "store"), fresh_summary(cwd), "back to one council");

    let gone = format!("minutes/{}", files[10].file_name().unwrap().to_str().unwrap());
    ok(cwd, &["remove", "--store", "store", &gone]);
    std::fs::remove_file(&files[10]).unwrap();
    answers_agree(cwd, "store");
    assert_eq!(
        summary_graph(cwd, "store"),
        fresh_summary(cwd),
        "after councilgraph remove"
    );
}

#[test]
fn a_store_without_summaries_refuses_summary_queries_and_gets_them_at_its_next_build() {
    let dir = corpus_copy();
    let cwd = dir.path();
    build(cwd, "store");
    let complete = summary_graph(cwd, "store");
    {
        let store = councilgraph::store::open(&cwd.join("store")).unwrap();
        store.clear_graph(&councilgraph::summary::summary_graph()).unwrap();
    }
    let refused = run(
        cwd,
        &[
            "query",
            "--store",
            "store",
            "-f",
            repo().join("queries/people.rq").to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("summaries"), "{}", stderr(&refused));
    build(cwd, "store");
    assert_eq!(summary_graph(cwd, "store"), complete);
    answers_agree(cwd, "store");
}

/// A rebuild rewriting much of the store (here every file: a new topic
/// scheme re-tags them all, and attendance lines changed in some) is
/// bulk-loaded beside it and computes the summaries once, after the swap:
/// they are then a fresh build's, and the rewritten queries still agree
/// with their originals.
#[test]
fn a_rebuild_rewriting_most_files_computes_the_summaries_once_and_right() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    // At least 64 files: fewer are replaced file by file.
    let files = generated(cwd, 70, 5, "minutes");
    build(cwd, "store");
    let before = summary_graph(cwd, "store");

    for file in files.iter().step_by(5) {
        drop_councillor_lines(file, 2);
    }
    write_topics_with_a_concept_more(&cwd.join("topics.ttl"));
    let out = ok(
        cwd,
        &[
            "build",
            "minutes",
            "--store",
            "store",
            "--topics",
            "topics.ttl",
            "--json",
        ],
    );
    assert!(out.contains("\"changed\": 70"), "{out}");
    let after = summary_graph(cwd, "store");
    assert_ne!(after, before, "the edits change attendance");
    assert_eq!(after, fresh_summary(cwd));
    answers_agree(cwd, "store");
}
