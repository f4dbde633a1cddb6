//! Aggregates per platform, pillar, persona, campaign, ISO week and month, and the
//! pillar mix. A post with two personas counts in both personas' groups.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::measure::{Measured, Sums};
use crate::lang::Words;
use crate::lang::format::{Lang, date_short};
use crate::model::Project;
use crate::platform::Platform;

/// One row of a breakdown: a platform, pillar, persona, campaign, week or month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct Group {
    /// Stable key (`instagram`, `werkstatt`, `2026-W49`, `2026-12`; empty for "none").
    pub key: String,
    /// What people read.
    pub label: String,
    /// Distinct posts in the group.
    pub posts: usize,
    /// The figures.
    #[serde(flatten)]
    pub sums: Sums,
}

/// A group's sort position, key and label.
type Slot = (String, String, String);

/// Groups rows by the slots `slots` assigns each row (none, one or several).
fn group_by<'a>(lang: Lang, rows: &[Measured<'a>], slots: impl Fn(&Measured<'a>) -> Vec<Slot>) -> Vec<Group> {
    let mut groups: BTreeMap<String, (String, String, Vec<Measured<'a>>)> = BTreeMap::new();
    for row in rows {
        for (order, key, label) in slots(row) {
            groups
                .entry(order)
                .or_insert_with(|| (key, label, Vec::new()))
                .2
                .push(*row);
        }
    }
    groups
        .into_values()
        .map(|(key, label, members)| Group {
            key,
            label,
            posts: members
                .iter()
                .map(|m| m.post.id.as_str())
                .collect::<BTreeSet<_>>()
                .len(),
            sums: Sums::of(members.iter().map(|m| m.record)).shown(lang),
        })
        .collect()
}

/// Per platform, in the site's platform order.
pub(crate) fn by_platform(rows: &[Measured<'_>], lang: Lang) -> Vec<Group> {
    group_by(lang, rows, |row| {
        let order = Platform::ALL
            .iter()
            .position(|p| *p == row.platform)
            .unwrap_or(99);
        vec![(
            format!("{order:02}"),
            row.platform.name().to_owned(),
            row.platform.display_name().to_owned(),
        )]
    })
}

/// Per pillar, in strategy order; posts without a known pillar last.
pub(crate) fn by_pillar(project: &Project, rows: &[Measured<'_>], words: &Words) -> Vec<Group> {
    group_by(words.lang(), rows, |row| vec![pillar_slot(project, row, words)])
}

/// The pillar slot of a row.
fn pillar_slot(project: &Project, row: &Measured<'_>, words: &Words) -> Slot {
    let pillars = &project.strategy.pillars;
    match row.post.pillar.as_ref().map(|p| p.value.as_str()) {
        Some(id) => match pillars.iter().position(|p| p.id.value == id) {
            Some(i) => (format!("0{i:04}"), id.to_owned(), pillars[i].name.clone()),
            None => (format!("1{id}"), id.to_owned(), id.to_owned()),
        },
        None => (
            "2".to_owned(),
            String::new(),
            words.report().no_pillar.as_str().to_owned(),
        ),
    }
}

/// Per persona (sorted by id); posts without personas last.
pub(crate) fn by_persona(project: &Project, rows: &[Measured<'_>], words: &Words) -> Vec<Group> {
    group_by(words.lang(), rows, |row| {
        if row.post.personas.is_empty() {
            return vec![(
                "1".to_owned(),
                String::new(),
                words.report().no_persona.as_str().to_owned(),
            )];
        }
        row.post
            .personas
            .iter()
            .map(|p| {
                let name = project
                    .persona(&p.value)
                    .map_or(p.value.clone(), |persona| persona.name.clone());
                (format!("0{}", p.value), p.value.clone(), name)
            })
            .collect()
    })
}

/// Per campaign (sorted by id); posts without a campaign last.
pub(crate) fn by_campaign(project: &Project, rows: &[Measured<'_>], words: &Words) -> Vec<Group> {
    group_by(words.lang(), rows, |row| {
        vec![match &row.post.campaign {
            Some(c) => {
                let name = project
                    .campaign(&c.value)
                    .map_or(c.value.clone(), |campaign| campaign.name.clone());
                (format!("0{}", c.value), c.value.clone(), name)
            }
            None => (
                "1".to_owned(),
                String::new(),
                words.report().no_campaign.as_str().to_owned(),
            ),
        }]
    })
}

/// `2026-W49`: the ISO week a day falls in.
pub(crate) fn iso_week_key(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// The Monday that starts a day's ISO week.
pub(crate) fn week_start(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
        .unwrap_or(day)
}

/// Per ISO week of the publish day; rows without a publish day are left out.
pub(crate) fn by_week(rows: &[Measured<'_>], lang: Lang) -> Vec<Group> {
    group_by(lang, rows, |row| {
        row.day
            .map(|day| {
                let key = iso_week_key(day);
                let label = format!("{key} ({})", date_short(lang, week_start(day)));
                (key.clone(), key, label)
            })
            .into_iter()
            .collect()
    })
}

/// Per calendar month of the publish day; rows without a publish day are left out.
pub(crate) fn by_month(rows: &[Measured<'_>], lang: Lang) -> Vec<Group> {
    group_by(lang, rows, |row| {
        row.day
            .map(|day| {
                let key = day.format("%Y-%m").to_string();
                (key.clone(), key.clone(), key)
            })
            .into_iter()
            .collect()
    })
}

/// One pillar's share of the measured posts against its target share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct PillarMix {
    /// Pillar id (empty for posts without a pillar).
    pub id: String,
    /// Pillar name.
    pub name: String,
    /// Measured posts in the pillar.
    pub posts: usize,
    /// posts / all measured posts.
    pub actual: f64,
    /// The strategy's target share (`None` for posts outside the strategy's pillars).
    pub target: Option<f64>,
    /// Whether |actual − target| is within `[mix] tolerance`.
    pub within_tolerance: bool,
}

/// The pillar mix of the measured posts (each post once, whatever its platforms).
pub(crate) fn pillar_mix(project: &Project, rows: &[Measured<'_>], words: &Words) -> Vec<PillarMix> {
    let mut posts: BTreeMap<&str, &Measured<'_>> = BTreeMap::new();
    for row in rows {
        posts.entry(row.post.id.as_str()).or_insert(row);
    }
    let total = posts.len();
    let mut counts: BTreeMap<Slot, usize> = BTreeMap::new();
    for pillar_index in 0..project.strategy.pillars.len() {
        if let Some(pillar) = project.strategy.pillars.get(pillar_index) {
            let slot = (
                format!("0{pillar_index:04}"),
                pillar.id.value.clone(),
                pillar.name.clone(),
            );
            counts.insert(slot, 0);
        }
    }
    for row in posts.values() {
        *counts.entry(pillar_slot(project, row, words)).or_insert(0) += 1;
    }
    let tolerance = project.strategy.mix_tolerance;
    counts
        .into_iter()
        .map(|((_, id, name), count)| {
            let actual = if total == 0 {
                0.0
            } else {
                count as f64 / total as f64
            };
            let target = project.pillar(&id).map(|p| p.share);
            PillarMix {
                within_tolerance: target.is_some_and(|t| (actual - t).abs() <= tolerance + 1e-9),
                id,
                name,
                posts: count,
                actual,
                target,
            }
        })
        .collect()
}
