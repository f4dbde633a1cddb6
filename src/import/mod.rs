//! `touchpoint import`: a content calendar in, Markdown posts out.
//!
//! The flow: read the file into rows ([`table`]), find the header row among the first
//! [`HEADER_SEARCH_ROWS`] and with it the layout (Touchpoint's queue CSV, Sprout Social's
//! bulk CSV, a `--map`ped calendar; Hootsuite's has no header and is named with
//! `--layout hootsuite`), turn each row into a draft (one module per layout), group the
//! drafts into posts ([`plan`]), and write each post ([`render`]) through a temporary
//! file renamed into place under `posts/`, never over an existing file unless `force`.
//!
//! A row that cannot be read is reported with the line where it starts and the reason;
//! the post it belongs to is not written at all. Nothing is written outside the
//! repository's `posts/` folder: ids that leave it are refused, and a folder on the way
//! that is a symbolic link leading out of the repository stops the write.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono_tz::Tz;

use crate::load::Boundary;
use crate::model::Status;
use crate::platform::Platform;

mod draft;
mod hootsuite;
mod mapped;
mod plan;
mod render;
mod sprout;
mod table;
mod time;
mod touchpoint;

pub use mapped::ColumnMap;

use draft::{Draft, Header};
use table::Line;

/// How many rows from the top may come before the header row (titles, notes, blank rows).
pub const HEADER_SEARCH_ROWS: usize = 10;

/// The layouts `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Touchpoint's own queue CSV (`touchpoint export --format csv`).
    Touchpoint,
    /// Hootsuite's bulk-composer CSV (no header: date, message, link).
    Hootsuite,
    /// Sprout Social's bulk-scheduling CSV (`date`, `time_24hr`, `message_text`).
    Sprout,
    /// Any calendar, through `--map`.
    Mapped,
}

/// What the command line asks for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The calendar file (CSV, `.xlsx`, `.ods`).
    pub file: PathBuf,
    /// The repository to write into.
    pub into: PathBuf,
    /// The layout, when the header alone cannot tell (Hootsuite) or to insist on one.
    pub layout: Option<Layout>,
    /// The column map of a generic calendar.
    pub map: Option<ColumnMap>,
    /// A chrono strftime layout for times that are not ISO 8601.
    pub date_format: Option<String>,
    /// The network of layouts that name none (Hootsuite, Sprout).
    pub platform: Option<Platform>,
    /// The status of posts whose rows give none.
    pub status: Status,
    /// Replace existing posts.
    pub force: bool,
    /// Write nothing; report what would be written.
    pub dry_run: bool,
}

/// What an import did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Rows or posts that could not be imported, by line.
    pub problems: Vec<Problem>,
    /// Posts written (or, with `dry_run`, that would be).
    pub posts: Vec<Written>,
}

/// A row or post that was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where its row starts in the file (1-based).
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// A post file written (or, with `dry_run`, planned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// Repository-relative path, `posts/….md`.
    pub file: String,
    /// The rows it comes from.
    pub lines: Vec<usize>,
    /// Its platforms.
    pub platforms: Vec<Platform>,
    /// It replaced an existing file (`force`).
    pub replaced: bool,
    /// The file's text.
    pub contents: String,
}

/// Why an import could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, String),
    /// No header row was found.
    #[error("{0}: {1}")]
    NoHeader(PathBuf, String),
    /// The target is not a repository.
    #[error(transparent)]
    Repository(#[from] crate::load::LoadError),
    /// The options contradict each other or miss something.
    #[error("{0}")]
    Options(String),
}

/// What the row readers need besides the row.
pub(crate) struct Context<'a> {
    tz: Tz,
    date_format: Option<&'a str>,
    platform: Option<Platform>,
    /// The target repository's `[export] media_base_url`: media URLs under it are its files.
    media_base: Option<&'a str>,
}

/// Imports `options.file` into the repository at `options.into`.
pub fn import(options: &Options) -> Result<Report, ImportError> {
    let (project, _) = crate::load::load_project(&options.into)?;
    let tz = project.config.timezone;
    let lines = table::read_table(&options.file)?;
    let (layout, header, rows) = find_layout(options, &lines)?;
    if matches!(layout, Layout::Hootsuite | Layout::Sprout) && options.platform.is_none() {
        return Err(ImportError::Options(
            "this layout names no network: pass --platform (e.g. --platform instagram)".to_owned(),
        ));
    }
    let context = Context {
        tz,
        date_format: options.date_format.as_deref(),
        platform: options.platform,
        media_base: project.config.media_base_url.as_deref(),
    };
    let mut report = Report::default();
    let mut drafts = Vec::new();
    let mut failed_posts = BTreeSet::new();
    for line in rows.iter().filter(|l| !l.is_blank()) {
        match read_row(layout, options.map.as_ref(), &header, line, &context) {
            Ok(draft) => drafts.push(draft),
            Err(message) => {
                failed_posts.extend(row_post_id(layout, options.map.as_ref(), &header, line));
                report.problems.push(Problem {
                    line: line.line,
                    message,
                });
            }
        }
    }
    let (plans, errors) = plan::plan_posts(drafts, &failed_posts, options.status);
    report.problems.extend(errors.into_iter().map(|e| Problem {
        line: e.line,
        message: e.message,
    }));
    let boundary = Boundary::new(&options.into);
    for plan in plans {
        let contents = render::render_post(&plan, tz);
        match place(&boundary, &plan.id, &contents, options) {
            Ok((file, replaced)) => report.posts.push(Written {
                file,
                lines: plan.lines.clone(),
                platforms: plan.entries.iter().map(|e| e.platform).collect(),
                replaced,
                contents,
            }),
            Err(message) => report.problems.push(Problem {
                line: plan.lines[0],
                message,
            }),
        }
    }
    report.problems.sort_by_key(|p| p.line);
    Ok(report)
}

/// The layout, the header (empty for Hootsuite) and the rows after it.
fn find_layout<'l>(
    options: &Options,
    lines: &'l [Line],
) -> Result<(Layout, Header, &'l [Line]), ImportError> {
    if options.layout == Some(Layout::Hootsuite) {
        return Ok((Layout::Hootsuite, Header::new(&[]), lines));
    }
    if options.layout == Some(Layout::Mapped) && options.map.is_none() {
        return Err(ImportError::Options("--layout mapped needs --map".to_owned()));
    }
    for (i, line) in lines.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let header = Header::new(&line.cells);
        let found = match (&options.map, options.layout) {
            (Some(map), _) => map.matches(&header).then_some(Layout::Mapped),
            (None, Some(Layout::Sprout)) => sprout::matches(&header).then_some(Layout::Sprout),
            (None, Some(Layout::Touchpoint)) => touchpoint::matches(&header).then_some(Layout::Touchpoint),
            (None, _) => detect(&header),
        };
        if let Some(layout) = found {
            return Ok((layout, header, &lines[i + 1..]));
        }
    }
    Err(ImportError::NoHeader(
        options.file.clone(),
        no_header_message(options),
    ))
}

fn detect(header: &Header) -> Option<Layout> {
    if touchpoint::matches(header) {
        Some(Layout::Touchpoint)
    } else if sprout::matches(header) {
        Some(Layout::Sprout)
    } else {
        None
    }
}

fn no_header_message(options: &Options) -> String {
    let looked_for = match &options.map {
        Some(_) => "a row holding every column named in --map".to_owned(),
        None => format!(
            "Touchpoint's queue CSV header (id, scheduled_at, platform, content, post …) or Sprout Social's ({})",
            sprout::REQUIRED.join(", ")
        ),
    };
    format!(
        "no header row in the first {HEADER_SEARCH_ROWS} rows: looked for {looked_for}. For another \
         calendar name its columns with --map \"Date=publish_at,Text=text,Network=platforms\"; for \
         Hootsuite's file (which has no header) pass --layout hootsuite"
    )
}

fn read_row(
    layout: Layout,
    map: Option<&ColumnMap>,
    header: &Header,
    line: &Line,
    context: &Context,
) -> Result<Draft, String> {
    match (layout, map) {
        (Layout::Touchpoint, _) => touchpoint::read_row(header, line, context),
        (Layout::Hootsuite, _) => hootsuite::read_row(line, context),
        (Layout::Sprout, _) => sprout::read_row(header, line, context),
        (Layout::Mapped, Some(map)) => mapped::read_row(map, header, line, context),
        (Layout::Mapped, None) => Err("--map is missing".to_owned()),
    }
}

/// The post id an unreadable row names, so that its post's other rows are held back too.
fn row_post_id(layout: Layout, map: Option<&ColumnMap>, header: &Header, line: &Line) -> Option<String> {
    let id = match (layout, map) {
        (Layout::Touchpoint, _) => header.cell(&line.cells, "post").trim().to_owned(),
        (Layout::Mapped, Some(map)) => map.post_cell(header, &line.cells),
        _ => String::new(),
    };
    (!id.is_empty()).then_some(id)
}

/// Writes (or, dry, checks) `posts/{id}.md`: the repository-relative path and whether it
/// replaced a file, or why it was not written.
fn place(boundary: &Boundary, id: &str, contents: &str, options: &Options) -> Result<(String, bool), String> {
    let rel = format!("posts/{id}.md");
    let path = boundary.root().join(&rel);
    let existing = path.symlink_metadata().ok();
    if existing.as_ref().is_some_and(|m| m.file_type().is_symlink()) {
        return Err(format!("{rel} is a symbolic link; not replaced"));
    }
    if existing.is_some() && !options.force {
        return Err(format!(
            "{rel} exists; not overwritten (pass --force to replace it)"
        ));
    }
    if !options.dry_run {
        make_folders(boundary, &rel)?;
        crate::export::write::write_atomic(&path, contents.as_bytes())
            .map_err(|e| format!("cannot write {rel}: {e}"))?;
    }
    Ok((rel, existing.is_some()))
}

/// Creates the folders of `rel` one by one below the root, refusing any existing folder
/// that is a symbolic link leading out of the repository (checked before entering it).
fn make_folders(boundary: &Boundary, rel: &str) -> Result<(), String> {
    let mut dir = boundary.root().to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts[..parts.len() - 1].iter().enumerate() {
        dir.push(part);
        let shown = parts[..=i].join("/");
        if dir.symlink_metadata().is_ok() {
            if boundary.leads_outside(&dir) {
                return Err(format!(
                    "{shown} is a symbolic link leading outside the repository; {rel} not written"
                ));
            }
            if !dir.is_dir() {
                return Err(format!("{shown} is not a folder; {rel} not written"));
            }
        } else {
            std::fs::create_dir(&dir).map_err(|e| format!("cannot create {shown}: {e}"))?;
        }
    }
    Ok(())
}
