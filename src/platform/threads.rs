//! Threads: 500 characters, where an emoji counts as its UTF-8 bytes (🚀 = 4), and at
//! most 5 links per post.

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, unicode};
use unicode_segmentation::UnicodeSegmentation;

/// Meta's Threads API page on posts ("Text posts are limited to 500 characters. Emojis
/// are counted as the number of UTF-8 bytes.").
const POSTS_DOCS: &str = "https://developers.facebook.com/documentation/threads/posts";
/// Meta's Threads API page on text attachments (link limit).
const LINKS_DOCS: &str =
    "https://developers.facebook.com/documentation/threads/create-posts/text-attachments";
/// Carousel size as schedulers report it.
const CAROUSEL_REPORT: &str = "https://www.ayrshare.com/apis/post/social-networks/threads";

/// Threads' limits.
pub const SPEC: Spec = Spec {
    platform: Platform::Threads,
    text: Some(Figure::new(500, Evidence::Official, POSTS_DOCS)),
    unit: Unit::CodePointsEmojiAsBytes,
    text_bytes: None,
    title: None,
    title_required: false,
    forbidden_chars: &[],
    max_hashtags: None,
    max_mentions: None,
    max_links: Some(Figure::new(5, Evidence::Official, LINKS_DOCS)),
    links_clickable: true,
    link_in_text: true,
    fold: None,
    threads: true,
    first_comment: false,
    media: MediaSpec {
        required: false,
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: Some(Figure::new(20, Evidence::CommonlyReported, CAROUSEL_REPORT)),
        max_videos: Some(Figure::new(20, Evidence::CommonlyReported, CAROUSEL_REPORT)),
        mixed: true,
        documents: false,
        aspect: None,
        alt_text: true,
        alt_max: None,
    },
    documented: true,
};

/// Code points, except that each emoji (a whole emoji sequence) counts its UTF-8 bytes.
pub fn count(text: &str) -> usize {
    if unicode::is_plain_ascii(text) {
        return text.len();
    }
    text.graphemes(true)
        .map(|g| {
            if unicode::is_emoji(g) {
                g.len()
            } else {
                g.chars().count()
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::measure;

    #[test]
    fn text_counts_characters() {
        assert_eq!(count("Guten Morgen"), 12);
        assert_eq!(count("日本語"), 3);
        assert_eq!(count("e\u{301}"), 2);
        assert_eq!(count("https://radwerk.de/winter"), 25);
    }

    #[test]
    fn emoji_count_their_utf8_bytes() {
        assert_eq!(count("🚀"), 4);
        assert_eq!(count("Start 🚀"), 6 + 4);
        assert_eq!(count("❤️"), 6);
        assert_eq!(count("👍🏽"), 8);
        assert_eq!(count("👨‍👩‍👧‍👦"), 25);
        assert_eq!(count("🇩🇪"), 8);
        // text-style symbols are characters
        assert_eq!(count("©"), 1);
    }

    #[test]
    fn limit_is_500() {
        assert!(measure(Platform::Threads, &"a".repeat(500), None).valid());
        assert!(!measure(Platform::Threads, &"🚀".repeat(126), None).valid());
        assert!(measure(Platform::Threads, &"🚀".repeat(125), None).valid());
    }
}
