//! `touchpoint init`: a small repository that passes `check`, to start from.
//!
//! It only creates files in a folder that is absent or empty, so it can never
//! overwrite a user's work.

use std::path::Path;

/// Why a repository could not be created.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder already holds files.
    #[error(
        "{0} is not empty; `touchpoint init` only creates new repositories (pick an empty or new folder)"
    )]
    NotEmpty(String),
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

const FILES: &[(&str, &str)] = &[
    (
        "touchpoint.toml",
        r##"name = "My Brand"
client = "My Brand GmbH"
language = "en"
timezone = "Europe/Berlin"

[platforms.linkedin]
handle = "my-brand"

[platforms.mastodon]
handle = "@mybrand@mastodon.social"

# Four eyes: an approved post names who approved it (`approved_by`), never its author,
# and only these people may approve. Delete the table to make those checks warnings.
[review]
approvers = ["alex", "sam"]
"##,
    ),
    (
        "strategy.toml",
        r##"[[goals]]
id = "reach"
name = "Reach new people"
kpi = "reach"
target = 10000

[[pillars]]
id = "know-how"
name = "Know-how"
share = 0.6

[[pillars]]
id = "behind-the-scenes"
name = "Behind the scenes"
share = 0.4

[mix]
tolerance = 0.5

[cadence.linkedin]
max_per_week = 3

[[windows]]
platform = "linkedin"
days = ["mon", "tue", "wed", "thu", "fri"]
from = "08:00"
to = "18:00"

[voice]
banned = ["cheap"]

[disclosure]
markers = ["#ad", "Advertisement"]

[utm]
source = "{platform}"
medium = "social"
campaign = "{campaign}"
"##,
    ),
    (
        "personas/first-customer.md",
        r##"+++
name = "First Customer"
platforms = ["linkedin", "mastodon"]
interests = ["good advice"]
pains = ["no time"]
+++
Who we write for. Describe their day, their questions and where they read.
"##,
    ),
    (
        "campaigns/launch.md",
        r##"+++
name = "Launch"
start = 2030-01-01
end = 2030-01-31
goal = "100 sign-ups"
hashtags = ["launch"]
+++
The brief: what the campaign wants, for whom, and how we know it worked.
"##,
    ),
    (
        "crisis/outage.md",
        r##"+++
title = "Service outage"
scenario = "Our service is down"
platforms = ["linkedin", "mastodon"]
+++
We know about the outage and are working on it. We will post an update here within the hour.
"##,
    ),
    (
        "posts/hello-world.md",
        r##"+++
title = "Hello, world"
publish_at = 2030-01-07T09:00:00
platforms = ["linkedin", "mastodon"]
status = "draft"
pillar = "know-how"
personas = ["first-customer"]
campaign = "launch"
hashtags = ["launch"]
link = "https://example.com/"
+++
Our first post. Write the caption in **Markdown**: each platform gets plain text
derived from it, counted exactly as the network counts it.
"##,
    ),
    (
        "posts/a-look-inside.md",
        r##"+++
title = "A look inside"
publish_at = 2030-01-09T10:00:00
platforms = ["linkedin", "mastodon"]
status = "approved"
pillar = "behind-the-scenes"
personas = ["first-customer"]
author = "sam"
approved_by = "alex"
+++
Who makes it all happen: a short tour of our team, written by Sam and read by Alex
before it goes out.
"##,
    ),
    (
        "reviews/hello-world.md",
        r##"+++
# Review comments on posts/hello-world.md. Resolve one with `resolved = true`.
[[comment]]
author = "alex"
date = 2030-01-02
text = "Nice start. Say in one sentence what we offer, before the link."
resolved = false
+++
"##,
    ),
];

/// Creates the starter repository in `dir`.
pub fn scaffold(dir: &Path) -> Result<(), InitError> {
    let display = dir.display().to_string();
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|source| InitError::Io {
            path: display.clone(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(display));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        let io = |source| InitError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, text).map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_passes_check_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        scaffold(&repo).unwrap();
        let checked = crate::check_project(&repo, &crate::Options::default()).unwrap();
        let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(matches!(scaffold(&repo), Err(InitError::NotEmpty(_))));
    }
}
