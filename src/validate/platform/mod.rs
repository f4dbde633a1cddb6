//! The platform rules: what each network accepts, applied to the texts composed for it
//! ([`crate::compose`]) and to the post's media and title. The limits themselves are
//! data in [`crate::platform`]; here they become findings, each pointing at the line
//! where the offending text or media is written. By concern: [`text`] (length per
//! part, refused characters, hashtag, mention and link counts), [`media`] (presence,
//! kind, count, aspect ratio, alt text) and [`fields`] (titles, thread parts and first
//! comments where the network has none).

use crate::compose::Texts;
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::{Post, Project};
use crate::platform::{Platform, Spec, spec};

pub mod fields;
pub mod media;
#[cfg(test)]
mod tests;
pub mod text;

pub use fields::{PINTEREST_TITLE_LENGTH, UNSUPPORTED_FIELD, YOUTUBE_TITLE_LENGTH};
pub use media::{
    ALT_TEXT_LENGTH, INSTAGRAM_ASPECT_RATIO, MEDIA_COUNT, MEDIA_KIND, MEDIA_REQUIRED, MISSING_ALT_TEXT,
};
pub use text::{
    BLUESKY_LENGTH, EMPTY_POST, FACEBOOK_LENGTH, FORBIDDEN_CHARACTER, INSTAGRAM_HASHTAG_COUNT,
    INSTAGRAM_LENGTH, INSTAGRAM_MENTION_COUNT, LINKEDIN_LENGTH, MASTODON_LENGTH, PINTEREST_LENGTH,
    THREADS_LENGTH, THREADS_LINK_COUNT, TIKTOK_LENGTH, UNCLICKABLE_LINK, X_HASHTAG_COUNT, X_LENGTH,
    X_LINK_COUNT, X_MENTION_COUNT, YOUTUBE_LENGTH, length_rule,
};

/// The platform rules and their one check (per post, on its composed texts): the
/// family's entry in [`super::FAMILIES`].
pub const FAMILY: super::Family = super::Family {
    rules: RULES,
    per_post: &[|project, post, texts, out| out.extend(check_going_out(project, post, texts))],
    dated: &[],
    across: &[],
};

/// Every per-platform rule, in report order (the tests plant one case of each).
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
    media::check_alt_text(project, post, &mut out);
    out
}

/// What every check of one post on one platform needs.
pub(super) struct Ctx<'a> {
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
