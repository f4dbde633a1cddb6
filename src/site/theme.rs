//! The theme the site renders with: the default theme embedded in the binary, with the
//! project's per-file overrides laid over it.
//!
//! The embedded files and the overrides are read by `load` ([`crate::load::TEMPLATES`],
//! [`crate::load::STATIC`], [`crate::load::read_theme_overrides`]); this module only
//! assembles them. A project replaces any theme file, file by file, by putting a file of
//! the same name in its `templates/` or `static/` folder; files with new names are added
//! (a template can then `{% include %}` or `{% extends %}` them).

use std::collections::BTreeMap;
use std::path::Path;

use super::SiteError;
use crate::load::{ReadError, STATIC, TEMPLATES, read_theme_overrides};

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
    for (rel, bytes) in read_folder(root, "templates")? {
        // `templates/pdf/*.typ` are the PDFs' typst templates (src/pdf), not tera's.
        if rel.ends_with(".typ") {
            continue;
        }
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
    for (rel, bytes) in read_folder(root, "static")? {
        theme.statics.insert(rel, bytes);
    }
    Ok(theme)
}

/// The project's files under `folder`, by path relative to it (see
/// [`read_theme_overrides`]).
fn read_folder(root: &Path, folder: &str) -> Result<Vec<(String, Vec<u8>)>, SiteError> {
    let files = read_theme_overrides(root, folder).map_err(|ReadError { path, source }| SiteError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(files.into_iter().map(|f| (f.path, f.bytes)).collect())
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
