//! The publish queue as CSV: one header row, one row per (post, platform).
//!
//! Every cell goes through [`crate::spreadsheet::neutralise`] first: this file is meant
//! for spreadsheets, so a cell starting like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a
//! leading `'` (plain numbers such as `-3` excepted); `spreadsheet::restore` undoes it.
//!
//! RFC 4180 quoting via the csv crate (a field with a comma, quote or line break is quoted,
//! quotes doubled),
//! UTF-8 without BOM, LF line endings. The columns, in order, are [`COLUMNS`]; lists inside
//! one cell (thread parts, media) are joined with [`LIST_SEPARATOR`] on their own line.
//!
//! The column names of the publishing core (`scheduled_at` in UTC with `Z`, `content`,
//! `first_comment`, `media_urls`) follow PostFast's documented bulk-import CSV; see
//! docs/export.md for what a scheduler needs besides (its own account id, public media URLs).

use super::{Row, format_local, format_utc};
use crate::spreadsheet::neutralise;

/// The header row, in column order; documented in docs/export.md.
pub const COLUMNS: [&str; 26] = [
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

/// Joins list items inside one cell: a line with three dashes, unlikely in a caption and
/// easy to split on.
pub const LIST_SEPARATOR: &str = "\n---\n";

/// The header row: [`COLUMNS`].
pub(super) fn head(out: &mut Vec<u8>) {
    let mut writer = record_writer(out);
    // Writing to memory cannot fail: the csv crate only reports I/O errors of its sink.
    let _ = writer.write_record(COLUMNS);
    let _ = writer.flush();
}

/// One row's record.
pub(super) fn row(row: &Row, out: &mut Vec<u8>) {
    let mut writer = record_writer(out);
    let _ = write_row(&mut writer, &fields(row));
    let _ = writer.flush();
}

/// A writer appending records to `out`: RFC 4180 quoting where needed, LF-terminated.
fn record_writer(out: &mut Vec<u8>) -> ::csv::Writer<&mut Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .quote_style(::csv::QuoteStyle::Necessary)
        .buffer_capacity(1024)
        .from_writer(out)
}

/// Writes one record, each cell through [`neutralise`]: the one path every row takes.
fn write_row<W: std::io::Write>(writer: &mut ::csv::Writer<W>, cells: &[String]) -> ::csv::Result<()> {
    for cell in cells {
        writer.write_field(neutralise(cell).as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)
}

fn fields(row: &Row) -> Vec<String> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        row.id.clone(),
        format_utc(&row.publish_at_utc),
        format_local(&row.publish_at_local),
        row.platform.name().to_owned(),
        opt(&row.account),
        row.text.clone(),
        row.thread.join(LIST_SEPARATOR),
        opt(&row.first_comment),
        opt(&row.link),
        row.media
            .iter()
            .map(|m| m.path.as_str())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        row.media
            .iter()
            .map(|m| m.alt.as_deref().unwrap_or(""))
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        row.post.clone(),
        row.file.clone(),
        row.title.clone(),
        row.status.name().to_owned(),
        opt(&row.campaign),
        opt(&row.pillar),
        row.source.text.clone(),
        row.source.thread.join(LIST_SEPARATOR),
        opt(&row.source.first_comment),
        row.source.hashtags.join(" "),
        opt(&row.source.link),
        opt(&row.source.author),
        opt(&row.source.approved_by),
        row.held.to_string(),
        opt(&row.source.repeat),
    ]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::export::Media;
    use crate::export::{Format, Queue};
    use crate::model::Status;
    use crate::platform::Platform;
    use chrono::TimeZone;

    pub(crate) fn queue(rows: Vec<Row>) -> Queue {
        Queue {
            project: "p".into(),
            timezone: "Europe/Berlin".into(),
            rows,
            refused: Vec::new(),
            unscheduled: Vec::new(),
            media_base_url: None,
        }
    }

    /// A row whose texts need every kind of quoting.
    pub(crate) fn awkward_row() -> Row {
        let utc = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        Row {
            id: "738d97a44725035f".into(),
            post: "2026/12/winter".into(),
            file: "posts/2026/12/winter.md".into(),
            title: "Say \"hi\"".into(),
            status: Status::Approved,
            platform: Platform::X,
            account: Some("@radwerk".into()),
            publish_at_utc: utc,
            publish_at_local: utc.with_timezone(&chrono_tz::Europe::Berlin),
            text: "Reifen, Licht\nund \"Luft\"".into(),
            thread: vec!["Teil 2".into(), "Teil 3, Ende".into()],
            first_comment: None,
            link: Some("https://radwerk.de/?a=1,2".into()),
            media: vec![
                Media {
                    path: "media/a.png".into(),
                    alt: Some("Rad".into()),
                },
                Media {
                    path: "media/b.png".into(),
                    alt: None,
                },
            ],
            campaign: Some("winter".into()),
            pillar: None,
            held: false,
            source: crate::export::Source {
                text: "Reifen, Licht\nund \"Luft\"".into(),
                thread: vec!["Teil 2".into(), "Teil 3, Ende".into()],
                first_comment: None,
                hashtags: vec!["winter".into(), "licht".into()],
                link: Some("https://radwerk.de/".into()),
                author: Some("jana".into()),
                approved_by: None,
                repeat: None,
            },
        }
    }

    fn render(queue: &Queue) -> String {
        crate::export::render(queue, Format::Csv, &Default::default())
    }

    #[test]
    fn header_names_every_column_once() {
        assert_eq!(
            render(&queue(Vec::new())),
            "id,scheduled_at,scheduled_at_local,platform,account,content,thread,first_comment,\
             link,media_urls,media_alt,post,file,title,status,campaign,pillar,text_source,thread_source,\
             first_comment_source,hashtags,link_source,author,approved_by,held,repeat\n"
        );
    }

    /// The expected bytes are written out: commas, quotes and line breaks are quoted with
    /// quotes doubled (RFC 4180), lists joined by a `---` line, and `@radwerk` gets the
    /// spreadsheet `'`.
    #[test]
    fn quotes_commas_quotes_and_line_breaks() {
        let expected = "id,scheduled_at,scheduled_at_local,platform,account,content,thread,first_comment,\
             link,media_urls,media_alt,post,file,title,status,campaign,pillar,text_source,thread_source,\
             first_comment_source,hashtags,link_source,author,approved_by,held,repeat\n\
             738d97a44725035f,2026-12-01T08:00:00Z,2026-12-01T09:00:00+01:00,x,'@radwerk,\
             \"Reifen, Licht\nund \"\"Luft\"\"\",\"Teil 2\n---\nTeil 3, Ende\",,\
             \"https://radwerk.de/?a=1,2\",\"media/a.png\n---\nmedia/b.png\",\"Rad\n---\n\",\
             2026/12/winter,posts/2026/12/winter.md,\"Say \"\"hi\"\"\",approved,winter,,\
             \"Reifen, Licht\nund \"\"Luft\"\"\",\"Teil 2\n---\nTeil 3, Ende\",,winter licht,https://radwerk.de/,jana,,false,\n";
        assert_eq!(render(&queue(vec![awkward_row()])), expected);
    }
}
