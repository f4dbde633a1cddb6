//! Loading: find the repository's files, read and parse them in parallel, assemble the model.
//! Every file read happens here: content files, the metrics exports, the theme's files and
//! overrides, the chart font and media (see `files`). May import `model`, `content`,
//! `diagnostic` and `platform`; never a later stage (compose, validate, render, serve).
//!
//! `touchpoint.toml` is read first (its timezone and platforms shape how posts are
//! read); every other file is independent, so posts, personas and campaigns are read
//! and parsed on all cores with rayon. A file that cannot be read or parsed becomes a
//! diagnostic and the rest are still checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::config::read_config;
use crate::content::crisis_plan::FILE as CRISIS_PLAN;
use crate::content::fields::Reader;
use crate::content::frontmatter::{Format, SplitError, split};
use crate::content::node::{Node, SyntaxError, parse_toml, parse_yaml};
use crate::content::post::{PostKind, PostSource, read_post};
use crate::content::review::read_review;
use crate::content::{campaign::read_campaign, persona::read_persona, strategy::read_strategy};
use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::model::{Config, MediaFile, MediaKind, Project, Strategy};

mod files;
mod inside;
mod mp4;
mod reload;
pub use files::{
    CHART_FONT, MetricsRead, RawFile, ReadError, STATIC, TEMPLATES, WORDS, read_media_file,
    read_metric_files, read_theme_overrides, read_word_files,
};
pub use inside::{Boundary, READ_FOLDERS, SYMLINK_OUTSIDE, Walked, walk_inside};
pub use reload::{FileRole, Reloaded, reload_file, reload_media, role_of};

/// A file that could not be read.
pub const UNREADABLE_FILE: Rule = Rule {
    name: "unreadable-file",
    default: Severity::Error,
    summary: "A content file could not be read (permissions, a broken link, an I/O error).",
};
/// A file that is not UTF-8 text.
pub const NOT_UTF8: Rule = Rule {
    name: "not-utf8",
    default: Severity::Error,
    summary: "A content file is not UTF-8 text (saved in another encoding, or binary).",
};
/// Front matter that is not valid TOML or YAML.
pub const SYNTAX_ERROR: Rule = Rule {
    name: "syntax-error",
    default: Severity::Error,
    summary: "Front matter or a TOML file that does not parse as TOML/YAML.",
};
/// A Markdown content file without front matter.
pub const MISSING_FRONT_MATTER: Rule = Rule {
    name: "missing-front-matter",
    default: Severity::Error,
    summary: "A post, persona or campaign file without `+++` (TOML) or `---` (YAML) front matter, or one never closed.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[
    &UNREADABLE_FILE,
    &NOT_UTF8,
    &SYNTAX_ERROR,
    &MISSING_FRONT_MATTER,
    &SYMLINK_OUTSIDE,
];

/// Why a repository could not be loaded at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The folder does not exist or is not a folder.
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    /// There is no `touchpoint.toml`.
    #[error(
        "{0} is not a Touchpoint repository: it has no touchpoint.toml (run `touchpoint init {0}` to create one)"
    )]
    NotARepository(PathBuf),
}

/// What a content file is, by where it sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Persona,
    Campaign,
    Post,
    Crisis,
    Review,
}

/// Loads and parses a repository. Problems in files are diagnostics; only a missing
/// repository is an error.
pub fn load_project(root: &Path) -> Result<(Project, Vec<Diagnostic>), LoadError> {
    if !root.is_dir() {
        return Err(LoadError::NotAFolder(root.to_path_buf()));
    }
    if !root.join("touchpoint.toml").is_file() {
        return Err(LoadError::NotARepository(root.to_path_buf()));
    }
    let boundary = Boundary::new(root);
    let mut sources = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let config = read_toml_file(
        root,
        "touchpoint.toml",
        &mut sources,
        &mut diagnostics,
        read_config,
    )
    .unwrap_or_default();
    let strategy = if root.join("strategy.toml").is_file() {
        read_toml_file(
            root,
            "strategy.toml",
            &mut sources,
            &mut diagnostics,
            read_strategy,
        )
    } else {
        None
    }
    .unwrap_or_else(|| Strategy {
        mix_tolerance: 0.10,
        ..Strategy::default()
    });

    let crisis_plan = if root.join(CRISIS_PLAN).is_file() {
        read_toml_file(
            root,
            CRISIS_PLAN,
            &mut sources,
            &mut diagnostics,
            crate::content::crisis_plan::read_crisis_plan,
        )
    } else {
        None
    };

    let files = content_files(&boundary, &config, &mut diagnostics);
    let media = index_media(&boundary, &mut diagnostics);
    let logo = crate::brand::logo_of(root, &config);
    diagnostics.extend(theme_links_outside(&boundary));
    let texts = read_all(root, &files);
    let parsed: Vec<Parsed> = files
        .par_iter()
        .zip(texts)
        .map(|((rel, kind), text)| parse_file(rel, *kind, text, &config))
        .collect();

    let mut project = Project {
        root: root.to_path_buf(),
        config,
        strategy,
        personas: Vec::new(),
        campaigns: Vec::new(),
        posts: Vec::new(),
        crisis: Vec::new(),
        crisis_plan,
        reviews: Vec::new(),
        media,
        logo,
        file_count: sources.len() + files.len(),
        sources,
    };
    // Sized up front: a post is a large value, and growing the list by doubling moved
    // 10,000 of them several times over, on one core.
    let count = |wanted: Kind| files.iter().filter(|(_, kind)| *kind == wanted).count();
    project.posts.reserve_exact(count(Kind::Post));
    project.crisis.reserve_exact(count(Kind::Crisis));
    for file in parsed {
        diagnostics.extend(file.diagnostics);
        if let Some(text) = file.text {
            project.sources.insert(file.rel, text);
        }
        match file.item {
            Some(Item::Persona(p)) => project.personas.push(p),
            Some(Item::Campaign(c)) => project.campaigns.push(c),
            Some(Item::Post(p)) => project.posts.push(p),
            Some(Item::Crisis(p)) => project.crisis.push(p),
            Some(Item::Review(r)) => project.reviews.push(r),
            None => {}
        }
    }
    project.personas.sort_by(|a, b| a.id.cmp(&b.id));
    project.campaigns.sort_by(|a, b| a.id.cmp(&b.id));
    project.posts.sort_by(|a, b| a.id.cmp(&b.id));
    project.crisis.sort_by(|a, b| a.id.cmp(&b.id));
    let strategy = &project.strategy;
    project
        .posts
        .par_iter_mut()
        .chain(project.crisis.par_iter_mut())
        .for_each(|post| crate::content::planning::expand_hashtag_sets(strategy, post));
    project.reviews.sort_by(|a, b| a.post.cmp(&b.post));
    Ok((project, diagnostics))
}

fn read_toml_file<T>(
    root: &Path,
    rel: &str,
    sources: &mut BTreeMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
    read: impl FnOnce(&Node, &mut Reader<'_>) -> T,
) -> Option<T> {
    let text = match Boundary::new(root).check(rel).and_then(|()| read_text(root, rel)) {
        Ok(text) => text,
        Err(d) => {
            diagnostics.push(*d);
            return None;
        }
    };
    let mut reader = Reader::new(rel);
    let value = match parse_toml(&text, 1) {
        Ok(node) => Some(read(&node, &mut reader)),
        Err(err) => {
            diagnostics.push(syntax_diagnostic(rel, "TOML", err));
            None
        }
    };
    diagnostics.extend(reader.diagnostics);
    sources.insert(rel.to_owned(), text);
    value
}

/// Finds the content files, sorted, as repository-relative `/` paths; links leading out
/// of the repository are reported into `diagnostics` and left out.
fn content_files(
    boundary: &Boundary,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Kind)> {
    let root = boundary.root();
    let output = root.join(&config.output);
    let mut files = Vec::new();
    for (folder, kind, depth) in [
        ("personas", Kind::Persona, 1),
        ("campaigns", Kind::Campaign, 1),
        ("crisis", Kind::Crisis, 1),
        ("posts", Kind::Post, 64),
        ("reviews", Kind::Review, 64),
    ] {
        let walked = walk_inside(boundary, folder, depth, &|path| path == output);
        diagnostics.extend(walked.diagnostics);
        let mut found: Vec<String> = (walked.files.iter().chain(&walked.broken))
            .filter(|path| path.extension().is_some_and(|e| e == "md"))
            .map(|path| relative(root, path))
            .collect();
        found.sort();
        files.extend(found.into_iter().map(|rel| (rel, kind)));
    }
    files
}

/// The links leading out of `templates/`, `static/` and `lang/`: the theme is only loaded to
/// render, but `check` must report them too (the theme loader skips them silently).
fn theme_links_outside(boundary: &Boundary) -> Vec<Diagnostic> {
    ["templates", "static", "lang"]
        .iter()
        .flat_map(|folder| walk_inside(boundary, folder, usize::MAX, &|_| false).diagnostics)
        .collect()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// The `/`-separated path of `path` below `root`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Indexes `media/**` with sizes and, for images, dimensions read from the header only;
/// links leading out of the repository are reported into `diagnostics` and left out.
fn index_media(boundary: &Boundary, diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, MediaFile> {
    let walked = walk_inside(boundary, "media", usize::MAX, &|_| false);
    diagnostics.extend(walked.diagnostics);
    index_media_files(boundary.root(), &walked.files)
}

/// Indexes the media files in the repository folder `rel` (a folder under `media/`).
fn index_media_under(root: &Path, rel: &str) -> BTreeMap<String, MediaFile> {
    let walked = walk_inside(&Boundary::new(root), rel, usize::MAX, &|_| false);
    index_media_files(root, &walked.files)
}

/// The index entries of `files` (paths below `root`), their headers read in parallel.
fn index_media_files(root: &Path, files: &[PathBuf]) -> BTreeMap<String, MediaFile> {
    files
        .par_iter()
        .map(|file| {
            let path = relative(root, file);
            (path.clone(), media_file(path, file))
        })
        .collect()
}

/// What the header of one media file says.
fn media_file(path: String, file: &Path) -> MediaFile {
    let kind = MediaKind::of(&path);
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let size = (kind == MediaKind::Image)
        .then(|| imagesize::size(file).ok())
        .flatten();
    MediaFile {
        path,
        bytes,
        kind,
        width: size.map(|s| s.width as u32),
        height: size.map(|s| s.height as u32),
        duration: (kind == MediaKind::Video)
            .then(|| mp4::duration_seconds(file))
            .flatten(),
    }
}

enum Item {
    Persona(crate::model::Persona),
    Campaign(crate::model::Campaign),
    Post(crate::model::Post),
    Crisis(crate::model::Post),
    Review(crate::model::Review),
}

struct Parsed {
    rel: String,
    text: Option<String>,
    item: Option<Item>,
    diagnostics: Vec<Diagnostic>,
}

/// How many files are read at once. Reading waits on the disk when the files are not
/// cached (the first build after a checkout, or after the system reclaimed the cache):
/// one reader per core leaves the disk mostly idle, while parsing needs only the cores.
const READERS: usize = 16;

/// Every content file's text, read by [`READERS`] threads, in the order of `files`.
fn read_all(root: &Path, files: &[(String, Kind)]) -> Vec<Result<String, Box<Diagnostic>>> {
    let read = || files.par_iter().map(|(rel, _)| read_text(root, rel)).collect();
    match rayon::ThreadPoolBuilder::new().num_threads(READERS).build() {
        Ok(readers) => readers.install(read),
        Err(_) => read(),
    }
}

fn parse_file(rel: &str, kind: Kind, text: Result<String, Box<Diagnostic>>, config: &Config) -> Parsed {
    let mut parsed = Parsed {
        rel: rel.to_owned(),
        text: None,
        item: None,
        diagnostics: Vec::new(),
    };
    let text = match text {
        Ok(text) => text,
        Err(d) => {
            parsed.diagnostics.push(*d);
            return parsed;
        }
    };
    parsed.item = parse_item(rel, kind, &text, config, &mut parsed.diagnostics);
    parsed.text = Some(text);
    parsed
}

fn parse_item(rel: &str, kind: Kind, text: &str, config: &Config, out: &mut Vec<Diagnostic>) -> Option<Item> {
    let split = match split(text) {
        Ok(split) => split,
        Err(err) => {
            out.push(missing_front_matter(rel, err));
            return None;
        }
    };
    let parsed = match split.format {
        Format::Toml => parse_toml(split.front_matter, split.front_matter_line),
        Format::Yaml => parse_yaml(split.front_matter, split.front_matter_line),
    };
    let node = match parsed {
        // A missing required key is reported at the opening fence.
        Ok(node) => Node {
            pos: Pos::new(1, 1),
            ..node
        },
        Err(err) => {
            let lang = if split.format == Format::Toml {
                "TOML"
            } else {
                "YAML"
            };
            out.push(syntax_diagnostic(rel, lang, err));
            return None;
        }
    };
    let id = id_of(rel);
    let mut r = Reader::new(rel);
    let item = match kind {
        Kind::Persona => Item::Persona(read_persona(&id, rel, &node, split.body, &mut r)),
        Kind::Campaign => Item::Campaign(read_campaign(&id, rel, &node, split.body, &mut r)),
        Kind::Review => Item::Review(read_review(&id, rel, &node, &mut r)),
        Kind::Post | Kind::Crisis => {
            let post_kind = if kind == Kind::Post {
                PostKind::Post
            } else {
                PostKind::Crisis
            };
            let src = PostSource {
                id: &id,
                file: rel,
                node: &node,
                body: split.body,
                body_line: split.body_line,
                kind: post_kind,
            };
            let post = read_post(&src, config.timezone, &mut r);
            if kind == Kind::Post {
                Item::Post(post)
            } else {
                Item::Crisis(post)
            }
        }
    };
    out.extend(r.diagnostics);
    Some(item)
}

/// The id of a content file: its path below its folder, without `.md`.
fn id_of(rel: &str) -> String {
    let below = rel.split_once('/').map_or(rel, |(_, rest)| rest);
    below.strip_suffix(".md").unwrap_or(below).to_owned()
}

fn read_text(root: &Path, rel: &str) -> Result<String, Box<Diagnostic>> {
    let path = root.join(rel);
    let bytes = std::fs::read(&path).map_err(|err| {
        Box::new(
            Diagnostic::new(
                &UNREADABLE_FILE,
                rel,
                Pos::new(0, 1),
                format!("cannot read the file: {err}"),
            )
            .help("check that the file exists and is readable"),
        )
    })?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let column = String::from_utf8_lossy(&bytes[..valid])
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count());
        Box::new(
            Diagnostic::new(
                &NOT_UTF8,
                rel,
                Pos::new(line, column as u32 + 1),
                format!(
                    "the file is not UTF-8 text (invalid byte 0x{:02X} at byte {valid})",
                    bytes[valid]
                ),
            )
            .help("save the file as UTF-8 in your editor"),
        )
    })
}

fn syntax_diagnostic(rel: &str, lang: &str, err: SyntaxError) -> Diagnostic {
    let first = err.message.lines().next().unwrap_or("").to_owned();
    Diagnostic::new(&SYNTAX_ERROR, rel, err.pos, format!("invalid {lang}: {first}")).help(if lang == "TOML" {
        "strings need quotes, lists are [\"a\", \"b\"], dates are 2026-12-01T09:00:00"
    } else {
        "quote values that contain ': ' or start with special characters"
    })
}

fn missing_front_matter(rel: &str, err: SplitError) -> Diagnostic {
    match err {
        SplitError::Missing => Diagnostic::new(
            &MISSING_FRONT_MATTER,
            rel,
            Pos::new(1, 1),
            "the file has no front matter",
        )
        .help("start the file with a `+++` line, the TOML keys, and another `+++` line"),
        SplitError::Unclosed(fence) => Diagnostic::new(
            &MISSING_FRONT_MATTER,
            rel,
            Pos::new(1, 1),
            format!("the front matter opened with `{fence}` is never closed"),
        )
        .help(format!("add a line with only `{fence}` after the last key")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_paths_below_the_folder() {
        assert_eq!(id_of("posts/2026/12/winter.md"), "2026/12/winter");
        assert_eq!(id_of("personas/paula.md"), "paula");
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_are_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("loop.md", dir.path().join("loop.md")).unwrap();
        assert_eq!(
            read_text(dir.path(), "loop.md").unwrap_err().rule,
            "unreadable-file"
        );
    }

    #[test]
    fn not_utf8_points_at_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), b"+++\ntitle = \"\xff\"\n").unwrap();
        let d = read_text(dir.path(), "a.md").unwrap_err();
        assert_eq!((d.rule, d.line, d.column), ("not-utf8", 2, 10));
    }
}
