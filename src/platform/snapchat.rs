//! Snapchat: no published text or media limits were found, so Touchpoint counts
//! characters for the preview but checks no limit; posts need a manual check.

use super::{Platform, Spec, unicode};

/// Snapchat's (unknown) limits.
pub const SPEC: Spec = super::undocumented_spec(Platform::Snapchat);

/// Characters (code points), for the preview.
pub fn count(text: &str) -> usize {
    unicode::code_points(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::measure;

    #[test]
    fn counts_characters_without_a_limit() {
        assert_eq!(count("Hallo 👋"), 7);
        let m = measure(Platform::Snapchat, &"a".repeat(100_000), None);
        assert_eq!((m.limit, m.remaining()), (None, None));
        assert!(m.valid());
    }
}
