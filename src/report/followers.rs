//! Follower growth per platform, from the `followers` column of the normalised CSV
//! (the account's count on the row's date). Every joined row counts here, not only
//! the latest per post: each is one reading of the account's size.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::lang::format::{Lang, date_short, number, signed, signed_percent};
use crate::metrics::MetricRecord;
use crate::platform::Platform;

/// One platform's follower counts over time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct FollowerGrowth {
    /// The platform.
    pub platform: Platform,
    /// Its display name.
    pub label: String,
    /// One reading per day (the row read last wins when a day has several).
    pub points: Vec<(NaiveDate, u64)>,
    /// First reading's day.
    pub first_date: NaiveDate,
    /// First reading.
    pub first: u64,
    /// Last reading's day.
    pub last_date: NaiveDate,
    /// Last reading.
    pub last: u64,
    /// last − first.
    pub change: i64,
    /// change ÷ first (`None` when first is 0).
    pub change_rate: Option<f64>,
    /// First reading as people read it.
    pub first_display: String,
    /// Last reading as people read it.
    pub last_display: String,
    /// `+80 (+8.0 %)`.
    pub change_display: String,
    /// `first_date` in the project's language.
    pub first_date_display: String,
    /// `last_date` in the project's language.
    pub last_date_display: String,
}

/// `+80 (+8%)`, `-3`, `0` / `+1.280 (+4,5 %)`.
fn change_text(lang: Lang, change: i64, rate: Option<f64>) -> String {
    let mut text = signed(lang, change as f64);
    if let Some(rate) = rate {
        text.push_str(&format!(" ({})", signed_percent(lang, rate)));
    }
    text
}

/// Growth per platform that has at least one dated follower count.
pub(crate) fn follower_growth(records: &[MetricRecord], lang: Lang) -> Vec<FollowerGrowth> {
    let mut readings: BTreeMap<Platform, BTreeMap<NaiveDate, u64>> = BTreeMap::new();
    for record in records {
        if let (Some(date), Some(count)) = (record.date, record.followers) {
            readings.entry(record.platform).or_default().insert(date, count);
        }
    }
    let mut growth: Vec<FollowerGrowth> = readings
        .into_iter()
        .filter_map(|(platform, by_day)| {
            let points: Vec<(NaiveDate, u64)> = by_day.into_iter().collect();
            let (first_date, first) = *points.first()?;
            let (last_date, last) = *points.last()?;
            let change = last as i64 - first as i64;
            let change_rate = (first > 0).then(|| change as f64 / first as f64);
            Some(FollowerGrowth {
                platform,
                label: platform.display_name().to_owned(),
                first_date,
                first,
                last_date,
                last,
                change,
                change_rate,
                first_display: number(lang, first as f64),
                last_display: number(lang, last as f64),
                first_date_display: date_short(lang, first_date),
                last_date_display: date_short(lang, last_date),
                change_display: change_text(lang, change, change_rate),
                points,
            })
        })
        .collect();
    growth.sort_by_key(|g| Platform::ALL.iter().position(|p| *p == g.platform));
    growth
}
