//! councilgraph: UK council minutes → a provenance-carrying knowledge graph.
//!
//! Data flows one way (see ARCHITECTURE.md):
//! source → segment → extract → resolve → model → rdf/store → query.

pub mod date;
pub mod extract;
pub mod iri;
pub mod model;
pub mod names;
pub mod resolve;
pub mod segment;
pub mod source;
pub mod text;
pub mod gold;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod store;
