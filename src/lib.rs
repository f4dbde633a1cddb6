//! Touchpoint compiles a social-media content repository into diagnostics, a static
//! site and a publish queue. The pipeline runs in one direction:
//! load → parse → model → validate → render → emit.

pub mod diagnostic;
pub mod metrics;
pub mod platform;
pub mod report;
