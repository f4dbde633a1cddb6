//! The `[brand]` logo: a file inside the repository that the site and the PDFs can show.

use super::Family;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::Project;

/// A `[brand] logo` that cannot be shown.
///
/// What: `logo` under `[brand]` names no readable SVG or PNG inside the repository (it is
/// missing, climbs out with `..`, is absolute, or its content is not what its extension
/// says). Why: every page and both PDFs show the logo; without it the client's documents
/// go out unbranded. Example: `logo = "media/logo.svg"` with the file missing. Config:
/// `[lints] brand-logo = "allow"`.
pub const BRAND_LOGO: Rule = Rule {
    name: "brand-logo",
    default: Severity::Error,
    summary: "The `[brand]` logo is not a readable SVG or PNG inside the repository, so the site and the PDFs cannot show it.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[&BRAND_LOGO];

/// This family's rules and the check that reports them.
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    dated: &[],
    across: &[|project, _| check_logo(project)],
};

/// `brand-logo` for the configured logo, as loading read it for every stage.
fn check_logo(project: &Project) -> Vec<Diagnostic> {
    let Some(logo) = project.config.brand.as_ref().and_then(|b| b.logo.as_ref()) else {
        return Vec::new();
    };
    let Some(Err(problem)) = &project.logo else {
        return Vec::new();
    };
    vec![
        Diagnostic::new(
            &BRAND_LOGO,
            "touchpoint.toml",
            logo.pos,
            format!("`logo` `{}` {problem}", logo.value),
        )
        .width(logo.value.chars().count() + 2)
        .help("put an SVG or PNG inside the repository and name it relative to it, e.g. logo = \"media/logo.svg\""),
    ]
}
