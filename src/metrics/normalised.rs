//! Touchpoint's own metrics CSV: one row per post, platform and day the figures
//! were taken. It is the path for every network without a usable export
//! (Mastodon, Bluesky, LinkedIn's XLS) and for hand-collected figures.
//!
//! ```text
//! post,platform,date,impressions,reach,likes,comments,shares,saves,clicks,video_views,followers
//! 2026/12/winterreifen,instagram,2026-12-08,5400,3900,210,14,9,31,,1200,2480
//! ```
//! `post` is the post id (a permalink is accepted too), `date` is `YYYY-MM-DD`,
//! an empty cell is unknown (not zero), `followers` is the account's follower
//! count on `date`.
//!
//! A cell written by a spreadsheet-safe writer (`'=…`, `'-…`, see [`crate::spreadsheet`])
//! is read back through [`spreadsheet::restore`], so Touchpoint's own CSV round-trips.

use crate::platform::Platform;
use crate::spreadsheet;

use super::cells::parse_iso_date;
use super::table::{Column, FileContext, FormatSpec, Header, Row};
use super::{MetricRecord, PostKey, normalise_permalink};

/// The header exactly as README documents it.
pub(super) const HEADER: &str =
    "post,platform,date,impressions,reach,likes,comments,shares,saves,clicks,video_views,followers";

const POST: &[&str] = &["post"];
const PLATFORM: &[&str] = &["platform"];
const DATE: &[&str] = &["date"];
const IMPRESSIONS: &[&str] = &["impressions"];
const REACH: &[&str] = &["reach"];
const LIKES: &[&str] = &["likes"];
const COMMENTS: &[&str] = &["comments"];
const SHARES: &[&str] = &["shares"];
const SAVES: &[&str] = &["saves"];
const CLICKS: &[&str] = &["clicks"];
const VIDEO_VIEWS: &[&str] = &["video_views", "video views"];
const FOLLOWERS: &[&str] = &["followers"];

static SPEC: FormatSpec = FormatSpec {
    name: "normalised metrics CSV",
    required: &[
        Column {
            label: "post",
            aliases: POST,
        },
        Column {
            label: "platform",
            aliases: PLATFORM,
        },
    ],
    expected: &[
        Column {
            label: "date",
            aliases: DATE,
        },
        Column {
            label: "impressions",
            aliases: IMPRESSIONS,
        },
        Column {
            label: "reach",
            aliases: REACH,
        },
        Column {
            label: "likes",
            aliases: LIKES,
        },
        Column {
            label: "comments",
            aliases: COMMENTS,
        },
        Column {
            label: "shares",
            aliases: SHARES,
        },
        Column {
            label: "saves",
            aliases: SAVES,
        },
        Column {
            label: "clicks",
            aliases: CLICKS,
        },
        Column {
            label: "video_views",
            aliases: VIDEO_VIEWS,
        },
        Column {
            label: "followers",
            aliases: FOLLOWERS,
        },
    ],
    read: |row, ctx| read_row(row, ctx).map(Some),
};

/// The normalised form is recognised by its `post` column next to `platform` or `date`.
pub(super) fn detect(header: &Header) -> Option<&'static FormatSpec> {
    (header.has("post") && (header.has("platform") || header.has("date"))).then_some(&SPEC)
}

/// Reads one row after undoing spreadsheet neutralising (a leading `'` before `=`, `+`,
/// `-`, `@`, tab or CR is removed).
fn read_row(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<MetricRecord, String> {
    let restored = row.mapped_cells(spreadsheet::restore);
    read_cells(&row.with_record(&restored), ctx)
}

/// Reads one row; every figure is optional, post and platform are not.
fn read_cells(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<MetricRecord, String> {
    let key = read_key(row.text(POST))?;
    let platform = read_platform(row.text(PLATFORM))?;
    let mut record = MetricRecord::new(ctx.file, row.line, key, platform);
    record.date = row.text(DATE).map(parse_iso_date).transpose()?;
    record.impressions = row.count(IMPRESSIONS)?;
    record.reach = row.count(REACH)?;
    record.likes = row.count(LIKES)?;
    record.comments = row.count(COMMENTS)?;
    record.shares = row.count(SHARES)?;
    record.saves = row.count(SAVES)?;
    record.clicks = row.count(CLICKS)?;
    record.video_views = row.count(VIDEO_VIEWS)?;
    record.followers = row.count(FOLLOWERS)?;
    Ok(record)
}

/// A post id (`posts/` and `.md` tolerated) or a permalink.
fn read_key(cell: Option<&str>) -> Result<PostKey, String> {
    let cell =
        cell.ok_or("the `post` cell is empty; it must hold a post id such as `2026/12/winterreifen`")?;
    let lower = cell.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(PostKey::Permalink(normalise_permalink(cell)));
    }
    let id = cell.strip_prefix("posts/").unwrap_or(cell);
    let id = id.strip_suffix(".md").unwrap_or(id);
    Ok(PostKey::Id(id.to_owned()))
}

/// A platform name as users write it; `twitter` is taken for `x`.
fn read_platform(cell: Option<&str>) -> Result<Platform, String> {
    let cell = cell.ok_or("the `platform` cell is empty")?;
    let name = cell.to_lowercase();
    let name = if name == "twitter" { "x" } else { name.as_str() };
    Platform::from_name(name).ok_or_else(|| {
        let suggestion = Platform::names()
            .map(|known| (strsim::jaro_winkler(known, name), known))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, known)| format!(" (did you mean `{known}`?)"))
            .unwrap_or_default();
        format!(
            "`{cell}` is not a platform Touchpoint knows{suggestion}; use one of {}",
            Platform::names().collect::<Vec<_>>().join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use crate::metrics::{PostKey, parse_csv};
    use crate::platform::Platform;

    #[test]
    fn reads_every_column_and_keeps_empty_cells_unknown() {
        let csv = "post,platform,date,impressions,reach,likes,comments,shares,saves,clicks,video_views,followers\n\
                   2026/12/winterreifen,instagram,2026-12-08,5400,3900,210,14,9,31,,1200,2480\n\
                   posts/2026/12/licht.md,Mastodon,2026-12-09,,,12,3,4,,,,\n";
        let (records, diags) = parse_csv("metrics/normalised.csv", csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(first.key, PostKey::Id("2026/12/winterreifen".into()));
        assert_eq!(first.platform, Platform::Instagram);
        assert_eq!(first.date.map(|d| d.to_string()).as_deref(), Some("2026-12-08"));
        assert_eq!(
            (
                first.impressions,
                first.reach,
                first.likes,
                first.comments,
                first.shares,
                first.saves
            ),
            (Some(5400), Some(3900), Some(210), Some(14), Some(9), Some(31))
        );
        assert_eq!(
            (first.clicks, first.video_views, first.followers),
            (None, Some(1200), Some(2480))
        );
        assert_eq!((first.file.as_str(), first.line), ("metrics/normalised.csv", 2));
        let second = &records[1];
        assert_eq!(second.key, PostKey::Id("2026/12/licht".into()));
        assert_eq!(second.platform, Platform::Mastodon);
        assert_eq!((second.impressions, second.likes), (None, Some(12)));
    }

    #[test]
    fn malformed_rows_are_diagnostics_with_line_and_the_rest_is_read() {
        let csv = "post,platform,date,impressions,reach,likes,comments,shares,saves,clicks,video_views,followers\n\
                   a,instagram,2026-12-08,lots,,,,,,,,\n\
                   b,instagarm,2026-12-08,1,,,,,,,,\n\
                   c,x,08.12.2026,1,,,,,,,,\n\
                   ,x,2026-12-08,1,,,,,,,,\n\
                   d,x,2026-12-08,1,2\n\
                   e,x,2026-12-08,7,,,,,,,,\n";
        let (records, diags) = parse_csv("metrics/n.csv", csv.as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].impressions, Some(7));
        let lines: Vec<u32> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        assert!(
            diags
                .iter()
                .all(|d| d.rule == "metrics-malformed-row" && d.file == "metrics/n.csv")
        );
        assert!(
            diags[0].message.contains("`lots` is not a whole number"),
            "{}",
            diags[0].message
        );
        assert!(diags[0].message.contains("impressions"), "{}", diags[0].message);
        assert!(
            diags[1].message.contains("did you mean `instagram`"),
            "{}",
            diags[1].message
        );
        assert!(diags[2].message.contains("YYYY-MM-DD"), "{}", diags[2].message);
        assert!(
            diags[3].message.contains("`post` cell is empty"),
            "{}",
            diags[3].message
        );
        assert!(diags[4].message.contains("5 cells"), "{}", diags[4].message);
    }

    #[test]
    fn cells_neutralised_for_spreadsheets_are_restored() {
        let csv = "post,platform,date,impressions,reach,likes,comments,shares,saves,clicks,video_views,followers\n\
                   '-draft,x,2026-12-08,'-,,5,,,,,,\n\
                   '@team,'+x,2026-12-08,,,,,,,,,\n\
                   'plain,x,2026-12-08,,,,,,,,,\n";
        let (records, diags) = parse_csv("metrics/normalised.csv", csv.as_bytes());
        assert_eq!(records.len(), 2, "{diags:?}");
        assert_eq!(records[0].key, PostKey::Id("-draft".into()));
        assert_eq!((records[0].impressions, records[0].likes), (None, Some(5)));
        assert_eq!(records[1].key, PostKey::Id("'plain".into()));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0].message.contains("`+x` is not a platform"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn missing_columns_are_reported_and_unknown_ones_ignored() {
        let csv = "post,platform,likes,mood\na,x,5,happy\n";
        let (records, diags) = parse_csv("metrics/n.csv", csv.as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].likes, Some(5));
        let missing: Vec<&str> = diags
            .iter()
            .filter(|d| d.rule == "metrics-missing-column")
            .filter_map(|d| d.message.split('`').nth(1))
            .collect();
        assert_eq!(
            missing,
            [
                "date",
                "impressions",
                "reach",
                "comments",
                "shares",
                "saves",
                "clicks",
                "video_views",
                "followers"
            ]
        );
    }

    #[test]
    fn without_a_platform_column_no_row_is_read() {
        let csv = "post,date,likes\na,2026-01-01,5\n";
        let (records, diags) = parse_csv("metrics/n.csv", csv.as_bytes());
        assert!(records.is_empty());
        assert!(
            diags
                .iter()
                .any(|d| d.rule == "metrics-missing-column" && d.message.contains("`platform`"))
        );
    }

    #[test]
    fn a_permalink_in_the_post_column_is_a_permalink_key() {
        let csv = "post,platform\nhttps://twitter.com/a/status/99?s=1,twitter\n";
        let (records, _) = parse_csv("metrics/n.csv", csv.as_bytes());
        assert_eq!(
            records[0].key,
            PostKey::Permalink("https://x.com/i/status/99".into())
        );
        assert_eq!(records[0].platform, Platform::X);
    }
}
