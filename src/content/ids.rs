//! Ids written in `strategy.toml` (pillars and goals) become file names and link targets
//! (`pillars/ID.html`), so they are held to a safe alphabet: letters, digits, `-`, `_`
//! and `.`, not starting with `.`. An id like `../x` would otherwise name a file outside
//! its folder; it is reported at its line and left out of the model, so no page is made
//! for it and the posts that name it get `unknown-pillar`.
//!
//! Persona, campaign, crisis and post ids need no such check: they are the names of files
//! that exist inside their folder, so they cannot climb out of it.

use super::fields::Reader;
use crate::diagnostic::{Rule, Severity};
use crate::model::Spanned;

/// An id that cannot safely become a file name.
pub const INVALID_ID: Rule = Rule {
    name: "invalid-id",
    default: Severity::Error,
    summary: "A pillar or goal id with characters other than letters, digits, `-`, `_` and `.` (or starting with `.`); ids become file names, so `../x` could leave the site's folder. The item is left out.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[&INVALID_ID];

/// Whether `id` can become a file name as it is: not empty, not starting with `.`, and
/// only letters, digits, `-`, `_` and `.`.
pub fn is_valid_id(id: &str) -> bool {
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    !id.is_empty() && !id.starts_with('.') && id.chars().all(allowed)
}

/// Checks the id of a `what` (`pillar`, `goal`) and reports an `invalid-id` error at it
/// when it is not [`is_valid_id`]; returns whether it is valid.
pub fn check_id(what: &str, id: &Spanned<String>, r: &mut Reader<'_>) -> bool {
    if is_valid_id(&id.value) {
        return true;
    }
    let d = r.report(
        &INVALID_ID,
        id.pos,
        format!("{what} id \"{}\" cannot become a file name", id.value),
    );
    d.end_column = d.column + id.value.chars().count() as u32 + 2;
    d.help = Some(format!(
        "use letters, digits, `-`, `_` and `.` (not first), e.g. \"{}\"",
        suggest_id(&id.value)
    ));
    false
}

/// A safe id close to `id`: unsafe characters become `-`, and leading dots and dashes go.
fn suggest_id(id: &str) -> String {
    let replaced: String = id
        .chars()
        .map(|c| if is_valid_id(&c.to_string()) { c } else { '-' })
        .collect();
    let trimmed = replaced.trim_start_matches(['.', '-']).trim_end_matches('-');
    if trimmed.is_empty() { "my-id" } else { trimmed }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    #[test]
    fn safe_ids_are_letters_digits_dashes_underscores_and_dots() {
        for ok in ["werkstatt", "Know_how-2", "fahrräder", "v1.2"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in [
            "../x", "..", ".hidden", "a/b", "a\\b", "", "a b", "x\u{1b}", "c:", "a?b", "a#b",
        ] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn an_unsafe_id_is_an_error_at_it_with_a_suggestion() {
        let mut r = Reader::new("strategy.toml");
        let id = Spanned::new("../geheim".to_owned(), Pos::new(7, 6));
        assert!(!check_id("pillar", &id, &mut r));
        let d = &r.diagnostics[0];
        assert_eq!((d.rule, d.line, d.column), ("invalid-id", 7, 6));
        assert!(d.help.as_deref().unwrap().contains("\"geheim\""), "{:?}", d.help);
        assert_eq!(suggest_id("../.."), "my-id");
        assert_eq!(suggest_id("a/b c"), "a-b-c");
        assert!(check_id(
            "goal",
            &Spanned::new("ok".to_owned(), Pos::new(1, 1)),
            &mut r
        ));
    }
}
