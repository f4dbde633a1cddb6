//! `review.html`, the client's review page: the real binary builds fixture repositories and
//! the page must list exactly the posts in review, grouped by ISO week in the project's
//! timezone, each with its previews, the boxes to tick and a note, plus the controls to
//! send the decisions back; navigation and overview link to it.

use std::path::{Path, PathBuf};

use crate::common::{fixture, touchpoint};

/// Builds `repo` with `today` into a temp folder; returns the folder (kept alive) and the site.
fn build(repo: &Path, today: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--today",
        today,
    ]);
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, site)
}

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The page's week sections as (heading id, the section's HTML), in page order.
fn weeks(html: &str) -> Vec<(String, String)> {
    html.split(r#"<section class="review-week" id=""#)
        .skip(1)
        .map(|part| {
            let id = part.split('"').next().unwrap().to_owned();
            let end = part.find(r#"<section class="review-send"#).unwrap_or(part.len());
            (id, part[..end].to_owned())
        })
        .collect()
}

/// The post articles of a week section, by post id.
fn posts(week: &str) -> Vec<(String, String)> {
    week.split(r#"data-review-id=""#)
        .skip(1)
        .map(|part| {
            let id = part.split('"').next().unwrap().to_owned();
            let end = part.find("</article>").unwrap_or(part.len());
            (id, part[..end].to_owned())
        })
        .collect()
}

#[test]
fn review_page_groups_posts_in_review_by_week_in_the_projects_timezone() {
    let (_dir, site) = build(&fixture("rev-page"), "2027-01-17");
    let html = read(&site, "review.html");
    let weeks = weeks(&html);
    let ids: Vec<&str> = weeks.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["2027-W04", "2027-W05"]);
    assert!(html.contains(">Week 4/2027 · Jan 25, 2027 – Jan 31, 2027</h2>"));
    let week_posts = |i: usize| -> Vec<String> { posts(&weeks[i].1).into_iter().map(|(id, _)| id).collect() };
    // 2027-02-01T02:00Z is Sunday evening in New York: week 4, not week 5.
    assert_eq!(week_posts(0), ["chain-care", "sunday-ride"]);
    assert_eq!(week_posts(1), ["spring-service"]);
    for absent in ["winter-tyres", "open-house", "parts-delayed"] {
        assert!(!html.contains(absent), "{absent} is not in review");
    }
}

#[test]
fn each_post_in_review_has_its_previews_boxes_to_tick_and_a_note() {
    let (_dir, site) = build(&fixture("rev-page"), "2027-01-17");
    let html = read(&site, "review.html");
    let all: Vec<(String, String)> = weeks(&html).iter().flat_map(|(_, w)| posts(w)).collect();
    assert_eq!(all.len(), 3);
    for (n, (id, post)) in all.iter().enumerate() {
        let key = format!("r{}", n + 1);
        assert_eq!(post.matches(r#"type="checkbox""#).count(), 2, "{id}");
        assert!(post.contains(&format!(r#"name="{key}" value="approve""#)), "{id}");
        assert!(post.contains(&format!(r#"name="{key}" value="changes""#)), "{id}");
        assert!(post.contains(&format!(r#"<textarea id="{key}-note""#)), "{id}");
        assert!(post.contains(r#"<section class="preview preview--"#), "{id}");
    }
    let chain = &all[0].1;
    assert!(chain.contains("preview--instagram") && chain.contains("preview--x"));
    // The X preview shows X's own text, counted as X counts it.
    assert!(chain.contains("Slush eats chains. Rinse, dry, oil: three minutes after every wet ride."));
    assert!(chain.contains(r#"<h4 id="r1-pv-2">"#));
    assert!(chain.contains(r#"src="media/workshop.png""#));
    // Titles are escaped everywhere, the data the summary is built from included.
    let ride = &all[1].1;
    assert!(ride.contains(r#"data-review-title="Sunday ride &lt;late&gt;""#));
    assert!(!html.contains("<late>"));
}

#[test]
fn the_page_offers_to_print_copy_and_mail_the_decisions_without_the_network() {
    let (_dir, site) = build(&fixture("rev-page"), "2027-01-17");
    let html = read(&site, "review.html");
    assert!(html.contains("data-review-send"));
    assert!(html.contains("data-review-compose hidden>Compose summary</button>"));
    assert!(html.contains("data-print>Print or save as PDF</button>"));
    assert!(html.contains("data-review-copy>Copy summary</button>"));
    assert!(html.contains(r#"href="mailto:?subject=Review%3A%20Spoke%20%26%20Chain" data-review-mail"#));
    assert!(html.contains(r#"<script src="static/site.js" defer></script>"#));
    // Only the theme's own script and nothing fetched from elsewhere.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("http://") && !html.contains("src=\"https://"));
    let js = read(&site, "static/site.js");
    assert!(js.contains("data-review-compose") && js.contains("mailto:?subject="));
    assert!(!js.contains("fetch(") && !js.contains("XMLHttpRequest"));
}

#[test]
fn navigation_and_overview_link_to_the_review_page() {
    let (_dir, site) = build(&fixture("rev-page"), "2027-01-17");
    let index = read(&site, "index.html");
    assert!(index.contains(r#"<li><a href="review.html">Client review</a></li>"#));
    assert!(index.contains(r#"<a href="review.html">Open the review page</a> <span class="muted small">(3 posts waiting for review)</span>"#));
    let post = read(&site, "posts/chain-care.html");
    assert!(post.contains(r#"<li><a href="../review.html">Client review</a></li>"#));
    let review = read(&site, "review.html");
    assert!(review.contains(r#"<a href="review.html" aria-current="page">Client review</a>"#));
}

#[test]
fn the_example_project_shows_its_review_page_in_german() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
    let (_dir, site) = build(&repo, "2027-01-17");
    let html = read(&site, "review.html");
    assert!(html.contains("<h1>Kundenfreigabe: Radwerk Leipzig</h1>"));
    assert!(html.contains(">KW 4/2027 · 25.01.2027 – 31.01.2027</h2>"));
    assert!(html.contains("Freigegeben</label>") && html.contains("Änderungen nötig</label>"));
    assert!(html.contains("data-word-open=\"Offen\""));
    let ids: Vec<String> = weeks(&html)
        .iter()
        .flat_map(|(_, w)| posts(w))
        .map(|(id, _)| id)
        .collect();
    assert!(ids.contains(&"2027-01/pedelec-akku-im-winter".to_owned()));
    assert!(ids.contains(&"2027-01/sonntagsrunde-ende-januar".to_owned()));
    assert!(
        !ids.iter().any(|id| id.ends_with("neue-gravelraeder-2027")),
        "approved"
    );
}

#[test]
fn without_posts_in_review_the_page_says_so_and_offers_nothing_to_send() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join("posts")).unwrap();
    std::fs::write(
        repo.join("touchpoint.toml"),
        "name = \"Quiet\"\ntimezone = \"Europe/Berlin\"\n[platforms.x]\nhandle = \"@quiet\"\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("posts/done.md"),
        "+++\ntitle = \"Done\"\npublish_at = 2027-01-20T10:00:00\nplatforms = [\"x\"]\nstatus = \"draft\"\n+++\nHello.\n",
    )
    .unwrap();
    let (_out, site) = build(&repo, "2027-01-17");
    let html = read(&site, "review.html");
    assert!(html.contains(r#"<p class="empty">No post is waiting for review.</p>"#));
    assert!(!html.contains("review-week") && !html.contains("data-review-send"));
}

/// What the browser check needs and is missing: node, Chromium, playwright-core.
fn browser_missing(browser_dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if !std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        missing.push("node".to_owned());
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    if !Path::new(&chromium).exists() {
        missing.push(chromium);
    }
    if !browser_dir.join("node_modules/playwright-core").is_dir() {
        missing.push("playwright-core (npm ci --prefix tests/browser)".to_owned());
    }
    missing
}

#[test]
fn the_send_back_script_composes_the_summary_and_the_mail_in_a_browser() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let missing = browser_missing(&browser_dir);
    if !missing.is_empty() {
        assert!(
            std::env::var_os("TOUCHPOINT_REQUIRE_BROWSER").is_none(),
            "the review page's browser check is required here but these are missing: {}",
            missing.join(", ")
        );
        eprintln!("skipped: the browser check needs {}", missing.join(", "));
        return;
    }
    let out = std::process::Command::new("node")
        .arg(browser_dir.join("review.mjs"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_touchpoint"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("all checks passed"),
        "{stdout}{stderr}"
    );
}
