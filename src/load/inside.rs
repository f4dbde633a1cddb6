//! Keeping every read inside the repository.
//!
//! A folder of the repository (`posts`, `media`, `templates`, ...) or any file or folder
//! below one may be a symbolic link. Links that stay inside the repository are followed;
//! a link that leads out of it is reported once as [`SYMLINK_OUTSIDE`] and nothing is
//! read through it. Every part of Touchpoint that reads the repository (the loader, the
//! theme overrides, the metrics, the dev server's reloads) walks its folders with
//! [`walk_inside`] or checks a single path with [`Boundary::check`], so links are handled
//! the same way everywhere.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::{is_hidden, relative};
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};

/// A folder or file that is a symbolic link leading outside the repository.
pub const SYMLINK_OUTSIDE: Rule = Rule {
    name: "symlink-outside",
    default: Severity::Error,
    summary: "A folder or file of the repository is a symbolic link that leads outside it; nothing is read through it.",
};

/// The folders below the repository root that Touchpoint reads.
pub const READ_FOLDERS: &[&str] = &[
    "posts",
    "personas",
    "campaigns",
    "crisis",
    "reviews",
    "media",
    "metrics",
    "templates",
    "static",
    "lang",
];

/// The repository root as given and as resolved, to tell whether a path, once its
/// links are followed, is still inside.
#[derive(Clone, Debug)]
pub struct Boundary {
    root: PathBuf,
    resolved: PathBuf,
}

impl Boundary {
    /// The boundary of the repository at `root` (its own links resolved once).
    pub fn new(root: &Path) -> Self {
        Boundary {
            root: root.to_path_buf(),
            resolved: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// The repository root, as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether `path` (a path below the root) resolves to a place outside the repository.
    /// A dangling link or a loop does not resolve at all: reading it fails and says so.
    pub fn leads_outside(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|target| !target.starts_with(&self.resolved))
    }

    /// Refuses the repository-relative path `rel` when it leads outside the repository,
    /// with the [`SYMLINK_OUTSIDE`] finding to report.
    pub fn check(&self, rel: &str) -> Result<(), Box<Diagnostic>> {
        if self.leads_outside(&self.root.join(rel)) {
            return Err(Box::new(outside(rel)));
        }
        Ok(())
    }

    /// The repository-relative `/` path of `path`.
    fn relative(&self, path: &Path) -> String {
        relative(&self.root, path)
    }
}

/// The finding for `rel`, a link (or a path through one) that leads outside.
pub(super) fn outside(rel: &str) -> Diagnostic {
    Diagnostic::new(
        &SYMLINK_OUTSIDE,
        rel,
        Pos::new(0, 1),
        format!("`{rel}` is a symbolic link that leads outside the repository; nothing was read through it"),
    )
    .help("replace the link by a copy of the files inside the repository")
}

/// What walking one folder of the repository found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files inside the repository, by their path below the root (through any link
    /// that stays inside), sorted by name within each folder.
    pub files: Vec<PathBuf>,
    /// Links that do not resolve (dangling or looping): reading one reports why.
    pub broken: Vec<PathBuf>,
    /// A [`SYMLINK_OUTSIDE`] finding per link leading out.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks the repository folder `folder` down to `max_depth`, skipping hidden entries and
/// those `skip` names. Links inside the repository are followed; a link leading out
/// (the folder itself included) is reported and not entered. A link to a folder that
/// holds the link (a loop) is not followed. An absent folder has nothing.
pub fn walk_inside(
    boundary: &Boundary,
    folder: &str,
    max_depth: usize,
    skip: &(dyn Fn(&Path) -> bool + Sync),
) -> Walked {
    let dir = boundary.root.join(folder);
    let mut walked = Walked::default();
    if !dir.exists() {
        return walked;
    }
    if boundary.leads_outside(&dir) {
        walked.diagnostics.push(outside(folder));
        return walked;
    }
    // The folder's own entries first, then each subfolder on its own core: `posts/` holds
    // a folder per year, and walking 10,000 posts (a `stat` each, links followed) took
    // 15 ms on one core while the other had nothing to read yet.
    let top = Level::walk(boundary, &dir, 1, skip);
    let folders: Vec<&PathBuf> = top
        .entries
        .iter()
        .filter_map(|entry| match entry {
            Entry::Folder(path) => Some(path),
            Entry::File(_) => None,
        })
        .collect();
    let below: Vec<Level> = folders
        .par_iter()
        .map(|folder| {
            if max_depth > 1 {
                Level::walk(boundary, folder, max_depth - 1, skip)
            } else {
                Level::default()
            }
        })
        .collect();
    let mut refused = top.refused;
    walked.broken = top.broken;
    let mut below = below.into_iter();
    for entry in top.entries {
        match entry {
            Entry::File(path) => walked.files.push(path),
            Entry::Folder(_) => {
                let level = below.next().unwrap_or_default();
                walked.files.extend(Entry::files(level.entries));
                walked.broken.extend(level.broken);
                refused.extend(level.refused);
            }
        }
    }
    let diagnostics = refused.iter().map(|link| outside(&boundary.relative(link)));
    walked.diagnostics.extend(diagnostics);
    walked
}

/// What one walk below a folder found, in walking order.
#[derive(Default)]
struct Level {
    entries: Vec<Entry>,
    broken: Vec<PathBuf>,
    refused: Vec<PathBuf>,
}

/// A file found, or a subfolder (recorded by a one-level walk) whose files are walked apart.
enum Entry {
    File(PathBuf),
    Folder(PathBuf),
}

impl Entry {
    /// The files of `entries`; a subfolder of a one-level walk is deeper than it went.
    fn files(entries: Vec<Entry>) -> impl Iterator<Item = PathBuf> {
        entries.into_iter().filter_map(|entry| match entry {
            Entry::File(path) => Some(path),
            Entry::Folder(_) => None,
        })
    }
}

impl Level {
    /// Walks `dir` to `max_depth` (1: its own entries only, subfolders included), sorted
    /// by name, hidden entries, `skip`ped ones and refused links left out.
    fn walk(
        boundary: &Boundary,
        dir: &Path,
        max_depth: usize,
        skip: &(dyn Fn(&Path) -> bool + Sync),
    ) -> Level {
        let mut refused = Vec::new();
        let walker = WalkDir::new(dir)
            .min_depth(1)
            .max_depth(max_depth)
            .follow_links(true)
            .sort_by_file_name();
        let walked = walker.into_iter().filter_entry(|entry| {
            if is_hidden(entry.file_name()) || skip(entry.path()) {
                return false;
            }
            !entry.path_is_symlink() || !refuse_link(boundary, entry.path(), &mut refused)
        });
        let mut entries = Vec::new();
        let mut broken = Vec::new();
        for entry in walked {
            match entry {
                Ok(entry) if entry.file_type().is_file() => entries.push(Entry::File(entry.into_path())),
                Ok(entry) if entry.file_type().is_dir() && max_depth == 1 => {
                    entries.push(Entry::Folder(entry.into_path()));
                }
                Ok(_) => {}
                Err(err) if err.loop_ancestor().is_some() => {}
                Err(err) => broken.extend(err.path().map(Path::to_path_buf)),
            }
        }
        Level {
            entries,
            broken,
            refused,
        }
    }
}

/// Whether the link at `link` must not be followed: it leads outside the repository
/// (recorded in `refused`), or it points at a folder holding the link itself.
fn refuse_link(boundary: &Boundary, link: &Path, refused: &mut Vec<PathBuf>) -> bool {
    let Ok(target) = link.canonicalize() else {
        return false;
    };
    if !target.starts_with(&boundary.resolved) {
        refused.push(link.to_path_buf());
        return true;
    }
    let holder = link.parent().and_then(|p| p.canonicalize().ok());
    target.is_dir() && holder.is_some_and(|holder| holder.starts_with(&target))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(boundary: &Boundary, paths: &[PathBuf]) -> Vec<String> {
        paths.iter().map(|p| boundary.relative(p)).collect()
    }

    #[test]
    fn links_out_are_reported_and_links_in_are_followed() {
        let outside_dir = tempfile::tempdir().unwrap();
        std::fs::write(outside_dir.path().join("secret.md"), "x").unwrap();
        let repo = tempfile::tempdir().unwrap();
        let root = repo.path();
        std::fs::create_dir_all(root.join("posts/real")).unwrap();
        std::fs::write(root.join("posts/real/a.md"), "a").unwrap();
        symlink(outside_dir.path(), root.join("posts/out")).unwrap();
        symlink(outside_dir.path().join("secret.md"), root.join("posts/out.md")).unwrap();
        symlink("real", root.join("posts/in")).unwrap();
        symlink("..", root.join("posts/up")).unwrap();
        let boundary = Boundary::new(root);
        let walked = walk_inside(&boundary, "posts", 64, &|_| false);
        assert_eq!(
            names(&boundary, &walked.files),
            ["posts/in/a.md", "posts/real/a.md"]
        );
        let rules: Vec<(&str, &str)> = walked
            .diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.rule))
            .collect();
        assert_eq!(
            rules,
            [
                ("posts/out", "symlink-outside"),
                ("posts/out.md", "symlink-outside")
            ]
        );
    }

    #[test]
    fn a_linked_folder_outside_is_refused_whole() {
        let outside_dir = tempfile::tempdir().unwrap();
        std::fs::write(outside_dir.path().join("x.png"), "x").unwrap();
        let repo = tempfile::tempdir().unwrap();
        symlink(outside_dir.path(), repo.path().join("media")).unwrap();
        let boundary = Boundary::new(repo.path());
        let walked = walk_inside(&boundary, "media", usize::MAX, &|_| false);
        assert!(walked.files.is_empty());
        assert_eq!(walked.diagnostics[0].file, "media");
        assert!(boundary.check("media/x.png").is_err());
        assert!(boundary.check("touchpoint.toml").is_ok());
    }

    #[test]
    fn dangling_and_looping_links_are_broken_not_followed() {
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir(repo.path().join("posts")).unwrap();
        symlink("loop.md", repo.path().join("posts/loop.md")).unwrap();
        let boundary = Boundary::new(repo.path());
        let walked = walk_inside(&boundary, "posts", 64, &|_| false);
        assert_eq!(names(&boundary, &walked.broken), ["posts/loop.md"]);
        assert!(walked.diagnostics.is_empty());
    }
}
