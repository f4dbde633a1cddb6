//! `posts/ID.html` (and `crisis/ID.html`): a post with its Markdown rendered, its media,
//! its findings, and a preview per platform of exactly the text that will be posted.

use serde::Serialize;
use tera::Context;
use unicode_segmentation::UnicodeSegmentation;

use super::Page;
use crate::model::{MediaKind, MediaRef, Post};
use crate::platform::Platform;
use crate::site::format::{href, number, root_prefix};
use crate::site::markdown::render_markdown;
use crate::site::preview::{PreviewText, preview_text_until_platform_lands};
use crate::site::views::{Chip, DiagView, Link, PostRow, Views, post_path};

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
    over: Option<String>,
    is_over: bool,
}

/// A platform's preview.
#[derive(Serialize)]
struct PreviewView {
    platform: Chip,
    handle: Option<String>,
    parts: Vec<PartView>,
    first_comment: Option<String>,
    fold: Option<usize>,
    media: Vec<MediaView>,
    diagnostics: Vec<DiagView>,
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

/// A page per post and per holding statement whose output path `keep` accepts.
pub fn pages_where(views: &Views<'_>, keep: &dyn Fn(&str) -> bool) -> Vec<Page> {
    let project = views.project();
    project
        .posts
        .iter()
        .chain(&project.crisis)
        .filter(|post| keep(&post_path(post)))
        .map(|post| page(views, post))
        .collect()
}

fn page(views: &Views<'_>, post: &Post) -> Page {
    let path = post_path(post);
    let root = root_prefix(&path);
    let mut context = Context::new();
    context.insert("post", &post_view(views, post, &root));
    context.insert("diagnostics", &views.diagnostics_for(&post.file));
    context.insert("previews", &previews(views, post));
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
        body_html: render_markdown(&post.body, root, &project.media),
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
                alt: m.alt.as_ref().map(|a| a.value.clone()).filter(|a| !a.trim().is_empty()),
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

fn previews(views: &Views<'_>, post: &Post) -> Vec<PreviewView> {
    let project = views.project();
    post.platforms
        .iter()
        .map(|p| p.value)
        .map(|platform| {
            let text = preview_text_until_platform_lands(project, post, platform);
            PreviewView {
                platform: views.chip(platform),
                handle: project.config.platforms.get(&platform).and_then(|c| c.handle.clone()),
                parts: part_views(views, &text),
                first_comment: text.first_comment.clone(),
                fold: text.fold,
                media: media_views(views, post.media_for(platform)),
                diagnostics: platform_diagnostics(views, post, platform),
            }
        })
        .collect()
}

fn part_views(views: &Views<'_>, text: &PreviewText) -> Vec<PartView> {
    let lang = views.lang;
    text.parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let count = text.counts.get(i).copied().unwrap_or(0);
            let (before, after) = split_at_fold(part, if i == 0 { text.fold } else { None });
            let over = text.limit.filter(|limit| count > *limit).map(|limit| count - limit);
            PartView {
                before_fold: before.to_owned(),
                after_fold: after.to_owned(),
                count: number(lang, count as f64),
                limit: text.limit.map(|l| number(lang, l as f64)),
                over: over.map(|o| number(lang, o as f64)),
                is_over: over.is_some(),
            }
        })
        .collect()
}

/// Splits `text` after `fold` grapheme clusters (the part the platform shows before "more").
fn split_at_fold(text: &str, fold: Option<usize>) -> (&str, &str) {
    let Some(fold) = fold else {
        return (text, "");
    };
    match text.grapheme_indices(true).nth(fold) {
        Some((index, _)) => text.split_at(index),
        None => (text, ""),
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
    let allowed = ["https://", "http://", "mailto:"].iter().any(|s| lower.starts_with(s));
    let clean = !trimmed.chars().any(|c| c.is_control() || c.is_whitespace());
    (allowed && clean).then(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_splits_on_characters() {
        assert_eq!(split_at_fold("äbcdef", Some(3)), ("äbc", "def"));
        assert_eq!(split_at_fold("ab", Some(3)), ("ab", ""));
        assert_eq!(split_at_fold("ab", None), ("ab", ""));
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
