//! The `councilgraph` command: a thin layer over the library.

mod cli;

// No custom global allocator: oxigraph 0.5 frees RocksDB's error messages
// (malloc'd in C) with Rust's allocator (`CString::from_raw` in its
// `rocksdb_wrapper`), which holds only while that allocator is malloc. With
// mimalloc (9% faster extraction) opening a locked store crashed (SIGSEGV;
// tests/bad_input.rs). See BENCHMARKS.md, session 7.

fn main() -> std::process::ExitCode {
    cli::run()
}
