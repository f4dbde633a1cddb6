//! Validation: rules over the whole model, each producing diagnostics.
//!
//! Per-file problems were reported while parsing; here live the rules that need more
//! than one file: references between files, and (in their own modules) the strategy's
//! cadence, mix, windows, voice and disclosure rules.

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::Project;

pub mod cadence;
pub mod campaigns;
pub mod crisis;
pub mod disclosure;
pub mod lifecycle;
pub mod mix;
pub mod personas;
pub mod plan;
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
];

/// The rules of every validation module.
pub fn rules() -> Vec<&'static Rule> {
    let mut rules = references::RULES.to_vec();
    for (family, _) in STRATEGY {
        rules.extend(family.iter().copied());
    }
    rules
}

/// Runs every cross-file rule over the project.
pub fn validate(project: &Project, context: &Context) -> Vec<Diagnostic> {
    let mut out = validate_across(project, context);
    out.extend(crate::platform::rules::check(project));
    out
}

/// Every rule but the per-post platform rules ([`crate::platform::rules::check`]): what
/// must run again over the whole project when one post changes.
pub fn validate_across(project: &Project, context: &Context) -> Vec<Diagnostic> {
    let mut out = references::check(project);
    for (_, check) in STRATEGY {
        out.extend(check(project, context));
    }
    out
}
