//! Follower growth per platform, from the `followers` column of the normalised CSV
//! (the account's count on the row's date). Every joined row counts here, not only
//! the latest per post: each is one reading of the account's size.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::lang::format::{Lang, UNKNOWN, date_short, number, signed, signed_percent};
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
    /// last − first; `None` with a single reading (a change needs two days, and a
    /// single reading is not "no change").
    pub change: Option<i64>,
    /// change ÷ first (`None` when first is 0 or the change is unknown).
    pub change_rate: Option<f64>,
    /// First reading as people read it.
    pub first_display: String,
    /// Last reading as people read it.
    pub last_display: String,
    /// `+80 (+8%)`, or `—` when the change is unknown.
    pub change_display: String,
    /// `first_date` in the project's language.
    pub first_date_display: String,
    /// `last_date` in the project's language.
    pub last_date_display: String,
}

/// `+80 (+8%)`, `-3`, `0` / `+1.280 (+4,5 %)`; `—` when the change is unknown.
fn change_text(lang: Lang, change: Option<i64>, rate: Option<f64>) -> String {
    let Some(change) = change else {
        return UNKNOWN.to_owned();
    };
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
            let change = (last_date > first_date).then(|| last as i64 - first as i64);
            let change_rate = change.filter(|_| first > 0).map(|c| c as f64 / first as f64);
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

/// The follower change of all platforms together, as the headline card shows it: the
/// sum of the known changes, `—` when no platform has two readings.
pub(crate) fn total_change_display(lang: Lang, growth: &[FollowerGrowth]) -> String {
    let known: Vec<i64> = growth.iter().filter_map(|g| g.change).collect();
    let total = (!known.is_empty()).then(|| known.iter().sum());
    change_text(lang, total, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(platform: Platform, day: u32, followers: u64) -> MetricRecord {
        let key = crate::metrics::PostKey::Id("p".to_owned());
        MetricRecord {
            date: NaiveDate::from_ymd_opt(2027, 1, day),
            followers: Some(followers),
            ..MetricRecord::new("metrics/f.csv", 2, key, platform)
        }
    }

    #[test]
    fn a_single_reading_has_an_unknown_change_not_zero() {
        let growth = follower_growth(&[reading(Platform::X, 3, 500)], Lang::En);
        assert_eq!(growth[0].change, None);
        assert_eq!(growth[0].change_display, "—");
        assert_eq!(total_change_display(Lang::En, &growth), "—");
    }

    #[test]
    fn two_readings_give_the_change_and_the_card_sums_known_changes() {
        let growth = follower_growth(
            &[
                reading(Platform::X, 3, 500),
                reading(Platform::X, 10, 480),
                reading(Platform::Mastodon, 3, 90),
            ],
            Lang::En,
        );
        let x = growth.iter().find(|g| g.platform == Platform::X).unwrap();
        assert_eq!((x.change, x.change_display.as_str()), (Some(-20), "-20 (-4%)"));
        assert_eq!(total_change_display(Lang::En, &growth), "-20");
    }
}
