//! XING: no published text or media limits were found, so Touchpoint counts
//! characters for the preview but checks no limit; posts need a manual check.

use super::{MediaKind, MediaSpec, Platform, Spec, Unit, unicode};

/// XING's (unknown) limits.
pub const SPEC: Spec = Spec {
    platform: Platform::Xing,
    text: None,
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
    first_comment: false,
    media: MediaSpec {
        required: false,
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: None,
        max_videos: None,
        mixed: true,
        documents: false,
        aspect: None,
        alt_text: false,
        alt_max: None,
    },
    documented: false,
};

/// Characters (code points), for the preview.
pub fn count(text: &str) -> usize {
    unicode::code_points(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::measure;

    #[test]
    fn counts_characters_without_a_limit() {
        assert_eq!(count("Hallo 👋"), 7);
        let m = measure(Platform::Xing, &"a".repeat(100_000), None);
        assert_eq!((m.limit, m.remaining()), (None, None));
        assert!(m.valid());
    }
}
