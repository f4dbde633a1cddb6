//! The default theme, embedded in the binary, and the project's per-file overrides.
//!
//! Theme files stay real files under `themes/default/` (so they can be edited and
//! diffed as HTML and CSS) and are compiled in with `include_str!`/`include_bytes!`
//! in the two tables below. A project replaces any of them, file by file, by putting
//! a file of the same name in its `templates/` or `static/` folder; files with new
//! names are added (a template can then `{% include %}` or `{% extends %}` them).

use std::collections::BTreeMap;
use std::path::Path;

use super::SiteError;
use crate::load::{Boundary, walk_inside};

macro_rules! theme_template {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../themes/default/templates/", $name)),
        )
    };
}

macro_rules! theme_static {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!("../../themes/default/static/", $name)).as_slice(),
        )
    };
}

/// The default theme's templates: name (as used in `extends`/`include`) and text.
pub const TEMPLATES: &[(&str, &str)] = &[
    theme_template!("base.html"),
    theme_template!("macros.html"),
    theme_template!("post_table.html"),
    theme_template!("post_row.html"),
    theme_template!("calendar_entry.html"),
    theme_template!("diagnostic_list.html"),
    theme_template!("media_list.html"),
    theme_template!("index.html"),
    theme_template!("calendar.html"),
    theme_template!("posts.html"),
    theme_template!("post.html"),
    theme_template!("list.html"),
    theme_template!("platform.html"),
    theme_template!("campaign.html"),
    theme_template!("persona.html"),
    theme_template!("pillar.html"),
    theme_template!("strategy.html"),
    theme_template!("diagnostics.html"),
    theme_template!("report.html"),
];

/// The default theme's static files, copied to `static/` in the output.
pub const STATIC: &[(&str, &[u8])] = &[
    theme_static!("style.css"),
    theme_static!("report.css"),
    theme_static!("site.js"),
    theme_static!("favicon.svg"),
];

/// Where a template's text came from, so errors can name the file a user can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Built into Touchpoint (`themes/default/templates/NAME`).
    Theme,
    /// The project's `templates/NAME`.
    Project,
}

/// One template after overrides: its text and where it came from.
#[derive(Clone, Debug)]
pub struct TemplateSource {
    /// The template's text.
    pub text: String,
    /// Theme or project.
    pub origin: Origin,
}

impl TemplateSource {
    /// The path a user can open: `templates/NAME` for an override, the theme path otherwise.
    pub fn display_path(&self, name: &str) -> String {
        match self.origin {
            Origin::Theme => format!("themes/default/templates/{name}"),
            Origin::Project => format!("templates/{name}"),
        }
    }
}

/// The theme after the project's overrides are applied.
#[derive(Clone, Debug, Default)]
pub struct Theme {
    /// Templates by name.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Static files by path under `static/`.
    pub statics: BTreeMap<String, Vec<u8>>,
}

/// Loads the embedded theme and lays the project's `templates/` and `static/` over it.
pub fn load_theme(root: &Path) -> Result<Theme, SiteError> {
    let mut theme = Theme::default();
    for (name, text) in TEMPLATES {
        let source = TemplateSource {
            text: (*text).to_owned(),
            origin: Origin::Theme,
        };
        theme.templates.insert((*name).to_owned(), source);
    }
    for (name, bytes) in STATIC {
        theme.statics.insert((*name).to_owned(), bytes.to_vec());
    }
    let boundary = Boundary::new(root);
    for (rel, bytes) in read_folder(&boundary, "templates")? {
        let text = String::from_utf8(bytes).map_err(|_| SiteError::Template {
            template: format!("templates/{rel}"),
            line: None,
            message: "the template is not UTF-8 text".to_owned(),
        })?;
        let source = TemplateSource {
            text,
            origin: Origin::Project,
        };
        theme.templates.insert(rel, source);
    }
    for (rel, bytes) in read_folder(&boundary, "static")? {
        theme.statics.insert(rel, bytes);
    }
    Ok(theme)
}

/// Every file under the repository folder `folder` (absent: none), by `/`-separated path
/// relative to it; hidden files skipped. Links leading out of the repository are skipped
/// too (loading the project reports them), so nothing outside reaches the site.
fn read_folder(boundary: &Boundary, folder: &str) -> Result<Vec<(String, Vec<u8>)>, SiteError> {
    let dir = boundary.root().join(folder);
    let walked = walk_inside(boundary, folder, usize::MAX, &|_| false);
    let mut files = Vec::with_capacity(walked.files.len());
    for path in walked.files {
        let Ok(rel) = path.strip_prefix(&dir) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let bytes = std::fs::read(&path).map_err(|source| SiteError::Io {
            path: path.display().to_string(),
            source,
        })?;
        files.push((rel.join("/"), bytes));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_files_override_theme_files_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
        std::fs::write(dir.path().join("templates/index.html"), "mine").unwrap();
        std::fs::write(dir.path().join("static/style.css"), "body{}").unwrap();
        std::fs::write(dir.path().join("static/img/logo.svg"), "<svg/>").unwrap();
        let theme = load_theme(dir.path()).unwrap();
        let index = &theme.templates["index.html"];
        assert_eq!(index.text, "mine");
        assert_eq!(index.display_path("index.html"), "templates/index.html");
        assert_eq!(theme.templates["base.html"].origin, Origin::Theme);
        assert_eq!(theme.statics["style.css"], b"body{}");
        assert!(theme.statics.contains_key("img/logo.svg"));
        assert!(theme.statics.contains_key("site.js"));
    }
}
