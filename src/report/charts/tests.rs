//! Charts are well-formed SVG with their labels, and the same input draws the same bytes.

use super::*;

/// Parses the SVG and returns every text node, so tests can look for labels.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .map(|t| t.trim_matches('\n').to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

fn assert_labelled(svg: &str, labels: &Labels<'_>) {
    let texts = texts(svg);
    for wanted in [labels.title, labels.x, labels.y] {
        assert!(
            texts.iter().any(|t| t == wanted),
            "`{wanted}` missing in {texts:?}"
        );
    }
    assert!(svg.contains(&format!("font-family=\"{FONT_STACK}\"")));
    assert!(svg.contains("role=\"img\""));
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

const LABELS: Labels<'static> = Labels {
    title: "Reach & engagement <per week>",
    x: "Week",
    y: "Reach",
    empty: "No data yet",
};

#[test]
fn line_chart_is_well_formed_and_labelled() {
    let series = vec![
        Series {
            name: "Instagram".into(),
            colour: 0,
            points: vec![(day(7), 1200.0), (day(1), 800.0), (day(14), 1500.0)],
        },
        Series {
            name: "X".into(),
            colour: 1,
            points: vec![(day(1), 300.0), (day(8), 450.0)],
        },
    ];
    let svg = line_chart(&LABELS, &series, Unit::Count(Lang::En));
    assert_labelled(&svg, &LABELS);
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "Instagram"), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("2026-12-")), "{texts:?}");
    assert!(texts.iter().any(|t| t == "1,500" || t.contains(',')), "{texts:?}");
    assert!(svg.contains("<polyline"), "no line drawn");
}

#[test]
fn empty_charts_still_have_title_axes_and_say_no_data() {
    let svg = line_chart(&LABELS, &[], Unit::Count(Lang::En));
    assert_labelled(&svg, &LABELS);
    assert!(texts(&svg).iter().any(|t| t == "No data yet"));
    let svg = bar_chart(&LABELS, &[], &[], Unit::Percent(Lang::En));
    assert_labelled(&svg, &LABELS);
    let svg = progress_chart(&LABELS, &[], "target", Unit::Percent(Lang::En));
    assert_labelled(&svg, &LABELS);
}

#[test]
fn grouped_bars_label_categories_and_series() {
    let labels = Labels {
        title: "Pillar mix: actual vs target",
        x: "Pillar",
        y: "Share of posts",
        empty: "No data yet",
    };
    let categories = vec!["Werkstatt".to_owned(), "Touren".to_owned(), "Team".to_owned()];
    let series = vec![
        BarSeries {
            name: "actual".into(),
            values: vec![Some(0.5), Some(0.25), Some(0.25)],
        },
        BarSeries {
            name: "target".into(),
            values: vec![Some(0.4), Some(0.4), None],
        },
    ];
    let svg = bar_chart(&labels, &categories, &series, Unit::Percent(Lang::En));
    assert_labelled(&svg, &labels);
    let texts = texts(&svg);
    for wanted in ["Werkstatt", "Touren", "Team", "actual", "target"] {
        assert!(
            texts.iter().any(|t| t == wanted),
            "`{wanted}` missing in {texts:?}"
        );
    }
    assert!(texts.iter().any(|t| t.ends_with('%')), "{texts:?}");
    assert!(
        svg.matches("<rect").count() >= 5 + 2,
        "five bars and two legend keys"
    );
}

#[test]
fn single_series_bars_carry_their_values() {
    let labels = Labels {
        title: "Engagement rate by platform",
        x: "Platform",
        y: "Engagement rate",
        empty: "No data yet",
    };
    let series = [BarSeries {
        name: "rate".into(),
        values: vec![Some(0.052), Some(0.031)],
    }];
    let svg = bar_chart(
        &labels,
        &["Instagram".into(), "X".into()],
        &series,
        Unit::Percent(Lang::En),
    );
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "5.2%"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "3.1%"), "{texts:?}");
}

#[test]
fn heatmap_has_weekday_rows_and_hour_columns() {
    let labels = Labels {
        title: "Best time to post",
        x: "Hour of day",
        y: "Weekday",
        empty: "No data yet",
    };
    let rows: Vec<String> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .map(String::from)
        .to_vec();
    let columns: Vec<String> = (0..24).map(|h| format!("{h:02}")).collect();
    let mut values = vec![vec![None; 24]; 7];
    values[0][9] = Some(0.05);
    values[4][18] = Some(0.02);
    let svg = heatmap(&labels, &rows, &columns, &values, Unit::Percent(Lang::En));
    assert_labelled(&svg, &labels);
    let texts = texts(&svg);
    for wanted in ["Mon", "Sun", "00", "No data yet", "5%"] {
        assert!(
            texts.iter().any(|t| t == wanted),
            "`{wanted}` missing in {texts:?}"
        );
    }
    assert!(
        svg.matches("<rect").count() >= 7 * 24,
        "one cell per weekday and hour"
    );
}

#[test]
fn progress_chart_marks_the_target() {
    let labels = Labels {
        title: "KPI progress",
        x: "Share of target",
        y: "Goal",
        empty: "No data yet",
    };
    let items = vec![
        ("Reach".to_owned(), Some(0.8)),
        ("Clicks".to_owned(), Some(1.25)),
        ("Saves".to_owned(), None),
    ];
    let svg = progress_chart(&labels, &items, "target", Unit::Percent(Lang::En));
    assert_labelled(&svg, &labels);
    let texts = texts(&svg);
    for wanted in [
        "Reach",
        "Clicks",
        "Saves",
        " 80%",
        " 125%",
        " No data yet",
        "target",
    ] {
        assert!(
            texts.iter().any(|t| t == wanted),
            "`{wanted}` missing in {texts:?}"
        );
    }
}

#[test]
fn odd_values_still_give_well_formed_svg() {
    let huge = u64::MAX as f64;
    let series = vec![Series {
        name: "<&\"'>".into(),
        colour: 99,
        points: vec![(day(1), huge), (day(1), f64::NAN), (day(2), 0.0)],
    }];
    texts(&line_chart(&LABELS, &series, Unit::Count(Lang::En)));
    let many: Vec<String> = (0..60)
        .map(|i| format!("category number {i} with a long name"))
        .collect();
    let bars = [BarSeries {
        name: String::new(),
        values: (0..60)
            .map(|i| {
                if i % 2 == 0 {
                    Some(f64::from(i))
                } else {
                    Some(f64::INFINITY)
                }
            })
            .collect(),
    }];
    texts(&bar_chart(&LABELS, &many, &bars, Unit::Count(Lang::En)));
    texts(&heatmap(
        &LABELS,
        &[],
        &[],
        &[vec![Some(1.0)]],
        Unit::Percent(Lang::En),
    ));
    texts(&progress_chart(
        &LABELS,
        &[(String::new(), Some(-3.0)), ("x".into(), Some(f64::NAN))],
        "t",
        Unit::Percent(Lang::En),
    ));
}

#[test]
fn long_labels_are_shortened() {
    assert_eq!(truncate("Länger fahren, weniger wegwerfen", 12), "Länger fahr…");
    assert_eq!(truncate("kurz", 12), "kurz");
}

#[test]
fn charts_are_deterministic() {
    let series = vec![Series {
        name: "X".into(),
        colour: 5,
        points: vec![(day(1), 3.0)],
    }];
    assert_eq!(
        line_chart(&LABELS, &series, Unit::Count(Lang::En)),
        line_chart(&LABELS, &series, Unit::Count(Lang::En))
    );
}

#[test]
fn placeholder_is_valid_svg_with_the_title() {
    let svg = placeholder(&LABELS, "broken <because>");
    assert!(texts(&svg).iter().any(|t| t == LABELS.title));
}

/// The value of `attribute` on every `element` of the SVG, in document order.
fn attributes(svg: &str, element: &str, attribute: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == element)
        .filter_map(|n| n.attribute(attribute).map(str::to_owned))
        .collect()
}

/// The date labels on the time axis.
fn date_labels(svg: &str) -> Vec<String> {
    texts(svg)
        .into_iter()
        .filter(|t| t.len() == 10 && t.starts_with("20") && t.matches('-').count() == 2)
        .collect()
}

#[test]
fn legend_colours_are_the_series_colours() {
    // One week of data: one point per platform, platforms with fixed colours 2 and 3.
    let series = vec![
        Series {
            name: "Instagram".into(),
            colour: 2,
            points: vec![(day(7), 1200.0)],
        },
        Series {
            name: "Mastodon".into(),
            colour: 3,
            points: vec![(day(7), 300.0)],
        },
    ];
    let svg = line_chart(&LABELS, &series, Unit::Count(Lang::En));
    let dots = attributes(&svg, "circle", "fill");
    // Legend keys are the 3-pixel strokes (lines are 2, axes and ticks 1).
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let legend: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "polyline")
        .filter(|n| n.attribute("stroke-width") == Some("3"))
        .filter_map(|n| n.attribute("stroke").map(str::to_owned))
        .collect();
    let expected: Vec<String> = [colour_at(2), colour_at(3)]
        .iter()
        .map(|c| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2))
        .collect();
    assert_eq!(dots, expected, "dots in the series' colours");
    assert_eq!(legend, expected, "legend keys in the same colours");
}

#[test]
fn time_axis_never_repeats_a_date() {
    for days in [1, 2, 7, 14, 31] {
        let series = vec![Series {
            name: "X".into(),
            colour: 0,
            points: (1..=days).map(|d| (day(d), f64::from(d))).collect(),
        }];
        let labels = date_labels(&line_chart(&LABELS, &series, Unit::Count(Lang::En)));
        assert!(!labels.is_empty(), "{days} days: no date ticks");
        let mut unique = labels.clone();
        unique.dedup();
        assert_eq!(labels, unique, "{days} days: a date repeats");
    }
}

#[test]
fn day_ticks_are_whole_distinct_days_within_the_span() {
    assert_eq!(day_ticks(&(9.0..11.0), 5), vec![9.0, 10.0, 11.0]);
    assert_eq!(day_ticks(&(0.5..1.5), 5), vec![1.0]);
    assert_eq!(day_ticks(&(0.0..100.0), 5).len(), 5);
    assert!(day_ticks(&(f64::NAN..1.0), 5).is_empty());
}

#[test]
fn chart_text_names_fallback_fonts_for_emoji_and_other_scripts() {
    let series = vec![
        Series {
            name: "🚲 Räder".into(),
            colour: 0,
            points: vec![(day(1), 1.0)],
        },
        Series {
            name: "自転車".into(),
            colour: 1,
            points: vec![(day(1), 2.0)],
        },
    ];
    let svg = line_chart(&LABELS, &series, Unit::Count(Lang::En));
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "🚲 Räder"), "kept as text: {texts:?}");
    assert!(texts.iter().any(|t| t == "自転車"), "kept as text: {texts:?}");
    for family in attributes(&svg, "text", "font-family") {
        assert!(
            family.starts_with("DejaVu Sans,") && family.ends_with("sans-serif"),
            "{family}"
        );
    }
}
