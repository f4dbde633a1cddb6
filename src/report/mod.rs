//! The performance report: aggregates of the metrics and the charts behind `report.html`.

pub mod charts;
