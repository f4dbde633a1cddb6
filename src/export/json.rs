//! The publish queue as JSON, described by `schema/publish-queue.schema.json`.
//!
//! Layout: `{"schema_version": 1, "project": …, "timezone": …, "rows": [Row, …]}` with the
//! fields of [`super::Row`] in declaration order, pretty-printed (two-space indent), LF line
//! endings and a final newline. `schema_version` changes only on incompatible changes.
//!
//! The document is written piece by piece (head, each row, tail) so that a queue of
//! 200,000 rows never has to be one string in memory; the pieces join into exactly what
//! `serde_json::to_writer_pretty` writes for the whole document.

use super::{Queue, Row, SCHEMA_VERSION};

/// How deep a row sits in the document: inside the top-level object and the `rows` array.
const ROW_INDENT: &[u8] = b"    ";

/// The document up to and including the `rows` array's `[`.
pub(super) fn head(queue: &Queue, out: &mut Vec<u8>) {
    out.extend_from_slice(format!("{{\n  \"schema_version\": {SCHEMA_VERSION},\n").as_bytes());
    for (key, value) in [("project", &queue.project), ("timezone", &queue.timezone)] {
        out.extend_from_slice(format!("  \"{key}\": ").as_bytes());
        push_json(out, value);
        out.extend_from_slice(b",\n");
    }
    out.extend_from_slice(b"  \"rows\": [");
}

/// Row number `index` (from 0) of the `rows` array, with the separator before it.
pub(super) fn row(index: usize, row: &Row, out: &mut Vec<u8>) {
    out.extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
    let mut alone = Vec::with_capacity(1024);
    push_json(&mut alone, row);
    // A JSON string never holds a raw line break, so every one in the row is structure,
    // and indenting after each puts the row at its depth in the document.
    out.extend_from_slice(ROW_INDENT);
    for line in alone.split_inclusive(|&byte| byte == b'\n') {
        out.extend_from_slice(line);
        if line.ends_with(b"\n") {
            out.extend_from_slice(ROW_INDENT);
        }
    }
}

/// The end of the `rows` array (`rows` rows were written) and of the document.
pub(super) fn tail(rows: usize, out: &mut Vec<u8>) {
    out.extend_from_slice(if rows == 0 { b"]\n}\n" } else { b"\n  ]\n}\n" });
}

/// Appends `value` pretty-printed. Serialising plain strings, numbers and lists into
/// memory cannot fail; an empty value would be caught by every consumer and by the tests.
fn push_json(out: &mut Vec<u8>, value: &impl serde::Serialize) {
    let _ = serde_json::to_writer_pretty(out, value);
}

#[cfg(test)]
mod tests {
    use super::super::{Format, Queue, render};

    /// The pieces must join into what serde_json writes for the whole document.
    fn whole_document(queue: &Queue) -> String {
        #[derive(serde::Serialize)]
        struct Document<'a> {
            schema_version: u32,
            project: &'a str,
            timezone: &'a str,
            rows: &'a [super::Row],
        }
        let doc = Document {
            schema_version: super::SCHEMA_VERSION,
            project: &queue.project,
            timezone: &queue.timezone,
            rows: &queue.rows,
        };
        serde_json::to_string_pretty(&doc).unwrap() + "\n"
    }

    #[test]
    fn rows_written_one_by_one_make_the_whole_document() {
        let mut queue = crate::export::csv::tests::queue(Vec::new());
        queue.project = "Rad \"werk\"\n".into();
        let words = Default::default();
        assert_eq!(render(&queue, Format::Json, &words), whole_document(&queue));
        queue.rows = vec![crate::export::csv::tests::awkward_row(); 3];
        queue.rows[1].thread.clear();
        assert_eq!(render(&queue, Format::Json, &words), whole_document(&queue));
    }
}
