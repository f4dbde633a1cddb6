//! The data templates see: small serialisable views of the model, with labels,
//! formatted dates and relative links already worked out, so templates only lay out.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::markdown::{LinkTargets, Placement, render_markdown};
use super::tables::Tables;
use crate::Checked;
use crate::ComposedTexts;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::Words;
use crate::lang::format::{Lang, date_short, datetime_long, time_of_day};
use crate::model::{Post, Project, Status};
use crate::platform::Platform;
use crate::site::paths::href;

/// A link: where (relative to the site root) and what it says.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub(super) struct Link {
    /// Root-relative, percent-encoded path.
    pub href: String,
    /// The text.
    pub label: String,
}

/// A platform tag: its name as text and as a CSS class (colour is never the only carrier).
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub(super) struct Chip {
    /// `instagram`: the CSS class suffix.
    pub name: &'static str,
    /// `Instagram`: what people read.
    pub label: &'static str,
    /// The platform's page.
    pub href: String,
}

/// An open review comment as the post page and the comments page show it.
#[derive(Clone, Debug, Serialize)]
pub(super) struct CommentView {
    /// Who wrote it.
    pub author: String,
    /// The day, in the site's language.
    pub date: String,
    /// The date as written, for `<time datetime>`.
    pub iso: String,
    /// What the reviewer says (plain text; the template keeps its line breaks).
    pub text: String,
    /// The platform it is about, if only one.
    pub platform: Option<Chip>,
    /// Where it is written: `reviews/ID.md:LINE`, so a reader can resolve it there.
    pub location: String,
}

/// A status with its label.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub(super) struct StatusView {
    /// `approved`: the CSS class suffix.
    pub name: &'static str,
    /// The word shown.
    pub label: String,
}

/// A post as one row of a list.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub(super) struct PostRow {
    /// The post id.
    pub id: String,
    /// The title.
    pub title: String,
    /// The post's page.
    pub href: String,
    /// "01.12.2026".
    pub date: Option<String>,
    /// "09:00".
    pub time: Option<String>,
    /// Full local date and time.
    pub datetime: Option<String>,
    /// RFC 3339, for `<time datetime>`.
    pub iso: Option<String>,
    /// Workflow status.
    pub status: StatusView,
    /// Where it goes.
    pub platforms: Vec<Chip>,
    /// Its pillar.
    pub pillar: Option<Link>,
    /// Its campaign.
    pub campaign: Option<Link>,
    /// Errors found in its file.
    pub errors: usize,
    /// Warnings found in its file.
    pub warnings: usize,
}

/// A diagnostic as the site shows it.
#[derive(Clone, Debug, Serialize)]
pub(super) struct DiagView {
    /// "error" or "warning": the CSS class.
    pub severity: &'static str,
    /// The level's label.
    pub severity_label: String,
    /// The rule's name.
    pub rule: &'static str,
    /// "posts/a.md:3:5".
    pub location: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The offending line, split around the offending text: before, the text, after.
    pub source: Option<[String; 3]>,
    /// The page that shows what it concerns, if any.
    pub page: Option<String>,
}

/// Everything the page builders share: the project, language, today and lookups.
pub(super) struct Views<'a> {
    /// The checked project.
    pub checked: &'a Checked,
    /// UI language.
    pub lang: Lang,
    /// The word list in that language.
    pub words: &'a Words,
    /// Today.
    pub today: NaiveDate,
    /// Every post's table row and calendar entry, rendered once (empty until the plan renders them).
    pub tables: Tables<'a>,
    /// The composed texts of the posts whose pages or queue rows this run renders.
    pub texts: &'a ComposedTexts,
    diagnostics_by_file: BTreeMap<&'a str, Vec<&'a Diagnostic>>,
    /// The page of each file that has one: looked up per finding and per relative link.
    pages_by_file: HashMap<&'a str, String>,
    /// The posts of each campaign: campaigns grow with the plan, so a scan of all posts
    /// per campaign would grow with its square.
    posts_by_campaign: HashMap<&'a str, Vec<&'a Post>>,
}

impl<'a> Views<'a> {
    /// Indexes diagnostics and pages by file.
    pub(super) fn new(
        checked: &'a Checked,
        words: &'a Words,
        today: NaiveDate,
        texts: &'a ComposedTexts,
    ) -> Self {
        let lang = words.lang();
        let mut diagnostics_by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
        for d in &checked.diagnostics {
            diagnostics_by_file.entry(d.file.as_str()).or_default().push(d);
        }
        let project = &checked.project;
        let mut pages_by_file = HashMap::with_capacity(project.posts.len() + project.crisis.len());
        for post in project.posts.iter().chain(&project.crisis) {
            pages_by_file.insert(post.file.as_str(), post_path(post));
        }
        for persona in &project.personas {
            pages_by_file.insert(persona.file.as_str(), format!("personas/{}.html", persona.id));
        }
        for campaign in &project.campaigns {
            pages_by_file.insert(campaign.file.as_str(), format!("campaigns/{}.html", campaign.id));
        }
        let mut posts_by_campaign: HashMap<&str, Vec<&Post>> = HashMap::new();
        for post in &project.posts {
            if let Some(campaign) = &post.campaign {
                posts_by_campaign
                    .entry(campaign.value.as_str())
                    .or_default()
                    .push(post);
            }
        }
        for review in &project.reviews {
            if let Some(post) = project.post(&review.post) {
                pages_by_file.insert(review.file.as_str(), post_path(post));
            }
        }
        pages_by_file.insert("strategy.toml", "strategy.html".to_owned());
        pages_by_file.insert("touchpoint.toml", "index.html".to_owned());
        Views {
            checked,
            lang,
            words,
            today,
            tables: Tables::default(),
            texts,
            diagnostics_by_file,
            pages_by_file,
            posts_by_campaign,
        }
    }

    /// The posts (not holding statements) that name campaign `id`, in file order.
    pub(super) fn campaign_posts(&self, id: &str) -> &[&'a Post] {
        self.posts_by_campaign.get(id).map_or(&[], Vec::as_slice)
    }

    /// The project.
    pub(super) fn project(&self) -> &'a Project {
        &self.checked.project
    }

    /// A UI label (an unknown key shows as its last `_` part, e.g. a KPI's own name).
    pub(super) fn t(&self, key: &str) -> String {
        match self.words.label(key) {
            Some(text) => text.to_owned(),
            None => key.split_once('_').map_or(key, |(_, rest)| rest).to_owned(),
        }
    }

    /// Renders Markdown written in `source` for a page at root prefix `root`.
    pub(super) fn markdown(&self, text: &str, source: &str, root: &str, top: u8) -> String {
        let targets = LinkTargets {
            media: &self.project().media,
            pages: &self.pages_by_file,
        };
        render_markdown(text, Placement { source, root, top }, targets)
    }

    /// The output path of the page that shows what `file` is about, if it has one.
    pub(super) fn page_of(&self, file: &str) -> Option<&str> {
        self.pages_by_file.get(file).map(String::as_str)
    }

    /// The open (unresolved) review comments on the post `id`, in file order.
    pub(super) fn open_comments(&self, id: &str) -> Vec<CommentView> {
        let project = self.project();
        let file = project
            .reviews
            .binary_search_by(|r| r.post.as_str().cmp(id))
            .map_or(String::new(), |i| project.reviews[i].file.clone());
        project
            .comments_on(id)
            .iter()
            .filter(|c| !c.resolved)
            .map(|c| CommentView {
                author: c.author.clone(),
                date: crate::lang::format::date_long(self.lang, c.day),
                iso: c.day.to_string(),
                text: c.text.clone(),
                platform: c.platform.map(|p| self.chip(p)),
                location: format!("{file}:{}", c.pos.line),
            })
            .collect()
    }

    /// The findings about one file.
    pub(super) fn diagnostics_for(&self, file: &str) -> Vec<DiagView> {
        self.diagnostics_by_file
            .get(file)
            .map(|list| list.iter().map(|d| self.diagnostic(d)).collect())
            .unwrap_or_default()
    }

    /// (errors, warnings) in one file.
    pub(super) fn counts_for(&self, file: &str) -> (usize, usize) {
        let list = self
            .diagnostics_by_file
            .get(file)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let errors = list.iter().filter(|d| d.is_error()).count();
        (errors, list.len() - errors)
    }

    /// One finding for a template.
    pub(super) fn diagnostic(&self, d: &Diagnostic) -> DiagView {
        let location = if d.line > 0 {
            format!("{}:{}:{}", d.file, d.line, d.column)
        } else {
            d.file.clone()
        };
        DiagView {
            severity: severity_name(d.severity),
            severity_label: self.t(severity_name(d.severity)),
            rule: d.rule,
            location,
            message: d.message.clone(),
            help: d.help.clone(),
            source: d
                .source_line
                .as_deref()
                .map(|line| split_columns(line, d.column, d.end_column)),
            page: self.pages_by_file.get(d.file.as_str()).map(|p| href(p)),
        }
    }

    /// A platform's chip.
    pub(super) fn chip(&self, platform: Platform) -> Chip {
        Chip {
            name: platform.name(),
            label: platform.display_name(),
            href: href(&format!("platforms/{}.html", platform.name())),
        }
    }

    /// A status with its label.
    pub(super) fn status(&self, status: Status) -> StatusView {
        StatusView {
            name: status.name(),
            label: self.t(&format!("status_{}", status.name())),
        }
    }

    /// A post as a list row.
    pub(super) fn post_row(&self, post: &Post) -> PostRow {
        let project = self.project();
        let time = post.time();
        let (errors, warnings) = self.counts_for(&post.file);
        PostRow {
            id: post.id.clone(),
            title: display_title(post),
            href: href(&post_path(post)),
            date: time.map(|t| date_short(self.lang, t.date_naive())),
            time: time.map(|t| time_of_day(&t)),
            datetime: time.map(|t| datetime_long(self.lang, &t)),
            iso: time.map(|t| t.to_rfc3339()),
            status: self.status(post.status.value),
            platforms: post.platforms.iter().map(|p| self.chip(p.value)).collect(),
            pillar: post.pillar.as_ref().map(|p| match project.pillar(&p.value) {
                Some(pillar) => Link {
                    href: href(&format!("pillars/{}.html", p.value)),
                    label: pillar.name.clone(),
                },
                None => unlinked(&p.value),
            }),
            campaign: post.campaign.as_ref().map(|c| match project.campaign(&c.value) {
                Some(campaign) => Link {
                    href: href(&format!("campaigns/{}.html", c.value)),
                    label: campaign.name.clone(),
                },
                None => unlinked(&c.value),
            }),
            errors,
            warnings,
        }
    }
}

/// A reference whose target does not exist (already a diagnostic): shown, not linked.
fn unlinked(id: &str) -> Link {
    Link {
        href: String::new(),
        label: id.to_owned(),
    }
}

/// The post's title, or its id when the title is blank (a link needs text).
pub(super) fn display_title(post: &Post) -> String {
    if post.title.value.trim().is_empty() {
        post.id.clone()
    } else {
        post.title.value.clone()
    }
}

/// Sorts posts by publish time; posts without one come last, by id.
pub(super) fn sort_by_time(posts: &mut [&Post]) {
    posts.sort_by(|a, b| time_order(a, b));
}

/// The order of [`sort_by_time`]: by time, ties by id, posts without a time last.
pub(super) fn time_order(a: &Post, b: &Post) -> std::cmp::Ordering {
    match (a.time(), b.time()) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    }
}

/// The output path of a post's page: `posts/ID.html` (or `crisis/ID.html`).
pub(super) fn post_path(post: &Post) -> String {
    // Joined by hand: it is asked for several times per post and build, and `format!`
    // goes through the formatting machinery for three plain strings.
    let folder = if post.is_crisis() { "crisis/" } else { "posts/" };
    let mut path = String::with_capacity(folder.len() + post.id.len() + ".html".len());
    path.push_str(folder);
    path.push_str(&post.id);
    path.push_str(".html");
    path
}

/// `line` split at 1-based character columns `[start, end)`, clamped to the line.
fn split_columns(line: &str, start: u32, end: u32) -> [String; 3] {
    let byte_at = |column: u32| {
        line.char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i)
    };
    let from = byte_at(start);
    let to = byte_at(end).max(from);
    [
        line[..from].to_owned(),
        line[from..to].to_owned(),
        line[to..].to_owned(),
    ]
}

/// "error" / "warning".
pub(super) fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offending_text_is_split_out_by_character_columns() {
        assert_eq!(
            split_columns("pillar = \"wrk\"", 10, 15),
            ["pillar = ", "\"wrk\"", ""]
        );
        assert_eq!(split_columns("äöü", 2, 3), ["ä", "ö", "ü"]);
        assert_eq!(split_columns("ab", 7, 9), ["ab", "", ""]);
    }
}
