//! Publish times: local wall-clock times in the project's timezone, or instants with an offset.
//!
//! Daylight-saving transitions are handled explicitly: a local time that does not exist
//! (clocks jump forward) is an error, one that exists twice (clocks fall back) is a warning
//! that names the instant chosen.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::diagnostic::{Rule, Severity};

/// A local time skipped by a daylight-saving jump.
pub const NONEXISTENT_LOCAL_TIME: Rule = Rule {
    name: "nonexistent-local-time",
    default: Severity::Error,
    summary: "A local publish time that does not exist in the project's timezone (skipped by a DST jump).",
};
/// A local time that occurs twice when clocks fall back.
pub const AMBIGUOUS_LOCAL_TIME: Rule = Rule {
    name: "ambiguous-local-time",
    default: Severity::Warning,
    summary: "A local publish time that occurs twice (clocks fall back); the earlier instant is used.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[&NONEXISTENT_LOCAL_TIME, &AMBIGUOUS_LOCAL_TIME];

/// The outcome of reading a publish time.
#[derive(Debug, PartialEq)]
pub enum Resolved {
    /// One instant.
    Exact(DateTime<Tz>),
    /// The local time exists twice; the earlier instant, and the later one for the message.
    Ambiguous(DateTime<Tz>, DateTime<Tz>),
    /// The local time falls into a DST gap.
    Nonexistent,
    /// The text is not a date-time.
    Malformed,
}

/// Reads `2026-12-01T09:00:00`, `2026-12-01 09:00`, or RFC 3339 with an offset (`…+01:00`, `…Z`).
pub fn resolve(text: &str, tz: Tz) -> Resolved {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Resolved::Exact(instant.with_timezone(&tz));
    }
    if let Ok(instant) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M%:z") {
        return Resolved::Exact(instant.with_timezone(&tz));
    }
    let Some(local) = parse_local(text) else {
        return Resolved::Malformed;
    };
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Resolved::Exact(t),
        LocalResult::Ambiguous(a, b) => Resolved::Ambiguous(a.min(b), a.max(b)),
        LocalResult::None => Resolved::Nonexistent,
    }
}

fn parse_local(text: &str) -> Option<NaiveDateTime> {
    const FORMATS: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ];
    FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn local_time_in_winter_is_utc_plus_one() {
        let Resolved::Exact(t) = resolve("2026-12-01T09:00:00", Berlin) else {
            panic!()
        };
        assert_eq!(t.to_rfc3339(), "2026-12-01T09:00:00+01:00");
        assert_eq!(resolve("2026-12-01 09:00", Berlin), Resolved::Exact(t));
    }

    #[test]
    fn offsets_are_respected() {
        let Resolved::Exact(t) = resolve("2026-12-01T08:00:00Z", Berlin) else {
            panic!()
        };
        assert_eq!(t.to_rfc3339(), "2026-12-01T09:00:00+01:00");
    }

    #[test]
    fn dst_gap_and_overlap() {
        assert_eq!(resolve("2027-03-28T02:30:00", Berlin), Resolved::Nonexistent);
        let Resolved::Ambiguous(a, b) = resolve("2026-10-25T02:30:00", Berlin) else {
            panic!()
        };
        assert_eq!(a.to_rfc3339(), "2026-10-25T02:30:00+02:00");
        assert_eq!(b.to_rfc3339(), "2026-10-25T02:30:00+01:00");
    }

    #[test]
    fn garbage_is_malformed() {
        assert_eq!(resolve("nächsten Dienstag", Berlin), Resolved::Malformed);
        assert_eq!(resolve("2026-02-30T09:00", Berlin), Resolved::Malformed);
    }
}
