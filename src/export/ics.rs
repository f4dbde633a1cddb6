//! The publish queue as iCalendar (RFC 5545), so the plan can be subscribed to in a calendar.
//!
//! One `VEVENT` per row: `UID` is the row's stable id, `DTSTART` the publish time in UTC
//! (`YYYYMMDDTHHMMSSZ`), `DURATION` a nominal 15 minutes so calendars draw a visible slot,
//! `SUMMARY` "Platform: title", `DESCRIPTION` the final text with thread parts, first
//! comment, link, media and account, labelled in the project's language ([`ExportWords`]:
//! the calendar is read by people). Text values are escaped (`\\ \; \, \n`), lines end in
//! CRLF and are folded at 75 octets without splitting a UTF-8 character.
//!
//! `DTSTAMP` is required and normally "when this file was made"; that would make every run
//! differ, so it is the event's own publish time: deterministic, and it still changes when
//! the post is moved, which is when a calendar needs to notice.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::{Queue, Row};

/// The longest line RFC 5545 allows, in octets, not counting the CRLF.
pub const MAX_LINE_OCTETS: usize = 75;

/// How long an event is drawn; a publish time is an instant, calendars need a slot.
const EVENT_DURATION: &str = "PT15M";

/// The human words of the iCalendar file, in the project's language: from the word list's
/// `export_*` and `publish_queue` labels (see `ExportWords::from_labels`), English by
/// default for callers without a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportWords {
    /// Follows the brand's name in the calendar's name: "Publish queue".
    pub calendar: String,
    /// Heads the first comment: "First comment".
    pub first_comment: String,
    /// Labels the link: "Link".
    pub link: String,
    /// Labels each media file: "Media".
    pub media: String,
    /// Labels a media file's alt text: "alt".
    pub alt: String,
    /// Labels the account: "Account".
    pub account: String,
    /// Labels the post's file: "Post".
    pub file: String,
    /// The first line of a held row: the crisis plan pauses its channel.
    pub held: String,
}

impl Default for ExportWords {
    fn default() -> Self {
        ExportWords {
            calendar: "Publish queue".to_owned(),
            first_comment: "First comment".to_owned(),
            link: "Link".to_owned(),
            media: "Media".to_owned(),
            alt: "alt".to_owned(),
            account: "Account".to_owned(),
            file: "Post".to_owned(),
            held: "HELD: crisis plan active, this channel is paused. Do not publish.".to_owned(),
        }
    }
}

impl ExportWords {
    /// The words from the site's labels (`label(key)`); a missing key keeps the English
    /// default, so an old theme still exports.
    pub(crate) fn from_labels<'a>(label: impl Fn(&str) -> Option<&'a str>) -> ExportWords {
        let english = ExportWords::default();
        let pick = |key: &str, default: String| label(key).map_or(default, str::to_owned);
        ExportWords {
            calendar: pick("publish_queue", english.calendar),
            first_comment: pick("export_first_comment", english.first_comment),
            link: pick("export_link", english.link),
            media: pick("export_media", english.media),
            alt: pick("export_alt", english.alt),
            account: pick("export_account", english.account),
            file: pick("export_file", english.file),
            held: pick("export_held", english.held),
        }
    }
}

/// The calendar's own lines, up to its first event.
pub(super) fn head(queue: &Queue, words: &ExportWords, out: &mut Vec<u8>) {
    let mut text = String::with_capacity(512);
    let mut line = |name: &str, value: &str| push_line(&mut text, name, value);
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", "-//Touchpoint//Publish queue v1//EN");
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    line(
        "X-WR-CALNAME",
        &escape_text(&format!("{} – {}", queue.project, words.calendar)),
    );
    line("X-WR-TIMEZONE", &escape_text(&queue.timezone));
    out.extend_from_slice(text.as_bytes());
}

/// One row as an event.
pub(super) fn row(row: &Row, words: &ExportWords, out: &mut Vec<u8>) {
    let mut text = String::with_capacity(1024);
    push_event(
        &mut |name: &str, value: &str| push_line(&mut text, name, value),
        row,
        words,
    );
    out.extend_from_slice(text.as_bytes());
}

/// The end of the calendar.
pub(super) fn tail(out: &mut Vec<u8>) {
    out.extend_from_slice(b"END:VCALENDAR\r\n");
}

fn push_event(line: &mut impl FnMut(&str, &str), row: &Row, words: &ExportWords) {
    let start = format_ics_utc(&row.publish_at_utc);
    line("BEGIN", "VEVENT");
    line("UID", &row.id);
    line("DTSTAMP", &start);
    line("DTSTART", &start);
    line("DURATION", EVENT_DURATION);
    line(
        "SUMMARY",
        &escape_text(&format!("{}: {}", row.platform.display_name(), row.title)),
    );
    line("DESCRIPTION", &escape_text(&description(row, words)));
    line("CATEGORIES", &categories(row));
    line("STATUS", if row.held { "TENTATIVE" } else { "CONFIRMED" });
    line("TRANSP", "TRANSPARENT");
    line("END", "VEVENT");
}

/// `20261201T080000Z`: the UTC form of DATE-TIME (RFC 5545 §3.3.5, form #2).
pub fn format_ics_utc(t: &DateTime<Utc>) -> String {
    match crate::lang::format::date_time_digits(t, ["", "", "T", "", ""]) {
        Some(digits) => digits + "Z",
        None => t.format("%Y%m%dT%H%M%SZ").to_string(),
    }
}

/// The final text first (exactly as it will be posted), then what else the person
/// publishing it needs, labelled in `words`.
pub fn description(row: &Row, words: &ExportWords) -> String {
    let mut d = String::new();
    if row.held {
        let _ = write!(d, "{}\n\n", words.held);
    }
    d.push_str(&row.text);
    let parts = row.thread.len() + 1;
    for (i, part) in row.thread.iter().enumerate() {
        let _ = write!(d, "\n\n[{}/{parts}]\n{part}", i + 2);
    }
    if let Some(comment) = &row.first_comment {
        let _ = write!(d, "\n\n{}:\n{comment}", words.first_comment);
    }
    if let Some(link) = &row.link {
        let _ = write!(d, "\n\n{}: {link}", words.link);
    }
    for media in &row.media {
        let _ = match &media.alt {
            Some(alt) => write!(d, "\n\n{}: {} ({}: {alt})", words.media, media.path, words.alt),
            None => write!(d, "\n\n{}: {}", words.media, media.path),
        };
    }
    if let Some(account) = &row.account {
        let _ = write!(d, "\n\n{}: {account}", words.account);
    }
    let _ = write!(d, "\n\n{}: {}", words.file, row.file);
    d
}

/// Platform, campaign and pillar as a comma-separated CATEGORIES list, each escaped.
fn categories(row: &Row) -> String {
    [
        Some(row.platform.name()),
        row.campaign.as_deref(),
        row.pillar.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(escape_text)
    .collect::<Vec<_>>()
    .join(",")
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks;
/// other control characters (not allowed in TEXT) are dropped.
pub fn escape_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    let mut at = 0;
    // Byte by byte, copying the runs between replacements whole: every byte matched is
    // ASCII or the lead byte of a C1 control, so each slice ends on a character boundary.
    while at < bytes.len() {
        let (replacement, width) = match (bytes[at], bytes.get(at + 1)) {
            (b'\\', _) => ("\\\\", 1),
            (b';', _) => ("\\;", 1),
            (b',', _) => ("\\,", 1),
            // CRLF, a lone CR and LF are all one line break.
            (b'\r', Some(b'\n')) => ("\\n", 2),
            (b'\r' | b'\n', _) => ("\\n", 1),
            // C0 controls but tab, and DEL (one byte); C1 controls U+0080..U+009F (two).
            (byte @ (0..=0x1f | 0x7f), _) if byte != b'\t' => ("", 1),
            (0xc2, Some(0x80..=0x9f)) => ("", 2),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        at += width;
        copied = at;
    }
    out.push_str(&text[copied..]);
    out
}

/// Appends `NAME:value` folded to [`MAX_LINE_OCTETS`] with CRLF endings.
fn push_line(out: &mut String, name: &str, value: &str) {
    let mut width = 0;
    for piece in [name, ":", value] {
        push_folded(out, piece, &mut width);
    }
    out.push_str("\r\n");
}

/// Folds one content line (RFC 5545 §3.1): at most 75 octets per physical line, each
/// continuation starting with a space (which counts), never inside a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    push_folded(&mut out, line, &mut 0);
    out.push_str("\r\n");
    out
}

/// Appends `text` to a content line that is `width` octets into its physical line.
fn push_folded(out: &mut String, mut text: &str, width: &mut usize) {
    loop {
        let room = MAX_LINE_OCTETS.saturating_sub(*width);
        if text.len() <= room {
            out.push_str(text);
            *width += text.len();
            return;
        }
        // As many whole characters as fit, then the fold.
        let mut split = room;
        while !text.is_char_boundary(split) {
            split -= 1;
        }
        out.push_str(&text[..split]);
        out.push_str("\r\n ");
        *width = 1;
        text = &text[split..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_words_come_from_the_labels_and_fall_back_to_english() {
        let labels = [
            ("export_media", "Medien"),
            ("export_alt", "Alternativtext"),
            ("publish_queue", "Plan"),
        ];
        let words = ExportWords::from_labels(|key| labels.iter().find(|(k, _)| *k == key).map(|(_, v)| *v));
        assert_eq!(words.media, "Medien");
        assert_eq!(words.alt, "Alternativtext");
        assert_eq!(words.calendar, "Plan");
        assert_eq!(words.account, "Account", "a label the theme lacks stays English");
        assert_eq!(ExportWords::from_labels(|_| None), ExportWords::default());
    }

    #[test]
    fn escapes_text_special_characters() {
        assert_eq!(escape_text("a\\b;c,d\r\ne\nf\u{7}"), "a\\\\b\\;c\\,d\\ne\\nf");
    }

    /// The escaping and folding as first written, a character at a time: the byte-wise
    /// versions must give the same text for every input.
    fn escape_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push_str("\\n");
                }
                '\t' => out.push('\t'),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out
    }

    fn fold_by_chars(out: &mut String, text: &str, width: &mut usize) {
        for c in text.chars() {
            if *width + c.len_utf8() > MAX_LINE_OCTETS {
                out.push_str("\r\n ");
                *width = 1;
            }
            out.push(c);
            *width += c.len_utf8();
        }
    }

    #[test]
    fn escaping_and_folding_byte_wise_match_the_character_wise_reference() {
        let samples = [
            "",
            "plain",
            "\r\r\n\n\r",
            "tab\there, semi;colon, back\\slash",
            "C1 \u{80}\u{85}\u{9f} kept: \u{a0}\u{a9}é ✓ 👩‍👩‍👧",
            "\u{0}\u{1f}\u{7f}x\u{7f}",
            &"ä€👍x".repeat(40),
            &"a,b;".repeat(50),
        ];
        for sample in samples {
            let escaped = escape_text(sample);
            assert_eq!(escaped, escape_by_chars(sample), "{sample:?}");
            for start in [0, 1, 12, 70, 74, 75] {
                let (mut folded, mut width) = (String::new(), start);
                push_folded(&mut folded, &escaped, &mut width);
                let (mut expected, mut expected_width) = (String::new(), start);
                fold_by_chars(&mut expected, &escaped, &mut expected_width);
                assert_eq!(
                    (folded, width),
                    (expected, expected_width),
                    "{sample:?} from {start}"
                );
            }
        }
    }

    /// Literal figures, not [`MAX_LINE_OCTETS`]: `DESCRIPTION:` is 12 octets and `ä` 2, so
    /// the first physical line takes 31 `ä` (74 octets; a 32nd would make 76), each
    /// continuation a space and 37 `ä` (75 octets), and the last the remaining 32.
    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "ä".repeat(100));
        assert_eq!(
            fold(&line),
            "DESCRIPTION:äääääääääääääääääääääääääääääää\r\n \
             äääääääääääääääääääääääääääääääääääää\r\n \
             ääääääääääääääääääääääääääääääää\r\n"
        );
    }

    /// 12 + 62 = 74 octets; the 3-octet `€` would make 77, so it starts the continuation.
    #[test]
    fn a_multibyte_character_moves_whole_to_the_next_line() {
        let line = format!("DESCRIPTION:{}€{}", "x".repeat(62), "y".repeat(20));
        assert_eq!(
            fold(&line),
            "DESCRIPTION:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n \
             €yyyyyyyyyyyyyyyyyyyy\r\n"
        );
    }

    #[test]
    fn every_line_break_form_becomes_one_escaped_break() {
        assert_eq!(escape_text("a\r\nb\rc\nd\r\r\ne"), "a\\nb\\nc\\nd\\n\\ne");
    }

    #[test]
    fn a_line_folds_the_same_whichever_way_it_is_put_together() {
        for value in [
            "short",
            &"ä".repeat(80),
            &format!("{}€{}", "x".repeat(60), "y".repeat(90)),
        ] {
            let mut out = String::new();
            push_line(&mut out, "DESCRIPTION", value);
            assert_eq!(out, fold(&format!("DESCRIPTION:{value}")));
        }
    }

    #[test]
    fn lines_of_75_octets_stay_whole_and_76_fold() {
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
        let seventy_five = "123456789012345678901234567890123456789012345678901234567890123456789012345";
        assert_eq!(seventy_five.len(), 75);
        assert_eq!(
            fold(seventy_five),
            "123456789012345678901234567890123456789012345678901234567890123456789012345\r\n"
        );
        assert_eq!(
            fold(&format!("{seventy_five}6")),
            "123456789012345678901234567890123456789012345678901234567890123456789012345\r\n 6\r\n"
        );
    }
}
