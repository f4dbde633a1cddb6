//! The report on tests/fixtures/report, with every number computed by hand.
//!
//! The fixture: four posts, Europe/Berlin, pillars werkstatt 0.5 / touren 0.3 / team 0.2.
//!
//! | post    | published (local)  | platforms          | pillar    | personas | campaign |
//! |---------|--------------------|--------------------|-----------|----------|----------|
//! | reifen  | Tue 2026-12-01 09h | instagram, x       | werkstatt | pendler  | winter   |
//! | tour    | Thu 2026-12-03 18h | instagram, mastodon| touren    | pendler  | —        |
//! | team    | Tue 2026-12-08 12h | x, mastodon        | team      | —        | —        |
//! | licht   | Thu 2026-12-10 09h | instagram          | werkstatt | —        | winter   |
//!
//! Latest row per (post, platform) — engagements = likes+comments+shares+saves,
//! audience = reach, else impressions:
//!
//! | row | source (date)                  | impr | reach | eng                  | audience | clicks |
//! |-----|--------------------------------|------|-------|----------------------|----------|--------|
//! | A reifen/instagram | Meta (2026-12-20, beats normalised 12-05) | 3000 | 2000 | 90+10+6+14 = 120 | 2000 | — |
//! | B reifen/x         | X (2026-12-20)   | 2000 | —    | 30+5+(4+1)+2 = 42    | 2000     | 12 |
//! | C tour/instagram   | Meta             | 5000 | 4000 | 150+12+20+18 = 200   | 4000     | — |
//! | D tour/mastodon    | normalised 12-05 | —    | —    | 30+5+10 = 45         | —        | — |
//! | E team/x           | X                | 800  | —    | 10+2+(1+0)+0 = 13    | 800      | 4 |
//! | F team/mastodon    | normalised 12-10 | —    | —    | 12+2+4 = 18          | —        | — |
//! | G licht/instagram  | Meta (12-20, beats normalised 12-15) | 1200 | 1000 | 20+2+1+2 = 25 | 1000 | — |
//!
//! Totals: impressions 3000+2000+5000+800+1200 = 12,000; reach 2000+4000+1000 = 7,000;
//! engagements 120+42+200+45+13+18+25 = 463; rate (120+42+200+13+25) / (2000+2000+4000+800+1000)
//! = 400 / 9800; clicks 16.

use std::path::PathBuf;

use super::*;
use crate::load::load_project;
use crate::metrics::load_metrics;
use crate::platform::Platform;

/// The built-in English words, kept for the whole test run.
fn english() -> &'static crate::lang::Words {
    static WORDS: std::sync::OnceLock<crate::lang::Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| crate::lang::words::builtin(crate::lang::Lang::En))
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

fn build() -> (Report<'static>, Vec<crate::diagnostic::Diagnostic>) {
    let (project, load_diags) = load_project(&fixture()).expect("fixture loads");
    assert!(load_diags.is_empty(), "{load_diags:?}");
    let (records, diags) = load_metrics(&project);
    (
        build_report(
            &project,
            &records,
            english(),
            NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
        ),
        diags,
    )
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

fn group<'a>(groups: &'a [Group], key: &str) -> &'a Group {
    groups
        .iter()
        .find(|g| g.key == key)
        .unwrap_or_else(|| panic!("no group `{key}` in {groups:?}"))
}

#[test]
fn unknown_posts_platforms_and_malformed_rows_are_reported_with_file_and_line() {
    let (_, diags) = build();
    let found: Vec<(&str, &str, u32)> = diags.iter().map(|d| (d.rule, d.file.as_str(), d.line)).collect();
    assert_eq!(
        found,
        [
            (
                "metrics-malformed-row",
                "metrics/meta_posts_2026-12-01_2026-12-20.csv",
                5
            ),
            (
                "metrics-unknown-post",
                "metrics/account_analytics_content_2026-11-23_2026-12-20.csv",
                4
            ),
            ("metrics-unknown-platform", "metrics/normalised.csv", 6),
            ("metrics-unknown-post", "metrics/normalised.csv", 7),
        ]
    );
    assert!(
        diags[1].message.contains("https://x.com/i/status/9999"),
        "{}",
        diags[1].message
    );
    assert!(
        diags[1]
            .source_line
            .as_deref()
            .is_some_and(|l| l.starts_with("9999,"))
    );
}

#[test]
fn totals_and_cards() {
    let (report, _) = build();
    assert!(report.has_data);
    assert_eq!(report.posts_measured, 4);
    let t = &report.totals;
    assert_eq!(t.rows, 7);
    assert_eq!(
        (t.impressions, t.reach, t.engagements, t.clicks),
        (12_000, 7_000, 463, 16)
    );
    assert_eq!((t.rated_engagements, t.audience), (400, 9_800));
    close(t.engagement_rate, 400.0 / 9800.0);
    assert_eq!(report.from.map(|d| d.to_string()).as_deref(), Some("2026-12-01"));
    assert_eq!(report.to.map(|d| d.to_string()).as_deref(), Some("2026-12-10"));
    let cards: Vec<(&str, &str)> = report
        .cards
        .iter()
        .map(|c| (c.label.as_str(), c.value.as_str()))
        .collect();
    assert_eq!(
        cards,
        [
            ("Posts", "4"),
            ("Impressions", "12,000"),
            ("Reach", "7,000"),
            ("Engagements", "463"),
            ("Engagement rate", "4.1%"),
            ("Link clicks", "16"),
            // Instagram 1000 → 1080 (+80), Mastodon 200 → 230 (+30).
            ("Follower change", "+110"),
        ]
    );
}

#[test]
fn per_platform() {
    let (report, _) = build();
    let keys: Vec<&str> = report.by_platform.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["instagram", "x", "mastodon"], "site order");
    // Instagram: A, C, G → impressions 9200, reach 7000, engagements 345, rate 345/7000.
    let ig = group(&report.by_platform, "instagram");
    assert_eq!(
        (ig.posts, ig.sums.impressions, ig.sums.reach, ig.sums.engagements),
        (3, 9_200, 7_000, 345)
    );
    close(ig.sums.engagement_rate, 345.0 / 7000.0);
    assert_eq!(
        ig.sums.display.clicks, "—",
        "Instagram exports no clicks: unknown, not 0"
    );
    // X: B, E → impressions 2800, engagements 55, rate 55/2800 (no reach: impressions).
    let x = group(&report.by_platform, "x");
    assert_eq!(
        (
            x.sums.impressions,
            x.sums.reach,
            x.sums.engagements,
            x.sums.clicks
        ),
        (2_800, 0, 55, 16)
    );
    close(x.sums.engagement_rate, 55.0 / 2800.0);
    assert_eq!(x.sums.engagement_rate_by_reach, None);
    // Mastodon: D, F → engagements 63, no audience, no rate.
    let m = group(&report.by_platform, "mastodon");
    assert_eq!((m.sums.engagements, m.sums.engagement_rate), (63, None));
    assert_eq!(m.sums.display.engagement_rate, "—");
}

#[test]
fn per_pillar_persona_campaign_week_month() {
    let (report, _) = build();
    // werkstatt: A, B, G → 187 engagements, rate (120+42+25)/(2000+2000+1000).
    let w = group(&report.by_pillar, "werkstatt");
    assert_eq!((w.posts, w.sums.engagements), (2, 187));
    close(w.sums.engagement_rate, 187.0 / 5000.0);
    // touren: C, D → 245 engagements, rate 200/4000 (D has no audience).
    let t = group(&report.by_pillar, "touren");
    assert_eq!(t.sums.engagements, 245);
    close(t.sums.engagement_rate, 0.05);
    // team: E, F → 31 engagements, rate 13/800.
    close(
        group(&report.by_pillar, "team").sums.engagement_rate,
        13.0 / 800.0,
    );
    // pendler: reifen + tour (A, B, C, D) → 407, rate (120+42+200)/(2000+2000+4000).
    let p = group(&report.by_persona, "pendler");
    assert_eq!((p.posts, p.sums.engagements), (2, 407));
    close(p.sums.engagement_rate, 362.0 / 8000.0);
    let none = group(&report.by_persona, "");
    assert_eq!(
        (none.label.as_str(), none.posts, none.sums.engagements),
        ("No persona", 2, 56)
    );
    // winter: reifen + licht = werkstatt's rows.
    let c = group(&report.by_campaign, "winter");
    assert_eq!((c.label.as_str(), c.sums.engagements), ("Winter check", 187));
    assert_eq!(group(&report.by_campaign, "").sums.engagements, 276);
    // W49: A, B, C, D → 407; W50: E, F, G → 56, rate (13+25)/(800+1000).
    let weeks: Vec<&str> = report.by_week.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(weeks, ["2026-W49", "2026-W50"]);
    assert_eq!(group(&report.by_week, "2026-W49").sums.engagements, 407);
    assert_eq!(
        group(&report.by_week, "2026-W49").label,
        "2026-W49 (Nov 30, 2026)"
    );
    close(
        group(&report.by_week, "2026-W50").sums.engagement_rate,
        38.0 / 1800.0,
    );
    assert_eq!(report.by_month.len(), 1);
    assert_eq!(group(&report.by_month, "2026-12").sums.engagements, 463);
}

#[test]
fn pillar_mix_against_targets() {
    let (report, _) = build();
    // 4 measured posts: werkstatt 2 (0.5 vs 0.5), touren 1 (0.25 vs 0.3), team 1 (0.25 vs 0.2).
    let mix: Vec<(&str, usize, f64, Option<f64>, bool)> = report
        .pillar_mix
        .iter()
        .map(|m| (m.id.as_str(), m.posts, m.actual, m.target, m.within_tolerance))
        .collect();
    assert_eq!(
        mix,
        [
            ("werkstatt", 2, 0.5, Some(0.5), true),
            ("touren", 1, 0.25, Some(0.3), true),
            ("team", 1, 0.25, Some(0.2), true),
        ]
    );
}

#[test]
fn kpi_progress_with_ranges_platforms_and_periods() {
    let (report, _) = build();
    let kpi = |id: &str| report.kpis.iter().find(|k| k.id == id).unwrap();
    // reach in December, all platforms: 2000+4000+1000 = 7000 of 5000 → 140 %, met.
    let reach = kpi("reach");
    close(reach.actual, 7000.0);
    close(reach.progress, 1.4);
    assert!(reach.met);
    assert_eq!(reach.progress_display, "140%");
    // Instagram engagement rate 345/7000 = 4.93 % of 5 % → 98.6 %, not met.
    let er = kpi("engagement");
    close(er.actual, 345.0 / 7000.0);
    close(er.progress, 345.0 / 7000.0 / 0.05);
    assert!(!er.met);
    assert_eq!(er.actual_display, "4.9%");
    // Clicks, 20 per week, 2026-11-30..2026-12-13: W49 = B's 12 (Instagram has no clicks),
    // W50 = E's 4; headline 16 / (20 × 2) = 40 %.
    let clicks = kpi("clicks");
    let periods: Vec<(&str, Option<f64>)> = clicks
        .periods
        .iter()
        .map(|p| (p.label.as_str(), p.actual))
        .collect();
    assert_eq!(periods, [("2026-W49", Some(12.0)), ("2026-W50", Some(4.0))]);
    close(clicks.periods[0].progress, 0.6);
    close(clicks.actual, 16.0);
    close(clicks.progress, 0.4);
    // Instagram followers: latest reading 1080 (2026-12-15) of 1100.
    let followers = kpi("followers");
    close(followers.actual, 1080.0);
    close(followers.progress, 1080.0 / 1100.0);
}

#[test]
fn top_and_bottom_posts_by_engagement_rate() {
    let (report, _) = build();
    // Post rates: tour 200/4000 = 5 %, reifen 162/4000 = 4.05 %, licht 25/1000 = 2.5 %,
    // team 13/800 = 1.625 %. Four posts: top two, bottom two (weakest first).
    let ids = |list: &[ranking::PostPerformance]| list.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&report.top_posts), ["2026/12/tour", "2026/12/reifen"]);
    assert_eq!(ids(&report.bottom_posts), ["2026/12/team", "2026/12/licht"]);
    let tour = &report.top_posts[0];
    assert_eq!(tour.href, "posts/2026/12/tour.html");
    assert_eq!(tour.published.as_deref(), Some("Dec 3, 2026, 18:00"));
    assert_eq!(tour.platforms, ["Instagram", "Mastodon"]);
    assert_eq!(tour.sums.display.engagement_rate, "5%");
}

#[test]
fn heatmap_by_weekday_and_hour() {
    let (report, _) = build();
    // Tue 09: A+B = 162/4000; Thu 18: C (+D) = 200/4000; Tue 12: E (+F) = 13/800; Thu 09: G = 25/1000.
    let cells: Vec<(&str, u32, usize)> = report
        .heatmap
        .cells
        .iter()
        .map(|c| (c.weekday.as_str(), c.hour, c.posts))
        .collect();
    assert_eq!(
        cells,
        [("Tue", 9, 1), ("Tue", 12, 1), ("Thu", 9, 1), ("Thu", 18, 1)]
    );
    close(report.heatmap.grid[1][9], 162.0 / 4000.0);
    close(report.heatmap.grid[3][18], 0.05);
    assert_eq!(report.heatmap.grid[0][9], None);
    let best = report.heatmap.best.as_ref().unwrap();
    assert_eq!((best.weekday.as_str(), best.hour), ("Thu", 18));
}

#[test]
fn follower_growth_per_platform() {
    let (report, _) = build();
    let growth: Vec<(Platform, u64, u64, Option<i64>, &str)> = report
        .followers
        .iter()
        .map(|f| (f.platform, f.first, f.last, f.change, f.change_display.as_str()))
        .collect();
    assert_eq!(
        growth,
        [
            (Platform::Instagram, 1000, 1080, Some(80), "+80 (+8%)"),
            (Platform::Mastodon, 200, 230, Some(30), "+30 (+15%)"),
        ]
    );
}

#[test]
fn every_chart_is_well_formed_svg_with_its_title_and_a_data_table() {
    let (report, _) = build();
    let ids: Vec<&str> = report.charts.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "reach",
            "engagements",
            "pillar-mix",
            "rate-platform",
            "rate-pillar",
            "heatmap",
            "kpis",
            "followers"
        ]
    );
    for chart in &report.charts {
        let doc = roxmltree::Document::parse(&chart.svg).unwrap_or_else(|e| panic!("{}: {e}", chart.id));
        let texts: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        assert!(texts.contains(&chart.title.as_str()), "{}: no title", chart.id);
        assert!(
            !chart.table.headers.is_empty() && !chart.table.rows.is_empty(),
            "{}: no data",
            chart.id
        );
        assert!(
            chart
                .table
                .rows
                .iter()
                .all(|r| r.len() == chart.table.headers.len()),
            "{}",
            chart.id
        );
    }
    let reach = &report.charts[0];
    // Instagram W49: A 2000 + C 4000 = 6000; W50: G 1000. X W49: B 2000; W50: E 800.
    assert_eq!(reach.table.headers, ["Week of publishing", "Instagram", "X"]);
    assert_eq!(
        reach.table.rows,
        [
            ["Nov 30, 2026", "6,000", "2,000"],
            ["Dec 7, 2026", "1,000", "800"]
        ]
    );
    // Mastodon has engagements but no audience: a column in the engagements chart only.
    // W49: Instagram A 120 + C 200 = 320, X B 42, Mastodon D 45.
    let engagements = &report.charts[1];
    assert_eq!(
        engagements.table.headers,
        ["Week of publishing", "Instagram", "X", "Mastodon"]
    );
    assert_eq!(engagements.table.rows[0], ["Nov 30, 2026", "320", "42", "45"]);
    let followers = report.charts.iter().find(|c| c.id == "followers").unwrap();
    assert_eq!(
        followers.table.rows,
        [
            ["Dec 5, 2026", "1,000", "200"],
            ["Dec 10, 2026", "—", "230"],
            ["Dec 15, 2026", "1,080", "—"]
        ]
    );
}

#[test]
fn the_template_renders_with_a_stub_base() {
    let (report, _) = build();
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(vec![
        (
            "base.html",
            "<html><head><title>{% block title %}{% endblock title %}</title>{% block head %}{% endblock head %}</head>\
             <body>{% block content %}{% endblock content %}</body></html>",
        ),
        ("report.html", include_str!("../../themes/default/templates/report.html")),
    ])
    .expect("templates compile");
    let html = tera
        .render("report.html", &report_context(&report))
        .expect("renders");
    assert!(html.contains("<title>Performance report</title>"));
    assert!(html.contains("static/report.css"));
    assert_eq!(html.matches("<svg").count(), 8, "every chart inlined");
    // Tera escapes `/` in attributes as `&#x2F;`, which browsers read as `/`.
    assert!(
        html.contains("href=\"posts&#x2F;2026&#x2F;12&#x2F;tour.html\""),
        "relative post link"
    );
    assert!(
        html.contains("<td class=\"num\">12,000</td>"),
        "the platform breakdown shows totals"
    );
    assert!(html.contains("Thu 18:00"), "best posting time");
    assert!(html.contains("+80 (+8%)"));
    assert!(!html.contains("&lt;svg"), "SVG is not escaped");
}

#[test]
fn an_empty_project_renders_the_no_data_note() {
    let (project, _) = load_project(&fixture()).unwrap();
    let report = build_report(
        &project,
        &[],
        english(),
        NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
    );
    assert!(!report.has_data);
    assert!(report.top_posts.is_empty() && report.followers.is_empty());
    assert!(
        report
            .charts
            .iter()
            .all(|c| roxmltree::Document::parse(&c.svg).is_ok())
    );
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(vec![
        (
            "base.html",
            "{% block title %}{% endblock title %}{% block content %}{% endblock content %}",
        ),
        (
            "report.html",
            include_str!("../../themes/default/templates/report.html"),
        ),
    ])
    .unwrap();
    let html = tera.render("report.html", &report_context(&report)).unwrap();
    assert!(html.contains("No metrics yet"));
}

#[test]
fn x_engagements_are_shown_beside_touchpoints_with_the_reason() {
    let (report, _) = build();
    let [x] = report.reconciliations.as_slice() else {
        panic!(
            "only X exports carry their own count: {:?}",
            report.reconciliations
        );
    };
    assert_eq!(x.platform, Platform::X);
    // B and E: Touchpoint 42 + 13 = 55 over 2,800 impressions; X's own 60 + 20 = 80.
    assert_eq!(
        (
            x.rows,
            x.engagements.as_str(),
            x.network_engagements.as_str(),
            x.engagement_rate.as_str(),
            x.network_engagement_rate.as_str()
        ),
        (2, "55", "80", "2%", "2.9%")
    );
    assert!(x.explanation.contains("detail expands"), "{}", x.explanation);
    // Touchpoint's own figures stay as defined.
    assert_eq!(group(&report.by_platform, "x").sums.engagements, 55);
}
