//! Numbers as the report and its charts print them (`12,400`, `5.2 %`), the same in every
//! language for now: the site's language-aware forms are in `format`.

/// `12400` → `12,400`; fractions keep one decimal (`2.5`).
pub(crate) fn format_count(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    if value.fract().abs() > 1e-9 && value.abs() < 100.0 {
        return format!("{value:.1}");
    }
    let rounded = value.round().abs() as u64;
    let digits = rounded.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 { format!("-{out}") } else { out }
}

/// `0.0523` → `5.2 %`.
pub(crate) fn format_percent(fraction: f64) -> String {
    if fraction.is_finite() {
        format!("{:.1} %", fraction * 100.0)
    } else {
        "—".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_for_people() {
        assert_eq!(format_count(12_400.0), "12,400");
        assert_eq!(format_count(999.0), "999");
        assert_eq!(format_count(1_234_567.4), "1,234,567");
        assert_eq!(format_count(2.5), "2.5");
        assert_eq!(format_count(-1500.0), "-1,500");
        assert_eq!(format_percent(0.0523), "5.2 %");
        assert_eq!(format_percent(f64::NAN), "—");
    }
}
