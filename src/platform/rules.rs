//! Per-platform rules: length per part, refused characters, hashtag, mention and link
//! counts, media presence, kind, count and aspect ratio, alt text and titles. Every
//! finding points at the line where the offending text or media is written.

use super::{MediaKind, Platform, Spec, entities, spec, urls, youtube};
use crate::compose::{PartSource, PlatformText, TextPart, Texts};
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::{MediaRef, Post, Project};

/// Declares a length rule for one platform.
macro_rules! length_rule {
    ($name:ident, $rule:literal, $network:literal) => {
        #[doc = concat!("Text longer than ", $network, " accepts, counted as ", $network, " counts it.")]
        pub const $name: Rule = Rule {
            name: $rule,
            default: Severity::Error,
            summary: concat!(
                "The text (after hashtags and the tracked link are added) is longer than ",
                $network,
                " accepts, counted the way ",
                $network,
                " counts."
            ),
        };
    };
}

length_rule!(X_LENGTH, "x-length", "X");
length_rule!(BLUESKY_LENGTH, "bluesky-length", "Bluesky");
length_rule!(MASTODON_LENGTH, "mastodon-length", "Mastodon");
length_rule!(THREADS_LENGTH, "threads-length", "Threads");
length_rule!(INSTAGRAM_LENGTH, "instagram-length", "Instagram");
length_rule!(FACEBOOK_LENGTH, "facebook-length", "Facebook");
length_rule!(LINKEDIN_LENGTH, "linkedin-length", "LinkedIn");
length_rule!(YOUTUBE_LENGTH, "youtube-length", "YouTube");
length_rule!(TIKTOK_LENGTH, "tiktok-length", "TikTok");
length_rule!(PINTEREST_LENGTH, "pinterest-length", "Pinterest");

/// A character the network refuses (X: U+FFFE, U+FFFF, U+FEFF; YouTube: `<` and `>`).
pub const FORBIDDEN_CHARACTER: Rule = Rule {
    name: "forbidden-character",
    default: Severity::Error,
    summary: "The text holds a character the network refuses outright (X: U+FFFE, U+FFFF, U+FEFF; YouTube: < and >).",
};

/// A post with neither text nor media.
pub const EMPTY_POST: Rule = Rule {
    name: "empty-post",
    default: Severity::Error,
    summary: "The post has no text and no media for a platform: there is nothing to publish.",
};

/// More hashtags than Instagram takes.
pub const INSTAGRAM_HASHTAG_COUNT: Rule = Rule {
    name: "instagram-hashtag-count",
    default: Severity::Error,
    summary: "Instagram rejects captions with more than 30 hashtags.",
};

/// More @-mentions than Instagram takes.
pub const INSTAGRAM_MENTION_COUNT: Rule = Rule {
    name: "instagram-mention-count",
    default: Severity::Error,
    summary: "Instagram rejects captions with more than 20 @-mentions.",
};

/// More hashtags than X takes.
pub const X_HASHTAG_COUNT: Rule = Rule {
    name: "x-hashtag-count",
    default: Severity::Error,
    summary: "X rejects posts with more than 50 hashtags.",
};

/// More @-mentions than X takes.
pub const X_MENTION_COUNT: Rule = Rule {
    name: "x-mention-count",
    default: Severity::Error,
    summary: "X rejects posts with more than 50 @-mentions.",
};

/// More links than X takes.
pub const X_LINK_COUNT: Rule = Rule {
    name: "x-link-count",
    default: Severity::Error,
    summary: "X rejects posts with more than 10 links.",
};

/// More links than Threads takes.
pub const THREADS_LINK_COUNT: Rule = Rule {
    name: "threads-link-count",
    default: Severity::Error,
    summary: "Threads rejects posts with more than 5 distinct links.",
};

/// A link where the network does not make links clickable.
pub const UNCLICKABLE_LINK: Rule = Rule {
    name: "unclickable-link",
    default: Severity::Warning,
    summary: "The text holds a link on a network that does not make links in text clickable (Instagram, TikTok, Pinterest).",
};

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

/// A title longer than YouTube takes.
pub const YOUTUBE_TITLE_LENGTH: Rule = Rule {
    name: "youtube-title-length",
    default: Severity::Error,
    summary: "The title is longer than YouTube's 100 characters, or holds < or >.",
};

/// A title longer than Pinterest takes.
pub const PINTEREST_TITLE_LENGTH: Rule = Rule {
    name: "pinterest-title-length",
    default: Severity::Error,
    summary: "The title is longer than Pinterest's 100 characters.",
};

/// Thread parts or a first comment on a network that has none.
pub const UNSUPPORTED_FIELD: Rule = Rule {
    name: "unsupported-field",
    default: Severity::Warning,
    summary: "A variant sets `thread` or `first_comment` for a network that has no threads or first comments; it is ignored.",
};

/// Every per-platform rule, for `touchpoint rules`, `[lints]` and README.
pub const RULES: &[&Rule] = &[
    &X_LENGTH,
    &BLUESKY_LENGTH,
    &MASTODON_LENGTH,
    &THREADS_LENGTH,
    &INSTAGRAM_LENGTH,
    &FACEBOOK_LENGTH,
    &LINKEDIN_LENGTH,
    &YOUTUBE_LENGTH,
    &TIKTOK_LENGTH,
    &PINTEREST_LENGTH,
    &FORBIDDEN_CHARACTER,
    &EMPTY_POST,
    &INSTAGRAM_HASHTAG_COUNT,
    &INSTAGRAM_MENTION_COUNT,
    &X_HASHTAG_COUNT,
    &X_MENTION_COUNT,
    &X_LINK_COUNT,
    &THREADS_LINK_COUNT,
    &UNCLICKABLE_LINK,
    &MEDIA_REQUIRED,
    &MEDIA_KIND,
    &MEDIA_COUNT,
    &MISSING_ALT_TEXT,
    &ALT_TEXT_LENGTH,
    &INSTAGRAM_ASPECT_RATIO,
    &YOUTUBE_TITLE_LENGTH,
    &PINTEREST_TITLE_LENGTH,
    &UNSUPPORTED_FIELD,
];

/// The length rule of `platform`, where its limit is known.
pub fn length_rule(platform: Platform) -> Option<&'static Rule> {
    Some(match platform {
        Platform::X => &X_LENGTH,
        Platform::Bluesky => &BLUESKY_LENGTH,
        Platform::Mastodon => &MASTODON_LENGTH,
        Platform::Threads => &THREADS_LENGTH,
        Platform::Instagram => &INSTAGRAM_LENGTH,
        Platform::Facebook => &FACEBOOK_LENGTH,
        Platform::Linkedin => &LINKEDIN_LENGTH,
        Platform::Youtube => &YOUTUBE_LENGTH,
        Platform::Tiktok => &TIKTOK_LENGTH,
        Platform::Pinterest => &PINTEREST_LENGTH,
        Platform::Xing | Platform::Snapchat => return None,
    })
}

/// Runs the per-platform rules over every post and holding statement.
pub fn check(project: &Project) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    project
        .posts
        .par_iter()
        .chain(project.crisis.par_iter())
        .flat_map_iter(|post| check_going_out(project, post, &Texts::default()))
        .collect()
}

/// The per-platform findings of one post, as [`check`] reports them, on the texts in
/// `texts` (composed now where it has none). The dev server keeps them per post and
/// re-runs them only for the posts that change.
pub fn check_going_out(project: &Project, post: &Post, texts: &Texts) -> Vec<Diagnostic> {
    // A cancelled post never goes out, so what a network would accept no longer matters.
    if post.status.value == crate::model::Status::Cancelled {
        return Vec::new();
    }
    check_post(project, post, texts)
}

/// Runs the per-platform rules for every platform `post` names, on the texts in `texts`
/// (composed now where it has none).
pub fn check_post(project: &Project, post: &Post, texts: &Texts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for platform in &post.platforms {
        let built = texts.get(project, post, platform.value);
        let context = Ctx {
            project,
            post,
            platform: platform.value,
            platform_pos: platform.pos,
            spec: spec(platform.value),
        };
        context.check_text(&built, &mut out);
        context.check_media(&mut out);
        context.check_title(&mut out);
        context.check_unsupported(&mut out);
    }
    check_alt_text(project, post, &mut out);
    out
}

/// What the per-post count rules count.
#[derive(Clone, Copy)]
enum Counted {
    Hashtags,
    Mentions,
    Links,
}

/// What every check of one post on one platform needs.
struct Ctx<'a> {
    project: &'a Project,
    post: &'a Post,
    platform: Platform,
    /// Where the platform is named in `platforms = [...]`.
    platform_pos: Pos,
    spec: &'static Spec,
}

impl Ctx<'_> {
    /// A finding in the post's file.
    fn diag(&self, rule: &'static Rule, pos: Pos, message: String) -> Diagnostic {
        Diagnostic::new(rule, &self.post.file, pos, message)
    }

    /// The network's display name.
    fn network(&self) -> &'static str {
        self.platform.display_name()
    }

    /// Length, bytes, refused characters, entity counts and unclickable links per part.
    fn check_text(&self, built: &PlatformText, out: &mut Vec<Diagnostic>) {
        let has_media = !self.post.media_for(self.platform).is_empty();
        for (index, part) in built.parts.iter().enumerate() {
            let label = part_label(part, index);
            if part.text.trim().is_empty() && !has_media && index == 0 {
                let message = format!(
                    "{label} for {} is empty and the post has no media",
                    self.network()
                );
                out.push(
                    self.diag(&EMPTY_POST, part.pos, message)
                        .help("write a text or attach media"),
                );
            }
            self.check_length(part, &label, out);
            self.check_forbidden(part, &label, out);
            self.check_entities(part, &label, out);
        }
    }

    /// The part's count against the limit in force, and the byte limit.
    fn check_length(&self, part: &TextPart, label: &str, out: &mut Vec<Diagnostic>) {
        let Some(rule) = length_rule(self.platform) else {
            return;
        };
        let m = &part.measure;
        if let Some(limit) = m.limit.filter(|_| m.over() > 0) {
            let message = format!(
                "{label} is {} {}, {} over {}'s {}",
                thousands(m.length),
                m.unit.describe(),
                thousands(m.over()),
                self.network(),
                thousands(limit)
            );
            let help = if part.source == PartSource::Thread || !self.spec.threads {
                "shorten the text".to_owned()
            } else {
                format!(
                    "shorten the text, or move some of it into `thread` parts under [{}]",
                    self.platform
                )
            };
            out.push(self.diag(rule, part.pos, message).help(help));
        }
        if let (Some(bytes), Some(limit)) = (m.bytes, m.byte_limit)
            && bytes > limit
        {
            let message = format!(
                "{label} is {} bytes, {} over {}'s {} bytes",
                thousands(bytes),
                thousands(bytes - limit),
                self.network(),
                thousands(limit)
            );
            out.push(
                self.diag(rule, part.pos, message)
                    .help("shorten the text or use fewer emoji"),
            );
        }
    }

    /// Characters the network refuses.
    fn check_forbidden(&self, part: &TextPart, label: &str, out: &mut Vec<Diagnostic>) {
        if part.measure.forbidden.is_empty() {
            return;
        }
        let list: Vec<String> = part.measure.forbidden.iter().map(|c| describe_char(*c)).collect();
        let message = format!(
            "{label} holds {} which {} refuses",
            list.join(", "),
            self.network()
        );
        out.push(
            self.diag(&FORBIDDEN_CHARACTER, part.pos, message)
                .help("remove or replace these characters"),
        );
    }

    /// Hashtag, mention and link counts, and links that will not be clickable.
    fn check_entities(&self, part: &TextPart, label: &str, out: &mut Vec<Diagnostic>) {
        let tags = entities::hashtags(&part.text).len();
        let handles = entities::mentions(&part.text).len();
        let links = count_links(&part.text, self.platform);
        let limits = [
            (
                self.spec.max_hashtags,
                tags,
                "hashtags",
                self.count_rule(Counted::Hashtags),
            ),
            (
                self.spec.max_mentions,
                handles,
                "@-mentions",
                self.count_rule(Counted::Mentions),
            ),
            (
                self.spec.max_links,
                links,
                "links",
                self.count_rule(Counted::Links),
            ),
        ];
        for (limit, found, what, rule) in limits {
            let (Some(limit), Some(rule)) = (limit, rule) else {
                continue;
            };
            if found > limit.value {
                let message = format!(
                    "{label} has {found} {what}, {} over {}'s limit of {}",
                    found - limit.value,
                    self.network(),
                    limit.value
                );
                out.push(
                    self.diag(rule, part.pos, message)
                        .help(format!("remove {}", found - limit.value)),
                );
            }
        }
        if !self.spec.links_clickable && links > 0 {
            let message = format!(
                "{label} holds {links} link(s), which {} does not make clickable",
                self.network()
            );
            let help =
                "put the link in the profile (link in bio) or in the post's `link`, and refer to it in words";
            out.push(self.diag(&UNCLICKABLE_LINK, part.pos, message).help(help));
        }
    }

    /// The count rule of this platform for hashtags, mentions or links.
    fn count_rule(&self, what: Counted) -> Option<&'static Rule> {
        match (self.platform, what) {
            (Platform::Instagram, Counted::Hashtags) => Some(&INSTAGRAM_HASHTAG_COUNT),
            (Platform::Instagram, Counted::Mentions) => Some(&INSTAGRAM_MENTION_COUNT),
            (Platform::X, Counted::Hashtags) => Some(&X_HASHTAG_COUNT),
            (Platform::X, Counted::Mentions) => Some(&X_MENTION_COUNT),
            (Platform::X, Counted::Links) => Some(&X_LINK_COUNT),
            (Platform::Threads, Counted::Links) => Some(&THREADS_LINK_COUNT),
            _ => None,
        }
    }

    /// Media presence, kinds, counts and (Instagram) aspect ratios.
    fn check_media(&self, out: &mut Vec<Diagnostic>) {
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

    /// YouTube's and Pinterest's title limits.
    fn check_title(&self, out: &mut Vec<Diagnostic>) {
        let Some(limit) = self.spec.title else {
            return;
        };
        let rule = match self.platform {
            Platform::Youtube => &YOUTUBE_TITLE_LENGTH,
            _ => &PINTEREST_TITLE_LENGTH,
        };
        let title = &self.post.title;
        let length = youtube::count_title(&title.value);
        if length > limit.value {
            let message = format!(
                "the title is {length} characters, {} over {}'s limit of {}",
                length - limit.value,
                self.network(),
                limit.value
            );
            out.push(
                self.diag(rule, title.pos, message)
                    .width(quoted_width(&title.value))
                    .help("shorten the title"),
            );
        }
        let refused: Vec<String> = title
            .value
            .chars()
            .filter(|c| self.spec.forbidden_chars.contains(c))
            .map(describe_char)
            .collect();
        if !refused.is_empty() {
            let message = format!(
                "the title holds {} which {} refuses",
                refused.join(", "),
                self.network()
            );
            out.push(
                self.diag(&FORBIDDEN_CHARACTER, title.pos, message)
                    .width(quoted_width(&title.value))
                    .help("remove these characters"),
            );
        }
    }

    /// `thread` and `first_comment` where the network has neither.
    fn check_unsupported(&self, out: &mut Vec<Diagnostic>) {
        let Some(variant) = self.post.variants.get(&self.platform) else {
            return;
        };
        if let Some(part) = variant.thread.first().filter(|_| !self.spec.threads) {
            let message = format!(
                "{} has no threads; the {} `thread` part(s) are ignored",
                self.network(),
                variant.thread.len()
            );
            out.push(
                self.diag(&UNSUPPORTED_FIELD, part.pos, message)
                    .help("remove `thread` or fold it into `text`"),
            );
        }
        if let Some(comment) = variant
            .first_comment
            .as_ref()
            .filter(|_| !self.spec.first_comment)
        {
            let message = format!(
                "Touchpoint cannot post a first comment on {}; it is ignored",
                self.network()
            );
            out.push(
                self.diag(&UNSUPPORTED_FIELD, comment.pos, message)
                    .help("remove `first_comment`"),
            );
        }
    }
}

/// Alt text: missing on an image that goes to a network showing alt text (once per
/// media entry), or longer than the strictest such network takes.
fn check_alt_text(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
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

/// Links in `text` as `platform` counts them: Threads counts each distinct URL once.
fn count_links(text: &str, platform: Platform) -> usize {
    let found = urls::find_links(text, true);
    if platform != Platform::Threads {
        return found.len();
    }
    let mut distinct: Vec<&str> = found.iter().map(|l| &text[l.range.clone()]).collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len()
}

/// "the text", "the variant text" or "thread part 2": how findings name a part.
fn part_label(part: &TextPart, index: usize) -> String {
    match part.source {
        PartSource::Body => "the text".to_owned(),
        PartSource::VariantText => "the variant text".to_owned(),
        PartSource::Thread => format!("thread part {}", index + 1),
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

/// A character as users can recognise it: `<`, or U+FEFF for invisible ones.
fn describe_char(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("`{c}`")
    } else {
        format!("U+{:04X}", c as u32)
    }
}

/// How many columns a quoted string value spans in the file, quotes included.
fn quoted_width(value: &str) -> usize {
    value.chars().count() + 2
}

/// 2431 → "2,431".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::tests::load;

    const PLATFORMS: &str =
        "[platforms.instagram]\n[platforms.x]\n[platforms.youtube]\n[platforms.bluesky]\n";

    /// A PNG header of the given size: enough for the media scanner.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        bytes.extend_from_slice(b"IHDR");
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    /// Loads one post (with media files written first) and runs the platform rules on it.
    fn findings(post: &str, media: &[(&str, Vec<u8>)]) -> Vec<(String, u32, String)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("media")).unwrap();
        for (name, bytes) in media {
            std::fs::write(dir.path().join("media").join(name), bytes).unwrap();
        }
        let project = load(dir.path(), PLATFORMS, "", &[("p.md", post)]);
        let mut out: Vec<_> = check_post(&project, &project.posts[0], &Texts::default())
            .into_iter()
            .map(|d| (d.rule.to_owned(), d.line, d.message))
            .collect();
        out.sort();
        out
    }

    fn rules_of(found: &[(String, u32, String)]) -> Vec<&str> {
        found.iter().map(|(r, _, _)| r.as_str()).collect()
    }

    fn post(platforms: &str, extra: &str, body: &str) -> String {
        format!("+++\ntitle = \"T\"\nplatforms = [{platforms}]\nstatus = \"idea\"\n{extra}+++\n{body}")
    }

    #[test]
    fn clean_post_has_no_findings() {
        let p = post(
            "\"x\", \"instagram\"",
            "media = [{ path = \"media/a.png\", alt = \"Rad\" }]\n",
            "Hallo Leipzig",
        );
        assert_eq!(findings(&p, &[("a.png", png(1080, 1350))]), vec![]);
    }

    #[test]
    fn x_length_points_at_the_body_with_numbers() {
        let p = post("\"x\"", "", &"a".repeat(290));
        let found = findings(&p, &[]);
        assert_eq!(rules_of(&found), ["x-length"]);
        assert_eq!(found[0].1, 6);
        assert_eq!(
            found[0].2,
            "the text is 290 weighted characters (twitter-text v3), 10 over X's 280"
        );
    }

    #[test]
    fn thread_parts_are_checked_each_at_their_line() {
        let extra = format!(
            "[x]\ntext = \"kurz\"\nthread = [\"ok\", \"{}\"]\n",
            "の".repeat(141)
        );
        let found = findings(&post("\"x\"", &extra, "Body"), &[]);
        assert_eq!(rules_of(&found), ["x-length"]);
        assert_eq!(found[0].1, 7);
        assert!(
            found[0].2.starts_with("thread part 3 is 282 weighted"),
            "{}",
            found[0].2
        );
    }

    #[test]
    fn instagram_rules() {
        let tags: String = (0..31).map(|i| format!("#t{i} ")).collect();
        let mentions: String = (0..21).map(|i| format!("@u{i} ")).collect();
        let body = format!("{tags}\n\n{mentions}\n\nhttps://radwerk.de/x");
        let p = post("\"instagram\"", "", &body);
        let found = findings(&p, &[]);
        assert_eq!(
            rules_of(&found),
            [
                "instagram-hashtag-count",
                "instagram-mention-count",
                "media-required",
                "unclickable-link"
            ]
        );
        assert!(
            found[0].2.contains("31 hashtags, 1 over Instagram's limit of 30"),
            "{}",
            found[0].2
        );
        assert_eq!(found[2].1, 3, "media-required points at `platforms`");
    }

    #[test]
    fn instagram_aspect_ratio_and_alt_text() {
        let extra =
            "media = [\n  { path = \"media/wide.png\" },\n  { path = \"media/ok.png\", alt = \"gut\" },\n]\n";
        let found = findings(
            &post("\"instagram\"", extra, "Text"),
            &[("wide.png", png(2000, 1000)), ("ok.png", png(1080, 1080))],
        );
        assert_eq!(rules_of(&found), ["instagram-aspect-ratio", "missing-alt-text"]);
        assert_eq!((found[0].1, found[1].1), (6, 6));
        assert!(found[0].2.contains("2000×1000 (ratio 2.00:1)"), "{}", found[0].2);
    }

    #[test]
    fn youtube_needs_a_video_and_a_short_title() {
        let long_title = format!(
            "+++\ntitle = \"{}<\"\nplatforms = [\"youtube\"]\nstatus = \"idea\"\nmedia = [{{ path = \"media/a.png\", alt = \"x\" }}]\n+++\nBeschreibung",
            "t".repeat(100)
        );
        let found = findings(&long_title, &[("a.png", png(10, 10))]);
        assert_eq!(
            rules_of(&found),
            ["forbidden-character", "media-kind", "youtube-title-length"]
        );
        assert_eq!(
            found[2].2,
            "the title is 101 characters, 1 over YouTube's limit of 100"
        );
        let none = findings(&post("\"youtube\"", "", "Beschreibung <b>"), &[]);
        assert_eq!(rules_of(&none), ["media-required"]);
    }

    #[test]
    fn media_counts_and_mixing() {
        let five: String = (0..5)
            .map(|i| format!("{{ path = \"media/{i}.png\", alt = \"a\" }}, "))
            .collect();
        let extra = format!("media = [{five}]\n");
        let files: Vec<(String, Vec<u8>)> = (0..5).map(|i| (format!("{i}.png"), png(10, 10))).collect();
        let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
        let found = findings(&post("\"x\"", &extra, "Text"), &files);
        assert_eq!(rules_of(&found), ["media-count"]);
        assert_eq!(found[0].2, "5 images for X, 1 over its limit of 4");
        let mixed = "media = [{ path = \"media/a.png\", alt = \"a\" }, { path = \"media/b.mp4\" }]\n";
        let found = findings(
            &post("\"bluesky\"", mixed, "Text"),
            &[("a.png", png(10, 10)), ("b.mp4", vec![0; 16])],
        );
        assert_eq!(rules_of(&found), ["media-count"]);
    }

    #[test]
    fn bluesky_bytes_and_empty_posts() {
        let found = findings(&post("\"bluesky\"", "", &"👨‍👩‍👧‍👦".repeat(121)), &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].2.contains("3,025 bytes, 25 over Bluesky's 3,000 bytes"),
            "{}",
            found[0].2
        );
        let empty = findings(&post("\"bluesky\"", "", ""), &[]);
        assert_eq!(rules_of(&empty), ["empty-post"]);
    }

    #[test]
    fn unsupported_fields_are_flagged() {
        let extra = "[instagram]\nthread = [\"zwei\"]\n";
        let found = findings(&post("\"instagram\"", extra, "Text"), &[]);
        assert!(rules_of(&found).contains(&"unsupported-field"));
    }

    #[test]
    fn documents_go_to_linkedin_only() {
        let extra = "media = [{ path = \"media/deck.pdf\" }]\n";
        let found = findings(
            &post("\"linkedin\", \"x\"", extra, "Text"),
            &[("deck.pdf", b"%PDF-1.4".to_vec())],
        );
        assert_eq!(rules_of(&found), ["media-kind"]);
        assert!(found[0].2.starts_with("X does not take"), "{}", found[0].2);
        let missing = "media = [{ path = \"media/gone.xyz\" }]\n";
        assert_eq!(findings(&post("\"x\"", missing, "Text"), &[]), vec![]);
    }

    #[test]
    fn threads_counts_each_distinct_link_once() {
        let five = (0..5)
            .map(|i| format!("https://radwerk.de/{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            count_links(&format!("{five} https://radwerk.de/0"), Platform::Threads),
            5
        );
        assert_eq!(
            count_links(&format!("{five} https://radwerk.de/0"), Platform::X),
            6
        );
    }

    #[test]
    fn rule_names_are_unique_kebab_case() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(2431), "2,431");
        assert_eq!(thousands(63_206), "63,206");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
