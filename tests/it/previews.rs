//! Previews that look like the network (#25): the real binary builds the `previews`
//! fixture and example-project, and each preview must be drawn in its network's shape
//! (frame classes, the feed's frames, the fold at the network's fold on the composed text,
//! the link card, the avatar copied and linked relatively), while `check` reports
//! `media-crop` and `missing-preview-image` exactly where the fixture plants them.

use std::path::Path;

use crate::common::{build_ok, check_json, expected, findings, fixture};

/// The preview section of `platform` in a page's HTML.
fn preview<'a>(html: &'a str, platform: &str) -> &'a str {
    let start = html
        .find(&format!(r#"<section class="preview preview--{platform}""#))
        .unwrap_or_else(|| panic!("no {platform} preview"));
    let end = html[start..].find("</section>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// Builds `repo` into a temp folder and returns it with the page at `page`.
fn built(repo: &Path, page: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    build_ok(repo, dir.path());
    let html = std::fs::read_to_string(dir.path().join(page)).unwrap();
    (dir, html)
}

/// The text a preview shows before its fold marker (HTML entities of the fixture's
/// plain text need no decoding).
fn before_fold(section: &str) -> &str {
    let text_at = section.find(r#"tabindex="0">"#).expect("text") + r#"tabindex="0">"#.len();
    let fold_at = section.find(r#"<span class="fold""#).expect("fold");
    &section[text_at..fold_at]
}

#[test]
fn media_crop_and_missing_preview_images_are_found_where_planted() {
    let repo = fixture("previews");
    let (_, json) = check_json(&repo, "2026-12-01");
    assert_eq!(findings(&json, |_| true), expected(&repo));
}

#[test]
fn x_shows_two_images_in_its_16_9_grid_and_instagram_a_carousel_in_the_first_frame() {
    let (_, html) = built(&fixture("previews"), "posts/grid.html");
    let x = preview(&html, "x");
    assert!(x.contains(r#"class="pv-card pv-card--x pv-card--x""#), "{x}");
    assert!(x.contains("pv-media pv-media--n2 pv-media--x"));
    assert_eq!(x.matches(r#"style="aspect-ratio: 8 / 9""#).count(), 2);
    assert_eq!(x.matches("pv-cell--cut").count(), 2, "both halves cut 50 %");
    let ig = preview(&html, "instagram");
    assert!(ig.contains("pv-card--instagram"));
    assert_eq!(
        ig.matches(r#"style="aspect-ratio: 100 / 100""#).count(),
        2,
        "every slide in the first image's square frame"
    );
    assert!(
        ig.contains("pv-grid-tile"),
        "the profile grid shows in the preview"
    );
    // Alt text is the accessible name and the hover text.
    assert!(ig.contains(r#"alt="Breites Bild" title="Breites Bild""#));
}

#[test]
fn the_fold_sits_where_the_network_folds_the_composed_text() {
    let repo = fixture("previews");
    let (_, html) = built(&repo, "posts/fold.html");
    let source = std::fs::read_to_string(repo.join("posts/fold.md")).unwrap();
    let body = source.rsplit("+++\n").next().unwrap();
    for (platform, fold, words) in [("instagram", 125, "… more"), ("linkedin", 210, "…see more")] {
        let section = preview(&html, platform);
        let before = before_fold(section);
        assert_eq!(before.chars().count(), fold, "{platform}: {before:?}");
        assert!(section.contains(&format!(r#"">{words}</span>"#)), "{platform}");
        // Cut from the composed text: the post's body, which these networks receive as is.
        assert!(body.starts_with(before), "{platform}");
    }
}

#[test]
fn the_link_card_comes_from_link_title_and_link_image() {
    let (_, html) = built(&fixture("previews"), "posts/link.html");
    for platform in ["x", "linkedin"] {
        let section = preview(&html, platform);
        assert!(
            section.contains(r#"<span class="pv-link__domain">radwerk.de</span>"#),
            "{section}"
        );
        assert!(
            section.contains(r#"<strong class="pv-link__title">Winter-Check: jetzt Termin buchen</strong>"#)
        );
        assert!(section.contains(r#"src="../media/card.png""#));
    }
}

#[test]
fn the_avatar_is_copied_and_linked_relatively_and_names_come_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(&fixture("previews"), dir.path());
    assert!(dir.path().join("media/avatar.png").is_file());
    let html = std::fs::read_to_string(dir.path().join("posts/fold.html")).unwrap();
    let ig = preview(&html, "instagram");
    assert!(
        ig.contains(r#"<img class="pv-avatar" src="../media/avatar.png" alt="""#),
        "{ig}"
    );
    assert!(ig.contains(r#"<strong class="pv-name">Radwerk Leipzig</strong>"#));
    // LinkedIn's avatar is missing: the name's initial stands in.
    let li = preview(&html, "linkedin");
    assert!(li.contains("pv-avatar--initial") && !li.contains("missing-avatar.png"));
    let grid = std::fs::read_to_string(dir.path().join("posts/grid.html")).unwrap();
    assert!(preview(&grid, "x").contains(r#"<strong class="pv-name">Radwerk auf X</strong>"#));
}

#[test]
fn example_project_shows_instagram_x_linkedin_and_youtube_in_their_frames() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("example-project")
            .as_path(),
        dir.path(),
    );
    let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
    let post = read("posts/2027-01/kettenverschleiss-messen.html");
    for platform in ["instagram", "x", "linkedin"] {
        let section = preview(&post, platform);
        assert!(section.contains(&format!("pv-card--{platform}")), "{platform}");
        assert!(
            section.contains(r#"<div class="pv-cell pv-cell--image"#),
            "{platform}"
        );
        assert!(section.contains(r#"src="../../media/avatar.png""#), "{platform}");
    }
    assert!(preview(&post, "instagram").contains(r#"<span class="fold""#));
    assert!(preview(&post, "linkedin").contains(">…mehr anzeigen</span>"));
    let video = read("posts/2026-12/video-kette-wechseln.html");
    let yt = preview(&video, "youtube");
    assert!(yt.contains(r#"style="aspect-ratio: 16 / 9""#) && yt.contains("<video "));
    assert!(yt.contains(r#"<span class="pv-duration">0:04</span>"#), "{yt}");
    assert!(yt.contains(r#"<strong class="pv-name">Radwerk Werkstatt</strong>"#));
}

/// The pages of a PDF Chromium printed (its page objects; Chromium writes no object streams).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    const PAGE: &str = "/Type /Page";
    text.match_indices(PAGE)
        .filter(|(at, _)| !text[at + PAGE.len()..].starts_with('s'))
        .count()
}

#[test]
fn printed_the_review_page_gives_each_post_with_its_previews_one_a4_page() {
    let Some(browser) = crate::common::chromium() else {
        assert!(
            std::env::var_os("TOUCHPOINT_REQUIRE_BROWSER").is_none(),
            "Chromium is required here but missing"
        );
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
        return;
    };
    let (site, html) = built(Path::new("example-project"), "review.html");
    let posts = html.matches("data-review-post ").count();
    assert!(posts >= 2, "example-project has posts in review");
    let bytes = print_a4(browser, site.path(), "review.html");
    // The heading page, then one page per post: no post runs onto a second page.
    assert_eq!(pdf_pages(&bytes), 1 + posts);
}

/// Prints `page` of the built site with headless Chromium, as a reader would from the browser,
/// and returns the PDF after checking that every page is A4.
fn print_a4(browser: &str, site: &Path, page: &str) -> Vec<u8> {
    let pdf = site.join(page).with_extension("pdf");
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .args(["--disable-background-networking", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", site.join(page).display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        String::from_utf8_lossy(&bytes).contains("/MediaBox [0 0 594.95996 841.91998]"),
        "A4"
    );
    bytes
}

#[test]
fn printed_the_crisis_plan_is_one_a4_page() {
    let Some(browser) = crate::common::chromium() else {
        assert!(
            std::env::var_os("TOUCHPOINT_REQUIRE_BROWSER").is_none(),
            "Chromium is required here but missing"
        );
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
        return;
    };
    let (site, html) = built(Path::new("example-project"), "crisis.html");
    // Who to call, what to stop, what to say: all three, with every statement.
    for part in ["call-h", "stop-h", "say-h"] {
        assert!(html.contains(&format!(r#"id="{part}""#)), "{part}");
    }
    assert!(html.matches(r#"class="crisis-statement""#).count() >= 3);
    let bytes = print_a4(browser, site.path(), "crisis.html");
    assert_eq!(pdf_pages(&bytes), 1, "the crisis plan prints on one A4 page");
}
