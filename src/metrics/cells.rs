//! Cell parsing: counts with locale thousands separators, and the date forms the
//! networks write. Every function returns a message instead of panicking.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::Published;

/// Thousands and decimal separators of a file. Exports written with `;` come
/// from a German (or other continental) UI and write `1.500`; `,` files write `"1,500"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct NumberStyle {
    thousands: char,
    decimal: char,
}

impl NumberStyle {
    /// English style: `15,000.0`.
    pub(super) const ENGLISH: NumberStyle = NumberStyle {
        thousands: ',',
        decimal: '.',
    };
    /// German style: `15.000,0`.
    pub(super) const GERMAN: NumberStyle = NumberStyle {
        thousands: '.',
        decimal: ',',
    };

    /// The style that goes with a delimiter.
    pub(super) fn for_delimiter(delimiter: u8) -> Self {
        if delimiter == b';' {
            Self::GERMAN
        } else {
            Self::ENGLISH
        }
    }
}

/// Reads a count: empty or `-` is unknown, `1,500` / `1.500` (per style) is 1500,
/// `12.0` is 12; anything else (`12.5`, `1.2K`, `-3`, `abc`) is an error.
pub(super) fn parse_count(cell: &str, style: NumberStyle) -> Result<Option<u64>, String> {
    let compact: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if compact.is_empty() || matches!(compact.as_str(), "-" | "–" | "—") {
        return Ok(None);
    }
    let not_a_count = || format!("`{}` is not a whole number", cell.trim());
    let (whole, fraction) = match compact.split_once(style.decimal) {
        Some((whole, fraction)) => (whole, fraction),
        None => (compact.as_str(), ""),
    };
    if !fraction.chars().all(|c| c == '0') {
        return Err(not_a_count());
    }
    let digits = strip_grouping(whole, style.thousands).ok_or_else(not_a_count)?;
    digits.parse::<u64>().map(Some).map_err(|_| not_a_count())
}

/// Removes thousands separators if the groups are well formed (`1,500,000`), so
/// that `1,5` is rejected rather than read as 15.
fn strip_grouping(whole: &str, separator: char) -> Option<String> {
    let groups: Vec<&str> = whole.split(separator).collect();
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let (first, rest) = groups.split_first()?;
    let well_formed = all_digits(first)
        && (rest.is_empty() || first.len() <= 3)
        && rest.iter().all(|g| g.len() == 3 && all_digits(g));
    well_formed.then(|| groups.concat())
}

/// `YYYY-MM-DD`, the one date form of the normalised CSV.
pub(super) fn parse_iso_date(cell: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(cell.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{}` is not a date in the form YYYY-MM-DD", cell.trim()))
}

/// A day in any form the exports use: `2026-07-14`, `07/14/2026`, `14.07.2026`,
/// `Tue, Jul 14, 2026`, `Jul 14, 2026`.
pub(super) fn parse_any_date(cell: &str) -> Option<NaiveDate> {
    let cell = cell.trim();
    ["%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%a, %b %d, %Y", "%b %d, %Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(cell, format).ok())
}

/// A publish time as X and Meta write it. Offsets are converted to UTC; times
/// without one stay wall-clock; a bare date becomes [`Published::Day`].
pub(super) fn parse_published(cell: &str) -> Result<Published, String> {
    let cell = cell.trim();
    for format in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z"] {
        if let Ok(time) = DateTime::parse_from_str(cell, format) {
            return Ok(Published::Utc(time.with_timezone(&Utc)));
        }
    }
    for format in [
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
    ] {
        if let Ok(time) = NaiveDateTime::parse_from_str(cell, format) {
            return Ok(Published::Local(time));
        }
    }
    parse_any_date(cell)
        .map(Published::Day)
        .ok_or_else(|| format!("`{cell}` is not a date or time Touchpoint recognises"))
}

/// The last date written in a file name: exports name their period
/// (`account_analytics_content_2026-04-27_2026-07-25.csv`,
/// `tweet_activity_metrics_radwerk_20260801_20260831_en.csv`), and its end is the
/// day the figures were taken.
pub(super) fn date_in_file_name(file: &str) -> Option<NaiveDate> {
    let name = file.rsplit('/').next().unwrap_or(file);
    let chars: Vec<char> = name.chars().collect();
    let mut found = None;
    for start in 0..chars.len() {
        let boundary_before = start == 0 || !chars[start - 1].is_ascii_digit();
        if !boundary_before {
            continue;
        }
        for len in [10usize, 8] {
            let Some(window) = chars.get(start..start + len) else {
                continue;
            };
            let boundary_after = chars.get(start + len).is_none_or(|c| !c.is_ascii_digit());
            let text: String = window.iter().collect();
            let format = if len == 10 { "%Y-%m-%d" } else { "%Y%m%d" };
            if boundary_after && let Ok(date) = NaiveDate::parse_from_str(&text, format) {
                found = Some(date);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn counts_in_english_style() {
        let e = NumberStyle::ENGLISH;
        assert_eq!(parse_count("15,000", e), Ok(Some(15_000)));
        assert_eq!(parse_count(" 1,234,567 ", e), Ok(Some(1_234_567)));
        assert_eq!(parse_count("42", e), Ok(Some(42)));
        assert_eq!(parse_count("12.0", e), Ok(Some(12)));
        assert_eq!(parse_count("", e), Ok(None));
        assert_eq!(parse_count("-", e), Ok(None));
        assert!(parse_count("1,5", e).is_err());
        assert!(parse_count("12.5", e).is_err());
        assert!(parse_count("1.2K", e).is_err());
        assert!(parse_count("-3", e).is_err());
        assert!(parse_count("abc", e).unwrap_err().contains("`abc`"));
    }

    #[test]
    fn counts_in_german_style() {
        let g = NumberStyle::GERMAN;
        assert_eq!(parse_count("1.500", g), Ok(Some(1_500)));
        assert_eq!(parse_count("2.000.000", g), Ok(Some(2_000_000)));
        assert_eq!(parse_count("7,0", g), Ok(Some(7)));
        assert_eq!(parse_count("1\u{a0}500", g), Ok(Some(1_500)));
        assert!(parse_count("1,5", g).is_err());
    }

    #[test]
    fn published_forms() {
        let utc = parse_published("2026-08-15 13:12:39 +0200").unwrap();
        assert_eq!(utc.to_string_for_test(), "2026-08-15T11:12:39Z");
        assert_eq!(
            parse_published("09/15/2026 18:00").unwrap(),
            Published::Local(date(2026, 9, 15).and_hms_opt(18, 0, 0).unwrap())
        );
        assert_eq!(
            parse_published("15.09.2026 18:00").unwrap(),
            Published::Local(date(2026, 9, 15).and_hms_opt(18, 0, 0).unwrap())
        );
        assert_eq!(
            parse_published("Tue, Jul 14, 2026").unwrap(),
            Published::Day(date(2026, 7, 14))
        );
        assert!(parse_published("soon").is_err());
    }

    #[test]
    fn file_names_carry_the_snapshot_day() {
        assert_eq!(
            date_in_file_name("metrics/account_analytics_content_2026-04-27_2026-07-25.csv"),
            Some(date(2026, 7, 25))
        );
        assert_eq!(
            date_in_file_name("metrics/tweet_activity_metrics_radwerk_20260801_20260831_en.csv"),
            Some(date(2026, 8, 31))
        );
        assert_eq!(date_in_file_name("metrics/instagram.csv"), None);
        assert_eq!(date_in_file_name("metrics/2026123.csv"), None);
    }

    impl Published {
        fn to_string_for_test(self) -> String {
            match self {
                Published::Utc(t) => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                other => format!("{other:?}"),
            }
        }
    }
}
