//! Posting windows: a post should go out when the platform's audience is there.
//!
//! A platform with `[[windows]]` entries expects its posts inside one of them (local
//! time in the project's timezone, both ends inclusive). A post outside them gets a
//! warning that names the nearest window, so the fix is one edit away.

use chrono::{DateTime, Datelike, Days, NaiveDateTime, NaiveTime, Weekday};
use chrono_tz::Tz;

use super::Family;
use super::text::at_time;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{Post, Project, Status, Window};

/// A post outside every posting window of its platform.
pub const OUTSIDE_WINDOW: Rule = Rule {
    name: "outside-window",
    default: Severity::Warning,
    summary: "A post goes out outside every `[[windows]]` entry of one of its platforms; the help names the nearest window.",
};

/// The rules this module reports (the tests of each family read them).
pub const RULES: &[&Rule] = &[&OUTSIDE_WINDOW];

/// This family's rules and the checks that report them: its one entry in
/// [`super::FAMILIES`].
pub const FAMILY: Family = Family {
    rules: RULES,
    per_post: &[],
    dated: &[|project, post, _, out| check_post(project, post, out)],
    across: &[],
};

/// Checks a planned, not yet published post against its platforms' windows.
pub fn check_post(project: &Project, post: &Post, out: &mut Vec<Diagnostic>) {
    if !super::plan::counts(post) || post.status.value == Status::Published {
        return;
    }
    let Some(time) = post.time() else { return };
    for platform in &post.platforms {
        let windows: Vec<&Window> = project
            .strategy
            .windows
            .iter()
            .filter(|w| w.platform == platform.value)
            .collect();
        if windows.is_empty() || windows.iter().any(|w| contains(w, time.naive_local())) {
            continue;
        }
        out.push(finding(project, post, platform.value, time, &windows));
    }
}

fn finding(
    project: &Project,
    post: &Post,
    platform: crate::platform::Platform,
    time: DateTime<Tz>,
    windows: &[&Window],
) -> Diagnostic {
    let name = platform.display_name();
    let when = time.format("%a %Y-%m-%d %H:%M");
    let mut d = at_time(
        &OUTSIDE_WINDOW,
        project,
        post,
        format!("goes out on {name} at {when}, outside its posting windows"),
    );
    if let Some((window, at)) = nearest(windows, time.naive_local()) {
        d = d.help(format!(
            "move `publish_at` into the nearest {name} window, {} (closest: {})",
            describe(window),
            at.format("%a %Y-%m-%d %H:%M")
        ));
    }
    d
}

/// Whether a window applies on `day`.
fn applies_on(window: &Window, day: Weekday) -> bool {
    window.days.is_empty() || window.days.contains(&day)
}

/// Whether `at` (local) lies in the window; a window whose end is before its start
/// runs past midnight.
fn contains(window: &Window, at: NaiveDateTime) -> bool {
    let t = at.time();
    if window.from <= window.to {
        applies_on(window, at.weekday()) && t >= window.from && t <= window.to
    } else {
        let yesterday = at.weekday().pred();
        (applies_on(window, at.weekday()) && t >= window.from)
            || (applies_on(window, yesterday) && t <= window.to)
    }
}

/// The window closest to `at` and the moment in it closest to `at`, looking a week
/// either way.
fn nearest<'a>(windows: &[&'a Window], at: NaiveDateTime) -> Option<(&'a Window, NaiveDateTime)> {
    let mut best: Option<(i64, &Window, NaiveDateTime)> = None;
    for window in windows {
        for offset in -8i64..=8 {
            let Some(day) = shift(at.date(), offset) else {
                continue;
            };
            if !applies_on(window, day.weekday()) {
                continue;
            }
            let start = day.and_time(window.from);
            let end = if window.from <= window.to {
                day.and_time(window.to)
            } else {
                shift(day, 1).map_or(start, |d| d.and_time(window.to))
            };
            let closest = at.clamp(start, end);
            let distance = (closest - at).num_minutes().abs();
            if best.as_ref().is_none_or(|(b, _, _)| distance < *b) {
                best = Some((distance, window, closest));
            }
        }
    }
    best.map(|(_, w, t)| (w, t))
}

fn shift(day: chrono::NaiveDate, offset: i64) -> Option<chrono::NaiveDate> {
    if offset >= 0 {
        day.checked_add_days(Days::new(offset as u64))
    } else {
        day.checked_sub_days(Days::new(offset.unsigned_abs()))
    }
}

/// "Mon–Fri 07:00–09:30", "Sat, Sun 10:00–13:00", "every day 11:00–14:00".
pub fn describe(window: &Window) -> String {
    format!(
        "{} {}–{}",
        days_text(&window.days),
        clock(window.from),
        clock(window.to)
    )
}

fn clock(t: NaiveTime) -> String {
    if t == NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(t) {
        "24:00".to_owned()
    } else {
        t.format("%H:%M").to_string()
    }
}

fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

fn days_text(days: &[Weekday]) -> String {
    let mut idx: Vec<u32> = days.iter().map(|d| d.num_days_from_monday()).collect();
    idx.sort_unstable();
    idx.dedup();
    if idx.is_empty() || idx.len() == 7 {
        return "every day".to_owned();
    }
    let name = |i: u32| Weekday::try_from(i as u8).map_or("?", day_name);
    let contiguous = idx.windows(2).all(|w| w[1] == w[0] + 1);
    match (idx.first(), idx.last()) {
        (Some(&a), Some(&b)) if contiguous && idx.len() >= 3 => format!("{}–{}", name(a), name(b)),
        _ => idx.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;
    use crate::platform::Platform;

    fn window(days: &[Weekday], from: &str, to: &str) -> Window {
        Window {
            platform: Platform::Instagram,
            days: days.to_vec(),
            from: NaiveTime::parse_from_str(from, "%H:%M").unwrap(),
            to: NaiveTime::parse_from_str(to, "%H:%M").unwrap(),
            pos: Pos::new(1, 1),
        }
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    const WEEKDAYS: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    #[test]
    fn windows_describe_themselves() {
        assert_eq!(
            describe(&window(&WEEKDAYS, "07:00", "09:30")),
            "Mon–Fri 07:00–09:30"
        );
        assert_eq!(
            describe(&window(&[Weekday::Sun, Weekday::Sat], "10:00", "13:00")),
            "Sat, Sun 10:00–13:00"
        );
        assert_eq!(describe(&window(&[], "11:00", "14:00")), "every day 11:00–14:00");
    }

    #[test]
    fn ends_are_inclusive_and_overnight_windows_wrap() {
        let w = window(&WEEKDAYS, "07:00", "09:30");
        assert!(contains(&w, at("2026-12-01 09:30")));
        assert!(!contains(&w, at("2026-12-01 09:31")));
        assert!(!contains(&w, at("2026-12-05 08:00")), "Saturday");
        let night = window(&[Weekday::Fri], "22:00", "02:00");
        assert!(
            contains(&night, at("2026-12-05 01:00")),
            "Saturday 01:00 belongs to Friday night"
        );
    }

    #[test]
    fn the_nearest_window_is_found_across_days() {
        let morning = window(&WEEKDAYS, "07:00", "09:30");
        let weekend = window(&[Weekday::Sat, Weekday::Sun], "10:00", "13:00");
        // Saturday 15:00: the weekend window ended two hours ago.
        let (w, t) = nearest(&[&morning, &weekend], at("2026-12-05 15:00")).unwrap();
        assert_eq!(describe(w), "Sat, Sun 10:00–13:00");
        assert_eq!(t, at("2026-12-05 13:00"));
        // Tuesday 10:00: the morning window ended 30 minutes ago.
        let (w, _) = nearest(&[&morning, &weekend], at("2026-12-01 10:00")).unwrap();
        assert_eq!(describe(w), "Mon–Fri 07:00–09:30");
    }
}
