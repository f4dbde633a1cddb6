//! `crisis.html`: the emergency plan on one printed A4 page — who to call, what to say
//! (the pre-approved holding statements), what to stop (the paused channels), and the
//! escalation levels. Written for the moment it is needed, not for browsing.

use serde::Serialize;
use tera::Context;

use super::page::Page;
use crate::compose::text::markdown_to_plain;
use crate::content::crisis_plan::{Contact, Level};
use crate::lang::format::date_long;
use crate::site::views::{Views, post_path};

/// A holding statement as printed.
#[derive(Serialize)]
struct Statement {
    href: String,
    title: String,
    scenario: String,
    platforms: Vec<&'static str>,
    text: String,
}

/// Whether the site has a crisis page: a plan or a holding statement exists.
pub(super) fn exists(views: &Views<'_>) -> bool {
    let project = views.project();
    project.crisis_plan.is_some() || !project.crisis.is_empty()
}

/// The crisis page.
pub(super) fn page(views: &Views<'_>) -> Page {
    let project = views.project();
    let plan = project.crisis_plan.as_ref();
    let mut context = Context::new();
    let contacts: &[Contact] = plan.map_or(&[], |p| &p.contacts);
    let levels: &[Level] = plan.map_or(&[], |p| &p.levels);
    let pause: Vec<&str> = plan.map_or(Vec::new(), |p| {
        p.pause.iter().map(|c| c.value.display_name()).collect()
    });
    context.insert("contacts", contacts);
    context.insert("levels", levels);
    context.insert("pause", &pause);
    context.insert("active", &project.config.crisis_active);
    context.insert(
        "reviewed",
        &plan
            .and_then(|p| p.reviewed.as_ref())
            .map(|d| date_long(views.lang, d.value)),
    );
    let statements: Vec<Statement> = project
        .crisis
        .iter()
        .map(|s| Statement {
            href: post_path(s),
            title: s.title.value.clone(),
            scenario: s.scenario.clone().unwrap_or_default(),
            platforms: s.platforms.iter().map(|p| p.value.display_name()).collect(),
            text: markdown_to_plain(&s.body),
        })
        .collect();
    context.insert("statements", &statements);
    Page::new("crisis.html", "crisis.html", context)
}
