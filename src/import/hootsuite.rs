//! Hootsuite's bulk-composer CSV: no header row, three columns per message (date and
//! time, message text, an optional link), one file per social profile. The date layout is
//! chosen in Hootsuite's upload dialog (`dd/mm/yyyy hh:mm` or `mm/dd/yyyy hh:mm`), so the
//! file cannot say which it is: the importer needs `--date-format` and, because the file
//! names no network, `--platform`. Sources are cited in docs/import.md.

use super::Context;
use super::draft::{Draft, body_text};
use super::table::Line;

/// One bulk-composer row as a draft for the `--platform` network.
pub(crate) fn read_row(line: &Line, context: &Context) -> Result<Draft, String> {
    let platform = context
        .platform
        .ok_or_else(|| "a Hootsuite file names no network; pass --platform".to_owned())?;
    let cell = |i: usize| line.cells.get(i).map_or("", |c| c.trim());
    if cell(1).is_empty() {
        return Err("the message (second column) is empty".to_owned());
    }
    if line.cells.len() > 3 && line.cells[3..].iter().any(|c| !c.trim().is_empty()) {
        return Err(format!(
            "{} columns; Hootsuite's bulk file has three (date, message, link)",
            line.cells.len()
        ));
    }
    let time = super::time::parse_time(cell(0), context.date_format, context.tz)?;
    let mut draft = Draft::new(line.line, time, vec![platform], body_text(&line.cells[1]));
    draft.link = (!cell(2).is_empty()).then(|| cell(2).to_owned());
    Ok(draft)
}
