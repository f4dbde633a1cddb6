//! README is the user's manual: every rule must be documented there.

use crate::common;

#[test]
fn every_rule_is_documented_in_readme() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let out = common::touchpoint(&["rules", "--format", "json"]);
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let missing: Vec<&str> = rules
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .filter(|name| !readme.contains(&format!("`{name}`")))
        .collect();
    assert!(missing.is_empty(), "rules missing from README.md: {missing:?}");
}
