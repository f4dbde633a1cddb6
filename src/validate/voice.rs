//! Brand voice: banned words, required terms and preferred wording from `[voice]`.
//!
//! Matching ignores case and takes whole words only (letters, digits, `_` and `-`
//! bind a word, so "billig" does not match "billiger" and "Bike" not "E-Bike"); list
//! inflected forms separately. Every text that reaches a platform is read: the body
//! (unless every platform has its own `text`), variant texts, thread parts, first
//! comments and hashtags. Holding statements are checked like posts; ideas and
//! cancelled posts are not, they never go out as they are.

use super::Family;
use super::text::{Lowered, Piece, locate, pieces, words_for};
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::{Post, Project, Status};

/// A banned word or phrase.
pub const BANNED_WORD: Rule = Rule {
    name: "banned-word",
    default: Severity::Error,
    summary: "A word or phrase from `[voice] banned` appears in text that reaches a platform; the brand has ruled it out.",
};
/// A required term missing.
pub const REQUIRED_TERM: Rule = Rule {
    name: "required-term",
    default: Severity::Warning,
    summary: "A term from `[voice] required` is missing from the text some platform receives.",
};
/// A term with a preferred alternative.
pub const PREFER_TERM: Rule = Rule {
    name: "prefer-term",
    default: Severity::Warning,
    summary: "A word that `[[voice.prefer]]` replaces with the brand's own term; the help gives the term and why.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&BANNED_WORD, &REQUIRED_TERM, &PREFER_TERM];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[],
};

/// Whether a post's text is judged: everything that may go out.
fn judged(post: &Post) -> bool {
    post.is_crisis() || !matches!(post.status.value, Status::Idea | Status::Cancelled)
}

/// Checks one post or holding statement against the voice rules: they judge each post
/// alone, so the dev server runs them again only for the posts that change.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    let voice = &project.strategy.voice;
    if judged(post) {
        let pieces = pieces(post);
        let lowered: Vec<Lowered> = pieces.iter().map(|p| Lowered::new(p.text)).collect();
        let pieces: Vec<(&Piece<'_>, &Lowered)> = pieces.iter().zip(&lowered).collect();
        for term in &voice.banned {
            each_match(project, post, &pieces, term, |pos, len| {
                out.push(
                    Diagnostic::new(
                        &BANNED_WORD,
                        &post.file,
                        pos,
                        format!("banned word \"{}\"", term.trim()),
                    )
                    .width(len)
                    .help("strategy.toml bans it under [voice]; rephrase without it"),
                );
            });
        }
        for prefer in &voice.prefer {
            each_match(project, post, &pieces, &prefer.instead_of, |pos, len| {
                let why = prefer
                    .why
                    .as_deref()
                    .map(|w| format!(": {w}"))
                    .unwrap_or_default();
                out.push(
                    Diagnostic::new(
                        &PREFER_TERM,
                        &post.file,
                        pos,
                        format!(
                            "\"{}\" where the brand says \"{}\"",
                            prefer.instead_of, prefer.use_word
                        ),
                    )
                    .width(len)
                    .help(format!(
                        "write \"{}\" instead of \"{}\"{why}",
                        prefer.use_word, prefer.instead_of
                    )),
                );
            });
        }
        check_required(project, post, out);
    }
}

/// Calls `found` with the position and width of every match of `term` in `pieces`.
fn each_match(
    project: &Project,
    post: &Post,
    pieces: &[(&Piece<'_>, &Lowered)],
    term: &str,
    mut found: impl FnMut(Pos, usize),
) {
    for (piece, lowered) in pieces {
        for (i, m) in lowered.find(term).into_iter().enumerate() {
            found(locate(project, post, piece, m, term, i), m.len);
        }
    }
}

fn check_required(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    let required = &project.strategy.voice.required;
    if required.is_empty() {
        return;
    }
    let texts: Vec<(&str, Lowered)> = post
        .platforms
        .iter()
        .map(|p| (p.value.display_name(), Lowered::new(&words_for(post, p.value))))
        .collect();
    for term in required {
        let missing: Vec<&str> = texts
            .iter()
            .filter(|(_, text)| !text.contains(term))
            .map(|(name, _)| *name)
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &REQUIRED_TERM,
                &post.file,
                Pos::new(post.body_line, 1),
                format!("\"{}\" is missing on {}", term.trim(), missing.join(", ")),
            )
            .help("strategy.toml requires it in every post under [voice] required; add it to the text (or the variant's `text`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FAMILY;
    use crate::validate::testing::{CONFIG, post, run};

    const STRATEGY: &str = "[voice]\nbanned = [\"billig\"]\n";

    #[test]
    fn a_body_no_platform_receives_is_not_judged() {
        let p = post(
            "publish_at = 2026-12-05T09:00:00\nplatforms = [\"x\"]\nstatus = \"approved\"\n[x]\ntext = \"Gut und fair\"",
            "billig",
        );
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("strategy.toml", STRATEGY),
                ("posts/a.md", &p),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn every_occurrence_is_reported_at_its_line() {
        let p = post(
            "publish_at = 2026-12-05T09:00:00\nplatforms = [\"instagram\"]\nstatus = \"draft\"",
            "billig\n\nwirklich billig",
        );
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("strategy.toml", STRATEGY),
                ("posts/a.md", &p),
            ],
        );
        let lines: Vec<u32> = found.iter().map(|f| f.1).collect();
        assert_eq!(lines, vec![7, 9]);
    }
}
