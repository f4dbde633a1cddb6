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
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3Default, Xxh3DefaultBuilder};

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
    /// `pager` links to the list's other pages (see `pages/paged.rs`), for
    /// `post_table.html` to show around the rows.
    pub(super) fn into_context(self, key: &str, pager: Option<tera::Value>) -> tera::Context {
        let mut table = serde_json::Map::new();
        table.insert("count".to_owned(), self.count.into());
        table.insert("html".to_owned(), tera::Value::String(self.html));
        if let Some(pager) = pager {
            table.insert("pager".to_owned(), pager);
        }
        let mut entry = serde_json::Map::new();
        entry.insert(key.to_owned(), tera::Value::Object(table));
        tera::Context::from_value(tera::Value::Object(entry)).unwrap_or_default()
    }
}

/// One kind's snippets, one per post in post order: shared by a build's [`Tables`] and
/// the dev server's [`RowCache`] rather than copied.
type Snippets = Arc<[Arc<str>]>;

/// Every post's snippet of each kind rendered for this build.
#[derive(Default)]
pub(super) struct Tables<'a> {
    /// Where each post's snippet is in every list of `snippets`, by post file.
    position: HashMap<&'a str, usize, Xxh3DefaultBuilder>,
    /// Per kind, one snippet per post, in the order of the project's posts and then its
    /// holding statements (shared with the [`RowCache`], when the dev server keeps one).
    snippets: HashMap<Snippet, Snippets>,
}

/// Rendered snippets kept between the dev server's builds, so that a list page after an
/// edit re-renders only the rows whose content changed (at 10,000 posts, rendering every
/// row again took most of the second step of a save). A snippet is a function of its
/// [`PostRow`], its kind and the context every page shares, so it is kept under a hash of
/// the row and looked up again by it; a change of the shared context drops them all.
#[derive(Default)]
pub struct RowCache {
    kept: Mutex<Kept>,
}

/// What a [`RowCache`] holds: the snippets of the last build of each kind.
#[derive(Default)]
struct Kept {
    /// The hash of the shared context the snippets were rendered in.
    context: u128,
    by_kind: HashMap<Snippet, KeptKind>,
    /// How many snippets the last build rendered (the others were kept), for tests.
    rendered: usize,
}

/// One kind's snippets of the last build, in post order, with the [`hash128`] key of the
/// row each was rendered from. After an edit nearly every post is where it was, so a
/// snippet is first looked for at its post's position, and only then by key.
#[derive(Default)]
struct KeptKind {
    keys: Vec<u128>,
    snippets: Snippets,
}

impl RowCache {
    /// How many snippets the last build had to render.
    pub fn last_rendered(&self) -> usize {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner).rendered
    }
}

/// A 128-bit hash of `value` (XXH3-128, seeded by hashing `seed` first): rows are kept
/// under it, so a collision must be out of the question, not merely unlikely.
pub(super) fn hash128(seed: u128, value: &impl Hash) -> u128 {
    let mut hasher = Xxh3Default::new();
    seed.hash(&mut hasher);
    value.hash(&mut hasher);
    hasher.digest128()
}

/// Posts rendered per tera call: large enough that the shared context (labels, site)
/// is set up rarely, small enough to spread over all cores.
const CHUNK: usize = 256;

impl<'a> Tables<'a> {
    /// Renders the snippets of `kinds` for every post and holding statement.
    pub(super) fn render(
        renderer: &Renderer<'_>,
        views: &Views<'a>,
        kinds: &[Snippet],
    ) -> Result<Self, SiteError> {
        let project = views.project();
        let posts: Vec<&'a Post> = project.posts.iter().chain(&project.crisis).collect();
        if kinds.is_empty() || posts.is_empty() {
            return Ok(Tables::default());
        }
        crate::timings::phase("post rows", || {
            let rows: Vec<PostRow> = posts.par_iter().map(|p| views.post_row(p)).collect();
            let snippets = match renderer.row_cache() {
                Some(cache) => Self::render_kept(renderer, cache, kinds, &rows)?,
                None => Self::render_all(renderer, kinds, &rows)?,
            };
            let mut position = HashMap::with_capacity_and_hasher(posts.len(), Xxh3DefaultBuilder);
            position.extend(posts.iter().enumerate().map(|(i, post)| (post.file.as_str(), i)));
            Ok(Tables { position, snippets })
        })
    }

    /// Renders every snippet of `kinds` (a build: nothing is kept between runs).
    fn render_all(
        renderer: &Renderer<'_>,
        kinds: &[Snippet],
        rows: &[PostRow],
    ) -> Result<HashMap<Snippet, Snippets>, SiteError> {
        let each: Vec<(&str, &str)> = kinds.iter().map(|k| (k.template(), k.root())).collect();
        // Per chunk of posts: one list of snippets per kind.
        let chunks: Vec<Vec<Vec<Arc<str>>>> = rows
            .par_chunks(CHUNK)
            .map(|chunk| renderer.render_each(&each, chunk))
            .collect::<Result<_, _>>()?;
        let mut by_kind: Vec<Vec<Arc<str>>> = kinds.iter().map(|_| Vec::with_capacity(rows.len())).collect();
        for chunk in chunks {
            for (list, snippets) in by_kind.iter_mut().zip(chunk) {
                list.extend(snippets);
            }
        }
        Ok(kinds
            .iter()
            .copied()
            .zip(by_kind.into_iter().map(Arc::from))
            .collect())
    }

    /// Renders the snippets of `kinds` whose rows `cache` does not hold from the last
    /// build, and keeps this build's snippets in it for the next one.
    fn render_kept(
        renderer: &Renderer<'_>,
        cache: &RowCache,
        kinds: &[Snippet],
        rows: &[PostRow],
    ) -> Result<HashMap<Snippet, Snippets>, SiteError> {
        let context = renderer.context_hash();
        let keys: Vec<u128> = rows.par_iter().map(|row| hash128(context, row)).collect();
        let mut kept = cache.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.context != context {
            kept.by_kind.clear();
            kept.context = context;
        }
        kept.rendered = 0;
        let mut snippets = HashMap::new();
        for &kind in kinds {
            let old = kept.by_kind.remove(&kind).unwrap_or_default();
            let (list, rendered) = Self::reuse_or_render(renderer, kind, rows, &keys, &old)?;
            kept.rendered += rendered;
            kept.by_kind.insert(
                kind,
                KeptKind {
                    keys: keys.clone(),
                    snippets: Arc::clone(&list),
                },
            );
            snippets.insert(kind, list);
        }
        Ok(snippets)
    }

    /// The `kind` snippet of each row (`keys` are their hashes): `old`'s where it has the
    /// row, rendered where not; and how many were rendered.
    fn reuse_or_render(
        renderer: &Renderer<'_>,
        kind: Snippet,
        rows: &[PostRow],
        keys: &[u128],
        old: &KeptKind,
    ) -> Result<(Snippets, usize), SiteError> {
        let mut list: Vec<Option<Arc<str>>> = keys
            .iter()
            .enumerate()
            .map(|(i, key)| (old.keys.get(i) == Some(key)).then(|| Arc::clone(&old.snippets[i])))
            .collect();
        if list.iter().any(Option::is_none) {
            // Posts were added, removed or moved: look the others up by key.
            let mut by_key = HashMap::with_capacity_and_hasher(old.keys.len(), Xxh3DefaultBuilder);
            by_key.extend(old.keys.iter().zip(old.snippets.iter()));
            for (slot, key) in list.iter_mut().zip(keys).filter(|(slot, _)| slot.is_none()) {
                *slot = by_key.get(key).map(|html| Arc::clone(html));
            }
        }
        let missing: Vec<&PostRow> = rows
            .iter()
            .zip(&list)
            .filter(|(_, slot)| slot.is_none())
            .map(|(row, _)| row)
            .collect();
        let mut rendered = Self::render_kind(renderer, kind, &missing)?.into_iter();
        let list = list
            .into_iter()
            .map(|slot| slot.or_else(|| rendered.next()).unwrap_or_default())
            .collect();
        Ok((list, missing.len()))
    }

    /// Renders the `kind` snippet of each of `rows`, in order, in bulk on all cores.
    fn render_kind(
        renderer: &Renderer<'_>,
        kind: Snippet,
        rows: &[&PostRow],
    ) -> Result<Vec<Arc<str>>, SiteError> {
        let each = [(kind.template(), kind.root())];
        let chunks: Vec<Vec<Vec<Arc<str>>>> = rows
            .par_chunks(CHUNK)
            .map(|chunk| renderer.render_each(&each, chunk))
            .collect::<Result<_, _>>()?;
        Ok(chunks
            .into_iter()
            .flat_map(|chunk| chunk.into_iter().next().unwrap_or_default())
            .collect())
    }

    /// The table of `posts` (in publish order, unscheduled last) made of `kind` snippets.
    pub(super) fn table<'p>(&self, kind: Snippet, posts: impl IntoIterator<Item = &'p Post>) -> PostTable {
        let mut posts: Vec<&Post> = posts.into_iter().collect();
        sort_by_time(&mut posts);
        self.concat(kind, &posts)
    }

    /// The `kind` snippets of `posts`, in the order given.
    pub(super) fn concat(&self, kind: Snippet, posts: &[&Post]) -> PostTable {
        let list = self.snippets.get(&kind).map_or(&[][..], |list| &list[..]);
        let snippets: Vec<&str> = posts
            .iter()
            .filter_map(|post| list.get(*self.position.get(post.file.as_str())?))
            .map(|snippet| &**snippet)
            .collect();
        let mut html = String::with_capacity(snippets.iter().map(|s| s.len()).sum());
        for snippet in snippets {
            html.push_str(snippet);
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
