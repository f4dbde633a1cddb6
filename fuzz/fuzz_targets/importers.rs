//! Any bytes as a file under metrics/, whatever its container: CSV text, a spreadsheet
//! (an OLE or zip header sends the bytes to calamine) or a zip of CSV files (YouTube
//! Studio's download). Sniffing, every importer and the header search must never panic,
//! and every finding must name the file (or a `<file>/<entry>` inside it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = touchpoint::metrics::parse_file("metrics/fuzz.bin", data);
    for d in &parsed.diagnostics {
        assert!(d.file.starts_with("metrics/fuzz.bin"), "{}", d.file);
    }
    for record in &parsed.records {
        assert!(record.file.starts_with("metrics/fuzz.bin"));
        assert!(record.completion_rate.is_none_or(f64::is_finite));
        assert!(record.watch_seconds.is_none_or(|s| s.is_finite() && s >= 0.0));
    }
});
