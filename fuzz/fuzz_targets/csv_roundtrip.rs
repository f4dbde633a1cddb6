//! Any strings as the cells of the publish queue: what the export's CSV writer writes,
//! the csv crate reads back as the same strings, cell for cell and row for row (commas,
//! quotes, line breaks, `\r`, NUL, a lone `"`, a leading BOM or `sep=` all survive).
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use touchpoint::export::csv::{COLUMNS, LIST_SEPARATOR, render};
use touchpoint::export::{Media, Queue, Row, format_local, format_utc};
use touchpoint::model::Status;
use touchpoint::platform::Platform;

fuzz_target!(|data: &[u8]| {
    // 0xFF never occurs in UTF-8, so it separates the strings without limiting them.
    let strings: Vec<String> = data
        .split(|&b| b == 0xFF)
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect();
    let at = |i: usize| strings[i % strings.len()].clone();
    let when = Utc.timestamp_opt(1_796_000_000, 0).unwrap();
    // Two rows of 14 strings each, the second shifted, so rows cannot bleed into each other.
    let rows: Vec<Row> = (0..2)
        .map(|shift| {
            let s = |i: usize| at(i + shift * 5);
            Row {
                id: s(0),
                post: s(1),
                file: s(2),
                title: s(3),
                status: Status::ALL[shift % Status::ALL.len()],
                platform: Platform::ALL[shift % Platform::ALL.len()],
                account: Some(s(4)),
                publish_at_utc: when,
                publish_at_local: when.with_timezone(&chrono_tz::Europe::Berlin),
                text: s(5),
                thread: vec![s(6), s(7)],
                first_comment: Some(s(8)),
                link: Some(s(9)),
                media: vec![Media {
                    path: s(10),
                    alt: Some(s(11)),
                }],
                campaign: Some(s(12)),
                pillar: Some(s(13)),
                source: Default::default(),
            }
        })
        .collect();
    let expected: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let opt = |v: &Option<String>| v.clone().unwrap_or_default();
            vec![
                r.id.clone(),
                format_utc(&r.publish_at_utc),
                format_local(&r.publish_at_local),
                r.platform.name().to_owned(),
                opt(&r.account),
                r.text.clone(),
                r.thread.join(LIST_SEPARATOR),
                opt(&r.first_comment),
                opt(&r.link),
                r.media[0].path.clone(),
                opt(&r.media[0].alt),
                r.post.clone(),
                r.file.clone(),
                r.title.clone(),
                r.status.name().to_owned(),
                opt(&r.campaign),
                opt(&r.pillar),
                // The source columns of a row without a source: all empty.
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    let queue = Queue {
        project: "fuzz".into(),
        timezone: "Europe/Berlin".into(),
        rows,
        refused: Vec::new(),
        unscheduled: Vec::new(),
    };
    let written = render(&queue);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(written.as_bytes());
    let read: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("the written CSV reads back"))
        .collect();
    assert_eq!(
        read.len(),
        1 + expected.len(),
        "one header and one line per row:\n{written}"
    );
    assert!(read[0].iter().eq(COLUMNS), "the header row reads back");
    for (record, cells) in read[1..].iter().zip(&expected) {
        assert_eq!(
            record.len(),
            COLUMNS.len(),
            "every row has every column:\n{written}"
        );
        for ((got, want), column) in record.iter().zip(cells).zip(COLUMNS) {
            assert!(same_cell(got, want), "{column}: wrote {want:?}, read {got:?}");
        }
    }
});

/// Whether a cell read back is the string written. A parallel change neutralises cells that
/// start like a spreadsheet formula (`=`, `+`, `-`, `@`, tab, carriage return) with a leading
/// `'`, as OWASP recommends, and Touchpoint's own readers undo it; so a read cell equal to the
/// written one after dropping such a `'` also counts. Once that lands, the target can call the
/// reader's own undo instead.
fn same_cell(got: &str, want: &str) -> bool {
    got == want
        || got
            .strip_prefix('\'')
            .is_some_and(|rest| rest.starts_with(['=', '+', '-', '@', '\t', '\r']) && rest == want)
}
