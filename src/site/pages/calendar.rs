//! `calendar/YYYY-MM.html`: one page per month, every post placed on its local date
//! and time, with plain links to the previous and next month (no script needed).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use tera::Context;

use super::page::{Page, post_dates};
use crate::lang::format::{Lang, month_title, weekday_short};
use crate::model::{Post, Project};
use crate::site::tables::{PostTable, Snippet};
use crate::site::views::{Views, sort_by_time};

/// A month as (year, month).
/// A calendar month: (year, month).
pub(crate) type Month = (i32, u32);

/// One day cell.
#[derive(Serialize)]
struct Day {
    day: u32,
    label: String,
    in_month: bool,
    today: bool,
    entries: PostTable,
    suggestions: Vec<SuggestionView>,
}

/// An evergreen post the preview suggests for an empty cadence slot.
#[derive(Clone, Serialize)]
pub(super) struct SuggestionView {
    pub(super) href: String,
    pub(super) title: String,
    pub(super) time: String,
    pub(super) iso: String,
    pub(super) platform: &'static str,
    pub(super) platform_label: &'static str,
}

/// The evergreen suggestions by local date.
pub(super) fn suggestions_by_day(views: &Views<'_>) -> BTreeMap<NaiveDate, Vec<SuggestionView>> {
    let mut by_day: BTreeMap<NaiveDate, Vec<SuggestionView>> = BTreeMap::new();
    for s in crate::validate::evergreen::suggestions(views.project(), views.today) {
        by_day.entry(s.at.date_naive()).or_default().push(SuggestionView {
            href: crate::site::views::post_path(s.post),
            title: s.post.title.value.clone(),
            time: s.at.format("%H:%M").to_string(),
            iso: s.at.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            platform: s.platform.name(),
            platform_label: s.platform.display_name(),
        });
    }
    by_day
}

/// One calendar row.
#[derive(Serialize)]
struct Week {
    number: u32,
    /// The week's own page (`calendar/YYYY-Www.html`), when the plan has one.
    href: Option<String>,
    days: Vec<Day>,
}

/// A link to another month.
#[derive(Serialize)]
struct MonthLink {
    href: String,
    label: String,
    current: bool,
    count: usize,
}

/// The calendar page to link from the navigation: today's month when it is in the plan,
/// else the nearest planned month.
pub(crate) fn calendar_href_for(project: &Project, today: NaiveDate) -> String {
    let months = months_of(project, today);
    let now = (today.year(), today.month());
    let month = months
        .iter()
        .copied()
        .find(|m| *m == now)
        .or_else(|| {
            if Some(&now) < months.first() {
                months.first().copied()
            } else {
                months.last().copied()
            }
        })
        .unwrap_or(now);
    month_path(month)
}

/// Longest span of months shown without gaps; a wider plan (a typo such as 2062 for 2026)
/// gets pages only for the months that have posts, so it cannot explode into thousands.
const MAX_CONTIGUOUS_MONTHS: usize = 60;

/// The months the calendar covers: from the first to the last scheduled post
/// (today's month when nothing is scheduled; only months with posts when the span is huge).
pub(crate) fn months_of(project: &Project, today: NaiveDate) -> Vec<Month> {
    let with_posts: BTreeSet<Month> = post_dates(project).map(|d| (d.year(), d.month())).collect();
    let (Some(first), Some(last)) = (with_posts.first().copied(), with_posts.last().copied()) else {
        return vec![(today.year(), today.month())];
    };
    let span = (last.0 - first.0) as i64 * 12 + i64::from(last.1) - i64::from(first.1) + 1;
    if span > MAX_CONTIGUOUS_MONTHS as i64 {
        return with_posts.into_iter().collect();
    }
    let mut months = Vec::new();
    let mut month = first;
    while month <= last {
        months.push(month);
        month = next_month(month);
    }
    months
}

fn next_month((year, month): Month) -> Month {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

/// Every month page's path, wanted or not.
pub(super) fn month_paths(views: &Views<'_>) -> Vec<String> {
    months_of(views.project(), views.today)
        .into_iter()
        .map(month_path)
        .collect()
}

pub(crate) fn month_path((year, month): Month) -> String {
    format!("calendar/{year:04}-{month:02}.html")
}

/// A page per month, for the months whose page `wanted` accepts.
/// Each month's context is prepared when the renderer takes it: at 100,000 posts the
/// months together hold every post's calendar entry and each month links every other.
pub(super) fn pages<'v>(
    views: &'v Views<'_>,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> impl Iterator<Item = Page> + Send + 'v {
    let project = views.project();
    let months = months_of(project, views.today);
    let mut scheduled: Vec<&Post> = project.posts.iter().filter(|p| p.time().is_some()).collect();
    sort_by_time(&mut scheduled);
    // A series is on the calendar once per occurrence.
    let mut by_day: BTreeMap<NaiveDate, Vec<&Post>> = BTreeMap::new();
    let mut per_month: BTreeMap<Month, usize> = BTreeMap::new();
    for post in &scheduled {
        for occurrence in post.dates() {
            by_day.entry(occurrence.date).or_default().push(post);
            *per_month
                .entry((occurrence.date.year(), occurrence.date.month()))
                .or_default() += 1;
        }
    }
    let suggestions = suggestions_by_day(views);
    let week_pages = super::week::weeks_of(project, views.today);
    let unscheduled = views.tables.table(
        Snippet::NestedRow,
        project.posts.iter().filter(|p| p.time().is_none()),
    );
    let links: Vec<MonthLink> = months
        .iter()
        .map(|m| MonthLink {
            href: month_path(*m),
            label: month_title(views.lang, m.0, m.1),
            current: false,
            count: per_month.get(m).copied().unwrap_or_default(),
        })
        .collect();
    let wanted_months: Vec<(usize, Month)> = months
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, month)| wanted(&month_path(*month)))
        .collect();
    wanted_months.into_iter().map(move |(i, month)| {
        let mut context = Context::new();
        context.insert("title", &month_title(views.lang, month.0, month.1));
        context.insert("weekdays", &weekday_names(views.lang));
        let calendar = Sources {
            by_day: &by_day,
            suggestions: &suggestions,
            week_pages: &week_pages,
        };
        context.insert("weeks", &weeks(views, month, &calendar));
        context.insert("prev", &i.checked_sub(1).and_then(|j| links.get(j)));
        context.insert("next", &links.get(i + 1));
        let months: Vec<MonthLink> = links
            .iter()
            .enumerate()
            .map(|(j, l)| MonthLink {
                href: l.href.clone(),
                label: l.label.clone(),
                current: i == j,
                count: l.count,
            })
            .collect();
        context.insert("months", &months);
        context.insert("count", &links.get(i).map_or(0, |l| l.count));
        context.insert("unscheduled", &unscheduled);
        Page::new(month_path(month), "calendar.html", context)
    })
}

fn weekday_names(lang: Lang) -> Vec<&'static str> {
    (0..7)
        .filter_map(|i| chrono::Weekday::try_from(i as u8).ok())
        .map(|d| weekday_short(lang, d))
        .collect()
}

/// What the month grid is filled from.
struct Sources<'a, 'p> {
    /// The posts by local date (a series once per occurrence).
    by_day: &'a BTreeMap<NaiveDate, Vec<&'p Post>>,
    /// Evergreen suggestions by local date.
    suggestions: &'a BTreeMap<NaiveDate, Vec<SuggestionView>>,
    /// The Mondays of the weeks that have a week page.
    week_pages: &'a BTreeSet<NaiveDate>,
}

/// The weeks (Monday to Sunday) that cover `month`, each day with its posts.
fn weeks(views: &Views<'_>, month: Month, sources: &Sources<'_, '_>) -> Vec<Week> {
    let Sources {
        by_day,
        suggestions,
        week_pages,
    } = sources;
    let Some(first) = NaiveDate::from_ymd_opt(month.0, month.1, 1) else {
        return Vec::new();
    };
    let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let mut weeks = Vec::new();
    let mut day = start;
    while (day.year(), day.month()) <= month || day.weekday() != chrono::Weekday::Mon {
        let mut week = Week {
            number: day.iso_week().week(),
            href: week_pages.contains(&day).then(|| super::week::week_path(day)),
            days: Vec::with_capacity(7),
        };
        for _ in 0..7 {
            let on_day = by_day.get(&day).map(Vec::as_slice).unwrap_or_default();
            week.days.push(Day {
                day: day.day(),
                label: crate::lang::format::date_long(views.lang, day),
                in_month: (day.year(), day.month()) == month,
                today: day == views.today,
                entries: views.tables.concat(Snippet::CalendarEntry, on_day),
                suggestions: suggestions.get(&day).cloned().unwrap_or_default(),
            });
            day += Duration::days(1);
        }
        weeks.push(week);
        if weeks.len() > 6 {
            break;
        }
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::format::Lang;

    fn basic() -> crate::Checked {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
        crate::check_project(&root, &crate::Options::default()).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_is_covered_by_whole_weeks_from_monday() {
        let checked = basic();
        let texts = crate::ComposedTexts::default();
        let words = crate::lang::words::builtin(Lang::En);
        let views = Views::new(&checked, &words, day(2026, 12, 1), &texts);
        let none = BTreeMap::new();
        let no_suggestions = BTreeMap::new();
        let week_pages = BTreeSet::from([day(2026, 11, 30)]);
        let sources = Sources {
            by_day: &none,
            suggestions: &no_suggestions,
            week_pages: &week_pages,
        };
        let december = weeks(&views, (2026, 12), &sources);
        assert_eq!(december.len(), 5, "30 Nov to 3 Jan");
        assert_eq!(december[0].days[0].day, 30);
        assert!(!december[0].days[0].in_month && december[0].days[1].in_month);
        assert!(december[0].days[1].today);
        assert_eq!(december[4].days[6].day, 3);
        assert_eq!(december[0].href.as_deref(), Some("calendar/2026-W49.html"));
        assert_eq!(december[1].href, None, "no page for that week");
        let february = weeks(&views, (2027, 2), &sources);
        assert_eq!(february.len(), 4, "1 Feb 2027 is a Monday, 28 Feb a Sunday");
        assert!(february.iter().all(|w| w.days.iter().all(|d| d.in_month)));
    }

    #[test]
    fn the_navigation_opens_the_nearest_planned_month() {
        let checked = basic();
        let project = &checked.project;
        assert_eq!(
            calendar_href_for(project, day(2026, 12, 20)),
            "calendar/2026-12.html"
        );
        assert_eq!(
            calendar_href_for(project, day(2026, 6, 1)),
            "calendar/2026-12.html"
        );
        assert_eq!(
            calendar_href_for(project, day(2030, 1, 1)),
            "calendar/2027-01.html"
        );
    }

    #[test]
    fn a_typo_years_away_does_not_make_thousands_of_pages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
        let (mut project, _) = crate::load::load_project(&root).unwrap();
        let far = project.posts[0].publish_at.as_ref().unwrap().value + chrono::Duration::days(365 * 40);
        project.posts[0].publish_at.as_mut().unwrap().value = far;
        let months = months_of(&project, day(2026, 12, 1));
        assert!(months.len() < 10, "{months:?}");
        assert!(months.contains(&(far.year(), far.month())));
    }

    #[test]
    fn months_roll_over_the_year() {
        assert_eq!(next_month((2026, 12)), (2027, 1));
        assert_eq!(month_path((2027, 3)), "calendar/2027-03.html");
    }
}
