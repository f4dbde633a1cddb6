//! LinkedIn posts: 3,000 characters of commentary, counted in UTF-16 units as the
//! web composer and schedulers do (emoji and "bold" math letters count 2); the post
//! folds behind "see more" after about 210 characters.

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, unicode};

/// A scheduler's LinkedIn guide (3,000 characters).
const LIMIT_REPORT: &str = "https://www.ayrshare.com/docs/apis/post/social-networks/linkedin";
/// Buffer's character-limit guide: counts UTF-16 units.
pub const UNIT_REPORT: &str = "https://developers.buffer.com/guides/character-limits.md";
/// LinkedIn's MultiImage API (2–20 images).
const MULTI_IMAGE_API: &str =
    "https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api";
/// Where the ~210-character fold is reported.
const FOLD_REPORT: &str = "https://web-3-apps.com/char-counter/articles/linkedin-post-length/";

/// LinkedIn's limits.
pub const SPEC: Spec = Spec {
    platform: Platform::Linkedin,
    text: Some(Figure::new(3000, Evidence::CommonlyReported, LIMIT_REPORT)),
    unit: Unit::Utf16Units,
    text_bytes: None,
    title: None,
    title_required: false,
    forbidden_chars: &[],
    max_hashtags: None,
    max_mentions: None,
    max_links: None,
    links_clickable: true,
    link_in_text: true,
    fold: Some(Figure::new(210, Evidence::CommonlyReported, FOLD_REPORT)),
    threads: false,
    first_comment: true,
    media: MediaSpec {
        required: false,
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: Some(Figure::new(20, Evidence::Unverified, MULTI_IMAGE_API)),
        max_videos: Some(Figure::new(1, Evidence::Unverified, MULTI_IMAGE_API)),
        mixed: false,
        documents: true,
        aspect: None,
        alt_text: true,
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
        assert_eq!(count("Drei Checks für den Winter"), 26);
        assert_eq!(count("🚀"), 2);
        assert_eq!(count("𝐁𝐨𝐥𝐝"), 8);
        assert_eq!(count("日本語"), 3);
        assert_eq!(count("👍🏽"), 4);
    }

    #[test]
    fn limit_is_3000() {
        assert!(measure(Platform::Linkedin, &"a".repeat(3000), None).valid());
        assert!(!measure(Platform::Linkedin, &"🚀".repeat(1501), None).valid());
        assert_eq!(SPEC.fold.map(|f| f.value), Some(210));
    }
}
