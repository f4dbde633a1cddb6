//! The `touchpoint` binary: parses arguments, calls the library, maps results to exit codes.

mod cli;
mod count;

/// mimalloc instead of the system allocator: rendering allocates many small strings on
/// every core, and glibc's malloc spent about a sixth of a 10,000-post build in
/// allocation and arena locking (perf); mimalloc's per-thread heaps avoid that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use cli::{
    BuildArgs, CheckArgs, Cli, Command, CountArgs, ExportArgs, ExportFormat, ImportArgs, OutputFormat,
    PdfArgs, ServeArgs,
};
use touchpoint::diagnostic::{Summary, render_human, render_json, render_summary};
use touchpoint::terminal::escape;

/// The three outcomes every command maps to.
enum Outcome {
    /// 0: done, warnings allowed.
    Success,
    /// 1: errors found in the content.
    ContentErrors,
    /// 2: the command could not run.
    Failed,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(match outcome {
            Outcome::Success => 0,
            Outcome::ContentErrors => 1,
            Outcome::Failed => 2,
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Init { dir } => run_init(&dir),
        Command::Build(args) => run_build(&args),
        Command::Pdf(args) => run_pdf(&args),
        Command::Rules { format } => run_rules(format),
        Command::Count(args) => run_count(&args),
        Command::Export(args) => run_export(&args),
        Command::Serve(args) => run_serve(&args),
        Command::Import(args) => run_import(&args),
    };
    outcome
        .unwrap_or_else(|err| {
            if is_broken_pipe(&err) {
                return Outcome::Success;
            }
            eprintln!("error: {}", escape(&error_message(&err)));
            Outcome::Failed
        })
        .into()
}

/// The error and its causes, each said once: library errors already name their source
/// in their own message ("cannot write X: Permission denied (os error 13)"), and printing
/// the whole chain (`{:#}`) would repeat it.
fn error_message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Whether to colour output: only on a terminal, and never with NO_COLOR set.
fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn run_check(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let options = touchpoint::Options { today: args.today };
    if args.watch {
        let format = match args.format {
            OutputFormat::Human => touchpoint::serve::WatchFormat::Human,
            OutputFormat::Json => touchpoint::serve::WatchFormat::Json,
        };
        touchpoint::serve::check_watch(&args.dir, options, format, use_colour())?;
        return Ok(Outcome::Success);
    }
    let changed = match &args.since {
        Some(rev) => Some(touchpoint::since::changed_files(&args.dir, rev)?),
        None => None,
    };
    let mut checked = touchpoint::check_project(&args.dir, &options)?;
    if let Some(changed) = &changed {
        let all = std::mem::take(&mut checked.diagnostics);
        checked.diagnostics = touchpoint::since::only_changed(all, changed);
    }
    let summary = Summary::of(&checked.diagnostics);
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", render_json(&checked.diagnostics))?,
        OutputFormat::Human => {
            write!(out, "{}", render_human(&checked.diagnostics, use_colour()))?;
            let files = checked.project.file_count;
            writeln!(out, "{}", render_summary(summary, files))?;
        }
    }
    Ok(if summary.errors > 0 {
        Outcome::ContentErrors
    } else {
        Outcome::Success
    })
}

fn run_build(args: &BuildArgs) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let options = touchpoint::Options { today: args.today };
    let baseline = match &args.since {
        Some(rev) => Some(touchpoint::since::Baseline::load(&args.dir, rev)?),
        None => None,
    };
    let mut checked = touchpoint::check_project(&args.dir, &options)?;
    let changes = baseline
        .as_ref()
        .map(|b| std::sync::Arc::new(touchpoint::since::compare(b, &checked)));
    let summary = Summary::of(&checked.diagnostics);
    let files = checked.project.sources.len();
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", render_human(&checked.diagnostics, colour));
    // The raw file texts only serve the findings' source lines, which are attached by now;
    // freeing them (400 MB at 100,000 posts) lets the site reuse that memory.
    drop(checked.take_sources());
    if args.deny_errors && summary.errors > 0 {
        println!("{}; not building (--deny-errors)", render_summary(summary, files));
        return Ok(Outcome::ContentErrors);
    }
    let out = output_folder(&args.dir, args.out.as_deref(), &checked)?;
    let site_options = touchpoint::site::SiteOptions {
        today: args.today,
        changes,
        from: args.from,
        to: args.to,
    };
    let output = touchpoint::site::Output::Folder(&out);
    let pages = touchpoint::site::render(&checked, &site_options, None, &|_| true, output)?.page_count();
    println!(
        "Built {} pages into {} in {:.2}s",
        pages,
        escape(&out.display().to_string()),
        started.elapsed().as_secs_f64()
    );
    if args.pdf {
        let pdf_options = touchpoint::pdf::PdfOptions {
            today: args.today,
            from: args.from,
            to: args.to,
        };
        print_written(&touchpoint::pdf::write_pdfs(&checked, &pdf_options, &out)?);
    }
    println!("{}", render_summary(summary, files));
    leave_to_exit(checked);
    Ok(Outcome::Success)
}

/// Hands `value` to the operating system instead of dropping it: the process ends right
/// after, and freeing a checked repository of 10,000 posts one allocation at a time took
/// 1-2 % of a build, on one core, after the site was written. Only for what lives until
/// the command returns.
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// `touchpoint pdf`: checks the repository, then typesets both deliverables into the
/// output folder.
fn run_pdf(args: &PdfArgs) -> anyhow::Result<Outcome> {
    let options = touchpoint::Options { today: args.today };
    let checked = touchpoint::check_project(&args.dir, &options)?;
    let summary = Summary::of(&checked.diagnostics);
    let files = checked.project.sources.len();
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", render_human(&checked.diagnostics, colour));
    if args.deny_errors && summary.errors > 0 {
        println!(
            "{}; not writing PDFs (--deny-errors)",
            render_summary(summary, files)
        );
        return Ok(Outcome::ContentErrors);
    }
    let out = output_folder(&args.dir, args.out.as_deref(), &checked)?;
    let pdf_options = touchpoint::pdf::PdfOptions {
        today: args.today,
        from: args.from,
        to: args.to,
    };
    print_written(&touchpoint::pdf::write_pdfs(&checked, &pdf_options, &out)?);
    println!("{}", render_summary(summary, files));
    Ok(Outcome::Success)
}

/// The folder `build` and `pdf` write into: `--out`, or `output` from touchpoint.toml,
/// refused when it would overwrite or mix with the content.
fn output_folder(
    dir: &std::path::Path,
    out: Option<&std::path::Path>,
    checked: &touchpoint::Checked,
) -> anyhow::Result<std::path::PathBuf> {
    let out = match out {
        Some(out) => out.to_path_buf(),
        None => touchpoint::site::default_output_dir(dir, &checked.project.config.output)?,
    };
    touchpoint::site::check_output_dir(dir, &out)?;
    Ok(out)
}

/// One line per file written.
fn print_written(paths: &[std::path::PathBuf]) {
    for path in paths {
        println!("Wrote {}", escape(&path.display().to_string()));
    }
}

fn run_init(dir: &std::path::Path) -> anyhow::Result<Outcome> {
    touchpoint::init::scaffold(dir)?;
    println!(
        "Created a Touchpoint repository in {0}. Next: touchpoint check {0}",
        escape(&dir.display().to_string())
    );
    Ok(Outcome::Success)
}

fn run_rules(format: OutputFormat) -> anyhow::Result<Outcome> {
    let rules = touchpoint::all_rules();
    let mut out = std::io::stdout().lock();
    match format {
        OutputFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&rules)?)?;
        }
        OutputFormat::Human => {
            for rule in rules {
                writeln!(
                    out,
                    "{:<28} {:<8} {}",
                    rule.name,
                    rule.default.to_string(),
                    rule.summary
                )?;
            }
        }
    }
    Ok(Outcome::Success)
}

fn run_serve(args: &ServeArgs) -> anyhow::Result<Outcome> {
    let options = touchpoint::serve::ServeOptions {
        root: args.dir.clone(),
        bind: args.bind,
        port: args.port,
        allow_hosts: args.allow_host.clone(),
        open: args.open,
        poll: args.poll,
        check: touchpoint::Options { today: args.today },
        colour: use_colour(),
        since: args.since.clone(),
    };
    touchpoint::serve::serve(&options)?;
    Ok(Outcome::Success)
}

fn run_count(args: &CountArgs) -> anyhow::Result<Outcome> {
    use std::io::Read;
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let report = count::count_text(args.platform, &input, args.max_chars);
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", count::render_json(&report))?;
    } else {
        writeln!(out, "{}", report.summary)?;
    }
    Ok(if report.valid {
        Outcome::Success
    } else {
        Outcome::ContentErrors
    })
}

fn run_export(args: &ExportArgs) -> anyhow::Result<Outcome> {
    use anyhow::Context as _;
    use touchpoint::export;
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        anyhow::bail!("--from {from} is after --to {to}");
    }
    let options = touchpoint::Options { today: args.today };
    let checked = touchpoint::check_project(&args.dir, &options)?;
    let filter = export::Filter {
        from: args.from,
        to: args.to,
        platforms: args.platforms.clone(),
        statuses: args.statuses.clone(),
        allow_errors: args.allow_errors,
        hold: args.hold,
    };
    let queue = export::build_queue(&checked, &filter);
    if !queue.refused.is_empty() {
        for refusal in &queue.refused {
            eprintln!("{}", escape(&refusal.describe()));
        }
        eprintln!(
            "error: {} post(s) with errors not exported; fix them (see `touchpoint check`) or pass --allow-errors",
            queue.refused.len()
        );
        return Ok(Outcome::ContentErrors);
    }
    for post in &queue.unscheduled {
        eprintln!(
            "warning: {} has no valid publish time and is not in the queue",
            escape(&post.to_string())
        );
    }
    let format = match args.format {
        ExportFormat::Json => export::Format::Json,
        ExportFormat::Csv => export::Format::Csv,
        ExportFormat::Ics => export::Format::Ics,
        ExportFormat::Hootsuite => return write_profile(args, &queue, export::profile::Profile::Hootsuite),
        ExportFormat::Sprout => return write_profile(args, &queue, export::profile::Profile::Sprout),
    };
    let words = touchpoint::site::export_words(&checked)?;
    let text = export::render(&queue, format, &words);
    match args.out.as_deref().filter(|p| *p != std::path::Path::new("-")) {
        Some(path) => export::write::write_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(Outcome::Success)
}

fn run_import(args: &ImportArgs) -> anyhow::Result<Outcome> {
    let options = touchpoint::import::Options {
        file: args.file.clone(),
        into: args.into.clone(),
        layout: args.layout.map(Into::into),
        map: args.map.clone(),
        date_format: args.date_format.clone(),
        platform: args.platform,
        status: args.status,
        force: args.force,
        dry_run: args.dry_run,
    };
    let report = touchpoint::import::import(&options)?;
    let file_name = args.file.display().to_string();
    let file = escape(&file_name);
    for problem in &report.problems {
        eprintln!("{file}:{}: error: {}", problem.line, escape(&problem.message));
    }
    let mut out = std::io::stdout().lock();
    for post in &report.posts {
        let platforms: Vec<&str> = post.platforms.iter().map(|p| p.name()).collect();
        let verb = match (args.dry_run, post.replaced) {
            (true, _) => "would write",
            (false, true) => "replaced",
            (false, false) => "wrote",
        };
        writeln!(
            out,
            "{verb} {} ({}; line {})",
            escape(&post.file),
            platforms.join(", "),
            post.lines[0]
        )?;
        if args.dry_run {
            // Line by line: the file's line breaks are kept, anything a terminal would run is escaped.
            for line in post.contents.lines() {
                writeln!(out, "{}", escape(line))?;
            }
        }
    }
    let verb = if args.dry_run { "would import" } else { "imported" };
    writeln!(
        out,
        "{verb} {} post(s); {} row(s) or post(s) not imported",
        report.posts.len(),
        report.problems.len()
    )?;
    let mut outcome = if report.problems.is_empty() {
        Outcome::Success
    } else {
        Outcome::ContentErrors
    };
    if !args.dry_run && !report.posts.is_empty() {
        let checked = touchpoint::check_project(&args.into, &touchpoint::Options { today: args.today })?;
        let summary = Summary::of(&checked.diagnostics);
        write!(out, "{}", render_human(&checked.diagnostics, use_colour()))?;
        writeln!(
            out,
            "check: {}",
            render_summary(summary, checked.project.file_count)
        )?;
        if summary.errors > 0 {
            outcome = Outcome::ContentErrors;
        }
    }
    Ok(outcome)
}

/// Removes the profile's files in `dir` that this export does not write again (a network
/// without rows now, a part beyond the new count), so no stale file is uploaded by mistake.
/// Only names the profile writes are touched, and only in a folder that already holds the
/// profile's report (`PROFILE-not-exported.txt`, which every export writes): a folder that an
/// earlier export filled, never one where a user keeps files of their own.
fn remove_stale_profile_files(
    dir: &std::path::Path,
    profile: touchpoint::export::profile::Profile,
    written: &[(String, String)],
    report_name: &str,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    if !dir.join(report_name).is_file() {
        return Ok(());
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && profile.writes_file_named(&name) && !written.iter().any(|(n, _)| *n == name) {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
            println!("removed {}", escape(&entry.path().display().to_string()));
        }
    }
    Ok(())
}

/// Writes a scheduler profile's files and its report into the folder `--out`, and lists
/// the rows left out on standard error.
fn write_profile(
    args: &ExportArgs,
    queue: &touchpoint::export::Queue,
    profile: touchpoint::export::profile::Profile,
) -> anyhow::Result<Outcome> {
    use anyhow::Context as _;
    let Some(dir) = args.out.as_deref().filter(|p| *p != std::path::Path::new("-")) else {
        anyhow::bail!(
            "--format {} writes one file per network: pass --out DIR",
            profile.name()
        );
    };
    // Times the tool would refuse are judged against now, or the start of --today.
    let now = match args.today {
        Some(day) => day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        None => chrono::Utc::now(),
    };
    let files = touchpoint::export::render_profile(queue, profile, now);
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let report = files.report(profile);
    remove_stale_profile_files(dir, profile, &files.files, &report.0)?;
    for (name, text) in files.files.iter().chain(std::iter::once(&report)) {
        let path = dir.join(name);
        touchpoint::export::write::write_atomic(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {}", escape(&path.display().to_string()));
    }
    for line in files.left_out.iter().chain(&files.warnings) {
        eprintln!("{}", escape(line));
    }
    if !files.left_out.is_empty() {
        eprintln!(
            "warning: {} row(s) not exported for {}; reasons in {}",
            files.left_out.len(),
            profile.name(),
            escape(&dir.join(&report.0).display().to_string())
        );
    }
    Ok(Outcome::Success)
}
