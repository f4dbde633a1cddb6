//! Any bytes as a file under metrics/: format detection and every importer must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (records, diagnostics) = touchpoint::metrics::parse_csv("metrics/fuzz.csv", data);
    for d in &diagnostics {
        assert!(d.line >= 1 || d.line == 0);
    }
    let _ = records.len();
});
