//! The per-platform rules on a fixture repository that plants one problem per rule:
//! every finding must be at the planted file and line (`EXPECTED.tsv`), nothing more.

use crate::common;

use std::collections::BTreeSet;

use common::{Finding, expected, fixture};

/// (file, line, rule) of every per-platform finding in the `platforms` fixture.
fn platform_findings() -> BTreeSet<Finding> {
    let dir = fixture("platforms");
    let (project, load_findings) = touchpoint::load::load_project(&dir).expect("fixture loads");
    assert!(
        load_findings.is_empty(),
        "the fixture itself is well formed: {load_findings:#?}"
    );
    touchpoint::validate::platform::check(&project)
        .into_iter()
        .map(|d| (d.file, d.line, d.rule.to_owned()))
        .collect()
}

#[test]
fn every_planted_platform_problem_is_reported_at_its_line() {
    assert_eq!(platform_findings(), expected(&fixture("platforms")));
}

#[test]
fn every_platform_rule_is_planted() {
    let planted: BTreeSet<String> = expected(&fixture("platforms"))
        .into_iter()
        .map(|(_, _, rule)| rule)
        .collect();
    let missing: Vec<&str> = touchpoint::validate::platform::RULES
        .iter()
        .map(|r| r.name)
        .filter(|name| !planted.contains(*name))
        .collect();
    assert!(missing.is_empty(), "rules without a planted case: {missing:?}");
}

/// One count limit: a post exactly at it must pass the rule, one over it must fail it.
/// Figures are written out here, not read from the platform specs under test.
struct Limit {
    /// Case name, also the post file's stem.
    name: &'static str,
    /// The platform the post goes to.
    platform: &'static str,
    /// The rule that must fire only over the limit.
    rule: &'static str,
    /// The post's front matter extras and body for `n` counted items.
    post: fn(usize) -> (String, String),
    /// The limit, as a literal.
    limit: usize,
}

fn hashtags(n: usize) -> (String, String) {
    (
        String::new(),
        (1..=n).map(|i| format!("#tag{i}")).collect::<Vec<_>>().join(" "),
    )
}

fn mentions(n: usize) -> (String, String) {
    (
        String::new(),
        (1..=n).map(|i| format!("@user{i}")).collect::<Vec<_>>().join(" "),
    )
}

fn links(n: usize) -> (String, String) {
    let body = (1..=n)
        .map(|i| format!("https://radwerk.de/{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    (String::new(), body)
}

fn chars(n: usize) -> (String, String) {
    (String::new(), "a".repeat(n))
}

/// `n` ZWJ family emoji: one grapheme, 25 bytes each (Bluesky's byte limit).
fn families(n: usize) -> (String, String) {
    (String::new(), "👨‍👩‍👧‍👦".repeat(n))
}

fn images(n: usize) -> (String, String) {
    let list: Vec<String> = (0..n)
        .map(|i| format!("{{ path = \"media/i{i}.png\", alt = \"a\" }}"))
        .collect();
    (format!("media = [{}]\n", list.join(", ")), "Text".to_owned())
}

fn videos(n: usize) -> (String, String) {
    let list: Vec<String> = (0..n)
        .map(|i| format!("{{ path = \"media/v{i}.mp4\" }}"))
        .collect();
    (format!("media = [{}]\n", list.join(", ")), "Text".to_owned())
}

fn title(n: usize) -> (String, String) {
    (format!("title = \"{}\"\n", "t".repeat(n)), "Text".to_owned())
}

fn alt(n: usize) -> (String, String) {
    let media = format!(
        "media = [{{ path = \"media/i0.png\", alt = \"{}\" }}]\n",
        "a".repeat(n)
    );
    (media, "Text".to_owned())
}

/// A TikTok photo post (one image): the description limit is 4,000, not 2,200.
fn photo_text(n: usize) -> (String, String) {
    (images(1).0, "a".repeat(n))
}

/// Shorthand for one table row.
const fn case(
    name: &'static str,
    platform: &'static str,
    rule: &'static str,
    post: fn(usize) -> (String, String),
    limit: usize,
) -> Limit {
    Limit {
        name,
        platform,
        rule,
        post,
        limit,
    }
}

/// Every count limit the per-platform rules check, with its figure.
const LIMITS: &[Limit] = &[
    case(
        "instagram-hashtags",
        "instagram",
        "instagram-hashtag-count",
        hashtags,
        30,
    ),
    case(
        "instagram-mentions",
        "instagram",
        "instagram-mention-count",
        mentions,
        20,
    ),
    case("x-hashtags", "x", "x-hashtag-count", hashtags, 50),
    case("x-mentions", "x", "x-mention-count", mentions, 50),
    case("x-links", "x", "x-link-count", links, 10),
    case("threads-links", "threads", "threads-link-count", links, 5),
    case("x-images", "x", "media-count", images, 4),
    case("x-videos", "x", "media-count", videos, 1),
    case("bluesky-images", "bluesky", "media-count", images, 4),
    case("bluesky-videos", "bluesky", "media-count", videos, 1),
    case("mastodon-images", "mastodon", "media-count", images, 4),
    case("mastodon-videos", "mastodon", "media-count", videos, 1),
    case("instagram-images", "instagram", "media-count", images, 10),
    case("instagram-videos", "instagram", "media-count", videos, 10),
    case("threads-images", "threads", "media-count", images, 20),
    case("threads-videos", "threads", "media-count", videos, 20),
    case("linkedin-images", "linkedin", "media-count", images, 20),
    case("linkedin-videos", "linkedin", "media-count", videos, 1),
    case("pinterest-images", "pinterest", "media-count", images, 5),
    case("pinterest-videos", "pinterest", "media-count", videos, 1),
    case("youtube-videos", "youtube", "media-count", videos, 1),
    case("tiktok-images", "tiktok", "media-count", images, 35),
    case("tiktok-videos", "tiktok", "media-count", videos, 1),
    case("youtube-title", "youtube", "youtube-title-length", title, 100),
    case(
        "pinterest-title",
        "pinterest",
        "pinterest-title-length",
        title,
        100,
    ),
    case("x-alt", "x", "alt-text-length", alt, 1000),
    case("mastodon-alt", "mastodon", "alt-text-length", alt, 1500),
    case("pinterest-alt", "pinterest", "alt-text-length", alt, 500),
    case("x-length", "x", "x-length", chars, 280),
    case("bluesky-length", "bluesky", "bluesky-length", chars, 300),
    case("bluesky-bytes", "bluesky", "bluesky-length", families, 120),
    case("mastodon-length", "mastodon", "mastodon-length", chars, 500),
    case("threads-length", "threads", "threads-length", chars, 500),
    case("instagram-length", "instagram", "instagram-length", chars, 2200),
    case("facebook-length", "facebook", "facebook-length", chars, 63_206),
    case("linkedin-length", "linkedin", "linkedin-length", chars, 3000),
    case("youtube-length", "youtube", "youtube-length", chars, 5000),
    case("tiktok-length", "tiktok", "tiktok-length", chars, 2200),
    case("tiktok-photo-length", "tiktok", "tiktok-length", photo_text, 4000),
    case("pinterest-length", "pinterest", "pinterest-length", chars, 500),
];

/// A PNG header of a square image: enough for the media scanner (and Instagram's ratios).
fn square_png() -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bytes.extend_from_slice(b"IHDR");
    bytes.extend_from_slice(&1080u32.to_be_bytes());
    bytes.extend_from_slice(&1080u32.to_be_bytes());
    bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// Writes one repository with an at-limit and an over-limit post per case, and returns
/// the rules reported per post file.
fn limit_findings() -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("posts")).unwrap();
    std::fs::create_dir_all(root.join("media")).unwrap();
    let platforms: BTreeSet<&str> = LIMITS.iter().map(|l| l.platform).collect();
    let sections: String = platforms.iter().map(|p| format!("[platforms.{p}]\n")).collect();
    let config = format!("name = \"Limits\"\ntimezone = \"Europe/Berlin\"\n\n{sections}");
    std::fs::write(root.join("touchpoint.toml"), config).unwrap();
    for i in 0..36 {
        std::fs::write(root.join(format!("media/i{i}.png")), square_png()).unwrap();
    }
    for i in 0..21 {
        std::fs::write(root.join(format!("media/v{i}.mp4")), [0u8; 16]).unwrap();
    }
    for case in LIMITS {
        for (suffix, n) in [("at", case.limit), ("over", case.limit + 1)] {
            let (extra, body) = (case.post)(n);
            let title = if extra.contains("title =") {
                ""
            } else {
                "title = \"T\"\n"
            };
            let text = format!(
                "+++\n{title}platforms = [\"{}\"]\nstatus = \"idea\"\n{extra}+++\n{body}\n",
                case.platform
            );
            std::fs::write(root.join(format!("posts/{}-{suffix}.md", case.name)), text).unwrap();
        }
    }
    let (project, load_findings) = touchpoint::load::load_project(root).expect("loads");
    assert!(load_findings.is_empty(), "{load_findings:#?}");
    let mut found: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for d in touchpoint::validate::platform::check(&project) {
        found.entry(d.file).or_default().insert(d.rule.to_owned());
    }
    found
}

#[test]
fn every_count_limit_passes_at_the_limit_and_fails_one_over() {
    let found = limit_findings();
    let mut wrong = Vec::new();
    for case in LIMITS {
        for (suffix, must_fire) in [("at", false), ("over", true)] {
            let file = format!("posts/{}-{suffix}.md", case.name);
            let fired = found.get(&file).is_some_and(|rules| rules.contains(case.rule));
            if fired != must_fire {
                wrong.push(format!(
                    "{file}: {} {}",
                    case.rule,
                    if must_fire { "missing" } else { "reported" }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}\nall findings: {found:#?}");
}
