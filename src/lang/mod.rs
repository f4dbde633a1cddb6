//! The language layer: every word and every number and date format the outputs show,
//! in one place.
//!
//! - `format`: the one formatter of numbers, percentages and dates in the project's
//!   language ([`Lang`]): `113,274`, `4.5%`, `Mar 17, 2027` / `113.274`, `4,5 %`,
//!   `17.03.2027`.
//! - `words`: the one word list ([`Words`]) of the site, the report and the exports, with
//!   plurals, read from the theme's `lang/<code>.toml` and the project's overrides.
//!
//! A leaf above `model`: it imports nothing of the crate (its tests read the embedded
//! theme table), and `site`, `report` and `export` import it; `load` reads its files.

pub(crate) mod format;
pub(crate) mod words;

pub(crate) use format::Lang;
pub(crate) use words::{WordFile, Words};
