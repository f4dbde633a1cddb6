//! `posts/**/*.md` and `crisis/*.md`: one post (or holding statement) per file.

use std::collections::BTreeMap;

use chrono_tz::Tz;

use super::fields::{INVALID_VALUE, Reader, Table};
use super::node::Entry;
use super::node::Node;
use super::time::{AMBIGUOUS_LOCAL_TIME, NONEXISTENT_LOCAL_TIME, Resolved, resolve};
use crate::diagnostic::{Pos, Rule, Severity};
use crate::model::{MediaRef, Post, Spanned, Status, Variant};
use crate::platform::Platform;

/// A hashtag written with its '#', or with spaces.
pub const HASHTAG_FORMAT: Rule = Rule {
    name: "hashtag-format",
    default: Severity::Warning,
    summary: "A hashtag in `hashtags` written with '#' or containing spaces; list tags without '#'.",
};
/// A variant table for a platform the post does not go to.
pub const UNUSED_VARIANT: Rule = Rule {
    name: "unused-variant",
    default: Severity::Warning,
    summary: "A per-platform table such as `[x]` for a platform that is not in the post's `platforms`.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[&HASHTAG_FORMAT, &UNUSED_VARIANT];

const POST_KEYS: &[&str] = &[
    "title",
    "publish_at",
    "platforms",
    "status",
    "pillar",
    "personas",
    "campaign",
    "link",
    "link_title",
    "link_image",
    "hashtags",
    "sponsored",
    "author",
    "approved_by",
    "media",
];
const CRISIS_KEYS: &[&str] = &[
    "title",
    "scenario",
    "platforms",
    "pillar",
    "personas",
    "campaign",
    "link",
    "link_title",
    "link_image",
    "hashtags",
    "sponsored",
    "author",
    "approved_by",
    "media",
];
const VARIANT_KEYS: &[&str] = &[
    "text",
    "hashtags",
    "media",
    "thread",
    "first_comment",
    "permalink",
];
const STATUSES: &[&str] = &[
    "idea",
    "draft",
    "review",
    "approved",
    "scheduled",
    "published",
    "cancelled",
];

/// Where a file sits, which decides the keys it may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostKind {
    /// `posts/**/*.md`.
    Post,
    /// `crisis/*.md`: a holding statement.
    Crisis,
}

/// The parts of a file a post is read from.
pub struct PostSource<'a> {
    /// Id from the path.
    pub id: &'a str,
    /// Repository-relative path.
    pub file: &'a str,
    /// Parsed front matter.
    pub node: &'a Node,
    /// Markdown body.
    pub body: &'a str,
    /// File line of the body's first line.
    pub body_line: u32,
    /// Post or holding statement.
    pub kind: PostKind,
}

/// Reads a post; problems are reported and the post is still returned with what could be read.
pub fn read_post(src: &PostSource<'_>, tz: Tz, r: &mut Reader<'_>) -> Post {
    let start = Pos::new(1, 1);
    let mut post = Post {
        id: src.id.to_owned(),
        file: src.file.to_owned(),
        title: Spanned::new(src.id.to_owned(), start),
        publish_at: None,
        platforms: Vec::new(),
        status: Spanned::new(
            if src.kind == PostKind::Crisis {
                Status::Approved
            } else {
                Status::Draft
            },
            start,
        ),
        pillar: None,
        personas: Vec::new(),
        campaign: None,
        link: None,
        link_title: None,
        link_image: None,
        hashtags: Vec::new(),
        sponsored: false,
        author: None,
        approved_by: None,
        media: Vec::new(),
        variants: BTreeMap::new(),
        body: src.body.to_owned(),
        body_line: src.body_line,
        scenario: None,
        hashtag_sets: Vec::new(),
        repeat: None,
        evergreen: false,
        funnel: None,
        spend: None,
        facts: crate::model::PostFacts::default(),
    };
    let Some(t) = r.table("front matter", src.node) else {
        return post;
    };
    let keys = if src.kind == PostKind::Crisis {
        CRISIS_KEYS
    } else {
        POST_KEYS
    };
    let planning: &[&str] = if src.kind == PostKind::Crisis {
        &["hashtag_sets"]
    } else {
        super::planning::POST_KEYS
    };
    r.unknown_keys(&t, keys, |k| {
        Platform::from_name(k).is_some() || planning.contains(&k)
    });
    if let Some(title) = r
        .require(&t, "title", "a working title")
        .and_then(|e| r.string(e))
    {
        post.title = title;
    }
    if let Some(e) = r.require(&t, "platforms", "the platforms it goes to, e.g. [\"instagram\"]") {
        post.platforms = r.platforms(e);
    }
    match src.kind {
        PostKind::Post => read_schedule(&t, tz, r, &mut post),
        PostKind::Crisis => {
            post.scenario = r
                .require(&t, "scenario", "the emergency it answers")
                .and_then(|e| r.string(e))
                .map(|s| s.value);
        }
    }
    read_references(&t, r, &mut post);
    super::planning::read_post_planning(&t, r, &mut post);
    read_variants(&t, r, &mut post);
    post
}

fn read_schedule(t: &Table<'_>, tz: Tz, r: &mut Reader<'_>, post: &mut Post) {
    if let Some(status) = r
        .require(
            t,
            "status",
            "one of idea, draft, review, approved, scheduled, published, cancelled",
        )
        .and_then(|e| r.choice(e, STATUSES))
    {
        post.status = Spanned::new(
            Status::from_name(&status.value).unwrap_or(Status::Draft),
            status.pos,
        );
    }
    match t.get("publish_at") {
        Some(e) => post.publish_at = read_time(e, tz, r),
        None if post.status.value.needs_time() => r.missing(
            t,
            "publish_at",
            &format!(
                "when it goes out; a `{}` post needs a time",
                post.status.value.name()
            ),
        ),
        None => {}
    }
}

fn read_references(t: &Table<'_>, r: &mut Reader<'_>, post: &mut Post) {
    post.pillar = t.get("pillar").and_then(|e| r.string(e));
    post.personas = t.get("personas").map(|e| r.strings(e)).unwrap_or_default();
    post.campaign = t.get("campaign").and_then(|e| r.string(e));
    post.link = t.get("link").and_then(|e| super::links::read_url(e, r));
    post.link_title = t.get("link_title").and_then(|e| r.string(e));
    post.link_image = t.get("link_image").and_then(|e| r.string(e));
    post.hashtags = t.get("hashtags").map(|e| read_hashtags(e, r)).unwrap_or_default();
    post.sponsored = t.get("sponsored").and_then(|e| r.bool(e)).unwrap_or(false);
    post.author = t.get("author").and_then(|e| r.string(e)).map(|s| s.value);
    post.approved_by = t.get("approved_by").and_then(|e| r.string(e)).map(|s| s.value);
    post.media = t.get("media").map(|e| read_media(e, r)).unwrap_or_default();
}

fn read_variants(t: &Table<'_>, r: &mut Reader<'_>, post: &mut Post) {
    for entry in t.entries {
        let Some(platform) = Platform::from_name(&entry.key) else {
            continue;
        };
        let Some(v) = r.table(&entry.key, &entry.node) else {
            continue;
        };
        r.unknown_keys(&v, VARIANT_KEYS, |_| false);
        if !post.platforms.is_empty() && !post.has_platform(platform) {
            r.report_help(
                &UNUSED_VARIANT,
                entry.key_pos,
                format!("`[{platform}]` overrides a platform this post does not go to"),
                format!("add \"{platform}\" to `platforms`, or remove the table"),
            );
        }
        let variant = Variant {
            text: v.get("text").and_then(|e| r.string(e)),
            hashtags: v.get("hashtags").map(|e| read_hashtags(e, r)),
            media: v.get("media").map(|e| read_media(e, r)),
            thread: v.get("thread").map(|e| r.strings(e)).unwrap_or_default(),
            first_comment: v.get("first_comment").and_then(|e| r.string(e)),
            permalink: v.get("permalink").and_then(|e| super::links::read_url(e, r)),
            pos: entry.key_pos,
        };
        post.variants.insert(platform, variant);
    }
}

fn read_time(entry: &Entry, tz: Tz, r: &mut Reader<'_>) -> Option<Spanned<chrono::DateTime<Tz>>> {
    let text = match &entry.node.value {
        super::node::Value::Str(s) | super::node::Value::Datetime(s) => s.clone(),
        _ => {
            r.report_help(
                &super::fields::WRONG_TYPE,
                entry.node.pos,
                format!(
                    "`publish_at` is {}, expected a date-time",
                    entry.node.value.kind_name()
                ),
                "write it as 2026-12-01T09:00:00 (local time) or with an offset",
            );
            return None;
        }
    };
    let pos = entry.node.pos;
    match resolve(&text, tz) {
        Resolved::Exact(t) => Some(Spanned::new(t, pos)),
        Resolved::Ambiguous(early, late) => {
            r.report_help(
                &AMBIGUOUS_LOCAL_TIME,
                pos,
                format!(
                    "{text} happens twice in {} (clocks fall back); using the first, {}",
                    tz.name(),
                    early.to_rfc3339()
                ),
                format!(
                    "write the offset to choose: {} or {}",
                    early.to_rfc3339(),
                    late.to_rfc3339()
                ),
            );
            Some(Spanned::new(early, pos))
        }
        Resolved::Nonexistent => {
            r.report_help(
                &NONEXISTENT_LOCAL_TIME,
                pos,
                format!(
                    "{text} does not exist in {}: the clocks skip it for daylight saving time",
                    tz.name()
                ),
                "pick a time an hour later, or write it with an explicit offset",
            );
            None
        }
        Resolved::Malformed => {
            r.report_help(
                &INVALID_VALUE,
                pos,
                format!("`publish_at` = \"{text}\" is not a date-time"),
                "write it as 2026-12-01T09:00:00 or 2026-12-01 09:00 (local time), or with an offset",
            );
            None
        }
    }
}

/// Reads a list of hashtags, stripping a leading '#' (with a warning) and rejecting spaces.
pub fn read_hashtags(entry: &Entry, r: &mut Reader<'_>) -> Vec<Spanned<String>> {
    let tags = r.strings(entry);
    tags.into_iter()
        .filter_map(|tag| {
            let bare = tag.value.trim_start_matches('#');
            if bare.is_empty() || bare.chars().any(char::is_whitespace) {
                r.report_help(
                    &HASHTAG_FORMAT,
                    tag.pos,
                    format!("\"{}\" is not a hashtag", tag.value),
                    "hashtags are single words without spaces, e.g. \"winterreifen\"",
                );
                return None;
            }
            if bare.len() != tag.value.len() {
                r.report_help(
                    &HASHTAG_FORMAT,
                    tag.pos,
                    format!("hashtag \"{}\" is written with '#'", tag.value),
                    format!("write \"{bare}\"; Touchpoint adds the '#'"),
                );
            }
            Some(Spanned::new(bare.to_owned(), tag.pos))
        })
        .collect()
}

fn read_media(entry: &Entry, r: &mut Reader<'_>) -> Vec<MediaRef> {
    let items = r.list(entry);
    items
        .iter()
        .filter_map(|item| {
            let t = r.table("media", item)?;
            r.unknown_keys(&t, &["path", "alt"], |_| false);
            let path = r
                .require(&t, "path", "the file under media/")
                .and_then(|e| r.string(e))?;
            let alt = t.get("alt").and_then(|e| r.string(e));
            Some(MediaRef { path, alt })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::node::{parse_toml, parse_yaml};
    use chrono_tz::Europe::Berlin;

    fn read(text: &str, yaml: bool) -> (Post, Vec<crate::diagnostic::Diagnostic>) {
        let node = if yaml {
            parse_yaml(text, 2)
        } else {
            parse_toml(text, 2)
        }
        .unwrap();
        let mut r = Reader::new("posts/a.md");
        let src = PostSource {
            id: "a",
            file: "posts/a.md",
            node: &node,
            body: "Hi",
            body_line: 10,
            kind: PostKind::Post,
        };
        let post = read_post(&src, Berlin, &mut r);
        (post, r.diagnostics)
    }

    #[test]
    fn reads_a_full_post() {
        let (post, diags) = read(
            r#"title = "T"
publish_at = 2026-12-01T09:00:00
platforms = ["instagram", "x"]
status = "approved"
pillar = "werkstatt"
hashtags = ["winter"]
media = [{ path = "media/a.jpg", alt = "A" }]
[x]
text = "short"
thread = ["two"]
"#,
            false,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(post.status.value, Status::Approved);
        assert_eq!(post.time().unwrap().to_rfc3339(), "2026-12-01T09:00:00+01:00");
        assert_eq!(post.variants[&Platform::X].thread[0].value, "two");
        assert_eq!(post.variants[&Platform::X].text.as_ref().unwrap().pos.line, 10);
        assert_eq!(post.media_for(Platform::Instagram)[0].path.value, "media/a.jpg");
    }

    #[test]
    fn yaml_posts_read_the_same() {
        let (post, diags) = read(
            "title: T\npublish_at: 2026-12-01 09:00\nplatforms: [bluesky]\nstatus: draft\nbluesky:\n  text: kurz\n",
            true,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            post.variants[&Platform::Bluesky].text.as_ref().unwrap().value,
            "kurz"
        );
    }

    #[test]
    fn reports_each_problem_at_its_line() {
        let (_, diags) = read(
            "title = \"T\"\nplatforms = [\"x\"]\nstatus = \"aproved\"\nhashtags = [\"#winter\"]\n[linkedin]\ntext = \"x\"\n",
            false,
        );
        let found: Vec<_> = diags.iter().map(|d| (d.rule, d.line)).collect();
        assert_eq!(
            found,
            vec![
                ("invalid-value", 4),
                ("missing-key", 2),
                ("hashtag-format", 5),
                ("unused-variant", 6)
            ]
        );
    }

    #[test]
    fn dst_gap_is_an_error() {
        let (post, diags) = read(
            "title = \"T\"\nplatforms = [\"x\"]\nstatus = \"draft\"\npublish_at = 2027-03-28T02:30:00\n",
            false,
        );
        assert!(post.publish_at.is_none());
        assert_eq!(diags[0].rule, "nonexistent-local-time");
        assert_eq!(diags[0].line, 5);
    }
}
