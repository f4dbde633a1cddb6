//! The list pages (`posts.html`, `platforms.html`, `campaigns.html`, `personas.html`,
//! `pillars.html`) and the entity pages they lead to.

use serde::Serialize;
use tera::Context;

use super::{Page, campaigns, personas, pillars, platforms};
use crate::model::{Post, Status};
use crate::site::views::{Chip, Views};

/// One entry of a list page.
#[derive(Serialize)]
pub(super) struct Item {
    pub(super) href: String,
    pub(super) label: String,
    pub(super) detail: Option<String>,
    pub(super) chips: Vec<Chip>,
    pub(super) posts: usize,
}

/// All list and entity pages.
pub fn pages(views: &Views<'_>) -> Vec<Page> {
    let project = views.project();
    let mut pages = vec![posts_page(views)];
    let platforms = platforms::platforms_in_use(views);
    pages.push(list_page(
        views,
        "platforms.html",
        "platforms",
        platforms
            .iter()
            .map(|p| platforms::platform_item(views, *p))
            .collect(),
    ));
    pages.extend(platforms.iter().map(|p| platforms::platform_page(views, *p)));
    let campaign_items = project
        .campaigns
        .iter()
        .map(|c| campaigns::campaign_item(views, c))
        .collect();
    pages.push(list_page(views, "campaigns.html", "campaigns", campaign_items));
    pages.extend(
        project
            .campaigns
            .iter()
            .map(|c| campaigns::campaign_page(views, c)),
    );
    let persona_items = project
        .personas
        .iter()
        .map(|p| personas::persona_item(views, p))
        .collect();
    pages.push(list_page(views, "personas.html", "personas", persona_items));
    pages.extend(project.personas.iter().map(|p| personas::persona_page(views, p)));
    let pillar_items = project
        .strategy
        .pillars
        .iter()
        .map(|p| pillars::pillar_item(views, p))
        .collect();
    pages.push(list_page(views, "pillars.html", "pillars", pillar_items));
    pages.extend(
        project
            .strategy
            .pillars
            .iter()
            .map(|p| pillars::pillar_page(views, p)),
    );
    pages
}

fn posts_page(views: &Views<'_>) -> Page {
    let mut context = Context::new();
    context.insert("posts", &views.post_rows(&views.project().posts));
    context.insert("crisis", &views.post_rows(&views.project().crisis));
    let platforms: Vec<Chip> = platforms::platforms_in_use(views)
        .into_iter()
        .map(|p| views.chip(p))
        .collect();
    context.insert("platforms", &platforms);
    let statuses: Vec<_> = Status::ALL.into_iter().map(|s| views.status(s)).collect();
    context.insert("statuses", &statuses);
    Page::new("posts.html", "posts.html", context)
}

fn list_page(views: &Views<'_>, path: &str, key: &str, items: Vec<Item>) -> Page {
    let mut context = Context::new();
    context.insert("title", &views.t(key));
    context.insert("intro", &views.t(&format!("{key}_intro")));
    context.insert("items", &items);
    Page::new(path, "list.html", context)
}

pub(super) fn posts_where<'a>(
    views: &'a Views<'_>,
    keep: impl Fn(&Post) -> bool + 'a,
) -> impl Iterator<Item = &'a Post> + 'a {
    views.project().posts.iter().filter(move |p| keep(p))
}
