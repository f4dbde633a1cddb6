//! X (formerly Twitter): the weighted length of twitter-text 3.1.0's `parseTweet`
//! (`getTweetLength`) with its default v3 configuration.
//!
//! After NFC normalisation, every link twitter-text finds weighs 23 (`urls/twitter.rs`),
//! every emoji twemoji-parser 11 recognises weighs 2 as a whole ([`twemoji`]), and every
//! other UTF-16 code unit weighs 1 in U+0000–10FF, U+2000–200D, U+2010–201F and
//! U+2032–2037, else 2 (a surrogate pair is weighed once, by its low half: 2). Both lists
//! are twitter-text's own, not today's Unicode or URL standards, because X's counter is
//! twitter-text: a newer emoji sequence or an `https://user@host` is counted in pieces.
//! Text holding U+FFFE, U+FFFF or U+FEFF is refused at any length.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::{Evidence, Figure, MediaKind, MediaSpec, Platform, Spec, Unit, twemoji, urls};

/// twitter-text's configuration files and conformance tests.
const TWITTER_TEXT: &str = "https://github.com/twitter/twitter-text/blob/master/config/v3.json";
/// X's server-side limits on entities per post.
const TWEET_TEXT: &str = "https://github.com/twitter/the-algorithm/blob/main/tweetypie/server/src/main/scala/com/twitter/tweetypie/tweettext/TweetText.scala";
/// X's help on posting media.
const MEDIA_HELP: &str = "https://help.x.com/en/using-x/posting-gifs-and-pictures";
/// X's help on image descriptions.
const ALT_HELP: &str = "https://help.x.com/en/using-x/picture-descriptions";

/// Weight of a link (twitter-text `transformedURLLength`).
const URL_WEIGHT: usize = 23;
/// Weight of an emoji twemoji-parser recognises (twitter-text `defaultWeight`).
const EMOJI_WEIGHT: usize = 2;

/// X's limits.
pub const SPEC: Spec = Spec {
    platform: Platform::X,
    text: Some(Figure::new(280, Evidence::ReferenceCode, TWITTER_TEXT)),
    unit: Unit::Weighted,
    text_bytes: None,
    title: None,
    title_required: false,
    forbidden_chars: &['\u{FFFE}', '\u{FFFF}', '\u{FEFF}'],
    max_hashtags: Some(Figure::new(50, Evidence::ReferenceCode, TWEET_TEXT)),
    max_mentions: Some(Figure::new(50, Evidence::ReferenceCode, TWEET_TEXT)),
    max_links: Some(Figure::new(10, Evidence::ReferenceCode, TWEET_TEXT)),
    links_clickable: true,
    link_in_text: true,
    fold: None,
    threads: true,
    first_comment: false,
    media: MediaSpec {
        required: false,
        kinds: &[MediaKind::Image, MediaKind::Video],
        max_images: Some(Figure::new(4, Evidence::Unverified, MEDIA_HELP)),
        max_videos: Some(Figure::new(1, Evidence::Unverified, MEDIA_HELP)),
        mixed: false,
        documents: false,
        aspect: None,
        alt_text: true,
        alt_max: Some(Figure::new(1000, Evidence::Unverified, ALT_HELP)),
    },
    documented: true,
};

/// The weighted length of `text` as X computes it: `parseTweet`'s loop over UTF-16 code
/// units, where a link or emoji starting at a unit is weighed whole and skipped.
pub fn count(text: &str) -> usize {
    // Most text is in NFC already; the quick check spares building a copy.
    let normalized: Cow<str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    };
    let units: Vec<u16> = normalized.encode_utf16().collect();
    // What starts at each code unit: a link or an emoji, and how many units it spans.
    let mut links = vec![None; units.len()];
    for link in urls::twitter::extract(&units) {
        links[link.range.start] = Some(link.skip);
    }
    let mut emoji = vec![None; units.len()];
    let mut unit_at = 0;
    let mut byte_at = 0;
    for range in twemoji::find(&normalized) {
        unit_at += utf16_len(&normalized[byte_at..range.start]);
        let len = utf16_len(&normalized[range.clone()]);
        emoji[unit_at] = Some(len);
        unit_at += len;
        byte_at = range.end;
    }
    let mut length = 0;
    let mut i = 0;
    while i < units.len() {
        if let Some(skip) = links[i] {
            length += URL_WEIGHT;
            i += skip;
        } else if let Some(skip) = emoji[i] {
            length += EMOJI_WEIGHT;
            i += skip;
        } else {
            let pair = (0xD800..=0xDBFF).contains(&units[i])
                && units.get(i + 1).is_some_and(|u| (0xDC00..=0xDFFF).contains(u));
            i += usize::from(pair);
            length += weight(units[i]);
            i += 1;
        }
    }
    length
}

/// Length of `text` in UTF-16 code units.
fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Weight of one UTF-16 code unit (twitter-text v3 `ranges`, `defaultWeight`, scale 100).
fn weight(unit: u16) -> usize {
    match unit {
        0x0000..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cases from twitter-text's conformance suite (validate.yml, v3 section) and our own.

    #[test]
    fn ascii_counts_one_per_character() {
        assert_eq!(count("This is a test."), 15);
        assert_eq!(count(""), 0);
        assert_eq!(count(&"x".repeat(280)), 280);
    }

    #[test]
    fn links_count_23_with_or_without_scheme() {
        assert_eq!(count("Hi http://test.co"), 26);
        assert_eq!(count("http://test.co"), 23);
        assert_eq!(count("http://test.com"), 23);
        assert_eq!(count("test.com"), 23);
        assert_eq!(
            count("Test https://test.com test https://test.com test.com test"),
            86
        );
        assert_eq!(count(&format!("https://example.com/{}", "a".repeat(200))), 23);
        assert_eq!(count("radwerk.de"), 23);
        assert_eq!(count("radwerk.de/winter"), 23);
        // not a known top-level domain: text
        assert_eq!(count("index.html"), 10);
    }

    #[test]
    fn ten_links_fit() {
        let text = "https://www.twitter.com/aloha ".repeat(10);
        assert_eq!(count(&text), 240);
    }

    #[test]
    fn long_labels_are_not_links() {
        assert_eq!(count(&format!("{}s.com", "randomurl".repeat(7))), 68);
        let text = format!("a https://{}.com/foo https://validurl.com", "x".repeat(64));
        assert_eq!(count(&text), 2 + 8 + 64 + 8 + 1 + 23);
    }

    #[test]
    fn cjk_counts_two() {
        assert_eq!(count("のののの"), 8);
        assert_eq!(count(&"の".repeat(140)), 280);
        assert_eq!(count(&"の".repeat(141)), 282);
        assert_eq!(count("the故人西辞"), 3 + 8);
        assert_eq!(count("저찀쯿쿿"), 8);
    }

    #[test]
    fn emoji_sequences_count_two() {
        assert_eq!(count("H🐱☺👨‍👩‍👧‍👦"), 7);
        assert_eq!(count("😷👾😡🔥💩"), 10);
        assert_eq!(count("🙋🏽👨‍🎤"), 4);
        assert_eq!(count(&"👨‍👩‍👧‍👦".repeat(140)), 280);
        assert_eq!(
            count("Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"),
            34
        );
        assert_eq!(count("Unicode 9.0 emoji: 🤠; 💃; 💃🏾"), 29);
        assert_eq!(count("🇩🇪"), 2);
        assert_eq!(count("1️⃣"), 2);
        assert_eq!(count("❤️"), 2);
    }

    #[test]
    fn normalises_to_nfc_first() {
        assert_eq!(count("A\u{301}B"), 2);
        assert_eq!(count("Aשּׁ"), 4);
        assert_eq!(count("e\u{301}\u{302}"), 2); // ế has no single NFC form with both marks here
    }

    #[test]
    fn general_punctuation_weighs_one() {
        let text = "This is a tweet with general punctuation characters: \u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{200B} ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷";
        assert_eq!(count(text), 110);
    }

    #[test]
    fn directional_marks_and_invalid_characters() {
        assert_eq!(count("ABC\u{202A}\u{FFFF}ABC\u{FFFE}"), 12);
        assert_eq!(
            count("\u{2066}\u{202A}http://foobar.پاکستان/\u{202C}\u{2069}"),
            31
        );
        let m = super::super::measure(Platform::X, "ABC\u{FEFF}", None);
        assert!(!m.valid());
    }

    #[test]
    fn long_posts_overflow() {
        let text = "A lie gets halfway around the world before the truth has a chance to get its pants on. -- Winston Churchill (1874-1965) https://bit.ly/dJpywL";
        // 141 code points in twitter-text's old 140 suite; the link weighs 23, not its 21
        assert_eq!(count(text), 143);
        let mentions = "@jana @tim ";
        assert_eq!(count(mentions), 11);
    }

    #[test]
    fn punycode_hosts() {
        let words = "あいうえおかきくけこ".repeat(12);
        let too_long = format!("{words} http://{}あいう.com", "あいうえおかきくけこ".repeat(5));
        assert_eq!(count(&too_long), 358);
        let fits = format!("{words} http://{}あい.com", "あいうえおかきくけこ".repeat(5));
        assert_eq!(count(&fits), 264);
    }

    /// Minimal cases of the families where counting once differed from twitter-text
    /// 3.1.0 (found by the corpus in `tests/it/counting_corpus.rs`); values from
    /// `getTweetLength`.
    #[test]
    fn agrees_with_twitter_text_on_its_corners() {
        let cases: &[(&str, usize)] = &[
            // user info and IP hosts are no links
            ("https://user:pass@example.com/x", 31),
            ("http://192.168.0.1/", 19),
            ("http://@e.tv", 12),
            // a top-level domain followed by `-` is none; e-mail-like text
            ("example.com-based", 17),
            ("e.al-", 5),
            ("name.al-lastname@foo.com", 24),
            // a link may follow a full-width `＠`, a non-ASCII letter, a CJK host label
            ("＠y.social", 25),
            ("本.e.co", 26),
            ("ür.om", 24),
            // without a scheme: no query, port or fragment unless there is a path
            ("o.uk?t", 25),
            ("k.рф:1", 25),
            ("e.om#", 24),
            // a skin tone the emoji cannot take (or twemoji-parser 11 does not know)
            ("🐱🏽", 4),
            ("🫲🏿", 4),
            ("🇷🏻", 4),
            // a dangling joiner, and ZWJ sequences newer than Emoji 11
            ("🤷\u{200D}", 3),
            ("❤\u{200D}", 3),
            ("🧑\u{200D}💻", 5),
            // variation selectors: after an emoji-presentation character, repeated
            ("🔥\u{FE0F}", 4),
            ("⚧\u{FE0F}", 4),
            ("❤\u{FE0F}\u{FE0F}", 4),
            ("☺\u{FE0E}\u{FE0F}", 6),
            // keycaps on other bases, partial tag sequences, invalid flags, other marks
            ("\u{20DD}\u{20E3}", 4),
            ("x\u{20E3}", 3),
            ("🏴\u{E0075}", 4),
            ("🇦🇦", 4),
            ("👼\u{301}", 3),
        ];
        for &(text, want) in cases {
            assert_eq!(count(text), want, "{text:?}");
        }
    }
}
