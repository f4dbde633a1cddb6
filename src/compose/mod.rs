//! Composing: the text each network receives for a post. Between the model and
//! validation: the post's Markdown becomes plain text ([`text`]), the variant replaces
//! the body, the tracked link ([`utm`]) and the hashtags are added, and each part is
//! measured as the network counts it. Validation, the site's previews and the export
//! all call [`platform_text`], so what is checked is exactly what is shown and posted.
//!
//! May import: the networks ([`crate::platform`]) and the model ([`crate::model`],
//! [`crate::diagnostic`]); nothing that validates, renders or serves.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Pos;
use crate::model::{Post, Project, Spanned};
use crate::platform::{Measure, Platform, measure, spec};

pub mod text;
pub mod utm;

/// Where a part's text is written in the post's file, so findings can point at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartSource {
    /// The post's Markdown body.
    Body,
    /// The variant's `text`.
    VariantText,
    /// One of the variant's `thread` parts.
    Thread,
}

/// One piece of text the network receives: the post itself or a thread part.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextPart {
    /// The final plain text, hashtags and tracked link included where they go.
    pub text: String,
    /// Its count against the network's limit.
    pub measure: Measure,
    /// Where its source is written in the post's file.
    #[serde(skip)]
    pub pos: Pos,
    /// Which field it comes from.
    pub source: PartSource,
}

/// Everything a network receives for one post, measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformText {
    /// The network.
    pub platform: Platform,
    /// The post (first) and any further thread parts, in order.
    pub parts: Vec<TextPart>,
    /// The first comment, as plain text, where the variant sets one.
    pub first_comment: Option<String>,
    /// The post's link with the strategy's UTM parameters, where the post has a link.
    pub tracked_link: Option<String>,
    /// Byte offset in the first part where the network shows "more", if the text is that long.
    pub fold: Option<usize>,
    /// The limit in force for each part (the project's `max_chars`, else the network's).
    pub limit: Option<usize>,
    /// The title the network shows (YouTube, Pinterest): the post's title.
    pub title: Option<String>,
}

impl PlatformText {
    /// The first part's text: what single-part networks post and previews show first.
    pub fn text(&self) -> &str {
        self.parts.first().map_or("", |p| p.text.as_str())
    }

    /// Whether every part is within the network's limits.
    pub fn valid(&self) -> bool {
        self.parts.iter().all(|p| p.measure.valid())
    }
}

/// Composed texts kept for later stages of one run, by post file (one per platform the
/// post names, in its order): validation, the site's previews and the publish queue all
/// need the same texts, so `check` composes them once and the others look them up.
#[derive(Debug, Default)]
pub struct Texts(HashMap<String, Vec<PlatformText>>);

impl Texts {
    /// Composes the text of every platform of each post, on all cores.
    pub fn compose<'p>(project: &Project, posts: impl IntoParallelIterator<Item = &'p Post>) -> Self {
        let composed = posts
            .into_par_iter()
            .map(|post| {
                let body = OnceLock::new();
                let texts = post
                    .platforms
                    .iter()
                    .map(|p| platform_text_sharing(project, post, p.value, &body))
                    .collect();
                (post.file.clone(), texts)
            })
            .collect();
        Texts(composed)
    }

    /// Whether nothing was kept (the dev server, which changes posts, keeps nothing).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The kept text of `post` on `platform`, if this run kept it.
    fn lookup(&self, post: &Post, platform: Platform) -> Option<&PlatformText> {
        self.0
            .get(&post.file)?
            .iter()
            .find(|text| text.platform == platform)
    }

    /// The text `platform` receives for `post`: the kept one, or composed now when this
    /// run did not keep it.
    pub fn get<'t>(&'t self, project: &Project, post: &Post, platform: Platform) -> Cow<'t, PlatformText> {
        match self.lookup(post, platform) {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(platform_text(project, post, platform)),
        }
    }
}

/// Builds what `platform` receives for `post`: the variant's text (or the body) as plain
/// text, the tracked link placed or appended where the network takes links, the hashtags
/// appended, then further thread parts; each part measured against the limit in force.
pub fn platform_text(project: &Project, post: &Post, platform: Platform) -> PlatformText {
    platform_text_sharing(project, post, platform, &OnceLock::new())
}

/// [`platform_text`] for one of several networks of `post`: `body`, the post's body as
/// plain text, is made by the first of them and shared by the others.
fn platform_text_sharing(
    project: &Project,
    post: &Post,
    platform: Platform,
    body: &OnceLock<text::PlainText>,
) -> PlatformText {
    let spec = spec(platform);
    let variant = post.variants.get(&platform);
    let override_limit = project
        .config
        .platforms
        .get(&platform)
        .and_then(|c| c.max_chars)
        .or_else(|| photo_post_limit(project, post, platform));
    let tracked_link = post
        .link
        .as_ref()
        .map(|link| track(project, post, platform, &link.value));

    let (markdown, pos, source) = match variant.and_then(|v| v.text.as_ref()) {
        Some(t) => (t.value.as_str(), t.pos, PartSource::VariantText),
        None => (post.body.as_str(), Pos::new(post.body_line, 1), PartSource::Body),
    };
    let links = project.config.links;
    let own_plain;
    let plain = match source {
        PartSource::Body => body.get_or_init(|| text::PlainText::new(markdown, links)),
        _ => {
            own_plain = text::PlainText::new(markdown, links);
            &own_plain
        }
    };
    let mut first = match (&post.link, &tracked_link, spec.link_in_text) {
        (Some(raw), Some(tracked), true) => plain.with_link(&raw.value, tracked),
        _ => plain.text().to_owned(),
    };
    let hashtags: Vec<&str> = post
        .hashtags_for(platform)
        .iter()
        .map(|h| h.value.as_str())
        .collect();
    first = text::append_hashtags(&first, &hashtags);

    let part = |text: String, pos: Pos, source: PartSource| TextPart {
        measure: measure(platform, &text, override_limit),
        text,
        pos,
        source,
    };
    let mut parts = vec![part(first, pos, source)];
    if spec.threads {
        for t in variant.map(|v| v.thread.as_slice()).unwrap_or_default() {
            parts.push(part(
                text::markdown_to_plain_with(&t.value, links),
                t.pos,
                PartSource::Thread,
            ));
        }
    }
    let fold = spec
        .fold
        .and_then(|f| parts.first().and_then(|p| text::fold_position(&p.text, f.value)));
    PlatformText {
        platform,
        limit: parts.first().and_then(|p| p.measure.limit),
        parts,
        first_comment: variant
            .and_then(|v| v.first_comment.as_ref())
            .map(|c| text::markdown_to_plain_with(&c.value, links)),
        tracked_link,
        fold,
        title: spec.title.map(|_| post.title.value.clone()),
    }
}

/// TikTok photo posts (images, no video) take a 4,000-unit description instead of the
/// video caption's 2,200.
fn photo_post_limit(project: &Project, post: &Post, platform: Platform) -> Option<usize> {
    use crate::platform::MediaKind;
    let media = post.media_for(platform);
    let is_image = |path: &str| {
        project
            .media
            .get(path)
            .map_or_else(|| MediaKind::of(path), |f| f.kind)
            == MediaKind::Image
    };
    let photo_post = !media.is_empty() && media.iter().all(|m| is_image(&m.path.value));
    (platform == Platform::Tiktok && photo_post).then_some(crate::platform::tiktok::PHOTO_DESCRIPTION.value)
}

/// The post's link with the strategy's UTM parameters for `platform` (unchanged without `[utm]`).
fn track(project: &Project, post: &Post, platform: Platform, link: &str) -> String {
    let Some(rules) = &project.strategy.utm else {
        return link.to_owned();
    };
    let utm_rules = utm::UtmRules {
        source: rules.source.as_deref().unwrap_or_default(),
        medium: rules.medium.as_deref().unwrap_or_default(),
        campaign: rules.campaign.as_deref().unwrap_or_default(),
        content: rules.content.as_deref(),
        domains: &rules.domains,
    };
    let values = utm::UtmValues {
        platform: platform.name(),
        campaign: spanned_str(&post.campaign),
        pillar: spanned_str(&post.pillar),
        post: &post.id,
    };
    utm::track(link, &utm_rules, &values)
}

/// The text of an optional spanned string.
fn spanned_str(value: &Option<Spanned<String>>) -> Option<&str> {
    value.as_ref().map(|s| s.value.as_str())
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;

    use super::*;

    /// Writes a repository into `dir` and loads it.
    pub(crate) fn load(dir: &Path, config_extra: &str, strategy: &str, posts: &[(&str, &str)]) -> Project {
        let config = format!("name = \"Test\"\ntimezone = \"Europe/Berlin\"\n{config_extra}");
        std::fs::write(dir.join("touchpoint.toml"), config).unwrap();
        std::fs::write(dir.join("strategy.toml"), strategy).unwrap();
        std::fs::create_dir_all(dir.join("posts")).unwrap();
        for (name, text) in posts {
            std::fs::write(dir.join("posts").join(name), text).unwrap();
        }
        crate::load::load_project(dir).unwrap().0
    }

    #[test]
    fn composing_never_panics_on_odd_text() {
        for text in crate::platform::tests::odd_texts() {
            let _ = text::markdown_to_plain(&text);
            let _ = text::place_link(&text, "https://a.de", "https://a.de?x=1");
            let _ = text::append_hashtags(&text, &["a", "b"]);
            let _ = utm::track(&text, &utm::UtmRules::default(), &utm::UtmValues::default());
        }
    }

    const STRATEGY: &str = "[utm]\nsource = \"{platform}\"\nmedium = \"social\"\ncampaign = \"{pillar}\"\n";

    const POST: &str = r#"+++
title = "Winterreifen"
publish_at = 2026-12-01T09:00:00
platforms = ["instagram", "x", "mastodon"]
status = "draft"
link = "https://radwerk.de/winter"
hashtags = ["fahrrad", "winter"]

[x]
text = "Drei **Checks**: https://radwerk.de/winter"
thread = ["Zweiter Teil", "Dritter Teil"]
hashtags = ["frost"]
+++
Drei Checks, bevor der Frost kommt:

- Profil
- Luftdruck
"#;

    #[test]
    fn composes_body_link_and_hashtags() {
        let dir = tempfile::tempdir().unwrap();
        let platforms = "[platforms.instagram]\n[platforms.x]\n[platforms.mastodon]\nmax_chars = 1000\n";
        let project = load(dir.path(), platforms, STRATEGY, &[("a.md", POST)]);
        let post = &project.posts[0];

        let ig = platform_text(&project, post, Platform::Instagram);
        assert_eq!(
            ig.text(),
            "Drei Checks, bevor der Frost kommt:\n\n• Profil\n• Luftdruck\n\n#fahrrad #winter"
        );
        assert_eq!(
            ig.tracked_link.as_deref(),
            Some("https://radwerk.de/winter?utm_source=instagram&utm_medium=social")
        );
        assert_eq!(ig.parts[0].source, PartSource::Body);
        assert_eq!(ig.parts[0].pos.line, post.body_line);
        assert_eq!(ig.limit, Some(2200));

        let mastodon = platform_text(&project, post, Platform::Mastodon);
        assert!(
            mastodon
                .text()
                .contains("\n\nhttps://radwerk.de/winter?utm_source=mastodon&utm_medium=social\n\n#fahrrad")
        );
        assert_eq!(mastodon.limit, Some(1000));
    }

    #[test]
    fn variant_text_replaces_body_and_thread_parts_follow() {
        let dir = tempfile::tempdir().unwrap();
        let project = load(dir.path(), "[platforms.x]\n", "", &[("a.md", POST)]);
        let post = &project.posts[0];
        let x = platform_text(&project, post, Platform::X);
        assert_eq!(x.parts.len(), 3);
        assert_eq!(x.text(), "Drei Checks: https://radwerk.de/winter\n\n#frost");
        assert_eq!(x.parts[0].measure.length, 13 + 23 + 8);
        assert_eq!(x.parts[0].source, PartSource::VariantText);
        assert_eq!(x.parts[0].pos.line, 10);
        assert_eq!(
            (x.parts[1].text.as_str(), x.parts[1].pos.line),
            ("Zweiter Teil", 11)
        );
        assert!(x.valid());
    }

    #[test]
    fn tiktok_photo_posts_take_longer_descriptions() {
        let dir = tempfile::tempdir().unwrap();
        let photo = POST
            .replace("[\"instagram\", \"x\", \"mastodon\"]", "[\"tiktok\"]")
            .replace(
                "hashtags = [\"fahrrad\", \"winter\"]",
                "media = [{ path = \"media/a.jpg\" }]",
            );
        let video = photo.replace("a.jpg", "a.mp4");
        let project = load(
            dir.path(),
            "[platforms.tiktok]\n",
            "",
            &[("a.md", &photo), ("b.md", &video)],
        );
        assert_eq!(
            platform_text(&project, &project.posts[0], Platform::Tiktok).limit,
            Some(4000)
        );
        assert_eq!(
            platform_text(&project, &project.posts[1], Platform::Tiktok).limit,
            Some(2200)
        );
    }

    #[test]
    fn fold_position_is_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let long = POST.replace("Drei Checks, bevor", &format!("{} bevor", "a".repeat(200)));
        let project = load(dir.path(), "[platforms.instagram]\n", "", &[("a.md", &long)]);
        let ig = platform_text(&project, &project.posts[0], Platform::Instagram);
        assert_eq!(ig.fold, Some(125));
    }

    #[test]
    fn check_keeps_exactly_the_texts_the_platforms_receive() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
        let checked = crate::check_project(&root, &crate::Options::default()).unwrap();
        let project = &checked.project;
        let mut kept = 0;
        for post in project.posts.iter().chain(&project.crisis) {
            for platform in post.platforms.iter().map(|p| p.value) {
                let text = checked.texts.get(project, post, platform);
                assert!(
                    matches!(text, Cow::Borrowed(_)),
                    "{} on {platform:?} was not kept",
                    post.file
                );
                assert_eq!(*text, platform_text(project, post, platform));
                kept += 1;
            }
        }
        assert!(kept > 40, "{kept}");
        let none = Texts::default();
        let missing = none.get(project, &project.posts[0], project.posts[0].platforms[0].value);
        assert!(matches!(missing, Cow::Owned(_)), "a miss composes");
    }
}
