//! `calendar/YYYY-Www.html`: one page per ISO week of the plan, seven day columns with
//! each post's local time, platforms, status and title, plain links to the previous and
//! next week and to the month view. A planner works week by week; the month grid is too
//! tight to read a busy week. Times are the repository's timezone, and a series shows
//! once per occurrence, at that occurrence's own local time (so across a change to or
//! from daylight saving time a 09:00 post stays at 09:00).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;
use tera::Context;

use super::calendar::{SuggestionView, month_path, suggestions_by_day};
use super::page::{Page, post_dates};
use crate::lang::format::{date_long, date_short, month_title, time_of_day, weekday_short};
use crate::model::{Post, Project};
use crate::site::views::{PostRow, Views};

/// Longest span of weeks shown without gaps (five years); a wider plan (a typo such as
/// 2062 for 2026) gets pages only for the weeks that have posts.
const MAX_CONTIGUOUS_WEEKS: i64 = 261;

/// The Monday a date's ISO week starts on.
pub(crate) fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// `calendar/2026-W49.html`: the ISO year and week of the week starting on `monday`.
pub(crate) fn week_path(monday: NaiveDate) -> String {
    let week = monday.iso_week();
    format!("calendar/{:04}-W{:02}.html", week.year(), week.week())
}

/// The Mondays of the weeks that get a page: every week from the first to the last
/// scheduled occurrence (today's week when nothing is scheduled; only weeks with posts
/// when the span is huge).
pub(crate) fn weeks_of(project: &Project, today: NaiveDate) -> BTreeSet<NaiveDate> {
    let with_posts: BTreeSet<NaiveDate> = post_dates(project).map(monday_of).collect();
    let (Some(&first), Some(&last)) = (with_posts.first(), with_posts.last()) else {
        return BTreeSet::from([monday_of(today)]);
    };
    if (last - first).num_days() / 7 + 1 > MAX_CONTIGUOUS_WEEKS {
        return with_posts;
    }
    let mut weeks = BTreeSet::new();
    let mut monday = first;
    while monday <= last {
        weeks.insert(monday);
        monday += Duration::days(7);
    }
    weeks
}

/// Every week page's path, wanted or not.
pub(super) fn week_paths(views: &Views<'_>) -> Vec<String> {
    weeks_of(views.project(), views.today)
        .into_iter()
        .map(week_path)
        .collect()
}

/// One day column.
#[derive(Serialize)]
struct DayColumn {
    /// `2027-03-28`.
    iso: String,
    weekday: &'static str,
    date: String,
    label: String,
    today: bool,
    /// The posts of the day, each timed at its occurrence.
    entries: Vec<PostRow>,
    suggestions: Vec<SuggestionView>,
}

/// A link to another week or a month.
#[derive(Serialize)]
struct Link {
    href: String,
    label: String,
}

/// A page per week, for the weeks whose page `wanted` accepts.
/// Each week's context is prepared when the renderer takes it: at 100,000 posts the weeks
/// together hold every post's calendar entry.
pub(super) fn pages<'v>(
    views: &'v Views<'_>,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> impl Iterator<Item = Page> + Send + 'v {
    let project = views.project();
    let weeks: Vec<NaiveDate> = weeks_of(project, views.today).into_iter().collect();
    let wanted_weeks: Vec<(usize, NaiveDate)> = weeks
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, monday)| wanted(&week_path(*monday)))
        .collect();
    // What every week page looks up, worked out when the first wanted week is taken (the
    // dev server often wants none). The pages are taken on one thread, so a cell will do.
    let shared = std::cell::OnceCell::new();
    wanted_weeks.into_iter().map(move |(i, monday)| {
        let (by_day, suggestions, months) = shared.get_or_init(|| {
            let months: BTreeSet<String> = super::calendar::month_paths(views).into_iter().collect();
            (occurrences_by_day(project), suggestions_by_day(views), months)
        });
        let mut context = Context::new();
        let days = columns(views, monday, by_day, suggestions);
        let count: usize = days.iter().map(|d| d.entries.len()).sum();
        context.insert("title", &week_title(views, monday));
        context.insert("count", &count);
        context.insert("days", &days);
        let link = |monday: &NaiveDate| Link {
            href: week_path(*monday),
            label: week_title(views, *monday),
        };
        context.insert("prev", &i.checked_sub(1).and_then(|j| weeks.get(j)).map(link));
        context.insert("next", &weeks.get(i + 1).map(link));
        context.insert("months", &month_links(views, monday, months));
        Page::new(week_path(monday), "week.html", context)
    })
}

/// "Week 49 (Nov 30, 2026 – Dec 6, 2026)" / "Kalenderwoche 49 (30.11.2026 – 06.12.2026)".
fn week_title(views: &Views<'_>, monday: NaiveDate) -> String {
    format!(
        "{} {} ({} – {})",
        views.t("week"),
        monday.iso_week().week(),
        date_short(views.lang, monday),
        date_short(views.lang, monday + Duration::days(6))
    )
}

/// The month pages the week's days fall in (one or two), for the link back to the month view.
fn month_links(views: &Views<'_>, monday: NaiveDate, months: &BTreeSet<String>) -> Vec<Link> {
    let mut seen = BTreeSet::new();
    (0..7)
        .map(|i| monday + Duration::days(i))
        .filter_map(|day| {
            let path = month_path((day.year(), day.month()));
            (months.contains(&path) && seen.insert(path.clone())).then(|| Link {
                href: path,
                label: month_title(views.lang, day.year(), day.month()),
            })
        })
        .collect()
}

/// Every scheduled occurrence by local date, in time order within a day (then post id).
fn occurrences_by_day(project: &Project) -> BTreeMap<NaiveDate, Vec<(&Post, DateTime<Tz>)>> {
    let mut by_day: BTreeMap<NaiveDate, Vec<(&Post, DateTime<Tz>)>> = BTreeMap::new();
    for post in &project.posts {
        for occurrence in post.dates() {
            by_day
                .entry(occurrence.date)
                .or_default()
                .push((post, occurrence.at));
        }
    }
    for entries in by_day.values_mut() {
        entries.sort_by(|a, b| (a.1, &a.0.id).cmp(&(b.1, &b.0.id)));
    }
    by_day
}

/// The seven day columns of the week starting on `monday`.
fn columns(
    views: &Views<'_>,
    monday: NaiveDate,
    by_day: &BTreeMap<NaiveDate, Vec<(&Post, DateTime<Tz>)>>,
    suggestions: &BTreeMap<NaiveDate, Vec<SuggestionView>>,
) -> Vec<DayColumn> {
    (0..7)
        .map(|i| {
            let day = monday + Duration::days(i);
            let entries = by_day
                .get(&day)
                .map(|posts| posts.iter().map(|(post, at)| entry(views, post, at)).collect())
                .unwrap_or_default();
            DayColumn {
                iso: day.to_string(),
                weekday: weekday_short(views.lang, day.weekday()),
                date: date_short(views.lang, day),
                label: date_long(views.lang, day),
                today: day == views.today,
                entries,
                suggestions: suggestions.get(&day).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

/// A post's row, timed at one of its occurrences.
fn entry(views: &Views<'_>, post: &Post, at: &DateTime<Tz>) -> PostRow {
    let mut row = views.post_row(post);
    row.time = Some(time_of_day(at));
    row.iso = Some(at.to_rfc3339());
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn week_paths_use_the_iso_year_and_week() {
        assert_eq!(week_path(day(2026, 11, 30)), "calendar/2026-W49.html");
        // 28 Dec 2026 starts ISO week 53 of 2026; 4 Jan 2027 week 1 of 2027.
        assert_eq!(week_path(day(2026, 12, 28)), "calendar/2026-W53.html");
        assert_eq!(week_path(day(2027, 1, 4)), "calendar/2027-W01.html");
        // 29 Dec 2025 is in ISO week 1 of 2026.
        assert_eq!(week_path(monday_of(day(2025, 12, 31))), "calendar/2026-W01.html");
        assert_eq!(monday_of(day(2027, 3, 28)), day(2027, 3, 22));
    }

    #[test]
    fn the_plan_gets_every_week_from_its_first_to_its_last_post() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
        let (project, _) = crate::load::load_project(&root).unwrap();
        let weeks = weeks_of(&project, day(2026, 12, 1));
        let first = *weeks.first().unwrap();
        let last = *weeks.last().unwrap();
        assert_eq!(weeks.len() as i64, (last - first).num_days() / 7 + 1);
        assert!(weeks.iter().all(|m| m.weekday() == Weekday::Mon));
        // A typo decades away does not make thousands of pages. (A post's dates are worked
        // out once per version of it, so the changed post is a newly read one.)
        let (mut project, _) = crate::load::load_project(&root).unwrap();
        let far = project.posts[0].publish_at.as_ref().unwrap().value + chrono::Duration::days(365 * 40);
        project.posts[0].publish_at.as_mut().unwrap().value = far;
        let weeks = weeks_of(&project, day(2026, 12, 1));
        assert!(weeks.len() < 20, "{}", weeks.len());
        assert!(weeks.contains(&monday_of(far.date_naive())));
    }
}
