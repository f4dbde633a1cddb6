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

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&NO_HOLDING_STATEMENT];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    across: &[check],
};

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
