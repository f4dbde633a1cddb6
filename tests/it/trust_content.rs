//! Hostile content stays inert: control characters never reach the terminal raw, links
//! must be http(s), ids that become file names are checked, and raw HTML in a caption
//! is reported while its words still reach the network (issue 16).

use crate::common;

use std::path::{Path, PathBuf};

use common::{check_json, touchpoint};

const TODAY: &str = "2027-01-01";

/// A fresh `touchpoint init` repository in `tmp`.
fn init_repo(tmp: &Path) -> PathBuf {
    let repo = tmp.join("repo");
    let init = touchpoint(&["init", repo.to_str().unwrap()]);
    assert!(init.status.success(), "{init:?}");
    repo
}

/// Replaces `from` by `to` in the repository file `rel`, which must contain it.
fn edit(repo: &Path, rel: &str, from: &str, to: &str) {
    let path = repo.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of `rel` that contains `needle`.
fn line_of(repo: &Path, rel: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(repo.join(rel)).unwrap();
    let index = text.lines().position(|l| l.contains(needle));
    index.unwrap_or_else(|| panic!("{rel} lacks {needle:?}")) as u64 + 1
}

/// The findings of `rule` in the JSON report, as (file, line).
fn found(json: &serde_json::Value, rule: &str) -> Vec<(String, u64)> {
    let all = json["diagnostics"].as_array().unwrap();
    all.iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

const POST: &str = "posts/hello-world.md";

#[test]
fn control_and_bidi_characters_are_escaped_in_human_output() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = init_repo(tmp.path());
    // An ESC sequence written as a TOML escape, and a raw right-to-left override.
    edit(
        &repo,
        POST,
        "campaign = \"launch\"",
        "campaign = \"la\\u001b[31mun\u{202e}ch\"",
    );
    let dir = repo.to_str().unwrap();
    let check = touchpoint(&["check", "--today", TODAY, dir]);
    let build = touchpoint(&["build", "--today", TODAY, dir]);
    for (name, text) in [("check", &check.stdout), ("build", &build.stderr)] {
        let text = String::from_utf8(text.clone()).unwrap();
        assert!(!text.contains('\u{1b}'), "{name}: raw ESC in {text:?}");
        assert!(!text.contains('\u{202e}'), "{name}: raw U+202E in {text:?}");
        assert!(
            text.contains("unknown campaign `la\\u{1b}[31mun\\u{202e}ch`"),
            "{name}: {text}"
        );
        assert!(
            text.contains("\"la\\u001b[31mun\\u{202e}ch\""),
            "{name}: source line {text}"
        );
    }
    let (_, json) = check_json(&repo, TODAY);
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unknown-campaign")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        ["unknown campaign `la\u{1b}[31mun\u{202e}ch`"],
        "JSON keeps the value"
    );
}

#[test]
fn control_characters_in_file_names_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = init_repo(tmp.path());
    let post = std::fs::read_to_string(repo.join(POST)).unwrap();
    let evil = "posts/evil\u{1b}]0;owned\u{7}.md";
    std::fs::write(
        repo.join(evil),
        post.replace("pillar = \"know-how\"", "pillar = \"nope\""),
    )
    .unwrap();
    let check = touchpoint(&["check", "--today", TODAY, repo.to_str().unwrap()]);
    let text = String::from_utf8(check.stdout).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("posts/evil\\u{1b}]0;owned\\u{7}.md:"), "{text}");
}

#[test]
fn links_that_are_not_http_or_https_are_an_error_at_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = init_repo(tmp.path());
    let link = line_of(&repo, POST, "link = ");
    for (value, bad) in [
        ("javascript:alert(1)", true),
        ("data:text/html,<script>alert(1)</script>", true),
        ("file:///etc/passwd", true),
        ("mailto:hello@example.com", true),
        ("https://example.com/spring", false),
        ("http://example.com/", false),
    ] {
        let text = std::fs::read_to_string(repo.join(POST)).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("link = "))
            .unwrap()
            .to_owned();
        std::fs::write(
            repo.join(POST),
            text.replace(&line, &format!("link = \"{value}\"")),
        )
        .unwrap();
        let (code, json) = check_json(&repo, TODAY);
        let expected = if bad {
            vec![(POST.to_owned(), link)]
        } else {
            vec![]
        };
        assert_eq!(found(&json, "link-scheme"), expected, "{value}");
        assert_eq!(code, i32::from(bad), "{value}: {json}");
    }
}

#[test]
fn a_bad_link_or_permalink_is_an_error_and_never_exported() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = init_repo(tmp.path());
    edit(
        &repo,
        POST,
        "link = \"https://example.com/\"",
        "link = \"javascript:alert(1)\"",
    );
    edit(
        &repo,
        POST,
        "\n+++\n",
        "\n[linkedin]\npermalink = \"data:text/html,x\"\n+++\n",
    );
    let (_, json) = check_json(&repo, TODAY);
    let (link, permalink) = (line_of(&repo, POST, "link = "), line_of(&repo, POST, "permalink"));
    let expected = vec![(POST.to_owned(), link), (POST.to_owned(), permalink)];
    assert_eq!(found(&json, "link-scheme"), expected, "{json}");
    let all = json["diagnostics"].as_array().unwrap();
    let finding = all.iter().find(|d| d["rule"] == "link-scheme").unwrap();
    assert!(
        finding["help"].as_str().unwrap().contains("https://"),
        "{finding}"
    );
    let export = touchpoint(&[
        "export",
        "--format",
        "json",
        "--allow-errors",
        "--status",
        "draft",
        "--today",
        TODAY,
        repo.to_str().unwrap(),
    ]);
    let queue = String::from_utf8(export.stdout).unwrap();
    assert!(queue.contains("hello-world"), "{queue}");
    assert!(
        !queue.contains("javascript:") && !queue.contains("data:text"),
        "{queue}"
    );
}

#[test]
fn ids_that_climb_out_are_an_error_at_their_line_and_build_stays_inside() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = init_repo(tmp.path());
    edit(
        &repo,
        "strategy.toml",
        "id = \"know-how\"",
        "id = \"../../../zz-escaped\"",
    );
    edit(&repo, "strategy.toml", "id = \"reach\"", "id = \"../zz-goal\"");
    edit(
        &repo,
        POST,
        "pillar = \"know-how\"",
        "pillar = \"../../../zz-escaped\"",
    );
    edit(
        &repo,
        POST,
        "campaign = \"launch\"",
        "campaign = \"../../../zz-campaign\"",
    );
    edit(
        &repo,
        POST,
        "personas = [\"first-customer\"]",
        "personas = [\"../../../zz-persona\"]",
    );
    let (code, json) = check_json(&repo, TODAY);
    assert_eq!(code, 1);
    let strategy = |needle| {
        (
            "strategy.toml".to_owned(),
            line_of(&repo, "strategy.toml", needle),
        )
    };
    let invalid = found(&json, "invalid-id");
    assert_eq!(
        invalid,
        vec![strategy("../zz-goal"), strategy("../../../zz-escaped")],
        "{json}"
    );
    let at = |needle| vec![(POST.to_owned(), line_of(&repo, POST, needle))];
    assert_eq!(found(&json, "unknown-pillar"), at("pillar = "));
    assert_eq!(found(&json, "unknown-campaign"), at("campaign = "));
    assert_eq!(found(&json, "unknown-persona"), at("personas = "));
    let help = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "invalid-id");
    assert!(
        help.unwrap()["help"].as_str().unwrap().contains("\"zz-goal\""),
        "{help:?}"
    );

    let out = tmp.path().join("site/public");
    let build = touchpoint(&[
        "build",
        "--today",
        TODAY,
        "--out",
        out.to_str().unwrap(),
        repo.to_str().unwrap(),
    ]);
    assert_eq!(
        build.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let outside: Vec<PathBuf> = walk(tmp.path())
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("zz-"))
        .collect();
    assert!(outside.is_empty(), "written outside its folder: {outside:?}");
}

/// Every file below `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The publish queue's text for `platform` of the hello-world post (a draft).
fn queued_text(repo: &Path, platform: &str) -> String {
    let export = touchpoint(&[
        "export",
        "--format",
        "json",
        "--allow-errors",
        "--status",
        "draft",
        "--today",
        TODAY,
        repo.to_str().unwrap(),
    ]);
    let queue: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let rows = queue["rows"].as_array().unwrap();
    let row = rows.iter().find(|r| r["platform"] == platform);
    row.unwrap_or_else(|| panic!("no {platform} row: {queue}"))["text"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn raw_html_in_a_caption_is_a_warning_and_keeps_its_words() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = init_repo(tmp.path());
    edit(
        &repo,
        "touchpoint.toml",
        "[platforms.linkedin]",
        "[platforms.x]\n[platforms.linkedin]",
    );
    edit(
        &repo,
        POST,
        "platforms = [\"linkedin\", \"mastodon\"]",
        "platforms = [\"linkedin\", \"x\"]",
    );
    edit(
        &repo,
        POST,
        "Our first post.",
        "<b>Sale</b> today. Our first post.",
    );
    edit(
        &repo,
        POST,
        "\n+++\n",
        "\n[x]\ntext = \"\"\"\n<div class=\"promo\">Winter sale &amp; <em>free</em> checks</div>\"\"\"\n+++\n",
    );
    let (code, json) = check_json(&repo, TODAY);
    assert_eq!(code, 0, "a warning only: {json}");
    let expected = vec![
        (POST.to_owned(), line_of(&repo, POST, "<div class")),
        (POST.to_owned(), line_of(&repo, POST, "<b>Sale</b>")),
    ];
    assert_eq!(found(&json, "html-in-text"), expected, "{json}");

    let x = queued_text(&repo, "x");
    assert!(x.starts_with("Winter sale & free checks"), "{x:?}");
    assert!(!x.contains('<'), "{x:?}");
    let linkedin = queued_text(&repo, "linkedin");
    assert!(
        linkedin.starts_with("Sale today. Our first post."),
        "{linkedin:?}"
    );
}
