//! The client's brand (`[brand]` in touchpoint.toml): its colours, its logo and its footer
//! line, shared by the site (CSS custom properties, header logo) and the PDFs.
//!
//! Why one module: the site and the PDFs must agree on what a colour means and which
//! logo is readable, and the check must judge the logo exactly as they read it.

use std::path::{Component, Path};

use serde::Serialize;

/// The WCAG contrast normal text needs against its background.
pub const TEXT_CONTRAST: f64 = 4.5;

/// A logo larger than this is refused: it is a header image, not a photo archive.
const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

/// An sRGB colour written as `#rrggbb` (or `#rgb`): the only form `[brand]` takes, so
/// the value can go into CSS and typst without any escaping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Colour {
    /// White, the background brand text is measured against.
    pub const WHITE: Colour = Colour {
        r: 255,
        g: 255,
        b: 255,
    };

    /// Reads `#rrggbb` or `#rgb` (either case); anything else is `None`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            6 => {
                let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Colour {
                    r: pair(0)?,
                    g: pair(2)?,
                    b: pair(4)?,
                })
            }
            3 => Some(Colour {
                r: digit(0)? * 17,
                g: digit(1)? * 17,
                b: digit(2)? * 17,
            }),
            _ => None,
        }
    }

    /// `#rrggbb` in lower case, for CSS and typst's `rgb("…")`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance (WCAG 2.x).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a >= b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }

    /// This colour darkened by `share` (0 to 1) towards black.
    fn darker(self, share: f64) -> Colour {
        let scale = |c: u8| (f64::from(c) * (1.0 - share)).round().clamp(0.0, 255.0) as u8;
        Colour {
            r: scale(self.r),
            g: scale(self.g),
            b: scale(self.b),
        }
    }

    /// The lightest text the theme sets on an accent background (the current month in
    /// the calendar's month list), which the text-safe shade must carry too.
    pub const PALE_INK: Colour = Colour {
        r: 0xd6,
        g: 0xe6,
        b: 0xf2,
    };

    /// The colour itself when text in it reads on white and white or pale text reads on
    /// it (contrast ≥ 4.5:1 both ways), else the lightest darker shade that does: a light
    /// brand colour still marks links, headings and buttons without failing accessibility.
    pub fn text_safe(self) -> Colour {
        (0..=100)
            .map(|step| self.darker(f64::from(step) / 100.0))
            .find(|c| {
                c.contrast(Colour::WHITE) >= TEXT_CONTRAST && c.contrast(Colour::PALE_INK) >= TEXT_CONTRAST
            })
            .unwrap_or(Colour { r: 0, g: 0, b: 0 })
    }

    /// [`Colour::text_safe`] darkened a little more, for hover states.
    pub fn text_safe_darker(self) -> Colour {
        self.text_safe().darker(0.2)
    }

    /// Black or white, whichever reads better on this colour as a background.
    pub fn on(self) -> Colour {
        if self.contrast(Colour::WHITE) >= self.contrast(Colour { r: 0, g: 0, b: 0 }) {
            Colour::WHITE
        } else {
            Colour {
                r: 0x1c,
                g: 0x24,
                b: 0x30,
            }
        }
    }
}

impl Serialize for Colour {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.hex())
    }
}

/// The two formats a logo may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogoFormat {
    /// Vector, best for print.
    Svg,
    /// Raster.
    Png,
}

impl LogoFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            LogoFormat::Svg => "svg",
            LogoFormat::Png => "png",
        }
    }
}

/// A logo that was read and judged readable.
#[derive(Clone, Debug)]
pub struct Logo {
    /// Repository-relative path, `/`-separated.
    pub path: String,
    /// SVG or PNG.
    pub format: LogoFormat,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Why `path` is not a repository path: absolute, or climbing out with `..`.
fn path_problem(path: &str) -> Option<&'static str> {
    let p = Path::new(path);
    if path.is_empty() {
        return Some("is empty");
    }
    if p.is_absolute() || path.starts_with('/') || path.starts_with('\\') {
        return Some("is an absolute path; logos must be inside the repository");
    }
    if p.components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        || path.contains('\\')
    {
        return Some("leaves the repository; write a path inside it such as \"media/logo.svg\"");
    }
    None
}

/// Reads the logo at `path` under `root` and checks that it is an SVG (XML with an
/// `<svg>` root) or a PNG; the error says why not, for `brand-logo` and for the
/// renderers (which then leave the logo out).
pub fn read_logo(root: &Path, path: &str) -> Result<Logo, String> {
    if let Some(problem) = path_problem(path) {
        return Err(problem.to_owned());
    }
    let rel = path.trim_start_matches("./").to_owned();
    let full = root.join(&rel);
    let inside = match (full.canonicalize(), root.canonicalize()) {
        (Ok(file), Ok(root)) => file.starts_with(root),
        _ => return Err("does not exist".to_owned()),
    };
    if !inside {
        return Err("leads outside the repository (through a link)".to_owned());
    }
    let meta = std::fs::metadata(&full).map_err(|e| format!("cannot be read ({e})"))?;
    if !meta.is_file() {
        return Err("is not a file".to_owned());
    }
    if meta.len() > MAX_LOGO_BYTES {
        return Err("is larger than 2 MB".to_owned());
    }
    let bytes = std::fs::read(&full).map_err(|e| format!("cannot be read ({e})"))?;
    let format = logo_format(&rel, &bytes)?;
    Ok(Logo {
        path: rel,
        format,
        bytes,
    })
}

/// The logo's format, from its extension, checked against its content.
fn logo_format(path: &str, bytes: &[u8]) -> Result<LogoFormat, String> {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "svg" => {
            let text = std::str::from_utf8(bytes).map_err(|_| "is not UTF-8 SVG text".to_owned())?;
            let doc = roxmltree::Document::parse(text).map_err(|e| format!("is not well-formed SVG: {e}"))?;
            if doc.root_element().tag_name().name() != "svg" {
                return Err("is XML but its root element is not <svg>".to_owned());
            }
            Ok(LogoFormat::Svg)
        }
        "png" => match imagesize::image_type(bytes) {
            Ok(imagesize::ImageType::Png) if imagesize::blob_size(bytes).is_ok() => Ok(LogoFormat::Png),
            _ => Err("is not a readable PNG image".to_owned()),
        },
        _ => Err("is neither an SVG nor a PNG file".to_owned()),
    }
}

/// What the site's templates and the PDFs receive of `[brand]`: colours as `#rrggbb`
/// (with the text-safe shades computed once), the logo's path when it reads, the footer.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BrandView {
    /// The primary colour, for bars, borders and backgrounds.
    pub primary: Option<String>,
    /// The primary colour darkened until text in it reads on white (≥ 4.5:1).
    pub primary_text: Option<String>,
    /// A shade darker still, for hover states.
    pub primary_hover: Option<String>,
    /// Black or white ink on the primary colour.
    pub on_primary: Option<String>,
    /// The accent colour, for bars and borders.
    pub accent: Option<String>,
    /// The accent colour's text-safe shade.
    pub accent_text: Option<String>,
    /// The logo's repository-relative path (also its path in the site), percent-encoded
    /// for use in a URL; only when the logo reads.
    pub logo: Option<String>,
    /// The logo's format.
    pub logo_format: Option<LogoFormat>,
    /// The footer line.
    pub footer: Option<String>,
}

impl BrandView {
    /// The view of `brand` with `logo` (the result of [`read_logo`]; a logo that does
    /// not read is left out, its finding is `brand-logo`'s).
    pub fn new(brand: &crate::model::Brand, logo: Option<&Logo>) -> BrandView {
        let primary = brand.primary;
        BrandView {
            primary: primary.map(Colour::hex),
            primary_text: primary.map(|c| c.text_safe().hex()),
            primary_hover: primary.map(|c| c.text_safe_darker().hex()),
            on_primary: primary.map(|c| c.on().hex()),
            accent: brand.accent.map(Colour::hex),
            accent_text: brand.accent.map(|c| c.text_safe().hex()),
            logo: logo.map(|l| crate::export::media_url::encode_path(&l.path)),
            logo_format: logo.map(|l| l.format),
            footer: brand.footer.clone(),
        }
    }
}

/// Reads the logo `[brand]` names, if any: what loading keeps in `Project::logo`, and
/// what the dev server reads again when that file changes.
pub fn logo_of(root: &Path, config: &crate::model::Config) -> Option<Result<Logo, String>> {
    let logo = config.brand.as_ref()?.logo.as_ref()?;
    Some(read_logo(root, &logo.value))
}

/// The project's brand and its logo (when it reads), for the site and the PDFs.
pub fn brand_of(project: &crate::model::Project) -> Option<(BrandView, Option<&Logo>)> {
    let brand = project.config.brand.as_ref()?;
    let logo = project.logo.as_ref().and_then(|l| l.as_ref().ok());
    Some((BrandView::new(brand, logo), logo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_long_and_short_hex_and_refuses_the_rest() {
        assert_eq!(Colour::parse("#0a7f5a"), Some(Colour { r: 10, g: 127, b: 90 }));
        assert_eq!(
            Colour::parse("#0A7F5A").map(Colour::hex).as_deref(),
            Some("#0a7f5a")
        );
        assert_eq!(Colour::parse("#fa0"), Some(Colour { r: 255, g: 170, b: 0 }));
        for bad in [
            "0a7f5a",
            "#0a7f5",
            "#0a7f5g",
            "green",
            "#",
            "",
            "#ffffff;x",
            "#ff ff ff",
        ] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        let black = Colour::parse("#000").unwrap();
        assert!((black.contrast(Colour::WHITE) - 21.0).abs() < 0.01);
        assert!((Colour::WHITE.contrast(Colour::WHITE) - 1.0).abs() < 1e-9);
        let grey = Colour::parse("#767676").unwrap();
        assert!((grey.contrast(Colour::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn text_safe_keeps_dark_colours_and_darkens_light_ones_just_enough() {
        let dark = Colour::parse("#0b4a72").unwrap();
        assert_eq!(dark.text_safe(), dark);
        let green = Colour::parse("#0a7f5a").unwrap().text_safe();
        assert!(green.contrast(Colour::PALE_INK) >= TEXT_CONTRAST);
        let amber = Colour::parse("#f2a900").unwrap();
        let safe = amber.text_safe();
        assert_ne!(safe, amber);
        assert!(safe.contrast(Colour::WHITE) >= TEXT_CONTRAST);
        assert!(amber.darker(0.0).contrast(Colour::WHITE) < TEXT_CONTRAST);
        let white = Colour::WHITE.text_safe();
        assert!(white.contrast(Colour::WHITE) >= TEXT_CONTRAST);
        assert!(safe.text_safe_darker().contrast(Colour::WHITE) >= TEXT_CONTRAST);
    }

    #[test]
    fn url_paths_encode_what_a_url_cannot_hold() {
        assert_eq!(
            crate::export::media_url::encode_path("media/logo.svg"),
            "media/logo.svg"
        );
        assert_eq!(
            crate::export::media_url::encode_path("media/my logo\".svg"),
            "media/my%20logo%22.svg"
        );
        assert_eq!(
            crate::export::media_url::encode_path("media/ö.png"),
            "media/%C3%B6.png"
        );
    }

    #[test]
    fn on_picks_the_readable_ink() {
        assert_eq!(Colour::parse("#000000").unwrap().on(), Colour::WHITE);
        assert_ne!(Colour::parse("#ffff00").unwrap().on(), Colour::WHITE);
    }

    #[test]
    fn logo_paths_must_stay_inside_the_repository() {
        assert!(path_problem("media/logo.svg").is_none());
        assert!(path_problem("./media/logo.svg").is_none());
        assert!(path_problem("../logo.svg").is_some());
        assert!(path_problem("media/../../logo.svg").is_some());
        assert!(path_problem("/etc/logo.svg").is_some());
        assert!(path_problem("").is_some());
    }

    #[test]
    fn reads_svg_and_png_and_refuses_other_content() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
        write(
            "ok.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
        );
        write("html.svg", b"<html/>");
        write("broken.svg", b"<svg");
        write("fake.png", b"not a png");
        write("logo.gif", b"GIF89a");
        assert_eq!(read_logo(dir.path(), "ok.svg").unwrap().format, LogoFormat::Svg);
        for bad in ["html.svg", "broken.svg", "fake.png", "logo.gif", "missing.svg"] {
            assert!(read_logo(dir.path(), bad).is_err(), "{bad}");
        }
    }
}
