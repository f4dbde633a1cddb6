//! The static site: every page of a checked project rendered with tera and written
//! atomically (a new site replaces the old one whole, or not at all).
//!
//! [`render`] is the one way in: it renders a [`Checked`] project, the report and the
//! publish queue included, either straight into the output folder page by page (`build`)
//! or into a [`Site`] in memory (output path → bytes) that the dev server serves. May
//! import `load` (theme files), `model`, `report`, `export`, `lang` and the composed
//! texts; never `serve` or `validate`. Nothing from a content file reaches a page unescaped:
//! templates are autoescaped, and Markdown with raw HTML or links is sanitised before it
//! is marked safe.

mod deliverables;
mod deps;
mod filters;
mod markdown;
mod pages;
mod paths;
mod tables;
mod theme;
mod views;
mod write;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::Checked;
use crate::timings::phase;

use crate::export::ics::ExportWords;
use crate::export::{Format, SiteQueue};
use crate::lang::format::Lang;
use crate::lang::{WordFile, Words};
pub(crate) use deliverables::deliverable_data;
pub use deps::{
    CalendarShape, PageSet, pages_affected_by_post, pages_next_to, pages_showing_post, site_wide_state,
};
pub use markdown::{LinkTargets, Placement, render_markdown};
pub use tables::RowCache;
pub use theme::{Origin, Theme, load_theme};
use write::SiteWriter;
pub use write::{MARKER, check_output_dir, default_output_dir};

/// How the site is rendered.
#[derive(Clone, Debug, Default)]
pub struct SiteOptions {
    /// The day "due this week" and "today" refer to (defaults to today in the project's timezone).
    pub today: Option<NaiveDate>,
    /// What changed since a git revision (`--since REV`): renders `changes.html` and
    /// links it from the overview and the navigation.
    pub changes: Option<std::sync::Arc<crate::since::Changes>>,
    /// First publish day the report counts (`--from`, inclusive); `None`: from the start.
    pub from: Option<NaiveDate>,
    /// Last publish day the report counts (`--to`, inclusive); `None`: to the end.
    pub to: Option<NaiveDate>,
}

/// What [`render`] produced: the files kept in memory (output path, relative and
/// `/`-separated → bytes as packed; none when written to a folder) and the page count.
#[derive(Clone, Debug, Default)]
pub struct Site {
    /// Every output file kept in memory.
    pub files: BTreeMap<String, Vec<u8>>,
    /// How many HTML pages were rendered.
    pages: usize,
}

impl Site {
    /// The number of HTML pages, for the build summary.
    pub fn page_count(&self) -> usize {
        self.pages
    }

    /// A site of these files (as packed), for tests of what serves it.
    #[cfg(test)]
    pub(crate) fn from_files(files: BTreeMap<String, Vec<u8>>) -> Site {
        let pages = files.keys().filter(|p| p.ends_with(".html")).count();
        Site { files, pages }
    }
}

/// Why the site could not be rendered or written (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A template does not parse or fails to render.
    #[error("template {template}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// The template file a user can open (`templates/NAME` for an override).
        template: String,
        /// The line, when known.
        line: Option<u32>,
        /// What went wrong.
        message: String,
    },
    /// A file could not be read or written.
    #[error("cannot write or read {path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A word list (`lang/<code>.toml`) does not parse or names a word that does not exist.
    #[error("word list {path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Words {
        /// The file a user can open (`lang/de.toml` for an override).
        path: String,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The output folder would overwrite something that is not a Touchpoint site.
    #[error("refusing to write the site to {path}: {why}")]
    UnsafeOutput {
        /// The folder.
        path: String,
        /// Why it is refused.
        why: String,
    },
}

/// Room for a page's own markup around any ready-made HTML it embeds.
const PAGE_FRAME_BYTES: usize = 16 * 1024;

/// The size of the ready-made HTML (tables of posts: `{count, html}`) among a page's own
/// values, so its output buffer is allocated once: a list page at 100,000 posts is tens of
/// MB, and growing a buffer to that size by doubling copies it several times over.
fn prerendered_bytes(own: &serde_json::Map<String, tera::Value>) -> usize {
    own.values()
        .filter_map(|value| value.get("html"))
        .filter_map(tera::Value::as_str)
        .map(str::len)
        .sum()
}

/// A reusable page context: see [`Renderer::scratch`].
pub struct Scratch {
    context: tera::Context,
    /// The nav section whose `nav` the context holds. Pages come in runs of one section
    /// (10,000 post pages in a row), so the nav is built once per run, not once per page.
    nav_section: Option<String>,
}

/// The theme after the project's overrides, with every template compiled: what does not
/// change between renders of one project. The dev server keeps it between rebuilds and
/// loads it again only when `templates/`, `static/` or the configuration (the language
/// of the filters) changes; compiling takes longer than rendering one page.
pub struct CompiledTheme {
    tera: tera::Tera,
    theme: Theme,
    lang: Lang,
    words: Words,
    /// The list rows of the last build, when kept ([`CompiledTheme::keeping_rows`]).
    rows: Option<tables::RowCache>,
}

impl CompiledTheme {
    /// Loads the embedded theme with the overrides under the project's `templates/` and
    /// `static/`, and compiles its templates for the project's language.
    pub fn load(project: &crate::model::Project) -> Result<Self, SiteError> {
        let theme = load_theme(&project.root)?;
        let lang = Lang::from_code(&project.config.language);
        let words = load_words(&project.root, lang)?;
        let tera = filters::compile(&theme, &words)?;
        Ok(CompiledTheme {
            tera,
            theme,
            lang,
            words,
            rows: None,
        })
    }

    /// The theme keeping the list rows it renders between builds, so a later build
    /// renders only the rows whose content changed: for the dev server, which renders
    /// the lists again after every edit (a one-off build has nothing to reuse).
    pub fn keeping_rows(self) -> Self {
        CompiledTheme {
            rows: Some(tables::RowCache::default()),
            ..self
        }
    }

    /// The kept rows, if this theme keeps them.
    pub fn row_cache(&self) -> Option<&tables::RowCache> {
        self.rows.as_ref()
    }
}

/// The human words of `touchpoint export` (the iCalendar labels and held note) in the
/// project's language, from the same word list and overrides as the site, so the file a
/// reviewer downloads from the site and the one the command writes are the same.
pub fn export_words(checked: &Checked) -> Result<ExportWords, SiteError> {
    let lang = Lang::from_code(&checked.project.config.language);
    let words = load_words(&checked.project.root, lang)?;
    Ok(ExportWords::from_labels(|key| words.label(key)))
}

/// The word list for `lang`: the theme's `lang/<code>.toml` with the project's
/// `lang/<code>.toml` laid over it.
fn load_words(root: &std::path::Path, lang: Lang) -> Result<Words, SiteError> {
    let raw = crate::load::read_word_files(root, lang.code()).map_err(|err| SiteError::Io {
        path: err.path.display().to_string(),
        source: err.source,
    })?;
    let mut files = Vec::with_capacity(raw.len());
    for file in raw {
        let text = String::from_utf8(file.bytes).map_err(|_| SiteError::Words {
            path: file.path.clone(),
            line: None,
            message: "the word list is not UTF-8 text; save it as UTF-8".to_owned(),
        })?;
        files.push(WordFile {
            path: file.path,
            text,
        });
    }
    Words::from_layers(lang, &files).map_err(|err| SiteError::Words {
        path: err.path,
        line: err.line,
        message: err.message,
    })
}

/// Renders pages with the theme (after overrides) and the context every page shares.
pub struct Renderer<'a> {
    compiled: &'a CompiledTheme,
    checked: &'a Checked,
    lang: Lang,
    today: NaiveDate,
    calendar_href: String,
    changes: Option<std::sync::Arc<crate::since::Changes>>,
    period: (Option<NaiveDate>, Option<NaiveDate>),
    site_context: tera::Context,
}

impl<'a> Renderer<'a> {
    /// Prepares the context every page shares, for pages rendered with `compiled` (the
    /// project's theme, see [`CompiledTheme::load`]).
    pub fn new(checked: &'a Checked, options: &SiteOptions, compiled: &'a CompiledTheme) -> Self {
        let project = &checked.project;
        let lang = compiled.lang;
        let today = options.today.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&project.config.timezone)
                .date_naive()
        });
        let calendar_href = pages::calendar_href_for(project, today);
        let mut renderer = Renderer {
            compiled,
            checked,
            lang,
            today,
            calendar_href,
            changes: options.changes.clone(),
            period: (options.from, options.to),
            site_context: tera::Context::new(),
        };
        renderer.site_context = pages::site_context(&renderer);
        renderer
    }

    /// A context holding what every page shares (`t`, `site`, `build`), to render pages
    /// in with [`Renderer::render_in`]; one per thread, so the labels are copied per
    /// thread rather than per page.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            context: self.site_context.clone(),
            nav_section: None,
        }
    }

    /// Renders `template` as the page at output path `path` with the page's own
    /// `context`, inside `scratch`: the shared keys stay, `root` (the relative prefix to
    /// the site root, e.g. `../`), `page_path` and `nav` are set for this page, and the
    /// page's own keys are moved in for the render and taken out again afterwards.
    pub fn render_in(
        &self,
        scratch: &mut Scratch,
        template: &str,
        path: &str,
        context: tera::Context,
    ) -> Result<Vec<u8>, SiteError> {
        pages::set_page_keys(self, path, scratch);
        let full = &mut scratch.context;
        let own = match context.into_json() {
            tera::Value::Object(own) => own,
            _ => serde_json::Map::new(),
        };
        let keys: Vec<String> = own.keys().cloned().collect();
        let mut out = Vec::with_capacity(PAGE_FRAME_BYTES + prerendered_bytes(&own));
        if let Ok(own) = tera::Context::from_value(tera::Value::Object(own)) {
            full.extend(own);
        }
        let rendered = self.compiled.tera.render_to(template, full, &mut out);
        for key in &keys {
            full.remove(key);
        }
        if keys.iter().any(|key| key == "nav") {
            scratch.nav_section = None;
        }
        rendered
            .map(|()| out)
            .map_err(|err| filters::render_error(&self.compiled.theme, template, &err))
    }

    /// Renders each `(template, root)` of `each` once per item (as `p`, for a page at root
    /// prefix `root`); the result holds one list of snippets per entry of `each`. The items
    /// are put into the context once for all templates, and each template renders them in
    /// one tera call: a wrapper compiled with the theme (see `filters::each_wrapper`) joins the snippets with a
    /// separator that escaping keeps out of any value. Should a snippet contain it anyway
    /// (a template writing it literally), that template renders the items one by one.
    pub fn render_each<T: serde::Serialize>(
        &self,
        each: &[(&str, &str)],
        items: &[T],
    ) -> Result<Vec<Vec<Arc<str>>>, SiteError> {
        let mut context = self.site_context.clone();
        context.insert("items", items);
        let mut all = Vec::with_capacity(each.len());
        for &(template, root) in each {
            context.insert("root", root);
            let html = self.render_wrapper(template, &context)?;
            let snippets: Vec<&str> = html.split(filters::SEPARATOR).collect();
            if snippets.len() == items.len() + 1 {
                all.push(snippets[..items.len()].iter().map(|s| Arc::from(*s)).collect());
            } else {
                all.push(self.render_one_by_one(template, root, items)?);
            }
        }
        Ok(all)
    }

    /// [`Renderer::render_each`]'s slow path for one template: a call per item.
    fn render_one_by_one<T: serde::Serialize>(
        &self,
        template: &str,
        root: &str,
        items: &[T],
    ) -> Result<Vec<Arc<str>>, SiteError> {
        items
            .chunks(1)
            .map(|one| {
                let mut context = self.site_context.clone();
                context.insert("root", root);
                context.insert("items", one);
                let mut html = self.render_wrapper(template, &context)?;
                html.pop();
                Ok(Arc::from(html))
            })
            .collect()
    }

    fn render_wrapper(&self, template: &str, context: &tera::Context) -> Result<String, SiteError> {
        self.compiled
            .tera
            .render(&filters::each_wrapper(template), context)
            .map_err(|err| filters::render_error(&self.compiled.theme, template, &err))
    }

    /// The checked project being rendered.
    pub fn checked(&self) -> &'a Checked {
        self.checked
    }

    /// The UI language.
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// The word list in the UI language, after the project's overrides.
    /// The rows kept between builds, when the theme keeps them.
    pub(super) fn row_cache(&self) -> Option<&'a tables::RowCache> {
        self.compiled.rows.as_ref()
    }

    /// A hash of the context every page shares: kept rows rendered in another context
    /// are rendered again.
    pub(super) fn context_hash(&self) -> u128 {
        let json = self.site_context.clone().into_json().to_string();
        tables::hash128(0, &json)
    }

    pub(crate) fn words(&self) -> &'a Words {
        &self.compiled.words
    }

    /// The day the site treats as today.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// What changed since the `--since` revision, when one was given.
    pub(crate) fn changes(&self) -> Option<&crate::since::Changes> {
        self.changes.as_deref()
    }

    /// The report's period (`--from`, `--to`).
    pub(crate) fn period(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        self.period
    }

    /// Whether the theme (after overrides) has a template of this name.
    pub fn has_template(&self, name: &str) -> bool {
        self.compiled.theme.templates.contains_key(name)
    }
}

/// How a [`Site`] kept in memory holds each rendered file: the dev server keeps its
/// pages compressed.
pub type Pack = dyn Fn(Vec<u8>) -> Vec<u8> + Sync;

/// Which output paths a render produces (every path: `&|_| true`).
pub type Wanted<'w> = dyn Fn(&str) -> bool + Sync + 'w;

/// Where rendered files go: the one choice between `build` and the dev server.
pub enum Output<'a> {
    /// Into the output folder (`build`): each file is written as soon as it is rendered
    /// (on the core that rendered it), so memory holds a few pages at a time rather than
    /// the whole site, and the new site is swapped in atomically at the end. The returned
    /// [`Site`] has no files, only the page count.
    Folder(&'a Path),
    /// Into the returned [`Site`], each file kept as `pack` turns it as soon as it is
    /// rendered, so the whole site never has to be in memory uncompressed (the dev server).
    Memory(&'a Pack),
}

/// Renders the output files of the checked project that `wanted` accepts (pages, the
/// publish queue, the theme's static files, the media) to `output`: the one way into the
/// site. `theme` is the project's compiled theme where the caller keeps one (the dev
/// server); `None` loads and compiles it here.
pub fn render(
    checked: &Checked,
    options: &SiteOptions,
    theme: Option<&CompiledTheme>,
    wanted: &Wanted<'_>,
    output: Output<'_>,
) -> Result<Site, SiteError> {
    let loaded;
    let compiled = match theme {
        Some(compiled) => compiled,
        None => {
            loaded = phase("compile theme", || CompiledTheme::load(&checked.project))?;
            &loaded
        }
    };
    match output {
        Output::Folder(out) => {
            let writer = SiteWriter::create(out, Some(&checked.project.root))?;
            let sink = Sink {
                put: &|path, bytes| writer.put(&path, &bytes),
                stream: &|paths, write| writer.put_streams(paths, write),
            };
            render_into(checked, options, compiled, wanted, &sink)?;
            let pages = writer.page_count();
            phase("swap in", || writer.finish())?;
            Ok(Site {
                files: BTreeMap::new(),
                pages,
            })
        }
        Output::Memory(pack) => {
            let files = std::sync::Mutex::new(BTreeMap::new());
            let put = &|path, bytes| {
                let packed = pack(bytes);
                let mut files = files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                files.insert(path, packed);
                Ok(())
            };
            let sink = Sink {
                put,
                stream: &|paths, write| {
                    let mut files: Vec<Vec<u8>> = paths.iter().map(|_| Vec::new()).collect();
                    let mut outs: Vec<&mut dyn std::io::Write> =
                        files.iter_mut().map(|f| f as &mut dyn std::io::Write).collect();
                    write(&mut outs).map_err(|source| SiteError::Io {
                        path: paths.join(", "),
                        source,
                    })?;
                    paths
                        .iter()
                        .zip(files)
                        .try_for_each(|(path, bytes)| put(path.clone(), bytes))
                },
            };
            render_into(checked, options, compiled, wanted, &sink)?;
            let files = files
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let pages = files.keys().filter(|p| p.ends_with(".html")).count();
            Ok(Site { files, pages })
        }
    }
}

/// Where each rendered file goes: its output path and bytes.
type Put<'p> = dyn Fn(String, Vec<u8>) -> Result<(), SiteError> + Sync + 'p;

/// Where files written piece by piece go: their output paths, and what writes them,
/// handed a writer per path, in order (the publish queue writes its three formats in
/// one pass over its rows).
type Stream<'s> = dyn Fn(&[String], &mut Writes<'_>) -> Result<(), SiteError> + Sync + 's;

/// What writes the files of a [`Stream`], given a writer per file.
type Writes<'w> = dyn FnMut(&mut [&mut dyn std::io::Write]) -> std::io::Result<()> + 'w;

/// The two ways a rendered file leaves: whole ([`Put`]), or piece by piece ([`Stream`])
/// for files too large to hold (the publish queue).
struct Sink<'s> {
    put: &'s Put<'s>,
    stream: &'s Stream<'s>,
}

/// Renders the pages, the publish queue, the theme's static files and the media that
/// `wanted` accepts, handing each file to `put` as soon as it is ready.
fn render_into(
    checked: &Checked,
    options: &SiteOptions,
    compiled: &CompiledTheme,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    sink: &Sink<'_>,
) -> Result<(), SiteError> {
    let put = sink.put;
    let renderer = Renderer::new(checked, options, compiled);
    // The publish queue beside the pages: it is written a few thousand rows at a time,
    // and while one step's pieces go to disk the pages use the cores it leaves idle.
    // Memory allows it since the queue no longer holds its rows whole.
    let (queue, pages) = rayon::join(
        || {
            phase("publish queue", || {
                publish_queue(checked, &compiled.words, wanted, sink.stream)
            })
        },
        || -> Result<(), SiteError> {
            let plan = phase("plan (rows, report)", || pages::Plan::new(&renderer, wanted))?;
            phase("pages", || render_pages_of(&renderer, &plan, wanted, put))
        },
    );
    queue.and(pages)?;
    for (name, bytes) in &compiled.theme.statics {
        let path = format!("static/{name}");
        if wanted(&path) {
            put(path, bytes.clone())?;
        }
    }
    copy_media(checked, wanted, put)?;
    copy_logo(checked, wanted, put)
}

/// Copies the `[brand]` logo into the site at its repository path, unless it is under
/// `media/` (copied with the media). Only a logo that reads is copied, and its path
/// stays inside the repository, so the copy stays inside the output folder.
fn copy_logo(checked: &Checked, wanted: &dyn Fn(&str) -> bool, put: &Put<'_>) -> Result<(), SiteError> {
    let project = &checked.project;
    let Some((_, Some(logo))) = crate::brand::brand_of(project) else {
        return Ok(());
    };
    if project.media.contains_key(&logo.path) || !wanted(&logo.path) {
        return Ok(());
    }
    put(logo.path.clone(), logo.bytes.clone())
}

/// At most this many page jobs are rendered in one run on one thread (see
/// [`render_pages_of`]): a post page takes about 0.1 ms, a week of the calendar more.
const JOBS_PER_RUN: usize = 8;

/// Renders every page the plan has that `wanted` accepts, on all cores.
fn render_pages_of(
    renderer: &Renderer<'_>,
    plan: &pages::Plan<'_>,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    put: &Put<'_>,
) -> Result<(), SiteError> {
    let spare = Mutex::new(Vec::new());
    plan.jobs(wanted)
        .into_par_iter()
        // A run of jobs given to a thread is rendered in order and cannot be taken over, so
        // runs are kept short: otherwise the last run of post pages kept one core busy for
        // 50 ms while the other, done with the publish queue, had nothing to take.
        .with_max_len(JOBS_PER_RUN)
        .flat_map_iter(|job| job())
        .filter(|page| wanted(&page.path))
        .try_for_each_init(
            || Lent::from(&spare, || renderer.scratch()),
            |scratch, page| {
                let bytes = renderer.render_in(scratch, page.template, &page.path, page.context)?;
                put(page.path, bytes)
            },
        )
}

/// A value taken from a pool of spares (or made when none is left) and put back when
/// dropped. rayon calls an `_init` closure once per run of items it hands out, not once per
/// thread; with short runs, cloning the shared page context (every label of the theme) for
/// each run cost 2 % of a build.
struct Lent<'p, T> {
    value: Option<T>,
    spare: &'p Mutex<Vec<T>>,
}

impl<'p, T> Lent<'p, T> {
    fn from(spare: &'p Mutex<Vec<T>>, make: impl FnOnce() -> T) -> Self {
        let kept = spare.lock().unwrap_or_else(PoisonError::into_inner).pop();
        Lent {
            value: Some(kept.unwrap_or_else(make)),
            spare,
        }
    }
}

impl<T> std::ops::Deref for Lent<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value
            .as_ref()
            .expect("a lent value is only taken when dropped")
    }
}

impl<T> std::ops::DerefMut for Lent<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.value
            .as_mut()
            .expect("a lent value is only taken when dropped")
    }
}

impl<T> Drop for Lent<'_, T> {
    fn drop(&mut self) {
        if let Some(value) = self.value.take() {
            self.spare
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(value);
        }
    }
}

/// The publish queue (JSON, CSV, iCalendar) as site files, so reviewers can download
/// it; each is written as its rows are built, never whole in memory.
fn publish_queue(
    checked: &Checked,
    words: &Words,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    stream: &Stream<'_>,
) -> Result<(), SiteError> {
    let (formats, paths): (Vec<Format>, Vec<String>) = Format::ALL
        .into_iter()
        .map(|format| (format, SiteQueue::path(format)))
        .filter(|(_, path)| wanted(path))
        .unzip();
    if formats.is_empty() {
        return Ok(());
    }
    let words = ExportWords::from_labels(|key| words.label(key));
    let queue = SiteQueue::new(checked, &checked.texts);
    stream(&paths, &mut |outs| queue.write(&formats, &words, outs))
}

/// Copies every file under `media/` (read by `load`) into the site at the same relative path.
fn copy_media(checked: &Checked, wanted: &dyn Fn(&str) -> bool, put: &Put<'_>) -> Result<(), SiteError> {
    let root: &Path = &checked.project.root;
    for path in checked.project.media.keys().filter(|p| wanted(p)) {
        let bytes = crate::load::read_media_file(root, path).map_err(|err| SiteError::Io {
            path: err.path.display().to_string(),
            source: err.source,
        })?;
        put(path.clone(), bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_wanted_pages_are_rendered() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
        let checked = crate::check_project(&root, &crate::Options::default()).unwrap();
        let options = SiteOptions {
            today: NaiveDate::from_ymd_opt(2026, 11, 29),
            ..SiteOptions::default()
        };
        let wanted = |path: &str| path == "index.html" || path == "posts/2026/12/tyres.html";
        let some = render(&checked, &options, None, &wanted, Output::Memory(&|b| b)).unwrap();
        assert_eq!(
            some.files.keys().collect::<Vec<_>>(),
            ["index.html", "posts/2026/12/tyres.html"]
        );
        let all = render(&checked, &options, None, &|_| true, Output::Memory(&|b| b)).unwrap();
        assert_eq!(
            some.files["posts/2026/12/tyres.html"],
            all.files["posts/2026/12/tyres.html"]
        );
        assert!(all.page_count() > 20);
    }
}
