//! The containers exports come in, told apart by their bytes (never by the file's
//! name): plain CSV text; a spreadsheet (LinkedIn's `.xls`, or `.xlsx` / `.ods` once
//! re-saved), read with `calamine`; a zip of CSV files (YouTube Studio's download,
//! which holds `Table data.csv`, `Chart data.csv` and `Totals.csv`), read with `zip`.
//!
//! A sheet becomes the same rows as a CSV, its row numbers standing for lines, so every
//! importer reads both alike. A workbook reports an unrecognised format only when none
//! of its sheets is recognised (LinkedIn's followers workbook has demographic sheets
//! beside the per-day one). A zip's CSV entries are read as files named
//! `<zip>/<entry>`. Nothing is ever unpacked to disk.

use std::io::{Cursor, Read};

use calamine::{Data, Reader};

use super::cells::NumberStyle;
use super::table::{self, GridRow};
use super::{Grid, ParsedFile, UNREAD_FILE, attach_source_lines, parse_text, read_grid};
use crate::diagnostic::{Diagnostic, Pos};

/// What a file's bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// CSV or other text.
    Text,
    /// An OLE (`.xls`) or zipped (`.xlsx`, `.ods`) workbook.
    Workbook,
    /// A zip that is not a workbook.
    Archive,
}

/// The largest entry of a zip that is read (a CSV of analytics is far smaller); a
/// larger one is reported rather than read into memory.
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// Tells the container from the first bytes (and, for a zip, its entry names).
pub(super) fn sniff(bytes: &[u8]) -> Kind {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        return Kind::Workbook;
    }
    if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"PK\x05\x06") {
        return Kind::Text;
    }
    let workbook_part = |name: &str| {
        matches!(
            name,
            "[Content_Types].xml" | "xl/workbook.xml" | "content.xml" | "mimetype"
        )
    };
    match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive)
            if archive
                .file_names()
                .any(|name| name.is_ok_and(|n| workbook_part(&n))) =>
        {
            Kind::Workbook
        }
        _ => Kind::Archive,
    }
}

/// Reads every sheet of a workbook; a workbook that makes the spreadsheet reader fail
/// inside (a damaged file) is reported as unreadable like any other.
pub(super) fn parse_workbook(file: &str, bytes: &[u8]) -> ParsedFile {
    crate::untrusted::contain(|| read_workbook(file, bytes)).unwrap_or_else(|reason| {
        unread(
            file,
            format!("the spreadsheet is damaged and cannot be read ({reason}); download it again"),
        )
    })
}

fn read_workbook(file: &str, bytes: &[u8]) -> ParsedFile {
    let mut workbook = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(err) => return unread(file, format!("the spreadsheet cannot be opened: {err}")),
    };
    let mut parsed = ParsedFile::default();
    let mut unrecognised = Vec::new();
    for name in workbook.sheet_names() {
        let rows = match workbook.worksheet_range(&name) {
            Ok(range) => sheet_rows(&range),
            Err(err) => {
                unrecognised.push(unread_diagnostic(
                    file,
                    format!("sheet \"{name}\" cannot be read: {err}"),
                ));
                continue;
            }
        };
        let grid = Grid {
            file,
            sheet: Some(&name),
            rows: &rows,
            numbers: NumberStyle::ENGLISH,
        };
        let text = sheet_text(&rows);
        match read_grid(&grid) {
            Ok((records, mut diagnostics)) => {
                attach_source_lines(&mut diagnostics, &text);
                parsed.records.extend(records);
                parsed.diagnostics.extend(diagnostics);
                parsed.texts.push((file.to_owned(), text));
            }
            Err(unknown) => unrecognised.push(*unknown),
        }
    }
    if parsed.texts.is_empty() {
        parsed.diagnostics.extend(unrecognised.into_iter().take(1));
    }
    if parsed.texts.len() > 1 {
        // Two sheets' rows share line numbers: a later finding could quote the wrong one.
        parsed.texts.clear();
    }
    parsed
}

/// A sheet's rows as text cells, each with its 1-based row number.
fn sheet_rows(range: &calamine::Range<Data>) -> Vec<GridRow> {
    let first_row = range.start().map_or(0, |(row, _)| row);
    let first_column = range.start().map_or(0, |(_, column)| column) as usize;
    range
        .rows()
        .enumerate()
        .map(|(at, cells)| {
            let line = first_row.saturating_add(at as u32).saturating_add(1);
            let leading = std::iter::repeat_n(String::new(), first_column);
            Ok(table::record_at(line, leading.chain(cells.iter().map(cell_text))))
        })
        .collect()
}

/// The sheet's rows one per line at their row numbers, cells joined by tabs: what a
/// finding about a row quotes.
fn sheet_text(rows: &[GridRow]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for record in rows.iter().flatten() {
        let line = table::record_line(record) as usize;
        if line == 0 {
            continue;
        }
        if lines.len() < line {
            lines.resize(line, String::new());
        }
        lines[line - 1] = record.iter().collect::<Vec<_>>().join("\t");
    }
    lines.join("\n")
}

/// A cell as the text a CSV export would have: whole numbers without `.0`, dates as
/// `YYYY-MM-DD` (with the time when it has one), durations as `h:mm:ss`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(value) if value.is_duration() => clock_text(value.as_f64() * 86_400.0),
        Data::DateTime(value) => match value.as_datetime() {
            Some(time) if time.time() == chrono::NaiveTime::MIN => time.format("%Y-%m-%d").to_string(),
            Some(time) => time.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => float_text(value.as_f64()),
        },
        Data::Error(err) => format!("#{err}"),
    }
}

/// `12` for 12.0, `0.0523` as it is.
fn float_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// `1:02:03` for 3723 seconds.
fn clock_text(seconds: f64) -> String {
    let total = seconds.round().max(0.0) as u64;
    format!("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
}

/// Reads every CSV inside a zip as a file of its own, named `<zip>/<entry>`.
pub(super) fn parse_archive(file: &str, bytes: &[u8]) -> ParsedFile {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(err) => return unread(file, format!("the zip cannot be opened: {err}")),
    };
    let mut parsed = ParsedFile::default();
    for index in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(index) else {
            continue;
        };
        let Ok(entry_name) = entry.name().map(|n| n.trim_start_matches('/').to_owned()) else {
            continue;
        };
        if !entry.is_file() || !entry_name.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        let name = format!("{file}/{entry_name}");
        if entry.size() > MAX_ENTRY_BYTES {
            parsed.diagnostics.push(unread_diagnostic(
                &name,
                format!(
                    "the entry is {} bytes, more than an analytics export holds",
                    entry.size()
                ),
            ));
            continue;
        }
        let mut entry_bytes = Vec::new();
        if let Err(err) = (&mut entry).take(MAX_ENTRY_BYTES).read_to_end(&mut entry_bytes) {
            parsed.diagnostics.push(unread_diagnostic(
                &name,
                format!("the entry cannot be unpacked: {err}"),
            ));
            continue;
        }
        let text = table::decode(&entry_bytes);
        let (records, mut diagnostics) = parse_text(&name, &text);
        attach_source_lines(&mut diagnostics, &text);
        parsed.records.extend(records);
        parsed.diagnostics.extend(diagnostics);
        parsed.texts.push((name, text));
    }
    if parsed.texts.is_empty() && parsed.diagnostics.is_empty() {
        return unread(file, "the zip holds no CSV file".to_owned());
    }
    parsed
}

/// A file that is skipped, with why.
fn unread(file: &str, why: String) -> ParsedFile {
    ParsedFile {
        diagnostics: vec![unread_diagnostic(file, why)],
        ..ParsedFile::default()
    }
}

/// The [`UNREAD_FILE`] finding.
pub(super) fn unread_diagnostic(file: &str, why: String) -> Diagnostic {
    Diagnostic::new(
        &UNREAD_FILE,
        file,
        Pos::new(0, 1),
        format!("{why}; the file is skipped"),
    )
    .help("export the figures again as CSV or as the network's spreadsheet, or move the file out of metrics/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_are_told_by_their_bytes() {
        assert_eq!(sniff(b"post,platform\n"), Kind::Text);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Kind::Workbook
        );
        assert_eq!(sniff(b"PK\x03\x04garbage"), Kind::Archive);
    }

    #[test]
    fn cells_read_like_a_csv_export() {
        assert_eq!(cell_text(&Data::Float(12.0)), "12");
        assert_eq!(cell_text(&Data::Float(0.0523)), "0.0523");
        assert_eq!(cell_text(&Data::Int(-3)), "-3");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(clock_text(3723.0), "1:02:03");
    }

    #[test]
    fn broken_workbooks_and_zips_are_unread_files() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3];
        let parsed = super::super::parse_file("metrics/broken.xls", &ole);
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.diagnostics[0].rule, "metrics-unread-file");
        assert_eq!(parsed.diagnostics[0].file, "metrics/broken.xls");
        let parsed = super::super::parse_file("metrics/broken.zip", b"PK\x03\x04garbage");
        assert_eq!(parsed.diagnostics[0].rule, "metrics-unread-file");
    }
}
