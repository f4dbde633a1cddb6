//! Hootsuite's bulk-composer CSV: no header row; per row the date and time
//! (`mm/dd/yyyy hh:mm`, 24-hour, the layout to pick in Hootsuite's upload dialog), the
//! message, and an optional link; at most 350 messages per upload; one file per social
//! profile; times on 5-minute marks and in the future. Sources (Hootsuite's in-app
//! instructions as quoted by long-standing user guides) are cited in docs/export.md.
//!
//! The link column gets the tracked link only when the message does not already hold it
//! (Hootsuite appends that link to the message). Local times are the project's timezone:
//! set the Hootsuite profile to the same one.
//!
//! The layout has no media column (the link column is posted as a link, not attached as a
//! file), so a row with media is left out, its reason naming the files' public URLs
//! (`[export] media_base_url`) to attach in Hootsuite's composer.

use chrono::{DateTime, Timelike, Utc};

use super::Row;
use super::profile::{Layout, SET_MEDIA_BASE_URL, media_urls, shape_refusal, time_refusal};

/// Hootsuite's layout; `media_base` is `[export] media_base_url`.
pub(crate) struct Hootsuite {
    /// Where the repository's files are public (ends in `/`).
    pub media_base: Option<String>,
}

impl Hootsuite {
    /// Why a row with media is left out, naming what to attach by hand.
    fn media_refusal(&self, row: &Row) -> Option<String> {
        if row.media.is_empty() {
            return None;
        }
        let count = row.media.len();
        let attach = match media_urls(row, self.media_base.as_deref()) {
            Some(urls) => urls.join(" "),
            None => {
                let paths: Vec<&str> = row.media.iter().map(|m| m.path.as_str()).collect();
                format!(
                    "{} ({SET_MEDIA_BASE_URL} to get their public URLs here)",
                    paths.join(" ")
                )
            }
        };
        Some(format!(
            "{count} media file(s); Hootsuite's bulk file has no media column: schedule this post in Hootsuite's composer and attach {attach}"
        ))
    }
}

/// Hootsuite's limit of messages per bulk upload.
pub(crate) const MAX_ROWS: usize = 350;

impl Layout for Hootsuite {
    const MAX_ROWS: usize = MAX_ROWS;

    fn header(&self) -> Option<Vec<String>> {
        None
    }

    fn refuse(&self, row: &Row, _previous: Option<&Row>, now: DateTime<Utc>) -> Option<String> {
        let local = row.publish_at_local;
        if !local.minute().is_multiple_of(5) || local.second() != 0 {
            return Some(format!(
                "goes out at {}, not on a 5-minute mark; Hootsuite takes :00, :05, :10 …",
                local.format("%H:%M:%S")
            ));
        }
        shape_refusal(row)
            .or_else(|| self.media_refusal(row))
            .or_else(|| time_refusal(row, now, 0))
    }

    fn record(&self, row: &Row) -> Vec<String> {
        let link = row
            .link
            .clone()
            .filter(|l| !row.text.contains(l.as_str()))
            .unwrap_or_default();
        vec![
            row.publish_at_local.format("%m/%d/%Y %H:%M").to_string(),
            row.text.clone(),
            link,
        ]
    }
}
