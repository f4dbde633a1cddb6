//! Parsing: from file text to typed content.
//!
//! Front matter (TOML between `+++` or YAML between `---`) is first parsed into a
//! [`node::Node`] tree that remembers where every key and value is written, then
//! typed readers ([`fields`]) turn it into model structs, reporting every unknown
//! key, wrong type and bad value at its line instead of stopping at the first one.

pub mod campaign;
pub mod config;
pub mod crisis_plan;
pub mod fields;
pub mod frontmatter;
pub mod ids;
pub mod links;
pub mod node;
pub mod persona;
pub mod planning;
pub mod post;
pub mod repeat;
pub mod review;
pub mod strategy;
pub mod time;
