//! `touchpoint import`: the exact CSV round trip on example-project, calendars in the
//! documented layouts and through a column map (CSV and an OpenDocument spreadsheet),
//! unreadable rows named by line, and the file-safety rules (no overwrite without
//! --force, nothing written by --dry-run, nothing written through a link leading out).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{fixture, touchpoint};

/// A temporary copy of the empty import repository.
fn empty_repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    crate::common::copy_dir(&fixture("import/repo"), &repo);
    (dir, repo)
}

fn import(file: &Path, repo: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        file.to_str().unwrap(),
        "--into",
        repo.to_str().unwrap(),
        "--today",
        "2027-01-10",
    ];
    args.extend_from_slice(extra);
    touchpoint(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn export(repo: &Path, format: &str) -> String {
    let out = touchpoint(&[
        "export",
        repo.to_str().unwrap(),
        "--format",
        format,
        "--today",
        "2027-01-17",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// Posts written below `posts/`, as repository-relative paths.
fn posts(repo: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(repo.join("posts"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(repo)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn example_project_round_trips_through_the_queue_csv_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
    for name in ["campaigns", "personas", "media"] {
        crate::common::copy_dir(&example.join(name), &repo.join(name));
    }
    for name in ["touchpoint.toml", "strategy.toml"] {
        fs::copy(example.join(name), repo.join(name)).unwrap();
    }
    let csv = dir.path().join("queue.csv");
    fs::write(&csv, export(&example, "csv")).unwrap();

    let out = import(&csv, &repo, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("check: 0 errors"),
        "{}",
        text(&out.stdout)
    );

    for format in ["csv", "json", "ics"] {
        assert_eq!(
            export(&repo, format),
            export(&example, format),
            "{format} differs after the round trip"
        );
    }
}

#[test]
fn a_spreadsheet_calendar_imports_through_a_column_map_and_passes_check() {
    let (_dir, repo) = empty_repo();
    let map = "Termin=publish_at,Beitrag=text,Netzwerke=platforms,Titel=title";
    let out = import(&fixture("import/calendar.ods"), &repo, &["--map", map]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(
        posts(&repo),
        vec!["posts/2027-01/fuehrung.md", "posts/2027-01/kette-oelen.md"]
    );
    assert_eq!(
        fs::read_to_string(repo.join("posts/2027-01/kette-oelen.md")).unwrap(),
        "+++\ntitle = \"Kette ölen\"\npublish_at = 2027-01-18T08:15:00\nplatforms = [\"linkedin\", \"x\"]\n\
         status = \"draft\"\n+++\nKette ölen: drei Tropfen, dann abwischen.\n"
    );
}

#[test]
fn a_csv_calendar_with_a_title_row_and_german_dates_imports_with_date_format() {
    let (_dir, repo) = empty_repo();
    let map = "Datum=date,Uhrzeit=time,Text=text,Kanal=platforms,Säule=pillar";
    let file = fixture("import/calendar.csv");
    let without = import(&file, &repo, &["--map", map, "--dry-run"]);
    assert_eq!(without.status.code(), Some(1));
    assert!(
        text(&without.stderr).contains("calendar.csv:4: error: `18.01.2027 08:15` is not an ISO 8601 time"),
        "{}",
        text(&without.stderr)
    );
    let out = import(&file, &repo, &["--map", map, "--date-format", "%d.%m.%Y %H:%M"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let post =
        fs::read_to_string(repo.join("posts/2027-01/kette-quietscht-drei-tropfen-oel-dann-abwischen.md"))
            .unwrap();
    assert!(post.contains("publish_at = 2027-01-18T08:15:00\n"), "{post}");
    assert!(post.contains("pillar = \"werkstatt\"\n"), "{post}");
    assert!(
        post.ends_with(
            "+++\nKette quietscht? Drei Tropfen Öl, dann abwischen.\n\nMehr Tipps in der Werkstatt.\n"
        ),
        "{post}"
    );
}

#[test]
fn sprout_and_hootsuite_files_import_for_the_named_network() {
    let (_dir, repo) = empty_repo();
    let us = "%m/%d/%Y %H:%M";
    let no_platform = import(&fixture("import/sprout.csv"), &repo, &["--date-format", us]);
    assert_eq!(no_platform.status.code(), Some(2));
    assert!(
        text(&no_platform.stderr).contains("--platform"),
        "{}",
        text(&no_platform.stderr)
    );

    let out = import(
        &fixture("import/sprout.csv"),
        &repo,
        &["--platform", "linkedin", "--date-format", us],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(posts(&repo).len(), 2);
    let post = fs::read_to_string(repo.join("posts/2027-01/neue-gravelraeder-zur-probefahrt.md")).unwrap();
    assert!(
        post.contains("publish_at = 2027-01-27T17:30:00\nplatforms = [\"linkedin\"]\n"),
        "{post}"
    );

    let (_dir2, repo2) = empty_repo();
    let args = ["--layout", "hootsuite", "--platform", "x", "--date-format", us];
    let out = import(&fixture("import/hootsuite.csv"), &repo2, &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let post =
        fs::read_to_string(repo2.join("posts/2027-01/winter-check-bremsen-licht-reifen-in-30-minuten.md"))
            .unwrap();
    assert!(
        post.contains("link = \"https://radwerk.de/wintercheck\"\n"),
        "{post}"
    );
}

#[test]
fn unreadable_rows_are_named_by_the_line_where_they_start() {
    let (_dir, repo) = empty_repo();
    let map = "Datum=publish_at,Text=text,Kanal=platforms,Post=post";
    let out = import(&fixture("import/broken.csv"), &repo, &["--map", map]);
    assert_eq!(out.status.code(), Some(1));
    let errors: Vec<String> = text(&out.stderr)
        .lines()
        .map(|l| {
            l.split(": error: ")
                .next()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    // Line 2's record spans lines 2-3, so the next record starts on line 4.
    assert_eq!(
        errors,
        vec!["broken.csv:4", "broken.csv:7", "broken.csv:8", "broken.csv:9"]
    );
    assert!(text(&out.stderr).contains("unknown platform `myspace`"));
    assert!(text(&out.stderr).contains("does not exist in Europe/Berlin"));
    assert!(text(&out.stderr).contains("post id `../../escape` is not a path under posts/"));
    assert_eq!(posts(&repo), vec!["posts/2027-01/zwei.md"]);
}

#[test]
fn a_post_with_one_unreadable_row_is_not_written_at_all() {
    let (dir, repo) = empty_repo();
    let csv = dir.path().join("queue.csv");
    fs::write(
        &csv,
        "id,scheduled_at,scheduled_at_local,platform,content,post,title,status\n\
         a,2027-01-18T07:15:00Z,,x,Kurz,2027-01/kette,Kette,draft\n\
         b,2027-01-18T07:15:00Z,,myspace,Lang,2027-01/kette,Kette,draft\n",
    )
    .unwrap();
    let out = import(&csv, &repo, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("queue.csv:2: error: post `2027-01/kette` not written"),
        "{stderr}"
    );
    assert!(
        stderr.contains("queue.csv:3: error: unknown platform `myspace`"),
        "{stderr}"
    );
    assert!(posts(&repo).is_empty());
}

#[test]
fn existing_posts_are_kept_unless_force_and_dry_run_writes_nothing() {
    let (_dir, repo) = empty_repo();
    let file = fixture("import/sprout.csv");
    let args = ["--platform", "linkedin", "--date-format", "%m/%d/%Y %H:%M"];
    let dry = import(&file, &repo, &[&args[..], &["--dry-run"]].concat());
    assert_eq!(dry.status.code(), Some(0));
    assert!(text(&dry.stdout).contains("would write posts/2027-01/neue-gravelraeder-zur-probefahrt.md"));
    assert!(text(&dry.stdout).contains("+++\ntitle = \"Neue Gravelräder zur Probefahrt.\"\n"));
    assert!(posts(&repo).is_empty(), "--dry-run wrote files");

    let path = repo.join("posts/2027-01/neue-gravelraeder-zur-probefahrt.md");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "mine").unwrap();
    let out = import(&file, &repo, &args);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("sprout.csv:3: error: posts/2027-01/neue-gravelraeder-zur-probefahrt.md exists; not overwritten (pass --force to replace it)"), "{}", text(&out.stderr));
    assert_eq!(fs::read_to_string(&path).unwrap(), "mine");

    let forced = import(&file, &repo, &[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(text(&forced.stdout).contains("replaced posts/2027-01/neue-gravelraeder-zur-probefahrt.md"));
    assert!(fs::read_to_string(&path).unwrap().starts_with("+++\n"));
    let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn a_folder_linking_outside_the_repository_is_not_written_through() {
    let (dir, repo) = empty_repo();
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, repo.join("posts/2027-01")).unwrap();
    let args = ["--platform", "linkedin", "--date-format", "%m/%d/%Y %H:%M"];
    let out = import(&fixture("import/sprout.csv"), &repo, &args);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("posts/2027-01 is a symbolic link leading outside the repository"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
}

#[test]
fn a_file_without_a_known_header_says_how_to_name_its_columns() {
    let (_dir, repo) = empty_repo();
    let out = import(&fixture("import/calendar.csv"), &repo, &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no header row in the first 10 rows"), "{stderr}");
    assert!(stderr.contains("--map"), "{stderr}");
}
