//! The checked project: the model, the texts each network receives for each post, the
//! joined metrics and every finding, as the later stages (site, export, report, serve)
//! read them.
//!
//! The texts are composed from the project, so they go stale whenever the project
//! changes. That cannot happen here by construction: the project and the texts are
//! [`Frozen`] (readable anywhere, changeable only in this file), so the only ways to change
//! the project are [`Checked`]'s own methods, and each recomposes the texts the change
//! touches (one post's after a post edit, every post's otherwise). May import `load`,
//! `model`, `metrics`, `diagnostic` and the composing of texts; the stages that read a
//! checked project import it.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use rayon::prelude::*;

use crate::compose::{PlatformText, Texts};
use crate::diagnostic::Diagnostic;
use crate::load::{self, Reloaded};
use crate::metrics::MetricRecord;
use crate::model::{Post, Project};
use crate::platform::Platform;

/// A value everyone may read but only this module may change or make: [`Checked`] holds
/// its project and texts in one, so nobody can change one without the other.
#[derive(Debug)]
pub struct Frozen<T>(T);

impl<T> std::ops::Deref for Frozen<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// The composed texts of every post and holding statement, kept per post so one edited
/// post is recomposed alone.
#[derive(Debug, Default)]
pub struct ComposedTexts {
    by_post: HashMap<String, Texts>,
}

/// The texts of a post that has none kept: every lookup composes.
static NONE_KEPT: LazyLock<Texts> = LazyLock::new(Texts::default);

impl ComposedTexts {
    /// Composes the texts of every post and holding statement of `project`, on all cores.
    fn compose_all(project: &Project) -> Self {
        let by_post = all_posts(project)
            .map(|post| (post.file.clone(), compose_one(project, post)))
            .collect();
        ComposedTexts { by_post }
    }

    /// The texts kept for `post`, as the rules that judge one post take them (none kept:
    /// they compose on demand).
    pub fn of(&self, post: &Post) -> &Texts {
        self.by_post.get(&post.file).unwrap_or(&NONE_KEPT)
    }

    /// The text `platform` receives for `post`: the kept one, or composed now.
    pub fn get<'t>(&'t self, project: &Project, post: &Post, platform: Platform) -> Cow<'t, PlatformText> {
        self.of(post).get(project, post, platform)
    }
}

/// Every post and holding statement of `project`, on all cores.
fn all_posts(project: &Project) -> impl ParallelIterator<Item = &Post> {
    project.posts.par_iter().chain(project.crisis.par_iter())
}

/// The texts of one post, on every platform it names.
fn compose_one(project: &Project, post: &Post) -> Texts {
    Texts::compose(project, rayon::iter::once(post))
}

/// A project after loading and validation.
#[derive(Debug)]
pub struct Checked {
    /// The parsed model; changed only through [`Checked`]'s methods.
    pub project: Frozen<Project>,
    /// Performance figures from `metrics/*.csv`, joined to posts.
    pub metrics: Vec<MetricRecord>,
    /// Every finding, sorted by file and line, with `[lints]` levels applied.
    pub diagnostics: Vec<Diagnostic>,
    /// What each platform receives for each post, composed once from `project` and
    /// recomposed with it: validation, the site's previews and the publish queue share it.
    pub texts: Frozen<ComposedTexts>,
}

impl Checked {
    /// `project` with the texts of every post composed, before validation (no metrics,
    /// no findings yet).
    pub(crate) fn compose(project: Project) -> Self {
        let texts = ComposedTexts::compose_all(&project);
        Checked {
            project: Frozen(project),
            metrics: Vec::new(),
            diagnostics: Vec::new(),
            texts: Frozen(texts),
        }
    }

    /// Re-reads the content file `rel` (repository-relative) into the project and
    /// recomposes the texts it touches: a post's or holding statement's own; every post's
    /// for a persona or campaign (their hashtags and names reach the texts).
    pub(crate) fn reload_file(&mut self, rel: &str) -> Reloaded {
        let reloaded = load::reload_file(&mut self.project.0, rel);
        if rel.starts_with("posts/") || rel.starts_with("crisis/") {
            let project = &self.project.0;
            let texts = &mut self.texts.0.by_post;
            texts.remove(rel);
            let post = project
                .posts
                .iter()
                .chain(&project.crisis)
                .find(|p| p.file == rel);
            if let Some(post) = post {
                texts.insert(post.file.clone(), compose_one(project, post));
            }
        } else {
            self.texts.0 = ComposedTexts::compose_all(&self.project.0);
        }
        reloaded
    }

    /// Re-indexes the media file or folder `rel` and recomposes every post's texts (a
    /// photo's presence changes some networks' limits).
    pub(crate) fn reload_media(&mut self, rel: &str) {
        load::reload_media(&mut self.project.0, rel);
        self.texts.0 = ComposedTexts::compose_all(&self.project.0);
    }

    /// Takes the raw file texts out of the project: they only serve the findings' source
    /// lines, which are attached by the time a build renders, and freeing them (400 MB at
    /// 100,000 posts) lets the site reuse that memory. Nothing composed depends on them.
    pub fn take_sources(&mut self) -> BTreeMap<String, String> {
        std::mem::take(&mut self.project.0.sources)
    }
}
