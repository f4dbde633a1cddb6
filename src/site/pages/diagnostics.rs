//! `diagnostics.html`: every finding, grouped by file, each linking to the page that
//! shows what it concerns. Like a long post list, it continues in `more/` past about
//! [`ROWS_PER_PAGE`] findings (a generated 100,000-post plan had a 76 MB findings
//! page); a file's findings always stay together on one page.

use serde::Serialize;
use tera::Context;

use super::page::Page;
use super::paged::{List, ROWS_PER_PAGE, pager};
use crate::site::paths::href;
use crate::site::views::{DiagView, Views};

/// The findings of one file.
#[derive(Serialize)]
struct FileGroup {
    file: String,
    page: Option<String>,
    diagnostics: Vec<DiagView>,
}

/// The findings pages: `diagnostics.html` and, when there are many, its continuations.
pub(super) fn pages(views: &Views<'_>) -> Vec<Page> {
    let pages = by_page(groups(views));
    let total: usize = pages.iter().map(|p| findings(p)).sum();
    let paths: Vec<String> = (1..=pages.len()).map(|n| List::Findings.page_path(n)).collect();
    let mut seen = 0;
    pages
        .into_iter()
        .enumerate()
        .map(|(index, groups)| {
            let shown = findings(&groups);
            let mut context = Context::new();
            if paths.len() > 1 {
                context.insert("pager", &pager(&paths, index, seen + 1, seen + shown, total));
            }
            seen += shown;
            context.insert("groups", &groups);
            Page::new(paths[index].clone(), "diagnostics.html", context)
        })
        .collect()
}

/// How many findings `groups` hold.
fn findings(groups: &[FileGroup]) -> usize {
    groups.iter().map(|g| g.diagnostics.len()).sum()
}

/// The groups split into pages of about [`ROWS_PER_PAGE`] findings, never splitting a
/// file's findings; always at least one page (which says there are none).
fn by_page(groups: Vec<FileGroup>) -> Vec<Vec<FileGroup>> {
    let mut pages: Vec<Vec<FileGroup>> = vec![Vec::new()];
    for group in groups {
        let current = pages.last_mut().expect("at least one page");
        if !current.is_empty() && findings(current) + group.diagnostics.len() > ROWS_PER_PAGE {
            pages.push(vec![group]);
        } else {
            current.push(group);
        }
    }
    pages
}

/// Every finding, grouped by file in the order of the findings.
fn groups(views: &Views<'_>) -> Vec<FileGroup> {
    let mut groups: Vec<FileGroup> = Vec::new();
    for d in &views.checked.diagnostics {
        if groups.last().is_none_or(|g| g.file != d.file) {
            groups.push(FileGroup {
                file: d.file.clone(),
                page: views.page_of(&d.file).map(href),
                diagnostics: Vec::new(),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.diagnostics.push(views.diagnostic(d));
        }
    }
    groups
}
