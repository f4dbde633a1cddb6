//! The platform rules on small repositories written for each case.

use super::text::count_links;
use super::*;
use crate::compose::tests::load;

const PLATFORMS: &str = "[platforms.instagram]\n[platforms.x]\n[platforms.youtube]\n[platforms.bluesky]\n";

/// A PNG header of the given size: enough for the media scanner.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bytes.extend_from_slice(b"IHDR");
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// Loads one post (with media files written first) and runs the platform rules on it.
fn findings(post: &str, media: &[(&str, Vec<u8>)]) -> Vec<(String, u32, String)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("media")).unwrap();
    for (name, bytes) in media {
        std::fs::write(dir.path().join("media").join(name), bytes).unwrap();
    }
    let project = load(dir.path(), PLATFORMS, "", &[("p.md", post)]);
    let mut out: Vec<_> = check_post(&project, &project.posts[0], &Texts::default())
        .into_iter()
        .map(|d| (d.rule.to_owned(), d.line, d.message))
        .collect();
    out.sort();
    out
}

fn rules_of(found: &[(String, u32, String)]) -> Vec<&str> {
    found.iter().map(|(r, _, _)| r.as_str()).collect()
}

fn post(platforms: &str, extra: &str, body: &str) -> String {
    format!("+++\ntitle = \"T\"\nplatforms = [{platforms}]\nstatus = \"idea\"\n{extra}+++\n{body}")
}

#[test]
fn clean_post_has_no_findings() {
    let p = post(
        "\"x\", \"instagram\"",
        "media = [{ path = \"media/a.png\", alt = \"Rad\" }]\n",
        "Hallo Leipzig",
    );
    assert_eq!(findings(&p, &[("a.png", png(1080, 1350))]), vec![]);
}

#[test]
fn x_length_points_at_the_body_with_numbers() {
    let p = post("\"x\"", "", &"a".repeat(290));
    let found = findings(&p, &[]);
    assert_eq!(rules_of(&found), ["x-length"]);
    assert_eq!(found[0].1, 6);
    assert_eq!(
        found[0].2,
        "the text is 290 weighted characters (twitter-text v3), 10 over X's 280"
    );
}

#[test]
fn thread_parts_are_checked_each_at_their_line() {
    let extra = format!(
        "[x]\ntext = \"kurz\"\nthread = [\"ok\", \"{}\"]\n",
        "の".repeat(141)
    );
    let found = findings(&post("\"x\"", &extra, "Body"), &[]);
    assert_eq!(rules_of(&found), ["x-length"]);
    assert_eq!(found[0].1, 7);
    assert!(
        found[0].2.starts_with("thread part 3 is 282 weighted"),
        "{}",
        found[0].2
    );
}

#[test]
fn instagram_rules() {
    let tags: String = (0..31).map(|i| format!("#t{i} ")).collect();
    let mentions: String = (0..21).map(|i| format!("@u{i} ")).collect();
    let body = format!("{tags}\n\n{mentions}\n\nhttps://radwerk.de/x");
    let p = post("\"instagram\"", "", &body);
    let found = findings(&p, &[]);
    assert_eq!(
        rules_of(&found),
        [
            "instagram-hashtag-count",
            "instagram-mention-count",
            "media-required",
            "unclickable-link"
        ]
    );
    assert!(
        found[0].2.contains("31 hashtags, 1 over Instagram's limit of 30"),
        "{}",
        found[0].2
    );
    assert_eq!(found[2].1, 3, "media-required points at `platforms`");
}

#[test]
fn instagram_aspect_ratio_and_alt_text() {
    let extra =
        "media = [\n  { path = \"media/wide.png\" },\n  { path = \"media/ok.png\", alt = \"gut\" },\n]\n";
    let found = findings(
        &post("\"instagram\"", extra, "Text"),
        &[("wide.png", png(2000, 1000)), ("ok.png", png(1080, 1080))],
    );
    assert_eq!(rules_of(&found), ["instagram-aspect-ratio", "missing-alt-text"]);
    assert_eq!((found[0].1, found[1].1), (6, 6));
    assert!(found[0].2.contains("2000×1000 (ratio 2.00:1)"), "{}", found[0].2);
}

#[test]
fn youtube_needs_a_video_and_a_short_title() {
    let long_title = format!(
        "+++\ntitle = \"{}<\"\nplatforms = [\"youtube\"]\nstatus = \"idea\"\nmedia = [{{ path = \"media/a.png\", alt = \"x\" }}]\n+++\nBeschreibung",
        "t".repeat(100)
    );
    let found = findings(&long_title, &[("a.png", png(10, 10))]);
    assert_eq!(
        rules_of(&found),
        ["forbidden-character", "media-kind", "youtube-title-length"]
    );
    assert_eq!(
        found[2].2,
        "the title is 101 characters, 1 over YouTube's limit of 100"
    );
    let none = findings(&post("\"youtube\"", "", "Beschreibung <b>"), &[]);
    assert_eq!(rules_of(&none), ["media-required"]);
}

#[test]
fn media_counts_and_mixing() {
    let five: String = (0..5)
        .map(|i| format!("{{ path = \"media/{i}.png\", alt = \"a\" }}, "))
        .collect();
    let extra = format!("media = [{five}]\n");
    let files: Vec<(String, Vec<u8>)> = (0..5).map(|i| (format!("{i}.png"), png(10, 10))).collect();
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let found = findings(&post("\"x\"", &extra, "Text"), &files);
    assert_eq!(rules_of(&found), ["media-count"]);
    assert_eq!(found[0].2, "5 images for X, 1 over its limit of 4");
    let mixed = "media = [{ path = \"media/a.png\", alt = \"a\" }, { path = \"media/b.mp4\" }]\n";
    let found = findings(
        &post("\"bluesky\"", mixed, "Text"),
        &[("a.png", png(10, 10)), ("b.mp4", vec![0; 16])],
    );
    assert_eq!(rules_of(&found), ["media-count"]);
}

#[test]
fn bluesky_bytes_and_empty_posts() {
    let found = findings(&post("\"bluesky\"", "", &"👨‍👩‍👧‍👦".repeat(121)), &[]);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].2.contains("3,025 bytes, 25 over Bluesky's 3,000 bytes"),
        "{}",
        found[0].2
    );
    let empty = findings(&post("\"bluesky\"", "", ""), &[]);
    assert_eq!(rules_of(&empty), ["empty-post"]);
}

#[test]
fn unsupported_fields_are_flagged() {
    let extra = "[instagram]\nthread = [\"zwei\"]\n";
    let found = findings(&post("\"instagram\"", extra, "Text"), &[]);
    assert!(rules_of(&found).contains(&"unsupported-field"));
}

#[test]
fn documents_go_to_linkedin_only() {
    let extra = "media = [{ path = \"media/deck.pdf\" }]\n";
    let found = findings(
        &post("\"linkedin\", \"x\"", extra, "Text"),
        &[("deck.pdf", b"%PDF-1.4".to_vec())],
    );
    assert_eq!(rules_of(&found), ["media-kind"]);
    assert!(found[0].2.starts_with("X does not take"), "{}", found[0].2);
    let missing = "media = [{ path = \"media/gone.xyz\" }]\n";
    assert_eq!(findings(&post("\"x\"", missing, "Text"), &[]), vec![]);
}

#[test]
fn threads_counts_each_distinct_link_once() {
    let five = (0..5)
        .map(|i| format!("https://radwerk.de/{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        count_links(&format!("{five} https://radwerk.de/0"), Platform::Threads),
        5
    );
    assert_eq!(
        count_links(&format!("{five} https://radwerk.de/0"), Platform::X),
        6
    );
}

#[test]
fn rule_names_are_unique_kebab_case() {
    let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    assert!(
        names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
    );
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), RULES.len());
}
