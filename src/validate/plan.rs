//! "The plan": which posts the strategy rules count, and the dates they span.
//!
//! Cadence, mix and personas judge the plan as a whole, so they must agree on what
//! it is. A post belongs to the plan when it has a publish time and its status is
//! neither `idea` nor `cancelled`; holding statements (`crisis/`) never do. The plan
//! runs from the local date of its first post to the local date of its last one.
//! A series counts once per occurrence ([`Planned`]).

use std::ops::Deref;

use chrono::{DateTime, Datelike, Days, NaiveDate, Weekday};
use chrono_tz::Tz;

use crate::model::{Post, Project, Status};
use crate::platform::Platform;

/// Whether a post counts towards cadence, mix, personas and duplicates.
pub fn counts(post: &Post) -> bool {
    !post.is_crisis()
        && post.publish_at.is_some()
        && !matches!(post.status.value, Status::Idea | Status::Cancelled)
}

/// One date a planned post goes out: the post itself, or one occurrence of a series.
/// It reads as its post (through `Deref`), except that [`Planned::time`] is the
/// occurrence's.
#[derive(Clone, Copy, Debug)]
pub struct Planned<'a> {
    /// The post.
    pub post: &'a Post,
    /// When this occurrence goes out.
    pub at: DateTime<Tz>,
}

impl Planned<'_> {
    /// When this occurrence goes out.
    pub fn time(&self) -> Option<DateTime<Tz>> {
        Some(self.at)
    }
}

impl Deref for Planned<'_> {
    type Target = Post;

    fn deref(&self) -> &Post {
        self.post
    }
}

/// The posts of the plan, each series once per occurrence, in time order (ties by id,
/// so output is stable).
pub fn planned(project: &Project) -> Vec<Planned<'_>> {
    let mut posts: Vec<Planned<'_>> = project
        .posts
        .iter()
        .filter(|p| counts(p))
        .flat_map(|post| post.dates().iter().map(move |o| Planned { post, at: o.at }))
        .collect();
    posts.sort_by(|a, b| (a.at, &a.post.id).cmp(&(b.at, &b.post.id)));
    posts
}

/// The posts of the plan, each once (a series at its first date), in time order: for
/// the rules about posts rather than dates (duplicate captions, personas).
pub fn planned_posts(project: &Project) -> Vec<&Post> {
    let mut posts: Vec<&Post> = project.posts.iter().filter(|p| counts(p)).collect();
    posts.sort_by(|a, b| (a.time(), &a.id).cmp(&(b.time(), &b.id)));
    posts
}

/// The planned posts that go to `platform`, in time order.
pub fn on_platform<'a>(posts: &[Planned<'a>], platform: Platform) -> Vec<Planned<'a>> {
    posts
        .iter()
        .copied()
        .filter(|p| p.has_platform(platform))
        .collect()
}

/// The posts of `posts` (in time order, as [`planned`] returns them) that go out between
/// `from` and `to`, both days included: found by binary search, so judging every week
/// or month of a plan that spans years stays proportional to the number of posts.
pub fn between<'p, 'a>(posts: &'p [Planned<'a>], from: NaiveDate, to: NaiveDate) -> &'p [Planned<'a>] {
    let start = posts.partition_point(|p| date(p) < Some(from));
    let end = posts.partition_point(|p| date(p) <= Some(to));
    &posts[start..end.max(start)]
}

/// The local date a planned post goes out.
pub fn date(post: &Planned<'_>) -> Option<NaiveDate> {
    Some(post.at.date_naive())
}

/// First and last local date of the plan, or `None` when nothing is planned.
pub fn range(posts: &[Planned<'_>]) -> Option<(NaiveDate, NaiveDate)> {
    let first = posts.iter().filter_map(|p| date(p)).min()?;
    let last = posts.iter().filter_map(|p| date(p)).max()?;
    Some((first, last))
}

/// The Mondays of the ISO weeks that lie entirely inside `first..=last`.
///
/// Weeks cut by the plan's edges are left out: a plan starting on a Thursday has
/// no "too few posts" in its first week just because it started late.
pub fn full_weeks(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut monday = first.week(Weekday::Mon).first_day();
    if monday < first {
        monday = monday + Days::new(7);
    }
    let mut weeks = Vec::new();
    while let Some(sunday) = monday.checked_add_days(Days::new(6)) {
        if sunday > last {
            break;
        }
        weeks.push(monday);
        monday = monday + Days::new(7);
    }
    weeks
}

/// The first days of the calendar months that lie entirely inside `first..=last`.
pub fn full_months(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut start = first.with_day(1).unwrap_or(first);
    if start < first {
        start = next_month(start);
    }
    while month_last_day(start) <= last {
        months.push(start);
        start = next_month(start);
    }
    months
}

/// The first day of the month after the one `day` is in.
pub fn next_month(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MAX)
}

/// The last day of the month `day` is in.
pub fn month_last_day(day: NaiveDate) -> NaiveDate {
    next_month(day).pred_opt().unwrap_or(day)
}

/// "2026-W49", the ISO week of `day`.
pub fn iso_week_name(day: NaiveDate) -> String {
    let w = day.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// "1 post", "3 posts": a count with its noun.
pub fn count(n: impl Into<i64>, noun: &str) -> String {
    let n = n.into();
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn between_finds_the_same_posts_as_a_scan() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
        let (project, _) = crate::load::load_project(&root).unwrap();
        let posts = planned(&project);
        let (first, last) = range(&posts).unwrap();
        let mut day = first - Days::new(3);
        while day <= last + Days::new(3) {
            for span in [0, 6, 30] {
                let to = day + Days::new(span);
                let scanned: Vec<&str> = posts
                    .iter()
                    .filter(|p| date(p).is_some_and(|d| d >= day && d <= to))
                    .map(|p| p.id.as_str())
                    .collect();
                let found: Vec<&str> = between(&posts, day, to).iter().map(|p| p.id.as_str()).collect();
                assert_eq!(found, scanned, "{day} to {to}");
            }
            day = day + Days::new(1);
        }
    }

    #[test]
    fn only_weeks_inside_the_range_are_full() {
        // Thu 2026-12-03 .. Tue 2026-12-22: full weeks start Mon 12-07 and Mon 12-14.
        assert_eq!(
            full_weeks(d("2026-12-03"), d("2026-12-22")),
            vec![d("2026-12-07"), d("2026-12-14")]
        );
        // A range from a Monday to a Sunday is one full week.
        assert_eq!(
            full_weeks(d("2026-11-30"), d("2026-12-06")),
            vec![d("2026-11-30")]
        );
        assert!(full_weeks(d("2026-12-01"), d("2026-12-06")).is_empty());
    }

    #[test]
    fn only_months_inside_the_range_are_full() {
        assert_eq!(
            full_months(d("2026-11-15"), d("2027-01-31")),
            vec![d("2026-12-01"), d("2027-01-01")]
        );
        assert!(full_months(d("2026-12-01"), d("2026-12-30")).is_empty());
    }

    #[test]
    fn iso_week_names_use_the_iso_year() {
        assert_eq!(iso_week_name(d("2026-12-01")), "2026-W49");
        assert_eq!(iso_week_name(d("2027-01-01")), "2026-W53");
    }
}
