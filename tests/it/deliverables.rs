//! Client deliverables (#21): `build --pdf` and `pdf` write strategy.pdf and report.pdf
//! (A4, fonts embedded, more than one page) whose text holds the figures report.html
//! prints; `[brand]` shows in the HTML; bad brand settings are findings at their line.

use std::path::Path;

use crate::common::{check_json, findings, touchpoint};

/// example-project's day, as CI builds it.
const TODAY: &str = "2027-01-17";

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project")
}

/// `build example-project --pdf` into `out` with `extra` arguments; fails with the
/// tool's words when it does not succeed.
fn build_pdf(out: &Path, extra: &[&str]) {
    let repo = example();
    let mut args = vec![
        "build",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
        "--pdf",
    ];
    args.extend_from_slice(extra);
    let result = touchpoint(&args);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

/// The PDF's text with every run of whitespace made one space.
fn pdf_text(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("the PDF's text reads back");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The inner texts of every element of `html` whose opening tag contains `marker`.
fn texts_after(html: &str, marker: &str) -> Vec<String> {
    html.match_indices(marker)
        .filter_map(|(at, _)| {
            let rest = &html[at..];
            let start = rest.find('>')? + 1;
            let end = rest[start..].find('<')?;
            Some(rest[start..start + end].trim().to_owned())
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The `<table id="ID">` of `html`.
fn table<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no table {id}"));
    let end = html[start..].find("</table>").expect("table ends") + start;
    &html[start..end]
}

/// Asserts the PDF is A4 on every page, has more than one page and embeds its fonts.
fn assert_a4_with_embedded_fonts(bytes: &[u8], name: &str) {
    assert!(bytes.starts_with(b"%PDF"), "{name} is not a PDF");
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages = doc.get_pages();
    assert!(pages.len() > 1, "{name} has {} page(s)", pages.len());
    for (number, id) in pages {
        let media_box = media_box(&doc, id).unwrap_or_else(|| panic!("{name} page {number} has no MediaBox"));
        let (w, h) = (media_box[2] - media_box[0], media_box[3] - media_box[1]);
        assert!(
            (w - 595.0).abs() <= 1.0 && (h - 842.0).abs() <= 1.0,
            "{name} page {number}: {w}×{h}"
        );
    }
    let embedded = doc.objects.values().any(|object| {
        let dict = match object {
            lopdf::Object::Dictionary(d) => d,
            lopdf::Object::Stream(s) => &s.dict,
            _ => return false,
        };
        dict.has(b"FontFile2") || dict.has(b"FontFile3")
    });
    assert!(embedded, "{name} embeds no font");
}

/// How many raster images (Image XObjects) the PDF holds.
fn raster_images(bytes: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    doc.objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .filter(|stream| {
            stream
                .dict
                .get(b"Subtype")
                .and_then(|s| s.as_name())
                .is_ok_and(|name| name == b"Image")
        })
        .count()
}

/// A page's MediaBox, inherited from its parents when it has none.
fn media_box(doc: &lopdf::Document, mut id: lopdf::ObjectId) -> Option<Vec<f32>> {
    loop {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(array) = dict.get(b"MediaBox").and_then(|o| o.as_array()) {
            return array.iter().map(|n| n.as_float().ok()).collect();
        }
        id = dict.get(b"Parent").and_then(|p| p.as_reference()).ok()?;
    }
}

/// The `[pdf]` word `key` of the built-in word list in `lang`.
fn pdf_word(lang: &str, key: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/lang/{lang}.toml"));
    let words: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    words["pdf"][key].as_str().unwrap().to_owned()
}

#[test]
fn build_pdf_writes_two_a4_pdfs_whose_text_holds_the_html_reports_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_pdf(&out, &[]);
    let report = std::fs::read(out.join("report.pdf")).expect("report.pdf next to the site");
    let strategy = std::fs::read(out.join("strategy.pdf")).expect("strategy.pdf next to the site");
    assert_a4_with_embedded_fonts(&report, "report.pdf");
    assert_a4_with_embedded_fonts(&strategy, "strategy.pdf");
    assert_eq!(raster_images(&report), 0, "charts and logo are vector graphics");

    let text = pdf_text(&report);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(text.contains("Radwerk GmbH"), "client missing: {text:.400}");
    for key in ["report_title", "contents", "summary", "charts"] {
        let word = pdf_word("de", key);
        assert!(text.contains(&word), "report.pdf lacks `{word}`");
    }
    // The headline cards and the per-platform table, exactly as report.html prints them.
    let cards = texts_after(&html, "class=\"figure__value\"");
    assert!(cards.len() >= 6, "{cards:?}");
    let platform_cells = texts_after(table(&html, "by-platform"), "<td class=\"num\"");
    assert!(platform_cells.len() > 20, "{platform_cells:?}");
    for figure in cards.iter().chain(&platform_cells) {
        assert!(
            text.contains(figure.as_str()),
            "report.pdf lacks the figure `{figure}`"
        );
    }
    assert!(text.contains("152.645"), "the impressions in German format");

    let text = pdf_text(&strategy);
    assert!(text.contains(&pdf_word("de", "strategy_title")));
    let strategy_html = std::fs::read_to_string(out.join("strategy.html")).unwrap();
    assert!(strategy_html.contains("Neue Menschen in Leipzig erreichen"));
    for goal in [
        "Neue Menschen in Leipzig erreichen",
        "Werkstatt-Wissen",
        "Familie Fischer",
        "Vertraulich",
    ] {
        assert!(text.contains(goal), "strategy.pdf lacks `{goal}`");
    }
}

#[test]
fn from_and_to_make_a_report_of_that_period_in_html_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_pdf(&out, &["--from", "2026-12-14", "--to", "2026-12-20"]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let weeks = texts_after(table(&html, "by-week"), "<th scope=\"row\"");
    assert_eq!(weeks.len(), 1, "one ISO week: {weeks:?}");
    assert!(weeks[0].starts_with("2026-W51"), "{weeks:?}");
    let text = pdf_text(&std::fs::read(out.join("report.pdf")).unwrap());
    assert!(
        text.contains("14.12.2026 – 20.12.2026"),
        "the period on the title page"
    );
    let cards = texts_after(&html, "class=\"figure__value\"");
    for figure in &cards {
        assert!(text.contains(figure.as_str()), "report.pdf lacks `{figure}`");
    }
    // Fewer posts than the whole of December.
    let posts: u32 = cards[0].parse().unwrap();
    assert!(posts > 0 && posts < 24, "{posts} posts in one week");
}

#[test]
fn the_brand_colours_logo_and_footer_show_on_every_page_and_not_without_brand() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_pdf(&out, &[]);
    assert!(
        out.join("media/logo.svg").is_file(),
        "the logo is copied into the site"
    );
    for page in [
        "index.html",
        "strategy.html",
        "report.html",
        "review.html",
        "posts.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(html.contains("--brand-primary: #0a7f5a"), "{page}: brand colour");
        assert!(html.contains("--brand-accent: #f2a900"), "{page}: accent colour");
        assert!(
            html.contains("src=\"media/logo.svg\" alt=\"Radwerk Leipzig\""),
            "{page}: logo"
        );
        assert!(
            html.contains("Vertraulich – nur für Radwerk GmbH"),
            "{page}: footer line"
        );
    }
    // A neutral project keeps the theme as it was.
    let plain = dir.path().join("plain");
    let result = crate::common::build(&crate::common::fixture("site-basic"), &plain);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let html = std::fs::read_to_string(plain.join("index.html")).unwrap();
    assert!(!html.contains("--brand-primary") && !html.contains("brand__logo"));
}

/// A fresh `init` repository with `extra` appended to its touchpoint.toml.
fn init_with(dir: &Path, extra: &str) -> std::path::PathBuf {
    let repo = dir.join("repo");
    let result = touchpoint(&["init", repo.to_str().unwrap()]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let config = repo.join("touchpoint.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(extra);
    std::fs::write(&config, text).unwrap();
    repo
}

/// The line of `needle` in `repo`'s touchpoint.toml.
fn line_of(repo: &Path, needle: &str) -> u32 {
    let text = std::fs::read_to_string(repo.join("touchpoint.toml")).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .expect("the line is there") as u32
        + 1
}

#[test]
fn a_bad_colour_and_an_unreadable_logo_are_findings_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let repo = init_with(
        dir.path(),
        "\n[brand]\nlogo = \"media/missing.svg\"\nprimary = \"green\"\naccent = \"#f2a9\"\n",
    );
    let (code, json) = check_json(&repo, TODAY);
    assert_eq!(code, 1, "brand findings are errors");
    let found = findings(&json, |rule| rule.starts_with("brand-"));
    let at = |rule: &str, needle: &str| {
        (
            "touchpoint.toml".to_owned(),
            line_of(&repo, needle),
            rule.to_owned(),
        )
    };
    let expected = [
        at("brand-logo", "logo ="),
        at("brand-colour", "primary ="),
        at("brand-colour", "accent ="),
    ];
    assert_eq!(found, expected.into_iter().collect());

    // A logo outside the repository is refused, even when the file exists.
    std::fs::write(
        dir.path().join("outside.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let repo2 = dir.path().join("repo2");
    std::fs::rename(&repo, &repo2).unwrap();
    let config = repo2.join("touchpoint.toml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("media/missing.svg", "../outside.svg");
    std::fs::write(&config, text).unwrap();
    let (_, json) = check_json(&repo2, TODAY);
    let found = findings(&json, |rule| rule == "brand-logo");
    assert_eq!(found.len(), 1, "{json}");
}

#[test]
fn pdf_in_an_english_project_uses_english_words() {
    let dir = tempfile::tempdir().unwrap();
    let repo = init_with(dir.path(), "");
    let out = dir.path().join("out");
    let result = touchpoint(&[
        "pdf",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let text = pdf_text(&std::fs::read(out.join("report.pdf")).unwrap());
    for key in ["report_title", "contents", "document_for"] {
        let word = pdf_word("en", key);
        assert!(
            text.to_lowercase().contains(&word.to_lowercase()),
            "lacks `{word}`: {text:.300}"
        );
    }
    assert!(!text.contains(&pdf_word("de", "contents")));
    let text = pdf_text(&std::fs::read(out.join("strategy.pdf")).unwrap());
    assert!(text.contains(&pdf_word("en", "strategy_title")) && text.contains("My Brand GmbH"));
}

#[test]
fn a_broken_project_template_names_its_file_and_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let repo = init_with(dir.path(), "");
    std::fs::create_dir_all(repo.join("templates/pdf")).unwrap();
    std::fs::write(
        repo.join("templates/pdf/report.typ"),
        "#import \"common.typ\": *\n= Fine\n#no-such-function()\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let result = touchpoint(&[
        "pdf",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("templates/pdf/report.typ:3"), "{stderr}");
    assert!(!out.join("report.pdf").exists());
}
