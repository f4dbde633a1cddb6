//! Command-line arguments (clap derive); doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Touchpoint: a compiler for social-media content repositories.
///
/// A content repository holds posts (Markdown with front matter), a strategy, personas,
/// campaigns, media and metrics. Touchpoint checks it like a compiler, renders it as a
/// browsable site and exports the publish queue.
#[derive(Debug, Parser)]
#[command(name = "touchpoint", version, about, long_about)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check a repository and report every problem, like a compiler.
    ///
    /// Exit code 0: no errors (warnings allowed); 1: errors found; 2: could not run.
    Check(CheckArgs),
    /// Serve the site on 127.0.0.1, rebuild it when a file changes and reload the browser.
    ///
    /// Renders into memory (nothing is written to the output folder). Prints the URL it
    /// listens on; a failed rebuild keeps the last good site and shows the problems.
    Serve(ServeArgs),
    /// Create a small repository that passes `check`, to start from.
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
    },
    /// Render the checked repository as a static HTML site (works from file:// and over HTTP).
    ///
    /// A build with errors still renders, with the errors shown, unless --deny-errors.
    /// Exit code 0: site written; 1: errors found with --deny-errors; 2: could not run or write.
    Build(BuildArgs),
    /// Typeset the client deliverables, strategy.pdf and report.pdf (A4, branded), into the
    /// output folder next to the site.
    ///
    /// No browser needed: fonts are embedded. Exit code 0: written; 1: errors found with
    /// --deny-errors; 2: could not run, a PDF template does not compile, or a write failed.
    Pdf(PdfArgs),
    /// Count standard input as a network counts it: length, limit and what remains.
    ///
    /// One trailing newline (from echo or a terminal) is not part of the text.
    /// Exit code 0: within the limit; 1: over it (or holding a refused character).
    Count(CountArgs),
    /// List every rule with its default level and what it finds.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Export the publish queue (approved and scheduled posts) as JSON, CSV or iCalendar.
    ///
    /// Exit code 0: written; 1: a selected post has errors (nothing is written unless
    /// `--allow-errors`); 2: could not run.
    Export(ExportArgs),
    /// Import a content calendar (CSV, .xlsx, .ods) as Markdown posts, then check the result.
    ///
    /// Reads Touchpoint's own queue CSV, Sprout Social's and Hootsuite's bulk files, or any
    /// calendar through --map. Exit code 0: imported, check clean; 1: a row could not be
    /// imported or check found errors; 2: could not run.
    Import(ImportArgs),
}

/// Arguments of `touchpoint import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The calendar: CSV, .xlsx or .ods (first sheet).
    pub file: PathBuf,
    /// The repository to write posts into (default: the current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub into: PathBuf,
    /// The file's layout (default: recognised by its header row; Hootsuite's has none).
    #[arg(long, value_enum)]
    pub layout: Option<ImportLayout>,
    /// Column map of another calendar: "Column=field,…", fields publish_at, date, time,
    /// text, platforms, title, post, link, hashtags, status, pillar, campaign, media,
    /// first_comment.
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub map: Option<touchpoint::import::ColumnMap>,
    /// Layout of times that are not ISO 8601 (chrono strftime, e.g. "%d.%m.%Y %H:%M"),
    /// read in the repository's timezone.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// The network of files that name none (Hootsuite, Sprout Social).
    #[arg(long, value_name = "NAME", value_parser = parse_platform)]
    pub platform: Option<touchpoint::platform::Platform>,
    /// Status of posts whose rows give none.
    #[arg(long, value_name = "STATUS", value_parser = parse_status, default_value = "draft")]
    pub status: touchpoint::model::Status,
    /// Replace posts that already exist.
    #[arg(long)]
    pub force: bool,
    /// Write nothing; print each file that would be written.
    #[arg(long)]
    pub dry_run: bool,
    /// Take this date (YYYY-MM-DD) as today for the check after the import.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
}

/// The layouts of `touchpoint import`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportLayout {
    /// Touchpoint's queue CSV (`export --format csv`).
    Touchpoint,
    /// Hootsuite's bulk-composer CSV (date, message, link; no header).
    Hootsuite,
    /// Sprout Social's bulk-scheduling CSV (date, time_24hr, message_text).
    Sprout,
    /// Another calendar, with --map.
    Mapped,
}

impl From<ImportLayout> for touchpoint::import::Layout {
    fn from(layout: ImportLayout) -> Self {
        match layout {
            ImportLayout::Touchpoint => Self::Touchpoint,
            ImportLayout::Hootsuite => Self::Hootsuite,
            ImportLayout::Sprout => Self::Sprout,
            ImportLayout::Mapped => Self::Mapped,
        }
    }
}

fn parse_map(spec: &str) -> Result<touchpoint::import::ColumnMap, String> {
    touchpoint::import::ColumnMap::parse(spec)
}

/// Arguments of `touchpoint check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format: human-readable, or JSON for CI and editors.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Take this date (YYYY-MM-DD) as today, for reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
    /// Check again whenever a file changes (for a terminal beside the editor).
    #[arg(long, conflicts_with = "since")]
    pub watch: bool,
    /// Report only findings in files changed since this git revision (tag, branch or
    /// commit; uncommitted and untracked files count as changed), for CI on pull requests.
    /// The exit code follows the reported findings.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
}

/// Arguments of `touchpoint build`.
#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output folder (default: `output` in touchpoint.toml, i.e. DIR/public).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write nothing and exit 1 when the content has errors.
    #[arg(long)]
    pub deny_errors: bool,
    /// Also render changes.html: the posts added, changed and removed since this git
    /// revision (tag, branch or commit), with word diffs of each network's text.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Take this date (YYYY-MM-DD) as today, for reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
    /// Also write strategy.pdf and report.pdf into the output folder (as `touchpoint pdf`).
    #[arg(long)]
    pub pdf: bool,
    /// The report (report.html and report.pdf) counts posts published from this day on
    /// (YYYY-MM-DD, inclusive, in the project's timezone); default: from the first.
    #[arg(long, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,
    /// The report counts posts published up to this day (YYYY-MM-DD, inclusive); default:
    /// to the last. `--from 2026-12-01 --to 2026-12-31` is the December report.
    #[arg(long, value_name = "DATE")]
    pub to: Option<chrono::NaiveDate>,
}

/// Arguments of `touchpoint pdf`.
#[derive(Debug, clap::Args)]
pub(crate) struct PdfArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output folder (default: `output` in touchpoint.toml, i.e. DIR/public).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write nothing and exit 1 when the content has errors.
    #[arg(long)]
    pub deny_errors: bool,
    /// The report counts posts published from this day on (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,
    /// The report counts posts published up to this day (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE")]
    pub to: Option<chrono::NaiveDate>,
    /// Take this date (YYYY-MM-DD) as today, for reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
}

/// Arguments of `touchpoint count`.
#[derive(Debug, clap::Args)]
pub(crate) struct CountArgs {
    /// The network: x, bluesky, mastodon, threads, instagram, facebook, linkedin, youtube,
    /// tiktok, pinterest, xing, snapchat.
    #[arg(long, value_name = "NAME")]
    pub platform: touchpoint::platform::Platform,
    /// Print `{"platform","length","limit","remaining","valid"}` as JSON.
    #[arg(long)]
    pub json: bool,
    /// Use this limit instead of the network's (e.g. a Mastodon instance's).
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// For people, with source snippets (coloured on a terminal).
    Human,
    /// Stable JSON, documented in README.
    Json,
}

/// Arguments of `touchpoint serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Port to listen on; 0 picks any free port.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Only this machine can reach the default; give 0.0.0.0 (with
    /// --allow-host naming this machine) to let other devices on the network see the site.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Also answer requests for this host name or address (repeatable). Only localhost,
    /// 127.0.0.1, [::1] and the --bind address are answered otherwise: a web page under any
    /// other name could read the unpublished plan (DNS rebinding). With --bind 0.0.0.0,
    /// name this machine's LAN name or address, e.g. --allow-host my-laptop.lan.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<touchpoint::serve::HostName>,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes instead of using file-system notifications (network drives, containers).
    #[arg(long)]
    pub poll: bool,
    /// Also serve changes.html: what changed since this git revision (tag, branch or
    /// commit), rebuilt with every change.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Take this date (YYYY-MM-DD) as today, for reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
}

/// Arguments of `touchpoint export`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file (atomically); `-` or absent: standard output. For hootsuite and
    /// sprout: the folder to write their files into (required).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// First day to export (YYYY-MM-DD, inclusive, in the project's timezone).
    #[arg(long, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,
    /// Last day to export (YYYY-MM-DD, inclusive, in the project's timezone).
    #[arg(long, value_name = "DATE")]
    pub to: Option<chrono::NaiveDate>,
    /// Only these platforms (repeat the flag or separate with commas; default: all).
    #[arg(long = "platform", value_name = "NAME", value_delimiter = ',', value_parser = parse_platform)]
    pub platforms: Vec<touchpoint::platform::Platform>,
    /// Only posts in these statuses (comma-separated).
    #[arg(long = "status", value_name = "STATUS", value_delimiter = ',', value_parser = parse_status,
          default_value = "approved,scheduled")]
    pub statuses: Vec<touchpoint::model::Status>,
    /// Export posts that have errors too, instead of refusing.
    #[arg(long)]
    pub allow_errors: bool,
    /// A crisis is on: mark rows on the channels crisis/plan.toml pauses as held
    /// (as `[crisis] active = true` in touchpoint.toml does).
    #[arg(long)]
    pub hold: bool,
    /// Take this date (YYYY-MM-DD) as today, for reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
}

/// The formats of `touchpoint export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// Versioned JSON (schema/publish-queue.schema.json).
    Json,
    /// CSV with a header row, for spreadsheets and bulk schedulers.
    Csv,
    /// iCalendar (RFC 5545), one event per post and platform.
    Ics,
    /// Hootsuite bulk-composer files, one per network, into the folder --out.
    Hootsuite,
    /// Sprout Social bulk-scheduling files, one per network, into the folder --out.
    Sprout,
}

fn parse_platform(name: &str) -> Result<touchpoint::platform::Platform, String> {
    touchpoint::platform::Platform::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = touchpoint::platform::Platform::names().collect();
        format!("unknown platform; one of: {}", names.join(", "))
    })
}

fn parse_status(name: &str) -> Result<touchpoint::model::Status, String> {
    touchpoint::model::Status::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = touchpoint::model::Status::ALL.iter().map(|s| s.name()).collect();
        format!("unknown status; one of: {}", names.join(", "))
    })
}
