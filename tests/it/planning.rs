//! Planning depth (issue 23) through the real binary: hashtag sets and banned hashtags,
//! series and the evergreen pool, the crisis plan and held posts, budget against
//! results, and the planner's views. Each part has a fixture `tests/fixtures/planning-*`
//! whose figures were worked out by hand (see the comments in each EXPECTED.tsv).

use std::path::Path;

use serde_json::Value;

use crate::common::{self, check_json, expected, findings, fixture};

/// `touchpoint export DIR --format FORMAT [extra…]`, its stdout (the command must succeed).
fn export(dir: &Path, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["export", dir.to_str().unwrap(), "--format", format];
    args.extend_from_slice(extra);
    let out = common::touchpoint(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON queue's rows.
fn rows(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let json: Value = serde_json::from_str(&export(dir, "json", extra)).unwrap();
    json["rows"].as_array().cloned().unwrap()
}

/// The fixture's findings are exactly its EXPECTED.tsv.
fn assert_expected(name: &str, today: &str) {
    let dir = fixture(name);
    let (_, json) = check_json(&dir, today);
    assert_eq!(findings(&json, |_| true), expected(&dir), "{name}");
}

#[test]
fn hashtag_sets_and_banned_tags_are_reported_at_their_lines() {
    assert_expected("planning-hashtags", "2027-03-01");
}

#[test]
fn hashtag_sets_join_every_platform_text_after_the_posts_own_tags() {
    let dir = fixture("planning-hashtags");
    let rows = rows(&dir, &["--allow-errors"]);
    let sets = rows.iter().find(|r| r["post"] == "sets").unwrap();
    // "Fahrrad" is the post's own and is not repeated from the set.
    assert_eq!(
        sets["text"],
        "Drei Checks vor dem Frost.\n\n#winter #Fahrrad #werkstatt #radwerk"
    );
    let csv = export(&dir, "csv", &["--allow-errors"]);
    assert!(csv.contains("#winter #Fahrrad #werkstatt #radwerk"), "{csv}");
}

#[test]
fn series_and_evergreen_findings_count_each_occurrence() {
    assert_expected("planning-series", "2027-03-15");
}

#[test]
fn a_series_exports_one_row_per_occurrence_at_local_time_across_dst() {
    let dir = fixture("planning-series");
    let rows = rows(&dir, &["--platform", "x"]);
    let serie: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| r["post"] == "serie")
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["publish_at_local"].as_str().unwrap(),
                r["publish_at_utc"].as_str().unwrap(),
            )
        })
        .collect();
    // Every Tuesday 09:00 Berlin from 03-16 to 04-06 inclusive; summer time from 03-28.
    // Ids: printf 'touchpoint:v1:serie@2027-03-30:x' | sha256sum | cut -c1-16
    assert_eq!(
        serie,
        [
            (
                "c8734d2c549c53fb",
                "2027-03-16T09:00:00+01:00",
                "2027-03-16T08:00:00Z"
            ),
            (
                "8b9f8d8c28c671c0",
                "2027-03-23T09:00:00+01:00",
                "2027-03-23T08:00:00Z"
            ),
            (
                "391dca7d8226b1d2",
                "2027-03-30T09:00:00+02:00",
                "2027-03-30T07:00:00Z"
            ),
            (
                "f7ac306260f58046",
                "2027-04-06T09:00:00+02:00",
                "2027-04-06T07:00:00Z"
            ),
        ]
    );
    // A post that does not repeat keeps its id from before series existed.
    let extra = rows.iter().find(|r| r["post"] == "extra").unwrap();
    assert_eq!(extra["id"], "c5609f08522bed4d");
    // The date range selects occurrences, not the series' first date.
    let late = rows_between(&dir, "2027-03-29", "2027-04-30");
    assert_eq!(
        late,
        ["serie 2027-03-30", "serie 2027-04-06", "reifen 2027-04-07"]
    );
    let ics = export(&dir, "ics", &["--platform", "x"]);
    assert_eq!(ics.matches("UID:").count(), 5, "{ics}");
    assert!(ics.contains("UID:391dca7d8226b1d2\r\nDTSTAMP:20270330T070000Z\r\nDTSTART:20270330T070000Z"));
}

/// "post date" of the Instagram rows between two days.
fn rows_between(dir: &Path, from: &str, to: &str) -> Vec<String> {
    rows(dir, &["--from", from, "--to", to, "--platform", "instagram"])
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["post"].as_str().unwrap(),
                &r["publish_at_local"].as_str().unwrap()[..10]
            )
        })
        .collect()
}

#[test]
fn the_calendar_shows_each_occurrence_and_suggests_an_evergreen_post_for_an_empty_slot() {
    let out = tempfile::tempdir().unwrap();
    let dir = fixture("planning-series");
    let result = common::touchpoint(&[
        "build",
        dir.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--today",
        "2027-03-15",
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let march = std::fs::read_to_string(out.path().join("calendar/2027-03.html")).unwrap();
    assert_eq!(
        march.matches("Werkstatt-Dienstag").count(),
        3,
        "03-16, 03-23, 03-30"
    );
    // Instagram W13 has 1 post of at least 2: the pool's tipp (last used 01-05, reifen is
    // within 30 days) fills the first free day, Monday 03-29, at its own 12:00.
    assert_eq!(march.matches("entry--suggestion").count(), 1);
    assert!(
        march.contains("<time datetime=\"2027-03-29T12:00:00+02:00\">12:00</time> Evergreen: Kette ölen")
    );
}

#[test]
fn a_crisis_plan_reviewed_too_long_ago_is_stale() {
    assert_expected("planning-crisis", "2027-01-17");
    // Due 2026-12-30 (30 June + 6 months): still current on that day.
    let (_, json) = check_json(&fixture("planning-crisis"), "2026-12-30");
    assert!(findings(&json, |_| true).is_empty(), "{json}");
}

#[test]
fn hold_marks_the_paused_channels_in_every_export() {
    let dir = fixture("planning-crisis");
    let held = |extra: &[&str]| -> Vec<(String, bool)> {
        rows(&dir, extra)
            .iter()
            .map(|r| {
                (
                    r["platform"].as_str().unwrap().to_owned(),
                    r["held"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let calm = [
        ("instagram".to_owned(), false),
        ("linkedin".to_owned(), false),
        ("x".to_owned(), false),
    ];
    assert_eq!(held(&[]), calm);
    // plan.toml pauses instagram and x; linkedin goes on.
    let crisis = [
        ("instagram".to_owned(), true),
        ("linkedin".to_owned(), false),
        ("x".to_owned(), true),
    ];
    assert_eq!(held(&["--hold"]), crisis);
    let csv = export(&dir, "csv", &["--hold"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let held_at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "held")
        .expect("a held column");
    let held: Vec<String> = reader.records().map(|r| r.unwrap()[held_at].to_owned()).collect();
    assert_eq!(held, ["true", "false", "true"]);
    let ics = export(&dir, "ics", &["--hold"]);
    assert_eq!(ics.matches("STATUS:TENTATIVE").count(), 2, "{ics}");
    assert_eq!(ics.matches("STATUS:CONFIRMED").count(), 1);
    assert_eq!(ics.matches("DESCRIPTION:HELD: crisis plan active").count(), 2);
    // The scheduler profiles write no held row: each is listed with the reason instead.
    for profile in ["sprout", "hootsuite"] {
        let out = tempfile::tempdir().unwrap();
        let args = [
            "--hold",
            "--today",
            "2026-01-01",
            "--out",
            out.path().to_str().unwrap(),
        ];
        export(&dir, profile, &args);
        let report = std::fs::read_to_string(out.path().join(format!("{profile}-not-exported.txt"))).unwrap();
        let held: Vec<&str> = report
            .lines()
            .filter(|l| l.contains("): held: a crisis is on"))
            .collect();
        assert_eq!(held.len(), 2, "{profile}: {report}");
        assert!(
            held[0].contains("(instagram)") && held[1].contains("(x)"),
            "{held:?}"
        );
        assert!(!out.path().join(format!("{profile}-instagram.csv")).exists());
        assert!(!out.path().join(format!("{profile}-x.csv")).exists());
        assert!(
            out.path().join(format!("{profile}-linkedin.csv")).exists(),
            "{report}"
        );
    }

    // `[crisis] active = true` in touchpoint.toml holds the same rows without the flag.
    let copy = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&dir, copy.path());
    let config = copy.path().join("touchpoint.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[crisis]\nactive = true\n")).unwrap();
    assert_eq!(
        rows(copy.path(), &[])
            .iter()
            .map(|r| r["held"].as_bool().unwrap())
            .collect::<Vec<_>>(),
        [true, false, true]
    );
}

#[test]
fn crisis_page_says_who_to_call_what_to_say_and_what_to_stop() {
    let out = tempfile::tempdir().unwrap();
    common::build_ok(&fixture("planning-crisis"), out.path());
    let page = std::fs::read_to_string(out.path().join("crisis.html")).unwrap();
    for expected in [
        "Tim Berger",
        "+49 341 000000",
        "Ana Roth",
        "Signal @jana",
        "Presseanfrage oder Unfall mit Verletzten",
        "<strong>Instagram, X</strong>",
        "Wegen eines Sturmschadens bleibt die Werkstatt heute geschlossen.",
    ] {
        assert!(page.contains(expected), "{expected} missing");
    }
}

#[test]
fn the_report_sets_budget_against_results_per_campaign() {
    assert_expected("planning-budget", "2027-03-10");
    let out = tempfile::tempdir().unwrap();
    let dir = fixture("planning-budget");
    let result = common::touchpoint(&[
        "build",
        dir.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--today",
        "2027-03-10",
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let report = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    // Frühling: spend 400 (the campaign's own, over its posts' 120) for 10,000 + 6,000
    // impressions, 50 + 30 clicks, 200 + 100 engagements: CPM 25.00, per click 5.00,
    // per engagement 1.33; 400 of 1,000 used after 10 of 31 days (32.3 %).
    let cells = |name: &str| -> Vec<String> {
        let start = report.find(&format!("<th scope=\"row\">{name}</th>")).unwrap();
        let row = &report[start..start + report[start..].find("</tr>").unwrap()];
        row.split("<td class=\"num\">")
            .skip(1)
            .map(|c| c[..c.find("</td>").unwrap()].to_owned())
            .collect()
    };
    assert_eq!(
        cells("Frühling"),
        ["1,000.00", "400.00", "40%", "32.3%", "25.00", "5.00", "1.33"]
    );
    // Herbst has no spend of its own: its posts' 30 + 20; nothing measured, so no costs.
    assert_eq!(cells("Herbst"), ["–", "50.00", "–", "32.3%", "–", "–", "–"]);
}

#[test]
fn the_strategy_shows_the_touchpoint_matrix_with_its_gaps() {
    let out = tempfile::tempdir().unwrap();
    let dir = fixture("planning-budget");
    let result = common::touchpoint(&[
        "build",
        dir.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--today",
        "2027-03-10",
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let strategy = std::fs::read_to_string(out.path().join("strategy.html")).unwrap();
    let start = strategy.find("<th scope=\"row\">Pendler-Paula</th>").unwrap();
    let row = &strategy[start..start + strategy[start..].find("</tr>").unwrap()];
    let cells: Vec<&str> = row
        .split("<td class=\"num")
        .skip(1)
        .map(|c| {
            if c.starts_with(" matrix__gap") {
                "gap"
            } else {
                &c[2..c.find("</td>").unwrap()]
            }
        })
        .collect();
    // Paula on Instagram: a and d are awareness, c conversion; b has no persona, and the
    // idea e (with its invalid stage) is not planned.
    assert_eq!(cells, ["2", "gap", "1", "gap"]);
}
