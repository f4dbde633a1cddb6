//! The publish queue: one row per (post, platform) that is ready to go out, in time order.
//!
//! [`build_queue`] selects the rows from a checked project; the formats render the same
//! [`Queue`] as JSON ([`json`]), CSV ([`csv`]) and iCalendar ([`ics`]). Everything here is
//! a pure function of the repository's content: no wall-clock time, no file-system order,
//! no hash-map order reaches the output, so the same repository always exports the same bytes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Offset, Utc};
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Checked;
use crate::ComposedTexts;
use crate::compose::PlatformText;
use crate::content::repeat::Occurrence;
use crate::diagnostic::Diagnostic;
use crate::lang::format::{date_time_digits, push_two_digits};
use crate::model::{Post, Project, Status};
use crate::platform::{self, Platform};

pub mod csv;
mod hootsuite;
pub mod ics;
pub mod json;
pub mod media_url;
pub mod profile;
mod sprout;
pub mod write;

/// Which rows a caller wants: the command line's `--from`, `--to`, `--platform`, `--status`
/// and `--allow-errors`.
#[derive(Clone, Debug)]
pub struct Filter {
    /// First day (inclusive, in the project's timezone).
    pub from: Option<NaiveDate>,
    /// Last day (inclusive, in the project's timezone).
    pub to: Option<NaiveDate>,
    /// Only these platforms (empty: every platform).
    pub platforms: Vec<Platform>,
    /// Only posts in these statuses.
    pub statuses: Vec<Status>,
    /// Include posts that have errors instead of refusing them.
    pub allow_errors: bool,
    /// `--hold`: a crisis is on; rows on the crisis plan's paused channels are held.
    pub hold: bool,
}

impl Default for Filter {
    /// Every approved or scheduled post, on every platform, at any time; posts with errors refused.
    fn default() -> Self {
        Filter {
            from: None,
            to: None,
            platforms: Vec::new(),
            statuses: DEFAULT_STATUSES.to_vec(),
            allow_errors: false,
            hold: false,
        }
    }
}

/// The statuses exported when `--status` is not given: the ones that allow publishing.
pub const DEFAULT_STATUSES: [Status; 2] = [Status::Approved, Status::Scheduled];

/// The version of the exported row layout (JSON `schema_version`); raised on any
/// incompatible change of fields, in all three formats at once.
pub const SCHEMA_VERSION: u32 = 1;

/// The publish queue and what was kept out of it.
#[derive(Clone, Debug, Serialize)]
pub struct Queue {
    /// The brand's name, for titles.
    pub project: String,
    /// The project's IANA timezone name.
    pub timezone: String,
    /// The rows, sorted by publish time, then platform name, then post id.
    pub rows: Vec<Row>,
    /// Posts kept out because they have errors (empty with `allow_errors`).
    #[serde(skip)]
    pub refused: Vec<Refusal>,
    /// Ids of selected posts without a usable publish time (only possible with `allow_errors`).
    #[serde(skip)]
    pub unscheduled: Vec<String>,
    /// `[export] media_base_url` (ending in `/`): scheduler profiles write media as public
    /// URLs under it ([`media_url`]); without it they cannot carry media.
    #[serde(skip)]
    pub media_base_url: Option<String>,
}

/// One post going to one platform: everything a person or a scheduler needs to publish it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// Stable id of (post, platform): see [`stable_id`].
    pub id: String,
    /// The post's id (path under `posts/` without `.md`).
    pub post: String,
    /// The post's file, relative to the repository.
    pub file: String,
    /// The post's working title.
    pub title: String,
    /// The post's status.
    pub status: Status,
    /// Where it goes.
    pub platform: Platform,
    /// The account handle from `touchpoint.toml`, if one is set.
    pub account: Option<String>,
    /// When it goes out, in UTC.
    #[serde(serialize_with = "serialize_utc")]
    pub publish_at_utc: DateTime<Utc>,
    /// When it goes out, in the project's timezone (with its offset).
    #[serde(serialize_with = "serialize_local")]
    pub publish_at_local: DateTime<Tz>,
    /// The final text of the first part, exactly as validated: variant text, hashtags, tracked link.
    pub text: String,
    /// Further thread parts, in order (empty when the post is not a thread).
    pub thread: Vec<String>,
    /// The first comment, where the platform has one and the post sets it.
    pub first_comment: Option<String>,
    /// The post's link with tracking parameters, as it appears in the text.
    pub link: Option<String>,
    /// Attached media, repository-relative paths with alt text.
    pub media: Vec<Media>,
    /// The campaign id.
    pub campaign: Option<String>,
    /// The content pillar id.
    pub pillar: Option<String>,
    /// Held by the crisis plan: a crisis is active and the plan pauses this platform.
    pub held: bool,
    /// What the final texts were composed from, so `touchpoint import` can write the
    /// post back (CSV only; JSON and iCalendar leave it out).
    #[serde(skip)]
    pub source: Source,
}

/// What one row's texts are composed from: the Markdown before plain-text conversion,
/// hashtags and tracking. The CSV carries it in its last columns so that importing an
/// export reproduces the same queue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// The Markdown of the first part (the variant's `text`, else the body).
    pub text: String,
    /// The Markdown of further thread parts, where the network takes threads.
    pub thread: Vec<String>,
    /// The Markdown of the first comment, where the network has one and the post sets it.
    pub first_comment: Option<String>,
    /// The hashtags this platform receives, without '#'.
    pub hashtags: Vec<String>,
    /// The post's link before tracking parameters.
    pub link: Option<String>,
    /// Who wrote the post (`author`).
    pub author: Option<String>,
    /// Who approved it (`approved_by`): a repository with `[review]` needs it back.
    pub approved_by: Option<String>,
    /// The series the row is an occurrence of ([`crate::content::repeat::Repeat::describe`]).
    pub repeat: Option<String>,
}

/// A media attachment as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Media {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    /// Alt text, if written.
    pub alt: Option<String>,
}

/// A post kept out of the queue because it has errors: what to show the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// The post's id.
    pub post: String,
    /// The post's file.
    pub file: String,
    /// How many errors the post has.
    pub errors: usize,
    /// The first error, by position.
    pub first: Diagnostic,
}

impl Refusal {
    /// One line for the terminal: `posts/a.md:3:1: error[rule]: message (and 2 more errors)`.
    pub fn describe(&self) -> String {
        let more = match self.errors.saturating_sub(1) {
            0 => String::new(),
            1 => " (and 1 more error)".to_owned(),
            n => format!(" (and {n} more errors)"),
        };
        format!(
            "{}:{}:{}: error[{}]: {}{more}",
            self.file, self.first.line, self.first.column, self.first.rule, self.first.message
        )
    }
}

fn serialize_utc<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_utc(t))
}

fn serialize_local<S: serde::Serializer>(t: &DateTime<Tz>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_local(t))
}

/// `2026-12-01T08:00:00Z`: RFC 3339 in UTC, whole seconds, the form every format uses.
pub fn format_utc(t: &DateTime<Utc>) -> String {
    match date_time_digits(t, ["-", "-", "T", ":", ":"]) {
        Some(digits) => digits + "Z",
        None => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// `2026-12-01T09:00:00+01:00`: RFC 3339 with the project's offset at that instant.
pub fn format_local(t: &DateTime<Tz>) -> String {
    let offset = t.offset().fix().local_minus_utc();
    // A historic offset with seconds (local mean time) is rounded by chrono; leave it that.
    let whole_minutes = offset % 60 == 0;
    let Some(mut out) = date_time_digits(t, ["-", "-", "T", ":", ":"]).filter(|_| whole_minutes) else {
        return t.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    };
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    push_two_digits(&mut out, minutes / 60);
    out.push(':');
    push_two_digits(&mut out, minutes % 60);
    out
}

/// The stable id of a (post, platform) row: the first 16 hex digits of
/// SHA-256(`touchpoint:v1:{post id}:{platform}`). An occurrence of a series passes
/// `{post id}@{local date}` ([`crate::content::repeat::Occurrence::key`]) as its post id.
///
/// It depends on nothing but the post's id and the platform's name, so it is the same on
/// every machine and run, survives edits to the post and to every other file, and lets a
/// scheduler or a calendar recognise a row it has seen before. Renaming or moving the
/// post's file changes its id and therefore the row's.
pub fn stable_id(post_id: &str, platform: Platform) -> String {
    let digest = Sha256::digest(format!("touchpoint:v1:{post_id}:{}", platform.name()).as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Builds the publish queue: every (post, platform) the filter selects, in time order.
///
/// Holding statements (`crisis/`) never enter it. A selected post with an error (any
/// error-level diagnostic in its file) is refused and listed in [`Queue::refused`], unless
/// `filter.allow_errors` is set; callers decide whether a refusal fails the run.
pub fn build_queue(checked: &Checked, filter: &Filter) -> Queue {
    build_queue_with(checked, filter, &checked.texts)
}

/// [`build_queue`] with texts the caller already composed (the site composes them for
/// its previews); texts it lacks are composed here.
pub fn build_queue_with(checked: &Checked, filter: &Filter, texts: &ComposedTexts) -> Queue {
    let selected = Selected::new(checked, filter);
    let mut queue = selected.queue;
    // Built on all cores; an indexed `collect` keeps the order and sizes the vector once.
    queue.rows = selected
        .rows
        .par_iter()
        .map(|pending| pending.build(&checked.project, texts))
        .collect();
    queue
}

/// The publish queue with its rows chosen and ordered but not yet built: each
/// [`Pending`] row is a few words, where a built [`Row`] holds every text of the post.
struct Selected<'c> {
    /// Everything but the rows (which stay empty here).
    queue: Queue,
    /// The rows, sorted like [`Queue::rows`].
    rows: Vec<Pending<'c>>,
}

/// One row of the queue before it is built: which post goes where, and when.
struct Pending<'c> {
    post: &'c Post,
    platform: Platform,
    occurrence: Occurrence,
    held: bool,
}

impl Pending<'_> {
    /// The row with its texts: [`build_row`] for this post, platform and time.
    fn build(&self, project: &Project, texts: &ComposedTexts) -> Row {
        Row {
            held: self.held,
            ..build_row(project, self.post, self.platform, &self.occurrence, texts)
        }
    }
}

impl<'c> Selected<'c> {
    /// Selects the rows `filter` keeps, refusing posts with errors and reporting posts
    /// without a time, and sorts them.
    fn new(checked: &'c Checked, filter: &Filter) -> Self {
        let project = &checked.project;
        let tz = project.config.timezone;
        let errors = errors_by_file(&checked.diagnostics);
        let mut queue = Queue {
            project: project.config.name.clone(),
            timezone: tz.name().to_owned(),
            rows: Vec::new(),
            refused: Vec::new(),
            unscheduled: Vec::new(),
            media_base_url: project.config.media_base_url.clone(),
        };
        let entries: Vec<Entry> = project
            .posts
            .par_iter()
            .filter(|p| is_selected(p, filter, tz))
            .filter_map(|post| queue_entry(project, post, filter, &errors))
            .collect();
        let mut rows = Vec::with_capacity(
            entries
                .iter()
                .map(|entry| match entry {
                    Entry::Rows(rows) => rows.len(),
                    _ => 0,
                })
                .sum(),
        );
        for entry in entries {
            match entry {
                Entry::Rows(selected) => rows.extend(selected),
                Entry::Refused(refused) => queue.refused.push(refused),
                Entry::Unscheduled(id) => queue.unscheduled.push(id),
            }
        }
        sort_rows(&mut rows);
        Selected { queue, rows }
    }
}

/// What one selected post adds to the queue.
enum Entry<'c> {
    Rows(Vec<Pending<'c>>),
    Refused(Refusal),
    Unscheduled(String),
}

/// A selected post's rows, or why it has none; `None` when `--platform` keeps none of its platforms.
fn queue_entry<'c>(
    project: &Project,
    post: &'c Post,
    filter: &Filter,
    errors: &BTreeMap<&str, (usize, &Diagnostic)>,
) -> Option<Entry<'c>> {
    let platforms = selected_platforms(post, filter);
    if platforms.is_empty() {
        return None;
    }
    if !filter.allow_errors
        && let Some(found) = errors.get(post.file.as_str())
    {
        return Some(Entry::Refused(refusal(post, *found)));
    }
    if post.time().is_none() {
        return Some(Entry::Unscheduled(post.id.clone()));
    }
    let tz = project.config.timezone;
    let rows = post
        .dates()
        .iter()
        .filter(|o| in_range(o.at, filter, tz))
        .flat_map(|occurrence| {
            platforms.iter().map(move |&platform| Pending {
                post,
                platform,
                occurrence: occurrence.clone(),
                held: is_held(project, filter, platform),
            })
        })
        .collect();
    Some(Entry::Rows(rows))
}

/// Whether a crisis is on (`--hold` or `[crisis] active`) and the crisis plan pauses `platform`.
pub fn is_held(project: &Project, filter: &Filter, platform: Platform) -> bool {
    (filter.hold || project.config.crisis_active)
        && project
            .crisis_plan
            .as_ref()
            .is_some_and(|plan| plan.pauses(platform))
}

/// Whether a publish time falls within `--from`..`--to` (local days, both included).
fn in_range(time: DateTime<Tz>, filter: &Filter, tz: Tz) -> bool {
    let day = time.with_timezone(&tz).date_naive();
    filter.from.is_none_or(|from| day >= from) && filter.to.is_none_or(|to| day <= to)
}

/// Whether a post passes the status and date filters (platforms are filtered per row).
fn is_selected(post: &Post, filter: &Filter, tz: Tz) -> bool {
    if post.is_crisis() || !filter.statuses.contains(&post.status.value) {
        return false;
    }
    if post.time().is_none() {
        // Without a time the date range cannot exclude it; it is refused or reported.
        return filter.from.is_none() && filter.to.is_none();
    }
    // A series is selected when any occurrence falls in the range.
    post.dates().iter().any(|o| in_range(o.at, filter, tz))
}

/// The post's platforms that `--platform` keeps, in the order the post names them.
fn selected_platforms(post: &Post, filter: &Filter) -> Vec<Platform> {
    post.platforms
        .iter()
        .map(|p| p.value)
        .filter(|p| filter.platforms.is_empty() || filter.platforms.contains(p))
        .collect()
}

/// Per file with errors: how many, and the first (diagnostics arrive sorted by position).
fn errors_by_file(diagnostics: &[Diagnostic]) -> BTreeMap<&str, (usize, &Diagnostic)> {
    let mut map: BTreeMap<&str, (usize, &Diagnostic)> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        let entry = map.entry(d.file.as_str()).or_insert((0, d));
        entry.0 += 1;
        if (d.line, d.column) < (entry.1.line, entry.1.column) {
            entry.1 = d;
        }
    }
    map
}

fn refusal(post: &Post, (errors, first): (usize, &Diagnostic)) -> Refusal {
    Refusal {
        post: post.id.clone(),
        file: post.file.clone(),
        errors,
        first: first.clone(),
    }
}

fn build_row(
    project: &Project,
    post: &Post,
    platform: Platform,
    occurrence: &Occurrence,
    texts: &ComposedTexts,
) -> Row {
    let text = final_text(&texts.get(project, post, platform), platform);
    let tz = project.config.timezone;
    let time = occurrence.at;
    Row {
        id: stable_id(&occurrence.key, platform),
        post: post.id.clone(),
        file: post.file.clone(),
        title: post.title.value.clone(),
        status: post.status.value,
        platform,
        account: project
            .config
            .platforms
            .get(&platform)
            .and_then(|c| c.handle.clone()),
        publish_at_utc: time.with_timezone(&Utc),
        publish_at_local: time.with_timezone(&tz),
        text: text.text,
        thread: text.thread,
        first_comment: text.first_comment,
        link: text.link,
        media: post
            .media_for(platform)
            .iter()
            .map(|m| Media {
                path: m.path.value.clone(),
                alt: m.alt.as_ref().map(|a| a.value.clone()),
            })
            .collect(),
        campaign: post.campaign.as_ref().map(|c| c.value.clone()),
        pillar: post.pillar.as_ref().map(|p| p.value.clone()),
        held: false,
        source: row_source(post, platform),
    }
}

/// The Markdown, hashtags and raw link the row's texts come from, filtered like
/// [`final_text`]: thread parts and first comments only where the network has them.
fn row_source(post: &Post, platform: Platform) -> Source {
    let spec = platform::spec(platform);
    let variant = post.variants.get(&platform);
    let text = variant
        .and_then(|v| v.text.as_ref())
        .map_or_else(|| post.body.clone(), |t| t.value.clone());
    let thread = variant
        .filter(|_| spec.threads)
        .map(|v| v.thread.iter().map(|t| t.value.clone()).collect())
        .unwrap_or_default();
    let first_comment = variant
        .and_then(|v| v.first_comment.as_ref())
        .filter(|_| spec.first_comment)
        .map(|c| c.value.clone());
    Source {
        text,
        thread,
        first_comment,
        hashtags: post
            .hashtags_for(platform)
            .iter()
            .map(|h| h.value.clone())
            .collect(),
        link: post.link.as_ref().map(|l| l.value.clone()),
        author: post.author.clone(),
        approved_by: post.approved_by.clone(),
        repeat: post.repeat.as_ref().map(|r| r.describe()),
    }
}

/// Time, then platform name, then post id: a total order, so output never depends on input order.
fn sort_rows(rows: &mut [Pending<'_>]) {
    // The key is unique (a post has one row per platform and occurrence time), so an
    // unstable sort gives the same order without a stable sort's buffer of half the rows.
    let key = |row: &Pending<'_>| (row.occurrence.at, row.platform.name());
    rows.sort_unstable_by(|a, b| (key(a), &a.post.id).cmp(&(key(b), &b.post.id)));
}

/// The text parts one platform receives, as exported.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct FinalText {
    text: String,
    thread: Vec<String>,
    first_comment: Option<String>,
    link: Option<String>,
}

/// The final text of `post` on `platform`, exactly as validation checked it: taken from
/// [`crate::compose::platform_text`], the one function validation, the site and the export share.
/// A first comment is exported only where the network has one.
fn final_text(composed: &PlatformText, platform: Platform) -> FinalText {
    let mut parts = composed.parts.iter().map(|p| p.text.clone());
    FinalText {
        text: parts.next().unwrap_or_default(),
        thread: parts.collect(),
        first_comment: composed
            .first_comment
            .clone()
            .filter(|_| platform::spec(platform).first_comment),
        link: composed.tracked_link.clone(),
    }
}

/// The export formats, each rendered by its own module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Versioned JSON ([`json`]).
    Json,
    /// CSV with a header row ([`csv`]).
    Csv,
    /// iCalendar, RFC 5545 ([`ics`]).
    Ics,
}

impl Format {
    /// Every format, in the order the site lists them.
    pub const ALL: [Format; 3] = [Format::Json, Format::Csv, Format::Ics];

    /// The file extension, which is also the `--format` word.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Ics => "ics",
        }
    }

    /// What comes before the first row.
    fn head(self, queue: &Queue, words: &ics::ExportWords, out: &mut Vec<u8>) {
        match self {
            Format::Json => json::head(queue, out),
            Format::Csv => csv::head(out),
            Format::Ics => ics::head(queue, words, out),
        }
    }

    /// Row number `index` (from 0).
    fn row(self, index: usize, row: &Row, words: &ics::ExportWords, out: &mut Vec<u8>) {
        match self {
            Format::Json => json::row(index, row, out),
            Format::Csv => csv::row(row, out),
            Format::Ics => ics::row(row, words, out),
        }
    }

    /// What comes after the last of `rows` rows.
    fn tail(self, rows: usize, out: &mut Vec<u8>) {
        match self {
            Format::Json => json::tail(rows, out),
            Format::Csv => {}
            Format::Ics => ics::tail(out),
        }
    }
}

/// Renders the queue in `format`: the one dispatch the command line and the site share.
/// `words` label the human text (the iCalendar description); JSON and CSV hold only the
/// user's own text and machine words (column names, ids, statuses), which stay fixed.
pub fn render(queue: &Queue, format: Format, words: &ics::ExportWords) -> String {
    let mut out = Vec::with_capacity(1024 + queue.rows.len() * 640);
    let row_at = |i: usize| Cow::Borrowed(&queue.rows[i]);
    // Writing into memory cannot fail, and one format goes to one writer.
    let _ = write_formats(
        queue,
        &[format],
        words,
        &mut [&mut out],
        queue.rows.len(),
        &row_at,
    );
    // Every piece is written from Rust strings, so the bytes are UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Rows built and rendered per step of [`write_formats`]: enough to keep every core
/// busy, few enough that a step's rows and text stay a few MB.
const ROWS_PER_STEP: usize = 2048;

/// Writes a queue in each of `formats` to the matching writer of `outs`: the head
/// (`queue`'s project and time zone), then rows `0..rows` (`row_at` gives each, built or
/// borrowed), then the tail. Rows are rendered a step at a time on all cores, each row
/// once for all the formats, and written in order. The one writer of the publish queue:
/// [`render`] hands it the rows it built, [`SiteQueue`] builds each row as it goes.
fn write_formats<'r>(
    queue: &Queue,
    formats: &[Format],
    words: &ics::ExportWords,
    outs: &mut [&mut dyn std::io::Write],
    rows: usize,
    row_at: &(dyn Fn(usize) -> Cow<'r, Row> + Sync),
) -> std::io::Result<()> {
    if formats.len() != outs.len() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "{} formats but {} files to write them to",
                formats.len(),
                outs.len()
            ),
        ));
    }
    let mut text = Vec::new();
    for (format, out) in formats.iter().zip(outs.iter_mut()) {
        text.clear();
        format.head(queue, words, &mut text);
        out.write_all(&text)?;
    }
    for first in (0..rows).step_by(ROWS_PER_STEP) {
        // Per row, its piece in each format.
        let pieces: Vec<Vec<Vec<u8>>> = (first..rows.min(first + ROWS_PER_STEP))
            .into_par_iter()
            .map(|index| {
                let row = row_at(index);
                formats
                    .iter()
                    .map(|format| {
                        let mut piece = Vec::with_capacity(1024);
                        format.row(index, &row, words, &mut piece);
                        piece
                    })
                    .collect()
            })
            .collect();
        for row in pieces {
            for (piece, out) in row.iter().zip(outs.iter_mut()) {
                out.write_all(piece)?;
            }
        }
    }
    for (format, out) in formats.iter().zip(outs.iter_mut()) {
        text.clear();
        format.tail(rows, &mut text);
        out.write_all(&text)?;
    }
    Ok(())
}

/// Renders `queue` as `profile`'s bulk files; rows at or before `now` (plus the tool's
/// lead time) are left out with a reason.
pub fn render_profile(queue: &Queue, profile: profile::Profile, now: DateTime<Utc>) -> profile::ProfileFiles {
    match profile {
        profile::Profile::Hootsuite => {
            let layout = hootsuite::Hootsuite {
                media_base: queue.media_base_url.clone(),
            };
            profile::render_files(queue, "hootsuite", &layout, now)
        }
        profile::Profile::Sprout => {
            let layout = sprout::Sprout {
                media_base: queue.media_base_url.clone(),
            };
            profile::render_files(queue, "sprout", &layout, now)
        }
    }
}

/// The publish queue for the site's three files (`export/publish-queue.{json,csv,ics}`),
/// with the default filter, so a reviewer can download exactly what `touchpoint export`
/// writes; posts with errors are left out (the site shows their diagnostics instead).
///
/// Its rows are built a chunk at a time as the files are written (once for all three),
/// on all cores, and dropped once written: at 100,000 posts the built rows (300 MB) and
/// each format's text (100 to 160 MB) were the build's peak memory, where the chosen rows
/// are a few MB.
pub struct SiteQueue<'c> {
    project: &'c Project,
    texts: &'c ComposedTexts,
    selected: Selected<'c>,
}

impl<'c> SiteQueue<'c> {
    /// Chooses and orders the rows (`texts`: the composed texts the site already has).
    pub fn new(checked: &'c Checked, texts: &'c ComposedTexts) -> Self {
        SiteQueue {
            project: &checked.project,
            texts,
            selected: Selected::new(checked, &Filter::default()),
        }
    }

    /// The path of `format`'s file in the site.
    pub fn path(format: Format) -> String {
        format!("export/publish-queue.{}", format.extension())
    }

    /// Writes the queue in each of `formats` to the matching writer of `outs`, each byte
    /// for byte what [`render`] gives, building each row as it is written.
    pub fn write(
        &self,
        formats: &[Format],
        words: &ics::ExportWords,
        outs: &mut [&mut dyn std::io::Write],
    ) -> std::io::Result<()> {
        let rows = &self.selected.rows;
        let row_at = |i: usize| Cow::Owned(rows[i].build(self.project, self.texts));
        write_formats(&self.selected.queue, formats, words, outs, rows.len(), &row_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_id_is_sha256_prefix_of_post_and_platform() {
        // printf 'touchpoint:v1:2026/12/winter:x' | sha256sum | cut -c1-16
        let id = stable_id("2026/12/winter", Platform::X);
        assert_eq!(id, "738d97a44725035f");
        assert_ne!(id, stable_id("2026/12/winter", Platform::Bluesky));
        assert_ne!(id, stable_id("2026/12/winte", Platform::X));
    }

    #[test]
    fn times_spell_like_chrono_in_every_year_and_zone() {
        let zones = [
            "UTC",
            "Europe/Berlin",
            "America/St_Johns",
            "Asia/Kolkata",
            "Australia/Eucla",
        ];
        for (y, m, d, h, min, sec) in [
            (2026, 12, 1, 8, 0, 0),
            (2027, 7, 9, 23, 59, 58),
            (12, 1, 1, 0, 0, 1),
            (10000, 2, 3, 4, 5, 6),
            (-5, 6, 7, 8, 9, 10),
        ] {
            let utc = NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|date| date.and_hms_opt(h, min, sec))
                .unwrap()
                .and_utc();
            assert_eq!(format_utc(&utc), utc.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            assert_eq!(
                ics::format_ics_utc(&utc),
                utc.format("%Y%m%dT%H%M%SZ").to_string()
            );
            for zone in zones {
                let local = utc.with_timezone(&zone.parse::<Tz>().unwrap());
                assert_eq!(
                    format_local(&local),
                    local.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                    "{zone}"
                );
            }
        }
    }

    #[test]
    fn refusal_describes_file_position_and_count() {
        const RULE: crate::diagnostic::Rule = crate::diagnostic::Rule {
            name: "demo",
            default: crate::diagnostic::Severity::Error,
            summary: "demo",
        };
        let first = Diagnostic::new(&RULE, "posts/a.md", crate::diagnostic::Pos::new(3, 5), "bad");
        let r = Refusal {
            post: "a".into(),
            file: "posts/a.md".into(),
            errors: 3,
            first,
        };
        assert_eq!(
            r.describe(),
            "posts/a.md:3:5: error[demo]: bad (and 2 more errors)"
        );
    }
}
