//! Validation: rules over the whole model, each producing diagnostics.
//!
//! Per-file problems were reported while parsing; here live the rules that need more
//! than one file: references between files, and (in their own modules) the strategy's
//! cadence, mix, windows, voice and disclosure rules.

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Post, Project};

pub mod cadence;
pub mod campaigns;
pub mod crisis;
pub mod disclosure;
pub mod html;
pub mod lifecycle;
pub mod mix;
pub mod personas;
pub mod plan;
pub mod platform;
pub mod references;
#[cfg(test)]
mod testing;
pub mod text;
pub mod voice;
pub mod windows;

/// What a validation run may depend on besides the model.
#[derive(Clone, Debug)]
pub struct Context {
    /// "Today" in the project's timezone (overridable with `--today` for reproducible runs).
    pub today: NaiveDate,
}

/// A strategy rule family's entry point.
type Check = fn(&Project, &Context) -> Vec<Diagnostic>;

/// The part of a rule family that judges one post alone (see [`check_post`]).
type PostCheck = fn(&Project, &Post, &mut Vec<Diagnostic>);

/// The strategy rule families: their rules and entry points, in report order.
const STRATEGY: &[(&[&Rule], Check)] = &[
    (cadence::RULES, cadence::check),
    (windows::RULES, windows::check),
    (campaigns::RULES, campaigns::check),
    (mix::RULES, mix::check),
    (personas::RULES, personas::check),
    (voice::RULES, voice::check),
    (disclosure::RULES, disclosure::check),
    (lifecycle::RULES, lifecycle::check),
    (crisis::RULES, crisis::check),
    (html::RULES, html::check),
];

/// What the families judge of the posts together (or of today): together with
/// [`PER_POST`] for every post, exactly what [`STRATEGY`] and [`references::check`] find.
const ACROSS: &[Check] = &[
    |project, _| references::check_across(project),
    cadence::check,
    windows::check,
    |project, _| campaigns::check_across(project),
    mix::check,
    personas::check,
    lifecycle::check,
    crisis::check,
];

/// What the families judge of each post alone.
const PER_POST: &[PostCheck] = &[
    references::check_post,
    campaigns::check_post,
    voice::check_post,
    disclosure::check_post,
    html::check_post,
];

/// The rules of every validation module.
pub fn rules() -> Vec<&'static Rule> {
    let mut rules = references::RULES.to_vec();
    for (family, _) in STRATEGY {
        rules.extend(family.iter().copied());
    }
    rules
}

/// The findings of the rules that judge one post or holding statement alone (its
/// references, campaign, voice and disclosure): they depend on the post, the
/// configuration, the strategy, personas, campaigns and media, but neither on other
/// posts nor on the date, so the dev server keeps them per post and runs them again
/// only for the posts that change.
pub fn check_post(project: &Project, post: &Post) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for check in PER_POST {
        check(project, post, &mut out);
    }
    out
}

/// Every rule but those judging one post alone ([`check_post`] and the platform rules,
/// [`platform::check_going_out`]): what must run again over the whole
/// project when one post changes.
pub fn validate_across(project: &Project, context: &Context) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    // The families are independent; run them side by side (the order of findings is
    // kept, and they are sorted by file and line afterwards anyway).
    ACROSS
        .par_iter()
        .flat_map_iter(|check| check(project, context))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The split into [`ACROSS`] and [`PER_POST`] finds what the families find whole.
    #[test]
    fn across_and_per_post_find_what_the_families_find() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut roots = vec![manifest.join("example-project")];
        for entry in std::fs::read_dir(manifest.join("tests/fixtures")).unwrap() {
            roots.push(entry.unwrap().path());
        }
        let context = Context {
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        let mut compared = 0;
        for root in roots {
            let Ok((project, _)) = crate::load::load_project(&root) else {
                continue;
            };
            let mut whole = references::check(&project);
            for (_, check) in STRATEGY {
                whole.extend(check(&project, &context));
            }
            let mut split = validate_across(&project, &context);
            for post in project.posts.iter().chain(&project.crisis) {
                split.extend(check_post(&project, post));
            }
            crate::diagnostic::sort(&mut whole);
            crate::diagnostic::sort(&mut split);
            assert_eq!(split, whole, "{}", root.display());
            compared += whole.len();
        }
        assert!(compared > 20, "the fixtures have findings to compare: {compared}");
    }
}
