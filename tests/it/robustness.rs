//! Hostile and broken input: every case gives a clear diagnostic with file and line,
//! exit code 1, and no panic. Inputs are generated into temporary copies of a small
//! valid repository, so large and odd files (10 MB captions, links, binary data) need
//! not live in git.

use crate::common;

use std::path::{Path, PathBuf};

use common::{check_json, touchpoint};

/// A fresh valid repository (from `touchpoint init`) in a temporary folder.
fn scratch_repo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    assert!(touchpoint(&["init", repo.to_str().unwrap()]).status.success());
    (tmp, repo)
}

/// Writes `bytes` as `rel` in the repository and returns the reported (line, rule) pairs for that file.
fn findings_for(repo: &Path, rel: &str, bytes: &[u8]) -> (i32, Vec<(u64, String)>) {
    let path = repo.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    let (code, json) = check_json(repo, "2026-11-29");
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == rel)
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    std::fs::remove_file(&path).unwrap();
    (code, found)
}

fn assert_reports(repo: &Path, rel: &str, bytes: &[u8], line: u64, rule: &str) {
    let (code, found) = findings_for(repo, rel, bytes);
    assert!(
        found.contains(&(line, rule.to_owned())),
        "{rel}: expected {rule} at line {line}, got {found:?}"
    );
    assert_eq!(code, 1, "{rel}: errors mean exit code 1");
}

const VALID_HEAD: &str =
    "+++\ntitle = \"T\"\npublish_at = 2030-01-08T09:00:00\nplatforms = [\"mastodon\"]\nstatus = \"draft\"\n";

#[test]
fn empty_and_binary_files() {
    let (_tmp, repo) = scratch_repo();
    assert_reports(&repo, "posts/empty.md", b"", 1, "missing-front-matter");
    assert_reports(
        &repo,
        "posts/binary.md",
        &[0x89, b'P', b'N', b'G', 0, 0xff, 0xfe, 0],
        1,
        "not-utf8",
    );
    assert_reports(&repo, "personas/empty.md", b"", 1, "missing-front-matter");
}

#[test]
fn a_file_that_is_not_text_is_reported_at_its_line_and_column_in_human_output() {
    let (_tmp, repo) = scratch_repo();
    std::fs::write(repo.join("posts/bad.md"), b"+++\ntitle = \"x\xff\"\n+++\n").unwrap();
    let out = touchpoint(&["check", repo.to_str().unwrap(), "--today", "2026-11-29"]);
    let text = String::from_utf8_lossy(&out.stdout);
    // The invalid byte follows `title = "x` on line 2: column 11.
    assert!(text.contains("posts/bad.md:2:11"), "{text}");
    assert_eq!(out.status.code(), Some(1), "{text}");
}

#[test]
fn bom_and_crlf_are_read_like_any_other_file() {
    let (_tmp, repo) = scratch_repo();
    let text = format!(
        "\u{feff}{}pillar = \"know-how\"\r\n+++\r\nBody\r\n",
        VALID_HEAD.replace('\n', "\r\n")
    );
    let (_, found) = findings_for(&repo, "posts/bom.md", text.as_bytes());
    assert!(found.is_empty(), "{found:?}");
    let bad = "\u{feff}+++\r\ntitle = \"T\"\r\nplatforms = [\"mastodon\"]\r\nstatus = \"drafty\"\r\n+++\r\n";
    assert_reports(&repo, "posts/bom-bad.md", bad.as_bytes(), 4, "invalid-value");
}

#[test]
fn a_ten_megabyte_caption_is_checked_without_trouble() {
    let (_tmp, repo) = scratch_repo();
    let text = format!("{VALID_HEAD}+++\n{}\n", "Fahrrad ".repeat(10 * 1024 * 1024 / 8));
    let (_, found) = findings_for(&repo, "posts/huge.md", text.as_bytes());
    assert!(found.iter().all(|(_, rule)| rule != "syntax-error"), "{found:?}");
}

#[test]
fn deep_nesting_and_duplicate_keys() {
    let (_tmp, repo) = scratch_repo();
    let deep_yaml = format!("---\ntitle: {}{}\n---\n", "[".repeat(5000), "]".repeat(5000));
    assert_reports(&repo, "posts/deep.md", deep_yaml.as_bytes(), 2, "syntax-error");
    let deep_toml = format!("+++\ntitle = {}{}\n+++\n", "[".repeat(5000), "]".repeat(5000));
    assert_reports(
        &repo,
        "posts/deep-toml.md",
        deep_toml.as_bytes(),
        2,
        "syntax-error",
    );
    assert_reports(
        &repo,
        "posts/dup.md",
        b"+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n",
        3,
        "syntax-error",
    );
    assert_reports(
        &repo,
        "posts/dup.yaml.md",
        b"---\ntitle: a\ntitle: b\n---\n",
        3,
        "syntax-error",
    );
}

#[test]
fn dates_out_of_range() {
    let (_tmp, repo) = scratch_repo();
    let post = |when: &str| {
        format!(
            "+++\ntitle = \"T\"\npublish_at = {when}\nplatforms = [\"mastodon\"]\nstatus = \"draft\"\n+++\n"
        )
    };
    assert_reports(
        &repo,
        "posts/feb30.md",
        post("\"2026-02-30T09:00:00\"").as_bytes(),
        3,
        "invalid-value",
    );
    assert_reports(
        &repo,
        "posts/year.md",
        post("\"99999-01-01T09:00:00\"").as_bytes(),
        3,
        "invalid-value",
    );
    assert_reports(
        &repo,
        "posts/hour.md",
        post("2026-12-01T25:00:00").as_bytes(),
        3,
        "syntax-error",
    );
    let campaign = "+++\nname = \"C\"\nstart = 2026-12-01\nend = \"2026-13-01\"\n+++\n";
    assert_reports(&repo, "campaigns/bad.md", campaign.as_bytes(), 4, "invalid-value");
}

#[test]
fn media_paths_never_leave_the_repository() {
    let (_tmp, repo) = scratch_repo();
    for (name, path) in [
        ("dots", "../../etc/passwd"),
        ("absolute", "/etc/passwd"),
        ("sneaky", "media/../../x.jpg"),
    ] {
        let text = format!("{VALID_HEAD}media = [{{ path = \"{path}\", alt = \"x\" }}]\n+++\n");
        assert_reports(
            &repo,
            &format!("posts/{name}.md"),
            text.as_bytes(),
            6,
            "media-outside-repository",
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_out_are_reported_not_followed() {
    let (_tmp, repo) = scratch_repo();
    std::os::unix::fs::symlink("loop.md", repo.join("posts/loop.md")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", repo.join("posts/out.md")).unwrap();
    std::os::unix::fs::symlink("..", repo.join("posts/up")).unwrap();
    let (code, json) = check_json(&repo, "2026-11-29");
    assert_eq!(code, 1);
    let rules: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert!(rules.contains(&("posts/loop.md", "unreadable-file")), "{rules:?}");
    assert!(rules.contains(&("posts/out.md", "symlink-outside")), "{rules:?}");
}

#[test]
fn script_in_every_text_field_is_just_text_to_check() {
    let (_tmp, repo) = scratch_repo();
    let script = "<script>alert(1)</script>";
    let text = format!(
        "+++\ntitle = \"{script}\"\npublish_at = 2030-01-08T09:00:00\nplatforms = [\"mastodon\"]\nstatus = \"draft\"\n\
         author = \"{script}\"\n[mastodon]\ntext = \"{script}\"\n+++\n{script}\n"
    );
    let (_, found) = findings_for(&repo, "posts/xss.md", text.as_bytes());
    assert!(found.iter().all(|(_, rule)| rule != "syntax-error"), "{found:?}");
}

/// Inputs that once crashed (or nearly did) a fuzz target stay here as regression tests:
/// `tests/fixtures/fuzz-regressions/<target>/*`.
#[test]
fn fuzz_regressions_do_not_panic() {
    use touchpoint::content::{frontmatter, node};
    let root = common::fixture("fuzz-regressions");
    let inputs = |target: &str| {
        let mut files: Vec<_> = std::fs::read_dir(root.join(target))
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{target} has regression inputs");
        files
    };
    for bytes in inputs("frontmatter") {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(parts) = frontmatter::split(&text) {
            let _ = node::parse_toml(parts.front_matter, parts.front_matter_line);
            let _ = node::parse_yaml(parts.front_matter, parts.front_matter_line);
        }
    }
    for bytes in inputs("platform_text") {
        let plain = touchpoint::compose::text::markdown_to_plain(&String::from_utf8_lossy(&bytes));
        for platform in touchpoint::platform::Platform::ALL {
            let m = touchpoint::platform::measure(platform, &plain, None);
            assert!(!(m.over() > 0 && m.valid()));
        }
    }
    for bytes in inputs("metrics") {
        let _ = touchpoint::metrics::parse_csv("metrics/regression.csv", &bytes);
    }
    // As fuzz/fuzz_targets/importers.rs: a damaged workbook is a finding, not a panic.
    for bytes in inputs("importers") {
        let parsed = touchpoint::metrics::parse_file("metrics/regression.xls", &bytes);
        assert!(
            parsed.records.is_empty() && !parsed.diagnostics.is_empty(),
            "a damaged workbook is reported"
        );
    }
    // As fuzz/fuzz_targets/metrics_cells.rs: the first byte picks the header, the rest are rows.
    let examples = ["normalised.csv", "x-tweet-activity.csv", "instagram-posts.csv"].map(|name| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("example-project/metrics")
                .join(name),
        )
        .unwrap()
    });
    for bytes in inputs("metrics_cells") {
        let (&selector, rows) = bytes.split_first().unwrap();
        let header = examples[usize::from(selector) % examples.len()]
            .lines()
            .next()
            .unwrap();
        let delimiter = if selector & 0x10 == 0 { "," } else { ";" };
        let mut csv = header.replace(',', delimiter).into_bytes();
        csv.push(b'\n');
        csv.extend_from_slice(rows);
        let (records, _) = touchpoint::metrics::parse_csv("metrics/regression.csv", &csv);
        for r in &records {
            if let touchpoint::metrics::PostKey::Permalink(link) = &r.key {
                assert_eq!(&touchpoint::metrics::normalise_permalink(link), link);
            }
        }
    }
}

#[test]
fn posts_named_like_site_pages_get_their_own_pages() {
    let (tmp, repo) = scratch_repo();
    let post = std::fs::read_to_string(repo.join("posts/hello-world.md")).unwrap();
    for rel in [
        "posts/index.md",
        "posts/static/style.md",
        "posts/export/publish-queue.md",
        "personas/index.md",
    ] {
        let path = repo.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = if rel.starts_with("personas") {
            std::fs::read_to_string(repo.join("personas/first-customer.md")).unwrap()
        } else {
            post.replace("Hello, world", &format!("Named {rel}"))
        };
        std::fs::write(path, text).unwrap();
    }
    let out = tmp.path().join("site");
    let build = touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2029-12-01",
    ]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    assert!(
        read("index.html").contains("id=\"glance-h\""),
        "the overview stays the overview"
    );
    assert!(read("posts/index.html").contains("Named posts/index.md"));
    assert!(read("posts/static/style.html").contains("Named posts/static/style.md"));
    assert!(
        !read("static/style.css").contains("Named"),
        "theme files are not replaced by posts"
    );
    assert!(read("posts/export/publish-queue.html").contains("Named posts/export/publish-queue.md"));
    assert!(out.join("personas/index.html").is_file() && out.join("personas.html").is_file());
}
