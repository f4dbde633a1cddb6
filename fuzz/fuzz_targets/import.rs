//! Any bytes as the calendar file of `touchpoint import`: CSV text, or a spreadsheet when
//! the bytes begin like one. The first byte picks the layout (detected from the header,
//! Hootsuite, Sprout or a column map) so every row reader sees every input. The import
//! runs with `dry_run` into a scaffolded repository: it must never panic, never write,
//! point every problem at a line of the file, and plan only files under `posts/` whose
//! contents read back as posts.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use touchpoint::content::fields::{self, Reader};
use touchpoint::content::frontmatter::{Format, split};
use touchpoint::content::node::{parse_toml, parse_yaml};
use touchpoint::content::post::{PostKind, PostSource, read_post};
use touchpoint::import::{ColumnMap, Layout, Options, import};

/// A repository made once per process by `touchpoint init`, and the calendar file's path.
fn workspace() -> &'static (PathBuf, PathBuf) {
    static DIR: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("tp-fuzz-import-{}", std::process::id()));
        let repo = root.join("repo");
        touchpoint::init::scaffold(&repo).expect("scaffold");
        (repo, root.join("calendar"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (repo, base) = workspace();
    let extension = match bytes.get(..2) {
        Some(b"PK") => "xlsx",
        _ => "csv",
    };
    let file = base.with_extension(extension);
    std::fs::write(&file, bytes).expect("write calendar");
    let (layout, map, platform) = match selector % 4 {
        0 => (None, None, None),
        1 => (Some(Layout::Hootsuite), None, Some("instagram")),
        2 => (Some(Layout::Sprout), None, Some("linkedin")),
        _ => (
            Some(Layout::Mapped),
            Some(ColumnMap::parse("Datum=publish_at,Text=text,Kanal=platforms").expect("map")),
            None,
        ),
    };
    let options = Options {
        file: file.clone(),
        into: repo.clone(),
        layout,
        map,
        date_format: (selector & 4 != 0).then(|| "%d.%m.%Y %H:%M".to_owned()),
        platform: platform.map(|p| p.parse().expect("platform")),
        status: touchpoint::model::Status::Draft,
        force: false,
        dry_run: true,
    };
    let Ok(report) = import(&options) else {
        return;
    };
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for problem in &report.problems {
        assert!(
            (1..=lines.max(1) + 1).contains(&problem.line),
            "line {}",
            problem.line
        );
    }
    for written in &report.posts {
        assert!(
            written.file.starts_with("posts/") && !written.file.contains(".."),
            "{}",
            written.file
        );
        assert!(
            !repo.join(&written.file).exists() || written.replaced,
            "dry run wrote {}",
            written.file
        );
        assert_reads_back(&written.file, &written.contents);
    }
});

/// A planned post must be a post file Touchpoint reads without an error in its front matter.
fn assert_reads_back(file: &str, contents: &str) {
    let parts = split(contents).unwrap_or_else(|e| panic!("{file}: {e:?}\n{contents}"));
    let node = match parts.format {
        Format::Toml => parse_toml(parts.front_matter, parts.front_matter_line),
        Format::Yaml => parse_yaml(parts.front_matter, parts.front_matter_line),
    }
    .unwrap_or_else(|e| panic!("{file}: {e:?}\n{contents}"));
    let id = file.trim_start_matches("posts/").trim_end_matches(".md");
    let id = id.rsplit('/').next().unwrap_or(id);
    let mut reader = Reader::new(file);
    let source = PostSource {
        id,
        file,
        node: &node,
        body: parts.body,
        body_line: parts.body_line,
        kind: PostKind::Post,
    };
    let _ = read_post(&source, chrono_tz::Europe::Berlin, &mut reader);
    // Content rules (a link without a scheme, a text over a limit) are `check`'s to report
    // after the import; the file itself must be well-formed: no unknown key, wrong type,
    // missing key or value the reader rejects.
    let structural: Vec<_> = reader
        .diagnostics
        .iter()
        .filter(|d| fields::RULES.iter().any(|rule| rule.name == d.rule))
        .collect();
    assert!(structural.is_empty(), "{file}: {structural:?}\n{contents}");
}
