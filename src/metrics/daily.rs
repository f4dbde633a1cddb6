//! Account figures per day, which say how the following grew:
//!
//! - X's account analytics "Overview": `Date, Impressions, Engagements, Likes, Replies,
//!   Reposts, New follows, Unfollows, Bookmarks, Shares, Profile visits, Create Post,
//!   Video views, Media views` (the date as `Tue, Jul 14, 2026`).
//! - Meta Business Suite's daily series (Insights → export a chart): UTF-16, line 1
//!   `sep=,`, line 2 the metric's name (`Facebook follows`, `Facebook unfollows`,
//!   `Facebook views`, `Facebook reach`, the same with `Instagram`), line 3
//!   `"Date","Primary"`, then one row per day. The metric's name says which figure
//!   `Primary` is; a series Touchpoint has no use for is reported as unknown.
//!
//! Every row is an account row ([`PostKey::Account`]): it is not joined to a post.

use super::cells::parse_any_date;
use super::table::{Column, FileContext, FormatSpec, Header, Row};
use super::{MetricRecord, PostKey};
use crate::platform::Platform;

const DATE: &[&str] = &["date", "datum"];
const IMPRESSIONS: &[&str] = &["impressions"];
const LIKES: &[&str] = &["likes"];
const REPLIES: &[&str] = &["replies"];
const REPOSTS: &[&str] = &["reposts"];
const SHARES: &[&str] = &["shares"];
const BOOKMARKS: &[&str] = &["bookmarks"];
const NEW_FOLLOWS: &[&str] = &["new follows"];
const UNFOLLOWS: &[&str] = &["unfollows"];
const VIDEO_VIEWS: &[&str] = &["video views"];
const PRIMARY: &[&str] = &["primary", "primär"];

/// Shorthand for a column definition.
const fn column(label: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { label, aliases }
}

static X_OVERVIEW: FormatSpec = FormatSpec {
    name: "X account analytics overview",
    required: &[column("Date", DATE)],
    expected: &[
        column("Impressions", IMPRESSIONS),
        column("New follows", NEW_FOLLOWS),
        column("Unfollows", UNFOLLOWS),
    ],
    read: read_x_day,
};

static META_SERIES: FormatSpec = FormatSpec {
    name: "Meta Business Suite daily series",
    required: &[column("Date", DATE), column("Primary", PRIMARY)],
    expected: &[],
    read: read_meta_day,
};

/// Which figure a Meta daily series holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Series {
    /// Followers gained per day.
    Follows,
    /// Followers lost per day.
    Unfollows,
    /// The follower count on the day.
    Followers,
    /// Views (Meta's impressions).
    Views,
    /// Accounts reached.
    Reach,
}

/// X's overview by `New follows` and `Date` (no post column); Meta's series by
/// `Date, Primary` under a metric name Touchpoint knows.
pub(super) fn detect(header: &Header, preamble: &[String]) -> Option<&'static FormatSpec> {
    let dated = header.index(DATE).is_some();
    if dated && header.index(NEW_FOLLOWS).is_some() {
        return Some(&X_OVERVIEW);
    }
    let series = dated && header.index(PRIMARY).is_some() && header.len() <= 3;
    (series && meta_series(preamble).is_some()).then_some(&META_SERIES)
}

/// The platform and figure a series' name (the last line above its header) names.
fn meta_series(preamble: &[String]) -> Option<(Platform, Series)> {
    let name = preamble.last()?.to_lowercase();
    let platform = if name.contains("instagram") {
        Platform::Instagram
    } else {
        Platform::Facebook
    };
    let series = if name.contains("unfollow") || name.contains("nicht mehr") {
        Series::Unfollows
    } else if name.contains("follower") && (name.contains("total") || name.contains("gesamt")) {
        Series::Followers
    } else if name.contains("follow") {
        Series::Follows
    } else if name.contains("reach") || name.contains("reichweite") {
        Series::Reach
    } else if name.contains("views") || name.contains("aufrufe") || name.contains("impressions") {
        Series::Views
    } else {
        return None;
    };
    Some((platform, series))
}

/// One day of X's overview.
fn read_x_day(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<Option<MetricRecord>, String> {
    let mut record = MetricRecord::account(ctx.file, row.line, Platform::X, read_date(row)?);
    record.impressions = row.count(IMPRESSIONS)?;
    record.likes = row.count(LIKES)?;
    record.comments = row.count(REPLIES)?;
    record.shares = row.sum(&[REPOSTS, SHARES])?;
    record.saves = row.count(BOOKMARKS)?;
    record.video_views = row.count(VIDEO_VIEWS)?;
    record.follows = row.count(NEW_FOLLOWS)?;
    record.unfollows = row.count(UNFOLLOWS)?;
    Ok(Some(record))
}

/// One day of a Meta series.
fn read_meta_day(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<Option<MetricRecord>, String> {
    let (platform, series) =
        meta_series(&ctx.preamble).ok_or("the series names no figure Touchpoint reads")?;
    let mut record = MetricRecord::account(ctx.file, row.line, platform, read_date(row)?);
    let value = row.count(PRIMARY)?;
    match series {
        Series::Follows => record.follows = value,
        Series::Unfollows => record.unfollows = value,
        Series::Followers => record.followers = value,
        Series::Views => record.impressions = value,
        Series::Reach => record.reach = value,
    }
    debug_assert_eq!(record.key, PostKey::Account);
    Ok(Some(record))
}

/// The row's date, which an account row cannot do without.
fn read_date(row: &Row<'_>) -> Result<chrono::NaiveDate, String> {
    let cell = row.text(DATE).ok_or("the `Date` cell is empty")?;
    let day = cell
        .split(['T', ' '])
        .next()
        .filter(|d| d.len() == 10 && d.contains('-'));
    day.and_then(parse_any_date)
        .or_else(|| parse_any_date(cell))
        .map(Ok)
        .unwrap_or_else(|| {
            Err(format!(
                "column `{}`: `{cell}` is not a date",
                row.column_name(DATE)
            ))
        })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::metrics::{PostKey, parse_csv};
    use crate::platform::Platform;

    #[test]
    fn x_overview_gives_follows_and_unfollows_per_day() {
        let csv = "Date,Impressions,Engagements,Likes,Replies,Reposts,New follows,Unfollows,Bookmarks,Shares,\
                   Profile visits,Create Post,Video views,Media views\n\
                   \"Tue, Jul 14, 2026\",\"1,200\",40,20,3,2,5,1,1,0,7,1,0,30\n\
                   \"Wed, Jul 15, 2026\",800,20,10,1,1,2,3,0,0,2,0,0,10\n\
                   someday,1,1,1,1,1,1,1,1,1,1,1,1,1\n";
        let (records, diags) = parse_csv("metrics/account_overview.csv", csv.as_bytes());
        assert_eq!(records.len(), 2);
        let r = &records[0];
        assert_eq!((r.key.clone(), r.platform), (PostKey::Account, Platform::X));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2026, 7, 14));
        assert_eq!(
            (r.impressions, r.follows, r.unfollows),
            (Some(1200), Some(5), Some(1))
        );
        assert_eq!((diags.len(), diags[0].line), (1, 4));
        assert!(diags[0].message.contains("`someday`"));
    }

    #[test]
    fn meta_daily_series_in_utf16_with_sep_line() {
        let text = "sep=,\n\"Facebook follows\"\n\"Date\",\"Primary\"\n\"2026-12-01T00:00:00\",\"4\"\n\"2026-12-02T00:00:00\",\"6\"\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (records, diags) = parse_csv("metrics/fb-follows.csv", &bytes);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            records.iter().map(|r| r.follows).collect::<Vec<_>>(),
            [Some(4), Some(6)]
        );
        assert_eq!(records[0].platform, Platform::Facebook);
        assert_eq!(records[1].line, 5);
        assert_eq!(records[1].date, NaiveDate::from_ymd_opt(2026, 12, 2));
    }

    #[test]
    fn an_unknown_meta_series_is_an_unknown_format() {
        let csv = "sep=,\nFacebook link clicks\nDate,Primary\n2026-12-01,4\n";
        let (records, diags) = parse_csv("metrics/fb-clicks.csv", csv.as_bytes());
        assert!(records.is_empty());
        assert_eq!(diags[0].rule, "metrics-unknown-format");
    }
}
