//! `touchpoint serve` and `touchpoint check --watch`: build, watch, rebuild on change.
//!
//! The loop: load and render the whole site into memory, serve it on 127.0.0.1, then
//! wait for file changes. Each batch of changes goes through the [`Session`], which
//! re-reads only the files that changed and re-renders only the pages that depend on
//! them; the result is swapped into the served site and every open page is told to
//! reload (or shown the problems, when the build failed and the last good site stays).

mod host;
mod http;
mod outcome;
mod pool;
mod reload;
mod session;
mod state;
mod watch;
mod wire;

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use host::{HostName, InvalidHost};
pub use http::BindError;
pub use outcome::{Build, Outcome, Problem};
pub use reload::{EVENTS_PATH, Event, SCRIPT_PATH, inject_script, script};
pub use session::Session;
pub use state::Served;
pub use watch::{Changes, is_editor_temp, watch};

use crate::Options;
use crate::diagnostic::{Summary, render_human, render_json, render_summary};
use crate::load::LoadError;
use crate::terminal::escape;

/// How long a failed build waits for a further write before it is reported.
const FAILURE_GRACE: std::time::Duration = std::time::Duration::from_millis(50);

/// How `touchpoint serve` runs.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The repository.
    pub root: PathBuf,
    /// The address to listen on (127.0.0.1 unless the user asks otherwise).
    pub bind: IpAddr,
    /// The port; 0 picks any free port.
    pub port: u16,
    /// Host names answered besides localhost, 127.0.0.1 and `[::1]` (`--allow-host`): any
    /// other name in a request's `Host` header may be a DNS-rebinding page, and is refused.
    pub allow_hosts: Vec<HostName>,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Poll the files instead of using the system's change notifications.
    pub poll: bool,
    /// Check options (`--today`).
    pub check: Options,
    /// Colour the terminal output.
    pub colour: bool,
    /// Compare with this git revision and serve changes.html (`--since REV`).
    pub since: Option<String>,
}

/// Why the dev server or the watcher could not run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The repository could not be loaded at all.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The address is taken or not allowed.
    #[error(transparent)]
    Bind(#[from] BindError),
    /// `--since`: git or the revision failed.
    #[error(transparent)]
    Since(#[from] crate::since::SinceError),
    /// The file watcher could not start.
    #[error("cannot watch the repository: {0}")]
    Watch(#[from] notify::Error),
}

/// Builds the site, serves it and rebuilds on every change until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), ServeError> {
    let root = &options.root;
    let baseline = match &options.since {
        Some(rev) => Some(crate::since::Baseline::load(root, rev)?),
        None => None,
    };
    let mut session = Session::open(root, options.check.clone())?;
    if let Some(baseline) = baseline {
        session.compare_with(baseline);
    }
    let changes = watch(root, options.poll)?;
    let served = Arc::new(Served::default());
    publish_and_print(&served, session.build(), options.colour);
    let checked = session.checked();
    let summary = Summary::of(&checked.diagnostics);
    println!("{}", render_summary(summary, checked.project.file_count));
    let hosts = host::AllowedHosts::new(options.bind, &options.allow_hosts);
    let addr = http::start(options.bind, options.port, hosts, Arc::clone(&served))?;
    let url = format!("http://{}/", local_url_addr(addr));
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {addr}: other machines on the network can read the site \
             under the names given with --allow-host (add this machine's name or address){}",
            if addr.ip().is_unspecified() {
                ""
            } else {
                " or at that address"
            }
        );
    }
    println!(
        "Serving {} at {url} (Ctrl-C to stop)",
        escape(&session.checked().project.config.name)
    );
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&url);
    }
    loop {
        let Some(mut changed) = changes.wait(&|rel| session.is_relevant(rel)) else {
            return Ok(());
        };
        // Rebuild at once; what arrives meanwhile is folded into one more rebuild.
        while !changed.is_empty() {
            if changed.iter().all(|rel| is_empty_file(&session.root().join(rel))) {
                // An editor truncated the file and is about to write it: wait for that.
                changed.extend(changes.wait_for(FAILURE_GRACE, &|rel| session.is_relevant(rel)));
            }
            let build = session.rebuild(&changed);
            changed = changes.drain(&|rel| session.is_relevant(rel));
            if matches!(build.outcome, Outcome::Failed(_)) && changed.is_empty() {
                // Editors that truncate before writing produce a half-written file for a
                // moment: report a failure only when no further write follows at once.
                changed = changes.wait_for(FAILURE_GRACE, &|rel| session.is_relevant(rel));
            }
            if !changed.is_empty() && matches!(build.outcome, Outcome::Failed(_)) {
                continue;
            }
            publish_and_print(&served, build, options.colour);
            // The changed posts' pages are out; now the pages listing them, unless the
            // writer saved again meanwhile (then that change comes first).
            while changed.is_empty() && session.has_pending() {
                let rest = session.build();
                let failed = matches!(rest.outcome, Outcome::Failed(_));
                publish_and_print(&served, rest, options.colour);
                if failed {
                    break;
                }
                changed = changes.drain(&|rel| session.is_relevant(rel));
            }
        }
    }
}

/// The address to print and open: a server listening on all addresses (`0.0.0.0`) is
/// reached here as 127.0.0.1 (or `[::1]`), a name it answers; `0.0.0.0` is not one.
fn local_url_addr(addr: std::net::SocketAddr) -> std::net::SocketAddr {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    std::net::SocketAddr::new(ip, addr.port())
}

/// Whether `path` is a file with nothing in it (yet).
fn is_empty_file(path: &std::path::Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0)
}

/// Publishes a build, then prints one line about it (what was rebuilt, how long it took)
/// and the findings in the files that changed: a line printed means it is served.
fn publish_and_print(served: &Served, build: Build, colour: bool) {
    let (out, err) = describe_build(&build, colour);
    served.publish(build.outcome);
    print!("{out}");
    eprint!("{err}");
    let _ = std::io::stdout().flush();
}

/// The terminal report of a build: (standard output, standard error).
fn describe_build(build: &Build, colour: bool) -> (String, String) {
    use std::fmt::Write as _;
    let (mut out, mut err) = (String::new(), String::new());
    let ms = build.elapsed.as_secs_f64() * 1000.0;
    let changed = if build.changed.is_empty() {
        String::new()
    } else {
        format!(" (changed: {})", escape(&build.changed.join(", ")))
    };
    let page_s = |n: usize| if n == 1 { "page" } else { "pages" };
    match &build.outcome {
        Outcome::Built { scope: None, .. } => {
            let _ = writeln!(
                out,
                "built all {} pages in {ms:.0} ms{changed}",
                build.page_count()
            );
        }
        Outcome::Built { .. } if build.changed.is_empty() => {
            let n = build.page_count();
            let _ = writeln!(out, "  then {n} {} that list them in {ms:.0} ms", page_s(n));
        }
        Outcome::Built { .. } => {
            let n = build.page_count();
            let check = build.checked_in.as_secs_f64() * 1000.0;
            let _ = writeln!(
                out,
                "rebuilt {n} {} in {ms:.0} ms (check {check:.0} ms){changed}",
                page_s(n)
            );
        }
        Outcome::Unchanged => {
            let _ = writeln!(out, "nothing to rebuild ({ms:.0} ms){changed}");
        }
        Outcome::Failed(problems) => {
            let _ = writeln!(
                out,
                "build failed in {ms:.0} ms{changed}; serving the last good site"
            );
            for problem in problems
                .iter()
                .filter(|p| !build.findings.iter().any(|d| d.file == p.file))
            {
                let _ = writeln!(
                    err,
                    "error[{}]: {} {}",
                    problem.rule,
                    escape(&problem.file),
                    escape(&problem.message)
                );
            }
        }
    }
    if !build.findings.is_empty() {
        err.push_str(&render_human(&build.findings, colour));
    }
    (out, err)
}

/// How `touchpoint check --watch` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchFormat {
    /// Clear the terminal and print the findings as `check` does.
    Human,
    /// One JSON document per run, as `check --format json` prints it.
    Json,
}

/// Checks the repository, then checks again after every change, until stopped.
pub fn check_watch(
    root: &std::path::Path,
    options: Options,
    format: WatchFormat,
    colour: bool,
) -> Result<(), ServeError> {
    let mut session = Session::open(root, options)?;
    let changes = watch(root, false)?;
    print_check(&session, format, colour, &[]);
    loop {
        let Some(mut changed) = changes.wait(&|rel| session.is_relevant(rel)) else {
            return Ok(());
        };
        while !changed.is_empty() {
            let changed_list: Vec<String> = changed.iter().cloned().collect();
            match session.update(&changed) {
                Ok(()) => print_check(&session, format, colour, &changed_list),
                Err(problem) => eprintln!("error: {}: {}", escape(&problem.file), escape(&problem.message)),
            }
            changed = changes.drain(&|rel| session.is_relevant(rel));
        }
    }
}

fn print_check(session: &Session, format: WatchFormat, colour: bool, changed: &[String]) {
    let checked = session.checked();
    let mut out = std::io::stdout().lock();
    let _ = match format {
        WatchFormat::Json => writeln!(out, "{}", render_json(&checked.diagnostics).replace('\n', "")),
        WatchFormat::Human => {
            let clear = if colour { "\x1b[2J\x1b[H" } else { "" };
            let changed = if changed.is_empty() {
                String::new()
            } else {
                format!(" after a change to {}", escape(&changed.join(", ")))
            };
            let summary = Summary::of(&checked.diagnostics);
            write!(
                out,
                "{clear}{}{}\nwatching {} for changes{changed} (Ctrl-C to stop)\n",
                render_human(&checked.diagnostics, colour),
                render_summary(summary, checked.project.file_count),
                escape(&session.root().display().to_string()),
            )
        }
    };
    let _ = out.flush();
}

/// Opens `url` in the default browser when a launcher is available; never fails.
fn open_browser(url: &str) {
    let launchers: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("cmd", &["/C", "start", ""])]
    } else {
        &[("xdg-open", &[]), ("sensible-browser", &[])]
    };
    for (program, args) in launchers {
        let spawned = std::process::Command::new(program)
            .args(*args)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    eprintln!("Open {url} in your browser (no browser launcher found).");
}
