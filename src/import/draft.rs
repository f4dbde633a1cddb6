//! What every layout turns a row into: a [`Draft`], one post's content for one or more
//! platforms, before rows of the same post are grouped. Shared cell helpers live here too.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::model::Status;
use crate::platform::Platform;

/// One row's content, layout-independent.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Draft {
    /// Where the row starts in the file.
    pub(crate) line: usize,
    /// The post id the row names (Touchpoint's `post`, a mapped `post`), if any.
    pub(crate) post: Option<String>,
    /// The working title, if the row has one.
    pub(crate) title: Option<String>,
    /// When it goes out.
    pub(crate) time: DateTime<Tz>,
    /// Where it goes; one entry per platform the row names.
    pub(crate) platforms: Vec<Platform>,
    /// The caption, Markdown.
    pub(crate) text: String,
    /// Further thread parts.
    pub(crate) thread: Vec<String>,
    /// The first comment.
    pub(crate) first_comment: Option<String>,
    /// The link to promote, untracked.
    pub(crate) link: Option<String>,
    /// Hashtags without '#'.
    pub(crate) hashtags: Vec<String>,
    /// Media: repository path and alt text.
    pub(crate) media: Vec<(String, Option<String>)>,
    /// Workflow state, if the row says.
    pub(crate) status: Option<Status>,
    /// Content pillar id.
    pub(crate) pillar: Option<String>,
    /// Campaign id.
    pub(crate) campaign: Option<String>,
    /// Who wrote it.
    pub(crate) author: Option<String>,
    /// Who approved it.
    pub(crate) approved_by: Option<String>,
    /// The series this row is an occurrence of: `every`, `until` and weekdays, checked.
    pub(crate) repeat: Option<(String, chrono::NaiveDate, Vec<String>)>,
}

impl Draft {
    /// A draft with only the required parts; the layouts fill in the rest.
    pub(crate) fn new(line: usize, time: DateTime<Tz>, platforms: Vec<Platform>, text: String) -> Self {
        Draft {
            line,
            post: None,
            title: None,
            time,
            platforms,
            text,
            thread: Vec::new(),
            first_comment: None,
            link: None,
            hashtags: Vec::new(),
            media: Vec::new(),
            status: None,
            pillar: None,
            campaign: None,
            author: None,
            approved_by: None,
            repeat: None,
        }
    }
}

/// A calendar cell as a post body: ending with a line break, as files written by hand do.
pub(crate) fn body_text(cell: &str) -> String {
    let mut text = cell.trim_end().to_owned();
    text.push('\n');
    text
}

/// The header row of a table: finds a column's cell in a data row by name.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    names: Vec<String>,
}

impl Header {
    /// The header from its cells, trimmed.
    pub(crate) fn new(cells: &[String]) -> Self {
        Header {
            names: cells.iter().map(|c| c.trim().to_owned()).collect(),
        }
    }

    /// Whether a column is named exactly `name` (case-sensitive, as Sprout's headers are).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    /// Whether a column is named `name`, ignoring case.
    pub(crate) fn has_loosely(&self, name: &str) -> bool {
        self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The cell of column `name` in `cells` ("" when the column or cell is absent).
    pub(crate) fn cell<'c>(&self, cells: &'c [String], name: &str) -> &'c str {
        self.index(name)
            .or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
            .and_then(|i| cells.get(i))
            .map_or("", String::as_str)
    }

    /// The cell of column `name`, `None` when absent or blank.
    pub(crate) fn optional(&self, cells: &[String], name: &str) -> Option<String> {
        let cell = self.cell(cells, name).trim();
        (!cell.is_empty()).then(|| cell.to_owned())
    }
}

/// A platform written in a calendar: our names in any case, and the names people use
/// (`Twitter`, `X (Twitter)`, `LinkedIn Page`).
pub(crate) fn platform_named(name: &str) -> Option<Platform> {
    let lower = name.trim().to_lowercase();
    let word = lower.split([' ', '(']).next().unwrap_or_default();
    Platform::from_name(&lower)
        .or_else(|| Platform::from_name(word))
        .or(match word {
            "twitter" => Some(Platform::X),
            _ => None,
        })
}

/// The platforms of a cell listing one or more (`instagram, x`, `Instagram;LinkedIn`).
pub(crate) fn platforms_in(cell: &str) -> Result<Vec<Platform>, String> {
    let mut platforms = Vec::new();
    for name in cell
        .split([',', ';', '/', '\n'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let platform = platform_named(name).ok_or_else(|| {
            let names: Vec<&str> = Platform::names().collect();
            format!("unknown platform `{name}`; use one of: {}", names.join(", "))
        })?;
        if !platforms.contains(&platform) {
            platforms.push(platform);
        }
    }
    if platforms.is_empty() {
        return Err("no platform given".to_owned());
    }
    Ok(platforms)
}

/// Hashtags from a cell: separated by spaces or commas, a leading '#' dropped.
pub(crate) fn hashtags_in(cell: &str) -> Vec<String> {
    cell.split([' ', ',', '\n', '\t'])
        .map(|t| t.trim().trim_start_matches('#'))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A status name, or a message listing the valid ones.
pub(crate) fn status_named(name: &str) -> Result<Status, String> {
    Status::from_name(&name.trim().to_lowercase()).ok_or_else(|| {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
        format!(
            "unknown status `{}`; use one of: {}",
            name.trim(),
            names.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_names_people_write_are_understood() {
        assert_eq!(platform_named("Twitter"), Some(Platform::X));
        assert_eq!(platform_named("X (Twitter)"), Some(Platform::X));
        assert_eq!(platform_named("LinkedIn Page"), Some(Platform::Linkedin));
        assert_eq!(platform_named("Myspace"), None);
        assert_eq!(
            platforms_in("Instagram; x, instagram").unwrap(),
            vec![Platform::Instagram, Platform::X]
        );
        assert!(
            platforms_in("Myspace")
                .unwrap_err()
                .contains("unknown platform `Myspace`")
        );
    }

    #[test]
    fn hashtags_lose_their_hash() {
        assert_eq!(
            hashtags_in("#fahrrad winter,#leipzig"),
            vec!["fahrrad", "winter", "leipzig"]
        );
    }
}
