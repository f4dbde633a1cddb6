//! The dev server's build state: the checked project kept in memory, updated file by
//! file, and the pages each change makes stale.
//!
//! One changed post takes the cheap path: re-read that file, validate the project again,
//! and re-render the post's page and the pages that list or count it. Anything else
//! (configuration, strategy, theme overrides, metrics, personas, campaigns, media, or a
//! change of what every page shows) re-renders the whole site. A file that cannot be
//! read or parsed fails the build: the server keeps the last good site until it is fixed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{self, FileRole, LoadError};
use crate::metrics::{self, MetricFiles};
use crate::model::{Post, Project};
use crate::site::{self, CompiledTheme, PageSet, Site, SiteOptions};

use super::state::pack;
use crate::{Checked, Options};

/// A problem shown in the browser overlay and the terminal when a build fails.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// Repository-relative file (or template) the problem is in.
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    /// The rule's name, or what failed (`load`, `render`).
    pub rule: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Self {
        Problem {
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            rule: d.rule.to_owned(),
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

/// What a build produced.
#[derive(Debug)]
pub enum Outcome {
    /// New pages to publish.
    Built {
        /// The rendered files, each compressed with [`pack`] (read them through
        /// [`crate::serve::Served::file`]).
        pages: Site,
        /// The pages that were re-rendered: a served page in this set that `pages`
        /// lacks no longer exists. `None`: `pages` is the whole new site.
        scope: Option<PageSet>,
    },
    /// Nothing the site shows changed.
    Unchanged,
    /// The build failed; the last good site stays.
    Failed(Vec<Problem>),
}

/// One build: what changed, what came out, how long it took.
#[derive(Debug)]
pub struct Build {
    /// The repository-relative files that triggered it (empty for the first build).
    pub changed: Vec<String>,
    /// The result.
    pub outcome: Outcome,
    /// Time from the start of the rebuild to rendered pages.
    pub elapsed: Duration,
    /// The part of it spent re-reading and checking the changed files.
    pub checked_in: Duration,
    /// Findings in the changed files after the build, for the terminal.
    pub findings: Vec<Diagnostic>,
}

impl Build {
    /// How many HTML pages were rendered.
    pub fn page_count(&self) -> usize {
        match &self.outcome {
            Outcome::Built { pages, .. } => pages.page_count(),
            _ => 0,
        }
    }
}

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
    /// The findings of reading and parsing, by file, before validation.
    loaded: BTreeMap<String, Vec<Diagnostic>>,
    /// The findings about each post alone ([`crate::check_post`]), by post file: only
    /// changed posts are checked again.
    per_post: BTreeMap<String, Vec<Diagnostic>>,
    /// The parsed `metrics/*.csv`, read again only when the whole project is (a change
    /// under `metrics/` reloads everything); a post edit only joins them again.
    metric_files: MetricFiles,
    /// Files that could not be read or parsed since they last changed.
    broken: BTreeSet<String>,
    /// What every published page shows about the whole project.
    published_site_wide: String,
    /// The findings by file as of the last update, to tell whose findings changed.
    seen_findings: BTreeMap<String, Vec<Diagnostic>>,
    stale: Stale,
    /// The compiled theme, kept between rebuilds: it changes only with files under
    /// `templates/` or `static/` or the configuration, which reload everything and drop
    /// it. `None` until the next render loads it.
    theme: Option<CompiledTheme>,
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
        let site_options = SiteOptions { today: options.today };
        let (project, diagnostics) = load::load_project(root)?;
        let loaded = group_by_file(diagnostics);
        let per_post = post_findings(&project);
        let metric_files = metrics::parse_metric_files(&load::read_metric_files(&project.root));
        let (metrics, diagnostics) = crate::check_loaded_with(
            &project,
            flatten(&loaded),
            &options,
            flatten(&per_post),
            &metric_files,
        );
        let seen_findings = group_by_file(diagnostics.clone());
        Ok(Session {
            root: root.to_path_buf(),
            options,
            site_options,
            // No kept texts: posts change under the session, so pages compose their own.
            checked: Checked {
                project,
                metrics,
                diagnostics,
                texts: Default::default(),
            },
            loaded,
            per_post,
            metric_files,
            broken: BTreeSet::new(),
            published_site_wide: String::new(),
            seen_findings,
            stale: Stale {
                everything: true,
                pages: PageSet::default(),
            },
            theme: None,
        })
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
                    all_posts_affected |= self.reload_content(rel);
                }
                FileRole::Media => {
                    load::reload_media(&mut self.checked.project, rel);
                    self.stale.everything = true;
                    all_posts_affected = true;
                }
                FileRole::Project | FileRole::Folder | FileRole::Unused => {}
            }
        }
        let project = &self.checked.project;
        if all_posts_affected {
            self.per_post = post_findings(project);
        } else {
            for rel in changed {
                match post_of_file(&self.checked, rel) {
                    Some(post) => {
                        self.per_post
                            .insert(rel.clone(), crate::check_post(project, post, &Default::default()));
                    }
                    None => {
                        self.per_post.remove(rel);
                    }
                }
            }
        }
        let (metrics, diagnostics) = crate::check_loaded_with(
            &self.checked.project,
            flatten(&self.loaded),
            &self.options,
            flatten(&self.per_post),
            &self.metric_files,
        );
        self.checked.metrics = metrics;
        self.checked.diagnostics = diagnostics;
        self.mark_changed_findings();
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
        self.loaded = group_by_file(diagnostics);
        let loaded = &self.loaded;
        self.broken.retain(|file| is_unreadable(loaded.get(file)));
        let newly_broken = changed.iter().filter(|rel| is_unreadable(loaded.get(*rel)));
        self.broken.extend(newly_broken.cloned());
        self.per_post = post_findings(&project);
        self.metric_files = metrics::parse_metric_files(&load::read_metric_files(&project.root));
        let (metrics, diagnostics) = crate::check_loaded_with(
            &project,
            flatten(&self.loaded),
            &self.options,
            flatten(&self.per_post),
            &self.metric_files,
        );
        self.checked = Checked {
            project,
            metrics,
            diagnostics,
            texts: Default::default(),
        };
        self.stale.everything = true;
        self.theme = None;
        self.mark_changed_findings();
        Ok(())
    }

    /// Re-reads one content file; whether every post's findings may have changed (a
    /// persona or campaign changed).
    fn reload_content(&mut self, rel: &str) -> bool {
        let reloaded = load::reload_file(&mut self.checked.project, rel);
        if is_unreadable(Some(&reloaded.diagnostics)) {
            self.broken.insert(rel.to_owned());
        } else {
            self.broken.remove(rel);
        }
        if reloaded.diagnostics.is_empty() {
            self.loaded.remove(rel);
        } else {
            self.loaded.insert(rel.to_owned(), reloaded.diagnostics);
        }
        if !(rel.starts_with("posts/") || rel.starts_with("crisis/")) {
            // Persona and campaign names appear on the pages of the posts that use them.
            self.stale.everything = true;
            return true;
        }
        let new = post_of_file(&self.checked, rel);
        let old = reloaded.replaced.as_ref();
        let mut stale = site::pages_affected_by_post(old, new);
        for post in [old, new].into_iter().flatten() {
            stale.extend(site::pages_next_to(&self.checked.project, post));
        }
        self.stale.pages.extend(stale);
        false
    }

    /// Marks stale the pages of files whose findings changed since the last update (a
    /// post's page and rows show its findings).
    fn mark_changed_findings(&mut self) {
        let now = group_by_file(self.checked.diagnostics.clone());
        let before = std::mem::replace(&mut self.seen_findings, now);
        if self.stale.everything {
            return;
        }
        let files: BTreeSet<&String> = self.seen_findings.keys().chain(before.keys()).collect();
        for file in files {
            if self.seen_findings.get(file) == before.get(file) {
                continue;
            }
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
                Ok(compiled) => compiled,
                Err(err) => return Outcome::Failed(vec![render_problem(&err)]),
            },
        };
        let compiled = &*self.theme.insert(compiled);
        if self.stale.pages.has_first() {
            let first = self.stale.pages.take_first();
            return match site::render_pages(&self.checked, &self.site_options, compiled, &first, &pack) {
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
        let rendered = if everything {
            site::render_site_packed(&self.checked, &self.site_options, compiled, &|_| true, &pack)
        } else {
            site::render_pages(
                &self.checked,
                &self.site_options,
                compiled,
                &self.stale.pages,
                &pack,
            )
        };
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

/// The findings about each post and holding statement alone ([`crate::check_post`]), by file.
fn post_findings(project: &Project) -> BTreeMap<String, Vec<Diagnostic>> {
    project
        .posts
        .par_iter()
        .chain(project.crisis.par_iter())
        .map(|post| {
            (
                post.file.clone(),
                crate::check_post(project, post, &Default::default()),
            )
        })
        .collect()
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

fn group_by_file(diagnostics: Vec<Diagnostic>) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in diagnostics {
        by_file.entry(d.file.clone()).or_default().push(d);
    }
    by_file
}

fn flatten(by_file: &BTreeMap<String, Vec<Diagnostic>>) -> Vec<Diagnostic> {
    by_file.values().flatten().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-basic");
        copy(&from, dir.path());
        dir
    }

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &to.join(entry.file_name()));
            } else {
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
    }

    /// A session whose first build is published, as `serve` starts.
    fn serving(dir: &Path) -> (Session, crate::serve::Served) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
        let mut session = Session::open(dir, Options { today }).unwrap();
        let served = crate::serve::Served::default();
        served.publish(session.build().outcome);
        (session, served)
    }

    fn open(dir: &Path) -> Session {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
        let mut session = Session::open(dir, Options { today }).unwrap();
        assert!(matches!(
            session.build().outcome,
            Outcome::Built { scope: None, .. }
        ));
        session
    }

    fn edit(dir: &Path, rel: &str, from: &str, to: &str) -> BTreeSet<String> {
        let text = std::fs::read_to_string(dir.join(rel)).unwrap();
        std::fs::write(dir.join(rel), text.replace(from, to)).unwrap();
        BTreeSet::from([rel.to_owned()])
    }

    fn rendered(build: &Build) -> Vec<&str> {
        match &build.outcome {
            Outcome::Built { pages, .. } => pages.files.keys().map(String::as_str).collect(),
            other => panic!("not built: {other:?}"),
        }
    }

    /// The pages of a rebuild and of the builds that finish it.
    fn rebuild_all(session: &mut Session, changed: &BTreeSet<String>) -> Vec<String> {
        let mut pages: Vec<String> = rendered(&session.rebuild(changed))
            .iter()
            .map(|p| p.to_string())
            .collect();
        while session.has_pending() {
            pages.extend(rendered(&session.build()).iter().map(|p| p.to_string()));
        }
        pages
    }

    #[test]
    fn a_post_edit_rerenders_its_pages_only() {
        let dir = fixture();
        let mut session = open(dir.path());
        let rel = "posts/2026/12/tyres.md";
        let first = session.rebuild(&edit(dir.path(), rel, "Winter tyres", "Winter tyres!"));
        assert_eq!(
            rendered(&first),
            ["posts/2026/12/tyres.html"],
            "the post's own page first"
        );
        assert_eq!(first.changed, [rel]);
        assert!(session.has_pending());
        let rest = session.build();
        assert!(matches!(rest.outcome, Outcome::Built { scope: Some(_), .. }));
        let pages = rendered(&rest);
        assert!(!session.has_pending());
        for page in ["calendar/2026-12.html", "index.html", "posts.html"] {
            assert!(pages.contains(&page), "{page} in {pages:?}");
        }
        assert!(
            pages.contains(&"posts/2026/12/lights.html"),
            "its neighbour links it: {pages:?}"
        );
        assert!(!pages.contains(&"posts/2027/01/opening.html"), "{pages:?}");
        assert!(!pages.contains(&"calendar/2027-01.html"), "same month: {pages:?}");
    }

    #[test]
    fn incremental_findings_equal_a_full_check() {
        let dir = fixture();
        let mut session = open(dir.path());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
        let edits = [
            ("posts/2026/12/tyres.md", "pillar = \"tips\"", "pillar = \"nope\""),
            (
                "posts/2026/12/lights.md",
                "2026-12-15T08:00:00",
                "2026-12-03T09:30:00",
            ),
            (
                "posts/2027/01/opening.md",
                "platforms = [\"linkedin\"]",
                "platforms = [\"x\"]",
            ),
        ];
        for (rel, from, to) in edits {
            rebuild_all(&mut session, &edit(dir.path(), rel, from, to));
            let full = crate::check_project(dir.path(), &Options { today }).unwrap();
            assert_eq!(
                session.checked().diagnostics,
                full.diagnostics,
                "after editing {rel}"
            );
            assert!(!full.diagnostics.is_empty() || rel != "posts/2026/12/tyres.md");
        }
    }

    /// Asserts the session's findings equal a full check of `dir`.
    fn assert_findings_fresh(session: &Session, dir: &Path, when: &str) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
        let full = crate::check_project(dir, &Options { today }).unwrap();
        assert_eq!(session.checked().diagnostics, full.diagnostics, "{when}");
    }

    #[test]
    fn persona_and_campaign_edits_check_every_post_again() {
        let dir = fixture();
        let mut session = open(dir.path());
        let has = |session: &Session, rule: &str| {
            session
                .checked()
                .diagnostics
                .iter()
                .any(|d| d.rule == rule && d.file == "posts/2026/12/tyres.md")
        };
        let persona = "personas/rider.md";
        let text = std::fs::read_to_string(dir.path().join(persona)).unwrap();
        std::fs::remove_file(dir.path().join(persona)).unwrap();
        rebuild_all(&mut session, &BTreeSet::from([persona.to_owned()]));
        assert!(
            has(&session, "unknown-persona"),
            "the post names a missing persona"
        );
        assert_findings_fresh(&session, dir.path(), "after deleting a persona");
        std::fs::write(dir.path().join(persona), text).unwrap();
        rebuild_all(&mut session, &BTreeSet::from([persona.to_owned()]));
        assert!(!has(&session, "unknown-persona"));
        assert_findings_fresh(&session, dir.path(), "after restoring the persona");

        let post = "posts/2026/12/tyres.md";
        let tagged = "personas = [\"rider\"]\ncampaign = \"frost\"";
        rebuild_all(
            &mut session,
            &edit(dir.path(), post, "personas = [\"rider\"]", tagged),
        );
        assert!(has(&session, "unknown-campaign"));
        assert_findings_fresh(&session, dir.path(), "after naming a missing campaign");
        let campaign = "campaigns/frost.md";
        std::fs::create_dir_all(dir.path().join("campaigns")).unwrap();
        let brief = "+++\nname = \"Frost\"\nstart = 2026-12-10\nhashtags = [\"frost\"]\n+++\nBrief.\n";
        std::fs::write(dir.path().join(campaign), brief).unwrap();
        rebuild_all(&mut session, &BTreeSet::from([campaign.to_owned()]));
        assert!(!has(&session, "unknown-campaign"));
        assert!(has(&session, "campaign-hashtag-missing") || has(&session, "outside-campaign"));
        assert_findings_fresh(&session, dir.path(), "after adding the campaign");
        let moved = edit(dir.path(), campaign, "2026-12-10", "2026-12-01");
        rebuild_all(&mut session, &moved);
        assert_findings_fresh(&session, dir.path(), "after moving the campaign's start");
    }

    #[test]
    fn metrics_are_read_again_when_they_change_and_joined_again_after_a_post_edit() {
        let dir = fixture();
        let mut session = open(dir.path());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
        let assert_fresh = |session: &Session, when: &str| {
            let full = crate::check_project(dir.path(), &Options { today }).unwrap();
            assert_eq!(session.checked().metrics, full.metrics, "{when}");
            assert_eq!(session.checked().diagnostics, full.diagnostics, "{when}");
        };
        let csv = "metrics/figures.csv";
        std::fs::create_dir_all(dir.path().join("metrics")).unwrap();
        let rows = "post,platform,date,impressions\n2026/12/tyres,mastodon,2026-12-04,100\n";
        std::fs::write(dir.path().join(csv), rows).unwrap();
        rebuild_all(&mut session, &BTreeSet::from([csv.to_owned()]));
        assert_eq!(session.checked().metrics.len(), 1);
        assert_fresh(&session, "after adding a metrics file");

        let more = edit(
            dir.path(),
            csv,
            "100\n",
            "100\n2026/12/lights,mastodon,2026-12-16,7\n",
        );
        rebuild_all(&mut session, &more);
        assert_fresh(&session, "after adding a row");
        // The post no longer goes to the row's platform: the row is reported, not joined.
        let post = "posts/2026/12/tyres.md";
        rebuild_all(
            &mut session,
            &edit(dir.path(), post, "[\"mastodon\"]", "[\"linkedin\"]"),
        );
        assert!(session.checked().metrics.len() < 2);
        assert_fresh(&session, "after a post edit the rows name");
        rebuild_all(
            &mut session,
            &edit(dir.path(), post, "[\"linkedin\"]", "[\"mastodon\"]"),
        );
        assert_fresh(&session, "after restoring the post");
    }

    /// Publishes every build of a change, as the server does.
    fn publish_all(session: &mut Session, served: &crate::serve::Served, changed: &BTreeSet<String>) {
        served.publish(session.rebuild(changed).outcome);
        while session.has_pending() {
            served.publish(session.build().outcome);
        }
    }

    /// Asserts that the served site equals a fresh check and build of `dir`.
    fn assert_same(dir: &Path, served: &crate::serve::Served, when: &str) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
        let fresh = crate::check_project(dir, &Options { today }).unwrap();
        let site = site::render_site(&fresh, &SiteOptions { today }).unwrap();
        for (path, bytes) in &site.files {
            let served_bytes = served.file(path).unwrap_or_default();
            assert!(served_bytes == *bytes, "{path} differs from a fresh build {when}");
        }
        assert_eq!(served.file_count(), site.files.len(), "stale pages left {when}");
    }

    #[test]
    fn the_served_site_after_edits_equals_a_fresh_build() {
        let dir = fixture();
        let (mut session, served) = serving(dir.path());
        let assert_same = |served: &crate::serve::Served, when: &str| assert_same(dir.path(), served, when);
        // A title edit changes no finding: only the dependent pages are rendered.
        let first = session.rebuild(&edit(
            dir.path(),
            "posts/2026/12/tyres.md",
            "Winter tyres",
            "Tyres",
        ));
        served.publish(first.outcome);
        let rest = session.build();
        assert!(matches!(rest.outcome, Outcome::Built { scope: Some(_), .. }));
        served.publish(rest.outcome);
        assert_same(&served, "after a title edit");

        let new_post = "+++\ntitle = \"Undated idea\"\nstatus = \"idea\"\npillar = \"news\"\n+++\nSomeday.\n";
        std::fs::write(dir.path().join("posts/idea.md"), new_post).unwrap();
        publish_all(
            &mut session,
            &served,
            &BTreeSet::from(["posts/idea.md".to_owned()]),
        );
        let edits = [
            ("posts/2026/12/tyres.md", "Tyres", "Tyres in winter"),
            (
                "posts/2026/12/lights.md",
                "2026-12-15T08:00:00",
                "2027-01-20T08:00:00",
            ),
            (
                "posts/2027/01/opening.md",
                "pillar = \"news\"",
                "pillar = \"tips\"",
            ),
            ("posts/idea.md", "Undated idea", "An idea without a date"),
        ];
        for (rel, from, to) in edits {
            publish_all(&mut session, &served, &edit(dir.path(), rel, from, to));
        }
        std::fs::remove_file(dir.path().join("posts/2026/12/tyres.md")).unwrap();
        publish_all(
            &mut session,
            &served,
            &BTreeSet::from(["posts/2026/12/tyres.md".to_owned()]),
        );

        assert_same(&served, "after edits, a new and a deleted post");
    }

    #[test]
    fn a_template_override_is_compiled_again_when_it_changes() {
        let dir = fixture();
        let (mut session, served) = serving(dir.path());
        let base = crate::load::TEMPLATES
            .iter()
            .find(|(name, _)| *name == "base.html")
            .map(|(_, text)| *text)
            .unwrap();
        let rel = "templates/base.html";
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        let marked = |mark: &str| base.replace("</body>", &format!("<!-- {mark} --></body>"));
        let mut title = "Winter tyres".to_owned();
        for mark in ["first override", "second override"] {
            std::fs::write(dir.path().join(rel), marked(mark)).unwrap();
            publish_all(&mut session, &served, &BTreeSet::from([rel.to_owned()]));
            let page = served.file("posts/2026/12/tyres.html").unwrap_or_default();
            assert!(String::from_utf8_lossy(&page).contains(mark), "{mark}");
            assert_same(dir.path(), &served, &format!("after the {mark}"));
            // A post edit after it renders with the new templates too.
            let post = "posts/2026/12/tyres.md";
            let retitled = format!("Tyres ({mark})");
            let changed = edit(dir.path(), post, &title, &retitled);
            title = retitled;
            publish_all(&mut session, &served, &changed);
            assert_same(dir.path(), &served, &format!("after a post edit with the {mark}"));
        }
        std::fs::remove_file(dir.path().join(rel)).unwrap();
        publish_all(&mut session, &served, &BTreeSet::from([rel.to_owned()]));
        assert_same(dir.path(), &served, "after removing the override");
    }

    #[test]
    fn moving_a_post_to_another_month_rerenders_the_calendar() {
        let dir = fixture();
        let mut session = open(dir.path());
        let rel = "posts/2026/12/tyres.md";
        let pages = rebuild_all(&mut session, &edit(dir.path(), rel, "2026-12-03", "2027-01-05"));
        assert!(
            pages.contains(&"calendar/2026-12.html".into())
                && pages.contains(&"calendar/2027-01.html".into())
        );
    }

    #[test]
    fn a_broken_file_fails_until_fixed_and_the_fix_renders_its_pages() {
        let dir = fixture();
        let mut session = open(dir.path());
        let rel = "posts/2026/12/lights.md";
        let build = session.rebuild(&edit(
            dir.path(),
            rel,
            "title = \"Lights on\"",
            "title = \"Lights",
        ));
        let Outcome::Failed(problems) = &build.outcome else {
            panic!("{:?}", build.outcome)
        };
        assert_eq!(problems[0].file, rel);
        assert_eq!(problems[0].rule, "syntax-error");
        // Another file changing meanwhile does not publish a site without the broken post.
        let other = session.rebuild(&edit(dir.path(), "posts/2026/12/tyres.md", "Winter", "Cold"));
        assert!(matches!(other.outcome, Outcome::Failed(_)));

        let fixed = edit(dir.path(), rel, "title = \"Lights", "title = \"Lights back\"");
        let pages = rebuild_all(&mut session, &fixed);
        assert!(pages.contains(&"posts/2026/12/lights.html".into()));
        assert!(
            pages.contains(&"posts/2026/12/tyres.html".into()),
            "pages stale from the failed builds"
        );
        assert!(pages.len() < 30, "not a full rebuild: {pages:?}");
    }

    #[test]
    fn a_broken_configuration_fails_and_editor_files_are_ignored() {
        let dir = fixture();
        let mut session = open(dir.path());
        assert!(!session.is_relevant("posts/2026/12/.tyres.md.swp"));
        assert!(!session.is_relevant("posts/2026/12/sedAb12Cd"));
        assert!(!session.is_relevant("public/index.html"));
        assert!(session.is_relevant("posts/2026/12"));
        let toml = "touchpoint.toml";
        let build = session.rebuild(&edit(dir.path(), toml, "Serve Fixture\"", "Serve Fixture"));
        assert!(matches!(build.outcome, Outcome::Failed(_)), "{:?}", build.outcome);
        let build = session.rebuild(&edit(dir.path(), toml, "Serve Fixture", "Served\""));
        assert!(
            matches!(build.outcome, Outcome::Built { scope: None, .. }),
            "{:?}",
            build.outcome
        );
    }
}
