//! The manual (README.md and the pages under docs/) holds together: every relative link and
//! anchor resolves, every page the code names exists, and every rule is documented.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown page under docs/.
fn manual() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    pages.sort();
    pages
}

/// The lines of a Markdown text outside fenced code blocks, with inline code removed.
fn prose(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            let outside_code = line.split('`').step_by(2).collect::<Vec<_>>().join("");
            lines.push(outside_code);
        }
    }
    lines
}

/// The anchor GitHub (and mdBook) gives a heading: lower case, punctuation dropped,
/// spaces as hyphens; a repeated heading gets `-1`, `-2`, ….
fn anchors(text: &str) -> BTreeSet<String> {
    let mut fenced = false;
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        if fenced {
            continue;
        }
        let title = heading.trim_start_matches('#');
        if !title.starts_with(' ') {
            continue;
        }
        let slug: String = title
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut unique = slug.clone();
        let mut n = 0;
        while seen.contains(&unique) {
            n += 1;
            unique = format!("{slug}-{n}");
        }
        seen.insert(unique);
    }
    seen
}

/// The targets of the Markdown links and images in a text: `[text](target)`.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose(text) {
        let mut rest = line.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let end = rest.find([')', ' ']).unwrap_or(rest.len());
            targets.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    targets
}

#[test]
fn every_relative_link_and_anchor_in_the_manual_resolves() {
    let mut broken = Vec::new();
    for page in manual() {
        let text = std::fs::read_to_string(&page).unwrap();
        let name = page.strip_prefix(root()).unwrap().display().to_string();
        for target in link_targets(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            if !file.exists() {
                broken.push(format!("{name}: {target} (no such file)"));
            } else if !anchor.is_empty() {
                let heads = anchors(&std::fs::read_to_string(&file).unwrap());
                if !heads.contains(anchor) {
                    broken.push(format!("{name}: {target} (no such heading)"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_page_of_docs_is_in_the_summary() {
    let summary = std::fs::read_to_string(root().join("docs/SUMMARY.md")).unwrap();
    let listed: BTreeSet<String> = link_targets(&summary).into_iter().collect();
    let missing: Vec<String> = manual()
        .iter()
        .filter(|p| p.parent().unwrap().ends_with("docs"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "SUMMARY.md" && !listed.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "pages missing from docs/SUMMARY.md: {missing:?}"
    );
}

/// Every `docs/….md` page and `README.md#anchor` that the code, the themes, the tests,
/// the benchmarks or CONTRIBUTING name exists.
#[test]
fn every_page_the_code_names_exists() {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = ["src", "themes", "tests/it", "bench", "fuzz"]
        .iter()
        .map(|d| root().join(d))
        .collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("target") && !path.ends_with("corpus") {
                    stack.push(path);
                }
            } else if path
                .extension()
                .is_some_and(|e| ["rs", "md", "html", "py", "toml"].contains(&e.to_str().unwrap()))
            {
                files.push(path);
            }
        }
    }
    files.push(root().join("CONTRIBUTING.md"));
    // This file names the patterns it looks for.
    files.retain(|f| !f.ends_with("tests/it/docs.rs"));
    let readme = anchors(&std::fs::read_to_string(root().join("README.md")).unwrap());
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        for (at, _) in text.match_indices("docs/") {
            let page: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
                .collect();
            // URLs such as `https://…/docs/…` are not ours.
            let in_url = text[..at].ends_with('/');
            if page.ends_with(".md") && !in_url && !root().join(&page).exists() {
                missing.push(format!("{name}: {page}"));
            }
        }
        for (at, _) in text.match_indices("README.md#") {
            let anchor: String = text[at + "README.md#".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
                .collect();
            if !readme.contains(&anchor) {
                missing.push(format!("{name}: README.md#{anchor}"));
            }
        }
    }
    assert!(missing.is_empty(), "named but missing:\n{}", missing.join("\n"));
}

#[test]
fn every_rule_is_documented_in_docs_rules() {
    let rules_page = std::fs::read_to_string(root().join("docs/rules.md")).unwrap();
    let out = common::touchpoint(&["rules", "--format", "json"]);
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rules.is_empty());
    let missing: Vec<&str> = rules
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .filter(|name| !rules_page.contains(&format!("`{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules missing from docs/rules.md: {missing:?}"
    );
}
