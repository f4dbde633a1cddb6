//! Planning depth (issue 23) through the real binary: hashtag sets and banned hashtags,
//! series and the evergreen pool, the crisis plan and held posts, budget against
//! results, and the planner's views. Each part has a fixture `tests/fixtures/planning-*`
//! whose figures were worked out by hand (see the comments in each EXPECTED.tsv).

use std::path::Path;

use serde_json::Value;

use crate::common::{self, check_json, expected, findings, fixture};

/// `touchpoint export DIR --format FORMAT [extra…]`, its stdout (the command must succeed).
fn export(dir: &Path, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["export", dir.to_str().unwrap(), "--format", format];
    args.extend_from_slice(extra);
    let out = common::touchpoint(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON queue's rows.
fn rows(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let json: Value = serde_json::from_str(&export(dir, "json", extra)).unwrap();
    json["rows"].as_array().cloned().unwrap()
}

/// The fixture's findings are exactly its EXPECTED.tsv.
fn assert_expected(name: &str, today: &str) {
    let dir = fixture(name);
    let (_, json) = check_json(&dir, today);
    assert_eq!(findings(&json, |_| true), expected(&dir), "{name}");
}

#[test]
fn hashtag_sets_and_banned_tags_are_reported_at_their_lines() {
    assert_expected("planning-hashtags", "2027-03-01");
}

#[test]
fn hashtag_sets_join_every_platform_text_after_the_posts_own_tags() {
    let dir = fixture("planning-hashtags");
    let rows = rows(&dir, &["--allow-errors"]);
    let sets = rows.iter().find(|r| r["post"] == "sets").unwrap();
    // "Fahrrad" is the post's own and is not repeated from the set.
    assert_eq!(
        sets["text"],
        "Drei Checks vor dem Frost.\n\n#winter #Fahrrad #werkstatt #radwerk"
    );
    let csv = export(&dir, "csv", &["--allow-errors"]);
    assert!(csv.contains("#winter #Fahrrad #werkstatt #radwerk"), "{csv}");
}
