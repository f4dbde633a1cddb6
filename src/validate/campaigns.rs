//! Campaigns: posts inside their campaign's dates, campaigns that have posts, and
//! campaign hashtags on every campaign post.

use std::collections::HashSet;

use super::Family;
use super::text::at_time;
use super::text::{Lowered, key_pos, words_for};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{Campaign, Post, Project, Status};

/// A campaign post dated outside the campaign.
pub const OUTSIDE_CAMPAIGN: Rule = Rule {
    name: "outside-campaign",
    default: Severity::Warning,
    summary: "A post names a campaign but goes out before its `start` or after its `end`.",
};
/// A campaign without posts.
pub const EMPTY_CAMPAIGN: Rule = Rule {
    name: "empty-campaign",
    default: Severity::Warning,
    summary: "A campaign that no post (other than cancelled ones) belongs to: its budget buys nothing.",
};
/// A campaign post without the campaign's hashtags.
pub const CAMPAIGN_HASHTAG_MISSING: Rule = Rule {
    name: "campaign-hashtag-missing",
    default: Severity::Warning,
    summary: "A campaign post whose text on some platform lacks one of the campaign's `hashtags` (set to \"allow\" to switch off).",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&OUTSIDE_CAMPAIGN, &EMPTY_CAMPAIGN, &CAMPAIGN_HASHTAG_MISSING];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[|project, _| check_across(project)],
};

/// Reports the campaigns that no post (but a cancelled one) belongs to.
pub fn check_across(project: &Project) -> Vec<Diagnostic> {
    let used: HashSet<&str> = project
        .posts
        .iter()
        .filter(|p| p.status.value != Status::Cancelled)
        .filter_map(|p| p.campaign.as_ref())
        .map(|c| c.value.as_str())
        .collect();
    project
        .campaigns
        .iter()
        .filter(|campaign| !used.contains(campaign.id.as_str()))
        .map(|campaign| {
            Diagnostic::new(
                &EMPTY_CAMPAIGN,
                &campaign.file,
                key_pos(project, &campaign.file, "name"),
                format!("campaign `{}` has no posts", campaign.id),
            )
            .help(format!(
                "add `campaign = \"{}\"` to the posts that belong to it, or delete the campaign",
                campaign.id
            ))
        })
        .collect()
}

/// Checks one post of `project.posts` against its campaign: its date inside the
/// campaign's, the campaign's hashtags on every platform. Each post is judged alone, so
/// the dev server runs this again only for the posts that change. Holding statements,
/// ideas and cancelled posts are not judged.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    if !is_planned_post(project, post) || matches!(post.status.value, Status::Idea | Status::Cancelled) {
        return;
    }
    let Some(id) = &post.campaign else {
        return;
    };
    // Ids are the names of the `.md` files directly in `campaigns/`, so at most one matches.
    if let Some(campaign) = project.campaign(&id.value) {
        check_dates(project, campaign, post, out);
        check_hashtags(campaign, post, out);
    }
}

/// Whether `post` is one of `project.posts` rather than a holding statement.
fn is_planned_post(project: &Project, post: &Post) -> bool {
    project.posts.as_ptr_range().contains(&std::ptr::from_ref(post))
}

fn check_dates(project: &Project, campaign: &Campaign, post: &Post, out: &mut Vec<Diagnostic>) {
    let Some(day) = post.time().map(|t| t.date_naive()) else {
        return;
    };
    let before = campaign.start.filter(|s| day < *s);
    let after = campaign.end.filter(|e| day > *e);
    let side = match (before, after) {
        (Some(start), _) => format!("before it starts on {start}"),
        (_, Some(end)) => format!("after it ends on {end}"),
        _ => return,
    };
    let range = match (campaign.start, campaign.end) {
        (Some(s), Some(e)) => format!("between {s} and {e}"),
        (Some(s), None) => format!("on or after {s}"),
        (None, Some(e)) => format!("on or before {e}"),
        (None, None) => String::new(),
    };
    out.push(
        at_time(
            &OUTSIDE_CAMPAIGN,
            project,
            post,
            format!("goes out on {day}, {side} (campaign `{}`)", campaign.id),
        )
        .help(format!(
            "move `publish_at` {range}, or extend the campaign's dates in {}",
            campaign.file
        )),
    );
}

fn check_hashtags(campaign: &Campaign, post: &Post, out: &mut Vec<Diagnostic>) {
    if campaign.hashtags.is_empty() {
        return;
    }
    let texts: Vec<(&str, Lowered)> = post
        .platforms
        .iter()
        .map(|p| (p.value.display_name(), Lowered::new(&words_for(post, p.value))))
        .collect();
    for tag in &campaign.hashtags {
        let marker = format!("#{}", tag.trim_start_matches('#'));
        let missing: Vec<&str> = texts
            .iter()
            .filter(|(_, text)| !text.contains(&marker))
            .map(|(name, _)| *name)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let pos = post.campaign.as_ref().map_or(post.title.pos, |c| c.pos);
        out.push(
            Diagnostic::new(
                &CAMPAIGN_HASHTAG_MISSING,
                &post.file,
                pos,
                format!(
                    "campaign `{}` uses {marker}, missing on {}",
                    campaign.id,
                    missing.join(", ")
                ),
            )
            .width(post.campaign.as_ref().map_or(1, |c| c.value.chars().count() + 2))
            .help(format!(
                "add \"{}\" to `hashtags` (or to the variant's `hashtags`)",
                tag.trim_start_matches('#')
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FAMILY;
    use crate::validate::testing::{CONFIG, post, run};

    #[test]
    fn open_ended_campaigns_and_campaigns_without_tags() {
        let campaign = "+++\nname = \"C\"\nstart = 2026-12-01\n+++\nBrief.\n";
        let p = post(
            "publish_at = 2027-06-01T09:00:00\nplatforms = [\"x\"]\nstatus = \"approved\"\ncampaign = \"c\"",
            "Late but inside: the campaign has no end.",
        );
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("campaigns/c.md", campaign),
                ("posts/a.md", &p),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn each_post_is_judged_against_its_own_campaign_among_many() {
        // `b` ends in January; `b2` sorts right after it and `a` right before, both open.
        let open = "+++\nname = \"Open\"\nstart = 2026-12-01\n+++\n";
        let short = "+++\nname = \"Short\"\nstart = 2026-12-01\nend = 2027-01-31\n+++\n";
        let in_june = |campaign: &str| {
            post(
                &format!(
                    "publish_at = 2027-06-01T09:00:00\nplatforms = [\"x\"]\nstatus = \"approved\"\ncampaign = \"{campaign}\""
                ),
                "Text.",
            )
        };
        let (a, b, b2) = (in_june("a"), in_june("b"), in_june("b2"));
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("campaigns/a.md", open),
                ("campaigns/b.md", short),
                ("campaigns/b2.md", open),
                ("posts/a.md", &a),
                ("posts/b.md", &b),
                ("posts/b2.md", &b2),
            ],
        );
        let outside: Vec<_> = found
            .iter()
            .filter(|(_, _, rule)| *rule == "outside-campaign")
            .map(|(file, _, _)| file.as_str())
            .collect();
        assert_eq!(outside, ["posts/b.md"], "{found:?}");
    }
}
