//! Publish times of imported rows: ISO 8601 / RFC 3339 as written, any other form only
//! through the `--date-format` the user gives, always in the repository's timezone.
//! Nothing is guessed: `03/04/2027` could be March or April, so without a format it is an
//! error that says which flag to pass. A local time skipped or repeated by a daylight-saving
//! change is an error too (the row must say which instant it means).

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::content::time::{Resolved, resolve};

/// Reads `text` as a publish time in `tz`, trying ISO 8601 first and then `format`.
pub(crate) fn parse_time(text: &str, format: Option<&str>, tz: Tz) -> Result<DateTime<Tz>, String> {
    let time = read_time(text, format, tz)?;
    // A post's time is written as a TOML datetime, whose year has four digits; chrono's `%Y`
    // also reads `-0027` or `12345`, which no calendar means.
    if (1..=9999).contains(&time.year()) {
        Ok(time)
    } else {
        Err(format!(
            "`{}` falls in the year {}; a publish time lies between the years 1 and 9999",
            text.trim(),
            time.year()
        ))
    }
}

fn read_time(text: &str, format: Option<&str>, tz: Tz) -> Result<DateTime<Tz>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the publish time is empty".to_owned());
    }
    match resolve(text, tz) {
        Resolved::Exact(t) => return Ok(t),
        Resolved::Ambiguous(a, b) => return Err(ambiguous(text, tz, a, b)),
        Resolved::Nonexistent => return Err(gap(text, tz)),
        Resolved::Malformed => {}
    }
    let Some(format) = format else {
        return Err(format!(
            "`{text}` is not an ISO 8601 time (2026-12-01T09:00); pass --date-format with its layout, \
             e.g. --date-format \"%d.%m.%Y %H:%M\""
        ));
    };
    let local = NaiveDateTime::parse_from_str(text, format)
        .or_else(|_| {
            NaiveDate::parse_from_str(text, format).map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default())
        })
        .map_err(|e| format!("`{text}` does not match --date-format \"{format}\" ({e})"))?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t),
        LocalResult::Ambiguous(a, b) => Err(ambiguous(text, tz, a.min(b), a.max(b))),
        LocalResult::None => Err(gap(text, tz)),
    }
}

fn ambiguous(text: &str, tz: Tz, a: DateTime<Tz>, b: DateTime<Tz>) -> String {
    format!(
        "`{text}` happens twice in {} (clocks go back): write the offset, {} or {}",
        tz.name(),
        a.format("%Y-%m-%dT%H:%M:%S%:z"),
        b.format("%Y-%m-%dT%H:%M:%S%:z")
    )
}

fn gap(text: &str, tz: Tz) -> String {
    format!(
        "`{text}` does not exist in {} (clocks jump forward at that hour); pick another time",
        tz.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn iso_times_are_read_as_written() {
        let t = parse_time("2026-12-01T09:00", None, Berlin).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-01T09:00:00+01:00");
        let t = parse_time("2026-12-01T08:00:00Z", None, Berlin).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-01T09:00:00+01:00");
    }

    #[test]
    fn other_forms_need_a_format_and_are_never_guessed() {
        let err = parse_time("03/04/2027 09:00", None, Berlin).unwrap_err();
        assert!(err.contains("--date-format"), "{err}");
        let t = parse_time("03/04/2027 09:00", Some("%d/%m/%Y %H:%M"), Berlin).unwrap();
        assert_eq!(t.to_rfc3339(), "2027-04-03T09:00:00+02:00");
        let err = parse_time("3.4.27", Some("%d/%m/%Y %H:%M"), Berlin).unwrap_err();
        assert!(err.contains("does not match"), "{err}");
    }

    #[test]
    fn years_a_toml_datetime_cannot_hold_are_errors() {
        let tz = chrono_tz::Europe::Berlin;
        let err = parse_time("18.01.-0027 08:15", Some("%d.%m.%Y %H:%M"), tz).unwrap_err();
        assert!(err.contains("year -27"), "{err}");
        assert!(parse_time("18.01.2027 08:15", Some("%d.%m.%Y %H:%M"), tz).is_ok());
    }

    #[test]
    fn daylight_saving_gaps_and_repeats_are_errors() {
        let err = parse_time("2027-03-28T02:30", None, Berlin).unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        let err = parse_time("31.10.2027 02:30", Some("%d.%m.%Y %H:%M"), Berlin).unwrap_err();
        assert!(err.contains("happens twice"), "{err}");
        assert!(err.contains("+02:00") && err.contains("+01:00"), "{err}");
    }
}
