//! `review.html`: the page a client reviews the plan on. Every post with status `review`,
//! grouped by ISO week of its publish time in the project's timezone (posts without one
//! last: an error, yet the page still shows them), each with the previews the post page
//! shows and boxes to tick (approve / needs changes) and a note. It prints to A4, works
//! from file://, and the theme's `site.js` composes the ticked decisions into a
//! plain-text summary to copy or mail back; nothing is sent or fetched.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;
use tera::Context;

use super::page::Page;
use super::post::{MediaView, PreviewView, media_views, previews};
use crate::lang::format::date_short;
use crate::model::{Post, Status};
use crate::site::paths::href;
use crate::site::views::{PostRow, Views, sort_by_time};

/// The page's output path (and template name).
pub(super) const PATH: &str = "review.html";

/// A post waiting for the client's decision.
#[derive(Serialize)]
struct ReviewPost {
    /// Unique on the page and safe in an `id` (`r1`, `r2`, ...): post ids may hold spaces.
    key: String,
    row: PostRow,
    /// When it goes out, or "not scheduled", for the summary the client sends back.
    when: String,
    author: Option<String>,
    media: Vec<MediaView>,
    previews: Vec<PreviewView>,
}

/// One ISO week of posts (or the posts without a publish time).
#[derive(Serialize)]
struct WeekView {
    /// `2027-W04`, or `undated`: the anchor.
    id: String,
    /// "Week 4/2027 · 25 Jan 2027 – 31 Jan 2027".
    label: String,
    posts: Vec<ReviewPost>,
}

/// The review page with its context.
pub(super) fn page(views: &Views<'_>) -> Page {
    let weeks = weeks(views);
    let count: usize = weeks.iter().map(|w| w.posts.len()).sum();
    let mut context = Context::new();
    context.insert("weeks", &weeks);
    context.insert("count", &count);
    let subject = format!("{}: {}", views.t("review_subject"), views.project().config.name);
    // Without a script the link still opens a mail with this subject; site.js adds the body.
    context.insert("mailto", &format!("mailto:?subject={}", href(&subject)));
    context.insert("subject", &subject);
    Page::new(PATH, PATH, context)
}

/// The posts in review in publish order (holding statements have no status).
fn in_review<'a>(views: &Views<'a>) -> Vec<&'a Post> {
    let project = views.project();
    let mut posts: Vec<&Post> = project
        .posts
        .iter()
        .filter(|p| p.status.value == Status::Review)
        .collect();
    sort_by_time(&mut posts);
    posts
}

/// The posts in review grouped by ISO week (Monday first), the undated group last.
fn weeks(views: &Views<'_>) -> Vec<WeekView> {
    let mut groups: BTreeMap<Option<NaiveDate>, Vec<ReviewPost>> = BTreeMap::new();
    for (i, post) in in_review(views).into_iter().enumerate() {
        let monday = post.time().map(|t| monday_of(t.date_naive()));
        groups
            .entry(monday)
            .or_default()
            .push(review_post(views, post, i + 1));
    }
    let undated = groups.remove(&None);
    let mut weeks: Vec<WeekView> = groups
        .into_iter()
        .filter_map(|(monday, posts)| monday.map(|m| (m, posts)))
        .map(|(monday, posts)| WeekView {
            id: week_id(monday),
            label: week_label(views, monday),
            posts,
        })
        .collect();
    if let Some(posts) = undated {
        weeks.push(WeekView {
            id: "undated".to_owned(),
            label: views.t("unscheduled"),
            posts,
        });
    }
    weeks
}

fn review_post(views: &Views<'_>, post: &Post, n: usize) -> ReviewPost {
    let row = views.post_row(post);
    // A post in review without a time is an error (`missing-key`), yet it still renders.
    let when = row.datetime.clone().unwrap_or_else(|| views.t("unscheduled"));
    ReviewPost {
        key: format!("r{n}"),
        row,
        when,
        author: post.author.clone(),
        media: media_views(views, &post.media),
        previews: previews(views, post),
    }
}

/// The Monday of `day`'s ISO week.
fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// `2027-W04`: the ISO year and week of the week starting `monday`.
fn week_id(monday: NaiveDate) -> String {
    let week = monday.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// "Week 4/2027 · 25 Jan 2027 – 31 Jan 2027" / "KW 4/2027 · 25.01.2027 – 31.01.2027".
fn week_label(views: &Views<'_>, monday: NaiveDate) -> String {
    let week = monday.iso_week();
    let sunday = NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Sun)
        .unwrap_or(monday + Duration::days(6));
    format!(
        "{} {}/{} · {} – {}",
        views.t("review_week"),
        week.week(),
        week.year(),
        date_short(views.lang, monday),
        date_short(views.lang, sunday)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(monday_of(day(2027, 1, 31)), day(2027, 1, 25));
        assert_eq!(monday_of(day(2027, 1, 25)), day(2027, 1, 25));
    }

    #[test]
    fn week_ids_use_the_iso_year() {
        // 1 January 2027 is a Friday: it belongs to the last week of 2026.
        assert_eq!(week_id(monday_of(day(2027, 1, 1))), "2026-W53");
        assert_eq!(week_id(monday_of(day(2027, 1, 26))), "2027-W04");
    }
}
