//! Top and bottom posts by engagement rate (all of a post's platforms together).
//!
//! With ten or more rated posts the report shows the best five and the weakest
//! five; with fewer, the better half is "top" and the rest "bottom", so no post
//! appears in both lists. Posts without a rate (no reach or impressions) are not ranked.

use std::collections::BTreeMap;

use serde::Serialize;

use super::measure::{Measured, Sums};
use crate::lang::format::{Lang, date_short};
use crate::model::Post;
use crate::platform::Platform;

/// How many posts each list holds at most.
pub(crate) const LIST_LENGTH: usize = 5;

/// One post's figures over all its measured platforms.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct PostPerformance {
    /// Post id.
    pub id: String,
    /// Working title.
    pub title: String,
    /// Link to the post's page, relative to report.html.
    pub href: String,
    /// Pillar id.
    pub pillar: Option<String>,
    /// The measured platforms' display names.
    pub platforms: Vec<String>,
    /// Publish time in the project's timezone (`2026-12-01 09:00`).
    pub published: Option<String>,
    /// The figures.
    #[serde(flatten)]
    pub sums: Sums,
}

/// Every measured post with its combined figures, sorted by id.
pub(crate) fn post_performance(rows: &[Measured<'_>], lang: Lang) -> Vec<PostPerformance> {
    let mut by_post: BTreeMap<&str, Vec<&Measured<'_>>> = BTreeMap::new();
    for row in rows {
        by_post.entry(row.post.id.as_str()).or_default().push(row);
    }
    by_post
        .into_values()
        .filter_map(|members| {
            let first = members.first()?;
            Some(summarise(first.post, &members, lang))
        })
        .collect()
}

/// One post's line.
fn summarise(post: &Post, members: &[&Measured<'_>], lang: Lang) -> PostPerformance {
    PostPerformance {
        id: post.id.clone(),
        title: post.title.value.clone(),
        href: format!("posts/{}.html", post.id),
        pillar: post.pillar.as_ref().map(|p| p.value.clone()),
        platforms: site_order(members.iter().map(|m| m.platform)),
        published: members
            .iter()
            .find_map(|m| m.local)
            .map(|t| format!("{}, {}", date_short(lang, t.date()), t.format("%H:%M"))),
        sums: Sums::of(members.iter().map(|m| m.record)).shown(lang),
    }
}

/// Display names in the site's platform order.
fn site_order(platforms: impl Iterator<Item = Platform>) -> Vec<String> {
    let mut platforms: Vec<Platform> = platforms.collect();
    platforms.sort_by_key(|p| Platform::ALL.iter().position(|q| q == p));
    platforms.iter().map(|p| p.display_name().to_owned()).collect()
}

/// Splits the rated posts into (top, bottom): top by rate descending, bottom ascending.
pub(crate) fn top_and_bottom(posts: &[PostPerformance]) -> (Vec<PostPerformance>, Vec<PostPerformance>) {
    let mut rated: Vec<&PostPerformance> = posts
        .iter()
        .filter(|p| p.sums.engagement_rate.is_some())
        .collect();
    let rate = |p: &PostPerformance| p.sums.engagement_rate.unwrap_or(0.0);
    rated.sort_by(|a, b| rate(b).total_cmp(&rate(a)).then(a.id.cmp(&b.id)));
    let top_len = LIST_LENGTH.min(rated.len().div_ceil(2));
    let bottom_len = LIST_LENGTH.min(rated.len() - top_len);
    let top = rated.iter().take(top_len).map(|p| (*p).clone()).collect();
    let bottom = rated
        .iter()
        .rev()
        .take(bottom_len)
        .map(|p| (*p).clone())
        .collect();
    (top, bottom)
}
