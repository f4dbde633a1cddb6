//! The dev server's findings, kept by file so that a change re-checks only what it can
//! affect: the rules about one post alone run again for the changed posts only, the
//! rules over the posts together run on the whole model (their aggregates are cheap
//! once the per-post rules are out of them), and only the files whose findings changed
//! are levelled, sorted and spliced into the checked project's sorted list.
//!
//! The result equals a full check ([`crate::check_project`]) finding for finding and in
//! the same order: a full check concatenates reading findings, the project-wide
//! `before` findings, the per-post findings and the metrics findings, then sorts them
//! stably by file first, so each file's slice is that same concatenation restricted to
//! the file, sorted the same way. `tests::incremental_findings_equal_a_full_check*`
//! hold the two side by side after every kind of edit.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::metrics::MetricFiles;
use crate::timings::phase;
use crate::validate::Context;
use crate::{Checked, Options};

/// Findings by repository-relative file.
pub(super) type ByFile = BTreeMap<String, Vec<Diagnostic>>;

/// Every finding of the session, by where it comes from and by file.
pub(super) struct Findings {
    /// The findings of reading and parsing, by file.
    loaded: ByFile,
    /// The findings about each post alone ([`crate::check_post_alone`]), by post file.
    per_post: ByFile,
    /// The date the per-post findings were judged on (they depend on today).
    judged_on: NaiveDate,
    /// The project-wide findings that a full check puts before the per-post ones.
    before: ByFile,
    /// Those it puts after them (the metrics join's).
    after: ByFile,
}

/// What changed in the findings after an update.
pub(super) enum Changed {
    /// These files' findings changed (and no other file's).
    Files(BTreeSet<String>),
    /// Any file's may have: everything was checked again.
    Everything,
}

impl Findings {
    /// Checks `checked` in full, with the reading findings `loaded`, and stores every
    /// finding and the joined metrics in it.
    pub(super) fn full(
        checked: &mut Checked,
        loaded: ByFile,
        options: &Options,
        metric_files: &MetricFiles,
    ) -> Findings {
        let judged_on = crate::today_of(&checked.project, options);
        let mut findings = Findings {
            loaded,
            per_post: ByFile::new(),
            judged_on,
            before: ByFile::new(),
            after: ByFile::new(),
        };
        findings.check_all_posts(checked);
        findings.assemble_all(checked, options, metric_files);
        findings
    }

    /// Sets the reading findings of `rel` (none: forgets it).
    pub(super) fn set_loaded(&mut self, rel: &str, found: Vec<Diagnostic>) {
        if found.is_empty() {
            self.loaded.remove(rel);
        } else {
            self.loaded.insert(rel.to_owned(), found);
        }
    }

    /// Checks the project again after `changed` files were re-read into `checked`:
    /// every post's own rules when `all_posts` (or today moved on), else only the
    /// changed posts'; then the rules over the whole project. Stores the findings and the
    /// joined metrics in `checked` and says whose findings changed.
    pub(super) fn update(
        &mut self,
        checked: &mut Checked,
        changed: &[String],
        all_posts: bool,
        options: &Options,
        metric_files: &MetricFiles,
    ) -> Changed {
        let today = crate::today_of(&checked.project, options);
        if all_posts || today != self.judged_on {
            self.judged_on = today;
            self.check_all_posts(checked);
            self.assemble_all(checked, options, metric_files);
            return Changed::Everything;
        }
        let mut dirty: BTreeSet<String> = changed.iter().cloned().collect();
        phase("watch: post rules", || {
            for rel in changed {
                self.check_post_file(checked, rel);
            }
        });
        let wide = phase("watch: project rules", || {
            crate::check_project_wide(&checked.project, options, metric_files)
        });
        checked.metrics = wide.metrics;
        replace_noting(&mut self.before, group_by_file(wide.before), &mut dirty);
        replace_noting(&mut self.after, group_by_file(wide.after), &mut dirty);
        let changed_files = phase("watch: sort findings", || {
            dirty
                .into_iter()
                .filter(|file| self.splice(checked, file))
                .collect()
        });
        Changed::Files(changed_files)
    }

    /// Runs the rules about one post alone on every post and holding statement.
    fn check_all_posts(&mut self, checked: &Checked) {
        let project = &checked.project;
        let context = Context {
            today: self.judged_on,
        };
        self.per_post = project
            .posts
            .par_iter()
            .chain(project.crisis.par_iter())
            .map(|post| {
                let found = crate::check_post_alone(project, post, checked.texts.of(post), &context);
                (post.file.clone(), found)
            })
            .collect();
    }

    /// Runs the rules about one post alone on the post in `rel`, if it is one (a deleted
    /// post's findings go with it).
    fn check_post_file(&mut self, checked: &Checked, rel: &str) {
        match super::post_of_file(checked, rel) {
            Some(post) => {
                let context = Context {
                    today: self.judged_on,
                };
                let found = crate::check_post_alone(&checked.project, post, checked.texts.of(post), &context);
                self.per_post.insert(rel.to_owned(), found);
            }
            None => {
                self.per_post.remove(rel);
            }
        }
    }

    /// Runs the project-wide rules and puts every finding together, as a full check does.
    fn assemble_all(&mut self, checked: &mut Checked, options: &Options, metric_files: &MetricFiles) {
        let wide = crate::check_project_wide(&checked.project, options, metric_files);
        self.before = group_by_file(wide.before);
        self.after = group_by_file(wide.after);
        let mut all: Vec<Diagnostic> = [&self.loaded, &self.before, &self.per_post, &self.after]
            .into_iter()
            .flat_map(|by_file| by_file.values().flatten().cloned())
            .collect();
        crate::finish_findings(&mut all, &checked.project);
        checked.metrics = wide.metrics;
        checked.diagnostics = all;
    }

    /// The findings of `file` as a full check has them: its findings of every source in
    /// a full check's order, levelled, with source lines, sorted.
    fn of_file(&self, checked: &Checked, file: &str) -> Vec<Diagnostic> {
        let mut found: Vec<Diagnostic> = [&self.loaded, &self.before, &self.per_post, &self.after]
            .into_iter()
            .filter_map(|by_file| by_file.get(file))
            .flatten()
            .cloned()
            .collect();
        crate::finish_findings(&mut found, &checked.project);
        found
    }

    /// Replaces `file`'s slice of the sorted findings in `checked` with its findings now;
    /// whether they differ from before.
    fn splice(&self, checked: &mut Checked, file: &str) -> bool {
        let now = self.of_file(checked, file);
        let all = &mut checked.diagnostics;
        let start = all.partition_point(|d| d.file.as_str() < file);
        let end = start + all[start..].partition_point(|d| d.file == file);
        if all[start..end] == now[..] {
            return false;
        }
        all.splice(start..end, now);
        true
    }
}

/// Replaces `old` with `new`, adding to `dirty` every file whose findings differ.
fn replace_noting(old: &mut ByFile, new: ByFile, dirty: &mut BTreeSet<String>) {
    let files: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for file in files {
        if old.get(file) != new.get(file) {
            dirty.insert(file.clone());
        }
    }
    *old = new;
}

/// Groups findings by file, keeping their order within each file.
pub(super) fn group_by_file(diagnostics: Vec<Diagnostic>) -> ByFile {
    let mut by_file = ByFile::new();
    for d in diagnostics {
        by_file.entry(d.file.clone()).or_default().push(d);
    }
    by_file
}
