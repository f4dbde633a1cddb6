//! `touchpoint count`: a text measured as one network measures it, for terminals and
//! editors. Part of the binary (the command-line side): the library's networks layer
//! ([`touchpoint::platform`]) counts, this module only words the result.

use serde::Serialize;
use touchpoint::diagnostic::thousands;
use touchpoint::platform::{Platform, measure};

/// What `touchpoint count --json` prints: `{"platform","length","limit","remaining","valid"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct CountReport {
    /// The network's name.
    pub platform: Platform,
    /// The count in the network's unit.
    pub length: usize,
    /// The limit in force, if the network has one.
    pub limit: Option<usize>,
    /// What is left before the limit (negative when over).
    pub remaining: Option<i64>,
    /// Whether the network accepts the text (limits, byte limit, refused characters).
    pub valid: bool,
    /// The human line, kept out of the JSON.
    #[serde(skip)]
    pub summary: String,
}

/// Drops one trailing line break (from `echo` or a terminal), which is not part of the text.
pub(crate) fn strip_terminal_newline(input: &str) -> &str {
    input
        .strip_suffix("\r\n")
        .or_else(|| input.strip_suffix('\n'))
        .unwrap_or(input)
}

/// Measures standard input's text for `platform`; `max_chars` overrides the limit
/// (e.g. a Mastodon instance with 1,000 characters).
pub(crate) fn count_text(platform: Platform, input: &str, max_chars: Option<usize>) -> CountReport {
    let text = strip_terminal_newline(input);
    let m = measure(platform, text, max_chars);
    let mut summary = match (m.limit, m.remaining()) {
        (Some(limit), Some(remaining)) if remaining >= 0 => format!(
            "{}: {} of {} {} ({} remaining)",
            platform.display_name(),
            thousands(m.length),
            thousands(limit),
            m.unit.describe(),
            thousands(remaining.unsigned_abs() as usize)
        ),
        (Some(limit), _) => format!(
            "{}: {} of {} {} ({} over)",
            platform.display_name(),
            thousands(m.length),
            thousands(limit),
            m.unit.describe(),
            thousands(m.over())
        ),
        _ => format!(
            "{}: {} {} (no published limit)",
            platform.display_name(),
            thousands(m.length),
            m.unit.describe()
        ),
    };
    if let (Some(bytes), Some(limit)) = (m.bytes, m.byte_limit) {
        summary.push_str(&format!("; {} of {} bytes", thousands(bytes), thousands(limit)));
    }
    if !m.forbidden.is_empty() {
        let list: Vec<String> = m
            .forbidden
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        summary.push_str(&format!("; refused characters: {}", list.join(", ")));
    }
    CountReport {
        platform,
        length: m.length,
        limit: m.limit,
        remaining: m.remaining(),
        valid: m.valid(),
        summary,
    }
}

/// The JSON line of a report.
pub(crate) fn render_json(report: &CountReport) -> String {
    serde_json::to_string(report).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_trailing_newline_is_dropped() {
        assert_eq!(strip_terminal_newline("abc\n"), "abc");
        assert_eq!(strip_terminal_newline("abc\r\n"), "abc");
        assert_eq!(strip_terminal_newline("abc\n\n"), "abc\n");
        assert_eq!(strip_terminal_newline("abc  "), "abc  ");
    }

    #[test]
    fn json_has_the_documented_fields_in_order() {
        let r = count_text(Platform::X, "Hi http://test.co\n", None);
        assert_eq!(
            render_json(&r),
            r#"{"platform":"x","length":26,"limit":280,"remaining":254,"valid":true}"#
        );
        assert_eq!(
            r.summary,
            "X: 26 of 280 weighted characters (twitter-text v3) (254 remaining)"
        );
    }

    #[test]
    fn over_limit_and_unknown_limits() {
        let r = count_text(Platform::Bluesky, &"a".repeat(301), None);
        assert_eq!((r.remaining, r.valid), (Some(-1), false));
        assert!(r.summary.contains("1 over"), "{}", r.summary);
        let r = count_text(Platform::Xing, "abc", None);
        assert_eq!(
            render_json(&r),
            r#"{"platform":"xing","length":3,"limit":null,"remaining":null,"valid":true}"#
        );
        let r = count_text(Platform::Mastodon, &"a".repeat(600), Some(1000));
        assert_eq!(r.remaining, Some(400));
    }
}
