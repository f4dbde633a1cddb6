//! `strategy.html`: the client-facing strategy document (goals and KPIs, pillars and
//! mix, personas, cadence, campaigns, voice rules), laid out to print on A4.

use serde::Serialize;
use tera::Context;

use super::campaigns::campaign_view;
use super::overview::goal_views;
use super::page::Page;
use super::personas::persona_view;
use super::pillars::pillar_view;
use super::platforms::{Setting, cadence_lines, window_lines};
use crate::lang::format::percent;
use crate::platform::Platform;
use crate::site::views::{Chip, Views};

/// A platform's cadence and windows.
#[derive(Serialize)]
struct PlatformPlan {
    platform: Chip,
    handle: Option<String>,
    cadence: Vec<Setting>,
    windows: Vec<String>,
}

/// "Use X instead of Y".
#[derive(Serialize)]
struct Preference {
    use_word: String,
    instead_of: String,
    why: Option<String>,
}

/// UTM parameters as set.
#[derive(Serialize)]
struct UtmLine {
    key: &'static str,
    value: String,
}

/// The strategy document.
pub(super) fn page(views: &Views<'_>) -> Page {
    let project = views.project();
    let strategy = &project.strategy;
    let root = "";
    let mut context = Context::new();
    context.insert("goals", &goal_views(views));
    context.insert(
        "pillars",
        &strategy
            .pillars
            .iter()
            .map(|p| pillar_view(views, p))
            .collect::<Vec<_>>(),
    );
    context.insert("tolerance", &percent(views.lang, strategy.mix_tolerance));
    context.insert(
        "personas",
        &project
            .personas
            .iter()
            .map(|p| persona_view(views, p, root, 4))
            .collect::<Vec<_>>(),
    );
    context.insert(
        "campaigns",
        &project
            .campaigns
            .iter()
            .map(|c| campaign_view(views, c, root, 4))
            .collect::<Vec<_>>(),
    );
    context.insert("plans", &platform_plans(views));
    context.insert("matrix", &super::matrix::matrix(project));
    let stages: Vec<&str> = crate::content::planning::FUNNEL_STAGES
        .iter()
        .map(|s| views.words.label(&format!("funnel_{s}")).unwrap_or(s))
        .collect();
    context.insert("funnel_stages", &stages);
    context.insert("banned", &strategy.voice.banned);
    context.insert("required", &strategy.voice.required);
    let prefer: Vec<Preference> = strategy
        .voice
        .prefer
        .iter()
        .map(|p| Preference {
            use_word: p.use_word.clone(),
            instead_of: p.instead_of.clone(),
            why: p.why.clone(),
        })
        .collect();
    context.insert("prefer", &prefer);
    context.insert("disclosure", &strategy.disclosure_markers);
    context.insert("utm", &utm_lines(views));
    context.insert("diagnostics", &views.diagnostics_for("strategy.toml"));
    Page::new("strategy.html", "strategy.html", context)
}

fn platform_plans(views: &Views<'_>) -> Vec<PlatformPlan> {
    let project = views.project();
    Platform::ALL
        .into_iter()
        .filter(|p| project.config.platforms.contains_key(p) || project.strategy.cadence.contains_key(p))
        .map(|platform| PlatformPlan {
            platform: views.chip(platform),
            handle: project
                .config
                .platforms
                .get(&platform)
                .and_then(|c| c.handle.clone()),
            cadence: cadence_lines(views, platform),
            windows: window_lines(views, platform),
        })
        .collect()
}

fn utm_lines(views: &Views<'_>) -> Vec<UtmLine> {
    let Some(utm) = &views.project().strategy.utm else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (key, value) in [
        ("utm_source", &utm.source),
        ("utm_medium", &utm.medium),
        ("utm_campaign", &utm.campaign),
        ("utm_content", &utm.content),
    ] {
        if let Some(value) = value {
            lines.push(UtmLine {
                key,
                value: value.clone(),
            });
        }
    }
    if !utm.domains.is_empty() {
        lines.push(UtmLine {
            key: "domains",
            value: utm.domains.join(", "),
        });
    }
    lines
}
