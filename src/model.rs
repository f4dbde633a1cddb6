//! The checked project: every file parsed once, every reference resolvable by id.
//!
//! Later stages (validate, site, report, export, serve) borrow this model; nothing
//! re-reads or re-parses files, and nothing clones the whole model.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

use crate::diagnostic::{LintLevel, Pos};
use crate::platform::Platform;

/// A value and where it is written, so later rules can point at it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is written in its file.
    #[serde(skip)]
    pub pos: Pos,
}

impl<T> Spanned<T> {
    /// Wraps a value with its position.
    pub fn new(value: T, pos: Pos) -> Self {
        Spanned { value, pos }
    }
}

/// Everything Touchpoint knows about a repository after parsing.
#[derive(Debug)]
pub struct Project {
    /// The repository folder.
    pub root: PathBuf,
    /// `touchpoint.toml`.
    pub config: Config,
    /// `strategy.toml` (empty when the file is absent).
    pub strategy: Strategy,
    /// `personas/*.md`, sorted by id.
    pub personas: Vec<Persona>,
    /// `campaigns/*.md`, sorted by id.
    pub campaigns: Vec<Campaign>,
    /// `posts/**/*.md`, sorted by id.
    pub posts: Vec<Post>,
    /// `crisis/*.md` holding statements, sorted by id.
    pub crisis: Vec<Post>,
    /// `crisis/plan.toml`: contacts, escalation levels, channels to pause.
    pub crisis_plan: Option<crate::content::crisis_plan::CrisisPlan>,
    /// `reviews/**/*.md` review comments, one file per post, sorted by post id.
    pub reviews: Vec<Review>,
    /// Files under `media/`, by repository-relative path.
    pub media: BTreeMap<String, MediaFile>,
    /// The `[brand]` logo as loading read it, once for every stage: `Ok` when it reads,
    /// `Err` with why not (reported as `brand-logo`); `None` without a logo.
    pub logo: Option<Result<crate::brand::Logo, String>>,
    /// The text of every file read, by repository-relative path, for diagnostics.
    pub sources: BTreeMap<String, String>,
    /// How many content and configuration files were checked (readable or not).
    pub file_count: usize,
}

impl Project {
    /// The persona with this id.
    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.personas[i])
    }

    /// The campaign with this id.
    pub fn campaign(&self, id: &str) -> Option<&Campaign> {
        self.campaigns
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.campaigns[i])
    }

    /// The post with this id.
    pub fn post(&self, id: &str) -> Option<&Post> {
        self.posts
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.posts[i])
    }

    /// The review comments on the post with this id (none when it has no file).
    pub fn comments_on(&self, id: &str) -> &[Comment] {
        self.reviews
            .binary_search_by(|r| r.post.as_str().cmp(id))
            .map_or(&[], |i| &self.reviews[i].comments)
    }

    /// The pillar with this id.
    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.strategy.pillars.iter().find(|p| p.id.value == id)
    }
}

/// `touchpoint.toml`: who the brand is and where it publishes.
#[derive(Debug, Serialize)]
pub struct Config {
    /// The brand's name.
    pub name: String,
    /// The client, for client-facing documents.
    pub client: Option<String>,
    /// Language of the generated site: "en" or "de".
    pub language: String,
    /// The project's timezone; local times in files are read in it.
    #[serde(serialize_with = "serialize_tz")]
    pub timezone: Tz,
    /// Build output folder, relative to the repository.
    pub output: String,
    /// The platforms the brand uses, with their accounts.
    pub platforms: BTreeMap<Platform, PlatformConfig>,
    /// Rule level overrides.
    pub lints: BTreeMap<String, LintLevel>,
    /// `[crisis] active = true`: queued posts on the crisis plan's paused channels are held.
    pub crisis_active: bool,
    /// The `[lints]` entries as written, for [`crate::content::config::check_lint_names`]:
    /// loading cannot tell which names are rules (most families are validation's, above
    /// it), so the names are judged where the rule registry is known.
    #[serde(skip)]
    pub lint_entries: Vec<LintEntry>,
    /// How composing writes Markdown links (`[compose] links`).
    pub links: LinkForm,
    /// `[export] media_base_url`, checked and ending in `/`: where the repository's files
    /// are public, so scheduler profiles can hand the tools media URLs they can fetch.
    pub media_base_url: Option<String>,
    /// `[review]`: the team's four-eyes policy; when present, approval rules are errors.
    pub review: Option<ReviewPolicy>,
    /// `[brand]`: the client's colours, logo and footer line; `None` keeps the neutral theme.
    pub brand: Option<Brand>,
}

/// `[brand]` in touchpoint.toml: what makes the site and the PDFs the client's own.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Brand {
    /// `logo`: an SVG or PNG inside the repository (judged by `brand-logo`).
    pub logo: Option<Spanned<String>>,
    /// `primary`: the main colour (bars, borders; a text-safe shade for links).
    pub primary: Option<crate::brand::Colour>,
    /// `accent`: the second colour.
    pub accent: Option<crate::brand::Colour>,
    /// `footer`: a line for imprint or confidentiality on every page.
    pub footer: Option<String>,
}

/// What a Markdown link `[words](url)` becomes in the text a network receives
/// (`[compose] links` in `touchpoint.toml`): networks render no Markdown, so the
/// repository chooses what the reader sees.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkForm {
    /// The link's words, then its URL: "unserer Seite https://…" (the default: every
    /// word the writer wrote stays, and the link still works).
    #[default]
    WordsAndUrl,
    /// Only the URL, the words dropped.
    Url,
    /// Only the words, the URL dropped (for networks where links in text are dead anyway).
    Words,
}

impl LinkForm {
    /// The names `[compose] links` accepts, in the order the manual lists them.
    pub const NAMES: &'static [&'static str] = &["words-and-url", "url", "words"];

    /// The form a `[compose] links` value names.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "words-and-url" => Some(LinkForm::WordsAndUrl),
            "url" => Some(LinkForm::Url),
            "words" => Some(LinkForm::Words),
            _ => None,
        }
    }
}

/// `[review]` in `touchpoint.toml`: who may approve posts. Its presence alone makes
/// `missing-approval` and `self-approval` errors instead of warnings.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ReviewPolicy {
    /// The people whose `approved_by` counts (empty: anyone but the author).
    pub approvers: Vec<Spanned<String>>,
}

/// One `[lints]` entry as written, kept until the rule registry can judge its name.
#[derive(Clone, Debug)]
pub struct LintEntry {
    /// The rule name, where it is written.
    pub name: Spanned<String>,
    /// What reading its level found (a level that is not allow, warn or deny): reported
    /// only when the name is a rule, since the level of an unknown rule is never read.
    pub findings: Vec<crate::diagnostic::Diagnostic>,
}

fn serialize_tz<S: serde::Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

impl Default for Config {
    fn default() -> Self {
        Config {
            name: String::new(),
            client: None,
            language: "en".to_owned(),
            timezone: Tz::UTC,
            output: "public".to_owned(),
            platforms: BTreeMap::new(),
            lints: BTreeMap::new(),
            lint_entries: Vec::new(),
            links: LinkForm::default(),
            media_base_url: None,
            crisis_active: false,
            review: None,
            brand: None,
        }
    }
}

/// One account under `[platforms.NAME]`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PlatformConfig {
    /// The account handle, e.g. `@radwerk.leipzig`.
    pub handle: Option<String>,
    /// `name`: the account name previews show; the project's `name` when unset.
    pub name: Option<String>,
    /// `avatar`: a repository image previews show as the account's picture.
    pub avatar: Option<Spanned<String>>,
    /// An instance-specific text limit (Mastodon servers differ).
    pub max_chars: Option<usize>,
}

/// `strategy.toml`: what the plan is held to.
#[derive(Debug, Default, Serialize)]
pub struct Strategy {
    /// Goals with a KPI and target.
    pub goals: Vec<Goal>,
    /// Content pillars with target shares.
    pub pillars: Vec<Pillar>,
    /// Allowed absolute deviation of a pillar's share (default 0.10).
    pub mix_tolerance: f64,
    /// Cadence targets per platform.
    pub cadence: BTreeMap<Platform, Cadence>,
    /// Posting windows, local time.
    pub windows: Vec<Window>,
    /// Brand voice rules.
    pub voice: Voice,
    /// Markers that disclose a sponsored post.
    pub disclosure_markers: Vec<String>,
    /// Link tracking rules.
    pub utm: Option<Utm>,
    /// `[hashtag_sets]`: named lists of hashtags posts join with `hashtag_sets`.
    pub hashtag_sets: BTreeMap<String, Vec<Spanned<String>>>,
    /// `[banned_hashtags]`: per platform name, or `all`, the tags no post may use.
    pub banned_hashtags: BTreeMap<String, Vec<Spanned<String>>>,
    /// `[evergreen] min_gap_days`: least days between two uses of an evergreen post.
    pub evergreen_min_gap_days: Option<u32>,
}

impl Strategy {
    /// The least days between two uses of one evergreen post (default 60).
    pub fn evergreen_gap(&self) -> u32 {
        self.evergreen_min_gap_days.unwrap_or(60)
    }
}

/// The measures a goal can target.
pub const KPIS: &[&str] = &[
    "impressions",
    "reach",
    "engagements",
    "engagement_rate",
    "clicks",
    "followers",
    "video_views",
];

/// A goal with a KPI and a target.
#[derive(Debug, Serialize)]
pub struct Goal {
    /// Stable id.
    pub id: String,
    /// Human name.
    pub name: String,
    /// One of [`KPIS`].
    pub kpi: String,
    /// The target value (engagement_rate as a fraction).
    pub target: f64,
    /// First day the goal counts.
    pub from: Option<NaiveDate>,
    /// Last day the goal counts.
    pub to: Option<NaiveDate>,
    /// week | month | quarter: the target holds for each such period.
    pub period: Option<String>,
    /// Platforms the goal covers (empty: all).
    pub platforms: Vec<Platform>,
    /// Where the goal is written.
    #[serde(skip)]
    pub pos: Pos,
}

/// A content pillar.
#[derive(Debug, Serialize)]
pub struct Pillar {
    /// Stable id referenced by posts.
    pub id: Spanned<String>,
    /// Human name.
    pub name: String,
    /// Target share of posts, 0..1.
    pub share: f64,
    /// What the pillar is about.
    pub description: Option<String>,
}

/// Cadence targets for one platform.
#[derive(Debug, Default, Serialize)]
pub struct Cadence {
    /// Target posts per ISO week.
    pub per_week: Option<u32>,
    /// Target posts per calendar month.
    pub per_month: Option<u32>,
    /// Least posts per ISO week.
    pub min_per_week: Option<u32>,
    /// Most posts per ISO week.
    pub max_per_week: Option<u32>,
    /// Longest allowed silence in days.
    pub max_gap_days: Option<u32>,
    /// Least time between two posts, in hours.
    pub min_spacing_hours: Option<f64>,
    /// Where the table is written.
    #[serde(skip)]
    pub pos: Pos,
}

/// A posting window: days of the week and a local time range.
#[derive(Debug, Serialize)]
pub struct Window {
    /// The platform it applies to.
    pub platform: Platform,
    /// Weekdays (empty: every day).
    #[serde(serialize_with = "serialize_weekdays")]
    pub days: Vec<Weekday>,
    /// Start, local time.
    pub from: NaiveTime,
    /// End, local time (inclusive).
    pub to: NaiveTime,
    /// Where the window is written.
    #[serde(skip)]
    pub pos: Pos,
}

fn serialize_weekdays<S: serde::Serializer>(days: &[Weekday], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(days.iter().map(|d| d.to_string().to_lowercase()))
}

/// Brand voice rules.
#[derive(Debug, Default, Serialize)]
pub struct Voice {
    /// Words and phrases that must not appear (case-insensitive, whole words).
    pub banned: Vec<String>,
    /// Terms every post must contain.
    pub required: Vec<String>,
    /// Preferred terms.
    pub prefer: Vec<Preference>,
}

/// "Use X instead of Y".
#[derive(Debug, Serialize)]
pub struct Preference {
    /// The word to use.
    pub use_word: String,
    /// The word to avoid.
    pub instead_of: String,
    /// Why, shown as help.
    pub why: Option<String>,
}

/// UTM tracking parameters; values may hold `{platform}`, `{campaign}`, `{pillar}`, `{post}`.
#[derive(Debug, Default, Serialize)]
pub struct Utm {
    /// utm_source.
    pub source: Option<String>,
    /// utm_medium.
    pub medium: Option<String>,
    /// utm_campaign.
    pub campaign: Option<String>,
    /// utm_content.
    pub content: Option<String>,
    /// Only links to these domains are tracked (empty: all).
    pub domains: Vec<String>,
}

/// A target persona, `personas/ID.md`.
#[derive(Debug, Serialize)]
pub struct Persona {
    /// File name without `.md`.
    pub id: String,
    /// Repository-relative path.
    pub file: String,
    /// Display name.
    pub name: String,
    /// Platforms the persona uses.
    pub platforms: Vec<Platform>,
    /// Age range, free text.
    pub age: Option<String>,
    /// Interests.
    pub interests: Vec<String>,
    /// Pains.
    pub pains: Vec<String>,
    /// Markdown description.
    pub body: String,
}

/// A campaign, `campaigns/ID.md`.
#[derive(Debug, Serialize)]
pub struct Campaign {
    /// File name without `.md`.
    pub id: String,
    /// Repository-relative path.
    pub file: String,
    /// Display name.
    pub name: String,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Last day (inclusive).
    pub end: Option<NaiveDate>,
    /// Campaign goal, free text.
    pub goal: Option<String>,
    /// Budget in the project's currency.
    pub budget: Option<f64>,
    /// Spent so far, in the project's currency.
    pub spend: Option<f64>,
    /// Hashtags campaign posts are expected to carry (without '#').
    pub hashtags: Vec<String>,
    /// Platforms of the campaign (empty: any).
    pub platforms: Vec<Platform>,
    /// Markdown brief.
    pub body: String,
}

/// Where a post is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A loose idea.
    Idea,
    /// Being written.
    Draft,
    /// Waiting for review.
    Review,
    /// Approved to publish.
    Approved,
    /// Handed to a scheduler.
    Scheduled,
    /// Out.
    Published,
    /// Will not go out.
    Cancelled,
}

impl Status {
    /// Every status, in pipeline order.
    pub const ALL: [Status; 7] = [
        Status::Idea,
        Status::Draft,
        Status::Review,
        Status::Approved,
        Status::Scheduled,
        Status::Published,
        Status::Cancelled,
    ];

    /// The word users write.
    pub fn name(self) -> &'static str {
        match self {
            Status::Idea => "idea",
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Approved => "approved",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
            Status::Cancelled => "cancelled",
        }
    }

    /// Parses the word users write.
    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether a post in this status may enter the publish queue.
    pub fn is_publishable(self) -> bool {
        matches!(self, Status::Approved | Status::Scheduled)
    }

    /// Whether a post in this status must have a publish time to be read at all.
    /// (A `published` post without one is reported by the `published-without-time` rule.)
    pub fn needs_time(self) -> bool {
        !matches!(self, Status::Idea | Status::Cancelled | Status::Published)
    }
}

/// A post (`posts/**/*.md`) or a holding statement (`crisis/*.md`).
#[derive(Debug, Serialize)]
pub struct Post {
    /// Path under `posts/` (or `crisis/`) without `.md`.
    pub id: String,
    /// Repository-relative path.
    pub file: String,
    /// Working title.
    pub title: Spanned<String>,
    /// When it goes out, in the project's timezone.
    #[serde(serialize_with = "serialize_time")]
    pub publish_at: Option<Spanned<DateTime<Tz>>>,
    /// Where it goes.
    pub platforms: Vec<Spanned<Platform>>,
    /// Workflow state (holding statements are `approved`).
    pub status: Spanned<Status>,
    /// Content pillar id.
    pub pillar: Option<Spanned<String>>,
    /// Persona ids.
    pub personas: Vec<Spanned<String>>,
    /// Campaign id.
    pub campaign: Option<Spanned<String>>,
    /// The link to promote (tracked per the UTM rules).
    pub link: Option<Spanned<String>>,
    /// `link_title`: the headline of the link card previews draw (nothing is fetched).
    pub link_title: Option<Spanned<String>>,
    /// `link_image`: a repository image for the link card previews draw.
    pub link_image: Option<Spanned<String>>,
    /// Hashtags without '#'.
    pub hashtags: Vec<Spanned<String>>,
    /// Paid partnership: needs a disclosure marker.
    pub sponsored: bool,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// Attached media.
    pub media: Vec<MediaRef>,
    /// Per-platform overrides.
    pub variants: BTreeMap<Platform, Variant>,
    /// The Markdown caption.
    pub body: String,
    /// File line of the body's first line.
    pub body_line: u32,
    /// Crisis scenario (holding statements only).
    pub scenario: Option<String>,
    /// Named hashtag sets from the strategy, as written; their tags are already joined
    /// to `hashtags` (see [`crate::content::hashtag_sets`]).
    pub hashtag_sets: Vec<Spanned<String>>,
    /// How the post recurs, if it is a series.
    pub repeat: Option<crate::content::repeat::Repeat>,
    /// May fill empty cadence slots (the evergreen pool).
    pub evergreen: bool,
    /// Funnel stage: awareness | consideration | conversion | loyalty.
    pub funnel: Option<Spanned<String>>,
    /// Paid budget spent on this post.
    pub spend: Option<f64>,
    /// What the rules over the whole plan read of this post on every save in the dev
    /// server, worked out once per version of the post.
    #[serde(skip)]
    pub facts: PostFacts,
}

/// Facts about a post that the rules over the whole plan read on every save in the dev
/// server (its dates, its captions' word hashes), each worked out the first time it is
/// asked for. They live in the post, and a changed file is read into a new post, so
/// they are never stale: a save works out the edited post's facts only.
#[derive(Debug, Default)]
pub struct PostFacts {
    dates: std::sync::OnceLock<Vec<crate::content::repeat::Occurrence>>,
    caption_hashes: std::sync::OnceLock<Vec<u64>>,
}

impl PostFacts {
    /// The hashes of the post's distinct captions, made by `make` the first time.
    pub fn caption_hashes(&self, make: impl FnOnce() -> Vec<u64>) -> &[u64] {
        self.caption_hashes.get_or_init(make)
    }
}

fn serialize_time<S: serde::Serializer>(t: &Option<Spanned<DateTime<Tz>>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.value.to_rfc3339()),
        None => s.serialize_none(),
    }
}

impl Post {
    /// The publish time, if set.
    pub fn time(&self) -> Option<DateTime<Tz>> {
        self.publish_at.as_ref().map(|t| t.value)
    }

    /// The dates the post goes out: each occurrence of a series, or its one publish time
    /// (keyed by the post's id); none without a publish time.
    pub fn occurrences(&self) -> Vec<crate::content::repeat::Occurrence> {
        let Some(start) = self.time() else {
            return Vec::new();
        };
        match &self.repeat {
            Some(repeat) => crate::content::repeat::occurrences(&self.id, start, repeat),
            None => vec![crate::content::repeat::Occurrence {
                key: self.id.clone(),
                date: start.date_naive(),
                at: start,
            }],
        }
    }

    /// [`Post::occurrences`], worked out once per version of the post (the plan's rules
    /// ask for them on every save in the dev server).
    pub fn dates(&self) -> &[crate::content::repeat::Occurrence] {
        self.facts.dates.get_or_init(|| self.occurrences())
    }

    /// Whether the post goes to `platform`.
    pub fn has_platform(&self, platform: Platform) -> bool {
        self.platforms.iter().any(|p| p.value == platform)
    }

    /// The media that go to `platform` (the variant's list replaces the post's).
    pub fn media_for(&self, platform: Platform) -> &[MediaRef] {
        self.variants
            .get(&platform)
            .and_then(|v| v.media.as_deref())
            .unwrap_or(&self.media)
    }

    /// The hashtags that go to `platform` (the variant's list replaces the post's).
    pub fn hashtags_for(&self, platform: Platform) -> &[Spanned<String>] {
        self.variants
            .get(&platform)
            .and_then(|v| v.hashtags.as_deref())
            .unwrap_or(&self.hashtags)
    }

    /// Whether this is a holding statement from `crisis/`.
    pub fn is_crisis(&self) -> bool {
        self.scenario.is_some()
    }
}

/// A per-platform override table such as `[x]`.
#[derive(Debug, Default, Serialize)]
pub struct Variant {
    /// Replaces the body for this platform.
    pub text: Option<Spanned<String>>,
    /// Replaces the post's hashtags.
    pub hashtags: Option<Vec<Spanned<String>>>,
    /// Replaces the post's media.
    pub media: Option<Vec<MediaRef>>,
    /// Further thread parts.
    pub thread: Vec<Spanned<String>>,
    /// A first comment.
    pub first_comment: Option<Spanned<String>>,
    /// Where the post went live; joins metrics.
    pub permalink: Option<Spanned<String>>,
    /// Where the table is written.
    #[serde(skip)]
    pub pos: Pos,
}

/// `reviews/ID.md`: the review comments on the post `ID`, kept in the repository so
/// they are diffed and reviewed like the posts.
#[derive(Debug, Serialize)]
pub struct Review {
    /// The id of the post the comments are on (the path below `reviews/` without `.md`).
    pub post: String,
    /// Repository-relative path.
    pub file: String,
    /// The comments, in file order.
    pub comments: Vec<Comment>,
}

/// One `[[comment]]` of a review file.
#[derive(Clone, Debug, Serialize)]
pub struct Comment {
    /// Who wrote it.
    pub author: String,
    /// When, as written (a date `YYYY-MM-DD` or an RFC 3339 time).
    pub date: String,
    /// The day, for sorting and display.
    pub day: NaiveDate,
    /// What the reviewer says.
    pub text: String,
    /// Whether it has been dealt with.
    pub resolved: bool,
    /// The platform the comment is about, if only one.
    pub platform: Option<Platform>,
    /// Where the `[[comment]]` entry starts.
    #[serde(skip)]
    pub pos: Pos,
}

/// A media attachment of a post.
#[derive(Clone, Debug, Serialize)]
pub struct MediaRef {
    /// Repository-relative path.
    pub path: Spanned<String>,
    /// Alt text.
    pub alt: Option<Spanned<String>>,
}

/// What kind of file a media file is, by extension: the networks' own kinds (one type,
/// so a file's kind and what a network takes are compared directly).
pub use crate::platform::MediaKind;

/// A file under `media/`, with what its header says.
#[derive(Clone, Debug, Serialize)]
pub struct MediaFile {
    /// Repository-relative path.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Image, video or other.
    pub kind: MediaKind,
    /// Pixel width, from the image header.
    pub width: Option<u32>,
    /// Pixel height, from the image header.
    pub height: Option<u32>,
    /// A video's length in seconds, from its MP4 header (previews show it).
    pub duration: Option<u64>,
}
