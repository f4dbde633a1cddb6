//! `reviews/ID.md`: the review comments on post `ID`, one `[[comment]]` table each.
//!
//! Each comment is its own TOML table with one key a line, so adding a comment adds
//! lines and resolving one changes the single line `resolved = false`: the diff of a
//! review says exactly what happened to it.

use chrono::{DateTime, NaiveDate};

use super::fields::{INVALID_VALUE, Reader, Table};
use super::node::{Entry, Node, Value};
use crate::model::{Comment, Review};

const KEYS: &[&str] = &["comment"];
const COMMENT_KEYS: &[&str] = &["author", "date", "text", "resolved", "platform"];

/// Reads a review file's front matter; `post` (the post's id) and `file` come from the path.
pub fn read_review(post: &str, file: &str, node: &Node, r: &mut Reader<'_>) -> Review {
    let mut review = Review {
        post: post.to_owned(),
        file: file.to_owned(),
        comments: Vec::new(),
    };
    let Some(t) = r.table("front matter", node) else {
        return review;
    };
    r.unknown_keys(&t, KEYS, |_| false);
    let Some(entry) = t.get("comment") else {
        return review;
    };
    for item in r.list(entry) {
        if let Some(table) = r.table("comment", item) {
            review.comments.extend(read_comment(&table, r));
        }
    }
    review
}

/// One `[[comment]]`; `None` when a required key is missing or malformed (reported).
fn read_comment(t: &Table<'_>, r: &mut Reader<'_>) -> Option<Comment> {
    r.unknown_keys(t, COMMENT_KEYS, |_| false);
    let author = r
        .require(t, "author", "who wrote the comment, e.g. \"tim\"")
        .and_then(|e| r.string(e));
    let date = r
        .require(t, "date", "when, as YYYY-MM-DD or an RFC 3339 time")
        .and_then(|e| read_day(e, r));
    let text = r
        .require(t, "text", "what the reviewer says")
        .and_then(|e| r.string(e));
    let resolved = t.get("resolved").and_then(|e| r.bool(e)).unwrap_or(false);
    let platform = t
        .get("platform")
        .and_then(|e| r.string(e))
        .and_then(|name| r.platform(&name))
        .map(|p| p.value);
    let ((date, day), author, text) = (date?, author?, text?);
    Some(Comment {
        author: author.value,
        date,
        day,
        text: text.value,
        resolved,
        platform,
        pos: t.pos,
    })
}

/// A comment's date as written and its day: `YYYY-MM-DD` or an RFC 3339 time.
fn read_day(entry: &Entry, r: &mut Reader<'_>) -> Option<(String, NaiveDate)> {
    let written = match &entry.node.value {
        Value::Str(s) | Value::Datetime(s) => s.trim().to_owned(),
        _ => {
            r.report_help(
                &super::fields::WRONG_TYPE,
                entry.node.pos,
                format!("`date` is {}, expected a date", entry.node.value.kind_name()),
                "write `date = 2027-01-12` or `date = 2027-01-12T14:30:00+01:00`",
            );
            return None;
        }
    };
    let day = NaiveDate::parse_from_str(&written, "%Y-%m-%d").ok().or_else(|| {
        DateTime::parse_from_rfc3339(&written)
            .ok()
            .map(|t| t.date_naive())
    });
    if day.is_none() {
        r.report_help(
            &INVALID_VALUE,
            entry.node.pos,
            format!("`date` = `{written}` is neither a date nor an RFC 3339 time"),
            "write `date = 2027-01-12` or `date = 2027-01-12T14:30:00+01:00`",
        );
    }
    day.map(|d| (written, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::split;
    use crate::content::node::parse_toml;

    fn read(text: &str) -> (Review, Vec<(&'static str, u32)>) {
        let s = split(text).unwrap();
        let node = parse_toml(s.front_matter, s.front_matter_line).unwrap();
        let mut r = Reader::new("reviews/a.md");
        let review = read_review("a", "reviews/a.md", &node, &mut r);
        let found = r.diagnostics.iter().map(|d| (d.rule, d.line)).collect();
        (review, found)
    }

    #[test]
    fn reads_comments_with_dates_and_times() {
        let (review, found) = read(
            "+++\n[[comment]]\nauthor = \"tim\"\ndate = 2027-01-12\ntext = \"Kürzer?\"\n\n\
             [[comment]]\nauthor = \"ana\"\ndate = 2027-01-13T09:30:00+01:00\ntext = \"Ok\"\n\
             resolved = true\nplatform = \"x\"\n+++\n",
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(review.comments.len(), 2);
        assert!(!review.comments[0].resolved);
        assert_eq!(review.comments[0].pos.line, 2);
        assert_eq!(review.comments[1].day.to_string(), "2027-01-13");
        assert_eq!(review.comments[1].platform, Some(crate::platform::Platform::X));
    }

    #[test]
    fn malformed_entries_are_reported_at_their_line() {
        let (review, found) = read(
            "+++\n[[comment]]\nauthor = \"tim\"\ndate = \"gestern\"\ntext = \"a\"\n\
             [[comment]]\ndate = 2027-01-12\ntext = \"b\"\nresolvd = true\n+++\n",
        );
        assert!(review.comments.is_empty());
        assert_eq!(
            found,
            vec![("invalid-value", 4), ("unknown-key", 9), ("missing-key", 6)]
        );
    }
}
