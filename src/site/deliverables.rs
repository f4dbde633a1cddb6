//! The data of the client deliverables (`strategy.pdf`, `report.pdf`): the same views the
//! strategy page and the report page are rendered from, as JSON, so the PDFs show the
//! very figures and words of the HTML (nothing is computed twice).

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::views::Views;
use super::{SiteError, load_words, pages};
use crate::Checked;
use crate::lang::format::{Lang, date_long, date_short};

/// What the PDF templates receive: `strategy` and `report` with the shared `site` facts.
pub(crate) struct DeliverableData {
    /// `{site, strategy}`: the strategy document.
    pub strategy: Value,
    /// `{site, report}`: the report over the period.
    pub report: Value,
}

/// The data of both deliverables on `today`, the report over `from`–`to` (inclusive,
/// either open; none: every row).
pub(crate) fn deliverable_data(
    checked: &Checked,
    today: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<DeliverableData, SiteError> {
    let project = &checked.project;
    let lang = Lang::from_code(&project.config.language);
    let words = load_words(&project.root, lang)?;
    let views = Views::new(checked, &words, today, &checked.texts);
    let mut strategy = pages::strategy_context(&views).into_json();
    add_paragraphs(&mut strategy);
    let records = crate::report::records_in_period(project, &checked.metrics, from, to);
    let report = crate::report::build_report(project, &records, &words, today);
    let shown = |day: Option<NaiveDate>, fallback: &Option<String>| {
        day.map(|d| date_short(lang, d)).or_else(|| fallback.clone())
    };
    let period = match (shown(from, &report.from_display), shown(to, &report.to_display)) {
        (Some(a), Some(b)) => Some(format!("{a} – {b}")),
        (Some(a), None) | (None, Some(a)) => Some(a),
        (None, None) => None,
    };
    let site = json!({
        "language": lang.code(),
        "name": project.config.name,
        "client": project.config.client,
        "today": date_long(lang, today),
        "brand": crate::brand::brand_of(project).map(|(view, _)| view),
        "words": words.pdf(),
        "t": words.site(),
    });
    let report = serde_json::to_value(&report).unwrap_or(Value::Null);
    Ok(DeliverableData {
        strategy: json!({ "site": site, "strategy": strategy }),
        report: json!({ "site": site, "report": report, "period": period }),
    })
}

/// Beside every `KEY_html` string (Markdown rendered and sanitised for the page) puts
/// `KEY_paragraphs`: its paragraphs as plain text, for typst to set as text (no markup).
fn add_paragraphs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let extra: Vec<(String, Value)> = map
                .iter()
                .filter_map(|(key, v)| {
                    let stem = key.strip_suffix("_html")?;
                    let html = v.as_str()?;
                    Some((format!("{stem}_paragraphs"), json!(html_paragraphs(html))))
                })
                .collect();
            for v in map.values_mut() {
                add_paragraphs(v);
            }
            map.extend(extra);
        }
        Value::Array(items) => items.iter_mut().for_each(add_paragraphs),
        _ => {}
    }
}

/// One block of a text for the PDFs: a paragraph, a heading or a list item, as plain text.
#[derive(Debug, PartialEq, serde::Serialize)]
struct Block {
    /// `p`, `h` or `li`.
    kind: &'static str,
    /// The words, tags removed and entities decoded.
    text: String,
}

/// The blocks of sanitised HTML as plain text: block elements and `<br>` end a block,
/// headings and list items are marked, soft line breaks become spaces, tags go and the
/// entities the sanitiser writes are decoded.
fn html_paragraphs(html: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut kind = "p";
    let mut flush = |current: &mut String, kind: &'static str| {
        let text =
            crate::compose::text::decode_entities(&current.split_whitespace().collect::<Vec<_>>().join(" "));
        if !text.is_empty() {
            blocks.push(Block { kind, text });
        }
        current.clear();
    };
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        current.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].to_ascii_lowercase();
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                flush(&mut current, kind);
                kind = if closing { "p" } else { "h" };
            }
            "li" => {
                flush(&mut current, kind);
                kind = if closing { "p" } else { "li" };
            }
            "p" | "br" | "ul" | "ol" | "blockquote" | "pre" | "tr" => flush(&mut current, kind),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    current.push_str(rest);
    flush(&mut current, kind);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_paragraphs() {
        let html = "<p>Erste &amp; <strong>beste</strong> Zeile</p>\n<ul><li>eins</li><li>zwei &#39;x&#39;</li></ul><p>a<br>b &lt;c&gt;</p>";
        let html = format!("<h3>Ziel</h3>{html}<p>weich\numbrochen</p>");
        let block = |kind, text: &str| Block {
            kind,
            text: text.to_owned(),
        };
        assert_eq!(
            html_paragraphs(&html),
            [
                block("h", "Ziel"),
                block("p", "Erste & beste Zeile"),
                block("li", "eins"),
                block("li", "zwei 'x'"),
                block("p", "a"),
                block("p", "b <c>"),
                block("p", "weich umbrochen"),
            ]
        );
        assert_eq!(
            crate::compose::text::decode_entities("R&D &unknown; &#x41;"),
            "R&D &unknown; A"
        );
    }

    #[test]
    fn the_data_holds_plain_paragraphs_and_the_period_asked_for() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
        let checked = crate::check_project(&root, &crate::Options::default()).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d);
        let data = deliverable_data(&checked, day(31).unwrap(), day(14), day(20)).unwrap();
        assert_eq!(data.report["period"], "14.12.2026 – 20.12.2026");
        let persona = &data.strategy["strategy"]["personas"][0];
        assert!(persona["body_html"].as_str().unwrap().contains("<p>"));
        let paragraphs = persona["body_paragraphs"].as_array().unwrap();
        assert!(!paragraphs.is_empty());
        assert!(
            paragraphs
                .iter()
                .all(|p| !p["text"].as_str().unwrap().contains('<'))
        );
        assert_eq!(data.strategy["site"]["client"], "Radwerk GmbH");
        assert_eq!(data.strategy["site"]["brand"]["primary"], "#0a7f5a");
    }
}
