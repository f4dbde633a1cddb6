//! Any calendar, through a column map: `--map "Datum=publish_at,Text=text,Kanal=platforms"`
//! names, for each column of the file that matters, the field it fills. The header row is
//! the first row holding every mapped column (names compared without regard to case).

use super::Context;
use super::draft::{Draft, Header, body_text, hashtags_in, platforms_in, status_named};
use super::table::Line;

/// The fields a column can fill.
pub(crate) const TARGETS: [&str; 14] = [
    "publish_at",
    "date",
    "time",
    "text",
    "platforms",
    "title",
    "post",
    "link",
    "hashtags",
    "status",
    "pillar",
    "campaign",
    "media",
    "first_comment",
];

/// A parsed `--map`: (column name, field) pairs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMap(Vec<(String, String)>);

impl ColumnMap {
    /// Parses `Column=field,Column=field`; an unknown field or a missing `=` is an error
    /// that lists the fields.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut pairs = Vec::new();
        for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (column, field) = item
                .rsplit_once('=')
                .ok_or_else(|| format!("--map entry `{item}` has no `=`; write Column=field"))?;
            let field = field.trim().to_lowercase();
            if !TARGETS.contains(&field.as_str()) {
                return Err(format!(
                    "--map entry `{item}`: unknown field `{field}`; use one of: {}",
                    TARGETS.join(", ")
                ));
            }
            pairs.push((column.trim().to_owned(), field));
        }
        let has = |f: &str| pairs.iter().any(|(_, t)| t == f);
        if !has("text") || !has("platforms") || !(has("publish_at") || has("date")) {
            return Err(
                "--map must name the columns for text, platforms and publish_at (or date and time)"
                    .to_owned(),
            );
        }
        Ok(ColumnMap(pairs))
    }

    /// Whether `header` holds every mapped column.
    pub(crate) fn matches(&self, header: &Header) -> bool {
        self.0.iter().all(|(column, _)| header.has_loosely(column))
    }

    /// The trimmed cell of the column mapped to `post` ("" when not mapped).
    pub(crate) fn post_cell(&self, header: &Header, cells: &[String]) -> String {
        self.field(header, cells, "post").to_owned()
    }

    /// The cell of the column mapped to `field`, trimmed ("" when not mapped).
    fn field<'c>(&self, header: &Header, cells: &'c [String], field: &str) -> &'c str {
        self.0
            .iter()
            .find(|(_, f)| f == field)
            .map_or("", |(column, _)| header.cell(cells, column).trim())
    }
}

/// One calendar row as a draft.
pub(crate) fn read_row(
    map: &ColumnMap,
    header: &Header,
    line: &Line,
    context: &Context,
) -> Result<Draft, String> {
    let get = |field: &str| map.field(header, &line.cells, field);
    let opt = |field: &str| Some(get(field).to_owned()).filter(|v| !v.is_empty());
    let text = get("text");
    if text.is_empty() {
        return Err("the text cell is empty".to_owned());
    }
    let platforms = platforms_in(get("platforms"))?;
    let when = match opt("publish_at") {
        Some(t) => t,
        None => format!("{} {}", get("date"), get("time")).trim().to_owned(),
    };
    let time = super::time::parse_time(&when, context.date_format, context.tz)?;
    let mut draft = Draft::new(line.line, time, platforms, body_text(text));
    draft.post = opt("post");
    draft.title = opt("title");
    draft.link = opt("link");
    draft.hashtags = hashtags_in(get("hashtags"));
    draft.first_comment = opt("first_comment");
    draft.pillar = opt("pillar");
    draft.campaign = opt("campaign");
    draft.media = get("media")
        .split([',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| (p.to_owned(), None))
        .collect();
    draft.status = match opt("status") {
        Some(s) => Some(status_named(&s)?),
        None => None,
    };
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_names_columns_and_fields() {
        let map = ColumnMap::parse("Datum=publish_at, Text=text,Kanal=platforms").unwrap();
        assert!(map.matches(&Header::new(&["kanal".into(), "Datum".into(), "TEXT".into()])));
        assert!(!map.matches(&Header::new(&["Datum".into(), "Text".into()])));
    }

    #[test]
    fn a_bad_map_says_what_is_wrong() {
        assert!(ColumnMap::parse("Datum").unwrap_err().contains("no `=`"));
        assert!(
            ColumnMap::parse("Datum=when")
                .unwrap_err()
                .contains("unknown field `when`")
        );
        assert!(
            ColumnMap::parse("Datum=publish_at")
                .unwrap_err()
                .contains("must name")
        );
    }
}
