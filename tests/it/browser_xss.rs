//! No payload in any content file runs script in a reviewer's browser.
//!
//! The `site-xss` fixture puts script payloads in titles, captions, persona names, campaign
//! briefs, handles, metrics and every other field a template shows. This test rewrites each
//! `alert(...)` into code that would leave a mark on the page (`data-pwned`), builds the site,
//! loads every page in headless Chromium and reads the DOM after scripts ran. A control page
//! with a real inline script proves the browser would show the mark if anything executed.
//!
//! Needs Debian's `chromium`; `.ci/run` installs it and sets TOUCHPOINT_REQUIRE_BROWSER=1 so
//! the test cannot be skipped in CI. Elsewhere it is skipped with a message when Chromium is
//! missing.

use crate::common;

use std::path::Path;
use std::process::Command;

const MARK: &str = "document.documentElement.setAttribute('data-pwned',";

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|bin| {
            Command::new(bin)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Whether the page's root element carries the mark (the escaped payload text on the page
/// mentions `data-pwned` too; only the attribute on `<html>` means a script ran).
fn is_marked(dom: &str) -> bool {
    dom.find("<html")
        .and_then(|start| dom[start..].find('>').map(|end| &dom[start..start + end]))
        .is_some_and(|tag| tag.contains("data-pwned"))
}

fn dump_dom(browser: &str, page: &Path, profile: &Path) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
        ])
        .args([
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Copies `from` to `to`, turning every `alert(` into code that marks the page.
fn copy_with_marking_payloads(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let bytes = std::fs::read(&entry).unwrap();
        match String::from_utf8(bytes.clone()) {
            Ok(text) => std::fs::write(&target, text.replace("alert(", MARK)).unwrap(),
            Err(_) => std::fs::write(&target, bytes).unwrap(),
        }
    }
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path))
        } else {
            files.push(path)
        }
    }
    files
}

#[test]
fn no_payload_executes_in_the_built_site() {
    let _turn = common::exclusive();
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("TOUCHPOINT_REQUIRE_BROWSER").is_none(),
            "Chromium is required here but missing"
        );
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    copy_with_marking_payloads(&common::fixture("site-xss"), &repo);
    let site = tmp.path().join("site");
    let build = common::touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--today",
        "2026-12-01",
    ]);
    assert!(
        site.join("index.html").is_file(),
        "build failed: {}",
        String::from_utf8_lossy(&build.stderr)
    );

    let profile = tmp.path().join("profile");
    let control = site.join("control.html");
    std::fs::write(
        &control,
        format!("<!doctype html><html><body><script>{MARK}'control')</script></body></html>"),
    )
    .unwrap();
    assert!(
        dump_dom(browser, &control, &profile).contains("data-pwned"),
        "the control page must show the mark"
    );
    std::fs::remove_file(&control).unwrap();

    let pages: Vec<_> = walkdir(&site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(
        pages.len() >= 10,
        "the fixture site has its pages ({})",
        pages.len()
    );
    let pwned: Vec<String> = pages
        .iter()
        .filter(|page| is_marked(&dump_dom(browser, page, &profile)))
        .map(|page| page.strip_prefix(&site).unwrap().display().to_string())
        .collect();
    assert!(pwned.is_empty(), "script from content ran on: {pwned:?}");
}
