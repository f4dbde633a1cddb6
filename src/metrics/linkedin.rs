//! LinkedIn Page analytics, as downloaded (`.xls`; `.xlsx` or CSV once re-saved):
//!
//! - content export, sheet "All posts" (a title row, the header on row 2):
//!   `Post title, Post link, Post type, Campaign name, Posted by, Created date, …,
//!   Impressions, Views (excluding off-site video views), Off-site views, Clicks,
//!   Click through rate (CTR), Likes, Comments, Reposts, Follows, Engagement rate, Content Type`
//! - the older "Update engagement" sheet: `Update title, Update link, …, Created date,
//!   Impressions, Video views, Clicks, …, Likes, Comments, Shares, Follows, Engagement rate`
//! - the content export's per-day sheet "Metrics": `Date, Impressions (organic),
//!   Impressions (sponsored), Impressions (total), Unique impressions (organic),
//!   Clicks (…), Reactions (…), Comments (…), Reposts (…) / Shares (…), Engagement rate (…)`
//! - the followers export ("New followers" sheet): a title row, then `Date,
//!   (Sponsored followers,) Organic followers, (Auto-invited followers,) Total followers`,
//!   where each is the number of followers GAINED that day, not the page's size.
//!
//! Post rows join by `Post link` / `Update link`. LinkedIn derives `Click through rate`
//! and `Engagement rate` from the other columns, so Touchpoint does not read them.
//! German headers (`Beitragslink`, `Impressionen`, `Klicks`, `Kommentare`, …) are
//! accepted as seen in localised downloads; docs/importers.md marks them unverified.

use super::cells::{parse_any_date, parse_published};
use super::table::{Column, FileContext, FormatSpec, Header, Row};
use super::{MetricRecord, PostKey, normalise_permalink};
use crate::platform::Platform;

const POST_LINK: &[&str] = &["post link", "beitragslink"];
const UPDATE_LINK: &[&str] = &["update link"];
const ANY_LINK: &[&str] = &["post link", "update link", "beitragslink"];
const CREATED: &[&str] = &["created date", "erstellungsdatum"];
const IMPRESSIONS: &[&str] = &["impressions", "impressionen"];
const VIEWS: &[&str] = &[
    "views (excluding off-site video views)",
    "video views",
    "views",
    "videoaufrufe",
];
const CLICKS: &[&str] = &["clicks", "klicks"];
const LIKES: &[&str] = &["likes", "reactions", "reaktionen"];
const COMMENTS: &[&str] = &["comments", "kommentare"];
const REPOSTS: &[&str] = &["reposts", "shares", "direktveröffentlichungen"];
const FOLLOWS: &[&str] = &["follows", "follower"];
const DATE: &[&str] = &["date", "datum"];
const DAY_IMPRESSIONS: &[&str] = &["impressions (total)", "impressions (organic)"];
const DAY_REACH: &[&str] = &["unique impressions (organic)"];
const DAY_CLICKS: &[&str] = &["clicks (total)", "clicks (organic)"];
const DAY_REACTIONS: &[&str] = &["reactions (total)", "reactions (organic)"];
const DAY_COMMENTS: &[&str] = &["comments (total)", "comments (organic)"];
const DAY_REPOSTS: &[&str] = &[
    "reposts (total)",
    "shares (total)",
    "reposts (organic)",
    "shares (organic)",
];
const NEW_FOLLOWERS: &[&str] = &["total followers", "organic followers"];

/// Shorthand for a column definition.
const fn column(label: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { label, aliases }
}

static ALL_POSTS: FormatSpec = FormatSpec {
    name: "LinkedIn \"All posts\" export",
    required: &[column("Post link", POST_LINK)],
    expected: &[
        column("Created date", CREATED),
        column("Impressions", IMPRESSIONS),
        column("Clicks", CLICKS),
        column("Likes", LIKES),
        column("Comments", COMMENTS),
        column("Reposts", REPOSTS),
    ],
    read: read_post,
};

static UPDATES: FormatSpec = FormatSpec {
    name: "LinkedIn \"Update engagement\" export",
    required: &[column("Update link", UPDATE_LINK)],
    expected: &[
        column("Created date", CREATED),
        column("Impressions", IMPRESSIONS),
        column("Clicks", CLICKS),
        column("Likes", LIKES),
        column("Comments", COMMENTS),
        column("Shares", REPOSTS),
    ],
    read: read_post,
};

static METRICS: FormatSpec = FormatSpec {
    name: "LinkedIn per-day \"Metrics\" export",
    required: &[column("Date", DATE)],
    expected: &[
        column("Impressions (total)", DAY_IMPRESSIONS),
        column("Clicks (total)", DAY_CLICKS),
        column("Reactions (total)", DAY_REACTIONS),
    ],
    read: read_day,
};

static FOLLOWERS: FormatSpec = FormatSpec {
    name: "LinkedIn followers export",
    required: &[column("Date", DATE), column("Total followers", NEW_FOLLOWERS)],
    expected: &[],
    read: read_followers,
};

/// `Post link` with a LinkedIn column beside it (X's current export also has
/// `Post link`), `Update link`, or a per-day sheet with LinkedIn's `(total)` columns.
pub(super) fn detect(header: &Header) -> Option<&'static FormatSpec> {
    let linkedin_post = ["post title", "posted by", "created date", "beitragstitel"];
    if header.index(POST_LINK).is_some() && linkedin_post.iter().any(|n| header.has(n)) {
        Some(&ALL_POSTS)
    } else if header.has("update link") {
        Some(&UPDATES)
    } else if header.index(DATE).is_some() && header.index(DAY_IMPRESSIONS).is_some() {
        Some(&METRICS)
    } else if header.index(DATE).is_some() && header.index(NEW_FOLLOWERS).is_some() {
        Some(&FOLLOWERS)
    } else {
        None
    }
}

/// One post of "All posts" or "Update engagement".
fn read_post(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<Option<MetricRecord>, String> {
    let url = row.text(ANY_LINK).ok_or_else(|| {
        format!(
            "the `{}` cell is empty; Touchpoint joins LinkedIn rows to posts by their link",
            row.column_name(ANY_LINK)
        )
    })?;
    let key = PostKey::Permalink(normalise_permalink(url));
    let mut record = MetricRecord::new(ctx.file, row.line, key, Platform::Linkedin);
    record.date = ctx.snapshot;
    record.published_at = row.text(CREATED).map(parse_published).transpose()?;
    record.impressions = row.count(IMPRESSIONS)?;
    record.video_views = row.count(VIEWS)?;
    record.clicks = row.count(CLICKS)?;
    record.likes = row.count(LIKES)?;
    record.comments = row.count(COMMENTS)?;
    record.shares = row.count(REPOSTS)?;
    record.follows = row.count(FOLLOWS)?;
    Ok(Some(record))
}

/// One day of the "Metrics" sheet: the page's figures that day.
fn read_day(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<Option<MetricRecord>, String> {
    let mut record = MetricRecord::account(ctx.file, row.line, Platform::Linkedin, read_date(row)?);
    record.impressions = row.count(DAY_IMPRESSIONS)?;
    record.reach = row.count(DAY_REACH)?;
    record.clicks = row.count(DAY_CLICKS)?;
    record.likes = row.count(DAY_REACTIONS)?;
    record.comments = row.count(DAY_COMMENTS)?;
    record.shares = row.count(DAY_REPOSTS)?;
    Ok(Some(record))
}

/// One day of the followers export: followers gained that day.
fn read_followers(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<Option<MetricRecord>, String> {
    let mut record = MetricRecord::account(ctx.file, row.line, Platform::Linkedin, read_date(row)?);
    record.follows = row.count(NEW_FOLLOWERS)?;
    Ok(Some(record))
}

/// The row's `Date`, which an account row cannot do without.
fn read_date(row: &Row<'_>) -> Result<chrono::NaiveDate, String> {
    let cell = row.text(DATE).ok_or("the `Date` cell is empty")?;
    parse_any_date(cell).ok_or_else(|| format!("column `Date`: `{cell}` is not a date"))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::metrics::{PostKey, Published, parse_csv};
    use crate::platform::Platform;

    const ALL_POSTS: &str = "All posts: every post of the page in the period,,,,,,,,,,,,,,,,,,,\n\
        Post title,Post link,Post type,Campaign name,Posted by,Created date,Campaign start date,Campaign end date,\
        Audience,Impressions,Views (excluding off-site video views),Off-site views,Clicks,Click through rate (CTR),\
        Likes,Comments,Reposts,Follows,Engagement rate,Content Type\n\
        Winterreifen,https://www.linkedin.com/feed/update/urn:li:activity:7140000000000000001/,Organic,,Radwerk,\
        12/02/2026,,,All followers,\"1,250\",,,37,0.0296,41,6,3,2,0.0712,Image\n";

    #[test]
    fn all_posts_with_a_title_row_above_the_header() {
        let (records, diags) = parse_csv("metrics/radwerk_content_2026-12-31.csv", ALL_POSTS.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let r = &records[0];
        assert_eq!(r.platform, Platform::Linkedin);
        assert_eq!(r.line, 3);
        assert_eq!(
            r.key,
            PostKey::Permalink("https://linkedin.com/feed/update/urn:li:activity:7140000000000000001".into())
        );
        assert_eq!(
            r.published_at,
            NaiveDate::from_ymd_opt(2026, 12, 2).map(Published::Day)
        );
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(
            (
                r.impressions,
                r.clicks,
                r.likes,
                r.comments,
                r.shares,
                r.follows,
                r.video_views
            ),
            (Some(1250), Some(37), Some(41), Some(6), Some(3), Some(2), None)
        );
    }

    #[test]
    fn older_update_engagement_sheet() {
        let csv = "Update title,Update link,Update type,Created date,Impressions,Video views,Clicks,\
                   Click through rate (CTR),Likes,Comments,Shares,Follows,Engagement rate\n\
                   Video,https://www.linkedin.com/feed/update/urn:li:activity:7/,Organic,01/05/2026,900,300,12,0.01,20,2,1,0,0.03\n";
        let (records, diags) = parse_csv("metrics/updates.csv", csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let r = &records[0];
        assert_eq!(
            (r.video_views, r.shares, r.impressions),
            (Some(300), Some(1), Some(900))
        );
    }

    #[test]
    fn per_day_metrics_and_followers_are_account_rows() {
        let csv = "Date,Impressions (organic),Impressions (sponsored),Impressions (total),Unique impressions (organic),\
                   Clicks (organic),Clicks (sponsored),Clicks (total),Reactions (organic),Reactions (sponsored),Reactions (total),\
                   Comments (organic),Comments (sponsored),Comments (total),Reposts (organic),Reposts (sponsored),Reposts (total),\
                   Engagement rate (organic),Engagement rate (sponsored),Engagement rate (total)\n\
                   12/01/2026,300,0,300,210,9,0,9,14,0,14,2,0,2,1,0,1,0.08,0,0.08\n";
        let (records, diags) = parse_csv("metrics/metrics.csv", csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(records[0].key, PostKey::Account);
        assert_eq!(
            (records[0].impressions, records[0].reach, records[0].likes),
            (Some(300), Some(210), Some(14))
        );

        let csv = "New followers,,,\nDate,Sponsored followers,Organic followers,Total followers\n\
                   12/01/2026,0,4,4\n12/02/2026,1,2,3\n12/03/2026,0,x,x\n";
        let (records, diags) = parse_csv("metrics/followers.csv", csv.as_bytes());
        assert_eq!(
            records.iter().map(|r| r.follows).collect::<Vec<_>>(),
            [Some(4), Some(3)]
        );
        assert_eq!(records[1].date, NaiveDate::from_ymd_opt(2026, 12, 2));
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].rule, diags[0].line), ("metrics-malformed-row", 5));
        assert!(
            diags[0].message.contains("`Total followers`: `x`"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn a_row_without_link_is_malformed() {
        let csv = "Post title,Post link,Created date,Impressions,Clicks,Likes,Comments,Reposts\nA,,12/02/2026,1,1,1,1,1\n";
        let (records, diags) = parse_csv("metrics/li.csv", csv.as_bytes());
        assert!(records.is_empty());
        assert!(
            diags[0].message.contains("`Post link` cell is empty"),
            "{}",
            diags[0].message
        );
    }
}
