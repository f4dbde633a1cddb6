//! The text each platform will receive, for the per-platform previews on post pages.
//!
//! This is a stand-in until `touchpoint::platform::platform_text` lands on main: it
//! derives plain text from the Markdown (or the variant's `text`), appends the link and
//! hashtags, and counts characters. The platform module replaces it with the exact
//! text and each network's own counting.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::{Post, Project};
use crate::platform::Platform;

/// The text of one (post, platform) pair with what the preview needs to show.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewText {
    /// The main text, then further thread parts.
    pub parts: Vec<String>,
    /// A first comment, where the platform has one.
    pub first_comment: Option<String>,
    /// Counts of each part, as the platform counts.
    pub counts: Vec<usize>,
    /// The platform's limit per part.
    pub limit: Option<usize>,
    /// Where the platform folds the text behind "more", in characters.
    pub fold: Option<usize>,
}

/// Builds the preview text the simple way (see the module doc); replaced by
/// `platform::platform_text` once the platform branch is merged.
pub fn preview_text_until_platform_lands(project: &Project, post: &Post, platform: Platform) -> PreviewText {
    let variant = post.variants.get(&platform);
    let base = match variant.and_then(|v| v.text.as_ref()) {
        Some(text) => plain_text(&text.value),
        None => plain_text(&post.body),
    };
    let mut main = base.trim().to_owned();
    if let Some(link) = &post.link {
        push_paragraph(&mut main, &link.value);
    }
    let tags: Vec<String> = post
        .hashtags_for(platform)
        .iter()
        .map(|t| format!("#{}", t.value.trim_start_matches('#')))
        .collect();
    if !tags.is_empty() {
        push_paragraph(&mut main, &tags.join(" "));
    }
    let mut parts = vec![main];
    if let Some(v) = variant {
        parts.extend(v.thread.iter().map(|t| plain_text(&t.value).trim().to_owned()));
    }
    let counts = parts.iter().map(|p| p.graphemes(true).count()).collect();
    let configured = project.config.platforms.get(&platform).and_then(|c| c.max_chars);
    PreviewText {
        parts,
        first_comment: variant
            .and_then(|v| v.first_comment.as_ref())
            .map(|c| plain_text(&c.value).trim().to_owned()),
        counts,
        limit: configured.or_else(|| default_limit(platform)),
        fold: default_fold(platform),
    }
}

fn push_paragraph(text: &mut String, paragraph: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(paragraph);
}

/// Plain text from Markdown: paragraphs separated by a blank line, list items as "• ",
/// links as "text (url)" unless the text is the URL.
fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut link: Option<(String, usize)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => out.push_str("• "),
            Event::End(TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::List(_) | TagEnd::BlockQuote(_)) => {
                out.truncate(out.trim_end_matches('\n').len());
                out.push_str("\n\n");
            }
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), out.len())),
            Event::End(TagEnd::Link) => {
                if let Some((url, start)) = link.take() {
                    if out.get(start..).is_some_and(|text| text != url) {
                        out.push_str(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }
    out.trim_end().to_owned()
}

/// Commonly cited caption limits (see shared/research/platform-limits.md).
fn default_limit(platform: Platform) -> Option<usize> {
    Some(match platform {
        Platform::X => 280,
        Platform::Bluesky => 300,
        Platform::Mastodon | Platform::Threads | Platform::Pinterest => 500,
        Platform::Instagram | Platform::Tiktok => 2200,
        Platform::Facebook => 63_206,
        Platform::Linkedin => 3000,
        Platform::Youtube => 5000,
        Platform::Xing | Platform::Snapchat => return None,
    })
}

/// Commonly reported "more" folds.
fn default_fold(platform: Platform) -> Option<usize> {
    match platform {
        Platform::Instagram => Some(125),
        Platform::Linkedin => Some(210),
        Platform::Youtube => Some(150),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_paragraphs_bullets_and_urls() {
        let text = plain_text("Hallo **Welt**\n\n- eins\n- zwei\n\n[Termin](https://a.de) und <https://b.de>");
        assert_eq!(text, "Hallo Welt\n\n• eins\n• zwei\n\nTermin (https://a.de) und https://b.de");
    }
}
