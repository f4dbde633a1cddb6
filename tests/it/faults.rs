//! Faults: a build that is killed, or that cannot write (full or read-only disk), leaves the
//! previous site intact, says what went wrong, and the next build recovers.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A copy of example-project named `name` in `tmp` (large enough that a build takes a
/// while to write).
fn example_copy(tmp: &Path, name: &str) -> PathBuf {
    let repo = tmp.join(name);
    let status = Command::new("cp")
        .args(["-r", concat!(env!("CARGO_MANIFEST_DIR"), "/example-project")])
        .arg(&repo)
        .status()
        .unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(repo.join("public"));
    repo
}

/// Every folder (`None`) and file (its bytes) of the site, by relative path: the whole
/// tree, the marker and manifest files included.
type Tree = BTreeMap<PathBuf, Option<Vec<u8>>>;

fn snapshot(dir: &Path) -> Tree {
    let mut tree = Tree::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            if path.is_dir() {
                tree.insert(relative, None);
                stack.push(path);
            } else {
                tree.insert(relative, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    tree
}

/// Paths whose presence or bytes differ between two trees.
fn differences(a: &Tree, b: &Tree) -> Vec<PathBuf> {
    let paths: BTreeSet<&PathBuf> = a.keys().chain(b.keys()).collect();
    paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect()
}

/// Builds `repo` into `out` and says how long the whole build took.
fn timed_build(repo: &Path, out: &Path) -> Duration {
    let start = Instant::now();
    let output = common::build(repo, out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    start.elapsed()
}

/// Starts a build of `repo` into `out` and kills it after `delay`.
fn kill_build_after(repo: &Path, out: &Path, delay: Duration) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(["build", repo.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--today", "2026-12-01"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

/// Version 1 is example-project; version 2 changes one post's title, which changes pages,
/// lists, the calendar and the exports.
fn two_versions(tmp: &Path) -> [PathBuf; 2] {
    let v1 = example_copy(tmp, "repo-v1");
    let v2 = example_copy(tmp, "repo-v2");
    let post = v2.join("posts/2026-12/bremsen-bei-naesse.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, text.replace("Bremsen bei Nässe", "Bremsen bei Regen")).unwrap();
    [v1, v2]
}

/// Builds alternate between the two versions and each is killed at a tenth, two
/// tenths, … nine tenths of a measured full build: the output folder must then hold
/// exactly one whole site, every file and folder byte for byte, old or new.
#[test]
fn a_killed_build_leaves_a_whole_site_and_the_next_build_cleans_up() {
    let _turn = common::exclusive();
    let tmp = tempfile::tempdir().unwrap();
    let repos = two_versions(tmp.path());
    let out = tmp.path().join("site");
    let reference = tmp.path().join("reference");
    let full_build = timed_build(&repos[0], &out).max(timed_build(&repos[1], &reference));
    let sites = [snapshot(&out), snapshot(&reference)];
    assert!(!differences(&sites[0], &sites[1]).is_empty());
    let mut current = 0;
    let mut interrupted = 0;
    for tenth in 1..=9 {
        let delay = full_build * tenth / 10;
        kill_build_after(&repos[1 - current], &out, delay);
        let now = snapshot(&out);
        let Some(whole) = sites.iter().position(|site| *site == now) else {
            let (old, new) = (
                differences(&sites[current], &now),
                differences(&sites[1 - current], &now),
            );
            panic!(
                "after a kill at {delay:?} the site is neither: differs from old in {old:?}, from new in {new:?}"
            );
        };
        interrupted += usize::from(whole == current);
        current = whole;
    }
    assert!(
        interrupted > 0,
        "no kill came before the build finished ({full_build:?} measured)"
    );
    let version = 1 - current;
    assert!(
        common::build(&repos[version], &out).status.success(),
        "the next build recovers"
    );
    assert_eq!(snapshot(&out), sites[version]);
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

/// Set by `.ci/run`: the disk-fault test must run, and fails instead of skipping when it
/// cannot mount its tmpfs (CI runs as root). `CI` counts too.
const REQUIRE_DISK_FAULTS: &str = "TOUCHPOINT_REQUIRE_DISK_FAULTS";

fn disk_faults_required() -> bool {
    [REQUIRE_DISK_FAULTS, "CI"]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty() && v != "0"))
}

/// Mounts a small tmpfs at `dir` (needs root); the reason where mounting is not permitted.
fn mount_tmpfs(dir: &Path, size: &str) -> Result<Mounted, String> {
    std::fs::create_dir_all(dir).unwrap();
    let output = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .output()
        .map_err(|err| format!("cannot run mount: {err}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    Ok(Mounted(dir.to_path_buf()))
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
    let repo = example_copy(tmp.path(), "repo");
    let disk = tmp.path().join("disk");
    let mounted = match mount_tmpfs(&disk, "8m") {
        Ok(mounted) => mounted,
        Err(why) => {
            assert!(
                !disk_faults_required(),
                "{REQUIRE_DISK_FAULTS} is set, so this test must run, but a tmpfs cannot be mounted: {why}"
            );
            eprintln!(
                "skipped: cannot mount a tmpfs here (needs root; set {REQUIRE_DISK_FAULTS}=1 to fail instead): {why}"
            );
            return;
        }
    };
    let out = disk.join("site");
    assert!(common::build(&repo, &out).status.success());
    let before = snapshot(&out);

    // Full: fill the disk so a second copy of the site cannot be written.
    let filler = disk.join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=64k"])
        .arg(format!("of={}", filler.display()))
        .stderr(Stdio::null())
        .status();
    let full = common::build(&repo, &out);
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
    let read_only = common::build(&repo, &out);
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
    let built = common::build(&repo, &out);
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
    let _turn = common::exclusive();
    use std::sync::atomic::{AtomicBool, Ordering};
    let tmp = tempfile::tempdir().unwrap();
    let repo = example_copy(tmp.path(), "repo");
    let reference = tmp.path().join("reference");
    assert!(common::build(&repo, &reference).status.success());
    let out = tmp.path().join("site");
    let running = std::sync::Arc::new(AtomicBool::new(true));
    let watcher = {
        let (out, running) = (out.clone(), running.clone());
        std::thread::spawn(move || most_builds_writing_at_once(&out, &running))
    };
    let builds: Vec<_> = (0..8)
        .map(|_| {
            let (repo, out) = (repo.clone(), out.clone());
            std::thread::spawn(move || common::build(&repo, &out))
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

/// CI must run every test that would otherwise skip: `.ci/run` exports each
/// `TOUCHPOINT_REQUIRE_*` variable the tests read, this one's included.
#[test]
fn ci_makes_the_skippable_tests_mandatory() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    let mut read: BTreeSet<String> = BTreeSet::new();
    for path in rust_files(&root.join("tests")) {
        let text = std::fs::read_to_string(&path).unwrap();
        read.extend(required_variables(&text));
    }
    assert!(read.contains(REQUIRE_DISK_FAULTS), "{read:?}");
    let missing: Vec<&String> = read
        .iter()
        .filter(|var| !ci.lines().any(|l| l.trim() == format!("export {var}=1")))
        .collect();
    assert!(missing.is_empty(), ".ci/run does not export {missing:?}=1");
}

/// Every `.rs` file under `dir`, at any depth (the tests live in `tests/it/`), except
/// in npm's `node_modules`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("node_modules") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The `TOUCHPOINT_REQUIRE_*` names in a source text.
fn required_variables(text: &str) -> impl Iterator<Item = String> + '_ {
    text.match_indices("TOUCHPOINT_REQUIRE_")
        .map(move |(at, _)| {
            text[at..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                .collect::<String>()
        })
        .filter(|name| !name.ends_with('_'))
}
