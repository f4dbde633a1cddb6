//! Reading a content calendar into rows of text cells, each with the line (CSV) or row
//! (spreadsheet) where it starts, so every problem can name its place.
//!
//! CSV goes through the csv crate (RFC 4180: a quoted cell may span lines, so a record's
//! line is where it starts, not its index); `.xlsx`, `.xlsm`, `.xls` and `.ods` through
//! calamine, first sheet only. Spreadsheet date cells become local ISO 8601 times
//! (`2026-12-01T09:00:00`), which the importer reads in the repository's timezone.

use std::path::Path;

use calamine::{Data, Reader};

use super::ImportError;

/// One row of the file: its cells as text, and where it starts (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// The line (CSV) or spreadsheet row where the row starts.
    pub(crate) line: usize,
    /// The cells, left to right.
    pub(crate) cells: Vec<String>,
}

impl Line {
    /// Whether every cell is empty (blank rows are skipped, not reported).
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Reads every row of `path`: a spreadsheet by its extension, anything else as CSV.
pub(crate) fn read_table(path: &Path) -> Result<Vec<Line>, ImportError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_spreadsheet(path),
        _ => {
            let bytes =
                std::fs::read(path).map_err(|e| ImportError::Read(path.to_path_buf(), e.to_string()))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                ImportError::Read(
                    path.to_path_buf(),
                    format!(
                        "not UTF-8 text (byte {}); save the file as CSV UTF-8",
                        e.utf8_error().valid_up_to()
                    ),
                )
            })?;
            read_csv(&text).map_err(|e| ImportError::Read(path.to_path_buf(), e))
        }
    }
}

/// Reads CSV text: a leading byte-order mark is dropped, and the delimiter is `;` when the
/// first lines hold more semicolons than commas (spreadsheets in German locales write so).
pub(crate) fn read_csv(text: &str) -> Result<Vec<Line>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| match e.position() {
            Some(pos) => format!("line {}: {}", pos.line(), e),
            None => e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        lines.push(Line {
            line,
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    Ok(lines)
}

fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(10).collect();
    if head.matches(';').count() > head.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Reads the first sheet; a damaged file that makes the spreadsheet reader fail inside
/// is reported like any unreadable file.
fn read_spreadsheet(path: &Path) -> Result<Vec<Line>, ImportError> {
    crate::untrusted::contain(|| read_first_sheet(path)).unwrap_or_else(|reason| {
        Err(ImportError::Read(
            path.to_path_buf(),
            format!("the spreadsheet is damaged ({reason}); save it again from the spreadsheet program"),
        ))
    })
}

fn read_first_sheet(path: &Path) -> Result<Vec<Line>, ImportError> {
    let fail = |e: String| ImportError::Read(path.to_path_buf(), e);
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| fail(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| fail("the workbook has no sheet".to_owned()))?
        .map_err(|e| fail(e.to_string()))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let first_col = range.start().map_or(0, |(_, col)| col as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![String::new(); first_col];
            cells.extend(row.iter().map(cell_text));
            Line {
                line: first_row + i + 1,
                cells,
            }
        })
        .collect())
}

/// A spreadsheet cell as text: whole numbers without `.0`, dates as local ISO 8601.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(t) => t
            .as_datetime()
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_cell_across_lines_keeps_the_line_where_its_record_starts() {
        let lines = read_csv("a,b\n1,\"two\nlines\"\n3,x\n").unwrap();
        let starts: Vec<usize> = lines.iter().map(|l| l.line).collect();
        assert_eq!(starts, vec![1, 2, 4]);
        assert_eq!(lines[1].cells, vec!["1", "two\nlines"]);
    }

    #[test]
    fn semicolons_and_a_byte_order_mark_are_understood() {
        let lines = read_csv("\u{feff}Datum;Text\n2026-12-01;Hallo, Welt\n").unwrap();
        assert_eq!(lines[0].cells, vec!["Datum", "Text"]);
        assert_eq!(lines[1].cells, vec!["2026-12-01", "Hallo, Welt"]);
    }

    #[test]
    fn whole_floats_lose_their_fraction() {
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Empty), "");
    }
}
