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
mod join;
mod meta;
mod normalised;
mod permalink;
mod table;
mod x;

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
    /// The network's own engagement count, where its export carries one (X's
    /// `engagements`): it counts more than Touchpoint's definition, so the report shows
    /// it beside Touchpoint's figure for the client to recognise, never in its sums.
    pub network_engagements: Option<u64>,
}

impl MetricRecord {
    /// A record with every figure unknown; importers fill in what their file has.
    pub fn new(file: &str, line: u32, key: PostKey, platform: Platform) -> Self {
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
            network_engagements: None,
        }
    }
}

/// Reads one metrics file. `file` is its path relative to the repository root
/// (used in diagnostics and, for network exports, to find the snapshot date in
/// the file name); `bytes` its content in UTF-8 (with or without BOM) or UTF-16.
pub fn parse_csv(file: &str, bytes: &[u8]) -> (Vec<MetricRecord>, Vec<Diagnostic>) {
    let text = table::decode(bytes);
    let (records, mut diagnostics) = parse_text(file, &text);
    attach_source_lines(&mut diagnostics, &text);
    (records, diagnostics)
}

/// Reads decoded text: header, format, rows.
fn parse_text(file: &str, text: &str) -> (Vec<MetricRecord>, Vec<Diagnostic>) {
    let (text, delimiter) = table::prepare(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut diagnostics = Vec::new();
    let mut rows = reader.records();
    let Some(header) = next_header(file, &mut rows, &mut diagnostics) else {
        return (records, diagnostics);
    };
    let Some(spec) = detect(&header) else {
        diagnostics.push(unknown_format(file, &header));
        return (records, diagnostics);
    };
    if !report_missing_columns(file, &header, spec, &mut diagnostics) {
        return (records, diagnostics);
    }
    let ctx = FileContext {
        file,
        snapshot: cells::date_in_file_name(file),
        numbers: cells::NumberStyle::for_delimiter(delimiter),
    };
    for result in rows {
        match result {
            Ok(record) => read_record(&ctx, &header, spec, &record, &mut records, &mut diagnostics),
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line() as u32);
                diagnostics.push(malformed(
                    file,
                    line,
                    format!("the CSV cannot be read here: {err}"),
                ));
            }
        }
    }
    (records, diagnostics)
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

/// Reads the header row, or reports why there is none.
fn next_header(
    file: &str,
    rows: &mut csv::StringRecordsIter<'_, &[u8]>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Header> {
    match rows.next() {
        Some(Ok(record)) => Some(Header::new(&record)),
        Some(Err(err)) => {
            diagnostics.push(malformed(
                file,
                1,
                format!("the header row cannot be read: {err}"),
            ));
            None
        }
        None => {
            diagnostics.push(
                Diagnostic::new(&UNKNOWN_FORMAT, file, Pos::new(1, 1), "the file is empty")
                    .help("delete it or export the figures again"),
            );
            None
        }
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
        Ok(metric) => records.push(metric),
        Err(message) => diagnostics.push(malformed(ctx.file, line, message)),
    }
}

/// Picks the format whose signature columns the header has.
fn detect(header: &Header) -> Option<&'static FormatSpec> {
    normalised::detect(header)
        .or_else(|| x::detect(header))
        .or_else(|| meta::detect(header))
}

/// Reports absent columns; returns false when a required one is absent and no row can be read.
fn report_missing_columns(
    file: &str,
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
                    Pos::new(1, 1),
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
                    Pos::new(1, 1),
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
fn unknown_format(file: &str, header: &Header) -> Diagnostic {
    let shown: Vec<&str> = header.raw_names().take(6).collect();
    Diagnostic::new(
        &UNKNOWN_FORMAT,
        file,
        Pos::new(1, 1),
        format!(
            "the header row ({}{}) matches no metrics format Touchpoint reads",
            shown.join(", "),
            if header.len() > shown.len() { ", …" } else { "" }
        ),
    )
    .help(format!(
        "use the normalised header `{}`, or an X post activity / Meta Business Suite post export",
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
    fn x_overview_export_is_not_a_post_export() {
        let csv = "Date,Impressions,Engagements,Likes,Replies,Reposts,New follows\n\
                   \"Tue, Jul 14, 2026\",100,5,3,1,1,0\n";
        let (records, diags) = parse_csv("metrics/overview.csv", csv.as_bytes());
        assert!(records.is_empty());
        assert_eq!(diags[0].rule, "metrics-unknown-format");
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
