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
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
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
    /// List every rule with its default level and what it finds.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
}

/// Arguments of `touchpoint check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
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
    #[arg(long)]
    pub watch: bool,
}

/// Arguments of `touchpoint build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output folder (default: `output` in touchpoint.toml, i.e. DIR/public).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write nothing and exit 1 when the content has errors.
    #[arg(long)]
    pub deny_errors: bool,
    /// Take this date (YYYY-MM-DD) as today, for reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people, with source snippets (coloured on a terminal).
    Human,
    /// Stable JSON, documented in README.
    Json,
}

/// Arguments of `touchpoint serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The repository (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Port to listen on; 0 picks any free port.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Only this machine can reach the default; give 0.0.0.0 to
    /// let other devices on the network see the site.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes instead of using file-system notifications (network drives, containers).
    #[arg(long)]
    pub poll: bool,
    /// Take this date (YYYY-MM-DD) as today, for reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
}
