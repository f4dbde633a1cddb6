//! TikTok: a video caption of 2,200 UTF-16 units ("UTF-16 runes"); a post needs a
//! video, or 1–35 images for a photo post.

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, unicode};

/// TikTok Content Posting API, direct post (`post_info.title`: "The maximum length is 2200 in UTF-16 runes").
const DIRECT_POST: &str = "https://developers.tiktok.com/doc/content-posting-api-reference-direct-post";
/// TikTok Content Posting API, photo post.
const PHOTO_POST: &str = "https://developers.tiktok.com/doc/content-posting-api-reference-photo-post";

/// A photo post's description limit, which replaces the video caption's 2,200.
pub const PHOTO_DESCRIPTION: Figure = Figure::new(4000, Evidence::Unverified, PHOTO_POST);

/// TikTok's limits (for video posts; photo posts take [`PHOTO_DESCRIPTION`]).
pub const SPEC: Spec = Spec {
    platform: Platform::Tiktok,
    text: Some(Figure::new(2200, Evidence::Official, DIRECT_POST)),
    unit: Unit::Utf16Units,
    text_bytes: None,
    title: None,
    title_required: false,
    forbidden_chars: &[],
    max_hashtags: None,
    max_mentions: None,
    max_links: None,
    links_clickable: false,
    link_in_text: false,
    fold: None,
    threads: false,
    first_comment: false,
    media: MediaSpec {
        required: true,
        kinds: &[MediaKind::Video, MediaKind::Image],
        max_images: Some(Figure::new(35, Evidence::Unverified, PHOTO_POST)),
        max_videos: Some(Figure::new(1, Evidence::Official, DIRECT_POST)),
        mixed: false,
        documents: false,
        aspect: None,
        alt_text: false,
        alt_max: None,
    },
    documented: true,
};

/// UTF-16 code units.
pub fn count(text: &str) -> usize {
    unicode::utf16_units(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::measure;

    #[test]
    fn counts_utf16_units() {
        assert_eq!(count("Winter #fahrrad"), 15);
        assert_eq!(count("🚲"), 2);
        assert_eq!(count("👨‍👩‍👧‍👦"), 11);
        assert_eq!(count("日本"), 2);
        assert!(measure(Platform::Tiktok, &"🚲".repeat(1100), None).valid());
        assert!(!measure(Platform::Tiktok, &"🚲".repeat(1101), None).valid());
    }
}
