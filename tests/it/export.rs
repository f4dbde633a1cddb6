//! `touchpoint export` on tests/fixtures/export: every format is parsed with a real parser
//! (serde_json + JSON Schema, the csv crate, the ical crate plus a strict RFC 5545 check)
//! and compared against the rows the fixture is written to produce.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_touchpoint");
/// The fixture's clean range: the post with an error is in January 2027.
const DECEMBER: [&str; 2] = ["--to", "2026-12-31"];

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn export_in(dir: &Path, format: &str, extra: &[&str]) -> Output {
    Command::new(BIN)
        .arg("export")
        .arg(dir)
        .args(["--format", format, "--today", "2026-11-20"])
        .args(extra)
        .output()
        .expect("run touchpoint")
}

fn export(format: &str, extra: &[&str]) -> Output {
    export_in(&fixture(), format, extra)
}

fn stdout_ok(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// The rows the fixture must produce, in queue order: (post, platform, publish_at_utc).
const EXPECTED_ROWS: [(&str, &str, &str); 7] = [
    ("2026/12/winterreifen", "instagram", "2026-12-01T08:00:00Z"),
    ("2026/12/winterreifen", "linkedin", "2026-12-01T08:00:00Z"),
    ("2026/12/aaa-gleichzeitig", "x", "2026-12-01T08:00:00Z"),
    ("2026/12/winterreifen", "x", "2026-12-01T08:00:00Z"),
    ("2026/12/licht", "bluesky", "2026-12-03T17:30:00Z"),
    ("2026/12/licht", "linkedin", "2026-12-03T17:30:00Z"),
    ("2026/12/silvester", "instagram", "2026-12-30T23:30:00Z"),
];

fn json_rows(text: &str) -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["timezone"], "Europe/Berlin");
    doc["rows"].as_array().expect("rows").clone()
}

fn row<'a>(rows: &'a [serde_json::Value], post: &str, platform: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["post"] == post && r["platform"] == platform)
        .unwrap_or_else(|| panic!("no row {post} {platform}"))
}

#[test]
fn json_has_the_expected_rows_in_order() {
    let rows = json_rows(&stdout_ok(&export("json", &DECEMBER)));
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["post"].as_str().unwrap().to_owned(),
                r["platform"].as_str().unwrap().to_owned(),
                r["publish_at_utc"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = EXPECTED_ROWS
        .iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(got, want);

    let x = row(&rows, "2026/12/winterreifen", "x");
    assert_eq!(x["account"], "@radwerk_le");
    assert_eq!(x["publish_at_local"], "2026-12-01T09:00:00+01:00");
    assert_eq!(x["file"], "posts/2026/12/winterreifen.md");
    assert_eq!(x["status"], "approved");
    assert_eq!(x["campaign"], "winter-2026");
    assert_eq!(x["pillar"], "werkstatt");
    let text = x["text"].as_str().unwrap();
    assert!(
        text.starts_with("Drei Checks, bevor der Frost kommt; Teil 1"),
        "{text}"
    );
    assert!(
        text.contains("#winter") && !text.contains("#fahrrad"),
        "variant hashtags: {text}"
    );
    assert_eq!(
        x["thread"],
        serde_json::json!([
            "Teil 2: Luftdruck – 0,5 bar weniger greift besser.",
            "Teil 3: Licht prüfen, Akku laden."
        ])
    );
    assert_eq!(
        x["media"],
        serde_json::json!([{"path": "media/reifen.png", "alt": "Reifenprofil im Schnee"}])
    );

    let insta = row(&rows, "2026/12/winterreifen", "instagram");
    assert_eq!(insta["first_comment"], "Termine: radwerk.de/termine");
    assert_eq!(insta["thread"], serde_json::json!([]));
    let caption = insta["text"].as_str().unwrap();
    assert!(caption.contains("Backslash \\ für"), "{caption}");
    assert!(caption.contains("#fahrrad #winter"), "{caption}");

    let bluesky = row(&rows, "2026/12/licht", "bluesky");
    assert_eq!(bluesky["account"], serde_json::Value::Null);
    assert_eq!(
        bluesky["first_comment"],
        serde_json::Value::Null,
        "Bluesky has no first comment"
    );
    assert_eq!(bluesky["media"], serde_json::json!([]));
    let tracked = "https://radwerk.de/licht?utm_source=bluesky&utm_medium=social&utm_campaign=winter-2026&utm_content=stadt";
    assert_eq!(bluesky["link"], tracked);
    assert!(bluesky["text"].as_str().unwrap().ends_with(tracked));
    let linkedin = row(&rows, "2026/12/licht", "linkedin");
    assert_eq!(linkedin["first_comment"], "Alle Leuchten im Laden.");
    assert!(linkedin["link"].as_str().unwrap().contains("utm_source=linkedin"));

    let silvester = row(&rows, "2026/12/silvester", "instagram");
    assert_eq!(silvester["publish_at_local"], "2026-12-31T00:30:00+01:00");
    assert_eq!(
        silvester["media"],
        serde_json::json!([{"path": "media/reifen.png", "alt": null}])
    );
}

#[test]
fn json_matches_its_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/publish-queue.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("schema compiles");
    for extra in [&DECEMBER[..], &["--allow-errors"][..]] {
        let doc: serde_json::Value = serde_json::from_str(&stdout_ok(&export("json", extra))).unwrap();
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn drafts_crisis_posts_and_other_dates_stay_out() {
    let rows = json_rows(&stdout_ok(&export("json", &DECEMBER)));
    let posts: BTreeSet<&str> = rows.iter().map(|r| r["post"].as_str().unwrap()).collect();
    assert!(!posts.contains("2026/12/entwurf"), "draft exported");
    assert!(
        !posts.iter().any(|p| p.contains("lieferausfall")),
        "holding statement exported"
    );
    let from = json_rows(&stdout_ok(&export(
        "json",
        &["--from", "2026-12-02", "--to", "2026-12-03"],
    )));
    let posts: BTreeSet<&str> = from.iter().map(|r| r["post"].as_str().unwrap()).collect();
    assert_eq!(posts, BTreeSet::from(["2026/12/licht"]));
}

#[test]
fn date_filters_use_the_day_in_the_project_timezone() {
    // 2026-12-31T00:30 in Berlin is 2026-12-30T23:30Z: it belongs to the 31st.
    let posts = |extra: &[&str]| -> BTreeSet<String> {
        json_rows(&stdout_ok(&export("json", extra)))
            .iter()
            .map(|r| r["post"].as_str().unwrap().to_owned())
            .collect()
    };
    let day = posts(&["--from", "2026-12-31", "--to", "2026-12-31"]);
    assert_eq!(day, BTreeSet::from(["2026/12/silvester".to_owned()]));
    assert!(!posts(&["--to", "2026-12-30"]).contains("2026/12/silvester"));
}

#[test]
fn platform_and_status_filters_select_rows() {
    let rows = json_rows(&stdout_ok(&export(
        "json",
        &["--to", "2026-12-31", "--platform", "x,bluesky"],
    )));
    let platforms: BTreeSet<&str> = rows.iter().map(|r| r["platform"].as_str().unwrap()).collect();
    assert_eq!(platforms, BTreeSet::from(["bluesky", "x"]));
    assert_eq!(rows.len(), 3);
    let repeated = json_rows(&stdout_ok(&export(
        "json",
        &["--to", "2026-12-31", "--platform", "x", "--platform", "bluesky"],
    )));
    assert_eq!(rows, repeated);
    let scheduled = json_rows(&stdout_ok(&export("json", &["--status", "scheduled"])));
    assert!(scheduled.iter().all(|r| r["status"] == "scheduled"));
    let posts: BTreeSet<&str> = scheduled.iter().map(|r| r["post"].as_str().unwrap()).collect();
    assert_eq!(
        posts,
        BTreeSet::from(["2026/12/aaa-gleichzeitig", "2026/12/licht"])
    );
    let bad = export("json", &["--platform", "myspace"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn csv_parses_and_matches_the_json_rows() {
    let json = json_rows(&stdout_ok(&export("json", &DECEMBER)));
    let text = stdout_ok(&export("csv", &DECEMBER));
    assert!(!text.contains('\r'), "CSV uses LF line endings");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let expected_header = [
        "id",
        "scheduled_at",
        "scheduled_at_local",
        "platform",
        "account",
        "content",
        "thread",
        "first_comment",
        "link",
        "media_urls",
        "media_alt",
        "post",
        "file",
        "title",
        "status",
        "campaign",
        "pillar",
        "text_source",
        "thread_source",
        "first_comment_source",
        "hashtags",
        "link_source",
        "author",
        "approved_by",
        "held",
        "repeat",
    ];
    assert_eq!(headers.iter().collect::<Vec<_>>(), expected_header);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), EXPECTED_ROWS.len());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for (record, (json, (post, platform, utc))) in records.iter().zip(json.iter().zip(EXPECTED_ROWS)) {
        assert_eq!(&record[col("post")], post);
        assert_eq!(&record[col("platform")], platform);
        assert_eq!(&record[col("scheduled_at")], utc);
        assert_eq!(&record[col("id")], json["id"].as_str().unwrap());
        // Cells that start like a formula (`@radwerk`) carry the spreadsheet `'`.
        let restored = |name: &str| touchpoint::spreadsheet::restore(&record[col(name)]).into_owned();
        assert_eq!(restored("content"), json["text"].as_str().unwrap());
        assert_eq!(restored("account"), json["account"].as_str().unwrap_or(""));
    }
    let x = records
        .iter()
        .find(|r| &r[col("post")] == "2026/12/winterreifen" && &r[col("platform")] == "x")
        .unwrap();
    assert_eq!(
        x[col("thread")].split("\n---\n").collect::<Vec<_>>(),
        [
            "Teil 2: Luftdruck – 0,5 bar weniger greift besser.",
            "Teil 3: Licht prüfen, Akku laden."
        ]
    );
    assert_eq!(&x[col("media_urls")], "media/reifen.png");
    assert_eq!(&x[col("media_alt")], "Reifenprofil im Schnee");
}

/// Strict RFC 5545 checks on the raw bytes; returns the unfolded content lines.
fn check_rfc5545(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "last line ends with CRLF");
    let physical: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for line in &physical {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.is_empty(), "empty line");
    }
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        match line.strip_prefix(' ') {
            Some(rest) => logical
                .last_mut()
                .expect("continuation after a line")
                .push_str(rest),
            None => logical.push(line.to_owned()),
        }
    }
    let mut stack: Vec<String> = Vec::new();
    for line in &logical {
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("no colon: {line}"));
        assert!(
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "bad name {name}"
        );
        match name {
            "BEGIN" => stack.push(value.to_owned()),
            "END" => assert_eq!(stack.pop().as_deref(), Some(value), "END:{value} unbalanced"),
            _ => assert!(!stack.is_empty(), "{name} outside a component"),
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(logical.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(logical.last().map(String::as_str), Some("END:VCALENDAR"));
    logical
}

/// Reverses TEXT escaping (RFC 5545 §3.3.11), failing on an escape the RFC does not define.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            assert!(c != ';' && c != ',', "unescaped {c} in {value:?}");
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ';' | ',')) => out.push(c),
            other => panic!("bad escape \\{other:?} in {value:?}"),
        }
    }
    out
}

/// The VEVENTs as (property name, value) lists, from unfolded lines.
fn events(logical: &[String]) -> Vec<Vec<(String, String)>> {
    let mut events = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in logical {
        let (name, value) = line.split_once(':').unwrap();
        match (name, value) {
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => events.push(current.take().unwrap()),
            _ => {
                if let Some(event) = current.as_mut() {
                    event.push((name.to_owned(), value.to_owned()));
                }
            }
        }
    }
    events
}

fn prop<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    let found: Vec<&str> = event
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(found.len(), 1, "{name} must appear once");
    found[0]
}

#[test]
fn ics_is_strict_rfc5545_and_matches_the_json_rows() {
    let json = json_rows(&stdout_ok(&export("json", &DECEMBER)));
    let text = stdout_ok(&export("ics", &DECEMBER));
    let logical = check_rfc5545(&text);
    assert!(logical.contains(&"VERSION:2.0".to_owned()));
    assert!(logical.iter().any(|l| l.starts_with("PRODID:")));
    let events = events(&logical);
    assert_eq!(events.len(), EXPECTED_ROWS.len());
    let mut uids = BTreeSet::new();
    for (event, row) in events.iter().zip(&json) {
        let uid = prop(event, "UID");
        assert!(uids.insert(uid.to_owned()), "duplicate UID {uid}");
        assert_eq!(uid, row["id"].as_str().unwrap());
        let start = prop(event, "DTSTART");
        assert!(
            start.len() == 16
                && start.ends_with('Z')
                && start.as_bytes()[8] == b'T'
                && start[..8].chars().all(|c| c.is_ascii_digit())
                && start[9..15].chars().all(|c| c.is_ascii_digit()),
            "DTSTART {start}"
        );
        let utc = row["publish_at_utc"].as_str().unwrap().replace(['-', ':'], "");
        assert_eq!(start, utc);
        assert_eq!(prop(event, "DTSTAMP"), start);
        let title = row["title"].as_str().unwrap();
        assert!(unescape(prop(event, "SUMMARY")).ends_with(title));
        let description = unescape(prop(event, "DESCRIPTION"));
        assert!(
            description.starts_with(row["text"].as_str().unwrap()),
            "{description}"
        );
    }
    let long = events
        .iter()
        .zip(&json)
        .find(|(_, r)| r["post"] == "2026/12/winterreifen" && r["platform"] == "x")
        .unwrap()
        .0;
    let description = unescape(prop(long, "DESCRIPTION"));
    assert!(
        description.contains("[2/3]\nTeil 2: Luftdruck – 0,5 bar"),
        "{description}"
    );
    // The fixture is German: the labels are the German word list's.
    assert!(description.contains("Medien: media/reifen.png (Alternativtext: Reifenprofil im Schnee)"));
    assert!(text.contains("\r\n "), "the long description is folded");
}

#[test]
fn ics_parses_with_the_ical_crate() {
    let text = stdout_ok(&export("ics", &DECEMBER));
    let mut parser = ical::IcalParser::new(text.as_bytes());
    let calendar = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none(), "exactly one calendar");
    assert_eq!(calendar.events.len(), EXPECTED_ROWS.len());
    let json = json_rows(&stdout_ok(&export("json", &DECEMBER)));
    for (event, row) in calendar.events.iter().zip(&json) {
        let value = |name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(value("UID"), row["id"].as_str().unwrap());
        assert_eq!(
            value("DTSTART"),
            row["publish_at_utc"].as_str().unwrap().replace(['-', ':'], "")
        );
    }
}

#[test]
fn two_runs_give_identical_bytes() {
    for format in ["json", "csv", "ics"] {
        let first = export(format, &DECEMBER);
        let second = export(format, &DECEMBER);
        assert_eq!(first.status.code(), Some(0));
        assert_eq!(first.stdout, second.stdout, "{format} differs between runs");
    }
}

#[test]
fn out_writes_the_file_atomically_and_only_there() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("queue.ics");
    let output = export("ics", &["--to", "2026-12-31", "--out", target.to_str().unwrap()]);
    assert_eq!(stdout_ok(&output), "", "nothing on stdout with --out");
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, stdout_ok(&export("ics", &DECEMBER)));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from("queue.ics")],
        "no temporary file left"
    );
    let dash = export("csv", &["--to", "2026-12-31", "--out", "-"]);
    assert_eq!(stdout_ok(&dash), stdout_ok(&export("csv", &DECEMBER)));
}

#[test]
fn stable_ids_survive_edits_to_other_posts() {
    let before = json_rows(&stdout_ok(&export("json", &DECEMBER)));
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&fixture(), dir.path());
    let licht = dir.path().join("posts/2026/12/licht.md");
    let edited = std::fs::read_to_string(&licht)
        .unwrap()
        .replace("2026-12-03T18:30:00", "2026-12-02T07:15:00")
        .replace("Licht an, gesehen werden.", "Licht an, gesehen werden – jetzt.");
    std::fs::write(&licht, edited).unwrap();
    std::fs::write(
        dir.path().join("posts/2026/12/neu.md"),
        "+++\ntitle = \"Neu\"\npublish_at = 2026-12-01T08:00:00\nplatforms = [\"x\"]\nstatus = \"approved\"\n+++\nNeu.\n",
    )
    .unwrap();
    let after = json_rows(&stdout_ok(&export_in(dir.path(), "json", &DECEMBER)));
    assert_eq!(after.len(), before.len() + 1);
    for old in &before {
        let same = row(
            &after,
            old["post"].as_str().unwrap(),
            old["platform"].as_str().unwrap(),
        );
        assert_eq!(
            same["id"], old["id"],
            "id of {} {} changed",
            old["post"], old["platform"]
        );
        if old["post"] != "2026/12/licht" {
            assert_eq!(same, old, "an unrelated row changed");
        }
    }
}

#[test]
fn a_post_with_errors_is_refused_unless_allowed() {
    let refused = export("json", &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(refused.stdout.is_empty(), "nothing is written when refusing");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("posts/2027/01/kaputt.md:6:"), "{stderr}");
    assert!(stderr.contains("unknown-pillar"), "{stderr}");
    assert!(stderr.contains("--allow-errors"), "{stderr}");
    assert!(
        !stderr.contains("entwurf"),
        "a draft is not selected, so its errors do not count: {stderr}"
    );

    // A post with errors that the selection leaves out does not count.
    let other_platform = json_rows(&stdout_ok(&export("json", &["--platform", "bluesky"])));
    assert_eq!(other_platform.len(), 1);

    let allowed = json_rows(&stdout_ok(&export("json", &["--allow-errors"])));
    assert_eq!(allowed.len(), EXPECTED_ROWS.len() + 1);
    assert_eq!(allowed.last().unwrap()["post"], "2027/01/kaputt");
}

#[test]
fn refusing_does_not_touch_the_out_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("queue.json");
    std::fs::write(&target, "previous").unwrap();
    let output = export("json", &["--out", target.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous");
}

#[test]
fn site_files_match_the_command_line_exports() {
    let options = touchpoint::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
    };
    let checked = touchpoint::check_project(&fixture(), &options).unwrap();
    let words = touchpoint::site::export_words(&checked).unwrap();
    let texts = Default::default();
    let queue = touchpoint::export::SiteQueue::new(&checked, &texts);
    let formats = touchpoint::export::Format::ALL;
    let mut written: Vec<Vec<u8>> = formats.iter().map(|_| Vec::new()).collect();
    let mut outs: Vec<&mut dyn std::io::Write> =
        written.iter_mut().map(|w| w as &mut dyn std::io::Write).collect();
    queue.write(&formats, &words, &mut outs).unwrap();
    let files: Vec<(String, String)> = formats
        .into_iter()
        .zip(written)
        .map(|(format, bytes)| {
            (
                touchpoint::export::SiteQueue::path(format),
                String::from_utf8(bytes).unwrap(),
            )
        })
        .collect();
    // One format alone is written exactly as in company.
    let mut alone = Vec::new();
    queue
        .write(&[touchpoint::export::Format::Ics], &words, &mut [&mut alone])
        .unwrap();
    assert_eq!(String::from_utf8(alone).unwrap(), files[2].1);
    // A writer per format, or nothing is written.
    let mismatched = queue.write(&formats, &words, &mut [&mut Vec::new()]);
    assert_eq!(mismatched.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "export/publish-queue.json",
            "export/publish-queue.csv",
            "export/publish-queue.ics"
        ]
    );
    // The site leaves the post with errors out, which is what `--to 2026-12-31` selects.
    for ((_, contents), format) in files.iter().zip(["json", "csv", "ics"]) {
        assert_eq!(contents, &stdout_ok(&export(format, &DECEMBER)), "{format}");
    }
}

#[test]
fn texts_are_exactly_what_validation_checks() {
    let options = touchpoint::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
    };
    let checked = touchpoint::check_project(&fixture(), &options).unwrap();
    let rows = json_rows(&stdout_ok(&export("json", &DECEMBER)));
    for r in &rows {
        let post = checked.project.post(r["post"].as_str().unwrap()).unwrap();
        let platform = touchpoint::platform::Platform::from_name(r["platform"].as_str().unwrap()).unwrap();
        let composed = touchpoint::compose::platform_text(&checked.project, post, platform);
        let parts: Vec<&str> = composed.parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(r["text"], parts[0]);
        assert_eq!(r["thread"], serde_json::json!(parts[1..]));
        assert_eq!(r["link"], serde_json::json!(composed.tracked_link));
    }
}

/// The fixture holds exactly the planted problems of EXPECTED.tsv (the per-platform rules
/// are run here too, in case `check` does not run them yet). Of its two errors, only the
/// approved post's blocks an export: the draft is never selected.
#[test]
fn fixture_has_exactly_the_planted_problems() {
    let options = touchpoint::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
    };
    let checked = touchpoint::check_project(&fixture(), &options).unwrap();
    let mut all = checked.diagnostics.clone();
    for post in &checked.project.posts {
        all.extend(touchpoint::validate::platform::check_post(
            &checked.project,
            post,
            checked.texts.of(post),
        ));
    }
    let found: BTreeSet<(String, u32, String)> = all
        .iter()
        .map(|d| (d.file.clone(), d.line, d.rule.to_owned()))
        .collect();
    let expected_text = std::fs::read_to_string(fixture().join("EXPECTED.tsv")).unwrap();
    let expected: BTreeSet<(String, u32, String)> = expected_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].to_owned(), cols[1].parse().unwrap(), cols[2].to_owned())
        })
        .collect();
    assert_eq!(found, expected);
    let errors: BTreeSet<&str> = all
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(
        errors,
        BTreeSet::from(["posts/2026/12/entwurf.md", "posts/2027/01/kaputt.md"])
    );
}

#[test]
fn a_reversed_date_range_cannot_run() {
    let output = export("json", &["--from", "2026-12-31", "--to", "2026-12-01"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--from 2026-12-31 is after --to 2026-12-01"));
}

/// A post whose title, text and first comment start like spreadsheet formulas.
const FORMULA_POST: &str = "+++\ntitle = \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\n\
    publish_at = 2026-12-02T08:00:00\nplatforms = [\"linkedin\"]\nstatus = \"approved\"\n\n\
    [linkedin]\nfirst_comment = \"-2+3\"\n+++\n@SUM(1+1)*cmd|' /C calc'!A0\n";

/// Whether a spreadsheet would run the cell: it starts with `=`, `+`, `-`, `@`, tab or CR
/// and is not a plain number such as `-3`.
fn runs_as_formula(cell: &str) -> bool {
    let is_number = cell.trim_start_matches(['-', '+']).parse::<f64>().is_ok()
        && cell.bytes().skip(1).all(|b| b.is_ascii_digit() || b == b'.');
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number
}

/// Every cell of the CSV with its column name.
fn csv_cells(text: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    records
        .iter()
        .flat_map(|r| {
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, c)| (h.to_owned(), c.to_owned()))
        })
        .collect()
}

#[test]
fn csv_cells_that_start_like_formulas_are_neutralised_in_the_export_and_the_site() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&fixture(), dir.path());
    std::fs::write(dir.path().join("posts/2026/12/formel.md"), FORMULA_POST).unwrap();
    let exported = stdout_ok(&export_in(dir.path(), "csv", &DECEMBER));
    let out = dir.path().join("site");
    let build = Command::new(BIN)
        .args([
            "build",
            dir.path().to_str().unwrap(),
            "--today",
            "2026-11-20",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        build.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let site = std::fs::read_to_string(out.join("export/publish-queue.csv")).unwrap();
    for text in [&exported, &site] {
        let cells = csv_cells(text);
        let risky: Vec<_> = cells.iter().filter(|(_, c)| runs_as_formula(c)).collect();
        assert!(risky.is_empty(), "cells a spreadsheet would run: {risky:?}");
        let cell = |column: &str, starts: &str| {
            cells
                .iter()
                .find(|(h, c)| h == column && c.starts_with(starts))
                .map(|(_, c)| c.as_str())
        };
        assert_eq!(
            cell("title", "'="),
            Some("'=HYPERLINK(\"http://evil.example\",\"x\")")
        );
        assert_eq!(cell("first_comment", "'-"), Some("'-2+3"));
        assert!(
            cell("content", "'@SUM(1+1)*cmd|' /C calc'!A0").is_some(),
            "{cells:?}"
        );
    }
}

#[test]
fn neutralised_csv_cells_restore_to_the_json_texts() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&fixture(), dir.path());
    std::fs::write(dir.path().join("posts/2026/12/formel.md"), FORMULA_POST).unwrap();
    let json = json_rows(&stdout_ok(&export_in(dir.path(), "json", &DECEMBER)));
    let text = stdout_ok(&export_in(dir.path(), "csv", &DECEMBER));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), json.len());
    for (record, row) in records.iter().zip(&json) {
        let restore = |name: &str| touchpoint::spreadsheet::restore(&record[col(name)]).into_owned();
        assert_eq!(restore("title"), row["title"].as_str().unwrap());
        assert_eq!(restore("content"), row["text"].as_str().unwrap());
        assert_eq!(
            restore("first_comment"),
            row["first_comment"].as_str().unwrap_or("")
        );
    }
}

/// The export fixture in a temporary folder, its image renamed to a name with spaces and an
/// umlaut (so URLs must be percent-encoded) and `extra` appended to `touchpoint.toml`.
fn profile_repo(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&fixture(), dir.path());
    let media = dir.path().join("media");
    std::fs::rename(media.join("reifen.png"), media.join("Reifen im Schnee ü.png")).unwrap();
    for post in ["posts/2026/12/winterreifen.md", "posts/2026/12/silvester.md"] {
        let path = dir.path().join(post);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("media/reifen.png", "media/Reifen im Schnee ü.png"),
        )
        .unwrap();
    }
    let config = dir.path().join("touchpoint.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(extra);
    std::fs::write(&config, text).unwrap();
    dir
}

/// Runs a scheduler profile export of December into `out`; returns its standard error.
fn export_profile(repo: &Path, profile: &str, out: &Path) -> String {
    let output = export_in(
        repo,
        profile,
        &["--to", "2026-12-31", "--out", out.to_str().unwrap()],
    );
    stdout_ok(&output);
    String::from_utf8(output.stderr).unwrap()
}

const MEDIA_URL: &str = "https://cdn.example.com/radwerk/media/Reifen%20im%20Schnee%20%C3%BC.png";

#[test]
fn sprout_writes_media_as_public_urls_in_its_image_url_column() {
    // No trailing slash: the base is normalised to one.
    let repo = profile_repo("\n[export]\nmedia_base_url = \"https://cdn.example.com/radwerk\"\n");
    let out = tempfile::tempdir().unwrap();
    export_profile(repo.path(), "sprout", out.path());
    let read = |name: &str| -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(out.path().join(name)).unwrap();
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    let instagram = read("sprout-instagram.csv");
    assert_eq!(instagram[0], ["date", "time_24hr", "message_text", "image_url"]);
    // Silvester: 00:30 on 31 December in Berlin, its one image by URL.
    assert_eq!(instagram.len(), 2, "{instagram:?}");
    assert_eq!(instagram[1][..2], ["12/31/2026", "00:30"]);
    assert_eq!(instagram[1][3], MEDIA_URL);
    let linkedin = read("sprout-linkedin.csv");
    let winter = linkedin
        .iter()
        .find(|r| r[2].starts_with("Der Winter kommt"))
        .unwrap();
    assert_eq!(winter[3], MEDIA_URL);
    let bluesky = read("sprout-bluesky.csv");
    assert_eq!(bluesky[1][1], "18:30");
    assert_eq!(bluesky[1][3], "", "a post without media leaves image_url empty");
    // Winterreifen on Instagram has a first comment: listed, not dropped.
    let report = std::fs::read_to_string(out.path().join("sprout-not-exported.txt")).unwrap();
    assert!(
        report.contains("2026/12/winterreifen (instagram): a first comment"),
        "{report}"
    );
    assert!(!report.contains("media_base_url"), "{report}");
}

#[test]
fn hootsuite_lists_rows_with_media_with_their_public_urls() {
    let repo = profile_repo("\n[export]\nmedia_base_url = \"https://cdn.example.com/radwerk/\"\n");
    let out = tempfile::tempdir().unwrap();
    let stderr = export_profile(repo.path(), "hootsuite", out.path());
    let report = std::fs::read_to_string(out.path().join("hootsuite-not-exported.txt")).unwrap();
    let line = report
        .lines()
        .find(|l| l.starts_with("2026/12/winterreifen (linkedin):"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        line.contains("Hootsuite's bulk file has no media column"),
        "{line}"
    );
    assert!(line.ends_with(&format!("attach {MEDIA_URL}")), "{line}");
    assert!(stderr.contains(line), "{stderr}");
    // LinkedIn's other row (licht) has a first comment: no row is left for its file.
    assert!(!out.path().join("hootsuite-linkedin.csv").exists());
}

#[test]
fn without_media_base_url_rows_with_media_are_listed_with_the_fix() {
    let repo = profile_repo("");
    for profile in ["sprout", "hootsuite"] {
        let out = tempfile::tempdir().unwrap();
        export_profile(repo.path(), profile, out.path());
        let report = std::fs::read_to_string(out.path().join(format!("{profile}-not-exported.txt"))).unwrap();
        let line = report
            .lines()
            .find(|l| l.starts_with("2026/12/silvester (instagram): 1 media file(s)"))
            .unwrap_or_else(|| panic!("{profile}: {report}"));
        assert!(
            line.contains("set `[export] media_base_url` in touchpoint.toml"),
            "{line}"
        );
        // Instagram's other row has a first comment: no row is left for its file.
        assert!(!out.path().join(format!("{profile}-instagram.csv")).exists());
    }
}

#[test]
fn a_media_base_url_that_is_not_an_http_url_is_reported_at_its_line() {
    let repo = profile_repo("\n[export]\nmedia_base_url = \"cdn.example.com/radwerk/\"\n");
    let lines = std::fs::read_to_string(repo.path().join("touchpoint.toml")).unwrap();
    let line = lines.lines().count();
    let (_, json) = crate::common::check_json(repo.path(), "2026-11-20");
    let found = crate::common::findings(&json, |rule| rule == "invalid-value");
    assert!(
        found.contains(&(
            "touchpoint.toml".to_owned(),
            line as u32,
            "invalid-value".to_owned()
        )),
        "{found:?}"
    );
}

#[test]
fn a_second_export_removes_files_it_no_longer_writes() {
    let repo = profile_repo("\n[export]\nmedia_base_url = \"https://cdn.example.com/radwerk/\"\n");
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("sprout-youtube.csv"), "old").unwrap();
    std::fs::write(out.path().join("sprout-x-part-2.csv"), "old").unwrap();
    std::fs::write(out.path().join("notes.csv"), "mine").unwrap();
    std::fs::write(out.path().join("sprout-not-exported.txt"), "old").unwrap();
    export_profile(repo.path(), "sprout", out.path());
    assert!(!out.path().join("sprout-youtube.csv").exists());
    assert!(!out.path().join("sprout-x-part-2.csv").exists());
    assert!(out.path().join("sprout-x.csv").exists());
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.csv")).unwrap(),
        "mine"
    );
}

/// A folder no export of the profile wrote (no `sprout-not-exported.txt`) may be a user's:
/// files there that look like the profile's are left alone.
#[test]
fn an_export_into_a_folder_it_did_not_fill_removes_nothing() {
    let repo = profile_repo("\n[export]\nmedia_base_url = \"https://cdn.example.com/radwerk/\"\n");
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("sprout-youtube.csv"), "mine").unwrap();
    export_profile(repo.path(), "sprout", out.path());
    assert_eq!(
        std::fs::read_to_string(out.path().join("sprout-youtube.csv")).unwrap(),
        "mine"
    );
}

#[test]
fn importing_a_sprout_file_gives_back_the_media_under_the_base() {
    let repo = profile_repo("\n[export]\nmedia_base_url = \"https://cdn.example.com/radwerk/\"\n");
    let out = tempfile::tempdir().unwrap();
    export_profile(repo.path(), "sprout", out.path());
    let file = out.path().join("sprout-instagram.csv");
    let import = |extra: &[&str]| {
        let mut args = vec![
            "import",
            file.to_str().unwrap(),
            "--into",
            repo.path().to_str().unwrap(),
        ];
        args.extend_from_slice(&["--platform", "instagram", "--date-format", "%m/%d/%Y %H:%M"]);
        args.extend_from_slice(extra);
        Command::new(BIN).args(&args).output().expect("run touchpoint")
    };
    let dry = import(&["--dry-run"]);
    let stdout = String::from_utf8_lossy(&dry.stdout);
    assert_eq!(
        dry.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(
        stdout.contains(r#"media = [{ path = "media/Reifen im Schnee ü.png" }]"#),
        "{stdout}"
    );
    // An image from elsewhere is refused with the fix, never silently dropped.
    let csv = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        csv.replace("https://cdn.example.com/radwerk/", "https://other.example/"),
    )
    .unwrap();
    let foreign = import(&["--dry-run"]);
    let stderr = String::from_utf8_lossy(&foreign.stderr);
    assert_eq!(foreign.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("is not a file under `[export] media_base_url`"),
        "{stderr}"
    );
}
