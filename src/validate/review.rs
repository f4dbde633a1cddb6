//! Editorial review: four eyes before a post goes out, and review comments as files.
//!
//! A post that is `approved`, `scheduled` or `published` names who approved it in
//! `approved_by`, and that person is not its `author`. Both are warnings until the
//! team writes a `[review]` table in `touchpoint.toml`; from then on they are errors,
//! and `[review] approvers` lists who may approve. Comments live in
//! `reviews/<post-id>.md`: one on a post that does not exist is an error, and a post
//! cleared to go out while comments on it are still open is a warning. Holding
//! statements (`crisis/`) are approved by definition and not judged here.

use super::Family;
use super::text::key_pos;
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::{Post, Project, Review, Status};
use crate::suggest::did_you_mean;

/// An approved post without `approved_by`.
pub const MISSING_APPROVAL: Rule = Rule {
    name: "missing-approval",
    default: Severity::Warning,
    summary: "An `approved`, `scheduled` or `published` post without `approved_by`: nobody is on record as the second pair of eyes. An error once `touchpoint.toml` has a `[review]` table.",
};
/// A post approved by its own author.
pub const SELF_APPROVAL: Rule = Rule {
    name: "self-approval",
    default: Severity::Warning,
    summary: "`approved_by` names the post's `author`: the four-eyes principle needs a second person. An error once `touchpoint.toml` has a `[review]` table.",
};
/// An approver who is not on the team's list.
pub const UNKNOWN_APPROVER: Rule = Rule {
    name: "unknown-approver",
    default: Severity::Error,
    summary: "`approved_by` names someone who is not in `[review] approvers` of `touchpoint.toml` (often a typo).",
};
/// Open review comments on a post cleared to go out.
pub const OPEN_COMMENTS: Rule = Rule {
    name: "open-comments",
    default: Severity::Warning,
    summary: "An `approved`, `scheduled` or `published` post that still has open comments (`resolved = false`) in `reviews/<post-id>.md`.",
};
/// A review file for a post that does not exist.
pub const UNKNOWN_REVIEW_POST: Rule = Rule {
    name: "unknown-review-post",
    default: Severity::Error,
    summary: "A file `reviews/<post-id>.md` whose post `posts/<post-id>.md` does not exist (renamed or deleted), so its comments are shown nowhere.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[
    &MISSING_APPROVAL,
    &SELF_APPROVAL,
    &UNKNOWN_APPROVER,
    &OPEN_COMMENTS,
    &UNKNOWN_REVIEW_POST,
];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`]. Everything runs across the project, since comments live in
/// other files than the posts they are on.
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    dated: &[|project, post, _, out| check_post(project, post, out)],
    across: &[check],
};

/// Checks one post's approval and the comments on it (holding statements are approved
/// by definition): it reads the review files but no other post.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    if post.is_crisis() {
        return;
    }
    check_approval(project, post, out);
    check_open_comments(project, post, out);
}

/// Checks every review file's post.
pub fn check(project: &Project, _context: &super::Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for review in &project.reviews {
        check_review_post(project, review, &mut out);
    }
    out
}

/// Whether a post in `status` has been cleared to go out, so it needs an approver and
/// no open comments.
fn is_cleared(status: Status) -> bool {
    matches!(status, Status::Approved | Status::Scheduled | Status::Published)
}

/// The level of the four-eyes rules: errors once the team wrote a `[review]` policy.
fn four_eyes(project: &Project, diagnostic: Diagnostic) -> Diagnostic {
    match project.config.review {
        Some(_) => Diagnostic {
            severity: Severity::Error,
            ..diagnostic
        },
        None => diagnostic,
    }
}

/// Whether two names are the same person (case and surrounding blanks aside).
fn same_person(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn check_approval(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    let status = post.status.value;
    let Some(approver) = post.approved_by.as_deref() else {
        if is_cleared(status) {
            let finding = Diagnostic::new(
                &MISSING_APPROVAL,
                &post.file,
                post.status.pos,
                format!("`{}` is `{}` but nobody approved it", post.id, status.name()),
            )
            .width(status.name().len() + 2)
            .help("add `approved_by = \"NAME\"` with the person (not the author) who approved it");
            out.push(four_eyes(project, finding));
        }
        return;
    };
    let pos = key_pos(project, &post.file, "approved_by");
    if let Some(author) = post.author.as_deref().filter(|a| same_person(a, approver)) {
        let finding = Diagnostic::new(
            &SELF_APPROVAL,
            &post.file,
            pos,
            format!("`{}` is approved by its own author `{author}`", post.id),
        )
        .width("approved_by".len())
        .help("ask a second person to read it and put their name in `approved_by`");
        out.push(four_eyes(project, finding));
    }
    check_approver(project, post, approver, pos, out);
}

fn check_approver(project: &Project, post: &Post, approver: &str, pos: Pos, out: &mut Vec<Diagnostic>) {
    let Some(policy) = &project.config.review else {
        return;
    };
    let names: Vec<&str> = policy.approvers.iter().map(|a| a.value.as_str()).collect();
    if names.is_empty() || names.iter().any(|n| same_person(n, approver)) {
        return;
    }
    let help = match did_you_mean(approver, names.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!(
            "approvers are {}; add `{approver}` to `[review] approvers` in touchpoint.toml if they may approve",
            names.join(", ")
        ),
    };
    out.push(
        Diagnostic::new(
            &UNKNOWN_APPROVER,
            &post.file,
            pos,
            format!(
                "`{}` is approved by `{approver}`, who is not an approver",
                post.id
            ),
        )
        .width("approved_by".len())
        .help(help),
    );
}

fn check_open_comments(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    let status = post.status.value;
    if !is_cleared(status) {
        return;
    }
    let open: Vec<_> = project
        .comments_on(&post.id)
        .iter()
        .filter(|c| !c.resolved)
        .collect();
    let Some(first) = open.first() else {
        return;
    };
    let count = super::plan::count(open.len() as i64, "open comment");
    out.push(
        Diagnostic::new(
            &OPEN_COMMENTS,
            &post.file,
            post.status.pos,
            format!(
                "`{}` is `{}` but has {count} in reviews/{}.md (first by {} on {})",
                post.id,
                status.name(),
                post.id,
                first.author,
                first.date
            ),
        )
        .width(status.name().len() + 2)
        .help("deal with each comment and set `resolved = true`, or set the post back to `review`"),
    );
}

fn check_review_post(project: &Project, review: &Review, out: &mut Vec<Diagnostic>) {
    if project.post(&review.post).is_some() {
        return;
    }
    let pos = review.comments.first().map_or(Pos::new(1, 1), |c| c.pos);
    let ids = project.posts.iter().map(|p| p.id.as_str());
    let help = match did_you_mean(&review.post, ids) {
        Some(close) => format!("did you mean `reviews/{close}.md`? Rename the file to match its post"),
        None => format!(
            "rename the file after its post (`posts/ID.md` → `reviews/ID.md`), or delete it if `posts/{}.md` is gone for good",
            review.post
        ),
    };
    out.push(
        Diagnostic::new(
            &UNKNOWN_REVIEW_POST,
            &review.file,
            pos,
            format!(
                "comments on `{}`, but there is no post `posts/{}.md`",
                review.post, review.post
            ),
        )
        .help(help),
    );
}

#[cfg(test)]
mod tests {
    use super::FAMILY;
    use crate::validate::testing::{CONFIG, post, run};

    fn approved(extra: &str) -> String {
        post(
            &format!("publish_at = 2026-12-10T09:00:00\nplatforms = [\"x\"]\nstatus = \"approved\"\n{extra}"),
            "Hallo",
        )
    }

    #[test]
    fn four_eyes_findings_are_warnings_without_a_review_table() {
        let project = crate::validate::testing::load(&[
            ("touchpoint.toml", CONFIG),
            ("posts/a.md", &approved("")),
            ("posts/b.md", &approved("author = \"tim\"\napproved_by = \"Tim\"")),
            ("posts/c.md", &approved("author = \"tim\"\napproved_by = \"ana\"")),
        ]);
        let context = crate::validate::Context {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        let found: Vec<_> = FAMILY
            .check(&project, &context)
            .into_iter()
            .map(|d| (d.file, d.line, d.rule, d.severity))
            .collect();
        use crate::diagnostic::Severity::Warning;
        assert_eq!(
            found,
            vec![
                ("posts/a.md".to_owned(), 5, "missing-approval", Warning),
                ("posts/b.md".to_owned(), 7, "self-approval", Warning),
            ]
        );
    }

    #[test]
    fn a_review_table_makes_them_errors_and_checks_approvers() {
        let config = format!("{CONFIG}[review]\napprovers = [\"tim\", \"ana\"]\n");
        let project = crate::validate::testing::load(&[
            ("touchpoint.toml", &config),
            ("posts/a.md", &approved("")),
            (
                "posts/b.md",
                &approved("author = \"tim\"\napproved_by = \"anna\""),
            ),
            ("posts/c.md", &approved("author = \"tim\"\napproved_by = \"ana\"")),
        ]);
        let context = crate::validate::Context {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        let found = FAMILY.check(&project, &context);
        let rules: Vec<_> = found.iter().map(|d| (d.rule, d.is_error())).collect();
        assert_eq!(
            rules,
            vec![("missing-approval", true), ("unknown-approver", true)]
        );
        assert_eq!(found[1].help.as_deref(), Some("did you mean `ana`?"));
    }

    #[test]
    fn drafts_need_no_approval_and_resolved_comments_do_not_count() {
        let draft = post(
            "publish_at = 2026-12-10T09:00:00\nplatforms = [\"x\"]\nstatus = \"draft\"",
            "A",
        );
        let review =
            "+++\n[[comment]]\nauthor = \"ana\"\ndate = 2026-11-30\ntext = \"ok\"\nresolved = true\n+++\n";
        let open = "+++\n[[comment]]\nauthor = \"ana\"\ndate = 2026-11-30\ntext = \"Kürzer\"\n+++\n";
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("posts/a.md", &draft),
                ("posts/b.md", &approved("author = \"tim\"\napproved_by = \"ana\"")),
                ("reviews/a.md", open),
                ("reviews/b.md", review),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn open_comments_and_orphan_reviews_are_reported() {
        let open = "+++\n[[comment]]\nauthor = \"ana\"\ndate = 2026-11-30\ntext = \"Kürzer\"\n+++\n";
        let found = run(
            &FAMILY,
            &[
                ("touchpoint.toml", CONFIG),
                ("posts/b.md", &approved("author = \"tim\"\napproved_by = \"ana\"")),
                ("reviews/b.md", open),
                ("reviews/gone.md", open),
            ],
        );
        assert_eq!(
            found,
            vec![
                ("posts/b.md".to_owned(), 5, "open-comments"),
                ("reviews/gone.md".to_owned(), 2, "unknown-review-post"),
            ]
        );
    }
}
