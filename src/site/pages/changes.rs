//! `changes.html` (with `--since REV`): the posts added, changed and removed since a git
//! revision, the status transitions, and for each changed post its changed fields and a
//! word diff of each network's text.

use std::collections::BTreeMap;

use tera::Context;

use super::page::Page;
use crate::since::Changes;
use crate::site::paths::href;
use crate::site::views::Views;

/// The changes page.
pub(super) fn page(views: &Views<'_>, changes: &Changes) -> Page {
    let mut context = Context::new();
    context.insert("changes", changes);
    context.insert("links", &post_links(views, changes));
    context.insert("labels", &labels(views));
    Page::new("changes.html", "changes.html", context)
}

/// The words for status and field names (`review` → "In review", `time` → "Publish
/// time"): tera cannot look a label up by a computed key.
fn labels(views: &Views<'_>) -> BTreeMap<&'static str, String> {
    let statuses = crate::model::Status::ALL
        .iter()
        .map(|s| (s.name(), views.t(&format!("status_{}", s.name()))));
    let fields = crate::since::FIELDS
        .iter()
        .map(|f| (*f, views.t(&format!("field_{f}"))));
    statuses.chain(fields).collect()
}

/// The page of each post that still exists, by post id (removed posts have none).
fn post_links(views: &Views<'_>, changes: &Changes) -> BTreeMap<String, String> {
    let posts = (changes.added.iter()).chain(changes.changed.iter().map(|c| &c.post));
    posts
        .filter_map(|post| Some((post.id.clone(), href(views.page_of(&post.file)?))))
        .collect()
}
