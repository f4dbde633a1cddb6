//! References between files: pillars, personas, campaigns, platforms and media must exist.

use std::path::{Component, Path};

use super::Family;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{MediaRef, Post, Project, Spanned};
use crate::platform::Platform;
use crate::suggest::did_you_mean;

/// A post names a pillar that `strategy.toml` does not declare.
pub const UNKNOWN_PILLAR: Rule = Rule {
    name: "unknown-pillar",
    default: Severity::Error,
    summary: "A post's `pillar` is not declared under `[[pillars]]` in strategy.toml.",
};
/// A post names a persona that has no file.
pub const UNKNOWN_PERSONA: Rule = Rule {
    name: "unknown-persona",
    default: Severity::Error,
    summary: "A post's `personas` names a persona without a file personas/ID.md.",
};
/// A post names a campaign that has no file.
pub const UNKNOWN_CAMPAIGN: Rule = Rule {
    name: "unknown-campaign",
    default: Severity::Error,
    summary: "A post's `campaign` names a campaign without a file campaigns/ID.md.",
};
/// A platform used but not set up in `touchpoint.toml`.
pub const UNDECLARED_PLATFORM: Rule = Rule {
    name: "undeclared-platform",
    default: Severity::Error,
    summary: "A platform is used that has no `[platforms.NAME]` account in touchpoint.toml.",
};
/// A media file that does not exist.
pub const MISSING_MEDIA: Rule = Rule {
    name: "missing-media",
    default: Severity::Error,
    summary: "A media `path` that does not exist in the repository.",
};
/// A media path that points outside the repository.
pub const MEDIA_OUTSIDE_REPOSITORY: Rule = Rule {
    name: "media-outside-repository",
    default: Severity::Error,
    summary: "A media `path` that is absolute or climbs out of the repository with `..`; it is never read.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[
    &UNKNOWN_PILLAR,
    &UNKNOWN_PERSONA,
    &UNKNOWN_CAMPAIGN,
    &UNDECLARED_PLATFORM,
    &MISSING_MEDIA,
    &MEDIA_OUTSIDE_REPOSITORY,
];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[|project, post, _, out| check_post(project, post, out)],
    dated: &[],
    across: &[|project, _| check_across(project)],
};

/// The references that are not a post's: the platforms personas name.
pub fn check_across(project: &Project) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for persona in &project.personas {
        for platform in &persona.platforms {
            if !project.config.platforms.is_empty() && !project.config.platforms.contains_key(platform) {
                let pos = crate::diagnostic::Pos::new(0, 1);
                out.push(
                    Diagnostic::new(
                        &UNDECLARED_PLATFORM,
                        &persona.file,
                        pos,
                        format!(
                            "persona `{}` uses {platform}, which touchpoint.toml does not set up",
                            persona.id
                        ),
                    )
                    .help(format!(
                        "add a `[platforms.{platform}]` table with the account's handle"
                    )),
                );
            }
        }
    }
    out
}

/// Checks what one post or holding statement refers to: platforms, pillar, personas,
/// campaign and media. Each post is judged alone, so the dev server runs this again
/// only for the posts that change.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    for platform in &post.platforms {
        check_declared(project, post, platform, out);
    }
    if let Some(pillar) = &post.pillar {
        let ids = project.strategy.pillars.iter().map(|p| p.id.value.as_str());
        dangling(
            &UNKNOWN_PILLAR,
            "pillar",
            post,
            pillar,
            project.pillar(&pillar.value).is_some(),
            ids,
            out,
        );
    }
    for persona in &post.personas {
        let ids = project.personas.iter().map(|p| p.id.as_str());
        dangling(
            &UNKNOWN_PERSONA,
            "persona",
            post,
            persona,
            project.persona(&persona.value).is_some(),
            ids,
            out,
        );
    }
    if let Some(campaign) = &post.campaign {
        let ids = project.campaigns.iter().map(|c| c.id.as_str());
        dangling(
            &UNKNOWN_CAMPAIGN,
            "campaign",
            post,
            campaign,
            project.campaign(&campaign.value).is_some(),
            ids,
            out,
        );
    }
    let variant_media = post
        .variants
        .values()
        .filter_map(|v| v.media.as_deref())
        .flatten();
    for media in post.media.iter().chain(variant_media) {
        check_media(project, post, media, out);
    }
}

fn check_declared(project: &Project, post: &Post, platform: &Spanned<Platform>, out: &mut Vec<Diagnostic>) {
    if project.config.platforms.contains_key(&platform.value) {
        return;
    }
    let name = platform.value.name();
    out.push(
        Diagnostic::new(
            &UNDECLARED_PLATFORM,
            &post.file,
            platform.pos,
            format!(
                "{} is not set up in touchpoint.toml",
                platform.value.display_name()
            ),
        )
        .width(name.len() + 2)
        .help(format!(
            "add `[platforms.{name}]` with the account's `handle` to touchpoint.toml, or remove \"{name}\""
        )),
    );
}

fn dangling<'a>(
    rule: &'static Rule,
    what: &str,
    post: &Post,
    reference: &Spanned<String>,
    exists: bool,
    ids: impl Iterator<Item = &'a str> + Clone,
    out: &mut Vec<Diagnostic>,
) {
    if exists {
        return;
    }
    let help = match did_you_mean(&reference.value, ids.clone()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => {
            let known: Vec<&str> = ids.collect();
            if known.is_empty() {
                format!("no {what} is declared yet")
            } else {
                format!("known {what}s: {}", known.join(", "))
            }
        }
    };
    out.push(
        Diagnostic::new(
            rule,
            &post.file,
            reference.pos,
            format!("unknown {what} `{}`", reference.value),
        )
        .width(reference.value.chars().count() + 2)
        .help(help),
    );
}

fn check_media(project: &Project, post: &Post, media: &MediaRef, out: &mut Vec<Diagnostic>) {
    let path = &media.path.value;
    let width = path.chars().count() + 2;
    if escapes_repository(path) {
        out.push(
            Diagnostic::new(
                &MEDIA_OUTSIDE_REPOSITORY,
                &post.file,
                media.path.pos,
                format!("media path `{path}` points outside the repository"),
            )
            .width(width)
            .help("copy the file into media/ and write its path relative to the repository, e.g. \"media/photo.jpg\""),
        );
        return;
    }
    let normalized = path.trim_start_matches("./");
    if project.media.contains_key(normalized) || is_file_inside(&project.root, normalized) {
        return;
    }
    let help = match did_you_mean(normalized, project.media.keys().map(String::as_str)) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "put the file under media/ and write its path relative to the repository".to_owned(),
    };
    out.push(
        Diagnostic::new(
            &MISSING_MEDIA,
            &post.file,
            media.path.pos,
            format!("media file `{path}` does not exist"),
        )
        .width(width)
        .help(help),
    );
}

/// Whether a path is absolute or climbs above the repository root.
pub fn escapes_repository(path: &str) -> bool {
    let mut depth = 0i32;
    for component in Path::new(path).components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            Component::RootDir | Component::Prefix(_) => return true,
        }
    }
    path.contains('\\') && path.contains("..")
}

/// Whether `rel` is a regular file inside `root`, with no link leading outside.
fn is_file_inside(root: &Path, rel: &str) -> bool {
    let (Ok(root), Ok(file)) = (root.canonicalize(), root.join(rel).canonicalize()) else {
        return false;
    };
    file.starts_with(&root) && file.is_file()
}

#[cfg(test)]
mod tests {
    use super::escapes_repository;

    #[test]
    fn escaping_paths_are_caught() {
        assert!(escapes_repository("../../etc/passwd"));
        assert!(escapes_repository("/etc/passwd"));
        assert!(escapes_repository("media/../../x"));
        assert!(!escapes_repository("media/a/../b.jpg"));
        assert!(!escapes_repository("./media/a.jpg"));
    }
}
