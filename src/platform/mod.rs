//! The networks Touchpoint knows, and what each one accepts: the bottom of the pipeline.
//!
//! Every platform has a stable kebab-case name (used in `platforms = [...]`, variant
//! tables, `[platforms.NAME]` and rule names) and a [`Spec`] with its limits as data,
//! each figure with its source, and counts text as the network counts it ([`count`],
//! [`measure`]; [`urls`], [`entities`], [`unicode`]). It knows no posts: composing a
//! post's text is [`crate::compose`], the rules that apply these limits are
//! [`crate::validate::platform`].
//!
//! May import: std and crates only (nothing of the model, loading or later stages).

use std::fmt;

use serde::Serialize;

pub mod bluesky;
pub mod entities;
pub mod facebook;
pub mod instagram;
pub mod linkedin;
pub mod mastodon;
pub mod pinterest;
pub mod snapchat;
pub mod threads;
pub mod tiktok;
pub mod twemoji;
pub mod unicode;
pub mod urls;
pub mod x;
pub mod xing;
pub mod youtube;

/// A social network a post can go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// X (formerly Twitter).
    X,
    /// Bluesky (AT Protocol).
    Bluesky,
    /// Mastodon and other fediverse servers.
    Mastodon,
    /// Threads by Meta.
    Threads,
    /// Instagram feed posts.
    Instagram,
    /// Facebook pages.
    Facebook,
    /// LinkedIn posts.
    Linkedin,
    /// YouTube videos.
    Youtube,
    /// TikTok videos and photo posts.
    Tiktok,
    /// Pinterest pins.
    Pinterest,
    /// XING posts.
    Xing,
    /// Snapchat stories and spotlight.
    Snapchat,
}

impl Platform {
    /// Every platform, in the order the site lists them.
    pub const ALL: [Platform; 12] = [
        Platform::Instagram,
        Platform::Facebook,
        Platform::Linkedin,
        Platform::X,
        Platform::Mastodon,
        Platform::Bluesky,
        Platform::Threads,
        Platform::Youtube,
        Platform::Tiktok,
        Platform::Pinterest,
        Platform::Xing,
        Platform::Snapchat,
    ];

    /// The name users write in files.
    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Bluesky => "bluesky",
            Platform::Mastodon => "mastodon",
            Platform::Threads => "threads",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::Linkedin => "linkedin",
            Platform::Youtube => "youtube",
            Platform::Tiktok => "tiktok",
            Platform::Pinterest => "pinterest",
            Platform::Xing => "xing",
            Platform::Snapchat => "snapchat",
        }
    }

    /// The name people read on the site.
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::X => "X",
            Platform::Bluesky => "Bluesky",
            Platform::Mastodon => "Mastodon",
            Platform::Threads => "Threads",
            Platform::Instagram => "Instagram",
            Platform::Facebook => "Facebook",
            Platform::Linkedin => "LinkedIn",
            Platform::Youtube => "YouTube",
            Platform::Tiktok => "TikTok",
            Platform::Pinterest => "Pinterest",
            Platform::Xing => "XING",
            Platform::Snapchat => "Snapchat",
        }
    }

    /// Looks a platform up by the name users write.
    pub fn from_name(name: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The names of all platforms, for "did you mean" suggestions.
    pub fn names() -> impl Iterator<Item = &'static str> {
        Platform::ALL.into_iter().map(Platform::name)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How sure we are of a figure: the README cites each one with its evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// The network's own documentation or schema.
    Official,
    /// The network's own open-source implementation.
    ReferenceCode,
    /// Named on the network's documentation page but not re-checked when this was written.
    Unverified,
    /// Third-party documentation (schedulers, guides); the network publishes nothing.
    CommonlyReported,
}

impl Evidence {
    /// The words the README and the site use for this evidence.
    pub fn label(self) -> &'static str {
        match self {
            Evidence::Official => "official",
            Evidence::ReferenceCode => "reference code",
            Evidence::Unverified => "official, not re-checked",
            Evidence::CommonlyReported => "commonly reported",
        }
    }
}

/// One number a network imposes, with where it comes from, so every limit can be cited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The number itself.
    pub value: usize,
    /// How sure we are of it.
    pub evidence: Evidence,
    /// Where it is documented.
    pub source: &'static str,
}

impl Figure {
    /// A figure with its evidence and source (`const` so specs stay plain data).
    pub const fn new(value: usize, evidence: Evidence, source: &'static str) -> Self {
        Figure {
            value,
            evidence,
            source,
        }
    }
}

/// What a network counts when it measures text; each counts differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// twitter-text v3 weighted length (URLs 23, emoji sequences 2, CJK 2).
    Weighted,
    /// Extended grapheme clusters (what a reader sees as one character).
    Graphemes,
    /// Graphemes after replacing each `http(s)://` URL by 23 characters and `@user@domain` by `@user`.
    MastodonGraphemes,
    /// Unicode code points.
    CodePoints,
    /// Code points, but each emoji counted as its UTF-8 bytes (Threads).
    CodePointsEmojiAsBytes,
    /// UTF-16 code units (emoji and other astral characters count 2).
    Utf16Units,
    /// UTF-8 bytes.
    Utf8Bytes,
}

impl Unit {
    /// A short description for previews, `touchpoint count` and README.
    pub fn describe(self) -> &'static str {
        match self {
            Unit::Weighted => "weighted characters (twitter-text v3)",
            Unit::Graphemes => "graphemes",
            Unit::MastodonGraphemes => "characters (URLs count 23)",
            Unit::CodePoints => "characters",
            Unit::CodePointsEmojiAsBytes => "characters (emoji count their UTF-8 bytes)",
            Unit::Utf16Units => "UTF-16 units",
            Unit::Utf8Bytes => "bytes",
        }
    }
}

/// The kind of a media file: what a network takes ([`MediaSpec::kinds`]) and what a file
/// under `media/` is (by its extension). One type for both, so the model's files and
/// the networks' rules speak of the same kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    /// A still image: jpg, jpeg, png, gif, webp, heic, avif.
    Image,
    /// A video: mp4, mov, webm, m4v.
    Video,
    /// Anything else (pdf, ...): no network takes it as an image or a video.
    Other,
}

impl MediaKind {
    /// Classifies a path by its extension.
    pub fn of(path: &str) -> MediaKind {
        let ext = path
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "jpg" | "jpeg" | "png" | "gif" | "webp" | "heic" | "avif" => MediaKind::Image,
            "mp4" | "mov" | "webm" | "m4v" => MediaKind::Video,
            _ => MediaKind::Other,
        }
    }
}

/// Width:height bounds of an image, inclusive, as fractions (4:5 = 4 / 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AspectRange {
    /// Narrowest allowed ratio as (width, height), e.g. (4, 5).
    pub min: (u32, u32),
    /// Widest allowed ratio as (width, height), e.g. (191, 100).
    pub max: (u32, u32),
    /// How sure we are of it.
    pub evidence: Evidence,
    /// Where it is documented.
    pub source: &'static str,
}

impl AspectRange {
    /// Whether an image of `width` x `height` pixels fits, compared exactly in integers.
    pub fn contains(&self, width: u32, height: u32) -> bool {
        let (w, h) = (u64::from(width), u64::from(height));
        let (min_w, min_h) = (u64::from(self.min.0), u64::from(self.min.1));
        let (max_w, max_h) = (u64::from(self.max.0), u64::from(self.max.1));
        h > 0 && w * min_h >= min_w * h && w * max_h <= max_w * h
    }
}

/// What a network accepts as media on one post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MediaSpec {
    /// Whether a post without media is rejected.
    pub required: bool,
    /// The kinds the network takes.
    pub kinds: &'static [MediaKind],
    /// Most images on one post (a carousel counts each).
    pub max_images: Option<Figure>,
    /// Most videos on one post.
    pub max_videos: Option<Figure>,
    /// Whether images and videos may be mixed on one post.
    pub mixed: bool,
    /// Whether documents (PDF, slides) are taken, as LinkedIn's document posts.
    pub documents: bool,
    /// Allowed image aspect ratios in the feed.
    pub aspect: Option<AspectRange>,
    /// Whether the network takes alt text (missing alt text is then a warning).
    pub alt_text: bool,
    /// Longest alt text.
    pub alt_max: Option<Figure>,
}

/// Everything Touchpoint knows about a network's limits, as data, each figure with its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Spec {
    /// The network.
    pub platform: Platform,
    /// Longest text (caption, post, description), in `unit`.
    pub text: Option<Figure>,
    /// What the text limit counts.
    pub unit: Unit,
    /// A second limit in UTF-8 bytes that also applies (Bluesky).
    pub text_bytes: Option<Figure>,
    /// Longest title, in characters (YouTube, Pinterest).
    pub title: Option<Figure>,
    /// Whether a title is required.
    pub title_required: bool,
    /// Characters the network refuses in text and title.
    pub forbidden_chars: &'static [char],
    /// Most hashtags in one text.
    pub max_hashtags: Option<Figure>,
    /// Most @-mentions in one text.
    pub max_mentions: Option<Figure>,
    /// Most links in one text.
    pub max_links: Option<Figure>,
    /// Whether links in the text become clickable.
    pub links_clickable: bool,
    /// Whether the post's tracked `link` is appended to the text.
    pub link_in_text: bool,
    /// Where the network folds long text behind "more", in the text's unit (previews only).
    pub fold: Option<Figure>,
    /// Whether a post may be a thread of several parts.
    pub threads: bool,
    /// Whether the network has a first comment Touchpoint can fill.
    pub first_comment: bool,
    /// Media rules.
    pub media: MediaSpec,
    /// Whether the network publishes limits at all; `false` means "check by hand".
    pub documented: bool,
}

/// The spec of a network that publishes no limits (XING, Snapchat): text is counted in
/// characters for the preview, nothing is checked, and posts need a manual look.
pub const fn undocumented_spec(platform: Platform) -> Spec {
    Spec {
        platform,
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
    }
}

/// The limits of `platform`.
pub fn spec(platform: Platform) -> &'static Spec {
    match platform {
        Platform::X => &x::SPEC,
        Platform::Bluesky => &bluesky::SPEC,
        Platform::Mastodon => &mastodon::SPEC,
        Platform::Threads => &threads::SPEC,
        Platform::Instagram => &instagram::SPEC,
        Platform::Facebook => &facebook::SPEC,
        Platform::Linkedin => &linkedin::SPEC,
        Platform::Youtube => &youtube::SPEC,
        Platform::Tiktok => &tiktok::SPEC,
        Platform::Pinterest => &pinterest::SPEC,
        Platform::Xing => &xing::SPEC,
        Platform::Snapchat => &snapchat::SPEC,
    }
}

/// The length of `text` as `platform` counts it, in the spec's unit.
///
/// This is the number the network compares against its limit: X's weighted length,
/// Bluesky's graphemes, TikTok's UTF-16 units, YouTube's description bytes, ...
pub fn count(platform: Platform, text: &str) -> usize {
    match platform {
        Platform::X => x::count(text),
        Platform::Bluesky => bluesky::count(text),
        Platform::Mastodon => mastodon::count(text),
        Platform::Threads => threads::count(text),
        Platform::Instagram => instagram::count(text),
        Platform::Facebook => facebook::count(text),
        Platform::Linkedin => linkedin::count(text),
        Platform::Youtube => youtube::count(text),
        Platform::Tiktok => tiktok::count(text),
        Platform::Pinterest => pinterest::count(text),
        Platform::Xing => xing::count(text),
        Platform::Snapchat => snapchat::count(text),
    }
}

/// A text measured against a platform's limits: what `touchpoint count`, the
/// previews and the length rules all report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// The network.
    pub platform: Platform,
    /// The count, in `unit`.
    pub length: usize,
    /// The limit in force (the project's `max_chars` override, else the network's), if any.
    pub limit: Option<usize>,
    /// What `length` counts.
    pub unit: Unit,
    /// UTF-8 bytes, where the network also limits bytes.
    pub bytes: Option<usize>,
    /// The byte limit, where there is one.
    pub byte_limit: Option<usize>,
    /// Characters the network refuses outright, found in the text.
    pub forbidden: Vec<char>,
}

impl Measure {
    /// Characters left before the limit (negative when over); `None` without a limit.
    pub fn remaining(&self) -> Option<i64> {
        self.limit.map(|limit| limit as i64 - self.length as i64)
    }

    /// How far over the limit the text is, in the unit (0 when within it).
    pub fn over(&self) -> usize {
        self.limit.map_or(0, |limit| self.length.saturating_sub(limit))
    }

    /// Bytes over the byte limit (0 when within it or when there is none).
    pub fn bytes_over(&self) -> usize {
        match (self.bytes, self.byte_limit) {
            (Some(bytes), Some(limit)) => bytes.saturating_sub(limit),
            _ => 0,
        }
    }

    /// Whether the network accepts the text: within every limit and free of refused characters.
    pub fn valid(&self) -> bool {
        self.over() == 0 && self.bytes_over() == 0 && self.forbidden.is_empty()
    }
}

/// Measures `text` for `platform`; `max_chars_override` is the project's `max_chars`
/// for that platform (e.g. a Mastodon instance with a larger limit).
pub fn measure(platform: Platform, text: &str, max_chars_override: Option<usize>) -> Measure {
    let spec = spec(platform);
    let forbidden = forbidden_in(platform, text);
    Measure {
        platform,
        length: count(platform, text),
        limit: max_chars_override.or(spec.text.map(|f| f.value)),
        unit: spec.unit,
        bytes: spec.text_bytes.map(|_| text.len()),
        byte_limit: spec.text_bytes.map(|f| f.value),
        forbidden,
    }
}

/// The distinct characters in `text` that `platform` refuses, in order of first appearance.
fn forbidden_in(platform: Platform, text: &str) -> Vec<char> {
    let refused = spec(platform).forbidden_chars;
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if refused.contains(&c) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

impl std::str::FromStr for Platform {
    type Err = String;

    /// Parses the name users write; the error says which names exist.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Platform::from_name(name).ok_or_else(|| {
            format!(
                "unknown platform `{name}`; expected one of: {}",
                Platform::names().collect::<Vec<_>>().join(", ")
            )
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn every_platform_has_a_spec_for_itself() {
        for p in Platform::ALL {
            assert_eq!(spec(p).platform, p);
        }
    }

    #[test]
    fn every_figure_names_its_source() {
        for p in Platform::ALL {
            let s = spec(p);
            let figures = [
                s.text,
                s.text_bytes,
                s.title,
                s.max_hashtags,
                s.max_mentions,
                s.max_links,
                s.fold,
            ]
            .into_iter()
            .chain([s.media.max_images, s.media.max_videos, s.media.alt_max])
            .flatten();
            for f in figures {
                assert!(f.source.starts_with("https://"), "{p}: {f:?}");
            }
            if let Some(a) = s.media.aspect {
                assert!(a.source.starts_with("https://"), "{p}");
            }
        }
    }

    #[test]
    fn documented_platforms_have_a_text_limit() {
        for p in Platform::ALL {
            assert_eq!(spec(p).documented, spec(p).text.is_some(), "{p}");
        }
    }

    #[test]
    fn aspect_range_is_inclusive_and_exact() {
        let a = instagram::SPEC
            .media
            .aspect
            .expect("instagram has an aspect range");
        assert!(a.contains(1080, 1350)); // 4:5
        assert!(a.contains(1910, 1000)); // 1.91:1
        assert!(a.contains(1080, 1080));
        assert!(!a.contains(1080, 1351));
        assert!(!a.contains(1911, 1000));
        assert!(!a.contains(100, 0));
    }

    #[test]
    fn measure_uses_override_and_reports_remaining() {
        let m = measure(Platform::Mastodon, "hello", Some(1000));
        assert_eq!((m.length, m.limit, m.remaining()), (5, Some(1000), Some(995)));
        assert!(m.valid());
        let m = measure(Platform::X, &"a".repeat(281), None);
        assert_eq!((m.over(), m.remaining()), (1, Some(-1)));
        assert!(!m.valid());
    }

    #[test]
    fn measure_flags_bluesky_bytes_and_youtube_angle_brackets() {
        let m = measure(Platform::Bluesky, &"ä".repeat(290), None);
        assert_eq!((m.length, m.bytes, m.byte_limit), (290, Some(580), Some(3000)));
        assert!(m.valid());
        let m = measure(Platform::Youtube, "a <b> c", None);
        assert_eq!(m.forbidden, vec!['<', '>']);
        assert!(!m.valid());
    }

    /// Odd texts (URL, emoji, bidi and Markdown fragments, seeded, so runs repeat) for
    /// the never-panic tests here and in [`crate::compose`].
    pub(crate) fn odd_texts() -> impl Iterator<Item = String> {
        const POOL: &[&str] = &[
            "a",
            "Z",
            "0",
            ".",
            "/",
            ":",
            "@",
            "#",
            "(",
            ")",
            "?",
            "&",
            "=",
            "-",
            "_",
            " ",
            "\n",
            "http://",
            "https://",
            "www.",
            ".com",
            ".de",
            "t.co/",
            "é",
            "e\u{301}",
            "日",
            "👍🏽",
            "\u{200D}",
            "👨",
            "\u{FE0F}",
            "\u{20E3}",
            "🇩",
            "\u{FEFF}",
            "\u{202A}",
            "xn--",
            "ü",
            "[",
            "]",
            "*",
            "-",
            "`",
            "\"",
            "\u{E0067}",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..3000).map(move |_| {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(POOL[(seed % POOL.len() as u64) as usize]);
            }
            text
        })
    }

    #[test]
    fn counting_never_panics_on_odd_text() {
        for text in odd_texts() {
            for p in Platform::ALL {
                let _ = measure(p, &text, None);
            }
            let _ = entities::mentions(&text);
        }
    }

    #[test]
    fn platforms_parse_from_their_names() {
        assert_eq!("linkedin".parse::<Platform>(), Ok(Platform::Linkedin));
        assert!(
            "myspace"
                .parse::<Platform>()
                .is_err_and(|e| e.contains("bluesky"))
        );
    }
}
