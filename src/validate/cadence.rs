//! Cadence: how often each platform gets a post, against `[cadence.PLATFORM]`.
//!
//! Counts the plan (see [`super::plan`]) per ISO week and calendar month, finds long
//! silences and posts crowded too close together on one platform.

use chrono::{Days, NaiveDate, Weekday};

use super::Family;
use super::plan::{self, Planned};
use super::text::at_time;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{Cadence, Project, Status};
use crate::platform::Platform;

/// Too few posts on a platform in a week or month.
pub const CADENCE_TOO_FEW: Rule = Rule {
    name: "cadence-too-few",
    default: Severity::Warning,
    summary: "A platform gets fewer posts in a full ISO week (or calendar month) of the plan than `[cadence]` asks for.",
};
/// Too many posts on a platform in a week or month.
pub const CADENCE_TOO_MANY: Rule = Rule {
    name: "cadence-too-many",
    default: Severity::Warning,
    summary: "A platform gets more posts in an ISO week (or calendar month) than `[cadence]` allows; followers tire of it.",
};
/// A silence longer than `max_gap_days`.
pub const CADENCE_GAP: Rule = Rule {
    name: "cadence-gap",
    default: Severity::Warning,
    summary: "Two consecutive posts on one platform are more than `max_gap_days` calendar days apart.",
};
/// Two posts closer than `min_spacing_hours`.
pub const MIN_SPACING: Rule = Rule {
    name: "min-spacing",
    default: Severity::Warning,
    summary: "Two posts on one platform are closer than `min_spacing_hours`, so they compete for the same audience.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&CADENCE_TOO_FEW, &CADENCE_TOO_MANY, &CADENCE_GAP, &MIN_SPACING];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    dated: &[],
    across: &[check],
};

const STRATEGY: &str = "strategy.toml";

/// Checks every platform that has a `[cadence.PLATFORM]` table.
pub fn check(project: &Project, context: &super::Context) -> Vec<Diagnostic> {
    let planned = plan::planned(project);
    let Some((first, last)) = plan::range(&planned) else {
        return Vec::new();
    };
    let span = Span {
        first,
        last,
        today: context.today,
    };
    let mut out = Vec::new();
    for (&platform, cadence) in &project.strategy.cadence {
        let posts = plan::on_platform(&planned, platform);
        check_weeks(project, platform, cadence, &posts, span, &mut out);
        check_months(project, platform, cadence, &posts, span, &mut out);
        check_spacing(project, platform, cadence, &posts, &mut out);
    }
    out
}

/// The plan's dates and today: weeks and months that ended before today are history
/// and are not judged, nothing can be planned into them any more.
#[derive(Clone, Copy)]
struct Span {
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
}

/// The allowed number of posts per week: explicit bounds win over the exact target.
fn week_bounds(c: &Cadence) -> (Option<u32>, Option<u32>) {
    (c.min_per_week.or(c.per_week), c.max_per_week.or(c.per_week))
}

fn bounds_text(min: Option<u32>, max: Option<u32>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("target {a}"),
        (Some(a), Some(b)) => format!("target {a}–{b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => String::new(),
    }
}

fn posts_word(n: usize) -> String {
    plan::count(n as i64, "post")
}

fn check_weeks(
    project: &Project,
    platform: Platform,
    cadence: &Cadence,
    posts: &[Planned<'_>],
    Span { first, last, today }: Span,
    out: &mut Vec<Diagnostic>,
) {
    let (min, max) = week_bounds(cadence);
    let name = platform.display_name();
    let bounds = bounds_text(min, max);
    let weeks: Vec<NaiveDate> = plan::full_weeks(first, last)
        .into_iter()
        .filter(|monday| *monday + Days::new(6) >= today)
        .collect();
    if let (Some(min), true, false) = (min, posts.is_empty(), weeks.is_empty()) {
        // One finding for a platform the plan never uses, not one per week.
        if min > 0 {
            out.push(
                Diagnostic::new(
                    &CADENCE_TOO_FEW,
                    STRATEGY,
                    cadence.pos,
                    format!(
                        "no posts on {name} in the plan ({first} to {last}, {}), {bounds} per week",
                        plan::count(weeks.len() as i64, "full week")
                    ),
                )
                .help(format!(
                    "plan posts on {name}, or remove [cadence.{platform}] if the brand does not post there"
                )),
            );
        }
        return;
    }
    if let Some(min) = min {
        for monday in weeks {
            let sunday = monday + Days::new(6);
            let n = plan::between(posts, monday, sunday).len();
            if n < min as usize {
                let week = plan::iso_week_name(monday);
                out.push(
                    Diagnostic::new(
                        &CADENCE_TOO_FEW,
                        STRATEGY,
                        cadence.pos,
                        format!("{} on {name} in ISO week {week}, {bounds}", posts_word(n)),
                    )
                    .help(format!(
                        "add {} on {name} between {monday} and {sunday}, or lower `min_per_week` in [cadence.{platform}]",
                        posts_word(min as usize - n)
                    )),
                );
            }
        }
    }
    if let Some(max) = max {
        let mut weeks: Vec<(String, Vec<Planned<'_>>)> = Vec::new();
        for post in posts {
            let Some(day) = plan::date(post) else { continue };
            let week = plan::iso_week_name(day);
            match weeks.last_mut() {
                Some((w, list)) if *w == week => list.push(*post),
                _ => weeks.push((week, vec![*post])),
            }
        }
        for (week, list) in weeks {
            let ended = list
                .first()
                .and_then(|p| plan::date(p))
                .is_some_and(|d| d.week(Weekday::Mon).last_day() < today);
            if ended {
                continue;
            }
            if let Some(extra) = list.get(max as usize) {
                out.push(
                    at_time(
                        &CADENCE_TOO_MANY,
                        project,
                        extra,
                        format!(
                            "{} on {name} in ISO week {week}, {bounds}",
                            posts_word(list.len())
                        ),
                    )
                    .help(format!(
                        "move {} of them to another week, or raise `max_per_week` in [cadence.{platform}]",
                        list.len() - max as usize
                    )),
                );
            }
        }
    }
}

fn check_months(
    project: &Project,
    platform: Platform,
    cadence: &Cadence,
    posts: &[Planned<'_>],
    Span { first, last, today }: Span,
    out: &mut Vec<Diagnostic>,
) {
    let Some(target) = cadence.per_month else {
        return;
    };
    let name = platform.display_name();
    for start in plan::full_months(first, last) {
        let end = plan::month_last_day(start);
        if end < today {
            continue;
        }
        let list = plan::between(posts, start, end);
        let month = start.format("%B %Y").to_string();
        let n = list.len();
        if n < target as usize {
            out.push(
                Diagnostic::new(
                    &CADENCE_TOO_FEW,
                    STRATEGY,
                    cadence.pos,
                    format!(
                        "{} on {name} in {month}, target {target} per month",
                        posts_word(n)
                    ),
                )
                .help(format!(
                    "add {} on {name} in {month}, or lower `per_month` in [cadence.{platform}]",
                    posts_word(target as usize - n)
                )),
            );
        } else if let Some(extra) = list.get(target as usize) {
            out.push(
                at_time(
                    &CADENCE_TOO_MANY,
                    project,
                    extra,
                    format!(
                        "{} on {name} in {month}, target {target} per month",
                        posts_word(n)
                    ),
                )
                .help(format!(
                    "move {} of them to another month, or raise `per_month` in [cadence.{platform}]",
                    n - target as usize
                )),
            );
        }
    }
}

fn check_spacing(
    project: &Project,
    platform: Platform,
    cadence: &Cadence,
    posts: &[Planned<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let name = platform.display_name();
    for pair in posts.windows(2) {
        let [earlier, later] = pair else { continue };
        let (Some(a), Some(b)) = (earlier.time(), later.time()) else {
            continue;
        };
        if later.status.value == Status::Published {
            continue;
        }
        if let Some(max_gap) = cadence.max_gap_days {
            let days = (b.date_naive() - a.date_naive()).num_days();
            if days > i64::from(max_gap) {
                out.push(
                    at_time(&CADENCE_GAP, project, later,
                        format!(
                            "{days} days without a post on {name} since `{}` ({}), at most {max_gap} allowed",
                            earlier.id,
                            a.format("%Y-%m-%d")
                        ),
                    )
                    .help(format!(
                        "plan a post on {name} between {} and {}, or raise `max_gap_days` in [cadence.{platform}]",
                        a.format("%Y-%m-%d"),
                        b.format("%Y-%m-%d")
                    )),
                );
            }
        }
        if let Some(min_hours) = cadence.min_spacing_hours {
            let minutes = (b - a).num_minutes();
            if (minutes as f64) < min_hours * 60.0 {
                out.push(
                    at_time(
                        &MIN_SPACING,
                        project,
                        later,
                        format!(
                            "{} after `{}` on {name}, at least {} apart",
                            duration_text(minutes),
                            earlier.id,
                            hours_text(min_hours)
                        ),
                    )
                    .help(format!(
                        "move one of the two posts, or lower `min_spacing_hours` in [cadence.{platform}]"
                    )),
                );
            }
        }
    }
}

fn duration_text(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn hours_text(hours: f64) -> String {
    duration_text((hours * 60.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_prefer_min_and_max_over_the_target() {
        let c = Cadence {
            per_week: Some(3),
            min_per_week: Some(2),
            ..Cadence::default()
        };
        assert_eq!(week_bounds(&c), (Some(2), Some(3)));
        assert_eq!(bounds_text(Some(2), Some(3)), "target 2–3");
        assert_eq!(bounds_text(Some(3), Some(3)), "target 3");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(90), "1 h 30 min");
        assert_eq!(duration_text(45), "45 min");
        assert_eq!(hours_text(12.0), "12 h");
    }
    #[test]
    fn an_exact_weekly_target_bounds_both_sides() {
        use crate::validate::testing::{CONFIG, post, run};
        let strategy = "[cadence.x]\nper_week = 1\n";
        let at = |d: &str| {
            post(
                &format!("publish_at = {d}T09:00:00\nplatforms = [\"x\"]\nstatus = \"approved\""),
                d,
            )
        };
        // Mon 12-07 .. Sun 12-20: week 50 has two posts, week 51 one.
        let (a, b, c) = (at("2026-12-07"), at("2026-12-09"), at("2026-12-20"));
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("strategy.toml", strategy),
                ("posts/a.md", &a),
                ("posts/b.md", &b),
                ("posts/c.md", &c),
            ],
        );
        assert_eq!(found, vec![("posts/b.md".to_owned(), 3, "cadence-too-many")]);
    }

    #[test]
    fn weeks_that_ended_before_today_are_history() {
        use crate::validate::testing::{CONFIG, post, run};
        let strategy = "[cadence.x]\nper_week = 1\n";
        let at = |d: &str, status: &str| {
            post(
                &format!("publish_at = {d}T09:00:00\nplatforms = [\"x\"]\nstatus = \"{status}\""),
                d,
            )
        };
        // Two posts in week 45 and none in weeks 46-48, all before today (2026-12-01).
        let (a, b) = (at("2026-11-02", "published"), at("2026-11-03", "published"));
        let (c, d) = (at("2026-12-02", "approved"), at("2026-12-13", "approved"));
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("strategy.toml", strategy),
                ("posts/a.md", &a),
                ("posts/b.md", &b),
                ("posts/c.md", &c),
                ("posts/d.md", &d),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
