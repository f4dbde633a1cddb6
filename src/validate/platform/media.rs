//! The platform rules on media: required media, the kinds and counts a network takes,
//! mixing images and videos, Instagram's aspect ratios, and alt text.

use super::{Ctx, quoted_width};
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity, thousands};
use crate::model::{MediaKind, MediaRef, Post, Project};
use crate::platform::spec;

/// No media on a network that requires it.
pub const MEDIA_REQUIRED: Rule = Rule {
    name: "media-required",
    default: Severity::Error,
    summary: "The network only takes posts with media (Instagram, YouTube, TikTok, Pinterest) and the post has none.",
};

/// A media file of a kind the network does not take.
pub const MEDIA_KIND: Rule = Rule {
    name: "media-kind",
    default: Severity::Error,
    summary: "A media file is of a kind the network does not take (YouTube needs a video; documents go nowhere but LinkedIn).",
};

/// More media than the network takes, or images and videos mixed where they may not be.
pub const MEDIA_COUNT: Rule = Rule {
    name: "media-count",
    default: Severity::Error,
    summary: "The post has more images or videos than the network takes, or mixes them where the network does not allow it.",
};

/// An image without alt text.
pub const MISSING_ALT_TEXT: Rule = Rule {
    name: "missing-alt-text",
    default: Severity::Warning,
    summary: "An image has no alt text, though a network it goes to shows alt text to people using screen readers.",
};

/// Alt text longer than the network takes.
pub const ALT_TEXT_LENGTH: Rule = Rule {
    name: "alt-text-length",
    default: Severity::Error,
    summary: "An alt text is longer than the network takes (X 1,000, Mastodon 1,500, Pinterest 500 characters).",
};

/// An image outside Instagram's feed aspect ratios.
pub const INSTAGRAM_ASPECT_RATIO: Rule = Rule {
    name: "instagram-aspect-ratio",
    default: Severity::Error,
    summary: "An image is narrower than 4:5 or wider than 1.91:1, which Instagram's feed does not take.",
};

impl Ctx<'_> {
    /// Media presence, kinds, counts and (Instagram) aspect ratios.
    pub(super) fn check_media(&self, out: &mut Vec<Diagnostic>) {
        let media = self.post.media_for(self.platform);
        let rules = &self.spec.media;
        if rules.required && media.is_empty() {
            let kinds: Vec<&str> = rules.kinds.iter().map(|k| kind_name(*k)).collect();
            let message = format!(
                "{} needs media ({}) and the post has none",
                self.network(),
                kinds.join(" or ")
            );
            out.push(
                self.diag(&MEDIA_REQUIRED, self.platform_pos, message)
                    .help("add `media = [...]` to the post or its variant"),
            );
            return;
        }
        let mut images = Vec::new();
        let mut videos = Vec::new();
        for m in media {
            if self.is_unchecked(m) {
                continue;
            }
            match self.kind_of(m) {
                MediaKind::Image if rules.kinds.contains(&MediaKind::Image) => images.push(m),
                MediaKind::Video if rules.kinds.contains(&MediaKind::Video) => videos.push(m),
                kind => {
                    let what = kind_name(kind);
                    let message = format!("{} does not take {what}: `{}`", self.network(), m.path.value);
                    out.push(
                        self.diag(&MEDIA_KIND, m.path.pos, message)
                            .width(quoted_width(&m.path.value))
                            .help(format!("{} takes {}", self.network(), kinds_list(rules.kinds))),
                    );
                }
            }
        }
        self.check_counts(&images, &videos, out);
        if let Some(range) = rules.aspect {
            for m in &images {
                let Some(file) = self.project.media.get(&m.path.value) else {
                    continue;
                };
                let (Some(w), Some(h)) = (file.width, file.height) else {
                    continue;
                };
                if !range.contains(w, h) {
                    let message = format!(
                        "`{}` is {w}×{h} (ratio {:.2}:1); {} takes {}:{} to {:.2}:1",
                        m.path.value,
                        f64::from(w) / f64::from(h.max(1)),
                        self.network(),
                        range.min.0,
                        range.min.1,
                        f64::from(range.max.0) / f64::from(range.max.1)
                    );
                    out.push(
                        self.diag(&INSTAGRAM_ASPECT_RATIO, m.path.pos, message)
                            .width(quoted_width(&m.path.value))
                            .help("crop the image, e.g. to 1080×1350 (4:5) or 1080×1080"),
                    );
                }
            }
        }
    }

    /// Image and video counts, and mixing.
    fn check_counts(&self, images: &[&MediaRef], videos: &[&MediaRef], out: &mut Vec<Diagnostic>) {
        let rules = &self.spec.media;
        for (list, limit, what) in [
            (images, rules.max_images, "images"),
            (videos, rules.max_videos, "videos"),
        ] {
            let Some(limit) = limit else { continue };
            if let Some(first_extra) = list.get(limit.value) {
                let message = format!(
                    "{} {what} for {}, {} over its limit of {}",
                    list.len(),
                    self.network(),
                    list.len() - limit.value,
                    limit.value
                );
                out.push(
                    self.diag(&MEDIA_COUNT, first_extra.path.pos, message)
                        .width(quoted_width(&first_extra.path.value))
                        .help(format!("use at most {} {what}", limit.value)),
                );
            }
        }
        if !rules.mixed && !images.is_empty() && !videos.is_empty() {
            let pos = videos.first().map_or(self.platform_pos, |v| v.path.pos);
            let message = format!("{} does not take images and videos in one post", self.network());
            out.push(
                self.diag(&MEDIA_COUNT, pos, message)
                    .help("attach either images or one video"),
            );
        }
    }

    /// Media whose kind cannot be judged (a missing file with an unknown extension, which
    /// `missing-media` reports) or documents where the network takes them.
    fn is_unchecked(&self, m: &MediaRef) -> bool {
        let scanned = self.project.media.get(&m.path.value);
        let other = scanned.map_or_else(|| MediaKind::of(&m.path.value), |f| f.kind) == MediaKind::Other;
        other && (scanned.is_none() || self.spec.media.documents)
    }

    /// The kind of a media reference: from the scanned file, else from its extension.
    fn kind_of(&self, m: &MediaRef) -> MediaKind {
        self.project
            .media
            .get(&m.path.value)
            .map_or_else(|| MediaKind::of(&m.path.value), |f| f.kind)
    }
}

/// Alt text: missing on an image that goes to a network showing alt text (once per
/// media entry), or longer than the strictest such network takes.
pub(super) fn check_alt_text(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<Pos> = Vec::new();
    for platform in &post.platforms {
        let rules = &spec(platform.value).media;
        if !rules.alt_text {
            continue;
        }
        for m in post.media_for(platform.value) {
            let is_image = project
                .media
                .get(&m.path.value)
                .map_or_else(|| MediaKind::of(&m.path.value), |f| f.kind)
                == MediaKind::Image;
            if !is_image || seen.contains(&(m.path.pos)) {
                continue;
            }
            match &m.alt {
                None => {
                    seen.push(m.path.pos);
                    let message = format!(
                        "`{}` has no alt text ({} shows it to screen-reader users)",
                        m.path.value,
                        platform.value.display_name()
                    );
                    out.push(
                        Diagnostic::new(&MISSING_ALT_TEXT, &post.file, m.path.pos, message)
                            .width(quoted_width(&m.path.value))
                            .help("add `alt = \"what the image shows\"`"),
                    );
                }
                Some(alt) => {
                    let length = alt.value.chars().count();
                    if let Some(limit) = rules.alt_max.filter(|l| length > l.value) {
                        seen.push(m.path.pos);
                        let message = format!(
                            "the alt text of `{}` is {} characters, {} over {}'s limit of {}",
                            m.path.value,
                            thousands(length),
                            thousands(length - limit.value),
                            platform.value.display_name(),
                            thousands(limit.value)
                        );
                        out.push(
                            Diagnostic::new(&ALT_TEXT_LENGTH, &post.file, alt.pos, message)
                                .help("shorten the alt text"),
                        );
                    }
                }
            }
        }
    }
}

/// "an image" / "a video" for messages.
fn kind_name(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Image => "an image",
        MediaKind::Video => "a video",
        MediaKind::Other => "this kind of file",
    }
}

/// "images or videos" for help lines.
fn kinds_list(kinds: &[MediaKind]) -> String {
    let names: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            MediaKind::Image => "images",
            MediaKind::Video => "videos",
            MediaKind::Other => "other files",
        })
        .collect();
    names.join(" or ")
}
