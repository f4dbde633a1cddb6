//! Writing a planned post as a file in the repository's format (docs/format.md): TOML
//! front matter between `+++` lines, the keys in the order the manual lists them, then
//! the Markdown body. What most platforms share becomes the post's own `hashtags`,
//! `media` and body; a platform that differs gets a variant table (`[x]`) with only what
//! differs, plus its thread parts and first comment. The body is written exactly as the
//! draft has it (the calendar layouts end it with a line break), so an export imports back
//! byte for byte.

use chrono::{DateTime, LocalResult, TimeZone};
use chrono_tz::Tz;

use super::plan::{Entry, PostPlan};

/// The whole file for `plan`.
pub(crate) fn render_post(plan: &PostPlan, tz: Tz) -> String {
    let body = body_of(&plan.entries);
    let hashtags = most_common(&plan.entries, |e| &e.hashtags).clone();
    let media = most_common(&plan.entries, |e| &e.media).clone();
    let mut out = String::from("+++\n");
    let mut key = |name: &str, value: String| {
        out.push_str(name);
        out.push_str(" = ");
        out.push_str(&value);
        out.push('\n');
    };
    key("title", inline(&plan.title));
    key("publish_at", time(plan.time, tz));
    key(
        "platforms",
        list(plan.entries.iter().map(|e| e.platform.name()), inline),
    );
    key("status", inline(plan.status.name()));
    if let Some(pillar) = &plan.pillar {
        key("pillar", inline(pillar));
    }
    if let Some(campaign) = &plan.campaign {
        key("campaign", inline(campaign));
    }
    if let Some(link) = &plan.link {
        key("link", inline(link));
    }
    if !hashtags.is_empty() {
        key("hashtags", list(hashtags.iter(), |t| inline(t)));
    }
    if let Some(author) = &plan.author {
        key("author", inline(author));
    }
    if let Some(approved_by) = &plan.approved_by {
        key("approved_by", inline(approved_by));
    }
    if let Some((every, until, days)) = &plan.repeat {
        let days = if days.is_empty() {
            String::new()
        } else {
            format!(", days = {}", list(days.iter(), |d| inline(d)))
        };
        key(
            "repeat",
            format!("{{ every = {}, until = {until}{days} }}", inline(every)),
        );
    }
    if !media.is_empty() {
        key("media", media_list(&media));
    }
    for entry in &plan.entries {
        out.push_str(&variant(entry, &body, &hashtags, &media));
    }
    out.push_str("+++\n");
    out.push_str(&body);
    out
}

/// The variant table of one platform: only what differs from the post, or nothing.
fn variant(entry: &Entry, body: &str, hashtags: &[String], media: &[(String, Option<String>)]) -> String {
    let mut lines = Vec::new();
    if entry.text != body {
        lines.push(format!("text = {}", block(&entry.text)));
    }
    if entry.hashtags != hashtags {
        lines.push(format!(
            "hashtags = {}",
            list(entry.hashtags.iter(), |t| inline(t))
        ));
    }
    if entry.media != media {
        lines.push(format!("media = {}", media_list(&entry.media)));
    }
    if !entry.thread.is_empty() {
        lines.push(format!("thread = {}", list(entry.thread.iter(), |t| block(t))));
    }
    if let Some(comment) = &entry.first_comment {
        lines.push(format!("first_comment = {}", block(comment)));
    }
    if lines.is_empty() {
        return String::new();
    }
    format!("\n[{}]\n{}\n", entry.platform.name(), lines.join("\n"))
}

/// The body: the text most platforms share; on a tie, one that ends with a line break
/// (a body written in a file does, a variant's `text` usually not), else the earliest.
fn body_of(entries: &[Entry]) -> String {
    let count = |t: &str| entries.iter().filter(|e| e.text == t).count();
    let best = entries.iter().map(|e| count(&e.text)).max().unwrap_or(0);
    let tied: Vec<&Entry> = entries.iter().filter(|e| count(&e.text) == best).collect();
    tied.iter()
        .find(|e| e.text.ends_with('\n'))
        .or(tied.first())
        .map(|e| e.text.clone())
        .unwrap_or_default()
}

/// The value most entries share (the earliest on a tie).
fn most_common<'e, T: PartialEq>(entries: &'e [Entry], get: impl Fn(&'e Entry) -> &'e T) -> &'e T {
    let values: Vec<&T> = entries.iter().map(get).collect();
    let count = |v: &T| values.iter().filter(|w| **w == v).count();
    values
        .iter()
        .copied()
        .fold(None::<&T>, |best, v| match best {
            Some(b) if count(b) >= count(v) => Some(b),
            _ => Some(v),
        })
        .unwrap_or(values[0])
}

/// The local time as written by hand (`2026-12-01T09:00:00`) where that names one instant,
/// else the time with its offset.
fn time(t: DateTime<Tz>, tz: Tz) -> String {
    let local = t.with_timezone(&tz).naive_local();
    match tz.from_local_datetime(&local) {
        LocalResult::Single(_) => local.format("%Y-%m-%dT%H:%M:%S").to_string(),
        _ => t.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
    }
}

fn list<I: Iterator<Item = T>, T>(items: I, show: impl Fn(T) -> String) -> String {
    let shown: Vec<String> = items.map(show).collect();
    format!("[{}]", shown.join(", "))
}

fn media_list(media: &[(String, Option<String>)]) -> String {
    list(media.iter(), |(path, alt)| match alt {
        Some(alt) => format!("{{ path = {}, alt = {} }}", inline(path), inline(alt)),
        None => format!("{{ path = {} }}", inline(path)),
    })
}

/// A TOML basic string on one line.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML string that keeps its line breaks readable: a multi-line basic string when the
/// text has any (the newline after the opening quotes is not part of the value).
fn block(text: &str) -> String {
    if !text.contains('\n') {
        return inline(text);
    }
    let mut out = String::from("\"\"\"\n");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::platform::Platform;
    use chrono_tz::Europe::Berlin;

    fn entry(platform: Platform, text: &str) -> Entry {
        Entry {
            platform,
            text: text.to_owned(),
            thread: Vec::new(),
            first_comment: None,
            hashtags: vec!["rad".into()],
            media: vec![("media/a.png".into(), Some("Ein \"Rad\"".into()))],
        }
    }

    #[test]
    fn shared_content_goes_to_the_post_and_differences_to_variants() {
        let mut x = entry(Platform::X, "Kurz");
        x.thread = vec!["Zwei\nZeilen".into()];
        x.hashtags = Vec::new();
        let plan = PostPlan {
            id: "2026-12/a".into(),
            repeat: None,
            lines: vec![2],
            title: "A \\ B".into(),
            time: Berlin.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(),
            status: Status::Approved,
            pillar: Some("werkstatt".into()),
            campaign: None,
            link: Some("https://radwerk.de".into()),
            author: None,
            approved_by: Some("tim".into()),
            entries: vec![
                entry(Platform::Instagram, "Lang\n"),
                x,
                entry(Platform::Mastodon, "Lang\n"),
            ],
        };
        let expected = "+++\n\
            title = \"A \\\\ B\"\n\
            publish_at = 2026-12-01T09:00:00\n\
            platforms = [\"instagram\", \"x\", \"mastodon\"]\n\
            status = \"approved\"\n\
            pillar = \"werkstatt\"\n\
            link = \"https://radwerk.de\"\n\
            hashtags = [\"rad\"]\n\
            approved_by = \"tim\"\n\
            media = [{ path = \"media/a.png\", alt = \"Ein \\\"Rad\\\"\" }]\n\
            \n\
            [x]\n\
            text = \"Kurz\"\n\
            hashtags = []\n\
            thread = [\"\"\"\nZwei\nZeilen\"\"\"]\n\
            +++\n\
            Lang\n";
        assert_eq!(render_post(&plan, Berlin), expected);
    }

    #[test]
    fn an_hour_that_happens_twice_keeps_its_offset() {
        let t = Berlin.with_ymd_and_hms(2027, 10, 31, 1, 30, 0).unwrap() + chrono::Duration::hours(1);
        assert_eq!(time(t, Berlin), "2027-10-31T02:30:00+02:00");
        let t = t + chrono::Duration::hours(1);
        assert_eq!(time(t, Berlin), "2027-10-31T02:30:00+01:00");
    }

    #[test]
    fn written_strings_parse_back_to_the_same_text() {
        for text in [
            "a\"b",
            "x\\y",
            "zwei\nzeilen \"\"\" drei",
            "tab\there",
            "cr\r\nlf",
            "\u{7}",
        ] {
            for written in [inline(text), block(text)] {
                let value: toml::Value = toml::from_str(&format!("v = {written}")).unwrap();
                assert_eq!(value["v"].as_str(), Some(text), "{written}");
            }
        }
    }
}
