//! What makes a preview look like its network: the account (name, handle, avatar), the
//! media in the feed's frames ([`crate::platform::feed`]), the network's own "more"
//! wording at the fold, the link card from `link`, `link_title` and `link_image`, and
//! video lengths. Nothing is fetched: every image is a repository file copied into the
//! site. `post.rs` puts these into each [`super::post::PreviewView`].

use serde::Serialize;

use crate::model::{MediaKind, MediaRef, Post};
use crate::platform::Platform;
use crate::platform::feed::{Ratio, cut_share, frames, profile_grid};
use crate::site::paths::href;
use crate::site::views::Views;

/// Most media cells a feed shows before "+N" (X, Bluesky, Mastodon and Facebook show four).
const MOST_CELLS: usize = 4;

/// The account a preview shows at its head.
#[derive(Serialize)]
pub(super) struct Account {
    /// `[platforms.NAME] name`, else the project's `name`.
    name: String,
    /// The handle, where configured.
    handle: Option<String>,
    /// Root-relative link to the avatar's copy in the site.
    avatar: Option<String>,
    /// The name's first letter, drawn where there is no avatar.
    initial: String,
}

/// One attachment in the frame the network's feed gives it.
#[derive(Serialize)]
pub(super) struct FramedMedia {
    /// Root-relative link to the copy in the site; `None` when the file is missing.
    src: Option<String>,
    path: String,
    alt: Option<String>,
    kind: &'static str,
    /// The frame as a CSS `aspect-ratio` ("8 / 9"); the image covers it, centred.
    frame: String,
    /// Whether the frame cuts more than a quarter of the image (`media-crop`).
    cut: bool,
    /// A video's length as the network shows it ("4:35").
    duration: Option<String>,
}

/// The card a network draws for a post's link: nothing fetched, all from front matter.
#[derive(Serialize)]
pub(super) struct LinkCard {
    /// The link, when it is safe to link to.
    href: Option<String>,
    /// The link's host, as the card shows it ("radwerk.de").
    domain: String,
    /// `link_title`.
    title: Option<String>,
    /// Root-relative link to `link_image`'s copy in the site.
    image: Option<String>,
}

/// Everything network-shaped about one preview.
#[derive(Serialize)]
pub(super) struct Look {
    /// The partial that draws it: `x`, `instagram`, `linkedin` or `youtube`.
    shape: &'static str,
    account: Account,
    /// The words the network shows at its fold ("… more", "…see more").
    more: String,
    /// The attachments shown (at most four for grids), each in its frame.
    media: Vec<FramedMedia>,
    /// Attachments beyond those shown ("+2").
    more_media: usize,
    /// The link card, where the network draws one (a link and no media).
    link_card: Option<LinkCard>,
    /// Instagram's profile-grid tile of the first image, as a CSS `aspect-ratio`.
    profile_grid: Option<String>,
}

/// The network-shaped parts of `post`'s preview on `platform`; `tracked_link` is the
/// link as composed (with UTM parameters).
pub(super) fn look(views: &Views<'_>, post: &Post, platform: Platform, tracked_link: Option<&str>) -> Look {
    let media = post.media_for(platform);
    let framed = framed_media(views, platform, media);
    let shown = match shape(platform) {
        "instagram" | "youtube" => framed.len(),
        _ => MOST_CELLS,
    };
    let more_media = framed.len().saturating_sub(shown);
    let has_images = framed.iter().any(|m| m.kind != "other");
    Look {
        shape: shape(platform),
        account: account(views, platform),
        more: fold_words(views, platform),
        profile_grid: profile_grid(platform).filter(|_| has_images).map(css_ratio),
        link_card: link_card(views, post, platform, tracked_link, has_images),
        media: framed.into_iter().take(shown).collect(),
        more_media,
    }
}

/// The partial a network's preview is drawn with: networks that look alike share one.
pub(super) fn shape(platform: Platform) -> &'static str {
    match platform {
        Platform::X | Platform::Bluesky | Platform::Mastodon | Platform::Threads => "x",
        Platform::Instagram | Platform::Pinterest | Platform::Snapchat => "instagram",
        Platform::Linkedin | Platform::Facebook | Platform::Xing => "linkedin",
        Platform::Youtube | Platform::Tiktok => "youtube",
    }
}

/// The account: the configured name (else the project's), handle and avatar.
fn account(views: &Views<'_>, platform: Platform) -> Account {
    let project = views.project();
    let config = project.config.platforms.get(&platform);
    let name = config
        .and_then(|c| c.name.clone())
        .unwrap_or_else(|| project.config.name.clone());
    let avatar = config
        .and_then(|c| c.avatar.as_ref())
        .and_then(|a| project.media.get(a.value.trim_start_matches("./")))
        .filter(|f| f.kind == MediaKind::Image && f.width.is_some())
        .map(|f| href(&f.path));
    Account {
        initial: name.chars().next().map(String::from).unwrap_or_default(),
        handle: config.and_then(|c| c.handle.clone()),
        name,
        avatar,
    }
}

/// The network's words at the fold, from the language files (`fold_more_instagram`, ...),
/// else the generic "more".
fn fold_words(views: &Views<'_>, platform: Platform) -> String {
    let own = format!("fold_more_{}", platform.name());
    views
        .words
        .label(&own)
        .or_else(|| views.words.label("more"))
        .unwrap_or("more")
        .to_owned()
}

/// Each attachment with the frame the feed shows it in.
fn framed_media(views: &Views<'_>, platform: Platform, media: &[MediaRef]) -> Vec<FramedMedia> {
    let files = &views.project().media;
    let kind_of = |m: &MediaRef| {
        files
            .get(&m.path.value)
            .map_or_else(|| MediaKind::of(&m.path.value), |f| f.kind)
    };
    let images: Vec<&MediaRef> = media.iter().filter(|m| kind_of(m) == MediaKind::Image).collect();
    let sizes: Vec<Option<Ratio>> = images
        .iter()
        .map(|m| files.get(&m.path.value).and_then(|f| f.width.zip(f.height)))
        .collect();
    let image_frames = frames(platform, &sizes);
    let mut next_image = 0;
    media
        .iter()
        .map(|m| {
            let file = files.get(&m.path.value);
            let size = file.and_then(|f| f.width.zip(f.height));
            let kind = kind_of(m);
            let frame = match kind {
                MediaKind::Image => {
                    let frame = image_frames.get(next_image).copied().flatten();
                    next_image += 1;
                    frame
                }
                MediaKind::Video => video_frame(platform),
                MediaKind::Other => None,
            };
            FramedMedia {
                src: file.map(|f| href(&f.path)),
                path: m.path.value.clone(),
                alt: m
                    .alt
                    .as_ref()
                    .map(|a| a.value.clone())
                    .filter(|a| !a.trim().is_empty()),
                kind: match kind {
                    MediaKind::Image => "image",
                    MediaKind::Video => "video",
                    MediaKind::Other => "other",
                },
                cut: matches!((size, frame), (Some(s), Some(f)) if cut_share(s, f) > 0.25),
                frame: css_ratio(frame.or(size).unwrap_or((1, 1))),
                duration: file.and_then(|f| f.duration).map(duration),
            }
        })
        .collect()
}

/// The frame of a video thumbnail: YouTube's 16:9, TikTok's 9:16; elsewhere 16:9.
fn video_frame(platform: Platform) -> Option<Ratio> {
    Some(match platform {
        Platform::Tiktok | Platform::Snapchat => (9, 16),
        _ => (16, 9),
    })
}

/// A length in seconds as the networks show it: "4:35", "1:02:03".
fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A ratio as CSS `aspect-ratio` ("16 / 9").
fn css_ratio((w, h): Ratio) -> String {
    format!("{w} / {h}")
}

/// The link card, where the network draws one: a clickable link and no media.
fn link_card(
    views: &Views<'_>,
    post: &Post,
    platform: Platform,
    tracked_link: Option<&str>,
    has_media: bool,
) -> Option<LinkCard> {
    let spec = crate::platform::spec(platform);
    if has_media || !spec.links_clickable || shape(platform) == "youtube" {
        return None;
    }
    let link = tracked_link.or(post.link.as_ref().map(|l| l.value.as_str()))?;
    let image = post
        .link_image
        .as_ref()
        .and_then(|i| views.project().media.get(i.value.trim_start_matches("./")))
        .filter(|f| f.kind == MediaKind::Image)
        .map(|f| href(&f.path));
    Some(LinkCard {
        href: super::post::safe_external_url(link),
        domain: domain(link),
        title: post.link_title.as_ref().map(|t| t.value.clone()),
        image,
    })
}

/// The host of a URL without `www.` ("https://www.radwerk.de/a?b" → "radwerk.de").
fn domain(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.trim_start_matches("www.").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_shows_the_links_host() {
        assert_eq!(domain("https://www.Radwerk.de/winter?utm_source=x"), "radwerk.de");
        assert_eq!(domain("radwerk.de"), "radwerk.de");
        assert_eq!(domain("https://user@shop.radwerk.de#a"), "shop.radwerk.de");
    }

    #[test]
    fn video_lengths_read_as_on_the_network() {
        assert_eq!(duration(275), "4:35");
        assert_eq!(duration(3723), "1:02:03");
        assert_eq!(duration(9), "0:09");
    }

    #[test]
    fn networks_that_look_alike_share_a_shape() {
        assert_eq!(shape(Platform::Bluesky), shape(Platform::X));
        assert_eq!(shape(Platform::Facebook), "linkedin");
        assert_eq!(shape(Platform::Tiktok), "youtube");
        assert_eq!(css_ratio((8, 9)), "8 / 9");
    }
}
