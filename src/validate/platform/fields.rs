//! The platform rules on a post's other fields: YouTube's and Pinterest's titles, and
//! `thread` or `first_comment` set for a network that has neither.

use super::text::FORBIDDEN_CHARACTER;
use super::{Ctx, describe_char, quoted_width};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::platform::{Platform, youtube};

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

impl Ctx<'_> {
    /// YouTube's and Pinterest's title limits.
    pub(super) fn check_title(&self, out: &mut Vec<Diagnostic>) {
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
    pub(super) fn check_unsupported(&self, out: &mut Vec<Diagnostic>) {
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
