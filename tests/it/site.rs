//! `touchpoint build`: the real binary on fixture repositories, checking pages, links,
//! escaping, overrides, exit codes and where the output may go.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-29";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn touchpoint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Builds `repo` into a fresh temp folder; returns the folder (kept alive) and the output path.
fn build(repo: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, Output) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let mut args = vec![
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    let output = touchpoint(&args);
    (dir, out, output)
}

/// Copies a fixture into a temp folder so a test can change it.
fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&fixture(name), dir.path());
    dir
}

/// Every HTML page of an output folder, by relative path.
fn pages(out: &Path) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    collect_pages(out, out, &mut pages);
    pages
}

fn collect_pages(root: &Path, dir: &Path, pages: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_pages(root, &path, pages);
        } else if path.extension().is_some_and(|e| e == "html") {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            pages.insert(rel, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// A start tag: its name and attributes (values with the five escapes undone).
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// A small scanner for the start tags of well-formed HTML, enough to inspect attributes.
/// Escaped text (`&lt;script&gt;`) contains no `<`, so every tag found is a real one.
fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset + 1;
        i = start;
        if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = start;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' || bytes[j] == b'/' {
                break;
            }
            let name_start = j;
            while j < bytes.len() && !b" \t\n\r=>/".contains(&bytes[j]) {
                j += 1;
            }
            let attr = html[name_start..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                let quote = bytes[j];
                if quote == b'"' || quote == b'\'' {
                    let end = html[j + 1..]
                        .find(quote as char)
                        .map_or(bytes.len(), |e| j + 1 + e);
                    value = html[j + 1..end].to_owned();
                    j = end + 1;
                } else {
                    let end = html[j..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(bytes.len(), |e| j + e);
                    value = html[j..end].to_owned();
                    j = end;
                }
            }
            if j == name_start {
                j += 1;
            }
            attributes.push((attr, unescape(&value)));
        }
        tags.push(Tag { name, attributes });
        i = j.min(bytes.len());
    }
    tags
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(Ok(byte)) = text.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Every internal `href`/`src` in the output resolves to a file inside it.
fn assert_no_broken_links(out: &Path) {
    let pages = pages(out);
    assert!(!pages.is_empty());
    let mut checked = 0;
    for (page, html) in &pages {
        for tag in tags(html) {
            for (attr, value) in &tag.attributes {
                if attr != "href" && attr != "src" {
                    continue;
                }
                let lower = value.trim().to_ascii_lowercase();
                if lower.starts_with("https://")
                    || lower.starts_with("http://")
                    || lower.starts_with("mailto:")
                {
                    continue;
                }
                assert!(!lower.is_empty(), "{page}: empty {attr} on <{}>", tag.name);
                if value.starts_with('#') {
                    continue;
                }
                assert!(
                    !value.starts_with('/'),
                    "{page}: absolute link {value} breaks file://"
                );
                let path = value.split(['#', '?']).next().unwrap();
                let base = Path::new(page).parent().unwrap_or(Path::new(""));
                let mut resolved = PathBuf::new();
                for component in base.join(percent_decode(path)).components() {
                    match component {
                        Component::ParentDir => assert!(resolved.pop(), "{page}: {value} leaves the site"),
                        Component::Normal(part) => resolved.push(part),
                        _ => {}
                    }
                }
                assert!(
                    out.join(&resolved).is_file(),
                    "{page}: broken link {value} -> {}",
                    resolved.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn builds_every_page_of_a_small_project() {
    let (_dir, out, output) = build(&fixture("site-basic"), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("Built") && stdout.contains("pages"), "{stdout}");
    for page in [
        "index.html",
        "posts.html",
        "calendar/2026-12.html",
        "calendar/2027-01.html",
        "posts/2026/12/tyres.html",
        "posts/idea-spring.html",
        "crisis/delivery.html",
        "platforms.html",
        "platforms/instagram.html",
        "campaigns/winter-check.html",
        "personas/commuter-kim.html",
        "pillars/workshop.html",
        "strategy.html",
        "diagnostics.html",
        "report.html",
        "static/style.css",
        "static/site.js",
        "media/tyre.png",
        ".touchpoint-site",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    let pages = pages(&out);
    let index = &pages["index.html"];
    assert!(index.contains("Due this week"), "the overview lists what is due");
    assert!(index.contains("Winter tyres: three checks"));
    assert!(index.contains("Status pipeline"));
    let calendar = &pages["calendar/2026-12.html"];
    assert!(calendar.contains("December 2026"));
    assert!(
        calendar.contains(r#"href="../calendar/2027-01.html" rel="next""#),
        "month navigation"
    );
    assert!(
        calendar.contains("09:00"),
        "posts are placed with their local time"
    );
    let post = &pages["posts/2026/12/tyres.html"];
    assert!(
        post.contains("Three checks before the frost comes"),
        "the X variant's text is previewed"
    );
    assert!(post.contains("<strong>lights</strong>"), "Markdown is rendered");
    assert!(
        post.contains(r#"<a href="../../../personas/commuter-kim.html""#),
        "a link to a content file points at its page"
    );
    assert!(
        post.contains(r#"alt="Tyre tread in the snow""#),
        "alt text is rendered"
    );
    assert!(post.contains("/ 280"), "the count is shown against X's limit");
    assert!(post.contains(r#"class="fold""#), "the Instagram fold is marked");
    let strategy = &pages["strategy.html"];
    assert!(strategy.contains("Workshop know-how") && strategy.contains("Commuter Kim"));
    assert!(strategy.contains("Our customers say bicycle."));
    for (path, html) in &pages {
        assert!(html.contains(r#"<html lang="en">"#), "{path}");
        assert!(html.contains(r##"href="#main""##), "{path}: skip link");
        assert!(html.contains("report.html\""), "{path}: the nav links the report");
    }
}

#[test]
fn no_internal_link_is_broken() {
    for name in ["site-basic", "site-xss"] {
        let (_dir, out, output) = build(&fixture(name), &[]);
        assert!(output.status.success(), "{name}: {}", text(&output.stderr));
        assert_no_broken_links(&out);
    }
}

#[test]
fn the_example_project_builds_without_broken_links() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
    if !example.join("touchpoint.toml").is_file() {
        return;
    }
    let (_dir, out, output) = build(&example, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_no_broken_links(&out);
    assert!(pages(&out)["index.html"].contains(r#"<html lang="de">"#));
}

#[test]
fn nothing_from_content_runs_as_script() {
    let (_dir, out, output) = build(&fixture("site-xss"), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let pages = pages(&out);
    for (page, html) in &pages {
        for tag in tags(html) {
            if tag.name == "script" {
                let src = tag
                    .attributes
                    .iter()
                    .find(|(a, _)| a == "src")
                    .map(|(_, v)| v.as_str());
                assert!(
                    src.is_some_and(|s| s.ends_with("static/site.js")),
                    "{page}: a script that is not the theme's: {tag:?}"
                );
            }
            let theme_filter = tag.name == "form" && tag.attributes.iter().any(|(a, _)| a == "data-filter");
            assert!(
                theme_filter
                    || !matches!(
                        tag.name.as_str(),
                        "iframe" | "object" | "embed" | "form" | "math" | "style" | "base"
                    ),
                "{page}: <{}> from content",
                tag.name
            );
            for (attr, value) in &tag.attributes {
                assert!(
                    !attr.starts_with("on"),
                    "{page}: event handler {attr} on <{}>",
                    tag.name
                );
                let lower: String = value
                    .to_ascii_lowercase()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let is_url = matches!(
                    attr.as_str(),
                    "href" | "src" | "action" | "data" | "xlink:href" | "formaction"
                );
                if is_url {
                    assert!(
                        !lower.starts_with("javascript:")
                            && !lower.starts_with("data:")
                            && !lower.starts_with("vbscript:"),
                        "{page}: dangerous URL {attr}={value}"
                    );
                }
                if attr == "style" {
                    assert!(!lower.contains("javascript"), "{page}: style={value}");
                }
            }
        }
    }
    let post = &pages["posts/payload.html"];
    assert!(
        post.contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;&#x2F;script&gt;")
            || post.contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;"),
        "the title is shown, escaped"
    );
    assert!(
        post.contains("&lt;img src=x onerror=alert(&#x27;comment&#x27;)&gt;"),
        "the preview shows the first comment escaped"
    );
    assert!(
        post.contains("javascript:alert(&#x27;link&#x27;)"),
        "a javascript: link is only shown as text, in its finding"
    );
    let persona = &pages["personas/mallory.html"];
    assert!(
        persona.contains("&lt;img src=x onerror=alert(&#x27;persona&#x27;)&gt;"),
        "persona names are escaped"
    );
    let campaign = &pages["campaigns/evil.html"];
    assert!(campaign.contains("&lt;script&gt;alert(&#x27;campaign&#x27;)"));
    assert!(
        !campaign.contains("evil.example"),
        "iframes from briefs are removed"
    );
    let index = &pages["index.html"];
    assert!(
        index.contains("Evil &lt;script&gt;"),
        "the project name is escaped"
    );
}

#[test]
fn errors_are_shown_on_the_page_they_concern() {
    let (_dir, out, output) = build(&fixture("site-xss"), &[]);
    assert!(output.status.success(), "a build with errors still renders");
    assert!(
        text(&output.stderr).contains("unknown-persona"),
        "diagnostics are printed"
    );
    assert!(
        text(&output.stdout).contains("2 errors"),
        "{}",
        text(&output.stdout)
    );
    let pages = pages(&out);
    let post = &pages["posts/dangling.html"];
    assert!(
        post.contains("unknown-persona") && post.contains("posts/dangling.md:8:13"),
        "finding next to the post"
    );
    assert!(
        pages["index.html"].contains("build-banner"),
        "every page says the build has errors"
    );
    assert!(pages["diagnostics.html"].contains(r#"href="posts/dangling.html""#));
}

#[test]
fn deny_errors_exits_1_and_writes_nothing() {
    let (_dir, out, output) = build(&fixture("site-xss"), &["--deny-errors"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    assert!(!out.exists());
    let (_dir, _out, output) = build(&fixture("site-basic"), &["--deny-errors"]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn templates_and_static_files_in_the_project_override_the_theme() {
    let repo = copy_fixture("site-basic");
    std::fs::create_dir_all(repo.path().join("templates")).unwrap();
    std::fs::create_dir_all(repo.path().join("static")).unwrap();
    std::fs::write(
        repo.path().join("templates/index.html"),
        "{% extends \"base.html\" %}{% block title %}Home{% endblock title %}{% block content %}<p>OUR OWN OVERVIEW</p>{% endblock content %}",
    )
    .unwrap();
    std::fs::write(
        repo.path().join("static/style.css"),
        "body { color: rebeccapurple; }",
    )
    .unwrap();
    std::fs::write(
        repo.path().join("static/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let (_dir, out, output) = build(repo.path(), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("OUR OWN OVERVIEW"));
    assert!(
        index.contains("static/style.css"),
        "the override still gets the theme's base"
    );
    let css = std::fs::read_to_string(out.join("static/style.css")).unwrap();
    assert_eq!(css, "body { color: rebeccapurple; }");
    assert!(out.join("static/logo.svg").is_file());
    assert!(out.join("static/site.js").is_file(), "files not overridden stay");
}

#[test]
fn a_template_syntax_error_names_the_file_and_line() {
    let repo = copy_fixture("site-basic");
    std::fs::create_dir_all(repo.path().join("templates")).unwrap();
    std::fs::write(repo.path().join("templates/post.html"), "<p>\n\n{% if %}\n</p>\n").unwrap();
    let (_dir, out, output) = build(repo.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("templates/post.html:3"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn builds_into_the_configured_output_folder_by_default() {
    let repo = copy_fixture("site-basic");
    let output = touchpoint(&["build", repo.path().to_str().unwrap(), "--today", TODAY]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(repo.path().join("public/index.html").is_file());
    std::fs::write(repo.path().join("public/stale.html"), "old").unwrap();
    let output = touchpoint(&["build", repo.path().to_str().unwrap(), "--today", TODAY]);
    assert!(
        output.status.success(),
        "a Touchpoint site is replaced on rebuild"
    );
    assert!(!repo.path().join("public/stale.html").exists());
    let check = touchpoint(&["check", repo.path().to_str().unwrap(), "--today", TODAY]);
    assert!(check.status.success(), "the output is not read back as content");
}

#[test]
fn refuses_to_write_over_content_or_foreign_folders() {
    let repo = copy_fixture("site-basic");
    let root = repo.path().to_str().unwrap();
    let output = touchpoint(&["build", root, "--out", root, "--today", TODAY]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("refusing"),
        "{}",
        text(&output.stderr)
    );
    assert!(repo.path().join("touchpoint.toml").is_file());

    let posts = repo.path().join("posts");
    let output = touchpoint(&["build", root, "--out", posts.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(output.status.code(), Some(2));

    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("notes.txt"), "keep me").unwrap();
    let output = touchpoint(&[
        "build",
        root,
        "--out",
        foreign.path().to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains(".touchpoint-site"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(foreign.path().join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn the_site_is_german_when_the_project_is() {
    let repo = copy_fixture("site-basic");
    let config = std::fs::read_to_string(repo.path().join("touchpoint.toml")).unwrap();
    std::fs::write(
        repo.path().join("touchpoint.toml"),
        config.replace("language = \"en\"", "language = \"de\""),
    )
    .unwrap();
    let (_dir, out, output) = build(repo.path(), &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Diese Woche fällig"), "labels are German");
    assert!(index.contains("01.12.2026"), "dates are German");
    assert!(
        std::fs::read_to_string(out.join("calendar/2026-12.html"))
            .unwrap()
            .contains("Dezember 2026")
    );
}

#[test]
fn the_tag_scanner_sees_real_tags_only() {
    let found = tags(r#"<p>&lt;script&gt;</p><a href="x.html" onclick='y'>a</a><img src=a.png alt="">"#);
    let names: Vec<_> = found.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["p", "a", "img"]);
    assert_eq!(found[1].attributes[1], ("onclick".to_owned(), "y".to_owned()));
    assert_eq!(found[2].attributes[0], ("src".to_owned(), "a.png".to_owned()));
}

#[test]
fn the_same_input_gives_the_same_site() {
    let (_a, first, _) = build(&fixture("site-basic"), &[]);
    let (_b, second, _) = build(&fixture("site-basic"), &[]);
    let (one, two) = (pages(&first), pages(&second));
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (path, html) in &one {
        assert_eq!(html, &two[path], "{path} differs between two builds");
    }
}

#[test]
fn the_fixtures_report_exactly_their_planted_problems() {
    for name in ["site-basic", "site-xss"] {
        let dir = fixture(name);
        let (_, json) = common::check_json(&dir, TODAY);
        assert_eq!(
            common::findings(&json, |_| true),
            common::expected(&dir),
            "{name}"
        );
    }
}

#[test]
fn build_offers_the_publish_queue_as_downloads() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    common::build_ok(&repo, &out);
    for format in ["json", "csv", "ics"] {
        let export = common::touchpoint(&[
            "export",
            repo.to_str().unwrap(),
            "--format",
            format,
            "--today",
            "2026-12-01",
        ]);
        assert!(export.status.success());
        let in_site = std::fs::read(out.join(format!("export/publish-queue.{format}"))).unwrap();
        assert_eq!(
            in_site, export.stdout,
            "{format} in the site equals `touchpoint export`"
        );
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("href=\"export/publish-queue.ics\""),
        "the overview links the downloads"
    );
}
