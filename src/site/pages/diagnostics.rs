//! `diagnostics.html`: every finding, grouped by file, each linking to the page that
//! shows what it concerns.

use serde::Serialize;
use tera::Context;

use super::page::Page;
use crate::site::paths::href;
use crate::site::views::{DiagView, Views};

/// The findings of one file.
#[derive(Serialize)]
struct FileGroup {
    file: String,
    page: Option<String>,
    diagnostics: Vec<DiagView>,
}

/// The diagnostics page.
pub(super) fn page(views: &Views<'_>) -> Page {
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
    let mut context = Context::new();
    context.insert("groups", &groups);
    Page::new("diagnostics.html", "diagnostics.html", context)
}
