//! TikTok Studio's content export (Analytics → Content → download):
//! `Video title, Video link, Post time, Total likes, Total comments, Total shares,
//! Total views, Total play time, Average watch time, Watched full video, Add to favorites`.
//! Variants name the counts `Likes`, `Comments`, `Shares` and `Total bookmarks`.
//!
//! TikTok writes values as people read them: `1.2K`, `"18,400"`, `0:12` (play times),
//! `38%`. Each is parsed; a cell that means nothing (`lots`, `1:xx`) is a finding with
//! its line. Rows join to posts by `Video link`. TikTok reports no impressions or reach:
//! `Total views` stand for the impressions the engagement rate divides by, as Meta's
//! `Views` do.

use super::cells::parse_published;
use super::table::{Column, FileContext, FormatSpec, Header, Row};
use super::{MetricRecord, PostKey, normalise_permalink};
use crate::platform::Platform;

const LINK: &[&str] = &["video link", "videolink"];
const POST_TIME: &[&str] = &["post time", "posted time", "veröffentlichungszeit"];
const LIKES: &[&str] = &["total likes", "likes", "gefällt mir"];
const COMMENTS: &[&str] = &["total comments", "comments", "kommentare"];
const SHARES: &[&str] = &["total shares", "shares", "geteilt"];
const VIEWS: &[&str] = &["total views", "video views", "views", "aufrufe"];
const PLAY_TIME: &[&str] = &["total play time", "total watch time", "gesamte wiedergabezeit"];
const AVERAGE_WATCH: &[&str] = &["average watch time", "durchschnittliche wiedergabezeit"];
const FULL_VIDEO: &[&str] = &[
    "watched full video",
    "full video watched rate",
    "vollständig angesehen",
];
const FAVORITES: &[&str] = &[
    "add to favorites",
    "total bookmarks",
    "favorites",
    "bookmarks",
    "favoriten",
];

/// Shorthand for a column definition.
const fn column(label: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { label, aliases }
}

static CONTENT: FormatSpec = FormatSpec {
    name: "TikTok Studio content export",
    required: &[column("Video link", LINK)],
    expected: &[
        column("Post time", POST_TIME),
        column("Total views", VIEWS),
        column("Total likes", LIKES),
        column("Total comments", COMMENTS),
        column("Total shares", SHARES),
    ],
    read: read_video,
};

/// `Video link`, or `Video title` with `Post time` or `Total views`.
pub(super) fn detect(header: &Header) -> Option<&'static FormatSpec> {
    let titled =
        header.has("video title") && (header.index(POST_TIME).is_some() || header.has("total views"));
    (header.index(LINK).is_some() || titled).then_some(&CONTENT)
}

/// One video.
fn read_video(row: &Row<'_>, ctx: &FileContext<'_>) -> Result<Option<MetricRecord>, String> {
    let url = row
        .text(LINK)
        .ok_or("the `Video link` cell is empty; Touchpoint joins TikTok rows to posts by it")?;
    let key = PostKey::Permalink(normalise_permalink(url));
    let mut record = MetricRecord::new(ctx.file, row.line, key, Platform::Tiktok);
    record.date = ctx.snapshot;
    record.published_at = row.text(POST_TIME).map(parse_published).transpose()?;
    record.likes = row.short_count(LIKES)?;
    record.comments = row.short_count(COMMENTS)?;
    record.shares = row.short_count(SHARES)?;
    record.saves = row.short_count(FAVORITES)?;
    record.video_views = row.short_count(VIEWS)?;
    record.impressions = record.video_views;
    record.watch_seconds = row.seconds(PLAY_TIME)?;
    record.average_view_seconds = row.seconds(AVERAGE_WATCH)?;
    record.completion_rate = row.rate(FULL_VIDEO)?;
    Ok(Some(record))
}

#[cfg(test)]
mod tests {
    use crate::metrics::{PostKey, parse_csv};
    use crate::platform::Platform;

    #[test]
    fn studio_export_with_abbreviated_values() {
        let csv = "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views,\
                   Total play time,Average watch time,Watched full video,Add to favorites\n\
                   Kette ölen,https://www.tiktok.com/@radwerk.leipzig/video/7301234567890123456?lang=de,2026-10-05 18:00:00,\
                   1.2K,48,\"1,050\",\"18,400\",40:53:20,0:08,38%,312\n";
        let (records, diags) = parse_csv("metrics/tiktok_2026-10-31.csv", csv.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let r = &records[0];
        assert_eq!(r.platform, Platform::Tiktok);
        assert_eq!(
            r.key,
            PostKey::Permalink("https://tiktok.com/@radwerk.leipzig/video/7301234567890123456".into())
        );
        assert_eq!(
            (
                r.likes,
                r.comments,
                r.shares,
                r.video_views,
                r.impressions,
                r.saves
            ),
            (
                Some(1200),
                Some(48),
                Some(1050),
                Some(18_400),
                Some(18_400),
                Some(312)
            )
        );
        assert_eq!(r.watch_seconds, Some(147_200.0));
        assert_eq!(r.average_view_seconds, Some(8.0));
        assert_eq!(r.completion_rate, Some(0.38));
    }

    #[test]
    fn variant_names_and_meaningless_values() {
        let csv = "Video title,Video link,Post time,Likes,Comments,Shares,Total views,Average watch time,Watched full video,Total bookmarks\n\
                   A,https://www.tiktok.com/@r/video/1,\"Oct 5, 2026\",3.4K,2,1,9K,0:12,12.5%,7\n\
                   B,https://www.tiktok.com/@r/video/2,\"Oct 6, 2026\",lots,2,1,9K,0:12,12%,7\n\
                   C,https://www.tiktok.com/@r/video/3,\"Oct 7, 2026\",1,2,1,9K,1:xx,12%,7\n\
                   D,https://www.tiktok.com/@r/video/4,\"Oct 8, 2026\",1,2,1,9K,0:12,most,7\n";
        let (records, diags) = parse_csv("metrics/tt.csv", csv.as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(
            (records[0].likes, records[0].saves, records[0].completion_rate),
            (Some(3400), Some(7), Some(0.125))
        );
        assert_eq!(diags.iter().map(|d| d.line).collect::<Vec<_>>(), [3, 4, 5]);
        assert!(
            diags[0].message.contains("`Likes`: `lots`"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[1].message.contains("`Average watch time`: `1:xx`"),
            "{}",
            diags[1].message
        );
        assert!(
            diags[2].message.contains("`Watched full video`: `most`"),
            "{}",
            diags[2].message
        );
    }
}
