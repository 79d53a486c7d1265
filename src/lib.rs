//! councilgraph: UK council minutes → a provenance-carrying knowledge graph.
//!
//! Data flows one way (see ARCHITECTURE.md):
//! source → segment → extract → resolve → model → rdf/store → query.

pub mod date;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gen;
pub mod gold;
pub mod graph;
pub mod iri;
pub mod model;
pub mod names;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod report;
pub mod resolve;
pub mod search_key;
pub mod segment;
pub mod serve;
pub mod source;
pub mod store;
pub mod summary;
pub mod text;
pub mod topics;
pub mod why;
