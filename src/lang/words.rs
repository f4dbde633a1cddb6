//! The one word list: every word the site, the report and the exports show, read from
//! data files (`themes/default/lang/en.toml`, `de.toml`, embedded in the binary) with a
//! project's `lang/<code>.toml` laid over them key by key.
//!
//! A file has three tables: `[site]` (the templates' `t.KEY` labels), `[report]` (the
//! report's words, typed as [`ReportWords`]) and `[plural]` (`{ one, other }` phrases
//! with `{n}` for the count). An override may only
//! name keys the built-in file has, so a typo is an error at its line, not a silent
//! English word on a German page.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::format::{Lang, number};

/// One layer of the word list: where it was read from (for errors) and its text.
#[derive(Clone, Debug)]
pub(crate) struct WordFile {
    /// The path a user can open: `themes/default/lang/de.toml` or `lang/de.toml`.
    pub path: String,
    /// The file's TOML text.
    pub text: String,
}

/// Why a word file could not be used; names the file and line and how to fix it.
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub(crate) struct WordsError {
    /// The file.
    pub path: String,
    /// The line, when known.
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// A plural: the phrase for exactly one and for every other count (`{n}` is the count).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Plural {
    /// For 1: "{n} post".
    pub one: String,
    /// For 0, 2, 3, …: "{n} posts".
    pub other: String,
}

/// One file as written: every table optional, so an override names only what it changes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Layer {
    site: BTreeMap<String, toml::Spanned<String>>,
    report: BTreeMap<String, toml::Spanned<toml::Value>>,
    plural: BTreeMap<String, toml::Spanned<Plural>>,
    pdf: BTreeMap<String, toml::Spanned<String>>,
}

/// Every word in one language, after overrides.
#[derive(Clone, Debug)]
pub(crate) struct Words {
    lang: Lang,
    site: BTreeMap<String, String>,
    report: ReportWords,
    plural: BTreeMap<String, Plural>,
    pdf: BTreeMap<String, String>,
}

impl Words {
    /// Reads the layers in order (the built-in file first, overrides after), each key of a
    /// later layer replacing the same key of an earlier one.
    pub(crate) fn from_layers(lang: Lang, files: &[WordFile]) -> Result<Words, WordsError> {
        let mut layers = Vec::with_capacity(files.len());
        for file in files {
            layers.push(parse_layer(file)?);
        }
        let Some((base, overrides)) = layers.split_first_mut() else {
            return Err(WordsError {
                path: format!("themes/default/lang/{}.toml", lang.code()),
                line: None,
                message: "the built-in word list is missing".to_owned(),
            });
        };
        for (file, layer) in files[1..].iter().zip(overrides.iter_mut()) {
            check_known(base, layer, file)?;
            merge(base, std::mem::take(layer));
        }
        let base = std::mem::take(base);
        let report = report_words(base.report, &files[0])?;
        Ok(Words {
            lang,
            site: base.site.into_iter().map(|(k, v)| (k, v.into_inner())).collect(),
            report,
            plural: base
                .plural
                .into_iter()
                .map(|(k, v)| (k, v.into_inner()))
                .collect(),
            pdf: base.pdf.into_iter().map(|(k, v)| (k, v.into_inner())).collect(),
        })
    }

    /// Every word of the PDFs (`[pdf]`), for their templates' `words` map.
    pub(crate) fn pdf(&self) -> &BTreeMap<String, String> {
        &self.pdf
    }

    /// The language the words are in, for the number and date formats.
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// Every site label, for the templates' `t` map.
    pub(crate) fn site(&self) -> &BTreeMap<String, String> {
        &self.site
    }

    /// The site label `key`, if the word list has it.
    pub(crate) fn label(&self, key: &str) -> Option<&str> {
        self.site.get(key).map(String::as_str)
    }

    /// The report's words.
    pub(crate) fn report(&self) -> &ReportWords {
        &self.report
    }

    /// "1 post", "2 posts" / "1 Beitrag", "2 Beiträge": the plural `key` for `count`,
    /// the count in the language's number format. An unknown key gives the bare count.
    pub(crate) fn plural(&self, key: &str, count: f64) -> String {
        let formatted = number(self.lang, count);
        let Some(plural) = self.plural.get(key) else {
            return formatted;
        };
        let phrase = if count == 1.0 { &plural.one } else { &plural.other };
        phrase.replace("{n}", &formatted)
    }
}

impl Words {
    /// The word of the plural `key` for `count`, without the count: "post" / "Beiträge"
    /// (a card shows the number and the word apart).
    pub(crate) fn plural_word(&self, key: &str, count: f64) -> String {
        let Some(plural) = self.plural.get(key) else {
            return String::new();
        };
        let phrase = if count == 1.0 { &plural.one } else { &plural.other };
        phrase.replace("{n}", "").trim().to_owned()
    }
}

/// Parses one file, with the line of a syntax error.
fn parse_layer(file: &WordFile) -> Result<Layer, WordsError> {
    toml::from_str(&file.text).map_err(|err| WordsError {
        path: file.path.clone(),
        line: err.span().map(|span| line_of(&file.text, span.start)),
        message: format!(
            "{} (the file holds the tables [site], [report], [plural] and [pdf])",
            err.message()
        ),
    })
}

/// Rejects keys the built-in word list does not have: a misspelt key would silently
/// change nothing.
fn check_known(base: &Layer, layer: &Layer, file: &WordFile) -> Result<(), WordsError> {
    let unknown = |table: &str, key: &str, start: usize| WordsError {
        path: file.path.clone(),
        line: Some(line_of(&file.text, start)),
        message: format!(
            "there is no word `{key}` in [{table}]; use a key of themes/default/lang/ (see docs/lang.md)"
        ),
    };
    for (key, value) in &layer.site {
        if !base.site.contains_key(key) {
            return Err(unknown("site", key, value.span().start));
        }
    }
    for (key, value) in &layer.report {
        if !base.report.contains_key(key) {
            return Err(unknown("report", key, value.span().start));
        }
    }
    for (key, value) in &layer.plural {
        if !base.plural.contains_key(key) {
            return Err(unknown("plural", key, value.span().start));
        }
    }
    for (key, value) in &layer.pdf {
        if !base.pdf.contains_key(key) {
            return Err(unknown("pdf", key, value.span().start));
        }
    }
    Ok(())
}

/// Lays `layer`'s keys over `base`'s.
fn merge(base: &mut Layer, layer: Layer) {
    base.site.extend(layer.site);
    base.report.extend(layer.report);
    base.plural.extend(layer.plural);
    base.pdf.extend(layer.pdf);
}

/// The merged `[report]` table as [`ReportWords`].
fn report_words(
    table: BTreeMap<String, toml::Spanned<toml::Value>>,
    file: &WordFile,
) -> Result<ReportWords, WordsError> {
    let table: toml::Table = table.into_iter().map(|(k, v)| (k, v.into_inner())).collect();
    ReportWords::deserialize(toml::Value::Table(table)).map_err(|err| WordsError {
        path: file.path.clone(),
        line: None,
        message: format!("[report]: {err} (every report word is a string, `weekdays` a list of seven)"),
    })
}

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// The report's vocabulary in one language: the `[report]` table of the word list,
/// typed so that code and template name only words that exist.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportWords {
    /// Page heading.
    pub report: String,
    /// Shown when there are no metrics at all.
    pub no_data: String,
    /// Card and column: measured posts.
    pub posts: String,
    /// Column: (post, platform) rows.
    pub rows: String,
    /// Impressions.
    pub impressions: String,
    /// Reach.
    pub reach: String,
    /// Engagements.
    pub engagements: String,
    /// Engagement rate.
    pub engagement_rate: String,
    /// Link clicks.
    pub clicks: String,
    /// Video views.
    pub video_views: String,
    /// Followers.
    pub followers: String,
    /// Follower change card.
    pub follower_change: String,
    /// Column and axis: platform.
    pub platform: String,
    /// Column and axis: pillar.
    pub pillar: String,
    /// Column: persona.
    pub persona: String,
    /// Column: campaign.
    pub campaign: String,
    /// Column: ISO week.
    pub week: String,
    /// Column: month.
    pub month: String,
    /// Column: date.
    pub date: String,
    /// Group of posts without a pillar.
    pub no_pillar: String,
    /// Group of posts without a persona.
    pub no_persona: String,
    /// Group of posts without a campaign.
    pub no_campaign: String,
    /// Section: KPI progress.
    pub kpis: String,
    /// Column: goal.
    pub goal: String,
    /// Column: KPI.
    pub kpi: String,
    /// Column: target.
    pub target: String,
    /// Column: actual value.
    pub actual: String,
    /// Column: progress.
    pub progress: String,
    /// Column: period.
    pub period: String,
    /// Goal reached.
    pub met: String,
    /// Goal not reached.
    pub behind: String,
    /// Section: best and weakest posts.
    pub top_posts: String,
    /// Section: weakest posts.
    pub bottom_posts: String,
    /// Column: post title.
    pub post: String,
    /// Column: publish time.
    pub published: String,
    /// Section: breakdowns.
    pub breakdowns: String,
    /// Section: follower growth.
    pub follower_growth: String,
    /// Column: first count.
    pub first: String,
    /// Column: last count.
    pub last: String,
    /// Column: change.
    pub change: String,
    /// Section: how figures are computed.
    pub definitions: String,
    /// Heading: the networks' own figures beside Touchpoint's.
    pub reconcile: String,
    /// Column: Touchpoint's figure.
    pub reconcile_ours: String,
    /// Column: the network's own figure, as its export says.
    pub reconcile_theirs: String,
    /// Why X's engagements are higher than Touchpoint's.
    pub reconcile_x: String,
    /// Definition of engagements.
    pub engagements_defined: String,
    /// Definition of the engagement rate.
    pub engagement_rate_defined: String,
    /// Which row counts.
    pub latest_row_defined: String,
    /// How posts are placed in time.
    pub time_defined: String,
    /// Best posting slot heading.
    pub best_time: String,
    /// Weekday column.
    pub weekday: String,
    /// Hour column.
    pub hour: String,
    /// Weekdays Monday first.
    pub weekdays: [String; 7],
    /// Chart: reach over time.
    pub chart_reach: String,
    /// Axis: week.
    pub axis_week: String,
    /// Axis: reach with the fallback.
    pub axis_audience: String,
    /// Chart caption: reach over time.
    pub caption_reach: String,
    /// Chart: engagements over time.
    pub chart_engagements: String,
    /// Chart caption: engagements over time.
    pub caption_engagements: String,
    /// Section: each network's own figures.
    pub networks: String,
    /// Section: video KPIs.
    pub video: String,
    /// Column: videos measured.
    pub videos: String,
    /// Watch time.
    pub watch_time: String,
    /// Average view duration.
    pub average_view_duration: String,
    /// Completion rate.
    pub completion_rate: String,
    /// Saves, bookmarks, favourites.
    pub saves: String,
    /// Shares, reposts.
    pub shares: String,
    /// Clicks ÷ impressions.
    pub click_through_rate: String,
    /// Net follower change from follower files.
    pub follower_net: String,
    /// Table: followers gained and lost.
    pub follower_flows: String,
    /// Column: followers gained.
    pub gained: String,
    /// Column: followers lost.
    pub lost: String,
    /// Column: the period a flow covers.
    pub period_covered: String,
    /// Definition: video KPIs.
    pub video_defined: String,
    /// Definition: follower flows.
    pub follower_flows_defined: String,
    /// Chart: pillar mix.
    pub chart_mix: String,
    /// Axis: share of posts.
    pub axis_share: String,
    /// Chart caption: pillar mix.
    pub caption_mix: String,
    /// Chart: rate by platform.
    pub chart_rate_platform: String,
    /// Chart caption: rate by platform.
    pub caption_rate_platform: String,
    /// Chart: rate by pillar.
    pub chart_rate_pillar: String,
    /// Chart caption: rate by pillar.
    pub caption_rate_pillar: String,
    /// Chart: heatmap.
    pub chart_heatmap: String,
    /// Axis: hour of day.
    pub axis_hour: String,
    /// Chart caption: heatmap.
    pub caption_heatmap: String,
    /// Chart: KPI progress.
    pub chart_kpis: String,
    /// Axis: share of target.
    pub axis_progress: String,
    /// Chart caption: KPI progress.
    pub caption_kpis: String,
    /// Chart: followers.
    pub chart_followers: String,
    /// Chart caption: followers.
    pub caption_followers: String,
    /// Drawn in a chart with nothing to show.
    pub chart_empty: String,
    /// The heatmap's key for slots without posts.
    pub no_posts: String,
    /// Series name: actual share.
    pub series_actual: String,
    /// Series name: target share.
    pub series_target: String,
}

/// The built-in word list of `lang`, without overrides (for tests).
#[cfg(test)]
pub(crate) fn builtin(lang: Lang) -> Words {
    let (name, text) = crate::load::WORDS
        .iter()
        .find(|(name, _)| *name == format!("{}.toml", lang.code()))
        .unwrap();
    let file = WordFile {
        path: format!("themes/default/lang/{name}"),
        text: (*text).to_owned(),
    };
    Words::from_layers(lang, &[file]).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_override(lang: Lang, text: &str) -> Result<Words, WordsError> {
        let (_, base) = crate::load::WORDS
            .iter()
            .find(|(name, _)| *name == format!("{}.toml", lang.code()))
            .unwrap();
        let files = [
            WordFile {
                path: "themes/default/lang/de.toml".to_owned(),
                text: (*base).to_owned(),
            },
            WordFile {
                path: "lang/de.toml".to_owned(),
                text: text.to_owned(),
            },
        ];
        Words::from_layers(lang, &files)
    }

    #[test]
    fn plurals_follow_the_count_in_both_languages() {
        let en = builtin(Lang::En);
        let de = builtin(Lang::De);
        assert_eq!(en.plural("posts", 1.0), "1 post");
        assert_eq!(en.plural("posts", 2.0), "2 posts");
        assert_eq!(en.plural("posts", 0.0), "0 posts");
        assert_eq!(en.plural("posts", 113_274.0), "113,274 posts");
        assert_eq!(de.plural("posts", 1.0), "1 Beitrag");
        assert_eq!(de.plural("posts", 2.0), "2 Beiträge");
        assert_eq!(de.plural("posts", 113_274.0), "113.274 Beiträge");
        assert_eq!(de.plural("warnings", 1.0), "1 Warnung");
        assert_eq!(de.plural("attachments", 3.0), "3 Anhänge");
        assert_eq!(en.plural("no-such-plural", 3.0), "3");
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let en = builtin(Lang::En);
        let de = builtin(Lang::De);
        let keys = |w: &Words| w.site.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&en), keys(&de));
        let plurals = |w: &Words| w.plural.keys().cloned().collect::<Vec<_>>();
        assert_eq!(plurals(&en), plurals(&de));
        assert_eq!(de.report().report, "Erfolgsbericht");
    }

    #[test]
    fn an_override_replaces_single_keys() {
        let words = with_override(
            Lang::De,
            "[site]\noverview = \"Start\"\n[plural]\nposts = { one = \"{n} Post\", other = \"{n} Posts\" }\n[report]\nreport = \"Bericht\"\n",
        )
        .unwrap();
        assert_eq!(words.label("overview"), Some("Start"));
        assert_eq!(words.label("calendar"), Some("Kalender"));
        assert_eq!(words.plural("posts", 2.0), "2 Posts");
        assert_eq!(words.report().report, "Bericht");
        assert_eq!(words.report().reach, "Reichweite");
    }

    #[test]
    fn a_bad_override_names_its_file_and_line() {
        let err = with_override(Lang::De, "[site]\n\noverveiw = \"Start\"\n").unwrap_err();
        assert_eq!(err.path, "lang/de.toml");
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("overveiw"), "{}", err.message);
        let err = with_override(Lang::De, "[site]\noverview = 3\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = with_override(Lang::De, "[sitе]\n").unwrap_err();
        assert_eq!(err.path, "lang/de.toml");
        let err = with_override(Lang::De, "[report]\nweekdays = 3\n").unwrap_err();
        assert!(err.message.contains("[report]"), "{}", err.message);
    }

    #[test]
    fn every_label_a_template_uses_exists() {
        let words = builtin(Lang::De);
        for (name, text) in crate::load::TEMPLATES {
            for (i, _) in text.match_indices("t.") {
                let before = text[..i].chars().last().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let key: String = text[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                assert!(
                    words.label(&key).is_some(),
                    "{name} uses t.{key}, which has no label"
                );
            }
        }
    }
}
