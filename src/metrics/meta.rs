//! Meta Business Suite post exports (Insights → Content → Export), Instagram and
//! Facebook Page:
//!
//! - Instagram: `Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves`
//! - Facebook: `Post ID,Page ID,Page name,Title,Description,…,Publish time,…,Permalink,…,Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,Link Clicks,…`
//!
//! Quirks handled: a UTF-8 BOM, column order that changes between downloads
//! (columns are matched by name), quoted `"15,000"` numbers, `MM/DD/YYYY HH:MM`
//! publish times in the account's zone, `Date` = `Lifetime`, older files with
//! `Impressions` instead of `Views`, and German exports (`;`, `1.500`, `Datum`,
//! `Reichweite`). Rows join to posts through `Permalink`.

use super::cells::{parse_any_date, parse_published};
use super::table::{Column, FileContext, FormatSpec, Header, Row};
use super::{MetricRecord, PostKey, normalise_permalink, platform_of_permalink};
use crate::platform::Platform;

const PERMALINK: &[&str] = &["permalink"];
const PUBLISH_TIME: &[&str] = &["publish time"];
const POST_TYPE: &[&str] = &["post type"];
const DATE: &[&str] = &["date", "datum"];
const IMPRESSIONS: &[&str] = &["impressions"];
const VIEWS: &[&str] = &["views"];
const SHOWN: &[&str] = &["views", "impressions"];
const REACH: &[&str] = &["reach", "reichweite"];
const LIKES: &[&str] = &["likes", "reactions"];
const COMMENTS: &[&str] = &["comments"];
const SHARES: &[&str] = &["shares"];
const SAVES: &[&str] = &["saves"];
const CLICKS: &[&str] = &["link clicks", "total clicks"];

/// Shorthand for a column definition.
const fn column(label: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { label, aliases }
}

const REQUIRED: &[Column] = &[column("Permalink", PERMALINK)];

static INSTAGRAM: FormatSpec = FormatSpec {
    name: "Meta Business Suite Instagram post export",
    required: REQUIRED,
    expected: &[
        column("Publish time", PUBLISH_TIME),
        column("Views", SHOWN),
        column("Reach", REACH),
        column("Likes", LIKES),
        column("Comments", COMMENTS),
        column("Shares", SHARES),
        column("Saves", SAVES),
    ],
    read: |row, ctx| read_instagram(row, ctx).map(Some),
};

static FACEBOOK: FormatSpec = FormatSpec {
    name: "Meta Business Suite Facebook post export",
    required: REQUIRED,
    expected: &[
        column("Publish time", PUBLISH_TIME),
        column("Views", SHOWN),
        column("Reach", REACH),
        column("Reactions", LIKES),
        column("Comments", COMMENTS),
        column("Shares", SHARES),
        column("Link Clicks", CLICKS),
    ],
    read: |row, ctx| read_facebook(row, ctx).map(Some),
};

/// A Meta export whose header does not say which network (localised files): the
/// platform comes from each row's permalink.
static UNSPECIFIED: FormatSpec = FormatSpec {
    name: "Meta Business Suite post export",
    required: REQUIRED,
    expected: &[column("Reach", REACH)],
    read: |row, ctx| read_unspecified(row, ctx).map(Some),
};

/// A `Permalink` column marks a Meta export; account columns say Instagram, page
/// columns Facebook.
pub(super) fn detect(header: &Header) -> Option<&'static FormatSpec> {
    if !header.has("permalink") {
        return None;
    }
    let instagram = ["account id", "account username", "account name"];
    let facebook = ["page id", "page name"];
    if instagram.iter().any(|name| header.has(name)) {
        Some(&INSTAGRAM)
    } else if facebook.iter().any(|name| header.has(name)) {
        Some(&FACEBOOK)
    } else {
        Some(&UNSPECIFIED)
    }
}

/// A row of an Instagram export.
fn read_instagram(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<MetricRecord, String> {
    read_row(row, ctx, Some(Platform::Instagram))
}

/// A row of a Facebook Page export.
fn read_facebook(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<MetricRecord, String> {
    read_row(row, ctx, Some(Platform::Facebook))
}

/// A row of an export that does not name its network.
fn read_unspecified(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<MetricRecord, String> {
    read_row(row, ctx, None)
}

/// Reads one row. `Views` counts as impressions (Meta replaced Impressions with
/// Views in 2024–25); when a file has both, `Views` becomes video views.
fn read_row(
    row: &Row<'_>,
    ctx: &FileContext<'_>,
    platform: Option<Platform>,
) -> Result<MetricRecord, String> {
    let url = row
        .text(PERMALINK)
        .ok_or("the `Permalink` cell is empty; Touchpoint joins Meta rows to posts by permalink")?;
    let permalink = normalise_permalink(url);
    let platform = row_platform(row, &permalink, platform)?;
    let mut record = MetricRecord::new(ctx.file, row.line, PostKey::Permalink(permalink), platform);
    record.date = row.text(DATE).and_then(parse_any_date).or(ctx.snapshot);
    record.published_at = row.text(PUBLISH_TIME).map(parse_published).transpose()?;
    if row.has(IMPRESSIONS) {
        record.impressions = row.count(IMPRESSIONS)?;
        record.video_views = row.count(VIEWS)?;
    } else {
        record.impressions = row.count(VIEWS)?;
    }
    record.reach = row.count(REACH)?;
    record.likes = row.count(LIKES)?;
    record.comments = row.count(COMMENTS)?;
    record.shares = row.count(SHARES)?;
    record.saves = row.count(SAVES)?;
    record.clicks = row.count(CLICKS)?;
    Ok(record)
}

/// The permalink's host decides; then the file's kind; then `Post type` (`IG reel`).
fn row_platform(row: &Row<'_>, permalink: &str, file_platform: Option<Platform>) -> Result<Platform, String> {
    let by_host =
        platform_of_permalink(permalink).filter(|p| matches!(p, Platform::Instagram | Platform::Facebook));
    let by_type = || {
        row.text(POST_TYPE)
            .filter(|t| t.to_ascii_lowercase().starts_with("ig "))
            .map(|_| Platform::Instagram)
    };
    by_host.or(file_platform).or_else(by_type).ok_or_else(|| {
        format!(
            "cannot tell whether `{permalink}` is an Instagram or a Facebook post; use the post's permalink"
        )
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::metrics::{PostKey, Published, parse_csv};
    use crate::platform::Platform;

    #[test]
    fn instagram_export_with_bom_quoted_numbers_and_lifetime_date() {
        let csv = "\u{feff}Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,\
                   Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves\n\
                   1789,1701,radwerk.leipzig,Radwerk,\"Drei Checks, bevor der Frost kommt\",0,12/01/2026 09:00,\
                   https://www.instagram.com/p/DAbC123xYz/,IG image,,Lifetime,\"15,000\",\"9,800\",420,12,3,31,57\n";
        let (records, diags) = parse_csv("metrics/instagram.csv", csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let r = &records[0];
        assert_eq!(r.platform, Platform::Instagram);
        assert_eq!(
            r.key,
            PostKey::Permalink("https://instagram.com/p/DAbC123xYz".into())
        );
        assert_eq!(r.date, None);
        assert_eq!(
            r.published_at,
            NaiveDate::from_ymd_opt(2026, 12, 1)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .map(Published::Local)
        );
        assert_eq!(
            (
                r.impressions,
                r.reach,
                r.likes,
                r.shares,
                r.comments,
                r.saves,
                r.clicks
            ),
            (
                Some(15_000),
                Some(9_800),
                Some(420),
                Some(12),
                Some(31),
                Some(57),
                None
            )
        );
    }

    #[test]
    fn columns_are_matched_by_name_not_order() {
        let csv = "Permalink,Saves,Reach,Comments,Likes,Views,Shares,Publish time,Account username\n\
                   https://instagram.com/reel/Zz9/,5,100,2,10,300,1,12/02/2026 18:30,radwerk\n";
        let (records, diags) = parse_csv("metrics/ig.csv", csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let r = &records[0];
        assert_eq!(r.key, PostKey::Permalink("https://instagram.com/p/Zz9".into()));
        assert_eq!(
            (r.saves, r.reach, r.comments, r.likes, r.impressions),
            (Some(5), Some(100), Some(2), Some(10), Some(300))
        );
    }

    #[test]
    fn older_instagram_export_with_impressions_and_views() {
        let csv = "Post ID,Account username,Permalink,Publish time,Impressions,Views,Reach,Likes,Comments,Shares,Saves\n\
                   1,radwerk,https://instagram.com/p/A/,12/02/2026 18:30,900,450,700,10,1,1,1\n";
        let (records, _) = parse_csv("metrics/ig.csv", csv.as_bytes());
        assert_eq!(
            (records[0].impressions, records[0].video_views),
            (Some(900), Some(450))
        );
    }

    #[test]
    fn facebook_page_export_uses_reactions_and_link_clicks() {
        let csv = "\u{feff}Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,\
                   Is crosspost,Is share,Post type,Languages,Custom labels,Funded content status,Data comment,Date,Views,\
                   Reach,\"Reactions, Comments and Shares\",Reactions,Comments,Shares,Total clicks,Link Clicks,Other Clicks\n\
                   123_456,123,Radwerk,,Winter,,12/03/2026 12:00,,https://www.facebook.com/Radwerk/posts/pfbid0AbC,\
                   No,No,Photos,,,,,Lifetime,\"2,100\",\"1,650\",48,40,5,3,77,21,56\n";
        let (records, diags) = parse_csv("metrics/facebook.csv", csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let r = &records[0];
        assert_eq!(r.platform, Platform::Facebook);
        assert_eq!(
            r.key,
            PostKey::Permalink("https://facebook.com/Radwerk/posts/pfbid0AbC".into())
        );
        assert_eq!(
            (
                r.impressions,
                r.reach,
                r.likes,
                r.comments,
                r.shares,
                r.clicks,
                r.saves
            ),
            (Some(2100), Some(1650), Some(40), Some(5), Some(3), Some(21), None)
        );
    }

    #[test]
    fn german_export_with_semicolons_and_dotted_thousands() {
        let csv = "Beitrags-ID;Permalink;Datum;Reichweite;Likes;Comments\n\
                   1;https://www.instagram.com/p/DE1/;2026-12-10;1.500;\"1.020\";7\n\
                   2;https://www.instagram.com/p/DE2/;2026-12-10;1,5;3;0\n";
        let (records, diags) = parse_csv("metrics/meta-de.csv", csv.as_bytes());
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.platform, Platform::Instagram);
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2026, 12, 10));
        assert_eq!((r.reach, r.likes, r.comments), (Some(1500), Some(1020), Some(7)));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].rule, diags[0].line), ("metrics-malformed-row", 3));
        assert!(
            diags[0].message.contains("`Reichweite`: `1,5`"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn rows_without_permalink_or_with_shifted_cells_are_malformed() {
        let csv = "Post ID,Account username,Permalink,Publish time,Views,Reach,Likes,Comments,Shares,Saves\n\
                   1,radwerk,,12/02/2026 18:30,900,700,10,1,1,1\n\
                   2,radwerk,https://instagram.com/p/B/,12/02/2026 18:30,15,000,700,10,1,1,1\n\
                   3,radwerk,https://instagram.com/p/C/,31/02/2026 18:30,900,700,10,1,1,1\n";
        let (records, diags) = parse_csv("metrics/ig.csv", csv.as_bytes());
        assert!(records.is_empty());
        assert_eq!(diags.iter().map(|d| d.line).collect::<Vec<_>>(), [2, 3, 4]);
        assert!(diags[0].message.contains("`Permalink` cell is empty"));
        assert!(diags[1].message.contains("must be quoted"));
        assert!(diags[2].message.contains("`31/02/2026 18:30`"));
    }

    #[test]
    fn missing_reach_is_reported_once_for_the_file() {
        let csv = "Post ID,Account username,Permalink,Publish time,Views,Likes,Comments,Shares,Saves\n\
                   1,radwerk,https://instagram.com/p/A/,12/02/2026 18:30,900,10,1,1,1\n";
        let (records, diags) = parse_csv("metrics/ig.csv", csv.as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].rule, diags[0].line), ("metrics-missing-column", 1));
        assert!(diags[0].message.contains("`Reach`"));
    }
}
