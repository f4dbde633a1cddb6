//! Crisis readiness: every platform the brand uses has a pre-approved holding
//! statement (`crisis/*.md`) ready for an emergency.
//!
//! The statements themselves are checked like posts by the other rules (voice,
//! disclosure, platform limits); they never count in cadence, mix or duplicates and
//! never enter the publish queue.

use super::Family;
use super::text::line_pos;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::Project;

/// A platform without a holding statement.
pub const NO_HOLDING_STATEMENT: Rule = Rule {
    name: "no-holding-statement",
    default: Severity::Warning,
    summary: "A platform set up in touchpoint.toml has no holding statement in crisis/, so an emergency starts with writing.",
};

/// A crisis plan not reviewed within its review period.
pub const CRISIS_PLAN_STALE: Rule = Rule {
    name: "crisis-plan-stale",
    default: Severity::Warning,
    summary: "crisis/plan.toml was last `reviewed` longer ago than its `review_every_months` (default 6): numbers and people change.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&NO_HOLDING_STATEMENT, &CRISIS_PLAN_STALE];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    dated: &[],
    across: &[check, check_plan],
};

/// Reports a crisis plan whose last review is older than its period (by `--today`).
pub fn check_plan(project: &Project, context: &super::Context) -> Vec<Diagnostic> {
    let Some(plan) = &project.crisis_plan else {
        return Vec::new();
    };
    let Some(reviewed) = &plan.reviewed else {
        return Vec::new();
    };
    let months = plan.review_every_months;
    let due = reviewed
        .value
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(chrono::NaiveDate::MAX);
    if context.today <= due {
        return Vec::new();
    }
    let days = (context.today - reviewed.value).num_days();
    vec![
        Diagnostic::new(
            &CRISIS_PLAN_STALE,
            crate::content::crisis_plan::FILE,
            reviewed.pos,
            format!(
                "the crisis plan was last reviewed on {} ({days} days ago); a review holds {months} months, due {due}",
                reviewed.value
            ),
        )
        .help("check contacts, numbers and paused channels with the team, then set `reviewed` to today"),
    ]
}

/// Reports each declared platform that no holding statement covers.
pub fn check(project: &Project, _context: &super::Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &platform in project.config.platforms.keys() {
        if project.crisis.iter().any(|s| s.has_platform(platform)) {
            continue;
        }
        let scenarios: Vec<&str> = project
            .crisis
            .iter()
            .filter_map(|s| s.scenario.as_deref())
            .collect();
        let help = if scenarios.is_empty() {
            format!(
                "add crisis/ID.md with `scenario = \"…\"` and `platforms = [\"{platform}\"]`: a short, pre-approved statement"
            )
        } else {
            format!(
                "add \"{platform}\" to `platforms` of a holding statement in crisis/ (scenarios: {})",
                scenarios.join(", ")
            )
        };
        out.push(
            Diagnostic::new(
                &NO_HOLDING_STATEMENT,
                "touchpoint.toml",
                line_pos(project, "touchpoint.toml", &format!("[platforms.{platform}]")),
                format!(
                    "no holding statement for {} ({} in crisis/)",
                    platform.display_name(),
                    match project.crisis.len() {
                        1 => "1 statement".to_owned(),
                        n => format!("{n} statements"),
                    }
                ),
            )
            .width(platform.name().len() + 12)
            .help(help),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::FAMILY;
    use crate::validate::testing::{CONFIG, run};

    #[test]
    fn every_platform_without_a_statement_is_reported_at_its_table() {
        let found = run(&FAMILY, &[("touchpoint.toml", CONFIG)]);
        assert_eq!(
            found,
            vec![
                ("touchpoint.toml".to_owned(), 3, "no-holding-statement"),
                ("touchpoint.toml".to_owned(), 4, "no-holding-statement"),
            ]
        );
        let statement = "+++\ntitle = \"S\"\nscenario = \"Ausfall\"\nplatforms = [\"x\", \"instagram\"]\n+++\nWir melden uns.\n";
        assert!(
            run(
                &FAMILY,
                &[("touchpoint.toml", CONFIG), ("crisis/s.md", statement)]
            )
            .is_empty()
        );
    }
}
