//! The `councilgraph` command: a thin layer over the library.

mod cli;

/// Extraction allocates many small strings (words, names, keys) on every
/// thread; mimalloc's thread-local heaps make extraction about 9% cheaper
/// than with the system allocator (see BENCHMARKS.md, session 7).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
