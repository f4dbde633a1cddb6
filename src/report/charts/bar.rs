//! Bar charts: values per category, one bar per series and category.

use super::*;

/// Vertical bars per category; several series are drawn side by side with a legend
/// (pillar mix: actual share next to target share). A single series carries its values.
pub(crate) fn bar_chart(
    labels: &Labels<'_>,
    categories: &[String],
    series: &[BarSeries],
    unit: Unit,
) -> String {
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
