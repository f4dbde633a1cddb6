//! Any bytes as the rows under a known header: every cell of every recognised export
//! (normalised, X, Meta) goes through the cell readers (counts with either number style,
//! dates, publish times, permalinks, post ids) without the fuzzer first having to find a
//! header. Reading must never panic, a row is a record or a finding, and permalinks come
//! out already normalised.
#![no_main]

use libfuzzer_sys::fuzz_target;
use touchpoint::metrics::{PostKey, normalise_permalink, parse_csv};

/// The example project's exports, one per format: their header rows head the input.
const EXAMPLES: [&str; 3] = [
    include_str!("../../example-project/metrics/normalised.csv"),
    include_str!("../../example-project/metrics/x-tweet-activity.csv"),
    include_str!("../../example-project/metrics/instagram-posts.csv"),
];

/// File names with and without the snapshot date exports put in them.
const FILES: [&str; 2] = [
    "metrics/fuzz.csv",
    "metrics/account_analytics_content_2026-04-27_2026-07-25.csv",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rows)) = data.split_first() else {
        return;
    };
    let example = EXAMPLES[usize::from(selector) % EXAMPLES.len()];
    let header = example.lines().next().unwrap_or_default();
    // `;` files are German exports: `1.500` is fifteen hundred and `,` the decimal mark.
    let delimiter = if selector & 0x10 == 0 { "," } else { ";" };
    let file = FILES[usize::from(selector >> 5) % FILES.len()];
    let mut bytes = header.replace(',', delimiter).into_bytes();
    bytes.push(b'\n');
    bytes.extend_from_slice(rows);
    let (records, diagnostics) = parse_csv(file, &bytes);
    for r in &records {
        assert!(r.line >= 2, "a record from the header line: {r:?}");
        if let PostKey::Permalink(link) = &r.key {
            assert_eq!(&normalise_permalink(link), link, "a permalink left unnormalised");
        }
    }
    for d in &diagnostics {
        let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
        assert!(d.line as usize <= lines, "a finding past the last line: {d:?}");
    }
});
