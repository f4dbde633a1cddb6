//! Performance data: parses the CSV files under `metrics/` (read by `load`) into
//! [`MetricRecord`]s and joins them to posts. May import `load` (for the raw files),
//! `model`, `diagnostic` and `platform`; never `site`, `report` or `validate`.
//!
//! Users drop files here as they come out of the networks (X's post activity
//! export, Meta Business Suite's post export) or in Touchpoint's own normalised
//! form. The format is recognised by the header row, columns are matched by name
//! (never by position), unknown columns are ignored, missing ones are reported,
//! and a row that cannot be read becomes a diagnostic with file and line: one bad
//! row never stops the report.
//!
//! One file per format: `normalised`, `x`, `meta`. Shared cell parsing lives
//! in `cells`, header and row access in `table`, permalink normalisation in
//! `permalink`.

mod cells;
mod container;
mod daily;
mod join;
mod linkedin;
mod meta;
mod normalised;
mod permalink;
mod table;
mod tiktok;
mod x;
mod youtube;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Pos, Rule, Severity};
use crate::platform::Platform;

#[cfg(test)]
pub(crate) use join::load_metrics;
pub use join::{MetricFiles, join_metrics, join_records, parse_metric_files};
pub use permalink::{normalise_permalink, platform_of_permalink, x_status_permalink};

use table::{FileContext, FormatSpec, Header, Row};

/// A CSV row that cannot be read (a cell that is not a number, a bad date, a missing key).
pub const MALFORMED_ROW: Rule = Rule {
    name: "metrics-malformed-row",
    default: Severity::Warning,
    summary: "A row of a metrics file cannot be read; it is left out of the report.",
};

/// A column the recognised format should have is absent.
pub const MISSING_COLUMN: Rule = Rule {
    name: "metrics-missing-column",
    default: Severity::Warning,
    summary: "A metrics file lacks a column its format has; that figure is unknown for its rows.",
};

/// A CSV whose header matches none of the known export formats.
pub const UNKNOWN_FORMAT: Rule = Rule {
    name: "metrics-unknown-format",
    default: Severity::Warning,
    summary: "A file under metrics/ is not in a format Touchpoint reads; it is skipped.",
};

/// A file under `metrics/` that no importer reads: not a CSV, spreadsheet or zip, a
/// spreadsheet that cannot be opened, or a zip without a CSV inside.
pub const UNREAD_FILE: Rule = Rule {
    name: "metrics-unread-file",
    default: Severity::Warning,
    summary: "A file under metrics/ is not a CSV, spreadsheet or zip Touchpoint can open; it is skipped.",
};

/// A row whose post (by id or permalink) is not in the repository.
pub const UNKNOWN_POST: Rule = Rule {
    name: "metrics-unknown-post",
    default: Severity::Warning,
    summary: "A metrics row names a post id or permalink no post in the repository has.",
};

/// A row for a platform the post does not go to.
pub const UNKNOWN_PLATFORM: Rule = Rule {
    name: "metrics-unknown-platform",
    default: Severity::Warning,
    summary: "A metrics row is for a platform its post is not planned for.",
};

/// Every rule this module reports, for `touchpoint rules` and README.
pub const RULES: &[&Rule] = &[
    &UNREAD_FILE,
    &MALFORMED_ROW,
    &MISSING_COLUMN,
    &UNKNOWN_FORMAT,
    &UNKNOWN_POST,
    &UNKNOWN_PLATFORM,
];

/// How a metrics row names its post: the normalised CSV uses Touchpoint's post id,
/// the networks' exports only know the published post's permalink.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "by", content = "value", rename_all = "lowercase")]
pub enum PostKey {
    /// A post id (`2026/12/winterreifen`), as in the normalised CSV's `post` column.
    Id(String),
    /// A permalink, already normalised with [`normalise_permalink`].
    Permalink(String),
    /// Not a post: a figure of the whole account on one day (X's daily Overview,
    /// LinkedIn's followers and per-day Metrics, Meta's daily series). Such rows are
    /// not joined to posts; the report reads their follower flows.
    Account,
}

/// When the export says the post went out, in the precision the file gives.
/// Exports disagree on time zones, so the value keeps what the file wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Published {
    /// A time with an offset, converted to UTC (X's `2026-08-15 13:12:39 +0000`).
    Utc(DateTime<Utc>),
    /// A wall-clock time without an offset (Meta's `09/15/2026 18:00`, in the account's zone).
    Local(NaiveDateTime),
    /// Only the day (X's current export: `Tue, Jul 14, 2026`).
    Day(NaiveDate),
}

/// One row of performance figures for one post on one platform.
///
/// Figures are lifetime totals as of `date`; `None` means the file did not say
/// (an empty cell or an absent column), which is not the same as zero.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricRecord {
    /// The file, relative to the repository root, `/`-separated.
    pub file: String,
    /// 1-based line where the row starts.
    pub line: u32,
    /// Which post the row is about, as the file names it.
    pub key: PostKey,
    /// The post's id once [`join_records`] has found it (`None` straight from [`parse_csv`]).
    pub post: Option<String>,
    /// Which network the figures come from.
    pub platform: Platform,
    /// The day the figures were taken (for network exports: a date cell, or the
    /// last date in the file name such as `..._2026-07-25.csv`).
    pub date: Option<NaiveDate>,
    /// When the post went out, as the export reports it.
    pub published_at: Option<Published>,
    /// Times the post was shown (Meta's `Views` where it has no `Impressions`).
    pub impressions: Option<u64>,
    /// Distinct accounts that saw the post.
    pub reach: Option<u64>,
    /// Likes (Facebook: reactions).
    pub likes: Option<u64>,
    /// Comments or replies.
    pub comments: Option<u64>,
    /// Shares, reposts, retweets.
    pub shares: Option<u64>,
    /// Saves or bookmarks.
    pub saves: Option<u64>,
    /// Link clicks.
    pub clicks: Option<u64>,
    /// Video views or media views.
    pub video_views: Option<u64>,
    /// The account's follower count on `date`.
    pub followers: Option<u64>,
    /// Followers gained: on `date` for an account row, through the post for a post row
    /// (LinkedIn's `Follows`, YouTube's `Subscribers gained`).
    pub follows: Option<u64>,
    /// Followers lost (X's `Unfollows`, YouTube's `Subscribers lost`).
    pub unfollows: Option<u64>,
    /// Total time watched, in seconds (YouTube's `Watch time (hours)`, TikTok's `Total play time`).
    pub watch_seconds: Option<f64>,
    /// Average time a view lasted, in seconds.
    pub average_view_seconds: Option<f64>,
    /// Share of views that watched to the end, 0–1 (TikTok's `Watched full video`;
    /// YouTube's `Average percentage viewed`, the nearest figure it exports).
    pub completion_rate: Option<f64>,
    /// The network's own engagement count, where its export carries one (X's
    /// `engagements`): it counts more than Touchpoint's definition, so the report shows
    /// it beside Touchpoint's figure for the client to recognise, never in its sums.
    pub network_engagements: Option<u64>,
}

impl MetricRecord {
    /// A record with every figure unknown; importers fill in what their file has.
    pub fn new(file: &str, line: u32, key: PostKey, platform: Platform) -> Self {
        Self::blank(file, line, key, platform)
    }

    /// An account row for `platform` on `date`.
    pub fn account(file: &str, line: u32, platform: Platform, date: NaiveDate) -> Self {
        let mut record = Self::blank(file, line, PostKey::Account, platform);
        record.date = Some(date);
        record
    }

    /// Every figure unknown.
    fn blank(file: &str, line: u32, key: PostKey, platform: Platform) -> Self {
        MetricRecord {
            file: file.to_owned(),
            line,
            key,
            post: None,
            platform,
            date: None,
            published_at: None,
            impressions: None,
            reach: None,
            likes: None,
            comments: None,
            shares: None,
            saves: None,
            clicks: None,
            video_views: None,
            followers: None,
            follows: None,
            unfollows: None,
            watch_seconds: None,
            average_view_seconds: None,
            completion_rate: None,
            network_engagements: None,
        }
    }
}

/// What reading one file under `metrics/` gave: its rows, the findings, and the text
/// each finding's `file` points at (for the source line of findings made later).
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// The rows, not joined to posts yet.
    pub records: Vec<MetricRecord>,
    /// Findings of reading the file.
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostic file name → text whose lines the findings' lines count (a CSV's
    /// text, a sheet's rows one per line, an entry of a zip).
    pub texts: Vec<(String, String)>,
}

/// Reads one file under `metrics/`, whatever its container: a CSV (UTF-8 with or
/// without BOM, or UTF-16), a spreadsheet (`.xlsx`, `.xls`, `.ods`) or a zip of CSV
/// files (YouTube Studio's download). The container is told by the bytes, the
/// export's format by its header, never by the file's name.
pub fn parse_file(file: &str, bytes: &[u8]) -> ParsedFile {
    match container::sniff(bytes) {
        container::Kind::Workbook => container::parse_workbook(file, bytes),
        container::Kind::Archive => container::parse_archive(file, bytes),
        container::Kind::Text => {
            let text = table::decode(bytes);
            let (records, mut diagnostics) = parse_text(file, &text);
            attach_source_lines(&mut diagnostics, &text);
            ParsedFile {
                records,
                diagnostics,
                texts: vec![(file.to_owned(), text)],
            }
        }
    }
}

/// Reads one metrics CSV. `file` is its path relative to the repository root
/// (used in diagnostics and, for network exports, to find the snapshot date in
/// the file name); `bytes` its content in UTF-8 (with or without BOM) or UTF-16.
pub fn parse_csv(file: &str, bytes: &[u8]) -> (Vec<MetricRecord>, Vec<Diagnostic>) {
    let text = table::decode(bytes);
    let (records, mut diagnostics) = parse_text(file, &text);
    attach_source_lines(&mut diagnostics, &text);
    (records, diagnostics)
}

/// Reads decoded CSV text: header, format, rows.
fn parse_text(file: &str, text: &str) -> (Vec<MetricRecord>, Vec<Diagnostic>) {
    let (text, delimiter) = table::prepare(text);
    let rows = table::csv_rows(&text, delimiter);
    let grid = Grid {
        file,
        sheet: None,
        rows: &rows,
        numbers: cells::NumberStyle::for_delimiter(delimiter),
    };
    match read_grid(&grid) {
        Ok(read) => read,
        Err(unknown) => (Vec::new(), vec![*unknown]),
    }
}

/// Rows of one CSV or one sheet, ready to be read.
struct Grid<'a> {
    /// The file, for diagnostics and records.
    file: &'a str,
    /// The sheet's name in a workbook, named in the findings.
    sheet: Option<&'a str>,
    /// Every row with its line, or why it could not be read.
    rows: &'a [table::GridRow],
    /// Thousands and decimal separators.
    numbers: cells::NumberStyle,
}

/// How many rows from the top may hold the header: LinkedIn writes a title row
/// above it, its followers file and Meta's daily series a preamble line or two.
const HEADER_ROWS: usize = 5;

/// Finds the header, recognises the format and reads every row below it. `Err` is
/// the finding for a grid no importer recognises (a workbook reports it only when
/// none of its sheets is recognised).
fn read_grid(grid: &Grid<'_>) -> Result<(Vec<MetricRecord>, Vec<Diagnostic>), Box<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let Some((at, header, spec)) = find_header(grid) else {
        return Err(Box::new(unrecognised(grid)));
    };
    let header_line = line_of(&grid.rows[at]);
    if !report_missing_columns(grid.file, header_line, &header, spec, &mut diagnostics) {
        name_sheet(grid.sheet, &mut diagnostics);
        return Ok((Vec::new(), diagnostics));
    }
    let ctx = FileContext {
        file: grid.file,
        snapshot: cells::date_in_file_name(grid.file),
        numbers: grid.numbers,
        preamble: preamble(&grid.rows[..at]),
    };
    let mut records = Vec::new();
    for row in &grid.rows[at + 1..] {
        match row {
            Ok(record) => read_record(&ctx, &header, spec, record, &mut records, &mut diagnostics),
            Err((line, why)) => diagnostics.push(malformed(
                grid.file,
                *line,
                format!("the CSV cannot be read here: {why}"),
            )),
        }
    }
    name_sheet(grid.sheet, &mut diagnostics);
    Ok((records, diagnostics))
}

/// The first of the top rows that a format recognises as its header.
fn find_header(grid: &Grid<'_>) -> Option<(usize, Header, &'static FormatSpec)> {
    grid.rows
        .iter()
        .take(HEADER_ROWS)
        .enumerate()
        .find_map(|(at, row)| {
            let record = row.as_ref().ok()?;
            let header = Header::new(record);
            let spec = detect(&header, &preamble(&grid.rows[..at]))?;
            Some((at, header, spec))
        })
}

/// The first non-empty cell of each row above the header (a title, a metric's name).
fn preamble(rows: &[table::GridRow]) -> Vec<String> {
    rows.iter()
        .filter_map(|row| row.as_ref().ok())
        .filter_map(|record| {
            record
                .iter()
                .map(str::trim)
                .find(|c| !c.is_empty())
                .map(str::to_owned)
        })
        .collect()
}

/// A row's 1-based line (or sheet row).
fn line_of(row: &table::GridRow) -> u32 {
    match row {
        Ok(record) => table::record_line(record),
        Err((line, _)) => *line,
    }
}

/// Says which sheet of a workbook a finding is about.
fn name_sheet(sheet: Option<&str>, diagnostics: &mut [Diagnostic]) {
    if let Some(sheet) = sheet {
        for d in diagnostics {
            d.message = format!("sheet \"{sheet}\": {}", d.message);
        }
    }
}

/// The finding for a grid whose top rows match no format.
fn unrecognised(grid: &Grid<'_>) -> Diagnostic {
    let first = grid.rows.iter().find_map(|row| {
        row.as_ref()
            .ok()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
    });
    let mut diagnostic = match first {
        Some(record) => unknown_format(grid.file, table::record_line(record), &Header::new(record)),
        None => Diagnostic::new(&UNKNOWN_FORMAT, grid.file, Pos::new(1, 1), "the file is empty")
            .help("delete it or export the figures again"),
    };
    name_sheet(grid.sheet, std::slice::from_mut(&mut diagnostic));
    diagnostic
}

/// Lets the human renderer show the offending CSV line. The lines are split once: looking
/// each one up from the top made a file whose every row is bad quadratic in its length.
fn attach_source_lines(diagnostics: &mut [Diagnostic], text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for d in diagnostics.iter_mut().filter(|d| d.line > 0) {
        let line = lines.get(d.line as usize - 1);
        *d = d.clone().with_source_line(line.map(|l| l.trim_end_matches('\r')));
    }
}

/// Turns one CSV record into a [`MetricRecord`] or a diagnostic.
fn read_record(
    ctx: &FileContext<'_>,
    header: &Header,
    spec: &FormatSpec,
    record: &csv::StringRecord,
    records: &mut Vec<MetricRecord>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let line = record.position().map_or(0, |p| p.line() as u32);
    if record.iter().all(|cell| cell.trim().is_empty()) {
        return;
    }
    let row = Row::new(header, record, line, ctx.numbers);
    if let Err(message) = row.check_width() {
        diagnostics.push(malformed(ctx.file, line, message));
        return;
    }
    match (spec.read)(&row, ctx) {
        Ok(Some(metric)) => records.push(metric),
        Ok(None) => {}
        Err(message) => diagnostics.push(malformed(ctx.file, line, message)),
    }
}

/// Picks the format whose signature columns the header has; `preamble` holds the
/// rows above it (Meta's daily series names its metric there). LinkedIn comes before
/// X, whose current export shares the `Post link` column.
fn detect(header: &Header, preamble: &[String]) -> Option<&'static FormatSpec> {
    normalised::detect(header)
        .or_else(|| linkedin::detect(header))
        .or_else(|| youtube::detect(header))
        .or_else(|| tiktok::detect(header))
        .or_else(|| x::detect(header))
        .or_else(|| meta::detect(header))
        .or_else(|| daily::detect(header, preamble))
}

/// Reports absent columns; returns false when a required one is absent and no row can be read.
fn report_missing_columns(
    file: &str,
    line: u32,
    header: &Header,
    spec: &FormatSpec,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut usable = true;
    for column in spec.required {
        if header.index(column.aliases).is_none() {
            usable = false;
            diagnostics.push(
                Diagnostic::new(
                    &MISSING_COLUMN,
                    file,
                    Pos::new(line, 1),
                    format!(
                        "this {} has no `{}` column, so its rows cannot be joined to posts",
                        spec.name, column.label
                    ),
                )
                .help(format!("export the file again with `{}` included", column.label)),
            );
        }
    }
    for column in spec.expected {
        if header.index(column.aliases).is_none() {
            diagnostics.push(
                Diagnostic::new(
                    &MISSING_COLUMN,
                    file,
                    Pos::new(line, 1),
                    format!(
                        "this {} has no `{}` column; that figure is unknown for all its rows",
                        spec.name, column.label
                    ),
                )
                .help(format!(
                    "add a `{}` column, or ignore this if the figure is not tracked",
                    column.label
                )),
            );
        }
    }
    usable
}

/// The diagnostic for a header no importer recognises.
fn unknown_format(file: &str, line: u32, header: &Header) -> Diagnostic {
    let shown: Vec<&str> = header.raw_names().take(6).collect();
    Diagnostic::new(
        &UNKNOWN_FORMAT,
        file,
        Pos::new(line.max(1), 1),
        format!(
            "the header row ({}{}) matches no metrics format Touchpoint reads",
            shown.join(", "),
            if header.len() > shown.len() { ", …" } else { "" }
        ),
    )
    .help(format!(
        "use the normalised header `{}`, or a network's export as downloaded (docs/importers.md lists them)",
        normalised::HEADER
    ))
}

/// The diagnostic for a row that cannot be read.
fn malformed(file: &str, line: u32, message: String) -> Diagnostic {
    Diagnostic::new(&MALFORMED_ROW, file, Pos::new(line, 1), message)
        .help("fix the row or delete it; the rest of the file is still read")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_header_is_one_diagnostic_and_no_records() {
        let (records, diags) = parse_csv("metrics/odd.csv", b"a,b,c\n1,2,3\n");
        assert!(records.is_empty());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].rule, "metrics-unknown-format");
        assert_eq!((diags[0].file.as_str(), diags[0].line), ("metrics/odd.csv", 1));
        assert!(diags[0].message.contains("a, b, c"), "{}", diags[0].message);
    }

    #[test]
    fn a_long_file_of_bad_rows_stays_linear() {
        // 100,000 rows whose counts are not numbers: each is a finding quoting its line.
        // Looking each line up from the top took minutes; splitting once takes well under one.
        let rows = 100_000;
        let mut csv = String::from("post,platform,date,impressions\n");
        for i in 0..rows {
            csv.push_str(&format!("2026-12/p{i},x,2026-12-08,{i}.5K\n"));
        }
        let started = std::time::Instant::now();
        let (records, diags) = parse_csv("metrics/bad.csv", csv.as_bytes());
        let took = started.elapsed();
        assert!(records.is_empty());
        assert_eq!(
            diags.iter().filter(|d| d.rule == "metrics-malformed-row").count(),
            rows
        );
        let last = diags.iter().max_by_key(|d| d.line).expect("findings");
        assert_eq!(last.line as usize, rows + 1);
        let quoted = format!("2026-12/p{},x,2026-12-08,{}.5K", rows - 1, rows - 1);
        assert_eq!(last.source_line.as_deref(), Some(quoted.as_str()));
        assert!(
            took < std::time::Duration::from_secs(30),
            "{rows} bad rows took {took:?}"
        );
    }

    #[test]
    fn empty_file_is_reported() {
        let (records, diags) = parse_csv("metrics/empty.csv", b"");
        assert!(records.is_empty());
        assert_eq!(diags[0].rule, "metrics-unknown-format");
    }

    #[test]
    fn x_overview_export_is_an_account_export_not_a_post_export() {
        let csv = "Date,Impressions,Engagements,Likes,Replies,Reposts,New follows\n\
                   \"Tue, Jul 14, 2026\",100,5,3,1,1,0\n";
        let (records, diags) = parse_csv("metrics/overview.csv", csv.as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].key, PostKey::Account);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.contains("`Unfollows`"), "{}", diags[0].message);
    }

    #[test]
    fn utf16_file_with_bom_is_decoded() {
        let text = "post,platform,date,impressions,reach,likes,comments,shares,saves,clicks,video_views,followers\n\
                    a,x,2026-01-02,10,,1,,,,,,\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (records, diags) = parse_csv("metrics/n.csv", &bytes);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].impressions, Some(10));
    }

    #[test]
    fn hostile_input_never_panics() {
        let header = normalised::HEADER;
        let inputs: Vec<Vec<u8>> = vec![
            vec![0xFF, 0xFE, 0x00],
            vec![0xFE, 0xFF],
            vec![0xEF, 0xBB, 0xBF],
            b"\x00\x01\x02binary\xff\xfe".to_vec(),
            format!("{header}\n\"unterminated,x,2026-01-01\n").into_bytes(),
            format!("{header}\na,x,2026-01-01,99999999999999999999999,,,,,,,,\n").into_bytes(),
            format!("{header}\na,x,9999-99-99,1,,,,,,,,\n").into_bytes(),
            format!("{header}\n{}\n", "a,".repeat(10_000)).into_bytes(),
            "sep=\n".as_bytes().to_vec(),
            "sep=;".as_bytes().to_vec(),
            "Permalink\n\u{1F600}://\u{1F600}/p/\u{1F600}\n"
                .as_bytes()
                .to_vec(),
            "Tweet id\n\u{00e9}\u{00e9}\n".as_bytes().to_vec(),
            "Post Link\nhttps://x.com/\n".as_bytes().to_vec(),
        ];
        for input in inputs {
            let (records, diags) = parse_csv("metrics/bad.csv", &input);
            assert!(records.len() <= 1, "{records:?}");
            assert!(diags.iter().all(|d| d.file == "metrics/bad.csv"));
        }
    }

    #[test]
    fn every_rule_is_listed_once() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        assert!(names.iter().all(|n| n.starts_with("metrics-")));
    }
}
