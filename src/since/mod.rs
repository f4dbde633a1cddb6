//! What changed since a git revision: `--since REV` of `build`, `serve` and `check`.
//!
//! The old revision's content files are read from git (see `git`) into a temporary
//! folder outside the repository and the output, loaded and composed with the same
//! loader and composer as the working tree, and the folder is removed again. [`compare`]
//! then lists the posts added, changed (with a word diff of each network's text and the
//! changed fields) and removed, and the status transitions; the site renders that as
//! `changes.html`. [`changed_files`] and [`only_changed`] serve `check --since`.
//!
//! May import `load`, `model`, `compose` (through [`Checked`]) and `diagnostic`; the site
//! and the commands import it, never the other way round.

mod git;
mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Checked;
use crate::diagnostic::Diagnostic;
use crate::model::{Post, Project};
use crate::platform::Platform;
pub use words::{Edit, Piece, diff_words};

/// Why `--since` could not run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum SinceError {
    /// The `git` binary could not be started.
    #[error("--since needs git, which could not be started ({0}); install git and make sure it is on PATH")]
    GitMissing(std::io::Error),
    /// The repository folder is not inside a git repository.
    #[error(
        "--since: {0} is not in a git repository, so there is no history to compare with; run `git init` and commit, or leave out --since"
    )]
    NotARepository(String),
    /// The revision does not exist.
    #[error(
        "--since {rev}: no such revision in the git repository at {root}; give a tag, branch or commit that exists (see `git tag` and `git log --oneline`)"
    )]
    UnknownRevision {
        /// The revision as given.
        rev: String,
        /// The repository folder.
        root: String,
    },
    /// git ran but failed.
    #[error("--since: `{command}` failed: {message}")]
    Git {
        /// The git command.
        command: String,
        /// What git said.
        message: String,
    },
    /// The old revision could not be written to its temporary folder.
    #[error("--since: cannot write {path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// At the revision, the folder was not a Touchpoint repository.
    #[error(
        "--since {rev}: at that revision the folder had no touchpoint.toml; give a revision after the repository was created"
    )]
    NoProjectAt {
        /// The revision as given.
        rev: String,
    },
}

impl SinceError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        SinceError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// The project as it was at a revision, loaded and composed: what the working tree is
/// compared with. Loaded once per run (the dev server keeps it while serving).
#[derive(Debug)]
pub struct Baseline {
    rev: String,
    old: Checked,
}

impl Baseline {
    /// Loads the content files of the repository at `root` as they were at `rev`.
    pub fn load(root: &Path, rev: &str) -> Result<Self, SinceError> {
        let folder = TempFolder::create()?;
        git::write_tree(root, rev, &folder.0)?;
        let (project, _) = crate::load::load_project(&folder.0)
            .map_err(|_| SinceError::NoProjectAt { rev: rev.to_owned() })?;
        Ok(Baseline {
            rev: rev.to_owned(),
            old: Checked::compose(project),
        })
    }

    /// The revision as given.
    pub fn rev(&self) -> &str {
        &self.rev
    }
}

/// A fresh folder under the system's temporary folder, removed when dropped: the old
/// revision's files never land in the repository or the output.
struct TempFolder(PathBuf);

impl TempFolder {
    fn create() -> Result<Self, SinceError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("touchpoint-since-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&path).map_err(|e| SinceError::io(&path, e))?;
        Ok(TempFolder(path))
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What changed between the baseline and the working tree, as `changes.html` shows it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Changes {
    /// The revision compared with.
    pub rev: String,
    /// Posts that are new since.
    pub added: Vec<PostRef>,
    /// Posts in both with a difference.
    pub changed: Vec<PostChange>,
    /// Posts that are gone since.
    pub removed: Vec<PostRef>,
    /// Posts whose status changed (review → approved).
    pub transitions: Vec<Transition>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// A post named on the changes page.
#[derive(Clone, Debug, Serialize)]
pub struct PostRef {
    /// The post id.
    pub id: String,
    /// Its file, repository-relative.
    pub file: String,
    /// Its title.
    pub title: String,
    /// Its status's name (`review`).
    pub status: &'static str,
    /// Its publish time, `YYYY-MM-DD HH:MM`.
    pub time: Option<String>,
}

/// The fields [`compare`] looks at, in the order the changes page lists them.
pub const FIELDS: [&str; 5] = ["title", "time", "platforms", "media", "status"];

/// A post that changed: the fields and the texts that differ.
#[derive(Clone, Debug, Serialize)]
pub struct PostChange {
    /// The post as it is now.
    pub post: PostRef,
    /// The fields that differ.
    pub fields: Vec<FieldChange>,
    /// The word diff of each network's text that differs.
    pub texts: Vec<TextChange>,
}

/// One field with its old and new value.
#[derive(Clone, Debug, Serialize)]
pub struct FieldChange {
    /// `title`, `time`, `platforms`, `media` or `status`.
    pub field: &'static str,
    /// Before (empty: not set).
    pub old: String,
    /// Now (empty: not set).
    pub new: String,
}

/// The word diff of what one network receives.
#[derive(Clone, Debug, Serialize)]
pub struct TextChange {
    /// The network's name (`instagram`).
    pub platform: &'static str,
    /// The network as people write it (`Instagram`).
    pub label: &'static str,
    /// The words kept, removed and added.
    pub pieces: Vec<Piece>,
}

/// A post whose status changed.
#[derive(Clone, Debug, Serialize)]
pub struct Transition {
    /// The post as it is now.
    pub post: PostRef,
    /// The old status's name.
    pub from: &'static str,
    /// The new status's name.
    pub to: &'static str,
}

/// Compares the working tree's posts with the baseline's, by post id.
pub fn compare(baseline: &Baseline, new: &Checked) -> Changes {
    let old_posts: BTreeMap<&str, &Post> = baseline
        .old
        .project
        .posts
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let new_posts: BTreeMap<&str, &Post> = new.project.posts.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut changes = Changes {
        rev: baseline.rev.clone(),
        ..Changes::default()
    };
    for (id, post) in &new_posts {
        let Some(old) = old_posts.get(id) else {
            changes.added.push(post_ref(post));
            continue;
        };
        if let Some(change) = compare_post((&baseline.old, old), (new, post)) {
            if old.status.value != post.status.value {
                changes.transitions.push(Transition {
                    post: post_ref(post),
                    from: old.status.value.name(),
                    to: post.status.value.name(),
                });
            }
            changes.changed.push(change);
        }
    }
    changes.removed = old_posts
        .iter()
        .filter(|(id, _)| !new_posts.contains_key(*id))
        .map(|(_, post)| post_ref(post))
        .collect();
    changes
}

/// How the changes page names a post.
fn post_ref(post: &Post) -> PostRef {
    PostRef {
        id: post.id.clone(),
        file: post.file.clone(),
        title: post.title.value.clone(),
        status: post.status.value.name(),
        time: post.time().map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
    }
}

/// The differences of one post present in both, or `None` when there are none.
fn compare_post(old: (&Checked, &Post), new: (&Checked, &Post)) -> Option<PostChange> {
    let fields = changed_fields(old.1, new.1);
    let texts = changed_texts(old, new);
    (!fields.is_empty() || !texts.is_empty()).then(|| PostChange {
        post: post_ref(new.1),
        fields,
        texts,
    })
}

/// The fields a reviewer checks, where they differ.
fn changed_fields(old: &Post, new: &Post) -> Vec<FieldChange> {
    let values = |post: &Post| -> [String; 5] {
        [
            post.title.value.clone(),
            post_ref(post).time.unwrap_or_default(),
            join(post.platforms.iter().map(|p| p.value.name())),
            join(post.media.iter().map(|m| m.path.value.as_str())),
            post.status.value.name().to_owned(),
        ]
    };
    FIELDS
        .into_iter()
        .zip(values(old).into_iter().zip(values(new)))
        .filter(|(_, (old, new))| old != new)
        .map(|(field, (old, new))| FieldChange { field, old, new })
        .collect()
}

fn join<'s>(items: impl Iterator<Item = &'s str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// The word diff of every network's text (old or new platform) that differs.
fn changed_texts(old: (&Checked, &Post), new: (&Checked, &Post)) -> Vec<TextChange> {
    let mut platforms: Vec<Platform> = new.1.platforms.iter().map(|p| p.value).collect();
    for p in &old.1.platforms {
        if !platforms.contains(&p.value) {
            platforms.push(p.value);
        }
    }
    platforms
        .into_iter()
        .filter_map(|platform| {
            let before = text_of(old, platform);
            let after = text_of(new, platform);
            (before != after).then(|| TextChange {
                platform: platform.name(),
                label: platform.display_name(),
                pieces: diff_words(&before, &after),
            })
        })
        .collect()
}

/// Every part of what `platform` receives for the post (empty when it does not go there).
fn text_of((checked, post): (&Checked, &Post), platform: Platform) -> String {
    if !post.has_platform(platform) {
        return String::new();
    }
    let project: &Project = &checked.project;
    let text = checked.texts.get(project, post, platform);
    let parts: Vec<&str> = text.parts.iter().map(|p| p.text.as_str()).collect();
    parts.join("\n\n")
}

/// The files changed since `rev` under `root` (see `git diff --name-only`), untracked
/// and uncommitted ones included, as repository-relative paths.
pub fn changed_files(root: &Path, rev: &str) -> Result<BTreeSet<String>, SinceError> {
    git::changed_files(root, rev)
}

/// Checks that `root` is in a git repository that has `rev`.
pub fn verify(root: &Path, rev: &str) -> Result<(), SinceError> {
    git::verify(root, rev)
}

/// The findings about the `changed` files: those in a changed file, and project-wide
/// ones whose message names a changed file (its path, or a post's id).
pub fn only_changed(diagnostics: Vec<Diagnostic>, changed: &BTreeSet<String>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter(|d| changed.contains(&d.file) || changed.iter().any(|file| names_file(&d.message, file)))
        .collect()
}

/// Whether `message` names `file`: its path, or (a post) its id in backticks or quotes.
fn names_file(message: &str, file: &str) -> bool {
    if message.contains(file) {
        return true;
    }
    let Some(id) = file.strip_prefix("posts/").and_then(|f| f.strip_suffix(".md")) else {
        return false;
    };
    [
        format!("`{id}`"),
        format!("\"{id}\""),
        format!("'{id}'"),
        format!("posts/{id}"),
    ]
    .iter()
    .any(|named| message.contains(named.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_counts_when_it_names_a_changed_file() {
        let changed: BTreeSet<String> = ["posts/a.md".to_owned()].into();
        assert!(names_file("duplicate of `a`", "posts/a.md"));
        assert!(names_file("see posts/a.md", "posts/a.md"));
        assert!(!names_file("duplicate of `ab`", "posts/a.md"));
        let rule = crate::diagnostic::Rule {
            name: "x",
            default: crate::diagnostic::Severity::Error,
            summary: "",
        };
        let rule: &'static crate::diagnostic::Rule = Box::leak(Box::new(rule));
        let pos = crate::diagnostic::Pos::new(1, 1);
        let kept = only_changed(
            vec![
                Diagnostic::new(rule, "posts/a.md", pos, "m"),
                Diagnostic::new(rule, "posts/b.md", pos, "m"),
                Diagnostic::new(rule, "strategy.toml", pos, "too few posts, `a` among them"),
            ],
            &changed,
        );
        let files: Vec<&str> = kept.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(files, ["posts/a.md", "strategy.toml"]);
    }
}
