//! YouTube Studio (Analytics → Advanced mode → Export → CSV), whose zip holds three files:
//!
//! - `Table data.csv`, one row per video: `Content` (the video id), `Video title`,
//!   `Video publish time` (`Oct 3, 2026`), `Duration`, `Views`, `Watch time (hours)`,
//!   `Subscribers`, `Impressions`, `Impressions click-through rate (%)`, and the
//!   metrics the user added (`Average view duration`, `Average percentage viewed (%)`,
//!   `Likes`, `Comments added`, `Shares`, `Subscribers gained`, `Subscribers lost`, …).
//!   Its first data row is `Total`, which is not a video and is skipped.
//! - `Chart data.csv` (per day and video) and `Totals.csv` (per day): recognised so
//!   that the unpacked folder raises no warning, and not used: `Table data.csv` holds
//!   each video's figures for the period.
//!
//! Rows join to posts by the video id: a post's permalink in any YouTube form
//! (`youtube.com/watch?v=ID`, `youtu.be/ID`, `youtube.com/shorts/ID`) matches.
//! `Views` are both the video views and the impressions the engagement rate divides
//! by (as with Meta's `Views`); YouTube's `Impressions` count thumbnail showings.

use super::cells::parse_count;
use super::table::{Column, FileContext, FormatSpec, Header, Row};
use super::{MetricRecord, PostKey, normalise_permalink};
use crate::platform::Platform;

const CONTENT: &[&str] = &["content", "inhalt"];
const PUBLISHED: &[&str] = &["video publish time", "veröffentlichungszeitpunkt des videos"];
const VIEWS: &[&str] = &["views", "aufrufe"];
const WATCH_HOURS: &[&str] = &["watch time (hours)", "wiedergabezeit (stunden)"];
const AVERAGE_VIEW: &[&str] = &["average view duration", "durchschnittliche wiedergabedauer"];
const PERCENT_VIEWED: &[&str] = &[
    "average percentage viewed (%)",
    "durchschnittlich angesehener prozentsatz (%)",
];
const SUBSCRIBERS: &[&str] = &["subscribers", "abonnenten"];
const GAINED: &[&str] = &["subscribers gained", "gewonnene abonnenten"];
const LOST: &[&str] = &["subscribers lost", "verlorene abonnenten"];
const LIKES: &[&str] = &["likes", "mag ich-bewertungen"];
const COMMENTS: &[&str] = &["comments added", "hinzugefügte kommentare"];
const SHARES: &[&str] = &["shares", "geteilte inhalte"];

/// Every column of YouTube's per-day `Totals.csv` that Touchpoint has seen.
const TOTALS_COLUMNS: &[&str] = &[
    "date",
    "views",
    "watch time (hours)",
    "subscribers",
    "impressions",
    "impressions click-through rate (%)",
    "average view duration",
    "average percentage viewed (%)",
    "likes",
    "shares",
    "comments added",
    "subscribers gained",
    "subscribers lost",
    "unique viewers",
    "engaged views",
    "estimated revenue (usd)",
];

/// Shorthand for a column definition.
const fn column(label: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { label, aliases }
}

static TABLE: FormatSpec = FormatSpec {
    name: "YouTube Studio \"Table data\" export",
    required: &[column("Content", CONTENT)],
    expected: &[
        column("Video publish time", PUBLISHED),
        column("Views", VIEWS),
        column("Watch time (hours)", WATCH_HOURS),
    ],
    read: read_video,
};

static CHART_OR_TOTALS: FormatSpec = FormatSpec {
    name: "YouTube Studio chart data",
    required: &[],
    expected: &[],
    read: |_, _| Ok(None),
};

/// `Content` with `Video title` or `Video publish time` is the table (the chart data
/// adds `Date`); `Date` with only YouTube's metric columns is `Totals.csv`.
pub(super) fn detect(header: &Header) -> Option<&'static FormatSpec> {
    let video = header.has("video title") || header.index(PUBLISHED).is_some();
    if header.index(CONTENT).is_some() && video {
        return Some(if header.has("date") {
            &CHART_OR_TOTALS
        } else {
            &TABLE
        });
    }
    let totals = header.has("date")
        && header.has("views")
        && header.names().all(|name| TOTALS_COLUMNS.contains(&name));
    totals.then_some(&CHART_OR_TOTALS)
}

/// One video (the `Total` row gives `None`).
fn read_video(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<Option<MetricRecord>, String> {
    let id = row
        .text(CONTENT)
        .ok_or("the `Content` cell is empty; it holds the video id YouTube rows are joined by")?;
    if id.eq_ignore_ascii_case("total") || id.eq_ignore_ascii_case("gesamt") {
        return Ok(None);
    }
    let key = PostKey::Permalink(video_permalink(id)?);
    let mut record = MetricRecord::new(ctx.file, row.line, key, Platform::Youtube);
    record.date = ctx.snapshot;
    record.published_at = row
        .text(PUBLISHED)
        .map(super::cells::parse_published)
        .transpose()?;
    record.video_views = row.count(VIEWS)?;
    record.impressions = record.video_views;
    record.watch_seconds = row.decimal(WATCH_HOURS)?.map(|hours| hours * 3600.0);
    record.average_view_seconds = row.seconds(AVERAGE_VIEW)?;
    record.completion_rate = row.rate(PERCENT_VIEWED)?;
    record.likes = row.count(LIKES)?;
    record.comments = row.count(COMMENTS)?;
    record.shares = row.count(SHARES)?;
    (record.follows, record.unfollows) = subscribers(row)?;
    Ok(Some(record))
}

/// Subscribers gained and lost through the video: the two columns when the export
/// has them, else the net `Subscribers` (negative when more left than came).
fn subscribers(row: &Row<'_>) -> Result<(Option<u64>, Option<u64>), String> {
    if row.has(GAINED) || row.has(LOST) {
        return Ok((row.count(GAINED)?, row.count(LOST)?));
    }
    let Some(cell) = row.text(SUBSCRIBERS) else {
        return Ok((None, None));
    };
    let (negative, digits) = match cell.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, cell),
    };
    let style = super::cells::NumberStyle::ENGLISH;
    let net = parse_count(digits, style)
        .map_err(|why| format!("column `{}`: {why}", row.column_name(SUBSCRIBERS)))?
        .unwrap_or(0);
    Ok(if negative {
        (Some(0), Some(net))
    } else {
        (Some(net), Some(0))
    })
}

/// The canonical permalink of a video id; an id is 11 letters, digits, `-` or `_`.
fn video_permalink(id: &str) -> Result<String, String> {
    let valid = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return Err(format!("column `Content`: `{id}` is not a YouTube video id"));
    }
    Ok(normalise_permalink(&format!("https://youtu.be/{id}")))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::metrics::{PostKey, Published, parse_csv};
    use crate::platform::Platform;

    #[test]
    fn table_data_skips_the_total_row_and_reads_videos() {
        let csv = "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,\
                   Impressions,Impressions click-through rate (%),Average view duration,Likes,Comments added,Shares\n\
                   Total,,,,\"3,400\",120.5,12,\"41,000\",5.1,0:02:07,150,20,9\n\
                   dQw4w9WgXcQ,Winterreifen wechseln,\"Oct 3, 2026\",312,\"2,400\",90.25,-2,\"30,000\",5.6,0:02:15,110,14,7\n";
        let (records, diags) = parse_csv("metrics/yt/Table data.csv", csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.platform, Platform::Youtube);
        assert_eq!(r.line, 3);
        assert_eq!(r.key, PostKey::Permalink("https://youtu.be/dQw4w9WgXcQ".into()));
        assert_eq!(
            r.published_at,
            NaiveDate::from_ymd_opt(2026, 10, 3).map(Published::Day)
        );
        assert_eq!((r.video_views, r.impressions), (Some(2400), Some(2400)));
        assert_eq!(r.watch_seconds, Some(90.25 * 3600.0));
        assert_eq!(r.average_view_seconds, Some(135.0));
        assert_eq!((r.likes, r.comments, r.shares), (Some(110), Some(14), Some(7)));
        assert_eq!((r.follows, r.unfollows), (Some(0), Some(2)));
    }

    #[test]
    fn bad_ids_and_cells_are_row_findings() {
        let csv = "Content,Video title,Video publish time,Views,Watch time (hours)\n\
                   1.23E+10,A,\"Oct 3, 2026\",1,1\n\
                   dQw4w9WgXcQ,B,\"Oct 3, 2026\",lots,1\n";
        let (records, diags) = parse_csv("metrics/Table data.csv", csv.as_bytes());
        assert!(records.is_empty());
        assert_eq!(diags.iter().map(|d| d.line).collect::<Vec<_>>(), [2, 3]);
        assert!(diags[0].message.contains("not a YouTube video id"));
        assert!(diags[1].message.contains("`Views`: `lots`"));
    }

    #[test]
    fn chart_data_and_totals_are_recognised_and_unused() {
        let chart = "Date,Content,Video title,Video publish time,Duration,Views\n2026-10-03,dQw4w9WgXcQ,A,\"Oct 3, 2026\",312,10\n";
        let totals = "Date,Views\n2026-10-03,10\n";
        for csv in [chart, totals] {
            let (records, diags) = parse_csv("metrics/yt/x.csv", csv.as_bytes());
            assert!(records.is_empty() && diags.is_empty(), "{diags:?}");
        }
    }
}
