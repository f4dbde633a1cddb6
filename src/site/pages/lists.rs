//! The list pages (`posts.html`, `platforms.html`, `campaigns.html`, `personas.html`,
//! `pillars.html`) and the entity pages they lead to.

use tera::Context;

use super::page::{Item, Lazy, Page, lazy, sorted};
use super::paged::{List, PagedList};
use super::{campaigns, personas, pillars, platforms};
use crate::model::Status;
use crate::site::tables::Snippet;
use crate::site::views::{Chip, Views};

/// The list and entity pages `wanted` accepts, each a job of its own.
pub(super) fn jobs<'v>(views: &'v Views<'_>, wanted: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Lazy<'v>> {
    let project = views.project();
    let mut jobs = Vec::new();
    if wanted("posts.html") {
        jobs.push(lazy(move || posts_pages(views)));
    }
    let in_use = platforms::platforms_in_use(views);
    if wanted("platforms.html") {
        let items: Vec<Item> = in_use
            .iter()
            .map(|p| platforms::platform_item(views, *p))
            .collect();
        jobs.push(lazy(move || {
            vec![list_page(views, "platforms.html", "platforms", items)]
        }));
    }
    for platform in in_use {
        if wanted(&format!("platforms/{}.html", platform.name())) {
            jobs.push(lazy(move || platforms::platform_pages(views, platform)));
        }
    }
    if wanted("campaigns.html") {
        jobs.push(lazy(move || {
            let items = project
                .campaigns
                .iter()
                .map(|c| campaigns::campaign_item(views, c))
                .collect();
            vec![list_page(views, "campaigns.html", "campaigns", items)]
        }));
    }
    for campaign in &project.campaigns {
        if wanted(&format!("campaigns/{}.html", campaign.id)) {
            jobs.push(lazy(move || campaigns::campaign_pages(views, campaign)));
        }
    }
    if wanted("personas.html") {
        jobs.push(lazy(move || {
            let items = project
                .personas
                .iter()
                .map(|p| personas::persona_item(views, p))
                .collect();
            vec![list_page(views, "personas.html", "personas", items)]
        }));
    }
    for persona in &project.personas {
        if wanted(&format!("personas/{}.html", persona.id)) {
            jobs.push(lazy(move || personas::persona_pages(views, persona)));
        }
    }
    if wanted("pillars.html") {
        jobs.push(lazy(move || {
            let items = project
                .strategy
                .pillars
                .iter()
                .map(|p| pillars::pillar_item(views, p))
                .collect();
            vec![list_page(views, "pillars.html", "pillars", items)]
        }));
    }
    for pillar in &project.strategy.pillars {
        if wanted(&format!("pillars/{}.html", pillar.id.value)) {
            jobs.push(lazy(move || pillars::pillar_pages(views, pillar)));
        }
    }
    jobs
}

/// The paths of the pages of single platforms, campaigns, personas and pillars.
pub(super) fn entity_paths(views: &Views<'_>) -> Vec<String> {
    let project = views.project();
    let platforms = platforms::platforms_in_use(views)
        .into_iter()
        .map(|p| format!("platforms/{}.html", p.name()));
    let campaigns = project
        .campaigns
        .iter()
        .map(|c| format!("campaigns/{}.html", c.id));
    let personas = project.personas.iter().map(|p| format!("personas/{}.html", p.id));
    let pillars = project
        .strategy
        .pillars
        .iter()
        .map(|p| format!("pillars/{}.html", p.id.value));
    platforms
        .chain(campaigns)
        .chain(personas)
        .chain(pillars)
        .collect()
}

/// `posts.html` and, for a long plan, its continuation pages; holding statements are
/// listed on every page (there are few, and they matter most in a hurry).
fn posts_pages<'v>(views: &'v Views<'_>) -> impl Iterator<Item = Page> + Send + 'v {
    let mut context = Context::new();
    let tables = &views.tables;
    context.insert("crisis", &tables.table(Snippet::RootRow, &views.project().crisis));
    let platforms: Vec<Chip> = platforms::platforms_in_use(views)
        .into_iter()
        .map(|p| views.chip(p))
        .collect();
    context.insert("platforms", &platforms);
    let statuses: Vec<_> = Status::ALL.into_iter().map(|s| views.status(s)).collect();
    context.insert("statuses", &statuses);
    PagedList {
        list: List::Posts,
        template: "posts.html",
        context,
        first_kind: Snippet::RootRow,
        posts: sorted(&views.project().posts),
    }
    .pages(tables)
}

fn list_page(views: &Views<'_>, path: &str, key: &str, items: Vec<Item>) -> Page {
    let mut context = Context::new();
    context.insert("title", &views.t(key));
    context.insert("intro", &views.t(&format!("{key}_intro")));
    context.insert("items", &items);
    Page::new(path, "list.html", context)
}
