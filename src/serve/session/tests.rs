//! The session against fixture repositories: incremental rebuilds equal a fresh build.

use super::*;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-basic");
    copy(&from, dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// A session whose first build is published, as `serve` starts.
fn serving(dir: &Path) -> (Session, crate::serve::Served) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let mut session = Session::open(dir, Options { today }).unwrap();
    let served = crate::serve::Served::default();
    served.publish(session.build().outcome);
    (session, served)
}

fn open(dir: &Path) -> Session {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let mut session = Session::open(dir, Options { today }).unwrap();
    assert!(matches!(
        session.build().outcome,
        Outcome::Built { scope: None, .. }
    ));
    session
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    std::fs::write(dir.join(rel), text.replace(from, to)).unwrap();
    BTreeSet::from([rel.to_owned()])
}

fn rendered(build: &Build) -> Vec<&str> {
    match &build.outcome {
        Outcome::Built { pages, .. } => pages.files.keys().map(String::as_str).collect(),
        other => panic!("not built: {other:?}"),
    }
}

/// The pages of a rebuild and of the builds that finish it.
fn rebuild_all(session: &mut Session, changed: &BTreeSet<String>) -> Vec<String> {
    let mut pages: Vec<String> = rendered(&session.rebuild(changed))
        .iter()
        .map(|p| p.to_string())
        .collect();
    while session.has_pending() {
        pages.extend(rendered(&session.build()).iter().map(|p| p.to_string()));
    }
    pages
}

#[test]
fn a_post_edit_rerenders_its_pages_only() {
    let dir = fixture();
    let mut session = open(dir.path());
    let rel = "posts/2026/12/tyres.md";
    let first = session.rebuild(&edit(dir.path(), rel, "Winter tyres", "Winter tyres!"));
    assert_eq!(
        rendered(&first),
        ["posts/2026/12/tyres.html"],
        "the post's own page first"
    );
    assert_eq!(first.changed, [rel]);
    assert!(session.has_pending());
    let rest = session.build();
    assert!(matches!(rest.outcome, Outcome::Built { scope: Some(_), .. }));
    let pages = rendered(&rest);
    assert!(!session.has_pending());
    for page in ["calendar/2026-12.html", "index.html", "posts.html"] {
        assert!(pages.contains(&page), "{page} in {pages:?}");
    }
    assert!(
        pages.contains(&"posts/2026/12/lights.html"),
        "its neighbour links it: {pages:?}"
    );
    assert!(!pages.contains(&"posts/2027/01/opening.html"), "{pages:?}");
    assert!(!pages.contains(&"calendar/2027-01.html"), "same month: {pages:?}");
}

#[test]
fn incremental_findings_equal_a_full_check() {
    let dir = fixture();
    let mut session = open(dir.path());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let edits = [
        ("posts/2026/12/tyres.md", "pillar = \"tips\"", "pillar = \"nope\""),
        (
            "posts/2026/12/lights.md",
            "2026-12-15T08:00:00",
            "2026-12-03T09:30:00",
        ),
        (
            "posts/2027/01/opening.md",
            "platforms = [\"linkedin\"]",
            "platforms = [\"x\"]",
        ),
    ];
    for (rel, from, to) in edits {
        rebuild_all(&mut session, &edit(dir.path(), rel, from, to));
        let full = crate::check_project(dir.path(), &Options { today }).unwrap();
        assert_eq!(
            session.checked().diagnostics,
            full.diagnostics,
            "after editing {rel}"
        );
        assert!(!full.diagnostics.is_empty() || rel != "posts/2026/12/tyres.md");
    }
}

/// Asserts the session's findings equal a full check of `dir`.
fn assert_findings_fresh(session: &Session, dir: &Path, when: &str) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let full = crate::check_project(dir, &Options { today }).unwrap();
    assert_eq!(session.checked().diagnostics, full.diagnostics, "{when}");
}

#[test]
fn persona_and_campaign_edits_check_every_post_again() {
    let dir = fixture();
    let mut session = open(dir.path());
    let has = |session: &Session, rule: &str| {
        session
            .checked()
            .diagnostics
            .iter()
            .any(|d| d.rule == rule && d.file == "posts/2026/12/tyres.md")
    };
    let persona = "personas/rider.md";
    let text = std::fs::read_to_string(dir.path().join(persona)).unwrap();
    std::fs::remove_file(dir.path().join(persona)).unwrap();
    rebuild_all(&mut session, &BTreeSet::from([persona.to_owned()]));
    assert!(
        has(&session, "unknown-persona"),
        "the post names a missing persona"
    );
    assert_findings_fresh(&session, dir.path(), "after deleting a persona");
    std::fs::write(dir.path().join(persona), text).unwrap();
    rebuild_all(&mut session, &BTreeSet::from([persona.to_owned()]));
    assert!(!has(&session, "unknown-persona"));
    assert_findings_fresh(&session, dir.path(), "after restoring the persona");

    let post = "posts/2026/12/tyres.md";
    let tagged = "personas = [\"rider\"]\ncampaign = \"frost\"";
    rebuild_all(
        &mut session,
        &edit(dir.path(), post, "personas = [\"rider\"]", tagged),
    );
    assert!(has(&session, "unknown-campaign"));
    assert_findings_fresh(&session, dir.path(), "after naming a missing campaign");
    let campaign = "campaigns/frost.md";
    std::fs::create_dir_all(dir.path().join("campaigns")).unwrap();
    let brief = "+++\nname = \"Frost\"\nstart = 2026-12-10\nhashtags = [\"frost\"]\n+++\nBrief.\n";
    std::fs::write(dir.path().join(campaign), brief).unwrap();
    rebuild_all(&mut session, &BTreeSet::from([campaign.to_owned()]));
    assert!(!has(&session, "unknown-campaign"));
    assert!(has(&session, "campaign-hashtag-missing") || has(&session, "outside-campaign"));
    assert_findings_fresh(&session, dir.path(), "after adding the campaign");
    let moved = edit(dir.path(), campaign, "2026-12-10", "2026-12-01");
    rebuild_all(&mut session, &moved);
    assert_findings_fresh(&session, dir.path(), "after moving the campaign's start");
}

#[test]
fn metrics_are_read_again_when_they_change_and_joined_again_after_a_post_edit() {
    let dir = fixture();
    let mut session = open(dir.path());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let assert_fresh = |session: &Session, when: &str| {
        let full = crate::check_project(dir.path(), &Options { today }).unwrap();
        assert_eq!(session.checked().metrics, full.metrics, "{when}");
        assert_eq!(session.checked().diagnostics, full.diagnostics, "{when}");
    };
    let csv = "metrics/figures.csv";
    std::fs::create_dir_all(dir.path().join("metrics")).unwrap();
    let rows = "post,platform,date,impressions\n2026/12/tyres,mastodon,2026-12-04,100\n";
    std::fs::write(dir.path().join(csv), rows).unwrap();
    rebuild_all(&mut session, &BTreeSet::from([csv.to_owned()]));
    assert_eq!(session.checked().metrics.len(), 1);
    assert_fresh(&session, "after adding a metrics file");

    let more = edit(
        dir.path(),
        csv,
        "100\n",
        "100\n2026/12/lights,mastodon,2026-12-16,7\n",
    );
    rebuild_all(&mut session, &more);
    assert_fresh(&session, "after adding a row");
    // The post no longer goes to the row's platform: the row is reported, not joined.
    let post = "posts/2026/12/tyres.md";
    rebuild_all(
        &mut session,
        &edit(dir.path(), post, "[\"mastodon\"]", "[\"linkedin\"]"),
    );
    assert!(session.checked().metrics.len() < 2);
    assert_fresh(&session, "after a post edit the rows name");
    rebuild_all(
        &mut session,
        &edit(dir.path(), post, "[\"linkedin\"]", "[\"mastodon\"]"),
    );
    assert_fresh(&session, "after restoring the post");
}

/// Publishes every build of a change, as the server does.
fn publish_all(session: &mut Session, served: &crate::serve::Served, changed: &BTreeSet<String>) {
    served.publish(session.rebuild(changed).outcome);
    while session.has_pending() {
        served.publish(session.build().outcome);
    }
}

/// Asserts that the served site equals a fresh check and build of `dir`.
fn assert_same(dir: &Path, served: &crate::serve::Served, when: &str) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let fresh = crate::check_project(dir, &Options { today }).unwrap();
    let options = SiteOptions {
        today,
        ..SiteOptions::default()
    };
    let site = site::render(&fresh, &options, None, &|_| true, site::Output::Memory(&|b| b)).unwrap();
    for (path, bytes) in &site.files {
        let served_bytes = served.file(path).unwrap_or_default();
        assert!(served_bytes == *bytes, "{path} differs from a fresh build {when}");
    }
    assert_eq!(served.file_count(), site.files.len(), "stale pages left {when}");
}

#[test]
fn the_served_site_after_edits_equals_a_fresh_build() {
    let dir = fixture();
    let (mut session, served) = serving(dir.path());
    let assert_same = |served: &crate::serve::Served, when: &str| assert_same(dir.path(), served, when);
    // A title edit changes no finding: only the dependent pages are rendered.
    let first = session.rebuild(&edit(
        dir.path(),
        "posts/2026/12/tyres.md",
        "Winter tyres",
        "Tyres",
    ));
    served.publish(first.outcome);
    let rest = session.build();
    assert!(matches!(rest.outcome, Outcome::Built { scope: Some(_), .. }));
    served.publish(rest.outcome);
    assert_same(&served, "after a title edit");

    let new_post = "+++\ntitle = \"Undated idea\"\nstatus = \"idea\"\npillar = \"news\"\n+++\nSomeday.\n";
    std::fs::write(dir.path().join("posts/idea.md"), new_post).unwrap();
    publish_all(
        &mut session,
        &served,
        &BTreeSet::from(["posts/idea.md".to_owned()]),
    );
    let edits = [
        ("posts/2026/12/tyres.md", "Tyres", "Tyres in winter"),
        (
            "posts/2026/12/lights.md",
            "2026-12-15T08:00:00",
            "2027-01-20T08:00:00",
        ),
        (
            "posts/2027/01/opening.md",
            "pillar = \"news\"",
            "pillar = \"tips\"",
        ),
        ("posts/idea.md", "Undated idea", "An idea without a date"),
    ];
    for (rel, from, to) in edits {
        publish_all(&mut session, &served, &edit(dir.path(), rel, from, to));
    }
    std::fs::remove_file(dir.path().join("posts/2026/12/tyres.md")).unwrap();
    publish_all(
        &mut session,
        &served,
        &BTreeSet::from(["posts/2026/12/tyres.md".to_owned()]),
    );

    assert_same(&served, "after edits, a new and a deleted post");
}

#[test]
fn a_template_override_is_compiled_again_when_it_changes() {
    let dir = fixture();
    let (mut session, served) = serving(dir.path());
    let base = crate::load::TEMPLATES
        .iter()
        .find(|(name, _)| *name == "base.html")
        .map(|(_, text)| *text)
        .unwrap();
    let rel = "templates/base.html";
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let marked = |mark: &str| base.replace("</body>", &format!("<!-- {mark} --></body>"));
    let mut title = "Winter tyres".to_owned();
    for mark in ["first override", "second override"] {
        std::fs::write(dir.path().join(rel), marked(mark)).unwrap();
        publish_all(&mut session, &served, &BTreeSet::from([rel.to_owned()]));
        let page = served.file("posts/2026/12/tyres.html").unwrap_or_default();
        assert!(String::from_utf8_lossy(&page).contains(mark), "{mark}");
        assert_same(dir.path(), &served, &format!("after the {mark}"));
        // A post edit after it renders with the new templates too.
        let post = "posts/2026/12/tyres.md";
        let retitled = format!("Tyres ({mark})");
        let changed = edit(dir.path(), post, &title, &retitled);
        title = retitled;
        publish_all(&mut session, &served, &changed);
        assert_same(dir.path(), &served, &format!("after a post edit with the {mark}"));
    }
    std::fs::remove_file(dir.path().join(rel)).unwrap();
    publish_all(&mut session, &served, &BTreeSet::from([rel.to_owned()]));
    assert_same(dir.path(), &served, "after removing the override");
}

#[test]
fn moving_a_post_to_another_month_rerenders_the_calendar() {
    let dir = fixture();
    let mut session = open(dir.path());
    let rel = "posts/2026/12/tyres.md";
    let pages = rebuild_all(&mut session, &edit(dir.path(), rel, "2026-12-03", "2027-01-05"));
    assert!(
        pages.contains(&"calendar/2026-12.html".into()) && pages.contains(&"calendar/2027-01.html".into())
    );
}

#[test]
fn a_broken_file_fails_until_fixed_and_the_fix_renders_its_pages() {
    let dir = fixture();
    let mut session = open(dir.path());
    let rel = "posts/2026/12/lights.md";
    let build = session.rebuild(&edit(
        dir.path(),
        rel,
        "title = \"Lights on\"",
        "title = \"Lights",
    ));
    let Outcome::Failed(problems) = &build.outcome else {
        panic!("{:?}", build.outcome)
    };
    assert_eq!(problems[0].file, rel);
    assert_eq!(problems[0].rule, "syntax-error");
    // Another file changing meanwhile does not publish a site without the broken post.
    let other = session.rebuild(&edit(dir.path(), "posts/2026/12/tyres.md", "Winter", "Cold"));
    assert!(matches!(other.outcome, Outcome::Failed(_)));

    let fixed = edit(dir.path(), rel, "title = \"Lights", "title = \"Lights back\"");
    let pages = rebuild_all(&mut session, &fixed);
    assert!(pages.contains(&"posts/2026/12/lights.html".into()));
    assert!(
        pages.contains(&"posts/2026/12/tyres.html".into()),
        "pages stale from the failed builds"
    );
    assert!(pages.len() < 30, "not a full rebuild: {pages:?}");
}

#[test]
fn a_broken_configuration_fails_and_editor_files_are_ignored() {
    let dir = fixture();
    let mut session = open(dir.path());
    assert!(!session.is_relevant("posts/2026/12/.tyres.md.swp"));
    assert!(!session.is_relevant("posts/2026/12/sedAb12Cd"));
    assert!(!session.is_relevant("public/index.html"));
    assert!(session.is_relevant("posts/2026/12"));
    let toml = "touchpoint.toml";
    let build = session.rebuild(&edit(dir.path(), toml, "Serve Fixture\"", "Serve Fixture"));
    assert!(matches!(build.outcome, Outcome::Failed(_)), "{:?}", build.outcome);
    let build = session.rebuild(&edit(dir.path(), toml, "Serve Fixture", "Served\""));
    assert!(
        matches!(build.outcome, Outcome::Built { scope: None, .. }),
        "{:?}",
        build.outcome
    );
}

/// Runs git in `dir` with a fixed identity and no user or system configuration.
fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn with_since_every_edit_compares_the_changes_page_again() {
    let dir = fixture();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "v1"]);
    let mut session = open(dir.path());
    let baseline = crate::since::Baseline::load(dir.path(), "HEAD").unwrap();
    session.compare_with(baseline);
    let first = session.build();
    assert!(rendered(&first).contains(&"changes.html"));
    assert!(rendered(&first).contains(&"index.html"));
    let rel = "posts/2026/12/tyres.md";
    let changed = edit(dir.path(), rel, "Winter tyres", "Summer tyres");
    let mut pages = rebuild_all(&mut session, &changed);
    pages.retain(|p| p == "changes.html");
    assert_eq!(pages, ["changes.html"]);
    assert!(!session.has_pending());
    let changes = session.site_options.changes.as_ref().unwrap();
    assert_eq!(changes.changed.len(), 1);
    assert_eq!(changes.changed[0].post.id, "2026/12/tyres");
}

/// The post files under `posts/` of `dir`, sorted.
fn post_files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, at: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = path.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    if dir.join("posts").is_dir() {
        walk(dir, &dir.join("posts"), &mut out);
    }
    out.sort();
    out
}

/// `text` with the front-matter line of `key` replaced by `key = value` (or `key:
/// value` in YAML), or that line added after the first one when there is none; `None`
/// (remove) drops the line.
fn set_key(text: &str, key: &str, value: Option<&str>) -> String {
    let yaml = text.starts_with("---");
    let line_of = |v: &str| {
        if yaml {
            format!("{key}: {v}")
        } else {
            format!("{key} = {v}")
        }
    };
    let is_key = |line: &str| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
    };
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    match (lines.iter().position(|l| is_key(l)), value) {
        (Some(at), Some(v)) => lines[at] = line_of(v),
        (Some(at), None) => {
            lines.remove(at);
        }
        (None, Some(v)) => lines.insert(1, line_of(v)),
        (None, None) => {}
    }
    lines.join("\n") + "\n"
}

/// `text` with the date of its `publish_at` moved `days` days on (unchanged without one).
fn shift_time(text: &str, days: i64) -> String {
    let Some(at) = text.find("publish_at") else {
        return text.to_owned();
    };
    let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    let line = &text[at..line_end];
    let Some(start) = line.find(|c: char| c.is_ascii_digit()) else {
        return text.to_owned();
    };
    let Some(date) = line.get(start..start + 10) else {
        return text.to_owned();
    };
    let Ok(day) = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return text.to_owned();
    };
    let moved = (day + chrono::TimeDelta::days(days))
        .format("%Y-%m-%d")
        .to_string();
    format!("{}{}{}", &text[..at + start], moved, &text[at + start + 10..])
}

/// One edit of the equivalence test: a description and what it does to the repository.
type Edit = (&'static str, fn(&Path, &[String]) -> Vec<String>);

/// Rewrites `rel` in `dir` with `change` applied to its text; the changed file.
fn rewrite(dir: &Path, rel: &str, change: impl FnOnce(&str) -> String) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    std::fs::write(dir.join(rel), change(&text)).unwrap();
    vec![rel.to_owned()]
}

/// Every kind of post edit: text, time across weeks and months, platforms, campaign,
/// status, pillar, personas, a copy (a duplicate caption), a deletion, an addition.
const EDITS: &[Edit] = &[
    ("text", |dir, posts| {
        rewrite(dir, &posts[0], |t| format!("{t}\nOne more line of text.\n"))
    }),
    ("time +9 days", |dir, posts| {
        rewrite(dir, &posts[posts.len() / 2], |t| shift_time(t, 9))
    }),
    ("time +40 days", |dir, posts| {
        rewrite(dir, posts.last().unwrap(), |t| shift_time(t, 40))
    }),
    ("time -3 days", |dir, posts| {
        rewrite(dir, &posts[0], |t| shift_time(t, -3))
    }),
    ("platforms", |dir, posts| {
        rewrite(dir, &posts[posts.len() / 2], |t| {
            set_key(t, "platforms", Some("[\"instagram\", \"x\"]"))
        })
    }),
    ("campaign", |dir, posts| {
        let campaign = std::fs::read_dir(dir.join("campaigns"))
            .ok()
            .and_then(|mut entries| entries.next())
            .and_then(|e| e.ok())
            .and_then(|e| e.path().file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "spring".to_owned());
        rewrite(dir, &posts[0], |t| {
            set_key(t, "campaign", Some(&format!("\"{campaign}\"")))
        })
    }),
    ("no campaign", |dir, posts| {
        rewrite(dir, &posts[0], |t| set_key(t, "campaign", None))
    }),
    ("status draft", |dir, posts| {
        rewrite(dir, posts.last().unwrap(), |t| {
            set_key(t, "status", Some("\"draft\""))
        })
    }),
    ("status published", |dir, posts| {
        rewrite(dir, &posts[0], |t| set_key(t, "status", Some("\"published\"")))
    }),
    ("no pillar", |dir, posts| {
        rewrite(dir, &posts[posts.len() / 2], |t| set_key(t, "pillar", None))
    }),
    ("personas", |dir, posts| {
        rewrite(dir, &posts[0], |t| set_key(t, "personas", Some("[\"rider\"]")))
    }),
    ("approved by", |dir, posts| {
        rewrite(dir, &posts[0], |t| {
            set_key(t, "approved_by", Some("\"Someone Else\""))
        })
    }),
    ("copy (same caption)", |dir, posts| {
        let copy = "posts/zz-copy.md".to_owned();
        std::fs::copy(dir.join(&posts[0]), dir.join(&copy)).unwrap();
        vec![copy]
    }),
    ("delete", |dir, posts| {
        let gone = posts[posts.len() / 2].clone();
        std::fs::remove_file(dir.join(&gone)).unwrap();
        vec![gone]
    }),
    ("add", |dir, posts| {
        let new = "posts/zz-new.md".to_owned();
        let text = std::fs::read_to_string(dir.join(posts.last().unwrap())).unwrap();
        std::fs::write(dir.join(&new), shift_time(&text, 1) + "\nA new post.\n").unwrap();
        vec![new]
    }),
];

/// The heart of the incremental check: after every kind of post edit, on fixtures
/// where the cadence, mix, persona, window, campaign, duplicate, review and series
/// rules fire, the session's findings equal a full check's, finding for finding and in
/// order.
#[test]
fn incremental_findings_equal_a_full_check_after_every_kind_of_edit() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = [
        "example-project",
        "tests/fixtures/serve-basic",
        "tests/fixtures/strategy-cadence",
        "tests/fixtures/strategy-mix",
        "tests/fixtures/strategy-lifecycle",
        "tests/fixtures/strategy-personas",
        "tests/fixtures/strategy-windows",
        "tests/fixtures/strategy-campaigns",
        "tests/fixtures/planning-series",
    ];
    let mut compared = 0;
    for fixture in fixtures {
        let dir = tempfile::tempdir().unwrap();
        copy(&manifest.join(fixture), dir.path());
        let mut session = Session::open(dir.path(), Options { today }).unwrap();
        for (name, edit) in EDITS {
            let posts = post_files(dir.path());
            if posts.is_empty() {
                break;
            }
            let changed = edit(dir.path(), &posts);
            session.update(&changed).unwrap();
            let full = crate::check_project(dir.path(), &Options { today }).unwrap();
            assert_eq!(
                session.checked().diagnostics,
                full.diagnostics,
                "{fixture}: after the edit `{name}` of {changed:?}"
            );
            compared += full.diagnostics.len();
        }
    }
    assert!(
        compared > 500,
        "the fixtures have findings to compare: {compared}"
    );
}

/// How many list rows the session's last build rendered (the others were kept).
fn rows_rendered(session: &Session) -> usize {
    let theme = session.theme.as_ref().expect("a build compiled the theme");
    theme.row_cache().expect("the server keeps rows").last_rendered()
}

#[test]
fn a_title_edit_renders_only_that_posts_rows_again() {
    let dir = fixture();
    let mut session = open(dir.path());
    let posts = session.checked().project.posts.len();
    assert!(
        rows_rendered(&session) >= posts,
        "the first build renders every row"
    );
    let rel = "posts/2026/12/tyres.md";
    rebuild_all(
        &mut session,
        &edit(dir.path(), rel, "Winter tyres", "Summer tyres"),
    );
    let rendered = rows_rendered(&session);
    assert!(
        (1..=3).contains(&rendered),
        "one row per kind of list, of {posts} posts: {rendered}"
    );
}

#[test]
fn a_new_post_renders_only_its_own_rows_though_the_others_move_down() {
    let dir = fixture();
    let mut session = open(dir.path());
    // Sorted first by its file name, so every other post's row is one place further on;
    // far enough ahead to raise no finding (a new count in the banner renders every row).
    let rel = "posts/2026/12/000-chains.md";
    let text = std::fs::read_to_string(dir.path().join("posts/2026/12/tyres.md")).unwrap();
    let text = text
        .replace("Winter tyres", "Snow chains")
        .replace("pressure, tread, lights", "chains, gloves, a torch")
        .replace("2026-12-03T09:00:00", "2027-01-20T09:00:00");
    std::fs::write(dir.path().join(rel), text).unwrap();
    rebuild_all(&mut session, &BTreeSet::from([rel.to_owned()]));
    let first_path = &session.checked().project.posts[0].file;
    assert_eq!(first_path, rel, "the new post comes first");
    let rendered = rows_rendered(&session);
    assert!(
        (1..=3).contains(&rendered),
        "one row per kind of list: {rendered}"
    );
}

#[test]
fn a_post_moved_to_another_week_in_the_plan_rerenders_those_two_weeks_only() {
    let dir = fixture();
    let (mut session, served) = serving(dir.path());
    let rel = "posts/2026/12/lights.md";
    let changed = edit(dir.path(), rel, "2026-12-15", "2026-12-22");
    let pages = rebuild_all(&mut session, &changed);
    for page in [
        "calendar/2026-W51.html",
        "calendar/2026-W52.html",
        "calendar/2026-12.html",
    ] {
        assert!(pages.contains(&page.to_owned()), "{page}: {pages:?}");
    }
    for page in [
        "calendar/2026-W49.html",
        "calendar/2026-W50.html",
        "calendar/2027-01.html",
    ] {
        assert!(!pages.contains(&page.to_owned()), "{page}: {pages:?}");
    }
    // The same edit again on a served site: it equals a fresh build.
    publish_all(
        &mut session,
        &served,
        &edit(dir.path(), rel, "2026-12-22", "2026-12-15"),
    );
    assert_same(dir.path(), &served, "after moving a post back a week");
    publish_all(
        &mut session,
        &served,
        &edit(dir.path(), rel, "2026-12-15", "2026-12-22"),
    );
    assert_same(dir.path(), &served, "after moving a post a week on");
}
