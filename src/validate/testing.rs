//! Test support: a repository written to a temporary folder, loaded, and one rule
//! family run over it, so unit tests state their input as files.

use std::path::Path;

use chrono::NaiveDate;

use crate::model::Project;

/// `touchpoint.toml` for the tests: Berlin time, Instagram and X.
pub(super) const CONFIG: &str =
    "name = \"T\"\ntimezone = \"Europe/Berlin\"\n[platforms.instagram]\n[platforms.x]\n";

/// A post file with the given front-matter lines (after `title`) and body.
pub(super) fn post(front: &str, body: &str) -> String {
    format!("+++\ntitle = \"T\"\n{front}\n+++\n{body}\n")
}

/// Writes `files` (path, text) to a temporary repository and loads it.
pub(super) fn load(files: &[(&str, &str)]) -> Project {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, text) in files {
        let path = dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, text).expect("write");
    }
    load_from(dir.path())
}

fn load_from(root: &Path) -> Project {
    crate::load::load_project(root).expect("loads").0
}

/// Runs `family` with today = 2026-12-01 and returns (file, line, rule) of each finding.
pub(super) fn run(family: &super::Family, files: &[(&str, &str)]) -> Vec<(String, u32, &'static str)> {
    let project = load(files);
    let context = super::Context {
        today: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
    };
    let mut found: Vec<_> = family
        .check(&project, &context)
        .into_iter()
        .map(|d| (d.file, d.line, d.rule))
        .collect();
    found.sort();
    found
}
