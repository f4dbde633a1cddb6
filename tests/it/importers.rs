//! The networks' exports as downloaded (issue #18): a LinkedIn `.xlsx` and `.xls`, a
//! YouTube Studio zip, a TikTok Studio CSV and an X daily Overview dropped unchanged
//! into `metrics/` appear in report.html with the figures worked out by hand below, and
//! files no importer reads are named in warnings.

use std::io::Read;
use std::path::Path;

use crate::common::{build_ok, check_json, expected, findings, fixture};

/// The page's text with tags replaced by single spaces and runs of blanks collapsed.
fn text_of(html: &str) -> String {
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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the element that starts with `id="<id>"` up to its first `</section>` or `</table>`.
fn part(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("report.html has no #{id}"));
    let rest = &html[start..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    let end = ["</section>", "</table>"]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
        .unwrap();
    text_of(&rest[..end])
}

/// Builds `repo` and returns report.html.
fn report_of(repo: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    build_ok(repo, out.path());
    std::fs::read_to_string(out.path().join("report.html")).unwrap()
}

#[test]
fn the_exports_as_downloaded_report_exactly_the_planted_findings() {
    let dir = fixture("importers");
    let (code, json) = check_json(&dir, "2026-12-20");
    assert_eq!(code, 0, "{json}");
    let metrics = findings(&json, |rule| rule.starts_with("metrics-"));
    assert_eq!(metrics, expected(&dir));
    let tiktok = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "metrics-malformed-row")
        .unwrap();
    assert!(
        tiktok["message"]
            .as_str()
            .unwrap()
            .contains("`Total likes`: `lots`"),
        "{tiktok}"
    );
}

#[test]
fn linkedin_youtube_tiktok_and_x_figures_reach_the_report() {
    let html = report_of(&fixture("importers"));
    // LinkedIn "All posts" (.xlsx, header on row 2): 1,250 + 800 impressions; engagements
    // (41+6+3) + (30+4+1) = 85, rate 85 / 2,050 = 4.1 %; clicks 37 + 20 = 57, CTR
    // 57 / 2,050 = 2.8 %; reposts 3 + 1 = 4; followers file (.xls) 4 + 3 + 5 = +12.
    assert_eq!(
        part(&html, "network-linkedin"),
        "LinkedIn 2 Posts 2,050 Impressions 85 Engagements 4.1% Engagement rate \
         57 Link clicks 2.8% Click-through rate 4 Shares +12 Net followers"
    );
    // YouTube Table data.csv inside the Studio zip (the `Total` row skipped): 2,400 views,
    // engagements 120+15+8 = 143, 143 / 2,400 = 6 %; 100 h; 360,000 s / 2,400 = 2:30;
    // Average percentage viewed 45.5 %; subscribers +10.
    assert_eq!(
        part(&html, "network-youtube"),
        "YouTube 1 Post 2,400 Impressions 143 Engagements 6% Engagement rate \
         2,400 Video views 100 h Watch time 2:30 Average view duration 45.5% Completion rate +10 Net followers"
    );
    // TikTok: 1.2K + 48 + "1,050" + 312 = 2,610 engagements over "18,400" views = 14.2 %;
    // 40:53:20 = 147,200 s = 40.9 h, ÷ 18,400 = 0:08; Watched full video 38 %.
    assert_eq!(
        part(&html, "network-tiktok"),
        "TikTok 1 Post 18,400 Impressions 2,610 Engagements 14.2% Engagement rate \
         18,400 Video views 40.9 h Watch time 0:08 Average view duration 38% Completion rate 312 Saves"
    );
    assert_eq!(
        part(&html, "video-kpis"),
        "Platform Videos Video views Watch time Average view duration Completion rate \
         YouTube 1 2,400 100 h 2:30 45.5% TikTok 1 18,400 40.9 h 0:08 38%"
    );
    // X daily Overview: new follows 5 + 2 + 4 = 11, unfollows 1 + 3 + 0 = 4.
    assert_eq!(
        part(&html, "follower-flows"),
        "Platform Period Gained Lost Net followers \
         LinkedIn Dec 1, 2026 – Dec 3, 2026 12 0 +12 \
         X Dec 1, 2026 – Dec 3, 2026 11 4 +7 \
         YouTube — 10 0 +10"
    );
}

#[test]
fn the_unpacked_youtube_folder_reads_like_the_zip() {
    let repo = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&fixture("importers"), repo.path());
    let zip_path = repo
        .path()
        .join("metrics/Content 2026-12-01_2026-12-31 Fixture.zip");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let unpacked = repo.path().join("metrics/Content 2026-12-01_2026-12-31 Fixture");
    std::fs::create_dir_all(&unpacked).unwrap();
    for name in ["Table data.csv", "Chart data.csv", "Totals.csv"] {
        let mut bytes = Vec::new();
        archive.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        std::fs::write(unpacked.join(name), bytes).unwrap();
    }
    std::fs::remove_file(&zip_path).unwrap();
    let (_, json) = check_json(repo.path(), "2026-12-20");
    let metrics = findings(&json, |rule| rule.starts_with("metrics-"));
    assert_eq!(
        metrics,
        expected(&fixture("importers")),
        "Chart data and Totals raise nothing"
    );
    let html = report_of(repo.path());
    assert!(
        part(&html, "video-kpis").contains("YouTube 1 2,400 100 h 2:30 45.5%"),
        "{}",
        part(&html, "video-kpis")
    );
}
