//! Facebook page posts: 63,206 characters, no media required, links shown with a preview.

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, unicode};

/// Where the 63,206 figure is reported (Facebook publishes no limit).
const LIMIT_REPORT: &str = "https://taz.de/!5106349/";

/// Facebook's limits.
pub const SPEC: Spec = Spec {
    platform: Platform::Facebook,
    text: Some(Figure::new(63_206, Evidence::CommonlyReported, LIMIT_REPORT)),
    unit: Unit::CodePoints,
    text_bytes: None,
    title: None,
    title_required: false,
    forbidden_chars: &[],
    max_hashtags: None,
    max_mentions: None,
    max_links: None,
    links_clickable: true,
    link_in_text: true,
    fold: None,
    threads: false,
    first_comment: true,
    media: MediaSpec {
        required: false,
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: None,
        max_videos: None,
        mixed: true,
        documents: false,
        aspect: None,
        alt_text: true,
        alt_max: None,
    },
    documented: true,
};

/// Characters (code points).
pub fn count(text: &str) -> usize {
    unicode::code_points(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::measure;

    #[test]
    fn counts_characters_against_63206() {
        assert_eq!(count("Hallo 👋"), 7);
        assert!(measure(Platform::Facebook, &"a".repeat(63_206), None).valid());
        assert!(!measure(Platform::Facebook, &"a".repeat(63_207), None).valid());
    }
}
