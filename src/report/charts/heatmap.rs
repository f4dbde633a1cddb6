//! Heat maps: a value per weekday and hour, shaded on one scale.

use super::*;

/// A grid of cells shaded by value: posting weekday (rows) × hour (columns).
/// `values[row][column]`; `None` cells (no posts then) are grey.
pub(crate) fn heatmap(
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
