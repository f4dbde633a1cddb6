//! `pillars/ID.html`: a content pillar's target share against the share planned, with its posts.

use serde::Serialize;
use tera::Context;

use super::page::{Item, posts_where};
use super::page::{Page, sorted};
use super::paged::{List, PagedList};
use crate::lang::format::percent;
use crate::model::{Pillar, Post, Status};
use crate::site::paths::href;
use crate::site::tables::Snippet;
use crate::site::views::Views;

fn in_pillar<'a>(pillar: &'a Pillar) -> impl Fn(&Post) -> bool + 'a {
    move |p| p.pillar.as_ref().is_some_and(|x| x.value == pillar.id.value)
}

/// A pillar with its target and planned share.
#[derive(Serialize)]
pub(super) struct PillarView {
    name: String,
    href: String,
    description: Option<String>,
    target: String,
    target_width: f64,
    planned: String,
    planned_width: f64,
    posts: usize,
}

/// Posts that count towards the mix: not cancelled.
fn counts_for_mix(post: &Post) -> bool {
    post.status.value != Status::Cancelled
}

pub(super) fn pillar_view(views: &Views<'_>, pillar: &Pillar) -> PillarView {
    let counted: Vec<&Post> = views
        .project()
        .posts
        .iter()
        .filter(|p| counts_for_mix(p))
        .collect();
    let with_pillar = counted.iter().filter(|p| p.pillar.is_some()).count();
    let mine = counted.iter().filter(|p| in_pillar(pillar)(p)).count();
    let planned = if with_pillar == 0 {
        0.0
    } else {
        mine as f64 / with_pillar as f64
    };
    PillarView {
        name: pillar.name.clone(),
        href: href(&format!("pillars/{}.html", pillar.id.value)),
        description: pillar.description.clone(),
        target: percent(views.lang, pillar.share),
        target_width: (pillar.share.clamp(0.0, 1.0) * 100.0).round(),
        planned: percent(views.lang, planned),
        planned_width: (planned * 100.0).round(),
        posts: mine,
    }
}

pub(super) fn pillar_item(views: &Views<'_>, pillar: &Pillar) -> Item {
    let view = pillar_view(views, pillar);
    Item {
        href: view.href,
        label: view.name,
        detail: Some(format!(
            "{} {} · {} {}",
            views.t("target"),
            view.target,
            views.t("planned"),
            view.planned
        )),
        chips: Vec::new(),
        posts: view.posts,
    }
}

pub(super) fn pillar_pages<'v>(
    views: &'v Views<'_>,
    pillar: &'v Pillar,
) -> impl Iterator<Item = Page> + Send + 'v {
    let mut context = Context::new();
    context.insert("pillar", &pillar_view(views, pillar));
    PagedList {
        list: List::Pillar(&pillar.id.value),
        template: "pillar.html",
        context,
        first_kind: Snippet::NestedRow,
        posts: sorted(posts_where(views, in_pillar(pillar))),
    }
    .pages(&views.tables)
}
