//! `--since REV`: `build` renders changes.html from a real git history, `check` reports
//! only the findings of changed files, and a bad revision or a folder outside git is a
//! clear error with exit code 2. Each test builds its history in a temporary folder
//! from the two states under tests/fixtures/rev-since/ (v1, tagged `review-1`, and v2
//! laid over it, with posts/gone.md removed).

use std::path::Path;
use std::process::Command;

use crate::common::{fixture, touchpoint};

/// Runs git in `dir` with a fixed identity and no user or system configuration.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// Copies the folder `from` into `to`, file by file.
fn copy_into(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_into(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A repository with v1 committed and tagged `review-1`, then v2 committed.
fn history() -> tempfile::TempDir {
    history_in("")
}

/// [`history`] with the project in the folder `sub` of the git repository `repo`.
fn history_in(sub: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let git_root = dir.path().join("repo");
    let repo = git_root.join(sub);
    std::fs::create_dir_all(&repo).unwrap();
    copy_into(&fixture("rev-since/v1"), &repo);
    git(&git_root, &["init", "-q"]);
    git(&git_root, &["add", "-A"]);
    git(&git_root, &["commit", "-q", "-m", "v1"]);
    git(&git_root, &["tag", "review-1"]);
    copy_into(&fixture("rev-since/v2"), &repo);
    std::fs::remove_file(repo.join("posts/gone.md")).unwrap();
    git(&git_root, &["add", "-A"]);
    git(&git_root, &["commit", "-q", "-m", "v2"]);
    dir
}

fn build_since(dir: &Path, rev: &str) -> (std::process::Output, std::path::PathBuf) {
    let repo = dir.join("repo");
    let out = dir.join("site");
    let output = touchpoint(&[
        "build",
        "--since",
        rev,
        "--today",
        "2027-01-17",
        "--out",
        out.to_str().unwrap(),
        repo.to_str().unwrap(),
    ]);
    (output, out)
}

/// The text of the `<section>` whose heading has id `id`.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("aria-labelledby=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap()]
}

#[test]
fn changes_page_lists_added_changed_and_removed_posts_with_their_words() {
    let dir = history();
    let (output, out) = build_since(dir.path(), "review-1");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(out.join("changes.html")).unwrap();
    let added = section(&html, "added-h");
    assert!(added.contains("Added post") && !added.contains("Winter tyres"));
    let removed = section(&html, "removed-h");
    assert!(removed.contains("Gone post") && !removed.contains("Added post"));
    let changed = section(&html, "changed-h");
    assert!(changed.contains("Winter tyres"));
    assert!(!html.contains("Kept post"), "an unchanged post is listed");
    // The words that changed, on both networks, marked for eyes and screen readers.
    assert_eq!(changed.matches("[removed: </span>Three").count(), 2);
    assert_eq!(changed.matches("[added: </span>Four").count(), 2);
    assert!(changed.contains("first "));
    // The changed fields and the status transition.
    assert!(changed.contains("2027-02-02 09:00") && changed.contains("2027-02-04 10:00"));
    let transitions = section(&html, "transitions-h");
    assert!(transitions.contains("In review") && transitions.contains("Approved"));
    // The overview links to the page; nothing of the old revision is left behind.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"changes.html\""));
    assert!(!dir.path().join("repo/public").exists());
}

#[test]
fn without_since_there_is_no_changes_page() {
    let dir = history();
    let out = dir.path().join("site");
    let repo = dir.path().join("repo");
    let output = touchpoint(&["build", "--out", out.to_str().unwrap(), repo.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(!out.join("changes.html").exists());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("changes.html"));
}

/// `check --since REV --format json`: exit code and the files of the findings.
fn check_since(repo: &Path, rev: &str) -> (i32, Vec<String>) {
    let out = touchpoint(&[
        "check",
        "--since",
        rev,
        "--format",
        "json",
        "--today",
        "2027-01-17",
        repo.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    let files = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_owned())
        .collect();
    (out.status.code().unwrap(), files)
}

#[test]
fn check_since_reports_only_findings_of_changed_files() {
    let dir = history();
    let repo = dir.path().join("repo");
    // posts/kept.md has an error too, but it did not change.
    assert_eq!(
        check_since(&repo, "review-1"),
        (1, vec!["posts/added.md".to_owned()])
    );
    // Nothing changed since HEAD: no findings, exit 0, despite kept.md's error.
    assert_eq!(check_since(&repo, "HEAD"), (0, vec![]));
    // Uncommitted and untracked files count as changed.
    let draft = "+++\ntitle = \"Draft\"\npublish_at = 2027-02-06T09:00:00\nplatforms = [\"x\"]\nstatus = \"draft\"\n+++\nNot committed yet.\n";
    std::fs::write(repo.join("posts/draft.md"), draft).unwrap();
    let (code, files) = check_since(&repo, "HEAD");
    assert_eq!((code, files), (1, vec!["posts/draft.md".to_owned()]));
}

#[test]
fn a_revision_that_does_not_exist_is_exit_2_naming_it() {
    let dir = history();
    let repo = dir.path().join("repo");
    for command in ["check", "build"] {
        let out = touchpoint(&[command, "--since", "review-9", repo.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("review-9") && stderr.contains("no such revision"),
            "{stderr}"
        );
    }
}

#[test]
fn a_folder_outside_git_is_exit_2_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    copy_into(&fixture("rev-since/v1"), dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(["check", "--since", "main", dir.path().to_str().unwrap()])
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not in a git repository"), "{stderr}");
}

#[test]
fn a_project_in_a_subfolder_of_the_git_repository_compares_its_own_files() {
    let dir = history_in("content");
    let repo = dir.path().join("repo/content");
    let out = dir.path().join("site");
    let output = touchpoint(&[
        "build",
        "--since",
        "review-1",
        "--out",
        out.to_str().unwrap(),
        repo.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(out.join("changes.html")).unwrap();
    assert!(section(&html, "removed-h").contains("Gone post"));
    assert!(section(&html, "added-h").contains("Added post"));
    assert_eq!(
        check_since(&repo, "review-1"),
        (1, vec!["posts/added.md".to_owned()])
    );
}
