//! Charts and the report tell the truth: the built site ships the font its CSS names,
//! every link of the report resolves, X's own engagements stand beside Touchpoint's,
//! an unknown follower change is "—", and Markdown links keep their words.

use std::path::{Path, PathBuf};

use crate::common::{check_json, findings, fixture, touchpoint};

const TODAY: &str = "2027-01-17";

/// Builds `repo` into a fresh temp folder; returns the folder (kept alive) and the site.
fn build(repo: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = touchpoint(&[
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (dir, out)
}

/// Every value of `attribute="…"` in `html`.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Every `url(…)` target in a stylesheet.
fn css_urls(css: &str) -> Vec<&str> {
    css.match_indices("url(")
        .filter_map(|(at, _)| {
            let rest = &css[at + 4..];
            rest.find(')').map(|end| rest[..end].trim_matches(['"', '\'']))
        })
        .collect()
}

/// Whether `link`, written in the file at `from`, names a file of the site (external
/// links, fragments and data URLs are not files and pass).
fn resolves(from: &Path, link: &str) -> bool {
    if link.is_empty()
        || link.starts_with('#')
        || ["http:", "https:", "mailto:", "data:"]
            .iter()
            .any(|s| link.starts_with(s))
    {
        return true;
    }
    let path = link.split(['#', '?']).next().unwrap_or_default();
    from.parent().unwrap().join(path).is_file()
}

#[test]
fn the_site_ships_the_font_the_report_css_names() {
    let (_dir, out) = build(&fixture("report"));
    let font = out.join("static/fonts/DejaVuSans.ttf");
    assert!(font.is_file(), "static/fonts/DejaVuSans.ttf missing");
    assert!(
        out.join("static/fonts/LICENSE").is_file(),
        "the font's licence goes along"
    );
    let bytes = std::fs::read(&font).unwrap();
    assert_eq!(&bytes[..4], &[0, 1, 0, 0], "a TrueType font");
    let css_path = out.join("static/report.css");
    let css = std::fs::read_to_string(&css_path).unwrap();
    let urls = css_urls(&css);
    assert!(urls.contains(&"fonts/DejaVuSans.ttf"), "{urls:?}");
    for url in urls {
        assert!(resolves(&css_path, url), "report.css: `{url}` does not resolve");
    }
}

#[test]
fn every_link_and_source_in_the_report_resolves() {
    for name in ["report", "charts"] {
        let (_dir, out) = build(&fixture(name));
        let page = out.join("report.html");
        let html = std::fs::read_to_string(&page).unwrap();
        let links: Vec<&str> = attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
            .collect();
        assert!(links.iter().any(|l| l.ends_with("report.css")), "{links:?}");
        let broken: Vec<&&str> = links.iter().filter(|l| !resolves(&page, l)).collect();
        assert!(
            broken.is_empty(),
            "{name}: broken links in report.html: {broken:?}"
        );
    }
}

#[test]
fn x_engagements_stand_beside_touchpoints_on_the_report() {
    let (_dir, out) = build(&fixture("report"));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let section = html
        .split("<section class=\"report-reconcile\"")
        .nth(1)
        .expect("the reconciliation section")
        .split("</section>")
        .next()
        .unwrap();
    // Touchpoint: 55 engagements over 2,800 impressions; X's export: 60 + 20 = 80.
    let row = "<tr><th scope=\"row\">X</th><td class=\"num\">2</td><td class=\"num\">55</td>\
               <td class=\"num\">80</td><td class=\"num\">2%</td><td class=\"num\">2.9%</td></tr>";
    assert!(section.contains(row), "{section}");
    assert!(section.contains("X counts every interaction"), "{section}");
    assert!(
        html.contains("Engagements = likes + comments + shares + saves."),
        "Touchpoint's definition stays on the page"
    );
}

#[test]
fn a_single_follower_reading_shows_an_unknown_change() {
    let (_dir, out) = build(&fixture("charts"));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let followers = html
        .split("<section class=\"report-followers\"")
        .nth(1)
        .expect("the follower section")
        .split("</section>")
        .next()
        .unwrap();
    assert!(followers.contains("<td class=\"num\">—</td>"), "{followers}");
    assert!(
        html.contains(
            "<span class=\"figure__value\">—</span> <span class=\"figure__label\">Follower-Veränderung"
        ),
        "the card says unknown, not 0"
    );
}

#[test]
fn markdown_links_keep_their_words_and_images_warn_at_their_line() {
    let dir = fixture("charts");
    let (code, json) = check_json(&dir, TODAY);
    assert_eq!(code, 0, "{json}");
    let found = findings(&json, |_| true);
    let expected: std::collections::BTreeSet<crate::common::Finding> =
        [("posts/tour.md".to_owned(), 13, "image-in-text".to_owned())].into();
    assert_eq!(found, expected);
    let (_dir, out) = build(&dir);
    let post = std::fs::read_to_string(out.join("posts/tour.html")).unwrap();
    assert!(
        post.contains("Alles zur Tour auf unserer Seite https://radwerk.de/tour."),
        "{post}"
    );
}

#[test]
fn the_compose_links_key_chooses_the_url_alone() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("charts");
    for file in ["touchpoint.toml", "posts/tour.md"] {
        let target = dir.path().join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(src.join(file), &target).unwrap();
    }
    let config = dir.path().join("touchpoint.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[compose]\nlinks = \"url\"\n")).unwrap();
    let (_site, out) = build(dir.path());
    let post = std::fs::read_to_string(out.join("posts/tour.html")).unwrap();
    assert!(
        post.contains("Alles zur Tour auf https://radwerk.de/tour."),
        "{post}"
    );
}
