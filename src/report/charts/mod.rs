//! The report's charts, drawn with plotters into SVG strings that the template
//! inlines. Text is laid out with DejaVu Sans embedded in the binary, so a chart
//! comes out byte-identical on a fresh machine without system fonts; the SVG
//! names the same family, which the report's stylesheet provides.
//!
//! Every chart has a title, labelled axes and an SVG `<title>` for screen readers.
//! Drawing never panics: a chart that cannot be drawn becomes a small SVG that
//! says so, with the title kept.
//!
//! This file holds what every chart shares (the frame, the font, the categorical axis,
//! the legend); each kind of chart has its own file.

use std::error::Error;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::prelude::*;

use crate::lang::format::{Lang, number, percent};
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod bar;
mod heatmap;
mod line;
mod progress;

pub(crate) use bar::bar_chart;
pub(crate) use heatmap::heatmap;
pub(crate) use line::line_chart;
pub(crate) use progress::progress_chart;

/// What chart text names in the SVG: DejaVu Sans first (the face text is laid out
/// with), then emoji and CJK faces and the generic family, so a browser draws glyphs
/// DejaVu lacks (emoji, Chinese, Japanese, Korean) from the system's fonts instead of
/// empty boxes. Plotters writes a font's registered name as the `font-family`
/// attribute, so the embedded font is registered under this whole stack. No quotes:
/// plotters does not escape attribute values.
pub(crate) const FONT_STACK: &str = "DejaVu Sans, Noto Color Emoji, Apple Color Emoji, Segoe UI Emoji, Noto Sans CJK JP, Noto Sans, sans-serif";

/// Width and height of every chart in SVG user units.
const SIZE: (u32, u32) = (720, 360);

/// Width of the legend column right of charts with several series.
const LEGEND_WIDTH: u32 = 150;

/// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies),
/// then four of Paul Tol's, so all twelve platforms get a colour of their own.
pub(crate) const PALETTE: [RGBColor; 12] = [
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
pub(crate) struct Labels<'a> {
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

/// How values are written on an axis, in the report's language (`crate::lang::format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Whole numbers with thousands separators: `12,400` / `12.400`.
    Count(Lang),
    /// Fractions shown as percentages: `0.052` → `5.2%` / `5,2 %`.
    Percent(Lang),
}

impl Unit {
    /// Writes a value in this unit.
    pub(crate) fn format(self, value: f64) -> String {
        match self {
            Unit::Count(lang) => number(lang, value),
            Unit::Percent(lang) => percent(lang, value),
        }
    }
}

/// One line of a time chart (a platform's reach over time).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Series {
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
pub(crate) struct BarSeries {
    /// Legend entry (not drawn when there is only one series).
    pub name: String,
    /// One value per category; `None` draws no bar (unknown, not zero).
    pub values: Vec<Option<f64>>,
}

/// Registers the embedded font with plotters once; false if that failed.
fn font_ready() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| {
        plotters::style::register_font(FONT_STACK, FontStyle::Normal, crate::load::CHART_FONT).is_ok()
    })
}

/// Text in the embedded font, named with its fallbacks ([`FONT_STACK`]).
fn font(size: f64) -> FontDesc<'static> {
    (FONT_STACK, size).into_font()
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
         <text x=\"{x}\" y=\"30\" text-anchor=\"middle\" font-family=\"{FONT_STACK}\" font-size=\"16\">{title}</text>\
         <text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" font-family=\"{FONT_STACK}\" font-size=\"12\">{why}</text></svg>",
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
pub(crate) fn truncate(text: &str, max: usize) -> String {
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

/// A time axis in days (days from the common era, as `f64`): its ticks fall on whole
/// days only, each day once, so no date repeats however few days the data spans.
#[derive(Clone, Debug)]
struct Days {
    /// The axis' span in days.
    span: Range<f64>,
    /// Whether ticks carry dates (false for an empty chart, whose span is made up).
    dated: bool,
}

impl Ranged for Days {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let width = (self.span.end - self.span.start).max(f64::EPSILON);
        let share = (value - self.span.start) / width;
        limit.0 + (share * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        day_ticks(&self.span, hint.max_num_points())
    }

    fn range(&self) -> Range<f64> {
        self.span.clone()
    }
}

impl ValueFormatter<f64> for Days {
    fn format(value: &f64) -> String {
        format!("{value}")
    }

    fn format_ext(&self, value: &f64) -> String {
        NaiveDate::from_num_days_from_ce_opt(value.round() as i32)
            .filter(|_| self.dated)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    }
}

/// At most `max` whole days inside `span`, evenly stepped, each day once.
fn day_ticks(span: &Range<f64>, max: usize) -> Vec<f64> {
    if !(span.start.is_finite() && span.end.is_finite()) || span.end < span.start {
        return Vec::new();
    }
    let first = span.start.ceil() as i64;
    let last = span.end.floor() as i64;
    let days = (last - first + 1).max(0) as usize;
    let step = days.div_ceil(max.max(1)).max(1);
    (first..=last).step_by(step).map(|d| d as f64).collect()
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
    let floor = if matches!(unit, Unit::Percent(_)) {
        0.01
    } else {
        1.0
    };
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

#[cfg(test)]
mod tests;
