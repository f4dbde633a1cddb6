//! The networks' own figures beside Touchpoint's. A client checks the report against
//! the network's dashboard; where an export carries the network's own engagement count
//! (X's `engagements`), the report shows it next to Touchpoint's engagements and rate,
//! over the same posts, with one line saying why they differ. Touchpoint's definition
//! ([`super::measure`]) stays the one every other figure uses.

use serde::Serialize;

use super::measure::{Measured, Sums};
use crate::lang::format::{UNKNOWN, number, percent};
use crate::lang::words::Words;
use crate::platform::Platform;

/// One network's figures in both definitions, over the posts whose export carries the
/// network's own count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Reconciliation {
    /// The network.
    pub platform: Platform,
    /// Its display name.
    pub label: String,
    /// (post, platform) rows compared.
    pub rows: usize,
    /// Touchpoint's engagements over those rows, as people read them.
    pub engagements: String,
    /// The network's engagements over the same rows.
    pub network_engagements: String,
    /// Touchpoint's engagement rate over those rows, or `—`.
    pub engagement_rate: String,
    /// The network's rate: its engagements ÷ impressions, as it computes it, or `—`.
    pub network_engagement_rate: String,
    /// Why the two differ, in one line.
    pub explanation: String,
}

/// A comparison per network whose rows carry its own engagement count, in the site's
/// platform order.
pub(crate) fn reconcile(rows: &[Measured<'_>], words: &Words) -> Vec<Reconciliation> {
    Platform::ALL
        .iter()
        .filter_map(|&platform| {
            let carried: Vec<&Measured<'_>> = rows
                .iter()
                .filter(|r| r.platform == platform && r.record.network_engagements.is_some())
                .collect();
            (!carried.is_empty()).then(|| compare(platform, &carried, words))
        })
        .collect()
}

/// Both definitions over `rows` (all of `platform`, all with the network's count).
fn compare(platform: Platform, rows: &[&Measured<'_>], words: &Words) -> Reconciliation {
    let lang = words.lang();
    let ours = Sums::of(rows.iter().map(|r| r.record)).shown(lang);
    let theirs: u64 = rows.iter().filter_map(|r| r.record.network_engagements).sum();
    // The network's rate as X defines it: its engagements ÷ impressions, over the rows
    // that have impressions (summed first, then divided, like Touchpoint's).
    let (rated, impressions) = rows
        .iter()
        .filter_map(|r| {
            Some((
                r.record.network_engagements?,
                r.record.impressions.filter(|&i| i > 0)?,
            ))
        })
        .fold((0u64, 0u64), |(e, i), (re, ri)| (e + re, i + ri));
    let network_rate = (impressions > 0).then(|| rated as f64 / impressions as f64);
    Reconciliation {
        platform,
        label: platform.display_name().to_owned(),
        rows: rows.len(),
        engagements: ours.display.engagements.clone(),
        network_engagements: number(lang, theirs as f64),
        engagement_rate: ours.display.engagement_rate.clone(),
        network_engagement_rate: network_rate.map_or_else(|| UNKNOWN.to_owned(), |rate| percent(lang, rate)),
        explanation: explanation(platform, words).to_owned(),
    }
}

/// The line that explains the network's number.
fn explanation(platform: Platform, words: &Words) -> &str {
    let report = words.report();
    match platform {
        Platform::X => &report.reconcile_x,
        // Only X's exports carry their own count today; keep a true line for others.
        _ => &report.engagements_defined,
    }
}
