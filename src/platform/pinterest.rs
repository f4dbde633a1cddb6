//! Pinterest pins: a title of 100 and a description of 500 characters; an image (or
//! video) is required; links belong in the pin's link, not the description.

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, unicode};

/// A scheduler's Pinterest guide (Pinterest's own pages give no figures for organic pins).
const LIMIT_REPORT: &str = "https://www.ayrshare.com/integration/pinterest";

/// Pinterest's limits; the text is the pin's description.
pub const SPEC: Spec = Spec {
    platform: Platform::Pinterest,
    text: Some(Figure::new(500, Evidence::CommonlyReported, LIMIT_REPORT)),
    unit: Unit::CodePoints,
    text_bytes: None,
    title: Some(Figure::new(100, Evidence::CommonlyReported, LIMIT_REPORT)),
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
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: Some(Figure::new(5, Evidence::CommonlyReported, LIMIT_REPORT)),
        max_videos: Some(Figure::new(1, Evidence::CommonlyReported, LIMIT_REPORT)),
        mixed: false,
        documents: false,
        aspect: None,
        alt_text: true,
        alt_max: Some(Figure::new(500, Evidence::CommonlyReported, LIMIT_REPORT)),
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
    fn counts_characters() {
        assert_eq!(count("Reifen wechseln 🚲"), 17);
        assert!(measure(Platform::Pinterest, &"a".repeat(500), None).valid());
        assert!(!measure(Platform::Pinterest, &"a".repeat(501), None).valid());
        assert_eq!(SPEC.title.map(|f| f.value), Some(100));
    }
}
