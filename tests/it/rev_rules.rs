//! Editorial review (issue 19): the four-eyes rules and review comments as files, run
//! through the real binary on `tests/fixtures/rev-rules/`.

use std::path::Path;

use crate::common::{check_json, expected, findings, fixture, touchpoint};

const TODAY: &str = "2027-01-17";

/// The four-eyes fixture: `tests/fixtures/rev-rules/four-eyes`.
fn four_eyes() -> std::path::PathBuf {
    fixture("rev-rules/four-eyes")
}

/// A temp copy of the four-eyes fixture whose touchpoint.toml is `edit`ed.
fn edited_copy(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&four_eyes(), dir.path());
    let config = dir.path().join("touchpoint.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, edit(text)).unwrap();
    dir
}

/// The severity of each finding of `rule`.
fn severities(json: &serde_json::Value, rule: &str) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| d["severity"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn review_rules_and_comment_errors_fire_at_their_lines() {
    let dir = four_eyes();
    let (code, json) = check_json(&dir, TODAY);
    assert_eq!(code, 1, "the fixture has errors");
    assert_eq!(findings(&json, |_| true), expected(&dir));
    assert_eq!(severities(&json, "self-approval"), ["error", "error"]);
    assert_eq!(severities(&json, "missing-approval"), ["error"]);
    assert_eq!(severities(&json, "open-comments"), ["warning"]);
}

#[test]
fn unknown_approver_suggests_the_closest_name() {
    let out = touchpoint(&["check", "--today", TODAY, four_eyes().to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("posts/typo-approver.md:7:1"), "{text}");
    assert!(text.contains("help: did you mean `ana`?"), "{text}");
}

#[test]
fn without_a_review_table_four_eyes_findings_are_warnings() {
    let repo = edited_copy(|text| text.replace("[review]\napprovers = [\"tim\", \"ana\"]\n", ""));
    let (_, json) = check_json(repo.path(), TODAY);
    assert_eq!(severities(&json, "self-approval"), ["warning", "warning"]);
    assert_eq!(severities(&json, "missing-approval"), ["warning"]);
    assert!(
        severities(&json, "unknown-approver").is_empty(),
        "no approver list, no unknown approver"
    );
}

#[test]
fn lint_levels_apply_to_the_review_rules() {
    let repo = edited_copy(|text| {
        format!("{text}\n[lints]\nself-approval = \"allow\"\nmissing-approval = \"warn\"\n")
    });
    let (_, json) = check_json(repo.path(), TODAY);
    assert!(severities(&json, "self-approval").is_empty());
    assert_eq!(severities(&json, "missing-approval"), ["warning"]);
}

#[test]
fn an_empty_review_table_makes_errors_but_accepts_any_approver() {
    let repo = edited_copy(|text| text.replace("approvers = [\"tim\", \"ana\"]\n", ""));
    let (_, json) = check_json(repo.path(), TODAY);
    assert_eq!(severities(&json, "self-approval"), ["error", "error"]);
    assert!(severities(&json, "unknown-approver").is_empty());
}

#[test]
fn unknown_keys_under_review_are_reported() {
    let repo = edited_copy(|text| text.replace("[review]\n", "[review]\napprover = \"tim\"\n"));
    let (_, json) = check_json(repo.path(), TODAY);
    let found = findings(&json, |rule| rule == "unknown-key");
    assert!(
        found.contains(&("touchpoint.toml".to_owned(), 8, "unknown-key".to_owned())),
        "{found:?}"
    );
}

#[test]
fn open_comments_show_on_the_post_page_and_the_comments_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let repo = four_eyes();
    touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    let read = |page: &str| std::fs::read_to_string(out.join(page)).unwrap();
    let post = read("posts/open-comments.html");
    assert!(post.contains("Der erste Satz ist zu lang für X."), "{post}");
    assert!(
        !post.contains("Bild zeigt das alte Logo."),
        "resolved comments are not shown"
    );
    assert!(
        post.contains("reviews/open-comments.md:2"),
        "the page says where to resolve it"
    );
    let comments = read("comments.html");
    assert!(comments.contains("Der erste Satz ist zu lang für X."));
    assert!(
        comments.contains("Bitte &lt;b&gt;Preis&lt;/b&gt; nennen &amp; Link prüfen."),
        "comment text is escaped: {comments}"
    );
    assert!(!comments.contains("Passt."), "resolved comments are not listed");
    assert!(
        !comments.contains("Schon draußen"),
        "resolved YAML comments are not listed"
    );
    assert!(
        read("index.html").contains("href=\"comments.html\""),
        "the nav links the page"
    );
}

#[test]
fn a_project_without_comments_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    assert!(touchpoint(&["init", repo.to_str().unwrap()]).status.success());
    std::fs::remove_dir_all(repo.join("reviews")).unwrap();
    let out = tmp.path().join("site");
    let built = touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let comments = std::fs::read_to_string(out.join("comments.html")).unwrap();
    assert!(comments.contains("No open comments."), "{comments}");
}

#[test]
fn init_writes_a_review_policy_its_posts_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    assert!(touchpoint(&["init", repo.to_str().unwrap()]).status.success());
    let config = std::fs::read_to_string(repo.join("touchpoint.toml")).unwrap();
    assert!(config.contains("[review]"), "{config}");
    let (code, json) = check_json(&repo, TODAY);
    assert_eq!(code, 0, "{json}");
    let review_rules = [
        "missing-approval",
        "self-approval",
        "unknown-approver",
        "open-comments",
        "unknown-review-post",
    ];
    assert!(
        findings(&json, |r| review_rules.contains(&r)).is_empty(),
        "{json}"
    );
}

#[test]
fn the_example_project_has_no_review_findings() {
    let (code, json) = check_json(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project"),
        TODAY,
    );
    assert_eq!(code, 0);
    assert_eq!(json["summary"]["warnings"], 0, "{json}");
}
