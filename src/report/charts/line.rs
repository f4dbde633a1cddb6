//! Line charts: a value over time, one line per series (reach or engagements per platform per week).

use super::*;

/// Lines over time, one per series (reach or engagements per platform per week).
pub(crate) fn line_chart(labels: &Labels<'_>, series: &[Series], unit: Unit) -> String {
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
            .build_cartesian_2d(
                Days {
                    span: first..last,
                    dated: !points.is_empty(),
                },
                value_range(max, unit),
            )?;
        let value_label = |v: &f64| unit.format(*v);
        chart
            .configure_mesh()
            .x_desc(labels.x)
            .y_desc(labels.y)
            .x_labels(5)
            .y_labels(6)
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
            // Each entry in its series' own colour (a platform keeps its colour from
            // chart to chart, so it is not the series' place in this chart).
            let entries: Vec<(&str, RGBColor)> = series
                .iter()
                .map(|s| (s.name.as_str(), colour_at(s.colour)))
                .collect();
            draw_legend(&legend, &entries, Key::Line)?;
        }
        Ok(())
    })
}
