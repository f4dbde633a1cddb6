//! Long post lists split into pages, so no page of the site grows with the repository.
//!
//! At 100,000 posts `posts.html` alone was 73 MB, and the pages of the busiest networks
//! around 30 MB: a browser stalls on such a page, and the build held each in memory
//! whole. A list of more than [`ROWS_PER_PAGE`] posts keeps its first page where it
//! always was (`posts.html`, `platforms/x.html`, `campaigns/ID.html`, ...) and continues
//! in `more/`: `more/posts-2.html`, `more/platform-x-2.html`, `more/campaign-ID-2.html`.
//! Continuation pages share one folder one level down, so their post rows are the
//! nested kind every entity page already uses, and no name can collide with a post,
//! campaign or persona page (the list's kind comes first, the page number last).
//!
//! Each page of a list gets the same context with its own share of the rows and a
//! [`Pager`] in `table.pager`, which `post_table.html` shows above and below the table.

use serde::Serialize;
use tera::Context;

use super::page::Page;
use crate::model::Post;
use crate::platform::Platform;
use crate::site::paths::href;
use crate::site::tables::{Snippet, Tables};

/// Posts per page of a list: about 1 MB of rows, a page a browser filters instantly.
pub(crate) const ROWS_PER_PAGE: usize = 1000;

/// The folder of every list's second and later pages.
pub(crate) const CONTINUATION_FOLDER: &str = "more";

/// The post lists that may run over several pages.
#[derive(Clone, Copy, Debug)]
pub(crate) enum List<'a> {
    /// `posts.html`: every post.
    Posts,
    /// `platforms/NAME.html`.
    Platform(Platform),
    /// `campaigns/ID.html`.
    Campaign(&'a str),
    /// `personas/ID.html`.
    Persona(&'a str),
    /// `pillars/ID.html`.
    Pillar(&'a str),
    /// `diagnostics.html`: every finding (not posts, but as long a list).
    Findings,
}

impl List<'_> {
    /// The first page's output path, where the list has always been.
    pub(crate) fn first_path(self) -> String {
        match self {
            List::Posts => "posts.html".to_owned(),
            List::Platform(p) => format!("platforms/{}.html", p.name()),
            List::Campaign(id) => format!("campaigns/{id}.html"),
            List::Persona(id) => format!("personas/{id}.html"),
            List::Pillar(id) => format!("pillars/{id}.html"),
            List::Findings => "diagnostics.html".to_owned(),
        }
    }

    /// The name its continuation pages start with in `more/`.
    fn slug(self) -> String {
        match self {
            List::Posts => "posts".to_owned(),
            List::Platform(p) => format!("platform-{}", p.name()),
            List::Campaign(id) => format!("campaign-{id}"),
            List::Persona(id) => format!("persona-{id}"),
            List::Pillar(id) => format!("pillar-{id}"),
            List::Findings => "diagnostics".to_owned(),
        }
    }

    /// The output path of page `number` (from 1).
    pub(crate) fn page_path(self, number: usize) -> String {
        if number <= 1 {
            self.first_path()
        } else {
            format!("{CONTINUATION_FOLDER}/{}-{number}.html", self.slug())
        }
    }

    /// The prefix of every continuation page, for the dev server to re-render (and
    /// forget) them together with the first page.
    pub(crate) fn continuation_prefix(self) -> String {
        format!("{CONTINUATION_FOLDER}/{}-", self.slug())
    }
}

/// One list's pages to render.
pub(crate) struct PagedList<'a> {
    /// Which list.
    pub list: List<'a>,
    /// The template every page of the list is rendered with.
    pub template: &'static str,
    /// What the template sees besides the table, the same on every page.
    pub context: Context,
    /// The snippet kind of the first page's rows (continuations are always nested).
    pub first_kind: Snippet,
    /// The posts of the list, in the order the table shows them.
    pub posts: Vec<&'a Post>,
}

/// Links between the pages of one list, for `post_table.html`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Pager {
    /// The page shown, from 1.
    pub current: usize,
    /// How many pages the list has.
    pub total: usize,
    /// Every page, root-relative (templates prefix `root`).
    pub pages: Vec<PagerLink>,
    /// The previous page's link, if any.
    pub previous: Option<String>,
    /// The next page's link, if any.
    pub next: Option<String>,
    /// The first and last post number on this page ("1,001–2,000 of 4,512" is
    /// written by the template in the page's language).
    pub from: usize,
    /// The last post number on this page.
    pub to: usize,
    /// How many posts the whole list has.
    pub count: usize,
}

/// One page number in a [`Pager`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct PagerLink {
    /// The page number, from 1.
    pub number: usize,
    /// Root-relative, percent-encoded path.
    pub href: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// How many pages a list of `count` posts takes (at least one, even when empty).
pub(crate) fn page_count(count: usize) -> usize {
    count.div_ceil(ROWS_PER_PAGE).max(1)
}

impl<'a> PagedList<'a> {
    /// Every page of the list, each with its rows and, when there are several, a pager.
    /// Each page's context is prepared when the renderer takes it, not before.
    pub(crate) fn pages<'t>(self, tables: &'t Tables<'_>) -> impl Iterator<Item = Page> + Send + 't
    where
        'a: 't,
    {
        let total = page_count(self.posts.len());
        let count = self.posts.len();
        let paths: Vec<String> = (1..=total).map(|n| self.list.page_path(n)).collect();
        (0..total).map(move |index| {
            let from = index * ROWS_PER_PAGE;
            let rows = &self.posts[from.min(count)..(from + ROWS_PER_PAGE).min(count)];
            let kind = if index == 0 {
                self.first_kind
            } else {
                Snippet::NestedRow
            };
            let pager = (total > 1)
                .then(|| pager(&paths, index, from + 1, from + rows.len(), count))
                .and_then(|p| tera::to_value(p).ok());
            let table = tables.concat(kind, rows);
            let mut context = self.context.clone();
            context.extend(table.into_context("table", pager));
            Page::new(paths[index].clone(), self.template, context)
        })
    }
}

/// The pager of page `index` (from 0) among `paths`, showing items `from` to `to`
/// (from 1) of `count`.
pub(crate) fn pager(paths: &[String], index: usize, from: usize, to: usize, count: usize) -> Pager {
    let link = |i: usize| href(&paths[i]);
    Pager {
        current: index + 1,
        total: paths.len(),
        pages: (0..paths.len())
            .map(|i| PagerLink {
                number: i + 1,
                href: link(i),
                current: i == index,
            })
            .collect(),
        previous: index.checked_sub(1).map(link),
        next: (index + 1 < paths.len()).then(|| link(index + 1)),
        from,
        to,
        count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_keeps_its_place_and_the_rest_go_to_more() {
        assert_eq!(List::Posts.page_path(1), "posts.html");
        assert_eq!(List::Posts.page_path(2), "more/posts-2.html");
        assert_eq!(List::Campaign("a-2").page_path(1), "campaigns/a-2.html");
        assert_eq!(List::Campaign("a-2").page_path(3), "more/campaign-a-2-3.html");
        assert_eq!(List::Platform(Platform::X).page_path(2), "more/platform-x-2.html");
        let prefix = List::Persona("anna").continuation_prefix();
        assert!(List::Persona("anna").page_path(12).starts_with(&prefix));
        assert!(!List::Persona("anna").page_path(1).starts_with(&prefix));
    }

    #[test]
    fn page_counts_round_up_and_an_empty_list_has_one_page() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(ROWS_PER_PAGE), 1);
        assert_eq!(page_count(ROWS_PER_PAGE + 1), 2);
        assert_eq!(page_count(3 * ROWS_PER_PAGE), 3);
    }

    #[test]
    fn a_pager_links_its_neighbours_and_numbers_its_rows() {
        let paths: Vec<String> = (1..=3).map(|n| List::Posts.page_path(n)).collect();
        let count = 2 * ROWS_PER_PAGE + 5;
        let middle = pager(&paths, 1, ROWS_PER_PAGE + 1, 2 * ROWS_PER_PAGE, count);
        assert_eq!(middle.previous.as_deref(), Some("posts.html"));
        assert_eq!(middle.next.as_deref(), Some("more/posts-3.html"));
        assert_eq!((middle.from, middle.to), (ROWS_PER_PAGE + 1, 2 * ROWS_PER_PAGE));
        assert_eq!(middle.pages.iter().filter(|p| p.current).count(), 1);
        let last = pager(&paths, 2, 2 * ROWS_PER_PAGE + 1, count, count);
        assert_eq!((last.next, last.to), (None, count));
        let first = pager(&paths, 0, 1, ROWS_PER_PAGE, count);
        assert_eq!(first.previous, None);
    }
}
