//! Validation: rules over the model and the composed texts, each producing diagnostics.
//!
//! Per-file problems were reported while parsing; here live the rules that judge a post
//! as it goes out ([`platform`]) or need more than one file: references between files,
//! and the strategy's cadence, mix, windows, voice and disclosure rules. Each family
//! exports one [`Family`]; [`FAMILIES`] registers each once.
//!
//! May import: the networks ([`crate::platform`]), the model ([`crate::model`],
//! [`crate::content`], [`crate::diagnostic`]) and [`crate::compose`]; never rendering,
//! metrics or serving.

use chrono::NaiveDate;

use crate::compose::Texts;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Post, Project};

pub mod brand;
pub mod cadence;
pub mod campaigns;
pub mod crisis;
pub mod disclosure;
pub mod evergreen;
pub mod hashtags;
pub mod html;
pub mod images;
pub mod lifecycle;
pub mod mix;
pub mod personas;
pub mod plan;
pub mod platform;
pub mod previews;
pub mod references;
pub mod review;
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

/// A check over the posts together (or over today): what must run again over the whole
/// project when one post changes.
pub type Check = fn(&Project, &Context) -> Vec<Diagnostic>;

/// A check that judges one post or holding statement alone, on the texts composed for
/// it (`texts`, composed now where it has none): the dev server keeps its findings per
/// post and runs it again only for the posts that change.
pub type PostCheck = fn(&Project, &Post, &Texts, &mut Vec<Diagnostic>);

/// A check that judges one post alone against everything but the other posts (the
/// configuration, strategy, personas, campaigns, review files) and today: an approval,
/// a status against its date, a post's pillar, personas or posting windows. The dev
/// server keeps its findings per post, like a [`PostCheck`]'s, and runs it again for
/// the posts that change (for every post when another file or the date changes).
pub type DatedPostCheck = fn(&Project, &Post, &Context, &mut Vec<Diagnostic>);

/// A rule family: its rules and the checks that report them. Each family's file exports
/// one `FAMILY` and [`FAMILIES`] names it once, so adding a rule is writing it in its
/// family's file (or a new file) and, for a new family, one line in [`FAMILIES`].
#[derive(Clone, Copy)]
pub struct Family {
    /// The family's rules, in `touchpoint rules` order.
    pub rules: &'static [&'static Rule],
    /// What it judges of each post alone.
    pub per_post: &'static [PostCheck],
    /// What it judges of each post alone against the other files and today.
    pub dated: &'static [DatedPostCheck],
    /// What it judges of the posts together (or of today).
    pub across: &'static [Check],
}

impl Family {
    /// Every finding of this family alone over the whole project: its project-wide checks,
    /// then its per-post checks over every post and holding statement (for its tests).
    pub fn check(&self, project: &Project, context: &Context) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .across
            .iter()
            .flat_map(|check| check(project, context))
            .collect();
        let texts = Texts::default();
        for post in project.posts.iter().chain(&project.crisis) {
            for check in self.per_post {
                check(project, post, &texts, &mut out);
            }
            for check in self.dated {
                check(project, post, context, &mut out);
            }
        }
        out
    }
}

/// The registry: every family validation runs, in report order. Validation
/// ([`check_post`], [`validate_across`]), `touchpoint rules`, `[lints]` and README's
/// rule table (through [`crate::all_rules`]) all read this list.
pub const FAMILIES: &[&Family] = &[
    &references::FAMILY,
    &cadence::FAMILY,
    &windows::FAMILY,
    &campaigns::FAMILY,
    &mix::FAMILY,
    &personas::FAMILY,
    &voice::FAMILY,
    &disclosure::FAMILY,
    &hashtags::FAMILY,
    &evergreen::FAMILY,
    &lifecycle::FAMILY,
    &review::FAMILY,
    &crisis::FAMILY,
    &html::FAMILY,
    &images::FAMILY,
    &platform::FAMILY,
    &previews::FAMILY,
    &brand::FAMILY,
];

/// The rules of every family validation runs, in report order.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|family| family.rules.iter().copied())
}

/// The findings of the rules that judge one post or holding statement alone (its
/// platform texts and media, references, campaign, voice and disclosure): they depend on
/// the post, the configuration, the strategy, personas, campaigns and media, but
/// neither on other posts nor on the date, so the dev server keeps them per post and
/// runs them again only for the posts that change.
pub fn check_post(project: &Project, post: &Post, texts: &Texts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for family in FAMILIES {
        for check in family.per_post {
            check(project, post, texts, &mut out);
        }
    }
    out
}

/// The findings of the rules that judge one post alone against the other files and
/// today ([`DatedPostCheck`]): the dev server keeps them per post with
/// [`check_post`]'s and runs them again for the posts that change.
pub fn check_post_dated(project: &Project, post: &Post, context: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for family in FAMILIES {
        for check in family.dated {
            check(project, post, context, &mut out);
        }
    }
    out
}

/// Every rule but those judging one post alone ([`check_post`], [`check_post_dated`]): what must run again
/// over the whole project when one post changes.
pub fn validate_across(project: &Project, context: &Context) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let checks: Vec<Check> = FAMILIES
        .iter()
        .flat_map(|family| family.across.iter().copied())
        .collect();
    // The families are independent; run them side by side (the order of findings is
    // kept, and they are sorted by file and line afterwards anyway).
    checks
        .par_iter()
        .flat_map_iter(|check| check(project, context))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The registry's rules have unique names: a name is how `[lints]` finds a rule.
    #[test]
    fn registered_rule_names_are_unique() {
        let mut names: Vec<&str> = rules().map(|r| r.name).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    /// Running the registry (per post and across) finds what each family finds alone.
    #[test]
    fn the_registry_finds_what_the_families_find() {
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
            let mut whole: Vec<Diagnostic> = FAMILIES
                .iter()
                .flat_map(|f| f.check(&project, &context))
                .collect();
            let mut split = validate_across(&project, &context);
            for post in project.posts.iter().chain(&project.crisis) {
                split.extend(check_post(&project, post, &Texts::default()));
                split.extend(check_post_dated(&project, post, &context));
            }
            crate::diagnostic::sort(&mut whole);
            crate::diagnostic::sort(&mut split);
            assert_eq!(split, whole, "{}", root.display());
            compared += whole.len();
        }
        assert!(compared > 20, "the fixtures have findings to compare: {compared}");
    }
}
