//! The client deliverables as PDF: `strategy.pdf` and `report.pdf`, typeset with typst
//! used as a library (A4, title page, outline, running headers, page numbers, vector
//! charts, embedded fonts, tables whose header repeats on every page).
//!
//! Why typst: it embeds fonts, breaks tables across pages and places SVG as vectors, with
//! no browser on the machine. The layout lives in templates (themes/default/pdf/*.typ,
//! embedded; a project's `templates/pdf/NAME.typ` replaces one); the data goes in as
//! `data.json`, read with `json()`, so no text from the repository is ever read as typst
//! markup. Dates and numbers arrive formatted by the language layer, as the HTML shows them.

mod world;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions as TypstPdfOptions;

use crate::Checked;
#[cfg(test)]
use world::file_id;
use world::{MemoryWorld, VirtualFile};

/// The built-in templates: (name, text).
const TEMPLATES: &[(&str, &str)] = &[
    ("common.typ", include_str!("../../themes/default/pdf/common.typ")),
    (
        "strategy.typ",
        include_str!("../../themes/default/pdf/strategy.typ"),
    ),
    ("report.typ", include_str!("../../themes/default/pdf/report.typ")),
];

/// The two documents: output file name and main template.
const DOCUMENTS: &[(&str, &str)] = &[("strategy.pdf", "strategy.typ"), ("report.pdf", "report.typ")];

/// How the PDFs are made.
#[derive(Clone, Debug, Default)]
pub struct PdfOptions {
    /// The day the documents are dated (defaults to today in the project's timezone).
    pub today: Option<NaiveDate>,
    /// First publish day the report counts (inclusive); `None`: from the start.
    pub from: Option<NaiveDate>,
    /// Last publish day the report counts (inclusive); `None`: to the end.
    pub to: Option<NaiveDate>,
}

/// Why the PDFs could not be made (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A template does not compile: the file a user can open, the line, what typst says.
    #[error("PDF template {template}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// `templates/pdf/NAME.typ` for an override, the theme path otherwise.
        template: String,
        /// The line, when known.
        line: Option<usize>,
        /// What typst says, with its hints.
        message: String,
    },
    /// The data could not be prepared (a word list or template of the site).
    #[error(transparent)]
    Site(#[from] crate::site::SiteError),
    /// A PDF could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Typesets both documents and writes them into `out`, each atomically; returns the
/// paths written. Nothing is written when either document fails. A folder made here gets
/// the site's marker, so a later `build` into it replaces it instead of refusing it.
pub fn write_pdfs(checked: &Checked, options: &PdfOptions, out: &Path) -> Result<Vec<PathBuf>, PdfError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| PdfError::Io { path, source }
    };
    let documents = render_pdfs(checked, options)?;
    let fresh = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    std::fs::create_dir_all(out).map_err(io(out))?;
    if fresh {
        let marker = out.join(crate::site::MARKER);
        let note = "Made by `touchpoint pdf`; the whole folder is replaced on the next build.\n";
        std::fs::write(&marker, note).map_err(io(&marker))?;
    }
    let mut written = Vec::new();
    for (name, bytes) in documents {
        let path = out.join(&name);
        let temp = out.join(format!(".{name}.tmp"));
        std::fs::write(&temp, &bytes).map_err(io(&temp))?;
        std::fs::rename(&temp, &path).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// Both documents in memory: (file name, PDF bytes).
pub fn render_pdfs(checked: &Checked, options: &PdfOptions) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    let project = &checked.project;
    let today = options.today.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&project.config.timezone)
            .date_naive()
    });
    let data = crate::site::deliverable_data(checked, today, options.from, options.to)?;
    let templates = templates(&project.root)?;
    let logo = crate::brand::brand_of(project).and_then(|(_, logo)| logo);
    let mut out = Vec::new();
    for &(name, main) in DOCUMENTS {
        let json = if main == "strategy.typ" {
            &data.strategy
        } else {
            &data.report
        };
        let mut files: Vec<VirtualFile> = templates
            .iter()
            .map(|t| VirtualFile {
                path: format!("/{}", t.name),
                bytes: t.text.clone().into_bytes(),
            })
            .collect();
        files.push(VirtualFile {
            path: "/data.json".to_owned(),
            bytes: serde_json::to_vec(json).unwrap_or_default(),
        });
        if let Some(logo) = &logo {
            files.push(VirtualFile {
                path: format!("/logo.{}", logo.format.extension()),
                bytes: logo.bytes.clone(),
            });
        }
        let world = MemoryWorld::new(&format!("/{main}"), files, today);
        out.push((name.to_owned(), typeset(&world, &templates)?));
    }
    Ok(out)
}

/// A template after overrides.
struct Template {
    name: &'static str,
    text: String,
    /// The path a user can open.
    display: String,
}

/// The built-in templates with the project's `templates/pdf/NAME.typ` laid over them.
fn templates(root: &Path) -> Result<Vec<Template>, PdfError> {
    let mut out = Vec::new();
    for &(name, text) in TEMPLATES {
        let rel = format!("templates/pdf/{name}");
        let path = root.join(&rel);
        let own = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        let template = if own {
            let bytes = std::fs::read(&path).map_err(|source| PdfError::Io {
                path: rel.clone(),
                source,
            })?;
            let text = String::from_utf8(bytes).map_err(|_| PdfError::Template {
                template: rel.clone(),
                line: None,
                message: "the template is not UTF-8 text; save it as UTF-8".to_owned(),
            })?;
            Template {
                name,
                text,
                display: rel,
            }
        } else {
            Template {
                name,
                text: text.to_owned(),
                display: format!("themes/default/pdf/{name}"),
            }
        };
        out.push(template);
    }
    Ok(out)
}

/// Compiles the world's main template and exports it as PDF.
fn typeset(world: &MemoryWorld, templates: &[Template]) -> Result<Vec<u8>, PdfError> {
    let compiled = typst::compile::<PagedDocument>(world);
    let document = compiled
        .output
        .map_err(|errors| template_error(world, templates, &errors))?;
    let options = TypstPdfOptions::default();
    typst_pdf::pdf(&document, &options).map_err(|errors| template_error(world, templates, &errors))
}

/// The first error as a [`PdfError::Template`] naming the template file and line.
fn template_error(world: &MemoryWorld, templates: &[Template], errors: &[SourceDiagnostic]) -> PdfError {
    let Some(first) = errors.first() else {
        return PdfError::Template {
            template: "themes/default/pdf".to_owned(),
            line: None,
            message: "typst failed without saying why".to_owned(),
        };
    };
    let mut message = first.message.to_string();
    for hint in &first.hints {
        message.push_str(&format!(" (hint: {})", hint.v));
    }
    let id = first.span.id();
    let path = id.and_then(|id| world.path_of(id)).unwrap_or("");
    let template = templates
        .iter()
        .find(|t| format!("/{}", t.name) == path)
        .map(|t| t.display.clone())
        .unwrap_or_else(|| {
            if path.is_empty() {
                "themes/default/pdf".to_owned()
            } else {
                path.trim_start_matches('/').to_owned()
            }
        });
    let line = id.zip(world.range(first.span)).and_then(|(id, range)| {
        let source = typst::World::source(world, id).ok()?;
        source.lines().byte_to_line(range.start).map(|l| l + 1)
    });
    PdfError::Template {
        template,
        line,
        message,
    }
}

/// The id the world gives `name`, for tests.
#[cfg(test)]
fn id_of(name: &str) -> typst::syntax::FileId {
    file_id(&format!("/{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world_with(main: &str) -> (MemoryWorld, Vec<Template>) {
        let templates = vec![Template {
            name: "report.typ",
            text: main.to_owned(),
            display: "templates/pdf/report.typ".to_owned(),
        }];
        let files = vec![VirtualFile {
            path: "/report.typ".to_owned(),
            bytes: main.as_bytes().to_vec(),
        }];
        let day = NaiveDate::from_ymd_opt(2027, 1, 17).unwrap();
        (MemoryWorld::new("/report.typ", files, day), templates)
    }

    #[test]
    fn a_broken_template_names_its_file_and_line() {
        let (world, templates) = world_with("= Title\n\n#let x = (\n#nonexistent-function()\n");
        let err = typeset(&world, &templates).unwrap_err();
        let PdfError::Template { template, line, .. } = &err else {
            panic!("{err}");
        };
        assert_eq!(template, "templates/pdf/report.typ");
        assert!(line.is_some_and(|l| (3..=5).contains(&l)), "{err}");
        assert_eq!(world.path_of(id_of("report.typ")), Some("/report.typ"));
    }

    #[test]
    fn a_small_document_typesets_with_the_embedded_font() {
        let (world, templates) = world_with("#set page(paper: \"a4\")\n= Hallo\nÄpfel *fett*\n");
        let pdf = typeset(&world, &templates).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
}
