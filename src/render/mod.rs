//! Turning hits into output: `text` for people, `json` for scripts. Both
//! consume the same hits; neither searches.

pub mod json;
pub mod text;
