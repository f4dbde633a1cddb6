//! Scheduler profiles: the publish queue in the bulk-upload layout of a scheduling tool,
//! one file per network (the tools upload a file to one profile at a time), split into
//! parts at the tool's row limit, with every row the tool cannot take listed with a reason
//! instead of dropped. Texts are written exactly as they will be posted (no spreadsheet
//! `'`); a text starting like a formula is written as is and listed as a warning.
//!
//! The layouts themselves live in [`super::hootsuite`] and [`super::sprout`]; their
//! sources are cited there and in docs/export.md.

use chrono::{DateTime, Utc};

use super::{Queue, Row};
use crate::platform::Platform;
use crate::spreadsheet::{FormulaPolicy, guard};

/// The scheduling tools Touchpoint writes bulk files for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Hootsuite's bulk composer ([`super::hootsuite`]).
    Hootsuite,
    /// Sprout Social's bulk scheduling ([`super::sprout`]).
    Sprout,
}

impl Profile {
    /// The `--format` word and file-name prefix.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Hootsuite => "hootsuite",
            Profile::Sprout => "sprout",
        }
    }
}

/// What a profile export writes and leaves out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileFiles {
    /// (file name, contents), in platform order, parts in order.
    pub files: Vec<(String, String)>,
    /// One line per row not written: `post (platform): reason`.
    pub left_out: Vec<String>,
    /// One line per written row whose text starts like a spreadsheet formula.
    pub warnings: Vec<String>,
}

impl ProfileFiles {
    /// The report file listing what was left out and why (always written, so an old one
    /// never lingers with stale content).
    pub fn report(&self, profile: Profile) -> (String, String) {
        let mut text = format!("# Rows not exported for {}\n", profile.name());
        if self.left_out.is_empty() {
            text.push_str("none: every row of the queue was written\n");
        }
        for line in self.left_out.iter().chain(&self.warnings) {
            text.push_str(line);
            text.push('\n');
        }
        (format!("{}-not-exported.txt", profile.name()), text)
    }
}

impl Profile {
    /// Whether `name` is a file this profile writes (`PREFIX-PLATFORM.csv`,
    /// `PREFIX-PLATFORM-part-N.csv`): an export removes the ones it did not write this time,
    /// so a network that lost its rows, or fewer parts, leaves no stale file to upload.
    pub fn writes_file_named(self, name: &str) -> bool {
        let Some(rest) = name
            .strip_prefix(self.name())
            .and_then(|r| r.strip_prefix('-'))
            .and_then(|r| r.strip_suffix(".csv"))
        else {
            return false;
        };
        let platform = match rest.split_once("-part-") {
            Some((platform, n)) => {
                if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return false;
                }
                platform
            }
            None => rest,
        };
        Platform::from_name(platform).is_some()
    }
}

/// One layout: which rows it takes and how it writes them.
pub(crate) trait Layout {
    /// The most rows one uploaded file may hold.
    const MAX_ROWS: usize;
    /// The header record, if the layout has one.
    fn header(&self) -> Option<Vec<String>>;
    /// Why the tool cannot take `row` (given the previous row kept for the same network),
    /// or `None` when it can.
    fn refuse(&self, row: &Row, previous: Option<&Row>, now: DateTime<Utc>) -> Option<String>;
    /// The record of a row the tool takes.
    fn record(&self, row: &Row) -> Vec<String>;
}

/// Renders `queue` in `layout`, one file per platform (`PREFIX-PLATFORM.csv`, or
/// `PREFIX-PLATFORM-part-N.csv` when the rows exceed the layout's limit).
pub(crate) fn render_files<L: Layout>(
    queue: &Queue,
    prefix: &str,
    layout: &L,
    now: DateTime<Utc>,
) -> ProfileFiles {
    let mut out = ProfileFiles::default();
    for platform in Platform::ALL {
        let mut kept: Vec<&Row> = Vec::new();
        for row in queue.rows.iter().filter(|r| r.platform == platform) {
            let refusal = held_refusal(row).or_else(|| layout.refuse(row, kept.last().copied(), now));
            match refusal {
                Some(reason) => out
                    .left_out
                    .push(format!("{} ({}): {reason}", row.post, platform.name())),
                None => kept.push(row),
            }
        }
        let parts: Vec<&[&Row]> = kept.chunks(L::MAX_ROWS).collect();
        for (i, part) in parts.iter().enumerate() {
            let name = match parts.len() {
                1 => format!("{prefix}-{}.csv", platform.name()),
                _ => format!("{prefix}-{}-part-{}.csv", platform.name(), i + 1),
            };
            out.files.push((name, write_csv(layout, part, &mut out.warnings)));
        }
    }
    out
}

fn write_csv<L: Layout>(layout: &L, rows: &[&Row], warnings: &mut Vec<String>) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if let Some(header) = layout.header() {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&header);
    }
    for row in rows {
        let record = layout.record(row);
        if record
            .iter()
            .any(|c| guard(c, FormulaPolicy::Warn).starts_like_formula)
        {
            warnings.push(format!(
                "warning: {} ({}): a cell starts like a spreadsheet formula; written unchanged, \
                 do not open this file in a spreadsheet",
                row.post,
                row.platform.name()
            ));
        }
        let _ = writer.write_record(&record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Why a held row is not written: a scheduler would publish it, and the crisis plan pauses
/// its channel (`--hold` or `[crisis] active = true`).
fn held_refusal(row: &Row) -> Option<String> {
    row.held.then(|| {
        "held: a crisis is on and the crisis plan pauses this channel; do not schedule it".to_owned()
    })
}

/// Why a bulk file cannot carry the row's shape: its layouts hold one message per row,
/// without first comments.
pub(crate) fn shape_refusal(row: &Row) -> Option<String> {
    if !row.thread.is_empty() {
        return Some(format!(
            "a thread of {} parts; the bulk file holds one message per row",
            row.thread.len() + 1
        ));
    }
    if row.first_comment.is_some() {
        return Some("a first comment; the bulk file has no column for it".to_owned());
    }
    None
}

/// Why the tool would refuse the row's time: less than `lead_minutes` after `now`.
pub(crate) fn time_refusal(row: &Row, now: DateTime<Utc>, lead_minutes: i64) -> Option<String> {
    if row.publish_at_utc < now + chrono::Duration::minutes(lead_minutes) {
        return Some(format!(
            "goes out at {}, less than {lead_minutes} minutes after this export; the tool takes only later times",
            super::format_utc(&row.publish_at_utc)
        ));
    }
    None
}

/// The row's media as the tool should fetch them: public URLs under `base`, or `None`
/// when no `[export] media_base_url` is set.
pub(crate) fn media_urls(row: &Row, base: Option<&str>) -> Option<Vec<String>> {
    base.map(|base| {
        row.media
            .iter()
            .map(|m| super::media_url::media_url(base, &m.path))
            .collect()
    })
}

/// The fix named when a row has media and no public URLs can be built for them.
pub(crate) const SET_MEDIA_BASE_URL: &str =
    "set `[export] media_base_url` in touchpoint.toml to the public address of the repository's files";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use chrono::TimeZone;

    fn row(post: &str, platform: Platform, hour: u32, minute: u32, text: &str) -> Row {
        let local = chrono_tz::Europe::Berlin
            .with_ymd_and_hms(2027, 1, 25, hour, minute, 0)
            .unwrap();
        Row {
            id: post.into(),
            held: false,
            post: post.into(),
            file: format!("posts/{post}.md"),
            title: post.into(),
            status: Status::Approved,
            platform,
            account: None,
            publish_at_utc: local.with_timezone(&Utc),
            publish_at_local: local,
            text: text.into(),
            thread: Vec::new(),
            first_comment: None,
            link: None,
            media: Vec::new(),
            campaign: None,
            pillar: None,
            source: Default::default(),
        }
    }

    fn queue(rows: Vec<Row>) -> Queue {
        Queue {
            project: "p".into(),
            timezone: "Europe/Berlin".into(),
            rows,
            refused: Vec::new(),
            unscheduled: Vec::new(),
            media_base_url: None,
        }
    }

    fn before() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap()
    }

    fn sample_queue() -> Queue {
        let mut winter = row(
            "winter",
            Platform::X,
            9,
            0,
            "Winter-Check: Bremsen, Licht, Reifen.",
        );
        winter.link = Some("https://radwerk.de/wintercheck".into());
        let mut door = row("tuer", Platform::X, 9, 20, "Die neue Werkstatttür ist da.");
        door.media = vec![crate::export::Media {
            path: "media/werkstatt tür.jpg".into(),
            alt: Some("Die Tür".into()),
        }];
        let mut queue = queue(vec![
            winter,
            row("gravel", Platform::X, 9, 10, "Neue Gravelräder zur Probefahrt."),
            door,
        ]);
        queue.media_base_url = Some("https://cdn.example.com/radwerk/".into());
        queue
    }

    /// The committed samples have the vendors' documented columns and formats.
    #[test]
    fn files_match_the_documented_samples_byte_for_byte() {
        let sprout = crate::export::render_profile(&sample_queue(), Profile::Sprout, before());
        assert_eq!(sprout.files[0].0, "sprout-x.csv");
        assert_eq!(
            sprout.files[0].1,
            include_str!("../../tests/fixtures/profiles/sprout-x.csv")
        );
        let hootsuite = crate::export::render_profile(&sample_queue(), Profile::Hootsuite, before());
        assert_eq!(hootsuite.files[0].0, "hootsuite-x.csv");
        assert_eq!(
            hootsuite.files[0].1,
            include_str!("../../tests/fixtures/profiles/hootsuite-x.csv")
        );
        assert!(sprout.left_out.is_empty(), "{:?}", sprout.left_out);
        assert_eq!(
            hootsuite.left_out,
            vec![
                "tuer (x): 1 media file(s); Hootsuite's bulk file has no media column: schedule this \
                 post in Hootsuite's composer and attach \
                 https://cdn.example.com/radwerk/media/werkstatt%20t%C3%BCr.jpg"
            ]
        );
    }

    #[test]
    fn media_without_a_base_url_are_listed_with_the_fix() {
        let mut plain = sample_queue();
        plain.media_base_url = None;
        for profile in [Profile::Sprout, Profile::Hootsuite] {
            let files = crate::export::render_profile(&plain, profile, before());
            assert_eq!(files.left_out.len(), 1, "{:?}", files.left_out);
            assert!(files.left_out[0].starts_with("tuer (x): 1 media file(s)"));
            assert!(
                files.left_out[0].contains("set `[export] media_base_url` in touchpoint.toml"),
                "{}",
                files.left_out[0]
            );
        }
    }

    #[test]
    fn sprout_takes_one_image_per_message() {
        let mut two = sample_queue();
        two.rows[2].media.push(crate::export::Media {
            path: "media/b.png".into(),
            alt: None,
        });
        let files = crate::export::render_profile(&two, Profile::Sprout, before());
        assert!(files.left_out[0].contains("2 media files; Sprout's `image_url` column carries 1 image"));
        let mut video = sample_queue();
        video.rows[2].media[0].path = "media/clip.mp4".into();
        let files = crate::export::render_profile(&video, Profile::Sprout, before());
        assert!(files.left_out[0].contains("media/clip.mp4 is not a JPEG, PNG or GIF image"));
    }

    #[test]
    fn rows_the_tool_cannot_take_are_listed_with_a_reason() {
        let mut with_media = row("bild", Platform::X, 10, 0, "Bild");
        with_media.media = vec![crate::export::Media {
            path: "media/a.png".into(),
            alt: None,
        }];
        let mut thread = row("faden", Platform::X, 11, 0, "Faden");
        thread.thread = vec!["zwei".into()];
        let rows = vec![
            row("a", Platform::X, 9, 0, "A"),
            row("b", Platform::X, 9, 3, "B"),
            with_media,
            thread,
        ];
        let hootsuite = crate::export::render_profile(&queue(rows.clone()), Profile::Hootsuite, before());
        assert_eq!(hootsuite.left_out.len(), 3, "{:?}", hootsuite.left_out);
        assert!(hootsuite.left_out[0].starts_with("b (x): goes out at 09:03:00, not on a 5-minute mark"));
        assert!(hootsuite.left_out[1].contains("1 media file(s)"));
        assert!(hootsuite.left_out[2].contains("a thread of 2 parts"));
        let sprout = crate::export::render_profile(&queue(rows), Profile::Sprout, before());
        assert!(
            sprout.left_out[0].starts_with("b (x): less than 10 minutes after a"),
            "{:?}",
            sprout.left_out
        );
        let late = crate::export::render_profile(
            &sample_queue(),
            Profile::Sprout,
            Utc.with_ymd_and_hms(2027, 1, 25, 7, 55, 0).unwrap(),
        );
        assert!(
            late.left_out[0].contains("less than 10 minutes after this export"),
            "{:?}",
            late.left_out
        );
        let (name, text) = late.report(Profile::Sprout);
        assert_eq!(name, "sprout-not-exported.txt");
        assert!(text.contains("winter (x)"));
    }

    #[test]
    fn held_rows_are_listed_not_written() {
        let mut queue = sample_queue();
        queue.rows[0].held = true;
        for profile in [Profile::Sprout, Profile::Hootsuite] {
            let files = crate::export::render_profile(&queue, profile, before());
            assert!(
                files.left_out[0].starts_with("winter (x): held: a crisis is on"),
                "{:?}",
                files.left_out
            );
            assert!(!files.files[0].1.contains("Winter-Check"));
        }
    }

    #[test]
    fn recognises_its_own_file_names_only() {
        let p = Profile::Sprout;
        for name in [
            "sprout-x.csv",
            "sprout-linkedin-part-2.csv",
            "sprout-instagram-part-10.csv",
        ] {
            assert!(p.writes_file_named(name), "{name}");
        }
        for name in [
            "sprout-not-exported.txt",
            "sprout-myspace.csv",
            "sprout-x-part-.csv",
            "sprout-x-part-2a.csv",
            "hootsuite-x.csv",
            "sprout-x.csv.bak",
            "notes.csv",
        ] {
            assert!(!p.writes_file_named(name), "{name}");
        }
    }

    #[test]
    fn more_rows_than_the_limit_are_split_into_parts() {
        let rows: Vec<Row> = (0..351u32)
            .map(|i| {
                let mut r = row("p", Platform::Mastodon, 0, 0, "T");
                r.publish_at_utc += chrono::Duration::minutes(15 * i64::from(i));
                r.publish_at_local = r.publish_at_utc.with_timezone(&chrono_tz::Europe::Berlin);
                r
            })
            .collect();
        let files = crate::export::render_profile(&queue(rows), Profile::Sprout, before());
        let names: Vec<&str> = files.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            vec!["sprout-mastodon-part-1.csv", "sprout-mastodon-part-2.csv"]
        );
        assert_eq!(files.files[0].1.lines().count(), 351);
        assert_eq!(files.files[1].1.lines().count(), 2);
    }
}
