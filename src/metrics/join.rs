//! Joins metric rows to the repository's posts: by post id (normalised CSV) or by
//! the `permalink` a post records in its per-platform variant (network exports).

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Pos};
use crate::load::{MetricsRead, RawFile};
use crate::model::Project;
use crate::platform::Platform;

use super::{MetricRecord, PostKey, UNKNOWN_PLATFORM, UNKNOWN_POST, normalise_permalink, parse_file};

/// The rows of every `metrics/*.csv`, parsed but not joined to posts yet, with the
/// findings of reading them. What they hold depends only on the files under
/// `metrics/`, so the dev server keeps them and only joins again after a post edit.
#[derive(Clone, Debug, Default)]
pub struct MetricFiles {
    records: Vec<MetricRecord>,
    diagnostics: Vec<Diagnostic>,
    /// Each file's text, for the source lines of join findings.
    texts: HashMap<String, String>,
}

/// Parses the `metrics/*.csv` files `load` read ([`crate::load::read_metric_files`]),
/// keeping the findings of reading them in their order.
pub fn parse_metric_files(read: &MetricsRead) -> MetricFiles {
    let mut files = MetricFiles::default();
    files.diagnostics.extend(read.walk_findings.iter().cloned());
    files.diagnostics.extend(read.skipped.iter().map(|path| {
        super::container::unread_diagnostic(
            path,
            "Touchpoint reads CSV files, spreadsheets (.xlsx, .xls, .ods) and zips of CSV files under metrics/, not this kind of file".to_owned(),
        )
    }));
    for file in &read.files {
        match file {
            Ok(RawFile { path, bytes }) => {
                let parsed = parse_file(path, bytes);
                files.records.extend(parsed.records);
                files.diagnostics.extend(parsed.diagnostics);
                files.texts.extend(parsed.texts);
            }
            Err(unreadable) => files.diagnostics.push((**unreadable).clone()),
        }
    }
    files
}

/// Reads (through `load`), parses and joins the project's metrics: what `check` does, for
/// tests that want the joined rows of a fixture.
#[cfg(test)]
pub(crate) fn load_metrics(project: &Project) -> (Vec<MetricRecord>, Vec<Diagnostic>) {
    let read = crate::load::read_metric_files(&project.root);
    join_metrics(project, &parse_metric_files(&read))
}

/// Joins the rows of `files` to the project's posts and returns the joined rows (with
/// [`MetricRecord::post`] set) and the diagnostics. Rows whose post or platform is
/// unknown are reported and left out. A project without a `metrics/` folder has no rows
/// and no findings.
pub fn join_metrics(project: &Project, files: &MetricFiles) -> (Vec<MetricRecord>, Vec<Diagnostic>) {
    let mut diagnostics = files.diagnostics.clone();
    let (joined, mut join_diags) = join_records(project, files.records.clone());
    for d in &mut join_diags {
        if let Some(text) = files.texts.get(&d.file) {
            super::attach_source_lines(std::slice::from_mut(d), text);
        }
    }
    diagnostics.extend(join_diags);
    (joined, diagnostics)
}

/// Resolves each record's post; reports and drops rows for unknown posts or for a
/// platform the post does not go to.
pub fn join_records(project: &Project, records: Vec<MetricRecord>) -> (Vec<MetricRecord>, Vec<Diagnostic>) {
    let by_permalink = permalink_index(project);
    let mut joined = Vec::with_capacity(records.len());
    let mut diagnostics = Vec::new();
    for mut record in records {
        let post = match &record.key {
            PostKey::Account => {
                joined.push(record);
                continue;
            }
            PostKey::Id(id) => project.post(id),
            PostKey::Permalink(url) => by_permalink.get(url.as_str()).and_then(|id| project.post(id)),
        };
        let Some(post) = post else {
            diagnostics.push(unknown_post(&record));
            continue;
        };
        if !post.has_platform(record.platform) {
            diagnostics.push(unknown_platform(&record, &post.id, &post.file));
            continue;
        }
        record.post = Some(post.id.clone());
        joined.push(record);
    }
    (joined, diagnostics)
}

/// Normalised permalink → post id, from every post's variants.
fn permalink_index(project: &Project) -> HashMap<String, &str> {
    let mut index = HashMap::new();
    for post in &project.posts {
        for variant in post.variants.values() {
            if let Some(permalink) = &variant.permalink {
                index
                    .entry(normalise_permalink(&permalink.value))
                    .or_insert(post.id.as_str());
            }
        }
    }
    index
}

/// The finding for a row no post claims.
fn unknown_post(record: &MetricRecord) -> Diagnostic {
    let (message, help) = match &record.key {
        PostKey::Id(id) => (
            format!("no post has the id `{id}`; the row is left out of the report"),
            "a post's id is its path under posts/ without `.md`".to_owned(),
        ),
        PostKey::Account => (
            "an account row has no post".to_owned(),
            "nothing to do".to_owned(),
        ),
        PostKey::Permalink(url) => (
            format!("no post records the permalink `{url}`; the row is left out of the report"),
            format!(
                "add `permalink = \"{url}\"` to the `[{}]` table of the post it belongs to",
                record.platform
            ),
        ),
    };
    Diagnostic::new(&UNKNOWN_POST, &record.file, Pos::new(record.line, 1), message).help(help)
}

/// The finding for a row about a platform its post does not go to.
fn unknown_platform(record: &MetricRecord, post_id: &str, post_file: &str) -> Diagnostic {
    let platform: Platform = record.platform;
    Diagnostic::new(
        &UNKNOWN_PLATFORM,
        &record.file,
        Pos::new(record.line, 1),
        format!(
            "post `{post_id}` is not planned for {}; the row is left out of the report",
            platform.display_name()
        ),
    )
    .help(format!(
        "add `{platform}` to `platforms` in {post_file}, or fix the row's platform"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_project;
    use std::path::Path;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn without_a_metrics_folder_there_is_nothing_to_report() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "touchpoint.toml",
            "name = \"T\"\ntimezone = \"UTC\"\n",
        );
        let (project, _) = load_project(dir.path()).unwrap();
        let (records, diags) = load_metrics(&project);
        assert!(records.is_empty() && diags.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_repository_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "touchpoint.toml",
            "name = \"T\"\ntimezone = \"UTC\"\n",
        );
        write(outside.path(), "secret.csv", "post,platform\na,x\n");
        std::fs::create_dir_all(dir.path().join("metrics")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.csv"),
            dir.path().join("metrics/evil.csv"),
        )
        .unwrap();
        write(dir.path(), "metrics/notes.txt", "not a csv");
        let (project, _) = load_project(dir.path()).unwrap();
        let (records, diags) = load_metrics(&project);
        assert!(records.is_empty());
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(
            (diags[0].rule, diags[0].file.as_str()),
            ("symlink-outside", "metrics/evil.csv")
        );
        // A file under metrics/ that no importer reads is named, never skipped silently.
        assert_eq!(
            (diags[1].rule, diags[1].file.as_str()),
            ("metrics-unknown-format", "metrics/notes.txt")
        );
    }
}
