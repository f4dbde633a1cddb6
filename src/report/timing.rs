//! Best time to post: the engagement rate of the posts published in each weekday ×
//! hour slot (local time), from the data rather than from rules of thumb.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Timelike};
use serde::Serialize;

use super::measure::{Measured, Sums};
use crate::lang::Words;

/// The weekday × hour grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Heatmap {
    /// Row labels, Monday first.
    pub weekdays: Vec<String>,
    /// Column labels `00`..`23`.
    pub hours: Vec<String>,
    /// Rates by `[weekday][hour]`; `None` where nothing was published.
    pub grid: Vec<Vec<Option<f64>>>,
    /// The slots where something was published, in weekday and hour order.
    pub cells: Vec<HeatCell>,
    /// The slot with the highest engagement rate.
    pub best: Option<HeatCell>,
}

/// One weekday and hour with posts in it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct HeatCell {
    /// Weekday name.
    pub weekday: String,
    /// 0 = Monday.
    pub weekday_index: u32,
    /// Hour of day, 0–23.
    pub hour: u32,
    /// Distinct posts published in the slot.
    pub posts: usize,
    /// The figures of their (post, platform) rows.
    #[serde(flatten)]
    pub sums: Sums,
}

/// Builds the grid from rows with a publish time.
pub(crate) fn heatmap(rows: &[Measured<'_>], words: &Words) -> Heatmap {
    let mut slots: BTreeMap<(u32, u32), Vec<&Measured<'_>>> = BTreeMap::new();
    for row in rows {
        if let Some(time) = row.local {
            slots
                .entry((time.weekday().num_days_from_monday(), time.hour()))
                .or_default()
                .push(row);
        }
    }
    let weekday_name = |i: u32| {
        words
            .report()
            .weekdays
            .get(i as usize)
            .map_or("?", String::as_str)
            .to_owned()
    };
    let cells: Vec<HeatCell> = slots
        .into_iter()
        .map(|((weekday_index, hour), members)| HeatCell {
            weekday: weekday_name(weekday_index),
            weekday_index,
            hour,
            posts: members
                .iter()
                .map(|m| m.post.id.as_str())
                .collect::<BTreeSet<_>>()
                .len(),
            sums: Sums::of(members.iter().map(|m| m.record)).shown(words.lang()),
        })
        .collect();
    let mut grid = vec![vec![None; 24]; 7];
    for cell in &cells {
        if let Some(slot) = grid
            .get_mut(cell.weekday_index as usize)
            .and_then(|row| row.get_mut(cell.hour as usize))
        {
            *slot = cell.sums.engagement_rate;
        }
    }
    let best = cells
        .iter()
        .filter(|c| c.sums.engagement_rate.is_some())
        .max_by(|a, b| {
            let rate = |c: &HeatCell| c.sums.engagement_rate.unwrap_or(0.0);
            rate(a)
                .total_cmp(&rate(b))
                .then(b.weekday_index.cmp(&a.weekday_index))
                .then(b.hour.cmp(&a.hour))
        })
        .cloned();
    Heatmap {
        weekdays: (0..7).map(weekday_name).collect(),
        hours: (0..24).map(|h| format!("{h:02}")).collect(),
        grid,
        cells,
        best,
    }
}
