//! Bad input, generated here: every kind of broken file gets one line naming
//! the file (and the line, where one applies) and the reason, never a panic;
//! what can be read is read; the rest of the corpus still builds. Bad store
//! directories (missing, read-only, locked, not a store) are clear errors.

mod common;
use common::*;
use std::path::Path;

const SAMPLE: &str = "000_9be5cb5516d64b0d.txt";

fn sample() -> String {
    std::fs::read_to_string(corpus_dir().join(SAMPLE)).unwrap()
}

/// The meetings of `file` as `extract` reads them: date, chair, present,
/// apologies, item numbers.
fn meetings(cwd: &Path, file: &str) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&ok(cwd, &["extract", file])).unwrap();
    json["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let items: Vec<&serde_json::Value> = m["items"].as_array().unwrap().iter().map(|i| &i["number"]).collect();
            serde_json::json!([
                m["date"],
                m["chair"],
                m["present"],
                m["apologies"],
                m["in_attendance"],
                items
            ])
        })
        .collect()
}

fn assert_no_panic(err: &str) {
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("internal error"), "{err}");
}

/// The one stderr line about `file`, which must exist and be unique.
fn line_about<'e>(err: &'e str, file: &str) -> &'e str {
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(&format!("minutes/{file}:")))
        .collect();
    assert_eq!(lines.len(), 1, "one line about {file}:\n{err}");
    lines[0]
}

#[test]
fn every_kind_of_bad_file_gets_one_line_and_the_rest_builds() {
    let dir = corpus_copy();
    let m = dir.path().join("minutes");
    let lf = sample();
    let write = |name: &str, bytes: &[u8]| std::fs::write(m.join(name), bytes).unwrap();
    write("empty.txt", b"");
    write("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    // UTF-8 (curly quotes) with one stray Latin-1 byte on line 3: refused, with its line.
    write(
        "invalid-utf8.txt",
        b"IMPROVING LIVES \xe2\x80\x99\nTuesday\n\xe9t\xe9\n",
    );
    // The sample as Windows-1252, with curly apostrophes and a pound sign.
    let cp1252 = lf.replace("Children's", "Children’s") + "\nThe budget was £100.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&cp1252);
    write("windows-1252.txt", &bytes);
    write("bom.txt", &[b"\xEF\xBB\xBF".as_slice(), lf.as_bytes()].concat());
    write("crlf.txt", lf.replace('\n', "\r\n").as_bytes());
    let long = format!("{lf}\n{}\n", "Councillor Pitchley spoke. ".repeat(2_000_000));
    write("one-long-line.txt", long.as_bytes());
    let nested: String = (0..800).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    write(
        "nested.txt",
        lf.replacen("\n- ", &format!("\n{nested}- "), 1).as_bytes(),
    );
    write("no-date.txt", lf.replace("Tuesday 29 October 2024\n", "").as_bytes());
    let present = lf.find("Present:-").unwrap();
    let webcast = lf.find("The webcast").unwrap();
    write(
        "no-attendance.txt",
        format!("{}{}", &lf[..present], &lf[webcast..]).as_bytes(),
    );
    write(
        "duplicate-items.txt",
        lf.replace("34. EXCLUSION", "33. EXCLUSION").as_bytes(),
    );
    let cut = lf.find("The Chair invited the Independent Scrutineer").unwrap();
    write("truncated.txt", &lf.as_bytes()[..cut + 20]);
    write(
        "not-minutes.md",
        b"# Shopping\n\nEggs, milk and bread.\n\n1. Eggs\n2. Milk\n",
    );
    let o = run(dir.path(), &["build", "minutes", "--json"]);
    let err = stderr(&o);
    assert_no_panic(&err);
    assert_eq!(o.status.code(), Some(1), "some files failed:\n{err}");

    assert!(line_about(&err, "empty.txt").ends_with("file is empty"));
    assert!(line_about(&err, "binary.txt").contains("binary file (NUL byte at offset 8)"));
    assert!(line_about(&err, "invalid-utf8.txt").contains("not valid UTF-8 (invalid byte at line 3"));
    assert!(line_about(&err, "windows-1252.txt").starts_with("warning:"));
    assert!(line_about(&err, "windows-1252.txt").contains("not UTF-8; read as Windows-1252"));
    assert!(line_about(&err, "one-long-line.txt").contains("line 193 is 54000000 bytes long (limit 262144)"));
    assert!(
        line_about(&err, "no-date.txt")
            .contains("line 3: meeting heading \"IMPROVING LIVES SELECT COMMISSION\" has no date"),
        "{err}"
    );
    assert!(line_about(&err, "not-minutes.md").contains("no meeting, agenda or report found"));
    // Read, with a warning naming the line and what is odd.
    let duplicate = line_about(&err, "duplicate-items.txt");
    assert!(duplicate.starts_with("warning:"), "{duplicate}");
    assert!(duplicate.contains("minute 33 does not follow minute 33"), "{duplicate}");
    let line = lf[..lf.find("34. EXCLUSION").unwrap()].matches('\n').count() + 1;
    assert!(duplicate.contains(&format!(": line {line}: ")), "{duplicate}");
    let unattended = line_about(&err, "no-attendance.txt");
    assert!(unattended.starts_with("warning:") && unattended.contains("line 3: minutes with no attendance record"));
    for fine in ["bom.txt", "crlf.txt", "nested.txt", "truncated.txt"] {
        assert!(!err.contains(&format!("minutes/{fine}")), "{fine} is readable:\n{err}");
    }
    // Every line is one diagnostic: errors for 6 files, warnings for three.
    assert_eq!(err.lines().count(), 9, "{err}");
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The 5 sample files and the 7 readable variants were built.
    assert_eq!(
        (summary["changed"].as_u64(), summary["failed"].as_u64()),
        (Some(12), Some(6))
    );

    // What can be read is read, the same as from the clean file.
    let clean = meetings(dir.path(), &format!("minutes/{SAMPLE}"));
    assert_eq!(clean.len(), 1);
    for same in ["bom.txt", "crlf.txt", "windows-1252.txt", "nested.txt"] {
        assert_eq!(meetings(dir.path(), &format!("minutes/{same}")), clean, "{same}");
    }
    // A repeated item number is text of the item before (minute numbers ascend): one item 33, none lost after it.
    let dup = &meetings(dir.path(), "minutes/duplicate-items.txt")[0];
    assert_eq!(
        dup[5],
        serde_json::json!(["32", "33", "35", "36", "37", "38", "39", "40"])
    );
    assert_eq!(dup[2], clean[0][2], "attendance unchanged");
    // No attendance record: the meeting and all its items, nobody present.
    let unattended = &meetings(dir.path(), "minutes/no-attendance.txt")[0];
    assert_eq!((&unattended[0], &unattended[5]), (&clean[0][0], &clean[0][5]));
    assert_eq!(unattended[2], serde_json::json!([]));
    // Truncated inside item 36: the meeting, its attendance and items 32–36 are kept.
    let cut = &meetings(dir.path(), "minutes/truncated.txt")[0];
    assert_eq!(cut[5], serde_json::json!(["32", "33", "34", "35", "36"]));
    assert_eq!(cut[2], clean[0][2]);

    // --strict writes nothing when any file fails.
    let fresh = tempfile::tempdir().unwrap();
    let o = run(
        fresh.path(),
        &["build", &m.to_string_lossy(), "--strict", "--store", "s"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&stderr(&o));
    assert!(stderr(&o).contains("the store was not changed"));
    let n = ok(
        fresh.path(),
        &[
            "query",
            "--store",
            "s",
            "--format",
            "csv",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        ],
    );
    assert_eq!(n.lines().nth(1), Some("0"));
}

fn build_into(cwd: &Path, store: &str) -> std::process::Output {
    run(
        cwd,
        &["build", &corpus_dir().to_string_lossy(), "--store", store, "--quiet"],
    )
}

#[test]
fn a_missing_store_is_created_by_build_and_an_error_for_readers() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["query", "ASK {}", "--store", "a/b"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a/b: no store here; run `councilgraph build` first"));
    assert!(!dir.path().join("a").exists(), "a reader creates nothing");
    let o = build_into(dir.path(), "a/b");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(ok(dir.path(), &["query", "ASK { ?s ?p ?o }", "--store", "a/b"]).contains("true"));
}

#[test]
fn a_file_or_a_foreign_folder_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "mine").unwrap();
    let o = build_into(dir.path(), "file");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("file: not a store directory (it is a file)"),
        "{}",
        stderr(&o)
    );
    let o = run(dir.path(), &["query", "ASK {}", "--store", "file"]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_panic(&stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.path().join("file")).unwrap(), "mine");
}

#[test]
fn a_read_only_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(build_into(dir.path(), "s").status.success());
    let store = dir.path().join("s");
    let set_mode = |mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        for entry in std::fs::read_dir(&store).unwrap() {
            let path = entry.unwrap().path();
            let file_mode = if mode == 0o555 { 0o444 } else { 0o644 };
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(file_mode)).unwrap();
        }
        std::fs::set_permissions(&store, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    set_mode(0o555);
    // Root ignores permissions: a write would succeed and prove nothing.
    let probe = store.join("probe");
    if std::fs::write(&probe, "x").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        set_mode(0o755);
        println!("note: running as root (permissions do not apply): read-only store case skipped");
        return;
    }
    let o = build_into(dir.path(), "s");
    set_mode(0o755);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_no_panic(&stderr(&o));
    assert!(stderr(&o).contains("s: cannot open store"), "{}", stderr(&o));
}

#[test]
fn a_store_held_by_another_process_is_a_clear_error_and_stays_intact() {
    let dir = tempfile::tempdir().unwrap();
    assert!(build_into(dir.path(), "s").status.success());
    let before = dump_of(dir.path(), "s");
    {
        let _held = oxigraph::store::Store::open(dir.path().join("s")).unwrap();
        for args in [
            vec!["build", "--store", "s", "--quiet"],
            vec!["query", "--store", "s", "ASK {}"],
            vec!["remove", "--store", "s", "x.txt"],
        ] {
            let mut args = args;
            if args[0] == "build" {
                args.insert(1, "minutes-that-do-not-matter");
            }
            let o = run(dir.path(), &args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert_no_panic(&err);
            assert!(
                err.contains("s: the store is in use by another process (a running `councilgraph serve` or `build`)"),
                "{args:?}: {err}"
            );
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
    assert_eq!(dump_of(dir.path(), "s"), before);
}

/// `councilgraph export … | head -1`, `councilgraph extract … | head -1`:
/// the reader closing the pipe early is no error (no message, exit 0), as
/// with any Unix filter.
#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::{BufRead, BufReader};
    let dir = corpus_copy();
    ok(dir.path(), &["build", "minutes", "--store", "s"]);
    // A file of several minutes, whose extraction is larger than a pipe's buffer.
    let pack: String = std::fs::read_dir(dir.path().join("minutes"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>()
        .join("\n\n");
    std::fs::write(dir.path().join("pack.txt"), pack).unwrap();
    let commands: [&[&str]; 2] = [
        &["export", "--store", "s", "--format", "nquads"],
        &["extract", "pack.txt"],
    ];
    for args in commands {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_councilgraph"))
            .args(args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{args:?}");
        // The pipe is closed here.
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_no_panic(&err);
        assert!(out.status.success(), "{args:?}: {:?}: {err}", out.status);
        assert!(!err.contains("error"), "{args:?}: {err}");
    }
}
