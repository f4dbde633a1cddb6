//! The one number and date formatter: every figure and date the site, the report, its
//! charts and the exports' human text show goes through here, in the project's language.
//!
//! English: `113,274`, `4.5%`, `Mar 17, 2027`. German: `113.274`, `4,5 %`, `17.03.2027`.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

/// The language of the site's labels, dates and numbers (`language` in touchpoint.toml).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Lang {
    /// English.
    En,
    /// German.
    De,
}

impl Lang {
    /// The language for a config value; anything but "de" is English.
    pub(crate) fn from_code(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("de") || code.to_ascii_lowercase().starts_with("de-") {
            Lang::De
        } else {
            Lang::En
        }
    }

    /// The code for `<html lang>`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// "December 2026" / "Dezember 2026".
pub(crate) fn month_title(lang: Lang, year: i32, month: u32) -> String {
    format!("{} {year}", month_name(lang, month))
}

/// The month's full name (1 = January).
pub(crate) fn month_name(lang: Lang, month: u32) -> &'static str {
    let index = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::En => MONTHS_EN[index],
        Lang::De => MONTHS_DE[index],
    }
}

/// "Mon" / "Mo".
pub(crate) fn weekday_short(lang: Lang, day: Weekday) -> &'static str {
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let de = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
    let index = day.num_days_from_monday() as usize;
    match lang {
        Lang::En => en[index],
        Lang::De => de[index],
    }
}

/// "Tue, Dec 1, 2026" / "Di, 01.12.2026".
pub(crate) fn date_long(lang: Lang, date: NaiveDate) -> String {
    format!(
        "{}, {}",
        weekday_short(lang, date.weekday()),
        date_short(lang, date)
    )
}

/// "Dec 1, 2026" / "01.12.2026".
pub(crate) fn date_short(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::En => format!(
            "{} {}, {}",
            &month_name(lang, date.month())[..3],
            date.day(),
            date.year()
        ),
        Lang::De => match four_digit_year(&date) {
            Some(year) => {
                let mut out = String::with_capacity(10);
                push_two_digits(&mut out, date.day());
                out.push('.');
                push_two_digits(&mut out, date.month());
                out.push('.');
                push_year(&mut out, year);
                out
            }
            None => date.format("%d.%m.%Y").to_string(),
        },
    }
}

/// "09:00".
pub(crate) fn time_of_day(time: &DateTime<Tz>) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "Tue, Dec 1, 2026, 09:00 CET" / "Di, 01.12.2026, 09:00 CET".
pub(crate) fn datetime_long(lang: Lang, time: &DateTime<Tz>) -> String {
    format!(
        "{}, {} {}",
        date_long(lang, time.date_naive()),
        time_of_day(time),
        // chrono's `%Z` is this: the zone's abbreviation (or its offset, where it has none).
        time.offset()
    )
}

/// The year of `t` when it has four digits, the one case the hand-written formatters
/// below cover; chrono's `format` spells every other year (a sign, five digits).
///
/// chrono parses its pattern again on every call of `format`: with the publish queue
/// formatting two or three times per row, that parsing was 2 % of a 10,000-post build's CPU.
pub(crate) fn four_digit_year(t: &impl Datelike) -> Option<u32> {
    u32::try_from(t.year()).ok().filter(|year| *year <= 9999)
}

/// `YYYY-MM-DDTHH:MM:SS` (`%Y-%m-%dT%H:%M:%S`) with `separators` between the six fields,
/// with room for a zone after it; `None` for a year [`four_digit_year`] refuses, which the
/// caller spells with chrono.
pub(crate) fn date_time_digits(t: &(impl Datelike + Timelike), separators: [&str; 5]) -> Option<String> {
    let year = four_digit_year(t)?;
    let mut out = String::with_capacity(25);
    push_year(&mut out, year);
    let fields = [t.month(), t.day(), t.hour(), t.minute(), t.second()];
    for (separator, field) in separators.into_iter().zip(fields) {
        out.push_str(separator);
        push_two_digits(&mut out, field);
    }
    Some(out)
}

/// Appends a `year` [`four_digit_year`] accepted as four digits.
fn push_year(out: &mut String, year: u32) {
    push_two_digits(out, year / 100);
    push_two_digits(out, year % 100);
}

/// Appends `value` (below 100) as two digits.
pub(crate) fn push_two_digits(out: &mut String, value: u32) {
    out.push(char::from(b'0' + (value / 10 % 10) as u8));
    out.push(char::from(b'0' + (value % 10) as u8));
}

/// Shown for a figure that is not known (a rate without reach, a change without data).
pub(crate) const UNKNOWN: &str = "—";

/// The decimal separator: "." / ",".
fn decimal_separator(lang: Lang) -> char {
    match lang {
        Lang::En => '.',
        Lang::De => ',',
    }
}

/// The thousands separator: "," / ".".
fn thousands_separator(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        Lang::De => '.',
    }
}

/// A number with thousands separators: "113,274" / "113.274". Small numbers with a
/// fraction keep one decimal ("2.5" / "2,5"); the rest are rounded to whole numbers.
pub(crate) fn number(lang: Lang, value: f64) -> String {
    if !value.is_finite() {
        return UNKNOWN.to_owned();
    }
    let tenths = (value * 10.0).round();
    if tenths % 10.0 != 0.0 && value.abs() < 100.0 {
        let text = format!("{:.1}", tenths / 10.0);
        return text.replace('.', &decimal_separator(lang).to_string());
    }
    let rounded = value.round();
    let digits = format!("{}", rounded.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(thousands_separator(lang));
        }
        out.push(c);
    }
    out
}

/// An amount of money with two decimals and thousands separators: "1,200.00" / "1.200,00".
/// The repository names no currency, so none is shown.
pub(crate) fn money(lang: Lang, value: f64) -> String {
    if !value.is_finite() {
        return UNKNOWN.to_owned();
    }
    let cents = (value.abs() * 100.0).round() as u64;
    let whole = number(lang, (cents / 100) as f64);
    let sign = if value < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{whole}{}{:02}", decimal_separator(lang), cents % 100)
}

/// A number with its sign: "+1,234", "-56", "0".
pub(crate) fn signed(lang: Lang, value: f64) -> String {
    let text = number(lang, value);
    if value.is_finite() && value.round() > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

/// A fraction as a percentage: 0.045 → "4.5%" / "4,5 %"; whole numbers without a
/// decimal (0.4 → "40%" / "40 %").
pub(crate) fn percent(lang: Lang, fraction: f64) -> String {
    if !fraction.is_finite() {
        return UNKNOWN.to_owned();
    }
    let value = fraction * 100.0;
    let text = if (value - value.round()).abs() < 0.05 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:.1}")
    };
    match lang {
        Lang::En => format!("{text}%"),
        Lang::De => format!("{} %", text.replace('.', ",")),
    }
}

/// A percentage with its sign: "+4.5%" / "+4,5 %".
pub(crate) fn signed_percent(lang: Lang, fraction: f64) -> String {
    let text = percent(lang, fraction);
    if fraction.is_finite() && fraction > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_percentages_follow_the_language() {
        assert_eq!(number(Lang::En, 113_274.0), "113,274");
        assert_eq!(number(Lang::De, 113_274.0), "113.274");
        assert_eq!(number(Lang::En, 1_234_567.4), "1,234,567");
        assert_eq!(number(Lang::De, 50_000.0), "50.000");
        assert_eq!(number(Lang::De, 999.0), "999");
        assert_eq!(number(Lang::En, -1500.0), "-1,500");
        assert_eq!(number(Lang::De, -1500.0), "-1.500");
        assert_eq!(number(Lang::En, 2.5), "2.5");
        assert_eq!(number(Lang::De, 2.5), "2,5");
        assert_eq!(number(Lang::De, 2.04), "2");
        assert_eq!(number(Lang::En, f64::NAN), "—");
        assert_eq!(signed(Lang::De, 1234.0), "+1.234");
        assert_eq!(money(Lang::En, 1200.0), "1,200.00");
        assert_eq!(money(Lang::De, 1200.0), "1.200,00");
        assert_eq!(money(Lang::De, 0.125), "0,13");
        assert_eq!(money(Lang::En, -4.5), "-4.50");
        assert_eq!(money(Lang::En, f64::NAN), "—");
        assert_eq!(signed(Lang::En, -12.0), "-12");
        assert_eq!(signed(Lang::En, 0.0), "0");
        assert_eq!(percent(Lang::En, 0.045), "4.5%");
        assert_eq!(percent(Lang::De, 0.045), "4,5 %");
        assert_eq!(percent(Lang::En, 0.4), "40%");
        assert_eq!(percent(Lang::De, 0.125), "12,5 %");
        assert_eq!(percent(Lang::De, f64::INFINITY), "—");
        assert_eq!(signed_percent(Lang::De, 0.045), "+4,5 %");
    }

    #[test]
    fn dates_read_naturally() {
        let date = NaiveDate::from_ymd_opt(2027, 3, 17).unwrap();
        assert_eq!(date_short(Lang::En, date), "Mar 17, 2027");
        assert_eq!(date_short(Lang::De, date), "17.03.2027");
        assert_eq!(date_long(Lang::En, date), "Wed, Mar 17, 2027");
        assert_eq!(date_long(Lang::De, date), "Mi, 17.03.2027");
        assert_eq!(month_title(Lang::De, 2026, 3), "März 2026");
    }

    #[test]
    fn dates_spell_like_chrono_in_every_year_and_zone() {
        for (y, m, d) in [(2027, 3, 17), (999, 1, 2), (12345, 12, 31), (-44, 3, 15)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date_short(Lang::De, date), date.format("%d.%m.%Y").to_string());
        }
        let utc = NaiveDate::from_ymd_opt(2026, 7, 1)
            .unwrap()
            .and_hms_opt(8, 5, 0)
            .unwrap()
            .and_utc();
        for zone in ["Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata", "Etc/GMT+5"] {
            let time = utc.with_timezone(&zone.parse::<Tz>().unwrap());
            let expected = format!("Wed, Jul 1, 2026, {} {}", time.format("%H:%M"), time.format("%Z"));
            assert_eq!(datetime_long(Lang::En, &time), expected, "{zone}");
        }
    }
}
