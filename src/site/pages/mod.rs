//! Which pages the site has, and the context every page shares.
//!
//! Each page family lives in its own file and returns [`Page`]s (output path,
//! template, context) as [`Lazy`] jobs that a [`Plan`] collects; the renderer adds the shared
//! keys ([`set_page_keys`]) before rendering. What the page families share (the
//! [`Page`] type, list items) lives in the leaf `page`, so the families import it and
//! never this module.

mod calendar;
mod campaigns;
mod changes;
mod comments;
mod crisis_plan;
mod diagnostics;
mod lists;
mod matrix;
mod overview;
mod page;
mod paged;
mod personas;
mod pillars;
mod platforms;
mod post;
mod previews;
mod review;
mod strategy;
mod week;

use serde::Serialize;
use tera::Context;

use super::tables::{Snippet, Tables};
use super::views::Views;
use super::{Renderer, Scratch, SiteError};
use crate::diagnostic::Summary;
use crate::lang::format::date_long;
use crate::report::Report;
use crate::site::paths::root_prefix;
use page::lazy;
pub(super) use page::{Lazy, Page};

pub(super) use calendar::{Month, calendar_href_for, month_path, months_of};
pub(super) use paged::List;
pub(super) use week::{monday_of, week_path, weeks_of};

/// What every page is prepared from: the indexed project and the performance report.
pub(super) struct Plan<'a> {
    views: Views<'a>,
    /// Built only when a page showing it (overview, report) is wanted: the dev server's
    /// first step after an edit renders just the post's own page.
    report: Option<Report<'a>>,
    /// Whether any calendar page (month or week) is wanted.
    calendar: bool,
    /// What changed since the `--since` revision, when one was given.
    changes: Option<std::sync::Arc<crate::since::Changes>>,
}

impl<'a> Plan<'a> {
    /// Indexes the project, renders the post rows the `wanted` list pages are made of, and
    /// builds the report from the metrics `check` already read and joined (the files
    /// under `metrics/` are read once per run).
    pub(super) fn new(
        renderer: &Renderer<'a>,
        wanted: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<Self, SiteError> {
        let checked = renderer.checked();
        let mut views = Views::new(checked, renderer.words(), renderer.today(), &checked.texts);
        let calendar = calendar::month_paths(&views).iter().any(|p| wanted(p))
            || week::week_paths(&views).iter().any(|p| wanted(p));
        // The rows and the report need only the project: they are worked out side by side.
        let (tables, report) = rayon::join(
            || Tables::render(renderer, &views, &snippets_needed(&views, wanted, calendar)),
            || {
                (wanted("index.html") || wanted("report.html")).then(|| {
                    let (from, to) = renderer.period();
                    let records =
                        crate::report::records_in_period(&checked.project, &checked.metrics, from, to);
                    crate::report::build_report(
                        &checked.project,
                        &records,
                        renderer.words(),
                        renderer.today(),
                    )
                })
            },
        );
        views.tables = tables?;
        Ok(Plan {
            views,
            report,
            calendar,
            changes: renderer.changes.clone(),
        })
    }

    /// A job per page or small family of pages; pages `wanted` rejects are left out
    /// (the dev server re-renders only the pages an edit touches).
    pub(super) fn jobs<'p>(&'p self, wanted: &'p (dyn Fn(&str) -> bool + Sync)) -> Vec<Lazy<'p>> {
        let views = &self.views;
        let mut jobs = Vec::new();
        if let Some(report) = self.report.as_ref().filter(|_| wanted("index.html")) {
            jobs.push(lazy(move || vec![overview::page(views, report)]));
        }
        if self.calendar {
            jobs.push(lazy(move || calendar::pages(views, wanted)));
            jobs.push(lazy(move || week::pages(views, wanted)));
        }
        if wanted("strategy.html") {
            jobs.push(lazy(move || vec![strategy::page(views)]));
        }
        if wanted("crisis.html") && crisis_plan::exists(views) {
            jobs.push(lazy(move || vec![crisis_plan::page(views)]));
        }
        if wanted("comments.html") {
            jobs.push(lazy(move || vec![comments::page(views)]));
        }
        if let Some(changes) = self.changes.as_deref().filter(|_| wanted("changes.html")) {
            jobs.push(lazy(move || vec![changes::page(views, changes)]));
        }
        if wanted(review::PATH) {
            jobs.push(lazy(move || vec![review::page(views)]));
        }
        if wanted("diagnostics.html") {
            jobs.push(lazy(move || diagnostics::pages(views)));
        }
        if let Some(report) = self.report.as_ref().filter(|_| wanted("report.html")) {
            jobs.push(lazy(move || {
                let context = crate::report::report_context(report);
                vec![Page::new("report.html", "report.html", context)]
            }));
        }
        jobs.extend(lists::jobs(views, wanted));
        for job in post::jobs(views, wanted) {
            jobs.push(lazy(move || vec![post::page(views, &job)]));
        }
        jobs
    }
}

/// The strategy document's context (as `strategy.html` gets it), for `strategy.pdf`.
pub(super) fn strategy_context(views: &Views<'_>) -> Context {
    strategy::page(views).context
}

/// The kinds of post snippet the `wanted` pages are made of (`calendar`: whether a
/// calendar month is wanted).
fn snippets_needed(views: &Views<'_>, wanted: &dyn Fn(&str) -> bool, calendar: bool) -> Vec<Snippet> {
    let mut kinds = Vec::new();
    if wanted("posts.html") || wanted("index.html") {
        kinds.push(Snippet::RootRow);
    }
    let posts_continue = wanted("posts.html") && paged::page_count(views.project().posts.len()) > 1;
    if calendar || posts_continue || lists::entity_paths(views).iter().any(|p| wanted(p)) {
        kinds.push(Snippet::NestedRow);
    }
    if calendar {
        kinds.push(Snippet::CalendarEntry);
    }
    kinds
}

/// A navigation entry.
#[derive(Serialize)]
struct NavItem {
    href: String,
    label: String,
    active: bool,
}

/// Site-wide facts for the header and footer.
#[derive(Serialize)]
struct SiteInfo<'a> {
    name: &'a str,
    client: Option<&'a str>,
    language: &'static str,
    today: String,
    timezone: &'static str,
    /// `[brand]`: colours, logo and footer line; `None` keeps the neutral theme.
    brand: Option<crate::brand::BrandView>,
}

/// The part of the shared context that is the same on every page: `t`, `site`, `build`.
pub(super) fn site_context(renderer: &Renderer<'_>) -> Context {
    let project = &renderer.checked().project;
    let lang = renderer.lang();
    let mut context = Context::new();
    context.insert("t", renderer.words().site());
    context.insert(
        "site",
        &SiteInfo {
            name: &project.config.name,
            client: project.config.client.as_deref(),
            language: lang.code(),
            today: date_long(lang, renderer.today()),
            timezone: project.config.timezone.name(),
            brand: crate::brand::brand_of(project).map(|(view, _)| view),
        },
    );
    context.insert("build", &Summary::of(&renderer.checked().diagnostics));
    context.insert("since", &renderer.changes().map(|c| c.rev.as_str()));
    context
}

/// Adds what differs per page to a [`site_context`] held in `scratch`: `root`,
/// `page_path` and `nav` (left as it is when the previous page was of the same section).
pub(super) fn set_page_keys(renderer: &Renderer<'_>, path: &str, scratch: &mut Scratch) {
    let context = &mut scratch.context;
    context.insert("root", &root_prefix(path));
    context.insert("page_path", path);
    let section = section_of(path);
    if scratch.nav_section.as_deref() != Some(section) {
        context.insert("nav", &nav(renderer, section));
        scratch.nav_section = Some(section.to_owned());
    }
}

fn nav(renderer: &Renderer<'_>, section: &str) -> Vec<NavItem> {
    let entries = [
        ("overview", "index.html".to_owned()),
        ("calendar", renderer.calendar_href.clone()),
        ("posts", "posts.html".to_owned()),
        ("review", review::PATH.to_owned()),
        ("platforms", "platforms.html".to_owned()),
        ("campaigns", "campaigns.html".to_owned()),
        ("personas", "personas.html".to_owned()),
        ("pillars", "pillars.html".to_owned()),
        ("strategy", "strategy.html".to_owned()),
        ("comments", "comments.html".to_owned()),
        ("report", "report.html".to_owned()),
        ("diagnostics", "diagnostics.html".to_owned()),
        ("changes", "changes.html".to_owned()),
    ];
    let shown = entries.len() - usize::from(renderer.changes().is_none());
    entries
        .into_iter()
        .take(shown)
        .map(|(key, href)| NavItem {
            href,
            label: renderer.words().label(key).unwrap_or(key).to_owned(),
            active: key == section,
        })
        .collect()
}

/// The nav section a page belongs to: `posts/a.html` → "posts", `index.html` → "overview".
fn section_of(path: &str) -> &str {
    let first = path.split('/').next().unwrap_or_default();
    let first = first.strip_suffix(".html").unwrap_or(first);
    match first {
        "index" => "overview",
        "crisis" => "posts",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels looked up by a computed key (`status_review`, `kpi_reach`, ...): a missing one
    /// would silently show the bare key, an English word on a German page.
    #[test]
    fn every_computed_label_exists_in_both_languages() {
        use crate::lang::words::builtin;
        use crate::platform::Unit;
        let units = [
            Unit::Weighted,
            Unit::Graphemes,
            Unit::MastodonGraphemes,
            Unit::CodePoints,
            Unit::CodePointsEmojiAsBytes,
            Unit::Utf16Units,
            Unit::Utf8Bytes,
        ];
        let mut keys: Vec<String> = crate::model::Status::ALL
            .iter()
            .map(|s| format!("status_{}", s.name()))
            .collect();
        keys.extend(crate::since::FIELDS.iter().map(|f| format!("field_{f}")));
        keys.extend(crate::model::KPIS.iter().map(|k| format!("kpi_{k}")));
        keys.extend(["week", "month", "quarter"].iter().map(|p| format!("per_{p}")));
        keys.extend(
            crate::content::planning::FUNNEL_STAGES
                .iter()
                .map(|s| format!("funnel_{s}")),
        );
        keys.extend(units.iter().map(|u| format!("unit_{}", platforms::unit_key(*u))));
        for lang in [crate::lang::Lang::En, crate::lang::Lang::De] {
            let words = builtin(lang);
            for key in &keys {
                assert!(words.label(key).is_some(), "{lang:?} has no label {key}");
            }
        }
    }

    #[test]
    fn sections_follow_the_first_path_segment() {
        assert_eq!(section_of("index.html"), "overview");
        assert_eq!(section_of("posts/2026/a.html"), "posts");
        assert_eq!(section_of("crisis/a.html"), "posts");
        assert_eq!(section_of("calendar/2026-12.html"), "calendar");
        assert_eq!(section_of("strategy.html"), "strategy");
    }
}
