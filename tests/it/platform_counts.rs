//! Every network's count on the same texts: ASCII, CJK, emoji with skin tones and ZWJ
//! sequences, flags, keycaps, combining marks, links with and without scheme, mentions.
//! Expected values follow each network's published counting rule (see docs/platforms.md).

use touchpoint::platform::{Platform, count};

/// The texts, in the order of the expected columns below.
const TEXTS: [&str; 11] = [
    "Hello, world",                  // ASCII
    "日本語のテキスト",              // CJK
    "👍🏽",                            // emoji + skin tone: 2 code points, 8 bytes
    "👨‍👩‍👧‍👦",                            // ZWJ family: 7 code points, 25 bytes, 11 UTF-16 units
    "e\u{301}",                      // combining acute: NFC makes it é
    "q\u{307}",                      // combining dot: no precomposed form
    "https://radwerk.de/winter?x=1", // link with scheme, 29 characters
    "radwerk.de/winter",             // link without scheme, 17 characters
    "@radwerk@social.example",       // remote mention, 23 characters
    "🇩🇪",                            // flag: 2 regional indicators
    "1️⃣",                            // keycap: 1, VS16, U+20E3
];

fn expect(platform: Platform, expected: [usize; 11]) {
    for (text, want) in TEXTS.iter().zip(expected) {
        assert_eq!(count(platform, text), want, "{platform}: {text:?}");
    }
}

#[test]
fn x_weighted_length() {
    expect(Platform::X, [12, 16, 2, 2, 1, 2, 23, 23, 23, 2, 2]);
}

#[test]
fn bluesky_graphemes() {
    expect(Platform::Bluesky, [12, 8, 1, 1, 1, 1, 29, 17, 23, 1, 1]);
}

#[test]
fn mastodon_graphemes_with_links_and_remote_mentions_shortened() {
    expect(Platform::Mastodon, [12, 8, 1, 1, 1, 1, 23, 17, 8, 1, 1]);
}

#[test]
fn threads_code_points_with_emoji_as_bytes() {
    expect(Platform::Threads, [12, 8, 8, 25, 2, 2, 29, 17, 23, 8, 7]);
}

#[test]
fn code_point_networks() {
    for p in [
        Platform::Instagram,
        Platform::Facebook,
        Platform::Pinterest,
        Platform::Xing,
        Platform::Snapchat,
    ] {
        expect(p, [12, 8, 2, 7, 2, 2, 29, 17, 23, 2, 3]);
    }
}

#[test]
fn utf16_networks() {
    for p in [Platform::Linkedin, Platform::Tiktok] {
        expect(p, [12, 8, 4, 11, 2, 2, 29, 17, 23, 4, 3]);
    }
}

#[test]
fn youtube_description_bytes() {
    expect(Platform::Youtube, [12, 24, 8, 25, 3, 3, 29, 17, 23, 8, 7]);
}
