//! What the page families share: the [`Page`] they return, the [`Lazy`] job that
//! prepares it, and the pieces several list and entity pages use. A leaf of `pages/`:
//! it imports no page family and not `pages` itself.

use chrono::NaiveDate;
use serde::Serialize;
use tera::Context;

use crate::model::{Post, Project};
use crate::site::views::{Chip, Views};

/// One page to render.
pub(crate) struct Page {
    /// Output path, relative to the site root.
    pub path: String,
    /// The template's name.
    pub template: &'static str,
    /// What the template sees besides the shared context.
    pub context: Context,
}

impl Page {
    /// A page at output path `path`, rendered with `template` from `context`.
    pub(crate) fn new(path: impl Into<String>, template: &'static str, context: Context) -> Self {
        Page {
            path: path.into(),
            template,
            context,
        }
    }
}

/// Pages prepared on demand: a page's context is only in memory while it is rendered.
/// A job yields its pages one at a time, so a family of a thousand pages (the weeks,
/// the months, a long list) never holds all their contexts at once.
pub(crate) type Lazy<'v> = Box<dyn FnOnce() -> Pages<'v> + Send + 'v>;

/// The pages of one job, prepared as they are taken.
pub(crate) type Pages<'v> = Box<dyn Iterator<Item = Page> + Send + 'v>;

/// Wraps a page builder (a `Vec` of pages, or an iterator preparing them) as a [`Lazy`] job.
pub(crate) fn lazy<'v, P>(build: impl FnOnce() -> P + Send + 'v) -> Lazy<'v>
where
    P: IntoIterator<Item = Page>,
    P::IntoIter: Send + 'v,
{
    Box::new(move || Box::new(build().into_iter()) as Pages<'v>)
}

/// One entry of a list page.
#[derive(Serialize)]
pub(crate) struct Item {
    pub(crate) href: String,
    pub(crate) label: String,
    pub(crate) detail: Option<String>,
    pub(crate) chips: Vec<Chip>,
    pub(crate) posts: usize,
}

/// The project's posts (holding statements excluded) that `keep` accepts, for entity pages.
pub(crate) fn posts_where<'a>(
    views: &'a Views<'_>,
    keep: impl Fn(&Post) -> bool + 'a,
) -> impl Iterator<Item = &'a Post> + 'a {
    views.project().posts.iter().filter(move |p| keep(p))
}

/// `posts` in the order every list shows them: by publish time, unscheduled last.
pub(crate) fn sorted<'a>(posts: impl IntoIterator<Item = &'a Post>) -> Vec<&'a Post> {
    let mut posts: Vec<&Post> = posts.into_iter().collect();
    crate::site::views::sort_by_time(&mut posts);
    posts
}

/// The local dates of the project's scheduled posts (holding statements excluded).
pub(crate) fn post_dates(project: &Project) -> impl Iterator<Item = NaiveDate> + '_ {
    project
        .posts
        .iter()
        .flat_map(|p| p.dates().iter().map(|o| o.date))
}
