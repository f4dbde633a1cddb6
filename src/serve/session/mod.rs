//! The dev server's build state: the checked project kept in memory, updated file by
//! file, and the pages each change makes stale.
//!
//! One changed post takes the cheap path: re-read that file, validate the project again,
//! and re-render the post's page and the pages that list or count it. Anything else
//! (configuration, strategy, theme overrides, metrics, personas, campaigns, media, or a
//! change of what every page shows) re-renders the whole site. A file that cannot be
//! read or parsed fails the build: the server keeps the last good site until it is fixed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{self, FileRole, LoadError};
use crate::metrics::{self, MetricFiles};
use crate::model::Post;
use crate::site::{self, CompiledTheme, Output, PageSet, SiteOptions};

use self::findings::{Changed, Findings, group_by_file};
use super::outcome::{Build, Outcome, Problem};

mod findings;
use super::state::pack;
use crate::{Checked, Options};

/// Pages made stale since the last published build.
#[derive(Default)]
struct Stale {
    everything: bool,
    pages: PageSet,
}

/// The project held in memory between rebuilds.
pub struct Session {
    root: PathBuf,
    options: Options,
    site_options: SiteOptions,
    checked: Checked,
    /// Every finding by source and file: only changed posts are checked again, and only
    /// files whose findings changed are sorted again.
    findings: Findings,
    /// The parsed `metrics/*.csv`, read again only when the whole project is (a change
    /// under `metrics/` reloads everything); a post edit only joins them again.
    metric_files: MetricFiles,
    /// Files that could not be read or parsed since they last changed.
    broken: BTreeSet<String>,
    /// What every published page shows about the whole project.
    published_site_wide: String,
    stale: Stale,
    /// The compiled theme, kept between rebuilds: it changes only with files under
    /// `templates/` or `static/` or the configuration, which reload everything and drop
    /// it. `None` until the next render loads it.
    theme: Option<CompiledTheme>,
    /// The revision `serve --since` compares with: changes.html is compared again after
    /// every change.
    baseline: Option<crate::since::Baseline>,
    /// The calendar's shape after the last post edit, the "before" of the next one;
    /// `None` when anything else changed since (it is then worked out again).
    calendar: Option<site::CalendarShape>,
}

/// The rules whose findings mean a file was not read into the model at all.
const UNREADABLE: &[&str] = &[
    "unreadable-file",
    "not-utf8",
    "syntax-error",
    "missing-front-matter",
    "symlink-outside",
];

impl Session {
    /// Loads and checks the repository; the first [`Session::build`] renders everything.
    pub fn open(root: &Path, options: Options) -> Result<Session, LoadError> {
        let site_options = SiteOptions {
            today: options.today,
            ..SiteOptions::default()
        };
        let (project, diagnostics) = load::load_project(root)?;
        let metric_files = metrics::parse_metric_files(&load::read_metric_files(&project.root));
        let mut checked = Checked::compose(project);
        let findings = Findings::full(&mut checked, group_by_file(diagnostics), &options, &metric_files);
        Ok(Session {
            root: root.to_path_buf(),
            options,
            site_options,
            checked,
            findings,
            metric_files,
            broken: BTreeSet::new(),
            published_site_wide: String::new(),
            stale: Stale {
                everything: true,
                pages: PageSet::default(),
            },
            theme: None,
            baseline: None,
            calendar: None,
        })
    }

    /// Compares the project with `baseline` from now on (`serve --since REV`): the site
    /// gets changes.html, compared again on every change.
    pub fn compare_with(&mut self, baseline: crate::since::Baseline) {
        self.baseline = Some(baseline);
        self.compare_again();
        self.stale.everything = true;
    }

    /// Compares the project with the baseline again, if there is one, and marks
    /// changes.html stale.
    fn compare_again(&mut self) {
        if let Some(baseline) = &self.baseline {
            let changes = crate::since::compare(baseline, &self.checked);
            self.site_options.changes = Some(std::sync::Arc::new(changes));
            self.stale.pages.insert("changes.html");
        }
    }

    /// The checked project as it is now.
    pub fn checked(&self) -> &Checked {
        &self.checked
    }

    /// The repository folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether stale pages are left to render after the last build (see [`Session::build`]).
    pub fn has_pending(&self) -> bool {
        self.broken.is_empty() && (self.stale.everything || !self.stale.pages.is_empty())
    }

    /// Whether a change to the repository-relative path `rel` matters to the build.
    pub fn is_relevant(&self, rel: &str) -> bool {
        self.role(rel) != FileRole::Unused
    }

    /// What `rel` is to the build; a folder path becomes a whole-project change, and so
    /// does a path leading out of the repository (the full load reports it).
    fn role(&self, rel: &str) -> FileRole {
        let role = load::role_of(rel, &self.checked.project.config);
        if role != FileRole::Unused && load::Boundary::new(&self.root).check(rel).is_err() {
            return FileRole::Project;
        }
        match role {
            FileRole::Folder if self.is_folder(rel) => FileRole::Project,
            FileRole::Folder => FileRole::Unused,
            role => role,
        }
    }

    /// Renders the next part of what is stale: everything on the first call; after a
    /// change, the changed posts' own pages first, then the pages that list them.
    pub fn build(&mut self) -> Build {
        let started = Instant::now();
        let outcome = self.render_next();
        Build {
            changed: Vec::new(),
            outcome,
            elapsed: started.elapsed(),
            checked_in: Duration::ZERO,
            findings: Vec::new(),
        }
    }

    /// Takes in the changed files (repository-relative) and rebuilds what they affect.
    pub fn rebuild(&mut self, changed: &BTreeSet<String>) -> Build {
        let started = Instant::now();
        let changed: Vec<String> = changed
            .iter()
            .filter(|rel| self.is_relevant(rel))
            .cloned()
            .collect();
        if let Err(problem) = self.update(&changed) {
            return Build {
                changed,
                outcome: Outcome::Failed(vec![problem]),
                elapsed: started.elapsed(),
                checked_in: started.elapsed(),
                findings: Vec::new(),
            };
        }
        let checked_in = started.elapsed();
        let outcome = self.render_next();
        let findings = self
            .checked
            .diagnostics
            .iter()
            .filter(|d| changed.contains(&d.file))
            .cloned()
            .collect();
        Build {
            changed,
            outcome,
            elapsed: started.elapsed(),
            checked_in,
            findings,
        }
    }

    /// Re-reads what changed (repository-relative paths) into the model and validates it
    /// again, without rendering: `check --watch` stops here. An error only when the
    /// repository can no longer be loaded at all.
    pub fn update<S: AsRef<str>>(&mut self, changed: impl IntoIterator<Item = S>) -> Result<(), Problem> {
        let changed: Vec<String> = changed.into_iter().map(|s| s.as_ref().to_owned()).collect();
        let changed = &changed;
        let roles: Vec<FileRole> = changed.iter().map(|rel| self.role(rel)).collect();
        if roles.contains(&FileRole::Project) {
            return self.reload_everything(changed);
        }
        let mut all_posts_affected = false;
        for (rel, role) in changed.iter().zip(roles) {
            match role {
                FileRole::Content => {
                    all_posts_affected |= crate::timings::phase("watch: read", || self.reload_content(rel));
                }
                FileRole::Media => {
                    self.checked.reload_media(rel);
                    self.stale.everything = true;
                    self.calendar = None;
                    all_posts_affected = true;
                }
                FileRole::Project | FileRole::Folder | FileRole::Unused => {}
            }
        }
        let findings_changed = self.findings.update(
            &mut self.checked,
            changed,
            all_posts_affected,
            &self.options,
            &self.metric_files,
        );
        self.mark_changed_findings(findings_changed);
        self.compare_again();
        Ok(())
    }

    /// Whether `rel` is a folder, or was one holding files the project read.
    fn is_folder(&self, rel: &str) -> bool {
        let prefix = format!("{rel}/");
        let sources = &self.checked.project.sources;
        self.root.join(rel).is_dir()
            || sources
                .range(prefix.clone()..)
                .next()
                .is_some_and(|(file, _)| file.starts_with(&prefix))
    }

    fn reload_everything(&mut self, changed: &[String]) -> Result<(), Problem> {
        let (project, diagnostics) = load::load_project(&self.root).map_err(|err| Problem {
            file: "touchpoint.toml".to_owned(),
            line: 0,
            column: 0,
            rule: "load".to_owned(),
            message: err.to_string(),
            help: None,
        })?;
        let loaded = group_by_file(diagnostics);
        self.broken.retain(|file| is_unreadable(loaded.get(file)));
        let newly_broken = changed.iter().filter(|rel| is_unreadable(loaded.get(*rel)));
        self.broken.extend(newly_broken.cloned());
        self.metric_files = metrics::parse_metric_files(&load::read_metric_files(&project.root));
        let mut checked = Checked::compose(project);
        self.findings = Findings::full(&mut checked, loaded, &self.options, &self.metric_files);
        self.checked = checked;
        self.stale.everything = true;
        self.theme = None;
        self.calendar = None;
        self.compare_again();
        Ok(())
    }

    /// Re-reads one content file; whether every post's findings may have changed (a
    /// persona or campaign changed).
    fn reload_content(&mut self, rel: &str) -> bool {
        let is_post = rel.starts_with("posts/") || rel.starts_with("crisis/");
        let calendar_before = is_post.then(|| self.calendar.take().unwrap_or_else(|| self.calendar_shape()));
        let reloaded = self.checked.reload_file(rel);
        if is_unreadable(Some(&reloaded.diagnostics)) {
            self.broken.insert(rel.to_owned());
        } else {
            self.broken.remove(rel);
        }
        self.findings.set_loaded(rel, reloaded.diagnostics);
        let Some(calendar_before) = calendar_before else {
            // Persona and campaign names appear on the pages of the posts that use them.
            self.stale.everything = true;
            self.calendar = None;
            return true;
        };
        let calendar_after = self.calendar_shape();
        let new = post_of_file(&self.checked, rel);
        let old = reloaded.replaced.as_ref();
        let mut stale = site::pages_affected_by_post(old, new, &calendar_before, &calendar_after);
        self.calendar = Some(calendar_after);
        for post in [old, new].into_iter().flatten() {
            stale.extend(site::pages_next_to(&self.checked.project, post));
        }
        self.stale.pages.extend(stale);
        false
    }

    /// What every calendar page shows of the whole plan (see [`site::CalendarShape`]).
    fn calendar_shape(&self) -> site::CalendarShape {
        site::CalendarShape::of(&self.checked.project, &self.site_options)
    }

    /// Marks stale the pages of files whose findings changed in the last update (a
    /// post's page and rows show its findings).
    fn mark_changed_findings(&mut self, changed: Changed) {
        let Changed::Files(files) = changed else {
            self.stale.everything = true;
            return;
        };
        if self.stale.everything {
            return;
        }
        for file in &files {
            match post_of_file(&self.checked, file) {
                Some(post) => self.stale.pages.extend(site::pages_showing_post(post)),
                None if is_listed_with_posts(file) => {}
                None => self.stale.everything = true,
            }
        }
    }

    fn render_next(&mut self) -> Outcome {
        if !self.broken.is_empty() {
            return Outcome::Failed(self.broken_problems());
        }
        let site_wide = site::site_wide_state(&self.checked, &self.site_options);
        if site_wide != self.published_site_wide {
            self.stale.everything = true;
        }
        if !self.stale.everything && self.stale.pages.is_empty() {
            return Outcome::Unchanged;
        }
        let compiled = match self.theme.take() {
            Some(compiled) => compiled,
            None => match CompiledTheme::load(&self.checked.project) {
                Ok(compiled) => compiled.keeping_rows(),
                Err(err) => return Outcome::Failed(vec![render_problem(&err)]),
            },
        };
        let compiled = &*self.theme.insert(compiled);
        let (checked, options) = (&self.checked, &self.site_options);
        let render = |wanted: &site::Wanted<'_>| {
            site::render(checked, options, Some(compiled), wanted, Output::Memory(&pack))
        };
        if self.stale.pages.has_first() {
            let first = self.stale.pages.take_first();
            let rendered = render(&|path: &str| first.wants(path));
            return match rendered {
                Ok(pages) => Outcome::Built {
                    pages,
                    scope: Some(first),
                },
                Err(err) => {
                    self.stale.pages.extend(first);
                    Outcome::Failed(vec![render_problem(&err)])
                }
            };
        }
        let everything = self.stale.everything;
        let stale = &self.stale.pages;
        let rendered = render(&|path: &str| everything || stale.wants(path));
        match rendered {
            Ok(pages) => {
                let stale = std::mem::take(&mut self.stale);
                self.published_site_wide = site_wide;
                Outcome::Built {
                    pages,
                    scope: (!everything).then_some(stale.pages),
                }
            }
            Err(err) => Outcome::Failed(vec![render_problem(&err)]),
        }
    }

    /// The error findings of the files that could not be read or parsed.
    fn broken_problems(&self) -> Vec<Problem> {
        self.checked
            .diagnostics
            .iter()
            .filter(|d| self.broken.contains(&d.file) && d.severity == Severity::Error)
            .map(Problem::from)
            .collect()
    }
}

/// A template that does not render, as a problem for the overlay.
fn render_problem(err: &site::SiteError) -> Problem {
    Problem {
        file: String::new(),
        line: 0,
        column: 0,
        rule: "render".to_owned(),
        message: err.to_string(),
        help: None,
    }
}

/// Whether findings say the file could not be read into the model.
fn is_unreadable(found: Option<&Vec<Diagnostic>>) -> bool {
    found.is_some_and(|list| list.iter().any(|d| UNREADABLE.contains(&d.rule)))
}

/// Files whose findings only show on pages a post change re-renders anyway (the
/// overview, strategy and diagnostics pages), or on no page (deleted posts).
fn is_listed_with_posts(file: &str) -> bool {
    matches!(file, "" | "touchpoint.toml" | "strategy.toml")
        || file.starts_with("posts/")
        || file.starts_with("crisis/")
}

fn post_of_file<'a>(checked: &'a Checked, file: &str) -> Option<&'a Post> {
    let project = &checked.project;
    let (list, id) = if let Some(rest) = file.strip_prefix("posts/") {
        (&project.posts, rest)
    } else if let Some(rest) = file.strip_prefix("crisis/") {
        (&project.crisis, rest)
    } else {
        return None;
    };
    let id = id.strip_suffix(".md")?;
    list.binary_search_by(|p| p.id.as_str().cmp(id))
        .ok()
        .and_then(|i| list.get(i))
}

#[cfg(test)]
mod tests;
