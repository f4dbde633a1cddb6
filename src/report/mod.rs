//! The performance report: how the plan performed, from the rows under `metrics/`.
//!
//! [`build_report`] turns joined metric rows ([`crate::metrics::join_metrics`]) into
//! a [`Report`]: aggregates per platform, pillar, persona, campaign, ISO week and
//! month; the pillar mix against its targets; KPI progress per strategy goal; top
//! and bottom posts; a weekday × hour heatmap; follower growth; and every chart as
//! an SVG string with the table behind it. [`report_context`] hands it to the
//! `report.html` template.
//!
//! Definitions (also on the page and in docs/report.md): see [`measure`] for the
//! latest-row rule and the engagement rate, [`kpi`] for goal periods.

pub(crate) mod budget;
pub(crate) mod charts;
pub(crate) mod figures;
pub(crate) mod followers;
pub(crate) mod groups;
pub(crate) mod kpi;
pub(crate) mod measure;
pub(crate) mod networks;
pub(crate) mod ranking;
pub(crate) mod reconcile;
pub(crate) mod timing;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::metrics::MetricRecord;
use crate::model::Project;

use crate::lang::Words;
use crate::lang::format::{date_short, number};
use crate::lang::words::ReportWords;
use figures::{Chart, Inputs};
use followers::FollowerGrowth;
use groups::{Group, PillarMix};
use kpi::KpiProgress;
use measure::Sums;
use ranking::PostPerformance;
use timing::Heatmap;

/// Everything `report.html` shows, serialisable for templates and JSON.
#[derive(Debug, Serialize)]
pub(crate) struct Report<'w> {
    /// The page's words in the project's language.
    pub words: &'w ReportWords,
    /// Whether any metric row was joined to a post.
    pub has_data: bool,
    /// First publish day of a measured post.
    pub from: Option<NaiveDate>,
    /// Last publish day of a measured post.
    pub to: Option<NaiveDate>,
    /// [`Report::from`] in the project's language ("Mar 17, 2027" / "17.03.2027").
    pub from_display: Option<String>,
    /// [`Report::to`] in the project's language.
    pub to_display: Option<String>,
    /// Distinct measured posts.
    pub posts_measured: usize,
    /// "1 post", "12 posts" / "1 Beitrag", "12 Beiträge".
    pub posts_measured_display: String,
    /// Figures over every measured (post, platform).
    pub totals: Sums,
    /// The headline numbers as cards.
    pub cards: Vec<Card>,
    /// Per platform.
    pub by_platform: Vec<Group>,
    /// Per pillar.
    pub by_pillar: Vec<Group>,
    /// Per persona (a post counts for each of its personas).
    pub by_persona: Vec<Group>,
    /// Per campaign.
    pub by_campaign: Vec<Group>,
    /// Budget against results per campaign with a budget or spend.
    pub budgets: Vec<budget::Budget>,
    /// Per ISO week of publishing.
    pub by_week: Vec<Group>,
    /// Per month of publishing.
    pub by_month: Vec<Group>,
    /// The same six breakdowns with their headings, for the page.
    pub breakdowns: Vec<Breakdown>,
    /// Pillar shares of the measured posts against the targets.
    pub pillar_mix: Vec<PillarMix>,
    /// Progress per strategy goal.
    pub kpis: Vec<KpiProgress>,
    /// Every measured post, by id.
    pub posts: Vec<PostPerformance>,
    /// Best posts by engagement rate.
    pub top_posts: Vec<PostPerformance>,
    /// Weakest posts by engagement rate, weakest first.
    pub bottom_posts: Vec<PostPerformance>,
    /// Engagement rate by weekday and hour of publishing.
    pub heatmap: Heatmap,
    /// Follower counts per platform.
    pub followers: Vec<FollowerGrowth>,
    /// Every chart with its data table.
    pub charts: Vec<Chart>,
    /// The networks' own engagement figures beside Touchpoint's, where exports carry them.
    pub reconciliations: Vec<reconcile::Reconciliation>,
    /// Each network's common and own headline figures.
    pub networks: Vec<networks::Network>,
    /// Video KPIs for the networks that report watch time or completion.
    pub video: Vec<networks::VideoKpis>,
    /// Followers gained and lost per network.
    pub follower_flows: Vec<networks::FollowerFlow>,
}

/// A headline number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Card {
    /// What it counts.
    pub label: String,
    /// The number, formatted.
    pub value: String,
}

/// One breakdown table for the page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Breakdown {
    /// `platform`, `pillar`, `persona`, `campaign`, `week`, `month`.
    pub id: &'static str,
    /// Heading and first column's title.
    pub title: String,
    /// The rows.
    pub groups: Vec<Group>,
}

/// Builds the report from joined rows (`post` set). Only the latest row per
/// (post, platform) counts for the figures; every row counts for follower growth.
pub(crate) fn build_report<'w>(
    project: &Project,
    records: &[MetricRecord],
    words: &'w Words,
    today: NaiveDate,
) -> Report<'w> {
    let lang = words.lang();
    let rows = measure::latest_rows(project, records);
    let totals = Sums::of(rows.iter().map(|r| r.record)).shown(lang);
    let by_platform = groups::by_platform(&rows, lang);
    let by_pillar = groups::by_pillar(project, &rows, words);
    let by_persona = groups::by_persona(project, &rows, words);
    let by_campaign = groups::by_campaign(project, &rows, words);
    let budgets = budget::budgets(project, &by_campaign, today);
    let by_week = groups::by_week(&rows, lang);
    let by_month = groups::by_month(&rows, lang);
    let pillar_mix = groups::pillar_mix(project, &rows, words);
    let mut kpis = kpi::progress(&project.strategy.goals, &rows, records, lang);
    for k in &mut kpis {
        // The site's period words, the key itself where a theme has none.
        k.period_display = k
            .period
            .as_ref()
            .map(|p| words.label(&format!("per_{p}")).unwrap_or(p).to_owned());
    }
    let posts = ranking::post_performance(&rows, lang);
    let (top_posts, bottom_posts) = ranking::top_and_bottom(&posts);
    let heatmap = timing::heatmap(&rows, words);
    let followers = followers::follower_growth(records, lang);
    let reconciliations = reconcile::reconcile(&rows, words);
    let follower_flows = networks::follower_flows(records, &rows, lang);
    let networks = networks::networks(&by_platform, &rows, &follower_flows, words);
    let video = networks::video_kpis(&rows, lang);
    let charts = figures::charts(
        &Inputs {
            rows: &rows,
            by_platform: &by_platform,
            by_pillar: &by_pillar,
            mix: &pillar_mix,
            heatmap: &heatmap,
            kpis: &kpis,
            followers: &followers,
        },
        words,
    );
    let posts_measured = rows
        .iter()
        .map(|r| r.post.id.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let breakdowns = vec![
        breakdown("platform", &words.report().platform, &by_platform),
        breakdown("pillar", &words.report().pillar, &by_pillar),
        breakdown("persona", &words.report().persona, &by_persona),
        breakdown("campaign", &words.report().campaign, &by_campaign),
        breakdown("week", &words.report().week, &by_week),
        breakdown("month", &words.report().month, &by_month),
    ];
    let from = rows.iter().filter_map(|r| r.day).min();
    let to = rows.iter().filter_map(|r| r.day).max();
    Report {
        words: words.report(),
        has_data: !rows.is_empty(),
        from,
        to,
        from_display: from.map(|d| date_short(lang, d)),
        to_display: to.map(|d| date_short(lang, d)),
        posts_measured,
        posts_measured_display: words.plural("posts", posts_measured as f64),
        cards: cards(words, posts_measured, &totals, &followers),
        totals,
        by_platform,
        by_pillar,
        by_persona,
        by_campaign,
        budgets,
        by_week,
        by_month,
        breakdowns,
        pillar_mix,
        kpis,
        posts,
        top_posts,
        bottom_posts,
        heatmap,
        followers,
        charts,
        reconciliations,
        networks,
        video,
        follower_flows,
    }
}

/// The metric rows a report over `from`–`to` (inclusive; either open) counts: rows of
/// posts published in the period (the day the report places each post on, see
/// [`measure::latest_rows`]) and follower rows dated in it. Without a period, every row.
/// The HTML report and `report.pdf` both take their rows from here, so they agree.
pub(crate) fn records_in_period(
    project: &Project,
    records: &[MetricRecord],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<MetricRecord> {
    let inside = |day: Option<NaiveDate>| {
        day.is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t))
    };
    if from.is_none() && to.is_none() {
        return records.to_vec();
    }
    let days: std::collections::HashMap<(&str, crate::platform::Platform), Option<NaiveDate>> =
        measure::latest_rows(project, records)
            .iter()
            .map(|r| ((r.post.id.as_str(), r.platform), r.day))
            .collect();
    records
        .iter()
        .filter(|record| match record.post.as_deref() {
            Some(post) => inside(days.get(&(post, record.platform)).copied().flatten()),
            None => inside(record.date),
        })
        .cloned()
        .collect()
}

/// A breakdown for the page.
fn breakdown(id: &'static str, title: &str, groups: &[Group]) -> Breakdown {
    Breakdown {
        id,
        title: title.to_owned(),
        groups: groups.to_vec(),
    }
}

/// The headline cards.
fn cards(words: &Words, posts: usize, totals: &Sums, followers: &[FollowerGrowth]) -> Vec<Card> {
    let card = |label: &str, value: String| Card {
        label: label.to_owned(),
        value,
    };
    let mut cards = vec![
        card(
            &capitalised(&words.plural_word("posts", posts as f64)),
            number(words.lang(), posts as f64),
        ),
        card(&words.report().impressions, totals.display.impressions.clone()),
        card(&words.report().reach, totals.display.reach.clone()),
        card(&words.report().engagements, totals.display.engagements.clone()),
        card(
            &words.report().engagement_rate,
            totals.display.engagement_rate.clone(),
        ),
        card(&words.report().clicks, totals.display.clicks.clone()),
    ];
    if !followers.is_empty() {
        cards.push(card(
            &words.report().follower_change,
            followers::total_change_display(words.lang(), followers),
        ));
    }
    cards
}

/// `text` with its first letter in upper case: "posts" → "Posts" for a card's label.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The template context: `report` is the serialised [`Report`]. The site adds
/// `project` and whatever its base template needs.
pub(crate) fn report_context(report: &Report<'_>) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("report", report);
    context
}

#[cfg(test)]
mod tests;
