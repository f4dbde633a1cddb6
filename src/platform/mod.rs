//! The networks Touchpoint knows, and what each one accepts.
//!
//! Every platform has a stable kebab-case name (used in `platforms = [...]`, variant
//! tables, `[platforms.NAME]` and rule names) and a [`Spec`] with its limits as data.

use std::fmt;

use serde::Serialize;

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
