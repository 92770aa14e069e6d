//! accord: full-text search for cyber-norms research. The indexer reads a
//! corpus of accords and commentary into a tantivy index of passages and
//! quotes; the query side returns ranked, highlighted, cited passages.

pub mod analysis;
pub mod cmd;
pub mod corpus;
pub mod date;
pub mod error;
pub mod index;
pub mod messages;
pub mod passage;
pub mod quotes;
pub mod render;
pub mod search;
pub mod serve;
pub mod settings;
pub mod speakers;
pub mod spin;

pub use error::{Error, Result};
