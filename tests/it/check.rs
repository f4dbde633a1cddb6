//! `touchpoint check` on fixture repositories: rules, files, lines and exit codes.

use crate::common;

use common::{check_json, expected, findings, fixture, touchpoint};

#[test]
fn every_planted_problem_is_reported_at_its_line() {
    let dir = fixture("foundation");
    let (code, json) = check_json(&dir, "2026-11-29");
    assert_eq!(code, 1, "errors mean exit code 1");
    assert_eq!(findings(&json, |_| true), expected(&dir));
}

#[test]
fn json_report_has_the_documented_shape() {
    let (_, json) = check_json(&fixture("foundation"), "2026-11-29");
    assert_eq!(json["version"], 1);
    assert!(json["summary"]["errors"].as_u64().unwrap() > 0);
    let first = &json["diagnostics"][0];
    for key in [
        "rule",
        "severity",
        "file",
        "line",
        "column",
        "end_column",
        "message",
        "help",
    ] {
        assert!(first.get(key).is_some(), "diagnostic lacks `{key}`: {first}");
    }
}

#[test]
fn human_output_shows_location_source_line_and_help() {
    let dir = fixture("foundation");
    let out = touchpoint(&["check", "--today", "2026-11-29", dir.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[unknown-pillar]: unknown pillar `tipps`"),
        "{text}"
    );
    assert!(text.contains("posts/references.md:6:10"), "{text}");
    assert!(text.contains("pillar = \"tipps\""), "{text}");
    assert!(text.contains("help: did you mean `tips`?"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
    assert!(text.trim_end().ends_with("in 17 files"), "{text}");
}

#[test]
fn lint_levels_can_silence_or_escalate_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let init = touchpoint(&["init", repo.to_str().unwrap()]);
    assert!(init.status.success());
    let post = repo.join("posts/hello-world.md");
    let text = std::fs::read_to_string(&post)
        .unwrap()
        .replace("status = \"draft\"", "status = \"draft\"\nmood = 1");
    std::fs::write(&post, text).unwrap();
    let (code, json) = check_json(&repo, "2026-11-29");
    assert_eq!(
        (code, json["summary"]["warnings"].as_u64()),
        (0, Some(1)),
        "{json}"
    );

    let config = repo.join("touchpoint.toml");
    let lints = |level: &str| {
        format!(
            "{}\n[lints]\nunknown-key = \"{level}\"\n",
            std::fs::read_to_string(&config).unwrap()
        )
    };
    let original = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, lints("deny")).unwrap();
    assert_eq!(
        check_json(&repo, "2026-11-29").0,
        1,
        "deny turns the warning into an error"
    );
    std::fs::write(&config, original).unwrap();
    std::fs::write(&config, lints("allow")).unwrap();
    let (code, json) = check_json(&repo, "2026-11-29");
    assert_eq!((code, json["diagnostics"].as_array().unwrap().len()), (0, 0));
}

#[test]
fn init_scaffolds_a_clean_repository_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("new");
    assert!(touchpoint(&["init", repo.to_str().unwrap()]).status.success());
    let (code, json) = check_json(&repo, "2026-11-29");
    assert_eq!(code, 0, "{json}");
    let again = touchpoint(&["init", repo.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

#[test]
fn a_folder_without_touchpoint_toml_cannot_be_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = touchpoint(&["check", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("touchpoint init"));
    let missing = touchpoint(&["check", "/nonexistent/touchpoint-repo"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn rules_lists_every_rule_once() {
    let out = touchpoint(&["rules", "--format", "json"]);
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<&str> = rules.iter().map(|r| r["name"].as_str().unwrap()).collect();
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count, "rule names are unique");
    assert!(names.contains(&"unknown-pillar") && names.contains(&"syntax-error"));
}

#[test]
fn every_platform_rule_fires_at_its_line() {
    let dir = fixture("platforms");
    let (code, json) = check_json(&dir, "2026-11-29");
    assert_eq!(code, 1);
    let is_platform_rule = |name: &str| {
        touchpoint::validate::platform::RULES
            .iter()
            .any(|r| r.name == name)
    };
    assert_eq!(findings(&json, is_platform_rule), expected(&dir));
}

#[test]
fn example_project_is_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
    // Clean as of the day its authors wrote it, and on any day before.
    for today in ["2027-01-17", "2026-11-29"] {
        let (code, json) = check_json(&dir, today);
        assert_eq!(code, 0);
        assert_eq!(
            json["diagnostics"].as_array().unwrap().len(),
            0,
            "{today}: {json:#}"
        );
    }
}
