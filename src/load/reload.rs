//! Re-reading one file into an already loaded project, so the dev server can follow an
//! edit without walking and parsing the whole repository again.
//!
//! [`role_of`] tells what a changed path means: a content file is re-read alone with
//! [`reload_file`], a media file re-indexed with [`reload_media`]; anything the whole
//! project depends on (`touchpoint.toml`, `strategy.toml`, the theme overrides,
//! metrics) needs a full [`load_project`](super::load_project).

use super::{Boundary, Item, Kind, id_of, index_media_under, is_hidden, media_file, parse_file, read_text};
use crate::diagnostic::Diagnostic;
use crate::model::{Config, Post, Project};

/// What a repository file is to the loader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    /// A post, persona, campaign or holding statement: [`reload_file`] re-reads it alone.
    Content,
    /// A file or folder under `media/`: [`reload_media`] re-indexes it.
    Media,
    /// Something every page may depend on (`touchpoint.toml`, `strategy.toml`,
    /// `templates/`, `static/`, `lang/`, `metrics/`): reload everything.
    Project,
    /// A path in a content folder that is not a Markdown file: when it is (or held) a
    /// folder, a whole set of files moved at once and everything must be reloaded;
    /// otherwise (an editor's temp file) it does not matter.
    Folder,
    /// A file Touchpoint does not read (notes, README, the build output, hidden files).
    Unused,
}

/// Tells what a change to the repository-relative path `rel` affects.
pub fn role_of(rel: &str, config: &Config) -> FileRole {
    let parts: Vec<&str> = rel.split('/').collect();
    let output = config.output.trim_end_matches('/');
    let in_output = !output.is_empty() && (rel == output || rel.starts_with(&format!("{output}/")));
    if rel.is_empty() || in_output || parts.iter().any(|p| p.starts_with('.')) {
        return FileRole::Unused;
    }
    if content_kind(rel).is_some() {
        return FileRole::Content;
    }
    // The brand's logo may lie outside media/; wherever it is, it is read like media.
    let is_logo = config
        .brand
        .as_ref()
        .and_then(|b| b.logo.as_ref())
        .is_some_and(|logo| logo.value.trim_start_matches("./") == rel);
    if is_logo {
        return FileRole::Media;
    }
    match parts.as_slice() {
        ["touchpoint.toml"] | ["strategy.toml"] | ["crisis", "plan.toml"] => FileRole::Project,
        // Review comments feed rules across posts and several pages: reload everything.
        ["templates" | "static" | "lang" | "metrics" | "reviews", ..] => FileRole::Project,
        ["media", ..] => FileRole::Media,
        ["posts" | "personas" | "campaigns" | "crisis"] | ["posts", ..] => FileRole::Folder,
        _ => FileRole::Unused,
    }
}

/// The kind of content file at `rel`, by the same rules the full load walks by.
fn content_kind(rel: &str) -> Option<Kind> {
    if !rel.ends_with(".md") {
        return None;
    }
    let parts: Vec<&str> = rel.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || is_hidden(std::ffi::OsStr::new(p)))
    {
        return None;
    }
    match parts.as_slice() {
        ["personas", _] => Some(Kind::Persona),
        ["campaigns", _] => Some(Kind::Campaign),
        ["crisis", _] => Some(Kind::Crisis),
        ["posts", rest @ ..] if !rest.is_empty() => Some(Kind::Post),
        _ => None,
    }
}

/// What re-reading one file did.
#[derive(Debug, Default)]
pub struct Reloaded {
    /// The findings of reading and parsing the file (cross-file rules not included:
    /// validate the project again afterwards).
    pub diagnostics: Vec<Diagnostic>,
    /// The post or holding statement the file held before, so a caller can tell which
    /// pages showed it.
    pub replaced: Option<Post>,
}

/// Re-reads the content file at `rel` (added, changed or deleted) into `project`.
pub fn reload_file(project: &mut Project, rel: &str) -> Reloaded {
    let mut reloaded = Reloaded::default();
    let Some(kind) = content_kind(rel) else {
        return reloaded;
    };
    let id = id_of(rel);
    let (had_item, replaced) = remove_item(project, kind, &id);
    reloaded.replaced = replaced;
    let had_file = project.sources.remove(rel).is_some() || had_item;
    let path = project.root.join(rel);
    if !path.is_file() {
        if had_file {
            project.file_count = project.file_count.saturating_sub(1);
        }
        return reloaded;
    }
    if !had_file {
        project.file_count += 1;
    }
    let text = Boundary::new(&project.root)
        .check(rel)
        .and_then(|()| read_text(&project.root, rel));
    let parsed = parse_file(rel, kind, text, &project.config);
    if let Some(text) = parsed.text {
        project.sources.insert(parsed.rel, text);
    }
    let mut item = parsed.item;
    if let Some(Item::Post(post) | Item::Crisis(post)) = &mut item {
        crate::content::planning::expand_hashtag_sets(&project.strategy, post);
    }
    match item {
        Some(Item::Persona(p)) => insert_sorted(&mut project.personas, p, |p| &p.id),
        Some(Item::Campaign(c)) => insert_sorted(&mut project.campaigns, c, |c| &c.id),
        Some(Item::Post(p)) => insert_sorted(&mut project.posts, p, post_id),
        Some(Item::Crisis(p)) => insert_sorted(&mut project.crisis, p, post_id),
        Some(Item::Review(r)) => insert_sorted(&mut project.reviews, r, |r| &r.post),
        None => {}
    }
    reloaded.diagnostics = parsed.diagnostics;
    reloaded
}

/// Re-indexes the media file or folder at `rel` (added, changed or deleted). A path
/// leading out of the repository is left out (a full load reports it).
pub fn reload_media(project: &mut Project, rel: &str) {
    project.logo = crate::brand::logo_of(&project.root, &project.config);
    if rel != "media" && !rel.starts_with("media/") {
        return; // the logo outside media/: not a media file
    }
    let folder = format!("{rel}/");
    project
        .media
        .retain(|path, _| path != rel && !path.starts_with(&folder));
    let path = project.root.join(rel);
    if Boundary::new(&project.root).leads_outside(&path) {
        return;
    }
    if path.is_file() {
        project
            .media
            .insert(rel.to_owned(), media_file(rel.to_owned(), &path));
    } else if path.is_dir() {
        project.media.extend(index_media_under(&project.root, rel));
    }
}

fn post_id(post: &Post) -> &String {
    &post.id
}

/// Removes the item with this id from its list: whether there was one, and the post it was.
fn remove_item(project: &mut Project, kind: Kind, id: &str) -> (bool, Option<Post>) {
    match kind {
        Kind::Persona => (
            remove_sorted(&mut project.personas, id, |p| &p.id).is_some(),
            None,
        ),
        Kind::Campaign => (
            remove_sorted(&mut project.campaigns, id, |c| &c.id).is_some(),
            None,
        ),
        Kind::Post => {
            let post = remove_sorted(&mut project.posts, id, post_id);
            (post.is_some(), post)
        }
        Kind::Crisis => {
            let post = remove_sorted(&mut project.crisis, id, post_id);
            (post.is_some(), post)
        }
        Kind::Review => (
            remove_sorted(&mut project.reviews, id, |r| &r.post).is_some(),
            None,
        ),
    }
}

fn remove_sorted<T>(items: &mut Vec<T>, id: &str, key: impl Fn(&T) -> &String) -> Option<T> {
    let index = items.binary_search_by(|item| key(item).as_str().cmp(id)).ok()?;
    Some(items.remove(index))
}

fn insert_sorted<T>(items: &mut Vec<T>, item: T, key: impl Fn(&T) -> &String) {
    match items.binary_search_by(|other| key(other).cmp(key(&item))) {
        Ok(index) => items[index] = item,
        Err(index) => items.insert(index, item),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_project;

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("touchpoint.toml"),
            "name = \"T\"\ntimezone = \"UTC\"\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("posts/2026")).unwrap();
        for id in ["a", "c"] {
            std::fs::write(
                dir.path().join(format!("posts/2026/{id}.md")),
                format!("+++\ntitle = \"{id}\"\nstatus = \"idea\"\n+++\nBody\n"),
            )
            .unwrap();
        }
        dir
    }

    fn ids(project: &Project) -> Vec<&str> {
        project.posts.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn roles_follow_the_folders() {
        let config = Config::default();
        assert_eq!(role_of("posts/2026/a.md", &config), FileRole::Content);
        assert_eq!(role_of("personas/kim.md", &config), FileRole::Content);
        assert_eq!(role_of("personas/sub/kim.md", &config), FileRole::Unused);
        assert_eq!(role_of("posts/.a.md.swp", &config), FileRole::Unused);
        assert_eq!(role_of("posts/2026", &config), FileRole::Folder);
        assert_eq!(role_of("posts/2026/sedX1b2", &config), FileRole::Folder);
        assert_eq!(role_of("touchpoint.toml", &config), FileRole::Project);
        assert_eq!(role_of("templates/post.html", &config), FileRole::Project);
        assert_eq!(
            role_of("reviews/2026/a.md", &config),
            FileRole::Project,
            "comments reload all"
        );
        assert_eq!(role_of("reviews", &config), FileRole::Project);
        assert_eq!(role_of("media/a.png", &config), FileRole::Media);
        assert_eq!(role_of("public/index.html", &config), FileRole::Unused);
        assert_eq!(role_of(".git/index", &config), FileRole::Unused);
        assert_eq!(role_of("README.md", &config), FileRole::Unused);
    }

    #[test]
    fn the_brand_logo_is_read_like_media_wherever_it_lies() {
        let config = Config {
            brand: Some(crate::model::Brand {
                logo: Some(crate::model::Spanned::new(
                    "./brand/logo.svg".to_owned(),
                    crate::diagnostic::Pos::new(1, 1),
                )),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(role_of("brand/logo.svg", &config), FileRole::Media);
        assert_eq!(role_of("brand/other.svg", &config), FileRole::Unused);
    }

    #[test]
    fn a_new_changed_and_deleted_post_is_followed() {
        let dir = repo();
        let (mut project, _) = load_project(dir.path()).unwrap();
        let count = project.file_count;
        std::fs::write(
            dir.path().join("posts/2026/b.md"),
            "+++\ntitle = \"B\"\nstatus = \"idea\"\n+++\n",
        )
        .unwrap();
        let reloaded = reload_file(&mut project, "posts/2026/b.md");
        assert!(reloaded.replaced.is_none(), "{:?}", reloaded.diagnostics);
        assert!(!reloaded.diagnostics.iter().any(|d| d.rule == "syntax-error"));
        assert_eq!(ids(&project), ["2026/a", "2026/b", "2026/c"]);
        assert_eq!(project.file_count, count + 1);

        std::fs::write(
            dir.path().join("posts/2026/b.md"),
            "+++\ntitle = \"B2\"\nstatus = \"idea\"\n+++\n",
        )
        .unwrap();
        let reloaded = reload_file(&mut project, "posts/2026/b.md");
        assert_eq!(reloaded.replaced.unwrap().title.value, "B");
        assert_eq!(project.post("2026/b").unwrap().title.value, "B2");
        assert_eq!(project.posts.len(), 3);

        std::fs::remove_file(dir.path().join("posts/2026/b.md")).unwrap();
        reload_file(&mut project, "posts/2026/b.md");
        assert_eq!(ids(&project), ["2026/a", "2026/c"]);
        assert_eq!(project.file_count, count);
        assert!(!project.sources.contains_key("posts/2026/b.md"));
    }

    #[test]
    fn broken_front_matter_drops_the_post_and_reports_it() {
        let dir = repo();
        let (mut project, _) = load_project(dir.path()).unwrap();
        std::fs::write(
            dir.path().join("posts/2026/a.md"),
            "+++\ntitle = \"unclosed\n+++\n",
        )
        .unwrap();
        let found = reload_file(&mut project, "posts/2026/a.md").diagnostics;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "syntax-error");
        assert_eq!(ids(&project), ["2026/c"]);
        assert!(project.sources.contains_key("posts/2026/a.md"));
    }

    #[test]
    fn media_files_and_folders_are_reindexed() {
        let dir = repo();
        let (mut project, _) = load_project(dir.path()).unwrap();
        std::fs::create_dir_all(dir.path().join("media/sub")).unwrap();
        std::fs::write(dir.path().join("media/sub/x.pdf"), b"12345").unwrap();
        reload_media(&mut project, "media/sub");
        assert_eq!(project.media["media/sub/x.pdf"].bytes, 5);
        std::fs::remove_dir_all(dir.path().join("media/sub")).unwrap();
        reload_media(&mut project, "media/sub");
        assert!(project.media.is_empty());
    }
}
