//! Series: a post that recurs (`repeat = { every = "1 week", until = 2027-06-30 }`).
//!
//! The occurrences are expanded here, once, in the local time of the repository's
//! timezone: a post at 09:00 stays at 09:00 on every date, across daylight saving time.
//! Each occurrence has a stable key, `{post id}@{local date}`, from which the publish
//! queue derives its row ids; the calendar, the exports and the cadence and mix checks
//! all read [`occurrences`], so they agree on what a series is.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

use super::fields::{INVALID_VALUE, Reader};
use super::node::Entry;
use crate::diagnostic::Pos;

/// At most this many occurrences are expanded for one post: a daily series over ten
/// years would otherwise flood every page and export.
pub const MAX_OCCURRENCES: usize = 1000;

/// The unit of `every`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// `N day(s)`.
    Day,
    /// `N week(s)`.
    Week,
    /// `N month(s)`: the same day of the month (the last day where a month is shorter).
    Month,
}

/// How a post recurs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Repeat {
    /// How many units between occurrences (1 or more).
    pub every: u32,
    /// Days, weeks or months.
    pub unit: Unit,
    /// The last day an occurrence may fall on (inclusive, local date).
    pub until: NaiveDate,
    /// Only these weekdays (empty: the weekday of `publish_at`, or any for days and months).
    #[serde(skip)]
    pub days: Vec<Weekday>,
    /// Where `repeat` is written.
    #[serde(skip)]
    pub pos: Pos,
}

/// One date a series post goes out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Occurrence {
    /// `{post id}@{YYYY-MM-DD}`: stable while the post keeps its id and the date.
    pub key: String,
    /// The local date.
    pub date: NaiveDate,
    /// The publish time, in the project's timezone.
    #[serde(serialize_with = "serialize_time")]
    pub at: DateTime<Tz>,
}

fn serialize_time<S: serde::Serializer>(t: &DateTime<Tz>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339())
}

const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Repeat {
    /// One line for a spreadsheet cell: `1 week until 2027-06-30`, with ` on tue,thu` when
    /// weekdays are set. The queue CSV carries it so `touchpoint import` can write the
    /// series back ([`parse_description`] reads it).
    pub fn describe(&self) -> String {
        let unit = match self.unit {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
        };
        let plural = if self.every == 1 { "" } else { "s" };
        let mut text = format!("{} {unit}{plural} until {}", self.every, self.until);
        if !self.days.is_empty() {
            let days: Vec<&str> = self
                .days
                .iter()
                .map(|d| DAYS[d.num_days_from_monday() as usize])
                .collect();
            text.push_str(&format!(" on {}", days.join(",")));
        }
        text
    }
}

/// A series described as [`Repeat::describe`] writes it: `every` as written, `until`, and
/// the weekday names; `None` when the text is no such description.
pub fn parse_description(text: &str) -> Option<(String, NaiveDate, Vec<String>)> {
    let (every, rest) = text.trim().split_once(" until ")?;
    let (until, days) = match rest.split_once(" on ") {
        Some((until, days)) => (until, days.split(',').map(|d| d.trim().to_owned()).collect()),
        None => (rest, Vec::new()),
    };
    parse_every(every)?;
    let until = NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d").ok()?;
    let days: Vec<String> = days;
    days.iter()
        .all(|d| DAYS.contains(&d.as_str()))
        .then(|| (every.trim().to_owned(), until, days))
}

/// Reads `repeat = { every = "1 week", until = 2027-06-30, days = ["tue"] }`.
pub fn read_repeat(entry: &Entry, r: &mut Reader<'_>) -> Option<Repeat> {
    let t = r.table("repeat", &entry.node)?;
    r.unknown_keys(&t, &["every", "until", "days"], |_| false);
    let every = r
        .require(&t, "every", "how often, e.g. \"1 week\"")
        .and_then(|e| r.string(e));
    let until = r
        .require(&t, "until", "the last day, YYYY-MM-DD")
        .and_then(|e| r.date(e));
    let days = t
        .get("days")
        .map(|e| {
            r.strings(e)
                .into_iter()
                .filter_map(|d| weekday(&d.value, d.pos, r))
                .collect()
        })
        .unwrap_or_default();
    let every = every?;
    let Some((n, unit)) = parse_every(&every.value) else {
        r.report_help(
            &INVALID_VALUE,
            every.pos,
            format!("`every` = \"{}\" is not an interval", every.value),
            "write \"N day(s)\", \"N week(s)\" or \"N month(s)\", e.g. \"2 weeks\"",
        );
        return None;
    };
    Some(Repeat {
        every: n,
        unit,
        until: until?.value,
        days,
        pos: entry.key_pos,
    })
}

fn weekday(name: &str, pos: Pos, r: &mut Reader<'_>) -> Option<Weekday> {
    if let Some(i) = DAYS.iter().position(|d| *d == name) {
        return Some(Weekday::try_from(i as u8).unwrap_or(Weekday::Mon));
    }
    r.report_help(
        &INVALID_VALUE,
        pos,
        format!("\"{name}\" is not a weekday"),
        format!("use one of: {}", DAYS.join(", ")),
    );
    None
}

/// `"2 weeks"` → (2, Week); `"week"` alone means 1.
pub fn parse_every(text: &str) -> Option<(u32, Unit)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (n, unit) = match words.as_slice() {
        [unit] => (1, *unit),
        [n, unit] => (n.parse().ok()?, *unit),
        _ => return None,
    };
    let unit = match unit.to_ascii_lowercase().trim_end_matches('s') {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        _ => return None,
    };
    (n >= 1).then_some((n, unit))
}

/// The local dates of a series starting on `start`, in order, at most
/// [`MAX_OCCURRENCES`]; `start` is always the first.
pub fn dates(start: NaiveDate, repeat: &Repeat) -> Vec<NaiveDate> {
    let mut out = vec![start];
    let n = u64::from(repeat.every);
    let wanted = |d: NaiveDate| repeat.days.is_empty() || repeat.days.contains(&d.weekday());
    match repeat.unit {
        Unit::Week if !repeat.days.is_empty() => {
            let monday = start.week(Weekday::Mon).first_day();
            let mut day = start;
            while let Some(next) = day.checked_add_days(Days::new(1)) {
                day = next;
                if day > repeat.until || out.len() >= MAX_OCCURRENCES {
                    break;
                }
                let week = (day - monday).num_days() as u64 / 7;
                if week.is_multiple_of(n) && wanted(day) {
                    out.push(day);
                }
            }
        }
        unit => {
            for k in 1.. {
                let Some(day) = step(start, unit, n * k) else {
                    break;
                };
                if day > repeat.until || out.len() >= MAX_OCCURRENCES {
                    break;
                }
                if wanted(day) {
                    out.push(day);
                }
            }
        }
    }
    out
}

/// `start` moved by `count` units (months from the start each time, so the 31st stays
/// the last day of shorter months without drifting).
fn step(start: NaiveDate, unit: Unit, count: u64) -> Option<NaiveDate> {
    match unit {
        Unit::Day => start.checked_add_days(Days::new(count)),
        Unit::Week => start.checked_add_days(Days::new(count.checked_mul(7)?)),
        Unit::Month => start.checked_add_months(Months::new(u32::try_from(count).ok()?)),
    }
}

/// The occurrences of a post at `start` recurring by `repeat`, in `tz` local time: the
/// same wall-clock time on each date. A time the clocks skip (spring forward) moves an
/// hour later; a time that happens twice (fall back) takes the first.
pub fn occurrences(post_id: &str, start: DateTime<Tz>, repeat: &Repeat) -> Vec<Occurrence> {
    let tz = start.timezone();
    let time = start.time();
    dates(start.date_naive(), repeat)
        .into_iter()
        .map(|date| {
            let at = if date == start.date_naive() {
                start
            } else {
                local(tz, date.and_time(time))
            };
            Occurrence {
                key: format!("{post_id}@{date}"),
                date,
                at,
            }
        })
        .collect()
}

fn local(tz: Tz, naive: NaiveDateTime) -> DateTime<Tz> {
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
        .unwrap_or_else(|| tz.from_utc_datetime(&naive))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn repeat(every: &str, until: &str, days: Vec<Weekday>) -> Repeat {
        let (every, unit) = parse_every(every).unwrap();
        Repeat {
            every,
            unit,
            until: d(until),
            days,
            pos: Pos::new(1, 1),
        }
    }

    #[test]
    fn every_parses_counts_and_plurals() {
        assert_eq!(parse_every("1 week"), Some((1, Unit::Week)));
        assert_eq!(parse_every("2 weeks"), Some((2, Unit::Week)));
        assert_eq!(parse_every("3 days"), Some((3, Unit::Day)));
        assert_eq!(parse_every("month"), Some((1, Unit::Month)));
        assert_eq!(parse_every("0 weeks"), None);
        assert_eq!(parse_every("weekly"), None);
        assert_eq!(parse_every("1 fortnight"), None);
    }

    #[test]
    fn weekly_until_is_inclusive() {
        let dates = dates(d("2027-03-02"), &repeat("1 week", "2027-03-23", vec![]));
        assert_eq!(
            dates,
            vec![d("2027-03-02"), d("2027-03-09"), d("2027-03-16"), d("2027-03-23")]
        );
    }

    #[test]
    fn months_keep_the_day_or_take_the_last() {
        let dates = dates(d("2027-01-31"), &repeat("1 month", "2027-04-30", vec![]));
        assert_eq!(
            dates,
            vec![d("2027-01-31"), d("2027-02-28"), d("2027-03-31"), d("2027-04-30")]
        );
    }

    #[test]
    fn weekdays_pick_days_within_every_nth_week() {
        // Tue 2027-03-02; every 2 weeks on tue and thu, until Fri 2027-03-19.
        let dates = dates(
            d("2027-03-02"),
            &repeat("2 weeks", "2027-03-19", vec![Weekday::Tue, Weekday::Thu]),
        );
        assert_eq!(
            dates,
            vec![d("2027-03-02"), d("2027-03-04"), d("2027-03-16"), d("2027-03-18")]
        );
    }

    #[test]
    fn local_time_holds_across_dst() {
        // Berlin moves to summer time on 2027-03-28: 09:00 is +01:00 before, +02:00 after.
        let start = Berlin.with_ymd_and_hms(2027, 3, 21, 9, 0, 0).unwrap();
        let all = occurrences("serie", start, &repeat("1 week", "2027-04-04", vec![]));
        let times: Vec<String> = all.iter().map(|o| o.at.to_rfc3339()).collect();
        assert_eq!(
            times,
            [
                "2027-03-21T09:00:00+01:00",
                "2027-03-28T09:00:00+02:00",
                "2027-04-04T09:00:00+02:00"
            ]
        );
        assert_eq!(all[1].key, "serie@2027-03-28");
    }

    #[test]
    fn a_skipped_time_moves_an_hour_later() {
        let start = Berlin.with_ymd_and_hms(2027, 3, 27, 2, 30, 0).unwrap();
        let all = occurrences("s", start, &repeat("1 day", "2027-03-28", vec![]));
        assert_eq!(all[1].at.to_rfc3339(), "2027-03-28T03:30:00+02:00");
    }

    #[test]
    fn long_series_are_capped() {
        let dates = dates(d("2027-01-01"), &repeat("1 day", "2099-12-31", vec![]));
        assert_eq!(dates.len(), MAX_OCCURRENCES);
    }

    #[test]
    fn a_description_reads_back_as_the_series_it_describes() {
        let weekly = repeat("2 weeks", "2027-06-30", vec![Weekday::Tue, Weekday::Thu]);
        assert_eq!(weekly.describe(), "2 weeks until 2027-06-30 on tue,thu");
        let (every, until, days) = parse_description(&weekly.describe()).unwrap();
        assert_eq!(
            (every.as_str(), until.to_string(), days),
            (
                "2 weeks",
                "2027-06-30".to_owned(),
                vec!["tue".to_owned(), "thu".to_owned()]
            )
        );
        assert_eq!(
            repeat("1 day", "2027-01-31", vec![]).describe(),
            "1 day until 2027-01-31"
        );
        assert_eq!(parse_description("1 fortnight until 2027-01-01"), None);
        assert_eq!(parse_description("1 week until 2027-02-30"), None);
        assert_eq!(parse_description("1 week until 2027-01-01 on someday"), None);
    }
}
