//! The language layer end to end: build German and English repositories with the real
//! binary and read the pages people see (report, overview, calendar) for numbers, dates
//! and plurals in the repository's language, and a project's word override.

use std::path::{Path, PathBuf};

use crate::common::{fixture, touchpoint};

/// Builds the fixture `tests/fixtures/lang/<name>` into a fresh folder.
fn build(name: &str) -> (tempfile::TempDir, PathBuf) {
    build_dir(&fixture("lang").join(name), "2027-03-30")
}

/// Builds `dir` into a fresh folder with a fixed today.
fn build_dir(dir: &Path, today: &str) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = touchpoint(&[
        "build",
        dir.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--today",
        today,
    ]);
    assert!(
        run.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    (out, site)
}

/// The text people read on a page: tags (and with them attributes and SVG coordinates)
/// removed, the text of SVG `<text>` elements kept.
fn visible_text(site: &Path, page: &str) -> String {
    let html = std::fs::read_to_string(site.join(page)).unwrap();
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Every `d,ddd` (English thousands) or `d.d` + `%` without a space (English percent) in
/// `text`: what a German page must not show.
fn english_forms(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for i in 1..chars.len() {
        let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
        if chars[i] == ',' && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4) {
            found.push(chars[i - 1..=i + 3].iter().collect());
        }
        if chars[i] == '%' && digit(i - 1) {
            found.push(chars[i.saturating_sub(4)..=i].iter().collect());
        }
    }
    found
}

#[test]
fn a_german_report_writes_numbers_dates_and_plurals_in_german() {
    let (_out, site) = build("de");
    let report = visible_text(&site, "report.html");
    for wanted in [
        "113.274",
        "100.000",
        "4,5 %",
        "1.234",
        "17.03.2027",
        "1 Beitrag",
        "12.000 (17.03.2027)",
        "12.500 (24.03.2027)",
        "+500 (+4,2 %)",
    ] {
        assert!(report.contains(wanted), "report lacks {wanted:?}");
    }
    assert!(!report.contains("1 Posts") && !report.contains("1 Beiträge"));
    for page in ["report.html", "index.html", "calendar/2027-03.html", "posts.html"] {
        let text = visible_text(&site, page);
        assert_eq!(
            english_forms(&text),
            Vec::<String>::new(),
            "English forms on {page}"
        );
    }
}

#[test]
fn german_overview_and_calendar_use_german_dates_and_plurals() {
    let (_out, site) = build("de");
    let index = visible_text(&site, "index.html");
    assert!(index.contains("Di, 30.03.2027"), "today as a German date");
    assert!(
        index.contains("1 Fehler") || index.contains(" Fehler "),
        "{index}"
    );
    let calendar = visible_text(&site, "calendar/2027-03.html");
    assert!(calendar.contains("1 Beitrag"), "calendar counts one post");
    assert!(calendar.contains("März 2027"));
    let diagnostics = visible_text(&site, "diagnostics.html");
    assert!(diagnostics.contains("1 Fehler, 1 Warnung"), "{diagnostics}");
}

#[test]
fn an_english_report_writes_numbers_dates_and_plurals_in_english() {
    let (_out, site) = build("en");
    let report = visible_text(&site, "report.html");
    for wanted in [
        "113,274",
        "4.5%",
        "Mar 17, 2027",
        "1 post",
        "12,000 (Mar 17, 2027)",
        "12,500 (Mar 24, 2027)",
        "+500 (+4.2%)",
    ] {
        assert!(report.contains(wanted), "report lacks {wanted:?}");
    }
    assert!(!report.contains("4.5 %") && !report.contains("1 posts"));
    let diagnostics = visible_text(&site, "diagnostics.html");
    assert!(diagnostics.contains("1 error, 1 warning"), "{diagnostics}");
}

#[test]
fn the_example_project_report_is_german_throughout() {
    let (_out, site) = build_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project"),
        "2027-01-17",
    );
    for page in ["report.html", "index.html", "calendar/2026-12.html"] {
        let text = visible_text(&site, page);
        assert_eq!(
            english_forms(&text),
            Vec::<String>::new(),
            "English forms on {page}"
        );
    }
    let report = visible_text(&site, "report.html");
    assert!(report.contains("01.12.2026"), "report period in German dates");
    assert!(report.contains(" %"), "German percentages");
}

#[test]
fn a_project_word_list_overrides_single_words() {
    let (_out, site) = build("de");
    let index = visible_text(&site, "index.html");
    assert!(index.contains("Startseite"), "overridden nav label");
    assert!(index.contains("Kalender"), "other words stay built in");
}

#[test]
fn a_misspelt_override_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&fixture("lang").join("de"), dir.path());
    std::fs::write(
        dir.path().join("lang/de.toml"),
        "[site]\noverview = \"Start\"\novervew = \"Start\"\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = touchpoint(&[
        "build",
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("lang/de.toml:3"), "{stderr}");
    assert!(stderr.contains("overvew"), "{stderr}");
}
