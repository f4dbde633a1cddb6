//! Disclosure: paid content must say so on every platform it reaches.
//!
//! A `sponsored = true` post needs one of `[disclosure] markers` (whole word, any
//! case) in the text each platform receives: its caption and hashtags. A marker only
//! in a thread's later part or in the first comment does not count, readers see the
//! caption first. Without configured markers the defaults [`DEFAULT_MARKERS`] apply.

use super::Family;
use super::text::{Lowered, key_pos, platform_text};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{Post, Project, Status};

/// A sponsored post without a disclosure marker.
pub const MISSING_DISCLOSURE: Rule = Rule {
    name: "missing-disclosure",
    default: Severity::Error,
    summary: "A `sponsored = true` post without a `[disclosure] markers` entry in the text some platform receives; undisclosed advertising is unlawful.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&MISSING_DISCLOSURE];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[],
};

/// Markers used when strategy.toml lists none.
pub const DEFAULT_MARKERS: &[&str] = &["Anzeige", "Werbung", "#ad", "#sponsored"];

/// Checks one post or holding statement, if sponsored: the rule judges each post alone,
/// so the dev server runs it again only for the posts that change.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    if !post.sponsored || matches!(post.status.value, Status::Idea | Status::Cancelled) {
        return;
    }
    let configured: Vec<&str> = project
        .strategy
        .disclosure_markers
        .iter()
        .map(String::as_str)
        .collect();
    let markers = if configured.is_empty() {
        DEFAULT_MARKERS.to_vec()
    } else {
        configured
    };
    out.extend(finding(project, post, &markers));
}

fn finding(project: &Project, post: &Post, markers: &[&str]) -> Option<Diagnostic> {
    let missing: Vec<&str> = post
        .platforms
        .iter()
        .filter(|p| {
            let text = Lowered::new(&platform_text(project, post, p.value));
            !markers.iter().any(|m| text.contains(m))
        })
        .map(|p| p.value.display_name())
        .collect();
    if missing.is_empty() {
        return None;
    }
    let quoted: Vec<String> = markers.iter().map(|m| format!("\"{m}\"")).collect();
    Some(
        Diagnostic::new(
            &MISSING_DISCLOSURE,
            &post.file,
            key_pos(project, &post.file, "sponsored"),
            format!(
                "sponsored post without a disclosure marker on {}",
                missing.join(", ")
            ),
        )
        .width("sponsored".len())
        .help(format!(
            "start the caption (or each variant's `text`) with one of {}",
            quoted.join(", ")
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::FAMILY;
    use crate::validate::testing::{CONFIG, post, run};

    #[test]
    fn default_markers_apply_without_a_disclosure_table() {
        let marked = post(
            "publish_at = 2026-12-05T09:00:00\nplatforms = [\"instagram\"]\nstatus = \"approved\"\nsponsored = true",
            "Werbung: neue Lampen",
        );
        let unmarked = post(
            "publish_at = 2026-12-06T09:00:00\nplatforms = [\"instagram\"]\nstatus = \"approved\"\nsponsored = true",
            "Neue Lampen",
        );
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("posts/a.md", &marked),
                ("posts/b.md", &unmarked),
            ],
        );
        assert_eq!(found, vec![("posts/b.md".to_owned(), 6, "missing-disclosure")]);
    }
}
