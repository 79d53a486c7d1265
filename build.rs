//! Embeds the named queries of `queries/` in the binary (for `serve`'s
//! example list and `/api/queries`): one `(name, text)` pair per `.rq` file,
//! sorted by name, so a new query file needs no code change.

use std::path::Path;

fn main() {
    // Read at run time, not with env!(): the compiled build script is shared by
    // every checkout that uses the same target directory.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("queries");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("queries/ folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// Named queries from `queries/`: (file stem, text).\npub const NAMED_QUERIES: &[(&str, &str)] = &[\n",
    );
    for f in files {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        out.push_str(&format!(
            "    ({stem:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("named_queries.rs");
    std::fs::write(target, out).expect("write named_queries.rs");
}
