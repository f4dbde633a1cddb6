//! The planning keys of posts, campaigns and the strategy: series (`repeat`), the
//! evergreen pool, hashtag sets and banned hashtags, funnel stages and paid spend.
//!
//! Kept apart from the post and strategy readers so each stays about one thing; they
//! call in here for these keys. [`expand_hashtag_sets`] joins a post's sets to its
//! hashtags once, after loading, so every platform text, preview and export sees them.

use super::fields::{INVALID_VALUE, Reader, Table};
use super::node::Entry;
use crate::model::{Post, Spanned, Strategy};
use crate::platform::Platform;

/// The funnel stages a post may name with `funnel`.
pub const FUNNEL_STAGES: &[&str] = &["awareness", "consideration", "conversion", "loyalty"];

/// The post keys read here.
pub const POST_KEYS: &[&str] = &["hashtag_sets", "repeat", "evergreen", "funnel", "spend"];

/// The strategy tables read here.
pub const STRATEGY_KEYS: &[&str] = &["hashtag_sets", "banned_hashtags", "evergreen"];

/// Reads a post's planning keys (a holding statement only takes `hashtag_sets`).
pub fn read_post_planning(t: &Table<'_>, r: &mut Reader<'_>, post: &mut Post) {
    post.hashtag_sets = t.get("hashtag_sets").map(|e| r.strings(e)).unwrap_or_default();
    if post.is_crisis() {
        return;
    }
    post.evergreen = t.get("evergreen").and_then(|e| r.bool(e)).unwrap_or(false);
    post.funnel = t.get("funnel").and_then(|e| r.choice(e, FUNNEL_STAGES));
    post.spend = t.get("spend").and_then(|e| money(e, r));
    post.repeat = t.get("repeat").and_then(|e| super::repeat::read_repeat(e, r));
    if let (Some(repeat), Some(start)) = (&post.repeat, &post.publish_at)
        && repeat.until < start.value.date_naive()
    {
        r.report_help(
            &INVALID_VALUE,
            repeat.pos,
            format!(
                "the series ends ({}) before its first date ({})",
                repeat.until,
                start.value.date_naive()
            ),
            "set `until` to the last day the series should run",
        );
    }
}

/// An amount of money: a number that is not negative.
pub fn money(entry: &Entry, r: &mut Reader<'_>) -> Option<f64> {
    let value = r.number(entry)?;
    if value >= 0.0 {
        return Some(value);
    }
    r.report_help(
        &INVALID_VALUE,
        entry.node.pos,
        format!("`{}` = {value} is negative", entry.key),
        "write the amount in the project's currency, 0 or more",
    );
    None
}

/// Reads `[hashtag_sets]`, `[banned_hashtags]` and `[evergreen]` of strategy.toml.
pub fn read_strategy_planning(table: &Table<'_>, r: &mut Reader<'_>, strategy: &mut Strategy) {
    if let Some(sets) = table
        .get("hashtag_sets")
        .and_then(|e| r.table("hashtag_sets", &e.node))
    {
        for entry in sets.entries {
            let tags = super::post::read_hashtags(entry, r);
            strategy.hashtag_sets.insert(entry.key.clone(), tags);
        }
    }
    if let Some(banned) = table
        .get("banned_hashtags")
        .and_then(|e| r.table("banned_hashtags", &e.node))
    {
        for entry in banned.entries {
            let name = Spanned::new(entry.key.clone(), entry.key_pos);
            if entry.key != "all" && r.platform(&name).is_none() {
                continue;
            }
            let tags = super::post::read_hashtags(entry, r);
            strategy.banned_hashtags.insert(entry.key.clone(), tags);
        }
    }
    if let Some(evergreen) = table.get("evergreen").and_then(|e| r.table("evergreen", &e.node)) {
        r.unknown_keys(&evergreen, &["min_gap_days"], |_| false);
        strategy.evergreen_min_gap_days = evergreen.get("min_gap_days").and_then(|e| r.count(e));
    }
}

/// The banned tags that apply on `platform`: its own list and `all`'s.
pub fn banned_on(strategy: &Strategy, platform: Platform) -> impl Iterator<Item = &Spanned<String>> {
    ["all", platform.name()]
        .into_iter()
        .filter_map(|key| strategy.banned_hashtags.get(key))
        .flatten()
}

/// Joins the tags of the post's `hashtag_sets` to its `hashtags` (each once, compared
/// without case, in the sets' order after the post's own), positioned at the set's name
/// so a finding about a joined tag points where it came from. Unknown sets join nothing;
/// the `unknown-hashtag-set` rule reports them.
pub fn expand_hashtag_sets(strategy: &Strategy, post: &mut Post) {
    for set in &post.hashtag_sets {
        let Some(tags) = strategy.hashtag_sets.get(&set.value) else {
            continue;
        };
        for tag in tags {
            if !post
                .hashtags
                .iter()
                .any(|h| h.value.eq_ignore_ascii_case(&tag.value))
            {
                post.hashtags.push(Spanned::new(tag.value.clone(), set.pos));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::node::parse_toml;
    use crate::diagnostic::Pos;

    #[test]
    fn sets_join_after_the_posts_own_tags_once() {
        let node = parse_toml("[hashtag_sets]\nwerkstatt = [\"fahrrad\", \"werkstatt\"]\n", 1).unwrap();
        let mut r = Reader::new("strategy.toml");
        let mut strategy = Strategy::default();
        let table = r.table("strategy.toml", &node).unwrap();
        read_strategy_planning(&table, &mut r, &mut strategy);
        assert!(r.diagnostics.is_empty());
        let (project, _) = crate::load::load_project(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project"),
        )
        .unwrap();
        let mut post = project.posts.into_iter().next().unwrap();
        post.hashtags = vec![Spanned::new("Fahrrad".to_owned(), Pos::new(3, 1))];
        post.hashtag_sets = vec![Spanned::new("werkstatt".to_owned(), Pos::new(4, 1))];
        expand_hashtag_sets(&strategy, &mut post);
        let tags: Vec<(&str, u32)> = post
            .hashtags
            .iter()
            .map(|h| (h.value.as_str(), h.pos.line))
            .collect();
        assert_eq!(tags, vec![("Fahrrad", 3), ("werkstatt", 4)]);
    }
}
