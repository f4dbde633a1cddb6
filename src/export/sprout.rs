//! Sprout Social's bulk-scheduling CSV, as its help article 115005864203 describes it
//! (<https://support.sproutsocial.com/hc/en-us/articles/115005864203-How-do-I-use-bulk-scheduling>):
//! the case-sensitive headers `date` (dd/mm/yyyy or mm/dd/yyyy, per the import preference;
//! Touchpoint writes `mm/dd/yyyy`), `time_24hr` and `message_text`, and the optional
//! `image_url` (a public URL Sprout fetches the image from; one per message); up to 350
//! messages per import; messages at least 10 minutes apart and at least 10 minutes after
//! the upload. One file per network, so each is imported to its profile.

use chrono::{DateTime, Utc};

use super::Row;
use super::profile::{Layout, SET_MEDIA_BASE_URL, media_urls, shape_refusal, time_refusal};

/// Sprout Social's layout; `media_base` is `[export] media_base_url`.
pub(crate) struct Sprout {
    /// Where the repository's files are public (ends in `/`).
    pub media_base: Option<String>,
}

/// Sprout's headers, in order.
pub(crate) const HEADER: [&str; 4] = ["date", "time_24hr", "message_text", "image_url"];
/// Sprout's limit of messages per import.
pub(crate) const MAX_ROWS: usize = 350;
/// Sprout's least gap between messages, and between the upload and the first message.
pub(crate) const GAP_MINUTES: i64 = 10;
/// How many images the `image_url` column carries per message.
pub(crate) const MAX_IMAGES: usize = 1;
/// File endings Touchpoint hands Sprout as images (lower case).
const IMAGE_ENDINGS: [&str; 4] = [".jpg", ".jpeg", ".png", ".gif"];

impl Sprout {
    /// Why the row's media cannot go in `image_url`, or `None` when they can.
    fn media_refusal(&self, row: &Row) -> Option<String> {
        let count = row.media.len();
        if count == 0 {
            return None;
        }
        if self.media_base.is_none() {
            return Some(format!(
                "{count} media file(s) without public URLs for Sprout's `image_url` column; {SET_MEDIA_BASE_URL}"
            ));
        }
        if count > MAX_IMAGES {
            return Some(format!(
                "{count} media files; Sprout's `image_url` column carries {MAX_IMAGES} image per message"
            ));
        }
        let path = &row.media[0].path;
        let lower = path.to_lowercase();
        if !IMAGE_ENDINGS.iter().any(|e| lower.ends_with(e)) {
            return Some(format!(
                "{path} is not a JPEG, PNG or GIF image; Sprout's `image_url` column takes images"
            ));
        }
        None
    }
}

impl Layout for Sprout {
    const MAX_ROWS: usize = MAX_ROWS;

    fn header(&self) -> Option<Vec<String>> {
        Some(HEADER.iter().map(|h| (*h).to_owned()).collect())
    }

    fn refuse(&self, row: &Row, previous: Option<&Row>, now: DateTime<Utc>) -> Option<String> {
        if let Some(previous) = previous
            && row.publish_at_utc < previous.publish_at_utc + chrono::Duration::minutes(GAP_MINUTES)
        {
            return Some(format!(
                "less than {GAP_MINUTES} minutes after {} on the same network; Sprout needs {GAP_MINUTES} minutes between messages",
                previous.post
            ));
        }
        shape_refusal(row)
            .or_else(|| self.media_refusal(row))
            .or_else(|| time_refusal(row, now, GAP_MINUTES))
    }

    fn record(&self, row: &Row) -> Vec<String> {
        let image = media_urls(row, self.media_base.as_deref())
            .and_then(|urls| urls.into_iter().next())
            .unwrap_or_default();
        vec![
            row.publish_at_local.format("%m/%d/%Y").to_string(),
            row.publish_at_local.format("%H:%M").to_string(),
            row.text.clone(),
            image,
        ]
    }
}
