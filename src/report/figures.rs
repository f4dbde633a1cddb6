//! The report's charts, each with the table of the numbers it draws.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::charts::{self, BarSeries, Labels, Series, Unit};
use super::followers::FollowerGrowth;
use super::groups::{Group, PillarMix, week_start};
use super::kpi::KpiProgress;
use super::measure::{Measured, audience, engagements};
use super::timing::Heatmap;
use crate::lang::Words;
use crate::lang::format::{Lang, UNKNOWN, date_short, number, percent};
use crate::platform::Platform;

/// A table as the page shows it: header cells and rows of display strings.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct Table {
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows of cells, already formatted.
    pub rows: Vec<Vec<String>>,
}

/// A chart ready to inline: its SVG and the data behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Chart {
    /// Stable id (`reach`, `engagements`, `pillar-mix`, `rate-platform`,
    /// `rate-pillar`, `heatmap`, `kpis`, `followers`), used as the HTML anchor.
    pub id: &'static str,
    /// Title, also drawn in the chart.
    pub title: String,
    /// One sentence on what the chart shows.
    pub caption: String,
    /// The SVG document.
    pub svg: String,
    /// The numbers drawn.
    pub table: Table,
}

/// Everything the figures are drawn from.
pub(crate) struct Inputs<'a, 'r> {
    /// Latest row per (post, platform).
    pub rows: &'a [Measured<'r>],
    /// Per platform.
    pub by_platform: &'a [Group],
    /// Per pillar.
    pub by_pillar: &'a [Group],
    /// Pillar mix.
    pub mix: &'a [PillarMix],
    /// Weekday × hour.
    pub heatmap: &'a Heatmap,
    /// Goals.
    pub kpis: &'a [KpiProgress],
    /// Follower counts.
    pub followers: &'a [FollowerGrowth],
}

/// Draws every chart.
pub(crate) fn charts(inputs: &Inputs<'_, '_>, words: &Words) -> Vec<Chart> {
    let weekly = weekly_by_platform(inputs.rows);
    vec![
        over_time(&weekly, words, OverTime::Reach),
        over_time(&weekly, words, OverTime::Engagements),
        pillar_mix(inputs.mix, words),
        rate_chart(
            "rate-platform",
            words.report().chart_rate_platform.as_str(),
            words.report().caption_rate_platform.as_str(),
            words.report().platform.as_str(),
            inputs.by_platform,
            words,
        ),
        rate_chart(
            "rate-pillar",
            words.report().chart_rate_pillar.as_str(),
            words.report().caption_rate_pillar.as_str(),
            words.report().pillar.as_str(),
            inputs.by_pillar,
            words,
        ),
        heatmap(inputs.heatmap, words),
        kpis(inputs.kpis, words),
        followers(inputs.followers, words),
    ]
}

/// Σ audience and Σ engagements per (platform, Monday of the publish week).
type Weekly = BTreeMap<(Platform, NaiveDate), (Option<u64>, Option<u64>)>;

/// Sums the rows per platform and week.
fn weekly_by_platform(rows: &[Measured<'_>]) -> Weekly {
    let mut weekly = Weekly::new();
    for row in rows {
        let Some(day) = row.day else { continue };
        let entry = weekly.entry((row.platform, week_start(day))).or_default();
        let plus = |total: Option<u64>, value: Option<u64>| match (total, value) {
            (Some(t), Some(v)) => Some(t + v),
            (t, v) => t.or(v),
        };
        entry.0 = plus(entry.0, audience(row.record));
        entry.1 = plus(entry.1, engagements(row.record));
    }
    weekly
}

/// Which weekly figure a line chart shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OverTime {
    Reach,
    Engagements,
}

/// Reach or engagements per week, one line per platform; the table has a row per
/// week and a column per platform.
fn over_time(weekly: &Weekly, words: &Words, which: OverTime) -> Chart {
    let (id, title, caption, y) = match which {
        OverTime::Reach => (
            "reach",
            words.report().chart_reach.as_str(),
            words.report().caption_reach.as_str(),
            words.report().axis_audience.as_str(),
        ),
        OverTime::Engagements => (
            "engagements",
            words.report().chart_engagements.as_str(),
            words.report().caption_engagements.as_str(),
            words.report().engagements.as_str(),
        ),
    };
    let mut by_platform: BTreeMap<usize, (Platform, BTreeMap<NaiveDate, u64>)> = BTreeMap::new();
    for (&(platform, monday), &(reach, engaged)) in weekly {
        let value = if which == OverTime::Reach { reach } else { engaged };
        let Some(value) = value else { continue };
        let order = Platform::ALL.iter().position(|p| *p == platform).unwrap_or(99);
        by_platform
            .entry(order)
            .or_insert_with(|| (platform, BTreeMap::new()))
            .1
            .insert(monday, value);
    }
    let series: Vec<Series> = by_platform
        .values()
        .map(|(platform, points)| Series {
            name: platform.display_name().to_owned(),
            colour: platform_colour(*platform),
            points: points.iter().map(|(d, v)| (*d, *v as f64)).collect(),
        })
        .collect();
    let columns: Vec<(String, BTreeMap<NaiveDate, u64>)> = by_platform
        .into_values()
        .map(|(platform, points)| (platform.display_name().to_owned(), points))
        .collect();
    let table = pivot(words.lang(), words.report().axis_week.as_str(), &columns);
    let labels = Labels {
        title,
        x: words.report().axis_week.as_str(),
        y,
        empty: words.report().chart_empty.as_str(),
    };
    chart(
        id,
        caption,
        &labels,
        charts::line_chart(&labels, &series, Unit::Count(words.lang())),
        table,
    )
}

/// A table with a row per date and a column per series; `—` where a series has no value.
fn pivot(lang: Lang, first_column: &str, columns: &[(String, BTreeMap<NaiveDate, u64>)]) -> Table {
    let dates: std::collections::BTreeSet<NaiveDate> =
        columns.iter().flat_map(|(_, c)| c.keys().copied()).collect();
    let mut headers = vec![first_column.to_owned()];
    headers.extend(columns.iter().map(|(name, _)| name.clone()));
    let rows = dates
        .into_iter()
        .map(|date| {
            let mut row = vec![date_short(lang, date)];
            row.extend(columns.iter().map(|(_, values)| {
                values
                    .get(&date)
                    .map_or_else(|| UNKNOWN.to_owned(), |v| number(lang, *v as f64))
            }));
            row
        })
        .collect();
    Table { headers, rows }
}

/// Actual against target share per pillar.
fn pillar_mix(mix: &[PillarMix], words: &Words) -> Chart {
    let labels = Labels {
        title: words.report().chart_mix.as_str(),
        x: words.report().pillar.as_str(),
        y: words.report().axis_share.as_str(),
        empty: words.report().chart_empty.as_str(),
    };
    let categories: Vec<String> = mix.iter().map(|m| m.name.clone()).collect();
    let series = [
        BarSeries {
            name: words.report().series_actual.as_str().to_owned(),
            values: mix.iter().map(|m| Some(m.actual)).collect(),
        },
        BarSeries {
            name: words.report().series_target.as_str().to_owned(),
            values: mix.iter().map(|m| m.target).collect(),
        },
    ];
    let table = Table {
        headers: vec![
            words.report().pillar.as_str().to_owned(),
            words.report().posts.as_str().to_owned(),
            words.report().series_actual.as_str().to_owned(),
            words.report().series_target.as_str().to_owned(),
        ],
        rows: mix
            .iter()
            .map(|m| {
                vec![
                    m.name.clone(),
                    number(words.lang(), m.posts as f64),
                    percent(words.lang(), m.actual),
                    m.target
                        .map_or_else(|| UNKNOWN.to_owned(), |t| percent(words.lang(), t)),
                ]
            })
            .collect(),
    };
    let has_data = mix.iter().any(|m| m.posts > 0);
    let svg = charts::bar_chart(
        &labels,
        &categories,
        if has_data { &series } else { &[] },
        Unit::Percent(words.lang()),
    );
    chart(
        "pillar-mix",
        words.report().caption_mix.as_str(),
        &labels,
        svg,
        table,
    )
}

/// Engagement rate per group (platform or pillar).
fn rate_chart(
    id: &'static str,
    title: &str,
    caption: &str,
    group_word: &str,
    groups: &[Group],
    words: &Words,
) -> Chart {
    let labels = Labels {
        title,
        x: group_word,
        y: words.report().engagement_rate.as_str(),
        empty: words.report().chart_empty.as_str(),
    };
    let rated: Vec<&Group> = groups
        .iter()
        .filter(|g| g.sums.engagement_rate.is_some())
        .collect();
    let categories: Vec<String> = rated.iter().map(|g| g.label.clone()).collect();
    let series = [BarSeries {
        name: words.report().engagement_rate.as_str().to_owned(),
        values: rated.iter().map(|g| g.sums.engagement_rate).collect(),
    }];
    let table = Table {
        headers: vec![
            group_word.to_owned(),
            words.report().engagements.as_str().to_owned(),
            words.report().axis_audience.as_str().to_owned(),
            words.report().engagement_rate.as_str().to_owned(),
        ],
        rows: groups
            .iter()
            .map(|g| {
                let rated = g.sums.audience > 0;
                let count = |n: u64| {
                    if rated {
                        number(words.lang(), n as f64)
                    } else {
                        UNKNOWN.to_owned()
                    }
                };
                vec![
                    g.label.clone(),
                    count(g.sums.rated_engagements),
                    count(g.sums.audience),
                    g.sums.display.engagement_rate.clone(),
                ]
            })
            .collect(),
    };
    let svg = charts::bar_chart(&labels, &categories, &series, Unit::Percent(words.lang()));
    chart(id, caption, &labels, svg, table)
}

/// The weekday × hour grid.
fn heatmap(map: &Heatmap, words: &Words) -> Chart {
    let labels = Labels {
        title: words.report().chart_heatmap.as_str(),
        x: words.report().axis_hour.as_str(),
        y: words.report().weekday.as_str(),
        empty: words.report().no_posts.as_str(),
    };
    let svg = charts::heatmap(
        &labels,
        &map.weekdays,
        &map.hours,
        &map.grid,
        Unit::Percent(words.lang()),
    );
    let table = Table {
        headers: vec![
            words.report().weekday.as_str().to_owned(),
            words.report().hour.as_str().to_owned(),
            words.report().posts.as_str().to_owned(),
            words.report().engagements.as_str().to_owned(),
            words.report().engagement_rate.as_str().to_owned(),
        ],
        rows: map
            .cells
            .iter()
            .map(|c| {
                vec![
                    c.weekday.clone(),
                    format!("{:02}:00", c.hour),
                    c.posts.to_string(),
                    c.sums.display.engagements.clone(),
                    c.sums.display.engagement_rate.clone(),
                ]
            })
            .collect(),
    };
    chart(
        "heatmap",
        words.report().caption_heatmap.as_str(),
        &labels,
        svg,
        table,
    )
}

/// Progress bars per goal, with per-period rows in the table.
fn kpis(kpis: &[KpiProgress], words: &Words) -> Chart {
    let labels = Labels {
        title: words.report().chart_kpis.as_str(),
        x: words.report().axis_progress.as_str(),
        y: words.report().goal.as_str(),
        empty: words.report().chart_empty.as_str(),
    };
    let items: Vec<(String, Option<f64>)> = kpis.iter().map(|k| (k.name.clone(), k.progress)).collect();
    let svg = charts::progress_chart(
        &labels,
        &items,
        words.report().series_target.as_str(),
        Unit::Percent(words.lang()),
    );
    let mut rows = Vec::new();
    for k in kpis {
        // The KPI's name in the reader's language; the strategy's key where there is none.
        let kpi = words
            .label(&format!("kpi_{}", k.kpi))
            .unwrap_or(&k.kpi)
            .to_owned();
        rows.push(vec![
            k.name.clone(),
            kpi.clone(),
            k.target_display.clone(),
            k.actual_display.clone(),
            k.progress_display.clone(),
        ]);
        for p in &k.periods {
            rows.push(vec![
                format!("↳ {}", p.label),
                kpi.clone(),
                k.target_display.clone(),
                p.actual_display.clone(),
                p.progress
                    .map_or_else(|| UNKNOWN.to_owned(), |v| percent(words.lang(), v)),
            ]);
        }
    }
    let table = Table {
        headers: vec![
            words.report().goal.as_str().to_owned(),
            words.report().kpi.as_str().to_owned(),
            words.report().target.as_str().to_owned(),
            words.report().actual.as_str().to_owned(),
            words.report().progress.as_str().to_owned(),
        ],
        rows,
    };
    chart("kpis", words.report().caption_kpis.as_str(), &labels, svg, table)
}

/// Follower counts over time per platform; the table has a row per day and a column per platform.
fn followers(growth: &[FollowerGrowth], words: &Words) -> Chart {
    let labels = Labels {
        title: words.report().chart_followers.as_str(),
        x: words.report().date.as_str(),
        y: words.report().followers.as_str(),
        empty: words.report().chart_empty.as_str(),
    };
    let series: Vec<Series> = growth
        .iter()
        .map(|g| Series {
            name: g.label.clone(),
            colour: platform_colour(g.platform),
            points: g.points.iter().map(|(d, n)| (*d, *n as f64)).collect(),
        })
        .collect();
    let columns: Vec<(String, BTreeMap<NaiveDate, u64>)> = growth
        .iter()
        .map(|g| (g.label.clone(), g.points.iter().copied().collect()))
        .collect();
    let table = pivot(words.lang(), words.report().date.as_str(), &columns);
    let svg = charts::line_chart(&labels, &series, Unit::Count(words.lang()));
    chart(
        "followers",
        words.report().caption_followers.as_str(),
        &labels,
        svg,
        table,
    )
}

/// A platform's fixed colour: its place in the site's platform order.
fn platform_colour(platform: Platform) -> usize {
    Platform::ALL.iter().position(|p| *p == platform).unwrap_or(0)
}

/// Assembles a chart.
fn chart(id: &'static str, caption: &str, labels: &Labels<'_>, svg: String, table: Table) -> Chart {
    Chart {
        id,
        title: labels.title.to_owned(),
        caption: caption.to_owned(),
        svg,
        table,
    }
}
