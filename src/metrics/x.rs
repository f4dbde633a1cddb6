//! X's own post exports, in both generations users still have on disk:
//!
//! - legacy "Tweet activity" (`tweet_activity_metrics_<handle>_<from>_<to>_en.csv`):
//!   `Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,…,retweets,replies,likes,…,url clicks,…,media views,…`
//! - current account analytics "Content" (`account_analytics_content_<from>_<to>.csv`):
//!   `Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,Reposts,…,URL Clicks,…`
//!
//! Rows join to posts through the permalink (or the id, which is the permalink's
//! last segment). X reports no reach. The file name's last date is the day the
//! figures were taken. Column sets: docs/report.md, "X exports".

use super::cells::parse_published;
use super::table::{Column, FileContext, FormatSpec, Header, Row};
use super::{MetricRecord, PostKey, normalise_permalink, x_status_permalink};
use crate::platform::Platform;

const LEGACY_KEY: &[&str] = &["tweet permalink", "tweet id"];
const LEGACY_PERMALINK: &[&str] = &["tweet permalink"];
const LEGACY_ID: &[&str] = &["tweet id"];
const LEGACY_TIME: &[&str] = &["time"];
const CONTENT_KEY: &[&str] = &["post link", "post id"];
const CONTENT_PERMALINK: &[&str] = &["post link"];
const CONTENT_ID: &[&str] = &["post id"];
const CONTENT_DATE: &[&str] = &["date"];
const IMPRESSIONS: &[&str] = &["impressions"];
const LIKES: &[&str] = &["likes"];
const REPLIES: &[&str] = &["replies"];
const RETWEETS: &[&str] = &["retweets"];
const REPOSTS: &[&str] = &["reposts"];
const SHARES: &[&str] = &["shares"];
const BOOKMARKS: &[&str] = &["bookmarks"];
const URL_CLICKS: &[&str] = &["url clicks"];
const MEDIA_VIEWS: &[&str] = &["media views", "video views"];
const ENGAGEMENTS: &[&str] = &["engagements"];

/// Shorthand for a column definition.
const fn column(label: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { label, aliases }
}

static LEGACY: FormatSpec = FormatSpec {
    name: "X Tweet activity export",
    required: &[column("Tweet permalink", LEGACY_KEY)],
    expected: &[
        column("time", LEGACY_TIME),
        column("impressions", IMPRESSIONS),
        column("likes", LIKES),
        column("replies", REPLIES),
        column("retweets", RETWEETS),
        column("url clicks", URL_CLICKS),
    ],
    read: |row, ctx| read_legacy(row, ctx).map(Some),
};

static CONTENT: FormatSpec = FormatSpec {
    name: "X account analytics content export",
    required: &[column("Post Link", CONTENT_KEY)],
    expected: &[
        column("Date", CONTENT_DATE),
        column("Impressions", IMPRESSIONS),
        column("Likes", LIKES),
        column("Replies", REPLIES),
        column("Reposts", REPOSTS),
        column("Bookmarks", BOOKMARKS),
        column("URL Clicks", URL_CLICKS),
    ],
    read: |row, ctx| read_content(row, ctx).map(Some),
};

/// Legacy files have `Tweet id`/`Tweet permalink`; current ones `Post Link` (or
/// `Post id` with `Post text` and no Meta `Permalink`).
pub(super) fn detect(header: &Header) -> Option<&'static FormatSpec> {
    if header.has("tweet id") || header.has("tweet permalink") {
        Some(&LEGACY)
    } else if header.has("post link")
        || (header.has("post id") && header.has("post text") && !header.has("permalink"))
    {
        Some(&CONTENT)
    } else {
        None
    }
}

/// One row of the legacy Tweet activity export.
fn read_legacy(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<MetricRecord, String> {
    let key = read_key(row, LEGACY_PERMALINK, LEGACY_ID)?;
    let mut record = MetricRecord::new(ctx.file, row.line, key, Platform::X);
    record.date = ctx.snapshot;
    record.published_at = row.text(LEGACY_TIME).map(parse_published).transpose()?;
    record.impressions = row.count(IMPRESSIONS)?;
    record.likes = row.count(LIKES)?;
    record.comments = row.count(REPLIES)?;
    record.shares = row.count(RETWEETS)?;
    record.clicks = row.count(URL_CLICKS)?;
    record.video_views = row.count(MEDIA_VIEWS)?;
    record.network_engagements = row.count(ENGAGEMENTS)?;
    Ok(record)
}

/// One row of the current account analytics content export.
fn read_content(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<MetricRecord, String> {
    let key = read_key(row, CONTENT_PERMALINK, CONTENT_ID)?;
    let mut record = MetricRecord::new(ctx.file, row.line, key, Platform::X);
    record.date = ctx.snapshot;
    record.published_at = row.text(CONTENT_DATE).map(parse_published).transpose()?;
    record.impressions = row.count(IMPRESSIONS)?;
    record.likes = row.count(LIKES)?;
    record.comments = row.count(REPLIES)?;
    record.shares = row.sum(&[REPOSTS, SHARES])?;
    record.saves = row.count(BOOKMARKS)?;
    record.clicks = row.count(URL_CLICKS)?;
    record.video_views = row.count(MEDIA_VIEWS)?;
    record.network_engagements = row.count(ENGAGEMENTS)?;
    Ok(record)
}

/// The permalink, or one built from the id. Spreadsheet programs turn long ids
/// into `1.81E+18`; such an id is rejected rather than joined to the wrong post.
fn read_key(row: &Row<'_>, permalink: &[&str], id: &[&str]) -> Result<PostKey, String> {
    if let Some(url) = row.text(permalink) {
        return Ok(PostKey::Permalink(normalise_permalink(url)));
    }
    let Some(id_cell) = row.text(id) else {
        return Err("the row has neither a permalink nor a post id".to_owned());
    };
    if !id_cell.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "column `{}`: `{id_cell}` is not an X post id (a spreadsheet may have rounded it)",
            row.column_name(id)
        ));
    }
    Ok(PostKey::Permalink(x_status_permalink(id_cell)))
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use crate::metrics::{PostKey, Published, parse_csv};
    use crate::platform::Platform;

    const LEGACY_HEADER: &str = "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,\
        retweets,replies,likes,user profile clicks,url clicks,hashtag clicks,detail expands,permalink clicks,\
        app opens,app installs,follows,email tweet,dial phone,media views,media engagements";

    #[test]
    fn legacy_tweet_activity_rows() {
        let csv = format!(
            "{LEGACY_HEADER}\n\
             1812345678901234567,https://twitter.com/radwerk_le/status/1812345678901234567,\"Drei Checks, bevor der Frost kommt\",2026-08-15 13:12:39 +0000,\"1,234\",61,0.0494,4,3,40,5,9,0,0,0,0,0,1,0,0,310,12\n\
             1812345678901234999,,Ohne Link,8/16/2026 09:30,800,20,0.025,1,0,15,0,2,0,0,0,0,0,0,0,0,0,0\n"
        );
        let file = "metrics/tweet_activity_metrics_radwerk_le_20260801_20260831_en.csv";
        let (records, diags) = parse_csv(file, csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(first.platform, Platform::X);
        assert_eq!(
            first.key,
            PostKey::Permalink("https://x.com/i/status/1812345678901234567".into())
        );
        assert_eq!(first.date, NaiveDate::from_ymd_opt(2026, 8, 31));
        assert_eq!(
            first.published_at,
            Some(Published::Utc(
                Utc.with_ymd_and_hms(2026, 8, 15, 13, 12, 39).unwrap()
            ))
        );
        assert_eq!(
            (
                first.impressions,
                first.likes,
                first.comments,
                first.shares,
                first.clicks,
                first.video_views
            ),
            (Some(1234), Some(40), Some(3), Some(4), Some(9), Some(310))
        );
        assert_eq!(
            first.network_engagements,
            Some(61),
            "X's own engagements, kept aside"
        );
        assert_eq!((first.reach, first.saves, first.followers), (None, None, None));
        assert_eq!(
            records[1].key,
            PostKey::Permalink("https://x.com/i/status/1812345678901234999".into())
        );
        assert!(matches!(records[1].published_at, Some(Published::Local(_))));
    }

    #[test]
    fn current_account_analytics_content_rows() {
        let csv = "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,\
                   Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks\n\
                   1812345678901234567,\"Tue, Jul 14, 2026\",\"Hallo, Leipzig\",https://x.com/radwerk_le/status/1812345678901234567,\"2,500\",80,130,6,2,1,7,5,3,20,11,0,1\n";
        let file = "metrics/account_analytics_content_2026-04-27_2026-07-25.csv";
        let (records, diags) = parse_csv(file, csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let r = &records[0];
        assert_eq!(
            r.key,
            PostKey::Permalink("https://x.com/i/status/1812345678901234567".into())
        );
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2026, 7, 25));
        assert_eq!(
            r.published_at,
            NaiveDate::from_ymd_opt(2026, 7, 14).map(Published::Day)
        );
        assert_eq!(
            (r.impressions, r.likes, r.comments, r.shares, r.saves, r.clicks),
            (Some(2500), Some(80), Some(7), Some(7), Some(6), Some(11))
        );
        assert_eq!(r.network_engagements, Some(130));
    }

    #[test]
    fn malformed_x_rows_name_file_line_and_cell() {
        let csv = "Post id,Date,Post Link,Impressions,Likes,Replies,Reposts,Bookmarks,URL Clicks\n\
                   1.81235E+18,\"Tue, Jul 14, 2026\",,100,1,1,1,1,1\n\
                   5,\"Tue, Jul 14, 2026\",,many,1,1,1,1,1\n\
                   6,someday,,100,1,1,1,1,1\n\
                   7,\"Tue, Jul 14, 2026\",,100,1,1,1,1,1\n";
        let (records, diags) = parse_csv("metrics/x.csv", csv.as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(
            records[0].key,
            PostKey::Permalink("https://x.com/i/status/7".into())
        );
        assert_eq!(diags.iter().map(|d| d.line).collect::<Vec<_>>(), [2, 3, 4]);
        assert!(diags[0].message.contains("rounded"), "{}", diags[0].message);
        assert!(
            diags[1].message.contains("`Impressions`: `many`"),
            "{}",
            diags[1].message
        );
        assert!(diags[2].message.contains("`someday`"), "{}", diags[2].message);
    }

    #[test]
    fn legacy_without_url_clicks_reports_the_missing_column() {
        let csv = "Tweet id,Tweet permalink,time,impressions,retweets,replies,likes\n\
                   1,https://x.com/a/status/1,2026-08-15 13:12:39 +0000,10,0,0,1\n";
        let (records, diags) = parse_csv("metrics/x.csv", csv.as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].rule, "metrics-missing-column");
        assert!(diags[0].message.contains("`url clicks`"), "{}", diags[0].message);
    }
}
