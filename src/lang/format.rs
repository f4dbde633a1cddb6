//! Dates and numbers as the site prints them, in the project's language.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

/// The language of the site's labels, dates and numbers (`language` in touchpoint.toml).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
}

impl Lang {
    /// The language for a config value; anything but "de" is English.
    pub fn from_code(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("de") || code.to_ascii_lowercase().starts_with("de-") {
            Lang::De
        } else {
            Lang::En
        }
    }

    /// The code for `<html lang>`.
    pub fn code(self) -> &'static str {
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

/// "Tue 1 Dec 2026" / "Di, 01.12.2026".
pub(crate) fn date_long(lang: Lang, date: NaiveDate) -> String {
    let day = weekday_short(lang, date.weekday());
    match lang {
        Lang::En => format!(
            "{day} {} {} {}",
            date.day(),
            &month_name(lang, date.month())[..3],
            date.year()
        ),
        Lang::De => format!("{day}, {}", date.format("%d.%m.%Y")),
    }
}

/// "1 Dec 2026" / "01.12.2026".
pub(crate) fn date_short(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            &month_name(lang, date.month())[..3],
            date.year()
        ),
        Lang::De => date.format("%d.%m.%Y").to_string(),
    }
}

/// "09:00".
pub(crate) fn time_of_day(time: &DateTime<Tz>) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "Tue 1 Dec 2026, 09:00 CET" / "Di, 01.12.2026, 09:00 CET".
pub(crate) fn datetime_long(lang: Lang, time: &DateTime<Tz>) -> String {
    format!(
        "{}, {} {}",
        date_long(lang, time.date_naive()),
        time_of_day(time),
        time.format("%Z")
    )
}

/// A whole number with thousands separators: "12,500" / "12.500".
pub(crate) fn number(lang: Lang, value: f64) -> String {
    if !value.is_finite() {
        return String::from("–");
    }
    let rounded = value.round();
    let digits = format!("{}", rounded.abs() as u64);
    let separator = match lang {
        Lang::En => ',',
        Lang::De => '.',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    if rounded < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A fraction as a percentage: 0.4 → "40%" / "40 %"; one decimal when it matters.
pub(crate) fn percent(lang: Lang, fraction: f64) -> String {
    if !fraction.is_finite() {
        return String::from("–");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_percentages_follow_the_language() {
        assert_eq!(number(Lang::En, 1234567.0), "1,234,567");
        assert_eq!(number(Lang::De, 50000.0), "50.000");
        assert_eq!(number(Lang::De, 999.0), "999");
        assert_eq!(percent(Lang::En, 0.4), "40%");
        assert_eq!(percent(Lang::De, 0.125), "12,5 %");
    }

    #[test]
    fn dates_read_naturally() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(date_long(Lang::En, date), "Tue 1 Dec 2026");
        assert_eq!(date_long(Lang::De, date), "Di, 01.12.2026");
        assert_eq!(month_title(Lang::De, 2026, 3), "März 2026");
    }
}
