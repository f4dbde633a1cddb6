//! The language layer: every word and number format the outputs show, in one place.
//!
//! - `format`: the site's dates and numbers in the project's language ([`Lang`]).
//! - `labels`: the site's UI words (English, German).
//! - `words`: the report's vocabulary (English, German).
//! - `numbers`: the report's and charts' number forms.
//!
//! They are housed together but not merged yet: the site and the report still keep
//! their own tables and formats, and a later issue unifies them. A leaf above
//! `model`: it imports nothing of the crate but the theme table its label test reads,
//! and `site`, `report` and `export` import it.

pub(crate) mod format;
pub(crate) mod labels;
pub(crate) mod numbers;
pub(crate) mod words;

pub(crate) use format::Lang;
