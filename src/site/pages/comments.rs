//! `comments.html`: every open review comment, grouped by post in publish order, so a
//! review meeting can walk through what is still to do.

use serde::Serialize;
use tera::Context;

use super::page::Page;
use crate::model::Post;
use crate::site::views::{CommentView, PostRow, Views, sort_by_time};

/// A post with its open comments.
#[derive(Serialize)]
struct PostComments {
    row: PostRow,
    comments: Vec<CommentView>,
}

/// The open comments page.
pub(super) fn page(views: &Views<'_>) -> Page {
    let project = views.project();
    let mut posts: Vec<&Post> = project
        .posts
        .iter()
        .filter(|p| project.comments_on(&p.id).iter().any(|c| !c.resolved))
        .collect();
    sort_by_time(&mut posts);
    let groups: Vec<PostComments> = posts
        .into_iter()
        .map(|post| PostComments {
            row: views.post_row(post),
            comments: views.open_comments(&post.id),
        })
        .collect();
    let mut context = Context::new();
    context.insert("groups", &groups);
    Page::new("comments.html", "comments.html", context)
}
