//! Reading a git repository with the `git` binary: whether a revision exists, which files
//! changed since it, and the content files as they were at it.
//!
//! The `git` binary rather than gix or git2: every machine that has a repository with
//! history has git, it reads every repository format and configuration git itself does
//! (worktrees, packed refs, sparse checkouts), and it adds nothing to compile. Nothing
//! here touches the network or changes the repository (no checkout, no index write).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path};
use std::process::{Command, Stdio};

use super::SinceError;

/// Runs `git -C root ARGS` and returns its standard output, or the error git gave.
fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, SinceError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(SinceError::GitMissing)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(SinceError::Git {
            command: format!("git {}", args.join(" ")),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

/// The folder of `root` inside its git repository (`""` at the top, else ending in
/// `/`), checking that `root` is in a git repository at all.
pub(super) fn prefix(root: &Path) -> Result<String, SinceError> {
    let out = git(root, &["rev-parse", "--show-prefix"]).map_err(|err| match err {
        SinceError::Git { .. } => SinceError::NotARepository(root.display().to_string()),
        other => other,
    })?;
    Ok(String::from_utf8_lossy(&out).trim().to_owned())
}

/// Checks that `rev` names a commit of the repository at `root`.
pub(super) fn verify(root: &Path, rev: &str) -> Result<(), SinceError> {
    prefix(root)?;
    let unknown = || SinceError::UnknownRevision {
        rev: rev.to_owned(),
        root: root.display().to_string(),
    };
    // A revision starting with `-` would be read as an option.
    if rev.is_empty() || rev.starts_with('-') {
        return Err(unknown());
    }
    git(
        root,
        &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")],
    )
    .map_err(|_| unknown())?;
    Ok(())
}

/// The files under `root` (relative to it, `/`-separated) that differ from `rev`: the
/// commits since, staged and unstaged changes, and untracked files (not ignored ones).
pub(super) fn changed_files(root: &Path, rev: &str) -> Result<BTreeSet<String>, SinceError> {
    verify(root, rev)?;
    let diff = git(
        root,
        &[
            "diff",
            "--name-only",
            "--no-renames",
            "-z",
            "--relative",
            rev,
            "--",
        ],
    )?;
    let untracked = git(root, &["ls-files", "-z", "--others", "--exclude-standard"])?;
    Ok(nul_separated(&diff).chain(nul_separated(&untracked)).collect())
}

/// The entries of a `-z` list.
fn nul_separated(bytes: &[u8]) -> impl Iterator<Item = String> + '_ {
    bytes
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
}

/// One file of the old tree: its object id and repository-relative path.
struct Blob {
    oid: String,
    path: String,
}

/// Writes the content files of `root` as they were at `rev` (configuration, strategy,
/// posts, personas, campaigns, holding statements; no media) into the empty folder `into`.
pub(super) fn write_tree(root: &Path, rev: &str, into: &Path) -> Result<(), SinceError> {
    verify(root, rev)?;
    let tree = format!("{rev}:{}", prefix(root)?);
    let listing = git(root, &["ls-tree", "-r", "-z", "--full-tree", &tree])?;
    let blobs: Vec<Blob> = nul_separated(&listing)
        .filter_map(|entry| blob_of(&entry))
        .filter(|blob| is_content_file(&blob.path))
        .collect();
    let contents = cat_blobs(root, &blobs)?;
    for (blob, bytes) in blobs.iter().zip(contents) {
        let path = into.join(&blob.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| SinceError::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| SinceError::io(&path, e))?;
    }
    Ok(())
}

/// A regular file of an `ls-tree` entry (`MODE TYPE OID\tPATH`) with a safe path.
fn blob_of(entry: &str) -> Option<Blob> {
    let (meta, path) = entry.split_once('\t')?;
    let mut meta = meta.split(' ');
    let (mode, kind, oid) = (meta.next()?, meta.next()?, meta.next()?);
    let regular = kind == "blob" && (mode == "100644" || mode == "100755");
    let safe = Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    (regular && safe).then(|| Blob {
        oid: oid.to_owned(),
        path: path.to_owned(),
    })
}

/// Whether the loader reads `path` as content.
fn is_content_file(path: &str) -> bool {
    if path == "touchpoint.toml" || path == "strategy.toml" {
        return true;
    }
    let in_folder = ["posts/", "personas/", "campaigns/", "crisis/"]
        .iter()
        .any(|folder| path.starts_with(folder));
    in_folder && path.ends_with(".md")
}

/// The bytes of every blob, in order, read by one `git cat-file --batch`.
fn cat_blobs(root: &Path, blobs: &[Blob]) -> Result<Vec<Vec<u8>>, SinceError> {
    let failed = |message: String| SinceError::Git {
        command: "git cat-file --batch".to_owned(),
        message,
    };
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(SinceError::GitMissing)?;
    let mut stdin = child.stdin.take().ok_or_else(|| failed("no input".into()))?;
    let stdout = child.stdout.take().ok_or_else(|| failed("no output".into()))?;
    let request: String = blobs.iter().map(|b| format!("{}\n", b.oid)).collect();
    // Written from a thread: git answers while it reads, and both pipes are bounded.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut reader = BufReader::new(stdout);
    let contents = blobs
        .iter()
        .map(|_| read_one(&mut reader).map_err(|e| failed(e.to_string())))
        .collect();
    let _ = writer.join();
    let _ = child.wait();
    contents
}

/// One answer of `git cat-file --batch`: `OID TYPE SIZE\n`, the bytes, `\n`.
fn read_one(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut header = String::new();
    reader.read_line(&mut header)?;
    let size = header
        .split_whitespace()
        .nth(2)
        .and_then(|s| s.parse::<usize>().ok())
        .ok_or_else(|| std::io::Error::other(format!("unexpected answer {:?}", header.trim())))?;
    let mut bytes = vec![0; size];
    reader.read_exact(&mut bytes)?;
    let mut newline = [0; 1];
    reader.read_exact(&mut newline)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_with_safe_paths_are_read() {
        let oid = "a".repeat(40);
        assert!(blob_of(&format!("100644 blob {oid}\tposts/a.md")).is_some());
        assert!(blob_of(&format!("120000 blob {oid}\tposts/link.md")).is_none());
        assert!(blob_of(&format!("160000 commit {oid}\tsub")).is_none());
        assert!(blob_of(&format!("100644 blob {oid}\t../x.md")).is_none());
    }

    #[test]
    fn content_files_are_what_the_loader_reads() {
        assert!(is_content_file("posts/2026/a.md"));
        assert!(is_content_file("touchpoint.toml"));
        assert!(!is_content_file("media/a.jpg"));
        assert!(!is_content_file("posts/notes.txt"));
    }
}
