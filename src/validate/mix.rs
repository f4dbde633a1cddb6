//! Pillar mix: the share of each content pillar in the plan, against its target.
//!
//! Shares count posts (a post on three platforms counts once) of the plan (see
//! [`super::plan`]) whose pillar is declared. The whole plan is judged, and each
//! calendar month that lies entirely inside it and has not ended before today. A period with fewer than
//! [`MIN_POSTS`] such posts is not judged: with four posts every share is a multiple
//! of 25 % and any target would be missed.

use chrono::NaiveDate;

use super::Family;
use super::plan::{self, Planned};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{Post, Project};

/// A pillar's share outside its target ± tolerance.
pub const PILLAR_MIX: Rule = Rule {
    name: "pillar-mix",
    default: Severity::Warning,
    summary: "A pillar's share of the plan (or of a full month of it) differs from its `share` by more than `[mix] tolerance`.",
};
/// A post without a pillar.
pub const MISSING_PILLAR: Rule = Rule {
    name: "missing-pillar",
    default: Severity::Warning,
    summary: "A planned post has no `pillar` although strategy.toml declares pillars, so the mix cannot count it.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&PILLAR_MIX, &MISSING_PILLAR];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    dated: &[|project, post, _, out| check_pillar(project, post, out)],
    across: &[check],
};

/// The fewest posts with a pillar a period needs before its mix is judged.
pub const MIN_POSTS: usize = 8;

/// Reports a planned post without a pillar, once per date it goes out (a series once
/// per occurrence, as the mix counts it).
pub fn check_pillar(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    if project.strategy.pillars.is_empty() || post.pillar.is_some() || !plan::counts(post) {
        return;
    }
    let ids: Vec<&str> = project
        .strategy
        .pillars
        .iter()
        .map(|p| p.id.value.as_str())
        .collect();
    let finding = Diagnostic::new(
        &MISSING_PILLAR,
        &post.file,
        post.title.pos,
        format!("`{}` has no pillar", post.id),
    )
    .help(format!("add `pillar = \"…\"`, one of: {}", ids.join(", ")));
    let dates = post.dates().len();
    out.extend(std::iter::repeat_n(finding, dates));
}

/// Checks the mix over the plan and each full month (posts without a pillar are judged
/// per post, by [`check_pillar`]).
pub fn check(project: &Project, context: &super::Context) -> Vec<Diagnostic> {
    if project.strategy.pillars.is_empty() {
        return Vec::new();
    }
    let planned = plan::planned(project);
    let mut out = Vec::new();
    let Some((first, last)) = plan::range(&planned) else {
        return out;
    };
    judge(project, &planned, "the plan", &mut out);
    for start in plan::full_months(first, last) {
        let end = plan::month_last_day(start);
        if end < context.today {
            continue;
        }
        let month = plan::between(&planned, start, end);
        judge(project, month, &month_name(start), &mut out);
    }
    out
}

fn month_name(start: NaiveDate) -> String {
    start.format("%B %Y").to_string()
}

/// Compares each pillar's share among `posts` with its target.
fn judge(project: &Project, posts: &[Planned<'_>], period: &str, out: &mut Vec<Diagnostic>) {
    let pillars = &project.strategy.pillars;
    let with_pillar: Vec<&str> = posts
        .iter()
        .filter_map(|p| p.pillar.as_ref())
        .map(|p| p.value.as_str())
        .filter(|id| project.pillar(id).is_some())
        .collect();
    let total = with_pillar.len();
    if total < MIN_POSTS {
        return;
    }
    let tolerance = project.strategy.mix_tolerance;
    for pillar in pillars {
        let n = with_pillar.iter().filter(|id| **id == pillar.id.value).count();
        let share = n as f64 / total as f64;
        let deviation = share - pillar.share;
        if deviation.abs() <= tolerance + 1e-9 {
            continue;
        }
        let target = (pillar.share * total as f64).round() as usize;
        let (direction, fix) = if deviation < 0.0 {
            ("below", format!("about {} more", target.saturating_sub(n)))
        } else {
            ("above", format!("about {} fewer", n.saturating_sub(target)))
        };
        out.push(
            Diagnostic::new(
                &PILLAR_MIX,
                "strategy.toml",
                pillar.id.pos,
                format!(
                    "pillar `{}` is {} of {period} ({n} of {total} posts), {direction} its target {} ± {}",
                    pillar.id.value,
                    percent(share),
                    percent(pillar.share),
                    percent(tolerance)
                ),
            )
            .width(pillar.id.value.chars().count() + 2)
            .help(format!(
                "plan {fix} `{}` posts in {period}, or adjust its `share` or `[mix] tolerance`",
                pillar.id.value
            )),
        );
    }
}

fn percent(fraction: f64) -> String {
    format!("{:.0} %", fraction * 100.0)
}

#[cfg(test)]
mod tests {
    use super::{FAMILY, MIN_POSTS, percent};
    use crate::validate::testing::{CONFIG, post, run};

    #[test]
    fn percentages_are_rounded() {
        assert_eq!(percent(0.354), "35 %");
        assert_eq!(percent(0.1), "10 %");
    }

    #[test]
    fn a_small_plan_is_not_judged() {
        let strategy = "[[pillars]]\nid = \"a\"\nshare = 0.5\n[[pillars]]\nid = \"b\"\nshare = 0.5\n";
        let files: Vec<(String, String)> = (0..MIN_POSTS - 1)
            .map(|i| {
                let front = format!(
                    "publish_at = 2026-12-{:02}T09:00:00\nplatforms = [\"x\"]\nstatus = \"approved\"\npillar = \"a\"",
                    i + 2
                );
                (format!("posts/p{i}.md"), post(&front, "A"))
            })
            .collect();
        let mut all = vec![("touchpoint.toml", CONFIG), ("strategy.toml", strategy)];
        all.extend(files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
        assert!(run(&FAMILY, &all).is_empty());
    }
}
