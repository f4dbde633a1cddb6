//! Progress of each strategy goal against its target.
//!
//! A goal covers the posts published between its `from` and `to` (default: every
//! measured post) on its `platforms` (default: all). Counts (impressions, reach,
//! engagements, clicks, video views) are summed; `engagement_rate` is computed
//! like everywhere else in the report; `followers` is a level, not a sum: the
//! latest recorded follower count on or before the period's end, added over the
//! goal's platforms.
//!
//! With `period = "week" | "month" | "quarter"` the target holds for each such
//! period within the range: every period gets its own row, and the headline
//! progress is Σ actual ÷ (target × periods) for counts, the whole range's rate
//! for `engagement_rate`, and the last period's level for `followers`.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use super::groups::iso_week_key;
use super::measure::{Measured, Sums};
use crate::lang::format::{Lang, UNKNOWN, number, percent};
use crate::metrics::MetricRecord;
use crate::model::Goal;
use crate::platform::Platform;

/// How far one goal got.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct KpiProgress {
    /// The goal's id.
    pub id: String,
    /// The goal's name.
    pub name: String,
    /// The KPI measured.
    pub kpi: String,
    /// The target per period (or for the whole range).
    pub target: f64,
    /// The target as people read it.
    pub target_display: String,
    /// The goal's platforms (empty: all).
    pub platforms: Vec<Platform>,
    /// `week`, `month`, `quarter` or none.
    pub period: Option<String>,
    /// The period as people read it ("per month" / "pro Monat"), set by the report from
    /// the word list.
    pub period_display: Option<String>,
    /// The value reached over the whole range (see the module doc for periods).
    pub actual: Option<f64>,
    /// The value as people read it.
    pub actual_display: String,
    /// actual ÷ target (1.0 = reached).
    pub progress: Option<f64>,
    /// The progress as people read it.
    pub progress_display: String,
    /// Whether the target is reached.
    pub met: bool,
    /// One row per period (empty without `period`).
    pub periods: Vec<KpiPeriod>,
}

/// A goal's figures in one of its periods.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct KpiPeriod {
    /// `2026-W49`, `2026-12` or `2026-Q4`.
    pub label: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The value reached.
    pub actual: Option<f64>,
    /// The value as people read it.
    pub actual_display: String,
    /// actual ÷ target.
    pub progress: Option<f64>,
    /// Whether the target is reached in this period.
    pub met: bool,
}

/// Computes every goal's progress from the measured rows (latest per post and
/// platform) and all joined records (for follower levels).
pub(crate) fn progress(
    goals: &[Goal],
    rows: &[Measured<'_>],
    records: &[MetricRecord],
    lang: Lang,
) -> Vec<KpiProgress> {
    goals
        .iter()
        .map(|goal| goal_progress(goal, rows, records, lang))
        .collect()
}

/// One goal.
fn goal_progress(goal: &Goal, rows: &[Measured<'_>], records: &[MetricRecord], lang: Lang) -> KpiProgress {
    let covers = |platform: Platform| goal.platforms.is_empty() || goal.platforms.contains(&platform);
    let rows: Vec<&Measured<'_>> = rows
        .iter()
        .filter(|r| covers(r.platform))
        .filter(|r| in_range(r.day, goal.from, goal.to))
        .collect();
    let followers: Vec<&MetricRecord> = records.iter().filter(|r| covers(r.platform)).collect();
    let days = rows.iter().filter_map(|r| r.day);
    let range_from = goal.from.or_else(|| days.clone().min());
    let range_to = goal.to.or_else(|| days.max());
    let periods = match (goal.period.as_deref(), range_from, range_to) {
        (Some(kind), Some(from), Some(to)) => split(kind, from, to),
        _ => Vec::new(),
    };
    let value_between = |from: Option<NaiveDate>, to: Option<NaiveDate>| {
        let in_period: Vec<&Measured<'_>> = rows
            .iter()
            .copied()
            .filter(|r| in_range(r.day, from, to))
            .collect();
        value(&goal.kpi, &in_period, &followers, to)
    };
    let periods: Vec<KpiPeriod> = periods
        .into_iter()
        .map(|(label, from, to)| {
            let actual = value_between(Some(from), Some(to));
            let progress = ratio(actual, goal.target);
            KpiPeriod {
                label,
                from,
                to,
                actual,
                actual_display: display(lang, &goal.kpi, actual),
                progress,
                met: progress.is_some_and(|p| p >= 1.0),
            }
        })
        .collect();
    let actual = headline(goal, &periods, || value_between(goal.from, goal.to));
    let progress = if periods.is_empty() || !is_count(&goal.kpi) {
        ratio(actual, goal.target)
    } else {
        ratio(actual, goal.target * periods.len() as f64)
    };
    KpiProgress {
        id: goal.id.clone(),
        name: if goal.name.is_empty() {
            goal.id.clone()
        } else {
            goal.name.clone()
        },
        kpi: goal.kpi.clone(),
        target: goal.target,
        target_display: display(lang, &goal.kpi, Some(goal.target)),
        platforms: goal.platforms.clone(),
        period: goal.period.clone(),
        period_display: None,
        actual_display: display(lang, &goal.kpi, actual),
        actual,
        progress,
        progress_display: progress.map_or_else(|| UNKNOWN.to_owned(), |p| percent(lang, p)),
        met: progress.is_some_and(|p| p >= 1.0),
        periods,
    }
}

/// The whole range's value: the sum of the periods for counts, the last period's
/// level for followers, else the value over the range.
fn headline(goal: &Goal, periods: &[KpiPeriod], whole: impl Fn() -> Option<f64>) -> Option<f64> {
    if periods.is_empty() {
        return whole();
    }
    if is_count(&goal.kpi) {
        let known: Vec<f64> = periods.iter().filter_map(|p| p.actual).collect();
        return (!known.is_empty()).then(|| known.iter().sum());
    }
    if goal.kpi == "followers" {
        return periods.last().and_then(|p| p.actual);
    }
    whole()
}

/// Whether the KPI adds up over posts.
fn is_count(kpi: &str) -> bool {
    matches!(
        kpi,
        "impressions" | "reach" | "engagements" | "clicks" | "video_views"
    )
}

/// Whether a day lies within optional bounds; with bounds, an unknown day does not.
fn in_range(day: Option<NaiveDate>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    match day {
        Some(day) => from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t),
        None => from.is_none() && to.is_none(),
    }
}

/// The KPI's value over some rows; `None` when no row carries the figure.
fn value(
    kpi: &str,
    rows: &[&Measured<'_>],
    followers: &[&MetricRecord],
    until: Option<NaiveDate>,
) -> Option<f64> {
    let sum = |field: fn(&MetricRecord) -> Option<u64>| {
        let known: Vec<u64> = rows.iter().filter_map(|r| field(r.record)).collect();
        (!known.is_empty()).then(|| known.iter().sum::<u64>() as f64)
    };
    match kpi {
        "impressions" => sum(|r| r.impressions),
        "reach" => sum(|r| r.reach),
        "clicks" => sum(|r| r.clicks),
        "video_views" => sum(|r| r.video_views),
        "engagements" => sum(super::measure::engagements),
        "engagement_rate" => Sums::of(rows.iter().map(|r| r.record)).engagement_rate,
        "followers" => follower_level(followers, until),
        _ => None,
    }
}

/// Σ over platforms of the latest follower count recorded on or before `until`.
pub(crate) fn follower_level(records: &[&MetricRecord], until: Option<NaiveDate>) -> Option<f64> {
    let mut latest: BTreeMap<Platform, (NaiveDate, u64)> = BTreeMap::new();
    for record in records {
        let (Some(date), Some(count)) = (record.date, record.followers) else {
            continue;
        };
        if until.is_some_and(|u| date > u) {
            continue;
        }
        if latest.get(&record.platform).is_none_or(|(kept, _)| date >= *kept) {
            latest.insert(record.platform, (date, count));
        }
    }
    (!latest.is_empty()).then(|| latest.values().map(|(_, c)| *c as f64).sum())
}

/// actual ÷ target, when both make sense.
fn ratio(actual: Option<f64>, target: f64) -> Option<f64> {
    actual.filter(|_| target > 0.0).map(|a| a / target)
}

/// A KPI value as people read it.
fn display(lang: Lang, kpi: &str, value: Option<f64>) -> String {
    match value {
        None => UNKNOWN.to_owned(),
        Some(v) if kpi == "engagement_rate" => percent(lang, v),
        Some(v) => number(lang, v),
    }
}

/// Splits `from..=to` into ISO weeks, calendar months or quarters, clipped to the range.
fn split(kind: &str, from: NaiveDate, to: NaiveDate) -> Vec<(String, NaiveDate, NaiveDate)> {
    let mut periods = Vec::new();
    let mut start = from;
    while start <= to && periods.len() < 1000 {
        let (label, end) = match kind {
            "week" => {
                let sunday = start + Days::new(u64::from(6 - start.weekday().num_days_from_monday()));
                (iso_week_key(start), sunday)
            }
            "quarter" => {
                let quarter = start.month0() / 3;
                let first = NaiveDate::from_ymd_opt(start.year(), quarter * 3 + 1, 1).unwrap_or(start);
                let end = last_day(first + Months::new(2));
                (format!("{}-Q{}", start.year(), quarter + 1), end)
            }
            _ => (start.format("%Y-%m").to_string(), last_day(start)),
        };
        let end = end.min(to);
        periods.push((label, start, end));
        let Some(next) = end.succ_opt() else { break };
        start = next;
    }
    periods
}

/// The last day of a day's month.
fn last_day(day: NaiveDate) -> NaiveDate {
    day.with_day(1)
        .and_then(|first| first.checked_add_months(Months::new(1)))
        .and_then(|next| next.pred_opt())
        .unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_months_and_quarters_are_clipped_to_the_range() {
        let weeks = split("week", d(2026, 12, 2), d(2026, 12, 15));
        assert_eq!(
            weeks,
            vec![
                ("2026-W49".to_owned(), d(2026, 12, 2), d(2026, 12, 6)),
                ("2026-W50".to_owned(), d(2026, 12, 7), d(2026, 12, 13)),
                ("2026-W51".to_owned(), d(2026, 12, 14), d(2026, 12, 15)),
            ]
        );
        let months = split("month", d(2026, 11, 15), d(2027, 1, 10));
        let labels: Vec<&str> = months.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(labels, ["2026-11", "2026-12", "2027-01"]);
        assert_eq!(months[0].2, d(2026, 11, 30));
        let quarters = split("quarter", d(2026, 11, 1), d(2027, 2, 1));
        assert_eq!(
            quarters[0],
            ("2026-Q4".to_owned(), d(2026, 11, 1), d(2026, 12, 31))
        );
        assert_eq!(quarters[1], ("2027-Q1".to_owned(), d(2027, 1, 1), d(2027, 2, 1)));
    }

    #[test]
    fn unknown_days_only_count_without_bounds() {
        assert!(in_range(None, None, None));
        assert!(!in_range(None, Some(d(2026, 1, 1)), None));
        assert!(in_range(
            Some(d(2026, 1, 1)),
            Some(d(2026, 1, 1)),
            Some(d(2026, 1, 1))
        ));
    }
}
