//! Bluesky: 300 graphemes and 3,000 UTF-8 bytes per post (the AT Protocol lexicon
//! `app.bsky.feed.post`), links counted as written.

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, unicode};

/// The post record's lexicon.
const POST_LEXICON: &str =
    "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json";
/// The image embed's lexicon.
const IMAGES_LEXICON: &str =
    "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/images.json";
/// The video embed's lexicon.
const VIDEO_LEXICON: &str =
    "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/video.json";

/// Bluesky's limits.
pub const SPEC: Spec = Spec {
    platform: Platform::Bluesky,
    text: Some(Figure::new(300, Evidence::ReferenceCode, POST_LEXICON)),
    unit: Unit::Graphemes,
    text_bytes: Some(Figure::new(3000, Evidence::ReferenceCode, POST_LEXICON)),
    title: None,
    title_required: false,
    forbidden_chars: &[],
    max_hashtags: None,
    max_mentions: None,
    max_links: None,
    links_clickable: true,
    link_in_text: true,
    fold: None,
    threads: true,
    first_comment: false,
    media: MediaSpec {
        required: false,
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: Some(Figure::new(4, Evidence::ReferenceCode, IMAGES_LEXICON)),
        max_videos: Some(Figure::new(1, Evidence::ReferenceCode, VIDEO_LEXICON)),
        mixed: false,
        documents: false,
        aspect: None,
        alt_text: true,
        alt_max: None,
    },
    documented: true,
};

/// Graphemes, as Bluesky's `maxGraphemes` counts them.
pub fn count(text: &str) -> usize {
    unicode::graphemes(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::measure;

    #[test]
    fn counts_graphemes() {
        assert_eq!(count("Hello, Leipzig!"), 15);
        assert_eq!(count("日本語のテキスト"), 8);
        assert_eq!(count("👨‍👩‍👧‍👦"), 1);
        assert_eq!(count("👍🏿👍🏻"), 2);
        assert_eq!(count("🇩🇪"), 1);
        assert_eq!(count("e\u{301}"), 1);
        assert_eq!(count("https://radwerk.de/winter"), 25);
        assert_eq!(count("@radwerk.bsky.social"), 20);
    }

    #[test]
    fn limit_is_300_graphemes() {
        assert!(measure(Platform::Bluesky, &"a".repeat(300), None).valid());
        assert!(!measure(Platform::Bluesky, &"a".repeat(301), None).valid());
        assert!(measure(Platform::Bluesky, &"👨‍👩‍👧‍👦".repeat(100), None).valid());
    }

    #[test]
    fn byte_limit_binds_for_long_emoji_sequences() {
        // 25 bytes each: 121 families are 121 graphemes but 3,025 bytes.
        let m = measure(Platform::Bluesky, &"👨‍👩‍👧‍👦".repeat(121), None);
        assert_eq!((m.length, m.bytes), (121, Some(3025)));
        assert_eq!(m.bytes_over(), 25);
        assert!(!m.valid());
    }
}
