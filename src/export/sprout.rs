//! Sprout Social's bulk-scheduling CSV, as its help article 115005864203 describes it
//! (<https://support.sproutsocial.com/hc/en-us/articles/115005864203-How-do-I-use-bulk-scheduling>):
//! the case-sensitive headers `date` (dd/mm/yyyy or mm/dd/yyyy, per the import preference;
//! Touchpoint writes `mm/dd/yyyy`), `time_24hr` and `message_text`; up to 350 messages per
//! import; messages at least 10 minutes apart and at least 10 minutes after the upload.
//! One file per network, so each is imported to its profile.

use chrono::{DateTime, Utc};

use super::Row;
use super::profile::{Layout, common_refusal};

/// Sprout Social's layout.
pub(crate) struct Sprout;

/// Sprout's headers, in order.
pub(crate) const HEADER: [&str; 3] = ["date", "time_24hr", "message_text"];
/// Sprout's limit of messages per import.
pub(crate) const MAX_ROWS: usize = 350;
/// Sprout's least gap between messages, and between the upload and the first message.
pub(crate) const GAP_MINUTES: i64 = 10;

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
        common_refusal(row, now, GAP_MINUTES)
    }

    fn record(&self, row: &Row) -> Vec<String> {
        vec![
            row.publish_at_local.format("%m/%d/%Y").to_string(),
            row.publish_at_local.format("%H:%M").to_string(),
            row.text.clone(),
        ]
    }
}
