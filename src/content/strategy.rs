//! `strategy.toml`: goals, pillars, cadence, posting windows, voice, disclosure and UTM rules.

use chrono::{NaiveTime, Weekday};

use super::fields::{INVALID_VALUE, Reader, Table};
use super::ids::check_id;
use super::node::{Entry, Node};
use crate::diagnostic::{Rule, Severity};
use crate::model::{Cadence, Goal, KPIS, Pillar, Preference, Strategy, Utm, Voice, Window};

/// Pillar shares that do not add up to 100 %.
pub const PILLAR_SHARES: Rule = Rule {
    name: "pillar-shares",
    default: Severity::Warning,
    summary: "The pillars' target shares do not sum to 1 (100 %), so the mix targets contradict each other.",
};
/// Two pillars or goals with one id.
pub const DUPLICATE_ID: Rule = Rule {
    name: "duplicate-id",
    default: Severity::Error,
    summary: "Two pillars or two goals share an id, so references to it are ambiguous.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[&PILLAR_SHARES, &DUPLICATE_ID];

const KEYS: &[&str] = &[
    "goals",
    "pillars",
    "mix",
    "cadence",
    "windows",
    "voice",
    "disclosure",
    "utm",
];
const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Reads the strategy; an absent file gives an empty strategy with no targets.
pub fn read_strategy(node: &Node, r: &mut Reader<'_>) -> Strategy {
    let mut strategy = Strategy {
        mix_tolerance: 0.10,
        ..Strategy::default()
    };
    let Some(table) = r.table("strategy.toml", node) else {
        return strategy;
    };
    r.unknown_keys(&table, KEYS, |k| super::planning::STRATEGY_KEYS.contains(&k));
    super::planning::read_strategy_planning(&table, r, &mut strategy);
    if let Some(e) = table.get("goals") {
        strategy.goals = each_table(e, r)
            .into_iter()
            .filter_map(|t| read_goal(&t, r))
            .collect();
    }
    if let Some(e) = table.get("pillars") {
        let pillars: Vec<Pillar> = each_table(e, r)
            .into_iter()
            .filter_map(|t| read_pillar(&t, r))
            .collect();
        check_pillars(&pillars, e.key_pos, r);
        // Shares and duplicates are judged with every pillar written; one whose id
        // cannot become a file name is then left out (no page, posts get unknown-pillar).
        strategy.pillars = pillars
            .into_iter()
            .filter(|p| check_id("pillar", &p.id, r))
            .collect();
    }
    if let Some(mix) = table.get("mix").and_then(|e| r.table("mix", &e.node)) {
        r.unknown_keys(&mix, &["tolerance"], |_| false);
        if let Some(t) = mix.get("tolerance").and_then(|e| fraction(e, r)) {
            strategy.mix_tolerance = t;
        }
    }
    if let Some(cadence) = table.get("cadence").and_then(|e| r.table("cadence", &e.node)) {
        for entry in cadence.entries {
            let name = crate::model::Spanned::new(entry.key.clone(), entry.key_pos);
            if let (Some(platform), Some(t)) = (r.platform(&name), r.table(&entry.key, &entry.node)) {
                strategy.cadence.insert(platform.value, read_cadence(&t, r));
            }
        }
    }
    if let Some(e) = table.get("windows") {
        strategy.windows = each_table(e, r)
            .into_iter()
            .filter_map(|t| read_window(&t, r))
            .collect();
    }
    if let Some(voice) = table.get("voice").and_then(|e| r.table("voice", &e.node)) {
        strategy.voice = read_voice(&voice, r);
    }
    if let Some(disclosure) = table
        .get("disclosure")
        .and_then(|e| r.table("disclosure", &e.node))
    {
        r.unknown_keys(&disclosure, &["markers"], |_| false);
        strategy.disclosure_markers = strings(&disclosure, "markers", r);
    }
    if let Some(utm) = table.get("utm").and_then(|e| r.table("utm", &e.node)) {
        strategy.utm = Some(read_utm(&utm, r));
    }
    strategy
}

fn each_table<'n>(entry: &'n Entry, r: &mut Reader<'_>) -> Vec<Table<'n>> {
    let items = r.list(entry);
    items.iter().filter_map(|n| r.table(&entry.key, n)).collect()
}

fn strings(table: &Table<'_>, key: &str, r: &mut Reader<'_>) -> Vec<String> {
    table
        .get(key)
        .map(|e| r.strings(e).into_iter().map(|s| s.value).collect())
        .unwrap_or_default()
}

fn string(table: &Table<'_>, key: &str, r: &mut Reader<'_>) -> Option<String> {
    table.get(key).and_then(|e| r.string(e)).map(|s| s.value)
}

fn fraction(entry: &Entry, r: &mut Reader<'_>) -> Option<f64> {
    let value = r.number(entry)?;
    if (0.0..=1.0).contains(&value) {
        return Some(value);
    }
    r.report_help(
        &INVALID_VALUE,
        entry.node.pos,
        format!("`{}` = {value} is not a fraction between 0 and 1", entry.key),
        "write shares as fractions: 0.25 means 25 %",
    );
    None
}

fn read_goal(t: &Table<'_>, r: &mut Reader<'_>) -> Option<Goal> {
    r.unknown_keys(
        t,
        &["id", "name", "kpi", "target", "from", "to", "period", "platforms"],
        |_| false,
    );
    let id = r
        .require(t, "id", "a stable id for the goal")
        .and_then(|e| r.string(e))
        .filter(|id| check_id("goal", id, r))?;
    let name = string(t, "name", r).unwrap_or_else(|| id.value.clone());
    let kpi = r
        .require(t, "kpi", "the measure, e.g. \"reach\"")
        .and_then(|e| r.choice(e, KPIS))?;
    let target = r
        .require(t, "target", "the number to reach")
        .and_then(|e| r.number(e))?;
    let from = t.get("from").and_then(|e| r.date(e)).map(|d| d.value);
    let to = t.get("to").and_then(|e| r.date(e)).map(|d| d.value);
    let period = t
        .get("period")
        .and_then(|e| r.choice(e, &["week", "month", "quarter"]))
        .map(|s| s.value);
    let platforms = t.get("platforms").map(|e| r.platforms(e)).unwrap_or_default();
    let platforms = platforms.into_iter().map(|p| p.value).collect();
    Some(Goal {
        id: id.value,
        name,
        kpi: kpi.value,
        target,
        from,
        to,
        period,
        platforms,
        pos: t.pos,
    })
}

fn read_pillar(t: &Table<'_>, r: &mut Reader<'_>) -> Option<Pillar> {
    r.unknown_keys(t, &["id", "name", "share", "description"], |_| false);
    let id = r
        .require(t, "id", "a stable id posts refer to")
        .and_then(|e| r.string(e))?;
    let name = string(t, "name", r).unwrap_or_else(|| id.value.clone());
    let share = r
        .require(t, "share", "the target share, e.g. 0.25")
        .and_then(|e| fraction(e, r))
        .unwrap_or(0.0);
    let description = string(t, "description", r);
    Some(Pillar {
        id,
        name,
        share,
        description,
    })
}

fn check_pillars(pillars: &[Pillar], pos: crate::diagnostic::Pos, r: &mut Reader<'_>) {
    for (i, pillar) in pillars.iter().enumerate() {
        if pillars[..i].iter().any(|p| p.id.value == pillar.id.value) {
            r.report(
                &DUPLICATE_ID,
                pillar.id.pos,
                format!("a pillar `{}` is already declared", pillar.id.value),
            );
        }
    }
    let sum: f64 = pillars.iter().map(|p| p.share).sum();
    if !pillars.is_empty() && (sum - 1.0).abs() > 0.005 {
        r.report_help(
            &PILLAR_SHARES,
            pos,
            format!("pillar shares sum to {:.2}, not 1.00", sum),
            "adjust the `share` values so they add up to 1",
        );
    }
}

fn read_cadence(t: &Table<'_>, r: &mut Reader<'_>) -> Cadence {
    const KEYS: &[&str] = &[
        "per_week",
        "per_month",
        "min_per_week",
        "max_per_week",
        "max_gap_days",
        "min_spacing_hours",
    ];
    r.unknown_keys(t, KEYS, |_| false);
    let mut count = |key: &str| t.get(key).and_then(|e| r.count(e));
    Cadence {
        per_week: count("per_week"),
        per_month: count("per_month"),
        min_per_week: count("min_per_week"),
        max_per_week: count("max_per_week"),
        max_gap_days: count("max_gap_days"),
        min_spacing_hours: t
            .get("min_spacing_hours")
            .and_then(|e| r.number(e))
            .filter(|h| *h >= 0.0),
        pos: t.pos,
    }
}

fn read_window(t: &Table<'_>, r: &mut Reader<'_>) -> Option<Window> {
    r.unknown_keys(t, &["platform", "days", "from", "to"], |_| false);
    let platform = r
        .require(t, "platform", "the platform the window is for")
        .and_then(|e| r.string(e))?;
    let platform = r.platform(&platform)?;
    let days = match t.get("days") {
        Some(e) => {
            let names = r.strings(e);
            names.iter().filter_map(|d| weekday(d, r)).collect()
        }
        None => Vec::new(),
    };
    let from = r
        .require(t, "from", "the start, \"HH:MM\"")
        .and_then(|e| clock(e, r))?;
    let to = r
        .require(t, "to", "the end, \"HH:MM\"")
        .and_then(|e| clock(e, r))?;
    Some(Window {
        platform: platform.value,
        days,
        from,
        to,
        pos: t.pos,
    })
}

fn weekday(name: &crate::model::Spanned<String>, r: &mut Reader<'_>) -> Option<Weekday> {
    match DAYS.iter().position(|d| *d == name.value) {
        Some(i) => Some(Weekday::try_from(i as u8).unwrap_or(Weekday::Mon)),
        None => {
            r.report_help(
                &INVALID_VALUE,
                name.pos,
                format!("`{}` is not a day", name.value),
                "use mon, tue, wed, thu, fri, sat, sun",
            );
            None
        }
    }
}

fn clock(entry: &Entry, r: &mut Reader<'_>) -> Option<NaiveTime> {
    let text = r.string(entry)?;
    if text.value == "24:00" {
        return NaiveTime::from_hms_opt(23, 59, 59);
    }
    match NaiveTime::parse_from_str(&text.value, "%H:%M") {
        Ok(t) => Some(t),
        Err(_) => {
            r.report_help(
                &INVALID_VALUE,
                text.pos,
                format!("`{}` = \"{}\" is not a time of day", entry.key, text.value),
                "write times as \"HH:MM\", for example \"07:30\"",
            );
            None
        }
    }
}

fn read_voice(t: &Table<'_>, r: &mut Reader<'_>) -> Voice {
    r.unknown_keys(t, &["banned", "required", "prefer"], |_| false);
    let prefer = match t.get("prefer") {
        Some(e) => each_table(e, r)
            .into_iter()
            .filter_map(|p| {
                r.unknown_keys(&p, &["use", "instead_of", "why"], |_| false);
                let use_word = r
                    .require(&p, "use", "the word to use")
                    .and_then(|e| r.string(e))?;
                let instead_of = r
                    .require(&p, "instead_of", "the word to avoid")
                    .and_then(|e| r.string(e))?;
                let why = string(&p, "why", r);
                Some(Preference {
                    use_word: use_word.value,
                    instead_of: instead_of.value,
                    why,
                })
            })
            .collect(),
        None => Vec::new(),
    };
    Voice {
        banned: strings(t, "banned", r),
        required: strings(t, "required", r),
        prefer,
    }
}

fn read_utm(t: &Table<'_>, r: &mut Reader<'_>) -> Utm {
    r.unknown_keys(t, &["source", "medium", "campaign", "content", "domains"], |_| {
        false
    });
    Utm {
        source: string(t, "source", r),
        medium: string(t, "medium", r),
        campaign: string(t, "campaign", r),
        content: string(t, "content", r),
        domains: strings(t, "domains", r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::node::parse_toml;

    const FULL: &str = r#"
[[goals]]
id = "reach"
name = "Reach"
kpi = "reach"
target = 50000
from = 2026-12-01
period = "month"
platforms = ["instagram"]

[[pillars]]
id = "a"
name = "A"
share = 0.6
[[pillars]]
id = "b"
name = "B"
share = 0.4

[mix]
tolerance = 0.1

[cadence.instagram]
per_week = 3
min_spacing_hours = 12

[[windows]]
platform = "instagram"
days = ["mon", "fri"]
from = "07:00"
to = "09:30"

[voice]
banned = ["billig"]
[[voice.prefer]]
use = "Fahrrad"
instead_of = "Bike"

[disclosure]
markers = ["Anzeige"]

[utm]
source = "{platform}"
"#;

    #[test]
    fn reads_every_section() {
        let mut r = Reader::new("strategy.toml");
        let s = read_strategy(&parse_toml(FULL, 1).unwrap(), &mut r);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert_eq!(s.goals[0].target, 50000.0);
        assert_eq!(s.pillars.len(), 2);
        assert_eq!(s.cadence[&crate::platform::Platform::Instagram].per_week, Some(3));
        assert_eq!(s.windows[0].days, vec![Weekday::Mon, Weekday::Fri]);
        assert_eq!(s.voice.prefer[0].use_word, "Fahrrad");
        assert_eq!(s.utm.unwrap().source.as_deref(), Some("{platform}"));
    }

    #[test]
    fn reports_bad_shares_days_and_times() {
        let text = "[[pillars]]\nid = \"a\"\nshare = 0.5\n[[windows]]\nplatform = \"x\"\ndays = [\"mo\"]\nfrom = \"7\"\nto = \"09:00\"\n";
        let mut r = Reader::new("strategy.toml");
        read_strategy(&parse_toml(text, 1).unwrap(), &mut r);
        let found: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(
            found,
            vec![("pillar-shares", 1), ("invalid-value", 6), ("invalid-value", 7)]
        );
    }

    #[test]
    fn ids_that_cannot_be_file_names_are_reported_and_left_out() {
        let text = "[[goals]]\nid = \"a/b\"\nkpi = \"reach\"\ntarget = 1\n[[pillars]]\nid = \"../x\"\nshare = 0.5\n[[pillars]]\nid = \"ok\"\nshare = 0.5\n";
        let mut r = Reader::new("strategy.toml");
        let s = read_strategy(&parse_toml(text, 1).unwrap(), &mut r);
        let found: Vec<_> = r.diagnostics.iter().map(|d| (d.rule, d.line, d.column)).collect();
        assert_eq!(found, vec![("invalid-id", 2, 6), ("invalid-id", 6, 6)]);
        assert!(s.goals.is_empty());
        let ids: Vec<_> = s.pillars.iter().map(|p| p.id.value.as_str()).collect();
        assert_eq!(
            ids,
            ["ok"],
            "shares are judged with every pillar, then the bad one goes"
        );
    }
}
