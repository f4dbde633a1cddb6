//! `index.html`: what is due this week, what is broken, where the pipeline stands,
//! and the plan's key figures at a glance.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration};
use serde::Serialize;
use tera::Context;

use super::page::Page;
use crate::diagnostic::Severity;
use crate::lang::format::{date_short, number, percent};
use crate::model::{Goal, Status};
use crate::report::Report;
use crate::site::tables::Snippet;
use crate::site::views::{StatusView, Views, severity_name};

/// A step of the status pipeline.
#[derive(Serialize)]
struct Step {
    status: StatusView,
    count: usize,
}

/// One rule's findings in the summary.
#[derive(Serialize)]
struct RuleCount {
    rule: &'static str,
    severity: &'static str,
    severity_label: String,
    count: usize,
}

/// A key figure.
#[derive(Serialize)]
struct Figure {
    label: String,
    value: String,
}

/// A goal with its KPI and target (and, on the overview, how far it has got).
#[derive(Serialize)]
pub(super) struct GoalView {
    pub id: String,
    pub name: String,
    pub kpi: String,
    pub target: String,
    pub period: Option<String>,
    pub range: Option<String>,
    pub platforms: Vec<crate::site::views::Chip>,
    pub progress: Option<Progress>,
}

/// How far a goal has got, from the metrics.
#[derive(Serialize)]
pub(super) struct Progress {
    pub actual: String,
    pub percent: String,
    pub width: f64,
    pub met: bool,
}

/// The overview page.
pub(super) fn page(views: &Views<'_>, report: &Report) -> Page {
    let project = views.project();
    let today = views.today;
    let week_end = today + Duration::days(6);
    // Like the `past-due` rule: a past post is settled only once published or cancelled.
    let needs_action = |s: Status| !matches!(s, Status::Published | Status::Cancelled);
    let due = views.tables.table(
        Snippet::RootRow,
        project.posts.iter().filter(|p| {
            p.status.value != Status::Cancelled
                && p.time()
                    .is_some_and(|t| (today..=week_end).contains(&t.date_naive()))
        }),
    );
    let overdue = views.tables.table(
        Snippet::RootRow,
        project
            .posts
            .iter()
            .filter(|p| needs_action(p.status.value) && p.time().is_some_and(|t| t.date_naive() < today)),
    );
    let unscheduled = views.tables.table(
        Snippet::RootRow,
        project.posts.iter().filter(|p| p.time().is_none()),
    );
    let mut context = Context::new();
    context.insert(
        "week",
        &format!(
            "{} – {}",
            date_short(views.lang, today),
            date_short(views.lang, week_end)
        ),
    );
    context.insert("due", &due);
    context.insert("overdue", &overdue);
    context.insert("unscheduled", &unscheduled);
    context.insert("pipeline", &pipeline(views));
    context.insert("in_review", &in_review(views));
    context.insert("rules", &rule_counts(views));
    context.insert("figures", &figures(views));
    let mut goals = goal_views(views);
    add_progress(views, &mut goals, report);
    context.insert("goals", &goals);
    context.insert("has_metrics", &report.has_data);
    context.insert("crisis", &views.tables.table(Snippet::RootRow, &project.crisis));
    context.insert("general_diagnostics", &general_diagnostics(views));
    Page::new("index.html", "index.html", context)
}

fn pipeline(views: &Views<'_>) -> Vec<Step> {
    let posts = &views.project().posts;
    Status::ALL
        .into_iter()
        .map(|status| Step {
            status: views.status(status),
            count: posts.iter().filter(|p| p.status.value == status).count(),
        })
        .collect()
}

/// How many posts wait for the client on the review page.
fn in_review(views: &Views<'_>) -> usize {
    let project = views.project();
    project
        .posts
        .iter()
        .filter(|p| p.status.value == Status::Review)
        .count()
}

/// Findings per rule, errors first, then by count.
fn rule_counts(views: &Views<'_>) -> Vec<RuleCount> {
    let mut counts: BTreeMap<(Severity, &'static str), usize> = BTreeMap::new();
    for d in &views.checked.diagnostics {
        *counts.entry((d.severity, d.rule)).or_default() += 1;
    }
    let mut rows: Vec<RuleCount> = counts
        .into_iter()
        .map(|((severity, rule), count)| RuleCount {
            rule,
            severity: severity_name(severity),
            severity_label: views.t(severity_name(severity)),
            count,
        })
        .collect();
    rows.sort_by(|a, b| {
        a.severity
            .cmp(b.severity)
            .then(b.count.cmp(&a.count))
            .then(a.rule.cmp(b.rule))
    });
    rows
}

fn figures(views: &Views<'_>) -> Vec<Figure> {
    let project = views.project();
    let today = views.today;
    let lang = views.lang;
    let this_month = project
        .posts
        .iter()
        .filter(|p| p.status.value != Status::Cancelled)
        .filter_map(|p| p.time())
        .filter(|t| t.year() == today.year() && t.month() == today.month())
        .count();
    let running = project
        .campaigns
        .iter()
        .filter(|c| c.start.is_none_or(|s| s <= today) && c.end.is_none_or(|e| e >= today))
        .count();
    let publishable = project
        .posts
        .iter()
        .filter(|p| p.status.value.is_publishable())
        .count();
    let share = if project.posts.is_empty() {
        0.0
    } else {
        publishable as f64 / project.posts.len() as f64
    };
    let figure = |key: &str, value: String| Figure {
        label: views.t(key),
        value,
    };
    vec![
        figure("fig_posts", number(lang, project.posts.len() as f64)),
        figure("fig_this_month", number(lang, this_month as f64)),
        figure("fig_ready", percent(lang, share)),
        figure("fig_campaigns_running", number(lang, running as f64)),
        figure(
            "fig_platforms",
            number(lang, project.config.platforms.len() as f64),
        ),
        figure("fig_personas", number(lang, project.personas.len() as f64)),
    ]
}

/// Goals as the overview and the strategy document show them.
pub(super) fn goal_views(views: &Views<'_>) -> Vec<GoalView> {
    views
        .project()
        .strategy
        .goals
        .iter()
        .map(|g| goal_view(views, g))
        .collect()
}

fn goal_view(views: &Views<'_>, goal: &Goal) -> GoalView {
    let lang = views.lang;
    let target = if goal.kpi == "engagement_rate" {
        percent(lang, goal.target)
    } else {
        number(lang, goal.target)
    };
    let range = match (goal.from, goal.to) {
        (Some(from), Some(to)) => Some(format!("{} – {}", date_short(lang, from), date_short(lang, to))),
        (Some(from), None) => Some(format!("{} {}", views.t("from"), date_short(lang, from))),
        (None, Some(to)) => Some(format!("{} {}", views.t("until"), date_short(lang, to))),
        (None, None) => None,
    };
    GoalView {
        id: goal.id.clone(),
        name: goal.name.clone(),
        kpi: views.t(&format!("kpi_{}", goal.kpi)),
        target,
        period: goal.period.as_ref().map(|p| views.t(&format!("per_{p}"))),
        range,
        platforms: goal.platforms.iter().map(|p| views.chip(*p)).collect(),
        progress: None,
    }
}

/// Adds each goal's progress from the performance report, where metrics measure it.
fn add_progress(views: &Views<'_>, goals: &mut [GoalView], report: &Report) {
    if !report.has_data {
        return;
    }
    for goal in goals.iter_mut() {
        let Some(kpi) = report.kpis.iter().find(|k| k.id == goal.id) else {
            continue;
        };
        let (Some(actual), Some(progress)) = (kpi.actual, kpi.progress) else {
            continue;
        };
        let actual = if kpi.kpi == "engagement_rate" {
            percent(views.lang, actual)
        } else {
            number(views.lang, actual)
        };
        goal.progress = Some(Progress {
            actual,
            percent: percent(views.lang, progress),
            width: (progress.clamp(0.0, 1.0) * 100.0).round(),
            met: kpi.met,
        });
    }
}

/// Findings in files that have no page of their own (config, metrics, ...).
fn general_diagnostics(views: &Views<'_>) -> Vec<crate::site::views::DiagView> {
    views
        .checked
        .diagnostics
        .iter()
        .filter(|d| views.page_of(&d.file).is_none_or(|p| p == "index.html"))
        .map(|d| views.diagnostic(d))
        .collect()
}
