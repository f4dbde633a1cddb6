//! `posts/ID.html` (and `crisis/ID.html`): a post with its Markdown rendered, its media,
//! its findings, and a preview per platform of exactly the text that will be posted.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::page::Page;
use crate::compose::PlatformText;
use crate::lang::format::number;
use crate::model::{MediaKind, MediaRef, Post};
use crate::platform::{Platform, spec};
use crate::site::paths::{href, root_prefix};
use crate::site::views::{Chip, DiagView, Link, PostRow, Views, display_title, post_path, sort_by_time};

/// An attachment as the page shows it.
#[derive(Serialize)]
pub(super) struct MediaView {
    /// Root-relative link to the copy in the site; `None` when the file is missing.
    src: Option<String>,
    path: String,
    alt: Option<String>,
    kind: &'static str,
    width: Option<u32>,
    height: Option<u32>,
}

/// One part of a preview: the text up to the fold, the rest, and its count.
#[derive(Serialize)]
struct PartView {
    before_fold: String,
    after_fold: String,
    count: String,
    limit: Option<String>,
    unit: String,
    over: Option<String>,
    bytes: Option<String>,
    byte_limit: Option<String>,
    forbidden: Vec<String>,
    is_over: bool,
}

/// A platform's preview (the post page's and the review page's).
#[derive(Serialize)]
pub(super) struct PreviewView {
    platform: Chip,
    handle: Option<String>,
    title: Option<String>,
    parts: Vec<PartView>,
    first_comment: Option<String>,
    fold: Option<usize>,
    media: Vec<MediaView>,
    diagnostics: Vec<DiagView>,
    /// The network's shape: account, framed media, fold words, link card.
    look: super::previews::Look,
}

/// Everything the post page shows about the post.
#[derive(Serialize)]
struct PostView {
    row: PostRow,
    file: String,
    author: Option<String>,
    approved_by: Option<String>,
    sponsored: bool,
    scenario: Option<String>,
    link: Option<String>,
    link_href: Option<String>,
    hashtags: Vec<String>,
    personas: Vec<Link>,
    body_html: String,
    media: Vec<MediaView>,
}

/// A post page to prepare: the post and its neighbours in publish order.
pub(super) struct Job<'a> {
    post: &'a Post,
    prev: Option<Link>,
    next: Option<Link>,
}

/// A job per post and per holding statement whose page `wanted` accepts.
pub(super) fn jobs<'a>(views: &Views<'a>, wanted: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Job<'a>> {
    let project = views.project();
    let mut posts: Vec<&Post> = project.posts.iter().collect();
    sort_by_time(&mut posts);
    let mut crisis: Vec<&Post> = project.crisis.iter().collect();
    sort_by_time(&mut crisis);
    let link = |p: &Post| Link {
        href: href(&post_path(p)),
        label: display_title(p),
    };
    // On all cores: at 10,000 posts the paths and neighbour links took 20 ms on one core
    // while the other waited for the first page to render.
    let mut jobs = Vec::new();
    for list in [&posts, &crisis] {
        jobs.par_extend(
            list.par_iter()
                .enumerate()
                .filter(|(_, post)| wanted(&post_path(post)))
                .map(|(i, post)| Job {
                    post,
                    prev: i.checked_sub(1).and_then(|j| list.get(j)).map(|p| link(p)),
                    next: list.get(i + 1).map(|p| link(p)),
                }),
        );
    }
    jobs
}

/// A post's page with its context.
pub(super) fn page(views: &Views<'_>, job: &Job<'_>) -> Page {
    let post = job.post;
    let path = post_path(post);
    let root = root_prefix(&path);
    let mut context = Context::new();
    context.insert("post", &post_view(views, post, &root));
    context.insert("diagnostics", &views.diagnostics_for(&post.file));
    context.insert("comments", &views.open_comments(&post.id));
    context.insert("previews", &previews(views, post));
    context.insert("prev", &job.prev);
    context.insert("next", &job.next);
    Page::new(path, "post.html", context)
}

fn post_view(views: &Views<'_>, post: &Post, root: &str) -> PostView {
    let project = views.project();
    PostView {
        row: views.post_row(post),
        file: post.file.clone(),
        author: post.author.clone(),
        approved_by: post.approved_by.clone(),
        sponsored: post.sponsored,
        scenario: post.scenario.clone(),
        link: post.link.as_ref().map(|l| l.value.clone()),
        link_href: post.link.as_ref().and_then(|l| safe_external_url(&l.value)),
        hashtags: post.hashtags.iter().map(|h| h.value.clone()).collect(),
        personas: post
            .personas
            .iter()
            .map(|p| match project.persona(&p.value) {
                Some(persona) => Link {
                    href: href(&format!("personas/{}.html", persona.id)),
                    label: persona.name.clone(),
                },
                None => Link {
                    href: String::new(),
                    label: p.value.clone(),
                },
            })
            .collect(),
        body_html: views.markdown(&post.body, &post.file, root, 3),
        media: media_views(views, &post.media),
    }
}

/// Attachments with links to their copies in the site.
pub(super) fn media_views(views: &Views<'_>, media: &[MediaRef]) -> Vec<MediaView> {
    let files = &views.project().media;
    media
        .iter()
        .map(|m| {
            let file = files.get(&m.path.value);
            MediaView {
                src: file.map(|f| href(&f.path)),
                path: m.path.value.clone(),
                alt: m
                    .alt
                    .as_ref()
                    .map(|a| a.value.clone())
                    .filter(|a| !a.trim().is_empty()),
                kind: match MediaKind::of(&m.path.value) {
                    MediaKind::Image => "image",
                    MediaKind::Video => "video",
                    MediaKind::Other => "other",
                },
                width: file.and_then(|f| f.width),
                height: file.and_then(|f| f.height),
            }
        })
        .collect()
}

/// A preview per platform of `post`: exactly the text each network receives, counted and
/// folded as there; shared by the post page and the review page (`preview.html`).
pub(super) fn previews(views: &Views<'_>, post: &Post) -> Vec<PreviewView> {
    let project = views.project();
    post.platforms
        .iter()
        .map(|p| p.value)
        .map(|platform| {
            let text = views.texts.get(project, post, platform);
            PreviewView {
                platform: views.chip(platform),
                handle: project
                    .config
                    .platforms
                    .get(&platform)
                    .and_then(|c| c.handle.clone()),
                title: text.title.clone(),
                parts: part_views(views, &text),
                first_comment: text.first_comment.clone(),
                fold: spec(platform).fold.map(|f| f.value),
                media: media_views(views, post.media_for(platform)),
                diagnostics: platform_diagnostics(views, post, platform),
                look: super::previews::look(views, post, platform, text.tracked_link.as_deref()),
            }
        })
        .collect()
}

/// The parts of a platform's text, each split at the fold (first part only) and counted.
fn part_views(views: &Views<'_>, text: &PlatformText) -> Vec<PartView> {
    let lang = views.lang;
    let n = |v: usize| number(lang, v as f64);
    text.parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let fold = if i == 0 { text.fold } else { None };
            let (before, after) = split_at_byte(&part.text, fold);
            let measure = &part.measure;
            let over = measure.over();
            PartView {
                before_fold: before.to_owned(),
                after_fold: after.to_owned(),
                count: n(measure.length),
                limit: measure.limit.map(n),
                unit: unit_label(views, measure.unit),
                over: (over > 0).then(|| n(over)),
                bytes: measure.byte_limit.and(measure.bytes).map(n),
                byte_limit: measure.byte_limit.map(n),
                forbidden: measure
                    .forbidden
                    .iter()
                    .map(|c| format!("U+{:04X}", u32::from(*c)))
                    .collect(),
                is_over: !measure.valid(),
            }
        })
        .collect()
}

/// What a count counts, in the site's language ("weighted characters", "Zeichen", ...).
fn unit_label(views: &Views<'_>, unit: crate::platform::Unit) -> String {
    let name = super::platforms::unit_key(unit);
    views
        .words
        .label(&format!("unit_{name}"))
        .map_or_else(|| unit.describe().to_owned(), str::to_owned)
}

/// Splits `text` at byte offset `fold` (the part the platform shows before "more").
fn split_at_byte(text: &str, fold: Option<usize>) -> (&str, &str) {
    match fold {
        Some(at) if text.is_char_boundary(at) => text.split_at(at),
        _ => (text, ""),
    }
}

/// Findings of this post's file from the platform's own rules (`x-length`, ...).
fn platform_diagnostics(views: &Views<'_>, post: &Post, platform: Platform) -> Vec<DiagView> {
    let prefix = format!("{}-", platform.name());
    views
        .diagnostics_for(&post.file)
        .into_iter()
        .filter(|d| d.rule.starts_with(&prefix))
        .collect()
}

/// The URL when it is safe to link to (http, https, mailto); anything else is shown as text.
pub(super) fn safe_external_url(url: &str) -> Option<String> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    let clean = !trimmed.chars().any(|c| c.is_control() || c.is_whitespace());
    (allowed && clean).then(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_splits_at_a_byte_offset_and_never_inside_a_character() {
        assert_eq!(split_at_byte("äbcdef", Some(4)), ("äbc", "def"));
        assert_eq!(split_at_byte("äb", Some(1)), ("äb", ""));
        assert_eq!(split_at_byte("ab", Some(9)), ("ab", ""));
        assert_eq!(split_at_byte("ab", None), ("ab", ""));
    }

    #[test]
    fn only_web_and_mail_links_are_linked() {
        assert!(safe_external_url("https://radwerk.de/winter").is_some());
        assert!(safe_external_url("javascript:alert(1)").is_none());
        assert!(safe_external_url(" JAVASCRIPT:alert(1)").is_none());
        assert!(safe_external_url("data:text/html,<script>").is_none());
        assert!(safe_external_url("https://a.de/\" onmouseover=\"x").is_none());
    }
}
