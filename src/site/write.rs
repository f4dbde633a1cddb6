//! Writing the rendered site to disk, atomically and only where it belongs.
//!
//! The whole site is written into a temporary sibling folder (`.NAME.tmp-PID`), then
//! swapped in with renames, so a reader (or a web server) never sees half a site and
//! a failed build leaves the previous one intact. Touchpoint only replaces folders it
//! made itself (marked with [`MARKER`]) or empty ones, never the content repository.

use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

use super::{Site, SiteError};

/// The file that marks a folder as Touchpoint output, safe to replace on the next build.
pub const MARKER: &str = ".touchpoint-site";

/// Folders of a content repository the output must never be placed in.
const CONTENT_FOLDERS: &[&str] = &[
    "posts",
    "personas",
    "campaigns",
    "crisis",
    "media",
    "metrics",
    "templates",
    "static",
];

/// Refuses an output folder that would overwrite or mix with the content: the
/// repository itself, a folder containing it, or one of its content folders.
pub fn check_output_dir(repo: &Path, out: &Path) -> Result<(), SiteError> {
    let repo = absolute(repo)?;
    let out = absolute(out)?;
    let refuse = |why: &str| {
        Err(SiteError::UnsafeOutput {
            path: out.display().to_string(),
            why: why.to_owned(),
        })
    };
    if repo.starts_with(&out) {
        return refuse("it is the content repository or contains it");
    }
    if let Ok(inside) = out.strip_prefix(&repo) {
        let first = inside.components().next();
        let first = first.map(|c| c.as_os_str().to_string_lossy().into_owned());
        if first.is_some_and(|f| CONTENT_FOLDERS.contains(&f.as_str())) {
            return refuse("it is inside a content folder of the repository");
        }
    }
    if out.join("touchpoint.toml").exists() {
        return refuse("it holds a touchpoint.toml (a content repository)");
    }
    Ok(())
}

/// The output folder named by `output` in touchpoint.toml: inside the repository, never
/// the repository itself (an absolute path or one climbing out with `..` is refused).
pub fn default_output_dir(repo: &Path, output: &str) -> Result<PathBuf, SiteError> {
    let relative = Path::new(output);
    let inside =
        !output.trim().is_empty() && relative.components().all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err(SiteError::UnsafeOutput {
            path: output.to_owned(),
            why: "`output` in touchpoint.toml must be a folder inside the repository, such as \"public\""
                .to_owned(),
        });
    }
    let out = repo.join(relative);
    check_output_dir(repo, &out)?;
    Ok(out)
}

/// Writes `site` to `out`: into a temporary sibling first, then swapped in.
pub fn write_site(site: &Site, out: &Path) -> Result<(), SiteError> {
    let out = absolute(out)?;
    if let Some(root) = &site.repo {
        check_output_dir(root, &out)?;
    }
    ensure_replaceable(&out)?;
    let parent = out.parent().ok_or_else(|| SiteError::UnsafeOutput {
        path: out.display().to_string(),
        why: "it has no parent folder".to_owned(),
    })?;
    std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let result = write_tree(site, &tmp, &out).and_then(|()| swap_in(&tmp, &out, &old));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Refuses to replace a non-empty folder that Touchpoint did not make.
fn ensure_replaceable(out: &Path) -> Result<(), SiteError> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(SiteError::UnsafeOutput {
            path: out.display().to_string(),
            why: "it is a file, not a folder".to_owned(),
        });
    }
    let mut entries = std::fs::read_dir(out).map_err(io_error(out))?;
    if entries.next().is_none() || out.join(MARKER).is_file() {
        return Ok(());
    }
    Err(SiteError::UnsafeOutput {
        path: out.display().to_string(),
        why: format!(
            "it is not empty and was not made by Touchpoint (no {MARKER} file); pick another folder"
        ),
    })
}

/// Where the previous build recorded a content hash per file, so the next build can
/// hard-link unchanged files instead of writing them again.
const MANIFEST: &str = ".touchpoint-manifest";

/// Writes every file of the site (and the marker) under `dir`, which is created fresh.
/// Files whose bytes equal the previous build's (`previous`, per its manifest) are hard
/// links to the old copies: creating a link is far cheaper than allocating a new file, and
/// the old site stays intact until the swap.
fn write_tree(site: &Site, dir: &Path, previous: &Path) -> Result<(), SiteError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(io_error(dir))?;
    }
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let old_hashes = read_manifest(previous);
    let mut folders = std::collections::BTreeSet::new();
    let mut jobs = Vec::with_capacity(site.files.len());
    for (rel, bytes) in &site.files {
        let path = contained_path(dir, rel)?;
        if let Some(folder) = path.parent() {
            folders.insert(folder.to_path_buf());
        }
        jobs.push((rel, path, bytes));
    }
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(io_error(folder))?;
    }
    let hashes: Vec<(String, u64)> = jobs
        .into_par_iter()
        .map(|(rel, path, bytes)| {
            let hash = content_hash(bytes);
            let unchanged = old_hashes.get(rel.as_str()) == Some(&hash)
                && std::fs::hard_link(previous.join(rel), &path).is_ok();
            if !unchanged {
                std::fs::write(&path, bytes).map_err(io_error(&path))?;
            }
            Ok((rel.clone(), hash))
        })
        .collect::<Result<_, SiteError>>()?;
    write_manifest(dir, &hashes)?;
    let marker = dir.join(MARKER);
    let note = "Made by `touchpoint build`; the whole folder is replaced on the next build.\n";
    std::fs::write(&marker, note).map_err(io_error(&marker))
}

/// A fast, stable content hash (length included) for the manifest.
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

fn read_manifest(previous: &Path) -> std::collections::HashMap<String, u64> {
    let Ok(text) = std::fs::read_to_string(previous.join(MANIFEST)) else {
        return std::collections::HashMap::new();
    };
    text.lines()
        .filter_map(|line| {
            let (hash, rel) = line.split_once('\t')?;
            Some((rel.to_owned(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect()
}

fn write_manifest(dir: &Path, hashes: &[(String, u64)]) -> Result<(), SiteError> {
    let mut text = String::with_capacity(hashes.len() * 48);
    for (rel, hash) in hashes {
        text.push_str(&format!("{hash:016x}\t{rel}\n"));
    }
    let path = dir.join(MANIFEST);
    std::fs::write(&path, text).map_err(io_error(&path))
}

/// Replaces `out` with `tmp`; on failure, puts the previous `out` back.
fn swap_in(tmp: &Path, out: &Path, old: &Path) -> Result<(), SiteError> {
    if !out.exists() {
        return std::fs::rename(tmp, out).map_err(io_error(out));
    }
    if old.exists() {
        std::fs::remove_dir_all(old).map_err(io_error(old))?;
    }
    std::fs::rename(out, old).map_err(io_error(out))?;
    if let Err(err) = std::fs::rename(tmp, out) {
        let _ = std::fs::rename(old, out);
        return Err(io_error(out)(err));
    }
    std::fs::remove_dir_all(old).map_err(io_error(old))
}

/// `dir/rel`, refusing any `rel` that is absolute or climbs out with `..`.
pub fn contained_path(dir: &Path, rel: &str) -> Result<PathBuf, SiteError> {
    let candidate = Path::new(rel);
    let safe = !rel.is_empty()
        && !rel.contains('\\')
        && candidate.components().all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return Err(SiteError::UnsafeOutput {
            path: rel.to_owned(),
            why: "an output file must stay inside the output folder".to_owned(),
        });
    }
    Ok(dir.join(candidate))
}

/// An absolute, `..`-free form of `path` that does not need to exist.
fn absolute(path: &Path) -> Result<PathBuf, SiteError> {
    let joined = std::path::absolute(path).map_err(io_error(path))?;
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Resolve symlinks of the part that exists, so two spellings of one folder compare equal.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with(files: &[(&str, &str)]) -> Site {
        let mut site = Site::default();
        for (path, text) in files {
            site.insert(path, text.as_bytes().to_vec());
        }
        site
    }

    #[test]
    fn writes_then_replaces_a_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&site_with(&[("index.html", "one"), ("a/b.html", "b")]), &out).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/b.html")).unwrap(), "b");
        assert!(out.join(MARKER).is_file());
        write_site(&site_with(&[("index.html", "two")]), &out).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("a/b.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary folders are cleaned up");
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_from_the_previous_build() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&site_with(&[("same.html", "same"), ("edit.html", "old")]), &out).unwrap();
        let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
        let (same, edit) = (inode("same.html"), inode("edit.html"));
        write_site(&site_with(&[("same.html", "same"), ("edit.html", "new")]), &out).unwrap();
        assert_eq!(
            inode("same.html"),
            same,
            "an unchanged file is the old file, linked"
        );
        assert_ne!(inode("edit.html"), edit);
        assert_eq!(std::fs::read_to_string(out.join("edit.html")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(out.join("same.html")).unwrap(), "same");
    }

    #[test]
    fn refuses_a_foreign_non_empty_folder_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.tex"), "precious").unwrap();
        let err = write_site(&site_with(&[("index.html", "x")]), dir.path()).unwrap_err();
        assert!(matches!(err, SiteError::UnsafeOutput { .. }), "{err}");
        assert!(dir.path().join("thesis.tex").is_file());
    }

    #[test]
    fn refuses_paths_that_climb_out() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let err = write_site(&site_with(&[("../evil.html", "x")]), &out).unwrap_err();
        assert!(matches!(err, SiteError::UnsafeOutput { .. }));
        assert!(!dir.path().join("evil.html").exists());
        assert!(!out.exists(), "nothing is swapped in after a failure");
        assert!(contained_path(&out, "/etc/passwd").is_err());
    }

    #[test]
    fn the_configured_output_stays_inside_the_repository() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            default_output_dir(dir.path(), "public").unwrap(),
            dir.path().join("public")
        );
        assert!(default_output_dir(dir.path(), "../public").is_err());
        assert!(default_output_dir(dir.path(), "/tmp/public").is_err());
        assert!(default_output_dir(dir.path(), ".").is_err());
        assert!(default_output_dir(dir.path(), "media").is_err());
    }

    #[test]
    fn refuses_the_repository_and_its_content_folders() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(&repo).unwrap();
        assert!(check_output_dir(&repo, &repo).is_err());
        assert!(check_output_dir(&repo, dir.path()).is_err());
        assert!(check_output_dir(&repo, &repo.join("posts/site")).is_err());
        assert!(check_output_dir(&repo, &repo.join("public")).is_ok());
        assert!(check_output_dir(&repo, &repo.join("x/..")).is_err());
        assert!(check_output_dir(&repo, &dir.path().join("site")).is_ok());
    }
}
