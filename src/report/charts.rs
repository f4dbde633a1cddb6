//! The report's charts, drawn with plotters into SVG strings that the template
//! inlines. Text is laid out with DejaVu Sans embedded in the binary, so a chart
//! comes out byte-identical on a fresh machine without system fonts; the SVG
//! names the same family, which the report's stylesheet provides.
//!
//! Every chart has a title, labelled axes and an SVG `<title>` for screen readers.
//! Drawing never panics: a chart that cannot be drawn becomes a small SVG that
//! says so, with the title kept.

use std::error::Error;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::prelude::*;

use crate::lang::numbers::{format_count, format_percent};
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The family charts name and the font the binary carries for it.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Width and height of every chart in SVG user units.
const SIZE: (u32, u32) = (720, 360);

/// Width of the legend column right of charts with several series.
const LEGEND_WIDTH: u32 = 150;

/// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies),
/// then four of Paul Tol's, so all twelve platforms get a colour of their own.
pub const PALETTE: [RGBColor; 12] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x99, 0x99, 0x99),
    RGBColor(0x00, 0x00, 0x00),
    RGBColor(0x88, 0x22, 0x55),
    RGBColor(0x44, 0xAA, 0x99),
    RGBColor(0x99, 0x99, 0x33),
    RGBColor(0x33, 0x22, 0x88),
];

/// Grey for "no data" cells and the target line's companion.
const NO_DATA: RGBColor = RGBColor(0xEE, 0xEE, 0xEE);
/// The target marker on progress charts.
const TARGET: RGBColor = RGBColor(0xC0, 0x1C, 0x28);

type DrawResult = Result<(), Box<dyn Error>>;

/// The words on a chart: what the report calls it and what its axes measure.
#[derive(Clone, Copy, Debug)]
pub struct Labels<'a> {
    /// Drawn above the chart and used as the SVG `<title>`.
    pub title: &'a str,
    /// Describes the horizontal axis.
    pub x: &'a str,
    /// Describes the vertical axis.
    pub y: &'a str,
    /// Shown instead of marks when there is nothing to draw; the heatmap's key
    /// uses it for slots without posts.
    pub empty: &'a str,
}

/// How values are written on an axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Whole numbers with thousands separators: `12,400`.
    Count,
    /// Fractions shown as percentages: `0.052` → `5.2 %`.
    Percent,
}

impl Unit {
    /// Writes a value in this unit.
    pub fn format(self, value: f64) -> String {
        match self {
            Unit::Count => format_count(value),
            Unit::Percent => format_percent(value),
        }
    }
}

/// One line of a time chart (a platform's reach over time).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend entry.
    pub name: String,
    /// Index into [`PALETTE`]: give each platform a fixed one so it keeps its
    /// colour from chart to chart.
    pub colour: usize,
    /// Points in any order; drawn sorted by date.
    pub points: Vec<(NaiveDate, f64)>,
}

/// One set of bars across the categories (actual share, target share).
#[derive(Clone, Debug, PartialEq)]
pub struct BarSeries {
    /// Legend entry (not drawn when there is only one series).
    pub name: String,
    /// One value per category; `None` draws no bar (unknown, not zero).
    pub values: Vec<Option<f64>>,
}

/// Registers the embedded font with plotters once; false if that failed.
fn font_ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, crate::load::CHART_FONT).is_ok()
    })
}

/// Text in the embedded font.
fn font(size: f64) -> FontDesc<'static> {
    (FONT_FAMILY, size).into_font()
}

/// Draws into a fresh SVG string; on failure returns a placeholder that keeps the title.
fn render(
    labels: &Labels<'_>,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> DrawResult,
) -> String {
    if !font_ready() {
        return placeholder(labels, "the chart font could not be loaded");
    }
    let mut svg = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)
            .map_err(Box::<dyn Error>::from)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(Box::<dyn Error>::from))
    };
    match result {
        Ok(()) => with_accessible_title(&svg, labels.title),
        Err(err) => placeholder(labels, &format!("the chart could not be drawn: {err}")),
    }
}

/// Adds `role="img"` and a `<title>` so screen readers announce the chart.
fn with_accessible_title(svg: &str, title: &str) -> String {
    let Some(end_of_open_tag) = svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|i| start + i))
    else {
        return svg.to_owned();
    };
    let (head, tail) = svg.split_at(end_of_open_tag);
    format!(
        "{head} role=\"img\"><title>{}</title>{}",
        escape_xml(title),
        &tail[1..]
    )
}

/// A valid SVG that says why there is no chart.
fn placeholder(labels: &Labels<'_>, why: &str) -> String {
    let (w, h) = SIZE;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\">\
         <title>{title}</title>\
         <text x=\"{x}\" y=\"30\" text-anchor=\"middle\" font-family=\"{FONT_FAMILY}\" font-size=\"16\">{title}</text>\
         <text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" font-family=\"{FONT_FAMILY}\" font-size=\"12\">{why}</text></svg>",
        title = escape_xml(labels.title),
        why = escape_xml(why),
        x = w / 2,
        y = h / 2,
    )
}

/// Escapes text for XML content and attributes.
fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Shortens text to `max` characters, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// A categorical axis over `0.0..n`: category `i` spans `i..i+1` and is labelled at `i + 0.5`.
#[derive(Clone, Debug)]
struct Categories {
    labels: Vec<String>,
    /// Labels longer than this are shortened so they do not run into each other.
    max_chars: usize,
}

impl Categories {
    /// Categories along an axis of `pixels` length (about 7 pixels per character).
    fn along(labels: Vec<String>, pixels: usize) -> Self {
        let per_category = pixels / labels.len().max(1);
        Categories {
            labels,
            max_chars: (per_category / 7).max(4),
        }
    }
}

impl Categories {
    /// How many categories; at least one so the range is never empty.
    fn len(&self) -> f64 {
        self.labels.len().max(1) as f64
    }

    /// The label of the category a value falls in.
    fn label_at(&self, value: f64) -> String {
        if value < 0.0 {
            return String::new();
        }
        self.labels
            .get(value.floor() as usize)
            .map(|label| truncate(label, self.max_chars))
            .unwrap_or_default()
    }
}

impl Ranged for Categories {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = f64::from(limit.1 - limit.0);
        limit.0 + (value / self.len() * span).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let n = self.labels.len();
        let max = hint.max_num_points().max(1);
        let step = n.div_ceil(max).max(1);
        (0..n).step_by(step).map(|i| i as f64 + 0.5).collect()
    }

    fn range(&self) -> Range<f64> {
        0.0..self.len()
    }
}

impl ValueFormatter<f64> for Categories {
    fn format(value: &f64) -> String {
        format!("{value}")
    }

    fn format_ext(&self, value: &f64) -> String {
        self.label_at(*value)
    }
}

/// A value range from 0 to a bit above the largest value (never empty).
fn value_range(max: f64, unit: Unit) -> Range<f64> {
    let floor = if unit == Unit::Percent { 0.01 } else { 1.0 };
    let top = if max.is_finite() { max.max(floor) } else { floor };
    0.0..top * 1.1
}

/// Draws the "nothing to show" note in the middle of an empty chart's plotting area.
fn draw_no_data(area: &DrawingArea<SVGBackend<'_>, Shift>, text: &str) -> DrawResult {
    let (w, h) = area.dim_in_pixel();
    let style = TextStyle::from(font(16.0)).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new(text, (w as i32 / 2, h as i32 / 2), style))?;
    Ok(())
}

/// A plotting area and, for charts with several series, a legend column beside it.
type Split<'a> = (
    DrawingArea<SVGBackend<'a>, Shift>,
    Option<DrawingArea<SVGBackend<'a>, Shift>>,
);

/// Splits off a legend column on the right when there are several series, so a
/// legend never hides data.
fn with_legend_column<'a>(root: &DrawingArea<SVGBackend<'a>, Shift>, series: usize) -> Split<'a> {
    if series > 1 {
        let (plot, legend) = root.split_horizontally(SIZE.0 - LEGEND_WIDTH);
        (plot, Some(legend))
    } else {
        (root.clone(), None)
    }
}

/// How a legend entry is marked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    /// A line, for line charts.
    Line,
    /// A filled box, for bars.
    Box,
}

/// Draws legend entries top-down in the legend column.
fn draw_legend(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    entries: &[(&str, RGBColor)],
    key: Key,
) -> DrawResult {
    let style = TextStyle::from(font(13.0)).pos(Pos::new(HPos::Left, VPos::Center));
    for (index, (name, colour)) in entries.iter().enumerate() {
        let y = 60 + index as i32 * 22;
        match key {
            Key::Line => area.draw(&PathElement::new(vec![(4, y), (24, y)], colour.stroke_width(3)))?,
            Key::Box => area.draw(&Rectangle::new([(8, y - 6), (20, y + 6)], colour.filled()))?,
        }
        area.draw(&Text::new(truncate(name, 17), (30, y), style.clone()))?;
    }
    Ok(())
}

/// The colour of the series at `index`.
fn colour_at(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

/// Lines over time, one per series (reach or engagements per platform per week).
pub fn line_chart(labels: &Labels<'_>, series: &[Series], unit: Unit) -> String {
    render(labels, |root| {
        let points: Vec<(NaiveDate, f64)> = series
            .iter()
            .flat_map(|s| s.points.iter().copied())
            .filter(|(_, v)| v.is_finite())
            .collect();
        let day = |d: NaiveDate| f64::from(d.num_days_from_ce());
        let first = points.iter().map(|(d, _)| day(*d)).fold(f64::INFINITY, f64::min);
        let last = points
            .iter()
            .map(|(d, _)| day(*d))
            .fold(f64::NEG_INFINITY, f64::max);
        let (first, last) = if first.is_finite() {
            (first - 1.0, last + 1.0)
        } else {
            (0.0, 1.0)
        };
        let max = points.iter().map(|(_, v)| *v).fold(0.0, f64::max);
        let (plot, legend) = with_legend_column(root, series.len());
        let mut chart = ChartBuilder::on(&plot)
            .caption(labels.title, font(22.0))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(72)
            .build_cartesian_2d(first..last, value_range(max, unit))?;
        let has_points = !points.is_empty();
        let date_label = |v: &f64| {
            NaiveDate::from_num_days_from_ce_opt(v.round() as i32)
                .filter(|_| has_points)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let value_label = |v: &f64| unit.format(*v);
        chart
            .configure_mesh()
            .x_desc(labels.x)
            .y_desc(labels.y)
            .x_labels(5)
            .y_labels(6)
            .x_label_formatter(&date_label)
            .y_label_formatter(&value_label)
            .label_style(font(13.0))
            .axis_desc_style(font(15.0))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        if points.is_empty() {
            return draw_no_data(&chart.plotting_area().strip_coord_spec(), labels.empty);
        }
        for s in series {
            let colour = colour_at(s.colour);
            let mut line: Vec<(f64, f64)> = s
                .points
                .iter()
                .filter(|(_, v)| v.is_finite())
                .map(|(d, v)| (day(*d), *v))
                .collect();
            line.sort_by(|a, b| a.0.total_cmp(&b.0));
            chart.draw_series(LineSeries::new(line.iter().copied(), colour.stroke_width(2)))?;
            chart.draw_series(line.iter().map(|&p| Circle::new(p, 3, colour.filled())))?;
        }
        if let Some(legend) = legend {
            let entries: Vec<(&str, RGBColor)> = series
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name.as_str(), colour_at(i)))
                .collect();
            draw_legend(&legend, &entries, Key::Line)?;
        }
        Ok(())
    })
}

/// Vertical bars per category; several series are drawn side by side with a legend
/// (pillar mix: actual share next to target share). A single series carries its values.
pub fn bar_chart(labels: &Labels<'_>, categories: &[String], series: &[BarSeries], unit: Unit) -> String {
    render(labels, |root| {
        let (plot, legend) = with_legend_column(root, series.len());
        let plot_width = plot.dim_in_pixel().0.saturating_sub(100) as usize;
        let axis = Categories::along(categories.to_vec(), plot_width);
        let max = series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let mut chart = ChartBuilder::on(&plot)
            .caption(labels.title, font(22.0))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(72)
            .build_cartesian_2d(axis, value_range(max, unit))?;
        let value_label = |v: &f64| unit.format(*v);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc(labels.x)
            .y_desc(labels.y)
            .y_labels(6)
            .y_label_formatter(&value_label)
            .label_style(font(13.0))
            .axis_desc_style(font(15.0))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        let has_values = series
            .iter()
            .any(|s| s.values.iter().flatten().any(|v| v.is_finite()));
        if categories.is_empty() || !has_values {
            return draw_no_data(&chart.plotting_area().strip_coord_spec(), labels.empty);
        }
        let width = 0.8 / series.len().max(1) as f64;
        for (index, s) in series.iter().enumerate() {
            let colour = colour_at(index);
            let bars = s.values.iter().enumerate().filter_map(|(category, value)| {
                let value = value.filter(|v| v.is_finite())?;
                let left = category as f64 + 0.1 + index as f64 * width;
                Some(Rectangle::new(
                    [(left, 0.0), (left + width, value)],
                    colour.filled(),
                ))
            });
            chart.draw_series(bars)?;
        }
        if let [only] = series {
            let style = TextStyle::from(font(12.0)).pos(Pos::new(HPos::Center, VPos::Bottom));
            let values = only.values.iter().enumerate().filter_map(|(category, value)| {
                let value = value.filter(|v| v.is_finite())?;
                Some(Text::new(
                    unit.format(value),
                    (category as f64 + 0.5, value),
                    style.clone(),
                ))
            });
            chart.draw_series(values)?;
        }
        if let Some(legend) = legend {
            let entries: Vec<(&str, RGBColor)> = series
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name.as_str(), colour_at(i)))
                .collect();
            draw_legend(&legend, &entries, Key::Box)?;
        }
        Ok(())
    })
}

/// A grid of cells shaded by value: posting weekday (rows) × hour (columns).
/// `values[row][column]`; `None` cells (no posts then) are grey.
pub fn heatmap(
    labels: &Labels<'_>,
    rows: &[String],
    columns: &[String],
    values: &[Vec<Option<f64>>],
    unit: Unit,
) -> String {
    render(labels, |root| {
        let reversed: Vec<String> = rows.iter().rev().cloned().collect();
        let x_axis = Categories::along(columns.to_vec(), 480);
        let y_axis = Categories::along(reversed, 1000);
        let max = values
            .iter()
            .flatten()
            .flatten()
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let (plot, legend) = root.split_horizontally(SIZE.0 - LEGEND_WIDTH);
        let mut chart = ChartBuilder::on(&plot)
            .caption(labels.title, font(22.0))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(72)
            .build_cartesian_2d(x_axis, y_axis)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc(labels.x)
            .y_desc(labels.y)
            .x_labels(12)
            .y_labels(rows.len().max(1))
            .label_style(font(13.0))
            .axis_desc_style(font(15.0))
            .draw()?;
        let row_count = rows.len();
        let cells = values
            .iter()
            .take(row_count)
            .enumerate()
            .flat_map(|(row, cells)| {
                let y = (row_count - 1 - row) as f64;
                cells
                    .iter()
                    .take(columns.len())
                    .enumerate()
                    .map(move |(column, value)| {
                        let colour = match value.filter(|v| v.is_finite()) {
                            Some(v) if max > 0.0 => shade(v / max),
                            Some(_) => shade(0.0),
                            None => NO_DATA,
                        };
                        let x = column as f64;
                        Rectangle::new([(x + 0.04, y + 0.06), (x + 0.96, y + 0.94)], colour.filled())
                    })
            });
        chart.draw_series(cells)?;
        draw_scale(&legend, max, unit, labels.empty)?;
        Ok(())
    })
}

/// White → blue: the heatmap's colour for a value's share of the maximum.
fn shade(fraction: f64) -> RGBColor {
    let t = fraction.clamp(0.0, 1.0);
    let mix = |from: u8, to: u8| (f64::from(from) + (f64::from(to) - f64::from(from)) * t).round() as u8;
    RGBColor(mix(0xE8, 0x00), mix(0xF1, 0x3C), mix(0xF8, 0x78))
}

/// The heatmap's key: lightest = 0, darkest = the maximum, grey = nothing published.
fn draw_scale(area: &DrawingArea<SVGBackend<'_>, Shift>, max: f64, unit: Unit, empty: &str) -> DrawResult {
    let style = TextStyle::from(font(12.0)).pos(Pos::new(HPos::Left, VPos::Center));
    let mut y = 64;
    for step in (0..=4).rev() {
        let fraction = f64::from(step) / 4.0;
        area.draw(&Rectangle::new(
            [(8, y - 9), (24, y + 9)],
            shade(fraction).filled(),
        ))?;
        area.draw(&Text::new(unit.format(max * fraction), (30, y), style.clone()))?;
        y += 24;
    }
    y += 12;
    area.draw(&Rectangle::new([(8, y - 9), (24, y + 9)], NO_DATA.filled()))?;
    area.draw(&Text::new(truncate(empty, 16), (30, y), style))?;
    Ok(())
}

/// Horizontal bars of progress towards targets (1.0 = target reached), with the
/// target marked by a dashed line named `target`; each bar is labelled with its percentage.
pub fn progress_chart(labels: &Labels<'_>, items: &[(String, Option<f64>)], target: &str) -> String {
    render(labels, |root| {
        let names: Vec<String> = items.iter().rev().map(|(name, _)| name.clone()).collect();
        let axis = Categories {
            labels: names,
            max_chars: 30,
        };
        let max = items
            .iter()
            .filter_map(|(_, v)| *v)
            .filter(|v| v.is_finite())
            .fold(1.0, f64::max);
        let mut chart = ChartBuilder::on(root)
            .caption(labels.title, font(22.0))
            .margin(12)
            .margin_right(24)
            .x_label_area_size(48)
            .y_label_area_size(250)
            .build_cartesian_2d(0.0..max * 1.15, axis)?;
        let percent = |v: &f64| format!("{:.0} %", v * 100.0);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_desc(labels.x)
            .y_desc(labels.y)
            .x_labels(6)
            .y_labels(items.len().max(1))
            .x_label_formatter(&percent)
            .label_style(font(13.0))
            .axis_desc_style(font(15.0))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        if items.is_empty() {
            return draw_no_data(&chart.plotting_area().strip_coord_spec(), labels.empty);
        }
        let count = items.len();
        let bars = items.iter().enumerate().filter_map(|(index, (_, value))| {
            let value = value.filter(|v| v.is_finite())?;
            let y = (count - 1 - index) as f64;
            let colour = if value >= 1.0 { PALETTE[2] } else { PALETTE[0] };
            Some(Rectangle::new(
                [(0.0, y + 0.2), (value, y + 0.8)],
                colour.filled(),
            ))
        });
        chart.draw_series(bars)?;
        let style = TextStyle::from(font(12.0)).pos(Pos::new(HPos::Left, VPos::Center));
        let texts = items.iter().enumerate().map(|(index, (_, value))| {
            let y = (count - 1 - index) as f64 + 0.5;
            let (x, text) = match value.filter(|v| v.is_finite()) {
                Some(v) => (v, format!(" {:.0} %", v * 100.0)),
                None => (0.0, format!(" {}", labels.empty)),
            };
            Text::new(text, (x, y), style.clone())
        });
        chart.draw_series(texts)?;
        chart
            .draw_series(DashedLineSeries::new(
                [(1.0, 0.0), (1.0, count as f64)],
                6,
                4,
                TARGET.stroke_width(2),
            ))?
            .label(target)
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], TARGET.stroke_width(2)));
        chart
            .configure_series_labels()
            .label_font(font(13.0))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .position(SeriesLabelPosition::LowerRight)
            .draw()?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
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
        assert!(svg.contains(&format!("font-family=\"{FONT_FAMILY}\"")));
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
        let svg = line_chart(&LABELS, &series, Unit::Count);
        assert_labelled(&svg, &LABELS);
        let texts = texts(&svg);
        assert!(texts.iter().any(|t| t == "Instagram"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("2026-12-")), "{texts:?}");
        assert!(texts.iter().any(|t| t == "1,500" || t.contains(',')), "{texts:?}");
        assert!(svg.contains("<polyline"), "no line drawn");
    }

    #[test]
    fn empty_charts_still_have_title_axes_and_say_no_data() {
        let svg = line_chart(&LABELS, &[], Unit::Count);
        assert_labelled(&svg, &LABELS);
        assert!(texts(&svg).iter().any(|t| t == "No data yet"));
        let svg = bar_chart(&LABELS, &[], &[], Unit::Percent);
        assert_labelled(&svg, &LABELS);
        let svg = progress_chart(&LABELS, &[], "target");
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
        let svg = bar_chart(&labels, &categories, &series, Unit::Percent);
        assert_labelled(&svg, &labels);
        let texts = texts(&svg);
        for wanted in ["Werkstatt", "Touren", "Team", "actual", "target"] {
            assert!(
                texts.iter().any(|t| t == wanted),
                "`{wanted}` missing in {texts:?}"
            );
        }
        assert!(texts.iter().any(|t| t.ends_with(" %")), "{texts:?}");
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
        let svg = bar_chart(&labels, &["Instagram".into(), "X".into()], &series, Unit::Percent);
        let texts = texts(&svg);
        assert!(texts.iter().any(|t| t == "5.2 %"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "3.1 %"), "{texts:?}");
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
        let svg = heatmap(&labels, &rows, &columns, &values, Unit::Percent);
        assert_labelled(&svg, &labels);
        let texts = texts(&svg);
        for wanted in ["Mon", "Sun", "00", "No data yet", "5.0 %"] {
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
        let svg = progress_chart(&labels, &items, "target");
        assert_labelled(&svg, &labels);
        let texts = texts(&svg);
        for wanted in [
            "Reach",
            "Clicks",
            "Saves",
            " 80 %",
            " 125 %",
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
        texts(&line_chart(&LABELS, &series, Unit::Count));
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
        texts(&bar_chart(&LABELS, &many, &bars, Unit::Count));
        texts(&heatmap(&LABELS, &[], &[], &[vec![Some(1.0)]], Unit::Percent));
        texts(&progress_chart(
            &LABELS,
            &[(String::new(), Some(-3.0)), ("x".into(), Some(f64::NAN))],
            "t",
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
            line_chart(&LABELS, &series, Unit::Count),
            line_chart(&LABELS, &series, Unit::Count)
        );
    }

    #[test]
    fn placeholder_is_valid_svg_with_the_title() {
        let svg = placeholder(&LABELS, "broken <because>");
        assert!(texts(&svg).iter().any(|t| t == LABELS.title));
    }
}
