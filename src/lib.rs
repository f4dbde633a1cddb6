//! Touchpoint compiles a social-media content repository into diagnostics, a static
//! site and a publish queue. The pipeline runs in one direction:
//! load → parse → model → validate → render → emit.
//!
//! [`check_project`] is the entry every command starts from: it loads and parses the
//! repository once and runs every rule, returning the model for the later stages.
//!
//! # What the library exports, and why
//! The library exists for the `touchpoint` binary, the integration tests and the fuzz
//! targets (`fuzz/`); nothing else links it, so it exports what those use and no more:
//! - [`check_project`], [`Options`], [`Checked`] (with [`ComposedTexts`] and [`Frozen`],
//!   the types of its fields) and [`all_rules`]: every command starts here.
//! - `site` ([`site::render`] and where the output may go), `export`, `serve`, `init`:
//!   one module per command of the binary.
//! - `diagnostic` and `terminal`: how findings and errors are printed.
//! - `model`, `load`, `content`, `metrics`, `platform`, `validate`: the stages the
//!   integration tests and fuzz targets drive one by one (loading a fixture, parsing a
//!   CSV or front matter, counting a text, running one rule family), and the model types
//!   the others return.
//!
//! Private: `report` and `lang` (only the site renders them), `suggest`, `timings`,
//! `untrusted` (third-party readers on hostile bytes) and
//! the checked project's own module. Inside the exported modules, items no path from
//! outside reaches are `pub(crate)` (the `unreachable_pub` lint).

use std::path::Path;

use chrono::NaiveDate;

pub mod brand;
mod checked;
pub mod compose;
pub mod content;
pub mod diagnostic;
pub mod export;
pub mod import;
pub mod init;
mod lang;
pub mod load;
pub mod metrics;
pub mod model;
pub mod pdf;
pub mod platform;
mod report;
pub mod serve;
pub mod since;
pub mod site;
pub mod spreadsheet;
mod suggest;
pub mod terminal;
mod timings;
mod untrusted;
pub mod validate;

pub use checked::{Checked, ComposedTexts, Frozen};
use diagnostic::{Diagnostic, Rule};
use model::Project;

/// How a check run is set up.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Overrides "today" (defaults to the current date in the project's timezone).
    pub today: Option<NaiveDate>,
}

/// Loads, parses and validates the repository at `root`.
pub fn check_project(root: &Path, options: &Options) -> Result<Checked, load::LoadError> {
    use rayon::prelude::*;
    let (project, diagnostics, metric_files) = timings::phase("load and parse", || {
        let (project, diagnostics) = load::load_project(root)?;
        let metric_files = load::read_metric_files(&project.root);
        Ok::<_, load::LoadError>((project, diagnostics, metric_files))
    })?;
    let mut checked = timings::phase("compose texts", || Checked::compose(project));
    let (metrics, diagnostics) = timings::phase("validate", || {
        let project = &checked.project;
        let context = validate::Context {
            today: today_of(project, options),
        };
        let post_findings = project
            .posts
            .par_iter()
            .chain(project.crisis.par_iter())
            .flat_map_iter(|post| check_post_alone(project, post, checked.texts.of(post), &context))
            .collect();
        let metric_files = metrics::parse_metric_files(&metric_files);
        check_loaded_with(project, diagnostics, options, post_findings, &metric_files)
    });
    checked.metrics = metrics;
    checked.diagnostics = diagnostics;
    Ok(checked)
}

/// Every finding about one post or holding statement alone: the per-post checks of every
/// registered family ([`validate::check_post`]), on the texts in `texts` (or composed
/// now). They depend on no other post, so the dev server keeps them per post and runs
/// them again only for the posts that change.
pub fn check_post(project: &Project, post: &model::Post, texts: &compose::Texts) -> Vec<Diagnostic> {
    validate::check_post(project, post, texts)
}

/// Every finding about one post alone, on the given date: [`check_post`]'s and the
/// findings of the rules that judge the post against the other files and today
/// ([`validate::check_post_dated`]). The dev server keeps them per post.
pub(crate) fn check_post_alone(
    project: &Project,
    post: &model::Post,
    texts: &compose::Texts,
    context: &validate::Context,
) -> Vec<Diagnostic> {
    let mut found = validate::check_post(project, post, texts);
    found.extend(validate::check_post_dated(project, post, context));
    found
}

/// "Today" of a check run: `--today`, or the current date in the project's timezone.
pub(crate) fn today_of(project: &Project, options: &Options) -> chrono::NaiveDate {
    options.today.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&project.config.timezone)
            .date_naive()
    })
}

/// The findings about the project as a whole, split by where a full check puts them
/// among the per-post findings: `before` (unknown `[lints]` names and every rule over
/// the posts together) and `after` (the metrics join's), with the joined metrics.
/// Levels and source lines are not applied yet ([`finish_findings`] does).
pub(crate) struct ProjectWide {
    /// Findings that sort before the per-post findings of the same key.
    pub before: Vec<Diagnostic>,
    /// The joined metrics.
    pub metrics: Vec<metrics::MetricRecord>,
    /// Findings that sort after them (the metrics join's).
    pub after: Vec<Diagnostic>,
}

/// Runs the rules over the whole project (not those about one post alone).
pub(crate) fn check_project_wide(
    project: &Project,
    options: &Options,
    metric_files: &metrics::MetricFiles,
) -> ProjectWide {
    let context = validate::Context {
        today: today_of(project, options),
    };
    let rule_names: Vec<&str> = all_rules().iter().map(|r| r.name).collect();
    let mut before = content::config::check_lint_names(&project.config, &rule_names);
    before.extend(validate::validate_across(project, &context));
    let (metrics, after) = metrics::join_metrics(project, metric_files);
    ProjectWide {
        before,
        metrics,
        after,
    }
}

/// Applies `[lints]` levels, attaches source lines and sorts: the last step of every
/// check. It treats each finding alone and sorts stably by file first, so it may run
/// over one file's findings at a time.
pub(crate) fn finish_findings(diagnostics: &mut Vec<Diagnostic>, project: &Project) {
    diagnostic::apply_lint_levels(diagnostics, &project.config.lints);
    attach_source_lines(diagnostics, project);
    diagnostic::sort(diagnostics);
}

/// The rules with the findings of [`check_post_alone`] for every post and the parsed
/// `metrics/*.csv` supplied by the caller: the dev server keeps both, runs the post
/// rules again only for changed posts and reads the metrics again only when they change.
pub(crate) fn check_loaded_with(
    project: &Project,
    mut diagnostics: Vec<Diagnostic>,
    options: &Options,
    post_findings: Vec<Diagnostic>,
    metric_files: &metrics::MetricFiles,
) -> (Vec<metrics::MetricRecord>, Vec<Diagnostic>) {
    let wide = check_project_wide(project, options, metric_files);
    diagnostics.extend(wide.before);
    diagnostics.extend(post_findings);
    diagnostics.extend(wide.after);
    finish_findings(&mut diagnostics, project);
    (wide.metrics, diagnostics)
}

/// Gives each finding the text of the line it points at, for renderers.
fn attach_source_lines(diagnostics: &mut [Diagnostic], project: &Project) {
    for d in diagnostics
        .iter_mut()
        .filter(|d| d.source_line.is_none() && d.line > 0)
    {
        let line = project
            .sources
            .get(&d.file)
            .and_then(|text| text.lines().nth(d.line as usize - 1));
        d.source_line = line.map(|l| l.trim_end_matches('\r').to_owned());
    }
}

/// Every rule Touchpoint has, for `touchpoint rules`, `[lints]` validation and README:
/// the rules reported while reading files, then every family validation runs (its one
/// registry, [`validate::FAMILIES`]), then the metrics join's.
pub fn all_rules() -> Vec<&'static Rule> {
    let read_time: [&[&Rule]; 8] = [
        load::RULES,
        content::fields::RULES,
        content::config::RULES,
        content::strategy::RULES,
        content::post::RULES,
        content::links::RULES,
        content::ids::RULES,
        content::time::RULES,
    ];
    let mut rules: Vec<&'static Rule> = read_time.into_iter().flatten().copied().collect();
    rules.extend(validate::rules());
    rules.extend(metrics::RULES);
    rules
}
