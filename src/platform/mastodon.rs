//! Mastodon: 500 characters by default (each instance sets its own), counted as
//! grapheme clusters after replacing every `http(s)://` link by 23 characters and
//! every remote mention `@user@domain` by `@user` (Mastodon's `StatusLengthValidator`).

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, entities, unicode, urls};

/// Mastodon's user documentation on posting.
const POSTING_DOCS: &str = "https://docs.joinmastodon.org/user/posting/#text";
/// The server's length validator.
const VALIDATOR: &str =
    "https://github.com/mastodon/mastodon/blob/main/app/validators/status_length_validator.rb";
/// Mastodon's user documentation on attachments.
const MEDIA_DOCS: &str = "https://docs.joinmastodon.org/user/posting/#attachments";

/// What a link counts as, whatever its length (`characters_reserved_per_url`).
const URL_LENGTH: usize = 23;

/// Mastodon's limits (the defaults of a stock instance).
pub const SPEC: Spec = Spec {
    platform: Platform::Mastodon,
    text: Some(Figure::new(500, Evidence::Official, POSTING_DOCS)),
    unit: Unit::MastodonGraphemes,
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
    threads: true,
    first_comment: false,
    media: MediaSpec {
        required: false,
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: Some(Figure::new(4, Evidence::Official, MEDIA_DOCS)),
        max_videos: Some(Figure::new(1, Evidence::Official, MEDIA_DOCS)),
        mixed: false,
        documents: false,
        aspect: None,
        alt_text: true,
        alt_max: Some(Figure::new(1500, Evidence::Unverified, MEDIA_DOCS)),
    },
    documented: true,
};

/// The validator's reference for the counting rules (cited in README beside the limit).
pub const COUNTING_SOURCE: &str = VALIDATOR;

/// The length as Mastodon's validator counts it.
pub fn count(text: &str) -> usize {
    // (range, counted length, order): links win over mentions that start at the same place.
    let mut replacements: Vec<(std::ops::Range<usize>, usize, u8)> =
        urls::find_links_as(text, urls::Dialect::Mastodon)
            .into_iter()
            .map(|l| (l.range, URL_LENGTH, 0))
            .collect();
    for mention in entities::mentions(text) {
        let local = local_part(&text[mention.range.clone()]);
        replacements.push((mention.range, unicode::graphemes(local), 1));
    }
    replacements.sort_by_key(|(r, _, order)| (r.start, *order));
    let mut length = 0;
    let mut at = 0;
    for (range, len, _) in replacements {
        if range.start < at {
            continue; // inside a link already counted
        }
        length += unicode::graphemes(&text[at..range.start]) + len;
        at = range.end;
    }
    length + unicode::graphemes(&text[at..])
}

/// `@user` of `@user@domain`.
fn local_part(mention: &str) -> &str {
    let rest = mention.get(1..).unwrap_or_default();
    match rest.find('@') {
        Some(i) => &mention[..=i],
        None => mention,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::measure;

    #[test]
    fn counts_graphemes() {
        assert_eq!(count("Guten Morgen, Leipzig!"), 22);
        assert_eq!(count("👨‍👩‍👧‍👦 🇩🇪"), 3);
        assert_eq!(count("日本語"), 3);
        assert_eq!(count("e\u{301}"), 1);
    }

    #[test]
    fn links_with_scheme_count_23() {
        assert_eq!(
            count("https://radwerk.de/winter/angebote?utm_source=mastodon"),
            23
        );
        assert_eq!(count("Mehr: https://a.de"), 6 + 23);
        assert_eq!(count("http://radwerk.de"), 23);
    }

    #[test]
    fn links_run_to_the_next_space_without_trailing_punctuation() {
        assert_eq!(count("https://ja.wikipedia.org/wiki/日本"), 23);
        assert_eq!(count("(https://radwerk.de/winter)."), 1 + 23 + 2);
        assert_eq!(count("https://radwerk.de/winter»"), 23);
        assert_eq!(count("https://radwerk.de/a?q=ü"), 23);
        assert_eq!(count("gemini://radwerk.de/kapsel"), 23);
        assert_eq!(count("https://radwerk.de#termine"), 23 + 8);
    }

    #[test]
    fn links_without_scheme_count_as_written() {
        assert_eq!(count("radwerk.de/winter"), 17);
        assert_eq!(count("www.example.com"), 15);
    }

    #[test]
    fn remote_mentions_count_only_the_user() {
        assert_eq!(count("@radwerk@social.example"), 8);
        assert_eq!(count("Hallo @jana@mastodon.social!"), 6 + 5 + 1);
        assert_eq!(count("@jana"), 5);
        assert_eq!(count("jana@example.com"), 16);
    }

    #[test]
    fn limit_is_500_unless_the_instance_differs() {
        assert!(measure(Platform::Mastodon, &"a".repeat(500), None).valid());
        assert!(!measure(Platform::Mastodon, &"a".repeat(501), None).valid());
        assert!(measure(Platform::Mastodon, &"a".repeat(501), Some(1000)).valid());
    }
}
