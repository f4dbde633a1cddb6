//! Writing the rendered site to disk, atomically and only where it belongs.
//!
//! The whole site is written into a temporary sibling folder (`.NAME.tmp-PID`), then
//! swapped in with renames, so a reader (or a web server) never sees half a site and
//! a failed build leaves the previous one intact. Touchpoint only replaces folders it
//! made itself (marked with [`MARKER`]) or empty ones, never the content repository.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use super::SiteError;

/// The file that marks a folder as Touchpoint output, safe to replace on the next build.
pub const MARKER: &str = ".touchpoint-site";

/// Folders of a content repository the output must never be placed in: those it reads.
const CONTENT_FOLDERS: &[&str] = crate::load::READ_FOLDERS;

/// Refuses an output folder that would overwrite or mix with the content: the
/// repository itself, a folder containing it, or one of its content folders.
pub fn check_output_dir(repo: &Path, out: &Path) -> Result<(), SiteError> {
    refuse_link(out)?;
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

/// Refuses an output folder that is a symbolic link: the site would be written (and the
/// previous one replaced) wherever the link points, outside what the user named.
fn refuse_link(out: &Path) -> Result<(), SiteError> {
    let named: PathBuf = out.components().collect();
    if !named.is_symlink() {
        return Ok(());
    }
    let target = std::fs::read_link(&named).map_or_else(|_| "?".to_owned(), |t| t.display().to_string());
    Err(SiteError::UnsafeOutput {
        path: named.display().to_string(),
        why: format!("it is a symbolic link (to {target}); name the real folder instead"),
    })
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

/// A site being written file by file as it is rendered, so the pages never have to be
/// held in memory all at once. Files go into a temporary sibling of the output folder
/// (`.NAME.tmp-PID`); [`SiteWriter::finish`] swaps it in. Dropped unfinished (an error
/// while rendering), it removes its temporary folder and the previous site stays.
pub(super) struct SiteWriter {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// The previous build's content hash per file, from its manifest.
    old_hashes: HashMap<String, u64>,
    /// Every file written so far with its hash, for the next build's manifest.
    written: Mutex<Vec<(String, u64)>>,
    /// Folders already created under `tmp`.
    folders: Mutex<HashSet<PathBuf>>,
    finished: bool,
    /// Held from start to finish, so two builds into one folder take turns.
    _lock: OutputLock,
}

impl SiteWriter {
    /// Checks that `out` may be replaced (never the repository `repo` or a folder
    /// Touchpoint did not make) and starts a fresh temporary folder next to it.
    pub(super) fn create(out: &Path, repo: Option<&Path>) -> Result<Self, SiteError> {
        refuse_link(out)?;
        let out = absolute(out)?;
        if let Some(root) = repo {
            check_output_dir(root, &out)?;
        }
        let parent = out.parent().ok_or_else(|| SiteError::UnsafeOutput {
            path: out.display().to_string(),
            why: "it has no parent folder".to_owned(),
        })?;
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lock = OutputLock::acquire(&parent.join(format!(".{name}.lock")))?;
        ensure_replaceable(&out)?;
        remove_stale_siblings(parent, &name);
        let pid = std::process::id();
        let writer = SiteWriter {
            tmp: parent.join(format!(".{name}.tmp-{pid}")),
            old: parent.join(format!(".{name}.old-{pid}")),
            old_hashes: read_manifest(&out),
            out,
            written: Mutex::new(Vec::new()),
            folders: Mutex::new(HashSet::new()),
            finished: false,
            _lock: lock,
        };
        start_tree(&writer.tmp)?;
        Ok(writer)
    }

    /// Writes one file (`rel`: relative, `/`-separated). A file whose bytes equal the
    /// previous build's (per its manifest) becomes a hard link to the old copy: creating
    /// a link is far cheaper than allocating a new file, and the old site stays intact.
    pub(super) fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let path = contained_path(&self.tmp, rel)?;
        if let Some(folder) = path.parent() {
            self.ensure_folder(folder)?;
        }
        let hash = content_hash(bytes);
        let unchanged =
            self.old_hashes.get(rel) == Some(&hash) && std::fs::hard_link(self.out.join(rel), &path).is_ok();
        if !unchanged {
            std::fs::write(&path, bytes).map_err(io_error(&path))?;
        }
        lock(&self.written).push((rel.to_owned(), hash));
        Ok(())
    }

    /// Writes files piece by piece: `write` is handed a buffered writer per path of
    /// `rels`, in order, and writes them, so a file of 100 MB (the publish queue) is never
    /// whole in memory. They are always written anew (their bytes are only known once
    /// written), and their hashes go into the manifest like any other file's.
    pub(super) fn put_streams(
        &self,
        rels: &[String],
        write: &mut dyn FnMut(&mut [&mut dyn Write]) -> std::io::Result<()>,
    ) -> Result<(), SiteError> {
        let mut files = Vec::with_capacity(rels.len());
        for rel in rels {
            files.push(self.create_hashed(rel)?);
        }
        let mut outs: Vec<&mut dyn Write> = files.iter_mut().map(|f| f as &mut dyn Write).collect();
        // A writer failing does not say which file it was writing: name them all.
        write(&mut outs).map_err(|source| SiteError::Io {
            path: rels
                .iter()
                .map(|rel| self.tmp.join(rel).display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            source,
        })?;
        for (rel, file) in rels.iter().zip(files) {
            let hash = file.finish().map_err(io_error(&self.tmp.join(rel)))?;
            lock(&self.written).push((rel.clone(), hash));
        }
        Ok(())
    }

    /// Creates the file `rel` in the new site, to be written through a buffer that hashes
    /// what goes in.
    fn create_hashed(
        &self,
        rel: &str,
    ) -> Result<HashingWriter<std::io::BufWriter<std::fs::File>>, SiteError> {
        let path = contained_path(&self.tmp, rel)?;
        if let Some(folder) = path.parent() {
            self.ensure_folder(folder)?;
        }
        let file = std::fs::File::create(&path).map_err(io_error(&path))?;
        Ok(HashingWriter {
            inner: std::io::BufWriter::with_capacity(1 << 20, file),
            hash: ContentHasher::default(),
        })
    }

    fn ensure_folder(&self, folder: &Path) -> Result<(), SiteError> {
        if lock(&self.folders).contains(folder) {
            return Ok(());
        }
        std::fs::create_dir_all(folder).map_err(io_error(folder))?;
        lock(&self.folders).insert(folder.to_path_buf());
        Ok(())
    }

    /// How many HTML pages have been written.
    pub(super) fn page_count(&self) -> usize {
        lock(&self.written)
            .iter()
            .filter(|(rel, _)| rel.ends_with(".html"))
            .count()
    }

    /// Records the manifest and swaps the new site in for the old one.
    pub(super) fn finish(mut self) -> Result<(), SiteError> {
        let mut hashes = std::mem::take(&mut *lock(&self.written));
        hashes.sort_unstable();
        write_manifest(&self.tmp, &hashes)?;
        swap_in(&self.tmp, &self.out, &self.old)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_site_tree(&self.tmp);
        }
    }
}

/// An exclusive advisory lock on a file next to the output folder (`.NAME.lock`), held
/// while one build writes and swaps in its site: a second build into the same folder
/// waits instead of racing the first one's renames. The file is removed on release, so
/// nothing is left beside the output.
struct OutputLock {
    path: PathBuf,
    // Holding the open file holds the lock; closing it releases the lock.
    _file: std::fs::File,
}

impl OutputLock {
    /// Waits until the lock at `path` is free and takes it.
    fn acquire(path: &Path) -> Result<Self, SiteError> {
        loop {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(path)
                .map_err(io_error(path))?;
            file.lock().map_err(io_error(path))?;
            // The holder before us removed the file it locked; ours may be that removed
            // one, which locks nothing: take the lock again on the file now at `path`.
            if is_same_file(&file, path) {
                return Ok(OutputLock {
                    path: path.to_path_buf(),
                    _file: file,
                });
            }
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so whoever waits on it retries with a fresh file.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether the open `file` is the file now at `path`.
#[cfg(unix)]
fn is_same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// Whether the open `file` is the file now at `path` (elsewhere: whether one exists).
#[cfg(not(unix))]
fn is_same_file(_file: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

/// The lock's data even if another thread panicked while holding it (the data is a
/// list of finished writes, never left half-updated).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes `.NAME.tmp-PID` and `.NAME.old-PID` folders left by builds that were killed
/// (their process is gone), so interrupted builds do not pile up half-written copies.
/// Only folders with exactly these names, made by Touchpoint, are ever removed.
fn remove_stale_siblings(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = [format!(".{name}.tmp-"), format!(".{name}.old-")]
            .iter()
            .find_map(|prefix| {
                file_name
                    .strip_prefix(prefix.as_str())
                    .and_then(|p| p.parse::<u32>().ok())
            });
        let Some(pid) = pid else { continue };
        let alive = Path::new("/proc").is_dir() && Path::new(&format!("/proc/{pid}")).exists();
        if alive || !Path::new("/proc").is_dir() {
            continue;
        }
        if entry.path().join(MARKER).is_file() {
            let _ = remove_site_tree(&entry.path());
        } else {
            // Killed before its marker was written or after it was removed: only an
            // empty folder goes (`remove_dir` refuses any other).
            let _ = std::fs::remove_dir(entry.path());
        }
    }
}

/// Removes a site folder with its marker last, so a build killed halfway through the
/// removal leaves a folder that is still recognisably ours (or empty), and the next
/// build finishes the job.
fn remove_site_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?
        .filter(|entry| entry.as_ref().map_or(true, |e| e.file_name() != MARKER))
        .collect::<std::io::Result<_>>()?;
    remove_entries(entries, PARALLEL_REMOVAL_DEPTH)?;
    match std::fs::remove_file(dir.join(MARKER)) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

/// How many folder levels below a site's top [`remove_site_tree`] spreads over all cores:
/// a site's files sit in folders two levels down (`posts/2027/03/`), and unlinking a file
/// waits on its folder's lock, so folders are removed side by side rather than files.
/// Removing the previous build's 10,000 pages one by one took 4 % of a build's time, on
/// one core, after every other step had finished.
const PARALLEL_REMOVAL_DEPTH: usize = 2;

/// Removes `entries` (files, links and folders; a link is removed, never followed) on all
/// cores, `depth` folder levels down; deeper folders go with `remove_dir_all`.
fn remove_entries(entries: Vec<std::fs::DirEntry>, depth: usize) -> std::io::Result<()> {
    use rayon::prelude::*;
    entries.into_par_iter().try_for_each(|entry| {
        let path = entry.path();
        if !entry.file_type()?.is_dir() {
            return std::fs::remove_file(&path);
        }
        if depth == 0 {
            return std::fs::remove_dir_all(&path);
        }
        let inner = std::fs::read_dir(&path)?.collect::<std::io::Result<Vec<_>>>()?;
        remove_entries(inner, depth - 1)?;
        std::fs::remove_dir(&path)
    })
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

/// Creates `dir` fresh, with the marker in it first, so a copy left by a killed build is
/// recognisably ours.
fn start_tree(dir: &Path) -> Result<(), SiteError> {
    if dir.exists() {
        remove_site_tree(dir).map_err(io_error(dir))?;
    }
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let marker = dir.join(MARKER);
    let note = "Made by `touchpoint build`; the whole folder is replaced on the next build.\n";
    std::fs::write(&marker, note).map_err(io_error(&marker))
}

/// A fast, stable content hash for the manifest: XXH3, whose 64-bit result is fixed by
/// its specification (unlike std's `DefaultHasher`, which may change between Rust
/// releases) and which hashes a page about ten times faster than SipHash did (2 % of a
/// 10,000-post build's CPU went to it).
fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// [`content_hash`] fed piece by piece: XXH3's streaming state gives the same hash for
/// any split of the same bytes (tested below), so a file written as it is made hashes like
/// one written whole.
type ContentHasher = xxhash_rust::xxh3::Xxh3Default;

/// A file that hashes what is written to it, for [`SiteWriter::put_streams`].
struct HashingWriter<W> {
    inner: W,
    hash: ContentHasher,
}

impl<W: Write> HashingWriter<W> {
    /// Flushes what is buffered and gives the hash of everything written.
    fn finish(mut self) -> std::io::Result<u64> {
        self.inner.flush()?;
        Ok(self.hash.digest())
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hash.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn read_manifest(previous: &Path) -> HashMap<String, u64> {
    let Ok(text) = std::fs::read_to_string(previous.join(MANIFEST)) else {
        return HashMap::new();
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
        remove_site_tree(old).map_err(io_error(old))?;
    }
    std::fs::rename(out, old).map_err(io_error(out))?;
    if let Err(err) = std::fs::rename(tmp, out) {
        let _ = std::fs::rename(old, out);
        return Err(io_error(out)(err));
    }
    remove_site_tree(old).map_err(io_error(old))
}

/// `dir/rel`, refusing any `rel` that is absolute or climbs out with `..`.
pub(super) fn contained_path(dir: &Path, rel: &str) -> Result<PathBuf, SiteError> {
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
    use crate::site::Site;
    use rayon::prelude::*;

    /// Writes `site` to `out` through a [`SiteWriter`], as a render to a folder does.
    fn write_site(site: &Site, out: &Path) -> Result<(), SiteError> {
        let writer = SiteWriter::create(out, None)?;
        site.files
            .par_iter()
            .try_for_each(|(rel, bytes)| writer.put(rel, bytes))?;
        writer.finish()
    }

    fn site_with(files: &[(&str, &str)]) -> Site {
        let mut site = Site::default();
        for (path, text) in files {
            site.files.insert((*path).to_owned(), text.as_bytes().to_vec());
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
    fn a_file_hashes_alike_however_it_is_split() {
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for cuts in [vec![1], vec![7, 8, 64, 4000], vec![9_999]] {
            let mut hash = ContentHasher::default();
            let mut from = 0;
            for cut in cuts.into_iter().chain([bytes.len()]) {
                hash.update(&bytes[from..cut]);
                from = cut;
            }
            assert_eq!(hash.digest(), content_hash(&bytes));
        }
        assert_ne!(content_hash(&bytes[1..]), content_hash(&bytes));
        assert_eq!(
            content_hash(b""),
            0x2D06_8005_38D3_94C2,
            "XXH3-64 as specified, seed 0"
        );
    }

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
    fn an_unfinished_writer_leaves_the_previous_site_and_no_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&site_with(&[("index.html", "old")]), &out).unwrap();
        let writer = SiteWriter::create(&out, None).unwrap();
        writer.put("index.html", b"new").unwrap();
        writer.put("more.html", b"half").unwrap();
        drop(writer);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!out.join("more.html").exists());
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "only the site, no temporary copy");
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

    /// What builds killed at any instant leave: a temporary folder without its marker yet
    /// (empty), an old site whose removal stopped after everything but the marker, and one
    /// stopped after the marker: all go; a foreign folder with content stays.
    #[test]
    fn copies_left_by_killed_builds_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let dead = u32::MAX - 1;
        let empty = dir.path().join(format!(".site.tmp-{dead}"));
        std::fs::create_dir(&empty).unwrap();
        let marker_only = dir.path().join(format!(".site.old-{dead}"));
        std::fs::create_dir(&marker_only).unwrap();
        std::fs::write(marker_only.join(MARKER), "").unwrap();
        let foreign = dir.path().join(format!(".site.old-{}", dead - 1));
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        remove_stale_siblings(dir.path(), "site");
        assert!(!empty.exists() && !marker_only.exists());
        assert_eq!(
            std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn removing_a_site_folder_removes_all_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        start_tree(&site).unwrap();
        std::fs::create_dir_all(site.join("posts/2026")).unwrap();
        std::fs::write(site.join("posts/2026/a.html"), "a").unwrap();
        remove_site_tree(&site).unwrap();
        assert!(!site.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_a_site_folder_is_removed_and_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("keep.md"), "mine").unwrap();
        let site = dir.path().join("site");
        start_tree(&site).unwrap();
        std::fs::create_dir_all(site.join("posts/2026/12")).unwrap();
        std::os::unix::fs::symlink(&outside, site.join("posts/2026/12/link")).unwrap();
        // The levels removed on all cores (the site's top and its folders) and the one below.
        std::os::unix::fs::symlink(&outside, site.join("link")).unwrap();
        std::os::unix::fs::symlink(&outside, site.join("posts/link")).unwrap();
        remove_site_tree(&site).unwrap();
        assert!(!site.exists());
        assert_eq!(std::fs::read_to_string(outside.join("keep.md")).unwrap(), "mine");
    }
}
