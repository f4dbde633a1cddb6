//! Which pages depend on what, so the dev server re-renders only the pages an edit can
//! change instead of the whole site.
//!
//! A post appears on its own page, on its calendar months and weeks (a series on each
//! occurrence's), on the lists that hold it
//! (all posts, its platforms, campaign, personas, pillar), on the overview, on the review
//! page and on the pages that count posts (strategy, pillars, diagnostics, report).
//! Everything every page shows (the build banner's counts, the calendar link in the
//! navigation) is summed up in [`site_wide_state`]: when that changes, the whole site is
//! re-rendered.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, NaiveDate};
use chrono_tz::Tz;

use super::SiteOptions;
use super::pages::{List, Month, calendar_href_for, monday_of, month_path, months_of, week_path, weeks_of};
use super::views::{post_path, time_order};
use crate::Checked;
use crate::diagnostic::Summary;
use crate::model::{Post, Project};

/// Pages that list or count posts, whichever post changed.
const PAGES_COUNTING_POSTS: &[&str] = &[
    "index.html",
    "posts.html",
    "platforms.html",
    "campaigns.html",
    "personas.html",
    "pillars.html",
    "strategy.html",
    "diagnostics.html",
    "comments.html",
    "report.html",
    "crisis.html",
    "review.html",
];

/// A set of output pages, by exact path or by folder, some marked to render first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageSet {
    everything: bool,
    first: BTreeSet<String>,
    paths: BTreeSet<String>,
    folders: BTreeSet<String>,
}

impl PageSet {
    /// Every page of the site.
    pub fn everything() -> PageSet {
        PageSet {
            everything: true,
            ..PageSet::default()
        }
    }

    /// Adds one page by its output path.
    pub fn insert(&mut self, path: impl Into<String>) {
        self.paths.insert(path.into());
    }

    /// Adds a page to render before the others: the page of the post being edited,
    /// which a writer is most likely looking at.
    pub fn insert_first(&mut self, path: impl Into<String>) {
        self.first.insert(path.into());
    }

    /// Adds every page under `folder/`.
    pub fn insert_folder(&mut self, folder: &str) {
        self.folders.insert(format!("{}/", folder.trim_end_matches('/')));
    }

    /// Adds every page whose path starts with `prefix`: the continuation pages of a
    /// long list (`more/posts-`), however many there are now or were before.
    pub fn insert_prefix(&mut self, prefix: String) {
        self.folders.insert(prefix);
    }

    /// Whether a render for this set produces `path`: only the pages in it (no static
    /// files, no media), the dev server's cheap path after an edit. A page of the set
    /// missing from the result no longer exists.
    pub fn wants(&self, path: &str) -> bool {
        self.contains(path) && path.ends_with(".html")
    }

    /// Adds the pages of another set.
    pub fn extend(&mut self, other: PageSet) {
        self.everything |= other.everything;
        self.first.extend(other.first);
        self.paths.extend(other.paths);
        self.folders.extend(other.folders);
    }

    /// Removes and returns the pages marked to render first.
    pub fn take_first(&mut self) -> PageSet {
        let first = std::mem::take(&mut self.first);
        for path in &first {
            self.paths.remove(path);
        }
        PageSet {
            paths: first,
            ..PageSet::default()
        }
    }

    /// Whether some pages are marked to render first.
    pub fn has_first(&self) -> bool {
        !self.first.is_empty()
    }

    /// Whether the page at `path` is in the set.
    pub fn contains(&self, path: &str) -> bool {
        self.everything
            || self.first.contains(path)
            || self.paths.contains(path)
            || self.folders.iter().any(|f| path.starts_with(f.as_str()))
    }

    /// Whether the set may hold pages whose path starts with `prefix` (a page such as
    /// `posts.html` or a family such as `calendar/`), so a page family whose pages are
    /// all unwanted is not even prepared.
    pub fn touches(&self, prefix: &str) -> bool {
        self.everything
            || self
                .first
                .iter()
                .chain(&self.paths)
                .any(|p| p.starts_with(prefix))
            || self
                .folders
                .iter()
                .any(|f| f.starts_with(prefix) || prefix.starts_with(f.as_str()))
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        !self.everything && self.first.is_empty() && self.paths.is_empty() && self.folders.is_empty()
    }
}

/// The pages that show `post`: its own page and every page listing or counting it.
pub fn pages_showing_post(post: &Post) -> PageSet {
    let mut set = PageSet::default();
    set.insert_first(post_path(post));
    if post.is_crisis() {
        // Holding statements are listed on every page of the posts list.
        set.insert("index.html");
        set.insert("posts.html");
        set.insert_prefix(List::Posts.continuation_prefix());
        return set;
    }
    for page in PAGES_COUNTING_POSTS {
        set.insert(*page);
    }
    set.insert_prefix(List::Posts.continuation_prefix());
    set.insert_prefix(List::Findings.continuation_prefix());
    // A pillar's share of the plan moves with any post, and shows on every page of
    // each pillar's list.
    set.insert_folder("pillars");
    set.insert_prefix(List::Pillar("").continuation_prefix());
    if post.time().is_none() {
        // Every calendar page lists the posts without a date.
        set.insert_folder("calendar");
    }
    for date in post.dates().iter().map(|o| o.date) {
        set.insert(format!("calendar/{:04}-{:02}.html", date.year(), date.month()));
        set.insert(week_path(monday_of(date)));
    }
    let platforms = post.platforms.iter().map(|p| List::Platform(p.value));
    let campaign = post.campaign.iter().map(|c| List::Campaign(&c.value));
    let personas = post.personas.iter().map(|p| List::Persona(&p.value));
    for list in platforms.chain(campaign).chain(personas) {
        set.insert(list.first_path());
        set.insert_prefix(list.continuation_prefix());
    }
    set
}

/// What every calendar page shows of the whole plan: the weeks and months that have a
/// page (each page links its neighbours and the months) and the evergreen suggestions in
/// the free slots. While it stays the same, a post moved to another week changes only
/// its old and its new week's page.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CalendarShape {
    weeks: BTreeSet<NaiveDate>,
    months: Vec<Month>,
    /// (when, platform, post id) of each suggestion.
    suggestions: Vec<(DateTime<Tz>, &'static str, String)>,
}

impl CalendarShape {
    /// The shape of `project`'s calendar as the site renders it with `options`.
    pub fn of(project: &Project, options: &SiteOptions) -> CalendarShape {
        let today = today_of(project, options);
        let suggestions = crate::validate::evergreen::suggestions(project, today)
            .into_iter()
            .map(|s| (s.at, s.platform.name(), s.post.id.clone()))
            .collect();
        CalendarShape {
            weeks: weeks_of(project, today),
            months: months_of(project, today),
            suggestions,
        }
    }
}

/// The pages a post changing from `old` to `new` (`None`: absent) can change, given the
/// calendar's shape `before` and `after` the change. A new shape changes every calendar
/// page; a post that moves between months, or gains or loses dates in one, changes every
/// month page (each shows how many posts every month has).
pub fn pages_affected_by_post(
    old: Option<&Post>,
    new: Option<&Post>,
    before: &CalendarShape,
    after: &CalendarShape,
) -> PageSet {
    let mut set = PageSet::default();
    for post in [old, new].into_iter().flatten() {
        set.extend(pages_showing_post(post));
    }
    let per_month = |post: Option<&Post>| -> BTreeMap<Month, usize> {
        let mut counts = BTreeMap::new();
        for date in post.iter().flat_map(|p| p.dates()).map(|o| o.date) {
            *counts.entry((date.year(), date.month())).or_default() += 1;
        }
        counts
    };
    if before != after {
        set.insert_folder("calendar");
    } else if per_month(old) != per_month(new) {
        for &month in &after.months {
            set.insert(month_path(month));
        }
    }
    set
}

/// The day the site treats as today: `--today`, or today in the project's timezone.
fn today_of(project: &Project, options: &SiteOptions) -> NaiveDate {
    options.today.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&project.config.timezone)
            .date_naive()
    })
}

/// What every page shows about the whole project: the build banner's counts and the
/// calendar link in the navigation. When it changes, every page must be re-rendered.
pub fn site_wide_state(checked: &Checked, options: &SiteOptions) -> String {
    let project = &checked.project;
    let today = today_of(project, options);
    let summary = Summary::of(&checked.diagnostics);
    format!(
        "{} {} {} {today}",
        summary.errors,
        summary.warnings,
        calendar_href_for(project, today)
    )
}

/// The pages of the posts next to where `post` sorts in time: their "previous" and
/// "next" links name it. Call it with a post's old and new version.
pub fn pages_next_to(project: &Project, post: &Post) -> PageSet {
    let list = if post.is_crisis() {
        &project.crisis
    } else {
        &project.posts
    };
    // One pass instead of sorting the plan on every save: the last post before it and
    // the first after it in time order.
    let (mut before, mut after): (Option<&Post>, Option<&Post>) = (None, None);
    for other in list.iter().filter(|p| p.id != post.id) {
        if time_order(other, post).is_lt() {
            if before.is_none_or(|b| time_order(other, b).is_gt()) {
                before = Some(other);
            }
        } else if after.is_none_or(|a| time_order(other, a).is_lt()) {
            after = Some(other);
        }
    }
    let mut set = PageSet::default();
    for neighbour in [before, after].into_iter().flatten() {
        set.insert(post_path(neighbour));
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_pages_are_taken_apart() {
        let mut set = PageSet::default();
        set.insert_first("posts/a.html");
        set.insert("posts/a.html");
        set.insert("index.html");
        let first = set.take_first();
        assert!(first.contains("posts/a.html") && !first.contains("index.html"));
        assert!(!set.contains("posts/a.html") && set.contains("index.html"));
        assert!(!set.has_first());
    }

    #[test]
    fn families_are_touched_by_their_pages_and_folders() {
        let mut set = PageSet::default();
        set.insert("platforms/x.html");
        set.insert_folder("calendar");
        assert!(set.touches("platforms") && set.touches("calendar/"));
        assert!(!set.touches("posts.html") && !set.touches("personas"));
        assert!(PageSet::everything().touches("anything"));
    }

    #[test]
    fn folders_match_every_page_below_them() {
        let mut set = PageSet::default();
        set.insert("index.html");
        set.insert_folder("calendar");
        assert!(set.contains("calendar/2026-12.html"));
        assert!(set.contains("index.html"));
        assert!(!set.contains("calendar.html"));
        assert!(!set.contains("posts/a.html"));
    }

    #[test]
    fn a_post_reaches_the_continuation_pages_of_its_own_lists_only() {
        let post = post("publish_at = 2027-01-05T09:00:00\ncampaign = \"sommer\"\n");
        let set = pages_showing_post(&post);
        for page in [
            "more/posts-2.html",
            "more/platform-x-3.html",
            "more/campaign-sommer-2.html",
        ] {
            assert!(set.wants(page), "{page}");
        }
        for page in ["more/platform-mastodon-2.html", "more/campaign-winter-2.html"] {
            assert!(!set.wants(page), "{page}");
        }
    }

    fn post(extra: &str) -> Post {
        let text = format!("title = \"A\"\nplatforms = [\"x\"]\n{extra}");
        let node = crate::content::node::parse_toml(&text, 2).unwrap();
        let mut r = crate::content::fields::Reader::new("posts/a.md");
        let src = crate::content::post::PostSource {
            id: "a",
            file: "posts/a.md",
            node: &node,
            body: "Text.",
            body_line: 8,
            kind: crate::content::post::PostKind::Post,
        };
        crate::content::post::read_post(&src, chrono_tz::Europe::Berlin, &mut r)
    }

    #[test]
    fn a_series_reaches_the_week_and_month_page_of_every_occurrence() {
        let series =
            post("publish_at = 2027-03-21T09:00:00\nrepeat = { every = \"1 week\", until = 2027-04-04 }\n");
        let set = pages_showing_post(&series);
        for page in [
            "calendar/2027-W11.html",
            "calendar/2027-W12.html",
            "calendar/2027-W13.html",
            "calendar/2027-03.html",
            "calendar/2027-04.html",
        ] {
            assert!(set.wants(page), "{page}");
        }
        assert!(!set.wants("calendar/2027-W14.html"));
    }

    #[test]
    fn a_post_moved_to_another_week_rerenders_the_calendar_only_when_its_shape_changes() {
        let monday = post("publish_at = 2027-03-22T09:00:00\n");
        let sunday = post("publish_at = 2027-03-28T09:00:00\n");
        let next_monday = post("publish_at = 2027-03-29T09:00:00\n");
        let next_month = post("publish_at = 2027-04-05T09:00:00\n");
        let shape = CalendarShape {
            months: vec![(2027, 3), (2027, 4), (2027, 5)],
            ..CalendarShape::default()
        };
        let same_week = pages_affected_by_post(Some(&monday), Some(&sunday), &shape, &shape);
        assert!(same_week.wants("calendar/2027-W12.html"));
        assert!(!same_week.wants("calendar/2027-W13.html"));
        assert!(!same_week.wants("calendar/2027-04.html"));
        let other_week = pages_affected_by_post(Some(&sunday), Some(&next_monday), &shape, &shape);
        assert!(other_week.wants("calendar/2027-W12.html") && other_week.wants("calendar/2027-W13.html"));
        assert!(!other_week.wants("calendar/2027-W40.html"), "{other_week:?}");
        let other_month = pages_affected_by_post(Some(&sunday), Some(&next_month), &shape, &shape);
        assert!(
            other_month.wants("calendar/2027-05.html"),
            "every month shows every month's count"
        );
        assert!(!other_month.wants("calendar/2027-W20.html"));
        let reshaped = CalendarShape {
            weeks: BTreeSet::from([monday_of(NaiveDate::from_ymd_opt(2027, 3, 29).unwrap())]),
            ..CalendarShape::default()
        };
        let new_shape = pages_affected_by_post(Some(&sunday), Some(&next_monday), &shape, &reshaped);
        assert!(
            new_shape.wants("calendar/2027-W40.html"),
            "the whole calendar folder"
        );
    }
}
