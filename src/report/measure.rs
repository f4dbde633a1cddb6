//! The measured rows the report aggregates, and how figures add up.
//!
//! Metrics are lifetime totals taken on a day, so a post measured twice must not
//! count twice: only the LATEST row per (post, platform) is used — the one with
//! the latest `date`; rows without a date count as older than any dated row; among
//! equals the one read last (files in name order, rows in line order) wins.
//!
//! Engagements = likes + comments + shares + saves (clicks and video views are
//! reported on their own). Engagement rate = Σ engagements / Σ audience, where a
//! row's audience is its reach, or its impressions when the reach is unknown (X
//! exports none); rows with neither are left out of both sums. Rates are summed
//! first and divided once, never averaged.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use serde::Serialize;

use crate::lang::format::{Lang, UNKNOWN, number, percent};
use crate::metrics::{MetricRecord, Published};
use crate::model::{Post, Project};
use crate::platform::Platform;

/// One (post, platform) with its latest figures and when it went out (local time).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Measured<'a> {
    /// The post.
    pub post: &'a Post,
    /// The network.
    pub platform: Platform,
    /// Its latest row.
    pub record: &'a MetricRecord,
    /// Publish time in the project's timezone: the post's `publish_at`, else the export's.
    pub local: Option<NaiveDateTime>,
    /// Publish day in the project's timezone.
    pub day: Option<NaiveDate>,
}

/// Picks the latest joined row per (post, platform); rows not joined to a post are skipped.
pub(crate) fn latest_rows<'a>(project: &'a Project, records: &'a [MetricRecord]) -> Vec<Measured<'a>> {
    let mut latest: HashMap<(&str, Platform), &MetricRecord> = HashMap::new();
    for record in records {
        let Some(post_id) = record.post.as_deref() else {
            continue;
        };
        let key = (post_id, record.platform);
        // `None < Some(_)`, and on a tie the row read later wins.
        if latest.get(&key).is_none_or(|kept| record.date >= kept.date) {
            latest.insert(key, record);
        }
    }
    let mut rows: Vec<Measured<'a>> = latest
        .into_values()
        .filter_map(|record| {
            let post = project.post(record.post.as_deref()?)?;
            let local = publish_time(post, record, project.config.timezone);
            let export_day = match record.published_at {
                Some(Published::Day(d)) => Some(d),
                _ => None,
            };
            let day = local.map(|t| t.date()).or(export_day);
            Some(Measured {
                post,
                platform: record.platform,
                record,
                local,
                day,
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.post.id, a.platform).cmp(&(&b.post.id, b.platform)));
    rows
}

/// The post's planned time, else the time the export reports, in the project's zone.
fn publish_time(post: &Post, record: &MetricRecord, tz: Tz) -> Option<NaiveDateTime> {
    if let Some(time) = post.time() {
        return Some(time.naive_local());
    }
    match record.published_at? {
        Published::Utc(t) => Some(t.with_timezone(&tz).naive_local()),
        Published::Local(t) => Some(t),
        Published::Day(_) => None,
    }
}

/// Sums of figures over a set of rows, with the engagement rates derived from them.
/// Unknown figures add nothing; `rows` says how many rows were summed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct Sums {
    /// (post, platform) rows summed.
    pub rows: usize,
    /// Σ impressions.
    pub impressions: u64,
    /// Σ reach (per post; people reached by two posts count twice).
    pub reach: u64,
    /// Σ likes.
    pub likes: u64,
    /// Σ comments.
    pub comments: u64,
    /// Σ shares.
    pub shares: u64,
    /// Σ saves.
    pub saves: u64,
    /// Σ link clicks.
    pub clicks: u64,
    /// Σ video views.
    pub video_views: u64,
    /// Σ (likes + comments + shares + saves).
    pub engagements: u64,
    /// Σ audience (reach, else impressions) over rows that have one.
    pub audience: u64,
    /// Σ engagements of the rows counted in `audience`.
    pub rated_engagements: u64,
    /// rated_engagements / audience: the headline rate.
    pub engagement_rate: Option<f64>,
    /// Engagements / reach over rows with a reach.
    pub engagement_rate_by_reach: Option<f64>,
    /// Engagements / impressions over rows with impressions.
    pub engagement_rate_by_impressions: Option<f64>,
    /// The figures as people read them (`12,400`, `4.1 %`, `—`).
    pub display: SumsDisplay,
    #[serde(skip)]
    seen: Seen,
    #[serde(skip)]
    by_reach: (u64, u64),
    #[serde(skip)]
    by_impressions: (u64, u64),
}

/// Which figures at least one summed row had (an unknown sum shows as `—`, not 0).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Seen {
    impressions: bool,
    reach: bool,
    clicks: bool,
    video_views: bool,
    engagements: bool,
}

/// [`Sums`] formatted for the page, so templates need no number filters.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct SumsDisplay {
    /// Impressions.
    pub impressions: String,
    /// Reach.
    pub reach: String,
    /// Engagements.
    pub engagements: String,
    /// The headline rate, or `—`.
    pub engagement_rate: String,
    /// Link clicks.
    pub clicks: String,
    /// Video views.
    pub video_views: String,
}

/// likes + comments + shares + saves; `None` when all four are unknown.
pub(crate) fn engagements(record: &MetricRecord) -> Option<u64> {
    let parts = [record.likes, record.comments, record.shares, record.saves];
    parts
        .iter()
        .any(Option::is_some)
        .then(|| parts.iter().flatten().sum())
}

/// The rate's denominator for one row: reach, else impressions (zero counts as unknown).
pub(crate) fn audience(record: &MetricRecord) -> Option<u64> {
    record
        .reach
        .filter(|&r| r > 0)
        .or(record.impressions.filter(|&i| i > 0))
}

impl Sums {
    /// Sums the rows (figures and rates; [`Sums::shown`] adds how people read them).
    pub(crate) fn of<'a>(rows: impl IntoIterator<Item = &'a MetricRecord>) -> Sums {
        let mut sums = Sums::default();
        for record in rows {
            sums.add(record);
        }
        sums.finish();
        sums
    }

    /// The sums with [`Sums::display`] written in `lang` (`12,400` / `12.400`).
    pub(crate) fn shown(mut self, lang: Lang) -> Sums {
        let count = |n: u64, seen: bool| {
            if seen {
                number(lang, n as f64)
            } else {
                UNKNOWN.to_owned()
            }
        };
        let seen = self.seen;
        self.display = SumsDisplay {
            impressions: count(self.impressions, seen.impressions),
            reach: count(self.reach, seen.reach),
            engagements: count(self.engagements, seen.engagements),
            engagement_rate: self
                .engagement_rate
                .map_or_else(|| UNKNOWN.to_owned(), |rate| percent(lang, rate)),
            clicks: count(self.clicks, seen.clicks),
            video_views: count(self.video_views, seen.video_views),
        };
        self
    }

    /// Adds one row.
    fn add(&mut self, record: &MetricRecord) {
        self.rows += 1;
        let add = |total: &mut u64, value: Option<u64>| *total = total.saturating_add(value.unwrap_or(0));
        add(&mut self.impressions, record.impressions);
        add(&mut self.reach, record.reach);
        add(&mut self.likes, record.likes);
        add(&mut self.comments, record.comments);
        add(&mut self.shares, record.shares);
        add(&mut self.saves, record.saves);
        add(&mut self.clicks, record.clicks);
        add(&mut self.video_views, record.video_views);
        self.seen.impressions |= record.impressions.is_some();
        self.seen.reach |= record.reach.is_some();
        self.seen.clicks |= record.clicks.is_some();
        self.seen.video_views |= record.video_views.is_some();
        let Some(engaged) = engagements(record) else {
            return;
        };
        self.seen.engagements = true;
        self.engagements += engaged;
        if let Some(audience) = audience(record) {
            self.audience += audience;
            self.rated_engagements += engaged;
        }
        if let Some(reach) = record.reach.filter(|&r| r > 0) {
            self.by_reach.0 += engaged;
            self.by_reach.1 += reach;
        }
        if let Some(impressions) = record.impressions.filter(|&i| i > 0) {
            self.by_impressions.0 += engaged;
            self.by_impressions.1 += impressions;
        }
    }

    /// Derives the rates from the sums.
    fn finish(&mut self) {
        let rate = |(num, den): (u64, u64)| (den > 0).then(|| num as f64 / den as f64);
        self.engagement_rate = rate((self.rated_engagements, self.audience));
        self.engagement_rate_by_reach = rate(self.by_reach);
        self.engagement_rate_by_impressions = rate(self.by_impressions);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::PostKey;

    fn record(reach: Option<u64>, impressions: Option<u64>, likes: Option<u64>) -> MetricRecord {
        let mut r = MetricRecord::new("m.csv", 2, PostKey::Id("a".into()), Platform::X);
        r.reach = reach;
        r.impressions = impressions;
        r.likes = likes;
        r
    }

    #[test]
    fn rate_uses_reach_then_impressions_and_skips_rows_without_either() {
        let rows = [
            record(Some(100), Some(400), Some(10)), // audience 100 (reach)
            record(None, Some(200), Some(4)),       // audience 200 (impressions)
            record(None, None, Some(50)),           // no audience: left out of the rate
        ];
        let sums = Sums::of(&rows);
        assert_eq!(sums.engagements, 64);
        assert_eq!((sums.rated_engagements, sums.audience), (14, 300));
        assert_eq!(sums.engagement_rate, Some(14.0 / 300.0));
        assert_eq!(sums.engagement_rate_by_reach, Some(0.1));
        assert_eq!(sums.engagement_rate_by_impressions, Some(14.0 / 600.0));
    }

    #[test]
    fn no_engagement_figures_means_no_rate() {
        let sums = Sums::of(&[record(Some(100), None, None)]);
        assert_eq!(sums.engagement_rate, None);
        assert_eq!(sums.reach, 100);
        assert_eq!(engagements(&record(None, None, None)), None);
    }
}
