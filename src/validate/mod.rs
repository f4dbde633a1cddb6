//! Validation: rules over the whole model, each producing diagnostics.
//!
//! Per-file problems were reported while parsing; here live the rules that need more
//! than one file: references between files, and (in their own modules) the strategy's
//! cadence, mix, windows, voice and disclosure rules.

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::Project;

pub mod references;

/// What a validation run may depend on besides the model.
#[derive(Clone, Debug)]
pub struct Context {
    /// "Today" in the project's timezone (overridable with `--today` for reproducible runs).
    pub today: NaiveDate,
}

/// The rules of every validation module.
pub fn rules() -> Vec<&'static Rule> {
    references::RULES.to_vec()
}

/// Runs every cross-file rule over the project.
pub fn validate(project: &Project, _context: &Context) -> Vec<Diagnostic> {
    let mut all = references::check(project);
    all.extend(crate::platform::rules::check(project));
    all
}
