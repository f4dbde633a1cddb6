//! YouTube videos: a title of 100 characters and a description of 5,000 UTF-8 bytes,
//! neither holding `<` or `>`; a video is required.

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit};

/// YouTube Data API v3, videos resource (`snippet.title`, `snippet.description`).
const VIDEOS_RESOURCE: &str = "https://developers.google.com/youtube/v3/docs/videos";

/// YouTube's limits; the text is the video's description.
pub const SPEC: Spec = Spec {
    platform: Platform::Youtube,
    text: Some(Figure::new(5000, Evidence::Official, VIDEOS_RESOURCE)),
    unit: Unit::Utf8Bytes,
    text_bytes: None,
    title: Some(Figure::new(100, Evidence::Official, VIDEOS_RESOURCE)),
    title_required: true,
    forbidden_chars: &['<', '>'],
    max_hashtags: None,
    max_mentions: None,
    max_links: None,
    links_clickable: true,
    link_in_text: true,
    fold: None,
    threads: false,
    first_comment: false,
    media: MediaSpec {
        required: true,
        kinds: &[MediaKind::Video],
        max_images: None,
        max_videos: Some(Figure::new(1, Evidence::Official, VIDEOS_RESOURCE)),
        mixed: false,
        documents: false,
        aspect: None,
        alt_text: false,
        alt_max: None,
    },
    documented: true,
};

/// UTF-8 bytes of the description.
pub fn count(text: &str) -> usize {
    text.len()
}

/// Characters of the title (code points).
pub fn count_title(title: &str) -> usize {
    title.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::measure;

    #[test]
    fn description_counts_bytes() {
        assert_eq!(count("abc"), 3);
        assert_eq!(count("ä"), 2);
        assert_eq!(count("日本"), 6);
        assert_eq!(count("🚀"), 4);
        assert!(measure(Platform::Youtube, &"a".repeat(5000), None).valid());
        assert!(!measure(Platform::Youtube, &"ä".repeat(2501), None).valid());
    }

    #[test]
    fn title_counts_characters() {
        assert_eq!(count_title("Winterreifen: drei Checks"), 25);
        assert_eq!(count_title("Grüße"), 5);
        assert_eq!(SPEC.title.map(|f| f.value), Some(100));
    }

    #[test]
    fn angle_brackets_are_refused() {
        assert_eq!(measure(Platform::Youtube, "1 < 2", None).forbidden, vec!['<']);
    }
}
