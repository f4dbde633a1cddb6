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

/// Reads a number that may have decimals (`12.5`, `"1,234.5"`, German `1.234,5`):
/// empty or `-` is unknown; a negative or non-numeric cell is an error.
pub(super) fn parse_decimal(cell: &str, style: NumberStyle) -> Result<Option<f64>, String> {
    let compact = compact(cell);
    if is_blank(&compact) {
        return Ok(None);
    }
    decimal_value(&compact, style)
        .map(Some)
        .ok_or_else(|| format!("`{}` is not a number", cell.trim()))
}

/// The value of a decimal without blanks, or `None` when it is not one.
fn decimal_value(compact: &str, style: NumberStyle) -> Option<f64> {
    let (whole, fraction) = compact.split_once(style.decimal).unwrap_or((compact, ""));
    let digits = strip_grouping(whole, style.thousands)?;
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    format!("{digits}.{fraction}0")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A count as TikTok writes it: `18,400`, `1.2K`, `3.4M`, `2B` (German `1,2K`).
/// The abbreviated forms are rounded as TikTok rounded them: `1.2K` is 1200.
pub(super) fn parse_short_count(cell: &str, style: NumberStyle) -> Result<Option<u64>, String> {
    let compact = compact(cell);
    if is_blank(&compact) {
        return Ok(None);
    }
    let factor = match compact.chars().last() {
        Some('k' | 'K') => 1e3,
        Some('m' | 'M') => 1e6,
        Some('b' | 'B') => 1e9,
        _ => return parse_count(cell, style),
    };
    let number = &compact[..compact.len() - 1];
    decimal_value(number, style)
        .map(|v| Some((v * factor).round() as u64))
        .ok_or_else(|| format!("`{}` is not a count such as `1.2K`", cell.trim()))
}

/// A share: `38%` and `38 %` are 0.38; a bare number is read as a percentage when
/// the column says so (`Impressions click-through rate (%)`), else as a fraction
/// (LinkedIn's `0.0523`).
pub(super) fn parse_rate(
    cell: &str,
    style: NumberStyle,
    percent_column: bool,
) -> Result<Option<f64>, String> {
    let compact = compact(cell);
    if is_blank(&compact) {
        return Ok(None);
    }
    let (number, percent) = match compact.strip_suffix('%') {
        Some(number) => (number, true),
        None => (compact.as_str(), percent_column),
    };
    let value =
        decimal_value(number, style).ok_or_else(|| format!("`{}` is not a percentage", cell.trim()))?;
    Ok(Some(if percent { value / 100.0 } else { value }))
}

/// A duration in seconds: `0:12`, `1:02:03`, `0:03:12.5`, `45s`, `1h 2m 3s`,
/// `2min`, or a bare number of seconds (`12.5`).
pub(super) fn parse_duration(cell: &str, style: NumberStyle) -> Result<Option<f64>, String> {
    let text = cell.trim();
    if is_blank(&compact(text)) {
        return Ok(None);
    }
    let not_a_duration = || format!("`{text}` is not a duration such as `0:12` or `1:02:03`");
    if text.contains(':') {
        return clock_seconds(text).map(Some).ok_or_else(not_a_duration);
    }
    if let Some(seconds) = unit_seconds(text, style) {
        return Ok(Some(seconds));
    }
    decimal_value(&compact(text), style)
        .map(Some)
        .ok_or_else(not_a_duration)
}

/// `m:ss` or `h:mm:ss`, the last part possibly with a fraction.
fn clock_seconds(text: &str) -> Option<f64> {
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let (last, rest) = parts.split_last()?;
    let seconds: f64 = last
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite() && *s >= 0.0)?;
    rest.iter()
        .try_fold(0.0, |total: f64, part| {
            let n: u32 = part.parse().ok()?;
            Some((total + f64::from(n)) * 60.0)
        })
        .map(|minutes_in_seconds| minutes_in_seconds + seconds)
}

/// `1h 2m 3s`, `45s`, `2min`, `3 Std. 4 Min.`: number–unit pairs.
fn unit_seconds(text: &str, style: NumberStyle) -> Option<f64> {
    let lower = text.to_lowercase();
    let mut total = 0.0;
    let mut number = String::new();
    let mut unit = String::new();
    let mut pairs = 0;
    let flush = |number: &mut String, unit: &mut String, total: &mut f64| -> Option<()> {
        let factor = match unit.trim_end_matches('.') {
            "h" | "hr" | "hrs" | "std" | "stunden" | "stunde" => 3600.0,
            "m" | "min" | "mins" => 60.0,
            "s" | "sec" | "secs" | "sek" => 1.0,
            _ => return None,
        };
        *total += decimal_value(number, style)? * factor;
        number.clear();
        unit.clear();
        Some(())
    };
    for c in lower.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            if !unit.is_empty() {
                flush(&mut number, &mut unit, &mut total)?;
                pairs += 1;
            }
            number.push(c);
        } else {
            if number.is_empty() {
                return None;
            }
            unit.push(c);
        }
    }
    if number.is_empty() || unit.is_empty() {
        return None;
    }
    flush(&mut number, &mut unit, &mut total)?;
    (pairs < 4).then_some(total)
}

/// The cell without blanks of any kind.
fn compact(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect()
}

/// Empty or a dash: the export did not say.
fn is_blank(compact: &str) -> bool {
    compact.is_empty() || matches!(compact, "-" | "–" | "—")
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
    // An entry of a zip (`metrics/Content 2026-10-01_2026-10-31.zip/Table data.csv`)
    // or a file in a folder named by its period takes the nearest date up the path.
    file.rsplit('/').find_map(date_in_name)
}

/// The last date written in one path segment.
fn date_in_name(name: &str) -> Option<NaiveDate> {
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

    #[test]
    fn decimals_short_counts_rates_and_durations() {
        let (e, g) = (NumberStyle::ENGLISH, NumberStyle::GERMAN);
        assert_eq!(parse_decimal("12.5", e), Ok(Some(12.5)));
        assert_eq!(parse_decimal("1,234.5", e), Ok(Some(1234.5)));
        assert_eq!(parse_decimal("1.234,5", g), Ok(Some(1234.5)));
        assert!(parse_decimal("-3", e).is_err());
        assert_eq!(parse_short_count("1.2K", e), Ok(Some(1200)));
        assert_eq!(
            parse_short_count("\"18,400\"".trim_matches('"'), e),
            Ok(Some(18_400))
        );
        assert_eq!(parse_short_count("3.4M", e), Ok(Some(3_400_000)));
        assert_eq!(parse_short_count("1,2K", g), Ok(Some(1200)));
        assert_eq!(parse_short_count("", e), Ok(None));
        assert!(parse_short_count("lots", e).unwrap_err().contains("`lots`"));
        assert!(parse_short_count("K", e).is_err());
        assert_eq!(parse_rate("38%", e, false), Ok(Some(0.38)));
        assert_eq!(parse_rate("38,5 %", g, false), Ok(Some(0.385)));
        assert_eq!(parse_rate("4.5", e, true), Ok(Some(0.045)));
        assert_eq!(parse_rate("0.0523", e, false), Ok(Some(0.0523)));
        assert!(parse_rate("high", e, false).is_err());
        assert_eq!(parse_duration("0:12", e), Ok(Some(12.0)));
        assert_eq!(parse_duration("1:02:03", e), Ok(Some(3723.0)));
        assert_eq!(parse_duration("0:03:12.5", e), Ok(Some(192.5)));
        assert_eq!(parse_duration("45s", e), Ok(Some(45.0)));
        assert_eq!(parse_duration("1h 2m 3s", e), Ok(Some(3723.0)));
        assert_eq!(parse_duration("12.5", e), Ok(Some(12.5)));
        assert_eq!(parse_duration("-", e), Ok(None));
        assert!(parse_duration("1:xx", e).unwrap_err().contains("`1:xx`"));
        assert!(parse_duration("soon", e).is_err());
        assert!(parse_duration("1:2:3:4", e).is_err());
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
