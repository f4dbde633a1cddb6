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
    let strategy = pages::strategy_context(&views).into_json();
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

#[cfg(test)]
mod tests {
    #[test]
    fn dump() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
        let checked = crate::check_project(&root, &crate::Options::default()).unwrap();
        let d = super::deliverable_data(&checked, chrono::NaiveDate::from_ymd_opt(2027, 1, 17).unwrap(), None, None).unwrap();
        std::fs::write("/tmp/strategy.json", serde_json::to_string_pretty(&d.strategy).unwrap()).unwrap();
        std::fs::write("/tmp/report.json", serde_json::to_string_pretty(&d.report).unwrap()).unwrap();
    }
}
