//! Faults: a build that is killed, or that cannot write (full or read-only disk), leaves the
//! previous site intact, says what went wrong, and the next build recovers.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A copy of example-project (large enough that a build takes a while to write).
fn example_copy(tmp: &Path) -> PathBuf {
    let repo = tmp.join("repo");
    let status = Command::new("cp")
        .args(["-r", concat!(env!("CARGO_MANIFEST_DIR"), "/example-project")])
        .arg(&repo)
        .status()
        .unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(repo.join("public"));
    repo
}

fn build(repo: &Path, out: &Path) -> std::process::Output {
    common::touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2026-12-01",
    ])
}

/// Every file of the site, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_killed_build_leaves_a_whole_site_and_the_next_build_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = example_copy(tmp.path());
    let out = tmp.path().join("site");
    assert!(build(&repo, &out).status.success());
    let before = snapshot(&out);
    let post = repo.join("posts/2026-12/bremsen-bei-naesse.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, text.replace("Bremsen bei Nässe", "Bremsen bei Regen")).unwrap();
    let reference = tmp.path().join("reference");
    assert!(build(&repo, &reference).status.success());
    let after = snapshot(&reference);
    assert_ne!(before, after);
    for delay_ms in [5, 20, 40, 80, 160] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
            .args([
                "build",
                repo.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--today",
                "2026-12-01",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        let page =
            |files: &[(PathBuf, Vec<u8>)]| files.iter().filter(|(p, _)| p.ends_with("index.html")).count();
        assert!(
            now == before || page(&now) == page(&before),
            "after a kill at {delay_ms} ms the site is whole"
        );
        assert!(out.join("index.html").is_file() && out.join(".touchpoint-site").is_file());
    }
    assert!(build(&repo, &out).status.success(), "the next build recovers");
    let page = std::fs::read_to_string(out.join("posts/2026-12/bremsen-bei-naesse.html")).unwrap();
    assert!(page.contains("Bremsen bei Regen"));
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site.") || n.starts_with(".reference."))
        .collect();
    assert!(
        leftovers.is_empty(),
        "half-written copies of killed builds are removed: {leftovers:?}"
    );
}

/// Mounts a small tmpfs at `dir` (needs root); None where mounting is not permitted.
fn mount_tmpfs(dir: &Path, size: &str) -> Option<Mounted> {
    std::fs::create_dir_all(dir).unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then(|| Mounted(dir.to_path_buf()))
}

struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_or_read_only_disk_fails_clearly_and_keeps_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = example_copy(tmp.path());
    let disk = tmp.path().join("disk");
    let Some(mounted) = mount_tmpfs(&disk, "8m") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs as root and must be able to mount a tmpfs"
        );
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let out = disk.join("site");
    assert!(build(&repo, &out).status.success());
    let before = snapshot(&out);

    // Full: fill the disk so a second copy of the site cannot be written.
    let filler = disk.join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=64k"])
        .arg(format!("of={}", filler.display()))
        .stderr(Stdio::null())
        .status();
    let full = build(&repo, &out);
    assert_eq!(full.status.code(), Some(2), "a failed write exits 2");
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert!(
        stderr.contains("No space left") || stderr.contains("space"),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before, "the previous site is intact");
    std::fs::remove_file(&filler).unwrap();

    // Read-only.
    assert!(
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&disk)
            .status()
            .unwrap()
            .success()
    );
    let read_only = build(&repo, &out);
    assert_eq!(read_only.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&read_only.stderr);
    assert!(
        stderr.contains("Read-only") || stderr.contains("read-only"),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before, "the previous site is intact");
    drop(mounted);
}

#[test]
fn an_io_error_is_printed_once_and_names_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let repo = common::fixture("site-basic");
    let out = file.join("site");
    let built = build(&repo, &out);
    let export_to = file.join("queue.json");
    let exported = common::touchpoint(&[
        "export",
        repo.to_str().unwrap(),
        "--format",
        "json",
        "--allow-errors",
        "--out",
        export_to.to_str().unwrap(),
    ]);
    for result in [built, exported] {
        assert_eq!(result.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&result.stderr);
        let error = stderr.lines().find(|l| l.starts_with("error: ")).unwrap();
        assert_eq!(error.matches("(os error").count(), 1, "{error}");
        assert!(error.contains(file.to_str().unwrap()), "{error}");
    }
}

/// The most `.NAME.tmp-PID` folders (builds writing) seen at once beside `out` while
/// `running` holds.
fn most_builds_writing_at_once(out: &Path, running: &std::sync::atomic::AtomicBool) -> usize {
    let parent = out.parent().unwrap();
    let prefix = format!(".{}.tmp-", out.file_name().unwrap().to_string_lossy());
    let mut most = 0;
    while running.load(std::sync::atomic::Ordering::Relaxed) {
        let writing = std::fs::read_dir(parent)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .count();
        most = most.max(writing);
        std::thread::sleep(Duration::from_millis(1));
    }
    most
}

#[test]
fn builds_into_one_folder_at_once_take_turns() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let tmp = tempfile::tempdir().unwrap();
    let repo = example_copy(tmp.path());
    let reference = tmp.path().join("reference");
    assert!(build(&repo, &reference).status.success());
    let out = tmp.path().join("site");
    let running = std::sync::Arc::new(AtomicBool::new(true));
    let watcher = {
        let (out, running) = (out.clone(), running.clone());
        std::thread::spawn(move || most_builds_writing_at_once(&out, &running))
    };
    let builds: Vec<_> = (0..8)
        .map(|_| {
            let (repo, out) = (repo.clone(), out.clone());
            std::thread::spawn(move || build(&repo, &out))
        })
        .collect();
    for result in builds.into_iter().map(|b| b.join().unwrap()) {
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(result.status.success(), "{stderr}");
    }
    running.store(false, Ordering::Relaxed);
    assert_eq!(watcher.join().unwrap(), 1, "one build writes at a time");
    assert_eq!(snapshot(&out), snapshot(&reference), "the site is whole");
    let beside: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        beside.is_empty(),
        "no lock or temporary folder is left: {beside:?}"
    );
}
