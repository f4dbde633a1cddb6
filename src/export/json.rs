//! The publish queue as JSON, described by `schema/publish-queue.schema.json`.
//!
//! Layout: `{"schema_version": 1, "project": …, "timezone": …, "rows": [Row, …]}` with the
//! fields of [`super::Row`] in declaration order, pretty-printed, LF line endings and a
//! final newline. `schema_version` changes only on incompatible changes.

use serde::Serialize;

use super::{Queue, Row, SCHEMA_VERSION};

/// The document written to disk; a separate struct so its key order is fixed here.
#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    project: &'a str,
    timezone: &'a str,
    rows: &'a [Row],
}

/// Renders the queue as pretty-printed JSON, byte-identical for identical queues.
pub fn render(queue: &Queue) -> String {
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        project: &queue.project,
        timezone: &queue.timezone,
        rows: &queue.rows,
    };
    // Serialising plain strings, numbers and lists cannot fail; an empty string would be
    // caught by every consumer and by the tests.
    // Sized for the whole queue up front (about 600 bytes a row), so a 100 MB document is
    // not grown by doubling.
    let mut out = Vec::with_capacity(1024 + queue.rows.len() * 640);
    if serde_json::to_writer_pretty(&mut out, &doc).is_err() {
        return String::new();
    }
    out.push(b'\n');
    // serde_json writes UTF-8.
    String::from_utf8(out).unwrap_or_default()
}
