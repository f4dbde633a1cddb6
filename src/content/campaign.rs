//! `campaigns/ID.md`: a time-boxed push with its own hashtags.

use super::fields::{INVALID_VALUE, Reader};
use super::node::Node;
use crate::model::Campaign;

const KEYS: &[&str] = &[
    "name",
    "start",
    "end",
    "goal",
    "budget",
    "spend",
    "hashtags",
    "platforms",
];

/// Reads a campaign's front matter; `id` and `file` come from the path.
pub fn read_campaign(id: &str, file: &str, node: &Node, body: &str, r: &mut Reader<'_>) -> Campaign {
    let mut campaign = Campaign {
        id: id.to_owned(),
        file: file.to_owned(),
        name: id.to_owned(),
        start: None,
        end: None,
        goal: None,
        budget: None,
        spend: None,
        hashtags: Vec::new(),
        platforms: Vec::new(),
        body: body.to_owned(),
    };
    let Some(t) = r.table("front matter", node) else {
        return campaign;
    };
    r.unknown_keys(&t, KEYS, |_| false);
    if let Some(name) = r
        .require(&t, "name", "the campaign's display name")
        .and_then(|e| r.string(e))
    {
        campaign.name = name.value;
    }
    let start = r
        .require(&t, "start", "the first day, YYYY-MM-DD")
        .and_then(|e| r.date(e));
    let end = r
        .require(&t, "end", "the last day, YYYY-MM-DD")
        .and_then(|e| r.date(e));
    if let (Some(s), Some(e)) = (&start, &end)
        && e.value < s.value
    {
        r.report_help(
            &INVALID_VALUE,
            e.pos,
            format!("the campaign ends ({}) before it starts ({})", e.value, s.value),
            "swap `start` and `end`, or fix the dates",
        );
    }
    campaign.start = start.map(|d| d.value);
    campaign.end = end.map(|d| d.value);
    campaign.goal = t.get("goal").and_then(|e| r.string(e)).map(|s| s.value);
    campaign.budget = t.get("budget").and_then(|e| super::planning::money(e, r));
    campaign.spend = t.get("spend").and_then(|e| super::planning::money(e, r));
    if let Some(e) = t.get("hashtags") {
        campaign.hashtags = super::post::read_hashtags(e, r)
            .into_iter()
            .map(|h| h.value)
            .collect();
    }
    if let Some(e) = t.get("platforms") {
        campaign.platforms = r.platforms(e).into_iter().map(|p| p.value).collect();
    }
    campaign
}
