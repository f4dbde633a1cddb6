//! Symbolic links: a folder or file of the repository that leads outside it is reported
//! (`symlink-outside`) and nothing is read through it, in `check`, `build` and `export`
//! alike; links that stay inside keep working; an output folder that is a link is refused.
#![cfg(unix)]

use crate::common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use common::{check_json, findings, touchpoint};

/// A string planted only outside the repository: it must appear in no output.
const MARKER: &str = "zqxoutsidemarker";

/// A fresh repository (from `touchpoint init`) and a folder outside it, in one temp dir.
fn scratch() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    assert!(touchpoint(&["init", repo.to_str().unwrap()]).status.success());
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    (tmp, repo, outside)
}

/// A file of `folder` that would put [`MARKER`] into the site or the exports if read.
fn marker_file(folder: &str) -> (&'static str, String) {
    let post = format!(
        "+++\ntitle = \"{MARKER}\"\npublish_at = 2030-01-08T09:00:00\nplatforms = [\"mastodon\"]\nstatus = \"approved\"\n+++\n{MARKER}\n"
    );
    match folder {
        "posts" => ("marker.md", post),
        "crisis" => (
            "marker.md",
            format!(
                "+++\ntitle = \"{MARKER}\"\nscenario = \"{MARKER}\"\nplatforms = [\"mastodon\"]\n+++\n{MARKER}\n"
            ),
        ),
        "personas" => (
            "marker.md",
            format!("+++\nname = \"{MARKER}\"\nplatforms = [\"mastodon\"]\n+++\n{MARKER}\n"),
        ),
        "campaigns" => (
            "marker.md",
            format!("+++\nname = \"{MARKER}\"\nstart = 2030-01-01\nend = 2030-01-31\n+++\n{MARKER}\n"),
        ),
        "metrics" => (
            "marker.csv",
            format!("post,platform,date,impressions\n{MARKER},mastodon,2026-12-08,5\n"),
        ),
        "templates" => ("index.html", format!("<p>{MARKER}</p>")),
        _ => ("marker.txt", MARKER.to_owned()),
    }
}

/// Moves `repo/folder` outside (with a marker file added) and links it back.
fn link_folder_outside(repo: &Path, outside: &Path, folder: &str) {
    let target = outside.join(folder);
    let source = repo.join(folder);
    if source.exists() {
        std::fs::rename(&source, &target).unwrap();
    } else {
        std::fs::create_dir(&target).unwrap();
    }
    let (name, text) = marker_file(folder);
    std::fs::write(target.join(name), text).unwrap();
    symlink(&target, &source).unwrap();
}

/// The `symlink-outside` findings of `check`, as (file, line).
fn links_reported(repo: &Path) -> Vec<(String, u32)> {
    let (_, json) = check_json(repo, "2026-12-01");
    findings(&json, |rule| rule == "symlink-outside")
        .into_iter()
        .map(|(file, line, _)| (file, line))
        .collect()
}

/// Every file below `dir` whose bytes hold [`MARKER`].
fn files_with_marker(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|path| {
            let bytes = std::fs::read(path).unwrap();
            bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes())
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Every export format of `repo`, errors allowed, as one text.
fn exports(repo: &Path) -> String {
    ["json", "csv", "ics"]
        .iter()
        .map(|format| {
            let args = ["export", repo.to_str().unwrap(), "--format", format];
            let out = touchpoint(&[&args[..], &["--allow-errors", "--today", "2026-12-01"]].concat());
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect()
}

/// Asserts that `repo` reports `link` and that nothing of [`MARKER`] is built or exported.
fn assert_refused(tmp: &Path, repo: &Path, link: &str) {
    assert_eq!(links_reported(repo), [(link.to_owned(), 0)], "{link}");
    let out = tmp.join("site");
    common::build_ok(repo, &out);
    assert_eq!(files_with_marker(&out), Vec::<PathBuf>::new(), "{link}");
    assert!(
        !exports(repo).contains(MARKER),
        "{link}: an export holds outside text"
    );
}

#[test]
fn every_folder_linked_outside_is_reported_and_not_read() {
    for folder in [
        "posts",
        "personas",
        "campaigns",
        "crisis",
        "media",
        "static",
        "templates",
        "metrics",
    ] {
        let (tmp, repo, outside) = scratch();
        link_folder_outside(&repo, &outside, folder);
        assert_refused(tmp.path(), &repo, folder);
    }
}

#[test]
fn links_nested_inside_a_folder_are_reported_and_not_read() {
    let cases: [(&str, &str); 5] = [
        ("posts/2030", "posts"),
        ("media/logos", "media"),
        ("static/extra", "static"),
        ("templates/partials", "templates"),
        ("crisis/marker.md", "crisis"),
    ];
    for (link, folder) in cases {
        let (tmp, repo, outside) = scratch();
        let (name, text) = marker_file(folder);
        let target = if link.ends_with(".md") {
            outside.join(name)
        } else {
            std::fs::create_dir(outside.join("dir")).unwrap();
            outside.join("dir").join(name)
        };
        std::fs::write(&target, text).unwrap();
        let linked = if link.ends_with(".md") {
            target
        } else {
            outside.join("dir")
        };
        std::fs::create_dir_all(repo.join(folder)).unwrap();
        symlink(&linked, repo.join(link)).unwrap();
        assert_refused(tmp.path(), &repo, link);
    }
}

#[test]
fn configuration_files_linked_outside_are_reported_and_not_read() {
    let (tmp, repo, outside) = scratch();
    let strategy = outside.join("strategy.toml");
    let text = std::fs::read_to_string(repo.join("strategy.toml")).unwrap();
    std::fs::write(&strategy, text.replace("Know-how", MARKER)).unwrap();
    std::fs::remove_file(repo.join("strategy.toml")).unwrap();
    symlink(&strategy, repo.join("strategy.toml")).unwrap();
    assert_refused(tmp.path(), &repo, "strategy.toml");
}

#[test]
fn links_that_stay_inside_keep_working() {
    let (tmp, repo, _) = scratch();
    std::fs::create_dir_all(repo.join("content")).unwrap();
    std::fs::rename(repo.join("posts"), repo.join("content/posts")).unwrap();
    let post = repo.join("content/posts/hello-world.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, text.replace("\"draft\"", "\"approved\"")).unwrap();
    symlink("content/posts", repo.join("posts")).unwrap();
    std::fs::create_dir_all(repo.join("assets")).unwrap();
    std::fs::create_dir_all(repo.join("media")).unwrap();
    std::fs::write(repo.join("assets/logo.txt"), "inside").unwrap();
    symlink("../assets/logo.txt", repo.join("media/logo.txt")).unwrap();
    assert_eq!(links_reported(&repo), []);
    let out = tmp.path().join("site");
    common::build_ok(&repo, &out);
    assert_eq!(
        std::fs::read_to_string(out.join("media/logo.txt")).unwrap(),
        "inside"
    );
    assert!(out.join("posts/hello-world.html").is_file());
    assert!(exports(&repo).contains("Hello, world"));
}

#[test]
fn an_output_folder_that_is_a_link_is_refused() {
    let (tmp, repo, outside) = scratch();
    let link = tmp.path().join("site");
    symlink(&outside, &link).unwrap();
    let args = ["build", repo.to_str().unwrap(), "--out", link.to_str().unwrap()];
    let result = touchpoint(&args);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert!(stderr.contains(link.to_str().unwrap()), "{stderr}");
    assert_eq!(
        walk(&outside),
        Vec::<PathBuf>::new(),
        "nothing written through the link"
    );

    // The configured `output` too.
    symlink(&outside, repo.join("public")).unwrap();
    let result = touchpoint(&["build", repo.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("symbolic link"));
    assert_eq!(
        walk(&outside),
        Vec::<PathBuf>::new(),
        "nothing written through the link"
    );
}
