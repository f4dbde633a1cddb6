//! Grouping drafts into posts: rows naming the same `post` become one post with a
//! variant per platform; a row without a post id is a post of its own, named after its
//! title (or its first words) and month. Rows of one post that disagree on what a post has
//! only once (time, status, link, pillar, campaign) or name a platform twice make the whole
//! post unreadable: nothing of it is written.

use std::collections::{BTreeMap, BTreeSet};

use chrono::DateTime;
use chrono_tz::Tz;

use super::draft::Draft;
use crate::model::Status;
use crate::platform::Platform;

/// What one platform of a post receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The network.
    pub(crate) platform: Platform,
    /// The caption, Markdown.
    pub(crate) text: String,
    /// Further thread parts.
    pub(crate) thread: Vec<String>,
    /// The first comment.
    pub(crate) first_comment: Option<String>,
    /// Hashtags without '#'.
    pub(crate) hashtags: Vec<String>,
    /// Media paths with alt texts.
    pub(crate) media: Vec<(String, Option<String>)>,
}

/// A post to write.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PostPlan {
    /// The post id: its path under `posts/` without `.md`.
    pub(crate) id: String,
    /// The lines of the rows it comes from.
    pub(crate) lines: Vec<usize>,
    /// Working title.
    pub(crate) title: String,
    /// Publish time.
    pub(crate) time: DateTime<Tz>,
    /// Workflow state.
    pub(crate) status: Status,
    /// Content pillar id.
    pub(crate) pillar: Option<String>,
    /// Campaign id.
    pub(crate) campaign: Option<String>,
    /// The untracked link.
    pub(crate) link: Option<String>,
    /// Who wrote it.
    pub(crate) author: Option<String>,
    /// Who approved it.
    pub(crate) approved_by: Option<String>,
    /// The series (from the queue CSV's `repeat` column): its first row gives `publish_at`,
    /// the others are its occurrences and add nothing.
    pub(crate) repeat: Option<(String, chrono::NaiveDate, Vec<String>)>,
    /// Per platform, in the order the rows name them.
    pub(crate) entries: Vec<Entry>,
}

/// A post that cannot be written, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlanError {
    /// The line of the row where the problem shows.
    pub(crate) line: usize,
    /// What is wrong and how to fix it.
    pub(crate) message: String,
}

/// Groups `drafts` into posts. `failed_posts` are ids of posts with an unreadable row:
/// their other rows are left out too. `default_status` is used where a row has none.
pub(crate) fn plan_posts(
    drafts: Vec<Draft>,
    failed_posts: &BTreeSet<String>,
    default_status: Status,
) -> (Vec<PostPlan>, Vec<PlanError>) {
    let mut groups: Vec<Vec<Draft>> = Vec::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for draft in drafts {
        match &draft.post {
            Some(id) if failed_posts.contains(id) => errors.push(PlanError {
                line: draft.line,
                message: format!("post `{id}` not written: another of its rows could not be read"),
            }),
            Some(id) => match by_id.get(id) {
                Some(&i) => groups[i].push(draft),
                None => {
                    by_id.insert(id.clone(), groups.len());
                    groups.push(vec![draft]);
                }
            },
            None => groups.push(vec![draft]),
        }
    }
    let mut plans = Vec::new();
    let mut taken: BTreeSet<String> = by_id.keys().cloned().collect();
    for group in groups {
        match merge(group, default_status, &mut taken) {
            Ok(plan) => plans.push(plan),
            Err(e) => errors.push(e),
        }
    }
    (plans, errors)
}

/// One post from its rows, or the first disagreement between them.
fn merge(
    group: Vec<Draft>,
    default_status: Status,
    taken: &mut BTreeSet<String>,
) -> Result<PostPlan, PlanError> {
    let first = &group[0];
    let id = match &first.post {
        Some(id) => check_id(id).map_err(|message| PlanError {
            line: first.line,
            message,
        })?,
        None => derive_id(first, taken),
    };
    let mut plan = PostPlan {
        title: first
            .title
            .clone()
            .unwrap_or_else(|| title_from_text(&first.text)),
        time: first.time,
        status: first.status.unwrap_or(default_status),
        pillar: first.pillar.clone(),
        campaign: first.campaign.clone(),
        link: first.link.clone(),
        author: first.author.clone(),
        approved_by: first.approved_by.clone(),
        repeat: first.repeat.clone(),
        lines: Vec::new(),
        entries: Vec::new(),
        id,
    };
    for draft in &group {
        if plan.repeat.is_some() && draft.repeat == plan.repeat && draft.time != plan.time {
            // A later occurrence of the series: the post is written once, from its first.
            plan.lines.push(draft.line);
            continue;
        }
        agree(&plan, draft, first.line)?;
        plan.lines.push(draft.line);
        for &platform in &draft.platforms {
            if plan.entries.iter().any(|e| e.platform == platform) {
                return Err(PlanError {
                    line: draft.line,
                    message: format!(
                        "post `{}` names {} twice (also at line {}); keep one row per platform",
                        plan.id,
                        platform.name(),
                        first.line
                    ),
                });
            }
            plan.entries.push(Entry {
                platform,
                text: draft.text.clone(),
                thread: draft.thread.clone(),
                first_comment: draft.first_comment.clone(),
                hashtags: draft.hashtags.clone(),
                media: draft.media.clone(),
            });
        }
    }
    Ok(plan)
}

/// A row must agree with its post's first row on what a post has once.
fn agree(plan: &PostPlan, draft: &Draft, first_line: usize) -> Result<(), PlanError> {
    let clash = |what: &str, theirs: String, ours: String| {
        Err(PlanError {
            line: draft.line,
            message: format!(
                "post `{}`: {what} is {theirs} here but {ours} at line {first_line}; a post has one {what}, \
                 so give every row of it the same",
                plan.id
            ),
        })
    };
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "empty".to_owned());
    if draft.time != plan.time {
        return clash("publish time", draft.time.to_rfc3339(), plan.time.to_rfc3339());
    }
    if let Some(status) = draft.status
        && status != plan.status
    {
        return clash("status", status.name().to_owned(), plan.status.name().to_owned());
    }
    if draft.link != plan.link {
        return clash("link", show(&draft.link), show(&plan.link));
    }
    if draft.pillar != plan.pillar {
        return clash("pillar", show(&draft.pillar), show(&plan.pillar));
    }
    if draft.campaign != plan.campaign {
        return clash("campaign", show(&draft.campaign), show(&plan.campaign));
    }
    if draft.approved_by != plan.approved_by {
        return clash("approver", show(&draft.approved_by), show(&plan.approved_by));
    }
    Ok(())
}

/// A post id from a file must be a plain relative path: no `..`, no leading `/` or `.`,
/// no backslash or control character, so the post lands under `posts/` and nowhere else.
pub(crate) fn check_id(id: &str) -> Result<String, String> {
    let bad_segment = |s: &str| s.is_empty() || s.starts_with('.');
    let bad_char = |c: char| c.is_control() || matches!(c, '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
    if id.split('/').any(bad_segment) || id.chars().any(bad_char) {
        return Err(format!(
            "post id `{id}` is not a path under posts/ (use letters, digits, '-', '_' and '/' between folders)"
        ));
    }
    Ok(id.to_owned())
}

/// `YYYY-MM/slug-of-the-title`, made unique among the ids of this import.
fn derive_id(draft: &Draft, taken: &mut BTreeSet<String>) -> String {
    let title = draft
        .title
        .clone()
        .unwrap_or_else(|| title_from_text(&draft.text));
    let base = format!("{}/{}", draft.time.format("%Y-%m"), slug(&title));
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// The first line of a text, without Markdown marks, cut at a word before 60 characters.
pub(crate) fn title_from_text(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let line = line.trim_start_matches(['#', '-', '*', '>', ' ']);
    if line.chars().count() <= 60 {
        return line.to_owned();
    }
    let cut: String = line.chars().take(60).collect();
    match cut.rfind(' ') {
        Some(i) if i > 20 => format!("{}…", &cut[..i]),
        _ => format!("{cut}…"),
    }
}

/// Lower-case ASCII words joined by `-` (German letters spelled out), at most 50 characters.
pub(crate) fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'é' | 'è' | 'ê' => out.push('e'),
            'á' | 'à' | 'â' => out.push('a'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
        if out.len() >= 50 {
            break;
        }
    }
    let slug = out.trim_end_matches('-');
    if slug.is_empty() {
        "post".to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    fn draft(line: usize, post: Option<&str>, platform: Platform, text: &str) -> Draft {
        let time = Berlin.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let mut d = Draft::new(line, time, vec![platform], text.to_owned());
        d.post = post.map(str::to_owned);
        d
    }

    #[test]
    fn rows_of_one_post_become_one_plan_with_an_entry_per_platform() {
        let drafts = vec![
            draft(2, Some("2026-12/a"), Platform::X, "kurz"),
            draft(3, None, Platform::X, "Über Öl & Ketten"),
            draft(4, Some("2026-12/a"), Platform::Instagram, "lang"),
        ];
        let (plans, errors) = plan_posts(drafts, &BTreeSet::new(), Status::Draft);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(plans.len(), 2);
        assert_eq!(plans[0].id, "2026-12/a");
        assert_eq!(plans[0].lines, vec![2, 4]);
        assert_eq!(plans[0].entries.len(), 2);
        assert_eq!(plans[1].id, "2026-12/ueber-oel-ketten");
    }

    #[test]
    fn disagreeing_rows_and_repeated_platforms_make_the_post_fail() {
        let mut other = draft(3, Some("p"), Platform::Instagram, "b");
        other.link = Some("https://a.example".into());
        let (plans, errors) = plan_posts(
            vec![draft(2, Some("p"), Platform::X, "a"), other],
            &BTreeSet::new(),
            Status::Draft,
        );
        assert!(plans.is_empty());
        assert_eq!(errors[0].line, 3);
        assert!(
            errors[0]
                .message
                .contains("link is https://a.example here but empty at line 2")
        );
        let (_, errors) = plan_posts(
            vec![
                draft(2, Some("p"), Platform::X, "a"),
                draft(5, Some("p"), Platform::X, "b"),
            ],
            &BTreeSet::new(),
            Status::Draft,
        );
        assert!(errors[0].message.contains("names x twice"), "{errors:?}");
    }

    #[test]
    fn ids_that_leave_posts_are_refused() {
        for id in ["../x", "/etc/x", "a//b", ".hidden", "a\\b", "a/./b", ""] {
            assert!(check_id(id).is_err(), "{id}");
        }
        assert_eq!(
            check_id("2026-12/winter_reifen").unwrap(),
            "2026-12/winter_reifen"
        );
    }

    #[test]
    fn derived_ids_are_unique_slugs() {
        let (plans, _) = plan_posts(
            vec![
                draft(2, None, Platform::X, "Hallo Welt"),
                draft(3, None, Platform::X, "Hallo Welt"),
            ],
            &BTreeSet::new(),
            Status::Draft,
        );
        assert_eq!(plans[0].id, "2026-12/hallo-welt");
        assert_eq!(plans[1].id, "2026-12/hallo-welt-2");
        assert_eq!(slug("!!!"), "post");
    }
}
