//! Every generated page passes the Nu HTML Checker (vnu) with 0 errors and axe-core with 0
//! violations.
//!
//! Runs `tests/browser/validate.mjs` once: it builds example-project and the fixtures
//! site-basic, report and site-xss with this binary, checks every `.html` page with vnu and
//! every page with axe-core in headless Chromium (light and, when the CSS has one, dark
//! colour scheme), and prints each problem with page, rule and target.
//!
//! Needs node, java, Debian's `chromium` and `npm ci --prefix tests/browser`; `.ci/run`
//! installs them and sets TOUCHPOINT_REQUIRE_BROWSER=1 so the test cannot be skipped in CI.
//! Elsewhere it is skipped with a message when one is missing.

use crate::common;

use std::path::Path;
use std::process::Command;

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What is missing to run the harness, if anything.
fn missing(browser_dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if !runs("node", "--version") {
        missing.push("node".to_owned());
    }
    if !runs("java", "-version") {
        missing.push("java (apt-get install default-jre-headless)".to_owned());
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    if !Path::new(&chromium).exists() {
        missing.push(format!("{chromium} (apt-get install chromium)"));
    }
    for package in ["vnu-jar", "axe-core", "playwright-core"] {
        if !browser_dir.join("node_modules").join(package).is_dir() {
            missing.push(format!(
                "tests/browser/node_modules/{package} (npm ci --prefix tests/browser)"
            ));
        }
    }
    missing
}

#[test]
fn every_page_passes_vnu_and_axe_core() {
    let _turn = common::exclusive();
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let missing = missing(&browser_dir);
    if !missing.is_empty() {
        assert!(
            std::env::var_os("TOUCHPOINT_REQUIRE_BROWSER").is_none(),
            "the HTML and accessibility checks are required here but these are missing: {}",
            missing.join(", ")
        );
        eprintln!(
            "skipped: the HTML and accessibility checks need {}",
            missing.join(", ")
        );
        return;
    }
    let out = Command::new("node")
        .arg(browser_dir.join("validate.mjs"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_touchpoint"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "vnu or axe-core found problems (exit {:?}):\n{stdout}{stderr}",
        out.status.code()
    );
    assert!(
        stdout.contains("all pages pass vnu and axe-core"),
        "{stdout}{stderr}"
    );
}
