//! Touchpoint's own queue CSV (`touchpoint export --format csv`, docs/export.md): a row
//! per (post, platform), grouped back into posts by the `post` column.
//!
//! The source columns (`text_source`, `thread_source`, `first_comment_source`, `hashtags`,
//! `link_source`) carry the Markdown and tags before composition, so the written posts
//! compose to exactly the exported texts. A file without them (an older export) is read
//! from the final texts (`content`, `thread`, `first_comment`, `link`) instead. Every cell
//! first loses the `'` the export adds before formula characters ([`restore`]).

use super::draft::{Draft, Header, hashtags_in, platform_named, status_named};
use super::{Context, table::Line};
use crate::export::csv::LIST_SEPARATOR;
use crate::spreadsheet::restore;

/// Whether `header` is the queue CSV's.
pub(crate) fn matches(header: &Header) -> bool {
    ["id", "scheduled_at", "platform", "content", "post"]
        .iter()
        .all(|c| header.has(c))
}

/// One queue row as a draft.
pub(crate) fn read_row(header: &Header, line: &Line, context: &Context) -> Result<Draft, String> {
    let cells: Vec<String> = line.cells.iter().map(|c| restore(c).into_owned()).collect();
    let get = |name: &str| header.cell(&cells, name);
    let has_source = header.has("text_source");
    let pick = |source: &str, fallback: &str| if has_source { get(source) } else { get(fallback) };

    let post = get("post").trim();
    if post.is_empty() {
        return Err("the `post` cell is empty".to_owned());
    }
    let platform_name = get("platform");
    let platform = platform_named(platform_name)
        .ok_or_else(|| format!("unknown platform `{}` in `platform`", platform_name.trim()))?;
    let when = if get("scheduled_at_local").trim().is_empty() {
        get("scheduled_at")
    } else {
        get("scheduled_at_local")
    };
    let time = super::time::parse_time(when, context.date_format, context.tz)?;
    let mut draft = Draft::new(
        line.line,
        time,
        vec![platform],
        pick("text_source", "content").to_owned(),
    );
    draft.post = Some(post.to_owned());
    draft.title = header.optional(&cells, "title");
    draft.thread = list(pick("thread_source", "thread"));
    draft.first_comment = non_empty(pick("first_comment_source", "first_comment"));
    draft.link = non_empty(pick("link_source", "link"));
    draft.hashtags = hashtags_in(get("hashtags"));
    draft.media = media(get("media_urls"), get("media_alt"));
    draft.status = match header.optional(&cells, "status") {
        Some(s) => Some(status_named(&s)?),
        None => None,
    };
    draft.pillar = header.optional(&cells, "pillar");
    draft.campaign = header.optional(&cells, "campaign");
    draft.author = header.optional(&cells, "author");
    draft.approved_by = header.optional(&cells, "approved_by");
    draft.repeat = match header.optional(&cells, "repeat") {
        Some(text) => Some(crate::content::repeat::parse_description(&text).ok_or_else(|| {
            format!("`repeat` = \"{text}\" is no series; write it as \"1 week until 2027-06-30\" (optionally \" on tue,thu\")")
        })?),
        None => None,
    };
    Ok(draft)
}

fn non_empty(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_owned())
}

/// A list cell: items separated by a `---` line; an empty cell is an empty list.
fn list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    cell.split(LIST_SEPARATOR).map(str::to_owned).collect()
}

/// Media paths with their alt texts, matched by position (an empty alt is none).
fn media(paths: &str, alts: &str) -> Vec<(String, Option<String>)> {
    let alts = list(alts);
    list(paths)
        .into_iter()
        .enumerate()
        .map(|(i, path)| (path, alts.get(i).filter(|a| !a.is_empty()).cloned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_alts_pair_up_by_position() {
        assert_eq!(
            media("a.png\n---\nb.png", "Rad\n---\n"),
            vec![
                ("a.png".to_owned(), Some("Rad".to_owned())),
                ("b.png".to_owned(), None)
            ]
        );
        assert!(media("", "").is_empty());
    }
}
