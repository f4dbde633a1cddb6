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

/// The list and entity pages `wanted` accepts; the others are not even prepared.
pub fn pages(views: &Views<'_>, wanted: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Page> {
    let project = views.project();
    let mut pages = Vec::new();
    if wanted("posts.html") {
        pages.push(posts_page(views));
    }
    let platforms = platforms::platforms_in_use(views);
    if wanted("platforms.html") {
        let items = platforms
            .iter()
            .map(|p| platforms::platform_item(views, *p))
            .collect();
        pages.push(list_page(views, "platforms.html", "platforms", items));
    }
    let platforms = platforms
        .iter()
        .filter(|p| wanted(&format!("platforms/{}.html", p.name())));
    pages.extend(platforms.map(|p| platforms::platform_page(views, *p)));
    if wanted("campaigns.html") {
        let items = project
            .campaigns
            .iter()
            .map(|c| campaigns::campaign_item(views, c))
            .collect();
        pages.push(list_page(views, "campaigns.html", "campaigns", items));
    }
    let campaigns = project
        .campaigns
        .iter()
        .filter(|c| wanted(&format!("campaigns/{}.html", c.id)));
    pages.extend(campaigns.map(|c| campaigns::campaign_page(views, c)));
    if wanted("personas.html") {
        let items = project
            .personas
            .iter()
            .map(|p| personas::persona_item(views, p))
            .collect();
        pages.push(list_page(views, "personas.html", "personas", items));
    }
    let personas = project
        .personas
        .iter()
        .filter(|p| wanted(&format!("personas/{}.html", p.id)));
    pages.extend(personas.map(|p| personas::persona_page(views, p)));
    let pillars = &project.strategy.pillars;
    if wanted("pillars.html") {
        let items = pillars.iter().map(|p| pillars::pillar_item(views, p)).collect();
        pages.push(list_page(views, "pillars.html", "pillars", items));
    }
    let pillars = pillars
        .iter()
        .filter(|p| wanted(&format!("pillars/{}.html", p.id.value)));
    pages.extend(pillars.map(|p| pillars::pillar_page(views, p)));
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
