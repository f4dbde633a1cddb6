//! Personas: every persona is written for, on the platforms where it reads.
//!
//! The planning horizon is the plan from today on: a persona that no upcoming post
//! addresses is forgotten. When nothing is upcoming (a finished plan) the horizon is
//! empty and no persona is reported.

use super::Family;
use super::plan;
use super::text::key_pos;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{Post, Project};
use crate::platform::Platform;

/// A persona no upcoming post addresses.
pub const UNADDRESSED_PERSONA: Rule = Rule {
    name: "unaddressed-persona",
    default: Severity::Warning,
    summary: "A persona that no planned post from today on names in `personas`: the plan forgets that audience.",
};
/// A post on a platform none of its personas uses.
pub const PERSONA_PLATFORM: Rule = Rule {
    name: "persona-platform",
    default: Severity::Warning,
    summary: "A post goes to a platform that none of its `personas` uses, so it misses the people it is written for.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&UNADDRESSED_PERSONA, &PERSONA_PLATFORM];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    dated: &[|project, post, _, out| check_post(project, post, out)],
    across: &[check],
};

/// Checks persona coverage over the horizon (each post's platforms are judged per post,
/// by [`check_post`]).
pub fn check(project: &Project, context: &super::Context) -> Vec<Diagnostic> {
    let planned = plan::planned(project);
    let upcoming: Vec<plan::Planned<'_>> = planned
        .iter()
        .copied()
        .filter(|p| plan::date(p).is_some_and(|d| d >= context.today))
        .collect();
    let mut out = Vec::new();
    if let Some(last) = upcoming.iter().filter_map(|p| plan::date(p)).max() {
        for persona in &project.personas {
            let addressed = upcoming
                .iter()
                .any(|p| p.personas.iter().any(|id| id.value == persona.id));
            if !addressed {
                out.push(
                    Diagnostic::new(
                        &UNADDRESSED_PERSONA,
                        &persona.file,
                        key_pos(project, &persona.file, "name"),
                        format!(
                            "no post from {} to {last} addresses persona `{}` ({} upcoming posts)",
                            context.today,
                            persona.id,
                            upcoming.len()
                        ),
                    )
                    .help(format!(
                        "add \"{}\" to `personas` of a post written for them, or remove the persona",
                        persona.id
                    )),
                );
            }
        }
    }
    out
}

/// Checks a planned post's platforms against its personas', once per date it goes out
/// (a series once per occurrence).
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    if !plan::counts(post) {
        return;
    }
    for _ in post.dates() {
        check_platforms(project, post, out);
    }
}

fn check_platforms(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    let personas: Vec<_> = post
        .personas
        .iter()
        .filter_map(|id| project.persona(&id.value))
        .filter(|p| !p.platforms.is_empty())
        .collect();
    if personas.is_empty() {
        return;
    }
    let reads = |platform: Platform| personas.iter().any(|p| p.platforms.contains(&platform));
    // An undeclared platform is already an error of its own (`undeclared-platform`).
    let declared = |platform: Platform| project.config.platforms.contains_key(&platform);
    for platform in post
        .platforms
        .iter()
        .filter(|p| declared(p.value) && !reads(p.value))
    {
        let names: Vec<&str> = personas.iter().map(|p| p.id.as_str()).collect();
        let mut theirs: Vec<Platform> = personas
            .iter()
            .flat_map(|p| p.platforms.iter().copied())
            .collect();
        theirs.sort();
        theirs.dedup();
        let theirs: Vec<&str> = theirs.iter().map(|p| p.display_name()).collect();
        out.push(
            Diagnostic::new(
                &PERSONA_PLATFORM,
                &post.file,
                platform.pos,
                format!(
                    "goes to {}, which none of its personas ({}) uses",
                    platform.value.display_name(),
                    names.join(", ")
                ),
            )
            .width(platform.value.name().len() + 2)
            .help(format!(
                "they read on {}; drop \"{}\", or name a persona who reads there",
                theirs.join(", "),
                platform.value
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FAMILY;
    use crate::validate::testing::{CONFIG, post, run};

    const PAULA: &str = "+++\nname = \"Paula\"\nplatforms = [\"instagram\"]\n+++\nP.\n";

    #[test]
    fn a_finished_plan_has_no_horizon_and_reports_no_persona() {
        let old = post(
            "publish_at = 2026-11-02T09:00:00\nplatforms = [\"instagram\"]\nstatus = \"published\"",
            "A",
        );
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("personas/paula.md", PAULA),
                ("posts/a.md", &old),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn personas_without_platforms_are_not_judged() {
        let anyone = "+++\nname = \"Anyone\"\n+++\nA.\n";
        let p = post(
            "publish_at = 2026-12-05T09:00:00\nplatforms = [\"x\"]\nstatus = \"approved\"\npersonas = [\"anyone\"]",
            "A",
        );
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("personas/anyone.md", anyone),
                ("posts/a.md", &p),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
