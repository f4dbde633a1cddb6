//! Status and time: a post's workflow state must fit its date, and one platform
//! should not get the same caption twice.
//!
//! "Today" comes from [`super::Context`] (`--today` in tests and CI). A post is in the
//! past when its local publish date is before today.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use chrono::Days;
use rayon::prelude::*;

use super::Family;
use super::plan;
use super::text::at_time;
use super::text::caption;
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::{Post, Project, Status};
use crate::platform::Platform;

/// An approved or scheduled post whose date has passed.
pub const PAST_DUE: Rule = Rule {
    name: "past-due",
    default: Severity::Error,
    summary: "An `approved` or `scheduled` post dated before today: it missed its slot, or it went out and is not marked `published`.",
};
/// A published post without a time.
pub const PUBLISHED_WITHOUT_TIME: Rule = Rule {
    name: "published-without-time",
    default: Severity::Error,
    summary: "A `published` post without `publish_at`, so reports and metrics cannot place it in time.",
};
/// A post due soon that is not approved yet.
pub const SCHEDULED_DRAFT: Rule = Rule {
    name: "scheduled-draft",
    default: Severity::Warning,
    summary: "A post still in `idea`, `draft` or `review` whose publish date has passed or is at most 3 days away: it should be approved by now.",
};
/// The same caption twice on one platform.
pub const DUPLICATE_CAPTION: Rule = Rule {
    name: "duplicate-caption",
    default: Severity::Warning,
    summary: "Two planned posts send the same caption to one platform; networks demote duplicate content.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[
    &PAST_DUE,
    &PUBLISHED_WITHOUT_TIME,
    &SCHEDULED_DRAFT,
    &DUPLICATE_CAPTION,
];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    dated: &[|project, post, context, out| {
        if !post.is_crisis() {
            check_status(project, post, context, out);
        }
    }],
    across: &[check],
};

/// How many days ahead a post should be approved: a draft due sooner is reported.
pub const DRAFT_LEAD_DAYS: u64 = 3;

/// Checks the plan's captions for duplicates (each post's status against its date is
/// judged per post, by the family's dated check).
pub fn check(project: &Project, _context: &super::Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_duplicates(&plan::planned_posts(project), &mut out);
    out
}

fn check_status(project: &Project, post: &Post, context: &super::Context, out: &mut Vec<Diagnostic>) {
    let status = post.status.value;
    let Some(time) = post.time() else {
        if status == Status::Published {
            out.push(
                Diagnostic::new(
                    &PUBLISHED_WITHOUT_TIME,
                    &post.file,
                    post.status.pos,
                    format!("`{}` is published but has no `publish_at`", post.id),
                )
                .width(status.name().len() + 2)
                .help("add `publish_at` with the time it went out"),
            );
        }
        return;
    };
    let day = time.date_naive();
    let today = context.today;
    if status.is_publishable() && day < today {
        out.push(
            at_time(
                &PAST_DUE,
                project,
                post,
                format!(
                    "`{}` post dated {day}, {} before today ({today})",
                    status.name(),
                    plan::count((today - day).num_days(), "day")
                ),
            )
            .help("set `status = \"published\"` if it went out, or move `publish_at` to a future slot"),
        );
    }
    let deadline = today
        .checked_add_days(Days::new(DRAFT_LEAD_DAYS))
        .unwrap_or(today);
    if matches!(status, Status::Idea | Status::Draft | Status::Review) && day <= deadline {
        let when = if day < today {
            format!("was due on {day}")
        } else {
            format!(
                "goes out on {day}, {} from today",
                plan::count((day - today).num_days(), "day")
            )
        };
        out.push(
            Diagnostic::new(
                &SCHEDULED_DRAFT,
                &post.file,
                post.status.pos,
                format!("still `{}` but {when}", status.name()),
            )
            .width(status.name().len() + 2)
            .help(format!(
                "finish and approve it (posts should be approved {DRAFT_LEAD_DAYS} days ahead), or move `publish_at`"
            )),
        );
    }
}

/// Whether two captions are the same once whitespace is normalised, so reflowed copies
/// still count as duplicates.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The words hash of each of the post's distinct captions ([`captions`]' order), made
/// once per post and kept in its facts.
fn caption_hashes(post: &Post) -> &[u64] {
    post.facts
        .caption_hashes(|| captions(post).iter().map(|(text, _)| words_hash(text)).collect())
}

/// A hash of the caption's words (its whitespace-normalised form) without building that
/// form: the duplicate check runs over the whole plan on every save in the dev server.
fn words_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for word in text.split_whitespace() {
        word.hash(&mut hasher);
    }
    hasher.finish()
}

/// The post's distinct captions, each with the platforms that get it (the body is
/// looked at once however many platforms share it).
fn captions(post: &Post) -> Vec<(&str, Vec<Platform>)> {
    let mut groups: Vec<(&str, Vec<Platform>)> = Vec::new();
    for platform in &post.platforms {
        let text = caption(post, platform.value);
        match groups.iter_mut().find(|(t, _)| std::ptr::eq(*t, text)) {
            Some((_, platforms)) => platforms.push(platform.value),
            None => groups.push((text, vec![platform.value])),
        }
    }
    groups
}

/// Where the caption for `platform` is written.
fn caption_pos(post: &Post, platform: Platform) -> Pos {
    post.variants
        .get(&platform)
        .and_then(|v| v.text.as_ref())
        .map_or(Pos::new(post.body_line, 1), |t| t.pos)
}

fn check_duplicates(planned: &[&Post], out: &mut Vec<Diagnostic>) {
    // (Caption's words, platform) -> the first post sending it there; a hash match is
    // confirmed word by word, so a collision never makes a false finding.
    // The hashes are made on all cores first (and kept in each post's facts); the pass
    // below, which must see the posts in order, then only looks them up.
    planned.par_iter().for_each(|post| {
        caption_hashes(post);
    });
    let mut first: HashMap<(u64, Platform), &Post> = HashMap::new();
    for post in planned {
        // The earlier post each platform's caption repeats, grouped by that post.
        let mut repeats: BTreeMap<&str, Vec<Platform>> = BTreeMap::new();
        let captions = captions(post);
        let hashes = caption_hashes(post);
        for ((text, platforms), &words) in captions.into_iter().zip(hashes) {
            if text.split_whitespace().next().is_none() {
                continue;
            }
            for platform in platforms {
                match first.entry((words, platform)) {
                    Entry::Occupied(earlier)
                        if earlier.get().id != post.id
                            && same_words(caption(earlier.get(), platform), text) =>
                    {
                        repeats
                            .entry(earlier.get().id.as_str())
                            .or_default()
                            .push(platform);
                    }
                    Entry::Occupied(_) => {}
                    Entry::Vacant(slot) => {
                        slot.insert(post);
                    }
                }
            }
        }
        for (earlier, platforms) in repeats {
            let names: Vec<&str> = platforms.iter().map(|p| p.display_name()).collect();
            let pos = platforms
                .first()
                .map_or(Pos::new(post.body_line, 1), |p| caption_pos(post, *p));
            out.push(
                Diagnostic::new(
                    &DUPLICATE_CAPTION,
                    &post.file,
                    pos,
                    format!("same caption as `{earlier}` on {}", names.join(", ")),
                )
                .help("rewrite it for this slot, or give the platform its own variant `text`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DRAFT_LEAD_DAYS, FAMILY, SCHEDULED_DRAFT, same_words, words_hash};

    #[test]
    fn the_summary_states_the_lead_time() {
        assert!(
            SCHEDULED_DRAFT
                .summary
                .contains(&format!("{DRAFT_LEAD_DAYS} days"))
        );
    }
    use crate::validate::testing::{CONFIG, post, run};

    #[test]
    fn reflowed_captions_are_equal() {
        let (a, b) = ("Drei  Checks\nvor dem Frost ", "Drei Checks vor\ndem Frost");
        assert!(same_words(a, b));
        assert_eq!(words_hash(a), words_hash(b));
        assert!(!same_words(a, "Drei Checks vor dem Frost!"));
        assert_ne!(words_hash("ab c"), words_hash("a bc"), "word boundaries count");
    }

    #[test]
    fn drafts_far_ahead_and_published_posts_in_the_past_are_fine() {
        let draft = post(
            "publish_at = 2026-12-20T09:00:00\nplatforms = [\"x\"]\nstatus = \"draft\"",
            "A",
        );
        let done = post(
            "publish_at = 2026-11-20T09:00:00\nplatforms = [\"x\"]\nstatus = \"published\"",
            "B",
        );
        let today = post(
            "publish_at = 2026-12-01T23:00:00\nplatforms = [\"x\"]\nstatus = \"scheduled\"",
            "C",
        );
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("posts/a.md", &draft),
                ("posts/b.md", &done),
                ("posts/c.md", &today),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn the_same_caption_on_different_platforms_is_no_duplicate() {
        let a = post(
            "publish_at = 2026-12-10T09:00:00\nplatforms = [\"x\"]\nstatus = \"approved\"",
            "Same",
        );
        let b = post(
            "publish_at = 2026-12-11T09:00:00\nplatforms = [\"instagram\"]\nstatus = \"approved\"",
            "Same",
        );
        assert!(
            run(
                &FAMILY,
                &[
                    ("touchpoint.toml", CONFIG),
                    ("posts/a.md", &a),
                    ("posts/b.md", &b)
                ]
            )
            .is_empty()
        );
    }
}
