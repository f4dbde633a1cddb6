//! Differential test: X and Bluesky lengths agree with the networks' own reference code on
//! 100,000 generated texts.
//!
//! The corpus `tests/fixtures/counting/corpus.jsonl` holds, after a header line, one JSON
//! array `[x, bluesky, text]` per text: `x` is twitter-text 3.1.0's
//! `parseTweet(text).weightedLength` (what `getTweetLength` returns), `bluesky` is
//! @atproto/api's `RichText.graphemeLength` (`Intl.Segmenter` graphemes). Hand-picked
//! conformance cases miss the odd combinations a writer produces (an emoji with a tone it
//! cannot take, a link with user info, a dangling joiner); random ones find them.
//!
//! Regenerate (deterministic; versions pinned in `tests/corpus/package-lock.json`):
//!
//! ```text
//! cd tests/corpus && npm ci && node generate.mjs      # [count] [seed], default 100000 17
//! cargo test --test it counting_corpus
//! ```
//!
//! Set `COUNTING_CORPUS=file` to check another corpus (say, of another seed:
//! `node generate.mjs 100000 18 /tmp/corpus.jsonl`), and `COUNTING_CORPUS_DUMP=path` to
//! write every mismatch to `path.X.jsonl` and `path.Bluesky.jsonl` (for `minimize.mjs`).

use std::fmt::Write as _;

use touchpoint::platform::{Platform, count};

/// The committed corpus.
const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/counting/corpus.jsonl"
);
/// Mismatches printed per platform.
const SHOWN: usize = 30;

/// One generated text with the reference counts.
struct Case {
    x: usize,
    bluesky: usize,
    text: String,
}

fn cases() -> Vec<Case> {
    let path = std::env::var("COUNTING_CORPUS").unwrap_or_else(|_| CORPUS.to_owned());
    let corpus = std::fs::read_to_string(&path).expect("corpus");
    let mut lines = corpus.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().expect("header")).unwrap();
    let cases: Vec<Case> = lines
        .map(|line| {
            let (x, bluesky, text): (usize, usize, String) =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            Case { x, bluesky, text }
        })
        .collect();
    assert_eq!(header["count"].as_u64(), Some(cases.len() as u64), "{header}");
    assert!(cases.len() >= 100_000, "{} texts", cases.len());
    cases
}

/// Compares `platform`'s count with `expected` on every case; returns the report of
/// mismatches (empty when all agree) and their number.
fn compare(cases: &[Case], platform: Platform, expected: fn(&Case) -> usize) -> (String, usize) {
    let mut report = String::new();
    let mut dump = String::new();
    let mut wrong = 0;
    for case in cases {
        let want = expected(case);
        let got = count(platform, &case.text);
        if got != want {
            wrong += 1;
            if wrong <= SHOWN {
                let _ = writeln!(
                    report,
                    "  {platform:?}: reference {want}, touchpoint {got}: {:?}",
                    case.text
                );
            }
            let _ = writeln!(
                dump,
                "{}",
                serde_json::json!([format!("{platform:?}"), want, got, case.text])
            );
        }
    }
    if let Ok(path) = std::env::var("COUNTING_CORPUS_DUMP") {
        let path = format!("{path}.{platform:?}.jsonl");
        std::fs::write(&path, dump).unwrap();
    }
    if wrong > 0 {
        let _ = writeln!(
            report,
            "  {platform:?}: {wrong} of {} texts differ ({:.2} %)",
            cases.len(),
            wrong as f64 * 100.0 / cases.len() as f64
        );
    }
    (report, wrong)
}

#[test]
fn x_and_bluesky_agree_with_the_reference_implementations() {
    let cases = cases();
    // The two platforms on two threads: the debug build takes seconds for each.
    let ((x_report, x_wrong), (bluesky_report, bluesky_wrong)) = std::thread::scope(|s| {
        let x = s.spawn(|| compare(&cases, Platform::X, |c| c.x));
        let bluesky = compare(&cases, Platform::Bluesky, |c| c.bluesky);
        (x.join().unwrap(), bluesky)
    });
    assert!(
        x_wrong + bluesky_wrong == 0,
        "counts differ from the reference:\n{x_report}{bluesky_report}"
    );
}
