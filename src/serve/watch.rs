//! Watching the repository: file-system events in, sets of changed files out.
//!
//! Editors save in bursts (write a temp file, rename it over the original, touch a
//! backup). Rather than sleeping a debounce interval before every rebuild, the loop
//! rebuilds on the first event and folds whatever arrives during that rebuild into one
//! more: [`Changes::wait`] blocks for the first relevant change and takes everything
//! already queued; [`Changes::drain`] takes what queued up meanwhile without blocking.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

/// How often the polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// A running watcher and the events it queued.
pub struct Changes {
    root: PathBuf,
    events: Receiver<notify::Result<notify::Event>>,
    // Kept alive for as long as changes are wanted.
    _watcher: Box<dyn Watcher + Send>,
}

/// Starts watching `root` recursively: with the platform's notification API, or by
/// polling (for network drives, containers and editors whose saves the API misses).
/// Links are not followed, so nothing outside the repository is watched; a folder the
/// loader reads that is a link staying inside is watched under its own name too.
pub fn watch(root: &Path, poll: bool) -> notify::Result<Changes> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (sender, events) = channel();
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        let config = config.with_poll_interval(POLL_INTERVAL);
        Box::new(notify::PollWatcher::new(sender, config)?)
    } else {
        Box::new(notify::RecommendedWatcher::new(sender, config)?)
    };
    watcher.watch(&root, RecursiveMode::Recursive)?;
    for folder in linked_folders_inside(&root) {
        watcher.watch(&folder, RecursiveMode::Recursive)?;
    }
    Ok(Changes {
        root,
        events,
        _watcher: watcher,
    })
}

/// The folders the loader reads that are links resolving inside the repository: the
/// watcher does not follow links, so these are watched by their own name.
fn linked_folders_inside(root: &Path) -> Vec<PathBuf> {
    let boundary = crate::load::Boundary::new(root);
    crate::load::READ_FOLDERS
        .iter()
        .map(|folder| root.join(folder))
        .filter(|path| path.is_symlink() && path.is_dir() && !boundary.leads_outside(path))
        .collect()
}

impl Changes {
    /// Blocks until a change `relevant` accepts (repository-relative path), then returns
    /// it with every change already queued. `None` when the watcher stopped.
    pub fn wait(&self, relevant: &dyn Fn(&str) -> bool) -> Option<BTreeSet<String>> {
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            let event = match self.events.recv_timeout(Duration::from_secs(3600)) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return None,
            };
            self.take(event, relevant, &mut changed);
            changed.extend(self.drain(relevant));
        }
        Some(changed)
    }

    /// The relevant changes arriving within `timeout` (empty when none came).
    pub fn wait_for(&self, timeout: Duration, relevant: &dyn Fn(&str) -> bool) -> BTreeSet<String> {
        let deadline = std::time::Instant::now() + timeout;
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => self.take(event, relevant, &mut changed),
                Err(_) => break,
            }
        }
        changed.extend(self.drain(relevant));
        changed
    }

    /// The relevant changes queued right now, without waiting.
    pub fn drain(&self, relevant: &dyn Fn(&str) -> bool) -> BTreeSet<String> {
        let mut changed = BTreeSet::new();
        while let Ok(event) = self.events.try_recv() {
            self.take(event, relevant, &mut changed);
        }
        changed
    }

    fn take(
        &self,
        event: notify::Result<notify::Event>,
        relevant: &dyn Fn(&str) -> bool,
        changed: &mut BTreeSet<String>,
    ) {
        let Ok(event) = event else { return };
        if !is_change(&event.kind) {
            return;
        }
        for path in &event.paths {
            if let Some(rel) = relative_path(&self.root, path)
                && !is_editor_temp(&rel)
                && relevant(&rel)
            {
                changed.insert(rel);
            }
        }
    }
}

/// Whether an event can change what a file holds (opening and reading cannot; the
/// server's own reads would otherwise trigger rebuilds forever).
fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

/// `path` below `root` as a `/`-separated relative path.
fn relative_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Files editors write next to the one being saved: Vim's swap files and its `4913`
/// write test, Emacs's `#file#` and `.#file` locks, `file~` backups, temp files.
pub fn is_editor_temp(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".crdownload"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_recognised() {
        for name in [
            "posts/.a.md.swp",
            "posts/a.md~",
            "posts/.#a.md",
            "posts/#a.md#",
            "posts/4913",
            "a.tmp",
        ] {
            assert!(is_editor_temp(name), "{name}");
        }
        assert!(!is_editor_temp("posts/a.md"));
        assert!(!is_editor_temp("posts/4913.md"));
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{AccessKind, CreateKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
    }

    #[test]
    fn an_edit_is_seen_and_a_burst_is_folded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("posts")).unwrap();
        let changes = watch(dir.path(), false).unwrap();
        std::fs::write(dir.path().join("posts/a.md"), "x").unwrap();
        std::fs::write(dir.path().join("posts/.a.md.swp"), "x").unwrap();
        std::fs::write(dir.path().join("posts/b.md"), "x").unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let changed = changes.wait(&|rel| rel.ends_with(".md")).unwrap();
        assert_eq!(
            changed.into_iter().collect::<Vec<_>>(),
            ["posts/a.md", "posts/b.md"]
        );
        assert!(changes.drain(&|_| true).is_empty());
    }
}
