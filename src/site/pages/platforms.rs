//! `platforms/NAME.html`: a network's account, what it accepts, its cadence and
//! posting windows, and the posts that go to it.

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::page::{Item, posts_where};
use super::page::{Page, sorted};
use super::paged::{List, PagedList};
use crate::lang::format::number;
use crate::platform::Platform;
use crate::site::paths::href;
use crate::site::tables::Snippet;
use crate::site::views::Views;

/// Platforms configured or used by a post, in the site's platform order.
pub(super) fn platforms_in_use(views: &Views<'_>) -> Vec<Platform> {
    let project = views.project();
    let used: BTreeSet<Platform> = project
        .config
        .platforms
        .keys()
        .copied()
        .chain(
            project
                .posts
                .iter()
                .flat_map(|p| p.platforms.iter().map(|s| s.value)),
        )
        .collect();
    Platform::ALL.into_iter().filter(|p| used.contains(p)).collect()
}

pub(super) fn platform_item(views: &Views<'_>, platform: Platform) -> Item {
    let handle = views
        .project()
        .config
        .platforms
        .get(&platform)
        .and_then(|c| c.handle.clone());
    Item {
        href: href(&format!("platforms/{}.html", platform.name())),
        label: platform.display_name().to_owned(),
        detail: handle,
        chips: vec![views.chip(platform)],
        posts: posts_where(views, move |p| p.has_platform(platform)).count(),
    }
}

/// A labelled value, e.g. a cadence target.
#[derive(Serialize)]
pub(super) struct Setting {
    pub(super) label: String,
    pub(super) value: String,
}

pub(super) fn platform_pages<'v>(
    views: &'v Views<'_>,
    platform: Platform,
) -> impl Iterator<Item = Page> + Send + 'v {
    let project = views.project();
    let mut context = Context::new();
    context.insert("platform", &views.chip(platform));
    let config = project.config.platforms.get(&platform);
    context.insert("handle", &config.and_then(|c| c.handle.clone()));
    context.insert("configured", &config.is_some());
    context.insert("limits", &limit_lines(views, platform));
    context.insert("cadence", &cadence_lines(views, platform));
    context.insert("windows", &window_lines(views, platform));
    PagedList {
        list: List::Platform(platform),
        template: "platform.html",
        context,
        first_kind: Snippet::NestedRow,
        posts: sorted(posts_where(views, move |p| p.has_platform(platform))),
    }
    .pages(&views.tables)
}

/// What the network accepts, from its spec (with the project's `max_chars` override).
fn limit_lines(views: &Views<'_>, platform: Platform) -> Vec<Setting> {
    let spec = crate::platform::spec(platform);
    let lang = views.lang;
    let n = |v: usize| number(lang, v as f64);
    let configured = views
        .project()
        .config
        .platforms
        .get(&platform)
        .and_then(|c| c.max_chars);
    let mut lines = Vec::new();
    let mut push = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            lines.push(Setting {
                label: views.t(key),
                value,
            });
        }
    };
    let unit = views
        .words
        .label(&format!("unit_{}", unit_key(spec.unit)))
        .unwrap_or_else(|| spec.unit.describe());
    push(
        "limit_text",
        configured
            .or(spec.text.map(|f| f.value))
            .map(|l| format!("{} {unit}", n(l))),
    );
    push("limit_hashtags", spec.max_hashtags.map(|f| n(f.value)));
    push("limit_title", spec.title.map(|f| n(f.value)));
    push("limit_fold", spec.fold.map(|f| n(f.value)));
    push(
        "limit_links_clickable",
        Some(views.t(if spec.links_clickable { "yes" } else { "no" })),
    );
    lines
}

/// The label key of a count unit: its serde name in snake case.
pub(super) fn unit_key(unit: crate::platform::Unit) -> String {
    serde_json::to_value(unit)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('-', "_")))
        .unwrap_or_default()
}

/// The cadence targets of a platform in words.
pub(super) fn cadence_lines(views: &Views<'_>, platform: Platform) -> Vec<Setting> {
    let Some(c) = views.project().strategy.cadence.get(&platform) else {
        return Vec::new();
    };
    let lang = views.lang;
    let n = |v: u32| number(lang, f64::from(v));
    let mut lines = Vec::new();
    let mut push = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            lines.push(Setting {
                label: views.t(key),
                value,
            });
        }
    };
    push("cadence_per_week", c.per_week.map(n));
    push("cadence_per_month", c.per_month.map(n));
    push("cadence_min_per_week", c.min_per_week.map(n));
    push("cadence_max_per_week", c.max_per_week.map(n));
    push("cadence_max_gap_days", c.max_gap_days.map(n));
    push(
        "cadence_min_spacing_hours",
        c.min_spacing_hours
            .map(|h| format!("{h}").replace('.', if lang == crate::lang::Lang::De { "," } else { "." })),
    );
    lines
}

/// The posting windows of a platform: "Mo–Fr 07:00–09:30".
pub(super) fn window_lines(views: &Views<'_>, platform: Platform) -> Vec<String> {
    views
        .project()
        .strategy
        .windows
        .iter()
        .filter(|w| w.platform == platform)
        .map(|w| {
            let days = if w.days.is_empty() {
                views.t("every_day")
            } else {
                w.days
                    .iter()
                    .map(|d| crate::lang::format::weekday_short(views.lang, *d))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!("{days}: {}–{}", w.from.format("%H:%M"), w.to.format("%H:%M"))
        })
        .collect()
}
