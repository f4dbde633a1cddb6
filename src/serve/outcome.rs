//! What a dev-server build produced, as data: the pages, or the problems the browser
//! overlay and the terminal show. Its own module so that the session (which makes
//! builds) and the state and reload script (which publish them) import it without
//! importing each other.

use std::time::Duration;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::site::{PageSet, Site};

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
        /// The rendered files, each compressed with the server's `pack` (read them
        /// through `Served::file`).
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
