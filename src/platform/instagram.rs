//! Instagram feed posts: a caption of 2,200 characters with at most 30 hashtags and
//! 20 @-mentions; media required; feed images between 4:5 and 1.91:1; links in
//! captions are not clickable; the caption folds behind "more" after about 125 characters.

use super::{AspectRange, Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, unicode};

/// Instagram Graph API, IG User Media ("Maximum 2200 characters, 30 hashtags, and 20 @ tags").
const MEDIA_REFERENCE: &str =
    "https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media";
/// Meta's media requirements for Instagram (aspect ratios).
const MEDIA_REQUIREMENTS: &str =
    "https://developers.facebook.com/docs/instagram/ads-api/reference/media-requirements/";
/// A scheduler's Instagram guide (carousel size, links not clickable).
const SCHEDULER_GUIDE: &str = "https://www.ayrshare.com/docs/apis/post/social-networks/instagram";
/// Where the ~125-character fold is reported.
const FOLD_REPORT: &str = "https://bulkpublish.com/blog/instagram-character-limit/";

/// Instagram's limits.
pub const SPEC: Spec = Spec {
    platform: Platform::Instagram,
    text: Some(Figure::new(2200, Evidence::Official, MEDIA_REFERENCE)),
    unit: Unit::CodePoints,
    text_bytes: None,
    title: None,
    title_required: false,
    forbidden_chars: &[],
    max_hashtags: Some(Figure::new(30, Evidence::Official, MEDIA_REFERENCE)),
    max_mentions: Some(Figure::new(20, Evidence::Official, MEDIA_REFERENCE)),
    max_links: None,
    links_clickable: false,
    link_in_text: false,
    fold: Some(Figure::new(125, Evidence::CommonlyReported, FOLD_REPORT)),
    threads: false,
    first_comment: true,
    media: MediaSpec {
        required: true,
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: Some(Figure::new(10, Evidence::CommonlyReported, SCHEDULER_GUIDE)),
        max_videos: Some(Figure::new(10, Evidence::CommonlyReported, SCHEDULER_GUIDE)),
        mixed: true,
        documents: false,
        aspect: Some(AspectRange {
            min: (4, 5),
            max: (191, 100),
            evidence: Evidence::Official,
            source: MEDIA_REQUIREMENTS,
        }),
        alt_text: true,
        alt_max: None,
    },
    documented: true,
};

/// Characters (code points); Instagram does not say which unit it counts.
pub fn count(text: &str) -> usize {
    unicode::code_points(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{entities, measure};

    #[test]
    fn counts_characters() {
        assert_eq!(count("Winterreifen: drei Checks"), 25);
        assert_eq!(count("Grüße aus Leipzig"), 17);
        assert_eq!(count("日本語"), 3);
        assert_eq!(count("🚀"), 1);
        assert_eq!(count("\n\n"), 2);
    }

    #[test]
    fn caption_limit_is_2200() {
        assert!(measure(Platform::Instagram, &"a".repeat(2200), None).valid());
        let m = measure(Platform::Instagram, &"a".repeat(2431), None);
        assert_eq!(m.over(), 231);
    }

    #[test]
    fn hashtag_and_mention_limits_are_data() {
        let caption: String = (0..31).map(|i| format!("#tag{i} ")).collect();
        assert_eq!(entities::hashtags(&caption).len(), 31);
        assert_eq!(SPEC.max_hashtags.map(|f| f.value), Some(30));
        assert_eq!(SPEC.max_mentions.map(|f| f.value), Some(20));
        assert_eq!((SPEC.links_clickable, SPEC.media.required), (false, true));
    }
}
