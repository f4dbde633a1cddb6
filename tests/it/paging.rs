//! Long post lists run over several pages (`more/…`), so no page grows with the plan:
//! a generated repository of 2,150 posts, built by the real binary.

use std::fs;
use std::path::Path;

use crate::common::build_ok;

const POSTS: usize = 2_150;

/// A repository with `POSTS` posts, all on Mastodon, every other one also on X, all in
/// the campaign `sommer`, each with one finding (an unknown key).
fn long_plan(dir: &Path) {
    fs::write(
        dir.join("touchpoint.toml"),
        "name = \"Long Plan\"\nlanguage = \"en\"\ntimezone = \"Europe/Berlin\"\n\
         [platforms.mastodon]\n[platforms.x]\n",
    )
    .unwrap();
    fs::create_dir_all(dir.join("campaigns")).unwrap();
    fs::write(
        dir.join("campaigns/sommer.md"),
        "+++\nname = \"Sommer\"\nstart = 2027-01-01\nend = 2030-12-31\n+++\n",
    )
    .unwrap();
    fs::create_dir_all(dir.join("posts")).unwrap();
    for n in 0..POSTS {
        let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap() + chrono::Days::new(n as u64 / 2);
        let hour = 9 + n % 2;
        let platforms = if n % 2 == 0 {
            "\"mastodon\", \"x\""
        } else {
            "\"mastodon\""
        };
        fs::write(
            dir.join(format!("posts/p{n:05}.md")),
            format!(
                "+++\ntitle = \"Post {n}\"\npublish_at = {day}T{hour:02}:00:00\n\
                 platforms = [{platforms}]\nstatus = \"draft\"\ncampaign = \"sommer\"\ncolour = \"red\"\n+++\n\
                 Tip number {n} for the long plan.\n"
            ),
        )
        .unwrap();
    }
}

/// The post links in the table body of a built page, in order.
fn rows(site: &Path, page: &str) -> Vec<String> {
    let html = fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
    let body = html
        .split("<tbody>")
        .nth(1)
        .expect("a table")
        .split("</tbody>")
        .next()
        .unwrap();
    body.match_indices("posts/p")
        .map(|(at, _)| body[at..at + 13].to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn long_lists_continue_in_more_and_every_post_is_on_exactly_one_page() {
    let repo = tempfile::tempdir().unwrap();
    long_plan(repo.path());
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_ok(repo.path(), &site);

    let pages = ["posts.html", "more/posts-2.html", "more/posts-3.html"];
    let counts: Vec<usize> = pages.iter().map(|p| rows(&site, p).len()).collect();
    assert_eq!(counts, [1000, 1000, 150]);
    assert!(!site.join("more/posts-4.html").exists());
    let mut all: Vec<String> = pages.iter().flat_map(|p| rows(&site, p)).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), POSTS, "every post on exactly one page");

    // Every page of the list links to each of the others, relative to where it is.
    let first = fs::read_to_string(site.join("posts.html")).unwrap();
    assert!(
        first.contains("href=\"more/posts-2.html\" rel=\"next\""),
        "next from the first page"
    );
    assert!(first.contains("Posts 1–1,000 of 2,150"));
    let second = fs::read_to_string(site.join("more/posts-2.html")).unwrap();
    assert!(second.contains("href=\"../posts.html\" rel=\"prev\""));
    assert!(second.contains("href=\"../more/posts-3.html\" rel=\"next\""));
    assert!(second.contains("href=\"../more/posts-2.html\" aria-current=\"page\""));
    // Rows on a continuation page link one level up, like every nested page.
    assert!(
        second.contains("href=\"../posts/p0"),
        "rows link back to the posts"
    );

    // Entity lists paginate the same way: X has every other post, the campaign all.
    assert_eq!(rows(&site, "platforms/x.html").len(), 1000);
    assert_eq!(rows(&site, "more/platform-x-2.html").len(), POSTS / 2 - 1000);
    assert_eq!(rows(&site, "campaigns/sommer.html").len(), 1000);
    assert_eq!(rows(&site, "more/campaign-sommer-3.html").len(), 150);

    // The findings page too: one finding per post, plus touchpoint.toml's two (no holding
    // statements) sorted last; a file's findings are never split.
    let findings = |page: &str| {
        let html = fs::read_to_string(site.join(page)).unwrap();
        html.matches("<section class=\"file-group\">").count()
    };
    assert_eq!(
        [
            "diagnostics.html",
            "more/diagnostics-2.html",
            "more/diagnostics-3.html"
        ]
        .map(findings),
        [1000, 1000, 151]
    );
    let last = fs::read_to_string(site.join("more/diagnostics-3.html")).unwrap();
    assert!(
        last.contains("Findings 2,001–2,152 of 2,152"),
        "the range of the last page"
    );
}

#[test]
fn short_lists_stay_on_one_page_without_a_pager() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_ok(&crate::common::fixture("site-basic"), &site);
    let posts = fs::read_to_string(site.join("posts.html")).unwrap();
    assert!(!posts.contains("class=\"pager\""));
    assert!(!site.join("more").exists());
}
