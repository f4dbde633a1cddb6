//! Header and row access shared by the importers: decoding, delimiter sniffing,
//! columns matched by name, typed cells.

use chrono::NaiveDate;

use super::MetricRecord;
use super::cells::{self, NumberStyle};

/// What an importer knows about the file it reads.
pub(super) struct FileContext<'a> {
    /// Repository-relative path, for diagnostics and records.
    pub file: &'a str,
    /// The last date in the file name (exports name their period), if any.
    pub snapshot: Option<NaiveDate>,
    /// Thousands and decimal separators, from the delimiter.
    pub numbers: NumberStyle,
    /// The first cell of each row above the header (Meta's daily series names its
    /// metric there).
    pub preamble: Vec<String>,
}

/// One row of a CSV or a sheet: its cells (with the line as the record's position),
/// or the line and why it cannot be read.
pub(super) type GridRow = Result<csv::StringRecord, (u32, String)>;

/// The 1-based line (CSV) or row (sheet) a record was read from.
pub(super) fn record_line(record: &csv::StringRecord) -> u32 {
    record.position().map_or(0, |p| p.line() as u32)
}

/// A record of `cells` that remembers its line, for rows that do not come from the CSV
/// reader (a sheet's rows).
pub(super) fn record_at(line: u32, cells: impl IntoIterator<Item = String>) -> csv::StringRecord {
    let mut record: csv::StringRecord = cells.into_iter().collect();
    let mut position = csv::Position::new();
    position.set_line(u64::from(line));
    record.set_position(Some(position));
    record
}

/// Every row of CSV text (after [`prepare`]), in order.
pub(super) fn csv_rows(text: &str, delimiter: u8) -> Vec<GridRow> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|result| {
            result.map_err(|err| {
                let line = err.position().map_or(0, |p| p.line() as u32);
                (line, err.to_string())
            })
        })
        .collect()
}

/// A column as the user knows it (`label`) and the header names it goes by.
pub(super) struct Column {
    /// Name used in messages.
    pub label: &'static str,
    /// Accepted header names, already in [`normalise_name`] form.
    pub aliases: &'static [&'static str],
}

/// One recognised file format.
pub(super) struct FormatSpec {
    /// Shown in messages: "X post activity export".
    pub name: &'static str,
    /// Without these no row can be joined to a post.
    pub required: &'static [Column],
    /// Reported when absent; rows are still read.
    pub expected: &'static [Column],
    /// Turns one row into a record (`None`: a row that is not about a post or an
    /// account day, such as YouTube's `Total`), or says why it cannot.
    pub read: fn(&Row<'_>, &FileContext<'_>) -> Result<Option<MetricRecord>, String>,
}

/// Turns the file's bytes into text: UTF-16 with a BOM is decoded, a UTF-8 BOM
/// dropped, invalid UTF-8 replaced (the affected cells then fail to parse).
pub(super) fn decode(bytes: &[u8]) -> String {
    let utf16 = |big_endian: bool, rest: &[u8]| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| {
                let pair = [pair[0], pair[1]];
                if big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(false, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(true, rest),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Finds the delimiter and blanks an Excel `sep=;` hint line (keeping line numbers:
/// the CSV reader skips empty lines).
pub(super) fn prepare(text: &str) -> (String, u8) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    if let Some(hint) = first_line.trim().strip_prefix("sep=")
        && let Some(&delimiter) = hint.as_bytes().first()
    {
        let rest = &text[first_line.len()..];
        return (rest.to_owned(), delimiter);
    }
    (text.to_owned(), sniff_delimiter(first_line))
}

/// The most frequent of `,` `;` and tab outside quotes in the header line.
fn sniff_delimiter(line: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
            entry.1 += 1;
        }
    }
    counts
        .iter()
        .fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best })
        .0
}

/// Lower-case, trimmed, inner whitespace collapsed: how header names are compared.
pub(super) fn normalise_name(name: &str) -> String {
    name.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '"')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The header row, with names normalised for matching.
pub(super) struct Header {
    names: Vec<String>,
    raw: Vec<String>,
}

impl Header {
    /// Reads the header record.
    pub(super) fn new(record: &csv::StringRecord) -> Self {
        Header {
            names: record.iter().map(normalise_name).collect(),
            raw: record.iter().map(|c| c.trim().to_owned()).collect(),
        }
    }

    /// The index of the first column named by any alias (in alias order).
    pub(super) fn index(&self, aliases: &[&str]) -> Option<usize> {
        aliases
            .iter()
            .find_map(|alias| self.names.iter().position(|n| n == alias))
    }

    /// Whether a column of that (normalised) name exists.
    pub(super) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// The names in their compared form.
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// The names as the file wrote them.
    pub(super) fn raw_names(&self) -> impl Iterator<Item = &str> {
        self.raw.iter().map(String::as_str)
    }

    /// How many columns the header has.
    pub(super) fn len(&self) -> usize {
        self.names.len()
    }

    /// The name as written, for messages.
    fn raw_name(&self, index: usize) -> &str {
        self.raw.get(index).map_or("?", String::as_str)
    }
}

/// One data row with typed access by column name.
pub(super) struct Row<'a> {
    header: &'a Header,
    record: &'a csv::StringRecord,
    /// 1-based line where the row starts.
    pub line: u32,
    numbers: NumberStyle,
}

impl<'a> Row<'a> {
    /// Wraps a record for reading.
    pub(super) fn new(
        header: &'a Header,
        record: &'a csv::StringRecord,
        line: u32,
        numbers: NumberStyle,
    ) -> Self {
        Row {
            header,
            record,
            line,
            numbers,
        }
    }

    /// The same row with every cell passed through `undo`, for files whose writer changed
    /// cells (Touchpoint's own CSV prefixes formula-like cells with `'`).
    pub(super) fn mapped_cells(&self, undo: fn(&str) -> std::borrow::Cow<'_, str>) -> csv::StringRecord {
        self.record.iter().map(|cell| undo(cell)).collect()
    }

    /// This row's header, line and number style over other cells (see [`Row::mapped_cells`]).
    pub(super) fn with_record<'b>(&self, record: &'b csv::StringRecord) -> Row<'b>
    where
        'a: 'b,
    {
        Row::new(self.header, record, self.line, self.numbers)
    }

    /// A row with fewer cells than the header, or with extra non-empty cells, is
    /// probably shifted (an unquoted `15,000`): reading it by name would be wrong.
    pub(super) fn check_width(&self) -> Result<(), String> {
        let (have, want) = (self.record.len(), self.header.len());
        let extra_filled = self.record.iter().skip(want).any(|c| !c.trim().is_empty());
        if have < want || extra_filled {
            return Err(format!(
                "the row has {have} cells but the header has {want} columns; \
                 a number with a thousands separator must be quoted (\"15,000\")"
            ));
        }
        Ok(())
    }

    /// Whether the file has a column named by any alias.
    pub(super) fn has(&self, aliases: &[&str]) -> bool {
        self.header.index(aliases).is_some()
    }

    /// The trimmed text of the first column named by an alias; `None` if absent or empty.
    pub(super) fn text(&self, aliases: &[&str]) -> Option<&'a str> {
        let index = self.header.index(aliases)?;
        let cell = self.record.get(index)?.trim();
        (!cell.is_empty()).then_some(cell)
    }

    /// A whole number from the first column named by an alias; `Ok(None)` if absent or empty.
    pub(super) fn count(&self, aliases: &[&str]) -> Result<Option<u64>, String> {
        let Some(index) = self.header.index(aliases) else {
            return Ok(None);
        };
        let cell = self.record.get(index).unwrap_or("");
        cells::parse_count(cell, self.numbers)
            .map_err(|why| format!("column `{}`: {why}", self.header.raw_name(index)))
    }

    /// A count that may be abbreviated (`1.2K`), as TikTok writes them.
    pub(super) fn short_count(&self, aliases: &[&str]) -> Result<Option<u64>, String> {
        self.cell_with(aliases, |cell, _, numbers| {
            cells::parse_short_count(cell, numbers)
        })
    }

    /// A number that may have decimals (`Watch time (hours)`).
    pub(super) fn decimal(&self, aliases: &[&str]) -> Result<Option<f64>, String> {
        self.cell_with(aliases, |cell, _, numbers| cells::parse_decimal(cell, numbers))
    }

    /// A duration in seconds (`0:12`, `1:02:03`).
    pub(super) fn seconds(&self, aliases: &[&str]) -> Result<Option<f64>, String> {
        self.cell_with(aliases, |cell, _, numbers| cells::parse_duration(cell, numbers))
    }

    /// A share as a fraction (`38%` is 0.38); a bare number is a percentage when the
    /// column's name has `%`.
    pub(super) fn rate(&self, aliases: &[&str]) -> Result<Option<f64>, String> {
        self.cell_with(aliases, |cell, name, numbers| {
            cells::parse_rate(cell, numbers, name.contains('%'))
        })
    }

    /// Parses the first column named by an alias with `parse` (given the cell, the
    /// column's name as written and the number style); `Ok(None)` if the column is absent.
    fn cell_with<T>(
        &self,
        aliases: &[&str],
        parse: impl Fn(&str, &str, NumberStyle) -> Result<Option<T>, String>,
    ) -> Result<Option<T>, String> {
        let Some(index) = self.header.index(aliases) else {
            return Ok(None);
        };
        let cell = self.record.get(index).unwrap_or("");
        let name = self.header.raw_name(index);
        parse(cell, name, self.numbers).map_err(|why| format!("column `{name}`: {why}"))
    }

    /// The sum of several count columns (X's reposts + shares); unknown only if all are.
    pub(super) fn sum(&self, columns: &[&[&str]]) -> Result<Option<u64>, String> {
        let mut total: Option<u64> = None;
        for aliases in columns {
            if let Some(n) = self.count(aliases)? {
                total = Some(total.unwrap_or(0).saturating_add(n));
            }
        }
        Ok(total)
    }

    /// The header name as written for the first column named by an alias.
    pub(super) fn column_name(&self, aliases: &[&str]) -> &str {
        self.header
            .index(aliases)
            .map_or("?", |i| self.header.raw_name(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;\"c,d,e\""), b';');
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
    }

    #[test]
    fn sep_hint_line_sets_the_delimiter_and_keeps_line_numbers() {
        let (text, delimiter) = prepare("sep=;\na;b\n1;2\n");
        assert_eq!(delimiter, b';');
        assert_eq!(text, "\na;b\n1;2\n");
    }

    #[test]
    fn names_compare_loosely() {
        assert_eq!(normalise_name("\u{feff}\"Post  ID\" "), "post id");
        assert_eq!(normalise_name("Reichweite"), "reichweite");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFPost ID"), "Post ID");
    }
}
