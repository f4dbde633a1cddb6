//! Each network's own figures beside the common ones, video KPIs for YouTube and
//! TikTok, and follower growth from the networks' follower files.
//!
//! - Video KPIs (latest row per video): views Σ; watch time Σ (rows without a total
//!   add average × views); average view duration = Σ watch time ÷ Σ views over rows
//!   that have both; completion rate = Σ (rate × views) ÷ Σ views over rows with a
//!   rate, so a long-watched video weighs by its views, never a mean of rates.
//! - Follower flows: Σ followers gained and lost per network from account rows (X's
//!   daily Overview, LinkedIn's followers file, Meta's daily series) and, where a
//!   network has no such file, from its post rows (YouTube's subscribers per video,
//!   LinkedIn's `Follows`). Net = gained − lost.
//! - Own figures: what a network's export measures that the others do not (LinkedIn's
//!   click-through rate, YouTube's watch time, TikTok's completion, X's new follows …).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Card;
use super::groups::Group;
use super::measure::Measured;
use crate::lang::format::{Lang, UNKNOWN, date_short, number, percent, signed};
use crate::lang::words::Words;
use crate::metrics::{MetricRecord, PostKey};
use crate::platform::Platform;

/// One network's common and own headline figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Network {
    /// The platform.
    pub platform: Platform,
    /// Its display name.
    pub label: String,
    /// Posts, impressions, engagements, engagement rate: the same for every network.
    pub common: Vec<Card>,
    /// What only this network's export measures.
    pub own: Vec<Card>,
}

/// Video KPIs of one network.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct VideoKpis {
    /// The platform.
    pub platform: Platform,
    /// Its display name.
    pub label: String,
    /// Videos measured.
    pub videos: usize,
    /// Σ views, as people read it.
    pub views: String,
    /// Σ watch time in hours, as people read it.
    pub watch_time: String,
    /// Σ watch time ÷ Σ views, as `m:ss`.
    pub average_view_duration: String,
    /// Views-weighted completion rate.
    pub completion_rate: String,
}

/// Followers gained and lost on one network over the period its rows cover.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct FollowerFlow {
    /// The platform.
    pub platform: Platform,
    /// Its display name.
    pub label: String,
    /// First day with a reading (post rows: none).
    pub from: Option<String>,
    /// Last day with a reading.
    pub to: Option<String>,
    /// Σ gained.
    pub gained: u64,
    /// Σ lost.
    pub lost: u64,
    /// gained − lost.
    pub net: i64,
    /// `+12`.
    pub net_display: String,
    /// Gained, as people read it.
    pub gained_display: String,
    /// Lost, as people read it.
    pub lost_display: String,
}

/// Sums of the figures only some networks export.
#[derive(Clone, Debug, Default)]
struct Extra {
    videos: usize,
    views: u64,
    watch_seconds: f64,
    timed_views: u64,
    completion_weighted: f64,
    completion_views: u64,
    has_watch: bool,
    has_completion: bool,
    follows: Option<u64>,
    unfollows: Option<u64>,
}

impl Extra {
    /// Adds one (post, platform)'s latest row.
    fn add(&mut self, record: &MetricRecord) {
        let views = record.video_views.unwrap_or(0);
        if record.video_views.is_some() {
            self.videos += 1;
            self.views += views;
        }
        let watch = record
            .watch_seconds
            .or_else(|| record.average_view_seconds.map(|avg| avg * views as f64));
        if let (Some(watch), Some(_)) = (watch, record.video_views) {
            self.watch_seconds += watch;
            self.timed_views += views;
            self.has_watch = true;
        }
        if let (Some(rate), Some(_)) = (record.completion_rate, record.video_views) {
            self.completion_weighted += rate * views as f64;
            self.completion_views += views;
            self.has_completion = true;
        }
        add_opt(&mut self.follows, record.follows);
        add_opt(&mut self.unfollows, record.unfollows);
    }

    /// Σ watch ÷ Σ views over rows with both.
    fn average_view(&self) -> Option<f64> {
        (self.has_watch && self.timed_views > 0).then(|| self.watch_seconds / self.timed_views as f64)
    }

    /// The views-weighted completion rate.
    fn completion(&self) -> Option<f64> {
        (self.has_completion && self.completion_views > 0)
            .then(|| self.completion_weighted / self.completion_views as f64)
    }
}

/// `total += value` where an unknown value adds nothing and a known one makes the total known.
fn add_opt(total: &mut Option<u64>, value: Option<u64>) {
    if let Some(value) = value {
        *total = Some(total.unwrap_or(0).saturating_add(value));
    }
}

/// `2:30` for 150 seconds, `1:02:03` past the hour.
pub(crate) fn clock(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return UNKNOWN.to_owned();
    }
    let total = seconds.round() as u64;
    if total >= 3600 {
        format!("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
    } else {
        format!("{}:{:02}", total / 60, total % 60)
    }
}

/// Hours of watch time: `100 h` / `40.9 h`.
fn hours(lang: Lang, seconds: f64) -> String {
    format!("{} h", number(lang, seconds / 3600.0))
}

/// The latest rows' extra sums per network.
fn extras(rows: &[Measured<'_>]) -> BTreeMap<Platform, Extra> {
    let mut by_platform: BTreeMap<Platform, Extra> = BTreeMap::new();
    for row in rows {
        by_platform.entry(row.platform).or_default().add(row.record);
    }
    by_platform
}

/// Video KPIs for every network whose rows carry video views with watch time or completion.
pub(crate) fn video_kpis(rows: &[Measured<'_>], lang: Lang) -> Vec<VideoKpis> {
    extras(rows)
        .into_iter()
        .filter(|(_, extra)| extra.videos > 0 && (extra.has_watch || extra.has_completion))
        .map(|(platform, extra)| VideoKpis {
            platform,
            label: platform.display_name().to_owned(),
            videos: extra.videos,
            views: number(lang, extra.views as f64),
            watch_time: if extra.has_watch {
                hours(lang, extra.watch_seconds)
            } else {
                UNKNOWN.to_owned()
            },
            average_view_duration: extra.average_view().map_or_else(|| UNKNOWN.to_owned(), clock),
            completion_rate: extra
                .completion()
                .map_or_else(|| UNKNOWN.to_owned(), |rate| percent(lang, rate)),
        })
        .collect()
}

/// Followers gained and lost on a network's account rows, and the days they cover.
type AccountFlow = (Option<u64>, Option<u64>, Vec<NaiveDate>);

/// Follower flows per network: account rows where the network has them, else post rows.
pub(crate) fn follower_flows(
    records: &[MetricRecord],
    rows: &[Measured<'_>],
    lang: Lang,
) -> Vec<FollowerFlow> {
    let mut account: BTreeMap<Platform, AccountFlow> = BTreeMap::new();
    for record in records.iter().filter(|r| r.key == PostKey::Account) {
        if record.follows.is_none() && record.unfollows.is_none() {
            continue;
        }
        let entry = account.entry(record.platform).or_default();
        add_opt(&mut entry.0, record.follows);
        add_opt(&mut entry.1, record.unfollows);
        entry.2.extend(record.date);
    }
    let mut flows: Vec<FollowerFlow> = account
        .into_iter()
        .map(|(platform, (gained, lost, days))| {
            let range = (days.iter().min().copied(), days.iter().max().copied());
            flow(platform, gained, lost, range, lang)
        })
        .collect();
    for (platform, extra) in extras(rows) {
        let known = extra.follows.is_some() || extra.unfollows.is_some();
        if known && !flows.iter().any(|f| f.platform == platform) {
            flows.push(flow(platform, extra.follows, extra.unfollows, (None, None), lang));
        }
    }
    flows.sort_by_key(|f| Platform::ALL.iter().position(|p| *p == f.platform));
    flows
}

/// One network's flow.
fn flow(
    platform: Platform,
    gained: Option<u64>,
    lost: Option<u64>,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    lang: Lang,
) -> FollowerFlow {
    let (gained, lost) = (gained.unwrap_or(0), lost.unwrap_or(0));
    let net = gained as i64 - lost as i64;
    FollowerFlow {
        platform,
        label: platform.display_name().to_owned(),
        from: from.map(|d| date_short(lang, d)),
        to: to.map(|d| date_short(lang, d)),
        gained,
        lost,
        net,
        net_display: signed(lang, net as f64),
        gained_display: number(lang, gained as f64),
        lost_display: number(lang, lost as f64),
    }
}

/// Every measured network with its common and own figures.
pub(crate) fn networks(
    by_platform: &[Group],
    rows: &[Measured<'_>],
    flows: &[FollowerFlow],
    words: &Words,
) -> Vec<Network> {
    let extras = extras(rows);
    by_platform
        .iter()
        .filter_map(|group| {
            let platform = Platform::ALL.into_iter().find(|p| p.to_string() == group.key)?;
            let extra = extras.get(&platform).cloned().unwrap_or_default();
            let flow = flows.iter().find(|f| f.platform == platform);
            Some(Network {
                platform,
                label: group.label.clone(),
                common: common(group, words),
                own: own(platform, group, &extra, flow, words),
            })
        })
        .collect()
}

/// The figures every network shows.
fn common(group: &Group, words: &Words) -> Vec<Card> {
    let w = words.report();
    let display = &group.sums.display;
    vec![
        card(
            &super::capitalised(&words.plural_word("posts", group.posts as f64)),
            number(words.lang(), group.posts as f64),
        ),
        card(&w.impressions, display.impressions.clone()),
        card(&w.engagements, display.engagements.clone()),
        card(&w.engagement_rate, display.engagement_rate.clone()),
    ]
}

/// A labelled figure.
fn card(label: &str, value: String) -> Card {
    Card {
        label: label.to_owned(),
        value,
    }
}

/// What one network measures beyond the common figures; unknown figures are left out.
fn own(
    platform: Platform,
    group: &Group,
    extra: &Extra,
    flow: Option<&FollowerFlow>,
    words: &Words,
) -> Vec<Card> {
    let (w, lang) = (words.report(), words.lang());
    let sums = &group.sums;
    let mut cards = Vec::new();
    let mut push = |label: &str, value: Option<String>| {
        if let Some(value) = value {
            cards.push(card(label, value));
        }
    };
    let ctr = (sums.impressions > 0 && sums.clicks > 0)
        .then(|| percent(lang, sums.clicks as f64 / sums.impressions as f64));
    let views = (extra.videos > 0).then(|| number(lang, extra.views as f64));
    let watch = extra.has_watch.then(|| hours(lang, extra.watch_seconds));
    let average = extra.average_view().map(clock);
    let completion = extra.completion().map(|rate| percent(lang, rate));
    let reach = (sums.reach > 0).then(|| number(lang, sums.reach as f64));
    let saves = (sums.saves > 0).then(|| number(lang, sums.saves as f64));
    let shares = (sums.shares > 0).then(|| number(lang, sums.shares as f64));
    let clicks = (sums.clicks > 0).then(|| number(lang, sums.clicks as f64));
    let net = flow.map(|f| f.net_display.clone());
    match platform {
        Platform::Youtube | Platform::Tiktok => {
            push(&w.video_views, views);
            push(&w.watch_time, watch);
            push(&w.average_view_duration, average);
            push(&w.completion_rate, completion);
            push(&w.saves, saves);
        }
        Platform::Linkedin => {
            push(&w.clicks, clicks);
            push(&w.click_through_rate, ctr);
            push(&w.shares, shares);
        }
        Platform::X => {
            push(&w.clicks, clicks);
            push(&w.saves, saves);
        }
        _ => {
            push(&w.reach, reach);
            push(&w.saves, saves);
            push(&w.clicks, clicks);
        }
    }
    push(&w.follower_net, net);
    cards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_like_the_exports() {
        assert_eq!(clock(150.0), "2:30");
        assert_eq!(clock(8.0), "0:08");
        assert_eq!(clock(3723.0), "1:02:03");
        assert_eq!(clock(f64::NAN), UNKNOWN);
    }

    #[test]
    fn video_sums_weigh_by_views() {
        let mut extra = Extra::default();
        let mut a = MetricRecord::new("m.csv", 2, PostKey::Id("a".into()), Platform::Tiktok);
        a.video_views = Some(100);
        a.average_view_seconds = Some(10.0);
        a.completion_rate = Some(0.5);
        let mut b = a.clone();
        b.video_views = Some(300);
        b.watch_seconds = Some(600.0);
        b.completion_rate = Some(0.1);
        extra.add(&a);
        extra.add(&b);
        assert_eq!(extra.views, 400);
        assert_eq!(extra.average_view(), Some(1600.0 / 400.0));
        let completion = extra.completion().unwrap();
        assert!((completion - 0.2).abs() < 1e-9, "{completion}");
    }
}
