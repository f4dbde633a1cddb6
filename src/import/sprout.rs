//! Sprout Social's bulk-scheduling CSV: case-sensitive headers `date` (dd/mm/yyyy or
//! mm/dd/yyyy, as chosen in Sprout's import preferences), `time_24hr` and `message_text`
//! (Sprout help article 115005864203, cited in docs/import.md). The day order cannot be
//! read from the file, so dates need `--date-format` over `date time_24hr` (for example
//! `"%d/%m/%Y %H:%M"`); the file names no network, so `--platform` is needed too.

use super::Context;
use super::draft::{Draft, Header, body_text};
use super::table::Line;

/// The headers Sprout requires, exactly.
pub(crate) const REQUIRED: [&str; 3] = ["date", "time_24hr", "message_text"];

/// Whether `header` has Sprout's required columns.
pub(crate) fn matches(header: &Header) -> bool {
    REQUIRED.iter().all(|c| header.has(c))
}

/// One bulk-scheduling row as a draft for the `--platform` network.
pub(crate) fn read_row(header: &Header, line: &Line, context: &Context) -> Result<Draft, String> {
    let platform = context
        .platform
        .ok_or_else(|| "a Sprout Social file names no network; pass --platform".to_owned())?;
    let text = header.cell(&line.cells, "message_text");
    if text.trim().is_empty() {
        return Err("`message_text` is empty".to_owned());
    }
    let when = format!(
        "{} {}",
        header.cell(&line.cells, "date").trim(),
        header.cell(&line.cells, "time_24hr").trim()
    );
    let time = super::time::parse_time(&when, context.date_format, context.tz)?;
    let mut draft = Draft::new(line.line, time, vec![platform], body_text(text));
    let image = header.cell(&line.cells, "image_url").trim();
    if !image.is_empty() {
        draft.media.push((media_path(image, context.media_base)?, None));
    }
    Ok(draft)
}

/// The repository file an `image_url` names, or why it names none.
fn media_path(url: &str, base: Option<&str>) -> Result<String, String> {
    let Some(base) = base else {
        return Err(format!(
            "`image_url` {url}: set `[export] media_base_url` in touchpoint.toml so URLs under it \
             map back to the repository's files"
        ));
    };
    crate::export::media_url::media_path(base, url).ok_or_else(|| {
        format!(
            "`image_url` {url} is not a file under `[export] media_base_url` ({base}); \
             put the image in media/ and name it in the post"
        )
    })
}
