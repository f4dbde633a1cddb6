//! The platform rules on the composed text: each part's length against the limit in
//! force (and Bluesky's byte limit), characters the network refuses, hashtag, mention
//! and link counts, links that will not be clickable, and posts with nothing to publish.

use super::{Ctx, describe_char};
use crate::compose::{PartSource, PlatformText, TextPart};
use crate::diagnostic::{Diagnostic, Rule, Severity, thousands};
use crate::platform::{Platform, entities, urls};

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

/// What the per-post count rules count.
#[derive(Clone, Copy)]
enum Counted {
    Hashtags,
    Mentions,
    Links,
}

impl Ctx<'_> {
    /// Length, bytes, refused characters, entity counts and unclickable links per part.
    pub(super) fn check_text(&self, built: &PlatformText, out: &mut Vec<Diagnostic>) {
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

    /// Hashtag, mention and link counts, and links that will not be clickable. A count is
    /// made only where this platform has a rule for it: finding links means running
    /// twitter-text's grammar over the text, and most networks set no limit on them.
    fn check_entities(&self, part: &TextPart, label: &str, out: &mut Vec<Diagnostic>) {
        let limits = [
            (self.spec.max_hashtags, Counted::Hashtags, "hashtags"),
            (self.spec.max_mentions, Counted::Mentions, "@-mentions"),
            (self.spec.max_links, Counted::Links, "links"),
        ];
        for (limit, counted, what) in limits {
            let (Some(limit), Some(rule)) = (limit, self.count_rule(counted)) else {
                continue;
            };
            let found = self.count(counted, &part.text);
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
        if self.spec.links_clickable {
            return;
        }
        let links = self.count(Counted::Links, &part.text);
        if links > 0 {
            let message = format!(
                "{label} holds {links} link(s), which {} does not make clickable",
                self.network()
            );
            let help =
                "put the link in the profile (link in bio) or in the post's `link`, and refer to it in words";
            out.push(self.diag(&UNCLICKABLE_LINK, part.pos, message).help(help));
        }
    }

    /// How many hashtags, mentions or links `text` holds, as this platform counts them.
    fn count(&self, counted: Counted, text: &str) -> usize {
        match counted {
            Counted::Hashtags => entities::hashtags(text).len(),
            Counted::Mentions => entities::mentions(text).len(),
            Counted::Links => count_links(text, self.platform),
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
}

/// Links in `text` as `platform` counts them: Threads counts each distinct URL once.
pub(super) fn count_links(text: &str, platform: Platform) -> usize {
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
