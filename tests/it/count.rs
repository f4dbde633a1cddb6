//! `touchpoint count`: standard input counted as each network counts it.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `touchpoint count ARGS` with `input` on standard input; returns exit code and stdout.
fn count(args: &[&str], input: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .arg("count")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    // The binary may exit before reading (bad arguments): a broken pipe is fine then.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn json(args: &[&str], input: &str) -> (i32, serde_json::Value) {
    let mut all = args.to_vec();
    all.push("--json");
    let (code, out) = count(&all, input);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}")),
    )
}

#[test]
fn x_counts_weighted_length_as_json() {
    let (code, v) = json(&["--platform", "x"], "Hi http://test.co 👨‍👩‍👧‍👦\n");
    assert_eq!(code, 0);
    assert_eq!(
        v,
        serde_json::json!({"platform": "x", "length": 29, "limit": 280, "remaining": 251, "valid": true})
    );
}

#[test]
fn over_the_limit_exits_1() {
    let (code, v) = json(&["--platform", "bluesky"], &"a".repeat(301));
    assert_eq!(code, 1);
    assert_eq!(
        (v["remaining"].as_i64(), v["valid"].as_bool()),
        (Some(-1), Some(false))
    );
}

#[test]
fn one_trailing_newline_is_not_counted_but_others_are() {
    assert_eq!(json(&["--platform", "mastodon"], "abc\n").1["length"], 3);
    assert_eq!(json(&["--platform", "mastodon"], "abc\n\n").1["length"], 4);
    assert_eq!(json(&["--platform", "mastodon"], "abc  ").1["length"], 5);
}

#[test]
fn each_network_counts_in_its_unit() {
    let rocket = "🚀";
    let cases = [
        ("threads", 4),
        ("tiktok", 2),
        ("linkedin", 2),
        ("youtube", 4),
        ("instagram", 1),
        ("bluesky", 1),
    ];
    for (platform, expected) in cases {
        assert_eq!(
            json(&["--platform", platform], rocket).1["length"],
            expected,
            "{platform}"
        );
    }
}

#[test]
fn max_chars_overrides_the_limit() {
    let (code, v) = json(
        &["--platform", "mastodon", "--max-chars", "1000"],
        &"a".repeat(600),
    );
    assert_eq!(
        (code, v["limit"].as_u64(), v["remaining"].as_i64()),
        (0, Some(1000), Some(400))
    );
}

#[test]
fn human_output_names_network_count_and_limit() {
    let (code, out) = count(&["--platform", "instagram"], &"a".repeat(2431));
    assert_eq!(code, 1);
    assert_eq!(out.trim(), "Instagram: 2,431 of 2,200 characters (231 over)");
}

#[test]
fn unknown_platform_exits_2() {
    let (code, _) = count(&["--platform", "myspace"], "abc");
    assert_eq!(code, 2);
}
