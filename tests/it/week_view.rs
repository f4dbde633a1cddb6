//! The calendar's week view (`calendar/YYYY-Www.html`): a page for every week of the plan,
//! each post on its local day at its local time (a series once per occurrence, across a
//! change to daylight saving time), previous/next links and links to and from the months.

use std::path::{Path, PathBuf};

use crate::common;

/// A weekly series at 09:00 in Berlin across the change to summer time on 28 March 2027.
const SERIES: &str = "+++\ntitle = \"Sunday ride\"\npublish_at = 2027-03-21T09:00:00\n\
    repeat = { every = \"1 week\", until = 2027-04-04 }\nplatforms = [\"x\"]\nstatus = \"draft\"\n\
    pillar = \"community\"\n+++\nRide with us on Sunday.\n";

/// site-basic plus the series; built with `--today 2026-12-01`.
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    crate::common::copy_dir(&common::fixture("site-basic"), &repo);
    std::fs::create_dir_all(repo.join("posts/2027/03")).unwrap();
    std::fs::write(repo.join("posts/2027/03/sunday-ride.md"), SERIES).unwrap();
    let out = dir.path().join("site");
    common::build_ok(&repo, &out);
    (dir, out)
}

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The HTML of the day column for `date` (`YYYY-MM-DD`) on a week page.
fn column<'a>(page: &'a str, date: &str) -> &'a str {
    let start = page
        .find(&format!(r#"data-date="{date}""#))
        .unwrap_or_else(|| panic!("no column for {date}"));
    let end = page[start..].find("</td>").unwrap();
    &page[start..start + end]
}

/// The `href` after `marker` (`rel="prev"` style attributes come after it).
fn hrefs(page: &str, after: &str) -> Vec<String> {
    page.match_indices(after)
        .filter_map(|(at, _)| {
            let before = &page[..at];
            let open = before.rfind("<a ")?;
            let tag = &page[open..at];
            let href = tag.split("href=\"").nth(1)?.split('"').next()?;
            Some(href.to_owned())
        })
        .collect()
}

#[test]
fn every_week_of_the_plan_has_a_page_with_seven_days() {
    let (_dir, out) = built();
    let weeks: Vec<String> = std::fs::read_dir(out.join("calendar"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("-W"))
        .collect();
    // First post 1 Dec 2026 (week 49), last occurrence 4 Apr 2027 (week 13): contiguous.
    for week in [
        "2026-W49.html",
        "2026-W53.html",
        "2027-W01.html",
        "2027-W11.html",
        "2027-W13.html",
    ] {
        assert!(weeks.iter().any(|w| w == week), "{week} missing from {weeks:?}");
    }
    assert_eq!(weeks.len(), 5 + 13, "{weeks:?}");
    let page = read(&out, "calendar/2027-W12.html");
    assert_eq!(page.matches(r#"<td class="day"#).count(), 7);
    assert!(page.contains("Week 12 (Mar 22, 2027 – Mar 28, 2027)"), "title");
}

#[test]
fn a_post_is_on_its_local_day_at_its_local_time_across_dst() {
    let (_dir, out) = built();
    // 09:00 winter time, then 09:00 summer time: the same wall time, a different offset.
    let before = read(&out, "calendar/2027-W11.html");
    let sunday = column(&before, "2027-03-21");
    assert!(
        sunday.contains(r#"<time datetime="2027-03-21T09:00:00+01:00">09:00</time> Sunday ride"#),
        "{sunday}"
    );
    let after = read(&out, "calendar/2027-W12.html");
    let sunday = column(&after, "2027-03-28");
    assert!(
        sunday.contains(r#"<time datetime="2027-03-28T09:00:00+02:00">09:00</time> Sunday ride"#),
        "{sunday}"
    );
    assert!(
        sunday.contains("chip--x") && sunday.contains("status--draft"),
        "{sunday}"
    );
    assert!(
        sunday.contains(r#"href="../posts/2027/03/sunday-ride.html""#),
        "{sunday}"
    );
    assert!(!column(&after, "2027-03-27").contains("Sunday ride"));
    // 23:30 UTC on 31 December is 00:30 on 1 January in Berlin: Friday of week 53.
    let new_year = read(&out, "calendar/2026-W53.html");
    let friday = column(&new_year, "2027-01-01");
    assert!(
        friday.contains(">00:30</time> Happy new year from the workshop"),
        "{friday}"
    );
    assert!(!column(&new_year, "2026-12-31").contains("Happy new year"));
}

#[test]
fn previous_next_and_month_links_resolve() {
    let (_dir, out) = built();
    let page = read(&out, "calendar/2027-W12.html");
    assert_eq!(hrefs(&page, r#"rel="prev""#), ["../calendar/2027-W11.html"]);
    assert_eq!(hrefs(&page, r#"rel="next""#), ["../calendar/2027-W13.html"]);
    assert_eq!(
        hrefs(&page, r#"class="week-months__link""#),
        ["../calendar/2027-03.html"]
    );
    // A week across two months links both.
    let turn = read(&out, "calendar/2026-W53.html");
    assert_eq!(
        hrefs(&turn, r#"class="week-months__link""#),
        ["../calendar/2026-12.html", "../calendar/2027-01.html"]
    );
    let first = read(&out, "calendar/2026-W49.html");
    assert!(
        hrefs(&first, r#"rel="prev""#).is_empty(),
        "the first week has no previous"
    );
    // The month view's week numbers open the week pages.
    let march = read(&out, "calendar/2027-03.html");
    let weeks = hrefs(&march, r#"aria-label="Week"#);
    assert!(
        weeks.contains(&"../calendar/2027-W12.html".to_owned()),
        "{weeks:?}"
    );
    for page in [
        "calendar/2027-W12.html",
        "calendar/2026-W53.html",
        "calendar/2026-W49.html",
        "calendar/2027-03.html",
    ] {
        let html = read(&out, page);
        for href in hrefs(&html, r#"rel="prev""#)
            .into_iter()
            .chain(hrefs(&html, r#"rel="next""#))
            .chain(hrefs(&html, r#"class="week-months__link""#))
            .chain(hrefs(&html, r#"aria-label="Week"#))
        {
            let target = out.join("calendar").join(&href);
            assert!(target.is_file(), "{page}: {href}");
        }
    }
}
