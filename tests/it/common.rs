//! Shared helpers for integration tests: run the real binary on fixture repositories
//! and compare its JSON findings with the fixture's `EXPECTED.tsv`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Takes this test's turn among the heavy tests: those that measure how long a build
/// takes, keep a dev server or a browser running, or load every core. All integration
/// tests share one binary, so without turns they would overlap and slow each other past
/// their time limits. Hold the guard for the whole test; a test must not take two turns.
pub(crate) fn exclusive() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    // A panicking heavy test poisons the lock; the next one may still run.
    TURN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The fixture folder `tests/fixtures/<name>`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `touchpoint` with `args`.
pub(crate) fn touchpoint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// Runs `build REPO --out OUT --today 2026-12-01` (the first day of example-project's
/// plan, so the output does not depend on the day the tests run); the caller judges it.
pub(crate) fn build(repo: &Path, out: &Path) -> Output {
    touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-12-01",
    ])
}

/// Like [`build`], and fails the test with the tool's own words when it did not succeed.
pub(crate) fn build_ok(repo: &Path, out: &Path) -> Output {
    let result = build(repo, out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    result
}

/// Copies the folder `from` into `to` (created when missing), so a test can change a copy
/// of a fixture or of example-project.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// One finding as (file, line, rule).
pub(crate) type Finding = (String, u32, String);

/// Runs `check --format json` on `dir` with a fixed today; returns the exit code and findings.
pub(crate) fn check_json(dir: &Path, today: &str) -> (i32, serde_json::Value) {
    let out = touchpoint(&[
        "check",
        "--format",
        "json",
        "--today",
        today,
        dir.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap_or(-1), json)
}

/// The (file, line, rule) set of a JSON report, optionally only rules accepted by `keep`.
pub(crate) fn findings(json: &serde_json::Value, keep: impl Fn(&str) -> bool) -> BTreeSet<Finding> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| keep(d["rule"].as_str().unwrap()))
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap() as u32,
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The planted findings of a fixture: `EXPECTED.tsv` lines `file<TAB>line<TAB>rule`.
pub(crate) fn expected(dir: &Path) -> BTreeSet<Finding> {
    let text = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "EXPECTED.tsv line needs file, line, rule: {l:?}");
            (
                cols[0].to_owned(),
                cols[1].parse().expect("line number"),
                cols[2].to_owned(),
            )
        })
        .collect()
}

/// The first Chromium on PATH, for the tests that load pages in a real browser.
pub(crate) fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|bin| {
            Command::new(bin)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// The DOM of `url` after headless Chromium ran its scripts; `wait` bounds how long
/// (`--virtual-time-budget=…` for pages that settle, `--timeout=…` for pages whose event
/// stream never ends). The flags keep Chromium off the network and out of the user's profile.
pub(crate) fn dump_dom(browser: &str, url: &str, profile: &Path, wait: &str) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            wait,
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
