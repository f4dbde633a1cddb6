//! The evergreen pool: posts with `evergreen = true` may go out again, but not more
//! often than every `[evergreen] min_gap_days` (strategy.toml, default 60).
//!
//! [`suggestions`] is the preview the calendar shows: each week from today to the end
//! of the plan that has fewer posts on a platform than its cadence asks for gets an
//! evergreen post from the pool, the one used longest ago, never one used within the
//! gap. The rule `evergreen-too-soon` judges the uses the plan itself makes: a series
//! (`repeat`) of an evergreen post whose dates lie closer than the gap.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;

use super::Family;
use super::plan;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{Post, Project, Status};
use crate::platform::Platform;

/// An evergreen post planned again within the least gap.
pub const EVERGREEN_TOO_SOON: Rule = Rule {
    name: "evergreen-too-soon",
    default: Severity::Warning,
    summary: "An evergreen post is used again within `[evergreen] min_gap_days` (default 60) of its last use, so followers see it again too soon.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&EVERGREEN_TOO_SOON];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[],
};

/// Reports an evergreen series whose dates lie closer than the gap (once, at `repeat`).
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    let (true, Some(repeat)) = (post.evergreen, &post.repeat) else {
        return;
    };
    if matches!(post.status.value, Status::Idea | Status::Cancelled) {
        return;
    }
    let gap = i64::from(project.strategy.evergreen_gap());
    let dates: Vec<NaiveDate> = post.dates().iter().map(|o| o.date).collect();
    let Some(pair) = dates.windows(2).find(|w| (w[1] - w[0]).num_days() < gap) else {
        return;
    };
    let days = (pair[1] - pair[0]).num_days();
    out.push(
        Diagnostic::new(
            &EVERGREEN_TOO_SOON,
            &post.file,
            repeat.pos,
            format!(
                "evergreen post used again {days} days after its last use ({} to {}), at least {gap} apart",
                pair[0], pair[1]
            ),
        )
        .help(format!(
            "repeat it every {gap} days or more, or lower `[evergreen] min_gap_days` in strategy.toml"
        )),
    );
}

/// An evergreen post the preview puts into an empty cadence slot.
#[derive(Clone, Debug)]
pub struct Suggestion<'a> {
    /// The pool post.
    pub post: &'a Post,
    /// The platform whose slot it fills.
    pub platform: Platform,
    /// When, local time (the post's own time of day on the slot's date).
    pub at: DateTime<Tz>,
}

/// The evergreen posts that fill the empty cadence slots from `today` to the end of the
/// plan, in time order.
pub fn suggestions(project: &Project, today: NaiveDate) -> Vec<Suggestion<'_>> {
    let pool: Vec<&Post> = project
        .posts
        .iter()
        .filter(|p| p.evergreen && !matches!(p.status.value, Status::Idea | Status::Cancelled))
        .collect();
    if pool.is_empty() {
        return Vec::new();
    }
    let planned = plan::planned(project);
    let Some((_, last)) = plan::range(&planned) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (&platform, cadence) in &project.strategy.cadence {
        let Some(target) = cadence.min_per_week.or(cadence.per_week) else {
            continue;
        };
        let posts = plan::on_platform(&planned, platform);
        let candidates: Vec<&Post> = pool
            .iter()
            .copied()
            .filter(|p| p.has_platform(platform))
            .collect();
        fill_platform(
            project,
            platform,
            target,
            &posts,
            &candidates,
            (today, last),
            &mut out,
        );
    }
    out.sort_by(|a, b| (a.at, a.platform.name(), &a.post.id).cmp(&(b.at, b.platform.name(), &b.post.id)));
    out
}

fn fill_platform<'a>(
    project: &'a Project,
    platform: Platform,
    target: u32,
    posts: &[plan::Planned<'a>],
    pool: &[&'a Post],
    (today, last): (NaiveDate, NaiveDate),
    out: &mut Vec<Suggestion<'a>>,
) {
    let gap = i64::from(project.strategy.evergreen_gap());
    let mut monday = today.week(Weekday::Mon).first_day();
    while monday <= last {
        let sunday = monday + Days::new(6);
        let taken: Vec<NaiveDate> = plan::between(posts, monday, sunday)
            .iter()
            .map(|p| p.at.date_naive())
            .collect();
        let mut free = (0..7)
            .map(|i| monday + Days::new(i))
            .filter(|d| *d >= today && *d <= last && !taken.contains(d));
        for _ in taken.len()..target as usize {
            let Some(day) = free.next() else { break };
            let last_use = |post: &Post| -> Option<NaiveDate> {
                let planned = post.dates().iter().map(|o| o.date).filter(|d| *d <= day);
                let suggested = out
                    .iter()
                    .filter(|s| s.post.id == post.id)
                    .map(|s| s.at.date_naive());
                planned.chain(suggested).max()
            };
            let pick = pool
                .iter()
                .filter(|p| last_use(p).is_none_or(|d| (day - d).num_days() >= gap))
                .min_by_key(|p| (last_use(p), p.id.as_str()));
            if let Some(post) = pick {
                out.push(Suggestion {
                    post,
                    platform,
                    at: at_time_of(project.config.timezone, day, post),
                });
            }
        }
        monday = monday + Days::new(7);
    }
}

/// `day` at the post's own local time of day (09:00 when it has none).
fn at_time_of(tz: Tz, day: NaiveDate, post: &Post) -> DateTime<Tz> {
    let time = post
        .time()
        .map_or(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(), |t| t.time());
    let naive = day.and_time(time);
    tz.from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| tz.from_utc_datetime(&naive))
}
