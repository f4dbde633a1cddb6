//! Hashtag sets and banned hashtags from strategy.toml.
//!
//! A post joins named sets with `hashtag_sets = ["werkstatt"]`; their tags are joined
//! to its hashtags while loading ([`crate::content::planning::expand_hashtag_sets`]), so
//! the platform texts, their hashtag limits and the exports all see them. Here: a set
//! that does not exist, and a tag that `[banned_hashtags]` bans on a platform the post
//! goes to (whether written in the post, a variant or joined from a set).

use super::Family;
use crate::content::planning::banned_on;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{Post, Project};
use crate::suggest::did_you_mean;

/// A post names a hashtag set the strategy does not define.
pub const UNKNOWN_HASHTAG_SET: Rule = Rule {
    name: "unknown-hashtag-set",
    default: Severity::Error,
    summary: "A post's `hashtag_sets` names a set that strategy.toml's `[hashtag_sets]` does not define, so its tags are missing.",
};
/// A post uses a banned hashtag.
pub const BANNED_HASHTAG: Rule = Rule {
    name: "banned-hashtag",
    default: Severity::Error,
    summary: "A post carries a hashtag that strategy.toml's `[banned_hashtags]` bans on one of its platforms (or on `all`).",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&UNKNOWN_HASHTAG_SET, &BANNED_HASHTAG];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[],
};

/// Checks one post or holding statement: its sets exist, its tags are not banned.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    check_sets(project, post, out);
    check_banned(project, post, out);
}

fn check_sets(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    let sets = &project.strategy.hashtag_sets;
    for set in post.hashtag_sets.iter().filter(|s| !sets.contains_key(&s.value)) {
        let help = match did_you_mean(&set.value, sets.keys().map(String::as_str)) {
            Some(close) => format!("did you mean \"{close}\"?"),
            None if sets.is_empty() => format!(
                "define it in strategy.toml: [hashtag_sets] {} = [\"…\"]",
                set.value
            ),
            None => format!(
                "known sets: {}; or add it to strategy.toml's [hashtag_sets]",
                sets.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        };
        out.push(
            Diagnostic::new(
                &UNKNOWN_HASHTAG_SET,
                &post.file,
                set.pos,
                format!("hashtag set \"{}\" is not defined in strategy.toml", set.value),
            )
            .help(help)
            .width(set.value.chars().count() + 2),
        );
    }
}

fn check_banned(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    if project.strategy.banned_hashtags.is_empty() {
        return;
    }
    // One finding per written tag, naming every platform that bans it.
    let mut found: Vec<(crate::diagnostic::Pos, String, Vec<&str>)> = Vec::new();
    for platform in post.platforms.iter().map(|p| p.value) {
        for tag in post.hashtags_for(platform) {
            if !banned_on(&project.strategy, platform).any(|b| b.value.eq_ignore_ascii_case(&tag.value)) {
                continue;
            }
            match found
                .iter_mut()
                .find(|(pos, t, _)| *pos == tag.pos && *t == tag.value)
            {
                Some((_, _, platforms)) => platforms.push(platform.display_name()),
                None => found.push((tag.pos, tag.value.clone(), vec![platform.display_name()])),
            }
        }
    }
    for (pos, tag, platforms) in found {
        out.push(
            Diagnostic::new(
                &BANNED_HASHTAG,
                &post.file,
                pos,
                format!("#{tag} is banned on {} by strategy.toml", platforms.join(", ")),
            )
            .help("remove the tag (or its hashtag set), or take it off `[banned_hashtags]`"),
        );
    }
}
