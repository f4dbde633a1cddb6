//! The raw files later stages interpret: the metrics exports that `metrics/` parses, the
//! theme files `site/` compiles (the embedded default theme and the project's overrides),
//! the chart font `report/` draws with, and the media `site/` copies.
//!
//! Reading stays here so that one module decides what leaves the disk (and that nothing
//! outside the repository does): the stages above get bytes and paths, never a folder to
//! walk. `check` and the dev server call the same functions, the dev server again after a
//! change.

use std::path::{Path, PathBuf};

use super::{Boundary, UNREADABLE_FILE, relative, walk_inside};
use crate::diagnostic::{Diagnostic, Pos};

/// One file's bytes, named by its `/`-separated path (relative to the repository or to
/// the folder it was read from, as the function returning it says).
#[derive(Clone, Debug)]
pub struct RawFile {
    /// Where it was read from.
    pub path: String,
    /// Its bytes, as on disk.
    pub bytes: Vec<u8>,
}

/// The `metrics/*.csv` files, read but not parsed: `metrics/` parses them, and the dev
/// server keeps them until a file under `metrics/` changes.
#[derive(Clone, Debug, Default)]
pub struct MetricsRead {
    /// Findings of walking `metrics/` (links leading outside).
    pub walk_findings: Vec<Diagnostic>,
    /// Each CSV, spreadsheet or zip in name order, subfolders included: its bytes, or
    /// why it could not be read.
    pub files: Vec<Result<RawFile, Box<Diagnostic>>>,
    /// The other files, by repository-relative path: `metrics/` reports them as unread.
    pub skipped: Vec<String>,
}

/// How deep below `metrics/` files are read (YouTube Studio's zip unpacks to a folder).
const METRICS_DEPTH: usize = 8;

/// Reads every metrics file under `root`'s `metrics/` and its subfolders (a project
/// without the folder has none).
pub fn read_metric_files(root: &Path) -> MetricsRead {
    let walked = walk_inside(&Boundary::new(root), "metrics", METRICS_DEPTH, &|_| false);
    let (read, other): (Vec<PathBuf>, Vec<PathBuf>) =
        walked.files.into_iter().partition(|p| is_metrics_file(p));
    let files = read
        .into_iter()
        .map(|path| {
            let rel = relative(root, &path);
            match std::fs::read(&path) {
                Ok(bytes) => Ok(RawFile { path: rel, bytes }),
                Err(err) => Err(Box::new(
                    Diagnostic::new(
                        &UNREADABLE_FILE,
                        &rel,
                        Pos::new(0, 1),
                        format!("cannot read the file: {err}"),
                    )
                    .help("check the file's permissions"),
                )),
            }
        })
        .collect();
    MetricsRead {
        walk_findings: walked.diagnostics,
        files,
        skipped: other.iter().map(|path| relative(root, path)).collect(),
    }
}

/// Whether `path` names a file an importer may read: CSV (or TSV/TXT text), a
/// spreadsheet or a zip. Which export it is, the importers tell by its header.
fn is_metrics_file(path: &Path) -> bool {
    const READ: &[&str] = &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods", "zip"];
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| READ.iter().any(|r| e.eq_ignore_ascii_case(r)))
}

/// A file that exists but could not be read: the stage that asked turns it into its
/// own error (the site's "cannot write or read").
#[derive(Debug, thiserror::Error)]
#[error("cannot read {}: {source}", path.display())]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// The I/O error.
    pub source: std::io::Error,
}

macro_rules! theme_template {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../themes/default/templates/", $name)),
        )
    };
}

macro_rules! theme_static {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../themes/default/static/", $name)).as_slice(),
        )
    };
}

/// The default theme's templates: name (as used in `extends`/`include`) and text.
/// Theme files stay real files under `themes/default/` (so they can be edited and diffed
/// as HTML and CSS) and are compiled into the binary here, in one table.
pub const TEMPLATES: &[(&str, &str)] = &[
    theme_template!("base.html"),
    theme_template!("macros.html"),
    theme_template!("post_table.html"),
    theme_template!("post_row.html"),
    theme_template!("calendar_entry.html"),
    theme_template!("diagnostic_list.html"),
    theme_template!("media_list.html"),
    theme_template!("pager.html"),
    theme_template!("comment_list.html"),
    theme_template!("preview.html"),
    theme_template!("previews/account.html"),
    theme_template!("previews/text.html"),
    theme_template!("previews/media.html"),
    theme_template!("previews/link_card.html"),
    theme_template!("previews/comment.html"),
    theme_template!("previews/x.html"),
    theme_template!("previews/instagram.html"),
    theme_template!("previews/linkedin.html"),
    theme_template!("previews/youtube.html"),
    theme_template!("index.html"),
    theme_template!("calendar.html"),
    theme_template!("week.html"),
    theme_template!("posts.html"),
    theme_template!("post.html"),
    theme_template!("list.html"),
    theme_template!("platform.html"),
    theme_template!("campaign.html"),
    theme_template!("persona.html"),
    theme_template!("pillar.html"),
    theme_template!("strategy.html"),
    theme_template!("review.html"),
    theme_template!("diagnostics.html"),
    theme_template!("comments.html"),
    theme_template!("changes.html"),
    theme_template!("report.html"),
    theme_template!("crisis.html"),
];

/// The default theme's static files, copied to `static/` in the output. The chart font
/// and its licence go along: `report.css` names `fonts/DejaVuSans.ttf`, so the browser
/// shows chart text in the face it was laid out with.
pub const STATIC: &[(&str, &[u8])] = &[
    theme_static!("style.css"),
    theme_static!("report.css"),
    theme_static!("site.js"),
    theme_static!("favicon.svg"),
    ("fonts/DejaVuSans.ttf", CHART_FONT),
    (
        "fonts/LICENSE",
        include_bytes!("../../themes/default/fonts/LICENSE").as_slice(),
    ),
];

/// The default theme's word lists, one per language (`themes/default/lang/<code>.toml`):
/// file name and text. The project overrides single keys in its own `lang/<code>.toml`.
pub const WORDS: &[(&str, &str)] = &[
    ("en.toml", include_str!("../../themes/default/lang/en.toml")),
    ("de.toml", include_str!("../../themes/default/lang/de.toml")),
];

/// The word list of language `code` as layers to lay over each other: the theme's
/// built-in file (English when the theme has none for `code`), then the project's
/// `lang/<code>.toml` if there is one. Each is named by the path a user can open.
pub fn read_word_files(root: &Path, code: &str) -> Result<Vec<RawFile>, ReadError> {
    let name = format!("{code}.toml");
    let (theme_name, text) = WORDS
        .iter()
        .find(|(n, _)| *n == name)
        .or_else(|| WORDS.first())
        .copied()
        .unwrap_or(("en.toml", ""));
    let mut files = vec![RawFile {
        path: format!("themes/default/lang/{theme_name}"),
        bytes: text.as_bytes().to_vec(),
    }];
    for file in read_theme_overrides(root, "lang")? {
        if file.path == name {
            files.push(RawFile {
                path: format!("lang/{name}"),
                bytes: file.bytes,
            });
        }
    }
    Ok(files)
}

/// The font the report's charts are drawn in, carried by the binary so a chart comes out
/// byte-identical on a machine without system fonts: DejaVu Sans (Bitstream Vera
/// licence, see themes/default/fonts/LICENSE).
pub static CHART_FONT: &[u8] = include_bytes!("../../themes/default/fonts/DejaVuSans.ttf");

/// Every file under the repository folder `folder` (`templates`, `static` or `lang`; absent:
/// none), by `/`-separated path relative to it; hidden files skipped. Links leading out
/// of the repository are skipped too (loading the project reports them), so nothing
/// outside reaches the site.
pub fn read_theme_overrides(root: &Path, folder: &str) -> Result<Vec<RawFile>, ReadError> {
    let boundary = Boundary::new(root);
    let dir = boundary.root().join(folder);
    let walked = walk_inside(&boundary, folder, usize::MAX, &|_| false);
    let mut files = Vec::with_capacity(walked.files.len());
    for path in walked.files {
        let Ok(rel) = path.strip_prefix(&dir) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let bytes = std::fs::read(&path).map_err(|source| ReadError { path, source })?;
        files.push(RawFile {
            path: rel.join("/"),
            bytes,
        });
    }
    Ok(files)
}

/// The bytes of the media file at `rel` (a key of the project's media index), for the
/// site to copy.
pub fn read_media_file(root: &Path, rel: &str) -> Result<Vec<u8>, ReadError> {
    let path = root.join(rel);
    std::fs::read(&path).map_err(|source| ReadError { path, source })
}
