//! Post rows and calendar entries, rendered once per post and shared by every list page.
//!
//! With 10,000 posts, a post's row appears on `posts.html`, on the page of each of its
//! platforms, its persona, pillar and campaign, and its calendar month: rendering each
//! table row by row through tera made the list pages cost as much as all post pages
//! together. Rows are therefore rendered once per [`Snippet`] kind, in bulk and in
//! parallel, and a list page receives each table as ready HTML ([`PostTable`]).
//! The markup still comes from the theme: `post_row.html` and `calendar_entry.html`
//! render one post (`p`) and can be overridden like any other template.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::views::{PostRow, Views, sort_by_time};
use super::{Renderer, SiteError};
use crate::model::Post;

/// The kinds of per-post snippet list pages are made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Snippet {
    /// A table row on a page at the site root (`posts.html`, `index.html`).
    RootRow,
    /// A table row on a page one folder down (`platforms/x.html`, `calendar/2026-12.html`, ...).
    NestedRow,
    /// A post in a day of the calendar (`calendar/*.html`).
    CalendarEntry,
}

impl Snippet {
    /// Every kind (the theme compiles a bulk wrapper for each one's template).
    pub(super) const ALL: [Snippet; 3] = [Snippet::RootRow, Snippet::NestedRow, Snippet::CalendarEntry];

    /// The theme template that renders one post of this kind.
    pub(super) fn template(self) -> &'static str {
        match self {
            Snippet::RootRow | Snippet::NestedRow => "post_row.html",
            Snippet::CalendarEntry => "calendar_entry.html",
        }
    }

    /// The relative way back to the site root from the pages that show this kind.
    fn root(self) -> &'static str {
        match self {
            Snippet::RootRow => "",
            Snippet::NestedRow | Snippet::CalendarEntry => "../",
        }
    }
}

/// A table of posts as a template receives it: `{{ table.html | safe }}` inside `<tbody>`.
#[derive(Clone, Debug, Default, Serialize)]
pub(super) struct PostTable {
    /// How many posts it lists.
    pub count: usize,
    /// The rows, in publish order.
    pub html: String,
}

impl PostTable {
    /// The table as a context entry under `key`, moved rather than copied (serialising
    /// it would copy the HTML, tens of MB on `posts.html` at 100,000 posts).
    pub(super) fn into_context(self, key: &str) -> tera::Context {
        let mut table = serde_json::Map::new();
        table.insert("count".to_owned(), self.count.into());
        table.insert("html".to_owned(), tera::Value::String(self.html));
        let mut entry = serde_json::Map::new();
        entry.insert(key.to_owned(), tera::Value::Object(table));
        tera::Context::from_value(tera::Value::Object(entry)).unwrap_or_default()
    }
}

/// Every post's snippet of each kind rendered for this build, by post file.
#[derive(Default)]
pub(super) struct Tables {
    snippets: HashMap<Snippet, HashMap<String, String>>,
}

/// Posts rendered per tera call: large enough that the shared context (labels, site)
/// is set up rarely, small enough to spread over all cores.
const CHUNK: usize = 256;

impl Tables {
    /// Renders the snippets of `kinds` for every post and holding statement.
    pub(super) fn render(
        renderer: &Renderer<'_>,
        views: &Views<'_>,
        kinds: &[Snippet],
    ) -> Result<Self, SiteError> {
        let project = views.project();
        let posts: Vec<&Post> = project.posts.iter().chain(&project.crisis).collect();
        if kinds.is_empty() || posts.is_empty() {
            return Ok(Tables::default());
        }
        crate::timings::phase("post rows", || Self::render_kinds(renderer, views, kinds, &posts))
    }

    fn render_kinds(
        renderer: &Renderer<'_>,
        views: &Views<'_>,
        kinds: &[Snippet],
        posts: &[&Post],
    ) -> Result<Self, SiteError> {
        let rows: Vec<PostRow> = posts.par_iter().map(|p| views.post_row(p)).collect();
        let each: Vec<(&str, &str)> = kinds.iter().map(|k| (k.template(), k.root())).collect();
        // Per chunk of posts: one list of snippets per kind.
        let chunks: Vec<Vec<Vec<String>>> = rows
            .par_chunks(CHUNK)
            .map(|chunk| renderer.render_each(&each, chunk))
            .collect::<Result<_, _>>()?;
        let mut by_kind: Vec<Vec<String>> = kinds.iter().map(|_| Vec::with_capacity(posts.len())).collect();
        for chunk in chunks {
            for (list, snippets) in by_kind.iter_mut().zip(chunk) {
                list.extend(snippets);
            }
        }
        let snippets = kinds
            .iter()
            .zip(by_kind)
            .map(|(kind, rendered)| {
                let by_file = posts.iter().map(|p| p.file.clone()).zip(rendered).collect();
                (*kind, by_file)
            })
            .collect();
        Ok(Tables { snippets })
    }

    /// The table of `posts` (in publish order, unscheduled last) made of `kind` snippets.
    pub(super) fn table<'p>(&self, kind: Snippet, posts: impl IntoIterator<Item = &'p Post>) -> PostTable {
        let mut posts: Vec<&Post> = posts.into_iter().collect();
        sort_by_time(&mut posts);
        self.concat(kind, &posts)
    }

    /// The `kind` snippets of `posts`, in the order given.
    pub(super) fn concat(&self, kind: Snippet, posts: &[&Post]) -> PostTable {
        let empty = HashMap::new();
        let by_file = self.snippets.get(&kind).unwrap_or(&empty);
        let mut html = String::new();
        for post in posts {
            if let Some(snippet) = by_file.get(&post.file) {
                html.push_str(snippet);
            }
        }
        PostTable {
            count: posts.len(),
            html,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveDate;

    use crate::site::{Output, SiteOptions, render};

    /// A copy of the site-basic fixture with `post_row.html` overridden by `row`.
    fn with_row_template(row: &str) -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/post_row.html"), row).unwrap();
        dir
    }

    fn rows_on(row: &str, page: &str) -> Vec<String> {
        let dir = with_row_template(row);
        let checked = crate::check_project(dir.path(), &crate::Options::default()).unwrap();
        let options = SiteOptions {
            today: NaiveDate::from_ymd_opt(2026, 11, 29),
            ..SiteOptions::default()
        };
        let site = render(&checked, &options, None, &|_| true, Output::Memory(&|b| b)).unwrap();
        let html = String::from_utf8(site.files[page].clone()).unwrap();
        html.lines()
            .filter(|l| l.starts_with("<tr class=\"mine\">"))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn an_overridden_row_template_shapes_every_list_with_each_pages_root() {
        let row = "<tr class=\"mine\">{{ root }}{{ p.href }}</tr>\n";
        let on_posts = rows_on(row, "posts.html");
        assert!(on_posts.len() > 3, "{on_posts:?}");
        let at_root = |r: &String| r.contains(">posts/") || r.contains(">crisis/");
        assert!(on_posts.iter().all(at_root), "{on_posts:?}");
        let on_platform = rows_on(row, "platforms/instagram.html");
        assert!(!on_platform.is_empty());
        assert!(
            on_platform.iter().all(|r| r.contains(">../posts/")),
            "{on_platform:?}"
        );
    }

    #[test]
    fn a_row_template_that_writes_the_separator_itself_still_gives_one_row_per_post() {
        let plain = rows_on("<tr class=\"mine\">{{ p.href }}</tr>\n", "posts.html");
        let with_separator = rows_on("<tr class=\"mine\">{{ p.href }}\u{1e}</tr>\n", "posts.html");
        let stripped: Vec<String> = with_separator.iter().map(|r| r.replace('\u{1e}', "")).collect();
        assert_eq!(stripped, plain);
    }
}
