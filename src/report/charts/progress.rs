//! Progress charts: each KPI's progress toward its target.

use super::*;

/// Horizontal bars of progress towards targets (1.0 = target reached), with the
/// target marked by a dashed line named `target`; each bar is labelled with its percentage
/// (written in `unit`, a [`Unit::Percent`] in the report's language).
pub(crate) fn progress_chart(
    labels: &Labels<'_>,
    items: &[(String, Option<f64>)],
    target: &str,
    unit: Unit,
) -> String {
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
        let percent = |v: &f64| unit.format(*v);
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
                Some(v) => (v, format!(" {}", unit.format(v))),
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
